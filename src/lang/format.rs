//! Figures as a language's readers write them, by its [`Lang`] rules.
//!
//! Everything that shows a figure — table cells, prose values, chart ticks and descriptions —
//! goes through [`Formatter`], so the editions never disagree on a number.
//!
//! Rules (tested below):
//! - Myriad languages (Korean) write money and counts in myriad units: `2,697억 위안`,
//!   `1조 2,854억 위안`, `371억 5,300만 달러`, `36만 5천개사`. A part that is an exact thousand
//!   is written `3천` (`6,382억 3천만 달러`), as the report does.
//! - Short-scale languages (English) write money in scale words: `CNY 269.7 billion`,
//!   `CNY 1.29 trillion`, `USD 37.15 billion`; at most two decimals, never more than the
//!   printed precision, trailing zeros dropped; counts in digits (`365,000 companies`).
//! - Rounding is half away from zero, done once in base units, so a value that rounds up moves
//!   into the next unit (`9,999.96억` at 0.1억 precision is `1조`).
//! - Converted amounts are rounded to 100만 (Korean) or one decimal of the scale (English) and
//!   marked as approximate (`약` / `about`).

use super::cldr::Cldr;
use super::notation::{digits, word_of};
use super::{Lang, Notation};
use crate::num::{Bound, Currency, Decimal, Quantity, Unit, decimal_of, fixed_f64, round, shift};

/// Formats quantities for one language.
#[derive(Debug, Clone, Copy)]
pub struct Formatter<'a> {
    /// Language code: the key of nouns and labels written per language.
    pub lang: &'a str,
    /// The language's rules.
    pub rules: &'static Lang,
}

impl<'a> Formatter<'a> {
    /// A formatter for `lang`.
    pub fn new(lang: &'a str) -> Self {
        Formatter {
            lang,
            rules: Lang::of(lang),
        }
    }

    /// A figure in running text, with its unit: `2,697억 위안` / `CNY 269.7 billion`,
    /// `26.2%`, `9,183개사` / `9,183 companies`. Every digit written is kept.
    pub fn prose(&self, q: Quantity, unit: &Unit) -> String {
        let precision = unit.scale_exp() - q.decimals as i32;
        // Loading refuses a figure whose amount has more digits than a decimal holds.
        let amount = shift(q.value, unit.scale_exp()).unwrap_or(q.value);
        let body = match unit {
            Unit::Money { currency, .. } => {
                self.write_money(amount, precision, q.decimals == 0, *currency)
            }
            Unit::Percent => self.cldr().percent(q.value),
            Unit::Count { noun, .. } => {
                let noun = noun.text(self.lang);
                let n = match &self.rules.notation {
                    Notation::Myriad(m) => m.write(self.cldr(), amount, precision),
                    Notation::ShortScale(s) => s.count(self.cldr(), amount, precision),
                };
                match (noun.is_empty(), self.rules.noun_spaced) {
                    (true, _) => n,
                    (false, true) => format!("{n} {noun}"),
                    (false, false) => format!("{n}{noun}"),
                }
            }
            Unit::Plain => self.cldr().digits(q.value),
        };
        self.rules.bounded(body, q.bound)
    }

