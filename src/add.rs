//! Authoring: creating an article and adding claims, sources and facts.
//!
//! A new entry is rendered as YAML text and appended to its list in the
//! file's text ([`crate::yaml::append_to_sequence`]), so comments, order and
//! formatting of everything else stay as they were. Before anything is
//! written, the whole project is loaded again with the new text, which runs
//! every validation the loader knows; only then is the file replaced,
//! atomically, while holding a lock so concurrent `add`s both land.

use std::collections::BTreeSet;
use std::path::Path;

use crate::entry::Given;
use crate::error::{Diagnostics, Error};
use crate::fs::{FileLock, write_atomic};
use crate::load::{self, ARTICLES_DIR, CLAIMS_DIR, FACTS_DIR, Files, Loaded, SOURCES_FILE, TERMS_FILE};
use crate::model::{ClaimId, ClaimKind, Project};
use crate::yaml::{append_to_sequence_at, scalar};

/// The first line of each kind of data file: where editors find its schema.
pub fn schema_line(file: DataFile) -> String {
    let (up, name) = match file {
        DataFile::Claims => ("../", "claims"),
        DataFile::Sources => ("../", "sources"),
        DataFile::Facts => ("../../", "facts"),
        DataFile::Terms => ("../", "terms"),
    };
    format!("# yaml-language-server: $schema={up}schema/{name}.schema.json")
}

/// The kinds of data file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DataFile {
    /// `claims/<article-id>.yaml`
    Claims,
    /// `reference/sources.yaml`
    Sources,
    /// `reference/facts/*.yaml`
    Facts,
    /// `reference/terms.yaml`
    Terms,
}

