//! How a language writes large numbers in words: myriad units (Korean `371억 5,300만`) or a
//! short scale (English `37.15 billion`). Each notation is data ([`Myriad`], [`ShortScale`]) and
//! the functions that write with it; a language picks one in its [`super::Lang`].

use crate::num::{fixed, group_thousands, precision_decimals, round_to, strip_zeros};

/// Myriad units: the number is cut into groups of four digits, each named (`조`, `억`, `만`).
#[derive(Debug)]
pub struct Myriad {
    /// The units, largest first: `(1e12, "조")`, `(1e8, "억")`, `(1e4, "만")`.
    pub units: &'static [(f64, &'static str)],
    /// The word for an exact thousand inside a group (`3천`), as the report writes it.
    pub thousand: &'static str,
    /// Place words inside a group, read back from prose (`4천 5백억`): `('천', 1000.0)`, …
    pub places: &'static [(char, f64)],
    /// Words of the scales a table's unit line may name (`억 위안`, `천만 위안`), by scale.
    pub scale_words: &'static [(u64, &'static str)],
    /// The precision of a converted amount: `(from, precision)`, the first whose `from` the
    /// amount reaches (the report rounds converted 억 amounts to 100만).
    pub converted_precision: &'static [(f64, f64)],
}

/// A short scale: thousand, million, billion, trillion.
#[derive(Debug)]
pub struct ShortScale {
    /// The scale words prose uses, largest first: `(1e12, "trillion")`, …
    pub prose: &'static [(f64, &'static str)],
    /// Words of the scales a table may show (`CNY billion`, `thousand companies`).
    pub table_words: &'static [(u64, &'static str)],
    /// Words of the stored scales named in a CSV header (`CNY 100 million`).
    pub stored_words: &'static [(u64, &'static str)],
    /// Most decimals of a scaled amount in prose (`USD 37.15 billion`).
    pub max_decimals: u32,
}

/// The word of `scale` in `words`, or `""`.
pub fn word_of(words: &[(u64, &'static str)], scale: f64) -> &'static str {
    words
        .iter()
        .find(|(s, _)| *s == scale as u64)
        .map_or("", |(_, w)| w)
}

impl Myriad {
    /// An amount in base units, to `precision` (a power of ten):
    /// `2,697억` for (2.697e11, 1e8), `371억 5,300만` for (3.7153e10, 1e6).
    pub fn write(&self, amount: f64, precision: f64) -> String {
        let decimals = if precision < 1.0 {
            (-precision.log10()).round() as u32
        } else {
            0
        };
        // Round once, in whole units of `precision`.
        let units = round_to(amount.abs() / precision, 0);
        let rounded = units * precision;
        if rounded == 0.0 {
            return "0".into();
        }
        let mut rest = rounded;
        let mut parts: Vec<String> = Vec::new();
        for &(size, name) in self.units {
            if rest >= size {
                let n = (rest / size + 1e-9).floor();
                rest -= n * size;
                if rest.abs() < precision * 1e-6 {
                    rest = 0.0;
                }
                parts.push(format!("{}{name}", self.part(n, rest == 0.0)));
            }
        }
        if rest > 0.0 || parts.is_empty() {
            // A trailing exact thousand after larger units reads `36만 5천`, as the report writes.
            let thousands =
                decimals == 0 && !parts.is_empty() && rest >= 1000.0 && rest % 1000.0 == 0.0;
            parts.push(if thousands {
                format!("{}{}", rest as u64 / 1000, self.thousand)
            } else {
                fixed(rest, decimals)
            });
        }
        let sign = if amount < 0.0 { "-" } else { "" };
        format!("{sign}{}", parts.join(" "))
    }

    /// One group: `2,697`, or `3천` when it is an exact thousand and nothing follows.
    fn part(&self, n: f64, last: bool) -> String {
        let n = n as u64;
        if last && (1000..10000).contains(&n) && n.is_multiple_of(1000) {
            format!("{}{}", n / 1000, self.thousand)
        } else {
            group_thousands(&n.to_string())
        }
    }

    /// The precision a converted amount is rounded to.
    pub fn converted_precision(&self, amount: f64) -> f64 {
        self.converted_precision
            .iter()
            .find(|(from, _)| amount.abs() >= *from)
            .map_or(1.0, |(_, p)| *p)
    }
}

impl ShortScale {
    /// The scale word for an amount in prose (`billion`), or none, and its size.
    pub fn scale_of(&self, amount: f64) -> (f64, &'static str) {
        self.prose
            .iter()
            .find(|(size, _)| amount >= *size)
            .copied()
            .unwrap_or((1.0, ""))
    }

    /// An amount in base units as (`269.7`, `billion`): at most `max_decimals`, never finer
    /// than `precision`, trailing zeros of a scaled amount dropped.
    pub fn write(&self, amount: f64, precision: f64, max_decimals: u32) -> (String, &'static str) {
        // Round at the shown precision first, so 999.96 billion becomes 1 trillion, not
        // 1,000 billion.
        let (size, _) = self.scale_of(amount.abs());
        let shown = (size / precision).log10().round().max(0.0) as u32;
        let step = size / 10f64.powi(shown.min(max_decimals) as i32);
        let amount = round_to(amount / step, 0) * step;
        let (size, word) = self.scale_of(amount.abs());
        let shown = (size / precision).log10().round().max(0.0) as u32;
        let decimals = shown.min(max_decimals);
        let n = fixed(amount / size, decimals);
        // Scaled amounts drop trailing zeros (CNY 300 billion); plain amounts keep what was
        // printed (KRW 196.60).
        (if word.is_empty() { n } else { strip_zeros(n) }, word)
    }

    /// A count in base units, written out in digits (`365,000`).
    pub fn count(&self, amount: f64, precision: f64) -> String {
        fixed(amount, precision_decimals(precision))
    }

    /// The scale a table shows values stored at `scale` in: 1e8 (억) → 1e9 (billion), 1e4 (만)
    /// → 1e3 (thousand); small scales stay.
    pub fn table_scale(&self, scale: f64) -> f64 {
        if scale >= 1e11 {
            1e12
        } else if scale >= 1e8 {
            1e9
        } else if scale >= 1e5 {
            1e6
        } else if scale >= 1e3 {
            1e3
        } else {
            1.0
        }
    }

    /// The words naming a stored scale (`100 million`, `×1000000000000`), or `""` for 1.
    pub fn stored_words(&self, scale: f64) -> String {
        match scale as u64 {
            1 => String::new(),
            s => match self.stored_words.iter().find(|(k, _)| *k == s) {
                Some((_, w)) => w.to_string(),
                None => format!("×{s}"),
            },
        }
    }
}
