//! Derived statistical claims: a change between two periods (with its
//! direction), a ratio, a share, a rank in a breakdown, a record over a
//! series, and a comparison of two figures. Each computes its figure from
//! the observations [`super::series`] reads and shows the computation in a
//! [`Discrepancy::Computed`]: the observations used, the arithmetic, and
//! what the claim allows.
//!
//! Directions: `rose` and `fell` need a change above or below zero;
//! `unchanged` none at all, as published; `edged-up`, `edged-down` and
//! `little-changed` a small one: at most 0.2 percentage points for a figure
//! in percent, otherwise at most 1% of the earlier figure (an explicit
//! `tolerance` sets the size instead). A rise claimed for a fall is
//! contradicted; "edged up" for a large rise is misleading (the direction
//! is right, the size is not); "little changed" for a large move is
//! contradicted.

use std::collections::BTreeMap;

use crate::date::DateWindow;
use crate::model::{
    ChangeAssertion, ComparisonAssertion, Direction, Discrepancy, Fact, FactValue, Figure, FigureRelation, Order,
    Printed, RankAssertion, RatioAssertion, RecordAssertion, RecordKind, Series, ShareAssertion, Term, Tolerance,
    VerdictKind, unit_key,
};

use super::quantity::{Bound, Interval, describe_printed, describe_printed_tolerance, number, printed_interval};
use super::select;
use super::series::{self, Value, clean, period_of};
use super::{Context, Outcome, describe_value, settled};

/// How small a change "edged" and "little changed" allow, for a figure in
/// percent: in percentage points.
pub const SMALL_POINTS: f64 = 0.2;

/// How small a change "edged" and "little changed" allow, for any other
/// figure: as a share of the earlier figure.
pub const SMALL_SHARE: f64 = 0.01;

/// Reads a claim's period, which these claims require.
fn required_period(cx: &Context<'_>, series: &Series) -> Result<DateWindow, Outcome> {
    period_of(cx, series.period.as_ref())?.ok_or_else(|| Outcome::new(VerdictKind::Unverifiable))
}

/// A point interval.
fn point(x: f64) -> Interval {
    Interval { low: Bound::Inclusive(x), high: Bound::Inclusive(x) }
}

fn signed(x: f64) -> String {
    if x > 0.0 { format!("+{}", number(x)) } else { number(x) }
}

/// The computation of `value` against what the claim allows.
fn computed(
    figure: &str,
    claimed: String,
    claimed_range: String,
    value: &Value<'_>,
    result: String,
    tolerance: String,
) -> Discrepancy {
    Discrepancy::Computed {
        figure: figure.to_owned(),
        claimed,
        claimed_range,
        observations: value.observations.clone(),
        arithmetic: value.arithmetic.clone().unwrap_or_else(|| number(value.value)),
        result,
        tolerance,
    }
}

/// The outcome of a computation: `verdict`, decided by `discrepancy`, with
/// the facts the value rests on.
fn decided(verdict: VerdictKind, discrepancy: Discrepancy, value: Value<'_>) -> Outcome {
    settled(Outcome::new(verdict).because(discrepancy), value.facts, &value.overruled)
}

/// The name of a change figure, for reports.
fn figure_name(figure: Figure) -> &'static str {
    match figure {
        Figure::Level => "level",
        Figure::Change => "change",
        Figure::PercentChange => "percent change",
        Figure::PointsChange => "percentage-point change",
    }
}

/// Which change a claimed unit asks for: percent, points, or the figures' own unit.
fn basis(claim_unit: &str) -> Figure {
    match unit_key(claim_unit).as_str() {
        "percent" => Figure::PercentChange,
        "percentage-points" => Figure::PointsChange,
        _ => Figure::Change,
    }
}

