//! Reading money amounts back out of prose, by a language's notation:
//! `1조 2,854억 위안`, `371억 5,300만 달러`, `4천 5백억 위안`, `CNY 269.7 billion`.
//!
//! The inverse of [`super::Formatter`], used by the conversion check to recompute conversions
//! the text writes in parentheses. Each amount knows how precisely it was written (`5,300만` is
//! to the nearest 100만), so the check's tolerance matches the printed precision.

use super::notation::{Myriad, ShortScale};
use super::{Lang, Notation};
use crate::num::Currency;

/// An amount as written.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Amount {
    /// Value in base units (yuan, dollars, won).
    pub value: f64,
    /// Size of one step of the last written digit, in base units (`5,300만` → 1e6).
    pub precision: f64,
    /// The currency.
    pub currency: Currency,
}

impl Lang {
    /// The amount `text` writes, with its currency (`371억 5,300만 달러`, `USD 37.15 billion`).
    pub fn read_amount(&self, text: &str) -> Option<Amount> {
        match &self.notation {
            Notation::Myriad(m) => read_myriad_amount(self, m, text),
            Notation::ShortScale(s) => read_short_amount(self, s, text),
        }
    }

    /// The amount at the end of `before` (the text up to a written conversion), and how many
    /// bytes of it it takes: `… 늘어난 2,697억 위안` → `2,697억 위안`.
    pub fn amount_before(&self, before: &str) -> Option<(usize, Amount)> {
        match &self.notation {
            Notation::Myriad(m) => {
                // The currency word ends it; before the word, only digits, separators, places
                // and units (`로 1,206억 위안`: 로 is not part of the amount, though 유로 is a
                // currency word).
                let allowed = |ch: char| {
                    ch.is_ascii_digit()
                        || ",. ".contains(ch)
                        || m.places.iter().any(|(p, _)| *p == ch)
                        || m.units.iter().any(|(_, u)| u.contains(ch))
                };
                self.currency_words.iter().find_map(|(_, word)| {
                    let number = before.strip_suffix(word)?;
                    let start = number
                        .char_indices()
                        .rev()
                        .take_while(|(_, ch)| allowed(*ch))
                        .last()
                        .map(|(i, _)| i)?;
                    // An amount starts with a digit (`, 1,000억`: the comma before it is not part).
                    let candidate =
                        before[start..].trim_start_matches(|c: char| !c.is_ascii_digit());
                    self.read_amount(candidate).map(|a| (candidate.len(), a))
                })
            }
            Notation::ShortScale(_) => {
                let words: Vec<&str> = before.split_whitespace().collect();
                for take in [3, 2] {
                    if words.len() >= take {
                        let candidate = words[words.len() - take..].join(" ");
                        if let Some(a) = self.read_amount(&candidate) {
                            let start = before.rfind(words[words.len() - take])?;
                            return Some((before.len() - start, a));
                        }
                    }
                }
                None
            }
        }
    }
}

/// A myriad amount with its currency word: `371억 5,300만 달러`.
fn read_myriad_amount(lang: &Lang, m: &Myriad, text: &str) -> Option<Amount> {
    let text = text.trim();
    let (number, currency) = lang.currency_words.iter().find_map(|(code, word)| {
        let n = text.strip_suffix(word)?;
        Some((n.trim_end(), Currency::from_code(code)?))
    })?;
    let (value, precision) = read_myriad(m, number)?;
    Some(Amount {
        value,
        precision,
        currency,
    })
}

/// `1조 2,854억`, `4천 5백억`, `5천만`, `2,697` as (value, precision).
pub fn read_myriad(m: &Myriad, text: &str) -> Option<(f64, f64)> {
    let chars: Vec<char> = text.chars().filter(|c| *c != ',').collect();
    let mut at = 0;
    let mut total = 0.0;
    let mut coeff: Option<f64> = None;
    let mut coeff_precision = 1.0;
    let mut precision = f64::INFINITY;
    let mut any = false;
    while let Some(&c) = chars.get(at) {
        if c == ' ' {
            at += 1;
            continue;
        }
        if c.is_ascii_digit() || c == '.' {
            let start = at;
            while chars
                .get(at)
                .is_some_and(|d| d.is_ascii_digit() || *d == '.')
            {
                at += 1;
            }
            let num: String = chars[start..at].iter().collect();
            let v: f64 = num.parse().ok()?;
            let decimals = num.split_once('.').map_or(0, |(_, f)| f.len());
            // A place word (천, 백, 십) multiplies this number inside the coefficient.
            let place = chars
                .get(at)
                .and_then(|c| m.places.iter().find(|(p, _)| p == c))
                .map_or(1.0, |(_, e)| 10f64.powi(*e));
            if place > 1.0 {
                at += 1;
            }
            let digit_step = place * 10f64.powi(-(decimals as i32));
            // `371억 5,300만` is rounded to 100만; a lone `200억` is exact to the 억.
            let after_larger_unit = total > 0.0;
            let trailing = if place == 1.0 && decimals == 0 && after_larger_unit {
                10f64.powi(trailing_zeros(&num) as i32)
            } else {
                1.0
            };
            coeff = Some(coeff.unwrap_or(0.0) + v * place);
            coeff_precision = digit_step * trailing;
            any = true;
            continue;
        }
        let (exp, len) = m.units.iter().find_map(|(exp, name)| {
            let name: Vec<char> = name.chars().collect();
            chars[at..].starts_with(&name).then_some((*exp, name.len()))
        })?;
        at += len;
        let unit = 10f64.powi(exp);
        total += coeff.take()? * unit;
        precision = coeff_precision * unit;
    }
    if let Some(c) = coeff {
        total += c;
        precision = coeff_precision;
    }
    any.then_some((total, precision))
}

