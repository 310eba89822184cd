//! The one door to the YAML parser.
//!
//! Everything else in the crate sees [`Spanned`], [`Span`] and [`YamlError`],
//! never `serde_saphyr`, so the parser can be swapped by rewriting this file.
//! serde-saphyr is used because it reports a location for every value and
//! every error, rejects duplicate keys, caps alias expansion and nesting, and
//! is safe Rust (serde_yaml is archived and can do none of the first three).

use std::borrow::Cow;
use std::fmt;

use serde::de::{DeserializeOwned, DeserializeSeed};
use serde::{Deserialize, Deserializer};
use serde_saphyr::MessageFormatter;

/// Where a value or an error sits in a YAML text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in characters.
    pub column: u32,
    /// Byte offset of the start.
    pub start: usize,
    /// Byte offset just past the end; equal to `start` for a point.
    pub end: usize,
}

impl Span {
    fn from_location(location: serde_saphyr::Location, text: &str) -> Span {
        let span = location.span();
        let start = span.byte_offset().and_then(|o| usize::try_from(o).ok());
        let len = span.byte_len().and_then(|l| usize::try_from(l).ok()).unwrap_or(0);
        let line = u32::try_from(location.line()).unwrap_or(u32::MAX);
        let column = u32::try_from(location.column()).unwrap_or(u32::MAX);
        // Reader-based errors carry no byte offsets; recover them from line and column.
        let start = start.unwrap_or_else(|| byte_offset(text, line, column));
        let start = start.min(text.len());
        let end = (start + len).min(text.len());
        Span { line, column, start, end: if text.is_char_boundary(end) { end } else { start } }
    }

    /// A span covering one point at the given byte offset of `text`.
    pub fn at(text: &str, offset: usize) -> Span {
        let offset = offset.min(text.len());
        let before = &text[..floor_char_boundary(text, offset)];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        Span {
            line: u32::try_from(line).unwrap_or(u32::MAX),
            column: u32::try_from(column).unwrap_or(u32::MAX),
            start: offset,
            end: offset,
        }
    }

    /// The same start, covering `len` bytes (clamped to `text`).
    pub fn with_len(self, text: &str, len: usize) -> Span {
        let end = floor_char_boundary(text, (self.start + len).min(text.len()));
        Span { end, ..self }
    }
}

fn floor_char_boundary(text: &str, mut at: usize) -> usize {
    while at > 0 && !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn byte_offset(text: &str, line: u32, column: u32) -> usize {
    let mut offset = 0;
    for (n, l) in text.split_inclusive('\n').enumerate() {
        if n + 1 == line as usize {
            let chars = column.saturating_sub(1) as usize;
            return offset + l.char_indices().nth(chars).map_or(l.len(), |(i, _)| i);
        }
        offset += l.len();
    }
    text.len()
}

/// A value with the span it was read from.
#[derive(Clone, Debug, PartialEq)]
pub struct Spanned<T> {
    /// The value.
    pub value: T,
    /// Where it was written (for aliases: where it was used).
    pub span: Span,
}

impl<T> std::ops::Deref for Spanned<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.value
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Spanned<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let inner = serde_saphyr::Spanned::<T>::deserialize(deserializer)?;
        let location = inner.referenced;
        let span = location.span();
        let start = span.byte_offset().and_then(|o| usize::try_from(o).ok()).unwrap_or(0);
        let len = span.byte_len().and_then(|l| usize::try_from(l).ok()).unwrap_or(0);
        Ok(Spanned {
            value: inner.value,
            span: Span {
                line: u32::try_from(location.line()).unwrap_or(u32::MAX),
                column: u32::try_from(location.column()).unwrap_or(u32::MAX),
                start,
                end: start + len,
            },
        })
    }
}

/// A YAML text that could not be read into the expected shape.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YamlError {
    /// What went wrong, without location.
    pub message: String,
    /// Where.
    pub span: Span,
    /// For an unknown field: the fields allowed where it stands.
    pub expected: Vec<String>,
}

impl fmt::Display for YamlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at line {}, column {}", self.message, self.span.line, self.span.column)
    }
}

/// Nesting deeper than this is refused; no claims or facts file needs more
/// than a handful of levels.
const MAX_DEPTH: usize = 64;

/// Reads one YAML document into `T`.
///
/// Duplicate keys are errors, alias expansion and nesting are bounded, and
/// `.nan`-style floats are left to the caller's validation.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    from_str_seed(text, std::marker::PhantomData::<T>)
}

