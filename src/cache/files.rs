//! The parse cache: each facts file's facts, with their summary
//! ([`super::summary`]), and each claims file's claims with its article
//! (and the article's summary, for a run that reads claims a batch at a
//! time),
//! parsed, converted and checked on their own, kept under a key made of
//! the program's identity, the file's path and the digest of its content
//! (and of its article's text, for a claims file); and values that span
//! files ([`FileCache::kept`]: the sources and vocabulary of a lean run).
//!
//! A run takes a file's items from here when its stamp proves it
//! unchanged, or when its content hashes to a key already kept, and parses
//! it otherwise. What spans files (fact ids unique across files, every
//! citation naming a source, claims about subjects some fact knows) is
//! checked every run, whatever came from here; a cached file citing a
//! source that is gone, or with a claim no fact could answer, is parsed
//! again, so the problem points at its line. A file with any problem, even
//! a warning, is not kept, so its problems are reported again on the next
//! run; nor is a claims file holding drafts.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::load::shared::Shared;
use crate::model::{Article, ArticleClaims, Claim, Fact, Term};

use super::entry;
use super::key::{Digest, Hasher, Stamp, Stamps, digest, hex};
use super::summary::{ClaimsSummary, Summary};

/// The label of a facts file's entry.
const FACTS: &[u8] = b"facts v1";

/// The label of a facts file's summary.
const SUMMARY: &[u8] = b"facts summary v1";

/// The label of a claims file's entry.
const CLAIMS: &[u8] = b"claims v2";

/// The label of a claims file's summary.
const CLAIMS_SUMMARY: &[u8] = b"claims summary v1";

/// The parse cache of one project, as one program sees it.
pub struct FileCache {
    entries: Entries,
    stamps: Stamps,
}

/// How many files a run parsed and how many it took from the cache.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FileCounts {
    /// Files parsed.
    pub parsed: usize,
    /// Files taken from the cache.
    pub cached: usize,
}

impl FileCache {
    /// The parse cache in `cache` for the project at `root`, read by the
    /// program `program` (see [`super::program_identity`]).
    pub fn open(cache: &Path, root: &Path, program: &str) -> FileCache {
        FileCache {
            entries: Entries {
                dir: cache.join("files"),
                program: digest(program.as_bytes()),
                counts: Arc::new(Counts::default()),
            },
            stamps: Stamps::open(cache, root),
        }
    }

    fn entry_path(&self, path: &str, contents: &[&Digest]) -> PathBuf {
        self.entries.path(path, contents)
    }

    /// Where the entries are, to read facts later ([`super::lazy`]).
    pub fn entries(&self) -> Entries {
        self.entries.clone()
    }

    /// The facts of `path` if its stamp proves it unchanged since it was
    /// hashed and a sound entry is kept for that content, with that
    /// content's digest; the file's stamp in any case.
    pub fn facts_unread(&self, path: &str) -> (Option<Stamp>, Option<(Digest, Vec<Fact>)>) {
        let (stamp, known) = self.stamps.trusted(path);
        (stamp, known.and_then(|content| Some((content, self.facts(path, &content)?))))
    }

    /// The facts kept for `path` with content `content`.
    pub fn facts(&self, path: &str, content: &Digest) -> Option<Vec<Fact>> {
        self.entries.facts(path, content)
    }

    /// The summary kept of the facts of `path` with content `content`.
    pub fn summary(&self, path: &str, content: &Digest) -> Option<Summary> {
        entry::read(&self.entry_path(path, &[content, &SUMMARY_KEY]), SUMMARY)
    }

    /// Keeps the summary of the facts of `path` with content `content`.
    pub fn store_summary(&self, path: &str, content: &Digest, summary: &Summary) {
        let _ = entry::write(&self.entry_path(path, &[content, &SUMMARY_KEY]), SUMMARY, summary);
    }

    /// The digest of `text`, read from `path` when it had `stamp`,
    /// remembered with the stamp for the next run.
    pub fn digest_of(&self, path: &str, stamp: Option<Stamp>, text: &str) -> Digest {
        let content = digest(text.as_bytes());
        self.stamps.record(path, stamp, content);
        content
    }

    /// Keeps the facts parsed from `path`'s content `content`, and their
    /// summary; returns the summary, and whether the facts were written, so
    /// that [`Self::facts`] can read them back.
    pub fn store_facts(&self, path: &str, content: &Digest, facts: &Vec<Fact>) -> (Summary, bool) {
        let written = self.entries.store_facts(path, content, facts);
        let summary = Summary::of(facts);
        self.store_summary(path, content, &summary);
        (summary, written)
    }

