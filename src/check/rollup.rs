//! Sentence verdicts: what a reader reads is a sentence, not a claim, so
//! each sentence (or headline) holding claims gets one verdict rolled up
//! from theirs.
//!
//! The rule: a sentence takes the least favourable verdict among its
//! claims that are not opinions, in the order [`LEAST_FAVOURABLE_FIRST`]
//! (contradicted, misleading, conflicting, unverifiable, supported); the
//! first claim in reading order with that verdict decided it. A sentence
//! whose claims are all opinions is an opinion. A claim belongs to every
//! sentence its words overlap, so a claim running over two sentences counts
//! in both. A headline that is true by one measure and false by another is
//! therefore never supported.

use std::ops::Range;

use borsh::{BorshDeserialize, BorshSerialize};
use serde::Serialize;

use crate::locate::Layout;
use crate::model::{Claim, ClaimId, Verdict, VerdictKind};

/// Verdicts from the least favourable to the most; opinions are left out,
/// as they are never checked.
pub const LEAST_FAVOURABLE_FIRST: [VerdictKind; 5] = [
    VerdictKind::Contradicted,
    VerdictKind::Misleading,
    VerdictKind::Conflicting,
    VerdictKind::Unverifiable,
    VerdictKind::Supported,
];

/// One sentence of an article that holds claims, with its verdict.
#[derive(Clone, Debug, PartialEq, Serialize, BorshSerialize, BorshDeserialize)]
pub struct SentenceVerdict {
    /// Its position among all the article's sentences, from 1.
    pub number: usize,
    /// Its words, as in the article.
    pub text: String,
    /// Where it stands in the article, in bytes.
    #[serde(skip)]
    pub range: Range<usize>,
    /// The rolled-up verdict.
    pub verdict: VerdictKind,
    /// The claim whose verdict it is.
    pub decided_by: ClaimId,
    /// Every claim whose words overlap it, in reading order.
    pub claims: Vec<ClaimId>,
    /// Whether its claims that are not opinions came out differently, so
    /// that the one deciding it is worth naming.
    #[serde(skip)]
    pub mixed: bool,
}

/// How favourable a verdict is to the sentence: lower is worse; opinions
/// rank after every checked verdict, so they decide only on their own.
fn favour(verdict: VerdictKind) -> usize {
    LEAST_FAVOURABLE_FIRST.iter().position(|v| *v == verdict).unwrap_or(LEAST_FAVOURABLE_FIRST.len())
}

/// The sentences of `text` that hold some of `claims` (in reading order,
/// each with its verdict in `verdicts`), each with its rolled-up verdict.
pub fn sentence_verdicts(text: &str, claims: &[&Claim], verdicts: &[Verdict]) -> Vec<SentenceVerdict> {
    sentence_verdicts_in(&Layout::new(text), claims, verdicts)
}

/// [`sentence_verdicts`] in a text laid out already.
pub fn sentence_verdicts_in(layout: &Layout<'_>, claims: &[&Claim], verdicts: &[Verdict]) -> Vec<SentenceVerdict> {
    let text = layout.original();
    // Each claim's sentences, found from its places: (sentence, claim)
    // pairs, in the order of the sentences and then of the claims.
    let mut pairs: Vec<(usize, usize)> = claims
        .iter()
        .enumerate()
        .flat_map(|(i, claim)| layout.sentences_of(&layout.places(&claim.text)).into_iter().map(move |n| (n, i)))
        .collect();
    pairs.sort_unstable();
    let mut out = Vec::new();
    for group in pairs.chunk_by(|a, b| a.0 == b.0) {
        let (n, range) = (group[0].0, layout.sentences[group[0].0].clone());
        let inside: Vec<usize> = group.iter().map(|&(_, i)| i).collect();
        let Some(&decisive) = inside.iter().min_by_key(|&&i| favour(verdicts[i].verdict)) else { continue };
        let verdict = verdicts[decisive].verdict;
        let mixed =
            inside.iter().any(|&i| !matches!(verdicts[i].verdict, v if v == verdict || v == VerdictKind::Opinion));
        out.push(SentenceVerdict {
            mixed,
            number: n + 1,
            text: text[range.clone()].to_owned(),
            range,
            verdict,
            decided_by: claims[decisive].id.clone(),
            claims: inside.iter().map(|&i| claims[i].id.clone()).collect(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::testing::claim;
    use crate::model::Assertion;

    fn verdict(claim: &Claim, verdict: VerdictKind) -> Verdict {
        Verdict {
            claim: claim.id.clone(),
            kind: claim.assertion.kind(),
            verdict,
            discrepancies: Vec::new(),
            facts: Vec::new(),
            claimed_date: None,
        }
    }

    fn rolled(text: &str, claims: &[(&str, &str, VerdictKind)]) -> Vec<(usize, VerdictKind, String, Vec<String>)> {
        let claims: Vec<(Claim, VerdictKind)> = claims
            .iter()
            .map(|(id, words, v)| (Claim { text: (*words).to_owned(), ..claim(id, Assertion::Opinion) }, *v))
            .collect();
        let refs: Vec<&Claim> = claims.iter().map(|(c, _)| c).collect();
        let verdicts: Vec<Verdict> = claims.iter().map(|(c, v)| verdict(c, *v)).collect();
        sentence_verdicts(text, &refs, &verdicts)
            .into_iter()
            .map(|s| {
                (s.number, s.verdict, s.decided_by.to_string(), s.claims.iter().map(ToString::to_string).collect())
            })
            .collect()
    }

    use VerdictKind::*;

    #[test]
    fn a_sentence_takes_its_least_favourable_checked_verdict() {
        let text = "Exports doubled to 4 tonnes and prices rose 3%. Nothing here. Rates are too high!";
        let got = rolled(
            text,
            &[
                ("doubled", "Exports doubled", Unverifiable),
                ("tonnes", "to 4 tonnes", Supported),
                ("prices", "prices rose 3%", Misleading),
                ("too-high", "Rates are too high!", Opinion),
            ],
        );
        assert_eq!(
            got,
            [
                (1, Misleading, "prices".to_owned(), vec!["doubled".into(), "tonnes".into(), "prices".into()]),
                (3, Opinion, "too-high".to_owned(), vec!["too-high".into()]),
            ]
        );
    }

    #[test]
    fn an_opinion_never_hides_a_finding_and_ties_go_to_the_first_claim() {
        let text = "Crime fell, which is wonderful, and arrests fell.";
        let got = rolled(
            text,
            &[
                ("crime-fell", "Crime fell", Contradicted),
                ("wonderful", "which is wonderful", Opinion),
                ("arrests-fell", "arrests fell", Contradicted),
            ],
        );
        assert_eq!(got[0].1, Contradicted);
        assert_eq!(got[0].2, "crime-fell");
    }

    #[test]
    fn a_claim_over_two_sentences_counts_in_both() {
        let text = "Cases rose. Deaths fell sharply. Tests were flat.";
        let got = rolled(text, &[("over", "rose. Deaths fell", Contradicted), ("tests", "Tests were flat", Supported)]);
        let verdicts: Vec<(usize, VerdictKind)> = got.iter().map(|s| (s.0, s.1)).collect();
        assert_eq!(verdicts, [(1, Contradicted), (2, Contradicted), (3, Supported)]);
    }

    #[test]
    fn the_order_is_documented_from_least_favourable() {
        let rank: Vec<usize> =
            [Contradicted, Misleading, Conflicting, Unverifiable, Supported, Opinion].into_iter().map(favour).collect();
        assert!(rank.windows(2).all(|w| w[0] < w[1]), "{rank:?}");
    }
}
