//! Writing files so that nothing a user wrote is ever lost: every write goes
//! to a temporary file in the same folder and is renamed over the original,
//! and read-modify-write cycles hold a lock file so concurrent writers wait
//! for each other instead of overwriting each other's work.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

/// How long a writer waits for another writer's lock before giving up.
pub const LOCK_TIMEOUT: Duration = Duration::from_secs(10);

/// A lock older than this is left over from a crashed writer and is taken over.
const STALE_LOCK: Duration = Duration::from_secs(60);

/// The temporary file a write to `path` goes through: hidden, in the same
/// folder (so the rename cannot cross file systems), unique per process.
fn temporary_for(path: &Path) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    path.with_file_name(format!(".{name}.{}.tmp", std::process::id()))
}

/// Writes `contents` to `path` atomically: readers see the old file or the
/// new one, never a mix, and a failure leaves the old file untouched.
pub fn write_atomic(path: &Path, contents: &[u8]) -> io::Result<()> {
    write_atomic_with(path, contents, |_| Ok(()))
}

/// [`write_atomic`] with a hook that runs after the temporary file is
/// complete and before the rename; an error from the hook aborts the write.
/// Tests use it to interrupt a write at the worst moment.
pub fn write_atomic_with(
    path: &Path,
    contents: &[u8],
    before_rename: impl FnOnce(&Path) -> io::Result<()>,
) -> io::Result<()> {
    finish(path, contents, |temporary| {
        if let Ok(meta) = std::fs::metadata(path) {
            // Keep the original's permissions.
            std::fs::set_permissions(temporary, meta.permissions())?;
        }
        before_rename(temporary)?;
        std::fs::rename(temporary, path)
    })
}

/// Creates `path` with `contents`, failing with `AlreadyExists` rather than
/// replacing a file that is there; the file appears complete or not at all.
pub fn write_new(path: &Path, contents: &[u8]) -> io::Result<()> {
    // A hard link, unlike a rename, never replaces an existing file.
    finish(path, contents, |temporary| std::fs::hard_link(temporary, path))
}

/// Writes `contents` to a temporary file beside `path`, hands it to
/// `install`, and removes whatever temporary file is left.
fn finish(path: &Path, contents: &[u8], install: impl FnOnce(&Path) -> io::Result<()>) -> io::Result<()> {
    let temporary = temporary_for(path);
    let result = (|| {
        let mut file = File::create(&temporary)?;
        file.write_all(contents)?;
        file.sync_all()?;
        install(&temporary)
    })();
    let _ = std::fs::remove_file(&temporary);
    result
}

/// An exclusive lock on a file, held until dropped: a `.<name>.lock` file
/// beside it, created only if absent.
#[derive(Debug)]
pub struct FileLock {
    path: PathBuf,
}

impl FileLock {
    /// Takes the lock on `target`, waiting up to [`LOCK_TIMEOUT`] for another
    /// holder, and taking over a lock left by a writer that died long ago.
    pub fn acquire(target: &Path) -> io::Result<FileLock> {
        let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let path = target.with_file_name(format!(".{name}.lock"));
        let start = Instant::now();
        let mut wait = Duration::from_millis(5);
        loop {
            match OpenOptions::new().write(true).create_new(true).open(&path) {
                Ok(mut file) => {
                    let _ = writeln!(file, "{}", std::process::id());
                    return Ok(FileLock { path });
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                    if is_stale(&path) {
                        let _ = std::fs::remove_file(&path);
                        continue;
                    }
                    if start.elapsed() > LOCK_TIMEOUT {
                        return Err(io::Error::new(
                            io::ErrorKind::WouldBlock,
                            format!(
                                "`{}` is locked by another writer; remove it if no factcheck is running",
                                path.display()
                            ),
                        ));
                    }
                    std::thread::sleep(wait);
                    wait = (wait * 2).min(Duration::from_millis(200));
                }
                Err(e) => return Err(e),
            }
        }
    }
}

fn is_stale(lock: &Path) -> bool {
    let modified = std::fs::metadata(lock).and_then(|m| m.modified());
    modified.ok().and_then(|m| SystemTime::now().duration_since(m).ok()).is_some_and(|age| age > STALE_LOCK)
}

impl Drop for FileLock {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_write_interrupted_before_the_rename_leaves_the_original() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("claims.yaml");
        std::fs::write(&path, "original # with a comment\n").unwrap();
        let interrupted = write_atomic_with(&path, b"new contents\n", |temporary| {
            // The new contents are complete on disk, next to the original.
            assert_eq!(std::fs::read(temporary).unwrap(), b"new contents\n");
            Err(io::Error::other("interrupted"))
        });
        assert!(interrupted.is_err());
        assert_eq!(std::fs::read(&path).unwrap(), b"original # with a comment\n");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(leftovers, ["claims.yaml"]);
    }

    #[test]
    fn a_write_replaces_the_whole_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("facts.yaml");
        std::fs::write(&path, "a much longer original text\n").unwrap();
        write_atomic(&path, b"short\n").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"short\n");
    }

    #[test]
    fn new_files_never_replace_existing_ones() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("article.txt");
        write_new(&path, b"first").unwrap();
        let again = write_new(&path, b"second").unwrap_err();
        assert_eq!(again.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read(&path).unwrap(), b"first");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn locks_exclude_each_other_and_release_on_drop() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("claims.yaml");
        let first = FileLock::acquire(&target).unwrap();
        let lock_file = dir.path().join(".claims.yaml.lock");
        assert!(lock_file.exists());
        let waiter = std::thread::spawn({
            let target = target.clone();
            move || FileLock::acquire(&target).map(|_| Instant::now())
        });
        std::thread::sleep(Duration::from_millis(50));
        let released = Instant::now();
        drop(first);
        let acquired = waiter.join().unwrap().unwrap();
        assert!(acquired >= released, "the second writer waited for the first");
        assert!(!lock_file.exists());
    }
}
