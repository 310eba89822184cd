//! The corpus generator: a seed and sizes in, a synthetic but realistic
//! project out (articles, claims, sources, facts, terms and full-text
//! documents), byte-identical for the same seed and sizes on any machine.
//! Benchmarks use it to size the data; users, to size their setup.
//!
//! How it is made:
//! - [`world`] draws what every part shares: the seed's lexicon of
//!   pseudo-words, the pool of sources, the vocabulary of terms;
//! - each article is drafted claim by claim ([`claims`]): every claim gets
//!   the facts, excerpts and terms that decide it and a sentence holding its
//!   words, and is checked at once, by the library's own checker, against
//!   exactly those; the verdict becomes its `expect`. Claims share no
//!   subject and their quoted words name their own locality, so the
//!   verdict is the one `factcheck check` gives on the whole corpus;
//! - background facts ([`background`]) fill the reference store up to the
//!   requested count, about subjects no claim mentions;
//! - last come `sources.yaml` (with the excerpts gathered), `terms.yaml`,
//!   the documents ([`document`]) and the JSON Schemas the files name.
//!
//! Files are written one at a time as they are made; the largest thing in
//! memory is one article with its facts, or one file of facts. Randomness
//! is [`rng`]'s SplitMix64, drawn in separate streams per part, so more
//! background facts do not change the claims. This module writes files; it
//! leaves reading them to [`crate::load`] and verdicts to [`crate::check`].

mod background;
mod claims;
mod document;
mod prose;
mod render;
mod rng;
mod words;
mod world;

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::{Path, PathBuf};

use jiff::civil::Date;

use crate::add::{DataFile, NewArticle, generate_id, schema_line};
use crate::check::{Indexes, check_claim};
use crate::date::{DateSpec, PartialDate};
use crate::error::Error;
use crate::load::{ARTICLES_DIR, CLAIMS_DIR, DOCUMENTS_DIR, FACTS_DIR, SOURCES_FILE, TERMS_FILE, slug};
use crate::model::{
    Article, ArticleClaims, ArticleId, Assertion, Claim, ClaimId, Definition, Excerpt, Fact, FactId, FactValue,
    Reference, Severity, Source, SourceId, Term, Validity, VerdictKind,
};

use claims::{DatedClaim, Draft, Locality, Person, Scene};

/// The kinds of claim the corpus writes, with their weights: those of the
/// seed article. The statistical kinds are not generated.
pub use claims::KINDS;
use rng::Rng;
use words::{GIVEN_NAMES, Namespace};
use world::World;

/// The most facts one facts file holds.
pub const FACTS_PER_FILE: usize = 10_000;

/// The most claims an article may have: its claims file (about 400 bytes a
/// claim) stays well under [`crate::load::MAX_FILE_BYTES`].
pub const MAX_CLAIMS_PER_ARTICLE: usize = 100_000;

/// The most sources: `sources.yaml` (about 400 bytes a source, plus
/// excerpts) stays well under [`crate::load::MAX_FILE_BYTES`].
pub const MAX_SOURCES: usize = 100_000;

// The random streams, one per part of the corpus.
const LEXICON: u64 = 1;
const SOURCES: u64 = 2;
const ARTICLES: u64 = 3;
const BACKGROUND: u64 = 4;
const DOCUMENTS: u64 = 5;

/// What to generate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    /// The seed: the same seed and sizes give the same bytes.
    pub seed: u64,
    /// How many articles (at least one).
    pub articles: usize,
    /// How many claims in all, spread evenly over the articles (at least one each).
    pub claims: usize,
    /// How many facts in all; the claims' own facts count, and background
    /// facts make up the rest (none if the claims need more).
    pub facts: usize,
    /// How many sources facts and excerpts cite (at least three, one of each kind).
    pub sources: usize,
    /// How many primary sources get a full-text document (at most as many
    /// as the pool has, about a third of `sources`).
    pub documents: usize,
    /// The size of each document in bytes, roughly.
    pub document_size: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            seed: 1,
            articles: 10,
            claims: 1000,
            facts: 10_000,
            sources: 500,
            documents: 0,
            document_size: 20_000,
        }
    }
}