    /// The language's CLDR formatters.
    fn cldr(&self) -> &'static Cldr {
        self.rules.cldr()
    }

    /// `value` with `decimals` places, grouped as the language groups digits (`1,234.5`,
    /// `1.234,5`).
    pub fn number(&self, value: Decimal, decimals: u32) -> String {
        digits(self.cldr(), value, decimals)
    }

    /// A computed percentage (a remainder, a tick) as the language writes percentages.
    pub fn percent_f64(&self, value: f64, decimals: u32) -> String {
        match decimal_of(value) {
            Some(d) => {
                let mut v = round(d, decimals as i32);
                v.rescale(decimals);
                self.cldr().percent(v)
            }
            None => format!("{}%", fixed_f64(value, decimals)),
        }
    }

    /// A computed value (a chart tick, a remainder) written like [`Formatter::number`].
    pub fn number_f64(&self, value: f64, decimals: u32) -> String {
        match decimal_of(value) {
            Some(d) => self.number(d, decimals),
            None => fixed_f64(value, decimals),
        }
    }

    /// An amount of money in base units to the precision 10^`precision`; `strip`: trailing
    /// zeros after a scale word's point were not printed (see [`super::notation::ShortScale::write`]).
    fn write_money(
        &self,
        amount: Decimal,
        precision: i32,
        strip: bool,
        currency: Currency,
    ) -> String {
        let number = match &self.rules.notation {
            Notation::Myriad(m) => m.write(self.cldr(), amount, precision),
            Notation::ShortScale(s) => s.write(self.cldr(), amount, precision, strip),
        };
        let word = self.rules.currency(currency);
        if self.rules.currency_first {
            format!("{word} {number}")
        } else if self.rules.attached(currency) {
            format!("{number}{word}")
        } else {
            format!("{number} {word}")
        }
    }

    /// An amount computed by a check (read back from prose), to `precision` (a power of ten),
    /// for its messages.
    pub fn money(&self, amount: f64, precision: f64, currency: Currency) -> String {
        let Some(a) = decimal_of(amount) else {
            return format!("{amount} {}", self.rules.currency(currency));
        };
        let mut precision = precision.log10().round() as i32;
        if let Notation::ShortScale(s) = &self.rules.notation {
            // Never coarser than the unit of its scale word (`USD 507 million`).
            precision = precision.min(s.scale_of(a));
        }
        self.write_money(round(a, -precision), precision, true, currency)
    }

    /// A converted amount, rounded as the language rounds conversions: `약 371억 5,300만
    /// 달러` / `about USD 37.2 billion`.
    pub fn converted(&self, amount: Decimal, currency: Currency) -> String {
        let precision = match &self.rules.notation {
            Notation::Myriad(m) => m.converted_precision(amount),
            Notation::ShortScale(s) => s.scale_of(amount) - 1,
        };
        let body = self.write_money(round(amount, -precision), precision, true, currency);
        self.rules.bounded(body, Some(Bound::About))
    }

    /// `value` as a table cell in its column's unit: the number only, the unit goes in the unit
    /// line. Myriad languages keep the stored scale; short-scale ones move money and counts to
    /// a scale word ([`Formatter::cell_shift`]). Every digit written is kept.
    pub fn cell(&self, q: Quantity, unit: &Unit) -> String {
        let moved = self.cell_shift(unit);
        let decimals = (q.decimals as i32 - moved).max(0) as u32;
        let mut body = self.number(self.in_table_scale(q, unit), decimals);
        // Moving 10,000억 to 1,000 billion adds a decimal the report never printed: drop zeros
        // the shift created (1,000.0 → 1,000), keep printed ones.
        // (Only when nothing after the point was printed: then every decimal came from the shift.)
        if moved < 0 && q.decimals == 0 && body.contains('.') {
            for _ in 0..-moved {
                if body.ends_with('0') {
                    body.pop();
                }
            }
            if body.ends_with('.') {
                body.pop();
            }
        }
        self.rules.bounded(body, q.bound)
    }

    /// The value of `q` in this language's table scale (`269.7` for 2,697억 in English).
    pub fn in_table_scale(&self, q: Quantity, unit: &Unit) -> Decimal {
        shift(q.value, self.cell_shift(unit)).unwrap_or(q.value)
    }

    /// The power of ten that turns a stored value into this language's table scale (-1:
    /// 2,697억 is 269.7 billion).
    pub fn cell_shift(&self, unit: &Unit) -> i32 {
        let Notation::ShortScale(s) = &self.rules.notation else {
            return 0;
        };
        match unit {
            Unit::Money { .. } | Unit::Count { .. } => {
                unit.scale_exp() - s.table_scale(unit.scale_exp())
            }
            _ => 0,
        }
    }

    /// The word of the scale a table shows values stored at 10^`scale` in (`억`, `billion`).
    fn table_scale_word(&self, scale: i32) -> String {
        match &self.rules.notation {
            Notation::Myriad(m) => word_of(m.scale_words, scale).to_string(),
            Notation::ShortScale(s) => s.table_word(self.cldr(), s.table_scale(scale)),
        }
    }

    /// The unit line text of a column: `억 위안`, `%`, `만 개사` / `CNY billion`, `%`,
    /// `thousand companies`.
    pub fn unit_label(&self, unit: &Unit) -> String {
        let scale = self.table_scale_word(unit.scale_exp());
        match unit {
            Unit::Money { currency, .. } => self.currency_with_scale(*currency, &scale),
            Unit::Percent => "%".into(),
            Unit::Count { noun, .. } => with_scale(&scale, noun.text(self.lang)),
            Unit::Plain => String::new(),
        }
    }

    /// The unit of values as stored, for a CSV header (CSV numbers keep the stored scale):
    /// `억 위안` / `CNY 100 million`.
    pub fn stored_unit_label(&self, unit: &Unit) -> String {
        let Notation::ShortScale(s) = &self.rules.notation else {
            return self.unit_label(unit);
        };
        let scale = s.stored_words(self.cldr(), unit.scale_exp());
        match unit {
            Unit::Money { currency, .. } => self.currency_with_scale(*currency, &scale),
            Unit::Percent => "%".into(),
            Unit::Count { noun, .. } => with_scale(&scale, noun.text(self.lang)),
            Unit::Plain => String::new(),
        }
    }

    /// A currency and a scale word in this language's order: `억 위안`, `CNY billion`.
    fn currency_with_scale(&self, currency: Currency, scale: &str) -> String {
        let word = self.rules.currency(currency);
        // Languages that write myriad groups without spaces write `億元` too.
        let glued = matches!(&self.rules.notation, Notation::Myriad(m) if !m.spaced);
        match (scale.is_empty(), self.rules.currency_first, glued) {
            (true, _, _) => word.to_string(),
            (false, true, _) => format!("{word} {scale}"),
            (false, false, true) => format!("{scale}{word}"),
            (false, false, false) => format!("{scale} {word}"),
        }
    }

    /// `body` with the words of `bound` around it (`1조 위안 돌파`, `over CNY 1 trillion`).
    pub fn bounded(&self, body: String, bound: Option<Bound>) -> String {
        self.rules.bounded(body, bound)
    }
}

