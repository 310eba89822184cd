//! The `suggest` report: each sentence with its signals and the claims that
//! cover it, a claim skeleton for every uncovered check-worthy sentence, and
//! the coverage figure.

use std::collections::BTreeSet;
use std::fmt::Write;

use serde::Serialize;

use crate::model::ArticleClaims;
use crate::suggest::{Sentence, Suggestions};
use crate::yaml::scalar;

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
        "{total} sentences: {} check-worthy, {covered} covered by a claim ({} of all sentences)",
        suggestions.check_worthy(),
        percent(covered, total)
    )
}

fn mark(sentence: &Sentence) -> &'static str {
    match (sentence.claims.is_empty(), sentence.check_worthy) {
        (false, _) => "covered",
        (true, true) => "TO CHECK",
        (true, false) => "-",
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
    }
    let uncovered: Vec<&Sentence> =
        suggestions.sentences.iter().filter(|s| s.check_worthy && s.claims.is_empty()).collect();
    if uncovered.is_empty() {
        let _ = writeln!(out, "\nevery check-worthy sentence is covered by a claim");
        return out;
    }
    let _ = writeln!(
        out,
        "\nclaim skeletons for the {} uncovered check-worthy sentences (trim `text` to the claim's words, fill in the blanks, then `factcheck add claim {} --from-yaml FILE`):\n",
        uncovered.len(),
        article.article.id
    );
    let mut taken: BTreeSet<String> = article.claims.iter().map(|c| c.id.to_string()).collect();
    for s in uncovered {
        let id = crate::add::generate_id(&s.text, &taken);
        taken.insert(id.clone());
        let _ = writeln!(out, "{}", skeleton(&id, s));
    }
    out
}

/// A claim of the likely kind with blanks to fill in.
fn skeleton(id: &str, sentence: &Sentence) -> String {
    let mut lines = vec![
        format!("- id: {id}"),
        format!("  text: {}", scalar(&sentence.text)),
        format!("  kind: {}", sentence.likely_kind),
    ];
    let blank = |field: &str, hint: &str| format!("  {field}:    # {hint}");
    match sentence.likely_kind {
        "quantity" => {
            lines.push(blank("subject", "what is counted"));
            lines.push(blank("measure", "which measure of it"));
            lines.push(match first_number(&sentence.text) {
                Some(n) => format!("  value: {n}"),
                None => blank("value", "the number, written plainly"),
            });
            lines.push(blank("unit", "its unit"));
        }
        "date" => {
            lines.push(blank("event", "the event dated"));
            lines.push(blank("date", "2024-08-15, 2024-08, early 2024-09, this Thursday …"));
        }
        "quote" => {
            lines.push(blank("speaker", "who the words are attributed to"));
            lines.push(match sentence.quoted.first() {
                Some(w) => format!("  words: {}", scalar(w)),
                None => blank("words", "the words inside the quotation marks"),
            });
        }
        "opinion" => {}
        _ => {
            lines.push(blank("subject", "who or what acted or spoke"));
            lines.push(blank("predicate", "what they did or said"));
            lines.push(blank("object", "to what, or what they said"));
        }
    }
    lines.push("  sources: []    # ids from reference/sources.yaml".to_owned());
    lines.join("\n")
}

/// The first number written in digits, without thousands separators.
fn first_number(text: &str) -> Option<String> {
    let start = text.find(|c: char| c.is_ascii_digit())?;
    let digits: String = text[start..].chars().take_while(|c| c.is_ascii_digit() || *c == ',' || *c == '.').collect();
    let digits = digits.trim_end_matches(['.', ',']).replace(',', "");
    digits.parse::<f64>().ok().map(|_| digits)
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
