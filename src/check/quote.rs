//! Quote claims: are these the speaker's words, as the sources record them?
//!
//! The quoted words are looked for in every source's verbatim excerpts,
//! headline and full text (`reference/documents/`), all of one source's
//! passages together, after typographic normalisation ([`crate::text`]) and with the
//! differences house style makes set aside ([`crate::text::words`]). Whose
//! words a passage holds depends on where the match falls: inside an
//! excerpt's own quotation marks they are the quoted party's (`quoting`),
//! elsewhere the outlet's (`speaker`); a headline is its outlet's words; a
//! full text is its source's `speaker`'s words throughout; `unknown` is
//! nobody's.
//!
//! One rule, from the least to the most serious difference; the most
//! serious one found decides:
//!
//! | the quote | verdict | discrepancy |
//! | --- | --- | --- |
//! | the same words after typography, punctuation, case, spelling variants, numerals, `%`, contractions | supported | `normalised`, listing each difference (none when there is none) |
//! | words left out at an ellipsis, words added in square brackets | supported | `elided`: what was left out and added |
//! | words joined from two places of one statement, or dropped from inside it, without an ellipsis | misleading | `joined`: the words left out |
//! | other words changed, added or dropped (a paraphrase in quotation marks) | misleading | `quote`: the word diff |
//! | the right words from another speaker | misleading | `speaker` |
//! | a number changed, a negation added or dropped | contradicted | `meaning-changed`, then the word diff |
//! | no passage close enough ([`PARAPHRASE_SIMILARITY`]) | unverifiable | `quote`: the closest passage of the claim's sources, then of its article's, or `quote-not-found` |
//!
//! Uncertain records lower what they can back: words past the end of a
//! passage whose stored copy is cut short, words found only where no
//! speaker is named, and pieces found in two passages of a source with
//! nothing stored between them are unverifiable; a translation backs the
//! words it holds (supported, with `translation`) but not a quote worded
//! otherwise (unverifiable); a source not independent of the article is
//! never looked at.

use std::collections::BTreeSet;
use std::ops::Range;

use similar::{Algorithm, DiffOp, capture_diff_slices};

use crate::model::{Claim, Discrepancy, QuoteAssertion, Source, SourceId, SourceKind, Term, VerdictKind};
use crate::text::normalize;
use crate::text::words::{Form, NEGATIONS, each_key, is_number};

use super::passages::{PassageIndex, Run, UNKNOWN, show, words_of};
use super::{Context, Outcome, round3};

/// The share of words a passage must have in common with the quote (in
/// order, counting words the quote leaves out as neither) to count as what
/// the quote renders, rather than unrelated words.
pub const PARAPHRASE_SIMILARITY: f64 = 0.6;

/// The similarity from which a passage of a primary source, in the
/// claimed speaker's words, is the statement the quote renders: it then
/// decides, whatever other sources' copies of the words say.
pub const SAME_STATEMENT: f64 = 0.9;

/// The fewest keys a run shared with a passage must have to anchor a match,
/// unless it is a whole piece of the quote: fewer would join words from
/// anywhere.
const MIN_RUN: usize = 3;

/// The quoted words, cleaned and keyed.
struct Quote {
    text: String,
    spans: Vec<Range<usize>>,
    keys: Vec<u32>,
    names: Vec<String>,
    key_words: Vec<(u32, u32)>,
    forms: Vec<Form>,
    /// Keys of words the quote adds in square brackets.
    inserted: Vec<bool>,
    /// Keys that start a piece after an ellipsis.
    piece_starts: BTreeSet<usize>,
    /// Runs of keys between ellipses and brackets, which a run never crosses.
    segments: Vec<Range<usize>>,
    /// Words at the quote's ends, at an ellipsis or at a bracket, whose
    /// punctuation belongs to the article.
    edges: BTreeSet<usize>,
}

impl Quote {
    /// The words of a claim: typography folded, the quotation marks and
    /// the trailing punctuation the article's sentence supplies set aside,
    /// ellipses and brackets noted.
    fn new(words: &str, index: &PassageIndex<'_>) -> Quote {
        let normal = normalize(&normalize(words).replace('"', " "));
        let trimmed = normal
            .trim_matches(|c: char| c == '\'' || c.is_whitespace())
            .trim_end_matches([',', '.', ';', ':'])
            .trim_start_matches("...")
            .trim_end_matches("...")
            .trim();
        let text = normalize(trimmed);
        let spans = crate::text::words::spans(&text);
        // Which words are ellipses, and which stand in brackets.
        let mut bracketed = Vec::with_capacity(spans.len());
        let mut ellipsis = Vec::with_capacity(spans.len());
        let mut depth = 0usize;
        for span in &spans {
            let word = &text[span.clone()];
            ellipsis.push(word.chars().all(|c| c == '.') && word.len() >= 3);
            let opens = word.starts_with('[');
            if opens {
                depth += 1;
            }
            bracketed.push(depth > 0);
            if word.contains(']') {
                depth = depth.saturating_sub(1);
            }
        }
        let (mut keys, mut names, mut key_words, mut forms, mut inserted) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let mut piece_starts = BTreeSet::new();
        let mut word_done = 0;
        each_key(&text, &spans, |key, range, form| {
            if range.start >= word_done && ellipsis[word_done..range.start].iter().any(|e| *e) {
                piece_starts.insert(keys.len());
            }
            word_done = word_done.max(range.end);
            let added = bracketed[range.start];
            keys.push(if added { UNKNOWN } else { index.key(key) });
            names.push(key.to_owned());
            let to_u32 = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
            key_words.push((to_u32(range.start), to_u32(range.end)));
            forms.push(form);
            inserted.push(added);
        });
        piece_starts.remove(&0);
        let mut segments = Vec::new();
        let mut start = 0;
        for k in 0..=keys.len() {
            let boundary = k == keys.len() || piece_starts.contains(&k) || inserted[k];
            if boundary {
                if start < k && !inserted[start] {
                    segments.push(start..k);
                }
                start = if k < keys.len() && inserted[k] { k + 1 } else { k };
            }
        }
        let mut edges = BTreeSet::new();
        if !spans.is_empty() {
            edges.insert(0);
            edges.insert(spans.len() - 1);
        }
        for (w, _) in spans.iter().enumerate() {
            let marked = ellipsis[w] || bracketed[w];
            if marked {
                edges.extend([w.saturating_sub(1), w + 1]);
            }
        }
        Quote { text, spans, keys, names, key_words, forms, inserted, piece_starts, segments, edges }
    }

    fn len(&self) -> usize {
        self.keys.len()
    }

    fn show(&self, range: Range<usize>) -> String {
        show(&self.text, &self.spans, &self.key_words, range, |k| self.names[k].clone()).join(" ")
    }

    /// The words (indexes) keys `range` come from.
    fn word_range(&self, range: &Range<usize>) -> Range<usize> {
        self.key_words[range.start].0 as usize..self.key_words[range.end - 1].1 as usize
    }
}

/// One step of a quote's alignment with a source's passages.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Op {
    /// The same keys.
    Equal { quote: Range<usize>, entry: u32, keys: Range<usize> },
    /// Passage keys the quote leaves out, before quote key `at`; `across`
    /// when they run from one stored passage into another.
    Delete { at: usize, parts: Vec<(u32, Range<usize>)>, across: bool },
    /// Quote keys the passage does not have there.
    Insert { quote: Range<usize> },
    /// Quote keys in place of passage keys.
    Replace { quote: Range<usize>, entry: u32, keys: Range<usize> },
    /// Quote keys past the end of a passage whose stored copy is cut short.
    PastEnd { quote: Range<usize> },
}

/// How a quote's words relate to the passage they were matched with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Words {
    /// The same words, up to what house style changes.
    Same,
    /// Words left out at ellipses or added in brackets.
    Elided,
    /// Words the record cannot settle: past a cut, or between two passages.
    Unsettled,
    /// Words left out without an ellipsis.
    Joined,
    /// Words changed or added.
    Changed,
    /// A number or a negation changed.
    MeaningChanged,
}

/// Whose words the matched passage holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Fit<'a> {
    Claimed,
    Other(&'a Term),
    Unknown,
}

