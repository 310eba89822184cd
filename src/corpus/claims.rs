//! Claims of every kind, each drafted with the facts, excerpts and terms
//! that decide it, and the sentence of the article that holds its words.
//!
//! Every claim is about a locality of its own (a generated place name), so
//! its subject, event or speaker id is its own too: no fact drafted for one
//! claim can answer another, and quoted words, which name the locality, are
//! found only where they were put. A draft's scenario (a misquote, a figure
//! for the wrong measure, an outdated chair) aims at a verdict; the verdict
//! written as `expect` is the checker's (see [`super::Checker`]).

use std::collections::BTreeSet;

use jiff::civil::Date;

use crate::date::{DateExpr, DateSpec, DateWindow, MonthPart, PartialDate, Relative};
use crate::model::{
    Anchor, Assertion, ClaimKind, DateAssertion, DateQualifier, Definition, Excerpt, Fact, FactValue, Qualifier,
    QuantityAssertion, QuoteAssertion, SourceId, SourceKind, Term, Triple, Validity,
};
use crate::progress::thousands;

use super::prose::{
    self, ACTIONS, CATEGORIES, Category, DATED, Dated, Held, NUMBER_WORDS, QUANTITIES, Quantity, Quotation, SPEAKERS,
    STANCES, fill,
};
use super::rng::Rng;
use super::words::capitalise;
use super::world::World;
use super::{day, shift};

/// The place a claim is about: its name in the text and in ids.
#[derive(Clone, Debug)]
pub struct Locality {
    /// `Tavrin`
    pub name: String,
    /// `tavrin`
    pub key: String,
    /// A second name of the claim's own, for a street or a building: `Brenmor`.
    pub landmark: String,
}

/// Someone an article quotes or names.
#[derive(Clone, Debug)]
pub struct Person {
    /// `Mira Tolvane`
    pub name: String,
    /// `mira-tolvane`, as a speaker or an object.
    pub id: Term,
    /// `a local councillor`
    pub role: String,
}

/// A date claim's date that later claims may count from.
#[derive(Clone, Debug)]
pub struct DatedClaim {
    /// The claim, as checked.
    pub claim: crate::model::Claim,
    /// Its date, resolved.
    pub window: DateWindow,
}

/// One claim before it has an id and an `expect`, with everything that
/// decides it.
#[derive(Clone, Debug)]
pub struct Draft {
    /// The article's sentence that holds the claim's words.
    pub sentence: String,
    /// The claim's words, verbatim in `sentence`.
    pub text: String,
    /// What the claim asserts.
    pub assertion: Assertion,
    /// The sources the claim's author expects to back it.
    pub sources: Vec<SourceId>,
    /// The author's note on how the words were read.
    pub note: Option<String>,
    /// The facts drafted for the claim.
    pub facts: Vec<Fact>,
    /// Passages for the sources, by source index.
    pub excerpts: Vec<(usize, Excerpt)>,
    /// Terms the claim's objects need defined.
    pub terms: Vec<Definition>,
    /// The claim this one's date counts from, if any.
    pub anchor: Option<usize>,
    /// The claim's own date, when later claims may count from it.
    pub window: Option<DateWindow>,
}

impl Draft {
    fn new(sentence: String, text: String, assertion: Assertion) -> Draft {
        Draft {
            sentence,
            text,
            assertion,
            sources: Vec::new(),
            note: None,
            facts: Vec::new(),
            excerpts: Vec::new(),
            terms: Vec::new(),
            anchor: None,
            window: None,
        }
    }
}

/// The kinds of claim in the proportions of the seed article (12 events,
/// 10 dates, 7 attributions, 3 quantities, 3 quotes, 2 opinions).
pub const KINDS: [(ClaimKind, u32); 6] = [
    (ClaimKind::Event, 12),
    (ClaimKind::Date, 10),
    (ClaimKind::Attribution, 7),
    (ClaimKind::Quantity, 3),
    (ClaimKind::Quote, 3),
    (ClaimKind::Opinion, 2),
];

/// Facts drafted for one claim, with ids unique among them.
struct Facts {
    facts: Vec<Fact>,
    taken: BTreeSet<String>,
}

impl Facts {
    fn new() -> Facts {
        Facts { facts: Vec::new(), taken: BTreeSet::new() }
    }

    /// Adds a fact; its id is `base`, or `base-2`, `base-3` … if taken.
    fn add(
        &mut self,
        base: &str,
        subject: &Term,
        property: &str,
        value: FactValue,
        validity: Validity,
        sources: Vec<SourceId>,
    ) -> &mut Fact {
        let id = crate::add::unique(base.to_owned(), &self.taken);
        self.taken.insert(id.clone());
        self.facts.push(super::fact(id, subject, property, value, validity, sources));
        let last = self.facts.len() - 1;
        &mut self.facts[last]
    }
}

fn month_of(date: Date) -> PartialDate {
    PartialDate::Month(date.year(), date.month())
}

fn part_of(date: Date) -> PartialDate {
    let part = match date.day() {
        1..=10 => MonthPart::Early,
        11..=20 => MonthPart::Mid,
        _ => MonthPart::Late,
    };
    PartialDate::PartOfMonth(part, date.year(), date.month())
}

/// A random day in `window`, no later than `latest`.
fn day_in(rng: &mut Rng, window: DateWindow, latest: Date) -> Date {
    let last = window.last().min(latest).max(window.first());
    shift(window.first(), rng.range(0, crate::date::days_between(window.first(), last)))
}

/// The quantity qualifiers as an article writes them.
fn qualifier_words(qualifier: Qualifier) -> &'static str {
    match qualifier {
        Qualifier::Exact => "",
        Qualifier::About => "about ",
        Qualifier::Nearly => "nearly ",
        Qualifier::AtLeast => "at least ",
        Qualifier::MoreThan => "more than ",
        Qualifier::FewerThan => "fewer than ",
        Qualifier::UpTo => "up to ",
    }
}

