//! The JSON Schemas for editors: committed, current, named and followed by
//! the files of the fixture projects, of a generated corpus and of a new
//! article made with `factcheck new`, and agreeing with the loader.
//!
//! Files are read with saphyr (a YAML 1.2 loader, not the parser factcheck
//! uses) and checked with the `jsonschema` crate, so the schemas are tested
//! by tools other than our own.

use std::path::{Path, PathBuf};

use saphyr::{LoadableYamlNode, Scalar, Yaml};
use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A YAML document as JSON, the way an editor's YAML language server sees it.
fn to_json(yaml: &Yaml) -> Value {
    match yaml {
        Yaml::Value(Scalar::Null) => Value::Null,
        Yaml::Value(Scalar::Boolean(b)) => Value::Bool(*b),
        Yaml::Value(Scalar::Integer(i)) => Value::from(*i),
        Yaml::Value(Scalar::FloatingPoint(f)) => Value::from(f.into_inner()),
        Yaml::Value(Scalar::String(s)) => Value::String(s.to_string()),
        Yaml::Sequence(items) => Value::Array(items.iter().map(to_json).collect()),
        Yaml::Mapping(map) => Value::Object(
            map.iter()
                .map(|(k, v)| {
                    let key = match to_json(k) {
                        Value::String(s) => s,
                        other => other.to_string(),
                    };
                    (key, to_json(v))
                })
                .collect(),
        ),
        other => panic!("unexpected YAML node {other:?}"),
    }
}

fn parse(text: &str) -> Value {
    let docs = Yaml::load_from_str(text).unwrap();
    assert_eq!(docs.len(), 1, "one document per file");
    to_json(&docs[0])
}

fn validator(name: &str) -> jsonschema::Validator {
    let path = root().join(format!("schema/{name}.schema.json"));
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    jsonschema::validator_for(&schema).unwrap()
}

fn errors(validator: &jsonschema::Validator, document: &Value) -> Vec<String> {
    validator.iter_errors(document).map(|e| format!("{} at {}", e, e.instance_path())).collect()
}

/// A copy of the fixture `name` beside the crate's `schema/`, laid out as
/// a project is: the schema lines of its files then point somewhere.
fn fixture_with_schemas(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&root().join("tests/fixtures").join(name), dir.path());
    copy_dir(&root().join("schema"), &dir.path().join("schema"));
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &to.join(entry.file_name()));
        } else {
            std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
}

/// Every data file of the project at `project` with the schema it must follow.
fn data_files(project: &Path) -> Vec<(PathBuf, &'static str)> {
    let mut files = Vec::new();
    let list = |dir: &str| -> Vec<PathBuf> {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(project.join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
            .collect();
        paths.sort();
        paths
    };
    files.extend(list("claims").into_iter().map(|p| (p, "claims")));
    files.extend(list("reference/facts").into_iter().map(|p| (p, "facts")));
    for (file, name) in [("reference/sources.yaml", "sources"), ("reference/terms.yaml", "terms")] {
        if project.join(file).exists() {
            files.push((project.join(file), name));
        }
    }
    files
}

/// Asserts that each data file of `project` names its schema on its first
/// line, that the schema is there, and that the file follows it.
fn assert_files_follow_their_schemas(project: &Path) {
    let files = data_files(project);
    assert!(files.len() >= 3, "a claims, a facts and a sources file at least");
    for (path, name) in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let relative = path.strip_prefix(project).unwrap();
        let depth = relative.components().count() - 1;
        let expected = format!("# yaml-language-server: $schema={}schema/{name}.schema.json", "../".repeat(depth));
        assert_eq!(text.lines().next(), Some(expected.as_str()), "{}", relative.display());
        assert!(project.join(format!("schema/{name}.schema.json")).exists(), "{}", relative.display());
        let problems = errors(&validator(name), &parse(&text));
        assert!(problems.is_empty(), "{} does not follow its schema:\n{}", relative.display(), problems.join("\n"));
    }
}

#[test]
fn committed_schemas_are_current() {
    for (name, schema) in factcheck::schema::all() {
        let committed = std::fs::read_to_string(root().join(format!("schema/{name}.schema.json"))).unwrap();
        assert_eq!(committed, schema, "schema/{name}.schema.json is stale: run `cargo run -- schema --write`");
    }
}

#[test]
fn the_seed_names_its_schemas_and_follows_them() {
    assert_files_follow_their_schemas(fixture_with_schemas("seed").path());
}

#[test]
fn the_statistics_fixture_names_its_schemas_and_follows_them() {
    assert_files_follow_their_schemas(fixture_with_schemas("statistics").path());
}

#[test]
fn a_generated_corpus_names_its_schemas_and_follows_them() {
    let dir = tempfile::tempdir().unwrap();
    let options =
        factcheck::corpus::Options { articles: 2, claims: 120, facts: 1500, sources: 20, ..Default::default() };
    factcheck::corpus::generate(dir.path(), &options).unwrap();
    assert_files_follow_their_schemas(dir.path());
}

