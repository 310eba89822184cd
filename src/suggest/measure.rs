//! How much of a draft its author keeps: each claim of a project is paired
//! with the draft its sentence gives, and each field the draft wrote is
//! compared with the claim's. The figure says how much authoring `suggest
//! --write` saves, and shows which readings miss.
//!
//! A claim is paired by position, with the draft its author would have
//! kept and edited: among the drafts whose text overlaps the claim's words,
//! those read from words inside the claim's (a figure, a phrase, a
//! quotation) first; among them one of the claim's own kind if there is
//! one; then the one overlapping most; then the first. A field is *kept* when the claim has the same value: a
//! number equal as a number in plain units (`1.2` with `scale: million`
//! is `1200000`), a unit the same unit (`%` is `percent`), a
//! period or date the same window of days once counted from the article's
//! date (`March` in an article of April 2024 is `2024-03`), quoted words
//! the same words up to their closing punctuation (which the checker sets
//! aside), a name or text the same text. Defaults the claim leaves out (`qualifier:
//! exact`, `order: highest`, `figure: level`) count as left out.

use std::collections::BTreeMap;
use std::ops::Range;

use serde::Serialize;

use crate::date::{DateExpr, DateWindow};
use crate::model::{Assertion, Claim, ClaimKind, Figure, Order, Project, Qualifier, Scale, unit_key};

use super::draft::{ClaimDraft, Field, draft_article};

/// The fields drafts are compared on, in the order they are reported.
pub const FIELDS: [&str; 23] = [
    "kind",
    "value",
    "unit",
    "scale",
    "qualifier",
    "period",
    "base_period",
    "direction",
    "date",
    "words",
    "speaker",
    "record",
    "since",
    "rank",
    "order",
    "figure",
    "relation",
    "subject",
    "predicate",
    "object",
    "organisation",
    "event",
    "measure",
];

/// The fields that name things as the reference does (its ids): a draft
/// makes them from names in the text, so they are counted apart.
pub const NAMES: [&str; 6] = ["subject", "predicate", "object", "organisation", "event", "measure"];

/// How one field fared.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct FieldCount {
    /// Drafts that wrote the field.
    pub drafted: usize,
    /// Of those, how many the claim keeps unchanged.
    pub kept: usize,
    /// Claims that have the field.
    pub written: usize,
}

/// One claim and the draft it is paired with.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Pair {
    /// The claim's article.
    pub article: String,
    /// The claim's id.
    pub claim: String,
    /// The claim's kind.
    pub kind: ClaimKind,
    /// The draft's kind, if a draft was paired.
    pub drafted_as: Option<ClaimKind>,
    /// The fields the draft wrote that the claim changed or dropped.
    pub changed: Vec<&'static str>,
}

/// Drafts against claims, over a project.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Agreement {
    /// Claims compared.
    pub claims: usize,
    /// Of those, how many had a draft to pair with.
    pub paired: usize,
    /// Drafts made from the sentences that hold claims.
    pub drafts: usize,
    /// Each field's counts, by name.
    pub fields: BTreeMap<&'static str, FieldCount>,
    /// Every claim with its draft, article by article, in reading order.
    pub pairs: Vec<Pair>,
}

impl Agreement {
    /// Drafted fields kept, and drafted fields, over `fields`.
    pub fn total(&self, fields: &[&str]) -> (usize, usize) {
        fields
            .iter()
            .filter_map(|f| self.fields.get(f))
            .fold((0, 0), |(kept, drafted), c| (kept + c.kept, drafted + c.drafted))
    }

    /// Over every field.
    pub fn overall(&self) -> (usize, usize) {
        self.total(&FIELDS)
    }

    /// Over the fields read from the words, leaving out the names ([`NAMES`]).
    pub fn read_from_words(&self) -> (usize, usize) {
        let fields: Vec<&str> = FIELDS.iter().copied().filter(|f| !NAMES.contains(f)).collect();
        self.total(&fields)
    }
}

