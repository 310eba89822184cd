//! A sandbox for tests that run `factcheck` on a copy of a fixture project.
//!
//! The tool's tests never read the live `articles/`, `claims/` and
//! `reference/`: those belong to the project's users, who add, correct and
//! delete articles every day. Each test starts from a fixture project under
//! `tests/fixtures/` (`seed`, a pinned copy of the first bundled article that
//! the README's examples use; `newsroom`, two short articles from two other
//! fields), copied into a temporary folder it may change at will.

#![allow(dead_code, reason = "each test binary uses a different part of the sandbox")]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A temporary project folder.
pub struct Sandbox {
    dir: tempfile::TempDir,
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

impl Sandbox {
    /// An empty project folder.
    pub fn empty() -> Sandbox {
        Sandbox { dir: tempfile::tempdir().unwrap() }
    }

    /// A copy of the fixture project `tests/fixtures/<name>`.
    pub fn fixture(name: &str) -> Sandbox {
        let sandbox = Sandbox::empty();
        copy_dir(&fixture_dir(name), sandbox.path());
        sandbox
    }

    /// A copy of the seed project: the first bundled article, pinned as a
    /// fixture, which the README's examples describe.
    pub fn seed() -> Sandbox {
        Sandbox::fixture(SEED)
    }

    /// The project root.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// The path of a file in the project.
    pub fn file(&self, relative: &str) -> PathBuf {
        self.path().join(relative)
    }

    /// Reads a file of the project.
    pub fn read(&self, relative: &str) -> String {
        std::fs::read_to_string(self.file(relative)).unwrap()
    }

    /// Writes a file of the project, creating its folder.
    pub fn write(&self, relative: &str, contents: &str) -> &Sandbox {
        let path = self.file(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, contents).unwrap();
        self
    }

    /// Replaces the one occurrence of `from` in a file with `to`.
    pub fn edit(&self, relative: &str, from: &str, to: &str) -> &Sandbox {
        let text = self.read(relative);
        assert_eq!(text.matches(from).count(), 1, "`{from}` must occur once in {relative}");
        self.write(relative, &text.replacen(from, to, 1))
    }

    /// Breaks the seed's first claim's first source id with a typo, the
    /// README's example of a located error.
    pub fn mistype_a_source(&self) -> &Sandbox {
        self.edit(
            "claims/iraq-coalition-announcement-postponed.yaml",
            "    sources: [reuters-dunya-2024-08-15, pledgetimes-2024-08-16]",
            "    sources: [reuters-dunya-2024-08-51, pledgetimes-2024-08-16]",
        )
    }

    /// Sets the seed's August 2024 troop count to `value`.
    pub fn set_troop_count(&self, value: u32) -> &Sandbox {
        self.edit(
            "reference/facts/us-forces.yaml",
            "    value: 2500\n    unit: troops\n    as_of: 2024-08-15",
            &format!("    value: {value}\n    unit: troops\n    as_of: 2024-08-15"),
        )
    }

    /// Runs `factcheck` with `args` in the project folder, without colour.
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_with_env(args, &[("NO_COLOR", "1")])
    }

    /// Runs `factcheck` with `args`, writing `input` to its standard input.
    pub fn run_with_stdin(&self, args: &[&str], input: &str) -> Run {
        use std::io::Write;
        let mut child = Command::new(env!("CARGO_BIN_EXE_factcheck"))
            .args(args)
            .current_dir(self.path())
            .env("NO_COLOR", "1")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
        Run::from(child.wait_with_output().unwrap())
    }

    /// Runs `factcheck` with `args` and extra environment variables; colour
    /// settings come only from `env`.
    pub fn run_with_env(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        let mut command = Command::new(env!("CARGO_BIN_EXE_factcheck"));
        command.args(args).current_dir(self.path()).env("COLUMNS", "100");
        for name in ["NO_COLOR", "CLICOLOR", "CLICOLOR_FORCE"] {
            command.env_remove(name);
        }
        command.envs(env.iter().copied());
        Run::from(command.output().unwrap())
    }
}

/// What one run of the binary did.
#[derive(Debug)]
pub struct Run {
    /// The exit code.
    pub code: i32,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(output: Output) -> Run {
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }
}

impl Run {
    /// Asserts the exit code, showing the output when it differs.
    pub fn expect_code(&self, code: i32) -> &Run {
        assert_eq!(self.code, code, "exit code\n--- stdout\n{}\n--- stderr\n{}", self.stdout, self.stderr);
        self
    }
}

/// The fixture with the seed article, as the README describes it.
pub const SEED: &str = "seed";

/// Where the fixture project `name` is.
pub fn fixture_dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

/// The fixture project `name`, loaded.
pub fn fixture_project(name: &str) -> factcheck::Project {
    project_at(&fixture_dir(name))
}

/// The project at `root`, loaded.
pub fn project_at(root: &Path) -> factcheck::Project {
    match factcheck::load::from_root(root) {
        Ok(loaded) => loaded.project,
        Err(error) => panic!("`{}` must load: {error}", root.display()),
    }
}

/// The seed fixture, loaded.
pub fn seed_project() -> factcheck::Project {
    fixture_project(SEED)
}

