//! An index of every passage quotes can be found in: the sources' excerpts
//! and full-text documents, normalised and split into keys once per run
//! ([`crate::text::words`]).
//!
//! Finding a quote must not compare it with every window of every passage.
//! Every key points at the places it occurs. An exact match must contain
//! the quote's rarest key, so only the places of that key are compared. A
//! near match shares keys with the quote: each source's passages (its
//! excerpts, in the order listed, then its full text) form one group, the
//! groups holding the most of the quote's rarer keys are the candidates,
//! and only there are runs of shared keys looked for
//! ([`PassageIndex::runs`]) and diffed word by word, by
//! [`super::quote`].

use std::hash::BuildHasher;
use std::ops::Range;

use foldhash::fast::FixedState;
use hashbrown::HashTable;

use crate::model::{Excerpt, Reference, Source, Term, UNKNOWN_SPEAKER};
use crate::text::normalize;
use crate::text::quotation::{quoted_ranges, unbalanced_excerpt};
use crate::text::words::{Form, each_key};

/// How many groups (sources) are searched for the closest match.
const CANDIDATES: usize = 32;

/// The key of a quote word no passage has.
pub const UNKNOWN: u32 = u32::MAX;

/// Where a passage comes from and whose words it holds.
#[derive(Clone, Copy, Debug)]
pub enum Origin<'a> {
    /// An excerpt: its outlet's words, and inside its quotation marks the
    /// words of whom it quotes.
    Excerpt(&'a Excerpt),
    /// A source's full text, in the words of the given speaker.
    Document(&'a Term),
}

/// One passage, normalised and keyed.
#[derive(Debug)]
pub struct Entry<'a> {
    /// The source the passage belongs to.
    pub source: &'a Source,
    /// What kind of passage it is.
    pub origin: Origin<'a>,
    /// The normalised text (original case).
    pub text: String,
    /// The byte range of each word in `text`.
    pub spans: Vec<Range<usize>>,
    /// Each key's id.
    pub keys: Vec<u32>,
    /// For each key, the words it came from.
    pub key_words: Vec<(u32, u32)>,
    /// For each key, how it differs from its words as written.
    pub forms: Vec<Form>,
    /// The byte ranges of `text` inside its quotation marks.
    quoted: Vec<Range<usize>>,
    /// Whether its quotation marks fail to pair up, so who speaks where is unclear.
    unbalanced: bool,
    /// Whether the stored copy ends mid-passage.
    pub cut_short: bool,
}

impl Entry<'_> {
    /// The words of keys `range`, as written; a word only partly in the
    /// range is given by the keys it has there (named by `index`).
    pub fn show(&self, range: Range<usize>, index: &PassageIndex<'_>) -> Vec<String> {
        let name = |k: usize| index.name(self.keys[k]).to_owned();
        show(&self.text, &self.spans, &self.key_words, range, name)
    }

    /// The words `range` (word indexes) as written, joined by spaces.
    pub fn words(&self, range: Range<usize>) -> &str {
        words_of(&self.text, &self.spans, range)
    }
}

/// The words `range` (word indexes) of a text split at `spans`.
pub fn words_of<'t>(text: &'t str, spans: &[Range<usize>], range: Range<usize>) -> &'t str {
    match (spans.get(range.start), range.end.checked_sub(1).and_then(|e| spans.get(e))) {
        (Some(a), Some(b)) if range.start < range.end => &text[a.start..b.end],
        _ => "",
    }
}

/// The words of keys `range` of a keyed text, as written; a word only
/// partly in the range is given by `name` of each of its keys there.
pub fn show(
    text: &str,
    spans: &[Range<usize>],
    key_words: &[(u32, u32)],
    range: Range<usize>,
    name: impl Fn(usize) -> String,
) -> Vec<String> {
    let mut out = Vec::new();
    let mut k = range.start;
    while k < range.end {
        let words = key_words[k];
        let first = (0..=k).rev().take_while(|&j| key_words[j] == words).last().unwrap_or(k);
        let last = (k..key_words.len()).take_while(|&j| key_words[j] == words).last().unwrap_or(k);
        if first >= range.start && last < range.end {
            out.push(words_of(text, spans, words.0 as usize..words.1 as usize).to_owned());
            k = last + 1;
        } else {
            out.push(name(k));
            k += 1;
        }
    }
    out
}