/// A value in a new entry.
#[derive(Clone, Debug, PartialEq)]
enum Value {
    Text(String),
    Number(f64),
    Bool(bool),
    List(Vec<String>),
    Map(Vec<(&'static str, Value)>),
}

/// A new entry's fields, in the order they are written.
#[derive(Clone, Debug, Default, PartialEq)]
struct Entry(Vec<(&'static str, Value)>);

impl Entry {
    fn text(&mut self, key: &'static str, value: Option<&str>) -> &mut Self {
        if let Some(v) = value {
            self.0.push((key, Value::Text(v.to_owned())));
        }
        self
    }

    fn number(&mut self, key: &'static str, value: Option<f64>) -> &mut Self {
        if let Some(v) = value {
            self.0.push((key, Value::Number(v)));
        }
        self
    }

    fn flag(&mut self, key: &'static str, value: bool) -> &mut Self {
        if value {
            self.0.push((key, Value::Bool(true)));
        }
        self
    }

    fn list(&mut self, key: &'static str, values: &[String]) -> &mut Self {
        if !values.is_empty() {
            self.0.push((key, Value::List(values.to_vec())));
        }
        self
    }

    /// The entry as the lines of a block mapping.
    fn lines(&self) -> Vec<String> {
        self.0.iter().map(|(key, value)| format!("{key}: {}", render(value))).collect()
    }
}

fn render(value: &Value) -> String {
    match value {
        Value::Text(t) => scalar(t),
        Value::Number(n) => crate::check::number(*n),
        Value::Bool(b) => b.to_string(),
        Value::List(items) => format!("[{}]", items.iter().map(|i| scalar(i)).collect::<Vec<_>>().join(", ")),
        Value::Map(fields) => {
            format!("{{{}}}", fields.iter().map(|(k, v)| format!("{k}: {}", render(v))).collect::<Vec<_>>().join(", "))
        }
    }
}

/// Words left out of generated ids: they make ids longer, not clearer.
const STOPWORDS: [&str; 24] = [
    "a", "an", "the", "of", "in", "on", "to", "for", "and", "or", "that", "this", "with", "by", "at", "from", "as",
    "is", "was", "were", "be", "has", "have", "its",
];

/// A short, readable id made from `text`, unique among `taken`: its first
/// five meaningful words, then `-2`, `-3` … if needed.
pub fn generate_id(text: &str, taken: &BTreeSet<String>) -> String {
    let slug = load::slug(text);
    let words: Vec<&str> = slug.split('-').filter(|w| !w.is_empty() && !STOPWORDS.contains(w)).collect();
    let mut id = String::new();
    for word in words.iter().take(5) {
        if !id.is_empty() && id.len() + word.len() + 1 > 48 {
            break;
        }
        if !id.is_empty() {
            id.push('-');
        }
        id.push_str(word);
    }
    if id.is_empty() {
        id.push_str("claim");
    }
    if !taken.contains(&id) {
        return id;
    }
    (2..).map(|n| format!("{id}-{n}")).find(|candidate| !taken.contains(candidate)).unwrap_or(id)
}

/// An entry being filled in: which required fields are still missing, and
/// how to fill one from typed text (when `add` asks on a terminal).
pub trait Draft {
    /// The required fields still missing, most basic first.
    fn missing(&self) -> Vec<&'static str>;
    /// Fills one field from typed text.
    fn set(&mut self, field: &str, answer: &str) -> Result<(), Error>;
}

/// Everything `add claim` can be told; `None` means not given.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ClaimInput {
    /// `--id`; generated from the text when absent.
    pub id: Option<String>,
    /// `--text`
    pub text: Option<String>,
    /// `--kind`
    pub kind: Option<String>,
    /// `--subject`
    pub subject: Option<String>,
    /// `--measure`
    pub measure: Option<String>,
    /// `--value`
    pub value: Option<f64>,
    /// `--unit`
    pub unit: Option<String>,
    /// `--qualifier`
    pub qualifier: Option<String>,
    /// `--tolerance-absolute`
    pub tolerance_absolute: Option<f64>,
    /// `--tolerance-relative`
    pub tolerance_relative: Option<f64>,
    /// `--event`
    pub event: Option<String>,
    /// `--date`
    pub date: Option<String>,
    /// `--relative-to`
    pub relative_to: Option<String>,
    /// `--speaker`
    pub speaker: Option<String>,
    /// `--words`
    pub words: Option<String>,
    /// `--predicate`
    pub predicate: Option<String>,
    /// `--object`
    pub object: Option<String>,
    /// `--organisation`: where the title (`object`) of a role is held.
    pub organisation: Option<String>,
    /// `--source`, repeated.
    pub sources: Vec<String>,
    /// `--expect`
    pub expect: Option<String>,
    /// `--severity`
    pub severity: Option<String>,
    /// `--note`
    pub note: Option<String>,
    /// `--period`: the period a statistical figure is for.
    pub period: Option<String>,
    /// `--scale`: `thousand`, `million`, `billion`, `trillion`.
    pub scale: Option<String>,
    /// `--signed`: the value may be below zero.
    pub signed: bool,
    /// `--part`, repeated: the subjects a figure is computed from.
    pub parts: Vec<String>,
    /// `--aggregate`: `sum` or `mean`.
    pub aggregate: Option<String>,
    /// `--base-subject`: what a ratio, share or comparison is taken against.
    pub base_subject: Option<String>,
    /// `--base-measure`
    pub base_measure: Option<String>,
    /// `--base-period`: the earlier period of a change, or the period compared with.
    pub base_period: Option<String>,
    /// `--direction`: `rose`, `fell`, `unchanged`, `edged-up`, `edged-down`, `little-changed`.
    pub direction: Option<String>,
    /// `--among`, repeated: the breakdown a rank is within.
    pub among: Vec<String>,
    /// `--rank`: the claimed place, from 1.
    pub rank: Option<u32>,
    /// `--order`: `highest` (default) or `lowest`.
    pub order: Option<String>,
    /// `--record`: `highest`, `lowest`, `first-rise`, `first-fall`.
    pub record: Option<String>,
    /// `--since`: the period a record runs from.
    pub since: Option<String>,
    /// `--figure`: `level`, `change`, `percent-change`, `points-change`.
    pub figure: Option<String>,
    /// `--relation`: `greater`, `less`, `equal`.
    pub relation: Option<String>,
}

/// The fields a claim of `kind` cannot do without (besides `text` and `kind`).
pub fn required_fields(kind: ClaimKind) -> &'static [&'static str] {
    load::required_of(kind)
}

/// The kind named `name`, if it is one.
pub fn kind_named(name: &str) -> Option<ClaimKind> {
    ClaimKind::ALL.into_iter().find(|k| k.name() == name)
}

impl ClaimInput {
    fn has(&self, field: &str) -> bool {
        match field {
            "text" => self.text.is_some(),
            "kind" => self.kind.is_some(),
            "subject" => self.subject.is_some(),
            "measure" => self.measure.is_some(),
            "value" => self.value.is_some(),
            "unit" => self.unit.is_some(),
            "event" => self.event.is_some(),
            "date" => self.date.is_some(),
            "speaker" => self.speaker.is_some(),
            "words" => self.words.is_some(),
            "predicate" => self.predicate.is_some(),
            "object" => self.object.is_some(),
            "period" => self.period.is_some(),
            "base_subject" => self.base_subject.is_some(),
            "among" => !self.among.is_empty(),
            "rank" => self.rank.is_some(),
            "record" => self.record.is_some(),
            "relation" => self.relation.is_some(),
            _ => true,
        }
    }

    /// The claim as the lines of a YAML block mapping, as `add` writes it.
    pub fn lines(&self, id: &str) -> Vec<String> {
        self.entry(id).lines()
    }

    fn entry(&self, id: &str) -> Entry {
        let mut e = Entry::default();
        e.text("id", Some(id)).text("text", self.text.as_deref()).text("kind", self.kind.as_deref());
        e.text("subject", self.subject.as_deref())
            .text("event", self.event.as_deref())
            .text("speaker", self.speaker.as_deref())
            .text("measure", self.measure.as_deref())
            .text("predicate", self.predicate.as_deref())
            .number("value", self.value)
            .text("unit", self.unit.as_deref())
            .text("object", self.object.as_deref())
            .text("organisation", self.organisation.as_deref())
            .text("words", self.words.as_deref())
            .text("date", self.date.as_deref())
            .text("relative_to", self.relative_to.as_deref())
            .text("qualifier", self.qualifier.as_deref())
            .text("period", self.period.as_deref())
            .text("scale", self.scale.as_deref())
            .flag("signed", self.signed)
            .list("parts", &self.parts)
            .text("aggregate", self.aggregate.as_deref())
            .text("base_subject", self.base_subject.as_deref())
            .text("base_measure", self.base_measure.as_deref())
            .text("base_period", self.base_period.as_deref())
            .text("direction", self.direction.as_deref())
            .list("among", &self.among)
            .number("rank", self.rank.map(f64::from))
            .text("order", self.order.as_deref())
            .text("record", self.record.as_deref())
            .text("since", self.since.as_deref())
            .text("figure", self.figure.as_deref())
            .text("relation", self.relation.as_deref());
        let tolerance: Vec<(&'static str, Value)> =
            [("absolute", self.tolerance_absolute), ("relative", self.tolerance_relative)]
                .into_iter()
                .filter_map(|(k, v)| v.map(|v| (k, Value::Number(v))))
                .collect();
        if !tolerance.is_empty() {
            e.0.push(("tolerance", Value::Map(tolerance)));
        }
        e.list("sources", &self.sources)
            .text("expect", self.expect.as_deref())
            .text("severity", self.severity.as_deref())
            .text("note", self.note.as_deref());
        e
    }
}

impl Draft for ClaimInput {
    /// `text` and `kind` first, then what the kind needs. An unknown kind
    /// needs nothing more here; validation names it. A quote's words are
    /// taken from its text when not given.
    fn missing(&self) -> Vec<&'static str> {
        let mut missing: Vec<&'static str> = ["text", "kind"].into_iter().filter(|f| !self.has(f)).collect();
        if let Some(kind) = self.kind.as_deref().and_then(kind_named) {
            let from_text = |f: &&&str| kind == ClaimKind::Quote && **f == "words" && self.text.is_some();
            missing.extend(required_fields(kind).iter().filter(|f| !self.has(f) && !from_text(f)));
        }
        missing
    }

    fn set(&mut self, field: &str, answer: &str) -> Result<(), Error> {
        let text = Some(answer.trim().to_owned());
        match field {
            "text" => self.text = text,
            "kind" => self.kind = text,
            "subject" => self.subject = text,
            "measure" => self.measure = text,
            "unit" => self.unit = text,
            "event" => self.event = text,
            "date" => self.date = text,
            "speaker" => self.speaker = text,
            "words" => self.words = text,
            "predicate" => self.predicate = text,
            "object" => self.object = text,
            "period" => self.period = text,
            "base_subject" => self.base_subject = text,
            "record" => self.record = text,
            "relation" => self.relation = text,
            "among" => self.among = answer.split([',', ' ']).filter(|s| !s.is_empty()).map(str::to_owned).collect(),
            "rank" => {
                let rank =
                    answer.trim().parse::<u32>().map_err(|_| Error::Usage(format!("`{answer}` is not a rank")))?;
                self.rank = Some(rank);
            }
            "value" => {
                let value =
                    answer.trim().parse::<f64>().map_err(|_| Error::Usage(format!("`{answer}` is not a number")))?;
                self.value = Some(value);
            }
            other => return Err(Error::Usage(format!("`{other}` cannot be asked for"))),
        }
        Ok(())
    }
}

/// What an `add` wrote.
#[derive(Debug)]
pub struct Added {
    /// The file changed, relative to the project root.
    pub path: String,
    /// Its text before.
    pub before: String,
    /// Its text after.
    pub after: String,
    /// The new entry's id.
    pub id: String,
    /// The project as it is now.
    pub loaded: Loaded,
    /// Existing claims whose text overlaps the new claim's.
    pub overlaps: Vec<ClaimId>,
    /// Why the entry went to that file, when the command chose the file.
    pub why: Option<String>,
}

/// The project as it is, refusing to build on data that does not load.
pub(crate) fn current(root: &Path) -> Result<(Files, Loaded), Error> {
    let (files, diags) = load::read_files(root);
    let loaded = load::load_read(&files, diags)?;
    Ok((files, loaded))
}

/// Whether a command writes its change or only shows it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Mode {
    /// Validate, then write (the default).
    #[default]
    Write,
    /// Validate, and write nothing: `--dry-run`.
    DryRun,
}

/// Writes `candidate` as the new text of `path` if the project still loads
/// with it; otherwise returns every problem, located in the candidate (or
/// by `locate`, in the input the change came from). Nothing is written in
/// [`Mode::DryRun`].
pub(crate) fn commit(
    root: &Path,
    files: &mut Files,
    path: &str,
    candidate: String,
    mode: Mode,
    locate: impl FnOnce(Diagnostics) -> Diagnostics,
) -> Result<Loaded, Error> {
    let loaded = check_candidate(files, path, candidate.clone()).map_err(|e| match e {
        Error::Refused(diags) => Error::Refused(locate(diags)),
        other => other,
    })?;
    if mode == Mode::Write {
        write_atomic(&root.join(path), candidate.as_bytes())
            .map_err(|source| Error::Write { path: path.to_owned(), source })?;
    }
    Ok(loaded)
}

/// The project loaded with `candidate` as the text of `path`, or every
/// problem that text brings, located in it.
pub(crate) fn check_candidate(files: &mut Files, path: &str, candidate: String) -> Result<Loaded, Error> {
    set_file(files, path, candidate);
    load::from_files(files).map_err(|e| match e {
        Error::Load(diags) => Error::Refused(only_errors(diags)),
        other => other,
    })
}

fn only_errors(diags: Diagnostics) -> Diagnostics {
    Diagnostics(diags.0.into_iter().filter(|d| d.level == crate::error::Level::Error).collect())
}

pub(crate) fn set_file(files: &mut Files, path: &str, text: String) {
    if path == SOURCES_FILE {
        files.sources = Some(text);
    } else if path == TERMS_FILE {
        files.terms = Some(text);
    } else if path.starts_with(&format!("{FACTS_DIR}/")) {
        files.facts.insert(path.to_owned(), text);
    } else {
        files.claims.insert(path.to_owned(), text);
    }
}

pub(crate) fn file_text<'a>(files: &'a Files, path: &str) -> Option<&'a str> {
    if path == SOURCES_FILE {
        files.sources.as_deref()
    } else if path == TERMS_FILE {
        files.terms.as_deref()
    } else if path.starts_with(&format!("{FACTS_DIR}/")) {
        files.facts.get(path).map(String::as_str)
    } else {
        files.claims.get(path).map(String::as_str)
    }
}

