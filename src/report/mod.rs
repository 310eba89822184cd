//! Formatting: the only module that turns verdicts and diagnostics into text.
//!
//! Every renderer returns a `String` and is deterministic: claims in id
//! order, maps sorted, numbers printed with an explicit format, paths
//! relative, no timestamps.

pub mod diagnostic;
pub mod json;
pub mod record;
pub mod snapshot;
pub mod suggest;
pub mod text;

use std::collections::BTreeMap;

use crate::check::ArticleCheck;
use crate::check::number;
use crate::model::{DateQualifier, Discrepancy, TermRelation, VerdictKind};

/// The output formats of `factcheck check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// One line per claim and a tally, for people.
    Text,
    /// A versioned JSON document, for tools.
    Json,
}

/// Whether output may use colour.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Style {
    /// Use ANSI colours.
    pub color: bool,
}

/// Renders the verdicts of a run in `format`.
pub fn render(
    checks: &[ArticleCheck<'_>],
    reference: &crate::model::Reference,
    format: Format,
    style: Style,
) -> String {
    match format {
        Format::Text => text::render(checks, style),
        Format::Json => json::render(checks, reference),
    }
}

/// How many claims got each verdict, in report order, with how many came
/// out other than expected.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    /// Claims per verdict.
    pub by_verdict: BTreeMap<VerdictKind, usize>,
    /// Claims in all.
    pub claims: usize,
    /// Claims whose verdict is not what their author expects.
    pub unexpected: usize,
}

impl Tally {
    /// Counts the verdicts of every article checked.
    pub fn of(checks: &[ArticleCheck<'_>]) -> Tally {
        let mut tally = Tally::default();
        for check in checks {
            for (claim, verdict) in check.pairs() {
                *tally.by_verdict.entry(verdict.verdict).or_default() += 1;
                tally.claims += 1;
                tally.unexpected += usize::from(!claim.expects(verdict.verdict));
            }
        }
        tally
    }
}

/// A discrepancy in a few words, for one-line reports.
pub fn describe(d: &Discrepancy) -> String {
    match d {
        Discrepancy::Value { claimed, reference, difference, relative_difference, tolerance, .. } => {
            let relative = relative_difference.map(|r| format!(", {}%", signed(r * 100.0))).unwrap_or_default();
            format!("claimed {claimed}, reference {reference} ({}{relative}; {tolerance})", signed(*difference))
        }
        Discrepancy::Imprecise { claimed_range, reference_range, .. } => {
            format!("reference {reference_range} neither confirms nor rules out {claimed_range}")
        }
        Discrepancy::Scope { claimed_measure, matching_measure, fact } => {
            format!("the claimed value fits `{matching_measure}` ({fact}), not `{claimed_measure}`")
        }
        Discrepancy::Unit { claimed, reference } => format!("claimed in `{claimed}`, reference in `{reference}`"),
        Discrepancy::Date { claimed, qualifier, reference, days_outside } => {
            let when = match days_outside.signum() {
                -1 => format!("{} before", span_of_days(days_outside.unsigned_abs())),
                1 => format!("{} after", span_of_days(days_outside.unsigned_abs())),
                _ => "at the edge of".to_owned(),
            };
            let qualifier = match qualifier {
                DateQualifier::On => String::new(),
                other => format!(" ({})", other.name()),
            };
            format!("reference {reference} is {when} the claimed {claimed}{qualifier}")
        }
        Discrepancy::DateImprecise { claimed, reference } => {
            format!("reference date {reference} is too coarse to confirm {claimed}")
        }
        Discrepancy::Forecast { event } => format!("matches a forecast: `{event}` had not happened by the as-of date"),
        Discrepancy::Object { claimed, reference, relation, .. } => {
            let reference = reference.iter().map(|r| format!("`{r}`")).collect::<Vec<_>>().join(", ");
            let how = match relation {
                TermRelation::Narrower => "narrower than".to_owned(),
                TermRelation::Sibling { shared } => format!("another kind of `{shared}` than"),
                TermRelation::Unrelated => "not".to_owned(),
            };
            format!("claims `{claimed}`, {how} the reference's {reference}")
        }
        Discrepancy::Broader { claimed, reference } => {
            format!("`{claimed}` is broader than the reference's `{reference}`")
        }
        Discrepancy::Quote { source, similarity, diff } => {
            format!("closest passage ({source}, similarity {}): {diff}", number(*similarity))
        }
        Discrepancy::Speaker { claimed, found, source } => {
            format!("the words are `{found}`'s ({source}), not `{claimed}`'s")
        }
        Discrepancy::NoFact { subject, property } => format!("no fact about `{subject}` `{property}`"),
        Discrepancy::NotValid { subject, property } => {
            format!("no fact about `{subject}` `{property}` holds at the as-of date")
        }
        Discrepancy::Unsettled { fact, reason } => format!("unsettled ({fact}): {reason}"),
        Discrepancy::Conflict { values } => format!("sources disagree: {}", values.join("; ")),
        Discrepancy::Overruled { fact, value } => format!("set aside a lower-ranked source: {fact} says {value}"),
        Discrepancy::SourceMissing { source } => format!("expected source `{source}` is not in the reference"),
        Discrepancy::SourceNotBacking { source } => format!("expected source `{source}` does not back it"),
    }
}

/// `text` safe to print on a terminal: control characters (escape
/// sequences, carriage returns, line breaks) are shown escaped, so data
/// cannot move the cursor, recolour or clear the screen, or fake a line.
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(char::is_control) {
        return text.into();
    }
    text.chars()
        .flat_map(|c| if c.is_control() { c.escape_debug().collect::<Vec<_>>() } else { vec![c] })
        .collect::<String>()
        .into()
}

/// Whether a discrepancy is about sources rather than the claim's content;
/// one-line reports show content first.
pub fn is_about_sources(d: &Discrepancy) -> bool {
    matches!(
        d,
        Discrepancy::SourceMissing { .. } | Discrepancy::SourceNotBacking { .. } | Discrepancy::Overruled { .. }
    )
}

fn signed(x: f64) -> String {
    if x > 0.0 { format!("+{}", number(x)) } else { number(x) }
}

/// A gap in days as people say it: "10 days", "about 3 months", "about 9 years".
fn span_of_days(n: u64) -> String {
    const DAYS_PER_MONTH: f64 = 30.44;
    let days = n as f64;
    if n < 60 {
        crate::error::plural(usize::try_from(n).unwrap_or(usize::MAX), "day")
    } else if days < 2.0 * 365.25 {
        format!("about {} months", (days / DAYS_PER_MONTH).round())
    } else {
        format!("about {} years", (days / 365.25).round())
    }
}
