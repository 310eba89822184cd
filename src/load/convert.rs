//! Turns parsed files ([`super::raw`]) into model values, one item at a time,
//! reporting every rule an item breaks as a located diagnostic.
//!
//! Rules that need more than one item (duplicate ids, references between
//! files) are [`super::validate`]'s.

use std::collections::HashSet;
use std::sync::Arc;

use crate::date::{DateExpr, DateSpec};
use crate::error::Diagnostic;
use crate::model::{
    Anchor, Article, Assertion, Claim, ClaimId, ClaimKind, DateAssertion, DateQualifier, Definition, Excerpt, Fact,
    FactId, FactValue, Qualifier, QuantityAssertion, QuoteAssertion, Severity, Source, SourceId, SourceKind, Term,
    Tolerance, Triple, Validity, VerdictKind,
};
use crate::nearest::closest;
use crate::yaml::{Span, Spanned};

use super::raw::{self, Text};

/// One file being converted: where diagnostics go and what they point into.
pub struct FileCx<'a> {
    /// The file's path relative to the root.
    pub path: &'a str,
    /// The file's text.
    pub text: &'a Arc<str>,
    /// Where problems are collected.
    pub diags: &'a mut Vec<Diagnostic>,
    /// Ids seen in this file, so repeats share one allocation: a million
    /// facts name far fewer subjects, measures and sources.
    interned: HashSet<Arc<str>>,
}

impl<'a> FileCx<'a> {
    /// Converting items of the file `path` whose text is `text`.
    pub fn new(path: &'a str, text: &'a Arc<str>, diags: &'a mut Vec<Diagnostic>) -> Self {
        FileCx { path, text, diags, interned: HashSet::new() }
    }

