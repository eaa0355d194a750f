//! The text alternative of a chart, written from its data in the page's language: every
//! stated value (so the range, the last value and the growth are all there), what is
//! estimated or derived, and the years the report gives no figure for.

use super::Slot;
use crate::content::i18n::Strings;
use crate::content::table::{Cell, ChartSpec, NumberCell, Table};
use crate::lang::Formatter;
use crate::num::Unit;

/// A slot as the description names it: a year by the UI strings `chart_year` or
/// `chart_year_estimate` (`2025년(추정)`, `2025 (estimate)`), a category by its label.
fn slot_name(s: &Slot, t: &Strings) -> String {
    match (s.year, s.estimate) {
        (Some(y), false) => t.get("chart_year").replace("{year}", &y.to_string()),
        (Some(y), true) => t
            .get("chart_year_estimate")
            .replace("{year}", &y.to_string()),
        (None, _) => s.label.clone(),
    }
}

/// Consecutive years as ranges: `2022, 2026–2028`.
pub fn year_ranges(years: &[i32]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < years.len() {
        let start = years[i];
        let mut end = start;
        while i + 1 < years.len() && years[i + 1] == end + 1 {
            i += 1;
            end = years[i];
        }
        parts.push(if end > start {
            format!("{start}–{end}")
        } else {
            start.to_string()
        });
        i += 1;
    }
    parts.join(", ")
}

fn cell_words(cell: &Cell, unit: &Unit, fmt: &Formatter, t: &Strings) -> Option<String> {
    let Cell::Number(NumberCell {
        quantity, derived, ..
    }) = cell
    else {
        return None;
    };
    let mut s = fmt.prose(*quantity, unit);
    if derived.is_some() {
        s.push_str(&format!(" ({})", t.get("derived")));
    }
    Some(s)
}

/// The `<desc>` of `table`'s chart.
pub fn describe(
    table: &Table,
    spec: &ChartSpec,
    slots: &[Slot],
    lang: &str,
    t: &Strings,
) -> String {
    let fmt = Formatter::new(lang);
    let mut sentences: Vec<String> = Vec::new();
    let x = spec
        .x
        .as_ref()
        .and_then(|id| table.column(id))
        .map(|(i, _)| i)
        .unwrap_or(0);
    for col_id in [&spec.bars, &spec.line].into_iter().flatten() {
        let Some((ci, col)) = table.column(col_id) else {
            continue;
        };
        let crate::content::table::ColumnKind::Number(unit) = &col.kind else {
            continue;
        };
        let mut items: Vec<String> = Vec::new();
        for row in &table.rows {
            let Some(words) = cell_words(
                &row.cells[ci],
                table
                    .unit_of(
                        col,
                        match &row.cells[ci] {
                            Cell::Number(n) => n,
                            _ => continue,
                        },
                    )
                    .unwrap_or(unit),
                &fmt,
                t,
            ) else {
                continue;
            };
            let name = slots
                .iter()
                .find(|s| match (&row.cells[x], s.year) {
                    (Cell::Year(y), Some(sy)) => *y == sy,
                    _ => false,
                })
                .map(|s| slot_name(s, t))
                .unwrap_or_else(|| super::x_label(&row.cells[x], row.estimate, lang).0);
            items.push(format!("{name} {words}"));
        }
        if !items.is_empty() {
            sentences.push(format!("{}: {}.", col.label.text(lang), items.join(", ")));
        }
    }
    if super::kinds::find(&spec.kind).is_some_and(|k| k.whole) {
        let total: f64 = slots
            .iter()
            .filter_map(|s| s.bar.as_ref())
            .map(|p| p.value)
            .sum();
        if total < 99.95 {
            sentences.push(format!(
                "{}: {}.",
                t.get("not_stated"),
                fmt.percent_f64(100.0 - total, 1)
            ));
        }
    }
    let gaps: Vec<i32> = slots
        .iter()
        .filter(|s| s.bar.is_none() && s.line.is_none())
        .filter_map(|s| s.year)
        .collect();
    if !gaps.is_empty() {
        sentences.push(t.get("chart_gaps").replace("{years}", &year_ranges(&gaps)));
    }
    sentences.join(" ")
}

#[cfg(test)]
mod tests {
    use super::year_ranges;

    #[test]
    fn ranges() {
        assert_eq!(year_ranges(&[2022, 2026, 2027, 2028]), "2022, 2026–2028");
        assert_eq!(year_ranges(&[2014]), "2014");
        assert_eq!(year_ranges(&[]), "");
    }
}
