//! What a run needs to know of a facts file without decoding its facts:
//! how many it holds, the digests of their ids, the sources they cite,
//! and for each lookup a check can make (a subject and property, or a
//! subject alone) the digest of the facts it finds in the file.
//!
//! A [`Summary`] is kept beside each facts file's entry in the parse cache
//! ([`super::files`]); the summaries of every file, [`Combined`], answer
//! what spans files (ids unique, claims about subjects no fact knows) and
//! key the record cache: an article's key holds, for each lookup its check
//! made, the digest of what each file holds for it ([`Combined::found`]).
//! So an unchanged run decodes no fact, and after an edit only the facts
//! of files a re-checked article looks up are decoded ([`super::lazy`]).
//!
//! A [`ClaimsSummary`] does the same for a claims file: what a run checks
//! across files (citations, subjects some fact knows) without decoding
//! its claims.
//!
//! Lookups are keyed by 128 bits of a BLAKE3 digest of their subject and
//! property. Ids are keyed by a 64-bit hash ([`id_key`]): two ids with the
//! same key only send the run to the full load, which compares the ids
//! themselves.

use std::collections::{BTreeSet, HashMap};

use borsh::{BorshDeserialize, BorshSerialize};
use foldhash::fast::FixedState;

use crate::model::{Fact, SourceId};

use super::key::Hasher;

/// 128 bits of a digest: enough that two different lookups never share one.
pub type Short = u128;

/// The key of a lookup: facts about `subject` and `property`, or about
/// `subject` whatever their property.
pub fn lookup(subject: &str, property: Option<&str>) -> Short {
    // A few dozen bytes, which BLAKE3 gathers into one block as they come.
    let mut key = blake3::Hasher::new();
    key.update(&(subject.len() as u64).to_le_bytes()).update(subject.as_bytes());
    match property {
        Some(property) => key.update(&[1]).update(property.as_bytes()),
        None => key.update(&[0]),
    };
    short(key.finalize().as_bytes())
}

/// The key of a fact id, to find repeated ids and the file holding one.
/// Not a content digest: two ids with one key only send the run to the
/// full load, so a fast hash serves, with a fixed seed so that the keys
/// kept in the parse cache mean the same to every run of the program that
/// kept them (the cache is the program's own: [`super::program_identity`]).
pub fn id_key(id: &str) -> u64 {
    use std::hash::BuildHasher;
    foldhash::fast::FixedState::with_seed(ID_SEED).hash_one(id)
}

/// The seed of [`id_key`]: any fixed value.
const ID_SEED: u64 = 0x6661_6374_6368_6563;

fn short(digest: &[u8; 32]) -> Short {
    Short::from_le_bytes(digest[..16].try_into().unwrap_or_default())
}

/// One facts file, summed up.
#[derive(Clone, Debug, Default, PartialEq, Eq, BorshSerialize, BorshDeserialize)]
pub struct Summary {
    /// The [`id_key`] of each fact.
    ids: Vec<u64>,
    /// The sources the facts cite, each once, sorted.
    cites: Vec<String>,
    /// For each lookup the file answers, its [`lookup`] key and the digest
    /// of the facts it finds here (in the order a lookup returns them),
    /// sorted by key.
    lookups: Vec<(Short, Short)>,
}

