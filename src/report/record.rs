//! The per-claim record that snapshots and the JSON report share: the claim,
//! its verdict, what differs, and the facts used with their sources.
//!
//! Fields are only ever added at the end, so accepted snapshots keep
//! matching when the record grows.

use serde::Serialize;

use crate::model::{Assertion, Claim, Discrepancy, Fact, FactValue, Reference, Severity, Source, Verdict, VerdictKind};

/// One source, as cited in a record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SourceRef {
    /// The source's id.
    pub id: String,
    /// Who published the copy consulted (and who wrote it, if syndicated).
    pub publisher: String,
    /// Where it is.
    pub url: String,
}

/// One fact, as cited in a record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FactRef {
    /// The fact's id.
    pub id: String,
    /// What it says, in a line.
    pub says: String,
    /// The sources stating it.
    pub sources: Vec<SourceRef>,
}

/// Everything about one checked claim.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ClaimRecord<'a> {
    /// The article's id.
    pub article: &'a str,
    /// The claim's id.
    pub claim: &'a str,
    /// The claim's words.
    pub text: &'a str,
    /// What it asserts: `kind` and the kind's fields.
    #[serde(flatten)]
    pub assertion: &'a Assertion,
    /// The date facts were taken at.
    pub as_of: String,
    /// The claimed date, resolved to a window (claims with dates only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub claimed_date: Option<String>,
    /// The verdict.
    pub verdict: VerdictKind,
    /// The verdict expected, if stated.
    pub expected: Option<VerdictKind>,
    /// What differs, or the caveats.
    pub discrepancies: &'a [Discrepancy],
    /// The facts used, with their sources.
    pub facts: Vec<FactRef>,
}

impl<'a> ClaimRecord<'a> {
    /// The record of `claim` with `verdict`, citing facts from `reference`.
    pub fn new(
        article: &'a str,
        claim: &'a Claim,
        verdict: &'a Verdict,
        reference: &Reference,
        as_of: jiff::civil::Date,
    ) -> Self {
        ClaimRecord {
            article,
            claim: claim.id.as_str(),
            text: &claim.text,
            assertion: &claim.assertion,
            as_of: as_of.to_string(),
            claimed_date: verdict.claimed_date.map(|d| d.to_string()),
            verdict: verdict.verdict,
            expected: claim.expect,
            discrepancies: &verdict.discrepancies,
            facts: verdict
                .facts
                .iter()
                .filter_map(|id| reference.fact(id))
                .map(|f| FactRef::of(f, reference))
                .collect(),
        }
    }
}

impl SourceRef {
    /// How `source` is cited.
    pub fn of(source: &Source) -> SourceRef {
        SourceRef {
            id: source.id.to_string(),
            publisher: match &source.original_publisher {
                Some(original) => format!("{original} via {}", source.publisher),
                None => source.publisher.clone(),
            },
            url: source.url.clone(),
        }
    }
}

impl FactRef {
    /// How `fact` is cited, with the sources of `reference` stating it.
    pub fn of(fact: &Fact, reference: &Reference) -> FactRef {
        let sources = fact.sources.iter().filter_map(|id| reference.source(id)).map(SourceRef::of).collect();
        FactRef { id: fact.id.to_string(), says: describe_fact(fact), sources }
    }
}

/// `" at <organisation>"` for a role, nothing otherwise.
fn at(organisation: &Option<crate::model::Term>) -> String {
    organisation.as_ref().map_or_else(String::new, |o| format!(" at {o}"))
}

/// A fact in one line: "us-troops-in-iraq count: about 2500 troops (as of 2024-08-15)".
pub fn describe_fact(fact: &Fact) -> String {
    let value = match &fact.value {
        FactValue::Number { value, unit, qualifier } if !fact.scale.is_units() => {
            crate::check::describe_number(*value, &format!("{} {unit}", fact.scale.name()), *qualifier)
        }
        FactValue::Number { value, unit, qualifier } => crate::check::describe_number(*value, unit, *qualifier),
        FactValue::Record { record, since } => crate::check::describe_record(*record, *since),
        FactValue::Date(spec) => spec.to_string(),
        FactValue::Object { object, date: Some(date), organisation } => {
            format!("{object}{} on {date}", at(organisation))
        }
        FactValue::Object { object, date: None, organisation } => format!("{object}{}", at(organisation)),
        FactValue::Unsettled => "unsettled".to_owned(),
    };
    let when = fact.validity.to_string();
    let forecast = if fact.forecast { " [forecast]" } else { "" };
    let period = fact.period.map(|p| format!(" for {p}")).unwrap_or_default();
    format!("{} {}{period}: {value}{when}{forecast}", fact.subject, fact.property)
}

/// Severity as written in YAML.
pub fn severity_name(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warn => "warn",
    }
}