/// One source's passages: its excerpts in the order listed, then its full text.
#[derive(Debug)]
pub struct Group<'a> {
    /// The source.
    pub source: &'a Source,
    /// Its entries.
    pub entries: Range<u32>,
}

/// Every passage, with an index from keys to where they occur.
#[derive(Debug)]
pub struct PassageIndex<'a> {
    /// The passages, grouped by source in source id order.
    pub entries: Vec<Entry<'a>>,
    /// The groups, one per source with passages, in source id order.
    pub groups: Vec<Group<'a>>,
    /// For each entry, its group.
    group_of: Vec<u32>,
    /// Every key's text, one after another, in the order of their numbers.
    key_text: String,
    /// Where each key's text starts in `key_text`, and after the last,
    /// where it ends.
    key_starts: Vec<u32>,
    /// Each key's number, found by its text.
    vocabulary: HashTable<u32>,
    /// Hashes a key's text for `vocabulary`.
    hasher: FixedState,
    /// The (entry, key position) places every key occurs, key by key, each
    /// key's in passage order: one list, not a list a key, for the tens of
    /// thousands of keys a project's passages hold.
    postings: Vec<(u32, u32)>,
    /// Where each key's places start in `postings`, and after the last,
    /// where they end.
    posting_starts: Vec<u32>,
    /// The speaker of words whose source names none.
    unknown: Term,
}

/// A run of keys a quote shares with a passage: quote keys `quote` are
/// the passage's keys `keys` of entry `entry`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Run {
    /// The entry.
    pub entry: u32,
    /// The passage's keys.
    pub keys: Range<usize>,
    /// The quote's keys.
    pub quote: Range<usize>,
}

impl<'a> PassageIndex<'a> {
    /// Indexes every excerpt and full-text document of `reference`, then
    /// every source's headline (after the others, so that where a headline
    /// and an excerpt are as close to a quote, the excerpt is reported).
    pub fn new(reference: &'a Reference) -> Self {
        let passages = |s: &Source| {
            s.excerpts.len()
                + usize::from(s.document.is_some() && s.speaker.is_some())
                + usize::from(s.headline.is_some())
        };
        let mut index = PassageIndex {
            entries: Vec::with_capacity(reference.sources.iter().map(passages).sum()),
            groups: Vec::new(),
            group_of: Vec::new(),
            key_text: String::new(),
            key_starts: vec![0],
            vocabulary: HashTable::new(),
            hasher: FixedState::default(),
            postings: Vec::new(),
            posting_starts: Vec::new(),
            unknown: Term::from(UNKNOWN_SPEAKER),
        };
        for source in &reference.sources {
            let first = index.entries.len();
            for excerpt in &source.excerpts {
                index.add(source, Origin::Excerpt(excerpt), &excerpt.text, excerpt.cut_short);
            }
            if let (Some(document), Some(speaker)) = (&source.document, &source.speaker) {
                index.add(source, Origin::Document(speaker), document, source.cut_short);
            }
            if index.entries.len() > first {
                let to_u32 = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
                let group = to_u32(index.groups.len());
                index.groups.push(Group { source, entries: to_u32(first)..to_u32(index.entries.len()) });
                index.group_of.resize(index.entries.len(), group);
            }
        }
        // A headline is a passage of its own: it is never joined with the
        // source's other passages into one statement.
        for source in &reference.sources {
            if let Some(headline) = &source.headline {
                let first = index.entries.len();
                index.add(source, Origin::Excerpt(headline), &headline.text, false);
                let to_u32 = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
                let group = to_u32(index.groups.len());
                index.groups.push(Group { source, entries: to_u32(first)..to_u32(index.entries.len()) });
                index.group_of.resize(index.entries.len(), group);
            }
        }
        index.index_places();
        // Grown a place at a time, a list may hold up to twice its places:
        // each is cut to what it holds once every passage is in.
        index.entries.shrink_to_fit();
        index.groups.shrink_to_fit();
        index.group_of.shrink_to_fit();
        index.key_text.shrink_to_fit();
        index.key_starts.shrink_to_fit();
        let (text, starts, hasher) = (&index.key_text, &index.key_starts, &index.hasher);
        index.vocabulary.shrink_to_fit(|&id| hasher.hash_one(name_in(text, starts, id)));
        index
    }

