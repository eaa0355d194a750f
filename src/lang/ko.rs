//! Korean: the report's own way of writing figures (myriad units, `2,697억 위안`, `약 371억
//! 5,300만 달러`, `1조 위안 돌파`), and its particles and endings, for search.
//!
//! Pagefind matches a query against the start of whole words: `서울` finds `서울과`, but
//! `지역별` does not find `지역의`. So the text given to the indexer splits a stem from its
//! particle (`지역 ^의`), which makes Pagefind index the stem as a word of its own; the search box
//! strips particles from the query with the same list ([`SUFFIXES`], written into the page's
//! script at build time), and removes ` ^` from what it shows, so readers see `지역의`.
//!
//! The split is a space, not just a mark inside the word (`지역^의`): a word holding punctuation
//! takes Pagefind's compound-word path, which indexes the whole word and each part, and that
//! made a Korean page cost the indexer nearly three times an English one (twice, split).

use super::notation::Myriad;
use super::{Bounds, Lang, Notation, SearchStems};

/// Korean rules.
pub static KO: Lang = Lang {
    code: "ko",
    notation: Notation::Myriad(&MYRIAD),
    currency_words: &[
        ("USD", "달러"),
        ("CNY", "위안"),
        ("KRW", "원"),
        ("JPY", "엔"),
        ("EUR", "유로"),
    ],
    // 원 attaches to the number (1,427.15원); 위안 and 달러 stand apart (2,697억 위안).
    attached_currencies: &["KRW"],
    currency_first: false,
    noun_spaced: false,
    bounds: Bounds {
        over: "{} 돌파",
        about: "약 {}",
        nearly: "{} 육박",
        plus: "{}여",
    },
    conversion: "{}({})",
    search_stems: Some(&STEMS),
    quoted_script: None,
    cldr: std::sync::OnceLock::new(),
};

static MYRIAD: Myriad = Myriad {
    units: &[(12, "조"), (8, "억"), (4, "만")],
    spaced: true,
    thousand: Some("천"),
    places: &[('천', 3), ('백', 2), ('십', 1)],
    scale_words: &[
        (12, "조"),
        (8, "억"),
        (7, "천만"),
        (6, "백만"),
        (4, "만"),
        (3, "천"),
    ],
    // Converted 억 amounts to 100만 (`약 371억 5,300만 달러`), smaller ones to 만.
    converted_precision: &[(8, 6), (0, 4)],
};

static STEMS: SearchStems = SearchStems {
    suffixes: SUFFIXES,
    mark_html: mark_stems_in_html,
};

/// An amount in base units in Korean myriad notation, to `precision` (a power of ten):
/// `2,697억` for (2.697e11, 1e8). For tests and computed amounts; stated figures are written
/// from their exact digits ([`super::Formatter`]).
pub fn myriad(amount: f64, precision: f64) -> String {
    match crate::num::decimal_of(amount) {
        Some(a) => MYRIAD.write(KO.cldr(), a, precision.log10().round() as i32),
        None => amount.to_string(),
    }
}

/// True for Hangul syllables and jamo.
pub fn is_hangul(c: char) -> bool {
    matches!(c, '\u{AC00}'..='\u{D7A3}' | '\u{1100}'..='\u{11FF}' | '\u{3130}'..='\u{318F}')
}

/// The boundary mark in the indexer's copy of a page, ASCII punctuation that never occurs in
/// the report's text: after a space before a particle (`지역 ^의`), and alone where Hangul is
/// glued to Latin letters or digits (`AI^반도체칩`: Pagefind splits compounds at punctuation, so
/// `반도체` finds it, and `AI반도체` still finds the whole word).
pub const STEM_MARK: char = '^';

