//! A data table as semantic HTML: caption, header cells with scope, unit line, notes, source.
//!
//! Every string from the YAML is escaped here — table cells are text, never Markdown or HTML.
//! Numbers go through [`crate::num::Formatter`]; estimate rows, derived values and gaps are
//! marked and explained in a legend under the table. A wide table scrolls inside its own box.

use crate::base::html::escape;
use crate::content::i18n::Strings;
use crate::content::table::{Cell, Column, ColumnKind, Item, NumberCell, Row, Table, Text};
use crate::lang::Formatter;
use crate::num::{Unit, fixed};

/// What the table is inside the page.
pub struct Frame<'a> {
    /// `tbl` or `fig` (id prefix and CSS class).
    pub kind: &'a str,
    /// Caption label and number, e.g. ("표", 3).
    pub label: (&'a str, usize),
    /// Extra HTML placed after the caption (a chart), may be empty.
    pub before_table: String,
    /// Put the table in a collapsible `<details>` with this summary.
    pub collapsible: Option<String>,
    /// HTML after the notes (download links), may be empty.
    pub after: String,
}

/// Renders `table` in `lang` inside a `<figure>`.
pub fn render(table: &Table, lang: &str, t: &Strings, frame: Frame) -> String {
    let fmt = Formatter::new(lang);
    let id = format!("{}:{}", frame.kind, table.id);
    let caption_id = format!("{id}:caption");
    let mut h = String::new();
    h.push_str(&format!(
        "<figure class=\"data {}\" id=\"{}\" aria-labelledby=\"{}\">\n",
        if frame.kind == "fig" {
            "chart"
        } else {
            "data-table"
        },
        escape(&id),
        escape(&caption_id)
    ));
    h.push_str(&format!(
        "<figcaption id=\"{}\"><span class=\"caption-label\">{} {}</span> {}</figcaption>\n",
        escape(&caption_id),
        escape(frame.label.0),
        frame.label.1,
        escape(table.title.text(lang))
    ));
    let unit = unit_line(table, lang, &fmt);
    if !unit.is_empty() {
        h.push_str(&format!(
            "<p class=\"unit\">{}: {}</p>\n",
            escape(t.get("unit")),
            escape(&unit)
        ));
    }
    h.push_str(&frame.before_table);
    let body = table_element(table, lang, &fmt, t, &caption_id);
    match &frame.collapsible {
        Some(summary) => h.push_str(&format!(
            "<details class=\"chart-data\">\n<summary data-pagefind-ignore>{}</summary>\n{body}</details>\n",
            escape(summary)
        )),
        None => h.push_str(&body),
    }
    h.push_str(&footer(table, lang, &fmt, t));
    h.push_str(&frame.after);
    h.push_str("</figure>\n");
    h
}

/// The unit line: explicit, or the distinct units of the number columns.
pub fn unit_line(table: &Table, lang: &str, fmt: &Formatter) -> String {
    if let Some(u) = &table.unit {
        return u.text(lang).to_string();
    }
    let mut labels: Vec<String> = Vec::new();
    for c in &table.columns {
        if let ColumnKind::Number(u) = &c.kind {
            let l = fmt.unit_label(u);
            if !l.is_empty() && !labels.contains(&l) {
                labels.push(l);
            }
        }
    }
    labels.join(", ")
}

