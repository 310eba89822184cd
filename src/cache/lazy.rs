//! Facts decoded when first looked up, and articles read a batch at a
//! time: a run through the caches ([`crate::load::from_root_lean`]) keeps
//! each facts file and each claims file as its parse-cache entry (a file
//! it parses is written there and its contents dropped, unless the entry
//! cannot be written). It decodes a file's facts only when a check or a
//! report looks up something that file holds ([`Combined`] says which
//! files hold what), so that after an edit only the facts of the files the
//! re-checked articles look up are decoded, not a million. A batch of
//! claims looks facts up through a [`Scope`], which holds the files it
//! decodes for that batch and the next one only: a first run holds the
//! facts a batch reads, not every fact by its end. It reads an article's
//! claims only when its batch is checked ([`LazyArticles`]), so that a
//! run over a hundred thousand claims never holds them all.
//!
//! A lookup answers as the in-memory index does ([`crate::check::FactIndex`]):
//! facts about a subject and property in id order, and a subject's facts
//! grouped by property in property order. An entry that cannot be read
//! when it is needed (removed or damaged since the run began) is made
//! again from its file ([`Reread`]), if the file still holds what the run
//! loaded; otherwise its file's facts are left out and the store is marked
//! [`LazyFacts::failed`] (an article's, and its batch is `None`): nothing
//! made without them is to be trusted, and no verdict made without them
//! is kept.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use crate::load::shared::Shared;
use crate::model::{ArticleClaims, ArticleId, Fact, FactId, Term};

use super::files::Entries;
use super::key::Digest;
use super::summary::Combined;

/// Reads a file kept in the parse cache again from the project, when its
/// entry cannot be read: a run that has begun printing its report cannot
/// start again, so a removed or damaged entry is made again from the file
/// it was made from. Only a file whose content is still the one the run
/// loaded (the same digest) may answer; one edited since answers `None`.
pub trait Reread: Send + Sync + std::fmt::Debug {
    /// The facts of the facts file `path`, if its content's digest is still
    /// `content`.
    fn facts(&self, path: &str, content: &Digest) -> Option<Vec<Fact>>;
    /// The article of the claims file `path`, if the digests of its
    /// content and of its article's text are still `content` and `text`.
    fn article(&self, path: &str, content: &Digest, text: &Digest) -> Option<ArticleClaims>;
}

/// One facts file: its facts, if held for the whole run (parsed, or
/// decoded for a lookup outside a [`Scope`]).
#[derive(Debug)]
pub struct LazyFile {
    path: String,
    content: Digest,
    facts: OnceLock<Arc<FileFacts>>,
}

impl LazyFile {
    /// A file whose facts are in the parse cache under `content`.
    pub fn kept(path: String, content: Digest) -> LazyFile {
        LazyFile { path, content, facts: OnceLock::new() }
    }

    /// A file whose facts are loaded already, and never read from the cache.
    pub fn loaded(path: String, facts: Vec<Fact>) -> LazyFile {
        LazyFile::parsed(path, [0; 32], facts)
    }

    /// A file parsed in this run whose entry could not be written: its
    /// facts stay in memory, since they cannot be read back.
    pub fn parsed(path: String, content: Digest, facts: Vec<Fact>) -> LazyFile {
        LazyFile { path, content, facts: OnceLock::from(Arc::new(FileFacts::new(facts))) }
    }
}

/// One file's facts, ordered for lookups.
#[derive(Debug, Default)]
struct FileFacts {
    /// In the file's order.
    facts: Vec<Fact>,
    /// Positions in `facts`, sorted by subject, property and id.
    order: Vec<u32>,
    /// Positions in `facts`, sorted by id.
    by_id: Vec<u32>,
}