/// Checks a change claim: its direction and its size, each computed.
pub fn check_change(claim: &ChangeAssertion, cx: &Context<'_>) -> Outcome {
    let run = || -> Result<Outcome, Outcome> {
        let later = required_period(cx, &claim.series)?;
        let earlier = match period_of(cx, claim.base_period.as_ref())? {
            Some(p) => p,
            None => later.shift(-1).ok_or_else(|| Outcome::new(VerdictKind::Unverifiable))?,
        };
        let before = series::value_of(cx, &claim.series, Some(earlier))?;
        let after = series::value_of(cx, &claim.series, Some(later))?;
        let unit_change = series::change(&before, &after, Figure::Change).map_err(unverifiable)?;
        let mut checks: Vec<(VerdictKind, Vec<Discrepancy>)> = Vec::new();
        if let Some(direction) = claim.direction {
            let (verdict, discrepancy) = direction_check(direction, &before, &unit_change, claim.amount.as_ref());
            checks.push((verdict, vec![discrepancy]));
        }
        let mut facts_value = unit_change.clone();
        if let Some(amount) = &claim.amount {
            let (verdict, discrepancies, value) = amount_check(amount, &before, &after, &unit_change)?;
            checks.push((verdict, discrepancies));
            facts_value = value;
        }
        // The least favourable check decides; the others follow.
        checks.sort_by_key(|(v, _)| super::rollup::LEAST_FAVOURABLE_FIRST.iter().position(|x| x == v));
        let Some(verdict) = checks.first().map(|(v, _)| *v) else {
            return Err(Outcome::new(VerdictKind::Unverifiable));
        };
        let mut outcome = Outcome::new(verdict);
        outcome.discrepancies = checks.into_iter().flat_map(|(_, d)| d).collect();
        Ok(settled(outcome, facts_value.facts, &facts_value.overruled))
    };
    run().unwrap_or_else(|outcome| outcome)
}

fn unverifiable(d: impl Into<Box<Discrepancy>>) -> Outcome {
    Outcome::new(VerdictKind::Unverifiable).with(*d.into())
}

/// How small a change may be to count as "edged" or "little changed".
fn small_size(before: &Value<'_>, amount: Option<&Printed>) -> (f64, String) {
    match amount.and_then(|a| a.tolerance) {
        Some(Tolerance::Absolute(a)) => (a, format!("explicit ±{}", number(a))),
        Some(Tolerance::Relative(r)) => {
            let size = r * before.value.abs();
            (size, format!("explicit ±{}% of the earlier figure (±{})", number(r * 100.0), number(size)))
        }
        None if unit_key(&before.unit) == "percent" => {
            (SMALL_POINTS, format!("small: at most {} percentage points", number(SMALL_POINTS)))
        }
        None => {
            let size = SMALL_SHARE * before.value.abs();
            (size, format!("small: at most {}% of the earlier figure (±{})", number(SMALL_SHARE * 100.0), number(size)))
        }
    }
}

/// The verdict a direction gets against the computed change.
fn direction_check(
    direction: Direction,
    before: &Value<'_>,
    change: &Value<'_>,
    amount: Option<&Printed>,
) -> (VerdictKind, Discrepancy) {
    let delta = change.value;
    let (small, small_words) = small_size(before, amount);
    let unit = &change.unit;
    let went = if delta > 0.0 {
        "rose"
    } else if delta < 0.0 {
        "fell"
    } else {
        "unchanged"
    };
    let (verdict, allows, tolerance) = match direction {
        Direction::Rose => (ok(delta > 0.0), "more than 0".to_owned(), "direction only".to_owned()),
        Direction::Fell => (ok(delta < 0.0), "less than 0".to_owned(), "direction only".to_owned()),
        Direction::Unchanged => (ok(delta == 0.0), "0, as published".to_owned(), "±0".to_owned()),
        Direction::EdgedUp | Direction::EdgedDown => {
            let up = direction == Direction::EdgedUp;
            let right_way = if up { delta > 0.0 } else { delta < 0.0 };
            let verdict = if !right_way {
                VerdictKind::Contradicted
            } else if delta.abs() <= small + 1e-9 {
                VerdictKind::Supported
            } else {
                VerdictKind::Misleading
            };
            let allows = if up {
                format!("more than 0, at most {}", number(small))
            } else {
                format!("less than 0, at least -{}", number(small))
            };
            (verdict, allows, small_words)
        }
        Direction::LittleChanged => {
            (ok(delta.abs() <= small + 1e-9), format!("-{} to {}", number(small), number(small)), small_words)
        }
    };
    let discrepancy = computed(
        figure_name(Figure::Change),
        direction.name().replace('-', " "),
        format!("{allows} {unit}"),
        change,
        format!("{} {unit} ({went})", signed(delta)),
        tolerance,
    );
    (verdict, discrepancy)
}

