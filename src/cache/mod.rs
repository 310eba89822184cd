//! Caches that spare a run the work an earlier run did: the parse cache
//! ([`files`]: each facts file's parsed facts with their [`summary`], each
//! claims file's article and claims), the deferred facts of a lean run
//! ([`lazy`]: a file's facts decoded only when a check looks something up
//! in it), the record cache ([`records`]: each article's verdicts, kept
//! under what checking them read), and, for the per-claim test harness,
//! the state of the whole project ([`open`]): every claim's snapshot
//! record for one state of the data, so that a test process checking one
//! claim reads one small file.
//!
//! Every key is a BLAKE3 digest of content ([`key`]) and of the program's
//! identity, so a cached result is never served for other data or by
//! another build; every cache file carries the digest of its own bytes
//! ([`entry`]), so a damaged or foreign one is ignored and made again.
//! Set `FACTCHECK_CACHE` to keep the caches elsewhere.
//!
//! Under `cargo nextest` every claim's test is its own process. The first
//! process after a change of the data brings the state up to date (the
//! parse cache parses only the files that changed, the record cache checks
//! only the articles whose inputs changed); the others find it built.

pub mod entry;
pub mod files;
pub mod key;
pub mod lazy;
pub mod passed;
pub mod records;
pub mod summary;

use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, SystemTime};

use borsh::{BorshDeserialize, BorshSerialize};

use crate::check;
use crate::error::Error;
use crate::model::{Choice, Claim, Verdict};
use crate::progress::Quiet;
use crate::report::{self, snapshot};

use files::FileCache;
use key::{Hasher, hex};
use records::Records;

/// One claim as its test needs it: whether the verdict is what the claim
/// expects, the digest of its snapshot, and the snapshot's body and header,
/// read only when the snapshot is compared.
#[derive(Clone, Debug)]
pub struct CachedClaim {
    /// The claim's kind.
    pub kind: String,
    /// Why the verdict is not what the claim expects, if it is not.
    pub unexpected: Option<String>,
    /// Whether an unexpected verdict only warns (severity `warn`) instead
    /// of failing the test.
    pub warn: bool,
    /// The digest of what the snapshot is made of: the record, its header
    /// and its description ([`passed`]).
    pub digest: key::Digest,
    /// The article's snapshots, and this claim's place among them.
    snapshots: Arc<Snapshots>,
    index: usize,
}

/// The snapshots' parts of one article's claims, in a file of their own,
/// read when a claim's snapshot is first compared: a run where every
/// snapshot matched already reads none of them.
#[derive(Debug)]
struct Snapshots {
    path: PathBuf,
    parts: OnceLock<Option<Vec<SnapshotParts>>>,
}

/// What one claim's snapshot is made of.
#[derive(Clone, Debug, BorshSerialize, BorshDeserialize)]
pub struct SnapshotParts {
    /// The snapshot's body, as `snapshot::record` makes it, in JSON.
    pub record: String,
    /// The snapshot header's `info:`, in JSON.
    pub info: String,
    /// The claim's words: the snapshot's description.
    pub text: String,
}

impl SnapshotParts {
    /// The snapshot's body.
    pub fn record(&self) -> serde_json::Value {
        serde_json::from_str(&self.record).unwrap_or_default()
    }

    /// The snapshot header's `info:`.
    pub fn info(&self) -> serde_json::Value {
        serde_json::from_str(&self.info).unwrap_or_default()
    }
}

impl CachedClaim {
    /// What the claim's snapshot is made of, or `None` if the cache file
    /// holding it is gone or damaged.
    pub fn snapshot(&self) -> Option<&SnapshotParts> {
        let snapshots = &self.snapshots;
        snapshots.parts.get_or_init(|| entry::read(&snapshots.path, SNAPSHOTS)).as_ref()?.get(self.index)
    }

    /// What the claim's test makes of its verdict: `Ok(None)` when it is
    /// what the claim expects, `Ok(Some(why))` when it is not but the
    /// claim's severity is `warn` (the test passes and prints why), and
    /// `Err(why)` when it is not at severity `error` (the test fails).
    pub fn expectation(&self) -> Result<Option<&str>, &str> {
        match &self.unexpected {
            None => Ok(None),
            Some(why) if self.warn => Ok(Some(why)),
            Some(why) => Err(why),
        }
    }
}

