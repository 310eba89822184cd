//! The Markdown report, ready to paste into a pull request or a corrections
//! memo: per article, a table of the sentences holding claims with their
//! rolled-up verdicts, a summary table of every claim, then one section per
//! claim that is not supported, with its words, its discrepancies, the facts
//! used and their sources. Opinions are listed last, as recorded but not
//! checked, since there is nothing to correct in them.
//!
//! Text from the data is escaped so it cannot turn into markup, and only
//! http and https URLs become links.

use std::fmt::Write;

use crate::check::ArticleCheck;
use crate::model::{Claim, Reference, Verdict, VerdictKind};

use super::record::{FactRef, SourceRef};
use super::text::summary;
use super::{Tally, content_first, describe, expectation_flag, expected_name, http_url};

/// Escapes Markdown punctuation in `text` and folds it onto one line;
/// control characters are shown escaped, as on a terminal. Backticks are
/// kept when `code` is true, so names in backticks stay code.
fn escape(text: &str, code: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let folded = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for c in super::printable(&folded).chars() {
        if matches!(c, '\\' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '#') || (c == '`' && !code) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A link to `url` if it is http or https, plain text otherwise.
fn link(label: &str, url: &str) -> String {
    match http_url(url) {
        Some(url) => {
            let target = url.replace('(', "%28").replace(')', "%29").replace('<', "%3C").replace('>', "%3E");
            format!("[{}]({target})", escape(label, false))
        }
        None => format!("{} ({})", escape(label, false), escape(url, false)),
    }
}

fn source_links(sources: &[SourceRef]) -> String {
    sources.iter().map(|s| link(&s.publisher, &s.url)).collect::<Vec<_>>().join(", ")
}

fn verdict_cell(verdict: &Verdict) -> String {
    match verdict.verdict {
        VerdictKind::Supported | VerdictKind::Opinion => verdict.verdict.name().to_owned(),
        other => format!("**{}**", other.name()),
    }
}

fn expected_cell(claim: &Claim, verdict: &Verdict) -> String {
    match expectation_flag(claim, verdict) {
        None => "as expected".to_owned(),
        Some(flag) => match flag.split_once(' ') {
            Some((word, rest)) => format!("**{word}** {rest}"),
            None => flag,
        },
    }
}

/// The sentences holding claims, each with its rolled-up verdict and the
/// claim that decided it.
fn sentences(out: &mut String, check: &ArticleCheck<'_>) {
    if check.sentences.is_empty() {
        return;
    }
    let _ = writeln!(out, "| sentence | verdict | decided by |\n| --- | --- | --- |");
    for sentence in &check.sentences {
        let name = match sentence.verdict {
            VerdictKind::Supported | VerdictKind::Opinion => sentence.verdict.name().to_owned(),
            other => format!("**{}**", other.name()),
        };
        let _ = writeln!(
            out,
            "| {}. {} | {name} | `{}` |",
            sentence.number,
            escape(&sentence.text, false),
            sentence.decided_by
        );
    }
    out.push('\n');
}

fn section(out: &mut String, claim: &Claim, verdict: &Verdict, reference: &Reference) {
    let _ = writeln!(out, "### `{}`: {}\n", claim.id, verdict.verdict.name());
    let _ = writeln!(out, "> {}\n", escape(&claim.text, false));
    if !claim.expects(verdict.verdict) {
        let _ = writeln!(out, "Expected: {}.\n", expected_name(claim));
    }
    for d in content_first(verdict) {
        let _ = writeln!(out, "- {}", escape(&describe(d), true));
    }
    if !verdict.discrepancies.is_empty() {
        out.push('\n');
    }
    let facts: Vec<FactRef> =
        verdict.facts.iter().filter_map(|id| reference.fact(id)).map(|f| FactRef::of(f, reference)).collect();
    if !facts.is_empty() {
        let _ = writeln!(out, "Facts used:\n");
        for fact in &facts {
            let _ = writeln!(out, "- `{}`: {} ({})", fact.id, escape(&fact.says, false), source_links(&fact.sources));
        }
        out.push('\n');
    }
    let cited: Vec<SourceRef> = claim.sources.iter().filter_map(|id| reference.source(id)).map(SourceRef::of).collect();
    if !cited.is_empty() {
        let _ = writeln!(out, "Sources cited: {}.\n", source_links(&cited));
    }
    if let Some(note) = &claim.note {
        let _ = writeln!(out, "Note: {}\n", escape(note, true));
    }
}

fn article(out: &mut String, check: &ArticleCheck<'_>, reference: &Reference) {
    let article = &check.article.article;
    let _ = writeln!(out, "## {}\n", escape(article.title.as_deref().unwrap_or(article.id.as_str()), false));
    let _ = writeln!(
        out,
        "Article `{}`, published by {} on {}: {}. Checked as of {}.\n",
        article.id,
        escape(&article.publisher, false),
        article.published,
        link(&article.url, &article.url),
        check.as_of,
    );
    let _ = writeln!(out, "{}\n", summary(&Tally::of(std::slice::from_ref(check)), 1));
    sentences(out, check);
    let _ = writeln!(out, "| claim | verdict | expectation |\n| --- | --- | --- |");
    for (claim, verdict) in check.pairs() {
        let _ = writeln!(out, "| `{}` | {} | {} |", claim.id, verdict_cell(verdict), expected_cell(claim, verdict));
    }
    out.push('\n');
    for (claim, verdict) in check.pairs() {
        if !matches!(verdict.verdict, VerdictKind::Supported | VerdictKind::Opinion) {
            section(out, claim, verdict, reference);
        }
    }
    let opinions: Vec<&Claim> =
        check.pairs().filter(|(_, v)| v.verdict == VerdictKind::Opinion).map(|(c, _)| c).collect();
    if !opinions.is_empty() {
        let _ = writeln!(out, "### Opinions (recorded, not checked)\n");
        for claim in opinions {
            let _ = writeln!(out, "- `{}`: {}", claim.id, escape(&claim.text, false));
        }
        out.push('\n');
    }
}

/// Renders the run as Markdown, ending with a newline.
pub fn render(checks: &[ArticleCheck<'_>], reference: &Reference) -> String {
    let mut out = String::from("# Fact-check report\n\n");
    if checks.len() > 1 {
        let _ = writeln!(out, "{}\n", summary(&Tally::of(checks), checks.len()));
    }
    for check in checks {
        article(&mut out, check, reference);
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_but_keeps_code_names() {
        assert_eq!(escape("a *b* | <c>\n  `d`", true), r"a \*b\* \| \<c\> `d`");
        assert_eq!(escape("`d`", false), r"\`d\`");
    }

    #[test]
    fn links_only_http_urls() {
        assert_eq!(link("AP", "https://x.org/a_(b)"), "[AP](https://x.org/a_%28b%29)");
        assert_eq!(link("AP", "javascript:alert(1)"), "AP (javascript:alert(1))");
    }
}
