//! How a language writes large numbers in words: myriad units (Korean `371억 5,300만`) or a
//! short scale (English `37.153 billion`). Each notation is data ([`Myriad`], [`ShortScale`]) and
//! the functions that write with it; a language picks one in its [`super::Lang`].
//!
//! Amounts are exact decimals in base units, and a precision is the exponent of the last digit
//! to show (8 for 억, 6 for 100만). A stated figure is written with every digit its author
//! wrote; only a computed one (a conversion) is first rounded to its precision.

use crate::num::{Decimal, fixed, group_thousands, power_of_ten, round, shift, strip_zeros};

/// Myriad units: the number is cut into groups of four digits, each named (`조`, `억`, `만`).
#[derive(Debug)]
pub struct Myriad {
    /// The units, largest first, by exponent: `(12, "조")`, `(8, "억")`, `(4, "만")`.
    pub units: &'static [(i32, &'static str)],
    /// The word for an exact thousand inside a group (`3천`), as the report writes it.
    pub thousand: &'static str,
    /// Place words inside a group, read back from prose (`4천 5백억`): `('천', 3)`, …
    pub places: &'static [(char, i32)],
    /// Words of the scales a table's unit line may name (`억 위안`, `천만 위안`), by exponent.
    pub scale_words: &'static [(i32, &'static str)],
    /// The precision of a converted amount: `(from, precision)`, the first whose `from` the
    /// amount reaches (the report rounds converted 억 amounts to 100만), as exponents.
    pub converted_precision: &'static [(i32, i32)],
}

/// A short scale: thousand, million, billion, trillion.
#[derive(Debug)]
pub struct ShortScale {
    /// The scale words prose uses, largest first, by exponent: `(12, "trillion")`, …
    pub prose: &'static [(i32, &'static str)],
    /// Words of the scales a table may show (`CNY billion`, `thousand companies`).
    pub table_words: &'static [(i32, &'static str)],
    /// Words of the stored scales named in a CSV header (`CNY 100 million`).
    pub stored_words: &'static [(i32, &'static str)],
    /// Most decimals a scaled amount in prose may have before a smaller scale word is used
    /// (`CNY 1,285.4 billion`, not `CNY 1.2854 trillion`).
    pub max_decimals: u32,
}

/// The word of the scale 10^`exp` in `words`, or `""`.
pub fn word_of(words: &[(i32, &'static str)], exp: i32) -> &'static str {
    words.iter().find(|(e, _)| *e == exp).map_or("", |(_, w)| w)
}

/// The integer part of `value` / 10^`exp` (`value` ≥ 0) and what is left: exact.
fn split_at(value: Decimal, exp: i32) -> (Decimal, Decimal) {
    let n = shift(value, -exp).map_or(Decimal::ZERO, |v| v.trunc());
    let rest = value - n * power_of_ten(exp);
    (n, rest)
}

impl Myriad {
    /// An amount in base units, to the precision 10^`precision`: `2,697억` for (2.697e11, 8),
    /// `371억 5,300만` for (3.7153e10, 6).
    pub fn write(&self, amount: Decimal, precision: i32) -> String {
        let decimals = (-precision).max(0) as u32;
        // Round once, in whole units of the precision.
        let rounded = round(amount.abs(), -precision);
        if rounded.is_zero() {
            return "0".into();
        }
        let mut rest = rounded;
        let mut parts: Vec<String> = Vec::new();
        for &(exp, name) in self.units {
            if rest >= power_of_ten(exp) {
                let (n, left) = split_at(rest, exp);
                rest = left;
                parts.push(format!("{}{name}", self.part(n, rest.is_zero())));
            }
        }
        if !rest.is_zero() || parts.is_empty() {
            // A trailing exact thousand after larger units reads `36만 5천`, as the report writes.
            let thousand = Decimal::from(1000);
            let thousands = decimals == 0
                && !parts.is_empty()
                && rest >= thousand
                && (rest % thousand).is_zero();
            parts.push(if thousands {
                format!("{}{}", (rest / thousand).trunc(), self.thousand)
            } else {
                fixed(rest, decimals)
            });
        }
        let sign = if amount.is_sign_negative() { "-" } else { "" };
        format!("{sign}{}", parts.join(" "))
    }

    /// One group: `2,697`, or `3천` when it is an exact thousand and nothing follows.
    fn part(&self, n: Decimal, last: bool) -> String {
        let digits = n.trunc().to_string();
        let exact_thousand = last
            && n >= Decimal::from(1000)
            && n < Decimal::from(10000)
            && (n % Decimal::from(1000)).is_zero();
        if exact_thousand {
            format!("{}{}", (n / Decimal::from(1000)).trunc(), self.thousand)
        } else {
            group_thousands(&digits)
        }
    }

    /// The precision a converted amount is rounded to.
    pub fn converted_precision(&self, amount: Decimal) -> i32 {
        self.converted_precision
            .iter()
            .find(|(from, _)| amount.abs() >= power_of_ten(*from))
            .map_or(0, |(_, p)| *p)
    }
}

impl ShortScale {
    /// The largest scale word prose uses for an amount (`billion`) and its exponent; `(0, "")`
    /// below a million.
    pub fn scale_of(&self, amount: Decimal) -> (i32, &'static str) {
        self.prose
            .iter()
            .find(|(exp, _)| amount.abs() >= power_of_ten(*exp))
            .copied()
            .unwrap_or((0, ""))
    }

    /// An amount in base units, written to the precision 10^`precision`, as (`269.7`,
    /// `billion`): the largest scale word at which it needs at most
    /// [`ShortScale::max_decimals`], every digit kept. With `strip`, trailing zeros after the
    /// point are dropped (they were written before it: `3,000억` is `300 billion`); otherwise
    /// they were printed and stay (`KRW 196.60`).
    pub fn write(&self, amount: Decimal, precision: i32, strip: bool) -> (String, &'static str) {
        let shown = |exp: i32| {
            let decimals = (exp - precision).max(0) as u32;
            let n = fixed(shift(amount, -exp).unwrap_or(amount), decimals);
            if strip { strip_zeros(n) } else { n }
        };
        let (largest, _) = self.scale_of(amount);
        for &(exp, word) in self.prose.iter().filter(|(e, _)| *e <= largest) {
            let n = shown(exp);
            let decimals = n.split_once('.').map_or(0, |(_, f)| f.len()) as u32;
            if decimals <= self.max_decimals {
                return (n, word);
            }
        }
        (shown(0), "")
    }

    /// A count in base units, written out in digits (`365,000`).
    pub fn count(&self, amount: Decimal, precision: i32) -> String {
        fixed(amount, (-precision).max(0) as u32)
    }

    /// The exponent of the scale a table shows values stored at 10^`scale` in: 8 (억) → 9
    /// (billion), 4 (만) → 3 (thousand); small scales stay.
    pub fn table_scale(&self, scale: i32) -> i32 {
        match scale {
            11.. => 12,
            8.. => 9,
            5.. => 6,
            3.. => 3,
            _ => 0,
        }
    }

    /// The words naming a stored scale (`100 million`, `×1000000000000`), or `""` for 1.
    pub fn stored_words(&self, scale: i32) -> String {
        match scale {
            0 => String::new(),
            s => match self.stored_words.iter().find(|(k, _)| *k == s) {
                Some((_, w)) => w.to_string(),
                None => format!("×{}", power_of_ten(s)),
            },
        }
    }
}
