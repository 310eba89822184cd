//! The corpus's model values as YAML text, written the way `factcheck add`
//! writes them: each entry goes through [`crate::add`]'s inputs, so quoting
//! and field order are the authoring commands' own.

use crate::add::{ClaimInput, FactInput, SourceInput, excerpt_lines};
use crate::model::{
    Aggregate, Anchor, Assertion, Claim, DateQualifier, Definition, Fact, FactValue, Figure, Order, Printed, Qualifier,
    Scale, Series, Source, Tolerance, Validity,
};
use crate::yaml::scalar;

/// Appends one item of a block sequence: `  - ` before the first line,
/// four spaces before the others, and a blank line before it unless it is
/// the first.
pub fn push_item(out: &mut String, lines: &[String], first: bool) {
    if !first {
        out.push('\n');
    }
    for (n, line) in lines.iter().enumerate() {
        out.push_str(if n == 0 { "  - " } else { "    " });
        out.push_str(line);
        out.push('\n');
    }
}

fn qualifier(q: Qualifier) -> Option<String> {
    (q != Qualifier::Exact).then(|| q.name().to_owned())
}

fn scale(s: Scale) -> Option<String> {
    (!s.is_units()).then(|| s.name().to_owned())
}

fn figure(f: Figure) -> Option<String> {
    (!f.is_level()).then(|| f.name().to_owned())
}

fn tolerance(input: &mut ClaimInput, t: Option<Tolerance>) {
    match t {
        Some(Tolerance::Absolute(a)) => input.tolerance_absolute = Some(a),
        Some(Tolerance::Relative(r)) => input.tolerance_relative = Some(r),
        None => {}
    }
}

/// The fields of a statistical claim's series.
fn series(input: &mut ClaimInput, s: &Series) {
    input.subject = Some(s.subject.to_string());
    input.measure = Some(s.measure.to_string());
    input.period = s.period.map(|p| p.to_string());
    input.parts = s.parts.iter().map(ToString::to_string).collect();
    input.aggregate = s.aggregate.map(|a| match a {
        Aggregate::Sum => "sum".to_owned(),
        Aggregate::Mean => "mean".to_owned(),
    });
}

/// The fields of a printed number; `unit` says whether the claim takes one.
fn printed(input: &mut ClaimInput, p: &Printed, unit: bool) {
    input.value = Some(p.value);
    input.unit = unit.then(|| p.unit.clone());
    input.scale = scale(p.scale);
    input.qualifier = qualifier(p.qualifier);
    tolerance(input, p.tolerance);
}

fn anchor(a: &Anchor) -> Option<String> {
    match a {
        Anchor::Article => None,
        Anchor::Claim(id) => Some(id.to_string()),
    }
}

/// A claim's lines.
pub fn claim(claim: &Claim) -> Vec<String> {
    let mut input = ClaimInput {
        text: Some(claim.text.clone()),
        kind: Some(claim.assertion.kind().name().to_owned()),
        sources: claim.sources.iter().map(ToString::to_string).collect(),
        expect: claim.expect.map(|v| v.name().to_owned()),
        note: claim.note.clone(),
        ..ClaimInput::default()
    };
    match &claim.assertion {
        Assertion::Quantity(q) => {
            series(&mut input, &q.series());
            printed(&mut input, &q.printed(), true);
            input.signed = q.signed;
        }
        Assertion::Change(c) => {
            series(&mut input, &c.series);
            input.base_period = c.base_period.map(|p| p.to_string());
            input.direction = c.direction.map(|d| d.name().to_owned());
            if let Some(amount) = &c.amount {
                printed(&mut input, amount, true);
            }
        }
        Assertion::Ratio(r) => {
            series(&mut input, &r.series);
            input.base_subject = r.base_subject.as_ref().map(ToString::to_string);
            input.base_measure = r.base_measure.as_ref().map(ToString::to_string);
            input.base_period = r.base_period.map(|p| p.to_string());
            printed(&mut input, &r.ratio, false);
        }
        Assertion::Share(sh) => {
            series(&mut input, &sh.series);
            input.base_subject = Some(sh.base_subject.to_string());
            printed(&mut input, &sh.share, false);
        }
        Assertion::Rank(r) => {
            series(&mut input, &r.series);
            input.among = r.among.iter().map(ToString::to_string).collect();
            input.rank = Some(r.rank);
            input.order = (r.order == Order::Lowest).then(|| "lowest".to_owned());
            input.figure = figure(r.figure);
        }
        Assertion::Record(r) => {
            series(&mut input, &r.series);
            input.record = Some(r.record.name().to_owned());
            input.since = r.since.map(|p| p.to_string());
            input.figure = figure(r.figure);
        }
        Assertion::Comparison(c) => {
            series(&mut input, &c.series);
            input.base_subject = c.base_subject.as_ref().map(ToString::to_string);
            input.base_measure = c.base_measure.as_ref().map(ToString::to_string);
            input.base_period = c.base_period.map(|p| p.to_string());
            input.relation = Some(
                match c.relation {
                    crate::model::FigureRelation::Greater => "greater",
                    crate::model::FigureRelation::Less => "less",
                    crate::model::FigureRelation::Equal => "equal",
                }
                .to_owned(),
            );
            input.figure = figure(c.figure);
        }
        Assertion::Date(d) => {
            input.event = Some(d.event.to_string());
            input.measure = (d.measure.as_str() != "date").then(|| d.measure.to_string());
            input.date = Some(d.date.to_string());
            input.relative_to = anchor(&d.relative_to);
            input.qualifier = (d.qualifier != DateQualifier::On).then(|| d.qualifier.name().to_owned());
        }
        Assertion::Quote(q) => {
            input.speaker = Some(q.speaker.to_string());
            input.words = Some(q.words.clone());
        }
        Assertion::Event(t) | Assertion::Attribution(t) => {
            input.subject = Some(t.subject.to_string());
            input.predicate = Some(t.predicate.to_string());
            input.object = Some(t.object.to_string());
            input.date = t.date.map(|d| d.to_string());
            input.relative_to = anchor(&t.relative_to);
        }
        Assertion::Opinion => {}
    }
    input.lines(claim.id.as_str())
}

