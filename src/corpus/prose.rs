//! The English the corpus is written in: what each kind of claim says,
//! dates and numbers as people write them, quotations, headlines, and the
//! filler sentences around the claims.
//!
//! Templates hold `{place}` (the claim's locality), `{value}`, `{when}` and
//! similar slots; [`fill`] replaces them. Nothing here draws a verdict: the
//! tables only say how a claim reads.

use jiff::civil::Date;

use crate::date::{MonthPart, PartialDate};
use crate::progress::thousands;

use super::rng::Rng;
use super::words::capitalise;

use crate::date::MONTH_NAMES as MONTHS;

const WEEKDAYS: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/// Numbers one to twelve in words, as relative dates are written.
pub const NUMBER_WORDS: [&str; 13] =
    ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];

/// Replaces each `{name}` of `template` with its value in `slots`.
pub fn fill(template: &str, slots: &[(&str, &str)]) -> String {
    let mut out = template.to_owned();
    for (name, value) in slots {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// The month's name.
pub fn month_name(month: i8) -> &'static str {
    MONTHS[usize::try_from(month - 1).unwrap_or(0) % 12]
}

/// The weekday's name.
pub fn weekday_name(date: Date) -> &'static str {
    WEEKDAYS[usize::try_from(date.weekday().to_monday_zero_offset()).unwrap_or(0)]
}

/// A partial date as a reader sees it, without preposition: `4 May 2023`,
/// `May 2023`, `early May 2023`, `mid-May 2023`, `2023`.
pub fn date(date: PartialDate) -> String {
    match date {
        PartialDate::Day(d) => format!("{} {} {}", d.day(), month_name(d.month()), d.year()),
        PartialDate::Month(y, m) => format!("{} {y}", month_name(m)),
        PartialDate::Quarter(y, q) => format!(
            "the {} quarter of {y}",
            ["first", "second", "third", "fourth"][usize::try_from(q - 1).unwrap_or(0) % 4]
        ),
        PartialDate::PartOfMonth(MonthPart::Early, y, m) => format!("early {} {y}", month_name(m)),
        PartialDate::PartOfMonth(MonthPart::Mid, y, m) => format!("mid-{} {y}", month_name(m)),
        PartialDate::PartOfMonth(MonthPart::Late, y, m) => format!("late {} {y}", month_name(m)),
        PartialDate::Year(y) => format!("{y}"),
    }
}

/// A partial date with its preposition: `on 4 May 2023`, `in May 2023`.
pub fn when(d: PartialDate) -> String {
    match d {
        PartialDate::Day(_) => format!("on {}", date(d)),
        _ => format!("in {}", date(d)),
    }
}

/// An amount kept in tenths, as written: `12.5`, `3`, `1,200.5`.
pub fn tenths(n: u64) -> String {
    if n.is_multiple_of(10) { thousands(n / 10) } else { format!("{}.{}", thousands(n / 10), n % 10) }
}

/// What a quantity claim or fact is about: one kind of figure, said one way.
#[derive(Clone, Copy, Debug)]
pub struct Quantity {
    /// Appended to the locality's id to make the subject (`-general-hospital`).
    pub subject: &'static str,
    /// The measure the claims are about.
    pub measure: &'static str,
    /// Another measure of the same subject, in the same unit: the figure a
    /// claim with the wrong scope quotes.
    pub other: &'static str,
    /// The unit, as facts and claims name it.
    pub unit: &'static str,
    /// The range of values, in whole units or tenths.
    pub low: u64,
    /// See `low`.
    pub high: u64,
    /// Whether values have one decimal (kept as tenths).
    pub tenths: bool,
    /// How the figure holds over time.
    pub held: Held,
    /// The claim's words: `{place}`, `{value}` (qualifier and number).
    pub says: &'static str,
    /// A source's sentence stating the fact: `{place}`, `{value}`, `{date}`.
    pub reports: &'static str,
}

/// How a figure holds over time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Held {
    /// Observed now and then (`as_of`), each observation replacing the last.
    Observed,
    /// Set for periods (`valid_from`/`valid_to`).
    Periods,
    /// Does not change (no validity).
    Timeless,
}