/// What was written.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Articles (each with its text and claims file).
    pub articles: usize,
    /// Claims.
    pub claims: usize,
    /// Facts, the claims' and background ones.
    pub facts: usize,
    /// Files in `reference/facts/`.
    pub fact_files: usize,
    /// Sources.
    pub sources: usize,
    /// Excerpts of the sources.
    pub excerpts: usize,
    /// Terms defined.
    pub terms: usize,
    /// Documents.
    pub documents: usize,
    /// Files written.
    pub files: usize,
    /// Bytes written.
    pub bytes: u64,
    /// How many claims expect each verdict.
    pub verdicts: BTreeMap<VerdictKind, usize>,
}

/// `date` moved by `days` (negative: earlier); dates stay in the years the
/// corpus uses, so the move never fails.
fn shift(date: Date, days: i64) -> Date {
    date.checked_add(jiff::SignedDuration::from_hours(days.saturating_mul(24))).unwrap_or(date)
}

/// One day, as a date in data.
fn day(date: Date) -> DateSpec {
    DateSpec::Single(PartialDate::Day(date))
}

/// A fact as the corpus first drafts it: no note, no forecast.
fn fact(
    id: String,
    subject: &Term,
    property: &str,
    value: FactValue,
    validity: Validity,
    sources: Vec<SourceId>,
) -> Fact {
    Fact {
        id: FactId::from(id),
        subject: subject.clone(),
        property: Term::from(property),
        value,
        period: None,
        scale: crate::model::Scale::Units,
        signed: false,
        validity,
        forecast: false,
        sources: sources.into(),
        note: None,
    }
}

/// Writes the corpus of `options` into `out`, which must be empty or absent.
pub fn generate(out: &Path, options: &Options) -> Result<Summary, Error> {
    check_options(options)?;
    let world = World::new(options.seed, options.sources);
    let bodies = world.bodies().len();
    if options.documents > bodies {
        return Err(Error::Usage(format!(
            "only primary sources (public bodies' statements and reports, in their own words) have full texts, \
             and {} of these {} {} primary; ask for at most {}, or for more sources",
            bodies,
            crate::error::plural(options.sources, "source"),
            if bodies == 1 { "is" } else { "are" },
            crate::error::plural(bodies, "document"),
        )));
    }
    let mut output = Output::create(out, options.documents > 0)?;
    let mut gathered = Gathered {
        excerpts: vec![Vec::new(); world.sources.len()],
        quoted: vec![false; world.sources.len()],
        terms: Vec::new(),
    };
    let mut checker = Checker::new(&world);
    let mut summary = Summary { articles: options.articles, sources: options.sources, ..Summary::default() };
    let mut first_claim = 0;
    for index in 0..options.articles {
        let count = options.claims / options.articles + usize::from(index < options.claims % options.articles);
        let mut article = ArticleWriter { world: &world, options, output: &mut output, checker: &mut checker };
        article.write(index, first_claim, count, &mut gathered, &mut summary)?;
        first_claim += count;
    }
    write_background(&world, options, &mut output, &mut summary)?;
    // Full texts go to the primary sources quote claims cite, then to those with most excerpts.
    let mut documented: Vec<usize> = world.bodies();
    documented.sort_by_key(|&i| (!gathered.quoted[i], std::cmp::Reverse(gathered.excerpts[i].len()), i));
    documented.truncate(options.documents);
    write_sources(&world, &gathered, &documented, &mut output, &mut summary)?;
    write_terms(&world, &gathered, &mut output, &mut summary)?;
    write_documents(&world, options, &gathered, &documented, &mut output, &mut summary)?;
    // The schemas the files' first lines name, for editors.
    for (name, schema) in crate::schema::all() {
        output.write(&format!("schema/{name}.schema.json"), &schema)?;
    }
    summary.files = output.files;
    summary.bytes = output.bytes;
    Ok(summary)
}

fn check_options(options: &Options) -> Result<(), Error> {
    let problem = if options.articles == 0 {
        Some("`--articles` must be at least 1".to_owned())
    } else if options.claims < options.articles {
        Some(format!(
            "`--claims` ({}) must be at least `--articles` ({}): every article needs a claim",
            options.claims, options.articles
        ))
    } else if options.sources < 3 {
        Some("`--sources` must be at least 3, one of each kind (primary, wire, secondary)".to_owned())
    } else if options.documents > options.sources {
        Some(format!("`--documents` ({}) cannot exceed `--sources` ({})", options.documents, options.sources))
    } else if options.claims.div_ceil(options.articles) > MAX_CLAIMS_PER_ARTICLE {
        Some(format!(
            "at most {MAX_CLAIMS_PER_ARTICLE} claims per article, or a claims file outgrows what the loader reads; \
             use at least {} articles",
            options.claims.div_ceil(MAX_CLAIMS_PER_ARTICLE)
        ))
    } else if options.sources > MAX_SOURCES {
        Some(format!("at most {MAX_SOURCES} sources, or `sources.yaml` outgrows what the loader reads"))
    } else {
        None
    };
    problem.map_or(Ok(()), |p| Err(Error::Usage(p)))
}

