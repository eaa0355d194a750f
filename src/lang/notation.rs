//! How a language writes large numbers in words: myriad units (Korean `371억 5,300만`, Japanese
//! `371億5,300万`) or a short scale (English `37.153 billion`, German `37,153 Milliarden`). A
//! myriad notation is data ([`Myriad`]); a short scale takes its words from CLDR ([`Cldr`]).
//! Digits are always written by CLDR, grouped as the language groups them.
//!
//! Amounts are exact decimals in base units, and a precision is the exponent of the last digit
//! to show (8 for 억, 6 for 100만). A stated figure is written with every digit its author
//! wrote; only a computed one (a conversion) is first rounded to its precision.

use super::cldr::Cldr;
use crate::num::{Decimal, power_of_ten, round, shift};

/// Myriad units: the number is cut into groups of four digits, each named (`조`, `억`, `만`).
#[derive(Debug)]
pub struct Myriad {
    /// The units, largest first, by exponent: `(12, "조")`, `(8, "억")`, `(4, "만")`.
    pub units: &'static [(i32, &'static str)],
    /// Whether groups are separated by a space (`371억 5,300만`, but `371億5,300万`).
    pub spaced: bool,
    /// The word for an exact thousand inside a group (`3천`), as the Korean report writes it;
    /// `None`: written in digits (`3,000万`).
    pub thousand: Option<&'static str>,
    /// Place words inside a group, read back from prose (`4천 5백억`): `('천', 3)`, …
    pub places: &'static [(char, i32)],
    /// Words of the scales a table's unit line may name (`억 위안`, `천만 위안`), by exponent.
    pub scale_words: &'static [(i32, &'static str)],
    /// The precision of a converted amount: `(from, precision)`, the first whose `from` the
    /// amount reaches (the report rounds converted 억 amounts to 100만), as exponents.
    pub converted_precision: &'static [(i32, i32)],
}

/// A short scale: thousand, million, billion, trillion, in the words CLDR gives the language.
#[derive(Debug)]
pub struct ShortScale {
    /// The exponents prose may name, largest first (`12, 9, 6`: a thousand is written out).
    pub prose: &'static [i32],
    /// The exponents a table's unit line may name.
    pub table: &'static [i32],
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

/// `value` rounded to `decimals` places, written with exactly that many.
pub fn digits(cldr: &Cldr, value: Decimal, decimals: u32) -> String {
    let mut v = round(value, decimals as i32);
    v.rescale(decimals);
    cldr.digits(v)
}

impl Myriad {
    /// An amount in base units, to the precision 10^`precision`: `2,697억` for (2.697e11, 8),
    /// `371억 5,300만` for (3.7153e10, 6).
    pub fn write(&self, cldr: &Cldr, amount: Decimal, precision: i32) -> String {
        let decimals = (-precision).max(0) as u32;
        // Round once, in whole units of the precision.
        let rounded = round(amount.abs(), -precision);
        if rounded.is_zero() {
            return cldr.digits(Decimal::ZERO);
        }
        let mut rest = rounded;
        let mut parts: Vec<String> = Vec::new();
        for &(exp, name) in self.units {
            if rest >= power_of_ten(exp) {
                let (n, left) = split_at(rest, exp);
                rest = left;
                parts.push(format!("{}{name}", self.part(cldr, n, rest.is_zero())));
            }
        }
        if !rest.is_zero() || parts.is_empty() {
            // A trailing exact thousand after larger units reads `36만 5천`, as the report writes.
            let thousand = Decimal::from(1000);
            let word = self.thousand.filter(|_| {
                decimals == 0
                    && !parts.is_empty()
                    && rest >= thousand
                    && (rest % thousand).is_zero()
            });
            parts.push(match word {
                Some(w) => format!("{}{w}", cldr.digits((rest / thousand).trunc())),
                None => digits(cldr, rest, decimals),
            });
        }
        let sign = if amount.is_sign_negative() { "-" } else { "" };
        format!("{sign}{}", parts.join(if self.spaced { " " } else { "" }))
    }

    /// One group: `2,697`, or `3천` when it is an exact thousand and nothing follows.
    fn part(&self, cldr: &Cldr, n: Decimal, last: bool) -> String {
        let thousand = Decimal::from(1000);
        let word = self.thousand.filter(|_| {
            last && n >= thousand && n < Decimal::from(10000) && (n % thousand).is_zero()
        });
        match word {
            Some(w) => format!("{}{w}", cldr.digits((n / thousand).trunc())),
            None => cldr.digits(n.trunc()),
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
    /// The largest exponent prose names for an amount (9 for `billion`); 0 below a million.
    pub fn scale_of(&self, amount: Decimal) -> i32 {
        self.prose
            .iter()
            .copied()
            .find(|exp| amount.abs() >= power_of_ten(*exp))
            .unwrap_or(0)
    }

    /// An amount in base units, written to the precision 10^`precision` in words (`269.7
    /// billion`): the largest scale word at which it needs at most
    /// [`ShortScale::max_decimals`], every digit kept. With `strip`, trailing zeros after the
    /// point are dropped (they were written before it: `3,000억` is `300 billion`); otherwise
    /// they were printed and stay (`KRW 196.60`).
    pub fn write(&self, cldr: &Cldr, amount: Decimal, precision: i32, strip: bool) -> String {
        let significand = |exp: i32| {
            let decimals = (exp - precision).max(0) as u32;
            let mut v = round(shift(amount, -exp).unwrap_or(amount), decimals as i32);
            v.rescale(decimals);
            if strip {
                v = v.normalize();
            }
            v
        };
        let largest = self.scale_of(amount);
        for &exp in self.prose.iter().filter(|e| **e <= largest) {
            let n = significand(exp);
            if n.scale() <= self.max_decimals {
                return cldr
                    .compact(n, exp)
                    .or_else(|| {
                        cldr.scale_word(exp)
                            .map(|w| format!("{} {w}", cldr.digits(n)))
                    })
                    .unwrap_or_else(|| cldr.digits(shift(n, exp).unwrap_or(n)));
            }
        }
        let n = significand(0);
        cldr.digits(if strip { n.normalize() } else { n })
    }

    /// A count in base units, written out in digits (`365,000`).
    pub fn count(&self, cldr: &Cldr, amount: Decimal, precision: i32) -> String {
        digits(cldr, amount, (-precision).max(0) as u32)
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

    /// The word of a table's scale (`billion`, `Milliarden`), or `""` for 1.
    pub fn table_word(&self, cldr: &Cldr, exp: i32) -> String {
        if exp == 0 || !self.table.contains(&exp) {
            return String::new();
        }
        cldr.scale_word(exp).unwrap_or_default()
    }

    /// The words naming a stored scale (`100 million`, `10 thousand`), or `""` for 1.
    pub fn stored_words(&self, cldr: &Cldr, scale: i32) -> String {
        if scale == 0 {
            return String::new();
        }
        let exp = self
            .table
            .iter()
            .copied()
            .find(|e| *e <= scale)
            .unwrap_or(0);
        let significand = power_of_ten(scale - exp);
        if exp == 0 {
            return format!("×{}", cldr.digits(significand));
        }
        if significand == Decimal::ONE {
            return self.table_word(cldr, exp);
        }
        cldr.compact(significand, exp)
            .or_else(|| {
                cldr.scale_word(exp)
                    .map(|w| format!("{} {w}", cldr.digits(significand)))
            })
            .unwrap_or_else(|| format!("×{}", cldr.digits(power_of_ten(scale))))
    }
}
