//! A sandbox for tests that run `factcheck` on a copy of the bundled project.

#![allow(dead_code, reason = "each test binary uses a different part of the sandbox")]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The bundled project's folders that make up its data.
const DATA_DIRS: [&str; 3] = ["articles", "claims", "reference"];

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

    /// A copy of the bundled articles, claims and reference data.
    pub fn bundled() -> Sandbox {
        let sandbox = Sandbox::empty();
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        for dir in DATA_DIRS {
            copy_dir(&root.join(dir), &sandbox.path().join(dir));
        }
        sandbox
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

    /// Breaks the first claim's first source id with a typo, the README's
    /// example of a located error.
    pub fn mistype_a_source(&self) -> &Sandbox {
        self.edit(
            "claims/iraq-coalition-announcement-postponed.yaml",
            "    sources: [reuters-dunya-2024-08-15, pledgetimes-2024-08-16]",
            "    sources: [reuters-dunya-2024-08-51, pledgetimes-2024-08-16]",
        )
    }

    /// Sets the bundled August 2024 troop count to `value`.
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
