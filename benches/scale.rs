//! How factcheck scales, each figure beside its floor measured in the same
//! run: `cargo bench --bench scale` (all of it: about 40 minutes on two cores), or
//! `cargo bench --bench scale -- <filter>` for part of it. Never run in CI.
//!
//! - `scale/<claims>-claims-<facts>-facts`: `floor` reads every data file
//!   and parses each YAML file into the loader's raw types and nothing else,
//!   one file per task across the cores; `load`, `index` and `check` are the
//!   library's steps; `cli` is `factcheck check` as a user runs it.
//! - `quote-10mb`: locating a quote in a 10 MB document, against a plain
//!   substring search (`memchr::memmem`) for every occurrence in the same
//!   normalised text.
//! - `search/<facts>`: evidence search over a reference of 10k to 1M
//!   facts: `floor` splits every unit into the words the index keys,
//!   `index` builds the index, `query` searches for one claim.
//! - `per-claim-process`: one claim's test process, as nextest runs it
//!   (`claims --exact '[kind] name'`), at 1k and 1M facts.
//! - `import-100k-rows`: `factcheck import` of a 100,000-row CSV table into
//!   an otherwise empty project, against two floors: the `csv` crate only
//!   reading the same file (`floor`), and loading the project the import
//!   makes (`load-after`, which the import must do to validate what it
//!   writes). `plan` is the library's whole import but the write (read,
//!   convert, look for duplicates, render, load the project with the new
//!   files), `cli` the command as a user runs it, writing the files.
//!
//! Corpora come from `factcheck corpus` (seed 1) and are kept in
//! `target/bench-corpora/` between runs. After criterion's own report, the
//! ratios to the floors are printed as a Markdown table, from criterion's
//! estimates of this run, with the peak memory of a `check --stats` run.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, SystemTime};

use criterion::{BatchSize, Criterion, SamplingMode};
use factcheck::{check, corpus, load};
use rayon::prelude::*;

/// The claims and facts of each scale corpus.
const GRID: [(usize, usize); 9] = [
    (1_000, 10_000),
    (1_000, 100_000),
    (1_000, 1_000_000),
    (10_000, 10_000),
    (10_000, 100_000),
    (10_000, 1_000_000),
    (100_000, 10_000),
    (100_000, 100_000),
    (100_000, 1_000_000),
];

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn target() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| manifest().join("target"), PathBuf::from)
}

/// `1k`, `100k`, `1M`.
fn short(n: usize) -> String {
    match n {
        n if n >= 1_000_000 && n % 1_000_000 == 0 => format!("{}M", n / 1_000_000),
        n if n >= 1_000 && n % 1_000 == 0 => format!("{}k", n / 1_000),
        n => n.to_string(),
    }
}

/// The corpus of these sizes, generated once into `target/bench-corpora/`.
fn corpus(options: &corpus::Options) -> PathBuf {
    let name = format!(
        "s{}-a{}-c{}-f{}-d{}x{}",
        options.seed, options.articles, options.claims, options.facts, options.documents, options.document_size
    );
    let dir = target().join("bench-corpora").join(name);
    if !dir.is_dir() {
        let building = dir.with_extension("building");
        let _ = std::fs::remove_dir_all(&building);
        eprintln!("generating {} ...", dir.display());
        corpus::generate(&building, options).expect("the corpus generator failed");
        std::fs::rename(&building, &dir).expect("cannot move the corpus into place");
    }
    dir
}

fn scale_options(claims: usize, facts: usize) -> corpus::Options {
    // Articles of about 100 claims, as a newsroom's are at most.
    corpus::Options { seed: 1, articles: (claims / 100).max(1), claims, facts, ..corpus::Options::default() }
}

fn data_bytes(root: &Path) -> u64 {
    load::data_file_sizes(root).iter().map(|(_, size)| size).sum()
}

/// `factcheck check` on `root` with no cache, as the scale tables measure it.
fn cli(root: &Path, extra: &[&str]) -> std::process::Output {
    cli_cached(root, None, &[&["--no-cache"], extra].concat())
}

/// `factcheck check` on `root`, keeping its caches in `cache` if given.
fn cli_cached(root: &Path, cache: Option<&Path>, extra: &[&str]) -> std::process::Output {
    let output = cli_run(root, cache, extra);
    assert!(output.status.success(), "factcheck check failed on {}: {:?}", root.display(), output);
    output
}

/// [`cli_cached`] after an edit, which may change a verdict: it may exit 1
/// (a verdict not as expected), not 2 (the data does not load).
fn cli_edited(root: &Path, cache: &Path) {
    let output = cli_run(root, Some(cache), &[]);
    assert!(matches!(output.status.code(), Some(0 | 1)), "factcheck check failed on {}: {:?}", root.display(), output);
}

fn cli_run(root: &Path, cache: Option<&Path>, extra: &[&str]) -> std::process::Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_factcheck"));
    if let Some(cache) = cache {
        command.env("FACTCHECK_CACHE", cache);
    }
    command
        .args(["check", "--progress", "never", "--root"])
        .arg(root)
        .args(extra)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .expect("cannot run factcheck")
}

/// Reads every data file and parses each YAML file into the loader's raw
/// types, and nothing else: one file per task across the cores, biggest
/// first, so both stay busy to the end (split in path order, one core got
/// the facts and the other the small files, and it ran near sequential).
fn floor(root: &Path, paths: &[(String, u64)]) -> usize {
    paths
        .par_iter()
        .with_max_len(1)
        .map(|(path, _)| {
            let text = std::fs::read_to_string(root.join(path)).expect("a corpus file is readable");
            load::parse_only_file(path, &text)
        })
        .sum()
}