pub(crate) fn lock(root: &Path, path: &str) -> Result<FileLock, Error> {
    FileLock::acquire(&root.join(path)).map_err(|source| Error::Write { path: path.to_owned(), source })
}

/// A new entry: its lines, and the YAML input they were written from, if
/// any, with the input field each line comes from.
struct NewEntry<'a> {
    lines: Vec<String>,
    given: Option<(&'a Given, Vec<usize>)>,
}

impl<'a> NewEntry<'a> {
    fn from_lines(lines: Vec<String>) -> Self {
        NewEntry { lines, given: None }
    }

    fn from_given(given: &'a Given, file: DataFile) -> Self {
        let (lines, owners) = given.lines(file).into_iter().unzip();
        NewEntry { lines, given: Some((given, owners)) }
    }
}

/// Appends `entry` to the list under `key` in `path` and writes it if the
/// project still loads.
fn append(
    root: &Path,
    path: &str,
    key: &str,
    entry: &NewEntry<'_>,
    files: &mut Files,
    mode: Mode,
) -> Result<(String, String, Loaded), Error> {
    let before = file_text(files, path).ok_or_else(|| Error::Usage(format!("there is no `{path}`")))?.to_owned();
    let (after, first) =
        append_to_sequence_at(&before, key, &entry.lines).map_err(|e| Error::Usage(format!("{path}: {e}")))?;
    let locate = |diags: Diagnostics| match &entry.given {
        Some((given, owners)) => given.locate(diags, path, first, owners),
        None => diags,
    };
    let loaded = commit(root, files, path, after.clone(), mode, locate)?;
    Ok((before, after, loaded))
}

