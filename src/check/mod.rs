//! The checker: claims and reference data in, one [`Verdict`] per claim out.
//!
//! Checking is pure: it reads the model, takes an as-of date, and never
//! touches files or prints. [`check_claim`] picks the checker for the claim's
//! kind; each kind's rules live in its own module. Facts are looked up by
//! subject and measure (or predicate) and narrowed to those holding at the
//! as-of date ([`select`]). [`recheck`] compares the verdicts of two dates;
//! [`rollup`] gives each sentence the verdict of its claims.
//!
//! A verdict's first discrepancy is the one that decided it (a checker
//! puts it there with [`Outcome::because`]); the rest are further
//! differences and caveats, then what is wrong with the expected sources.

mod attribution;
mod date;
mod event;
mod opinion;
pub mod passages;
pub(crate) mod quantity;
mod quote;
pub mod recheck;
mod role;
pub mod rollup;
pub mod select;
pub mod series;
mod statistic;
mod swap;

use crate::progress::{Phase, Progress, Quiet};
use std::collections::BTreeSet;
use std::sync::{Arc, Mutex, PoisonError};

use rayon::prelude::*;

use jiff::civil::Date;

use crate::cache::records::{At, Checked, Partial, Records, Reuse};
use crate::date::{DateExpr, DateWindow};
use crate::model::{
    Anchor, ArticleClaims, Assertion, Choice, Claim, ClaimId, Discrepancy, DraftClaim, Fact, FactId, FactValue,
    Reference, SourceId, Term, Verdict, VerdictKind,
};

pub use quantity::{
    Interval, claimed_interval, describe as describe_number, describe_printed, describe_tolerance, implied_precision,
    number, printed_interval,
};
pub use statistic::{SMALL_POINTS, SMALL_SHARE};

/// What a checker reports back before the verdict is assembled.
#[derive(Debug, Default)]
pub struct Outcome {
    /// The verdict.
    pub verdict: Option<VerdictKind>,
    /// What differs, or the caveats.
    pub discrepancies: Vec<Discrepancy>,
    /// The facts used.
    pub facts: BTreeSet<FactId>,
    /// Sources that back the claim directly (for quotes, the source the words were found in).
    pub sources: BTreeSet<SourceId>,
    /// The claimed date, resolved.
    pub claimed_date: Option<DateWindow>,
}

impl Outcome {
    fn new(verdict: VerdictKind) -> Self {
        Outcome { verdict: Some(verdict), ..Outcome::default() }
    }

    fn with(mut self, discrepancy: Discrepancy) -> Self {
        self.discrepancies.push(discrepancy);
        self
    }

    /// Puts the discrepancy that decided the verdict first, where every
    /// one-line report looks for the reason.
    fn because(mut self, discrepancy: Discrepancy) -> Self {
        self.discrepancies.insert(0, discrepancy);
        self
    }

    fn using<'a>(mut self, facts: impl IntoIterator<Item = &'a Fact>) -> Self {
        self.facts.extend(facts.into_iter().map(|f| f.id.clone()));
        self
    }
}

/// Facts in subject and property order, for lookups: one number per fact,
/// so indexing a million facts costs four megabytes, not a map per subject.
/// For a run through the caches, whose facts stay in the parse cache until
/// looked up, it looks them up there ([`crate::cache::lazy`]), and holds
/// the files it decodes as long as it lives: a batch's index
/// ([`FactIndex::next`]) holds what its batch reads.
pub struct FactIndex<'a>(Facts<'a>);

enum Facts<'a> {
    Sorted {
        facts: &'a [Fact],
        /// Positions in `facts`, sorted by subject, property and id.
        order: Arc<[u32]>,
    },
    Deferred(crate::cache::lazy::Scope<'a>),
}

impl<'a> FactIndex<'a> {
    /// Indexes every fact of `reference`.
    pub fn new(reference: &'a Reference) -> Self {
        if let Some(deferred) = reference.deferred.get() {
            return FactIndex(Facts::Deferred(deferred.scope()));
        }
        let facts = reference.facts.as_slice();
        let mut order: Vec<u32> = (0..u32::try_from(facts.len()).unwrap_or(u32::MAX)).collect();
        let key = |i: &u32| {
            let f = &facts[*i as usize];
            (f.subject.as_str(), f.property.as_str(), f.id.as_str())
        };
        order.par_sort_unstable_by(|a, b| key(a).cmp(&key(b)));
        FactIndex(Facts::Sorted { facts, order: order.into() })
    }

    /// The same index for the next batch of claims: deferred facts this one
    /// decoded are held by the next as long as it reads them.
    pub fn next(&self) -> Self {
        FactIndex(match &self.0 {
            Facts::Sorted { facts, order } => Facts::Sorted { facts, order: Arc::clone(order) },
            Facts::Deferred(scope) => Facts::Deferred(scope.next()),
        })
    }