/// The data files of `root` with their sizes, biggest first, as [`floor`]
/// takes them.
fn biggest_first(root: &Path) -> Vec<(String, u64)> {
    let mut paths = load::data_file_sizes(root);
    paths.sort_unstable_by(|(a, size_a), (b, size_b)| size_b.cmp(size_a).then(a.cmp(b)));
    paths
}

fn scale(c: &mut Criterion) {
    for (claims, facts) in GRID {
        let name = format!("scale/{}-claims-{}-facts", short(claims), short(facts));
        let mut group = c.benchmark_group(&name);
        group.sample_size(10).sampling_mode(SamplingMode::Flat).warm_up_time(Duration::from_secs(1));
        let root = || corpus(&scale_options(claims, facts));
        group.bench_function("floor", |b| {
            let root = root();
            let paths = biggest_first(&root);
            b.iter(|| black_box(floor(&root, &paths)));
        });
        group.bench_function("load", |b| {
            let root = root();
            b.iter(|| black_box(load::from_root(&root).expect("the corpus loads")));
        });
        group.bench_function("index", |b| {
            let loaded = load::from_root(&root()).expect("the corpus loads");
            b.iter(|| black_box(check::Indexes::new(&loaded.project.reference)));
        });
        group.bench_function("check", |b| {
            let loaded = load::from_root(&root()).expect("the corpus loads");
            b.iter(|| black_box(check::check_project(&loaded.project, None).len()));
        });
        group.bench_function("cli", |b| {
            let root = root();
            b.iter(|| cli(&root, &[]));
        });
        group.finish();
    }
}

/// A project with one 10 MB document and two quote claims taken from its
/// middle: one verbatim, one with a word changed.
fn quote_project() -> (load::Files, String) {
    let dir = corpus(&corpus::Options {
        seed: 1,
        articles: 1,
        claims: 10,
        facts: 100,
        sources: 3,
        documents: 1,
        document_size: 10_000_000,
    });
    let mut files = load::read_files(&dir).0;
    let (path, document) = files.documents.iter().next().expect("the corpus has a document");
    let source = path.trim_start_matches("reference/documents/").trim_end_matches(".txt").to_owned();
    // Twelve words from the middle of the document, starting at a word.
    let middle = document.len() / 2;
    let start = document[middle..].find(' ').map_or(middle, |at| middle + at + 1);
    let words: Vec<&str> = document[start..].split_whitespace().take(12).collect();
    let quote = words.join(" ");
    let mut changed = words.clone();
    changed[6] = "otherwise";
    let changed = changed.join(" ");
    let speaker = speaker_of(&files, &source);
    let article = format!("He said “{quote}”. She said “{changed}”.\n");
    let claims = format!(
        "article:\n  id: quotes\n  publisher: Bench\n  url: https://example.org/\n  published: 2024-01-01\nclaims:\n  \
         - id: verbatim\n    text: \"He said “{quote}”\"\n    kind: quote\n    speaker: {speaker}\n    words: \"{quote}\"\n  \
         - id: changed\n    text: \"She said “{changed}”\"\n    kind: quote\n    speaker: {speaker}\n    words: \"{changed}\"\n"
    );
    files.claims = [("claims/quotes.yaml".to_owned(), claims)].into();
    files.articles = [("quotes".to_owned(), article)].into();
    (files, quote)
}

fn speaker_of(files: &load::Files, source: &str) -> String {
    let sources = files.sources.as_deref().unwrap_or_default();
    let at = sources.find(&format!("id: {source}")).expect("the document's source is listed");
    let rest = &sources[at..];
    let line = rest.lines().find(|l| l.trim_start().starts_with("speaker:")).expect("the source has a speaker");
    line.trim().trim_start_matches("speaker:").trim().to_owned()
}

fn quotes(c: &mut Criterion) {
    let mut group = c.benchmark_group("quote-10mb");
    group.sample_size(20);
    let (files, quote) = quote_project();
    let loaded = load::from_files(&files).expect("the quote project loads");
    let reference = &loaded.project.reference;
    let article = &loaded.project.articles[0];
    let indexes = check::Indexes::new(reference);
    let cx = indexes.context(reference, article, article.article.default_as_of());
    let document = reference.sources.iter().find_map(|s| s.document.as_deref()).expect("a document");
    let lower = factcheck::text::normalize(document).to_lowercase();
    let needle = factcheck::text::normalize(&quote).to_lowercase();
    assert!(memchr::memmem::find(lower.as_bytes(), needle.as_bytes()).is_some(), "the quote is in the document");
    // Every occurrence, as the checker finds every place a quote stands.
    let finder = memchr::memmem::Finder::new(needle.as_bytes());
    group.bench_function("floor", |b| b.iter(|| finder.find_iter(black_box(lower.as_bytes())).count()));
    for claim in &article.claims {
        let verdict = check::check_claim(claim, &cx);
        let expected = if claim.id.as_str() == "verbatim" { "supported" } else { "contradicted" };
        assert_eq!(verdict.verdict.to_string(), expected, "{:?}", verdict.discrepancies);
        group.bench_function(claim.id.as_str(), |b| b.iter(|| check::check_claim(black_box(claim), &cx)));
    }
    group.bench_function("index-floor", |b| b.iter(|| factcheck::text::normalize(black_box(document)).to_lowercase()));
    group.bench_function("index", |b| b.iter(|| check::passages::PassageIndex::new(black_box(reference))));
    group.finish();
}

/// The reference stores evidence search is measured on: the 1k-claim
/// corpora, whose reference grows from 10k to 1M facts.
const SEARCH_GRID: [usize; 3] = [10_000, 100_000, 1_000_000];

