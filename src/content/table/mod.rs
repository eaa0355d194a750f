//! Data tables: `content/data/<id>.yaml` loaded into a typed, validated [`Table`].
//!
//! A table keeps numbers once and labels per language. Columns are typed (year, text, name, url,
//! number with a unit); each row maps column ids to cells. A missing cell means "the report does
//! not state it" and is shown as a gap, never filled in. Every problem is reported with the line
//! and column of the offending YAML node ([`load`] reads the file, [`cells`] its cells,
//! [`chart_spec`] its `chart:`).

mod cells;
mod chart_spec;
mod load;

pub use chart_spec::ChartSpec;

use crate::base::diag::Diagnostic;
use crate::base::localized::Localized;
use crate::base::suggest::closest;
use crate::content::yaml::YamlIndex;
use crate::num::formula::{Formula, Ref};
use crate::num::{Quantity, Unit};
use serde::Deserialize;
use std::path::PathBuf;

/// One data table.
#[derive(Debug, Clone)]
pub struct Table {
    /// File stem: the id shortcodes use.
    pub id: String,
    /// The YAML file.
    pub path: PathBuf,
    /// Caption / title per language.
    pub title: Localized<String>,
    /// The 자료 (source) line, if the report prints one.
    pub source: Option<Localized<String>>,
    /// 주 (notes) lines, as the report prints them.
    pub notes: Vec<Localized<String>>,
    /// The site's own notes (편집자 주 / Editor's note): what was lost, computed or changed.
    pub editorial: Vec<Localized<String>>,
    /// Explicit unit line; when absent it is built from the number columns.
    pub unit: Option<Localized<String>>,
    /// Columns in display order.
    pub columns: Vec<Column>,
    /// Rows in display order.
    pub rows: Vec<Row>,
    /// How to draw the table as a chart, for chart data.
    pub chart: Option<ChartSpec>,
    /// Positions of every YAML node, for later diagnostics.
    pub index: YamlIndex,
    /// Findings of `folio check` an editor has reviewed.
    pub acknowledged: Vec<Acknowledgement>,
}

/// A reviewed numeric finding on a table: `{ check: growth, row: "2024", reason: "…" }`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Acknowledgement {
    /// Which check: `growth`, `shares` or `derived`.
    pub check: String,
    /// The row concerned (its key), when the finding is about one row.
    #[serde(default)]
    pub row: Option<String>,
    /// Why the figures stay as they are.
    pub reason: String,
}

/// A column.
#[derive(Debug, Clone)]
pub struct Column {
    /// Id used by rows, charts and `value()`.
    pub id: String,
    /// Header label per language.
    pub label: Localized<String>,
    /// What the cells hold.
    pub kind: ColumnKind,
    /// Merge consecutive equal cells (rowspan).
    pub group: bool,
    /// Right-align (numbers) or left-align.
    pub align_right: bool,
}

/// The type of a column's cells.
#[derive(Debug, Clone, PartialEq)]
pub enum ColumnKind {
    /// A year; rows may be estimates.
    Year,
    /// Text per language, possibly a list.
    Text,
    /// Language-neutral text (names, codes).
    Name,
    /// A link.
    Url,
    /// A number in a unit.
    Number(Unit),
}

/// A row.
#[derive(Debug, Clone)]
pub struct Row {
    /// Key for `value(row=…)`: explicit `key`, else the year or name of the first column.
    pub key: Option<String>,
    /// An estimate or forecast (shown as `2025E`).
    pub estimate: bool,
    /// One cell per column, in column order.
    pub cells: Vec<Cell>,
    /// Path of the row in the YAML (`rows[3]`).
    pub yaml_path: String,
}

/// A cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Not stated by the report.
    Missing,
    /// A year.
    Year(i32),
    /// Language-neutral text.
    Name(String),
    /// Text per language.
    Text(Localized<Text>),
    /// A figure.
    Number(NumberCell),
}

/// A numeric cell.
#[derive(Debug, Clone, PartialEq)]
pub struct NumberCell {
    /// The value as printed.
    pub quantity: Quantity,
    /// The formula, when the value was computed from stated figures.
    pub derived: Option<Formula>,
    /// A unit overriding the column's.
    pub unit: Option<Unit>,
}

/// Cell text: a string or a (nested) list.
#[derive(Debug, Clone, PartialEq)]
pub enum Text {
    /// One paragraph.
    Plain(String),
    /// Bullets.
    List(Vec<Item>),
}

/// One bullet, with optional sub-bullets.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// The bullet's text.
    pub text: String,
    /// Nested bullets.
    pub items: Vec<Item>,
}

impl Table {
    /// The reason given for acknowledging `check` on the row `row` (or the whole table).
    pub fn acknowledgement(&self, check: &str, row: Option<&str>) -> Option<&str> {
        self.acknowledged
            .iter()
            .find(|a| a.check == check && (a.row.is_none() || a.row.as_deref() == row))
            .map(|a| a.reason.as_str())
    }

