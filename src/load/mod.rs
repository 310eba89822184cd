//! Loading a project: the only code that reads `articles/`, `claims/` and
//! `reference/`.
//!
//! Loading happens in three steps, each collecting every problem before
//! failing once: parse each YAML file ([`raw`]), convert each item into the
//! model ([`convert`]), then check what spans items and files
//! ([`validate`]). [`from_root`] reads the files; [`from_files`] takes them
//! from memory and is what unit tests call.

mod convert;
mod input;
mod lean;
mod raw;
pub mod shared;
mod validate;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use serde::de::DeserializeOwned;

use crate::cache::files::FileCache;
use crate::error::{Diagnostic, Diagnostics, Error};
use crate::model::{Choice, Project};
use crate::nearest::closest;
use crate::progress::{Progress, Quiet};
use crate::yaml::{self, Span};

pub use convert::{fields_of, headline, missing_of, required_of, slug};
pub use input::read_files;
pub use lean::Lean;

/// Where claims files live, relative to the project root.
pub const CLAIMS_DIR: &str = "claims";
/// Where article texts live.
pub const ARTICLES_DIR: &str = "articles";
/// The sources file.
pub const SOURCES_FILE: &str = "reference/sources.yaml";
/// Where facts files live.
pub const FACTS_DIR: &str = "reference/facts";
/// Where sources' full texts live, as `<source-id>.txt` (optional).
pub const DOCUMENTS_DIR: &str = "reference/documents";
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
    /// `reference/documents/*.txt`, by path.
    pub documents: BTreeMap<String, String>,
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

/// Reads and loads the project under `root`, one file at a time.
pub fn from_root(root: &Path) -> Result<Loaded, Error> {
    from_root_with(root, &Choice::default(), &Quiet)
}

/// [`from_root`] for the `articles` chosen, reporting how many bytes of
/// data are loaded. The reference data is always loaded whole; an article
/// not chosen is never read, so one broken claims file does not stop the
/// check of another article. An article named that has no claims file is
/// an error.
pub fn from_root_with(root: &Path, articles: &Choice, progress: &dyn Progress) -> Result<Loaded, Error> {
    from_root_cached(root, articles, progress, None)
}

/// [`from_root_with`], taking facts files unchanged since they were parsed
/// from `cache` and keeping those it parses there. Everything that spans
/// files is checked again whatever came from the cache.
pub fn from_root_cached(
    root: &Path,
    articles: &Choice,
    progress: &dyn Progress,
    cache: Option<&FileCache>,
) -> Result<Loaded, Error> {
    let result = finish(validate::run(&input::Disk::new(root), articles, progress, cache));
    if let Some(cache) = cache {
        cache.save();
    }
    result
}

/// [`from_root_cached`] with the facts left in the parse cache until a
/// check looks them up ([`crate::cache::lazy`]), so that a run over data
/// that barely changed decodes next to none. `None` when the data has
/// anything to report, even a warning: [`from_root_cached`] then says it.
pub fn from_root_lean(root: &Path, articles: &Choice, progress: &dyn Progress, cache: &FileCache) -> Option<Loaded> {
    let project = from_root_deferred(root, articles, progress, cache)?.into_project();
    if project.is_none() {
        cache.reset_counts();
    }
    Some(Loaded { project: project?, warnings: Diagnostics::default() })
}

/// [`from_root_lean`] with the articles' claims left in the parse cache
/// as well, to be read a batch at a time ([`crate::cache::lazy::LazyArticles`]).
pub fn from_root_deferred(root: &Path, articles: &Choice, progress: &dyn Progress, cache: &FileCache) -> Option<Lean> {
    let lean = lean::run(root, articles, progress, cache);
    match lean {
        Some(lean) => {
            cache.save();
            Some(lean)
        }
        None => {
            // The full load counts the files again.
            cache.reset_counts();
            None
        }
    }
}

/// Loads files already read, adding the problems met while reading them.
pub fn load_read(files: &Files, mut diags: Vec<Diagnostic>) -> Result<Loaded, Error> {
    let (project, more) = validate::run(files, &Choice::default(), &Quiet, None);
    diags.extend(more);
    finish((project, diags))
}

