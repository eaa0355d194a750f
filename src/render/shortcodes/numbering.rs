//! Figure and table numbers run through each language's whole report: a chapter starts where
//! the one before it ended. The shortcodes' [`super::Definition::numbered`] says what each use
//! takes, so the pre-scan and the expansion cannot disagree. Footnotes run through the report
//! too (`footnotes: report`, as printed reports number them) or start at 1 in every chapter
//! (`footnotes: chapter`); the pre-scan counts the footnotes each chapter's text refers to
//! ([`crate::render::markdown::footnote_count`]), and [`crate::render::all`] confirms the count
//! against the rendering.

use super::{Numbered, find};
use crate::content::Chapter;
use crate::render::markdown::shortcode;
use rayon::prelude::*;

/// The next figure and table numbers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Numbering {
    /// Next figure number.
    pub figure: usize,
    /// Next table number.
    pub table: usize,
    /// Next footnote number.
    pub footnote: usize,
}

impl Numbering {
    /// The first numbers of a report.
    pub const START: Numbering = Numbering {
        figure: 1,
        table: 1,
        footnote: 1,
    };

    /// Takes the next number of `kind`.
    pub fn take(&mut self, kind: Numbered) -> usize {
        let next = match kind {
            Numbered::Figure => &mut self.figure,
            Numbered::Table => &mut self.table,
        };
        *next += 1;
        *next - 1
    }

    /// What each chapter of `chapters` (one language, in order) numbers: its numbered
    /// shortcodes, and how many footnotes it shows.
    pub fn count(chapters: &[&Chapter]) -> Vec<(Vec<Numbered>, usize)> {
        chapters
            .par_iter()
            .map(|c| {
                let (found, _) = shortcode::scan(c.body());
                let numbered = found
                    .iter()
                    .filter_map(|sc| find(&sc.name).and_then(|d| d.numbered))
                    .collect();
                (numbered, crate::render::markdown::footnote_count(c.body()))
            })
            .collect()
    }

    /// The numbers each chapter starts from, given what each numbers ([`Numbering::count`]);
    /// footnotes through the report when `footnotes_per_report`, else from 1 in each chapter.
    pub fn plan(counts: &[(Vec<Numbered>, usize)], footnotes_per_report: bool) -> Vec<Numbering> {
        let mut next = Numbering::START;
        counts
            .iter()
            .map(|(numbered, footnotes)| {
                let start = next;
                for n in numbered {
                    next.take(*n);
                }
                next.footnote = if footnotes_per_report {
                    next.footnote + footnotes
                } else {
                    1
                };
                start
            })
            .collect()
    }
}
