//! One entry of a data file (a claim, a source, a fact, a term, or an
//! article's fields) as plain YAML values, whatever key it has: read from a
//! script's YAML in any valid style, or from a command-line value, and
//! written back as the lines `add` writes, fields in the documented order.
//!
//! Nothing here knows what a field means; the loader decides whether the
//! entry is valid. What is kept is where each value was written, so a
//! problem the loader finds in an entry given as YAML is reported in that
//! input (`<stdin>:3:5`), not in a file line that was never written.

use std::fmt;
use std::sync::Arc;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::add::DataFile;
use crate::error::{Diagnostic, Diagnostics, Error};
use crate::yaml::{self, Span, Spanned, scalar};

/// A YAML value, its mappings in the order written.
#[derive(Clone, Debug, PartialEq)]
pub enum Node {
    /// `null`, `~` or nothing.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number.
    Number(f64),
    /// Text.
    Text(String),
    /// A list.
    List(Vec<Spanned<Node>>),
    /// A mapping, keys in the order written.
    Map(Vec<(Spanned<String>, Spanned<Node>)>),
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a YAML value")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Node, E> {
        Ok(Node::Bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Node, E> {
        Ok(Node::Number(v as f64))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Node, E> {
        Ok(Node::Number(v as f64))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Node, E> {
        Ok(Node::Number(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Node, E> {
        Ok(Node::Text(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Node, E> {
        Ok(Node::Text(v))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Node, D::Error> {
        Node::deserialize(deserializer)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Spanned<Node>>()? {
            items.push(item);
        }
        Ok(Node::List(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut fields = Vec::new();
        while let Some((key, value)) = map.next_entry::<Spanned<String>, Spanned<Node>>()? {
            fields.push((key, value));
        }
        Ok(Node::Map(fields))
    }
}

impl Node {
    /// The value as one line of YAML: plain or double-quoted text, a flow
    /// list or mapping; `None` for a list or mapping holding a list or a
    /// mapping, which is written as a block (`Node::block`).
    pub fn inline(&self) -> Option<String> {
        Some(match self {
            Node::Null => "null".to_owned(),
            Node::Bool(b) => b.to_string(),
            Node::Number(n) => format!("{n}"),
            Node::Text(t) => scalar(t),
            Node::List(items) => {
                let items: Option<Vec<String>> = items.iter().map(|i| i.value.scalar_line()).collect();
                format!("[{}]", items?.join(", "))
            }
            Node::Map(fields) => {
                let fields: Option<Vec<String>> = fields
                    .iter()
                    .map(|(k, v)| v.value.scalar_line().map(|v| format!("{}: {v}", scalar(&k.value))))
                    .collect();
                format!("{{{}}}", fields?.join(", "))
            }
        })
    }

    /// The value as one line if it is a scalar.
    fn scalar_line(&self) -> Option<String> {
        match self {
            Node::List(_) | Node::Map(_) => None,
            other => other.inline(),
        }
    }

    /// `key: value` as lines of a block mapping (not indented): one line
    /// when the value fits on one, a block below the key otherwise. The
    /// items of a list of mappings keep the order `order` gives their keys.
    pub fn field_lines(key: &str, value: &Node, order: &[&str]) -> Vec<String> {
        if let Some(line) = value.inline() {
            return vec![format!("{key}: {line}")];
        }
        let mut lines = vec![format!("{key}:")];
        lines.extend(value.block(order).into_iter().map(|l| format!("  {l}")));
        lines
    }

    /// A list or mapping as block lines (not indented).
    fn block(&self, order: &[&str]) -> Vec<String> {
        match self {
            Node::List(items) => {
                let mut lines = Vec::new();
                for item in items {
                    let inner = match &item.value {
                        Node::Map(_) => item.value.block(order),
                        other => match other.inline() {
                            Some(line) => vec![line],
                            None => other.block(order),
                        },
                    };
                    for (n, line) in inner.into_iter().enumerate() {
                        lines.push(if n == 0 { format!("- {line}") } else { format!("  {line}") });
                    }
                }
                lines
            }
            Node::Map(fields) => sorted(fields, order)
                .into_iter()
                .flat_map(|(k, v)| Node::field_lines(&k.value, &v.value, &[]))
                .collect(),
            other => other.inline().into_iter().collect(),
        }
    }
}

/// The fields of a mapping without nulls, in the order `order` gives (keys
/// it does not name keep their order, after those it names that come
/// before `sources`, the citations and notes that close an entry).
fn sorted<'a>(
    fields: &'a [(Spanned<String>, Spanned<Node>)],
    order: &[&str],
) -> Vec<&'a (Spanned<String>, Spanned<Node>)> {
    let tail = order.iter().position(|k| *k == "sources").unwrap_or(order.len());
    let rank = |key: &str| order.iter().position(|k| *k == key).unwrap_or(tail);
    let mut out: Vec<_> = fields.iter().filter(|(_, v)| v.value != Node::Null).collect();
    // A stable sort keeps unknown keys in the order written.
    out.sort_by_key(|(k, _)| rank(&k.value));
    out
}

/// The order `add` writes each kind of entry's fields in.
pub fn field_order(file: DataFile) -> &'static [&'static str] {
    match file {
        DataFile::Claims => &[
            "id",
            "text",
            "kind",
            "draft",
            "subject",
            "event",
            "speaker",
            "measure",
            "predicate",
            "value",
            "unit",
            "object",
            "organisation",
            "words",
            "date",
            "relative_to",
            "qualifier",
            "period",
            "scale",
            "signed",
            "parts",
            "aggregate",
            "base_subject",
            "base_measure",
            "base_period",
            "direction",
            "among",
            "rank",
            "order",
            "record",
            "since",
            "figure",
            "relation",
            "tolerance",
            "sources",
            "expect",
            "severity",
            "note",
        ],
        DataFile::Sources => &[
            "id",
            "publisher",
            "original_publisher",
            "title",
            "url",
            "also_at",
            "published",
            "date_inferred",
            "kind",
            "note",
            "speaker",
            "excerpts",
        ],
        DataFile::Facts => &[
            "id",
            "subject",
            "measure",
            "predicate",
            "value",
            "unit",
            "qualifier",
            "object",
            "date",
            "unsettled",
            "valid_from",
            "valid_to",
            "as_of",
            "forecast",
            "sources",
            "note",
        ],
        DataFile::Terms => &["term", "label", "broader"],
    }
}

/// The order `new` writes an article's fields in.
pub const ARTICLE_ORDER: [&str; 6] = ["id", "title", "publisher", "url", "published", "note"];

/// The order of the fields of the items of a list field (a source's excerpts).
pub fn item_order(key: &str) -> &'static [&'static str] {
    match key {
        "excerpts" => &["text", "speaker", "quoting"],
        _ => &[],
    }
}

/// The field naming an entry: `term` for terms, `id` for the rest.
pub fn id_key(file: DataFile) -> &'static str {
    match file {
        DataFile::Terms => "term",
        _ => "id",
    }
}

/// An entry given as YAML text by a script (`--from-yaml`), parsed.
#[derive(Clone, Debug)]
pub struct Given {
    /// What the input is called in messages: `<stdin>` or the file's path.
    pub name: String,
    /// The input's text.
    pub text: Arc<str>,
    /// The entry's fields, as written.
    fields: Vec<(Spanned<String>, Spanned<Node>)>,
    /// Comments on or above each key's line, by key.
    comments: Vec<(String, Vec<String>, Option<String>)>,
}

impl Given {
    /// Reads one entry from `text`: a mapping of its fields, or a list
    /// holding one, in block or flow style, with any quoting or folding and
    /// keys in any order. Problems are located in the input, named `name`.
    pub fn parse(name: &str, text: &str) -> Result<Given, Error> {
        let text: Arc<str> = Arc::from(text);
        let refuse = |span: Span, message: String, help: &str| {
            Error::Refused(Diagnostics(vec![Diagnostic::error(name, &text, span, message).with_help(help)]))
        };
        if yaml::is_blank(&text) {
            return Err(refuse(
                Span::at(&text, 0),
                format!("`{name}` holds no YAML"),
                "give the entry's fields, one `key: value` per line",
            ));
        }
        let node: Spanned<Node> = yaml::from_str(&text).map_err(|e| {
            let help = crate::load::yaml_help(&e, "entry").unwrap_or_else(|| "check the YAML's syntax".to_owned());
            refuse(e.span, e.message, &help)
        })?;
        let span = node.span;
        let fields = match node.value {
            Node::Map(fields) => fields,
            Node::List(mut items) if items.len() == 1 => match items.pop().map(|i| i.value) {
                Some(Node::Map(fields)) => fields,
                _ => return Err(refuse(span, "expected the entry's fields here".to_owned(), ENTRY_HELP)),
            },
            Node::List(items) => {
                return Err(refuse(
                    span,
                    format!("expected one entry, found a list of {}", items.len()),
                    "give one entry at a time",
                ));
            }
            _ => return Err(refuse(span, "expected the entry's fields here".to_owned(), ENTRY_HELP)),
        };
        let comments = fields.iter().map(|(key, _)| comments_at(&text, key)).collect();
        Ok(Given { name: name.to_owned(), text, fields, comments })
    }

    /// The value of a field given as text.
    pub fn text(&self, key: &str) -> Option<&str> {
        self.fields.iter().find(|(k, _)| k.value == key).and_then(|(_, v)| match &v.value {
            Node::Text(t) => Some(t.as_str()),
            _ => None,
        })
    }

    /// The entry with `key` set to `make()` if it has no `key` field.
    pub fn with_id(&self, key: &str, make: impl FnOnce() -> String) -> Given {
        let mut given = self.clone();
        if !given.fields.iter().any(|(k, _)| k.value == key) {
            let at = Span::default();
            given.fields.insert(
                0,
                (Spanned { value: key.to_owned(), span: at }, Spanned { value: Node::Text(make()), span: at }),
            );
            given.comments.insert(0, (key.to_owned(), Vec::new(), None));
        }
        given
    }

    /// The entry as the lines of a block mapping, as `add` writes a `file`
    /// entry: fields in the documented order, nulls left out, comments kept
    /// on their keys' lines and above them. With each line, the field it
    /// belongs to (its index in the input).
    pub fn lines(&self, file: DataFile) -> Vec<(String, usize)> {
        let order = field_order(file);
        let mut out = Vec::new();
        for field in sorted(&self.fields, order) {
            let at = self.fields.iter().position(|f| std::ptr::eq(f, field)).unwrap_or(0);
            let (key, value) = field;
            let (above, trailing) =
                self.comments.get(at).map(|(_, above, trailing)| (above.clone(), trailing.clone())).unwrap_or_default();
            out.extend(above.into_iter().map(|c| (c, at)));
            for (n, mut line) in
                Node::field_lines(&key.value, &value.value, item_order(&key.value)).into_iter().enumerate()
            {
                if n == 0
                    && let Some(comment) = &trailing
                {
                    line.push(' ');
                    line.push_str(comment);
                }
                out.push((line, at));
            }
        }
        out
    }

    /// Moves the diagnostics about the lines `first..first + count` of
    /// `path` (1-based, where the entry was put) into the input: each to the
    /// value of the field its line was written from. `owners` names each
    /// line's field, as [`Given::lines`] gives them.
    pub fn locate(&self, diags: Diagnostics, path: &str, first: u32, owners: &[usize]) -> Diagnostics {
        let moved = diags
            .0
            .into_iter()
            .map(|d| {
                let line = d.span.line;
                let owner = (d.path == path && line >= first)
                    .then(|| owners.get((line - first) as usize))
                    .flatten()
                    .and_then(|at| self.fields.get(*at));
                match owner {
                    Some((key, value)) => {
                        // The words marked in the written line, where the input wrote them; else the whole value.
                        let marked = d.text.get(d.span.start..d.span.end).unwrap_or_default();
                        let found = (!marked.is_empty())
                            .then(|| self.text[key.span.start..].find(marked))
                            .flatten()
                            .map(|at| Span::at(&self.text, key.span.start + at).with_len(&self.text, marked.len()));
                        let whole = if value.span.end > value.span.start { value.span } else { key.span };
                        let span = found.unwrap_or(whole);
                        Diagnostic { path: self.name.clone(), text: Arc::clone(&self.text), span, ..d }
                    }
                    None => d,
                }
            })
            .collect();
        Diagnostics(moved).sorted()
    }
}

const ENTRY_HELP: &str = "write the entry as `key: value` lines (or `{key: value, …}`), or as a list holding one entry";

/// The comment lines just above `key`'s line, and the comment at the end
/// of it.
fn comments_at(text: &str, key: &Spanned<String>) -> (String, Vec<String>, Option<String>) {
    let lines: Vec<&str> = text.lines().collect();
    let at = (key.span.line as usize).saturating_sub(1);
    let mut above = Vec::new();
    for line in lines[..at.min(lines.len())].iter().rev() {
        let trimmed = line.trim();
        if !trimmed.starts_with('#') {
            break;
        }
        above.push(trimmed.to_owned());
    }
    above.reverse();
    let trailing = lines.get(at).and_then(|l| trailing_comment(l)).map(str::to_owned);
    (key.value.clone(), above, trailing)
}

/// The comment ending a line of YAML, if any: a `#` after a space, outside
/// quotes.
pub fn trailing_comment(line: &str) -> Option<&str> {
    let mut quote: Option<char> = None;
    let mut previous = ' ';
    for (at, c) in line.char_indices() {
        match quote {
            Some('"') if c == '\\' && previous != '\\' => {}
            Some(q) if c == q && !(q == '"' && previous == '\\') => quote = None,
            Some(_) => {}
            None if c == '"' || c == '\'' => quote = Some(c),
            None if c == '#' && previous.is_whitespace() => return Some(line[at..].trim_end()),
            None => {}
        }
        previous = if previous == '\\' && c == '\\' { ' ' } else { c };
    }
    None
}

/// What a command-line value becomes in a field that, by the data's JSON
/// Schema ([`crate::schema`]), takes `types` (`string`, `number`,
/// `integer`, `boolean`, `array`, `object`): a list (`a,b` or `[a, b]`), a
/// mapping (`{absolute: 50}`), a number, true or false, or text. For a field
/// the schema does not know, the value is read as YAML, so the loader can
/// name the field it was probably meant to be.
pub fn from_flag(value: &str, types: &[&str]) -> Result<Node, String> {
    let has = |t: &str| types.contains(&t);
    let as_yaml = || yaml::from_str::<Spanned<Node>>(&format!("v: {value}\n")).ok();
    let read = |text: &str| yaml::from_str::<Spanned<Node>>(text).map(|n| n.value).map_err(|e| e.message);
    if types.is_empty() {
        return Ok(match as_yaml().map(|n| n.value) {
            Some(Node::Map(mut fields)) if fields.len() == 1 => fields.pop().map_or(Node::Null, |(_, v)| v.value),
            _ => Node::Text(value.to_owned()),
        });
    }
    if has("array") {
        if value.trim_start().starts_with('[') {
            return read(value);
        }
        let items = value.split(',').map(str::trim).filter(|i| !i.is_empty());
        return Ok(Node::List(
            items.map(|i| Spanned { value: Node::Text(i.to_owned()), span: Span::default() }).collect(),
        ));
    }
    if has("object") && !has("string") {
        let text = if value.trim_start().starts_with('{') { value.to_owned() } else { format!("{{{value}}}") };
        return match read(&text)? {
            map @ Node::Map(_) => Ok(map),
            _ => Err(format!("`{value}` is not a mapping; write it as `{{key: value}}`")),
        };
    }
    if (has("number") || has("integer"))
        && let Ok(n) = value.trim().parse::<f64>()
        && n.is_finite()
    {
        return Ok(Node::Number(n));
    }
    if has("boolean") && matches!(value, "true" | "false") {
        return Ok(Node::Bool(value == "true"));
    }
    Ok(Node::Text(value.to_owned()))
}

/// The JSON types the data's schema allows for `key` in an entry of `file`
/// (for an article's fields, `article` is true), in any of its kinds; empty
/// when the schema has no such field.
pub fn field_types(file: DataFile, article: bool, key: &str) -> Vec<String> {
    let name = match file {
        DataFile::Claims => "claims",
        DataFile::Sources => "sources",
        DataFile::Facts => "facts",
        DataFile::Terms => "terms",
    };
    let Some(schema) = crate::schema::named(name).and_then(|s| serde_json::from_str::<serde_json::Value>(&s).ok())
    else {
        return Vec::new();
    };
    let list = if article { "article" } else { name };
    let entry = &schema["properties"][list];
    let entry = if article { entry } else { &entry["items"] };
    let mut found = Vec::new();
    let mut seen = 0;
    collect_property(&schema, entry, key, &mut found, &mut seen);
    found.retain(|t| t != "null");
    found.sort();
    found.dedup();
    found
}

/// Adds the types of property `key` of every object schema reachable from
/// `node` (through `$ref`, `oneOf`, `anyOf`, `allOf`) to `found`.
fn collect_property(
    root: &serde_json::Value,
    node: &serde_json::Value,
    key: &str,
    found: &mut Vec<String>,
    seen: &mut usize,
) {
    *seen += 1;
    if *seen > 1_000 {
        return;
    }
    let node = resolve(root, node);
    if let Some(property) = node.get("properties").and_then(|p| p.get(key)) {
        collect_types(root, property, found, seen);
    }
    for combinator in ["oneOf", "anyOf", "allOf"] {
        for branch in node.get(combinator).and_then(|b| b.as_array()).into_iter().flatten() {
            collect_property(root, branch, key, found, seen);
        }
    }
}

fn collect_types(root: &serde_json::Value, node: &serde_json::Value, found: &mut Vec<String>, seen: &mut usize) {
    *seen += 1;
    if *seen > 1_000 {
        return;
    }
    let node = resolve(root, node);
    match node.get("type") {
        Some(serde_json::Value::String(t)) => found.push(t.clone()),
        Some(serde_json::Value::Array(types)) => {
            found.extend(types.iter().filter_map(|t| t.as_str().map(str::to_owned)))
        }
        _ => {}
    }
    if node.get("const").is_some_and(serde_json::Value::is_string) || node.get("enum").is_some() {
        found.push("string".to_owned());
    }
    for combinator in ["oneOf", "anyOf", "allOf"] {
        for branch in node.get(combinator).and_then(|b| b.as_array()).into_iter().flatten() {
            collect_types(root, branch, found, seen);
        }
    }
}

fn resolve<'a>(root: &'a serde_json::Value, node: &'a serde_json::Value) -> &'a serde_json::Value {
    match node.get("$ref").and_then(|r| r.as_str()).and_then(|r| r.strip_prefix("#/$defs/")) {
        Some(name) => &root["$defs"][name],
        None => node,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(file: DataFile, text: &str) -> Vec<String> {
        Given::parse("<stdin>", text).unwrap().lines(file).into_iter().map(|(l, _)| l).collect()
    }

    #[test]
    fn pyyaml_output_is_reordered_and_rewritten_in_the_files_style() {
        // What `yaml.safe_dump(claim)` writes: keys sorted, a long text folded onto a second line.
        let dumped = "expect: supported\nid: ferry-fares-12\nkind: quantity\nmeasure: change\nsources:\n- example-post-2024\nsubject: ferry-fares\ntext: Ferry fares rose by 12% in May, the operator said in a statement on\n  Monday\nunit: percent\nvalue: 12\n";
        assert_eq!(
            lines(DataFile::Claims, dumped),
            [
                "id: ferry-fares-12",
                "text: Ferry fares rose by 12% in May, the operator said in a statement on Monday",
                "kind: quantity",
                "subject: ferry-fares",
                "measure: change",
                "value: 12",
                "unit: percent",
                "sources: [example-post-2024]",
                "expect: supported",
            ]
        );
    }

    #[test]
    fn flow_style_quoted_and_folded_scalars_all_read() {
        let flow = "{id: a, text: 'It''s \"done\"', kind: opinion}";
        assert_eq!(lines(DataFile::Claims, flow), ["id: a", "text: It's \"done\"", "kind: opinion"]);
        let block = "kind: opinion\nnote: >-\n  folded\n  note\nid: \"a\"\ntext: |-\n  two\n  lines\n";
        assert_eq!(
            lines(DataFile::Claims, block),
            ["id: a", "text: \"two\\nlines\"", "kind: opinion", "note: folded note"]
        );
    }

    #[test]
    fn lists_of_mappings_are_blocks_in_their_documented_order() {
        let source = "- id: s\n  excerpts:\n    - {speaker: x, text: \"a: b\"}\n  kind: wire\n";
        assert_eq!(
            lines(DataFile::Sources, source),
            ["id: s", "kind: wire", "excerpts:", "  - text: \"a: b\"", "    speaker: x"]
        );
    }

    #[test]
    fn comments_on_and_above_a_key_stay_with_it() {
        let text = "# the claim\nid: a # why this id\ntext: 'b # not a comment'\n";
        assert_eq!(
            lines(DataFile::Claims, text),
            ["# the claim", "id: a # why this id", "text: \"b # not a comment\""]
        );
    }

    #[test]
    fn problems_are_located_in_the_input() {
        let Err(Error::Refused(diags)) = Given::parse("<stdin>", "id: a\ntext: [unclosed\n") else { panic!() };
        assert_eq!(diags.0[0].path, "<stdin>");
        assert_eq!(diags.0[0].span.line, 2);
        let Err(Error::Refused(diags)) = Given::parse("input.yaml", "- id: a\n- id: b\n") else { panic!() };
        assert_eq!(diags.0[0].message, "expected one entry, found a list of 2");
    }

    #[test]
    fn flags_take_the_type_the_schema_gives_the_field() {
        let types = |key: &str| field_types(DataFile::Claims, false, key);
        assert_eq!(types("value"), ["number"]);
        assert_eq!(types("sources"), ["array"]);
        assert!(types("note").contains(&"string".to_owned()));
        assert!(types("nonsense").is_empty());
        let read = |value: &str, key: &str| {
            let types = types(key);
            from_flag(value, &types.iter().map(String::as_str).collect::<Vec<_>>()).unwrap().inline().unwrap()
        };
        assert_eq!(read("3000", "value"), "3000");
        assert_eq!(read("a, b", "sources"), "[a, b]");
        assert_eq!(read("[a, \"b\"]", "sources"), "[a, b]");
        assert_eq!(read("absolute: 50", "tolerance"), "{absolute: 50}");
        assert_eq!(read("true", "note"), "\"true\"");
        assert_eq!(read("2500", "words"), "\"2500\"");
        assert_eq!(read("2024", "date"), "2024");
        assert_eq!(read("12", "nonsense"), "12");
        assert_eq!(field_types(DataFile::Claims, true, "published"), ["integer", "string"]);
    }

    #[test]
    fn trailing_comments_are_found_outside_quotes() {
        assert_eq!(trailing_comment("id: a # x"), Some("# x"));
        assert_eq!(trailing_comment("text: \"a # b\""), None);
        assert_eq!(trailing_comment("text: 'it''s # here' # there"), Some("# there"));
        assert_eq!(trailing_comment("url: https://example.org/#top"), None);
    }
}
