//! Figures swapped between their labels: two quantity claims of one
//! sentence whose numbers are each wrong for their own label and right for
//! the other's. The sentence is simply wrong, so each claim is
//! contradicted, decided by one [`Discrepancy::Swapped`] naming both.
//!
//! The pass runs after every claim of the article is checked: it reads the
//! claims' own verdicts, and checks each number again under the other
//! claim's label (subject, measure, period, parts) with the quantity rules.

use crate::model::{Assertion, Claim, Discrepancy, QuantityAssertion, Verdict, VerdictKind};

use super::quantity::{self, describe_printed};
use super::{Context, check_claim};

/// `own`'s number under `label`'s subject, measure, period and parts.
fn relabel(own: &QuantityAssertion, label: &QuantityAssertion) -> QuantityAssertion {
    QuantityAssertion {
        subject: label.subject.clone(),
        measure: label.measure.clone(),
        period: label.period,
        parts: label.parts.clone(),
        aggregate: label.aggregate,
        ..own.clone()
    }
}

/// A quantity claim's label in words: "subject measure period".
fn label(q: &QuantityAssertion) -> String {
    let period = q.period.map(|p| format!(" {p}")).unwrap_or_default();
    format!("{} {}{period}", q.subject, q.measure)
}

fn quantity_of(claim: &Claim) -> Option<&QuantityAssertion> {
    match &claim.assertion {
        Assertion::Quantity(q) => Some(q),
        _ => None,
    }
}

/// Whether `own`'s number is right under `label`'s label.
fn fits_label(
    own: &QuantityAssertion,
    label: &QuantityAssertion,
    cx: &Context<'_>,
) -> Option<Vec<crate::model::FactId>> {
    let outcome = quantity::check(&relabel(own, label), cx);
    (outcome.verdict == Some(VerdictKind::Supported)).then(|| outcome.facts.into_iter().collect())
}

/// Marks each claim of `claims` (with `verdicts`, in the same order) whose
/// figure is swapped with another quantity claim's in the same sentence.
pub fn mark(claims: &[&Claim], verdicts: &mut [Verdict], cx: &Context<'_>) {
    let candidates: Vec<usize> = (0..claims.len())
        .filter(|&i| quantity_of(claims[i]).is_some() && verdicts[i].verdict != VerdictKind::Supported)
        .collect();
    if candidates.is_empty() {
        return;
    }
    let article = cx.article;
    let layout = cx.layout();
    let sentences_of = |claim: &Claim| layout.sentences_of(&layout.places(&claim.text));
    let own_verdict = |claim: &Claim| -> VerdictKind {
        match claims.iter().position(|c| c.id == claim.id) {
            Some(j) => verdicts[j].verdict,
            None => check_claim(claim, cx).verdict,
        }
    };
    // The sentences of each quantity claim of the article, found once:
    // every candidate looks at every one of them.
    let placed: Vec<Option<Vec<usize>>> =
        article.claims.iter().map(|c| quantity_of(c).map(|_| sentences_of(c))).collect();
    let mut marks: Vec<(usize, Discrepancy, Vec<crate::model::FactId>)> = Vec::new();
    for i in candidates {
        let claim = claims[i];
        let Some(own) = quantity_of(claim) else { continue };
        let mine = sentences_of(claim);
        for (partner, at) in article.claims.iter().zip(&placed) {
            let (Some(theirs), Some(at)) = (quantity_of(partner), at) else { continue };
            if partner.id == claim.id || !at.iter().any(|n| mine.contains(n)) {
                continue;
            }
            if own_verdict(partner) == VerdictKind::Supported {
                continue;
            }
            let (Some(mut here), Some(there)) = (fits_label(own, theirs, cx), fits_label(theirs, own, cx)) else {
                continue;
            };
            here.extend(there);
            let swapped = Discrepancy::Swapped {
                other: partner.id.clone(),
                claimed: describe_printed(&own.printed()),
                belongs_to: label(theirs),
                other_claimed: describe_printed(&theirs.printed()),
                other_belongs_to: label(own),
            };
            marks.push((i, swapped, here));
            break;
        }
    }
    for (i, swapped, facts) in marks {
        let verdict = &mut verdicts[i];
        verdict.verdict = VerdictKind::Contradicted;
        verdict.discrepancies.insert(0, swapped);
        verdict.facts.extend(facts);
        verdict.facts.sort();
        verdict.facts.dedup();
    }
}
