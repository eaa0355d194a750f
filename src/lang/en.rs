//! English: short scales (`CNY 269.7 billion`, `about USD 37.2 billion`), counts in digits
//! (`365,000 companies`), Korean quoted in emphasis marked as Korean.

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
};

static SHORT_SCALE: ShortScale = ShortScale {
    prose: &[(12, "trillion"), (9, "billion"), (6, "million")],
    table_words: &[
        (12, "trillion"),
        (9, "billion"),
        (6, "million"),
        (3, "thousand"),
    ],
    stored_words: &[
        (8, "100 million"),
        (4, "10 thousand"),
        (3, "thousand"),
        (6, "million"),
        (9, "billion"),
    ],
    max_decimals: 3,
};

/// Korean quoted on an English page (`*빅데크*`).
static KOREAN_QUOTES: QuotedScript = QuotedScript {
    lang: "ko",
    is_script: super::ko::is_hangul,
};