impl FileFacts {
    fn new(facts: Vec<Fact>) -> FileFacts {
        // Positions are sorted, not facts: a fact is a few hundred bytes to move.
        let positions = || (0..u32::try_from(facts.len()).unwrap_or(u32::MAX)).collect::<Vec<u32>>();
        let (mut order, mut by_id) = (positions(), positions());
        let fact = |i: &u32| &facts[*i as usize];
        order.sort_unstable_by(|a, b| {
            let (a, b) = (fact(a), fact(b));
            (&a.subject, &a.property, &a.id).cmp(&(&b.subject, &b.property, &b.id))
        });
        by_id.sort_unstable_by(|a, b| fact(a).id.cmp(&fact(b).id));
        FileFacts { facts, order, by_id }
    }

    /// The facts about `subject` (and `property`, if given), in property
    /// and id order.
    fn about(&self, subject: &str, property: Option<&str>) -> impl Iterator<Item = &Fact> {
        fn key<'f>(f: &'f Fact, property: Option<&str>) -> (&'f str, Option<&'f str>) {
            (f.subject.as_str(), property.map(|_| f.property.as_str()))
        }
        let fact = |i: &u32| &self.facts[*i as usize];
        let start = self.order.partition_point(|i| key(fact(i), property) < (subject, property));
        let len = self.order[start..].partition_point(|i| key(fact(i), property) == (subject, property));
        self.order[start..start + len].iter().map(fact)
    }

    fn fact(&self, id: &FactId) -> Option<&Fact> {
        let at = self.by_id.binary_search_by(|i| self.facts[*i as usize].id.cmp(id)).ok()?;
        Some(&self.facts[self.by_id[at] as usize])
    }
}

/// Every fact of a project, file by file, decoded when first looked up.
#[derive(Debug)]
pub struct LazyFacts {
    entries: Entries,
    reread: Option<Arc<dyn Reread>>,
    files: Vec<LazyFile>,
    combined: Combined,
    failed: AtomicBool,
    decoded: AtomicUsize,
    /// The measures, predicates, source ids and source lists of every
    /// file decoded so far. A file's decoded facts share them within the
    /// file; these are a project's vocabulary, repeated from file to file,
    /// so they are shared across files too. Subjects and ids are many and
    /// mostly a file's own: they are not kept here.
    vocabulary: Mutex<Shared>,
}

impl LazyFacts {
    /// The facts of `files` (in path order, as `combined` numbers them),
    /// reading those not parsed yet from `entries`, or through `reread`
    /// when an entry cannot be read.
    pub fn new(
        entries: Entries,
        reread: Option<Arc<dyn Reread>>,
        files: Vec<LazyFile>,
        combined: Combined,
    ) -> LazyFacts {
        let (failed, decoded) = (AtomicBool::new(false), AtomicUsize::new(0));
        let vocabulary = Mutex::default();
        LazyFacts { entries, reread, files, combined, failed, decoded, vocabulary }
    }

    /// What the files hold, summed up.
    pub fn combined(&self) -> &Combined {
        &self.combined
    }

    /// How many facts there are.
    pub fn len(&self) -> usize {
        self.combined.facts()
    }

    /// Whether there is no fact.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether some file's facts could not be read when looked up, from
    /// the cache or from the file: what was made from this store may lack
    /// them.
    pub fn failed(&self) -> bool {
        self.failed.load(Ordering::SeqCst)
    }

    /// How many files' facts were read from the cache so far.
    pub fn decoded(&self) -> usize {
        self.decoded.load(Ordering::Relaxed)
    }

    /// The facts of file `index`, decoded (and kept for the whole run) if
    /// not held yet.
    fn file(&self, index: u32) -> &FileFacts {
        match self.files.get(index as usize) {
            Some(file) => file.facts.get_or_init(|| self.decode(file)),
            None => self.missing(),
        }
    }

