//! JSON Schemas for the data files, so editors can check and complete them
//! while they are written (through a `# yaml-language-server: $schema=…` line).
//!
//! The types here describe the files' shape for editors and are never used
//! to read data: [`crate::load`] does that, with located errors. Tests keep
//! the two in step by validating every bundled file against these schemas
//! with an independent validator, and by checking that the schemas refuse
//! what the loader refuses.

#![allow(dead_code, reason = "the types exist only to derive their schemas")]

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};

/// An id: lowercase letters and digits in words joined by single hyphens.
struct Id;

impl JsonSchema for Id {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Id".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "lowercase letters and digits, words joined by single hyphens",
            "type": "string",
            "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$",
            "maxLength": 100
        })
    }
}

const ONE_DATE: &str = r"(\d{4}(-\d{2}(-\d{2})?|-Q[1-4])?|(early|mid|late) \d{4}-\d{2})";

/// A date: `2024`, `2024-Q3`, `2024-08`, `early 2024-09`, `2024-08-15`, or a range `A/B`.
struct DateText;

impl JsonSchema for DateText {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "2024, 2024-Q3, 2024-08, early|mid|late 2024-09, 2024-08-15, or a range such as 2024-08-16/2024-08-17",
            "anyOf": [
                { "type": "string", "pattern": format!("^{ONE_DATE}(/{ONE_DATE})?$") },
                { "type": "integer", "minimum": 1000, "maximum": 9999 }
            ]
        })
    }
}

/// A source's date, or `unknown`.
struct PublishedText;

impl JsonSchema for PublishedText {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Published".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        json_schema!({ "anyOf": [ generator.subschema_for::<DateText>(), { "const": "unknown" } ] })
    }
}

/// A claim's date: a date as above, or a relative one such as `this Thursday` or `two years later`.
struct ClaimDate;

impl JsonSchema for ClaimDate {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "ClaimDate".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "a date (2024, 2024-08, early 2024-09, 2024-08-15) or a relative date (this Thursday, yesterday, two years later)",
            "anyOf": [ { "type": "string", "minLength": 1 }, { "type": "integer", "minimum": 1000, "maximum": 9999 } ]
        })
    }
}

/// A period a statistical claim names: a date as above, or relative to the article.
struct ClaimPeriod;

impl JsonSchema for ClaimPeriod {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "ClaimPeriod".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "a period (2023, 2023-Q2, 2023-04, 2023-01/2023-03) or one relative to the article (last year, this quarter, April, June last year, the three months to March, the year to June)",
            "anyOf": [ { "type": "string", "minLength": 1 }, { "type": "integer", "minimum": 1000, "maximum": 9999 } ]
        })
    }
}

/// An http or https URL.
struct Url;

impl JsonSchema for Url {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Url".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "string", "pattern": "^https?://\\S+$" })
    }
}

/// A `claims/<article-id>.yaml` file: one article and its claims.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
struct ClaimsFile {
    /// The article under test.
    article: Article,
    /// Its check-worthy claims, and the drafts waiting for review.
    claims: Vec<ClaimOrDraft>,
}

/// A claim, or a draft of one (`draft: true`).
#[derive(JsonSchema)]
#[serde(untagged)]
enum ClaimOrDraft {
    Claim(Claim),
    Draft(Draft),
}

/// `true`, and nothing else.
struct True;

impl JsonSchema for True {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "True".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "const": true })
    }
}

/// `false`, and nothing else.
struct False;

impl JsonSchema for False {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "False".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "const": false })
    }
}

/// The kinds of claim.
#[derive(JsonSchema)]
#[serde(rename_all = "kebab-case")]
enum Kind {
    Quantity,
    Date,
    Quote,
    Event,
    Attribution,
    Opinion,
    Change,
    Ratio,
    Share,
    Rank,
    Record,
    Comparison,
}

