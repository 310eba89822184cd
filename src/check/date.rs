//! Date claims: did the event happen within the claimed window?
//!
//! The claimed date is resolved to a window of days (see [`crate::date`]):
//! `2020` is the whole year, "this Thursday" one day. Agreeing facts are
//! intersected to the reference window. With the default qualifier `on`,
//! the claim is supported when the reference window lies inside the claimed
//! one and contradicted when they share no day; `no-later-than` and
//! `no-earlier-than` compare one end only. A contradicted date that matches
//! another dated measure of the same event (say, the trigger rather than the
//! start) is misleading. A claim that matches a forecast is supported as a
//! forecast until the reference records what happened.

use crate::date::DateWindow;
use crate::model::{DateAssertion, DateQualifier, Discrepancy, Fact, FactValue, VerdictKind};

use super::select::{self, Resolution};
use super::{Context, Outcome, conflicting, contradicted_or_scope, no_settled_fact, other_measure, settled};

/// How a reference window relates to the claim.
#[derive(Debug, PartialEq, Eq)]
pub enum Fit {
    /// The reference lies where the claim says.
    Inside,
    /// The reference lies elsewhere.
    Outside,
    /// The reference is too coarse to say.
    Partly,
}

/// How `reference` fits `claimed` under `qualifier`.
pub fn fit(claimed: DateWindow, qualifier: DateQualifier, reference: DateWindow) -> Fit {
    let (inside, outside) = match qualifier {
        DateQualifier::On => (claimed.covers(reference), !claimed.overlaps(reference)),
        DateQualifier::NoLaterThan => (reference.last() <= claimed.last(), reference.first() > claimed.last()),
        DateQualifier::NoEarlierThan => (reference.first() >= claimed.first(), reference.last() < claimed.first()),
    };
    if inside {
        Fit::Inside
    } else if outside {
        Fit::Outside
    } else {
        Fit::Partly
    }
}

fn fact_window(fact: &Fact) -> Option<DateWindow> {
    match &fact.value {
        FactValue::Date(spec) => Some(spec.window()),
        _ => None,
    }
}

/// The days every fact allows, if they share any.
pub fn intersection(facts: &[&Fact]) -> Option<DateWindow> {
    let mut windows = facts.iter().filter_map(|f| fact_window(f));
    let first = windows.next()?;
    windows.try_fold(first, DateWindow::intersect)
}

fn agree(facts: &[&Fact]) -> bool {
    facts.iter().all(|f| fact_window(f).is_none()) || intersection(facts).is_some()
}

/// Checks a date claim.
pub fn check(claim: &DateAssertion, cx: &Context<'_>) -> Outcome {
    let Some(claimed) = cx.resolve_date(&claim.date, &claim.relative_to) else {
        return Outcome::new(VerdictKind::Unverifiable);
    };
    let mut outcome = check_window(claim, claimed, cx);
    outcome.claimed_date = Some(claimed);
    outcome
}

