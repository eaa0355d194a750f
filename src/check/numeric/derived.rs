//! `derived`: every `derived` formula recomputed against the value stored with it, to the
//! precision the value is written with; a derived value written more precisely than the stated
//! figures of its column; a literal in a formula that is one of the table's own figures (it
//! would be shown in the table's scale, not the reader's: write the reference).

use super::{emit, half_unit, plain};
use crate::base::diag::{Diagnostic, Diagnostics};
use crate::content::table::{Cell, Row, Table};
use crate::num::formula::Formula;
use crate::num::{fixed, fixed_f64};

/// Derived-value findings of one table.
pub(super) fn check(t: &Table, ds: &mut Diagnostics) {
    for row in &t.rows {
        for (ci, (col, cell)) in t.columns.iter().zip(&row.cells).enumerate() {
            let Cell::Number(n) = cell else { continue };
            let Some(formula) = &n.derived else { continue };
            let path = format!("{}.{}", row.yaml_path, col.id);
            let q = n.quantity;
            let mut findings = Vec::new();
            // References were resolved when the table was loaded.
            let value_of = |r: &_| t.operand(row, r).ok().map(|(_, n)| n.quantity.approx());
            match formula.eval(&value_of) {
                Err(e) => ds.push(Diagnostic::error(
                    &t.path,
                    t.index.pos(&path),
                    format!("the formula `{}` cannot be computed: {e}", formula.source()),
                    "arithmetic on stated figures",
                )),
                Ok(v) if (v - q.approx()).abs() > half_unit(q.decimals) + 1e-9 => {
                    findings.push((
                        format!(
                            "[derived] the value {} does not match its formula `{}` = {}",
                            fixed(q.value, q.decimals),
                            formula.source(),
                            fixed_f64(v, q.decimals + 2)
                        ),
                        format!(
                            "{} (the formula's result at the printed precision)",
                            fixed_f64(v, q.decimals)
                        ),
                    ));
                }
                Ok(_) => {}
            }
            if let Some(stated) = stated_decimals(t, ci)
                && q.decimals > stated
            {
                findings.push((
                    format!(
                        "[derived] the value {} has {} decimal(s); the figures it stands beside have {stated}",
                        fixed(q.value, q.decimals),
                        q.decimals,
                    ),
                    "a derived value with the precision of the stated figures of its column"
                        .to_string(),
                ));
            }
            if let Some((literal, reference)) = own_figure_as_literal(t, row, formula) {
                findings.push((
                    format!(
                        "[derived] `{literal}` in `{}` is this table's `{reference}`, and would be shown in the table's scale",
                        formula.source()
                    ),
                    format!("`{reference}` in the formula, shown in each edition's units"),
                ));
            }
            for (message, expected) in findings {
                let d = Diagnostic::warning(&t.path, t.index.pos(&path), message, expected);
                emit(ds, d, t.acknowledgement("derived", row.key.as_deref()));
            }
        }
    }
}

/// The most decimals among the stated (not derived) figures of column `ci`, if it has any.
fn stated_decimals(t: &Table, ci: usize) -> Option<u32> {
    t.rows
        .iter()
        .filter_map(|r| plain(&r.cells[ci]))
        .map(|n| n.quantity.decimals)
        .max()
}

/// A literal of `formula` (in `row`) that equals a stated figure of the table in a scaled unit
/// (`억 위안`, `만 개사`), with the reference that should replace it: the figure's own row is
/// preferred, and named by its column alone.
fn own_figure_as_literal(t: &Table, row: &Row, formula: &Formula) -> Option<(String, String)> {
    let scaled = |r: &Row, ci: usize| match &r.cells[ci] {
        Cell::Number(n) if plain(&r.cells[ci]).is_some() => t
            .unit_of(&t.columns[ci], n)
            .is_some_and(|u| u.scale_exp() != 0)
            .then_some(n.quantity.value),
        _ => None,
    };
    let rows = std::iter::once(row).chain(t.rows.iter().filter(|r| !std::ptr::eq(*r, row)));
    let figures: Vec<(&Row, usize, crate::num::Decimal)> = rows
        .flat_map(|r| (0..t.columns.len()).filter_map(move |ci| Some((r, ci, scaled(r, ci)?))))
        .collect();
    formula.literals().find_map(|literal| {
        let written: crate::num::Decimal = literal.replace(',', "").parse().ok()?;
        let (r, ci, _) = figures.iter().find(|(_, _, v)| *v == written)?;
        let id = &t.columns[*ci].id;
        let reference = if std::ptr::eq(*r, row) {
            id.clone()
        } else {
            format!("{id}[{}]", r.key.clone().unwrap_or_default())
        };
        Some((literal.to_string(), reference))
    })
}
