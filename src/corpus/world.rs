//! What every part of a corpus shares: the lexicon, the pool of sources
//! facts cite, and the vocabulary of terms under broader terms.

use std::collections::BTreeSet;

use jiff::civil::Date;

use crate::date::{DateSpec, PartialDate};
use crate::load::slug;
use crate::model::{Definition, Source, SourceId, SourceKind, Term};

use super::prose::{self, CATEGORIES};
use super::rng::Rng;
use super::words::{Lexicon, Namespace};

/// A publisher of sources, and what kind of sources it publishes.
#[derive(Clone, Debug)]
struct Publisher {
    name: String,
    class: Class,
    /// The region it is named after, which its headlines are about.
    region: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    /// A news agency: wire reports.
    Agency,
    /// A newspaper or broadcaster: secondary reports, or an agency's report it carries.
    Outlet,
    /// A public body: its own statements and figures.
    Body,
}

const AGENCY_NAMES: [&str; 3] = ["{region} Press Agency", "{region} News Service", "{region} Wire"];
const OUTLET_NAMES: [&str; 6] = [
    "The {region} Herald",
    "{region} Daily",
    "{region} Radio",
    "The {region} Observer",
    "{region} Times",
    "Channel {region}",
];
const BODY_NAMES: [&str; 6] = [
    "{region} Statistics Office",
    "{region} Ministry of Transport",
    "{region} Health Authority",
    "Office of the {region} Governor",
    "{region} Electoral Commission",
    "{region} Environment Agency",
];

/// The earliest and latest dates of sources and articles.
pub const FIRST_YEAR: i16 = 2015;
/// See [`FIRST_YEAR`].
pub const LAST_YEAR: i16 = 2024;

/// A random day between `first` and `last` years, inclusive.
pub fn day_between(rng: &mut Rng, first: i16, last: i16) -> Date {
    let start = Date::constant(first, 1, 1);
    let days = crate::date::days_between(start, Date::constant(last, 12, 31));
    super::shift(start, rng.range(0, days))
}

/// The shared parts of a corpus.
#[derive(Clone, Debug)]
pub struct World {
    /// The seed's words.
    pub lexicon: Lexicon,
    /// The sources facts and excerpts are drawn from, without excerpts.
    pub sources: Vec<Source>,
    /// Whose prose each source is, the `speaker` of its excerpts.
    pub speakers: Vec<Term>,
    /// Indices of `sources` by kind (primary, wire, secondary), each list
    /// in order of publication, undated sources first.
    by_kind: [Vec<(Date, usize)>; 3],
    /// The terms every corpus defines, sorted by term.
    pub vocabulary: Vec<Definition>,
}

fn kind_index(kind: SourceKind) -> usize {
    match kind {
        SourceKind::Primary => 0,
        SourceKind::Wire => 1,
        SourceKind::Secondary => 2,
    }
}

impl World {
    /// The world of `seed` with `sources` sources (at least three: one of each kind).
    pub fn new(seed: u64, sources: usize) -> World {
        let lexicon = Lexicon::new(seed);
        let mut rng = Rng::stream(seed, super::SOURCES, 0);
        let publishers = publishers(&lexicon, &mut rng, sources);
        let agencies: Vec<usize> = (0..publishers.len()).filter(|&i| publishers[i].class == Class::Agency).collect();
        let mut taken = BTreeSet::new();
        let mut pool = Vec::with_capacity(sources);
        let mut speakers = Vec::with_capacity(sources);
        let mut by_kind: [Vec<(Date, usize)>; 3] = Default::default();
        for i in 0..sources {
            // The first publishers each get a source, so every kind is there.
            let p = if i < publishers.len() { i } else { rng.index(publishers.len()) };
            let publisher = &publishers[p];
            let carried = (publisher.class == Class::Outlet && i >= 3 && rng.chance(25))
                .then(|| &publishers[*rng.pick(&agencies)]);
            let kind = match (publisher.class, carried) {
                (Class::Body, _) => SourceKind::Primary,
                (Class::Agency, _) | (_, Some(_)) => SourceKind::Wire,
                (Class::Outlet, None) => SourceKind::Secondary,
            };
            let author = carried.unwrap_or(publisher);
            let source = source(&mut rng, publisher, carried, kind, &mut taken);
            let published = source.published.map_or(Date::MIN, |d| d.window().first());
            by_kind[kind_index(kind)].push((published, i));
            speakers.push(Term::from(slug(&author.name)));
            pool.push(source);
        }
        for list in &mut by_kind {
            list.sort_unstable();
        }
        World { lexicon, sources: pool, speakers, by_kind, vocabulary: vocabulary() }
    }

