//! The data model: articles and their claims, the reference data (sources,
//! facts and the term vocabulary), and the verdicts the checker gives.
//!
//! These are plain values with no I/O. Reading YAML into them, with located
//! errors, is [`crate::load`]'s job; turning them into verdicts is
//! [`crate::check`]'s; printing them is [`crate::report`]'s.

use std::collections::BTreeSet;
use std::fmt;
use std::sync::Arc;

use borsh::{BorshDeserialize, BorshSerialize};
use jiff::civil::Date;
use serde::{Serialize, Serializer};

use crate::date::{DateExpr, DateSpec, DateWindow, PeriodRelation};

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        ///
        /// The text is shared: copies of an id, and ids interned while
        /// loading, point at one allocation.
        #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, BorshSerialize, BorshDeserialize)]
        #[serde(transparent)]
        pub struct $name(Arc<str>);

        impl $name {
            /// The identifier as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                $name(Arc::from(s))
            }
        }

        impl From<String> for $name {
            fn from(s: String) -> Self {
                $name(Arc::from(s))
            }
        }

        impl From<Arc<str>> for $name {
            fn from(s: Arc<str>) -> Self {
                $name(s)
            }
        }

        impl std::borrow::Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }
    };
}

id_type!(
    /// An article's id: its file stem in `articles/` and `claims/`.
    ArticleId
);
id_type!(
    /// A claim's id, unique within its article; names its snapshot.
    ClaimId
);
id_type!(
    /// A source's id, unique across `reference/sources.yaml`.
    SourceId
);
id_type!(
    /// A fact's id, unique across `reference/facts/`.
    FactId
);
id_type!(
    /// A name for a thing, event, measure, predicate or speaker, shared by
    /// claims and facts (`us-troops-in-iraq`, `count`, `called-for`).
    Term
);

/// The speaker of words whose source does not say who spoke them.
pub const UNKNOWN_SPEAKER: &str = "unknown";

impl Term {
    /// Whether this is [`UNKNOWN_SPEAKER`]: words nobody is named for.
    pub fn is_unknown(&self) -> bool {
        self.as_str() == UNKNOWN_SPEAKER
    }
}

fn display<T: fmt::Display, S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_str(value)
}

fn display_opt<T: fmt::Display, S: Serializer>(value: &Option<T>, serializer: S) -> Result<S::Ok, S::Error> {
    match value {
        Some(v) => serializer.collect_str(v),
        None => serializer.serialize_none(),
    }
}

/// An article under test, as described at the top of its claims file.
#[derive(Clone, Debug, PartialEq, Serialize, BorshSerialize, BorshDeserialize)]
pub struct Article {
    /// The article's id.
    pub id: ArticleId,
    /// Its headline, when known.
    pub title: Option<String>,
    /// Who published it.
    pub publisher: String,
    /// Where it was published.
    pub url: String,
    /// When it was published; a range when the date is uncertain.
    #[serde(serialize_with = "display")]
    pub published: DateSpec,
    /// Anything a reader of the verdicts should know about the article.
    pub note: Option<String>,
}

impl Article {
    /// The default as-of date for checking: the last day the article may have
    /// been published, the latest state of knowledge it could reflect.
    pub fn default_as_of(&self) -> Date {
        self.published.window().last()
    }
}

/// One article with its text and its claims, in reading order.
#[derive(Clone, Debug, PartialEq)]
pub struct ArticleClaims {
    /// The article's metadata.
    pub article: Article,
    /// The article's full text, verbatim.
    pub text: String,
    /// The claims, in the order their words stand in the text, then by id
    /// ([`crate::locate::reading_order`]).
    pub claims: Vec<Claim>,
    /// Where each claim's words stand in `text`, every place in order (as
    /// [`crate::locate::Text::find_all`] finds them), one list for each
    /// claim of `claims` in the same order: found once when the claims are
    /// loaded, for the checks that place claims in sentences. Empty when
    /// not found yet; [`crate::locate::Layout`] then finds them itself.
    /// Code that changes `text` or a claim's words after loading clears it.
    pub places: Vec<Vec<std::ops::Range<usize>>>,
    /// The claims drafted from the text and not reviewed yet (`draft:
    /// true`), in reading order: listed, never checked.
    pub drafts: Vec<DraftClaim>,
}

/// A claim drafted from the article's text (`draft: true`, written by
/// `suggest --write`) that its author has not reviewed: it holds what was
/// read from its sentence and is never checked, nor counted as a finding,
/// until the author sets the fields it still needs and its `expect`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DraftClaim {
    /// The claim's id, unique within its article among claims and drafts.
    pub id: ClaimId,
    /// Its words, verbatim from the article.
    pub text: String,
    /// The kind it was drafted as.
    pub kind: ClaimKind,
    /// What it needs before it can be checked: the fields its kind requires
    /// that it does not have, then `expect`.
    pub missing: Vec<&'static str>,
}

/// How much a failed claim matters to the exit code.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, BorshSerialize, BorshDeserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    /// An unexpected verdict fails the run (the default).
    #[default]
    Error,
    /// An unexpected verdict is reported but does not fail the run.
    Warn,
}

/// One check-worthy statement of an article.
#[derive(Clone, Debug, PartialEq, Serialize, BorshSerialize, BorshDeserialize)]
pub struct Claim {
    /// The claim's id, unique within its article.
    pub id: ClaimId,
    /// The claim's words, verbatim from the article.
    pub text: String,
    /// What exactly the claim asserts; its variant is the claim's kind.
    #[serde(flatten)]
    pub assertion: Assertion,
    /// The sources expected to back it.
    pub sources: Vec<SourceId>,
    /// The verdict its author expects, if stated.
    pub expect: Option<VerdictKind>,
    /// Whether an unexpected verdict fails the run.
    pub severity: Severity,
    /// The author's note: how the words were read, what to watch.
    pub note: Option<String>,
}

impl Anchor {
    /// Whether this is the default anchor, the article's date.
    pub fn is_article(&self) -> bool {
        *self == Anchor::Article
    }
}

impl Claim {
    /// Whether `verdict` is what the claim's author expects: the `expect`ed
    /// verdict if one is given, otherwise anything but contradicted,
    /// misleading or conflicting.
    pub fn expects(&self, verdict: VerdictKind) -> bool {
        match self.expect {
            Some(expected) => expected == verdict,
            None => !verdict.is_finding(),
        }
    }
}

/// The kinds of claim, each checked its own way.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, BorshSerialize, BorshDeserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ClaimKind {
    /// A number of something.
    Quantity,
    /// When something happened.
    Date,
    /// Words in quotation marks, attributed to a speaker.
    Quote,
    /// Something that happened: subject, predicate, object.
    Event,
    /// What someone said, wanted or meant: subject, predicate, object.
    Attribution,
    /// A judgement; recorded, never checked.
    Opinion,
    /// A change between two periods: "fell by 4,000", "rose", "edged up".
    Change,
    /// One figure as a multiple of another: "doubled", "three times as many".
    Ratio,
    /// Parts as a percentage of a total: "more than half of".
    Share,
    /// A place in a breakdown: "the highest", "followed by".
    Rank,
    /// A record over a series: "a record high", "the first fall since 2009".
    Record,
    /// Two figures compared: "grew faster than the year before".
    Comparison,
}