/// Evidence search over a reference store, against its floor: splitting
/// every unit's text into the words the index keys (what any index of them
/// must do once), then building the index, then one query (each of ten
/// claims of the corpus in turn, searched by its text and terms).
fn search(c: &mut Criterion) {
    for facts in SEARCH_GRID {
        let mut group = c.benchmark_group(format!("search/{}-facts", short(facts)));
        group.sample_size(10).sampling_mode(SamplingMode::Flat).warm_up_time(Duration::from_secs(1));
        let loaded = load::from_root(&corpus(&scale_options(1_000, facts))).expect("the corpus loads");
        let reference = &loaded.project.reference;
        group.bench_function("floor", |b| b.iter(|| black_box(search_floor(reference))));
        group.bench_function("index", |b| b.iter(|| black_box(factcheck::search::Index::new(reference).len())));
        let index = factcheck::search::Index::new(reference);
        let queries: Vec<String> = loaded.project.articles[0]
            .claims
            .iter()
            .take(10)
            .map(|claim| factcheck::search::claim_query(claim, reference))
            .collect();
        let mut next = queries.iter().cycle();
        group.bench_function("query", |b| {
            b.iter(|| black_box(index.search(next.next().expect("ten queries"), 10).len()))
        });
        group.finish();
    }
}

/// Every word the search index keys, counted: the excerpts, headlines,
/// document sentences and facts of `reference`, each split into words once.
fn search_floor(reference: &factcheck::model::Reference) -> usize {
    let mut words = 0;
    let count = |text: &str| {
        let mut n = 0;
        factcheck::search::each_word(text, |_| n += 1);
        n
    };
    for source in &reference.sources {
        for excerpt in &source.excerpts {
            words += count(&excerpt.text);
        }
        words += count(&source.title);
        if let Some(document) = source.document.as_deref() {
            words += count(document);
        }
    }
    let mut text = String::new();
    for fact in &reference.facts {
        text.clear();
        text.push_str(fact.subject.as_str());
        text.push(' ');
        text.push_str(fact.property.as_str());
        text.push(' ');
        text.push_str(&factcheck::check::describe_value(fact));
        if let Some(note) = &fact.note {
            text.push(' ');
            text.push_str(note);
        }
        words += count(&text);
    }
    words
}

/// The `claims` test binary, as cargo builds it for `cargo test --release`.
fn claims_binary() -> PathBuf {
    let output = Command::new(env!("CARGO"))
        .args(["test", "--release", "--test", "claims", "--no-run", "--message-format=json"])
        .current_dir(manifest())
        .stderr(Stdio::null())
        .output()
        .expect("cannot run cargo");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let line = stdout
        .lines()
        .rfind(|l| l.contains("\"name\":\"claims\"") && l.contains("\"executable\":\""))
        .expect("cargo built the claims test");
    let start = line.find("\"executable\":\"").expect("an executable") + "\"executable\":\"".len();
    PathBuf::from(&line[start..start + line[start..].find('"').expect("a closing quote")])
}

/// The claims binary, testing `root`, its output discarded.
fn claims_on(binary: &Path, root: &Path) -> Command {
    let mut command = Command::new(binary);
    command.env("FACTCHECK_ROOT", root).current_dir(manifest()).stdout(Stdio::null()).stderr(Stdio::null());
    command
}

/// Runs the claims binary on `root` the way nextest runs one test.
fn one_test(binary: &Path, root: &Path, filter: &str) {
    let status =
        claims_on(binary, root).args(["--exact", filter, "--nocapture"]).status().expect("cannot run the claims test");
    assert!(status.success(), "the test `{filter}` failed on {}", root.display());
}

/// The first test the binary lists for `root`, after accepting every
/// snapshot of the corpus once (they are generated data, not reviewed ones).
fn first_test(binary: &Path, root: &Path) -> String {
    let accept = claims_on(binary, root).env("INSTA_UPDATE", "always").status().expect("cannot run the claims test");
    assert!(accept.success(), "the claims of {} do not pass", root.display());
    let list = Command::new(binary)
        .args(["--list", "--format", "terse"])
        .env("FACTCHECK_ROOT", root)
        .output()
        .expect("cannot list the claims tests");
    let stdout = String::from_utf8_lossy(&list.stdout).into_owned();
    // The first claim's test: `load`, listed first, is the harness's own.
    stdout
        .lines()
        .find(|l| l.contains("::"))
        .and_then(|l| l.strip_suffix(": test"))
        .expect("a test is listed")
        .to_owned()
}

fn per_claim(c: &mut Criterion) {
    let mut group = c.benchmark_group("per-claim-process");
    group.sample_size(50);
    let binary = claims_binary();
    for facts in [1_000, 1_000_000] {
        group.bench_function(format!("{}-facts", short(facts)), |b| {
            let root =
                corpus(&corpus::Options { seed: 1, articles: 1, claims: 100, facts, ..corpus::Options::default() });
            let filter = first_test(&binary, &root);
            b.iter(|| one_test(&binary, &root, &filter));
        });
    }
    group.finish();
}

/// The corpus of the incremental benchmarks: 100k claims, 1M facts.
const INCREMENTAL: (usize, usize) = (100_000, 1_000_000);

/// One value of one facts file of `root`, changed to a new figure each
/// time (never back to one it had, which the caches would know already):
/// the first figure of the first article's own facts, which its claims read.
struct Edit {
    path: PathBuf,
    original: String,
    line: String,
    number: u64,
    edits: u64,
}

