//! Where things stand in an article's text: its sentences, and the words of
//! each claim.
//!
//! Claims are found with the typographic normalisation of [`crate::text`],
//! so curly quotes, dashes and runs of spaces match; positions are byte
//! offsets into the article as written. The loader orders claims by where
//! they stand ([`reading_order`]), the checker rolls verdicts up by
//! sentence, `suggest` marks which sentences claims cover, and the reports
//! quote sentences: all of them split the text here, one way.

use std::ops::Range;

use crate::model::Claim;
use crate::text::{Normalized, normalize};

/// Abbreviations that end in a full stop inside a sentence; matched as written.
const ABBREVIATIONS: [&str; 22] = [
    "Mr", "Mrs", "Ms", "Dr", "Gen", "Col", "Lt", "Maj", "Capt", "Sgt", "St", "Rep", "Sen", "Gov", "No", "Jan", "Feb",
    "Aug", "Sept", "Oct", "Nov", "Dec",
];

/// Byte ranges of the sentences of `text`, trimmed: a sentence ends at `.`,
/// `!` or `?` (after any closing quotation marks) followed by a space and a
/// capital, a digit or an opening quotation mark, or at a line break, so a
/// headline on its own line is a sentence. Single capitals (`U.S.`) and
/// common abbreviations (`Gen.`, `Aug.`) do not end sentences.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if c == '\n' {
            push_sentence(text, start..at, &mut out);
            start = at + 1;
        } else if matches!(c, '.' | '!' | '?') {
            let mut j = i + 1;
            while j < chars.len() && matches!(chars[j].1, '"' | '\'' | '”' | '’' | ')') {
                j += 1;
            }
            let end = chars.get(j).map_or(text.len(), |(a, _)| *a);
            let next = chars.get(j + 1).map(|(_, c)| *c);
            let followed = chars.get(j).is_some_and(|(_, c)| *c == ' ')
                && next.is_some_and(|n| n.is_uppercase() || n.is_ascii_digit() || matches!(n, '"' | '“' | '‘'));
            if (followed || j >= chars.len()) && !is_abbreviation(&text[start..at]) {
                push_sentence(text, start..end, &mut out);
                start = end;
                i = j;
                continue;
            }
        }
        i += 1;
    }
    push_sentence(text, start..text.len(), &mut out);
    out
}

fn is_abbreviation(before: &str) -> bool {
    let word = before.rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
    (word.chars().count() == 1 && word.chars().all(char::is_uppercase)) || ABBREVIATIONS.contains(&word)
}

fn push_sentence(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let slice = &text[range.clone()];
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    if slice.trim().is_empty() {
        return;
    }
    out.push(range.start + lead..range.end - trail);
}

/// An article's text normalised once, for finding many claims in it.
pub struct Text<'a> {
    original: &'a str,
    normal: Normalized,
}

impl<'a> Text<'a> {
    /// Normalises `original`.
    pub fn new(original: &'a str) -> Self {
        Text { original, normal: Normalized::new(original) }
    }

    /// Every place `words` stand in the text, as byte ranges of the
    /// original, in order. Empty when the words are not there.
    pub fn find_all(&self, words: &str) -> Vec<Range<usize>> {
        let needle = normalize(words);
        self.normal
            .find_all(&needle)
            .map(|at| self.normal.original_range(at..at + needle.len()))
            .filter(|range| !range.is_empty())
            .collect()
    }

    /// Where `words` first stand in the text.
    pub fn find(&self, words: &str) -> Option<Range<usize>> {
        let needle = normalize(words);
        let at = self.normal.find_all(&needle).next()?;
        Some(self.normal.original_range(at..at + needle.len())).filter(|range| !range.is_empty())
    }

    /// The original text.
    pub fn original(&self) -> &'a str {
        self.original
    }
}

/// An article's text as the checks of its claims read it: normalised, to
/// find each claim in it, and split into sentences. Made once for an
/// article's checks ([`crate::check::Context::layout`]), which the swap
/// pass and the sentence verdicts share.
pub struct Layout<'a> {
    /// The text, normalised.
    pub text: Text<'a>,
    /// Its sentences, as [`sentences`] splits them.
    pub sentences: Vec<Range<usize>>,
}

impl<'a> Layout<'a> {
    /// Normalises and splits `original`.
    pub fn new(original: &'a str) -> Self {
        Layout { text: Text::new(original), sentences: sentences(original) }
    }
}

/// Where each claim's words first stand in `text`, in the order of `claims`.
pub fn claim_spans(text: &str, claims: &[Claim]) -> Vec<Option<Range<usize>>> {
    let text = Text::new(text);
    claims.iter().map(|claim| text.find(&claim.text)).collect()
}

/// Sorts `claims` into reading order: by where their words first stand in
/// `text`, then by id; claims whose words are not in the text come last.
pub fn reading_order(text: &str, claims: &mut Vec<Claim>) {
    let spans = claim_spans(text, claims);
    let mut keyed: Vec<(usize, Claim)> =
        spans.into_iter().map(|span| span.map_or(usize::MAX, |s| s.start)).zip(claims.drain(..)).collect();
    keyed.sort_by(|(a, x), (b, y)| a.cmp(b).then_with(|| x.id.cmp(&y.id)));
    claims.extend(keyed.into_iter().map(|(_, claim)| claim));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::testing::claim;
    use crate::model::Assertion;

    fn split(text: &str) -> Vec<&str> {
        sentences(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn splits_on_sentence_ends_but_not_abbreviations() {
        assert_eq!(
            split("The U.S. has 2,500 troops. Gen. Smith said “no.” Five were hurt!\nA new line"),
            ["The U.S. has 2,500 troops.", "Gen. Smith said “no.”", "Five were hurt!", "A new line"]
        );
    }

    #[test]
    fn a_headline_on_its_own_line_is_a_sentence() {
        assert_eq!(
            split("Prices rise again\n\nPrices rose 3% in May."),
            ["Prices rise again", "Prices rose 3% in May."]
        );
    }

    #[test]
    fn claims_are_read_in_the_order_they_stand_then_by_id() {
        let text = "Rents rose 4% in May. Wages rose “a little” in June.";
        let with =
            |id: &str, words: &str| crate::model::Claim { text: words.to_owned(), ..claim(id, Assertion::Opinion) };
        let mut claims = vec![
            with("wages", "Wages rose"),
            with("nowhere", "not in the text"),
            with("rents-b", "Rents rose 4%"),
            with("rents-a", "Rents rose"),
            with("little", "\"a little\""),
        ];
        reading_order(text, &mut claims);
        let ids: Vec<&str> = claims.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["rents-a", "rents-b", "wages", "little", "nowhere"]);
        assert_eq!(Text::new(text).find("“a little”"), Some(33..47));
    }
}
