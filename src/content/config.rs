//! `content/site.yaml`: the report's title and languages (the only two keys required), its
//! cover data, exchange rates and options. Every key is listed in [`KEYS`], which
//! `docs/configuration.md` documents (a test keeps the two in step).
//!
//! ```yaml
//! title: My report
//! languages: [en]
//! ```

use crate::base::diag::{Diagnostic, Diagnostics, Pos};
use crate::base::localized::Localized;
use crate::base::source::Source;
use crate::content::yaml::{self, YamlIndex};
use crate::lang::cldr;
use crate::num::{CURRENCY_EXPECTED, Currency, Decimal, Quantity, Rates};
use serde::Deserialize;

/// One key of `site.yaml`: its path, type, default and an example, as the configuration
/// reference (`docs/configuration.md`) lists them.
pub struct Key {
    /// Its path (`report.isbn`, `languages[].code`).
    pub path: &'static str,
    /// What it holds.
    pub kind: &'static str,
    /// Its value when absent (`required` for the two that must be given).
    pub default: &'static str,
    /// An example value.
    pub example: &'static str,
}

const fn key(
    path: &'static str,
    kind: &'static str,
    default: &'static str,
    example: &'static str,
) -> Key {
    Key {
        path,
        kind,
        default,
        example,
    }
}

/// Every key of `site.yaml`.
pub const KEYS: &[Key] = &[
    key("title", "text", "required", "My report"),
    key("languages", "list of languages", "required", "[en, de]"),
    key(
        "languages[]",
        "a code, or `{ code, name, locale }`",
        "",
        "en",
    ),
    key("languages[].code", "BCP 47 language code", "", "en"),
    key(
        "languages[].name",
        "string",
        "the language's own name (CLDR)",
        "English",
    ),
    key(
        "languages[].locale",
        "OpenGraph locale",
        "its most likely region (CLDR)",
        "en_GB",
    ),
    key(
        "base_url",
        "absolute URL",
        "none: root-relative links, no sitemap",
        "https://example.org/report/",
    ),
    key("description", "text", "none", "What the report is about."),
    key("report", "mapping", "none", "{ series: GMR 25-046 }"),
    key(
        "report.series",
        "text",
        "none",
        "Global Market Report 25-046",
    ),
    key("report.publisher", "text", "none", "KOTRA"),
    key("report.published", "text", "none", "October 2025"),
    key("report.author", "text", "none", "Lee Jong-eun"),
    key("report.isbn", "text", "none", "979-11-402-1417-4"),
    key(
        "exchange_rates",
        "mapping",
        "none: no conversions",
        "{ base: KRW, rates: { USD: 1427.15 } }",
    ),
    key("exchange_rates.base", "ISO 4217 code", "", "KRW"),
    key(
        "exchange_rates.rates",
        "code → base units per one unit",
        "",
        "{ USD: 1427.15, CNY: 196.60 }",
    ),
    key(
        "exchange_rates.note",
        "text",
        "none",
        "Average rates of the first half of 2025.",
    ),
    key("search", "boolean", "true", "false"),
    key(
        "footnotes",
        "`report` or `chapter`",
        "report: numbered through the report",
        "chapter",
    ),
];

/// Text written once for every language, or once per language (`{ en: …, de: … }`).
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(untagged)]
pub enum Text {
    /// The same in every language.
    One(String),
    /// Per language.
    PerLanguage(Localized<String>),
}

impl Text {
    /// The text in `lang` (empty when a per-language text lacks it; loading reports that).
    pub fn text(&self, lang: &str) -> &str {
        match self {
            Text::One(s) => s,
            Text::PerLanguage(l) => l.text(lang),
        }
    }
}

/// The site configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// Absolute URL the site is published at, ending in `/`; `None`: links are root-relative
    /// and no sitemap is written.
    pub base_url: Option<String>,
    /// The languages, default first.
    pub languages: Vec<Language>,
    /// The report's title.
    pub title: Text,
    /// One-sentence description (meta description of index pages).
    pub description: Option<Text>,
    /// Cover and colophon data of the report.
    pub report: Report,
    /// The report's own exchange rates.
    pub exchange_rates: Option<ExchangeRates>,
    /// Whether to build the full-text search index and show the search box.
    pub search: bool,
    /// How footnotes are numbered.
    pub footnotes: Footnotes,
}

