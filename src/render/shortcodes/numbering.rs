//! Figure and table numbers run through each language's whole report: a chapter starts where
//! the one before it ended. The shortcodes' [`super::Definition::numbered`] says what each use
//! takes, so the pre-scan and the expansion cannot disagree.

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
}

impl Numbering {
    /// The first numbers of a report.
    pub const START: Numbering = Numbering {
        figure: 1,
        table: 1,
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

    /// The numbers each chapter of `chapters` (one language, in order) starts from.
    pub fn plan<'a>(chapters: impl Iterator<Item = &'a Chapter>) -> Vec<Numbering> {
        let chapters: Vec<&Chapter> = chapters.collect();
        // Count each chapter's numbered shortcodes in parallel, then number through them in order.
        let counts: Vec<Vec<Numbered>> = chapters
            .par_iter()
            .map(|c| {
                let (found, _) = shortcode::scan(c.body());
                found
                    .iter()
                    .filter_map(|sc| find(&sc.name).and_then(|d| d.numbered))
                    .collect()
            })
            .collect();
        let mut next = Numbering::START;
        counts
            .into_iter()
            .map(|numbered| {
                let start = next;
                for n in numbered {
                    next.take(n);
                }
                start
            })
            .collect()
    }
}
