//! Numbers as each language's readers write them.
//!
//! A figure is a [`Quantity`]: a value in a [`Unit`] (money with currency and scale, a count
//! with its noun, a percentage, a plain number) plus how precisely it was printed. Everything
//! that shows a figure — table cells, prose values, chart ticks and descriptions — goes through
//! this module, so the two editions never disagree on a number.
//!
//! Rules (tested below):
//! - Korean money and counts use myriad units: `2,697억 위안`, `1조 2,854억 위안`,
//!   `371억 5,300만 달러`, `36만 5천개사`. A part that is an exact thousand is written `3천`
//!   (`6,382억 3천만 달러`), as the report does.
//! - English money uses short scales: `CNY 269.7 billion`, `CNY 1.29 trillion`,
//!   `USD 37.15 billion`; at most two decimals, never more than the printed precision, trailing
//!   zeros dropped.
//! - Rounding is half away from zero, done once in base units, so a value that rounds up moves
//!   into the next unit (`9,999.96억` at 0.1억 precision is `1조`).
//! - Converted amounts are rounded to 100만 (Korean) or one decimal of the scale (English) and
//!   prefixed `약` / `about`.

use crate::localized::Localized;
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
    /// The currency word a language writes after (ko) or code before (en) the amount.
    fn word(self, lang: &str) -> &'static str {
        match (lang, self) {
            ("ko", Currency::CNY) => "위안",
            ("ko", Currency::USD) => "달러",
            ("ko", Currency::KRW) => "원",
            (_, Currency::CNY) => "CNY",
            (_, Currency::USD) => "USD",
            (_, Currency::KRW) => "KRW",
        }
    }

    /// The ISO code.
    pub fn code(self) -> &'static str {
        self.word("en")
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

impl Unit {
    /// The scale (power of ten) values of this unit are counted in.
    pub fn scale(&self) -> f64 {
        match self {
            Unit::Money { scale, .. } | Unit::Count { scale, .. } => *scale,
            Unit::Percent | Unit::Plain => 1.0,
        }
    }
}

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