impl Summary {
    /// The summary of one file's facts.
    pub fn of(facts: &[Fact]) -> Summary {
        // Each subject's facts together, by property and then id. The
        // subjects themselves need no order (the lookups are sorted by key
        // below): each is numbered as first met, and the numbers sorted,
        // not the subjects' letters.
        let mut subjects: HashMap<&str, u32, FixedState> =
            HashMap::with_capacity_and_hasher(facts.len(), FixedState::default());
        let mut order: Vec<(u32, &Fact)> = facts
            .iter()
            .map(|fact| {
                let next = u32::try_from(subjects.len()).unwrap_or(u32::MAX);
                (*subjects.entry(fact.subject.as_str()).or_insert(next), fact)
            })
            .collect();
        drop(subjects);
        // A file's facts share one copy of each property (the loader's and
        // the cache's [`crate::load::shared::Shared`]): equal ones are told
        // by their address before their letters.
        let text = |a: &str, b: &str| if std::ptr::eq(a, b) { std::cmp::Ordering::Equal } else { a.cmp(b) };
        order.sort_unstable_by(|(s, a), (t, b)| {
            s.cmp(t).then_with(|| text(a.property.as_str(), b.property.as_str())).then_with(|| a.id.cmp(&b.id))
        });
        let order: Vec<&Fact> = order.into_iter().map(|(_, fact)| fact).collect();
        let mut lookups = Vec::new();
        let (mut whole, mut part) = (Hasher::default(), Hasher::default());
        for subject in order.chunk_by(|a, b| a.subject == b.subject) {
            // A subject's lookup finds every fact about it, grouped by
            // property: its digest is made of its properties' digests.
            whole.reset();
            for group in subject.chunk_by(|a, b| a.property == b.property) {
                part.reset();
                for fact in group {
                    part.value(*fact);
                }
                let digest = short(&part.finish());
                whole.part(group[0].property.as_str().as_bytes()).part(&digest.to_le_bytes());
                lookups.push((lookup(group[0].subject.as_str(), Some(group[0].property.as_str())), digest));
            }
            lookups.push((lookup(subject[0].subject.as_str(), None), short(&whole.finish())));
        }
        lookups.sort_unstable();
        // A file's facts cite a few lists, each one shared copy: each list once.
        let mut lists: Vec<&[SourceId]> = facts.iter().map(|f| &*f.sources).collect();
        lists.sort_unstable_by_key(|list| list.as_ptr());
        lists.dedup_by_key(|list| list.as_ptr());
        let cites: BTreeSet<&str> = lists.iter().flat_map(|list| list.iter()).map(SourceId::as_str).collect();
        Summary {
            ids: facts.iter().map(|f| id_key(f.id.as_str())).collect(),
            cites: cites.into_iter().map(str::to_owned).collect(),
            lookups,
        }
    }

    /// How many facts the file holds.
    pub fn facts(&self) -> usize {
        self.ids.len()
    }

    /// The sources the file's facts cite, each once.
    pub fn cites(&self) -> impl Iterator<Item = &str> {
        self.cites.iter().map(String::as_str)
    }
}

/// One claims file's article, summed up for a lean run
/// ([`crate::load::from_root_deferred`]), which then reads its claims only
/// when their batch is checked: the article's id, how many claims it has,
/// the sources they cite and the subjects and properties they name, each
/// once, sorted. Kept beside the article's entry in the parse cache.
#[derive(Clone, Debug, Default, PartialEq, Eq, BorshSerialize, BorshDeserialize)]
pub struct ClaimsSummary {
    /// The article's id.
    pub id: String,
    /// How many claims it has.
    pub claims: u64,
    /// The sources its claims cite.
    pub cites: Vec<String>,
    /// The subjects and properties its claims name.
    pub keys: Vec<(String, String)>,
}

/// Where a lookup finds facts: for each file answering it, an [`Answer`].
pub type Found = [Answer];

/// A file answering a lookup. Sorted by key, then file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Answer {
    /// The lookup's key, as its high and low halves: 40 bytes an answer,
    /// where a `u128`'s alignment padded a (key, file, digest) to 48.
    key: [u64; 2],
    /// The file, by position in the run's list of facts files.
    pub file: u32,
    /// The digest of the facts it finds there (a [`Short`]'s
    /// little-endian bytes).
    pub digest: [u8; 16],
}

impl Answer {
    fn new(key: Short, file: u32, digest: Short) -> Answer {
        Answer { key: [(key >> 64) as u64, key as u64], file, digest: digest.to_le_bytes() }
    }

    fn key(&self) -> Short {
        (Short::from(self.key[0]) << 64) | Short::from(self.key[1])
    }
}

/// The summaries of every facts file of a project, in path order.
#[derive(Debug, Default)]
pub struct Combined {
    /// Each lookup's answers, sorted in place; a key found in several
    /// files once for each.
    answers: Vec<Answer>,
    /// Where each bucket of `answers` starts.
    answer_buckets: Buckets,
    /// Each id's key and the file holding it, sorted.
    ids: Vec<(u64, u32)>,
    /// Where each bucket of `ids` starts.
    id_buckets: Buckets,
}

/// Where the keys of a sorted list beginning with each value of their
/// first `bits` bits start, and after the last, where they end: a search
/// reads only its bucket, not a list of a million keys (some twenty reads
/// from all over it, each a cache miss at that size). Keys are digests or
/// hashes, spread evenly, so a bucket holds about two distinct keys; the
/// table costs 2 bytes a key where a hash map of where each key starts
/// cost 30.
#[derive(Debug, Default)]
struct Buckets {
    starts: Vec<u32>,
    /// How many of a key's first bits pick its bucket.
    bits: u32,
}

