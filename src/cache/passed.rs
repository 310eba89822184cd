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
use std::os::fd::OwnedFd;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, OnceLock};
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

/// What is known of one test: the digest of the record that matched, and
/// the stamp its snapshot file had then.
type Known = (Digest, Stamp);

/// Known tests by name key, each with whether this run looked it up.
/// Kept on disk in the key's order (as a `BTreeMap`, whose encoding is
/// that of a sorted list of pairs), looked up by hash: a run looks up
/// every test, and a hash finds a key in one or two probes where a tree of
/// 100k keys compares about seventeen.
type KnownMap = std::collections::HashMap<Name, (Known, AtomicBool), foldhash::fast::FixedState>;

/// The claims whose snapshots matched, by test name.
pub struct Passed {
    file: PathBuf,
    enabled: bool,
    known: KnownMap,
    seen: Mutex<BTreeMap<Name, Known>>,
}

/// One article's snapshot folder, shared by its claims' tests. The folder
/// is opened when a snapshot's stamp is first asked for, and each stamp is
/// then taken relative to it: the system walks one name, not the whole
/// path from the root again for each of the article's snapshots. Where
/// the folder cannot be opened, stamps are taken by path.
#[derive(Debug)]
pub struct SnapshotDir {
    path: PathBuf,
    opened: OnceLock<Option<OwnedFd>>,
}

impl SnapshotDir {
    /// The folder at `path`, not yet opened.
    pub fn new(path: PathBuf) -> SnapshotDir {
        SnapshotDir { path, opened: OnceLock::new() }
    }

    /// Where the folder is.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The stamp of the file `name` in the folder, following links as
    /// [`Stamp::of`] does.
    pub fn stamp(&self, name: &str) -> std::io::Result<Stamp> {
        use rustix::fs::{AtFlags, Mode, OFlags};
        let opened = self.opened.get_or_init(|| {
            rustix::fs::open(&self.path, OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC, Mode::empty()).ok()
        });
        match opened {
            Some(dir) => Ok(Stamp::from_stat(&rustix::fs::statat(dir, name, AtFlags::empty())?)),
            None => Stamp::of(&self.path.join(name)),
        }
    }
}

impl Passed {
    /// The claims that matched, as kept in `cache`.
    pub fn open(cache: &Path) -> Passed {
        Passed::open_if(cache, !std::env::vars_os().any(|(name, _)| name.to_string_lossy().starts_with("INSTA_")))
    }

    /// Nothing known, nothing kept: every snapshot is compared.
    pub fn disabled() -> Passed {
        Passed { file: PathBuf::new(), enabled: false, known: KnownMap::default(), seen: Mutex::default() }
    }

    fn open_if(cache: &Path, enabled: bool) -> Passed {
        let file = cache.join("passed.bin");
        let known = if enabled {
            // The kept map's encoding is that of its pairs in a list.
            let pairs: Vec<(Name, Known)> = entry::read(&file, LABEL).unwrap_or_default();
            pairs.into_iter().map(|(name, known)| (name, (known, AtomicBool::new(false)))).collect()
        } else {
            KnownMap::default()
        };
        Passed { file, enabled, known, seen: Mutex::default() }
    }

    /// Whether the test `name`, whose record has `digest`, matched its
    /// snapshot, the file `file` of `dir`, as it is now.
    pub fn already(&self, name: &str, digest: &Digest, dir: &SnapshotDir, file: &str) -> bool {
        let Some(((known, stamp), found)) = self.known.get(&name_key(name)) else { return false };
        found.store(true, Ordering::Relaxed);
        // What is known already is kept as it is: nothing to note.
        known == digest && dir.stamp(file).is_ok_and(|now| now == *stamp)
    }

    /// Notes that the test `name`, whose record has `digest`, matched its
    /// snapshot, the file `file` of `dir`.
    pub fn matched(&self, name: &str, digest: &Digest, dir: &SnapshotDir, file: &str) {
        if !self.enabled {
            return;
        }
        let Ok(stamp) = dir.stamp(file) else { return };
        if stamp.age(SystemTime::now()).is_some_and(|age| age > RACY) {
            self.seen().insert(name_key(name), (*digest, stamp));
        }
    }

