//! Digits as every language's formatting starts from: rounding half away from zero, a fixed
//! number of decimals, thousands grouped with `,`.

/// Rounds half away from zero to `decimals` places.
pub fn round_to(value: f64, decimals: u32) -> f64 {
    let f = 10f64.powi(decimals as i32);
    // Scaling first, then correcting representation error (2.675 * 100 = 267.49999…).
    let scaled = value * f;
    let nudged = scaled + scaled.signum() * 1e-9 * scaled.abs().max(1.0);
    nudged.round() / f
}

/// Most decimals [`fixed`] prints.
pub const MAX_DECIMALS: u32 = 20;

/// `value` with `decimals` places (at most [`MAX_DECIMALS`]) and thousands separators:
/// `12,854.0`.
pub fn fixed(value: f64, decimals: u32) -> String {
    // A double carries about 17 significant digits, so more decimals only print noise, and
    // `format!` panics on a precision above 65,535 (a cell written with that many decimals, or
    // `myriad` at a precision that underflowed to 0, asks for `u32::MAX`).
    let decimals = decimals.min(MAX_DECIMALS);
    let rounded = round_to(value, decimals);
    let s = format!("{:.*}", decimals as usize, rounded.abs());
    let (int, frac) = s
        .split_once('.')
        .map_or((s.as_str(), None), |(i, f)| (i, Some(f)));
    let mut out = String::new();
    if rounded < 0.0 && rounded != 0.0 {
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

/// The decimals a precision (a power of ten) needs: `0.01` → 2, `100` → 0.
pub fn precision_decimals(precision: f64) -> u32 {
    if precision < 1.0 {
        (-precision.log10()).round() as u32
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn half_rounds_away_from_zero() {
        assert_eq!(fixed(208.25, 1), "208.3");
        assert_eq!(fixed(-208.25, 1), "-208.3");
        assert_eq!(fixed(2.675, 2), "2.68");
        assert_eq!(fixed(0.0, 1), "0.0");
        assert_eq!(fixed(-0.04, 1), "0.0");
        assert_eq!(fixed(1234567.891, 2), "1,234,567.89");
    }
}
