//! The `search` report: the units found for a claim or a sentence, best
//! first, as text or JSON; and how findable the cited sources are.

use std::fmt::Write;

use serde::Serialize;

use crate::search::{Findability, Hit};

/// The hits for `query`, a line for each with its rank, kind, score and
/// sources, and its words below (cut to a line).
pub fn text(query: &str, hits: &[Hit<'_>]) -> String {
    let mut out = format!("search: {}\n", super::printable(&super::text::quoted(query)));
    if hits.is_empty() {
        out.push_str("  nothing in the reference shares a word with it\n");
    }
    for (rank, hit) in hits.iter().enumerate() {
        let _ = writeln!(out, "{}", line(rank + 1, hit));
        let _ = writeln!(out, "       {}", super::printable(&super::text::quoted(&hit.unit.text())));
    }
    out
}

/// One hit on one line: `  1. excerpt   7.42  reuters-2024-08-15`.
pub fn line(rank: usize, hit: &Hit<'_>) -> String {
    let sources: Vec<&str> = hit.unit.sources().iter().map(|s| s.as_str()).collect();
    format!("{rank:>3}. {:<9} {:>6.2}  {}", hit.unit.kind(), hit.score, sources.join(", "))
}

#[derive(Serialize)]
struct Report<'a> {
    query: &'a str,
    hits: Vec<HitRecord>,
}

#[derive(Serialize)]
struct HitRecord {
    rank: usize,
    kind: &'static str,
    score: f64,
    sources: Vec<String>,
    text: String,
}

/// The hits as a JSON document: the query, and each hit's rank, kind,
/// score (three decimals), sources and words.
pub fn json(query: &str, hits: &[Hit<'_>]) -> String {
    let hits = hits
        .iter()
        .enumerate()
        .map(|(rank, hit)| HitRecord {
            rank: rank + 1,
            kind: hit.unit.kind(),
            score: (hit.score * 1000.0).round() / 1000.0,
            sources: hit.unit.sources().iter().map(ToString::to_string).collect(),
            text: hit.unit.text(),
        })
        .collect();
    let mut out = serde_json::to_string_pretty(&Report { query, hits }).unwrap_or_default();
    out.push('\n');
    out
}

/// "a cited source is among the top 3 hits of 31 of 35 claims citing one (89%)", and the others.
pub fn findability(found: &Findability, top: usize) -> String {
    let percent = (found.found * 100 + found.claims / 2).checked_div(found.claims).unwrap_or(0);
    let mut out = format!(
        "a cited source is among the top {top} hits of {} of {} citing one ({percent}%)\n",
        found.found,
        crate::error::plural(found.claims, "claim"),
    );
    if !found.missed.is_empty() {
        let _ = writeln!(out, "not among them: {}", found.missed.join(", "));
    }
    out
}
