//! Role claims: the title a claim gives a person at an organisation
//! ("Ana Ruiz, chief engineer at the water board").
//!
//! A role is an event-shaped fact with an organisation: the person is the
//! subject, the predicate names the relation (`role`), the object is the
//! title and `organisation` where it is held, over a period
//! (`valid_from`/`valid_to`). At the claim's date (or the as-of date):
//! - a role at the claimed organisation with the claimed title (or a
//!   narrower one the vocabulary puts under it): supported;
//! - a role at the claimed organisation with another title, or the claimed
//!   title held there at another time (a former title given as current):
//!   misleading;
//! - roles held only at other organisations: contradicted;
//! - no role held at the date: unverifiable.
//!
//! No broader term has to be invented to tell a wrong title from a wrong
//! organisation: the organisation is a field of its own.

use crate::model::{Discrepancy, Fact, FactValue, Term, Triple, VerdictKind};

use super::event::{Relation, relation};
use super::{Context, Outcome, no_settled_fact, select};

/// A role fact's title and organisation.
fn role_of(fact: &Fact) -> Option<(&Term, &Term)> {
    match &fact.value {
        FactValue::Object { object, organisation: Some(organisation), .. } => Some((object, organisation)),
        _ => None,
    }
}

/// A role in a few words: "director-general at who (2017-08-16 to 2022-08-15)".
fn describe(fact: &Fact) -> String {
    let Some((title, organisation)) = role_of(fact) else { return fact.id.to_string() };
    let period = &fact.validity;
    format!("`{title}` at `{organisation}`{period}")
}

/// Checks a claim that gives `claim.subject` the title `claim.object` at `organisation`.
pub fn check(claim: &Triple, organisation: &Term, cx: &Context<'_>) -> Outcome {
    let claimed_date = match &claim.date {
        Some(expr) => match cx.resolve_date(expr, &claim.relative_to) {
            Some(window) => Some(window),
            None => return Outcome::new(VerdictKind::Unverifiable),
        },
        None => None,
    };
    let at = claimed_date.map_or(cx.as_of, |w| w.last().min(cx.as_of));
    let all: Vec<&Fact> =
        cx.facts_about(&claim.subject, &claim.predicate).into_iter().filter(|f| role_of(f).is_some()).collect();
    let current = select::valid_at(&all, at);
    let mut outcome = decide(claim, organisation, &all, &current, cx);
    outcome.claimed_date = claimed_date;
    outcome
}

fn decide(claim: &Triple, organisation: &Term, all: &[&Fact], current: &[&Fact], cx: &Context<'_>) -> Outcome {
    if current.is_empty() {
        let former = all.iter().find(|f| role_of(f).is_some_and(|(t, o)| o == organisation && t == &claim.object));
        if let Some(fact) = former {
            return role_differs(claim, organisation, VerdictKind::Misleading, &[fact]);
        }
        return no_settled_fact(&claim.subject, &claim.predicate, all, &[]);
    }
    let here: Vec<&Fact> =
        current.iter().copied().filter(|f| role_of(f).is_some_and(|(_, o)| o == organisation)).collect();
    let fitting = here.iter().copied().find_map(|f| {
        let (title, _) = role_of(f)?;
        match relation(&claim.object, title, cx.reference) {
            Relation::Same => Some((f, None)),
            Relation::Broader => Some((f, Some(title))),
            Relation::Other(_) => None,
        }
    });
    match fitting {
        Some((fact, None)) => Outcome::new(VerdictKind::Supported).using([fact]),
        Some((fact, Some(title))) => Outcome::new(VerdictKind::Supported)
            .with(Discrepancy::Broader { claimed: claim.object.clone(), reference: title.clone() })
            .using([fact]),
        None if !here.is_empty() => role_differs(claim, organisation, VerdictKind::Misleading, &here),
        None => {
            let former = all
                .iter()
                .copied()
                .filter(|f| role_of(f).is_some_and(|(t, o)| o == organisation && t == &claim.object));
            let former: Vec<&Fact> = former.collect();
            if former.is_empty() {
                role_differs(claim, organisation, VerdictKind::Contradicted, current)
            } else {
                role_differs(claim, organisation, VerdictKind::Misleading, &former)
            }
        }
    }
}

fn role_differs(claim: &Triple, organisation: &Term, verdict: VerdictKind, facts: &[&Fact]) -> Outcome {
    Outcome::new(verdict)
        .with(Discrepancy::Role {
            claimed: claim.object.clone(),
            organisation: organisation.clone(),
            reference: facts.iter().map(|f| describe(f)).collect(),
        })
        .using(facts.iter().copied())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::testing::*;
    use crate::model::{Anchor, Assertion, SourceKind, Validity, Verdict};

    fn claim(title: &str, organisation: &str) -> Assertion {
        Assertion::Event(Triple {
            subject: Term::from("ana-ruiz"),
            predicate: Term::from("role"),
            object: Term::from(title),
            date: None,
            relative_to: Anchor::Article,
            organisation: Some(Term::from(organisation)),
        })
    }

    fn role(id: &str, title: &str, organisation: &str, from: &str, to: Option<&str>) -> Fact {
        let value =
            FactValue::Object { object: Term::from(title), date: None, organisation: Some(Term::from(organisation)) };
        let mut f = fact(id, "ana-ruiz", "role", value, "board");
        f.validity = Validity::Period { from: Some(from.parse().unwrap()), to: to.map(|t| t.parse().unwrap()) };
        f
    }

    fn run(claim_: Assertion) -> Verdict {
        let article = article("2023-05-01", vec![super::super::testing::claim("c", claim_)]);
        let facts = vec![
            role("engineer", "engineer", "water-board", "2015", Some("2020-12")),
            role("chief", "chief-engineer", "water-board", "2021-01", None),
        ];
        verdict(&article, &reference(vec![source("board", SourceKind::Primary)], facts), "c")
    }

    #[test]
    fn the_title_held_at_the_date_is_supported() {
        assert_eq!(run(claim("chief-engineer", "water-board")).verdict, VerdictKind::Supported);
    }

    #[test]
    fn another_title_at_the_organisation_is_misleading() {
        let v = run(claim("director", "water-board"));
        assert_eq!(v.verdict, VerdictKind::Misleading);
        let Discrepancy::Role { reference, .. } = &v.discrepancies[0] else { panic!("{:?}", v.discrepancies) };
        assert_eq!(reference, &["`chief-engineer` at `water-board` (from 2021-01)"]);
    }

    #[test]
    fn a_former_title_given_as_current_is_misleading() {
        let v = run(claim("engineer", "water-board"));
        assert_eq!(v.verdict, VerdictKind::Misleading);
        let Discrepancy::Role { reference, .. } = &v.discrepancies[0] else { panic!("{:?}", v.discrepancies) };
        assert_eq!(reference, &["`chief-engineer` at `water-board` (from 2021-01)"]);
    }

    #[test]
    fn the_wrong_organisation_is_contradicted() {
        let v = run(claim("chief-engineer", "port-authority"));
        assert_eq!(v.verdict, VerdictKind::Contradicted);
    }

    #[test]
    fn no_role_on_record_is_unverifiable() {
        let article =
            article("2023-05-01", vec![super::super::testing::claim("c", claim("chief-engineer", "water-board"))]);
        let v = verdict(&article, &reference(vec![source("board", SourceKind::Primary)], vec![]), "c");
        assert_eq!(v.verdict, VerdictKind::Unverifiable);
    }
}
