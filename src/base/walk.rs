//! The one folder walk every input folder goes through (`content/`, `templates/`, `static/`),
//! bounded by the site root: nothing outside the site is ever read through a symbolic link.
//!
//! A link whose target stays inside the site root is followed (a link loop is an error); a link
//! that leads outside it, or into a system folder (`/proc`, `/dev`, `/sys`), is an error naming
//! the link, and nothing behind it is opened, not even listed. Only regular files and folders are
//! taken: a named pipe, a socket or a device is an error (reading one would block or never end).
//! Entries are in file-name order, each folder's entries after the folder itself.

use crate::base::diag::{Diagnostic, Pos};
use crate::base::source::{io_error, not_regular};
use std::path::{Path, PathBuf};

/// Folders a link never leads into, wherever the site is: reading there publishes the machine
/// (`/proc/self/environ` is the build's environment) or never ends (`/dev/zero`).
const SYSTEM: &[&str] = &["/proc", "/dev", "/sys"];

/// The site root, resolved: what every path read must stay inside.
#[derive(Debug, Clone)]
pub struct Boundary {
    root: PathBuf,
}

/// What one walk found.
#[derive(Debug, Default)]
pub struct Walked {
    /// Regular files (reached through links inside the site, too), as paths under the folder.
    pub files: Vec<PathBuf>,
    /// Folders under the walked one (not the walked folder itself).
    pub dirs: Vec<PathBuf>,
    /// Links that leave the site, link loops, named pipes and devices, unreadable entries.
    pub problems: Vec<Diagnostic>,
}

impl Boundary {
    /// The boundary of the site at `root` (which must exist).
    pub fn new(root: &Path) -> Result<Boundary, Diagnostic> {
        let root = std::fs::canonicalize(root).map_err(|e| {
            Diagnostic::error(
                root,
                Pos::START,
                format!("cannot open the site folder: {e}"),
                "an existing folder (is --root right?)",
            )
        })?;
        Ok(Boundary { root })
    }

    /// The site root, resolved.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Checks that `path`, resolved through every link on the way, is inside the site and not in
    /// a system folder; returns where it really is. A path that does not exist passes (reading it
    /// reports that).
    pub fn check(&self, path: &Path) -> Result<PathBuf, Diagnostic> {
        let real = match std::fs::canonicalize(path) {
            Ok(p) => p,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(path.to_path_buf()),
            Err(e) => return Err(io_error(path, &e)),
        };
        let system = SYSTEM
            .iter()
            .find(|s| real.starts_with(s) && !self.root.starts_with(s));
        if let Some(system) = system {
            return Err(outside(
                path,
                &real,
                &format!("leads into the system folder `{system}`"),
            ));
        }
        if !real.starts_with(&self.root) {
            return Err(outside(path, &real, "leads outside the site"));
        }
        Ok(real)
    }

    /// Every file and folder under `dir`, in file-name order. `skip(name, is_folder)` leaves an
    /// entry out (and, for a folder, everything under it) before anything about it is checked.
    pub fn walk(&self, dir: &Path, skip: &dyn Fn(&str, bool) -> bool) -> Walked {
        let mut walked = Walked::default();
        match self.check(dir) {
            Ok(real) => self.walk_into(dir, &real, skip, &mut walked),
            Err(d) => walked.problems.push(d),
        }
        walked
    }

    /// The entries of `dir` (whose resolved path is `real_dir`), recursively: `walkdir` lists
    /// them without following links; a link is checked against the boundary, and a link to a
    /// folder inside the site is walked in its turn.
    fn walk_into(
        &self,
        dir: &Path,
        real_dir: &Path,
        skip: &dyn Fn(&str, bool) -> bool,
        walked: &mut Walked,
    ) {
        let entries = walkdir::WalkDir::new(dir)
            .min_depth(1)
            .follow_links(false)
            .follow_root_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| {
                // A link's kind is its target's; stating the target reads nothing.
                let is_dir = if e.path_is_symlink() {
                    std::fs::metadata(e.path()).is_ok_and(|m| m.is_dir())
                } else {
                    e.file_type().is_dir()
                };
                !skip(&e.file_name().to_string_lossy(), is_dir)
            });
        for entry in entries {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    let path = e.path().unwrap_or(dir).to_path_buf();
                    let io = e
                        .into_io_error()
                        .unwrap_or_else(|| std::io::Error::other("cannot read"));
                    walked.problems.push(unreadable(&path, &io));
                    continue;
                }
            };
            let path = entry.path().to_path_buf();
            if !entry.path_is_symlink() {
                let kind = entry.file_type();
                if kind.is_dir() {
                    walked.dirs.push(path);
                } else if kind.is_file() {
                    walked.files.push(path);
                } else {
                    walked.problems.push(not_regular(&path, kind));
                }
                continue;
            }
            let kind = match std::fs::metadata(&path) {
                Ok(m) => m.file_type(),
                Err(e) => {
                    walked.problems.push(unreadable(&path, &e));
                    continue;
                }
            };
            let real = match self.check(&path) {
                Ok(real) => real,
                Err(d) => {
                    walked.problems.push(d);
                    continue;
                }
            };
            if kind.is_dir() {
                // A link to the folder it is in, or to one above it, leads back here (walkdir
                // followed no link on the way, so the folder's real path is `real_dir`'s).
                let here = real_dir.join(path.strip_prefix(dir).unwrap_or(&path));
                if here.parent().is_some_and(|p| p.starts_with(&real)) {
                    walked.problems.push(Diagnostic::error(
                        &path,
                        Pos::START,
                        "symbolic link loop",
                        "a regular file or folder",
                    ));
                    continue;
                }
                walked.dirs.push(path.clone());
                self.walk_into(&path, &real, skip, walked);
            } else if kind.is_file() {
                walked.files.push(path);
            } else {
                walked.problems.push(not_regular(&path, kind));
            }
        }
    }
}

