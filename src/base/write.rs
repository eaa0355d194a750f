//! The one way folio writes a file into the author's tree (`folio stamp` rewriting a chapter):
//! the new text goes to a temporary file in the same folder, is flushed to the disk, and only
//! then renamed over the old file. A full disk, a crash or a kill leaves the old file whole,
//! never a truncated one. (The site's output is written the same way at the scale of a folder,
//! see `site::output`.)

use std::io::Write;
use std::path::{Path, PathBuf};

/// Replaces the contents of `path` with `bytes`, atomically (see the module documentation). A
/// symbolic link is written through (its target is replaced, the link kept); the file keeps its
/// permissions.
pub fn replace_file(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    replace_file_with(path, |f| f.write_all(bytes))
}

/// [`replace_file`], the new contents written by `fill` (tests make it fail half-way).
pub fn replace_file_with(
    path: &Path,
    fill: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let target = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let dir = target
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (temp, mut file) = temporary(dir, &name)?;
    let written = (|| {
        fill(&mut file)?;
        if let Ok(old) = std::fs::metadata(&target) {
            file.set_permissions(old.permissions())?;
        }
        file.sync_all()?;
        drop(file);
        std::fs::rename(&temp, &target)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&temp);
        return written;
    }
    // The rename itself is durable once the folder is.
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// A new file `.<name>.folio-<pid>-<n>` in `dir` (hidden: no walk of the site reads it).
fn temporary(dir: &Path, name: &str) -> std::io::Result<(PathBuf, std::fs::File)> {
    let mut n = 0u32;
    loop {
        let p = dir.join(format!(".{name}.folio-{}-{n}", std::process::id()));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&p)
        {
            Ok(f) => return Ok((p, f)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && n < 1000 => n += 1,
            Err(e) => return Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn a_failed_write_leaves_the_old_file_whole() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("02-a.en.md");
        std::fs::write(&p, "the whole translation").unwrap();
        // A full disk half-way through the new text.
        let e = replace_file_with(&p, |f| {
            f.write_all(b"the new")?;
            Err(std::io::Error::other("No space left on device"))
        })
        .unwrap_err();
        assert_eq!(e.to_string(), "No space left on device");
        assert_eq!(
            std::fs::read_to_string(&p).unwrap(),
            "the whole translation"
        );
        assert_eq!(entries(d.path()), ["02-a.en.md"], "no temporary file left");
    }

    #[cfg(unix)]
    #[test]
    fn replaces_the_file_keeping_its_permissions_and_links() {
        use std::os::unix::fs::PermissionsExt;
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("a.md");
        std::fs::write(&p, "old").unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o640)).unwrap();
        replace_file(&p, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "new");
        let mode = std::fs::metadata(&p).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o640);
        std::os::unix::fs::symlink("a.md", d.path().join("link.md")).unwrap();
        replace_file(&d.path().join("link.md"), b"through").unwrap();
        assert!(
            std::fs::symlink_metadata(d.path().join("link.md"))
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "through");
        assert_eq!(entries(d.path()), ["a.md", "link.md"]);
    }
}