/// The power of ten that keeps `digits` significant digits of `v`.
fn magnitude(v: u64, digits: u32) -> u64 {
    let len = v.max(1).ilog10() + 1;
    10u64.pow(len.saturating_sub(digits))
}

fn round_down(v: u64, digits: u32) -> u64 {
    let m = magnitude(v, digits);
    v / m * m
}

fn round_up(v: u64, digits: u32) -> u64 {
    let m = magnitude(v, digits);
    v.div_ceil(m) * m
}

fn round_near(v: u64, digits: u32) -> u64 {
    let m = magnitude(v, digits);
    (v + m / 2) / m * m
}

/// `v` scaled by `percent`/100, at least 1.
fn scale(v: u64, percent: i64) -> u64 {
    (v * u64::try_from(percent).unwrap_or(100) / 100).max(1)
}

/// The claim for a figure `v` that the figure backs: a rounding and a
/// qualifier a reporter would use.
fn supported_figure(rng: &mut Rng, v: u64) -> (u64, Qualifier) {
    let qualifier = rng.weighted(&[
        (Qualifier::Exact, 30),
        (Qualifier::About, 30),
        (Qualifier::MoreThan, 10),
        (Qualifier::AtLeast, 8),
        (Qualifier::Nearly, 8),
        (Qualifier::FewerThan, 7),
        (Qualifier::UpTo, 7),
    ]);
    match qualifier {
        Qualifier::Exact => (v, qualifier),
        Qualifier::About => (round_near(v, 2), qualifier),
        Qualifier::MoreThan if round_down(v, 2) < v => (round_down(v, 2), qualifier),
        Qualifier::MoreThan | Qualifier::AtLeast => (round_down(v, 2), Qualifier::AtLeast),
        Qualifier::FewerThan if round_up(v, 2) > v => (round_up(v, 2), qualifier),
        Qualifier::FewerThan | Qualifier::UpTo => (round_up(v, 2), Qualifier::UpTo),
        Qualifier::Nearly => (round_up(v, 2), qualifier),
    }
}

/// The scenarios a quantity claim is drafted in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum QuantityCase {
    Backed,
    Overruled,
    Wrong,
    OtherMeasure,
    Unsettled,
    NotYet,
    Hedged,
    Disputed,
}

/// The scenarios of date, event and attribution claims.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum DateCase {
    Backed,
    Relative,
    Counted,
    Since,
    Overruled,
    Forecast,
    Wrong,
    OtherMeasure,
    Coarse,
    Unsettled,
    Disputed,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ObjectCase {
    Same,
    Broader,
    Narrower,
    Sibling,
    Unrelated,
    WrongDate,
    Coarse,
    Unsettled,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum QuoteCase {
    Verbatim,
    WrongSpeaker,
    Paraphrased,
    Misquoted,
}

/// Where an article's claims are drafted: its date, region and people.
pub struct Scene<'a> {
    /// The shared sources and vocabulary.
    pub world: &'a World,
    /// This article's random numbers.
    pub rng: Rng,
    /// When the article was published.
    pub published: DateSpec,
    /// The date its claims are checked at: the last day it may have been published.
    pub as_of: Date,
    /// The region the article is about, for filler text.
    pub region: String,
    /// The people it names.
    pub people: Vec<Person>,
    /// Its date claims with absolute dates, which later claims may count from.
    pub anchors: Vec<DatedClaim>,
}

