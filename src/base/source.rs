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

    /// Reads a UTF-8 text file, refusing files over [`MAX_FILE_BYTES`] and invalid UTF-8 with an
    /// error that points at the first bad byte.
    pub fn read(path: &Path) -> Result<Source, Diagnostic> {
        let meta = std::fs::metadata(path).map_err(|e| io_error(path, &e))?;
        if meta.len() > MAX_FILE_BYTES {
            return Err(Diagnostic::error(
                path,
                Pos::START,
                format!("file is too large ({:.1} MB)", meta.len() as f64 / 1e6),
                format!("a text file of at most {} MB", MAX_FILE_BYTES / 1024 / 1024),
            ));
        }
        let bytes = std::fs::read(path).map_err(|e| io_error(path, &e))?;
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

    #[test]
    fn byte_order_mark_is_dropped() {
        let s = Source::from_bytes(Path::new("x"), "\u{feff}hi".as_bytes().to_vec()).unwrap();
        assert_eq!(s.text, "hi");
    }
}
