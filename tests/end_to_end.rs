//! From an article's text to reviewed snapshots, with commands only: no
//! line of YAML is written by hand. A made-up story about a city's bike
//! hire goes through `new`, `add source` (a speaker per excerpt), `add
//! term`, `add fact`, then `suggest --write` (drafts of its claims, read
//! from the text), `edit` (the fields the words could not give, a typo and
//! its fix, and `--expect`, which reviews a draft), `remove` (a draft not
//! wanted) and `add claim` from piped YAML; then the per-claim tests run
//! on it (`FACTCHECK_ROOT` points `tests/claims.rs` at the new project),
//! list the draft still waiting as ignored, fail for the new snapshots,
//! which are read and accepted, and pass.

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
            "Trips on the bike hire scheme reached 84,000 in August, against 42,000 in August 2023.",
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
            "trips",
            "--value",
            "84000",
            "--unit",
            "trips",
            "--period",
            "2024-08",
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
            "lakeside-bike-hire",
            "--measure",
            "trips",
            "--value",
            "42000",
            "--unit",
            "trips",
            "--period",
            "2023-08",
            "--source",
            SOURCE,
        ],
    );
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
    ok(
        &sandbox,
        &[
            "add",
            "fact",
            "--subject",
            "omar-sato",
            "--predicate",
            "role",
            "--object",
            "head",
            "--organisation",
            "lakeside-bike-hire",
            "--valid-from",
            "2019",
            "--source",
            SOURCE,
        ],
    );

    // Drafts from the text: every check-worthy sentence gets the claims its words give.
    let listed = ok(&sandbox, &["suggest", "lakeside-bikes"]);
    assert!(listed.stdout.contains("6 drafts for the 4 uncovered check-worthy sentences"), "{}", listed.stdout);
    let dry = ok(&sandbox, &["suggest", "lakeside-bikes", "--write", "--dry-run"]);
    assert!(dry.stdout.contains("+    draft: true\n"), "{}", dry.stdout);
    assert!(!sandbox.read("claims/lakeside-bikes.yaml").contains("draft: true"), "a dry run writes nothing");
    let written = ok(&sandbox, &["suggest", "lakeside-bikes", "--write"]);
    assert!(written.stdout.starts_with("wrote 6 drafts to claims/lakeside-bikes.yaml: "), "{}", written.stdout);
    let again = ok(&sandbox, &["suggest", "lakeside-bikes", "--write"]);
    assert!(again.stdout.contains("nothing to write"), "a second --write adds nothing:\n{}", again.stdout);
    let claims = sandbox.read("claims/lakeside-bikes.yaml");
    for drafted in [
        "  - id: city-bike-hire-scheme-recorded\n    text: The city’s bike hire scheme recorded 84,000 trips in August\n    kind: quantity\n    draft: true\n    value: 84000\n    unit: trips\n    period: August\n",
        "  - id: twice-many-year-earlier\n    text: twice as many as a year earlier\n    kind: ratio\n    draft: true\n    value: 2\n    period: August\n    base_period: August last year\n",
        "  - id: people-found-bikes-said-omar\n    text: “People have found the bikes,” said Omar Sato\n    kind: quote\n    draft: true\n    speaker: omar-sato\n    words: People have found the bikes\n",
        "  - id: scheme-began-2019\n    text: The scheme began in 2019\n    kind: date\n    draft: true\n    date: \"2019\"\n",
    ] {
        assert!(claims.contains(drafted), "{drafted}\nnot in:\n{claims}");
    }
    // Drafts are listed, never checked, and fail nothing.
    let waiting = ok(&sandbox, &["check"]);
    assert!(
        waiting.stdout.contains("0 claims in 1 article; all as expected; 6 drafts wait for review"),
        "{}",
        waiting.stdout
    );
    assert!(
        waiting
            .stdout
            .contains("    draft        city-bike-hire-scheme-recorded   quantity; needs subject, measure, expect\n"),
        "{}",
        waiting.stdout
    );

    // Each draft gets what the words could not give, and its verdict, with `edit`.
    // A typo in a field is a contradicted claim at once, and mended the same way.
    let typo = ok(
        &sandbox,
        &[
            "edit",
            "claim",
            "city-bike-hire-scheme-recorded",
            "--subject",
            "lakeside-bike-hire",
            "--measure",
            "trips",
            "--value",
            "8400",
            "--sources",
            SOURCE,
            "--expect",
            "supported",
        ],
    );
    assert!(typo.stdout.contains("contradicted city-bike-hire-scheme-recorded"), "{}", typo.stdout);
    let fixed = ok(&sandbox, &["edit", "claim", "city-bike-hire-scheme-recorded", "--value", "84000"]);
    assert!(fixed.stdout.contains("supported    city-bike-hire-scheme-recorded"), "{}", fixed.stdout);
    for (id, fields) in [
        ("twice-many-year-earlier", &["--subject", "lakeside-bike-hire", "--measure", "trips"][..]),
        ("people-found-bikes-said-omar", &[][..]),
        ("scheme-began-2019", &["--event", "lakeside-bike-hire-launch"][..]),
    ] {
        let args = [&["edit", "claim", id][..], fields, &["--sources", SOURCE, "--expect", "supported"]].concat();
        let run = ok(&sandbox, &args);
        assert!(run.stdout.contains(&format!("supported    {id}")), "{}", run.stdout);
    }
    // A draft not wanted goes; the role is written by a script instead, as YAML on standard input.
    ok(&sandbox, &["remove", "claim", "omar-sato-head"]);
    let piped = "{object: head, kind: event, predicate: role, subject: omar-sato, organisation: lakeside-bike-hire,\n  text: \"Omar Sato, head of the scheme\", sources: [example-lakeside-transport-office-2024-09-02], expect: supported}\n";
    let run = sandbox.run_with_stdin(&["add", "claim", "lakeside-bikes", "--from-yaml", "-"], piped);
    run.expect_code(exit::OK);
    assert!(run.stdout.contains("supported    omar-sato-head-scheme"), "{}", run.stdout);

    let check = ok(&sandbox, &["check"]);
    assert!(
        check.stdout.contains("5 claims in 1 article: 5 supported; all as expected; 1 draft waits for review"),
        "{}",
        check.stdout
    );
    assert!(
        !sandbox.read("claims/lakeside-bikes.yaml").contains("expect: supported\n    draft"),
        "reviewed drafts lose draft: true"
    );

    // The per-claim tests: each reviewed claim fails for its missing snapshot, left pending; the draft is ignored.
    let first = claims_tests(&sandbox, "new");
    assert_ne!(first.code, 0, "new snapshots fail the first run:\n{}", first.stdout);
    let reviewed = [
        "city-bike-hire-scheme-recorded",
        "omar-sato-head-scheme",
        "people-found-bikes-said-omar",
        "scheme-began-2019",
        "twice-many-year-earlier",
    ];
    for id in reviewed {
        assert!(first.stdout.contains(&format!("    lakeside-bikes::{id}\n")), "{id} should fail:\n{}", first.stdout);
    }
    assert!(first.stdout.contains("1 ignored"), "the draft's test is ignored:\n{}", first.stdout);
    let names = pending(&sandbox);
    let expected: Vec<String> = reviewed.iter().map(|id| format!("{id}.snap.new")).collect();
    assert_eq!(names, expected);
    // Read before accepting: each is supported, with the claim's words in its header.
    for name in &names {
        let snapshot = sandbox.read(&format!("snapshots/lakeside-bikes/{name}"));
        assert!(snapshot.contains("verdict: supported"), "{name}:\n{snapshot}");
        assert!(snapshot.contains("description: "), "{name}:\n{snapshot}");
    }
    accept(&sandbox, &names);
    assert!(pending(&sandbox).is_empty());

    // The last draft, the headline, is reviewed too: its snapshot is recorded and accepted the same way.
    let headline = ok(
        &sandbox,
        &[
            "edit",
            "claim",
            "bike-hire-trips-lakeside-double",
            "--subject",
            "lakeside-bike-hire",
            "--measure",
            "trips",
            "--period",
            "August",
            "--base-period",
            "August last year",
            "--sources",
            SOURCE,
            "--expect",
            "supported",
        ],
    );
    assert!(headline.stdout.contains("supported    bike-hire-trips-lakeside-double"), "{}", headline.stdout);
    assert!(!sandbox.read("claims/lakeside-bikes.yaml").contains("draft: true"), "no draft is left");
    let second = claims_tests(&sandbox, "new");
    assert_ne!(second.code, 0, "the headline's new snapshot fails the run:\n{}", second.stdout);
    accept(&sandbox, &pending(&sandbox));

    let last = claims_tests(&sandbox, "no");
    assert_eq!(last.code, 0, "accepted, every test passes:\n{}\n{}", last.stdout, last.stderr);
    assert!(last.stdout.contains("7 passed; 0 failed; 0 ignored"), "{}", last.stdout);
}