    /// The article and claims kept for the claims file `path` with content
    /// `content` and an article text with content `text`.
    pub fn claims(&self, path: &str, content: &Digest, text: &Digest) -> Option<ArticleClaims> {
        self.entries.claims(path, content, text)
    }

    /// Keeps an article without drafts, loaded from the claims file
    /// `path` with content `content` and an article text with content
    /// `text`; returns whether it was written, so that [`Self::claims`]
    /// can read it back.
    pub fn store_claims(&self, path: &str, content: &Digest, text: &Digest, article: &ArticleClaims) -> bool {
        self.entries.store_claims(path, content, text, article)
    }

    /// The summary kept of the article of the claims file `path` with
    /// content `content` and an article text with content `text`.
    pub fn claims_summary(&self, path: &str, content: &Digest, text: &Digest) -> Option<ClaimsSummary> {
        entry::read(&self.entry_path(path, &[content, text, &SUMMARY_KEY]), CLAIMS_SUMMARY)
    }

    /// Keeps the summary of the article of the claims file `path` with
    /// content `content` and an article text with content `text`.
    pub fn store_claims_summary(&self, path: &str, content: &Digest, text: &Digest, summary: &ClaimsSummary) {
        let _ = entry::write(&self.entry_path(path, &[content, text, &SUMMARY_KEY]), CLAIMS_SUMMARY, summary);
    }

    /// A value kept under `key` with `label`, for what spans several files
    /// (the sources and vocabulary, [`crate::load::from_root_lean`]).
    pub fn kept<T: borsh::BorshDeserialize>(&self, label: &[u8], key: &Digest) -> Option<T> {
        entry::read(&self.entry_path("", &[key]), label)
    }

    /// Keeps `value` under `key` with `label`.
    pub fn keep(&self, label: &[u8], key: &Digest, value: &impl borsh::BorshSerialize) {
        let _ = entry::write(&self.entry_path("", &[key]), label, value);
    }

    /// The stamps and digests of the project's files.
    pub fn stamps(&self) -> &Stamps {
        &self.stamps
    }

    /// Counts a file parsed.
    pub fn parsed(&self) {
        self.entries.counts.parsed.fetch_add(1, Ordering::Relaxed);
    }

    /// Counts a file taken from the cache.
    pub fn cached(&self) {
        self.entries.counts.cached.fetch_add(1, Ordering::Relaxed);
    }

    /// Forgets the files counted so far, for a run that loads again.
    pub fn reset_counts(&self) {
        self.entries.counts.parsed.store(0, Ordering::Relaxed);
        self.entries.counts.cached.store(0, Ordering::Relaxed);
        self.entries.counts.decoded.store(0, Ordering::Relaxed);
    }

    /// How many files were parsed and how many came from the cache.
    pub fn counts(&self) -> FileCounts {
        let counts = &self.entries.counts;
        FileCounts { parsed: counts.parsed.load(Ordering::Relaxed), cached: counts.cached.load(Ordering::Relaxed) }
    }

    /// How many times a facts file's facts were decoded from the cache: for
    /// lookups in a run whose facts stay there ([`crate::cache::lazy`]),
    /// where a file read by batches apart is decoded again, or whole by a
    /// run that loads every fact.
    pub fn decoded(&self) -> usize {
        self.entries.counts.decoded.load(Ordering::Relaxed)
    }

    /// Keeps this run's stamps for the next run.
    pub fn save(&self) {
        self.stamps.save();
    }
}

/// A claims file's entry: its article, the article's text, its claims and
/// where each claim's words stand in the text ([`ArticleClaims::places`]).
type KeptClaims = (Article, String, Vec<Claim>, Vec<Vec<(u64, u64)>>);

/// What tells a summary's key from its facts' key.
const SUMMARY_KEY: Digest = *b"summary of the facts of the file";

/// Where a program's parse-cache entries are.
#[derive(Clone, Debug)]
pub struct Entries {
    dir: PathBuf,
    program: Digest,
    /// The run's counts, shared with its [`FileCache`].
    counts: Arc<Counts>,
}

/// How many files a run parsed and how many it took from the cache.
#[derive(Debug, Default)]
struct Counts {
    parsed: AtomicUsize,
    cached: AtomicUsize,
    decoded: AtomicUsize,
}

