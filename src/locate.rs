//! Where things stand in an article's text: its sentences, and the words of
//! each claim.
//!
//! Claims are found with the typographic normalisation of [`crate::text`],
//! so curly quotes, dashes and runs of spaces match; positions are byte
//! offsets into the article as written. The loader orders claims by where
//! they stand ([`reading_order`]), the checker rolls verdicts up by
//! sentence, `suggest` marks which sentences claims cover, and the reports
//! quote sentences: all of them split the text here, one way.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

use crate::model::{ArticleClaims, Claim};
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
    // Byte offsets: a line break and `.`, `!`, `?` are ASCII, and no byte of
    // another character is ASCII, so the text is searched byte by byte for
    // them, not decoded into characters first.
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(found) = bytes[at..].iter().position(|b| matches!(b, b'\n' | b'.' | b'!' | b'?')) {
        at += found;
        if bytes[at] == b'\n' {
            push_sentence(text, start..at, &mut out);
            start = at + 1;
            at += 1;
            continue;
        }
        let mut end = at + 1;
        let mut rest = text[end..].chars();
        let mut after = rest.next();
        while let Some(c) = after.filter(|c| matches!(c, '"' | '\'' | '”' | '’' | ')')) {
            end += c.len_utf8();
            after = rest.next();
        }
        let next = rest.next();
        let followed = after == Some(' ')
            && next.is_some_and(|n| n.is_uppercase() || n.is_ascii_digit() || matches!(n, '"' | '“' | '‘'));
        if (followed || after.is_none()) && !is_abbreviation(&text[start..at]) {
            push_sentence(text, start..end, &mut out);
            start = end;
            at = end;
        } else {
            at += 1;
        }
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

/// An article's text as the checks of its claims read it: split into
/// sentences, with the places of its claims' words. Made once for an
/// article's checks ([`crate::check::Context::layout`]), which the swap
/// pass and the sentence verdicts share. The places come from the article
/// ([`ArticleClaims::places`], found when it was loaded); words it does not
/// place are found in the text, normalised the first time that is needed.
pub struct Layout<'a> {
    original: &'a str,
    /// The text, normalised once some words must be found in it.
    normal: OnceLock<Text<'a>>,
    /// The places of the article's claims, by their words.
    known: HashMap<&'a str, &'a [Range<usize>]>,
    /// The text's sentences, as [`sentences`] splits them.
    pub sentences: Vec<Range<usize>>,
}

impl<'a> Layout<'a> {
    /// Splits `original`; every place is found in it when asked for.
    pub fn new(original: &'a str) -> Self {
        Layout { original, normal: OnceLock::new(), known: HashMap::new(), sentences: sentences(original) }
    }

    /// Splits `article`'s text, with its claims' places as loaded.
    pub fn of(article: &'a ArticleClaims) -> Self {
        let mut layout = Layout::new(&article.text);
        if article.places.len() == article.claims.len() {
            let words = article.claims.iter().map(|claim| claim.text.as_str());
            layout.known = words.zip(article.places.iter().map(Vec::as_slice)).collect();
        }
        layout
    }

    /// The text as written.
    pub fn original(&self) -> &'a str {
        self.original
    }

    /// The sentences (by their index in [`Self::sentences`]) that some of
    /// `places` overlap, in order, each once.
    pub fn sentences_of(&self, places: &[Range<usize>]) -> Vec<usize> {
        let sentences = &self.sentences;
        let mut found = Vec::new();
        // The sentences stand in order, none overlapping the next: those a
        // place overlaps follow one another, from the first ending after
        // its start.
        for place in places {
            let first = sentences.partition_point(|sentence| sentence.end <= place.start);
            let overlapping = sentences[first..].iter().take_while(|sentence| sentence.start < place.end).count();
            found.extend(first..first + overlapping);
        }
        if places.len() > 1 {
            found.sort_unstable();
            found.dedup();
        }
        found
    }

    /// Every place `words` stand in the text ([`Text::find_all`]).
    pub fn places(&self, words: &str) -> Cow<'a, [Range<usize>]> {
        match self.known.get(words) {
            Some(places) => Cow::Borrowed(places),
            None => Cow::Owned(self.normal.get_or_init(|| Text::new(self.original)).find_all(words)),
        }
    }
}

/// Every place each of `words` stands in `text` ([`Text::find_all`]), in
/// the order of `words`; the text is normalised once for them all.
pub fn places<'w>(text: &str, words: impl IntoIterator<Item = &'w str>) -> Vec<Vec<Range<usize>>> {
    let text = Text::new(text);
    words.into_iter().map(|words| text.find_all(words)).collect()
}