impl Buckets {
    /// The buckets of a list of `len` keys with `distinct` distinct ones,
    /// whose first 64 bits are `tops`, in order.
    fn new(tops: impl Iterator<Item = u64>, len: usize, distinct: usize) -> Buckets {
        let bits = distinct.max(1).next_power_of_two().trailing_zeros().saturating_sub(1);
        let buckets = 1_usize << bits;
        let mut starts = Vec::with_capacity(buckets + 1);
        // One pass in order: a search of the rest for each bucket read a
        // million buckets' worth of scattered places.
        let (mut tops, mut at) = (tops.peekable(), 0_usize);
        for bucket in 0..buckets {
            while tops.next_if(|&top| Self::of(top, bits) < bucket).is_some() {
                at += 1;
            }
            starts.push(u32::try_from(at).unwrap_or(u32::MAX));
        }
        starts.push(u32::try_from(len).unwrap_or(u32::MAX));
        Buckets { starts, bits }
    }

    /// The bucket a key whose first 64 bits are `top` is in.
    fn of(top: u64, bits: u32) -> usize {
        top.checked_shr(u64::BITS - bits).unwrap_or(0) as usize
    }

    /// The places of the list that may hold a key whose first 64 bits are
    /// `top`.
    fn range(&self, top: u64) -> std::ops::Range<usize> {
        let bucket = Self::of(top, self.bits);
        match (self.starts.get(bucket), self.starts.get(bucket + 1)) {
            (Some(&from), Some(&to)) => from as usize..to as usize,
            _ => 0..0,
        }
    }
}

