//! Reading a table file: the YAML parsed, its columns, rows and acknowledgements checked, every
//! problem reported at the line and column of its node.

use super::{Acknowledgement, Cell, ChartSpec, Column, ColumnKind, NumberCell, Row, Table};
use crate::base::diag::{Diagnostic, Diagnostics, Pos};
use crate::base::localized::Localized;
use crate::base::source::Source;
use crate::content::is_valid_id;
use crate::content::yaml::{self, Tree, YamlIndex};
use crate::num::{Unit, is_power_of_ten};
use serde::Deserialize;
use std::collections::BTreeSet;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTable {
    title: Localized<String>,
    #[serde(default)]
    source: Option<Localized<String>>,
    #[serde(default)]
    notes: Vec<Localized<String>>,
    #[serde(default)]
    editorial: Vec<Localized<String>>,
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
        for (i, n) in raw.editorial.iter().enumerate() {
            loader.check_localized(n, &format!("editorial[{i}]"));
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
        let table = Table {
            id: id.to_string(),
            path: src.path.clone(),
            title: raw.title,
            source: raw.source,
            notes: raw.notes,
            editorial: raw.editorial,
            unit: raw.unit,
            columns,
            rows,
            chart: raw.chart,
            index,
            acknowledged: raw.acknowledged,
        };
        table.check_formulas(&mut ds);
        if ds.is_empty() { Ok(table) } else { Err(ds) }
    }

    /// Every reference of every `derived` formula names a stated figure of this table.
    fn check_formulas(&self, ds: &mut Diagnostics) {
        for row in &self.rows {
            for (col, cell) in self.columns.iter().zip(&row.cells) {
                let Cell::Number(NumberCell {
                    derived: Some(f), ..
                }) = cell
                else {
                    continue;
                };
                for r in f.refs() {
                    if let Err(e) = self.operand(row, r) {
                        ds.push(Diagnostic::error(
                            &self.path,
                            self.index
                                .pos(&format!("{}.{}.derived", row.yaml_path, col.id)),
                            format!("in the formula `{}`: {e}", f.source()),
                            super::cells::FORMULA_SYNTAX,
                        ));
                    }
                }
            }
        }
    }
}

pub(super) struct Loader<'a> {
    pub(super) path: &'a std::path::Path,
    pub(super) index: &'a YamlIndex,
    pub(super) languages: &'a [String],
    pub(super) ds: &'a mut Diagnostics,
}

impl Loader<'_> {
    pub(super) fn err(
        &mut self,
        yaml_path: &str,
        message: impl Into<String>,
        expected: impl Into<String>,
    ) {
        let pos = self.index.pos(yaml_path);
        self.err_at(pos, message, expected);
    }

    pub(super) fn err_at(
        &mut self,
        pos: Pos,
        message: impl Into<String>,
        expected: impl Into<String>,
    ) {
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
    pub(super) fn check_localized<T>(&mut self, l: &Localized<T>, yaml_path: &str) {
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

    pub(super) fn check_unit(&mut self, u: &Unit, yaml_path: &str) {
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
                // A name per language is keyed by its default-language form.
                Some(Cell::Text(l))
                    if columns.first().is_some_and(|c| c.kind == ColumnKind::Name) =>
                {
                    match l.get(self.languages.first().map_or("", String::as_str)) {
                        Some(super::Text::Plain(s)) => Some(s.clone()),
                        _ => None,
                    }
                }
                _ => None,
            };
        }
        Some(row)
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
}
