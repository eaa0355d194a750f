//! One chapter rendered — [`RenderedChapter`], the result every later stage reads: the checks,
//! the pages, the print edition, the search index, the data files and serve's quick path. A
//! [`Book`] is the loaded content with all of its chapters rendered.

use super::markdown::{self, Labels};
use super::shortcodes::{Expander, Numbering};
use crate::base::diag::Diagnostic;
use crate::base::source::LineIndex;
use crate::content::{Chapter, Content};
use crate::lang::Lang;
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

/// Renders chapter `c`, numbering its figures and tables from `start`; also returns what it
/// found wrong.
pub fn render(
    content: &Content,
    c: &Chapter,
    start: Numbering,
) -> (RenderedChapter, Vec<Diagnostic>) {
    let mut ex = Expander::new(content, c, "../../", start);
    let strings = &content.strings[&c.lang];
    let labels = Labels {
        footnotes: strings.get("footnotes").to_string(),
        back_to_text: strings.get("back_to_text").to_string(),
        quoted_script: Lang::of(&c.lang).quoted_script,
    };
    let body = markdown::render(c.body(), &mut ex, &labels);
    // Built only when there is something to report: most chapters have nothing.
    let index = std::cell::OnceCell::new();
    let mut ds: Vec<Diagnostic> = body
        .findings
        .iter()
        .map(|f| {
            let pos = index
                .get_or_init(|| LineIndex::new(&c.source.text))
                .pos(c.body_offset + f.offset);
            let make = if f.error {
                Diagnostic::error
            } else {
                Diagnostic::warning
            };
            make(
                &c.source.path,
                pos,
                f.problem.message.clone(),
                f.problem.expected.clone(),
            )
        })
        .collect();
    ds.append(&mut ex.extra);
    let values = ex
        .values
        .into_iter()
        .map(|v| ResolvedValue {
            range: c.body_offset + v.range.start..c.body_offset + v.range.end,
            amount: v.amount,
        })
        .collect();
    (
        RenderedChapter {
            body,
            captions: ex.captions,
            used_tables: ex.used_tables,
            charts: ex.charts,
            values,
            chart_time: ex.chart_time,
        },
        ds,
    )
}