/// A field's value, as compared.
#[derive(Clone, Debug, PartialEq)]
enum Value {
    Number(f64),
    Unit(String),
    /// A period or date, with the window it means counted from the article's date.
    When(DateExpr, Option<DateWindow>),
    Text(String),
}

impl Value {
    fn same(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::Number(a), Value::Number(b)) => (a - b).abs() < 1e-9,
            (Value::Unit(a), Value::Unit(b)) => unit_key(a) == unit_key(b),
            (Value::When(_, Some(a)), Value::When(_, Some(b))) => a == b,
            (Value::When(a, _), Value::When(b, _)) => a == b,
            (Value::Text(a), Value::Text(b)) => {
                a.split_whitespace().collect::<Vec<_>>() == b.split_whitespace().collect::<Vec<_>>()
            }
            _ => false,
        }
    }
}

/// Quoted words without the closing punctuation, which belongs to the
/// article, not to the quote (the checker sets it aside too).
fn words(text: &str) -> String {
    text.trim().trim_end_matches(|c: char| ",.;:".contains(c)).to_owned()
}

/// A name as serde writes it (`highest`, `percent-change`).
fn name_of(value: &impl Serialize) -> String {
    serde_json::to_value(value).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

/// A period or date as compared: with the window it means, counted from
/// the article's publication date `anchor` (none when it counts from
/// another claim).
fn when_value(expr: DateExpr, anchor: Option<DateWindow>) -> Value {
    let window = match expr {
        DateExpr::Absolute(spec) => Some(spec.window()),
        DateExpr::Relative(rel) => anchor.and_then(|a| rel.resolve(a)),
    };
    Value::When(expr, window)
}

/// The fields a claim has, as compared; defaults left out.
fn claim_fields(claim: &Claim, anchor: DateWindow) -> Vec<(&'static str, Value)> {
    let mut out: Vec<(&'static str, Value)> = vec![("kind", Value::Text(claim.assertion.kind().name().to_owned()))];
    let text = |s: &str| Value::Text(s.to_owned());
    let from_article = match &claim.assertion {
        Assertion::Date(d) => d.relative_to.is_article(),
        Assertion::Event(t) | Assertion::Attribution(t) => t.relative_to.is_article(),
        _ => true,
    };
    let anchor = from_article.then_some(anchor);
    let when = |out: &mut Vec<(&'static str, Value)>, key: &'static str, w: &Option<DateExpr>| {
        if let Some(w) = w {
            out.push((key, when_value(*w, anchor)));
        }
    };
    let printed = |out: &mut Vec<(&'static str, Value)>, value: f64, unit: Option<&str>, scale: Scale, q: Qualifier| {
        out.push(("value", Value::Number(value * scale.factor())));
        if let Some(unit) = unit {
            out.push(("unit", Value::Unit(unit.to_owned())));
        }
        if scale != Scale::Units {
            out.push(("scale", text(scale.name())));
        }
        if q != Qualifier::Exact {
            out.push(("qualifier", text(q.name())));
        }
    };
    let figure = |out: &mut Vec<(&'static str, Value)>, f: Figure| {
        if f != Figure::Level {
            out.push(("figure", text(f.name())));
        }
    };
    let series = |out: &mut Vec<(&'static str, Value)>, s: &crate::model::Series| {
        out.push(("subject", text(s.subject.as_str())));
        out.push(("measure", text(s.measure.as_str())));
    };
    match &claim.assertion {
        Assertion::Quantity(q) => {
            out.push(("subject", text(q.subject.as_str())));
            out.push(("measure", text(q.measure.as_str())));
            printed(&mut out, q.value, Some(&q.unit), q.scale, q.qualifier);
            when(&mut out, "period", &q.period);
        }
        Assertion::Change(c) => {
            series(&mut out, &c.series);
            when(&mut out, "period", &c.series.period);
            when(&mut out, "base_period", &c.base_period);
            if let Some(d) = c.direction {
                out.push(("direction", text(d.name())));
            }
            if let Some(p) = &c.amount {
                printed(&mut out, p.value, Some(&p.unit), p.scale, p.qualifier);
            }
        }
        Assertion::Ratio(r) => {
            series(&mut out, &r.series);
            when(&mut out, "period", &r.series.period);
            when(&mut out, "base_period", &r.base_period);
            printed(&mut out, r.ratio.value, None, r.ratio.scale, r.ratio.qualifier);
        }
        Assertion::Share(s) => {
            series(&mut out, &s.series);
            when(&mut out, "period", &s.series.period);
            printed(&mut out, s.share.value, None, s.share.scale, s.share.qualifier);
        }
        Assertion::Rank(r) => {
            series(&mut out, &r.series);
            when(&mut out, "period", &r.series.period);
            out.push(("rank", Value::Number(f64::from(r.rank))));
            if r.order != Order::Highest {
                out.push(("order", text(&name_of(&r.order))));
            }
            figure(&mut out, r.figure);
        }
        Assertion::Record(r) => {
            series(&mut out, &r.series);
            when(&mut out, "period", &r.series.period);
            out.push(("record", text(r.record.name())));
            when(&mut out, "since", &r.since);
            figure(&mut out, r.figure);
        }
        Assertion::Comparison(c) => {
            series(&mut out, &c.series);
            when(&mut out, "period", &c.series.period);
            when(&mut out, "base_period", &c.base_period);
            out.push(("relation", text(&name_of(&c.relation))));
            figure(&mut out, c.figure);
        }
        Assertion::Date(d) => {
            out.push(("event", text(d.event.as_str())));
            out.push(("date", when_value(d.date, anchor)));
            if d.qualifier != crate::model::DateQualifier::On {
                out.push(("qualifier", text(d.qualifier.name())));
            }
        }
        Assertion::Quote(q) => {
            out.push(("speaker", text(q.speaker.as_str())));
            out.push(("words", Value::Text(words(&q.words))));
        }
        Assertion::Event(t) | Assertion::Attribution(t) => {
            out.push(("subject", text(t.subject.as_str())));
            out.push(("predicate", text(t.predicate.as_str())));
            out.push(("object", text(t.object.as_str())));
            when(&mut out, "date", &t.date);
            if let Some(o) = &t.organisation {
                out.push(("organisation", text(o.as_str())));
            }
        }
        Assertion::Opinion => {}
    }
    out
}

/// A draft's fields, as compared; its periods and dates count from `anchor`.
fn draft_fields(draft: &ClaimDraft, anchor: DateWindow) -> Vec<(&'static str, Value)> {
    let mut out = vec![("kind", Value::Text(draft.kind.name().to_owned()))];
    let factor = match draft.field("scale").map(Field::as_str) {
        Some(name) => Scale::ALL.iter().find(|s| s.name() == name).map_or(1.0, |s| s.factor()),
        None => 1.0,
    };
    for (key, field) in &draft.fields {
        let value = match (*key, field) {
            ("value", Field::Number(n)) => {
                n.parse::<f64>().map(|v| Value::Number(v * factor)).unwrap_or_else(|_| Value::Text(n.clone()))
            }
            (_, Field::Number(n)) => n.parse().map(Value::Number).unwrap_or_else(|_| Value::Text(n.clone())),
            ("unit", Field::Text(t)) => Value::Unit(t.clone()),
            ("words", Field::Text(t)) => Value::Text(words(t)),
            ("period" | "base_period" | "since" | "date", Field::Text(t)) => {
                t.parse().map(|w| when_value(w, Some(anchor))).unwrap_or_else(|_| Value::Text(t.clone()))
            }
            (_, Field::Text(t)) => Value::Text(t.clone()),
        };
        out.push((*key, value));
    }
    out
}

/// The draft a claim standing at `span` is paired with, among `drafts`.
fn pair<'d>(drafts: &'d [ClaimDraft], span: &Range<usize>, kind: ClaimKind) -> Option<&'d ClaimDraft> {
    let overlap = |d: &ClaimDraft| d.span.end.min(span.end).saturating_sub(d.span.start.max(span.start));
    let inside = |d: &ClaimDraft| span.contains(&d.anchor);
    drafts
        .iter()
        .filter(|d| overlap(d) > 0)
        .max_by_key(|d| (inside(d), d.kind == kind, overlap(d), std::cmp::Reverse(d.anchor)))
}

/// Every claim of `project` against the draft its sentence gives.
pub fn agreement(project: &Project) -> Agreement {
    let mut out = Agreement::default();
    for article in &project.articles {
        let drafts: Vec<ClaimDraft> =
            draft_article(&article.text, article.article.published.window().last()).into_iter().flatten().collect();
        let located = crate::locate::Text::new(&article.text);
        let anchor = article.article.published.window();
        let sentences = crate::locate::sentences(&article.text);
        let claimed = |d: &ClaimDraft| {
            article.claims.iter().filter_map(|c| located.find(&c.text)).any(|span| {
                sentences
                    .iter()
                    .any(|s| s.start < span.end && span.start < s.end && s.start <= d.span.start && d.span.end <= s.end)
            })
        };
        out.drafts += drafts.iter().filter(|d| claimed(d)).count();
        for claim in &article.claims {
            out.claims += 1;
            let kind = claim.assertion.kind();
            let written = claim_fields(claim, anchor);
            for (key, _) in &written {
                out.fields.entry(key).or_default().written += 1;
            }
            let draft = located.find(&claim.text).and_then(|span| pair(&drafts, &span, kind));
            let mut changed = Vec::new();
            if let Some(draft) = draft {
                out.paired += 1;
                for (key, value) in draft_fields(draft, anchor) {
                    let count = out.fields.entry(key).or_default();
                    count.drafted += 1;
                    if written.iter().any(|(k, v)| *k == key && v.same(&value)) {
                        count.kept += 1;
                    } else {
                        changed.push(key);
                    }
                }
            }
            out.pairs.push(Pair {
                article: article.article.id.to_string(),
                claim: claim.id.to_string(),
                kind,
                drafted_as: draft.map(|d| d.kind),
                changed,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_claim_is_paired_with_the_draft_of_its_kind_where_its_words_stand() {
        let claims = "article:\n  id: fares\n  publisher: Example Post\n  url: https://example.org/fares\n  published: 2024-06-03\nclaims:\n  - id: fares-rose\n    text: Ferry fares rose 12% in May\n    kind: change\n    subject: ferry-fares\n    measure: price\n    period: May\n    direction: rose\n    value: 12\n    unit: \"%\"\n  - id: said-monday\n    text: the operator said on Monday\n    kind: date\n    event: fares-statement\n    date: this Monday\n";
        let article = "Ferry fares rose 12% in May, the operator said on Monday.\n";
        let loaded = crate::load::from_str("claims/fares.yaml", claims, article).unwrap();
        let agreement = agreement(&loaded.project);
        assert_eq!((agreement.claims, agreement.paired), (2, 2));
        let kinds: Vec<Option<ClaimKind>> = agreement.pairs.iter().map(|p| p.drafted_as).collect();
        assert_eq!(kinds, [Some(ClaimKind::Change), Some(ClaimKind::Date)]);
        // Every field drafted is kept: `%` is the draft's `percent`.
        assert!(agreement.pairs.iter().all(|p| p.changed.is_empty()), "{:?}", agreement.pairs);
        assert_eq!(agreement.fields["value"], FieldCount { drafted: 1, kept: 1, written: 1 });
        assert_eq!(agreement.fields["subject"], FieldCount { drafted: 0, kept: 0, written: 1 });
        assert_eq!(agreement.read_from_words(), (7, 7));
    }
}
