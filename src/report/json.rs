//! The JSON report: a versioned document for tools.
//!
//! Shape (version 1): `{version, articles: [{id, title, url, as_of, claims:
//! [record + severity, as_expected, averitec, sources], publisher,
//! published, sentences, drafts}], totals: {claims, unexpected, warnings,
//! drafts, <verdict>: n}}`. A record is
//! [`super::record::ClaimRecord`]; `docs/reports.md` documents every field
//! and `tests/reports.rs` pins the shape. New fields may be added at the end
//! of an object; existing ones keep their meaning until the version changes.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::check::ArticleCheck;
use crate::model::{DraftClaim, Reference};

use super::Tally;
use super::record::{ClaimRecord, SourceRef, severity_name};
use crate::check::rollup::SentenceVerdict;

/// The version of the JSON shape.
pub const VERSION: u32 = 1;

/// A versioned document: the top level of the JSON report and of the
/// re-check's JSON report, which differ in what an article holds.
#[derive(Serialize)]
pub(crate) struct Document<A> {
    /// The version of the shape.
    pub version: u32,
    /// One entry per article.
    pub articles: Vec<A>,
    /// Counts, by name.
    pub totals: BTreeMap<&'static str, usize>,
}

/// `value` as pretty-printed JSON ending with a newline.
///
/// `<`, `>` and `&` are written as `\u003c`, `\u003e` and `\u0026`: the same
/// JSON values, but a claim holding `</script>` cannot end the `<script>`
/// element a page embeds JSON-LD in. They only ever occur inside strings, so
/// replacing them in the text is exact.
pub(crate) fn pretty(value: &impl Serialize) -> String {
    // Serialising plain data with string keys cannot fail.
    let json = serde_json::to_string_pretty(value).unwrap_or_default();
    let mut out = String::with_capacity(json.len() + 1);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            c => out.push(c),
        }
    }
    out.push('\n');
    out
}

#[derive(Serialize)]
struct ArticleReport<'a> {
    id: &'a str,
    title: Option<&'a str>,
    url: &'a str,
    as_of: String,
    claims: Vec<ClaimEntry<'a>>,
    publisher: &'a str,
    published: String,
    sentences: &'a [SentenceVerdict],
    /// The drafts waiting for review: listed, never checked.
    drafts: &'a [&'a DraftClaim],
}

#[derive(Serialize)]
struct ClaimEntry<'a> {
    #[serde(flatten)]
    record: ClaimRecord<'a>,
    severity: &'static str,
    as_expected: bool,
    averitec: Option<&'static str>,
    /// The sources the claim cites, as found in the reference.
    sources: Vec<SourceRef>,
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
                    sources: claim.sources.iter().filter_map(|id| reference.source(id)).map(SourceRef::of).collect(),
                })
                .collect();
            ArticleReport {
                id: article.id.as_str(),
                title: article.title.as_deref(),
                url: &article.url,
                as_of: check.as_of.to_string(),
                claims,
                publisher: &article.publisher,
                published: article.published.to_string(),
                sentences: &check.sentences,
                drafts: &check.drafts,
            }
        })
        .collect();
    let tally = Tally::of(checks);
    let mut totals: BTreeMap<&'static str, usize> = tally.by_verdict.iter().map(|(v, n)| (v.name(), *n)).collect();
    totals.insert("claims", tally.claims);
    totals.insert("unexpected", tally.unexpected);
    totals.insert("warnings", tally.warnings);
    totals.insert("drafts", tally.drafts);
    pretty(&Document { version: VERSION, articles, totals })
}
