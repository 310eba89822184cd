//! Turns parsed files ([`super::raw`]) into model values, one item at a time,
//! reporting every rule an item breaks as a located diagnostic.
//!
//! Rules that need more than one item (duplicate ids, references between
//! files) are [`super::validate`]'s.

use std::sync::Arc;

use crate::date::{DateExpr, DateSpec};
use crate::error::Diagnostic;
use crate::model::{
    Aggregate, Anchor, Article, Assertion, ChangeAssertion, Claim, ClaimId, ClaimKind, ComparisonAssertion,
    DateAssertion, DateQualifier, Definition, Direction, DraftClaim, Excerpt, Fact, FactId, FactValue, Figure,
    FigureRelation, Order, Printed, Qualifier, QuantityAssertion, QuoteAssertion, RankAssertion, RatioAssertion,
    RecordAssertion, RecordKind, Scale, Series, Severity, ShareAssertion, Source, SourceId, SourceKind, Term,
    Tolerance, Triple, Validity, VerdictKind, is_rate_unit,
};
use crate::nearest::closest;
use crate::yaml::{Span, Spanned};

use super::raw::{self, Text};
use super::shared::Shared;

/// One file being converted: where diagnostics go and what they point into.
pub struct FileCx<'a> {
    /// The file's path relative to the root.
    pub path: &'a str,
    /// The file's text.
    pub text: &'a Arc<str>,
    /// Where problems are collected.
    pub diags: &'a mut Vec<Diagnostic>,
    /// Ids and source lists seen in this file, so repeats share one
    /// allocation.
    shared: Shared,
    /// Whether a missing field goes unreported: true while a draft's
    /// fields are read, since a draft may lack what its kind requires.
    lenient: bool,
}

impl<'a> FileCx<'a> {
    /// Converting items of the file `path` whose text is `text`.
    pub fn new(path: &'a str, text: &'a Arc<str>, diags: &'a mut Vec<Diagnostic>) -> Self {
        FileCx { path, text, diags, shared: Shared::default(), lenient: false }
    }

    fn intern(&mut self, id: &str) -> Arc<str> {
        self.shared.text(id)
    }

    /// A new error at `span`, to be finished with label and help and pushed.
    pub fn error(&self, span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(self.path, self.text, span, message)
    }

