//! Where the loader takes files from: the project folder on disk, read one
//! file at a time as it is needed, or [`Files`] already in memory.
//!
//! Reading a file checks what reading can: that it lies inside the project
//! (a symlink leading out is refused), is a regular file (a named pipe, a
//! socket or a device is refused before it is opened, so nothing can make
//! loading wait forever), is not larger than
//! [`MAX_FILE_BYTES`], and is UTF-8 (a byte-order mark is dropped).
//!
//! [`each_biggest_first`] spreads work on many files across the cores.

use std::path::Path;
use std::sync::Arc;

use crate::error::Diagnostic;
use crate::yaml::Span;

use super::{ARTICLES_DIR, CLAIMS_DIR, DOCUMENTS_DIR, FACTS_DIR, Files, MAX_FILE_BYTES, SOURCES_FILE, TERMS_FILE};

/// An article's text, as far as it could be read.
pub enum ArticleText {
    /// The text.
    Text(Arc<str>),
    /// There is no file.
    Missing,
    /// There is a file, and why it could not be read is reported already.
    Unreadable,
}

/// `each` of `paths` (given each path with its size), one file per task
/// across the cores, the biggest first, the results in the paths' order;
/// `None` once one is `None`.
///
/// Split in path order, rayon hands each core a run of neighbouring files
/// and steals only whole runs: where the big files sit together, one core
/// ends up parsing them alone while the other idles (a first run over a
/// million facts parsed on one core for 7.5 of its 25 s). One file a task,
/// the biggest first, both stay busy to the end.
pub fn each_biggest_first<T: Send>(
    input: &impl Input,
    paths: &[String],
    each: impl Fn(&str, u64) -> Option<T> + Sync + Send,
) -> Option<Vec<T>> {
    use rayon::prelude::*;
    let sizes: Vec<u64> = paths.iter().map(|path| input.size(path)).collect();
    let mut order: Vec<usize> = (0..paths.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(sizes[i]));
    let mut done: Vec<(usize, T)> =
        order.into_par_iter().with_max_len(1).map(|i| Some((i, each(&paths[i], sizes[i])?))).collect::<Option<_>>()?;
    done.sort_unstable_by_key(|(i, _)| *i);
    Some(done.into_iter().map(|(_, out)| out).collect())
}

/// A project's files, wherever they are.
pub trait Input: Sync {
    /// The claims files, as sorted relative paths.
    fn claims(&self) -> Vec<String>;
    /// The facts files, as sorted relative paths.
    fn facts(&self) -> Vec<String>;
    /// The sources' full texts, as sorted relative paths.
    fn documents(&self) -> Vec<String>;
    /// A data file's text; `Ok(None)` when an optional file is absent.
    fn read(&self, path: &str) -> Result<Option<Arc<str>>, Box<Diagnostic>>;
    /// The size of a data file in bytes, or 0 if unknown; used to size
    /// buffers before the files are read.
    fn size(&self, path: &str) -> u64;
    /// The text of the article `id`, or why it could not be read.
    fn article(&self, id: &str) -> Result<ArticleText, Box<Diagnostic>>;
    /// Problems found before any file was read: a missing root or folder.
    fn problems(&self) -> Vec<Diagnostic>;
}

impl Input for Files {
    fn claims(&self) -> Vec<String> {
        self.claims.keys().cloned().collect()
    }

    fn facts(&self) -> Vec<String> {
        self.facts.keys().cloned().collect()
    }

    fn documents(&self) -> Vec<String> {
        self.documents.keys().cloned().collect()
    }

    fn read(&self, path: &str) -> Result<Option<Arc<str>>, Box<Diagnostic>> {
        let text = match path {
            SOURCES_FILE => self.sources.as_deref(),
            TERMS_FILE => self.terms.as_deref(),
            _ => [&self.claims, &self.facts, &self.documents].into_iter().find_map(|m| m.get(path)).map(String::as_str),
        };
        Ok(text.map(Arc::from))
    }

    fn size(&self, path: &str) -> u64 {
        self.claims.get(path).or_else(|| self.facts.get(path)).map_or(0, |t| t.len() as u64)
    }

    fn article(&self, id: &str) -> Result<ArticleText, Box<Diagnostic>> {
        Ok(match self.articles.get(id) {
            Some(text) => ArticleText::Text(Arc::from(text.as_str())),
            None if self.unreadable.contains(&format!("{ARTICLES_DIR}/{id}.txt")) => ArticleText::Unreadable,
            None => ArticleText::Missing,
        })
    }

    fn problems(&self) -> Vec<Diagnostic> {
        Vec::new()
    }
}

