//! Helpers shared by the end-to-end tests: fixture sites in temporary folders, the `folio`
//! binary, byte snapshots of an output folder, and the folders a build left behind.
#![allow(dead_code)] // each test crate uses a different subset

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// A fresh copy of `tests/fixtures/basic` with the repository's templates and static files.
pub fn basic_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&repo().join("tests/fixtures/basic"), dir.path());
    copy_dir(&repo().join("templates"), &dir.path().join("templates"));
    copy_dir(&repo().join("static"), &dir.path().join("static"));
    dir
}

pub struct Run {
    pub ok: bool,
    pub code: Option<i32>,
    pub stderr: String,
}

/// Runs the `folio` binary with `args` on the site at `root`.
pub fn folio(args: &[&str], root: &Path) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(args)
        .arg("--root")
        .arg(root)
        .current_dir(root)
        .output()
        .unwrap();
    Run {
        ok: out.status.success(),
        code: out.status.code(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// The staging and old folders a build of the output `name` (`public`) left next to it in
/// `dir` (`.public.staging-<pid>`, `.public.old-<pid>`).
pub fn leftovers(dir: &Path, name: &str) -> Vec<String> {
    let prefix = format!(".{name}.");
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(&prefix))
        .collect()
}

/// Every file under `dir` with its bytes.
pub fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().to_path_buf(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// A site built in a temporary folder and asserted on, in the spirit of mdBook's `BookTest`:
///
/// ```ignore
/// SiteTest::basic()
///     .replace("content/site.yaml", "search: true", "search: false")
///     .build()
///     .succeeds()
///     .page_lacks("ko/market/index.html", "role=\"search\"");
/// ```
///
/// Every failed assertion prints what folio printed (and the page it was looking at).
pub struct SiteTest {
    dir: tempfile::TempDir,
    run: Option<Run>,
}

impl SiteTest {
    /// A copy of `tests/fixtures/basic` with the repository's templates and static files.
    pub fn basic() -> Self {
        SiteTest {
            dir: basic_site(),
            run: None,
        }
    }

    /// A site of `files` (path, text) only: no templates, static files or i18n unless given.
    pub fn of(files: &[(&str, &str)]) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let t = SiteTest { dir, run: None };
        files.iter().fold(t, |t, (rel, text)| t.write(rel, text))
    }

    /// The site's root folder.
    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Writes `text` to `rel`, creating folders.
    pub fn write(self, rel: &str, text: &str) -> Self {
        let p = self.root().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
        self
    }

    /// Replaces the first `from` in `rel` with `to` (`from` must be there).
    pub fn replace(self, rel: &str, from: &str, to: &str) -> Self {
        let p = self.root().join(rel);
        let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{rel}: {e}"));
        assert!(text.contains(from), "{rel} lacks {from:?}");
        std::fs::write(&p, text.replacen(from, to, 1)).unwrap();
        self
    }

    /// Deletes the file `rel`.
    pub fn remove(self, rel: &str) -> Self {
        std::fs::remove_file(self.root().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
        self
    }

    /// Runs `folio` with `args` (`--root` is added).
    pub fn run(mut self, args: &[&str]) -> Self {
        self.run = Some(folio(args, self.dir.path()));
        self
    }

    /// Runs `folio build`.
    pub fn build(self) -> Self {
        self.run(&["build"])
    }

    /// Runs `folio check`.
    pub fn check(self) -> Self {
        self.run(&["check"])
    }

    fn last(&self) -> &Run {
        self.run.as_ref().expect("run folio first")
    }

    /// What the last run printed on stderr.
    pub fn stderr(&self) -> &str {
        &self.last().stderr
    }

    /// Asserts the last run succeeded.
    pub fn succeeds(self) -> Self {
        assert!(self.last().ok, "folio failed:\n{}", self.stderr());
        self
    }

    /// Asserts the last run failed with exit code 1.
    pub fn fails(self) -> Self {
        assert_eq!(
            self.last().code,
            Some(1),
            "expected exit 1:\n{}",
            self.stderr()
        );
        self
    }

    /// Asserts the last run printed `line` as one whole line of stderr.
    pub fn printed(self, line: &str) -> Self {
        assert!(
            self.stderr().lines().any(|l| l == line),
            "expected the line\n  {line}\ngot:\n{}",
            self.stderr()
        );
        self
    }

    /// Asserts the last run's stderr contains `text`.
    pub fn printed_part(self, text: &str) -> Self {
        assert!(
            self.stderr().contains(text),
            "expected {text:?} in:\n{}",
            self.stderr()
        );
        self
    }

    /// The text of the output file `rel` (under `public/`).
    pub fn page(&self, rel: &str) -> String {
        let p = self.root().join("public").join(rel);
        std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{rel}: {e}\n{}", self.stderr()))
    }

    /// Asserts the output file `rel` contains `text`.
    pub fn page_has(self, rel: &str, text: &str) -> Self {
        let page = self.page(rel);
        assert!(page.contains(text), "{rel} lacks {text:?}:\n{page}");
        self
    }

    /// Asserts the output file `rel` does not contain `text`.
    pub fn page_lacks(self, rel: &str, text: &str) -> Self {
        let page = self.page(rel);
        assert!(!page.contains(text), "{rel} has {text:?}:\n{page}");
        self
    }

    /// Whether the output has the file or folder `rel`.
    pub fn has_output(&self, rel: &str) -> bool {
        self.root().join("public").join(rel).exists()
    }
}