    /// Records a diagnostic.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.diags.push(diagnostic);
    }

    fn fail<T>(&mut self, diagnostic: Diagnostic) -> Option<T> {
        self.push(diagnostic);
        None
    }

    /// An identifier: lowercase letters, digits and single hyphens, as it
    /// also names files (snapshots, article texts). One copy is shared by
    /// every item of the file naming it.
    pub fn id<T: From<Arc<str>>>(&mut self, raw: &Text, what: &str) -> Option<T> {
        self.checked_id(raw, what)?;
        Some(T::from(self.intern(&raw.value)))
    }

    /// [`Self::id`] for the id of the item itself (a fact's): its own
    /// copy, since no other item of the file has it, and putting a
    /// million of them in the file's shared set cost a hash and a place
    /// each for nothing (the parse cache leaves them unshared too).
    fn own_id<T: From<Arc<str>>>(&mut self, raw: &Text, what: &str) -> Option<T> {
        self.checked_id(raw, what)?;
        Some(T::from(Arc::from(raw.value.as_str())))
    }

    /// Whether `raw` is a sound identifier, recording why not.
    fn checked_id(&mut self, raw: &Text, what: &str) -> Option<()> {
        match id_problem(&raw.value) {
            None => Some(()),
            Some(problem) => {
                let suggestion = slug(&raw.value);
                let help = if suggestion.is_empty() {
                    "use lowercase letters, digits and hyphens, such as `us-troops-2024`".to_owned()
                } else {
                    format!("use lowercase letters, digits and hyphens, such as `{suggestion}`")
                };
                self.fail(self.error(raw.span, format!("{what} `{}` {problem}", raw.value)).with_help(help))
            }
        }
    }

    fn term(&mut self, raw: &Text, what: &str) -> Option<Term> {
        self.id(raw, what)
    }

    fn text(&mut self, raw: &Text, what: &str) -> Option<String> {
        if raw.value.trim().is_empty() {
            return self.fail(self.error(raw.span, format!("{what} is empty")));
        }
        Some(raw.value.clone())
    }

    fn url(&mut self, raw: &Text) -> Option<String> {
        let url = raw.value.trim();
        let scheme_ok = url.starts_with("https://") || url.starts_with("http://");
        if !scheme_ok || url.contains(char::is_whitespace) || url.len() <= "https://".len() {
            return self.fail(
                self.error(raw.span, format!("`{url}` is not an http or https URL"))
                    .with_help("give the full address, starting with `https://`"),
            );
        }
        Some(url.to_owned())
    }

    /// A date or date range (`2024-08`, `2024-08-16/2024-08-17`).
    pub fn date_spec(&mut self, raw: &Text) -> Option<DateSpec> {
        match raw.value.parse::<DateSpec>() {
            Ok(spec) => Some(spec),
            Err(e) => self.fail(self.error(raw.span, e.message).with_help(e.help)),
        }
    }

    fn date_expr(&mut self, raw: &Text) -> Option<DateExpr> {
        match raw.value.parse::<DateExpr>() {
            Ok(expr) => Some(expr),
            Err(e) => self.fail(self.error(raw.span, e.message).with_help(e.help)),
        }
    }

    fn number(&mut self, raw: &Spanned<f64>, what: &str) -> Option<f64> {
        if raw.value.is_finite() {
            Some(raw.value)
        } else {
            self.fail(
                self.error(raw.span, format!("{what} must be a finite number"))
                    .with_help("write a number such as `2500` or `0.05`"),
            )
        }
    }

    /// An amount: finite, and not negative unless `signed` (its unit is a
    /// rate, or the fact or claim says `signed: true`). A count cannot be
    /// below zero; a change, a balance or a rate can.
    fn amount(&mut self, raw: &Spanned<f64>, what: &str, signed: bool) -> Option<f64> {
        let n = self.number(raw, what)?;
        if n < 0.0 && !signed {
            return self.fail(self.error(raw.span, format!("{what} is negative")).with_help(
                "a count cannot be below zero; a change between two periods is a `change` claim, and a measure that can be negative (a balance, a temperature) says `signed: true`",
            ));
        }
        Some(n)
    }

    /// How many decimals the number at `span` is printed with, read from
    /// the text as written (`4.70` has two): the precision it implies.
    fn decimals(&self, raw: &Spanned<f64>) -> u8 {
        let literal = self.text.get(raw.span.start..raw.span.end).unwrap_or("").trim();
        let literal = if literal.is_empty() { crate::check::number(raw.value) } else { literal.to_owned() };
        let mantissa = literal.split(['e', 'E']).next().unwrap_or("");
        let decimals = mantissa.split_once('.').map_or(0, |(_, d)| d.chars().take_while(char::is_ascii_digit).count());
        u8::try_from(decimals).unwrap_or(u8::MAX)
    }

    fn term_opt(&mut self, raw: Option<&Text>, what: &str) -> Option<Option<Term>> {
        match raw {
            None => Some(None),
            Some(t) => self.term(t, what).map(Some),
        }
    }

    fn date_expr_opt(&mut self, raw: Option<&Text>) -> Option<Option<DateExpr>> {
        match raw {
            None => Some(None),
            Some(t) => self.date_expr(t).map(Some),
        }
    }

    fn choice_opt<E: Copy>(
        &mut self,
        raw: Option<&Text>,
        field: &str,
        options: &[(&'static str, E)],
    ) -> Option<Option<E>> {
        match raw {
            None => Some(None),
            Some(t) => self.choice(t, field, options).map(Some),
        }
    }

    fn tolerance_number(&mut self, raw: &Spanned<f64>, what: &str) -> Option<f64> {
        let n = self.number(raw, what)?;
        if n < 0.0 {
            return self.fail(
                self.error(raw.span, format!("{what} is negative"))
                    .with_help("a tolerance is a distance: write it as a positive number"),
            );
        }
        Some(n)
    }

    /// One of a closed set of names, with a did-you-mean hint.
    fn choice<E: Copy>(&mut self, raw: &Text, field: &str, options: &[(&'static str, E)]) -> Option<E> {
        if let Some((_, e)) = options.iter().find(|(name, _)| *name == raw.value) {
            return Some(*e);
        }
        let names: Vec<&str> = options.iter().map(|(n, _)| *n).collect();
        let help = match closest(&raw.value, names.iter().copied()) {
            Some(near) => format!("did you mean `{near}`?"),
            None => format!("`{field}` is one of: {}", names.join(", ")),
        };
        self.fail(self.error(raw.span, format!("unknown {field} `{}`", raw.value)).with_help(help))
    }

    /// The shared list of the source ids in `raw`, recording each that is
    /// not sound. A list met earlier in the file is found by its ids' text,
    /// without sharing each id first.
    fn source_list(&mut self, raw: &raw::TextList) -> Arc<[SourceId]> {
        if raw.value.iter().all(|id| id_problem(&id.value).is_none()) {
            return self.shared.source_list(raw.value.iter().map(|t| t.value.as_str()));
        }
        let sound: Vec<SourceId> = self.id_list(Some(raw), "source id");
        self.shared.sources(&sound)
    }

    fn id_list<T: From<Arc<str>>>(&mut self, raw: Option<&raw::TextList>, what: &str) -> Vec<T> {
        let Some(list) = raw else { return Vec::new() };
        // Exactly as long as needed: a million facts each hold one of these lists.
        let mut ids = Vec::with_capacity(list.value.len());
        ids.extend(list.value.iter().filter_map(|t| self.id(t, what)));
        ids
    }
}

/// What is wrong with an id, if anything.
fn id_problem(id: &str) -> Option<&'static str> {
    if id.is_empty() {
        Some("is empty")
    } else if id.len() > 100 {
        Some("is longer than 100 characters")
    } else {
        // One pass over the bytes, without a branch on each: a letter that
        // is not allowed decides first, then two hyphens in a row or one
        // at either end.
        let (mut stray, mut barred, mut hyphen_before) = (false, false, true);
        for b in id.bytes() {
            let kind = ID_BYTES[usize::from(b)];
            let hyphen = kind == HYPHEN;
            barred |= kind == BARRED;
            stray |= hyphen & hyphen_before;
            hyphen_before = hyphen;
        }
        if barred {
            Some("may only hold lowercase letters, digits and hyphens")
        } else {
            (stray || hyphen_before).then_some("has a stray hyphen")
        }
    }
}

/// What each byte may be in an id ([`id_problem`]).
const ID_BYTES: [u8; 256] = {
    let mut kinds = [BARRED; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        if byte.is_ascii_lowercase() || byte.is_ascii_digit() {
            kinds[b] = ALLOWED;
        }
        b += 1;
    }
    kinds[b'-' as usize] = HYPHEN;
    kinds
};
const BARRED: u8 = 0;
const ALLOWED: u8 = 1;
const HYPHEN: u8 = 2;

/// A readable id made from free text: lowercase words joined by hyphens.
pub fn slug(text: &str) -> String {
    // Possessives and apostrophes join their word: "Iraq’s" is `iraq`, "don't" is `dont`.
    let lower = text.to_lowercase().replace(['’', 'ʼ'], "'").replace("'s ", " ").replace('\'', "");
    let lower = lower.strip_suffix("'s").unwrap_or(&lower).to_owned();
    let words: Vec<&str> =
        lower.split(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit())).filter(|w| !w.is_empty()).collect();
    words.join("-")
}

const QUALIFIERS: [(&str, Qualifier); 7] = [
    ("exact", Qualifier::Exact),
    ("about", Qualifier::About),
    ("nearly", Qualifier::Nearly),
    ("at-least", Qualifier::AtLeast),
    ("more-than", Qualifier::MoreThan),
    ("fewer-than", Qualifier::FewerThan),
    ("up-to", Qualifier::UpTo),
];

const DATE_QUALIFIERS: [(&str, DateQualifier); 3] = [
    ("on", DateQualifier::On),
    ("no-later-than", DateQualifier::NoLaterThan),
    ("no-earlier-than", DateQualifier::NoEarlierThan),
];

const KINDS: [(&str, ClaimKind); 12] = [
    ("quantity", ClaimKind::Quantity),
    ("date", ClaimKind::Date),
    ("quote", ClaimKind::Quote),
    ("event", ClaimKind::Event),
    ("attribution", ClaimKind::Attribution),
    ("opinion", ClaimKind::Opinion),
    ("change", ClaimKind::Change),
    ("ratio", ClaimKind::Ratio),
    ("share", ClaimKind::Share),
    ("rank", ClaimKind::Rank),
    ("record", ClaimKind::Record),
    ("comparison", ClaimKind::Comparison),
];

const VERDICTS: [(&str, VerdictKind); 6] = [
    ("supported", VerdictKind::Supported),
    ("contradicted", VerdictKind::Contradicted),
    ("misleading", VerdictKind::Misleading),
    ("unverifiable", VerdictKind::Unverifiable),
    ("conflicting", VerdictKind::Conflicting),
    ("opinion", VerdictKind::Opinion),
];

const SEVERITIES: [(&str, Severity); 2] = [("error", Severity::Error), ("warn", Severity::Warn)];

const SCALES: [(&str, Scale); 5] = [
    ("units", Scale::Units),
    ("thousand", Scale::Thousand),
    ("million", Scale::Million),
    ("billion", Scale::Billion),
    ("trillion", Scale::Trillion),
];

const AGGREGATES: [(&str, Aggregate); 2] = [("sum", Aggregate::Sum), ("mean", Aggregate::Mean)];

const DIRECTIONS: [(&str, Direction); 6] = [
    ("rose", Direction::Rose),
    ("fell", Direction::Fell),
    ("unchanged", Direction::Unchanged),
    ("edged-up", Direction::EdgedUp),
    ("edged-down", Direction::EdgedDown),
    ("little-changed", Direction::LittleChanged),
];

const FIGURES: [(&str, Figure); 4] = [
    ("level", Figure::Level),
    ("change", Figure::Change),
    ("percent-change", Figure::PercentChange),
    ("points-change", Figure::PointsChange),
];

const RECORDS: [(&str, RecordKind); 4] = [
    ("highest", RecordKind::Highest),
    ("lowest", RecordKind::Lowest),
    ("first-rise", RecordKind::FirstRise),
    ("first-fall", RecordKind::FirstFall),
];

const ORDERS: [(&str, Order); 2] = [("highest", Order::Highest), ("lowest", Order::Lowest)];

const RELATIONS: [(&str, FigureRelation); 3] =
    [("greater", FigureRelation::Greater), ("less", FigureRelation::Less), ("equal", FigureRelation::Equal)];

const SOURCE_KINDS: [(&str, SourceKind); 3] =
    [("primary", SourceKind::Primary), ("wire", SourceKind::Wire), ("secondary", SourceKind::Secondary)];

/// The article block of a claims file.
pub fn article(cx: &mut FileCx<'_>, raw: &raw::Article) -> Option<Article> {
    let id = cx.id(&raw.id, "article id");
    let title = raw.title.as_ref().and_then(|t| cx.text(t, "`title`"));
    let publisher = cx.text(&raw.publisher, "`publisher`");
    let url = cx.url(&raw.url);
    let published = cx.date_spec(&raw.published);
    let note = raw.note.as_ref().map(|n| n.value.clone());
    Some(Article { id: id?, title, publisher: publisher?, url: url?, published: published?, note })
}

/// The kind-specific fields of a claim, with their spans, for "does not
/// apply to this kind" errors.
fn kind_fields(raw: &raw::Claim) -> Vec<(&'static str, Span)> {
    let text = |name, field: &Option<Text>| field.as_ref().map(|f| (name, f.span));
    [
        text("subject", &raw.subject),
        text("measure", &raw.measure),
        raw.value.as_ref().map(|v| ("value", v.span)),
        text("unit", &raw.unit),
        text("qualifier", &raw.qualifier),
        raw.tolerance.as_ref().map(|t| ("tolerance", t.span)),
        text("event", &raw.event),
        text("date", &raw.date),
        text("relative_to", &raw.relative_to),
        text("speaker", &raw.speaker),
        text("words", &raw.words),
        text("predicate", &raw.predicate),
        text("object", &raw.object),
        text("period", &raw.period),
        text("scale", &raw.scale),
        raw.signed.as_ref().map(|v| ("signed", v.span)),
        raw.parts.as_ref().map(|v| ("parts", v.span)),
        text("aggregate", &raw.aggregate),
        text("base_subject", &raw.base_subject),
        text("base_measure", &raw.base_measure),
        text("base_period", &raw.base_period),
        text("direction", &raw.direction),
        raw.among.as_ref().map(|v| ("among", v.span)),
        raw.rank.as_ref().map(|v| ("rank", v.span)),
        text("order", &raw.order),
        text("record", &raw.record),
        text("since", &raw.since),
        text("figure", &raw.figure),
        text("relation", &raw.relation),
        text("organisation", &raw.organisation),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// The fields each kind takes, in the order they are documented.
pub fn fields_of(kind: ClaimKind) -> &'static [&'static str] {
    match kind {
        ClaimKind::Quantity => &[
            "subject",
            "measure",
            "value",
            "unit",
            "qualifier",
            "tolerance",
            "period",
            "scale",
            "signed",
            "parts",
            "aggregate",
        ],
        ClaimKind::Change => &[
            "subject",
            "measure",
            "period",
            "base_period",
            "direction",
            "value",
            "unit",
            "scale",
            "qualifier",
            "tolerance",
            "parts",
            "aggregate",
        ],
        ClaimKind::Ratio => &[
            "subject",
            "measure",
            "period",
            "base_subject",
            "base_measure",
            "base_period",
            "value",
            "qualifier",
            "tolerance",
            "parts",
            "aggregate",
        ],
        ClaimKind::Share => {
            &["subject", "measure", "period", "base_subject", "value", "qualifier", "tolerance", "parts", "aggregate"]
        }
        ClaimKind::Rank => &["subject", "measure", "period", "among", "rank", "order", "figure"],
        ClaimKind::Record => &["subject", "measure", "period", "record", "since", "figure"],
        ClaimKind::Comparison => &[
            "subject",
            "measure",
            "period",
            "base_subject",
            "base_measure",
            "base_period",
            "relation",
            "figure",
            "parts",
            "aggregate",
        ],
        ClaimKind::Date => &["event", "measure", "date", "relative_to", "qualifier"],
        ClaimKind::Quote => &["speaker", "words"],
        ClaimKind::Event | ClaimKind::Attribution => {
            &["subject", "predicate", "object", "date", "relative_to", "organisation"]
        }
        ClaimKind::Opinion => &[],
    }
}

/// The fields a claim of `kind` cannot do without (besides `text` and
/// `kind`); a `change` needs `direction` or `value` as well, and a `ratio`
/// or `comparison` what it compares with.
pub fn required_of(kind: ClaimKind) -> &'static [&'static str] {
    match kind {
        ClaimKind::Quantity => &["subject", "measure", "value", "unit"],
        ClaimKind::Date => &["event", "date"],
        ClaimKind::Quote => &["speaker", "words"],
        ClaimKind::Event | ClaimKind::Attribution => &["subject", "predicate", "object"],
        ClaimKind::Opinion => &[],
        ClaimKind::Change => &["subject", "measure", "period"],
        ClaimKind::Ratio => &["subject", "measure", "value"],
        ClaimKind::Share => &["subject", "measure", "base_subject", "value"],
        ClaimKind::Rank => &["subject", "measure", "among", "rank"],
        ClaimKind::Record => &["subject", "measure", "period", "record"],
        ClaimKind::Comparison => &["subject", "measure", "relation"],
    }
}

fn required<'r, T>(cx: &mut FileCx<'_>, field: Option<&'r T>, name: &str, kind: &Text) -> Option<&'r T> {
    if field.is_none() && !cx.lenient {
        cx.push(
            cx.error(kind.span, format!("a `{}` claim needs `{name}`", kind.value))
                .with_label(format!("`{name}` missing"))
                .with_help(format!("add `{name}:` to this claim")),
        );
    }
    field
}

/// Whether a raw claim is a draft (`draft: true`), read by [`draft`].
pub fn is_draft(raw: &raw::Claim) -> bool {
    raw.draft.as_ref().is_some_and(|d| d.value)
}

/// One claim; `None`, with nothing reported, for a draft ([`draft`] reads it).
pub fn claim(cx: &mut FileCx<'_>, raw: &raw::Claim) -> Option<Claim> {
    if is_draft(raw) {
        return None;
    }
    let id = cx.id::<ClaimId>(&raw.id, "claim id");
    let text = cx.text(&raw.text, "claim `text`");
    let sources = cx.id_list::<SourceId>(raw.sources.as_ref(), "source id");
    let expect = raw.expect.as_ref().and_then(|e| cx.choice(e, "verdict", &VERDICTS));
    let severity = raw.severity.as_ref().map_or(Some(Severity::Error), |s| cx.choice(s, "severity", &SEVERITIES));
    let note = raw.note.as_ref().map(|n| n.value.clone());
    let kind = cx.choice(&raw.kind, "kind", &KINDS)?;
    fields_apply(cx, raw, kind);
    let assertion = assertion(cx, raw, kind);
    Some(Claim { id: id?, text: text?, assertion: assertion?, sources, expect, severity: severity?, note })
}

/// Reports each field that does not belong to a claim of `kind`.
fn fields_apply(cx: &mut FileCx<'_>, raw: &raw::Claim, kind: ClaimKind) {
    let allowed = fields_of(kind);
    for (name, span) in kind_fields(raw) {
        if !allowed.contains(&name) {
            let takes = if allowed.is_empty() { "no further fields".to_owned() } else { allowed.join(", ") };
            cx.push(
                cx.error(span, format!("`{name}` does not apply to a `{kind}` claim"))
                    .with_help(format!("a `{kind}` claim takes: {takes}")),
            );
        }
    }
}

/// One draft (`draft: true`): its fields are checked as a claim's are,
/// except that those its kind requires may be missing; they are listed,
/// with `expect`, as what it still needs. A draft has no `expect`: setting
/// it is what reviewing a draft means.
pub fn draft(cx: &mut FileCx<'_>, raw: &raw::Claim) -> Option<DraftClaim> {
    let id = cx.id::<ClaimId>(&raw.id, "claim id");
    let text = cx.text(&raw.text, "claim `text`");
    let _ = cx.id_list::<SourceId>(raw.sources.as_ref(), "source id");
    if let Some(severity) = &raw.severity {
        let _ = cx.choice(severity, "severity", &SEVERITIES);
    }
    if let Some(expect) = &raw.expect {
        cx.push(
            cx.error(expect.span, format!("draft `{}` has an `expect`", raw.id.value))
                .with_label("a draft is not checked")
                .with_help(format!(
                    "setting `expect` reviews a draft: `factcheck edit claim {} --expect {}` also removes `draft: true`",
                    raw.id.value, expect.value
                )),
        );
    }
    let kind = cx.choice(&raw.kind, "kind", &KINDS)?;
    fields_apply(cx, raw, kind);
    // The values given must be valid; the ones missing are listed instead.
    cx.lenient = true;
    let _ = assertion(cx, raw, kind);
    cx.lenient = false;
    let present: Vec<&str> = kind_fields(raw).into_iter().map(|(name, _)| name).collect();
    let missing = missing_of(kind, &present);
    Some(DraftClaim { id: id?, text: text?, kind, missing })
}

/// What a draft of `kind` with the fields `present` needs before it can be
/// checked: the fields its kind requires that it lacks (for a `change`,
/// `direction` when it has neither `direction` nor `value`, and `unit` with
/// a `value`; for a `ratio` or `comparison`, `base_period` when it names
/// nothing to compare with), then `expect`.
pub fn missing_of(kind: ClaimKind, present: &[&str]) -> Vec<&'static str> {
    let has = |field: &str| present.contains(&field);
    let mut missing: Vec<&'static str> = required_of(kind).iter().copied().filter(|field| !has(field)).collect();
    if kind == ClaimKind::Change && !has("direction") && !has("value") {
        missing.push("direction");
    }
    if kind == ClaimKind::Change && has("value") && !has("unit") {
        missing.push("unit");
    }
    if matches!(kind, ClaimKind::Ratio | ClaimKind::Comparison)
        && !has("base_subject")
        && !has("base_measure")
        && !has("base_period")
    {
        missing.push("base_period");
    }
    missing.push("expect");
    missing
}