fn strip_zeros(s: String) -> String {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// The myriad units, largest first.
const MYRIAD: [(f64, &str); 3] = [(1e12, "조"), (1e8, "억"), (1e4, "만")];

/// Korean myriad notation of an amount in base units, to `precision` (a power of ten):
/// `myriad(2.697e11, 1e8) == "2,697억"`, `myriad(3.7153e10, 1e6) == "371억 5,300만"`.
pub fn myriad(amount: f64, precision: f64) -> String {
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
    for (size, name) in MYRIAD {
        if rest >= size {
            let n = (rest / size + 1e-9).floor();
            rest -= n * size;
            if rest.abs() < precision * 1e-6 {
                rest = 0.0;
            }
            parts.push(format!("{}{name}", myriad_part(n, rest == 0.0)));
        }
    }
    if rest > 0.0 || parts.is_empty() {
        // A trailing exact thousand after larger units reads `36만 5천`, as the report writes.
        let thousands =
            decimals == 0 && !parts.is_empty() && rest >= 1000.0 && rest % 1000.0 == 0.0;
        parts.push(if thousands {
            format!("{}천", rest as u64 / 1000)
        } else {
            fixed(rest, decimals)
        });
    }
    let sign = if amount < 0.0 { "-" } else { "" };
    format!("{sign}{}", parts.join(" "))
}

/// One myriad part: `2,697`, or `3천` when it is an exact thousand and nothing follows.
fn myriad_part(n: f64, last: bool) -> String {
    let n = n as u64;
    if last && (1000..10000).contains(&n) && n.is_multiple_of(1000) {
        format!("{}천", n / 1000)
    } else {
        group_thousands(&n.to_string())
    }
}

/// English short-scale notation of an amount in base units: (`269.7`, `billion`).
/// At most `max_decimals`, never finer than `precision`; trailing zeros dropped.
pub fn short_scale(amount: f64, precision: f64, max_decimals: u32) -> (String, &'static str) {
    // Round at the shown precision first, so 999.96 billion becomes 1 trillion, not 1,000 billion.
    let (size, _) = english_scale(amount.abs());
    let shown = (size / precision).log10().round().max(0.0) as u32;
    let step = size / 10f64.powi(shown.min(max_decimals) as i32);
    let amount = round_to(amount / step, 0) * step;
    let (size, word) = english_scale(amount.abs());
    let shown = (size / precision).log10().round().max(0.0) as u32;
    let decimals = shown.min(max_decimals);
    {
        let n = fixed(amount / size, decimals);
        // Scaled amounts drop trailing zeros (CNY 300 billion); plain amounts keep what was
        // printed (KRW 196.60).
        (if word.is_empty() { n } else { strip_zeros(n) }, word)
    }
}

/// The English scale word for an amount: trillion, billion, million or none.
pub fn english_scale(amount: f64) -> (f64, &'static str) {
    if amount >= 1e12 {
        (1e12, "trillion")
    } else if amount >= 1e9 {
        (1e9, "billion")
    } else if amount >= 1e6 {
        (1e6, "million")
    } else {
        (1.0, "")
    }
}

/// Exchange rates: won per unit of each currency.
#[derive(Debug, Clone, PartialEq)]
pub struct Rates {
    /// (currency, won per unit).
    pub krw_per: Vec<(Currency, f64)>,
}

impl Rates {
    /// Won per one unit of `c`.
    pub fn krw(&self, c: Currency) -> Option<f64> {
        if c == Currency::KRW {
            return Some(1.0);
        }
        self.krw_per.iter().find(|(k, _)| *k == c).map(|(_, r)| *r)
    }

    /// Converts an amount between currencies at these rates.
    pub fn convert(&self, amount: f64, from: Currency, to: Currency) -> Option<f64> {
        Some(amount * self.krw(from)? / self.krw(to)?)
    }
}

/// Formats quantities for one language.
#[derive(Debug, Clone, Copy)]
pub struct Formatter<'a> {
    /// Language code (`ko` uses myriad units; every other language uses short scales).
    pub lang: &'a str,
}

impl<'a> Formatter<'a> {
    /// A formatter for `lang`.
    pub fn new(lang: &'a str) -> Self {
        Formatter { lang }
    }

    fn korean(&self) -> bool {
        self.lang == "ko"
    }

    /// A figure in running text, with its unit: `2,697억 위안` / `CNY 269.7 billion`,
    /// `26.2%`, `9,183개사` / `9,183 companies`.
    pub fn prose(&self, q: Quantity, unit: &Unit) -> String {
        let precision = unit.scale() * 10f64.powi(-(q.decimals as i32));
        let amount = q.value * unit.scale();
        let body = match unit {
            Unit::Money { currency, .. } => self.money(amount, precision, *currency),
            Unit::Percent => format!("{}%", fixed(q.value, q.decimals)),
            Unit::Count { noun, .. } => {
                let noun = noun.text(self.lang);
                if self.korean() {
                    format!("{}{noun}", myriad(amount, precision))
                } else {
                    let n = fixed(amount, precision_decimals(precision));
                    if noun.is_empty() {
                        n
                    } else {
                        format!("{n} {noun}")
                    }
                }
            }
            Unit::Plain => fixed(q.value, q.decimals),
        };
        self.bounded(body, q.bound)
    }

    /// An amount of money in base units at `precision` (a power of ten).
    pub fn money(&self, amount: f64, precision: f64, currency: Currency) -> String {
        if self.korean() {
            // 원 attaches to the number (1,427.15원); 위안 and 달러 stand apart (2,697억 위안).
            let space = if currency == Currency::KRW { "" } else { " " };
            format!(
                "{}{space}{}",
                myriad(amount, precision),
                currency.word("ko")
            )
        } else {
            let (n, word) = short_scale(amount, precision, 2);
            let sep = if word.is_empty() { "" } else { " " };
            format!("{} {n}{sep}{word}", currency.word("en"))
        }
    }

