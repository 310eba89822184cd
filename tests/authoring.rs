//! Authoring by command: `new`, `add claim|source|fact` and `suggest`, on
//! copies of fixture projects. Nothing a user wrote may be lost.

mod common;

use common::Sandbox;
use factcheck::exit;

const CLAIMS: &str = "claims/iraq-coalition-announcement-postponed.yaml";

fn unified_diff(before: &str, after: &str) -> String {
    similar::TextDiff::from_lines(before, after).unified_diff().context_radius(2).header("before", "after").to_string()
}

#[test]
fn add_claim_appends_and_leaves_comments_and_order_alone() {
    let sandbox = Sandbox::seed();
    let before = sandbox.read(CLAIMS);
    let run = sandbox.run(&[
        "add",
        "claim",
        "iraq-coalition-announcement-postponed",
        "--text",
        "Iraq’s Foreign Ministry announced in a statement",
        "--kind",
        "event",
        "--subject",
        "iraq-government",
        "--predicate",
        "postponed",
        "--object",
        "announcement-of-coalition-end-date",
        "--source",
        "reuters-dunya-2024-08-15",
        "--note",
        "Checks only that the ministry made a statement: \"announced\".",
    ]);
    run.expect_code(exit::OK);
    let after = sandbox.read(CLAIMS);
    insta::assert_snapshot!("add_claim_diff", unified_diff(&before, &after));
    assert!(run.stdout.contains("added claim `iraq-foreign-ministry-announced-statement`"), "{}", run.stdout);
    assert!(run.stdout.contains("supported    iraq-foreign-ministry-announced-statement"), "{}", run.stdout);
    assert!(run.stdout.contains("cargo test --test claims -- iraq-coalition-announcement-postponed::iraq-foreign-ministry-announced-statement"), "{}", run.stdout);
    assert!(run.stderr.contains("overlaps claim `fm-statement-thursday`"), "{}", run.stderr);
    sandbox.run(&["validate"]).expect_code(exit::OK);
}