/// The project folder on disk; files are read when the loader asks.
pub struct Disk<'a> {
    root: Root<'a>,
    claims: Vec<String>,
    facts: Vec<String>,
    documents: Vec<String>,
    problems: Vec<Diagnostic>,
}

impl<'a> Disk<'a> {
    /// Lists the project under `root`.
    pub fn new(root: &'a Path) -> Disk<'a> {
        let mut problems = Vec::new();
        let canonical = root.canonicalize().ok().filter(|r| r.is_dir());
        let Some(canonical) = canonical else {
            problems.push(
                Diagnostic::file_error(".", format!("the project root `{}` is not a folder", root.display()))
                    .with_help("run from a project folder, or pass `--root DIR`"),
            );
            let root = Root { path: root, canonical: root.to_path_buf() };
            return Disk { root, claims: Vec::new(), facts: Vec::new(), documents: Vec::new(), problems };
        };
        let root = Root { path: root, canonical };
        let claims = list(&root, CLAIMS_DIR, "yaml", true, &mut problems);
        let facts = list(&root, FACTS_DIR, "yaml", false, &mut problems);
        let documents = list(&root, DOCUMENTS_DIR, "txt", false, &mut problems);
        Disk { root, claims, facts, documents, problems }
    }

    /// The project under `root`, to read files by their paths only: lists
    /// no folder, so it has no files to list and no problems to report.
    pub fn reader(root: &'a Path) -> Disk<'a> {
        let canonical = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
        let root = Root { path: root, canonical };
        Disk { root, claims: Vec::new(), facts: Vec::new(), documents: Vec::new(), problems: Vec::new() }
    }
}

impl Input for Disk<'_> {
    fn claims(&self) -> Vec<String> {
        self.claims.clone()
    }

    fn facts(&self) -> Vec<String> {
        self.facts.clone()
    }

    fn documents(&self) -> Vec<String> {
        self.documents.clone()
    }

    fn read(&self, path: &str) -> Result<Option<Arc<str>>, Box<Diagnostic>> {
        read_optional(&self.root, path).map(|text| text.map(Arc::from))
    }

    fn size(&self, path: &str) -> u64 {
        std::fs::metadata(self.root.path.join(path)).map_or(0, |m| m.len())
    }

    fn article(&self, id: &str) -> Result<ArticleText, Box<Diagnostic>> {
        let path = format!("{ARTICLES_DIR}/{id}.txt");
        Ok(match read_optional(&self.root, &path)? {
            Some(text) => ArticleText::Text(Arc::from(text)),
            None => ArticleText::Missing,
        })
    }

    fn problems(&self) -> Vec<Diagnostic> {
        self.problems.clone()
    }
}

/// Reads every data file under `root` into memory, with the problems met
/// (unreadable files, invalid UTF-8) as diagnostics.
pub fn read_files(root: &Path) -> (Files, Vec<Diagnostic>) {
    let disk = Disk::new(root);
    let mut diags = disk.problems();
    let mut files = Files::default();
    let mut keep = |path: &str, read: Result<Option<Arc<str>>, Box<Diagnostic>>| match read {
        Ok(text) => text.map(|t| t.to_string()),
        Err(d) => {
            diags.push(*d);
            files.unreadable.insert(path.to_owned());
            None
        }
    };
    for path in disk.claims() {
        if let Some(text) = keep(&path, disk.read(&path)) {
            files.claims.insert(path, text);
        }
    }
    for path in disk.facts() {
        if let Some(text) = keep(&path, disk.read(&path)) {
            files.facts.insert(path, text);
        }
    }
    for path in disk.documents() {
        if let Some(text) = keep(&path, disk.read(&path)) {
            files.documents.insert(path, text);
        }
    }
    files.sources = keep(SOURCES_FILE, disk.read(SOURCES_FILE));
    files.terms = keep(TERMS_FILE, disk.read(TERMS_FILE));
    let ids: Vec<String> = files.claims.keys().map(|path| stem(path).to_owned()).collect();
    for id in ids {
        match disk.article(&id) {
            Ok(ArticleText::Text(text)) => {
                files.articles.insert(id, text.to_string());
            }
            Ok(_) => {}
            Err(d) => {
                diags.push(*d);
                files.unreadable.insert(format!("{ARTICLES_DIR}/{id}.txt"));
            }
        }
    }
    (files, diags)
}

pub(super) fn stem(path: &str) -> &str {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.rsplit_once('.').map_or(name, |(stem, _)| stem)
}

/// The files in `dir` ending in `.ext`, sorted, as relative paths.
fn list(root: &Root, dir: &str, ext: &str, required: bool, diags: &mut Vec<Diagnostic>) -> Vec<String> {
    let entries = match std::fs::read_dir(root.path.join(dir)) {
        Ok(entries) => entries,
        Err(_) if !required && !root.path.join(dir).exists() => return Vec::new(),
        Err(e) => {
            diags.push(
                Diagnostic::file_error(dir, format!("cannot list `{dir}/`: {}", io_reason(&e)))
                    .with_help(format!("create the `{dir}/` folder")),
            );
            return Vec::new();
        }
    };
    let mut paths: Vec<String> = entries
        .filter_map(Result::ok)
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|name| name.ends_with(&format!(".{ext}")) && !name.starts_with('.'))
        .map(|name| format!("{dir}/{name}"))
        .collect();
    paths.sort();
    paths
}

