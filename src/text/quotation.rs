//! Quotations as newsrooms print them: which words of a text stand inside
//! quotation marks, and who is named next to them.
//!
//! Marks may be curly (`“…”`, `‘…’`), straight (`"…"`, `'…'`), doubled
//! singles (`‘‘…’’`, `''…''`, ``` ``…'' ```) or guillemets; a straight mark
//! opens at the start of a word and closes at its end. A quotation that
//! runs over several paragraphs has no closing mark at the end of a
//! paragraph that continues, and a new opening mark at the start of the
//! next (AP style); it is one quotation. A quotation interrupted by its
//! attribution (`“We are close,” he said, “but not there.”`) is two, the
//! second resuming the first. Single quotation marks inside a double
//! quotation are part of it; an apostrophe is never a mark.
//!
//! [`quotations`] is the one reading of quotation marks that `suggest`,
//! `add claim`, validation and the checker share; [`unbalanced`] says where
//! marks fail to pair up.

use std::ops::Range;

/// One quotation of a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quotation {
    /// From its first opening mark to its last closing mark (or the end of
    /// its last paragraph when it never closes), in bytes of the text.
    pub range: Range<usize>,
    /// The quoted words of each paragraph it runs over, marks excluded.
    pub pieces: Vec<Range<usize>>,
    /// The quoted words, the pieces joined by a space.
    pub words: String,
    /// How many paragraphs it runs over: more than 1 when it continues.
    pub paragraphs: usize,
    /// Whether a closing mark ends it.
    pub closed: bool,
    /// Whether its marks are single (`‘…’`), as in headlines.
    pub single: bool,
    /// The speaker named next to it (`Tedros said`, `he said`, `said the
    /// minister`), or inherited from the quotation it resumes.
    pub speaker: Option<Named>,
    /// The index of the quotation this one resumes after an attribution
    /// interrupted it (`“…,” he said, “…”` or `“…,” he said. “…”`).
    pub resumes: Option<usize>,
}

/// A name as written in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Named {
    /// The words naming the speaker (`he`, `Tedros`, `the ministry`).
    pub name: String,
    /// Where they stand, in bytes of the text.
    pub range: Range<usize>,
}

/// A quotation mark that does not pair up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stray {
    /// Where the mark is, in bytes of the text.
    pub at: usize,
    /// What is wrong with it.
    pub problem: &'static str,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Direction {
    Open,
    Close,
}

fn is_opening_context(c: Option<char>) -> bool {
    c.is_none_or(|c| c.is_whitespace() || "([{—–-/".contains(c) || "“‘\"'«„`".contains(c))
}

fn is_closing_context(c: Option<char>) -> bool {
    c.is_none_or(|c| c.is_whitespace() || ".,;:!?)]}—–-…".contains(c) || "”’\"'»".contains(c))
}

/// The marks of one paragraph: where, how long, whether double, and the
/// direction its context gives (none for an apostrophe or a stray mark).
fn marks(text: &str, range: Range<usize>) -> Vec<(usize, usize, bool, Option<Direction>)> {
    let line = &text[range.clone()];
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        let next = chars.get(i + 1).map(|(_, c)| *c);
        let prev = i.checked_sub(1).map(|j| chars[j].1);
        let doubled = |a: char| next == Some(a);
        let (len, double, fixed): (usize, bool, Option<Direction>) = match c {
            '“' | '„' | '«' => (c.len_utf8(), true, Some(Direction::Open)),
            '”' | '»' => (c.len_utf8(), true, Some(Direction::Close)),
            '‘' if doubled('‘') => (2 * c.len_utf8(), true, Some(Direction::Open)),
            '’' if doubled('’') => (2 * c.len_utf8(), true, Some(Direction::Close)),
            '`' if doubled('`') => (2, true, Some(Direction::Open)),
            '\'' if doubled('\'') => (2, true, None),
            '‘' => (c.len_utf8(), false, Some(Direction::Open)),
            '"' => (1, true, None),
            '’' | '\'' => (c.len_utf8(), false, None),
            _ => {
                i += 1;
                continue;
            }
        };
        let after = line[at + len..].chars().next();
        let direction = fixed.or_else(|| {
            let (open, close) = (is_opening_context(prev), is_closing_context(after));
            match (open, close) {
                (true, false) => Some(Direction::Open),
                (false, true) => Some(Direction::Close),
                // A mark between two words is an apostrophe (or a typo); one between spaces is stray.
                _ => None,
            }
        });
        out.push((range.start + at, len, double, direction));
        i += if len > c.len_utf8() { 2 } else { 1 };
    }
    out
}

