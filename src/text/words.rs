//! Words as a quote checker compares them: each word of a typographically
//! normalised text becomes one or more keys, so that differences house
//! style makes and a quotation rule ignores compare equal.
//!
//! A key is the word's letters and digits, lower-cased, with:
//! - British, Canadian and Australian spellings folded into the American
//!   one (`colour` is `color`), from VARCON, the variant list `typos` uses;
//! - number words written as numerals (`five` is `5`, `twenty-five` `25`),
//!   digit groups joined (`11,000` and `11 000` are `11000`);
//! - `per cent`, `percent` and `pct` written `%` (`22%` is `22` and `%`);
//! - contractions expanded (`we're` is `we are`, `don't` `do not`,
//!   `cannot` `can not`, `let's` `let us`); a possessive `'s` stays;
//! - hyphenated words split (`well-known` is `well known`).
//!
//! Every key remembers the words it came from and which of these foldings
//! made it, so a report can say what differed ([`Form`]). Case and
//! punctuation are told apart later, by comparing the words as written.

use std::ops::Range;

/// Which foldings made a key differ from its word as written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Form(u8);

impl Form {
    /// A contraction expanded (`we're`, `don't`, `cannot`).
    pub const CONTRACTION: Form = Form(1);
    /// A spelling variant folded into the American spelling.
    pub const SPELLING: Form = Form(2);
    /// A number word written as a numeral.
    pub const NUMERAL: Form = Form(4);
    /// `per cent` or `percent` written `%`.
    pub const PERCENT: Form = Form(8);

    /// Whether every folding of `other` is in `self`.
    pub fn contains(self, other: Form) -> bool {
        self.0 & other.0 == other.0 && other.0 != 0
    }

    /// Both sets of foldings.
    pub fn union(self, other: Form) -> Form {
        Form(self.0 | other.0)
    }

    /// The foldings in one set and not the other.
    pub fn difference(self, other: Form) -> Form {
        Form(self.0 ^ other.0)
    }

    /// Whether no folding is in the set.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The foldings' names, in a fixed order.
    pub fn names(self) -> Vec<&'static str> {
        [
            (Form::CONTRACTION, "contraction"),
            (Form::SPELLING, "spelling"),
            (Form::NUMERAL, "numeral"),
            (Form::PERCENT, "per cent"),
        ]
        .into_iter()
        .filter(|(f, _)| self.contains(*f))
        .map(|(_, n)| n)
        .collect()
    }
}

/// One key of a text: what it compares as, the words it came from and how.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Key {
    /// What it compares as.
    pub text: String,
    /// The words (indexes into [`Words::spans`]) it came from.
    pub words: Range<usize>,
    /// How the key differs from the words as written.
    pub form: Form,
}

/// A normalised text split into words and keys.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Words {
    /// The byte range of each word (text between spaces) in the text.
    pub spans: Vec<Range<usize>>,
    /// The keys, in order.
    pub keys: Vec<Key>,
}

/// The byte range of each word of `text` (already typographically
/// normalised: words between single spaces); none for empty text.
pub fn spans(text: &str) -> Vec<Range<usize>> {
    let mut spans =
        Vec::with_capacity(if text.is_empty() { 0 } else { memchr::memchr_iter(b' ', text.as_bytes()).count() + 1 });
    let mut at = 0;
    for word in text.split(' ').filter(|_| !text.is_empty()) {
        spans.push(at..at + word.len());
        at += word.len() + 1;
    }
    spans
}

/// Splits `text` (already typographically normalised: single spaces) into
/// words and keys.
pub fn words(text: &str) -> Words {
    let spans = spans(text);
    let mut keys = Vec::new();
    each_key(text, &spans, |text, words, form| keys.push(Key { text: text.to_owned(), words, form }));
    Words { spans, keys }
}

