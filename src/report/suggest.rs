//! The `suggest` report: each sentence with its signals and the claims and
//! drafts that cover it, the drafts read from every uncovered check-worthy
//! sentence (what `suggest --write` writes), and the coverage figure.

use std::fmt::Write;

use serde::Serialize;

use crate::model::ArticleClaims;
use crate::suggest::{ClaimDraft, Sentence, Suggestions};

use super::Format;

/// Renders suggestions as text or JSON.
pub fn render(article: &ArticleClaims, suggestions: &Suggestions, format: Format) -> String {
    match format {
        Format::Json => json(article, suggestions),
        _ => text(article, suggestions),
    }
}

fn percent(part: usize, whole: usize) -> String {
    format!("{}%", (part * 100 + whole / 2).checked_div(whole).unwrap_or(0))
}

/// "14 sentences: 13 check-worthy, 12 covered by a claim (86%)".
pub fn coverage(suggestions: &Suggestions) -> String {
    let total = suggestions.sentences.len();
    let covered = suggestions.covered();
    format!(
        "{}: {} check-worthy, {covered} covered by a claim ({} of all sentences)",
        crate::error::plural(total, "sentence"),
        suggestions.check_worthy(),
        percent(covered, total)
    )
}

fn mark(sentence: &Sentence) -> &'static str {
    match (sentence.claims.is_empty(), sentence.drafted.is_empty(), sentence.check_worthy) {
        (false, _, _) => "covered",
        (true, false, _) => "drafted",
        (true, true, true) => "TO CHECK",
        (true, true, false) => "-",
    }
}

fn text(article: &ArticleClaims, suggestions: &Suggestions) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}: {}\n", article.article.id, coverage(suggestions));
    for s in &suggestions.sentences {
        let signals: Vec<&str> = s.signals.iter().map(|g| g.name()).collect();
        let _ = writeln!(out, "{:>3} {:<9} [{}]", s.number, mark(s), signals.join(", "));
        let _ = writeln!(out, "    {}", super::printable(&s.text));
        if !s.claims.is_empty() {
            let _ = writeln!(out, "    claims: {}", s.claims.join(", "));
        }
        if !s.drafted.is_empty() {
            let _ = writeln!(out, "    drafts: {}", s.drafted.join(", "));
        }
    }
    let drafts = suggestions.to_write(article);
    let waiting = article.drafts.len();
    if drafts.is_empty() {
        let _ = writeln!(out, "\nevery check-worthy sentence is covered by a claim or a draft");
        if waiting > 0 {
            let _ = writeln!(out, "{}", waiting_line(article));
        }
        return out;
    }
    let sentences = suggestions.sentences.iter().filter(|s| s.wants_drafts() && !s.drafts.is_empty()).count();
    let _ = writeln!(
        out,
        "\n{} for the {} uncovered check-worthy {} (`factcheck suggest {} --write` writes them, each marked `draft: true`; set what each needs with `factcheck edit claim ID --<field> <value>`, and `--expect` to review it):\n",
        crate::error::plural(drafts.len(), "draft"),
        sentences,
        if sentences == 1 { "sentence" } else { "sentences" },
        article.article.id
    );
    for (id, draft) in &drafts {
        for line in draft_lines(id, draft) {
            let _ = writeln!(out, "{}", super::printable(&line));
        }
    }
    if waiting > 0 {
        let _ = writeln!(out, "\n{}", waiting_line(article));
    }
    out
}

/// "3 drafts wait for review: a, b, c".
fn waiting_line(article: &ArticleClaims) -> String {
    let ids: Vec<&str> = article.drafts.iter().map(|d| d.id.as_str()).collect();
    let verb = if ids.len() == 1 { "waits" } else { "wait" };
    format!("{} {verb} for review: {}", crate::error::plural(ids.len(), "draft"), ids.join(", "))
}

/// A draft as an item of the `claims:` list, with what it still needs as a
/// comment.
fn draft_lines(id: &str, draft: &ClaimDraft) -> Vec<String> {
    let mut lines: Vec<String> = draft
        .lines(id)
        .into_iter()
        .enumerate()
        .map(|(n, line)| if n == 0 { format!("- {line}") } else { format!("  {line}") })
        .collect();
    lines.push(format!("  # needs: {}", draft.missing().join(", ")));
    lines
}

#[derive(Serialize)]
struct Report<'a> {
    article: &'a str,
    sentences: &'a [Sentence],
    total: usize,
    check_worthy: usize,
    covered: usize,
}

fn json(article: &ArticleClaims, suggestions: &Suggestions) -> String {
    let report = Report {
        article: article.article.id.as_str(),
        sentences: &suggestions.sentences,
        total: suggestions.sentences.len(),
        check_worthy: suggestions.check_worthy(),
        covered: suggestions.covered(),
    };
    let mut out = serde_json::to_string_pretty(&report).unwrap_or_default();
    out.push('\n');
    out
}
