//! Quantity claims: does the reference number fall within what the claim allows?
//!
//! A claimed number and its qualifier define the interval of values the claim
//! allows: `exact` is the value itself, `about` is ±10%, `nearly` is up to
//! 10% below, `at-least`, `more-than`, `fewer-than` and `up-to` are open
//! rays. An explicit tolerance replaces the 10% (and widens the rays). A
//! fact's number becomes an interval the same way, and agreeing facts are
//! intersected. If the reference interval lies inside the claim's, the
//! claim is supported; if they share nothing, it is contradicted, unless
//! another measure of the same subject fits (misleading: right figure,
//! wrong scope); if they overlap only partly, the reference does not settle
//! it.

use std::fmt;

use crate::model::{
    BreakdownRelation, Discrepancy, Fact, FactValue, Printed, Qualifier, QuantityAssertion, Term, Tolerance,
    VerdictKind, unit_key,
};

use super::select::{self, Resolution};
use super::series::{self, fact_interval};
use super::{Context, Outcome, conflicting, describe_value, no_settled_fact, other_measure, round3, settled};

/// One end of an interval.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Bound {
    /// No limit.
    Open,
    /// The limit is allowed.
    Inclusive(f64),
    /// The limit is not allowed.
    Exclusive(f64),
}

/// The set of numbers a claim or fact allows.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Interval {
    /// The lower end.
    pub low: Bound,
    /// The upper end.
    pub high: Bound,
}

fn above_low(x: f64, low: Bound) -> bool {
    match low {
        Bound::Open => true,
        Bound::Inclusive(l) => x >= l,
        Bound::Exclusive(l) => x > l,
    }
}

fn below_high(x: f64, high: Bound) -> bool {
    match high {
        Bound::Open => true,
        Bound::Inclusive(h) => x <= h,
        Bound::Exclusive(h) => x < h,
    }
}

/// The tighter of two lower bounds.
fn max_low(a: Bound, b: Bound) -> Bound {
    match (a, b) {
        (Bound::Open, x) | (x, Bound::Open) => x,
        (Bound::Inclusive(x), Bound::Inclusive(y)) => Bound::Inclusive(x.max(y)),
        (Bound::Exclusive(x), Bound::Exclusive(y)) => Bound::Exclusive(x.max(y)),
        (Bound::Inclusive(i), Bound::Exclusive(e)) | (Bound::Exclusive(e), Bound::Inclusive(i)) => {
            if i > e {
                Bound::Inclusive(i)
            } else {
                Bound::Exclusive(e)
            }
        }
    }
}

/// The tighter of two upper bounds.
fn min_high(a: Bound, b: Bound) -> Bound {
    match (a, b) {
        (Bound::Open, x) | (x, Bound::Open) => x,
        (Bound::Inclusive(x), Bound::Inclusive(y)) => Bound::Inclusive(x.min(y)),
        (Bound::Exclusive(x), Bound::Exclusive(y)) => Bound::Exclusive(x.min(y)),
        (Bound::Inclusive(i), Bound::Exclusive(e)) | (Bound::Exclusive(e), Bound::Inclusive(i)) => {
            if i < e {
                Bound::Inclusive(i)
            } else {
                Bound::Exclusive(e)
            }
        }
    }
}

impl Interval {
    /// Whether the interval holds no number at all.
    pub fn is_empty(self) -> bool {
        match (self.low, self.high) {
            (Bound::Inclusive(l), Bound::Inclusive(h)) => l > h,
            (Bound::Inclusive(l) | Bound::Exclusive(l), Bound::Exclusive(h))
            | (Bound::Exclusive(l), Bound::Inclusive(h)) => l >= h,
            _ => false,
        }
    }

    /// The numbers both intervals allow.
    pub fn intersect(self, other: Interval) -> Interval {
        Interval { low: max_low(self.low, other.low), high: min_high(self.high, other.high) }
    }

