//! Heading ids that keep Hangul and Hanja: `## 2) 주강삼각주(珠江三角洲)` → `주강삼각주珠江三角洲`.
//!
//! Ids and the anchors of links are in Unicode NFC ([`nfc`]): Hangul typed on one system as
//! syllables (`장`) and on another as letters (`ᄌ` `ᅡ` `ᆼ`, NFD) is the same id.
//!
//! Leading enumerators (`1.`, `1)`, `I.`, `①`, `○`) are dropped so an id survives renumbering,
//! punctuation is dropped, spaces become `-`, Latin letters are lowercased. Ids made here never
//! contain `:`, so the ids folio generates itself (`fn:1`, `fig:3`) cannot clash with them.

use std::collections::{HashMap, HashSet};
use unicode_normalization::UnicodeNormalization;

/// `s` in Unicode NFC, the form ids and anchors are compared in.
pub fn nfc(s: &str) -> String {
    if unicode_normalization::is_nfc(s) {
        s.to_string()
    } else {
        s.nfc().collect()
    }
}

/// The id of a heading's text (in NFC).
pub fn heading_id(text: &str) -> String {
    let text = nfc(text);
    let text = text.as_str();
    let mut rest = text.trim();
    rest = strip_enumerator(rest);
    let mut out = String::new();
    let mut dash = false;
    for c in rest.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
            dash = false;
        } else if (c.is_whitespace() || c == '-') && !out.is_empty() && !dash {
            out.push('-');
            dash = true;
        } else if c == '_' {
            out.push('_');
            dash = false;
        }
    }
    let trimmed = out.trim_end_matches('-');
    if trimmed.is_empty() {
        "section".to_string()
    } else {
        trimmed.to_string()
    }
}

fn strip_enumerator(s: &str) -> &str {
    let s = s.trim_start();
    // Symbols used as bullets or numbers in the report.
    if let Some(c) = s.chars().next()
        && "○◦●■□▪◆◇※①②③④⑤⑥⑦⑧⑨⑩❶❷❸❹❺❻❼❽❾❿".contains(c)
    {
        return s[c.len_utf8()..].trim_start();
    }
    // `1.`, `1)`, `12.`, `I.`, `IV.`, `(1)` followed by a space.
    let inner = s.strip_prefix('(').unwrap_or(s);
    let token_len = inner
        .find(|c: char| !(c.is_ascii_digit() || "IVXLC".contains(c)))
        .unwrap_or(inner.len());
    if token_len > 0 {
        let token = &inner[..token_len];
        let all_digits = token.chars().all(|c| c.is_ascii_digit());
        let all_roman = token.chars().all(|c| "IVXLC".contains(c));
        let after = &inner[token_len..];
        if all_digits || all_roman {
            for end in [". ", ") "] {
                if let Some(rest) = after.strip_prefix(end) {
                    return rest.trim_start();
                }
            }
        }
    }
    s
}

/// Hands out unique ids on one page: a repeated id gets `-1`, `-2`, … appended.
#[derive(Debug, Default, Clone)]
pub struct IdSet {
    used: HashSet<String>,
    /// For each wanted id, the next `N` to try: every `wanted-M` below it is taken, so a page
    /// with many equal headings does not retry `-1`, `-2`, … each time (quadratic).
    next: HashMap<String, usize>,
}

impl IdSet {
    /// An empty set.
    pub fn new() -> Self {
        Self::default()
    }

    /// `wanted`, or the first free `wanted-N`.
    pub fn claim(&mut self, wanted: &str) -> String {
        if self.used.insert(wanted.to_string()) {
            return wanted.to_string();
        }
        let n = self.next.entry(wanted.to_string()).or_insert(1);
        loop {
            let candidate = format!("{wanted}-{n}");
            *n += 1;
            if self.used.insert(candidate.clone()) {
                return candidate;
            }
        }
    }

    /// True when `id` is taken.
    pub fn contains(&self, id: &str) -> bool {
        self.used.contains(id)
    }

    /// Marks an id as taken (ids made elsewhere, e.g. explicit `{#id}`).
    pub fn insert(&mut self, id: &str) -> bool {
        self.used.insert(id.to_string())
    }

    /// All ids.
    pub fn into_set(self) -> HashSet<String> {
        self.used
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_hangul_and_hanja() {
        let cases = [
            ("1. 시장 규모와 전망", "시장-규모와-전망"),
            ("2) 주강삼각주(珠江三角洲)", "주강삼각주珠江三角洲"),
            ("IV. 참고 자료", "참고-자료"),
            (
                "○ 현지 법인 및 제조 거점 확보",
                "현지-법인-및-제조-거점-확보",
            ),
            ("◦ 협력의 핵심", "협력의-핵심"),
            (
                "3. 중국의 AI의료 산업체인 별 핵심 기업 리스트",
                "중국의-ai의료-산업체인-별-핵심-기업-리스트",
            ),
            ("Market size: 2024 — outlook", "market-size-2024-outlook"),
            ("AI + 제조업", "ai-제조업"),
            ("2024년 현황", "2024년-현황"),
            ("I like it", "i-like-it"),
            ("!!!", "section"),
            ("snake_case", "snake_case"),
        ];
        for (text, id) in cases {
            assert_eq!(heading_id(text), id, "{text}");
        }
    }

    #[test]
    fn ids_are_unique_per_page() {
        let mut ids = IdSet::new();
        assert_eq!(ids.claim("요약"), "요약");
        assert_eq!(ids.claim("요약"), "요약-1");
        assert_eq!(ids.claim("요약"), "요약-2");
        ids.insert("x-1");
        assert_eq!(ids.claim("x"), "x");
        assert_eq!(ids.claim("x"), "x-2");
    }
}