/// Adds a claim to `claims/<article>.yaml`, from flags or from YAML a
/// script gave (`--from-yaml`); an id left out is made from the text.
pub fn claim(
    root: &Path,
    article: &str,
    input: &ClaimInput,
    given: Option<&Given>,
    mode: Mode,
) -> Result<Added, Error> {
    let path = format!("{CLAIMS_DIR}/{article}.yaml");
    if !root.join(&path).is_file() {
        return Err(Error::Usage(format!("there is no `{path}`; create the article with `factcheck new {article}`")));
    }
    let _lock = lock(root, &path)?;
    let (mut files, loaded) = current(root)?;
    let existing = loaded.project.articles.iter().find(|a| a.article.id.as_str() == article);
    let taken: BTreeSet<String> = existing.iter().flat_map(|a| a.claims.iter().map(|c| c.id.to_string())).collect();
    let with_id;
    let (entry, id, text) = match given {
        Some(given) => {
            let text = given.text("text").unwrap_or_default().to_owned();
            with_id = given.with_id("id", || generate_id(&text, &taken));
            (NewEntry::from_given(&with_id, DataFile::Claims), with_id.text("id").unwrap_or_default().to_owned(), text)
        }
        None => {
            let text = input.text.as_deref().unwrap_or_default();
            let id = input.id.clone().unwrap_or_else(|| generate_id(text, &taken));
            let mut input = input.clone();
            if input.kind.as_deref() == Some("quote") && input.words.is_none() {
                let article_text = existing.map_or("", |a| a.text.as_str());
                let words = quoted_words(article_text, text).ok_or_else(|| {
                    Error::Usage("the text holds no words in quotation marks; give them with --words".to_owned())
                })?;
                input.words = Some(words);
            }
            (NewEntry::from_lines(input.entry(&id).lines()), id, text.to_owned())
        }
    };
    let (before, after, loaded) = append(root, &path, "claims", &entry, &mut files, mode)?;
    let text = if text.is_empty() { new_claim_text(&loaded.project, article, &id).unwrap_or_default() } else { text };
    let overlaps = existing
        .map(|a| overlapping(&a.text, &text, a.claims.iter().map(|c| (&c.id, c.text.as_str()))))
        .unwrap_or_default();
    Ok(Added { path, before, after, id, loaded, overlaps, why: None })
}

/// The words of `text` that stand inside quotation marks, as the article
/// prints them: a quotation is read in the whole article, so one running
/// over paragraphs or closed with `’’` is found, and only its part inside
/// `text` is taken. Pieces of one quotation are joined by a space.
pub fn quoted_words(article: &str, text: &str) -> Option<String> {
    let located = crate::locate::Text::new(article);
    let (source, range) = match located.find(text) {
        Some(range) => (article, range),
        None => (text, 0..text.len()),
    };
    let pieces: Vec<&str> = crate::text::quotation::quoted_ranges(source)
        .into_iter()
        .map(|r| r.start.max(range.start)..r.end.min(range.end))
        .filter(|r| r.start < r.end)
        .map(|r| source[r].trim())
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .collect();
    (!pieces.is_empty()).then(|| pieces.join(" "))
}

fn new_claim_text(project: &Project, article: &str, id: &str) -> Option<String> {
    let article = project.articles.iter().find(|a| a.article.id.as_str() == article)?;
    article.claims.iter().find(|c| c.id.as_str() == id).map(|c| c.text.clone())
}

/// The claims whose words overlap `text`'s in `article` by position: where
/// each first stands in the article ([`crate::locate`]), the two ranges
/// share at least one character. Sharing words is not enough: the same
/// words in another sentence are another claim.
pub fn overlapping<'a>(
    article: &str,
    text: &str,
    claims: impl Iterator<Item = (&'a ClaimId, &'a str)>,
) -> Vec<ClaimId> {
    let article = crate::locate::Text::new(article);
    let Some(new) = article.find(text) else { return Vec::new() };
    claims
        .filter(|(_, other)| article.find(other).is_some_and(|old| old.start < new.end && new.start < old.end))
        .map(|(id, _)| id.clone())
        .collect()
}

/// Everything `add source` can be told.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SourceInput {
    /// `--id`; made from the publisher and date when absent.
    pub id: Option<String>,
    /// `--publisher`
    pub publisher: Option<String>,
    /// `--original-publisher`
    pub original_publisher: Option<String>,
    /// `--title`
    pub title: Option<String>,
    /// `--url`
    pub url: Option<String>,
    /// `--also-at`, repeated.
    pub also_at: Vec<String>,
    /// `--published`: a date, a range, or `unknown`.
    pub published: Option<String>,
    /// `--date-inferred`
    pub date_inferred: bool,
    /// `--kind`
    pub kind: Option<String>,
    /// `--note`
    pub note: Option<String>,
    /// `--excerpt`, repeated: verbatim passages.
    pub excerpts: Vec<String>,
    /// `--speaker`: whose prose the excerpts are; by default the (original)
    /// publisher. Once for every excerpt, or once per excerpt, in order.
    pub speakers: Vec<String>,
    /// `--quoting`: whose words stand inside the excerpts' quotation marks.
    /// Once for every excerpt, or once per excerpt, in order (`-` for none).
    pub quoting: Vec<String>,
    /// `--excerpt-cut-short`: the stored copy ends where the last excerpt ends.
    pub excerpt_cut_short: bool,
    /// `--cut-short`: its full text stops where the stored copy stopped.
    pub cut_short: bool,
    /// `--translation`: it is a translation.
    pub translation: bool,
    /// `--not-independent-of`, repeated: articles it is not independent of.
    pub not_independent_of: Vec<String>,
}

