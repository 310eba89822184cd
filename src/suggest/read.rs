//! What the words of a sentence say, read word by word: numbers with their
//! unit, scale and hedge, periods and dates as a claim writes them, and the
//! words that mark a change, a record, a rank, a share, a ratio, a
//! comparison or an attribution. [`super::draft`] turns these readings into
//! draft claims; nothing here decides a claim's kind.
//!
//! Every reading keeps where it stands in the article (bytes), so a draft
//! can be placed, and paired with the claim its author writes from it.

use std::ops::Range;

use jiff::civil::Date;

use crate::date::{DateExpr, MONTH_NAMES};

/// One word, number or mark of a sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// Where it stands, in bytes of the article.
    pub range: Range<usize>,
    /// Its text as printed.
    pub text: String,
    /// Its text in lower case, with curly apostrophes made straight.
    pub lower: String,
}

impl Token {
    /// Whether it is a number written in digits (`2,500`, `4.70`).
    pub fn is_digits(&self) -> bool {
        self.text.starts_with(|c: char| c.is_ascii_digit())
    }

    /// Whether it is a word (letters first).
    pub fn is_word(&self) -> bool {
        self.text.starts_with(char::is_alphabetic)
    }

    /// Whether it starts with a capital letter.
    pub fn is_capitalised(&self) -> bool {
        self.text.starts_with(char::is_uppercase)
    }

    /// Whether its lower-case text is `word`.
    pub fn is(&self, word: &str) -> bool {
        self.lower == word
    }
}

/// The tokens of `text[range]`: words (with inner hyphens and apostrophes),
/// numbers (with thousands separators and a decimal point), and every other
/// non-space character alone.
pub fn tokens(text: &str, range: Range<usize>) -> Vec<Token> {
    let slice = &text[range.clone()];
    let chars: Vec<(usize, char)> = slice.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let push = |out: &mut Vec<Token>, start: usize, end: usize| {
        let t = &slice[start..end];
        out.push(Token {
            range: range.start + start..range.start + end,
            text: t.to_owned(),
            lower: t.to_lowercase().replace('’', "'"),
        });
    };
    while i < chars.len() {
        let (at, c) = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        if c.is_ascii_digit() {
            // Digits, a separator followed by three digits, a decimal point followed by a digit.
            while j < chars.len() {
                let d = chars[j].1;
                let digit_at = |k: usize| chars.get(k).is_some_and(|(_, c)| c.is_ascii_digit());
                if d.is_ascii_digit() {
                    j += 1;
                } else if d == ','
                    && (1..=3).all(|k| digit_at(j + k))
                    && !chars.get(j + 4).is_some_and(|(_, c)| c.is_ascii_digit())
                {
                    j += 4;
                } else if d == '.' && digit_at(j + 1) {
                    j += 1;
                } else {
                    break;
                }
            }
            // An ordinal or a unit glued to the number (`5th`, `131mm`) is a word of its own.
        } else if c.is_alphabetic() {
            while j < chars.len() {
                let d = chars[j].1;
                let inner = matches!(d, '-' | '\'' | '’') && chars.get(j + 1).is_some_and(|(_, c)| c.is_alphanumeric());
                if d.is_alphanumeric() || inner {
                    j += 1;
                } else {
                    break;
                }
            }
        }
        let end = chars.get(j).map_or(slice.len(), |(at, _)| *at);
        push(&mut out, at, end);
        i = j;
    }
    out
}

/// The value of a number word, for the words newsrooms spell out below a
/// hundred (`five`, `forty`, `twenty-five`).
pub fn number_word(word: &str) -> Option<f64> {
    use crate::text::words::unit_value;
    let value = match word.split_once('-') {
        Some((tens, unit)) => {
            let (tens, unit) = (unit_value(tens)?, unit_value(unit)?);
            (tens >= 20 && tens % 10 == 0 && (1..10).contains(&unit)).then_some(tens + unit)?
        }
        None => unit_value(word)?,
    };
    Some(value as f64)
}

