//! Snapshots already matched: which claims' records matched their
//! snapshot files, so that a test run where nothing changed does not read
//! and compare every snapshot again.
//!
//! A claim passes without its snapshot being read only when its record
//! (with the snapshot's header) has the digest it had when it last matched
//! and the snapshot file still has the stamp it had then, a stamp taken
//! only once the file was old enough for its times to prove anything
//! ([`super::key`]). Anything else reads and compares the snapshot, as
//! insta does. Nothing is skipped while an `INSTA_*` variable is set
//! (`cargo insta test` sets them, and they change what an assertion does).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::SystemTime;

use super::entry;
use super::key::{Digest, RACY, Stamp};

const LABEL: &[u8] = b"passed v2";

/// A test's name, by its digest: a run of 100k tests reads 100k keys, not
/// 100k strings. Two names alike in 256 bits do not happen.
type Name = Digest;

fn name_key(name: &str) -> Name {
    super::key::digest(name.as_bytes())
}

/// The claims whose snapshots matched, by test name.
pub struct Passed {
    file: PathBuf,
    enabled: bool,
    known: BTreeMap<Name, (Digest, Stamp)>,
    seen: Mutex<BTreeMap<Name, (Digest, Stamp)>>,
}

impl Passed {
    /// The claims that matched, as kept in `cache`.
    pub fn open(cache: &Path) -> Passed {
        Passed::open_if(cache, !std::env::vars_os().any(|(name, _)| name.to_string_lossy().starts_with("INSTA_")))
    }

    /// Nothing known, nothing kept: every snapshot is compared.
    pub fn disabled() -> Passed {
        Passed { file: PathBuf::new(), enabled: false, known: BTreeMap::new(), seen: Mutex::default() }
    }

    fn open_if(cache: &Path, enabled: bool) -> Passed {
        let file = cache.join("passed.bin");
        let known = if enabled { entry::read(&file, LABEL).unwrap_or_default() } else { BTreeMap::new() };
        Passed { file, enabled, known, seen: Mutex::default() }
    }

    /// Whether the test `name`, whose record has `digest`, matched the
    /// snapshot at `snapshot` as it is now.
    pub fn already(&self, name: &str, digest: &Digest, snapshot: &Path) -> bool {
        let Some((known, stamp)) = self.known.get(&name_key(name)) else { return false };
        // What is known already is kept as it is: nothing to note.
        known == digest && Stamp::of(snapshot).is_ok_and(|now| now == *stamp)
    }

    /// Notes that the test `name`, whose record has `digest`, matched the
    /// snapshot at `snapshot`.
    pub fn matched(&self, name: &str, digest: &Digest, snapshot: &Path) {
        let Ok(meta) = std::fs::metadata(snapshot) else { return };
        let old =
            meta.modified().ok().and_then(|m| SystemTime::now().duration_since(m).ok()).is_some_and(|age| age > RACY);
        if let (true, Ok(stamp)) = (old && self.enabled, Stamp::of(snapshot)) {
            self.seen().insert(name_key(name), (*digest, stamp));
        }
    }

    fn seen(&self) -> std::sync::MutexGuard<'_, BTreeMap<Name, (Digest, Stamp)>> {
        self.seen.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Keeps what matched in this run for the next, with what was known
    /// of the tests that did not run (a test that ran and failed is known
    /// by a record or a snapshot file it no longer has, so is compared
    /// again). When `listed` is every test there is, tests no longer listed
    /// are forgotten.
    pub fn save(&self, listed: Option<&[String]>) {
        if !self.enabled {
            return;
        }
        let seen = self.seen();
        let fresh = seen.iter().any(|(name, value)| self.known.get(name) != Some(value));
        let listed: Option<std::collections::HashSet<Name>> = listed.map(|l| l.iter().map(|n| name_key(n)).collect());
        let gone = listed.as_ref().is_some_and(|listed| self.known.keys().any(|name| !listed.contains(name)));
        if fresh || gone {
            let mut all = self.known.clone();
            all.extend(seen.iter().map(|(name, value)| (*name, value.clone())));
            if let Some(listed) = &listed {
                all.retain(|name, _| listed.contains(name));
            }
            // A cache that cannot be written only makes the next run slower.
            let _ = entry::write(&self.file, LABEL, &all);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn aged(path: &Path, text: &str) {
        std::fs::write(path, text).unwrap();
        let old = SystemTime::now() - std::time::Duration::from_secs(60);
        std::fs::File::options().write(true).open(path).unwrap().set_modified(old).unwrap();
    }

    #[test]
    fn a_match_is_remembered_only_for_the_same_record_and_the_same_snapshot_file() {
        let dir = tempfile::tempdir().unwrap();
        let snapshot = dir.path().join("claim.snap");
        aged(&snapshot, "verdict: supported\n");
        let first = Passed::open_if(dir.path(), true);
        assert!(!first.already("a::claim", &[1; 32], &snapshot), "nothing known yet");
        first.matched("a::claim", &[1; 32], &snapshot);
        first.save(None);

        let next = Passed::open_if(dir.path(), true);
        let known = next.known.len();
        assert_eq!(known, 1);
        assert!(next.already("a::claim", &[1; 32], &snapshot));
        assert!(!next.already("a::claim", &[2; 32], &snapshot), "another record");
        assert!(!next.already("a::other", &[1; 32], &snapshot), "another test");
        // A run of another test keeps what is known of this one; a listing without it forgets it.
        next.save(None);
        assert!(Passed::open_if(dir.path(), true).already("a::claim", &[1; 32], &snapshot));
        next.matched("a::other", &[3; 32], &snapshot);
        next.save(Some(&["a::other".to_owned()]));
        let later = Passed::open_if(dir.path(), true);
        assert!(!later.already("a::claim", &[1; 32], &snapshot), "no longer listed");
        assert!(later.already("a::other", &[3; 32], &snapshot));
        aged(&snapshot, "verdict: refuted!!\n");
        assert!(!later.already("a::other", &[3; 32], &snapshot), "the snapshot file changed");
    }

    #[test]
    fn a_snapshot_written_just_now_is_not_stamped() {
        let dir = tempfile::tempdir().unwrap();
        let snapshot = dir.path().join("claim.snap");
        std::fs::write(&snapshot, "verdict: supported\n").unwrap();
        let passed = Passed::open_if(dir.path(), true);
        passed.matched("a::claim", &[1; 32], &snapshot);
        passed.save(None);
        assert!(!Passed::open_if(dir.path(), true).already("a::claim", &[1; 32], &snapshot));
    }
}