impl ClaimKind {
    /// Every kind, in the order they are documented.
    pub const ALL: [ClaimKind; 12] = [
        ClaimKind::Quantity,
        ClaimKind::Date,
        ClaimKind::Quote,
        ClaimKind::Event,
        ClaimKind::Attribution,
        ClaimKind::Opinion,
        ClaimKind::Change,
        ClaimKind::Ratio,
        ClaimKind::Share,
        ClaimKind::Rank,
        ClaimKind::Record,
        ClaimKind::Comparison,
    ];

    /// The kinds that read statistical series: a claimed figure computed
    /// from observations.
    pub const STATISTICAL: [ClaimKind; 6] = [
        ClaimKind::Change,
        ClaimKind::Ratio,
        ClaimKind::Share,
        ClaimKind::Rank,
        ClaimKind::Record,
        ClaimKind::Comparison,
    ];

    /// The kind's name as written in YAML.
    pub fn name(self) -> &'static str {
        match self {
            ClaimKind::Quantity => "quantity",
            ClaimKind::Date => "date",
            ClaimKind::Quote => "quote",
            ClaimKind::Event => "event",
            ClaimKind::Attribution => "attribution",
            ClaimKind::Opinion => "opinion",
            ClaimKind::Change => "change",
            ClaimKind::Ratio => "ratio",
            ClaimKind::Share => "share",
            ClaimKind::Rank => "rank",
            ClaimKind::Record => "record",
            ClaimKind::Comparison => "comparison",
        }
    }
}

impl fmt::Display for ClaimKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The structured assertion of a claim; the variant picks the checker.
#[derive(Clone, Debug, PartialEq, Serialize, BorshSerialize, BorshDeserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Assertion {
    /// `kind: quantity`
    Quantity(QuantityAssertion),
    /// `kind: date`
    Date(DateAssertion),
    /// `kind: quote`
    Quote(QuoteAssertion),
    /// `kind: event`
    Event(Triple),
    /// `kind: attribution`
    Attribution(Triple),
    /// `kind: opinion`
    Opinion,
    /// `kind: change`
    Change(ChangeAssertion),
    /// `kind: ratio`
    Ratio(RatioAssertion),
    /// `kind: share`
    Share(ShareAssertion),
    /// `kind: rank`
    Rank(RankAssertion),
    /// `kind: record`
    Record(RecordAssertion),
    /// `kind: comparison`
    Comparison(ComparisonAssertion),
}

impl Assertion {
    /// The kind of claim this assertion makes.
    pub fn kind(&self) -> ClaimKind {
        match self {
            Assertion::Quantity(_) => ClaimKind::Quantity,
            Assertion::Date(_) => ClaimKind::Date,
            Assertion::Quote(_) => ClaimKind::Quote,
            Assertion::Event(_) => ClaimKind::Event,
            Assertion::Attribution(_) => ClaimKind::Attribution,
            Assertion::Opinion => ClaimKind::Opinion,
            Assertion::Change(_) => ClaimKind::Change,
            Assertion::Ratio(_) => ClaimKind::Ratio,
            Assertion::Share(_) => ClaimKind::Share,
            Assertion::Rank(_) => ClaimKind::Rank,
            Assertion::Record(_) => ClaimKind::Record,
            Assertion::Comparison(_) => ClaimKind::Comparison,
        }
    }
}

/// How a claimed number is hedged; each qualifier implies a tolerance.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, BorshSerialize, BorshDeserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum Qualifier {
    /// "2,500": the reference must equal the value (tolerance 0 unless given).
    #[default]
    Exact,
    /// "about 2,500": within ±10% unless a tolerance is given.
    About,
    /// "nearly 2,500": at most the value and no more than 10% below it.
    Nearly,
    /// "at least 2,500": the value or more.
    AtLeast,
    /// "more than 2,500": strictly more.
    MoreThan,
    /// "fewer than 2,500": strictly less.
    FewerThan,
    /// "up to 2,500": the value or less.
    UpTo,
}

impl Qualifier {
    /// Every qualifier, in the order they are documented.
    pub const ALL: [Qualifier; 7] = [
        Qualifier::Exact,
        Qualifier::About,
        Qualifier::Nearly,
        Qualifier::AtLeast,
        Qualifier::MoreThan,
        Qualifier::FewerThan,
        Qualifier::UpTo,
    ];

    /// The qualifier's name as written in YAML.
    pub fn name(self) -> &'static str {
        match self {
            Qualifier::Exact => "exact",
            Qualifier::About => "about",
            Qualifier::Nearly => "nearly",
            Qualifier::AtLeast => "at-least",
            Qualifier::MoreThan => "more-than",
            Qualifier::FewerThan => "fewer-than",
            Qualifier::UpTo => "up-to",
        }
    }

    /// The relative tolerance a qualifier implies when none is given.
    pub fn default_relative_tolerance(self) -> f64 {
        match self {
            Qualifier::About | Qualifier::Nearly => 0.10,
            _ => 0.0,
        }
    }
}

impl fmt::Display for Qualifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// An explicit tolerance on a claimed number.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, BorshSerialize, BorshDeserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Tolerance {
    /// Plus or minus this many units.
    Absolute(f64),
    /// Plus or minus this fraction of the claimed value (0.05 is 5%).
    Relative(f64),
}

/// `kind: quantity`: "The US has about 2,500 troops in Iraq".
#[derive(Clone, Debug, PartialEq, Serialize, BorshSerialize, BorshDeserialize)]
pub struct QuantityAssertion {
    /// What is counted or measured (`us-troops-in-iraq`).
    pub subject: Term,
    /// Which measure of it (`count`).
    pub measure: Term,
    /// The claimed number.
    pub value: f64,
    /// Its unit, compared literally with the fact's (`troops`).
    pub unit: String,
    /// How the number is hedged.
    pub qualifier: Qualifier,
    /// An explicit tolerance, replacing the qualifier's default.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tolerance: Option<Tolerance>,
    /// The period the figure is for, if the claim names one.
    #[serde(serialize_with = "display_opt", skip_serializing_if = "Option::is_none")]
    pub period: Option<DateExpr>,
    /// The scale the value is printed in ("12.35 million").
    #[serde(skip_serializing_if = "Scale::is_units")]
    pub scale: Scale,
    /// Decimals printed in the value ("4.70" has 2): its implied precision.
    #[serde(skip)]
    pub decimals: u8,
    /// Whether the value may be below zero although its unit is not a rate.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub signed: bool,
    /// The subjects whose figures make the claimed one, when it is computed
    /// from parts ("the average of the three core measures").
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<Term>,
    /// How the parts' figures are combined.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub aggregate: Option<Aggregate>,
}

impl QuantityAssertion {
    /// The observations the claim reads.
    pub fn series(&self) -> Series {
        Series {
            subject: self.subject.clone(),
            parts: self.parts.clone(),
            aggregate: self.aggregate,
            measure: self.measure.clone(),
            period: self.period,
        }
    }