impl Scene<'_> {
    /// A source of `kind` published by the article's date.
    fn source(&mut self, kind: SourceKind) -> usize {
        self.world.source_of(&mut self.rng, kind, self.as_of)
    }

    /// Two sources of `kind` published by the article's date.
    fn two_sources(&mut self, kind: SourceKind) -> (usize, usize) {
        self.world.two_sources_of(&mut self.rng, kind, self.as_of)
    }

    /// A source of any kind published by the article's date.
    fn any_source(&mut self) -> usize {
        self.world.any_source(&mut self.rng, self.as_of)
    }

    /// Drafts one claim of `kind` about `place`.
    pub fn draft(&mut self, kind: ClaimKind, place: &Locality) -> Draft {
        match kind {
            // The corpus draws only the kinds of `KINDS`; a statistical kind
            // asked for directly is drafted as the quantity it rests on.
            ClaimKind::Quantity => self.quantity(place),
            ClaimKind::Change
            | ClaimKind::Ratio
            | ClaimKind::Share
            | ClaimKind::Rank
            | ClaimKind::Record
            | ClaimKind::Comparison => self.quantity(place),
            ClaimKind::Date => self.date(place),
            ClaimKind::Quote => self.quote(place),
            ClaimKind::Event if self.rng.chance(25) => self.chair(place),
            ClaimKind::Event => self.event(place),
            ClaimKind::Attribution => self.attribution(place),
            ClaimKind::Opinion => {
                let text = capitalise(&prose::opinion(&mut self.rng, &place.name));
                let end = if self.rng.chance(20) { "!" } else { "." };
                Draft::new(format!("{text}{end}"), text, Assertion::Opinion)
            }
        }
    }

    /// The article's sentence around a claim's words, and the words as
    /// they stand in it (capitalised when they open the sentence).
    fn sentence(&mut self, core: &str) -> (String, String) {
        const INTROS: [&str; 6] = [
            "According to local officials, ",
            "Figures published this week show that ",
            "Residents were told that ",
            "It emerged that ",
            "Records show that ",
            "As reported earlier, ",
        ];
        const ENDS: [&str; 6] =
            ["", "", ", officials said", ", according to the regional government", ", a spokesperson confirmed", ""];
        if self.rng.chance(50) {
            let text = capitalise(core);
            (format!("{text}{}.", self.rng.word(&ENDS)), text)
        } else {
            (format!("{}{core}.", self.rng.word(&INTROS)), core.to_owned())
        }
    }

    /// A day in the five years before the article, at least `gap` days before it.
    fn past_day(&mut self, gap: i64) -> Date {
        shift(self.as_of, -self.rng.range(gap, 5 * 365))
    }

    fn quantity(&mut self, place: &Locality) -> Draft {
        let q: Quantity = *self.rng.pick(&QUANTITIES);
        let subject = Term::from(format!("{}{}", place.key, q.subject));
        let v = self.rng.range(q.low as i64, q.high as i64) as u64;
        let case = self.rng.weighted(&[
            (QuantityCase::Backed, 54),
            (QuantityCase::Overruled, 8),
            (QuantityCase::Wrong, 10),
            (QuantityCase::OtherMeasure, 10),
            (QuantityCase::Unsettled, 4),
            (QuantityCase::NotYet, 4),
            (QuantityCase::Hedged, 4),
            (QuantityCase::Disputed, 6),
        ]);
        let case =
            if case == QuantityCase::NotYet && q.held == Held::Timeless { QuantityCase::Unsettled } else { case };
        let world = self.world;
        let main = match case {
            QuantityCase::Overruled => {
                let kind = *self.rng.pick(&[SourceKind::Wire, SourceKind::Primary]);
                self.source(kind)
            }
            QuantityCase::Disputed => self.source(SourceKind::Primary),
            _ => self.any_source(),
        };
        let mut facts = Facts::new();
        let current = self.figures(&mut facts, &q, &subject, v, main, case == QuantityCase::NotYet);
        let amount = |n: u64| if q.tenths { n as f64 / 10.0 } else { n as f64 };
        let mut claimed = supported_figure(&mut self.rng, v);
        let mut other = None;
        match case {
            QuantityCase::Backed | QuantityCase::NotYet => {}
            QuantityCase::Overruled => {
                let differs = scale(v, self.rng.range(112, 135));
                let source = self.source(SourceKind::Secondary);
                self.restate(
                    &mut facts,
                    current,
                    amount(differs),
                    source,
                    "reports a higher figure and names no source for it",
                );
            }
            QuantityCase::Disputed => {
                let differs = scale(v, self.rng.range(115, 140));
                let (_, source) = self.two_sources(SourceKind::Primary);
                self.restate(
                    &mut facts,
                    current,
                    amount(differs),
                    source,
                    "published another figure for the same date",
                );
            }
            QuantityCase::Wrong => {
                let off = scale(v, self.rng.range(130, 190));
                claimed = (round_near(off, 2), *self.rng.pick(&[Qualifier::Exact, Qualifier::About]));
            }
            QuantityCase::OtherMeasure => {
                let percent = if self.rng.chance(50) { self.rng.range(25, 45) } else { self.rng.range(250, 400) };
                other = Some(scale(v, percent));
                claimed = (other.unwrap_or(v), Qualifier::Exact);
            }
            QuantityCase::Unsettled => {
                let fact = &mut facts.facts[current];
                fact.value = FactValue::Unsettled;
                fact.note = Some(format!(
                    "No source settles the {}: the published figures were withdrawn for revision.",
                    q.measure.replace('-', " ")
                ));
            }
            QuantityCase::Hedged => {
                if let FactValue::Number { qualifier, .. } = &mut facts.facts[current].value {
                    *qualifier = Qualifier::About;
                }
                claimed = (v, Qualifier::Exact);
            }
        }
        // Some subjects also carry their other measure, far from what the claim says unless it is the point.
        if other.is_none() && self.rng.chance(30) {
            let far = if claimed.0 > v { self.rng.range(20, 45) } else { self.rng.range(300, 450) };
            other = Some(scale(v, far));
        }
        if let Some(o) = other {
            let source = self.any_source();
            let validity = facts.facts[current].validity.clone();
            let value = FactValue::Number { value: amount(o), unit: q.unit.to_owned(), qualifier: Qualifier::Exact };
            facts.add(&format!("{subject}-{}", q.other), &subject, q.other, value, validity, vec![world.id(source)]);
        }
        let (c, qualifier) = claimed;
        let number = if q.tenths { prose::tenths(c) } else { thousands(c) };
        let value = format!("{}{number}", qualifier_words(qualifier));
        let core = fill(q.says, &[("place", &place.name), ("value", &value)]);
        let (sentence, text) = self.sentence(&core);
        let assertion = Assertion::Quantity(QuantityAssertion {
            subject: subject.clone(),
            measure: Term::from(q.measure),
            value: amount(c),
            unit: q.unit.to_owned(),
            qualifier,
            tolerance: None,
            period: None,
            scale: crate::model::Scale::Units,
            decimals: u8::from(q.tenths && c % 10 != 0),
            signed: false,
            parts: Vec::new(),
            aggregate: None,
        });
        let mut draft = Draft::new(sentence, text, assertion);
        if case == QuantityCase::OtherMeasure && self.rng.chance(50) {
            draft.note = Some(format!(
                "Read as the {}; the figure may be the {}.",
                q.measure.replace('-', " "),
                q.other.replace('-', " ")
            ));
        }
        draft.sources = facts.facts[current].sources.to_vec();
        if self.rng.chance(35) && !matches!(case, QuantityCase::Unsettled | QuantityCase::NotYet) {
            let reported = if q.tenths { prose::tenths(v) } else { thousands(v) };
            let date = match &facts.facts[current].validity {
                Validity::AsOf(DateSpec::Single(at)) => prose::date(*at),
                _ => String::new(),
            };
            let words = fill(q.reports, &[("place", &place.name), ("value", &reported), ("date", &date)]);
            draft.excerpts.push((
                main,
                Excerpt {
                    text: format!("{words}."),
                    speaker: world.speakers[main].clone(),
                    quoting: None,
                    cut_short: false,
                },
            ));
        }
        draft.facts = facts.facts;
        draft
    }

    /// The facts giving `measure` of `subject` over time, the current one
    /// (returned, by index) worth `v`; with `later`, every one of them
    /// dates from after the article.
    fn figures(
        &mut self,
        facts: &mut Facts,
        q: &Quantity,
        subject: &Term,
        v: u64,
        source: usize,
        later: bool,
    ) -> usize {
        let measure = q.measure;
        let amount = |n: u64| if q.tenths { n as f64 / 10.0 } else { n as f64 };
        let number = |n: u64, unit: &str| FactValue::Number {
            value: amount(n),
            unit: unit.to_owned(),
            qualifier: Qualifier::Exact,
        };
        let id = self.world.id(source);
        let base = format!("{subject}-{measure}");
        match q.held {
            Held::Observed => {
                let latest = if later {
                    shift(self.as_of, self.rng.range(10, 200))
                } else {
                    shift(self.as_of, -self.rng.range(5, 200))
                };
                let earlier = if later { 0 } else { self.rng.range(0, 3) };
                let mut at = latest;
                let mut dates = vec![latest];
                for _ in 0..earlier {
                    at = shift(at, -self.rng.range(90, 400));
                    dates.push(at);
                }
                dates.reverse();
                let mut current = 0;
                for (i, date) in dates.iter().enumerate() {
                    let value = if i + 1 == dates.len() { v } else { scale(v, self.rng.range(85, 115)) };
                    let sources =
                        if i + 1 == dates.len() { vec![id.clone()] } else { vec![self.world.id(self.any_source())] };
                    facts.add(
                        &format!("{base}-{date}"),
                        subject,
                        measure,
                        number(value, q.unit),
                        Validity::AsOf(day(*date)),
                        sources,
                    );
                    current = facts.facts.len() - 1;
                }
                current
            }
            Held::Periods => {
                let year = if later { self.as_of.year() + 1 } else { self.as_of.year() - self.rng.range(0, 2) as i16 };
                if !later && self.rng.chance(60) {
                    let from = PartialDate::Year(year - 1);
                    let validity =
                        Validity::Period { from: Some(DateSpec::Single(from)), to: Some(DateSpec::Single(from)) };
                    let sources = vec![self.world.id(self.any_source())];
                    facts.add(
                        &format!("{base}-{}", year - 1),
                        subject,
                        measure,
                        number(scale(v, self.rng.range(88, 98)), q.unit),
                        validity,
                        sources,
                    );
                }
                let to =
                    self.rng.chance(50).then(|| DateSpec::Single(PartialDate::Year(self.as_of.year().max(year) + 1)));
                let validity = Validity::Period { from: Some(DateSpec::Single(PartialDate::Year(year))), to };
                facts.add(&format!("{base}-{year}"), subject, measure, number(v, q.unit), validity, vec![id]);
                facts.facts.len() - 1
            }
            Held::Timeless => {
                facts.add(&base, subject, measure, number(v, q.unit), Validity::Always, vec![id]);
                facts.facts.len() - 1
            }
        }
    }

    /// Adds a fact giving `value` for what fact `current` gives, at the same
    /// time, from `source`, with a note saying `{publisher} {note}`.
    fn restate(&mut self, facts: &mut Facts, current: usize, value: f64, source: usize, note: &str) {
        let fact = facts.facts[current].clone();
        let FactValue::Number { unit, .. } = &fact.value else { return };
        let number = FactValue::Number { value, unit: unit.clone(), qualifier: Qualifier::Exact };
        let base = format!("{}-{}", fact.id, self.world.sources[source].kind.name());
        let added = facts.add(
            &base,
            &fact.subject,
            fact.property.as_str(),
            number,
            fact.validity.clone(),
            vec![self.world.id(source)],
        );
        added.note = Some(format!("{} {note}.", self.world.sources[source].publisher));
    }

    /// A claimed date that covers `spec`, at its precision or coarser.
    fn covering(&mut self, spec: DateSpec) -> PartialDate {
        match spec {
            DateSpec::Single(PartialDate::Day(d)) => *self.rng.pick(&[
                PartialDate::Day(d),
                PartialDate::Day(d),
                part_of(d),
                month_of(d),
                month_of(d),
                PartialDate::Year(d.year()),
            ]),
            DateSpec::Single(p @ PartialDate::PartOfMonth(_, y, m)) => {
                *self.rng.pick(&[p, PartialDate::Month(y, m), PartialDate::Year(y)])
            }
            DateSpec::Single(p @ (PartialDate::Month(y, _) | PartialDate::Quarter(y, _))) => {
                *self.rng.pick(&[p, PartialDate::Year(y)])
            }
            DateSpec::Single(p @ PartialDate::Year(_)) => p,
            DateSpec::Range(a, b) => {
                let (first, last) = (a.window().first(), b.window().last());
                if (first.year(), first.month()) == (last.year(), last.month()) && self.rng.chance(70) {
                    month_of(first)
                } else {
                    PartialDate::Year(first.year())
                }
            }
        }
    }

    /// A fact date around `d` at a random precision.
    fn fact_date(&mut self, d: Date) -> DateSpec {
        match self.rng.below(100) {
            0..55 => day(d),
            55..65 => DateSpec::Single(part_of(d)),
            65..80 => DateSpec::Single(month_of(d)),
            80..85 => DateSpec::Single(PartialDate::Year(d.year())),
            _ => {
                let end = shift(d, self.rng.range(1, 3)).min(self.as_of);
                if end > d { DateSpec::Range(PartialDate::Day(d), PartialDate::Day(end)) } else { day(d) }
            }
        }
    }

    /// A relative date an article would write for a day before it, with
    /// its words in the text; `None` if it would point after the article.
    fn relative(&mut self) -> Option<(Relative, String)> {
        let weekday = prose::weekday_name(shift(self.as_of, self.rng.range(0, 6)));
        let ago = |n: i64, unit: &str| match n {
            1 => format!("a {unit} ago"),
            n => format!("{} {unit}s ago", NUMBER_WORDS[usize::try_from(n).unwrap_or(2)]),
        };
        let (date, words) = match self.rng.below(8) {
            0 => ("yesterday".to_owned(), "yesterday".to_owned()),
            1 | 2 => (format!("last {weekday}"), format!("last {weekday}")),
            3 => (format!("this {weekday}"), format!("on {weekday}")),
            4 => (ago(self.rng.range(2, 6), "day"), String::new()),
            5 => (ago(self.rng.range(1, 3), "week"), String::new()),
            6 => (ago(self.rng.range(2, 11), "month"), String::new()),
            _ => (ago(self.rng.range(1, 5), "year"), String::new()),
        };
        let rel = date.parse::<Relative>().ok()?;
        let window = rel.resolve(self.published.window())?;
        let words = if words.is_empty() { date } else { words };
        (window.first() < self.as_of).then_some((rel, words))
    }

    fn date(&mut self, place: &Locality) -> Draft {
        let t: Dated = *self.rng.pick(&DATED);
        let event = Term::from(format!("{}{}", place.key, t.event));
        let mut case = self.rng.weighted(&[
            (DateCase::Backed, 34),
            (DateCase::Relative, 16),
            (DateCase::Counted, 6),
            (DateCase::Since, 6),
            (DateCase::Overruled, 6),
            (DateCase::Forecast, 6),
            (DateCase::Wrong, 8),
            (DateCase::OtherMeasure, 7),
            (DateCase::Coarse, 5),
            (DateCase::Unsettled, 3),
            (DateCase::Disputed, 4),
        ]);
        if case == DateCase::Since && t.since.is_none() || case == DateCase::Counted && self.anchors.is_empty() {
            case = DateCase::Backed;
        }
        let world = self.world;
        let x = self.past_day(4);
        let main = match case {
            DateCase::Overruled => self.source(SourceKind::Wire),
            DateCase::Disputed => self.source(SourceKind::Primary),
            _ => self.any_source(),
        };
        let mut facts = Facts::new();
        let base = format!("{event}-{}", t.measure);
        let mut fact_spec = if case == DateCase::Backed { self.fact_date(x) } else { day(x) };
        let mut qualifier = DateQualifier::On;
        let mut anchor = None;
        let mut when: String;
        let claimed: DateExpr;
        let mut window = None;
        match case {
            DateCase::Relative | DateCase::Counted => {
                let picked =
                    if case == DateCase::Counted { self.counted() } else { self.relative().map(|(r, w)| (r, w, None)) };
                let Some((rel, words, from)) = picked else { return self.date(place) };
                let base_window = match from {
                    Some(i) => self.anchors[i].window,
                    None => self.published.window(),
                };
                let resolved = rel.resolve(base_window).unwrap_or(base_window);
                fact_spec = day(day_in(&mut self.rng, resolved, shift(self.as_of, -1)));
                anchor = from;
                claimed = DateExpr::Relative(rel);
                when = words;
            }
            DateCase::Since => {
                let latest = shift(month_of(self.as_of).window().first(), -1).max(x);
                let d = day_in(&mut self.rng, DateWindow::new(x, latest), self.as_of);
                let said = if self.rng.chance(50) { PartialDate::Year(d.year()) } else { month_of(d) };
                qualifier = DateQualifier::NoLaterThan;
                claimed = DateExpr::Absolute(DateSpec::Single(said));
                when = prose::date(said);
            }
            DateCase::Forecast => {
                let ahead = shift(self.as_of, self.rng.range(30, 240));
                let expected = if self.rng.chance(50) { part_of(ahead) } else { month_of(ahead) };
                claimed = DateExpr::Absolute(DateSpec::Single(expected));
                when = prose::when(expected);
                fact_spec = DateSpec::Single(expected);
            }
            DateCase::Wrong => {
                let back = shift(x, -self.rng.range(120, 400));
                let said = *self.rng.pick(&[PartialDate::Day(back), month_of(back), part_of(back)]);
                claimed = DateExpr::Absolute(DateSpec::Single(said));
                when = prose::when(said);
            }
            DateCase::OtherMeasure => {
                let earlier = shift(x, -self.rng.range(40, 150));
                let said = if self.rng.chance(50) { PartialDate::Day(earlier) } else { month_of(earlier) };
                facts.add(
                    &format!("{event}-{}", t.other),
                    &event,
                    t.other,
                    FactValue::Date(day(earlier)),
                    Validity::Always,
                    vec![world.id(self.any_source())],
                );
                claimed = DateExpr::Absolute(DateSpec::Single(said));
                when = prose::when(said);
            }
            DateCase::Coarse => {
                fact_spec = DateSpec::Single(month_of(x));
                claimed = DateExpr::Absolute(day(x));
                when = prose::when(PartialDate::Day(x));
            }
            _ => {
                let said = self.covering(fact_spec);
                claimed = DateExpr::Absolute(DateSpec::Single(said));
                when = prose::when(said);
                // Later claims may count from a date claim backed as written.
                if case == DateCase::Backed {
                    window = Some(said.window());
                }
            }
        }
        let id = world.id(main);
        if case == DateCase::Forecast {
            let said_at = shift(self.as_of, -self.rng.range(3, 60));
            let fact = facts.add(
                &format!("{base}-expected"),
                &event,
                t.measure,
                FactValue::Date(fact_spec),
                Validity::AsOf(day(said_at)),
                vec![id.clone()],
            );
            fact.forecast = true;
            // What happened, known only after the article: a recheck shows the change.
            let happened = shift(fact_spec.window().first(), self.rng.range(-5, 40));
            let source = self.any_source();
            facts.add(
                &base,
                &event,
                t.measure,
                FactValue::Date(day(happened)),
                Validity::Always,
                vec![world.id(source)],
            );
        } else if case == DateCase::Unsettled {
            let fact = facts.add(
                &base,
                &event,
                t.measure,
                FactValue::Unsettled,
                Validity::AsOf(day(shift(x, 2))),
                vec![id.clone()],
            );
            fact.note = Some("Reports give no date; the organisers have not confirmed one.".to_owned());
        } else {
            facts.add(&base, &event, t.measure, FactValue::Date(fact_spec), Validity::Always, vec![id.clone()]);
        }
        match case {
            DateCase::Overruled => {
                let other = day(shift(x, self.rng.range(1, 4)));
                let source = self.source(SourceKind::Secondary);
                let fact = facts.add(
                    &format!("{base}-secondary"),
                    &event,
                    t.measure,
                    FactValue::Date(other),
                    Validity::Always,
                    vec![world.id(source)],
                );
                fact.note = Some("A later report gives another day; the wire report is more direct.".to_owned());
            }
            DateCase::Disputed => {
                let other = day(shift(x, self.rng.range(2, 30)).min(self.as_of));
                let (_, source) = self.two_sources(SourceKind::Primary);
                facts.add(
                    &format!("{base}-disputed"),
                    &event,
                    t.measure,
                    FactValue::Date(other),
                    Validity::Always,
                    vec![world.id(source)],
                );
            }
            DateCase::Backed if self.rng.chance(25) => {
                let earlier = day(shift(x, -self.rng.range(20, 90)));
                facts.add(
                    &format!("{event}-{}", t.other),
                    &event,
                    t.other,
                    FactValue::Date(earlier),
                    Validity::Always,
                    vec![world.id(self.any_source())],
                );
            }
            _ => {}
        }
        let template = match case {
            DateCase::Forecast => t.expected,
            DateCase::Since => t.since.unwrap_or(t.says),
            _ => t.says,
        };
        if case == DateCase::Since {
            when = fill(template, &[("place", &place.name), ("date", &when)]);
        } else {
            when = fill(template, &[("place", &place.name), ("when", &when)]);
        }
        let (sentence, text) = self.sentence(&when);
        let relative_to = match anchor {
            Some(i) => Anchor::Claim(self.anchors[i].claim.id.clone()),
            None => Anchor::Article,
        };
        let assertion = Assertion::Date(DateAssertion {
            event: event.clone(),
            measure: Term::from(t.measure),
            date: claimed,
            relative_to,
            qualifier,
        });
        let mut draft = Draft::new(sentence, text, assertion);
        draft.note = match (case, anchor) {
            (DateCase::Since, _) => {
                Some("\"Since at least\" is read as: it began no later than the end of that date.".to_owned())
            }
            (_, Some(i)) => Some(format!("Counted from the date of `{}`.", self.anchors[i].claim.id)),
            (DateCase::Forecast, _) => Some("An expectation, as reported at the time.".to_owned()),
            _ => None,
        };
        draft.sources = vec![id];
        draft.anchor = anchor;
        draft.window = window;
        if self.rng.chance(30)
            && matches!(fact_spec, DateSpec::Single(_))
            && case != DateCase::Unsettled
            && case != DateCase::Forecast
        {
            let DateSpec::Single(p) = fact_spec else { return draft };
            let words = fill(t.reports, &[("place", &place.name), ("when", &prose::when(p))]);
            draft.excerpts.push((
                main,
                Excerpt {
                    text: format!("{words}."),
                    speaker: world.speakers[main].clone(),
                    quoting: None,
                    cut_short: false,
                },
            ));
        }
        draft.facts = facts.facts;
        draft
    }

    /// A date counted from an earlier date claim of the article ("two years
    /// later"), if one leaves room before the article's date.
    fn counted(&mut self) -> Option<(Relative, String, Option<usize>)> {
        let i = self.rng.index(self.anchors.len());
        let (n, unit) =
            if self.rng.chance(50) { (self.rng.range(1, 3), "year") } else { (self.rng.range(2, 10), "month") };
        let words = match n {
            1 => format!("a {unit} later"),
            n => format!("{} {unit}s later", NUMBER_WORDS[usize::try_from(n).unwrap_or(2)]),
        };
        let rel = words.parse::<Relative>().ok()?;
        let resolved = rel.resolve(self.anchors[i].window)?;
        (resolved.first() < self.as_of).then_some((rel, words, Some(i)))
    }

    fn chair(&mut self, place: &Locality) -> Draft {
        let subject = Term::from(format!("{}-council", place.key));
        let n = self.people.len();
        let first = self.rng.index(n);
        let second = (first + 1 + self.rng.index(n - 1)) % n;
        let (before, now) = (self.people[first].clone(), self.people[second].clone());
        let case = self.rng.weighted(&[(0, 70), (1, 18), (2, 12)]);
        let change = shift(self.as_of, -self.rng.range(if case == 2 { 200 } else { 40 }, 1500));
        let began = shift(change, -self.rng.range(700, 2200));
        let ended = month_of(shift(month_of(change).window().first(), -1));
        let world = self.world;
        let mut facts = Facts::new();
        let predicate = "chaired-by";
        let source = self.any_source();
        let period = |from: PartialDate, to: Option<PartialDate>| Validity::Period {
            from: Some(DateSpec::Single(from)),
            to: to.map(DateSpec::Single),
        };
        let object = |person: &Person| FactValue::Object { object: person.id.clone(), date: None, organisation: None };
        facts.add(
            &format!("{subject}-chair-{}", before.id),
            &subject,
            predicate,
            object(&before),
            period(month_of(began), Some(ended)),
            vec![world.id(self.any_source())],
        );
        let until = if case == 2 { Some(month_of(shift(self.as_of, -40))) } else { None };
        facts.add(
            &format!("{subject}-chair-{}", now.id),
            &subject,
            predicate,
            object(&now),
            period(month_of(change), until),
            vec![world.id(source)],
        );
        let named = if case == 1 { &before } else { &now };
        let core = format!("the {} council is chaired by {}", place.name, named.name);
        let (sentence, text) = self.sentence(&core);
        let assertion = Assertion::Event(Triple {
            subject,
            predicate: Term::from(predicate),
            object: named.id.clone(),
            date: None,
            relative_to: Anchor::Article,
            organisation: None,
        });
        let mut draft = Draft::new(sentence, text, assertion);
        draft.sources = vec![world.id(source)];
        draft.facts = facts.facts;
        draft
    }

    /// The case of an event or attribution claim.
    fn object_case(&mut self) -> ObjectCase {
        self.rng.weighted(&[
            (ObjectCase::Same, 48),
            (ObjectCase::Broader, 13),
            (ObjectCase::Narrower, 5),
            (ObjectCase::Sibling, 6),
            (ObjectCase::Unrelated, 6),
            (ObjectCase::WrongDate, 5),
            (ObjectCase::Coarse, 4),
            (ObjectCase::Unsettled, 5),
        ])
    }

    /// The objects of a claim and of its fact, with their labels and any
    /// term they need defined: `(claimed, claimed label, fact object)`.
    fn objects(
        &mut self,
        case: ObjectCase,
        reasons: bool,
        place: &Locality,
        terms: &mut Vec<Definition>,
    ) -> (Term, String, Term) {
        let categories: Vec<&Category> = CATEGORIES.iter().filter(|c| c.reasons == reasons).collect();
        let category = *self.rng.pick(&categories);
        let (member, label) = *self.rng.pick(category.members);
        let (broad, broad_label) = category.term;
        let specific = |terms: &mut Vec<Definition>| {
            let term = Term::from(format!("{}-{member}", place.key));
            terms.push(Definition {
                term: term.clone(),
                label: Some(format!("{label} in {}", place.name)),
                broader: vec![Term::from(member)],
                part_of: Vec::new(),
            });
            (term, format!("{label} in {}", place.name))
        };
        match case {
            ObjectCase::Broader if self.rng.chance(50) => {
                let (fact, _) = specific(terms);
                (Term::from(member), label.to_owned(), fact)
            }
            ObjectCase::Broader => (Term::from(broad), broad_label.to_owned(), Term::from(member)),
            ObjectCase::Narrower if self.rng.chance(50) => (Term::from(member), label.to_owned(), Term::from(broad)),
            ObjectCase::Narrower => {
                let (claimed, claimed_label) = specific(terms);
                (claimed, claimed_label, Term::from(member))
            }
            ObjectCase::Sibling => {
                let others: Vec<&(&str, &str)> = category.members.iter().filter(|(m, _)| *m != member).collect();
                let (sibling, sibling_label) = **self.rng.pick(&others);
                (Term::from(sibling), sibling_label.to_owned(), Term::from(member))
            }
            ObjectCase::Unrelated => {
                let others: Vec<&&Category> = categories.iter().filter(|c| c.term != category.term).collect();
                let elsewhere = *self.rng.pick(&others);
                let (other, other_label) = *self.rng.pick(elsewhere.members);
                (Term::from(other), other_label.to_owned(), Term::from(member))
            }
            _ if self.rng.chance(35) => {
                let (term, term_label) = specific(terms);
                (term.clone(), term_label, term)
            }
            _ => (Term::from(member), label.to_owned(), Term::from(member)),
        }
    }

    /// Drafts an event or attribution: `subject` `predicate` the object,
    /// in `words` (with `{object}`), maybe dated.
    fn triple(
        &mut self,
        place: &Locality,
        subject: Term,
        predicate: &str,
        words: &str,
        reasons: bool,
        kind: ClaimKind,
    ) -> Draft {
        let case = self.object_case();
        let mut terms = Vec::new();
        let (claimed, label, object) = self.objects(case, reasons, place, &mut terms);
        let world = self.world;
        let x = self.past_day(2);
        let dated = kind == ClaimKind::Event
            || self.rng.chance(50)
            || matches!(case, ObjectCase::WrongDate | ObjectCase::Coarse);
        let fact_date = match case {
            ObjectCase::Coarse => Some(DateSpec::Single(month_of(x))),
            _ if dated => Some(day(x)),
            _ => None,
        };
        let claim_date: Option<(DateExpr, String)> = match case {
            ObjectCase::Coarse => Some((DateExpr::Absolute(day(x)), prose::when(PartialDate::Day(x)))),
            ObjectCase::WrongDate => {
                let back = shift(x, -self.rng.range(90, 500));
                let said = if self.rng.chance(50) { month_of(back) } else { PartialDate::Day(back) };
                Some((DateExpr::Absolute(DateSpec::Single(said)), prose::when(said)))
            }
            _ if fact_date.is_some() && self.rng.chance(55) => {
                let said = self.covering(day(x));
                Some((DateExpr::Absolute(DateSpec::Single(said)), prose::when(said)))
            }
            _ => None,
        };
        let source = self.any_source();
        let mut facts = Facts::new();
        let base = format!("{subject}-{predicate}");
        if case == ObjectCase::Unsettled {
            let fact = facts.add(
                &base,
                &subject,
                predicate,
                FactValue::Unsettled,
                Validity::AsOf(day(x)),
                vec![world.id(source)],
            );
            fact.note =
                Some("The only report is second-hand and names no decision; the minutes are not public.".to_owned());
        } else {
            let value = FactValue::Object { object, date: fact_date, organisation: None };
            facts.add(&base, &subject, predicate, value, Validity::Always, vec![world.id(source)]);
        }
        let mut core = fill(words, &[("object", &label)]);
        if let Some((_, when)) = &claim_date {
            core = format!("{core} {when}");
        }
        let (sentence, text) = self.sentence(&core);
        let triple = Triple {
            subject,
            predicate: Term::from(predicate),
            object: claimed,
            date: claim_date.map(|(d, _)| d),
            relative_to: Anchor::Article,
            organisation: None,
        };
        let assertion =
            if kind == ClaimKind::Event { Assertion::Event(triple) } else { Assertion::Attribution(triple) };
        let mut draft = Draft::new(sentence, text, assertion);
        draft.sources = vec![world.id(source)];
        draft.facts = facts.facts;
        draft.terms = terms;
        draft
    }

    fn event(&mut self, place: &Locality) -> Draft {
        let actor = *self.rng.pick(&prose::ACTORS);
        let (predicate, verb) = *self.rng.pick(&ACTIONS);
        let subject = Term::from(format!("{}{}", place.key, actor.subject));
        let words = format!("{} {verb} {{object}}", fill(actor.name, &[("place", &place.name)]));
        self.triple(place, subject, predicate, &words, false, ClaimKind::Event)
    }

    fn attribution(&mut self, place: &Locality) -> Draft {
        let (who, name) = *self.rng.pick(&SPEAKERS);
        let (predicate, says, reasons) = *self.rng.pick(&STANCES);
        let subject = Term::from(format!("{}{who}", place.key));
        let speaker = fill(name, &[("place", &place.name)]);
        let words = says.replace("{speaker}", &speaker);
        self.triple(place, subject, predicate, &words, reasons, ClaimKind::Attribution)
    }

    fn quote(&mut self, place: &Locality) -> Draft {
        let world = self.world;
        let case = self.rng.weighted(&[
            (QuoteCase::Verbatim, 55),
            (QuoteCase::WrongSpeaker, 15),
            (QuoteCase::Paraphrased, 15),
            (QuoteCase::Misquoted, 15),
        ]);
        let quotation = Quotation::new(&mut self.rng, &place.name, &place.landmark);
        let words = quotation.words();
        // A public body speaks for itself in its own statements; a person through the press.
        let body = self.rng.chance(20).then(|| self.source(SourceKind::Primary));
        let p = self.rng.index(self.people.len());
        let person = self.people[p].clone();
        let others: Vec<usize> = (0..self.people.len()).filter(|&i| i != p).collect();
        let other = self.people[*self.rng.pick(&others)].clone();
        let (speaker, name) = match body {
            Some(b) => (world.speakers[b].clone(), format!("the {}", world.body_name(b))),
            None => (person.id.clone(), person.name.clone()),
        };
        let (text, quoted) = if self.rng.chance(50) {
            let quoted = prose::sentence_case(&words);
            (capitalise(&format!("“{quoted},” {name} told reporters")), quoted)
        } else if body.is_some() {
            (capitalise(&format!("{name} said “{words}”")), words.clone())
        } else {
            (format!("{name}, {}, said “{words}”", person.role), words.clone())
        };
        let sentence = format!("{text}.");
        let upper = prose::sentence_case(&words);
        let press = self.world.press(&mut self.rng, self.as_of);
        let weekday = prose::weekday_name(shift(self.as_of, -self.rng.range(1, 6)));
        let outlet = |source: usize, text: String, quoting: Option<Term>| {
            (source, Excerpt { text, speaker: world.speakers[source].clone(), quoting, cut_short: false })
        };
        let mut excerpts = Vec::new();
        match (case, body) {
            (QuoteCase::Verbatim, Some(b)) => {
                excerpts.push((
                    b,
                    Excerpt { text: format!("{upper}."), speaker: speaker.clone(), quoting: None, cut_short: false },
                ));
            }
            (QuoteCase::Verbatim, None) => {
                let text = if self.rng.chance(50) {
                    format!("“{upper},” {} told reporters on {weekday}.", person.name)
                } else {
                    format!("Speaking on {weekday}, {} said: “{upper}.”", person.name)
                };
                excerpts.push(outlet(press, text, Some(speaker.clone())));
            }
            (QuoteCase::WrongSpeaker, _) => {
                let text = format!("“{upper},” said {}, {}.", other.name, other.role);
                excerpts.push(outlet(press, text, Some(other.id.clone())));
            }
            (QuoteCase::Paraphrased, _) => {
                // The outlet's own prose, with the words verbatim or retold; the article puts it in quotation marks.
                let retold = if self.rng.chance(50) { prose::paraphrase(&words) } else { None };
                let text = format!("{} said {}.", capitalise(&name), retold.unwrap_or_else(|| words.clone()));
                excerpts.push(outlet(press, text, None));
            }
            (QuoteCase::Misquoted, Some(b)) => {
                let said = prose::sentence_case(&quotation.altered(&mut self.rng).words());
                excerpts.push((
                    b,
                    Excerpt { text: format!("{said}."), speaker: speaker.clone(), quoting: None, cut_short: false },
                ));
            }
            (QuoteCase::Misquoted, None) => {
                let said = prose::sentence_case(&quotation.altered(&mut self.rng).words());
                let text = format!("{} said on {weekday}: “{said}.”", person.name);
                excerpts.push(outlet(press, text, Some(speaker.clone())));
            }
        }
        // Other outlets retell what was said, in their own words.
        if case == QuoteCase::Verbatim && self.rng.chance(25) {
            let retold = self.world.press(&mut self.rng, self.as_of);
            let text =
                format!("According to {}, {}.", name, prose::paraphrase(&words).unwrap_or_else(|| words.clone()));
            excerpts.push(outlet(retold, text, None));
        }
        let assertion = Assertion::Quote(QuoteAssertion { speaker, words: quoted });
        let mut draft = Draft::new(sentence, text, assertion);
        if case == QuoteCase::Paraphrased && self.rng.chance(50) {
            draft.note = Some("Only an outlet's report of the words was found.".to_owned());
        }
        draft.sources = vec![world.id(excerpts[0].0)];
        draft.excerpts = excerpts;
        draft
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roundings_read_like_a_reporter_s() {
        assert_eq!(round_near(2480, 2), 2500);
        assert_eq!(round_down(2480, 2), 2400);
        assert_eq!(round_up(2480, 2), 2500);
        assert_eq!(round_up(7, 2), 7);
        assert_eq!(scale(200, 150), 300);
    }
}
