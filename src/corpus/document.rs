//! Full-text documents: `reference/documents/<source-id>.txt`, the whole
//! text of a source of which `sources.yaml` holds excerpts.
//!
//! A document holds each of its source's excerpts verbatim, inside
//! paragraphs of several sentences, among filler paragraphs with quotations
//! of their own, until it reaches the requested size.

use crate::model::{Excerpt, Source};

use super::prose::{self, REMARKS};
use super::rng::Rng;
use super::words::{GIVEN_NAMES, Lexicon, Namespace};

/// The text of source `index`, about `size` bytes (never less than its
/// header and excerpts need).
pub fn document(
    lexicon: &Lexicon,
    seed: u64,
    index: usize,
    source: &Source,
    excerpts: &[Excerpt],
    size: usize,
) -> String {
    let mut rng = Rng::stream(seed, super::DOCUMENTS, index as u64);
    let region = lexicon.name(Namespace::Region, 200_000 + index as u64);
    let people: Vec<String> = (0..4u64)
        .map(|k| {
            let family = lexicon.name(Namespace::Family, 2_000_000 + index as u64 * 4 + k);
            format!("{} {family}", rng.pick(&GIVEN_NAMES))
        })
        .collect();
    let byline = match &source.original_publisher {
        Some(author) => format!("{} (from {author})", source.publisher),
        None => source.publisher.clone(),
    };
    let dated = source.published.map_or_else(|| "Undated".to_owned(), |d| d.to_string());
    let mut text = format!("{}\n{byline}, {dated}\n", source.title);
    let paragraph = |rng: &mut Rng, around: Option<&str>| {
        let mut sentences: Vec<String> = (0..rng.range(2, 5)).map(|_| prose::filler(rng, &region, &people)).collect();
        if rng.chance(40) {
            let remark = prose::sentence_case(rng.word(&REMARKS));
            sentences.push(format!("“{remark},” said {}.", rng.pick(&people)));
        }
        if let Some(excerpt) = around {
            let at = rng.index(sentences.len() + 1);
            sentences.insert(at, excerpt.to_owned());
        }
        sentences.join(" ")
    };
    let with_excerpts: Vec<String> = excerpts.iter().map(|e| paragraph(&mut rng, Some(&e.text))).collect();
    let mut fillers = Vec::new();
    let mut length = text.len() + with_excerpts.iter().map(|p| p.len() + 2).sum::<usize>();
    while length < size {
        let p = paragraph(&mut rng, None);
        length += p.len() + 2;
        fillers.push(p);
    }
    // Excerpts spread evenly through the text.
    let total = fillers.len() + with_excerpts.len();
    let count = with_excerpts.len().max(1);
    let slots: Vec<usize> = (0..with_excerpts.len()).map(|k| (2 * k + 1) * total / (2 * count)).collect();
    let mut fillers = fillers.into_iter();
    let mut excerpts = with_excerpts.into_iter();
    for slot in 0..total {
        let next = if slots.contains(&slot) { excerpts.next() } else { fillers.next() };
        if let Some(p) = next.or_else(|| excerpts.next()) {
            text.push('\n');
            text.push_str(&p);
            text.push('\n');
        }
    }
    text
}