/// The kinds of figure quantity claims are about.
pub const QUANTITIES: [Quantity; 12] = [
    Quantity {
        subject: "-general-hospital",
        measure: "beds",
        other: "planned-beds",
        unit: "beds",
        low: 80,
        high: 4000,
        tenths: false,
        held: Held::Observed,
        says: "{place} General Hospital has {value} beds",
        reports: "{place} General Hospital had {value} beds as of {date}",
    },
    Quantity {
        subject: "-electorate",
        measure: "registered-voters",
        other: "votes-cast",
        unit: "voters",
        low: 2000,
        high: 900_000,
        tenths: false,
        held: Held::Observed,
        says: "{value} voters are registered in {place}",
        reports: "The register for {place} listed {value} voters on {date}",
    },
    Quantity {
        subject: "-port",
        measure: "annual-cargo",
        other: "cargo-capacity",
        unit: "tonnes",
        low: 10_000,
        high: 5_000_000,
        tenths: false,
        held: Held::Observed,
        says: "the port of {place} handled {value} tonnes of cargo last year",
        reports: "The port of {place} handled {value} tonnes of cargo in the year to {date}",
    },
    Quantity {
        subject: "-wind-farm",
        measure: "capacity",
        other: "average-output",
        unit: "megawatts",
        low: 10,
        high: 900,
        tenths: false,
        held: Held::Timeless,
        says: "the {place} wind farm has a capacity of {value} megawatts",
        reports: "The {place} wind farm is rated at {value} megawatts",
    },
    Quantity {
        subject: "-school-district",
        measure: "teachers",
        other: "teacher-vacancies",
        unit: "teachers",
        low: 40,
        high: 6000,
        tenths: false,
        held: Held::Observed,
        says: "the {place} school district employs {value} teachers",
        reports: "The {place} school district employed {value} teachers on {date}",
    },
    Quantity {
        subject: "-bridge",
        measure: "length",
        other: "main-span",
        unit: "metres",
        low: 60,
        high: 2400,
        tenths: false,
        held: Held::Timeless,
        says: "the {place} bridge is {value} metres long",
        reports: "The {place} bridge measures {value} metres from end to end",
    },
    Quantity {
        subject: "-floods",
        measure: "displaced",
        other: "evacuated",
        unit: "people",
        low: 50,
        high: 20_000,
        tenths: false,
        held: Held::Observed,
        says: "the floods in {place} displaced {value} people",
        reports: "By {date}, {value} people had been displaced by the floods in {place}",
    },
    Quantity {
        subject: "-labour-market",
        measure: "unemployment-rate",
        other: "youth-unemployment-rate",
        unit: "percent",
        low: 20,
        high: 250,
        tenths: true,
        held: Held::Observed,
        says: "unemployment in {place} stands at {value} percent",
        reports: "Unemployment in {place} was {value} percent in the quarter to {date}",
    },
    Quantity {
        subject: "",
        measure: "population",
        other: "households",
        unit: "residents",
        low: 1000,
        high: 2_000_000,
        tenths: false,
        held: Held::Observed,
        says: "{place} is home to {value} residents",
        reports: "{place} had {value} residents at the count of {date}",
    },
    Quantity {
        subject: "-municipal-budget",
        measure: "allocated",
        other: "spent",
        unit: "million euros",
        low: 10,
        high: 9000,
        tenths: true,
        held: Held::Periods,
        says: "the {place} council set aside {value} million euros this year",
        reports: "The {place} council's budget allocates {value} million euros",
    },
    Quantity {
        subject: "-rail-line",
        measure: "length",
        other: "electrified-length",
        unit: "kilometres",
        low: 5,
        high: 400,
        tenths: false,
        held: Held::Timeless,
        says: "the {place} rail line runs for {value} kilometres",
        reports: "The {place} line is {value} kilometres long",
    },
    Quantity {
        subject: "-minimum-wage",
        measure: "hourly-rate",
        other: "apprentice-hourly-rate",
        unit: "euros",
        low: 30,
        high: 150,
        tenths: true,
        held: Held::Periods,
        says: "the minimum wage in {place} is {value} euros an hour",
        reports: "The minimum wage in {place} is set at {value} euros an hour",
    },
];

