//! Reading tables into rows: one observation per row, each field with
//! where it stands in the table, so a problem can be shown at its row and
//! column. CSV and SDMX-CSV go through the `csv` crate; JSON-stat through
//! `serde_json`. Nothing here knows about facts; [`super`] turns rows into
//! them.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde_json::Value as Json;

use crate::error::Diagnostic;
use crate::yaml::Span;

use super::mapping::{Field, Mapping, TableFormat};

/// Where a cell's text stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Loc {
    /// Field `index` of the CSV record starting at byte `record`.
    Field {
        /// The record's first byte.
        record: u64,
        /// The field's position in the record, from 0.
        index: usize,
    },
    /// A span of the table's text.
    Span(Span),
    /// A constant from the mapping.
    Given,
}

/// One field of one row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cell {
    /// Its text.
    pub text: String,
    /// Where it stands.
    pub loc: Loc,
}

impl Cell {
    fn given(text: &str) -> Cell {
        Cell { text: text.to_owned(), loc: Loc::Given }
    }
}

/// One observation of a table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// How a message names the row: "row 12", "cell 7 (region=north, time=2023)".
    pub name: String,
    /// The subject, as written.
    pub subject: Cell,
    /// The measure, as written.
    pub measure: Cell,
    /// The period, as written.
    pub period: Cell,
    /// The number, as written.
    pub value: Cell,
    /// The unit.
    pub unit: Option<Cell>,
    /// The scale: a name or a power of ten.
    pub scale: Option<Cell>,
    /// When the figure was published.
    pub published: Option<Cell>,
    /// The source's id.
    pub source: Option<Cell>,
    /// Text for the fact's note.
    pub note: Option<String>,
}

/// What a table holds.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Read {
    /// The observations.
    pub rows: Vec<Row>,
    /// Cells that hold no number (empty, `..`, `NA`): not observations.
    pub skipped: usize,
    /// When the table says it was published (JSON-stat's `updated`).
    pub published: Option<String>,
}

/// A table's text and how messages name it.
pub struct Table {
    /// The path as given.
    pub path: String,
    /// The text.
    pub text: Arc<str>,
}

impl Table {
    /// A located error in this table.
    pub fn error(&self, loc: Loc, message: impl Into<String>) -> Diagnostic {
        let span = match loc {
            Loc::Field { record, index } => field_span(&self.text, record, index),
            Loc::Span(span) => span,
            Loc::Given => Span::at(&self.text, 0),
        };
        Diagnostic::error(&self.path, &self.text, span, message)
    }

    fn at(&self, offset: usize, len: usize) -> Span {
        Span::at(&self.text, offset).with_len(&self.text, len)
    }

    /// The span of the first occurrence of `needle`, or the start.
    fn find(&self, needle: &str) -> Span {
        self.text.find(needle).map_or_else(|| Span::at(&self.text, 0), |at| self.at(at, needle.len()))
    }
}

/// The span of field `index` of the record starting at byte `record`,
/// found by reading the record again with `csv_core` (only ever done to
/// show a problem).
fn field_span(text: &str, record: u64, index: usize) -> Span {
    let start = usize::try_from(record).unwrap_or(0).min(text.len());
    let input = &text.as_bytes()[start..];
    let mut reader = csv_core::Reader::new();
    let mut output = vec![0u8; input.len().max(1)];
    let (mut offset, mut field) = (0, 0);
    loop {
        let (result, read, _) = reader.read_field(&input[offset..], &mut output);
        let raw = &input[offset..offset + read];
        let len = raw.iter().rposition(|b| !matches!(b, b',' | b'\n' | b'\r')).map_or(0, |p| p + 1);
        if field == index {
            return Span::at(text, start + offset).with_len(text, len);
        }
        offset += read;
        field += 1;
        match result {
            csv_core::ReadFieldResult::Field { record_end: false } if offset < input.len() => {}
            _ => return Span::at(text, start),
        }
    }
}

/// Markers statistics offices put where there is no number.
const NO_NUMBER: [&str; 9] = ["", "..", "...", "x", "X", "NA", "n/a", "-", ":"];

