//! Importing a statistical table as facts: `factcheck import`.
//!
//! A table (CSV with a column mapping, JSON-stat 2.0, or SDMX-CSV) is read
//! into rows ([`table`]), each row becomes one fact of a series: subject,
//! measure, period, value with unit and scale, the vintage it was published
//! in, and the source it cites. Rows are refused with a located error
//! (file, row, column) when a field cannot be read, when two rows give the
//! same observation twice (a duplicate) or two values for it (a conflict),
//! and when an existing fact already holds another value for the same
//! observation and vintage. A row whose fact is already there is left out,
//! so importing the same table again writes nothing. The new facts are
//! appended to one facts file as [`crate::add`] writes entries, and the
//! whole project must still load before anything is written.

pub mod mapping;
pub mod table;

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::Arc;

use crate::add::{self, DataFile, FactInput, schema_line};
use crate::date::DateSpec;
use crate::error::{Diagnostic, Diagnostics, Error};
use crate::fs::write_atomic;
use crate::load::{self, FACTS_DIR, Files, Loaded, slug};
use crate::model::{FactValue, Project, Scale, Validity, is_rate_unit};

pub use mapping::{Field, Mapping, MappingText, TableFormat};
use table::{Cell, Row, Table};

/// What to import, and where to.
#[derive(Clone, Debug)]
pub struct Request {
    /// The table's path, as given (messages name it so).
    pub table: String,
    /// The table's format; guessed from its name when `None`.
    pub format: Option<TableFormat>,
    /// How its columns become fields.
    pub mapping: Mapping,
    /// The facts file to add to, relative to the project root
    /// (`reference/facts/<name>.yaml`; a bare name is put there).
    pub into: String,
}

/// One fact an import would add.
#[derive(Clone, Debug, PartialEq)]
pub struct NewFact {
    /// Its id.
    pub id: String,
    /// Its lines, as written into the facts file.
    pub lines: Vec<String>,
}

/// One facts file an import writes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Write {
    /// Its path, relative to the project root.
    pub path: String,
    /// Its text before.
    pub before: String,
    /// Its text after.
    pub after: String,
    /// Whether the file is new.
    pub creates: bool,
    /// How many new facts go into it.
    pub facts: usize,
}

/// The most facts an import puts in one file: the loader bounds the size of
/// what one file may hold, so larger imports go on in `NAME-2.yaml`,
/// `NAME-3.yaml` … as the corpus generator's files do.
pub const FACTS_PER_FILE: usize = crate::corpus::FACTS_PER_FILE;

/// What an import would write, before anything is.
#[derive(Debug)]
pub struct Plan {
    /// The facts files written, in order: `NAME.yaml`, then `NAME-2.yaml` …
    pub writes: Vec<Write>,
    /// Rows read as observations.
    pub rows: usize,
    /// Cells holding no number (empty, `..`), left out.
    pub skipped: usize,
    /// Rows whose fact is already in the reference.
    pub present: usize,
    /// The facts to add.
    pub new: Vec<NewFact>,
    /// The project as it would load.
    pub loaded: Option<Loaded>,
}

/// The path of the facts file `into` names.
pub fn facts_path(into: &str) -> String {
    let name = into.trim_start_matches("./");
    let name = name.strip_prefix(&format!("{FACTS_DIR}/")).unwrap_or(name);
    let name = if name.ends_with(".yaml") { name.to_owned() } else { format!("{name}.yaml") };
    format!("{FACTS_DIR}/{name}")
}

