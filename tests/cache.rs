//! The parse and record caches never serve a stale result: an edited fact
//! gives the new verdict, only what changed is parsed and checked again,
//! and a damaged or foreign cache file is ignored and made again.
//!
//! Runs on a copy of the `newsroom` fixture (two articles, two facts files).

use std::path::{Path, PathBuf};

use factcheck::cache::files::{FileCache, FileCounts};
use factcheck::cache::records::{ClaimCounts, Records};
use factcheck::check;
use factcheck::load;
use factcheck::model::{Choice, VerdictKind};
use factcheck::progress::Quiet;
use factcheck::run;

/// A copy of `tests/fixtures/newsroom` and an empty cache folder.
struct Project {
    data: tempfile::TempDir,
    cache: tempfile::TempDir,
}

fn copy(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// What one run through both caches gave.
struct Outcome {
    verdicts: Vec<(String, VerdictKind)>,
    sentences: Vec<Vec<factcheck::check::rollup::SentenceVerdict>>,
    files: FileCounts,
    claims: ClaimCounts,
}

impl Outcome {
    fn verdict(&self, name: &str) -> VerdictKind {
        self.verdicts.iter().find(|(n, _)| n == name).unwrap_or_else(|| panic!("no claim {name}")).1
    }
}

impl Project {
    fn new() -> Project {
        let data = tempfile::tempdir().unwrap();
        copy(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/newsroom"), data.path());
        Project { data, cache: tempfile::tempdir().unwrap() }
    }

    fn path(&self, relative: &str) -> PathBuf {
        self.data.path().join(relative)
    }

    /// Loads and checks the project through both caches, as `check` does.
    fn run(&self) -> Outcome {
        let files = FileCache::open(self.cache.path(), self.data.path(), "test");
        let records = Records::open(self.cache.path(), "test");
        let loaded = load::from_root_cached(self.data.path(), &Choice::default(), &Quiet, Some(&files)).unwrap();
        let checks = check::check_project_cached(&loaded.project, None, &Choice::default(), &Quiet, Some(&records));
        let verdicts = checks
            .iter()
            .flat_map(|c| {
                c.pairs().map(move |(claim, v)| (format!("{}::{}", c.article.article.id, claim.id), v.verdict))
            })
            .collect();
        let sentences = checks.iter().map(|c| c.sentences.clone()).collect();
        Outcome { verdicts, sentences, files: files.counts(), claims: records.counts() }
    }

    /// What the same project gives with no cache at all.
    fn uncached(&self) -> Vec<(String, VerdictKind)> {
        let loaded = load::from_root(self.data.path()).unwrap();
        check::check_project(&loaded.project, None)
            .iter()
            .flat_map(|c| {
                c.pairs().map(move |(claim, v)| (format!("{}::{}", c.article.article.id, claim.id), v.verdict))
            })
            .collect()
    }

    /// Replaces `from` by `to` in a data file, keeping its size and
    /// modification time, so that only its content says it changed.
    fn edit_keeping_stamp(&self, relative: &str, from: &str, to: &str) {
        assert_eq!(from.len(), to.len(), "an edit that keeps the size");
        let path = self.path(relative);
        let before = std::fs::metadata(&path).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{relative} holds no `{from}`");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
        std::fs::File::options().write(true).open(&path).unwrap().set_modified(before.modified().unwrap()).unwrap();
    }

    /// Runs `factcheck check` on the project with its cache: its output
    /// and its errors.
    fn cli(&self, args: &[&str]) -> (String, String) {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_factcheck"))
            .args(["check", "--progress", "never", "--root"])
            .arg(self.data.path())
            .args(args)
            .env("FACTCHECK_CACHE", self.cache.path())
            .output()
            .unwrap();
        (String::from_utf8(output.stdout).unwrap(), String::from_utf8(output.stderr).unwrap())
    }

    /// Removes the facts files' entries from the parse cache, keeping
    /// their summaries; how many were removed.
    fn remove_facts_entries(&self) -> usize {
        self.remove_entries(b"facts v1")
    }

    /// Removes the claims files' entries from the parse cache; how many
    /// were removed.
    fn remove_claims_entries(&self) -> usize {
        self.remove_entries(b"claims v2")
    }

    /// Removes the parse cache's entries with `label`; how many.
    fn remove_entries(&self, label: &[u8]) -> usize {
        let mut removed = 0;
        for path in self.cache_files() {
            if factcheck::cache::entry::label(&std::fs::read(&path).unwrap()) == Some(label) {
                std::fs::remove_file(&path).unwrap();
                removed += 1;
            }
        }
        removed
    }

    fn cache_files(&self) -> Vec<PathBuf> {
        fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
            for entry in std::fs::read_dir(dir).unwrap().map(Result::unwrap) {
                if entry.file_type().unwrap().is_dir() {
                    walk(&entry.path(), out);
                } else {
                    out.push(entry.path());
                }
            }
        }
        let mut out = Vec::new();
        walk(self.cache.path(), &mut out);
        out.sort();
        out
    }
}

#[test]
fn an_edited_fact_gives_the_new_verdict_and_only_its_file_and_claim_are_done_again() {
    let project = Project::new();
    let first = project.run();
    // Two facts files and two claims files.
    assert_eq!(first.files, FileCounts { parsed: 4, cached: 0 });
    assert_eq!(first.claims, ClaimCounts { reused: 0, checked: 10 });
    assert_eq!(first.verdict("clinic-waits::nurses-risen-to-42"), VerdictKind::Misleading);
    assert_eq!(first.verdicts, project.uncached());

    let warm = project.run();
    // clinic-waits.yaml has a warning (a claim no fact answers): a file
    // with a problem is parsed every run, so the problem is shown every run.
    assert_eq!(warm.files, FileCounts { parsed: 1, cached: 3 });
    assert_eq!(warm.claims, ClaimCounts { reused: 10, checked: 0 });
    assert_eq!(warm.verdicts, first.verdicts);
    assert_eq!(warm.sentences, first.sentences, "sentence verdicts are kept with the verdicts");

    // Northfield had 38 nurses; the fact now says 42, so the claim that
    // they had risen to 42 is supported. Size and time are kept: only the
    // content shows the change.
    project.edit_keeping_stamp("reference/facts/health.yaml", "value: 38\n", "value: 42\n");
    let edited = project.run();
    assert_eq!(edited.verdict("clinic-waits::nurses-risen-to-42"), VerdictKind::Supported);
    assert_eq!(edited.verdicts, project.uncached());
    assert_eq!(edited.files, FileCounts { parsed: 2, cached: 2 }, "health.yaml parsed, the others kept");
    // Only the claim whose check looked the nurses up is checked again;
    // the rest of its article and the other article keep their records.
    assert_eq!(edited.claims, ClaimCounts { reused: 9, checked: 1 });

    // Back to 38: the first content's entries serve again, and the verdict is the first one.
    project.edit_keeping_stamp("reference/facts/health.yaml", "value: 42\n", "value: 38\n");
    let back = project.run();
    assert_eq!(back.verdict("clinic-waits::nurses-risen-to-42"), VerdictKind::Misleading);
    assert_eq!(back.files, FileCounts { parsed: 1, cached: 3 });
}

#[test]
fn an_edited_claims_file_is_parsed_again_and_its_article_checked_again_if_its_claims_changed() {
    let project = Project::new();
    project.run();
    // A comment changes the file, not its claims: parsed again, nothing checked again.
    let path = project.path("claims/harbour-exports.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, format!("# Reviewed.\n{text}")).unwrap();
    let commented = project.run();
    assert_eq!(commented.files, FileCounts { parsed: 2, cached: 2 });
    assert_eq!(commented.claims, ClaimCounts { reused: 10, checked: 0 });

    // A claim's figure changes: its article is checked again, the other's verdicts kept.
    project.edit_keeping_stamp("claims/clinic-waits.yaml", "value: 42\n", "value: 38\n");
    let edited = project.run();
    assert_eq!(edited.verdict("clinic-waits::nurses-risen-to-42"), VerdictKind::Supported);
    assert_eq!(edited.verdicts, project.uncached());
    let clinic = edited.verdicts.iter().filter(|(n, _)| n.starts_with("clinic-waits::")).count();
    assert_eq!(edited.claims, ClaimCounts { reused: 10 - clinic, checked: clinic });
}

#[test]
fn a_damaged_or_foreign_cache_file_is_ignored_and_made_again() {
    let project = Project::new();
    let first = project.run();
    let kept = project.cache_files();
    assert_eq!(
        kept.len(),
        8,
        "stamps, three file entries (not clinic-waits.yaml, which warns), two facts files' summaries, two records: {kept:?}"
    );
    let entries: Vec<&PathBuf> = kept.iter().filter(|p| !p.ends_with("stamps.bin")).collect();
    // Each kept file damaged in its own way: cut short, a byte flipped,
    // emptied, replaced by another entry (a foreign one, even of the same kind).
    let foreign = std::fs::read(entries[0]).unwrap();
    for (n, path) in entries.iter().enumerate() {
        let mut bytes = std::fs::read(path).unwrap();
        match n % 4 {
            0 => bytes.truncate(bytes.len() / 2),
            1 => *bytes.last_mut().unwrap() ^= 0x55,
            2 => bytes.clear(),
            _ => bytes.clone_from(&foreign),
        }
        std::fs::write(path, bytes).unwrap();
    }
    // And the fact edited, so that a stale record would show.
    project.edit_keeping_stamp("reference/facts/health.yaml", "value: 38\n", "value: 42\n");
    let damaged = project.run();
    assert_eq!(damaged.verdicts, project.uncached());
    assert_ne!(damaged.verdicts, first.verdicts);
    assert_eq!(damaged.files.parsed, 4, "no damaged entry was trusted");
    assert_eq!(damaged.claims.reused, 0, "no damaged record was trusted");
    let again = project.run();
    assert_eq!(again.files, FileCounts { parsed: 1, cached: 3 }, "the entries were made again");
    assert_eq!(again.claims.checked, 0);
}

#[test]
fn a_facts_file_citing_a_source_that_is_gone_is_parsed_again_for_the_located_error() {
    let project = Project::new();
    project.run();
    let sources = project.path("reference/sources.yaml");
    let text = std::fs::read_to_string(&sources).unwrap();
    std::fs::write(
        &sources,
        text.replace("id: example-port-authority-2024-01-15", "id: example-port-authority-2024-01-16"),
    )
    .unwrap();
    let files = FileCache::open(project.cache.path(), project.data.path(), "test");
    let error = load::from_root_cached(project.data.path(), &Choice::default(), &Quiet, Some(&files)).unwrap_err();
    let factcheck::Error::Load(diags) = error else { panic!("{error}") };
    let cited = diags
        .0
        .iter()
        .find(|d| d.path == "reference/facts/trade.yaml" && d.message.contains("example-port-authority-2024-01-15"))
        .unwrap_or_else(|| panic!("{diags:?}"));
    assert_eq!(cited.message, "unknown source `example-port-authority-2024-01-15`");
    assert!(cited.span.line > 1, "located at the citation: {:?}", cited.span);
    let parsed = files.counts().parsed;
    assert_eq!(parsed, 3, "trade.yaml and harbour-exports.yaml (citing the source) and clinic-waits.yaml (a warning)");
}

#[test]
fn every_report_is_the_same_from_the_cache_as_without_it() {
    let project = Project::new();
    let check = |args: &[&str]| project.cli(args);
    for format in ["text", "json", "markdown", "html", "junit"] {
        let fresh = check(&["--no-cache", "--format", format]);
        let filling = check(&["--format", format]);
        let cached = check(&["--format", format, "--stats"]);
        assert_eq!(filling.0, fresh.0, "{format}: the run filling the cache");
        assert_eq!(cached.0, fresh.0, "{format}: the run reading the cache");
        assert!(cached.1.contains("10 verdicts from the cache"), "{}", cached.1);
    }
}

/// A copy of `tests/fixtures/base` (one article, nothing to warn about) with
/// a second facts file no claim looks up, and an empty cache folder.
fn lean_project() -> Project {
    let data = tempfile::tempdir().unwrap();
    copy(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/base"), data.path());
    std::fs::write(
        data.path().join("reference/facts/other.yaml"),
        "facts:\n  - id: harbour-cranes\n    subject: harbour\n    measure: cranes\n    value: 12\n    unit: cranes\n    \
         as_of: 2024-01-01\n    sources: [example-daily-2024-09-06]\n",
    )
    .unwrap();
    Project { data, cache: tempfile::tempdir().unwrap() }
}

/// What one lean run gave: its outcome and how many facts files' facts
/// it read from the cache.
fn lean_run(project: &Project) -> (Outcome, usize) {
    let files = FileCache::open(project.cache.path(), project.data.path(), "test");
    let records = Records::open(project.cache.path(), "test");
    let loaded = load::from_root_lean(project.data.path(), &Choice::default(), &Quiet, &files)
        .expect("data with nothing to report loads lean");
    assert!(loaded.project.reference.facts.is_empty(), "the facts are deferred");
    let checks = check::check_project_cached(&loaded.project, None, &Choice::default(), &Quiet, Some(&records));
    let deferred = loaded.project.reference.deferred.get().unwrap();
    assert!(!deferred.failed());
    let verdicts = checks
        .iter()
        .flat_map(|c| c.pairs().map(move |(claim, v)| (format!("{}::{}", c.article.article.id, claim.id), v.verdict)))
        .collect();
    let sentences = checks.iter().map(|c| c.sentences.clone()).collect();
    let outcome = Outcome { verdicts, sentences, files: files.counts(), claims: records.counts() };
    (outcome, deferred.decoded())
}

#[test]
fn a_lean_run_whose_cache_cannot_be_written_keeps_the_facts_it_parsed() {
    let project = lean_project();
    // A file where the entries' folder would be: no entry can be written.
    std::fs::write(project.cache.path().join("files"), "not a folder").unwrap();
    let (cold, decoded) = lean_run(&project);
    assert_eq!(cold.files, FileCounts { parsed: 3, cached: 0 });
    assert_eq!(decoded, 0, "nothing was written, so nothing is read back: the parsed facts were kept");
    assert_eq!(cold.verdicts, project.uncached());
}

#[test]
fn a_lean_run_decodes_only_the_facts_an_article_checked_again_looks_up() {
    let project = lean_project();
    let (cold, decoded) = lean_run(&project);
    assert_eq!(cold.files, FileCounts { parsed: 3, cached: 0 });
    // Parsed facts are written to the cache and dropped: a check reads back
    // only the files it looks up, never other.yaml.
    assert_eq!(decoded, 1, "base.yaml's facts only, read back");
    assert_eq!(cold.verdicts, project.uncached());
    assert_eq!(cold.verdict("base::advisers-left"), VerdictKind::Supported);
    // The command says so (its own program's entries: a first run, then a warm one).
    let stats = || project.cli(&["--stats"]).1;
    assert!(stats().contains("3 facts and claims files parsed, 0 from the cache (facts files decoded: 1)"));
    assert!(stats().contains("0 facts and claims files parsed, 3 from the cache (facts files decoded: 0)"));

    let (warm, decoded) = lean_run(&project);
    assert_eq!(warm.files, FileCounts { parsed: 0, cached: 3 });
    assert_eq!(warm.claims, ClaimCounts { reused: 4, checked: 0 });
    assert_eq!(decoded, 0, "an unchanged run decodes no fact");
    assert_eq!(warm.verdicts, cold.verdicts);
    assert_eq!(warm.sentences, cold.sentences);

    // The fact the claim reads, edited keeping size and time: the new
    // verdict, from the one file parsed again.
    project.edit_keeping_stamp("reference/facts/base.yaml", "value: 40\n", "value: 41\n");
    let (edited, decoded) = lean_run(&project);
    assert_eq!(edited.verdict("base::advisers-left"), VerdictKind::Contradicted);
    assert_eq!(edited.verdicts, project.uncached());
    assert_eq!(edited.files, FileCounts { parsed: 1, cached: 2 });
    assert_eq!(edited.claims, ClaimCounts { reused: 3, checked: 1 }, "only advisers-left looks the count up");
    assert_eq!(decoded, 1, "the edited file, parsed and read back; other.yaml is not looked up");

    // The claims file edited: the article is checked again, reading
    // base.yaml's facts from the cache, never other.yaml's.
    project.edit_keeping_stamp("claims/base.yaml", "expect: supported", "severity: warn   ");
    let (reclaimed, decoded) = lean_run(&project);
    assert_eq!(reclaimed.files, FileCounts { parsed: 1, cached: 2 });
    assert_eq!(reclaimed.claims, ClaimCounts { reused: 0, checked: 4 });
    assert_eq!(decoded, 1, "base.yaml's facts only");
    assert_eq!(reclaimed.verdicts, project.uncached());

    // The sources, kept apart from the files' entries, edited keeping size
    // and time: the quote is no longer in the excerpt, and every article
    // is checked again.
    let quoted = reclaimed.verdict("base::first-step-quote");
    project.edit_keeping_stamp("reference/sources.yaml", "It is a first step,", "It is a last step, ");
    let (sourced, _) = lean_run(&project);
    assert_ne!(sourced.verdict("base::first-step-quote"), quoted);
    assert_eq!(sourced.verdicts, project.uncached());
    assert_eq!(sourced.claims, ClaimCounts { reused: 0, checked: 4 });
}

#[test]
fn a_lean_run_whose_facts_entry_is_gone_when_looked_up_parses_the_file_again() {
    let project = lean_project();
    lean_run(&project);
    // The facts entries removed, their summaries kept: the lean load
    // succeeds, and the article, checked again after its claims file
    // changed, cannot read its facts from the cache.
    assert_eq!(project.remove_facts_entries(), 2);
    project.edit_keeping_stamp("claims/base.yaml", "expect: supported", "severity: warn   ");
    let (mended, decoded) = lean_run(&project);
    assert_eq!(decoded, 1, "base.yaml's facts, parsed from the file");
    assert_eq!(mended.verdicts, project.uncached());
    assert_eq!(mended.verdict("base::advisers-left"), VerdictKind::Supported);
    assert_eq!(mended.files, FileCounts { parsed: 2, cached: 1 }, "the claims file, and base.yaml again");
    assert_eq!(project.remove_facts_entries(), 1, "base.yaml's entry, written again");

    // Gone, and the file edited after the load: what the run loaded can be
    // read from nowhere, and nothing made without it is kept.
    project.edit_keeping_stamp("claims/base.yaml", "severity: warn   ", "expect: supported");
    let files = FileCache::open(project.cache.path(), project.data.path(), "test");
    let records = Records::open(project.cache.path(), "test");
    let loaded = load::from_root_lean(project.data.path(), &Choice::default(), &Quiet, &files).unwrap();
    project.edit_keeping_stamp("reference/facts/base.yaml", "value: 40\n", "value: 41\n");
    let checks = check::check_project_cached(&loaded.project, None, &Choice::default(), &Quiet, Some(&records));
    assert!(loaded.project.reference.deferred.get().unwrap().failed());
    assert_eq!(checks[0].verdicts[0].verdict, VerdictKind::Unverifiable, "made without its facts");
    drop(checks);
    let again = project.run();
    assert_eq!(again.claims, ClaimCounts { reused: 0, checked: 4 });
    assert_eq!(again.verdicts, project.uncached());
    assert_eq!(again.verdict("base::advisers-left"), VerdictKind::Contradicted);

    // The command reads the file again on its own.
    let check = |args: &[&str]| project.cli(&[&["--format", "json", "--stats"], args].concat());
    check(&[]);
    project.remove_facts_entries();
    project.edit_keeping_stamp("claims/base.yaml", "expect: supported", "severity: warn   ");
    let (report, stats) = check(&[]);
    assert_eq!(report, check(&["--no-cache"]).0);
    assert!(report.contains("\"verdict\": \"contradicted\""), "{report}");
    assert!(stats.contains("4 claims checked"), "{stats}");
    assert!(stats.contains("2 facts and claims files parsed, 1 from the cache"), "{stats}");
}

#[test]
fn a_claim_kept_from_the_cache_is_marked_swapped_or_not_as_its_partner_is_now() {
    let project = lean_project();
    std::fs::write(project.path("articles/trade.txt"), "Exports rose to 30 tonnes and imports to 20 tonnes in 2024.\n")
        .unwrap();
    // Each figure about a subject of its own, so that one claim's check
    // looks up nothing of the other's.
    let claim = |id: &str, text: &str, measure: &str, value: u32| {
        format!(
            "  - id: {id}\n    text: {text}\n    kind: quantity\n    subject: {measure}-desk\n    measure: {measure}\n    \
             value: {value}\n    unit: tonnes\n    sources: [example-wire-2024-09-05]\n"
        )
    };
    std::fs::write(
        project.path("claims/trade.yaml"),
        format!(
            "article:\n  id: trade\n  publisher: Example News\n  url: https://example.org/trade\n  published: 2024-09-06\n\
             claims:\n{}{}",
            claim("exports", "Exports rose to 30 tonnes", "exports", 30),
            claim("imports", "imports to 20 tonnes", "imports", 20)
        ),
    )
    .unwrap();
    let fact = |measure: &str, value: u32| {
        format!(
            "  - id: harbour-{measure}\n    subject: {measure}-desk\n    measure: {measure}\n    value: {value}\n    \
             unit: tonnes\n    as_of: 2024-01-01\n    sources: [example-wire-2024-09-05]\n"
        )
    };
    std::fs::write(
        project.path("reference/facts/trade.yaml"),
        format!("facts:\n{}{}", fact("exports", 20), fact("imports", 30)),
    )
    .unwrap();
    let verdicts = |project: &Project| {
        let files = FileCache::open(project.cache.path(), project.data.path(), "test");
        let records = Records::open(project.cache.path(), "test");
        let loaded = load::from_root_lean(project.data.path(), &Choice::default(), &Quiet, &files).unwrap();
        let checks = check::check_project_cached(&loaded.project, None, &Choice::default(), &Quiet, Some(&records));
        let trade = checks.iter().find(|c| c.article.article.id.as_str() == "trade").unwrap();
        (trade.verdicts.clone(), records.counts())
    };
    let uncached = |project: &Project| {
        let loaded = load::from_root(project.data.path()).unwrap();
        let checks = check::check_project(&loaded.project, None);
        checks.iter().find(|c| c.article.article.id.as_str() == "trade").unwrap().verdicts.clone()
    };
    let swapped = |v: &factcheck::model::Verdict| {
        matches!(v.discrepancies.first(), Some(factcheck::model::Discrepancy::Swapped { .. }))
    };
    let (first, _) = verdicts(&project);
    assert!(first.iter().all(swapped), "each figure belongs to the other: {first:?}");
    assert_eq!(first, uncached(&project));

    // Exports now 30: that claim is checked again and supported; the
    // imports claim keeps its own verdict (its fact is unchanged) but is
    // no longer swapped, as its partner is right now.
    project.edit_keeping_stamp("reference/facts/trade.yaml", "value: 20\n", "value: 30\n");
    let (edited, counts) = verdicts(&project);
    assert_eq!(counts, ClaimCounts { reused: 5, checked: 1 }, "base's four and imports kept");
    assert_eq!(edited[0].verdict, VerdictKind::Supported);
    assert_eq!(edited[1].verdict, VerdictKind::Contradicted);
    assert!(!swapped(&edited[1]), "{:?}", edited[1]);
    assert_eq!(edited, uncached(&project));
}

#[test]
fn a_fact_id_repeated_across_files_is_found_through_the_cache_and_located() {
    let project = lean_project();
    lean_run(&project);
    let other = std::fs::read_to_string(project.path("reference/facts/other.yaml")).unwrap();
    std::fs::write(project.path("reference/facts/more.yaml"), other.replace("value: 12", "value: 13")).unwrap();
    let files = FileCache::open(project.cache.path(), project.data.path(), "test");
    assert!(load::from_root_lean(project.data.path(), &Choice::default(), &Quiet, &files).is_none());
    let error = load::from_root_cached(project.data.path(), &Choice::default(), &Quiet, Some(&files)).unwrap_err();
    let factcheck::Error::Load(diags) = error else { panic!("{error}") };
    let repeated = diags.0.iter().find(|d| d.message == "duplicate fact id `harbour-cranes`").expect("reported");
    assert_eq!(repeated.path, "reference/facts/other.yaml", "the later file, in path order");
    assert!(repeated.span.line > 1);
}

/// A copy of `tests/fixtures/quotes` (two articles, nothing to warn
/// about) and an empty cache folder.
fn quotes_project() -> Project {
    let data = tempfile::tempdir().unwrap();
    copy(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/quotes"), data.path());
    Project { data, cache: tempfile::tempdir().unwrap() }
}

/// The text report of a run whose articles are read from the parse cache
/// a batch at a time, or `None` if some could not be read.
fn deferred_text(project: &Project, records: Option<&Records>) -> Option<String> {
    let files = FileCache::open(project.cache.path(), project.data.path(), "test");
    let lean = load::from_root_deferred(project.data.path(), &Choice::default(), &Quiet, &files)
        .expect("data with nothing to report loads lean");
    text_of(lean, records)
}

/// The text report of `lean`, its articles read a batch at a time.
fn text_of(lean: load::Lean, records: Option<&Records>) -> Option<String> {
    let options = factcheck::report::Options::default();
    let asked = run::Asked {
        as_of: None,
        claims: &Choice::default(),
        format: factcheck::report::Format::Text,
        options: &options,
        progress: &Quiet,
        records,
        batch: check::BATCH_CLAIMS,
    };
    Some(run::check_and_render(run::Articles::Kept(lean.articles), &lean.reference, &asked)?.0)
}

#[test]
fn articles_read_back_a_batch_at_a_time_report_what_every_article_at_once_does() {
    let project = quotes_project();
    let loaded = load::from_root(project.data.path()).unwrap();
    let checks = check::check_project(&loaded.project, None);
    let options = factcheck::report::Options::default();
    let whole = factcheck::report::text::render(&checks, &options);
    assert!(whole.contains("25 claims in 2 articles"), "{whole}");

    // One article per batch, as a run over many articles cuts them.
    let choice = Choice::default();
    let checker = check::Checker::new(&loaded.project.reference, None, &choice, &Quiet, None);
    let mut text = factcheck::report::text::Report::new(&options);
    let batches = check::batches(&loaded.project.articles, |_| 1, 1);
    assert_eq!(batches.len(), 2);
    let mut lines = String::new();
    for batch in batches {
        lines.push_str(&text.add(&checker.check(batch)));
    }
    lines.push_str(&text.finish());
    assert_eq!(lines, whole);

    // Claims read from the parse cache: parsed and written on the first
    // run, read back on the next.
    for run in ["cold", "warm"] {
        let records = Records::open(project.cache.path(), "test");
        assert_eq!(deferred_text(&project, Some(&records)).as_deref(), Some(whole.as_str()), "{run}");
    }
    assert_eq!(project.remove_claims_entries(), 2, "each article's claims were kept");
}

#[test]
fn a_deferred_run_whose_claims_entry_is_gone_when_read_parses_the_claims_file_again() {
    let project = quotes_project();
    let records = Records::open(project.cache.path(), "test");
    let whole = deferred_text(&project, Some(&records)).unwrap();
    // The claims entries removed, their summaries kept: the lean load
    // needs only the summaries, and each batch parses its claims files.
    assert_eq!(project.remove_claims_entries(), 2);
    let files = FileCache::open(project.cache.path(), project.data.path(), "test");
    let lean = load::from_root_deferred(project.data.path(), &Choice::default(), &Quiet, &files).unwrap();
    assert_eq!(lean.articles.articles().len(), 2);
    assert_eq!(files.counts(), FileCounts { parsed: 0, cached: 3 }, "two claims files and one facts file");
    assert_eq!(text_of(lean, Some(&records)).as_deref(), Some(whole.as_str()));
    assert_eq!(files.counts(), FileCounts { parsed: 2, cached: 1 }, "the claims files, parsed after all");
    assert_eq!(project.remove_claims_entries(), 2, "written again");

    // Gone, and a claims file edited after the load: no report.
    let files = FileCache::open(project.cache.path(), project.data.path(), "test");
    let lean = load::from_root_deferred(project.data.path(), &Choice::default(), &Quiet, &files).unwrap();
    let claims = std::fs::read_to_string(project.path("claims/observatory-cuts.yaml")).unwrap();
    std::fs::write(project.path("claims/observatory-cuts.yaml"), format!("# edited\n{claims}")).unwrap();
    assert_eq!(text_of(lean, Some(&records)), None);
    // The other article may or may not have been parsed again (and its
    // entry written) before the run gave up: the batch's articles are read
    // across the cores, and reading stops at the first that fails.
    project.remove_claims_entries();

    // The command, with its own entries (made by a first run) in the same
    // state, parses the claims files again and says what a run without
    // the caches says.
    project.cli(&[]);
    assert_eq!(project.remove_claims_entries(), 2);
    let (report, stats) = project.cli(&["--stats"]);
    assert_eq!(report, whole);
    assert_eq!(project.cli(&["--no-cache"]).0, whole);
    assert!(stats.contains("2 facts and claims files parsed, 1 from the cache"), "{stats}");
}

#[test]
fn a_run_that_cannot_read_an_article_after_writing_part_of_its_report_writes_nothing_more() {
    let project = quotes_project();
    deferred_text(&project, None).unwrap();
    assert_eq!(project.remove_claims_entries(), 2);
    let files = FileCache::open(project.cache.path(), project.data.path(), "test");
    let lean = load::from_root_deferred(project.data.path(), &Choice::default(), &Quiet, &files).unwrap();
    // The second article's claims file edited after the load: its entry is
    // gone, and the file no longer holds what the run loaded.
    let ids: Vec<String> = lean.articles.articles().iter().map(|a| a.id().to_string()).collect();
    let edited = project.path(&format!("claims/{}.yaml", ids[1]));
    let claims = std::fs::read_to_string(&edited).unwrap();
    std::fs::write(&edited, format!("# edited\n{claims}")).unwrap();
    let options = factcheck::report::Options::default();
    let choice = Choice::default();
    let asked = run::Asked {
        as_of: None,
        claims: &choice,
        format: factcheck::report::Format::Text,
        options: &options,
        progress: &Quiet,
        records: None,
        batch: 1,
    };
    let mut out = Vec::new();
    let failed = run::check_and_write(run::Articles::Kept(lean.articles), &lean.reference, &asked, &mut out);
    assert!(matches!(failed, Err(run::Failure::Unread { written: true })), "{failed:?}");
    // The first article's lines, one batch, and nothing of the second's,
    // nor a tally.
    let out = String::from_utf8(out).unwrap();
    assert!(out.starts_with(&format!("{} (as of", ids[0])), "{out}");
    assert!(!out.contains(&ids[1]), "{out}");
    assert!(!out.contains(" claims in "), "{out}");
}

#[test]
fn a_kept_claims_summary_citing_a_source_that_is_gone_sends_the_run_to_the_full_load() {
    let project = quotes_project();
    deferred_text(&project, None).unwrap();
    // A source only a claim cites, renamed: the claims files are unchanged,
    // and their summaries say what they cite.
    let sources = std::fs::read_to_string(project.path("reference/sources.yaml")).unwrap();
    let renamed = sources.replace("id: example-science-news-2024-03-11", "id: example-science-news-renamed");
    assert_ne!(renamed, sources);
    std::fs::write(project.path("reference/sources.yaml"), renamed).unwrap();
    let files = FileCache::open(project.cache.path(), project.data.path(), "test");
    assert!(load::from_root_deferred(project.data.path(), &Choice::default(), &Quiet, &files).is_none());
    let error = load::from_root_cached(project.data.path(), &Choice::default(), &Quiet, Some(&files)).unwrap_err();
    let factcheck::Error::Load(diags) = error else { panic!("{error}") };
    let cited = diags.0.iter().find(|d| d.message == "unknown source `example-science-news-2024-03-11`").unwrap();
    assert_eq!(cited.path, "claims/observatory-cuts.yaml");
    assert_eq!(cited.span.line, 64, "located at the citation");
}

#[test]
fn a_figure_with_parts_whose_combination_no_fact_is_about_loads_lean() {
    // Two parts with facts, their sum named by a subject no fact is about:
    // the full load warns about nothing, so the lean load must not decline.
    let project = lean_project();
    let append = |relative: &str, text: &str| {
        let mut file = std::fs::OpenOptions::new().append(true).open(project.path(relative)).unwrap();
        std::io::Write::write_all(&mut file, text.as_bytes()).unwrap();
    };
    append("articles/base.txt", "The two harbours have 12 cranes.\n");
    append(
        "reference/facts/other.yaml",
        "  - id: north-cranes\n    subject: north-harbour\n    measure: cranes\n    value: 5\n    unit: cranes\n    \
         as_of: 2024-01-01\n    sources: [example-daily-2024-09-06]\n  - id: south-cranes\n    subject: south-harbour\n    \
         measure: cranes\n    value: 7\n    unit: cranes\n    as_of: 2024-01-01\n    sources: [example-daily-2024-09-06]\n",
    );
    append(
        "claims/base.yaml",
        "  - id: harbours-cranes\n    text: The two harbours have 12 cranes\n    kind: quantity\n    subject: both-harbours\n    \
         parts: [north-harbour, south-harbour]\n    measure: cranes\n    value: 12\n    unit: cranes\n    \
         sources: [example-daily-2024-09-06]\n    expect: supported\n",
    );
    let loaded = load::from_root(project.data.path()).unwrap();
    assert!(loaded.warnings.0.is_empty(), "{:?}", loaded.warnings);
    let files = FileCache::open(project.cache.path(), project.data.path(), "test");
    let lean = load::from_root_deferred(project.data.path(), &Choice::default(), &Quiet, &files);
    assert!(lean.is_some(), "the lean load declined");
    let (outcome, _) = lean_run(&project);
    assert_eq!(outcome.verdict("base::harbours-cranes"), VerdictKind::Supported);
    assert_eq!(outcome.verdicts, project.uncached());
}