/// Calls `emit` with each key of `text`, whose words are at `spans`: the
/// key, the words it came from and its form. No key is allocated.
pub fn each_key(text: &str, spans: &[Range<usize>], mut emit: impl FnMut(&str, Range<usize>, Form)) {
    let mut parts: Vec<Part<'_>> = Vec::new();
    for (n, span) in spans.iter().enumerate() {
        let word = &text[span.clone()];
        for piece in word.split(['-', '/']) {
            let core = core_of(piece);
            if !core.is_empty() {
                parts.push(Part { text: core, word: n });
            }
        }
    }
    let mut buffer = String::new();
    let mut i = 0;
    while i < parts.len() {
        let part = &parts[i];
        // `per cent`
        if part.text.eq_ignore_ascii_case("per")
            && parts.get(i + 1).is_some_and(|p| p.text.eq_ignore_ascii_case("cent"))
        {
            emit("%", part.word..parts[i + 1].word + 1, Form::PERCENT);
            i += 2;
            continue;
        }
        // A run of number words.
        if let Some((value, used)) = number_words(&parts[i..]) {
            buffer.clear();
            buffer.push_str(&value.to_string());
            emit(&buffer, part.word..parts[i + used - 1].word + 1, Form::NUMERAL);
            i += used;
            continue;
        }
        // Digit groups written apart: `11 000`.
        if is_digits(part.text, 1..=3) {
            let mut j = i + 1;
            while parts.get(j).is_some_and(|p| is_digits(p.text, 3..=3) && p.word == parts[j - 1].word + 1) {
                j += 1;
            }
            if j > i + 1 && !parts.get(j).is_some_and(|p| p.word == parts[j - 1].word && p.text.starts_with('%')) {
                buffer.clear();
                for p in &parts[i..j] {
                    buffer.push_str(p.text);
                }
                emit(&buffer, part.word..parts[j - 1].word + 1, Form::default());
                i = j;
                continue;
            }
        }
        single(part, &mut buffer, &mut emit);
        i += 1;
    }
}

/// One hyphen- or slash-separated piece of a word, with its word's index.
struct Part<'a> {
    text: &'a str,
    word: usize,
}

/// The letters, digits, apostrophes and `%` of a piece, without the
/// punctuation, brackets and quotation marks around it.
fn core_of(piece: &str) -> &str {
    let keep = |c: char| c.is_alphanumeric() || c == '%';
    let start = piece.find(keep).unwrap_or(piece.len());
    let end = piece.rfind(keep).map_or(start, |i| i + piece[i..].chars().next().map_or(1, char::len_utf8));
    &piece[start..end.max(start)]
}

fn is_digits(text: &str, lengths: std::ops::RangeInclusive<usize>) -> bool {
    lengths.contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit())
}

/// The keys of one piece that is not part of a longer phrase.
fn single(part: &Part<'_>, buffer: &mut String, emit: &mut impl FnMut(&str, Range<usize>, Form)) {
    let word = part.word..part.word + 1;
    buffer.clear();
    for c in part.text.chars() {
        // Thousands separators and the full stops of abbreviations (`U.S.`) do not count; decimal points do.
        match c {
            ',' | '.' => {}
            c => buffer.extend(c.to_lowercase()),
        }
    }
    let decimal = part.text.contains('.')
        && part.text.bytes().filter(u8::is_ascii_digit).count() > 0
        && part.text.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'.' | b',' | b'%'));
    if decimal {
        buffer.clear();
        buffer.extend(part.text.chars().filter(|c| *c != ','));
    }
    let lower = std::mem::take(buffer);
    // `22%`: the number, then the sign.
    if let Some(number) = lower.strip_suffix('%').filter(|n| !n.is_empty()) {
        emit(number, word.clone(), Form::default());
        emit("%", word, Form::default());
        *buffer = lower;
        return;
    }
    if matches!(lower.as_str(), "percent" | "pct") {
        emit("%", word, Form::PERCENT);
        *buffer = lower;
        return;
    }
    if let Some((first, second)) = contraction(&lower) {
        emit(&fold_spelling(&first).0, word.clone(), Form::CONTRACTION);
        emit(second, word, Form::CONTRACTION);
        *buffer = lower;
        return;
    }
    let (folded, changed) = fold_spelling(&lower);
    emit(&folded, word, if changed { Form::SPELLING } else { Form::default() });
    *buffer = lower;
}

