//! Data tables: `content/data/<id>.yaml` loaded into a typed, validated [`Table`].
//!
//! A table keeps numbers once and labels per language. Columns are typed (year, text, name, url,
//! number with a unit); each row maps column ids to cells. A missing cell means "the report does
//! not state it" and is shown as a gap, never filled in. Every problem is reported with the line
//! and column of the offending YAML node.

use crate::diag::{Diagnostic, Diagnostics, Pos};
use crate::localized::Localized;
use crate::numbers::{Bound, Quantity, Unit, is_power_of_ten};
use crate::source::Source;
use crate::yaml::{self, Tree, YamlIndex};
use serde::Deserialize;
use std::collections::BTreeSet;
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
    /// 주 (notes) lines.
    pub notes: Vec<Localized<String>>,
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
    pub derived: Option<String>,
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

/// Chart kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChartKind {
    /// Vertical bars.
    Bar,
    /// Bars with a growth-rate line on a second axis.
    BarLine,
    /// A line.
    Line,
    /// Horizontal ranking bars.
    Hbar,
    /// Shares of a whole (donut).
    Share,
    /// Cannot be drawn; `reason` says why.
    None,
}

/// How a table is drawn.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChartSpec {
    /// The kind of chart.
    pub kind: ChartKind,
    /// Category / year column.
    #[serde(default)]
    pub x: Option<String>,
    /// Value column drawn as bars (or slices).
    #[serde(default)]
    pub bars: Option<String>,
    /// Column drawn as a line (second axis for bar-line).
    #[serde(default)]
    pub line: Option<String>,
    /// Full year range of the caption; years without data are gaps.
    #[serde(default)]
    pub years: Option<[i32; 2]>,
    /// Why a `none` chart cannot be drawn.
    #[serde(default)]
    pub reason: Option<Localized<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTable {
    title: Localized<String>,
    #[serde(default)]
    source: Option<Localized<String>>,
    #[serde(default)]
    notes: Vec<Localized<String>>,
    #[serde(default)]
    unit: Option<Localized<String>>,
    columns: Vec<RawColumn>,
    rows: Vec<Tree>,
    #[serde(default)]
    chart: Option<ChartSpec>,
    #[serde(default)]
    acknowledged: Vec<Acknowledgement>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawColumn {
    id: String,
    label: Localized<String>,
    #[serde(rename = "type")]
    kind: RawKind,
    #[serde(default)]
    unit: Option<Unit>,
    #[serde(default)]
    group: bool,
    #[serde(default)]
    align: Option<RawAlign>,
}

#[derive(Deserialize, Clone, Copy, PartialEq)]
#[serde(rename_all = "lowercase")]
enum RawKind {
    Year,
    Text,
    Name,
    Url,
    Number,
}

#[derive(Deserialize, Clone, Copy, PartialEq)]
#[serde(rename_all = "lowercase")]
enum RawAlign {
    Left,
    Right,
}

/// True for ids made of lowercase ASCII letters, digits, `-` and `_`, starting with a letter or
/// digit: safe as a file name, a URL segment and an HTML id.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
        && !id.starts_with(['-', '_'])
}