impl Edit {
    fn new(root: &Path) -> Edit {
        let dir = root.join("reference/facts");
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .expect("a facts folder")
            .map(|e| e.expect("an entry").path())
            .filter(|p| !p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("background")))
            .collect();
        files.sort();
        let path = files.into_iter().next().expect("an article's facts file");
        let original = std::fs::read_to_string(&path).expect("a readable facts file");
        let line = original.lines().find(|l| l.trim_start().starts_with("value: ")).expect("a figure").to_owned();
        let number: u64 = line.trim_start()["value: ".len()..].parse().expect("a whole number");
        Edit { path, original, line, number, edits: 0 }
    }

    /// Changes the value to one it has not had.
    fn apply(&mut self) {
        self.edits += 1;
        let changed = self.line.replace(&self.number.to_string(), &(self.number + self.edits).to_string());
        std::fs::write(&self.path, self.original.replacen(&self.line, &changed, 1))
            .expect("the facts file is writable");
    }

    /// Leaves the file as the corpus had it.
    fn restore(&self) {
        std::fs::write(&self.path, &self.original).expect("the facts file is writable");
    }
}

/// A fresh, empty cache folder under `target/`.
fn empty_cache(name: &str) -> PathBuf {
    let dir = target().join("bench-caches").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a cache folder");
    dir
}

/// The claims binary's whole run on `root`, as `cargo test --test claims`
/// runs it, with its caches in `cache`.
fn all_tests(binary: &Path, root: &Path, cache: &Path, extra: &[&str]) {
    let status = claims_on(binary, root).env("FACTCHECK_CACHE", cache).args(extra).status().expect("the claims test");
    assert!(status.success(), "the claims tests failed on {}", root.display());
}

/// Cold, warm and edited runs of `check` and of the claims tests, each
/// beside the parse floor, at 100k claims and 1M facts.
fn incremental(c: &mut Criterion) {
    let (claims, facts) = INCREMENTAL;
    let root = corpus(&scale_options(claims, facts));
    let paths = biggest_first(&root);
    let binary = claims_binary();
    let mut group = c.benchmark_group(format!("incremental/{}-claims-{}-facts", short(claims), short(facts)));
    group.sample_size(10).sampling_mode(SamplingMode::Flat).warm_up_time(Duration::from_millis(1));
    group.bench_function("floor", |b| b.iter(|| floor(&root, &paths)));
    group.bench_function("no-cache", |b| b.iter(|| cli(&root, &[])));
    // Each cold run gets a new empty folder, and the folders go only after
    // the group's runs: on this machine's ext4 a file made within a minute or so
    // of many deletions gets its inode only past every one just freed, so
    // a run right after the last run's 5,000 entries were deleted spent
    // more than a second of system time on that alone (BENCHMARKS.md).
    let colds = target().join("bench-caches").join("cold");
    let _ = std::fs::remove_dir_all(&colds);
    let mut runs = 0;
    group.bench_function("cold", |b| {
        let mut fresh = || {
            runs += 1;
            let dir = colds.join(runs.to_string());
            std::fs::create_dir_all(&dir).expect("a cache folder");
            dir
        };
        b.iter_batched(&mut fresh, |cache| cli_cached(&root, Some(&cache), &[]), BatchSize::PerIteration)
    });
    paired(&root, &paths, &colds);
    let cache = empty_cache("check");
    cli_cached(&root, Some(&cache), &[]);
    group.bench_function("warm", |b| b.iter(|| cli_cached(&root, Some(&cache), &[])));
    let mut edit = Edit::new(&root);
    group.bench_function("edited", |b| {
        b.iter_batched(|| edit.apply(), |()| cli_edited(&root, &cache), BatchSize::PerIteration)
    });
    edit.restore();
    // The claims tests: snapshots accepted once (generated data), then a
    // whole run to fill the caches, the snapshots left to age past the
    // two seconds their stamps need.
    let tests = empty_cache("tests");
    let filter = first_test(&binary, &root);
    all_tests(&binary, &root, &tests, &[]);
    std::thread::sleep(Duration::from_secs(3));
    all_tests(&binary, &root, &tests, &[]);
    group.bench_function("tests-warm", |b| b.iter(|| all_tests(&binary, &root, &tests, &[])));
    group.bench_function("test-one-edited", |b| {
        b.iter_batched(|| edit.apply(), |()| one_edited(&binary, &root, &tests, &filter), BatchSize::PerIteration)
    });
    edit.restore();
    group.finish();
    side_by_side(&Sides { root: &root, binary: &binary, check: &cache, tests: &tests, filter: &filter }, &mut edit);
    let _ = std::fs::remove_dir_all(&colds);
}

/// One claim's test process, as nextest runs it, after an edit: the edit
/// may change the claim's snapshot, so the test may fail, not crash.
fn one_edited(binary: &Path, root: &Path, cache: &Path, filter: &str) {
    let status = claims_on(binary, root)
        .env("FACTCHECK_CACHE", cache)
        .args(["--exact", filter])
        .status()
        .expect("the claims test");
    assert!(matches!(status.code(), Some(0 | 101)), "the claims test crashed: {status}");
}

/// What [`side_by_side`] runs: the corpus, the claims test binary, the
/// CLI's and the tests' cache folders, and the name of the test run
/// alone after an edit.
struct Sides<'a> {
    root: &'a Path,
    binary: &'a Path,
    check: &'a Path,
    tests: &'a Path,
    filter: &'a str,
}

/// One pair of [`side_by_side`], in seconds: the CLI's check and the
/// claims tests, one right after the other.
#[derive(serde::Serialize, serde::Deserialize)]
struct Beside {
    cli: f64,
    tests: f64,
}