/// A claim drafted from the text (`suggest --write`) and not reviewed: never
/// checked until its author sets what it needs and its `expect`, which
/// reviews it (`edit claim ID --expect …` also removes `draft`). Any of its
/// kind's fields may be missing; the loader says which fields the kind takes.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
struct Draft {
    id: Id,
    /// The claim's words, verbatim from the article.
    text: String,
    kind: Kind,
    /// A draft.
    draft: True,
    sources: Option<Vec<Id>>,
    severity: Option<Severity>,
    note: Option<String>,
    subject: Option<Id>,
    measure: Option<Id>,
    value: Option<f64>,
    unit: Option<String>,
    qualifier: Option<Qualifier>,
    tolerance: Option<Tolerance>,
    event: Option<Id>,
    date: Option<ClaimDate>,
    relative_to: Option<Id>,
    speaker: Option<Id>,
    words: Option<String>,
    predicate: Option<Id>,
    object: Option<Id>,
    organisation: Option<Id>,
    period: Option<ClaimPeriod>,
    scale: Option<Scale>,
    signed: Option<bool>,
    parts: Option<Vec<Id>>,
    aggregate: Option<Aggregate>,
    base_subject: Option<Id>,
    base_measure: Option<Id>,
    base_period: Option<ClaimPeriod>,
    direction: Option<Direction>,
    among: Option<Vec<Id>>,
    #[schemars(range(min = 1))]
    rank: Option<u32>,
    order: Option<Order>,
    record: Option<Record>,
    since: Option<ClaimPeriod>,
    figure: Option<Figure>,
    relation: Option<Relation>,
}

/// The article under test; its text is `articles/<id>.txt`.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
struct Article {
    /// The article's id; must match the file name.
    id: Id,
    /// Its headline, when known.
    title: Option<String>,
    /// Who published it.
    publisher: String,
    /// Where it was published.
    url: Url,
    /// When: a date, or a range when uncertain.
    published: DateText,
    /// Anything a reader should know.
    note: Option<String>,
}

/// Verdicts.
#[derive(JsonSchema)]
#[serde(rename_all = "kebab-case")]
enum Verdict {
    Supported,
    Contradicted,
    Misleading,
    Unverifiable,
    Conflicting,
    Opinion,
}

/// How much an unexpected verdict matters.
#[derive(JsonSchema)]
#[serde(rename_all = "kebab-case")]
enum Severity {
    /// Fails the run.
    Error,
    /// Reported only.
    Warn,
}

/// Fields every claim has.
#[derive(JsonSchema)]
struct Common {
    /// Unique in the file; names the claim's snapshot.
    id: Id,
    /// The claim's words, verbatim from the article.
    text: String,
    /// The sources expected to back it, by id.
    sources: Option<Vec<Id>>,
    /// The verdict the author expects.
    expect: Option<Verdict>,
    /// `error` (default) fails the run on an unexpected verdict; `warn` only reports it.
    severity: Option<Severity>,
    /// How the words were read.
    note: Option<String>,
    /// Not a draft (a draft says `draft: true`).
    draft: Option<False>,
}

/// How a number is hedged.
#[derive(JsonSchema)]
#[serde(rename_all = "kebab-case")]
enum Qualifier {
    /// ±0 unless a tolerance is given.
    Exact,
    /// ±10% unless a tolerance is given.
    About,
    /// Up to 10% below, not above.
    Nearly,
    AtLeast,
    MoreThan,
    FewerThan,
    UpTo,
}

/// The power of ten a figure is printed in.
#[derive(JsonSchema)]
#[serde(rename_all = "kebab-case")]
enum Scale {
    Units,
    Thousand,
    Million,
    Billion,
    Trillion,
}

/// How parts combine into one figure.
#[derive(JsonSchema)]
#[serde(rename_all = "kebab-case")]
enum Aggregate {
    /// Their sum (the default).
    Sum,
    /// Their mean.
    Mean,
}

