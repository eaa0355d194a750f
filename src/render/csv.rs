//! Data tables as CSV for download: UTF-8 with a byte-order mark (so spreadsheet programs read
//! Korean correctly), one header row with labels and units, numbers as plain numerals in the
//! stored scale, and columns saying which rows are estimates and which values are derived.

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
            .map(|h| quote(h))
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
                Cell::Name(s) => s.clone(),
                Cell::Text(l) => match l.get(lang) {
                    Some(Text::Plain(s)) => s.clone(),
                    Some(Text::List(items)) => {
                        let mut v = Vec::new();
                        flatten(items, &mut v);
                        v.join("; ")
                    }
                    None => String::new(),
                },
                Cell::Number(n) => {
                    if let Some(f) = &n.derived {
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
            fields.push(formulas.join("; "));
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
}