/// A fact's lines; `predicate` says whether its property is a predicate
/// (written `predicate:`) rather than a measure, which only an unsettled
/// fact cannot show by its value.
pub fn fact(fact: &Fact, predicate: bool) -> Vec<String> {
    let mut input = FactInput {
        subject: Some(fact.subject.to_string()),
        forecast: fact.forecast,
        sources: fact.sources.iter().map(ToString::to_string).collect(),
        note: fact.note.clone(),
        ..FactInput::default()
    };
    let property = Some(fact.property.to_string());
    match &fact.value {
        FactValue::Number { value, unit, qualifier: q } => {
            input.measure = property;
            input.value = Some(*value);
            input.unit = Some(unit.clone());
            input.qualifier = qualifier(*q);
        }
        FactValue::Date(spec) => {
            input.measure = property;
            input.date = Some(spec.to_string());
        }
        FactValue::Object { object, date, .. } => {
            input.predicate = property;
            input.object = Some(object.to_string());
            input.date = date.map(|d| d.to_string());
        }
        FactValue::Unsettled if predicate => {
            input.predicate = property;
            input.unsettled = true;
        }
        FactValue::Unsettled => {
            input.measure = property;
            input.unsettled = true;
        }
        FactValue::Record { record, since } => {
            input.measure = property;
            input.record = Some(record.name().to_owned());
            input.since = since.map(|d| d.to_string());
        }
    }
    input.period = fact.period.map(|p| p.to_string());
    input.scale = scale(fact.scale);
    input.signed = fact.signed;
    match &fact.validity {
        Validity::Always => {}
        Validity::Period { from, to } => {
            input.valid_from = from.map(|d| d.to_string());
            input.valid_to = to.map(|d| d.to_string());
        }
        Validity::AsOf(at) => input.as_of = Some(at.to_string()),
        Validity::Published(at) => input.published = Some(at.to_string()),
    }
    input.lines(fact.id.as_str())
}

/// A source's lines, its excerpts and the speaker of its full text included.
pub fn source(source: &Source) -> Vec<String> {
    let input = SourceInput {
        publisher: Some(source.publisher.clone()),
        original_publisher: source.original_publisher.clone(),
        title: Some(source.title.clone()),
        url: Some(source.url.clone()),
        also_at: source.also_at.clone(),
        published: Some(source.published.map_or_else(|| "unknown".to_owned(), |d| d.to_string())),
        date_inferred: source.date_inferred,
        kind: Some(source.kind.name().to_owned()),
        note: source.note.clone(),
        ..SourceInput::default()
    };
    // No excerpts are given here, so no speakers can be missing.
    let mut lines = input.lines(source.id.as_str()).unwrap_or_default();
    if !source.excerpts.is_empty() {
        lines.push("excerpts:".to_owned());
        for excerpt in &source.excerpts {
            let quoting = excerpt.quoting.as_ref().map(|q| q.as_str());
            lines.extend(excerpt_lines(&excerpt.text, excerpt.speaker.as_str(), quoting, excerpt.cut_short));
        }
    }
    if let Some(speaker) = &source.speaker {
        lines.push(format!("speaker: {}", scalar(speaker.as_str())));
    }
    lines
}

/// A term's lines.
pub fn term(definition: &Definition) -> Vec<String> {
    let mut lines = vec![format!("term: {}", scalar(definition.term.as_str()))];
    if let Some(label) = &definition.label {
        lines.push(format!("label: {}", scalar(label)));
    }
    if !definition.broader.is_empty() {
        let broader: Vec<String> = definition.broader.iter().map(|b| scalar(b.as_str())).collect();
        lines.push(format!("broader: [{}]", broader.join(", ")));
    }
    if !definition.part_of.is_empty() {
        let wholes: Vec<String> = definition.part_of.iter().map(|b| scalar(b.as_str())).collect();
        lines.push(format!("part_of: [{}]", wholes.join(", ")));
    }
    lines
}
