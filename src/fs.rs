//! Writing files so that nothing a user wrote is ever lost: every write goes
//! to a temporary file in the same folder ([`tempfile`]) and is renamed over
//! the original, and read-modify-write cycles hold an advisory lock (the
//! operating system's, through [`std::fs::File::lock`]) so concurrent writers
//! wait for each other instead of overwriting each other's work.

use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How long a writer waits for another writer's lock before giving up.
pub const LOCK_TIMEOUT: Duration = Duration::from_secs(10);

/// An empty temporary file beside `path`: hidden, in the same folder (so
/// the rename cannot cross file systems), removed when dropped unless it
/// was persisted.
fn temporary_for(path: &Path) -> io::Result<tempfile::NamedTempFile> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    tempfile::Builder::new().prefix(&format!(".{name}.")).suffix(".tmp").tempfile_in(dir)
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
    let mut file = AtomicFile::create(path)?;
    file.write_all(contents)?;
    file.commit_with(before_rename)
}

/// A file written a piece at a time that replaces `path` atomically once
/// [`AtomicFile::commit`]ted: until then the pieces go to a temporary file
/// beside it, and dropped uncommitted, the old file is untouched. For a
/// report written as it is made.
#[derive(Debug)]
pub struct AtomicFile {
    path: PathBuf,
    temporary: io::BufWriter<tempfile::NamedTempFile>,
}

impl AtomicFile {
    /// Starts the file that is to replace `path`.
    pub fn create(path: &Path) -> io::Result<AtomicFile> {
        Ok(AtomicFile { path: path.to_path_buf(), temporary: io::BufWriter::new(temporary_for(path)?) })
    }

    /// Puts what was written in place of the file, keeping its permissions.
    pub fn commit(self) -> io::Result<()> {
        self.commit_with(|_| Ok(()))
    }

    fn commit_with(self, before_rename: impl FnOnce(&Path) -> io::Result<()>) -> io::Result<()> {
        let temporary = self.temporary.into_inner().map_err(io::IntoInnerError::into_error)?;
        temporary.as_file().sync_all()?;
        if let Ok(meta) = std::fs::metadata(&self.path) {
            // Keep the original's permissions.
            std::fs::set_permissions(temporary.path(), meta.permissions())?;
        }
        before_rename(temporary.path())?;
        temporary.persist(&self.path).map(drop).map_err(|e| e.error)
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.temporary.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.temporary.flush()
    }
}

/// Creates `path` with `contents`, failing with `AlreadyExists` rather than
/// replacing a file that is there; the file appears complete or not at all.
pub fn write_new(path: &Path, contents: &[u8]) -> io::Result<()> {
    complete(path, contents)?.persist_noclobber(path).map(drop).map_err(|e| e.error)
}

/// A temporary file beside `path` holding `contents`, flushed to disk.
fn complete(path: &Path, contents: &[u8]) -> io::Result<tempfile::NamedTempFile> {
    let mut temporary = temporary_for(path)?;
    temporary.write_all(contents)?;
    temporary.as_file().sync_all()?;
    Ok(temporary)
}

/// An exclusive advisory lock on a file, held until dropped: the operating
/// system's lock on a `.<name>.lock` file beside it. The system releases it
/// when its holder exits, however it exits, so no lock is ever left stale.
#[derive(Debug)]
pub struct FileLock {
    path: PathBuf,
    file: File,
}

impl FileLock {
    /// Takes the lock on `target`, waiting up to [`LOCK_TIMEOUT`] for
    /// another holder.
    pub fn acquire(target: &Path) -> io::Result<FileLock> {
        let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let path = target.with_file_name(format!(".{name}.lock"));
        let start = Instant::now();
        let mut wait = Duration::from_millis(5);
        loop {
            if std::fs::symlink_metadata(&path).is_ok_and(|m| !m.is_file()) {
                // Opening a named pipe for writing would wait for a reader forever.
                return Err(io::Error::other(format!("`{}` is in the way: it is not a file", path.display())));
            }
            let file = File::options().create(true).truncate(false).write(true).open(&path)?;
            match file.try_lock() {
                // The holder before may have removed the file after locking it: a lock
                // on a file no longer at `path` excludes nobody, so take a fresh one.
                Ok(()) if same_file(&file, &path) => return Ok(FileLock { path, file }),
                Ok(()) => continue,
                Err(std::fs::TryLockError::WouldBlock) => {}
                Err(std::fs::TryLockError::Error(e)) => return Err(e),
            }
            if start.elapsed() > LOCK_TIMEOUT {
                return Err(io::Error::new(
                    io::ErrorKind::WouldBlock,
                    format!("`{}` is locked by another writer", path.display()),
                ));
            }
            std::thread::sleep(wait);
            wait = (wait * 2).min(Duration::from_millis(200));
        }
    }
}

/// Whether `file` is the file at `path` now.
#[cfg(unix)]
fn same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

/// Whether `file` is the file at `path` now: elsewhere the lock file is
/// never removed, so it always is.
#[cfg(not(unix))]
fn same_file(_: &File, _: &Path) -> bool {
    true
}

impl Drop for FileLock {
    fn drop(&mut self) {
        // Removed while still locked, so a waiter that then locks it sees it is gone.
        #[cfg(unix)]
        let _ = std::fs::remove_file(&self.path);
        let _ = self.file.unlock();
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