impl Draft for SourceInput {
    fn missing(&self) -> Vec<&'static str> {
        [
            ("publisher", self.publisher.is_none()),
            ("title", self.title.is_none()),
            ("url", self.url.is_none()),
            ("published", self.published.is_none()),
            ("kind", self.kind.is_none()),
        ]
        .into_iter()
        .filter_map(|(f, missing)| missing.then_some(f))
        .collect()
    }

    fn set(&mut self, field: &str, answer: &str) -> Result<(), Error> {
        let text = Some(answer.trim().to_owned());
        match field {
            "publisher" => self.publisher = text,
            "title" => self.title = text,
            "url" => self.url = text,
            "published" => self.published = text,
            "kind" => self.kind = text,
            other => return Err(Error::Usage(format!("`{other}` cannot be asked for"))),
        }
        Ok(())
    }
}

impl SourceInput {
    fn default_id(&self) -> String {
        let who = self.original_publisher.as_deref().or(self.publisher.as_deref()).unwrap_or("source");
        let when = match self.published.as_deref() {
            None | Some("unknown") => "undated".to_owned(),
            Some(date) => load::slug(date.split('/').next().unwrap_or(date)),
        };
        format!("{}-{when}", load::slug(who))
    }

    fn entry(&self, id: &str) -> Entry {
        let mut e = Entry::default();
        e.text("id", Some(id))
            .text("publisher", self.publisher.as_deref())
            .text("original_publisher", self.original_publisher.as_deref())
            .text("title", self.title.as_deref())
            .text("url", self.url.as_deref())
            .list("also_at", &self.also_at)
            .text("published", self.published.as_deref())
            .flag("date_inferred", self.date_inferred)
            .text("kind", self.kind.as_deref())
            .text("note", self.note.as_deref())
            .flag("cut_short", self.cut_short)
            .flag("translation", self.translation)
            .list("not_independent_of", &self.not_independent_of);
        e
    }

    /// The source as the lines of a YAML block mapping, as `add` writes it.
    /// Refuses `--speaker` or `--quoting` given neither once nor once per excerpt.
    pub fn lines(&self, id: &str) -> Result<Vec<String>, Error> {
        let mut lines = self.entry(id).lines();
        let voices = self.excerpt_voices()?;
        if !self.excerpts.is_empty() {
            lines.push("excerpts:".to_owned());
        }
        let last = self.excerpts.len();
        for (n, (excerpt, (speaker, quoting))) in self.excerpts.iter().zip(voices).enumerate() {
            let cut = self.excerpt_cut_short && n + 1 == last;
            lines.extend(excerpt_lines(excerpt, &speaker, quoting.as_deref(), cut));
        }
        Ok(lines)
    }

    /// Each excerpt's speaker and quoted party: `--speaker` and `--quoting`
    /// given once apply to every excerpt, given once per excerpt apply to
    /// each in order (`--quoting -` for an excerpt that quotes nobody).
    pub fn excerpt_voices(&self) -> Result<Vec<(String, Option<String>)>, Error> {
        let outlet = load::slug(self.original_publisher.as_deref().or(self.publisher.as_deref()).unwrap_or("source"));
        let n = self.excerpts.len();
        let per_excerpt = |values: &[String], flag: &str| -> Result<Vec<Option<String>>, Error> {
            match values.len() {
                0 => Ok(vec![None; n]),
                1 => Ok(vec![Some(values[0].clone()); n]),
                m if m == n => Ok(values.iter().cloned().map(Some).collect()),
                m => Err(Error::Usage(format!(
                    "{} and {}: give {flag} once for every excerpt, or once per --excerpt, in order",
                    crate::error::plural(n, "excerpt"),
                    crate::error::plural(m, flag),
                ))),
            }
        };
        let speakers = per_excerpt(&self.speakers, "--speaker")?;
        let quoting = per_excerpt(&self.quoting, "--quoting")?;
        Ok(speakers
            .into_iter()
            .zip(quoting)
            .map(|(speaker, quoting)| {
                (speaker.unwrap_or_else(|| outlet.clone()), quoting.filter(|q| q != "-" && !q.is_empty()))
            })
            .collect())
    }
}

/// One excerpt as the lines of an item of a source's `excerpts:` list.
pub fn excerpt_lines(text: &str, speaker: &str, quoting: Option<&str>, cut_short: bool) -> Vec<String> {
    let mut lines = vec![format!("  - text: {}", scalar(text)), format!("    speaker: {}", scalar(speaker))];
    if let Some(quoting) = quoting {
        lines.push(format!("    quoting: {}", scalar(quoting)));
    }
    if cut_short {
        lines.push("    cut_short: true".to_owned());
    }
    lines
}

