//! Snapshots: what `tests/claims.rs` asserts for each claim, and where.
//!
//! The body is a [`ClaimRecord`]; the snapshot's header carries the claim's
//! words as its description and its expected sources as info, so `cargo
//! insta review` shows a reviewer the claim next to its verdict.

use serde::Serialize;

use crate::model::{Claim, Reference, Verdict};

pub use super::record::ClaimRecord;

/// Where an article's snapshots live, relative to the project root.
pub fn dir(article: &str) -> String {
    format!("snapshots/{article}")
}

/// The one command that runs one claim's test, `<article>::<claim>`: what
/// `add` prints, and what the README and `tests/README.md` show.
pub fn test_command(article: &str, claim: &str) -> String {
    format!("{TEST_COMMAND} {article}::{claim}")
}

/// The test command without its filter: the per-claim tests only, so no
/// other test target is built or run.
pub const TEST_COMMAND: &str = "cargo test --test claims --";

/// The header's `info:`: what a reviewer needs beside the verdict.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Info {
    /// The article.
    pub article: String,
    /// The claim's kind.
    pub kind: String,
    /// The sources the claim expects, by id.
    pub expected_sources: Vec<String>,
    /// The author's note.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The header info of a claim's snapshot.
pub fn info(article: &str, claim: &Claim) -> Info {
    Info {
        article: article.to_owned(),
        kind: claim.assertion.kind().to_string(),
        expected_sources: claim.sources.iter().map(ToString::to_string).collect(),
        note: claim.note.clone(),
    }
}

/// The body of a claim's snapshot.
pub fn record<'a>(
    article: &'a str,
    claim: &'a Claim,
    verdict: &'a Verdict,
    reference: &Reference,
    as_of: jiff::civil::Date,
) -> ClaimRecord<'a> {
    ClaimRecord::new(article, claim, verdict, reference, as_of)
}