/// A fraction written as words, in percent: `half` is 50.
pub fn fraction_word(words: &[&str]) -> Option<(f64, usize)> {
    let table: [(&[&str], f64); 11] = [
        (&["half"], 50.0),
        (&["a", "half"], 50.0),
        (&["a", "third"], 33.3),
        (&["one", "third"], 33.3),
        (&["two-thirds"], 66.7),
        (&["two", "thirds"], 66.7),
        (&["a", "quarter"], 25.0),
        (&["one", "quarter"], 25.0),
        (&["three-quarters"], 75.0),
        (&["three", "quarters"], 75.0),
        (&["a", "fifth"], 20.0),
    ];
    table
        .iter()
        .find(|(pattern, _)| words.len() >= pattern.len() && words[..pattern.len()] == **pattern)
        .map(|(pattern, value)| (*value, pattern.len()))
}

/// The scales a figure may be printed in.
pub const SCALES: [&str; 4] = ["thousand", "million", "billion", "trillion"];

/// A number as printed, with what goes with it.
#[derive(Clone, Debug, PartialEq)]
pub struct Figure {
    /// Where it stands (the number, its scale and unit), in bytes.
    pub range: Range<usize>,
    /// The token index of the number.
    pub at: usize,
    /// The token index past its last word (scale or unit).
    pub end: usize,
    /// The number as printed, without separators (`48310`, `4.70`).
    pub value: String,
    /// Its scale: `thousand`, `million`, …
    pub scale: Option<&'static str>,
    /// Its unit: `percent`, `percentage points`, a currency, or the noun
    /// that follows it (`trips`, `mm`).
    pub unit: Option<String>,
    /// The hedge before it: `about`, `nearly`, `more-than`, …
    pub qualifier: Option<&'static str>,
}

impl Figure {
    /// Whether it is a percentage or a number of percentage points.
    pub fn is_rate(&self) -> bool {
        matches!(self.unit.as_deref(), Some("percent" | "percentage points"))
    }
}

/// Words after which a number spelled out names a group, not a figure.
const GROUPING: [&str; 8] = ["the", "these", "those", "its", "their", "all", "his", "her"];

/// Words after which a number is not a figure but a date or a duration.
const TIME_UNITS: [&str; 12] =
    ["year", "years", "month", "months", "week", "weeks", "day", "days", "hour", "hours", "decade", "decades"];

/// Words that never name a figure's unit.
const NOT_UNITS: [&str; 62] = [
    "in",
    "on",
    "at",
    "to",
    "from",
    "by",
    "of",
    "for",
    "with",
    "around",
    "about",
    "the",
    "a",
    "an",
    "and",
    "or",
    "was",
    "were",
    "is",
    "are",
    "has",
    "have",
    "had",
    "compared",
    "year-over-year",
    "year-on-year",
    "more",
    "less",
    "than",
    "up",
    "down",
    "higher",
    "lower",
    "since",
    "after",
    "before",
    "over",
    "under",
    "this",
    "that",
    "last",
    "next",
    "per",
    "as",
    "times",
    "who",
    "which",
    "what",
    "it",
    "its",
    "their",
    "his",
    "her",
    "across",
    "between",
    "into",
    "rise",
    "fall",
    "increase",
    "decrease",
    "gain",
    "drop",
];

/// Hedges before a number, longest first, with the qualifier each means.
const HEDGES: [(&[&str], &str); 27] = [
    (&["just", "more", "than"], "more-than"),
    (&["just", "over"], "more-than"),
    (&["just", "under"], "fewer-than"),
    (&["more", "than"], "more-than"),
    (&["upwards", "of"], "more-than"),
    (&["fewer", "than"], "fewer-than"),
    (&["less", "than"], "fewer-than"),
    (&["at", "least"], "at-least"),
    (&["no", "fewer", "than"], "at-least"),
    (&["up", "to"], "up-to"),
    (&["as", "many", "as"], "up-to"),
    (&["close", "to"], "nearly"),
    (&["an", "estimated"], "about"),
    (&["about"], "about"),
    (&["around"], "about"),
    (&["roughly"], "about"),
    (&["approximately"], "about"),
    (&["some"], "about"),
    (&["almost"], "nearly"),
    (&["nearly"], "nearly"),
    (&["over"], "more-than"),
    (&["above"], "more-than"),
    (&["under"], "fewer-than"),
    (&["below"], "fewer-than"),
    (&["exactly"], "exact"),
    (&["precisely"], "exact"),
    (&["only"], "exact"),
];

