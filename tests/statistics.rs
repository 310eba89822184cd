//! Statistical claims on the `statistics` fixture: four made-up stories
//! from four fields (a region's employment, a town's rainfall, a
//! district's school enrolment, a country's foreign trade) whose claims exercise every statistical
//! form, each coming out supported, not supported and unverifiable; the
//! discrepancy that decides each finding; vintages as of a date and the
//! revisions `recheck` shows.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::Sandbox;
use factcheck::exit;
use serde_json::Value;

const FIXTURE: &str = "statistics";

/// Every claim of the fixture, checked, by id.
fn claims(sandbox: &Sandbox, extra: &[&str]) -> BTreeMap<String, Value> {
    let mut args = vec!["check", "--format", "json"];
    args.extend_from_slice(extra);
    let run = sandbox.run(&args);
    let json: Value = serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}\n{}", run.stderr));
    let mut out = BTreeMap::new();
    for article in json["articles"].as_array().unwrap() {
        for claim in article["claims"].as_array().unwrap() {
            out.insert(claim["claim"].as_str().unwrap().to_owned(), claim.clone());
        }
    }
    out
}

fn decided_by(claim: &Value) -> &Value {
    &claim["discrepancies"][0]
}

#[test]
fn every_claim_of_the_fixture_comes_out_as_expected() {
    let run = Sandbox::fixture(FIXTURE).run(&["check"]);
    run.expect_code(exit::OK);
    assert!(run.stdout.trim_end().ends_with("all as expected"), "{}", run.stdout);
}

#[test]
fn each_statistical_kind_is_supported_refuted_and_unverifiable_somewhere() {
    let claims = claims(&Sandbox::fixture(FIXTURE), &[]);
    let mut verdicts: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for claim in claims.values() {
        verdicts.entry(claim["kind"].as_str().unwrap()).or_default().insert(claim["verdict"].as_str().unwrap());
    }
    for kind in ["quantity", "change", "ratio", "share", "rank", "record", "comparison"] {
        let got = &verdicts[kind];
        assert!(got.contains("supported"), "{kind}: {got:?}");
        assert!(got.contains("contradicted") || got.contains("misleading"), "{kind}: {got:?}");
        assert!(got.contains("unverifiable"), "{kind}: {got:?}");
    }
}

#[test]
fn derived_claims_show_their_computation() {
    let claims = claims(&Sandbox::fixture(FIXTURE), &[]);
    let computed = |id: &str| {
        let d = decided_by(&claims[id]);
        assert_eq!(d["type"], "computed", "{id}: {d}");
        d.clone()
    };
    let change = computed("employment-rose-22000");
    assert_eq!(change["arithmetic"], "1230000 - 1208000 = 22000");
    assert_eq!(change["observations"].as_array().unwrap().len(), 2);
    let percent = computed("grew-2-9-percent-in-2023");
    assert_eq!(percent["arithmetic"], "(1214000 - 1180000) / 1180000 × 100 = 2.8814");
    assert_eq!(percent["tolerance"], "exact: ±0.05 as printed");
    let mean = computed("average-40000");
    assert_eq!(mean["arithmetic"], "(48310 + 38900 + 32790) / 3 = 40000");
    assert_eq!(computed("secondary-more-than-half")["result"], "39.764 percent");
    assert_eq!(computed("three-times-february")["result"], "2.5192 times");
    assert_eq!(computed("followed-by-the-south")["result"], "rank 3 of 3");
    assert!(computed("january-wettest-since-october")["arithmetic"].as_str().unwrap().contains("2023-12 95"));
    assert_eq!(computed("wettest-on-record")["result"], "the source says highest since 2022-08");
}

#[test]
fn a_rise_claimed_for_a_fall_is_contradicted_and_an_edge_for_a_jump_misleading() {
    let claims = claims(&Sandbox::fixture(FIXTURE), &[]);
    assert_eq!(claims["uplands-fell"]["verdict"], "contradicted");
    assert_eq!(decided_by(&claims["uplands-fell"])["result"], "+20000 people (rose)");
    assert_eq!(claims["unemployment-edged-up"]["verdict"], "misleading");
    assert_eq!(claims["coast-little-changed"]["verdict"], "supported");
}

#[test]
fn percent_and_percentage_points_are_told_apart() {
    let claims = claims(&Sandbox::fixture(FIXTURE), &[]);
    let basis = decided_by(&claims["rose-0-3-percent"]);
    assert_eq!(claims["rose-0-3-percent"]["verdict"], "misleading");
    assert_eq!(basis["type"], "basis");
    assert_eq!(basis["matching"], "percentage-points");
    assert_eq!(claims["private-share-up-1-5-points"]["verdict"], "supported");
}