fn assertion(cx: &mut FileCx<'_>, raw: &raw::Claim, kind: ClaimKind) -> Option<Assertion> {
    let k = &raw.kind;
    Some(match kind {
        ClaimKind::Quantity => {
            let series = series(cx, raw, k);
            let signed = raw.signed.as_ref().is_some_and(|s| s.value);
            let printed = printed(cx, raw, k, Unit::Required, signed);
            let (series, printed) = (series?, printed?);
            Assertion::Quantity(QuantityAssertion {
                subject: series.subject,
                measure: series.measure,
                value: printed.value,
                unit: printed.unit,
                qualifier: printed.qualifier,
                tolerance: printed.tolerance,
                period: series.period,
                scale: printed.scale,
                decimals: printed.decimals,
                signed,
                parts: series.parts,
                aggregate: series.aggregate,
            })
        }
        ClaimKind::Change => {
            let series = series(cx, raw, k);
            let _ = required(cx, raw.period.as_ref(), "period", k);
            let base_period = cx.date_expr_opt(raw.base_period.as_ref());
            let direction = cx.choice_opt(raw.direction.as_ref(), "direction", &DIRECTIONS);
            let amount = match &raw.value {
                Some(_) => printed(cx, raw, k, Unit::Required, true).map(Some),
                None => {
                    if raw.direction.is_none() && !cx.lenient {
                        cx.push(
                            cx.error(k.span, "a `change` claim needs `direction` or `value`")
                                .with_help("add `direction: rose` (fell, unchanged, edged-up, edged-down, little-changed), `value:` with `unit:`, or both"),
                        );
                    }
                    for (name, span) in
                        [("unit", raw.unit.as_ref().map(|u| u.span)), ("scale", raw.scale.as_ref().map(|u| u.span))]
                    {
                        if let Some(span) = span {
                            cx.push(
                                cx.error(span, format!("`{name}` goes with `value`"))
                                    .with_help("give the change's size with `value:`, or remove this field"),
                            );
                        }
                    }
                    Some(None)
                }
            };
            let (series, base_period, direction, amount) = (series?, base_period?, direction?, amount?);
            if let (Some(direction), Some(amount), Some(value)) = (direction, &amount, &raw.value) {
                check_direction(cx, direction, amount.value, value.span);
            }
            series.period?;
            Assertion::Change(ChangeAssertion { series, base_period, direction, amount })
        }
        ClaimKind::Ratio => {
            let series = series(cx, raw, k);
            let (base_subject, base_measure, base_period) = base(cx, raw, k);
            let ratio = printed(cx, raw, k, Unit::None, false);
            let ratio = ratio?;
            if ratio.value <= 0.0 {
                let span = raw.value.as_ref().map_or(k.span, |v| v.span);
                return cx.fail(
                    cx.error(span, "a ratio is above zero")
                        .with_help("write `value: 2` for \"doubled\", `value: 0.5` for \"halved\""),
                );
            }
            Assertion::Ratio(RatioAssertion {
                series: series?,
                base_subject: base_subject?,
                base_measure: base_measure?,
                base_period: base_period?,
                ratio,
            })
        }
        ClaimKind::Share => {
            let series = series(cx, raw, k);
            let base_subject =
                required(cx, raw.base_subject.as_ref(), "base_subject", k).and_then(|t| cx.term(t, "subject"));
            let share = printed(cx, raw, k, Unit::None, false)?;
            if !(0.0..=100.0).contains(&share.value) {
                let span = raw.value.as_ref().map_or(k.span, |v| v.span);
                return cx.fail(
                    cx.error(span, "a share is between 0 and 100 percent")
                        .with_help("write the share in percent: `value: 50` for \"half\""),
                );
            }
            Assertion::Share(ShareAssertion { series: series?, base_subject: base_subject?, share })
        }
        ClaimKind::Rank => {
            let series = series(cx, raw, k);
            let among =
                required(cx, raw.among.as_ref(), "among", k).map(|list| cx.id_list::<Term>(Some(list), "subject"));
            let rank = required(cx, raw.rank.as_ref(), "rank", k).and_then(|r| {
                if r.value == 0 {
                    cx.fail(
                        cx.error(r.span, "ranks start at 1")
                            .with_help("write `rank: 1` for the highest (or, with `order: lowest`, the lowest)"),
                    )
                } else {
                    Some(r.value)
                }
            });
            let order = cx.choice_opt(raw.order.as_ref(), "order", &ORDERS);
            let figure = cx.choice_opt(raw.figure.as_ref(), "figure", &FIGURES);
            let among = among?;
            if among.is_empty() {
                let span = raw.among.as_ref().map_or(k.span, |a| a.span);
                return cx.fail(
                    cx.error(span, "`among` names no subject")
                        .with_help("list the breakdown the subject is ranked in: `among: [a, b, c]`"),
                );
            }
            Assertion::Rank(RankAssertion {
                series: series?,
                among,
                rank: rank?,
                order: order?.unwrap_or_default(),
                figure: figure?.unwrap_or_default(),
            })
        }
        ClaimKind::Record => {
            let series = series(cx, raw, k);
            let _ = required(cx, raw.period.as_ref(), "period", k);
            let record = required(cx, raw.record.as_ref(), "record", k).and_then(|r| cx.choice(r, "record", &RECORDS));
            let since = cx.date_expr_opt(raw.since.as_ref());
            let figure = cx.choice_opt(raw.figure.as_ref(), "figure", &FIGURES);
            let series = series?;
            series.period?;
            Assertion::Record(RecordAssertion {
                series,
                record: record?,
                since: since?,
                figure: figure?.unwrap_or_default(),
            })
        }
        ClaimKind::Comparison => {
            let series = series(cx, raw, k);
            let (base_subject, base_measure, base_period) = base(cx, raw, k);
            let relation =
                required(cx, raw.relation.as_ref(), "relation", k).and_then(|r| cx.choice(r, "relation", &RELATIONS));
            let figure = cx.choice_opt(raw.figure.as_ref(), "figure", &FIGURES);
            Assertion::Comparison(ComparisonAssertion {
                series: series?,
                base_subject: base_subject?,
                base_measure: base_measure?,
                base_period: base_period?,
                relation: relation?,
                figure: figure?.unwrap_or_default(),
            })
        }
        ClaimKind::Date => {
            let event = required(cx, raw.event.as_ref(), "event", k).and_then(|t| cx.term(t, "event"));
            let measure = raw.measure.as_ref().map_or(Some(Term::from("date")), |m| cx.term(m, "measure"));
            let date = required(cx, raw.date.as_ref(), "date", k).and_then(|d| cx.date_expr(d));
            let relative_to = anchor(cx, raw.relative_to.as_ref());
            let qualifier = raw
                .qualifier
                .as_ref()
                .map_or(Some(DateQualifier::On), |q| cx.choice(q, "date qualifier", &DATE_QUALIFIERS));
            Assertion::Date(DateAssertion {
                event: event?,
                measure: measure?,
                date: date?,
                relative_to: relative_to?,
                qualifier: qualifier?,
            })
        }
        ClaimKind::Quote => {
            let speaker = required(cx, raw.speaker.as_ref(), "speaker", k).and_then(|t| cx.term(t, "speaker"));
            let words = required(cx, raw.words.as_ref(), "words", k).and_then(|w| cx.text(w, "`words`"));
            Assertion::Quote(QuoteAssertion { speaker: speaker?, words: words? })
        }
        ClaimKind::Event | ClaimKind::Attribution => {
            let subject = required(cx, raw.subject.as_ref(), "subject", k).and_then(|t| cx.term(t, "subject"));
            let predicate = required(cx, raw.predicate.as_ref(), "predicate", k).and_then(|t| cx.term(t, "predicate"));
            let object = required(cx, raw.object.as_ref(), "object", k).and_then(|t| cx.term(t, "object"));
            let date = match &raw.date {
                None => Some(None),
                Some(d) => cx.date_expr(d).map(Some),
            };
            let relative_to = anchor(cx, raw.relative_to.as_ref());
            let organisation = match &raw.organisation {
                None => Some(None),
                Some(o) => cx.term(o, "organisation").map(Some),
            };
            let triple = Triple {
                subject: subject?,
                predicate: predicate?,
                object: object?,
                date: date?,
                relative_to: relative_to?,
                organisation: organisation?,
            };
            if kind == ClaimKind::Event { Assertion::Event(triple) } else { Assertion::Attribution(triple) }
        }
        ClaimKind::Opinion => Assertion::Opinion,
    })
}

