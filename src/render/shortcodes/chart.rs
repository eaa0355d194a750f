//! `{{ chart(id="china-ai-market") }}`: a table's chart drawn as SVG (numbered 그림 N /
//! Figure N), its data in a collapsible table below, CSV and SVG downloads. A table whose chart
//! cannot be drawn (`kind: none`) says why instead.

use super::{Definition, Expander, Numbered, close_div};
use crate::base::html::escape;
use crate::render::book::{Caption, DrawnChart};
use crate::render::chart;
use crate::render::markdown::shortcode::Shortcode;
use crate::render::markdown::{Problem, ShortcodeKind};
use crate::render::table_html::{self, Frame};

pub(super) const CHART: Definition = Definition {
    name: "chart",
    kind: ShortcodeKind::Block,
    numbered: Some(Numbered::Figure),
    args: &["id"],
    expand,
    close: close_div,
};

fn expand(ex: &mut Expander, sc: &Shortcode, number: Option<usize>) -> Result<String, Problem> {
    let table = ex.show(sc)?;
    let Some(spec) = &table.chart else {
        return Err(Problem::new(
            format!("table `{}` has no `chart:` block", table.id),
            format!(
                "`{{{{ table(id=\"{}\") }}}}`, or a `chart:` block in its YAML",
                table.id
            ),
        ));
    };
    let n = number.unwrap_or_default();
    let t = ex.strings;
    let lang = ex.chapter.lang.as_str();
    let id = format!("fig:{}", table.id);
    ex.captions.push(Caption {
        id: id.clone(),
        label: t.get("figure").into(),
        number: n,
        caption: table.title.text(lang).into(),
    });
    let started = std::time::Instant::now();
    let drawn = chart::render(table, lang, t, &id);
    ex.chart_time += started.elapsed();
    let (before, collapsible) = match (&drawn, &spec.reason) {
        (Some(r), _) => (
            format!(
                "<div class=\"chart-canvas\" data-pagefind-ignore>\n{}</div>\n",
                r.svg
            ),
            Some(t.get("data_table").to_string()),
        ),
        (None, reason) => (
            format!(
                "<p class=\"chart-unavailable\"><strong>{}</strong> {}</p>\n",
                escape(t.get("chart_unavailable")),
                escape(reason.as_ref().map(|r| r.text(lang)).unwrap_or(""))
            ),
            None,
        ),
    };
    let has_svg = drawn.is_some();
    if let Some(r) = drawn {
        ex.charts.push(DrawnChart {
            table: table.id.clone(),
            svg: r.svg,
        });
    }
    let after = ex.downloads(table, has_svg);
    Ok(table_html::render(
        table,
        lang,
        t,
        Frame {
            kind: "fig",
            label: (t.get("figure"), n),
            before_table: before,
            collapsible,
            after,
        },
    ))
}