    /// The claimed number as printed.
    pub fn printed(&self) -> Printed {
        Printed {
            value: self.value,
            unit: self.unit.clone(),
            scale: self.scale,
            decimals: self.decimals,
            qualifier: self.qualifier,
            tolerance: self.tolerance,
        }
    }
}

/// The power of ten a figure is printed in: "12.35 million" is 12.35 at
/// scale `million`.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, BorshSerialize, BorshDeserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum Scale {
    /// Plain units (the default).
    #[default]
    Units,
    /// Thousands.
    Thousand,
    /// Millions.
    Million,
    /// Billions (a thousand million).
    Billion,
    /// Trillions (a million million).
    Trillion,
}

impl Scale {
    /// Every scale, smallest first.
    pub const ALL: [Scale; 5] = [Scale::Units, Scale::Thousand, Scale::Million, Scale::Billion, Scale::Trillion];

    /// The scale's name as written in YAML.
    pub fn name(self) -> &'static str {
        match self {
            Scale::Units => "units",
            Scale::Thousand => "thousand",
            Scale::Million => "million",
            Scale::Billion => "billion",
            Scale::Trillion => "trillion",
        }
    }

    /// The number one of this scale stands for.
    pub fn factor(self) -> f64 {
        match self {
            Scale::Units => 1.0,
            Scale::Thousand => 1e3,
            Scale::Million => 1e6,
            Scale::Billion => 1e9,
            Scale::Trillion => 1e12,
        }
    }

    /// The scale of a power of ten (SDMX's `UNIT_MULT`), if it has a name.
    pub fn of_power(power: i32) -> Option<Scale> {
        Scale::ALL.into_iter().find(|s| s.factor() == 10f64.powi(power))
    }

    /// Whether this is the default, plain units.
    pub fn is_units(&self) -> bool {
        *self == Scale::Units
    }
}

/// The unit a comparison sees: case and spelling variants of percent
/// (`%`, `per cent`, `pct`) and of percentage points (`pp`, `points`) are
/// one unit; any other unit is compared as written, ignoring case.
pub fn unit_key(unit: &str) -> String {
    let lower = unit.trim().to_lowercase();
    if PERCENT.contains(&lower.as_str()) {
        "percent".to_owned()
    } else if PERCENTAGE_POINTS.contains(&lower.as_str()) {
        "percentage-points".to_owned()
    } else {
        lower
    }
}

/// The names of a percentage, lowercase ([`unit_key`] `percent`).
const PERCENT: [&str; 6] = ["%", "per cent", "percent", "pct", "per-cent", "pc"];

/// The names of a change in percentage points, lowercase ([`unit_key`]
/// `percentage-points`).
const PERCENTAGE_POINTS: [&str; 8] =
    ["pp", "percentage points", "percentage-points", "percentage point", "percentage-point", "points", "point", "pts"];

/// Whether a unit is a rate or a change of one, which can fall below zero.
pub fn is_rate_unit(unit: &str) -> bool {
    let unit = unit.trim();
    if unit.is_ascii() {
        // Lowercase ASCII is lowercase letter for letter: compared as it
        // stands, without a lowercased copy (every fact's unit is asked).
        PERCENT.iter().chain(&PERCENTAGE_POINTS).any(|name| unit.eq_ignore_ascii_case(name))
    } else {
        matches!(unit_key(unit).as_str(), "percent" | "percentage-points")
    }
}

/// How the figures of several parts make one.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, BorshSerialize, BorshDeserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum Aggregate {
    /// Their sum (the default): a total of counts.
    #[default]
    Sum,
    /// Their mean: "the average of the three core measures".
    Mean,
}

/// Which observations a statistical claim reads: a subject (or the parts
/// its figure is computed from), a measure, and the period.
#[derive(Clone, Debug, PartialEq, Serialize, BorshSerialize, BorshDeserialize)]
pub struct Series {
    /// What the figure is about; with `parts`, the name of their aggregate.
    pub subject: Term,
    /// The subjects whose figures make this one, if it is computed.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<Term>,
    /// How the parts' figures are combined (default: summed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub aggregate: Option<Aggregate>,
    /// Which measure.
    pub measure: Term,
    /// The period, as the claim names it.
    #[serde(serialize_with = "display_opt", skip_serializing_if = "Option::is_none")]
    pub period: Option<DateExpr>,
}

/// A claimed number as an article prints it: value, unit, scale and the
/// precision its decimals imply, with how it is hedged.
#[derive(Clone, Debug, PartialEq, Serialize, BorshSerialize, BorshDeserialize)]
pub struct Printed {
    /// The number.
    pub value: f64,
    /// Its unit.
    pub unit: String,
    /// Its scale.
    #[serde(skip_serializing_if = "Scale::is_units")]
    pub scale: Scale,
    /// Decimals printed.
    #[serde(skip)]
    pub decimals: u8,
    /// How it is hedged.
    pub qualifier: Qualifier,
    /// An explicit tolerance.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tolerance: Option<Tolerance>,
}

/// A change's direction, in the words articles use; `edged` and `little
/// changed` also say the change was small (see [`crate::check`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, BorshSerialize, BorshDeserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Direction {
    /// Went up.
    Rose,
    /// Went down.
    Fell,
    /// Stayed the same, as published.
    Unchanged,
    /// Went up a little.
    EdgedUp,
    /// Went down a little.
    EdgedDown,
    /// Moved a little either way, or not at all.
    LittleChanged,
}

impl Direction {
    /// Every direction, in the order they are documented.
    pub const ALL: [Direction; 6] = [
        Direction::Rose,
        Direction::Fell,
        Direction::Unchanged,
        Direction::EdgedUp,
        Direction::EdgedDown,
        Direction::LittleChanged,
    ];

    /// The direction's name as written in YAML.
    pub fn name(self) -> &'static str {
        match self {
            Direction::Rose => "rose",
            Direction::Fell => "fell",
            Direction::Unchanged => "unchanged",
            Direction::EdgedUp => "edged-up",
            Direction::EdgedDown => "edged-down",
            Direction::LittleChanged => "little-changed",
        }
    }
}

/// What figure of each period a rank, record or comparison is about.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, BorshSerialize, BorshDeserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum Figure {
    /// The observation itself (the default).
    #[default]
    Level,
    /// Its change from the period before, in its unit.
    Change,
    /// Its change from the period before, in percent.
    PercentChange,
    /// Its change from the period before, in percentage points (rates only).
    PointsChange,
}

impl Figure {
    /// Every figure, in the order they are documented.
    pub const ALL: [Figure; 4] = [Figure::Level, Figure::Change, Figure::PercentChange, Figure::PointsChange];

    /// The figure's name as written in YAML.
    pub fn name(self) -> &'static str {
        match self {
            Figure::Level => "level",
            Figure::Change => "change",
            Figure::PercentChange => "percent-change",
            Figure::PointsChange => "points-change",
        }
    }

    /// Whether this is the default, the level.
    pub fn is_level(&self) -> bool {
        *self == Figure::Level
    }
}