    /// Lists where every key occurs, once every passage is keyed: counted
    /// first, so the list is made at its size.
    fn index_places(&mut self) {
        let to_u32 = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        let mut starts = vec![0_u32; self.key_starts.len()];
        for key in self.entries.iter().flat_map(|e| &e.keys) {
            starts[*key as usize + 1] += 1;
        }
        for k in 1..starts.len() {
            starts[k] += starts[k - 1];
        }
        let mut next = starts.clone();
        let mut postings = vec![(0, 0); starts.last().copied().unwrap_or(0) as usize];
        for (entry, e) in self.entries.iter().enumerate() {
            for (position, key) in e.keys.iter().enumerate() {
                let at = &mut next[*key as usize];
                postings[*at as usize] = (to_u32(entry), to_u32(position));
                *at += 1;
            }
        }
        self.postings = postings;
        self.posting_starts = starts;
    }

    /// Adds one passage.
    fn add(&mut self, source: &'a Source, origin: Origin<'a>, text: &str, cut_short: bool) {
        let text = normalize(text);
        let spans = crate::text::words::spans(&text);
        // About a key a word; a contraction or a number may make more.
        let capacity = spans.len();
        let (mut keys, mut key_words, mut forms) =
            (Vec::with_capacity(capacity), Vec::with_capacity(capacity), Vec::with_capacity(capacity));
        each_key(&text, &spans, |key, words, form| {
            keys.push(self.key_id(key));
            let to_u32 = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
            key_words.push((to_u32(words.start), to_u32(words.end)));
            forms.push(form);
        });
        let (quoted, unbalanced) = match origin {
            Origin::Excerpt(excerpt) if excerpt.quoting.is_some() => {
                (quoted_ranges(&text), unbalanced_excerpt(&text, cut_short).is_some())
            }
            _ => (Vec::new(), false),
        };
        keys.shrink_to_fit();
        key_words.shrink_to_fit();
        forms.shrink_to_fit();
        self.entries.push(Entry { source, origin, text, spans, keys, key_words, forms, quoted, unbalanced, cut_short });
    }

    fn key_id(&mut self, key: &str) -> u32 {
        let hash = self.hasher.hash_one(key);
        let (text, starts, hasher) = (&mut self.key_text, &mut self.key_starts, &self.hasher);
        match self.vocabulary.entry(
            hash,
            |&id| name_in(text, starts, id) == key,
            |&id| hasher.hash_one(name_in(text, starts, id)),
        ) {
            hashbrown::hash_table::Entry::Occupied(found) => *found.get(),
            hashbrown::hash_table::Entry::Vacant(place) => {
                let id = u32::try_from(starts.len() - 1).unwrap_or(u32::MAX);
                text.push_str(key);
                starts.push(u32::try_from(text.len()).unwrap_or(u32::MAX));
                place.insert(id);
                id
            }
        }
    }

    /// The number of a key, [`UNKNOWN`] when no passage has it.
    pub fn key(&self, key: &str) -> u32 {
        let hash = self.hasher.hash_one(key);
        let found = self.vocabulary.find(hash, |&id| self.name(id) == key);
        found.copied().unwrap_or(UNKNOWN)
    }

    /// The text of key number `key`; empty for [`UNKNOWN`].
    pub fn name(&self, key: u32) -> &str {
        name_in(&self.key_text, &self.key_starts, key)
    }

