//! The lean load: a project through the parse cache whose facts stay in
//! the cache until a check looks them up ([`crate::cache::lazy`]).
//!
//! For each facts file only its summary ([`crate::cache::summary`]) is
//! read, unless the file changed and is parsed. What spans files is checked
//! on the summaries: ids unique, every citation naming a source, claims
//! about subjects and properties some fact knows. The lean load answers
//! only for data with nothing to report: any problem, even a warning, or
//! any doubt (two ids sharing a key), and it gives up, so that the full
//! load ([`super::validate::run`]) finds it and says where it is.
//!
//! A kept file whose entry cannot be read when its facts or claims are
//! needed is parsed again from the project ([`FromProject`]).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use borsh::{BorshDeserialize, BorshSerialize};

use crate::cache::files::{Entries, FileCache};
use crate::cache::key::{Digest, Hasher, digest};
use crate::cache::lazy::{LazyArticle, LazyArticles, LazyFacts, LazyFile, Reread};
use crate::cache::summary::{ClaimsSummary, Combined, Summary};
use crate::model::{ArticleClaims, ArticleId, Choice, Deferred, Definition, Fact, Project, Reference, Source};
use crate::progress::{Phase, Progress};

use super::input::{ArticleText, Disk, Input, each_biggest_first, stem};
use super::validate::{
    cached_claims_file, check_sources, checked_claims_file, load_sources, load_terms, model_keys, parse_facts_file,
};
use super::{ARTICLES_DIR, SOURCES_FILE, TERMS_FILE};

/// The project under `root`, with its facts deferred, or `None` if the
/// full load must say something about it.
pub fn run(root: &Path, articles: &Choice, progress: &dyn Progress, cache: &FileCache) -> Option<Lean> {
    let input = &Disk::new(root);
    if !input.problems().is_empty() {
        return None;
    }
    let all_claims = input.claims();
    if articles.named().any(|id| !all_claims.iter().any(|path| stem(path) == id)) {
        return None;
    }
    let claims_paths: Vec<String> = all_claims.iter().filter(|path| articles.admits(stem(path))).cloned().collect();
    let facts_paths = input.facts();
    let size = |paths: &[String]| paths.iter().map(|p| input.size(p)).sum::<u64>();
    progress.begin(Phase::Loading, size(&facts_paths) + size(&claims_paths));

    let named: BTreeSet<&str> = all_claims.iter().map(|path| stem(path)).collect();
    let ReferenceParts { sources, source_ids, definitions } = reference_parts(input, cache, &named)?;
    let files = each_biggest_first(input, &facts_paths, |path, size| {
        let file = facts_file(input, path, &source_ids, cache);
        progress.advance(size);
        file
    });
    let (files, summaries): (Vec<LazyFile>, Vec<Summary>) = files?.into_iter().unzip();
    let combined = Combined::new(&summaries);
    drop(summaries);
    if combined.may_repeat_ids() {
        return None;
    }

    let claims = each_biggest_first(input, &claims_paths, |path, size| {
        let article = claims_file(input, path, &source_ids, &combined, cache);
        progress.advance(size);
        article
    });
    let mut articles = claims?;
    articles.sort_by(|a, b| a.id().cmp(b.id()));

    let reread: Arc<dyn Reread> = Arc::new(FromProject { root: root.to_path_buf(), entries: cache.entries() });
    let facts = LazyFacts::new(cache.entries(), Some(Arc::clone(&reread)), files, combined);
    let deferred = Deferred(Some(Arc::new(facts)));
    let reference = Reference { sources, facts: Vec::new(), definitions, deferred };
    Some(Lean { reference, articles: LazyArticles::new(cache.entries(), Some(reread), articles) })
}

/// Parses a kept file again from the project when its entry cannot be
/// read, and writes the entry again: only a file whose content is still
/// the one loaded, and that parses with nothing to report, as it did.
#[derive(Debug)]
struct FromProject {
    root: PathBuf,
    entries: Entries,
}

impl Reread for FromProject {
    fn facts(&self, path: &str, content: &Digest) -> Option<Vec<Fact>> {
        let text = Disk::reader(&self.root).read(path).ok()??;
        if digest(text.as_bytes()) != *content {
            return None;
        }
        let out = parse_facts_file(path, Ok(Some(text)), None, None);
        let facts = Some(out.facts).filter(|_| out.parsed && out.diags.is_empty() && out.failed_keys.is_empty())?;
        self.entries.parsed_again();
        self.entries.store_facts(path, content, &facts);
        Some(facts)
    }

