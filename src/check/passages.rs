//! An index of every passage quotes can be found in: the sources' excerpts
//! (and full-text documents), normalised once per run.
//!
//! Finding a quote must not compare it with every window of every passage.
//! Each passage is split into words, and every word (lower-cased letters and
//! digits) points at the places it occurs. An exact match must contain the
//! quote's rarest word, so only the places of that word are compared. A near
//! match shares words with the quote in the same order, so places vote for
//! the alignment they imply (position in the passage minus position in the
//! quote); only the best-aligned passages, and only around their best
//! alignments, are diffed word by word.

use std::collections::HashMap;

use crate::model::{Excerpt, Reference, Source, Term};
use crate::text::{normalize, quoted_segments};

/// How many passages are diffed for the closest match.
const CANDIDATES: usize = 32;

/// How many alignments of each passage are diffed.
const ALIGNMENTS: usize = 3;

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

/// One passage, normalised.
#[derive(Debug)]
pub struct Entry<'a> {
    /// The source the passage belongs to.
    pub source: &'a Source,
    /// What kind of passage it is.
    pub origin: Origin<'a>,
    /// The normalised text (original case).
    pub text: String,
    /// The normalised text, lower-cased, for matching.
    pub lower: String,
    /// Byte offset of each word in `text`.
    pub starts: Vec<usize>,
    /// Each word's key: its letters and digits, lower-cased.
    pub keys: Vec<u32>,
}

impl<'a> Entry<'a> {
    /// The words `range` of `text`, as sliced from it.
    pub fn words(&self, range: std::ops::Range<usize>) -> Vec<&str> {
        range
            .map(|i| &self.text[self.starts[i]..self.starts.get(i + 1).map_or(self.text.len(), |next| next - 1)])
            .collect()
    }

    /// Whose words the passage holds at byte offset `at` of its text.
    pub fn speaker_at(&self, at: usize) -> &'a Term {
        match self.origin {
            Origin::Document(speaker) => speaker,
            Origin::Excerpt(excerpt) => {
                let inside = quoted_segments(&self.text).iter().any(|r| r.contains(&at));
                match (&excerpt.quoting, inside) {
                    (Some(quoted), true) => quoted,
                    _ => &excerpt.speaker,
                }
            }
        }
    }
}

/// What a word is compared by: letters and digits, lower-cased. Quotes
/// adapt capitals and punctuation to the sentence around them.
pub fn key(word: &str) -> String {
    word.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase()
}

/// Every passage, with an index from words to where they occur.
#[derive(Debug, Default)]
pub struct PassageIndex<'a> {
    /// The passages, in source id order, excerpts before documents.
    pub entries: Vec<Entry<'a>>,
    /// Word keys, numbered.
    vocabulary: HashMap<String, u32>,
    /// For each word key, the (entry, word) places it occurs.
    postings: Vec<Vec<(u32, u32)>>,
}

/// A place where a quote may stand: an entry and the word it would start at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Place {
    /// The entry.
    pub entry: u32,
    /// The word index the quote's first word would be at (may be negative
    /// for an alignment running off the passage's start).
    pub start: i64,
}

impl<'a> PassageIndex<'a> {
    /// Indexes every excerpt and full-text document of `reference`, then
    /// every source's headline (after the others, so that where a headline
    /// and an excerpt are as close to a quote, the excerpt is reported).
    pub fn new(reference: &'a Reference) -> Self {
        let mut index = PassageIndex::default();
        for source in &reference.sources {
            for excerpt in &source.excerpts {
                index.add(source, Origin::Excerpt(excerpt), &excerpt.text);
            }
        }
        for source in &reference.sources {
            if let (Some(document), Some(speaker)) = (&source.document, &source.speaker) {
                index.add(source, Origin::Document(speaker), document);
            }
        }
        for source in &reference.sources {
            if let Some(headline) = &source.headline {
                index.add(source, Origin::Excerpt(headline), &headline.text);
            }
        }
        index
    }

    /// Adds one passage.
    pub fn add(&mut self, source: &'a Source, origin: Origin<'a>, text: &str) {
        let text = normalize(text);
        let lower = text.to_lowercase();
        let mut starts = Vec::new();
        let mut keys = Vec::new();
        let mut at = 0;
        let entry = u32::try_from(self.entries.len()).unwrap_or(u32::MAX);
        for word in text.split(' ') {
            let id = self.key_id(&key(word));
            let position = u32::try_from(keys.len()).unwrap_or(u32::MAX);
            self.postings[id as usize].push((entry, position));
            starts.push(at);
            keys.push(id);
            at += word.len() + 1;
        }
        // Lower-casing can change byte lengths; keep the two aligned or match by text only.
        let lower = if lower.len() == text.len() { lower } else { text.clone() };
        self.entries.push(Entry { source, origin, text, lower, starts, keys });
    }

    fn key_id(&mut self, key: &str) -> u32 {
        if let Some(id) = self.vocabulary.get(key) {
            return *id;
        }
        let id = u32::try_from(self.postings.len()).unwrap_or(u32::MAX);
        self.vocabulary.insert(key.to_owned(), id);
        self.postings.push(Vec::new());
        id
    }

    /// The keys of a quote's words, `None` for a word no passage has.
    fn quote_keys(&self, words: &[&str]) -> Vec<Option<u32>> {
        words.iter().map(|w| self.vocabulary.get(&key(w)).copied()).collect()
    }