impl Fit<'_> {
    fn rank(self) -> u8 {
        match self {
            Fit::Claimed => 0,
            Fit::Other(_) => 1,
            Fit::Unknown => 2,
        }
    }
}

/// A quote aligned with one source's passages, and what the alignment shows.
struct Match<'a> {
    source: &'a Source,
    ops: Vec<Op>,
    similarity: f64,
    words: Words,
    fit: Fit<'a>,
    listed: bool,
    normalisations: Vec<String>,
    left_out: Vec<String>,
    added: Vec<String>,
    joined: Vec<String>,
    changes: Vec<String>,
    past_end: Option<String>,
}

/// Converts a diff of passage keys (`old`, from `entry` at `so`) against
/// quote keys (`new`, from `qo`) into ops.
fn convert(diff: &[DiffOp], entry: u32, so: usize, qo: usize, ops: &mut Vec<Op>) {
    for op in diff {
        match *op {
            DiffOp::Equal { old_index, new_index, len } => ops.push(Op::Equal {
                quote: qo + new_index..qo + new_index + len,
                entry,
                keys: so + old_index..so + old_index + len,
            }),
            DiffOp::Delete { old_index, old_len, new_index } => ops.push(Op::Delete {
                at: qo + new_index,
                parts: vec![(entry, so + old_index..so + old_index + old_len)],
                across: false,
            }),
            DiffOp::Insert { new_index, new_len, .. } => {
                ops.push(Op::Insert { quote: qo + new_index..qo + new_index + new_len });
            }
            DiffOp::Replace { old_index, old_len, new_index, new_len } => ops.push(Op::Replace {
                quote: qo + new_index..qo + new_index + new_len,
                entry,
                keys: so + old_index..so + old_index + old_len,
            }),
        }
    }
}

/// Diffs quote keys `quote` against keys `keys` of `entry`.
fn local(index: &PassageIndex<'_>, q: &Quote, entry: u32, keys: Range<usize>, quote: Range<usize>) -> Vec<Op> {
    let e = &index.entries[entry as usize];
    let diff = capture_diff_slices(Algorithm::Myers, &e.keys[keys.clone()], &q.keys[quote.clone()]);
    let mut ops = Vec::new();
    convert(&diff, entry, keys.start, quote.start, &mut ops);
    ops
}

/// [`local`], matching from the end: where a word could line up with two
/// places, the one nearer the end wins (the quote's head is anchored there).
fn local_from_end(index: &PassageIndex<'_>, q: &Quote, entry: u32, keys: Range<usize>, quote: Range<usize>) -> Vec<Op> {
    let e = &index.entries[entry as usize];
    let old: Vec<u32> = e.keys[keys.clone()].iter().rev().copied().collect();
    let new: Vec<u32> = q.keys[quote.clone()].iter().rev().copied().collect();
    let flip = |r: Range<usize>, len: usize, base: usize| base + len - r.end..base + len - r.start;
    let (ol, nl) = (old.len(), new.len());
    let mut ops = Vec::new();
    for op in capture_diff_slices(Algorithm::Myers, &old, &new).iter().rev() {
        let (_, o, n) = op.as_tag_tuple();
        let (o, n) = (flip(o, ol, keys.start), flip(n, nl, quote.start));
        ops.push(match op {
            DiffOp::Equal { .. } => Op::Equal { quote: n, entry, keys: o },
            DiffOp::Delete { .. } => Op::Delete { at: n.start, parts: vec![(entry, o)], across: false },
            DiffOp::Insert { .. } => Op::Insert { quote: n },
            DiffOp::Replace { .. } => Op::Replace { quote: n, entry, keys: o },
        });
    }
    ops
}

fn is_delete(op: &Op) -> bool {
    matches!(op, Op::Delete { .. })
}

/// The end, in passage keys, of the last op that consumed passage keys.
fn passage_end(ops: &[Op], from: usize) -> usize {
    ops.iter()
        .rev()
        .find_map(|op| match op {
            Op::Equal { keys, .. } | Op::Replace { keys, .. } => Some(keys.end),
            Op::Delete { parts, .. } => parts.last().map(|(_, r)| r.end),
            _ => None,
        })
        .unwrap_or(from)
}

/// The quote's words after passage key `from` of `entry`, diffed against
/// what follows there: trailing passage words are not the quote's, and
/// words running past the end of a cut-short passage cannot be checked.
fn tail(index: &PassageIndex<'_>, q: &Quote, entry: u32, from: usize, quote: Range<usize>, ops: &mut Vec<Op>) {
    if quote.is_empty() {
        return;
    }
    let e = &index.entries[entry as usize];
    let slack = quote.len() / 4 + 2;
    let to = (from + quote.len() + slack).min(e.keys.len());
    let mut more = merge_last(loose_ends(index, q, local(index, q, entry, from..to, quote), false));
    while more.last().is_some_and(is_delete) {
        more.pop();
    }
    if e.cut_short
        && passage_end(&more, from) == e.keys.len()
        && let Some(Op::Insert { quote }) = more.last().cloned()
    {
        more.pop();
        more.push(Op::PastEnd { quote });
    }
    ops.extend(more);
}

/// `ops` up to the first short run of equal keys reached only by skipping
/// more passage keys than it matches: past there the quote's words are its
/// own, not words a distant passage shares by chance (`the`, `in`), and
/// they replace the passage words next to what was kept. `ops` run away
/// from the anchor: forwards after it, or backwards (`from_end`) before it.
fn loose_ends(index: &PassageIndex<'_>, q: &Quote, ops: Vec<Op>, from_end: bool) -> Vec<Op> {
    let mut skipped = 0;
    let mut kept = 0;
    for (n, op) in ops.iter().enumerate() {
        match op {
            Op::Equal { quote, .. } => {
                if skipped > 0 && quote.len() < MIN_RUN && quote.len() < skipped {
                    break;
                }
                skipped = 0;
                kept = n + 1;
            }
            Op::Delete { parts, .. } => skipped += parts.iter().map(|(_, r)| r.len()).sum::<usize>(),
            Op::Replace { keys, .. } => skipped += keys.len(),
            _ => {}
        }
    }
    if kept == ops.len() {
        return ops;
    }
    let rest: Vec<usize> = ops[kept..]
        .iter()
        .filter_map(|op| match op {
            Op::Insert { quote } | Op::Replace { quote, .. } | Op::Equal { quote, .. } => Some(quote.clone()),
            _ => None,
        })
        .flat_map(|r| [r.start, r.end])
        .collect();
    let next = ops[kept..].iter().find_map(|op| match op {
        Op::Delete { parts, across: false, .. } => parts.first().cloned(),
        Op::Replace { entry, keys, .. } | Op::Equal { entry, keys, .. } => Some((*entry, keys.clone())),
        _ => None,
    });
    let mut out: Vec<Op> = ops[..kept].to_vec();
    let cut = match (rest.iter().min(), rest.iter().max()) {
        (Some(a), Some(b)) => *a..*b,
        _ => return out,
    };
    match next {
        // The quote's words there against as many passage words next to what was kept.
        Some((entry, keys)) => {
            let len = keys.len().min(cut.len());
            let keys = if from_end { keys.end - len..keys.end } else { keys.start..keys.start + len };
            let mut more = if from_end {
                rediff(index, q, entry, keys, cut, true)
            } else {
                rediff(index, q, entry, keys, cut, false)
            };
            if from_end {
                more.reverse();
            }
            out.extend(more);
        }
        None => out.push(Op::Insert { quote: cut }),
    }
    out
}

fn rediff(
    index: &PassageIndex<'_>,
    q: &Quote,
    entry: u32,
    keys: Range<usize>,
    quote: Range<usize>,
    from_end: bool,
) -> Vec<Op> {
    if from_end { local_from_end(index, q, entry, keys, quote) } else { local(index, q, entry, keys, quote) }
}

/// The quote's words before passage key `to` of `entry`.
fn head(index: &PassageIndex<'_>, q: &Quote, entry: u32, to: usize, quote: Range<usize>, ops: &mut Vec<Op>) {
    if quote.is_empty() {
        return;
    }
    let slack = quote.len() / 4 + 2;
    let from = to.saturating_sub(quote.len() + slack);
    let mut more = local_from_end(index, q, entry, from..to, quote);
    more.reverse();
    let mut more = merge_last(loose_ends(index, q, more, true));
    more.reverse();
    ops.extend(more);
}