#[test]
fn a_new_project_made_with_the_commands_names_its_schemas_and_follows_them() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("draft.txt"), "Forty advisers left the base on Tuesday.\n").unwrap();
    let run = |args: &[&str]| {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_factcheck"))
            .args(args)
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert!(output.status.success(), "{args:?}: {}", String::from_utf8_lossy(&output.stderr));
    };
    let new = ["new", "advisers", "--text", "draft.txt", "--publisher", "P", "--url", "https://example.org/a"];
    run(&[&new[..], &["--published", "2024-09-04"]].concat());
    let source = ["add", "source", "--id", "w", "--publisher", "W", "--title", "T", "--url", "https://example.org/w"];
    run(&[&source[..], &["--published", "2024-09-03", "--kind", "wire"]].concat());
    let fact = ["add", "fact", "--subject", "advisers", "--measure", "count", "--value", "40", "--unit", "people"];
    run(&[&fact[..], &["--as-of", "2024-09-03", "--source", "w"]].concat());
    run(&["suggest", "advisers", "--write"]);
    assert!(std::fs::read_to_string(dir.path().join("claims/advisers.yaml")).unwrap().contains("draft: true"));
    assert_files_follow_their_schemas(dir.path());
}

/// A claims file around one claim.
fn claims_with(claim: &str) -> Value {
    parse(&format!(
        "article:\n  id: a\n  publisher: P\n  url: https://example.org/\n  published: 2024-08-16/2024-08-17\nclaims:\n{claim}"
    ))
}

#[test]
fn the_claims_schema_refuses_what_the_loader_refuses() {
    let claims = validator("claims");
    let good =
        "  - id: a\n    text: t\n    kind: quantity\n    subject: s\n    measure: m\n    value: 5\n    unit: people\n";
    assert!(errors(&claims, &claims_with(good)).is_empty(), "{:?}", errors(&claims, &claims_with(good)));
    let date = "  - id: a\n    text: t\n    kind: date\n    event: e\n    date: 2014\n";
    assert!(errors(&claims, &claims_with(date)).is_empty(), "a bare year is a date");
    let draft = "  - id: a\n    text: t\n    kind: change\n    draft: true\n    period: May\n    direction: rose\n";
    assert!(
        errors(&claims, &claims_with(draft)).is_empty(),
        "a draft lacks fields: {:?}",
        errors(&claims, &claims_with(draft))
    );
    for bad in [
        "  - id: a\n    text: t\n    kind: date\n    event: e\n    date: 2014\n    unit: people\n",
        "  - id: a\n    text: t\n    kind: quantity\n    subject: s\n    measure: m\n    value: 5\n",
        "  - id: a\n    text: t\n    kind: quantty\n",
        "  - id: A b\n    text: t\n    kind: opinion\n",
        "  - id: a\n    text: t\n    kind: opinion\n    expect: true\n",
        "  - id: a\n    text: t\n    kind: opinion\n    vaule: 3\n",
        "  - id: a\n    text: t\n    kind: change\n    draft: true\n    direction: rose\n    expect: supported\n",
        "  - id: a\n    text: t\n    kind: change\n    draft: true\n    direction: up\n",
    ] {
        assert!(!errors(&claims, &claims_with(bad)).is_empty(), "the schema accepts:\n{bad}");
        let loaded = factcheck::load::from_str(
            "claims/a.yaml",
            &format!(
                "article:\n  id: a\n  publisher: P\n  url: https://example.org/\n  published: 2024-08-16\nclaims:\n{bad}"
            ),
            "t",
        );
        assert!(loaded.is_err(), "the loader accepts:\n{bad}");
    }
}

#[test]
fn the_facts_schema_needs_a_measure_or_a_predicate_and_a_source() {
    let facts = validator("facts");
    let fact = |body: &str| parse(&format!("facts:\n  - id: f\n    subject: s\n{body}"));
    assert!(errors(&facts, &fact("    measure: m\n    value: 1\n    unit: u\n    sources: [x]\n")).is_empty());
    assert!(!errors(&facts, &fact("    value: 1\n    unit: u\n    sources: [x]\n")).is_empty());
    assert!(!errors(&facts, &fact("    measure: m\n    predicate: p\n    value: 1\n    sources: [x]\n")).is_empty());
    assert!(!errors(&facts, &fact("    measure: m\n    value: 1\n    unit: u\n    sources: []\n")).is_empty());
    assert!(!errors(&facts, &fact("    measure: m\n    date: 2024-02-3\n    sources: [x]\n")).is_empty());
}

#[test]
fn schema_lines_point_at_files_that_exist() {
    let project = fixture_with_schemas("seed");
    for (path, name) in data_files(project.path()) {
        let target = path.parent().unwrap().join(format!(
            "{}schema/{name}.schema.json",
            "../".repeat(path.strip_prefix(project.path()).unwrap().components().count() - 1)
        ));
        assert!(Path::new(&target).exists(), "{}", target.display());
    }
}