/// Reads a file that may be absent: `Ok(None)` when it is.
fn read_optional(root: &Root, path: &str) -> Result<Option<String>, Box<Diagnostic>> {
    if std::fs::symlink_metadata(root.path.join(path)).is_err() {
        return Ok(None);
    }
    read(root, path).map(Some)
}

/// The project folder as given and as resolved, so every file read can be
/// checked to lie inside it.
struct Root<'a> {
    path: &'a Path,
    canonical: std::path::PathBuf,
}

/// Reads a UTF-8 text file inside the project, dropping a leading byte-order mark.
fn read(root: &Root, path: &str) -> Result<String, Box<Diagnostic>> {
    let full = root.path.join(path);
    // A symlink may point anywhere; the data must stay inside the project.
    if let Ok(resolved) = full.canonicalize()
        && !resolved.starts_with(&root.canonical)
    {
        return Err(Box::new(
            Diagnostic::file_error(path, format!("`{path}` leads outside the project folder"))
                .with_help("copy the file into the project instead of linking to it"),
        ));
    }
    match std::fs::metadata(&full) {
        Ok(meta) if meta.is_dir() => {
            return Err(Box::new(
                Diagnostic::file_error(path, format!("`{path}` is a folder, not a file"))
                    .with_help("remove or rename the folder"),
            ));
        }
        // Opening a named pipe waits for a writer, and a device may never end: only
        // regular files are read, which the metadata says without opening anything.
        Ok(meta) if !meta.is_file() => {
            let what = special_kind(&meta.file_type());
            return Err(Box::new(
                Diagnostic::file_error(path, format!("`{path}` is {what}, not a file; it was not read"))
                    .with_help("replace it with a regular file holding the data"),
            ));
        }
        Ok(meta) if meta.len() > MAX_FILE_BYTES => {
            let message =
                format!("`{path}` is {} MiB; files over {} MiB are refused", meta.len() >> 20, MAX_FILE_BYTES >> 20);
            return Err(Box::new(Diagnostic::file_error(path, message).with_help("split the data into several files")));
        }
        Ok(_) => {}
        Err(e) => {
            return Err(Box::new(
                Diagnostic::file_error(path, format!("cannot read `{path}`: {}", io_reason(&e)))
                    .with_help("check that the file exists and is readable"),
            ));
        }
    }
    let bytes = match std::fs::read(&full) {
        Ok(bytes) => bytes,
        Err(e) => {
            return Err(Box::new(
                Diagnostic::file_error(path, format!("cannot read `{path}`: {}", io_reason(&e)))
                    .with_help("check that the file is readable"),
            ));
        }
    };
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_owned()),
        Err(e) => {
            let valid = String::from_utf8_lossy(&bytes[..e.valid_up_to()]).into_owned();
            let text: Arc<str> = Arc::from(String::from_utf8_lossy(bytes).into_owned());
            let span = Span::at(&valid, valid.len());
            Err(Box::new(
                Diagnostic::error(path, &text, span, format!("`{path}` is not valid UTF-8 (byte {})", e.valid_up_to()))
                    .with_help("save the file as UTF-8"),
            ))
        }
    }
}

/// What a path that is neither a folder nor a regular file is, in words.
fn special_kind(kind: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a named pipe";
        }
        if kind.is_socket() {
            return "a socket";
        }
        if kind.is_block_device() || kind.is_char_device() {
            return "a device";
        }
    }
    let _ = kind;
    "a special file"
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "not found".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => e.to_string().to_lowercase(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_taken_biggest_first_answer_in_path_order_and_none_if_one_fails() {
        let sizes = [3, 90, 1, 40, 7, 200, 5];
        let mut files = Files::default();
        for (n, size) in sizes.iter().enumerate() {
            files.facts.insert(format!("reference/facts/{n}.yaml"), "x".repeat(*size));
        }
        let paths = files.facts();
        let lengths = each_biggest_first(&files, &paths, |_, size| Some(size));
        assert_eq!(lengths, Some(sizes.iter().map(|&s| s as u64).collect()));

        let none = each_biggest_first(&files, &paths, |_, size| (size != 200).then_some(()));
        assert_eq!(none, None);
    }
}