    /// The facts about `subject` (and `property`, if given), in subject,
    /// property and id order.
    fn sorted(facts: &'a [Fact], order: &[u32], subject: &str, property: Option<&str>) -> Vec<&'a Fact> {
        let fact = |i: &u32| &facts[*i as usize];
        let start = order.partition_point(|i| {
            let f = fact(i);
            (f.subject.as_str(), property.map(|_| f.property.as_str())) < (subject, property)
        });
        let len = order[start..].partition_point(|i| {
            let f = fact(i);
            f.subject.as_str() == subject && property.is_none_or(|p| f.property.as_str() == p)
        });
        order[start..start + len].iter().map(fact).collect()
    }

    /// Every fact about `subject` and `property`, whenever it holds.
    pub fn about(&self, subject: &Term, property: &Term) -> Vec<&Fact> {
        match &self.0 {
            Facts::Sorted { facts, order } => Self::sorted(facts, order, subject.as_str(), Some(property.as_str())),
            Facts::Deferred(deferred) => deferred.about(subject.as_str(), property.as_str()),
        }
    }

    /// Every fact about `subject`, grouped by property in property order.
    pub fn properties_of(&self, subject: &Term) -> Vec<(&str, Vec<&Fact>)> {
        match &self.0 {
            Facts::Sorted { facts, order } => Self::sorted(facts, order, subject.as_str(), None)
                .chunk_by(|a, b| a.property == b.property)
                .map(|group| (group[0].property.as_str(), group.to_vec()))
                .collect(),
            Facts::Deferred(deferred) => deferred.properties_of(subject.as_str()),
        }
    }

    /// The deferred fact with this id, if the facts are deferred.
    fn deferred_fact(&self, id: &FactId) -> Option<&Fact> {
        match &self.0 {
            Facts::Sorted { .. } => None,
            Facts::Deferred(deferred) => deferred.fact(id),
        }
    }

    /// Whether some deferred facts could not be read when looked up.
    pub fn failed(&self) -> bool {
        matches!(&self.0, Facts::Deferred(deferred) if deferred.lazy().failed())
    }

    /// What the facts' files hold, summed up, when the facts are deferred:
    /// what keys the record cache ([`crate::cache::records`]).
    pub fn combined(&self) -> Option<&'a crate::cache::summary::Combined> {
        match &self.0 {
            Facts::Sorted { .. } => None,
            Facts::Deferred(deferred) => Some(deferred.lazy().combined()),
        }
    }
}

/// Everything a checker may consult.
pub struct Context<'a> {
    /// The reference data.
    pub reference: &'a Reference,
    /// Its facts, indexed.
    pub index: &'a FactIndex<'a>,
    /// Its excerpts and documents, indexed.
    pub passages: &'a passages::PassageIndex<'a>,
    /// The date facts must hold at.
    pub as_of: Date,
    /// The article the claim is from.
    pub article: &'a ArticleClaims,
    /// What the checks of this context looked up: the key of a cached
    /// verdict ([`crate::cache::records`]). Checkers read facts through
    /// [`Context::facts_about`] and [`Context::properties_of`], which
    /// record the read, never through `index` directly.
    pub reads: Reads,
    /// The article's text, normalised and split, once some check needs it.
    layout: std::sync::OnceLock<crate::locate::Layout<'a>>,
}

/// The facts a check looked up: subject and property, or the subject
/// alone for every property of it.
#[derive(Debug, Default)]
pub struct Reads(std::sync::Mutex<Vec<(Term, Option<Term>)>>);

impl Reads {
    fn add(&self, subject: &Term, property: Option<&Term>) {
        self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push((subject.clone(), property.cloned()));
    }

    /// Everything looked up, sorted, each once.
    pub fn take(&self) -> Vec<(Term, Option<Term>)> {
        let mut reads = std::mem::take(&mut *self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner));
        reads.sort_unstable();
        reads.dedup();
        reads
    }
}

impl<'a> Context<'a> {
    /// The context for checking claims of `article` at `as_of`.
    pub fn new(
        reference: &'a Reference,
        index: &'a FactIndex<'a>,
        passages: &'a passages::PassageIndex<'a>,
        as_of: Date,
        article: &'a ArticleClaims,
    ) -> Self {
        Context { reference, index, passages, as_of, article, reads: Reads::default(), layout: Default::default() }
    }

