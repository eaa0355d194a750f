//! What folio takes from CLDR (through ICU4X) rather than writing it by hand: a language's
//! digits, grouping and decimal separator (`1,234.5`, `1.234,5`, `1 234,5`), its percent
//! pattern (`26.2%`, `26,2 %`), its words for large numbers (`billion`, `Milliarden`,
//! `milliards`), the language's own name (`Deutsch`) and the locale OpenGraph expects
//! (`de_DE`).
//!
//! Every number given here is exact: folio rounds (where a notation asks it to) before, and
//! CLDR only writes the digits it is given.

use crate::num::Decimal;
use icu_decimal::input::Decimal as CldrDecimal;
use icu_decimal::{CompactDecimalFormatter, DecimalFormatter};
use icu_experimental::dimension::percent::formatter::PercentFormatter;
use icu_locale::LocaleExpander;
use icu_locale::names::{
    DisplayNamesPreferences, LanguageIdentifierDisplayName, LanguageIdentifierDisplayNameOptions,
};
use icu_locale_core::{LanguageIdentifier, Locale};
use writeable::{TryWriteable, Writeable};

/// A language's CLDR formatters, made once per language.
pub struct Cldr {
    decimal: DecimalFormatter,
    percent: Option<PercentFormatter<DecimalFormatter>>,
    compact: Option<CompactDecimalFormatter>,
}

impl std::fmt::Debug for Cldr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Cldr")
    }
}

/// The locale of a language code (`und` when CLDR cannot read it).
fn locale(code: &str) -> Locale {
    code.parse().unwrap_or(Locale::UNKNOWN)
}

/// `value` as CLDR's decimal type, with exactly its digits (trailing zeros kept).
fn cldr_decimal(value: Decimal) -> CldrDecimal {
    let text = if value.is_zero() {
        value.abs().to_string()
    } else {
        value.to_string()
    };
    text.parse().unwrap_or_default()
}

impl Cldr {
    /// The formatters of `code`; CLDR's root locale for a code it does not know.
    pub fn new(code: &str) -> Cldr {
        let loc = locale(code);
        let decimal = DecimalFormatter::try_new((&loc).into(), Default::default())
            .or_else(|_| DecimalFormatter::try_new(Default::default(), Default::default()))
            .expect("the root locale's decimal data is compiled in");
        Cldr {
            percent: PercentFormatter::try_new((&loc).into(), Default::default()).ok(),
            compact: CompactDecimalFormatter::try_new_long((&loc).into(), Default::default()).ok(),
            decimal,
        }
    }

    /// `value` written with exactly its digits, grouped as the language groups them.
    pub fn digits(&self, value: Decimal) -> String {
        self.decimal
            .format(&cldr_decimal(value))
            .write_to_string()
            .into_owned()
    }

    /// `value` (already ×100) as a percentage: `26.2%`, `26,2 %`.
    pub fn percent(&self, value: Decimal) -> String {
        match &self.percent {
            Some(p) => {
                let d = cldr_decimal(value);
                p.format(&d).write_to_string().into_owned()
            }
            None => format!("{}%", self.digits(value)),
        }
    }

    /// The exponent of the large-number word CLDR uses at `magnitude` (9 for `billion` at 10^9
    /// to 10^11; 0 where it uses none).
    pub fn compact_exponent(&self, magnitude: i16) -> i32 {
        self.compact.as_ref().map_or(0, |c| {
            i32::from(c.compact_exponent_for_magnitude(magnitude))
        })
    }

    /// `significand` × 10^`exponent` in words (`269.7 billion`, `269,7 Milliarden`), the
    /// significand's digits exactly as given; `None` when CLDR has no word at that exponent.
    pub fn compact(&self, significand: Decimal, exponent: i32) -> Option<String> {
        let c = self.compact.as_ref()?;
        let d = cldr_decimal(significand);
        let e = u8::try_from(exponent).ok()?;
        let f = c.format_with_exponent(&d, e).ok()?;
        Some(f.write_to_string().into_owned())
    }

    /// The word CLDR uses for 10^`exponent` on its own (`billion`, `Milliarden`): the compact
    /// form of a plural significand with its digits taken out.
    pub fn scale_word(&self, exponent: i32) -> Option<String> {
        let two = self.digits(Decimal::TWO);
        let written = self.compact(Decimal::TWO, exponent)?;
        let word = written.replacen(&two, "", 1);
        let word =
            word.trim_matches(|c: char| c.is_whitespace() || c == '\u{a0}' || c == '\u{202f}');
        (!word.is_empty() && word != written).then(|| word.to_string())
    }
}

