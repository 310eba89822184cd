//! Choosing the facts a claim is checked against: which hold at the as-of
//! date, and which win when they disagree.
//!
//! Validity: a fact with `valid_from`/`valid_to` holds inside that period; a
//! fact with `as_of` is an observation that holds until a later observation
//! of the same subject and measure; a figure for a `period` with
//! `published` is a vintage, known from its publication and revised by a
//! later vintage of the same period (so checking as of a date uses, for
//! each period, the latest vintage published by then); a dated event holds
//! from its date on, a figure for a period without a vintage from the end
//! of its period; an undated fact always holds. A fact about what happened
//! replaces a forecast of it. When facts disagree, facts from primary
//! sources outrank wire reports, which outrank secondary reporting; only
//! disagreement at the top rank is a conflict.

use std::collections::BTreeMap;

use jiff::civil::Date;

use crate::model::{Fact, FactValue, Reference, SourceKind, Validity};

/// Whether a fact holds at `as_of`, ignoring newer observations.
fn in_force(fact: &Fact, as_of: Date) -> bool {
    match &fact.validity {
        Validity::Always => fact.holds_from().is_none_or(|from| from <= as_of),
        Validity::Period { from, to } => {
            from.is_none_or(|f| f.window().first() <= as_of) && to.is_none_or(|t| as_of <= t.window().last())
        }
        Validity::AsOf(at) | Validity::Published(at) => at.window().first() <= as_of,
    }
}

/// When an observation or a vintage was made: the date a later one of the
/// same period must beat.
pub fn observed_at(fact: &Fact) -> Option<Date> {
    match &fact.validity {
        Validity::AsOf(at) | Validity::Published(at) => Some(at.window().first()),
        _ => None,
    }
}

/// The period a fact's figure covers, as a sort key; facts without one
/// share one key.
fn period_key(fact: &Fact) -> Option<(Date, Date)> {
    fact.period.map(|p| p.window().key())
}

/// The facts among `facts` (all of one subject and property) that hold at
/// `as_of`: for each period (facts without one count as one period),
/// observations older than the latest are dropped, and forecasts are
/// dropped once a fact about what happened holds.
pub fn valid_at<'a>(facts: &[&'a Fact], as_of: Date) -> Vec<&'a Fact> {
    let holding: Vec<&Fact> = facts.iter().copied().filter(|f| in_force(f, as_of)).collect();
    let mut latest: BTreeMap<Option<(Date, Date)>, Option<Date>> = BTreeMap::new();
    for f in &holding {
        let at = latest.entry(period_key(f)).or_default();
        *at = (*at).max(observed_at(f));
    }
    let current: Vec<&Fact> = holding
        .into_iter()
        .filter(|f| observed_at(f).is_none_or(|seen| latest.get(&period_key(f)).copied().flatten() == Some(seen)))
        .collect();
    let actual: std::collections::BTreeSet<Option<(Date, Date)>> =
        current.iter().filter(|f| !f.forecast).map(|f| period_key(f)).collect();
    current.into_iter().filter(|f| !(f.forecast && actual.contains(&period_key(f)))).collect()
}

/// How directly a fact is sourced: the best kind among its sources.
pub fn rank(fact: &Fact, reference: &Reference) -> SourceKind {
    fact.sources.iter().filter_map(|id| reference.source(id)).map(|s| s.kind).max().unwrap_or(SourceKind::Secondary)
}

/// The facts to check against, once disagreements are settled.
#[derive(Debug, PartialEq)]
pub enum Resolution<'a> {
    /// These facts agree; these others, of lower rank, said otherwise.
    Agreed {
        /// The facts the verdict rests on.
        used: Vec<&'a Fact>,
        /// Lower-ranked facts set aside.
        overruled: Vec<&'a Fact>,
    },
    /// Facts of the top rank disagree.
    Conflict(Vec<&'a Fact>),
}