/// The hedge ending just before token `at`, if any: the qualifier and the
/// index of its first word.
pub fn hedge_before(tokens: &[Token], at: usize) -> Option<(&'static str, usize)> {
    HEDGES.iter().find_map(|(words, qualifier)| {
        let start = at.checked_sub(words.len())?;
        let matches = tokens[start..at].iter().zip(words.iter()).all(|(t, w)| t.is(w));
        // "edged up to 4.5%": the verb's `up`, then `to`; not a hedge.
        let verb_up =
            words[0] == "up" && start.checked_sub(1).is_some_and(|p| UP_VERBS.contains(&tokens[p].lower.as_str()));
        (matches && *qualifier != "exact" && !verb_up).then_some((*qualifier, start))
    })
}

/// Verbs whose `up` goes with them, not with a following `to`.
const UP_VERBS: [&str; 10] =
    ["edged", "ticked", "went", "moved", "climbed", "shot", "crept", "picked", "rose", "jumped"];

/// Marks each period that stands after a figure introduced by `from` (`from
/// 4.2% in the third quarter`) as compared with (`after` is `from`).
pub fn mark_compared(tokens: &[Token], whens: &mut [When]) {
    for w in whens.iter_mut() {
        let mut k = w.at;
        let mut number = false;
        while k > 0 && w.at - k < 9 {
            k -= 1;
            let t = &tokens[k];
            if t.is("from") {
                if number {
                    w.after = Some("from".to_owned());
                }
                break;
            }
            if t.text == "," || t.text == ";" || (!t.is_word() && !t.is_digits() && t.text != "%") {
                break;
            }
            number |= t.is_digits();
        }
    }
}

/// The month a capitalised month name (or its possessive) means, from 1.
pub fn month_of(token: &Token) -> Option<i8> {
    if !token.is_capitalised() {
        return None;
    }
    let word = token.lower.strip_suffix("'s").unwrap_or(&token.lower);
    MONTH_NAMES.iter().position(|m| m.to_lowercase() == word).map(|i| i as i8 + 1)
}

/// Whether token `i` is a year: four digits from 1800 to 2099, no separator.
fn is_year(tokens: &[Token], i: usize) -> bool {
    let t = &tokens[i];
    t.text.len() == 4
        && t.text.bytes().all(|b| b.is_ascii_digit())
        && (t.text.starts_with("18") || t.text.starts_with("19") || t.text.starts_with("20"))
        && !tokens.get(i + 1).is_some_and(|n| n.text == "%" || n.is("percent") || n.is("per") || is_scale(n))
}

fn is_scale(token: &Token) -> bool {
    SCALES.contains(&token.lower.as_str())
}

/// Whether the number at `i` is the day of a month (`5 August`, `October 7`).
fn is_day(tokens: &[Token], i: usize) -> bool {
    let t = &tokens[i];
    let day = t.text.bytes().all(|b| b.is_ascii_digit()) && t.text.parse::<u8>().is_ok_and(|d| (1..=31).contains(&d));
    day && (tokens.get(i + 1).is_some_and(|n| month_of(n).is_some())
        || i.checked_sub(1).is_some_and(|p| month_of(&tokens[p]).is_some()))
}

/// Every figure among `tokens`, leaving out years, days of a month,
/// durations (`two years`), ordinals and numbers inside `quoted` ranges.
pub fn figures(tokens: &[Token], quoted: &[Range<usize>]) -> Vec<Figure> {
    let inside = |t: &Token| quoted.iter().any(|q| q.start <= t.range.start && t.range.end <= q.end);
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        if inside(t) {
            i += 1;
            continue;
        }
        let value = if t.is_digits() {
            if is_year(tokens, i) || is_day(tokens, i) || t.text.contains(|c: char| c.is_alphabetic()) {
                i += 1;
                continue;
            }
            Some(t.text.replace(',', ""))
        } else {
            number_word(&t.lower)
                .filter(|n| {
                    // "one" is rarely a figure ("one of", "one official"), unless a rate or a scale follows;
                    // a number spelled out after "the" or a possessive names a group ("the city’s three lines").
                    let next = tokens.get(i + 1);
                    let rate = next.is_some_and(|n| n.is("percent") || n.text == "%" || is_scale(n));
                    let group = i.checked_sub(1).is_some_and(|p| {
                        GROUPING.contains(&tokens[p].lower.as_str()) || tokens[p].lower.ends_with("'s")
                    });
                    rate || (*n != 1.0 && !group)
                })
                .map(crate::check::number)
        };
        let Some(value) = value else {
            i += 1;
            continue;
        };
        let mut end = i + 1;
        if tokens.get(end).is_some_and(|n| TIME_UNITS.contains(&n.lower.as_str())) {
            i += 1;
            continue;
        }
        let currency = i.checked_sub(1).and_then(|p| match tokens[p].text.as_str() {
            "$" => Some("dollars"),
            "€" => Some("euros"),
            "£" => Some("pounds"),
            _ => None,
        });
        let scale = tokens.get(end).filter(|n| is_scale(n)).map(|n| {
            end += 1;
            SCALES.iter().copied().find(|s| *s == n.lower).unwrap_or("thousand")
        });
        let unit = unit_at(tokens, &mut end).or_else(|| currency.map(str::to_owned));
        let first = if currency.is_some() { i - 1 } else { i };
        let hedge = hedge_before(tokens, first);
        let start = hedge.map_or(first, |(_, s)| s);
        out.push(Figure {
            range: tokens[start].range.start..tokens[end - 1].range.end,
            at: i,
            end,
            value,
            scale,
            unit,
            qualifier: hedge.map(|(q, _)| q),
        });
        i = end;
    }
    out
}

