//! Evidence search: for a claim or a sentence, the passages of the
//! reference store most likely to back or refute it, ranked, each with the
//! source it comes from.
//!
//! What is searched: every source's excerpts and headline, every sentence
//! of its full text (`reference/documents/`), and every fact, read as the
//! words of its subject, measure or predicate, value, unit, object, note
//! and the labels of its terms. Each is ranked by BM25 (Robertson and
//! Spärck Jones's probabilistic relevance with Okapi's saturation and
//! length normalisation) against the claim's words, and, for a claim, the
//! words of its terms. The index is the project's own kind of word index
//! (words keyed by their lower-cased letters and digits, as
//! [`crate::check::passages`] keys them) with per-unit counts rather than
//! positions, since search ranks units where quote matching aligns words;
//! a search engine crate would bring a disk index and its own tokeniser for
//! a store that is read once per run and fits in memory.

use std::collections::HashMap;
use std::ops::Range;

use crate::error::Error;
use crate::model::{Assertion, Claim, Excerpt, Fact, FactValue, Project, Reference, Source, SourceId, Term};

/// Okapi BM25's term-frequency saturation.
const K1: f64 = 1.2;
/// Okapi BM25's length normalisation.
const B: f64 = 0.75;

/// Words too common to say anything about a claim.
const STOPWORDS: [&str; 64] = [
    "a", "an", "the", "of", "in", "on", "to", "for", "and", "or", "that", "this", "with", "by", "at", "from", "as",
    "is", "are", "was", "were", "be", "been", "has", "have", "had", "its", "it", "their", "they", "he", "she", "his",
    "her", "we", "our", "you", "i", "them", "said", "says", "but", "not", "which", "who", "what", "when", "where",
    "would", "will", "can", "could", "may", "up", "about", "also", "into", "over", "than", "then", "there", "so", "if",
    "some",
];

/// What a unit of the reference store is.
#[derive(Clone, Debug, PartialEq)]
pub enum Unit<'a> {
    /// A verbatim excerpt of a source.
    Excerpt(&'a Source, &'a Excerpt),
    /// A source's title, in its outlet's words.
    Headline(&'a Source),
    /// One sentence of a source's full text: its byte range.
    Passage(&'a Source, Range<usize>),
    /// A fact.
    Fact(&'a Fact),
}

impl<'a> Unit<'a> {
    /// The kind of unit, as reports name it.
    pub fn kind(&self) -> &'static str {
        match self {
            Unit::Excerpt(..) => "excerpt",
            Unit::Headline(_) => "headline",
            Unit::Passage(..) => "passage",
            Unit::Fact(_) => "fact",
        }
    }

    /// The sources it comes from: its own, or those a fact cites.
    pub fn sources(&self) -> Vec<&'a SourceId> {
        match self {
            Unit::Excerpt(source, _) | Unit::Headline(source) | Unit::Passage(source, _) => vec![&source.id],
            Unit::Fact(fact) => fact.sources.iter().collect(),
        }
    }

    /// Its words as the reference holds them (for a fact, its fields).
    pub fn text(&self) -> String {
        match self {
            Unit::Excerpt(_, excerpt) => excerpt.text.clone(),
            Unit::Headline(source) => source.title.clone(),
            Unit::Passage(source, range) => {
                source.document.as_deref().and_then(|d| d.get(range.clone())).unwrap_or_default().to_owned()
            }
            Unit::Fact(fact) => {
                format!("`{}`: {} {}: {}", fact.id, fact.subject, fact.property, crate::check::describe_value(fact))
            }
        }
    }
}

/// One unit found, with its score.
#[derive(Clone, Debug, PartialEq)]
pub struct Hit<'a> {
    /// What was found.
    pub unit: Unit<'a>,
    /// Its BM25 score against the query; higher is closer.
    pub score: f64,
}

/// Every unit of a reference store, indexed by word.
#[derive(Debug, Default)]
pub struct Index<'a> {
    units: Vec<Unit<'a>>,
    /// How many words each unit has.
    lengths: Vec<u32>,
    /// How many words all units have.
    total_length: u64,
    vocabulary: HashMap<String, u32>,
    /// For each word, the units holding it and how often.
    postings: Vec<Vec<(u32, u32)>>,
}