/// Whether a cell holds no number at all (as opposed to a malformed one).
pub fn is_empty_cell(text: &str) -> bool {
    NO_NUMBER.contains(&text.trim())
}

/// Reads every record of `reader`, handing each to `row` with the byte its
/// record starts at and its line; a record that cannot be read is recorded
/// in `problems` and ends the reading.
fn each_record(
    table: &Table,
    reader: &mut csv::Reader<&[u8]>,
    problems: &mut Vec<Diagnostic>,
    mut row: impl FnMut(&csv::StringRecord, u64, u64),
) {
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                problems.push(csv_error(table, &e));
                break;
            }
        }
        if let Some(position) = record.position() {
            row(&record, position.byte(), position.line());
        }
    }
}

/// Reads a plain CSV with a header row, its columns named by `mapping`
/// (a field the mapping does not name is read from a column of its own
/// name, if there is one).
pub fn read_csv(table: &Table, mapping: &Mapping) -> Result<Read, Vec<Diagnostic>> {
    let mut reader = csv::ReaderBuilder::new().has_headers(true).flexible(false).from_reader(table.text.as_bytes());
    let headers = match reader.headers() {
        Ok(h) => h.clone(),
        Err(e) => return Err(vec![csv_error(table, &e)]),
    };
    let names: Vec<&str> = headers.iter().map(str::trim).collect();
    let mut problems = Vec::new();
    let mut column = |field: &Field, name: &str, required: bool| -> Option<Source> {
        match field {
            Field::Value(v) => Some(Source::Given(v.clone())),
            Field::Column(c) => match names.iter().position(|h| h == c) {
                Some(i) => Some(Source::Column(i)),
                None => {
                    problems.push(
                        table
                            .error(
                                Loc::Span(table.at(0, table.text.find('\n').unwrap_or(table.text.len()))),
                                format!("there is no column `{c}`"),
                            )
                            .with_help(format!("the columns are: {}", names.join(", "))),
                    );
                    None
                }
            },
            Field::None => match names.iter().position(|h| *h == name) {
                Some(i) => Some(Source::Column(i)),
                None if required => {
                    problems.push(
                        table
                            .error(Loc::Span(table.at(0, table.text.find('\n').unwrap_or(table.text.len()))), format!("no column gives the `{name}`"))
                            .with_help(format!(
                                "name it with `--{0}-column COLUMN` (or `{1}_column:` in the mapping file), or give one for every row with `--{0} VALUE`",
                                name.replace('_', "-"),
                                name
                            )),
                    );
                    None
                }
                None => Some(Source::Absent),
            },
        }
    };
    let fields = [
        column(&mapping.subject, "subject", true),
        column(&mapping.measure, "measure", true),
        column(&mapping.period, "period", true),
        column(&mapping.value, "value", true),
        column(&mapping.unit, "unit", true),
        column(&mapping.scale, "scale", false),
        column(&mapping.published, "published", false),
        column(&mapping.source, "source", false),
        column(&mapping.note, "note", false),
    ];
    if !problems.is_empty() {
        return Err(problems);
    }
    let [subject, measure, period, value, unit, scale, published, source, note] = fields.map(Option::unwrap_or_default);
    let mut read = Read::default();
    each_record(table, &mut reader, &mut problems, |record, start, line| {
        let cell = |source: &Source| -> Option<Cell> {
            match source {
                Source::Column(i) => Some(Cell {
                    text: record.get(*i).unwrap_or("").trim().to_owned(),
                    loc: Loc::Field { record: start, index: *i },
                }),
                Source::Given(v) => Some(Cell::given(v)),
                Source::Absent => None,
            }
        };
        let Some(value_cell) = cell(&value) else { return };
        if is_empty_cell(&value_cell.text) {
            read.skipped += 1;
            return;
        }
        let required = |c: Option<Cell>| c.unwrap_or_else(|| Cell::given(""));
        read.rows.push(Row {
            name: format!("row {line}"),
            subject: required(cell(&subject)),
            measure: required(cell(&measure)),
            period: required(cell(&period)),
            value: value_cell,
            unit: cell(&unit),
            scale: cell(&scale),
            published: cell(&published),
            source: cell(&source),
            note: cell(&note).map(|c| c.text).filter(|t| !t.is_empty()),
        });
    });
    if problems.is_empty() { Ok(read) } else { Err(problems) }
}

