//! The `factcheck` command line: parses arguments, calls the library,
//! prints, and exits with one of [`factcheck::exit`]'s codes.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use factcheck::report::{self, Format, Style};
use factcheck::{Diagnostics, Error, check, exit, load};

/// Check an article's claims against sourced reference facts.
#[derive(Debug, Parser)]
#[command(name = "factcheck", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check every claim and print its verdict.
    ///
    /// Exits 0 when every claim comes out as expected, 1 when a claim with
    /// severity `error` does not, 2 when the data cannot be loaded.
    Check {
        /// The project folder (holding articles/, claims/ and reference/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Check against the facts holding on this date instead of each
        /// article's publication date (YYYY-MM-DD; a month or year means its last day).
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
        /// How to print the verdicts.
        #[arg(long, value_enum, default_value_t = FormatArg::Text)]
        format: FormatArg,
    },
    /// Load all data and report every problem with its file, line and column.
    ///
    /// Exits 0 when the data loads (warnings allowed), 2 otherwise.
    Validate {
        /// The project folder (holding articles/, claims/ and reference/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum FormatArg {
    /// A line per claim and a tally.
    Text,
    /// A versioned JSON document.
    Json,
}

impl From<FormatArg> for Format {
    fn from(format: FormatArg) -> Format {
        match format {
            FormatArg::Text => Format::Text,
            FormatArg::Json => Format::Json,
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Check { root, as_of, format } => run_check(&root, as_of.as_deref(), format.into()),
        Command::Validate { root } => run_validate(&root),
    };
    ExitCode::from(u8::try_from(code).unwrap_or(2))
}

/// Colour is always rendered and stripped by `anstream` unless the stream is
/// a terminal and `NO_COLOR` is unset.
const STYLE: Style = Style { color: true };

fn width() -> usize {
    std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok()).unwrap_or(report::diagnostic::DEFAULT_WIDTH)
}

fn eprint(text: &str) {
    let mut stderr = anstream::stderr();
    let _ = stderr.write_all(text.as_bytes());
}

fn print(text: &str) {
    let mut stdout = anstream::stdout();
    let _ = stdout.write_all(text.as_bytes());
}

fn report_error(error: &Error) -> i32 {
    match error {
        Error::Load(diagnostics) => eprint(&report::diagnostic::render(diagnostics, STYLE, width())),
        other => eprint(&format!("error: {other}\n")),
    }
    exit::DATA_ERROR
}

fn parse_as_of(text: &str) -> Result<jiff::civil::Date, Error> {
    text.parse::<factcheck::date::DateSpec>()
        .map(|spec| spec.window().last())
        .map_err(|e| Error::Date { text: text.to_owned(), reason: e.message })
}

fn run_check(root: &std::path::Path, as_of: Option<&str>, format: Format) -> i32 {
    let as_of = match as_of.map(parse_as_of).transpose() {
        Ok(date) => date,
        Err(e) => return report_error(&e),
    };
    let loaded = match load::from_root(root) {
        Ok(loaded) => loaded,
        Err(e) => return report_error(&e),
    };
    warn(&loaded.warnings);
    let checks = check::check_project(&loaded.project, as_of);
    print(&report::render(&checks, &loaded.project.reference, format, STYLE));
    if checks.iter().any(check::ArticleCheck::has_unexpected) { exit::UNEXPECTED } else { exit::OK }
}

fn warn(warnings: &Diagnostics) {
    if !warnings.0.is_empty() {
        eprint(&report::diagnostic::render(warnings, STYLE, width()));
    }
}

fn run_validate(root: &std::path::Path) -> i32 {
    match load::from_root(root) {
        Ok(loaded) => {
            warn(&loaded.warnings);
            let project = &loaded.project;
            let claims: usize = project.articles.iter().map(|a| a.claims.len()).sum();
            print(&format!(
                "ok: {} in {}, {}, {}\n",
                factcheck::error::plural(claims, "claim"),
                factcheck::error::plural(project.articles.len(), "article"),
                factcheck::error::plural(project.reference.sources.len(), "source"),
                factcheck::error::plural(project.reference.facts.len(), "fact"),
            ));
            exit::OK
        }
        Err(e) => report_error(&e),
    }
}
