//! Observations of statistical series: the figure a subject's measure has
//! for a period, as known at the as-of date, and the figures derived from
//! such observations (a sum or mean of parts, a change from the period
//! before).
//!
//! A fact is an observation when it has a `period`; among the facts about
//! one subject and measure that hold at the as-of date ([`super::select`]
//! keeps the latest vintage of each period), those for the claimed period
//! answer. A claim that names no period reads the latest period. Facts
//! without a period answer any claim, as before periods existed. Numbers are
//! compared in plain units: a fact's `scale` is applied to its value.
//!
//! Derived figures are computed from the published values as printed,
//! taken as exact: a change between two figures published to one decimal is
//! the difference of those figures. Only the claim's own precision (and
//! tolerance) is applied to the result.

use jiff::civil::Date;

use crate::date::{DateExpr, DateWindow};
use crate::model::{
    Aggregate, Anchor, Discrepancy, Fact, FactValue, Figure, Qualifier, Series, Term, VerdictKind, unit_key,
};

use super::quantity::{Interval, claimed_interval, number};
use super::select::{self, Resolution};
use super::{Context, Outcome, conflicting, no_settled_fact};

/// Rounds away the last bits of floating-point noise, so that 4.4 − 4.3
/// reads 0.1.
pub fn clean(x: f64) -> f64 {
    let rounded = (x * 1e9).round() / 1e9;
    if rounded == 0.0 { 0.0 } else { rounded }
}

/// The window a claim's period means, counted from the article's date.
pub fn period_of(cx: &Context<'_>, expr: Option<&DateExpr>) -> Result<Option<DateWindow>, Outcome> {
    match expr {
        None => Ok(None),
        Some(expr) => {
            cx.resolve_date(expr, &Anchor::Article).map(Some).ok_or_else(|| Outcome::new(VerdictKind::Unverifiable))
        }
    }
}

/// A fact's number in plain units, with its unit and hedge.
pub fn scaled(fact: &Fact) -> Option<(f64, &str, Qualifier)> {
    match &fact.value {
        FactValue::Number { value, unit, qualifier } => {
            Some((clean(value * fact.scale.factor()), unit.as_str(), *qualifier))
        }
        _ => None,
    }
}

/// The numbers a fact allows, in plain units, with its unit.
pub fn fact_interval(fact: &Fact) -> Option<(Interval, &str)> {
    scaled(fact).map(|(value, unit, qualifier)| (claimed_interval(value, qualifier, None), unit))
}

/// Whether a fact's period can answer a claim about `period`.
pub fn period_fits(fact: &Fact, period: Option<DateWindow>) -> bool {
    match (fact.period, period) {
        (Some(p), Some(claimed)) => p.window() == claimed,
        _ => true,
    }
}

/// The facts among `numbers` that answer a claim about `period`: those for
/// that period (and those without one); for no period, those of the latest
/// period. `Err` holds the periods known instead, nearest first.
pub fn for_period(numbers: Vec<&Fact>, period: Option<DateWindow>) -> Result<Vec<&Fact>, Vec<DateWindow>> {
    let latest = numbers.iter().filter_map(|f| f.period.map(|p| p.window())).max_by_key(|w| (w.last(), w.first()));
    let wanted = period.or(latest);
    let chosen: Vec<&Fact> = numbers.iter().copied().filter(|f| period_fits(f, wanted)).collect();
    if !chosen.is_empty() {
        return Ok(chosen);
    }
    let mut known: Vec<DateWindow> = numbers.iter().filter_map(|f| f.period.map(|p| p.window())).collect();
    known.sort_by_key(|w| w.key());
    known.dedup();
    if let Some(claimed) = period {
        known.sort_by_key(|w| distance(claimed, *w));
    }
    Err(known)
}

/// Days between the middles of two windows, for "nearest period".
fn distance(a: DateWindow, b: DateWindow) -> i64 {
    let middle = |w: DateWindow| crate::date::days_between(Date::constant(2000, 1, 1), w.first()) * 2 + w.days();
    (middle(a) - middle(b)).abs()
}

/// Why no observation answers: the outcome an unanswered claim gets.
pub fn no_observation(subject: &Term, measure: &Term, period: DateWindow, known: &[DateWindow]) -> Outcome {
    Outcome::new(VerdictKind::Unverifiable).with(Discrepancy::NoObservation {
        subject: subject.clone(),
        measure: measure.clone(),
        period,
        known: known.iter().take(3).map(ToString::to_string).collect(),
    })
}