/// Where a field's text comes from.
#[derive(Clone, Debug, Default)]
enum Source {
    /// A column, by position.
    Column(usize),
    /// A constant.
    Given(String),
    /// Nowhere: an optional field left out.
    #[default]
    Absent,
}

fn csv_error(table: &Table, e: &csv::Error) -> Diagnostic {
    let (span, message) = match e.kind() {
        csv::ErrorKind::UnequalLengths { pos, expected_len, len } => {
            let span = pos.as_ref().map_or_else(
                || Span::at(&table.text, 0),
                |p| Span::at(&table.text, usize::try_from(p.byte()).unwrap_or(0)),
            );
            (span, format!("this row has {len} fields, the header {expected_len}"))
        }
        csv::ErrorKind::Utf8 { pos, .. } => {
            let span = pos.as_ref().map_or_else(
                || Span::at(&table.text, 0),
                |p| Span::at(&table.text, usize::try_from(p.byte()).unwrap_or(0)),
            );
            (span, "this row is not valid UTF-8".to_owned())
        }
        _ => (Span::at(&table.text, 0), format!("the table cannot be read as CSV: {e}")),
    };
    Diagnostic::error(&table.path, &table.text, span, message)
        .with_help("each row needs as many comma-separated fields as the header; quote a field that holds a comma")
}

/// Column headers of SDMX-CSV (upper-cased) that stand before the
/// dimensions and are not dimensions: the structure columns, and the date
/// of the last update Eurostat's messages carry.
const SDMX_STRUCTURE: [&str; 6] = ["DATAFLOW", "STRUCTURE", "STRUCTURE_ID", "ACTION", "LAST UPDATE", "LAST_UPDATE"];

/// A date as SDMX-CSV messages write the last update: `2024-02-14`,
/// `2024-02-14T10:00:00`, or Eurostat's `14/02/24 11:00:00`.
fn sdmx_date(text: &str) -> Option<String> {
    let day = text.trim().split([' ', 'T']).next()?;
    if day.parse::<crate::date::DateSpec>().is_ok() {
        return Some(day.to_owned());
    }
    let parts: Vec<&str> = day.split('/').collect();
    let [d, m, y] = parts.as_slice() else { return None };
    let year = match y.len() {
        2 => format!("20{y}"),
        4 => (*y).to_owned(),
        _ => return None,
    };
    let date = format!("{year}-{m:0>2}-{d:0>2}");
    date.parse::<crate::date::DateSpec>().ok().map(|_| date)
}

/// The id part of an SDMX-CSV header or code written with its label, `ID: Label`.
fn sdmx_id(text: &str) -> &str {
    text.split(':').next().unwrap_or(text).trim()
}

