//! A cache of every claim's checked record, keyed by the content of the
//! data, so that a test process checking one claim does not load and index
//! the whole reference store again.
//!
//! Under `cargo nextest`, every claim's test is its own process. Loading a
//! million facts takes seconds; reading one cached record takes
//! microseconds. The cache is a folder per *key*: a hash of every data
//! file's content and of the program's identity (the test binary's size and
//! times, which change with every build). A key's folder holds one JSON file
//! per claim and the list of trials; a folder that exists is complete (it is
//! written under another name and renamed into place).
//!
//! Hashing every data file for every process would cost as much as reading
//! them. As git does for its index, the cache keeps each file's size,
//! modification and change times and inode with the hash of its content,
//! and hashes a file again only when one of those differs, or when the file
//! was modified too shortly before the hash was taken for its time to prove
//! anything. Content that changes therefore always changes the key; the
//! cache can be slow to notice nothing, never quick to miss a change.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::hash::{DefaultHasher, Hasher};
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use serde::{Deserialize, Serialize};

use crate::check;
use crate::error::Error;
use crate::fs::write_atomic;
use crate::model::{Claim, Verdict};
use crate::report::{self, snapshot};

/// A file modified this close to the moment its hash was recorded may have
/// changed again within the clock's resolution; it is hashed again.
const RACY: Duration = Duration::from_secs(2);

/// One claim as its test needs it: the snapshot's body and header, and
/// whether the verdict is what the claim expects.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CachedClaim {
    /// The snapshot's body, as `snapshot::record` makes it.
    pub record: serde_json::Value,
    /// The snapshot header's `info:`.
    pub info: serde_json::Value,
    /// The claim's words: the snapshot's description.
    pub text: String,
    /// The claim's kind.
    pub kind: String,
    /// Why the verdict is not what the claim expects, if it is not.
    pub unexpected: Option<String>,
    /// Whether an unexpected verdict only warns (severity `warn`) instead
    /// of failing the test.
    pub warn: bool,
}

impl CachedClaim {
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

/// The cached results of one state of the data.
#[derive(Debug)]
pub struct Run {
    dir: PathBuf,
}

/// Where the records of a project's current data are, building them if
/// needed.
pub fn open(cache: &Path, root: &Path, program: &str) -> Result<Run, Error> {
    let write = |path: &Path, source: io::Error| Error::Write { path: path.display().to_string(), source };
    std::fs::create_dir_all(cache).map_err(|e| write(cache, e))?;
    let key = key(cache, root, program).map_err(|e| write(cache, e))?;
    let dir = cache.join(&key);
    if dir.is_dir() {
        return Ok(Run { dir });
    }
    let _lock = lock(&dir.with_extension("lock")).map_err(|e| write(&dir, e))?;
    // Another process may have built it while this one waited.
    if !dir.is_dir() {
        build(root, &dir).map_err(|e| write(&dir, e))?;
        prune(cache, &key);
    }
    Ok(Run { dir })
}

impl Run {
    /// Every claim's test name, `<article-id>::<claim-id>`, in the order
    /// they were checked, or why the data could not be loaded.
    pub fn trials(&self) -> Result<Vec<String>, String> {
        if let Ok(problem) = std::fs::read_to_string(self.dir.join("load-error.txt")) {
            return Err(problem);
        }
        let text = std::fs::read_to_string(self.dir.join("trials.json")).map_err(|e| e.to_string())?;
        serde_json::from_str(&text).map_err(|e| e.to_string())
    }

    /// Every draft's test name, `<article-id>::<claim-id>`, in reading
    /// order: drafts are not checked, so their tests are ignored.
    pub fn drafts(&self) -> Vec<String> {
        std::fs::read_to_string(self.dir.join("drafts.json"))
            .ok()
            .and_then(|text| serde_json::from_str(&text).ok())
            .unwrap_or_default()
    }

