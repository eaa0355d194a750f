//! `{{ value(id="china-ai-market", row="2024", col="value", convert="USD") }}`: one figure of a
//! table in words, in the page's language (`2,697억 위안(약 371억 5,300만 달러)`, `CNY 269.7
//! billion (about USD 37.2 billion)`), so that the editions cannot disagree. Each figure written
//! is kept for the conversion check.

use super::{Definition, Expander, close_div};
use crate::base::html::escape;
use crate::base::suggest::quoted;
use crate::content::table::{Cell, ColumnKind};
use crate::lang::Formatter;
use crate::lang::amounts::Amount;
use crate::num::{CURRENCY_EXPECTED, Currency, Unit, shift};
use crate::render::book::ResolvedValue;
use crate::render::markdown::shortcode::Shortcode;
use crate::render::markdown::{Problem, ShortcodeKind};

pub(super) const VALUE: Definition = Definition {
    name: "value",
    kind: ShortcodeKind::Inline,
    numbered: None,
    args: &["id", "row", "col", "convert"],
    expand,
    close: close_div,
};

fn expand(ex: &mut Expander, sc: &Shortcode, _: Option<usize>) -> Result<String, Problem> {
    let id = sc.str_arg("id").ok_or_else(|| {
        Problem::new(
            "`value` has no `id`",
            "`value(id=\"<data file name>\", row=…, col=…)`",
        )
    })?;
    let table = ex.lookup(id)?;
    let row_key = sc
        .text_arg("row")
        .ok_or_else(|| Problem::new("`value` has no `row`", "`row=\"<row key or year>\"`"))?;
    let row = table.row(&row_key).ok_or_else(|| {
        Problem::new(
            format!("table `{}` has no row `{row_key}`", table.id),
            format!("one of {}", quoted(&table.row_keys())),
        )
    })?;
    let number_columns: Vec<&str> = table
        .columns
        .iter()
        .filter(|c| matches!(c.kind, ColumnKind::Number(_)))
        .map(|c| c.id.as_str())
        .collect();
    let col_id = match sc.str_arg("col") {
        Some(c) => c.to_string(),
        None if number_columns.len() == 1 => number_columns[0].to_string(),
        None => {
            return Err(Problem::new(
                "`value` has no `col`",
                format!("`col=` one of {}", quoted(&number_columns)),
            ));
        }
    };
    let (ci, col) = table.column(&col_id).ok_or_else(|| {
        Problem::new(
            format!("table `{}` has no column `{col_id}`", table.id),
            format!("one of {}", quoted(&number_columns)),
        )
    })?;
    let Cell::Number(cell) = &row.cells[ci] else {
        return Err(Problem::new(
            format!(
                "row `{row_key}`, column `{col_id}` of table `{}` holds no number",
                table.id
            ),
            "a row and column the report gives a figure for",
        ));
    };
    let unit = table.unit_of(col, cell).cloned().unwrap_or(Unit::Plain);
    let fmt = Formatter::new(ex.lang());
    let mut text = fmt.prose(cell.quantity, &unit);
    let amount = match unit {
        Unit::Money { currency, scale } => Some(Amount {
            value: cell.quantity.approx() * scale,
            precision: scale * 10f64.powi(-(cell.quantity.decimals as i32)),
            currency,
        }),
        _ => None,
    };
    if let Some(to) = sc.str_arg("convert") {
        let to = Currency::from_code(to)
            .ok_or_else(|| Problem::new(format!("unknown currency `{to}`"), CURRENCY_EXPECTED))?;
        let Unit::Money { currency: from, .. } = unit else {
            return Err(Problem::new(
                format!("column `{col_id}` is not money and cannot be converted"),
                "a money column",
            ));
        };
        let stated = shift(cell.quantity.value, unit.scale_exp()).unwrap_or(cell.quantity.value);
        let converted = ex
            .content
            .config
            .rates()
            .and_then(|r| r.convert_exact(stated, from, to))
            .ok_or_else(|| {
                Problem::new(
                    format!("no exchange rate for {} or {}", from.code(), to.code()),
                    "both in site.yaml `exchange_rates` (its `base` or one of its `rates`)",
                )
            })?;
        text = fmt
            .rules
            .with_conversion(&text, &fmt.converted(converted, to));
    }
    ex.values.push(ResolvedValue {
        range: sc.range.clone(),
        amount,
    });
    Ok(format!(
        "<span class=\"figure-value\">{}</span>",
        escape(&text)
    ))
}