/// Adds a source to `reference/sources.yaml`, from flags or from YAML a
/// script gave; an id left out is made from the publisher and date.
pub fn source(root: &Path, input: &SourceInput, given: Option<&Given>, mode: Mode) -> Result<Added, Error> {
    let _lock = lock(root, SOURCES_FILE)?;
    let (mut files, loaded) = current(root)?;
    let taken: BTreeSet<String> = loaded.project.reference.sources.iter().map(|s| s.id.to_string()).collect();
    let with_id;
    let (entry, id) = match given {
        Some(given) => {
            let named = SourceInput {
                publisher: given.text("publisher").map(str::to_owned),
                original_publisher: given.text("original_publisher").map(str::to_owned),
                published: given.text("published").map(str::to_owned),
                ..SourceInput::default()
            };
            with_id = given.with_id("id", || unique(named.default_id(), &taken));
            (NewEntry::from_given(&with_id, DataFile::Sources), with_id.text("id").unwrap_or_default().to_owned())
        }
        None => {
            let id = input.id.clone().unwrap_or_else(|| unique(input.default_id(), &taken));
            (NewEntry::from_lines(input.lines(&id)?), id)
        }
    };
    let (before, after, loaded) = append(root, SOURCES_FILE, "sources", &entry, &mut files, mode)?;
    Ok(Added { path: SOURCES_FILE.to_owned(), before, after, id, loaded, overlaps: Vec::new(), why: None })
}

/// `id`, or `id-2`, `id-3` … whichever `taken` does not hold yet.
pub(crate) fn unique(id: String, taken: &BTreeSet<String>) -> String {
    if !taken.contains(&id) {
        return id;
    }
    (2..).map(|n| format!("{id}-{n}")).find(|c| !taken.contains(c)).unwrap_or(id)
}

/// Everything `add fact` can be told.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FactInput {
    /// `--id`; made from the subject and measure or predicate when absent.
    pub id: Option<String>,
    /// `--subject`
    pub subject: Option<String>,
    /// `--measure`
    pub measure: Option<String>,
    /// `--predicate`
    pub predicate: Option<String>,
    /// `--value`
    pub value: Option<f64>,
    /// `--unit`
    pub unit: Option<String>,
    /// `--qualifier`
    pub qualifier: Option<String>,
    /// `--date`
    pub date: Option<String>,
    /// `--object`
    pub object: Option<String>,
    /// `--organisation`: where the title (`object`) of a role is held.
    pub organisation: Option<String>,
    /// `--unsettled`
    pub unsettled: bool,
    /// `--valid-from`
    pub valid_from: Option<String>,
    /// `--valid-to`
    pub valid_to: Option<String>,
    /// `--as-of`
    pub as_of: Option<String>,
    /// `--forecast`
    pub forecast: bool,
    /// `--source`, repeated.
    pub sources: Vec<String>,
    /// `--note`
    pub note: Option<String>,
    /// `--file`: the facts file to add to, in `reference/facts/`.
    pub file: Option<String>,
    /// `--period`: the period the figure covers.
    pub period: Option<String>,
    /// `--published`: when this vintage of the figure was published.
    pub published: Option<String>,
    /// `--scale`: `thousand`, `million`, `billion`, `trillion`.
    pub scale: Option<String>,
    /// `--signed`: the value may be below zero.
    pub signed: bool,
    /// `--record`: the source states the period's figure is a record.
    pub record: Option<String>,
    /// `--since`: the period that record runs from.
    pub since: Option<String>,
}

impl Draft for FactInput {
    fn missing(&self) -> Vec<&'static str> {
        let mut missing = Vec::new();
        if self.subject.is_none() {
            missing.push("subject");
        }
        if self.measure.is_none() && self.predicate.is_none() {
            missing.push("measure");
        }
        if self.sources.is_empty() {
            missing.push("source");
        }
        missing
    }

    fn set(&mut self, field: &str, answer: &str) -> Result<(), Error> {
        let text = Some(answer.trim().to_owned());
        match field {
            "subject" => self.subject = text,
            "measure" => self.measure = text,
            "source" => self.sources = answer.split([',', ' ']).filter(|s| !s.is_empty()).map(str::to_owned).collect(),
            other => return Err(Error::Usage(format!("`{other}` cannot be asked for"))),
        }
        Ok(())
    }
}

impl FactInput {
    /// The fact as the lines of a YAML block mapping, as `add` writes it.
    pub fn lines(&self, id: &str) -> Vec<String> {
        self.entry(id).lines()
    }

    fn entry(&self, id: &str) -> Entry {
        let mut e = Entry::default();
        e.text("id", Some(id))
            .text("subject", self.subject.as_deref())
            .text("measure", self.measure.as_deref())
            .text("predicate", self.predicate.as_deref())
            .number("value", self.value)
            .text("unit", self.unit.as_deref())
            .text("qualifier", self.qualifier.as_deref())
            .text("scale", self.scale.as_deref())
            .flag("signed", self.signed)
            .text("object", self.object.as_deref())
            .text("organisation", self.organisation.as_deref())
            .text("date", self.date.as_deref())
            .text("record", self.record.as_deref())
            .text("since", self.since.as_deref())
            .flag("unsettled", self.unsettled)
            .text("period", self.period.as_deref())
            .text("published", self.published.as_deref())
            .text("valid_from", self.valid_from.as_deref())
            .text("valid_to", self.valid_to.as_deref())
            .text("as_of", self.as_of.as_deref())
            .flag("forecast", self.forecast)
            .list("sources", &self.sources)
            .text("note", self.note.as_deref());
        e
    }
}