/// How footnotes are numbered: through each language's report, as printed reports do, or from
/// 1 in every chapter.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Footnotes {
    /// 1, 2, … through the whole report (the default).
    #[default]
    Report,
    /// From 1 in every chapter.
    Chapter,
}

/// One language of the site.
#[derive(Debug, Clone)]
pub struct Language {
    /// BCP 47 code used in paths and `lang` attributes (`ko`, `en`).
    pub code: String,
    /// The language's own name (`한국어`, `English`).
    pub name: String,
    /// OpenGraph locale (`ko_KR`).
    pub locale: String,
}

/// What the report's cover and colophon say; each is shown only where given.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Report {
    /// Series and number (`Global Market Report 25-046`).
    #[serde(default)]
    pub series: Option<Text>,
    /// Publisher.
    #[serde(default)]
    pub publisher: Option<Text>,
    /// Publication date as printed.
    #[serde(default)]
    pub published: Option<Text>,
    /// Author line.
    #[serde(default)]
    pub author: Option<Text>,
    /// ISBN as printed.
    #[serde(default)]
    pub isbn: Option<Text>,
}

/// Exchange rates used for conversions, as the report states them.
#[derive(Debug, Clone)]
pub struct ExchangeRates {
    /// The rates.
    pub rates: Rates,
    /// The rates as written, with their printed decimals (`196.60`).
    pub written: Vec<(Currency, Quantity)>,
    /// Where the rates come from, if the report says.
    pub note: Option<Text>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    base_url: Option<String>,
    #[serde(default)]
    languages: Option<Vec<RawLanguage>>,
    #[serde(default)]
    title: Option<Text>,
    #[serde(default)]
    description: Option<Text>,
    #[serde(default)]
    report: Option<Report>,
    #[serde(default)]
    exchange_rates: Option<RawRates>,
    #[serde(default)]
    search: Option<bool>,
    #[serde(default)]
    footnotes: Option<Footnotes>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawLanguage {
    Code(String),
    Full(FullLanguage),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FullLanguage {
    code: String,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    locale: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRates {
    base: String,
    rates: serde_yaml::Mapping,
    #[serde(default)]
    note: Option<Text>,
}

impl<T: serde::Serialize> serde::Serialize for Localized<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

/// Collects problems at the positions of their keys.
struct Checker<'a> {
    src: &'a Source,
    index: YamlIndex,
    ds: Diagnostics,
}

impl Checker<'_> {
    fn err(&mut self, path: &str, message: impl Into<String>, expected: impl Into<String>) {
        let pos = if path.is_empty() {
            Pos::START
        } else {
            self.index.pos(path)
        };
        self.ds
            .push(Diagnostic::error(&self.src.path, pos, message, expected));
    }

    /// A text given per language must be given in every language and only in those.
    fn text(&mut self, path: &str, t: Option<&Text>, codes: &[String]) {
        let Some(Text::PerLanguage(l)) = t else {
            return;
        };
        for missing in l.missing(codes) {
            self.err(
                path,
                format!("`{path}` has no `{missing}` text"),
                format!("a `{missing}:` entry, or one text for every language"),
            );
        }
        for unknown in l.unknown(codes) {
            self.err(
                path,
                format!("`{path}` uses unknown language `{unknown}`"),
                "one of the languages listed in `languages`",
            );
        }
    }

    fn language(&mut self, i: usize, raw: RawLanguage) -> Language {
        let (code, name, locale, at) = match raw {
            RawLanguage::Code(code) => (code, None, None, format!("languages[{i}]")),
            RawLanguage::Full(f) => (f.code, f.name, f.locale, format!("languages[{i}].code")),
        };
        let valid = code.parse::<icu_locale_core::LanguageIdentifier>().is_ok()
            && code.chars().all(|c| c.is_ascii_lowercase() || c == '-')
            && !code.is_empty();
        let name = name.or_else(|| valid.then(|| cldr::autonym(&code)).flatten());
        let locale = locale.or_else(|| valid.then(|| cldr::og_locale(&code)).flatten());
        if !valid {
            self.err(
                &at,
                format!("invalid language code `{code}`"),
                "a lowercase BCP 47 language code such as `en`, `de` or `ko`",
            );
        } else if name.is_none() || locale.is_none() {
            self.err(
                &at,
                format!("unknown language `{code}`: CLDR has no name or locale for it"),
                format!("a code CLDR knows (`en`, `de`, `ko`, `vi`…), or `{{ code: {code}, name: …, locale: … }}`"),
            );
        }
        Language {
            code,
            name: name.unwrap_or_default(),
            locale: locale.unwrap_or_default(),
        }
    }

    fn rates(&mut self, raw: RawRates) -> Option<ExchangeRates> {
        let Some(base) = Currency::from_code(&raw.base) else {
            self.err(
                "exchange_rates.base",
                format!("unknown currency `{}`", raw.base),
                CURRENCY_EXPECTED,
            );
            return None;
        };
        let mut written = Vec::new();
        let mut per = Vec::new();
        for (k, _) in &raw.rates {
            let code = k.as_str().unwrap_or_default().to_string();
            let path = format!("exchange_rates.rates.{code}");
            let Some(c) = Currency::from_code(&code) else {
                let pos = self.index.key_pos(&path);
                self.ds.push(Diagnostic::error(
                    &self.src.path,
                    pos,
                    format!("unknown currency `{code}`"),
                    CURRENCY_EXPECTED,
                ));
                continue;
            };
            let literal = self
                .index
                .node(&path)
                .and_then(|n| n.scalar.clone())
                .unwrap_or_default();
            match Quantity::read(&literal) {
                Ok(q) if q.value > Decimal::ZERO => {
                    written.push((c, q));
                    per.push((c, q.value));
                }
                _ => self.err(
                    &path,
                    format!("rate `{literal}` is not a positive number"),
                    format!("units of {} per one {code}, e.g. 1427.15", base.code()),
                ),
            }
        }
        Some(ExchangeRates {
            rates: Rates { base, per },
            written,
            note: raw.note,
        })
    }
}

impl Config {
    /// Reads and validates `site.yaml`, reporting every problem at once.
    pub fn load(src: &Source) -> Result<Config, Diagnostics> {
        let raw: RawConfig = yaml::parse_file(src).map_err(Diagnostics::from)?;
        let mut c = Checker {
            src,
            index: YamlIndex::build(&src.text, 1),
            ds: Diagnostics::new(),
        };
        if raw.title.is_none() {
            c.err(
                "",
                "site.yaml has no `title`",
                "`title: <the report's title>` (one text, or one per language)",
            );
        }
        let languages: Vec<Language> = match raw.languages {
            None => {
                c.err(
                    "",
                    "site.yaml has no `languages`",
                    "`languages: [en]` (the default first)",
                );
                Vec::new()
            }
            Some(l) if l.is_empty() => {
                c.err(
                    "languages",
                    "no languages",
                    "at least one language, e.g. `[en]`",
                );
                Vec::new()
            }
            Some(l) => l
                .into_iter()
                .enumerate()
                .map(|(i, raw)| c.language(i, raw))
                .collect(),
        };
        let mut codes: Vec<String> = Vec::new();
        for (i, l) in languages.iter().enumerate() {
            if codes.contains(&l.code) {
                c.err(
                    &format!("languages[{i}]"),
                    format!("language `{}` is listed twice", l.code),
                    "each language once",
                );
            }
            codes.push(l.code.clone());
        }
        let base_url = raw.base_url.map(|mut u| {
            if !(u.starts_with("https://") || u.starts_with("http://")) {
                c.err(
                    "base_url",
                    format!("base_url `{u}` is not an absolute URL"),
                    "an address such as `https://example.org/report/`",
                );
            }
            if !u.ends_with('/') {
                u.push('/');
            }
            u
        });
        let report = raw.report.unwrap_or_default();
        let exchange_rates = raw.exchange_rates.and_then(|r| c.rates(r));
        for (path, t) in [
            ("title", raw.title.as_ref()),
            ("description", raw.description.as_ref()),
            ("report.series", report.series.as_ref()),
            ("report.publisher", report.publisher.as_ref()),
            ("report.published", report.published.as_ref()),
            ("report.author", report.author.as_ref()),
            ("report.isbn", report.isbn.as_ref()),
            (
                "exchange_rates.note",
                exchange_rates.as_ref().and_then(|r| r.note.as_ref()),
            ),
        ] {
            c.text(path, t, &codes);
        }
        if !c.ds.is_empty() {
            return Err(c.ds);
        }
        Ok(Config {
            base_url,
            languages,
            title: raw.title.unwrap_or(Text::One(String::new())),
            description: raw.description,
            report,
            exchange_rates,
            search: raw.search.unwrap_or(true),
            footnotes: raw.footnotes.unwrap_or_default(),
        })
    }

