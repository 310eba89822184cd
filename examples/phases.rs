//! Times the phases of a run on a project: read, bare parse, load, check.
//! `cargo run --release --example phases -- DIR`
use std::time::Instant;

fn main() {
    let root = std::path::PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| ".".to_owned()));
    let t = Instant::now();
    let (files, _) = factcheck::load::read_files(&root);
    let read = t.elapsed();
    let t = Instant::now();
    let n = factcheck::load::parse_only(&files);
    let parse = t.elapsed();
    let t = Instant::now();
    let loaded = factcheck::load::load_read(&files, Vec::new()).map_err(|e| e.to_string());
    let load = t.elapsed();
    let Ok(loaded) = loaded else { return };
    let t = Instant::now();
    let checks = factcheck::check::check_project(&loaded.project, None);
    let check = t.elapsed();
    let claims: usize = checks.iter().map(|c| c.verdicts.len()).sum();
    let mut out = std::io::stdout().lock();
    use std::io::Write;
    let _ =
        writeln!(out, "entries {n}, claims {claims}: read {read:?}, parse {parse:?}, load {load:?}, check {check:?}");
}