impl Cldr {
    /// The grouping and decimal separators (`,` and `.`; `.` and `,`), read off 1234.5.
    pub fn separators(&self) -> (String, String) {
        let written = self.digits("1234.5".parse().unwrap_or_default());
        let inner: String = written
            .chars()
            .skip_while(|c| *c != '1')
            .skip(1)
            .take_while(|c| *c != '2')
            .collect();
        let decimal: String = written
            .chars()
            .rev()
            .skip(1)
            .take_while(|c| *c != '4')
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        (inner, decimal)
    }

    /// The word CLDR uses for one of 10^`exponent` (`billion`, `Milliarde`).
    pub fn singular_scale_word(&self, exponent: i32) -> Option<String> {
        let one = self.digits(Decimal::ONE);
        let written = self.compact(Decimal::ONE, exponent)?;
        let word = written.replacen(&one, "", 1);
        let word =
            word.trim_matches(|c: char| c.is_whitespace() || c == '\u{a0}' || c == '\u{202f}');
        (!word.is_empty() && word != written).then(|| word.to_string())
    }
}

/// The language's own name for itself (`Deutsch`, `한국어`, `Tiếng Việt`), if CLDR has it.
pub fn autonym(code: &str) -> Option<String> {
    let id: LanguageIdentifier = code.parse().ok()?;
    let prefs = DisplayNamesPreferences::from(locale(code));
    let name = LanguageIdentifierDisplayName::try_new_light(
        prefs,
        id,
        LanguageIdentifierDisplayNameOptions::default(),
    )
    .ok()?;
    let mut out = String::new();
    name.as_borrowed().try_write_to(&mut out).ok()?.ok()?;
    // Capitalised as a language's name stands alone in a menu (`Français`, `Español`).
    let mut chars = out.chars();
    let first = chars.next()?;
    Some(first.to_uppercase().chain(chars).collect())
}

/// The OpenGraph locale of a language (`ko_KR`, `de_DE`): its most likely region.
pub fn og_locale(code: &str) -> Option<String> {
    let mut id: LanguageIdentifier = code.parse().ok()?;
    LocaleExpander::new_common().maximize(&mut id);
    let region = id.region?;
    Some(format!("{}_{}", id.language, region))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn digits_by_locale() {
        assert_eq!(Cldr::new("en").digits(d("1234.5")), "1,234.5");
        assert_eq!(Cldr::new("ko").digits(d("1234.50")), "1,234.50");
        assert_eq!(Cldr::new("de").digits(d("1234.5")), "1.234,5");
        assert_eq!(Cldr::new("fr").digits(d("1234.5")), "1\u{202f}234,5");
        assert_eq!(Cldr::new("en").digits(d("-3.5")), "-3.5");
        assert_eq!(Cldr::new("en").digits(d("-0.0")), "0.0");
        assert_eq!(Cldr::new("en").percent(d("26.2")), "26.2%");
        assert_eq!(Cldr::new("de").percent(d("26.2")), "26,2\u{a0}%");
        assert_eq!(
            Cldr::new("de").separators(),
            (".".to_string(), ",".to_string())
        );
        assert_eq!(
            Cldr::new("en").separators(),
            (",".to_string(), ".".to_string())
        );
    }

    #[test]
    fn large_number_words() {
        let en = Cldr::new("en");
        assert_eq!(en.compact_exponent(10), 9);
        assert_eq!(en.compact(d("269.7"), 9).as_deref(), Some("269.7 billion"));
        assert_eq!(en.scale_word(9).as_deref(), Some("billion"));
        assert_eq!(en.scale_word(3).as_deref(), Some("thousand"));
        let de = Cldr::new("de");
        assert_eq!(
            de.compact(d("269.7"), 9).as_deref(),
            Some("269,7 Milliarden")
        );
        assert_eq!(de.compact(d("1"), 9).as_deref(), Some("1 Milliarde"));
    }

    #[test]
    fn names_and_locales() {
        assert_eq!(autonym("ko").as_deref(), Some("한국어"));
        assert_eq!(autonym("de").as_deref(), Some("Deutsch"));
        assert_eq!(autonym("vi").as_deref(), Some("Tiếng Việt"));
        assert_eq!(og_locale("ko").as_deref(), Some("ko_KR"));
        assert_eq!(og_locale("en").as_deref(), Some("en_US"));
        assert_eq!(og_locale("ja").as_deref(), Some("ja_JP"));
        assert_eq!(og_locale("zh").as_deref(), Some("zh_CN"));
        assert!(autonym("qqq").is_none());
    }
}