/// The subject (or parts), measure and period a statistical claim reads.
fn series(cx: &mut FileCx<'_>, raw: &raw::Claim, k: &Text) -> Option<Series> {
    let subject = required(cx, raw.subject.as_ref(), "subject", k).and_then(|t| cx.term(t, "subject"));
    let measure = required(cx, raw.measure.as_ref(), "measure", k).and_then(|t| cx.term(t, "measure"));
    let parts: Vec<Term> = cx.id_list(raw.parts.as_ref(), "subject");
    let aggregate = cx.choice_opt(raw.aggregate.as_ref(), "aggregate", &AGGREGATES);
    if let (Some(a), None) = (&raw.aggregate, &raw.parts) {
        cx.push(
            cx.error(a.span, "`aggregate` goes with `parts`")
                .with_help("list the subjects combined: `parts: [a, b, c]`"),
        );
    }
    let period = cx.date_expr_opt(raw.period.as_ref());
    Some(Series { subject: subject?, parts, aggregate: aggregate?, measure: measure?, period: period? })
}

/// Whether a claimed number takes a unit.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Unit {
    /// `unit:` is required.
    Required,
    /// The number has no unit (a ratio; a share, in percent).
    None,
}

/// A claimed number as printed: value, unit, scale, decimals, qualifier and
/// tolerance. Negative values pass if `signed` or the unit is a rate.
fn printed(cx: &mut FileCx<'_>, raw: &raw::Claim, k: &Text, unit_rule: Unit, signed: bool) -> Option<Printed> {
    let unit = match unit_rule {
        Unit::Required => required(cx, raw.unit.as_ref(), "unit", k).and_then(|u| cx.text(u, "`unit`")),
        Unit::None => Some(if k.value == "share" { "percent".to_owned() } else { "times".to_owned() }),
    };
    let signed = signed || unit.as_deref().is_some_and(is_rate_unit);
    let value = required(cx, raw.value.as_ref(), "value", k);
    let decimals = value.map_or(0, |v| cx.decimals(v));
    let value = value.and_then(|v| cx.amount(v, "`value`", signed));
    let scale = cx.choice_opt(raw.scale.as_ref(), "scale", &SCALES);
    let qualifier = raw.qualifier.as_ref().map_or(Some(Qualifier::Exact), |q| cx.choice(q, "qualifier", &QUALIFIERS));
    let tolerance = match &raw.tolerance {
        None => Some(None),
        Some(t) => tolerance(cx, t).map(Some),
    };
    if unit_rule == Unit::Required
        && let Some(u) = &raw.unit
        && let Some((_, scale)) = SCALES.iter().find(|(name, _)| *name == u.value.trim() && *name != "units")
    {
        cx.push(cx.error(u.span, format!("`{}` is a scale, not a unit", u.value.trim())).with_help(format!(
            "write what is counted as `unit:` (`people`, `dollars`) and `scale: {}`",
            scale.name()
        )));
        return None;
    }
    Some(Printed {
        value: value?,
        unit: unit?,
        scale: scale?.unwrap_or_default(),
        decimals,
        qualifier: qualifier?,
        tolerance: tolerance?,
    })
}