    /// Whether every number `other` allows, this one allows too.
    pub fn covers(self, other: Interval) -> bool {
        let low_ok = match other.low {
            Bound::Open => self.low == Bound::Open,
            Bound::Inclusive(l) => above_low(l, self.low),
            Bound::Exclusive(l) => match self.low {
                Bound::Open => true,
                Bound::Inclusive(s) | Bound::Exclusive(s) => l >= s,
            },
        };
        let high_ok = match other.high {
            Bound::Open => self.high == Bound::Open,
            Bound::Inclusive(h) => below_high(h, self.high),
            Bound::Exclusive(h) => match self.high {
                Bound::Open => true,
                Bound::Inclusive(s) | Bound::Exclusive(s) => h <= s,
            },
        };
        low_ok && high_ok
    }

    /// Whether the interval is one number, and which.
    pub fn point(self) -> Option<f64> {
        match (self.low, self.high) {
            (Bound::Inclusive(l), Bound::Inclusive(h)) if l == h => Some(l),
            _ => None,
        }
    }

    /// The number in the interval nearest to `x` (its edge if `x` lies outside).
    fn nearest(self, x: f64) -> Option<f64> {
        let low = match self.low {
            Bound::Inclusive(l) | Bound::Exclusive(l) => Some(l),
            Bound::Open => None,
        };
        let high = match self.high {
            Bound::Inclusive(h) | Bound::Exclusive(h) => Some(h),
            Bound::Open => None,
        };
        match (low, high) {
            (Some(l), _) if x < l => Some(l),
            (_, Some(h)) if x > h => Some(h),
            (None, None) => None,
            _ => Some(x),
        }
    }
}

impl fmt::Display for Interval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(p) = self.point() {
            return write!(f, "{}", number(p));
        }
        match (self.low, self.high) {
            (Bound::Inclusive(l), Bound::Inclusive(h)) => write!(f, "{} to {}", number(l), number(h)),
            (Bound::Inclusive(l), Bound::Open) => write!(f, "{} or more", number(l)),
            (Bound::Exclusive(l), Bound::Open) => write!(f, "more than {}", number(l)),
            (Bound::Open, Bound::Inclusive(h)) => write!(f, "{} or less", number(h)),
            (Bound::Open, Bound::Exclusive(h)) => write!(f, "less than {}", number(h)),
            (Bound::Open, Bound::Open) => f.write_str("any number"),
            (low, high) => {
                let (l, lo) = match low {
                    Bound::Inclusive(l) => (l, "["),
                    Bound::Exclusive(l) => (l, "("),
                    Bound::Open => (f64::NEG_INFINITY, "("),
                };
                let (h, hi) = match high {
                    Bound::Inclusive(h) => (h, "]"),
                    Bound::Exclusive(h) => (h, ")"),
                    Bound::Open => (f64::INFINITY, ")"),
                };
                write!(f, "{lo}{}, {}{hi}", number(l), number(h))
            }
        }
    }
}

/// A number for people: no trailing `.0`, at most four decimals.
pub fn number(x: f64) -> String {
    let rounded = (x * 10_000.0).round() / 10_000.0;
    if rounded == rounded.trunc() && rounded.abs() < 1e15 {
        format!("{}", rounded as i64)
    } else {
        format!("{rounded}")
    }
}

/// The half-width a qualifier and tolerance give around `value`.
fn spread(value: f64, qualifier: Qualifier, tolerance: Option<Tolerance>) -> f64 {
    match tolerance {
        Some(Tolerance::Absolute(a)) => a,
        Some(Tolerance::Relative(r)) => r * value.abs(),
        None => qualifier.default_relative_tolerance() * value.abs(),
    }
}

