//! Event claims (and attributions, which share the shape): does the
//! reference hold the claimed object for the subject and predicate, and at
//! the claimed date?
//!
//! The claimed object is compared with each object the reference holds,
//! using the vocabulary's broader terms (`reference/terms.yaml`):
//! - the same object: supported (if the date fits);
//! - a broader object than the reference's ("foreign troops" for "US
//!   troops"): supported, but vaguer, noted;
//! - a narrower object ("US troops" for "foreign troops"), or a different
//!   object of the same broader kind ("denounced" for "expressed
//!   disappointment"): misleading;
//! - an object the reference holds for another predicate of the same
//!   subject (the largest contributor to the level named as the largest
//!   contributor to the change): misleading, the right answer to another
//!   question;
//! - anything else: contradicted.

use crate::date::DateWindow;
use crate::model::{DateQualifier, Discrepancy, Fact, FactValue, Reference, Term, TermRelation, Triple, VerdictKind};

use super::date::{Fit, fit};
use super::{Context, Outcome, contradicted_or_scope, no_settled_fact, other_measure};

fn object_of(fact: &Fact) -> Option<(&Term, Option<DateWindow>)> {
    match &fact.value {
        FactValue::Object { object, date, .. } => Some((object, date.map(|d| d.window()))),
        _ => None,
    }
}

/// How `claimed` relates to `reference` in the vocabulary.
pub fn relation(claimed: &Term, reference: &Term, vocabulary: &Reference) -> Relation {
    if claimed == reference {
        return Relation::Same;
    }
    let above_reference = vocabulary.broader(reference);
    if above_reference.contains(claimed) {
        return Relation::Broader;
    }
    let above_claimed = vocabulary.broader(claimed);
    if above_claimed.contains(reference) {
        return Relation::Other(TermRelation::Narrower);
    }
    match above_claimed.intersection(&above_reference).next() {
        Some(shared) => Relation::Other(TermRelation::Sibling { shared: shared.clone() }),
        None => Relation::Other(TermRelation::Unrelated),
    }
}

/// How a claimed object relates to a reference object.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Relation {
    /// The same term.
    Same,
    /// The claim's term includes the reference's.
    Broader,
    /// Narrower, sibling or unrelated.
    Other(TermRelation),
}

impl Relation {
    /// Better matches sort first.
    fn rank(&self) -> u8 {
        match self {
            Relation::Same => 0,
            Relation::Broader => 1,
            Relation::Other(TermRelation::Narrower) => 2,
            Relation::Other(TermRelation::Sibling { .. }) => 3,
            Relation::Other(TermRelation::Unrelated) => 4,
        }
    }
}

/// Checks an event claim; one naming an organisation is a role
/// ([`super::role`]).
pub fn check(claim: &Triple, cx: &Context<'_>) -> Outcome {
    if let Some(organisation) = &claim.organisation {
        return super::role::check(claim, organisation, cx);
    }
    let claimed_date = match &claim.date {
        Some(expr) => match cx.resolve_date(expr, &claim.relative_to) {
            Some(window) => Some(window),
            None => return Outcome::new(VerdictKind::Unverifiable),
        },
        None => None,
    };
    let mut outcome = check_objects(claim, claimed_date, cx);
    outcome.claimed_date = claimed_date;
    outcome
}