/// A quotation being read.
struct Open {
    start: usize,
    piece_start: usize,
    pieces: Vec<Range<usize>>,
    paragraphs: usize,
    single: bool,
    first_paragraph: usize,
}

/// The paragraphs of `text`: its lines, as byte ranges.
fn paragraphs(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (at, _) in text.match_indices('\n') {
        out.push(start..at);
        start = at + 1;
    }
    out.push(start..text.len());
    out
}

/// Every quotation of `text`, in order, and every mark that does not pair up.
fn read(text: &str) -> (Vec<Quotation>, Vec<usize>, Vec<Stray>) {
    let lines = paragraphs(text);
    let mut found: Vec<(Quotation, usize, usize)> = Vec::new();
    let mut strays = Vec::new();
    let mut open: Option<Open> = None;
    // Inside a quotation, how many single quotations are open.
    let mut nested = 0usize;
    for (p, line) in lines.iter().enumerate() {
        if text[line.clone()].trim().is_empty() {
            continue;
        }
        let mut skip_continuation = false;
        if let Some(o) = &mut open {
            // A continuing quotation reopens at the paragraph's first mark.
            let first =
                text[line.clone()].char_indices().find(|(_, c)| !c.is_whitespace()).map(|(i, _)| line.start + i);
            let marks_here = marks(text, line.clone());
            match (first, marks_here.first()) {
                (Some(f), Some(&(at, len, double, dir)))
                    if at == f && double != o.single && dir != Some(Direction::Close) =>
                {
                    o.piece_start = at + len;
                    o.paragraphs += 1;
                    skip_continuation = true;
                }
                _ => {
                    let o = open.take().map(|o| finish_unclosed(text, o, &lines, p, &mut strays));
                    found.extend(o);
                }
            }
        }
        nested = if open.is_some() { nested } else { 0 };
        for (n, (at, len, double, direction)) in marks(text, line.clone()).into_iter().enumerate() {
            if skip_continuation && n == 0 {
                continue;
            }
            let Some(direction) = direction else { continue };
            match (&mut open, direction) {
                (None, Direction::Open) => {
                    open = Some(Open {
                        start: at,
                        piece_start: at + len,
                        pieces: Vec::new(),
                        paragraphs: 1,
                        single: !double,
                        first_paragraph: p,
                    });
                    nested = 0;
                }
                (None, Direction::Close) => {
                    if double {
                        strays.push(Stray { at, problem: "a closing quotation mark with no opening one" });
                    }
                }
                (Some(o), Direction::Open) => {
                    if !double && !o.single {
                        nested += 1;
                    }
                }
                (Some(o), Direction::Close) => {
                    if !double && !o.single {
                        // A single mark inside a double quotation closes a nested one, or is an apostrophe.
                        nested = nested.saturating_sub(1);
                        continue;
                    }
                    if double != o.single {
                        let mut o = open.take().unwrap_or_else(unreachable_open);
                        o.pieces.push(trimmed(text, o.piece_start..at));
                        found.push((build(text, &o, at + len, true), o.first_paragraph, p));
                        nested = 0;
                    }
                }
            }
        }
        if let Some(o) = &mut open {
            // Continues only if the next paragraph reopens; decided there.
            let end = line.end;
            if end > o.piece_start {
                o.pieces.push(trimmed(text, o.piece_start..end));
            }
            o.piece_start = end;
        }
    }
    if let Some(o) = open.take() {
        found.push(finish_unclosed(text, o, &lines, lines.len(), &mut strays));
    }
    found.retain(|(q, ..)| !q.words.trim().is_empty());
    let last_paragraphs: Vec<usize> = found.iter().map(|(_, _, last)| *last).collect();
    let firsts: Vec<usize> = found.iter().map(|(_, first, _)| *first).collect();
    let mut quotations: Vec<Quotation> = found.into_iter().map(|(q, ..)| q).collect();
    attribute(text, &lines, &mut quotations, &firsts, &last_paragraphs);
    strays.sort_by_key(|s| s.at);
    (quotations, firsts, strays)
}