/// Sorts `claims` into reading order, each with its `places` (in the same
/// order): by where their words first stand, then by id; claims whose
/// words are not in the text come last.
pub fn reading_order(claims: Vec<Claim>, places: Vec<Vec<Range<usize>>>) -> (Vec<Claim>, Vec<Vec<Range<usize>>>) {
    let first = |places: &[Range<usize>]| places.first().map_or(usize::MAX, |place| place.start);
    let mut keyed: Vec<(Claim, Vec<Range<usize>>)> = claims.into_iter().zip(places).collect();
    keyed.sort_by(|(x, a), (y, b)| first(a).cmp(&first(b)).then_with(|| x.id.cmp(&y.id)));
    keyed.into_iter().unzip()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::testing::claim;
    use crate::model::Assertion;

    /// [`sentences`] as it was written before, over the text's characters
    /// collected first: what the byte search must give.
    fn sentences_by_characters(text: &str) -> Vec<Range<usize>> {
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

    #[test]
    fn closing_marks_after_a_sentence_end_stay_with_its_sentence() {
        for text in [".) 1", "No.) 2", "He left.”) Then", "“Go!’ ” Now"] {
            assert_eq!(sentences(text), sentences_by_characters(text), "{text:?}");
        }
        assert_eq!(split("It rose (by 3%.) 4 fell."), ["It rose (by 3%.)", "4 fell."]);
    }

    proptest::proptest! {
        #[test]
        fn sentences_split_as_they_did_over_characters(
            text in "[aB1 .!?\n\"')”’“‘é]{0,40}|(Mr|Gen|U\\.S|No|[A-Z]|[a-z]+)[.!?][”’\"')]{0,2}( [A-Z1“\"a]?)?"
        ) {
            proptest::prop_assert_eq!(sentences(&text), sentences_by_characters(&text));
        }
    }

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

    /// An opinion claim whose words are `words`.
    fn worded(id: &str, words: &str) -> Claim {
        Claim { text: words.to_owned(), ..claim(id, Assertion::Opinion) }
    }

    #[test]
    #[allow(clippy::single_range_in_vec_init, reason = "lists of places, not of numbers")]
    fn claims_are_read_in_the_order_they_stand_then_by_id() {
        let text = "Rents rose 4% in May. Wages rose “a little” in June.";
        let claims = vec![
            worded("wages", "Wages rose"),
            worded("nowhere", "not in the text"),
            worded("rents-b", "Rents rose 4%"),
            worded("rents-a", "Rents rose"),
            worded("little", "\"a little\""),
        ];
        let found = places(text, claims.iter().map(|c| c.text.as_str()));
        let (claims, found) = reading_order(claims, found);
        let ids: Vec<&str> = claims.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["rents-a", "rents-b", "wages", "little", "nowhere"]);
        assert_eq!(found, [vec![0..10], vec![0..13], vec![22..32], vec![33..47], vec![]], "each with its places");
        assert_eq!(Text::new(text).find("“a little”"), Some(33..47));
    }

    #[test]
    #[allow(clippy::single_range_in_vec_init, reason = "lists of places, not of numbers")]
    fn a_layout_takes_the_places_found_at_loading_and_finds_what_they_lack() {
        let text = "Rents rose 4% in May. Rents rose again in June.";
        let mut article = crate::check::testing::article("2024-07-01", vec![worded("rents", "Rents rose")]);
        article.text = text.to_owned();
        let found = Layout::of(&article).places("Rents rose").into_owned();
        assert_eq!(found, [0..10, 22..32], "found in the text: the article holds no places");
        // Places kept with the article are taken as they are, by the words.
        article.places = vec![vec![1..2]];
        let layout = Layout::of(&article);
        assert_eq!(layout.places("Rents rose").as_ref(), [1..2]);
        assert_eq!(layout.places("in June").as_ref(), [39..46], "words of no claim are found");
        // Places not one for each claim are not taken.
        article.claims.push(worded("june", "in June"));
        assert_eq!(Layout::of(&article).places("Rents rose").as_ref(), [0..10, 22..32]);
    }

    #[test]
    #[allow(clippy::single_range_in_vec_init, reason = "lists of places, not of numbers")]
    fn a_place_s_sentences_are_those_it_overlaps() {
        let text = "One two. Three four.\n\nFive six. Seven.";
        let layout = Layout::new(text);
        let brute = |places: &[Range<usize>]| -> Vec<usize> {
            let s = &layout.sentences;
            (0..s.len()).filter(|&n| places.iter().any(|p| p.start < s[n].end && s[n].start < p.end)).collect()
        };
        let len = text.len();
        let mut lists = Vec::new();
        for start in 0..len {
            for end in start + 1..=len {
                lists.push(vec![start..end]);
                lists.push(vec![start..end, (len - end)..(len - start)]);
            }
        }
        for places in lists {
            assert_eq!(layout.sentences_of(&places), brute(&places), "{places:?}");
        }
    }
}