/// The best chain of runs: in order in the quote and in the passages, as
/// much of the quote as possible, each gap costing one key.
fn chain(runs: Vec<Run>, q: &Quote) -> Vec<Run> {
    let whole = |r: &Run| q.segments.contains(&r.quote);
    let mut runs: Vec<Run> = runs.into_iter().filter(|r| r.quote.len() >= MIN_RUN || whole(r)).collect();
    // The longest first when there are too many to chain.
    if runs.len() > 256 {
        let order = |r: &Run| (r.entry, r.keys.start, r.quote.start);
        runs.sort_by(|a, b| b.quote.len().cmp(&a.quote.len()).then(order(a).cmp(&order(b))));
        runs.truncate(256);
        runs.sort_by_key(order);
    }
    let n = runs.len();
    let mut best: Vec<(usize, Option<usize>)> = Vec::with_capacity(n);
    for j in 0..n {
        let mut top = (runs[j].quote.len(), None);
        for i in 0..j {
            let (a, b) = (&runs[i], &runs[j]);
            let ordered = a.quote.end <= b.quote.start
                && (a.entry < b.entry || (a.entry == b.entry && a.keys.end <= b.keys.start));
            if ordered {
                let score = (best[i].0 + b.quote.len()).saturating_sub(1);
                if score > top.0 {
                    top = (score, Some(i));
                }
            }
        }
        best.push(top);
    }
    let Some(end) = (0..n).max_by(|&a, &b| best[a].0.cmp(&best[b].0).then(b.cmp(&a))) else { return Vec::new() };
    let mut out = vec![runs[end].clone()];
    let mut at = best[end].1;
    while let Some(i) = at {
        out.push(runs[i].clone());
        at = best[i].1;
    }
    out.reverse();
    out
}

/// The quote aligned along a chain of runs.
fn along(index: &PassageIndex<'_>, q: &Quote, runs: &[Run]) -> Vec<Op> {
    let mut ops = Vec::new();
    let (first, last) = (&runs[0], &runs[runs.len() - 1]);
    head(index, q, first.entry, first.keys.start, 0..first.quote.start, &mut ops);
    for (n, run) in runs.iter().enumerate() {
        ops.push(Op::Equal { quote: run.quote.clone(), entry: run.entry, keys: run.keys.clone() });
        let Some(next) = runs.get(n + 1) else { break };
        let gap = run.quote.end..next.quote.start;
        if run.entry == next.entry {
            let between = run.keys.end..next.keys.start;
            if between.len() <= 2 * gap.len() + 8 {
                ops.extend(local(index, q, run.entry, between, gap));
            } else {
                ops.push(Op::Delete { at: gap.start, parts: vec![(run.entry, between)], across: false });
                if !gap.is_empty() {
                    ops.push(Op::Insert { quote: gap });
                }
            }
        } else {
            let len = index.entries[run.entry as usize].keys.len();
            let parts = vec![(run.entry, run.keys.end..len), (next.entry, 0..next.keys.start)];
            ops.push(Op::Delete { at: gap.start, parts, across: true });
            if !gap.is_empty() {
                ops.push(Op::Insert { quote: gap });
            }
        }
    }
    tail(index, q, last.entry, last.keys.end, last.quote.end..q.len(), &mut ops);
    trim_edges(ops, |r| q.inserted[r.clone()].iter().all(|i| *i))
}

/// The last two ops, passage words skipped next to quote words the
/// passage lacks, as what they are: the quote's words in place of those.
fn merge_last(mut ops: Vec<Op>) -> Vec<Op> {
    let n = ops.len();
    if n < 2 {
        return ops;
    }
    let merged = match (&ops[n - 2], &ops[n - 1]) {
        (Op::Delete { parts, across: false, .. }, Op::Insert { quote })
        | (Op::Insert { quote }, Op::Delete { parts, across: false, .. }) => {
            parts.first().map(|(entry, keys)| Op::Replace { quote: quote.clone(), entry: *entry, keys: keys.clone() })
        }
        _ => None,
    };
    if let Some(replace) = merged {
        ops.truncate(n - 2);
        ops.push(replace);
    }
    ops
}

/// Passage words at the quote's ends are only shown as far as the quote's
/// own words there go: a changed first word is one passage word, not the
/// sentence before it.
fn trim_edges(mut ops: Vec<Op>, inserted: impl Fn(&Range<usize>) -> bool) -> Vec<Op> {
    ops.reverse();
    let mut ops = merge_last(ops);
    ops.reverse();
    let mut ops = merge_last(ops);
    while ops.first().is_some_and(is_delete) {
        ops.remove(0);
    }
    while ops.last().is_some_and(is_delete) {
        ops.pop();
    }
    // Words a bracket puts at an end of the quote replace nothing known.
    let bracketed = |op: &Op| matches!(op, Op::Replace { quote, .. } if inserted(quote));
    if ops.first().is_some_and(bracketed)
        && let Some(Op::Replace { quote, .. }) = ops.first().cloned()
    {
        ops[0] = Op::Insert { quote };
    }
    if ops.last().is_some_and(bracketed)
        && let Some(Op::Replace { quote, .. }) = ops.last().cloned()
    {
        let n = ops.len() - 1;
        ops[n] = Op::Insert { quote };
    }
    if let Some(Op::Replace { quote, keys, .. }) = ops.first_mut()
        && keys.len() > quote.len()
    {
        keys.start = keys.end - quote.len();
    }
    if let Some(Op::Replace { quote, keys, .. }) = ops.last_mut()
        && keys.len() > quote.len()
    {
        keys.end = keys.start + quote.len();
    }
    ops
}

/// The quote aligned with one window of a passage, for quotes no run
/// anchors: the window the rarer keys point at.
fn window(index: &PassageIndex<'_>, q: &Quote, entry: u32, start: i64) -> Vec<Op> {
    let e = &index.entries[entry as usize];
    let slack = i64::try_from(q.len() / 4 + 2).unwrap_or(0);
    let len = i64::try_from(q.len()).unwrap_or(0);
    let clamp = |at: i64| usize::try_from(at.max(0)).unwrap_or(0).min(e.keys.len());
    let (from, to) = (clamp(start - slack), clamp(start + len + slack));
    let mut ops =
        trim_edges(local(index, q, entry, from..to, 0..q.len()), |r| q.inserted[r.clone()].iter().all(|i| *i));
    if e.cut_short
        && passage_end(&ops, from) == e.keys.len()
        && let Some(Op::Insert { quote }) = ops.last().cloned()
    {
        ops.pop();
        ops.push(Op::PastEnd { quote });
    }
    ops
}

fn numbers(keys: impl Iterator<Item = String>) -> Vec<String> {
    let mut found: Vec<String> = keys.filter(|k| is_number(k)).collect();
    found.sort();
    found
}

fn negations(keys: &[String]) -> usize {
    keys.iter().filter(|k| NEGATIONS.contains(&k.as_str())).count()
}

/// A word as compared for a difference: without quotation marks, and
/// without punctuation where the article supplies it (`edge`).
fn surface(text: &str, edge: bool) -> String {
    let t = text.replace('"', "");
    if edge { t.trim_matches(|c: char| !c.is_alphanumeric() && c != '%').to_owned() } else { t }
}

/// The kind of difference the rule sets aside between two surfaces, if
/// they differ: the foldings one side needed and the other did not, else
/// case, else punctuation.
fn difference_kind(quote: &str, passage: &str, form: Form, both: Form, first: bool, edge: bool) -> Option<String> {
    let (q, p) = (surface(quote, edge), surface(passage, edge));
    let lower_first = |t: &str| {
        let mut c = t.chars();
        c.next().map_or_else(String::new, |f| f.to_lowercase().chain(c).collect())
    };
    let same = if first { lower_first(&q) == lower_first(&p) } else { q == p };
    if same {
        return None;
    }
    let kinds = form.names();
    Some(if !kinds.is_empty() {
        kinds.join(" and ")
    } else if !both.is_empty() && q.to_lowercase() != p.to_lowercase() {
        both.names().join(" and ")
    } else if q.to_lowercase() == p.to_lowercase() {
        "case".to_owned()
    } else {
        let letters =
            |t: &str| t.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect::<String>();
        if letters(&q) == letters(&p) { "punctuation".to_owned() } else { "form".to_owned() }
    })
}