impl<'a> Index<'a> {
    /// Indexes the excerpts, headlines, document sentences and facts of `reference`.
    pub fn new(reference: &'a Reference) -> Self {
        let mut index = Index::default();
        let labels: HashMap<&str, &str> =
            reference.definitions.iter().filter_map(|d| d.label.as_deref().map(|l| (d.term.as_str(), l))).collect();
        for source in &reference.sources {
            for excerpt in &source.excerpts {
                index.add(Unit::Excerpt(source, excerpt), &excerpt.text);
            }
            index.add(Unit::Headline(source), &source.title);
            if let Some(document) = source.document.as_deref() {
                for range in crate::locate::sentences(document) {
                    let text = &document[range.clone()];
                    index.add(Unit::Passage(source, range), text);
                }
            }
        }
        let mut words = String::new();
        for fact in &reference.facts {
            words.clear();
            fact_words(fact, &labels, &mut words);
            index.add(Unit::Fact(fact), &words);
        }
        index
    }

    /// How many units are indexed.
    pub fn len(&self) -> usize {
        self.units.len()
    }

    /// Whether nothing is indexed.
    pub fn is_empty(&self) -> bool {
        self.units.is_empty()
    }

    fn add(&mut self, unit: Unit<'a>, text: &str) {
        let at = u32::try_from(self.units.len()).unwrap_or(u32::MAX);
        let mut counts: Vec<(u32, u32)> = Vec::new();
        let mut length = 0u32;
        let (vocabulary, postings) = (&mut self.vocabulary, &mut self.postings);
        each_word(text, |word| {
            length += 1;
            let id = match vocabulary.get(word) {
                Some(id) => *id,
                None => {
                    let id = u32::try_from(postings.len()).unwrap_or(u32::MAX);
                    vocabulary.insert(word.to_owned(), id);
                    postings.push(Vec::new());
                    id
                }
            };
            match counts.iter_mut().find(|(w, _)| *w == id) {
                Some((_, n)) => *n += 1,
                None => counts.push((id, 1)),
            }
        });
        for (word, n) in counts {
            self.postings[word as usize].push((at, n));
        }
        self.units.push(unit);
        self.lengths.push(length);
        self.total_length += u64::from(length);
    }

    /// The `limit` units closest to `query`, best first; ties go to the
    /// unit indexed first (sources by id, then facts by id), so results are
    /// stable. Units sharing no word with the query are never returned.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit<'a>> {
        let mut terms: Vec<u32> = Vec::new();
        each_word(query, |w| terms.extend(self.vocabulary.get(w).copied()));
        terms.sort_unstable();
        terms.dedup();
        if terms.is_empty() || limit == 0 {
            return Vec::new();
        }
        let n = self.units.len() as f64;
        let average = self.total_length as f64 / n.max(1.0);
        // One score per unit, zeroed by the allocator; only the units touched are read back.
        let mut scores = vec![0.0f64; self.units.len()];
        let mut touched: Vec<u32> = Vec::new();
        for term in terms {
            let postings = &self.postings[term as usize];
            let df = postings.len() as f64;
            let idf = ((n - df + 0.5) / (df + 0.5) + 1.0).ln();
            for &(unit, tf) in postings {
                let tf = f64::from(tf);
                let length = f64::from(self.lengths[unit as usize]);
                let norm = K1 * (1.0 - B + B * length / average.max(1.0));
                let score = &mut scores[unit as usize];
                if *score == 0.0 {
                    touched.push(unit);
                }
                *score += idf * tf * (K1 + 1.0) / (tf + norm);
            }
        }
        let mut ranked: Vec<(u32, f64)> = touched.into_iter().map(|u| (u, scores[u as usize])).collect();
        let by_rank = |a: &(u32, f64), b: &(u32, f64)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
        if ranked.len() > limit {
            ranked.select_nth_unstable_by(limit - 1, by_rank);
            ranked.truncate(limit);
        }
        ranked.sort_unstable_by(by_rank);
        ranked.into_iter().map(|(unit, score)| Hit { unit: self.units[unit as usize].clone(), score }).collect()
    }
}

/// The words a claim is searched by: its text, and the words of the terms
/// and values its kind names (with their labels in `reference`).
pub fn claim_query(claim: &Claim, reference: &Reference) -> String {
    let mut query = claim.text.clone();
    let mut term = |t: &Term| {
        query.push(' ');
        query.push_str(t.as_str());
        if let Some(label) = reference.definition(t).and_then(|d| d.label.as_deref()) {
            query.push(' ');
            query.push_str(label);
        }
    };
    match &claim.assertion {
        Assertion::Quantity(q) => {
            term(&q.subject);
            term(&q.measure);
        }
        Assertion::Date(d) => {
            term(&d.event);
            term(&d.measure);
        }
        Assertion::Quote(q) => term(&q.speaker),
        Assertion::Event(t) | Assertion::Attribution(t) => {
            term(&t.subject);
            term(&t.predicate);
            term(&t.object);
            if let Some(organisation) = &t.organisation {
                term(organisation);
            }
        }
        Assertion::Change(c) => series(&c.series, &mut term),
        Assertion::Ratio(r) => {
            series(&r.series, &mut term);
            r.base_subject.iter().for_each(&mut term);
        }
        Assertion::Share(s) => {
            series(&s.series, &mut term);
            term(&s.base_subject);
        }
        Assertion::Rank(r) => {
            series(&r.series, &mut term);
            r.among.iter().for_each(&mut term);
        }
        Assertion::Record(r) => series(&r.series, &mut term),
        Assertion::Comparison(c) => {
            series(&c.series, &mut term);
            c.base_subject.iter().for_each(&mut term);
        }
        Assertion::Opinion => {}
    }
    if let Assertion::Quantity(q) = &claim.assertion {
        query.push(' ');
        query.push_str(&crate::check::number(q.value));
        query.push(' ');
        query.push_str(&q.unit);
    }
    query
}

