//! Digits as every language's formatting starts from, in exact decimal arithmetic: a stated
//! figure is a [`Decimal`] holding the digits its author wrote (up to 28 significant digits),
//! moved between scales by powers of ten and rounded only where a language's notation asks
//! for fewer digits than it has — always half away from zero (`208.25` → `208.3`,
//! `-208.25` → `-208.3`).
//!
//! Computed values (a chart's ticks, a check's recomputed growth rate) are `f64`;
//! [`fixed_f64`] prints them with the same rule, from their shortest decimal form.

pub use rust_decimal::Decimal;
use rust_decimal::RoundingStrategy;
use rust_decimal::prelude::ToPrimitive;

/// Most decimals a figure may have: what [`Decimal`] holds exactly.
pub const MAX_DECIMALS: u32 = 28;

/// 10^n as an `i128` (n ≤ 38).
fn pow10(n: u32) -> i128 {
    10i128.pow(n)
}

/// 10^`exp` as a decimal (`exp` is clamped to -28…28).
pub fn power_of_ten(exp: i32) -> Decimal {
    let exp = exp.clamp(-(MAX_DECIMALS as i32), MAX_DECIMALS as i32);
    if exp >= 0 {
        Decimal::from_i128_with_scale(pow10(exp as u32), 0)
    } else {
        Decimal::from_i128_with_scale(1, (-exp) as u32)
    }
}

/// `value` × 10^`exp`, exactly; `None` when the result has more digits than a [`Decimal`]
/// holds.
pub fn shift(value: Decimal, exp: i32) -> Option<Decimal> {
    if exp > MAX_DECIMALS as i32 {
        return None;
    }
    if exp >= 0 {
        value.checked_mul(power_of_ten(exp))
    } else {
        let scale = value.scale() + (-exp) as u32;
        (scale <= MAX_DECIMALS).then(|| {
            let mut v = value;
            v.set_scale(scale).ok();
            v
        })
    }
}

/// `value` rounded half away from zero to a multiple of 10^-`decimals` (`decimals` may be
/// negative: -2 rounds to hundreds).
pub fn round(value: Decimal, decimals: i32) -> Decimal {
    if decimals >= 0 {
        return value
            .round_dp_with_strategy(decimals as u32, RoundingStrategy::MidpointAwayFromZero);
    }
    // To tens or more: on the mantissa, once.
    let k = (-decimals) as u32;
    let m = value.mantissa();
    // A mantissa has at most 29 digits: a step of 10^30 or more rounds it to zero.
    if value.scale() + k >= 30 {
        return Decimal::ZERO;
    }
    let step = pow10(value.scale() + k);
    let (q, r) = (m / step, m % step);
    let q = if r.abs() * 2 >= step {
        q + m.signum()
    } else {
        q
    };
    q.checked_mul(pow10(k))
        .and_then(|n| Decimal::try_from_i128_with_scale(n, 0).ok())
        .unwrap_or(value)
}

/// `value` rounded to `decimals` places and written with exactly that many, with thousands
/// separators: `12,854.0`.
pub fn fixed(value: Decimal, decimals: u32) -> String {
    let decimals = decimals.min(MAX_DECIMALS);
    let mut rounded = round(value, decimals as i32);
    rounded.rescale(decimals);
    write_grouped(
        &rounded.abs().to_string(),
        !rounded.is_zero() && rounded.is_sign_negative(),
    )
}

/// A computed value written like a stated one ([`fixed`]), from its shortest decimal form
/// (`2.675` is rounded as written, to `2.68`).
pub fn fixed_f64(value: f64, decimals: u32) -> String {
    match decimal_of(value) {
        Some(d) => fixed(d, decimals),
        None => format!("{value:.*}", decimals.min(MAX_DECIMALS) as usize),
    }
}

/// The shortest decimal that reads back as `value`, when a [`Decimal`] holds it.
pub fn decimal_of(value: f64) -> Option<Decimal> {
    if !value.is_finite() {
        return None;
    }
    format!("{value}").parse::<Decimal>().ok()
}

/// `value` as an `f64`, for drawing and for checks that compare with a tolerance.
pub fn to_f64(value: Decimal) -> f64 {
    value.to_f64().unwrap_or(f64::NAN)
}

/// `-`, then `digits` (`1234567.89`) with `,` every three digits of the integer part.
fn write_grouped(digits: &str, negative: bool) -> String {
    let (int, frac) = digits
        .split_once('.')
        .map_or((digits, None), |(i, f)| (i, Some(f)));
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 2);
    if negative {
        out.push('-');
    }
    out.push_str(&group_thousands(int));
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// Inserts `,` every three digits of an unsigned integer string.
pub fn group_thousands(digits: &str) -> String {
    let n = digits.len();
    let mut out = String::with_capacity(n + n / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (n - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `s` without trailing zeros after the decimal point (`1.50` → `1.5`, `2.0` → `2`).
pub fn strip_zeros(s: String) -> String {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn half_rounds_away_from_zero() {
        assert_eq!(fixed(d("208.25"), 1), "208.3");
        assert_eq!(fixed(d("-208.25"), 1), "-208.3");
        assert_eq!(fixed(d("2.675"), 2), "2.68");
        assert_eq!(fixed(d("0"), 1), "0.0");
        assert_eq!(fixed(d("-0.04"), 1), "0.0");
        assert_eq!(fixed(d("1234567.891"), 2), "1,234,567.89");
        assert_eq!(fixed_f64(2.675, 2), "2.68");
        assert_eq!(fixed_f64(-0.04, 1), "0.0");
    }

    #[test]
    fn large_figures_keep_every_digit() {
        // f64 with a relative nudge printed these one unit too high.
        assert_eq!(fixed(d("999999999"), 0), "999,999,999");
        assert_eq!(fixed(d("1234567890"), 0), "1,234,567,890");
        assert_eq!(fixed(d("9876543210"), 0), "9,876,543,210");
        // 2^53 + 1, which f64 cannot hold; 28 significant digits.
        assert_eq!(fixed(d("9007199254740993"), 0), "9,007,199,254,740,993");
        assert_eq!(
            fixed(d("1234567890123456789012345678"), 0),
            "1,234,567,890,123,456,789,012,345,678"
        );
        assert_eq!(
            fixed(d("0.1234567890123456789012345678"), 28),
            "0.1234567890123456789012345678"
        );
    }

    #[test]
    fn rounding_to_tens_and_shifts_are_exact() {
        assert_eq!(round(d("371.5325"), -1), d("370"));
        assert_eq!(round(d("3715300"), -5), d("3700000"));
        assert_eq!(round(d("3750000"), -5), d("3800000"));
        assert_eq!(round(d("-3750000"), -5), d("-3800000"));
        assert_eq!(round(d("99995000"), -4), d("100000000"));
        assert_eq!(shift(d("2697"), 8), Some(d("269700000000")));
        assert_eq!(shift(d("2697"), -3), Some(d("2.697")));
        assert_eq!(shift(d("79228162514264337593543950335"), 1), None);
        assert_eq!(power_of_ten(-2), d("0.01"));
    }
}
