//! Every routine edit is a command: `edit` and `remove`, `add term`,
//! `--from-yaml` with any valid YAML, per-excerpt speakers, `new --note`,
//! and `--dry-run` on each, on copies of the `newsroom` fixture. Comments
//! and order survive, nothing invalid is written, and every problem is
//! located where it was made.

mod common;

use common::Sandbox;
use factcheck::exit;

const CLINIC: &str = "claims/clinic-waits.yaml";

fn diff(before: &str, after: &str) -> String {
    similar::TextDiff::from_lines(before, after).unified_diff().context_radius(1).header("before", "after").to_string()
}

fn input(name: &str) -> String {
    format!("{}/tests/fixtures/from-yaml/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn a_claim_dumped_by_pyyaml_is_added_in_the_files_style() {
    let sandbox = Sandbox::fixture("newsroom");
    let before = sandbox.read(CLINIC);
    let run = sandbox.run(&["add", "claim", "clinic-waits", "--from-yaml", &input("claim-pyyaml.yaml")]);
    run.expect_code(exit::OK);
    assert!(
        run.stdout.contains("added claim `list-fell-3850-trust-said` to claims/clinic-waits.yaml"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("supported    list-fell-3850-trust-said"), "{}", run.stdout);
    insta::assert_snapshot!(diff(&before, &sandbox.read(CLINIC)), @r#"
    --- before
    +++ after
    @@ -65 +65,11 @@
         expect: supported
    +  - id: list-fell-3850-trust-said
    +    text: The waiting list at Northfield’s community clinic fell to 3,850 patients in June, the Example Health Trust said on Tuesday.
    +    kind: quantity
    +    subject: northfield-waiting-list-june-2024
    +    measure: patients
    +    value: 3850
    +    unit: patients
    +    sources: [example-health-trust-2024-07-09]
    +    expect: supported
    +    note: "The whole sentence: the figure and who gave it, as one claim for a reader who quotes it whole."
    "#);
}

#[test]
fn a_source_dumped_by_pyyaml_reads_the_same_in_block_and_flow_style() {
    let mut written = Vec::new();
    for name in ["source-pyyaml.yaml", "source-pyyaml-flow.yaml"] {
        let sandbox = Sandbox::fixture("newsroom");
        let before = sandbox.read("reference/sources.yaml");
        sandbox.run(&["add", "source", "--from-yaml", &input(name)]).expect_code(exit::OK);
        written.push(diff(&before, &sandbox.read("reference/sources.yaml")));
    }
    assert_eq!(written[0], written[1]);
    insta::assert_snapshot!(written[0], @r#"
    --- before
    +++ after
    @@ -21 +21,13 @@
             quoting: port-authority-spokesman
    +  - id: example-gazette-2024-07-10
    +    publisher: Example Gazette
    +    title: Waiting list at Northfield clinic falls below 4,000
    +    url: https://example.org/gazette/clinic-waits
    +    published: 2024-07-10
    +    kind: secondary
    +    excerpts:
    +      - text: The waiting list at Northfield's community clinic fell to 3,850 patients in June.
    +        speaker: example-gazette
    +      - text: "\"We have turned a corner,\" said Amina Rahman."
    +        speaker: example-gazette
    +        quoting: amina-rahman
    "#);
}

#[test]
fn a_yaml_mistake_in_piped_input_is_located_in_the_input() {
    let sandbox = Sandbox::fixture("newsroom");
    let before = sandbox.read(CLINIC);
    let piped = "id: broken\ntext: The clinic opened a second site\nkind: [opinion\n";
    let run = sandbox.run_with_stdin(&["add", "claim", "clinic-waits", "--from-yaml", "-"], piped);
    run.expect_code(exit::DATA_ERROR);
    assert!(run.stderr.contains("error: unclosed bracket '['\n --> <stdin>:3:7\n"), "{}", run.stderr);
    assert_eq!(sandbox.read(CLINIC), before);
}

#[test]
fn a_problem_the_loader_finds_in_piped_input_is_located_in_the_input_too() {
    let sandbox = Sandbox::fixture("newsroom");
    let before = sandbox.read(CLINIC);
    let piped = "# a script's claim\nid: second-site\ntext: The clinic opened a second site\nkind: date\nevent: northfield-second-site-opening\ndate: 2023-03\nsources: [example-health-trust-2024-07-90]\n";
    let run = sandbox.run_with_stdin(&["add", "claim", "clinic-waits", "--from-yaml", "-"], piped);
    run.expect_code(exit::DATA_ERROR);
    insta::assert_snapshot!(run.stderr, @"
    error: unknown source `example-health-trust-2024-07-90`
     --> <stdin>:7:11
      |
    7 | sources: [example-health-trust-2024-07-90]
      |           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ not in reference/sources.yaml
      |
      = help: did you mean `example-health-trust-2024-07-09`?

    1 error in 1 file
    error: nothing was written: 1 problem in the change
    ");
    assert_eq!(sandbox.read(CLINIC), before);
    // The same input in a file names the file.
    sandbox.write("claim.yaml", piped);
    let run = sandbox.run(&["add", "claim", "clinic-waits", "--from-yaml", "claim.yaml"]);
    run.expect_code(exit::DATA_ERROR);
    assert!(run.stderr.contains("--> claim.yaml:7:"), "{}", run.stderr);
}

#[test]
fn edit_sets_changes_and_removes_fields_keeping_everything_else() {
    let sandbox = Sandbox::fixture("newsroom");
    let before = sandbox.read(CLINIC);
    let dry =
        sandbox.run(&["edit", "claim", "june-list-3850", "--value", "3900", "--note", "Rounded: check", "--dry-run"]);
    dry.expect_code(exit::OK);
    assert_eq!(sandbox.read(CLINIC), before, "a dry run writes nothing");
    assert!(dry.stdout.contains("-    value: 3850\n+    value: 3900\n"), "{}", dry.stdout);
    let run = sandbox.run(&["edit", "claim", "june-list-3850", "--value", "3900", "--note", "Rounded: check"]);
    run.expect_code(exit::OK);
    assert!(run.stdout.contains("changed claim `june-list-3850` in claims/clinic-waits.yaml"), "{}", run.stdout);
    assert!(run.stdout.contains("contradicted june-list-3850"), "its new verdict is shown: {}", run.stdout);
    let after = sandbox.read(CLINIC);
    assert!(dry.stdout.contains(&factcheck::report::diff::unified(CLINIC, &before, &after)), "the dry run showed this");
    sandbox.run(&["edit", "claim", "june-list-3850", "--unset", "note", "--value", "3850"]).expect_code(exit::OK);
    assert_eq!(sandbox.read(CLINIC), before, "back as it was, comments and all");
    sandbox.run(&["validate"]).expect_code(exit::OK);
}

#[test]
fn edit_mends_data_that_does_not_load() {
    let sandbox = Sandbox::fixture("newsroom");
    let before = sandbox.read(CLINIC);
    sandbox.edit(CLINIC, "    value: 3850\n", "    value: 3,850\n");
    let broken = sandbox.run(&["validate"]);
    broken.expect_code(exit::DATA_ERROR);
    assert!(broken.stderr.contains("expected a number here"), "{}", broken.stderr);
    // Adding is refused on data that does not load; editing the broken field mends it.
    sandbox
        .run(&["add", "claim", "clinic-waits", "--text", "The clinic opened", "--kind", "opinion"])
        .expect_code(exit::DATA_ERROR);
    sandbox.run(&["edit", "claim", "june-list-3850", "--value", "3850"]).expect_code(exit::OK);
    assert_eq!(sandbox.read(CLINIC), before);
    sandbox.run(&["validate"]).expect_code(exit::OK);
}

#[test]
fn edit_refuses_a_change_that_breaks_the_data_and_says_where() {
    let sandbox = Sandbox::fixture("newsroom");
    let before = sandbox.read("reference/facts/health.yaml");
    let run = sandbox.run(&["edit", "fact", "northfield-nurses", "--sources", "example-health-trust-2024-07-90"]);
    run.expect_code(exit::DATA_ERROR);
    assert!(run.stderr.contains("error: unknown source `example-health-trust-2024-07-90`"), "{}", run.stderr);
    assert!(run.stderr.contains("--> reference/facts/health.yaml:"), "{}", run.stderr);
    assert!(run.stderr.contains("did you mean `example-health-trust-2024-07-09`?"), "{}", run.stderr);
    assert_eq!(sandbox.read("reference/facts/health.yaml"), before);
    let run = sandbox.run(&["edit", "claim", "june-list-3850", "--id", "other"]);
    run.expect_code(exit::DATA_ERROR);
    assert!(run.stderr.contains("`id` cannot be changed"), "{}", run.stderr);
    let run = sandbox.run(&["edit", "claim", "no-such-claim", "--value", "1"]);
    run.expect_code(exit::DATA_ERROR);
    assert!(run.stderr.contains("there is no claim `no-such-claim`"), "{}", run.stderr);
}

#[test]
fn remove_is_refused_while_something_cites_the_entry_naming_each() {
    let sandbox = Sandbox::fixture("newsroom");
    let before = sandbox.read("reference/sources.yaml");
    let run = sandbox.run(&["remove", "source", "example-port-authority-2024-01-15"]);
    run.expect_code(exit::DATA_ERROR);
    insta::assert_snapshot!(run.stderr, @"
    error: claim `tonnes-2023` cites source `example-port-authority-2024-01-15`
      --> claims/harbour-exports.yaml:18:15
       |
    18 |     sources: [example-port-authority-2024-01-15]
       |               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
       |
       = help: take `example-port-authority-2024-01-15` out of its sources first, or remove the claim

    error: claim `grain-about-half` cites source `example-port-authority-2024-01-15`
      --> claims/harbour-exports.yaml:28:15
       |
    28 |     sources: [example-port-authority-2024-01-15]
       |               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
       |
       = help: take `example-port-authority-2024-01-15` out of its sources first, or remove the claim

    error: claim `demand-held-up-quote` cites source `example-port-authority-2024-01-15`
      --> claims/harbour-exports.yaml:35:15
       |
    35 |     sources: [example-port-authority-2024-01-15]
       |               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
       |
       = help: take `example-port-authority-2024-01-15` out of its sources first, or remove the claim

    error: fact `example-harbour-goods-shipped-2023` cites source `example-port-authority-2024-01-15`
     --> reference/facts/trade.yaml:8:15
      |
    8 |     sources: [example-port-authority-2024-01-15]
      |               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
      |
      = help: every fact cites a source: cite another in its place first, or remove the fact

    error: fact `example-harbour-grain-share-2023` cites source `example-port-authority-2024-01-15`
      --> reference/facts/trade.yaml:15:15
       |
    15 |     sources: [example-port-authority-2024-01-15]
       |               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
       |
       = help: every fact cites a source: cite another in its place first, or remove the fact

    5 errors in 2 files
    error: nothing was removed: source `example-port-authority-2024-01-15` is cited 5 times
    ");
    assert_eq!(sandbox.read("reference/sources.yaml"), before);
}

#[test]
fn remove_takes_out_the_entry_with_its_heading_comment() {
    let sandbox = Sandbox::fixture("newsroom");
    let before = sandbox.read(CLINIC);
    sandbox.run(&["remove", "claim", "nurses-risen-to-42", "--dry-run"]).expect_code(exit::OK);
    assert_eq!(sandbox.read(CLINIC), before);
    let run = sandbox.run(&["remove", "claim", "nurses-risen-to-42"]);
    run.expect_code(exit::OK);
    assert_eq!(run.stdout, "removed claim `nurses-risen-to-42` in claims/clinic-waits.yaml\n");
    insta::assert_snapshot!(diff(&before, &sandbox.read(CLINIC)), @"
    --- before
    +++ after
    @@ -16,11 +16,2 @@
         expect: contradicted
    -  - id: nurses-risen-to-42
    -    text: the number of nurses had risen to 42
    -    kind: quantity
    -    subject: northfield-clinic-staff
    -    measure: nurses
    -    value: 42
    -    unit: people
    -    sources: [example-health-trust-2024-07-09]
    -    expect: misleading
       - id: headline-below-4000
    ");
    sandbox.run(&["validate"]).expect_code(exit::OK);
}

#[test]
fn terms_are_added_and_edited_by_command() {
    let sandbox = Sandbox::fixture("newsroom");
    let before = sandbox.read("reference/terms.yaml");
    sandbox
        .run(&[
            "add",
            "term",
            "--term",
            "lowest-in-a-decade",
            "--label",
            "the lowest in ten years",
            "--broader",
            "record-low",
        ])
        .expect_code(exit::DATA_ERROR);
    assert_eq!(sandbox.read("reference/terms.yaml"), before);
    sandbox.run(&["add", "term", "--term", "record-low", "--label", "a record low"]).expect_code(exit::OK);
    sandbox.run(&["edit", "term", "lowest-on-record", "--broader", "record-low"]).expect_code(exit::OK);
    insta::assert_snapshot!(diff(&before, &sandbox.read("reference/terms.yaml")), @"
    --- before
    +++ after
    @@ -3 +3,4 @@
         label: the lowest figure on record
    +    broader: [record-low]
    +  - term: record-low
    +    label: a record low
    ");
    let run = sandbox.run(&["remove", "term", "record-low"]);
    run.expect_code(exit::DATA_ERROR);
    assert!(run.stderr.contains("term `lowest-on-record` falls under `record-low`"), "{}", run.stderr);
}

#[test]
fn each_excerpt_can_have_its_own_speaker() {
    let sandbox = Sandbox::fixture("newsroom");
    let before = sandbox.read("reference/sources.yaml");
    let mut args = vec![
        "add",
        "source",
        "--publisher",
        "Example Gazette",
        "--title",
        "Clinic waits",
        "--url",
        "https://example.org/gazette/clinic-waits",
        "--published",
        "2024-07-10",
        "--kind",
        "secondary",
        "--excerpt",
        "The list fell to 3,850 patients.",
        "--excerpt",
        "“We have turned a corner,” said Amina Rahman.",
        "--speaker",
        "example-gazette",
        "--speaker",
        "example-gazette",
        "--quoting",
        "-",
        "--quoting",
        "amina-rahman",
    ];
    let run = sandbox.run(&[&args[..], &["--speaker", "example-gazette"]].concat());
    run.expect_code(exit::DATA_ERROR);
    assert!(
        run.stderr
            .contains("2 excerpts and 3 --speakers: give --speaker once for every excerpt, or once per --excerpt"),
        "{}",
        run.stderr
    );
    args.extend(["--dry-run"]);
    sandbox.run(&args).expect_code(exit::OK);
    assert_eq!(sandbox.read("reference/sources.yaml"), before);
    args.pop();
    sandbox.run(&args).expect_code(exit::OK);
    insta::assert_snapshot!(diff(&before, &sandbox.read("reference/sources.yaml")), @"
    --- before
    +++ after
    @@ -21 +21,13 @@
             quoting: port-authority-spokesman
    +  - id: example-gazette-2024-07-10
    +    publisher: Example Gazette
    +    title: Clinic waits
    +    url: https://example.org/gazette/clinic-waits
    +    published: 2024-07-10
    +    kind: secondary
    +    excerpts:
    +      - text: The list fell to 3,850 patients.
    +        speaker: example-gazette
    +      - text: “We have turned a corner,” said Amina Rahman.
    +        speaker: example-gazette
    +        quoting: amina-rahman
    ");
}

#[test]
fn new_takes_every_article_field_and_edit_changes_them() {
    let sandbox = Sandbox::empty();
    sandbox.write("draft.txt", "Ferry fares rose by 12% in May, the operator said.\n");
    let new = [
        "new",
        "ferry-fares",
        "--text",
        "draft.txt",
        "--publisher",
        "Example Post",
        "--url",
        "https://example.org/ferry",
        "--published",
        "2024-06-03",
        "--title",
        "Ferry fares up",
        "--note",
        "Print edition only",
    ];
    let dry = sandbox.run(&[&new[..], &["--dry-run"]].concat());
    dry.expect_code(exit::OK);
    assert!(!sandbox.file("claims").exists(), "a dry run creates nothing");
    assert!(dry.stdout.contains("+  note: Print edition only\n"), "{}", dry.stdout);
    sandbox.run(&new).expect_code(exit::OK);
    let run = sandbox.run(&["edit", "article", "ferry-fares", "--published", "2024-06-04", "--unset", "note"]);
    run.expect_code(exit::OK);
    insta::assert_snapshot!(sandbox.read("claims/ferry-fares.yaml"), @"
    # yaml-language-server: $schema=../schema/claims.schema.json
    article:
      id: ferry-fares
      title: Ferry fares up
      publisher: Example Post
      url: https://example.org/ferry
      published: 2024-06-04
    claims: []
    ");
}