impl Entries {
    /// Counts a file the run took from the cache as parsed after all: its
    /// entry could not be read when needed, and it was parsed again.
    pub fn parsed_again(&self) {
        let cached = &self.counts.cached;
        // Never below zero: counts reset for a run that loads again.
        let _ = cached.fetch_update(Ordering::Relaxed, Ordering::Relaxed, |n| n.checked_sub(1));
        self.counts.parsed.fetch_add(1, Ordering::Relaxed);
    }

    fn path(&self, path: &str, contents: &[&Digest]) -> PathBuf {
        let mut key = Hasher::default();
        key.part(&self.program).part(path.as_bytes());
        for content in contents {
            key.part(*content);
        }
        self.dir.join(format!("{}.bin", hex(&key.finish())))
    }

    /// The facts kept for `path` with content `content`.
    pub fn facts(&self, path: &str, content: &Digest) -> Option<Vec<Fact>> {
        let mut facts: Vec<Fact> = entry::read(&self.path(path, &[content]), FACTS)?;
        self.counts.decoded.fetch_add(1, Ordering::Relaxed);
        // borsh grows a list a place at a time, up to twice its length.
        facts.shrink_to_fit();
        share_terms(&mut facts);
        Some(facts)
    }

    /// The article and claims kept for the claims file `path` with content
    /// `content` and an article text with content `text`.
    pub fn claims(&self, path: &str, content: &Digest, text: &Digest) -> Option<ArticleClaims> {
        let (article, text, mut claims, places): KeptClaims = entry::read(&self.path(path, &[content, text]), CLAIMS)?;
        claims.shrink_to_fit();
        let places = places.into_iter().map(|list| list.into_iter().map(|(a, b)| a as usize..b as usize).collect());
        Some(ArticleClaims { article, text, claims, places: places.collect(), drafts: Vec::new() })
    }

    /// Keeps the facts of `path` with content `content`; returns whether
    /// they were written.
    pub fn store_facts(&self, path: &str, content: &Digest, facts: &Vec<Fact>) -> bool {
        // A cache that cannot be written only makes the next run slower.
        entry::write(&self.path(path, &[content]), FACTS, facts).is_ok()
    }

    /// Keeps an article without drafts, of the claims file `path` with
    /// content `content` and an article text with content `text`; returns
    /// whether it was written.
    pub fn store_claims(&self, path: &str, content: &Digest, text: &Digest, article: &ArticleClaims) -> bool {
        debug_assert!(article.drafts.is_empty(), "drafts are not kept");
        let places: Vec<Vec<(u64, u64)>> = article
            .places
            .iter()
            .map(|list| list.iter().map(|place| (place.start as u64, place.end as u64)).collect())
            .collect();
        let entry = (&article.article, &article.text, &article.claims, places);
        // A cache that cannot be written only makes the next run slower.
        entry::write(&self.path(path, &[content, text]), CLAIMS, &entry).is_ok()
    }
}

/// Makes the facts of one file share one allocation per distinct subject,
/// property, source id and source list, as the loader does when it parses
/// them: a decoded fact holds its own copy of each, and a million facts'
/// copies are a fifth of the data's size again in memory.
fn share_terms(facts: &mut [Fact]) {
    let mut shared = Shared::default();
    for fact in facts {
        fact.subject = Term::from(shared.text(fact.subject.as_str()));
        fact.property = Term::from(shared.text(fact.property.as_str()));
        fact.sources = shared.sources(&fact.sources);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::testing::{fact, num};
    use crate::model::Qualifier;

    #[test]
    fn facts_read_back_share_their_terms_and_hold_no_spare_places() {
        let dir = tempfile::tempdir().unwrap();
        let cache = FileCache::open(dir.path(), dir.path(), "test");
        // More facts than borsh places at once, so that its list grows.
        let facts: Vec<Fact> = (0..100)
            .map(|i| fact(&format!("f-{i}"), "town", "population", num(f64::from(i), "people", Qualifier::Exact), "s"))
            .collect();
        let content = digest(b"the file");
        assert!(cache.store_facts("reference/facts/towns.yaml", &content, &facts).1);
        let read = cache.entries().facts("reference/facts/towns.yaml", &content).unwrap();
        assert_eq!(read, facts);
        assert_eq!(read.capacity(), read.len(), "no spare places");
        assert!(std::ptr::eq(read[0].subject.as_str(), read[99].subject.as_str()), "one `town`");
    }
}
