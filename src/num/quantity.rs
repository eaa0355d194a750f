//! A stated figure and how precisely, and how approximately, the report printed it.

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

/// A stated figure: the value in its unit's scale and the number of decimals it was printed with.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Quantity {
    /// The value, counted in the unit's scale.
    pub value: f64,
    /// Decimals as written in the source (`10.0` → 1).
    pub decimals: u32,
    /// Set when the report gives a threshold or an approximation.
    pub bound: Option<Bound>,
}

impl Quantity {
    /// An exact quantity.
    pub fn new(value: f64, decimals: u32) -> Self {
        Quantity {
            value,
            decimals,
            bound: None,
        }
    }

    /// Parses a number as written (`2,697`, `-3.50`), keeping its decimals.
    pub fn parse(text: &str) -> Option<Quantity> {
        let t = text.trim().replace(',', "");
        let value: f64 = t.parse().ok()?;
        if !value.is_finite() || t.contains(['e', 'E']) {
            return None;
        }
        let decimals = t.split_once('.').map_or(0, |(_, f)| f.len() as u32);
        Some(Quantity::new(value, decimals))
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
        assert_eq!(q("2,697").value, 2697.0);
        assert_eq!(q("294.16").decimals, 2);
        assert!(Quantity::parse("1e8").is_none());
        assert!(Quantity::parse("abc").is_none());
    }
}