fn ok(holds: bool) -> VerdictKind {
    if holds { VerdictKind::Supported } else { VerdictKind::Contradicted }
}

/// The verdict a claimed size gets: the change computed on the basis its
/// unit names; a number right on the other basis (percent for points, or
/// points for percent) is misleading.
fn amount_check<'a>(
    amount: &Printed,
    before: &Value<'a>,
    after: &Value<'a>,
    unit_change: &Value<'a>,
) -> Result<(VerdictKind, Vec<Discrepancy>, Value<'a>), Outcome> {
    let figure = basis(&amount.unit);
    if figure == Figure::Change && unit_key(&amount.unit) != unit_key(&before.unit) {
        return Err(unverifiable(Discrepancy::Unit { claimed: amount.unit.clone(), reference: before.unit.clone() }));
    }
    let value = if figure == Figure::Change {
        unit_change.clone()
    } else {
        series::change(before, after, figure).map_err(unverifiable)?
    };
    let claimed = printed_interval(amount);
    let fits = claimed.covers(point(value.value));
    let discrepancy = computed(
        figure_name(figure),
        signed_printed(amount),
        format!("{claimed} {}", amount.unit),
        &value,
        format!("{} {}", signed(value.value), value.unit),
        describe_printed_tolerance(amount),
    );
    if fits {
        return Ok((VerdictKind::Supported, vec![discrepancy], value));
    }
    // The other basis: points for a rate claimed in percent, and back.
    let other = match figure {
        Figure::PercentChange if unit_key(&before.unit) == "percent" => Some(Figure::PointsChange),
        Figure::PointsChange => Some(Figure::PercentChange),
        _ => None,
    };
    if let Some(other) = other
        && let Ok(alt) = series::change(before, after, other)
        && claimed.covers(point(alt.value))
    {
        let basis = Discrepancy::Basis {
            claimed: amount.unit.clone(),
            matching: alt.unit.clone(),
            value: format!("{} {}", signed(alt.value), alt.unit),
        };
        return Ok((VerdictKind::Misleading, vec![basis, discrepancy], value));
    }
    Ok((VerdictKind::Contradicted, vec![discrepancy], value))
}

/// A claimed signed figure: "+0.1 percentage-points", "-4000 people".
fn signed_printed(p: &Printed) -> String {
    let text = describe_printed(p);
    if p.value > 0.0 && !text.starts_with(|c: char| c.is_alphabetic()) { format!("+{text}") } else { text }
}

/// Checks a ratio claim: one figure divided by another.
pub fn check_ratio(claim: &RatioAssertion, cx: &Context<'_>) -> Outcome {
    let run = || -> Result<Outcome, Outcome> {
        let (a, b) =
            two_values(cx, &claim.series, &claim.base_subject, &claim.base_measure, claim.base_period.as_ref())?;
        if unit_key(&a.unit) != unit_key(&b.unit) {
            return Err(unverifiable(Discrepancy::Unit { claimed: a.unit.clone(), reference: b.unit.clone() }));
        }
        if b.value == 0.0 {
            return Err(Outcome::new(VerdictKind::Unverifiable));
        }
        let ratio = clean(a.value / b.value);
        let arithmetic = format!("{} / {} = {}", number(a.value), number(b.value), number(ratio));
        let value = joined(a, b, ratio, "times", arithmetic);
        let claimed = printed_interval(&claim.ratio);
        let discrepancy = computed(
            "ratio",
            format!("{} times", describe_printed(&claim.ratio).trim_end_matches(" times")),
            format!("{claimed} times"),
            &value,
            format!("{} times", number(ratio)),
            describe_printed_tolerance(&claim.ratio),
        );
        Ok(decided(ok(claimed.covers(point(ratio))), discrepancy, value))
    };
    run().unwrap_or_else(|outcome| outcome)
}