/// Reads an SDMX-CSV data message: structure columns (`DATAFLOW`, or
/// `STRUCTURE`, `STRUCTURE_ID` and `ACTION`; Eurostat adds `LAST UPDATE`),
/// the dimensions, `TIME_PERIOD`, `OBS_VALUE`, then attributes
/// (`UNIT_MEASURE`, `UNIT_MULT`, `OBS_STATUS` or `OBS_FLAG` …); headers are
/// matched whatever their case. The measure is the `--measure-dimension`
/// (by default `MEASURE` or `INDICATOR`, if present) or given; the unit the
/// `UNIT_MEASURE` attribute or a `UNIT` dimension; the subject is the other
/// dimensions' codes but `FREQ`, joined, unless given; the vintage the
/// `LAST UPDATE`, unless given.
pub fn read_sdmx(table: &Table, mapping: &Mapping) -> Result<Read, Vec<Diagnostic>> {
    let mut reader = csv::ReaderBuilder::new().has_headers(true).flexible(false).from_reader(table.text.as_bytes());
    let headers = match reader.headers() {
        Ok(h) => h.clone(),
        Err(e) => return Err(vec![csv_error(table, &e)]),
    };
    let ids: Vec<String> = headers.iter().map(|h| sdmx_id(h).to_uppercase()).collect();
    let header_span = table.at(0, table.text.find('\n').unwrap_or(table.text.len()));
    let position = |name: &str| ids.iter().position(|h| *h == name.to_uppercase());
    let (Some(time), Some(value)) = (position("TIME_PERIOD"), position("OBS_VALUE")) else {
        return Err(vec![
            table
                .error(Loc::Span(header_span), "this is not SDMX-CSV: there is no `TIME_PERIOD` or no `OBS_VALUE` column")
                .with_help("an SDMX-CSV message has a column per dimension, then `TIME_PERIOD` and `OBS_VALUE`; import other tables with `--format csv`"),
        ]);
    };
    let dimensions: Vec<usize> =
        (0..time).filter(|i| !SDMX_STRUCTURE.contains(&ids[*i].as_str()) && ids[*i] != "FREQ").collect();
    let measure_dim = match &mapping.measure_dimension {
        Some(name) => match position(name) {
            Some(i) => Some(i),
            None => {
                return Err(vec![
                    table.error(Loc::Span(header_span), format!("there is no dimension `{name}`")).with_help(format!(
                        "the dimensions are: {}",
                        dimensions.iter().map(|i| ids[*i].as_str()).collect::<Vec<_>>().join(", ")
                    )),
                ]);
            }
        },
        None => ["MEASURE", "INDICATOR"].iter().find_map(|n| position(n)).filter(|i| dimensions.contains(i)),
    };
    if measure_dim.is_none() && !matches!(mapping.measure, Field::Value(_)) {
        return Err(vec![
            table
                .error(Loc::Span(header_span), "no dimension names the measure")
                .with_help("name it with `--measure-dimension`, or give the measure with `--measure`"),
        ]);
    }
    let unit_col = position("UNIT_MEASURE").or_else(|| position("UNIT").filter(|i| dimensions.contains(i)));
    let subject_dims: Vec<usize> =
        dimensions.iter().copied().filter(|i| Some(*i) != measure_dim && Some(*i) != unit_col).collect();
    let mult_col = position("UNIT_MULT");
    let status_col = position("OBS_STATUS").or_else(|| position("OBS_FLAG"));
    let updated_col = position("LAST UPDATE").or_else(|| position("LAST_UPDATE"));
    let mut read = Read::default();
    let mut problems = Vec::new();
    each_record(table, &mut reader, &mut problems, |record, start, line| {
        let at = |i: usize| Cell {
            text: sdmx_id(record.get(i).unwrap_or("")).to_owned(),
            loc: Loc::Field { record: start, index: i },
        };
        let value_cell = Cell {
            text: record.get(value).unwrap_or("").trim().to_owned(),
            loc: Loc::Field { record: start, index: value },
        };
        if is_empty_cell(&value_cell.text) {
            read.skipped += 1;
            return;
        }
        let subject = match &mapping.subject {
            Field::Value(v) => Cell::given(v),
            _ => {
                let codes: Vec<String> = subject_dims.iter().map(|i| at(*i).text).collect();
                Cell { text: codes.join(" "), loc: subject_dims.first().map_or(Loc::Given, |i| at(*i).loc) }
            }
        };
        let measure = match (&mapping.measure, measure_dim) {
            (Field::Value(v), _) => Cell::given(v),
            (_, Some(i)) => at(i),
            (_, None) => Cell::given(""),
        };
        let unit = match &mapping.unit {
            Field::Value(v) => Some(Cell::given(v)),
            _ => unit_col.map(at),
        };
        let scale = match &mapping.scale {
            Field::Value(v) => Some(Cell::given(v)),
            _ => mult_col.map(at).filter(|c| !c.text.is_empty()),
        };
        let status = status_col.map(|i| (ids[i].clone(), at(i).text)).filter(|(_, t)| !t.is_empty());
        read.rows.push(Row {
            name: format!("row {line}"),
            subject,
            measure,
            period: at(time),
            value: value_cell,
            unit,
            scale,
            published: match &mapping.published {
                Field::Value(v) => Some(Cell::given(v)),
                Field::Column(c) => position(c).map(at),
                Field::None => updated_col.map(|i| {
                    let raw = record.get(i).unwrap_or("");
                    Cell {
                        text: sdmx_date(raw).unwrap_or_else(|| raw.to_owned()),
                        loc: Loc::Field { record: start, index: i },
                    }
                }),
            },
            source: match &mapping.source {
                Field::Value(v) => Some(Cell::given(v)),
                Field::Column(c) => position(c).map(at),
                Field::None => None,
            },
            note: status.map(|(column, s)| format!("{column} {s}")),
        });
    });
    if problems.is_empty() { Ok(read) } else { Err(problems) }
}

