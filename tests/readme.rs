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
