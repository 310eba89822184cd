//! Which sentences of an article are check-worthy, which are covered by a
//! claim or a draft already, and the claims each uncovered one gives,
//! drafted from its words ([`draft`]).
//!
//! The rules are deterministic and deliberately simple, so a reader can
//! predict them. A sentence is check-worthy when it has at least one of:
//! - a number: digits, or a number word (`five`, `dozens`, `several`);
//! - a date: a month or weekday name, a year (1900–2099), or a relative date
//!   (`yesterday`, `this Thursday`, `years later`, `ago`, `since`);
//! - a quotation: text inside double quotation marks, or inside curly single
//!   quotes that open at a word start;
//! - an attribution or reaction verb: `said`, `told`, `announced`,
//!   `according to`, `denounced`, `threatened`, …;
//! - a named person or organisation together with a comparative or
//!   superlative (`more`, `largest`, `main`, …) or an opinion word (`should`);
//!
//! or when its words give a draft. Each clause of a sentence gives a draft
//! per figure, phrase and quotation ([`draft`] has the rules, in the order
//! they apply; `docs/writing-claims.md` the same as a table): the writer's
//! judgement an `opinion`; speech in quotation marks a `quote`; a title
//! next to a name a role; a superlative with `since` a `record`, one within
//! a breakdown a `rank`; a comparative with `than` a `comparison`;
//! `doubled` or `twice as` a `ratio`; `a third of` a `share`; a figure with
//! a direction a `change`, any other a `quantity`; a direction alone a
//! `change`; a day, or a month or year alone, a `date`; an attribution verb
//! whose words gave nothing else an `attribution`. A sentence's likely kind
//! is the most specific of its drafts' kinds. [`measure`] compares drafts
//! with the claims written from the same words; [`write`](mod@write)
//! appends them to the claims file.

pub mod draft;
pub mod measure;
mod read;
pub mod write;

use std::collections::BTreeSet;
use std::ops::Range;

use serde::Serialize;

pub use draft::{ClaimDraft, Field};

use crate::locate::sentences;
use crate::model::{ArticleClaims, ClaimKind};
use crate::text::quotation::{quotations, quoted_ranges};
use draft::OPINION;
use read::WEEKDAYS;

/// Why a sentence is check-worthy.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Signal {
    /// It has a number.
    Number,
    /// It has a date or a relative date.
    Date,
    /// It has words in quotation marks.
    Quotation,
    /// It reports what someone said.
    Attribution,
    /// It names a person or organisation.
    Name,
    /// It compares or ranks.
    Comparison,
    /// It judges.
    Opinion,
}

impl Signal {
    /// The signal's name.
    pub fn name(self) -> &'static str {
        match self {
            Signal::Number => "number",
            Signal::Date => "date",
            Signal::Quotation => "quotation",
            Signal::Attribution => "attribution",
            Signal::Name => "name",
            Signal::Comparison => "comparison",
            Signal::Opinion => "opinion",
        }
    }
}

/// One sentence of the article, judged.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Sentence {
    /// Its position, from 1.
    pub number: usize,
    /// Its words, as in the article.
    pub text: String,
    /// What makes it check-worthy.
    pub signals: Vec<Signal>,
    /// Whether the rules call it check-worthy.
    pub check_worthy: bool,
    /// The claims whose words fall in it.
    pub claims: Vec<String>,
    /// The kind of claim it most likely holds.
    pub likely_kind: &'static str,
    /// The words of it that stand inside quotation marks, one entry per
    /// quotation (a quotation running over paragraphs counts in each).
    pub quoted: Vec<String>,
    /// The drafts (`draft: true`) whose words fall in it, waiting for review.
    pub drafted: Vec<String>,
    /// The claims its words give, drafted ([`draft`]): what `suggest
    /// --write` writes for it when no claim or draft covers it.
    pub drafts: Vec<ClaimDraft>,
}

impl Sentence {
    /// Whether `suggest --write` drafts claims for it: it is check-worthy,
    /// and no claim or draft covers it yet.
    pub fn wants_drafts(&self) -> bool {
        self.check_worthy && self.claims.is_empty() && self.drafted.is_empty()
    }
}

/// The article's sentences with their signals and coverage.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Suggestions {
    /// Every sentence, in order.
    pub sentences: Vec<Sentence>,
}

impl Suggestions {
    /// Sentences covered by at least one claim.
    pub fn covered(&self) -> usize {
        self.sentences.iter().filter(|s| !s.claims.is_empty()).count()
    }

    /// Check-worthy sentences.
    pub fn check_worthy(&self) -> usize {
        self.sentences.iter().filter(|s| s.check_worthy).count()
    }