fn unreachable_open() -> Open {
    Open { start: 0, piece_start: 0, pieces: Vec::new(), paragraphs: 0, single: false, first_paragraph: 0 }
}

/// A quotation whose last paragraph ended with it open and whose next did
/// not reopen it: it ends with its paragraph (a single quotation, such as
/// an apostrophe read as a mark, is dropped).
fn finish_unclosed(
    text: &str,
    mut o: Open,
    lines: &[Range<usize>],
    next: usize,
    strays: &mut Vec<Stray>,
) -> (Quotation, usize, usize) {
    let last = (0..next).rev().find(|&p| !text[lines[p].clone()].trim().is_empty()).unwrap_or(0);
    if o.piece_start < lines[last].end {
        o.pieces.push(trimmed(text, o.piece_start..lines[last].end));
    }
    if !o.single {
        strays.push(Stray { at: o.start, problem: "a quotation mark that never closes" });
    } else {
        o.pieces.clear();
    }
    let end = o.pieces.last().map_or(o.start, |r| r.end);
    (build(text, &o, end, false), o.first_paragraph, last)
}

fn trimmed(text: &str, range: Range<usize>) -> Range<usize> {
    let slice = &text[range.clone()];
    let start = range.start + (slice.len() - slice.trim_start().len());
    let end = range.end - (slice.len() - slice.trim_end().len());
    start..end.max(start)
}

fn build(text: &str, o: &Open, end: usize, closed: bool) -> Quotation {
    let pieces: Vec<Range<usize>> = o.pieces.iter().filter(|r| !r.is_empty()).cloned().collect();
    let words = pieces.iter().map(|r| &text[r.clone()]).collect::<Vec<_>>().join(" ");
    Quotation {
        range: o.start..end,
        pieces,
        words,
        paragraphs: o.paragraphs,
        closed,
        single: o.single,
        speaker: None,
        resumes: None,
    }
}

/// Verbs that attribute words to a speaker.
const VERBS: [&str; 24] = [
    "said",
    "says",
    "say",
    "told",
    "tells",
    "added",
    "adds",
    "asked",
    "asks",
    "stated",
    "states",
    "wrote",
    "writes",
    "explained",
    "noted",
    "warned",
    "declared",
    "insisted",
    "argued",
    "continued",
    "replied",
    "recalled",
    "announced",
    "according",
];

/// Words that open a phrase before a speaker's name, not the name.
const OPENERS: [&str; 12] =
    ["in", "at", "on", "during", "after", "before", "with", "for", "from", "speaking", "asked", "when"];

/// The words of `clause` (a byte range of `text`), each with its range.
fn clause_words(text: &str, clause: Range<usize>) -> Vec<(Range<usize>, &str)> {
    let mut out = Vec::new();
    let slice = &text[clause.clone()];
    let mut start = None;
    for (i, c) in slice.char_indices().chain([(slice.len(), ' ')]) {
        let part = c.is_alphanumeric() || c == '\'' || c == '’' || c == '-' || c == '.';
        match (start, part) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                let word = slice[s..i].trim_end_matches('.');
                out.push((clause.start + s..clause.start + s + word.len(), word));
                start = None;
            }
            _ => {}
        }
        if c == ',' || c == ':' {
            out.push((clause.start + i..clause.start + i + 1, if c == ',' { "," } else { ":" }));
        }
    }
    out
}

