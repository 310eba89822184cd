//! `docs/writing-claims.md` is kept true: its commands run, in order, on a
//! copy of the `guide` fixture (two made-up stories from two fields, with
//! no claim yet), each output the guide shows after a command is what the
//! command printed, each draft it shows stands in the claims file as
//! `suggest --write` wrote it, and at the end every kind of claim, a role
//! among them, has a worked example that comes out as its author expects.

mod common;

use std::collections::BTreeSet;

use common::Sandbox;
use factcheck::exit;
use factcheck::model::{Assertion, ClaimKind};

const GUIDE: &str = include_str!("../docs/writing-claims.md");

/// The words of a command line, as a shell splits them: spaces separate
/// words, quotes (single or double) group them.
fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut quote: Option<char> = None;
    let mut started = false;
    for c in line.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => word.push(c),
            (None, '"' | '\'') => {
                quote = Some(c);
                started = true;
            }
            (None, c) if c.is_whitespace() => {
                if started || !word.is_empty() {
                    out.push(std::mem::take(&mut word));
                }
                started = false;
            }
            (None, c) => word.push(c),
        }
    }
    if started || !word.is_empty() {
        out.push(word);
    }
    out
}

/// Each fenced block of the guide: its language and its lines, and whether
/// it follows another block with nothing but blank lines between.
fn blocks(markdown: &str) -> Vec<(String, Vec<String>, bool)> {
    let mut out = Vec::new();
    let mut lines = markdown.lines();
    let mut adjacent = false;
    while let Some(line) = lines.next() {
        if let Some(lang) = line.strip_prefix("```").filter(|l| !l.is_empty()) {
            let body: Vec<String> = lines.by_ref().take_while(|l| *l != "```").map(str::to_owned).collect();
            out.push((lang.to_owned(), body, adjacent));
            adjacent = true;
        } else if !line.trim().is_empty() {
            adjacent = false;
        }
    }
    out
}

fn claims_files(sandbox: &Sandbox) -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(sandbox.file("claims"))
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    files.sort();
    files
}

#[test]
fn the_guide_to_writing_claims_shows_what_factcheck_does() {
    let sandbox = Sandbox::fixture("guide");
    let mut last: Option<(String, String)> = None;
    let (mut commands, mut outputs, mut drafts) = (0, 0, 0);
    let mut previous = String::new();
    for (lang, body, adjacent) in blocks(GUIDE) {
        match lang.as_str() {
            "sh" => {
                for line in body.iter().filter(|l| l.starts_with("factcheck ")) {
                    let args = words(line);
                    let args: Vec<&str> = args.iter().skip(1).map(String::as_str).collect();
                    let run = sandbox.run(&args);
                    assert_eq!(run.code, exit::OK, "`{line}` failed:\n{}\n{}", run.stdout, run.stderr);
                    last = Some((line.clone(), run.stdout));
                    commands += 1;
                }
            }
            "text" if adjacent && previous == "sh" => {
                let (command, printed) = last.take().expect("an output follows a command");
                let shown = body.join("\n");
                assert_eq!(printed.trim_end(), shown.trim_end(), "the guide shows another output for `{command}`");
                outputs += 1;
            }
            "yaml" => {
                let shown = body.join("\n");
                assert!(
                    claims_files(&sandbox).iter().any(|f| f.contains(&shown)),
                    "the guide shows a draft no claims file holds:\n{shown}"
                );
                drafts += 1;
            }
            _ => {}
        }
        previous = lang;
    }
    assert!(commands >= 30 && outputs >= 15 && drafts >= 12, "{commands} commands, {outputs} outputs, {drafts} drafts");

    // Every kind has its worked example, from two fields, all reviewed and as expected.
    let project = common::project_at(sandbox.path());
    assert_eq!(project.articles.len(), 2);
    assert!(project.articles.iter().all(|a| a.drafts.is_empty()), "drafts left over");
    let kinds: BTreeSet<ClaimKind> =
        project.articles.iter().flat_map(|a| &a.claims).map(|c| c.assertion.kind()).collect();
    assert_eq!(kinds, ClaimKind::ALL.into_iter().collect(), "a kind has no worked example");
    let role = project
        .articles
        .iter()
        .flat_map(|a| &a.claims)
        .any(|c| matches!(&c.assertion, Assertion::Event(t) if t.organisation.is_some()));
    assert!(role, "the role has no worked example");
    sandbox.run(&["check"]).expect_code(exit::OK);
}

#[test]
fn command_lines_split_as_a_shell_splits_them() {
    assert_eq!(
        words("factcheck edit claim a --note \"two words\" --x 'b c' d"),
        ["factcheck", "edit", "claim", "a", "--note", "two words", "--x", "b c", "d"]
    );
    assert_eq!(words("a \"\" b"), ["a", "", "b"]);
}