/// The facts file a new fact goes to, and why: the one named, else the one
/// holding most facts about the same subject, else a new file named after it.
fn facts_file(files: &Files, input: &FactInput, subject: &str) -> (String, String) {
    if let Some(name) = &input.file {
        let name = name.trim_start_matches(&format!("{FACTS_DIR}/"));
        let name = if name.ends_with(".yaml") { name.to_owned() } else { format!("{name}.yaml") };
        return (format!("{FACTS_DIR}/{name}"), "the file named by --file".to_owned());
    }
    let needle = format!("subject: {subject}\n");
    let most = files
        .facts
        .iter()
        .map(|(path, text)| (text.matches(&needle).count(), path))
        .filter(|(n, _)| *n > 0)
        .max_by(|a, b| a.0.cmp(&b.0).then_with(|| b.1.cmp(a.1)));
    match most {
        Some((n, path)) => (
            path.clone(),
            format!("the file holding most facts about `{subject}`: {}", crate::error::plural(n, "fact")),
        ),
        None => (
            format!("{FACTS_DIR}/{}.yaml", load::slug(subject)),
            format!("no facts file holds a fact about `{subject}` yet; --file names another"),
        ),
    }
}

/// Adds a fact to a file in `reference/facts/`, creating the file if
/// needed, from flags or from YAML a script gave; an id left out is made
/// from the subject and measure or predicate.
pub fn fact(root: &Path, input: &FactInput, given: Option<&Given>, mode: Mode) -> Result<Added, Error> {
    let field = |key: &str| given.and_then(|g| g.text(key)).map(str::to_owned);
    let subject = match given {
        Some(_) => field("subject").unwrap_or_default(),
        None => input.subject.clone().unwrap_or_default(),
    };
    let (files, _) = load::read_files(root);
    let (path, why) = facts_file(&files, input, &subject);
    if mode == Mode::Write {
        std::fs::create_dir_all(root.join(FACTS_DIR))
            .map_err(|source| Error::Write { path: FACTS_DIR.to_owned(), source })?;
    }
    let _lock = if mode == Mode::Write { Some(lock(root, &path)?) } else { None };
    let (mut files, loaded) = current(root)?;
    // A new file is written only with its first fact, once the project loads with it.
    let create = !files.facts.contains_key(&path);
    if create {
        files.facts.insert(path.clone(), format!("{}\nfacts: []\n", schema_line(DataFile::Facts)));
    }
    let taken: BTreeSet<String> = loaded.project.reference.facts.iter().map(|f| f.id.to_string()).collect();
    let made_id = |measure: Option<&str>, predicate: Option<&str>| {
        let property = measure.or(predicate).unwrap_or("fact");
        unique(load::slug(&format!("{subject} {property}")), &taken)
    };
    let with_id;
    let (entry, id) = match given {
        Some(given) => {
            with_id = given.with_id("id", || made_id(given.text("measure"), given.text("predicate")));
            (NewEntry::from_given(&with_id, DataFile::Facts), with_id.text("id").unwrap_or_default().to_owned())
        }
        None => {
            let id = input.id.clone().unwrap_or_else(|| made_id(input.measure.as_deref(), input.predicate.as_deref()));
            (NewEntry::from_lines(input.entry(&id).lines()), id)
        }
    };
    let (before, after, loaded) = append(root, &path, "facts", &entry, &mut files, mode)?;
    let before = if create { String::new() } else { before };
    Ok(Added { path, before, after, id, loaded, overlaps: Vec::new(), why: Some(why) })
}

/// Everything `add term` can be told.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TermInput {
    /// `--term`: the term defined.
    pub term: Option<String>,
    /// `--label`: how reports name it.
    pub label: Option<String>,
    /// `--broader`, repeated: terms that include it.
    pub broader: Vec<String>,
}

impl Draft for TermInput {
    fn missing(&self) -> Vec<&'static str> {
        if self.term.is_none() { vec!["term"] } else { Vec::new() }
    }

    fn set(&mut self, field: &str, answer: &str) -> Result<(), Error> {
        match field {
            "term" => self.term = Some(answer.trim().to_owned()),
            other => return Err(Error::Usage(format!("`{other}` cannot be asked for"))),
        }
        Ok(())
    }
}

impl TermInput {
    /// The term as the lines of a YAML block mapping, as `add` writes it.
    pub fn lines(&self) -> Vec<String> {
        let mut e = Entry::default();
        e.text("term", self.term.as_deref()).text("label", self.label.as_deref()).list("broader", &self.broader);
        e.lines()
    }
}

/// Adds a term to `reference/terms.yaml`, creating the file if needed,
/// from flags or from YAML a script gave.
pub fn term(root: &Path, input: &TermInput, given: Option<&Given>, mode: Mode) -> Result<Added, Error> {
    let _lock = if mode == Mode::Write { Some(lock(root, TERMS_FILE)?) } else { None };
    let (mut files, _) = current(root)?;
    // A new file is written only with its first term, once the project loads with it.
    let create = files.terms.is_none();
    if create {
        files.terms = Some(format!("{}\nterms: []\n", schema_line(DataFile::Terms)));
    }
    let (entry, id) = match given {
        Some(given) => {
            (NewEntry::from_given(given, DataFile::Terms), given.text("term").unwrap_or_default().to_owned())
        }
        None => (NewEntry::from_lines(input.lines()), input.term.clone().unwrap_or_default()),
    };
    let (before, after, loaded) = append(root, TERMS_FILE, "terms", &entry, &mut files, mode)?;
    let before = if create { String::new() } else { before };
    Ok(Added { path: TERMS_FILE.to_owned(), before, after, id, loaded, overlaps: Vec::new(), why: None })
}

/// What `new` is told about an article.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NewArticle {
    /// The article's id: names its files.
    pub id: String,
    /// Its full text, copied verbatim.
    pub text: String,
    /// Its headline, if known.
    pub title: Option<String>,
    /// Who published it.
    pub publisher: String,
    /// Where.
    pub url: String,
    /// When: a date or a range.
    pub published: String,
    /// Anything a reader of the verdicts should know about it.
    pub note: Option<String>,
}

/// What `new` created.
#[derive(Debug)]
pub struct Created {
    /// The files written (in [`Mode::DryRun`], that would be), relative to
    /// the project root.
    pub paths: Vec<String>,
    /// Their texts, in the same order.
    pub texts: Vec<String>,
}