/// The interval of numbers `value` with `qualifier` (and `tolerance`) allows.
pub fn claimed_interval(value: f64, qualifier: Qualifier, tolerance: Option<Tolerance>) -> Interval {
    let t = spread(value, qualifier, tolerance);
    let (low, high) = match qualifier {
        Qualifier::Exact | Qualifier::About => (Bound::Inclusive(value - t), Bound::Inclusive(value + t)),
        Qualifier::Nearly => (Bound::Inclusive(value - t), Bound::Inclusive(value)),
        Qualifier::AtLeast => (Bound::Inclusive(value - t), Bound::Open),
        Qualifier::MoreThan if t > 0.0 => (Bound::Inclusive(value - t), Bound::Open),
        Qualifier::MoreThan => (Bound::Exclusive(value), Bound::Open),
        Qualifier::FewerThan if t > 0.0 => (Bound::Open, Bound::Inclusive(value + t)),
        Qualifier::FewerThan => (Bound::Open, Bound::Exclusive(value)),
        Qualifier::UpTo => (Bound::Open, Bound::Inclusive(value + t)),
    };
    Interval { low, high }
}

/// How the tolerance was arrived at, in words: "about: ±10% (±250)".
pub fn describe_tolerance(value: f64, qualifier: Qualifier, tolerance: Option<Tolerance>) -> String {
    let t = spread(value, qualifier, tolerance);
    let how = match tolerance {
        Some(Tolerance::Absolute(a)) => format!("explicit ±{}", number(a)),
        Some(Tolerance::Relative(r)) => format!("explicit ±{}% (±{})", number(r * 100.0), number(t)),
        None if t > 0.0 => {
            format!("±{}% (±{})", number(qualifier.default_relative_tolerance() * 100.0), number(t))
        }
        None => "±0".to_owned(),
    };
    format!("{qualifier}: {how}")
}

/// A value as written: "about 2500 troops".
pub fn describe(value: f64, unit: &str, qualifier: Qualifier) -> String {
    let q = match qualifier {
        Qualifier::Exact => String::new(),
        other => format!("{} ", other.name().replace('-', " ")),
    };
    format!("{q}{} {unit}", number(value))
}

/// Half a unit of the last digit a figure is printed with, in plain units:
/// "4.70" implies ±0.005, "12.35 million" ±0.005 million, a rate printed
/// whole ("4%") ±0.5. A plain integer count implies nothing: it is exact.
pub fn implied_precision(p: &Printed) -> f64 {
    if p.decimals == 0 && p.scale.is_units() && !crate::model::is_rate_unit(&p.unit) {
        0.0
    } else {
        0.5 * 10f64.powi(-i32::from(p.decimals)) * p.scale.factor()
    }
}

/// A tolerance in the claim's printed scale, in plain units.
fn scaled_tolerance(p: &Printed) -> Option<Tolerance> {
    p.tolerance.map(|t| match t {
        Tolerance::Absolute(a) => Tolerance::Absolute(a * p.scale.factor()),
        Tolerance::Relative(r) => Tolerance::Relative(r),
    })
}

/// Whether the printed precision widens the qualifier's tolerance: only
/// for `exact` and `about` figures without an explicit tolerance.
fn uses_implied(p: &Printed) -> bool {
    p.tolerance.is_none() && implied_precision(p) > 0.0 && matches!(p.qualifier, Qualifier::Exact | Qualifier::About)
}

/// The interval a printed figure allows, in plain units: its qualifier's,
/// widened to the precision its printing implies unless a tolerance is
/// given.
pub fn printed_interval(p: &Printed) -> Interval {
    let value = series::clean(p.value * p.scale.factor());
    if uses_implied(p) {
        let t = spread(value, p.qualifier, None).max(implied_precision(p));
        return Interval { low: Bound::Inclusive(value - t), high: Bound::Inclusive(value + t) };
    }
    claimed_interval(value, p.qualifier, scaled_tolerance(p))
}