/// [`from_str`] through a seed: what the seed makes of the document, which
/// may be read piece by piece (a facts file one fact at a time) instead of
/// whole into one value.
pub fn from_str_seed<'de, S: DeserializeSeed<'de>>(text: &'de str, seed: S) -> Result<S::Value, YamlError> {
    let options = serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_depth: MAX_DEPTH,
        },
        strict_booleans: true,
        reject_unsupported_tags: true,
        with_snippet: false,
    };
    serde_saphyr::with_deserializer_from_str_with_options(text, options, |de| seed.deserialize(de)).map_err(|error| {
        let mut span = error.location().map(|l| Span::from_location(l, text)).unwrap_or_default();
        let (message, expected) = tidy(&message_of(&error));
        if message.contains("tab")
            && let Some(tab) = tab_after(text, span.start)
        {
            span = Span::at(text, tab);
        }
        YamlError { message, span, expected }
    })
}

/// The first tab at or after byte `from`, within the few lines a parser
/// may read past it (a plain scalar's continuation, say): the parser
/// reports where the token it was reading starts, the author wants the tab.
fn tab_after(text: &str, from: usize) -> Option<usize> {
    let from = floor_char_boundary(text, from);
    let window = text[from..].split_inclusive('\n').take(4).map(str::len).sum::<usize>();
    text[from..from + window].find('\t').map(|i| from + i)
}

fn message_of(error: &serde_saphyr::Error) -> String {
    let mut error = error.without_snippet();
    while let serde_saphyr::Error::AliasError { error: inner, .. } = error {
        error = inner.without_snippet();
    }
    let message: Cow<'_, str> = serde_saphyr::DefaultMessageFormatter.format_message(error);
    // Control characters come from the document; shown escaped they cannot move the cursor.
    message.chars().flat_map(|c| if c.is_control() { c.escape_debug().collect::<Vec<_>>() } else { vec![c] }).collect()
}

/// Rewords the parser's messages into this crate's voice, in terms a data
/// editor knows, and separates an unknown field's list of allowed fields.
fn tidy(message: &str) -> (String, Vec<String>) {
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let (field, names) = rest.split_once(", expected ").unwrap_or((rest, ""));
        let names = names.trim_start_matches("one of ").trim_start_matches("either ");
        let expected =
            names.split([',', ' ', '`']).filter(|n| !n.is_empty() && *n != "or").map(str::to_owned).collect();
        return (format!("unknown field {field}"), expected);
    }
    let reworded = match message {
        m if m.starts_with("budget breached") => {
            format!("the document is too large or too deeply nested ({m}); aliases may be expanding without bound")
        }
        m if m.starts_with("multiple YAML documents") => "this file holds more than one YAML document".to_owned(),
        m if m.starts_with("cannot deserialize null into string") => "a value is required here, not null".to_owned(),
        m if m.starts_with("duplicate mapping key: ") => {
            let key = m.trim_start_matches("duplicate mapping key: ");
            format!("duplicate key `{}`", key.trim_end_matches(", set DuplicateKeyPolicy in Options if acceptable"))
        }
        "expected string scalar" => "expected text here".to_owned(),
        "expected sequence start" => "expected a list here".to_owned(),
        "expected mapping start" => "expected a mapping of keys and values here".to_owned(),
        "invalid floating point" => "expected a number here".to_owned(),
        m => m.to_owned(),
    };
    (reworded, Vec::new())
}

/// Whether `text` holds no YAML document at all: only blank lines and comments.
pub fn is_blank(text: &str) -> bool {
    text.lines().all(|l| {
        let l = l.trim();
        l.is_empty() || l.starts_with('#')
    })
}

/// Words a YAML 1.1 or 1.2 reader would take for something other than a string.
const RESERVED: [&str; 11] = ["true", "false", "yes", "no", "on", "off", "null", "y", "n", "~", ""];

fn looks_like_number(value: &str) -> bool {
    let v = value.trim_start_matches(['+', '-']);
    v.parse::<f64>().is_ok()
        || v.starts_with("0x")
        || v.starts_with("0o")
        || v.starts_with('.') && matches!(v.to_lowercase().as_str(), ".inf" | ".nan")
}