    /// The places a key occurs, as (entry, key position).
    fn places_of(&self, key: u32) -> &[(u32, u32)] {
        let at = key as usize;
        match (self.posting_starts.get(at), at.checked_add(1).and_then(|end| self.posting_starts.get(end))) {
            (Some(&from), Some(&to)) => &self.postings[from as usize..to as usize],
            _ => &[],
        }
    }

    /// How many places a key occurs in.
    fn frequency(&self, key: u32) -> usize {
        if key as usize + 1 >= self.posting_starts.len() {
            return usize::MAX;
        }
        self.places_of(key).len()
    }

    /// The group an entry belongs to.
    pub fn group_of(&self, entry: u32) -> u32 {
        self.group_of[entry as usize]
    }

    /// Whose words entry `entry` holds at its word `word`: inside an
    /// excerpt's quotation marks the quoted party's (unknown when the marks
    /// do not pair up), elsewhere its outlet's; a full text's speaker's.
    pub fn speaker(&self, entry: u32, word: usize) -> &Term {
        let e = &self.entries[entry as usize];
        match e.origin {
            Origin::Document(speaker) => speaker,
            Origin::Excerpt(excerpt) => {
                let Some(quoted) = &excerpt.quoting else { return &excerpt.speaker };
                if e.unbalanced {
                    return &self.unknown;
                }
                // Read where the word's letters start, past any quotation mark.
                let span = e.spans.get(word).cloned().unwrap_or(0..0);
                let lead = e.text[span.clone()].find(char::is_alphanumeric).unwrap_or(0);
                let at = span.start + lead;
                if e.quoted.iter().any(|r| r.contains(&at)) { quoted } else { &excerpt.speaker }
            }
        }
    }

    /// Whether any passage of group `group` may hold words of `speaker`
    /// ([`PassageIndex::speaker`]): a full text in their words, an excerpt
    /// of their outlet, or one quoting them.
    pub fn may_speak(&self, group: u32, speaker: &Term) -> bool {
        let group = &self.groups[group as usize];
        self.entries[group.entries.start as usize..group.entries.end as usize].iter().any(|e| match e.origin {
            Origin::Document(who) => who == speaker,
            Origin::Excerpt(excerpt) => &excerpt.speaker == speaker || excerpt.quoting.as_ref() == Some(speaker),
        })
    }

    /// Every place `keys` (none [`UNKNOWN`]) stand together in one passage,
    /// as (entry, first key position).
    pub fn exact(&self, keys: &[u32]) -> Vec<(u32, usize)> {
        if keys.is_empty() || keys.contains(&UNKNOWN) {
            return Vec::new();
        }
        let Some((offset, rarest)) = keys.iter().enumerate().min_by_key(|(_, k)| self.frequency(**k)) else {
            return Vec::new();
        };
        let mut found: Vec<(u32, usize)> = self
            .places_of(*rarest)
            .iter()
            .filter_map(|&(entry, position)| {
                let start = (position as usize).checked_sub(offset)?;
                let e = &self.entries[entry as usize];
                (e.keys.get(start..start + keys.len()) == Some(keys)).then_some((entry, start))
            })
            .collect();
        found.sort_unstable();
        found.dedup();
        found
    }

    /// The rarer half of the quote's keys (plus one), which vote for the
    /// groups and seed the runs: a passage as close as a paraphrase shares
    /// more than half of the quote's keys, so it holds one of them.
    fn voters(&self, keys: &[u32]) -> Vec<u32> {
        let mut voters = self.by_rarity(keys);
        voters.truncate(keys.len() / 2 + 1);
        voters
    }

    /// The quote's keys, each once, rarest first (then by key).
    fn by_rarity(&self, keys: &[u32]) -> Vec<u32> {
        let mut rare: Vec<u32> = keys.iter().copied().filter(|k| *k != UNKNOWN).collect();
        rare.sort_unstable();
        rare.dedup();
        rare.sort_by_key(|k| (self.frequency(*k), *k));
        rare
    }

