//! The catalogue of bad input: one test per fixture in `tests/fixtures/invalid/`.
//!
//! Each fixture breaks one file of the small valid project in
//! `tests/fixtures/base/` (or, for what cannot be committed, such as a
//! 100 MB file or a symlink loop, says how to break it). The test runs the
//! binary on the broken copy, asserts the exit code the fixture names, and
//! snapshots what it printed, without colour and at a fixed width, to
//! `tests/snapshots/invalid/<case>.snap`.
//!
//! A fixture starts with comment lines that say what it is:
//! ```text
//! # case: what is wrong, in words
//! # file: the file it replaces, relative to the project root
//! # exit: the exit code expected
//! # args: the command (default: `validate`)
//! # generate: a broken state made at run time instead of `file`
//! ```

use std::path::{Path, PathBuf};
use std::process::Command;

use libtest_mimic::{Arguments, Failed, Trial};

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// What a fixture's header says.
struct Fixture {
    name: String,
    bytes: Vec<u8>,
    case: String,
    file: Option<String>,
    exit: i32,
    args: Vec<String>,
    generate: Option<String>,
}

fn header(bytes: &[u8], key: &str) -> Option<String> {
    let text = String::from_utf8_lossy(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)).into_owned();
    let prefix = format!("# {key}: ");
    text.lines().take_while(|l| l.starts_with('#')).find_map(|l| l.strip_prefix(&prefix).map(|v| v.trim().to_owned()))
}

fn fixture(path: &Path) -> Result<Fixture, String> {
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    let name = path.file_stem().unwrap_or_default().to_string_lossy().into_owned();
    let case = header(&bytes, "case").ok_or("no `# case:` line")?;
    let exit = header(&bytes, "exit").ok_or("no `# exit:` line")?.parse().map_err(|_| "`# exit:` is not a number")?;
    let args = header(&bytes, "args").unwrap_or_else(|| "validate".to_owned()).split(' ').map(str::to_owned).collect();
    let (file, generate) = (header(&bytes, "file"), header(&bytes, "generate"));
    if file.is_none() && generate.is_none() {
        return Err("needs `# file:` or `# generate:`".to_owned());
    }
    Ok(Fixture { name, bytes, case, file, exit, args, generate })
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Breaks the project at `root` in a way no committed file can.
fn generate(root: &Path, what: &str) -> Result<(), String> {
    let claims = root.join("claims/base.yaml");
    match what {
        "huge-file" => {
            // 100 MB of valid-looking YAML: the size alone must be refused, fast.
            let line = "# padding padding padding padding padding padding padding padding padding\n";
            let mut text = std::fs::read_to_string(&claims).unwrap();
            text.push_str(&line.repeat(100 * 1024 * 1024 / line.len() + 1));
            std::fs::write(&claims, text).unwrap();
        }
        "unreadable-file" => {
            // A socket where the file should be: refused from its metadata, never opened
            // (root ignores permissions, so a file without them would still be read).
            std::fs::remove_file(root.join("reference/sources.yaml")).unwrap();
            let listener = std::os::unix::net::UnixListener::bind(root.join("reference/sources.yaml")).unwrap();
            std::mem::forget(listener);
        }
        "folder-for-file" => {
            std::fs::remove_file(root.join("reference/sources.yaml")).unwrap();
            std::fs::create_dir(root.join("reference/sources.yaml")).unwrap();
        }
        "symlink-loop" => {
            std::os::unix::fs::symlink("loop.yaml", root.join("claims/loop.yaml")).unwrap();
        }
        "symlink-outside-root" => {
            std::fs::remove_file(root.join("articles/base.txt")).unwrap();
            std::os::unix::fs::symlink("/etc/hostname", root.join("articles/base.txt")).unwrap();
        }
        "no-sources-file" => std::fs::remove_file(root.join("reference/sources.yaml")).unwrap(),
        "no-claims-folder" => std::fs::remove_dir_all(root.join("claims")).unwrap(),
        "missing-root" | "nothing" => {}
        other => return Err(format!("unknown generator `{other}`")),
    }
    Ok(())
}

fn run(fixture: &Fixture) -> Result<(), Failed> {
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let root = dir.path().join("project");
    copy_dir(&manifest().join("tests/fixtures/base"), &root);
    if let Some(file) = &fixture.file {
        let target = root.join(file);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(target, &fixture.bytes).unwrap();
    }
    if let Some(what) = &fixture.generate {
        generate(&root, what)?;
    }
    let output = Command::new(env!("CARGO_BIN_EXE_factcheck"))
        .args(&fixture.args)
        .current_dir(&root)
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE")
        .env("COLUMNS", "100")
        .output()
        .map_err(|e| e.to_string())?;
    let code = output.status.code().unwrap_or(-1);
    let rendered = format!(
        "exit: {code}\n--- stdout\n{}--- stderr\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(manifest().join("tests/snapshots/invalid"));
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.set_description(fixture.case.as_str());
    settings.set_input_file(manifest().join(format!("tests/fixtures/invalid/{}.yaml", fixture.name)));
    settings.bind(|| insta::assert_snapshot!(fixture.name.as_str(), rendered));
    if code != fixture.exit {
        return Err(format!("expected exit {}, got {code}\n{rendered}", fixture.exit).into());
    }
    Ok(())
}

fn main() {
    let args = Arguments::from_args();
    let dir = manifest().join("tests/fixtures/invalid");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
                .collect()
        })
        .unwrap_or_default();
    paths.sort();
    let mut trials: Vec<Trial> = paths
        .iter()
        .map(|path| {
            let name = format!("invalid::{}", path.file_stem().unwrap_or_default().to_string_lossy());
            match fixture(path) {
                Ok(fixture) => Trial::test(name, move || run(&fixture)),
                Err(problem) => Trial::test(name, move || Err(format!("bad fixture: {problem}").into())),
            }
        })
        .collect();
    if trials.len() < 40 {
        let count = trials.len();
        trials.push(Trial::test("invalid::catalogue-size", move || {
            Err(format!("the catalogue has {count} cases; it must keep at least 40").into())
        }));
    }
    libtest_mimic::run(&args, trials).exit();
}