fn check_objects(claim: &Triple, claimed_date: Option<DateWindow>, cx: &Context<'_>) -> Outcome {
    let all = cx.facts_about(&claim.subject, &claim.predicate);
    let selected = super::select::select(&all, cx.as_of);
    let objects: Vec<&Fact> = selected.settled.into_iter().filter(|f| object_of(f).is_some()).collect();
    if objects.is_empty() {
        return no_settled_fact(&claim.subject, &claim.predicate, &all, &selected.unsettled);
    }
    // The best-matching object decides; among equals, one whose date fits.
    let mut ranked: Vec<(Relation, Option<Fit>, &Fact)> = objects
        .iter()
        .filter_map(|f| {
            let (object, date) = object_of(f)?;
            let date_fit = claimed_date.zip(date).map(|(c, r)| fit(c, DateQualifier::On, r));
            Some((relation(&claim.object, object, cx.reference), date_fit, *f))
        })
        .collect();
    ranked.sort_by_key(|(rel, date_fit, fact)| (rel.rank(), date_rank(date_fit.as_ref()), fact.id.clone()));
    let Some((best, date_fit, fact)) = ranked.into_iter().next() else {
        return Outcome::new(VerdictKind::Unverifiable);
    };
    let (object, fact_date) = object_of(fact).unwrap_or((&claim.object, None));
    let outcome = match &best {
        Relation::Same => Outcome::new(VerdictKind::Supported),
        Relation::Broader => Outcome::new(VerdictKind::Supported)
            .with(Discrepancy::Broader { claimed: claim.object.clone(), reference: object.clone() }),
        Relation::Other(relation) => {
            let verdict = match relation {
                TermRelation::Unrelated => VerdictKind::Contradicted,
                _ => VerdictKind::Misleading,
            };
            let reference = objects
                .iter()
                .filter_map(|f| object_of(f).map(|(o, _)| o.clone()))
                .collect::<std::collections::BTreeSet<_>>();
            let object = Discrepancy::Object {
                predicate: claim.predicate.clone(),
                claimed: claim.object.clone(),
                reference: reference.into_iter().collect(),
                relation: relation.clone(),
            };
            if verdict == VerdictKind::Contradicted {
                // The claimed object may be right for another predicate of
                // the same subject: the right answer to another question.
                let scope = other_measure(cx, &claim.subject, &claim.predicate, |f| {
                    object_of(f).is_some_and(|(o, _)| *o == claim.object)
                });
                contradicted_or_scope(object, &claim.predicate, scope)
            } else {
                Outcome::new(verdict).with(object)
            }
        }
    };
    let outcome = apply_date(outcome, claimed_date, fact_date, date_fit);
    outcome.using([fact])
}

fn date_rank(fit: Option<&Fit>) -> u8 {
    match fit {
        Some(Fit::Inside) | None => 0,
        Some(Fit::Partly) => 1,
        Some(Fit::Outside) => 2,
    }
}