    /// The article's text, normalised and split into sentences: made the
    /// first time a check asks, then shared by the checks of this context.
    pub fn layout(&self) -> &crate::locate::Layout<'a> {
        let article: &'a ArticleClaims = self.article;
        self.layout.get_or_init(|| crate::locate::Layout::of(article))
    }

    /// The window a claim's date means, counting relative dates from the
    /// article's publication date or from the anchor claim's own date.
    pub fn resolve_date(&self, expr: &DateExpr, anchor: &Anchor) -> Option<DateWindow> {
        self.resolve_depth(expr, anchor, self.article.claims.len())
    }

    fn resolve_depth(&self, expr: &DateExpr, anchor: &Anchor, depth: usize) -> Option<DateWindow> {
        match expr {
            DateExpr::Absolute(spec) => Some(spec.window()),
            DateExpr::Relative(rel) => {
                let base = match anchor {
                    Anchor::Article => self.article.article.published.window(),
                    Anchor::Claim(id) => {
                        let claim = self.claim(id)?;
                        let (expr, next) = claim_date(claim)?;
                        self.resolve_depth(expr, next, depth.checked_sub(1)?)?
                    }
                };
                rel.resolve(base)
            }
        }
    }

    /// Every fact about `subject` and `property` that may back this
    /// article's claims: a fact whose every source is not independent of
    /// the article (an earlier version of it, the same wire copy) cannot.
    pub fn facts_about(&self, subject: &Term, property: &Term) -> Vec<&'a Fact> {
        self.reads.add(subject, Some(property));
        let mut facts = self.index.about(subject, property);
        facts.retain(|f| self.may_back(f));
        facts
    }

    /// Every fact about `subject`, grouped by property in property order,
    /// whatever their sources.
    pub fn properties_of(&self, subject: &Term) -> Vec<(&'a str, Vec<&'a Fact>)> {
        self.reads.add(subject, None);
        self.index.properties_of(subject)
    }

    /// The fact with this id, through the index when the facts are
    /// deferred (a lookup the context's batch holds, not the whole run).
    pub fn fact(&self, id: &FactId) -> Option<&'a Fact> {
        let facts = &self.reference.facts;
        match facts.binary_search_by(|f| f.id.cmp(id)) {
            Ok(i) => Some(&facts[i]),
            Err(_) => self.index.deferred_fact(id),
        }
    }

    /// Whether `fact` has a source independent of this article.
    fn may_back(&self, fact: &Fact) -> bool {
        let article = &self.article.article.id;
        fact.sources.iter().any(|id| self.reference.source(id).is_none_or(|s| s.independent_of(article)))
    }

    fn claim(&self, id: &ClaimId) -> Option<&Claim> {
        self.article.claims.iter().find(|c| &c.id == id)
    }
}

fn claim_date(claim: &Claim) -> Option<(&DateExpr, &Anchor)> {
    match &claim.assertion {
        Assertion::Date(d) => Some((&d.date, &d.relative_to)),
        Assertion::Event(t) | Assertion::Attribution(t) => t.date.as_ref().map(|d| (d, &t.relative_to)),
        _ => None,
    }
}

/// The indexes a run builds once over the reference data.
pub struct Indexes<'a> {
    /// Facts by subject and property.
    pub facts: FactIndex<'a>,
    /// Excerpts and documents by word.
    pub passages: passages::PassageIndex<'a>,
}

impl<'a> Indexes<'a> {
    /// Indexes `reference`.
    pub fn new(reference: &'a Reference) -> Self {
        Indexes { facts: FactIndex::new(reference), passages: passages::PassageIndex::new(reference) }
    }

    /// The context for checking the claims of `article` at `as_of`.
    pub fn context(&'a self, reference: &'a Reference, article: &'a ArticleClaims, as_of: Date) -> Context<'a> {
        Context::new(reference, &self.facts, &self.passages, as_of, article)
    }
}

/// Checks every claim of one article at `as_of`, in reading order.
pub fn check_article(article: &ArticleClaims, reference: &Reference, as_of: Date) -> Vec<Verdict> {
    let indexes = Indexes::new(reference);
    check_with(article, reference, &indexes, as_of)
}

/// Checks every claim of one article with indexes built already.
pub fn check_with<'a>(
    article: &'a ArticleClaims,
    reference: &'a Reference,
    indexes: &'a Indexes<'a>,
    as_of: Date,
) -> Vec<Verdict> {
    let cx = indexes.context(reference, article, as_of);
    let claims: Vec<&Claim> = article.claims.iter().collect();
    check_claims(&claims, &cx)
}

/// Checks `claims` of one article, then marks figures swapped between the
/// claims of a sentence ([`swap`]).
pub fn check_claims(claims: &[&Claim], cx: &Context<'_>) -> Vec<Verdict> {
    let mut verdicts: Vec<Verdict> = claims.iter().map(|claim| check_claim(claim, cx)).collect();
    swap::mark(claims, &mut verdicts, cx);
    verdicts
}

/// The ids in `claims` that no claim of `project` has, in order.
pub fn unmatched_claims<'a>(project: &crate::model::Project, claims: &'a Choice) -> Vec<&'a str> {
    let known: BTreeSet<&str> = project.articles.iter().flat_map(|a| &a.claims).map(|c| c.id.as_str()).collect();
    claims.named().filter(|id| !known.contains(id)).collect()
}