/// The output folder, and what has been written into it.
struct Output {
    root: PathBuf,
    files: usize,
    bytes: u64,
}

impl Output {
    /// Creates `root` and the data folders, refusing a folder that holds anything.
    fn create(root: &Path, documents: bool) -> Result<Output, Error> {
        let shown = root.display().to_string();
        match std::fs::read_dir(root) {
            Ok(mut entries) => {
                if entries.next().is_some() {
                    return Err(Error::NotEmpty { path: shown });
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(source) => return Err(Error::Write { path: shown, source }),
        }
        let mut dirs = vec![ARTICLES_DIR, CLAIMS_DIR, FACTS_DIR, "schema"];
        if documents {
            dirs.push(DOCUMENTS_DIR);
        }
        for dir in dirs {
            std::fs::create_dir_all(root.join(dir)).map_err(|source| Error::Write { path: dir.to_owned(), source })?;
        }
        Ok(Output { root: root.to_owned(), files: 0, bytes: 0 })
    }

    /// Writes a new file at `path`, relative to the root.
    fn write(&mut self, path: &str, text: &str) -> Result<(), Error> {
        if text.len() as u64 > crate::load::MAX_FILE_BYTES {
            // The limits on sizes keep this from happening; a file the loader refuses is no corpus.
            return Err(Error::Usage(format!(
                "`{path}` would be {} MiB, more than the loader reads; ask for smaller sizes",
                text.len() >> 20
            )));
        }
        let error = |source| Error::Write { path: path.to_owned(), source };
        let mut file =
            std::fs::OpenOptions::new().write(true).create_new(true).open(self.root.join(path)).map_err(error)?;
        file.write_all(text.as_bytes()).map_err(error)?;
        self.files += 1;
        self.bytes += text.len() as u64;
        Ok(())
    }
}

/// What the articles leave for the sources and terms files.
struct Gathered {
    /// Each source's excerpts, by source index.
    excerpts: Vec<Vec<Excerpt>>,
    /// Whether a quote claim cites words of each source, by source index.
    quoted: Vec<bool>,
    /// Terms the claims' objects need, beyond the shared vocabulary.
    terms: Vec<Definition>,
}

/// Facts written to numbered files of at most [`FACTS_PER_FILE`] facts:
/// `<stem>.yaml`, `<stem>-2.yaml`, …
struct FactsWriter {
    stem: String,
    comment: String,
    part: usize,
    count: usize,
    text: String,
}

impl FactsWriter {
    fn new(stem: String, comment: String) -> FactsWriter {
        FactsWriter { stem, comment, part: 0, count: 0, text: String::new() }
    }

    fn push(&mut self, output: &mut Output, summary: &mut Summary, fact: &Fact, predicate: bool) -> Result<(), Error> {
        if self.count == FACTS_PER_FILE {
            self.flush(output, summary)?;
        }
        if self.count == 0 {
            self.text = format!("{}\n# {}\nfacts:\n", schema_line(DataFile::Facts), self.comment);
        }
        render::push_item(&mut self.text, &render::fact(fact, predicate), self.count == 0);
        self.count += 1;
        summary.facts += 1;
        Ok(())
    }

    fn flush(&mut self, output: &mut Output, summary: &mut Summary) -> Result<(), Error> {
        if self.count == 0 {
            return Ok(());
        }
        self.part += 1;
        let name = if self.part == 1 { self.stem.clone() } else { format!("{}-{}", self.stem, self.part) };
        output.write(&format!("{FACTS_DIR}/{name}.yaml"), &self.text)?;
        summary.fact_files += 1;
        self.count = 0;
        self.text.clear();
        Ok(())
    }
}

/// Checks each claim against the facts, sources and terms drafted for it,
/// with the library's checker: the verdict `factcheck check` gives, as no
/// other fact or excerpt of the corpus bears on the claim.
struct Checker {
    /// The shared vocabulary, and the sources and facts of the claim at hand.
    reference: Reference,
    /// The index of each source in the world's pool, by id.
    sources: BTreeMap<String, usize>,
}

impl Checker {
    fn new(world: &World) -> Checker {
        Checker {
            reference: Reference {
                sources: Vec::new(),
                facts: Vec::new(),
                definitions: world.vocabulary.clone(),
                ..Reference::default()
            },
            sources: world.sources.iter().enumerate().map(|(i, s)| (s.id.to_string(), i)).collect(),
        }
    }

    fn verdict(
        &mut self,
        world: &World,
        article: &mut ArticleClaims,
        claim: &Claim,
        draft: &Draft,
        anchor: Option<&Claim>,
    ) -> VerdictKind {
        let mut used: BTreeSet<usize> = draft.excerpts.iter().map(|(i, _)| *i).collect();
        for id in draft.facts.iter().flat_map(|f| f.sources.iter()).chain(&claim.sources) {
            used.extend(self.sources.get(id.as_str()));
        }
        self.reference.sources = used
            .into_iter()
            .map(|i| Source {
                excerpts: draft.excerpts.iter().filter(|(s, _)| *s == i).map(|(_, e)| e.clone()).collect(),
                ..world.sources[i].clone()
            })
            .collect();
        self.reference.sources.sort_by(|a, b| a.id.cmp(&b.id));
        self.reference.facts = draft.facts.clone();
        self.reference.facts.sort_by(|a, b| a.id.cmp(&b.id));
        let shared = self.reference.definitions.len();
        self.reference.definitions.extend(draft.terms.iter().cloned());
        self.reference.definitions.sort_by(|a, b| a.term.cmp(&b.term));
        article.claims = anchor.into_iter().cloned().chain([claim.clone()]).collect();
        let indexes = Indexes::new(&self.reference);
        let as_of = article.article.default_as_of();
        let verdict = check_claim(claim, &indexes.context(&self.reference, article, as_of)).verdict;
        if self.reference.definitions.len() > shared {
            let added: BTreeSet<&str> = draft.terms.iter().map(|d| d.term.as_str()).collect();
            self.reference.definitions.retain(|d| !added.contains(d.term.as_str()));
        }
        verdict
    }
}

/// Writes one article: its text, its claims file and the facts of its claims.
struct ArticleWriter<'a> {
    world: &'a World,
    options: &'a Options,
    output: &'a mut Output,
    checker: &'a mut Checker,
}

impl ArticleWriter<'_> {
    fn write(
        &mut self,
        index: usize,
        first_claim: usize,
        count: usize,
        gathered: &mut Gathered,
        summary: &mut Summary,
    ) -> Result<(), Error> {
        let world = self.world;
        let mut rng = Rng::stream(self.options.seed, ARTICLES, index as u64);
        let region = world.lexicon.name(Namespace::Region, 100_000 + index as u64);
        let title = prose::headline(&mut rng, &region);
        let id = world::short_slug(&title, 60);
        let day = world::day_between(&mut rng, world::FIRST_YEAR + 2, world::LAST_YEAR);
        let published = if rng.chance(8) {
            DateSpec::Range(PartialDate::Day(day), PartialDate::Day(shift(day, 1)))
        } else {
            DateSpec::Single(PartialDate::Day(day))
        };
        let outlet = &world.sources[world.source_of(&mut rng, crate::model::SourceKind::Secondary, Date::MAX)];
        let url = format!("https://example.org/{}/{}/{:02}/{id}", slug(&outlet.publisher), day.year(), day.month());
        let people: Vec<Person> = (0..rng.range(6, 12) as u64)
            .map(|k| {
                let family = world.lexicon.name(Namespace::Family, index as u64 * 16 + k);
                let name = format!("{} {family}", rng.word(&GIVEN_NAMES));
                let role = prose::fill(rng.word(&prose::ROLES), &[("place", &region)]);
                Person { id: crate::model::Term::from(slug(&name)), name, role }
            })
            .collect();
        let meta = Article {
            id: ArticleId::from(id.as_str()),
            title: Some(title.clone()),
            publisher: outlet.publisher.clone(),
            url: url.clone(),
            published,
            note: None,
        };
        let mut checked = ArticleClaims {
            article: meta,
            text: String::new(),
            claims: Vec::new(),
            places: Vec::new(),
            drafts: Vec::new(),
        };
        let as_of = checked.article.default_as_of();
        let mut scene = Scene { world, rng, published, as_of, region: region.clone(), people, anchors: Vec::new() };
        let mut facts = FactsWriter::new(
            id.clone(),
            format!("Facts behind the claims of `{id}`, from `factcheck corpus --seed {}`.", self.options.seed),
        );
        let mut taken = BTreeSet::new();
        let mut sentences = Vec::with_capacity(count);
        let mut claims = Vec::with_capacity(count);
        for k in 0..count {
            let n = (first_claim + k) as u64;
            let place = Locality {
                name: world.lexicon.name(Namespace::Locality, 2 * n),
                key: world.lexicon.word(Namespace::Locality, 2 * n),
                landmark: world.lexicon.name(Namespace::Locality, 2 * n + 1),
            };
            let kind = scene.rng.weighted(&KINDS);
            let draft = scene.draft(kind, &place);
            let claim_id = generate_id(&draft.text, &taken);
            taken.insert(claim_id.clone());
            let mut claim = Claim {
                id: ClaimId::from(claim_id),
                text: draft.text.clone(),
                assertion: draft.assertion.clone(),
                sources: draft.sources.clone(),
                expect: None,
                severity: Severity::Error,
                note: draft.note.clone(),
            };
            let anchor = draft.anchor.map(|i| &scene.anchors[i].claim);
            let verdict = self.checker.verdict(world, &mut checked, &claim, &draft, anchor);
            claim.expect = Some(verdict);
            *summary.verdicts.entry(verdict).or_default() += 1;
            let predicate = matches!(claim.assertion, Assertion::Event(_) | Assertion::Attribution(_));
            for fact in &draft.facts {
                facts.push(self.output, summary, fact, predicate)?;
            }
            if let Some(window) = draft.window {
                scene.anchors.push(DatedClaim { claim: claim.clone(), window });
            }
            for (source, excerpt) in draft.excerpts {
                gathered.quoted[source] |= matches!(claim.assertion, Assertion::Quote(_));
                gathered.excerpts[source].push(excerpt);
            }
            gathered.terms.extend(draft.terms);
            sentences.push(draft.sentence);
            claims.push(claim);
        }
        facts.flush(self.output, summary)?;
        let text = article_text(&mut scene, sentences);
        self.output.write(&format!("{ARTICLES_DIR}/{id}.txt"), &text)?;
        let new = NewArticle {
            id: id.clone(),
            text: String::new(),
            title: Some(title),
            publisher: checked.article.publisher.clone(),
            url,
            published: published.to_string(),
            note: None,
        };
        let mut file = format!(
            "{}\n# {} claims generated by `factcheck corpus --seed {}`; each `expect` is the checker's verdict.\narticle:\n",
            schema_line(DataFile::Claims),
            claims.len(),
            self.options.seed
        );
        for line in new.article_lines() {
            file.push_str(&format!("  {line}\n"));
        }
        file.push_str("\nclaims:\n");
        for (n, claim) in claims.iter().enumerate() {
            render::push_item(&mut file, &render::claim(claim), n == 0);
        }
        self.output.write(&format!("{CLAIMS_DIR}/{id}.yaml"), &file)?;
        summary.claims += claims.len();
        Ok(())
    }
}