impl Combined {
    /// The summaries of every facts file, in path order.
    pub fn new<'s>(summaries: impl IntoIterator<Item = &'s Summary>) -> Combined {
        let summaries: Vec<&Summary> = summaries.into_iter().collect();
        let mut combined = Combined::default();
        // Sized once: grown by doubling, the lists would hold up to twice
        // what they need, and copy it all at each step.
        combined.answers.reserve_exact(summaries.iter().map(|s| s.lookups.len()).sum());
        combined.ids.reserve_exact(summaries.iter().map(|s| s.ids.len()).sum());
        for (file, summary) in summaries.into_iter().enumerate() {
            let file = u32::try_from(file).unwrap_or(u32::MAX);
            combined.answers.extend(summary.lookups.iter().map(|&(key, digest)| Answer::new(key, file, digest)));
            combined.ids.extend(summary.ids.iter().map(|&id| (id, file)));
        }
        use rayon::prelude::*;
        rayon::join(|| combined.answers.par_sort_unstable(), || combined.ids.par_sort_unstable());
        // A key found in several files is one run.
        let (answers, ids) = (&combined.answers, &combined.ids);
        let distinct = answers.chunk_by(|a, b| a.key == b.key).count();
        combined.answer_buckets = Buckets::new(answers.iter().map(|a| a.key[0]), answers.len(), distinct);
        let distinct = ids.chunk_by(|a, b| a.0 == b.0).count();
        combined.id_buckets = Buckets::new(ids.iter().map(|(key, _)| *key), ids.len(), distinct);
        combined
    }

    /// How many facts the files hold.
    pub fn facts(&self) -> usize {
        self.ids.len()
    }

    /// Whether two facts may share an id: two keys alike. Only the facts
    /// themselves can tell whether they do.
    pub fn may_repeat_ids(&self) -> bool {
        self.ids.windows(2).any(|w| w[0].0 == w[1].0)
    }

    /// Which files answer a lookup, each with the digest of its facts there.
    pub fn found(&self, subject: &str, property: Option<&str>) -> &Found {
        self.found_key(lookup(subject, property))
    }

    fn found_key(&self, key: Short) -> &Found {
        let bucket = &self.answers[self.answer_buckets.range((key >> 64) as u64)];
        let start = bucket.partition_point(|a| a.key() < key);
        let len = bucket[start..].partition_point(|a| a.key() == key);
        &bucket[start..start + len]
    }

    /// Whether some fact is about `subject` and `property`.
    pub fn knows(&self, subject: &str, property: &str) -> bool {
        !self.found(subject, Some(property)).is_empty()
    }

    /// The files that may hold the fact `id`.
    pub fn files_with_id(&self, id: &str) -> impl Iterator<Item = u32> + '_ {
        let key = id_key(id);
        let bucket = &self.ids[self.id_buckets.range(key)];
        let start = bucket.partition_point(|(k, _)| *k < key);
        bucket[start..].iter().take_while(move |(k, _)| *k == key).map(|(_, file)| *file)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::testing::{fact, num as value};
    use crate::model::Qualifier;

    fn num(n: f64) -> crate::model::FactValue {
        value(n, "people", Qualifier::Exact)
    }

    #[test]
    fn a_lookup_finds_the_files_holding_its_facts_and_a_changed_fact_changes_its_digest() {
        let one =
            Summary::of(&[fact("a-1", "town", "population", num(10.0), "s"), fact("b", "city", "area", num(3.0), "s")]);
        let two = Summary::of(&[fact("a-2", "town", "population", num(11.0), "t")]);
        let combined = Combined::new([&one, &two]);
        assert_eq!(combined.facts(), 3);
        let found: Vec<u32> = combined.found("town", Some("population")).iter().map(|f| f.file).collect();
        assert_eq!(found, [0, 1]);
        assert_eq!(combined.found("town", None).len(), 2);
        assert!(combined.knows("city", "area"));
        assert!(!combined.knows("city", "population"));
        assert!(!combined.may_repeat_ids());
        assert_eq!(combined.files_with_id("a-2").collect::<Vec<_>>(), [1]);
        assert_eq!(one.cites().collect::<Vec<_>>(), ["s"]);

        let edited = Summary::of(&[fact("a-2", "town", "population", num(12.0), "t")]);
        let again = Combined::new([&one, &edited]);
        assert_ne!(again.found("town", Some("population")), combined.found("town", Some("population")));
        assert_eq!(again.found("city", Some("area")), combined.found("city", Some("area")));

        let repeated = Combined::new([&one, &one]);
        assert!(repeated.may_repeat_ids());
    }

    #[test]
    fn keys_sharing_a_bucket_or_at_its_edges_are_each_found() {
        // Three distinct keys: buckets by the first bit. `a` and `b` share
        // the first, `c` is the last key there can be.
        let (a, b, c) = (1_u128, (1 << 126) | 5, u128::MAX);
        let summary = |lookups: Vec<(Short, Short)>| Summary { ids: vec![0], cites: Vec::new(), lookups };
        let one = summary(vec![(a, 10), (c, 30)]);
        let two = summary(vec![(b, 20), (c, 31)]);
        let combined = Combined::new([&one, &two]);
        assert_eq!(combined.answer_buckets.starts, [0, 2, 4]);
        assert_eq!(std::mem::size_of::<Answer>(), 40, "no padding beyond the u64 alignment");
        assert_eq!(combined.found_key(a), [Answer::new(a, 0, 10)]);
        assert_eq!(combined.found_key(b), [Answer::new(b, 1, 20)]);
        assert_eq!(combined.found_key(c), [Answer::new(c, 0, 30), Answer::new(c, 1, 31)]);
        for absent in [0, 2, 1 << 127, u128::MAX - 1] {
            assert_eq!(combined.found_key(absent), [], "{absent}");
        }
        assert_eq!(Combined::default().found_key(a), []);
        assert_eq!(Combined::new([&summary(Vec::new())]).found_key(a), []);
    }

    #[test]
    fn every_key_of_many_is_found_in_its_bucket() {
        let keys: Vec<Short> = (0..5000_u32).map(|i| lookup(&i.to_string(), None)).collect();
        let mut lookups: Vec<(Short, Short)> = keys.iter().map(|&k| (k, 1)).collect();
        lookups.sort_unstable();
        let sorted = Summary { ids: vec![0], cites: Vec::new(), lookups };
        let combined = Combined::new([&sorted]);
        assert_eq!(combined.answer_buckets.bits, 12);
        for key in keys {
            assert_eq!(combined.found_key(key), [Answer::new(key, 0, 1)]);
        }
        assert_eq!(combined.found_key(lookup("absent", None)), []);
    }

    #[test]
    fn every_id_of_many_is_found_in_its_file() {
        let ids = |range: std::ops::Range<u32>| Summary {
            ids: range.map(|i| id_key(&format!("fact-{i}"))).collect(),
            cites: Vec::new(),
            lookups: Vec::new(),
        };
        let combined = Combined::new([&ids(0..3000), &ids(3000..5000)]);
        assert_eq!(combined.id_buckets.bits, 12);
        for i in 0..5000 {
            assert_eq!(combined.files_with_id(&format!("fact-{i}")).collect::<Vec<_>>(), [u32::from(i >= 3000)], "{i}");
        }
        assert_eq!(combined.files_with_id("absent").count(), 0);
        assert_eq!(Combined::default().files_with_id("fact-1").count(), 0);
        // An id in two files is found in both.
        let twice = Combined::new([&ids(0..10), &ids(5..20)]);
        assert_eq!(twice.files_with_id("fact-7").collect::<Vec<_>>(), [0, 1]);
    }
}