/// How a printed figure's tolerance was arrived at: "exact: ±0.005 million
/// as printed (±5000)".
pub fn describe_printed_tolerance(p: &Printed) -> String {
    let value = p.value * p.scale.factor();
    if !uses_implied(p) {
        return describe_tolerance(value, p.qualifier, scaled_tolerance(p));
    }
    let implied = implied_precision(p);
    let qualifier_spread = spread(value, p.qualifier, None);
    if qualifier_spread > implied {
        return describe_tolerance(value, p.qualifier, None);
    }
    let in_scale = implied / p.scale.factor();
    let scale = if p.scale.is_units() { String::new() } else { format!(" {}", p.scale.name()) };
    let plain = if p.scale.is_units() { String::new() } else { format!(" (±{})", number(implied)) };
    format!("{}: ±{}{scale} as printed{plain}", p.qualifier, number(in_scale))
}

/// A printed figure as written: "about 12.35 million people", "4.70 percent".
pub fn describe_printed(p: &Printed) -> String {
    let q = match p.qualifier {
        Qualifier::Exact => String::new(),
        other => format!("{} ", other.name().replace('-', " ")),
    };
    let value = if p.decimals == 0 { number(p.value) } else { format!("{:.*}", usize::from(p.decimals), p.value) };
    let scale = if p.scale.is_units() { String::new() } else { format!(" {}", p.scale.name()) };
    format!("{q}{value}{scale} {}", p.unit)
}

fn intersection(facts: &[&Fact]) -> Option<Interval> {
    let mut intervals = facts.iter().filter_map(|f| fact_interval(f).map(|(i, _)| i));
    let first = intervals.next()?;
    Some(intervals.fold(first, Interval::intersect))
}

fn agree(facts: &[&Fact]) -> bool {
    intersection(facts).is_none_or(|i| !i.is_empty())
}

/// Checks a quantity claim.
pub fn check(claim: &QuantityAssertion, cx: &Context<'_>) -> Outcome {
    let period = match series::period_of(cx, claim.period.as_ref()) {
        Ok(period) => period,
        Err(outcome) => return outcome,
    };
    let printed = claim.printed();
    let claimed = printed_interval(&printed);
    if !claim.parts.is_empty() {
        return computed(claim, &printed, claimed, period, cx);
    }
    let all = cx.facts_about(&claim.subject, &claim.measure);
    let selected = select::select(&all, cx.as_of);
    let (numbers, others): (Vec<&Fact>, Vec<&Fact>) =
        selected.settled.into_iter().partition(|f| matches!(f.value, FactValue::Number { .. }));
    let others: Vec<&Fact> = others.into_iter().filter(|f| !matches!(f.value, FactValue::Record { .. })).collect();
    if numbers.is_empty() {
        let mut outcome = no_settled_fact(&claim.subject, &claim.measure, &all, &selected.unsettled);
        if let Some(other) = others.first() {
            outcome
                .discrepancies
                .push(Discrepancy::Unit { claimed: claim.unit.clone(), reference: describe_value(other) });
        }
        return misleading_or(outcome, alternative(claim, claimed, period, cx));
    }
    let numbers = match series::for_period(numbers, period) {
        Ok(numbers) => numbers,
        Err(known) => {
            let outcome = match period {
                Some(p) => series::no_observation(&claim.subject, &claim.measure, p, &known),
                None => Outcome::new(VerdictKind::Unverifiable),
            };
            return misleading_or(outcome, alternative(claim, claimed, period, cx));
        }
    };
    let unit = unit_key(&claim.unit);
    let (same_unit, other_unit): (Vec<&Fact>, Vec<&Fact>) =
        numbers.into_iter().partition(|f| fact_interval(f).is_some_and(|(_, u)| unit_key(u) == unit));
    if same_unit.is_empty() {
        let reference =
            other_unit.first().and_then(|f| fact_interval(f)).map(|(_, u)| u.to_owned()).unwrap_or_default();
        return Outcome::new(VerdictKind::Unverifiable)
            .with(Discrepancy::Unit { claimed: claim.unit.clone(), reference })
            .using(other_unit);
    }
    let (used, overruled) = match select::resolve(same_unit, cx.reference, agree) {
        Resolution::Agreed { used, overruled } => (used, overruled),
        Resolution::Conflict(facts) => return conflicting(facts),
    };
    let Some(reference) = intersection(&used) else {
        return Outcome::new(VerdictKind::Unverifiable);
    };
    let outcome = if claimed.covers(reference) {
        Outcome::new(VerdictKind::Supported)
    } else if claimed.intersect(reference).is_empty() {
        let value = value_discrepancy(claim, &printed, claimed, reference);
        misleading_or(Outcome::new(VerdictKind::Contradicted).with(value), alternative(claim, claimed, period, cx))
    } else {
        Outcome::new(VerdictKind::Unverifiable).with(Discrepancy::Imprecise {
            measure: claim.measure.clone(),
            claimed_range: claimed.to_string(),
            reference_range: reference.to_string(),
        })
    };
    settled(outcome, used, &overruled)
}