/// One dimension of a JSON-stat dataset: its categories in index order,
/// with labels.
struct Dimension {
    id: String,
    /// (category id, label) in index order.
    categories: Vec<(String, String)>,
    /// Unit labels by category id (metric dimensions).
    units: BTreeMap<String, String>,
}

fn json_error(table: &Table, needle: &str, message: impl Into<String>, help: &str) -> Vec<Diagnostic> {
    vec![table.error(Loc::Span(table.find(needle)), message).with_help(help.to_owned())]
}

fn dimension(table: &Table, id: &str, node: &Json) -> Result<Dimension, Vec<Diagnostic>> {
    let category = node.get("category").ok_or_else(|| {
        json_error(
            table,
            &format!("\"{id}\""),
            format!("dimension `{id}` has no `category`"),
            "every dimension has `category` with `index` and `label`",
        )
    })?;
    let labels = category.get("label").and_then(Json::as_object);
    let ids: Vec<String> = match category.get("index") {
        Some(Json::Array(items)) => items.iter().filter_map(|i| i.as_str().map(str::to_owned)).collect(),
        Some(Json::Object(map)) => {
            let mut pairs: Vec<(u64, String)> =
                map.iter().filter_map(|(k, v)| v.as_u64().map(|n| (n, k.clone()))).collect();
            pairs.sort();
            pairs.into_iter().map(|(_, k)| k).collect()
        }
        _ => labels.map(|l| l.keys().cloned().collect()).unwrap_or_default(),
    };
    let categories = ids
        .into_iter()
        .map(|c| {
            let label = labels.and_then(|l| l.get(&c)).and_then(Json::as_str).unwrap_or(&c).to_owned();
            (c, label)
        })
        .collect();
    let units = category
        .get("unit")
        .and_then(Json::as_object)
        .map(|units| {
            units
                .iter()
                .filter_map(|(k, u)| {
                    let label =
                        u.get("label").or_else(|| u.get("base")).or_else(|| u.get("symbol")).and_then(Json::as_str)?;
                    Some((k.clone(), label.to_owned()))
                })
                .collect()
        })
        .unwrap_or_default();
    Ok(Dimension { id: id.to_owned(), categories, units })
}