/// The terms of a statistical claim's series: its subject, parts and measure.
fn series(series: &crate::model::Series, term: &mut impl FnMut(&Term)) {
    term(&series.subject);
    series.parts.iter().for_each(&mut *term);
    term(&series.measure);
}

/// The claim `id` of `project` (of `article`, if given), to search for;
/// refused when no claim or several have that id.
pub fn find_claim<'p>(project: &'p Project, id: &str, article: Option<&str>) -> Result<&'p Claim, Error> {
    let claims: Vec<&Claim> = project
        .articles
        .iter()
        .filter(|a| article.is_none_or(|name| a.article.id.as_str() == name))
        .flat_map(|a| a.claims.iter().filter(|c| c.id.as_str() == id))
        .collect();
    match claims.as_slice() {
        [claim] => Ok(claim),
        [] => Err(Error::Usage(format!("no claim `{id}`; `factcheck check` lists every claim"))),
        _ => Err(Error::Usage(format!("several articles have a claim `{id}`; name one with --article"))),
    }
}

/// For the claim `id` of `article` when it cites no source: its `limit`
/// closest units, the candidates `add claim` lists. Empty when it cites one.
pub fn candidates<'p>(project: &'p Project, article: &str, id: &str, limit: usize) -> Vec<Hit<'p>> {
    match find_claim(project, id, Some(article)) {
        Ok(claim) if claim.sources.is_empty() => {
            Index::new(&project.reference).search(&claim_query(claim, &project.reference), limit)
        }
        _ => Vec::new(),
    }
}

/// Writes the words a fact is found by into `out`.
fn fact_words(fact: &Fact, labels: &HashMap<&str, &str>, out: &mut String) {
    let mut push = |text: &str| {
        out.push_str(text);
        out.push(' ');
    };
    for term in [&fact.subject, &fact.property] {
        push(term.as_str());
        if let Some(label) = labels.get(term.as_str()) {
            push(label);
        }
    }
    match &fact.value {
        FactValue::Number { value, unit, .. } => {
            push(&crate::check::number(*value));
            push(unit);
        }
        FactValue::Date(spec) => push(&spec.to_string()),
        FactValue::Object { object, date, organisation } => {
            push(object.as_str());
            if let Some(label) = labels.get(object.as_str()) {
                push(label);
            }
            if let Some(date) = date {
                push(&date.to_string());
            }
            if let Some(organisation) = organisation {
                push(organisation.as_str());
            }
        }
        FactValue::Record { record, since } => push(&crate::check::describe_record(*record, *since)),
        FactValue::Unsettled => {}
    }
    if let Some(note) = &fact.note {
        push(note);
    }
}

/// The words of `text` as the index keys them: lower-cased runs of letters
/// and digits (a hyphen or an apostrophe splits a word; `2,500` is `2500`,
/// `U.S.` is `us`, a possessive `'s` is dropped), without the commonest
/// words, a plural's `s` dropped.
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    each_word(text, |w| out.push(w.to_owned()));
    out
}

/// Calls `f` with each of the words of `text` as [`words`] gives them,
/// without allocating one for each.
pub fn each_word(text: &str, mut f: impl FnMut(&str)) {
    let mut word = String::new();
    let mut emit = |word: &mut String| {
        if !word.is_empty() && !STOPWORDS.contains(&word.as_str()) {
            f(singular(word));
        }
        word.clear();
    };
    let ends = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
    let mut previous = ' ';
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        let mut ahead = chars.clone();
        let (next, after) = (ahead.next(), ahead.next());
        if c.is_alphanumeric() {
            if c.is_ascii() {
                word.push(c.to_ascii_lowercase());
            } else {
                word.extend(c.to_lowercase());
            }
        } else if matches!(c, ',' | '.') && previous.is_ascii_digit() && next.is_some_and(|n| n.is_ascii_digit()) {
            // `2,500` is 2500; `1.5` stays a decimal.
            if c == '.' {
                word.push('.');
            }
        } else if c == '.' && previous.is_alphabetic() && next.is_some_and(char::is_alphabetic) && ends(after) {
            // `U.S.` is one word.
        } else if matches!(c, '\'' | '’') && previous.is_alphabetic() && next == Some('s') && ends(after) {
            // A possessive `'s` belongs to its word.
            chars.next();
            previous = 's';
            continue;
        } else {
            emit(&mut word);
        }
        previous = c;
    }
    emit(&mut word);
}