/// Loads a project from files in memory.
pub fn from_files(files: &Files) -> Result<Loaded, Error> {
    finish(validate::run(files, &Choice::default(), &Quiet, None))
}

fn finish((project, diags): (Project, Vec<Diagnostic>)) -> Result<Loaded, Error> {
    let diags = Diagnostics(diags).sorted();
    if diags.has_errors() {
        return Err(Error::Load(diags));
    }
    Ok(Loaded { project, warnings: diags })
}

/// Every file under `articles/`, `claims/` and `reference/`, as sorted
/// paths relative to `root`: what a verdict can depend on. Hidden files are
/// skipped; symlinks are followed as the loader follows them.
pub fn data_files(root: &Path) -> Vec<String> {
    data_file_sizes(root).into_iter().map(|(path, _)| path).collect()
}

/// [`data_files`], each with its size in bytes, read in the same walk.
pub fn data_file_sizes(root: &Path) -> Vec<(String, u64)> {
    fn walk(root: &Path, dir: &str, out: &mut Vec<(String, u64)>) {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else { return };
        for entry in entries.filter_map(Result::ok) {
            let Ok(name) = entry.file_name().into_string() else { continue };
            if name.starts_with('.') {
                continue;
            }
            let path = format!("{dir}/{name}");
            match std::fs::metadata(root.join(&path)) {
                Ok(meta) if meta.is_dir() => walk(root, &path, out),
                Ok(meta) if meta.is_file() => out.push((path, meta.len())),
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    for dir in [ARTICLES_DIR, CLAIMS_DIR, "reference"] {
        walk(root, dir, &mut out);
    }
    out.sort();
    out
}

/// Parses one data file (`path` relative to the root) into its raw shape
/// and nothing else, returning how many entries it holds: the floor
/// benchmarks compare loading against. Files that are not YAML count 0.
pub fn parse_only_file(path: &str, text: &str) -> usize {
    fn count<T: DeserializeOwned>(path: &str, text: &str, what: &str, len: impl Fn(&T) -> usize) -> usize {
        let mut ignored = Vec::new();
        parse::<T>(path, &Arc::from(text), what, &mut ignored).map_or(0, |parsed| len(&parsed))
    }
    match path {
        SOURCES_FILE => count(path, text, "sources", |f: &raw::SourcesFile| f.sources.len()),
        TERMS_FILE => count(path, text, "terms", |f: &raw::TermsFile| f.terms.len()),
        _ if !path.ends_with(".yaml") => 0,
        _ if path.starts_with(FACTS_DIR) => {
            // As the loader reads them: one fact at a time.
            let (mut facts, mut ignored) = (0, Vec::new());
            let text = Arc::from(text);
            parse_seed(path, &text, "facts", &mut ignored, raw::FactsStream(|_| facts += 1)).map_or(0, |()| facts)
        }
        _ if path.starts_with(CLAIMS_DIR) => count(path, text, "claims", |f: &raw::ClaimsFile| f.claims.value.len()),
        _ => 0,
    }
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

/// Parses one YAML file into its raw shape, or records why not.
fn parse<T: DeserializeOwned>(path: &str, text: &Arc<str>, what: &str, diags: &mut Vec<Diagnostic>) -> Option<T> {
    parse_seed(path, text, what, diags, std::marker::PhantomData::<T>)
}

/// [`parse`] through a seed, which may hand the file on piece by piece.
fn parse_seed<'de, S: serde::de::DeserializeSeed<'de>>(
    path: &str,
    text: &'de Arc<str>,
    what: &str,
    diags: &mut Vec<Diagnostic>,
    seed: S,
) -> Option<S::Value> {
    if yaml::is_blank(text) {
        diags.push(
            Diagnostic::error(path, text, Span::at(text, 0), format!("`{path}` holds no data"))
                .with_help(format!("a {what} file starts with {}", top_key(what))),
        );
        return None;
    }
    match yaml::from_str_seed(text, seed) {
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
pub(crate) fn yaml_help(error: &yaml::YamlError, what: &str) -> Option<String> {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// What reading `text` as a facts file gives: the facts read, or the
    /// problems, whole or one fact at a time.
    fn both_ways(text: &str) -> (Option<usize>, Vec<Diagnostic>, Option<usize>, Vec<Diagnostic>) {
        let text: Arc<str> = Arc::from(text);
        let path = "reference/facts/a.yaml";
        let (mut whole, mut streamed) = (Vec::new(), Vec::new());
        let all = parse::<raw::FactsFile>(path, &text, "facts", &mut whole).map(|f| f.facts.len());
        let mut read = 0;
        let each = parse_seed(path, &text, "facts", &mut streamed, raw::FactsStream(|_| read += 1)).map(|()| read);
        (all, whole, each, streamed)
    }

    #[test]
    fn facts_read_one_at_a_time_are_read_and_refused_as_the_whole_file_is() {
        let fact = "  - id: a\n    subject: s\n    measure: m\n    value: 1\n    sources: [x]\n";
        let cases = [
            format!("facts:\n{fact}{}", fact.replace("id: a", "id: b")),
            "facts: []\n".to_owned(),
            "facts:\n".to_owned(),
            "facts: 3\n".to_owned(),
            "fatcs: []\n".to_owned(),
            format!("facts:\n{fact}extra: 1\n"),
            "other: 1\n".to_owned(),
            "- - id: a\n".to_owned(),
            "[]\n".to_owned(),
            "just text\n".to_owned(),
            "\n".to_owned(),
            format!("facts:\n{fact}  - id: b\n    subjcet: s\n"),
            format!("facts:\n{fact}  - id: [b\n"),
            format!("facts:\n{fact}facts: []\n"),
        ];
        for case in &cases {
            let (all, whole, each, streamed) = both_ways(case);
            assert_eq!(all, each, "{case:?}");
            let shown = |d: &[Diagnostic]| d.iter().map(|d| (d.span, d.message.clone())).collect::<Vec<_>>();
            assert_eq!(shown(&whole), shown(&streamed), "{case:?}");
        }
        assert_eq!(both_ways(&cases[0]).2, Some(2));
        for refused in [3, 4, 5, 6, 7, 9, 11, 12, 13] {
            let (_, whole, each, streamed) = both_ways(&cases[refused]);
            assert!(each.is_none() && !streamed.is_empty() && !whole.is_empty(), "{:?}", cases[refused]);
        }
    }

    #[test]
    #[allow(clippy::single_range_in_vec_init, reason = "lists of places, not of numbers")]
    fn claims_and_drafts_come_in_reading_order_with_their_places() {
        let claim = |id: &str, text: &str, draft: bool| {
            let draft = if draft { "    draft: true\n" } else { "    expect: opinion\n" };
            format!("  - id: {id}\n    text: {text}\n    kind: opinion\n{draft}")
        };
        let claims = [
            claim("fall", "Fares will fall", false),
            claim("buses", "Buses run late", true),
            claim("rose", "Fares rose", false),
            claim("ferries", "Ferries run", true),
        ]
        .concat();
        let mut files = Files { sources: Some("sources: []\n".to_owned()), ..Files::default() };
        files.claims.insert(
            "claims/fares.yaml".to_owned(),
            format!("article:\n  id: fares\n  publisher: P\n  url: https://example.org/f\n  published: 2024-06-05\nclaims:\n{claims}"),
        );
        files
            .articles
            .insert("fares".to_owned(), "Ferries run. Fares rose. Buses run late. Fares will fall.".to_owned());
        let loaded = from_files(&files).unwrap();
        let article = &loaded.project.articles[0];
        let ids: Vec<&str> = article.claims.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["rose", "fall"], "not by id");
        let drafts: Vec<&str> = article.drafts.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(drafts, ["ferries", "buses"], "not by id");
        assert_eq!(article.places, [vec![13..23], vec![41..56]]);
    }
}