fn trailing_zeros(digits: &str) -> usize {
    let t = digits.trim_start_matches('0');
    if t.is_empty() {
        0
    } else {
        digits.len() - digits.trim_end_matches('0').len()
    }
}

/// A short-scale amount: `CNY 269.7 billion`, `USD 37.15 billion`, `KRW 1,427.15`, and in
/// languages that write the code after the number, `269,7 Milliarden CNY`.
fn read_short_amount(lang: &Lang, s: &ShortScale, text: &str) -> Option<Amount> {
    let cldr = lang.cldr();
    let mut words: Vec<&str> = text.split_whitespace().collect();
    let code = if lang.currency_first {
        (!words.is_empty()).then(|| words.remove(0))?
    } else {
        words.pop()?
    };
    let currency = Currency::from_code(code)?;
    let mut words = words.into_iter();
    let (group, decimal) = cldr.separators();
    let number = words.next()?.replace(&group, "").replace(&decimal, ".");
    let v: f64 = number.parse().ok()?;
    let decimals = number.split_once('.').map_or(0, |(_, f)| f.len());
    let scale = match words.next() {
        None => 1.0,
        Some(w) => s
            .table
            .iter()
            .find(|exp| {
                cldr.scale_word(**exp).is_some_and(|word| word == w)
                    || cldr
                        .singular_scale_word(**exp)
                        .is_some_and(|word| word == w)
            })
            .map(|exp| 10f64.powi(*exp))?,
    };
    if words.next().is_some() {
        return None;
    }
    Some(Amount {
        value: v * scale,
        precision: scale * 10f64.powi(-(decimals as i32)),
        currency,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_korean(s: &str) -> Option<Amount> {
        Lang::of("ko").read_amount(s)
    }

    fn parse_english(s: &str) -> Option<Amount> {
        Lang::of("en").read_amount(s)
    }

    fn ko(s: &str) -> (f64, f64) {
        let a = parse_korean(s).unwrap_or_else(|| panic!("{s}"));
        (a.value, a.precision)
    }

    #[test]
    fn korean_amounts_with_their_precision() {
        assert_eq!(ko("2,697억 위안"), (2.697e11, 1e8));
        assert_eq!(ko("371억 5,300만 달러"), (3.7153e10, 1e6));
        assert_eq!(ko("1조 2,854억 위안"), (1.2854e12, 1e8));
        assert_eq!(ko("6,382억 3천만 달러"), (6.3823e11, 1e7));
        assert_eq!(ko("4천 5백억 위안"), (4.5e11, 1e10));
        assert_eq!(ko("249억 9천만 위안"), (2.499e10, 1e7));
        assert_eq!(ko("84억 달러"), (8.4e9, 1e8));
        assert_eq!(ko("200억 달러"), (2e10, 1e8));
        assert_eq!(ko("5,300만 달러"), (5.3e7, 1e4));
        assert_eq!(ko("1억 7,900만 위안"), (1.79e8, 1e6));
        assert_eq!(ko("1,427.15원"), (1427.15, 0.01));
        assert_eq!(ko("1천억 위안"), (1e11, 1e11));
        assert_eq!(
            parse_korean("2,697억 엔").unwrap().currency,
            Currency::from_code("JPY").unwrap()
        );
        assert_eq!(parse_korean("2,697억 루피"), None);
        assert_eq!(parse_korean("억 위안"), None);
        assert_eq!(parse_korean("많은 위안"), None);
    }

    #[test]
    fn english_amounts() {
        let a = parse_english("CNY 269.7 billion").unwrap();
        assert_eq!(
            (a.value, a.precision, a.currency),
            (2.697e11, 1e8, Currency::CNY)
        );
        let a = parse_english("USD 37.15 billion").unwrap();
        assert!((a.value - 3.715e10).abs() < 1.0 && (a.precision - 1e7).abs() < 1e-3);
        assert_eq!(parse_english("KRW 1,427.15").unwrap().value, 1427.15);
        // Any ISO 4217 currency; other codes are not amounts.
        assert_eq!(parse_english("EUR 3 billion").unwrap().value, 3e9);
        assert_eq!(parse_english("ABC 3 billion"), None);
        assert_eq!(parse_english("USD 3 zillion"), None);
    }
}
