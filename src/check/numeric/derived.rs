//! `derived`: every `derived` formula recomputed against the value stored with it, to the
//! precision the value is written with. A formula that cannot be computed is an error.

use super::{emit, half_unit};
use crate::base::diag::{Diagnostic, Diagnostics};
use crate::content::table::{Cell, Table};
use crate::num::{fixed, fixed_f64};

/// Derived-value findings of one table.
pub(super) fn check(t: &Table, ds: &mut Diagnostics) {
    for row in &t.rows {
        for (col, cell) in t.columns.iter().zip(&row.cells) {
            let Cell::Number(n) = cell else { continue };
            let Some(formula) = &n.derived else { continue };
            let path = format!("{}.{}", row.yaml_path, col.id);
            let q = n.quantity;
            let d = match crate::num::formula::eval(formula) {
                // Not a finding to acknowledge: the input is malformed.
                Err(e) => {
                    ds.push(Diagnostic::error(
                        &t.path,
                        t.index.pos(&path),
                        format!("the formula `{formula}` cannot be computed: {e}"),
                        "arithmetic on stated figures: numbers, + - * / ^ and parentheses",
                    ));
                    continue;
                }
                Ok(v) if (v - q.approx()).abs() > half_unit(q.decimals) + 1e-9 => {
                    Some(Diagnostic::warning(
                        &t.path,
                        t.index.pos(&path),
                        format!(
                            "[derived] the value {} does not match its formula `{formula}` = {}",
                            fixed(q.value, q.decimals),
                            fixed_f64(v, q.decimals + 2)
                        ),
                        format!(
                            "{} (the formula's result at the printed precision)",
                            fixed_f64(v, q.decimals)
                        ),
                    ))
                }
                Ok(_) => None,
            };
            if let Some(d) = d {
                emit(ds, d, t.acknowledgement("derived", row.key.as_deref()));
            }
        }
    }
}
