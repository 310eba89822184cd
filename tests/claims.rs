//! One test per claim: `<article-id>::<claim-id>`.
//!
//! Each test asserts its claim's verdict, checked against the reference data
//! as of the article's publication date, as an insta snapshot in
//! `snapshots/<article-id>/<claim-id>.snap`. A claim whose verdict differs
//! from its `expect` fails even when the snapshot matches, unless its
//! severity is `warn`: then it passes and prints the warning. Claims are
//! listed article by article, each in the order it stands in the text; a
//! draft (`draft: true`) is listed as an ignored test, as it is not checked
//! until its author reviews it. One
//! more test, `load`, says whether the data loads at all. Data is read at
//! run time, so editing a claim or a fact needs no recompilation.
//!
//! The data is loaded and checked once per state of its content, not once
//! per process: [`factcheck::cache`] keeps every claim's record under
//! `target/tmp`, keyed by the content of every data file and by this
//! binary, so a test run under nextest, a process per claim, reads one
//! small record instead of loading the whole reference store; after an
//! edit, the first process parses only the files that changed and checks
//! only the articles whose inputs changed. Set `FACTCHECK_ROOT` to test
//! another project than this crate's, and `FACTCHECK_CACHE` to keep the
//! records elsewhere.
//!
//! `--partition hash:K/N` (or `count:K/N`, or `FACTCHECK_PARTITION`) runs
//! the K-th of N shares of the claims, so a CI matrix of N jobs splits
//! the claims into N processes rather than one per claim
//! (`docs/sharding.md`).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use factcheck::cache::passed::{Passed, SnapshotDir};
use factcheck::cache::{self, CachedClaim, Run, Tests};
use factcheck::partition::Partition;
use libtest_mimic::{Arguments, Failed, Trial};
use rayon::prelude::*;

/// The project: `FACTCHECK_ROOT`, or this crate, where cargo or nextest
/// says it is at run time (nextest remaps it when running from an archive
/// on another machine), or where it was built.
fn root() -> PathBuf {
    ["FACTCHECK_ROOT", "CARGO_MANIFEST_DIR"]
        .into_iter()
        .find_map(std::env::var_os)
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")), PathBuf::from)
}

fn main() {
    let (partition, rest) = match Partition::from_args(std::env::args()) {
        Ok(found) => found,
        Err(problem) => {
            eprintln!("error: {problem}");
            std::process::exit(2);
        }
    };
    let args = Arguments::from_iter(rest);
    let (cache, root) = (cache_dir(), root());
    // Only a run of many tests looks up which snapshots matched already.
    let passed = Arc::new(if args.exact { Passed::disabled() } else { Passed::open(&cache) });
    let trials = match cache::open(&cache, &root, &cache::program_identity()) {
        Ok(run) => trials(&run, &root, &args, &passed, partition),
        Err(error) => vec![failing("cache", error.to_string())],
    };
    let many = trials.len() > 2;
    let conclusion = libtest_mimic::run(&args, trials);
    // A run of one test (as nextest makes) does not rewrite the list for the others.
    if many && !args.list {
        let whole = partition.is_none() && args.filter.is_none() && args.skip.is_empty() && !args.ignored;
        passed.save(whole);
    }
    conclusion.exit();
}

/// `FACTCHECK_CACHE`, or `target/tmp/factcheck-cache` when this binary runs
/// where it was built, or the system's temporary folder (a nextest archive
/// run elsewhere).
fn cache_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("FACTCHECK_CACHE") {
        return PathBuf::from(dir);
    }
    let built = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    if built.parent().is_some_and(|target| target.is_dir()) {
        return built.join("factcheck-cache");
    }
    std::env::temp_dir().join("factcheck-cache")
}

fn failing(name: &str, message: String) -> Trial {
    Trial::test(name, move || Err(Failed::from(message)))
}

