//! Formatting: the only module that turns verdicts and diagnostics into text.
//!
//! Every renderer is a pure function returning a `String` and is
//! deterministic: claims in reading order, maps sorted, numbers printed with an
//! explicit format, paths relative, no timestamps. Writing the result to a
//! file is [`crate::fs`]'s job; printing it is the binary's.
//!
//! One module per format: [`text`], [`json`], [`junit`], [`markdown`],
//! [`claimreview`] and [`html`] render a check; [`recheck`] renders the
//! comparison of two dates; [`diagnostic`] renders load errors and
//! [`snapshot`] the per-claim snapshots.

pub mod claimreview;
pub mod diagnostic;
pub mod diff;
pub mod html;
pub mod import;
pub mod json;
pub mod junit;
pub mod markdown;
pub mod recheck;
pub mod record;
pub mod search;
pub mod snapshot;
pub mod suggest;
pub mod text;

use std::collections::BTreeMap;

use crate::check::ArticleCheck;
use crate::check::number;
use crate::error::plural;
use crate::model::{
    BreakdownRelation, Claim, DateQualifier, Discrepancy, DraftClaim, Severity, TermRelation, VerdictKind,
};

/// The output formats of `factcheck check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// One line per claim and a tally, for people.
    Text,
    /// A versioned JSON document, for tools.
    Json,
    /// JUnit XML: a test case per claim, a test suite per article, for CI.
    Junit,
    /// A summary table and a section per finding, for pull requests and
    /// corrections memos.
    Markdown,
    /// schema.org ClaimReview JSON-LD, for fact-check publishers.
    ClaimReview,
    /// One self-contained HTML page: the article with every claim marked.
    Html,
}

impl Format {
    /// Every format, in the order they are documented.
    pub const ALL: [Format; 6] =
        [Format::Text, Format::Json, Format::Junit, Format::Markdown, Format::ClaimReview, Format::Html];

    /// The format's name as given to `--format`.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Json => "json",
            Format::Junit => "junit",
            Format::Markdown => "markdown",
            Format::ClaimReview => "claimreview",
            Format::Html => "html",
        }
    }
}

/// Whether output may use colour.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Style {
    /// Use ANSI colours.
    pub color: bool,
}

/// What a rendering may need beyond the verdicts and the format.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// Colour, for the text report.
    pub style: Style,
    /// The reviewing organisation, for ClaimReview.
    pub reviewer: claimreview::Reviewer,
    /// List every discrepancy of every claim, for the text report.
    pub verbose: bool,
}

/// Renders the verdicts of a run in `format`.
pub fn render(
    checks: &[ArticleCheck<'_>],
    reference: &crate::model::Reference,
    format: Format,
    options: &Options,
) -> String {
    match format {
        Format::Text => text::render(checks, options),
        Format::Json => json::render(checks, reference),
        Format::Junit => junit::render(checks),
        Format::Markdown => markdown::render(checks, reference),
        Format::ClaimReview => claimreview::render(checks, &options.reviewer),
        Format::Html => html::render(checks, reference),
    }
}

/// How many claims got each verdict, in report order, with how many came
/// out other than expected, and how many of those only warn.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    /// Claims per verdict.
    pub by_verdict: BTreeMap<VerdictKind, usize>,
    /// Claims in all.
    pub claims: usize,
    /// Claims whose verdict is not what their author expects, whatever
    /// their severity.
    pub unexpected: usize,
    /// Those of them with severity `warn`: reported, never failing.
    pub warnings: usize,
    /// Drafts waiting for review: listed, never checked, never failing.
    pub drafts: usize,
}

