//! The JSON report: a versioned document for tools.
//!
//! Shape (version 1): `{version, articles: [{id, title, url, as_of, claims:
//! [record + severity, as_expected, averitec]}], totals: {claims,
//! unexpected, <verdict>: n}}`. A record is [`super::record::ClaimRecord`].
//! New fields may be added; existing ones keep their meaning until the
//! version changes.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::check::ArticleCheck;
use crate::model::Reference;

use super::Tally;
use super::record::{ClaimRecord, severity_name};

/// The version of the JSON shape.
pub const VERSION: u32 = 1;

#[derive(Serialize)]
struct Report<'a> {
    version: u32,
    articles: Vec<ArticleReport<'a>>,
    totals: BTreeMap<&'static str, usize>,
}

#[derive(Serialize)]
struct ArticleReport<'a> {
    id: &'a str,
    title: Option<&'a str>,
    url: &'a str,
    as_of: String,
    claims: Vec<ClaimEntry<'a>>,
}

#[derive(Serialize)]
struct ClaimEntry<'a> {
    #[serde(flatten)]
    record: ClaimRecord<'a>,
    severity: &'static str,
    as_expected: bool,
    averitec: Option<&'static str>,
}

/// Renders the run as pretty-printed JSON, ending with a newline.
pub fn render(checks: &[ArticleCheck<'_>], reference: &Reference) -> String {
    let articles = checks
        .iter()
        .map(|check| {
            let article = &check.article.article;
            let claims = check
                .pairs()
                .map(|(claim, verdict)| ClaimEntry {
                    record: ClaimRecord::new(article.id.as_str(), claim, verdict, reference, check.as_of),
                    severity: severity_name(claim.severity),
                    as_expected: claim.expects(verdict.verdict),
                    averitec: verdict.verdict.averitec(),
                })
                .collect();
            ArticleReport {
                id: article.id.as_str(),
                title: article.title.as_deref(),
                url: &article.url,
                as_of: check.as_of.to_string(),
                claims,
            }
        })
        .collect();
    let tally = Tally::of(checks);
    let mut totals: BTreeMap<&'static str, usize> = tally.by_verdict.iter().map(|(v, n)| (v.name(), *n)).collect();
    totals.insert("claims", tally.claims);
    totals.insert("unexpected", tally.unexpected);
    let report = Report { version: VERSION, articles, totals };
    // Serialising plain data with string keys cannot fail.
    let mut out = serde_json::to_string_pretty(&report).unwrap_or_default();
    out.push('\n');
    out
}