/// The verdicts of one article at one as-of date.
#[derive(Clone, Debug)]
pub struct ArticleCheck<'a> {
    /// The article and all its claims.
    pub article: &'a ArticleClaims,
    /// The date facts were taken at.
    pub as_of: Date,
    /// The claims checked, in reading order: all of them unless only some
    /// were chosen.
    pub claims: Vec<&'a Claim>,
    /// One verdict per checked claim, in the same order.
    pub verdicts: Vec<Verdict>,
    /// Each sentence holding a checked claim, with its rolled-up verdict.
    pub sentences: Vec<rollup::SentenceVerdict>,
    /// The drafts waiting for review, in reading order: all of them unless
    /// only some claims were chosen. They are listed, never checked.
    pub drafts: Vec<&'a DraftClaim>,
}

impl<'a> ArticleCheck<'a> {
    /// The check of `claims` (in reading order) with their `verdicts`; the
    /// sentence verdicts are rolled up from them.
    pub fn new(article: &'a ArticleClaims, as_of: Date, claims: Vec<&'a Claim>, verdicts: Vec<Verdict>) -> Self {
        ArticleCheck::laid_out(article, as_of, claims, verdicts, &crate::locate::Layout::of(article))
    }

    /// [`ArticleCheck::new`] with the article's text laid out already
    /// (by the checks of its claims, [`Context::layout`]).
    fn laid_out(
        article: &'a ArticleClaims,
        as_of: Date,
        claims: Vec<&'a Claim>,
        verdicts: Vec<Verdict>,
        layout: &crate::locate::Layout<'_>,
    ) -> Self {
        let sentences = rollup::sentence_verdicts_in(layout, &claims, &verdicts);
        ArticleCheck { article, as_of, claims, verdicts, sentences, drafts: article.drafts.iter().collect() }
    }

    /// [`ArticleCheck::new`] with the sentence verdicts rolled up already
    /// (kept by the record cache with the verdicts they were made from).
    pub fn with_sentences(
        article: &'a ArticleClaims,
        as_of: Date,
        claims: Vec<&'a Claim>,
        verdicts: Vec<Verdict>,
        sentences: Vec<rollup::SentenceVerdict>,
    ) -> Self {
        ArticleCheck { article, as_of, claims, verdicts, sentences, drafts: article.drafts.iter().collect() }
    }

    /// The check of every claim of `article`, with `verdicts` in claim order.
    pub fn all(article: &'a ArticleClaims, as_of: Date, verdicts: Vec<Verdict>) -> Self {
        ArticleCheck::new(article, as_of, article.claims.iter().collect(), verdicts)
    }

    /// Each checked claim with its verdict, in reading order.
    pub fn pairs(&self) -> impl Iterator<Item = (&'a Claim, &Verdict)> {
        self.claims.iter().copied().zip(&self.verdicts)
    }

    /// Whether some claim with severity `error` came out other than expected.
    pub fn has_unexpected(&self) -> bool {
        self.pairs().any(|(c, v)| c.severity == crate::model::Severity::Error && !c.expects(v.verdict))
    }
}

/// Checks every article of a project, each as of `as_of` or, by default,
/// as of its own publication date.
pub fn check_project(project: &crate::model::Project, as_of: Option<Date>) -> Vec<ArticleCheck<'_>> {
    check_project_with(project, as_of, &Choice::default(), &Quiet)
}

/// [`check_project`] for the `claims` chosen by id, reporting how many
/// claims are checked. Articles with no claim chosen are left out.
pub fn check_project_with<'p>(
    project: &'p crate::model::Project,
    as_of: Option<Date>,
    claims: &Choice,
    progress: &dyn Progress,
) -> Vec<ArticleCheck<'p>> {
    check_project_cached(project, as_of, claims, progress, None)
}

/// [`check_project_with`], taking the verdicts of articles whose inputs
/// have not changed from `records` and keeping there those it checks.
pub fn check_project_cached<'p>(
    project: &'p crate::model::Project,
    as_of: Option<Date>,
    claims: &Choice,
    progress: &dyn Progress,
    records: Option<&Records>,
) -> Vec<ArticleCheck<'p>> {
    progress.begin(Phase::Checking, chosen_claims(&project.articles, claims));
    Checker::new(&project.reference, as_of, claims, progress, records).check(&project.articles)
}

/// How many claims of `articles` `claims` chooses: what a check of them
/// tells its progress it will check.
pub fn chosen_claims(articles: &[ArticleClaims], claims: &Choice) -> u64 {
    articles.iter().flat_map(|article| &article.claims).filter(|c| claims.admits(c.id.as_str())).count() as u64
}

