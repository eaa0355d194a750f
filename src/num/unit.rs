//! What a stored number measures: money in a currency and a scale, a percentage, a count of
//! things with its noun, or a bare number.

use crate::base::localized::Localized;
use serde::Deserialize;

/// A currency: any ISO 4217 code (`USD`, `CNY`, `KRW`, `EUR`, `JPY`, `VND`…).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Currency(iso_currency::Currency);

impl Currency {
    /// The US dollar.
    pub const USD: Currency = Currency(iso_currency::Currency::USD);
    /// The Chinese yuan.
    pub const CNY: Currency = Currency(iso_currency::Currency::CNY);
    /// The Korean won.
    pub const KRW: Currency = Currency(iso_currency::Currency::KRW);

    /// The currency with ISO 4217 code `code`.
    pub fn from_code(code: &str) -> Option<Currency> {
        iso_currency::Currency::from_code(code).map(Currency)
    }

    /// The ISO 4217 code.
    pub fn code(self) -> &'static str {
        self.0.code()
    }
}

impl std::fmt::Debug for Currency {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// What an unknown currency code is told it should be.
pub const CURRENCY_EXPECTED: &str =
    "an ISO 4217 currency code such as `USD`, `EUR`, `CNY`, `JPY` or `KRW`";

impl<'de> Deserialize<'de> for Currency {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let code = String::deserialize(d)?;
        Currency::from_code(&code).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "unknown currency `{code}`, expected {CURRENCY_EXPECTED}"
            ))
        })
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