/// The unit starting at token `end`, moving `end` past it.
fn unit_at(tokens: &[Token], end: &mut usize) -> Option<String> {
    let t = tokens.get(*end)?;
    let next = tokens.get(*end + 1);
    if t.text == "%" || t.is("percent") || t.is("pct") {
        *end += 1;
        return Some("percent".to_owned());
    }
    if t.is("per") && next.is_some_and(|n| n.is("cent")) {
        *end += 2;
        return Some("percent".to_owned());
    }
    if t.is("percentage") && next.is_some_and(|n| n.is("points") || n.is("point")) {
        *end += 2;
        return Some("percentage points".to_owned());
    }
    if t.is("points") || t.is("pp") {
        *end += 1;
        return Some("percentage points".to_owned());
    }
    // The noun counted: the next lower-case word, past at most two names ("Five US personnel").
    let mut k = *end;
    while k < *end + 2 && tokens.get(k).is_some_and(|t| t.is_word() && t.is_capitalised() && month_of(t).is_none()) {
        k += 1;
    }
    let noun = tokens.get(k)?;
    let usable = noun.is_word()
        && !noun.is_capitalised()
        && !NOT_UNITS.contains(&noun.lower.as_str())
        && !TIME_UNITS.contains(&noun.lower.as_str())
        && !noun.lower.ends_with("ly");
    if usable {
        *end = k + 1;
        return Some(noun.lower.clone());
    }
    None
}

/// The words that mark a change's direction, with the direction each
/// gives; a two-word one first.
const DIRECTIONS: [(&[&str], &str); 44] = [
    (&["edged", "up"], "edged-up"),
    (&["edged", "higher"], "edged-up"),
    (&["ticked", "up"], "edged-up"),
    (&["ticked", "higher"], "edged-up"),
    (&["tick", "higher"], "edged-up"),
    (&["edged", "down"], "edged-down"),
    (&["edged", "lower"], "edged-down"),
    (&["ticked", "down"], "edged-down"),
    (&["ticked", "lower"], "edged-down"),
    (&["little", "changed"], "little-changed"),
    (&["unchanged"], "unchanged"),
    (&["rose"], "rose"),
    (&["rise"], "rose"),
    (&["rises"], "rose"),
    (&["risen"], "rose"),
    (&["up"], "rose"),
    (&["increased"], "rose"),
    (&["increase"], "rose"),
    (&["increases"], "rose"),
    (&["grew"], "rose"),
    (&["grown"], "rose"),
    (&["growth"], "rose"),
    (&["gained"], "rose"),
    (&["gain"], "rose"),
    (&["jumped"], "rose"),
    (&["jump"], "rose"),
    (&["climbed"], "rose"),
    (&["climb"], "rose"),
    (&["higher"], "rose"),
    (&["fell"], "fell"),
    (&["fall"], "fell"),
    (&["falls"], "fell"),
    (&["fallen"], "fell"),
    (&["down"], "fell"),
    (&["dropped"], "fell"),
    (&["drop"], "fell"),
    (&["declined"], "fell"),
    (&["decline"], "fell"),
    (&["decreased"], "fell"),
    (&["decrease"], "fell"),
    (&["slipped"], "fell"),
    (&["shrank"], "fell"),
    (&["lower"], "fell"),
    (&["slowed"], "fell"),
];

/// Words after which `higher` or `lower` still ends its phrase.
const PREDICATE_ENDS: [&str; 11] = ["in", "on", "for", "after", "since", "from", "to", "at", "and", "but", "while"];