/// The likeness of an alignment: twice the quote's keys equal to the
/// passage's, over the quote's own keys (less those past the end of a
/// cut-short passage) plus the equal ones, those replaced and the few
/// words dropped without an ellipsis (more than three are a clause left
/// out, a join, which does not count against it); `None` if no key is
/// equal.
fn likeness(q: &Quote, ops: &[Op]) -> Option<f64> {
    let (mut equal, mut replaced, mut past, mut dropped) = (0usize, 0usize, 0usize, 0usize);
    let all_inserted = |r: &Range<usize>| q.inserted[r.clone()].iter().all(|i| *i);
    for op in ops {
        match op {
            Op::Equal { quote, .. } => equal += quote.len(),
            Op::Replace { quote, keys, .. } if !all_inserted(quote) => replaced += keys.len(),
            Op::Delete { at, parts, across: false } if !q.piece_starts.contains(at) => {
                let left: usize = parts.iter().map(|(_, keys)| keys.len()).sum();
                if left <= 3 {
                    dropped += left;
                }
            }
            Op::PastEnd { quote } => past += quote.len(),
            Op::Insert { .. } | Op::Replace { .. } | Op::Delete { .. } => {}
        }
    }
    if equal == 0 {
        return None;
    }
    let quote_keys = q.inserted.iter().filter(|i| !**i).count().saturating_sub(past);
    Some(round3(2.0 * equal as f64 / (quote_keys + equal + replaced + dropped).max(1) as f64))
}

/// What an alignment shows, for one source; `None` if its likeness is
/// below `at_least`, before anything is put into words.
fn assess<'a>(
    index: &'a PassageIndex<'a>,
    q: &Quote,
    ops: Vec<Op>,
    (source, speaker, listed): (&'a Source, &Term, bool),
    at_least: f64,
) -> Option<Match<'a>> {
    let similarity = likeness(q, &ops)?;
    if similarity < at_least {
        return None;
    }
    let names = |entry: u32, keys: &Range<usize>| -> Vec<String> {
        let e = &index.entries[entry as usize];
        e.keys[keys.clone()].iter().map(|k| index.name(*k).to_owned()).collect()
    };
    let passage = |entry: u32, keys: &Range<usize>| index.entries[entry as usize].show(keys.clone(), index).join(" ");
    let quote_names = |r: &Range<usize>| q.names[r.clone()].to_vec();
    let all_inserted = |r: &Range<usize>| q.inserted[r.clone()].iter().all(|i| *i);
    let mut m = Match {
        source,
        ops: Vec::new(),
        similarity,
        words: Words::Same,
        fit: Fit::Claimed,
        listed,
        normalisations: Vec::new(),
        left_out: Vec::new(),
        added: Vec::new(),
        joined: Vec::new(),
        changes: Vec::new(),
        past_end: None,
    };
    let mut worst = Words::Same;
    let mut raise = |w: Words| worst = worst.max(w);
    let mut other: Option<&'a Term> = None;
    let mut unknown = false;
    for op in &ops {
        match op {
            Op::Equal { quote, entry, keys } => {
                for at in [keys.start, keys.end - 1] {
                    let word = index.entries[*entry as usize].key_words[at].0 as usize;
                    let who = index.speaker(*entry, word);
                    if who.is_unknown() {
                        unknown = true;
                    } else if who != speaker && other.is_none() {
                        other = Some(who);
                    }
                }
                m.normalisations.extend(normalisations(index, q, *entry, quote.clone(), keys.clone()));
            }
            Op::Insert { quote } if all_inserted(quote) => {
                raise(Words::Elided);
                m.added.push(q.show(quote.clone()));
            }
            Op::Insert { quote } => {
                raise(Words::Changed);
                let added = quote_names(quote);
                for n in numbers(added.iter().cloned()) {
                    raise(Words::MeaningChanged);
                    m.changes.push(format!("number added: `{n}`"));
                }
                if negations(&added) > 0 {
                    raise(Words::MeaningChanged);
                    m.changes.push(format!("negation added: `{}`", q.show(quote.clone())));
                }
            }
            Op::Replace { quote, entry, keys } if all_inserted(quote) => {
                raise(Words::Elided);
                m.added.push(q.show(quote.clone()));
                m.left_out.push(passage(*entry, keys));
            }
            Op::Replace { quote, entry, keys } => {
                raise(Words::Changed);
                let (ours, theirs) = (quote_names(quote), names(*entry, keys));
                let (a, b) = (numbers(ours.iter().cloned()), numbers(theirs.iter().cloned()));
                // A number the quote gives that the passage does not: words for a number ("a decade") are not one.
                if !a.is_empty() && a != b {
                    raise(Words::MeaningChanged);
                    m.changes.push(format!("number: `{}` for `{}`", q.show(quote.clone()), passage(*entry, keys)));
                }
                if negations(&ours) != negations(&theirs) {
                    raise(Words::MeaningChanged);
                    let what = if negations(&ours) > negations(&theirs) { "added" } else { "dropped" };
                    m.changes.push(format!(
                        "negation {what}: `{}` for `{}`",
                        q.show(quote.clone()),
                        passage(*entry, keys)
                    ));
                }
            }
            Op::Delete { at, parts, across } => {
                let shown: Vec<String> = parts.iter().map(|(e, r)| passage(*e, r)).filter(|t| !t.is_empty()).collect();
                let text = shown.join(" … ");
                if q.piece_starts.contains(at) {
                    raise(Words::Elided);
                    m.left_out.push(if *across {
                        format!("{text} (and what stands between two stored passages)")
                    } else {
                        text
                    });
                } else if *across {
                    raise(Words::Unsettled);
                    m.joined.push(format!("{text} (what stands between two stored passages is not stored)"));
                } else {
                    raise(Words::Joined);
                    // A few words dropped count against the likeness ([`likeness`]); a whole clause left out is a join.
                    let dropped_words: Vec<String> = parts.iter().flat_map(|(e, r)| names(*e, r)).collect();
                    if dropped_words.len() <= 3 && negations(&dropped_words) > 0 {
                        raise(Words::MeaningChanged);
                        m.changes.push(format!("negation dropped: `{text}`"));
                    }
                    m.joined.push(text);
                }
            }
            Op::PastEnd { quote } => {
                raise(Words::Unsettled);
                m.past_end = Some(q.show(quote.clone()));
            }
        }
    }
    m.words = worst;
    m.fit = match (other, unknown) {
        (Some(who), _) => Fit::Other(who),
        (None, true) => Fit::Unknown,
        (None, false) => Fit::Claimed,
    };
    m.normalisations.dedup();
    m.ops = ops;
    Some(m)
}

/// The differences the rule sets aside in an equal run: its keys grouped by
/// the words they come from on either side, each group's words compared as
/// written.
fn normalisations(
    index: &PassageIndex<'_>,
    q: &Quote,
    entry: u32,
    quote: Range<usize>,
    keys: Range<usize>,
) -> Vec<String> {
    let e = &index.entries[entry as usize];
    // Each difference: its kind, the quote's words and the passage's.
    let mut found: Vec<(String, Range<usize>, Range<usize>)> = Vec::new();
    let mut k = 0;
    while k < quote.len() {
        let (qk, pk) = (quote.start + k, keys.start + k);
        let (mut qw, mut pw) = (q.word_range(&(qk..qk + 1)), e.key_words[pk].0 as usize..e.key_words[pk].1 as usize);
        let (mut qform, mut pform) = (q.forms[qk], e.forms[pk]);
        let mut j = k + 1;
        while j < quote.len() {
            let (qn, pn) = (q.word_range(&(quote.start + j..quote.start + j + 1)), e.key_words[keys.start + j]);
            let joined = qn.start < qw.end || (pn.0 as usize) < pw.end;
            if !joined {
                break;
            }
            qw.end = qw.end.max(qn.end);
            pw.end = pw.end.max(pn.1 as usize);
            qform = qform.union(q.forms[quote.start + j]);
            pform = pform.union(e.forms[keys.start + j]);
            j += 1;
        }
        let first = qw.start == 0;
        let edge = (qw.start..qw.end).any(|w| q.edges.contains(&w));
        let (form, both) = (qform.difference(pform), qform.union(pform));
        let quoted = words_of(&q.text, &q.spans, qw.clone());
        if let Some(kind) = difference_kind(quoted, e.words(pw.clone()), form, both, first, edge) {
            // Differences of one kind a word apart read as one: `Is in Sight` for `is in sight`.
            match found.last_mut() {
                Some((last, lq, lp)) if *last == kind && qw.start <= lq.end + 1 && pw.start <= lp.end + 1 => {
                    lq.end = qw.end;
                    lp.end = pw.end;
                }
                _ => found.push((kind, qw, pw)),
            }
        }
        k = j;
    }
    found
        .into_iter()
        .map(|(kind, qw, pw)| {
            let edge = (qw.start..qw.end).any(|w| q.edges.contains(&w));
            let quoted = surface(words_of(&q.text, &q.spans, qw), edge);
            format!("{kind}: `{quoted}` for `{}`", surface(e.words(pw), edge))
        })
        .collect()
}

