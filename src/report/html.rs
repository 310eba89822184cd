//! The HTML report: one self-contained page per run, showing each article's
//! text with every claim's words highlighted in its verdict's colour, and
//! beside each paragraph a note per claim that starts in it.
//!
//! The page needs no network and no JavaScript: styles are inline, a
//! content security policy forbids loading anything, and notes are
//! `<details>` elements, open for findings and closed for supported claims
//! and opinions. Everything taken from the data is escaped, and only http
//! and https URLs become links.
//!
//! Claims are located in the article with the typographic normalisation of
//! [`crate::text`], so curly quotes and dashes match. Claims overlap (several
//! read one sentence, some lie inside others), so the text is cut at every
//! claim boundary and each piece is wrapped in one `<span class="claim">`
//! per claim covering it, outermost first, each carrying `data-claim` and
//! `data-verdict`. A claim lying over others gets a deeper underline
//! (`l1`, `l2`, …), so every claim's extent stays visible. Claims are
//! numbered in reading order; a number after a claim's last word links to
//! its note.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::ops::Range;

use crate::check::ArticleCheck;
use crate::check::rollup::SentenceVerdict;
use crate::model::{Claim, Reference, Severity, Verdict, VerdictKind};
use crate::text::{Normalized, normalize};

use super::record::{FactRef, SourceRef};
use super::text::summary;
use super::{Tally, content_first, describe, escape_markup as escape, expected_name, http_url};

/// Underline depths beyond this share the deepest one.
const MAX_LEVEL: usize = 4;

/// Each verdict's colour, a light tint of it for the highlight, and what
/// the legend says about it.
fn palette(verdict: VerdictKind) -> (&'static str, &'static str, &'static str) {
    match verdict {
        VerdictKind::Supported => ("#1a7f37", "rgba(26, 127, 55, 0.12)", "the reference backs it"),
        VerdictKind::Contradicted => ("#cf222e", "rgba(207, 34, 46, 0.16)", "the reference says otherwise"),
        VerdictKind::Misleading => ("#bc4c00", "rgba(188, 76, 0, 0.15)", "partly right, wrong as made"),
        VerdictKind::Unverifiable => ("#0969da", "rgba(9, 105, 218, 0.13)", "no fact settles it"),
        VerdictKind::Conflicting => ("#8250df", "rgba(130, 80, 223, 0.14)", "equal sources disagree"),
        VerdictKind::Opinion => ("#6e7781", "rgba(110, 119, 129, 0.10)", "a judgement, not checked"),
    }
}

