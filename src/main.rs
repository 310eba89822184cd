//! The `factcheck` command line: parses arguments, calls the library,
//! prints, and exits with one of [`factcheck::exit`]'s codes.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use factcheck::report::claimreview::Reviewer;
use factcheck::report::{self, Format, Options, Style};
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
        /// Write the report to this file (replaced atomically) instead of
        /// standard output.
        #[arg(long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// The organisation publishing the reviews, for `--format claimreview`.
        #[arg(long, value_name = "NAME", default_value = "factcheck")]
        reviewer: String,
        /// The reviewing organisation's web site (http or https), for `--format claimreview`.
        #[arg(long, value_name = "URL", value_parser = http_url)]
        reviewer_url: Option<String>,
    },
    /// List the claims whose verdict differs between two dates, with the
    /// facts that changed.
    ///
    /// Exits 0 (it is a report), 2 when the data cannot be loaded.
    Recheck {
        /// The project folder (holding articles/, claims/ and reference/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The earlier date; by default each article's publication date.
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        /// The later date.
        #[arg(long, value_name = "DATE")]
        to: String,
        /// How to print the changes.
        #[arg(long, value_enum, default_value_t = RecheckFormat::Text)]
        format: RecheckFormat,
        /// Write the report to this file (replaced atomically) instead of
        /// standard output.
        #[arg(long, value_name = "FILE")]
        output: Option<PathBuf>,
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
    /// JUnit XML: a test case per claim.
    Junit,
    /// A summary table and a section per finding.
    Markdown,
    /// schema.org ClaimReview JSON-LD.
    Claimreview,
    /// A self-contained HTML page of the article with every claim marked.
    Html,
}

impl From<FormatArg> for Format {
    fn from(format: FormatArg) -> Format {
        match format {
            FormatArg::Text => Format::Text,
            FormatArg::Json => Format::Json,
            FormatArg::Junit => Format::Junit,
            FormatArg::Markdown => Format::Markdown,
            FormatArg::Claimreview => Format::ClaimReview,
            FormatArg::Html => Format::Html,
        }
    }
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum RecheckFormat {
    /// The changed claims with their discrepancies and facts.
    Text,
    /// A versioned JSON document.
    Json,
}

fn http_url(text: &str) -> Result<String, String> {
    report::http_url(text).map(str::to_owned).ok_or_else(|| "not an http or https URL".to_owned())
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Check { root, as_of, format, output, reviewer, reviewer_url } => {
            let options = Options { style: STYLE, reviewer: Reviewer { name: reviewer, url: reviewer_url } };
            run_check(&root, as_of.as_deref(), format.into(), &options, output.as_deref())
        }
        Command::Recheck { root, from, to, format, output } => {
            run_recheck(&root, from.as_deref(), &to, format, output.as_deref())
        }
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
        other => {
            let mut message = format!("error: {other}");
            let mut source = std::error::Error::source(other);
            while let Some(cause) = source {
                message.push_str(&format!(": {cause}"));
                source = cause.source();
            }
            eprint(&format!("{message}\n"));
        }
    }
    exit::DATA_ERROR
}

fn parse_as_of(text: &str) -> Result<jiff::civil::Date, Error> {
    text.parse::<factcheck::date::DateSpec>()
        .map(|spec| spec.window().last())
        .map_err(|e| Error::Date { text: text.to_owned(), reason: e.message })
}

/// Prints `text`, or writes it to `output` when given.
fn emit(text: &str, output: Option<&Path>) -> Result<(), Error> {
    match output {
        Some(path) => factcheck::fs::write_atomic(path, text.as_bytes()),
        None => {
            print(text);
            Ok(())
        }
    }
}

fn run_check(root: &Path, as_of: Option<&str>, format: Format, options: &Options, output: Option<&Path>) -> i32 {
    let as_of = match as_of.map(parse_as_of).transpose() {
        Ok(date) => date,
        Err(e) => return report_error(&e),
    };
    let loaded = match load_and_warn(root) {
        Ok(loaded) => loaded,
        Err(e) => return report_error(&e),
    };
    let checks = check::check_project(&loaded.project, as_of);
    if let Err(e) = emit(&report::render(&checks, &loaded.project.reference, format, options), output) {
        return report_error(&e);
    }
    if checks.iter().any(check::ArticleCheck::has_unexpected) { exit::UNEXPECTED } else { exit::OK }
}

fn run_recheck(root: &Path, from: Option<&str>, to: &str, format: RecheckFormat, output: Option<&Path>) -> i32 {
    let dates = from.map(parse_as_of).transpose().and_then(|from| Ok((from, parse_as_of(to)?)));
    let (from, to) = match dates {
        Ok(dates) => dates,
        Err(e) => return report_error(&e),
    };
    let loaded = match load_and_warn(root) {
        Ok(loaded) => loaded,
        Err(e) => return report_error(&e),
    };
    let recheck = check::recheck::recheck(&loaded.project, from, to);
    let reference = &loaded.project.reference;
    let text = match format {
        RecheckFormat::Text => report::recheck::text(&recheck, reference),
        RecheckFormat::Json => report::recheck::json(&recheck, reference),
    };
    match emit(&text, output) {
        Ok(()) => exit::OK,
        Err(e) => report_error(&e),
    }
}

/// Loads the project, printing its warnings.
fn load_and_warn(root: &Path) -> Result<load::Loaded, Error> {
    let loaded = load::from_root(root)?;
    warn(&loaded.warnings);
    Ok(loaded)
}

fn warn(warnings: &Diagnostics) {
    if !warnings.0.is_empty() {
        eprint(&report::diagnostic::render(warnings, STYLE, width()));
    }
}

fn run_validate(root: &Path) -> i32 {
    match load_and_warn(root) {
        Ok(loaded) => {
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