    /// The sources of `kind` published by `before` (or undated), or all of
    /// that kind if none is.
    fn candidates(&self, kind: SourceKind, before: Date) -> &[(Date, usize)] {
        let list = &self.by_kind[kind_index(kind)];
        match list.partition_point(|(published, _)| *published <= before) {
            0 => list,
            n => &list[..n],
        }
    }

    /// A source of `kind` published by `before`, by index.
    pub fn source_of(&self, rng: &mut Rng, kind: SourceKind, before: Date) -> usize {
        rng.pick(self.candidates(kind, before)).1
    }

    /// Two sources of `kind` published by `before`, distinct when there are two.
    pub fn two_sources_of(&self, rng: &mut Rng, kind: SourceKind, before: Date) -> (usize, usize) {
        let list = self.candidates(kind, before);
        let a = rng.index(list.len());
        let b = if list.len() > 1 { (a + 1 + rng.index(list.len() - 1)) % list.len() } else { a };
        (list[a].1, list[b].1)
    }

    /// A source of any kind published by `before`, most often a wire or secondary report.
    pub fn any_source(&self, rng: &mut Rng, before: Date) -> usize {
        let kind = rng.weighted(&[(SourceKind::Wire, 4), (SourceKind::Secondary, 3), (SourceKind::Primary, 3)]);
        self.source_of(rng, kind, before)
    }

    /// A news report published by `before`: a wire or secondary source.
    pub fn press(&self, rng: &mut Rng, before: Date) -> usize {
        let kind = rng.weighted(&[(SourceKind::Wire, 1), (SourceKind::Secondary, 1)]);
        self.source_of(rng, kind, before)
    }

    /// The primary sources, by index: public bodies' statements and reports,
    /// the only sources whose full text is one speaker's words.
    pub fn bodies(&self) -> Vec<usize> {
        let mut bodies: Vec<usize> = self.by_kind[0].iter().map(|(_, i)| *i).collect();
        bodies.sort_unstable();
        bodies
    }

    /// The id of source `index`.
    pub fn id(&self, index: usize) -> SourceId {
        self.sources[index].id.clone()
    }

    /// The name of the body publishing primary source `index`.
    pub fn body_name(&self, index: usize) -> &str {
        &self.sources[index].publisher
    }
}

fn publishers(lexicon: &Lexicon, rng: &mut Rng, sources: usize) -> Vec<Publisher> {
    let count = (sources / 8).clamp(3, 80);
    (0..count)
        .map(|i| {
            let class = match i {
                0 => Class::Body,
                1 => Class::Agency,
                2 => Class::Outlet,
                _ => rng.weighted(&[(Class::Outlet, 5), (Class::Body, 3), (Class::Agency, 2)]),
            };
            let names: &[&str] = match class {
                Class::Agency => &AGENCY_NAMES,
                Class::Outlet => &OUTLET_NAMES,
                Class::Body => &BODY_NAMES,
            };
            let region = lexicon.name(Namespace::Region, i as u64);
            Publisher { name: prose::fill(rng.word(names), &[("region", &region)]), class, region }
        })
        .collect()
}

