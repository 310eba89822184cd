//! How many drafted fields the claims of a project keep unchanged: for
//! each claim, the draft `suggest --write` makes from its sentence is
//! compared field by field with the claim its author wrote
//! ([`factcheck::suggest::measure`]).
//!
//! ```sh
//! cargo run --example drafted_fields              # this checkout's articles
//! cargo run --example drafted_fields -- DIR       # another project
//! cargo run --example drafted_fields -- DIR --list  # and each claim's pairing
//! ```
//!
//! It only reads the project. It is an example, not a test: the figure
//! describes the articles a project holds today, which its users change.

use std::path::PathBuf;
use std::process::ExitCode;

use factcheck::suggest::measure::{FIELDS, NAMES, agreement};

fn percent(kept: usize, drafted: usize) -> String {
    if drafted == 0 { "-".to_owned() } else { format!("{:.0}%", kept as f64 * 100.0 / drafted as f64) }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let list = args.iter().any(|a| a == "--list");
    let root = args.iter().find(|a| !a.starts_with("--")).map_or_else(|| PathBuf::from("."), PathBuf::from);
    let loaded = match factcheck::load::from_root(&root) {
        Ok(loaded) => loaded,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let a = agreement(&loaded.project);
    println!(
        "{} claims in {} articles; {} paired with a draft of their sentence, which gave {} drafts",
        a.claims,
        loaded.project.articles.len(),
        a.paired,
        a.drafts
    );
    let (kept, drafted) = a.overall();
    println!("drafted fields kept unchanged: {kept} of {drafted} ({})", percent(kept, drafted));
    let (kept, drafted) = a.read_from_words();
    println!("  read from the words (all but {}): {kept} of {drafted} ({})", NAMES.join(", "), percent(kept, drafted));
    println!();
    println!("{:<13} {:>8} {:>6} {:>6} {:>8}", "field", "drafted", "kept", "", "claims");
    for field in FIELDS {
        let Some(c) = a.fields.get(field) else { continue };
        println!("{field:<13} {:>8} {:>6} {:>6} {:>8}", c.drafted, c.kept, percent(c.kept, c.drafted), c.written);
    }
    if list {
        println!();
        for p in &a.pairs {
            let drafted = p.drafted_as.map_or_else(|| "no draft".to_owned(), |k| k.to_string());
            let changed =
                if p.changed.is_empty() { String::new() } else { format!("  changed: {}", p.changed.join(", ")) };
            println!("{}::{}  {} <- {drafted}{changed}", p.article, p.claim, p.kind);
        }
    }
    ExitCode::SUCCESS
}
