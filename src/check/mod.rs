//! Every check of the site in one place, each a function from the rendered book to findings:
//!
//! | check | finds |
//! |---|---|
//! | [`anchors`] | links to a missing `#anchor` |
//! | [`numeric`] | growth rates, shares, `derived` formulas and written conversions that do not agree with the figures |
//! | [`usage`] | tables no chapter shows |
//! | [`translation`] | chapters missing in a language, translations with other sections, footnotes or tables than their source, or made from an older version of it |
//! | [`glossary`] | proper names not in their glossary form |
//!
//! Checks of one file alone (a malformed table, a misspelt shortcode) are found where the file
//! is read ([`crate::content`]) or rendered ([`crate::render`]).
//!
//! May use: [`crate::base`], [`crate::num`], [`crate::lang`], [`crate::content`],
//! [`crate::render`].

pub mod anchors;
pub mod glossary;
pub mod numeric;
pub mod translation;
pub mod usage;

use crate::base::diag::Diagnostics;
use crate::base::timings::Timings;
use crate::render::Book;

/// Runs every check of `book`, timing each group.
pub fn all(book: &Book, timings: &mut Timings, ds: &mut Diagnostics) {
    timings.stage("anchors", || anchors::check(book, ds));
    timings.stage("numbers", || numeric::check(book, ds));
    timings.stage("usage", || {
        usage::check(book, ds);
        glossary::check(book.content, ds);
        translation::check(book, ds);
    });
}