fn trials(run: &Run, root: &Path, args: &Arguments, passed: &Arc<Passed>, partition: Option<Partition>) -> Vec<Trial> {
    // nextest runs each test as `--exact '[<kind>] <name>'`: build that
    // trial alone. Anything else goes through libtest-mimic's own filter.
    if let (true, false, Some(filter)) = (args.exact, args.list, &args.filter) {
        let name = cache::test_name(filter);
        if let Some(claim) = run.claim(name) {
            return vec![trial(name.to_owned(), claim, &snapshot_dir(root, article_of(name)), passed)];
        }
    }
    let Tests { claims: all, drafts } = match run.tests() {
        Ok(tests) => tests,
        Err(problem) => return vec![failing(LOAD, problem)],
    };
    if all.is_empty() && drafts.is_empty() {
        return vec![failing(LOAD, "no claims found: a run that checks nothing proves nothing".to_owned())];
    }
    // A share's records only are read.
    let (all, drafts) = match partition {
        Some(partition) => (partition.select(all, String::as_str), partition.select(drafts, String::as_str)),
        None => (all, drafts),
    };
    // Records are kept per article: each article's are read once, the
    // articles on every core, and their trials kept in the list's order.
    let articles: Vec<&[String]> = all.chunk_by(|a, b| article_of(a) == article_of(b)).collect();
    let claims: Vec<Trial> =
        articles.into_par_iter().flat_map_iter(|names| article_trials(run, root, names, passed)).collect();
    // A draft is not checked until its author reviews it: its test is listed, ignored.
    let drafts = drafts.into_iter().map(|name| Trial::test(name, || Ok(())).with_kind("draft").with_ignored_flag(true));
    std::iter::once(Trial::test(LOAD, || Ok(()))).chain(claims).chain(drafts).collect()
}

/// The article of a test's name, `<article-id>::<claim-id>`.
fn article_of(name: &str) -> &str {
    name.split_once("::").map_or("", |(article, _)| article)
}

/// The folder of an article's snapshots, shared by its claims' tests.
fn snapshot_dir(root: &Path, article: &str) -> Arc<SnapshotDir> {
    Arc::new(SnapshotDir::new(root.join(factcheck::report::snapshot::dir(article))))
}

/// The trials of one article's claims, `names`, in their order: each name
/// is matched with the next record of its article that has it.
fn article_trials(run: &Run, root: &Path, names: &[String], passed: &Arc<Passed>) -> Vec<Trial> {
    let article = article_of(&names[0]);
    let dir = snapshot_dir(root, article);
    let mut records: Vec<Option<(String, CachedClaim)>> =
        run.article(article).unwrap_or_default().into_iter().map(Some).collect();
    let mut at = 0;
    let mut trials = Vec::with_capacity(names.len());
    for name in names {
        // Records the list does not name (outside a partition) are passed over.
        let found = records[at..].iter().position(|r| r.as_ref().is_some_and(|(kept, _)| kept == name));
        trials.push(match found.and_then(|i| records[at + i].take().map(|r| (i, r))) {
            Some((i, (_, claim))) => {
                at += i + 1;
                trial(name.clone(), claim, &dir, passed)
            }
            None => failing(name, format!("the cached record of `{name}` is missing or unreadable")),
        });
    }
    trials
}

/// The test that the data loads: it fails with the located errors when it
/// does not (and is then the only test), passes when it does. No claim's
/// test is named like it, since theirs hold `::`.
const LOAD: &str = "load";

fn trial(name: String, mut claim: CachedClaim, dir: &Arc<SnapshotDir>, passed: &Arc<Passed>) -> Trial {
    let kind = std::mem::take(&mut claim.kind);
    let (dir, passed) = (Arc::clone(dir), Arc::clone(passed));
    Trial::test(name.clone(), move || assert_claim(&name, claim, &dir, &passed)).with_kind(kind)
}

/// Asserts one claim's snapshot, then its expectation; an unexpected
/// verdict at severity `warn` is printed, not failed. A snapshot that
/// matched this very record last time, and has not changed since, is not
/// read again ([`Passed`]).
fn assert_claim(name: &str, claim: CachedClaim, dir: &SnapshotDir, passed: &Passed) -> Result<(), Failed> {
    let (article, claim_id) = name.split_once("::").unwrap_or(("", name));
    let file = format!("{claim_id}.snap");
    if !passed.already(name, &claim.digest, dir, &file) {
        let Some(parts) = claim.snapshot() else {
            return Err(Failed::from(format!(
                "the cached snapshot of `{name}` is missing or unreadable; deleting the cache folder ({}) makes it again",
                cache_dir().display()
            )));
        };
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_path(dir.path());
        settings.set_prepend_module_to_snapshot(false);
        settings.set_omit_expression(true);
        settings.set_input_file(root().join("claims").join(format!("{article}.yaml")));
        settings.set_description(parts.text.as_str());
        settings.set_info(&parts.info());
        settings.bind(|| insta::assert_yaml_snapshot!(claim_id, &parts.record()));
        passed.matched(name, &claim.digest, dir, &file);
    }
    match claim.expectation() {
        Ok(None) => Ok(()),
        Ok(Some(why)) => {
            eprintln!("warning: {name}: {why}\n(severity warn: reported, not failed)");
            Ok(())
        }
        Err(why) => Err(Failed::from(why)),
    }
}