#[test]
fn scale_and_printed_precision_are_applied() {
    let claims = claims(&Sandbox::fixture(FIXTURE), &[]);
    // 2.35 million against 2,346,800; 1.23 million against 1,230,000; 48,310 against 48.31 thousand.
    for id in ["home-to-2-35-million", "employment-1-23-million", "to-48310", "primary-60-percent"] {
        assert_eq!(claims[id]["verdict"], "supported", "{id}");
    }
}

#[test]
fn swapped_figures_are_one_contradiction_naming_both() {
    let claims = claims(&Sandbox::fixture(FIXTURE), &[]);
    for (id, other) in
        [("coast-unemployment-5-3", "uplands-unemployment-3-9"), ("uplands-unemployment-3-9", "coast-unemployment-5-3")]
    {
        assert_eq!(claims[id]["verdict"], "contradicted");
        let swapped = decided_by(&claims[id]);
        assert_eq!(swapped["type"], "swapped");
        assert_eq!(swapped["other"], other);
    }
}

#[test]
fn the_right_figure_with_the_wrong_scope_is_misleading() {
    let claims = claims(&Sandbox::fixture(FIXTURE), &[]);
    let part = decided_by(&claims["700000-work-in-northland"]);
    assert_eq!((part["type"].as_str(), part["relation"].as_str()), (Some("breakdown"), Some("part")));
    let sibling = decided_by(&claims["westvale-48310"]);
    assert_eq!((sibling["type"].as_str(), sibling["relation"].as_str()), (Some("breakdown"), Some("sibling")));
    // Another measure fits although the claimed measure has no fact at all.
    let scope = decided_by(&claims["1-23-million-jobs"]);
    assert_eq!((scope["type"].as_str(), scope["matching_measure"].as_str()), (Some("scope"), Some("employed")));
    assert_eq!(claims["1-23-million-jobs"]["discrepancies"][1]["type"], "no-fact");
    let period = decided_by(&claims["131-mm-in-february"]);
    assert_eq!((period["type"].as_str(), period["relation"].as_str()), (Some("period"), Some("adjacent")));
    for id in ["700000-work-in-northland", "westvale-48310", "1-23-million-jobs", "131-mm-in-february"] {
        assert_eq!(claims[id]["verdict"], "misleading", "{id}");
    }
}

#[test]
fn rolling_windows_years_to_a_month_directions_and_balances_below_zero() {
    let claims = claims(&Sandbox::fixture(FIXTURE), &[]);
    let verdict = |id: &str| claims[id]["verdict"].as_str().unwrap_or_default().to_owned();
    // A balance below zero, `signed`, for "the three months to March" and "the year to March".
    assert_eq!(verdict("balance-minus-412-million"), "supported");
    assert_eq!(verdict("exports-5-1-billion-year-to-march"), "supported");
    // The figure of the window to March, claimed for the window to February: they overlap.
    let period = decided_by(&claims["balance-to-february-minus-412-million"]);
    assert_eq!((period["type"].as_str(), period["relation"].as_str()), (Some("period"), Some("overlapping")));
    assert_eq!(verdict("balance-to-february-minus-412-million"), "misleading");
    // Small, not small, and none at all.
    assert_eq!(verdict("exports-edged-down"), "supported");
    assert_eq!(verdict("imports-little-changed"), "contradicted");
    assert_eq!(decided_by(&claims["imports-little-changed"])["result"], "+57000000 euros (rose)");
    assert_eq!(verdict("tariff-unchanged-4-5"), "supported");
    assert_eq!(verdict("balance-unchanged-year-to-march"), "contradicted");
    let computed = decided_by(&claims["balance-unchanged-year-to-march"]);
    assert_eq!(computed["arithmetic"], "-1580000000 - (-1610000000) = 30000000");
    let period = decided_by(&claims["balance-to-february-minus-412-million"]);
    assert_eq!(period["claimed"], "2023-12/2024-02");
}

#[test]
fn a_tolerance_the_claim_states_replaces_the_precision_its_figure_implies() {
    let sandbox = Sandbox::fixture(FIXTURE);
    // "some 6.6 billion" against 6.71 billion: within the stated 2%.
    assert_eq!(claims(&sandbox, &[])["imports-some-6-6-billion"]["verdict"], "supported");
    let edit = sandbox.run(&["edit", "claim", "imports-some-6-6-billion", "--unset", "tolerance"]);
    assert!(edit.stdout.contains("changed claim `imports-some-6-6-billion`"), "{}\n{}", edit.stdout, edit.stderr);
    // Without it, one decimal of billions allows ±0.05 billion only.
    let claim = &claims(&sandbox, &[])["imports-some-6-6-billion"];
    assert_eq!(claim["verdict"], "contradicted");
    assert!(decided_by(claim).to_string().contains("0.05 billion"), "{claim}");
}

