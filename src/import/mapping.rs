//! How a table's columns (or dimensions) become facts' fields: given as
//! flags, or as a small YAML file whose keys are the flags' names.
//!
//! ```yaml
//! format: csv
//! subject_column: series
//! measure_column: measure
//! period_column: quarter
//! value_column: value
//! unit: people          # a constant for every row
//! scale_column: scale
//! published_column: released
//! note_column: read_at
//! ```

use serde::Deserialize;

use crate::error::Error;

/// The kinds of table `import` reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TableFormat {
    /// Any CSV with one observation a row, its columns named by a mapping.
    Csv,
    /// A JSON-stat 2.0 dataset.
    JsonStat,
    /// An SDMX-CSV data message (version 1 or 2).
    SdmxCsv,
}

impl TableFormat {
    /// Every format, in the order they are documented.
    pub const ALL: [TableFormat; 3] = [TableFormat::Csv, TableFormat::JsonStat, TableFormat::SdmxCsv];

    /// The format's name as given to `--format`.
    pub fn name(self) -> &'static str {
        match self {
            TableFormat::Csv => "csv",
            TableFormat::JsonStat => "json-stat",
            TableFormat::SdmxCsv => "sdmx-csv",
        }
    }

    /// The format a file's name suggests: `.json` is JSON-stat, `.sdmx.csv`
    /// SDMX-CSV, any other `.csv` plain CSV.
    pub fn guess(path: &str) -> Option<TableFormat> {
        let lower = path.to_lowercase();
        if lower.ends_with(".json") {
            Some(TableFormat::JsonStat)
        } else if lower.ends_with(".sdmx.csv") {
            Some(TableFormat::SdmxCsv)
        } else if lower.ends_with(".csv") {
            Some(TableFormat::Csv)
        } else {
            None
        }
    }
}

/// Where one field of every fact comes from: a column (or dimension) of
/// the table, or a constant.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Field {
    /// Not given.
    #[default]
    None,
    /// The column with this header.
    Column(String),
    /// This text for every row.
    Value(String),
}

impl Field {
    fn of(column: Option<String>, value: Option<String>, name: &str) -> Result<Field, Error> {
        match (column, value) {
            (Some(_), Some(_)) => Err(Error::Usage(format!(
                "`{name}` is given both as a column and as a value; give one of `--{}-column` and `--{}`",
                name.replace('_', "-"),
                name.replace('_', "-")
            ))),
            (Some(c), None) => Ok(Field::Column(c)),
            (None, Some(v)) => Ok(Field::Value(v)),
            (None, None) => Ok(Field::None),
        }
    }

    /// The column's name, if the field is one.
    pub fn column(&self) -> Option<&str> {
        match self {
            Field::Column(c) => Some(c),
            _ => None,
        }
    }
}

/// A mapping as written in a file or given as flags: every key optional.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MappingText {
    /// `csv`, `json-stat` or `sdmx-csv`.
    pub format: Option<TableFormat>,
    /// The column naming each row's subject.
    pub subject_column: Option<String>,
    /// The subject of every row.
    pub subject: Option<String>,
    /// The column naming each row's measure.
    pub measure_column: Option<String>,
    /// The measure of every row.
    pub measure: Option<String>,
    /// The column giving each row's period.
    pub period_column: Option<String>,
    /// The period of every row.
    pub period: Option<String>,
    /// The column giving each row's number.
    pub value_column: Option<String>,
    /// The column giving each row's unit.
    pub unit_column: Option<String>,
    /// The unit of every row.
    pub unit: Option<String>,
    /// The column giving each row's scale (`thousand`, or a power of ten).
    pub scale_column: Option<String>,
    /// The scale of every row.
    pub scale: Option<String>,
    /// The column giving when each row's figure was published (its vintage).
    pub published_column: Option<String>,
    /// When every row's figure was published.
    pub published: Option<String>,
    /// The column naming each row's source.
    pub source_column: Option<String>,
    /// The source of every row.
    pub source: Option<String>,
    /// The column whose text becomes each fact's note (where it was read).
    pub note_column: Option<String>,
    /// JSON-stat and SDMX-CSV: the dimension whose categories are measures.
    pub measure_dimension: Option<String>,
    /// JSON-stat: the dimension of periods, when the dataset's `role` does not say.
    pub time_dimension: Option<String>,
}

impl MappingText {
    /// Reads a mapping file's text.
    pub fn from_str(path: &str, text: &str) -> Result<MappingText, Error> {
        crate::yaml::from_str::<MappingText>(text).map_err(|e| {
            let help = if e.expected.is_empty() {
                "see docs/format.md#importing-tables for the keys".to_owned()
            } else {
                format!("the keys are: {}", e.expected.join(", "))
            };
            let text: std::sync::Arc<str> = std::sync::Arc::from(text);
            Error::Load(crate::error::Diagnostics(vec![
                crate::error::Diagnostic::error(path, &text, e.span, e.message).with_help(help),
            ]))
        })
    }

    /// This mapping with every key `over` gives replacing its own.
    pub fn overridden_by(self, over: MappingText) -> MappingText {
        macro_rules! pick {
            ($($field:ident),*) => { MappingText { $($field: over.$field.or(self.$field)),* } };
        }
        pick!(
            format,
            subject_column,
            subject,
            measure_column,
            measure,
            period_column,
            period,
            value_column,
            unit_column,
            unit,
            scale_column,
            scale,
            published_column,
            published,
            source_column,
            source,
            note_column,
            measure_dimension,
            time_dimension
        )
    }
}

/// A mapping, its pairs of column and constant resolved.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Mapping {
    /// The table's format, if known.
    pub format: Option<TableFormat>,
    /// Each row's subject.
    pub subject: Field,
    /// Each row's measure.
    pub measure: Field,
    /// Each row's period.
    pub period: Field,
    /// Each row's number (a column only).
    pub value: Field,
    /// Each row's unit.
    pub unit: Field,
    /// Each row's scale.
    pub scale: Field,
    /// Each row's vintage.
    pub published: Field,
    /// Each row's source.
    pub source: Field,
    /// Each row's note.
    pub note: Field,
    /// The dimension of measures (JSON-stat, SDMX-CSV).
    pub measure_dimension: Option<String>,
    /// The dimension of periods (JSON-stat).
    pub time_dimension: Option<String>,
}

impl TryFrom<MappingText> for Mapping {
    type Error = Error;

    fn try_from(m: MappingText) -> Result<Mapping, Error> {
        Ok(Mapping {
            format: m.format,
            subject: Field::of(m.subject_column, m.subject, "subject")?,
            measure: Field::of(m.measure_column, m.measure, "measure")?,
            period: Field::of(m.period_column, m.period, "period")?,
            value: Field::of(m.value_column, None, "value")?,
            unit: Field::of(m.unit_column, m.unit, "unit")?,
            scale: Field::of(m.scale_column, m.scale, "scale")?,
            published: Field::of(m.published_column, m.published, "published")?,
            source: Field::of(m.source_column, m.source, "source")?,
            note: Field::of(m.note_column, None, "note")?,
            measure_dimension: m.measure_dimension,
            time_dimension: m.time_dimension,
        })
    }
}
