//! The report of a re-check: the claims whose verdict changed between two
//! dates, each with its discrepancies at both dates and the facts that
//! changed, then the claims that kept their verdict on other facts.
//!
//! As text for people ([`text`]), or as a versioned JSON document for tools
//! ([`json`]): `{version, articles: [{id, from, to, changes: [{claim, text,
//! verdict_changed, before, after, facts_no_longer_used,
//! facts_newly_used, revisions}]}], totals}`; `docs/reports.md` documents it.

use std::collections::BTreeMap;
use std::fmt::Write;

use serde::Serialize;

use crate::check::recheck::{Change, Recheck};
use crate::error::plural;
use crate::model::{Discrepancy, FactId, Reference, Verdict, VerdictKind};

use super::json::{Document, pretty};
use super::record::FactRef;
use super::{content_first, describe};

/// The version of the JSON shape.
pub const VERSION: u32 = 1;

fn fact_line(sign: char, id: &FactId, reference: &Reference) -> String {
    match reference.fact(id) {
        Some(fact) => {
            let fact = FactRef::of(fact, reference);
            format!("      {sign} {}: {}", fact.id, fact.says)
        }
        None => format!("      {sign} {id}"),
    }
}

fn verdict_lines(out: &mut String, date: &str, verdict: &Verdict) {
    let _ = writeln!(out, "    on {date}: {}", verdict.verdict.name());
    for d in content_first(verdict) {
        let _ = writeln!(out, "      {}", describe(d));
    }
}

/// The facts used at the later date that revise one used at the earlier:
/// a later vintage of the same subject, measure and period, with the
/// vintage it replaces.
pub fn revisions<'a>(change: &Change<'a>, reference: &Reference) -> Vec<(&'a FactId, &'a FactId)> {
    let key = |id: &FactId| {
        reference.fact(id).and_then(|f| f.period.map(|p| (f.subject.clone(), f.property.clone(), p.window().key())))
    };
    change
        .facts_added
        .iter()
        .filter_map(|new| {
            let wanted = key(new)?;
            let old = change.facts_dropped.iter().find(|old| key(old).as_ref() == Some(&wanted))?;
            Some((*old, *new))
        })
        .collect()
}

fn fact_lines(out: &mut String, change: &Change<'_>, reference: &Reference) {
    let revised = revisions(change, reference);
    for (old, new) in &revised {
        let was = reference.fact(old).map(crate::check::describe_value).unwrap_or_default();
        let _ = writeln!(out, "{} (revises {old}: {was})", fact_line('~', new, reference));
    }
    for id in change.facts_dropped.iter().filter(|id| !revised.iter().any(|(old, _)| old == *id)) {
        let _ = writeln!(out, "{}", fact_line('-', id, reference));
    }
    for id in change.facts_added.iter().filter(|id| !revised.iter().any(|(_, new)| new == *id)) {
        let _ = writeln!(out, "{}", fact_line('+', id, reference));
    }
}