/// Whether `value` can be written as a plain scalar and read back as the same string.
fn plain_is_safe(value: &str) -> bool {
    const INDICATORS: &str = "-?:,[]{}#&*!|>'\"%@`";
    let Some(first) = value.chars().next() else { return false };
    !INDICATORS.contains(first)
        && !value.starts_with(char::is_whitespace)
        && !value.ends_with(char::is_whitespace)
        && !value.ends_with(':')
        && !value.contains(": ")
        && !value.contains(" #")
        && !value.chars().any(|c| c.is_control())
        && !RESERVED.contains(&value.to_lowercase().as_str())
        && !looks_like_number(value)
}

/// `value` as a YAML scalar: plain when that reads back as the same string,
/// double-quoted with escapes otherwise.
pub fn scalar(value: &str) -> String {
    if plain_is_safe(value) {
        return value.to_owned();
    }
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Appends one entry, given as the lines of a block mapping, to the end of
/// the top-level sequence under `key`, leaving every other line (comments,
/// order, formatting) as it was.
///
/// The entry takes the indentation of the entries already there (two spaces
/// if none), and a blank line before it if they are separated by blank
/// lines. An empty flow sequence (`key: []`) becomes a block sequence.
pub fn append_to_sequence(text: &str, key: &str, entry: &[String]) -> Result<String, String> {
    append_to_sequence_at(text, key, entry).map(|(text, _)| text)
}

/// [`append_to_sequence`], with the 1-based line the entry's first line
/// landed on.
pub fn append_to_sequence_at(text: &str, key: &str, entry: &[String]) -> Result<(String, u32), String> {
    append_all_to_sequence_at(text, key, std::slice::from_ref(&entry.to_vec()))
}

/// [`append_to_sequence`] for several entries at once, in order: a blank
/// line goes between them if the list's entries are spaced, or if the list
/// was empty.
pub fn append_all_to_sequence(text: &str, key: &str, entries: &[Vec<String>]) -> Result<String, String> {
    append_all_to_sequence_at(text, key, entries).map(|(text, _)| text)
}

/// [`append_all_to_sequence`], with the 1-based line the first entry's
/// first line landed on.
pub fn append_all_to_sequence_at(text: &str, key: &str, entries: &[Vec<String>]) -> Result<(String, u32), String> {
    let lines: Vec<&str> = text.lines().collect();
    let prefix = format!("{key}:");
    let key_line = lines
        .iter()
        .position(|l| l.strip_prefix(&prefix).is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t'])))
        .ok_or_else(|| format!("there is no top-level `{key}:` list"))?;
    let after_key = lines[key_line][prefix.len()..].trim_start();
    let value = after_key.split(" #").next().unwrap_or("").trim();
    let mut out: Vec<String> = lines.iter().map(|l| (*l).to_owned()).collect();
    match value {
        "" => {}
        "[]" => {
            let comment = after_key.find(" #").map(|i| after_key[i..].to_owned()).unwrap_or_default();
            out[key_line] = format!("{prefix}{comment}");
        }
        _ if after_key.starts_with('#') => {}
        _ => {
            return Err(format!(
                "`{key}:` is written as a flow list; write it as a block list (one `- ` entry per line) first"
            ));
        }
    }
    // The sequence runs until the next line that starts a new top-level key.
    let end = lines[key_line + 1..]
        .iter()
        .position(|l| !l.is_empty() && !l.starts_with([' ', '\t', '#']))
        .map_or(lines.len(), |i| key_line + 1 + i);
    let region = &lines[key_line + 1..end];
    let is_item = |l: &str| l.trim_start().starts_with("- ") || l.trim_start() == "-";
    let indent = region.iter().find(|l| is_item(l)).map_or(2, |l| l.len() - l.trim_start().len());
    // Entries are spaced if a blank line comes before one (or before the comment lines heading one).
    let spaced =
        region.windows(2).any(|w| w[0].trim().is_empty() && (is_item(w[1]) || w[1].trim_start().starts_with('#')))
            && region.iter().filter(|l| is_item(l)).count() > 1;
    let last = region.iter().rposition(|l| !l.trim().is_empty() && !l.starts_with('#'));
    let insert_at = last.map_or(key_line + 1, |i| key_line + 2 + i);
    let pad = " ".repeat(indent);
    let empty = !region.iter().any(|l| is_item(l));
    let mut block: Vec<String> = Vec::new();
    let mut first = None;
    for (e, entry) in entries.iter().enumerate() {
        if (spaced && last.is_some()) || (e > 0 && (spaced || empty)) {
            block.push(String::new());
        }
        first.get_or_insert(u32::try_from(insert_at + block.len() + 1).unwrap_or(u32::MAX));
        for (n, line) in entry.iter().enumerate() {
            let lead = if n == 0 { format!("{pad}- ") } else { format!("{pad}  ") };
            block.push(if line.is_empty() { String::new() } else { format!("{lead}{line}") });
        }
    }
    out.splice(insert_at..insert_at, block);
    let mut joined = out.join("\n");
    joined.push('\n');
    Ok((joined, first.unwrap_or(u32::try_from(insert_at + 1).unwrap_or(u32::MAX))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Doc {
        name: Spanned<String>,
        #[serde(default)]
        items: Vec<Spanned<String>>,
    }

    #[test]
    fn values_carry_their_spans() {
        let text = "name: alpha\nitems: [one, \"two\"]\n";
        let doc: Doc = from_str(text).unwrap();
        assert_eq!(&text[doc.name.span.start..doc.name.span.end], "alpha");
        assert_eq!((doc.name.span.line, doc.name.span.column), (1, 7));
        assert_eq!(&text[doc.items[1].span.start..doc.items[1].span.end], "\"two\"");
    }

    #[test]
    fn unknown_fields_are_errors_with_the_allowed_names() {
        let err = from_str::<Doc>("name: a\nnmae: b\n").unwrap_err();
        assert_eq!(err.message, "unknown field `nmae`");
        assert_eq!(err.expected, ["name", "items"]);
        assert_eq!((err.span.line, err.span.column), (2, 1));
    }

    #[test]
    fn duplicate_keys_are_errors() {
        let err = from_str::<Doc>("name: a\nname: b\n").unwrap_err();
        assert_eq!(err.message, "duplicate key `name`");
        assert_eq!(err.span.line, 2);
    }

    #[test]
    fn alias_bombs_stop_early() {
        let mut text = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (prev, name) in
            ["a", "b", "c", "d", "e", "f", "g", "h"].iter().zip(["b", "c", "d", "e", "f", "g", "h", "i"])
        {
            let row = vec![format!("*{prev}"); 10].join(", ");
            text.push_str(&format!("{name}: &{name} [{row}]\n"));
        }
        let err = from_str::<std::collections::BTreeMap<String, serde::de::IgnoredAny>>(&text).unwrap_err();
        assert!(err.message.contains("too large or too deeply nested"), "{}", err.message);
    }

    #[test]
    fn scalars_read_back_as_written() {
        #[derive(Debug, Deserialize)]
        struct One {
            v: String,
        }
        for value in [
            "plain words",
            "Iraq’s “latest developments”",
            "key: value",
            "- dash",
            "# hash",
            "yes",
            "2500",
            "2024-08-15",
            "quote \" and \\ backslash",
            "line\nbreak",
            " padded ",
            "ends with colon:",
            "",
        ] {
            let text = format!("v: {}\n", scalar(value));
            let one: One = from_str(&text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(one.v, value, "{text}");
        }
        assert_eq!(scalar("plain words"), "plain words");
        assert_eq!(scalar("yes"), "\"yes\"");
    }

    #[test]
    fn appends_after_the_last_entry_keeping_comments() {
        let text = "# top\nitems:\n  # first\n  - a: 1\n\n  - a: 2 # two\n# trailing note\nother: x\n";
        let (out, first) = append_to_sequence_at(text, "items", &["a: 3".to_owned(), "b: 4".to_owned()]).unwrap();
        assert_eq!(out.lines().nth(first as usize - 1), Some("  - a: 3"));
        assert_eq!(
            out,
            "# top\nitems:\n  # first\n  - a: 1\n\n  - a: 2 # two\n\n  - a: 3\n    b: 4\n# trailing note\nother: x\n"
        );
    }

    #[test]
    fn turns_an_empty_flow_list_into_a_block() {
        let out = append_to_sequence("article: x\nclaims: [] # none yet\n", "claims", &["id: a".to_owned()]).unwrap();
        assert_eq!(out, "article: x\nclaims: # none yet\n  - id: a\n");
    }

    #[test]
    fn refuses_what_it_cannot_extend_safely() {
        assert!(append_to_sequence("claims: [a, b]\n", "claims", &["x".to_owned()]).is_err());
        assert!(append_to_sequence("other: []\n", "claims", &["x".to_owned()]).is_err());
    }

    #[test]
    fn blank_means_only_comments() {
        assert!(is_blank("# nothing\n\n   # here\n"));
        assert!(!is_blank("# a\nname: x\n"));
    }
}
