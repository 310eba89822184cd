//! Every report format on the seed article, as reviewed snapshots in
//! `tests/snapshots/`, plus what each format promises: the JSON shape is
//! pinned and documented, JUnit fails exactly the unexpected claims,
//! ClaimReview leaves opinions out, the HTML marks every claim, also in a
//! 5,000-word article with 100 overlapping claims, and the re-check shows the
//! overtaken forecast.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use factcheck::check::{self, ArticleCheck};
use factcheck::report::{self, Format, Options};
use factcheck::{Project, VerdictKind};

fn date(text: &str) -> jiff::civil::Date {
    text.parse().unwrap()
}

fn render(project: &Project, format: Format, as_of: Option<&str>) -> String {
    let checks = check::check_project(project, as_of.map(date));
    report::render(&checks, &project.reference, format, &Options::default())
}

#[test]
fn snapshot_of_every_format_on_the_seed_article() {
    let project = common::seed_project();
    for format in Format::ALL {
        insta::assert_snapshot!(format.name(), render(&project, format, None));
    }
}

#[test]
fn snapshot_of_junit_with_a_failure() {
    let project = common::seed_project();
    insta::assert_snapshot!("junit-as-of-2024-10-01", render(&project, Format::Junit, Some("2024-10-01")));
}

/// Every path of a JSON value with the types found there, such as
/// `articles[].claims[].verdict: string`.
fn shape(value: &serde_json::Value, path: &str, found: &mut BTreeMap<String, BTreeSet<&'static str>>) {
    use serde_json::Value;
    let kind = match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(items) => {
            for item in items {
                shape(item, &format!("{path}[]"), found);
            }
            "array"
        }
        Value::Object(fields) => {
            for (key, item) in fields {
                let path = if path.is_empty() { key.clone() } else { format!("{path}.{key}") };
                shape(item, &path, found);
            }
            "object"
        }
    };
    if !path.is_empty() {
        found.entry(path.to_owned()).or_default().insert(kind);
    }
}

fn shape_lines(json: &str) -> Vec<String> {
    let value: serde_json::Value = serde_json::from_str(json).unwrap();
    let mut found = BTreeMap::new();
    shape(&value, "", &mut found);
    found
        .into_iter()
        .map(|(path, kinds)| format!("{path}: {}", kinds.into_iter().collect::<Vec<_>>().join("|")))
        .collect()
}

const DISCREPANCIES: &str = "articles[].claims[].discrepancies[]";

/// The JSON report's shape on the seed article and at a later date, where a
/// verdict changes: field names and types, whatever the values.
#[test]
fn json_shape_is_pinned() {
    let project = common::seed_project();
    let mut lines: BTreeSet<String> = BTreeSet::new();
    for as_of in [None, Some("2024-10-01")] {
        lines.extend(shape_lines(&render(&project, Format::Json, as_of)));
    }
    let shape: Vec<String> = lines.into_iter().collect();
    insta::assert_snapshot!("json-shape", shape.join("\n"));
    let json: serde_json::Value = serde_json::from_str(&render(&project, Format::Json, None)).unwrap();
    assert_eq!(json["version"], report::json::VERSION);
}

/// The JSON report's shape on the quotes fixture, whose claims show every
/// discrepancy of the quote rule, of uncertain records and of roles.
#[test]
fn json_shape_of_the_quote_rule_is_pinned() {
    let project = common::fixture_project("quotes");
    let shape = shape_lines(&render(&project, Format::Json, None));
    let discrepancies: Vec<&String> = shape.iter().filter(|l| l.starts_with(DISCREPANCIES)).collect();
    insta::assert_snapshot!(
        "json-shape-quotes",
        discrepancies.iter().map(|l| l.as_str()).collect::<Vec<_>>().join("\n")
    );
}

fn reports_doc() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/reports.md")).unwrap()
}

/// The JSON report's shape on the statistics fixture, whose claims give
/// every statistical kind's fields and discrepancies.
#[test]
fn json_shape_of_statistical_claims_is_pinned() {
    let project = common::fixture_project("statistics");
    let shape = shape_lines(&render(&project, Format::Json, None));
    insta::assert_snapshot!("json-shape-statistics", shape.join("\n"));
}