/// What a record claim, or a source's record statement, says of a period.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, BorshSerialize, BorshDeserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RecordKind {
    /// The highest since `since` (or on record).
    Highest,
    /// The lowest since `since` (or on record).
    Lowest,
    /// The first rise since `since`: the figure went up from the period
    /// before, and last did so in `since`.
    FirstRise,
    /// The first fall since `since`.
    FirstFall,
}

impl RecordKind {
    /// Every record kind, in the order they are documented.
    pub const ALL: [RecordKind; 4] =
        [RecordKind::Highest, RecordKind::Lowest, RecordKind::FirstRise, RecordKind::FirstFall];

    /// The kind's name as written in YAML.
    pub fn name(self) -> &'static str {
        match self {
            RecordKind::Highest => "highest",
            RecordKind::Lowest => "lowest",
            RecordKind::FirstRise => "first-rise",
            RecordKind::FirstFall => "first-fall",
        }
    }
}

/// Which end of a breakdown a rank counts from.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, BorshSerialize, BorshDeserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum Order {
    /// Rank 1 is the highest figure (the default).
    #[default]
    Highest,
    /// Rank 1 is the lowest figure.
    Lowest,
}

/// How a comparison claim says its figure compares with the other.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, BorshSerialize, BorshDeserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FigureRelation {
    /// Higher, larger, faster.
    Greater,
    /// Lower, smaller, slower.
    Less,
    /// The same, as published.
    Equal,
}

/// `kind: change`: "employment fell by 4,000 in the second quarter".
#[derive(Clone, Debug, PartialEq, Serialize, BorshSerialize, BorshDeserialize)]
pub struct ChangeAssertion {
    /// The series, with the later period.
    #[serde(flatten)]
    pub series: Series,
    /// The earlier period; by default the period before, of the same length.
    #[serde(serialize_with = "display_opt", skip_serializing_if = "Option::is_none")]
    pub base_period: Option<DateExpr>,
    /// The direction, if the claim words one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub direction: Option<Direction>,
    /// The size of the change, if the claim gives one: signed (a fall is
    /// negative), in the series' unit, in `percent` (a percent change) or in
    /// `percentage-points` (a change of a rate).
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Printed>,
}

/// `kind: ratio`: "three times as many", "doubled", "halved".
#[derive(Clone, Debug, PartialEq, Serialize, BorshSerialize, BorshDeserialize)]
pub struct RatioAssertion {
    /// The figure compared.
    #[serde(flatten)]
    pub series: Series,
    /// What it is compared with: another subject ...
    #[serde(skip_serializing_if = "Option::is_none")]
    pub base_subject: Option<Term>,
    /// ... another measure ...
    #[serde(skip_serializing_if = "Option::is_none")]
    pub base_measure: Option<Term>,
    /// ... or another period.
    #[serde(serialize_with = "display_opt", skip_serializing_if = "Option::is_none")]
    pub base_period: Option<DateExpr>,
    /// The claimed ratio (2 for "doubled", 0.5 for "halved"), as printed.
    #[serde(flatten)]
    pub ratio: Printed,
}

/// `kind: share`: "more than half of the new homes were in three cities".
#[derive(Clone, Debug, PartialEq, Serialize, BorshSerialize, BorshDeserialize)]
pub struct ShareAssertion {
    /// The part (or, with `parts`, the parts summed).
    #[serde(flatten)]
    pub series: Series,
    /// The total they are a share of.
    pub base_subject: Term,
    /// The claimed share, in percent.
    #[serde(flatten)]
    pub share: Printed,
}

/// `kind: rank`: "the highest", "followed by", "the second largest".
#[derive(Clone, Debug, PartialEq, Serialize, BorshSerialize, BorshDeserialize)]
pub struct RankAssertion {
    /// The subject ranked.
    #[serde(flatten)]
    pub series: Series,
    /// The breakdown it is ranked in (the subject is added if missing).
    pub among: Vec<Term>,
    /// Its claimed place, from 1.
    pub rank: u32,
    /// Whether rank 1 is the highest or the lowest.
    pub order: Order,
    /// Which figure is ranked.
    #[serde(skip_serializing_if = "Figure::is_level")]
    pub figure: Figure,
}

/// `kind: record`: "a record high", "the largest monthly rise since October".
#[derive(Clone, Debug, PartialEq, Serialize, BorshSerialize, BorshDeserialize)]
pub struct RecordAssertion {
    /// The series and the period said to be a record.
    #[serde(flatten)]
    pub series: Series,
    /// Which record.
    pub record: RecordKind,
    /// Since when: absent for "on record" (the whole series).
    #[serde(serialize_with = "display_opt", skip_serializing_if = "Option::is_none")]
    pub since: Option<DateExpr>,
    /// Which figure of each period.
    #[serde(skip_serializing_if = "Figure::is_level")]
    pub figure: Figure,
}

/// `kind: comparison`: "grew faster than the year before".
#[derive(Clone, Debug, PartialEq, Serialize, BorshSerialize, BorshDeserialize)]
pub struct ComparisonAssertion {
    /// The figure compared.
    #[serde(flatten)]
    pub series: Series,
    /// What it is compared with: another subject ...
    #[serde(skip_serializing_if = "Option::is_none")]
    pub base_subject: Option<Term>,
    /// ... another measure ...
    #[serde(skip_serializing_if = "Option::is_none")]
    pub base_measure: Option<Term>,
    /// ... or another period.
    #[serde(serialize_with = "display_opt", skip_serializing_if = "Option::is_none")]
    pub base_period: Option<DateExpr>,
    /// How the claim says they compare.
    pub relation: FigureRelation,
    /// Which figure of each.
    #[serde(skip_serializing_if = "Figure::is_level")]
    pub figure: Figure,
}

/// How a claimed date relates to the event's real date.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, BorshSerialize, BorshDeserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateQualifier {
    /// The event happened within the claimed window (the default).
    #[default]
    On,
    /// The event happened no later than the end of the window ("for months", "by").
    NoLaterThan,
    /// The event happened no earlier than the start of the window ("after").
    NoEarlierThan,
}

impl DateQualifier {
    /// The qualifier's name as written in YAML.
    pub fn name(self) -> &'static str {
        match self {
            DateQualifier::On => "on",
            DateQualifier::NoLaterThan => "no-later-than",
            DateQualifier::NoEarlierThan => "no-earlier-than",
        }
    }
}

/// What a relative date is counted from.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, BorshSerialize, BorshDeserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Anchor {
    /// The article's publication date (the default).
    #[default]
    Article,
    /// Another claim's date, by id.
    Claim(ClaimId),
}

/// `kind: date`: "Iraq's Foreign Ministry announced in a statement this Thursday".
#[derive(Clone, Debug, PartialEq, Serialize, BorshSerialize, BorshDeserialize)]
pub struct DateAssertion {
    /// The event dated (`iraq-mfa-postponement-statement`).
    pub event: Term,
    /// Which date of it (`date` unless the claim dates something else, such as `start-date`).
    pub measure: Term,
    /// The claimed date as written in the claim.
    #[serde(serialize_with = "display")]
    pub date: DateExpr,
    /// What a relative date counts from.
    #[serde(skip_serializing_if = "Anchor::is_article")]
    pub relative_to: Anchor,
    /// How the event's date relates to the claimed one.
    pub qualifier: DateQualifier,
}