/// The CLI's check against the claims tests, in pairs as (a) is (each
/// first in turn, since a ratio of medians taken minutes apart drifts as
/// this machine does): the warm CLI against the warm whole test run, then
/// the CLI after an edit against one claim's test process after another.
/// Both caches are brought up to date with the restored data first.
fn side_by_side(sides: &Sides, edit: &mut Edit) {
    let Sides { root, binary, check, tests, filter } = *sides;
    // Each side is given what to do before the clock starts, then what to time.
    let timed = |(before, run): &mut (&mut dyn FnMut(), &mut dyn FnMut())| {
        before();
        let start = std::time::Instant::now();
        run();
        start.elapsed().as_secs_f64()
    };
    cli_edited(root, check);
    all_tests(binary, root, tests, &[]);
    type Side<'s> = (&'s mut dyn FnMut(), &'s mut dyn FnMut());
    let pairs = |mut cli: Side, mut test: Side| -> Vec<Beside> {
        (0..PAIRS)
            .map(|n| {
                let (mut beside, cli_first) = (Beside { cli: 0.0, tests: 0.0 }, n % 2 == 0);
                for part in [cli_first, !cli_first] {
                    if part {
                        beside.cli = timed(&mut cli);
                    } else {
                        beside.tests = timed(&mut test);
                    }
                }
                beside
            })
            .collect()
    };
    let warm = pairs(
        (&mut || (), &mut || drop(cli_cached(root, Some(check), &[]))),
        (&mut || (), &mut || all_tests(binary, root, tests, &[])),
    );
    let edit = std::cell::RefCell::new(edit);
    let edited = pairs(
        (&mut || edit.borrow_mut().apply(), &mut || cli_edited(root, check)),
        (&mut || edit.borrow_mut().apply(), &mut || one_edited(binary, root, tests, filter)),
    );
    edit.borrow_mut().restore();
    let json = serde_json::to_string(&(warm, edited)).expect("pairs encode");
    std::fs::write(sides_file(), json).expect("the pairs file is writable");
}

/// Where [`side_by_side`] keeps its pairs for [`print_incremental`].
fn sides_file() -> PathBuf {
    target().join("criterion").join("incremental-side-by-side.json")
}

/// How many pairs [`paired`] and [`side_by_side`] time.
const PAIRS: usize = 6;

/// One pair of [`paired`]: the parse floor and a cold `check`, timed one
/// right after the other, in seconds of wall clock and of CPU.
#[derive(serde::Serialize, serde::Deserialize)]
struct Pair {
    floor: f64,
    floor_cpu: f64,
    cold: f64,
    cold_cpu: f64,
}

/// Where [`paired`] keeps its pairs for [`print_incremental`].
fn pairs_file() -> PathBuf {
    target().join("criterion").join("incremental-pairs.json")
}

/// (a) timed in pairs: the floor and a cold run (each into a new cache
/// folder under `colds`), one right after the other, in turn first. This
/// machine's speed drifts by a third within minutes (criterion put the
/// floor at 7.05 s and at 9.49 s in two runs a few minutes apart), and
/// criterion measures the floor's ten runs, then minutes later the cold
/// run's; a pair shares its minute, so the ratio of each pair, and their
/// median, holds where the ratio of two medians need not. CPU time is read too, from
/// `/proc/self/stat` (this process's for the floor, its waited-for
/// children's for the cold run): what the run costs whatever the other
/// core was doing.
fn paired(root: &Path, paths: &[(String, u64)], colds: &Path) {
    let mut pairs = Vec::new();
    for n in 0..PAIRS {
        let floor_first = n % 2 == 0;
        let (mut floor_run, mut cold_run) = ((0.0, None), (0.0, None));
        for part in [floor_first, !floor_first] {
            let (start, before) = (std::time::Instant::now(), cpu_seconds());
            if part {
                black_box(floor(root, paths));
                floor_run = (start.elapsed().as_secs_f64(), cpu_seconds().zip(before).map(|(a, b)| a.0 - b.0));
            } else {
                let cache = colds.join(format!("pair-{n}"));
                std::fs::create_dir_all(&cache).expect("a cache folder");
                cli_cached(root, Some(&cache), &[]);
                cold_run = (start.elapsed().as_secs_f64(), cpu_seconds().zip(before).map(|(a, b)| a.1 - b.1));
            }
        }
        let cpu = |run: (f64, Option<f64>)| run.1.unwrap_or(f64::NAN);
        pairs.push(Pair { floor: floor_run.0, floor_cpu: cpu(floor_run), cold: cold_run.0, cold_cpu: cpu(cold_run) });
    }
    let json = serde_json::to_string(&pairs).expect("pairs encode");
    std::fs::write(pairs_file(), json).expect("the pairs file is writable");
}

/// The CPU seconds this process has used, and those of its children it
/// has waited for (`utime + stime`, `cutime + cstime` of `/proc/self/stat`,
/// in Linux's clock ticks of a hundredth of a second); `None` off Linux.
fn cpu_seconds() -> Option<(f64, f64)> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The fields after the command name, which is in parentheses: the state is the first.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i)?.parse::<f64>().ok();
    Some(((ticks(11)? + ticks(12)?) / 100.0, (ticks(13)? + ticks(14)?) / 100.0))
}

