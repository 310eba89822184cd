//! factcheck: an article's check-worthy claims in YAML, checked against
//! reference facts with provenance, one reviewed snapshot per verdict.
//!
//! The pieces, in the order data flows through them:
//! - [`load`] reads `articles/`, `claims/` and `reference/` into the
//!   [`model`], or reports every problem with its file, line and column;
//! - [`check`] turns claims and facts into a [`model::Verdict`] per claim,
//!   as of a date, without touching files;
//! - [`report`] formats verdicts and diagnostics: text, JSON, JUnit,
//!   Markdown, ClaimReview JSON-LD, an annotated HTML article, snapshots;
//! - [`run`] checks a loaded project and renders its report, the text
//!   report a batch of articles at a time;
//! - [`add`] and [`edit`] change the data files' text, keeping comments and
//!   order: new entries (from flags, or from YAML read by [`entry`]),
//!   changed fields, removed entries;
//! - [`search`] ranks the reference's passages and facts for a claim;
//! - [`fs`] writes a file atomically, under a lock;
//! - [`cache`] keeps every claim's checked record, keyed by the data's
//!   content, for test processes that check one claim each;
//! - [`corpus`] writes a synthetic project of any size, for benchmarks;
//! - [`import`] turns a statistical table (CSV, JSON-stat, SDMX-CSV) into
//!   facts.
//!
//! [`date`] and [`text`] hold the date arithmetic and typographic
//! normalisation the others share; [`yaml`] is the only module that knows
//! which YAML parser is used.
//!
//! The library never prints; the `factcheck` binary does.

#![warn(missing_docs)]
#![warn(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout, clippy::print_stderr)]

pub mod add;
pub mod cache;
pub mod check;
pub mod corpus;
pub mod date;
pub mod edit;
pub mod entry;
pub mod error;
pub mod fs;
pub mod import;
pub mod load;
pub mod locate;
pub mod model;
pub mod nearest;
pub mod partition;
pub mod progress;
pub mod report;
pub mod run;
pub mod schema;
pub mod search;
pub mod suggest;
pub mod text;
pub mod yaml;

pub use error::{Diagnostic, Diagnostics, Error};
pub use model::{Project, Verdict, VerdictKind};

/// Exit codes of the `factcheck` binary, defined once and tested by name.
pub mod exit {
    /// Every claim came out as expected (and `validate` found no error).
    pub const OK: i32 = 0;
    /// Some claim with severity `error` came out other than expected: by
    /// default, contradicted, misleading or conflicting.
    pub const UNEXPECTED: i32 = 1;
    /// The data could not be loaded, or the command line was wrong.
    pub const DATA_ERROR: i32 = 2;
}
