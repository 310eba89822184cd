//! One `factcheck check` once the data is loaded: the chosen claims
//! checked and the report rendered. The text report is made a batch of
//! articles at a time ([`check::Checker`], [`report::text::Report`]), so
//! that a run holds one batch's verdicts at once, not every claim's; and
//! when the articles' claims are in the parse cache
//! ([`LazyArticles`]), one batch's claims as well. The other formats are
//! documents made of every verdict at once.

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

/// What a run made.
#[derive(Debug)]
pub struct Rendered {
    /// The report.
    pub report: String,
    /// Whether some claim with severity `error` came out other than
    /// expected.
    pub unexpected: bool,
    /// How many claims were checked.
    pub claims: u64,
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
}

/// Checks the chosen claims of `articles` against `reference` and renders
/// the report; `None` if some claims or facts kept in the parse cache
/// could not be read when needed, and nothing made is to be trusted.
pub fn check_and_render(articles: Articles<'_>, reference: &Reference, asked: &Asked<'_>) -> Option<Rendered> {
    let rendered = match articles {
        Articles::Kept(articles) if asked.format == Format::Text && asked.claims.is_all() => {
            let total = articles.articles().iter().map(|a| a.claims() as u64).sum();
            asked.progress.begin(Phase::Checking, total);
            let checker = checker(reference, asked);
            let mut text = report::text::Report::new(asked.options);
            for batch in articles.batches(check::BATCH_CLAIMS) {
                let batch = batch?;
                text.add(&checker.check(&batch));
                // Each article's claims freed on their own, across the cores.
                batch.into_par_iter().for_each(drop);
            }
            text_rendered(text)
        }
        // Which claims a choice names is known once the articles are read.
        Articles::Kept(articles) => return check_and_render(Articles::Held(&articles.all()?), reference, asked),
        Articles::Held(articles) if asked.format == Format::Text => {
            begin(articles, asked);
            let checker = checker(reference, asked);
            let mut text = report::text::Report::new(asked.options);
            for batch in check::batches(articles, |a| a.claims.len(), check::BATCH_CLAIMS) {
                text.add(&checker.check(batch));
            }
            text_rendered(text)
        }
        Articles::Held(articles) => {
            begin(articles, asked);
            let checks = checker(reference, asked).check(articles);
            let report = report::render(&checks, reference, asked.format, asked.options);
            let unexpected = checks.iter().any(ArticleCheck::has_unexpected);
            let claims = checks.iter().map(|c| c.claims.len() as u64).sum();
            Rendered { report, unexpected, claims }
        }
    };
    let failed = reference.deferred.get().is_some_and(|facts| facts.failed());
    (!failed).then_some(rendered)
}

/// Tells the progress how many of `articles`' claims are chosen.
fn begin(articles: &[ArticleClaims], asked: &Asked<'_>) {
    asked.progress.begin(Phase::Checking, check::chosen_claims(articles, asked.claims));
}

fn checker<'a>(reference: &'a Reference, asked: &Asked<'a>) -> Checker<'a> {
    Checker::new(reference, asked.as_of, asked.claims, asked.progress, asked.records)
}

fn text_rendered(text: report::text::Report<'_>) -> Rendered {
    let tally = text.tally();
    let (unexpected, claims) = (tally.failing() > 0, tally.claims as u64);
    Rendered { report: text.finish(), unexpected, claims }
}
