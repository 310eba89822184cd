//! The loading pipeline and the checks that span items and files: unique
//! ids, references that resolve, claim text that occurs in its article,
//! anchors that lead somewhere.
//!
//! Files are taken in the order their checks need: the sources (which every
//! other file cites), the vocabulary, the facts files, the claims files.
//! Facts and claims files are parsed and converted in parallel, one file at
//! a time each, and a file's raw form and text are dropped as soon as it is
//! done, so memory holds the model and little else. Every check reports
//! where the offending value was written and, for a near-miss id, the id it
//! probably meant.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::sync::Arc;

use rayon::prelude::*;

use crate::cache::files::FileCache;
use crate::cache::key::Digest;
use crate::cache::lazy::{LazyFacts, LazyFile};
use crate::cache::summary::{Combined, Summary};
use crate::error::Diagnostic;
use crate::model::{
    Anchor, Article, ArticleClaims, Assertion, Claim, Deferred, Definition, DraftClaim, Fact, Project, Reference,
    Source, SourceId, Term,
};
use crate::nearest::closest;
use crate::progress::{Phase, Progress};
use crate::text::quotation::unbalanced_excerpt;
use crate::text::{contains_quoted_words, normalize};
use crate::yaml::{Span, Spanned};

use super::convert::{self, FileCx};
use super::input::{ArticleText, Input, each_biggest_first, stem};
use super::{ARTICLES_DIR, CLAIMS_DIR, DOCUMENTS_DIR, SOURCES_FILE, TERMS_FILE, parse, raw};

/// One parsed file with its converted items, each paired with its index in
/// the raw list so its spans stay reachable.
pub struct FileIn<R, T> {
    pub path: String,
    pub text: Arc<str>,
    pub raw: R,
    pub items: Vec<(usize, T)>,
}

/// One claims file with its article.
pub struct ClaimsIn {
    pub file: FileIn<raw::ClaimsFile, Claim>,
    pub article: Option<Article>,
    pub article_text: Option<Arc<str>>,
    /// The drafts (`draft: true`), which are not claims yet, each with its
    /// place among the file's claims.
    pub drafts: Vec<(usize, DraftClaim)>,
    /// Where the words of each claim of the file stand in the article
    /// ([`crate::locate::places`]), drafts too, in the file's order; empty
    /// without an article text. Found once, for the check that each claim
    /// is in its article, the claims' reading order, and the checks that
    /// place claims in sentences ([`ArticleClaims::places`]).
    pub places: Vec<Vec<Range<usize>>>,
}

impl ClaimsIn {
    fn into_article(mut self) -> Option<ArticleClaims> {
        let mut places = std::mem::take(&mut self.places);
        // Drafts in reading order too, by where their words first stand.
        let first = |i: usize| places.get(i).and_then(|p| p.first()).map_or(usize::MAX, |place| place.start);
        let mut drafts: Vec<(usize, DraftClaim)> = self.drafts.into_iter().map(|(i, d)| (first(i), d)).collect();
        drafts.sort_by(|(a, x), (b, y)| a.cmp(b).then_with(|| x.id.cmp(&y.id)));
        let drafts = drafts.into_iter().map(|(_, draft)| draft).collect();
        let (claims, places): (Vec<Claim>, Vec<_>) = self
            .file
            .items
            .into_iter()
            .map(|(i, claim)| (claim, places.get_mut(i).map(std::mem::take).unwrap_or_default()))
            .unzip();
        let text = self.article_text?.to_string();
        let (claims, places) = crate::locate::reading_order(claims, places);
        Some(ArticleClaims { article: self.article?, text, claims, places, drafts })
    }

    fn raw_claim(&self, index: usize) -> &raw::Claim {
        &self.file.raw.claims.value[index].value
    }
}

