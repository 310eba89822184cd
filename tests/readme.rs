//! Keeps the README honest: its commands, tables and sample output must
//! agree with the code and with what the binary prints.

mod common;

use common::Sandbox;
use factcheck::model::{Qualifier, VerdictKind};

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap()
}

fn table_row<'a>(readme: &'a str, first_cell: &str) -> &'a str {
    let start = format!("| `{first_cell}` |");
    readme
        .lines()
        .find(|l| l.starts_with(&start))
        .unwrap_or_else(|| panic!("README has no table row for `{first_cell}`"))
}

#[test]
fn quick_start_is_the_two_commands() {
    let readme = readme();
    let quick_start = readme.split("## Quick start").nth(1).unwrap().split("\n## ").next().unwrap();
    assert!(quick_start.contains("```sh\ncargo run --release -- check\ncargo test\n```"), "{quick_start}");
}

#[test]
fn every_verdict_is_documented_with_its_averitec_label() {
    let readme = readme();
    for verdict in VerdictKind::ALL {
        let row = table_row(&readme, verdict.name());
        let label = verdict.averitec().unwrap_or("(out of scope)");
        assert!(row.trim_end().ends_with(&format!("| {label} |")), "{row}");
    }
}

#[test]
fn every_qualifier_is_documented_with_its_tolerance() {
    let readme = readme();
    for qualifier in Qualifier::ALL {
        let row = table_row(&readme, qualifier.name());
        let percent = qualifier.default_relative_tolerance() * 100.0;
        if percent > 0.0 {
            assert!(row.contains(&format!("{percent}%")), "{row}");
        }
    }
}

#[test]
fn sample_check_output_is_real() {
    let run = Sandbox::bundled().run(&["check"]);
    let readme = readme();
    let sample = readme.split("```text\n").nth(1).unwrap().split("```").next().unwrap();
    for line in sample.lines().filter(|l| !l.trim().is_empty() && l.trim() != "...") {
        assert!(
            run.stdout.lines().any(|out| out == line),
            "README line not in `check` output:\n{line}\n\n{}",
            run.stdout
        );
    }
}

#[test]
fn sample_validate_output_is_real() {
    let sandbox = Sandbox::bundled();
    sandbox.mistype_a_source();
    let run = sandbox.run(&["validate"]);
    let diagnostic = run.stderr.split("\n\n").next().unwrap();
    assert!(readme().contains(diagnostic), "README should show:\n{diagnostic}");
}

fn reports_section() -> String {
    let readme = readme();
    readme.split("\n## Reports\n").nth(1).unwrap().split("\n## ").next().unwrap().to_owned()
}

/// Splits a command line on spaces, keeping double-quoted words whole.
fn words(command: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    for c in command.chars() {
        match c {
            '"' => quoted = !quoted,
            ' ' if !quoted => words.extend((!current.is_empty()).then(|| std::mem::take(&mut current))),
            c => current.push(c),
        }
    }
    words.extend((!current.is_empty()).then_some(current));
    words
}

#[test]
fn every_format_has_an_example_that_works() {
    let section = reports_section();
    let sandbox = Sandbox::bundled();
    for format in factcheck::report::Format::ALL {
        let line = section
            .lines()
            .find(|l| l.starts_with(&format!("- `{}`, ", format.name())))
            .unwrap_or_else(|| panic!("README's Reports have no line for `{}`", format.name()));
        let command = line.split("`factcheck ").nth(1).unwrap().split('`').next().unwrap();
        let args = words(command);
        if format.name() != "text" {
            assert!(command.contains(&format!("--format {}", format.name())), "{line}");
        }
        sandbox.run(&args.iter().map(String::as_str).collect::<Vec<_>>()).expect_code(factcheck::exit::OK);
        if let Some(at) = args.iter().position(|a| a == "--output") {
            assert!(!sandbox.read(&args[at + 1]).is_empty(), "{line}");
        }
    }
}

#[test]
fn every_verdict_has_its_claimreview_rating() {
    let section = reports_section();
    for verdict in VerdictKind::ALL {
        let row = table_row(&section, verdict.name());
        let cells = match factcheck::report::claimreview::rating(verdict) {
            Some((value, name)) => format!("| {value} | {name} |"),
            None => "| not exported | |".to_owned(),
        };
        assert!(row.ends_with(&cells), "{row}");
    }
}

#[test]
fn sample_recheck_output_is_real() {
    let section = reports_section();
    let command = section.split("```sh\n").nth(1).unwrap().split('\n').next().unwrap();
    let args = words(command.strip_prefix("factcheck ").unwrap());
    let run = Sandbox::bundled().run(&args.iter().map(String::as_str).collect::<Vec<_>>());
    run.expect_code(factcheck::exit::OK);
    let sample = section.split("```text\n").nth(1).unwrap().split("```").next().unwrap();
    assert_eq!(sample, run.stdout);
}

#[test]
fn the_screenshot_is_committed() {
    let section = reports_section();
    assert!(section.contains("](docs/report.png)"));
    let png = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/report.png")).unwrap();
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
}