impl Tally {
    /// Counts the verdicts of every article checked.
    pub fn of(checks: &[ArticleCheck<'_>]) -> Tally {
        let mut tally = Tally::default();
        tally.add(checks);
        tally
    }

    /// Counts the verdicts of more articles.
    pub fn add(&mut self, checks: &[ArticleCheck<'_>]) {
        for check in checks {
            self.drafts += check.drafts.len();
            for (claim, verdict) in check.pairs() {
                *self.by_verdict.entry(verdict.verdict).or_default() += 1;
                self.claims += 1;
                let unexpected = !claim.expects(verdict.verdict);
                self.unexpected += usize::from(unexpected);
                self.warnings += usize::from(unexpected && claim.severity == Severity::Warn);
            }
        }
    }

    /// Claims not as expected at severity `error`: they fail the run.
    pub fn failing(&self) -> usize {
        self.unexpected - self.warnings
    }

    /// How the run met its authors' expectations, in words: "all as
    /// expected", "2 claims not as expected", "1 claim not as expected, as
    /// a warning", "3 claims not as expected, 1 of them as a warning".
    pub fn expectation(&self) -> String {
        match (self.unexpected, self.warnings) {
            (0, _) => "all as expected".to_owned(),
            (n, 0) => format!("{} not as expected", plural(n, "claim")),
            (n, w) if n == w => format!("{} not as expected, as {}", plural(n, "claim"), a_warning(w)),
            (n, w) => format!("{} not as expected, {w} of them as {}", plural(n, "claim"), a_warning(w)),
        }
    }
}

/// What a draft still needs, in words: "needs subject, measure, expect".
pub fn needs(draft: &DraftClaim) -> String {
    format!("needs {}", draft.missing.join(", "))
}

fn a_warning(n: usize) -> &'static str {
    if n == 1 { "a warning" } else { "warnings" }
}

/// How a claim met its author's expectation, for one-line reports: `None`
/// when it did, otherwise "UNEXPECTED (expected …)" for severity `error`
/// and "WARNING (expected …)" for `warn`.
pub fn expectation_flag(claim: &Claim, verdict: &crate::model::Verdict) -> Option<String> {
    if claim.expects(verdict.verdict) {
        return None;
    }
    let word = match claim.severity {
        Severity::Error => "UNEXPECTED",
        Severity::Warn => "WARNING",
    };
    Some(format!("{word} (expected {})", expected_name(claim)))
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
        Discrepancy::Scope { claimed_measure, matching_measure, fact, value } => {
            format!("the claimed value fits `{matching_measure}` ({value}, {fact}), not `{claimed_measure}`")
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
        Discrepancy::QuoteNotFound { speaker } => {
            format!("no source holds words like these, from `{speaker}` or anyone else")
        }
        Discrepancy::NotValid { subject, property } => {
            format!("no fact about `{subject}` `{property}` holds at the as-of date")
        }
        Discrepancy::Unsettled { fact, reason } => format!("unsettled ({fact}): {reason}"),
        Discrepancy::Conflict { values } => format!("sources disagree: {}", values.join("; ")),
        Discrepancy::Overruled { fact, value } => format!("set aside a lower-ranked source: {fact} says {value}"),
        Discrepancy::SourceMissing { source } => format!("expected source `{source}` is not in the reference"),
        Discrepancy::SourceNotBacking { source } => format!("expected source `{source}` does not back it"),
        Discrepancy::Computed { figure, claimed, claimed_range, arithmetic, result, tolerance, .. } => {
            format!("computed {figure}: {arithmetic}, so {result}; claimed {claimed} ({claimed_range}; {tolerance})")
        }
        Discrepancy::Swapped { other, claimed, belongs_to, other_claimed, other_belongs_to } => format!(
            "swapped with `{other}`: {claimed} is the figure for {belongs_to}, and {other_claimed} the one for {other_belongs_to}"
        ),
        Discrepancy::Breakdown { claimed_subject, matching_subject, relation, fact, value } => match relation {
            BreakdownRelation::Part => format!(
                "the claimed figure is for `{matching_subject}` ({value}, {fact}), a part of `{claimed_subject}`: the coverage is overstated"
            ),
            BreakdownRelation::Sibling => format!(
                "the claimed figure is for `{matching_subject}` ({value}, {fact}), another part of a whole `{claimed_subject}` belongs to"
            ),
        },
        Discrepancy::Period { claimed, reference, relation, fact, value } => format!(
            "the claimed figure is for {reference} ({value}, {fact}), not {claimed} (the periods are {})",
            relation.name()
        ),
        Discrepancy::NoObservation { subject, measure, period, known } => {
            let known = if known.is_empty() { String::new() } else { format!(" (it has {})", known.join(", ")) };
            format!("no observation of `{subject}` `{measure}` for {period}{known}")
        }
        Discrepancy::SeriesGap { subject, measure, missing } => {
            format!("`{subject}` `{measure}` has no figure for {} and no source states the record", missing.join(", "))
        }
        Discrepancy::Basis { claimed, matching, value } => {
            format!("the claimed change is right in {matching} ({value}), not in {claimed}")
        }
        Discrepancy::Hindsight { fact, published } => {
            format!("`{fact}` was first published on {published}, after the article: known with hindsight")
        }
        Discrepancy::Normalised { source, normalisations } => {
            format!("the words of {source}, but for {}", normalisations.join("; "))
        }
        Discrepancy::Elided { source, left_out, added } => {
            let mut parts = Vec::new();
            if !left_out.is_empty() {
                parts.push(format!("left out: {}", quoted_list(left_out)));
            }
            if !added.is_empty() {
                parts.push(format!("added in brackets: {}", quoted_list(added)));
            }
            format!("the words of {source}; {}", parts.join("; "))
        }
        Discrepancy::Joined { source, left_out } => {
            format!("joined without an ellipsis ({source}), leaving out {}", quoted_list(left_out))
        }
        Discrepancy::MeaningChanged { source, changes } => {
            format!("says something else than {source}: {}", changes.join("; "))
        }
        Discrepancy::CutShort { source, unchecked } => {
            format!("`{unchecked}` runs past the end of {source}'s stored copy, which is cut short")
        }
        Discrepancy::SpeakerUnknown { source } => {
            format!("the words are in {source}, which does not say who spoke them")
        }
        Discrepancy::Translation { source } => {
            format!("{source} is a translation: it backs what was said, not the words")
        }
        Discrepancy::NotIndependent { source } => {
            format!("expected source `{source}` is not independent of the article")
        }
        Discrepancy::Role { claimed, organisation, reference } => {
            format!("claims `{claimed}` at `{organisation}`; the reference holds {}", reference.join("; "))
        }
    }
}

/// Texts in backticks, joined by commas.
fn quoted_list(items: &[String]) -> String {
    items.iter().map(|i| format!("`{i}`")).collect::<Vec<_>>().join(", ")
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

/// What a claim's author expects, in a word: the `expect`ed verdict, or "no
/// finding" when none is given.
pub fn expected_name(claim: &crate::model::Claim) -> &'static str {
    claim.expect.map_or("no finding", VerdictKind::name)
}

/// A verdict's discrepancies, those about the claim's content before those
/// about its sources, each group in the checker's order, so the one that
/// decided the verdict comes first.
pub fn content_first(verdict: &crate::model::Verdict) -> Vec<&Discrepancy> {
    let (sources, content): (Vec<_>, Vec<_>) = verdict.discrepancies.iter().partition(|d| is_about_sources(d));
    content.into_iter().chain(sources).collect()
}

/// Whether a discrepancy is about sources rather than the claim's content;
/// one-line reports show content first.
pub fn is_about_sources(d: &Discrepancy) -> bool {
    matches!(
        d,
        Discrepancy::SourceMissing { .. }
            | Discrepancy::SourceNotBacking { .. }
            | Discrepancy::Overruled { .. }
            | Discrepancy::Hindsight { .. }
            | Discrepancy::NotIndependent { .. }
    )
}

/// `url` if it is an http or https URL, the only kind reports link to.
pub fn http_url(url: &str) -> Option<&str> {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let ok = (lower.starts_with("http://") && url.len() > 7) || (lower.starts_with("https://") && url.len() > 8);
    (ok && !url.chars().any(|c| c.is_whitespace() || c.is_control())).then_some(url)
}

/// Escapes text for XML and HTML, in content and in quoted attributes.
fn escape_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters other than tab and line breaks are not allowed
            // in XML 1.0 at all, escaped or not.
            c if c.is_control() && !matches!(c, '\t' | '\n' | '\r') => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
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
