//! The text report: a line per claim (id, verdict, the discrepancy in a few
//! words) and a tally per verdict.

use std::fmt::Write;

use crate::check::ArticleCheck;
use crate::error::plural;
use crate::model::{Claim, Verdict, VerdictKind};

use super::{Style, Tally, content_first, describe, expected_name};

const RESET: &str = "\x1b[0m";

fn color(verdict: VerdictKind) -> &'static str {
    match verdict {
        VerdictKind::Supported => "\x1b[32m",
        VerdictKind::Contradicted => "\x1b[31m",
        VerdictKind::Misleading => "\x1b[33m",
        VerdictKind::Unverifiable => "\x1b[36m",
        VerdictKind::Conflicting => "\x1b[35m",
        VerdictKind::Opinion => "\x1b[2m",
    }
}

fn paint(text: &str, code: &str, style: Style) -> String {
    if style.color { format!("{code}{text}{RESET}") } else { text.to_owned() }
}

/// The most telling discrepancy, in a few words, with a count of the rest.
pub fn headline(verdict: &Verdict) -> String {
    match content_first(verdict).split_first() {
        None => String::new(),
        Some((first, [])) => describe(first),
        Some((first, rest)) => format!("{} (+{} more)", describe(first), rest.len()),
    }
}

/// One claim's line: verdict, id, unexpectedness, and the headline discrepancy.
pub fn line(claim: &Claim, verdict: &Verdict, id_width: usize, style: Style) -> String {
    let name = format!("{:<12}", verdict.verdict.name());
    let mut out = format!("  {} {:<id_width$}", paint(&name, color(verdict.verdict), style), claim.id);
    if !claim.expects(verdict.verdict) {
        let expected = expected_name(claim);
        let _ = write!(out, "  {}", paint(&format!("UNEXPECTED (expected {expected})"), "\x1b[1;31m", style));
    }
    let headline = headline(verdict);
    if !headline.is_empty() {
        let _ = write!(out, "  {}", super::printable(&headline));
    }
    out.trim_end().to_owned()
}

/// Renders the whole run.
pub fn render(checks: &[ArticleCheck<'_>], style: Style) -> String {
    let mut out = String::new();
    for check in checks {
        let _ = writeln!(out, "{} (as of {})", check.article.article.id, check.as_of);
        let id_width = check.article.claims.iter().map(|c| c.id.as_str().len()).max().unwrap_or(0);
        for (claim, verdict) in check.pairs() {
            let _ = writeln!(out, "{}", line(claim, verdict, id_width, style));
        }
        out.push('\n');
    }
    let _ = writeln!(out, "{}", summary(&Tally::of(checks), checks.len()));
    out
}

/// "32 claims in 1 article: 21 supported, 7 misleading, …; all as expected".
pub fn summary(tally: &Tally, articles: usize) -> String {
    let counts: Vec<String> =
        VerdictKind::ALL.iter().filter_map(|v| tally.by_verdict.get(v).map(|n| format!("{n} {}", v.name()))).collect();
    let expectation = match tally.unexpected {
        0 => "all as expected".to_owned(),
        n => format!("{} not as expected", plural(n, "claim")),
    };
    format!(
        "{} in {}: {}; {expectation}",
        plural(tally.claims, "claim"),
        plural(articles, "article"),
        counts.join(", ")
    )
}