/// What a ratio or comparison is taken against: at least one of another
/// subject, measure or period.
#[expect(clippy::type_complexity, reason = "three optional fields read together, each with its own failure")]
fn base(
    cx: &mut FileCx<'_>,
    raw: &raw::Claim,
    k: &Text,
) -> (Option<Option<Term>>, Option<Option<Term>>, Option<Option<DateExpr>>) {
    if raw.base_subject.is_none() && raw.base_measure.is_none() && raw.base_period.is_none() && !cx.lenient {
        cx.push(
            cx.error(k.span, format!("a `{}` claim needs what it compares with", k.value))
                .with_help("add `base_subject:`, `base_measure:` or `base_period:`"),
        );
    }
    let subject = cx.term_opt(raw.base_subject.as_ref(), "subject");
    let measure = cx.term_opt(raw.base_measure.as_ref(), "measure");
    let period = cx.date_expr_opt(raw.base_period.as_ref());
    (subject, measure, period)
}

/// A direction and a signed size must agree: a fall is a negative change.
fn check_direction(cx: &mut FileCx<'_>, direction: Direction, value: f64, span: Span) {
    let agrees = match direction {
        Direction::Rose | Direction::EdgedUp => value > 0.0,
        Direction::Fell | Direction::EdgedDown => value < 0.0,
        Direction::Unchanged => value == 0.0,
        Direction::LittleChanged => true,
    };
    if !agrees {
        let help = match direction {
            Direction::Fell | Direction::EdgedDown => {
                "a fall is a negative change: write `value: -4000` for \"fell by 4,000\""
            }
            Direction::Unchanged => "an unchanged figure changed by 0: remove `value` or write `value: 0`",
            _ => "a rise is a positive change",
        };
        cx.push(
            cx.error(span, format!("the value does not agree with `direction: {}`", direction.name())).with_help(help),
        );
    }
}