    /// A converted amount: `약 371억 5,300만 달러` / `about USD 37.2 billion`.
    pub fn converted(&self, amount: f64, currency: Currency) -> String {
        let body = if self.korean() {
            let precision = if amount.abs() >= 1e8 { 1e6 } else { 1e4 };
            self.money(amount, precision, currency)
        } else {
            let (size, _) = english_scale(amount.abs());
            self.money(amount, size / 10.0, currency)
        };
        self.bounded(body, Some(Bound::About))
    }

    /// `value` as a table cell in its column's unit: the number only, the unit goes in the unit
    /// line. Korean keeps the stored scale; English moves money and counts to a short scale
    /// ([`Formatter::cell_scale`]).
    pub fn cell(&self, q: Quantity, unit: &Unit) -> String {
        let (factor, shift) = self.cell_scale(unit);
        let decimals = (q.decimals as i32 + shift).max(0) as u32;
        let mut body = fixed(q.value * factor, decimals);
        // Moving 10,000억 to 1,000 billion adds a decimal the report never printed: drop zeros
        // the shift created (1,000.0 → 1,000), keep printed ones.
        // (Only when nothing after the point was printed: then every decimal came from the shift.)
        if shift > 0 && q.decimals == 0 && body.contains('.') {
            for _ in 0..shift {
                if body.ends_with('0') {
                    body.pop();
                }
            }
            if body.ends_with('.') {
                body.pop();
            }
        }
        self.bounded(body, q.bound)
    }

    /// (factor, decimal shift) that turn a stored value into this language's table scale.
    pub fn cell_scale(&self, unit: &Unit) -> (f64, i32) {
        if self.korean() {
            return (1.0, 0);
        }
        match unit {
            Unit::Money { scale, .. } | Unit::Count { scale, .. } => {
                let target = english_table_scale(*scale);
                let shift = (target / scale).log10().round() as i32;
                (scale / target, shift)
            }
            _ => (1.0, 0),
        }
    }

    /// The unit line text of a column: `억 위안`, `%`, `만 개사` / `CNY billion`, `%`,
    /// `thousand companies`.
    pub fn unit_label(&self, unit: &Unit) -> String {
        match unit {
            Unit::Money { currency, scale } => {
                if self.korean() {
                    let s = korean_scale_word(*scale);
                    format!(
                        "{s}{}{}",
                        if s.is_empty() { "" } else { " " },
                        currency.word("ko")
                    )
                } else {
                    let word = english_scale_word(english_table_scale(*scale));
                    format!(
                        "{}{}{word}",
                        currency.word("en"),
                        if word.is_empty() { "" } else { " " }
                    )
                }
            }
            Unit::Percent => "%".into(),
            Unit::Count { noun, scale } => {
                let noun = noun.text(self.lang);
                let s = if self.korean() {
                    korean_scale_word(*scale)
                } else {
                    english_scale_word(english_table_scale(*scale))
                };
                if s.is_empty() {
                    noun.to_string()
                } else {
                    format!("{s} {noun}")
                }
            }
            Unit::Plain => String::new(),
        }
    }

    fn bounded(&self, body: String, bound: Option<Bound>) -> String {
        match (bound, self.korean()) {
            (None, _) => body,
            (Some(Bound::Over), true) => format!("{body} 돌파"),
            (Some(Bound::About), true) => format!("약 {body}"),
            (Some(Bound::Nearly), true) => format!("{body} 육박"),
            (Some(Bound::Plus), true) => format!("{body}여"),
            (Some(Bound::Over), false) => format!("over {body}"),
            (Some(Bound::About), false) => format!("about {body}"),
            (Some(Bound::Nearly), false) => format!("nearly {body}"),
            (Some(Bound::Plus), false) => format!("{body}+"),
        }
    }
}