/// Checks articles against one reference data, a batch at a time, so that
/// a run over many articles need not hold every article's verdicts at
/// once: the indexes over the reference are built once, the passages'
/// only when some claim needs them. [`check_project_cached`] is one batch
/// of every article.
pub struct Checker<'p> {
    reference: &'p Reference,
    as_of: Option<Date>,
    claims: &'p Choice,
    progress: &'p dyn Progress,
    records: Option<&'p Records>,
    /// The facts' index of the last batch checked, whose deferred files the
    /// next batch's index holds on to ([`FactIndex::next`]).
    facts: Mutex<FactIndex<'p>>,
    digest: Option<crate::cache::key::Digest>,
    passages: std::sync::OnceLock<passages::PassageIndex<'p>>,
}

impl<'p> Checker<'p> {
    /// A checker of the claims `claims` admits against `reference`, as of
    /// `as_of` (each article's own date if `None`), taking and keeping
    /// verdicts in `records`; it advances `progress` by the claims checked.
    pub fn new(
        reference: &'p Reference,
        as_of: Option<Date>,
        claims: &'p Choice,
        progress: &'p dyn Progress,
        records: Option<&'p Records>,
    ) -> Self {
        Checker {
            reference,
            as_of,
            claims,
            progress,
            records,
            facts: Mutex::new(FactIndex::new(reference)),
            digest: records.map(|_| Records::reference_digest(reference)),
            passages: std::sync::OnceLock::new(),
        }
    }

    /// Checks the chosen claims of `articles`, across the cores: one
    /// [`ArticleCheck`] per article with a chosen claim or draft (every
    /// article when every claim is chosen), in the order given.
    pub fn check<'a>(&self, articles: &'a [ArticleClaims]) -> Vec<ArticleCheck<'a>> {
        let claims = self.claims;
        let drafted = |article: &ArticleClaims| article.drafts.iter().any(|d| claims.admits(d.id.as_str()));
        let chosen: Vec<(&ArticleClaims, Vec<&Claim>)> = articles
            .iter()
            .map(|article| {
                (article, article.claims.iter().filter(|c| claims.admits(c.id.as_str())).collect::<Vec<_>>())
            })
            .filter(|(article, chosen)| !chosen.is_empty() || claims.is_all() || drafted(article))
            .collect();
        let index = self.facts.lock().unwrap_or_else(PoisonError::into_inner).next();
        let kept: Vec<Option<Reuse>> =
            chosen.par_iter().map(|(article, chosen)| self.reuse(&index, article, chosen)).collect();
        // The passages are indexed once some claim is checked, here rather
        // than in the parallel checks, where one would wait for another.
        let checks_some = |kept: &Option<Reuse>| match kept {
            None => true,
            Some(Reuse::All(_)) => false,
            Some(Reuse::Some(partial)) => partial.iter().any(Option::is_none),
        };
        if kept.iter().any(checks_some) {
            self.passages.get_or_init(|| passages::PassageIndex::new(self.reference));
        }
        let checks = chosen
            .into_par_iter()
            .zip(kept)
            .map(|((article, chosen), kept)| self.check_article(&index, article, chosen, kept))
            .collect();
        *self.facts.lock().unwrap_or_else(PoisonError::into_inner) = index;
        checks
    }

    /// The record cache's verdicts for `chosen`, claims of `article`, if
    /// it keeps them: only a check of every claim of an article is kept
    /// or reused.
    fn reuse(&self, index: &FactIndex<'_>, article: &ArticleClaims, chosen: &[&Claim]) -> Option<Reuse> {
        let (records, reference) = self.whole(article, chosen)?;
        let as_of = self.as_of_for(article);
        Some(records.reuse(&At { article, as_of, reference, index }))
    }

    fn whole(&self, article: &ArticleClaims, chosen: &[&Claim]) -> Option<(&'p Records, &crate::cache::key::Digest)> {
        self.records.zip(self.digest.as_ref()).filter(|_| chosen.len() == article.claims.len())
    }

    fn as_of_for(&self, article: &ArticleClaims) -> Date {
        self.as_of.unwrap_or_else(|| article.article.default_as_of())
    }

    /// Checks `chosen`, claims of `article`, taking the verdicts `kept`
    /// from the record cache and keeping there those it makes.
    fn check_article<'a>(
        &self,
        index: &FactIndex<'_>,
        article: &'a ArticleClaims,
        chosen: Vec<&'a Claim>,
        kept: Option<Reuse>,
    ) -> ArticleCheck<'a> {
        let as_of = self.as_of_for(article);
        let context = || {
            let passages = self.passages.get_or_init(|| passages::PassageIndex::new(self.reference));
            Context::new(self.reference, index, passages, as_of, article)
        };
        let mut check = match (kept, self.whole(article, &chosen)) {
            (Some(Reuse::All(kept)), _) => {
                ArticleCheck::with_sentences(article, as_of, chosen, kept.verdicts, kept.sentences)
            }
            (Some(Reuse::Some(partial)), Some((records, reference))) => {
                let cx = context();
                let (checked, shared, reused, verdicts) = check_claims_reusing(&chosen, partial, &cx);
                let check = ArticleCheck::laid_out(article, as_of, chosen, verdicts, cx.layout());
                let at = At { article, as_of, reference, index };
                records.keep(&at, (checked, shared, reused), &check.verdicts, &check.sentences);
                check
            }
            _ => {
                let cx = context();
                let verdicts = check_claims(&chosen, &cx);
                self.records.iter().for_each(|r| r.checked(verdicts.len()));
                ArticleCheck::laid_out(article, as_of, chosen, verdicts, cx.layout())
            }
        };
        self.progress.advance(check.claims.len() as u64);
        check.drafts.retain(|d| self.claims.admits(d.id.as_str()));
        check
    }
}

