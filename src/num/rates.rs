//! The report's own exchange rates, and conversions between currencies at them.

use super::Currency;
use super::digits::{Decimal, decimal_of};

/// Exchange rates: won per unit of each currency.
#[derive(Debug, Clone, PartialEq)]
pub struct Rates {
    /// (currency, won per unit).
    pub krw_per: Vec<(Currency, f64)>,
}

impl Rates {
    /// Won per one unit of `c`.
    pub fn krw(&self, c: Currency) -> Option<f64> {
        if c == Currency::KRW {
            return Some(1.0);
        }
        self.krw_per.iter().find(|(k, _)| *k == c).map(|(_, r)| *r)
    }

    /// Converts an amount between currencies at these rates (for checks, which compare with
    /// a tolerance).
    pub fn convert(&self, amount: f64, from: Currency, to: Currency) -> Option<f64> {
        Some(amount * self.krw(from)? / self.krw(to)?)
    }

    /// Converts a stated amount between currencies at these rates, in decimal arithmetic (28
    /// significant digits): what a page prints after rounding it.
    pub fn convert_exact(&self, amount: Decimal, from: Currency, to: Currency) -> Option<Decimal> {
        let rate = |c| decimal_of(self.krw(c)?);
        amount.checked_mul(rate(from)?)?.checked_div(rate(to)?)
    }
}