/// The article: its claims' sentences in order, with filler sentences
/// between them, in paragraphs of two to five sentences.
fn article_text(scene: &mut Scene<'_>, sentences: Vec<String>) -> String {
    let people: Vec<String> = scene.people.iter().map(|p| p.name.clone()).collect();
    let fillers = (sentences.len() / 2).max(24);
    let total = sentences.len() + fillers;
    let mut claims = sentences.into_iter();
    let (mut text, mut paragraph) = (String::new(), Vec::new());
    let mut left_fillers = fillers;
    let mut size = scene.rng.range(2, 5) as usize;
    for left in (1..=total).rev() {
        // Each remaining slot is a filler with the share of fillers remaining.
        let filler = (scene.rng.below(left as u64) as usize) < left_fillers;
        let sentence = if filler { None } else { claims.next() };
        match sentence {
            Some(s) => paragraph.push(s),
            None => {
                left_fillers = left_fillers.saturating_sub(1);
                paragraph.push(prose::filler(&mut scene.rng, &scene.region, &people));
            }
        }
        if paragraph.len() == size || left == 1 {
            text.push_str(&paragraph.join(" "));
            text.push('\n');
            paragraph.clear();
            size = scene.rng.range(2, 5) as usize;
        }
    }
    text
}

fn write_background(world: &World, options: &Options, output: &mut Output, summary: &mut Summary) -> Result<(), Error> {
    let mut left = options.facts.saturating_sub(summary.facts);
    let mut chunk = 0u64;
    while left > 0 {
        let count = left.min(FACTS_PER_FILE);
        let stem = format!("background-{:04}", chunk + 1);
        let mut writer =
            FactsWriter::new(stem, format!("Background facts, from `factcheck corpus --seed {}`.", options.seed));
        for (fact, predicate) in background::chunk(world, options.seed, chunk, count) {
            writer.push(output, summary, &fact, predicate)?;
        }
        writer.flush(output, summary)?;
        left -= count;
        chunk += 1;
    }
    Ok(())
}