/// Reads, parses and converts one file, recording what fails.
fn load_file<R, I, T>(
    input: &impl Input,
    path: &str,
    what: &str,
    diags: &mut Vec<Diagnostic>,
    items: impl Fn(&R) -> &[Spanned<I>],
    convert: impl Fn(&mut FileCx<'_>, &I) -> Option<T>,
) -> Option<FileIn<R, T>>
where
    R: serde::de::DeserializeOwned,
{
    let text = match input.read(path) {
        Ok(Some(text)) => text,
        Ok(None) => return None,
        Err(d) => {
            diags.push(*d);
            return None;
        }
    };
    load_text(path, text, what, diags, items, convert)
}

/// Parses and converts one file's text, recording what fails.
fn load_text<R, I, T>(
    path: &str,
    text: Arc<str>,
    what: &str,
    diags: &mut Vec<Diagnostic>,
    items: impl Fn(&R) -> &[Spanned<I>],
    convert: impl Fn(&mut FileCx<'_>, &I) -> Option<T>,
) -> Option<FileIn<R, T>>
where
    R: serde::de::DeserializeOwned,
{
    let raw: R = parse(path, &text, what, diags)?;
    let mut cx = FileCx::new(path, &text, diags);
    let converted =
        items(&raw).iter().enumerate().filter_map(|(i, item)| convert(&mut cx, &item.value).map(|t| (i, t))).collect();
    Some(FileIn { path: path.to_owned(), text, raw, items: converted })
}

/// What one facts file yields.
pub(super) struct FactsOut {
    pub(super) facts: Vec<Fact>,
    /// Subject and property of facts that did not convert, so claims about
    /// them are not warned about too.
    pub(super) failed_keys: Vec<(String, String)>,
    pub(super) diags: Vec<Diagnostic>,
    pub(super) parsed: bool,
    /// The facts' summary, when they were kept in the parse cache.
    pub(super) summary: Option<Summary>,
    /// Whether the facts were written to the parse cache in this run, so
    /// that they can be read back from there.
    pub(super) written: bool,
}

impl FactsOut {
    /// A file that could not be read or parsed: only its problems.
    fn unparsed(diags: Vec<Diagnostic>) -> FactsOut {
        FactsOut { facts: Vec::new(), failed_keys: Vec::new(), diags, parsed: false, summary: None, written: false }
    }
}

/// Whether every source `facts` cite is among `known` (when the sources
/// are known at all).
fn cites_known(facts: &[Fact], known: Option<&BTreeSet<String>>) -> bool {
    known.is_none_or(|known| facts.iter().all(|f| f.sources.iter().all(|id| known.contains(id.as_str()))))
}

/// One facts file's facts: from the parse cache when it keeps them for the
/// file's content, parsed otherwise (and then kept, if the file has no
/// problem). Citations are checked against the sources either way.
fn facts_file(
    input: &impl Input,
    path: &str,
    sources: Option<&BTreeSet<String>>,
    cache: Option<&FileCache>,
) -> FactsOut {
    let Some(cache) = cache else { return parse_facts_file(path, input.read(path), sources, None) };
    // A kept file's summary is read with its facts, or made and kept.
    let hit = |content: &Digest, facts: Vec<Fact>| {
        cache.cached();
        let summary = cache.summary(path, content).unwrap_or_else(|| {
            let summary = Summary::of(&facts);
            cache.store_summary(path, content, &summary);
            summary
        });
        FactsOut {
            facts,
            failed_keys: Vec::new(),
            diags: Vec::new(),
            parsed: true,
            summary: Some(summary),
            written: false,
        }
    };
    let (stamp, kept) = cache.facts_unread(path);
    if let Some((content, facts)) = kept.filter(|(_, facts)| cites_known(facts, sources)) {
        return hit(&content, facts);
    }
    let text = match input.read(path) {
        Ok(Some(text)) => text,
        other => return parse_facts_file(path, other, sources, None),
    };
    let content = cache.digest_of(path, stamp, &text);
    if let Some(facts) = cache.facts(path, &content).filter(|facts| cites_known(facts, sources)) {
        return hit(&content, facts);
    }
    cache.parsed();
    let mut out = parse_facts_file(path, Ok(Some(text)), sources, Some((cache, content)));
    // A file with problems is not kept, but its facts are summed up all the same.
    if out.summary.is_none() {
        out.summary = Some(Summary::of(&out.facts));
    }
    out
}

pub(super) fn parse_facts_file(
    path: &str,
    read: Result<Option<Arc<str>>, Box<Diagnostic>>,
    sources: Option<&BTreeSet<String>>,
    keep: Option<(&FileCache, Digest)>,
) -> FactsOut {
    let mut diags = Vec::new();
    let text = match read {
        Ok(Some(text)) => Some(text),
        Ok(None) => None,
        Err(d) => {
            diags.push(*d);
            None
        }
    };
    let Some(text) = text else {
        return FactsOut::unparsed(diags);
    };
    // Each fact is converted as soon as it is parsed, so that a file's
    // facts are never all held in their spanned, raw form.
    let (mut facts, mut failed_keys, mut problems, mut citations) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    // The file's shared source lists ([`crate::load::shared`]) whose every
    // id is listed: a file's facts mostly cite the same few lists, so each
    // list's ids are looked up among the sources once, not once a fact.
    let mut cited: foldhash::HashSet<*const SourceId> = foldhash::HashSet::default();
    let parsed = {
        let mut cx = FileCx::new(path, &text, &mut problems);
        let each = |raw_fact: Spanned<raw::Fact>| {
            let raw = &raw_fact.value;
            let fact = convert::fact(&mut cx, raw);
            if let Some(known) = sources {
                // A list is shared while the file's facts hold it, so its address names
                // it; a list that dropped an unsound id is not the one written.
                let list = fact
                    .as_ref()
                    .filter(|fact| fact.sources.len() == raw.sources.value.len())
                    .map(|fact| fact.sources.as_ptr());
                if !list.is_some_and(|list| cited.contains(&list)) {
                    let before = citations.len();
                    for id in raw.sources.value.iter().filter(|id| !known.contains(&id.value)) {
                        citations.push(unknown_source(path, &text, id, known));
                    }
                    cited.extend(list.filter(|_| citations.len() == before));
                }
            }
            match fact {
                Some(fact) => facts.push(fact),
                None => {
                    if let Some(property) = raw.measure.as_ref().or(raw.predicate.as_ref()) {
                        failed_keys.push((raw.subject.value.clone(), property.value.clone()));
                    }
                }
            }
        };
        super::parse_seed(path, &text, "facts", &mut diags, raw::FactsStream(each)).is_some()
    };
    if !parsed {
        // A file that does not parse says only that, as when it was parsed whole first.
        return FactsOut::unparsed(diags);
    }
    diags.extend(problems);
    diags.extend(citations);
    facts.shrink_to_fit();
    let stored = keep
        .filter(|_| diags.is_empty() && failed_keys.is_empty())
        .map(|(cache, content)| cache.store_facts(path, &content, &facts));
    let written = stored.as_ref().is_some_and(|(_, written)| *written);
    FactsOut { facts, failed_keys, diags, parsed: true, summary: stored.map(|(summary, _)| summary), written }
}

/// Every facts file loaded.
enum AllFacts {
    /// Every fact, in one list.
    Merged(Vec<Fact>),
    /// Each file's facts and their summary, in path order: a run through
    /// the parse cache, whose facts are looked up file by file.
    ByFile(Vec<(String, Vec<Fact>, Summary)>),
}

/// Loads every facts file, a few at a time across the cores, appending each
/// file's facts to one list as soon as it is done (or, through the cache,
/// keeping each file's apart): all files' facts are never held twice. The
/// list is sized from the files' sizes once the first files show how many
/// bytes a fact takes.
fn load_facts(
    input: &impl Input,
    paths: &[String],
    sources: Option<&BTreeSet<String>>,
    progress: &dyn Progress,
    cache: Option<&FileCache>,
    diags: &mut Vec<Diagnostic>,
) -> (AllFacts, Vec<(String, String)>, bool) {
    let total_bytes: u64 = paths.iter().map(|p| input.size(p)).sum();
    let batch = 2 * rayon::current_num_threads();
    let (mut facts, mut by_file, mut failed_keys, mut complete) = (Vec::new(), Vec::new(), Vec::new(), true);
    let mut bytes_done = 0;
    for files in paths.chunks(batch.max(1)) {
        let outs: Vec<FactsOut> = files
            .par_iter()
            .map(|path| {
                let out = facts_file(input, path, sources, cache);
                progress.advance(input.size(path));
                out
            })
            .collect();
        bytes_done += files.iter().map(|p| input.size(p)).sum::<u64>();
        let added: usize = outs.iter().map(|o| o.facts.len()).sum();
        if cache.is_none() && facts.capacity() == 0 && bytes_done > 0 {
            // Facts per byte so far, times all bytes, with a little room for variation.
            let estimate = (added as u64).saturating_mul(total_bytes) / bytes_done;
            facts.reserve(usize::try_from(estimate + estimate / 16).unwrap_or(added));
        }
        for (path, out) in files.iter().zip(outs) {
            complete &= out.parsed;
            match out.summary {
                Some(summary) if cache.is_some() => by_file.push((path.clone(), out.facts, summary)),
                _ => facts.extend(out.facts),
            }
            failed_keys.extend(out.failed_keys);
            diags.extend(out.diags);
        }
    }
    let all = if cache.is_some() { AllFacts::ByFile(by_file) } else { AllFacts::Merged(facts) };
    (all, failed_keys, complete)
}

/// The subjects and properties facts are written about, sorted, for
/// warning about claims no fact could answer.
pub(super) struct FactKeys<'a> {
    keys: Vec<(&'a str, &'a str)>,
}

impl<'a> FactKeys<'a> {
    fn new(facts: impl Iterator<Item = &'a Fact>, failed: &'a [(String, String)]) -> Self {
        let mut keys: Vec<(&str, &str)> = facts.map(|f| (f.subject.as_str(), f.property.as_str())).collect();
        keys.extend(failed.iter().map(|(s, p)| (s.as_str(), p.as_str())));
        keys.par_sort_unstable();
        keys.dedup();
        FactKeys { keys }
    }

    fn contains(&self, subject: &str, property: &str) -> bool {
        self.keys.binary_search(&(subject, property)).is_ok()
    }

    fn properties_of(&self, subject: &str) -> Vec<&'a str> {
        let start = self.keys.partition_point(|(s, _)| *s < subject);
        self.keys[start..].iter().take_while(|(s, _)| *s == subject).map(|(_, p)| *p).collect()
    }

    fn subjects(&self) -> impl Iterator<Item = &'a str> + '_ {
        let mut last = None;
        self.keys.iter().filter_map(move |(s, _)| {
            let new = last != Some(*s);
            last = Some(*s);
            new.then_some(*s)
        })
    }
}