    /// The rarest of the quote's keys that group `group` holds, as many as
    /// half the quote's keys: which keys align a quote with that group's
    /// passages. Counted within
    /// the group, so a passage sharing only common words with a quote can
    /// still be shown as its closest.
    fn voters_in(&self, keys: &[u32], group: &Group<'_>) -> Vec<u32> {
        // Rarest first, so the search of the group stops at the last voter needed.
        self.by_rarity(keys)
            .into_iter()
            .filter(|k| !self.places(*k, group).is_empty())
            .take(keys.len() / 2 + 1)
            .collect()
    }

    /// The groups holding the most of the quote's rarer keys, best first,
    /// at most [`CANDIDATES`], among those `admits` allows.
    pub fn candidates(&self, keys: &[u32], admits: impl Fn(&Group<'a>) -> bool) -> Vec<u32> {
        // Counted in a slot for each group (a list allocated zeroed, cheap
        // however many groups there are), then ordered by count and group:
        // an order that never depends on a hasher or on the order votes
        // came in.
        let mut votes = vec![0u32; self.groups.len()];
        let mut voted = Vec::new();
        for key in self.voters(keys) {
            // A key's places are in entry order, so its groups are in order:
            // it votes once for each.
            let mut last = None;
            for &(entry, _) in self.places_of(key) {
                let group = self.group_of(entry);
                if last != Some(group) {
                    last = Some(group);
                    let count = &mut votes[group as usize];
                    if *count == 0 {
                        voted.push(group);
                    }
                    *count += 1;
                }
            }
        }
        let mut counted: Vec<(u32, u32)> = voted.into_iter().map(|g| (votes[g as usize], g)).collect();
        counted.sort_unstable_by(|(va, a), (vb, b)| vb.cmp(va).then(a.cmp(b)));
        counted.into_iter().map(|(_, g)| g).filter(|g| admits(&self.groups[*g as usize])).take(CANDIDATES).collect()
    }

    /// How many of `keys` (each place in the quote counted) group `group`
    /// holds somewhere, and whether any of its passages is cut short: what
    /// bounds how closely a quote can match the group's passages.
    pub fn held(&self, keys: &[u32], group: u32) -> (usize, bool) {
        let group = &self.groups[group as usize];
        // One search a key: where the group's places would start, and whether one does.
        let holds = |key: u32| {
            let list = self.places_of(key);
            let from = list.partition_point(|(e, _)| *e < group.entries.start);
            list.get(from).is_some_and(|(e, _)| *e < group.entries.end)
        };
        let held = keys.iter().filter(|k| **k != UNKNOWN && holds(**k)).count();
        let entries = group.entries.start as usize..group.entries.end as usize;
        (held, self.entries[entries].iter().any(|e| e.cut_short))
    }

    /// The places of `key` in the entries of group `group`.
    fn places(&self, key: u32, group: &Group<'_>) -> &[(u32, u32)] {
        let list = self.places_of(key);
        let from = list.partition_point(|(e, _)| *e < group.entries.start);
        let to = list.partition_point(|(e, _)| *e < group.entries.end);
        &list[from..to]
    }

    /// Every maximal run of keys the quote (`keys`, split into `segments`
    /// that no run crosses) shares with the passages of `group`, seeded by
    /// the quote's rarer keys.
    pub fn runs(&self, keys: &[u32], segments: &[Range<usize>], group: u32) -> Vec<Run> {
        let group = &self.groups[group as usize];
        let mut runs = Vec::new();
        let voters = self.voters_in(keys, group);
        let voter: Vec<bool> = keys.iter().map(|k| voters.contains(k)).collect();
        for segment in segments {
            for i in segment.clone() {
                if !voter[i] {
                    continue;
                }
                'places: for &(entry, position) in self.places(keys[i], group) {
                    let e = &self.entries[entry as usize].keys;
                    let (mut q, mut p) = (i, position as usize);
                    while q > segment.start && p > 0 && keys[q - 1] == e[p - 1] {
                        q -= 1;
                        p -= 1;
                        // An earlier voter of the same run found it already: each
                        // run is extended once, not once per voter in it.
                        if voter[q] {
                            continue 'places;
                        }
                    }
                    let mut len = 0;
                    while q + len < segment.end && p + len < e.len() && keys[q + len] == e[p + len] {
                        len += 1;
                    }
                    runs.push(Run { entry, keys: p..p + len, quote: q..q + len });
                }
            }
        }
        runs.sort_unstable_by(|a, b| {
            (a.entry, a.keys.start, a.quote.start).cmp(&(b.entry, b.keys.start, b.quote.start))
        });
        runs.dedup();
        runs
    }

