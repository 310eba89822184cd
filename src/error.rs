//! Errors: the crate's [`Error`], and [`Diagnostic`], one located problem in
//! a data file.
//!
//! A diagnostic carries the file's relative path and text, so it can be
//! rendered with the offending line underlined ([`crate::report::diagnostic`])
//! long after the file was read.

use std::fmt;
use std::sync::Arc;

use crate::yaml::Span;

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// The data cannot be used as it is.
    Error,
    /// Worth a look; the data loads.
    Warning,
}

/// One problem in one file, with where it is and what to do about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub level: Level,
    /// The file's path relative to the project root, with `/` separators.
    pub path: String,
    /// The file's text, for rendering the offending line; empty when the
    /// file could not be read.
    pub text: Arc<str>,
    /// Where in the file.
    pub span: Span,
    /// What is wrong: lowercase, no trailing period, names in backticks.
    pub message: String,
    /// A short note under the marked span.
    pub label: Option<String>,
    /// One hint: how to fix it.
    pub help: Option<String>,
}

impl Diagnostic {
    /// An error at `span` of the file `path` whose text is `text`.
    pub fn error(path: &str, text: &Arc<str>, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            level: Level::Error,
            path: path.to_owned(),
            text: Arc::clone(text),
            span,
            message: message.into(),
            label: None,
            help: None,
        }
    }

    /// A warning at `span` of the file `path` whose text is `text`.
    pub fn warning(path: &str, text: &Arc<str>, span: Span, message: impl Into<String>) -> Self {
        Diagnostic { level: Level::Warning, ..Diagnostic::error(path, text, span, message) }
    }

    /// An error about a whole file that has no usable text.
    pub fn file_error(path: &str, message: impl Into<String>) -> Self {
        Diagnostic::error(path, &Arc::from(""), Span::default(), message)
    }

    /// Adds the note under the marked span.
    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// Adds the hint.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Adds the hint if there is one.
    pub fn with_help_opt(mut self, help: Option<String>) -> Self {
        self.help = help;
        self
    }

    fn sort_key(&self) -> (&str, u32, u32, Level, &str) {
        (&self.path, self.span.line, self.span.column, self.level, &self.message)
    }
}

impl fmt::Display for Diagnostic {
    /// One line: `path:line:col: message`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.level {
            Level::Error => "error",
            Level::Warning => "warning",
        };
        if self.span.line == 0 {
            write!(f, "{level}: {}: {}", self.path, self.message)
        } else {
            write!(f, "{level}: {}:{}:{}: {}", self.path, self.span.line, self.span.column, self.message)
        }
    }
}

/// Every problem found while loading, sorted by file, line and column.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// Sorts by file, line and column and drops exact repeats.
    pub fn sorted(mut self) -> Self {
        self.0.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        self.0.dedup();
        self
    }

    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(|d| d.level == Level::Error)
    }

    /// How many errors there are.
    pub fn error_count(&self) -> usize {
        self.0.iter().filter(|d| d.level == Level::Error).count()
    }

    /// How many distinct files the errors are in (a problem with the project
    /// folder itself, path `.`, is in none).
    pub fn error_files(&self) -> usize {
        let files: std::collections::BTreeSet<&str> =
            self.0.iter().filter(|d| d.level == Level::Error && d.path != ".").map(|d| d.path.as_str()).collect();
        files.len()
    }

    /// "3 errors in 2 files", or "1 error" when no file is involved.
    pub fn error_summary(&self) -> String {
        match self.error_files() {
            0 => plural(self.error_count(), "error"),
            files => format!("{} in {}", plural(self.error_count(), "error"), plural(files, "file")),
        }
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.0 {
            writeln!(f, "{d}")?;
        }
        Ok(())
    }
}

/// What can go wrong in the library.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The data could not be loaded; every problem found is listed.
    #[error("the data could not be loaded: {}", .0.error_summary())]
    Load(Diagnostics),
    /// A change (a new entry, an edited or removed one, or YAML given as
    /// input) was refused: writing it would break the data. Nothing was
    /// written.
    #[error("nothing was written: {} in the change", plural(.0.error_count(), "problem"))]
    Refused(Diagnostics),
    /// An entry was not removed: others cite it, each listed where it does.
    #[error("nothing was removed: {what} `{id}` is cited {}", times(.citations.0.len()))]
    InUse {
        /// What kind of entry: claim, source, term.
        what: String,
        /// Its id.
        id: String,
        /// Each citation, located.
        citations: Diagnostics,
    },
    /// A file that would be created already exists.
    #[error("`{path}` already exists; nothing was overwritten")]
    Exists {
        /// The path, relative to the project root.
        path: String,
    },
    /// The request itself is incomplete or contradictory.
    #[error("{0}")]
    Usage(String),
    /// A file could not be written.
    #[error("cannot write `{path}`")]
    Write {
        /// The path, relative to the project root.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// A folder that must be empty to be written into holds files.
    #[error("`{path}` is not empty; give a new or empty folder")]
    NotEmpty {
        /// The folder, as given.
        path: String,
    },
    /// A date given on the command line or to the library is not a date.
    #[error("invalid date `{text}`: {reason}")]
    Date {
        /// What was given.
        text: String,
        /// Why it is not a date.
        reason: String,
    },
}

/// `once`, `twice`, `n times`.
fn times(n: usize) -> String {
    match n {
        1 => "once".to_owned(),
        2 => "twice".to_owned(),
        n => format!("{n} times"),
    }
}

/// `n thing` or `n things`.
pub fn plural(n: usize, thing: &str) -> String {
    if n == 1 { format!("1 {thing}") } else { format!("{n} {thing}s") }
}
