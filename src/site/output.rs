//! Writing the site: everything goes into a staging directory next to the output ([`Staging`]),
//! each page as soon as it is rendered, and the staging directory replaces the previous output
//! only once the whole build succeeded. A failed build deletes it, leaving the previous
//! `public/` exactly as it was; one that was killed leaves it behind, and the next build of the
//! same output clears it.
//!
//! An existing output directory is only replaced if folio made it (it holds [`MARKER`]) or it is
//! empty, so `--out` pointed at the wrong folder cannot delete someone's files.
//!
//! A file whose bytes are the same as in the previous output is hard-linked from it rather than
//! written again: a rebuild allocates no new file for what did not change, and unchanged files
//! keep their timestamps, so deploy tools that compare times upload only what changed.

use crate::base::diag::{Diagnostic, Pos};
use crate::base::source::read_regular;
use crate::base::walk::Boundary;
use rayon::prelude::*;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// File folio leaves in its output to recognise it.
pub const MARKER: &str = ".folio-output";

pub use crate::base::OutFile;

fn err(path: &Path, message: String, expected: &str) -> Diagnostic {
    Diagnostic::error(path, Pos::START, message, expected)
}

/// Refuses an output folder `out` that is the site `root` itself or inside (or equal to) one of
/// its input folders (`content/`, `templates/`, `static/`): each build would copy its previous
/// output into itself, or read it as input. Checked before anything is written; paths are
/// compared resolved (links, `..`), also for an output that does not exist yet.
pub fn refuse_inside_inputs(out: &Path, root: &Path) -> Result<(), Diagnostic> {
    let (out_real, root_real) = (resolved(out), resolved(root));
    let expected = "an output folder outside content/, templates/ and static/ (such as public/)";
    if out_real == root_real {
        return Err(err(
            out,
            "the output folder is the site root itself".into(),
            expected,
        ));
    }
    for input in ["content", "templates", "static"] {
        if out_real.starts_with(root_real.join(input)) {
            return Err(err(
                out,
                format!("the output folder is inside the input folder `{input}/`"),
                expected,
            ));
        }
    }
    Ok(())
}

/// `p` absolute, through every link of its part that exists, `.` and `..` resolved.
fn resolved(p: &Path) -> PathBuf {
    let abs = absolute(p);
    let mut existing = abs.as_path();
    let mut rest = Vec::new();
    while std::fs::symlink_metadata(existing).is_err() {
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => break,
        }
    }
    let mut real = std::fs::canonicalize(existing).unwrap_or_else(|_| existing.to_path_buf());
    for part in rest.iter().rev() {
        real.push(part);
    }
    let mut clean = PathBuf::new();
    for c in real.components() {
        match c {
            std::path::Component::ParentDir => {
                clean.pop();
            }
            std::path::Component::CurDir => {}
            c => clean.push(c),
        }
    }
    clean
}

/// Writes `files` plus the contents of `static_dir` to `out`, atomically replacing it.
pub fn write_site(out: &Path, files: &[OutFile], static_dir: &Path) -> Result<(), Diagnostic> {
    let staging = Staging::begin(out, static_dir)?;
    staging.write(files)?;
    staging.commit()
}

/// An output being written: files go into a staging folder next to the output as they are
/// made, and [`Staging::commit`] puts it in place of the previous output. Dropped without a
/// commit (the build failed), it deletes the staging folder, leaving the previous output as it
/// was.
pub struct Staging {
    out: PathBuf,
    dir: PathBuf,
    /// The previous output, when folio made it: unchanged files are linked from it.
    previous: Option<PathBuf>,
    static_dir: PathBuf,
    /// The paths the static files took, which no generated file may take.
    statics: HashSet<PathBuf>,
    /// The folders the static files are in, where no generated file may be.
    static_dirs: HashSet<PathBuf>,
    committed: bool,
}

