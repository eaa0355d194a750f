//! Text written once per language: `{ ko: 연도, en: Year }`.

use serde::Deserialize;
use std::collections::BTreeMap;

/// A value per language code. Which languages must be present is checked by the loader that
/// knows the site's languages ([`Localized::missing`]).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(transparent)]
pub struct Localized<T>(pub BTreeMap<String, T>);

impl<T> Default for Localized<T> {
    fn default() -> Self {
        Localized(BTreeMap::new())
    }
}

impl<T> Localized<T> {
    /// The value for `lang`, if written.
    pub fn get(&self, lang: &str) -> Option<&T> {
        self.0.get(lang)
    }

    /// Language codes of `required` that have no value here.
    pub fn missing<'a>(&self, required: &'a [String]) -> Vec<&'a str> {
        required
            .iter()
            .filter(|l| !self.0.contains_key(l.as_str()))
            .map(String::as_str)
            .collect()
    }

    /// Language codes used here that are not in `known`.
    pub fn unknown(&self, known: &[String]) -> Vec<&str> {
        self.0
            .keys()
            .filter(|k| !known.contains(k))
            .map(String::as_str)
            .collect()
    }
}

impl Localized<String> {
    /// The text for `lang`, or the empty string.
    pub fn text(&self, lang: &str) -> &str {
        self.get(lang).map(String::as_str).unwrap_or("")
    }
}
