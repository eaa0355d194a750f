//! Source files: reading them safely (UTF-8, size limit) and turning byte offsets into
//! line and column numbers for diagnostics.

use crate::base::diag::{Diagnostic, Pos};
use std::path::{Path, PathBuf};

/// Largest content file folio reads. A report chapter is a few tens of kilobytes; anything far
/// larger is a mistake (a dump pasted in, a binary saved with the wrong name).
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// A text file read into memory.
#[derive(Debug, Clone)]
pub struct Source {
    /// Path as given (relative to the site root in diagnostics).
    pub path: PathBuf,
    /// The whole text.
    pub text: String,
}

impl Source {
    /// A source from a string (tests, in-memory builds).
    pub fn new(path: impl Into<PathBuf>, text: impl Into<String>) -> Self {
        Source {
            path: path.into(),
            text: text.into(),
        }
    }

    /// Reads a UTF-8 text file, refusing anything but a regular file (a named pipe would block,
    /// a device never end), files over [`MAX_FILE_BYTES`] (at most that much is ever read, even
    /// from a file whose size the system misstates) and invalid UTF-8, with an error that points
    /// at the first bad byte.
    pub fn read(path: &Path) -> Result<Source, Diagnostic> {
        let bytes = read_regular(path, MAX_FILE_BYTES, "a text file")?;
        Self::from_bytes(path, bytes)
    }

    /// Checks `bytes` as UTF-8 text; strips a leading byte-order mark.
    pub fn from_bytes(path: &Path, bytes: Vec<u8>) -> Result<Source, Diagnostic> {
        match String::from_utf8(bytes) {
            Ok(mut text) => {
                if text.starts_with('\u{feff}') {
                    text.drain(..3);
                }
                Ok(Source::new(path, text))
            }
            Err(e) => {
                let bytes = e.as_bytes();
                let at = e.utf8_error().valid_up_to();
                // The valid prefix tells us the line and column of the first bad byte.
                let prefix = std::str::from_utf8(&bytes[..at]).unwrap_or("");
                let pos = LineIndex::new(prefix).pos(prefix.len());
                Err(Diagnostic::error(
                    path,
                    pos,
                    format!("invalid UTF-8 (byte 0x{:02X})", bytes[at]),
                    "UTF-8 text (save the file as UTF-8)",
                ))
            }
        }
    }
}

/// The error for a file that cannot be read at all.
pub fn io_error(path: &Path, e: &std::io::Error) -> Diagnostic {
    Diagnostic::error(
        path,
        Pos::START,
        format!("cannot read file: {e}"),
        "a readable file",
    )
}

/// What a file that is not a regular file or a folder is, for messages (`a named pipe (FIFO)`).
pub fn kind_of(ft: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if ft.is_socket() {
            return "a socket";
        }
        if ft.is_block_device() || ft.is_char_device() {
            return "a device";
        }
    }
    if ft.is_dir() {
        "a folder"
    } else if ft.is_symlink() {
        "a symbolic link"
    } else {
        "not a regular file"
    }
}

/// The error for a path that is not a regular file (a folder, a named pipe, a device).
pub fn not_regular(path: &Path, ft: std::fs::FileType) -> Diagnostic {
    Diagnostic::error(
        path,
        Pos::START,
        format!("this is {}, not a regular file", kind_of(ft)),
        "a regular file (folio reads nothing else)",
    )
}

/// The bytes of the regular file at `path`, at most `limit` of them: anything else (a folder,
/// a named pipe, a device) is refused before it is opened, and a file larger than `limit` is an
/// error (`what` names the kind of file in it: "a text file"). Reading stops after `limit + 1`
/// bytes whatever size the system states (files of `/proc` state 0).
pub fn read_regular(path: &Path, limit: u64, what: &str) -> Result<Vec<u8>, Diagnostic> {
    use std::io::Read;
    let too_large = |size: String| {
        Diagnostic::error(
            path,
            Pos::START,
            format!("file is too large ({size})"),
            format!("{what} of at most {} MB", limit / 1024 / 1024),
        )
    };
    let meta = std::fs::metadata(path).map_err(|e| io_error(path, &e))?;
    if !meta.is_file() {
        return Err(not_regular(path, meta.file_type()));
    }
    if meta.len() > limit {
        return Err(too_large(format!("{:.1} MB", meta.len() as f64 / 1e6)));
    }
    let file = std::fs::File::open(path).map_err(|e| io_error(path, &e))?;
    // Replaced between the check and the opening: what was opened is checked again.
    let opened = file.metadata().map_err(|e| io_error(path, &e))?;
    if !opened.is_file() {
        return Err(not_regular(path, opened.file_type()));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| io_error(path, &e))?;
    if bytes.len() as u64 > limit {
        return Err(too_large(format!("more than {:.1} MB", limit as f64 / 1e6)));
    }
    Ok(bytes)
}

/// Byte offset → line/column lookup for one text.
#[derive(Debug, Clone)]
pub struct LineIndex<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    /// Indexes the line starts of `text`.
    pub fn new(text: &'a str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { text, line_starts }
    }

    /// The 1-based line and character column of byte `offset` (clamped to the text).
    pub fn pos(&self, offset: usize) -> Pos {
        let offset = offset.min(self.text.len());
        let line = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.line_starts[line];
        let mut end = offset;
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        let col = self.text[start..end].chars().count() + 1;
        Pos::new(line + 1, col)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters_not_bytes() {
        let idx = LineIndex::new("가나\n다라마 x\n");
        assert_eq!(idx.pos(0), Pos::new(1, 1));
        assert_eq!(idx.pos(3), Pos::new(1, 2));
        assert_eq!(idx.pos(7), Pos::new(2, 1));
        assert_eq!(idx.pos("가나\n다라마 ".len()), Pos::new(2, 5));
    }

    #[test]
    fn invalid_utf8_points_at_the_bad_byte() {
        let bytes = b"title: ok\nab\xFFcd\n".to_vec();
        let e = Source::from_bytes(Path::new("x.md"), bytes).unwrap_err();
        assert_eq!(e.pos, Pos::new(2, 3));
        assert_eq!(e.message, "invalid UTF-8 (byte 0xFF)");
    }

    #[cfg(unix)]
    #[test]
    fn only_regular_files_are_read_and_never_past_the_limit() {
        // A device would never end, a folder is not text.
        let e = Source::read(Path::new("/dev/zero")).unwrap_err();
        assert_eq!(e.message, "this is a device, not a regular file");
        let d = tempfile::tempdir().unwrap();
        let e = Source::read(d.path()).unwrap_err();
        assert_eq!(e.message, "this is a folder, not a regular file");
        // A named pipe nobody writes to would block the open for ever.
        let fifo = d.path().join("site.yaml");
        assert!(
            std::process::Command::new("mkfifo")
                .arg(&fifo)
                .status()
                .unwrap()
                .success()
        );
        let e = Source::read(&fifo).unwrap_err();
        assert_eq!(e.message, "this is a named pipe (FIFO), not a regular file");
        // `/proc` files state a size of 0: the read itself stops at the limit.
        let e = read_regular(Path::new("/proc/self/status"), 16, "a text file").unwrap_err();
        assert_eq!(e.message, "file is too large (more than 0.0 MB)");
        let ok = read_regular(Path::new("/proc/self/status"), 1 << 20, "a text file").unwrap();
        assert!(ok.starts_with(b"Name:"));
    }

    #[test]
    fn byte_order_mark_is_dropped() {
        let s = Source::from_bytes(Path::new("x"), "\u{feff}hi".as_bytes().to_vec()).unwrap();
        assert_eq!(s.text, "hi");
    }
}