/// A change's direction.
#[derive(JsonSchema)]
#[serde(rename_all = "kebab-case")]
enum Direction {
    Rose,
    Fell,
    Unchanged,
    /// A small rise (at most 0.2 percentage points for a rate, 1% otherwise, unless a tolerance says).
    EdgedUp,
    /// A small fall.
    EdgedDown,
    /// A small move either way, or none.
    LittleChanged,
}

/// Which figure of each period.
#[derive(JsonSchema)]
#[serde(rename_all = "kebab-case")]
enum Figure {
    Level,
    Change,
    PercentChange,
    PointsChange,
}

/// A record.
#[derive(JsonSchema)]
#[serde(rename_all = "kebab-case")]
enum Record {
    Highest,
    Lowest,
    FirstRise,
    FirstFall,
}

/// Which end rank 1 is.
#[derive(JsonSchema)]
#[serde(rename_all = "kebab-case")]
enum Order {
    Highest,
    Lowest,
}

/// How two figures compare.
#[derive(JsonSchema)]
#[serde(rename_all = "kebab-case")]
enum Relation {
    Greater,
    Less,
    Equal,
}

/// How a claimed date relates to the event's.
#[derive(JsonSchema)]
#[serde(rename_all = "kebab-case")]
enum DateQualifier {
    On,
    NoLaterThan,
    NoEarlierThan,
}

/// An explicit tolerance, replacing the qualifier's.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
enum Tolerance {
    /// Plus or minus this many units.
    Absolute(f64),
    /// Plus or minus this fraction of the value (0.05 is 5%).
    Relative(f64),
}

