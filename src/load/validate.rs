//! Checks that span items and files: unique ids, references that resolve,
//! claim text that occurs in its article, anchors that lead somewhere.
//!
//! Every check reports where the offending value was written and, for a
//! near-miss id, the id it probably meant.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use crate::error::Diagnostic;
use crate::model::{Anchor, Article, ArticleClaims, Assertion, Claim, Definition, Fact, Source, Term};
use crate::nearest::closest;
use crate::text::{contains_normalized, normalize};
use crate::yaml::{Span, Spanned};

use super::convert::{self, FileCx};
use super::{ARTICLES_DIR, Files, parse, raw, stem};

/// One parsed file with its converted items, each paired with its index in
/// the raw list so its spans stay reachable.
pub struct FileIn<R, T> {
    pub path: String,
    pub text: Arc<str>,
    pub raw: R,
    pub items: Vec<(usize, T)>,
}

/// One claims file with its article.
pub struct ClaimsIn {
    pub file: FileIn<raw::ClaimsFile, Claim>,
    pub article: Option<Article>,
    pub article_text: Option<String>,
}

impl ClaimsIn {
    pub fn into_article(self) -> Option<ArticleClaims> {
        let mut claims: Vec<Claim> = self.file.items.into_iter().map(|(_, c)| c).collect();
        claims.sort_by(|a, b| a.id.cmp(&b.id));
        Some(ArticleClaims { article: self.article?, text: self.article_text?, claims })
    }

    fn raw_claim(&self, index: usize) -> &raw::Claim {
        &self.file.raw.claims.value[index].value
    }
}

/// Everything parsed and converted, ready for cross-file checks.
pub struct Inputs {
    pub claims: Vec<ClaimsIn>,
    pub sources: Option<FileIn<raw::SourcesFile, Source>>,
    pub facts: Vec<FileIn<raw::FactsFile, Fact>>,
    pub terms: Option<FileIn<raw::TermsFile, Definition>>,
    /// How many facts files there were, parsed or not.
    pub facts_files: usize,
}