/// Writes `sources.yaml`; the `documented` sources say whose words their full text holds.
fn write_sources(
    world: &World,
    gathered: &Gathered,
    documented: &[usize],
    output: &mut Output,
    summary: &mut Summary,
) -> Result<(), Error> {
    let mut text = format!("{}\n# Sources, from `factcheck corpus`.\nsources:\n", schema_line(DataFile::Sources));
    for (i, source) in world.sources.iter().enumerate() {
        let speaker = documented.contains(&i).then(|| world.speakers[i].clone());
        let source = Source { excerpts: gathered.excerpts[i].clone(), speaker, ..source.clone() };
        summary.excerpts += source.excerpts.len();
        render::push_item(&mut text, &render::source(&source), i == 0);
    }
    output.write(SOURCES_FILE, &text)
}

fn write_terms(world: &World, gathered: &Gathered, output: &mut Output, summary: &mut Summary) -> Result<(), Error> {
    let mut text = format!("{}\n# Terms, from `factcheck corpus`.\nterms:\n", schema_line(DataFile::Terms));
    let mut first = true;
    // Each broader term first, then the terms under it, as a reader would look for them.
    for category in &prose::CATEGORIES {
        let under = world.vocabulary.iter().filter(|d| d.broader.iter().any(|b| b.as_str() == category.term.0));
        let head = world.vocabulary.iter().filter(|d| d.term.as_str() == category.term.0);
        for definition in head.chain(under) {
            render::push_item(&mut text, &render::term(definition), first);
            first = false;
        }
    }
    for definition in &gathered.terms {
        render::push_item(&mut text, &render::term(definition), first);
        first = false;
    }
    summary.terms = world.vocabulary.len() + gathered.terms.len();
    output.write(TERMS_FILE, &text)
}

