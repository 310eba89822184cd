//! Typographic normalisation: the one definition of "the same words" that
//! claim validation and quote checking share.
//!
//! Only typography is folded: curly and straight quotes, the dash family,
//! the ellipsis character and runs of whitespace (including no-break spaces).
//! Letters, case, punctuation and spelling are left alone here, because a
//! changed word inside a quotation is exactly what a fact-checker wants to
//! see; [`words`] says which of those differences a quotation may make
//! anyway, and [`quotation`] reads quotation marks as newsrooms print them.

pub mod quotation;
pub mod words;

/// Text in normal form with a map back to the original's byte offsets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Normalized {
    /// The normalised text.
    pub text: String,
    /// For each byte of `text`, the byte offset in the original where the
    /// character it came from starts; one extra entry maps the end of `text`
    /// to the end of the original.
    origin: Vec<usize>,
    /// For each byte of `text`, where that original character ends.
    origin_end: Vec<usize>,
}

impl Normalized {
    /// Normalises `original`, remembering where each byte came from.
    pub fn new(original: &str) -> Self {
        let mut text = String::with_capacity(original.len());
        let mut origin = Vec::with_capacity(original.len() + 1);
        let mut origin_end = Vec::with_capacity(original.len());
        let trailing = fold_text(original, |piece, at, end, same| {
            text.push_str(piece);
            if same {
                origin.extend(at..end);
                origin_end.extend(at + 1..=end);
            } else {
                origin.extend(std::iter::repeat_n(at, piece.len()));
                origin_end.extend(std::iter::repeat_n(end, piece.len()));
            }
        });
        origin.push(trailing.unwrap_or(original.len()));
        Normalized { text, origin, origin_end }
    }

    /// The byte range in the original text that `range` of the normal form
    /// covers, widened to whole original characters (part of the `...` that
    /// an ellipsis became maps to the whole ellipsis).
    pub fn original_range(&self, range: std::ops::Range<usize>) -> std::ops::Range<usize> {
        let last = self.origin.last().copied().unwrap_or(0);
        let start = self.origin.get(range.start).copied().unwrap_or(last);
        let end =
            if range.end <= range.start { start } else { self.origin_end.get(range.end - 1).copied().unwrap_or(last) };
        start..end.max(start)
    }

    /// Byte offsets, in the normal form, where `needle` (already normalised) occurs.
    pub fn find_all<'a>(&'a self, needle: &'a str) -> impl Iterator<Item = usize> + 'a {
        // memchr's vectorised search, not `str::match_indices`: every claim of
        // an article is looked for in it, several times a run. Both report
        // non-overlapping matches from the left.
        memchr::memmem::find_iter(self.text.as_bytes(), needle.as_bytes()).filter(move |_| !needle.is_empty())
    }
}

/// What one character becomes.
enum Folded {
    Same,
    Char(char),
    Str(&'static str),
}

fn fold(c: char) -> Folded {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{02BC}' => Folded::Char('\''),
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}' | '\u{00BB}' => Folded::Char('"'),
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}' | '\u{2212}' => Folded::Char('-'),
        '\u{2026}' => Folded::Str("..."),
        '\u{00AD}' | '\u{200B}' | '\u{FEFF}' => Folded::Str(""),
        _ => Folded::Same,
    }
}