/// Two values combined into one computed figure.
fn joined<'a>(a: Value<'a>, b: Value<'a>, value: f64, unit: &str, arithmetic: String) -> Value<'a> {
    let earlier: Vec<String> = [a.arithmetic.clone(), b.arithmetic.clone()].into_iter().flatten().collect();
    let arithmetic = if earlier.is_empty() { arithmetic } else { format!("{}; {arithmetic}", earlier.join("; ")) };
    Value {
        value,
        unit: unit.to_owned(),
        facts: a.facts.into_iter().chain(b.facts).collect(),
        overruled: a.overruled.into_iter().chain(b.overruled).collect(),
        observations: a.observations.into_iter().chain(b.observations).collect(),
        arithmetic: Some(arithmetic),
    }
}

/// The claim's figure and the one it is compared with (another subject,
/// measure or period; the rest as the claim's).
fn two_values<'a>(
    cx: &Context<'a>,
    series: &Series,
    base_subject: &Option<Term>,
    base_measure: &Option<Term>,
    base_period: Option<&crate::date::DateExpr>,
) -> Result<(Value<'a>, Value<'a>), Outcome> {
    let period = period_of(cx, series.period.as_ref())?;
    let base_period = period_of(cx, base_period)?.or(period);
    let a = series::value_of(cx, series, period)?;
    let b = match base_subject {
        Some(subject) => {
            series::value_with(cx, subject, &[], None, base_measure.as_ref().unwrap_or(&series.measure), base_period)?
        }
        None => series::value_with(
            cx,
            &series.subject,
            &series.parts,
            series.aggregate,
            base_measure.as_ref().unwrap_or(&series.measure),
            base_period,
        )?,
    };
    Ok((a, b))
}

/// Checks a share claim: the part (or parts, summed) as a percentage of the total.
pub fn check_share(claim: &ShareAssertion, cx: &Context<'_>) -> Outcome {
    let run = || -> Result<Outcome, Outcome> {
        let period = period_of(cx, claim.series.period.as_ref())?;
        let mut parts_series = claim.series.clone();
        parts_series.aggregate = Some(crate::model::Aggregate::Sum);
        let part = series::value_of(cx, &parts_series, period)?;
        let total = series::value_with(cx, &claim.base_subject, &[], None, &claim.series.measure, period)?;
        if unit_key(&part.unit) != unit_key(&total.unit) {
            return Err(unverifiable(Discrepancy::Unit { claimed: part.unit.clone(), reference: total.unit.clone() }));
        }
        if total.value == 0.0 {
            return Err(Outcome::new(VerdictKind::Unverifiable));
        }
        let share = clean(part.value / total.value * 100.0);
        let arithmetic = format!("{} / {} × 100 = {}", number(part.value), number(total.value), number(share));
        let value = joined(part, total, share, "percent", arithmetic);
        let claimed = printed_interval(&claim.share);
        let discrepancy = computed(
            "share",
            describe_printed(&claim.share),
            format!("{claimed} percent"),
            &value,
            format!("{} percent", number(share)),
            describe_printed_tolerance(&claim.share),
        );
        Ok(decided(ok(claimed.covers(point(share))), discrepancy, value))
    };
    run().unwrap_or_else(|outcome| outcome)
}