    fn article(&self, path: &str, content: &Digest, text: &Digest) -> Option<ArticleClaims> {
        let input = Disk::reader(&self.root);
        let (Ok(Some(claims)), Ok(ArticleText::Text(article))) = (input.read(path), input.article(stem(path))) else {
            return None;
        };
        if digest(claims.as_bytes()) != *content || digest(article.as_bytes()) != *text {
            return None;
        }
        let mut diags = Vec::new();
        let article = checked_claims_file(&input, path, Some((claims, article)), None, None, &mut diags)
            .filter(|article| diags.is_empty() && article.drafts.is_empty())?;
        self.entries.parsed_again();
        self.entries.store_claims(path, content, text, &article);
        Some(article)
    }
}

/// A project as a lean load leaves it: the reference with its facts
/// deferred, and the articles' claims in the parse cache.
#[derive(Debug)]
pub struct Lean {
    /// The reference data, its facts read when looked up.
    pub reference: Reference,
    /// The articles, in id order, read a batch at a time.
    pub articles: LazyArticles,
}

impl Lean {
    /// The whole project, every article read; `None` if some cannot be.
    pub fn into_project(self) -> Option<Project> {
        Some(Project { articles: self.articles.all()?, reference: self.reference })
    }
}

/// The sources, with their documents, and the vocabulary, as the project
/// uses them, and the source ids as written.
#[derive(BorshSerialize, BorshDeserialize)]
struct ReferenceParts {
    sources: Vec<Source>,
    source_ids: BTreeSet<String>,
    definitions: Vec<Definition>,
}

/// The label of the kept [`ReferenceParts`].
const REFERENCE: &[u8] = b"sources and terms v1";

/// The sources and the vocabulary: from the cache when it keeps them for
/// the contents of the sources file, the terms file and every document
/// (and the same articles, which excerpts may name), loaded and kept
/// otherwise; `None` if they have anything to report.
fn reference_parts(input: &impl Input, cache: &FileCache, articles: &BTreeSet<&str>) -> Option<ReferenceParts> {
    let mut key = Hasher::default();
    key.part(REFERENCE);
    let mut paths = vec![SOURCES_FILE.to_owned(), TERMS_FILE.to_owned()];
    paths.extend(input.documents());
    for path in &paths {
        // A file that cannot be read is reported by the full load.
        let digest = cache.stamps().digest(path).ok()?;
        key.part(path.as_bytes()).part(&digest);
    }
    for article in articles {
        key.part(article.as_bytes());
    }
    let key = key.finish();
    if let Some(parts) = cache.kept(REFERENCE, &key) {
        return Some(parts);
    }
    let mut diags = Vec::new();
    let ((sources, source_ids), (terms, term_diags)) =
        rayon::join(|| load_sources(input, &mut diags), || load_terms(input));
    let (sources, source_ids, terms) = (sources?, source_ids?, terms?);
    check_sources(&sources, articles, &mut diags);
    if !diags.is_empty() || !term_diags.is_empty() {
        return None;
    }
    let mut sources: Vec<Source> = sources.items.into_iter().map(|(_, v)| v).collect();
    sources.sort_by(|a, b| a.id.cmp(&b.id));
    let mut definitions: Vec<Definition> = terms.items.into_iter().map(|(_, v)| v).collect();
    definitions.sort_by(|a, b| a.term.cmp(&b.term));
    let parts = ReferenceParts { sources, source_ids, definitions };
    cache.keep(REFERENCE, &key, &parts);
    Some(parts)
}