fn css() -> String {
    let mut css = String::from(
        r#"*{box-sizing:border-box}
body{margin:0;color:#1f2328;background:#fff;font:15px/1.5 "Liberation Sans",Arial,Helvetica,sans-serif}
main{max-width:1360px;margin:0 auto;padding:0 24px 48px}
h1{font-size:22px;margin:20px 0 4px}
h2{font:bold 26px/1.3 "Liberation Serif",Georgia,serif;margin:28px 0 6px}
.meta{color:#59636e;margin:0 0 12px}
.legend{position:sticky;top:0;z-index:1;background:#fff;border-bottom:1px solid #d1d9e0;padding:8px 0;display:flex;flex-wrap:wrap;gap:6px 18px;font-size:14px}
.legend span.key{white-space:nowrap}
.swatch{display:inline-block;width:30px;height:14px;vertical-align:-2px;margin-right:5px;border-bottom:3px solid var(--c);background:var(--bg)}
.row{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:28px;border-top:1px solid #eef1f4;padding:10px 0}
.text{margin:0;font:18px/2.2 "Liberation Serif",Georgia,serif}
.claim{background:var(--bg);border-bottom:3px solid var(--c);padding-bottom:1px}
.claim.v-opinion{border-bottom-style:dashed}
.l1{padding-bottom:5px}.l2{padding-bottom:9px}.l3{padding-bottom:13px}.l4{padding-bottom:17px}
a.mark{font:bold 11px/1 "Liberation Sans",Arial,sans-serif;vertical-align:super;color:#fff;background:var(--c);border-radius:7px;padding:1px 4px;margin:0 1px;text-decoration:none}
.notes{display:flex;flex-direction:column;gap:6px}
details.note{border-left:4px solid var(--c);background:#f6f8fa;border-radius:0 6px 6px 0;padding:3px 10px;font-size:13.5px;line-height:1.4}
details.note[open]{background:#fff;box-shadow:0 0 0 1px #d1d9e0 inset}
details.note summary{cursor:pointer;line-height:1.6}
.num{display:inline-block;min-width:20px;text-align:center;font-weight:bold;color:#fff;background:var(--c);border-radius:8px;padding:0 4px;font-size:12px}
.badge{font-weight:bold;color:var(--c)}
.unexpected{font-weight:bold;color:#fff;background:#cf222e;border-radius:4px;padding:0 5px;font-size:12px}
code{font:12px/1.4 "Liberation Mono",Menlo,monospace;color:#59636e}
blockquote{margin:6px 0;padding-left:10px;border-left:2px solid #d1d9e0;font-style:italic;color:#31373d}
.note ul{margin:4px 0;padding-left:18px}
.note p{margin:3px 0}
.note li{margin:2px 0;overflow-wrap:anywhere}
.label{margin:6px 0 0;font-weight:bold;color:#59636e;font-size:12px;text-transform:uppercase;letter-spacing:.04em}
.author-note{color:#59636e;margin:6px 0 2px}
p.sentence{margin:0;font-size:13px;border-left:4px solid var(--c);padding:1px 10px}
@media (max-width:900px){.row{grid-template-columns:1fr}}
"#,
    );
    for verdict in VerdictKind::ALL {
        let (color, tint, _) = palette(verdict);
        let _ = writeln!(css, ".v-{}{{--c:{color};--bg:{tint}}}", verdict.name());
    }
    css
}

/// One place a claim's words occur in the article, as original byte offsets.
struct Occurrence {
    /// Index into the article's claims.
    claim: usize,
    range: Range<usize>,
    /// How many claims lie inside this one, nested: the underline's depth.
    level: usize,
}

/// Where each claim's words occur, ordered outermost first: by start, then
/// longest, then claim order. Claims whose words are not found have none.
fn occurrences(text: &str, claims: &[&Claim]) -> Vec<Occurrence> {
    let normal = Normalized::new(text);
    let mut found: Vec<Occurrence> = Vec::new();
    for (index, claim) in claims.iter().enumerate() {
        let needle = normalize(&claim.text);
        for at in normal.find_all(&needle) {
            let range = normal.original_range(at..at + needle.len());
            if !range.is_empty() {
                found.push(Occurrence { claim: index, range, level: 0 });
            }
        }
    }
    found.sort_by_key(|o| (o.range.start, std::cmp::Reverse(o.range.end), o.claim));
    // An occurrence is opened before every later one it overlaps, so it
    // must underline deeper than all of them.
    for i in (0..found.len()).rev() {
        let level = found[i + 1..]
            .iter()
            .filter(|o| o.range.start < found[i].range.end)
            .map(|o| o.level + 1)
            .max()
            .unwrap_or(0);
        found[i].level = level;
    }
    found
}

/// The paragraphs of `text` as byte ranges, trimmed: separated by blank
/// lines if it has any, otherwise one per line.
fn paragraphs(text: &str) -> Vec<Range<usize>> {
    let mut lines: Vec<Range<usize>> = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        lines.push(at..at + line.len());
        at += line.len();
    }
    let blank = |r: &Range<usize>| text[r.clone()].trim().is_empty();
    // Blank lines count as separators only between two lines of text.
    let first = lines.iter().position(|l| !blank(l)).unwrap_or(0);
    let last = lines.iter().rposition(|l| !blank(l)).unwrap_or(0);
    let by_blank_lines = lines.get(first..last).unwrap_or_default().iter().any(blank);
    let mut paragraphs: Vec<Range<usize>> = Vec::new();
    let mut current: Option<Range<usize>> = None;
    for line in lines {
        if blank(&line) || !by_blank_lines {
            if !blank(&line) {
                paragraphs.push(line);
            }
            paragraphs.extend(current.take());
        } else {
            current = Some(current.map_or(line.clone(), |c| c.start..line.end));
        }
    }
    paragraphs.extend(current);
    paragraphs.sort_by_key(|r| r.start);
    paragraphs
        .into_iter()
        .filter_map(|r| {
            let slice = &text[r.clone()];
            let start = r.start + (slice.len() - slice.trim_start().len());
            let end = r.end - (slice.len() - slice.trim_end().len());
            (start < end).then_some(start..end)
        })
        .collect()
}

/// A claim as the page shows it.
struct Entry<'a> {
    claim: &'a Claim,
    verdict: &'a Verdict,
    /// Its number in reading order, from 1.
    number: usize,
}

/// Escapes a discrepancy's text, showing the names it puts in backticks as code.
fn with_code(text: &str) -> String {
    let pieces: Vec<&str> = text.split('`').collect();
    if pieces.len().is_multiple_of(2) {
        // An unpaired backtick: show the text as it is.
        return escape(text);
    }
    let mut out = String::new();
    for (i, piece) in pieces.iter().enumerate() {
        if i % 2 == 1 {
            let _ = write!(out, "<code>{}</code>", escape(piece));
        } else {
            out.push_str(&escape(piece));
        }
    }
    out
}

fn link(label: &str, url: &str) -> String {
    match http_url(url) {
        Some(url) => format!(r#"<a href="{}">{}</a>"#, escape(url), escape(label)),
        None => escape(label),
    }
}

fn source_links(sources: &[SourceRef]) -> String {
    sources.iter().map(|s| link(&s.publisher, &s.url)).collect::<Vec<_>>().join(", ")
}

/// A claim's note: its verdict, discrepancies, facts and sources.
fn note(out: &mut String, entry: &Entry<'_>, reference: &Reference) {
    let Entry { claim, verdict, number } = entry;
    let name = verdict.verdict.name();
    let finding = !matches!(verdict.verdict, VerdictKind::Supported | VerdictKind::Opinion);
    let expected = claim.expects(verdict.verdict);
    let open = if finding || !expected { " open" } else { "" };
    let _ = write!(
        out,
        r#"<details class="note v-{name}" id="claim-{id}"{open}><summary><span class="num">{number}</span> <span class="badge">{name}</span> <code>{id}</code>"#,
        id = escape(claim.id.as_str()),
    );
    if !expected {
        let word = if claim.severity == Severity::Warn { "warning" } else { "unexpected" };
        let _ = write!(out, r#" <span class="unexpected">{word}: expected {}</span>"#, expected_name(claim));
    }
    let _ = write!(out, "</summary><blockquote>{}</blockquote>", escape(claim.text.trim()));
    if verdict.verdict == VerdictKind::Opinion {
        out.push_str("<p>An opinion: recorded, not checked.</p>");
    }
    let discrepancies = content_first(verdict);
    if !discrepancies.is_empty() {
        out.push_str("<ul>");
        for d in discrepancies {
            let _ = write!(out, "<li>{}</li>", with_code(&describe(d)));
        }
        out.push_str("</ul>");
    }
    let facts: Vec<FactRef> =
        verdict.facts.iter().filter_map(|id| reference.fact(id)).map(|f| FactRef::of(f, reference)).collect();
    if !facts.is_empty() {
        out.push_str(r#"<p class="label">Facts used</p><ul>"#);
        for fact in &facts {
            let _ = write!(
                out,
                "<li><code>{}</code> {}: {}</li>",
                escape(&fact.id),
                escape(&fact.says),
                source_links(&fact.sources)
            );
        }
        out.push_str("</ul>");
    }
    let cited: Vec<SourceRef> = claim.sources.iter().filter_map(|id| reference.source(id)).map(SourceRef::of).collect();
    if !cited.is_empty() {
        let _ = write!(out, r#"<p class="label">Sources cited</p><p>{}</p>"#, source_links(&cited));
    }
    if let Some(text) = &claim.note {
        let _ = write!(out, r#"<p class="author-note">Note: {}</p>"#, escape(text.trim()));
    }
    out.push_str("</details>\n");
}

/// A sentence's verdict, rolled up from its claims, and the claim that
/// decided it when they disagree.
fn sentence_note(out: &mut String, sentence: &SentenceVerdict, entries: &[Entry]) {
    let name = sentence.verdict.name();
    let decided = entries.iter().find(|e| e.claim.id == sentence.decided_by);
    let _ = write!(
        out,
        r##"<p class="sentence v-{name}" data-sentence="{n}" data-verdict="{name}"><span class="badge">Sentence {n}: {name}</span>"##,
        n = sentence.number,
    );
    if let (Some(entry), true) = (decided, sentence.mixed) {
        let _ = write!(
            out,
            r##" · decided by <a href="#claim-{id}">{number} <code>{id}</code></a>"##,
            id = escape(entry.claim.id.as_str()),
            number = entry.number,
        );
    }
    out.push_str("</p>\n");
}

/// The text of one paragraph with its claims' spans and numbers.
fn marked_paragraph(out: &mut String, text: &str, paragraph: Range<usize>, found: &[&Occurrence], entries: &[Entry]) {
    let mut cuts: Vec<usize> = vec![paragraph.start, paragraph.end];
    for o in found {
        cuts.extend([o.range.start, o.range.end].into_iter().filter(|at| paragraph.contains(at)));
    }
    cuts.sort_unstable();
    cuts.dedup();
    for piece in cuts.windows(2) {
        let (from, to) = (piece[0], piece[1]);
        let covering: Vec<&&Occurrence> = found.iter().filter(|o| o.range.start <= from && o.range.end >= to).collect();
        for o in &covering {
            let Entry { claim, verdict, number } = &entries[o.claim];
            let name = verdict.verdict.name();
            let id = escape(claim.id.as_str());
            let _ = write!(
                out,
                r#"<span class="claim v-{name} l{}" data-claim="{id}" data-verdict="{name}" title="{number} {id}: {name}">"#,
                o.level.min(MAX_LEVEL),
            );
        }
        out.push_str(&escape(&text[from..to]));
        out.push_str(&"</span>".repeat(covering.len()));
        let mut ending: Vec<&Entry> = found.iter().filter(|o| o.range.end == to).map(|o| &entries[o.claim]).collect();
        ending.sort_by_key(|e| e.number);
        ending.dedup_by_key(|e| e.number);
        for Entry { claim, verdict, number } in ending {
            let _ = write!(
                out,
                r##"<a class="mark v-{}" href="#claim-{}">{number}</a>"##,
                verdict.verdict.name(),
                escape(claim.id.as_str())
            );
        }
    }
}

fn article(out: &mut String, check: &ArticleCheck<'_>, reference: &Reference) {
    let article = &check.article.article;
    let text = check.article.text.as_str();
    let claims: Vec<&Claim> = check.claims.clone();
    let found = occurrences(text, &claims);
    // Number claims in reading order: by first occurrence, unlocated last.
    let mut first: Vec<Option<usize>> = vec![None; claims.len()];
    for o in &found {
        first[o.claim].get_or_insert(o.range.start);
    }
    let mut order: Vec<usize> = (0..claims.len()).collect();
    order.sort_by_key(|&i| (first[i].is_none(), first[i], i));
    let mut number = vec![0; claims.len()];
    for (n, &i) in order.iter().enumerate() {
        number[i] = n + 1;
    }
    let entries: Vec<Entry> =
        check.pairs().enumerate().map(|(i, (claim, verdict))| Entry { claim, verdict, number: number[i] }).collect();

    let title = article.title.as_deref().unwrap_or(article.id.as_str());
    let _ = writeln!(out, r#"<article id="article-{}">"#, escape(article.id.as_str()));
    let _ = writeln!(out, "<h2>{}</h2>", escape(title));
    let _ = writeln!(
        out,
        r#"<p class="meta">Published by {} on {} · {} · checked as of {} · {}</p>"#,
        escape(&article.publisher),
        article.published,
        link(&article.url, &article.url),
        check.as_of,
        escape(&summary(&Tally::of(std::slice::from_ref(check)), 1)),
    );
    let paragraphs = paragraphs(text);
    // Each note goes beside the paragraph where its claim first occurs.
    let mut notes: BTreeMap<usize, Vec<&Entry>> = BTreeMap::new();
    for &i in &order {
        let Some(start) = first[i] else { continue };
        let at = paragraphs.iter().rposition(|p| p.start <= start).unwrap_or(0);
        notes.entry(at).or_default().push(&entries[i]);
    }
    for (at, paragraph) in paragraphs.iter().enumerate() {
        let inside: Vec<&Occurrence> =
            found.iter().filter(|o| o.range.start < paragraph.end && o.range.end > paragraph.start).collect();
        out.push_str("<div class=\"row\"><p class=\"text\">");
        marked_paragraph(out, text, paragraph.clone(), &inside, &entries);
        out.push_str("</p><div class=\"notes\">\n");
        for sentence in check.sentences.iter().filter(|s| paragraph.contains(&s.range.start)) {
            sentence_note(out, sentence, &entries);
        }
        for entry in notes.get(&at).into_iter().flatten() {
            note(out, entry, reference);
        }
        out.push_str("</div></div>\n");
    }
    let unlocated: Vec<&Entry> = order.iter().filter(|&&i| first[i].is_none()).map(|&i| &entries[i]).collect();
    if !unlocated.is_empty() {
        out.push_str(
            "<div class=\"row\"><p class=\"text\">Claims whose words are not in the text:</p><div class=\"notes\">\n",
        );
        for entry in unlocated {
            note(out, entry, reference);
        }
        out.push_str("</div></div>\n");
    }
    out.push_str("</article>\n");
}

/// Renders the run as one self-contained HTML page, ending with a newline.
pub fn render(checks: &[ArticleCheck<'_>], reference: &Reference) -> String {
    let title = match checks {
        [one] => {
            format!("Fact-check: {}", one.article.article.title.as_deref().unwrap_or(one.article.article.id.as_str()))
        }
        _ => "Fact-check report".to_owned(),
    };
    let tally = Tally::of(checks);
    let mut out = String::new();
    let _ = write!(
        out,
        r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>{}</title>
<style>
{}</style>
</head>
<body>
<main>
<h1>Fact-check report</h1>
<p class="meta">{}. Each claim's words are marked in its verdict's colour; a deeper underline is a claim containing others. The numbers lead to the notes beside the text.</p>
<div class="legend">"#,
        escape(&title),
        css(),
        escape(&summary(&tally, checks.len())),
    );
    for verdict in VerdictKind::ALL {
        let (_, _, meaning) = palette(verdict);
        let count = tally.by_verdict.get(&verdict).copied().unwrap_or(0);
        let _ = write!(
            out,
            r#"<span class="key v-{name}"><span class="swatch"></span><b>{name}</b> ({count}): {meaning}</span>"#,
            name = verdict.name(),
        );
    }
    out.push_str("</div>\n");
    for check in checks {
        article(&mut out, check, reference);
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::testing::{article, claim};
    use crate::model::{Assertion, ClaimKind};

    fn with_text(id: &str, text: &str) -> Claim {
        Claim { text: text.to_owned(), ..claim(id, Assertion::Opinion) }
    }

    fn verdict(claim: &Claim, kind: VerdictKind) -> Verdict {
        Verdict {
            claim: claim.id.clone(),
            kind: ClaimKind::Opinion,
            verdict: kind,
            discrepancies: Vec::new(),
            facts: Vec::new(),
            claimed_date: None,
        }
    }

    #[test]
    fn paragraphs_are_lines_unless_blank_lines_separate_them() {
        let text = "One.\nTwo.\n\n";
        let got: Vec<&str> = paragraphs(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(got, ["One.", "Two."]);
        let text = "One\nstill one.\n\n  Two.\n";
        let got: Vec<&str> = paragraphs(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(got, ["One\nstill one.", "Two."]);
    }

    #[test]
    fn nested_and_crossing_claims_each_get_spans_and_containers_underline_deeper() {
        let mut a = article(
            "2024-08-16",
            vec![
                with_text("outer", "Five “US” personnel were injured"),
                with_text("inner", "\"US\" personnel"),
                with_text("cross", "were injured <in> the"),
            ],
        );
        a.text = "Five \u{201C}US\u{201D} personnel were injured <in> the attack.".to_owned();
        let verdicts: Vec<Verdict> = a
            .claims
            .iter()
            .zip([VerdictKind::Misleading, VerdictKind::Supported, VerdictKind::Opinion])
            .map(|(c, k)| verdict(c, k))
            .collect();
        let check = ArticleCheck::all(&a, a.article.default_as_of(), verdicts);
        let html = render(&[check], &Reference::default());
        assert!(html.contains(r#"data-claim="outer" data-verdict="misleading""#), "{html}");
        assert!(html.contains(r#"data-claim="inner" data-verdict="supported""#), "{html}");
        assert!(html.contains(r#"data-claim="cross" data-verdict="opinion""#), "{html}");
        assert!(html.contains(r#"<span class="claim v-misleading l1" data-claim="outer""#), "{html}");
        assert!(html.contains(r#"<span class="claim v-supported l0" data-claim="inner""#), "{html}");
        assert!(html.contains("&lt;in&gt;"), "text is escaped: {html}");
        assert!(!html.contains("<in>"), "{html}");
        assert_eq!(html.matches("<span").count(), html.matches("</span>").count());
        assert!(html.contains(r##"<a class="mark v-misleading" href="#claim-outer">1</a>"##), "{html}");
        assert!(html.contains(r#"<details class="note v-misleading" id="claim-outer" open>"#), "{html}");
        assert!(html.contains("An opinion: recorded, not checked."), "{html}");
    }

    #[test]
    fn names_in_backticks_become_code_and_stray_backticks_stay() {
        assert_eq!(with_code("the words are `a<b`'s"), "the words are <code>a&lt;b</code>&#39;s");
        assert_eq!(with_code("one ` only"), "one ` only");
    }
}
