//! From an article's text to reviewed snapshots, with commands only: no
//! line of YAML is written by hand. A made-up story about a city's bike
//! hire goes through `new`, `add source` (a speaker per excerpt), `add
//! term`, `add fact`, `add claim` (from flags and from piped YAML), `edit`
//! and `remove`; then the per-claim tests run on it (`FACTCHECK_ROOT`
//! points `tests/claims.rs` at the new project), fail for the new
//! snapshots, which are read and accepted, and pass.

mod common;

use std::process::Command;

use common::{Run, Sandbox};
use factcheck::exit;

const ARTICLE: &str = "Bike hire trips in Lakeside double\n\n\
The city’s bike hire scheme recorded 84,000 trips in August, twice as many as a year earlier, the transport office said. \
“People have found the bikes,” said Omar Sato, head of the scheme. The scheme began in 2019.\n";

const SOURCE: &str = "example-lakeside-transport-office-2024-09-02";

fn ok(sandbox: &Sandbox, args: &[&str]) -> Run {
    let run = sandbox.run(args);
    run.expect_code(exit::OK);
    run
}

/// `cargo test --test claims` on the sandbox's project.
fn claims_tests(sandbox: &Sandbox, update: &str) -> Run {
    let output = Command::new(env!("CARGO"))
        .args(["test", "--quiet", "--test", "claims"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("FACTCHECK_ROOT", sandbox.path())
        .env("INSTA_UPDATE", update)
        .env_remove("CI")
        .env_remove("INSTA_FORCE_PASS")
        .output()
        .unwrap();
    Run::from(output)
}

/// The pending snapshots under the project's `snapshots/`, sorted.
fn pending(sandbox: &Sandbox) -> Vec<String> {
    let dir = sandbox.file("snapshots/lakeside-bikes");
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| entries.map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default();
    names.retain(|n| n.ends_with(".snap.new"));
    names.sort();
    names
}

/// Accepts each pending snapshot the way the README says: `cargo insta
/// accept --snapshot <path>` (which wants the project to be a cargo package,
/// as this repository is), or, where cargo-insta is not installed, what it
/// does: the pending file replaces the accepted one.
fn accept(sandbox: &Sandbox, names: &[String]) {
    let has_insta = Command::new(env!("CARGO")).args(["insta", "--version"]).output().is_ok_and(|o| o.status.success());
    if has_insta {
        sandbox.write(
            "Cargo.toml",
            "[package]\nname = \"lakeside\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\n[lib]\npath = \"lib.rs\"\n",
        );
        sandbox.write("lib.rs", "");
        let listed = Command::new(env!("CARGO"))
            .args(["insta", "pending-snapshots"])
            .current_dir(sandbox.path())
            .output()
            .unwrap();
        let listed = String::from_utf8_lossy(&listed.stdout).into_owned();
        for name in names {
            let path = format!("snapshots/lakeside-bikes/{}", name.trim_end_matches(".new"));
            assert!(listed.contains(&path), "pending-snapshots lists {path}:\n{listed}");
            let status = Command::new(env!("CARGO"))
                .args(["insta", "accept", "--snapshot", &path])
                .current_dir(sandbox.path())
                .output()
                .unwrap();
            assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
        }
    } else {
        for name in names {
            let from = sandbox.file(&format!("snapshots/lakeside-bikes/{name}"));
            std::fs::rename(&from, from.with_extension("")).unwrap();
        }
    }
}

#[test]
fn a_new_article_goes_from_text_to_reviewed_snapshots_with_commands_only() {
    let sandbox = Sandbox::empty();
    sandbox.write("draft.txt", ARTICLE);
    ok(
        &sandbox,
        &[
            "new",
            "lakeside-bikes",
            "--text",
            "draft.txt",
            "--publisher",
            "Example Lakeside Post",
            "--url",
            "https://example.org/lakeside/bikes",
            "--published",
            "2024-09-03",
            "--title",
            "Bike hire trips in Lakeside double",
            "--note",
            "A made-up story for the tool's tests.",
        ],
    );
    ok(
        &sandbox,
        &[
            "add",
            "source",
            "--publisher",
            "Example Lakeside Transport Office",
            "--title",
            "Bike hire: August 2024 figures",
            "--url",
            "https://example.org/lakeside-transport/bike-hire-august-2024",
            "--published",
            "2024-09-02",
            "--kind",
            "primary",
            "--excerpt",
            "Trips on the bike hire scheme reached 84,000 in August.",
            "--excerpt",
            "“People have found the bikes,” said Omar Sato, head of the scheme.",
            "--speaker",
            "lakeside-transport-office",
            "--quoting",
            "-",
            "--quoting",
            "omar-sato",
        ],
    );
    ok(&sandbox, &["add", "term", "--term", "lakeside-bike-hire", "--label", "Lakeside’s bike hire scheme"]);
    let fact = ok(
        &sandbox,
        &[
            "add",
            "fact",
            "--subject",
            "lakeside-bike-hire",
            "--measure",
            "trips-in-august-2024",
            "--value",
            "84000",
            "--unit",
            "trips",
            "--as-of",
            "2024-09-02",
            "--source",
            SOURCE,
        ],
    );
    assert!(fact.stdout.contains("to reference/facts/lakeside-bike-hire.yaml (no facts file holds"), "{}", fact.stdout);
    ok(
        &sandbox,
        &[
            "add",
            "fact",
            "--subject",
            "lakeside-bike-hire-launch",
            "--measure",
            "date",
            "--date",
            "2019",
            "--source",
            SOURCE,
        ],
    );

    // A claim with a typo in its figure: contradicted, then corrected with `edit`.
    let typo = ok(
        &sandbox,
        &[
            "add",
            "claim",
            "lakeside-bikes",
            "--id",
            "trips-84000",
            "--text",
            "recorded 84,000 trips in August",
            "--kind",
            "quantity",
            "--subject",
            "lakeside-bike-hire",
            "--measure",
            "trips-in-august-2024",
            "--value",
            "8400",
            "--unit",
            "trips",
            "--source",
            SOURCE,
            "--expect",
            "supported",
        ],
    );
    assert!(typo.stdout.contains("contradicted trips-84000"), "{}", typo.stdout);
    let fixed = ok(&sandbox, &["edit", "claim", "trips-84000", "--value", "84000"]);
    assert!(fixed.stdout.contains("supported    trips-84000"), "{}", fixed.stdout);

    // A quote claim piped as a script writes it: flow style, keys in any order.
    let piped = "{words: People have found the bikes, speaker: omar-sato, kind: quote, expect: supported,\n  text: \"“People have found the bikes,” said Omar Sato\", sources: [example-lakeside-transport-office-2024-09-02]}\n";
    let run = sandbox.run_with_stdin(&["add", "claim", "lakeside-bikes", "--from-yaml", "-"], piped);
    run.expect_code(exit::OK);
    assert!(run.stdout.contains("supported    people-found-bikes-said-omar"), "{}", run.stdout);

    ok(
        &sandbox,
        &[
            "add",
            "claim",
            "lakeside-bikes",
            "--id",
            "began-2019",
            "--text",
            "The scheme began in 2019.",
            "--kind",
            "date",
            "--event",
            "lakeside-bike-hire-launch",
            "--date",
            "2019",
            "--source",
            SOURCE,
            "--expect",
            "supported",
        ],
    );
    // A claim added by mistake, then removed.
    ok(
        &sandbox,
        &[
            "add",
            "claim",
            "lakeside-bikes",
            "--id",
            "twice-as-many",
            "--text",
            "twice as many as a year earlier",
            "--kind",
            "opinion",
        ],
    );
    ok(&sandbox, &["remove", "claim", "twice-as-many"]);

    let check = ok(&sandbox, &["check"]);
    assert!(check.stdout.contains("3 claims in 1 article: 3 supported; all as expected"), "{}", check.stdout);

    // The per-claim tests: each new claim fails for its missing snapshot, left pending.
    let first = claims_tests(&sandbox, "new");
    assert_ne!(first.code, 0, "new snapshots fail the first run:\n{}", first.stdout);
    for name in
        ["lakeside-bikes::trips-84000", "lakeside-bikes::people-found-bikes-said-omar", "lakeside-bikes::began-2019"]
    {
        assert!(first.stdout.contains(&format!("    {name}\n")), "{name} should fail:\n{}", first.stdout);
    }
    let names = pending(&sandbox);
    assert_eq!(names, ["began-2019.snap.new", "people-found-bikes-said-omar.snap.new", "trips-84000.snap.new"]);
    // Read before accepting: each is supported, with the claim's words in its header.
    for name in &names {
        let snapshot = sandbox.read(&format!("snapshots/lakeside-bikes/{name}"));
        assert!(snapshot.contains("verdict: supported"), "{name}:\n{snapshot}");
        assert!(snapshot.contains("description: "), "{name}:\n{snapshot}");
    }
    accept(&sandbox, &names);
    assert!(pending(&sandbox).is_empty());

    let second = claims_tests(&sandbox, "no");
    assert_eq!(second.code, 0, "accepted, every test passes:\n{}\n{}", second.stdout, second.stderr);
    assert!(second.stdout.contains("4 passed; 0 failed"), "{}", second.stdout);
}