impl Staging {
    /// Checks that `out` may be replaced, makes the staging folder and writes the contents of
    /// `static_dir` into it.
    pub fn begin(out: &Path, static_dir: &Path) -> Result<Staging, Diagnostic> {
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
        if out.exists() && !replaceable(&out) {
            return Err(err(
                &out,
                "the output folder exists and was not made by folio".into(),
                "an empty folder, a folder folio built before, or another --out",
            ));
        }
        // Read before the staging folder exists: an unreadable static file leaves nothing behind.
        let statics = static_files(static_dir)?;
        remove_abandoned(&out);
        let dir = sibling(&out, "staging");
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).map_err(|e| {
            err(
                &dir,
                format!("cannot create the staging folder: {e}"),
                "a writable location",
            )
        })?;
        let previous = (out.is_dir() && out.join(MARKER).is_file()).then(|| out.clone());
        let mut staging = Staging {
            out,
            dir,
            previous,
            static_dir: static_dir.to_path_buf(),
            statics: HashSet::new(),
            static_dirs: HashSet::new(),
            committed: false,
        };
        staging.write_all(
            statics
                .iter()
                .map(|(p, b)| (p.as_path(), b.as_slice()))
                .collect(),
        )?;
        staging.static_dirs = statics
            .iter()
            .flat_map(|(p, _)| p.ancestors().skip(1))
            .filter(|a| !a.as_os_str().is_empty())
            .map(Path::to_path_buf)
            .collect();
        staging.statics = statics.into_iter().map(|(p, _)| p).collect();
        Ok(staging)
    }

    /// Writes `files` into the staging folder, in parallel.
    pub fn write(&self, files: &[OutFile]) -> Result<(), Diagnostic> {
        self.write_all(
            files
                .iter()
                .map(|f| (Path::new(&f.path), f.bytes.as_slice()))
                .collect(),
        )
    }

    /// Writes one file into the staging folder, making its folder if needed: what a build
    /// calls for each page as soon as it is rendered, from many threads at once.
    pub fn write_one(&self, file: &OutFile) -> Result<(), Diagnostic> {
        let rel = Path::new(&file.path);
        if let Some(clash) = self.static_clash(rel) {
            return Err(clash);
        }
        if let Some(d) = rel.parent() {
            self.make_folder(d)?;
        }
        self.write_file(rel, &file.bytes)
    }

    /// The static files that take a place one of `paths` (generated files, relative to the
    /// output) needs, one report per static file (with how many more files it is in the way
    /// of): what a build checks before it renders anything.
    pub fn clashes<'a>(&self, paths: impl IntoIterator<Item = &'a str>) -> Vec<Diagnostic> {
        let mut found: Vec<(Diagnostic, usize)> = Vec::new();
        for d in paths
            .into_iter()
            .filter_map(|p| self.static_clash(Path::new(p)))
        {
            match found.iter_mut().find(|(first, _)| first.path == d.path) {
                Some((_, more)) => *more += 1,
                None => found.push((d, 0)),
            }
        }
        found
            .into_iter()
            .map(|(mut d, more)| {
                if more > 0 {
                    d.message = format!("{} (and {more} other file(s))", d.message);
                }
                d
            })
            .collect()
    }

    /// The static file in the way of the generated file `rel`: at its path, at the path of one
    /// of its folders, or a static folder at its path. Named as the file in `static/`.
    fn static_clash(&self, rel: &Path) -> Option<Diagnostic> {
        if self.statics.contains(rel) {
            return Some(self.clash(rel));
        }
        let shown = |p: &Path| p.to_string_lossy().replace('\\', "/");
        if let Some(file) = rel.ancestors().skip(1).find(|a| self.statics.contains(*a)) {
            return Some(err(
                &self.static_dir.join(file),
                format!(
                    "static file `{}` is where the generated `{}` needs a folder",
                    shown(file),
                    shown(rel)
                ),
                "another file name (or a chapter with another slug)",
            ));
        }
        self.static_dirs.contains(rel).then(|| {
            err(
                &self.static_dir.join(rel),
                format!(
                    "static folder `{}` has the path of a generated file",
                    shown(rel)
                ),
                "another folder name",
            )
        })
    }

    /// Puts the staging folder in place of the output.
    pub fn commit(mut self) -> Result<(), Diagnostic> {
        let marker: &[u8] = b"This folder was generated by folio and is replaced on every build.\n";
        self.write_file(Path::new(MARKER), marker)?;
        let old = sibling(&self.out, "old");
        if self.out.exists()
            && let Err(e) = std::fs::rename(&self.out, &old)
        {
            return Err(err(
                &self.out,
                format!("cannot move the old output aside: {e}"),
                "a writable output folder",
            ));
        }
        if let Err(e) = std::fs::rename(&self.dir, &self.out) {
            // Put the old site back.
            let _ = std::fs::rename(&old, &self.out);
            return Err(err(
                &self.out,
                format!("cannot move the new site in place: {e}"),
                "a writable output folder",
            ));
        }
        self.committed = true;
        let _ = std::fs::remove_dir_all(&old);
        Ok(())
    }

    fn write_all(&self, files: Vec<(&Path, &[u8])>) -> Result<(), Diagnostic> {
        // Checked in order first, so that the same clash is reported every time.
        if let Some(clash) = files.iter().find_map(|(rel, _)| self.static_clash(rel)) {
            return Err(clash);
        }
        let mut dirs: Vec<&Path> = files.iter().filter_map(|(p, _)| p.parent()).collect();
        dirs.sort();
        dirs.dedup();
        dirs.par_iter().try_for_each(|d| self.make_folder(d))?;
        files
            .par_iter()
            .try_for_each(|(rel, bytes)| self.write_file(rel, bytes))
    }

    /// Makes the folder `rel` of the output in the staging folder (`create_dir_all` accepts a
    /// parent made by another thread meanwhile). Errors name the place in the output, not the
    /// staging folder, which is deleted.
    fn make_folder(&self, rel: &Path) -> Result<(), Diagnostic> {
        std::fs::create_dir_all(self.dir.join(rel)).map_err(|e| {
            err(
                &self.out.join(rel),
                format!("cannot create folder: {e}"),
                "a writable location",
            )
        })
    }

    /// Writes `bytes` at `rel` in the staging folder, or links the previous output's file when
    /// it holds the same bytes.
    ///
    /// A file is only ever created, never opened again: a file in the staging folder may be a
    /// link to the previous output's, and writing through it would change the published site.
    /// Two files at one path are an error.
    fn write_file(&self, rel: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
        let p = self.dir.join(rel);
        if let Some(before) = self.previous.as_ref().map(|prev| prev.join(rel))
            && unchanged(&before, bytes)
        {
            match std::fs::hard_link(&before, &p) {
                Ok(()) => return Ok(()),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    return Err(twice(&self.out.join(rel)));
                }
                // Another file system, or links not allowed: the file is written.
                Err(_) => {}
            }
        }
        let shown = self.out.join(rel);
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&p)
            .map_err(|e| match e.kind() {
                std::io::ErrorKind::AlreadyExists => twice(&shown),
                _ => err(
                    &shown,
                    format!("cannot write file: {e}"),
                    "a writable location",
                ),
            })?;
        std::io::Write::write_all(&mut file, bytes).map_err(|e| {
            err(
                &shown,
                format!("cannot write file: {e}"),
                "a writable location",
            )
        })
    }

    fn clash(&self, rel: &Path) -> Diagnostic {
        err(
            &self.static_dir.join(rel),
            format!(
                "static file `{}` has the same path as a generated page",
                rel.display()
            ),
            "another file name",
        )
    }
}

