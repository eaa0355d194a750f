//! Japanese: myriad units like the Korean report's, without spaces between groups
//! (`2,697億元`, `371億5,300万ドル`), currency words in Japanese (`ドル`, `元`, `円`).

use super::en::KOREAN_QUOTES;
use super::notation::Myriad;
use super::{Bounds, Lang, Notation};

/// Japanese rules.
pub static JA: Lang = Lang {
    code: "ja",
    notation: Notation::Myriad(&MYRIAD),
    currency_words: &[
        ("USD", "ドル"),
        ("CNY", "元"),
        ("KRW", "ウォン"),
        ("JPY", "円"),
        ("EUR", "ユーロ"),
    ],
    attached_currencies: &["*"],
    currency_first: false,
    noun_spaced: false,
    bounds: Bounds {
        over: "{}超",
        about: "約{}",
        nearly: "{}近く",
        plus: "{}余り",
    },
    conversion: "{}（{}）",
    search_stems: None,
    quoted_script: Some(&KOREAN_QUOTES),
    cldr: std::sync::OnceLock::new(),
};

static MYRIAD: Myriad = Myriad {
    units: &[(12, "兆"), (8, "億"), (4, "万")],
    spaced: false,
    thousand: None,
    places: &[('千', 3), ('百', 2), ('十', 1)],
    scale_words: &[
        (12, "兆"),
        (8, "億"),
        (7, "千万"),
        (6, "百万"),
        (4, "万"),
        (3, "千"),
    ],
    converted_precision: &[(8, 6), (0, 4)],
};
