//! Every other language: CLDR's short scale (`269,7 Milliarden`), digits and percent sign, the
//! currency by its ISO code after the number (`269,7 Milliarden CNY`), and the words around
//! approximate figures and conversions for the languages of the built-in theme (German,
//! French, Spanish, Vietnamese); a language not among them gets English words for those.

use super::en::{KOREAN_QUOTES, SHORT_SCALE};
use super::{Bounds, Lang, Notation};

/// The words of one language: bounds and the conversion's form.
struct Words {
    code: &'static str,
    bounds: Bounds,
    conversion: &'static str,
}

const WORDS: &[Words] = &[
    Words {
        code: "de",
        bounds: Bounds {
            over: "über {}",
            about: "etwa {}",
            nearly: "fast {}",
            plus: "{}+",
        },
        conversion: "{} ({})",
    },
    Words {
        code: "fr",
        bounds: Bounds {
            over: "plus de {}",
            about: "environ {}",
            nearly: "près de {}",
            plus: "{}+",
        },
        conversion: "{} ({})",
    },
    Words {
        code: "es",
        bounds: Bounds {
            over: "más de {}",
            about: "unos {}",
            nearly: "casi {}",
            plus: "{}+",
        },
        conversion: "{} ({})",
    },
    Words {
        code: "vi",
        bounds: Bounds {
            over: "hơn {}",
            about: "khoảng {}",
            nearly: "gần {}",
            plus: "{}+",
        },
        conversion: "{} ({})",
    },
];

/// English words, for a language folio has none for.
const ENGLISH: Bounds = Bounds {
    over: "over {}",
    about: "about {}",
    nearly: "nearly {}",
    plus: "{}+",
};

/// The rules of `code`, a language without rules of its own.
pub fn rules(code: &str) -> Lang {
    let words = WORDS.iter().find(|w| w.code == code);
    Lang {
        code: Box::leak(code.to_string().into_boxed_str()),
        notation: Notation::ShortScale(&SHORT_SCALE),
        currency_words: &[],
        attached_currencies: &[],
        currency_first: false,
        noun_spaced: true,
        bounds: match words {
            Some(w) => Bounds { ..w.bounds },
            None => ENGLISH,
        },
        conversion: words.map_or("{} ({})", |w| w.conversion),
        search_stems: None,
        quoted_script: Some(&KOREAN_QUOTES),
        cldr: std::sync::OnceLock::new(),
    }
}