/// The sources file, with its documents attached, and the ids it lists.
pub(super) fn load_sources(
    input: &impl Input,
    diags: &mut Vec<Diagnostic>,
) -> (Option<FileIn<raw::SourcesFile, Source>>, Option<BTreeSet<String>>) {
    let sources = load_file(input, SOURCES_FILE, "sources", diags, |r: &raw::SourcesFile| &r.sources, convert::source);
    if sources.is_none() && matches!(input.read(SOURCES_FILE), Ok(None)) && diags.iter().all(|d| d.path != ".") {
        diags.push(
            Diagnostic::file_error(SOURCES_FILE, "there is no sources file")
                .with_help("create `reference/sources.yaml` holding `sources: []`"),
        );
    }
    // Ids as written, even of entries that failed to convert, so one bad
    // source does not make every claim citing it an error too.
    let source_ids: Option<BTreeSet<String>> =
        sources.as_ref().map(|s| s.raw.sources.iter().map(|src| src.value.id.value.clone()).collect());
    if let Some(file) = &sources {
        let ids = file
            .raw
            .sources
            .iter()
            .map(|s| (s.value.id.value.as_str(), file.path.as_str(), &file.text, s.value.id.span));
        unique("source", ids, diags);
    }
    let mut sources = sources;
    if let Some(file) = &mut sources {
        attach_documents(input, file, diags);
    }
    (sources, source_ids)
}

/// The terms file, checked, with its own problems.
pub(super) fn load_terms(input: &impl Input) -> (Option<FileIn<raw::TermsFile, Definition>>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let terms = load_file(input, TERMS_FILE, "terms", &mut diags, |r: &raw::TermsFile| &r.terms, convert::definition);
    if let Some(file) = &terms {
        check_terms(file, &mut diags);
    }
    (terms, diags)
}