fn table_element(
    table: &Table,
    lang: &str,
    fmt: &Formatter,
    t: &Strings,
    caption_id: &str,
) -> String {
    let mut h = String::new();
    h.push_str(&format!(
        "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-labelledby=\"{}\">\n<table aria-labelledby=\"{}\">\n<thead>\n<tr>",
        escape(caption_id),
        escape(caption_id)
    ));
    for c in &table.columns {
        let class = if c.align_right { " class=\"num\"" } else { "" };
        h.push_str(&format!(
            "<th scope=\"col\"{class}>{}</th>",
            escape(c.label.text(lang))
        ));
    }
    h.push_str("</tr>\n</thead>\n<tbody>\n");
    let spans = rowspans(table);
    for (ri, row) in table.rows.iter().enumerate() {
        let class = if row.estimate {
            " class=\"estimate\""
        } else {
            ""
        };
        h.push_str(&format!("<tr{class}>"));
        for (ci, (col, cell)) in table.columns.iter().zip(&row.cells).enumerate() {
            let span = spans[ri][ci];
            if span == 0 {
                continue;
            }
            let tag = if ci == 0 { "th" } else { "td" };
            let mut attrs = String::new();
            if ci == 0 {
                attrs.push_str(" scope=\"row\"");
            }
            if span > 1 {
                attrs.push_str(&format!(" rowspan=\"{span}\""));
            }
            let mut classes: Vec<&str> = Vec::new();
            if col.align_right {
                classes.push("num");
            }
            if matches!(
                cell,
                Cell::Number(NumberCell {
                    derived: Some(_),
                    ..
                })
            ) {
                classes.push("derived");
            }
            if matches!(cell, Cell::Missing)
                && matches!(col.kind, ColumnKind::Number(_) | ColumnKind::Year)
            {
                classes.push("gap");
            }
            if !classes.is_empty() {
                attrs.push_str(&format!(" class=\"{}\"", classes.join(" ")));
            }
            h.push_str(&format!(
                "<{tag}{attrs}>{}</{tag}>",
                cell_html(table, row, col, cell, lang, fmt, t)
            ));
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</tbody>\n</table>\n</div>\n");
    h
}

/// Rowspans for grouped columns: `n` starts a span of `n` rows, 0 means covered by a span above.
/// A column only merges within the spans of the grouped columns to its left.
fn rowspans(table: &Table) -> Vec<Vec<usize>> {
    let rows = &table.rows;
    let mut spans = vec![vec![1usize; table.columns.len()]; rows.len()];
    // `parent[r]`: row r continues the spans of every grouped column to the left.
    let mut parent = vec![true; rows.len()];
    for (ci, col) in table.columns.iter().enumerate() {
        if !col.group {
            parent.fill(false);
            continue;
        }
        let mut start = 0;
        for ri in 0..rows.len() {
            if ri > 0 && parent[ri] && rows[ri].cells[ci] == rows[ri - 1].cells[ci] {
                spans[ri][ci] = 0;
                spans[start][ci] += 1;
            } else {
                start = ri;
            }
        }
        for ri in 0..rows.len() {
            parent[ri] = spans[ri][ci] == 0;
        }
    }
    spans
}

fn cell_html(
    table: &Table,
    row: &Row,
    col: &Column,
    cell: &Cell,
    lang: &str,
    fmt: &Formatter,
    t: &Strings,
) -> String {
    match cell {
        Cell::Missing => match col.kind {
            ColumnKind::Number(_) | ColumnKind::Year => format!(
                "<span aria-hidden=\"true\">–</span><span class=\"visually-hidden\">{}</span>",
                escape(t.get("not_stated"))
            ),
            _ => String::new(),
        },
        Cell::Year(y) => {
            if row.estimate {
                format!("{y}<abbr title=\"{}\">E</abbr>", escape(t.get("estimate")))
            } else {
                y.to_string()
            }
        }
        Cell::Name(s) => {
            if col.kind == ColumnKind::Url {
                link(s)
            } else {
                escape(s)
            }
        }
        Cell::Text(l) => match l.get(lang) {
            Some(text) => text_html(text),
            None => String::new(),
        },
        Cell::Number(n) => {
            let unit = table.unit_of(col, n).cloned().unwrap_or(Unit::Plain);
            let own_unit =
                n.unit.is_some() && matches!(&col.kind, ColumnKind::Number(u) if *u != unit);
            let mut s = if own_unit {
                escape(&fmt.prose(n.quantity, &unit))
            } else {
                escape(&fmt.cell(n.quantity, &unit))
            };
            if n.derived.is_some() {
                s.push_str(&format!(
                    "<sup class=\"derived-mark\" title=\"{}\">†</sup>",
                    escape(t.get("derived"))
                ));
            }
            s
        }
    }
}

/// Escaped text with `http(s)://…` turned into links.
fn autolink(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find("http://").or_else(|| rest.find("https://")) {
        out.push_str(&escape(&rest[..i]));
        let url_len = rest[i..]
            .find(|c: char| c.is_whitespace() || c == ')' || c == '>' || c == '<')
            .unwrap_or(rest.len() - i);
        out.push_str(&link(&rest[i..i + url_len]));
        rest = &rest[i + url_len..];
    }
    out.push_str(&escape(rest));
    out
}

fn link(url: &str) -> String {
    if url.starts_with("https://") || url.starts_with("http://") {
        format!("<a href=\"{}\">{}</a>", escape(url), escape(url))
    } else {
        escape(url)
    }
}

fn text_html(text: &Text) -> String {
    match text {
        Text::Plain(s) => autolink(s),
        Text::List(items) => list_html(items),
    }
}

fn list_html(items: &[Item]) -> String {
    let mut h = String::from("<ul>");
    for it in items {
        // "→ result" lines of an action carry their own arrow instead of a bullet.
        h.push_str(if it.text.starts_with('→') {
            "<li class=\"result\">"
        } else {
            "<li>"
        });
        h.push_str(&autolink(&it.text));
        if !it.items.is_empty() {
            h.push_str(&list_html(&it.items));
        }
        h.push_str("</li>");
    }
    h.push_str("</ul>");
    h
}

/// Legend, derived formulas, notes and source under the table.
fn footer(table: &Table, lang: &str, fmt: &Formatter, t: &Strings) -> String {
    let mut h = String::new();
    let mut legend: Vec<String> = Vec::new();
    if table.rows.iter().any(|r| r.estimate) {
        legend.push(format!("E: {}", t.get("estimate")));
    }
    let derived: Vec<(&Row, &Column, &NumberCell)> = table
        .rows
        .iter()
        .flat_map(|r| {
            table
                .columns
                .iter()
                .zip(&r.cells)
                .filter_map(move |(c, cell)| match cell {
                    Cell::Number(n) if n.derived.is_some() => Some((r, c, n)),
                    _ => None,
                })
        })
        .collect();
    if !derived.is_empty() {
        legend.push(format!("†: {}", t.get("derived")));
    }
    let has_gap = table.rows.iter().any(|r| {
        table.columns.iter().zip(&r.cells).any(|(c, cell)| {
            matches!(cell, Cell::Missing) && matches!(c.kind, ColumnKind::Number(_))
        })
    });
    if has_gap {
        legend.push(format!("–: {}", t.get("not_stated")));
    }
    if legend.is_empty()
        && table.notes.is_empty()
        && table.editorial.is_empty()
        && table.source.is_none()
    {
        return h;
    }
    h.push_str("<div class=\"data-notes\">\n");
    if !legend.is_empty() {
        h.push_str(&format!(
            "<p class=\"legend\">{}</p>\n",
            escape(&legend.join(" · "))
        ));
    }
    if !derived.is_empty() {
        h.push_str("<ul class=\"derivations\">\n");
        for (row, col, n) in derived {
            let item = t
                .get("derived_item")
                .replace("{row}", &row_label(row, lang))
                .replace("{column}", col.label.text(lang));
            // An operand is the figure itself: a bound (`over …`) is the derived value's to say.
            let prose = |col: &Column, n: &NumberCell| {
                let q = crate::num::Quantity {
                    bound: None,
                    ..n.quantity
                };
                fmt.prose(q, table.unit_of(col, n).unwrap_or(&Unit::Plain))
            };
            let formula = n.derived.as_ref().map_or(String::new(), |f| {
                f.display(&|r| {
                    table
                        .operand(row, r)
                        .map(|(c, n)| prose(c, n))
                        .unwrap_or_default()
                })
            });
            h.push_str(&format!(
                "<li>† {}: {} = {}</li>\n",
                escape(&item),
                escape(&prose(col, n)),
                escape(&formula)
            ));
        }
        h.push_str("</ul>\n");
    }
    for n in &table.notes {
        h.push_str(&format!(
            "<p class=\"note\">{}: {}</p>\n",
            escape(t.get("note")),
            autolink(n.text(lang))
        ));
    }
    // The site's own notes, labelled and styled apart from the report's.
    for n in &table.editorial {
        h.push_str(&format!(
            "<p class=\"note editorial\"><span class=\"editorial-label\">{}:</span> {}</p>\n",
            escape(t.get("editorial_note")),
            autolink(n.text(lang))
        ));
    }
    if let Some(s) = &table.source {
        h.push_str(&format!(
            "<p class=\"source\">{}: {}</p>\n",
            escape(t.get("source")),
            escape(s.text(lang))
        ));
    }
    h.push_str("</div>\n");
    h
}

/// The text of a row's first cell, for the derivation list.
pub fn row_label(row: &Row, lang: &str) -> String {
    match row.cells.first() {
        Some(Cell::Year(y)) => {
            if row.estimate {
                format!("{y}E")
            } else {
                y.to_string()
            }
        }
        Some(Cell::Name(s)) => s.clone(),
        Some(Cell::Text(l)) => match l.get(lang) {
            Some(Text::Plain(s)) => s.clone(),
            Some(Text::List(items)) => items.first().map(|i| i.text.clone()).unwrap_or_default(),
            None => String::new(),
        },
        Some(Cell::Number(n)) => fixed(n.quantity.value, n.quantity.decimals),
        _ => row.key.clone().unwrap_or_default(),
    }
    .chars()
    .take(40)
    .collect::<String>()
    .trim()
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::source::Source;

    fn strings() -> Strings {
        let mut m = std::collections::BTreeMap::new();
        for (k, v) in [
            ("unit", "단위"),
            ("source", "자료"),
            ("note", "주"),
            ("estimate", "추정·전망치"),
            ("derived", "보고서 수치로 계산한 값"),
            ("derived_item", "{row} {column}"),
            ("not_stated", "보고서에 수치 없음"),
        ] {
            m.insert(k.to_string(), v.to_string());
        }
        Strings(m)
    }

    fn table(text: &str) -> Table {
        Table::load(
            &Source::new("t.yaml", text),
            "t",
            &["ko".into(), "en".into()],
        )
        .unwrap()
    }

    fn frame() -> Frame<'static> {
        Frame {
            kind: "tbl",
            label: ("표", 2),
            before_table: String::new(),
            collapsible: None,
            after: String::new(),
        }
    }

    #[test]
    fn numbers_estimates_derived_and_gaps() {
        let t = table(
            "title: { ko: 시장 }
source: { ko: iResearch }
columns:
  - { id: year, label: { ko: 연도 }, type: year }
  - { id: value, label: { ko: 규모 }, type: number, unit: { kind: money, currency: CNY, scale: 1e8 } }
  - { id: growth, label: { ko: 증가율 }, type: number, unit: { kind: percent } }
rows:
  - { year: 2023, value: { value: 10185, derived: \"value[2024] / 1.262\" } }
  - { year: 2024, value: 12854, growth: 26.2 }
  - { year: 2025, estimate: true, value: { value: 1200, bound: about } }
",
        );
        let h = render(&t, "ko", &strings(), frame());
        assert!(h.contains("<figcaption id=\"tbl:t:caption\"><span class=\"caption-label\">표 2</span> 시장</figcaption>"));
        assert!(h.contains("<p class=\"unit\">단위: 억 위안, %</p>"));
        assert!(h.contains("<th scope=\"col\" class=\"num\">규모</th>"));
        assert!(h.contains("<td class=\"num\">12,854</td>"));
        assert!(h.contains("<tr class=\"estimate\"><th scope=\"row\">2025<abbr title=\"추정·전망치\">E</abbr></th><td class=\"num\">약 1,200</td>"));
        assert!(h.contains("<td class=\"num derived\">10,185<sup class=\"derived-mark\""));
        // The formula's reference is written as a figure in the reader's units.
        assert!(
            h.contains("<li>† 2023 규모: 1조 185억 위안 = 1조 2,854억 위안 ÷ 1.262</li>"),
            "{h}"
        );
        assert!(h.contains("<td class=\"num gap\"><span aria-hidden=\"true\">–</span>"));
        assert!(h.contains("E: 추정·전망치 · †: 보고서 수치로 계산한 값 · –: 보고서에 수치 없음"));
        assert!(h.contains("<p class=\"source\">자료: iResearch</p>"));
    }

    #[test]
    fn grouped_columns_merge_within_their_parent() {
        let t = table(
            "title: { ko: 기업 }
columns:
  - { id: a, label: { ko: 대분류 }, type: text, group: true }
  - { id: b, label: { ko: 소분류 }, type: text, group: true }
  - { id: n, label: { ko: 기업 }, type: name }
rows:
  - { a: { ko: 가 }, b: { ko: x }, n: A }
  - { a: { ko: 가 }, b: { ko: x }, n: B }
  - { a: { ko: 가 }, b: { ko: y }, n: C }
  - { a: { ko: 나 }, b: { ko: y }, n: D }
",
        );
        assert_eq!(
            rowspans(&t),
            vec![vec![3, 2, 1], vec![0, 0, 1], vec![0, 1, 1], vec![1, 1, 1]]
        );
        let h = render(&t, "ko", &strings(), frame());
        assert!(
            h.contains(
                "<tr><th scope=\"row\" rowspan=\"3\">가</th><td rowspan=\"2\">x</td><td>A</td></tr>"
            ),
            "{h}"
        );
        assert!(h.contains("<tr><td>B</td></tr>"));
    }

    #[test]
    fn cells_are_escaped_and_lists_nest() {
        let t = table(
            "title: { ko: \"<b>T</b>\" }
columns:
  - { id: a, label: { ko: \"\\\" onmouseover=x\" }, type: text }
rows:
  - a: { ko: [\"<script>alert(1)</script>\", { text: 부모, items: [자식] }, \"https://ex.org/a\"] }
",
        );
        let h = render(&t, "ko", &strings(), frame());
        assert!(!h.contains("<script>") && !h.contains("<b>T"));
        assert!(h.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(h.contains("&quot; onmouseover=x"));
        assert!(h.contains("<li>부모<ul><li>자식</li></ul></li>"));
        assert!(h.contains("<a href=\"https://ex.org/a\">https://ex.org/a</a>"));
    }
}