/// The claims split into shares of one process each, by the harness's own
/// `--partition`, against nextest's process per claim (measured on one
/// hundredth of the claims and scaled up), at 10k and 100k claims.
fn sharding(c: &mut Criterion) {
    let binary = claims_binary();
    let mut group = c.benchmark_group("sharding");
    group.sample_size(10).sampling_mode(SamplingMode::Flat).warm_up_time(Duration::from_millis(1));
    for claims in [10_000, 100_000] {
        let root = corpus(&scale_options(claims, claims * 10));
        let cache = empty_cache(&format!("sharding-{claims}"));
        first_test(&binary, &root);
        all_tests(&binary, &root, &cache, &[]);
        std::thread::sleep(Duration::from_secs(3));
        all_tests(&binary, &root, &cache, &[]);
        group.bench_function(format!("{}-claims/partitions-2", short(claims)), |b| {
            b.iter(|| {
                for share in 1..=2 {
                    all_tests(&binary, &root, &cache, &["--partition", &format!("hash:{share}/2")]);
                }
            })
        });
        group.bench_function(format!("{}-claims/nextest-one-hundredth", short(claims)), |b| {
            b.iter(|| {
                let status = Command::new(env!("CARGO"))
                    .args(["nextest", "run", "--release", "--test", "claims", "--no-fail-fast", "--partition"])
                    .arg("hash:1/100")
                    .env("FACTCHECK_ROOT", &root)
                    .env("FACTCHECK_CACHE", &cache)
                    .current_dir(manifest())
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .status()
                    .expect("cargo nextest");
                assert!(status.success(), "nextest failed on {}", root.display());
            })
        });
    }
    group.finish();
}

/// Prints the incremental and sharding tables.
fn print_incremental(dir: &Path) {
    let (claims, facts) = INCREMENTAL;
    let group = format!("incremental/{}-claims-{}-facts", short(claims), short(facts));
    let floor = median(dir, &group, "floor");
    let cold = median(dir, &group, "cold");
    if floor.is_some() {
        println!("\n| 100k claims, 1M facts | median | / parse floor | / cold run |");
        println!("| --- | ---: | ---: | ---: |");
        for function in ["floor", "no-cache", "cold", "warm", "edited", "tests-warm", "test-one-edited"] {
            let t = median(dir, &group, function);
            println!("| {function} | {} | {} | {} |", seconds(t), ratio(t, floor), ratio(t, cold));
        }
        print_pairs();
        print_sides();
        let root = corpus(&scale_options(claims, facts));
        let bytes = data_bytes(&root) as f64;
        let cache = empty_cache("memory");
        let runs = [
            ("cold", cli_cached(&root, Some(&cache), &["--stats"])),
            ("warm", cli_cached(&root, Some(&cache), &["--stats"])),
        ];
        for (name, output) in runs {
            let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
            let peak = stderr.split("peak memory ").nth(1).and_then(|a| a.split(' ').next()?.parse::<f64>().ok());
            let memory = peak.map_or_else(|| "–".to_owned(), |mb| format!("{:.2}×", mb * 1e6 / bytes));
            println!("| peak memory, {name} run / data | {memory} | | |");
        }
    }
    for claims in [10_000, 100_000] {
        // Criterion names a function's folder with `_` for `/`.
        let partitions = median(dir, "sharding", &format!("{}-claims_partitions-2", short(claims)));
        let nextest = median(dir, "sharding", &format!("{}-claims_nextest-one-hundredth", short(claims)));
        if partitions.is_none() && nextest.is_none() {
            continue;
        }
        let all = nextest.map(|t| t * 100.0);
        println!(
            "| {} claims | partitions, 2 shares: {} | nextest, a process per claim: {} (one hundredth: {}) |",
            short(claims),
            seconds(partitions),
            seconds(all),
            seconds(nextest)
        );
    }
}

/// A median of ratios as the tables show it, or `–` when there is none.
fn median_ratio(ratio: Option<f64>) -> String {
    ratio.map_or_else(|| "–".to_owned(), |r| format!("{r:.2}×"))
}

/// What `path` holds, if this run wrote it.
fn written_in_this_run<T: serde::de::DeserializeOwned>(path: &Path) -> Option<T> {
    let modified = std::fs::metadata(path).and_then(|m| m.modified()).ok()?;
    if modified < *STARTED.get()? {
        return None;
    }
    serde_json::from_str(&std::fs::read_to_string(path).ok()?).ok()
}

/// The median of `values`, if there are any.
fn middle(mut values: Vec<f64>) -> Option<f64> {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    (n > 0).then(|| if n % 2 == 1 { values[n / 2] } else { (values[n / 2 - 1] + values[n / 2]) / 2.0 })
}

/// Prints the pairs [`side_by_side`] timed in this run, and their medians.
fn print_sides() {
    let Some((warm, edited)) = written_in_this_run::<(Vec<Beside>, Vec<Beside>)>(&sides_file()) else { return };
    println!(
        "\n| the CLI against the tests, in pairs | warm CLI | warm tests | tests / CLI | CLI after an edit | one test after an edit | test / CLI |"
    );
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (n, (w, e)) in warm.iter().zip(&edited).enumerate() {
        let first = if n % 2 == 0 { "CLI first" } else { "tests first" };
        println!(
            "| {} ({first}) | {} | {} | {} | {} | {} | {} |",
            n + 1,
            seconds(Some(w.cli)),
            seconds(Some(w.tests)),
            ratio(Some(w.tests), Some(w.cli)),
            seconds(Some(e.cli)),
            seconds(Some(e.tests)),
            ratio(Some(e.tests), Some(e.cli))
        );
    }
    let ratios = |pairs: &[Beside]| middle(pairs.iter().map(|p| p.tests / p.cli).collect());
    println!("| median of the pairs | | | {} | | | {} |", median_ratio(ratios(&warm)), median_ratio(ratios(&edited)));
}