    /// The column with `id`.
    pub fn column(&self, id: &str) -> Option<(usize, &Column)> {
        self.columns.iter().enumerate().find(|(_, c)| c.id == id)
    }

    /// The row whose key is `key`.
    pub fn row(&self, key: &str) -> Option<&Row> {
        self.rows.iter().find(|r| r.key.as_deref() == Some(key))
    }

    /// The cell a reference of a `derived` formula in `row` stands for: a stated figure (not
    /// itself derived) of a number column, in the row the reference names or in `row`.
    pub fn operand<'a>(
        &'a self,
        row: &'a Row,
        r: &Ref,
    ) -> Result<(&'a Column, &'a NumberCell), String> {
        let Some((ci, col)) = self.column(&r.column) else {
            return Err(format!(
                "no column `{}`{}",
                r.column,
                closest(&r.column, self.columns.iter().map(|c| &c.id))
            ));
        };
        let row = match &r.row {
            Some(key) => self.row(key).ok_or_else(|| {
                format!(
                    "no row `{key}`{}",
                    closest(key, self.rows.iter().filter_map(|r| r.key.as_ref()))
                )
            })?,
            None => row,
        };
        match &row.cells[ci] {
            Cell::Number(n) if n.derived.is_some() => Err(format!(
                "`{}` is itself derived: refer to the figures it comes from",
                r_text(r)
            )),
            Cell::Number(n) => Ok((col, n)),
            _ => Err(format!("`{}` holds no figure", r_text(r))),
        }
    }

    /// Keys of all rows, for "expected one of" messages.
    pub fn row_keys(&self) -> Vec<&str> {
        self.rows.iter().filter_map(|r| r.key.as_deref()).collect()
    }

    /// Everything this table needs in `lang` that is not written: one diagnostic per gap.
    pub fn missing_language(&self, lang: &str) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        let mut need = |present: bool, path: &str, what: &str| {
            if !present {
                out.push(Diagnostic::error(
                    &self.path,
                    self.index.pos(path),
                    format!("{what} has no `{lang}` text"),
                    format!("a `{lang}:` entry"),
                ));
            }
        };
        need(self.title.get(lang).is_some(), "title", "the title");
        if let Some(s) = &self.source {
            need(s.get(lang).is_some(), "source", "the source");
        }
        for (i, n) in self.notes.iter().enumerate() {
            need(n.get(lang).is_some(), &format!("notes[{i}]"), "a note");
        }
        for (i, n) in self.editorial.iter().enumerate() {
            need(
                n.get(lang).is_some(),
                &format!("editorial[{i}]"),
                "an editorial note",
            );
        }
        if let Some(u) = &self.unit {
            need(u.get(lang).is_some(), "unit", "the unit line");
        }
        if let Some(r) = self.chart.as_ref().and_then(|c| c.reason.as_ref()) {
            need(r.get(lang).is_some(), "chart.reason", "the chart's reason");
        }
        for (ci, c) in self.columns.iter().enumerate() {
            need(
                c.label.get(lang).is_some(),
                &format!("columns[{ci}].label"),
                &format!("the label of column `{}`", c.id),
            );
            if let ColumnKind::Number(Unit::Count { noun, .. }) = &c.kind {
                need(
                    noun.get(lang).is_some(),
                    &format!("columns[{ci}].unit.noun"),
                    &format!("the noun of column `{}`", c.id),
                );
            }
        }
        for row in &self.rows {
            for (c, cell) in self.columns.iter().zip(&row.cells) {
                let path = format!("{}.{}", row.yaml_path, c.id);
                match cell {
                    Cell::Text(t) => need(t.get(lang).is_some(), &path, "a text cell"),
                    Cell::Number(NumberCell {
                        unit: Some(Unit::Count { noun, .. }),
                        ..
                    }) => need(noun.get(lang).is_some(), &path, "a cell's unit noun"),
                    _ => {}
                }
            }
        }
        out
    }

    /// The unit of the cell at (`row`, `col`): the cell's own or the column's.
    pub fn unit_of<'a>(&'a self, col: &'a Column, cell: &'a NumberCell) -> Option<&'a Unit> {
        cell.unit.as_ref().or(match &col.kind {
            ColumnKind::Number(u) => Some(u),
            _ => None,
        })
    }
}