/// One claim; `kind` decides which fields it takes.
#[derive(JsonSchema)]
#[serde(tag = "kind", rename_all = "kebab-case", deny_unknown_fields)]
enum Claim {
    /// A number of something.
    Quantity {
        #[serde(flatten)]
        common: Common,
        /// What is counted or measured.
        subject: Id,
        /// Which measure of it.
        measure: Id,
        /// The number, written plainly (2500).
        value: f64,
        /// Its unit, compared with the facts' (`%`, `per cent` and `percent` are one).
        unit: String,
        qualifier: Option<Qualifier>,
        tolerance: Option<Tolerance>,
        /// The period the figure is for.
        period: Option<ClaimPeriod>,
        /// The scale the value is printed in ("12.35 million").
        scale: Option<Scale>,
        /// The value may be below zero although its unit is not a rate.
        signed: Option<bool>,
        /// The subjects the figure is computed from.
        parts: Option<Vec<Id>>,
        aggregate: Option<Aggregate>,
    },
    /// When something happened.
    Date {
        #[serde(flatten)]
        common: Common,
        /// The event dated.
        event: Id,
        /// Which date of it (default `date`).
        measure: Option<Id>,
        date: ClaimDate,
        /// `article` (default) or the id of the claim a relative date counts from.
        relative_to: Option<Id>,
        qualifier: Option<DateQualifier>,
    },
    /// Words in quotation marks and who is said to have said them.
    Quote {
        #[serde(flatten)]
        common: Common,
        speaker: Id,
        /// The quoted words, as they stand in `text`.
        words: String,
    },
    /// Something that happened.
    Event {
        #[serde(flatten)]
        common: Common,
        subject: Id,
        predicate: Id,
        object: Id,
        date: Option<ClaimDate>,
        relative_to: Option<Id>,
        /// For a role: the organisation the title (`object`) is held at.
        organisation: Option<Id>,
    },
    /// What someone said, wanted or gave as a reason.
    Attribution {
        #[serde(flatten)]
        common: Common,
        subject: Id,
        predicate: Id,
        object: Id,
        date: Option<ClaimDate>,
        relative_to: Option<Id>,
        /// For a role: the organisation the title (`object`) is held at.
        organisation: Option<Id>,
    },
    /// A judgement: recorded, never checked.
    Opinion {
        #[serde(flatten)]
        common: Common,
    },
    /// A change between two periods: direction, size, or both.
    Change {
        #[serde(flatten)]
        common: Common,
        subject: Id,
        measure: Id,
        /// The later period.
        period: ClaimPeriod,
        /// The earlier period (default: the period before, of the same length).
        base_period: Option<ClaimPeriod>,
        direction: Option<Direction>,
        /// The size: signed (a fall is negative).
        value: Option<f64>,
        /// The figures' unit (an absolute change), `percent` (a percent change) or `percentage-points`.
        unit: Option<String>,
        scale: Option<Scale>,
        qualifier: Option<Qualifier>,
        tolerance: Option<Tolerance>,
        parts: Option<Vec<Id>>,
        aggregate: Option<Aggregate>,
    },
    /// One figure as a multiple of another.
    Ratio {
        #[serde(flatten)]
        common: Common,
        subject: Id,
        measure: Id,
        period: Option<ClaimPeriod>,
        base_subject: Option<Id>,
        base_measure: Option<Id>,
        base_period: Option<ClaimPeriod>,
        /// The ratio: 2 for "doubled", 0.5 for "halved".
        #[schemars(range(min = 0))]
        value: f64,
        qualifier: Option<Qualifier>,
        tolerance: Option<Tolerance>,
        parts: Option<Vec<Id>>,
        aggregate: Option<Aggregate>,
    },
    /// A part (or parts, summed) as a percentage of a total.
    Share {
        #[serde(flatten)]
        common: Common,
        subject: Id,
        measure: Id,
        period: Option<ClaimPeriod>,
        /// The total.
        base_subject: Id,
        /// The share, in percent.
        #[schemars(range(min = 0, max = 100))]
        value: f64,
        qualifier: Option<Qualifier>,
        tolerance: Option<Tolerance>,
        parts: Option<Vec<Id>>,
        aggregate: Option<Aggregate>,
    },
    /// A place in a breakdown.
    Rank {
        #[serde(flatten)]
        common: Common,
        subject: Id,
        measure: Id,
        period: Option<ClaimPeriod>,
        /// The breakdown.
        #[schemars(length(min = 1))]
        among: Vec<Id>,
        /// The claimed place, from 1.
        #[schemars(range(min = 1))]
        rank: u32,
        order: Option<Order>,
        figure: Option<Figure>,
    },
    /// A record over a series.
    Record {
        #[serde(flatten)]
        common: Common,
        subject: Id,
        measure: Id,
        period: ClaimPeriod,
        record: Record,
        /// Since when; absent for "on record".
        since: Option<ClaimPeriod>,
        figure: Option<Figure>,
    },
    /// Two figures compared.
    Comparison {
        #[serde(flatten)]
        common: Common,
        subject: Id,
        measure: Id,
        period: Option<ClaimPeriod>,
        base_subject: Option<Id>,
        base_measure: Option<Id>,
        base_period: Option<ClaimPeriod>,
        relation: Relation,
        figure: Option<Figure>,
        parts: Option<Vec<Id>>,
        aggregate: Option<Aggregate>,
    },
}

/// `reference/sources.yaml`: every source.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
struct SourcesFile {
    sources: Vec<Source>,
}

/// How directly a source reports.
#[derive(JsonSchema)]
#[serde(rename_all = "kebab-case")]
enum SourceKind {
    /// The originating body's own statement or document.
    Primary,
    /// A news agency's report, in any copy.
    Wire,
    /// Any other outlet or reference work.
    Secondary,
}