/// About how many claims [`Checker`] is given at a time by a run that
/// checks in batches: enough to keep every core busy (some ten articles
/// of a hundred claims), few enough that a batch's claims, verdicts and
/// report lines are a small part of what the run holds. Halved from 4,096
/// on measuring: on a 13.8 MB corpus of 20,000 claims a warm run's peak
/// fell from 26.7 MB to 21.9 MB, and at 100,000 claims the times of cold
/// and warm runs were within their noise. Halved again from 2,048 for a
/// first run of that corpus, about 1 MB less of its 28 MB (BENCHMARKS.md).
pub const BATCH_CLAIMS: usize = 1024;

/// `items` cut into consecutive batches of about `per` claims each (as
/// `claims` counts them), none empty; an item bigger than `per` is a batch
/// of its own.
pub fn batches<T>(items: &[T], claims: impl Fn(&T) -> usize, per: usize) -> Vec<&[T]> {
    let mut out = Vec::new();
    let (mut start, mut held) = (0, 0);
    for (i, item) in items.iter().enumerate() {
        held += claims(item);
        if held >= per {
            out.push(&items[start..=i]);
            (start, held) = (i + 1, 0);
        }
    }
    if start < items.len() {
        out.push(&items[start..]);
    }
    out
}

/// [`check_claims`] for every claim of an article, taking the own verdict
/// of each claim `partial` holds one for instead of checking it: the
/// claims' own verdicts with what each check looked up, what the swap
/// pass looked up, how many claims were taken from `partial`, and the
/// verdicts.
fn check_claims_reusing(
    claims: &[&Claim],
    partial: Partial,
    cx: &Context<'_>,
) -> (Vec<Checked>, crate::cache::records::Lookups, usize, Vec<Verdict>) {
    let mut checked = Vec::with_capacity(claims.len());
    let mut reused = 0;
    for (claim, kept) in claims.iter().zip(partial) {
        let (own, reads) = match kept {
            Some(kept) => {
                reused += 1;
                kept
            }
            None => {
                let verdict = check_claim(claim, cx);
                (verdict, cx.reads.take())
            }
        };
        checked.push(Checked { reads, own });
    }
    let mut verdicts: Vec<Verdict> = checked.iter().map(|c| c.own.clone()).collect();
    swap::mark(claims, &mut verdicts, cx);
    (checked, cx.reads.take(), reused, verdicts)
}

/// Checks one claim.
pub fn check_claim(claim: &Claim, cx: &Context<'_>) -> Verdict {
    let outcome = match &claim.assertion {
        Assertion::Quantity(q) => quantity::check(q, cx),
        Assertion::Date(d) => date::check(d, cx),
        Assertion::Quote(q) => quote::check(q, claim, cx),
        Assertion::Event(t) => event::check(t, cx),
        Assertion::Attribution(t) => attribution::check(t, cx),
        Assertion::Opinion => opinion::check(),
        Assertion::Change(c) => statistic::check_change(c, cx),
        Assertion::Ratio(r) => statistic::check_ratio(r, cx),
        Assertion::Share(s) => statistic::check_share(s, cx),
        Assertion::Rank(r) => statistic::check_rank(r, cx),
        Assertion::Record(r) => statistic::check_record(r, cx),
        Assertion::Comparison(c) => statistic::check_comparison(c, cx),
    };
    let verdict = outcome.verdict.unwrap_or(VerdictKind::Unverifiable);
    let mut discrepancies = outcome.discrepancies;
    if verdict != VerdictKind::Opinion {
        // Each fact used, found once for both questions.
        let used: Vec<&Fact> = outcome.facts.iter().filter_map(|id| cx.fact(id)).collect();
        discrepancies.extend(hindsight(&used, cx));
        discrepancies.extend(source_discrepancies(claim, &used, &outcome.sources, cx));
    }
    Verdict {
        claim: claim.id.clone(),
        kind: claim.assertion.kind(),
        verdict,
        discrepancies,
        facts: outcome.facts.into_iter().collect(),
        claimed_date: outcome.claimed_date,
    }
}