/// A [`CachedClaim`] as it is kept, but its snapshot's parts.
#[derive(BorshSerialize, BorshDeserialize)]
struct Stored {
    id: String,
    /// [`CachedClaim::digest`], made once when the record is written.
    digest: key::Digest,
    kind: String,
    unexpected: Option<String>,
    warn: bool,
}

/// Every test of one state of the data, or why the data does not load.
#[derive(BorshSerialize, BorshDeserialize)]
enum Listing {
    Loaded { trials: Vec<String>, drafts: Vec<String> },
    Failed(String),
}

const LISTING: &[u8] = b"listing v1";
const ARTICLES: &[u8] = b"articles v1";
const ARTICLE: &[u8] = b"article claims v2";
const SNAPSHOTS: &[u8] = b"article snapshots v1";

/// Each article's records file in `claims/`, by article id.
type Articles = Vec<(String, String)>;

/// The cached results of one state of the data.
#[derive(Debug)]
pub struct Run {
    /// The state's folder: its list of tests and of articles' records.
    dir: PathBuf,
    /// Where the articles' records are.
    made: PathBuf,
    /// Each article's records file, read when first needed, sorted by id.
    articles: OnceLock<Articles>,
}

/// The tests of a project's current data, by name, `<article-id>::<claim-id>`.
#[derive(Debug, Default)]
pub struct Tests {
    /// Every claim's test, in the order they were checked.
    pub claims: Vec<String>,
    /// Every draft's test, in reading order: drafts are not checked, so
    /// their tests are ignored.
    pub drafts: Vec<String>,
}

/// Where the records of a project's current data are, bringing them up
/// to date if needed.
pub fn open(cache: &Path, root: &Path, program: &str) -> Result<Run, Error> {
    let write = |path: &Path, source: io::Error| Error::Write { path: path.display().to_string(), source };
    std::fs::create_dir_all(cache).map_err(|e| write(cache, e))?;
    let files = FileCache::open(cache, root, program);
    let mut hasher = Hasher::default();
    hasher.part(program.as_bytes());
    for path in crate::load::data_files(root) {
        let digest = files.stamps().digest(&path).map_err(|e| write(&root.join(&path), e))?;
        hasher.part(path.as_bytes()).part(&digest);
    }
    let key = hex(&hasher.finish())[..32].to_owned();
    let states = cache.join("states");
    let made = cache.join("claims");
    let dir = states.join(&key);
    if dir.join("listing.bin").is_file() {
        files.save();
        return Ok(Run { dir, made, articles: OnceLock::new() });
    }
    std::fs::create_dir_all(&states).map_err(|e| write(&states, e))?;
    let _lock = lock(&dir.with_extension("lock")).map_err(|e| write(&dir, e))?;
    // Another process may have built it while this one waited.
    if !dir.join("listing.bin").is_file() {
        build(root, &dir, &made, &files, &Records::open(cache, program)).map_err(|e| write(&dir, e))?;
        prune(&states, &key);
        prune_made(&states, &made);
    }
    Ok(Run { dir, made, articles: OnceLock::new() })
}

impl Run {
    fn listing(&self) -> Result<Listing, String> {
        entry::read(&self.dir.join("listing.bin"), LISTING)
            .ok_or_else(|| format!("the cached list of tests in {} is unreadable", self.dir.display()))
    }

    /// Every claim's test name, `<article-id>::<claim-id>`, in the order
    /// they were checked, or why the data could not be loaded.
    pub fn trials(&self) -> Result<Vec<String>, String> {
        self.tests().map(|tests| tests.claims)
    }

    /// Every test name, claims' and drafts', from one read of the list, or
    /// why the data could not be loaded.
    pub fn tests(&self) -> Result<Tests, String> {
        match self.listing()? {
            Listing::Loaded { trials, drafts } => Ok(Tests { claims: trials, drafts }),
            Listing::Failed(problem) => Err(problem),
        }
    }