/// The settled numeric facts about `subject` and `measure` that answer a
/// claim about `period` at the as-of date, or the outcome saying why none
/// does.
pub fn candidates<'a>(
    cx: &Context<'a>,
    subject: &Term,
    measure: &Term,
    period: Option<DateWindow>,
) -> Result<Vec<&'a Fact>, Outcome> {
    let all = cx.facts_about(subject, measure);
    let selected = select::select(&all, cx.as_of);
    let numbers: Vec<&Fact> = selected.settled.into_iter().filter(|f| scaled(f).is_some()).collect();
    if numbers.is_empty() {
        return Err(no_settled_fact(subject, measure, &all, &selected.unsettled));
    }
    for_period(numbers, period).map_err(|known| match period {
        Some(p) => no_observation(subject, measure, p, &known),
        None => Outcome::new(VerdictKind::Unverifiable),
    })
}

/// One figure read from the reference: a single observation, or several
/// combined.
#[derive(Clone, Debug)]
pub struct Value<'a> {
    /// The number, in plain units.
    pub value: f64,
    /// Its unit, as the facts write it.
    pub unit: String,
    /// The facts it rests on.
    pub facts: Vec<&'a Fact>,
    /// Lower-ranked facts set aside.
    pub overruled: Vec<&'a Fact>,
    /// Each observation used, in a line.
    pub observations: Vec<String>,
    /// How it was computed from the observations, if it was.
    pub arithmetic: Option<String>,
}

/// An observation in a line: "fact-id: subject measure 2023-04 = 4.4 percent (published 2023-05-16)".
pub fn describe_observation(fact: &Fact) -> String {
    let period = fact.period.map(|p| format!(" {p}")).unwrap_or_default();
    let value = match scaled(fact) {
        Some((v, unit, _)) => format!("{} {unit}", number(v)),
        None => super::describe_value(fact),
    };
    let vintage = match &fact.validity {
        crate::model::Validity::Published(at) => format!(" (published {at})"),
        crate::model::Validity::AsOf(at) => format!(" (as of {at})"),
        _ => String::new(),
    };
    format!("{}: {} {}{period} = {value}{vintage}", fact.id, fact.subject, fact.property)
}

/// Whether facts agree on one number: their intervals meet and their units are one.
fn agree(facts: &[&Fact]) -> bool {
    let units: std::collections::BTreeSet<String> =
        facts.iter().filter_map(|f| scaled(f).map(|(_, u, _)| unit_key(u))).collect();
    let mut intervals = facts.iter().filter_map(|f| fact_interval(f).map(|(i, _)| i));
    let Some(first) = intervals.next() else { return true };
    units.len() <= 1 && !intervals.fold(first, Interval::intersect).is_empty()
}

/// The observation of `subject`'s `measure` for `period`: one exact figure,
/// or the outcome saying why there is none.
pub fn observe<'a>(
    cx: &Context<'a>,
    subject: &Term,
    measure: &Term,
    period: Option<DateWindow>,
) -> Result<Value<'a>, Outcome> {
    let facts = candidates(cx, subject, measure, period)?;
    let (used, overruled) = match select::resolve(facts, cx.reference, agree) {
        Resolution::Agreed { used, overruled } => (used, overruled),
        Resolution::Conflict(facts) => return Err(conflicting(facts)),
    };
    let mut intervals = used.iter().filter_map(|f| fact_interval(f));
    let Some((first, unit)) = intervals.next() else { return Err(Outcome::new(VerdictKind::Unverifiable)) };
    let interval = intervals.fold(first, |acc, (i, _)| acc.intersect(i));
    let Some(value) = interval.point() else {
        return Err(Outcome::new(VerdictKind::Unverifiable).with(Discrepancy::Imprecise {
            measure: measure.clone(),
            claimed_range: "one figure, to compute with".to_owned(),
            reference_range: format!("{interval} {unit}"),
        }));
    };
    Ok(Value {
        value,
        unit: unit.to_owned(),
        observations: used.iter().map(|f| describe_observation(f)).collect(),
        facts: used,
        overruled,
        arithmetic: None,
    })
}

/// The figure of `series` for `period`: the subject's own observation, or
/// with `parts` their sum or mean.
pub fn value_of<'a>(cx: &Context<'a>, series: &Series, period: Option<DateWindow>) -> Result<Value<'a>, Outcome> {
    value_with(cx, &series.subject, &series.parts, series.aggregate, &series.measure, period)
}