/// Parses one file and converts each of its items.
fn load_file<R, I, T>(
    path: &str,
    text: &str,
    what: &str,
    diags: &mut Vec<Diagnostic>,
    items: impl Fn(&R) -> &[Spanned<I>],
    convert: impl Fn(&mut FileCx<'_>, &I) -> Option<T>,
) -> Option<FileIn<R, T>>
where
    R: serde::de::DeserializeOwned,
{
    let text: Arc<str> = Arc::from(text);
    let raw: R = parse(path, &text, what, diags)?;
    let mut cx = FileCx { path, text: &text, diags };
    let converted =
        items(&raw).iter().enumerate().filter_map(|(i, item)| convert(&mut cx, &item.value).map(|t| (i, t))).collect();
    Some(FileIn { path: path.to_owned(), text, raw, items: converted })
}

impl Inputs {
    /// Parses and converts every file, recording what fails.
    pub fn parse(files: &Files, diags: &mut Vec<Diagnostic>) -> Inputs {
        let sources = files.sources.as_deref().and_then(|text| {
            load_file(super::SOURCES_FILE, text, "sources", diags, |r: &raw::SourcesFile| &r.sources, convert::source)
        });
        let facts = files
            .facts
            .iter()
            .filter_map(|(path, text)| {
                load_file(path, text, "facts", diags, |r: &raw::FactsFile| &r.facts, convert::fact)
            })
            .collect();
        let terms = files.terms.as_deref().and_then(|text| {
            load_file(super::TERMS_FILE, text, "terms", diags, |r: &raw::TermsFile| &r.terms, convert::definition)
        });
        let claims = files.claims.iter().filter_map(|(path, text)| claims_file(files, path, text, diags)).collect();
        Inputs { claims, sources, facts, terms, facts_files: files.facts.len() }
    }
}

fn claims_file(files: &Files, path: &str, text: &str, diags: &mut Vec<Diagnostic>) -> Option<ClaimsIn> {
    let file = load_file(path, text, "claims", diags, |r: &raw::ClaimsFile| &r.claims.value, convert::claim)?;
    let mut cx = FileCx { path, text: &file.text, diags };
    let article = convert::article(&mut cx, &file.raw.article.value);
    let id = &file.raw.article.value.id;
    let stem = stem(path);
    if id.value != stem {
        cx.push(
            cx.error(id.span, format!("article id `{}` does not match the file name `{path}`", id.value))
                .with_help(format!("rename the file to `claims/{}.yaml` or set `id: {stem}`", id.value)),
        );
    }
    let article_text = files.articles.get(stem).cloned();
    if article_text.is_none() && !files.unreadable.contains(&format!("{ARTICLES_DIR}/{stem}.txt")) {
        cx.push(
            cx.error(id.span, format!("there is no article text `{ARTICLES_DIR}/{stem}.txt`"))
                .with_help(format!("save the article, verbatim, as `{ARTICLES_DIR}/{stem}.txt`")),
        );
    }
    Some(ClaimsIn { file, article, article_text })
}

/// Runs every cross-item check.
pub fn check(inputs: &Inputs, diags: &mut Vec<Diagnostic>) {
    // Ids as written, even of entries that failed to convert, so one bad
    // source does not make every claim citing it an error too.
    let source_ids: Option<BTreeSet<&str>> =
        inputs.sources.as_ref().map(|s| s.raw.sources.iter().map(|src| src.value.id.value.as_str()).collect());
    check_sources(inputs, diags);
    check_facts(inputs, source_ids.as_ref(), diags);
    check_terms(inputs, diags);
    // Claims without facts are only worth a warning when every facts file could be read.
    let facts_complete = inputs.facts.len() == inputs.facts_files;
    let keys = fact_keys(inputs);
    for file in &inputs.claims {
        check_claims(file, source_ids.as_ref(), diags);
        if facts_complete {
            warn_unknown_keys(file, &keys, diags);
        }
    }
}

/// Reports the second and later uses of each id.
fn unique<'a>(
    what: &str,
    entries: impl IntoIterator<Item = (&'a str, &'a str, &'a Arc<str>, Span)>,
    diags: &mut Vec<Diagnostic>,
) {
    let mut first: BTreeMap<&str, (&str, Span)> = BTreeMap::new();
    for (id, path, text, span) in entries {
        match first.get(id) {
            None => {
                first.insert(id, (path, span));
            }
            Some((first_path, first_span)) => diags.push(
                Diagnostic::error(path, text, span, format!("duplicate {what} id `{id}`"))
                    .with_label(format!("already used at {first_path}:{}:{}", first_span.line, first_span.column))
                    .with_help(format!("{what} ids must be unique; rename one of them")),
            ),
        }
    }
}

fn unknown_source(path: &str, text: &Arc<str>, id: &Spanned<String>, known: &BTreeSet<&str>) -> Diagnostic {
    let help = match closest(&id.value, known.iter().copied()) {
        Some(near) => format!("did you mean `{near}`?"),
        None => "add the source to reference/sources.yaml first".to_owned(),
    };
    Diagnostic::error(path, text, id.span, format!("unknown source `{}`", id.value))
        .with_label("not in reference/sources.yaml")
        .with_help(help)
}

fn check_sources(inputs: &Inputs, diags: &mut Vec<Diagnostic>) {
    let Some(file) = &inputs.sources else { return };
    let ids =
        file.raw.sources.iter().map(|s| (s.value.id.value.as_str(), file.path.as_str(), &file.text, s.value.id.span));
    unique("source", ids, diags);
}

fn check_facts(inputs: &Inputs, sources: Option<&BTreeSet<&str>>, diags: &mut Vec<Diagnostic>) {
    let ids = inputs.facts.iter().flat_map(|f| {
        f.raw.facts.iter().map(move |fact| (fact.value.id.value.as_str(), f.path.as_str(), &f.text, fact.value.id.span))
    });
    unique("fact", ids, diags);
    let Some(known) = sources else { return };
    for file in &inputs.facts {
        for fact in &file.raw.facts {
            for id in fact.value.sources.value.iter().filter(|id| !known.contains(id.value.as_str())) {
                diags.push(unknown_source(&file.path, &file.text, id, known));
            }
        }
    }
}

fn check_terms(inputs: &Inputs, diags: &mut Vec<Diagnostic>) {
    let Some(file) = &inputs.terms else { return };
    let ids =
        file.raw.terms.iter().map(|t| (t.value.term.value.as_str(), file.path.as_str(), &file.text, t.value.term.span));
    unique("term", ids, diags);
    let defined: BTreeSet<&str> = file.raw.terms.iter().map(|t| t.value.term.value.as_str()).collect();
    let broader: BTreeMap<&str, Vec<&str>> = file
        .raw
        .terms
        .iter()
        .map(|t| (t.value.term.value.as_str(), t.value.broader.iter().map(|b| b.value.as_str()).collect()))
        .collect();
    for term in &file.raw.terms {
        for b in &term.value.broader {
            if !defined.contains(b.value.as_str()) {
                let help = closest(&b.value, defined.iter().copied()).map_or_else(
                    || format!("define `{}` in this file too", b.value),
                    |near| format!("did you mean `{near}`?"),
                );
                diags.push(
                    Diagnostic::error(&file.path, &file.text, b.span, format!("unknown term `{}`", b.value))
                        .with_help(help),
                );
            } else if reaches(&broader, b.value.as_str(), &term.value.term.value) {
                diags.push(
                    Diagnostic::error(
                        &file.path,
                        &file.text,
                        b.span,
                        format!("`{}` is broader than itself", term.value.term.value),
                    )
                    .with_label("this closes a loop")
                    .with_help("broader terms must form a hierarchy without loops"),
                );
            }
        }
    }
}

/// Whether `target` is reachable from `start` by following `edges`.
fn reaches(edges: &BTreeMap<&str, Vec<&str>>, start: &str, target: &str) -> bool {
    let mut seen = BTreeSet::new();
    let mut stack = vec![start];
    while let Some(at) = stack.pop() {
        if at == target {
            return true;
        }
        if seen.insert(at) {
            stack.extend(edges.get(at).into_iter().flatten().copied());
        }
    }
    false
}

fn check_claims(file: &ClaimsIn, sources: Option<&BTreeSet<&str>>, diags: &mut Vec<Diagnostic>) {
    let (path, text) = (file.file.path.as_str(), &file.file.text);
    let raw_claims = &file.file.raw.claims.value;
    unique("claim", raw_claims.iter().map(|c| (c.value.id.value.as_str(), path, text, c.value.id.span)), diags);
    if raw_claims.is_empty() {
        diags.push(
            Diagnostic::warning(path, text, file.file.raw.claims.span, "this article has no claims yet")
                .with_help("add claims with `factcheck add claim`, or by hand"),
        );
    }
    if let Some(known) = sources {
        for claim in raw_claims {
            for id in claim.value.sources.iter().flat_map(|s| &s.value).filter(|id| !known.contains(id.value.as_str()))
            {
                diags.push(unknown_source(path, text, id, known));
            }
        }
    }
    if let Some(article) = &file.article_text {
        // Normalised once: every claim of the file is looked up in it.
        let article = normalize(article);
        for claim in raw_claims {
            check_text_in_article(path, text, &claim.value, &article, diags);
        }
    }
    check_anchors(file, diags);
}

/// Checks that a claim's text occurs in the article (`article` is normalised).
fn check_text_in_article(path: &str, text: &Arc<str>, claim: &raw::Claim, article: &str, diags: &mut Vec<Diagnostic>) {
    let claim_text = &claim.text;
    let normal_claim = normalize(&claim_text.value);
    if !normal_claim.is_empty() && !article.contains(&normal_claim) {
        let matched = longest_prefix_in(&normal_claim, article);
        let help = if matched.trim().is_empty() {
            "copy the claim's words from the article verbatim; only quotes, dashes and spaces may differ".to_owned()
        } else {
            let rest: String = normal_claim[matched.len()..].chars().take(30).collect();
            format!("the article matches up to `{}`, then differs at `{rest}`", tail(matched, 40))
        };
        diags.push(
            Diagnostic::error(
                path,
                text,
                claim_text.span,
                format!("the text of claim `{}` is not in the article", claim.id.value),
            )
            .with_label("not found in the article")
            .with_help(help),
        );
    }
    if let Some(words) = &claim.words
        && !words.value.trim().is_empty()
        && !contains_normalized(&claim_text.value, &words.value)
    {
        diags.push(
            Diagnostic::error(
                path,
                text,
                words.span,
                format!("the quoted words of claim `{}` are not in its text", claim.id.value),
            )
            .with_help("`words` must be the part of `text` that stands in quotation marks"),
        );
    }
}

/// The longest prefix of `needle` (on a word boundary) found in `haystack`.
fn longest_prefix_in<'a>(needle: &'a str, haystack: &str) -> &'a str {
    let ends: Vec<usize> =
        needle.char_indices().filter(|(_, c)| *c == ' ').map(|(i, _)| i).chain([needle.len()]).collect();
    let found = ends.partition_point(|&end| haystack.contains(&needle[..end]));
    if found == 0 { "" } else { &needle[..ends[found - 1]] }
}