/// A reference as written in a formula.
fn r_text(r: &Ref) -> String {
    match &r.row {
        Some(row) => format!("{}[{row}]", r.column),
        None => r.column.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::source::Source;
    use crate::num::Bound;

    fn langs() -> Vec<String> {
        vec!["ko".into(), "en".into()]
    }

    fn load(text: &str) -> Result<Table, Vec<String>> {
        Table::load(&Source::new("data/t.yaml", text), "t", &langs())
            .map_err(|ds| ds.sorted().into_iter().map(|d| d.to_string()).collect())
    }

    const GOOD: &str = "title: { ko: 시장 }
columns:
  - { id: year, label: { ko: 연도 }, type: year }
  - id: value
    label: { ko: 규모 }
    type: number
    unit: { kind: money, currency: CNY, scale: 1e8 }
  - { id: growth, label: { ko: 증가율 }, type: number, unit: { kind: percent } }
rows:
  - { year: 2023, value: { value: 2137.1, derived: \"2697 / 1.262\" } }
  - { year: 2024, value: 2697, growth: \"10.0\" }
  - { year: 2029, estimate: true, value: { value: 10000, bound: over } }
chart: { kind: bar-line, x: year, bars: value, line: growth, years: [2022, 2029] }
";

    #[test]
    fn loads_typed_cells_with_printed_precision() {
        let t = load(GOOD).unwrap();
        assert_eq!(t.rows.len(), 3);
        assert_eq!(t.rows[1].key.as_deref(), Some("2024"));
        let Cell::Number(g) = &t.rows[1].cells[2] else {
            panic!()
        };
        assert_eq!(g.quantity.decimals, 1);
        let Cell::Number(v) = &t.rows[0].cells[1] else {
            panic!()
        };
        assert_eq!(v.derived.as_ref().map(|f| f.source()), Some("2697 / 1.262"));
        assert_eq!(t.rows[0].cells[2], Cell::Missing);
        assert!(t.rows[2].estimate);
        let Cell::Number(b) = &t.rows[2].cells[1] else {
            panic!()
        };
        assert_eq!(b.quantity.bound, Some(Bound::Over));
    }

    #[test]
    fn unknown_column_in_a_row_points_at_the_key() {
        let bad = GOOD.replace("growth: \"10.0\"", "growht: \"10.0\"");
        let errs = load(&bad).unwrap_err();
        assert_eq!(errs.len(), 1);
        assert!(
            errs[0].starts_with("data/t.yaml:11:32: error: unknown column `growht` in row 2 — expected one of `year`, `value`, `growth`"),
            "{}",
            errs[0]
        );
    }

    #[test]
    fn chart_naming_a_missing_column_is_an_error() {
        let bad = GOOD.replace("line: growth", "line: rate");
        let errs = load(&bad).unwrap_err();
        assert_eq!(errs.len(), 1);
        assert!(
            errs[0].contains("chart names the missing column `rate`"),
            "{}",
            errs[0]
        );
        assert!(errs[0].starts_with("data/t.yaml:13:"), "{}", errs[0]);
    }

    #[test]
    fn bad_cells_are_all_reported() {
        let bad = GOOD
            .replace("year: 2023", "year: soon")
            .replace("value: 2697,", "value: lots,")
            .replace("bound: over", "bound: above");
        let errs = load(&bad).unwrap_err();
        assert_eq!(errs.len(), 3, "{errs:#?}");
        assert!(errs[0].contains("`soon` is not a year"));
        assert!(errs[1].contains("`lots` is not a number"));
        assert!(errs[2].contains("unknown bound `above`"));
    }

    #[test]
    fn text_cells_need_the_default_language_and_known_codes() {
        let t = "title: { ko: 표 }
columns:
  - { id: name, label: { ko: 이름 }, type: text }
rows:
  - { name: { en: Only English } }
  - { name: { ko: 가, fr: Non } }
";
        let errs = load(t).unwrap_err();
        assert_eq!(errs.len(), 2, "{errs:#?}");
        assert!(
            errs[0].contains(":5:") && errs[0].contains("missing the `ko` text"),
            "{}",
            errs[0]
        );
        assert!(
            errs[1].contains(":6:") && errs[1].contains("unknown language `fr`"),
            "{}",
            errs[1]
        );
    }

    #[test]
    fn missing_language_lists_every_gap() {
        let t = load(GOOD).unwrap();
        let gaps: Vec<String> = t
            .missing_language("en")
            .into_iter()
            .map(|d| d.message)
            .collect();
        assert_eq!(
            gaps,
            [
                "the title has no `en` text",
                "the label of column `year` has no `en` text",
                "the label of column `value` has no `en` text",
                "the label of column `growth` has no `en` text"
            ]
        );
        assert!(t.missing_language("ko").is_empty());
    }

    #[test]
    fn duplicate_keys_and_unknown_fields() {
        let bad = GOOD.replace("year: 2029", "year: 2024");
        assert!(load(&bad).unwrap_err()[0].contains("duplicate row key `2024`"));
        let bad = GOOD.replace("title:", "titel:");
        let errs = load(&bad).unwrap_err();
        assert!(
            errs[0].starts_with("data/t.yaml:1:1: error: unknown field `titel`"),
            "{}",
            errs[0]
        );
    }
}