/// Pronouns and words whose `'s` is `is` (`it's`, `there's`), not a possessive.
const IS_AFTER: [&str; 12] =
    ["it", "that", "what", "there", "here", "he", "she", "who", "where", "how", "this", "everyone"];

/// A contraction's two words: `we're` is `we` and `are`.
fn contraction(word: &str) -> Option<(String, &'static str)> {
    match word {
        "cannot" | "can't" => return Some(("can".to_owned(), "not")),
        "won't" => return Some(("will".to_owned(), "not")),
        "shan't" => return Some(("shall".to_owned(), "not")),
        "let's" => return Some(("let".to_owned(), "us")),
        _ => {}
    }
    let (stem, rest) = word.rsplit_once('\'')?;
    if stem.is_empty() {
        return None;
    }
    let second = match rest {
        "re" => "are",
        "ve" => "have",
        "ll" => "will",
        "m" => "am",
        "d" => "would",
        "t" if stem.ends_with('n') && stem.len() > 1 => return Some((stem[..stem.len() - 1].to_owned(), "not")),
        "s" if IS_AFTER.contains(&stem) => "is",
        _ => return None,
    };
    Some((stem.to_owned(), second))
}

/// A number written in words at the start of `parts`: its value and how many
/// parts it takes. `twenty-five` is 25, `three hundred` 300, `one` 1.
fn number_words(parts: &[Part<'_>]) -> Option<(u64, usize)> {
    #[derive(PartialEq)]
    enum Last {
        Start,
        Unit,
        Teen,
        Ten,
        Hundred,
    }
    let (mut total, mut current, mut used, mut last) = (0u64, 0u64, 0, Last::Start);
    for part in parts {
        let lower = part.text.to_lowercase();
        match unit_value(&lower) {
            Some(n) if n < 10 && matches!(last, Last::Start | Last::Ten | Last::Hundred) => {
                current += n;
                last = Last::Unit;
            }
            Some(n) if n >= 10 && matches!(last, Last::Start | Last::Hundred) => {
                current += n;
                last = if n < 20 { Last::Teen } else { Last::Ten };
            }
            None if lower == "hundred" && last == Last::Unit && current < 10 => {
                current *= 100;
                last = Last::Hundred;
            }
            None if lower == "thousand" && last != Last::Start => {
                total += current * 1000;
                current = 0;
                last = Last::Start;
            }
            _ => break,
        }
        used += 1;
    }
    (used > 0).then_some((total + current, used))
}

/// The value of a number word below a hundred: `zero` to `nineteen` and
/// the tens (`twenty` … `ninety`).
pub(crate) fn unit_value(word: &str) -> Option<u64> {
    const WORDS: [&str; 20] = [
        "zero",
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
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: [&str; 8] = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
    if let Some(n) = WORDS.iter().position(|w| *w == word) {
        return Some(n as u64);
    }
    TENS.iter().position(|w| *w == word).map(|n| (n as u64 + 2) * 10)
}

/// The American spelling of `word` (lower case), and whether it differs.
fn fold_spelling(word: &str) -> (String, bool) {
    match american(word) {
        Some(american) => (american.to_owned(), true),
        None => (word.to_owned(), false),
    }
}

/// British, Canadian and Australian spellings (lower case), each with the
/// American spelling of the same word, from VARCON: only spellings
/// preferred in some standard, never archaic entries, so a rare variant
/// never joins two words. `build.rs` folds the list into this table, one
/// `variant<TAB>american` pair a line, sorted by variant.
static SPELLINGS: &str = include_str!(concat!(env!("OUT_DIR"), "/spellings.tsv"));

/// Where each line of [`SPELLINGS`] starts and where its tab is, from
/// `build.rs`. Searched in place, the table costs no process a map: a map
/// of its 15,904 pairs was a megabyte of heap in every run that checked a
/// quote. Each word of every passage is looked up, so a probe reads its
/// variant by offsets, never searching the line for its tab.
static SPELLING_STARTS: &[[u32; 2]] = &include!(concat!(env!("OUT_DIR"), "/spelling_starts.rs"));

/// The American spelling of a British, Canadian or Australian `word` (lower
/// case), if VARCON lists it.
fn american(word: &str) -> Option<&'static str> {
    let variant = |&[start, tab]: &[u32; 2]| SPELLINGS.as_bytes().get(start as usize..tab as usize).unwrap_or_default();
    let found = SPELLING_STARTS.binary_search_by(|pair| variant(pair).cmp(word.as_bytes())).ok()?;
    // The American word runs from past the tab to the end of the line.
    let rest = SPELLINGS.get(SPELLING_STARTS[found][1] as usize + 1..)?;
    Some(rest.split_once('\n').map_or(rest, |(american, _)| american))
}

/// The words that negate: a quote that adds or drops one says the opposite.
pub const NEGATIONS: [&str; 8] = ["not", "no", "never", "nothing", "none", "nobody", "neither", "nor"];

/// Whether a key is a number (digits, with a decimal point) or `%`.
pub fn is_number(key: &str) -> bool {
    key == "%" || (key.bytes().any(|b| b.is_ascii_digit()) && key.bytes().all(|b| b.is_ascii_digit() || b == b'.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str) -> Vec<String> {
        words(text).keys.into_iter().map(|k| k.text).collect()
    }

    #[test]
    fn keys_fold_case_and_punctuation() {
        assert_eq!(keys("\"Now, is the TIME.\""), ["now", "is", "the", "time"]);
        assert_eq!(keys("the U.S.-led coalition"), ["the", "us", "led", "coalition"]);
    }

    #[test]
    fn spellings_fold_into_american() {
        assert_eq!(keys("the colour of organisation"), keys("the color of organization"));
        assert_eq!(keys("hospitalisations"), keys("hospitalizations"));
        assert_ne!(keys("color"), keys("collar"));
        assert_eq!(words("colour").keys[0].form, Form::SPELLING);
    }

    #[test]
    fn every_listed_spelling_is_found_and_no_other_word() {
        let mut lines = 0;
        for line in SPELLINGS.lines() {
            let (variant, american_word) = line.split_once('\t').expect("a tab in every line");
            assert_eq!(american(variant), Some(american_word), "{variant}");
            lines += 1;
        }
        assert_eq!(lines, SPELLING_STARTS.len());
        assert!(lines > 10_000, "{lines} pairs");
        for word in ["", "color", "the", "zzzz", "colour\tcolor"] {
            assert_eq!(american(word), None, "{word:?}");
        }
    }

    #[test]
    fn numerals_and_per_cent_fold() {
        assert_eq!(keys("five officers"), ["5", "officers"]);
        assert_eq!(keys("twenty-five years"), ["25", "years"]);
        assert_eq!(keys("three hundred people"), ["300", "people"]);
        assert_eq!(keys("22 per cent"), ["22", "%"]);
        assert_eq!(keys("22 percent"), keys("22%"));
        assert_eq!(keys("11,000 deaths"), keys("11 000 deaths"));
        assert_eq!(keys("3.1 million"), ["3.1", "million"]);
        assert_eq!(keys("one two"), ["1", "2"]);
    }

    #[test]
    fn contractions_expand() {
        assert_eq!(keys("We're not there"), keys("we are not there"));
        assert_eq!(keys("don't stop"), ["do", "not", "stop"]);
        assert_eq!(keys("It's late"), keys("it is late"));
        assert_eq!(keys("let's go"), ["let", "us", "go"]);
        assert_eq!(keys("cannot"), keys("can't"));
        assert_eq!(keys("Iraq's ministry"), ["iraq's", "ministry"]);
    }

    #[test]
    fn every_key_names_its_words() {
        let w = words("We're at 22 per cent");
        let spans: Vec<_> = w.keys.iter().map(|k| k.words.clone()).collect();
        assert_eq!(spans, [0..1, 0..1, 1..2, 2..3, 3..5]);
        assert_eq!(w.keys[4].form, Form::PERCENT);
    }
}