/// Prints the pairs [`paired`] timed in this run, and their medians.
fn print_pairs() {
    let Some(pairs) = written_in_this_run::<Vec<Pair>>(&pairs_file()) else { return };
    println!("\n| (a) in pairs | floor | cold | cold / floor | floor CPU | cold CPU | CPU ratio |");
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (n, p) in pairs.iter().enumerate() {
        let first = if n % 2 == 0 { "floor first" } else { "cold first" };
        println!(
            "| {} ({first}) | {} | {} | {} | {} | {} | {} |",
            n + 1,
            seconds(Some(p.floor)),
            seconds(Some(p.cold)),
            ratio(Some(p.cold), Some(p.floor)),
            seconds(Some(p.floor_cpu)),
            seconds(Some(p.cold_cpu)),
            ratio(Some(p.cold_cpu), Some(p.floor_cpu))
        );
    }
    let wall = middle(pairs.iter().map(|p| p.cold / p.floor).collect());
    let cpu = middle(pairs.iter().map(|p| p.cold_cpu / p.floor_cpu).filter(|r| r.is_finite()).collect());
    println!("| median of the pairs | | | {} | | | {} |", median_ratio(wall), median_ratio(cpu));
}

/// The median of a benchmark measured in this run (since `started`), in seconds.
fn median(dir: &Path, group: &str, function: &str) -> Option<f64> {
    let path = dir.join(group.replace('/', "_")).join(function).join("new/estimates.json");
    let modified = std::fs::metadata(&path).and_then(|m| m.modified()).ok()?;
    if modified < *STARTED.get()? {
        return None;
    }
    let text = std::fs::read_to_string(path).ok()?;
    let json: serde_json::Value = serde_json::from_str(&text).ok()?;
    Some(json["median"]["point_estimate"].as_f64()? / 1e9)
}

fn ratio(part: Option<f64>, floor: Option<f64>) -> String {
    match (part, floor) {
        (Some(p), Some(f)) if f > 0.0 && p / f < 0.01 => format!("{:.4}×", p / f),
        (Some(p), Some(f)) if f > 0.0 => format!("{:.2}×", p / f),
        _ => "–".to_owned(),
    }
}

fn seconds(t: Option<f64>) -> String {
    t.map_or_else(
        || "–".to_owned(),
        |t| match t {
            t if t >= 1.0 => format!("{t:.2} s"),
            t if t >= 1e-4 => format!("{:.2} ms", t * 1e3),
            t => format!("{:.1} µs", t * 1e6),
        },
    )
}

/// Prints the ratios to the floors, from the estimates criterion just wrote.
fn print_ratios(dir: &Path) {
    println!("\n| claims | facts | data | floor | load | index | check | cli | cli / floor | peak memory / data |");
    println!("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (claims, facts) in GRID {
        let group = format!("scale/{}-claims-{}-facts", short(claims), short(facts));
        let floor = median(dir, &group, "floor");
        let [load, index, check, cli_time] = ["load", "index", "check", "cli"].map(|f| median(dir, &group, f));
        if [floor, load, index, check, cli_time].iter().all(Option::is_none) {
            continue;
        }
        let root = corpus(&scale_options(claims, facts));
        let bytes = data_bytes(&root);
        let memory = peak_memory(&root).map_or_else(|| "–".to_owned(), |peak| format!("{:.2}×", peak / bytes as f64));
        println!(
            "| {} | {} | {:.1} MB | {} | {} | {} | {} | {} | {} | {memory} |",
            short(claims),
            short(facts),
            bytes as f64 / 1e6,
            seconds(floor),
            seconds(load),
            seconds(index),
            seconds(check),
            seconds(cli_time),
            ratio(cli_time, floor),
        );
    }
    let floor = median(dir, "quote-10mb", "floor");
    println!("\n| quote in a 10 MB document | median | / substring floor |");
    println!("| --- | ---: | ---: |");
    for function in ["floor", "verbatim", "changed"] {
        let t = median(dir, "quote-10mb", function);
        println!("| {function} | {} | {} |", seconds(t), ratio(t, floor));
    }
    let index_floor = median(dir, "quote-10mb", "index-floor");
    for function in ["index-floor", "index"] {
        let t = median(dir, "quote-10mb", function);
        println!("| {function} | {} | {} |", seconds(t), ratio(t, index_floor));
    }
    let import_floor = median(dir, "import-100k-rows", "floor");
    let load_after = median(dir, "import-100k-rows", "load-after");
    println!("\n| import of a 100k-row CSV | median | / csv reading floor | / loading the result |");
    println!("| --- | ---: | ---: | ---: |");
    for function in ["floor", "load-after", "plan", "cli"] {
        let t = median(dir, "import-100k-rows", function);
        println!("| {function} | {} | {} | {} |", seconds(t), ratio(t, import_floor), ratio(t, load_after));
    }
    println!("\n| evidence search | floor | index | index / floor | query | query / floor |");
    println!("| --- | ---: | ---: | ---: | ---: | ---: |");
    for facts in SEARCH_GRID {
        let group = format!("search/{}-facts", short(facts));
        let [floor, index, query] = ["floor", "index", "query"].map(|f| median(dir, &group, f));
        if [floor, index, query].iter().all(Option::is_none) {
            continue;
        }
        println!(
            "| 1k claims, {} facts | {} | {} | {} | {} | {} |",
            short(facts),
            seconds(floor),
            seconds(index),
            ratio(index, floor),
            seconds(query),
            ratio(query, floor)
        );
    }
    let small = median(dir, "per-claim-process", "1k-facts");
    println!("\n| one claim's test process | median | / at 1k facts |");
    println!("| --- | ---: | ---: |");
    for function in ["1k-facts", "1M-facts"] {
        let t = median(dir, "per-claim-process", function);
        println!("| {function} | {} | {} |", seconds(t), ratio(t, small));
    }
}