#[test]
fn what_the_reference_lacks_is_unverifiable_and_says_what() {
    let claims = claims(&Sandbox::fixture(FIXTURE), &[]);
    assert_eq!(decided_by(&claims["up-2-percent-on-a-year-earlier"])["type"], "no-observation");
    assert_eq!(decided_by(&claims["largest-rise-since-2021"])["type"], "series-gap");
    assert_eq!(decided_by(&claims["first-fall-since-october"])["missing"][0], "2023-09");
    assert_eq!(decided_by(&claims["halved-since-1990"])["period"], "1990");
}

#[test]
fn facts_published_after_the_article_are_marked() {
    let claims = claims(&Sandbox::fixture(FIXTURE), &[]);
    let south = &claims["south-118-mm"];
    assert_eq!(south["verdict"], "supported");
    let hindsight: Vec<&Value> =
        south["discrepancies"].as_array().unwrap().iter().filter(|d| d["type"] == "hindsight").collect();
    assert_eq!(hindsight.len(), 1, "{south}");
    assert_eq!(hindsight[0]["published"], "2024-04-20");
    // A fact known before the article is not marked.
    let march = &claims["march-131-mm"];
    assert!(march["discrepancies"].as_array().unwrap().iter().all(|d| d["type"] != "hindsight"), "{march}");
}

#[test]
fn each_period_is_read_at_its_latest_vintage_by_the_as_of_date() {
    let sandbox = Sandbox::fixture(FIXTURE);
    let then = claims(&sandbox, &["--as-of", "2023-12-01", "--claim", "third-quarter-first-estimate"]);
    assert_eq!(then["third-quarter-first-estimate"]["verdict"], "supported");
    let now = claims(&sandbox, &["--claim", "third-quarter-first-estimate"]);
    assert_eq!(now["third-quarter-first-estimate"]["verdict"], "contradicted");
    let facts: Vec<&str> = now["third-quarter-first-estimate"]["facts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap())
        .collect();
    assert_eq!(facts, ["northland-employed-2023-q3-2024-02-14"]);
}

#[test]
fn recheck_shows_the_revision() {
    let run = Sandbox::fixture(FIXTURE).run(&[
        "recheck",
        "northland-jobs",
        "--claim",
        "third-quarter-first-estimate",
        "--from",
        "2023-12-01",
        "--to",
        "2024-03-15",
    ]);
    run.expect_code(exit::OK);
    assert!(run.stdout.contains("third-quarter-first-estimate: supported -> contradicted"), "{}", run.stdout);
    assert!(
        run.stdout.contains(
            "~ northland-employed-2023-q3-2024-02-14: northland employed for 2023-Q3: 1208000 people (published 2024-02-14) (revises northland-employed-2023-q3-2023-11-15: 1205000 people)"
        ),
        "{}",
        run.stdout
    );
    let json = Sandbox::fixture(FIXTURE).run(&[
        "recheck",
        "northland-jobs",
        "--claim",
        "third-quarter-first-estimate",
        "--from",
        "2023-12-01",
        "--to",
        "2024-03-15",
        "--format",
        "json",
    ]);
    let value: Value = serde_json::from_str(&json.stdout).unwrap();
    let revision = &value["articles"][0]["changes"][0]["revisions"][0];
    assert_eq!(revision["fact"], "northland-employed-2023-q3-2024-02-14");
    assert_eq!(revision["revises"], "northland-employed-2023-q3-2023-11-15");
}

#[test]
fn periods_relative_to_the_article_resolve_against_its_date() {
    let claims = claims(&Sandbox::fixture(FIXTURE), &[]);
    // "last quarter" in an article of 2024-03-15, "March" in one of 2024-04-05, "this year" in one of 2023-09-20.
    assert_eq!(claims["employment-record"]["verdict"], "supported");
    assert_eq!(claims["march-131-mm"]["verdict"], "supported");
    assert_eq!(claims["to-48310"]["verdict"], "supported");
}

#[test]
fn a_changed_observation_flips_exactly_the_claims_resting_on_it() {
    let sandbox = Sandbox::fixture(FIXTURE);
    // The coast employed 695,000 rather than 700,000 in the fourth quarter.
    sandbox.edit("reference/facts/labour.yaml", "value: 700000", "value: 695000");
    let claims = claims(&sandbox, &["northland-jobs"]);
    assert_eq!(claims["coast-little-changed"]["verdict"], "supported", "still within 1% of 698,000");
    assert_eq!(claims["coast-1-3-times-uplands"]["verdict"], "supported", "695/530 = 1.31");
    assert_eq!(claims["700000-work-in-northland"]["verdict"], "contradicted", "no part gives 700,000 now");
    assert_eq!(claims["coast-more-than-half"]["verdict"], "supported");
}
