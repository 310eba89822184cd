//! Changing and removing entries of the data files: `edit` sets, changes or
//! removes any field of a claim, fact, source, term or article, and
//! `remove` takes out a whole entry, refusing while something cites it.
//!
//! Like [`crate::add`], these edit the file's text, not a tree: the entry is
//! found by its id among the items of its list, and only the lines of the
//! fields named are replaced, so every comment and the order of everything
//! else survive. Nothing here knows which fields an entry has: a field is
//! any key, and a value takes the type the data's JSON Schema gives that
//! key ([`crate::entry::from_flag`]). The whole project is loaded again with
//! the new text before anything is written, and written atomically under
//! the file's lock; in [`Mode::DryRun`] nothing is written. Setting a
//! draft's `expect` reviews it: its `draft: true` goes too.

use std::ops::Range;
use std::path::Path;

use crate::add::{DataFile, Mode, commit, current, file_text, lock};
use crate::entry::{self, Node, field_order, id_key};
use crate::error::{Diagnostic, Diagnostics, Error};
use crate::load::{self, CLAIMS_DIR, Files, Loaded, SOURCES_FILE, TERMS_FILE};
use crate::model::Project;
use crate::yaml::{self, Span, Spanned};

/// What kind of entry a command changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum What {
    /// A claim, in `claims/<article>.yaml`.
    Claim,
    /// A fact, in a file of `reference/facts/`.
    Fact,
    /// A source, in `reference/sources.yaml`.
    Source,
    /// A term, in `reference/terms.yaml`.
    Term,
    /// An article's fields, the `article:` block of its claims file.
    Article,
}

impl What {
    /// The word for it in messages.
    pub fn name(self) -> &'static str {
        match self {
            What::Claim => "claim",
            What::Fact => "fact",
            What::Source => "source",
            What::Term => "term",
            What::Article => "article",
        }
    }

    fn file(self) -> DataFile {
        match self {
            What::Claim | What::Article => DataFile::Claims,
            What::Fact => DataFile::Facts,
            What::Source => DataFile::Sources,
            What::Term => DataFile::Terms,
        }
    }

    fn list(self) -> &'static str {
        match self {
            What::Claim => "claims",
            What::Fact => "facts",
            What::Source => "sources",
            What::Term => "terms",
            What::Article => "article",
        }
    }
}

/// The fields to change, as the command line gives them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Fields {
    /// `--<field> <value>`, in order: set or change a field.
    pub set: Vec<(String, String)>,
    /// `--unset <field>`: remove a field.
    pub unset: Vec<String>,
}

/// Reads `--<field> <value>`, `--<field>=<value>` and `--unset <field>`
/// from `args`; field names may use hyphens for underscores
/// (`--relative-to`). The options `--dry-run`, `--root DIR` and `--article
/// ID` are taken out too, as [`Options`], wherever they stand.
pub fn parse_fields(args: &[String]) -> Result<(Fields, Options), Error> {
    let mut fields = Fields::default();
    let mut options = Options::default();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let Some(flag) = arg.strip_prefix("--") else {
            return Err(Error::Usage(format!(
                "`{arg}` is not a field; give fields as `--<field> <value>` (`--value 3000`, `--unset note`)"
            )));
        };
        let (name, inline) = match flag.split_once('=') {
            Some((name, value)) => (name, Some(value.to_owned())),
            None => (flag, None),
        };
        if name == "dry-run" {
            options.dry_run = true;
            continue;
        }
        if name == "help" {
            return Err(Error::Usage("`factcheck edit --help` describes the command and its options".to_owned()));
        }
        let value = match inline {
            Some(value) => value,
            None => args
                .next()
                .cloned()
                .ok_or_else(|| Error::Usage(format!("`--{name}` needs a value; `--unset {name}` removes the field")))?,
        };
        match name {
            "unset" => fields.unset.push(value.replace('-', "_")),
            "root" => options.root = Some(value),
            "article" => options.article = Some(value),
            _ => fields.set.push((name.replace('-', "_"), value)),
        }
    }
    Ok((fields, options))
}

