//! The files a chapter's data become besides its page: the CSV of every table it shows and the
//! standalone SVG of every chart it draws, per language, at fixed paths the pages link to.

use super::book::RenderedChapter;
use crate::base::OutFile;
use crate::content::{Chapter, Content};
use rayon::prelude::*;
use std::collections::BTreeMap;

/// Where a table's CSV is written: `data/<id>.csv` in the default language, else
/// `data/<id>.<lang>.csv`.
pub fn csv_path(id: &str, lang: &str, default: &str) -> String {
    if lang == default {
        format!("data/{id}.csv")
    } else {
        format!("data/{id}.{lang}.csv")
    }
}

/// Where a chart's standalone SVG is written.
pub fn svg_path(id: &str, lang: &str) -> String {
    format!("charts/{id}.{lang}.svg")
}

/// The data files of `chapters`, rendered in parallel, sorted by path; a file shown by several
/// chapters is written once.
pub fn files<'a>(
    content: &Content,
    chapters: impl Iterator<Item = (&'a Chapter, &'a RenderedChapter)>,
) -> Vec<OutFile> {
    let default = content.config.default_language();
    let chapters: Vec<_> = chapters.collect();
    let rendered: Vec<Vec<(String, Vec<u8>)>> = chapters
        .par_iter()
        .map(|(chapter, r)| {
            let lang = chapter.lang.as_str();
            let tables = r.used_tables.iter().map(|id| {
                (
                    csv_path(id, lang, default),
                    super::csv::csv(&content.tables[id], lang, &content.strings[lang]).into_bytes(),
                )
            });
            let svgs = r.charts.iter().map(|c| {
                (
                    svg_path(&c.table, lang),
                    super::chart::standalone(&c.svg).into_bytes(),
                )
            });
            tables.chain(svgs).collect()
        })
        .collect();
    let files: BTreeMap<String, Vec<u8>> = rendered.into_iter().flatten().collect();
    files
        .into_iter()
        .map(|(path, bytes)| OutFile { path, bytes })
        .collect()
}
