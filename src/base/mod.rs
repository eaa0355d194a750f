//! Foundations every stage uses: diagnostics, source files and positions, the bounded folder
//! walk, the atomic file write, HTML escaping, text per language, suggestions for misspelt names, timings.
//!
//! May use: nothing else in folio.

pub mod diag;
pub mod html;
pub mod localized;
pub mod source;
pub mod suggest;
pub mod timings;
pub mod urls;
pub mod walk;
pub mod write;

/// One file of the site: path relative to the output root (`/`-separated) and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutFile {
    /// Relative path, e.g. `ko/market-size/index.html`.
    pub path: String,
    /// Contents.
    pub bytes: Vec<u8>,
}
