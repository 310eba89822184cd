//! Re-checking an article at a later date: which claims events have
//! overtaken.
//!
//! [`recheck`] checks every claim at two as-of dates with [`super::check_project`]
//! and pairs the verdicts; [`Recheck::changes`] lists the claims whose
//! verdict or whose facts differ, with the facts used at one date and not
//! the other. Formatting the result is [`crate::report::recheck`]'s job.

use jiff::civil::Date;

use crate::model::{ArticleClaims, Choice, Claim, FactId, Project, Verdict};

use super::{ArticleCheck, check_project_with};
use crate::progress::Quiet;

/// The verdicts of every claim at two dates.
#[derive(Clone, Debug)]
pub struct Recheck<'a> {
    /// Each article checked at the earlier date.
    pub before: Vec<ArticleCheck<'a>>,
    /// Each article checked at the later date, in the same order.
    pub after: Vec<ArticleCheck<'a>>,
}

/// One claim whose verdict or facts differ between the two dates.
#[derive(Clone, Debug)]
pub struct Change<'a> {
    /// The article.
    pub article: &'a ArticleClaims,
    /// The claim.
    pub claim: &'a Claim,
    /// Its verdict at the earlier date.
    pub before: &'a Verdict,
    /// Its verdict at the later date.
    pub after: &'a Verdict,
    /// Facts used at the earlier date and not at the later one, by id.
    pub facts_dropped: Vec<&'a FactId>,
    /// Facts used at the later date and not at the earlier one, by id.
    pub facts_added: Vec<&'a FactId>,
}

impl Change<'_> {
    /// Whether the verdict itself changed, not only the facts behind it.
    pub fn verdict_changed(&self) -> bool {
        self.before.verdict != self.after.verdict
    }
}

/// Checks every claim of `project` as of `from` and as of `to`. Without
/// `from`, each article is first checked as of its publication date.
pub fn recheck(project: &Project, from: Option<Date>, to: Date) -> Recheck<'_> {
    recheck_only(project, from, to, &Choice::default())
}

/// [`recheck`] for the `claims` chosen by id.
pub fn recheck_only<'p>(project: &'p Project, from: Option<Date>, to: Date, claims: &Choice) -> Recheck<'p> {
    Recheck {
        before: check_project_with(project, from, claims, &Quiet),
        after: check_project_with(project, Some(to), claims, &Quiet),
    }
}

impl<'a> Recheck<'a> {
    /// How many claims were checked at each date.
    pub fn claims(&self) -> usize {
        self.before.iter().map(|c| c.verdicts.len()).sum()
    }

    /// Every claim whose verdict or facts differ, per article in article
    /// order, each article's claims in reading order.
    pub fn changes(&self) -> Vec<Change<'_>> {
        let mut changes = Vec::new();
        for (before, after) in self.before.iter().zip(&self.after) {
            for ((claim, old), new) in before.pairs().zip(&after.verdicts) {
                let facts_dropped: Vec<&FactId> = old.facts.iter().filter(|f| !new.facts.contains(f)).collect();
                let facts_added: Vec<&FactId> = new.facts.iter().filter(|f| !old.facts.contains(f)).collect();
                if old.verdict != new.verdict || !facts_dropped.is_empty() || !facts_added.is_empty() {
                    changes.push(Change {
                        article: before.article,
                        claim,
                        before: old,
                        after: new,
                        facts_dropped,
                        facts_added,
                    });
                }
            }
        }
        changes
    }
}