/// Loads everything `input` holds: the project, and every problem found.
/// The project is only meant to be used when no problem is an error.
pub fn run(
    input: &impl Input,
    articles: &crate::model::Choice,
    progress: &dyn Progress,
    cache: Option<&FileCache>,
) -> (Project, Vec<Diagnostic>) {
    let mut diags = input.problems();
    let all_claims = input.claims();
    for id in articles.named() {
        if !all_claims.iter().any(|path| stem(path) == id) {
            let near = closest(id, all_claims.iter().map(|path| stem(path)));
            let help = near.map_or_else(
                || format!("the articles are the files of `{CLAIMS_DIR}/`; `factcheck new {id}` starts one"),
                |near| format!("did you mean `{near}`?"),
            );
            diags.push(
                Diagnostic::file_error(CLAIMS_DIR, format!("there is no article `{id}` (no `{CLAIMS_DIR}/{id}.yaml`)"))
                    .with_help(help),
            );
        }
    }
    let claims_paths: Vec<String> = all_claims.iter().filter(|path| articles.admits(stem(path))).cloned().collect();
    let facts_paths = input.facts();
    let size = |paths: &[String]| paths.iter().map(|p| input.size(p)).sum::<u64>();
    progress.begin(Phase::Loading, size(&facts_paths) + size(&claims_paths));
    // The terms need nothing else loaded: they load on one core while the sources load on the other.
    let ((sources, source_ids), (terms, term_diags)) =
        rayon::join(|| load_sources(input, &mut diags), || load_terms(input));
    diags.extend(term_diags);
    if let Some(file) = &sources {
        let articles: BTreeSet<&str> = all_claims.iter().map(|path| stem(path)).collect();
        check_sources(file, &articles, &mut diags);
    }

    let (all, failed_keys, facts_complete) =
        load_facts(input, &facts_paths, source_ids.as_ref(), progress, cache, &mut diags);
    let (facts, by_file, combined) = match all {
        AllFacts::Merged(mut facts) => {
            // In place: a million facts are sorted without a second copy of them.
            facts.par_sort_unstable_by(|a, b| a.id.cmp(&b.id));
            (facts, Vec::new(), None)
        }
        AllFacts::ByFile(files) => {
            let combined = Combined::new(files.iter().map(|(_, _, summary)| summary));
            let files: Vec<(String, Vec<Fact>)> = files.into_iter().map(|(path, facts, _)| (path, facts)).collect();
            (Vec::new(), files, Some(combined))
        }
    };
    // Facts sorted by id show a repeated id side by side; facts kept by
    // file are compared only when the summaries' id keys say two may be alike.
    let repeated: BTreeSet<&str> = match &combined {
        None => facts.windows(2).filter(|w| w[0].id == w[1].id).map(|w| w[0].id.as_str()).collect(),
        Some(combined) if combined.may_repeat_ids() => {
            let mut ids: Vec<&str> = by_file.iter().flat_map(|(_, f)| f).map(|f| f.id.as_str()).collect();
            ids.par_sort_unstable();
            ids.windows(2).filter(|w| w[0] == w[1]).map(|w| w[0]).collect()
        }
        Some(_) => BTreeSet::new(),
    };
    if !repeated.is_empty() {
        report_duplicate_facts(input, &facts_paths, &repeated, &mut diags);
    }

    let keys = FactKeys::new(facts.iter().chain(by_file.iter().flat_map(|(_, f)| f)), &failed_keys);
    let claims = each_biggest_first(input, &claims_paths, |path, size| {
        let mut diags = Vec::new();
        let (sources, keys) = (source_ids.as_ref(), facts_complete.then_some(&keys));
        let article = match cache {
            Some(cache) => cached_claims_file(input, path, cache, sources, keys, &mut diags).map(|(a, _)| a),
            None => checked_claims_file(input, path, None, sources, keys, &mut diags),
        };
        progress.advance(size);
        Some((article, diags))
    })
    .unwrap_or_default(); // Every file answers.
    drop(keys);
    let mut articles = Vec::with_capacity(claims.len());
    for (article, more) in claims {
        articles.extend(article);
        diags.extend(more);
    }
    articles.sort_by(|a, b| a.article.id.cmp(&b.article.id));

    let mut sources: Vec<Source> = sources.map(|s| s.items.into_iter().map(|(_, v)| v).collect()).unwrap_or_default();
    sources.sort_by(|a, b| a.id.cmp(&b.id));
    let mut definitions: Vec<Definition> =
        terms.map(|t| t.items.into_iter().map(|(_, v)| v).collect()).unwrap_or_default();
    definitions.sort_by(|a, b| a.term.cmp(&b.term));
    let deferred = match (cache, combined) {
        (Some(cache), Some(combined)) => {
            let files = by_file.into_iter().map(|(path, facts)| LazyFile::loaded(path, facts)).collect();
            Deferred(Some(Arc::new(LazyFacts::new(cache.entries(), None, files, combined))))
        }
        _ => Deferred::NONE,
    };
    (Project { articles, reference: Reference { sources, facts, definitions, deferred } }, diags)
}

/// Reports each fact whose id an earlier fact (in file order) already has.
/// Duplicates are rare and an error, so the facts files are read and parsed
/// again here rather than every fact's location being kept for them.
fn report_duplicate_facts(
    input: &impl Input,
    paths: &[String],
    repeated: &BTreeSet<&str>,
    diags: &mut Vec<Diagnostic>,
) {
    let mut first: BTreeMap<String, (String, Span)> = BTreeMap::new();
    for path in paths {
        let Ok(Some(text)) = input.read(path) else { continue };
        let mut ignored = Vec::new();
        let Some(raw) = parse::<raw::FactsFile>(path, &text, "facts", &mut ignored) else { continue };
        for fact in raw.facts.iter().filter(|f| repeated.contains(f.value.id.value.as_str())) {
            let id = &fact.value.id;
            match first.get(&id.value) {
                None => {
                    first.insert(id.value.clone(), (path.clone(), id.span));
                }
                Some((first_path, first_span)) => diags.push(
                    Diagnostic::error(path, &text, id.span, format!("duplicate fact id `{}`", id.value))
                        .with_label(format!("already used at {first_path}:{}:{}", first_span.line, first_span.column))
                        .with_help("fact ids must be unique; rename one of them"),
                ),
            }
        }
    }
}

/// One claims file with its article, checked against the sources and
/// (when `keys` are given, the facts having loaded whole) the facts.
/// `texts` are the file's and the article's texts, if read already.
pub(super) fn checked_claims_file(
    input: &impl Input,
    path: &str,
    texts: Option<(Arc<str>, Arc<str>)>,
    sources: Option<&BTreeSet<String>>,
    keys: Option<&FactKeys<'_>>,
    diags: &mut Vec<Diagnostic>,
) -> Option<ArticleClaims> {
    let file = claims_file(input, path, texts, diags)?;
    check_claims(&file, sources, diags);
    if let Some(keys) = keys {
        warn_unknown_keys(&file, keys, diags);
    }
    file.into_article()
}

/// [`checked_claims_file`] through the parse cache: the article comes from
/// the cache when it keeps one for the contents of the claims file and the
/// article text, and nothing that spans files would be reported about it;
/// otherwise the file is parsed, and kept if it has no problem at all.
/// With the article, the digests of the two contents if the cache holds
/// it under them (read from there, or written now).
pub(super) fn cached_claims_file(
    input: &impl Input,
    path: &str,
    cache: &FileCache,
    sources: Option<&BTreeSet<String>>,
    keys: Option<&FactKeys<'_>>,
    diags: &mut Vec<Diagnostic>,
) -> Option<(ArticleClaims, Option<(Digest, Digest)>)> {
    let article_path = format!("{ARTICLES_DIR}/{}.txt", stem(path));
    let sound = |article: &ArticleClaims| spans_nothing_amiss(article, sources, keys);
    let (stamp, known) = cache.stamps().trusted(path);
    let (article_stamp, article_known) = cache.stamps().trusted(&article_path);
    if let (Some(content), Some(text)) = (known, article_known)
        && let Some(article) = cache.claims(path, &content, &text).filter(sound)
    {
        cache.cached();
        return Some((article, Some((content, text))));
    }
    let (Ok(Some(text)), Ok(ArticleText::Text(article_text))) = (input.read(path), input.article(stem(path))) else {
        return checked_claims_file(input, path, None, sources, keys, diags).map(|article| (article, None));
    };
    let content = cache.digest_of(path, stamp, &text);
    let text_digest = cache.digest_of(&article_path, article_stamp, &article_text);
    if let Some(article) = cache.claims(path, &content, &text_digest).filter(sound) {
        cache.cached();
        return Some((article, Some((content, text_digest))));
    }
    cache.parsed();
    let before = diags.len();
    let article = checked_claims_file(input, path, Some((text, article_text)), sources, keys, diags)?;
    let written = diags.len() == before
        && article.drafts.is_empty()
        && cache.store_claims(path, &content, &text_digest, &article);
    Some((article, written.then_some((content, text_digest))))
}

