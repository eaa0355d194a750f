//! Writing the site: everything goes into a staging directory next to the output, which
//! replaces the previous output only once every file is written. A failed build therefore leaves
//! the previous `public/` exactly as it was.
//!
//! An existing output directory is only replaced if folio made it (it holds [`MARKER`]) or it is
//! empty, so `--out` pointed at the wrong folder cannot delete someone's files.
//!
//! A file whose bytes are the same as in the previous output is hard-linked from it rather than
//! written again: a rebuild allocates no new file for what did not change, and unchanged files
//! keep their timestamps, so deploy tools that compare times upload only what changed.

use crate::diag::{Diagnostic, Pos};
use rayon::prelude::*;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// File folio leaves in its output to recognise it.
pub const MARKER: &str = ".folio-output";

/// One file of the site: path relative to the output root (`/`-separated) and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutFile {
    /// Relative path, e.g. `ko/market-size/index.html`.
    pub path: String,
    /// Contents.
    pub bytes: Vec<u8>,
}

fn err(path: &Path, message: String, expected: &str) -> Diagnostic {
    Diagnostic::error(path, Pos::START, message, expected)
}

/// Writes `files` plus the contents of `static_dir` to `out`, atomically replacing it.
pub fn write_site(out: &Path, files: &[OutFile], static_dir: &Path) -> Result<(), Diagnostic> {
    let out = absolute(out);
    let parent = out.parent().ok_or_else(|| {
        err(
            &out,
            "the output directory has no parent".into(),
            "a folder such as public/",
        )
    })?;
    std::fs::create_dir_all(parent).map_err(|e| {
        err(
            parent,
            format!("cannot create folder: {e}"),
            "a writable location",
        )
    })?;
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "public".into());
    if out.exists() && !replaceable(&out) {
        return Err(err(
            &out,
            "the output folder exists and was not made by folio".into(),
            "an empty folder, a folder folio built before, or another --out",
        ));
    }
    let pid = std::process::id();
    let staging = parent.join(format!(".{name}.staging-{pid}"));
    let _ = std::fs::remove_dir_all(&staging);
    let previous = (out.is_dir() && out.join(MARKER).is_file()).then_some(out.as_path());
    let result = fill(&staging, files, static_dir, previous);
    if let Err(e) = result {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(e);
    }
    let old = parent.join(format!(".{name}.old-{pid}"));
    if out.exists()
        && let Err(e) = std::fs::rename(&out, &old)
    {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(err(
            &out,
            format!("cannot move the old output aside: {e}"),
            "a writable output folder",
        ));
    }
    if let Err(e) = std::fs::rename(&staging, &out) {
        // Put the old site back.
        let _ = std::fs::rename(&old, &out);
        let _ = std::fs::remove_dir_all(&staging);
        return Err(err(
            &out,
            format!("cannot move the new site in place: {e}"),
            "a writable output folder",
        ));
    }
    let _ = std::fs::remove_dir_all(&old);
    Ok(())
}

fn absolute(p: &Path) -> PathBuf {
    if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|d| d.join(p))
            .unwrap_or_else(|_| p.to_path_buf())
    }
}

fn replaceable(out: &Path) -> bool {
    out.join(MARKER).is_file()
        || std::fs::read_dir(out)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false)
}

/// The files of `static_dir` (relative path, bytes), in name order, hidden files left out:
/// what the site publishes as is. `serve` serves the same.
pub fn static_files(static_dir: &Path) -> Result<Vec<(PathBuf, Vec<u8>)>, Diagnostic> {
    let mut statics: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    if static_dir.is_dir() {
        for entry in walkdir::WalkDir::new(static_dir)
            .follow_links(true)
            .sort_by_file_name()
        {
            let entry = entry.map_err(|e| {
                err(
                    e.path().unwrap_or(static_dir),
                    format!("cannot read static file: {e}"),
                    "readable files without link loops",
                )
            })?;
            if !entry.file_type().is_file() || entry.file_name().to_string_lossy().starts_with('.')
            {
                continue;
            }
            let rel = entry
                .path()
                .strip_prefix(static_dir)
                .unwrap_or(entry.path())
                .to_path_buf();
            let bytes = std::fs::read(entry.path()).map_err(|e| {
                err(
                    entry.path(),
                    format!("cannot read static file: {e}"),
                    "a readable file",
                )
            })?;
            statics.push((rel, bytes));
        }
    }
    Ok(statics)
}