fn precision_decimals(precision: f64) -> u32 {
    if precision < 1.0 {
        (-precision.log10()).round() as u32
    } else {
        0
    }
}

/// The short scale English tables use for values stored at `scale`: 1e8 (억) → billion,
/// 1e4 (만) → thousand; small scales stay.
fn english_table_scale(scale: f64) -> f64 {
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

fn english_scale_word(scale: f64) -> &'static str {
    match scale as u64 {
        1_000_000_000_000 => "trillion",
        1_000_000_000 => "billion",
        1_000_000 => "million",
        1_000 => "thousand",
        _ => "",
    }
}

fn korean_scale_word(scale: f64) -> &'static str {
    match scale as u64 {
        1_000_000_000_000 => "조",
        100_000_000 => "억",
        10_000_000 => "천만",
        1_000_000 => "백만",
        10_000 => "만",
        1_000 => "천",
        _ => "",
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

    fn money(currency: Currency, scale: f64) -> Unit {
        Unit::Money { currency, scale }
    }

    fn companies(scale: f64) -> Unit {
        let mut noun = std::collections::BTreeMap::new();
        noun.insert("ko".to_string(), "개사".to_string());
        noun.insert("en".to_string(), "companies".to_string());
        Unit::Count {
            noun: Localized(noun),
            scale,
        }
    }

    fn q(text: &str) -> Quantity {
        Quantity::parse(text).unwrap()
    }

    fn rates() -> Rates {
        Rates {
            krw_per: vec![(Currency::USD, 1427.15), (Currency::CNY, 196.60)],
        }
    }

    /// (value as written, unit, Korean, English)
    #[test]
    fn prose_in_both_languages() {
        let yuan = money(Currency::CNY, 1e8);
        let dollar = money(Currency::USD, 1e8);
        let cases: Vec<(&str, Unit, &str, &str)> = vec![
            ("2697", yuan.clone(), "2,697억 위안", "CNY 269.7 billion"),
            (
                "12854",
                yuan.clone(),
                "1조 2,854억 위안",
                "CNY 1.29 trillion",
            ),
            (
                "371.53",
                dollar.clone(),
                "371억 5,300만 달러",
                "USD 37.15 billion",
            ),
            (
                "6382.3",
                dollar.clone(),
                "6,382억 3천만 달러",
                "USD 638.23 billion",
            ),
            (
                "294.16",
                yuan.clone(),
                "294억 1,600만 위안",
                "CNY 29.42 billion",
            ),
            (
                "249.9",
                yuan.clone(),
                "249억 9천만 위안",
                "CNY 24.99 billion",
            ),
            ("1", yuan.clone(), "1억 위안", "CNY 100 million"),
            ("10000", yuan.clone(), "1조 위안", "CNY 1 trillion"),
            ("0", yuan.clone(), "0 위안", "CNY 0"),
            ("-2697", yuan.clone(), "-2,697억 위안", "CNY -269.7 billion"),
            ("1.79", yuan.clone(), "1억 7,900만 위안", "CNY 179 million"),
            (
                "96.41",
                yuan.clone(),
                "96억 4,100만 위안",
                "CNY 9.64 billion",
            ),
            ("0.5", yuan.clone(), "5천만 위안", "CNY 50 million"),
            ("10.0", Unit::Percent, "10.0%", "10.0%"),
            ("26.2", Unit::Percent, "26.2%", "26.2%"),
            ("-14.85", Unit::Percent, "-14.85%", "-14.85%"),
            ("9183", companies(1.0), "9,183개사", "9,183 companies"),
            ("36.5", companies(1e4), "36만 5천개사", "365,000 companies"),
            (
                "160.87",
                companies(1e4),
                "160만 8,700개사",
                "1,608,700 companies",
            ),
            ("23553", Unit::Plain, "23,553", "23,553"),
            ("1000", money(Currency::CNY, 1.0), "1,000 위안", "CNY 1,000"),
            (
                "2000",
                money(Currency::CNY, 1e4),
                "2천만 위안",
                "CNY 20 million",
            ),
            ("3522", yuan.clone(), "3,522억 위안", "CNY 352.2 billion"),
            ("1157", yuan.clone(), "1,157억 위안", "CNY 115.7 billion"),
            ("95.9", yuan.clone(), "95억 9천만 위안", "CNY 9.59 billion"),
            (
                "110.3",
                yuan.clone(),
                "110억 3천만 위안",
                "CNY 11.03 billion",
            ),
            ("5.64", yuan.clone(), "5억 6,400만 위안", "CNY 564 million"),
            ("0.05", yuan.clone(), "500만 위안", "CNY 5 million"),
            ("99999", yuan.clone(), "9조 9,999억 위안", "CNY 10 trillion"),
            ("84", dollar.clone(), "84억 달러", "USD 8.4 billion"),
            ("1771", dollar.clone(), "1,771억 달러", "USD 177.1 billion"),
            (
                "1610",
                money(Currency::CNY, 1e4),
                "1,610만 위안",
                "CNY 16.1 million",
            ),
            (
                "222",
                money(Currency::USD, 1e4),
                "222만 달러",
                "USD 2.22 million",
            ),
            (
                "1427.15",
                money(Currency::KRW, 1.0),
                "1,427.15원",
                "KRW 1,427.15",
            ),
            (
                "196.60",
                money(Currency::KRW, 1.0),
                "196.60원",
                "KRW 196.60",
            ),
            ("100", Unit::Percent, "100%", "100%"),
            ("0.4", Unit::Percent, "0.4%", "0.4%"),
            ("0", companies(1.0), "0개사", "0 companies"),
            ("11264", companies(1.0), "1만 1,264개사", "11,264 companies"),
            ("-3", companies(1.0), "-3개사", "-3 companies"),
            ("25.7", companies(1e4), "25만 7천개사", "257,000 companies"),
            ("9.5", Unit::Plain, "9.5", "9.5"),
        ];
        assert!(cases.len() >= 40, "{} cases", cases.len());
        for (text, unit, ko, en) in &cases {
            assert_eq!(Formatter::new("ko").prose(q(text), unit), *ko, "ko {text}");
            assert_eq!(Formatter::new("en").prose(q(text), unit), *en, "en {text}");
        }
    }

    #[test]
    fn rounding_moves_into_the_next_unit() {
        assert_eq!(myriad(9999.96e8, 1e7), "1조");
        assert_eq!(myriad(9999.94e8, 1e7), "9,999억 9천만");
        assert_eq!(myriad(9999.94e8, 1e6), "9,999억 9,400만");
        assert_eq!(myriad(99_995_000.0, 1e4), "1억");
        assert_eq!(myriad(1e8, 1e8), "1억");
        assert_eq!(myriad(1e12, 1e8), "1조");
        assert_eq!(myriad(1.0002e12, 1e8), "1조 2억");
        assert_eq!(myriad(1.00002e12, 1e8), "1조");
        assert_eq!(myriad(1000.0, 1.0), "1,000");
        assert_eq!(myriad(0.4, 1.0), "0");
        assert_eq!(short_scale(999.96e9, 1e8, 2), ("1".to_string(), "trillion"));
    }

    #[test]
    fn half_rounds_away_from_zero() {
        assert_eq!(fixed(208.25, 1), "208.3");
        assert_eq!(fixed(-208.25, 1), "-208.3");
        assert_eq!(fixed(2.675, 2), "2.68");
        assert_eq!(fixed(0.0, 1), "0.0");
        assert_eq!(fixed(-0.04, 1), "0.0");
        assert_eq!(fixed(1234567.891, 2), "1,234,567.89");
    }

    #[test]
    fn bounds_read_naturally() {
        let yuan = money(Currency::CNY, 1e8);
        let cases = [
            (Bound::Over, "10000", "1조 위안 돌파", "over CNY 1 trillion"),
            (
                Bound::About,
                "1200",
                "약 1,200억 위안",
                "about CNY 120 billion",
            ),
            (
                Bound::Nearly,
                "4500",
                "4,500억 위안 육박",
                "nearly CNY 450 billion",
            ),
            (Bound::Plus, "1200", "1,200억 위안여", "CNY 120 billion+"),
        ];
        for (bound, text, ko, en) in cases {
            let mut v = q(text);
            v.bound = Some(bound);
            assert_eq!(Formatter::new("ko").prose(v, &yuan), ko);
            assert_eq!(Formatter::new("en").prose(v, &yuan), en);
        }
    }

    #[test]
    fn conversions_at_the_reports_rates() {
        let r = rates();
        let usd = r.convert(2697e8, Currency::CNY, Currency::USD).unwrap();
        assert_eq!(
            Formatter::new("ko").converted(usd, Currency::USD),
            "약 371억 5,300만 달러"
        );
        assert_eq!(
            Formatter::new("en").converted(usd, Currency::USD),
            "about USD 37.2 billion"
        );
        let usd = r.convert(3522e8, Currency::CNY, Currency::USD).unwrap();
        assert_eq!(
            Formatter::new("ko").converted(usd, Currency::USD),
            "약 485억 1,800만 달러"
        );
        let usd = r.convert(560e8, Currency::CNY, Currency::USD).unwrap();
        assert_eq!(
            Formatter::new("ko").converted(usd, Currency::USD),
            "약 77억 1,400만 달러"
        );
        let krw = r.convert(1.0, Currency::USD, Currency::KRW).unwrap();
        assert_eq!(krw, 1427.15);
        assert_eq!(r.convert(1.0, Currency::USD, Currency::USD), Some(1.0));
    }

    #[test]
    fn table_cells_keep_korean_scale_and_move_english_to_short_scale() {
        let yuan = money(Currency::CNY, 1e8);
        let ko = Formatter::new("ko");
        let en = Formatter::new("en");
        assert_eq!(ko.cell(q("2697"), &yuan), "2,697");
        assert_eq!(en.cell(q("2697"), &yuan), "269.7");
        assert_eq!(en.cell(q("294.16"), &yuan), "29.416");
        assert_eq!(en.cell(q("10000"), &yuan), "1,000");
        assert_eq!(en.cell(q("12854"), &yuan), "1,285.4");
        assert_eq!(en.cell(q("12854.0"), &yuan), "1,285.40");
        assert_eq!(ko.cell(q("10.0"), &Unit::Percent), "10.0");
        assert_eq!(ko.unit_label(&yuan), "억 위안");
        assert_eq!(en.unit_label(&yuan), "CNY billion");
        assert_eq!(ko.unit_label(&companies(1e4)), "만 개사");
        assert_eq!(en.unit_label(&companies(1e4)), "thousand companies");
        assert_eq!(en.cell(q("36.5"), &companies(1e4)), "365");
        assert_eq!(ko.unit_label(&companies(1.0)), "개사");
        assert_eq!(en.unit_label(&money(Currency::USD, 1.0)), "USD");
    }

    #[test]
    fn parse_keeps_printed_decimals() {
        assert_eq!(q("10.0").decimals, 1);
        assert_eq!(q("2,697").value, 2697.0);
        assert_eq!(q("294.16").decimals, 2);
        assert!(Quantity::parse("1e8").is_none());
        assert!(Quantity::parse("abc").is_none());
    }

    #[test]
    fn powers_of_ten() {
        assert!(is_power_of_ten(1.0));
        assert!(is_power_of_ten(1e8));
        assert!(!is_power_of_ten(2e8));
        assert!(!is_power_of_ten(0.1));
    }
}