/// The word diff of a match, in wdiff style: `[-passage only-]` and
/// `{+quote only+}`; what the rule sets aside never shows.
fn render(index: &PassageIndex<'_>, q: &Quote, ops: &[Op]) -> String {
    let passage = |entry: u32, keys: &Range<usize>| index.entries[entry as usize].show(keys.clone(), index).join(" ");
    let mut out: Vec<String> = Vec::new();
    for op in ops {
        match op {
            Op::Equal { entry, keys, .. } => out.push(passage(*entry, keys)),
            Op::Delete { parts, .. } => {
                let shown: Vec<String> = parts.iter().map(|(e, r)| passage(*e, r)).filter(|t| !t.is_empty()).collect();
                out.push(format!("[-{}-]", shown.join(" … ")));
            }
            Op::Insert { quote } => out.push(format!("{{+{}+}}", q.show(quote.clone()))),
            Op::Replace { quote, entry, keys } => {
                out.push(format!("[-{}-] {{+{}+}}", passage(*entry, keys), q.show(quote.clone())));
            }
            Op::PastEnd { quote } => out.push(format!("{{+{}+}}", q.show(quote.clone()))),
        }
    }
    out.retain(|s| !s.is_empty());
    out.join(" ")
}

/// The best alignment of the quote with group `group`'s passages, if its
/// likeness is `at_least` that.
fn align<'a>(
    index: &'a PassageIndex<'a>,
    q: &Quote,
    group: u32,
    (speaker, claim): (&Term, &Claim),
    at_least: f64,
) -> Option<Match<'a>> {
    let source = index.groups[group as usize].source;
    let of = (source, speaker, claim.sources.contains(&source.id));
    let runs = chain(index.runs(&q.keys, &q.segments, group), q);
    if !runs.is_empty() {
        return assess(index, q, along(index, q, &runs), of, at_least);
    }
    index
        .alignments(&q.keys, group)
        .into_iter()
        .filter_map(|(entry, start)| assess(index, q, window(index, q, entry, start), of, at_least))
        .max_by(|a, b| a.similarity.total_cmp(&b.similarity))
}

/// The most a match of `q` with a group's passages can score, given how
/// many of its keys the group holds and whether a passage of it is cut
/// short, and whether it holds every key the quote's own words have (what
/// a match at most [`Words::Elided`] needs). Equal keys are at most the
/// keys held, and nothing lowers the denominator but words past the end of
/// a cut-short passage, which allow any likeness: the bound is the score
/// of every held key equal and nothing else different, widened by the
/// rounding [`round3`] applies.
fn likeness_bound(q: &Quote, (held, cut_short): (usize, bool)) -> (f64, bool) {
    let own = q.inserted.iter().filter(|i| !**i).count();
    let whole = held >= own;
    if cut_short || own == 0 {
        return (1.0, whole);
    }
    (2.0 * held as f64 / (own + held) as f64 + 0.0005, whole)
}

/// Better evidence first: the claimed speaker's own primary record of the
/// statement ([`SAME_STATEMENT`]); then the quote's words wherever they
/// stand (the least serious difference, then the claimed speaker);
/// otherwise the closest passage, which says which statement the quote
/// renders (then the claimed speaker, the least serious difference); then
/// not a translation, a source the claim names, fewer differences, id order.
fn better(a: &Match<'_>, b: &Match<'_>) -> std::cmp::Ordering {
    // The speaker's own primary record of the statement outranks any other copy of it, as primary sources
    // outrank wire reports for facts: a wire's misquote never confirms itself.
    let own = |m: &Match<'_>| {
        !(m.fit == Fit::Claimed && m.source.kind == SourceKind::Primary && m.similarity >= SAME_STATEMENT)
    };
    // The words themselves, wherever they stand, before any passage that differs.
    let verbatim = |m: &Match<'_>| m.words > Words::Elided;
    own(a)
        .cmp(&own(b))
        .then(verbatim(a).cmp(&verbatim(b)))
        .then_with(|| {
            if verbatim(a) {
                // Which statement the quote renders: the closest one, then the least serious difference.
                b.similarity.total_cmp(&a.similarity).then(a.fit.rank().cmp(&b.fit.rank())).then(a.words.cmp(&b.words))
            } else {
                a.words.cmp(&b.words).then(a.fit.rank().cmp(&b.fit.rank()))
            }
        })
        .then(a.source.translation.cmp(&b.source.translation))
        .then(b.similarity.total_cmp(&a.similarity))
        .then(b.listed.cmp(&a.listed))
        .then(a.normalisations.len().cmp(&b.normalisations.len()))
        .then(a.source.id.cmp(&b.source.id))
}