/// Settles `facts`: if they all agree (by `agree`), use them all; otherwise
/// use the highest-ranked facts if those agree, and set the rest aside.
pub fn resolve<'a>(facts: Vec<&'a Fact>, reference: &Reference, agree: impl Fn(&[&'a Fact]) -> bool) -> Resolution<'a> {
    if agree(&facts) {
        return Resolution::Agreed { used: facts, overruled: Vec::new() };
    }
    let top = facts.iter().map(|f| rank(f, reference)).max().unwrap_or(SourceKind::Secondary);
    let (used, overruled): (Vec<&Fact>, Vec<&Fact>) = facts.into_iter().partition(|f| rank(f, reference) == top);
    if agree(&used) { Resolution::Agreed { used, overruled } } else { Resolution::Conflict(used) }
}

/// The facts about one subject and property that hold, with unsettled
/// facts kept apart: they only count when nothing settled holds.
pub struct Selected<'a> {
    /// Facts that hold a value.
    pub settled: Vec<&'a Fact>,
    /// Facts saying no source settles the value.
    pub unsettled: Vec<&'a Fact>,
}

/// Splits the facts holding at `as_of` into settled and unsettled ones.
pub fn select<'a>(facts: &[&'a Fact], as_of: Date) -> Selected<'a> {
    let (unsettled, settled): (Vec<&Fact>, Vec<&Fact>) =
        valid_at(facts, as_of).into_iter().partition(|f| matches!(f.value, FactValue::Unsettled));
    Selected { settled, unsettled }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::DateSpec;
    use crate::model::{FactId, Qualifier, SourceId, Term};

    fn fact(id: &str, validity: Validity, forecast: bool) -> Fact {
        Fact {
            id: FactId::from(id),
            subject: Term::from("s"),
            property: Term::from("m"),
            value: FactValue::Number { value: 1.0, unit: "u".into(), qualifier: Qualifier::Exact },
            period: None,
            scale: crate::model::Scale::Units,
            signed: false,
            validity,
            forecast,
            sources: [SourceId::from("src")].into(),
            note: None,
        }
    }

    fn spec(text: &str) -> DateSpec {
        text.parse().unwrap()
    }

    fn ids(facts: &[&Fact]) -> Vec<String> {
        facts.iter().map(|f| f.id.to_string()).collect()
    }

    #[test]
    fn periods_hold_between_their_ends() {
        let f = fact("p", Validity::Period { from: Some(spec("2021-12")), to: Some(spec("2024-09")) }, false);
        assert!(in_force(&f, Date::constant(2021, 12, 1)));
        assert!(in_force(&f, Date::constant(2024, 9, 30)));
        assert!(!in_force(&f, Date::constant(2024, 10, 1)));
        assert!(!in_force(&f, Date::constant(2021, 11, 30)));
    }

    #[test]
    fn the_latest_observation_wins() {
        let old = fact("old", Validity::AsOf(spec("2023-11-17")), false);
        let new = fact("new", Validity::AsOf(spec("2024-08-15")), false);
        let facts = [&old, &new];
        assert_eq!(ids(&valid_at(&facts, Date::constant(2024, 8, 16))), ["new"]);
        assert_eq!(ids(&valid_at(&facts, Date::constant(2024, 1, 1))), ["old"]);
        assert!(valid_at(&facts, Date::constant(2023, 1, 1)).is_empty());
    }

    #[test]
    fn each_period_keeps_its_latest_vintage() {
        let vintage = |id: &str, period: &str, published: &str| {
            let mut f = fact(id, Validity::Published(spec(published)), false);
            f.period = Some(spec(period));
            f
        };
        let march_first = vintage("march-first", "2023-03", "2023-04-18");
        let march_revised = vintage("march-revised", "2023-03", "2023-05-16");
        let april = vintage("april", "2023-04", "2023-05-16");
        let facts = [&march_first, &march_revised, &april];
        assert_eq!(ids(&valid_at(&facts, Date::constant(2023, 5, 1))), ["march-first"]);
        assert_eq!(ids(&valid_at(&facts, Date::constant(2023, 5, 16))), ["march-revised", "april"]);
        assert!(valid_at(&facts, Date::constant(2023, 4, 17)).is_empty());
    }

    #[test]
    fn what_happened_replaces_the_forecast() {
        let forecast = fact("forecast", Validity::AsOf(spec("2024-08-15")), true);
        let mut actual = fact("actual", Validity::Always, false);
        actual.value = FactValue::Date(spec("2024-09-27"));
        let facts = [&forecast, &actual];
        assert_eq!(ids(&valid_at(&facts, Date::constant(2024, 8, 16))), ["forecast"]);
        assert_eq!(ids(&valid_at(&facts, Date::constant(2024, 10, 1))), ["actual"]);
    }
}
