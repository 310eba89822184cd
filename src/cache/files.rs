//! The parse cache: each facts file's facts, parsed, converted and checked
//! on their own, kept under a key made of the program's identity, the
//! file's path and the digest of its content.
//!
//! A run takes a facts file's facts from here when its stamp proves it
//! unchanged, or when its content hashes to a key already kept, and parses
//! it otherwise. What spans files (fact ids unique across files, every
//! citation naming a source, claims about subjects some fact knows) is
//! checked on the combined model every run, whatever came from here; a
//! cached file citing a source that is gone is parsed again, so the error
//! points at the line. A file with any problem, even a warning, is not
//! kept, so its problems are reported again on the next run.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::model::Fact;

use super::entry;
use super::key::{Digest, Hasher, Stamp, Stamps, digest, hex};

/// The label of a facts file's entry.
const FACTS: &[u8] = b"facts v1";

/// The parse cache of one project, as one program sees it.
pub struct FileCache {
    dir: PathBuf,
    program: Digest,
    stamps: Stamps,
    parsed: AtomicUsize,
    cached: AtomicUsize,
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
            dir: cache.join("files"),
            program: digest(program.as_bytes()),
            stamps: Stamps::open(cache, root),
            parsed: AtomicUsize::new(0),
            cached: AtomicUsize::new(0),
        }
    }

    fn entry_path(&self, path: &str, content: &Digest) -> PathBuf {
        let key = Hasher::default().part(&self.program).part(path.as_bytes()).part(content).finish();
        self.dir.join(format!("{}.bin", hex(&key)))
    }

    /// The facts of `path` if its stamp proves it unchanged since it was
    /// hashed and a sound entry is kept for that content; the file's stamp
    /// in any case.
    pub fn facts_unread(&self, path: &str) -> (Option<Stamp>, Option<Vec<Fact>>) {
        let (stamp, known) = self.stamps.trusted(path);
        (stamp, known.and_then(|content| entry::read(&self.entry_path(path, &content), FACTS)))
    }

    /// The digest of `text`, read from `path` when it had `stamp`, and the
    /// facts kept for that content, if any.
    pub fn facts_of_text(&self, path: &str, stamp: Option<Stamp>, text: &str) -> (Digest, Option<Vec<Fact>>) {
        let content = digest(text.as_bytes());
        self.stamps.record(path, stamp, content);
        (content, entry::read(&self.entry_path(path, &content), FACTS))
    }

    /// Keeps the facts parsed from `path`'s content `content`.
    pub fn store_facts(&self, path: &str, content: &Digest, facts: &Vec<Fact>) {
        // A cache that cannot be written only makes the next run slower.
        let _ = entry::write(&self.entry_path(path, content), FACTS, facts);
    }

    /// The stamps and digests of the project's files.
    pub fn stamps(&self) -> &Stamps {
        &self.stamps
    }

    /// Counts a file parsed.
    pub fn parsed(&self) {
        self.parsed.fetch_add(1, Ordering::Relaxed);
    }

    /// Counts a file taken from the cache.
    pub fn cached(&self) {
        self.cached.fetch_add(1, Ordering::Relaxed);
    }

    /// How many files were parsed and how many came from the cache.
    pub fn counts(&self) -> FileCounts {
        FileCounts { parsed: self.parsed.load(Ordering::Relaxed), cached: self.cached.load(Ordering::Relaxed) }
    }

    /// Keeps this run's stamps for the next run.
    pub fn save(&self) {
        self.stamps.save();
    }
}
