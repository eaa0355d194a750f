//! Chinese (simplified): myriad units without spaces between groups (`2,697亿元`,
//! `371亿5,300万美元`), currency words in Chinese (`美元`, `元`, `韩元`).

use super::en::KOREAN_QUOTES;
use super::notation::Myriad;
use super::{Bounds, Lang, Notation};

/// Chinese rules.
pub static ZH: Lang = Lang {
    code: "zh",
    notation: Notation::Myriad(&MYRIAD),
    currency_words: &[
        ("USD", "美元"),
        ("CNY", "元"),
        ("KRW", "韩元"),
        ("JPY", "日元"),
        ("EUR", "欧元"),
    ],
    attached_currencies: &["*"],
    currency_first: false,
    noun_spaced: false,
    bounds: Bounds {
        over: "超过{}",
        about: "约{}",
        nearly: "近{}",
        plus: "{}余",
    },
    conversion: "{}（{}）",
    search_stems: None,
    quoted_script: Some(&KOREAN_QUOTES),
    cldr: std::sync::OnceLock::new(),
};

static MYRIAD: Myriad = Myriad {
    units: &[(12, "万亿"), (8, "亿"), (4, "万")],
    spaced: false,
    thousand: None,
    places: &[('千', 3), ('百', 2), ('十', 1)],
    scale_words: &[
        (12, "万亿"),
        (8, "亿"),
        (7, "千万"),
        (6, "百万"),
        (4, "万"),
        (3, "千"),
    ],
    converted_precision: &[(8, 6), (0, 4)],
};