fn twice(p: &Path) -> Diagnostic {
    err(
        p,
        "two generated files have this path".into(),
        "one file per path (a chapter's slug taking a page's place?)",
    )
}

/// Whether the process at `/proc/<pid>` still runs: it exists and is not a zombie (a killed
/// process its parent has not reaped yet).
fn running(proc_pid: &Path) -> bool {
    std::fs::read_to_string(proc_pid.join("stat")).is_ok_and(|stat| {
        // `pid (name) state …`: the name may hold spaces and parentheses.
        let state = stat
            .rsplit_once(')')
            .and_then(|(_, rest)| rest.trim_start().chars().next());
        !matches!(state, Some('Z' | 'X') | None)
    })
}

/// Deletes the staging and old folders that builds of `out` left when they were killed (their
/// process is gone), so that they do not pile up, and puts back an old output that a killed
/// build had moved aside when `out` is missing. Only where the system says which processes run
/// (`/proc`); the folders of a build still running are left alone.
fn remove_abandoned(out: &Path) {
    let (Some(parent), Some(name)) = (out.parent(), out.file_name()) else {
        return;
    };
    let proc = Path::new("/proc");
    if !proc.join("self").exists() {
        return;
    }
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    let prefix = format!(".{}.", name.to_string_lossy());
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = file_name.strip_prefix(&prefix) else {
            continue;
        };
        let pid = rest
            .strip_prefix("staging-")
            .or_else(|| rest.strip_prefix("old-"))
            .filter(|pid| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()));
        if let Some(pid) = pid
            && !running(&proc.join(pid))
        {
            // Killed between moving the old output aside and moving the new one in: the old
            // output is put back.
            if rest.starts_with("old-")
                && !out.exists()
                && std::fs::rename(entry.path(), out).is_ok()
            {
                continue;
            }
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// `.<name>.<what>-<pid>` next to `out`: the staging folder, or where the old output waits
/// while the new one is moved in.
fn sibling(out: &Path, what: &str) -> PathBuf {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "public".into());
    let parent = out.parent().unwrap_or(Path::new("."));
    parent.join(format!(".{name}.{what}-{}", std::process::id()))
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

/// Largest static file folio copies: fonts and images, but nothing that never ends.
pub const MAX_STATIC_BYTES: u64 = 256 * 1024 * 1024;

/// The files of `static_dir` (relative path, bytes), in name order, hidden files left out:
/// what the site publishes as is. `serve` serves the same. Read through the site's bounded walk
/// (the site root is `static_dir`'s parent): a link out of the site, a named pipe or a device is
/// an error, never read.
pub fn static_files(static_dir: &Path) -> Result<Vec<(PathBuf, Vec<u8>)>, Diagnostic> {
    let mut statics: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    // A site without a `static/` folder uses the built-in theme's files alone.
    if static_dir.is_dir() {
        let root = static_dir.parent().unwrap_or(Path::new("."));
        let boundary = Boundary::new(root)?;
        let walked = boundary.walk(static_dir, &|name, is_dir| !is_dir && name.starts_with('.'));
        if let Some(d) = walked.problems.into_iter().next() {
            return Err(d);
        }
        for path in walked.files {
            let rel = path.strip_prefix(static_dir).unwrap_or(&path).to_path_buf();
            let bytes = read_regular(&path, MAX_STATIC_BYTES, "a static file")?;
            statics.push((rel, bytes));
        }
    }
    // The built-in theme's files, where the site has none of its own at that path.
    for (name, bytes) in crate::theme::STATIC {
        let rel = PathBuf::from(name);
        if !statics.iter().any(|(p, _)| *p == rel) {
            statics.push((rel, bytes.to_vec()));
        }
    }
    statics.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(statics)
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
    fn a_path_written_twice_is_an_error_and_never_writes_through_to_the_old_output() {
        let d = tempfile::tempdir().unwrap();
        let out = d.path().join("public");
        let st = d.path().join("static");
        write_site(&out, &[file("ko/print/index.html", "one")], &st).unwrap();
        let staging = Staging::begin(&out, &st).unwrap();
        // The first copy is linked from the previous output; the second must not write into it.
        staging
            .write_one(&file("ko/print/index.html", "one"))
            .unwrap();
        let e = staging
            .write_one(&file("ko/print/index.html", "two"))
            .unwrap_err();
        assert_eq!(e.message, "two generated files have this path");
        drop(staging);
        assert_eq!(
            std::fs::read_to_string(out.join("ko/print/index.html")).unwrap(),
            "one"
        );
    }

    #[cfg(unix)]
    #[test]
    fn folders_of_killed_builds_are_cleared_and_a_moved_aside_output_put_back() {
        use std::os::unix::fs::MetadataExt;
        let d = tempfile::tempdir().unwrap();
        let out = d.path().join("public");
        let st = d.path().join("static");
        write_site(&out, &[file("same.html", "same")], &st).unwrap();
        let inode = std::fs::metadata(out.join("same.html")).unwrap().ino();
        // A build killed mid-swap (no such process): the output moved aside, a staging folder.
        let gone = u32::MAX;
        std::fs::rename(&out, d.path().join(format!(".public.old-{gone}"))).unwrap();
        std::fs::create_dir(d.path().join(format!(".public.staging-{gone}"))).unwrap();
        // A build still running (process 1 always is) keeps its folder.
        std::fs::create_dir(d.path().join(".public.staging-1")).unwrap();
        write_site(&out, &[file("same.html", "same")], &st).unwrap();
        assert_eq!(
            std::fs::metadata(out.join("same.html")).unwrap().ino(),
            inode,
            "the moved-aside output was put back and its unchanged file reused"
        );
        let mut left: Vec<String> = std::fs::read_dir(d.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(".public."))
            .collect();
        left.sort();
        assert_eq!(left, [".public.staging-1"]);
    }

    #[test]
    fn a_zombie_or_missing_process_is_not_running() {
        let d = tempfile::tempdir().unwrap();
        let stat = |text: &str| {
            std::fs::write(d.path().join("stat"), text).unwrap();
            running(d.path())
        };
        assert!(stat("4242 (folio) R 1 4242"));
        assert!(stat("4242 (a) b) S 1 4242"), "a name with a parenthesis");
        assert!(!stat("4242 (folio) Z 1 4242"), "killed, not reaped yet");
        assert!(!stat("4242 (folio) X 1 4242"));
        assert!(!running(&d.path().join("gone")));
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