/// A claimed level computed from parts ("the average of the three core
/// measures"): the computation decides.
fn computed(
    claim: &QuantityAssertion,
    printed: &Printed,
    claimed: Interval,
    period: Option<crate::date::DateWindow>,
    cx: &Context<'_>,
) -> Outcome {
    let value = match series::value_of(cx, &claim.series(), period) {
        Ok(value) => value,
        Err(outcome) => return outcome,
    };
    if unit_key(&value.unit) != unit_key(&claim.unit) {
        return Outcome::new(VerdictKind::Unverifiable)
            .with(Discrepancy::Unit { claimed: claim.unit.clone(), reference: value.unit.clone() })
            .using(value.facts);
    }
    let fits = claimed.covers(Interval { low: Bound::Inclusive(value.value), high: Bound::Inclusive(value.value) });
    let aggregate = match claim.aggregate.unwrap_or_default() {
        crate::model::Aggregate::Sum => "sum",
        crate::model::Aggregate::Mean => "mean",
    };
    let discrepancy = Discrepancy::Computed {
        figure: format!("{aggregate} of {}", claim.parts.iter().map(Term::as_str).collect::<Vec<_>>().join(", ")),
        claimed: describe_printed(printed),
        claimed_range: format!("{claimed} {}", claim.unit),
        observations: value.observations.clone(),
        arithmetic: value.arithmetic.clone().unwrap_or_default(),
        result: format!("{} {}", number(value.value), value.unit),
        tolerance: describe_printed_tolerance(printed),
    };
    let verdict = if fits { VerdictKind::Supported } else { VerdictKind::Contradicted };
    settled(Outcome::new(verdict).because(discrepancy), value.facts, &value.overruled)
}

/// The figure outside what the claim allows, and by how much.
fn value_discrepancy(
    claim: &QuantityAssertion,
    printed: &Printed,
    claimed: Interval,
    reference: Interval,
) -> Discrepancy {
    let value = claim.value * claim.scale.factor();
    let nominal = reference.point().or_else(|| reference.nearest(value)).unwrap_or(value);
    let difference = nominal - value;
    let relative_difference = (value != 0.0).then(|| round3(difference / value));
    Discrepancy::Value {
        measure: claim.measure.clone(),
        claimed: describe_printed(printed),
        claimed_range: claimed.to_string(),
        reference: format!("{reference} {}", claim.unit),
        difference: (difference * 10_000.0).round() / 10_000.0,
        relative_difference,
        tolerance: describe_printed_tolerance(printed),
    }
}

/// Whether a fact's figure is one the claim allows: same unit, same period
/// (when both have one), inside the claimed interval.
fn fits(fact: &Fact, claimed: Interval, unit: &str, period: Option<crate::date::DateWindow>) -> bool {
    series::period_fits(fact, period)
        && fact_interval(fact).is_some_and(|(interval, u)| unit_key(u) == unit && claimed.covers(interval))
}

