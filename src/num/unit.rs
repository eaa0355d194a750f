//! What a stored number measures: money in a currency and a scale, a percentage, a count of
//! things with its noun, or a bare number.

use crate::base::localized::Localized;
use serde::Deserialize;

/// A currency with its rate in won. Declaration order is display order (the report lists the
/// dollar rate first).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, PartialOrd, Ord)]
pub enum Currency {
    /// US dollar.
    USD,
    /// Chinese yuan.
    CNY,
    /// Korean won.
    KRW,
}

impl Currency {
    /// The currency with ISO 4217 code `code`, if folio knows it.
    pub fn from_code(code: &str) -> Option<Currency> {
        [Currency::USD, Currency::CNY, Currency::KRW]
            .into_iter()
            .find(|c| c.code() == code)
    }

    /// The ISO 4217 code.
    pub fn code(self) -> &'static str {
        match self {
            Currency::USD => "USD",
            Currency::CNY => "CNY",
            Currency::KRW => "KRW",
        }
    }
}

/// What a number measures.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase", deny_unknown_fields)]
pub enum Unit {
    /// An amount of money; `scale` is the size of one unit of the value (1e8 = 억).
    Money {
        /// The currency.
        currency: Currency,
        /// Power of ten the stored value is counted in.
        #[serde(default = "one")]
        scale: f64,
    },
    /// A percentage (the value is already ×100).
    Percent,
    /// A count of things, with the noun per language (`개사` / `companies`).
    Count {
        /// The counted noun per language.
        noun: Localized<String>,
        /// Power of ten the stored value is counted in (1e4 = 만).
        #[serde(default = "one")]
        scale: f64,
    },
    /// A bare number.
    Plain,
}

fn one() -> f64 {
    1.0
}

impl Unit {
    /// The exponent of [`Unit::scale`]: 8 for 1e8 (억).
    pub fn scale_exp(&self) -> i32 {
        self.scale().log10().round() as i32
    }

    /// The scale (power of ten) values of this unit are counted in.
    pub fn scale(&self) -> f64 {
        match self {
            Unit::Money { scale, .. } | Unit::Count { scale, .. } => *scale,
            Unit::Percent | Unit::Plain => 1.0,
        }
    }
}

/// True when `scale` is a positive power of ten (1, 10, …, 1e12).
pub fn is_power_of_ten(scale: f64) -> bool {
    scale >= 1.0 && {
        let l = scale.log10();
        (l - l.round()).abs() < 1e-9 && l <= 15.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn powers_of_ten() {
        assert!(is_power_of_ten(1.0));
        assert!(is_power_of_ten(1e8));
        assert!(!is_power_of_ten(2e8));
        assert!(!is_power_of_ten(0.1));
    }
}
