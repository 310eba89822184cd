//! The JUnit and ClaimReview reports read by third-party parsers:
//! junitparser, a JUnit reader, and pyld, a JSON-LD processor, with every
//! expanded term looked up in the schema.org vocabulary that rdflib ships.
//! `tests/third_party/read_reports.py` runs them and prints what they found.
//!
//! The Python interpreter with those packages is named by `FACTCHECK_PYTHON`;
//! `.ci/run` installs them from `tests/third_party/requirements.txt` into a
//! virtual environment under `target/` and sets it. Without it the tests
//! pass with a note.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use factcheck::check;
use factcheck::report::{self, Format, Options, claimreview};

fn python() -> Option<PathBuf> {
    let python = std::env::var_os("FACTCHECK_PYTHON").map(PathBuf::from);
    if python.is_none() {
        eprintln!("note: FACTCHECK_PYTHON is not set: skipping the third-party parsers (see .ci/run)");
    }
    python
}

/// Writes `report` to a file and has the third-party parser for `kind` read it.
fn read(python: &Path, kind: &str, report: &str) -> serde_json::Value {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(format!("report.{kind}"));
    std::fs::write(&file, report).unwrap();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/third_party/read_reports.py");
    let output = Command::new(python).arg(script).arg(kind).arg(&file).output().unwrap();
    assert!(
        output.status.success(),
        "the {kind} parser refused the report:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

fn render(format: Format, as_of: Option<&str>) -> String {
    let project = common::seed_project();
    let checks = check::check_project(&project, as_of.map(|d| d.parse().unwrap()));
    report::render(&checks, &project.reference, format, &Options::default())
}

#[test]
fn junitparser_reads_one_case_per_claim_and_the_failure() {
    let Some(python) = python() else { return };
    let clean = read(&python, "junit", &render(Format::Junit, None));
    assert_eq!(clean["totals"], serde_json::json!({"tests": 37, "failures": 0, "errors": 0, "skipped": 2}));
    assert_eq!(clean["suites"][0]["name"], "iraq-coalition-announcement-postponed");

    let later = read(&python, "junit", &render(Format::Junit, Some("2024-10-01")));
    assert_eq!(later["totals"]["failures"], 1);
    let failed = &later["failed"][0];
    assert_eq!(failed["case"], "announcement-expected-early-september");
    assert_eq!(failed["classname"], "iraq-coalition-announcement-postponed");
    assert_eq!(failed["message"], "contradicted, expected supported");
    let text = failed["text"].as_str().unwrap();
    assert!(text.contains("reference 2024-09-27 is 17 days after the claimed early 2024-09"), "{text}");
}

#[test]
fn pyld_expands_claimreview_into_schema_org_terms_only() {
    let Some(python) = python() else { return };
    let found = read(&python, "claimreview", &render(Format::ClaimReview, None));
    assert_eq!(found["unknown"], serde_json::json!([]), "{found}");
    assert_eq!(found["reviews"], 35, "every claim but the two opinions");
    for term in ["ClaimReview", "claimReviewed", "reviewRating", "ratingValue", "itemReviewed", "appearance"] {
        let iri = format!("http://schema.org/{term}");
        assert!(found["terms"].as_array().unwrap().iter().any(|t| t == &iri), "{term} missing: {found}");
    }
    for (name, value) in found["ratings"].as_object().unwrap() {
        let verdict =
            factcheck::VerdictKind::ALL.into_iter().find(|v| claimreview::rating(*v).map(|r| r.1) == Some(name));
        let expected = verdict.and_then(claimreview::rating).map(|r| r.0);
        assert_eq!(Some(value.as_u64().unwrap()), expected.map(u64::from), "{name}");
    }
    assert!(found["triples"].as_u64().unwrap() > 35 * 10, "{found}");
}

#[test]
fn a_term_outside_schema_org_is_caught() {
    let Some(python) = python() else { return };
    let report = render(Format::ClaimReview, None).replace("\"claimReviewed\"", "\"claimReviewd\"");
    let found = read(&python, "claimreview", &report);
    assert_eq!(found["unknown"], serde_json::json!(["http://schema.org/claimReviewd"]));
}