/// `kind: quote`: words in quotation marks and who is said to have said them.
#[derive(Clone, Debug, PartialEq, Serialize, BorshSerialize, BorshDeserialize)]
pub struct QuoteAssertion {
    /// Who the article says spoke the words.
    pub speaker: Term,
    /// The quoted words, verbatim from the article.
    pub words: String,
}

/// `kind: event` and `kind: attribution`: subject, predicate, object, and
/// optionally when.
#[derive(Clone, Debug, PartialEq, Serialize, BorshSerialize, BorshDeserialize)]
pub struct Triple {
    /// Who or what acted or spoke.
    pub subject: Term,
    /// What they did or said.
    pub predicate: Term,
    /// To what, or what they said.
    pub object: Term,
    /// When, if the claim says.
    #[serde(serialize_with = "display_opt", skip_serializing_if = "Option::is_none")]
    pub date: Option<DateExpr>,
    /// What a relative date counts from.
    #[serde(skip_serializing_if = "Anchor::is_article")]
    pub relative_to: Anchor,
    /// For a role (the object is a title): the organisation the title is at.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organisation: Option<Term>,
}

/// The verdicts a claim can get.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, BorshSerialize, BorshDeserialize)]
#[serde(rename_all = "kebab-case")]
pub enum VerdictKind {
    /// The reference backs the claim as made.
    Supported,
    /// The reference says otherwise.
    Contradicted,
    /// Partly right: the right figure with the wrong scope, a paraphrase in
    /// quotation marks, the right words from the wrong speaker.
    Misleading,
    /// No fact valid at the as-of date settles the claim.
    Unverifiable,
    /// Sources of equal standing disagree.
    Conflicting,
    /// A judgement, not checked.
    Opinion,
}

impl VerdictKind {
    /// Every verdict, in report order.
    pub const ALL: [VerdictKind; 6] = [
        VerdictKind::Supported,
        VerdictKind::Contradicted,
        VerdictKind::Misleading,
        VerdictKind::Unverifiable,
        VerdictKind::Conflicting,
        VerdictKind::Opinion,
    ];

    /// The verdict's name as written in YAML and reports.
    pub fn name(self) -> &'static str {
        match self {
            VerdictKind::Supported => "supported",
            VerdictKind::Contradicted => "contradicted",
            VerdictKind::Misleading => "misleading",
            VerdictKind::Unverifiable => "unverifiable",
            VerdictKind::Conflicting => "conflicting",
            VerdictKind::Opinion => "opinion",
        }
    }

    /// The AVeriTeC label this verdict maps to (`None` for opinions, which
    /// AVeriTeC leaves out of scope).
    pub fn averitec(self) -> Option<&'static str> {
        match self {
            VerdictKind::Supported => Some("Supported"),
            VerdictKind::Contradicted => Some("Refuted"),
            VerdictKind::Unverifiable => Some("Not Enough Evidence"),
            VerdictKind::Misleading | VerdictKind::Conflicting => Some("Conflicting Evidence/Cherrypicking"),
            VerdictKind::Opinion => None,
        }
    }

    /// Whether this verdict, when nobody said what to expect, counts as a
    /// failure: the claim is wrong or in dispute.
    pub fn is_finding(self) -> bool {
        matches!(self, VerdictKind::Contradicted | VerdictKind::Misleading | VerdictKind::Conflicting)
    }
}

impl fmt::Display for VerdictKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// How directly a source reports what it says; the higher rank wins when
/// facts disagree.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, BorshSerialize, BorshDeserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SourceKind {
    /// Another outlet's reporting, a reference work.
    Secondary,
    /// A news agency's report, in any syndicated copy.
    Wire,
    /// The originating body's own statement or document.
    Primary,
}

impl SourceKind {
    /// The kind's name as written in YAML.
    pub fn name(self) -> &'static str {
        match self {
            SourceKind::Secondary => "secondary",
            SourceKind::Wire => "wire",
            SourceKind::Primary => "primary",
        }
    }
}

/// A verbatim passage of a source and whose words it holds.
#[derive(Clone, Debug, PartialEq, Serialize, BorshSerialize, BorshDeserialize)]
pub struct Excerpt {
    /// The passage, verbatim.
    pub text: String,
    /// Whose prose the passage is (the outlet that wrote it).
    pub speaker: Term,
    /// Whose words stand inside the passage's own quotation marks, if any.
    pub quoting: Option<Term>,
    /// Whether the stored copy ends mid-passage, so words past its end are
    /// not known rather than absent.
    pub cut_short: bool,
}

/// A public document that says something.
#[derive(Clone, Debug, PartialEq, Serialize, BorshSerialize, BorshDeserialize)]
pub struct Source {
    /// The source's id.
    pub id: SourceId,
    /// Who hosts the copy consulted.
    pub publisher: String,
    /// Who wrote it, when the copy is syndicated or mirrored.
    pub original_publisher: Option<String>,
    /// Its title.
    pub title: String,
    /// Where the copy consulted is.
    pub url: String,
    /// Further copies of the same text.
    pub also_at: Vec<String>,
    /// When it was published; `None` when unknown.
    #[serde(serialize_with = "display_opt")]
    pub published: Option<DateSpec>,
    /// Whether the date is inferred rather than printed.
    pub date_inferred: bool,
    /// How directly it reports.
    pub kind: SourceKind,
    /// How its title or date is known, caveats.
    pub note: Option<String>,
    /// Verbatim passages, for quote checks and for readers.
    pub excerpts: Vec<Excerpt>,
    /// Whose words its full text holds, when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub speaker: Option<Term>,
    /// Its full text, `reference/documents/<id>.txt`, for quote checks.
    #[serde(skip)]
    pub document: Option<Arc<str>>,
    /// Whether its full text stops where the stored copy stopped.
    pub cut_short: bool,
    /// Whether it is a translation: it backs what was said, not the words.
    pub translation: bool,
    /// Articles it is not independent of (an earlier version, the same wire
    /// copy): it never backs their claims.
    pub not_independent_of: Vec<ArticleId>,
    /// Its title as a passage in its outlet's own words (whoever wrote it:
    /// the original publisher, else the publisher), so a headline can be
    /// quoted, and found by a search, like an excerpt.
    #[serde(skip)]
    pub headline: Option<Excerpt>,
}

impl Source {
    /// Whether the source may back the claims of `article`.
    pub fn independent_of(&self, article: &ArticleId) -> bool {
        !self.not_independent_of.contains(article)
    }
}