/// Checks a quote claim.
pub fn check<'a>(quote: &QuoteAssertion, claim: &Claim, cx: &Context<'a>) -> Outcome {
    let index = cx.passages;
    let q = Quote::new(&quote.words, index);
    let article = &cx.article.article.id;
    let admits = |source: &Source| source.independent_of(article);
    let not_found =
        || Outcome::new(VerdictKind::Unverifiable).with(Discrepancy::QuoteNotFound { speaker: quote.speaker.clone() });
    if q.keys.iter().all(|k| *k == UNKNOWN) {
        return not_found();
    }
    // Exact matches of a quote with no ellipsis or bracket need no search.
    let plain = q.segments.len() == 1 && q.segments[0] == (0..q.len());
    let mut groups: Vec<u32> =
        if plain { index.exact(&q.keys).into_iter().map(|(e, _)| index.group_of(e)).collect() } else { Vec::new() };
    groups.dedup();
    groups.retain(|g| admits(index.groups[*g as usize].source));
    let mut exact = groups.clone();
    exact.sort_unstable();
    exact.dedup();
    if groups.is_empty() {
        groups = index.candidates(&q.keys, |g| admits(g.source));
    } else {
        // The speaker's own primary record may say otherwise than the copies holding the words.
        let primary = index.candidates(&q.keys, |g| admits(g.source) && g.source.kind == SourceKind::Primary);
        groups.extend(primary);
        groups.sort_unstable();
        groups.dedup();
    }
    // A match less like the quote than a paraphrase changes nothing here.
    let aligned = |g: u32| align(index, &q, g, (&quote.speaker, claim), PARAPHRASE_SIMILARITY);
    // The exact groups' matches first: whether the words stand verbatim somewhere.
    let exact: Vec<(u32, Option<Match<'_>>)> = exact.into_iter().map(|g| (g, aligned(g))).collect();
    // Every match here is at least as like the quote as a paraphrase ([`align`]'s floor).
    let verbatim = exact.iter().flat_map(|(_, m)| m).any(|m| m.words <= Words::Elided);
    // Groups whose passages cannot come close enough to matter are not
    // aligned ([`likeness_bound`]): below a paraphrase's likeness; and,
    // once the words stand verbatim in some source, those that can be
    // neither verbatim (they lack some of the quote's words) nor the
    // speaker's own record (not a primary source, no passage in the
    // speaker's words, or not close enough to be one): they rank below the
    // verbatim match ([`better`]) and are not as close as it, so they
    // change nothing, unless the best match is not verbatim after all (the
    // speaker's own record differs), when every group is aligned again.
    let found = |mut exact: Vec<(u32, Option<Match<'a>>)>, prune: bool| {
        let mut exact = exact.drain(..).peekable();
        let mut matches: Vec<Match<'a>> = Vec::new();
        for &g in &groups {
            if let Some((_, m)) = exact.next_if(|(e, _)| *e == g) {
                matches.extend(m);
                continue;
            }
            let (reach, whole) = likeness_bound(&q, index.held(&q.keys, g));
            if reach < PARAPHRASE_SIMILARITY {
                continue;
            }
            let own = || {
                index.groups[g as usize].source.kind == SourceKind::Primary
                    && reach >= SAME_STATEMENT
                    && index.may_speak(g, &quote.speaker)
            };
            if prune && !whole && !own() {
                continue;
            }
            matches.extend(aligned(g));
        }
        matches.sort_by(better);
        matches
    };
    let mut matches = found(exact, verbatim);
    if verbatim && matches.first().is_some_and(|best| best.words > Words::Elided) {
        matches = found(Vec::new(), false);
    }
    let mut matches = matches.into_iter();
    if let Some(best) = matches.next() {
        // Every source holding the words as closely backs the claim's words, whatever the verdict.
        let also: Vec<SourceId> = matches.filter(|m| m.words <= best.words).map(|m| m.source.id.clone()).collect();
        let mut outcome = decide(index, &q, best, quote);
        outcome.sources.extend(also);
        return outcome;
    }
    // Nothing close enough: the closest passage of the claim's sources, then of its article's.
    let article_sources: BTreeSet<&SourceId> = cx.article.claims.iter().flat_map(|c| &c.sources).collect();
    for sources in [claim.sources.iter().collect::<BTreeSet<_>>(), article_sources] {
        let closest = index
            .groups
            .iter()
            .enumerate()
            .filter(|(_, g)| sources.contains(&g.source.id) && admits(g.source))
            .filter_map(|(n, _)| align(index, &q, u32::try_from(n).ok()?, (&quote.speaker, claim), 0.0))
            .max_by(|a, b| a.similarity.total_cmp(&b.similarity).then(b.source.id.cmp(&a.source.id)));
        if let Some(m) = closest {
            let diff = render(index, &q, &m.ops);
            return Outcome::new(VerdictKind::Unverifiable).with(Discrepancy::Quote {
                source: m.source.id.clone(),
                similarity: m.similarity,
                diff,
            });
        }
    }
    not_found()
}

/// The verdict the best match gives, by the rule in this module's docs.
fn decide(index: &PassageIndex<'_>, q: &Quote, m: Match<'_>, quote: &QuoteAssertion) -> Outcome {
    let source = m.source.id.clone();
    let diff =
        || Discrepancy::Quote { source: source.clone(), similarity: m.similarity, diff: render(index, q, &m.ops) };
    let joined = || Discrepancy::Joined { source: source.clone(), left_out: m.joined.clone() };
    let words = match m.words {
        Words::Same if m.normalisations.is_empty() => None,
        Words::Same => {
            Some(Discrepancy::Normalised { source: source.clone(), normalisations: m.normalisations.clone() })
        }
        Words::Elided => {
            Some(Discrepancy::Elided { source: source.clone(), left_out: m.left_out.clone(), added: m.added.clone() })
        }
        Words::Unsettled if m.past_end.is_none() => Some(joined()),
        Words::Unsettled => None,
        Words::Joined => Some(joined()),
        Words::Changed | Words::MeaningChanged => Some(diff()),
    };
    // What an ellipsis or brackets stand for does not hide the house-style
    // differences of the words around them: those are listed too.
    let normalised_too = (m.words == Words::Elided && !m.normalisations.is_empty())
        .then(|| Discrepancy::Normalised { source: source.clone(), normalisations: m.normalisations.clone() });
    let with_words = |outcome: Outcome| {
        let outcome = match words.clone() {
            Some(d) => outcome.with(d),
            None => outcome,
        };
        match normalised_too.clone() {
            Some(d) => outcome.with(d),
            None => outcome,
        }
    };
    let speaker = |found: &Term| Discrepancy::Speaker {
        claimed: quote.speaker.clone(),
        found: found.clone(),
        source: source.clone(),
    };
    let translated = m.source.translation;
    let outcome = match (m.words, m.fit) {
        (Words::MeaningChanged, fit) => {
            let o = Outcome::new(VerdictKind::Contradicted)
                .with(Discrepancy::MeaningChanged { source: source.clone(), changes: m.changes.clone() })
                .with(diff());
            if let Fit::Other(found) = fit { o.with(speaker(found)) } else { o }
        }
        (_, Fit::Other(found)) => with_words(Outcome::new(VerdictKind::Misleading).with(speaker(found))),
        (Words::Changed | Words::Joined, _) if translated => with_words(
            Outcome::new(VerdictKind::Unverifiable).with(Discrepancy::Translation { source: source.clone() }),
        ),
        (Words::Changed | Words::Joined, fit) => {
            let o = with_words(Outcome::new(VerdictKind::Misleading));
            if fit == Fit::Unknown { o.with(Discrepancy::SpeakerUnknown { source: source.clone() }) } else { o }
        }
        (Words::Unsettled, _) => {
            let cut = m.past_end.clone().map(|unchecked| Discrepancy::CutShort { source: source.clone(), unchecked });
            let o = match cut {
                Some(c) => Outcome::new(VerdictKind::Unverifiable).with(c),
                None => Outcome::new(VerdictKind::Unverifiable),
            };
            with_words(o)
        }
        (_, Fit::Unknown) => with_words(
            Outcome::new(VerdictKind::Unverifiable).with(Discrepancy::SpeakerUnknown { source: source.clone() }),
        ),
        (_, Fit::Claimed) if translated => {
            with_words(Outcome::new(VerdictKind::Supported).with(Discrepancy::Translation { source: source.clone() }))
        }
        (_, Fit::Claimed) => with_words(Outcome::new(VerdictKind::Supported)),
    };
    backed_by(outcome, m.source)
}

fn backed_by(mut outcome: Outcome, source: &Source) -> Outcome {
    outcome.sources.insert(source.id.clone());
    outcome
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::testing::*;
    use crate::model::{Assertion, Excerpt, SourceKind, Verdict};

    fn claim(speaker: &str, words: &str) -> Assertion {
        Assertion::Quote(QuoteAssertion { speaker: Term::from(speaker), words: words.into() })
    }

    fn excerpt(text: &str, speaker: &str, quoting: Option<&str>) -> Excerpt {
        Excerpt { text: text.into(), speaker: Term::from(speaker), quoting: quoting.map(Term::from), cut_short: false }
    }

    /// A water board's statement, as its own full text.
    const STATEMENT: &str = "The reservoir is at 40 per cent of its capacity. We will not lift the hosepipe ban \
        before the autumn. Our engineers have probably found the leak in the northern main. We're grateful for \
        the public's patience and their help with the programme.";

    fn board() -> Source {
        let mut board = source("board-statement", SourceKind::Primary);
        board.speaker = Some(Term::from("water-board"));
        board.document = Some(STATEMENT.into());
        board
    }

    fn run_with(claim_: Assertion, sources: Vec<Source>, cites: &[&str]) -> Verdict {
        let mut c = super::super::testing::claim("c", claim_);
        c.sources = cites.iter().map(|s| SourceId::from(*s)).collect();
        let article = article("2024-08-17", vec![c]);
        verdict(&article, &reference(sources, vec![]), "c")
    }

    fn run(words: &str) -> Verdict {
        run_with(claim("water-board", words), vec![board()], &["board-statement"])
    }

    fn first(v: &Verdict) -> &Discrepancy {
        v.discrepancies.first().unwrap_or_else(|| panic!("no discrepancy: {v:?}"))
    }

    #[test]
    fn row_1_the_same_words_are_supported_listing_what_differs() {
        let v = run("“We will not lift the hosepipe ban before the autumn.”");
        assert_eq!((v.verdict, v.discrepancies.len()), (VerdictKind::Supported, 0), "{v:?}");
        // An added comma: supported, and the diff shows nothing the rule ignores.
        let v = run("We will not lift the hosepipe ban, before the autumn");
        assert_eq!(v.verdict, VerdictKind::Supported, "{v:?}");
        assert_eq!(
            first(&v),
            &Discrepancy::Normalised {
                source: SourceId::from("board-statement"),
                normalisations: vec!["punctuation: `ban,` for `ban`".into()]
            }
        );
        let v = run("The reservoir is at forty percent of its capacity");
        assert_eq!(v.verdict, VerdictKind::Supported, "{v:?}");
        let Discrepancy::Normalised { normalisations, .. } = first(&v) else { panic!("{v:?}") };
        assert_eq!(normalisations, &["numeral: `forty` for `40`", "per cent: `percent` for `per cent`"]);
        let v = run("We are grateful for the public's patience and their help with the program");
        assert_eq!(v.verdict, VerdictKind::Supported, "{v:?}");
        let Discrepancy::Normalised { normalisations, .. } = first(&v) else { panic!("{v:?}") };
        assert_eq!(normalisations, &["contraction: `We are` for `We're`", "spelling: `program` for `programme`"]);
    }

    #[test]
    fn row_2_an_ellipsis_and_brackets_are_supported_listing_what_was_left_out_and_added() {
        let v = run("We will not lift the hosepipe ban ... Our engineers have probably found the leak");
        assert_eq!(v.verdict, VerdictKind::Supported, "{v:?}");
        assert_eq!(
            first(&v),
            &Discrepancy::Elided {
                source: SourceId::from("board-statement"),
                left_out: vec!["before the autumn.".into()],
                added: vec![]
            }
        );
        let v = run("Our engineers have probably found the leak in the northern [water] main");
        assert_eq!(v.verdict, VerdictKind::Supported, "{v:?}");
        let Discrepancy::Elided { added, .. } = first(&v) else { panic!("{v:?}") };
        assert_eq!(added, &["[water]"]);
    }

    #[test]
    fn row_3_words_joined_without_an_ellipsis_or_a_dropped_qualifier_are_misleading() {
        let v = run("We will not lift the hosepipe ban. Our engineers have probably found the leak");
        assert_eq!(v.verdict, VerdictKind::Misleading, "{v:?}");
        let Discrepancy::Joined { left_out, .. } = first(&v) else { panic!("{v:?}") };
        assert_eq!(left_out, &["before the autumn."]);
        let v = run("Our engineers have found the leak in the northern main");
        assert_eq!(v.verdict, VerdictKind::Misleading, "{v:?}");
        assert!(matches!(first(&v), Discrepancy::Joined { left_out, .. } if left_out == &["probably"]), "{v:?}");
    }

    #[test]
    fn row_4_a_paraphrase_in_quotation_marks_is_misleading_with_the_word_diff() {
        let v = run("Our engineers have probably found the leak in the main in the north");
        assert_eq!(v.verdict, VerdictKind::Misleading, "{v:?}");
        let Discrepancy::Quote { diff, .. } = first(&v) else { panic!("{v:?}") };
        assert_eq!(
            diff,
            "Our engineers have probably found the leak in the [-northern-] main. [-We're grateful-] {+in the north+}"
        );
        // One article more is a changed quote too, not a contradiction.
        let v = run("Our engineers have probably found the leak in the northern water main");
        assert_eq!(v.verdict, VerdictKind::Misleading, "{v:?}");
    }

    #[test]
    fn row_5_the_right_words_from_another_speaker_are_misleading() {
        let wire = {
            let mut s = source("wire", SourceKind::Wire);
            s.excerpts = vec![excerpt(
                "The board said the reservoir was low. “We will not lift the ban,” said Mayor Ines Duarte.",
                "example-wire",
                Some("mayor"),
            )];
            s
        };
        let v = run_with(claim("water-board", "We will not lift the ban"), vec![wire.clone()], &["wire"]);
        assert_eq!(v.verdict, VerdictKind::Misleading, "{v:?}");
        assert!(matches!(first(&v), Discrepancy::Speaker { found, .. } if found.as_str() == "mayor"), "{v:?}");
        let v = run_with(claim("mayor", "the reservoir was low"), vec![wire], &["wire"]);
        assert!(matches!(first(&v), Discrepancy::Speaker { found, .. } if found.as_str() == "example-wire"), "{v:?}");
    }

    #[test]
    fn the_speakers_own_record_outranks_a_wire_copy_of_a_misquote() {
        let mut wire = source("wire", SourceKind::Wire);
        wire.excerpts = vec![excerpt(
            "“We will not lift the hosepipe ban before the summer,” the board said.",
            "example-wire",
            Some("water-board"),
        )];
        let v = run_with(
            claim("water-board", "We will not lift the hosepipe ban before the summer"),
            vec![board(), wire.clone()],
            &["wire"],
        );
        assert_eq!(v.verdict, VerdictKind::Misleading, "{v:?}");
        assert!(
            matches!(first(&v), Discrepancy::Quote { source, .. } if source.as_str() == "board-statement"),
            "{v:?}"
        );
        // Without the speaker's own record, the wire's copy is all there is.
        let v = run_with(
            claim("water-board", "We will not lift the hosepipe ban before the summer"),
            vec![wire],
            &["wire"],
        );
        assert_eq!(v.verdict, VerdictKind::Supported, "{v:?}");
    }

    #[test]
    fn when_the_speakers_own_record_decides_every_source_as_close_still_backs_the_words() {
        let quoting = |id: &str, kind: SourceKind, text: &str| {
            let mut s = source(id, kind);
            s.excerpts = vec![excerpt(text, "example-wire", Some("water-board"))];
            s
        };
        // The wire holds the misquote verbatim; the council's minutes a
        // looser copy, too loose to be the board's own record; the board's
        // own record decides.
        let wire = quoting("wire", SourceKind::Wire, "“We will not lift the hosepipe ban before the summer,” it said.");
        let minutes = quoting("minutes", SourceKind::Primary, "“We will not lift the ban until the summer,” it said.");
        let v = run_with(
            claim("water-board", "We will not lift the hosepipe ban before the summer"),
            vec![board(), wire, minutes],
            &["wire", "minutes"],
        );
        assert_eq!(v.verdict, VerdictKind::Misleading, "{v:?}");
        assert!(
            matches!(first(&v), Discrepancy::Quote { source, .. } if source.as_str() == "board-statement"),
            "{v:?}"
        );
        // Both cited sources hold the words as closely as the board's record: neither is reported as unused.
        assert_eq!(v.discrepancies.len(), 1, "{v:?}");
    }

    #[test]
    fn no_alignment_scores_above_the_bound_of_its_group() {
        let mut cut = source("cut", SourceKind::Wire);
        cut.excerpts = vec![Excerpt { cut_short: true, ..excerpt("We will not lift the hosepipe", "cut", None) }];
        let mut loose = source("loose", SourceKind::Primary);
        loose.excerpts = vec![
            excerpt("We will not lift the ban until the summer.", "water-board", None),
            excerpt("The reservoir is at 40 per cent, and we are grateful.", "water-board", None),
        ];
        let mut wire = source("wire", SourceKind::Wire);
        wire.excerpts = vec![excerpt(
            "The board said: \"We will not lift the hosepipe ban before the autumn.\" Rain is forecast.",
            "wire",
            Some("water-board"),
        )];
        let mut council = source("council", SourceKind::Primary);
        council.speaker = Some(Term::from("council"));
        council.document = Some("We will not lift the hosepipe ban before the summer, the council said.".into());
        let reference = reference(vec![board(), cut, loose, wire, council], vec![]);
        let index = PassageIndex::new(&reference);
        let c = super::super::testing::claim("c", claim("water-board", "x"));
        let speaker = Term::from("water-board");
        let mut checked = 0;
        for words in [
            "We will not lift the hosepipe ban before the autumn",
            "We will not lift the hosepipe ban before the summer",
            "We will not [ever] lift the ban ... before the summer holidays",
            "The reservoir is at 40 per cent of its capacity",
            "Our engineers found the leak, and we are grateful",
        ] {
            let q = Quote::new(words, &index);
            for g in 0..u32::try_from(index.groups.len()).unwrap() {
                let (bound, whole) = likeness_bound(&q, index.held(&q.keys, g));
                if let Some(m) = align(&index, &q, g, (&Term::from("water-board"), &c), 0.0) {
                    assert!(m.similarity <= bound, "{words}: {} above {bound} in group {g}", m.similarity);
                    assert!(whole || m.words > Words::Elided, "{words}: verbatim without every word in group {g}");
                    // What lets a verbatim quote's search skip a group with no passage in the speaker's words.
                    assert!(
                        m.fit != Fit::Claimed || index.may_speak(g, &speaker),
                        "{words}: the speaker's words in group {g}, which may_speak denies"
                    );
                    assert!(!index.may_speak(g, &Term::from("nobody")), "group {g}");
                    checked += 1;
                }
            }
        }
        assert!(checked >= 10, "{checked} alignments");
        let speaks: Vec<bool> =
            (0..u32::try_from(index.groups.len()).unwrap()).map(|g| index.may_speak(g, &speaker)).collect();
        // In source id order: the board's full text; another body's; a wire's own words; the board's excerpts; a
        // wire quoting the board.
        assert_eq!(speaks, [true, false, false, true, true]);
    }

    #[test]
    fn row_6_a_changed_number_or_negation_is_contradicted() {
        let v = run("The reservoir is at 30 per cent of its capacity");
        assert_eq!(v.verdict, VerdictKind::Contradicted, "{v:?}");
        let Discrepancy::MeaningChanged { changes, .. } = first(&v) else { panic!("{v:?}") };
        assert_eq!(changes, &["number: `30` for `40`"]);
        let v = run("We will lift the hosepipe ban before the autumn");
        assert_eq!(v.verdict, VerdictKind::Contradicted, "{v:?}");
        let Discrepancy::MeaningChanged { changes, .. } = first(&v) else { panic!("{v:?}") };
        assert_eq!(changes, &["negation dropped: `not`"]);
        let v = run("We won't lift the hosepipe ban before the autumn");
        assert_eq!(v.verdict, VerdictKind::Supported, "{v:?}");
    }

    #[test]
    fn row_7_words_nowhere_near_are_unverifiable_with_the_closest_passage_of_the_claims_sources() {
        let other = {
            let mut s = source("unrelated", SourceKind::Wire);
            s.excerpts = vec![excerpt("Hosepipe bans were lifted across the south in the autumn.", "wire", None)];
            s
        };
        let v = run_with(
            claim("water-board", "Hosepipe bans end in autumn everywhere"),
            vec![board(), other],
            &["board-statement"],
        );
        assert_eq!(v.verdict, VerdictKind::Unverifiable, "{v:?}");
        assert!(
            matches!(first(&v), Discrepancy::Quote { source, .. } if source.as_str() == "board-statement"),
            "{v:?}"
        );
        let v = run_with(claim("water-board", "Troops leave by Christmas"), vec![board()], &["board-statement"]);
        assert!(matches!(first(&v), Discrepancy::QuoteNotFound { .. }), "{v:?}");
    }

    #[test]
    fn words_past_the_end_of_a_cut_short_passage_are_unverifiable() {
        let mut s = source("copy", SourceKind::Wire);
        let mut e = excerpt("“We will not lift the hosepipe ban before", "example-wire", Some("water-board"));
        e.cut_short = true;
        s.excerpts = vec![e];
        let v = run_with(
            claim("water-board", "We will not lift the hosepipe ban before the autumn"),
            vec![s.clone()],
            &["copy"],
        );
        assert_eq!(v.verdict, VerdictKind::Unverifiable, "{v:?}");
        assert!(matches!(first(&v), Discrepancy::CutShort { unchecked, .. } if unchecked == "the autumn"), "{v:?}");
        s.excerpts[0].cut_short = false;
        let v =
            run_with(claim("water-board", "We will not lift the hosepipe ban before the autumn"), vec![s], &["copy"]);
        assert_ne!(v.verdict, VerdictKind::Unverifiable, "{v:?}");
    }

    #[test]
    fn words_whose_speaker_no_source_names_are_unverifiable() {
        let mut s = source("clip", SourceKind::Secondary);
        s.excerpts =
            vec![excerpt("“We will not lift the hosepipe ban before the autumn.”", "example-tv", Some("unknown"))];
        let v = run_with(claim("water-board", "We will not lift the hosepipe ban"), vec![s], &["clip"]);
        assert_eq!(v.verdict, VerdictKind::Unverifiable, "{v:?}");
        assert!(matches!(first(&v), Discrepancy::SpeakerUnknown { .. }), "{v:?}");
    }

    #[test]
    fn unbalanced_marks_leave_the_speaker_unknown() {
        let mut s = source("clip", SourceKind::Secondary);
        s.excerpts = vec![excerpt(
            "We will not lift the hosepipe ban before the autumn.” the board said.",
            "example-tv",
            Some("water-board"),
        )];
        let v = run_with(claim("water-board", "We will not lift the hosepipe ban"), vec![s], &["clip"]);
        assert_eq!(v.verdict, VerdictKind::Unverifiable, "{v:?}");
    }

    #[test]
    fn a_translation_backs_the_words_it_holds_not_other_words() {
        let mut s = board();
        s.translation = true;
        let v =
            run_with(claim("water-board", "We will not lift the hosepipe ban"), vec![s.clone()], &["board-statement"]);
        assert_eq!(v.verdict, VerdictKind::Supported, "{v:?}");
        assert!(matches!(first(&v), Discrepancy::Translation { .. }), "{v:?}");
        let v = run_with(
            claim("water-board", "We will not end the hosepipe ban before autumn"),
            vec![s],
            &["board-statement"],
        );
        assert_eq!(v.verdict, VerdictKind::Unverifiable, "{v:?}");
        assert!(matches!(first(&v), Discrepancy::Translation { .. }), "{v:?}");
    }

    #[test]
    fn a_source_not_independent_of_the_article_never_backs_it() {
        let mut s = board();
        s.not_independent_of = vec![crate::model::ArticleId::from("test")];
        let v = run_with(claim("water-board", "We will not lift the hosepipe ban"), vec![s], &["board-statement"]);
        assert_eq!(v.verdict, VerdictKind::Unverifiable, "{v:?}");
        assert!(v.discrepancies.iter().any(|d| matches!(d, Discrepancy::NotIndependent { .. })), "{v:?}");
    }

    #[test]
    fn pieces_in_two_excerpts_of_one_source_are_one_quote() {
        let mut s = source("wire", SourceKind::Wire);
        s.excerpts = vec![
            excerpt(
                "“The reservoir is at 40 per cent of its capacity,” the board said.",
                "example-wire",
                Some("water-board"),
            ),
            excerpt("“Our engineers have probably found the leak,” it added.", "example-wire", Some("water-board")),
        ];
        let words = "The reservoir is at 40 per cent of its capacity ... Our engineers have probably found the leak";
        let v = run_with(claim("water-board", words), vec![s.clone()], &["wire"]);
        assert_eq!(v.verdict, VerdictKind::Supported, "{v:?}");
        let joined = "The reservoir is at 40 per cent of its capacity. Our engineers have probably found the leak";
        let v = run_with(claim("water-board", joined), vec![s], &["wire"]);
        assert_eq!(v.verdict, VerdictKind::Unverifiable, "{v:?}");
        assert!(matches!(first(&v), Discrepancy::Joined { .. }), "{v:?}");
    }

    /// A statement of a few thousand words, the quoted sentence in the middle.
    fn long(middle: &str) -> String {
        let filler = |from: usize| -> String {
            (from..from + 300).map(|n| format!("Item {n} of the agenda was read into the record. ")).collect()
        };
        format!("{}{middle} {}", filler(0), filler(300))
    }

    #[test]
    fn a_quote_is_found_in_a_long_document() {
        let mut s = board();
        s.document = Some(long("We were very close to announcing this agreement, but events intervened.").into());
        let v = run_with(claim("water-board", "we were very close to announcing this agreement"), vec![s.clone()], &[]);
        assert_eq!(v.verdict, VerdictKind::Supported, "{v:?}");
        let v = run_with(claim("water-board", "We were so close to announcing the agreement"), vec![s], &[]);
        assert_eq!(v.verdict, VerdictKind::Misleading, "{v:?}");
        let Discrepancy::Quote { diff, .. } = first(&v) else { panic!("{v:?}") };
        assert_eq!(diff, "We were [-very-] {+so+} close to announcing [-this-] {+the+} agreement,");
    }
}
