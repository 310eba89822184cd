//! `factcheck import` on the `statistics` fixture's tables: a CSV with a
//! mapping file, a JSON-stat 2.0 dataset and an SDMX-CSV message become the
//! fixture's facts exactly, `validate` accepts them, a second import adds
//! nothing, and bad tables are refused with their file, row and column.

mod common;

use common::Sandbox;
use factcheck::exit;

const FIXTURE: &str = "statistics";

/// The fixture's imported facts files, with the command that made each.
const IMPORTS: [(&str, &[&str]); 3] = [
    (
        "reference/facts/labour.yaml",
        &["import", "tables/northland-jobs.csv", "--mapping", "tables/northland-jobs.mapping.yaml", "--into", "labour"],
    ),
    (
        "reference/facts/rainfall.yaml",
        &["import", "tables/riverton-rainfall.json", "--source", "riverton-weather-2024-03", "--into", "rainfall"],
    ),
    (
        "reference/facts/schools.yaml",
        &["import", "tables/eastvale-schools.sdmx.csv", "--source", "eastvale-census-2023", "--into", "schools"],
    ),
];

fn with_write(args: &[&str]) -> Vec<String> {
    args.iter().map(|a| (*a).to_owned()).chain(["--write".to_owned()]).collect()
}

fn run(sandbox: &Sandbox, args: &[String]) -> common::Run {
    sandbox.run(&args.iter().map(String::as_str).collect::<Vec<_>>())
}

#[test]
fn csv_json_stat_and_sdmx_csv_become_the_fixture_facts() {
    let sandbox = Sandbox::fixture(FIXTURE);
    let expected: Vec<String> = IMPORTS.iter().map(|(path, _)| sandbox.read(path)).collect();
    for (path, _) in IMPORTS {
        std::fs::remove_file(sandbox.file(path)).unwrap();
    }
    for ((path, args), expected) in IMPORTS.iter().zip(&expected) {
        let run = run(&sandbox, &with_write(args));
        run.expect_code(exit::OK);
        assert!(run.stdout.contains(&format!("added to {path} (a new file):")), "{}", run.stdout);
        assert_eq!(&sandbox.read(path), expected, "{path}");
    }
    sandbox.run(&["validate"]).expect_code(exit::OK);
    let check = sandbox.run(&["check"]);
    check.expect_code(exit::OK);
    assert!(check.stdout.trim_end().ends_with("all as expected"), "{}", check.stdout);
}

#[test]
fn importing_again_adds_nothing() {
    let sandbox = Sandbox::fixture(FIXTURE);
    for (path, args) in IMPORTS {
        let before = sandbox.read(path);
        let run = run(&sandbox, &with_write(args));
        run.expect_code(exit::OK);
        assert!(run.stdout.contains("0 new facts"), "{}", run.stdout);
        assert!(run.stdout.contains("nothing to add"), "{}", run.stdout);
        assert_eq!(sandbox.read(path), before, "{path}");
    }
}

#[test]
fn without_write_it_shows_what_it_would_write_and_writes_nothing() {
    let sandbox = Sandbox::fixture(FIXTURE);
    std::fs::remove_file(sandbox.file("reference/facts/schools.yaml")).unwrap();
    let args: Vec<String> = IMPORTS[2].1.iter().map(|a| (*a).to_owned()).collect();
    let run = run(&sandbox, &args);
    run.expect_code(exit::OK);
    insta::assert_snapshot!("import-dry-run", run.stdout);
    assert!(!sandbox.file("reference/facts/schools.yaml").exists());
}

/// Runs an import of `table` (written into the sandbox as `tables/bad.<ext>`)
/// that must fail, and returns its standard error.
fn refused(table: &str, name: &str, extra: &[&str]) -> String {
    let sandbox = Sandbox::fixture(FIXTURE);
    sandbox.write(&format!("tables/{name}"), table);
    let mut args = vec!["import", &*format!("tables/{name}")].into_iter().map(str::to_owned).collect::<Vec<_>>();
    args.extend(["--into", "extra", "--write"].map(str::to_owned));
    args.extend(extra.iter().map(|a| (*a).to_owned()));
    let run = run(&sandbox, &args);
    run.expect_code(exit::DATA_ERROR);
    assert!(!sandbox.file("reference/facts/extra.yaml").exists(), "nothing is written");
    run.stderr
}

const HEADER: &str = "subject,measure,period,value,unit,published,source\n";

#[test]
fn a_repeated_row_is_refused_at_its_row() {
    let table = format!(
        "{HEADER}Northland,vacancies,2023-Q4,41000,jobs,2024-02-14,nso-labour-2023-q4\nNorthland,vacancies,2023-Q4,41000,jobs,2024-02-14,nso-labour-2023-q4\n"
    );
    insta::assert_snapshot!("import-duplicate-row", refused(&table, "bad.csv", &[]));
}

#[test]
fn two_values_for_one_observation_are_refused() {
    let table = format!(
        "{HEADER}Northland,vacancies,2023-Q4,41000,jobs,2024-02-14,nso-labour-2023-q4\nNorthland,vacancies,2023-Q4,42000,jobs,2024-02-14,nso-labour-2023-q4\n"
    );
    insta::assert_snapshot!("import-conflicting-rows", refused(&table, "bad.csv", &[]));
}