/// What a fact says the value is.
#[derive(Clone, Debug, PartialEq, Serialize, BorshSerialize, BorshDeserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FactValue {
    /// A number with its unit, hedged as the source hedges it.
    Number {
        /// The number.
        value: f64,
        /// Its unit.
        unit: String,
        /// How the source hedges it ("at least five").
        qualifier: Qualifier,
    },
    /// A date, for a measure such as `date` or `start-date`.
    Date(#[serde(serialize_with = "display")] DateSpec),
    /// A categorical value, for a predicate; with the event's date if known.
    Object {
        /// The value.
        object: Term,
        /// When it happened.
        #[serde(serialize_with = "display_opt")]
        date: Option<DateSpec>,
        /// For a role (the object is a title): the organisation it is at.
        #[serde(skip_serializing_if = "Option::is_none")]
        organisation: Option<Term>,
    },
    /// No source settles the value; the fact's note says why.
    Unsettled,
    /// A source's statement that its period's figure is a record: "the
    /// largest monthly increase since October 2022".
    Record {
        /// Which record.
        record: RecordKind,
        /// Since when; `None` for a record over the whole series.
        #[serde(serialize_with = "display_opt")]
        since: Option<DateSpec>,
    },
}

/// When a fact holds.
#[derive(Clone, Debug, PartialEq, Serialize, BorshSerialize, BorshDeserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Validity {
    /// At all times (a definition, or an event once it has happened, see
    /// [`Fact::holds_from`]).
    Always,
    /// From the start of `from` to the end of `to`; either end may be open.
    Period {
        /// When it starts to hold.
        #[serde(serialize_with = "display_opt")]
        from: Option<DateSpec>,
        /// When it stops holding.
        #[serde(serialize_with = "display_opt")]
        to: Option<DateSpec>,
    },
    /// An observation made at this date; it holds until a later observation
    /// of the same subject and measure replaces it.
    AsOf(#[serde(serialize_with = "display")] DateSpec),
    /// A vintage of a figure for a period: known from the date it was
    /// published, until a later vintage of the same subject, measure and
    /// period revises it.
    Published(#[serde(serialize_with = "display")] DateSpec),
}

impl fmt::Display for Validity {
    /// When a fact holds, as reports print it after its value: " (as of
    /// 2024-08-15)", " (from 2017-08 to 2022-08)"; nothing for always.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Validity::Always | Validity::Period { from: None, to: None } => Ok(()),
            Validity::AsOf(at) => write!(f, " (as of {at})"),
            Validity::Period { from: Some(from), to: Some(to) } => write!(f, " (from {from} to {to})"),
            Validity::Period { from: Some(from), to: None } => write!(f, " (from {from})"),
            Validity::Period { from: None, to: Some(to) } => write!(f, " (until {to})"),
            Validity::Published(at) => write!(f, " (published {at})"),
        }
    }
}

/// A statement about the world with its provenance.
#[derive(Clone, Debug, PartialEq, Serialize, BorshSerialize, BorshDeserialize)]
pub struct Fact {
    /// The fact's id.
    pub id: FactId,
    /// What it is about.
    pub subject: Term,
    /// Which measure (for numbers and dates) or predicate (for objects).
    pub property: Term,
    /// What it says.
    pub value: FactValue,
    /// The period its figure covers (a year, a quarter, a month, a rolling
    /// window), when it is an observation of a series.
    #[serde(serialize_with = "display_opt")]
    pub period: Option<DateSpec>,
    /// The scale its number is given in.
    pub scale: Scale,
    /// Whether its number may be below zero although its unit is not a rate.
    pub signed: bool,
    /// When it holds.
    pub validity: Validity,
    /// Whether it reports an expectation rather than what happened; a fact
    /// about what happened replaces it once valid.
    pub forecast: bool,
    /// The sources that state it; never empty. Shared: a file's facts
    /// mostly cite the same few sources, and a list of its own was an
    /// allocation for every fact.
    pub sources: Arc<[SourceId]>,
    /// Context, and for unsettled facts, why nothing settles them.
    pub note: Option<String>,
}

impl Fact {
    /// The first day a fact without explicit validity can be known: the day
    /// its event happened. Dated values are not visible before their date.
    pub fn holds_from(&self) -> Option<Date> {
        match &self.value {
            FactValue::Date(spec) | FactValue::Object { date: Some(spec), .. } => Some(spec.window().first()),
            // A figure for a period can only be known once the period is over.
            _ => self.period.map(|p| p.window().last()),
        }
    }
}

/// A vocabulary entry: a readable label for a term and the broader terms it
/// falls under ("US troops in Iraq" are "foreign troops in Iraq").
#[derive(Clone, Debug, PartialEq, Serialize, BorshSerialize, BorshDeserialize)]
pub struct Definition {
    /// The term defined.
    pub term: Term,
    /// How reports name it.
    pub label: Option<String>,
    /// Terms that include it.
    pub broader: Vec<Term>,
    /// Wholes it is a part of (a region of a country, one category of all
    /// items): its figures cover less than theirs.
    pub part_of: Vec<Term>,
}

/// All reference data: sources, facts and the vocabulary, each sorted by id.
#[derive(Clone, Debug, Default, PartialEq, BorshSerialize, BorshDeserialize)]
pub struct Reference {
    /// Every source, sorted by id.
    pub sources: Vec<Source>,
    /// Every fact, sorted by id.
    pub facts: Vec<Fact>,
    /// Every defined term, sorted by term.
    pub definitions: Vec<Definition>,
    /// The facts of a run through the caches, decoded when first looked
    /// up ([`crate::cache::lazy`]); `facts` is then empty. Look facts up
    /// with [`Reference::fact`] and [`crate::check::FactIndex`], which
    /// read both.
    #[borsh(skip)]
    pub deferred: Deferred,
}

/// Facts kept in the parse cache until looked up, shared by the clones of
/// a [`Reference`].
#[derive(Clone, Default)]
pub struct Deferred(pub Option<std::sync::Arc<crate::cache::lazy::LazyFacts>>);

impl Deferred {
    /// No deferred facts.
    pub const NONE: Deferred = Deferred(None);

    /// The deferred facts, if any.
    pub fn get(&self) -> Option<&crate::cache::lazy::LazyFacts> {
        self.0.as_deref()
    }
}

impl std::fmt::Debug for Deferred {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.get() {
            Some(facts) => write!(f, "Deferred({} facts)", facts.len()),
            None => f.write_str("Deferred(none)"),
        }
    }
}

impl PartialEq for Deferred {
    fn eq(&self, other: &Self) -> bool {
        match (&self.0, &other.0) {
            (Some(a), Some(b)) => std::sync::Arc::ptr_eq(a, b),
            (a, b) => a.is_none() && b.is_none(),
        }
    }
}

impl Reference {
    /// How many facts there are, deferred ones included.
    pub fn fact_count(&self) -> usize {
        self.facts.len() + self.deferred.get().map_or(0, |d| d.len())
    }

    /// The source with this id.
    pub fn source(&self, id: &SourceId) -> Option<&Source> {
        self.sources.binary_search_by(|s| s.id.cmp(id)).ok().map(|i| &self.sources[i])
    }

    /// The fact with this id.
    pub fn fact(&self, id: &FactId) -> Option<&Fact> {
        match self.facts.binary_search_by(|f| f.id.cmp(id)) {
            Ok(i) => Some(&self.facts[i]),
            Err(_) => self.deferred.get()?.fact(id),
        }
    }

