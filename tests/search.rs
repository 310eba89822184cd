//! Evidence search: `factcheck search` for a sentence or a claim, the share
//! of claims whose cited source it ranks near the top, and the candidates
//! `add claim` shows when no source is given; on the `newsroom` fixture.

mod common;

use common::Sandbox;
use factcheck::exit;

#[test]
fn a_sentence_finds_the_fact_and_the_source_that_settle_it() {
    let run = Sandbox::fixture("newsroom").run(&[
        "search",
        "--text",
        "the number of nurses at the clinic rose",
        "--limit",
        "2",
    ]);
    run.expect_code(exit::OK);
    insta::assert_snapshot!(run.stdout, @"
    search: the number of nurses at the clinic rose
      1. fact        3.20  example-health-trust-2024-07-09
           `northfield-nurses`: northfield-clinic-staff nurses: 38 people
      2. headline    1.03  example-health-trust-2024-07-09
           Northfield clinic waiting list, June 2024
    ");
}

#[test]
fn a_claim_is_searched_by_its_text_and_its_terms() {
    let sandbox = Sandbox::fixture("newsroom");
    let run = sandbox.run(&["search", "--claim", "demand-held-up-quote", "--limit", "1", "--format", "json"]);
    run.expect_code(exit::OK);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(json["hits"][0]["kind"], "excerpt");
    assert_eq!(json["hits"][0]["sources"][0], "example-port-authority-2024-01-15");
    assert!(json["query"].as_str().unwrap().ends_with(" lena-ortiz"), "{}", json["query"]);
    let missing = sandbox.run(&["search", "--claim", "no-such-claim"]);
    missing.expect_code(exit::DATA_ERROR);
    assert!(missing.stderr.contains("no claim `no-such-claim`"), "{}", missing.stderr);
    let nothing = sandbox.run(&["search", "--text", "zebra xylophone"]);
    nothing.expect_code(exit::OK);
    assert!(nothing.stdout.contains("nothing in the reference shares a word with it"), "{}", nothing.stdout);
}

#[test]
fn the_share_of_claims_whose_cited_source_ranks_near_the_top() {
    let sandbox = Sandbox::fixture("newsroom");
    let run = sandbox.run(&["search", "--cited", "--limit", "3"]);
    run.expect_code(exit::OK);
    assert_eq!(run.stdout, "a cited source is among the top 3 hits of 9 of 9 claims citing one (100%)\n");
    // A source whose words and facts say nothing of its claim is missed, and named.
    sandbox.edit(
        "claims/harbour-exports.yaml",
        "    sources: [example-port-authority-2024-01-15]\n    expect: supported\n  - id: demand-held-up-quote",
        "    sources: [example-health-trust-2024-07-09]\n    expect: supported\n  - id: demand-held-up-quote",
    );
    let run = sandbox.run(&["search", "--cited", "--limit", "3"]);
    assert!(run.stdout.contains("of 8 of 9 claims"), "{}", run.stdout);
    assert!(run.stdout.contains("not among them: harbour-exports::grain-about-half\n"), "{}", run.stdout);
}

#[test]
fn add_claim_without_a_source_shows_the_closest_candidates() {
    let sandbox = Sandbox::fixture("newsroom");
    let run = sandbox.run(&[
        "add",
        "claim",
        "harbour-exports",
        "--text",
        "Grain made up about half of the total.",
        "--id",
        "grain-half-again",
        "--kind",
        "opinion",
    ]);
    run.expect_code(exit::OK);
    assert!(run.stdout.contains("no --source given; the closest in the reference"), "{}", run.stdout);
    let first = run.stdout.split("  1. ").nth(1).unwrap_or_default();
    assert!(first.starts_with("fact") && first.contains("`example-harbour-grain-share-2023`"), "{}", run.stdout);
    assert!(first.contains("example-port-authority-2024-01-15"), "{}", run.stdout);
    let cited = sandbox.run(&[
        "add",
        "claim",
        "harbour-exports",
        "--text",
        "Grain made up about half of the total.",
        "--id",
        "grain-half-cited",
        "--kind",
        "opinion",
        "--source",
        "example-port-authority-2024-01-15",
    ]);
    cited.expect_code(exit::OK);
    assert!(!cited.stdout.contains("no --source given"), "{}", cited.stdout);
}
