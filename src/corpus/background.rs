//! Background facts: the bulk of the reference store, about subjects no
//! claim mentions, with every kind of value (numbers with units and
//! qualifiers, dates at every precision, objects with dates, unsettled
//! values, forecasts) and every kind of validity (series of observations,
//! periods, timeless).
//!
//! Facts come in chunks of [`super::FACTS_PER_FILE`], each from its own
//! random stream and written as its own file, so a million facts never sit
//! in memory together.

use jiff::civil::Date;

use crate::date::{DateSpec, MonthPart, PartialDate};
use crate::model::{Fact, FactValue, Qualifier, SourceId, Term, Validity};

use super::prose::{ACTIONS, ACTORS, CATEGORIES, DATED, Held, QUANTITIES};
use super::rng::Rng;
use super::words::{GIVEN_NAMES, Namespace};
use super::world::{FIRST_YEAR, LAST_YEAR, World, day_between};
use super::{day, fact, shift};

/// How many people background facts name (council chairs).
const PEOPLE: u64 = 400;

/// One chunk of background facts, `count` of them, and for each whether
/// its property is a predicate.
pub fn chunk(world: &World, seed: u64, chunk: u64, count: usize) -> Vec<(Fact, bool)> {
    let mut rng = Rng::stream(seed, super::BACKGROUND, chunk);
    let mut out = Vec::with_capacity(count);
    let mut group = 0u64;
    while out.len() < count {
        let word = world.lexicon.word(Namespace::Background, chunk * super::FACTS_PER_FILE as u64 + group);
        group += 1;
        let mut facts = Group { world, rng: &mut rng, word, facts: Vec::new() };
        match facts.rng.below(100) {
            0..35 => facts.observed(),
            35..50 => facts.periods(),
            50..60 => facts.timeless(),
            60..75 => facts.dated(),
            75..87 => facts.decisions(),
            87..95 => facts.chairs(),
            _ => facts.unsettled(),
        }
        let room = count - out.len();
        out.extend(facts.facts.into_iter().take(room));
    }
    out
}

/// The facts about one background subject.
struct Group<'a> {
    world: &'a World,
    rng: &'a mut Rng,
    word: String,
    facts: Vec<(Fact, bool)>,
}