/// A public document that says something.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
struct Source {
    id: Id,
    /// Who hosts the copy consulted.
    publisher: String,
    /// Who wrote it, when syndicated or mirrored.
    original_publisher: Option<String>,
    title: String,
    url: Url,
    /// Other copies of the same text.
    also_at: Option<Vec<Url>>,
    /// A date, a range, or `unknown`.
    published: PublishedText,
    /// Whether the date is deduced rather than printed.
    date_inferred: Option<bool>,
    kind: SourceKind,
    /// How the date or title is known; caveats.
    note: Option<String>,
    /// Verbatim passages.
    excerpts: Option<Vec<Excerpt>>,
    /// Whose words its full text, `reference/documents/<id>.txt`, holds.
    speaker: Option<Id>,
    /// Its full text stops where the stored copy stopped.
    cut_short: Option<bool>,
    /// A translation: it backs what was said, not the speaker's words.
    translation: Option<bool>,
    /// Articles it is not independent of (an earlier version, the same wire copy).
    not_independent_of: Option<Vec<Id>>,
}

/// A verbatim passage of a source.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
struct Excerpt {
    /// The passage, verbatim.
    text: String,
    /// Whose prose the passage is (`unknown` when the source does not say).
    speaker: Id,
    /// Whose words stand inside its quotation marks (`unknown` when the source does not say).
    quoting: Option<Id>,
    /// The stored copy ends mid-passage: words past its end are not known.
    cut_short: Option<bool>,
}

/// A `reference/facts/*.yaml` file.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
struct FactsFile {
    facts: Vec<Fact>,
}

/// A statement about the world with its sources. It has a `measure` (with
/// `value` and `unit`, or `date`) or a `predicate` (with `object`), or is
/// `unsettled` with a note saying why.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("oneOf" = [{ "required": ["measure"] }, { "required": ["predicate"] }]))]
struct Fact {
    id: Id,
    subject: Id,
    measure: Option<Id>,
    predicate: Option<Id>,
    /// A number, with `unit`.
    value: Option<f64>,
    unit: Option<String>,
    qualifier: Option<Qualifier>,
    /// The date (for a measure), or when the event happened (for a predicate).
    date: Option<DateText>,
    object: Option<Id>,
    /// For a role (`object` is a title): the organisation it is held at.
    organisation: Option<Id>,
    /// No source settles the value; `note` says why.
    unsettled: Option<bool>,
    valid_from: Option<DateText>,
    valid_to: Option<DateText>,
    /// An observation, replaced by a later one of the same subject and measure.
    as_of: Option<DateText>,
    /// An expectation; a fact about what happened replaces it.
    forecast: Option<bool>,
    /// At least one source id.
    #[schemars(length(min = 1))]
    sources: Vec<Id>,
    note: Option<String>,
    /// The period the figure covers.
    period: Option<DateText>,
    /// When this vintage was published (with `period`); a later vintage of the same period revises it.
    published: Option<DateText>,
    /// The scale the value is given in.
    scale: Option<Scale>,
    /// The value may be below zero although its unit is not a rate.
    signed: Option<bool>,
    /// The source states the period's figure is a record.
    record: Option<Record>,
    /// Since when that record runs.
    since: Option<DateText>,
}

/// `reference/terms.yaml`: labels and broader terms.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
struct TermsFile {
    terms: Vec<Term>,
}

/// A vocabulary entry.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
struct Term {
    term: Id,
    label: Option<String>,
    /// Terms that include this one.
    broader: Option<Vec<Id>>,
    /// Wholes this is a part of (a region of a country, one category of all items).
    part_of: Option<Vec<Id>>,
}

/// The data files that have a schema, by name.
pub const NAMES: [&str; 4] = ["claims", "sources", "facts", "terms"];

/// The schema of the file kind `name`, pretty-printed, ending with a newline.
pub fn named(name: &str) -> Option<String> {
    let schema = match name {
        "claims" => schemars::schema_for!(ClaimsFile),
        "sources" => schemars::schema_for!(SourcesFile),
        "facts" => schemars::schema_for!(FactsFile),
        "terms" => schemars::schema_for!(TermsFile),
        _ => return None,
    };
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    Some(text)
}

/// Every schema, with its name.
pub fn all() -> Vec<(&'static str, String)> {
    NAMES.iter().filter_map(|n| named(n).map(|s| (*n, s))).collect()
}