/// A time code as tables write it, as a period factcheck reads: `2023`,
/// `2023-04`, `2023-04-15`, `2023-Q2` and `2023Q2`, `2023M04` (Eurostat),
/// `2023-S1` (a half year), and ranges `A/B` of those.
pub fn normalize_period(text: &str) -> Option<String> {
    let text = text.trim();
    if let Some((a, b)) = text.split_once('/') {
        let (a, b) = (normalize_period(a)?, normalize_period(b)?);
        let first = a.split('/').next().unwrap_or(&a).to_owned();
        let last = b.rsplit('/').next().unwrap_or(&b).to_owned();
        return Some(format!("{first}/{last}"));
    }
    let bytes = text.as_bytes();
    let year = text.get(..4).filter(|y| y.bytes().all(|b| b.is_ascii_digit()))?;
    let rest = &text[4..];
    let rest = rest.strip_prefix('-').unwrap_or(rest);
    let normal = match rest.as_bytes() {
        [] => year.to_owned(),
        [b'Q', q @ b'1'..=b'4'] => format!("{year}-Q{}", *q as char),
        [b'M', m1, m2] if m1.is_ascii_digit() && m2.is_ascii_digit() => {
            format!("{year}-{}{}", *m1 as char, *m2 as char)
        }
        [b'S', b'1'] | [b'H', b'1'] => format!("{year}-01/{year}-06"),
        [b'S', b'2'] | [b'H', b'2'] => format!("{year}-07/{year}-12"),
        [b'A'] | [b'A', b'1'] => year.to_owned(),
        _ if bytes.len() >= 7 && bytes[4] == b'-' => text.to_owned(),
        _ => return None,
    };
    normal.parse::<DateSpec>().ok().map(|_| normal)
}

/// A scale as tables write it: a name, or SDMX's `UNIT_MULT` power of ten.
pub fn parse_scale(text: &str) -> Option<Scale> {
    let text = text.trim().to_lowercase();
    if let Ok(power) = text.parse::<i32>() {
        return Scale::of_power(power);
    }
    let name = text.trim_end_matches('s');
    Scale::ALL.into_iter().find(|s| s.name() == name || (name == "unit" && s.is_units()))
}

/// The id a row's fact gets: subject, measure, period and vintage.
fn fact_id(subject: &str, measure: &str, period: &str, published: &str) -> String {
    let id = slug(&format!("{subject} {measure} {period} {published}"));
    if id.len() <= 100 {
        return id;
    }
    // Long names keep their end (period and vintage) and as much of the start as fits.
    let tail = slug(&format!("{measure} {period} {published}"));
    let room = 100usize.saturating_sub(tail.len() + 1);
    let head: String = slug(subject).chars().take(room).collect();
    format!("{}-{tail}", head.trim_end_matches('-')).trim_start_matches('-').to_owned()
}

/// The key two observations share when they are one: subject, measure,
/// period and vintage.
type Key = (String, String, String, String);

/// A row read into a fact.
struct Converted {
    key: Key,
    value: f64,
    input: FactInput,
}

/// What one existing fact says, for the duplicate check.
struct Existing {
    id: String,
    value: f64,
}

fn existing_facts(project: &Project) -> (HashMap<Key, Existing>, HashMap<String, Key>) {
    let mut by_key = HashMap::new();
    let mut by_id = HashMap::new();
    for fact in &project.reference.facts {
        let (FactValue::Number { value, .. }, Some(period), Validity::Published(at)) =
            (&fact.value, fact.period, &fact.validity)
        else {
            continue;
        };
        let key = (fact.subject.to_string(), fact.property.to_string(), period.to_string(), at.to_string());
        by_id.insert(fact.id.to_string(), key.clone());
        by_key.insert(key, Existing { id: fact.id.to_string(), value: value * fact.scale.factor() });
    }
    (by_key, by_id)
}