/// Reads a JSON-stat 2.0 dataset: `id` and `size` give the dimensions in
/// order, `value` the numbers in row-major order (an array, or an object
/// keyed by position for a sparse cube). The time dimension is `role.time`
/// (or `--time-dimension`), the measures the categories of `role.metric`
/// (or `--measure-dimension`, or `--measure`), with units from the metric's
/// `category.unit`; the other dimensions' category labels, joined, name the
/// subject. `updated` is taken as the vintage.
pub fn read_jsonstat(table: &Table, mapping: &Mapping) -> Result<Read, Vec<Diagnostic>> {
    let root: Json = serde_json::from_str(&table.text).map_err(|e| {
        let offset = table.text.split_inclusive('\n').take(e.line().saturating_sub(1)).map(str::len).sum::<usize>()
            + e.column().saturating_sub(1);
        vec![
            Diagnostic::error(
                &table.path,
                &table.text,
                Span::at(&table.text, offset),
                format!("this is not JSON: {e}"),
            )
            .with_help("a JSON-stat file is one JSON object"),
        ]
    })?;
    if root.get("class").and_then(Json::as_str) != Some("dataset")
        || root.get("version").and_then(Json::as_str).is_none_or(|v| !v.starts_with('2'))
    {
        return Err(json_error(
            table,
            "{",
            "this is not a JSON-stat 2.0 dataset",
            "the object needs `\"version\": \"2.0\"` and `\"class\": \"dataset\"`",
        ));
    }
    let ids: Vec<String> = root
        .get("id")
        .and_then(Json::as_array)
        .map(|a| a.iter().filter_map(|i| i.as_str().map(str::to_owned)).collect())
        .unwrap_or_default();
    let sizes: Vec<usize> = root
        .get("size")
        .and_then(Json::as_array)
        .map(|a| a.iter().filter_map(|n| n.as_u64().and_then(|n| usize::try_from(n).ok())).collect())
        .unwrap_or_default();
    if ids.is_empty() || ids.len() != sizes.len() {
        return Err(json_error(
            table,
            "\"size\"",
            "`id` and `size` do not list the same dimensions",
            "`size` gives the number of categories of each dimension of `id`, in order",
        ));
    }
    let nodes = root.get("dimension").and_then(Json::as_object);
    let mut dims = Vec::new();
    for (id, size) in ids.iter().zip(&sizes) {
        let Some(node) = nodes.and_then(|d| d.get(id)) else {
            return Err(json_error(
                table,
                "\"dimension\"",
                format!("dimension `{id}` is in `id` but not in `dimension`"),
                "describe every dimension of `id`",
            ));
        };
        let dim = dimension(table, id, node)?;
        if dim.categories.len() != *size {
            return Err(json_error(
                table,
                &format!("\"{id}\""),
                format!("dimension `{id}` has {} categories, `size` says {size}", dim.categories.len()),
                "make `size` agree with the categories",
            ));
        }
        dims.push(dim);
    }
    let role = |name: &str| -> Option<String> {
        root.get("role")
            .and_then(|r| r.get(name))
            .and_then(Json::as_array)
            .and_then(|a| a.first())
            .and_then(Json::as_str)
            .map(str::to_owned)
    };
    let time_id = mapping.time_dimension.clone().or_else(|| role("time"));
    let Some(time) = time_id.as_ref().and_then(|t| dims.iter().position(|d| &d.id == t)) else {
        return Err(json_error(
            table,
            "\"id\"",
            "no dimension is the time",
            "give the dataset a `role` with `time`, or name the dimension with `--time-dimension`",
        ));
    };
    let metric_id = mapping.measure_dimension.clone().or_else(|| role("metric"));
    let metric = metric_id.as_ref().and_then(|m| dims.iter().position(|d| &d.id == m));
    if metric.is_none() && !matches!(mapping.measure, Field::Value(_)) {
        return Err(json_error(
            table,
            "\"id\"",
            "no dimension names the measure",
            "give the dataset a `role` with `metric`, name it with `--measure-dimension`, or give the measure with `--measure`",
        ));
    }
    let total: usize = sizes.iter().product();
    let value_span = table.find("\"value\"");
    let values: Vec<Option<f64>> = match root.get("value") {
        Some(Json::Array(items)) if items.len() == total => items.iter().map(Json::as_f64).collect(),
        Some(Json::Array(items)) => {
            return Err(vec![
                table
                    .error(
                        Loc::Span(value_span),
                        format!(
                            "`value` holds {}, the dimensions make {total} cells",
                            crate::error::plural(items.len(), "number")
                        ),
                    )
                    .with_help("list a number (or null) for every cell, last dimension varying fastest"),
            ]);
        }
        Some(Json::Object(map)) => {
            let mut values = vec![None; total];
            for (k, v) in map {
                match k.parse::<usize>() {
                    Ok(i) if i < total => values[i] = v.as_f64(),
                    _ => {
                        return Err(vec![
                            table
                                .error(
                                    Loc::Span(value_span),
                                    format!("`value` has cell `{k}`, outside the {total} cells"),
                                )
                                .with_help("key a sparse `value` by cell position, from 0"),
                        ]);
                    }
                }
            }
            values
        }
        _ => {
            return Err(vec![
                table
                    .error(Loc::Span(value_span), "the dataset has no `value`")
                    .with_help("`value` is an array of numbers, or an object keyed by cell position"),
            ]);
        }
    };
    let statuses: Vec<Option<String>> = match root.get("status") {
        Some(Json::String(s)) => vec![Some(s.clone()); total],
        Some(Json::Array(items)) if items.len() == total => {
            items.iter().map(|s| s.as_str().map(str::to_owned)).collect()
        }
        Some(Json::Object(map)) => {
            let mut out = vec![None; total];
            for (k, v) in map {
                if let (Ok(i), Some(s)) = (k.parse::<usize>(), v.as_str())
                    && i < total
                {
                    out[i] = Some(s.to_owned());
                }
            }
            out
        }
        _ => vec![None; total],
    };
    let updated = root.get("updated").and_then(Json::as_str).map(|u| u.chars().take(10).collect::<String>());
    let mut read = Read { published: updated, ..Read::default() };
    for (cell, value) in values.iter().enumerate() {
        let Some(number) = value else {
            read.skipped += 1;
            continue;
        };
        // Row-major: the last dimension varies fastest.
        let mut rest = cell;
        let mut coords = vec![0; dims.len()];
        for d in (0..dims.len()).rev() {
            coords[d] = rest % sizes[d];
            rest /= sizes[d];
        }
        let category = |d: usize| &dims[d].categories[coords[d]];
        let subject = match &mapping.subject {
            Field::Value(v) => Cell::given(v),
            _ => {
                let labels: Vec<&str> = (0..dims.len())
                    .filter(|d| *d != time && Some(*d) != metric)
                    .map(|d| category(d).1.as_str())
                    .collect();
                Cell { text: labels.join(" "), loc: Loc::Span(value_span) }
            }
        };
        let measure = match (&mapping.measure, metric) {
            (Field::Value(v), _) => Cell::given(v),
            (_, Some(m)) => Cell { text: category(m).1.clone(), loc: Loc::Span(value_span) },
            (_, None) => Cell::given(""),
        };
        let unit = match (&mapping.unit, metric) {
            (Field::Value(v), _) => Some(Cell::given(v)),
            (_, Some(m)) => {
                dims[m].units.get(&category(m).0).map(|u| Cell { text: u.clone(), loc: Loc::Span(value_span) })
            }
            _ => None,
        };
        let coordinates: Vec<String> =
            dims.iter().enumerate().map(|(d, dim)| format!("{}={}", dim.id, category(d).0)).collect();
        read.rows.push(Row {
            name: format!("cell {cell} ({})", coordinates.join(", ")),
            subject,
            measure,
            period: Cell { text: category(time).0.clone(), loc: Loc::Span(value_span) },
            value: Cell { text: format!("{number}"), loc: Loc::Span(value_span) },
            unit,
            scale: match &mapping.scale {
                Field::Value(v) => Some(Cell::given(v)),
                _ => None,
            },
            published: match &mapping.published {
                Field::Value(v) => Some(Cell::given(v)),
                _ => None,
            },
            source: match &mapping.source {
                Field::Value(v) => Some(Cell::given(v)),
                _ => None,
            },
            note: statuses[cell].as_ref().map(|s| format!("status {s}")),
        });
    }
    Ok(read)
}

/// Reads `table` in `format`.
pub fn read(table: &Table, format: TableFormat, mapping: &Mapping) -> Result<Read, Vec<Diagnostic>> {
    match format {
        TableFormat::Csv => read_csv(table, mapping),
        TableFormat::SdmxCsv => read_sdmx(table, mapping),
        TableFormat::JsonStat => read_jsonstat(table, mapping),
    }
}