/// Whether checking `article`'s claims against the other files would
/// report nothing: every source they cite exists, and (when `keys` are
/// given) some fact is about each subject and property they name. It may
/// doubt a sound file (it does not know which names the file wrote out),
/// never pass one the full checks would report.
fn spans_nothing_amiss(
    article: &ArticleClaims,
    sources: Option<&BTreeSet<String>>,
    keys: Option<&FactKeys<'_>>,
) -> bool {
    article.claims.iter().all(|claim| {
        sources.is_none_or(|known| claim.sources.iter().all(|id| known.contains(id.as_str())))
            && keys.is_none_or(|keys| model_keys(claim).iter().all(|(s, p)| keys.contains(s.as_str(), p.as_str())))
    })
}

/// Every subject and property a claim names, from the model alone: those
/// [`claim_keys`] finds (a figure's parts when it has parts, its subject
/// otherwise), and a subject even where the file left it out. The subject
/// of a figure with parts names their combination, which no fact need be
/// about: the full load does not warn about it, so neither may this.
pub(super) fn model_keys(claim: &Claim) -> Vec<(&Term, &Term)> {
    fn figure<'c>(parts: &'c [Term], subject: &'c Term, measure: &'c Term) -> Vec<(&'c Term, &'c Term)> {
        let named = if parts.is_empty() { std::slice::from_ref(subject) } else { parts };
        named.iter().map(|p| (p, measure)).collect()
    }
    fn series(series: &crate::model::Series) -> Vec<(&Term, &Term)> {
        figure(&series.parts, &series.subject, &series.measure)
    }
    match &claim.assertion {
        Assertion::Quantity(q) => figure(&q.parts, &q.subject, &q.measure),
        Assertion::Date(d) => vec![(&d.event, &d.measure)],
        Assertion::Event(t) | Assertion::Attribution(t) => vec![(&t.subject, &t.predicate)],
        Assertion::Change(c) => series(&c.series),
        Assertion::Ratio(r) => series(&r.series),
        Assertion::Share(s) => series(&s.series),
        Assertion::Rank(r) => series(&r.series),
        Assertion::Record(r) => series(&r.series),
        Assertion::Comparison(c) => series(&c.series),
        Assertion::Quote(_) | Assertion::Opinion => Vec::new(),
    }
}

fn claims_file(
    input: &impl Input,
    path: &str,
    texts: Option<(Arc<str>, Arc<str>)>,
    diags: &mut Vec<Diagnostic>,
) -> Option<ClaimsIn> {
    let (text, article_text) = match texts {
        Some((text, article)) => (Some(text), Some(article)),
        None => (None, None),
    };
    fn items(r: &raw::ClaimsFile) -> &[Spanned<raw::Claim>] {
        &r.claims.value
    }
    let file = match text {
        Some(text) => load_text(path, text, "claims", diags, items, convert::claim)?,
        None => load_file(input, path, "claims", diags, items, convert::claim)?,
    };
    let mut cx = FileCx::new(path, &file.text, diags);
    let drafts = file
        .raw
        .claims
        .value
        .iter()
        .enumerate()
        .filter(|(_, raw)| convert::is_draft(&raw.value))
        .filter_map(|(i, raw)| Some((i, convert::draft(&mut cx, &raw.value)?)))
        .collect();
    let article = convert::article(&mut cx, &file.raw.article.value);
    let id = &file.raw.article.value.id;
    let stem = stem(path);
    if id.value != stem {
        cx.push(
            cx.error(id.span, format!("article id `{}` does not match the file name `{path}`", id.value))
                .with_help(format!("rename the file to `claims/{}.yaml` or set `id: {stem}`", id.value)),
        );
    }
    let read = match article_text {
        Some(text) => Ok(ArticleText::Text(text)),
        None => input.article(stem),
    };
    let article_text = match read {
        Ok(ArticleText::Text(text)) => Some(text),
        Ok(ArticleText::Unreadable) => None,
        Ok(ArticleText::Missing) => {
            cx.push(
                cx.error(id.span, format!("there is no article text `{ARTICLES_DIR}/{stem}.txt`"))
                    .with_help(format!("save the article, verbatim, as `{ARTICLES_DIR}/{stem}.txt`")),
            );
            None
        }
        Err(d) => {
            cx.push(*d);
            None
        }
    };
    let places = match &article_text {
        Some(text) => crate::locate::places(text, file.raw.claims.value.iter().map(|c| c.value.text.value.as_str())),
        None => Vec::new(),
    };
    Some(ClaimsIn { file, article, article_text, drafts, places })
}

/// Reports the second and later uses of each id.
fn unique<'a>(
    what: &str,
    entries: impl IntoIterator<Item = (&'a str, &'a str, &'a Arc<str>, Span)>,
    diags: &mut Vec<Diagnostic>,
) {
    let mut first: BTreeMap<&str, (&str, Span)> = BTreeMap::new();
    for (id, path, text, span) in entries {
        match first.get(id) {
            None => {
                first.insert(id, (path, span));
            }
            Some((first_path, first_span)) => diags.push(
                Diagnostic::error(path, text, span, format!("duplicate {what} id `{id}`"))
                    .with_label(format!("already used at {first_path}:{}:{}", first_span.line, first_span.column))
                    .with_help(format!("{what} ids must be unique; rename one of them")),
            ),
        }
    }
}