#[test]
fn a_value_the_reference_holds_otherwise_is_refused() {
    let table = format!("{HEADER}Northland,employed,2023-Q4,1231000,people,2024-02-14,nso-labour-2023-q4\n");
    let stderr = refused(&table, "bad.csv", &[]);
    assert!(
        stderr.contains("fact `northland-employed-2023-q4-2024-02-14` already gives this observation another value"),
        "{stderr}"
    );
    // The same value with a later vintage is a revision, and imports.
    let sandbox = Sandbox::fixture(FIXTURE);
    sandbox.write(
        "tables/revision.csv",
        &format!("{HEADER}Northland,employed,2023-Q4,1231000,people,2024-05-15,nso-labour-2023-q4\n"),
    );
    sandbox.run(&["import", "tables/revision.csv", "--into", "labour", "--write"]).expect_code(exit::OK);
    assert!(sandbox.read("reference/facts/labour.yaml").contains("id: northland-employed-2023-q4-2024-05-15"));
}

#[test]
fn unreadable_cells_are_refused_at_their_row_and_column() {
    let table = format!(
        "{HEADER}Northland,vacancies,the fourth quarter,41000,jobs,2024-02-14,nso-labour-2023-q4\nNorthland,vacancies,2023-Q3,\"41,000\",jobs,2024-02-14,nso-labour-2023-q4\nNorthland,vacancies,2023-Q2,40000,jobs,2024-02-14,nso-labour-2023-q3-x\n"
    );
    insta::assert_snapshot!("import-unreadable-cells", refused(&table, "bad.csv", &[]));
}

#[test]
fn a_column_the_mapping_names_must_exist() {
    let table = format!("{HEADER}Northland,vacancies,2023-Q4,41000,jobs,2024-02-14,nso-labour-2023-q4\n");
    let stderr = refused(&table, "bad.csv", &["--subject-column", "series"]);
    insta::assert_snapshot!("import-missing-column", stderr);
}

#[test]
fn a_json_stat_dataset_with_too_few_values_is_refused() {
    let dataset = r#"{
  "version": "2.0",
  "class": "dataset",
  "id": ["area", "time"],
  "size": [1, 2],
  "role": { "time": ["time"] },
  "dimension": {
    "area": { "category": { "index": ["A"], "label": { "A": "Somewhere" } } },
    "time": { "category": { "index": ["2023", "2024"] } }
  },
  "value": [1]
}
"#;
    let stderr = refused(
        dataset,
        "bad.json",
        &["--measure", "rainfall", "--unit", "mm", "--source", "riverton-weather-2024-03"],
    );
    insta::assert_snapshot!("import-json-stat-values", stderr);
}

#[test]
fn sdmx_csv_needs_its_observation_columns() {
    let message = "DATAFLOW,REF_AREA,INDICATOR,TIME_PERIOD,VALUE\nEXAMPLE:X(1.0),EASTVALE,ENROLMENT,2023,48.31\n";
    let stderr = refused(message, "bad.sdmx.csv", &["--source", "eastvale-census-2023"]);
    insta::assert_snapshot!("import-sdmx-columns", stderr);
}

#[test]
fn a_large_table_goes_on_in_further_files() {
    let sandbox = Sandbox::fixture(FIXTURE);
    let rows = factcheck::import::FACTS_PER_FILE + 1;
    let mut table = String::from("subject,measure,period,value,unit,published,source\n");
    for row in 0..rows {
        let (area, month) = (row / 100, row % 100);
        table.push_str(&format!(
            "Area {area},count,{}-{:02},{row},people,2024-02-14,nso-labour-2023-q4\n",
            2000 + month / 12,
            month % 12 + 1
        ));
    }
    sandbox.write("tables/large.csv", &table);
    let run = sandbox.run(&["import", "tables/large.csv", "--into", "large", "--write"]);
    run.expect_code(exit::OK);
    assert!(
        run.stdout.contains(
            "added to reference/facts/large.yaml (10000 facts, a new file), reference/facts/large-2.yaml (1 fact, a new file):"
        ),
        "{}",
        run.stdout
    );
    sandbox.run(&["validate"]).expect_code(exit::OK);
    let again = sandbox.run(&["import", "tables/large.csv", "--into", "large", "--write"]);
    assert!(again.stdout.contains("0 new facts, 10001 already present"), "{}", again.stdout);
}

#[test]
fn sdmx_csv_as_eurostat_writes_it_imports_with_its_last_update_as_vintage() {
    // Lower-case dimension ids, a `LAST UPDATE` column, the unit as a
    // dimension, `OBS_FLAG` and `:` for a missing value, as Eurostat's
    // dissemination API writes SDMX-CSV.
    let sandbox = Sandbox::fixture(FIXTURE);
    sandbox.write(
        "tables/flags.sdmx.csv",
        "DATAFLOW,LAST UPDATE,freq,unit,sex,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG\n\
         EXAMPLE:RATES(1.0),14/02/24 11:00:00,A,PC,T,NORTHLAND,2022,4.1,\n\
         EXAMPLE:RATES(1.0),14/02/24 11:00:00,A,PC,T,NORTHLAND,2023,4.4,p\n\
         EXAMPLE:RATES(1.0),14/02/24 11:00:00,A,PC,T,NORTHLAND,2024,:,\n",
    );
    let run = sandbox.run(&[
        "import",
        "tables/flags.sdmx.csv",
        "--source",
        "nso-labour-2023-q4",
        "--measure",
        "unemployment-rate",
        "--subject",
        "northland",
        "--into",
        "rates",
        "--write",
    ]);
    run.expect_code(exit::OK);
    assert!(run.stdout.contains("2 new facts, 1 cell without a number left out"), "{}", run.stdout);
    let facts = sandbox.read("reference/facts/rates.yaml");
    for line in
        ["id: northland-unemployment-rate-2023-2024-02-14", "unit: PC", "published: 2024-02-14", "note: OBS_FLAG p"]
    {
        assert!(facts.contains(line), "{line}\n{facts}");
    }
    sandbox.run(&["validate"]).expect_code(exit::OK);
}