/// Reads one row into a fact, or records why not.
fn convert(
    table: &Table,
    row: &Row,
    table_published: Option<&str>,
    project: &Project,
    problems: &mut Vec<Diagnostic>,
) -> Option<Converted> {
    let mut fail = |cell: &Cell, message: String, help: &str| {
        problems.push(table.error(cell.loc, format!("{}: {message}", row.name)).with_help(help.to_owned()));
    };
    let name = |cell: &Cell, what: &str, fail: &mut dyn FnMut(&Cell, String, &str)| -> Option<String> {
        let id = slug(&cell.text);
        if id.is_empty() || id.len() > 100 {
            fail(
                cell,
                format!("`{}` makes no {what} id", cell.text),
                "a name needs letters or digits, at most 100 of them",
            );
            None
        } else {
            Some(id)
        }
    };
    let subject = name(&row.subject, "subject", &mut fail);
    let measure = name(&row.measure, "measure", &mut fail);
    let period = normalize_period(&row.period.text);
    if period.is_none() {
        fail(
            &row.period,
            format!("`{}` is not a period", row.period.text),
            "write periods as 2023, 2023-Q2, 2023-04, 2023-04-15, 2023M04 or 2023-01/2023-03",
        );
    }
    let value = match row.value.text.trim().parse::<f64>() {
        Ok(v) if v.is_finite() => Some(v),
        _ => {
            fail(
                &row.value,
                format!("`{}` is not a number", row.value.text),
                "write numbers plainly, without thousands separators: 12347000 or 12.35",
            );
            None
        }
    };
    let unit = match &row.unit {
        Some(c) if !c.text.trim().is_empty() => Some(c.text.trim().to_owned()),
        Some(c) => {
            fail(c, "the unit is empty".to_owned(), "say what the number counts or measures: people, percent, index");
            None
        }
        None => {
            fail(
                &row.value,
                "no unit".to_owned(),
                "name the unit column with `--unit-column`, or give one with `--unit`",
            );
            None
        }
    };
    let scale = match &row.scale {
        None => Some(Scale::Units),
        Some(c) if c.text.trim().is_empty() => Some(Scale::Units),
        Some(c) => {
            let scale = parse_scale(&c.text);
            if scale.is_none() {
                fail(
                    c,
                    format!("`{}` is not a scale", c.text),
                    "write units, thousand, million, billion, trillion, or a power of ten (3, 6, 9)",
                );
            }
            scale
        }
    };
    let source = match &row.source {
        Some(c) => {
            let known = project.reference.source(&crate::model::SourceId::from(c.text.trim()));
            if known.is_none() {
                let ids = project.reference.sources.iter().map(|s| s.id.as_str());
                let help = crate::nearest::closest(c.text.trim(), ids).map_or_else(
                    || "add the source with `factcheck add source` first".to_owned(),
                    |n| format!("did you mean `{n}`?"),
                );
                fail(c, format!("there is no source `{}`", c.text.trim()), &help);
            }
            known
        }
        None => {
            fail(&row.value, "no source".to_owned(), "say which source the table is from with `--source ID`");
            None
        }
    };
    let published = match (&row.published, table_published, source) {
        (Some(c), _, _) => {
            let spec = c.text.trim().parse::<DateSpec>().ok();
            if spec.is_none() {
                fail(c, format!("`{}` is not a date", c.text), "write when the figure was published: 2023-05-16");
            }
            spec
        }
        (None, Some(updated), _) => updated.parse::<DateSpec>().ok(),
        (None, None, Some(source)) => {
            if source.published.is_none() {
                fail(
                    &row.value,
                    format!("source `{}` has no date, so the vintage is unknown", source.id),
                    "say when the figures were published with `--published DATE`",
                );
            }
            source.published
        }
        (None, None, None) => None,
    };
    let (subject, measure, period, value, unit, scale, source, published) =
        (subject?, measure?, period?, value?, unit?, scale?, source?, published?);
    let signed = value < 0.0 && !is_rate_unit(&unit);
    let input = FactInput {
        subject: Some(subject.clone()),
        measure: Some(measure.clone()),
        value: Some(value),
        unit: Some(unit),
        scale: (!scale.is_units()).then(|| scale.name().to_owned()),
        signed,
        period: Some(period.clone()),
        published: Some(published.to_string()),
        sources: vec![source.id.to_string()],
        note: row.note.clone(),
        ..FactInput::default()
    };
    Some(Converted { key: (subject, measure, period, published.to_string()), value: value * scale.factor(), input })
}