fn anchor(cx: &mut FileCx<'_>, raw: Option<&Text>) -> Option<Anchor> {
    match raw {
        None => Some(Anchor::Article),
        Some(t) if t.value == "article" => Some(Anchor::Article),
        Some(t) => cx.id::<ClaimId>(t, "claim id").map(Anchor::Claim),
    }
}

fn tolerance(cx: &mut FileCx<'_>, raw: &Spanned<raw::Tolerance>) -> Option<Tolerance> {
    match (&raw.absolute, &raw.relative) {
        (Some(a), None) => cx.tolerance_number(a, "`absolute` tolerance").map(Tolerance::Absolute),
        (None, Some(r)) => cx.tolerance_number(r, "`relative` tolerance").map(Tolerance::Relative),
        _ => cx.fail(
            cx.error(raw.span, "a tolerance is either `absolute` or `relative`")
                .with_help("write `tolerance: {absolute: 50}` or `tolerance: {relative: 0.05}`"),
        ),
    }
}

/// One source.
pub fn source(cx: &mut FileCx<'_>, raw: &raw::Source) -> Option<Source> {
    let id = cx.id::<SourceId>(&raw.id, "source id");
    let publisher = cx.text(&raw.publisher, "`publisher`");
    let original_publisher = raw.original_publisher.as_ref().and_then(|p| cx.text(p, "`original_publisher`"));
    let title = cx.text(&raw.title, "`title`");
    let url = cx.url(&raw.url);
    let also_at: Vec<String> = raw.also_at.iter().filter_map(|u| cx.url(u)).collect();
    let published = if raw.published.value == "unknown" { Some(None) } else { cx.date_spec(&raw.published).map(Some) };
    let kind = cx.choice(&raw.kind, "source kind", &SOURCE_KINDS);
    let note = raw.note.as_ref().map(|n| n.value.clone());
    let excerpts: Vec<Option<Excerpt>> = raw.excerpts.iter().map(|e| excerpt(cx, e)).collect();
    let excerpts: Option<Vec<Excerpt>> = excerpts.into_iter().collect();
    let speaker = match &raw.speaker {
        None => Some(None),
        Some(s) => cx.term(s, "speaker").map(Some),
    };
    let not_independent_of = cx.id_list(raw.not_independent_of.as_ref(), "article id");
    Some(Source {
        id: id?,
        publisher: publisher?,
        original_publisher,
        title: title?,
        url: url?,
        also_at,
        published: published?,
        date_inferred: raw.date_inferred,
        kind: kind?,
        note,
        excerpts: excerpts?,
        speaker: speaker?,
        document: None,
        cut_short: raw.cut_short,
        translation: raw.translation,
        not_independent_of,
        headline: None,
    })
    .map(|source| Source { headline: Some(headline(&source)), ..source })
}

