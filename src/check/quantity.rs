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

use crate::model::{Discrepancy, Fact, FactValue, Qualifier, QuantityAssertion, Tolerance, VerdictKind};

use super::select::{self, Resolution};
use super::{
    Context, Outcome, conflicting, contradicted_or_scope, describe_value, no_settled_fact, other_measure, round3,
    settled,
};

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

fn fact_interval(fact: &Fact) -> Option<(Interval, &str)> {
    match &fact.value {
        FactValue::Number { value, unit, qualifier } => Some((claimed_interval(*value, *qualifier, None), unit)),
        _ => None,
    }
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
    let all = cx.facts_about(&claim.subject, &claim.measure);
    let selected = select::select(&all, cx.as_of);
    let (numbers, others): (Vec<&Fact>, Vec<&Fact>) =
        selected.settled.into_iter().partition(|f| matches!(f.value, FactValue::Number { .. }));
    if numbers.is_empty() {
        let mut outcome = no_settled_fact(&claim.subject, &claim.measure, &all, &selected.unsettled);
        if let Some(other) = others.first() {
            outcome
                .discrepancies
                .push(Discrepancy::Unit { claimed: claim.unit.clone(), reference: describe_value(other) });
        }
        return outcome;
    }
    let (same_unit, other_unit): (Vec<&Fact>, Vec<&Fact>) =
        numbers.into_iter().partition(|f| fact_interval(f).is_some_and(|(_, u)| u == claim.unit));
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
    let claimed = claimed_interval(claim.value, claim.qualifier, claim.tolerance);
    let Some(reference) = intersection(&used) else {
        return Outcome::new(VerdictKind::Unverifiable);
    };
    let outcome = if claimed.covers(reference) {
        Outcome::new(VerdictKind::Supported)
    } else if claimed.intersect(reference).is_empty() {
        contradicted(claim, claimed, reference, cx)
    } else {
        Outcome::new(VerdictKind::Unverifiable).with(Discrepancy::Imprecise {
            measure: claim.measure.clone(),
            claimed_range: claimed.to_string(),
            reference_range: reference.to_string(),
        })
    };
    settled(outcome, used, &overruled)
}

fn contradicted(claim: &QuantityAssertion, claimed: Interval, reference: Interval, cx: &Context<'_>) -> Outcome {
    let nominal = reference.point().or_else(|| reference.nearest(claim.value)).unwrap_or(claim.value);
    let difference = nominal - claim.value;
    let relative_difference = (claim.value != 0.0).then(|| round3(difference / claim.value));
    let value = Discrepancy::Value {
        measure: claim.measure.clone(),
        claimed: describe(claim.value, &claim.unit, claim.qualifier),
        claimed_range: claimed.to_string(),
        reference: format!("{reference} {}", claim.unit),
        difference: (difference * 10_000.0).round() / 10_000.0,
        relative_difference,
        tolerance: describe_tolerance(claim.value, claim.qualifier, claim.tolerance),
    };
    let scope = other_measure(cx, &claim.subject, &claim.measure, |f| {
        fact_interval(f).is_some_and(|(interval, unit)| unit == claim.unit && claimed.covers(interval))
    });
    contradicted_or_scope(value, &claim.measure, scope)
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
        blog.sources = vec![crate::model::SourceId::from("blog")];
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