impl Table {
    /// Loads and validates `content/data/<id>.yaml`. `languages` are the site's language codes.
    pub fn load(src: &Source, id: &str, languages: &[String]) -> Result<Table, Diagnostics> {
        let mut ds = Diagnostics::new();
        let raw: RawTable = match yaml::parse_file(src) {
            Ok(r) => r,
            Err(d) => {
                ds.push(d);
                return Err(ds);
            }
        };
        let index = YamlIndex::build(&src.text, 1);
        let mut loader = Loader {
            path: &src.path,
            index: &index,
            languages,
            ds: &mut ds,
        };
        loader.check_localized(&raw.title, "title");
        if let Some(s) = &raw.source {
            loader.check_localized(s, "source");
        }
        for (i, n) in raw.notes.iter().enumerate() {
            loader.check_localized(n, &format!("notes[{i}]"));
        }
        if let Some(u) = &raw.unit {
            loader.check_localized(u, "unit");
        }
        let columns = loader.columns(&raw.columns);
        if loader.ds.error_count() > 0 {
            // Rows and chart would only repeat the column problem.
            return Err(ds);
        }
        let rows: Vec<Row> = raw
            .rows
            .iter()
            .enumerate()
            .filter_map(|(i, r)| loader.row(i, r, &columns))
            .collect();
        loader.unique_keys(&rows);
        if let Some(spec) = &raw.chart {
            loader.chart(spec, &columns);
        }
        for (i, a) in raw.acknowledged.iter().enumerate() {
            if !["growth", "shares", "derived", "conversion"].contains(&a.check.as_str()) {
                loader.err(
                    &format!("acknowledged[{i}].check"),
                    format!("unknown check `{}`", a.check),
                    "`growth`, `shares`, `derived` or `conversion`",
                );
            }
            if a.reason.trim().is_empty() {
                loader.err(
                    &format!("acknowledged[{i}]"),
                    "an acknowledgement without a reason",
                    "`reason:` saying why the figures stay as they are",
                );
            }
            if let Some(k) = &a.row
                && !rows.iter().any(|r| r.key.as_deref() == Some(k.as_str()))
            {
                loader.err(
                    &format!("acknowledged[{i}].row"),
                    format!("no row `{k}` to acknowledge"),
                    "the key of a row of this table",
                );
            }
        }
        if !ds.is_empty() {
            return Err(ds);
        }
        Ok(Table {
            id: id.to_string(),
            path: src.path.clone(),
            title: raw.title,
            source: raw.source,
            notes: raw.notes,
            unit: raw.unit,
            columns,
            rows,
            chart: raw.chart,
            index,
            acknowledged: raw.acknowledged,
        })
    }

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

struct Loader<'a> {
    path: &'a std::path::Path,
    index: &'a YamlIndex,
    languages: &'a [String],
    ds: &'a mut Diagnostics,
}