/// Reads the table and works out what importing it adds to the project
/// at `root`, without writing anything.
pub fn plan(root: &Path, request: &Request) -> Result<Plan, Error> {
    let text = std::fs::read_to_string(&request.table)
        .map_err(|e| Error::Usage(format!("cannot read `{}`: {e}", request.table)))?;
    let (files, loaded) = add::current(root)?;
    plan_with(files, &loaded.project, request, Arc::from(text))
}

/// [`plan`] for a table already read, against a project already loaded.
pub fn plan_with(mut files: Files, project: &Project, request: &Request, text: Arc<str>) -> Result<Plan, Error> {
    let table = Table { path: request.table.clone(), text };
    let format =
        request.format.or(request.mapping.format).or_else(|| TableFormat::guess(&request.table)).ok_or_else(|| {
            Error::Usage(format!("say what `{}` is with `--format csv|json-stat|sdmx-csv`", request.table))
        })?;
    let read = table::read(&table, format, &request.mapping).map_err(|d| Error::Load(Diagnostics(d).sorted()))?;
    let (existing, existing_ids) = existing_facts(project);
    let mut problems = Vec::new();
    let mut seen: BTreeMap<Key, (usize, f64)> = BTreeMap::new();
    let mut present = 0;
    let mut new = Vec::new();
    let mut ids: std::collections::BTreeSet<String> = std::collections::BTreeSet::new();
    for (n, row) in read.rows.iter().enumerate() {
        let Some(fact) = convert(&table, row, read.published.as_deref(), project, &mut problems) else { continue };
        if let Some((first, value)) = seen.get(&fact.key) {
            let first = &read.rows[*first].name;
            let (message, help) = if *value == fact.value {
                (
                    format!("{} repeats {first}", row.name),
                    "each observation (subject, measure, period, vintage) goes once; remove one",
                )
            } else {
                (
                    format!("{} and {first} give two values for one observation", row.name),
                    "the table contradicts itself; a revised value is a later vintage, with its own `published`",
                )
            };
            problems.push(
                table
                    .error(row.value.loc, message)
                    .with_label(format!("{} {} {}", fact.key.0, fact.key.1, fact.key.2))
                    .with_help(help),
            );
            continue;
        }
        seen.insert(fact.key.clone(), (n, fact.value));
        if let Some(old) = existing.get(&fact.key) {
            if old.value == fact.value {
                present += 1;
            } else {
                problems.push(
                    table
                        .error(
                            row.value.loc,
                            format!("{}: fact `{}` already gives this observation another value", row.name, old.id),
                        )
                        .with_label(format!("`{}` says {}", old.id, crate::check::number(old.value)))
                        .with_help(
                            "a revision is a later vintage: import it with the date it was published (`--published`)",
                        ),
                );
            }
            continue;
        }
        let id = fact_id(&fact.key.0, &fact.key.1, &fact.key.2, &fact.key.3);
        if existing_ids.contains_key(&id)
            || project.reference.fact(&crate::model::FactId::from(id.as_str())).is_some()
            || !ids.insert(id.clone())
        {
            problems.push(
                table
                    .error(row.value.loc, format!("{}: the id `{id}` is taken by another fact", row.name))
                    .with_help("rename the existing fact, or import into a project without it"),
            );
            continue;
        }
        new.push(NewFact { lines: fact.input.lines(&id), id });
    }
    if !problems.is_empty() {
        return Err(Error::Load(Diagnostics(problems).sorted()));
    }
    let base = facts_path(&request.into);
    let stem = base.trim_end_matches(".yaml").to_owned();
    let mut writes = Vec::new();
    let mut remaining: &[NewFact] = &new;
    for n in 1.. {
        if remaining.is_empty() {
            break;
        }
        let path = if n == 1 { base.clone() } else { format!("{stem}-{n}.yaml") };
        let (before, creates) = match files.facts.get(&path) {
            Some(text) => (text.clone(), false),
            None => (format!("{}\nfacts: []\n", schema_line(DataFile::Facts)), true),
        };
        let room = FACTS_PER_FILE.saturating_sub(load::parse_only_file(&path, &before));
        if room == 0 {
            continue;
        }
        let (chunk, rest) = remaining.split_at(room.min(remaining.len()));
        remaining = rest;
        let after = append_entries(&before, chunk).map_err(|e| Error::Usage(format!("{path}: {e}")))?;
        files.facts.insert(path.clone(), after.clone());
        writes.push(Write { path, before, after, creates, facts: chunk.len() });
    }
    let loaded = match writes.last() {
        Some(last) => Some(add::check_candidate(&mut files, &last.path, last.after.clone())?),
        None => None,
    };
    Ok(Plan { writes, rows: read.rows.len(), skipped: read.skipped, present, new, loaded })
}