/// An event whose date claims give.
#[derive(Clone, Copy, Debug)]
pub struct Dated {
    /// Appended to the locality's id to make the event (`-bridge-reopening`).
    pub event: &'static str,
    /// The measure the claims date (`date` is written by leaving it out).
    pub measure: &'static str,
    /// Another dated measure of the same event, earlier: the date a claim
    /// with the wrong scope gives.
    pub other: &'static str,
    /// The claim's words: `{place}`, `{when}`.
    pub says: &'static str,
    /// The words of an expectation: `{place}`, `{when}`.
    pub expected: &'static str,
    /// "Since at least" words for `no-later-than` claims: `{place}`, `{date}`.
    pub since: Option<&'static str>,
    /// A source's sentence stating the date: `{place}`, `{when}`.
    pub reports: &'static str,
}

/// The events date claims are about.
pub const DATED: [Dated; 10] = [
    Dated {
        event: "-bridge-reopening",
        measure: "date",
        other: "announcement-date",
        says: "the {place} bridge reopened to traffic {when}",
        expected: "the {place} bridge is expected to reopen {when}",
        since: None,
        reports: "The {place} bridge reopened to traffic {when}",
    },
    Dated {
        event: "-ceasefire",
        measure: "start-date",
        other: "signing-date",
        says: "a ceasefire took effect in {place} {when}",
        expected: "a ceasefire in {place} is expected to take effect {when}",
        since: Some("a ceasefire has held in {place} since at least {date}"),
        reports: "The ceasefire in {place} took effect {when}",
    },
    Dated {
        event: "-municipal-election",
        measure: "date",
        other: "announcement-date",
        says: "{place} held its municipal election {when}",
        expected: "{place} is expected to hold its municipal election {when}",
        since: None,
        reports: "Voters in {place} went to the polls {when}",
    },
    Dated {
        event: "-textile-factory-closure",
        measure: "date",
        other: "announcement-date",
        says: "the {place} textile factory closed its gates {when}",
        expected: "the {place} textile factory is expected to close {when}",
        since: None,
        reports: "The textile factory in {place} closed {when}",
    },
    Dated {
        event: "-dock-strike",
        measure: "start-date",
        other: "ballot-date",
        says: "dock workers in {place} went on strike {when}",
        expected: "dock workers in {place} are expected to strike {when}",
        since: Some("dock workers in {place} have been on strike since at least {date}"),
        reports: "Dock workers in {place} walked out {when}",
    },
    Dated {
        event: "-museum-opening",
        measure: "date",
        other: "announcement-date",
        says: "the {place} museum opened its doors {when}",
        expected: "the {place} museum is expected to open {when}",
        since: None,
        reports: "The new museum in {place} opened {when}",
    },
    Dated {
        event: "-dam-inspection",
        measure: "date",
        other: "order-date",
        says: "inspectors examined the {place} dam {when}",
        expected: "inspectors are expected to examine the {place} dam {when}",
        since: None,
        reports: "Inspectors visited the {place} dam {when}",
    },
    Dated {
        event: "-night-curfew",
        measure: "start-date",
        other: "decree-date",
        says: "a night curfew was imposed in {place} {when}",
        expected: "a night curfew is expected in {place} {when}",
        since: Some("{place} has been under a night curfew since at least {date}"),
        reports: "A night curfew came into force in {place} {when}",
    },
    Dated {
        event: "-water-outage",
        measure: "start-date",
        other: "warning-date",
        says: "the taps ran dry in {place} {when}",
        expected: "the water supply in {place} is expected to be cut {when}",
        since: Some("parts of {place} have been without running water since at least {date}"),
        reports: "The water supply in {place} failed {when}",
    },
    Dated {
        event: "-trade-fair",
        measure: "date",
        other: "announcement-date",
        says: "the {place} trade fair opened {when}",
        expected: "the {place} trade fair is expected to open {when}",
        since: None,
        reports: "The trade fair in {place} opened {when}",
    },
];

/// A body that acts in event claims: `{place}` council and the like.
#[derive(Clone, Copy, Debug)]
pub struct Actor {
    /// Appended to the locality's id to make the subject.
    pub subject: &'static str,
    /// How the article names it: `{place}`.
    pub name: &'static str,
}