    /// The facts of `file`, read from its entry (or from the file itself if
    /// the entry cannot be read); none, and the store marked failed, if
    /// neither can be.
    fn decode(&self, file: &LazyFile) -> Arc<FileFacts> {
        let reread = || self.reread.as_ref()?.facts(&file.path, &file.content);
        match self.entries.facts(&file.path, &file.content).or_else(reread) {
            Some(mut facts) => {
                self.decoded.fetch_add(1, Ordering::Relaxed);
                let mut vocabulary = self.vocabulary.lock().unwrap_or_else(PoisonError::into_inner);
                for fact in &mut facts {
                    fact.property = Term::from(vocabulary.text(fact.property.as_str()));
                    fact.sources = vocabulary.sources(&fact.sources);
                }
                drop(vocabulary);
                Arc::new(FileFacts::new(facts))
            }
            None => {
                self.failed.store(true, Ordering::SeqCst);
                Arc::default()
            }
        }
    }

    fn missing(&self) -> &'static FileFacts {
        self.failed.store(true, Ordering::SeqCst);
        &EMPTY
    }

    /// The fact with this id.
    pub fn fact(&self, id: &FactId) -> Option<&Fact> {
        self.combined.files_with_id(id.as_str()).find_map(|file| self.file(file).fact(id))
    }

    /// A scope of lookups that holds what it decodes only as long as it
    /// lives ([`Scope`]).
    pub fn scope(&self) -> Scope<'_> {
        Scope { lazy: self, files: self.files.iter().map(|_| OnceLock::new()).collect(), carried: Vec::new() }
    }
}

/// Lookups in a [`LazyFacts`] that keep the files they decode only while
/// the scope lives, so that a run holds the facts its current batch of
/// claims reads, not every file any batch read. A file the run holds
/// anyway (parsed in it, or decoded for [`LazyFacts::fact`]) is not
/// decoded again. [`Scope::next`] begins the next batch's scope, holding
/// on to the files this one read: files many batches read (a store's
/// shared background) are decoded once, while an article's own are dropped
/// once a batch goes by without reading them.
#[derive(Debug)]
pub struct Scope<'l> {
    lazy: &'l LazyFacts,
    /// The files read in this scope, by file number.
    files: Vec<OnceLock<Arc<FileFacts>>>,
    /// The files the scope before this one read, by file number.
    carried: Vec<(u32, Arc<FileFacts>)>,
}

impl<'l> Scope<'l> {
    /// The store the scope looks up.
    pub fn lazy(&self) -> &'l LazyFacts {
        self.lazy
    }

    fn file(&self, index: u32) -> &FileFacts {
        let (Some(slot), Some(file)) = (self.files.get(index as usize), self.lazy.files.get(index as usize)) else {
            return self.lazy.missing();
        };
        slot.get_or_init(|| {
            let held = file.facts.get().cloned();
            let carried = || {
                self.carried.binary_search_by_key(&index, |(n, _)| *n).ok().map(|at| Arc::clone(&self.carried[at].1))
            };
            held.or_else(carried).unwrap_or_else(|| self.lazy.decode(file))
        })
    }

    /// Every fact about `subject` and `property`, in id order.
    pub fn about(&self, subject: &str, property: &str) -> Vec<&Fact> {
        let found = self.lazy.combined.found(subject, Some(property));
        let mut facts: Vec<&Fact> =
            found.iter().flat_map(|answer| self.file(answer.file).about(subject, Some(property))).collect();
        if found.len() > 1 {
            facts.sort_unstable_by(|a, b| a.id.cmp(&b.id));
        }
        facts
    }

    /// Every fact about `subject`, grouped by property in property order.
    pub fn properties_of(&self, subject: &str) -> Vec<(&str, Vec<&Fact>)> {
        let found = self.lazy.combined.found(subject, None);
        let mut facts: Vec<&Fact> =
            found.iter().flat_map(|answer| self.file(answer.file).about(subject, None)).collect();
        if found.len() > 1 {
            facts.sort_unstable_by(|a, b| (&a.property, &a.id).cmp(&(&b.property, &b.id)));
        }
        facts
            .chunk_by(|a, b| a.property == b.property)
            .map(|group| (group[0].property.as_str(), group.to_vec()))
            .collect()
    }

    /// The fact with this id.
    pub fn fact(&self, id: &FactId) -> Option<&Fact> {
        self.lazy.combined.files_with_id(id.as_str()).find_map(|file| self.file(file).fact(id))
    }

    /// The next scope, holding the files this one read.
    pub fn next(&self) -> Scope<'l> {
        let carried = (0u32..).zip(&self.files).filter_map(|(n, slot)| Some((n, Arc::clone(slot.get()?)))).collect();
        Scope { carried, ..self.lazy.scope() }
    }
}