/// A source's title as an excerpt in its outlet's words: the speaker an
/// excerpt gets by default (`add source`), the original publisher's name as
/// a term, else the publisher's.
pub fn headline(source: &Source) -> Excerpt {
    let outlet = source.original_publisher.as_deref().unwrap_or(&source.publisher);
    Excerpt { text: source.title.clone(), speaker: Term::from(slug(outlet)), quoting: None, cut_short: false }
}

fn excerpt(cx: &mut FileCx<'_>, raw: &raw::Excerpt) -> Option<Excerpt> {
    let text = cx.text(&raw.text, "excerpt `text`");
    let speaker = cx.term(&raw.speaker, "speaker");
    let quoting = match &raw.quoting {
        None => Some(None),
        Some(q) => cx.term(q, "speaker").map(Some),
    };
    Some(Excerpt { text: text?, speaker: speaker?, quoting: quoting?, cut_short: raw.cut_short })
}

/// One fact.
pub fn fact(cx: &mut FileCx<'_>, raw: &raw::Fact) -> Option<Fact> {
    let id = cx.own_id::<FactId>(&raw.id, "fact id");
    let subject = cx.term(&raw.subject, "subject");
    let property = fact_property(cx, raw);
    let value = fact_value(cx, raw);
    let validity = validity(cx, raw);
    let period = match &raw.period {
        None => Some(None),
        Some(p) => cx.date_spec(p).map(Some),
    };
    let scale = cx.choice_opt(raw.scale.as_ref(), "scale", &SCALES);
    let sources = cx.source_list(&raw.sources);
    if raw.sources.value.is_empty() {
        cx.push(
            cx.error(raw.sources.span, format!("fact `{}` cites no source", raw.id.value))
                .with_help("every fact cites at least one source from reference/sources.yaml"),
        );
    }
    let note = raw.note.as_ref().map(|n| n.value.clone());
    let value = value?;
    if value == FactValue::Unsettled && note.as_deref().is_none_or(|n| n.trim().is_empty()) {
        cx.push(
            cx.error(raw.id.span, format!("unsettled fact `{}` does not say why", raw.id.value))
                .with_help("add a `note:` saying what the sources say and why it settles nothing"),
        );
        return None;
    }
    let (validity, period, scale) = (validity?, period?, scale?);
    if raw.forecast && matches!(validity, Validity::Always) {
        cx.push(cx.error(raw.id.span, format!("forecast `{}` does not say when it was made", raw.id.value)).with_help(
            "add `as_of:` (or, for a figure with a `period`, `published:`) with the date the expectation was reported",
        ));
        return None;
    }
    if raw.sources.value.is_empty() {
        return None;
    }
    if let (FactValue::Record { .. }, None, Some(r)) = (&value, &period, &raw.record) {
        cx.push(
            cx.error(r.span, "a record is stated for a period")
                .with_help("add `period:`: the period whose figure the source calls a record"),
        );
        return None;
    }
    Some(Fact {
        id: id?,
        subject: subject?,
        property: property?,
        value,
        period,
        scale: scale.unwrap_or_default(),
        signed: raw.signed,
        validity,
        forecast: raw.forecast,
        sources,
        note,
    })
}

fn fact_property(cx: &mut FileCx<'_>, raw: &raw::Fact) -> Option<Term> {
    match (&raw.measure, &raw.predicate) {
        (Some(m), None) => cx.term(m, "measure"),
        (None, Some(p)) => cx.term(p, "predicate"),
        (Some(_), Some(p)) => cx.fail(
            cx.error(p.span, "a fact has a `measure` or a `predicate`, not both")
                .with_help("`measure` goes with `value` or `date`; `predicate` goes with `object`"),
        ),
        (None, None) => cx.fail(
            cx.error(raw.subject.span, format!("fact `{}` has neither `measure` nor `predicate`", raw.id.value))
                .with_help("add `measure:` for a number or a date, or `predicate:` for an object"),
        ),
    }
}