/// [`value_of`] for a subject (or parts) and measure given apart.
pub fn value_with<'a>(
    cx: &Context<'a>,
    subject: &Term,
    parts: &[Term],
    aggregate: Option<Aggregate>,
    measure: &Term,
    period: Option<DateWindow>,
) -> Result<Value<'a>, Outcome> {
    if parts.is_empty() {
        return observe(cx, subject, measure, period);
    }
    let values = parts.iter().map(|p| observe(cx, p, measure, period)).collect::<Result<Vec<_>, _>>()?;
    let units: std::collections::BTreeSet<String> = values.iter().map(|v| unit_key(&v.unit)).collect();
    if units.len() > 1 {
        let mut units = values.iter().map(|v| v.unit.clone());
        let claimed = units.next().unwrap_or_default();
        return Err(Outcome::new(VerdictKind::Unverifiable)
            .with(Discrepancy::Unit { claimed, reference: units.next().unwrap_or_default() }));
    }
    let sum: f64 = values.iter().map(|v| v.value).sum();
    let terms = values.iter().map(|v| number(v.value)).collect::<Vec<_>>().join(" + ");
    let (value, arithmetic) = match aggregate.unwrap_or_default() {
        Aggregate::Sum => (clean(sum), format!("{terms} = {}", number(clean(sum)))),
        Aggregate::Mean => {
            let mean = clean(sum / values.len() as f64);
            (mean, format!("({terms}) / {} = {}", values.len(), number(mean)))
        }
    };
    Ok(Value {
        value,
        unit: values[0].unit.clone(),
        facts: values.iter().flat_map(|v| v.facts.iter().copied()).collect(),
        overruled: values.iter().flat_map(|v| v.overruled.iter().copied()).collect(),
        observations: values.iter().flat_map(|v| v.observations.iter().cloned()).collect(),
        arithmetic: Some(arithmetic),
    })
}

/// The `figure` of `series` for `period`: its level, or its change from
/// the period before of the same length.
pub fn figure_at<'a>(
    cx: &Context<'a>,
    series: &Series,
    subject: &Term,
    measure: &Term,
    period: DateWindow,
    figure: Figure,
) -> Result<Value<'a>, Outcome> {
    let now = value_with(
        cx,
        subject,
        if subject == &series.subject { &series.parts } else { &[] },
        series.aggregate,
        measure,
        Some(period),
    )?;
    if figure == Figure::Level {
        return Ok(now);
    }
    let Some(before_period) = period.shift(-1) else { return Err(Outcome::new(VerdictKind::Unverifiable)) };
    let before = value_with(
        cx,
        subject,
        if subject == &series.subject { &series.parts } else { &[] },
        series.aggregate,
        measure,
        Some(before_period),
    )?;
    change(&before, &now, figure).map_err(|d| Outcome::new(VerdictKind::Unverifiable).with(*d))
}

/// A number subtracted from another, in brackets when below zero: `5 - (-3)`.
fn operand(x: f64) -> String {
    if x < 0.0 { format!("({})", number(x)) } else { number(x) }
}

/// The change from `before` to `after` as `figure` says: in their unit, in
/// percent, or in percentage points (which needs figures in percent).
pub fn change<'a>(before: &Value<'a>, after: &Value<'a>, figure: Figure) -> Result<Value<'a>, Box<Discrepancy>> {
    if unit_key(&before.unit) != unit_key(&after.unit) {
        return Err(Box::new(Discrepancy::Unit { claimed: before.unit.clone(), reference: after.unit.clone() }));
    }
    let (b, a) = (before.value, after.value);
    let (value, unit, arithmetic) = match figure {
        Figure::Level => (a, after.unit.clone(), number(a)),
        Figure::Change => {
            // The difference of two rates is in points, not in percent of anything.
            let unit =
                if unit_key(&after.unit) == "percent" { "percentage-points".to_owned() } else { after.unit.clone() };
            (clean(a - b), unit, format!("{} - {} = {}", number(a), operand(b), number(clean(a - b))))
        }
        Figure::PointsChange => {
            if unit_key(&after.unit) != "percent" {
                return Err(Box::new(Discrepancy::Unit {
                    claimed: "percentage-points".to_owned(),
                    reference: after.unit.clone(),
                }));
            }
            (
                clean(a - b),
                "percentage-points".to_owned(),
                format!("{} - {} = {}", number(a), operand(b), number(clean(a - b))),
            )
        }
        Figure::PercentChange => {
            if b == 0.0 {
                return Err(Box::new(Discrepancy::Unit {
                    claimed: "percent".to_owned(),
                    reference: format!("{} from 0", after.unit),
                }));
            }
            let pct = clean((a - b) / b.abs() * 100.0);
            (
                pct,
                "percent".to_owned(),
                format!("({} - {}) / {} × 100 = {}", number(a), operand(b), number(b.abs()), number(pct)),
            )
        }
    };
    let arithmetic = match (&before.arithmetic, &after.arithmetic) {
        (None, None) => arithmetic,
        (x, y) => {
            let parts: Vec<&str> = [x.as_deref(), y.as_deref()].into_iter().flatten().collect();
            format!("{}; {arithmetic}", parts.join("; "))
        }
    };
    Ok(Value {
        value,
        unit,
        facts: before.facts.iter().chain(&after.facts).copied().collect(),
        overruled: before.overruled.iter().chain(&after.overruled).copied().collect(),
        observations: before.observations.iter().chain(&after.observations).cloned().collect(),
        arithmetic: Some(arithmetic),
    })
}