/// Verbs whose `up` or `down` is part of another meaning.
const PARTICLE_VERBS: [&str; 24] = [
    "set", "sets", "shut", "shuts", "broke", "break", "back", "backed", "step", "stepped", "turn", "turned", "sign",
    "signed", "make", "made", "pick", "picked", "show", "showed", "end", "ended", "wound", "calm",
];

/// A word marking a change's direction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DirectionWord {
    /// Its first token.
    pub at: usize,
    /// Past its last token.
    pub end: usize,
    /// `rose`, `fell`, `edged-up`, `edged-down`, `little-changed`, `unchanged`.
    pub direction: &'static str,
}

/// Every direction word among `tokens`. `higher` and `lower` count only
/// where they end a phrase (`moved higher in May`), not before a noun
/// (`higher rates`) or `than`; `up` and `down` not in `up to`, `set up`
/// and the like.
pub fn directions(tokens: &[Token]) -> Vec<DirectionWord> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let found = DIRECTIONS.iter().find(|(words, _)| {
            i + words.len() <= tokens.len() && tokens[i..i + words.len()].iter().zip(words.iter()).all(|(t, w)| t.is(w))
        });
        let Some((words, direction)) = found else {
            i += 1;
            continue;
        };
        let next = tokens.get(i + words.len());
        let previous = i.checked_sub(1).map(|p| tokens[p].lower.as_str());
        let skip = words.len() == 1
            && match words[0] {
                // An adjective before its noun ("higher interest rates") is not a change; "higher than" compares.
                "higher" | "lower" => next.is_some_and(|n| n.is_word() && !PREDICATE_ENDS.contains(&n.lower.as_str())),
                // "up to" hedges a number; "set up", "shut down" are other verbs.
                "up" | "down" => {
                    (words[0] == "up" && next.is_some_and(|n| n.is("to")))
                        || previous.is_some_and(|p| PARTICLE_VERBS.contains(&p))
                }
                _ => false,
            };
        if !skip {
            out.push(DirectionWord { at: i, end: i + words.len(), direction });
        }
        i += words.len();
    }
    out
}

/// What a date written without its year is read against: the article.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Anchor {
    /// The day the article was published (its last possible day).
    pub published: Date,
}

/// A period or date, as a claim writes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct When {
    /// Its first token.
    pub at: usize,
    /// Past its last token.
    pub end: usize,
    /// How a claim writes it: `April`, `June last year`, `2022-06`,
    /// `this Tuesday`, `2024-08-05`, `early 2024-09`, `2023-Q4`.
    pub text: String,
    /// The word that introduces it, lower-cased: `since`, `from`, `in`, …
    pub after: Option<String>,
    /// Whether it names a day (a date more than a period).
    pub day: bool,
}

impl When {
    /// Whether it is an offset from another date (`two years later`, `a
    /// year earlier`): a date, never a period of a figure.
    pub fn is_offset(&self) -> bool {
        self.text.ends_with(" later")
            || self.text.ends_with(" earlier")
            || self.text.ends_with(" ago")
            || self.text.ends_with(" after")
            || self.text.ends_with(" before")
    }
}

/// The days of the week, as the words of a sentence are lower-cased.
pub const WEEKDAYS: [&str; 7] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
const ORDINAL_QUARTERS: [&str; 4] = ["first", "second", "third", "fourth"];
const RELATIVE_PERIODS: [&str; 3] = ["year", "month", "quarter"];

/// Words that make a sentence speak of what is to come, so a month or a
/// day without a year is the next one, not the last.
pub const FUTURE: [&str; 15] = [
    "will",
    "would",
    "should",
    "shall",
    "expected",
    "expects",
    "plans",
    "planned",
    "wants",
    "intends",
    "scheduled",
    "due",
    "forecast",
    "next",
    "upcoming",
];