    /// The definition of this term.
    pub fn definition(&self, term: &Term) -> Option<&Definition> {
        self.definitions.binary_search_by(|d| d.term.cmp(term)).ok().map(|i| &self.definitions[i])
    }

    /// Every term broader than `term`, transitively, in sorted order.
    pub fn broader(&self, term: &Term) -> BTreeSet<Term> {
        let mut found = BTreeSet::new();
        let mut stack = vec![term.clone()];
        while let Some(t) = stack.pop() {
            for b in self.definition(&t).map(|d| d.broader.as_slice()).unwrap_or_default() {
                if found.insert(b.clone()) {
                    stack.push(b.clone());
                }
            }
        }
        found
    }

    /// The terms defined as parts of `whole`, directly.
    pub fn parts_of(&self, whole: &Term) -> Vec<&Term> {
        self.definitions.iter().filter(|d| d.part_of.contains(whole)).map(|d| &d.term).collect()
    }

    /// The wholes `part` is directly defined as a part of.
    pub fn wholes_of(&self, part: &Term) -> &[Term] {
        self.definition(part).map(|d| d.part_of.as_slice()).unwrap_or_default()
    }
}

/// A choice of ids, as given on the command line: those named, or every
/// one when none is. Chooses which articles are loaded and which claims
/// are checked.
#[derive(Clone, Debug, Default, PartialEq, Eq, BorshSerialize, BorshDeserialize)]
pub struct Choice {
    ids: BTreeSet<String>,
}

impl Choice {
    /// The ids named; every id when `ids` is empty.
    pub fn of<I: IntoIterator<Item = S>, S: Into<String>>(ids: I) -> Self {
        Choice { ids: ids.into_iter().map(Into::into).collect() }
    }

    /// Whether every id is chosen (none was named).
    pub fn is_all(&self) -> bool {
        self.ids.is_empty()
    }

    /// Whether `id` is chosen.
    pub fn admits(&self, id: &str) -> bool {
        self.ids.is_empty() || self.ids.contains(id)
    }

    /// The ids named, in order.
    pub fn named(&self) -> impl Iterator<Item = &str> {
        self.ids.iter().map(String::as_str)
    }
}

/// A loaded project: every article with its claims, and the reference data.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Project {
    /// Every article, sorted by id.
    pub articles: Vec<ArticleClaims>,
    /// The reference data.
    pub reference: Reference,
}

/// The outcome of checking one claim.
#[derive(Clone, Debug, PartialEq, Serialize, BorshSerialize, BorshDeserialize)]
pub struct Verdict {
    /// The claim checked.
    pub claim: ClaimId,
    /// Its kind.
    pub kind: ClaimKind,
    /// The verdict.
    pub verdict: VerdictKind,
    /// What, exactly, differs from the reference (or backs the claim with a caveat).
    pub discrepancies: Vec<Discrepancy>,
    /// The facts the verdict rests on, sorted by id.
    pub facts: Vec<FactId>,
    /// The claimed date resolved to a window, for claims with dates.
    #[serde(serialize_with = "display_opt")]
    pub claimed_date: Option<DateWindow>,
}

/// How a claimed term relates to the term the reference holds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, BorshSerialize, BorshDeserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TermRelation {
    /// The claim names something narrower than the reference does.
    Narrower,
    /// The claim names a different thing of the same broader kind.
    Sibling {
        /// A broader term both fall under.
        shared: Term,
    },
    /// Nothing relates the two.
    Unrelated,
}

