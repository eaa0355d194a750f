//! The report's own exchange rates, and conversions between any two currencies through the
//! base currency they are given in.

use super::Currency;
use super::digits::{Decimal, to_f64};

/// Exchange rates: units of the base currency per one unit of each other currency.
#[derive(Debug, Clone, PartialEq)]
pub struct Rates {
    /// The currency the rates are given in (`KRW`).
    pub base: Currency,
    /// (currency, base units per one unit), in the order written.
    pub per: Vec<(Currency, Decimal)>,
}

impl Rates {
    /// Base units per one unit of `c` (1 for the base itself).
    pub fn rate(&self, c: Currency) -> Option<Decimal> {
        if c == self.base {
            return Some(Decimal::ONE);
        }
        self.per.iter().find(|(k, _)| *k == c).map(|(_, r)| *r)
    }

    /// Converts an amount between currencies at these rates (for checks, which compare with
    /// a tolerance).
    pub fn convert(&self, amount: f64, from: Currency, to: Currency) -> Option<f64> {
        Some(amount * to_f64(self.rate(from)?) / to_f64(self.rate(to)?))
    }

    /// Converts a stated amount between currencies at these rates, in decimal arithmetic (28
    /// significant digits): what a page prints after rounding it.
    pub fn convert_exact(&self, amount: Decimal, from: Currency, to: Currency) -> Option<Decimal> {
        amount
            .checked_mul(self.rate(from)?)?
            .checked_div(self.rate(to)?)
    }
}
