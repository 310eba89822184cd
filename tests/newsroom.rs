//! A project of several articles from several fields, as a newsroom's is:
//! work on one article at a time, claims in reading order, a verdict per
//! sentence, the decisive reason on each line, and severity `warn`
//! honoured by every report. Runs on `tests/fixtures/newsroom`: a public
//! health story and a trade story, neither about the seed's subject.

mod common;

use common::Sandbox;
use factcheck::exit;

fn newsroom() -> Sandbox {
    Sandbox::fixture("newsroom")
}

/// The claim ids of `check`'s text report, in the order printed.
fn claim_ids(stdout: &str) -> Vec<String> {
    stdout
        .lines()
        .filter(|l| l.starts_with("    ") && !l.starts_with("        "))
        .filter_map(|l| l.split_whitespace().nth(1).map(str::to_owned))
        .collect()
}

#[test]
fn one_article_is_checked_in_the_order_its_claims_stand_in_the_text() {
    let run = newsroom().run(&["check", "clinic-waits"]);
    run.expect_code(exit::OK);
    assert!(run.stdout.starts_with("clinic-waits (as of 2024-07-10)\n"), "{}", run.stdout);
    assert!(!run.stdout.contains("harbour-exports"), "{}", run.stdout);
    // The claims file lists them in another order: second-site first, headline third.
    assert_eq!(
        claim_ids(&run.stdout),
        [
            "headline-below-4000",
            "june-list-3850",
            "trust-said-on-tuesday",
            "lowest-since-publishing",
            "turned-a-corner-quote",
            "nurses-risen-to-42",
            "second-site-march-2023",
        ]
    );
    assert!(run.stdout.contains("7 claims in 1 article"), "{}", run.stdout);
}

#[test]
fn each_sentence_holding_claims_gets_the_least_favourable_verdict() {
    let run = newsroom().run(&["check", "clinic-waits"]);
    let sentence = |n: usize| {
        let prefix = format!("  sentence {n:<3} ");
        run.stdout.lines().find(|l| l.starts_with(&prefix)).unwrap_or_else(|| panic!("{}", run.stdout)).to_owned()
    };
    assert!(
        sentence(1).contains("supported    Waiting list at Northfield clinic falls below 4,000"),
        "{}",
        sentence(1)
    );
    assert!(sentence(5).contains("misleading   She said the number of nurses had risen to 42."), "{}", sentence(5));
    assert!(sentence(6).contains("contradicted The clinic opened a second site in March 2023."), "{}", sentence(6));
    // Sentence 2 holds two supported claims; no sentence without claims is listed.
    assert!(!run.stdout.contains("sentence 7"), "{}", run.stdout);
}