impl NewArticle {
    /// The fields of the claims file's `article:` block, as lines (not indented).
    pub fn article_lines(&self) -> Vec<String> {
        let mut e = Entry::default();
        e.text("id", Some(&self.id))
            .text("title", self.title.as_deref())
            .text("publisher", Some(&self.publisher))
            .text("url", Some(&self.url))
            .text("published", Some(&self.published))
            .text("note", self.note.as_deref());
        e.lines()
    }

    fn claims_file(&self) -> String {
        let article: Vec<String> = self.article_lines().into_iter().map(|l| format!("  {l}")).collect();
        format!("{}\narticle:\n{}\nclaims: []\n", schema_line(DataFile::Claims), article.join("\n"))
    }
}

/// Creates `articles/<id>.txt` and `claims/<id>.yaml` (and, in an empty
/// folder, the reference files and schemas), refusing to overwrite anything.
/// In [`Mode::DryRun`], only says what it would create.
pub fn new_article(root: &Path, new: &NewArticle, mode: Mode) -> Result<Created, Error> {
    let article_path = format!("{ARTICLES_DIR}/{}.txt", new.id);
    let claims_path = format!("{CLAIMS_DIR}/{}.yaml", new.id);
    for path in [&article_path, &claims_path] {
        if root.join(path).exists() {
            return Err(Error::Exists { path: path.clone() });
        }
    }
    if new.text.trim().is_empty() {
        return Err(Error::Usage("the article text is empty".to_owned()));
    }
    let claims = new.claims_file();
    let (mut files, _) = load::read_files(root);
    files.sources.get_or_insert_with(|| "sources: []\n".to_owned());
    files.articles.insert(new.id.clone(), new.text.clone());
    files.claims.insert(claims_path.clone(), claims.clone());
    if let Err(Error::Load(diags)) = load::from_files(&files) {
        let mine: Vec<_> =
            diags.0.into_iter().filter(|d| d.path == claims_path && d.level == crate::error::Level::Error).collect();
        if !mine.is_empty() {
            return Err(Error::Refused(Diagnostics(mine)));
        }
    }
    let mut paths = Vec::new();
    let mut texts = Vec::new();
    let mut create = |path: &str, contents: &str| -> Result<(), Error> {
        paths.push(path.to_owned());
        texts.push(contents.to_owned());
        if mode == Mode::DryRun {
            return Ok(());
        }
        let full = root.join(path);
        if let Some(parent) = full.parent() {
            std::fs::create_dir_all(parent).map_err(|source| Error::Write { path: path.to_owned(), source })?;
        }
        crate::fs::write_new(&full, contents.as_bytes()).map_err(|source| match source.kind() {
            std::io::ErrorKind::AlreadyExists => Error::Exists { path: path.to_owned() },
            _ => Error::Write { path: path.to_owned(), source },
        })?;
        Ok(())
    };
    create(&article_path, &new.text)?;
    create(&claims_path, &claims)?;
    if !root.join(SOURCES_FILE).exists() {
        create(SOURCES_FILE, &format!("{}\nsources: []\n", schema_line(DataFile::Sources)))?;
    }
    for (file, schema) in crate::schema::all() {
        let path = format!("schema/{}.schema.json", file);
        if !root.join(&path).exists() {
            create(&path, &schema)?;
        }
    }
    Ok(Created { paths, texts })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_short_readable_and_unique() {
        let mut taken = BTreeSet::new();
        let text = "The US has about 2,500 troops currently stationed in Iraq";
        assert_eq!(generate_id(text, &taken), "us-about-2-500-troops");
        taken.insert("us-about-2-500-troops".to_owned());
        assert_eq!(generate_id(text, &taken), "us-about-2-500-troops-2");
        assert_eq!(generate_id("“!”", &taken), "claim");
    }

    #[test]
    fn entries_render_as_yaml_that_reads_back() {
        let input = ClaimInput {
            text: Some("Five US personnel were injured: \"at least\"".into()),
            kind: Some("quantity".into()),
            subject: Some("attack".into()),
            measure: Some("injured".into()),
            value: Some(5.0),
            unit: Some("people".into()),
            tolerance_absolute: Some(1.0),
            sources: vec!["ap-2024".into(), "reuters-2024".into()],
            ..ClaimInput::default()
        };
        assert_eq!(
            input.entry("five").lines(),
            [
                "id: five",
                "text: \"Five US personnel were injured: \\\"at least\\\"\"",
                "kind: quantity",
                "subject: attack",
                "measure: injured",
                "value: 5",
                "unit: people",
                "tolerance: {absolute: 1}",
                "sources: [ap-2024, reuters-2024]",
            ]
        );
    }

    #[test]
    fn missing_fields_follow_the_kind() {
        let mut input = ClaimInput::default();
        assert_eq!(input.missing(), ["text", "kind"]);
        input.set("kind", "date").unwrap();
        input.set("text", "on Thursday").unwrap();
        assert_eq!(input.missing(), ["event", "date"]);
        input.set("kind", "opinion").unwrap();
        assert!(input.missing().is_empty());
    }

    #[test]
    fn overlaps_are_by_position_not_by_shared_words() {
        let article = "Rents rose 4% in May, the council said. In June the council said rents rose again.";
        let may = ClaimId::from("may");
        let june = ClaimId::from("june");
        let claims = [(&may, "Rents rose 4% in May"), (&june, "In June the council said rents rose again")];
        let found = |text: &str| overlapping(article, text, claims.iter().map(|(i, t)| (*i, *t)));
        // The same words, in the first sentence only: only the claim standing there.
        assert!(found("the council said").is_empty());
        assert_eq!(found("4% in May, the council"), [ClaimId::from("may")]);
        assert_eq!(found("said rents rose"), [ClaimId::from("june")]);
        assert!(found("not in the article").is_empty());
    }
}
