//! Quote claims: are these the speaker's words, as the sources record them?
//!
//! The quoted words are looked for in every source's verbatim excerpts,
//! headlines and full texts (`reference/documents/`), after typographic
//! normalisation ([`crate::text`]). Whose words a passage holds depends on
//! where the match falls: inside an excerpt's own quotation marks the words
//! are the quoted party's (`quoting`), elsewhere they are the outlet's
//! (`speaker`); a headline is its outlet's words; a full text is its
//! source's `speaker`'s words throughout.
//! Matching ignores case (quotes adapt capitals to the sentence) but not
//! words or their order.
//! - Found verbatim, spoken by the claimed speaker: supported.
//! - Found verbatim, but someone else's words: misleading (right words,
//!   wrong speaker).
//! - Not verbatim, but a passage shares at least [`PARAPHRASE_SIMILARITY`]
//!   of its words, with the word diff against that passage:
//!   - if the passage is the claimed speaker's own words, contradicted: the
//!     record shows them saying something else (words changed inside a quote);
//!   - otherwise misleading: someone else's paraphrase inside quotation marks.
//! - Nothing that close: unverifiable, with the closest passage for reference.

use std::ops::Range;

use similar::{Algorithm, DiffOp, capture_diff_slices, diff_ratio};

use crate::model::{Claim, Discrepancy, QuoteAssertion, Source, Term, VerdictKind};
use crate::text::normalize;

use super::{Context, Outcome, round3};

/// The word-level similarity from which a near match counts as a paraphrase
/// of the passage rather than unrelated words.
pub const PARAPHRASE_SIMILARITY: f64 = 0.6;

/// Where the words were looked for, and what was found there.
struct Passage<'a> {
    source: &'a Source,
    speaker: &'a Term,
    similarity: f64,
    diff: String,
    listed: bool,
}

/// The quoted words without surrounding quotation marks or trailing
/// punctuation, which the article's sentence supplies, not the speaker.
fn quoted_words(words: &str) -> String {
    let normal = normalize(words);
    normal
        .trim_matches(|c: char| c == '"' || c == '\'' || c.is_whitespace())
        .trim_end_matches([',', '.', ';', ':'])
        .to_owned()
}

/// The window of a passage (its word `keys`) closest to `quote` (its word
/// keys), looked for around each of `starts`: similarity, diff operations
/// and the window's word range.
fn closest_window(keys: &[u32], quote: &[u32], starts: &[i64]) -> Option<(f64, Vec<DiffOp>, Range<usize>)> {
    let mut windows: Vec<Range<usize>> = starts.iter().filter_map(|&s| window_around(keys, quote, s)).collect();
    windows.sort_unstable_by_key(|w| (w.start, w.end));
    windows.dedup();
    let mut best: Option<(f64, Vec<DiffOp>, Range<usize>)> = None;
    for window in windows {
        let ops = capture_diff_slices(Algorithm::Myers, &keys[window.clone()], quote);
        let ratio = f64::from(diff_ratio(&ops, window.len(), quote.len()));
        if best.as_ref().is_none_or(|(b, ..)| ratio > *b) {
            best = Some((ratio, ops, window));
        }
    }
    best
}

/// The words of `keys` that line up with `quote` when its first word
/// stands at `start`: a region wide enough for a quarter of the words to
/// have been added or dropped is diffed against the quote, and the window
/// runs from the first to the last word they share, widened by the
/// passage's words the quote changed at either end.
fn window_around(keys: &[u32], quote: &[u32], start: i64) -> Option<Range<usize>> {
    let slack = i64::try_from(quote.len() / 4).ok()?;
    let len = i64::try_from(quote.len()).ok()?;
    let clamp = |at: i64| usize::try_from(at.max(0)).unwrap_or(0).min(keys.len());
    let region = clamp(start - slack)..clamp(start + len + slack);
    let ops = capture_diff_slices(Algorithm::Myers, keys.get(region.clone())?, quote);
    let shared = |op: &&DiffOp| matches!(op, DiffOp::Equal { .. });
    let first = ops.iter().position(|op| shared(&op))?;
    let last = ops.iter().rposition(|op| shared(&op))?;
    let (_, old, new) = ops[first].as_tag_tuple();
    let changed_before = first.checked_sub(1).map_or(0, |i| ops[i].old_range().len());
    let from = old.start - changed_before.min(new.start);
    let (_, old, new) = ops[last].as_tag_tuple();
    let changed_after = ops.get(last + 1).map_or(0, |op| op.old_range().len());
    let to = old.end + changed_after.min(quote.len() - new.end);
    Some(region.start + from..region.start + to)
}

