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
    let run = Sandbox::seed().run(&["check"]);
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
    let sandbox = Sandbox::seed();
    sandbox.mistype_a_source();
    let run = sandbox.run(&["validate"]);
    let diagnostic = run.stderr.split("\n\n").next().unwrap();
    assert!(readme().contains(diagnostic), "README should show:\n{diagnostic}");
}

/// The commands of the README's ```sh block under `heading`, with line
/// continuations joined and comments dropped.
fn commands_under(heading: &str) -> Vec<String> {
    let readme = readme();
    let section = readme.split(heading).nth(1).unwrap();
    let block = section.split("```sh\n").nth(1).unwrap().split("```").next().unwrap();
    let joined = block.replace("\\\n", " ");
    joined.lines().map(|l| l.split("  #").next().unwrap().trim().to_owned()).filter(|l| !l.is_empty()).collect()
}

/// Splits a command line like a shell: spaces separate words, double quotes group them.
fn words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    let mut any = false;
    for c in line.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                any = true;
            }
            ' ' if !quoted => {
                if any {
                    words.push(std::mem::take(&mut word));
                    any = false;
                }
            }
            c => {
                word.push(c);
                any = true;
            }
        }
    }
    if any {
        words.push(word);
    }
    words
}

/// Runs the README's `cargo run -- …` commands in a sandbox; `cargo test`
/// and `cargo insta` lines are what the other tests cover.
fn run_readme_commands(sandbox: &Sandbox, heading: &str) -> Vec<common::Run> {
    commands_under(heading)
        .iter()
        .filter_map(|line| line.strip_prefix("cargo run -- "))
        .map(|line| {
            let args = words(line);
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let run = sandbox.run(&args);
            run.expect_code(factcheck::exit::OK);
            run
        })
        .collect()
}

#[test]
fn the_add_claim_example_works_as_described() {
    let sandbox = Sandbox::seed();
    let runs = run_readme_commands(&sandbox, "## Adding a claim");
    assert_eq!(runs.len(), 1);
    assert!(runs[0].stdout.contains("added claim `iraq-foreign-ministry-announced-statement`"), "{}", runs[0].stdout);
    assert!(runs[0].stdout.contains("supported"), "{}", runs[0].stdout);
    assert!(runs[0].stderr.contains("overlaps claim"), "{}", runs[0].stderr);
}

#[test]
fn the_new_article_walkthrough_works() {
    let sandbox = Sandbox::seed();
    sandbox.write("draft.txt", "The ministry said on Tuesday that 40 advisers left the base.\n");
    let runs = run_readme_commands(&sandbox, "## From a new article to a checked claim");
    assert_eq!(runs.len(), 7);
    assert!(runs[1].stdout.contains("added source `example-wire-2024-09-03`"), "{}", runs[1].stdout);
    assert!(
        runs[4].stdout.contains(
            "wrote 2 drafts to claims/advisers-leave.yaml: tuesday-40-advisers-left-base, 40-advisers-left-base"
        ),
        "{}",
        runs[4].stdout
    );
    assert!(runs[5].stdout.contains("supported    40-advisers-left-base"), "{}", runs[5].stdout);
    assert!(!sandbox.read("claims/advisers-leave.yaml").contains("draft: true"), "no draft is left");
}

#[test]
fn the_corpus_example_works() {
    let sandbox = Sandbox::empty();
    let commands = commands_under("## Generating a corpus");
    assert_eq!(commands.len(), 1);
    let args = words(commands[0].strip_prefix("cargo run --release -- ").unwrap());
    let run = sandbox.run(&args.iter().map(String::as_str).collect::<Vec<_>>());
    run.expect_code(factcheck::exit::OK);
    assert!(run.stdout.starts_with("wrote target/corpus: 5 articles with 500 claims, 20000 facts"), "{}", run.stdout);
    assert!(readme().contains("`cargo run --release -- check --root target/corpus` exits 0"));
    let check = sandbox.run(&["check", "--root", "target/corpus"]);
    check.expect_code(factcheck::exit::OK);
    assert!(check.stdout.contains("500 claims in 5 articles"), "{}", check.stdout);
}

#[test]
fn the_coverage_figure_is_current() {
    let project = common::seed_project();
    let suggestions = factcheck::suggest::suggest(&project.articles[0]);
    let n = suggestions.sentences.len();
    assert_eq!((suggestions.check_worthy(), suggestions.covered()), (n, n), "update the README's coverage sentence");
    assert!(readme().contains(&format!("all {n} sentences are check-worthy and covered")));
}

fn reports_section() -> String {
    let readme = readme();
    readme.split("\n## Reports\n").nth(1).unwrap().split("\n## ").next().unwrap().to_owned()
}

