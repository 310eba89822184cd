//! The quote rule, on `tests/fixtures/quotes`: two made-up articles (a
//! water board, an observatory) whose claims exercise every row of the
//! rule, the uncertain records (cut short, speaker unknown, translation,
//! not independent) and roles. The verbose check is a reviewed snapshot;
//! the tests around it pin what `validate`, `suggest` and `add` do with
//! quotations as newsrooms print them.

mod common;

use common::Sandbox;
use factcheck::exit;

fn quotes() -> Sandbox {
    Sandbox::fixture("quotes")
}

#[test]
fn every_row_of_the_rule_comes_out_as_expected() {
    let run = quotes().run(&["check", "--verbose"]);
    run.expect_code(exit::OK);
    insta::assert_snapshot!("check-verbose", run.stdout);
    assert!(run.stdout.contains("all as expected"), "{}", run.stdout);
}

#[test]
fn the_json_report_documents_every_new_discrepancy() {
    let run = quotes().run(&["check", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/reports.md")).unwrap();
    let mut types = std::collections::BTreeSet::new();
    for article in json["articles"].as_array().unwrap() {
        for claim in article["claims"].as_array().unwrap() {
            for d in claim["discrepancies"].as_array().unwrap() {
                let kind = d["type"].as_str().unwrap();
                types.insert(kind.to_owned());
                let row = doc
                    .lines()
                    .find(|l| l.starts_with(&format!("| `{kind}` |")))
                    .unwrap_or_else(|| panic!("docs/reports.md documents no discrepancy `{kind}`"));
                for key in d.as_object().unwrap().keys().filter(|k| *k != "type") {
                    assert!(row.contains(&format!("`{key}`")), "discrepancy `{kind}` lacks `{key}`: {row}");
                }
            }
        }
    }
    for kind in [
        "normalised",
        "elided",
        "joined",
        "quote",
        "speaker",
        "meaning-changed",
        "cut-short",
        "speaker-unknown",
        "translation",
        "not-independent",
        "role",
    ] {
        assert!(types.contains(kind), "no claim of the fixture shows `{kind}`: {types:?}");
    }
}

#[test]
fn unbalanced_quotation_marks_in_an_excerpt_are_a_located_warning() {
    let sandbox = quotes();
    sandbox.edit(
        "reference/sources.yaml",
        "        quoting: marta-lindqvist\n        cut_short: true\n",
        "        quoting: marta-lindqvist\n",
    );
    let run = sandbox.run(&["validate"]);
    run.expect_code(exit::OK);
    insta::assert_snapshot!("unbalanced-excerpt", run.stderr);
    // Until the marks are settled, no word of the excerpt is the quoted party's.
    let run = sandbox.run(&["check", "reservoir-ban", "--claim", "farmers-a-third", "--verbose"]);
    assert!(run.stdout.contains("which does not say who spoke them"), "{}", run.stdout);
}

#[test]
fn a_source_not_independent_of_an_unknown_article_is_an_error() {
    let sandbox = quotes();
    sandbox.edit(
        "reference/sources.yaml",
        "not_independent_of: [observatory-cuts]",
        "not_independent_of: [observatory-cut]",
    );
    let run = sandbox.run(&["validate"]);
    run.expect_code(exit::DATA_ERROR);
    assert!(run.stderr.contains("there is no article `observatory-cut`"), "{}", run.stderr);
    assert!(run.stderr.contains("did you mean `observatory-cuts`?"), "{}", run.stderr);
}

#[test]
fn suggest_reads_a_quotation_over_two_paragraphs_and_a_doubled_closing_mark() {
    let run = quotes().run(&["suggest", "reservoir-ban", "--format", "json"]);
    run.expect_code(exit::OK);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let sentences = json["sentences"].as_array().or_else(|| json[0]["sentences"].as_array()).unwrap();
    let continuing =
        sentences.iter().find(|s| s["text"].as_str().unwrap().starts_with("\"It could have acted sooner")).unwrap();
    assert_eq!(continuing["likely_kind"], "quote", "{continuing}");
    assert_eq!(
        continuing["quoted"][0],
        "It could have acted sooner, and nobody at the board has apologised to the residents of Eastfield,",
        "{continuing}"
    );
    let opening = sentences.iter().find(|s| s["text"].as_str().unwrap().starts_with("Local councillor")).unwrap();
    assert_eq!(opening["quoted"][0], "The board has known about the leak for two years.", "{opening}");
}

#[test]
fn a_quotation_broken_by_its_attribution_is_one_statement() {
    // "…," Tanaka said, "…": the words on both sides of the attribution are
    // one statement, joined without an ellipsis, and the speaker's.
    let sandbox = quotes();
    let text = "\"The board has not decided yet,\" Tanaka said, \"but we must plan for the worst.\"";
    let drafts = sandbox.run(&["suggest", "observatory-cuts"]);
    assert!(
        drafts.stdout.contains(
            "  speaker: aiko-tanaka\n  words: The board has not decided yet, but we must plan for the worst.\n"
        ),
        "{}",
        drafts.stdout
    );
    let run = sandbox.run(&[
        "add",
        "claim",
        "observatory-cuts",
        "--id",
        "plan-for-the-worst",
        "--text",
        text,
        "--kind",
        "quote",
        "--speaker",
        "aiko-tanaka",
        "--source",
        "kessel-press-conference-2024-03-11",
    ]);
    run.expect_code(exit::OK);
    let yaml = sandbox.read("claims/observatory-cuts.yaml");
    assert!(yaml.contains("words: The board has not decided yet, but we must plan for the worst.\n"), "{yaml}");
    let verdict = run.stdout.lines().find(|l| l.ends_with(" plan-for-the-worst")).unwrap_or_default();
    assert!(verdict.starts_with("supported "), "{}", run.stdout);
}

#[test]
fn add_claim_takes_a_quotes_words_from_the_text_as_printed() {
    let sandbox = quotes();
    let text = "\"The board has known about the leak for two years.\n\n\"It could have acted sooner";
    let run = sandbox.run(&[
        "add",
        "claim",
        "reservoir-ban",
        "--id",
        "okafor-again",
        "--text",
        text,
        "--kind",
        "quote",
        "--speaker",
        "ben-okafor",
        "--source",
        "eastfield-council-minutes-2024-07-01",
    ]);
    run.expect_code(exit::OK);
    let yaml = sandbox.read("claims/reservoir-ban.yaml");
    assert!(
        yaml.contains("words: The board has known about the leak for two years. It could have acted sooner\n"),
        "{yaml}"
    );
    assert!(run.stdout.contains("supported"), "{}", run.stdout);
    let run = sandbox.run(&[
        "add",
        "claim",
        "reservoir-ban",
        "--id",
        "no-marks",
        "--text",
        "The Northvale Water Board will keep its hosepipe ban",
        "--kind",
        "quote",
        "--speaker",
        "marta-lindqvist",
    ]);
    run.expect_code(exit::DATA_ERROR);
    assert!(run.stderr.contains("give them with --words"), "{}", run.stderr);
}

#[test]
fn add_writes_the_fields_of_uncertain_records_and_roles() {
    let sandbox = quotes();
    let run = sandbox.run(&[
        "add",
        "source",
        "--publisher",
        "Example Daily",
        "--title",
        "Ban stays",
        "--url",
        "https://example.org/daily/ban",
        "--published",
        "2024-07-03",
        "--kind",
        "secondary",
        "--translation",
        "--not-independent-of",
        "reservoir-ban",
        "--excerpt",
        "“We will not lift the ban",
        "--speaker",
        "example-daily",
        "--quoting",
        "unknown",
        "--excerpt-cut-short",
    ]);
    run.expect_code(exit::OK);
    let sources = sandbox.read("reference/sources.yaml");
    for line in [
        "    translation: true\n",
        "    not_independent_of: [reservoir-ban]\n",
        "        quoting: unknown\n        cut_short: true\n",
    ] {
        assert!(sources.contains(line), "{line:?} not in\n{sources}");
    }
    let run = sandbox.run(&[
        "add",
        "fact",
        "--subject",
        "ben-okafor",
        "--predicate",
        "role",
        "--object",
        "deputy-mayor",
        "--organisation",
        "eastfield-council",
        "--valid-from",
        "2024-06",
        "--source",
        "eastfield-council-minutes-2024-07-01",
    ]);
    run.expect_code(exit::OK);
    let run = sandbox.run(&[
        "add",
        "claim",
        "reservoir-ban",
        "--id",
        "okafor-role-again",
        "--text",
        "Local councillor Ben Okafor",
        "--kind",
        "event",
        "--subject",
        "ben-okafor",
        "--predicate",
        "role",
        "--object",
        "councillor",
        "--organisation",
        "eastfield-council",
    ]);
    run.expect_code(exit::OK);
    assert!(sandbox.read("claims/reservoir-ban.yaml").contains("    organisation: eastfield-council\n"));
    // Two roles at the council from June: the councillor's still holds.
    assert!(run.stdout.contains("supported"), "{}", run.stdout);
}