fn check_window(claim: &DateAssertion, claimed: DateWindow, cx: &Context<'_>) -> Outcome {
    let all = cx.facts_about(&claim.event, &claim.measure);
    let selected = select::select(&all, cx.as_of);
    let dated: Vec<&Fact> = selected.settled.into_iter().filter(|f| fact_window(f).is_some()).collect();
    if dated.is_empty() {
        return no_settled_fact(&claim.event, &claim.measure, &all, &selected.unsettled);
    }
    let (used, overruled) = match select::resolve(dated, cx.reference, agree) {
        Resolution::Agreed { used, overruled } => (used, overruled),
        Resolution::Conflict(facts) => return conflicting(facts),
    };
    let Some(reference) = intersection(&used) else {
        return Outcome::new(VerdictKind::Unverifiable);
    };
    let mut outcome = match fit(claimed, claim.qualifier, reference) {
        Fit::Inside => Outcome::new(VerdictKind::Supported),
        Fit::Partly => Outcome::new(VerdictKind::Unverifiable).with(Discrepancy::DateImprecise { claimed, reference }),
        Fit::Outside => {
            let date = Discrepancy::Date {
                claimed,
                qualifier: claim.qualifier,
                reference,
                days_outside: claimed.days_outside(reference),
            };
            let scope = other_measure(cx, &claim.event, &claim.measure, |f| {
                fact_window(f).is_some_and(|w| fit(claimed, claim.qualifier, w) == Fit::Inside)
            });
            contradicted_or_scope(date, &claim.measure, scope)
        }
    };
    if used.iter().all(|f| f.forecast) {
        outcome.discrepancies.push(Discrepancy::Forecast { event: claim.event.clone() });
    }
    settled(outcome, used, &overruled)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::testing::*;
    use crate::date::DateExpr;
    use crate::model::{Anchor, Assertion, SourceKind, Term, Validity, Verdict};

    fn claim(date: &str, relative_to: Anchor) -> Assertion {
        Assertion::Date(DateAssertion {
            event: Term::from("statement"),
            measure: Term::from("date"),
            date: date.parse::<DateExpr>().unwrap(),
            relative_to,
            qualifier: DateQualifier::On,
        })
    }

    fn run(
        published: &str,
        claims: Vec<(&str, Assertion)>,
        facts: Vec<Fact>,
        as_of: Option<jiff::civil::Date>,
    ) -> Vec<Verdict> {
        let claims = claims.into_iter().map(|(id, a)| super::super::testing::claim(id, a)).collect();
        let article = article(published, claims);
        let reference = reference(vec![source("wire", SourceKind::Wire)], facts);
        super::super::check_article(&article, &reference, as_of.unwrap_or(article.article.default_as_of()))
    }

    fn statement(date_: &str) -> Fact {
        fact("statement-date", "statement", "date", date(date_), "wire")
    }

    #[test]
    fn this_thursday_resolves_against_the_article() {
        let v = run(
            "2024-08-16/2024-08-17",
            vec![("c", claim("this Thursday", Anchor::Article))],
            vec![statement("2024-08-15")],
            None,
        );
        assert_eq!(v[0].verdict, VerdictKind::Supported);
        assert_eq!(v[0].claimed_date.map(|w| w.to_string()).as_deref(), Some("2024-08-15"));
    }

    #[test]
    fn a_day_outside_the_window_is_contradicted_by_how_many_days() {
        let v =
            run("2024-08-17", vec![("c", claim("2023-10-07", Anchor::Article))], vec![statement("2023-10-17")], None);
        assert_eq!(v[0].verdict, VerdictKind::Contradicted);
        assert!(matches!(v[0].discrepancies[0], Discrepancy::Date { days_outside: 10, .. }));
    }

    #[test]
    fn no_fact_is_unverifiable() {
        let v = run("2024-08-17", vec![("c", claim("2024", Anchor::Article))], vec![], None);
        assert_eq!(v[0].verdict, VerdictKind::Unverifiable);
    }

    #[test]
    fn relative_dates_count_from_another_claim() {
        let claims =
            vec![("a", claim("2018-03", Anchor::Article)), ("b", claim("two years later", Anchor::Claim("a".into())))];
        let v = run("2024-08-17", claims, vec![statement("2020-01-03")], None);
        assert_eq!(v[1].claimed_date.map(|w| w.to_string()).as_deref(), Some("2020"));
        assert_eq!(v[1].verdict, VerdictKind::Supported);
    }

    #[test]
    fn events_overtake_forecasts() {
        let mut forecast = fact("expected", "statement", "date", date("early 2024-09"), "wire");
        forecast.forecast = true;
        forecast.validity = Validity::AsOf("2024-08-15".parse().unwrap());
        let actual = statement("2024-09-27");
        let claims = || vec![("c", claim("early 2024-09", Anchor::Article))];
        let before = run("2024-08-17", claims(), vec![forecast.clone(), actual.clone()], None);
        assert_eq!(before[0].verdict, VerdictKind::Supported);
        assert!(before[0].discrepancies.iter().any(|d| matches!(d, Discrepancy::Forecast { .. })));
        let after = run("2024-08-17", claims(), vec![forecast, actual], Some(jiff::civil::Date::constant(2024, 10, 1)));
        assert_eq!(after[0].verdict, VerdictKind::Contradicted);
        assert!(matches!(after[0].discrepancies[0], Discrepancy::Date { days_outside: 17, .. }));
    }

    #[test]
    fn qualifiers_compare_one_end() {
        let w = |s: &str| s.parse::<crate::date::DateSpec>().unwrap().window();
        assert_eq!(fit(w("2024-06"), DateQualifier::NoLaterThan, w("2023-08")), Fit::Inside);
        assert_eq!(fit(w("2024-06"), DateQualifier::NoLaterThan, w("2024-07")), Fit::Outside);
        assert_eq!(fit(w("2024-06"), DateQualifier::NoEarlierThan, w("2024-07")), Fit::Inside);
        assert_eq!(fit(w("2024-06-15"), DateQualifier::On, w("2024-06")), Fit::Partly);
    }
}
