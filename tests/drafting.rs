//! Drafts: `suggest --write` reads claims from an article's text, and a
//! draft (`draft: true`) is listed, never checked, until `edit --expect`
//! reviews it. On fixtures from several fields (transport, health, trade,
//! water, science, labour, schools, weather), never the bundled articles.

mod common;

use common::{Sandbox, fixture_project};
use factcheck::exit;
use factcheck::model::ClaimKind;
use factcheck::suggest::measure::agreement;

/// The claims file of `article` in `sandbox` with every claim taken out.
fn without_claims(sandbox: &Sandbox, article: &str) {
    let path = format!("claims/{article}.yaml");
    let text = sandbox.read(&path);
    let head = &text[..text.find("\nclaims:").unwrap()];
    sandbox.write(&path, &format!("{head}\nclaims: []\n"));
}

#[test]
fn drafts_of_statistics_stories_from_three_fields() {
    let sandbox = Sandbox::fixture("statistics");
    let mut shown = String::new();
    for article in ["northland-jobs", "eastvale-schools", "riverton-rainfall"] {
        without_claims(&sandbox, article);
        let run = sandbox.run(&["suggest", article, "--write", "--dry-run"]);
        run.expect_code(exit::OK);
        shown.push_str(&run.stdout);
    }
    insta::assert_snapshot!("drafts-statistics", shown);
}

#[test]
fn drafts_of_quoted_stories_from_two_fields() {
    let sandbox = Sandbox::fixture("quotes");
    let mut shown = String::new();
    for article in ["reservoir-ban", "observatory-cuts"] {
        without_claims(&sandbox, article);
        let run = sandbox.run(&["suggest", article, "--write", "--dry-run"]);
        run.expect_code(exit::OK);
        shown.push_str(&run.stdout);
    }
    insta::assert_snapshot!("drafts-quotes", shown);
}

/// The drafts of each fixture's sentences against the claims their authors
/// wrote: a draft of the claim's kind where its words stand, and most of
/// the fields the drafts wrote kept. Floors, so a rule that reads worse
/// fails here; `cargo run --example drafted_fields -- tests/fixtures/NAME
/// --list` shows each claim.
#[test]
fn drafts_agree_with_the_claims_written_from_the_same_sentences() {
    for (fixture, kinds, fields) in [("statistics", 0.95, 0.9), ("quotes", 0.95, 0.9), ("newsroom", 0.6, 0.7)] {
        let a = agreement(&fixture_project(fixture));
        let kind = a.fields["kind"];
        let (kept, drafted) = a.read_from_words();
        assert!(
            kind.kept as f64 >= kinds * a.claims as f64,
            "{fixture}: {} of {} claims have a draft of their kind",
            kind.kept,
            a.claims
        );
        assert!(kept as f64 >= fields * drafted as f64, "{fixture}: {kept} of {drafted} drafted fields kept");
    }
}

#[test]
fn every_statistical_kind_and_a_role_are_drafted_from_fixtures() {
    let mut kinds = std::collections::BTreeSet::new();
    for fixture in ["statistics", "quotes", "newsroom", "guide"] {
        let project = fixture_project(fixture);
        for article in &project.articles {
            let suggestions = factcheck::suggest::suggest(article);
            kinds.extend(suggestions.sentences.iter().flat_map(|s| s.drafts.iter().map(|d| d.kind)));
        }
    }
    for kind in ClaimKind::ALL {
        assert!(kinds.contains(&kind), "no fixture sentence is drafted as `{kind}`");
    }
}

const DRAFTS: &str = "  - id: fares-rose\n    text: Ferry fares rose 12% in May\n    kind: change\n    draft: true\n    value: 12\n    unit: percent\n    period: May\n    direction: rose\n";

/// A newsroom fixture with a ferry story of two drafts.
fn ferry() -> Sandbox {
    let sandbox = Sandbox::fixture("newsroom");
    sandbox.write("articles/ferry-fares.txt", "Ferry fares rose 12% in May, the operator said on Monday.\n");
    sandbox.write(
        "claims/ferry-fares.yaml",
        &format!(
            "# the ferry story\narticle:\n  id: ferry-fares\n  publisher: Example Post\n  url: https://example.org/ferry\n  published: 2024-06-05\nclaims:\n{DRAFTS}\n  # said when\n  - id: said-monday\n    text: the operator said on Monday\n    kind: date\n    draft: true\n    date: this Monday\n"
        ),
    );
    sandbox
}