    /// The drafts `suggest --write` writes for `article` (whose sentences
    /// these are): those of every sentence no claim or draft covers, each
    /// with an id made from its text (or, for drafts of the same text, from
    /// the words each was read from: [`ClaimDraft::id_words`]), unique in the
    /// article.
    pub fn to_write(&self, article: &ArticleClaims) -> Vec<(String, &ClaimDraft)> {
        let mut taken: BTreeSet<String> = article.claims.iter().map(|c| c.id.to_string()).collect();
        taken.extend(article.drafts.iter().map(|d| d.id.to_string()));
        let mut out = Vec::new();
        for sentence in self.sentences.iter().filter(|s| s.wants_drafts()) {
            for draft in &sentence.drafts {
                // Drafts of the same words are named by the words they were read from.
                let shared = sentence.drafts.iter().filter(|d| d.text == draft.text).count() > 1;
                let words = if shared { draft.id_words(&article.text) } else { draft.text.clone() };
                let id = crate::add::generate_id(&words, &taken);
                taken.insert(id.clone());
                out.push((id, draft));
            }
        }
        out
    }
}

const NUMBER_WORDS: [&str; 27] = [
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "hundred",
    "hundreds",
    "thousand",
    "thousands",
    "million",
    "millions",
    "billion",
    "dozen",
    "dozens",
    "several",
    "half",
];
const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];
const DATE_WORDS: [&str; 9] = ["yesterday", "today", "tomorrow", "ago", "since", "later", "earlier", "years", "months"];
const ATTRIBUTION: [&str; 36] = [
    "said",
    "says",
    "say",
    "told",
    "tells",
    "announced",
    "announces",
    "stated",
    "states",
    "claimed",
    "claims",
    "reported",
    "reports",
    "confirmed",
    "denied",
    "accused",
    "described",
    "called",
    "voted",
    "approved",
    "attributing",
    "attributed",
    "view",
    "insisted",
    "denounced",
    "condemned",
    "criticised",
    "criticized",
    "rejected",
    "threatened",
    "threatening",
    "warned",
    "demanded",
    "responded",
    "urged",
    "vowed",
];
const COMPARISON: [&str; 14] = [
    "more", "most", "less", "least", "fewer", "main", "major", "only", "first", "largest", "biggest", "highest",
    "lowest", "record",
];

/// The words of a sentence: letters and digits, lower-cased.
fn words(sentence: &str) -> Vec<String> {
    sentence
        .split(|c: char| !c.is_alphanumeric() && c != ',')
        .map(|w| w.trim_matches(',').to_lowercase())
        .filter(|w| !w.is_empty())
        .collect()
}

/// The most words any quotation of `sentence` holds, if it has one.
fn has_quotation(sentence: &str) -> Option<usize> {
    quotations(sentence).into_iter().map(|q| q.words.split_whitespace().count()).max()
}

fn has_name(sentence: &str) -> bool {
    // A capitalised word that does not start the sentence, or an acronym.
    sentence.split_whitespace().skip(1).any(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        w.chars().next().is_some_and(char::is_uppercase)
    }) || sentence.split_whitespace().any(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        w.len() >= 2 && w.chars().all(|c| c.is_ascii_uppercase())
    })
}

/// The signals of one sentence.
pub fn signals(sentence: &str) -> Vec<Signal> {
    let words = words(sentence);
    let has = |list: &[&str]| words.iter().any(|w| list.contains(&w.as_str()));
    let mut found = Vec::new();
    if sentence.chars().any(|c| c.is_ascii_digit()) || has(&NUMBER_WORDS) {
        found.push(Signal::Number);
    }
    let year = words
        .iter()
        .any(|w| w.len() == 4 && (w.starts_with("19") || w.starts_with("20")) && w.chars().all(|c| c.is_ascii_digit()));
    if year || has(&MONTHS) || has(&WEEKDAYS) || has(&DATE_WORDS) {
        found.push(Signal::Date);
    }
    if has_quotation(sentence).is_some() {
        found.push(Signal::Quotation);
    }
    if has(&ATTRIBUTION) || crate::text::normalize(sentence).to_lowercase().contains("according to") {
        found.push(Signal::Attribution);
    }
    if has_name(sentence) {
        found.push(Signal::Name);
    }
    if has(&COMPARISON)
        || words.iter().any(|w| {
            w.len() > 5
                && w.ends_with("est")
                && !matches!(w.as_str(), "interest" | "protest" | "request" | "suggest" | "honest" | "forest")
        })
    {
        found.push(Signal::Comparison);
    }
    if has(&OPINION) || sentence.trim_end().ends_with('!') {
        found.push(Signal::Opinion);
    }
    found
}

fn is_check_worthy(signals: &[Signal]) -> bool {
    let any = |s: Signal| signals.contains(&s);
    any(Signal::Number)
        || any(Signal::Date)
        || any(Signal::Quotation)
        || any(Signal::Attribution)
        || (any(Signal::Name) && (any(Signal::Comparison) || any(Signal::Opinion)))
}