    /// Every claim of one article, in reading order, if its records exist.
    pub fn article(&self, article: &str) -> Option<Vec<(String, CachedClaim)>> {
        let articles = self.articles.get_or_init(|| {
            let mut articles: Articles = entry::read(&self.dir.join("articles.bin"), ARTICLES).unwrap_or_default();
            // Sorted once, so that each article is found by a search and a
            // run of n articles' tests does not compare n²/2 ids.
            articles.sort_unstable();
            articles
        });
        let at = articles.binary_search_by(|(id, _)| id.as_str().cmp(article)).ok()?;
        let (_, file) = &articles[at];
        let stored: Vec<Stored> = entry::read(&self.made.join(file), ARTICLE)?;
        let snapshots = Arc::new(Snapshots { path: self.made.join(snapshots_file(file)), parts: OnceLock::new() });
        let claims = stored.into_iter().enumerate().map(|(index, s)| {
            let claim = CachedClaim {
                digest: s.digest,
                kind: s.kind,
                unexpected: s.unexpected,
                warn: s.warn,
                snapshots: Arc::clone(&snapshots),
                index,
            };
            (format!("{article}::{}", s.id), claim)
        });
        Some(claims.collect())
    }

    /// The record of one trial, if it exists.
    pub fn claim(&self, name: &str) -> Option<CachedClaim> {
        let (article, claim) = name.split_once("::")?;
        if !is_slug(claim) {
            return None;
        }
        self.article(article)?.into_iter().find(|(n, _)| n == name).map(|(_, c)| c)
    }
}

fn is_slug(id: &str) -> bool {
    !id.is_empty() && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// How many states of the data are kept besides the current one.
const KEEP: usize = 3;

/// States untouched for this long are no longer in use by a running test.
const IDLE: Duration = Duration::from_secs(600);

/// Removes the records of old states of the data, keeping the newest
/// [`KEEP`] and any that may still be in use.
fn prune(states: &Path, current: &str) {
    let Ok(entries) = std::fs::read_dir(states) else { return };
    let mut old: Vec<(SystemTime, PathBuf)> = entries
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_name()
                .to_str()
                .is_some_and(|n| n.len() == 32 && n != current && n.bytes().all(|b| b.is_ascii_hexdigit()))
        })
        .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
        .collect();
    old.sort_by_key(|(modified, _)| std::cmp::Reverse(*modified));
    let now = SystemTime::now();
    for (modified, dir) in old.into_iter().skip(KEEP) {
        if now.duration_since(modified).is_ok_and(|age| age > IDLE) {
            let _ = std::fs::remove_dir_all(&dir);
            let _ = std::fs::remove_file(dir.with_extension("lock"));
        }
    }
}

/// Waits for the exclusive lock on `path`: the operating system's, so that
/// it is released when its holder exits, however it exits.
fn lock(path: &Path) -> io::Result<std::fs::File> {
    let file = std::fs::File::options().create(true).truncate(false).write(true).open(path)?;
    file.lock()?;
    Ok(file)
}

/// The test name in a filter as nextest passes it to run one test,
/// `[<kind>] <name>` (libtest-mimic lists a test's kind before its name),
/// or the filter itself.
pub fn test_name(filter: &str) -> &str {
    filter.strip_prefix('[').and_then(|rest| rest.split_once("] ")).map_or(filter, |(_, name)| name)
}