/// The last words of `text`, at most about `chars` characters, with `…` if cut.
fn tail(text: &str, chars: usize) -> String {
    if text.chars().count() <= chars {
        return text.to_owned();
    }
    let cut: String = text.chars().skip(text.chars().count() - chars).collect();
    let words = cut.split_once(' ').map_or(cut.as_str(), |(_, rest)| rest);
    format!("…{words}")
}

fn anchor_of(claim: &Claim) -> Option<&Anchor> {
    match &claim.assertion {
        Assertion::Date(d) => Some(&d.relative_to),
        Assertion::Event(t) | Assertion::Attribution(t) => Some(&t.relative_to),
        _ => None,
    }
}

fn has_date(claim: &Claim) -> bool {
    match &claim.assertion {
        Assertion::Date(_) => true,
        Assertion::Event(t) | Assertion::Attribution(t) => t.date.is_some(),
        _ => false,
    }
}

fn check_anchors(file: &ClaimsIn, diags: &mut Vec<Diagnostic>) {
    let (path, text) = (file.file.path.as_str(), &file.file.text);
    let by_id: BTreeMap<&str, &Claim> = file.file.items.iter().map(|(_, c)| (c.id.as_str(), c)).collect();
    for (index, claim) in &file.file.items {
        let Some(Anchor::Claim(target)) = anchor_of(claim) else { continue };
        let Some(span) = file.raw_claim(*index).relative_to.as_ref().map(|r| r.span) else { continue };
        let error = |message: String| Diagnostic::error(path, text, span, message);
        match by_id.get(target.as_str()) {
            None => {
                let help = closest(target.as_str(), by_id.keys().copied()).map_or_else(
                    || "`relative_to` names a claim of this article, or `article`".to_owned(),
                    |n| format!("did you mean `{n}`?"),
                );
                diags.push(error(format!("claim `{}` counts from unknown claim `{target}`", claim.id)).with_help(help));
            }
            Some(anchor) if !has_date(anchor) => diags.push(
                error(format!("claim `{}` counts from claim `{target}`, which has no date", claim.id))
                    .with_help("count from a `date` claim or a claim with `date:`"),
            ),
            Some(_) if anchors_loop(&by_id, claim) => diags.push(
                error(format!("claim `{}` counts from itself through `relative_to`", claim.id))
                    .with_help("end the chain at a claim with an absolute date or at `article`"),
            ),
            Some(_) => {}
        }
    }
}

