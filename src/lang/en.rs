//! English: short scales (`CNY 269.7 billion`, `about USD 37.2 billion`; the words are CLDR's),
//! counts in digits (`365,000 companies`), Korean quoted in emphasis marked as Korean.

use super::notation::ShortScale;
use super::{Bounds, Lang, Notation, QuotedScript};

/// English rules.
pub static EN: Lang = Lang {
    code: "en",
    notation: Notation::ShortScale(&SHORT_SCALE),
    currency_words: &[],
    attached_currencies: &[],
    currency_first: true,
    noun_spaced: true,
    bounds: Bounds {
        over: "over {}",
        about: "about {}",
        nearly: "nearly {}",
        plus: "{}+",
    },
    conversion: "{} ({})",
    search_stems: None,
    quoted_script: Some(&KOREAN_QUOTES),
    cldr: std::sync::OnceLock::new(),
};

/// Thousand, million, billion, trillion: the short scale every such language shares, with the
/// words CLDR gives it.
pub static SHORT_SCALE: ShortScale = ShortScale {
    prose: &[12, 9, 6],
    table: &[12, 9, 6, 3],
    max_decimals: 3,
};

/// Korean quoted on an English page (`*빅데크*`).
pub static KOREAN_QUOTES: QuotedScript = QuotedScript {
    lang: "ko",
    is_script: super::ko::is_hangul,
};