/// When a fact was first known: its vintage or observation date, or else
/// the earliest date among its sources, if each has one.
pub fn known_from(fact: &Fact, reference: &Reference) -> Option<Date> {
    if let Some(at) = select::observed_at(fact) {
        return Some(at);
    }
    let dates: Option<Vec<Date>> = fact
        .sources
        .iter()
        .map(|id| reference.source(id).and_then(|s| s.published).map(|p| p.window().first()))
        .collect();
    dates?.into_iter().min()
}

/// The facts used that were published only after the article: a verdict
/// that rests on them was reached with hindsight.
fn hindsight(facts: &[&Fact], cx: &Context<'_>) -> Vec<Discrepancy> {
    let article = cx.article.article.default_as_of();
    facts
        .iter()
        .filter_map(|fact| {
            let known = known_from(fact, cx.reference)?;
            (known > article).then(|| Discrepancy::Hindsight { fact: fact.id.clone(), published: known.to_string() })
        })
        .collect()
}

/// For each source the claim expects: missing from the reference, or
/// present but neither stating a fact used nor holding the quoted words.
fn source_discrepancies(
    claim: &Claim,
    facts: &[&Fact],
    direct: &BTreeSet<SourceId>,
    cx: &Context<'_>,
) -> Vec<Discrepancy> {
    let reference = cx.reference;
    let used: BTreeSet<&SourceId> = facts.iter().flat_map(|f| f.sources.iter()).chain(direct).collect();
    claim
        .sources
        .iter()
        .filter_map(|id| {
            let source = reference.source(id);
            if source.is_none() {
                Some(Discrepancy::SourceMissing { source: id.clone() })
            } else if source.is_some_and(|s| !s.independent_of(&cx.article.article.id)) {
                Some(Discrepancy::NotIndependent { source: id.clone() })
            } else if !used.contains(id) {
                Some(Discrepancy::SourceNotBacking { source: id.clone() })
            } else {
                None
            }
        })
        .collect()
}

/// The outcome when no settled fact holds: why the claim cannot be checked.
fn no_settled_fact(subject: &Term, property: &Term, all: &[&Fact], unsettled: &[&Fact]) -> Outcome {
    if let Some(fact) = unsettled.first() {
        let reason = fact.note.clone().unwrap_or_default();
        return Outcome::new(VerdictKind::Unverifiable)
            .with(Discrepancy::Unsettled { fact: fact.id.clone(), reason: reason.trim().to_owned() })
            .using(unsettled.iter().copied());
    }
    let discrepancy = if all.is_empty() {
        Discrepancy::NoFact { subject: subject.clone(), property: property.clone() }
    } else {
        Discrepancy::NotValid { subject: subject.clone(), property: property.clone() }
    };
    Outcome::new(VerdictKind::Unverifiable).with(discrepancy)
}

/// The verdict when facts of the top rank disagree.
fn conflicting(facts: Vec<&Fact>) -> Outcome {
    let values = facts.iter().map(|f| format!("{}: {}", f.id, describe_value(f))).collect();
    Outcome::new(VerdictKind::Conflicting).with(Discrepancy::Conflict { values }).using(facts)
}

/// Finishes an outcome: notes the lower-ranked facts set aside and records
/// the facts used.
fn settled<'a>(mut outcome: Outcome, used: Vec<&'a Fact>, overruled: &[&'a Fact]) -> Outcome {
    for fact in overruled {
        outcome.discrepancies.push(Discrepancy::Overruled { fact: fact.id.clone(), value: describe_value(fact) });
    }
    outcome.using(used)
}

/// A fact about another measure of `subject` that holds at the as-of date
/// and that the claimed value `fits`: the sign of the right figure with the
/// wrong scope.
fn other_measure<'a>(
    cx: &Context<'a>,
    subject: &Term,
    measure: &Term,
    fits: impl Fn(&Fact) -> bool,
) -> Option<&'a Fact> {
    cx.properties_of(subject)
        .into_iter()
        .filter(|(property, _)| *property != measure.as_str())
        .find_map(|(_, facts)| select::valid_at(&facts, cx.as_of).into_iter().find(|f| cx.may_back(f) && fits(f)))
}

/// A value outside what the claim allows: misleading if it fits another
/// measure of the same subject (`scope`), contradicted otherwise.
fn contradicted_or_scope(discrepancy: Discrepancy, claimed_measure: &Term, scope: Option<&Fact>) -> Outcome {
    match scope {
        Some(fact) => Outcome::new(VerdictKind::Misleading)
            .with(discrepancy)
            .because(Discrepancy::Scope {
                claimed_measure: claimed_measure.clone(),
                matching_measure: fact.property.clone(),
                fact: fact.id.clone(),
                value: describe_value(fact),
            })
            .using([fact]),
        None => Outcome::new(VerdictKind::Contradicted).with(discrepancy),
    }
}

