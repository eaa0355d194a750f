//! A stated figure and how precisely, and how approximately, the report printed it: its digits
//! kept exactly as written ([`Decimal`]), never as a binary fraction.

use super::digits::{Decimal, MAX_DECIMALS, to_f64};
use serde::Deserialize;

/// How an approximate or threshold figure was stated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Bound {
    /// 돌파 / over: the value was exceeded.
    Over,
    /// 약, 내외 / about.
    About,
    /// 육박 / nearly.
    Nearly,
    /// …여 / … or more (`3만여 개`).
    Plus,
}

/// A stated figure: the value in its unit's scale, with the digits it was printed with.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Quantity {
    /// The value, counted in the unit's scale, exactly as written (`10.0` keeps its decimal).
    pub value: Decimal,
    /// Decimals as written in the source (`10.0` → 1).
    pub decimals: u32,
    /// Set when the report gives a threshold or an approximation.
    pub bound: Option<Bound>,
}

/// Why a text is not a figure folio can keep exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotAFigure {
    /// Not a number as printed (`lots`, `1e8`).
    NotANumber,
    /// More decimals than can be kept exactly.
    TooManyDecimals(u32),
    /// More significant digits than can be kept exactly.
    TooManyDigits(u32),
}

impl Quantity {
    /// An exact quantity.
    pub fn new(value: Decimal) -> Self {
        Quantity {
            value,
            decimals: value.scale(),
            bound: None,
        }
    }

    /// Reads a number as written (`2,697`, `-3.50`), keeping every digit and its decimals, or
    /// says why it cannot be kept exactly.
    pub fn read(text: &str) -> Result<Quantity, NotAFigure> {
        let t = text.trim().replace(',', "");
        let t = t.strip_prefix('+').unwrap_or(&t).to_string();
        let unsigned = t.strip_prefix('-').unwrap_or(&t);
        let (int, frac) = unsigned.split_once('.').unwrap_or((unsigned, ""));
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if int.is_empty() && frac.is_empty() || !all_digits(int) || !all_digits(frac) {
            return Err(NotAFigure::NotANumber);
        }
        let decimals = frac.len() as u32;
        if decimals > MAX_DECIMALS {
            return Err(NotAFigure::TooManyDecimals(decimals));
        }
        let significant = format!("{int}{frac}").trim_start_matches('0').len() as u32;
        if significant > MAX_DECIMALS {
            return Err(NotAFigure::TooManyDigits(significant));
        }
        let written = match (int.is_empty(), frac.is_empty()) {
            (true, _) => t.replacen('.', "0.", 1),
            (false, true) => t.trim_end_matches('.').to_string(),
            (false, false) => t.clone(),
        };
        let value = Decimal::from_str_exact(&written)
            .map_err(|_| NotAFigure::TooManyDigits(significant))?;
        Ok(Quantity {
            value,
            decimals,
            bound: None,
        })
    }

    /// [`Quantity::read`], when the text is a figure.
    pub fn parse(text: &str) -> Option<Quantity> {
        Quantity::read(text).ok()
    }

    /// The value as an `f64`, for drawing and for checks with a tolerance.
    pub fn approx(&self) -> f64 {
        to_f64(self.value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(text: &str) -> Quantity {
        Quantity::parse(text).unwrap()
    }

    #[test]
    fn parse_keeps_printed_decimals() {
        assert_eq!(q("10.0").decimals, 1);
        assert_eq!(q("2,697").value, Decimal::from(2697));
        assert_eq!(q("-3.50").value.to_string(), "-3.50");
        assert_eq!(q("294.16").decimals, 2);
        assert!(Quantity::parse("1e8").is_none());
        assert!(Quantity::parse("abc").is_none());
        assert!(Quantity::parse("1.2.3").is_none());
        assert!(Quantity::parse(".").is_none());
        assert_eq!(
            Quantity::read("0.00000000000000000000000000001"),
            Err(NotAFigure::TooManyDecimals(29))
        );
        assert_eq!(
            Quantity::read("12345678901234567890123456789"),
            Err(NotAFigure::TooManyDigits(29))
        );
        assert_eq!(
            q("1234567890123456789012345678").value.to_string(),
            "1234567890123456789012345678"
        );
    }
}