/// The peak memory of `factcheck check --stats` on `root`, in bytes.
fn peak_memory(root: &Path) -> Option<f64> {
    let output = cli(root, &["--stats"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let after = stderr.split("peak memory ").nth(1)?;
    let mb: f64 = after.split(' ').next()?.parse().ok()?;
    Some(mb * 1e6)
}

/// Rows of the import benchmark's table.
const IMPORT_ROWS: usize = 100_000;

/// A project with one source and one article, and a CSV table of
/// `IMPORT_ROWS` observations (1,000 series of 100 months), made once into
/// `target/bench-corpora/import-100k/`.
fn import_project() -> PathBuf {
    let dir = target().join("bench-corpora").join("import-100k");
    if dir.join("tables/series.csv").is_file() {
        return dir;
    }
    for sub in ["articles", "claims", "reference/facts", "tables"] {
        std::fs::create_dir_all(dir.join(sub)).expect("cannot create the import project");
    }
    let write = |path: &str, text: &str| std::fs::write(dir.join(path), text).expect("cannot write the import project");
    write("articles/note.txt", "Counts rose.\n");
    write(
        "claims/note.yaml",
        "article:\n  id: note\n  publisher: Example\n  url: https://example.org/note\n  published: 2024-01-10\nclaims:\n  - id: rose\n    text: Counts rose.\n    kind: opinion\n",
    );
    write(
        "reference/sources.yaml",
        "sources:\n  - id: office-2024\n    publisher: Example Statistics Office\n    title: Counts\n    url: https://stats.example.org/counts\n    published: 2024-01-05\n    kind: primary\n",
    );
    let mut table = String::from("subject,measure,period,value,unit\n");
    for row in 0..IMPORT_ROWS {
        let (series, month) = (row / 100, row % 100);
        let (year, m) = (2015 + month / 12, month % 12 + 1);
        let value = (series * 7919 + month * 104_729) % 1_000_000;
        table.push_str(&format!("Area {series},count,{year}-{m:02},{value},people\n"));
    }
    write("tables/series.csv", &table);
    dir
}

fn import_request() -> factcheck::import::Request {
    let mapping = factcheck::import::MappingText { source: Some("office-2024".to_owned()), ..Default::default() };
    factcheck::import::Request {
        table: "tables/series.csv".to_owned(),
        format: None,
        mapping: factcheck::import::Mapping::try_from(mapping).expect("the mapping is valid"),
        into: "series".to_owned(),
    }
}

fn import(c: &mut Criterion) {
    let root = import_project();
    let table = std::fs::read(root.join("tables/series.csv")).expect("the table is readable");
    let mut group = c.benchmark_group("import-100k-rows");
    group.sample_size(10).sampling_mode(SamplingMode::Flat);
    group.bench_function("floor", |b| {
        b.iter(|| {
            let mut reader = csv::Reader::from_reader(black_box(table.as_slice()));
            let mut record = csv::StringRecord::new();
            let mut rows = 0;
            while reader.read_record(&mut record).expect("the table is CSV") {
                rows += record.len();
            }
            rows
        })
    });
    let request = import_request();
    // `plan` reads the table path relative to the current folder.
    std::env::set_current_dir(&root).expect("cannot enter the import project");
    group.bench_function("plan", |b| {
        b.iter(|| factcheck::import::plan(Path::new("."), black_box(&request)).expect("the table imports").new.len())
    });
    let clear = || {
        for entry in std::fs::read_dir(root.join("reference/facts")).expect("the facts folder is readable").flatten() {
            if entry.file_name().to_string_lossy().starts_with("series") {
                std::fs::remove_file(entry.path()).expect("cannot remove an imported file");
            }
        }
    };
    factcheck::import::apply(Path::new("."), &request).expect("the table imports");
    group.bench_function("load-after", |b| {
        b.iter(|| load::from_root(black_box(&root)).expect("the imported project loads").project.reference.facts.len())
    });
    clear();
    group.bench_function("cli", |b| {
        b.iter_batched(
            clear,
            |()| {
                let status = Command::new(env!("CARGO_BIN_EXE_factcheck"))
                    .args(["import", "tables/series.csv", "--source", "office-2024", "--into", "series", "--write"])
                    .current_dir(&root)
                    .stdout(Stdio::null())
                    .status()
                    .expect("cannot run factcheck import");
                assert!(status.success());
            },
            criterion::BatchSize::PerIteration,
        )
    });
    group.finish();
    clear();
}

/// When this run began: estimates older than that are another run's.
static STARTED: OnceLock<SystemTime> = OnceLock::new();

/// Whether the benchmarks of `group` may run: the filter given on the
/// command line (criterion's, read here as a plain substring) names no other
/// group. Groups whose setup costs minutes are skipped before it when not.
fn wanted(group: &str) -> bool {
    let filter = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    filter.is_none_or(|f| group.contains(&f) || f.contains(group))
}

fn main() {
    // `SCALE_FLOOR_ONLY=<project>`: parse that project's files once, as
    // the floor does, and stop; for counting the floor's instructions
    // (`valgrind --tool=callgrind`), which no timing here needs.
    if let Some(root) = std::env::var_os("SCALE_FLOOR_ONLY") {
        let root = PathBuf::from(root);
        println!("{} entries parsed", floor(&root, &biggest_first(&root)));
        return;
    }
    let _ = STARTED.set(SystemTime::now());
    let dir = target().join("criterion");
    let mut c = Criterion::default().output_directory(&dir).configure_from_args();
    scale(&mut c);
    if wanted("quote-10mb") {
        quotes(&mut c);
    }
    if wanted("per-claim-process") {
        per_claim(&mut c);
    }
    if wanted("import-100k-rows") {
        import(&mut c);
    }
    if wanted("search") {
        search(&mut c);
    }
    if wanted("incremental") {
        incremental(&mut c);
    }
    if wanted("sharding") {
        sharding(&mut c);
    }
    c.final_summary();
    print_ratios(&dir);
    print_incremental(&dir);
}