/// One facts file: its summary from the cache, or its facts parsed (and
/// kept), or `None` if it has a problem to report or cites a source that
/// is not listed.
fn facts_file(
    input: &impl Input,
    path: &str,
    sources: &BTreeSet<String>,
    cache: &FileCache,
) -> Option<(LazyFile, Summary)> {
    let cites_known = |summary: &Summary| summary.cites().all(|id| sources.contains(id));
    let (stamp, known) = cache.stamps().trusted(path);
    let (content, text) = match known {
        Some(content) => (content, None),
        None => {
            let text = input.read(path).ok()??;
            (cache.digest_of(path, stamp.clone(), &text), Some(text))
        }
    };
    if let Some(summary) = cache.summary(path, &content) {
        cache.cached();
        return cites_known(&summary).then(|| (LazyFile::kept(path.to_owned(), content), summary));
    }
    if let Some(facts) = cache.facts(path, &content) {
        // Kept by a run that kept no summary: made here, once.
        cache.cached();
        let summary = Summary::of(&facts);
        cache.store_summary(path, &content, &summary);
        return cites_known(&summary).then(|| (LazyFile::kept(path.to_owned(), content), summary));
    }
    let (content, text) = match text {
        Some(text) => (content, text),
        None => {
            let text = input.read(path).ok()??;
            (cache.digest_of(path, stamp, &text), text)
        }
    };
    cache.parsed();
    let out = parse_facts_file(path, Ok(Some(text)), Some(sources), Some((cache, content)));
    let summary = out.summary.filter(|_| out.parsed && out.diags.is_empty() && out.failed_keys.is_empty())?;
    // Facts written to the cache are dropped, and read back only if a
    // check looks them up: a first run holds no more of a million facts
    // at once than a later one does.
    let file = if out.written {
        LazyFile::kept(path.to_owned(), content)
    } else {
        LazyFile::parsed(path.to_owned(), content, out.facts)
    };
    Some((file, summary))
}

/// One claims file's article: its summary from the cache, its claims left
/// there; or the article read or parsed (and kept, with its summary), its
/// claims dropped if the cache holds them; or `None` if it has a problem
/// to report, cites a source that is not listed or names a subject and
/// property no fact is about.
fn claims_file(
    input: &impl Input,
    path: &str,
    sources: &BTreeSet<String>,
    combined: &Combined,
    cache: &FileCache,
) -> Option<LazyArticle> {
    let article_path = format!("{ARTICLES_DIR}/{}.txt", stem(path));
    // The digests of the claims file and its article: known from their
    // stamps, or read and hashed (a file that cannot be read is reported
    // by the full load).
    let digests = match (cache.stamps().trusted(path), cache.stamps().trusted(&article_path)) {
        ((_, Some(content)), (_, Some(text))) => Some((content, text)),
        ((stamp, _), (article_stamp, _)) => match (input.read(path), input.article(stem(path))) {
            (Ok(Some(claims)), Ok(ArticleText::Text(article))) => {
                Some((cache.digest_of(path, stamp, &claims), cache.digest_of(&article_path, article_stamp, &article)))
            }
            _ => None,
        },
    };
    if let Some((content, text)) = digests
        && let Some(summary) = cache.claims_summary(path, &content, &text)
    {
        cache.cached();
        let sound = summary.cites.iter().all(|id| sources.contains(id))
            && summary.keys.iter().all(|(subject, property)| combined.knows(subject, property));
        let claims = usize::try_from(summary.claims).ok()?;
        return sound.then(|| LazyArticle::kept(ArticleId::from(summary.id), claims, path.to_owned(), content, text));
    }
    let mut diags = Vec::new();
    let read = cached_claims_file(input, path, cache, Some(sources), None, &mut diags);
    let (article, kept) = read.filter(|(article, _)| diags.is_empty() && knows_every_key(article, combined))?;
    // Claims the cache holds are dropped, and read back a batch at a time
    // when they are checked.
    let Some((content, text)) = kept else { return Some(LazyArticle::held(article)) };
    cache.store_claims_summary(path, &content, &text, &claims_summary(&article));
    let id = article.article.id.clone();
    Some(LazyArticle::kept(id, article.claims.len(), path.to_owned(), content, text))
}

/// What a lean run checks of an article's claims across files.
fn claims_summary(article: &ArticleClaims) -> ClaimsSummary {
    let claims = &article.claims;
    let cites: BTreeSet<&str> = claims.iter().flat_map(|c| &c.sources).map(|id| id.as_str()).collect();
    let keys: BTreeSet<(&str, &str)> =
        claims.iter().flat_map(model_keys).map(|(subject, property)| (subject.as_str(), property.as_str())).collect();
    ClaimsSummary {
        id: article.article.id.to_string(),
        claims: claims.len() as u64,
        cites: cites.into_iter().map(str::to_owned).collect(),
        keys: keys.into_iter().map(|(s, p)| (s.to_owned(), p.to_owned())).collect(),
    }
}

/// Whether some fact is about every subject and property the article's
/// claims name: otherwise the full load warns about the claim.
fn knows_every_key(article: &ArticleClaims, combined: &Combined) -> bool {
    article.claims.iter().all(|claim| model_keys(claim).iter().all(|(s, p)| combined.knows(s.as_str(), p.as_str())))
}