    /// The places the quote's rarer keys occur in group `group`, as
    /// (entry, the key position the quote's first key would have).
    pub fn alignments(&self, keys: &[u32], group: u32) -> Vec<(u32, i64)> {
        let group = &self.groups[group as usize];
        let voters = self.voters_in(keys, group);
        let mut places = Vec::new();
        for (i, key) in keys.iter().enumerate() {
            if voters.contains(key) {
                let shift = i64::try_from(i).unwrap_or(i64::MAX);
                places.extend(self.places(*key, group).iter().map(|&(e, p)| (e, i64::from(p) - shift)));
            }
        }
        places.sort_unstable();
        let mut counted: Vec<(usize, (u32, i64))> = places.chunk_by(|a, b| a == b).map(|r| (r.len(), r[0])).collect();
        counted.sort_unstable_by(|(va, a), (vb, b)| vb.cmp(va).then(a.cmp(b)));
        counted.into_iter().map(|(_, place)| place).take(3).collect()
    }
}

/// The text of key number `id` of a vocabulary held as `text` split at
/// `starts`; empty if there is none.
fn name_in<'t>(text: &'t str, starts: &[u32], id: u32) -> &'t str {
    let at = id as usize;
    match (starts.get(at), at.checked_add(1).and_then(|end| starts.get(end))) {
        (Some(&from), Some(&to)) => text.get(from as usize..to as usize).unwrap_or_default(),
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::testing::source;
    use crate::model::SourceKind;

    #[test]
    fn a_source_s_passages_form_one_group_in_order() {
        let mut a = source("a", SourceKind::Wire);
        a.excerpts = vec![
            Excerpt { text: "One two three.".into(), speaker: Term::from("a"), quoting: None, cut_short: false },
            Excerpt { text: "Four five six.".into(), speaker: Term::from("a"), quoting: None, cut_short: true },
        ];
        let reference = Reference { sources: vec![a], ..Reference::default() };
        let index = PassageIndex::new(&reference);
        assert_eq!(index.groups.len(), 1);
        assert_eq!(index.groups[0].entries, 0..2);
        assert!(index.entries[1].cut_short);
        let keys: Vec<u32> = ["2", "3", "4"].iter().map(|k| index.key(k)).collect();
        assert_eq!(index.exact(&keys[..2]), [(0, 1)]);
        assert!(index.exact(&keys).is_empty());
        let segments = [Range { start: 0, end: 3 }];
        let runs = index.runs(&keys, &segments, 0);
        assert_eq!(runs[0], Run { entry: 0, keys: 1..3, quote: 0..2 });
    }

    #[test]
    fn keys_are_numbered_named_and_placed_in_passage_order() {
        let mut a = source("a", SourceKind::Wire);
        let excerpt =
            |text: &str| Excerpt { text: text.into(), speaker: Term::from("a"), quoting: None, cut_short: false };
        a.excerpts = vec![excerpt("Rates rose. Rates fell."), excerpt("Then rates held.")];
        let reference = Reference { sources: vec![a], ..Reference::default() };
        let index = PassageIndex::new(&reference);
        let rates = index.key("rates");
        assert_eq!(index.name(rates), "rates");
        assert_eq!(index.places_of(rates), [(0, 0), (0, 2), (1, 1)]);
        assert_eq!(index.frequency(rates), 3);
        assert_eq!((index.key("absent"), index.name(UNKNOWN)), (UNKNOWN, ""));
        assert_eq!((index.places_of(UNKNOWN), index.frequency(UNKNOWN)), (&[][..], usize::MAX));
        let named: Vec<&str> = (0..5).map(|k| index.name(k)).collect();
        assert_eq!(named, ["rates", "rose", "fell", "then", "held"]);
    }
}