#[test]
fn a_headline_true_by_one_measure_and_false_by_another_is_not_supported() {
    let sandbox = newsroom();
    sandbox.edit(
        "claims/clinic-waits.yaml",
        "claims:\n",
        "claims:\n  - id: headline-clinic\n    text: Northfield clinic\n    kind: event\n    subject: northfield-clinic\n    predicate: is-in\n    object: northfield\n    expect: unverifiable\n",
    );
    sandbox.edit("reference/facts/health.yaml", "value: 3850\n", "value: 4150\n");
    let run = sandbox.run(&["check", "clinic-waits", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let headline = &json["articles"][0]["sentences"][0];
    assert_eq!(headline["number"], 1);
    assert_eq!(headline["verdict"], "contradicted", "{headline}");
    assert_eq!(headline["decided_by"], "headline-below-4000");
    assert_eq!(headline["claims"], serde_json::json!(["headline-below-4000", "headline-clinic"]));
}

#[test]
fn the_line_of_a_claim_shows_the_reason_that_decided_it() {
    let run = newsroom().run(&["check", "clinic-waits"]);
    let line = run.stdout.lines().find(|l| l.contains(" nurses-risen-to-42 ")).unwrap();
    assert!(
        line.contains("the claimed value fits `clinical-staff` (42 people, northfield-clinical-staff), not `nurses`"),
        "{line}"
    );
    let verbose = newsroom().run(&["check", "clinic-waits", "--verbose"]);
    assert!(
        verbose.stdout.contains("        - claimed 42 people, reference 38 people (-4, -9.5%; exact: ±0)"),
        "{}",
        verbose.stdout
    );
    let quote = newsroom().run(&["check", "harbour-exports"]);
    let line = quote.stdout.lines().find(|l| l.contains(" demand-held-up-quote ")).unwrap();
    assert!(line.contains("the words are `port-authority-spokesman`'s"), "{line}");
}

#[test]
fn claims_are_chosen_by_id_in_every_format() {
    let run = newsroom().run(&["check", "--claim", "nurses-risen-to-42", "--claim", "tonnes-2023", "--format", "json"]);
    run.expect_code(exit::OK);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let ids: Vec<&str> = json["articles"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|a| a["claims"].as_array().unwrap())
        .map(|c| c["claim"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["nurses-risen-to-42", "tonnes-2023"]);
    assert_eq!(json["totals"]["claims"], 2);
    for format in ["text", "junit", "markdown", "claimreview", "html"] {
        let run = newsroom().run(&["check", "harbour-exports", "--claim", "tonnes-2023", "--format", format]);
        run.expect_code(exit::OK);
        assert!(run.stdout.contains("tonnes-2023"), "{format}: {}", run.stdout);
        assert!(!run.stdout.contains("grain-about-half"), "{format}: {}", run.stdout);
        assert!(!run.stdout.contains("clinic-waits"), "{format}: {}", run.stdout);
    }
}

#[test]
fn unknown_articles_and_claims_are_refused_with_the_nearest_name() {
    let run = newsroom().run(&["check", "clinic-wait"]);
    run.expect_code(exit::DATA_ERROR);
    assert!(run.stderr.contains("there is no article `clinic-wait`"), "{}", run.stderr);
    assert!(run.stderr.contains("did you mean `clinic-waits`?"), "{}", run.stderr);
    let run = newsroom().run(&["check", "--claim", "tonnes-2032"]);
    run.expect_code(exit::DATA_ERROR);
    assert!(run.stderr.contains("no claim `tonnes-2032`; did you mean `tonnes-2023`?"), "{}", run.stderr);
    let run = newsroom().run(&["check", "harbour-exports", "--claim", "june-list-3850"]);
    run.expect_code(exit::DATA_ERROR);
    assert!(run.stderr.contains("no claim `june-list-3850` in the articles chosen"), "{}", run.stderr);
}

#[test]
fn one_broken_article_does_not_stop_the_others() {
    let sandbox = newsroom();
    sandbox.edit(
        "claims/clinic-waits.yaml",
        "    kind: date\n    event: northfield",
        "    kind: dat\n    event: northfield",
    );
    let all = sandbox.run(&["check"]);
    all.expect_code(exit::DATA_ERROR);
    assert!(all.stderr.contains("claims/clinic-waits.yaml:"), "{}", all.stderr);
    let one = sandbox.run(&["check", "harbour-exports"]);
    one.expect_code(exit::OK);
    assert!(one.stdout.contains("3 claims in 1 article"), "{}", one.stdout);
    let validate = sandbox.run(&["validate", "harbour-exports"]);
    validate.expect_code(exit::OK);
    assert!(validate.stdout.starts_with("ok: 3 claims in 1 article"), "{}", validate.stdout);
    let validate = sandbox.run(&["validate", "clinic-waits"]);
    validate.expect_code(exit::DATA_ERROR);
}

#[test]
fn recheck_and_suggest_take_articles_and_claims_too() {
    let sandbox = newsroom();
    let recheck = sandbox.run(&["recheck", "harbour-exports", "--to", "2024-06-30"]);
    recheck.expect_code(exit::OK);
    assert!(recheck.stdout.starts_with("recheck: 0 of 3 claims in 1 article changed verdict"), "{}", recheck.stdout);
    let suggest = sandbox.run(&["suggest", "clinic-waits", "harbour-exports", "--claim", "grain-about-half"]);
    suggest.expect_code(exit::OK);
    assert!(suggest.stdout.contains("Grain made up about half of the total."), "{}", suggest.stdout);
    assert!(!suggest.stdout.contains("Demand from abroad"), "{}", suggest.stdout);
}

#[test]
fn a_warn_claim_is_a_warning_in_every_report_and_fails_nothing() {
    let sandbox = newsroom();
    let text = sandbox.run(&["check", "harbour-exports"]);
    text.expect_code(exit::OK);
    assert!(text.stdout.contains("demand-held-up-quote  WARNING (expected supported)"), "{}", text.stdout);
    assert!(text.stdout.contains("1 claim not as expected, as a warning"), "{}", text.stdout);

    let json: serde_json::Value = serde_json::from_str(&sandbox.run(&["check", "--format", "json"]).stdout).unwrap();
    assert_eq!((json["totals"]["unexpected"].as_u64(), json["totals"]["warnings"].as_u64()), (Some(1), Some(1)));

    let junit = sandbox.run(&["check", "--format", "junit"]);
    junit.expect_code(exit::OK);
    assert!(junit.stdout.contains(r#"failures="0""#), "{}", junit.stdout);
    assert!(junit.stdout.contains("<system-out>warning: unexpected verdict (severity warn)"), "{}", junit.stdout);

    let markdown = sandbox.run(&["check", "--format", "markdown"]);
    assert!(markdown.stdout.contains("| `demand-held-up-quote` | **misleading** | **WARNING** (expected supported) |"));
    assert!(markdown.stdout.contains("1 claim not as expected, as a warning"), "{}", markdown.stdout);

    let html = sandbox.run(&["check", "--format", "html"]);
    assert!(html.stdout.contains(r#"<span class="unexpected">warning: expected supported</span>"#));
    assert!(html.stdout.contains("1 claim not as expected, as a warning"));

    // At severity error the same verdict fails the run.
    sandbox.edit("claims/harbour-exports.yaml", "    severity: warn\n", "");
    let failing = sandbox.run(&["check", "harbour-exports"]);
    failing.expect_code(exit::UNEXPECTED);
    assert!(failing.stdout.contains("demand-held-up-quote  UNEXPECTED (expected supported)"), "{}", failing.stdout);
}
