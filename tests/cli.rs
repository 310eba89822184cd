//! Runs the `factcheck` binary: exit codes, reports, and located errors.

mod common;

use common::Sandbox;
use factcheck::exit;

#[test]
fn check_on_the_seed_is_clean() {
    let run = Sandbox::seed().run(&["check"]);
    run.expect_code(exit::OK);
    assert!(run.stdout.contains("iraq-coalition-announcement-postponed (as of 2024-08-17)"), "{}", run.stdout);
    assert!(run.stdout.contains("all as expected"), "{}", run.stdout);
    assert!(!run.stdout.contains('\u{1b}'), "no colour when piped");
}

#[test]
fn colour_only_when_forced_and_never_under_no_color() {
    let sandbox = Sandbox::seed();
    let forced = sandbox.run_with_env(&["check"], &[("CLICOLOR_FORCE", "1")]);
    assert!(forced.stdout.contains("\u{1b}[32msupported"), "{}", forced.stdout);
    let refused = sandbox.run_with_env(&["check"], &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]);
    assert!(!refused.stdout.contains('\u{1b}'), "{}", refused.stdout);
    let piped = sandbox.run_with_env(&["check"], &[]);
    assert!(!piped.stdout.contains('\u{1b}'), "{}", piped.stdout);
}

#[test]
fn an_unexpected_verdict_exits_one() {
    let sandbox = Sandbox::seed();
    sandbox.set_troop_count(5000);
    let run = sandbox.run(&["check"]);
    run.expect_code(exit::UNEXPECTED);
    assert!(run.stdout.contains("UNEXPECTED (expected supported)"), "{}", run.stdout);
    assert!(run.stdout.contains("1 claim not as expected"), "{}", run.stdout);
}

#[test]
fn a_warn_claim_does_not_fail_the_run() {
    let sandbox = Sandbox::seed();
    sandbox.set_troop_count(5000);
    sandbox.edit(
        "claims/iraq-coalition-announcement-postponed.yaml",
        "    unit: troops\n    sources: [reuters-dunya-2024-08-15]\n    expect: supported",
        "    unit: troops\n    sources: [reuters-dunya-2024-08-15]\n    expect: supported\n    severity: warn",
    );
    let run = sandbox.run(&["check"]);
    run.expect_code(exit::OK);
    assert!(run.stdout.contains("us-troops-about-2500  WARNING (expected supported)"), "{}", run.stdout);
    assert!(!run.stdout.contains("UNEXPECTED"), "{}", run.stdout);
    assert!(run.stdout.contains("1 claim not as expected, as a warning"), "{}", run.stdout);
}

#[test]
fn as_of_shows_the_overtaken_forecast() {
    let run = Sandbox::seed().run(&["check", "--as-of", "2024-10-01"]);
    run.expect_code(exit::UNEXPECTED);
    let line = run.stdout.lines().find(|l| l.contains("announcement-expected-early-september")).unwrap();
    assert!(line.contains("contradicted"), "{line}");
    assert!(line.contains("2024-09-27 is 17 days after the claimed early 2024-09"), "{line}");
}

#[test]
fn json_output_is_versioned_and_complete() {
    let run = Sandbox::seed().run(&["check", "--format", "json"]);
    run.expect_code(exit::OK);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(json["version"], 1);
    let claims = json["articles"][0]["claims"].as_array().unwrap();
    assert_eq!(claims.len(), json["totals"]["claims"].as_u64().unwrap() as usize);
    let troops = claims.iter().find(|c| c["claim"] == "us-troops-about-2500").unwrap();
    assert_eq!(troops["verdict"], "supported");
    assert!(troops["facts"][0]["sources"][0]["url"].as_str().unwrap().starts_with("https://"));
}

#[test]
fn a_bad_date_on_the_command_line_exits_two() {
    let run = Sandbox::seed().run(&["check", "--as-of", "2024-02-30"]);
    run.expect_code(exit::DATA_ERROR);
    assert!(run.stderr.contains("2024-02 has 29 days"), "{}", run.stderr);
}

