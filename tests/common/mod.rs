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
