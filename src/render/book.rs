//! What rendering makes: one [`RenderedChapter`] per chapter, the result every later stage
//! reads (the checks, the pages, the print edition, the search index, the data files and
//! serve's quick path); a [`Book`] is the loaded content with all of its chapters rendered.

use super::markdown;
use crate::content::{Chapter, Content};
use crate::lang::amounts::Amount;
use std::ops::Range;

/// A figure or table on a page, numbered through the report.
#[derive(Debug, Clone, PartialEq)]
pub struct Caption {
    /// Its anchor (`fig:china-ai-market`, `tbl:ai-parks`).
    pub id: String,
    /// Its label (`그림`, `Table`).
    pub label: String,
    /// Its number.
    pub number: usize,
    /// Its caption.
    pub caption: String,
}

/// A chart drawn on a page.
#[derive(Debug, Clone)]
pub struct DrawnChart {
    /// The table it draws.
    pub table: String,
    /// The SVG as inlined in the page.
    pub svg: String,
}

/// A figure a `value()` shortcode wrote.
#[derive(Debug, Clone)]
pub struct ResolvedValue {
    /// Where the shortcode stands in the chapter's file (byte offsets).
    pub range: Range<usize>,
    /// The amount, when the figure is money.
    pub amount: Option<Amount>,
}

/// What rendering made of one chapter.
#[derive(Debug, Clone)]
pub struct RenderedChapter {
    /// The body: HTML, headings, ids, links to check, footnote count, summary.
    pub body: markdown::Rendered,
    /// Figures and tables on the page.
    pub captions: Vec<Caption>,
    /// Tables shown, by id, in order.
    pub used_tables: Vec<String>,
    /// Charts drawn.
    pub charts: Vec<DrawnChart>,
    /// Figures written by `value()`.
    pub values: Vec<ResolvedValue>,
    /// Time spent drawing its charts.
    pub chart_time: std::time::Duration,
}

/// The loaded content with every chapter rendered: `chapters[i]` is `content.chapters[i]`.
#[derive(Clone, Copy)]
pub struct Book<'a> {
    /// The content.
    pub content: &'a Content,
    /// One per chapter of the content, in the same order.
    pub chapters: &'a [RenderedChapter],
}

impl<'a> Book<'a> {
    /// Every chapter with its rendering.
    pub fn iter(&self) -> impl Iterator<Item = (&'a Chapter, &'a RenderedChapter)> + 'a {
        self.content.chapters.iter().zip(self.chapters)
    }

    /// The chapters of one language, in order, with their renderings.
    pub fn in_language(
        &self,
        lang: &'a str,
    ) -> impl Iterator<Item = (&'a Chapter, &'a RenderedChapter)> + 'a {
        self.iter().filter(move |(c, _)| c.lang == lang)
    }
}