/// The bodies event claims are about.
pub const ACTORS: [Actor; 6] = [
    Actor { subject: "-council", name: "the {place} council" },
    Actor { subject: "-port-authority", name: "the {place} port authority" },
    Actor { subject: "-water-board", name: "the {place} water board" },
    Actor { subject: "-regional-assembly", name: "the regional assembly in {place}" },
    Actor { subject: "-hospital-trust", name: "the {place} hospital trust" },
    Actor { subject: "-transport-agency", name: "the {place} transport agency" },
];

/// What bodies do in event claims: the predicate and its verb.
pub const ACTIONS: [(&str, &str); 6] = [
    ("approved", "approved"),
    ("postponed", "postponed"),
    ("suspended", "suspended"),
    ("launched", "launched"),
    ("rejected", "rejected"),
    ("completed", "completed"),
];

/// Who speaks in attribution claims: appended to the locality's id, and named.
pub const SPEAKERS: [(&str, &str); 6] = [
    ("-mayor", "the mayor of {place}"),
    ("-chamber-of-commerce", "the {place} chamber of commerce"),
    ("-teachers-union", "the {place} teachers’ union"),
    ("-residents-association", "the {place} residents’ association"),
    ("-police-chief", "the {place} police chief"),
    ("-farmers-cooperative", "the {place} farmers’ cooperative"),
];

/// What speakers say in attribution claims: the predicate, the words
/// (`{speaker}`, `{object}`), and whether the objects are reasons or measures.
pub const STANCES: [(&str, &str, bool); 4] = [
    ("blamed-delay-on", "{speaker} blamed the delay on {object}", true),
    ("gave-reason-for-closure", "{speaker} said the closure was due to {object}", true),
    ("called-for", "{speaker} called for {object}", false),
    ("opposed", "{speaker} came out against {object}", false),
];

/// A group of terms under one broader term.
#[derive(Clone, Copy, Debug)]
pub struct Category {
    /// The broader term and its label.
    pub term: (&'static str, &'static str),
    /// The terms under it, with their labels.
    pub members: &'static [(&'static str, &'static str)],
    /// Whether these are reasons (for attributions) rather than measures.
    pub reasons: bool,
}

/// The vocabulary every corpus shares: what bodies decide, and the reasons
/// they give, each under a broader term.
pub const CATEGORIES: [Category; 10] = [
    Category {
        term: ("infrastructure-works", "infrastructure works"),
        members: &[
            ("bridge-repairs", "the bridge repairs"),
            ("road-widening", "the road widening"),
            ("rail-extension", "the rail extension"),
            ("port-dredging", "the dredging of the port"),
            ("tunnel-inspection", "the tunnel inspection"),
        ],
        reasons: false,
    },
    Category {
        term: ("public-health-measures", "public health measures"),
        members: &[
            ("vaccination-campaign", "a vaccination campaign"),
            ("water-testing", "testing of the water supply"),
            ("clinic-expansion", "the clinic expansion"),
            ("hospital-merger", "the hospital merger"),
        ],
        reasons: false,
    },
    Category {
        term: ("budget-decisions", "budget decisions"),
        members: &[
            ("budget-increase", "a budget increase"),
            ("spending-cuts", "spending cuts"),
            ("emergency-fund", "an emergency fund"),
            ("tax-rebate", "a tax rebate"),
        ],
        reasons: false,
    },
    Category {
        term: ("security-measures", "security measures"),
        members: &[
            ("night-curfew", "a night curfew"),
            ("checkpoint-closure", "the closure of checkpoints"),
            ("patrol-increase", "more police patrols"),
        ],
        reasons: false,
    },
    Category {
        term: ("environmental-rules", "environmental rules"),
        members: &[
            ("logging-ban", "a logging ban"),
            ("emissions-cap", "an emissions cap"),
            ("river-protection-zone", "a river protection zone"),
            ("plastic-bag-levy", "a levy on plastic bags"),
        ],
        reasons: false,
    },
    Category {
        term: ("education-reforms", "education reforms"),
        members: &[
            ("school-merger", "the school merger"),
            ("teacher-pay-rise", "a pay rise for teachers"),
            ("curriculum-review", "a review of the curriculum"),
            ("free-school-meals", "free school meals"),
        ],
        reasons: false,
    },
    Category {
        term: ("housing-policies", "housing policies"),
        members: &[
            ("rent-freeze", "a rent freeze"),
            ("social-housing-plan", "the social housing plan"),
            ("eviction-moratorium", "a moratorium on evictions"),
        ],
        reasons: false,
    },
    Category {
        term: ("financial-reasons", "financial reasons"),
        members: &[
            ("rising-costs", "rising costs"),
            ("falling-revenue", "falling revenue"),
            ("supplier-delays", "delays by suppliers"),
        ],
        reasons: true,
    },
    Category {
        term: ("safety-concerns", "safety concerns"),
        members: &[
            ("structural-damage", "structural damage"),
            ("flood-risk", "the risk of flooding"),
            ("fire-hazard", "a fire hazard"),
        ],
        reasons: true,
    },
    Category {
        term: ("political-reasons", "political reasons"),
        members: &[
            ("coalition-dispute", "a dispute in the ruling coalition"),
            ("upcoming-election", "the upcoming election"),
            ("court-challenge", "a court challenge"),
        ],
        reasons: true,
    },
];