/// Options given among the fields.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// `--dry-run`
    pub dry_run: bool,
    /// `--root DIR`
    pub root: Option<String>,
    /// `--article ID`
    pub article: Option<String>,
}

/// What an `edit` or `remove` changed, or would change.
#[derive(Debug)]
pub struct Change {
    /// The file, relative to the project root.
    pub path: String,
    /// Its text before.
    pub before: String,
    /// Its text after.
    pub after: String,
    /// The project with the change.
    pub loaded: Loaded,
    /// Whether it was written (not in a dry run).
    pub written: bool,
}

/// Where one entry's fields stand in a file's lines.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Mapping {
    /// The lines of the entry, from its first field to its last.
    lines: Range<usize>,
    /// The column its keys start at.
    indent: usize,
    /// Whether its first line starts with the list's `- `.
    item: bool,
}

/// The lines of `text`, owned, for splicing.
fn split(text: &str) -> Vec<String> {
    text.lines().map(str::to_owned).collect()
}

fn join(lines: &[String]) -> String {
    let mut text = lines.join("\n");
    text.push('\n');
    text
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

fn is_item(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with("- ") || t == "-"
}

/// The lines of the top-level block under `key:`: up to the next line that
/// starts another top-level key.
fn region(lines: &[String], key: &str) -> Option<Range<usize>> {
    let prefix = format!("{key}:");
    let at = lines
        .iter()
        .position(|l| l.strip_prefix(&prefix).is_some_and(|r| r.is_empty() || r.starts_with([' ', '\t'])))?;
    let end = lines[at + 1..]
        .iter()
        .position(|l| !l.is_empty() && !l.starts_with([' ', '\t', '#']))
        .map_or(lines.len(), |i| at + 1 + i);
    Some(at + 1..end)
}

/// The items of the list under `key:`, each as the range of its lines
/// (comments and blank lines after an item's last field are not its own).
fn items(lines: &[String], key: &str) -> Vec<Range<usize>> {
    let Some(region) = region(lines, key) else { return Vec::new() };
    let Some(indent) = lines[region.clone()].iter().find(|l| is_item(l)).map(|l| indent_of(l)) else {
        return Vec::new();
    };
    let starts: Vec<usize> = region.clone().filter(|&i| is_item(&lines[i]) && indent_of(&lines[i]) == indent).collect();
    starts
        .iter()
        .enumerate()
        .map(|(n, &start)| {
            let mut end = starts.get(n + 1).copied().unwrap_or(region.end);
            while end > start + 1 && {
                let l = lines[end - 1].trim_start();
                l.is_empty() || (l.starts_with('#') && indent_of(&lines[end - 1]) <= indent + 2)
            } {
                end -= 1;
            }
            start..end
        })
        .collect()
}

/// The value of field `key` of the item at `range`, if it is text.
fn item_id(lines: &[String], range: &Range<usize>, key: &str) -> Option<String> {
    let first = &lines[range.start];
    let at = indent_of(first);
    let mut text =
        format!("{}  {}\n", &first[..at], first[at..].strip_prefix('-').unwrap_or(&first[at..]).trim_start());
    for line in &lines[range.start + 1..range.end] {
        text.push_str(line);
        text.push('\n');
    }
    match yaml::from_str::<Spanned<Node>>(&text).ok()?.value {
        Node::Map(fields) => fields.into_iter().find(|(k, _)| k.value == key).and_then(|(_, v)| match v.value {
            Node::Text(t) => Some(t),
            Node::Number(n) => Some(format!("{n}")),
            _ => None,
        }),
        _ => None,
    }
}

/// The item of the list `list` whose `key` is `id`.
fn find_item(lines: &[String], list: &str, key: &str, id: &str) -> Option<Range<usize>> {
    items(lines, list).into_iter().find(|range| {
        lines[range.clone()].iter().any(|l| l.contains(id)) && item_id(lines, range, key).as_deref() == Some(id)
    })
}

/// The mapping of the item at `range`, or of the `article:` block.
fn mapping_of_item(lines: &[String], range: Range<usize>) -> Mapping {
    let first = &lines[range.start];
    let indent = indent_of(first) + 2;
    Mapping { lines: range, indent, item: true }
}

fn article_mapping(lines: &[String]) -> Option<Mapping> {
    let region = region(lines, "article")?;
    let start = region.clone().find(|&i| !lines[i].trim().is_empty() && !lines[i].trim_start().starts_with('#'))?;
    let indent = indent_of(&lines[start]);
    let mut end = region.end;
    while end > start + 1 && (lines[end - 1].trim().is_empty() || lines[end - 1].trim_start().starts_with('#')) {
        end -= 1;
    }
    Some(Mapping { lines: start..end, indent, item: false })
}

/// The key a line of `mapping` starts, if it starts one at its indent.
fn key_on(line: &str, mapping: &Mapping, first: bool) -> Option<String> {
    let body = if mapping.item && first {
        line.trim_start().strip_prefix('-')?.trim_start()
    } else {
        if indent_of(line) != mapping.indent {
            return None;
        }
        line.trim_start()
    };
    let (key, rest) = body.split_once(':')?;
    let plain = !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    (plain && (rest.is_empty() || rest.starts_with([' ', '\t']))).then(|| key.to_owned())
}

/// Each field of `mapping`: its key and the range of lines its value takes.
fn fields(lines: &[String], mapping: &Mapping) -> Vec<(String, Range<usize>)> {
    let starts: Vec<(usize, String)> = mapping
        .lines
        .clone()
        .filter_map(|i| key_on(&lines[i], mapping, i == mapping.lines.start).map(|k| (i, k)))
        .collect();
    starts
        .iter()
        .enumerate()
        .map(|(n, (start, key))| {
            let mut end = starts.get(n + 1).map_or(mapping.lines.end, |(next, _)| *next);
            // Comment and blank lines at the key's indent head the next field.
            while end > start + 1 && {
                let l = &lines[end - 1];
                l.trim().is_empty() || (l.trim_start().starts_with('#') && indent_of(l) <= mapping.indent)
            } {
                end -= 1;
            }
            (key.clone(), *start..end)
        })
        .collect()
}

/// The lines that write `key: value` at `mapping`'s indent; `first` when
/// they start the item (after its `- `).
fn field_text(mapping: &Mapping, key: &str, value: &Node, first: bool, comment: Option<&str>) -> Vec<String> {
    let order = entry::item_order(key);
    let pad = " ".repeat(mapping.indent);
    Node::field_lines(key, value, order)
        .into_iter()
        .enumerate()
        .map(|(n, line)| {
            let lead = if n == 0 && first && mapping.item { format!("{}- ", &pad[2..]) } else { pad.clone() };
            match (n, comment) {
                (0, Some(comment)) if Node::field_lines(key, value, order).len() == 1 => {
                    format!("{lead}{line} {comment}")
                }
                _ => format!("{lead}{line}"),
            }
        })
        .collect()
}

/// Applies `fields` to the entry at `mapping` in `lines`, in order.
fn apply(
    lines: &mut Vec<String>,
    mut mapping: Mapping,
    file: DataFile,
    article: bool,
    changes: &Fields,
) -> Result<(), Error> {
    let order = if article { &entry::ARTICLE_ORDER[..] } else { field_order(file) };
    let rank = |key: &str| order.iter().position(|k| *k == key).unwrap_or(order.len());
    let id = if article { "id" } else { id_key(file) };
    for (key, _) in &changes.set {
        if key == id {
            return Err(Error::Usage(format!(
                "`{id}` cannot be changed: the id names the entry's snapshot and is how others cite it; add a new entry and remove this one instead"
            )));
        }
    }
    for key in &changes.unset {
        if key == id {
            return Err(Error::Usage(format!("`{id}` cannot be removed: every entry has one")));
        }
    }
    for (key, text) in &changes.set {
        let types = entry::field_types(file, article, key);
        let types: Vec<&str> = types.iter().map(String::as_str).collect();
        let value = entry::from_flag(text, &types).map_err(|e| Error::Usage(format!("--{key}: {e}")))?;
        let existing = fields(lines, &mapping);
        let before = lines.len();
        match existing.iter().find(|(k, _)| k == key) {
            Some((_, range)) => {
                let first = mapping.item && range.start == mapping.lines.start;
                let comment = entry::trailing_comment(&lines[range.start]).map(str::to_owned);
                let new = field_text(&mapping, key, &value, first, comment.as_deref());
                lines.splice(range.clone(), new);
            }
            None => {
                let after = existing.iter().take_while(|(k, _)| rank(k) <= rank(key)).last().or(existing.first());
                let at = after.map_or(mapping.lines.end, |(_, r)| r.end);
                lines.splice(at..at, field_text(&mapping, key, &value, false, None));
            }
        }
        mapping.lines.end = (mapping.lines.end + lines.len()).saturating_sub(before);
    }
    for key in &changes.unset {
        let existing = fields(lines, &mapping);
        let Some((_, range)) = existing.iter().find(|(k, _)| k == key) else {
            let known: Vec<&str> = existing.iter().map(|(k, _)| k.as_str()).collect();
            return Err(Error::Usage(format!("there is no `{key}` to remove; the entry has {}", known.join(", "))));
        };
        let first = mapping.item && range.start == mapping.lines.start;
        lines.drain(range.clone());
        mapping.lines.end -= range.len();
        if first && let Some(next) = lines.get_mut(range.start) {
            // The next field starts the item now.
            let pad = " ".repeat(mapping.indent - 2);
            *next = format!("{pad}- {}", next.trim_start());
        }
    }
    Ok(())
}

/// Where an entry is: its file and its mapping there.
fn locate_entry(files: &Files, what: What, id: &str, article: Option<&str>) -> Result<(String, Mapping), Error> {
    let file = what.file();
    let candidates: Vec<String> = match what {
        What::Claim | What::Article => match article.or((what == What::Article).then_some(id)) {
            Some(article) => vec![format!("{CLAIMS_DIR}/{article}.yaml")],
            None => files.claims.keys().cloned().collect(),
        },
        What::Fact => files.facts.keys().cloned().collect(),
        What::Source => vec![SOURCES_FILE.to_owned()],
        What::Term => vec![TERMS_FILE.to_owned()],
    };
    let mut found = Vec::new();
    for path in &candidates {
        let Some(text) = file_text(files, path) else { continue };
        let lines = split(text);
        let mapping = match what {
            What::Article => article_mapping(&lines),
            _ => find_item(&lines, what.list(), id_key(file), id).map(|range| mapping_of_item(&lines, range)),
        };
        if let Some(mapping) = mapping {
            found.push((path.clone(), mapping));
        }
    }
    match found.len() {
        0 => Err(Error::Usage(match (what, article) {
            (What::Article, _) => {
                format!("there is no article `{id}`: no `{CLAIMS_DIR}/{id}.yaml` with an `article:` block")
            }
            (What::Claim, Some(article)) => format!("article `{article}` has no claim `{id}`"),
            _ => format!("there is no {} `{id}`", what.name()),
        })),
        1 => Ok(found.remove(0)),
        _ => {
            let paths: Vec<String> = found.iter().map(|(p, _)| format!("`{p}`")).collect();
            Err(Error::Usage(format!("{} `{id}` is in {}; name one with --article", what.name(), paths.join(" and "))))
        }
    }
}

/// Sets, changes or removes fields of one entry. A claim is looked for in
/// every article unless `article` is given. The project need not load
/// before the change, only after it: an edit can mend broken data.
pub fn edit(
    root: &Path,
    what: What,
    id: &str,
    article: Option<&str>,
    changes: &Fields,
    mode: Mode,
) -> Result<Change, Error> {
    if changes.set.is_empty() && changes.unset.is_empty() {
        return Err(Error::Usage("nothing to change: give a field, `--value 3000`, or `--unset note`".to_owned()));
    }
    let (files, _) = load::read_files(root);
    let (path, _) = locate_entry(&files, what, id, article)?;
    let _lock = lock_for(root, &path, mode)?;
    // The data need not load before the edit, which may be what mends it;
    // only a file that cannot be read stops it. The result must load.
    let (mut files, problems) = load::read_files(root);
    if !problems.is_empty() {
        return Err(Error::Load(Diagnostics(problems).sorted()));
    }
    let (path, mapping) = locate_entry(&files, what, id, article)?;
    let before = file_text(&files, &path).unwrap_or_default().to_owned();
    let mut lines = split(&before);
    if mapping.item && lines[mapping.lines.start].trim_start().trim_start_matches('-').trim_start().starts_with('{') {
        return Err(Error::Usage(format!(
            "{} `{id}` in `{path}` is written in flow style (`{{…}}`); write it as one `key: value` per line to edit it",
            what.name()
        )));
    }
    let reviewed = reviews_draft(&lines, &mapping, what, changes);
    apply(&mut lines, mapping, what.file(), what == What::Article, reviewed.as_ref().unwrap_or(changes))?;
    let after = join(&lines);
    let loaded = commit(root, &mut files, &path, after.clone(), mode, |d| d)?;
    Ok(Change { path, before, after, loaded, written: mode == Mode::Write })
}

/// Setting `expect` on a draft reviews it: the changes, with `draft`
/// removed too, unless the command sets or removes `draft` itself.
fn reviews_draft(lines: &[String], mapping: &Mapping, what: What, changes: &Fields) -> Option<Fields> {
    let names_draft = changes.set.iter().any(|(k, _)| k == "draft") || changes.unset.iter().any(|k| k == "draft");
    let sets_expect = changes.set.iter().any(|(k, _)| k == "expect");
    let is_draft = fields(lines, mapping).iter().any(|(k, _)| k == "draft");
    (what == What::Claim && sets_expect && is_draft && !names_draft).then(|| {
        let mut changes = changes.clone();
        changes.unset.push("draft".to_owned());
        changes
    })
}

fn lock_for(root: &Path, path: &str, mode: Mode) -> Result<Option<crate::fs::FileLock>, Error> {
    match mode {
        Mode::Write => lock(root, path).map(Some),
        Mode::DryRun => Ok(None),
    }
}

/// Removes one entry, with the comment lines heading it, and refuses
/// ([`Error::InUse`]) while another entry cites it: a claim or fact citing
/// a source, a claim whose date counts from a claim, a term broader than
/// another.
pub fn remove(root: &Path, what: What, id: &str, article: Option<&str>, mode: Mode) -> Result<Change, Error> {
    if what == What::Article {
        return Err(Error::Usage(
            "an article is removed by deleting its files: articles/<id>.txt, claims/<id>.yaml, snapshots/<id>/"
                .to_owned(),
        ));
    }
    let (files, _) = load::read_files(root);
    let (path, _) = locate_entry(&files, what, id, article)?;
    let _lock = lock_for(root, &path, mode)?;
    let (mut files, loaded) = current(root)?;
    let (path, mapping) = locate_entry(&files, what, id, article)?;
    let citations = citations(&files, &loaded.project, what, id, &path);
    if !citations.is_empty() {
        return Err(Error::InUse {
            what: what.name().to_owned(),
            id: id.to_owned(),
            citations: Diagnostics(citations).sorted(),
        });
    }
    let before = file_text(&files, &path).unwrap_or_default().to_owned();
    let mut lines = split(&before);
    let mut range = mapping.lines.clone();
    // The comment lines right above an item are about it.
    while range.start > 0
        && lines[range.start - 1].trim_start().starts_with('#')
        && indent_of(&lines[range.start - 1]) >= mapping.indent - 2
    {
        range.start -= 1;
    }
    // And one blank line that separated it from its neighbours.
    if range.start > 0 && lines[range.start - 1].trim().is_empty() {
        range.start -= 1;
    } else if lines.get(range.end).is_some_and(|l| l.trim().is_empty()) {
        range.end += 1;
    }
    lines.drain(range);
    if items(&lines, what.list()).is_empty()
        && let Some(region) = region(&lines, what.list())
    {
        // The last entry gone, the list is empty, not null.
        let key = region.start - 1;
        let comment = entry::trailing_comment(&lines[key]).map(|c| format!(" {c}")).unwrap_or_default();
        lines[key] = format!("{}: []{comment}", what.list());
    }
    let after = join(&lines);
    let loaded = commit(root, &mut files, &path, after.clone(), mode, |d| d)?;
    Ok(Change { path, before, after, loaded, written: mode == Mode::Write })
}

/// Every entry citing the `what` named `id` (which is in `path`), each as
/// an error at the line that cites it.
fn citations(files: &Files, project: &Project, what: What, id: &str, path: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut cite = |file: &str, list: &str, key: &str, entry: &str, field: &str, message: String, help: String| {
        let Some(text) = file_text(files, file) else { return };
        let lines = split(text);
        let Some(range) = find_item(&lines, list, key, entry) else { return };
        let mapping = mapping_of_item(&lines, range);
        let range =
            fields(&lines, &mapping).into_iter().find(|(k, _)| k == field).map_or(mapping.lines.clone(), |(_, r)| r);
        let start: usize = lines[..range.start].iter().map(|l| l.len() + 1).sum();
        let end: usize = lines[..range.end].iter().map(|l| l.len() + 1).sum();
        // The cited id in the field's lines, else the field's key.
        let (offset, len) = text[start..end.min(text.len())]
            .find(id)
            .map_or((start + mapping.indent, field.len()), |at| (start + at, id.len()));
        let text: std::sync::Arc<str> = std::sync::Arc::from(text);
        let span = Span::at(&text, offset).with_len(&text, len);
        out.push(Diagnostic::error(file, &text, span, message).with_help(help));
    };
    match what {
        What::Source => {
            for article in &project.articles {
                let file = format!("{CLAIMS_DIR}/{}.yaml", article.article.id);
                for claim in article.claims.iter().filter(|c| c.sources.iter().any(|s| s.as_str() == id)) {
                    cite(
                        &file,
                        "claims",
                        "id",
                        claim.id.as_str(),
                        "sources",
                        format!("claim `{}` cites source `{id}`", claim.id),
                        format!("take `{id}` out of its sources first, or remove the claim"),
                    );
                }
            }
            for fact in project.reference.facts.iter().filter(|f| f.sources.iter().any(|s| s.as_str() == id)) {
                let holds = |text: &String| {
                    text.contains(fact.id.as_str())
                        && find_item(&split(text), "facts", "id", fact.id.as_str()).is_some()
                };
                let Some(file) = files.facts.iter().find(|(_, t)| holds(t)).map(|(p, _)| p.clone()) else { continue };
                cite(
                    &file,
                    "facts",
                    "id",
                    fact.id.as_str(),
                    "sources",
                    format!("fact `{}` cites source `{id}`", fact.id),
                    "every fact cites a source: cite another in its place first, or remove the fact".to_owned(),
                );
            }
        }
        What::Claim => {
            let article = path.rsplit('/').next().unwrap_or(path).trim_end_matches(".yaml");
            for claim in project.articles.iter().filter(|a| a.article.id.as_str() == article).flat_map(|a| &a.claims) {
                let anchor = match &claim.assertion {
                    crate::model::Assertion::Date(d) => Some(&d.relative_to),
                    crate::model::Assertion::Event(t) | crate::model::Assertion::Attribution(t) => Some(&t.relative_to),
                    _ => None,
                };
                if let Some(crate::model::Anchor::Claim(anchor)) = anchor
                    && anchor.as_str() == id
                {
                    cite(
                        path,
                        "claims",
                        "id",
                        claim.id.as_str(),
                        "relative_to",
                        format!("claim `{}` counts its date from claim `{id}`", claim.id),
                        "change its `relative_to` first, or remove it".to_owned(),
                    );
                }
            }
        }
        What::Term => {
            for definition in
                project.reference.definitions.iter().filter(|d| d.broader.iter().any(|b| b.as_str() == id))
            {
                cite(
                    TERMS_FILE,
                    "terms",
                    "term",
                    definition.term.as_str(),
                    "broader",
                    format!("term `{}` falls under `{id}`", definition.term),
                    format!("take `{id}` out of its `broader` first"),
                );
            }
        }
        What::Fact | What::Article => {}
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<String> {
        split(text)
    }

    const CLAIMS: &str = "# top\narticle:\n  id: a\n  publisher: P # who\n  url: https://example.org/\n  published: 2024-01-02\nclaims:\n  # the first\n  - id: one\n    text: One\n    kind: opinion\n    note: >-\n      a long\n      note\n\n  - id: two # second\n    text: Two\n    kind: quantity\n    value: 2\n    sources: [s]\n";

    fn edited(what: What, id: &str, set: &[(&str, &str)], unset: &[&str]) -> Result<String, Error> {
        let mut all = lines(CLAIMS);
        let mapping = match what {
            What::Article => article_mapping(&all).unwrap(),
            _ => mapping_of_item(&all, find_item(&all, "claims", "id", id).unwrap()),
        };
        let changes = Fields {
            set: set.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect(),
            unset: unset.iter().map(|k| (*k).to_owned()).collect(),
        };
        apply(&mut all, mapping, DataFile::Claims, what == What::Article, &changes)?;
        Ok(join(&all))
    }

    #[test]
    fn items_are_found_by_id_with_their_lines() {
        let all = lines(CLAIMS);
        assert_eq!(items(&all, "claims"), [8..14, 15..20]);
        assert_eq!(find_item(&all, "claims", "id", "two"), Some(15..20));
        assert_eq!(find_item(&all, "claims", "id", "three"), None);
        let fields: Vec<String> = fields(&all, &mapping_of_item(&all, 8..14)).into_iter().map(|(k, _)| k).collect();
        assert_eq!(fields, ["id", "text", "kind", "note"]);
    }

    #[test]
    fn a_field_is_changed_in_place_keeping_its_comment() {
        let out = edited(What::Claim, "two", &[("value", "3000")], &[]).unwrap();
        assert_eq!(out, CLAIMS.replace("    value: 2\n", "    value: 3000\n"));
        let out = edited(What::Article, "a", &[("publisher", "Q: R")], &[]).unwrap();
        assert_eq!(out, CLAIMS.replace("  publisher: P # who\n", "  publisher: \"Q: R\" # who\n"));
    }

    #[test]
    fn a_new_field_goes_where_add_would_write_it() {
        let out = edited(What::Claim, "two", &[("unit", "people"), ("expect", "supported")], &[]).unwrap();
        assert_eq!(
            out,
            CLAIMS.replace(
                "    value: 2\n    sources: [s]\n",
                "    value: 2\n    unit: people\n    sources: [s]\n    expect: supported\n"
            )
        );
        let out = edited(What::Article, "a", &[("note", "checked twice")], &[]).unwrap();
        assert_eq!(
            out,
            CLAIMS.replace("  published: 2024-01-02\n", "  published: 2024-01-02\n  note: checked twice\n")
        );
    }

    #[test]
    fn a_field_is_removed_with_all_its_lines() {
        let out = edited(What::Claim, "one", &[], &["note"]).unwrap();
        assert_eq!(out, CLAIMS.replace("    note: >-\n      a long\n      note\n", ""));
        let err = edited(What::Claim, "one", &[], &["unit"]).unwrap_err();
        assert_eq!(err.to_string(), "there is no `unit` to remove; the entry has id, text, kind, note");
    }

    #[test]
    fn ids_are_not_changed() {
        let err = edited(What::Claim, "one", &[("id", "uno")], &[]).unwrap_err();
        assert!(err.to_string().starts_with("`id` cannot be changed"), "{err}");
    }

    #[test]
    fn fields_are_read_from_the_command_line() {
        let args: Vec<String> = ["--value", "3000", "--relative-to=c", "--dry-run", "--unset", "note", "--root", "r"]
            .map(String::from)
            .to_vec();
        let (fields, options) = parse_fields(&args).unwrap();
        assert_eq!(fields.set, [("value".to_owned(), "3000".to_owned()), ("relative_to".to_owned(), "c".to_owned())]);
        assert_eq!(fields.unset, ["note"]);
        assert_eq!(options, Options { dry_run: true, root: Some("r".to_owned()), article: None });
        assert!(parse_fields(&["--note".to_owned()]).is_err());
        assert!(parse_fields(&["value".to_owned()]).is_err());
    }
}