/// Every period or date among `tokens`, as a claim writes it: months as
/// printed (`April`, `June last year`) or with their year (`June 2022` is
/// `2022-06`), quarters and days made absolute from `anchor` (the latest one
/// begun by the article's date, or the next one if `future`), weekdays as
/// `this Tuesday`, relative words as printed (`last year`, `two years
/// later`, `the three months to March`). Each is one the loader reads.
pub fn whens(tokens: &[Token], anchor: Anchor, future: bool) -> Vec<When> {
    let mut out = Vec::new();
    let mut i = 0;
    let word = |k: usize| tokens.get(k).map_or("", |t| t.lower.as_str());
    while i < tokens.len() {
        let start = i;
        let mut found: Option<(usize, String, bool)> = None;
        let w = word(i);
        if let Some(month) = month_of(&tokens[i]) {
            found = Some(month_reading(tokens, i, month, anchor, future));
        } else if matches!(w, "early" | "mid" | "late") && tokens.get(i + 1).and_then(month_of).is_some() {
            let month = tokens.get(i + 1).and_then(month_of).unwrap_or(1);
            let (end, text, _) = month_reading(tokens, i + 1, month, anchor, future);
            let absolute = absolute_month(&text, month, anchor, future);
            found = Some((end, format!("{w} {absolute}"), true));
        } else if WEEKDAYS.contains(&w) {
            let choice = match word(i.wrapping_sub(1)) {
                "last" => "last",
                "next" => "next",
                _ => "this",
            };
            found = Some((i + 1, format!("{choice} {}", tokens[i].text), true));
        } else if matches!(w, "yesterday" | "today" | "tomorrow") {
            found = Some((i + 1, w.to_owned(), true));
        } else if matches!(w, "last" | "this" | "next") && RELATIVE_PERIODS.contains(&word(i + 1)) {
            found = Some((i + 2, format!("{w} {}", word(i + 1)), false));
        } else if w == "the" && ORDINAL_QUARTERS.contains(&word(i + 1)) && word(i + 2) == "quarter" {
            let n = ORDINAL_QUARTERS.iter().position(|q| *q == word(i + 1)).unwrap_or(0) as i16 + 1;
            let (year, end) = match (word(i + 3), word(i + 4), word(i + 5)) {
                ("of", "last", "year") => (Some(anchor.published.year() - 1), i + 6),
                ("of", "this", "year") => (Some(anchor.published.year()), i + 6),
                ("of", y, _) if y.len() == 4 && y.parse::<i16>().is_ok() => (y.parse().ok(), i + 5),
                _ => (None, i + 3),
            };
            let year = year.unwrap_or_else(|| {
                let now = anchor.published.year();
                let begun = i16::from((anchor.published.month() - 1) / 3 + 1) >= n;
                match (begun, future) {
                    (true, false) | (false, true) => now,
                    (false, false) => now - 1,
                    (true, true) => now + 1,
                }
            });
            found = Some((end, format!("{year}-Q{n}"), false));
        } else if w == "the" && matches!(word(i + 1), "year" | "month" | "quarter") && word(i + 2) == "before" {
            found = Some((i + 3, "the period before".to_owned(), false));
        } else if w == "the"
            && (number_word(word(i + 1)).is_some() || word(i + 1).parse::<u8>().is_ok())
            && word(i + 2) == "months"
            && word(i + 3) == "to"
            && tokens.get(i + 4).and_then(month_of).is_some()
        {
            found =
                Some((i + 5, tokens[i..i + 5].iter().map(|t| t.text.as_str()).collect::<Vec<_>>().join(" "), false));
        } else if w == "the"
            && word(i + 1) == "year"
            && word(i + 2) == "to"
            && tokens.get(i + 3).and_then(month_of).is_some()
        {
            found = Some((i + 4, format!("the year to {}", tokens[i + 3].text), false));
        } else if (number_word(w).is_some_and(|n| n >= 1.0) || w == "a" || w.parse::<u16>().is_ok())
            && TIME_UNITS.contains(&word(i + 1))
            && matches!(word(i + 2), "later" | "earlier" | "after" | "before" | "ago")
        {
            found =
                Some((i + 3, tokens[i..i + 3].iter().map(|t| t.lower.as_str()).collect::<Vec<_>>().join(" "), false));
        } else if is_year(tokens, i) && tokens.get(i.wrapping_sub(1)).is_none_or(|p| month_of(p).is_none()) {
            found = Some((i + 1, tokens[i].text.clone(), false));
        }
        match found {
            Some((end, text, day))
                if end > start && text.parse::<DateExpr>().is_ok() || text == "the period before" =>
            {
                let end = end.max(start + 1);
                let after = start.checked_sub(1).map(|p| tokens[p].lower.clone());
                let after = match (after.as_deref(), start.checked_sub(2).map(|p| tokens[p].lower.as_str())) {
                    (Some("the" | "in" | "of" | "on"), Some(before @ ("since" | "from" | "than" | "to" | "with"))) => {
                        Some(before.to_owned())
                    }
                    _ => after,
                };
                out.push(When { at: start, end, text, after, day });
                i = end;
            }
            _ => i += 1,
        }
    }
    out
}