/// Removes the records files in `made` that no state kept in `states`
/// uses and that no running test can still be reading.
fn prune_made(states: &Path, made: &Path) {
    let Ok(kept) = std::fs::read_dir(states) else { return };
    let mut used = std::collections::BTreeSet::new();
    for state in kept.filter_map(Result::ok) {
        // A state being built has written none of its list yet; its
        // records files are new, so not idle.
        if let Some(articles) = entry::read::<Articles>(&state.path().join("articles.bin"), ARTICLES) {
            used.extend(articles.into_iter().map(|(_, file)| file));
        }
    }
    let Ok(entries) = std::fs::read_dir(made) else { return };
    let now = SystemTime::now();
    for entry in entries.filter_map(Result::ok) {
        let idle = entry
            .metadata()
            .ok()
            .and_then(|m| m.modified().ok())
            .is_some_and(|modified| now.duration_since(modified).is_ok_and(|age| age > IDLE));
        let records =
            |name: &str| name.strip_suffix(SNAPSHOTS_SUFFIX).map_or(name.to_owned(), |stem| format!("{stem}.bin"));
        if idle && entry.file_name().to_str().is_some_and(|name| !used.contains(&records(name))) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Loads and checks the project, through the parse and record caches, and
/// writes the list of tests into `dir`, through a temporary folder renamed
/// into place. Each article's records go into `made`, named by the key of
/// its verdicts: an article whose verdicts were reused has its file there
/// already, so after an edit only the articles checked again are written.
fn build(root: &Path, dir: &Path, made: &Path, files: &FileCache, records: &Records) -> io::Result<()> {
    let building = dir.with_extension(format!("building-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&building);
    std::fs::create_dir_all(&building)?;
    std::fs::create_dir_all(made)?;
    // The facts stay in the parse cache until looked up, unless the data
    // has something to report; all of them are loaded if some could not be
    // read when looked up.
    let lean = match crate::load::from_root_lean(root, &Choice::default(), &Quiet, files) {
        Some(loaded) => {
            let listing = list(&loaded, &building, made, records)?;
            // Freeing a million facts one at a time would only delay the test.
            std::mem::forget(loaded);
            listing
        }
        None => None,
    };
    let listing = match lean {
        Some(listing) => listing,
        None => {
            files.reset_counts();
            records.reset_counts();
            match crate::load::from_root_cached(root, &Choice::default(), &Quiet, Some(files)) {
                Err(error) => Listing::Failed(match &error {
                    Error::Load(diags) => {
                        report::diagnostic::render(diags, Default::default(), report::diagnostic::DEFAULT_WIDTH)
                    }
                    other => other.to_string(),
                }),
                Ok(loaded) => {
                    let listing = list(&loaded, &building, made, records)?;
                    std::mem::forget(loaded);
                    listing.unwrap_or_else(|| Listing::Failed("the facts could not be read".to_owned()))
                }
            }
        }
    };
    entry::write(&building.join("listing.bin"), LISTING, &listing)?;
    match std::fs::rename(&building, dir) {
        Ok(()) => Ok(()),
        // Built by another process meanwhile: theirs is as good as ours.
        Err(_) if dir.join("listing.bin").is_file() => std::fs::remove_dir_all(&building),
        Err(e) => Err(e),
    }
}

/// Checks a loaded project and writes each article's records into `made`
/// and the list of articles into `building`; `None`, with nothing written
/// that the verdicts' key does not name, if its facts were deferred and
/// some could not be read when looked up.
fn list(loaded: &crate::load::Loaded, building: &Path, made: &Path, records: &Records) -> io::Result<Option<Listing>> {
    let project = &loaded.project;
    let failed = || project.reference.deferred.get().is_some_and(|d| d.failed());
    let checks = check::check_project_cached(project, None, &Choice::default(), &Quiet, Some(records));
    let mut trials = Vec::new();
    let mut drafts = Vec::new();
    let mut articles: Articles = Vec::new();
    for c in &checks {
        let article = c.article.article.id.as_str();
        drafts.extend(c.drafts.iter().map(|d| format!("{article}::{}", d.id)));
        trials.extend(c.claims.iter().map(|claim| format!("{article}::{}", claim.id)));
        // The records of this article's verdicts, under their key; verdicts
        // with no key are written afresh under the article's name.
        let (file, keyed) = match records.key_of(article) {
            Some(key) => (format!("{}.bin", hex(&key)), true),
            None => (format!("{article}-{}.bin", std::process::id()), false),
        };
        articles.push((article.to_owned(), file.clone()));
        let path = made.join(&file);
        if keyed && path.is_file() {
            continue;
        }
        let (mut stored, mut parts) = (Vec::new(), Vec::new());
        for (claim, verdict) in c.pairs() {
            let record = snapshot::record(article, claim, verdict, &project.reference, c.as_of);
            let record = serde_json::to_string(&record).map_err(io::Error::other)?;
            let info = serde_json::to_string(&snapshot::info(article, claim)).map_err(io::Error::other)?;
            let digest =
                Hasher::default().part(record.as_bytes()).part(info.as_bytes()).part(claim.text.as_bytes()).finish();
            stored.push(Stored {
                id: claim.id.to_string(),
                digest,
                kind: claim.assertion.kind().to_string(),
                unexpected: unexpected(claim, verdict),
                warn: claim.severity == crate::model::Severity::Warn,
            });
            parts.push(SnapshotParts { record, info, text: claim.text.clone() });
        }
        if failed() {
            std::mem::forget(checks);
            return Ok(None);
        }
        // The snapshots first: a records file found means its snapshots are there.
        entry::write(&made.join(snapshots_file(&file)), SNAPSHOTS, &parts)?;
        entry::write(&path, ARTICLE, &stored)?;
    }
    if failed() {
        std::mem::forget(checks);
        return Ok(None);
    }
    entry::write(&building.join("articles.bin"), ARTICLES, &articles)?;
    std::mem::forget(checks);
    Ok(Some(Listing::Loaded { trials, drafts }))
}

/// How a records file's snapshots file is named after it.
const SNAPSHOTS_SUFFIX: &str = ".snapshots.bin";

/// The snapshots file of the records file `file` (`<name>.bin`).
fn snapshots_file(file: &str) -> String {
    format!("{}{SNAPSHOTS_SUFFIX}", file.strip_suffix(".bin").unwrap_or(file))
}

/// Why `verdict` is not what `claim` expects, or `None` if it is.
fn unexpected(claim: &Claim, verdict: &Verdict) -> Option<String> {
    if claim.expects(verdict.verdict) {
        return None;
    }
    let expected =
        claim.expect.map_or_else(|| "no contradicted, misleading or conflicting verdict".to_owned(), |e| e.to_string());
    Some(format!(
        "claim `{}` came out {}, but its `expect` says {expected}\n{}",
        claim.id,
        verdict.verdict,
        report::text::headline(verdict),
    ))
}

/// The environment variable naming the folder the caches are kept in.
pub const ENV: &str = "FACTCHECK_CACHE";

/// Where `factcheck` keeps the caches of the project at `root`:
/// [`ENV`], or `target/factcheck-cache` under the project, beside what
/// cargo builds.
pub fn dir_for(root: &Path) -> PathBuf {
    std::env::var_os(ENV).map_or_else(|| root.join("target").join("factcheck-cache"), PathBuf::from)
}

/// A program's identity for cache keys: the executable's path, size and
/// modification time, which every rebuild changes.
pub fn program_identity() -> String {
    let exe = std::env::current_exe().unwrap_or_default();
    let stamp = key::Stamp::of(&exe).ok();
    format!("{} {stamp:?} {}", exe.display(), env!("CARGO_PKG_VERSION"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn project() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/base");
        for entry in [
            "articles/base.txt",
            "claims/base.yaml",
            "reference/sources.yaml",
            "reference/terms.yaml",
            "reference/facts/base.yaml",
        ] {
            let to = dir.path().join(entry);
            std::fs::create_dir_all(to.parent().unwrap()).unwrap();
            std::fs::copy(base.join(entry), to).unwrap();
        }
        dir
    }

    #[test]
    fn records_follow_the_data_and_never_go_stale() {
        let (data, cache) = (project(), tempfile::tempdir().unwrap());
        let run = open(cache.path(), data.path(), "test").unwrap();
        let trials = run.trials().unwrap();
        assert_eq!(trials.len(), 4);
        let claim = run.claim("base::advisers-left").unwrap();
        assert_eq!(claim.snapshot().unwrap().record()["verdict"], "supported");
        assert_eq!(claim.unexpected, None);
        assert!(run.claim("base::no-such-claim").is_none());
        assert!(run.claim("../etc::passwd").is_none());

        // A change of content, even one that keeps the size and the times, changes the key.
        let facts = data.path().join("reference/facts/base.yaml");
        let before = std::fs::metadata(&facts).unwrap();
        let text = std::fs::read_to_string(&facts).unwrap().replace("value: 40", "value: 41");
        std::fs::write(&facts, text).unwrap();
        let file = std::fs::File::options().write(true).open(&facts).unwrap();
        file.set_modified(before.modified().unwrap()).unwrap();
        let again = open(cache.path(), data.path(), "test").unwrap();
        let changed = again.claim("base::advisers-left").unwrap();
        assert_eq!(changed.snapshot().unwrap().record()["verdict"], "contradicted");
        assert!(changed.unexpected.unwrap().contains("came out contradicted"));
        assert_ne!(again.dir, run.dir);
    }

    #[test]
    fn a_warn_claim_passes_its_test_with_the_warning_and_an_error_claim_fails() {
        let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/newsroom");
        let cache = tempfile::tempdir().unwrap();
        let run = open(cache.path(), &data, "test").unwrap();
        let warned = run.claim("harbour-exports::demand-held-up-quote").unwrap();
        let why = warned.expectation().unwrap().unwrap();
        assert!(why.contains("came out misleading, but its `expect` says supported"), "{why}");
        let fine = run.claim("clinic-waits::nurses-risen-to-42").unwrap();
        assert_eq!(fine.expectation(), Ok(None));
        let failing = CachedClaim { warn: false, ..warned };
        assert!(failing.expectation().is_err());
    }

    #[test]
    fn trials_follow_reading_order() {
        let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/newsroom");
        let cache = tempfile::tempdir().unwrap();
        let trials = open(cache.path(), &data, "test").unwrap().trials().unwrap();
        assert_eq!(trials[..2], ["clinic-waits::headline-below-4000", "clinic-waits::june-list-3850"]);
        assert_eq!(trials[6], "clinic-waits::second-site-march-2023");
        assert_eq!(trials.len(), 10);
    }

    #[test]
    fn every_articles_claims_are_found_by_name_and_no_others() {
        let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/newsroom");
        let cache = tempfile::tempdir().unwrap();
        let run = open(cache.path(), &data, "test").unwrap();
        let trials = run.trials().unwrap();
        let articles: BTreeSet<&str> = trials.iter().filter_map(|t| t.split_once("::")).map(|(a, _)| a).collect();
        assert!(articles.len() > 1, "{articles:?}");
        for trial in &trials {
            assert!(run.claim(trial).is_some(), "{trial}");
        }
        for article in articles {
            let found = run.article(article).unwrap();
            assert!(found.iter().all(|(name, _)| name.starts_with(&format!("{article}::"))));
        }
        for missing in ["", "aaa", "clinic-waits-", "zzz"] {
            assert!(run.article(missing).is_none(), "{missing}");
        }
    }

    #[test]
    fn nextest_filters_name_the_test_after_its_kind() {
        assert_eq!(test_name("[quantity] base::advisers-left"), "base::advisers-left");
        assert_eq!(test_name("base::advisers-left"), "base::advisers-left");
        assert_eq!(test_name("[quote"), "[quote");
    }

    #[test]
    fn a_snapshot_is_read_only_when_asked_for_and_a_lost_one_is_none() {
        let (data, cache) = (project(), tempfile::tempdir().unwrap());
        let run = open(cache.path(), data.path(), "test").unwrap();
        let claim = run.claim("base::advisers-left").unwrap();
        assert!(claim.snapshots.parts.get().is_none(), "not read with the records");
        for entry in std::fs::read_dir(cache.path().join("claims")).unwrap() {
            let path = entry.unwrap().path();
            if path.to_string_lossy().ends_with(SNAPSHOTS_SUFFIX) {
                std::fs::remove_file(path).unwrap();
            }
        }
        assert!(claim.snapshot().is_none());
        assert_eq!(claim.expectation(), Ok(None), "the verdict needs no snapshot");
    }

    #[test]
    fn a_new_program_gets_new_records() {
        let (data, cache) = (project(), tempfile::tempdir().unwrap());
        let first = open(cache.path(), data.path(), "build 1").unwrap();
        let second = open(cache.path(), data.path(), "build 2").unwrap();
        assert_ne!(first.dir, second.dir);
    }

    #[test]
    fn data_that_does_not_load_is_cached_as_the_error() {
        let (data, cache) = (project(), tempfile::tempdir().unwrap());
        std::fs::write(data.path().join("claims/base.yaml"), "claims: [").unwrap();
        let run = open(cache.path(), data.path(), "test").unwrap();
        assert!(run.trials().unwrap_err().contains("claims/base.yaml"));
    }
}
