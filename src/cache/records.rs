//! The record cache: each article's verdicts, kept under a key made of
//! everything checking them read, so that after an edit only the articles
//! whose inputs changed are checked again.
//!
//! An article's key is the digest of the program's identity, the as-of
//! date, the article (its metadata, text and claims), the sources and the
//! vocabulary, and every lookup of facts the check made, by subject and
//! property, as the previous check recorded them ([`crate::check::Reads`]),
//! each with what the facts files hold for it: which files answer it and
//! the digest of their facts there ([`super::summary::Combined::found`]).
//! Editing a fact changes the key of exactly the articles that looked it
//! up; editing a fact no check looked up, or adding one about a subject
//! and property a check did look up, is noticed the same way. The key is
//! made from the files' summaries, so checking it decodes no fact; a run
//! whose facts were loaded without the parse cache keeps no records.
//!
//! The unit is the article, not the claim: a claim's verdict can depend on
//! the article's other claims (a date relative to another claim's, figures
//! swapped between the claims of one sentence), so an article is checked
//! again whole. Editing the sources or the vocabulary checks every article
//! again.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use borsh::{BorshDeserialize, BorshSerialize};
use jiff::civil::Date;

use crate::check::FactIndex;
use crate::check::rollup::SentenceVerdict;
use crate::model::{ArticleClaims, Reference, Term, Verdict};

use super::entry;
use super::key::{Digest, Hasher, digest, hex};

const LABEL: &[u8] = b"article records v1";

/// How many programs' records are kept: a rebuild makes a new program.
const KEEP_PROGRAMS: usize = 3;

/// One article's verdicts and what checking them read.
#[derive(BorshDeserialize)]
struct Stored {
    key: Digest,
    reads: Vec<(Term, Option<Term>)>,
    kept: Kept,
}

/// [`Stored`] as it is written, borrowing what it keeps: the same bytes.
#[derive(BorshSerialize)]
struct Storing<'a> {
    key: Digest,
    reads: &'a [(Term, Option<Term>)],
    verdicts: &'a [Verdict],
    sentences: &'a [SentenceVerdict],
}

/// What is kept of an article's check: its verdicts, in claim order, and
/// the sentence verdicts rolled up from them.
#[derive(BorshDeserialize)]
pub struct Kept {
    /// The verdicts, in the order of the article's claims.
    pub verdicts: Vec<Verdict>,
    /// The sentence verdicts.
    pub sentences: Vec<SentenceVerdict>,
}

/// One article's check, as its key sees it: the article, the as-of date,
/// the digest of the sources and terms ([`Records::reference_digest`]) and
/// the facts, indexed.
pub struct At<'a> {
    /// The article.
    pub article: &'a ArticleClaims,
    /// The date it is checked as of.
    pub as_of: Date,
    /// The digest of the sources and the vocabulary.
    pub reference: &'a Digest,
    /// Every fact, indexed.
    pub index: &'a FactIndex<'a>,
}

/// The record cache of one program.
pub struct Records {
    dir: PathBuf,
    program: Digest,
    reused: AtomicUsize,
    checked: AtomicUsize,
    /// The key of each article whose verdicts were reused or kept.
    keys: Mutex<BTreeMap<String, Digest>>,
}

/// How many claims a run took from the record cache and how many it
/// checked.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ClaimCounts {
    /// Claims whose verdict was kept from an earlier run.
    pub reused: usize,
    /// Claims checked.
    pub checked: usize,
}

impl Records {
    /// The records in `cache` of the program `program`.
    pub fn open(cache: &Path, program: &str) -> Records {
        let program = digest(program.as_bytes());
        let all = cache.join("records");
        let dir = all.join(&hex(&program)[..16]);
        prune(&all, &dir);
        Records { dir, program, reused: AtomicUsize::new(0), checked: AtomicUsize::new(0), keys: Mutex::default() }
    }

    fn path(&self, article: &ArticleClaims) -> PathBuf {
        // Article ids are slugs (`[a-z0-9-]`), checked when loaded.
        self.dir.join(format!("{}.bin", article.article.id))
    }

    /// The digest of what every article's check may read besides its own
    /// claims and facts: the sources (with their full texts) and the
    /// vocabulary.
    pub fn reference_digest(reference: &Reference) -> Digest {
        Hasher::default().value(&reference.sources).value(&reference.definitions).finish()
    }