#[test]
fn drafts_are_listed_not_checked_and_fail_nothing() {
    let sandbox = ferry();
    let check = sandbox.run(&["check", "ferry-fares"]);
    check.expect_code(exit::OK);
    assert!(
        check.stdout.contains("    draft        fares-rose   change; needs subject, measure, expect\n"),
        "{}",
        check.stdout
    );
    assert!(
        check.stdout.contains("0 claims in 1 article; all as expected; 2 drafts wait for review"),
        "{}",
        check.stdout
    );
    let json: serde_json::Value =
        serde_json::from_str(&sandbox.run(&["check", "ferry-fares", "--format", "json"]).stdout).unwrap();
    assert_eq!(json["totals"]["drafts"], 2);
    assert_eq!(json["articles"][0]["drafts"][0]["missing"], serde_json::json!(["subject", "measure", "expect"]));
    let junit = sandbox.run(&["check", "ferry-fares", "--format", "junit"]).stdout;
    assert!(junit.contains(r#"tests="2" failures="0" errors="0" skipped="2""#), "{junit}");
    assert!(junit.contains(r#"<skipped message="draft: not checked until reviewed"/>"#), "{junit}");
    let markdown = sandbox.run(&["check", "ferry-fares", "--format", "markdown"]).stdout;
    assert!(markdown.contains("2 drafts wait for review"), "{markdown}");
    let validate = sandbox.run(&["validate"]);
    assert!(validate.stdout.contains("and 2 drafts in 3 articles"), "{}", validate.stdout);
    // Other articles are checked as before, drafts or not.
    let all = sandbox.run(&["check"]);
    assert!(all.stdout.contains("; 2 drafts wait for review"), "{}", all.stdout);
}

#[test]
fn setting_expect_reviews_a_draft_and_it_is_checked_from_then_on() {
    let sandbox = ferry();
    sandbox.write(
        "reference/facts/ferry.yaml",
        "facts:\n  - id: ferry-fares-2024-05\n    subject: ferry-fares\n    measure: average-fare\n    value: 11.2\n    unit: pounds\n    period: 2024-05\n    sources: [example-port-authority-2024-01-15]\n  - id: ferry-fares-2024-04\n    subject: ferry-fares\n    measure: average-fare\n    value: 10\n    unit: pounds\n    period: 2024-04\n    sources: [example-port-authority-2024-01-15]\n",
    );
    // Reviewing a draft that lacks what its kind requires is refused, naming what.
    let early = sandbox.run(&["edit", "claim", "fares-rose", "--expect", "supported"]);
    early.expect_code(exit::DATA_ERROR);
    assert!(early.stderr.contains("a `change` claim needs `subject`"), "{}", early.stderr);
    assert!(sandbox.read("claims/ferry-fares.yaml").contains(DRAFTS), "nothing was written");
    let fill = sandbox.run(&["edit", "claim", "fares-rose", "--subject", "ferry-fares", "--measure", "average-fare"]);
    fill.expect_code(exit::OK);
    assert!(fill.stdout.contains("draft        fares-rose  change; needs expect"), "{}", fill.stdout);
    let review = sandbox.run(&[
        "edit",
        "claim",
        "fares-rose",
        "--sources",
        "example-port-authority-2024-01-15",
        "--expect",
        "supported",
    ]);
    review.expect_code(exit::OK);
    assert!(review.stdout.contains("supported    fares-rose"), "{}", review.stdout);
    let text = sandbox.read("claims/ferry-fares.yaml");
    assert!(text.starts_with("# the ferry story\n"), "comments survive:\n{text}");
    assert!(text.contains("    kind: change\n    subject: ferry-fares\n"), "`draft: true` went:\n{text}");
    assert!(text.contains("  # said when\n  - id: said-monday\n"), "{text}");
    let check = sandbox.run(&["check", "ferry-fares"]);
    assert!(
        check.stdout.contains("1 claim in 1 article: 1 supported; all as expected; 1 draft waits for review"),
        "{}",
        check.stdout
    );
}

#[test]
fn a_draft_is_refused_with_a_located_error_when_it_breaks_a_rule() {
    let cases = [
        // A draft has no `expect`: setting it is what reviews a draft.
        (
            "    direction: rose\n",
            "    direction: rose\n    expect: supported\n",
            "draft `fares-rose` has an `expect`",
            "--expect supported` also removes `draft: true`",
        ),
        // Its fields are checked as a claim's are.
        ("    period: May\n", "    period: Mai\n", "claims/ferry-fares.yaml:14:13", "write `this Thursday`"),
        (
            "    direction: rose\n",
            "    direction: rose\n    speaker: someone\n",
            "`speaker` does not apply to a `change` claim",
            "a `change` claim takes",
        ),
    ];
    for (from, to, message, help) in cases {
        let sandbox = ferry();
        sandbox.edit("claims/ferry-fares.yaml", from, to);
        let run = sandbox.run(&["validate"]);
        run.expect_code(exit::DATA_ERROR);
        assert!(run.stderr.contains(message) && run.stderr.contains(help), "{to}:\n{}", run.stderr);
    }
    // A claim cannot count its date from a draft, which is not checked.
    let sandbox = ferry();
    sandbox.edit(
        "claims/ferry-fares.yaml",
        "  # said when\n",
        "  - id: fares-dated\n    text: Ferry fares rose\n    kind: date\n    event: fare-rise\n    date: two days earlier\n    relative_to: said-monday\n\n  # said when\n",
    );
    let run = sandbox.run(&["validate"]);
    run.expect_code(exit::DATA_ERROR);
    assert!(run.stderr.contains("counts from draft `said-monday`, which is not checked"), "{}", run.stderr);
}

#[test]
fn suggest_write_keeps_comments_writes_atomically_once_and_dry_runs() {
    let sandbox = Sandbox::fixture("newsroom");
    sandbox.write("articles/ferry-fares.txt", "Ferry fares rose 12% in May, the operator said on Monday.\n");
    let head = "# keep me\narticle:\n  id: ferry-fares\n  publisher: Example Post\n  url: https://example.org/ferry\n  published: 2024-06-05\nclaims: [] # none yet\n";
    sandbox.write("claims/ferry-fares.yaml", head);
    let dry = sandbox.run(&["suggest", "ferry-fares", "--write", "--dry-run"]);
    dry.expect_code(exit::OK);
    assert!(dry.stdout.contains("+  - id: ferry-fares-rose-12-may\n"), "{}", dry.stdout);
    assert!(dry.stdout.contains("dry run: nothing was written"), "{}", dry.stdout);
    assert_eq!(sandbox.read("claims/ferry-fares.yaml"), head);
    let run = sandbox.run(&["suggest", "ferry-fares", "--write"]);
    run.expect_code(exit::OK);
    assert!(
        run.stdout
            .starts_with("wrote 2 drafts to claims/ferry-fares.yaml: ferry-fares-rose-12-may, operator-said-monday\n"),
        "{}",
        run.stdout
    );
    let text = sandbox.read("claims/ferry-fares.yaml");
    assert!(text.starts_with("# keep me\n") && text.contains("claims: # none yet\n"), "{text}");
    let again = sandbox.run(&["suggest", "ferry-fares", "--write"]);
    assert!(again.stdout.contains("nothing to write"), "{}", again.stdout);
    assert_eq!(sandbox.read("claims/ferry-fares.yaml"), text);
    let listed = sandbox.run(&["suggest", "ferry-fares"]);
    assert!(listed.stdout.contains("  1 drafted   ["), "{}", listed.stdout);
    assert!(
        listed.stdout.contains("2 drafts wait for review: ferry-fares-rose-12-may, operator-said-monday"),
        "{}",
        listed.stdout
    );
    // --write takes no --format or --claim: it writes, it does not report.
    let refused = sandbox.run(&["suggest", "ferry-fares", "--write", "--format", "json"]);
    refused.expect_code(exit::DATA_ERROR);
    let refused = sandbox.run(&["suggest", "ferry-fares", "--dry-run"]);
    refused.expect_code(exit::DATA_ERROR);
}