/// Gives each source its full text, `reference/documents/<id>.txt`. A
/// document must be named after a source, and its source must say whose
/// words it holds (`speaker`), or no quote could be attributed from it.
fn attach_documents(input: &impl Input, file: &mut FileIn<raw::SourcesFile, Source>, diags: &mut Vec<Diagnostic>) {
    let read: Vec<_> = input.documents().into_par_iter().map(|path| (path.clone(), input.read(&path))).collect();
    let mut documented = BTreeSet::new();
    for (path, text) in read {
        let text = match text {
            Ok(Some(text)) => text,
            Ok(None) => continue,
            Err(d) => {
                diags.push(*d);
                continue;
            }
        };
        let id = stem(&path);
        documented.insert(id.to_owned());
        let Some((index, source)) = file.items.iter_mut().find(|(_, s)| s.id.as_str() == id) else {
            // A source that failed to convert has its problem reported already.
            if !file.raw.sources.iter().any(|s| s.value.id.value == id) {
                let help = match closest(id, file.raw.sources.iter().map(|s| s.value.id.value.as_str())) {
                    Some(near) => format!("did you mean `{near}.txt`?"),
                    None => format!("name the file after a source id of {SOURCES_FILE}"),
                };
                diags.push(
                    Diagnostic::file_error(&path, format!("`{path}` is the full text of no source")).with_help(help),
                );
            }
            continue;
        };
        if source.speaker.is_none() {
            let span = file.raw.sources[*index].value.id.span;
            diags.push(
                Diagnostic::error(
                    SOURCES_FILE,
                    &file.text,
                    span,
                    format!("source `{id}` has a full text but no `speaker`"),
                )
                .with_label(format!("{path} holds whose words?"))
                .with_help("add `speaker: <term>`: whose words the document holds"),
            );
            continue;
        }
        source.document = Some(text);
    }
    for (index, source) in &file.items {
        if let (Some(speaker), false) =
            (&file.raw.sources[*index].value.speaker, documented.contains(source.id.as_str()))
        {
            diags.push(
                Diagnostic::warning(
                    SOURCES_FILE,
                    &file.text,
                    speaker.span,
                    format!(
                        "`speaker` is whose words a full text holds, but `{DOCUMENTS_DIR}/{}.txt` does not exist",
                        source.id
                    ),
                )
                .with_help("add the document, or remove `speaker`"),
            );
        }
    }
}

/// Warns about excerpts whose quotation marks do not pair up, which would
/// leave unclear whose words they hold, and refuses `not_independent_of`
/// naming no article.
pub(super) fn check_sources(
    file: &FileIn<raw::SourcesFile, Source>,
    articles: &BTreeSet<&str>,
    diags: &mut Vec<Diagnostic>,
) {
    for source in &file.raw.sources {
        for excerpt in &source.value.excerpts {
            let text = &excerpt.value.text;
            if let Some(stray) = unbalanced_excerpt(&text.value, excerpt.value.cut_short) {
                diags.push(
                    Diagnostic::warning(
                        SOURCES_FILE,
                        &file.text,
                        text.span,
                        format!("the quotation marks of this excerpt of `{}` do not pair up", source.value.id.value),
                    )
                    .with_label(format!("{} at character {}", stray.problem, text.value[..stray.at].chars().count() + 1))
                    .with_help(
                        "copy the marks as the source prints them, or say `cut_short: true` if it ends inside a quotation; until then none of its words are `quoting`'s",
                    ),
                );
            }
        }
        for id in source.value.not_independent_of.iter().flat_map(|list| &list.value) {
            if !articles.contains(id.value.as_str()) {
                let help = match closest(&id.value, articles.iter().copied()) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => format!("`not_independent_of` lists article ids, the files of `{CLAIMS_DIR}/`"),
                };
                diags.push(
                    Diagnostic::error(SOURCES_FILE, &file.text, id.span, format!("there is no article `{}`", id.value))
                        .with_help(help),
                );
            }
        }
    }
}

fn unknown_source(path: &str, text: &Arc<str>, id: &Spanned<String>, known: &BTreeSet<String>) -> Diagnostic {
    let help = match closest(&id.value, known.iter().map(String::as_str)) {
        Some(near) => format!("did you mean `{near}`?"),
        None => "add the source to reference/sources.yaml first".to_owned(),
    };
    Diagnostic::error(path, text, id.span, format!("unknown source `{}`", id.value))
        .with_label("not in reference/sources.yaml")
        .with_help(help)
}

fn check_terms(file: &FileIn<raw::TermsFile, Definition>, diags: &mut Vec<Diagnostic>) {
    let ids =
        file.raw.terms.iter().map(|t| (t.value.term.value.as_str(), file.path.as_str(), &file.text, t.value.term.span));
    unique("term", ids, diags);
    let defined: BTreeSet<&str> = file.raw.terms.iter().map(|t| t.value.term.value.as_str()).collect();
    for (field, edges_of) in [("broader", 0), ("part_of", 1)] {
        fn list(t: &raw::Term, edges_of: u8) -> &[Spanned<String>] {
            if edges_of == 0 { &t.broader } else { &t.part_of }
        }
        let edges: BTreeMap<&str, Vec<&str>> = file
            .raw
            .terms
            .iter()
            .map(|t| (t.value.term.value.as_str(), list(&t.value, edges_of).iter().map(|b| b.value.as_str()).collect()))
            .collect();
        for term in &file.raw.terms {
            for b in list(&term.value, edges_of) {
                if !defined.contains(b.value.as_str()) {
                    let help = closest(&b.value, defined.iter().copied()).map_or_else(
                        || format!("define `{}` in this file too", b.value),
                        |near| format!("did you mean `{near}`?"),
                    );
                    diags.push(
                        Diagnostic::error(&file.path, &file.text, b.span, format!("unknown term `{}`", b.value))
                            .with_help(help),
                    );
                } else if reaches(&edges, b.value.as_str(), &term.value.term.value) {
                    let what = if field == "broader" { "broader than" } else { "a part of" };
                    diags.push(
                        Diagnostic::error(
                            &file.path,
                            &file.text,
                            b.span,
                            format!("`{}` is {what} itself", term.value.term.value),
                        )
                        .with_label("this closes a loop")
                        .with_help(if field == "broader" {
                            "broader terms must form a hierarchy without loops"
                        } else {
                            "wholes and their parts must form a hierarchy without loops"
                        }),
                    );
                }
            }
        }
    }
}