/// A month name at token `i` and what follows it: `June 2022`, `June last
/// year`, `June 5`, `5 June`, or `June` alone. Returns the end, the text and
/// whether it names a day.
fn month_reading(tokens: &[Token], i: usize, month: i8, anchor: Anchor, future: bool) -> (usize, String, bool) {
    let word = |k: usize| tokens.get(k).map_or("", |t| t.lower.as_str());
    let name = MONTH_NAMES[(month - 1) as usize];
    let day_before = i
        .checked_sub(1)
        .and_then(|p| tokens[p].text.parse::<i8>().ok())
        .filter(|d| (1..=31).contains(d) && tokens[i - 1].text.bytes().all(|b| b.is_ascii_digit()));
    let day_after = tokens.get(i + 1).and_then(|t| t.text.parse::<i8>().ok()).filter(|d| (1..=31).contains(d));
    let (day, mut end) = match (day_before, day_after) {
        (Some(d), _) => (Some(d), i + 1),
        (None, Some(d)) => (Some(d), i + 2),
        (None, None) => (None, i + 1),
    };
    let year_at = if tokens.get(end).is_some_and(|t| t.text == ",") { end + 1 } else { end };
    let year = tokens
        .get(year_at)
        .filter(|t| t.text.len() == 4)
        .and_then(|t| t.text.parse::<i16>().ok())
        .filter(|y| (1800..2100).contains(y));
    if year.is_some() {
        end = year_at + 1;
    }
    match (day, year) {
        (Some(day), year) => {
            let year = year.unwrap_or_else(|| nearest_year(anchor, month, day, future));
            (end, format!("{year:04}-{month:02}-{day:02}"), true)
        }
        (None, Some(year)) => (end, format!("{year:04}-{month:02}"), false),
        (None, None) => {
            if matches!(word(end), "last" | "this" | "next") && word(end + 1) == "year" {
                (end + 2, format!("{name} {} year", word(end)), false)
            } else if future {
                (end, absolute_month(name, month, anchor, true), false)
            } else {
                (end, name.to_owned(), false)
            }
        }
    }
}

/// `YYYY-MM` for a month written without its year: the latest begun by the
/// article's date, or the next one from it if `future`.
fn absolute_month(text: &str, month: i8, anchor: Anchor, future: bool) -> String {
    if text.contains('-') && text.starts_with(|c: char| c.is_ascii_digit()) {
        return text.to_owned();
    }
    let now = anchor.published;
    let year = match (future, month >= now.month()) {
        (false, true) if month > now.month() => now.year() - 1,
        (true, false) => now.year() + 1,
        _ => now.year(),
    };
    format!("{year:04}-{month:02}")
}

/// The year of the day `month`-`day` nearest the article: the latest on or
/// before its date, or the next one on or after it if `future`.
fn nearest_year(anchor: Anchor, month: i8, day: i8, future: bool) -> i16 {
    let now = anchor.published;
    let this_year = Date::new(now.year(), month, day).ok();
    match (this_year, future) {
        (Some(d), false) if d > now => now.year() - 1,
        (Some(d), true) if d < now => now.year() + 1,
        _ => now.year(),
    }
}

/// The verbs that attribute what follows or precedes them to someone.
pub const ATTRIBUTION_VERBS: [&str; 44] = [
    "said",
    "says",
    "told",
    "tells",
    "announced",
    "announces",
    "stated",
    "reported",
    "reports",
    "claimed",
    "claims",
    "confirmed",
    "denied",
    "warned",
    "cautioned",
    "urged",
    "forecast",
    "predicted",
    "estimated",
    "insisted",
    "argued",
    "suggested",
    "noted",
    "added",
    "wrote",
    "explained",
    "accused",
    "blamed",
    "praised",
    "criticised",
    "criticized",
    "condemned",
    "denounced",
    "described",
    "compared",
    "vowed",
    "pledged",
    "promised",
    "threatened",
    "demanded",
    "rejected",
    "called",
    "attributing",
    "attributed",
];