#[test]
fn validate_names_file_line_and_column() {
    let sandbox = Sandbox::seed();
    sandbox.mistype_a_source();
    let run = sandbox.run(&["validate"]);
    run.expect_code(exit::DATA_ERROR);
    insta::assert_snapshot!(run.stderr, @r"
    error: unknown source `reuters-dunya-2024-08-51`
      --> claims/iraq-coalition-announcement-postponed.yaml:23:15
       |
    23 |     sources: [reuters-dunya-2024-08-51, pledgetimes-2024-08-16]
       |               ^^^^^^^^^^^^^^^^^^^^^^^^ not in reference/sources.yaml
       |
       = help: did you mean `reuters-dunya-2024-08-15`?

    1 error in 1 file
    ");
}

#[test]
fn validate_reports_every_problem_at_once() {
    let sandbox = Sandbox::seed();
    sandbox
        .edit(
            "claims/iraq-coalition-announcement-postponed.yaml",
            "    kind: quantity\n    subject: us-troops-in-iraq",
            "    kind: quantty\n    subject: us-troops-in-iraq",
        )
        .edit("reference/facts/us-forces.yaml", "    as_of: 2023-11-17", "    as_of: 2023-11-31")
        .edit(
            "claims/iraq-coalition-announcement-postponed.yaml",
            "text: Five US personnel were injured in the attack.",
            "text: Six US personnel were injured in the attack.",
        );
    let run = sandbox.run(&["validate"]);
    run.expect_code(exit::DATA_ERROR);
    assert!(run.stderr.contains("3 errors in 2 files"), "{}", run.stderr);
    assert!(run.stderr.contains("help: did you mean `quantity`?"), "{}", run.stderr);
    assert!(run.stderr.contains("2023-11 has 30 days"), "{}", run.stderr);
    assert!(
        run.stderr.contains("the text of claim `five-us-personnel-injured` is not in the article"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_missing_root_exits_two() {
    let sandbox = Sandbox::empty();
    let run = sandbox.run(&["check", "--root", "no-such-folder"]);
    run.expect_code(exit::DATA_ERROR);
    assert!(run.stderr.contains("is not a folder"), "{}", run.stderr);
}

#[test]
fn every_format_prints_and_keeps_the_exit_code() {
    let sandbox = Sandbox::seed();
    for (format, start) in [
        ("text", "iraq-coalition-announcement-postponed (as of 2024-08-17)"),
        ("json", "{\n  \"version\": 1,"),
        ("junit", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"factcheck\""),
        ("markdown", "# Fact-check report\n"),
        ("claimreview", "{\n  \"@context\": \"https://schema.org\","),
        ("html", "<!DOCTYPE html>\n"),
    ] {
        let run = sandbox.run(&["check", "--format", format]);
        run.expect_code(exit::OK);
        assert!(run.stdout.starts_with(start), "{format}: {}", run.stdout);
        sandbox.run(&["check", "--format", format, "--as-of", "2024-10-01"]).expect_code(exit::UNEXPECTED);
    }
}

#[test]
fn output_writes_the_report_to_a_file() {
    let sandbox = Sandbox::seed();
    let run = sandbox.run(&["check", "--format", "html", "--output", "report.html"]);
    run.expect_code(exit::OK);
    assert_eq!(run.stdout, "");
    assert!(sandbox.read("report.html").starts_with("<!DOCTYPE html>"));
    // Replacing leaves nothing else behind.
    sandbox.run(&["check", "--format", "json", "--output", "report.html"]).expect_code(exit::OK);
    assert!(sandbox.read("report.html").starts_with('{'));
    let mut names: Vec<String> = std::fs::read_dir(sandbox.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    // `target` holds the caches (`target/factcheck-cache`), as cargo's builds.
    assert_eq!(names, ["articles", "claims", "reference", "report.html", "target"]);
}

#[test]
fn a_text_report_written_to_a_file_is_what_a_pipe_shows_without_colour() {
    let sandbox = Sandbox::seed();
    let piped = sandbox.run(&["check"]);
    piped.expect_code(exit::OK);
    sandbox.run(&["check", "--output", "report.txt"]).expect_code(exit::OK);
    let written = sandbox.read("report.txt");
    assert!(!written.contains('\u{1b}'), "no colour codes: {written}");
    assert_eq!(written, piped.stdout);
}

#[test]
fn output_into_a_missing_folder_exits_two() {
    let run = Sandbox::seed().run(&["check", "--output", "no-such-folder/report.txt"]);
    run.expect_code(exit::DATA_ERROR);
    assert!(run.stderr.starts_with("error: cannot write `no-such-folder/report.txt`: "), "{}", run.stderr);
}

#[test]
fn claimreview_names_the_reviewer() {
    let sandbox = Sandbox::seed();
    let run = sandbox.run(&[
        "check",
        "--format",
        "claimreview",
        "--reviewer",
        "Example Checks",
        "--reviewer-url",
        "https://checks.example.org/",
    ]);
    run.expect_code(exit::OK);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let author = &json["@graph"][0]["author"];
    assert_eq!(author["name"], "Example Checks");
    assert_eq!(author["url"], "https://checks.example.org/");
    let refused = sandbox.run(&["check", "--format", "claimreview", "--reviewer-url", "javascript:alert(1)"]);
    refused.expect_code(exit::DATA_ERROR);
    assert!(refused.stderr.contains("not an http or https URL"), "{}", refused.stderr);
}

#[test]
fn recheck_lists_the_overtaken_forecast_and_exits_zero() {
    let run = Sandbox::seed().run(&["recheck", "--from", "2024-08-17", "--to", "2024-10-01"]);
    run.expect_code(exit::OK);
    assert!(run.stdout.starts_with("recheck: 1 of 37 claims in 1 article changed verdict\n"), "{}", run.stdout);
    assert!(run.stdout.contains("announcement-expected-early-september: supported -> contradicted"), "{}", run.stdout);
    let json = Sandbox::seed().run(&["recheck", "--to", "2024-10-01", "--format", "json"]);
    json.expect_code(exit::OK);
    let value: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(value["articles"][0]["from"], "2024-08-17", "defaults to the publication date");
    assert_eq!(value["totals"]["verdicts_changed"], 1);
}

#[test]
fn recheck_with_bad_input_exits_two() {
    let sandbox = Sandbox::seed();
    sandbox.run(&["recheck", "--to", "2024-13-01"]).expect_code(exit::DATA_ERROR);
    sandbox.mistype_a_source();
    sandbox.run(&["recheck", "--to", "2024-10-01"]).expect_code(exit::DATA_ERROR);
}

#[test]
fn progress_is_drawn_only_where_asked_and_erased_before_the_report() {
    let sandbox = Sandbox::seed();
    let piped = sandbox.run(&["check"]);
    assert_eq!(piped.stderr, "", "nothing but the report when piped");
    let always = sandbox.run(&["check", "--progress", "always"]);
    always.expect_code(exit::OK);
    assert!(always.stderr.contains("checking ["), "{:?}", always.stderr);
    assert!(always.stderr.contains("/37 claims"), "{:?}", always.stderr);
    assert!(always.stderr.ends_with("\r\u{1b}[2K"), "the bar erases itself: {:?}", always.stderr);
    assert_eq!(always.stdout, piped.stdout);
}

#[test]
fn stats_report_the_data_the_times_and_the_memory() {
    let run = Sandbox::seed().run(&["check", "--stats"]);
    run.expect_code(exit::OK);
    assert!(run.stderr.starts_with("stats: "), "{}", run.stderr);
    assert!(run.stderr.contains(" files loaded in "), "{}", run.stderr);
    assert!(run.stderr.contains("; verdicts of 37 claims in "), "{}", run.stderr);
}