static EMPTY: FileFacts = FileFacts { facts: Vec::new(), order: Vec::new(), by_id: Vec::new() };

/// One article of a lean run: its claims kept in the parse cache, or held
/// when they could not be kept there (a file with drafts, a cache that
/// cannot be written).
#[derive(Debug)]
pub struct LazyArticle {
    id: ArticleId,
    claims: usize,
    held: Option<ArticleClaims>,
    path: String,
    content: Digest,
    text: Digest,
}

impl LazyArticle {
    /// The article `id`, with `claims` claims, of the claims file `path`,
    /// kept in the parse cache under the digests of the file's `content`
    /// and of the article's `text`.
    pub fn kept(id: ArticleId, claims: usize, path: String, content: Digest, text: Digest) -> LazyArticle {
        LazyArticle { id, claims, held: None, path, content, text }
    }

    /// `article`, held in memory.
    pub fn held(article: ArticleClaims) -> LazyArticle {
        let (id, claims) = (article.article.id.clone(), article.claims.len());
        LazyArticle { id, claims, held: Some(article), path: String::new(), content: [0; 32], text: [0; 32] }
    }

    /// The article's id.
    pub fn id(&self) -> &ArticleId {
        &self.id
    }

    /// How many claims it has.
    pub fn claims(&self) -> usize {
        self.claims
    }

    /// Its article and claims: the held ones, or read from `entries`, or
    /// through `reread` when the entry cannot be read; `None` if neither
    /// gives this article.
    fn read(self, entries: &Entries, reread: Option<&dyn Reread>) -> Option<ArticleClaims> {
        if let Some(article) = self.held {
            return Some(article);
        }
        let this = |article: &ArticleClaims| article.article.id == self.id && article.claims.len() == self.claims;
        let (path, content, text) = (&self.path, &self.content, &self.text);
        entries.claims(path, content, text).filter(this).or_else(|| reread?.article(path, content, text).filter(this))
    }
}

/// Every article of a lean run, in id order, read a batch at a time.
#[derive(Debug)]
pub struct LazyArticles {
    entries: Entries,
    reread: Option<Arc<dyn Reread>>,
    articles: Vec<LazyArticle>,
}

impl LazyArticles {
    /// `articles` (in id order), reading those not held from `entries`,
    /// or through `reread` when an entry cannot be read.
    pub fn new(entries: Entries, reread: Option<Arc<dyn Reread>>, articles: Vec<LazyArticle>) -> LazyArticles {
        LazyArticles { entries, reread, articles }
    }

    /// The articles, without their claims.
    pub fn articles(&self) -> &[LazyArticle] {
        &self.articles
    }

    /// The articles in consecutive batches of about `per` claims each,
    /// each batch read when the iterator reaches it (across the cores);
    /// a batch is `None` if some article of it cannot be read.
    pub fn batches(self, per: usize) -> impl Iterator<Item = Option<Vec<ArticleClaims>>> {
        use rayon::prelude::*;
        let LazyArticles { entries, reread, articles } = self;
        let mut ends: Vec<usize> =
            crate::check::batches(&articles, LazyArticle::claims, per).into_iter().map(<[LazyArticle]>::len).collect();
        ends.reverse();
        let mut rest = articles.into_iter();
        std::iter::from_fn(move || {
            let len = ends.pop()?;
            let batch: Vec<LazyArticle> = rest.by_ref().take(len).collect();
            Some(batch.into_par_iter().map(|article| article.read(&entries, reread.as_deref())).collect())
        })
    }