/// Checks a rank claim: the subject's place among the breakdown's figures.
pub fn check_rank(claim: &RankAssertion, cx: &Context<'_>) -> Outcome {
    let run = || -> Result<Outcome, Outcome> {
        let period = required_period(cx, &claim.series)?;
        let mut subjects: Vec<&Term> = claim.among.iter().collect();
        if !subjects.contains(&&claim.series.subject) {
            subjects.push(&claim.series.subject);
        }
        let mut values = Vec::new();
        for subject in subjects {
            let value = series::figure_at(cx, &claim.series, subject, &claim.series.measure, period, claim.figure)?;
            values.push((subject, value));
        }
        let units: std::collections::BTreeSet<String> = values.iter().map(|(_, v)| unit_key(&v.unit)).collect();
        if units.len() > 1 {
            return Err(unverifiable(Discrepancy::Unit {
                claimed: values[0].1.unit.clone(),
                reference: values
                    .iter()
                    .map(|(_, v)| v.unit.clone())
                    .find(|u| unit_key(u) != unit_key(&values[0].1.unit))
                    .unwrap_or_default(),
            }));
        }
        let ordered = |a: f64, b: f64| match claim.order {
            Order::Highest => b.total_cmp(&a),
            Order::Lowest => a.total_cmp(&b),
        };
        values.sort_by(|(sa, a), (sb, b)| ordered(a.value, b.value).then_with(|| sa.cmp(sb)));
        let own = values.iter().find(|(s, _)| **s == claim.series.subject).map_or(0.0, |(_, v)| v.value);
        let beaten = values.iter().filter(|(_, v)| ordered(v.value, own) == std::cmp::Ordering::Less).count();
        let rank = u32::try_from(beaten + 1).unwrap_or(u32::MAX);
        let unit = values[0].1.unit.clone();
        let ranking: Vec<String> =
            values.iter().enumerate().map(|(i, (s, v))| format!("{}. {s} {}", i + 1, number(v.value))).collect();
        let order = match claim.order {
            Order::Highest => "highest",
            Order::Lowest => "lowest",
        };
        let value = Value {
            value: f64::from(rank),
            unit: unit.clone(),
            facts: values.iter().flat_map(|(_, v)| v.facts.iter().copied()).collect(),
            overruled: values.iter().flat_map(|(_, v)| v.overruled.iter().copied()).collect(),
            observations: values.iter().flat_map(|(_, v)| v.observations.iter().cloned()).collect(),
            arithmetic: Some(ranking.join("; ")),
        };
        let discrepancy = computed(
            &format!("rank by {} ({order} first)", figure_name(claim.figure)),
            format!("rank {}", claim.rank),
            format!("rank {}", claim.rank),
            &value,
            format!("rank {rank} of {}", values.len()),
            "ties share a rank".to_owned(),
        );
        Ok(decided(ok(rank == claim.rank), discrepancy, value))
    };
    run().unwrap_or_else(|outcome| outcome)
}

/// Checks a comparison claim: two figures, one greater, less or equal.
pub fn check_comparison(claim: &ComparisonAssertion, cx: &Context<'_>) -> Outcome {
    let run = || -> Result<Outcome, Outcome> {
        let period = period_of(cx, claim.series.period.as_ref())?;
        let base_period = period_of(cx, claim.base_period.as_ref())?.or(period);
        let (Some(period), Some(base_period)) = (period, base_period) else {
            return Err(Outcome::new(VerdictKind::Unverifiable));
        };
        let measure = &claim.series.measure;
        let a = series::figure_at(cx, &claim.series, &claim.series.subject, measure, period, claim.figure)?;
        let base_subject = claim.base_subject.as_ref().unwrap_or(&claim.series.subject);
        let base_measure = claim.base_measure.as_ref().unwrap_or(measure);
        let b = series::figure_at(cx, &claim.series, base_subject, base_measure, base_period, claim.figure)?;
        if unit_key(&a.unit) != unit_key(&b.unit) {
            return Err(unverifiable(Discrepancy::Unit { claimed: a.unit.clone(), reference: b.unit.clone() }));
        }
        let (x, y) = (a.value, b.value);
        let holds = match claim.relation {
            FigureRelation::Greater => x > y,
            FigureRelation::Less => x < y,
            FigureRelation::Equal => x == y,
        };
        let word = |r: FigureRelation| match r {
            FigureRelation::Greater => "greater than",
            FigureRelation::Less => "less than",
            FigureRelation::Equal => "equal to",
        };
        let found = if x > y {
            FigureRelation::Greater
        } else if x < y {
            FigureRelation::Less
        } else {
            FigureRelation::Equal
        };
        let unit = a.unit.clone();
        let arithmetic = format!("{} vs {}", number(x), number(y));
        let value = joined(a, b, x, &unit, arithmetic);
        let discrepancy = computed(
            &format!("comparison of {}s", figure_name(claim.figure)),
            word(claim.relation).to_owned(),
            word(claim.relation).to_owned(),
            &value,
            format!("{} {unit} is {} {} {unit}", number(x), word(found), number(y)),
            "as published".to_owned(),
        );
        Ok(decided(ok(holds), discrepancy, value))
    };
    run().unwrap_or_else(|outcome| outcome)
}