/// Walks `original` in normal form, handing `emit` each piece of the normal
/// text with the byte range of the original it came from: one character
/// (a run of whitespace is one space, from the run's start to its end), or
/// with `same` a run of ASCII that is not whitespace, which stands as it
/// is, each byte for its own. Returns where trailing whitespace, which is
/// dropped, starts.
fn fold_text(original: &str, mut emit: impl FnMut(&str, usize, usize, bool)) -> Option<usize> {
    // Most of a text is such runs: taken whole, not a character at a time.
    fn plain(b: u8) -> bool {
        b.is_ascii() && !matches!(b, b' ' | b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r')
    }
    let bytes = original.as_bytes();
    let mut pending_space: Option<(usize, usize)> = None;
    let mut written = false;
    let mut buffer = [0; 4];
    let mut at = 0;
    while at < bytes.len() {
        let run = bytes[at..].iter().position(|&b| !plain(b)).unwrap_or(bytes.len() - at);
        if run > 0 {
            if let Some((space_at, space_end)) = pending_space.take()
                && written
            {
                emit(" ", space_at, space_end, false);
            }
            emit(&original[at..at + run], at, at + run, true);
            written = true;
            at += run;
            continue;
        }
        // A run ends at a character's first byte.
        let Some(c) = original[at..].chars().next() else { break };
        let end = at + c.len_utf8();
        if c.is_whitespace() {
            pending_space = Some(pending_space.map_or((at, end), |(start, _)| (start, end)));
            at = end;
            continue;
        }
        if let Some((space_at, space_end)) = pending_space.take()
            && written
        {
            emit(" ", space_at, space_end, false);
        }
        let piece = match fold(c) {
            Folded::Same => &*c.encode_utf8(&mut buffer),
            Folded::Char(f) => &*f.encode_utf8(&mut buffer),
            Folded::Str(s) => s,
        };
        written |= !piece.is_empty();
        emit(piece, at, end, false);
        at = end;
    }
    pending_space.map(|(start, _)| start)
}

/// The normal form of `text`: typography folded, whitespace collapsed and trimmed.
pub fn normalize(text: &str) -> String {
    // The text alone: no map back to the original, which costs sixteen bytes a byte.
    let mut normal = String::with_capacity(text.len());
    fold_text(text, |piece, _, _, _| normal.push_str(piece));
    normal
}

/// Whether `needle` occurs in `haystack` once both are normalised.
pub fn contains_normalized(haystack: &str, needle: &str) -> bool {
    let needle = normalize(needle);
    !needle.is_empty() && normalize(haystack).contains(&needle)
}

/// Whether `needle` occurs in `haystack` once both are normalised and
/// every double quotation mark is set aside: a quotation running over
/// paragraphs reopens with a mark its words do not hold. The quoted pieces
/// of `haystack`, joined, count too, for a quotation its attribution breaks.
pub fn contains_quoted_words(haystack: &str, needle: &str) -> bool {
    let strip = |t: &str| normalize(&normalize(t).replace('"', " "));
    let needle = strip(needle);
    if needle.is_empty() {
        return false;
    }
    if strip(haystack).contains(&needle) {
        return true;
    }
    // A quotation broken by its attribution (`“…,” she said, “…”`) is
    // quoted as its pieces joined: look in them too.
    let pieces: Vec<String> = quotation::quotations(haystack).into_iter().map(|q| q.words).collect();
    strip(&pieces.join(" ")).contains(&needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_typography_only() {
        assert_eq!(normalize("Iraq’s “latest  developments” – now…"), "Iraq's \"latest developments\" - now...");
        assert_eq!(normalize("  a\u{00A0}\n b  "), "a b");
        assert_eq!(normalize("U.S.-led"), "U.S.-led");
    }

    #[test]
    fn quoted_words_may_span_the_attribution_that_breaks_them() {
        let text = "“We are close,” she said, “but not there.”";
        assert!(contains_quoted_words(text, "We are close, but not there."));
        assert!(contains_quoted_words(text, "she said"));
        assert!(!contains_quoted_words(text, "We are close, and there."));
    }

    /// [`Normalized::new`] a character at a time, as it was before ASCII
    /// runs were taken whole: what the runs must give, byte for byte.
    fn normalized_a_character_at_a_time(original: &str) -> Normalized {
        let (mut text, mut origin, mut origin_end) = (String::new(), Vec::new(), Vec::new());
        let (mut pending_space, mut written, mut buffer): (Option<(usize, usize)>, bool, [u8; 4]) =
            (None, false, [0; 4]);
        let mut emit = |piece: &str, at: usize, end: usize| {
            text.push_str(piece);
            origin.extend(std::iter::repeat_n(at, piece.len()));
            origin_end.extend(std::iter::repeat_n(end, piece.len()));
        };
        for (at, c) in original.char_indices() {
            let end = at + c.len_utf8();
            if c.is_whitespace() {
                pending_space = Some(pending_space.map_or((at, end), |(start, _)| (start, end)));
                continue;
            }
            if let Some((space_at, space_end)) = pending_space.take()
                && written
            {
                emit(" ", space_at, space_end);
            }
            let piece = match fold(c) {
                Folded::Same => &*c.encode_utf8(&mut buffer),
                Folded::Char(f) => &*f.encode_utf8(&mut buffer),
                Folded::Str(s) => s,
            };
            written |= !piece.is_empty();
            emit(piece, at, end);
        }
        origin.push(pending_space.map_or(original.len(), |(start, _)| start));
        Normalized { text, origin, origin_end }
    }

    #[test]
    fn a_vertical_tab_is_whitespace_that_no_ascii_run_takes() {
        for original in ["\u{b}", "a\u{b}b", "a \u{b}\u{c} b\u{b}"] {
            assert_eq!(Normalized::new(original), normalized_a_character_at_a_time(original), "{original:?}");
        }
        assert_eq!(normalize("a\u{b}b"), "a b");
    }

    proptest::proptest! {
        #[test]
        fn ascii_runs_normalise_as_each_character_does(
            original in "[a-c1 .,\\-\"'\t\n\r\x0B\x0C\u{85}\u{A0}\u{2019}\u{201C}\u{2014}\u{2026}\u{AD}\u{200B}é]{0,40}"
        ) {
            let expected = normalized_a_character_at_a_time(&original);
            proptest::prop_assert_eq!(&Normalized::new(&original), &expected);
            proptest::prop_assert_eq!(normalize(&original), expected.text);
        }
    }

    #[test]
    fn normalising_twice_changes_nothing() {
        let once = normalize("“It’s — quite…”\t done ");
        assert_eq!(normalize(&once), once);
    }

    #[test]
    fn maps_back_to_original_bytes() {
        let original = "Due to ‘latest developments’, Iraq";
        let normal = Normalized::new(original);
        let at = normal.text.find("latest developments").unwrap();
        let range = normal.original_range(at..at + "latest developments".len());
        assert_eq!(&original[range], "latest developments");
        let at = normal.text.find("'latest").unwrap();
        let range = normal.original_range(at..at + "'latest developments'".len());
        assert_eq!(&original[range], "‘latest developments’");
    }

    #[test]
    fn quoted_words_may_run_over_a_reopening_mark() {
        let text = "“The first part ends here.\n\n“The second part goes on,” she said.";
        assert!(contains_quoted_words(text, "The first part ends here. The second part goes on"));
        assert!(!contains_quoted_words(text, "The first part goes on"));
    }

    #[test]
    fn containment_ignores_typography() {
        assert!(contains_normalized("Iraq’s Foreign Ministry announced", "Iraq's Foreign  Ministry"));
        assert!(!contains_normalized("Iraq’s Foreign Ministry", "Iraqi Foreign Ministry"));
        assert!(!contains_normalized("anything", "  "));
    }
}