    fn intern(&mut self, id: &str) -> Arc<str> {
        if let Some(shared) = self.interned.get(id) {
            return Arc::clone(shared);
        }
        let shared: Arc<str> = Arc::from(id);
        self.interned.insert(Arc::clone(&shared));
        shared
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
    /// also names files (snapshots, article texts).
    pub fn id<T: From<Arc<str>>>(&mut self, raw: &Text, what: &str) -> Option<T> {
        match id_problem(&raw.value) {
            None => Some(T::from(self.intern(&raw.value))),
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

    /// An amount: finite and not negative. Claims and facts count or measure
    /// things; a fall or a loss is named by the measure, with its size.
    fn amount(&mut self, raw: &Spanned<f64>, what: &str) -> Option<f64> {
        let n = self.number(raw, what)?;
        if n < 0.0 {
            return self.fail(self.error(raw.span, format!("{what} is negative")).with_help(
                "write the size and name the direction in the measure, such as `decrease` with `value: 3`",
            ));
        }
        Some(n)
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
    } else if !id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') {
        Some("may only hold lowercase letters, digits and hyphens")
    } else if id.starts_with('-') || id.ends_with('-') || id.contains("--") {
        Some("has a stray hyphen")
    } else {
        None
    }
}

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

const KINDS: [(&str, ClaimKind); 6] = [
    ("quantity", ClaimKind::Quantity),
    ("date", ClaimKind::Date),
    ("quote", ClaimKind::Quote),
    ("event", ClaimKind::Event),
    ("attribution", ClaimKind::Attribution),
    ("opinion", ClaimKind::Opinion),
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
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// The fields each kind takes, in the order they are documented.
pub fn fields_of(kind: ClaimKind) -> &'static [&'static str] {
    match kind {
        ClaimKind::Quantity => &["subject", "measure", "value", "unit", "qualifier", "tolerance"],
        ClaimKind::Date => &["event", "measure", "date", "relative_to", "qualifier"],
        ClaimKind::Quote => &["speaker", "words"],
        ClaimKind::Event | ClaimKind::Attribution => &["subject", "predicate", "object", "date", "relative_to"],
        ClaimKind::Opinion => &[],
    }
}

fn required<'r, T>(cx: &mut FileCx<'_>, field: Option<&'r T>, name: &str, kind: &Text) -> Option<&'r T> {
    if field.is_none() {
        cx.push(
            cx.error(kind.span, format!("a `{}` claim needs `{name}`", kind.value))
                .with_label(format!("`{name}` missing"))
                .with_help(format!("add `{name}:` to this claim")),
        );
    }
    field
}

/// One claim.
pub fn claim(cx: &mut FileCx<'_>, raw: &raw::Claim) -> Option<Claim> {
    let id = cx.id::<ClaimId>(&raw.id, "claim id");
    let text = cx.text(&raw.text, "claim `text`");
    let sources = cx.id_list::<SourceId>(raw.sources.as_ref(), "source id");
    let expect = raw.expect.as_ref().and_then(|e| cx.choice(e, "verdict", &VERDICTS));
    let severity = raw.severity.as_ref().map_or(Some(Severity::Error), |s| cx.choice(s, "severity", &SEVERITIES));
    let note = raw.note.as_ref().map(|n| n.value.clone());
    let kind = cx.choice(&raw.kind, "kind", &KINDS)?;
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
    let assertion = assertion(cx, raw, kind);
    Some(Claim { id: id?, text: text?, assertion: assertion?, sources, expect, severity: severity?, note })
}

fn assertion(cx: &mut FileCx<'_>, raw: &raw::Claim, kind: ClaimKind) -> Option<Assertion> {
    let k = &raw.kind;
    Some(match kind {
        ClaimKind::Quantity => {
            let subject = required(cx, raw.subject.as_ref(), "subject", k).and_then(|t| cx.term(t, "subject"));
            let measure = required(cx, raw.measure.as_ref(), "measure", k).and_then(|t| cx.term(t, "measure"));
            let value = required(cx, raw.value.as_ref(), "value", k).and_then(|v| cx.amount(v, "`value`"));
            let unit = required(cx, raw.unit.as_ref(), "unit", k).and_then(|u| cx.text(u, "`unit`"));
            let qualifier =
                raw.qualifier.as_ref().map_or(Some(Qualifier::Exact), |q| cx.choice(q, "qualifier", &QUALIFIERS));
            let tolerance = match &raw.tolerance {
                None => Some(None),
                Some(t) => tolerance(cx, t).map(Some),
            };
            Assertion::Quantity(QuantityAssertion {
                subject: subject?,
                measure: measure?,
                value: value?,
                unit: unit?,
                qualifier: qualifier?,
                tolerance: tolerance?,
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
            let triple = Triple {
                subject: subject?,
                predicate: predicate?,
                object: object?,
                date: date?,
                relative_to: relative_to?,
            };
            if kind == ClaimKind::Event { Assertion::Event(triple) } else { Assertion::Attribution(triple) }
        }
        ClaimKind::Opinion => Assertion::Opinion,
    })
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
        headline: None,
    })
    .map(|source| Source { headline: Some(headline(&source)), ..source })
}

/// A source's title as an excerpt in its outlet's words: the speaker an
/// excerpt gets by default (`add source`), the original publisher's name as
/// a term, else the publisher's.
pub fn headline(source: &Source) -> Excerpt {
    let outlet = source.original_publisher.as_deref().unwrap_or(&source.publisher);
    Excerpt { text: source.title.clone(), speaker: Term::from(slug(outlet)), quoting: None }
}

fn excerpt(cx: &mut FileCx<'_>, raw: &raw::Excerpt) -> Option<Excerpt> {
    let text = cx.text(&raw.text, "excerpt `text`");
    let speaker = cx.term(&raw.speaker, "speaker");
    let quoting = match &raw.quoting {
        None => Some(None),
        Some(q) => cx.term(q, "speaker").map(Some),
    };
    Some(Excerpt { text: text?, speaker: speaker?, quoting: quoting? })
}

/// One fact.
pub fn fact(cx: &mut FileCx<'_>, raw: &raw::Fact) -> Option<Fact> {
    let id = cx.id::<FactId>(&raw.id, "fact id");
    let subject = cx.term(&raw.subject, "subject");
    let property = fact_property(cx, raw);
    let value = fact_value(cx, raw);
    let validity = validity(cx, raw);
    let sources: Vec<SourceId> = cx.id_list(Some(&raw.sources), "source id");
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
    let validity = validity?;
    if raw.forecast && matches!(validity, Validity::Always) {
        cx.push(
            cx.error(raw.id.span, format!("forecast `{}` does not say when it was made", raw.id.value))
                .with_help("add `as_of:` with the date the expectation was reported"),
        );
        return None;
    }
    if raw.sources.value.is_empty() {
        return None;
    }
    Some(Fact {
        id: id?,
        subject: subject?,
        property: property?,
        value,
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
        ] {
            stray(cx, name, span, "cannot go with `unsettled: true`");
        }
        return Some(FactValue::Unsettled);
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
        return Some(FactValue::Object { object: object?, date: date? });
    }
    stray(cx, "object", raw.object.as_ref().map(|o| o.span), "goes with `predicate`, not `measure`");
    match (&raw.value, &raw.date) {
        (Some(v), None) => {
            let value = cx.amount(v, "`value`");
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
    let (from, to, as_of) = (from?, to?, as_of?);
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
    Some(Definition { term: term?, label, broader })
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
    }

    #[test]
    fn slugs_are_valid_ids() {
        assert_eq!(slug("The US has about 2,500 troops!"), "the-us-has-about-2-500-troops");
        assert_eq!(id_problem(&slug("Iraq’s Foreign Ministry")), None);
    }
}