/// Lowers a verdict whose object matches but whose date does not.
fn apply_date(
    outcome: Outcome,
    claimed: Option<DateWindow>,
    reference: Option<DateWindow>,
    date_fit: Option<Fit>,
) -> Outcome {
    let (Some(claimed), Some(reference), Some(date_fit)) = (claimed, reference, date_fit) else { return outcome };
    match date_fit {
        Fit::Inside => outcome,
        Fit::Partly => {
            let verdict = if outcome.verdict == Some(VerdictKind::Supported) {
                VerdictKind::Unverifiable
            } else {
                outcome.verdict.unwrap_or(VerdictKind::Unverifiable)
            };
            Outcome { verdict: Some(verdict), ..outcome }.with(Discrepancy::DateImprecise { claimed, reference })
        }
        Fit::Outside => {
            let verdict = match outcome.verdict {
                Some(VerdictKind::Supported) | Some(VerdictKind::Misleading) => VerdictKind::Contradicted,
                other => other.unwrap_or(VerdictKind::Contradicted),
            };
            let days_outside = claimed.days_outside(reference);
            Outcome { verdict: Some(verdict), ..outcome }.with(Discrepancy::Date {
                claimed,
                qualifier: DateQualifier::On,
                reference,
                days_outside,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::testing::*;
    use crate::date::DateSpec;
    use crate::model::{Anchor, Assertion, Definition, SourceKind, Verdict};

    fn claim(object: &str, date: Option<&str>) -> Assertion {
        Assertion::Event(Triple {
            subject: Term::from("parliament"),
            predicate: Term::from("called-for-withdrawal-of"),
            object: Term::from(object),
            date: date.map(|d| d.parse().unwrap()),
            relative_to: Anchor::Article,
            organisation: None,
        })
    }

    fn resolution(object: &str, date: &str) -> Fact {
        let value = FactValue::Object {
            object: Term::from(object),
            date: Some(date.parse::<DateSpec>().unwrap()),
            organisation: None,
        };
        fact(&format!("resolution-{date}"), "parliament", "called-for-withdrawal-of", value, "wire")
    }

    fn run(claim_: Assertion, facts: Vec<Fact>) -> Verdict {
        let article = article("2024-08-17", vec![super::super::testing::claim("c", claim_)]);
        let mut reference = reference(vec![source("wire", SourceKind::Wire)], facts);
        reference.definitions = vec![
            Definition { term: Term::from("foreign-troops"), label: None, broader: vec![], part_of: vec![] },
            Definition {
                term: Term::from("us-troops"),
                label: None,
                broader: vec![Term::from("foreign-troops")],
                part_of: vec![],
            },
        ];
        verdict(&article, &reference, "c")
    }

    #[test]
    fn the_same_object_at_the_claimed_date_is_supported() {
        let v = run(claim("foreign-troops", Some("2020")), vec![resolution("foreign-troops", "2020-01-05")]);
        assert_eq!(v.verdict, VerdictKind::Supported);
    }

    #[test]
    fn a_narrower_object_is_misleading() {
        let v = run(claim("us-troops", Some("2018-03")), vec![resolution("foreign-troops", "2018-03-01")]);
        assert_eq!(v.verdict, VerdictKind::Misleading);
        assert!(matches!(&v.discrepancies[0], Discrepancy::Object { relation: TermRelation::Narrower, .. }));
    }

    #[test]
    fn a_broader_object_is_supported_but_noted() {
        let v = run(claim("foreign-troops", None), vec![resolution("us-troops", "2020-01-05")]);
        assert_eq!(v.verdict, VerdictKind::Supported);
        assert!(matches!(&v.discrepancies[0], Discrepancy::Broader { .. }));
    }

    #[test]
    fn an_unrelated_object_is_contradicted() {
        let v = run(claim("sanctions", None), vec![resolution("foreign-troops", "2020-01-05")]);
        assert_eq!(v.verdict, VerdictKind::Contradicted);
    }

    #[test]
    fn an_object_right_for_another_predicate_is_misleading() {
        // What parliament called to be reviewed, said to be what it called to be withdrawn.
        let called = |object: &str, predicate: &str| {
            let value = FactValue::Object { object: Term::from(object), date: None, organisation: None };
            fact(&format!("parliament-{predicate}"), "parliament", predicate, value, "wire")
        };
        let facts =
            vec![called("foreign-troops", "called-for-withdrawal-of"), called("sanctions", "called-for-review-of")];
        let v = run(claim("sanctions", None), facts.clone());
        assert_eq!(v.verdict, VerdictKind::Misleading);
        assert!(
            matches!(&v.discrepancies[0], Discrepancy::Scope { matching_measure, .. } if matching_measure.as_str() == "called-for-review-of"),
            "{:?}",
            v.discrepancies
        );
        assert!(matches!(&v.discrepancies[1], Discrepancy::Object { .. }));
        assert_eq!(run(claim("tariffs", None), facts).verdict, VerdictKind::Contradicted);
    }

    #[test]
    fn the_wrong_year_is_contradicted() {
        let v = run(claim("foreign-troops", Some("2019")), vec![resolution("foreign-troops", "2020-01-05")]);
        assert_eq!(v.verdict, VerdictKind::Contradicted);
        assert!(matches!(&v.discrepancies[0], Discrepancy::Date { .. }));
    }

    #[test]
    fn the_matching_one_of_two_dated_events_decides() {
        let facts = vec![resolution("foreign-troops", "2018-03-01"), resolution("foreign-troops", "2020-01-05")];
        let v = run(claim("foreign-troops", Some("2020")), facts);
        assert_eq!(v.verdict, VerdictKind::Supported);
        assert_eq!(v.facts[0].as_str(), "resolution-2020-01-05");
    }

    #[test]
    fn no_fact_is_unverifiable() {
        assert_eq!(run(claim("foreign-troops", None), vec![]).verdict, VerdictKind::Unverifiable);
    }

    #[test]
    fn an_event_is_not_known_before_it_happens() {
        let article = article("2019-06-01", vec![super::super::testing::claim("c", claim("foreign-troops", None))]);
        let reference =
            reference(vec![source("wire", SourceKind::Wire)], vec![resolution("foreign-troops", "2020-01-05")]);
        let v = verdict(&article, &reference, "c");
        assert_eq!(v.verdict, VerdictKind::Unverifiable);
        assert!(matches!(&v.discrepancies[0], Discrepancy::NotValid { .. }));
    }
}
