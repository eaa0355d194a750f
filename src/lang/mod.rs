//! Language rules as data: how a language writes figures, money, approximations and
//! conversions, and how its words are split for search. Korean ([`ko`]), Japanese ([`ja`]) and
//! Chinese ([`zh`]) write large numbers in myriad units; English ([`en`]) and every other
//! language ([`other`]: German, French, Spanish, Vietnamese… ) in a short scale whose words come
//! from CLDR. Digits, separators and percent signs come from CLDR for every language
//! ([`cldr`]). Nothing else in folio asks which language it is writing: it asks the language's
//! rules ([`Lang::of`]).
//!
//! Sentences readers see (chart descriptions, notes on gaps) are UI strings
//! (`content/i18n/<lang>.yaml`), not rules.
//!
//! May use: [`crate::base`], [`crate::num`].

pub mod amounts;
pub mod cldr;
pub mod en;
mod format;
pub mod ja;
pub mod ko;
pub mod notation;
pub mod other;
pub mod zh;

pub use format::Formatter;

use crate::num::{Bound, Currency};
use cldr::Cldr;
use notation::{Myriad, ShortScale};
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

/// How a language writes large numbers in words.
#[derive(Debug)]
pub enum Notation {
    /// Myriad units (`2,697억`).
    Myriad(&'static Myriad),
    /// A short scale (`269.7 billion`).
    ShortScale(&'static ShortScale),
}

/// The words a language writes around an approximate or threshold figure; `{}` is the figure.
#[derive(Debug)]
pub struct Bounds {
    /// The figure was exceeded (`{} 돌파`, `over {}`).
    pub over: &'static str,
    /// An approximation (`약 {}`, `about {}`).
    pub about: &'static str,
    /// Nearly reached (`{} 육박`, `nearly {}`).
    pub nearly: &'static str,
    /// The figure or more (`{}여`, `{}+`).
    pub plus: &'static str,
}

impl Bounds {
    /// The template of `bound`.
    pub fn of(&self, bound: Bound) -> &'static str {
        match bound {
            Bound::Over => self.over,
            Bound::About => self.about,
            Bound::Nearly => self.nearly,
            Bound::Plus => self.plus,
        }
    }
}

/// Emphasised text in another language's script, marked with that language's tag (`<em
/// lang="ko">빅데크</em>` on an English page) so screen readers switch voice.
#[derive(Debug)]
pub struct QuotedScript {
    /// The tag to give (`ko`).
    pub lang: &'static str,
    /// Whether a character belongs to the script.
    pub is_script: fn(char) -> bool,
}

/// Stems split from particles for search: the indexer is given each page with its words
/// split, and the search box strips the same particles from queries.
#[derive(Debug)]
pub struct SearchStems {
    /// The particles and endings, for the search box.
    pub suffixes: &'static [&'static str],
    /// A page's HTML as the indexer is given it.
    pub mark_html: fn(&str) -> String,
}

/// The rules of one language.
#[derive(Debug)]
pub struct Lang {
    /// The code these rules were written for (`ko`).
    pub code: &'static str,
    /// How large numbers are written.
    pub notation: Notation,
    /// The word for each currency by ISO code (`("CNY", "위안")`); a currency not listed is
    /// written by its code.
    pub currency_words: &'static [(&'static str, &'static str)],
    /// Currencies whose word is written against the number (`1,427.15원`), by ISO code; `["*"]`:
    /// all of them (`2,697億元`).
    pub attached_currencies: &'static [&'static str],
    /// Whether the currency comes before the number (`CNY 269.7 billion`) or after it
    /// (`2,697억 위안`).
    pub currency_first: bool,
    /// Whether a count's noun is separated from the number by a space (`9,183 companies`,
    /// `9,183개사`).
    pub noun_spaced: bool,
    /// Approximate and threshold figures.
    pub bounds: Bounds,
    /// How a converted amount follows the amount: `{}({})` (`2,697억 위안(약 371억 달러)`) or
    /// `{} ({})`.
    pub conversion: &'static str,
    /// How words are split from their particles for the search index (`None`: words are
    /// indexed as they are).
    pub search_stems: Option<&'static SearchStems>,
    /// Emphasis in another script to mark with its language.
    pub quoted_script: Option<&'static QuotedScript>,
    /// Its CLDR formatters, made at first use.
    pub cldr: OnceLock<Cldr>,
}

/// The languages with rules of their own; every other one is made from [`other::rules`].
const LANGUAGES: &[&Lang] = &[&ko::KO, &en::EN, &ja::JA, &zh::ZH];

/// The rules made for languages without rules of their own, by code (made once, kept).
static OTHERS: OnceLock<Mutex<HashMap<String, &'static Lang>>> = OnceLock::new();

impl Lang {
    /// The rules for `code`: its own, or a short-scale language's with CLDR's words
    /// ([`other`]).
    pub fn of(code: &str) -> &'static Lang {
        if let Some(l) = LANGUAGES.iter().find(|l| l.code == code) {
            return l;
        }
        let mut others = OTHERS
            .get_or_init(Default::default)
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        others
            .entry(code.to_string())
            .or_insert_with(|| Box::leak(Box::new(other::rules(code))))
    }

    /// Its CLDR formatters.
    pub fn cldr(&self) -> &Cldr {
        self.cldr.get_or_init(|| Cldr::new(self.code))
    }

    /// The word for `currency`.
    pub fn currency(&self, currency: Currency) -> &'static str {
        self.currency_words
            .iter()
            .find(|(c, _)| *c == currency.code())
            .map_or(currency.code(), |(_, w)| w)
    }

    /// Whether `currency`'s word is written against the number.
    pub fn attached(&self, currency: Currency) -> bool {
        self.attached_currencies
            .iter()
            .any(|c| *c == "*" || *c == currency.code())
    }

    /// `body` with the words of `bound` around it.
    pub fn bounded(&self, body: String, bound: Option<Bound>) -> String {
        match bound {
            None => body,
            Some(b) => self.bounds.of(b).replacen("{}", &body, 1),
        }
    }

    /// An amount followed by its conversion: `2,697억 위안(약 371억 5,300만 달러)`.
    pub fn with_conversion(&self, amount: &str, converted: &str) -> String {
        self.conversion
            .replacen("{}", amount, 1)
            .replacen("{}", converted, 1)
    }

    /// What a written conversion starts with, between the amount and the converted one:
    /// `(약 ` / ` (about `.
    pub fn conversion_marker(&self) -> String {
        let between = self.conversion.split("{}").nth(1).unwrap_or("");
        let about = self.bounds.about.split("{}").next().unwrap_or("");
        format!("{between}{about}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_by_code_with_english_for_the_rest() {
        assert_eq!(Lang::of("ko").code, "ko");
        assert_eq!(Lang::of("en").code, "en");
        assert_eq!(Lang::of("vi").code, "vi");
        assert_eq!(Lang::of("vi").bounds.about, "khoảng {}");
        assert!(std::ptr::eq(Lang::of("de"), Lang::of("de")), "made once");
        assert_eq!(Lang::of("ko").conversion_marker(), "(약 ");
        assert_eq!(Lang::of("en").conversion_marker(), " (about ");
        assert_eq!(
            Lang::of("ko").with_conversion("1억 위안", "약 7만 달러"),
            "1억 위안(약 7만 달러)"
        );
        assert_eq!(Lang::of("ko").currency(Currency::CNY), "위안");
        assert_eq!(Lang::of("en").currency(Currency::CNY), "CNY");
    }
}