/// A word diff in wdiff style: `[-source only-]` and `{+quote only+}`.
fn render_diff(ops: &[DiffOp], old: &[&str], new: &[&str]) -> String {
    let mut out: Vec<String> = Vec::new();
    for op in ops {
        let (_, old_range, new_range) = op.as_tag_tuple();
        match op {
            DiffOp::Equal { .. } => out.push(old[old_range].join(" ")),
            DiffOp::Delete { .. } => out.push(format!("[-{}-]", old[old_range].join(" "))),
            DiffOp::Insert { .. } => out.push(format!("{{+{}+}}", new[new_range].join(" "))),
            DiffOp::Replace { .. } => {
                out.push(format!("[-{}-] {{+{}+}}", old[old_range].join(" "), new[new_range].join(" ")));
            }
        }
    }
    out.join(" ")
}

/// Every place the words occur verbatim, and the closest windows of the
/// passages that share the most words with them.
fn search<'a>(quote: &str, claim: &Claim, cx: &Context<'a>) -> (Vec<Passage<'a>>, Vec<Passage<'a>>) {
    let index = cx.passages;
    let lower = quote.to_lowercase();
    let exact: Vec<Passage<'a>> = index
        .exact(&lower)
        .into_iter()
        .map(|(entry, at)| {
            let e = &index.entries[entry as usize];
            Passage {
                source: e.source,
                speaker: e.speaker_at(at),
                similarity: 1.0,
                diff: quote.to_owned(),
                listed: claim.sources.contains(&e.source.id),
            }
        })
        .collect();
    if !exact.is_empty() {
        return (exact, Vec::new());
    }
    let quote_words: Vec<&str> = quote.split(' ').collect();
    let quote_keys = index.keys_of(&quote_words);
    let near = index
        .near(&quote_words)
        .into_iter()
        .filter_map(|(entry, starts)| {
            let e = &index.entries[entry as usize];
            let (similarity, ops, window) = closest_window(&e.keys, &quote_keys, &starts)?;
            let words = e.words(window.clone());
            // Whose words these are is read where the first word's letters start, past any quotation mark.
            let lead = words[0].find(char::is_alphanumeric).unwrap_or(0);
            let speaker = e.speaker_at(e.starts[window.start] + lead);
            let diff = render_diff(&ops, &words, &quote_words);
            let similarity = round3(similarity);
            Some(Passage { source: e.source, speaker, similarity, diff, listed: claim.sources.contains(&e.source.id) })
        })
        .collect();
    (Vec::new(), near)
}