/// The speaker an attribution clause names: the words before its verb (up
/// to a comma), or after it (`said the minister`, `according to X`).
fn named_in(text: &str, clause: Range<usize>) -> Option<Named> {
    let words = clause_words(text, clause);
    let verb = words.iter().position(|(_, w)| VERBS.contains(&w.to_lowercase().as_str()))?;
    if verb > 12 {
        return None;
    }
    let is_name_word = |w: &str| w != "," && w != ":";
    let (from, to) = if verb == 0 || words[..verb].iter().all(|(_, w)| !is_name_word(w)) {
        let mut after = verb + 1;
        if words[verb].1.eq_ignore_ascii_case("according") && words.get(after).is_some_and(|(_, w)| *w == "to") {
            after += 1;
        }
        let end = words[after..].iter().position(|(_, w)| !is_name_word(w)).map_or(words.len(), |i| after + i);
        (after, end)
    } else {
        // The first run of words between commas that does not open with a
        // preposition: "Dr Ana Ruiz, the chief engineer, said", but "In an
        // interview, Tanaka said".
        let runs: Vec<(usize, usize)> = {
            let mut runs = Vec::new();
            let mut at = 0;
            while at < verb {
                let Some(start) = words[at..verb].iter().position(|(_, w)| is_name_word(w)).map(|i| at + i) else {
                    break;
                };
                let end = words[start..verb].iter().position(|(_, w)| !is_name_word(w)).map_or(verb, |i| start + i);
                runs.push((start, end));
                at = end;
            }
            runs
        };
        let opens_with_preposition =
            |(start, _): &(usize, usize)| OPENERS.contains(&words[*start].1.to_lowercase().as_str());
        *runs.iter().find(|r| !opens_with_preposition(r)).or(runs.first())?
    };
    if from >= to || to - from > 8 {
        return None;
    }
    let range = words[from].0.start..words[to - 1].0.end;
    Some(Named { name: text[range.clone()].to_owned(), range })
}

/// Whether `c` ends a sentence.
fn sentence_end(text: &str, at: usize) -> bool {
    matches!(text[at..].chars().next(), Some('.' | '!' | '?'))
        && text[at + 1..].chars().next().is_none_or(char::is_whitespace)
}

/// Gives each quotation the speaker named next to it, or the one of the
/// quotation it resumes.
fn attribute(text: &str, lines: &[Range<usize>], quotations: &mut [Quotation], firsts: &[usize], lasts: &[usize]) {
    for i in 0..quotations.len() {
        let q = &quotations[i];
        let last_line = &lines[lasts[i]];
        let first_line = &lines[firsts[i]];
        // After: to the next quotation in the paragraph or the sentence's end.
        let next_start =
            quotations.get(i + 1).filter(|_| firsts[i + 1] == lasts[i]).map_or(last_line.end, |n| n.range.start);
        let after_end = (q.range.end..next_start)
            .find(|&at| text.is_char_boundary(at) && sentence_end(text, at))
            .unwrap_or(next_start);
        let after = q.range.end.min(after_end)..after_end;
        // Before: from the sentence's start or the previous quotation's end.
        let prev_end = if i > 0 && lasts[i - 1] == firsts[i] { quotations[i - 1].range.end } else { first_line.start };
        let before_start = (prev_end..q.range.start)
            .rev()
            .find(|&at| text.is_char_boundary(at) && sentence_end(text, at))
            .map_or(prev_end, |at| at + 1);
        let before = before_start..q.range.start.max(before_start);
        // A quotation that ends its sentence is attributed before it; one
        // that ends with a comma (or `?`, `!`) is attributed after it.
        let ends_sentence = q.words.trim_end().ends_with('.');
        let own = if ends_sentence {
            named_in(text, before).or_else(|| named_in(text, after.clone()))
        } else {
            named_in(text, after.clone()).or_else(|| named_in(text, before))
        };
        let between_is_attribution = i > 0 && lasts[i - 1] == firsts[i] && {
            let between = quotations[i - 1].range.end..q.range.start;
            let words = clause_words(text, between.clone()).iter().filter(|(_, w)| *w != "," && *w != ":").count();
            words <= 15 && named_in(text, between).is_some()
        };
        let resumes = between_is_attribution.then(|| i - 1);
        let speaker =
            own.or_else(|| (i > 0 && lasts[i - 1] == firsts[i]).then(|| quotations[i - 1].speaker.clone()).flatten());
        quotations[i].speaker = speaker;
        quotations[i].resumes = resumes;
    }
}

/// Every quotation of `text`, in order: its range, its words, the
/// paragraphs it runs over and the speaker named next to it.
pub fn quotations(text: &str) -> Vec<Quotation> {
    read(text).0
}

/// The first quotation mark of `text` that does not pair up: a closing
/// mark with nothing open, or an opening mark never closed (and not
/// continued by the next paragraph). Apostrophes never count.
pub fn unbalanced(text: &str) -> Option<Stray> {
    read(text).2.into_iter().next()
}