/// The right figure with the wrong scope: the first fact that fits the
/// claim among another measure of the subject, a part of the subject (an
/// overstated coverage), another part of a whole the subject belongs to,
/// and another period of the same series that overlaps or adjoins the
/// claimed one.
fn alternative<'a>(
    claim: &QuantityAssertion,
    claimed: Interval,
    period: Option<crate::date::DateWindow>,
    cx: &Context<'a>,
) -> Option<(Discrepancy, &'a Fact)> {
    let unit = unit_key(&claim.unit);
    let fit = |f: &Fact| fits(f, claimed, &unit, period);
    if let Some(fact) = other_measure(cx, &claim.subject, &claim.measure, fit) {
        let scope = Discrepancy::Scope {
            claimed_measure: claim.measure.clone(),
            matching_measure: fact.property.clone(),
            fact: fact.id.clone(),
            value: describe_value(fact),
        };
        return Some((scope, fact));
    }
    let parts = cx.reference.parts_of(&claim.subject).into_iter().map(|t| (t.clone(), BreakdownRelation::Part));
    let siblings = cx.reference.wholes_of(&claim.subject).iter().flat_map(|whole| {
        cx.reference
            .parts_of(whole)
            .into_iter()
            .filter(|t| **t != claim.subject)
            .map(|t| (t.clone(), BreakdownRelation::Sibling))
            .collect::<Vec<_>>()
    });
    for (subject, relation) in parts.chain(siblings) {
        let facts = cx.facts_about(&subject, &claim.measure);
        if let Some(fact) = select::valid_at(&facts, cx.as_of).into_iter().find(|f| fit(f)) {
            let breakdown = Discrepancy::Breakdown {
                claimed_subject: claim.subject.clone(),
                matching_subject: subject,
                relation,
                fact: fact.id.clone(),
                value: describe_value(fact),
            };
            return Some((breakdown, fact));
        }
    }
    let claimed_period = period?;
    let facts = cx.facts_about(&claim.subject, &claim.measure);
    select::valid_at(&facts, cx.as_of).into_iter().find_map(|f| {
        let reference = f.period?.window();
        let relation = claimed_period.relation(reference);
        let near = relation.is_near() && relation != crate::date::PeriodRelation::Equal;
        (near && fits(f, claimed, &unit, None)).then(|| {
            let discrepancy = Discrepancy::Period {
                claimed: claimed_period,
                reference,
                relation,
                fact: f.id.clone(),
                value: describe_value(f),
            };
            (discrepancy, f)
        })
    })
}