/// Whether `target` is reachable from `start` by following `edges`.
fn reaches(edges: &BTreeMap<&str, Vec<&str>>, start: &str, target: &str) -> bool {
    let mut seen = BTreeSet::new();
    let mut stack = vec![start];
    while let Some(at) = stack.pop() {
        if at == target {
            return true;
        }
        if seen.insert(at) {
            stack.extend(edges.get(at).into_iter().flatten().copied());
        }
    }
    false
}

fn check_claims(file: &ClaimsIn, sources: Option<&BTreeSet<String>>, diags: &mut Vec<Diagnostic>) {
    let (path, text) = (file.file.path.as_str(), &file.file.text);
    let raw_claims = &file.file.raw.claims.value;
    unique("claim", raw_claims.iter().map(|c| (c.value.id.value.as_str(), path, text, c.value.id.span)), diags);
    if raw_claims.is_empty() {
        diags.push(
            Diagnostic::warning(path, text, file.file.raw.claims.span, "this article has no claims yet")
                .with_help("add claims with `factcheck add claim`, or by hand"),
        );
    }
    if let Some(known) = sources {
        for claim in raw_claims {
            for id in claim.value.sources.iter().flat_map(|s| &s.value).filter(|id| !known.contains(&id.value)) {
                diags.push(unknown_source(path, text, id, known));
            }
        }
    }
    if let Some(article) = &file.article_text {
        // Normalised once, if some claim is not in it, to say where it differs.
        let normal = std::cell::OnceCell::new();
        let normal = || normal.get_or_init(|| normalize(article)).as_str();
        for (claim, places) in raw_claims.iter().zip(&file.places) {
            check_text_in_article(path, text, &claim.value, places.is_empty().then_some(&normal), diags);
        }
    }
    check_anchors(file, diags);
}

/// Checks that a claim's text occurs in the article: `missing` holds the
/// article, normalised, when the claim's words were found nowhere in it
/// ([`ClaimsIn::places`]).
fn check_text_in_article<'a>(
    path: &str,
    text: &Arc<str>,
    claim: &raw::Claim,
    missing: Option<&dyn Fn() -> &'a str>,
    diags: &mut Vec<Diagnostic>,
) {
    let claim_text = &claim.text;
    // Words normalised to nothing are found nowhere, and are not missing.
    let normal_claim = missing.map(|_| normalize(&claim_text.value)).unwrap_or_default();
    if let Some(article) = missing.filter(|_| !normal_claim.is_empty()) {
        let matched = longest_prefix_in(&normal_claim, article());
        let help = if matched.trim().is_empty() {
            "copy the claim's words from the article verbatim; only quotes, dashes and spaces may differ".to_owned()
        } else {
            let rest: String = normal_claim[matched.len()..].chars().take(30).collect();
            format!("the article matches up to `{}`, then differs at `{rest}`", tail(matched, 40))
        };
        diags.push(
            Diagnostic::error(
                path,
                text,
                claim_text.span,
                format!("the text of claim `{}` is not in the article", claim.id.value),
            )
            .with_label("not found in the article")
            .with_help(help),
        );
    }
    if let Some(words) = &claim.words
        && !words.value.trim().is_empty()
        && !contains_quoted_words(&claim_text.value, &words.value)
    {
        diags.push(
            Diagnostic::error(
                path,
                text,
                words.span,
                format!("the quoted words of claim `{}` are not in its text", claim.id.value),
            )
            .with_help("`words` must be the part of `text` that stands in quotation marks"),
        );
    }
}

/// The longest prefix of `needle` (on a word boundary) found in `haystack`.
fn longest_prefix_in<'a>(needle: &'a str, haystack: &str) -> &'a str {
    let ends: Vec<usize> =
        needle.char_indices().filter(|(_, c)| *c == ' ').map(|(i, _)| i).chain([needle.len()]).collect();
    let found = ends.partition_point(|&end| haystack.contains(&needle[..end]));
    if found == 0 { "" } else { &needle[..ends[found - 1]] }
}

/// The last words of `text`, at most about `chars` characters, with `…` if cut.
fn tail(text: &str, chars: usize) -> String {
    if text.chars().count() <= chars {
        return text.to_owned();
    }
    let cut: String = text.chars().skip(text.chars().count() - chars).collect();
    let words = cut.split_once(' ').map_or(cut.as_str(), |(_, rest)| rest);
    format!("…{words}")
}

fn anchor_of(claim: &Claim) -> Option<&Anchor> {
    match &claim.assertion {
        Assertion::Date(d) => Some(&d.relative_to),
        Assertion::Event(t) | Assertion::Attribution(t) => Some(&t.relative_to),
        _ => None,
    }
}

fn has_date(claim: &Claim) -> bool {
    match &claim.assertion {
        Assertion::Date(_) => true,
        Assertion::Event(t) | Assertion::Attribution(t) => t.date.is_some(),
        _ => false,
    }
}

fn check_anchors(file: &ClaimsIn, diags: &mut Vec<Diagnostic>) {
    let (path, text) = (file.file.path.as_str(), &file.file.text);
    let by_id: BTreeMap<&str, &Claim> = file.file.items.iter().map(|(_, c)| (c.id.as_str(), c)).collect();
    for (index, claim) in &file.file.items {
        let Some(Anchor::Claim(target)) = anchor_of(claim) else { continue };
        let Some(span) = file.raw_claim(*index).relative_to.as_ref().map(|r| r.span) else { continue };
        let error = |message: String| Diagnostic::error(path, text, span, message);
        match by_id.get(target.as_str()) {
            None if file.drafts.iter().any(|(_, d)| d.id == *target) => diags.push(
                error(format!("claim `{}` counts from draft `{target}`, which is not checked", claim.id)).with_help(
                    format!("review the draft first: `factcheck edit claim {target} --expect …` sets its verdict"),
                ),
            ),
            None => {
                let help = closest(target.as_str(), by_id.keys().copied()).map_or_else(
                    || "`relative_to` names a claim of this article, or `article`".to_owned(),
                    |n| format!("did you mean `{n}`?"),
                );
                diags.push(error(format!("claim `{}` counts from unknown claim `{target}`", claim.id)).with_help(help));
            }
            Some(anchor) if !has_date(anchor) => diags.push(
                error(format!("claim `{}` counts from claim `{target}`, which has no date", claim.id))
                    .with_help("count from a `date` claim or a claim with `date:`"),
            ),
            Some(_) if anchors_loop(&by_id, claim) => diags.push(
                error(format!("claim `{}` counts from itself through `relative_to`", claim.id))
                    .with_help("end the chain at a claim with an absolute date or at `article`"),
            ),
            Some(_) => {}
        }
    }
}