/// docs/reports.md has a row for every field of the JSON report with its
/// types, and for every discrepancy type with its fields, on the seed (at
/// two dates) and on the statistics fixture.
#[test]
fn json_fields_are_documented() {
    let doc = reports_doc();
    let runs = [
        (common::seed_project(), None),
        (common::seed_project(), Some("2024-10-01")),
        (common::fixture_project("statistics"), None),
    ];
    for (project, as_of) in runs {
        let json = render(&project, Format::Json, as_of);
        for line in shape_lines(&json) {
            let (path, kinds) = line.split_once(": ").unwrap();
            if path.starts_with(&format!("{DISCREPANCIES}.")) {
                continue;
            }
            let start = format!("| `{path}` | ");
            let row = doc
                .lines()
                .find(|l| l.starts_with(&start))
                .unwrap_or_else(|| panic!("docs/reports.md has no row for `{path}`"));
            let documented = row[start.len()..].split(" |").next().unwrap_or_default();
            for kind in kinds.split('|') {
                assert!(documented.contains(kind), "`{path}` is {kinds}, documented as {documented}");
            }
        }
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        let articles = value["articles"].as_array().unwrap();
        for claim in articles.iter().flat_map(|a| a["claims"].as_array().unwrap()) {
            for d in claim["discrepancies"].as_array().unwrap() {
                let kind = d["type"].as_str().unwrap();
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
}

#[test]
fn json_cites_each_claims_sources_with_urls() {
    let project = common::seed_project();
    let json: serde_json::Value = serde_json::from_str(&render(&project, Format::Json, None)).unwrap();
    let claims = json["articles"][0]["claims"].as_array().unwrap();
    let troops = claims.iter().find(|c| c["claim"] == "us-troops-about-2500").unwrap();
    assert_eq!(troops["sources"][0]["id"], "reuters-dunya-2024-08-15");
    assert!(troops["sources"][0]["url"].as_str().unwrap().starts_with("https://"));
    assert_eq!(troops["severity"], "error");
    assert_eq!(troops["expected"], "supported");
}

#[test]
fn junit_fails_exactly_the_unexpected_claims() {
    let project = common::seed_project();
    let clean = render(&project, Format::Junit, None);
    assert!(clean.contains(r#"<testsuites name="factcheck" tests="37" failures="0" errors="0" skipped="2""#));
    let later = render(&project, Format::Junit, Some("2024-10-01"));
    assert_eq!(later.matches("<failure ").count(), 1, "{later}");
    let failure = later.split("<failure ").nth(1).unwrap().split("</failure>").next().unwrap();
    assert!(failure.starts_with(r#"message="contradicted, expected supported" type="contradicted""#), "{failure}");
    assert!(failure.contains("reference 2024-09-27 is 17 days after the claimed early 2024-09"), "{failure}");
}

#[test]
fn claimreview_rates_every_claim_but_opinions() {
    let project = common::seed_project();
    let json: serde_json::Value = serde_json::from_str(&render(&project, Format::ClaimReview, None)).unwrap();
    assert_eq!(json["@context"], "https://schema.org");
    let reviews = json["@graph"].as_array().unwrap();
    let claims = &project.articles[0].claims;
    let opinions = claims.iter().filter(|c| c.assertion.kind().name() == "opinion").count();
    assert_eq!(reviews.len(), claims.len() - opinions);
    let injured =
        reviews.iter().find(|r| r["url"] == "https://al-sarira.com/?p=11496#claim-five-us-personnel-injured").unwrap();
    assert_eq!(injured["claimReviewed"], "Five US personnel were injured in the attack.");
    assert_eq!(injured["reviewRating"]["ratingValue"], 2);
    assert_eq!(injured["reviewRating"]["alternateName"], "Misleading");
    assert_eq!(injured["itemReviewed"]["@type"], "Claim");
    assert_eq!(injured["itemReviewed"]["datePublished"], "2024-08-16");
    assert_eq!(injured["itemReviewed"]["appearance"]["url"], "https://al-sarira.com/?p=11496");
    assert_eq!(injured["author"]["name"], "factcheck");
}

/// Every claim of `check` has a `<span class="claim">` with its id and
/// verdict in `html`.
fn assert_every_claim_marked(html: &str, check: &ArticleCheck<'_>) {
    let spans = common::claim_spans(html);
    for (claim, verdict) in check.pairs() {
        let id = claim.id.as_str();
        let name = verdict.verdict.name();
        let ours: Vec<_> = spans.iter().filter(|s| s.get("data-claim").map(String::as_str) == Some(id)).collect();
        assert!(!ours.is_empty(), "claim `{id}` has no highlighted span");
        for span in ours {
            assert_eq!(span.get("data-verdict").map(String::as_str), Some(name), "claim `{id}`");
            assert!(span["class"].contains(&format!("v-{name}")), "claim `{id}`: {span:?}");
        }
        assert!(html.contains(&format!(r#"id="claim-{id}""#)), "claim `{id}` has no note");
    }
}

#[test]
fn html_marks_every_claim_of_the_seed_article() {
    let project = common::seed_project();
    let checks = check::check_project(&project, None);
    let html = report::html::render(&checks, &project.reference);
    assert_every_claim_marked(&html, &checks[0]);
    assert!(!html.contains("<script"), "the page needs no JavaScript");
    assert!(!html.contains("src="), "the page loads nothing");
    assert!(html.contains("An opinion: recorded, not checked."));
}

#[test]
fn html_stays_whole_for_a_long_article_with_many_overlapping_claims() {
    let (article, verdicts) = common::large_article();
    assert_eq!(article.text.split_whitespace().count(), 5000);
    let check = ArticleCheck::all(&article, article.article.default_as_of(), verdicts);
    let html = report::html::render(std::slice::from_ref(&check), &Default::default());
    assert_every_claim_marked(&html, &check);
    assert_eq!(html.matches("<span").count(), html.matches("</span>").count());
    assert_eq!(html.matches("<div").count(), html.matches("</div>").count());
    assert_eq!(html.matches(r#"<div class="row">"#).count(), 50, "one row per paragraph");
    assert!(html.len() < 1_000_000, "{} bytes", html.len());
    // A claim crossing into the next paragraph is marked in both.
    let c075 = common::claim_spans(&html).into_iter().filter(|s| s["data-claim"] == "c075").count();
    assert_eq!(c075, 2);
    for verdict in VerdictKind::ALL {
        assert!(html.contains(&format!(r#"data-verdict="{}""#, verdict.name())));
    }
}

#[test]
fn recheck_shows_the_overtaken_forecast() {
    let project = common::seed_project();
    let recheck = check::recheck::recheck(&project, Some(date("2024-08-17")), date("2024-10-01"));
    let text = report::recheck::text(&recheck, &project.reference);
    insta::assert_snapshot!("recheck", text);
    assert!(text.starts_with("recheck: 1 of 37 claims in 1 article changed verdict\n"), "{text}");
    assert!(text.contains("  announcement-expected-early-september: supported -> contradicted\n"), "{text}");
    assert!(text.contains("      - end-announcement-expected-early-september: "), "{text}");
    assert!(text.contains("      + end-announcement-date: coalition-mission-end-announcement date: 2024-09-27\n"));
    let json = report::recheck::json(&recheck, &project.reference);
    insta::assert_snapshot!("recheck-json", json);
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["totals"]["verdicts_changed"], 1);
    let change = &value["articles"][0]["changes"][0];
    assert_eq!(change["facts_newly_used"][0], "end-announcement-date");
}

#[test]
fn recheck_at_the_same_date_changes_nothing() {
    let project = common::seed_project();
    let recheck = check::recheck::recheck(&project, None, date("2024-08-17"));
    let text = report::recheck::text(&recheck, &project.reference);
    assert!(text.starts_with("recheck: 0 of 37 claims"), "{text}");
    assert!(text.contains("  no verdict changed\n"), "{text}");
}
