//! Loading a project: the only code that reads `articles/`, `claims/` and
//! `reference/`.
//!
//! Loading happens in three steps, each collecting every problem before
//! failing once: parse each YAML file ([`raw`]), convert each item into the
//! model ([`convert`]), then check what spans items and files
//! ([`validate`]). [`from_root`] reads the files; [`from_files`] takes them
//! from memory and is what unit tests call.

mod convert;
mod raw;
mod validate;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use serde::de::DeserializeOwned;

use crate::error::{Diagnostic, Diagnostics, Error};
use crate::model::{ArticleClaims, Project, Reference};
use crate::nearest::closest;
use crate::yaml::{self, Span};

pub use convert::{fields_of, slug};

/// Where claims files live, relative to the project root.
pub const CLAIMS_DIR: &str = "claims";
/// Where article texts live.
pub const ARTICLES_DIR: &str = "articles";
/// The sources file.
pub const SOURCES_FILE: &str = "reference/sources.yaml";
/// Where facts files live.
pub const FACTS_DIR: &str = "reference/facts";
/// The vocabulary file (optional).
pub const TERMS_FILE: &str = "reference/terms.yaml";

/// Files larger than this are refused before parsing: no hand-written data
/// file comes near it, and reading one whole would cost memory for nothing.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// A project's files in memory, by path relative to the root.
#[derive(Clone, Debug, Default)]
pub struct Files {
    /// `claims/*.yaml`, by path.
    pub claims: BTreeMap<String, String>,
    /// `articles/*.txt`, by article id.
    pub articles: BTreeMap<String, String>,
    /// `reference/sources.yaml`, if present.
    pub sources: Option<String>,
    /// `reference/facts/*.yaml`, by path.
    pub facts: BTreeMap<String, String>,
    /// `reference/terms.yaml`, if present.
    pub terms: Option<String>,
    /// Files that exist but could not be read; their problem is reported
    /// already, so nothing else complains that they are missing.
    pub unreadable: std::collections::BTreeSet<String>,
}

/// A loaded project and the warnings found on the way.
#[derive(Clone, Debug)]
pub struct Loaded {
    /// The project.
    pub project: Project,
    /// Problems that do not stop the data being used.
    pub warnings: Diagnostics,
}

/// Reads and loads the project under `root`.
pub fn from_root(root: &Path) -> Result<Loaded, Error> {
    let (files, diags) = read_files(root);
    load_read(&files, diags)
}

/// Loads files already read, adding the problems met while reading them.
pub fn load_read(files: &Files, mut diags: Vec<Diagnostic>) -> Result<Loaded, Error> {
    match from_files(files) {
        Ok(loaded) if diags.is_empty() => Ok(loaded),
        Ok(loaded) => {
            diags.extend(loaded.warnings.0);
            Err(Error::Load(Diagnostics(diags).sorted()))
        }
        Err(Error::Load(more)) => {
            diags.extend(more.0);
            Err(Error::Load(Diagnostics(diags).sorted()))
        }
        Err(other) => Err(other),
    }
}

/// Loads a project from files in memory.
pub fn from_files(files: &Files) -> Result<Loaded, Error> {
    let mut diags = Vec::new();
    let inputs = validate::Inputs::parse(files, &mut diags);
    validate::check(&inputs, &mut diags);
    let diags = Diagnostics(diags).sorted();
    if diags.has_errors() {
        return Err(Error::Load(diags));
    }
    Ok(Loaded { project: inputs.into_project(), warnings: diags })
}

/// Parses every file into its raw shape and nothing else, returning how many
/// entries there are: the floor benchmarks compare loading against.
pub fn parse_only(files: &Files) -> usize {
    let mut diags = Vec::new();
    let text = |t: &str| Arc::<str>::from(t);
    let mut count = 0;
    if let Some(sources) = &files.sources {
        count += parse::<raw::SourcesFile>(SOURCES_FILE, &text(sources), "sources", &mut diags).map_or(0, |f| f.sources.len());
    }
    for (path, facts) in &files.facts {
        count += parse::<raw::FactsFile>(path, &text(facts), "facts", &mut diags).map_or(0, |f| f.facts.len());
    }
    for (path, claims) in &files.claims {
        count += parse::<raw::ClaimsFile>(path, &text(claims), "claims", &mut diags).map_or(0, |f| f.claims.value.len());
    }
    count
}