/// `outcome`, unless an alternative fits: then misleading, decided by it.
fn misleading_or(outcome: Outcome, alternative: Option<(Discrepancy, &Fact)>) -> Outcome {
    match alternative {
        Some((discrepancy, fact)) => {
            let mut misleading = Outcome::new(VerdictKind::Misleading).using([fact]);
            misleading.discrepancies = outcome.discrepancies;
            misleading.facts.extend(outcome.facts);
            misleading.because(discrepancy)
        }
        None => outcome,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::testing::*;
    use crate::model::{Assertion, SourceKind, Term, Validity};

    fn claim(value: f64, qualifier: Qualifier) -> Assertion {
        Assertion::Quantity(QuantityAssertion {
            subject: Term::from("troops"),
            measure: Term::from("count"),
            value,
            unit: "troops".into(),
            qualifier,
            tolerance: None,
            period: None,
            scale: crate::model::Scale::Units,
            decimals: 0,
            signed: false,
            parts: Vec::new(),
            aggregate: None,
        })
    }

    fn run(claim_: Assertion, facts: Vec<Fact>) -> crate::model::Verdict {
        let article = article("2024-08-16", vec![super::super::testing::claim("c", claim_)]);
        let reference = reference(vec![source("wire", SourceKind::Wire), source("blog", SourceKind::Secondary)], facts);
        verdict(&article, &reference, "c")
    }

    fn troops(id: &str, value: f64, qualifier: Qualifier) -> Fact {
        fact(id, "troops", "count", num(value, "troops", qualifier), "wire")
    }

    #[test]
    fn about_allows_ten_percent() {
        let v = run(claim(2500.0, Qualifier::About), vec![troops("f", 2600.0, Qualifier::Exact)]);
        assert_eq!(v.verdict, VerdictKind::Supported);
        assert_eq!(v.facts, [crate::model::FactId::from("f")]);
    }

    #[test]
    fn a_number_outside_the_tolerance_is_contradicted_by_how_much() {
        let v = run(claim(2500.0, Qualifier::About), vec![troops("f", 2000.0, Qualifier::Exact)]);
        assert_eq!(v.verdict, VerdictKind::Contradicted);
        let Discrepancy::Value { difference, relative_difference, tolerance, claimed_range, .. } = &v.discrepancies[0]
        else {
            panic!("{:?}", v.discrepancies)
        };
        assert_eq!(*difference, -500.0);
        assert_eq!(*relative_difference, Some(-0.2));
        assert_eq!(tolerance, "about: ±10% (±250)");
        assert_eq!(claimed_range, "2250 to 2750");
    }

    #[test]
    fn no_fact_is_unverifiable() {
        let v = run(claim(5.0, Qualifier::Exact), vec![]);
        assert_eq!(v.verdict, VerdictKind::Unverifiable);
        assert!(matches!(v.discrepancies[0], Discrepancy::NoFact { .. }));
    }

    #[test]
    fn a_bound_that_does_not_settle_is_unverifiable() {
        let v = run(claim(5.0, Qualifier::Exact), vec![troops("f", 5.0, Qualifier::AtLeast)]);
        assert_eq!(v.verdict, VerdictKind::Unverifiable);
        assert!(matches!(v.discrepancies[0], Discrepancy::Imprecise { .. }));
    }

    #[test]
    fn agreeing_facts_narrow_each_other() {
        // "At least five" and "seven" agree on seven, which rules out five.
        let facts = vec![troops("a", 5.0, Qualifier::AtLeast), troops("b", 7.0, Qualifier::Exact)];
        let v = run(claim(5.0, Qualifier::Exact), facts);
        assert_eq!(v.verdict, VerdictKind::Contradicted);
    }

    #[test]
    fn the_right_figure_for_another_measure_is_misleading() {
        let facts = vec![
            troops("total", 7.0, Qualifier::Exact),
            fact("members", "troops", "service-members", num(5.0, "troops", Qualifier::Exact), "wire"),
        ];
        let v = run(claim(5.0, Qualifier::Exact), facts);
        assert_eq!(v.verdict, VerdictKind::Misleading);
        assert!(
            matches!(&v.discrepancies[0], Discrepancy::Scope { matching_measure, .. } if matching_measure.as_str() == "service-members"),
            "the other measure decided the verdict, so it comes first: {:?}",
            v.discrepancies
        );
    }

    #[test]
    fn equal_sources_that_disagree_conflict_and_rank_breaks_ties() {
        let facts = vec![troops("a", 2000.0, Qualifier::Exact), troops("b", 2500.0, Qualifier::Exact)];
        assert_eq!(run(claim(2500.0, Qualifier::Exact), facts).verdict, VerdictKind::Conflicting);
        let mut blog = troops("blog-says", 2000.0, Qualifier::Exact);
        blog.sources = [crate::model::SourceId::from("blog")].into();
        let v = run(claim(2500.0, Qualifier::Exact), vec![blog, troops("wire-says", 2500.0, Qualifier::Exact)]);
        assert_eq!(v.verdict, VerdictKind::Supported);
        assert!(matches!(&v.discrepancies[0], Discrepancy::Overruled { fact, .. } if fact.as_str() == "blog-says"));
    }

    #[test]
    fn facts_outside_their_period_do_not_count() {
        let mut old = troops("old", 2500.0, Qualifier::Exact);
        old.validity = Validity::Period { from: None, to: Some("2020".parse().unwrap()) };
        let v = run(claim(2500.0, Qualifier::Exact), vec![old]);
        assert_eq!(v.verdict, VerdictKind::Unverifiable);
        assert!(matches!(v.discrepancies[0], Discrepancy::NotValid { .. }));
    }

    fn millions(value: f64, decimals: u8, tolerance: Option<Tolerance>) -> Assertion {
        Assertion::Quantity(QuantityAssertion {
            subject: Term::from("region"),
            measure: Term::from("population"),
            value,
            unit: "people".into(),
            qualifier: Qualifier::Exact,
            tolerance,
            period: None,
            scale: crate::model::Scale::Million,
            decimals,
            signed: false,
            parts: Vec::new(),
            aggregate: None,
        })
    }

    fn population(value: f64) -> Fact {
        fact("pop", "region", "population", num(value, "people", Qualifier::Exact), "wire")
    }

    #[test]
    fn a_figure_in_millions_allows_its_printed_precision() {
        // "12.35 million" stands for 12,345,000 to 12,355,000.
        assert_eq!(run(millions(12.35, 2, None), vec![population(12_347_000.0)]).verdict, VerdictKind::Supported);
        let v = run(millions(12.35, 2, None), vec![population(12_356_000.0)]);
        assert_eq!(v.verdict, VerdictKind::Contradicted);
        let Discrepancy::Value { claimed, claimed_range, tolerance, .. } = &v.discrepancies[0] else {
            panic!("{:?}", v.discrepancies)
        };
        assert_eq!(claimed, "12.35 million people");
        assert_eq!(claimed_range, "12345000 to 12355000");
        assert_eq!(tolerance, "exact: ±0.005 million as printed (±5000)");
        // A stated tolerance, in the printed scale, replaces the printed precision.
        let tight = run(millions(12.35, 2, Some(Tolerance::Absolute(0.001))), vec![population(12_347_000.0)]);
        assert_eq!(tight.verdict, VerdictKind::Contradicted);
    }

    #[test]
    fn printed_precision_follows_the_digits_and_the_unit() {
        let printed = |value: f64, decimals: u8, unit: &str| Printed {
            value,
            unit: unit.into(),
            scale: crate::model::Scale::Units,
            decimals,
            qualifier: Qualifier::Exact,
            tolerance: None,
        };
        assert_eq!(implied_precision(&printed(48_310.0, 0, "pupils")), 0.0, "a count is exact");
        assert_eq!(implied_precision(&printed(4.0, 0, "%")), 0.5, "a rate printed whole");
        assert!((implied_precision(&printed(4.7, 2, "percent")) - 0.005).abs() < 1e-12);
        assert_eq!(printed_interval(&printed(4.7, 2, "percent")).to_string(), "4.695 to 4.705");
    }

    #[test]
    fn intervals_from_qualifiers() {
        assert_eq!(claimed_interval(3.0, Qualifier::AtLeast, None).to_string(), "3 or more");
        assert_eq!(claimed_interval(3.0, Qualifier::MoreThan, None).to_string(), "more than 3");
        assert_eq!(claimed_interval(3.0, Qualifier::FewerThan, None).to_string(), "less than 3");
        assert_eq!(claimed_interval(100.0, Qualifier::Nearly, None).to_string(), "90 to 100");
        assert_eq!(claimed_interval(100.0, Qualifier::Exact, Some(Tolerance::Absolute(2.0))).to_string(), "98 to 102");
        assert!(
            claimed_interval(3.0, Qualifier::MoreThan, None)
                .intersect(claimed_interval(3.0, Qualifier::Exact, None))
                .is_empty()
        );
    }
}
