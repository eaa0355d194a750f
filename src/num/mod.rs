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

pub use digits::{MAX_DECIMALS, fixed, group_thousands, precision_decimals, round_to, strip_zeros};
pub use quantity::{Bound, Quantity};
pub use rates::Rates;
pub use unit::{Currency, Unit, is_power_of_ten};
