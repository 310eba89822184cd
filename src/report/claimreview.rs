//! schema.org [ClaimReview](https://schema.org/ClaimReview) JSON-LD, for
//! fact-check publishers: one `ClaimReview` per checked claim, in one
//! document under `@graph`, using schema.org terms only.
//!
//! Each review carries the claim's words (`claimReviewed`), a `Rating` on a
//! 1 to 5 scale ([`rating`]) with the verdict as a readable `alternateName`
//! and the discrepancies as `ratingExplanation`, the reviewer as `author`,
//! and the reviewed `Claim`: made by the article's publisher, dated by the
//! article's publication date (the first day, when only a range is known),
//! appearing in the article at its URL. There is no published review page,
//! so each review's `url` is the article's URL with the fragment
//! `#claim-<id>`. Opinions are not exported: they are not checked, so there
//! is no rating to publish. No review date is written, as reports carry no
//! timestamps; the publisher adds it when publishing.

use serde::Serialize;

use crate::check::ArticleCheck;
use crate::model::{Article, Claim, Verdict, VerdictKind};

use super::{content_first, describe};

/// The organisation publishing the reviews: the ClaimReview's `author`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reviewer {
    /// Its name; `factcheck` unless given.
    pub name: String,
    /// Its web site, if given.
    pub url: Option<String>,
}

impl Default for Reviewer {
    fn default() -> Self {
        Reviewer { name: "factcheck".to_owned(), url: None }
    }
}

/// The best rating on the scale.
pub const BEST_RATING: u8 = 5;
/// The worst rating on the scale.
pub const WORST_RATING: u8 = 1;

/// The rating a verdict gets, and its readable name; `None` for opinions,
/// which are not exported.
///
/// 5 is supported and 1 contradicted. Misleading is 2: partly right, but
/// wrong as made. Unverifiable and conflicting are 3, the middle of the
/// scale: the reference neither backs nor refutes the claim, and the
/// `alternateName` says which of the two it is.
pub fn rating(verdict: VerdictKind) -> Option<(u8, &'static str)> {
    match verdict {
        VerdictKind::Supported => Some((5, "Supported")),
        VerdictKind::Unverifiable => Some((3, "Unverifiable")),
        VerdictKind::Conflicting => Some((3, "Conflicting sources")),
        VerdictKind::Misleading => Some((2, "Misleading")),
        VerdictKind::Contradicted => Some((1, "Contradicted")),
        VerdictKind::Opinion => None,
    }
}

#[derive(Serialize)]
struct Document {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@graph")]
    graph: Vec<ClaimReview>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ClaimReview {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    claim_reviewed: String,
    author: Organization,
    review_rating: Rating,
    item_reviewed: ClaimItem,
}

#[derive(Serialize)]
struct Organization {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rating {
    #[serde(rename = "@type")]
    kind: &'static str,
    rating_value: u8,
    best_rating: u8,
    worst_rating: u8,
    alternate_name: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rating_explanation: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ClaimItem {
    #[serde(rename = "@type")]
    kind: &'static str,
    author: Organization,
    date_published: String,
    appearance: Appearance,
}

#[derive(Serialize)]
struct Appearance {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    headline: Option<String>,
    publisher: Organization,
}

fn organization(name: &str, url: Option<&str>) -> Organization {
    Organization { kind: "Organization", name: name.to_owned(), url: url.and_then(super::http_url).map(str::to_owned) }
}

fn review(article: &Article, claim: &Claim, verdict: &Verdict, reviewer: &Reviewer) -> Option<ClaimReview> {
    let (value, name) = rating(verdict.verdict)?;
    let explanation = content_first(verdict).into_iter().map(describe).collect::<Vec<_>>().join("; ");
    // Only http and https addresses become links; the loader refuses others,
    // and this keeps the export safe for data that did not come through it.
    let article_url = super::http_url(&article.url);
    // A fragment replaces any fragment the article's URL already has.
    let page = article_url.map(|url| url.split('#').next().unwrap_or_default());
    Some(ClaimReview {
        kind: "ClaimReview",
        url: page.map(|page| format!("{page}#claim-{}", claim.id)),
        claim_reviewed: claim.text.split_whitespace().collect::<Vec<_>>().join(" "),
        author: organization(&reviewer.name, reviewer.url.as_deref()),
        review_rating: Rating {
            kind: "Rating",
            rating_value: value,
            best_rating: BEST_RATING,
            worst_rating: WORST_RATING,
            alternate_name: name,
            rating_explanation: (!explanation.is_empty()).then_some(explanation),
        },
        item_reviewed: ClaimItem {
            kind: "Claim",
            author: organization(&article.publisher, None),
            date_published: article.published.window().first().to_string(),
            appearance: Appearance {
                kind: "Article",
                url: article_url.map(str::to_owned),
                headline: article.title.clone(),
                publisher: organization(&article.publisher, None),
            },
        },
    })
}

/// Renders a ClaimReview for every checked claim but opinions, as one
/// pretty-printed JSON-LD document ending with a newline.
pub fn render(checks: &[ArticleCheck<'_>], reviewer: &Reviewer) -> String {
    let graph = checks
        .iter()
        .flat_map(|check| {
            check.pairs().filter_map(|(claim, verdict)| review(&check.article.article, claim, verdict, reviewer))
        })
        .collect();
    super::json::pretty(&Document { context: "https://schema.org", graph })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_verdict_but_opinion_is_on_the_scale() {
        for verdict in VerdictKind::ALL {
            match rating(verdict) {
                Some((value, _)) => assert!((WORST_RATING..=BEST_RATING).contains(&value), "{verdict:?}"),
                None => assert_eq!(verdict, VerdictKind::Opinion),
            }
        }
    }
}
