//! Data tables as CSV for download: UTF-8 with a byte-order mark (so spreadsheet programs read
//! Korean correctly), one header row with labels and units, numbers as plain numerals in the
//! stored scale, and columns saying which rows are estimates and which values are derived.
//!
//! Text is never taken for a formula: a text field (a label, a name, a text cell, a formula
//! note) that starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`
//! (OWASP's advice against CSV injection), so `=HYPERLINK(…)` in a cell is shown, not run.
//! Number cells are written as numbers (`-3` stays `-3`).

use crate::content::i18n::Strings;
use crate::content::table::{Cell, ColumnKind, Item, Table, Text};
use crate::lang::Formatter;
use crate::num::fixed;

fn quote(field: &str) -> String {
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

/// A text field as a spreadsheet shows it, never as a formula.
fn text(field: &str) -> String {
    if field.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{field}")
    } else {
        field.to_string()
    }
}

fn flatten(items: &[Item], out: &mut Vec<String>) {
    for i in items {
        out.push(i.text.clone());
        flatten(&i.items, out);
    }
}

/// The CSV of `table` in `lang`.
pub fn csv(table: &Table, lang: &str, t: &Strings) -> String {
    let fmt = Formatter::new(lang);
    let mut header: Vec<String> = table
        .columns
        .iter()
        .map(|c| match &c.kind {
            // Numbers are written in the stored scale, so the header names that scale.
            ColumnKind::Number(u) => {
                let unit = fmt.stored_unit_label(u);
                if unit.is_empty() {
                    c.label.text(lang).to_string()
                } else {
                    format!("{} ({unit})", c.label.text(lang))
                }
            }
            _ => c.label.text(lang).to_string(),
        })
        .collect();
    let any_estimate = table.rows.iter().any(|r| r.estimate);
    let any_derived = table.rows.iter().any(|r| {
        r.cells
            .iter()
            .any(|c| matches!(c, Cell::Number(n) if n.derived.is_some()))
    });
    if any_estimate {
        header.push(t.get("estimate").to_string());
    }
    if any_derived {
        header.push(t.get("derived").to_string());
    }
    let mut out = String::from("\u{feff}");
    out.push_str(
        &header
            .iter()
            .map(|h| quote(&text(h)))
            .collect::<Vec<_>>()
            .join(","),
    );
    out.push_str("\r\n");
    for row in &table.rows {
        let mut fields: Vec<String> = Vec::new();
        let mut formulas: Vec<String> = Vec::new();
        for (col, cell) in table.columns.iter().zip(&row.cells) {
            fields.push(match cell {
                Cell::Missing => String::new(),
                Cell::Year(y) => y.to_string(),
                Cell::Name(s) => text(s),
                Cell::Text(l) => match l.get(lang) {
                    Some(Text::Plain(s)) => text(s),
                    Some(Text::List(items)) => {
                        let mut v = Vec::new();
                        flatten(items, &mut v);
                        text(&v.join("; "))
                    }
                    None => String::new(),
                },
                Cell::Number(n) => {
                    if let Some(f) = &n.derived {
                        // In the file's own (stored) scale, like every figure of the file.
                        let f = f.resolved(&|r| {
                            table.operand(row, r).map_or(String::new(), |(_, n)| {
                                fixed(n.quantity.value, n.quantity.decimals).replace(',', "")
                            })
                        });
                        formulas.push(format!("{} = {f}", col.label.text(lang)));
                    }
                    let v = fixed(n.quantity.value, n.quantity.decimals).replace(',', "");
                    match n.quantity.bound {
                        None => v,
                        Some(_) => fmt
                            .cell(n.quantity, &crate::num::Unit::Plain)
                            .replace(',', ""),
                    }
                }
            });
        }
        if any_estimate {
            fields.push(if row.estimate {
                "E".into()
            } else {
                String::new()
            });
        }
        if any_derived {
            fields.push(text(&formulas.join("; ")));
        }
        out.push_str(
            &fields
                .iter()
                .map(|f| quote(f))
                .collect::<Vec<_>>()
                .join(","),
        );
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::source::Source;

    #[test]
    fn bom_header_units_estimates_and_formulas() {
        let t = Table::load(
            &Source::new(
                "t.yaml",
                "title: { ko: 시장, en: Market }
columns:
  - { id: year, label: { ko: 연도, en: Year }, type: year }
  - { id: value, label: { ko: 시장규모, en: Size }, type: number, unit: { kind: money, currency: CNY, scale: 1e8 } }
  - { id: note, label: { ko: \"비고, 주\", en: Note }, type: text }
rows:
  - { year: 2023, value: { value: 2137.1, derived: \"2697 / 1.262\" }, note: { ko: \"계산 \\\"값\\\"\", en: x } }
  - { year: 2025, estimate: true, value: { value: 10000, bound: over }, note: { ko: [가, 나], en: [a, b] } }
",
            ),
            "t",
            &["ko".into(), "en".into()],
        )
        .unwrap();
        let mut m = std::collections::BTreeMap::new();
        m.insert("estimate".to_string(), "추정".to_string());
        m.insert("derived".to_string(), "계산값".to_string());
        let s = csv(&t, "ko", &Strings(m));
        assert!(s.starts_with('\u{feff}'));
        let lines: Vec<&str> = s.trim_start_matches('\u{feff}').split("\r\n").collect();
        assert_eq!(lines[0], "연도,시장규모 (억 위안),\"비고, 주\",추정,계산값");
        assert_eq!(
            lines[1],
            "2023,2137.1,\"계산 \"\"값\"\"\",,시장규모 = 2697 / 1.262"
        );
        assert_eq!(lines[2], "2025,10000 돌파,가; 나,E,");
    }

    #[test]
    fn text_is_never_a_formula_and_numbers_stay_numbers() {
        let t = Table::load(
            &Source::new(
                "t.yaml",
                "title: { ko: 시장, en: Market }
columns:
  - { id: name, label: { ko: \"=이름\", en: Name }, type: name }
  - { id: value, label: { ko: 값, en: Value }, type: number, unit: { kind: plain } }
  - { id: note, label: { ko: 비고, en: Note }, type: text }
rows:
  - { name: \"=HYPERLINK(\\\"http://evil.example\\\", \\\"x\\\")\", value: -3, note: { ko: \"+1\", en: x } }
  - { name: \"@SUM(A1)\", value: 2.5, note: { ko: \"-2\", en: x } }
  - { name: \"\\tcmd\", value: 0, note: { ko: [\"\\r=1\", b], en: x } }
  - { name: 가나, value: 1, note: { ko: \"a=b\", en: x } }
",
            ),
            "t",
            &["ko".into(), "en".into()],
        )
        .unwrap();
        let s = csv(&t, "ko", &Strings::default());
        let lines: Vec<&str> = s.trim_start_matches('\u{feff}').split("\r\n").collect();
        assert_eq!(lines[0], "'=이름,값,비고");
        assert_eq!(
            lines[1],
            "\"'=HYPERLINK(\"\"http://evil.example\"\", \"\"x\"\")\",-3,'+1"
        );
        assert_eq!(lines[2], "'@SUM(A1),2.5,'-2");
        assert_eq!(lines[3], "'\tcmd,0,\"'\r=1; b\"");
        assert_eq!(lines[4], "가나,1,a=b");
    }
}