    fn seen(&self) -> std::sync::MutexGuard<'_, BTreeMap<Name, Known>> {
        self.seen.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Keeps what matched in this run for the next, with what was known
    /// of the tests that did not run (a test that ran and failed is known
    /// by a record or a snapshot file it no longer has, so is compared
    /// again). After a `whole` run, one of every test there is, tests it
    /// did not look up are no longer listed, and are forgotten.
    pub fn save(&self, whole: bool) {
        if !self.enabled {
            return;
        }
        let seen = self.seen();
        let fresh = seen.iter().any(|(name, value)| self.known.get(name).is_none_or(|(known, _)| known != value));
        let kept = |(_, found): &(Known, AtomicBool)| !whole || found.load(Ordering::Relaxed);
        let gone = self.known.values().any(|value| !kept(value));
        if fresh || gone {
            let mut all: BTreeMap<Name, Known> = self
                .known
                .iter()
                .filter(|(_, value)| kept(value))
                .map(|(name, (known, _))| (*name, known.clone()))
                .collect();
            all.extend(seen.iter().map(|(name, value)| (*name, value.clone())));
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
        let snapshots = SnapshotDir::new(dir.path().to_owned());
        let already =
            |passed: &Passed, name: &str, digest: &Digest| passed.already(name, digest, &snapshots, "claim.snap");
        let first = Passed::open_if(dir.path(), true);
        assert!(!already(&first, "a::claim", &[1; 32]), "nothing known yet");
        first.matched("a::claim", &[1; 32], &snapshots, "claim.snap");
        first.save(true);

        let next = Passed::open_if(dir.path(), true);
        let known = next.known.len();
        assert_eq!(known, 1);
        assert!(already(&next, "a::claim", &[1; 32]));
        assert!(!already(&next, "a::claim", &[2; 32]), "another record");
        assert!(!already(&next, "a::other", &[1; 32]), "another test");
        // A run of other tests keeps what is known of this one; a whole run without it forgets it.
        let other = Passed::open_if(dir.path(), true);
        other.matched("a::other", &[3; 32], &snapshots, "claim.snap");
        other.save(false);
        assert!(already(&Passed::open_if(dir.path(), true), "a::claim", &[1; 32]));
        let whole = Passed::open_if(dir.path(), true);
        assert!(!already(&whole, "a::other", &[4; 32]), "another record");
        whole.save(true);
        let later = Passed::open_if(dir.path(), true);
        assert!(!already(&later, "a::claim", &[1; 32]), "no longer listed");
        assert!(already(&later, "a::other", &[3; 32]));
        aged(&snapshot, "verdict: refuted!!\n");
        assert!(!already(&later, "a::other", &[3; 32]), "the snapshot file changed");
    }

    #[test]
    fn a_snapshot_written_just_now_is_not_stamped() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("claim.snap"), "verdict: supported\n").unwrap();
        let snapshots = SnapshotDir::new(dir.path().to_owned());
        let passed = Passed::open_if(dir.path(), true);
        passed.matched("a::claim", &[1; 32], &snapshots, "claim.snap");
        passed.save(true);
        assert!(!Passed::open_if(dir.path(), true).already("a::claim", &[1; 32], &snapshots, "claim.snap"));
    }

    /// A stamp taken in the open folder is the one taken by path, so what
    /// either kept is known to the other; a link is followed, as by path.
    #[test]
    fn stamps_in_an_open_folder_are_those_taken_by_path() {
        let dir = tempfile::tempdir().unwrap();
        let (file, link) = (dir.path().join("claim.snap"), dir.path().join("linked.snap"));
        aged(&file, "verdict: supported\n");
        std::os::unix::fs::symlink(&file, &link).unwrap();
        let snapshots = SnapshotDir::new(dir.path().to_owned());
        assert_eq!(snapshots.stamp("claim.snap").unwrap(), Stamp::of(&file).unwrap());
        assert_eq!(snapshots.stamp("linked.snap").unwrap(), Stamp::of(&file).unwrap());
        // The folder stays open: a change made since is seen.
        let before = snapshots.stamp("claim.snap").unwrap();
        std::fs::write(&file, "verdict: contradicted\n").unwrap();
        assert_ne!(snapshots.stamp("claim.snap").unwrap(), before);
        assert_eq!(snapshots.stamp("claim.snap").unwrap(), Stamp::of(&file).unwrap());
        assert!(snapshots.stamp("missing.snap").is_err());
    }

    /// A folder that cannot be opened (here, a file where the folder should
    /// be) gives no stamps, so no test passes on what was known of it.
    #[test]
    fn a_folder_that_cannot_be_opened_gives_no_stamp() {
        let dir = tempfile::tempdir().unwrap();
        let not_a_folder = dir.path().join("article");
        aged(&not_a_folder, "not a folder\n");
        let snapshots = SnapshotDir::new(not_a_folder);
        assert!(snapshots.stamp("claim.snap").is_err());
        let missing = SnapshotDir::new(dir.path().join("missing"));
        assert!(missing.stamp("claim.snap").is_err());
    }

    #[test]
    fn a_stamp_knows_its_age() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("claim.snap");
        aged(&file, "verdict: supported\n");
        let stamp = Stamp::of(&file).unwrap();
        let age = stamp.age(SystemTime::now()).unwrap();
        assert!(age >= std::time::Duration::from_secs(59) && age < std::time::Duration::from_secs(3600), "{age:?}");
        assert_eq!(stamp.age(SystemTime::UNIX_EPOCH), None, "modified after the moment asked about");
    }
}