    /// The key of an article's verdicts, checked with `reads`: only for
    /// a run whose facts are deferred, whose files' summaries say what
    /// each lookup finds without decoding a fact.
    fn key(&self, at: &At<'_>, reads: &[(Term, Option<Term>)]) -> Option<Digest> {
        let combined = at.index.combined()?;
        let mut hasher = Hasher::default();
        hasher
            .part(&self.program)
            .value(&(at.as_of.year(), at.as_of.month(), at.as_of.day()))
            .part(at.reference)
            .value(&at.article.article)
            .part(at.article.text.as_bytes())
            .value(&at.article.claims);
        for (subject, property) in reads {
            hasher.value(subject).value(property);
            let found = combined.found(subject.as_str(), property.as_ref().map(Term::as_str));
            hasher.value(&(found.len() as u64));
            for (_, file, digest) in found {
                hasher.part(&file.to_le_bytes()).part(&digest.to_le_bytes());
            }
        }
        Some(hasher.finish())
    }

    /// The verdicts of every claim of an article, and its sentence
    /// verdicts, if they are kept under the key its inputs have now.
    pub fn reuse(&self, at: &At<'_>) -> Option<Kept> {
        let stored: Stored = entry::read(&self.path(at.article), LABEL)?;
        let verdicts = &stored.kept.verdicts;
        let fits = verdicts.len() == at.article.claims.len()
            && verdicts.iter().zip(&at.article.claims).all(|(v, c)| v.claim == c.id);
        if !fits || self.key(at, &stored.reads) != Some(stored.key) {
            return None;
        }
        self.reused.fetch_add(verdicts.len(), Ordering::Relaxed);
        self.note_key(at.article, stored.key);
        Some(stored.kept)
    }

    /// Keeps the verdicts of every claim of an article, checked with
    /// `reads`, and its sentence verdicts.
    pub fn keep(
        &self,
        at: &At<'_>,
        reads: &[(Term, Option<Term>)],
        verdicts: &[Verdict],
        sentences: &[SentenceVerdict],
    ) {
        self.checked.fetch_add(verdicts.len(), Ordering::Relaxed);
        // Verdicts made while some facts could not be read are not kept.
        let Some(key) = self.key(at, reads).filter(|_| !at.index.failed()) else { return };
        self.note_key(at.article, key);
        let stored = Storing { key, reads, verdicts, sentences };
        // A cache that cannot be written only makes the next run slower.
        let _ = entry::write(&self.path(at.article), LABEL, &stored);
    }

    fn note_key(&self, article: &ArticleClaims, key: Digest) {
        self.keys.lock().unwrap_or_else(std::sync::PoisonError::into_inner).insert(article.article.id.to_string(), key);
    }

    /// The key of the article `id`'s verdicts in this run, if they were
    /// reused or kept: the same key means the same verdicts, so what is
    /// made from them can be kept under it too.
    pub fn key_of(&self, id: &str) -> Option<Digest> {
        self.keys.lock().unwrap_or_else(std::sync::PoisonError::into_inner).get(id).copied()
    }

    /// Counts claims checked without being kept (a run over some claims
    /// of an article).
    pub fn checked(&self, claims: usize) {
        self.checked.fetch_add(claims, Ordering::Relaxed);
    }

    /// Forgets the claims counted so far, for a run that checks again.
    pub fn reset_counts(&self) {
        self.reused.store(0, Ordering::Relaxed);
        self.checked.store(0, Ordering::Relaxed);
    }

    /// How many claims were reused and how many checked.
    pub fn counts(&self) -> ClaimCounts {
        ClaimCounts { reused: self.reused.load(Ordering::Relaxed), checked: self.checked.load(Ordering::Relaxed) }
    }
}

/// Removes the records of all but the [`KEEP_PROGRAMS`] programs used
/// last, besides `current`.
fn prune(all: &Path, current: &Path) {
    let Ok(entries) = std::fs::read_dir(all) else { return };
    let mut old: Vec<(std::time::SystemTime, PathBuf)> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|path| path != current && path.is_dir())
        .filter_map(|path| Some((std::fs::metadata(&path).ok()?.modified().ok()?, path)))
        .collect();
    old.sort_by_key(|(modified, _)| std::cmp::Reverse(*modified));
    for (_, dir) in old.into_iter().skip(KEEP_PROGRAMS) {
        let _ = std::fs::remove_dir_all(dir);
    }
}
