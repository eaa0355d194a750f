//! `shares`: the parts of a whole (a `share` chart's slices) against 100 %, within the
//! precision they were printed with.

use super::{emit, half_unit};
use crate::base::diag::{Diagnostic, Diagnostics};
use crate::content::table::{Cell, NumberCell, Table};
use crate::num::fixed_f64;
use crate::render::chart::kinds;

/// The share finding of one table.
pub(super) fn check(t: &Table, ds: &mut Diagnostics) {
    let Some(spec) = &t.chart else { return };
    if !kinds::find(&spec.kind).is_some_and(|k| k.whole) {
        return;
    }
    let Some((bi, _)) = spec.bars.as_deref().and_then(|b| t.column(b)) else {
        return;
    };
    let cells: Vec<&NumberCell> = t
        .rows
        .iter()
        .filter_map(|r| match &r.cells[bi] {
            Cell::Number(n) => Some(n),
            _ => None,
        })
        .collect();
    let sum: f64 = cells.iter().map(|n| n.quantity.approx()).sum();
    let tolerance: f64 = cells
        .iter()
        .map(|n| half_unit(n.quantity.decimals))
        .sum::<f64>()
        + 1e-9;
    if (sum - 100.0).abs() > tolerance {
        let d = Diagnostic::warning(
            &t.path,
            t.index.pos("rows"),
            format!(
                "[shares] the shares add up to {}%, not 100%",
                fixed_f64(sum, 1)
            ),
            format!(
                "shares summing to 100% within ±{}, the missing share as a row, or an acknowledgement",
                fixed_f64(tolerance, 2)
            ),
        );
        emit(ds, d, t.acknowledgement("shares", None));
    }
}
