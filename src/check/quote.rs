//! Quote claims: are these the speaker's words, as the sources record them?
//!
//! The quoted words are looked for in every source's verbatim excerpts,
//! after typographic normalisation ([`crate::text`]). Whose words a passage
//! holds depends on where the match falls: inside the excerpt's own
//! quotation marks the words are the quoted party's (`quoting`), elsewhere
//! they are the outlet's (`speaker`).
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

use similar::{Algorithm, DiffOp, capture_diff_slices, diff_ratio};

use crate::model::{Claim, Discrepancy, Excerpt, QuoteAssertion, Source, Term, VerdictKind};
use crate::text::{normalize, quoted_segments};

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

/// Whose words the normalised excerpt holds at byte offset `at`.
fn speaker_at<'a>(excerpt: &'a Excerpt, normal: &str, at: usize) -> &'a Term {
    let inside = quoted_segments(normal).iter().any(|r| r.contains(&at));
    match (&excerpt.quoting, inside) {
        (Some(quoted), true) => quoted,
        _ => &excerpt.speaker,
    }
}

/// Byte offsets of the words of a normalised text (single spaces between).
fn word_starts(normal: &str) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut at = 0;
    for word in normal.split(' ') {
        starts.push(at);
        at += word.len() + 1;
    }
    starts
}

/// What a word is compared by: letters and digits, lower case. Quotes
/// adapt capitals and punctuation to the sentence around them.
fn key(word: &str) -> String {
    word.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase()
}

/// The window of `passage` words closest to `quote`: similarity, diff, and
/// the byte offset where it starts.
fn closest_window(passage: &str, quote: &[&str]) -> Option<(f64, String, usize)> {
    let words: Vec<&str> = passage.split(' ').collect();
    let keys: Vec<String> = words.iter().map(|w| key(w)).collect();
    let quote_keys: Vec<String> = quote.iter().map(|w| key(w)).collect();
    let starts = word_starts(passage);
    let n = quote.len();
    let slack = n / 4;
    let mut best: Option<(f64, Vec<DiffOp>, usize, usize)> = None;
    for len in n.saturating_sub(slack).max(1)..=(n + slack).min(words.len()) {
        for start in 0..=words.len() - len {
            let window = &keys[start..start + len];
            let ops = capture_diff_slices(Algorithm::Myers, window, &quote_keys);
            let ratio = f64::from(diff_ratio(&ops, window.len(), quote_keys.len()));
            if best.as_ref().is_none_or(|(b, ..)| ratio > *b) {
                best = Some((ratio, ops, start, len));
            }
        }
    }
    let (ratio, ops, start, len) = best?;
    let diff = render_diff(&ops, &words[start..start + len], quote);
    // Whose words these are is read where the first word's letters start, past any quotation mark.
    let lead = words[start].find(char::is_alphanumeric).unwrap_or(0);
    Some((round3(ratio), diff, starts.get(start).copied().unwrap_or(0) + lead))
}

/// Where `quote` occurs in `passage` as whole words, ignoring case (both
/// lower-cased normal forms).
fn exact_matches(passage: &str, quote: &str) -> Vec<usize> {
    let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
    passage
        .match_indices(quote)
        .map(|(at, _)| at)
        .filter(|&at| {
            boundary(passage[..at].chars().next_back()) && boundary(passage[at + quote.len()..].chars().next())
        })
        .collect()
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

/// Every place the words occur verbatim, and every closest window.
fn search<'a>(quote: &str, claim: &Claim, cx: &Context<'a>) -> (Vec<Passage<'a>>, Vec<Passage<'a>>) {
    let quote_words: Vec<&str> = quote.split(' ').collect();
    let (mut exact, mut near) = (Vec::new(), Vec::new());
    for source in &cx.reference.sources {
        let listed = claim.sources.contains(&source.id);
        for excerpt in &source.excerpts {
            let normal = normalize(&excerpt.text);
            let found = exact_matches(&normal.to_lowercase(), &quote.to_lowercase());
            for at in &found {
                let speaker = speaker_at(excerpt, &normal, *at);
                exact.push(Passage { source, speaker, similarity: 1.0, diff: quote.to_owned(), listed });
            }
            if found.is_empty()
                && let Some((similarity, diff, at)) = closest_window(&normal, &quote_words)
            {
                let speaker = speaker_at(excerpt, &normal, at);
                near.push(Passage { source, speaker, similarity, diff, listed });
            }
        }
    }
    (exact, near)
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
            .with(Discrepancy::NoFact { subject: quote.speaker.clone(), property: Term::from("quote") });
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
        outcome = outcome.with(Discrepancy::Speaker {
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
    use crate::model::{Assertion, SourceKind, Verdict};

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
        assert!(matches!(&v.discrepancies[1], Discrepancy::Speaker { found, .. } if found.as_str() == "outlet"));
    }

    #[test]
    fn words_nowhere_near_a_passage_are_unverifiable() {
        let v = run(
            claim("ministry", "Troops will leave by Christmas"),
            vec![excerpt(STATEMENT, "wire-agency", Some("ministry"))],
        );
        assert_eq!(v.verdict, VerdictKind::Unverifiable);
        assert!(matches!(&v.discrepancies[0], Discrepancy::Quote { .. }));
    }

    #[test]
    fn no_excerpt_at_all_is_unverifiable() {
        let v = run(claim("ministry", "anything"), vec![]);
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