impl Loader<'_> {
    fn err(&mut self, yaml_path: &str, message: impl Into<String>, expected: impl Into<String>) {
        let pos = self.index.pos(yaml_path);
        self.err_at(pos, message, expected);
    }

    fn err_at(&mut self, pos: Pos, message: impl Into<String>, expected: impl Into<String>) {
        self.ds
            .push(Diagnostic::error(self.path, pos, message, expected));
    }

    fn lang_list(&self) -> String {
        self.languages
            .iter()
            .map(|l| format!("`{l}`"))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// A localized value must use known languages and have the default (first) one.
    fn check_localized<T>(&mut self, l: &Localized<T>, yaml_path: &str) {
        for unknown in l.unknown(self.languages) {
            let pos = self.index.key_pos(&format!("{yaml_path}.{unknown}"));
            let langs = self.lang_list();
            self.err_at(
                pos,
                format!("unknown language `{unknown}`"),
                format!("one of the site's languages {langs}"),
            );
        }
        if let Some(default) = self.languages.first()
            && l.get(default).is_none()
        {
            self.err(
                yaml_path,
                format!("missing the `{default}` text"),
                format!("a `{default}:` entry (the site's default language)"),
            );
        }
    }

    fn columns(&mut self, raw: &[RawColumn]) -> Vec<Column> {
        let mut seen = BTreeSet::new();
        let mut out = Vec::new();
        for (i, c) in raw.iter().enumerate() {
            let p = format!("columns[{i}]");
            if !is_valid_id(&c.id) {
                self.err(
                    &format!("{p}.id"),
                    format!("invalid column id `{}`", c.id),
                    "lowercase ASCII letters, digits, `-` or `_`",
                );
            } else if ["key", "estimate"].contains(&c.id.as_str()) {
                self.err(
                    &format!("{p}.id"),
                    format!("`{}` is reserved for row settings", c.id),
                    "another column id",
                );
            } else if !seen.insert(c.id.clone()) {
                self.err(
                    &format!("{p}.id"),
                    format!("duplicate column id `{}`", c.id),
                    "each column id once",
                );
            }
            self.check_localized(&c.label, &format!("{p}.label"));
            let kind = match (c.kind, &c.unit) {
                (RawKind::Number, Some(u)) => {
                    self.check_unit(u, &format!("{p}.unit"));
                    ColumnKind::Number(u.clone())
                }
                (RawKind::Number, None) => {
                    self.err(
                        &p,
                        format!("number column `{}` has no unit", c.id),
                        "`unit: { kind: money|percent|count|plain, … }`",
                    );
                    ColumnKind::Number(Unit::Plain)
                }
                (_, Some(_)) => {
                    self.err(
                        &format!("{p}.unit"),
                        format!("column `{}` is not a number column but has a unit", c.id),
                        "`type: number` or no `unit`",
                    );
                    ColumnKind::Text
                }
                (RawKind::Year, None) => ColumnKind::Year,
                (RawKind::Text, None) => ColumnKind::Text,
                (RawKind::Name, None) => ColumnKind::Name,
                (RawKind::Url, None) => ColumnKind::Url,
            };
            let numeric = matches!(kind, ColumnKind::Number(_));
            out.push(Column {
                id: c.id.clone(),
                label: c.label.clone(),
                align_right: match c.align {
                    Some(a) => a == RawAlign::Right,
                    None => numeric,
                },
                kind,
                group: c.group,
            });
        }
        out
    }

    fn check_unit(&mut self, u: &Unit, yaml_path: &str) {
        let scale = u.scale();
        if !is_power_of_ten(scale) {
            self.err(
                &format!("{yaml_path}.scale"),
                format!("scale {scale} is not a power of ten"),
                "1, 1e4 (만), 1e8 (억) or another power of ten",
            );
        }
        if let Unit::Count { noun, .. } = u {
            self.check_localized(noun, &format!("{yaml_path}.noun"));
        }
    }

    fn row(&mut self, i: usize, tree: &Tree, columns: &[Column]) -> Option<Row> {
        let p = format!("rows[{i}]");
        let Tree::Map(entries) = tree else {
            self.err(
                &p,
                format!("row {} is {}", i + 1, tree.kind()),
                "a mapping `column: value`",
            );
            return None;
        };
        let mut row = Row {
            key: None,
            estimate: false,
            cells: vec![Cell::Missing; columns.len()],
            yaml_path: p.clone(),
        };
        for (k, v) in entries {
            let vp = format!("{p}.{k}");
            match k.as_str() {
                "key" => match v {
                    Tree::String(s) if is_valid_id(s) => row.key = Some(s.clone()),
                    _ => self.err(
                        &vp,
                        "invalid row key",
                        "lowercase ASCII letters, digits, `-` or `_`",
                    ),
                },
                "estimate" => match v {
                    Tree::Bool(b) => row.estimate = *b,
                    _ => self.err(
                        &vp,
                        format!("`estimate` is {}", v.kind()),
                        "`true` or `false`",
                    ),
                },
                _ => match columns.iter().position(|c| &c.id == k) {
                    Some(ci) => row.cells[ci] = self.cell(&vp, v, &columns[ci]),
                    None => {
                        let pos = self.index.key_pos(&vp);
                        let ids: Vec<String> =
                            columns.iter().map(|c| format!("`{}`", c.id)).collect();
                        self.err_at(
                            pos,
                            format!("unknown column `{k}` in row {}", i + 1),
                            format!("one of {}, `key`, `estimate`", ids.join(", ")),
                        );
                    }
                },
            }
        }
        let first_written = columns
            .first()
            .is_some_and(|f| entries.iter().any(|(k, _)| k == &f.id));
        if let (Some(Cell::Missing), Some(first), false) =
            (row.cells.first(), columns.first(), first_written)
        {
            self.err(
                &p,
                format!("row {} has no `{}`", i + 1, first.id),
                format!(
                    "a value for `{}` (the first column labels the row)",
                    first.id
                ),
            );
        }
        if row.key.is_none() {
            row.key = match row.cells.first() {
                Some(Cell::Year(y)) => Some(y.to_string()),
                Some(Cell::Name(n)) => Some(n.clone()),
                _ => None,
            };
        }
        Some(row)
    }

    fn cell(&mut self, p: &str, v: &Tree, col: &Column) -> Cell {
        match (&col.kind, v) {
            (_, Tree::Null) => Cell::Missing,
            (ColumnKind::Year, Tree::Number(n))
                if n.fract() == 0.0 && (1000.0..=9999.0).contains(n) =>
            {
                Cell::Year(*n as i32)
            }
            (ColumnKind::Year, _) => {
                self.err(
                    p,
                    format!("`{}` is not a year", self.literal(p, v)),
                    "a four-digit year such as 2024",
                );
                Cell::Missing
            }
            (ColumnKind::Name | ColumnKind::Url, Tree::String(s)) => Cell::Name(s.clone()),
            (ColumnKind::Name | ColumnKind::Url, _) => {
                self.err(
                    p,
                    format!("a name cell is {}", v.kind()),
                    "a string (quote numbers: \"2025\")",
                );
                Cell::Missing
            }
            (ColumnKind::Text, Tree::Map(entries)) => {
                let mut texts = Localized::default();
                for (lang, t) in entries {
                    let lp = format!("{p}.{lang}");
                    if let Some(text) = self.text(&lp, t) {
                        texts.0.insert(lang.clone(), text);
                    }
                }
                self.check_localized(&texts, p);
                Cell::Text(texts)
            }
            (ColumnKind::Text, _) => {
                let first = self.languages.first().map(String::as_str).unwrap_or("ko");
                self.err(
                    p,
                    format!("a text cell is {}", v.kind()),
                    format!("text per language, e.g. `{{ {first}: … }}` (use `type: name` for language-neutral text)"),
                );
                Cell::Missing
            }
            (ColumnKind::Number(_), _) => match self.number(p, v) {
                Some(n) => Cell::Number(n),
                None => Cell::Missing,
            },
        }
    }

    /// The literal text of a scalar node, for messages.
    fn literal(&self, p: &str, v: &Tree) -> String {
        match self.index.node(p).and_then(|n| n.scalar.clone()) {
            Some(s) => s,
            None => v.kind().to_string(),
        }
    }

    fn text(&mut self, p: &str, t: &Tree) -> Option<Text> {
        match t {
            Tree::String(s) => Some(Text::Plain(s.clone())),
            Tree::Seq(items) => {
                let items = items
                    .iter()
                    .enumerate()
                    .filter_map(|(i, it)| self.item(&format!("{p}[{i}]"), it))
                    .collect();
                Some(Text::List(items))
            }
            other => {
                self.err(
                    p,
                    format!("cell text is {}", other.kind()),
                    "a string or a list of bullets",
                );
                None
            }
        }
    }

    fn item(&mut self, p: &str, t: &Tree) -> Option<Item> {
        match t {
            Tree::String(s) => Some(Item {
                text: s.clone(),
                items: vec![],
            }),
            Tree::Number(_) | Tree::Bool(_) => Some(Item {
                text: self.literal(p, t),
                items: vec![],
            }),
            Tree::Map(entries) => {
                let mut item = Item {
                    text: String::new(),
                    items: vec![],
                };
                for (k, v) in entries {
                    let kp = format!("{p}.{k}");
                    match (k.as_str(), v) {
                        ("text", Tree::String(s)) => item.text = s.clone(),
                        ("items", Tree::Seq(sub)) => {
                            item.items = sub
                                .iter()
                                .enumerate()
                                .filter_map(|(i, it)| self.item(&format!("{kp}[{i}]"), it))
                                .collect()
                        }
                        _ => {
                            let pos = self.index.key_pos(&kp);
                            self.err_at(
                                pos,
                                format!("unexpected `{k}` in a bullet"),
                                "`text: …` and optional `items: [ … ]`",
                            );
                        }
                    }
                }
                Some(item)
            }
            other => {
                self.err(
                    p,
                    format!("a bullet is {}", other.kind()),
                    "a string or `{ text: …, items: [ … ] }`",
                );
                None
            }
        }
    }

    fn number(&mut self, p: &str, v: &Tree) -> Option<NumberCell> {
        match v {
            Tree::Number(_) | Tree::String(_) => {
                let q = self.quantity(p, v)?;
                Some(NumberCell {
                    quantity: q,
                    derived: None,
                    unit: None,
                })
            }
            Tree::Map(entries) => {
                let mut cell = NumberCell {
                    quantity: Quantity::new(f64::NAN, 0),
                    derived: None,
                    unit: None,
                };
                let mut has_value = false;
                let mut bound = None;
                for (k, val) in entries {
                    let kp = format!("{p}.{k}");
                    match k.as_str() {
                        "value" => {
                            if let Some(q) = self.quantity(&kp, val) {
                                cell.quantity = q;
                                has_value = true;
                            }
                        }
                        "derived" => match val {
                            Tree::String(f) if !f.trim().is_empty() => {
                                cell.derived = Some(f.clone())
                            }
                            _ => self.err(
                                &kp,
                                "`derived` is not a formula",
                                "the formula as a string, e.g. \"2697 / 1.262\"",
                            ),
                        },
                        "bound" => {
                            bound = match val {
                                Tree::String(s) => match s.as_str() {
                                    "over" => Some(Bound::Over),
                                    "about" => Some(Bound::About),
                                    "nearly" => Some(Bound::Nearly),
                                    "plus" => Some(Bound::Plus),
                                    _ => None,
                                },
                                _ => None,
                            };
                            if bound.is_none() {
                                self.err(
                                    &kp,
                                    format!("unknown bound `{}`", self.literal(&kp, val)),
                                    "`over`, `about`, `nearly` or `plus`",
                                );
                            }
                        }
                        "unit" => match yaml::from_tree::<Unit>(val) {
                            Ok(u) => {
                                self.check_unit(&u, &kp);
                                cell.unit = Some(u);
                            }
                            Err(e) => self.err(
                                &kp,
                                format!("invalid unit: {e}"),
                                "`{ kind: money|percent|count|plain, … }`",
                            ),
                        },
                        _ => {
                            let pos = self.index.key_pos(&kp);
                            self.err_at(
                                pos,
                                format!("unexpected `{k}` in a number cell"),
                                "`value`, and optionally `derived`, `bound`, `unit`",
                            );
                        }
                    }
                }
                if !has_value {
                    self.err(p, "a number cell has no `value`", "`value: <number>`");
                    return None;
                }
                cell.quantity.bound = bound;
                Some(cell)
            }
            other => {
                self.err(
                    p,
                    format!("a number cell is {}", other.kind()),
                    "a number, or `{ value: …, derived: …, bound: … }`",
                );
                None
            }
        }
    }

    /// A number with the decimals it was written with.
    fn quantity(&mut self, p: &str, v: &Tree) -> Option<Quantity> {
        let literal = match (v, self.index.node(p).and_then(|n| n.scalar.clone())) {
            (Tree::Number(_) | Tree::String(_), Some(lit)) => lit,
            (Tree::Number(n), None) => n.to_string(),
            (Tree::String(s), None) => s.clone(),
            _ => String::new(),
        };
        match Quantity::parse(&literal) {
            // A double holds about 15 significant decimals; more are not a printed figure.
            Some(q) if q.decimals > 15 => {
                self.err(
                    p,
                    format!("a number with {} decimals", q.decimals),
                    "a number as printed, with at most 15 decimals",
                );
                None
            }
            Some(q) => Some(q),
            None => {
                self.err(
                    p,
                    format!("`{literal}` is not a number"),
                    "a number as printed, e.g. 2697 or \"10.0\"",
                );
                None
            }
        }
    }

    fn unique_keys(&mut self, rows: &[Row]) {
        let mut seen = BTreeSet::new();
        for r in rows {
            if let Some(k) = &r.key
                && !seen.insert(k.clone())
            {
                self.err(
                    &r.yaml_path,
                    format!("duplicate row key `{k}`"),
                    "each row key once (set `key:` on one of them)",
                );
            }
        }
    }

    fn chart(&mut self, spec: &ChartSpec, columns: &[Column]) {
        let find = |id: &Option<String>| {
            id.as_ref()
                .map(|id| (id.clone(), columns.iter().find(|c| &c.id == id)))
        };
        let check = |this: &mut Self, field: &str, want_number: bool| {
            let id = match field {
                "x" => &spec.x,
                "bars" => &spec.bars,
                _ => &spec.line,
            };
            match find(id) {
                None => {}
                Some((id, None)) => {
                    let ids: Vec<String> = columns.iter().map(|c| format!("`{}`", c.id)).collect();
                    this.err(
                        &format!("chart.{field}"),
                        format!("chart names the missing column `{id}`"),
                        format!("one of {}", ids.join(", ")),
                    );
                }
                Some((id, Some(c))) => {
                    let numeric = matches!(c.kind, ColumnKind::Number(_));
                    if numeric != want_number {
                        let what = if want_number {
                            "a number column"
                        } else {
                            "a year, text or name column"
                        };
                        this.err(
                            &format!("chart.{field}"),
                            format!("chart.{field} `{id}` is not {what}"),
                            what,
                        );
                    }
                }
            }
        };
        check(self, "x", false);
        check(self, "bars", true);
        check(self, "line", true);
        let need = |f: &Option<String>| f.is_some();
        let missing = match spec.kind {
            ChartKind::None => {
                if spec.reason.is_none() {
                    Some("reason")
                } else {
                    None
                }
            }
            ChartKind::BarLine if !need(&spec.line) => Some("line"),
            ChartKind::Line if !need(&spec.line) => Some("line"),
            ChartKind::Bar | ChartKind::BarLine | ChartKind::Hbar | ChartKind::Share
                if !need(&spec.bars) =>
            {
                Some("bars")
            }
            _ if !need(&spec.x) => Some("x"),
            _ => None,
        };
        if let Some(field) = missing {
            self.err(
                "chart",
                format!("the chart has no `{field}`"),
                format!("`{field}:` for a `{:?}` chart", spec.kind).to_lowercase(),
            );
        }
        if let Some(r) = &spec.reason {
            self.check_localized(r, "chart.reason");
        }
        if let Some([a, b]) = spec.years {
            if a > b {
                self.err(
                    "chart.years",
                    format!("year range {a}–{b} runs backwards"),
                    "[first, last]",
                );
            } else if !(1000..=9999).contains(&a) || !(1000..=9999).contains(&b) {
                // Charts draw one slot per year of the range: an unbounded range is an
                // unbounded allocation.
                self.err(
                    "chart.years",
                    format!("year range {a}–{b} is not two four-digit years"),
                    "[first, last] with years such as 2022",
                );
            }
            let x_is_year = find(&spec.x)
                .and_then(|(_, c)| c)
                .map(|c| c.kind == ColumnKind::Year);
            if x_is_year != Some(true) {
                self.err(
                    "chart.years",
                    "`years` needs a year column as `x`",
                    "`x: <year column>`",
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(v.derived.as_deref(), Some("2697 / 1.262"));
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

    #[test]
    fn ids() {
        assert!(is_valid_id("china-ai-market"));
        assert!(!is_valid_id("../x"));
        assert!(!is_valid_id("a/b"));
        assert!(!is_valid_id("Upper"));
        assert!(!is_valid_id(""));
        assert!(!is_valid_id("-x"));
    }
}