/// Particles and endings that may follow a stem, longest first within each group.
pub const SUFFIXES: &[&str] = &[
    // Case particles and combinations.
    "에서는",
    "에서도",
    "에서의",
    "으로는",
    "으로도",
    "으로서",
    "으로써",
    "에게서",
    "까지는",
    "부터는",
    "이라는",
    "이라고",
    "에서",
    "에게",
    "으로",
    "까지",
    "부터",
    "보다",
    "처럼",
    "마다",
    "조차",
    "에는",
    "에도",
    "와는",
    "과는",
    "이나",
    "이며",
    "이고",
    "이다",
    "라는",
    "라고",
    "은",
    "는",
    "이",
    "가",
    "을",
    "를",
    "의",
    "에",
    "로",
    "와",
    "과",
    "도",
    "만",
    // Verb and adjective endings of 하다 / 되다.
    "하였다",
    "했으며",
    "하면서",
    "되면서",
    "하는",
    "했다",
    "하며",
    "하고",
    "한다",
    "하여",
    "되는",
    "됐다",
    "되며",
    "되고",
    "되어",
    "돼",
    "한",
    "함",
    "된",
    "됨",
    // Noun suffixes that narrow a noun (by, plural, -ic, for, between, type, within).
    "별",
    "들",
    "적",
    "용",
    "간",
    "형",
    "내",
];

fn syllables(s: &str) -> usize {
    s.chars().count()
}

fn is_hangul_syllable(c: char) -> bool {
    ('\u{AC00}'..='\u{D7A3}').contains(&c)
}

/// The stem of a Korean word: at most two suffixes removed (`지역별로` → `지역`), never
/// leaving fewer than two syllables (`국가`, `인도` stay whole). Other words are returned as is.
pub fn stem(word: &str) -> &str {
    let mut w = word;
    for _ in 0..2 {
        if !w.chars().all(is_hangul_syllable) {
            return w;
        }
        match SUFFIXES
            .iter()
            .find(|s| w.ends_with(*s) && syllables(w) - syllables(s) >= 2)
        {
            Some(s) => w = &w[..w.len() - s.len()],
            None => break,
        }
    }
    w
}

/// `text` with every Korean word's suffixes split from its stem by ` ^`, for indexing. Only
/// runs of Hangul syllables are touched; everything else is copied as is.
pub fn mark_stems(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        if !word.is_empty() {
            let s = stem(word);
            out.push_str(s);
            if s.len() < word.len() {
                out.push(' ');
                out.push(STEM_MARK);
                out.push_str(&word[s.len()..]);
            }
            word.clear();
        }
    };
    let mut previous = ' ';
    for c in text.chars() {
        if is_hangul_syllable(c) {
            // `AI반도체칩`: Latin letters or digits glued to Korean make one word for the
            // indexer; a mark lets `반도체` find it.
            if word.is_empty() && previous.is_ascii_alphanumeric() {
                out.push(STEM_MARK);
            }
            word.push(c);
            previous = c;
        } else {
            previous = c;
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

/// [`mark_stems`] applied to the text of an HTML document (tags and attributes untouched).
pub fn mark_stems_in_html(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 8);
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&mark_stems(&rest[..lt]));
        let gt = rest[lt..]
            .find('>')
            .map(|g| lt + g + 1)
            .unwrap_or(rest.len());
        out.push_str(&rest[lt..gt]);
        rest = &rest[gt..];
    }
    out.push_str(&mark_stems(rest));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems() {
        let cases = [
            ("중국의", "중국"),
            ("중국은", "중국"),
            ("반도체의", "반도체"),
            ("시장규모는", "시장규모"),
            ("지역별", "지역"),
            ("지역의", "지역"),
            ("지역별로", "지역"),
            ("증가했다", "증가"),
            ("확대되고", "확대"),
            ("기업들이", "기업"),
            ("전략적", "전략"),
            ("차량용", "차량"),
            ("반도체칩", "반도체칩"),
            ("자율주행차", "자율주행차"),
            ("국가", "국가"),
            ("인도", "인도"),
            ("서울과", "서울"),
            ("AI기업", "AI기업"),
            ("2024년", "2024년"),
        ];
        for (word, expected) in cases {
            assert_eq!(stem(word), expected, "{word}");
        }
    }

    #[test]
    fn marking() {
        assert_eq!(
            mark_stems("중국의 반도체칩 시장규모는 2024년"),
            "중국 ^의 반도체칩 시장규모 ^는 2024^년"
        );
        assert_eq!(mark_stems("AI반도체칩을"), "AI^반도체칩 ^을");
        assert_eq!(
            mark_stems_in_html("<p class=\"지역의\">지역의</p>"),
            "<p class=\"지역의\">지역 ^의</p>"
        );
    }
}