/// The error for `link`, which resolves to `real`: the target as the link writes it.
fn outside(link: &Path, real: &Path, where_: &str) -> Diagnostic {
    let target = std::fs::read_link(link).unwrap_or_else(|_| real.to_path_buf());
    Diagnostic::error(
        link,
        Pos::START,
        format!(
            "symbolic link to `{}` {where_}: nothing outside the site is read",
            target.display()
        ),
        "a file inside the site folder (copy it in rather than linking to it)",
    )
}

fn unreadable(path: &Path, e: &std::io::Error) -> Diagnostic {
    let message = if e.raw_os_error() == Some(40) {
        // ELOOP: a link that leads back to itself.
        "symbolic link loop".to_string()
    } else {
        format!("cannot read: {e}")
    };
    Diagnostic::error(path, Pos::START, message, "a regular file or folder")
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    fn site() -> (tempfile::TempDir, PathBuf) {
        let d = tempfile::tempdir().unwrap();
        let root = d.path().join("site");
        std::fs::create_dir_all(root.join("static/css")).unwrap();
        std::fs::write(root.join("static/css/a.css"), "a").unwrap();
        std::fs::write(root.join("static/b.txt"), "b").unwrap();
        (d, root)
    }

    fn names(paths: &[PathBuf], root: &Path) -> Vec<String> {
        paths
            .iter()
            .map(|p| p.strip_prefix(root).unwrap().to_string_lossy().into_owned())
            .collect()
    }

    fn messages(w: &Walked, root: &Path) -> Vec<String> {
        w.problems
            .iter()
            .map(|d| d.clone().relative_to(root).to_string())
            .collect()
    }

    #[test]
    fn walks_in_name_order_and_skips_what_it_is_told() {
        let (_d, root) = site();
        std::fs::write(root.join("static/.hidden"), "h").unwrap();
        let b = Boundary::new(&root).unwrap();
        let w = b.walk(&root.join("static"), &|name, dir| {
            !dir && name.starts_with('.')
        });
        assert_eq!(names(&w.files, &root), ["static/b.txt", "static/css/a.css"]);
        assert_eq!(names(&w.dirs, &root), ["static/css"]);
        assert!(w.problems.is_empty());
    }

    #[test]
    fn links_inside_the_site_are_followed_and_links_out_refused() {
        let (d, root) = site();
        std::fs::write(d.path().join("secret.txt"), "secret").unwrap();
        std::fs::create_dir(d.path().join("outside")).unwrap();
        std::fs::write(d.path().join("outside/x.txt"), "x").unwrap();
        std::fs::create_dir(root.join("shared")).unwrap();
        std::fs::write(root.join("shared/s.txt"), "s").unwrap();
        symlink("../shared", root.join("static/in")).unwrap();
        symlink("../../secret.txt", root.join("static/secret.txt")).unwrap();
        symlink(d.path().join("outside"), root.join("static/out")).unwrap();
        symlink("/proc/self/environ", root.join("static/env.txt")).unwrap();
        symlink("/etc/passwd", root.join("static/passwd")).unwrap();
        let b = Boundary::new(&root).unwrap();
        let w = b.walk(&root.join("static"), &|_, _| false);
        assert_eq!(
            names(&w.files, &root),
            ["static/b.txt", "static/css/a.css", "static/in/s.txt"]
        );
        let m = messages(&w, &root);
        assert_eq!(m.len(), 4, "{m:?}");
        assert_eq!(
            m[0],
            "static/env.txt:1:1: error: symbolic link to `/proc/self/environ` leads into the system folder `/proc`: nothing outside the site is read — expected a file inside the site folder (copy it in rather than linking to it)"
        );
        assert!(m[1].starts_with("static/out:1:1: error: symbolic link to `/"));
        assert!(m[1].contains("` leads outside the site"), "{m:?}");
        assert!(m[2].starts_with(
            "static/passwd:1:1: error: symbolic link to `/etc/passwd` leads outside the site"
        ));
        assert!(m[3].starts_with(
            "static/secret.txt:1:1: error: symbolic link to `../../secret.txt` leads outside"
        ));
    }

    #[test]
    fn loops_pipes_and_devices_are_errors() {
        let (_d, root) = site();
        symlink("..", root.join("static/css/up")).unwrap();
        symlink("self", root.join("static/self")).unwrap();
        let fifo = root.join("static/pipe");
        assert!(
            std::process::Command::new("mkfifo")
                .arg(&fifo)
                .status()
                .unwrap()
                .success()
        );
        let b = Boundary::new(&root).unwrap();
        let w = b.walk(&root.join("static"), &|_, _| false);
        let m = messages(&w, &root);
        assert_eq!(
            m,
            [
                "static/css/up:1:1: error: symbolic link loop — expected a regular file or folder",
                "static/pipe:1:1: error: this is a named pipe (FIFO), not a regular file — expected a regular file (folio reads nothing else)",
                "static/self:1:1: error: symbolic link loop — expected a regular file or folder",
            ]
        );
    }

    #[test]
    fn a_checked_path_may_not_leave_the_site() {
        let (_d, root) = site();
        symlink("/dev/zero", root.join("zero")).unwrap();
        let b = Boundary::new(&root).unwrap();
        assert!(b.check(&root.join("static/b.txt")).is_ok());
        assert!(b.check(&root.join("missing.yaml")).is_ok());
        let e = b.check(&root.join("zero")).unwrap_err();
        assert!(e.message.contains("system folder `/dev`"), "{e}");
    }
}
