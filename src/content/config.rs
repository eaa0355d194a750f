//! `content/site.yaml`: languages, titles, the report's cover data and exchange rates.

use crate::base::diag::{Diagnostic, Diagnostics};
use crate::base::localized::Localized;
use crate::base::source::Source;
use crate::content::yaml::{self, YamlIndex};
use crate::num::{Currency, Rates};
use serde::Deserialize;
use std::collections::BTreeMap;

/// The site configuration.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Absolute URL the site is published at, ending in `/`.
    pub base_url: String,
    /// The languages, default first.
    pub languages: Vec<Language>,
    /// Site title per language.
    pub title: Localized<String>,
    /// One-sentence description per language (meta description of index pages).
    pub description: Localized<String>,
    /// Cover and colophon data of the report.
    pub report: Report,
    /// The report's own exchange rates.
    pub exchange_rates: ExchangeRates,
    /// Whether to build the full-text search index and show the search box (default: yes).
    #[serde(default = "yes")]
    pub search: bool,
}

fn yes() -> bool {
    true
}

/// One language of the site.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Language {
    /// BCP 47 code used in paths and `lang` attributes (`ko`, `en`).
    pub code: String,
    /// The language's own name (`한국어`, `English`).
    pub name: String,
    /// OpenGraph locale (`ko_KR`).
    pub locale: String,
}

/// What the report's cover and colophon say.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Report {
    /// Series and number (`Global Market Report 25-046`).
    pub series: String,
    /// Publisher per language.
    pub publisher: Localized<String>,
    /// Publication date as printed, per language.
    pub published: Localized<String>,
    /// Author line per language.
    pub author: Localized<String>,
    /// ISBN as printed.
    pub isbn: String,
}

/// Exchange rates used for conversions, as the report states them.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExchangeRates {
    /// The report's 일러두기 sentence on the rates, per language.
    pub note: Localized<String>,
    /// Won per one unit of each currency.
    pub krw_per: BTreeMap<Currency, f64>,
}

impl<T: serde::Serialize> serde::Serialize for Localized<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

impl Config {
    /// Reads and validates `site.yaml`.
    pub fn load(src: &Source) -> Result<Config, Diagnostics> {
        let mut ds = Diagnostics::new();
        let mut config: Config = match yaml::parse_file(src) {
            Ok(c) => c,
            Err(d) => {
                ds.push(d);
                return Err(ds);
            }
        };
        let index = YamlIndex::build(&src.text, 1);
        let mut err = |path: &str, msg: String, expected: &str| {
            ds.push(Diagnostic::error(&src.path, index.pos(path), msg, expected));
        };
        if !(config.base_url.starts_with("https://") || config.base_url.starts_with("http://")) {
            err(
                "base_url",
                format!("base_url `{}` is not an absolute URL", config.base_url),
                "an address such as `https://example.org/report/`",
            );
        }
        if !config.base_url.ends_with('/') {
            config.base_url.push('/');
        }
        if config.languages.is_empty() {
            err("languages", "no languages".into(), "at least one language");
        }
        let mut codes: Vec<String> = Vec::new();
        for (i, l) in config.languages.iter().enumerate() {
            let valid =
                (2..=3).contains(&l.code.len()) && l.code.chars().all(|c| c.is_ascii_lowercase());
            if !valid {
                err(
                    &format!("languages[{i}].code"),
                    format!("invalid language code `{}`", l.code),
                    "a two- or three-letter lowercase code such as `ko` or `en`",
                );
            } else if codes.contains(&l.code) {
                err(
                    &format!("languages[{i}].code"),
                    format!("language `{}` is listed twice", l.code),
                    "each language once",
                );
            }
            codes.push(l.code.clone());
        }
        let localized: [(&str, &Localized<String>); 6] = [
            ("title", &config.title),
            ("description", &config.description),
            ("report.publisher", &config.report.publisher),
            ("report.published", &config.report.published),
            ("report.author", &config.report.author),
            ("exchange_rates.note", &config.exchange_rates.note),
        ];
        for (path, l) in localized {
            for missing in l.missing(&codes) {
                err(
                    path,
                    format!("`{path}` has no `{missing}` text"),
                    &format!("a `{missing}:` entry"),
                );
            }
            for unknown in l.unknown(&codes) {
                err(
                    path,
                    format!("`{path}` uses unknown language `{unknown}`"),
                    "one of the languages listed in `languages`",
                );
            }
        }
        for (c, rate) in &config.exchange_rates.krw_per {
            if !(rate.is_finite() && *rate > 0.0) {
                err(
                    &format!("exchange_rates.krw_per.{}", c.code()),
                    format!("rate {rate} is not a positive number"),
                    "won per one unit, e.g. 1427.15",
                );
            }
        }
        if ds.is_empty() { Ok(config) } else { Err(ds) }
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

    /// The exchange rates as a converter.
    pub fn rates(&self) -> Rates {
        Rates {
            krw_per: self
                .exchange_rates
                .krw_per
                .iter()
                .map(|(c, r)| (*c, *r))
                .collect(),
        }
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
  note: { ko: 환율 }
  krw_per: { USD: 1427.15, CNY: 196.60 }
";

    #[test]
    fn loads_and_normalises_base_url() {
        let c = Config::load(&Source::new("site.yaml", SITE)).unwrap();
        assert_eq!(c.base_url, "https://example.org/r/");
        assert_eq!(c.default_language(), "ko");
        assert_eq!(c.rates().krw(Currency::CNY), Some(196.6));
    }

    #[test]
    fn reports_every_problem_with_its_line() {
        let bad = SITE
            .replace("https://example.org/r", "example.org")
            .replace("description: { ko: 설명 }", "description: { en: x }");
        let errs: Vec<String> = Config::load(&Source::new("site.yaml", bad))
            .unwrap_err()
            .sorted()
            .into_iter()
            .map(|d| d.to_string())
            .collect();
        assert_eq!(errs.len(), 3, "{errs:#?}");
        assert!(
            errs[0].starts_with(
                "site.yaml:1:11: error: base_url `example.org` is not an absolute URL"
            )
        );
        assert!(errs[1].contains("`description` has no `ko` text"));
        assert!(errs[2].contains("`description` uses unknown language `en`"));
    }
}
