//! Rendering one chapter: its body through the Markdown renderer with the shortcodes'
//! [`Expander`], its findings placed at their line and column.

use super::book::{RenderedChapter, ResolvedValue};
use super::markdown::{self, Labels};
use super::shortcodes::{Expander, Numbering};
use crate::base::diag::Diagnostic;
use crate::base::source::LineIndex;
use crate::content::{Chapter, Content};
use crate::lang::Lang;

/// Renders chapter `c`, numbering its figures and tables from `start`; also returns what it
/// found wrong.
pub fn render(
    content: &Content,
    c: &Chapter,
    start: Numbering,
) -> (RenderedChapter, Vec<Diagnostic>) {
    let root = crate::base::urls::root_of(&content.config.chapter_url(&c.lang, &c.slug));
    let mut ex = Expander::new(content, c, &root, start);
    let strings = &content.strings[&c.lang];
    let labels = Labels {
        footnotes: strings.get("footnotes").to_string(),
        back_to_text: strings.get("back_to_text").to_string(),
        quoted_script: Lang::of(&c.lang).quoted_script,
        first_footnote: start.footnote,
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