fn fact_value(cx: &mut FileCx<'_>, raw: &raw::Fact) -> Option<FactValue> {
    let unsettled = raw.unsettled.as_ref().is_some_and(|u| u.value);
    let is_predicate = raw.predicate.is_some();
    let stray = |cx: &mut FileCx<'_>, name: &str, span: Option<Span>, why: &str| {
        if let Some(span) = span {
            cx.push(cx.error(span, format!("`{name}` {why}")).with_help(
                "a fact holds one of: `value` with `unit`, `date` (with `measure`), `object` (with `predicate`), or `unsettled: true`",
            ));
        }
    };
    if unsettled {
        for (name, span) in [
            ("value", raw.value.as_ref().map(|v| v.span)),
            ("date", raw.date.as_ref().map(|d| d.span)),
            ("object", raw.object.as_ref().map(|o| o.span)),
            ("record", raw.record.as_ref().map(|o| o.span)),
        ] {
            stray(cx, name, span, "cannot go with `unsettled: true`");
        }
        return Some(FactValue::Unsettled);
    }
    if let Some(record) = &raw.record {
        for (name, span) in [
            ("value", raw.value.as_ref().map(|v| v.span)),
            ("date", raw.date.as_ref().map(|d| d.span)),
            ("object", raw.object.as_ref().map(|o| o.span)),
            ("predicate", raw.predicate.as_ref().map(|o| o.span)),
        ] {
            stray(cx, name, span, "cannot go with `record`: a record statement holds no value of its own");
        }
        let kind = cx.choice(record, "record", &RECORDS);
        let since = match &raw.since {
            None => Some(None),
            Some(d) => cx.date_spec(d).map(Some),
        };
        return Some(FactValue::Record { record: kind?, since: since? });
    }
    if let Some(since) = &raw.since {
        stray(cx, "since", Some(since.span), "goes with `record`");
    }
    if is_predicate {
        stray(cx, "value", raw.value.as_ref().map(|v| v.span), "goes with `measure`, not `predicate`");
        stray(cx, "unit", raw.unit.as_ref().map(|u| u.span), "goes with `measure`, not `predicate`");
        let Some(object) = &raw.object else {
            return cx.fail(
                cx.error(raw.id.span, format!("fact `{}` has a `predicate` but no `object`", raw.id.value))
                    .with_help("add `object:`, or `unsettled: true` with a note"),
            );
        };
        let object = cx.term(object, "object");
        let date = match &raw.date {
            None => Some(None),
            Some(d) => cx.date_spec(d).map(Some),
        };
        let organisation = match &raw.organisation {
            None => Some(None),
            Some(o) => cx.term(o, "organisation").map(Some),
        };
        return Some(FactValue::Object { object: object?, date: date?, organisation: organisation? });
    }
    stray(cx, "object", raw.object.as_ref().map(|o| o.span), "goes with `predicate`, not `measure`");
    stray(cx, "organisation", raw.organisation.as_ref().map(|o| o.span), "goes with `predicate`, not `measure`");
    match (&raw.value, &raw.date) {
        (Some(v), None) => {
            let signed = raw.signed || raw.unit.as_ref().is_some_and(|u| is_rate_unit(&u.value));
            let value = cx.amount(v, "`value`", signed);
            let unit = match &raw.unit {
                Some(u) => cx.text(u, "`unit`"),
                None => cx.fail(
                    cx.error(v.span, "a number needs a `unit`").with_help("add `unit:`, such as `troops` or `people`"),
                ),
            };
            let qualifier =
                raw.qualifier.as_ref().map_or(Some(Qualifier::Exact), |q| cx.choice(q, "qualifier", &QUALIFIERS));
            Some(FactValue::Number { value: value?, unit: unit?, qualifier: qualifier? })
        }
        (None, Some(d)) => {
            stray(cx, "unit", raw.unit.as_ref().map(|u| u.span), "goes with a number, not a date");
            stray(cx, "qualifier", raw.qualifier.as_ref().map(|q| q.span), "goes with a number, not a date");
            cx.date_spec(d).map(FactValue::Date)
        }
        (Some(_), Some(d)) => cx.fail(
            cx.error(d.span, "a `measure` fact holds a `value` or a `date`, not both")
                .with_help("split it into two facts"),
        ),
        (None, None) => cx.fail(
            cx.error(raw.id.span, format!("fact `{}` holds no value", raw.id.value))
                .with_help("add `value:` and `unit:`, or `date:`, or `unsettled: true` with a note"),
        ),
    }
}

fn validity(cx: &mut FileCx<'_>, raw: &raw::Fact) -> Option<Validity> {
    let spec = |cx: &mut FileCx<'_>, t: &Option<Text>| match t {
        None => Some(None),
        Some(t) => cx.date_spec(t).map(Some),
    };
    let (from, to, as_of) = (spec(cx, &raw.valid_from), spec(cx, &raw.valid_to), spec(cx, &raw.as_of));
    let published = spec(cx, &raw.published);
    let (from, to, as_of, published) = (from?, to?, as_of?, published?);
    if let Some(period) = &raw.period {
        let clash = [("as_of", &raw.as_of), ("valid_from", &raw.valid_from), ("valid_to", &raw.valid_to)]
            .into_iter()
            .find_map(|(name, field)| field.as_ref().map(|f| (name, f.span)));
        if let Some((name, span)) = clash {
            return cx.fail(
                cx.error(span, format!("a figure for a `period` does not take `{name}`"))
                    .with_label(format!("the figure covers {}", period.value))
                    .with_help("say when this value was published with `published:`; a later vintage of the same period revises it"),
            );
        }
    }
    if let (Some(p), None) = (&raw.published, &raw.period) {
        return cx.fail(
            cx.error(p.span, "`published` dates a vintage of a figure for a period").with_help(
                "add `period:` (the period the figure covers), or use `as_of:` for an observation at a date",
            ),
        );
    }
    if let Some(at) = published {
        return Some(Validity::Published(at));
    }
    if let (Some(as_of_raw), true) = (&raw.as_of, from.is_some() || to.is_some()) {
        return cx.fail(
            cx.error(as_of_raw.span, "a fact holds `as_of` a date or over `valid_from`/`valid_to`, not both")
                .with_help("`as_of` is an observation at a date; a period is `valid_from` and `valid_to`"),
        );
    }
    if let (Some(f), Some(t), Some(to_raw)) = (from, to, &raw.valid_to)
        && t.window().last() < f.window().first()
    {
        return cx.fail(
            cx.error(to_raw.span, format!("the period ends ({t}) before it starts ({f})"))
                .with_label("ends here")
                .with_help("`valid_to` must not be earlier than `valid_from`"),
        );
    }
    Some(match (from, to, as_of) {
        (_, _, Some(at)) => Validity::AsOf(at),
        (None, None, None) => Validity::Always,
        (from, to, None) => Validity::Period { from, to },
    })
}

/// One vocabulary entry.
pub fn definition(cx: &mut FileCx<'_>, raw: &raw::Term) -> Option<Definition> {
    let term = cx.term(&raw.term, "term");
    let label = raw.label.as_ref().and_then(|l| cx.text(l, "`label`"));
    let broader: Vec<Term> = raw.broader.iter().filter_map(|b| cx.term(b, "term")).collect();
    let part_of: Vec<Term> = raw.part_of.iter().filter_map(|b| cx.term(b, "term")).collect();
    Some(Definition { term: term?, label, broader, part_of })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_lowercase_words_with_hyphens() {
        assert_eq!(id_problem("us-troops-2024"), None);
        assert!(id_problem("US troops").is_some());
        assert!(id_problem("../etc").is_some());
        assert!(id_problem("a--b").is_some());
        assert!(id_problem("").is_some());
        let stray = Some("has a stray hyphen");
        for (id, problem) in [("-a", stray), ("a-", stray), ("-", stray), ("a--b", stray), ("a-b-c", None)] {
            assert_eq!(id_problem(id), problem, "{id}");
        }
        assert_eq!(id_problem("-A"), Some("may only hold lowercase letters, digits and hyphens"));
    }

    #[test]
    fn slugs_are_valid_ids() {
        assert_eq!(slug("The US has about 2,500 troops!"), "the-us-has-about-2-500-troops");
        assert_eq!(id_problem(&slug("Iraq’s Foreign Ministry")), None);
    }
}