impl Group<'_> {
    fn sources(&mut self) -> Vec<SourceId> {
        let first = self.world.any_source(self.rng, Date::MAX);
        let mut ids = vec![self.world.id(first)];
        if self.rng.chance(15) {
            let second = self.world.id(self.world.any_source(self.rng, Date::MAX));
            if second != ids[0] {
                ids.push(second);
            }
        }
        ids
    }

    fn push(&mut self, fact: Fact, predicate: bool) {
        self.facts.push((fact, predicate));
    }

    fn start(&mut self) -> Date {
        day_between(self.rng, FIRST_YEAR, LAST_YEAR - 2)
    }

    fn number(&mut self, value: u64, tenths: bool, unit: &str) -> FactValue {
        let qualifier = self.rng.weighted(&[
            (Qualifier::Exact, 70),
            (Qualifier::About, 18),
            (Qualifier::AtLeast, 5),
            (Qualifier::MoreThan, 4),
            (Qualifier::UpTo, 3),
        ]);
        let value = if tenths { value as f64 / 10.0 } else { value as f64 };
        FactValue::Number { value, unit: unit.to_owned(), qualifier }
    }

    /// A figure observed now and then; the last may be a forecast or unsettled.
    fn observed(&mut self) {
        let q = *self.rng.pick(&QUANTITIES);
        let subject = Term::from(format!("{}{}", self.word, q.subject));
        let mut at = self.start();
        let mut value = self.rng.range(q.low as i64, q.high as i64) as u64;
        let n = self.rng.range(3, 8);
        for i in 0..n {
            let base = format!("{subject}-{}-{at}", q.measure);
            let last = i + 1 == n;
            let mut f = match self.rng.below(100) {
                0..8 if last => {
                    let mut f =
                        fact(base, &subject, q.measure, FactValue::Unsettled, Validity::AsOf(day(at)), self.sources());
                    f.note = Some("The office suspended the series pending a methodology review.".to_owned());
                    f
                }
                _ => {
                    let v = self.number(value, q.tenths, q.unit);
                    fact(base, &subject, q.measure, v, Validity::AsOf(day(at)), self.sources())
                }
            };
            if last && matches!(f.value, FactValue::Number { .. }) && self.rng.chance(12) {
                f.forecast = true;
                f.note = Some("A projection published with the figures, not an observation.".to_owned());
            }
            self.push(f, false);
            at = shift(at, self.rng.range(30, 365));
            value = (value * u64::try_from(self.rng.range(90, 112)).unwrap_or(100) / 100).max(1);
        }
    }

    /// A figure set for successive years or months.
    fn periods(&mut self) {
        let q = *self.rng.pick(&QUANTITIES);
        let subject = Term::from(format!("{}{}", self.word, q.subject));
        let first = self.start().year();
        let mut value = self.rng.range(q.low as i64, q.high as i64) as u64;
        let n = self.rng.range(2, 4);
        for (i, year) in (0..n).zip(first..) {
            let (from, to) = if self.rng.chance(70) {
                (PartialDate::Year(year), PartialDate::Year(year))
            } else {
                (PartialDate::Month(year, 1), PartialDate::Month(year, 6))
            };
            let open = i + 1 == n && self.rng.chance(50);
            let validity =
                Validity::Period { from: Some(DateSpec::Single(from)), to: (!open).then_some(DateSpec::Single(to)) };
            let v = self.number(value, q.tenths, q.unit);
            let f = fact(format!("{subject}-{}-{year}", q.measure), &subject, q.measure, v, validity, self.sources());
            self.push(f, false);
            value = (value * u64::try_from(self.rng.range(95, 115)).unwrap_or(100) / 100).max(1);
        }
    }

    /// Figures that do not change: lengths, capacities.
    fn timeless(&mut self) {
        let timeless: Vec<_> = QUANTITIES.iter().filter(|q| q.held == Held::Timeless).collect();
        let q = **self.rng.pick(&timeless);
        let subject = Term::from(format!("{}{}", self.word, q.subject));
        for measure in [q.measure, q.other] {
            let value = self.rng.range(q.low as i64, q.high as i64) as u64;
            let v = self.number(value, q.tenths, q.unit);
            let f = fact(format!("{subject}-{measure}"), &subject, measure, v, Validity::Always, self.sources());
            self.push(f, false);
        }
    }

    /// An event's dates, at every precision; sometimes expected first.
    fn dated(&mut self) {
        let t = *self.rng.pick(&DATED);
        let event = Term::from(format!("{}{}", self.word, t.event));
        let d = self.start();
        let spec = match self.rng.below(6) {
            0 => day(d),
            1 => DateSpec::Single(PartialDate::PartOfMonth(
                *self.rng.pick(&[MonthPart::Early, MonthPart::Mid, MonthPart::Late]),
                d.year(),
                d.month(),
            )),
            2 => DateSpec::Single(PartialDate::Month(d.year(), d.month())),
            3 => DateSpec::Single(PartialDate::Year(d.year())),
            4 => DateSpec::Range(PartialDate::Day(d), PartialDate::Day(shift(d, self.rng.range(1, 3)))),
            _ => day(d),
        };
        if self.rng.chance(25) {
            let said = shift(d, -self.rng.range(20, 200));
            let expected = DateSpec::Single(PartialDate::Month(d.year(), d.month()));
            let mut f = fact(
                format!("{event}-{}-expected", t.measure),
                &event,
                t.measure,
                FactValue::Date(expected),
                Validity::AsOf(day(said)),
                self.sources(),
            );
            f.forecast = true;
            self.push(f, false);
        }
        let f = fact(
            format!("{event}-{}", t.measure),
            &event,
            t.measure,
            FactValue::Date(spec),
            Validity::Always,
            self.sources(),
        );
        self.push(f, false);
        if self.rng.chance(40) {
            let before = day(shift(d, -self.rng.range(10, 120)));
            let f = fact(
                format!("{event}-{}", t.other),
                &event,
                t.other,
                FactValue::Date(before),
                Validity::Always,
                self.sources(),
            );
            self.push(f, false);
        }
    }

    /// A body's decisions, each with its date.
    fn decisions(&mut self) {
        let actor = *self.rng.pick(&ACTORS);
        let subject = Term::from(format!("{}{}", self.word, actor.subject));
        let n = self.rng.range(1, 3);
        for _ in 0..n {
            let (predicate, _) = *self.rng.pick(&ACTIONS);
            let category = self.rng.pick(&CATEGORIES);
            let (object, _) = *self.rng.pick(category.members);
            let d = self.start();
            let date =
                if self.rng.chance(80) { day(d) } else { DateSpec::Single(PartialDate::Month(d.year(), d.month())) };
            let value = FactValue::Object { object: Term::from(object), date: Some(date), organisation: None };
            let f = fact(
                format!("{subject}-{predicate}-{object}"),
                &subject,
                predicate,
                value,
                Validity::Always,
                self.sources(),
            );
            if !self.facts.iter().any(|(g, _)| g.id == f.id) {
                self.push(f, true);
            }
        }
    }

    /// Who chaired a council, period by period.
    fn chairs(&mut self) {
        let subject = Term::from(format!("{}-council", self.word));
        let mut from = self.start();
        let n = self.rng.range(2, 4);
        for i in 0..n {
            let k = self.rng.below(PEOPLE);
            let family = self.world.lexicon.name(Namespace::Family, 1_000_000 + k);
            let given = GIVEN_NAMES[(k as usize) % GIVEN_NAMES.len()];
            let person = Term::from(crate::load::slug(&format!("{given} {family}")));
            let until = shift(from, self.rng.range(300, 1500));
            let to = (i + 1 < n).then(|| DateSpec::Single(PartialDate::Month(until.year(), until.month())));
            let validity =
                Validity::Period { from: Some(DateSpec::Single(PartialDate::Month(from.year(), from.month()))), to };
            let value = FactValue::Object { object: person.clone(), date: None, organisation: None };
            let f = fact(
                format!("{subject}-chair-{}-{}", i + 1, person),
                &subject,
                "chaired-by",
                value,
                validity,
                self.sources(),
            );
            self.push(f, true);
            from = shift(until, 32);
        }
    }

    /// A figure no source settles.
    fn unsettled(&mut self) {
        let q = *self.rng.pick(&QUANTITIES);
        let subject = Term::from(format!("{}{}", self.word, q.subject));
        let at = self.start();
        let mut f = fact(
            format!("{subject}-{}", q.measure),
            &subject,
            q.measure,
            FactValue::Unsettled,
            Validity::AsOf(day(at)),
            self.sources(),
        );
        f.note = Some("Estimates circulate, but no official count has been published.".to_owned());
        self.push(f, false);
    }
}