/// Loads a single claims file's text on its own, for unit tests of claims
/// without reference data.
pub fn from_str(path: &str, claims: &str, article: &str) -> Result<Loaded, Error> {
    let stem = path.rsplit('/').next().unwrap_or(path).trim_end_matches(".yaml");
    let files = Files {
        claims: BTreeMap::from([(path.to_owned(), claims.to_owned())]),
        articles: BTreeMap::from([(stem.to_owned(), article.to_owned())]),
        sources: Some("sources: []\n".to_owned()),
        ..Files::default()
    };
    from_files(&files)
}

/// Reads every data file under `root` into memory, with the problems met
/// (unreadable files, invalid UTF-8) as diagnostics.
pub fn read_files(root: &Path) -> (Files, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut files = Files::default();
    let canonical = root.canonicalize().ok().filter(|r| r.is_dir());
    let Some(canonical) = canonical else {
        diags.push(
            Diagnostic::file_error(".", format!("the project root `{}` is not a folder", root.display()))
                .with_help("run from a project folder, or pass `--root DIR`"),
        );
        return (files, diags);
    };
    let root = &Root { path: root, canonical };
    for path in list(root, CLAIMS_DIR, "yaml", true, &mut diags) {
        if let Some(text) = read(root, &path, &mut diags) {
            let id = stem(&path).to_owned();
            let article_path = format!("{ARTICLES_DIR}/{id}.txt");
            match read_optional(root, &article_path, &mut diags) {
                Some(article) => {
                    files.articles.insert(id, article);
                }
                None if std::fs::symlink_metadata(root.path.join(&article_path)).is_ok() => {
                    files.unreadable.insert(article_path);
                }
                None => {}
            }
            files.claims.insert(path, text);
        }
    }
    files.sources = read_optional(root, SOURCES_FILE, &mut diags);
    if files.sources.is_none() && !root.path.join(SOURCES_FILE).exists() {
        diags.push(
            Diagnostic::file_error(SOURCES_FILE, "there is no sources file")
                .with_help("create `reference/sources.yaml` holding `sources: []`"),
        );
    }
    for path in list(root, FACTS_DIR, "yaml", false, &mut diags) {
        if let Some(text) = read(root, &path, &mut diags) {
            files.facts.insert(path, text);
        }
    }
    files.terms = read_optional(root, TERMS_FILE, &mut diags);
    (files, diags)
}

fn stem(path: &str) -> &str {
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

fn read_optional(root: &Root, path: &str, diags: &mut Vec<Diagnostic>) -> Option<String> {
    if std::fs::symlink_metadata(root.path.join(path)).is_err() {
        return None;
    }
    read(root, path, diags)
}

/// The project folder as given and as resolved, so every file read can be
/// checked to lie inside it.
struct Root<'a> {
    path: &'a Path,
    canonical: std::path::PathBuf,
}

/// Reads a UTF-8 text file inside the project, dropping a leading byte-order mark.
fn read(root: &Root, path: &str, diags: &mut Vec<Diagnostic>) -> Option<String> {
    let full = root.path.join(path);
    let fail = |diags: &mut Vec<Diagnostic>, d: Diagnostic| {
        diags.push(d);
        None
    };
    // A symlink may point anywhere; the data must stay inside the project.
    if let Ok(resolved) = full.canonicalize()
        && !resolved.starts_with(&root.canonical)
    {
        return fail(
            diags,
            Diagnostic::file_error(path, format!("`{path}` leads outside the project folder"))
                .with_help("copy the file into the project instead of linking to it"),
        );
    }
    match std::fs::metadata(&full) {
        Ok(meta) if meta.is_dir() => {
            return fail(
                diags,
                Diagnostic::file_error(path, format!("`{path}` is a folder, not a file"))
                    .with_help("remove or rename the folder"),
            );
        }
        Ok(meta) if meta.len() > MAX_FILE_BYTES => {
            let message =
                format!("`{path}` is {} MiB; files over {} MiB are refused", meta.len() >> 20, MAX_FILE_BYTES >> 20);
            return fail(diags, Diagnostic::file_error(path, message).with_help("split the data into several files"));
        }
        Ok(_) => {}
        Err(e) => {
            return fail(
                diags,
                Diagnostic::file_error(path, format!("cannot read `{path}`: {}", io_reason(&e)))
                    .with_help("check that the file exists and is readable"),
            );
        }
    }
    let bytes = match std::fs::read(&full) {
        Ok(bytes) => bytes,
        Err(e) => {
            return fail(
                diags,
                Diagnostic::file_error(path, format!("cannot read `{path}`: {}", io_reason(&e)))
                    .with_help("check that the file is readable"),
            );
        }
    };
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Some(text.to_owned()),
        Err(e) => {
            let valid = String::from_utf8_lossy(&bytes[..e.valid_up_to()]).into_owned();
            let text: Arc<str> = Arc::from(String::from_utf8_lossy(bytes).into_owned());
            let span = Span::at(&valid, valid.len());
            fail(
                diags,
                Diagnostic::error(path, &text, span, format!("`{path}` is not valid UTF-8 (byte {})", e.valid_up_to()))
                    .with_help("save the file as UTF-8"),
            )
        }
    }
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "not found".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => e.to_string().to_lowercase(),
    }
}

