//! One `factcheck check` once the data is loaded: the chosen claims
//! checked and the report written. The text report is made and written a
//! batch of articles at a time ([`check::Checker`], [`report::text::Report`]),
//! so that a run holds one batch's verdicts and lines at once, not every
//! claim's; and when the articles' claims are in the parse cache
//! ([`LazyArticles`]), one batch's claims as well. The other formats are
//! documents made of every verdict at once.
//!
//! Nothing checked without some of its facts or claims (kept in the parse
//! cache, and neither readable there nor from an unchanged file) is
//! written: the run stops with [`Failure::Unread`] before that batch.

use std::io::Write;

use jiff::civil::Date;
use rayon::prelude::*;

use crate::cache::lazy::LazyArticles;
use crate::cache::records::Records;
use crate::check::{self, ArticleCheck, Checker};
use crate::model::{ArticleClaims, Choice, Reference};
use crate::progress::{Phase, Progress};
use crate::report::{self, Format, Options};

/// The articles of a run: loaded, or kept in the parse cache.
#[derive(Debug)]
pub enum Articles<'a> {
    /// Every article, in memory.
    Held(&'a [ArticleClaims]),
    /// Every article, read from the parse cache a batch at a time.
    Kept(LazyArticles),
}

/// What a run found.
#[derive(Debug)]
pub struct Outcome {
    /// Whether some claim with severity `error` came out other than
    /// expected.
    pub unexpected: bool,
    /// How many claims were checked.
    pub claims: u64,
}

/// Why a run stopped before its report was whole.
#[derive(Debug)]
pub enum Failure {
    /// Some claims or facts kept in the parse cache could neither be read
    /// when needed nor parsed again from their files, which changed since
    /// the run loaded them: nothing made without them was written, and
    /// `written` says whether part of the report had been already.
    Unread {
        /// Whether some of the report was written before.
        written: bool,
    },
    /// The report could not be written.
    Write(std::io::Error),
}

/// What a run is asked for, besides its data.
pub struct Asked<'a> {
    /// The date the facts are taken at; each article's own by default.
    pub as_of: Option<Date>,
    /// The claims chosen.
    pub claims: &'a Choice,
    /// The report's format.
    pub format: Format,
    /// What the report may need beyond the verdicts.
    pub options: &'a Options,
    /// Told of the claims as they are checked.
    pub progress: &'a dyn Progress,
    /// Where verdicts are taken from and kept, if anywhere.
    pub records: Option<&'a Records>,
    /// About how many claims are checked, and their lines of the text
    /// report written, at once ([`check::BATCH_CLAIMS`]; an article is
    /// never split).
    pub batch: usize,
}

/// Checks the chosen claims of `articles` against `reference` and writes
/// the report to `out`: the text report a batch of articles at a time, as
/// each is checked, the other formats once whole.
pub fn check_and_write(
    articles: Articles<'_>,
    reference: &Reference,
    asked: &Asked<'_>,
    out: &mut dyn Write,
) -> Result<Outcome, Failure> {
    let mut out = Counted { out, written: 0 };
    match articles {
        Articles::Kept(articles) if asked.format == Format::Text && asked.claims.is_all() => {
            let total = articles.articles().iter().map(|a| a.claims() as u64).sum();
            asked.progress.begin(Phase::Checking, total);
            let checker = checker(reference, asked);
            let mut text = report::text::Report::new(asked.options);
            for batch in articles.batches(asked.batch) {
                let Some(batch) = batch else { return Err(out.unread()) };
                let checks = checker.check(&batch);
                if unread(reference) {
                    return Err(out.unread());
                }
                out.write(&text.add(&checks))?;
                drop(checks);
                // Each article's claims freed on their own, across the cores.
                batch.into_par_iter().for_each(drop);
            }
            out.text_finished(text)
        }
        // Which claims a choice names is known once the articles are read.
        Articles::Kept(articles) => {
            let Some(articles) = articles.all() else { return Err(out.unread()) };
            check_and_write(Articles::Held(&articles), reference, asked, out.out)
        }
        Articles::Held(articles) if asked.format == Format::Text => {
            begin(articles, asked);
            let checker = checker(reference, asked);
            let mut text = report::text::Report::new(asked.options);
            for batch in check::batches(articles, |a| a.claims.len(), asked.batch) {
                let checks = checker.check(batch);
                if unread(reference) {
                    return Err(out.unread());
                }
                out.write(&text.add(&checks))?;
            }
            out.text_finished(text)
        }
        Articles::Held(articles) => {
            begin(articles, asked);
            let checks = checker(reference, asked).check(articles);
            if unread(reference) {
                return Err(out.unread());
            }
            out.write(&report::render(&checks, reference, asked.format, asked.options))?;
            let unexpected = checks.iter().any(ArticleCheck::has_unexpected);
            let claims = checks.iter().map(|c| c.claims.len() as u64).sum();
            Ok(Outcome { unexpected, claims })
        }
    }
}

/// [`check_and_write`] into a string: the whole report, or `None` if some
/// claims or facts could not be read.
pub fn check_and_render(articles: Articles<'_>, reference: &Reference, asked: &Asked<'_>) -> Option<(String, Outcome)> {
    let mut report = Vec::new();
    let outcome = check_and_write(articles, reference, asked, &mut report).ok()?;
    // Every report is made of strings.
    Some((String::from_utf8(report).ok()?, outcome))
}

/// Whether some deferred facts could not be read: what was checked since
/// may lack them.
fn unread(reference: &Reference) -> bool {
    reference.deferred.get().is_some_and(|facts| facts.failed())
}

/// The report's output, and how much was written to it.
struct Counted<'w> {
    out: &'w mut dyn Write,
    written: usize,
}

impl Counted<'_> {
    fn write(&mut self, text: &str) -> Result<(), Failure> {
        self.written += text.len();
        self.out.write_all(text.as_bytes()).map_err(Failure::Write)
    }

    fn unread(&self) -> Failure {
        Failure::Unread { written: self.written > 0 }
    }

    fn text_finished(mut self, text: report::text::Report<'_>) -> Result<Outcome, Failure> {
        let tally = text.tally();
        let (unexpected, claims) = (tally.failing() > 0, tally.claims as u64);
        self.write(&text.finish())?;
        self.out.flush().map_err(Failure::Write)?;
        Ok(Outcome { unexpected, claims })
    }
}

/// Tells the progress how many of `articles`' claims are chosen.
fn begin(articles: &[ArticleClaims], asked: &Asked<'_>) {
    asked.progress.begin(Phase::Checking, check::chosen_claims(articles, asked.claims));
}

fn checker<'a>(reference: &'a Reference, asked: &Asked<'a>) -> Checker<'a> {
    Checker::new(reference, asked.as_of, asked.claims, asked.progress, asked.records)
}