    /// The keys of a quote's words, for diffing against [`Entry::keys`]: a
    /// word no passage has gets [`UNKNOWN`], which matches nothing there.
    pub fn keys_of(&self, words: &[&str]) -> Vec<u32> {
        self.quote_keys(words).into_iter().map(|k| k.unwrap_or(UNKNOWN)).collect()
    }

    /// Every place the quote (normalised, lower-cased, as words) stands
    /// verbatim, ignoring case, as (entry, byte offset).
    pub fn exact(&self, quote: &str) -> Vec<(u32, usize)> {
        let words: Vec<&str> = quote.split(' ').collect();
        let keys = self.quote_keys(&words);
        // An exact match holds every word; a word no passage has rules it out.
        let Some(keys) = keys.iter().copied().collect::<Option<Vec<u32>>>() else { return Vec::new() };
        let Some((offset, rarest)) = keys
            .iter()
            .enumerate()
            .filter(|(_, k)| !key_is_empty(self, **k))
            .min_by_key(|(_, k)| self.postings[**k as usize].len())
        else {
            return self.scan(quote);
        };
        let mut found: Vec<(u32, usize)> = self.postings[*rarest as usize]
            .iter()
            .filter_map(|&(entry, position)| {
                let start = usize::try_from(i64::from(position) - offset as i64).ok()?;
                let e = &self.entries[entry as usize];
                let word = *e.starts.get(start)?;
                let word_end = e.starts.get(start + 1).map_or(e.lower.len(), |next| next - 1);
                // The quote may begin after the word's punctuation (`"latest`), so it is compared at each
                // offset inside the word, never searched for through the rest of the passage.
                let at = (word..=word_end).find(|&at| e.lower.get(at..).is_some_and(|rest| rest.starts_with(quote)))?;
                let whole = boundary_before(&e.lower, at) && boundary_after(&e.lower, at + quote.len());
                whole.then_some((entry, at))
            })
            .collect();
        found.sort_unstable();
        found.dedup();
        found
    }

    /// Every match of `quote` found by reading every passage: for quotes of
    /// punctuation alone, which have no word to look up.
    fn scan(&self, quote: &str) -> Vec<(u32, usize)> {
        let mut found = Vec::new();
        for (n, e) in self.entries.iter().enumerate() {
            let entry = u32::try_from(n).unwrap_or(u32::MAX);
            let whole =
                |&(at, _): &(usize, &str)| boundary_before(&e.lower, at) && boundary_after(&e.lower, at + quote.len());
            found.extend(e.lower.match_indices(quote).filter(whole).map(|(at, _)| (entry, at)));
        }
        found
    }

    /// The passages sharing the most words with the quote in the same
    /// order, best first, at most [`CANDIDATES`], each with its best
    /// alignments (the word the quote's first word would stand at).
    ///
    /// Only the rarest half of the quote's words (plus one) vote. A passage
    /// as close as a paraphrase ([`super::quote::PARAPHRASE_SIMILARITY`])
    /// shares more than half of the quote's words, so it holds at least one
    /// of them and gets a vote; the commonest words, which would cost the
    /// most to count, are the ones left out.
    pub fn near(&self, words: &[&str]) -> Vec<(u32, Vec<i64>)> {
        let mut voters: Vec<(usize, u32)> = (self.quote_keys(words).into_iter().enumerate())
            .filter_map(|(i, k)| k.filter(|k| !key_is_empty(self, *k)).map(|k| (i, k)))
            .collect();
        voters.sort_by_key(|&(i, k)| (self.postings[k as usize].len(), i));
        voters.truncate(words.len() / 2 + 1);
        // Counting by sorting, not hashing: one pass over a flat vector, and an order that never depends on a hasher.
        let mut places: Vec<Place> =
            Vec::with_capacity(voters.iter().map(|(_, k)| self.postings[*k as usize].len()).sum());
        for (i, k) in voters {
            let shift = i64::try_from(i).unwrap_or(i64::MAX);
            places.extend(
                self.postings[k as usize]
                    .iter()
                    .map(|&(entry, position)| Place { entry, start: i64::from(position) - shift }),
            );
        }
        places.sort_unstable();
        let mut counted: Vec<(u32, Place)> =
            places.chunk_by(|a, b| a == b).map(|run| (u32::try_from(run.len()).unwrap_or(u32::MAX), run[0])).collect();
        // Best alignment first; ties by passage and place.
        counted.sort_unstable_by(|(va, a), (vb, b)| vb.cmp(va).then(a.cmp(b)));
        let mut out: Vec<(u32, Vec<i64>)> = Vec::new();
        for (_, place) in counted {
            match out.iter().position(|(entry, _)| *entry == place.entry) {
                Some(at) if out[at].1.len() < ALIGNMENTS => out[at].1.push(place.start),
                Some(_) => {}
                None if out.len() < CANDIDATES => out.push((place.entry, vec![place.start])),
                None => {}
            }
        }
        out
    }
}

fn key_is_empty(index: &PassageIndex<'_>, key: u32) -> bool {
    index.vocabulary.get("").is_some_and(|empty| *empty == key)
}

/// Whether a match starting at byte `start` of `text` starts a word.
fn boundary_before(text: &str, start: usize) -> bool {
    text[..start].chars().next_back().is_none_or(|c| !c.is_alphanumeric())
}

/// Whether a match ending at byte `end` of `text` ends a word.
fn boundary_after(text: &str, end: usize) -> bool {
    text[end..].chars().next().is_none_or(|c| !c.is_alphanumeric())
}
