//! Full-text documents: `reference/documents/<source-id>.txt`, the whole
//! statement or report of a public body, of which `sources.yaml` holds
//! excerpts.
//!
//! A full text is its speaker's words throughout (see docs/format.md), so
//! only primary sources get one, and it quotes no one else: the body's
//! excerpts, its statements that quote claims cite included, stand in it
//! verbatim, inside paragraphs of the body's own report sentences, until
//! it reaches the requested size.

use crate::model::{Excerpt, Source};

use super::prose;
use super::rng::Rng;
use super::words::{Lexicon, Namespace};

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
    let dated = source.published.map_or_else(|| "Undated".to_owned(), |d| d.to_string());
    let mut text = format!("{}\n{}, {dated}\n", source.title, source.publisher);
    let paragraph = |rng: &mut Rng, around: Option<&str>| {
        let mut sentences: Vec<String> = (0..rng.range(2, 5)).map(|_| prose::report(rng, &region)).collect();
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
