//! Reading money amounts back out of prose, in both languages:
//! `1조 2,854억 위안`, `371억 5,300만 달러`, `4천 5백억 위안`, `CNY 269.7 billion`.
//!
//! The inverse of [`crate::numbers`], used by `folio check` to recompute conversions the text
//! writes in parentheses. Each amount knows how precisely it was written (`5,300만` is to the
//! nearest 100만), so the check's tolerance matches the printed precision.

use crate::numbers::Currency;

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

/// Parses a Korean myriad amount with its currency word: `371억 5,300만 달러`.
pub fn parse_korean(text: &str) -> Option<Amount> {
    let text = text.trim();
    let (number, currency) = [
        ("위안", Currency::CNY),
        ("달러", Currency::USD),
        ("원", Currency::KRW),
    ]
    .into_iter()
    .find_map(|(word, c)| text.strip_suffix(word).map(|n| (n.trim_end(), c)))?;
    let (value, precision) = parse_myriad(number)?;
    Some(Amount {
        value,
        precision,
        currency,
    })
}

/// Parses `1조 2,854억`, `4천 5백억`, `5천만`, `2,697` into (value, precision).
pub fn parse_myriad(text: &str) -> Option<(f64, f64)> {
    let mut total = 0.0;
    let mut coeff: Option<f64> = None;
    let mut coeff_precision = 1.0;
    let mut precision = f64::INFINITY;
    let mut chars = text.chars().filter(|c| *c != ',').peekable();
    let mut any = false;
    while let Some(&c) = chars.peek() {
        if c == ' ' {
            chars.next();
            continue;
        }
        if c.is_ascii_digit() || c == '.' {
            let mut num = String::new();
            while let Some(&d) = chars.peek() {
                if d.is_ascii_digit() || d == '.' {
                    num.push(d);
                    chars.next();
                } else {
                    break;
                }
            }
            let v: f64 = num.parse().ok()?;
            let decimals = num.split_once('.').map_or(0, |(_, f)| f.len());
            // A place word (천, 백, 십) multiplies this number inside the coefficient.
            let place = match chars.peek() {
                Some('천') => 1000.0,
                Some('백') => 100.0,
                Some('십') => 10.0,
                _ => 1.0,
            };
            if place > 1.0 {
                chars.next();
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
        let unit = match c {
            '조' => 1e12,
            '억' => 1e8,
            '만' => 1e4,
            _ => return None,
        };
        chars.next();
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

/// Parses an English amount: `CNY 269.7 billion`, `USD 37.15 billion`, `KRW 1,427.15`.
pub fn parse_english(text: &str) -> Option<Amount> {
    let mut words = text.split_whitespace();
    let currency = match words.next()? {
        "CNY" => Currency::CNY,
        "USD" => Currency::USD,
        "KRW" => Currency::KRW,
        _ => return None,
    };
    let number = words.next()?.replace(',', "");
    let v: f64 = number.parse().ok()?;
    let decimals = number.split_once('.').map_or(0, |(_, f)| f.len());
    let scale = match words.next() {
        Some("trillion") => 1e12,
        Some("billion") => 1e9,
        Some("million") => 1e6,
        Some("thousand") => 1e3,
        None => 1.0,
        Some(_) => return None,
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
        assert_eq!(parse_korean("2,697억 엔"), None);
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
        assert_eq!(parse_english("EUR 3 billion"), None);
        assert_eq!(parse_english("USD 3 zillion"), None);
    }
}
