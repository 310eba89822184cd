//! The text report: per article, each sentence holding claims with its
//! rolled-up verdict, under it a line per claim (verdict, id, the
//! discrepancy that decided it), and a tally per verdict.

use std::fmt::Write;

use crate::check::ArticleCheck;
use crate::check::rollup::SentenceVerdict;
use crate::error::plural;
use crate::model::{Claim, Severity, Verdict, VerdictKind};

use super::{Options, Style, Tally, content_first, describe, expectation_flag};

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

/// The discrepancy that decided the verdict, in a few words, with a count
/// of the rest (`--verbose` lists them).
pub fn headline(verdict: &Verdict) -> String {
    match content_first(verdict).split_first() {
        None => String::new(),
        Some((first, [])) => describe(first),
        Some((first, rest)) => format!("{} (+{} more)", describe(first), rest.len()),
    }
}

/// One claim's line: verdict, id, whether it met its expectation, and the
/// discrepancy that decided the verdict.
pub fn line(claim: &Claim, verdict: &Verdict, id_width: usize, style: Style) -> String {
    let name = format!("{:<12}", verdict.verdict.name());
    let mut out = format!("{} {:<id_width$}", paint(&name, color(verdict.verdict), style), claim.id);
    if let Some(flag) = expectation_flag(claim, verdict) {
        let code = if claim.severity == Severity::Warn { "\x1b[1;33m" } else { "\x1b[1;31m" };
        let _ = write!(out, "  {}", paint(&flag, code, style));
    }
    let headline = headline(verdict);
    if !headline.is_empty() {
        let _ = write!(out, "  {}", super::printable(&headline));
    }
    out.trim_end().to_owned()
}

/// The longest a sentence is quoted in the text report, in characters.
const SENTENCE_CHARS: usize = 72;

/// A sentence's words on one line, cut at a word with `…` past [`SENTENCE_CHARS`].
pub(crate) fn quoted(sentence: &str) -> String {
    let flat = sentence.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= SENTENCE_CHARS {
        return flat;
    }
    let cut: String = flat.chars().take(SENTENCE_CHARS).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{cut} …")
}

/// A sentence's line: its number, its rolled-up verdict, the claim that
/// decided it when its claims disagree, and its words.
fn sentence_line(sentence: &SentenceVerdict, style: Style) -> String {
    let name = format!("{:<12}", sentence.verdict.name());
    let by = if sentence.mixed { format!("  (by {})", sentence.decided_by) } else { String::new() };
    format!(
        "  sentence {:<3} {} {}{by}",
        sentence.number,
        paint(&name, color(sentence.verdict), style),
        super::printable(&quoted(&sentence.text))
    )
}

/// Renders the whole run: per article, each sentence that holds claims
/// with its verdict, then its claims, in reading order; a claim over two
/// sentences is listed under the first. `options.verbose` lists every
/// discrepancy under its claim.
pub fn render(checks: &[ArticleCheck<'_>], options: &Options) -> String {
    let mut report = Report::new(options);
    let mut out = report.add(checks);
    out.push_str(&report.finish());
    out
}

/// The text report of a run made a batch of articles at a time, as
/// [`crate::check::Checker`] checks them: each batch's lines are made once
/// its articles are checked, to be written out at once, so that neither
/// their verdicts nor their lines need be kept to the end; only the tally
/// is, and comes last. The lines of every batch, then the tally, are
/// [`render`] of every article at once.
pub struct Report<'o> {
    options: &'o Options,
    tally: Tally,
    articles: usize,
}

impl<'o> Report<'o> {
    /// An empty report.
    pub fn new(options: &'o Options) -> Self {
        Report { options, tally: Tally::default(), articles: 0 }
    }

    /// The lines of `checks`, the next articles in report order, counted
    /// in the tally.
    pub fn add(&mut self, checks: &[ArticleCheck<'_>]) -> String {
        use rayon::prelude::*;
        // Each article's lines are made on their own, across the cores.
        let lines: Vec<String> = checks.par_iter().map(|check| article(check, self.options)).collect();
        self.tally.add(checks);
        self.articles += checks.len();
        lines.concat()
    }

    /// The tally so far.
    pub fn tally(&self) -> &Tally {
        &self.tally
    }

    /// The report's last line: the tally.
    pub fn finish(self) -> String {
        format!("{}\n", summary(&self.tally, self.articles))
    }
}

/// One article's lines: its sentences with their claims, then the claims
/// not found in the text, then its drafts.
fn article(check: &ArticleCheck<'_>, options: &Options) -> String {
    let style = options.style;
    let mut out = String::new();
    let _ = writeln!(out, "{} (as of {})", check.article.article.id, check.as_of);
    let id_width = check.claims.iter().map(|c| c.id.as_str().len()).max().unwrap_or(0);
    let mut listed = std::collections::BTreeSet::new();
    let mut claim_lines = |out: &mut String, ids: &[&crate::model::ClaimId]| {
        for (claim, verdict) in check.pairs().filter(|(c, _)| ids.contains(&&c.id)) {
            if !listed.insert(claim.id.clone()) {
                continue;
            }
            let _ = writeln!(out, "    {}", line(claim, verdict, id_width, style));
            if options.verbose {
                for d in content_first(verdict) {
                    let _ = writeln!(out, "        - {}", super::printable(&describe(d)));
                }
            }
        }
    };
    for sentence in &check.sentences {
        let _ = writeln!(out, "{}", sentence_line(sentence, style));
        let ids: Vec<&crate::model::ClaimId> = sentence.claims.iter().collect();
        claim_lines(&mut out, &ids);
    }
    let rest: Vec<&crate::model::ClaimId> = check.claims.iter().map(|c| &c.id).collect();
    let before = out.len();
    claim_lines(&mut out, &rest);
    if out.len() > before {
        out.insert_str(before, "  not found in the text\n");
    }
    if !check.drafts.is_empty() {
        let _ = writeln!(out, "  drafts, not checked until reviewed:");
        let width = check.drafts.iter().map(|d| d.id.as_str().len()).max().unwrap_or(0);
        for draft in &check.drafts {
            let _ = writeln!(
                out,
                "    {:<12} {:<width$}  {}; {}",
                "draft",
                draft.id.as_str(),
                draft.kind,
                super::needs(draft)
            );
        }
    }
    out.push('\n');
    out
}

/// "32 claims in 1 article: 21 supported, 7 misleading, …; all as expected",
/// then "; 3 drafts wait for review" when drafts wait.
pub fn summary(tally: &Tally, articles: usize) -> String {
    let counts: Vec<String> =
        VerdictKind::ALL.iter().filter_map(|v| tally.by_verdict.get(v).map(|n| format!("{n} {}", v.name()))).collect();
    let expectation = tally.expectation();
    let counts = if counts.is_empty() { String::new() } else { format!(": {}", counts.join(", ")) };
    let drafts = match tally.drafts {
        0 => String::new(),
        1 => "; 1 draft waits for review".to_owned(),
        n => format!("; {n} drafts wait for review"),
    };
    format!("{} in {}{counts}; {expectation}{drafts}", plural(tally.claims, "claim"), plural(articles, "article"))
}
