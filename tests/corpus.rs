//! The corpus generator: the same seed gives the same bytes, the corpus
//! loads and every claim comes out as it expects, every kind of claim,
//! fact value and validity occurs, and an occupied folder is refused.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use common::Sandbox;
use factcheck::corpus::{self, Options};
use factcheck::model::{ClaimKind, FactValue, SourceKind, Validity, VerdictKind};
use factcheck::{check, exit, load};

/// Small sizes that still draw every kind of claim and fact.
fn small(seed: u64) -> Options {
    Options { seed, articles: 3, claims: 240, facts: 3000, sources: 40, documents: 4, document_size: 3000 }
}

/// FNV-1a, 64 bits: a digest with no dependency, the same everywhere.
fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3))
}

/// Every file under `root`, by relative path, with its size and digest.
fn digests(root: &Path) -> BTreeMap<String, (usize, u64)> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_owned()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let bytes = std::fs::read(&path).unwrap();
                let relative = path.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
                out.insert(relative, (bytes.len(), fnv(&bytes)));
            }
        }
    }
    out
}

fn generate(options: &Options) -> (tempfile::TempDir, corpus::Summary) {
    let dir = tempfile::tempdir().unwrap();
    let summary = corpus::generate(&dir.path().join("corpus"), options).unwrap();
    (dir, summary)
}

#[test]
fn the_same_seed_gives_the_same_bytes_and_another_seed_others() {
    let (a, _) = generate(&small(7));
    let (b, _) = generate(&small(7));
    let (c, _) = generate(&small(8));
    let (a, b, c) =
        (digests(&a.path().join("corpus")), digests(&b.path().join("corpus")), digests(&c.path().join("corpus")));
    assert!(a.len() > 10, "{a:?}");
    assert_eq!(a, b);
    let same: Vec<&String> = a.keys().filter(|k| a.get(*k) == c.get(*k)).collect();
    // Only the schemas, which hold no generated data, are the same.
    assert!(same.iter().all(|k| k.starts_with("schema/")), "seed 8 repeats seed 7 in {same:?}");
}

#[test]
fn the_bytes_are_the_same_on_every_machine() {
    // Pinned, so a platform or toolchain that changes one byte fails here. A
    // deliberate change of the generator (or of how `add` writes YAML)
    // changes it too: check the corpus reads well, then update the digest.
    let options =
        Options { seed: 1, articles: 2, claims: 40, facts: 400, sources: 12, documents: 1, document_size: 2000 };
    let (dir, _) = generate(&options);
    let all = digests(&dir.path().join("corpus"));
    let listing: String = all.iter().map(|(path, (len, digest))| format!("{path} {len} {digest:016x}\n")).collect();
    assert_eq!(fnv(listing.as_bytes()), 8_756_360_812_933_196_044, "the corpus of seed 1 changed:\n{listing}");
}

#[test]
fn more_facts_leave_the_claims_as_they_were() {
    let (a, _) = generate(&Options { facts: 1000, ..small(3) });
    let (b, _) = generate(&Options { facts: 5000, ..small(3) });
    let claims = |dir: &tempfile::TempDir| -> BTreeMap<String, (usize, u64)> {
        digests(&dir.path().join("corpus"))
            .into_iter()
            .filter(|(k, _)| k.starts_with("claims/") || k.starts_with("articles/"))
            .collect()
    };
    assert_eq!(claims(&a), claims(&b));
}

#[test]
fn every_claim_comes_out_as_it_expects() {
    for seed in [1, 2, 3] {
        let (dir, summary) = generate(&small(seed));
        let loaded = load::from_root(&dir.path().join("corpus")).unwrap_or_else(|e| panic!("seed {seed}: {e}"));
        assert!(loaded.warnings.0.is_empty(), "seed {seed}: {}", loaded.warnings);
        let project = &loaded.project;
        assert_eq!(project.articles.len(), 3);
        assert_eq!(project.articles.iter().map(|a| a.claims.len()).sum::<usize>(), 240);
        assert_eq!(project.reference.facts.len(), 3000);
        assert_eq!(project.reference.sources.len(), 40);
        let mut verdicts: BTreeMap<VerdictKind, usize> = BTreeMap::new();
        for article in check::check_project(project, None) {
            for (claim, verdict) in article.pairs() {
                assert_eq!(
                    claim.expect,
                    Some(verdict.verdict),
                    "seed {seed}: {} in {}",
                    claim.id,
                    article.article.article.id
                );
                *verdicts.entry(verdict.verdict).or_default() += 1;
            }
        }
        assert_eq!(verdicts, summary.verdicts, "seed {seed}");
        let supported = verdicts.get(&VerdictKind::Supported).copied().unwrap_or(0);
        assert!(supported * 2 > 240, "seed {seed}: most claims are supported: {verdicts:?}");
        for verdict in VerdictKind::ALL {
            assert!(verdicts.contains_key(&verdict), "seed {seed}: no claim is {verdict}: {verdicts:?}");
        }
    }
}