/// One precise difference between a claim and the reference, or a caveat on
/// a verdict.
#[derive(Clone, Debug, PartialEq, Serialize, BorshSerialize, BorshDeserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum Discrepancy {
    /// The claimed number is not what the reference says.
    Value {
        /// The measure compared.
        measure: Term,
        /// The claimed value as written ("about 2,500 troops").
        claimed: String,
        /// The values the claim allows ("2250 to 2750").
        claimed_range: String,
        /// What the reference says ("7 people").
        reference: String,
        /// Reference minus claimed value.
        difference: f64,
        /// The difference as a share of the claimed value, rounded to 0.001.
        relative_difference: Option<f64>,
        /// The tolerance applied and where it comes from.
        tolerance: String,
    },
    /// The reference's range neither confirms nor rules out the claim.
    Imprecise {
        /// The measure compared.
        measure: Term,
        /// The values the claim allows.
        claimed_range: String,
        /// The values the reference allows.
        reference_range: String,
    },
    /// The claimed value fits a different measure of the same subject: the
    /// right figure with the wrong scope.
    Scope {
        /// The measure the claim is about.
        claimed_measure: Term,
        /// The measure the claimed value fits.
        matching_measure: Term,
        /// The fact that fits.
        fact: FactId,
        /// What that fact says ("5 people").
        value: String,
    },
    /// Units differ, so the values cannot be compared.
    Unit {
        /// The claim's unit.
        claimed: String,
        /// The fact's unit.
        reference: String,
    },
    /// The event's date lies outside the claimed window.
    Date {
        /// The claimed window.
        #[serde(serialize_with = "display")]
        claimed: DateWindow,
        /// How the claim relates to it.
        qualifier: DateQualifier,
        /// The reference date.
        #[serde(serialize_with = "display")]
        reference: DateWindow,
        /// Days the reference lies before (negative) or after the claimed window.
        days_outside: i64,
    },
    /// The reference date is less precise than the claim.
    DateImprecise {
        /// The claimed window.
        #[serde(serialize_with = "display")]
        claimed: DateWindow,
        /// The reference window.
        #[serde(serialize_with = "display")]
        reference: DateWindow,
    },
    /// The claim matches an expectation; the event had not happened by the as-of date.
    Forecast {
        /// The event expected.
        event: Term,
    },
    /// The claimed object differs from the reference's.
    Object {
        /// The predicate compared.
        predicate: Term,
        /// The claimed object.
        claimed: Term,
        /// The objects the reference holds.
        reference: Vec<Term>,
        /// How they relate.
        relation: TermRelation,
    },
    /// The claim names something broader than the reference: true, but vaguer.
    Broader {
        /// The claimed object.
        claimed: Term,
        /// The narrower object the reference holds.
        reference: Term,
    },
    /// The quoted words differ from the closest passage found.
    Quote {
        /// The source holding the closest passage.
        source: SourceId,
        /// Word-level similarity with that passage, 0 to 1, rounded to 0.001.
        similarity: f64,
        /// Word diff: `[-removed-]` and `{+added+}` against the passage.
        diff: String,
    },
    /// The words were found, but spoken by someone else.
    Speaker {
        /// The speaker the claim names.
        claimed: Term,
        /// Whose words they are in the source.
        found: Term,
        /// The source they were found in.
        source: SourceId,
    },
    /// No fact about the subject and measure or predicate exists.
    NoFact {
        /// The subject looked up.
        subject: Term,
        /// The measure or predicate looked up.
        property: Term,
    },
    /// No passage of any source shares a word with the quoted words.
    QuoteNotFound {
        /// The speaker the claim names.
        speaker: Term,
    },
    /// Facts exist but none holds at the as-of date.
    NotValid {
        /// The subject looked up.
        subject: Term,
        /// The measure or predicate looked up.
        property: Term,
    },
    /// The reference says no source settles this, and why.
    Unsettled {
        /// The fact saying so.
        fact: FactId,
        /// Why.
        reason: String,
    },
    /// Sources of equal standing disagree.
    Conflict {
        /// What each fact says, in fact order: "fact-id: value".
        values: Vec<String>,
    },
    /// A lower-ranked source says otherwise and was set aside.
    Overruled {
        /// The fact set aside.
        fact: FactId,
        /// What it says.
        value: String,
    },
    /// An expected source is not in the reference data.
    SourceMissing {
        /// The source.
        source: SourceId,
    },
    /// An expected source is in the reference data but does not back the claim.
    SourceNotBacking {
        /// The source.
        source: SourceId,
    },
    /// A figure computed from observations, with how: what decided a
    /// statistical claim.
    Computed {
        /// What was computed ("percentage-point change").
        figure: String,
        /// The claim as written ("rose", "+0.1 percentage-points").
        claimed: String,
        /// What the claim allows ("more than 0").
        claimed_range: String,
        /// Each observation used: "fact-id: subject measure period = value".
        observations: Vec<String>,
        /// The arithmetic: "4.4 - 4.3 = 0.1".
        arithmetic: String,
        /// The result in words ("+0.1 percentage-points, rose").
        result: String,
        /// The tolerance applied and where it comes from.
        tolerance: String,
    },
    /// Two figures of one sentence swapped between their labels: each is
    /// the other's.
    Swapped {
        /// The other claim.
        other: ClaimId,
        /// This claim's figure.
        claimed: String,
        /// The label it belongs to: the other claim's.
        belongs_to: String,
        /// The other claim's figure.
        other_claimed: String,
        /// The label that one belongs to: this claim's.
        other_belongs_to: String,
    },
    /// The claimed figure is that of a part of the claimed subject (the
    /// coverage is overstated) or of another part of the same whole.
    Breakdown {
        /// The subject the claim names.
        claimed_subject: Term,
        /// The subject the figure is for.
        matching_subject: Term,
        /// How the two relate.
        relation: BreakdownRelation,
        /// The fact that fits.
        fact: FactId,
        /// What that fact says.
        value: String,
    },
    /// The claimed figure is that of another period of the same series.
    Period {
        /// The period the claim names.
        #[serde(serialize_with = "display")]
        claimed: DateWindow,
        /// The period the figure is for.
        #[serde(serialize_with = "display")]
        reference: DateWindow,
        /// How the claimed period lies against it.
        relation: PeriodRelation,
        /// The fact that fits.
        fact: FactId,
        /// What that fact says.
        value: String,
    },
    /// The series has no observation for the claimed period.
    NoObservation {
        /// The subject looked up.
        subject: Term,
        /// The measure looked up.
        measure: Term,
        /// The period claimed.
        #[serde(serialize_with = "display")]
        period: DateWindow,
        /// The periods it does have nearest to it, at most three.
        known: Vec<String>,
    },
    /// A record over a series cannot be computed: periods are missing and
    /// no source states the record.
    SeriesGap {
        /// The subject.
        subject: Term,
        /// The measure.
        measure: Term,
        /// The periods missing, at most five, then how many more.
        missing: Vec<String>,
    },
    /// The claimed change fits another basis: percent where the figures
    /// give percentage points, or the other way round.
    Basis {
        /// The unit the claim gives the change in.
        claimed: String,
        /// The unit in which the claimed number is right.
        matching: String,
        /// The change in that unit.
        value: String,
    },
    /// A fact the verdict uses was published only after the article: known
    /// with hindsight.
    Hindsight {
        /// The fact.
        fact: FactId,
        /// When it was first published.
        published: String,
    },
    /// The quoted words are the source's once the differences house style
    /// makes are set aside (case, punctuation, spelling, numerals, `%`,
    /// contractions); lists each difference.
    Normalised {
        /// The source holding the words.
        source: SourceId,
        /// Each difference: its kind, the quote's words and the source's.
        normalisations: Vec<String>,
    },
    /// The quote leaves words out where it has an ellipsis, or adds words in
    /// square brackets, as newsrooms may.
    Elided {
        /// The source holding the words.
        source: SourceId,
        /// The source's words each ellipsis (or bracket) stands for.
        left_out: Vec<String>,
        /// The words the quote adds in brackets.
        added: Vec<String>,
    },
    /// The quote joins words from two places of one statement, or drops
    /// words from inside it, without an ellipsis.
    Joined {
        /// The source holding the words.
        source: SourceId,
        /// The source's words left out, at each place.
        left_out: Vec<String>,
    },
    /// A number or a negation differs between the quote and the source: the
    /// quote says something else.
    MeaningChanged {
        /// The source holding the closest passage.
        source: SourceId,
        /// Each change: a number changed, a negation added or dropped.
        changes: Vec<String>,
    },
    /// The quote runs on past the end of a passage whose stored copy is cut
    /// short: those words cannot be checked.
    CutShort {
        /// The source whose passage ends.
        source: SourceId,
        /// The quote's words past the end.
        unchecked: String,
    },
    /// The words were found, but the source does not say who spoke them.
    SpeakerUnknown {
        /// The source they were found in.
        source: SourceId,
    },
    /// The words were found in a translation: it backs what was said, not
    /// the speaker's own words.
    Translation {
        /// The translated source.
        source: SourceId,
    },
    /// An expected source is not independent of the article (an earlier
    /// version of it, the same wire copy), so it cannot back the claim.
    NotIndependent {
        /// The source.
        source: SourceId,
    },
    /// The title a claim gives a person differs from the role the reference
    /// holds, or the role is not held at the date.
    Role {
        /// The claimed title.
        claimed: Term,
        /// The claimed organisation.
        organisation: Term,
        /// The roles the reference holds ("title at organisation, from … to …").
        reference: Vec<String>,
    },
}

/// How the subject a figure is for relates to the subject a claim names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, BorshSerialize, BorshDeserialize)]
#[serde(rename_all = "kebab-case")]
pub enum BreakdownRelation {
    /// A part of the claimed subject: giving it for the whole overstates
    /// what it covers.
    Part,
    /// Another part of a whole the claimed subject is part of.
    Sibling,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rate_unit_is_one_whose_key_is_a_rate() {
        let units = [
            "%",
            " Percent ",
            "PCT",
            "per-cent",
            "pc",
            "PP",
            "Percentage Points",
            "point",
            "pts",
            "people",
            "",
            "percents",
            "p c",
            "PERCENTAGE-POINT",
            "Pts\u{00A0}",
            "\u{212A}m",
            "İ",
            "pÖints",
            "\u{00A0}pct",
        ];
        for unit in units {
            let by_key = matches!(unit_key(unit).as_str(), "percent" | "percentage-points");
            assert_eq!(is_rate_unit(unit), by_key, "{unit:?}");
        }
        assert!(is_rate_unit(" Percent ") && !is_rate_unit("people"));
    }
}
