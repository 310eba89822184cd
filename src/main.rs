//! The `factcheck` command line: parses arguments, calls the library,
//! prints, and exits with one of [`factcheck::exit`]'s codes.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::{Parser, Subcommand, ValueEnum};
use factcheck::cache::files::FileCache;
use factcheck::cache::records::Records;
use factcheck::model::Choice;
use factcheck::progress::{self, Bar, Progress, Quiet};
use factcheck::report::claimreview::Reviewer;
use factcheck::report::{self, Format, Options, Style};
use factcheck::run::{Articles, Asked, Failure, check_and_write};
use factcheck::{Diagnostics, Error, add, check, corpus, exit, load};

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
        /// Only these articles (by id); every article when none is given.
        #[arg(value_name = "ARTICLE")]
        articles: Vec<String>,
        /// Only the claim with this id (repeat for several).
        #[arg(long = "claim", value_name = "ID")]
        claims: Vec<String>,
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
        /// Show a progress bar on standard error: `auto` on a terminal, for
        /// runs longer than half a second.
        #[arg(long, value_enum, default_value_t = ProgressArg::Auto)]
        progress: ProgressArg,
        /// After the report, print to standard error how much data was
        /// loaded, how long loading and checking took, and the peak memory.
        #[arg(long)]
        stats: bool,
        /// Parse every file and check every claim again, neither reading
        /// nor writing the cache (`target/factcheck-cache` under the
        /// project, or `FACTCHECK_CACHE`).
        #[arg(long)]
        no_cache: bool,
        /// List every discrepancy under its claim (text format), not only
        /// the one that decided the verdict.
        #[arg(long, short)]
        verbose: bool,
    },
    /// List the claims whose verdict differs between two dates, with the
    /// facts that changed.
    ///
    /// Exits 0 (it is a report), 2 when the data cannot be loaded.
    Recheck {
        /// Only these articles (by id); every article when none is given.
        #[arg(value_name = "ARTICLE")]
        articles: Vec<String>,
        /// Only the claim with this id (repeat for several).
        #[arg(long = "claim", value_name = "ID")]
        claims: Vec<String>,
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
        /// Only these articles (by id); every article when none is given.
        #[arg(value_name = "ARTICLE")]
        articles: Vec<String>,
        /// Only the claim with this id (repeat for several).
        #[arg(long = "claim", value_name = "ID")]
        claims: Vec<String>,
        /// The project folder (holding articles/, claims/ and reference/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Start checking an article: copy its text to articles/ and create its
    /// claims file. Refuses to overwrite anything.
    New {
        /// The article's id: lowercase words joined by hyphens; names its files.
        article: String,
        /// The plain-text file holding the article, copied verbatim.
        #[arg(long, value_name = "FILE")]
        text: PathBuf,
        /// Who published it.
        #[arg(long)]
        publisher: String,
        /// Where it was published.
        #[arg(long)]
        url: String,
        /// When: YYYY-MM-DD, or a range such as 2024-08-16/2024-08-17 when uncertain.
        #[arg(long, value_name = "DATE")]
        published: String,
        /// Its headline.
        #[arg(long)]
        title: Option<String>,
        /// Anything a reader of the verdicts should know about it.
        #[arg(long)]
        note: Option<String>,
        /// Print the files it would create, and create nothing.
        #[arg(long)]
        dry_run: bool,
        /// The project folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Add a claim, a source, a fact or a term, keeping every other line of the file.
    #[command(subcommand)]
    Add(Box<AddCommand>),
    /// Set, change or remove fields of a claim, fact, source, term or
    /// article, keeping every other line of the file.
    ///
    /// Any field of the entry, by its YAML key: `--value 3000`, `--unit
    /// troops`, `--relative-to other-claim`, `--sources a,b` (a list),
    /// `--tolerance '{absolute: 50}'`; `--unset note` removes one. A value
    /// takes the type the data's schema gives the field. The whole project
    /// is checked with the change before anything is written; an id cannot
    /// be changed.
    Edit {
        /// claim, fact, source, term or article.
        #[arg(value_enum)]
        what: WhatArg,
        /// The entry's id (for an article, the article's).
        id: String,
        /// The claim's article, when claims of several articles share the id.
        #[arg(long, value_name = "ARTICLE")]
        article: Option<String>,
        /// Remove this field; repeat for several.
        #[arg(long, value_name = "FIELD")]
        unset: Vec<String>,
        /// Print the change as a unified diff, and write nothing.
        #[arg(long)]
        dry_run: bool,
        /// The project folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The fields to set: `--<field> <value>`, repeated.
        #[arg(value_name = "--FIELD VALUE", trailing_var_arg = true, allow_hyphen_values = true)]
        fields: Vec<String>,
    },
    /// Remove a claim, fact, source or term, with the comment lines heading
    /// it; refused while another entry cites it, naming each and where.
    Remove {
        /// claim, fact, source or term.
        #[arg(value_enum)]
        what: WhatArg,
        /// The entry's id.
        id: String,
        /// The claim's article, when claims of several articles share the id.
        #[arg(long, value_name = "ARTICLE")]
        article: Option<String>,
        /// Print the change as a unified diff, and write nothing.
        #[arg(long)]
        dry_run: bool,
        /// The project folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// List an article's sentences, mark the check-worthy ones and those a
    /// claim or a draft already covers, and print the draft claims read from
    /// each uncovered one (kind, figures, periods, quoted words, speakers).
    ///
    /// With --write, append those drafts to the article's claims file, each
    /// marked `draft: true`: a draft is listed by `check` and in `cargo
    /// test`, never checked, until its author sets what it needs (`factcheck
    /// edit claim ID --subject … --measure …`) and its `expect`, which
    /// reviews it.
    Suggest {
        /// The articles (by id).
        #[arg(value_name = "ARTICLE", required = true)]
        articles: Vec<String>,
        /// Only the sentences holding the claim with this id (repeat for several).
        #[arg(long = "claim", value_name = "ID", conflicts_with = "write")]
        claims: Vec<String>,
        /// Write the drafts into each article's claims file.
        #[arg(long)]
        write: bool,
        /// With --write: print the change as a unified diff, and write nothing.
        #[arg(long, requires = "write")]
        dry_run: bool,
        /// How to print the suggestions.
        #[arg(long, value_enum, default_value_t = SuggestFormat::Text, conflicts_with = "write")]
        format: SuggestFormat,
        /// The project folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// List the excerpts, headlines, document passages and facts most likely
    /// to back or refute a claim or a sentence, best first, each with its
    /// sources (ranked by BM25 over the reference).
    ///
    /// A claim is searched by its text and the terms it names; a sentence by
    /// its words. Exits 0, 2 when the data cannot be loaded.
    Search {
        /// The words to search for: a sentence of the article, or any text.
        #[arg(long, required_unless_present_any = ["claim", "cited"], conflicts_with = "claim")]
        text: Option<String>,
        /// A claim to search for, by id.
        #[arg(long, value_name = "ID")]
        claim: Option<String>,
        /// The claim's article, when several articles have a claim with that id.
        #[arg(long, value_name = "ARTICLE")]
        article: Option<String>,
        /// How many to list (with --cited: how many hits to look at).
        #[arg(long, value_name = "N", default_value_t = 10)]
        limit: usize,
        /// For every claim citing a source, whether one of its sources is
        /// among its top --limit hits: the share, and the claims missed.
        #[arg(long, conflicts_with_all = ["text", "claim"])]
        cited: bool,
        /// With --cited: search each claim by its text alone, as a sentence
        /// is searched before it is a claim.
        #[arg(long, requires = "cited")]
        by_text: bool,
        /// How to print the hits.
        #[arg(long, value_enum, default_value_t = SuggestFormat::Text)]
        format: SuggestFormat,
        /// The project folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Write a synthetic project to a new folder: articles, claims, sources,
    /// facts, terms and full-text documents, the same bytes for the same seed
    /// and sizes on any machine.
    ///
    /// Claims come in every kind, spread evenly over the articles; each
    /// claim's `expect` is the verdict `check` gives it, so `factcheck check
    /// --root DIR` on the result exits 0. Facts beyond those the claims need
    /// are background facts about other subjects, in files of at most 10,000.
    /// Prints what was written. Refuses a folder that is not empty.
    Corpus {
        /// The folder to write; created if absent, refused if not empty.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// The seed: the same seed and sizes give the same files, byte for byte.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// How many articles (at least 1).
        #[arg(long, value_name = "N", default_value_t = 10)]
        articles: usize,
        /// How many claims in all, spread evenly over the articles (at least
        /// one, at most 100,000 each); an article has about 18 words per
        /// claim, and at least 300.
        #[arg(long, value_name = "N", default_value_t = 1000)]
        claims: usize,
        /// How many facts in all: the claims' own (one or two per claim), then
        /// background facts up to N; only the claims' own if they need more.
        #[arg(long, value_name = "N", default_value_t = 10_000)]
        facts: usize,
        /// How many sources, of every kind (at least 3, at most 100,000).
        #[arg(long, value_name = "N", default_value_t = 500)]
        sources: usize,
        /// How many sources get a full text, reference/documents/<source-id>.txt:
        /// primary sources only (a public body's statement or report, in its
        /// own words), those quote claims cite first; at most the primary
        /// sources there are, about a third of --sources.
        #[arg(long, value_name = "N", default_value_t = 0)]
        documents: usize,
        /// The size of each document, roughly (never less than its excerpts need).
        #[arg(long, value_name = "BYTES", default_value_t = 20_000)]
        document_size: usize,
    },
    /// Turn a statistical table into facts citing its source: a CSV (columns
    /// named by flags or a mapping file), a JSON-stat 2.0 dataset or an
    /// SDMX-CSV message.
    ///
    /// Shows the facts it would add and writes them only with --write. Rows
    /// that repeat or contradict each other or an existing fact are refused
    /// with their file, row and column; facts already there are left out, so
    /// importing again adds nothing. Exits 0 when the table imports, 2 when
    /// it cannot.
    Import(Box<ImportArgs>),
    /// Print the JSON Schema of a data file, or write them all to schema/.
    Schema {
        /// Which file's schema: claims, sources, facts or terms.
        #[arg(value_parser = clap::builder::PossibleValuesParser::new(factcheck::schema::NAMES))]
        name: Option<String>,
        /// Write every schema to schema/<name>.schema.json instead.
        #[arg(long)]
        write: bool,
        /// The project folder (with --write).
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

#[derive(Debug, clap::Args)]
struct ImportArgs {
    /// The table file.
    table: PathBuf,
    /// The facts file to add to: reference/facts/<NAME>.yaml (created if absent).
    #[arg(long, value_name = "NAME")]
    into: String,
    /// csv, json-stat or sdmx-csv (default: from the file's name: .json, .sdmx.csv, .csv).
    #[arg(long, value_enum)]
    format: Option<ImportFormat>,
    /// A YAML file of mapping keys (`subject_column: series`, `unit: people`, …); flags override it.
    #[arg(long, value_name = "FILE")]
    mapping: Option<PathBuf>,
    /// The column naming each row's subject (default: a column `subject`).
    #[arg(long, value_name = "COLUMN")]
    subject_column: Option<String>,
    /// The subject of every row.
    #[arg(long)]
    subject: Option<String>,
    /// The column naming each row's measure (default: a column `measure`).
    #[arg(long, value_name = "COLUMN")]
    measure_column: Option<String>,
    /// The measure of every row.
    #[arg(long)]
    measure: Option<String>,
    /// The column giving each row's period (default: a column `period`).
    #[arg(long, value_name = "COLUMN")]
    period_column: Option<String>,
    /// The period of every row.
    #[arg(long)]
    period: Option<String>,
    /// The column giving each row's number (default: a column `value`).
    #[arg(long, value_name = "COLUMN")]
    value_column: Option<String>,
    /// The column giving each row's unit (default: a column `unit`).
    #[arg(long, value_name = "COLUMN")]
    unit_column: Option<String>,
    /// The unit of every row.
    #[arg(long)]
    unit: Option<String>,
    /// The column giving each row's scale: a name or a power of ten (default: a column `scale`, if any).
    #[arg(long, value_name = "COLUMN")]
    scale_column: Option<String>,
    /// The scale of every row: thousand, million, billion, trillion.
    #[arg(long)]
    scale: Option<String>,
    /// The column giving when each row's figure was published, its vintage (default: a column `published`, if any).
    #[arg(long, value_name = "COLUMN")]
    published_column: Option<String>,
    /// When every row's figure was published (default: JSON-stat's `updated`, else the source's date).
    #[arg(long, value_name = "DATE")]
    published: Option<String>,
    /// The column naming each row's source (default: a column `source`, if any).
    #[arg(long, value_name = "COLUMN")]
    source_column: Option<String>,
    /// The source every fact cites.
    #[arg(long, value_name = "SOURCE_ID")]
    source: Option<String>,
    /// The column whose text becomes each fact's note, such as where the number was read (default: a column `note`, if any).
    #[arg(long, value_name = "COLUMN")]
    note_column: Option<String>,
    /// JSON-stat and SDMX-CSV: the dimension whose categories are the measures.
    #[arg(long, value_name = "DIMENSION")]
    measure_dimension: Option<String>,
    /// JSON-stat: the dimension of periods, when the dataset's `role` does not name it.
    #[arg(long, value_name = "DIMENSION")]
    time_dimension: Option<String>,
    /// Write the facts; without it, only show what would be written.
    #[arg(long)]
    write: bool,
    /// The project folder.
    #[arg(long, default_value = ".")]
    root: PathBuf,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum ImportFormat {
    /// Any CSV with a header row, one observation a row.
    Csv,
    /// A JSON-stat 2.0 dataset.
    JsonStat,
    /// An SDMX-CSV data message.
    SdmxCsv,
}

#[derive(Debug, Subcommand)]
enum AddCommand {
    /// Add a claim to claims/<article>.yaml and print its verdict.
    ///
    /// Missing fields are asked for on a terminal; elsewhere the command
    /// fails naming the missing flag. The id is made from the text if not given.
    Claim(Box<ClaimArgs>),
    /// Add a source to reference/sources.yaml.
    Source(SourceArgs),
    /// Add a term to reference/terms.yaml: a label for it, and the terms it falls under.
    Term(TermArgs),
    /// Add a fact to a file in reference/facts/, and say which file and why.
    ///
    /// The file is the one named by --file (created if absent); otherwise
    /// the facts file already holding the most facts about the same
    /// --subject, so that a subject's facts stay together; otherwise a new
    /// file named after the subject, reference/facts/<subject>.yaml.
    Fact(FactArgs),
}

#[derive(Debug, clap::Args)]
struct ClaimArgs {
    /// The article's id.
    article: String,
    /// The claim's id; made from its text when left out.
    #[arg(long)]
    id: Option<String>,
    /// The claim's words, verbatim from the article.
    #[arg(long)]
    text: Option<String>,
    /// quantity, date, quote, event, attribution or opinion.
    #[arg(long)]
    kind: Option<String>,
    /// What is counted (quantity) or who acted or spoke (event, attribution).
    #[arg(long)]
    subject: Option<String>,
    /// Which measure (quantity; date: which date, default `date`).
    #[arg(long)]
    measure: Option<String>,
    /// The claimed number (quantity).
    #[arg(long, allow_negative_numbers = true)]
    value: Option<f64>,
    /// Its unit (quantity).
    #[arg(long)]
    unit: Option<String>,
    /// exact, about, nearly, at-least, more-than, fewer-than, up-to (quantity); on, no-later-than, no-earlier-than (date).
    #[arg(long)]
    qualifier: Option<String>,
    /// Plus or minus this many units (quantity).
    #[arg(long, value_name = "N")]
    tolerance_absolute: Option<f64>,
    /// Plus or minus this fraction of the value (quantity).
    #[arg(long, value_name = "FRACTION")]
    tolerance_relative: Option<f64>,
    /// The event dated (date).
    #[arg(long)]
    event: Option<String>,
    /// The claimed date: 2024-08-15, 2024-08, early 2024-09, this Thursday, two years later (date, event, attribution).
    #[arg(long)]
    date: Option<String>,
    /// The claim a relative date counts from (default: the article's date).
    #[arg(long, value_name = "CLAIM_ID")]
    relative_to: Option<String>,
    /// Who the words are attributed to (quote).
    #[arg(long)]
    speaker: Option<String>,
    /// The quoted words, as they stand in the text (quote); by default the words of --text inside quotation marks, read as the article prints them.
    #[arg(long)]
    words: Option<String>,
    /// What the subject did or said (event, attribution).
    #[arg(long)]
    predicate: Option<String>,
    /// To what, or what they said (event, attribution); for a role, the title.
    #[arg(long)]
    object: Option<String>,
    /// For a role: the organisation the title (--object) is held at (event, attribution).
    #[arg(long)]
    organisation: Option<String>,
    /// A source expected to back the claim; repeat for several.
    #[arg(long = "source", value_name = "SOURCE_ID")]
    sources: Vec<String>,
    /// The verdict you expect.
    #[arg(long)]
    expect: Option<String>,
    /// error (default) or warn.
    #[arg(long)]
    severity: Option<String>,
    /// How the words were read.
    #[arg(long)]
    note: Option<String>,
    /// The period a figure is for: 2023, 2023-Q2, 2023-04, 2023-01/2023-03, or
    /// relative to the article: last year, April, the three months to March,
    /// the year to June (quantity and the statistical kinds).
    #[arg(long, value_name = "PERIOD")]
    period: Option<String>,
    /// The scale the value is printed in: thousand, million, billion, trillion.
    #[arg(long)]
    scale: Option<String>,
    /// The value may be below zero although its unit is not a rate (quantity).
    #[arg(long)]
    signed: bool,
    /// A subject the figure is computed from; repeat for several (with --aggregate).
    #[arg(long = "part", value_name = "SUBJECT")]
    parts: Vec<String>,
    /// How the parts combine: sum (default) or mean.
    #[arg(long)]
    aggregate: Option<String>,
    /// What a ratio, share or comparison is taken against: the total's or the other figure's subject.
    #[arg(long)]
    base_subject: Option<String>,
    /// The other figure's measure (ratio, comparison).
    #[arg(long)]
    base_measure: Option<String>,
    /// The earlier period of a change (default: the period before), or the period compared with.
    #[arg(long, value_name = "PERIOD")]
    base_period: Option<String>,
    /// rose, fell, unchanged, edged-up, edged-down or little-changed (change).
    #[arg(long)]
    direction: Option<String>,
    /// A subject of the breakdown a rank is within; repeat for each (rank).
    #[arg(long = "among", value_name = "SUBJECT")]
    among: Vec<String>,
    /// The claimed place, from 1 (rank).
    #[arg(long)]
    rank: Option<u32>,
    /// highest (default) or lowest: which end rank 1 is (rank).
    #[arg(long)]
    order: Option<String>,
    /// highest, lowest, first-rise or first-fall (record).
    #[arg(long)]
    record: Option<String>,
    /// The period a record runs from; none for "on record" (record).
    #[arg(long, value_name = "PERIOD")]
    since: Option<String>,
    /// level (default), change, percent-change or points-change: the figure ranked, compared or recorded.
    #[arg(long)]
    figure: Option<String>,
    /// greater, less or equal (comparison).
    #[arg(long)]
    relation: Option<String>,
    /// Read the whole claim as YAML from FILE, or `-` for standard input: any
    /// valid YAML (block or flow style, keys in any order), written back in the file's style.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["id", "text", "kind"])]
    from_yaml: Option<PathBuf>,
    /// Print the change as a unified diff, and write nothing.
    #[arg(long)]
    dry_run: bool,
    /// The project folder.
    #[arg(long, default_value = ".")]
    root: PathBuf,
}

#[derive(Debug, clap::Args)]
struct SourceArgs {
    /// The source's id; made from the publisher and date when left out.
    #[arg(long)]
    id: Option<String>,
    /// Who hosts the copy you consulted.
    #[arg(long)]
    publisher: Option<String>,
    /// Who wrote it, when syndicated.
    #[arg(long)]
    original_publisher: Option<String>,
    /// Its title.
    #[arg(long)]
    title: Option<String>,
    /// Its address (http or https).
    #[arg(long)]
    url: Option<String>,
    /// Another copy's address; repeat for several.
    #[arg(long, value_name = "URL")]
    also_at: Vec<String>,
    /// Its date (2024-08-15, 2024-08, a range), or `unknown`.
    #[arg(long, value_name = "DATE")]
    published: Option<String>,
    /// The date is deduced, not printed.
    #[arg(long)]
    date_inferred: bool,
    /// primary, wire or secondary.
    #[arg(long)]
    kind: Option<String>,
    /// How the title or date is known.
    #[arg(long)]
    note: Option<String>,
    /// A verbatim passage; repeat for several.
    #[arg(long, value_name = "TEXT")]
    excerpt: Vec<String>,
    /// Whose prose the excerpts are (default: the original publisher): once
    /// for every excerpt, or once per --excerpt, in order.
    #[arg(long)]
    speaker: Vec<String>,
    /// Whose words stand inside the excerpts' quotation marks: once for
    /// every excerpt, or once per --excerpt, in order (`-` for none,
    /// `unknown` when the source does not say).
    #[arg(long)]
    quoting: Vec<String>,
    /// The stored copy ends where the last excerpt ends (mid-passage).
    #[arg(long)]
    excerpt_cut_short: bool,
    /// Its full text (reference/documents/<id>.txt) stops where the stored copy stopped.
    #[arg(long)]
    cut_short: bool,
    /// It is a translation: it backs what was said, not the speaker's words.
    #[arg(long)]
    translation: bool,
    /// An article it is not independent of (an earlier version of it, the same wire copy); repeat for several.
    #[arg(long, value_name = "ARTICLE_ID")]
    not_independent_of: Vec<String>,
    /// Read the whole source as YAML from FILE, or `-` for standard input.
    #[arg(long, value_name = "FILE")]
    from_yaml: Option<PathBuf>,
    /// Print the change as a unified diff, and write nothing.
    #[arg(long)]
    dry_run: bool,
    /// The project folder.
    #[arg(long, default_value = ".")]
    root: PathBuf,
}

#[derive(Debug, clap::Args)]
struct FactArgs {
    /// The fact's id; made from its subject and measure when left out.
    #[arg(long)]
    id: Option<String>,
    /// What the fact is about.
    #[arg(long)]
    subject: Option<String>,
    /// Which measure (with --value and --unit, or --date).
    #[arg(long, conflicts_with = "predicate")]
    measure: Option<String>,
    /// Which predicate (with --object).
    #[arg(long)]
    predicate: Option<String>,
    /// The number.
    #[arg(long, allow_negative_numbers = true)]
    value: Option<f64>,
    /// Its unit.
    #[arg(long)]
    unit: Option<String>,
    /// How the source hedges the number (exact, about, at-least, …).
    #[arg(long)]
    qualifier: Option<String>,
    /// The date (for a measure), or when the event happened (for a predicate).
    #[arg(long)]
    date: Option<String>,
    /// The value of a predicate.
    #[arg(long)]
    object: Option<String>,
    /// For a role: the organisation the title (--object) is held at.
    #[arg(long)]
    organisation: Option<String>,
    /// No source settles the value; say why in --note.
    #[arg(long)]
    unsettled: bool,
    /// When it starts to hold.
    #[arg(long, value_name = "DATE")]
    valid_from: Option<String>,
    /// When it stops holding.
    #[arg(long, value_name = "DATE")]
    valid_to: Option<String>,
    /// The date it was observed; a later observation replaces it.
    #[arg(long, value_name = "DATE")]
    as_of: Option<String>,
    /// It reports an expectation, not what happened.
    #[arg(long)]
    forecast: bool,
    /// A source stating it; repeat for several.
    #[arg(long = "source", value_name = "SOURCE_ID")]
    sources: Vec<String>,
    /// Context; for unsettled facts, why nothing settles them.
    #[arg(long)]
    note: Option<String>,
    /// The facts file to add to, in reference/facts/ (created if absent). Default: the file
    /// holding most facts about the subject, else a new reference/facts/<subject>.yaml.
    #[arg(long)]
    file: Option<String>,
    /// The period the figure covers: 2023, 2023-Q2, 2023-04, 2023-01/2023-03.
    #[arg(long, value_name = "PERIOD")]
    period: Option<String>,
    /// When this vintage of the figure was published (with --period); a later vintage revises it.
    #[arg(long, value_name = "DATE")]
    published: Option<String>,
    /// The scale the value is given in: thousand, million, billion, trillion.
    #[arg(long)]
    scale: Option<String>,
    /// The value may be below zero although its unit is not a rate (a balance, a change).
    #[arg(long)]
    signed: bool,
    /// The source states the period's figure is a record: highest, lowest, first-rise or first-fall.
    #[arg(long)]
    record: Option<String>,
    /// The period that record runs from (with --record).
    #[arg(long, value_name = "PERIOD")]
    since: Option<String>,
    /// Read the whole fact as YAML from FILE, or `-` for standard input.
    #[arg(long, value_name = "FILE")]
    from_yaml: Option<PathBuf>,
    /// Print the change as a unified diff, and write nothing.
    #[arg(long)]
    dry_run: bool,
    /// The project folder.
    #[arg(long, default_value = ".")]
    root: PathBuf,
}

#[derive(Debug, clap::Args)]
struct TermArgs {
    /// The term: lowercase words joined by hyphens, as claims and facts name it.
    #[arg(long)]
    term: Option<String>,
    /// How reports name it.
    #[arg(long)]
    label: Option<String>,
    /// A term that includes it (defined in reference/terms.yaml too); repeat for several.
    #[arg(long, value_name = "TERM")]
    broader: Vec<String>,
    /// Read the whole term as YAML from FILE, or `-` for standard input.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["term", "label", "broader"])]
    from_yaml: Option<PathBuf>,
    /// Print the change as a unified diff, and write nothing.
    #[arg(long)]
    dry_run: bool,
    /// The project folder.
    #[arg(long, default_value = ".")]
    root: PathBuf,
}

/// What `edit` and `remove` change.
#[derive(Clone, Copy, Debug, ValueEnum)]
enum WhatArg {
    Claim,
    Fact,
    Source,
    Term,
    Article,
}

impl From<WhatArg> for factcheck::edit::What {
    fn from(what: WhatArg) -> Self {
        use factcheck::edit::What;
        match what {
            WhatArg::Claim => What::Claim,
            WhatArg::Fact => What::Fact,
            WhatArg::Source => What::Source,
            WhatArg::Term => What::Term,
            WhatArg::Article => What::Article,
        }
    }
}

fn mode(dry_run: bool) -> add::Mode {
    if dry_run { add::Mode::DryRun } else { add::Mode::Write }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum ProgressArg {
    Auto,
    Always,
    Never,
}

/// The progress bar `--progress` asks for, if any.
fn progress_bar(arg: ProgressArg) -> Option<Bar> {
    use std::io::IsTerminal;
    match arg {
        ProgressArg::Never => None,
        ProgressArg::Auto if !std::io::stderr().is_terminal() => None,
        ProgressArg::Auto => Some(Bar::new(std::io::stderr(), width(), Duration::from_millis(500))),
        ProgressArg::Always => Some(Bar::new(std::io::stderr(), width(), Duration::ZERO)),
    }
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

/// The formats `suggest` prints.
#[derive(Clone, Copy, Debug, ValueEnum)]
enum SuggestFormat {
    /// Each sentence with its signals and claims, and claim skeletons.
    Text,
    /// The sentences, their signals and claims, and the counts, as JSON.
    Json,
}

impl From<SuggestFormat> for Format {
    fn from(format: SuggestFormat) -> Format {
        match format {
            SuggestFormat::Text => Format::Text,
            SuggestFormat::Json => Format::Json,
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
        Command::Check {
            articles,
            claims,
            root,
            as_of,
            format,
            output,
            reviewer,
            reviewer_url,
            progress,
            stats,
            no_cache,
            verbose,
        } => {
            // Painted only where the colour is kept ([`report_out`]), not
            // painted and then stripped again.
            let color = output.is_none() && anstream::stdout().current_choice() != anstream::ColorChoice::Never;
            let style = Style { color };
            let options = Options { style, reviewer: Reviewer { name: reviewer, url: reviewer_url }, verbose };
            let selection = Selection::new(articles, claims);
            let run = CheckRun {
                as_of: as_of.as_deref(),
                format: format.into(),
                options: &options,
                progress,
                stats,
                cache: !no_cache,
            };
            run_check(&root, &selection, &run, output.as_deref())
        }
        Command::Recheck { articles, claims, root, from, to, format, output } => {
            run_recheck(&root, &Selection::new(articles, claims), from.as_deref(), &to, format, output.as_deref())
        }
        Command::Validate { articles, claims, root } => run_validate(&root, &Selection::new(articles, claims)),
        Command::New { article, text, publisher, url, published, title, note, dry_run, root } => {
            let new = add::NewArticle { id: article, text: String::new(), title, publisher, url, published, note };
            run_new(&root, new, &text, mode(dry_run))
        }
        Command::Add(add) => match *add {
            AddCommand::Claim(args) => run_add_claim(*args),
            AddCommand::Source(args) => run_add_source(args),
            AddCommand::Fact(args) => run_add_fact(args),
            AddCommand::Term(args) => run_add_term(args),
        },
        Command::Edit { what, id, article, unset, dry_run, root, fields } => {
            run_edit(what.into(), &id, article, unset, dry_run, root, &fields)
        }
        Command::Remove { what, id, article, dry_run, root } => {
            let what: factcheck::edit::What = what.into();
            show_change(
                factcheck::edit::remove(&root, what, &id, article.as_deref(), mode(dry_run)),
                "removed",
                what,
                &id,
            )
        }
        Command::Suggest { articles, claims: _, write: true, dry_run, format: _, root } => {
            run_write_drafts(&root, &articles, mode(dry_run))
        }
        Command::Suggest { articles, claims, write: false, dry_run: _, format, root } => {
            run_suggest(&root, &Selection::new(articles, claims), format.into())
        }
        Command::Schema { name, write, root } => run_schema(name.as_deref(), write, &root),
        Command::Import(args) => run_import(*args),
        Command::Search { text, claim, article, limit, cited, by_text, format, root } => {
            let json = matches!(format, SuggestFormat::Json);
            let run = SearchRun { text, claim, article, limit, cited, by_text, json };
            run_search(&root, &run)
        }
        Command::Corpus { out, seed, articles, claims, facts, sources, documents, document_size } => {
            let options = corpus::Options { seed, articles, claims, facts, sources, documents, document_size };
            run_corpus(&out, &options)
        }
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
        Error::InUse { citations: diagnostics, .. } | Error::Refused(diagnostics) => {
            eprint(&report::diagnostic::render(diagnostics, STYLE, width()));
            eprint(&format!("error: {error}\n"));
        }
        other => {
            let mut message = format!("error: {other}");
            let mut source = std::error::Error::source(other);
            while let Some(cause) = source {
                message.push_str(&format!(": {cause}"));
                source = cause.source();
            }
            eprint(&format!("{}\n", report::printable(&message)));
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
        // Colour is for terminals.
        Some(path) => factcheck::fs::write_atomic(path, anstream::adapter::strip_str(text).to_string().as_bytes())
            .map_err(|source| Error::Write { path: path.display().to_string(), source }),
        None => {
            print(text);
            Ok(())
        }
    }
}

/// How `check` was asked to run.
struct CheckRun<'a> {
    as_of: Option<&'a str>,
    format: Format,
    options: &'a Options,
    progress: ProgressArg,
    stats: bool,
    /// Whether to use the parse and record caches.
    cache: bool,
}

/// The articles and claims named on the command line.
struct Selection {
    articles: Choice,
    claims: Choice,
}

impl Selection {
    fn new(articles: Vec<String>, claims: Vec<String>) -> Self {
        Selection { articles: Choice::of(articles), claims: Choice::of(claims) }
    }

    /// Loads the chosen articles, and refuses claim ids none of them has.
    fn load(&self, root: &Path, progress: &dyn Progress) -> Result<load::Loaded, Error> {
        self.load_cached(root, progress, None, false)
    }

    /// [`Selection::load`] through the parse cache, with the facts left
    /// there until looked up if `lean` and the data has nothing to report.
    fn load_cached(
        &self,
        root: &Path,
        progress: &dyn Progress,
        cache: Option<&FileCache>,
        lean: bool,
    ) -> Result<load::Loaded, Error> {
        let lean = cache.filter(|_| lean).and_then(|cache| load::from_root_lean(root, &self.articles, progress, cache));
        let loaded = match lean {
            Some(loaded) => loaded,
            None => load::from_root_cached(root, &self.articles, progress, cache)?,
        };
        let unmatched = check::unmatched_claims(&loaded.project, &self.claims);
        if let Some(id) = unmatched.first() {
            let known = loaded.project.articles.iter().flat_map(|a| &a.claims).map(|c| c.id.as_str());
            let hint = factcheck::nearest::closest(id, known).map_or_else(
                || "`factcheck check` lists every claim".to_owned(),
                |near| format!("did you mean `{near}`?"),
            );
            let scope = if self.articles.named().next().is_some() { " in the articles chosen" } else { "" };
            return Err(Error::Usage(format!("no claim `{id}`{scope}; {hint}")));
        }
        Ok(loaded)
    }
}

fn run_check(root: &Path, selection: &Selection, run: &CheckRun<'_>, output: Option<&Path>) -> i32 {
    let as_of = match run.as_of.map(parse_as_of).transpose() {
        Ok(date) => date,
        Err(e) => return report_error(&e),
    };
    let bar = progress_bar(run.progress);
    let watch: &dyn Progress = bar.as_ref().map_or(&Quiet, |b| b);
    let (files, records) = if run.cache {
        let (dir, program) = (factcheck::cache::dir_for(root), factcheck::cache::program_identity());
        (Some(FileCache::open(&dir, root, &program)), Some(Records::open(&dir, &program)))
    } else {
        (None, None)
    };
    let attempt = |lean: bool, out: &mut dyn Write| {
        let cached = (files.as_ref(), records.as_ref());
        check_once(root, selection, run, as_of, (watch, bar.as_ref()), cached, lean, out)
    };
    // A run whose kept claims or facts could not all be read is made again
    // from the files, if none of its report was shown yet.
    let again = |failed: &Result<Checked, Stop>, shown: bool| {
        let again = matches!(failed, Err(Stop::Failed(Failure::Unread { written })) if !written || !shown);
        if again {
            files.iter().for_each(FileCache::reset_counts);
            records.iter().for_each(Records::reset_counts);
        }
        again
    };
    let outcome = match output {
        // Written beside the file and put in its place once whole.
        Some(path) => {
            let write = |lean| {
                let mut file = factcheck::fs::AtomicFile::create(path).map_err(|e| write_error(path, e))?;
                // Colour is for terminals.
                let checked = attempt(lean, &mut anstream::StripStream::new(&mut file as &mut dyn Write))?;
                file.commit().map_err(|e| write_error(path, e))?;
                Ok(checked)
            };
            match write(true) {
                failed if again(&failed, false) => write(false),
                other => other,
            }
        }
        None => {
            let mut stdout = Shown { bar: bar.as_ref(), out: report_out(run.options.style) };
            match attempt(true, &mut stdout) {
                failed if again(&failed, true) => attempt(false, &mut stdout),
                other => other,
            }
        }
    };
    // The bar is erased before anything else is printed.
    drop(bar);
    let outcome = match outcome {
        Ok(outcome) => outcome,
        Err(Stop::Error(e)) => return report_error(&e),
        Err(Stop::Failed(Failure::Write(source))) => {
            let path = output.map_or_else(|| "standard output".to_owned(), |p| p.display().to_string());
            return report_error(&Error::Write { path, source });
        }
        Err(Stop::Failed(Failure::Unread { .. })) => {
            return report_error(&Error::Usage(
                "a facts or claims file changed while it was being checked, after part of the report was \
                 printed: the report is incomplete; run the check again"
                    .to_owned(),
            ));
        }
    };
    if run.stats {
        let sizes = load::data_file_sizes(root);
        let bytes = sizes.iter().map(|(_, size)| size).sum();
        let (loading, checking) = (outcome.loading, outcome.checking);
        eprint(&progress::summary(bytes, sizes.len(), loading, outcome.claims, checking, progress::peak_memory()));
        if let (Some(files), Some(records)) = (&files, &records) {
            eprint(&progress::cache_summary(files.counts(), files.decoded(), records.counts()));
        }
    }
    if outcome.unexpected { exit::UNEXPECTED } else { exit::OK }
}

fn write_error(path: &Path, source: std::io::Error) -> Stop {
    Stop::Error(Error::Write { path: path.display().to_string(), source })
}

/// Standard output for a report painted in `style`: a report without
/// colour is written as it is, not read through for colour to strip.
fn report_out(style: Style) -> anstream::Stdout {
    if style.color {
        anstream::stdout()
    } else {
        anstream::AutoStream::new(std::io::stdout(), anstream::ColorChoice::AlwaysAnsi)
    }
}

/// Standard output, with the progress bar, if any, erased while it is
/// written to. What cannot be written (a closed pipe: `check | head`) is
/// dropped, as [`print`] drops it, and the run goes on to its exit code.
struct Shown<'b> {
    bar: Option<&'b Bar>,
    out: anstream::Stdout,
}

impl Write for Shown<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let _ = without_bar(self.bar, || self.out.write_all(buf));
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        let _ = self.out.flush();
        Ok(())
    }
}

/// Runs `f` with the progress bar, if any, erased: for what is printed
/// while it is shown.
fn without_bar<R>(bar: Option<&Bar>, f: impl FnOnce() -> R) -> R {
    match bar {
        Some(bar) => bar.suspend(f),
        None => f(),
    }
}

/// What one check of the project found.
struct Checked {
    unexpected: bool,
    claims: u64,
    loading: std::time::Duration,
    checking: std::time::Duration,
}

/// The project as a check loaded it.
enum Data {
    /// Loaded lean, its articles' claims kept in the parse cache.
    Kept(load::Lean),
    /// Loaded whole.
    Loaded(load::Loaded),
}

/// Why one check of the project stopped.
enum Stop {
    Error(Error),
    Failed(Failure),
}

impl From<Error> for Stop {
    fn from(error: Error) -> Stop {
        Stop::Error(error)
    }
}

/// Loads and checks the project, printing its warnings, and writes the
/// report to `out`.
#[allow(clippy::too_many_arguments)]
fn check_once(
    root: &Path,
    selection: &Selection,
    run: &CheckRun<'_>,
    as_of: Option<jiff::civil::Date>,
    (watch, bar): (&dyn Progress, Option<&Bar>),
    (files, records): (Option<&FileCache>, Option<&Records>),
    lean: bool,
    out: &mut dyn Write,
) -> Result<Checked, Stop> {
    let start = Instant::now();
    let asked = Asked {
        as_of,
        claims: &selection.claims,
        format: run.format,
        options: run.options,
        progress: watch,
        records,
        batch: check::BATCH_CLAIMS,
    };
    // With every claim chosen, a lean run leaves the articles' claims in
    // the parse cache too, and reads them a batch at a time.
    let deferred = files.filter(|_| lean && selection.claims.is_all());
    let data = match deferred.map(|cache| load::from_root_deferred(root, &selection.articles, watch, cache)) {
        Some(Some(kept)) => Data::Kept(kept),
        // The data has something to report: the full load says it.
        Some(None) => Data::Loaded(selection.load_cached(root, watch, files, false)?),
        None => Data::Loaded(selection.load_cached(root, watch, files, lean)?),
    };
    let loading = start.elapsed();
    let outcome = match data {
        Data::Kept(kept) => {
            let outcome = check_and_write(Articles::Kept(kept.articles), &kept.reference, &asked, out);
            // The process ends next and the system takes its memory back
            // at once; freeing a million facts one at a time would only
            // delay it.
            std::mem::forget(kept.reference);
            outcome
        }
        Data::Loaded(loaded) => {
            without_bar(bar, || warn(&loaded.warnings));
            let project = &loaded.project;
            let outcome = check_and_write(Articles::Held(&project.articles), &project.reference, &asked, out);
            std::mem::forget(loaded);
            outcome
        }
    };
    let outcome = outcome.map_err(Stop::Failed)?;
    let checking = start.elapsed() - loading;
    Ok(Checked { unexpected: outcome.unexpected, claims: outcome.claims, loading, checking })
}

fn run_recheck(
    root: &Path,
    selection: &Selection,
    from: Option<&str>,
    to: &str,
    format: RecheckFormat,
    output: Option<&Path>,
) -> i32 {
    let dates = from.map(parse_as_of).transpose().and_then(|from| Ok((from, parse_as_of(to)?)));
    let (from, to) = match dates {
        Ok(dates) => dates,
        Err(e) => return report_error(&e),
    };
    let loaded = match load_and_warn(root, selection) {
        Ok(loaded) => loaded,
        Err(e) => return report_error(&e),
    };
    let recheck = check::recheck::recheck_only(&loaded.project, from, to, &selection.claims);
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

/// Loads the chosen articles of the project, printing its warnings.
fn load_and_warn(root: &Path, selection: &Selection) -> Result<load::Loaded, Error> {
    let loaded = selection.load(root, &Quiet)?;
    warn(&loaded.warnings);
    Ok(loaded)
}

fn warn(warnings: &Diagnostics) {
    if !warnings.0.is_empty() {
        eprint(&report::diagnostic::render(warnings, STYLE, width()));
    }
}

fn run_validate(root: &Path, selection: &Selection) -> i32 {
    match load_and_warn(root, selection) {
        Ok(loaded) => {
            let project = &loaded.project;
            let claims: usize = project
                .articles
                .iter()
                .flat_map(|a| &a.claims)
                .filter(|c| selection.claims.admits(c.id.as_str()))
                .count();
            let drafts: usize = project
                .articles
                .iter()
                .flat_map(|a| &a.drafts)
                .filter(|d| selection.claims.admits(d.id.as_str()))
                .count();
            let drafts = match drafts {
                0 => String::new(),
                n => format!(" and {}", factcheck::error::plural(n, "draft")),
            };
            print(&format!(
                "ok: {}{drafts} in {}, {}, {}\n",
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

fn run_new(root: &Path, mut new: add::NewArticle, text_file: &Path, mode: add::Mode) -> i32 {
    new.text = match std::fs::read_to_string(text_file) {
        Ok(text) => text,
        Err(e) => {
            eprint(&format!("error: cannot read `{}`: {e}\n", text_file.display()));
            return exit::DATA_ERROR;
        }
    };
    match add::new_article(root, &new, mode) {
        Ok(created) if mode == add::Mode::DryRun => {
            for (path, text) in created.paths.iter().zip(&created.texts) {
                if !path.starts_with("schema/") {
                    print(&report::diff::unified(path, "", text));
                }
            }
            print(&format!("dry run: nothing was written; it would create {}\n", created.paths.join(", ")));
            exit::OK
        }
        Ok(created) => {
            for path in &created.paths {
                print(&format!("created {path}\n"));
            }
            let id = &new.id;
            print(&format!(
                "next: `factcheck suggest {id}` lists the sentences to check; `factcheck add claim {id} --text ...` adds one\n"
            ));
            exit::OK
        }
        Err(e) => report_error(&e),
    }
}

/// Reads a `--from-yaml` input, a file or standard input for `-`, as one
/// entry; its problems are located in it (`<stdin>:3:5`).
fn read_given(path: Option<&Path>) -> Result<Option<factcheck::entry::Given>, Error> {
    let Some(path) = path else { return Ok(None) };
    let (name, read) = if path == Path::new("-") {
        ("<stdin>".to_owned(), std::io::read_to_string(std::io::stdin()))
    } else {
        (path.display().to_string(), std::fs::read_to_string(path))
    };
    let text = read.map_err(|e| Error::Usage(format!("cannot read `{name}`: {e}")))?;
    factcheck::entry::Given::parse(&name, &text).map(Some)
}

/// Fills missing fields by asking on a terminal, or fails naming the flags.
fn complete(draft: &mut impl add::Draft) -> Result<(), Error> {
    use std::io::IsTerminal;
    loop {
        let missing = draft.missing();
        let Some(field) = missing.first().copied() else { return Ok(()) };
        if !std::io::stdin().is_terminal() {
            let flags: Vec<String> = missing.iter().map(|f| format!("--{}", f.replace('_', "-"))).collect();
            return Err(Error::Usage(format!("missing {}; give them as flags (see --help)", flags.join(", "))));
        }
        eprint(&format!("{field}: "));
        let mut answer = String::new();
        std::io::stdin().read_line(&mut answer).map_err(|e| Error::Usage(format!("cannot read the answer: {e}")))?;
        if answer.trim().is_empty() {
            return Err(Error::Usage(format!("no {field} given")));
        }
        draft.set(field, &answer)?;
    }
}

/// Completes `input` (unless `--from-yaml` gives the whole entry), adds it
/// with `add`, and says where it went.
fn add_entry<D: add::Draft>(
    mut input: D,
    from_yaml: Option<&Path>,
    what: &str,
    mode: add::Mode,
    add: impl FnOnce(&D, Option<&factcheck::entry::Given>, add::Mode) -> Result<add::Added, Error>,
) -> Result<add::Added, Error> {
    let given = read_given(from_yaml)?;
    if given.is_none() {
        complete(&mut input)?;
    }
    let added = add(&input, given.as_ref(), mode)?;
    let verb = match mode {
        add::Mode::Write => "added",
        add::Mode::DryRun => {
            print(&report::diff::unified(&added.path, &added.before, &added.after));
            "dry run: nothing was written; it would add"
        }
    };
    match &added.why {
        Some(why) => print(&format!("{verb} {what} `{}` to {} ({why})\n", added.id, added.path)),
        None => print(&format!("{verb} {what} `{}` to {}\n", added.id, added.path)),
    }
    Ok(added)
}

fn run_add_claim(args: ClaimArgs) -> i32 {
    let input = add::ClaimInput {
        id: args.id,
        text: args.text,
        kind: args.kind,
        subject: args.subject,
        measure: args.measure,
        value: args.value,
        unit: args.unit,
        qualifier: args.qualifier,
        tolerance_absolute: args.tolerance_absolute,
        tolerance_relative: args.tolerance_relative,
        event: args.event,
        date: args.date,
        relative_to: args.relative_to,
        speaker: args.speaker,
        words: args.words,
        predicate: args.predicate,
        object: args.object,
        organisation: args.organisation,
        sources: args.sources,
        expect: args.expect,
        severity: args.severity,
        note: args.note,
        period: args.period,
        scale: args.scale,
        signed: args.signed,
        parts: args.parts,
        aggregate: args.aggregate,
        base_subject: args.base_subject,
        base_measure: args.base_measure,
        base_period: args.base_period,
        direction: args.direction,
        among: args.among,
        rank: args.rank,
        order: args.order,
        record: args.record,
        since: args.since,
        figure: args.figure,
        relation: args.relation,
    };
    let root = &args.root;
    let article = &args.article;
    let added = match add_entry(input, args.from_yaml.as_deref(), "claim", mode(args.dry_run), |input, given, mode| {
        add::claim(root, article, input, given, mode)
    }) {
        Ok(added) => added,
        Err(e) => return report_error(&e),
    };
    if !added.overlaps.is_empty() {
        let ids: Vec<String> = added.overlaps.iter().map(|id| format!("`{id}`")).collect();
        eprint(&format!("warning: its text overlaps claim {}; check it is not a duplicate\n", ids.join(", ")));
    }
    // In a dry run too: trying a variant without writing it is what a dry run is for.
    print_verdict(&added.loaded.project, &added.path, &added.id);
    print_candidates(&added.loaded.project, &added.path, &added.id);
    if !args.dry_run {
        print(&format!(
            "record its snapshot: `{}`, then `cargo insta review`\n",
            report::snapshot::test_command(&args.article, &added.id)
        ));
    }
    exit::OK
}

fn run_add_source(args: SourceArgs) -> i32 {
    let input = add::SourceInput {
        id: args.id,
        publisher: args.publisher,
        original_publisher: args.original_publisher,
        title: args.title,
        url: args.url,
        also_at: args.also_at,
        published: args.published,
        date_inferred: args.date_inferred,
        kind: args.kind,
        note: args.note,
        excerpts: args.excerpt,
        speakers: args.speaker,
        quoting: args.quoting,
        excerpt_cut_short: args.excerpt_cut_short,
        cut_short: args.cut_short,
        translation: args.translation,
        not_independent_of: args.not_independent_of,
    };
    let add = |input: &add::SourceInput, given: Option<&factcheck::entry::Given>, mode| {
        add::source(&args.root, input, given, mode)
    };
    match add_entry(input, args.from_yaml.as_deref(), "source", mode(args.dry_run), add) {
        Ok(_) => exit::OK,
        Err(e) => report_error(&e),
    }
}

fn run_add_fact(args: FactArgs) -> i32 {
    let input = add::FactInput {
        id: args.id,
        subject: args.subject,
        measure: args.measure,
        predicate: args.predicate,
        value: args.value,
        unit: args.unit,
        qualifier: args.qualifier,
        date: args.date,
        object: args.object,
        organisation: args.organisation,
        unsettled: args.unsettled,
        valid_from: args.valid_from,
        valid_to: args.valid_to,
        as_of: args.as_of,
        forecast: args.forecast,
        sources: args.sources,
        note: args.note,
        file: args.file,
        period: args.period,
        published: args.published,
        scale: args.scale,
        signed: args.signed,
        record: args.record,
        since: args.since,
    };
    let add = |input: &add::FactInput, given: Option<&factcheck::entry::Given>, mode| {
        add::fact(&args.root, input, given, mode)
    };
    match add_entry(input, args.from_yaml.as_deref(), "fact", mode(args.dry_run), add) {
        Ok(_) => exit::OK,
        Err(e) => report_error(&e),
    }
}

fn run_add_term(args: TermArgs) -> i32 {
    let input = add::TermInput { term: args.term, label: args.label, broader: args.broader };
    let add = |input: &add::TermInput, given: Option<&factcheck::entry::Given>, mode| {
        add::term(&args.root, input, given, mode)
    };
    match add_entry(input, args.from_yaml.as_deref(), "term", mode(args.dry_run), add) {
        Ok(_) => exit::OK,
        Err(e) => report_error(&e),
    }
}

fn run_edit(
    what: factcheck::edit::What,
    id: &str,
    article: Option<String>,
    unset: Vec<String>,
    dry_run: bool,
    root: PathBuf,
    fields: &[String],
) -> i32 {
    let (mut fields, options) = match factcheck::edit::parse_fields(fields) {
        Ok(parsed) => parsed,
        Err(e) => return report_error(&e),
    };
    fields.unset.extend(unset.into_iter().map(|k| k.replace('-', "_")));
    let root = options.root.map_or(root, PathBuf::from);
    let article = options.article.or(article);
    let mode = mode(dry_run || options.dry_run);
    show_change(factcheck::edit::edit(&root, what, id, article.as_deref(), &fields, mode), "changed", what, id)
}

/// Prints the verdict of claim `id` of the claims file `path`, as `check` does.
fn print_verdict(project: &factcheck::Project, path: &str, id: &str) {
    let article = path.rsplit('/').next().unwrap_or(path).trim_end_matches(".yaml");
    let checks = check::check_project(project, None);
    let Some(check) = checks.iter().find(|c| c.article.article.id.as_str() == article) else { return };
    if let Some((claim, verdict)) = check.pairs().find(|(c, _)| c.id.as_str() == id) {
        let line = report::text::line(claim, verdict, claim.id.as_str().len(), STYLE);
        print(&format!("{line}\n"));
    } else if let Some(draft) = check.drafts.iter().find(|d| d.id.as_str() == id) {
        print(&format!("{:<12} {id}  {}; {}\n", "draft", draft.kind, report::needs(draft)));
    }
}

/// Prints what an `edit` or `remove` did, or in a dry run the diff it
/// would make.
fn show_change(
    change: Result<factcheck::edit::Change, Error>,
    verb: &str,
    what: factcheck::edit::What,
    id: &str,
) -> i32 {
    match change {
        Ok(change) => {
            let diff = report::diff::unified(&change.path, &change.before, &change.after);
            if change.written {
                print(&format!("{verb} {} `{id}` in {}\n", what.name(), change.path));
            } else {
                print(&diff);
                print(&format!("dry run: nothing was written; the diff above is the change to {}\n", change.path));
            }
            if what == factcheck::edit::What::Claim && verb == "changed" {
                print_verdict(&change.loaded.project, &change.path, id);
            }
            exit::OK
        }
        Err(e) => report_error(&e),
    }
}

fn run_suggest(root: &std::path::Path, selection: &Selection, format: Format) -> i32 {
    let loaded = match selection.load(root, &Quiet) {
        Ok(loaded) => loaded,
        Err(e) => return report_error(&e),
    };
    for article in &loaded.project.articles {
        let mut suggestions = factcheck::suggest::suggest(article);
        if !selection.claims.is_all() {
            suggestions.sentences.retain(|s| s.claims.iter().any(|id| selection.claims.admits(id)));
        }
        print(&report::suggest::render(article, &suggestions, format));
    }
    exit::OK
}

/// `suggest --write`: writes (or, in a dry run, shows) each article's drafts.
fn run_write_drafts(root: &std::path::Path, articles: &[String], mode: add::Mode) -> i32 {
    for article in articles {
        let written = match factcheck::suggest::write::write_drafts(root, article, mode) {
            Ok(written) => written,
            Err(e) => return report_error(&e),
        };
        warn(&written.loaded.warnings);
        if written.ids.is_empty() {
            print(&format!(
                "{article}: every check-worthy sentence is covered by a claim or a draft; nothing to write\n"
            ));
            continue;
        }
        let n = written.ids.len();
        if written.written {
            print(&format!(
                "wrote {} to {}: {}\n",
                factcheck::error::plural(n, "draft"),
                written.path,
                written.ids.join(", ")
            ));
        } else {
            print(&report::diff::unified(&written.path, &written.before, &written.after));
            print(&format!("dry run: nothing was written; the diff above is the change to {}\n", written.path));
        }
    }
    print(
        "next: `factcheck check` lists what each draft needs; set it with `factcheck edit claim ID --<field> <value>`, \
         and review a draft by setting its verdict: `--expect supported` (a draft you do not want: `factcheck remove claim ID`)\n",
    );
    exit::OK
}

/// What `search` was asked.
struct SearchRun {
    text: Option<String>,
    claim: Option<String>,
    article: Option<String>,
    limit: usize,
    cited: bool,
    by_text: bool,
    json: bool,
}

fn run_search(root: &Path, run: &SearchRun) -> i32 {
    let loaded = match load_and_warn(root, &Selection::new(Vec::new(), Vec::new())) {
        Ok(loaded) => loaded,
        Err(e) => return report_error(&e),
    };
    let project = &loaded.project;
    if run.cited {
        let found = factcheck::search::findability(project, run.limit, run.by_text);
        print(&report::search::findability(&found, run.limit));
        return exit::OK;
    }
    let query = match (&run.text, &run.claim) {
        (Some(text), _) => text.clone(),
        (None, Some(id)) => match factcheck::search::find_claim(project, id, run.article.as_deref()) {
            Ok(claim) => factcheck::search::claim_query(claim, &project.reference),
            Err(e) => return report_error(&e),
        },
        (None, None) => return report_error(&Error::Usage("give --text or --claim".to_owned())),
    };
    let index = factcheck::search::Index::new(&project.reference);
    let hits = index.search(&query, run.limit);
    let text = if run.json { report::search::json(&query, &hits) } else { report::search::text(&query, &hits) };
    print(&text);
    exit::OK
}

/// For a claim added citing no source: the three units of the reference
/// most likely to back or refute it, with their sources.
fn print_candidates(project: &factcheck::Project, path: &str, id: &str) {
    let article = path.rsplit('/').next().unwrap_or(path).trim_end_matches(".yaml");
    let hits = factcheck::search::candidates(project, article, id, 3);
    if hits.is_empty() {
        return;
    }
    print("no --source given; the closest in the reference (`factcheck search --claim ID` lists more):\n");
    for (rank, hit) in hits.iter().enumerate() {
        print(&format!("{}\n       {}\n", report::search::line(rank + 1, hit), report::printable(&hit.unit.text())));
    }
}

fn run_corpus(out: &Path, options: &corpus::Options) -> i32 {
    use factcheck::error::plural;
    match corpus::generate(out, options) {
        Ok(s) => {
            print(&format!(
                "wrote {}: {} with {}, {} in {}, {} with {}, {}, {}; {} files, {} bytes\n",
                out.display(),
                plural(s.articles, "article"),
                plural(s.claims, "claim"),
                plural(s.facts, "fact"),
                plural(s.fact_files, "file"),
                plural(s.sources, "source"),
                plural(s.excerpts, "excerpt"),
                plural(s.terms, "term"),
                plural(s.documents, "document"),
                s.files,
                s.bytes,
            ));
            exit::OK
        }
        Err(e) => report_error(&e),
    }
}

/// How many new facts an import shows before it says how many more there are.
const IMPORT_SHOWN: usize = 20;

fn run_import(args: ImportArgs) -> i32 {
    use factcheck::import::{self, MappingText, TableFormat};
    let flags = MappingText {
        format: args.format.map(|f| match f {
            ImportFormat::Csv => TableFormat::Csv,
            ImportFormat::JsonStat => TableFormat::JsonStat,
            ImportFormat::SdmxCsv => TableFormat::SdmxCsv,
        }),
        subject_column: args.subject_column,
        subject: args.subject,
        measure_column: args.measure_column,
        measure: args.measure,
        period_column: args.period_column,
        period: args.period,
        value_column: args.value_column,
        unit_column: args.unit_column,
        unit: args.unit,
        scale_column: args.scale_column,
        scale: args.scale,
        published_column: args.published_column,
        published: args.published,
        source_column: args.source_column,
        source: args.source,
        note_column: args.note_column,
        measure_dimension: args.measure_dimension,
        time_dimension: args.time_dimension,
    };
    let mapping = match &args.mapping {
        None => Ok(flags),
        Some(path) => std::fs::read_to_string(path)
            .map_err(|e| Error::Usage(format!("cannot read `{}`: {e}", path.display())))
            .and_then(|text| MappingText::from_str(&path.display().to_string(), &text))
            .map(|file| file.overridden_by(flags)),
    };
    let request = mapping.and_then(import::Mapping::try_from).map(|mapping| import::Request {
        table: args.table.display().to_string(),
        format: None,
        mapping,
        into: args.into.clone(),
    });
    let result = request.and_then(|request| {
        if args.write { import::apply(&args.root, &request) } else { import::plan(&args.root, &request) }
    });
    let plan = match result {
        Ok(plan) => plan,
        Err(e) => return report_error(&e),
    };
    print(&report::import::summary(&args.table.display().to_string(), &plan, args.write, IMPORT_SHOWN));
    exit::OK
}

fn run_schema(name: Option<&str>, write: bool, root: &std::path::Path) -> i32 {
    if write {
        for (name, schema) in factcheck::schema::all() {
            let path = format!("schema/{name}.schema.json");
            let full = root.join(&path);
            let written = std::fs::create_dir_all(root.join("schema"))
                .and_then(|()| factcheck::fs::write_atomic(&full, schema.as_bytes()));
            if let Err(source) = written {
                return report_error(&Error::Write { path, source });
            }
            print(&format!("wrote {path}\n"));
        }
        return exit::OK;
    }
    let name = name.unwrap_or("claims");
    match factcheck::schema::named(name) {
        Some(schema) => {
            print(&schema);
            exit::OK
        }
        None => report_error(&Error::Usage(format!("no schema named `{name}`"))),
    }
}