/// Checks a record claim: over the series from `since` (or its first
/// period), computed when every period is there; otherwise from a source's
/// own record statement for the period.
pub fn check_record(claim: &RecordAssertion, cx: &Context<'_>) -> Outcome {
    let run = || -> Result<Outcome, Outcome> {
        let period = required_period(cx, &claim.series)?;
        let since = period_of(cx, claim.since.as_ref())?;
        match record_from_series(claim, period, since, cx) {
            Ok(outcome) => Ok(outcome),
            Err(gap) => match record_from_statement(claim, period, since, cx) {
                Some(outcome) => Ok(outcome),
                None => Err(gap),
            },
        }
    };
    run().unwrap_or_else(|outcome| outcome)
}

/// The periods from `first` to `last`, stepping by `last`'s length.
fn periods_between(first: DateWindow, last: DateWindow) -> Vec<DateWindow> {
    let mut out = Vec::new();
    let mut at = last;
    while at.first() >= first.first() && out.len() < 10_000 {
        out.push(at);
        match at.shift(-1) {
            Some(p) => at = p,
            None => break,
        }
    }
    out.reverse();
    out
}

fn record_from_series(
    claim: &RecordAssertion,
    period: DateWindow,
    since: Option<DateWindow>,
    cx: &Context<'_>,
) -> Result<Outcome, Outcome> {
    let series = &claim.series;
    // Every period of the series known at the as-of date, of the claimed length.
    let all = cx.facts_about(&series.subject, &series.measure);
    let known: Vec<DateWindow> = select::valid_at(&all, cx.as_of)
        .into_iter()
        .filter(|f| matches!(f.value, FactValue::Number { .. }))
        .filter_map(|f| f.period.map(|p| p.window()))
        .filter(|w| w.same_length(period))
        .collect();
    let start = match since {
        Some(s) => s,
        None => known.iter().copied().min_by_key(|w| w.key()).unwrap_or(period),
    };
    // For rises and falls each period needs the one before it too.
    let needs_before = matches!(claim.record, RecordKind::FirstRise | RecordKind::FirstFall);
    let mut wanted = periods_between(start, period);
    if needs_before && let Some(before) = wanted.first().and_then(|p| p.shift(-1)) {
        wanted.insert(0, before);
    }
    let mut values: BTreeMap<(jiff::civil::Date, jiff::civil::Date), Value<'_>> = BTreeMap::new();
    let mut missing = Vec::new();
    for p in &wanted {
        match series::figure_at(cx, series, &series.subject, &series.measure, *p, claim.figure) {
            Ok(v) => {
                values.insert(p.key(), v);
            }
            Err(_) => missing.push(*p),
        }
    }
    if !missing.is_empty() {
        let mut listed: Vec<String> = missing.iter().take(5).map(ToString::to_string).collect();
        if missing.len() > 5 {
            listed.push(format!("and {} more", missing.len() - 5));
        }
        return Err(Outcome::new(VerdictKind::Unverifiable).with(Discrepancy::SeriesGap {
            subject: series.subject.clone(),
            measure: series.measure.clone(),
            missing: listed,
        }));
    }
    let ordered: Vec<(DateWindow, &Value<'_>)> =
        wanted.iter().filter_map(|p| values.get(&p.key()).map(|v| (*p, v))).collect();
    let Some(&(_, own)) = ordered.last() else { return Err(Outcome::new(VerdictKind::Unverifiable)) };
    // The periods strictly between `since` and the claimed one (with
    // no `since`, every period before the claimed one).
    let inner: Vec<&(DateWindow, &Value<'_>)> = ordered
        .iter()
        .filter(|(p, _)| p.first() < period.first() && since.is_none_or(|s| p.first() > s.last()))
        .collect();
    let (holds, detail) = match claim.record {
        RecordKind::Highest | RecordKind::Lowest => {
            let high = claim.record == RecordKind::Highest;
            let beaten: Vec<String> = inner
                .iter()
                .filter(|(_, v)| if high { v.value >= own.value } else { v.value <= own.value })
                .map(|(p, v)| format!("{p} {}", number(v.value)))
                .collect();
            let word = if high { "not above" } else { "not below" };
            let detail = if beaten.is_empty() {
                format!("{} is {} every period between", number(own.value), if high { "above" } else { "below" })
            } else {
                format!("{} is {word} {}", number(own.value), beaten.join(", "))
            };
            (beaten.is_empty(), detail)
        }
        RecordKind::FirstRise | RecordKind::FirstFall => {
            let rise = claim.record == RecordKind::FirstRise;
            let moved = |i: usize| -> Option<(DateWindow, f64)> {
                let (p, v) = ordered.get(i)?;
                let (_, before) = ordered.get(i.checked_sub(1)?)?;
                Some((*p, clean(v.value - before.value)))
            };
            let last = ordered.len() - 1;
            let own_move = moved(last).map_or(0.0, |(_, d)| d);
            let own_ok = if rise { own_move > 0.0 } else { own_move < 0.0 };
            let earlier: Vec<String> = (1..last)
                .filter_map(moved)
                .filter(|(p, d)| {
                    p.first() < period.first()
                        && since.is_none_or(|s| p.first() > s.last())
                        && if rise { *d > 0.0 } else { *d < 0.0 }
                })
                .map(|(p, d)| format!("{p} {}", signed(d)))
                .collect();
            let word = if rise { "rise" } else { "fall" };
            let detail = if !own_ok {
                format!("no {word} in {period}: {}", signed(own_move))
            } else if earlier.is_empty() {
                format!("{} in {period}, the first since", signed(own_move))
            } else {
                format!("earlier {word}s: {}", earlier.join(", "))
            };
            (own_ok && earlier.is_empty(), detail)
        }
    };
    let since_words = since.map_or_else(|| "on record".to_owned(), |s| format!("since {s}"));
    let record = claim.record.name().replace('-', " ");
    let value = Value {
        value: own.value,
        unit: own.unit.clone(),
        facts: ordered.iter().flat_map(|(_, v)| v.facts.iter().copied()).collect(),
        overruled: ordered.iter().flat_map(|(_, v)| v.overruled.iter().copied()).collect(),
        observations: ordered.iter().flat_map(|(_, v)| v.observations.iter().cloned()).collect(),
        arithmetic: Some(detail.clone()),
    };
    let discrepancy = computed(
        &format!("record of {}s", figure_name(claim.figure)),
        format!("{record} {since_words}"),
        format!("{record} {since_words}"),
        &value,
        if holds { format!("{record} {since_words}") } else { detail },
        "as published".to_owned(),
    );
    Ok(decided(ok(holds), discrepancy, value))
}

/// A source's own statement that the period's figure is a record, read
/// against the claim: "highest since S" holds when the source's record
/// runs back at least as far.
fn record_from_statement(
    claim: &RecordAssertion,
    period: DateWindow,
    since: Option<DateWindow>,
    cx: &Context<'_>,
) -> Option<Outcome> {
    let all = cx.facts_about(&claim.series.subject, &claim.series.measure);
    let statements: Vec<&Fact> = select::valid_at(&all, cx.as_of)
        .into_iter()
        .filter(|f| f.period.is_some_and(|p| p.window() == period))
        .filter(|f| matches!(f.value, FactValue::Record { record, .. } if record == claim.record))
        .collect();
    let fact = *statements.first()?;
    let FactValue::Record { since: stated, .. } = &fact.value else { return None };
    let stated = stated.map(|s| s.window());
    let holds = match (since, stated) {
        (_, None) => true,
        (None, Some(_)) => false,
        (Some(claimed), Some(stated)) => claimed.first() >= stated.first(),
    };
    let since_words = |s: Option<DateWindow>| s.map_or_else(|| "on record".to_owned(), |s| format!("since {s}"));
    let record = claim.record.name().replace('-', " ");
    let value = Value {
        value: 0.0,
        unit: String::new(),
        facts: vec![fact],
        overruled: Vec::new(),
        observations: vec![format!(
            "{}: {} {} {period} = {}",
            fact.id,
            fact.subject,
            fact.property,
            describe_value(fact)
        )],
        arithmetic: Some("the series has gaps".to_owned()),
    };
    let discrepancy = computed(
        "record, as the source states it",
        format!("{record} {}", since_words(since)),
        format!("{record} {}", since_words(since)),
        &value,
        format!("the source says {record} {}", since_words(stated)),
        "a record since a later period holds too".to_owned(),
    );
    Some(decided(ok(holds), discrepancy, value))
}