    /// Language codes, default first.
    pub fn codes(&self) -> Vec<String> {
        self.languages.iter().map(|l| l.code.clone()).collect()
    }

    /// The default language's code.
    pub fn default_language(&self) -> &str {
        &self.languages[0].code
    }

    /// The language with `code`.
    pub fn language(&self, code: &str) -> Option<&Language> {
        self.languages.iter().find(|l| l.code == code)
    }

    /// The exchange rates as a converter, if the site has any.
    pub fn rates(&self) -> Option<&Rates> {
        self.exchange_rates.as_ref().map(|r| &r.rates)
    }

    /// The folder of a language's edition in the site: `ko/`; `""` in a site of one language,
    /// whose pages have no language in their addresses (`/market-size/`).
    pub fn edition(&self, lang: &str) -> String {
        if self.languages.len() == 1 {
            String::new()
        } else {
            format!("{lang}/")
        }
    }

    /// The address of chapter `slug` in `lang`, from the site root: `ko/market-size/`.
    pub fn chapter_url(&self, lang: &str, slug: &str) -> String {
        format!("{}{slug}/", self.edition(lang))
    }

    /// The prefix of every address (`https://example.org/report/`, or `/`).
    pub fn base(&self) -> &str {
        self.base_url.as_deref().unwrap_or("/")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub const SITE: &str = "base_url: https://example.org/r
languages:
  - { code: ko, name: 한국어, locale: ko_KR }
title: { ko: 보고서 }
description: { ko: 설명 }
report:
  series: GMR 1
  publisher: { ko: KOTRA }
  published: { ko: 2025년 10월 }
  author: { ko: 이종은 }
  isbn: 979-0
exchange_rates:
  base: KRW
  note: { ko: 환율 }
  rates: { USD: 1427.15, CNY: 196.60 }
";

    fn errors(text: &str) -> Vec<String> {
        Config::load(&Source::new("site.yaml", text))
            .err()
            .map(|ds| ds.sorted().into_iter().map(|d| d.to_string()).collect())
            .unwrap_or_default()
    }

    #[test]
    fn loads_and_normalises_base_url() {
        let c = Config::load(&Source::new("site.yaml", SITE)).unwrap();
        assert_eq!(c.base_url.as_deref(), Some("https://example.org/r/"));
        assert_eq!(c.default_language(), "ko");
        assert_eq!(
            c.rates().unwrap().rate(Currency::CNY),
            Some("196.60".parse().unwrap())
        );
        assert_eq!(c.exchange_rates.unwrap().written[1].1.decimals, 2);
    }

    #[test]
    fn reports_every_problem_with_its_line() {
        let bad = SITE
            .replace("https://example.org/r", "example.org")
            .replace("description: { ko: 설명 }", "description: { en: x }");
        let errs = errors(&bad);
        assert_eq!(errs.len(), 3, "{errs:#?}");
        assert!(
            errs[0].starts_with(
                "site.yaml:1:11: error: base_url `example.org` is not an absolute URL"
            )
        );
        assert!(errs[1].contains("`description` has no `ko` text"));
        assert!(errs[2].contains("`description` uses unknown language `en`"));
    }

    #[test]
    fn two_lines_are_a_whole_configuration() {
        let c = Config::load(&Source::new(
            "site.yaml",
            "title: My report\nlanguages: [en]\n",
        ))
        .unwrap();
        assert_eq!(c.title.text("en"), "My report");
        assert_eq!(c.languages[0].name, "English");
        assert_eq!(c.languages[0].locale, "en_US");
        assert!(c.base_url.is_none() && c.rates().is_none() && c.search);
        let c = Config::load(&Source::new(
            "site.yaml",
            "title: Bericht\nlanguages: [de, vi]\n",
        ))
        .unwrap();
        assert_eq!(c.languages[0].name, "Deutsch");
        assert_eq!(c.languages[1].name, "Tiếng Việt");
        assert_eq!(c.languages[1].locale, "vi_VN");
    }

    #[test]
    fn missing_keys_are_all_reported_and_unknown_ones_list_the_keys() {
        let errs = errors("search: false\n");
        assert_eq!(errs.len(), 2, "{errs:#?}");
        assert!(errs[0].contains("has no `languages`"), "{}", errs[0]);
        assert!(errs[1].contains("has no `title`"), "{}", errs[1]);
        let errs = errors("title: x\nlanguages: [en]\ntitel: y\n");
        assert!(
            errs[0].starts_with("site.yaml:3:1: error: unknown field `titel`")
                && errs[0].contains("`base_url`, `languages`, `title`, `description`"),
            "{errs:?}"
        );
        let errs = errors("title: x\nlanguages: [en, Xx, qqq]\n");
        assert_eq!(errs.len(), 2, "{errs:#?}");
        assert!(
            errs[0].contains("invalid language code `Xx`"),
            "{}",
            errs[0]
        );
        assert!(errs[1].contains("unknown language `qqq`"), "{}", errs[1]);
        let errs = errors(
            "title: x\nlanguages: [en]\nexchange_rates: { base: KRW, rates: { EUR: 1500, XYZ: 2, USD: -1 } }\n",
        );
        assert_eq!(errs.len(), 2, "{errs:#?}");
        assert!(errs[0].contains("unknown currency `XYZ`"), "{}", errs[0]);
        assert!(
            errs[1].contains("rate `-1` is not a positive number"),
            "{}",
            errs[1]
        );
        let errs = errors("title: x\nlanguages: [en]\nexchange_rates: { base: WON, rates: {} }\n");
        assert!(errs[0].contains("unknown currency `WON`"), "{errs:?}");
    }

    /// The configuration reference (`docs/configuration.md`) lists exactly the keys of
    /// [`KEYS`], and [`KEYS`] the keys the code reads: its top-level keys are those serde
    /// accepts, and a configuration of every example value loads.
    #[test]
    fn the_configuration_reference_is_the_code() {
        let doc = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/configuration.md"),
        )
        .unwrap();
        let documented: Vec<&str> = doc
            .lines()
            .filter_map(|l| l.strip_prefix("| `"))
            .filter_map(|l| l.split_once('`').map(|(k, _)| k))
            .collect();
        let keys: Vec<&str> = KEYS.iter().map(|k| k.path).collect();
        assert_eq!(
            documented, keys,
            "docs/configuration.md against config::KEYS"
        );
        let squeeze = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        let rows = squeeze(&doc);
        for k in KEYS {
            let row = format!(
                "| `{}` | {} | {} | `{}` |",
                k.path, k.kind, k.default, k.example
            );
            assert!(
                rows.contains(&squeeze(&row)),
                "docs/configuration.md: the row of `{}` differs from config::KEYS",
                k.path
            );
        }
        // The top-level keys serde accepts, as its message for an unknown one lists them.
        let errs = errors("nope: 1\n");
        let listed = errs[0].split("expected one of ").nth(1).unwrap();
        let accepted: Vec<String> = listed
            .split(", ")
            .map(|k| k.trim_matches('`').to_string())
            .collect();
        let mut top: Vec<String> = KEYS
            .iter()
            .filter(|k| !k.path.contains(['.', '[']))
            .map(|k| k.path.to_string())
            .collect();
        let mut accepted_sorted = accepted.clone();
        accepted_sorted.sort();
        top.sort();
        assert_eq!(accepted_sorted, top);
        // Every example, at once.
        let all = "title: My report
languages: [en, { code: de, name: Deutsch, locale: de_DE }]
base_url: https://example.org/report/
description: What the report is about.
report: { series: Global Market Report 25-046, publisher: KOTRA, published: October 2025, author: Lee Jong-eun, isbn: 979-11-402-1417-4 }
exchange_rates: { base: KRW, rates: { USD: 1427.15, CNY: 196.60 }, note: Average rates of the first half of 2025. }
search: false
";
        let c = Config::load(&Source::new("site.yaml", all)).unwrap();
        assert_eq!(c.report.isbn.unwrap().text("de"), "979-11-402-1417-4");
        assert!(!c.search);
    }
}
