//! The one door to the YAML parser.
//!
//! Everything else in the crate sees [`Spanned`], [`Span`] and [`YamlError`],
//! never `serde_saphyr`, so the parser can be swapped by rewriting this file.
//! serde-saphyr is used because it reports a location for every value and
//! every error, rejects duplicate keys, caps alias expansion and nesting, and
//! is safe Rust (serde_yaml is archived and can do none of the first three).

use std::borrow::Cow;
use std::fmt;

use serde::de::DeserializeOwned;
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
    let options = serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_depth: MAX_DEPTH,
        },
        strict_booleans: true,
        with_snippet: false,
    };
    serde_saphyr::from_str_with_options(text, options).map_err(|error| {
        let span = error.location().map(|l| Span::from_location(l, text)).unwrap_or_default();
        YamlError { message: message_of(&error), span }
    })
}

fn message_of(error: &serde_saphyr::Error) -> String {
    let mut error = error.without_snippet();
    while let serde_saphyr::Error::AliasError { error: inner, .. } = error {
        error = inner.without_snippet();
    }
    let message: Cow<'_, str> = serde_saphyr::DefaultMessageFormatter.format_message(error);
    tidy(&message)
}

/// Rewords the parser's messages into this crate's voice: budget breaches
/// become a plain sentence, control characters are escaped.
fn tidy(message: &str) -> String {
    let message = if let Some((field, names)) =
        message.strip_prefix("unknown field ").and_then(|m| m.split_once(", expected one of "))
    {
        let names: Vec<String> = names.split(", ").map(|n| format!("`{n}`")).collect();
        format!("unknown field {field}, expected one of {}", names.join(", "))
    } else if message.starts_with("budget breached") {
        format!("the document is too large or too deeply nested ({message}); aliases may be expanding without bound")
    } else {
        message.replace(", set DuplicateKeyPolicy in Options if acceptable", "")
    };
    message.chars().flat_map(|c| if c.is_control() { c.escape_debug().collect::<Vec<_>>() } else { vec![c] }).collect()
}

/// Whether `text` holds no YAML document at all: only blank lines and comments.
pub fn is_blank(text: &str) -> bool {
    text.lines().all(|l| {
        let l = l.trim();
        l.is_empty() || l.starts_with('#')
    })
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
        assert_eq!(err.message, "unknown field `nmae`, expected one of `name`, `items`");
        assert_eq!((err.span.line, err.span.column), (2, 1));
    }

    #[test]
    fn duplicate_keys_are_errors() {
        let err = from_str::<Doc>("name: a\nname: b\n").unwrap_err();
        assert_eq!(err.message, "duplicate mapping key: name");
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
    fn blank_means_only_comments() {
        assert!(is_blank("# nothing\n\n   # here\n"));
        assert!(!is_blank("# a\nname: x\n"));
    }
}