/// `troops` → `troop`; words of three letters or fewer, and those ending in
/// `ss`, `us` or `is`, are left as they are.
fn singular(word: &str) -> &str {
    let keep = word.len() <= 3 || ["ss", "us", "is"].iter().any(|end| word.ends_with(end));
    match word.strip_suffix('s') {
        Some(stem) if !keep && !stem.ends_with(|c: char| c.is_ascii_digit()) => stem,
        _ => word,
    }
}

/// How findable the sources claims cite are: for each claim citing any,
/// whether one of them is among the sources of its `top` hits.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Findability {
    /// Claims citing at least one source.
    pub claims: usize,
    /// Those with a cited source among their top hits.
    pub found: usize,
    /// The ids (`<article>::<claim>`) of those without.
    pub missed: Vec<String>,
}

/// [`Findability`] of every claim of `project` that cites a source,
/// searched by [`claim_query`], or with `by_text` by its text alone (as a
/// sentence is searched before it is a claim).
pub fn findability(project: &Project, top: usize, by_text: bool) -> Findability {
    let index = Index::new(&project.reference);
    let mut out = Findability::default();
    for article in &project.articles {
        for claim in article.claims.iter().filter(|c| !c.sources.is_empty()) {
            out.claims += 1;
            let query = if by_text { claim.text.clone() } else { claim_query(claim, &project.reference) };
            let hits = index.search(&query, top);
            if hits.iter().any(|h| h.unit.sources().iter().any(|s| claim.sources.contains(s))) {
                out.found += 1;
            } else {
                out.missed.push(format!("{}::{}", article.article.id, claim.id));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::testing::{fact, num, reference, source};
    use crate::model::{Qualifier, SourceKind};

    #[test]
    fn words_are_keyed_plainly() {
        let w = words("The U.S.-led coalition’s 2,500 troops, in 2024. 1.5 tonnes");
        assert_eq!(w, ["us", "led", "coalition", "2500", "troop", "2024", "1.5", "tonne"]);
        assert_eq!(singular("status"), "status");
        assert_eq!(singular("1990s"), "1990s");
    }

    fn store() -> Reference {
        let mut wire = source("wire-2024", SourceKind::Wire);
        wire.title = "Harbour exports rise for a third year".into();
        wire.excerpts = vec![Excerpt {
            text: "Goods shipped through the harbour rose to 1.2 million tonnes in 2023.".into(),
            speaker: Term::from("wire"),
            quoting: None,
            cut_short: false,
        }];
        let mut board = source("board-2024", SourceKind::Primary);
        board.title = "Annual report".into();
        board.document = Some("The board met in March. Grain made up about half of all tonnes shipped.".into());
        let facts =
            vec![fact("grain-share", "harbour-grain", "share", num(50.0, "percent", Qualifier::About), "board-2024")];
        reference(vec![board, wire], facts)
    }

    #[test]
    fn the_closest_passages_come_first_with_their_sources() {
        let reference = store();
        let index = Index::new(&reference);
        assert_eq!(index.len(), 6);
        let hits = index.search("Goods shipped through the harbour rose to 1.2 million tonnes", 3);
        assert_eq!(hits[0].unit.kind(), "excerpt");
        assert_eq!(hits[0].unit.sources(), [&SourceId::from("wire-2024")]);
        let hits = index.search("grain was about half the harbour's trade", 2);
        let kinds: Vec<&str> = hits.iter().map(|h| h.unit.kind()).collect();
        assert_eq!(kinds, ["passage", "fact"]);
        assert_eq!(hits[0].unit.text(), "Grain made up about half of all tonnes shipped.");
        assert!(index.search("nothing alike", 3).is_empty());
        assert!(hits[0].score > hits[1].score);
    }

    #[test]
    fn a_headline_is_found_by_its_words() {
        let reference = store();
        let hits = Index::new(&reference).search("exports rose for the third year running", 1);
        assert_eq!(hits[0].unit, Unit::Headline(&reference.sources[1]));
    }
}
