//! Writing files: the one place the library writes to disk.
//!
//! [`write_atomic`] writes a report where the user asked for it, so that a
//! reader never sees half a file: the text goes to a temporary file in the
//! same folder, which is then renamed over the target. Reading the project's
//! data is [`crate::load`]'s job, not this module's.

use std::io::Write;
use std::path::Path;

use crate::error::Error;

/// Writes `contents` to `path` atomically: into a temporary file beside it,
/// then renamed over it. An existing file is replaced; the folder must exist.
///
/// On failure the temporary file is removed and the error names `path` as
/// given.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<(), Error> {
    let error = |source| Error::Write { path: path.display().to_string(), source };
    let name = path.file_name().ok_or_else(|| error(std::io::Error::other("not a file name")))?;
    // The temporary file sits in the target's own folder, because a rename
    // is only atomic within one file system.
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut temp_name = std::ffi::OsString::from(".");
    temp_name.push(name);
    temp_name.push(format!(".{}.tmp", std::process::id()));
    let temp = folder.join(temp_name);
    let written = std::fs::File::create(&temp).and_then(|mut file| {
        file.write_all(contents)?;
        file.sync_all()
    });
    match written.and_then(|()| std::fs::rename(&temp, path)) {
        Ok(()) => Ok(()),
        Err(source) => {
            // The temporary file may not exist; either way it must not stay.
            let _ = std::fs::remove_file(&temp);
            Err(error(source))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_and_replaces_leaving_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.json");
        write_atomic(&path, b"first").unwrap();
        write_atomic(&path, b"second").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "second");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, ["report.json"]);
    }

    #[test]
    fn a_missing_folder_is_a_write_error_naming_the_path() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("no-such-folder").join("report.html");
        let error = write_atomic(&path, b"x").unwrap_err();
        assert!(matches!(&error, Error::Write { path: p, .. } if p.ends_with("report.html")), "{error:?}");
        assert!(error.to_string().starts_with("cannot write `"), "{error}");
    }
}
