//! Named pipes where the project's files should be are refused with a
//! located error and never opened: opening a named pipe for reading waits
//! for a writer that never comes. (Sockets, refused the same way, are the
//! catalogue's `unreadable-file`.) Every run here has a watchdog, so a
//! regression fails the test instead of hanging it.

#![cfg(unix)]

mod common;

use common::Sandbox;
use factcheck::exit;

/// Replaces the file at `relative` with a named pipe.
fn pipe_at(sandbox: &Sandbox, relative: &str) {
    let path = sandbox.file(relative);
    let _ = std::fs::remove_file(&path);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let status = std::process::Command::new("mkfifo").arg(&path).status().expect("mkfifo (coreutils) runs");
    assert!(status.success());
}

#[test]
fn a_named_pipe_anywhere_the_loader_reads_is_refused_without_waiting() {
    for relative in [
        "claims/base.yaml",
        "articles/base.txt",
        "reference/sources.yaml",
        "reference/terms.yaml",
        "reference/facts/base.yaml",
        "reference/documents/example-wire-2024-09-05.txt",
    ] {
        let sandbox = Sandbox::fixture("base");
        pipe_at(&sandbox, relative);
        for command in [&["validate"][..], &["check"], &["suggest", "base"], &["search", "--text", "40 advisers left"]]
        {
            let run = sandbox.run_or_kill(command);
            run.expect_code(exit::DATA_ERROR);
            assert!(
                run.stderr.contains(&format!("error: `{relative}` is a named pipe, not a file; it was not read")),
                "{command:?} on a pipe at {relative}:\n{}",
                run.stderr
            );
        }
    }
}

#[test]
fn commands_that_write_refuse_a_project_with_a_named_pipe() {
    let sandbox = Sandbox::fixture("base");
    pipe_at(&sandbox, "reference/facts/base.yaml");
    let run =
        sandbox.run_or_kill(&["add", "claim", "base", "--text", "40 advisers left the base", "--kind", "opinion"]);
    run.expect_code(exit::DATA_ERROR);
    insta::assert_snapshot!(run.stderr, @"
    warning: no fact about `advisers` `count-left`; claim `advisers-left` will be unverifiable
      --> claims/base.yaml:11:14
       |
    11 |     subject: advisers
       |              ^^^^^^^^
       |
       = help: add a fact, or an `unsettled` fact saying why no source settles it

    warning: no fact about `ministry-statement` `date`; claim `said-on-thursday` will be unverifiable
      --> claims/base.yaml:20:12
       |
    20 |     event: ministry-statement
       |            ^^^^^^^^^^^^^^^^^^
       |
       = help: add a fact, or an `unsettled` fact saying why no source settles it

    warning: no fact about `parliament` `voted-on`; claim `voted-again` will be unverifiable
      --> claims/base.yaml:32:14
       |
    32 |     subject: parliament
       |              ^^^^^^^^^^
       |
       = help: add a fact, or an `unsettled` fact saying why no source settles it

    error: `reference/facts/base.yaml` is a named pipe, not a file; it was not read
    --> reference/facts/base.yaml
     = help: replace it with a regular file holding the data

    1 error in 1 file, 3 warnings
    ");
}