#[test]
fn every_format_has_an_example_that_works() {
    let section = reports_section();
    let sandbox = Sandbox::seed();
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
    let run = Sandbox::seed().run(&args.iter().map(String::as_str).collect::<Vec<_>>());
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

#[test]
fn the_catalogue_size_is_current() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/invalid");
    let n = std::fs::read_dir(dir)
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().extension().is_some_and(|x| x == "yaml"))
        .count();
    assert!(
        readme().contains(&format!("`tests/fixtures/invalid/` holds {n} such cases")),
        "update the README: {n} cases"
    );
}

/// Every `cargo test … -- <filter>` in `text`: the commands that run chosen tests.
fn filtered_test_commands(text: &str) -> Vec<String> {
    text.match_indices("cargo test")
        .filter_map(|(at, _)| {
            let rest = &text[at..];
            let end = rest.find(['`', '\n', '#']).unwrap_or(rest.len());
            let command = rest[..end].trim_end();
            command.contains(" -- ").then(|| command.to_owned())
        })
        .collect()
}

#[test]
fn one_test_command_everywhere() {
    let prefix = format!("{} ", factcheck::report::snapshot::TEST_COMMAND);
    let tests_readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/README.md")).unwrap();
    let mut commands = filtered_test_commands(&readme());
    commands.extend(filtered_test_commands(&tests_readme));
    assert!(commands.len() >= 4, "{commands:?}");
    for command in &commands {
        assert!(command.starts_with(&prefix), "not the one test command `{prefix}<article>::<claim>`: {command}");
    }
    // The command `add` prints is the same one.
    let run = run_readme_commands(&Sandbox::seed(), "## Adding a claim");
    let printed = filtered_test_commands(&run[0].stdout);
    assert_eq!(
        printed,
        [format!("{prefix}iraq-coalition-announcement-postponed::iraq-foreign-ministry-announced-statement")]
    );
    assert!(readme().contains(&format!("`{prefix}<article>::<claim>`")));
}

#[test]
fn the_review_section_shows_both_reviews_and_the_install() {
    let readme = readme();
    let section = readme.split("## Reviewing a change").nth(1).unwrap().split("\n## ").next().unwrap();
    for needle in [
        "cargo insta review",
        "cargo insta pending-snapshots",
        "cargo insta accept --snapshot snapshots/<article>/<claim>.snap",
        "cargo install cargo-insta --locked",
    ] {
        assert!(section.contains(needle), "the review section lacks `{needle}`");
    }
}

#[test]
fn the_changing_commands_do_what_they_say() {
    let sandbox = Sandbox::seed();
    sandbox.write("draft.txt", "The ministry said on Tuesday that 40 advisers left the base.\n");
    let commands = commands_under("## Changing, removing and finding");
    assert_eq!(commands.len(), 9, "{commands:?}");
    let runs: Vec<common::Run> = commands
        .iter()
        .map(|line| {
            let args = words(line.strip_prefix("factcheck ").unwrap());
            sandbox.run(&args.iter().map(String::as_str).collect::<Vec<_>>())
        })
        .collect();
    runs[0].expect_code(factcheck::exit::OK);
    assert!(runs[0].stdout.contains("contradicted us-troops-about-2500"), "{}", runs[0].stdout);
    assert!(runs[0].stdout.contains("-    value: 2500\n+    value: 3000\n"), "{}", runs[0].stdout);
    for (n, run) in runs.iter().enumerate() {
        match n {
            5 => assert!(run.stderr.contains("claim `soleimani-killed-2020` counts its date from"), "{}", run.stderr),
            6 => assert!(run.stderr.contains("is cited 23 times"), "{}", run.stderr),
            _ => {
                run.expect_code(factcheck::exit::OK);
            }
        }
        if n == 5 || n == 6 {
            run.expect_code(factcheck::exit::DATA_ERROR);
        }
    }
    sandbox.run(&["validate"]).expect_code(factcheck::exit::OK);
}

#[test]
fn every_dependency_says_why_it_is_there() {
    let manifest = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml")).unwrap();
    let readme = readme();
    let section =
        readme.split("\n## Dependencies\n").nth(1).expect("a Dependencies section").split("\n## ").next().unwrap();
    let mut names = Vec::new();
    let mut listing = false;
    for line in manifest.lines() {
        if line.starts_with('[') {
            listing = line == "[dependencies]" || line == "[dev-dependencies]";
            continue;
        }
        if listing && let Some((name, _)) = line.split_once(" = ") {
            names.push(name.trim().to_owned());
        }
    }
    assert!(names.len() > 10, "{names:?}");
    for name in names {
        assert!(
            section.contains(&format!("- `{name}`")),
            "README's Dependencies section should say why `{name}` is there"
        );
    }
}