/// Roles of people in an article, `{place}` being the article's region.
pub const ROLES: [&str; 12] = [
    "the mayor of {place}",
    "a spokesperson for the regional government",
    "the head of the {place} water board",
    "a local councillor",
    "the director of the port authority",
    "a union representative",
    "the regional health commissioner",
    "an opposition deputy",
    "the chair of the chamber of commerce",
    "a senior engineer",
    "the police commissioner",
    "a residents’ spokesperson",
];

/// One slot of a quotation: the words that can fill it.
type Pool = &'static [&'static str];

const WE: Pool =
    &["we", "our engineers", "the council", "my office", "our teams", "this administration", "our inspectors"];
const WILL: Pool = &["will", "are going to", "intend to", "have promised to", "must"];
const VERB: Pool = &[
    "reopen",
    "rebuild",
    "inspect",
    "repair",
    "expand",
    "replace",
    "close",
    "fund",
    "audit",
    "upgrade",
    "review",
    "modernise",
    "protect",
    "clear",
    "restore",
    "widen",
    "relocate",
    "monitor",
    "reinforce",
    "insure",
];
const ADJ: Pool = &[
    "old",
    "main",
    "northern",
    "southern",
    "eastern",
    "western",
    "new",
    "damaged",
    "busy",
    "historic",
    "municipal",
    "central",
    "flooded",
    "crowded",
    "narrow",
    "unused",
    "temporary",
    "regional",
    "riverside",
    "harbour",
];
const NOUN: Pool = &[
    "bridge",
    "crossing",
    "clinic",
    "market",
    "depot",
    "school",
    "pier",
    "station",
    "tunnel",
    "reservoir",
    "library",
    "stadium",
    "warehouse",
    "ferry terminal",
    "bus station",
    "water plant",
    "power line",
    "sea wall",
    "ring road",
    "hospital wing",
];
const TIME: Pool = &[
    "before the winter",
    "by the end of the year",
    "within two months",
    "before the spring floods",
    "as soon as the money arrives",
    "once the inspectors have finished",
    "next summer",
    "before the election",
    "this autumn",
    "within weeks",
    "by March",
    "after the holidays",
];
const COUNT: Pool = &["three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];
const PERIOD: Pool = &["weeks", "months", "years"];
const SERVICE: Pool = &[
    "a hospital bed",
    "clean water",
    "a school place",
    "a new passport",
    "a working bus line",
    "a building permit",
    "a family doctor",
    "a steady power supply",
];
const STATE: Pool = &[
    "safe",
    "unsafe",
    "beyond repair",
    "in good shape",
    "too expensive to run",
    "nearly finished",
    "overcrowded",
    "not fit for purpose",
];
const EXPERTS: Pool = &["engineers", "auditors", "inspectors", "doctors", "regulators", "residents"];
const DESERVES: Pool = &["deserves", "has earned", "is owed", "should get"];
const REWARD: Pool =
    &["an answer", "the money", "a fair hearing", "better roads", "its bridge back", "an apology", "a decision"];
const JUDGEMENT: Pool = &["a good day", "a sad day", "a turning point", "a wake-up call", "a victory", "a setback"];
const GROUP: Pool = &["family", "worker", "farmer", "student", "shopkeeper", "commuter", "nurse", "pensioner"];
const ACTION: Pool =
    &["lost a home", "waited for years", "paid their taxes", "kept going", "spoke up", "stayed through the winter"];
const CANNOT: Pool = &["cannot", "will not", "are not able to", "do not plan to"];
const EVENT: Pool = &["election", "budget vote", "next flood season", "audit", "summer", "court ruling"];
const WORKS: Pool =
    &["is working", "has failed", "needs more money", "was worth it", "is too small", "was built too late"];

/// The shapes quotations take; each slot names its pool, `{place}` and
/// `{landmark}` the claim's own two names, so that any two claims'
/// quotations differ in at least two words.
const QUOTES: [&str; 8] = [
    "{we} {will} {verb} the {adj} {landmark} {noun} in {place} {time}",
    "nobody in {place} should have to wait {count} {period} for {service} at {landmark}",
    "the {landmark} {noun} in {place} is {state}, and {we} {will} {verb} it {time}",
    "{we} did everything the {experts} asked at {landmark}, and {place} {deserves} {reward}",
    "this is {judgement} for {place} and for every {group} in {landmark} who {action}",
    "{count} {period} is too long to wait for the {landmark} {noun} in {place}",
    "{we} {cannot} {verb} the {noun} at {landmark} in {place} before the {event}",
    "the figures for {place} show that the {adj} {landmark} {noun} {works}",
];

fn pool(name: &str) -> Option<Pool> {
    Some(match name {
        "we" => WE,
        "will" => WILL,
        "verb" => VERB,
        "adj" => ADJ,
        "noun" => NOUN,
        "time" => TIME,
        "count" => COUNT,
        "period" => PERIOD,
        "service" => SERVICE,
        "state" => STATE,
        "experts" => EXPERTS,
        "deserves" => DESERVES,
        "reward" => REWARD,
        "judgement" => JUDGEMENT,
        "group" => GROUP,
        "action" => ACTION,
        "cannot" => CANNOT,
        "event" => EVENT,
        "works" => WORKS,
        _ => return None,
    })
}

/// A quotation as the pieces it was made of, so that one piece can be
/// changed (a misquote) while the rest stays.
#[derive(Clone, Debug)]
pub struct Quotation {
    pieces: Vec<(String, Option<Pool>)>,
}

impl Quotation {
    /// A new quotation about `place` and `landmark`.
    pub fn new(rng: &mut Rng, place: &str, landmark: &str) -> Quotation {
        let template = rng.word(&QUOTES);
        let mut pieces = Vec::new();
        for part in template.split(' ') {
            let (word, rest) = match part.strip_prefix('{').and_then(|p| p.split_once('}')) {
                Some((slot, rest)) => (slot, rest),
                None => {
                    pieces.push((part.to_owned(), None));
                    continue;
                }
            };
            let filled = match (word, pool(word)) {
                (_, Some(words)) => (format!("{}{rest}", rng.word(words)), Some(words)),
                ("landmark", None) => (format!("{landmark}{rest}"), None),
                _ => (format!("{place}{rest}"), None),
            };
            pieces.push(filled);
        }
        Quotation { pieces }
    }

    /// The words, lower case as they start.
    pub fn words(&self) -> String {
        self.pieces.iter().map(|(w, _)| w.as_str()).collect::<Vec<_>>().join(" ")
    }

    /// The same quotation with one word changed for another, not the first
    /// word: what a speaker really said when the claim misquotes them. One
    /// word and no more, so no other claim's quotation, which differs in two
    /// names at least, comes closer to the claim's words.
    pub fn altered(&self, rng: &mut Rng) -> Quotation {
        let single = |w: &&str| !w.contains(' ');
        let bare = |w: &str| w.trim_end_matches(|c: char| !c.is_alphanumeric()).to_owned();
        let slots: Vec<usize> = (1..self.pieces.len())
            .filter(|&i| {
                let (word, pool) = &self.pieces[i];
                let word = bare(word);
                pool.is_some_and(|p| !word.contains(' ') && p.iter().copied().filter(single).any(|w| w != word))
            })
            .collect();
        let mut out = self.clone();
        let Some(&at) = slots.get(rng.index(slots.len().max(1))) else { return out };
        let (word, Some(words)) = &self.pieces[at] else { return out };
        let trailing = &word[bare(word).len()..];
        let others: Vec<&str> = words.iter().copied().filter(single).filter(|w| *w != bare(word)).collect();
        out.pieces[at].0 = format!("{}{trailing}", rng.word(&others));
        out
    }
}

/// Reported speech: the first word that changes when an outlet retells a
/// quotation in its own words (first person into third, present into
/// past) is changed, and only that one, so the retelling stays closer to the
/// words than any other claim's quotation (see [`Quotation::altered`]).
/// `None` when no word would change.
pub fn paraphrase(words: &str) -> Option<String> {
    let turned = |w: &str| {
        Some(match w {
            "we" => "they",
            "our" => "their",
            "my" => "their",
            "will" => "would",
            "is" => "was",
            "are" => "were",
            "must" => "had to",
            "cannot" => "could not",
            "should" => "ought to",
            "this" => "that",
            _ => return None,
        })
    };
    let mut words: Vec<&str> = words.split(' ').collect();
    let at = words.iter().position(|w| turned(w).is_some())?;
    words[at] = turned(words[at])?;
    Some(words.join(" "))
}

/// The quotation's words starting with a capital, as they open a sentence.
pub fn sentence_case(words: &str) -> String {
    capitalise(words)
}

/// Opinions: judgements an article states, which no fact decides.
pub const OPINIONS: [&str; 8] = [
    "the decision to close the {noun} in {place} was a grave mistake",
    "{place} deserves far better than this",
    "it is a scandal that {place} still has no proper {noun}",
    "nobody in {place} believes these promises any more",
    "the plan for {place} is the best thing to happen to the region in years",
    "the handling of the {noun} in {place} has been shameful",
    "{place} was let down by everyone in charge",
    "the people of {place} have shown remarkable patience",
];

/// An opinion about `place`.
pub fn opinion(rng: &mut Rng, place: &str) -> String {
    fill(rng.word(&OPINIONS), &[("place", place), ("noun", rng.word(NOUN))])
}

/// Sentences that fill an article or a document between the claims:
/// `{region}`, `{person}`, `{weekday}`, `{number}`, `{group}`, `{org}`.
const FILLERS: [&str; 30] = [
    "Residents of {region} gathered outside the town hall on {weekday} evening.",
    "{person}, who has lived in {region} for {number} years, said the mood had changed.",
    "The regional government did not respond to a request for comment.",
    "Officials have been under pressure since the floods of last spring.",
    "Traffic on the coast road was slow for most of the day.",
    "Shops along the harbour front stayed open late.",
    "Several {group}s said they had not been consulted.",
    "The opposition has promised to raise the matter in the assembly.",
    "A spokesperson for the {org} declined to give details.",
    "Talks are expected to continue next week.",
    "{person} described the meeting as “long but useful”.",
    "Local newspapers have followed the story for months.",
    "The figures have not been independently verified.",
    "Critics say the plan came too late.",
    "It was not the first time the issue had divided the council.",
    "Forecasters expect more rain in the coming days.",
    "Farmers in the valley say prices have risen sharply.",
    "The last comparable dispute ended in a compromise.",
    "Volunteers handed out water and blankets on {weekday}.",
    "The mayor’s office published a short statement online.",
    "About {number} people attended a public meeting on the subject.",
    "Business owners in {region} are watching the talks closely.",
    "The {org} said it would publish its full report later in the year.",
    "{person} said the decision was expected but still hard to accept.",
    "Buses were diverted around the city centre for several hours.",
    "The question has come up at every council session this year.",
    "Many {group}s in {region} work in the port or on the farms inland.",
    "The dispute has drawn attention well beyond {region}.",
    "A court is due to hear a related case in the autumn.",
    "Prices for fuel and bread have been rising across the region.",
];

/// Sentences of a public body's statement or report, in its own words:
/// `{region}`, `{number}`, `{weekday}`, `{org}`. No one else is quoted, as a
/// full text is its speaker's words throughout.
const REPORTS: [&str; 24] = [
    "The figures in this report are provisional and may be revised.",
    "The office reviewed {number} applications from across {region} in the period.",
    "Consultations with residents continued throughout the year.",
    "The next update will be published at the end of the quarter.",
    "Work on the northern districts of {region} is expected to resume in the spring.",
    "The office thanks the staff of the {org} for their cooperation.",
    "Spending remained within the limits set by the regional assembly.",
    "A public meeting was held on {weekday} to present the findings.",
    "The methodology is unchanged from the previous edition.",
    "Delays in {number} projects were caused by the weather and by supply problems.",
    "Inspections will continue at the same pace next year.",
    "The office received {number} written comments, all of which were considered.",
    "Residents of {region} can consult the full tables online.",
    "The budget for the coming year will be presented to the assembly in the autumn.",
    "The office is working with the {org} to reduce waiting times.",
    "Several measures announced last year have now been completed.",
    "Data for the smaller municipalities of {region} are shown separately.",
    "The office regrets the delay in publishing this statement.",
    "A summary of the main changes is given at the end of this document.",
    "Questions about this statement may be sent to the press office.",
    "The office will report again once the assessment is complete.",
    "Comparisons with earlier years should be made with care.",
    "Emergency repairs were carried out in {number} locations.",
    "The office remains committed to publishing its figures on time.",
];

/// One sentence of a public body's report about `region`.
pub fn report(rng: &mut Rng, region: &str) -> String {
    let number = (rng.range(3, 400) as u64).to_string();
    let weekday = WEEKDAYS[rng.index(7)];
    fill(rng.word(&REPORTS), &[("region", region), ("number", &number), ("weekday", weekday), ("org", rng.word(&ORGS))])
}

/// Organisations filler sentences mention.
const ORGS: [&str; 6] = [
    "regional government",
    "water board",
    "port authority",
    "chamber of commerce",
    "hospital trust",
    "transport agency",
];

/// One filler sentence set in `region`, naming one of `people`.
pub fn filler(rng: &mut Rng, region: &str, people: &[String]) -> String {
    let person = if people.is_empty() { "A local official".to_owned() } else { rng.pick(people).clone() };
    let number = (rng.range(3, 60) as u64).to_string();
    let weekday = WEEKDAYS[rng.index(7)];
    fill(
        rng.word(&FILLERS),
        &[
            ("region", region),
            ("person", &person),
            ("weekday", weekday),
            ("number", &number),
            ("group", rng.word(GROUP)),
            ("org", rng.word(&ORGS)),
        ],
    )
}

/// Headlines, `{region}` being the place.
const HEADLINES: [&str; 12] = [
    "{region} council faces questions over spending",
    "Floods test {region}'s defences",
    "{region} port reports a difficult year",
    "Strike ends in {region} after weeks of talks",
    "What the new budget means for {region}",
    "{region} votes: the results and what comes next",
    "Inspectors raise concerns about {region} infrastructure",
    "{region} residents demand answers on water supply",
    "Reopening of {region} bridge delayed again",
    "{region} hospital trust under strain",
    "Regional assembly in {region} approves reforms",
    "{region}'s economy: jobs, wages and prices",
];

/// A headline about `region`.
pub fn headline(rng: &mut Rng, region: &str) -> String {
    fill(rng.word(&HEADLINES), &[("region", region)])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_written() {
        assert_eq!(tenths(125), "12.5");
        assert_eq!(tenths(30), "3");
    }

    #[test]
    fn dates_read_as_written() {
        let day = PartialDate::Day(Date::constant(2023, 5, 4));
        assert_eq!(when(day), "on 4 May 2023");
        assert_eq!(date(PartialDate::PartOfMonth(MonthPart::Mid, 2023, 5)), "mid-May 2023");
        assert_eq!(when(PartialDate::Year(2023)), "in 2023");
    }

    #[test]
    fn reported_speech_changes_one_word() {
        assert_eq!(paraphrase("we will reopen it").as_deref(), Some("they will reopen it"));
        assert_eq!(paraphrase("nobody waits"), None);
    }

    #[test]
    fn a_misquote_changes_one_word() {
        let mut rng = Rng::stream(1, 0, 0);
        for _ in 0..500 {
            let quote = Quotation::new(&mut rng, "Tavrin", "Brenmor");
            let altered = quote.altered(&mut rng);
            let (a, b) = (quote.words(), altered.words());
            let differ = a.split(' ').zip(b.split(' ')).filter(|(x, y)| x != y).count();
            assert_eq!((differ, a.split(' ').count()), (1, b.split(' ').count()), "{a} / {b}");
            assert!(a.contains("Tavrin") && a.contains("Brenmor") && b.contains("Tavrin"));
        }
    }
}