fn fill(
    staging: &Path,
    files: &[OutFile],
    static_dir: &Path,
    previous: Option<&Path>,
) -> Result<(), Diagnostic> {
    std::fs::create_dir_all(staging).map_err(|e| {
        err(
            staging,
            format!("cannot create the staging folder: {e}"),
            "a writable location",
        )
    })?;
    let statics = static_files(static_dir)?;
    let generated: HashSet<&Path> = files.iter().map(|f| Path::new(&f.path)).collect();
    if let Some((clash, _)) = statics
        .iter()
        .find(|(p, _)| generated.contains(p.as_path()))
    {
        return Err(err(
            &static_dir.join(clash),
            format!(
                "static file `{}` has the same path as a generated page",
                clash.display()
            ),
            "another file name",
        ));
    }
    let marker: &[u8] = b"This folder was generated by folio and is replaced on every build.\n";
    let all: Vec<(&Path, &[u8])> = statics
        .iter()
        .map(|(p, b)| (p.as_path(), b.as_slice()))
        .chain(
            files
                .iter()
                .map(|f| (Path::new(&f.path), f.bytes.as_slice())),
        )
        .chain([(Path::new(MARKER), marker)])
        .collect();
    let mut dirs: Vec<PathBuf> = all
        .iter()
        .filter_map(|(p, _)| p.parent().map(|d| staging.join(d)))
        .collect();
    dirs.sort();
    dirs.dedup();
    // In parallel: `create_dir_all` accepts a parent made by another thread meanwhile.
    dirs.par_iter().try_for_each(|d| {
        std::fs::create_dir_all(d).map_err(|e| {
            err(
                d,
                format!("cannot create folder: {e}"),
                "a writable location",
            )
        })
    })?;
    all.par_iter().try_for_each(|(rel, bytes)| {
        let p = staging.join(rel);
        if let Some(before) = previous.map(|prev| prev.join(rel))
            && unchanged(&before, bytes)
            && std::fs::hard_link(&before, &p).is_ok()
        {
            return Ok(());
        }
        std::fs::write(&p, bytes)
            .map_err(|e| err(&p, format!("cannot write file: {e}"), "a writable location"))
    })
}

/// Whether `path` is a regular file (not a link) holding exactly `bytes`.
fn unchanged(path: &Path, bytes: &[u8]) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
        && std::fs::read(path).is_ok_and(|old| old == bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> OutFile {
        OutFile {
            path: path.into(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    #[test]
    fn replaces_its_own_output_atomically() {
        let d = tempfile::tempdir().unwrap();
        let out = d.path().join("public");
        let st = d.path().join("static");
        std::fs::create_dir_all(st.join("css")).unwrap();
        std::fs::write(st.join("css/a.css"), "a").unwrap();
        write_site(
            &out,
            &[file("index.html", "one"), file("ko/x/index.html", "x")],
            &st,
        )
        .unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "one"
        );
        assert_eq!(std::fs::read_to_string(out.join("css/a.css")).unwrap(), "a");
        write_site(&out, &[file("index.html", "two")], &st).unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "two"
        );
        assert!(!out.join("ko").exists(), "old files are gone");
        let leftovers: Vec<_> = std::fs::read_dir(d.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(leftovers.len(), 2, "{leftovers:?}");
    }

    #[cfg(unix)]
    #[test]
    fn a_rebuild_links_unchanged_files_and_writes_changed_ones() {
        use std::os::unix::fs::MetadataExt;
        let d = tempfile::tempdir().unwrap();
        let out = d.path().join("public");
        let st = d.path().join("static");
        let inode = |rel: &str| std::fs::metadata(out.join(rel)).unwrap().ino();
        write_site(
            &out,
            &[file("same.html", "same"), file("new.html", "one")],
            &st,
        )
        .unwrap();
        // A link in the old output holding the right bytes is not carried over: the new output
        // gets a file of its own.
        std::fs::write(d.path().join("elsewhere"), "linked").unwrap();
        std::os::unix::fs::symlink(d.path().join("elsewhere"), out.join("link.html")).unwrap();
        let (same, changed) = (inode("same.html"), inode("new.html"));
        write_site(
            &out,
            &[
                file("same.html", "same"),
                file("new.html", "two"),
                file("link.html", "linked"),
            ],
            &st,
        )
        .unwrap();
        assert_eq!(
            inode("same.html"),
            same,
            "an unchanged file is the same file"
        );
        assert_ne!(inode("new.html"), changed, "a changed file is written anew");
        assert_eq!(
            std::fs::read_to_string(out.join("new.html")).unwrap(),
            "two"
        );
        assert_eq!(
            std::fs::read_to_string(out.join("same.html")).unwrap(),
            "same"
        );
        let link = std::fs::symlink_metadata(out.join("link.html")).unwrap();
        assert!(link.is_file(), "a regular file, not the old link");
        assert_eq!(std::fs::metadata(out.join("same.html")).unwrap().nlink(), 1);
    }

    #[test]
    fn refuses_a_folder_it_did_not_make() {
        let d = tempfile::tempdir().unwrap();
        let out = d.path().join("docs");
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(out.join("thesis.tex"), "precious").unwrap();
        let e = write_site(&out, &[file("index.html", "x")], &d.path().join("static")).unwrap_err();
        assert_eq!(
            e.message,
            "the output folder exists and was not made by folio"
        );
        assert_eq!(
            std::fs::read_to_string(out.join("thesis.tex")).unwrap(),
            "precious"
        );
    }

    #[test]
    fn static_files_may_not_shadow_pages() {
        let d = tempfile::tempdir().unwrap();
        let st = d.path().join("static");
        std::fs::create_dir_all(&st).unwrap();
        std::fs::write(st.join("index.html"), "mine").unwrap();
        let e = write_site(&d.path().join("public"), &[file("index.html", "x")], &st).unwrap_err();
        assert!(e.message.contains("same path as a generated page"));
        assert!(!d.path().join("public").exists());
    }
}