/// The first words of `text` as a slug, cut at a hyphen to at most `max` bytes.
pub fn short_slug(text: &str, max: usize) -> String {
    let slug = slug(text);
    if slug.len() <= max {
        return slug;
    }
    let cut = slug[..max].rfind('-').unwrap_or(max);
    slug[..cut].to_owned()
}

fn source(
    rng: &mut Rng,
    publisher: &Publisher,
    carried: Option<&Publisher>,
    kind: SourceKind,
    taken: &mut BTreeSet<String>,
) -> Source {
    let author = carried.unwrap_or(publisher);
    let title = prose::headline(rng, &publisher.region);
    let day = day_between(rng, FIRST_YEAR, LAST_YEAR);
    let (published, date_inferred, note) = match rng.below(100) {
        0..8 => (None, false, Some("The page shows no date.".to_owned())),
        8..13 => (
            Some(DateSpec::Single(PartialDate::Month(day.year(), day.month()))),
            true,
            Some("Dated from the archive's monthly index; the page itself shows no date.".to_owned()),
        ),
        13..18 => (
            Some(DateSpec::Single(PartialDate::Day(day))),
            true,
            Some("The date is inferred from the dateline of the print edition.".to_owned()),
        ),
        _ => (Some(DateSpec::Single(PartialDate::Day(day))), false, None),
    };
    let when = match published {
        Some(DateSpec::Single(PartialDate::Day(d))) => d.to_string(),
        Some(spec) => spec.to_string(),
        None => "undated".to_owned(),
    };
    let base = format!("{}-{when}", short_slug(&author.name, 40));
    let id = crate::add::unique(base, taken);
    taken.insert(id.clone());
    let path = short_slug(&title, 60);
    let host = if kind == SourceKind::Primary { "example.com" } else { "example.org" };
    let url = match published {
        Some(_) => format!("https://{host}/{}/{}/{:02}/{path}", slug(&publisher.name), day.year(), day.month()),
        None => format!("https://{host}/{}/{path}", slug(&publisher.name)),
    };
    let also_at = carried.map(|agency| vec![format!("https://example.com/{}/{path}", slug(&agency.name))]);
    let source = Source {
        id: SourceId::from(id),
        publisher: publisher.name.clone(),
        original_publisher: carried.map(|a| a.name.clone()),
        title,
        url,
        also_at: also_at.unwrap_or_default(),
        published,
        date_inferred,
        kind,
        note,
        excerpts: Vec::new(),
        speaker: None,
        document: None,
        cut_short: false,
        translation: false,
        not_independent_of: Vec::new(),
        headline: None,
    };
    // As the loader reads it, so the verdict the generator gives each claim is the checker's.
    Source { headline: Some(crate::load::headline(&source)), ..source }
}

/// The shared vocabulary: each category's broader term and its members.
fn vocabulary() -> Vec<Definition> {
    let mut terms = Vec::new();
    for category in &CATEGORIES {
        let (term, label) = category.term;
        terms.push(Definition {
            term: Term::from(term),
            label: Some(label.to_owned()),
            broader: Vec::new(),
            part_of: Vec::new(),
        });
        for (member, label) in category.members {
            terms.push(Definition {
                term: Term::from(*member),
                label: Some((*label).to_owned()),
                broader: vec![Term::from(term)],
                part_of: Vec::new(),
            });
        }
    }
    terms.sort_by(|a, b| a.term.cmp(&b.term));
    terms
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_of_source_is_there() {
        let world = World::new(1, 3);
        let kinds: Vec<SourceKind> = world.sources.iter().map(|s| s.kind).collect();
        assert_eq!(kinds, [SourceKind::Primary, SourceKind::Wire, SourceKind::Secondary]);
        let world = World::new(1, 500);
        let ids: BTreeSet<&str> = world.sources.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids.len(), 500);
        assert!(world.sources.iter().all(|s| s.url.starts_with("https://example.")));
    }
}