/// Prepositions an attribution verb takes into its predicate:
/// `cautioned against`, `warned of`.
pub const VERB_PARTICLES: [&str; 5] = ["against", "of", "about", "for", "to"];

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<Token> {
        tokens(text, 0..text.len())
    }

    type Read = (String, Option<&'static str>, Option<String>, Option<&'static str>);

    fn figs(text: &str) -> Vec<Read> {
        figures(&toks(text), &[]).into_iter().map(|f| (f.value, f.scale, f.unit, f.qualifier)).collect()
    }

    fn anchor(date: &str) -> Anchor {
        Anchor { published: date.parse().unwrap() }
    }

    fn when(text: &str, published: &str) -> Vec<String> {
        whens(&toks(text), anchor(published), false).into_iter().map(|w| w.text).collect()
    }

    #[test]
    fn numbers_keep_their_separators_together() {
        let t: Vec<String> = toks("rose 6.3% to 48,310, or 12.35 million; Russia’s year-over-year")
            .into_iter()
            .map(|t| t.text)
            .collect();
        assert_eq!(
            t,
            ["rose", "6.3", "%", "to", "48,310", ",", "or", "12.35", "million", ";", "Russia’s", "year-over-year"]
        );
    }

    #[test]
    fn figures_come_with_unit_scale_and_hedge() {
        let some = |v: &str| v.to_owned();
        assert_eq!(figs("12.35 million people"), [(some("12.35"), Some("million"), Some(some("people")), None)]);
        assert_eq!(figs("fell to 48,310 this year"), [(some("48310"), None, None, None)]);
        assert_eq!(figs("up 4.4 percent"), [(some("4.4"), None, Some(some("percent")), None)]);
        assert_eq!(figs("forty per cent of it"), [(some("40"), None, Some(some("percent")), None)]);
        assert_eq!(figs("rose 1.5 percentage points"), [(some("1.5"), None, Some(some("percentage points")), None)]);
        assert_eq!(figs("just more than 11,000 around the world"), [(some("11000"), None, None, Some("more-than"))]);
        assert_eq!(figs("about 2,500 troops"), [(some("2500"), None, Some(some("troops")), Some("about"))]);
        assert_eq!(figs("Five US personnel"), [(some("5"), None, Some(some("personnel")), None)]);
        assert_eq!(figs("$1.2 billion in grants"), [(some("1.2"), Some("billion"), Some(some("dollars")), None)]);
        assert_eq!(figs("131 mm of rain"), [(some("131"), None, Some(some("mm")), None)]);
    }

    #[test]
    fn years_days_and_durations_are_not_figures() {
        assert!(figs("in 2019, on 5 August and October 7, two years later").is_empty());
        assert!(figs("one of the allies").is_empty());
        assert_eq!(figs("in 2023 it rose 4%").len(), 1);
    }

    #[test]
    fn periods_are_written_as_claims_write_them() {
        assert_eq!(when("in April, from March", "2023-05-16"), ["April", "March"]);
        assert_eq!(when("peaked in June last year at 8.1% in June 2022", "2023-05-16"), ["June last year", "2022-06"]);
        assert_eq!(when("in the fourth quarter of last year", "2024-03-15"), ["2023-Q4"]);
        assert_eq!(when("In the third quarter", "2024-03-15"), ["2023-Q3"]);
        assert_eq!(
            when("said Tuesday, on 5 August, since October 7", "2024-08-16"),
            ["this Tuesday", "2024-08-05", "2023-10-07"]
        );
        assert_eq!(
            when("last year, the three months to March, two years later", "2023-05-16"),
            ["last year", "the three months to March", "two years later"]
        );
        assert_eq!(when("in March 2018 and in 2014", "2024-08-16"), ["2018-03", "2014"]);
        let future = whens(&toks("announced in early September"), anchor("2024-08-16"), true);
        assert_eq!(future[0].text, "early 2024-09");
        assert_eq!(whens(&toks("in September"), anchor("2024-08-16"), true)[0].text, "2024-09");
    }

    #[test]
    fn directions_are_read_with_their_phrases() {
        let d = |text: &str| directions(&toks(text)).into_iter().map(|d| d.direction).collect::<Vec<_>>();
        assert_eq!(d("edged up to 4.5%, from 4.2%"), ["edged-up"]);
        assert_eq!(d("was little changed while employment fell"), ["little-changed", "fell"]);
        assert_eq!(d("higher than in March"), Vec::<&str>::new());
        assert_eq!(d("the first tick higher"), ["edged-up"]);
    }
}
