//! Numeric consistency, as `folio check` reports it:
//!
//! - `growth`: a stated growth rate against the two stated values it connects (bar-line charts);
//! - `shares`: the slices of a share chart against 100 %;
//! - `derived`: every `derived` formula recomputed against the value stored with it;
//! - `conversion`: money written in prose with a converted amount in parentheses
//!   (`1,412억 위안(약 194억 5,100만 달러)`, `CNY 141.2 billion (about USD 19.45 billion)`)
//!   recomputed at the site's exchange rates.
//!
//! Tolerances follow the printed precision: a figure written to one decimal may be off by half
//! a unit of that decimal, and the uncertainty of both figures of a comparison is allowed for.
//! A finding an editor has reviewed is acknowledged next to the data (`acknowledged:` in the
//! table) or in the chapter's front matter, with a reason; it is then reported as a note and does
//! not fail `--strict`.

mod conversions;
mod derived;
mod growth;
mod shares;

pub use conversions::found as conversions_found;

use crate::base::diag::{Diagnostic, Diagnostics, Severity};
use crate::content::table::{Cell, NumberCell};
use crate::render::Book;

/// Half a unit of the last decimal printed: how far a printed figure may be from its true value.
fn half_unit(decimals: u32) -> f64 {
    0.5 * 10f64.powi(-(decimals as i32))
}

/// Reports `d`, as a note when an editor acknowledged it (with the reason).
fn emit(ds: &mut Diagnostics, mut d: Diagnostic, ack: Option<&str>) {
    if let Some(reason) = ack {
        d.severity = Severity::Note;
        d.message = format!("acknowledged ({reason}): {}", d.message);
    }
    ds.push(d);
}

/// A stated figure: a number neither derived nor a bound.
fn plain(cell: &Cell) -> Option<&NumberCell> {
    match cell {
        Cell::Number(n) if n.derived.is_none() && n.quantity.bound.is_none() => Some(n),
        _ => None,
    }
}

/// All numeric findings of the site.
pub fn check(book: &Book, ds: &mut Diagnostics) {
    for t in book.content.tables.values() {
        growth::check(t, ds);
        shares::check(t, ds);
        derived::check(t, ds);
    }
    conversions::check(book, ds);
}

#[cfg(test)]
mod tests {
    use super::half_unit;

    #[test]
    fn half_units() {
        assert_eq!(half_unit(0), 0.5);
        assert_eq!(half_unit(1), 0.05);
    }
}
