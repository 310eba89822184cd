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
//! The unit is the claim: each claim's key is made of its article (its
//! metadata, text and every claim, since a claim's verdict can depend on
//! the others: a date counted from another claim's) and of what its own
//! check looked up. After an edit, only the claims whose lookups found
//! something else are checked again; the pass that marks figures swapped
//! between the claims of a sentence ([`crate::check::check_claims`]) then
//! runs again over the article, on the claims' own verdicts, kept for that.
//! Editing the sources or the vocabulary checks every claim again.

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

const LABEL: &[u8] = b"article records v2";

/// How many programs' records are kept: a rebuild makes a new program.
const KEEP_PROGRAMS: usize = 3;

/// What a check looked up: subject and property, or the subject alone.
pub type Lookups = Vec<(Term, Option<Term>)>;

/// One article's verdicts and what checking them read.
#[derive(BorshDeserialize)]
struct Stored {
    /// The key of the whole: every claim's key and what the swap pass
    /// looked up.
    key: Digest,
    /// Each claim's key, lookups and own verdict, in claim order.
    claims: Vec<StoredClaim>,
    /// What the swap pass looked up.
    shared: Lookups,
    kept: Kept,
}

/// [`Stored`] as it is written, borrowing the verdicts: the same bytes.
#[derive(BorshSerialize)]
struct Storing<'a> {
    key: Digest,
    claims: &'a [StoredClaim],
    shared: &'a Lookups,
    verdicts: &'a [Verdict],
    sentences: &'a [SentenceVerdict],
}

/// One claim's check.
#[derive(BorshSerialize, BorshDeserialize)]
struct StoredClaim {
    key: Digest,
    reads: Lookups,
    /// Its verdict before the swap pass, when that pass changed it.
    own: Option<Verdict>,
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

/// What the record cache holds for an article whose inputs changed: for
/// each claim, its own verdict (before the swap pass) and what its check
/// looked up, if its key is the same.
pub type Partial = Vec<Option<(Verdict, Lookups)>>;

/// What the record cache holds for an article.
pub enum Reuse {
    /// Every verdict, as the article's inputs are unchanged.
    All(Kept),
    /// The claims whose own inputs are unchanged.
    Some(Partial),
}

/// One claim's check, to keep: what it looked up and its own verdict.
pub struct Checked {
    /// What its check looked up.
    pub reads: Lookups,
    /// Its verdict before the swap pass.
    pub own: Verdict,
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

    /// What every claim's key of an article starts with: the program,
    /// the as-of date, the sources and terms, the article and all its
    /// claims.
    fn base(&self, at: &At<'_>) -> Digest {
        Hasher::default()
            .part(&self.program)
            .value(&(at.as_of.year(), at.as_of.month(), at.as_of.day()))
            .part(at.reference)
            .value(&at.article.article)
            .part(at.article.text.as_bytes())
            .value(&at.article.claims)
            .finish()
    }

    /// The key of a claim (`part`: its id) or of the swap pass, checked
    /// with `reads`: only for a run whose facts come through the parse
    /// cache, whose files' summaries say what each lookup finds.
    fn key(at: &At<'_>, base: &Digest, part: &[u8], reads: &[(Term, Option<Term>)]) -> Option<Digest> {
        let combined = at.index.combined()?;
        let mut hasher = Hasher::default();
        hasher.part(base).part(part);
        for (subject, property) in reads {
            hasher.value(subject).value(property);
            let found = combined.found(subject.as_str(), property.as_ref().map(Term::as_str));
            hasher.value(&(found.len() as u64));
            for answer in found {
                hasher.part(&answer.file.to_le_bytes()).part(&answer.digest);
            }
        }
        Some(hasher.finish())
    }

    /// The key of the whole article: its claims' keys and the swap pass's.
    fn whole(claims: impl IntoIterator<Item = Digest>, shared: &Digest) -> Digest {
        let mut hasher = Hasher::default();
        for key in claims {
            hasher.part(&key);
        }
        hasher.part(shared).finish()
    }

    /// The verdicts of an article's claims: all of them, with its sentence
    /// verdicts, if every claim's inputs and the swap pass's are as they
    /// were; otherwise the own verdicts of the claims whose inputs are.
    pub fn reuse(&self, at: &At<'_>) -> Reuse {
        let claims = &at.article.claims;
        let none = || Reuse::Some(vec![None; claims.len()]);
        let Some(stored) = entry::read::<Stored>(&self.path(at.article), LABEL) else { return none() };
        let fits = stored.claims.len() == claims.len()
            && stored.kept.verdicts.len() == claims.len()
            && stored.kept.verdicts.iter().zip(claims).all(|(v, c)| v.claim == c.id);
        if !fits {
            return none();
        }
        let base = self.base(at);
        let keys: Option<Vec<Digest>> = claims
            .iter()
            .zip(&stored.claims)
            .map(|(c, s)| Self::key(at, &base, c.id.as_str().as_bytes(), &s.reads))
            .collect();
        let Some(keys) = keys else { return none() };
        let shared = Self::key(at, &base, b"", &stored.shared);
        if shared.map(|shared| Self::whole(keys.iter().copied(), &shared)) == Some(stored.key) {
            self.reused.fetch_add(claims.len(), Ordering::Relaxed);
            self.note_key(at.article, stored.key);
            return Reuse::All(stored.kept);
        }
        let partial = keys
            .iter()
            .zip(stored.claims)
            .zip(stored.kept.verdicts)
            .map(|((key, claim), verdict)| (*key == claim.key).then(|| (claim.own.unwrap_or(verdict), claim.reads)))
            .collect();
        Reuse::Some(partial)
    }

    /// Keeps the verdicts of every claim of an article, with what each
    /// claim's check and the swap pass looked up and each claim's own
    /// verdict, and its sentence verdicts. `reused` claims are counted as
    /// taken from the cache, the others as checked.
    pub fn keep(
        &self,
        at: &At<'_>,
        (claims, shared, reused): (Vec<Checked>, Lookups, usize),
        verdicts: &[Verdict],
        sentences: &[SentenceVerdict],
    ) {
        self.reused.fetch_add(reused, Ordering::Relaxed);
        self.checked.fetch_add(claims.len() - reused, Ordering::Relaxed);
        // Verdicts made while some facts could not be read are not kept.
        if at.index.failed() {
            return;
        }
        let base = self.base(at);
        let keys: Option<Vec<Digest>> = at
            .article
            .claims
            .iter()
            .zip(&claims)
            .map(|(c, checked)| Self::key(at, &base, c.id.as_str().as_bytes(), &checked.reads))
            .collect();
        let (Some(keys), Some(shared_key)) = (keys, Self::key(at, &base, b"", &shared)) else { return };
        let key = Self::whole(keys.iter().copied(), &shared_key);
        self.note_key(at.article, key);
        let claims: Vec<StoredClaim> = keys
            .into_iter()
            .zip(claims)
            .zip(verdicts)
            .map(|((key, checked), verdict)| StoredClaim {
                key,
                reads: checked.reads,
                own: (checked.own != *verdict).then_some(checked.own),
            })
            .collect();
        let stored = Storing { key, claims: &claims, shared: &shared, verdicts, sentences };
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