fn anchors_loop(by_id: &BTreeMap<&str, &Claim>, start: &Claim) -> bool {
    let mut at = start;
    for _ in 0..=by_id.len() {
        match anchor_of(at) {
            Some(Anchor::Claim(next)) => match by_id.get(next.as_str()) {
                Some(next) if next.id == start.id => return true,
                Some(next) => at = next,
                None => return false,
            },
            _ => return false,
        }
    }
    true
}

/// The subject and measure or predicate a claim is looked up by, with the
/// spans they were written at.
fn claim_key<'a>(claim: &'a Claim, raw: &'a raw::Claim) -> Option<(&'a Term, &'a Term, Span)> {
    match &claim.assertion {
        Assertion::Quantity(q) => Some((&q.subject, &q.measure, raw.subject.as_ref()?.span)),
        Assertion::Date(d) => Some((&d.event, &d.measure, raw.event.as_ref()?.span)),
        Assertion::Event(t) | Assertion::Attribution(t) => Some((&t.subject, &t.predicate, raw.subject.as_ref()?.span)),
        Assertion::Quote(_) | Assertion::Opinion => None,
    }
}

/// Every subject and measure or predicate facts are written about, even
/// facts that failed to convert (their errors are reported already).
fn fact_keys(inputs: &Inputs) -> BTreeSet<(&str, &str)> {
    inputs
        .facts
        .iter()
        .flat_map(|f| f.raw.facts.iter())
        .filter_map(|fact| {
            let fact = &fact.value;
            let property = fact.measure.as_ref().or(fact.predicate.as_ref())?;
            Some((fact.subject.value.as_str(), property.value.as_str()))
        })
        .collect()
}

/// Warns about claims that no fact could ever answer: usually a typo in a
/// subject or measure, and otherwise a fact still to be researched.
fn warn_unknown_keys(file: &ClaimsIn, keys: &BTreeSet<(&str, &str)>, diags: &mut Vec<Diagnostic>) {
    let subjects = || keys.iter().map(|(s, _)| *s);
    for (index, claim) in &file.file.items {
        let Some((subject, property, span)) = claim_key(claim, file.raw_claim(*index)) else { continue };
        if keys.contains(&(subject.as_str(), property.as_str())) {
            continue;
        }
        let known_subject = keys.range((subject.as_str(), "")..).next().is_some_and(|(s, _)| *s == subject.as_str());
        let help = if known_subject {
            let properties = keys.iter().filter(|(s, _)| *s == subject.as_str()).map(|(_, p)| *p);
            match closest(property.as_str(), properties.clone()) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!("facts about `{subject}` hold: {}", properties.collect::<Vec<_>>().join(", ")),
            }
        } else {
            let mut distinct: Vec<&str> = subjects().collect();
            distinct.dedup();
            match closest(subject.as_str(), distinct) {
                Some(near) => format!("did you mean `{near}`?"),
                None => "add a fact, or an `unsettled` fact saying why no source settles it".to_owned(),
            }
        };
        diags.push(
            Diagnostic::warning(
                &file.file.path,
                &file.file.text,
                span,
                format!("no fact about `{subject}` `{property}`; claim `{}` will be unverifiable", claim.id),
            )
            .with_help(help),
        );
    }
}