/// Writes the full texts of the `documented` sources.
fn write_documents(
    world: &World,
    options: &Options,
    gathered: &Gathered,
    documented: &[usize],
    output: &mut Output,
    summary: &mut Summary,
) -> Result<(), Error> {
    for &i in documented {
        let source = &world.sources[i];
        let text =
            document::document(&world.lexicon, options.seed, i, source, &gathered.excerpts[i], options.document_size);
        output.write(&format!("{DOCUMENTS_DIR}/{}.txt", source.id), &text)?;
        summary.documents += 1;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_that_cannot_be_met_are_refused_before_anything_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("corpus");
        for options in [
            Options { articles: 0, ..Options::default() },
            Options { articles: 5, claims: 4, ..Options::default() },
            Options { sources: 2, ..Options::default() },
            Options { sources: 3, documents: 4, ..Options::default() },
            Options { articles: 2, claims: 2 * MAX_CLAIMS_PER_ARTICLE + 1, ..Options::default() },
            Options { sources: MAX_SOURCES + 1, ..Options::default() },
        ] {
            assert!(matches!(generate(&out, &options), Err(Error::Usage(_))), "{options:?}");
            assert!(!out.exists());
        }
    }

    #[test]
    fn claims_are_spread_evenly() {
        let dir = tempfile::tempdir().unwrap();
        let options = Options { articles: 3, claims: 10, facts: 0, sources: 3, ..Options::default() };
        let summary = generate(dir.path(), &options).unwrap();
        assert_eq!((summary.articles, summary.claims), (3, 10));
        let sizes: Vec<usize> = std::fs::read_dir(dir.path().join(CLAIMS_DIR))
            .unwrap()
            .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap().matches("\n  - id: ").count())
            .collect();
        let mut sizes = sizes;
        sizes.sort_unstable();
        assert_eq!(sizes, [3, 3, 4]);
        // With no room for background facts, the claims' own are all there is.
        assert!(summary.facts > 0 && !dir.path().join(FACTS_DIR).join("background-0001.yaml").exists());
    }

    #[test]
    fn shifting_moves_by_days() {
        assert_eq!(shift(Date::constant(2024, 2, 28), 2), Date::constant(2024, 3, 1));
        assert_eq!(shift(Date::constant(2024, 1, 1), -1), Date::constant(2023, 12, 31));
    }
}