    /// Every article, read at once; `None` if some cannot be read.
    pub fn all(self) -> Option<Vec<ArticleClaims>> {
        self.batches(usize::MAX).try_fold(Vec::new(), |mut all, batch| {
            all.extend(batch?);
            Some(all)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cache::files::FileCache;
    use crate::cache::key::digest;
    use crate::cache::summary::Summary;
    use crate::check::testing::{fact, num};
    use crate::model::Qualifier;

    /// Two facts files kept in a parse cache under `dir`, one about a
    /// town and one about a city, each fact with id `<subject>-1`.
    fn town_and_city(dir: &std::path::Path) -> LazyFacts {
        let cache = FileCache::open(dir, dir, "test");
        let people = || num(1.0, "people", Qualifier::Exact);
        let mut files = Vec::new();
        let mut summaries = Vec::new();
        for (path, subject) in [("reference/facts/a.yaml", "town"), ("reference/facts/b.yaml", "city")] {
            let content = digest(path.as_bytes());
            let facts = vec![fact(&format!("{subject}-1"), subject, "population", people(), "census")];
            let (summary, written) = cache.store_facts(path, &content, &facts);
            assert!(written);
            summaries.push(summary);
            files.push(LazyFile::kept(path.to_owned(), content));
        }
        let combined = Combined::new(summaries.iter().collect::<Vec<&Summary>>());
        LazyFacts::new(cache.entries(), None, files, combined)
    }

    #[test]
    fn a_scope_holds_what_it_and_the_scope_before_it_read_and_no_more() {
        let dir = tempfile::tempdir().unwrap();
        let lazy = town_and_city(dir.path());
        let first = lazy.scope();
        let town = first.about("town", "population");
        assert_eq!((town.len(), lazy.decoded()), (1, 1));
        let weak = Arc::downgrade(first.files[0].get().unwrap());
        let second = first.next();
        drop(first);
        assert_eq!(second.fact(&FactId::from("town-1")).map(|f| f.subject.as_str()), Some("town"));
        assert_eq!(second.properties_of("city").len(), 1);
        assert_eq!(lazy.decoded(), 2, "the town's file came from the scope before");
        let third = second.next();
        drop(second);
        assert_eq!(third.about("city", "population").len(), 1);
        assert_eq!(lazy.decoded(), 2, "the city's file came from the scope before");
        let fourth = third.next();
        drop(third);
        assert!(weak.upgrade().is_none(), "the town's file, unread for a scope, is freed");
        assert_eq!(fourth.about("town", "population").len(), 1);
        assert_eq!(lazy.decoded(), 3, "and read again when needed");
        // A file the whole run holds is never decoded for a scope.
        assert!(lazy.fact(&FactId::from("city-1")).is_some());
        assert_eq!(lazy.decoded(), 4);
        assert_eq!(lazy.scope().about("city", "population").len(), 1);
        assert_eq!(lazy.decoded(), 4);
        assert!(lazy.fact(&FactId::from("village-1")).is_none() && !lazy.failed());
    }

    #[test]
    fn facts_decoded_from_two_files_share_their_measures_and_sources() {
        let dir = tempfile::tempdir().unwrap();
        let lazy = town_and_city(dir.path());
        let scope = lazy.scope();
        let (town, city) = (scope.about("town", "population"), scope.about("city", "population"));
        assert_eq!((town.len(), city.len(), lazy.decoded()), (1, 1, 2));
        assert!(std::ptr::eq(town[0].property.as_str(), city[0].property.as_str()), "one `population`");
        assert!(std::ptr::eq(&*town[0].sources, &*city[0].sources), "one source list");
        assert!(!lazy.failed());
    }
}
