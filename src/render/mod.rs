//! Rendering chapters: each chapter's Markdown ([`markdown`]) with its shortcodes
//! ([`shortcodes`]: tables, charts, figures, values, boxes) becomes one [`RenderedChapter`];
//! tables as HTML ([`table_html`]), charts as SVG ([`chart`]), both as download files
//! ([`data_files`], [`csv`]).
//!
//! May use: [`crate::base`], [`crate::num`], [`crate::lang`], [`crate::content`].

pub mod book;
pub mod chapter;
pub mod chart;
pub mod csv;
pub mod data_files;
pub mod markdown;
pub mod shortcodes;
pub mod slug;
pub mod table_html;

pub use book::{Book, Caption, RenderedChapter};

use crate::base::diag::Diagnostic;
use crate::content::Content;
use rayon::prelude::*;
use shortcodes::Numbering;
use std::collections::HashMap;

/// Where each chapter's numbering starts, by (language, slug): numbering runs through each
/// language's whole report.
pub fn numbering(content: &Content) -> HashMap<(String, String), Numbering> {
    let mut starts = HashMap::new();
    for lang in content.config.codes() {
        let chapters: Vec<_> = content.chapters_in(&lang).collect();
        for (c, n) in chapters
            .iter()
            .zip(Numbering::plan(chapters.iter().copied()))
        {
            starts.insert((c.lang.clone(), c.slug.clone()), n);
        }
    }
    starts
}

/// Renders every chapter in parallel, in the order of `content.chapters`, with what each found.
pub fn all(
    content: &Content,
    starts: &HashMap<(String, String), Numbering>,
) -> Vec<(RenderedChapter, Vec<Diagnostic>)> {
    content
        .chapters
        .par_iter()
        .map(|c| chapter::render(content, c, starts[&(c.lang.clone(), c.slug.clone())]))
        .collect()
}