/// [`unbalanced`] for an excerpt: one whose stored copy is cut short may
/// end inside a quotation that its source goes on with.
pub fn unbalanced_excerpt(text: &str, cut_short: bool) -> Option<Stray> {
    let (quotations, _, strays) = read(text);
    let end = text.trim_end().len();
    let cut_inside =
        |s: &Stray| cut_short && quotations.iter().any(|q| q.range.start == s.at && !q.closed && q.range.end >= end);
    strays.into_iter().find(|s| !cut_inside(s))
}

/// The byte ranges of `text` that stand inside quotation marks.
pub fn quoted_ranges(text: &str) -> Vec<Range<usize>> {
    quotations(text).into_iter().flat_map(|q| q.pieces).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        quotations(text).into_iter().map(|q| q.words).collect()
    }

    #[test]
    fn curly_and_straight_marks_pair_up() {
        assert_eq!(words("He said “we were close” and \"no\"."), ["we were close", "no"]);
        assert_eq!(words("Iraq’s ministry said it’s the officials’ view"), Vec::<String>::new());
    }

    #[test]
    fn doubled_single_marks_close_a_quotation() {
        assert_eq!(words("‘‘We will stay,’’ she said."), ["We will stay,"]);
        assert_eq!(words("“We will stay,'' she said."), ["We will stay,"]);
    }

    #[test]
    fn single_marks_inside_double_ones_belong_to_them() {
        assert_eq!(words("“They called it ‘a disgrace’ today,” he said."), ["They called it ‘a disgrace’ today,"]);
        assert_eq!(words("'End Is in Sight' for the pandemic"), ["End Is in Sight"]);
    }

    #[test]
    fn a_quotation_continues_over_paragraphs_that_reopen_it() {
        let text = "“The first part ends here.\n\n“The second part goes on,” the mayor said.\n\nLater text.";
        let q = quotations(text);
        assert_eq!(q.len(), 1);
        assert_eq!(q[0].words, "The first part ends here. The second part goes on,");
        assert_eq!(q[0].paragraphs, 2);
        assert!(q[0].closed);
        assert_eq!(q[0].speaker.as_ref().map(|s| s.name.as_str()), Some("the mayor"));
        assert_eq!(&text[q[0].range.clone()], "“The first part ends here.\n\n“The second part goes on,”");
        assert_eq!(unbalanced(text), None);
    }

    #[test]
    fn a_quotation_no_paragraph_reopens_is_unbalanced() {
        let text = "“The first part ends here.\n\nThe mayor left.";
        let q = quotations(text);
        assert_eq!(q.len(), 1);
        assert!(!q[0].closed);
        assert_eq!(unbalanced(text).map(|s| s.at), Some(0));
        let cut = "“We will not lift the ban before";
        assert_eq!(unbalanced_excerpt(cut, false).map(|s| s.at), Some(0));
        assert_eq!(unbalanced_excerpt(cut, true), None);
        assert!(unbalanced_excerpt("ban before.” the board said", true).is_some());
        assert_eq!(
            unbalanced("reap the rewards of all our hard work.”").map(|s| s.problem),
            Some("a closing quotation mark with no opening one")
        );
        assert_eq!(unbalanced("rewards of all our hard work.\"").map(|s| s.at), Some(29));
    }

    #[test]
    fn speakers_are_named_before_or_after() {
        let q = quotations("“We are close,” Dr Ana Ruiz, the chief engineer, said on Monday. “But not there.”");
        assert_eq!(q.len(), 2);
        assert_eq!(q[0].speaker.as_ref().unwrap().name, "Dr Ana Ruiz");
        assert_eq!(q[1].speaker.as_ref().unwrap().name, "Dr Ana Ruiz");
        assert_eq!(q[1].resumes, Some(0));
        let q = quotations("The council said: “Rents will fall.” The mayor replied: “Maybe.”");
        assert_eq!(q[0].speaker.as_ref().unwrap().name, "The council");
        assert_eq!(q[1].speaker.as_ref().unwrap().name, "The mayor");
        let q = quotations("“We are close,” he said, “but not there.”");
        assert_eq!(q[1].resumes, Some(0));
        assert_eq!(q[1].speaker.as_ref().unwrap().name, "he");
        assert_eq!(quotations("“Fine,” according to the club.")[0].speaker.as_ref().unwrap().name, "the club");
        let q = quotations("In an interview with a newspaper, Tanaka said “we are proud of the staff”.");
        assert_eq!(q[0].speaker.as_ref().unwrap().name, "Tanaka");
    }
}