#[test]
fn concurrent_adds_both_land() {
    let sandbox = Sandbox::seed();
    let spawn = |text: &str, id: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_factcheck"))
            .args([
                "add",
                "claim",
                "iraq-coalition-announcement-postponed",
                "--id",
                id,
                "--text",
                text,
                "--kind",
                "opinion",
            ])
            .current_dir(sandbox.path())
            .env("NO_COLOR", "1")
            .stdin(std::process::Stdio::null())
            .spawn()
            .unwrap()
    };
    let children: Vec<_> =
        (0..4).map(|n| spawn("US troops should have left Iraq years ago!", &format!("concurrent-{n}"))).collect();
    for mut child in children {
        assert!(child.wait().unwrap().success());
    }
    let text = sandbox.read(CLAIMS);
    for n in 0..4 {
        assert_eq!(text.matches(&format!("id: concurrent-{n}\n")).count(), 1, "claim {n} was lost:\n{text}");
    }
    sandbox.run(&["validate"]).expect_code(exit::OK);
    let leftovers: Vec<String> = std::fs::read_dir(sandbox.file("claims"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// Runs an `add claim` that must be refused, and checks the file is untouched.
fn refused(sandbox: &Sandbox, args: &[&str]) -> String {
    let before = sandbox.read(CLAIMS);
    let mut all = vec!["add", "claim", "iraq-coalition-announcement-postponed"];
    all.extend_from_slice(args);
    let run = sandbox.run(&all);
    run.expect_code(exit::DATA_ERROR);
    assert_eq!(sandbox.read(CLAIMS), before, "a refused add changed the file");
    run.stderr
}

#[test]
fn an_unknown_source_is_refused_with_its_location() {
    let sandbox = Sandbox::seed();
    let stderr = refused(
        &sandbox,
        &[
            "--text",
            "US troops should have left Iraq years ago!",
            "--kind",
            "opinion",
            "--source",
            "reuters-dunya-2024-08-51",
        ],
    );
    insta::assert_snapshot!(stderr, @r"
    error: unknown source `reuters-dunya-2024-08-51`
       --> claims/iraq-coalition-announcement-postponed.yaml:406:15
        |
    406 |     sources: [reuters-dunya-2024-08-51]
        |               ^^^^^^^^^^^^^^^^^^^^^^^^ not in reference/sources.yaml
        |
        = help: did you mean `reuters-dunya-2024-08-15`?

    1 error in 1 file
    error: nothing was written: 1 problem in the change
    ");
}

#[test]
fn text_not_in_the_article_is_refused_with_its_location() {
    let sandbox = Sandbox::seed();
    let stderr = refused(&sandbox, &["--text", "US troops should have left Iraq decades ago!", "--kind", "opinion"]);
    insta::assert_snapshot!(stderr, @r"
    error: the text of claim `us-troops-should-left-iraq` is not in the article
       --> claims/iraq-coalition-announcement-postponed.yaml:404:11
        |
    404 |     text: US troops should have left Iraq decades ago!
        |           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ not found in the article
        |
        = help: the article matches up to `US troops should have left Iraq`, then differs at ` decades ago!`

    1 error in 1 file
    error: nothing was written: 1 problem in the change
    ");
}

#[test]
fn a_duplicate_id_is_refused_with_its_location() {
    let sandbox = Sandbox::seed();
    let stderr = refused(
        &sandbox,
        &["--id", "us-troops-about-2500", "--text", "US troops should have left Iraq years ago!", "--kind", "opinion"],
    );
    assert!(stderr.contains("error: duplicate claim id `us-troops-about-2500`"), "{stderr}");
    assert!(stderr.contains("--> claims/iraq-coalition-announcement-postponed.yaml:403:9"), "{stderr}");
    assert!(stderr.contains("already used at claims/iraq-coalition-announcement-postponed.yaml:"), "{stderr}");
}

#[test]
fn a_bad_date_is_refused_with_its_location() {
    let sandbox = Sandbox::seed();
    let stderr = refused(
        &sandbox,
        &[
            "--text",
            "which was issued in 2014",
            "--kind",
            "date",
            "--event",
            "iraq-request-for-us-military-assistance-against-isis",
            "--date",
            "2014-02-30",
        ],
    );
    assert!(stderr.contains("error: `2014-02-30` is not a date: 2014-02 has 28 days"), "{stderr}");
    assert!(stderr.contains("--> claims/iraq-coalition-announcement-postponed.yaml:407:11"), "{stderr}");
    assert!(stderr.contains("help: write a date as"), "{stderr}");
}

#[test]
fn missing_fields_name_their_flags_when_nobody_can_be_asked() {
    let sandbox = Sandbox::seed();
    let run = sandbox.run(&[
        "add",
        "claim",
        "iraq-coalition-announcement-postponed",
        "--kind",
        "quantity",
        "--text",
        "Five US personnel were injured in the attack.",
    ]);
    run.expect_code(exit::DATA_ERROR);
    assert_eq!(run.stderr, "error: missing --subject, --measure, --value, --unit; give them as flags (see --help)\n");
}

#[test]
fn missing_fields_are_asked_for_on_a_terminal() {
    // `script` gives the command a terminal; answers come through it.
    if std::process::Command::new("script").arg("--version").output().is_err() {
        eprintln!("skipped: `script` (util-linux) is not installed");
        return;
    }
    let sandbox = Sandbox::seed();
    let command = format!(
        "NO_COLOR=1 {} add claim iraq-coalition-announcement-postponed --kind opinion",
        env!("CARGO_BIN_EXE_factcheck")
    );
    let mut child = std::process::Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .current_dir(sandbox.path())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all("US troops should have left Iraq years ago!\n".as_bytes()).unwrap();
    let output = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}");
    assert!(stdout.contains("text: "), "{stdout}");
    assert!(stdout.contains("added claim `us-troops-should-left-iraq`"), "{stdout}");
}

#[test]
fn a_claim_can_be_piped_as_yaml_with_its_comments() {
    let sandbox = Sandbox::seed();
    let block = "- id: piped-opinion # a comment that must survive\n  text: US troops should have left Iraq years ago!\n  kind: opinion\n  expect: opinion\n";
    sandbox
        .run_with_stdin(&["add", "claim", "iraq-coalition-announcement-postponed", "--from-yaml", "-"], block)
        .expect_code(exit::OK);
    let text = sandbox.read(CLAIMS);
    assert!(text.ends_with("\n\n  - id: piped-opinion # a comment that must survive\n    text: US troops should have left Iraq years ago!\n    kind: opinion\n    expect: opinion\n"), "{text}");
}

#[test]
fn new_then_add_then_check_works_on_a_fresh_article() {
    let sandbox = Sandbox::empty();
    sandbox.write(
        "draft.txt",
        "The ministry said on Tuesday that 40 advisers left the base.\n“It is a first step,” a spokesman said.\n",
    );
    sandbox
        .run(&[
            "new",
            "advisers-leave",
            "--text",
            "draft.txt",
            "--publisher",
            "Example News",
            "--url",
            "https://example.org/advisers",
            "--published",
            "2024-09-04",
        ])
        .expect_code(exit::OK);
    assert_eq!(sandbox.read("articles/advisers-leave.txt"), sandbox.read("draft.txt"));
    assert!(
        sandbox
            .read("claims/advisers-leave.yaml")
            .starts_with("# yaml-language-server: $schema=../schema/claims.schema.json\n")
    );
    let again = sandbox.run(&[
        "new",
        "advisers-leave",
        "--text",
        "draft.txt",
        "--publisher",
        "X",
        "--url",
        "https://example.org/",
        "--published",
        "2024-09-04",
    ]);
    again.expect_code(exit::DATA_ERROR);
    assert!(
        again.stderr.contains("`articles/advisers-leave.txt` already exists; nothing was overwritten"),
        "{}",
        again.stderr
    );

    sandbox
        .run(&[
            "add",
            "source",
            "--publisher",
            "Example Wire",
            "--title",
            "Advisers leave base",
            "--url",
            "https://example.org/wire",
            "--published",
            "2024-09-03",
            "--kind",
            "wire",
            "--excerpt",
            "Forty advisers left the base on Tuesday.",
        ])
        .expect_code(exit::OK);
    sandbox
        .run(&[
            "add",
            "fact",
            "--subject",
            "advisers-leaving-base",
            "--measure",
            "count",
            "--value",
            "40",
            "--unit",
            "advisers",
            "--as-of",
            "2024-09-03",
            "--source",
            "example-wire-2024-09-03",
        ])
        .expect_code(exit::OK);
    let run = sandbox.run(&[
        "add",
        "claim",
        "advisers-leave",
        "--text",
        "40 advisers left the base",
        "--kind",
        "quantity",
        "--subject",
        "advisers-leaving-base",
        "--measure",
        "count",
        "--value",
        "40",
        "--unit",
        "advisers",
        "--source",
        "example-wire-2024-09-03",
        "--expect",
        "supported",
    ]);
    run.expect_code(exit::OK);
    assert!(run.stdout.contains("supported    40-advisers-left-base"), "{}", run.stdout);
    let check = sandbox.run(&["check"]);
    check.expect_code(exit::OK);
    assert!(check.stdout.contains("1 claim in 1 article: 1 supported; all as expected"), "{}", check.stdout);
    let suggest = sandbox.run(&["suggest", "advisers-leave"]);
    suggest.expect_code(exit::OK);
    assert!(
        suggest.stdout.contains("2 sentences: 2 check-worthy, 1 covered by a claim (50% of all sentences)"),
        "{}",
        suggest.stdout
    );
    assert!(
        suggest.stdout.contains("  kind: quote\n  draft: true\n  speaker: spokesman\n  words: It is a first step\n"),
        "{}",
        suggest.stdout
    );
}

#[test]
fn suggest_marks_every_sentence_that_holds_a_claim() {
    let articles = [common::seed_project(), common::fixture_project("newsroom")].map(|p| p.articles).concat();
    assert_eq!(articles.len(), 3);
    for article in &articles {
        let suggestions = factcheck::suggest::suggest(article);
        for sentence in &suggestions.sentences {
            assert!(
                sentence.claims.is_empty() || sentence.check_worthy,
                "sentence {} holds {:?} but is not marked:\n{}",
                sentence.number,
                sentence.claims,
                sentence.text
            );
        }
        let mut claimed: Vec<&str> =
            suggestions.sentences.iter().flat_map(|s| s.claims.iter().map(String::as_str)).collect();
        claimed.sort();
        claimed.dedup();
        assert_eq!(claimed.len(), article.claims.len(), "every claim lies in some sentence");
    }
}

#[test]
fn add_source_and_fact_refuse_what_would_break_the_data() {
    let sandbox = Sandbox::seed();
    let before = sandbox.read("reference/sources.yaml");
    let run = sandbox.run(&[
        "add",
        "source",
        "--publisher",
        "X",
        "--title",
        "T",
        "--url",
        "ftp://example.org/",
        "--published",
        "2024-09-31",
        "--kind",
        "wire",
    ]);
    run.expect_code(exit::DATA_ERROR);
    assert!(run.stderr.contains("`ftp://example.org/` is not an http or https URL"), "{}", run.stderr);
    assert!(run.stderr.contains("2024-09 has 30 days"), "{}", run.stderr);
    assert_eq!(sandbox.read("reference/sources.yaml"), before);
    let run = sandbox.run(&[
        "add",
        "fact",
        "--subject",
        "us-troops-in-iraq",
        "--measure",
        "count",
        "--value",
        "2500",
        "--unit",
        "troops",
        "--source",
        "no-such-source",
    ]);
    run.expect_code(exit::DATA_ERROR);
    assert!(run.stderr.contains("unknown source `no-such-source`"), "{}", run.stderr);
    assert!(run.stderr.contains("--> reference/facts/us-forces.yaml:"), "{}", run.stderr);
}

#[test]
fn add_writes_every_statistical_field() {
    let sandbox = Sandbox::fixture("statistics");
    sandbox
        .run(&[
            "add",
            "fact",
            "--subject",
            "northland-uplands",
            "--measure",
            "unemployment-rate",
            "--value",
            "5.1",
            "--unit",
            "percent",
            "--period",
            "2023-Q3",
            "--published",
            "2023-11-15",
            "--source",
            "nso-labour-2023-q3",
            "--file",
            "labour",
        ])
        .expect_code(factcheck::exit::OK);
    sandbox
        .run(&[
            "add",
            "fact",
            "--subject",
            "northland",
            "--measure",
            "employed",
            "--record",
            "highest",
            "--since",
            "2023-Q1",
            "--period",
            "2023-Q4",
            "--published",
            "2024-02-14",
            "--source",
            "nso-labour-2023-q4",
            "--file",
            "labour",
        ])
        .expect_code(factcheck::exit::OK);
    let added = sandbox.run(&[
        "add",
        "claim",
        "northland-jobs",
        "--id",
        "uplands-unemployment-rose",
        "--text",
        "Unemployment was 5.3% on the coast and 3.9% in the uplands.",
        "--kind",
        "change",
        "--subject",
        "northland-uplands",
        "--measure",
        "unemployment-rate",
        "--period",
        "last quarter",
        "--base-period",
        "2023-Q3",
        "--direction",
        "rose",
        "--value",
        "0.2",
        "--unit",
        "percentage-points",
        "--expect",
        "supported",
    ]);
    added.expect_code(factcheck::exit::OK);
    assert!(added.stdout.contains("supported    uplands-unemployment-rose"), "{}", added.stdout);
    let claims = sandbox.read("claims/northland-jobs.yaml");
    for line in ["period: last quarter", "base_period: 2023-Q3", "direction: rose", "unit: percentage-points"] {
        assert!(claims.contains(line), "{line}");
    }
    for (args, line) in [
        (
            vec!["--kind", "ratio", "--base-subject", "northland-uplands", "--value", "1.3"],
            "base_subject: northland-uplands",
        ),
        (
            vec!["--kind", "share", "--base-subject", "northland", "--value", "50", "--qualifier", "more-than"],
            "qualifier: more-than",
        ),
        (
            vec![
                "--kind",
                "rank",
                "--among",
                "northland-coast",
                "--among",
                "northland-uplands",
                "--rank",
                "2",
                "--order",
                "lowest",
            ],
            "among: [northland-coast, northland-uplands]",
        ),
        (vec!["--kind", "record", "--record", "highest", "--since", "2023-Q1", "--figure", "level"], "record: highest"),
        (vec!["--kind", "comparison", "--base-period", "2023-Q3", "--relation", "greater"], "relation: greater"),
        (vec!["--kind", "quantity", "--value", "0.7", "--scale", "million", "--unit", "people"], "scale: million"),
        (
            vec![
                "--kind",
                "quantity",
                "--part",
                "northland-coast",
                "--part",
                "northland-uplands",
                "--aggregate",
                "sum",
                "--value",
                "1.23",
                "--scale",
                "million",
                "--unit",
                "people",
            ],
            "parts: [northland-coast, northland-uplands]",
        ),
    ] {
        let mut all = vec![
            "add",
            "claim",
            "northland-jobs",
            "--text",
            "The coast, where 700,000 people work",
            "--subject",
            "northland-coast",
            "--measure",
            "employed",
            "--period",
            "2023-Q4",
        ];
        all.extend(args);
        let run = sandbox.run(&all);
        run.expect_code(factcheck::exit::OK);
        assert!(sandbox.read("claims/northland-jobs.yaml").contains(line), "{line}\n{}", run.stderr);
    }
    sandbox.run(&["validate"]).expect_code(factcheck::exit::OK);
}

#[test]
fn the_overlap_warning_is_about_position_in_the_article_not_shared_words() {
    let sandbox = Sandbox::fixture("newsroom");
    let add = |text: &str| {
        let run = sandbox.run(&["add", "claim", "clinic-waits", "--text", text, "--kind", "opinion"]);
        run.expect_code(exit::OK);
        run.stderr
    };
    // The headline's words again, in the next sentence: another claim, no warning.
    let stderr = add("The waiting list at Northfield’s community clinic");
    assert!(!stderr.contains("overlaps"), "{stderr}");
    // Words running into `june-list-3850` (“fell to 3,850 patients in June”).
    let stderr = add("fell to 3,850 patients");
    assert!(stderr.contains("warning: its text overlaps claim `june-list-3850`"), "{stderr}");
    assert!(!stderr.contains("waiting-list"), "only the claims it overlaps are named: {stderr}");
}

#[test]
fn add_fact_says_which_file_it_chose_and_why() {
    let sandbox = Sandbox::fixture("newsroom");
    let fact = |subject: &str| {
        let run = sandbox.run(&[
            "add",
            "fact",
            "--subject",
            subject,
            "--measure",
            "count",
            "--value",
            "7",
            "--unit",
            "sites",
            "--as-of",
            "2024-07-01",
            "--source",
            "example-health-trust-2024-07-09",
        ]);
        run.expect_code(exit::OK);
        run.stdout
    };
    let first = fact("northfield-clinic-sites");
    assert!(
        first.contains("to reference/facts/northfield-clinic-sites.yaml (no facts file holds a fact about `northfield-clinic-sites` yet; --file names another)"),
        "{first}"
    );
    // Refused, a fact leaves no new file behind.
    let refused = sandbox.run(&[
        "add",
        "fact",
        "--subject",
        "northfield-clinic-beds",
        "--measure",
        "count",
        "--value",
        "12",
        "--unit",
        "beds",
        "--source",
        "no-such-source",
    ]);
    refused.expect_code(exit::DATA_ERROR);
    assert!(!sandbox.file("reference/facts/northfield-clinic-beds.yaml").exists());
    let help = sandbox.run(&["add", "fact", "--help"]);
    assert!(help.stdout.contains("the facts file already holding the most facts about the same"), "{}", help.stdout);
}

#[test]
fn suggest_offers_only_the_formats_it_prints_and_ends_its_lines() {
    let sandbox = Sandbox::fixture("newsroom");
    for format in ["junit", "markdown", "claimreview", "html"] {
        let run = sandbox.run(&["suggest", "clinic-waits", "--format", format]);
        run.expect_code(exit::DATA_ERROR);
        assert!(run.stderr.contains("possible values: text, json"), "{}", run.stderr);
    }
    sandbox.write("draft.txt", "Ferry fares rose by 12% in May, the operator said.\n");
    sandbox
        .run(&[
            "new",
            "ferry-fares",
            "--text",
            "draft.txt",
            "--publisher",
            "Example Post",
            "--url",
            "https://example.org/ferry",
            "--published",
            "2024-06-03",
        ])
        .expect_code(exit::OK);
    let text = sandbox.run(&["suggest", "ferry-fares"]);
    text.expect_code(exit::OK);
    assert!(text.stdout.contains("1 draft for the 1 uncovered check-worthy sentence"), "{}", text.stdout);
    assert!(text.stdout.ends_with("  direction: rose\n  # needs: subject, measure, expect\n"), "{:?}", text.stdout);
    let json = sandbox.run(&["suggest", "clinic-waits", "--format", "json"]);
    json.expect_code(exit::OK);
    assert!(json.stdout.ends_with("}\n"), "{:?}", json.stdout);
}