/// `scale noun` (`만 개사`), or the noun alone.
fn with_scale(scale: &str, noun: &str) -> String {
    if scale.is_empty() {
        noun.to_string()
    } else {
        format!("{scale} {noun}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::localized::Localized;
    use crate::num::Rates;

    fn myriad(amount: f64, precision: f64) -> String {
        crate::lang::ko::myriad(amount, precision)
    }

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

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
            base: Currency::KRW,
            per: vec![(Currency::USD, d("1427.15")), (Currency::CNY, d("196.60"))],
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
                "CNY 1,285.4 billion",
            ),
            (
                "371.53",
                dollar.clone(),
                "371억 5,300만 달러",
                "USD 37.153 billion",
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
                "CNY 29.416 billion",
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
                "CNY 9.641 billion",
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
            (
                "99999",
                yuan.clone(),
                "9조 9,999억 위안",
                "CNY 9,999.9 billion",
            ),
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
        let mut wrong = Vec::new();
        for (text, unit, ko, en) in &cases {
            let (k, e) = (
                Formatter::new("ko").prose(q(text), unit),
                Formatter::new("en").prose(q(text), unit),
            );
            if k != *ko || e != *en {
                wrong.push(format!("{text}: {k} / {e} (expected {ko} / {en})"));
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
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
        assert_eq!(
            Formatter::new("en").converted(d("999960000000"), Currency::CNY),
            "about CNY 1 trillion"
        );
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
        let cny = |s: &str| r.convert_exact(d(s), Currency::CNY, Currency::USD).unwrap();
        let usd = cny("269700000000");
        assert_eq!(
            Formatter::new("ko").converted(usd, Currency::USD),
            "약 371억 5,300만 달러"
        );
        assert_eq!(
            Formatter::new("en").converted(usd, Currency::USD),
            "about USD 37.2 billion"
        );
        let usd = cny("352200000000");
        assert_eq!(
            Formatter::new("ko").converted(usd, Currency::USD),
            "약 485억 1,800만 달러"
        );
        let usd = cny("56000000000");
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

    /// Reads a figure `text` back, exactly, in base units: `1조 2,854억 위안`,
    /// `CNY 1,285.4 billion`, `36만 5천개사`, `365,000 companies`, `26.2%`, `-3.5`.
    fn read_back(text: &str, lang: &str) -> Decimal {
        let (group, decimal) = Lang::of(lang).cldr().separators();
        let number = |s: &str| -> Decimal {
            s.replace(&group, "")
                .replace(&decimal, ".")
                .parse()
                .unwrap_or_else(|_| panic!("{s:?} in {text:?}"))
        };
        let mut words: Vec<&str> = text.split(' ').collect();
        if let Some(code) = words
            .first()
            .filter(|w| w.len() == 3 && w.chars().all(|c| c.is_ascii_uppercase()))
        {
            let _ = code;
            words.remove(0);
        }
        let mut total = Decimal::ZERO;
        let mut negative = false;
        for w in words {
            let w = w.trim_end_matches(['%']);
            let w = [
                "위안",
                "달러",
                "원",
                "개사",
                "companies",
                "CNY",
                "KRW",
                "USD",
            ]
            .iter()
            .fold(w, |w, suffix| w.strip_suffix(suffix).unwrap_or(w));
            if let Some(rest) = w.strip_prefix('-') {
                negative = true;
                total += read_group(rest, &number);
            } else if let Some(exp) = [
                ("trillion", 12),
                ("billion", 9),
                ("million", 6),
                ("nghìn", 3),
                ("tỷ", 9),
                ("triệu", 6),
            ]
            .iter()
            .find(|(word, _)| *word == w)
            .map(|(_, e)| *e)
            {
                total = shift(total, exp).unwrap();
            } else if !w.is_empty() {
                total += read_group(w, &number);
            }
        }
        if negative { -total } else { total }
    }

    /// One group: `2,854억`, `5천`, `3천만`, `1,285.4`.
    fn read_group(w: &str, number: &dyn Fn(&str) -> Decimal) -> Decimal {
        let (w, unit) = match w.chars().last() {
            Some('조') => (&w[..w.len() - 3], 12),
            Some('억') => (&w[..w.len() - 3], 8),
            Some('만') => (&w[..w.len() - 3], 4),
            _ => (w, 0),
        };
        let n = match w.strip_suffix('천') {
            Some(t) => number(t) * Decimal::from(1000),
            None => number(w),
        };
        shift(n, unit).unwrap()
    }

    /// Property: any figure of up to 28 significant digits, in every unit and language, is
    /// written with exactly its digits — a table cell and a sentence both read back to the
    /// same value.
    #[test]
    fn every_figure_reads_back_to_its_exact_digits() {
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        let units = [
            Unit::Plain,
            Unit::Percent,
            money(Currency::CNY, 1.0),
            money(Currency::CNY, 1e4),
            money(Currency::CNY, 1e8),
            money(Currency::KRW, 1.0),
            money(Currency::USD, 1e8),
            companies(1.0),
            companies(1e4),
        ];
        let mut checked = 0;
        for _ in 0..6000 {
            let digits = 1 + next(28) as usize;
            let mut literal: String = (0..digits)
                .map(|i| {
                    char::from(
                        b'0' + if i == 0 {
                            1 + next(9) as u8
                        } else {
                            next(10) as u8
                        },
                    )
                })
                .collect();
            let decimals = next(digits as u64 + 1) as usize;
            if decimals > 0 {
                let at = digits - decimals;
                literal = if at == 0 {
                    format!("0.{literal}")
                } else {
                    format!("{}.{}", &literal[..at], &literal[at..])
                };
            }
            if next(5) == 0 {
                literal.insert(0, '-');
            }
            let q = Quantity::read(&literal).unwrap_or_else(|e| panic!("{literal}: {e:?}"));
            for unit in &units {
                let Some(amount) = shift(q.value, unit.scale_exp()) else {
                    continue; // refused when loaded
                };
                for lang in ["ko", "en", "vi"] {
                    let f = Formatter::new(lang);
                    let cell = f.cell(q, unit);
                    assert_eq!(
                        read_back(&cell, lang),
                        f.in_table_scale(q, unit),
                        "{lang} cell of {literal} in {unit:?}: {cell}"
                    );
                    let prose = f.prose(q, unit);
                    let expected = match unit {
                        Unit::Percent | Unit::Plain => q.value,
                        _ => amount,
                    };
                    assert_eq!(
                        read_back(&prose, lang),
                        expected,
                        "{lang} prose of {literal} in {unit:?}: {prose}"
                    );
                    checked += 1;
                }
            }
        }
        assert!(checked > 100_000, "{checked}");
    }

    /// German, French, Spanish and Vietnamese by CLDR (separators, percent, scale words);
    /// Japanese and Chinese in myriad units of their own.
    #[test]
    fn every_language_by_its_locale() {
        let yuan = money(Currency::CNY, 1e8);
        let dollar = money(Currency::USD, 1e8);
        let cases: [(&str, &str, &Unit, &str); 16] = [
            ("de", "2697", &yuan, "269,7 Milliarden CNY"),
            ("de", "12854", &yuan, "1.285,4 Milliarden CNY"),
            ("de", "1", &yuan, "100 Millionen CNY"),
            ("de", "26.2", &Unit::Percent, "26,2\u{a0}%"),
            ("fr", "2697", &yuan, "269,7 milliards CNY"),
            ("fr", "1234.5", &Unit::Plain, "1\u{202f}234,5"),
            ("es", "2697", &yuan, "269,7 mil millones CNY"),
            ("vi", "2697", &yuan, "269,7 tỷ CNY"),
            ("ja", "2697", &yuan, "2,697億元"),
            ("ja", "371.53", &dollar, "371億5,300万ドル"),
            ("ja", "12854", &yuan, "1兆2,854億元"),
            ("zh", "2697", &yuan, "2,697亿元"),
            ("zh", "12854", &yuan, "1万亿2,854亿元"),
            ("zh", "26.2", &Unit::Percent, "26.2%"),
            (
                "ko",
                "2697",
                &money(Currency::from_code("JPY").unwrap(), 1e8),
                "2,697억 엔",
            ),
            (
                "en",
                "2697",
                &money(Currency::from_code("EUR").unwrap(), 1e8),
                "EUR 269.7 billion",
            ),
        ];
        let mut wrong = Vec::new();
        for (lang, text, unit, expected) in cases {
            let got = Formatter::new(lang).prose(q(text), unit);
            if got != expected {
                wrong.push(format!("{lang} {text}: {got:?}, expected {expected:?}"));
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
        let de = Formatter::new("de");
        assert_eq!(de.cell(q("2697"), &yuan), "269,7");
        assert_eq!(de.unit_label(&yuan), "Milliarden CNY");
        let mut about = q("1200");
        about.bound = Some(Bound::About);
        assert_eq!(de.prose(about, &yuan), "etwa 120 Milliarden CNY");
        assert_eq!(Formatter::new("ja").unit_label(&yuan), "億元");
        assert_eq!(Formatter::new("ja").prose(about, &yuan), "約1,200億元");
    }
}
