//! `growth`: a stated growth rate against the two stated values it connects — the bars of a
//! `bar-line` chart and its line of percentages — within the precision both were printed with.

use super::{emit, half_unit, plain};
use crate::base::diag::{Diagnostic, Diagnostics};
use crate::content::table::{Cell, ColumnKind, Table};
use crate::num::{Unit, fixed, fixed_f64};

/// Growth findings of one table.
pub(super) fn check(t: &Table, ds: &mut Diagnostics) {
    let Some(spec) = &t.chart else { return };
    if spec.kind != "bar-line" {
        return;
    }
    let (Some((bi, _)), Some((gi, gcol))) = (
        spec.bars.as_deref().and_then(|b| t.column(b)),
        spec.line.as_deref().and_then(|l| t.column(l)),
    ) else {
        return;
    };
    if gcol.kind != ColumnKind::Number(Unit::Percent) {
        return;
    }
    let year = |r: &crate::content::table::Row| match r.cells.first() {
        Some(Cell::Year(y)) => Some(*y),
        _ => None,
    };
    for row in &t.rows {
        let (Some(y), Some(g)) = (year(row), plain(&row.cells[gi])) else {
            continue;
        };
        let Some(cur) = plain(&row.cells[bi]) else {
            continue;
        };
        let Some(prev) = t
            .rows
            .iter()
            .find(|r| year(r) == Some(y - 1))
            .and_then(|r| plain(&r.cells[bi]))
        else {
            continue;
        };
        let (c, p) = (cur.quantity, prev.quantity);
        let (cv, pv) = (c.approx(), p.approx());
        let (dc, dp) = (half_unit(c.decimals), half_unit(p.decimals));
        if pv - dp <= 0.0 {
            continue;
        }
        let lo = ((cv - dc) / (pv + dp) - 1.0) * 100.0;
        let hi = ((cv + dc) / (pv - dp) - 1.0) * 100.0;
        let dg = half_unit(g.quantity.decimals);
        let stated = g.quantity.approx();
        if stated + dg < lo - 1e-9 || stated - dg > hi + 1e-9 {
            let computed = (cv / pv - 1.0) * 100.0;
            let col = &t.columns[gi].id;
            let d = Diagnostic::warning(
                &t.path,
                t.index.pos(&format!("{}.{col}", row.yaml_path)),
                format!(
                    "[growth] the {y} growth rate is {}%, but the values give {}% ({} in {y} against {} in {})",
                    fixed(g.quantity.value, g.quantity.decimals),
                    fixed_f64(computed, g.quantity.decimals.max(1)),
                    fixed(c.value, c.decimals),
                    fixed(p.value, p.decimals),
                    y - 1
                ),
                format!(
                    "a growth rate between {}% and {}%, or an acknowledgement",
                    fixed_f64(lo, 1),
                    fixed_f64(hi, 1)
                ),
            );
            emit(ds, d, t.acknowledgement("growth", row.key.as_deref()));
        }
    }
}