/// Checks a quote claim.
pub fn check(quote: &QuoteAssertion, claim: &Claim, cx: &Context<'_>) -> Outcome {
    let words = quoted_words(&quote.words);
    let (mut exact, mut near) = search(&words, claim, cx);
    // Prefer the claimed speaker, then the sources the claim names, then id order.
    exact.sort_by_key(|p| (p.speaker != &quote.speaker, !p.listed, p.source.id.clone()));
    if let Some(found) = exact.into_iter().next() {
        let outcome = if found.speaker == &quote.speaker {
            Outcome::new(VerdictKind::Supported)
        } else {
            Outcome::new(VerdictKind::Misleading).with(Discrepancy::Speaker {
                claimed: quote.speaker.clone(),
                found: found.speaker.clone(),
                source: found.source.id.clone(),
            })
        };
        return backed_by(outcome, found.source);
    }
    near.sort_by(|a, b| {
        b.similarity
            .total_cmp(&a.similarity)
            .then_with(|| b.listed.cmp(&a.listed))
            .then_with(|| a.source.id.cmp(&b.source.id))
    });
    let Some(closest) = near.into_iter().next() else {
        return Outcome::new(VerdictKind::Unverifiable)
            .with(Discrepancy::QuoteNotFound { speaker: quote.speaker.clone() });
    };
    let close_enough = closest.similarity >= PARAPHRASE_SIMILARITY;
    let own_words = closest.speaker == &quote.speaker;
    let verdict = match (close_enough, own_words) {
        (false, _) => VerdictKind::Unverifiable,
        (true, true) => VerdictKind::Contradicted,
        (true, false) => VerdictKind::Misleading,
    };
    let mut outcome = Outcome::new(verdict).with(Discrepancy::Quote {
        source: closest.source.id.clone(),
        similarity: closest.similarity,
        diff: closest.diff.clone(),
    });
    if close_enough && !own_words {
        outcome = outcome.because(Discrepancy::Speaker {
            claimed: quote.speaker.clone(),
            found: closest.speaker.clone(),
            source: closest.source.id.clone(),
        });
    }
    if close_enough { backed_by(outcome, closest.source) } else { outcome }
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
        Excerpt { text: text.into(), speaker: Term::from(speaker), quoting: quoting.map(Term::from) }
    }

    fn run(claim_: Assertion, excerpts: Vec<Excerpt>) -> Verdict {
        let article = article("2024-08-17", vec![super::super::testing::claim("c", claim_)]);
        let mut wire = source("wire", SourceKind::Wire);
        wire.excerpts = excerpts;
        verdict(&article, &reference(vec![wire], vec![]), "c")
    }

    const STATEMENT: &str =
        "“We were very close to announcing this agreement,” reads a statement from the Iraqi Foreign Ministry";

    #[test]
    fn the_speakers_own_words_are_supported() {
        let v = run(
            claim("ministry", "“We were very close to announcing this agreement”"),
            vec![excerpt(STATEMENT, "wire-agency", Some("ministry"))],
        );
        assert_eq!(v.verdict, VerdictKind::Supported);
    }

    #[test]
    fn the_outlets_words_given_to_the_speaker_are_misleading() {
        let v = run(
            claim("ministry", "reads a statement from the Iraqi Foreign Ministry"),
            vec![excerpt(STATEMENT, "wire-agency", Some("ministry"))],
        );
        assert_eq!(v.verdict, VerdictKind::Misleading);
        assert!(matches!(&v.discrepancies[0], Discrepancy::Speaker { found, .. } if found.as_str() == "wire-agency"));
    }

    #[test]
    fn changed_words_of_the_speaker_are_contradicted_with_a_word_diff() {
        let v = run(
            claim("ministry", "We were so close to announcing the agreement"),
            vec![excerpt(STATEMENT, "wire-agency", Some("ministry"))],
        );
        assert_eq!(v.verdict, VerdictKind::Contradicted);
        let Discrepancy::Quote { diff, similarity, .. } = &v.discrepancies[0] else { panic!("{:?}", v.discrepancies) };
        assert_eq!(diff, "\"We were [-very-] {+so+} close to announcing [-this-] {+the+} agreement,\"");
        assert!(*similarity >= PARAPHRASE_SIMILARITY);
    }

    #[test]
    fn an_outlets_paraphrase_in_quotation_marks_is_misleading() {
        let paraphrase = excerpt(
            "The ministry said the primary issues are the timing of the announcement and logistics",
            "outlet",
            None,
        );
        let v = run(
            claim("ministry", "the primary issues are the timing of the official announcement and logistics"),
            vec![paraphrase],
        );
        assert_eq!(v.verdict, VerdictKind::Misleading);
        assert!(matches!(&v.discrepancies[0], Discrepancy::Speaker { found, .. } if found.as_str() == "outlet"));
        assert!(matches!(&v.discrepancies[1], Discrepancy::Quote { .. }));
    }

    #[test]
    fn words_nowhere_near_a_passage_are_unverifiable() {
        let v = run(
            claim("ministry", "Troops will leave by Christmas"),
            vec![excerpt(STATEMENT, "wire-agency", Some("ministry"))],
        );
        assert_eq!(v.verdict, VerdictKind::Unverifiable);
        assert!(matches!(&v.discrepancies[0], Discrepancy::QuoteNotFound { .. }));
        let v = run(
            claim("ministry", "We leave this base at Christmas"),
            vec![excerpt(STATEMENT, "wire-agency", Some("ministry"))],
        );
        assert_eq!(v.verdict, VerdictKind::Unverifiable);
        assert!(
            matches!(&v.discrepancies[0], Discrepancy::Quote { similarity, .. } if *similarity < PARAPHRASE_SIMILARITY)
        );
    }

    #[test]
    fn no_excerpt_at_all_is_unverifiable() {
        let v = run(claim("ministry", "anything"), vec![]);
        assert_eq!(v.verdict, VerdictKind::Unverifiable);
    }

    /// A statement of a few thousand words, the quoted sentence in the middle.
    fn statement(middle: &str) -> String {
        let filler = |from: usize| -> String {
            (from..from + 300).map(|n| format!("Item {n} of the agenda was read into the record. ")).collect()
        };
        format!("{}{middle} {}", filler(0), filler(300))
    }

    fn run_document(claim_: Assertion, text: &str) -> Verdict {
        let article = article("2024-08-17", vec![super::super::testing::claim("c", claim_)]);
        let mut transcript = source("transcript", SourceKind::Primary);
        transcript.speaker = Some(Term::from("ministry"));
        transcript.document = Some(text.into());
        verdict(&article, &reference(vec![transcript], vec![]), "c")
    }

    const SENTENCE: &str = "We were very close to announcing this agreement, but events intervened.";

    #[test]
    fn a_quote_found_in_a_long_document_is_its_speakers_words() {
        let text = statement(SENTENCE);
        assert!(text.split(' ').count() > 4000);
        let v = run_document(claim("ministry", "“we were very close to announcing this agreement”"), &text);
        assert_eq!(v.verdict, VerdictKind::Supported, "{:?}", v.discrepancies);
        let v = run_document(claim("prime-minister", "we were very close to announcing this agreement"), &text);
        assert_eq!(v.verdict, VerdictKind::Misleading);
        assert!(matches!(&v.discrepancies[0], Discrepancy::Speaker { found, .. } if found.as_str() == "ministry"));
    }

    #[test]
    fn changed_words_are_diffed_against_the_closest_passage_of_a_document() {
        let v = run_document(claim("ministry", "We were so close to announcing the agreement"), &statement(SENTENCE));
        assert_eq!(v.verdict, VerdictKind::Contradicted);
        let Discrepancy::Quote { diff, source, .. } = &v.discrepancies[0] else { panic!("{:?}", v.discrepancies) };
        assert_eq!(diff, "We were [-very-] {+so+} close to announcing [-this-] {+the+} agreement,");
        assert_eq!(source.as_str(), "transcript");
    }

    #[test]
    fn a_word_changed_at_the_quotes_edge_shows_in_the_diff() {
        let text = statement("They were very close to announcing this agreement, but events intervened.");
        let v = run_document(claim("ministry", "We were very close to announcing this agreement"), &text);
        assert_eq!(v.verdict, VerdictKind::Contradicted);
        let Discrepancy::Quote { diff, .. } = &v.discrepancies[0] else { panic!("{:?}", v.discrepancies) };
        assert_eq!(diff, "[-They-] {+We+} were very close to announcing this agreement,");
    }

    #[test]
    fn words_no_document_holds_are_unverifiable() {
        let v = run_document(claim("ministry", "Troops will leave by Christmas"), &statement(SENTENCE));
        assert_eq!(v.verdict, VerdictKind::Unverifiable);
    }

    #[test]
    fn trailing_punctuation_belongs_to_the_article() {
        assert_eq!(
            quoted_words("“to remain in a newly negotiated advisory capacity,”"),
            "to remain in a newly negotiated advisory capacity"
        );
    }
}