fn anchors_loop(by_id: &BTreeMap<&str, &Claim>, start: &Claim) -> bool {
    let mut at = start;
    for _ in 0..=by_id.len() {
        match anchor_of(at) {
            Some(Anchor::Claim(next)) => match by_id.get(next.as_str()) {
                Some(next) if next.id == start.id => return true,
                Some(next) => at = next,
                None => return false,
            },
            _ => return false,
        }
    }
    true
}

/// The subjects and measure or predicate a claim is looked up by, with the
/// spans they were written at: a statistical figure computed from parts is
/// looked up by its parts.
fn claim_keys<'a>(claim: &'a Claim, raw: &'a raw::Claim) -> Vec<(&'a Term, &'a Term, Span)> {
    let series = |series: &'a crate::model::Series| -> Vec<(&'a Term, &'a Term, Span)> {
        match (&raw.parts, &raw.subject) {
            (Some(parts), _) if !series.parts.is_empty() => {
                series.parts.iter().zip(&parts.value).map(|(p, raw)| (p, &series.measure, raw.span)).collect()
            }
            (_, Some(subject)) => vec![(&series.subject, &series.measure, subject.span)],
            _ => Vec::new(),
        }
    };
    match &claim.assertion {
        Assertion::Quantity(q) if q.parts.is_empty() => {
            raw.subject.as_ref().map(|s| (&q.subject, &q.measure, s.span)).into_iter().collect()
        }
        Assertion::Quantity(q) => raw
            .parts
            .as_ref()
            .map(|parts| q.parts.iter().zip(&parts.value).map(|(p, raw)| (p, &q.measure, raw.span)).collect())
            .unwrap_or_default(),
        Assertion::Date(d) => raw.event.as_ref().map(|e| (&d.event, &d.measure, e.span)).into_iter().collect(),
        Assertion::Event(t) | Assertion::Attribution(t) => {
            raw.subject.as_ref().map(|s| (&t.subject, &t.predicate, s.span)).into_iter().collect()
        }
        Assertion::Change(c) => series(&c.series),
        Assertion::Ratio(r) => series(&r.series),
        Assertion::Share(s) => series(&s.series),
        Assertion::Rank(r) => series(&r.series),
        Assertion::Record(r) => series(&r.series),
        Assertion::Comparison(c) => series(&c.series),
        Assertion::Quote(_) | Assertion::Opinion => Vec::new(),
    }
}

/// Warns about claims that no fact could ever answer: usually a typo in a
/// subject or measure, and otherwise a fact still to be researched.
fn warn_unknown_keys(file: &ClaimsIn, keys: &FactKeys<'_>, diags: &mut Vec<Diagnostic>) {
    for (index, claim) in &file.file.items {
        for (subject, property, span) in claim_keys(claim, file.raw_claim(*index)) {
            warn_unknown_key(file, claim, subject, property, span, keys, diags);
        }
    }
}

fn warn_unknown_key(
    file: &ClaimsIn,
    claim: &Claim,
    subject: &Term,
    property: &Term,
    span: Span,
    keys: &FactKeys<'_>,
    diags: &mut Vec<Diagnostic>,
) {
    if keys.contains(subject.as_str(), property.as_str()) {
        return;
    }
    let properties = keys.properties_of(subject.as_str());
    let help = if !properties.is_empty() {
        match closest(property.as_str(), properties.iter().copied()) {
            Some(near) => format!("did you mean `{near}`?"),
            None => format!("facts about `{subject}` hold: {}", properties.join(", ")),
        }
    } else {
        match closest(subject.as_str(), keys.subjects()) {
            Some(near) => format!("did you mean `{near}`?"),
            None => "add a fact, or an `unsettled` fact saying why no source settles it".to_owned(),
        }
    };
    diags.push(
        Diagnostic::warning(
            &file.file.path,
            &file.file.text,
            span,
            format!("no fact about `{subject}` `{property}`; claim `{}` will be unverifiable", claim.id),
        )
        .with_help(help),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_citation_of_an_unknown_source_is_reported_however_often_its_list_recurs() {
        let fact = |id: &str, sources: &str| {
            format!(
                "  - id: {id}\n    subject: town\n    measure: population\n    value: 1\n    unit: people\n    as_of: 2024-01-01\n    sources: [{sources}]\n"
            )
        };
        let text = [
            fact("a", "known"),
            fact("b", "gone"),
            fact("c", "known"),
            fact("d", "gone"),
            fact("e", "known, gone"),
            fact("f", "known, Not-An-Id"),
            fact("g", "known"),
            fact("h", "known, Not-An-Id"),
        ]
        .concat();
        let known: BTreeSet<String> = ["known".to_owned()].into();
        let out = parse_facts_file(
            "reference/facts/a.yaml",
            Ok(Some(Arc::from(format!("facts:\n{text}")))),
            Some(&known),
            None,
        );
        let unknown: Vec<(u32, &str)> = out
            .diags
            .iter()
            .filter(|d| d.message.starts_with("unknown source"))
            .map(|d| (d.span.line, d.message.as_str()))
            .collect();
        let line = |fact: u32| 8 + 7 * fact;
        assert_eq!(
            unknown,
            [
                (line(1), "unknown source `gone`"),
                (line(3), "unknown source `gone`"),
                (line(4), "unknown source `gone`"),
                (line(5), "unknown source `Not-An-Id`"),
                (line(7), "unknown source `Not-An-Id`"),
            ]
        );
        assert_eq!(
            out.facts.iter().map(|f| f.id.as_str()).collect::<Vec<_>>(),
            ["a", "b", "c", "d", "e", "f", "g", "h"]
        );
    }
}
