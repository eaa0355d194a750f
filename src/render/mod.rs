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

/// Where each chapter's numbering starts, by (language, slug).
pub type Starts = HashMap<(String, String), Numbering>;

/// Where each chapter's numbering starts: numbering runs through each language's whole report
/// (footnotes too, unless the site numbers them per chapter). `footnotes`, when given, are the
/// counts the chapters' renderings showed, in place of the pre-scan's.
pub fn numbering_with(
    content: &Content,
    footnotes: Option<&HashMap<(String, String), usize>>,
) -> Starts {
    let per_report = content.config.footnotes == crate::content::config::Footnotes::Report;
    let mut starts = HashMap::new();
    for lang in content.config.codes() {
        let chapters: Vec<_> = content.chapters_in(&lang).collect();
        let mut counts = Numbering::count(&chapters);
        if let Some(shown) = footnotes {
            for (c, count) in chapters.iter().zip(&mut counts) {
                count.1 = shown[&(c.lang.clone(), c.slug.clone())];
            }
        }
        for (c, n) in chapters.iter().zip(Numbering::plan(&counts, per_report)) {
            starts.insert((c.lang.clone(), c.slug.clone()), n);
        }
    }
    starts
}

/// [`numbering_with`] the pre-scan's counts.
pub fn numbering(content: &Content) -> Starts {
    numbering_with(content, None)
}

/// Renders every chapter in parallel, in the order of `content.chapters`, with what each found.
pub fn all(content: &Content, starts: &Starts) -> Vec<(RenderedChapter, Vec<Diagnostic>)> {
    content
        .chapters
        .par_iter()
        .map(|c| chapter::render(content, c, starts[&(c.lang.clone(), c.slug.clone())]))
        .collect()
}

/// Every chapter numbered and rendered: the pre-scan's footnote counts are confirmed against
/// the renderings, and where one differs (a footnote the scan could not see, in text a
/// shortcode wrote) the report is rendered again with the numbers the renderings showed.
pub fn numbered(content: &Content) -> (Vec<(RenderedChapter, Vec<Diagnostic>)>, Starts) {
    let starts = numbering(content);
    let rendered = all(content, &starts);
    let shown: HashMap<(String, String), usize> = content
        .chapters
        .iter()
        .zip(&rendered)
        .map(|(c, (r, _))| ((c.lang.clone(), c.slug.clone()), r.body.footnote_count))
        .collect();
    let confirmed = numbering_with(content, Some(&shown));
    if confirmed == starts {
        return (rendered, starts);
    }
    (all(content, &confirmed), confirmed)
}