/// The attributes of every `<span>` whose class includes `claim`, in
/// document order.
pub fn claim_spans(html: &str) -> Vec<std::collections::BTreeMap<String, String>> {
    spans(html, "claim")
}

/// The attributes of every `<span>` whose class includes `class`, in
/// document order. Attribute values are unescaped only for `&amp;`, which
/// is all that ids, verdict names and colours need.
pub fn spans(html: &str, class: &str) -> Vec<std::collections::BTreeMap<String, String>> {
    let mut spans = Vec::new();
    for tag in html.split("<span").skip(1) {
        let Some(end) = tag.find('>') else { continue };
        let attributes = attributes(&tag[..end]);
        if attributes.get("class").is_some_and(|c| c.split(' ').any(|c| c == class)) {
            spans.push(attributes);
        }
    }
    spans
}

/// Parses `name="value"` pairs, the form both factcheck and Chromium write.
fn attributes(tag: &str) -> std::collections::BTreeMap<String, String> {
    let mut found = std::collections::BTreeMap::new();
    let mut rest = tag;
    while let Some(eq) = rest.find("=\"") {
        let name = rest[..eq].trim().rsplit(' ').next().unwrap_or_default().to_owned();
        let value_start = eq + 2;
        let Some(len) = rest[value_start..].find('"') else { break };
        found.insert(name, rest[value_start..value_start + len].replace("&amp;", "&"));
        rest = &rest[value_start + len + 1..];
    }
    found
}

/// A synthetic article of 5,000 words in 50 paragraphs with 100 claims:
/// 50 whole sentences, 25 nested inside them and 25 crossing from one
/// paragraph into the next, their verdicts cycling through every verdict.
pub fn large_article() -> (factcheck::model::ArticleClaims, Vec<factcheck::Verdict>) {
    use factcheck::model::{Article, ArticleClaims, ArticleId, Assertion, Claim, ClaimId, Severity};
    use factcheck::{Verdict, VerdictKind};

    // Twenty words; the number makes every sentence, and so every claim, unique.
    let sentence = |k: usize| {
        format!(
            "In report {k} the ministry said troops were stationed near the base while officials expected talks to resume within weeks."
        )
    };
    let mut text = String::new();
    for paragraph in 0..50 {
        let sentences: Vec<String> = (0..5).map(|s| sentence(paragraph * 5 + s)).collect();
        text.push_str(&sentences.join(" "));
        text.push('\n');
    }
    let mut texts: Vec<String> = Vec::new();
    for k in (0..250).step_by(5) {
        texts.push(sentence(k));
    }
    for k in (0..250).step_by(10) {
        texts.push(format!("report {k} the ministry said"));
    }
    // From the last sentence of one paragraph into the first of the next.
    for k in (4..250).step_by(10) {
        texts.push(format!("to resume within weeks. In report {} the", k + 1));
    }
    assert_eq!(texts.len(), 100);
    let claims: Vec<Claim> = texts
        .into_iter()
        .enumerate()
        .map(|(i, text)| Claim {
            id: ClaimId::from(format!("c{i:03}")),
            text,
            assertion: Assertion::Opinion,
            sources: Vec::new(),
            expect: None,
            severity: Severity::Error,
            note: None,
        })
        .collect();
    let verdicts = claims
        .iter()
        .enumerate()
        .map(|(i, claim)| Verdict {
            claim: claim.id.clone(),
            kind: claim.assertion.kind(),
            verdict: VerdictKind::ALL[i % VerdictKind::ALL.len()],
            discrepancies: Vec::new(),
            facts: Vec::new(),
            claimed_date: None,
        })
        .collect();
    let article = Article {
        id: ArticleId::from("large"),
        title: Some("A long article".to_owned()),
        publisher: "Example".to_owned(),
        url: "https://example.org/large".to_owned(),
        published: "2024-08-16".parse().unwrap(),
        note: None,
    };
    (ArticleClaims { article, text, claims, places: Vec::new(), drafts: Vec::new() }, verdicts)
}

/// How long a run of the binary may take before [`Sandbox::run_or_kill`]
/// kills it: far longer than any command on a fixture needs.
pub const WATCHDOG: std::time::Duration = std::time::Duration::from_secs(30);

impl Sandbox {
    /// Runs `factcheck` with `args` like [`Sandbox::run`], but kills it and
    /// fails the test if it has not finished within [`WATCHDOG`]: for
    /// commands that must never wait forever, so a regression fails instead
    /// of hanging the test run.
    pub fn run_or_kill(&self, args: &[&str]) -> Run {
        let mut child = Command::new(env!("CARGO_BIN_EXE_factcheck"))
            .args(args)
            .current_dir(self.path())
            .env("NO_COLOR", "1")
            .env("COLUMNS", "100")
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let start = std::time::Instant::now();
        while child.try_wait().unwrap().is_none() {
            if start.elapsed() > WATCHDOG {
                child.kill().unwrap();
                child.wait().unwrap();
                panic!("`factcheck {}` still ran after {WATCHDOG:?}; killed", args.join(" "));
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        Run::from(child.wait_with_output().unwrap())
    }
}
