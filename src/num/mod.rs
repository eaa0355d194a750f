//! Figures as stored: a [`Quantity`] (its value and printed precision) in a [`Unit`], the
//! report's exchange [`Rates`], `derived` formulas, and the digit formatting every language
//! builds on. No language's rules live here ([`crate::lang`] has them).
//!
//! May use: [`crate::base`].

mod digits;
pub mod formula;
mod quantity;
mod rates;
mod unit;

pub use digits::{
    Decimal, MAX_DECIMALS, decimal_of, fixed, fixed_f64, group_thousands, power_of_ten, round,
    shift, strip_zeros, to_f64,
};
pub use quantity::{Bound, NotAFigure, Quantity};
pub use rates::Rates;
pub use unit::{CURRENCY_EXPECTED, Currency, Unit, is_power_of_ten};