/// A fact's value in a few words, for discrepancies.
pub fn describe_value(fact: &Fact) -> String {
    match &fact.value {
        FactValue::Number { value, unit, qualifier } => quantity::describe(*value, unit, *qualifier),
        FactValue::Date(spec) => spec.to_string(),
        FactValue::Object { object, date: Some(d), organisation: None } => format!("{object} ({d})"),
        FactValue::Object { object, date: None, organisation: None } => object.to_string(),
        FactValue::Object { object, date: Some(d), organisation: Some(o) } => format!("{object} at {o} ({d})"),
        FactValue::Object { object, date: None, organisation: Some(o) } => format!("{object} at {o}"),
        FactValue::Unsettled => "unsettled".to_owned(),
        FactValue::Record { record, since } => describe_record(*record, *since),
    }
}

/// A record statement in words: "highest since 2022-10", "first rise on record".
pub fn describe_record(record: crate::model::RecordKind, since: Option<crate::date::DateSpec>) -> String {
    let record = record.name().replace('-', " ");
    match since {
        Some(s) => format!("{record} since {s}"),
        None => format!("{record} on record"),
    }
}

/// Rounds a share to three decimals, so reports stay byte-stable.
fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

#[cfg(test)]
pub(crate) mod testing {
    //! Small builders for the checkers' unit tests.

    use super::*;
    use crate::date::DateSpec;
    use crate::model::{Article, ArticleId, Qualifier, Severity, Source, SourceKind, Validity};

    pub fn article(published: &str, claims: Vec<Claim>) -> ArticleClaims {
        ArticleClaims {
            article: Article {
                id: ArticleId::from("test"),
                title: None,
                publisher: "Test".into(),
                url: "https://example.org/".into(),
                published: published.parse().unwrap(),
                note: None,
            },
            text: String::new(),
            drafts: Vec::new(),
            claims,
            places: Vec::new(),
        }
    }

    pub fn claim(id: &str, assertion: Assertion) -> Claim {
        Claim {
            id: ClaimId::from(id),
            text: String::new(),
            assertion,
            sources: Vec::new(),
            expect: None,
            severity: Severity::Error,
            note: None,
        }
    }

    pub fn source(id: &str, kind: SourceKind) -> Source {
        Source {
            id: SourceId::from(id),
            publisher: "P".into(),
            original_publisher: None,
            title: "T".into(),
            url: "https://example.org/".into(),
            also_at: Vec::new(),
            published: None,
            date_inferred: false,
            kind,
            note: None,
            excerpts: Vec::new(),
            speaker: None,
            document: None,
            cut_short: false,
            translation: false,
            not_independent_of: Vec::new(),
            headline: None,
        }
    }

    pub fn fact(id: &str, subject: &str, property: &str, value: FactValue, source: &str) -> Fact {
        Fact {
            id: FactId::from(id),
            subject: Term::from(subject),
            property: Term::from(property),
            value,
            period: None,
            scale: crate::model::Scale::Units,
            signed: false,
            validity: Validity::Always,
            forecast: false,
            sources: [SourceId::from(source)].into(),
            note: None,
        }
    }

    pub fn num(value: f64, unit: &str, qualifier: Qualifier) -> FactValue {
        FactValue::Number { value, unit: unit.into(), qualifier }
    }

    pub fn date(text: &str) -> FactValue {
        FactValue::Date(text.parse::<DateSpec>().unwrap())
    }

    pub fn reference(sources: Vec<Source>, mut facts: Vec<Fact>) -> Reference {
        facts.sort_by(|a, b| a.id.cmp(&b.id));
        let mut sources = sources;
        sources.sort_by(|a, b| a.id.cmp(&b.id));
        Reference { sources, facts, ..Reference::default() }
    }

    /// Checks the claim `id` of `article` against `reference`.
    pub fn verdict(article: &ArticleClaims, reference: &Reference, id: &str) -> Verdict {
        let as_of = article.article.default_as_of();
        check_article(article, reference, as_of).into_iter().find(|v| v.claim.as_str() == id).unwrap()
    }
}

#[cfg(test)]
mod tests {
    use super::batches;

    #[test]
    fn batches_cut_in_order_at_about_the_claims_asked_and_keep_every_item() {
        let sizes = [3, 1, 5, 0, 2, 9, 1];
        let cut = batches(&sizes, |n| *n, 4);
        assert_eq!(cut, vec![&[3, 1][..], &[5], &[0, 2, 9], &[1]]);
        assert_eq!(cut.concat(), sizes);
        assert!(batches(&[] as &[usize], |n| *n, 4).is_empty());
        assert_eq!(batches(&[0, 0], |n| *n, 4), vec![&[0, 0][..]]);
    }
}