#[test]
fn factcheck_check_on_a_corpus_exits_zero() {
    let sandbox = Sandbox::empty();
    let run = sandbox.run(&[
        "corpus",
        "--out",
        "corpus",
        "--seed",
        "5",
        "--articles",
        "2",
        "--claims",
        "150",
        "--facts",
        "1500",
        "--sources",
        "30",
    ]);
    run.expect_code(exit::OK);
    assert!(run.stdout.starts_with("wrote corpus: 2 articles with 150 claims, 1500 facts in "), "{}", run.stdout);
    let check = sandbox.run(&["check", "--root", "corpus"]);
    check.expect_code(exit::OK);
    assert!(check.stdout.trim_end().ends_with("all as expected"), "{}", check.stdout);
    assert!(check.stderr.is_empty(), "{}", check.stderr);
}

#[test]
fn every_kind_of_claim_fact_and_source_occurs() {
    let (dir, summary) = generate(&small(11));
    let project = load::from_root(&dir.path().join("corpus")).unwrap().project;
    let kinds: BTreeSet<ClaimKind> =
        project.articles.iter().flat_map(|a| &a.claims).map(|c| c.assertion.kind()).collect();
    // The corpus writes the kinds of the seed article; the statistical kinds
    // (change, ratio, share, rank, record, comparison) are tested on fixtures.
    let generated: BTreeSet<ClaimKind> = factcheck::corpus::KINDS.iter().map(|(kind, _)| *kind).collect();
    assert_eq!(kinds, generated, "{kinds:?}");
    assert!(ClaimKind::ALL.iter().all(|k| generated.contains(k) || ClaimKind::STATISTICAL.contains(k)));
    let facts = &project.reference.facts;
    let has = |test: &dyn Fn(&factcheck::model::Fact) -> bool, what: &str| {
        assert!(facts.iter().any(test), "no fact {what}");
    };
    has(&|f| matches!(f.value, FactValue::Number { .. }), "with a number");
    has(
        &|f| matches!(&f.value, FactValue::Number { qualifier, .. } if *qualifier != factcheck::model::Qualifier::Exact),
        "with a qualified number",
    );
    has(&|f| matches!(f.value, FactValue::Date(_)), "with a date");
    for precision in [
        factcheck::date::Precision::Year,
        factcheck::date::Precision::Month,
        factcheck::date::Precision::PartOfMonth,
        factcheck::date::Precision::Day,
    ] {
        has(
            &|f| matches!(f.value, FactValue::Date(factcheck::date::DateSpec::Single(p)) if p.precision() == precision),
            "dated at every precision",
        );
    }
    has(&|f| matches!(f.value, FactValue::Date(factcheck::date::DateSpec::Range(..))), "dated by a range");
    has(&|f| matches!(f.value, FactValue::Object { date: Some(_), .. }), "with an object and a date");
    has(&|f| matches!(f.value, FactValue::Object { date: None, .. }), "with an object and no date");
    has(&|f| matches!(f.value, FactValue::Unsettled) && f.note.is_some(), "unsettled, with a note");
    has(&|f| f.forecast && matches!(f.validity, Validity::AsOf(_)), "forecast as of a date");
    has(&|f| matches!(f.validity, Validity::AsOf(_)) && !f.forecast, "observed as of a date");
    has(&|f| matches!(f.validity, Validity::Period { from: Some(_), to: Some(_) }), "valid over a closed period");
    has(&|f| matches!(f.validity, Validity::Period { from: Some(_), to: None }), "valid from a date on");
    has(&|f| matches!(f.validity, Validity::Always), "always valid");
    let sources = &project.reference.sources;
    for kind in [SourceKind::Primary, SourceKind::Wire, SourceKind::Secondary] {
        assert!(sources.iter().any(|s| s.kind == kind), "no {} source", kind.name());
    }
    assert!(sources.iter().any(|s| s.published.is_none()), "no undated source");
    assert!(sources.iter().any(|s| s.date_inferred), "no inferred date");
    assert!(sources.iter().any(|s| s.original_publisher.is_some()), "no syndicated source");
    assert!(
        sources.iter().all(|s| s.url.starts_with("https://example.org/") || s.url.starts_with("https://example.com/"))
    );
    assert!(project.reference.definitions.iter().any(|d| !d.broader.is_empty()));
    assert_eq!(summary.documents, 4);
}