/// `before` with each new fact appended to its `facts:` list.
fn append_entries(before: &str, new: &[NewFact]) -> Result<String, String> {
    let entries: Vec<Vec<String>> = new.iter().map(|f| f.lines.clone()).collect();
    crate::yaml::append_all_to_sequence(before, "facts", &entries)
}

/// Writes what `plan` found, holding the facts file's lock: the project
/// is loaded again first, so a change made since the plan is not lost.
pub fn apply(root: &Path, request: &Request) -> Result<Plan, Error> {
    let path = facts_path(&request.into);
    std::fs::create_dir_all(root.join(FACTS_DIR))
        .map_err(|source| Error::Write { path: FACTS_DIR.to_owned(), source })?;
    let _lock = add::lock(root, &path)?;
    let plan = plan(root, request)?;
    for write in &plan.writes {
        write_atomic(&root.join(&write.path), write.after.as_bytes())
            .map_err(|source| Error::Write { path: write.path.clone(), source })?;
    }
    Ok(plan)
}

/// Loads the project at `root` as [`load::from_root`] would, for callers
/// that only have a table to plan against.
pub fn project(root: &Path) -> Result<Loaded, Error> {
    load::from_root(root)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_codes_become_periods() {
        for (code, period) in [
            ("2023", "2023"),
            ("2023-04", "2023-04"),
            ("2023M04", "2023-04"),
            ("2023Q2", "2023-Q2"),
            ("2023-Q2", "2023-Q2"),
            ("2023-S2", "2023-07/2023-12"),
            ("2023-04-15", "2023-04-15"),
            ("2023-01/2023-03", "2023-01/2023-03"),
        ] {
            assert_eq!(normalize_period(code).as_deref(), Some(period), "{code}");
        }
        for bad in ["April 2023", "23-04", "2023-13", "2023Q5", ""] {
            assert_eq!(normalize_period(bad), None, "{bad}");
        }
    }

    #[test]
    fn scales_are_names_or_powers_of_ten() {
        assert_eq!(parse_scale("3"), Some(Scale::Thousand));
        assert_eq!(parse_scale("6"), Some(Scale::Million));
        assert_eq!(parse_scale("0"), Some(Scale::Units));
        assert_eq!(parse_scale("Millions"), Some(Scale::Million));
        assert_eq!(parse_scale("2"), None);
    }

    #[test]
    fn ids_name_the_observation_and_stay_short() {
        assert_eq!(fact_id("northland", "employed", "2023-Q4", "2024-02-14"), "northland-employed-2023-q4-2024-02-14");
        let long = fact_id(&"very long subject name ".repeat(10), "measure", "2023-01/2023-03", "2024-02-14");
        assert!(long.len() <= 100, "{long}");
        assert!(long.ends_with("measure-2023-01-2023-03-2024-02-14"), "{long}");
    }
}