/// Parses one YAML file into its raw shape, or records why not.
fn parse<T: DeserializeOwned>(path: &str, text: &Arc<str>, what: &str, diags: &mut Vec<Diagnostic>) -> Option<T> {
    if yaml::is_blank(text) {
        diags.push(
            Diagnostic::error(path, text, Span::at(text, 0), format!("`{path}` holds no data"))
                .with_help(format!("a {what} file starts with {}", top_key(what))),
        );
        return None;
    }
    match yaml::from_str::<T>(text) {
        Ok(value) => Some(value),
        Err(e) => {
            let help = yaml_help(&e, what);
            diags.push(Diagnostic::error(path, text, e.span, e.message).with_help_opt(help));
            None
        }
    }
}

fn top_key(what: &str) -> &'static str {
    match what {
        "claims" => "`article:` and `claims:`",
        "sources" => "`sources:`",
        "facts" => "`facts:`",
        _ => "`terms:`",
    }
}

/// One hint for a parser error: the nearest field name, or how to write it.
fn yaml_help(error: &yaml::YamlError, what: &str) -> Option<String> {
    let message = error.message.as_str();
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let field = rest.split('`').next()?;
        return Some(match closest(field, error.expected.iter().map(String::as_str)) {
            Some(near) => format!("did you mean `{near}`?"),
            None => format!("the fields here are: {}", error.expected.join(", ")),
        });
    }
    let help = |text: &str| Some(text.to_owned());
    match message {
        m if m.starts_with("missing field `") => Some(format!("add `{}:` to this entry", m.split('`').nth(1)?)),
        m if m.starts_with("duplicate key") => help("a key may appear once per mapping; remove or rename one of them"),
        m if m.contains("tab") => help("indent with spaces, not tabs"),
        "expected a number here" => help("write numbers plainly, without quotes or thousands separators: `2500`"),
        "expected text here" => {
            help("write the text; quote it if it starts with `[`, `{`, `!`, `&` or `*`, or contains `: ` or ` #`")
        }
        "expected a list here" => help("write a list: one `- ` entry per line, or `[a, b]`"),
        "a value is required here, not null" => {
            help("write the value; quote it (`\"~\"`, `\"null\"`) if that is the text meant")
        }
        "this file holds more than one YAML document" => help("keep one document per file: remove the `---` separator"),
        "mapping values are not allowed in this context" => {
            help("check the indentation: keys of one mapping start in the same column, and text with `: ` needs quotes")
        }
        "illegal placement of ':' indicator" => help("a `[` or `{` above is not closed; close it on its own line"),
        "unclosed quote" => help("close the quotation mark; for long text use a block scalar (`|` or `>`)"),
        m if m.contains("too large or too deeply nested") => {
            Some(format!("a {what} file needs neither deep nesting nor aliases; write the values out"))
        }
        m if m.contains("tag") => help("remove the `!` tag: factcheck reads plain YAML only"),
        m if m.starts_with("invalid type") => help("check the value's type against docs/format.md"),
        _ => None,
    }
}

/// Keeps the reference data reachable as one value once loaded.
impl validate::Inputs {
    fn into_project(self) -> Project {
        let mut articles: Vec<ArticleClaims> = self.claims.into_iter().filter_map(|c| c.into_article()).collect();
        articles.sort_by(|a, b| a.article.id.cmp(&b.article.id));
        let mut sources: Vec<_> = self.sources.into_iter().flat_map(|s| s.items.into_iter().map(|(_, v)| v)).collect();
        sources.sort_by(|a, b| a.id.cmp(&b.id));
        let mut facts: Vec<_> = self.facts.into_iter().flat_map(|f| f.items.into_iter().map(|(_, v)| v)).collect();
        facts.sort_by(|a, b| a.id.cmp(&b.id));
        let mut definitions: Vec<_> =
            self.terms.into_iter().flat_map(|t| t.items.into_iter().map(|(_, v)| v)).collect();
        definitions.sort_by(|a, b| a.term.cmp(&b.term));
        Project { articles, reference: Reference { sources, facts, definitions } }
    }
}