#[test]
fn quoted_words_stand_in_excerpts_and_documents() {
    let (dir, _) = generate(&Options { claims: 800, ..small(4) });
    let project = load::from_root(&dir.path().join("corpus")).unwrap().project;
    let sources = &project.reference.sources;
    let excerpts: Vec<String> = sources.iter().flat_map(|s| &s.excerpts).map(|e| e.text.to_lowercase()).collect();
    let documented: Vec<&factcheck::model::Source> = sources.iter().filter(|s| s.document.is_some()).collect();
    assert_eq!(documented.len(), 4);
    let mut in_documents = 0;
    for claim in project.articles.iter().flat_map(|a| &a.claims) {
        let factcheck::model::Assertion::Quote(quote) = &claim.assertion else { continue };
        // The place named in the quotation is the claim's own: some excerpt names it.
        let place = quote.words.split(' ').find(|w| {
            w.starts_with(char::is_uppercase) && w.len() > 3 && excerpts.iter().any(|e| e.contains(&w.to_lowercase()))
        });
        assert!(place.is_some(), "no excerpt holds the words of {}", claim.id);
        let words = quote.words.to_lowercase();
        if documented.iter().any(|s| s.document.as_deref().is_some_and(|d| d.to_lowercase().contains(&words))) {
            in_documents += 1;
        }
    }
    assert!(in_documents > 0, "no document holds a claim's quoted words");
    // A full text is a public body's own words, and holds its excerpts verbatim.
    for source in documented {
        let text = source.document.as_deref().unwrap_or_default();
        assert_eq!(source.kind, SourceKind::Primary, "{}", source.id);
        assert!(source.speaker.is_some(), "{} has a full text but no speaker", source.id);
        assert!(text.len() >= 3000, "{} is {} bytes", source.id, text.len());
        assert!(!text.contains('“'), "{} quotes someone", source.id);
        for excerpt in &source.excerpts {
            assert!(text.contains(&excerpt.text), "{} lacks {:?}", source.id, excerpt.text);
            assert_eq!(Some(&excerpt.speaker), source.speaker.as_ref(), "{}", source.id);
        }
    }
}

#[test]
fn facts_files_hold_at_most_ten_thousand_facts() {
    let (dir, summary) =
        generate(&Options { articles: 1, claims: 20, facts: 25_000, sources: 5, documents: 0, ..Options::default() });
    let root = dir.path().join("corpus");
    assert_eq!(summary.facts, 25_000);
    let mut total = 0;
    for entry in std::fs::read_dir(root.join(load::FACTS_DIR)).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        let n = text.lines().filter(|l| l.starts_with("  - id: ")).count();
        assert!(n <= corpus::FACTS_PER_FILE, "{n} facts in one file");
        total += n;
    }
    assert_eq!(total, 25_000);
    assert_eq!(summary.fact_files, 4);
}

#[test]
fn an_occupied_folder_is_refused() {
    let sandbox = Sandbox::empty();
    sandbox.write("corpus/notes.txt", "mine\n");
    let run = sandbox.run(&["corpus", "--out", "corpus", "--claims", "20", "--articles", "1"]);
    run.expect_code(exit::DATA_ERROR);
    assert_eq!(run.stderr, "error: `corpus` is not empty; give a new or empty folder\n");
    assert_eq!(sandbox.read("corpus/notes.txt"), "mine\n");
    assert!(!sandbox.file("corpus/claims").exists());
    // An empty folder is fine.
    std::fs::create_dir(sandbox.file("empty")).unwrap();
    sandbox
        .run(&["corpus", "--out", "empty", "--claims", "20", "--articles", "1", "--facts", "50"])
        .expect_code(exit::OK);
}

#[test]
fn impossible_sizes_are_refused() {
    let sandbox = Sandbox::empty();
    for (args, message) in [
        (vec!["--articles", "0"], "`--articles` must be at least 1"),
        (vec!["--articles", "5", "--claims", "4"], "`--claims` (4) must be at least `--articles` (5)"),
        (vec!["--sources", "2"], "`--sources` must be at least 3"),
        (vec!["--sources", "3", "--documents", "4"], "`--documents` (4) cannot exceed `--sources` (3)"),
        (
            vec!["--sources", "3", "--documents", "2"],
            "and 1 of these 3 sources is primary; ask for at most 1 document, or for more sources",
        ),
    ] {
        let mut all = vec!["corpus", "--out", "c"];
        all.extend(args);
        let run = sandbox.run(&all);
        run.expect_code(exit::DATA_ERROR);
        assert!(run.stderr.contains(message), "{}", run.stderr);
        assert!(!sandbox.file("c").exists());
    }
}