    /// The record of one trial, if it exists.
    pub fn claim(&self, name: &str) -> Option<CachedClaim> {
        let (article, claim) = name.split_once("::")?;
        let valid =
            |id: &str| !id.is_empty() && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !valid(article) || !valid(claim) {
            return None;
        }
        let text = std::fs::read_to_string(self.dir.join(article).join(format!("{claim}.json"))).ok()?;
        serde_json::from_str(&text).ok()
    }
}

/// How many states of the data are kept besides the current one.
const KEEP: usize = 3;

/// Folders untouched for this long are no longer in use by a running test.
const IDLE: Duration = Duration::from_secs(600);

/// Removes the records of old states of the data, keeping the newest
/// [`KEEP`] and any that may still be in use.
fn prune(cache: &Path, current: &str) {
    let Ok(entries) = std::fs::read_dir(cache) else { return };
    let mut old: Vec<(SystemTime, PathBuf)> = entries
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_name()
                .to_str()
                .is_some_and(|n| n.len() == 16 && n != current && n.bytes().all(|b| b.is_ascii_hexdigit()))
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

/// Loads and checks the whole project and writes every record into `dir`,
/// through a temporary folder renamed into place.
fn build(root: &Path, dir: &Path) -> io::Result<()> {
    let building = dir.with_extension(format!("building-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&building);
    std::fs::create_dir_all(&building)?;
    match crate::load::from_root(root) {
        Err(error) => {
            let text = match &error {
                Error::Load(diags) => {
                    report::diagnostic::render(diags, Default::default(), report::diagnostic::DEFAULT_WIDTH)
                }
                other => other.to_string(),
            };
            std::fs::write(building.join("load-error.txt"), text)?;
        }
        Ok(loaded) => {
            let project = &loaded.project;
            let checks = check::check_project(project, None);
            let mut trials = Vec::new();
            let mut drafts = Vec::new();
            for c in &checks {
                let article = c.article.article.id.as_str();
                drafts.extend(c.drafts.iter().map(|d| format!("{article}::{}", d.id)));
                std::fs::create_dir_all(building.join(article))?;
                for (claim, verdict) in c.pairs() {
                    let record = snapshot::record(article, claim, verdict, &project.reference, c.as_of);
                    let cached = CachedClaim {
                        record: serde_json::to_value(&record).map_err(io::Error::other)?,
                        info: serde_json::to_value(snapshot::info(article, claim)).map_err(io::Error::other)?,
                        text: claim.text.clone(),
                        kind: claim.assertion.kind().to_string(),
                        unexpected: unexpected(claim, verdict),
                        warn: claim.severity == crate::model::Severity::Warn,
                    };
                    let json = serde_json::to_string(&cached).map_err(io::Error::other)?;
                    std::fs::write(building.join(article).join(format!("{}.json", claim.id)), json)?;
                    trials.push(format!("{article}::{}", claim.id));
                }
            }
            let json = serde_json::to_string(&trials).map_err(io::Error::other)?;
            std::fs::write(building.join("trials.json"), json)?;
            let json = serde_json::to_string(&drafts).map_err(io::Error::other)?;
            std::fs::write(building.join("drafts.json"), json)?;
        }
    }
    match std::fs::rename(&building, dir) {
        Ok(()) => Ok(()),
        // Built by another process meanwhile: theirs is as good as ours.
        Err(_) if dir.is_dir() => std::fs::remove_dir_all(&building),
        Err(e) => Err(e),
    }
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

/// What a file looked like when its content was hashed.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Stamp {
    size: u64,
    modified: i128,
    changed: i128,
    inode: u64,
}

fn stamp(meta: &std::fs::Metadata) -> Stamp {
    use std::os::unix::fs::MetadataExt;
    Stamp {
        size: meta.len(),
        modified: i128::from(meta.mtime()) * 1_000_000_000 + i128::from(meta.mtime_nsec()),
        changed: i128::from(meta.ctime()) * 1_000_000_000 + i128::from(meta.ctime_nsec()),
        inode: meta.ino(),
    }
}

fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut hasher = DefaultHasher::new();
    hasher.write(bytes);
    hasher.finish()
}

/// The key of the data's current content and `program`.
fn key(cache: &Path, root: &Path, program: &str) -> io::Result<String> {
    let index_path = cache.join("stamps.tsv");
    let known = read_stamps(&index_path);
    let now_ns = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).map_or(0, |d| d.as_nanos() as i128);
    let racy_ns = RACY.as_nanos() as i128;
    let mut current: BTreeMap<String, (Stamp, u64)> = BTreeMap::new();
    let mut changed = false;
    for path in crate::load::data_files(root) {
        let full = root.join(&path);
        let meta = std::fs::metadata(&full)?;
        let stamp = stamp(&meta);
        let trusted = known.get(&path).filter(|(s, _)| *s == stamp && now_ns - stamp.modified > racy_ns);
        let hash = match trusted {
            Some((_, hash)) => *hash,
            None => {
                changed = true;
                hash_bytes(&std::fs::read(&full)?)
            }
        };
        current.insert(path, (stamp, hash));
    }
    if changed || current.len() != known.len() {
        write_stamps(&index_path, &current)?;
    }
    let mut hasher = DefaultHasher::new();
    hasher.write(program.as_bytes());
    for (path, (_, hash)) in &current {
        hasher.write(path.as_bytes());
        hasher.write_u64(*hash);
    }
    Ok(format!("{:016x}", hasher.finish()))
}

fn read_stamps(path: &Path) -> BTreeMap<String, (Stamp, u64)> {
    let Ok(text) = std::fs::read_to_string(path) else { return BTreeMap::new() };
    text.lines()
        .filter_map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            let [path, size, modified, changed, inode, hash] = fields.as_slice() else { return None };
            let stamp = Stamp {
                size: size.parse().ok()?,
                modified: modified.parse().ok()?,
                changed: changed.parse().ok()?,
                inode: inode.parse().ok()?,
            };
            Some(((*path).to_owned(), (stamp, u64::from_str_radix(hash, 16).ok()?)))
        })
        .collect()
}

fn write_stamps(path: &Path, stamps: &BTreeMap<String, (Stamp, u64)>) -> io::Result<()> {
    let mut text = String::new();
    for (file, (s, hash)) in stamps {
        let _ = writeln!(text, "{file}\t{}\t{}\t{}\t{}\t{hash:016x}", s.size, s.modified, s.changed, s.inode);
    }
    write_atomic(path, text.as_bytes())
}

/// A program's identity for cache keys: the executable's path, size and
/// modification time, which every rebuild changes.
pub fn program_identity() -> String {
    let exe = std::env::current_exe().unwrap_or_default();
    let meta = std::fs::metadata(&exe).ok();
    let stamp = meta.as_ref().map(stamp);
    format!("{} {stamp:?} {}", exe.display(), env!("CARGO_PKG_VERSION"))
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(claim.record["verdict"], "supported");
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
        assert_eq!(changed.record["verdict"], "contradicted");
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
    fn nextest_filters_name_the_test_after_its_kind() {
        assert_eq!(test_name("[quantity] base::advisers-left"), "base::advisers-left");
        assert_eq!(test_name("base::advisers-left"), "base::advisers-left");
        assert_eq!(test_name("[quote"), "[quote");
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