/// The text report: a headline count, then per article each claim whose
/// verdict changed, and last the claims that kept their verdict on other
/// facts. Facts marked `-` were used at the earlier date only, `+` at the
/// later date only, `~` at the later date in place of an earlier vintage
/// of the same figure (a revision).
pub fn text(recheck: &Recheck<'_>, reference: &Reference) -> String {
    let changes = recheck.changes();
    let changed = changes.iter().filter(|c| c.verdict_changed()).count();
    let mut out = format!(
        "recheck: {changed} of {} in {} changed verdict\n",
        plural(recheck.claims(), "claim"),
        plural(recheck.before.len(), "article")
    );
    for (before, after) in recheck.before.iter().zip(&recheck.after) {
        let id = before.article.article.id.as_str();
        let (from, to) = (before.as_of.to_string(), after.as_of.to_string());
        let _ = writeln!(out, "\n{id} (from {from} to {to})");
        let ours: Vec<&Change> = changes.iter().filter(|c| c.article.article.id.as_str() == id).collect();
        let (changed, shifted): (Vec<&Change>, Vec<&Change>) = ours.into_iter().partition(|c| c.verdict_changed());
        if changed.is_empty() {
            let _ = writeln!(out, "  no verdict changed");
        }
        for change in changed {
            let (old, new) = (change.before.verdict.name(), change.after.verdict.name());
            let _ = writeln!(out, "  {}: {old} -> {new}", change.claim.id);
            let _ = writeln!(out, "    claim: {}", change.claim.text.trim());
            verdict_lines(&mut out, &from, change.before);
            verdict_lines(&mut out, &to, change.after);
            if !change.facts_dropped.is_empty() || !change.facts_added.is_empty() {
                let _ = writeln!(out, "    facts that changed:");
            }
            fact_lines(&mut out, change, reference);
        }
        if !shifted.is_empty() {
            let _ = writeln!(out, "  same verdict, other facts:");
        }
        for change in shifted {
            let _ = writeln!(out, "    {}: {}", change.claim.id, change.after.verdict.name());
            fact_lines(&mut out, change, reference);
        }
    }
    out
}

#[derive(Serialize)]
struct ArticleReport<'a> {
    id: &'a str,
    from: String,
    to: String,
    changes: Vec<ChangeEntry<'a>>,
}

#[derive(Serialize)]
struct ChangeEntry<'a> {
    claim: &'a str,
    text: &'a str,
    verdict_changed: bool,
    before: Side<'a>,
    after: Side<'a>,
    facts_no_longer_used: Vec<&'a FactId>,
    facts_newly_used: Vec<&'a FactId>,
    revisions: Vec<Revision<'a>>,
}

#[derive(Serialize)]
struct Revision<'a> {
    fact: &'a FactId,
    revises: &'a FactId,
}

#[derive(Serialize)]
struct Side<'a> {
    verdict: VerdictKind,
    discrepancies: &'a [Discrepancy],
    facts: Vec<FactRef>,
}

fn side<'a>(verdict: &'a Verdict, reference: &Reference) -> Side<'a> {
    Side {
        verdict: verdict.verdict,
        discrepancies: &verdict.discrepancies,
        facts: verdict.facts.iter().filter_map(|id| reference.fact(id)).map(|f| FactRef::of(f, reference)).collect(),
    }
}

/// The JSON report, pretty-printed, ending with a newline.
pub fn json(recheck: &Recheck<'_>, reference: &Reference) -> String {
    let changes = recheck.changes();
    let mut articles: Vec<ArticleReport> = recheck
        .before
        .iter()
        .zip(&recheck.after)
        .map(|(b, a)| ArticleReport {
            id: b.article.article.id.as_str(),
            from: b.as_of.to_string(),
            to: a.as_of.to_string(),
            changes: Vec::new(),
        })
        .collect();
    for change in &changes {
        let entry = ChangeEntry {
            claim: change.claim.id.as_str(),
            text: &change.claim.text,
            verdict_changed: change.verdict_changed(),
            before: side(change.before, reference),
            after: side(change.after, reference),
            facts_no_longer_used: change.facts_dropped.clone(),
            facts_newly_used: change.facts_added.clone(),
            revisions: revisions(change, reference)
                .into_iter()
                .map(|(revises, fact)| Revision { fact, revises })
                .collect(),
        };
        if let Some(article) = articles.iter_mut().find(|a| a.id == change.article.article.id.as_str()) {
            article.changes.push(entry);
        }
    }
    let mut totals = BTreeMap::new();
    totals.insert("claims", recheck.claims());
    totals.insert("verdicts_changed", changes.iter().filter(|c| c.verdict_changed()).count());
    totals.insert("facts_changed_only", changes.iter().filter(|c| !c.verdict_changed()).count());
    pretty(&Document { version: VERSION, articles, totals })
}