/// The kinds in the order one is named a sentence's likely kind: what its
/// words say most specifically first.
const KIND_PRIORITY: [ClaimKind; 12] = [
    ClaimKind::Quote,
    ClaimKind::Opinion,
    ClaimKind::Record,
    ClaimKind::Rank,
    ClaimKind::Share,
    ClaimKind::Ratio,
    ClaimKind::Comparison,
    ClaimKind::Change,
    ClaimKind::Quantity,
    ClaimKind::Event,
    ClaimKind::Date,
    ClaimKind::Attribution,
];

/// The kind of claim a sentence most likely holds: the most specific kind
/// among its drafts, `event` when it has none.
fn likely_kind(drafts: &[ClaimDraft]) -> &'static str {
    KIND_PRIORITY.iter().find(|k| drafts.iter().any(|d| d.kind == **k)).map_or("event", |k| k.name())
}

/// Judges every sentence of an article and finds the claims in each.
pub fn suggest(article: &ArticleClaims) -> Suggestions {
    let text = &article.text;
    let located = crate::locate::Text::new(text);
    // Where each claim's words stand in the article, in original bytes.
    let claim_spans: Vec<(&str, Range<usize>)> = article
        .claims
        .iter()
        .flat_map(|claim| located.find_all(&claim.text).into_iter().map(move |span| (claim.id.as_str(), span)))
        .collect();
    let draft_spans: Vec<(&str, Range<usize>)> = article
        .drafts
        .iter()
        .flat_map(|draft| located.find_all(&draft.text).into_iter().map(move |span| (draft.id.as_str(), span)))
        .collect();
    // Quotations are read in the whole text: one may run over paragraphs.
    let quoted = quoted_ranges(text);
    let mut drafts = draft::draft_article(text, article.article.published.window().last()).into_iter();
    let sentences = sentences(text)
        .into_iter()
        .enumerate()
        .map(|(n, range)| {
            let drafts = drafts.next().unwrap_or_default();
            let words = &text[range.clone()];
            let inside: Vec<String> = quoted
                .iter()
                .map(|r| r.start.max(range.start)..r.end.min(range.end))
                .filter(|r| r.start < r.end)
                .map(|r| text[r].trim().to_owned())
                .filter(|w| w.chars().any(char::is_alphanumeric))
                .collect();
            let mut signals = signals(words);
            if !inside.is_empty() && !signals.contains(&Signal::Quotation) {
                signals.push(Signal::Quotation);
                signals.sort();
            }
            let mut claims: Vec<String> = claim_spans
                .iter()
                .filter(|(_, span)| span.start < range.end && range.start < span.end)
                .map(|(id, _)| (*id).to_owned())
                .collect();
            claims.sort();
            claims.dedup();
            let overlapping = |spans: &[(&str, Range<usize>)]| -> Vec<String> {
                let mut ids: Vec<String> = spans
                    .iter()
                    .filter(|(_, span)| span.start < range.end && range.start < span.end)
                    .map(|(id, _)| (*id).to_owned())
                    .collect();
                ids.sort();
                ids.dedup();
                ids
            };
            let drafted = overlapping(&draft_spans);
            Sentence {
                number: n + 1,
                text: words.to_owned(),
                check_worthy: is_check_worthy(&signals) || !drafts.is_empty(),
                likely_kind: likely_kind(&drafts),
                signals,
                claims,
                quoted: inside,
                drafted,
                drafts,
            }
        })
        .collect();
    Suggestions { sentences }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signals_are_found() {
        assert_eq!(signals("Five US personnel were injured in the attack."), [Signal::Number, Signal::Name]);
        assert!(signals("Iraq’s Foreign Ministry announced in a statement this Thursday").contains(&Signal::Date));
        assert!(signals("He said “we will leave soon”").contains(&Signal::Quotation));
        assert!(signals("US troops should have left Iraq years ago!").contains(&Signal::Opinion));
        assert!(signals("It rained.").is_empty());
    }

    #[test]
    fn likely_kinds_follow_the_most_specific_draft() {
        let kind = |s: &str| likely_kind(&draft::draft_sentence(s, "2024-08-16".parse().unwrap()));
        assert_eq!(kind("US troops should have left Iraq years ago!"), "opinion");
        assert_eq!(kind("“We will leave by September,” the minister said."), "quote");
        assert_eq!(kind("The US has about 2,500 troops in Iraq."), "quantity");
        assert_eq!(kind("Ferry fares rose 12% in May, the operator said on Monday."), "change");
        assert_eq!(kind("The ministry spoke on Thursday."), "date");
        assert_eq!(kind("The ministry said talks continue."), "attribution");
        assert_eq!(kind("Parliament passed the bill."), "event");
    }
}
