//! `content/glossary.yaml`: one English form for every proper name and recurring term, which
//! translators and data tables follow and `folio check` compares pages with.

use crate::base::diag::{Diagnostic, Diagnostics};
use crate::base::source::Source;
use crate::content::yaml::{self, YamlIndex};
use serde::Deserialize;
use std::collections::BTreeMap;

/// One term.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Term {
    /// The Korean form, as the content writes it.
    pub ko: String,
    /// The English form.
    pub en: String,
    /// Chinese characters, where the report prints them.
    #[serde(default)]
    pub zh: Option<String>,
    /// A short note for translators.
    #[serde(default)]
    pub note: Option<String>,
}

/// The glossary.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Glossary {
    /// All terms, in file order.
    pub terms: Vec<Term>,
}

impl Glossary {
    /// Loads and validates the glossary: no empty forms, each Korean form once.
    pub fn load(src: &Source) -> Result<Glossary, Diagnostics> {
        let mut ds = Diagnostics::new();
        let g: Glossary = match yaml::parse_file(src) {
            Ok(g) => g,
            Err(d) => {
                ds.push(d);
                return Err(ds);
            }
        };
        let index = YamlIndex::build(&src.text, 1);
        let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
        for (i, t) in g.terms.iter().enumerate() {
            if t.ko.trim().is_empty() || t.en.trim().is_empty() {
                ds.push(Diagnostic::error(
                    &src.path,
                    index.pos(&format!("terms[{i}]")),
                    "a glossary term has an empty form",
                    "both `ko` and `en` written",
                ));
            }
            if let Some(first) = seen.insert(&t.ko, i) {
                ds.push(Diagnostic::error(
                    &src.path,
                    index.pos(&format!("terms[{i}].ko")),
                    format!(
                        "`{}` is in the glossary twice (also entry {})",
                        t.ko,
                        first + 1
                    ),
                    "each Korean form once",
                ));
            }
        }
        if ds.is_empty() { Ok(g) } else { Err(ds) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duplicates_and_unknown_keys() {
        let ok = Glossary::load(&Source::new(
            "g.yaml",
            "terms:\n  - { ko: 바이두, en: Baidu, zh: 百度 }\n",
        ))
        .unwrap();
        assert_eq!(ok.terms[0].en, "Baidu");
        let dup = Glossary::load(&Source::new(
            "g.yaml",
            "terms:\n  - { ko: 바이두, en: Baidu }\n  - { ko: 바이두, en: Baidoo }\n",
        ))
        .unwrap_err()
        .sorted();
        assert_eq!(
            dup[0].to_string(),
            "g.yaml:3:11: error: `바이두` is in the glossary twice (also entry 1) — expected each Korean form once"
        );
        let unknown = Glossary::load(&Source::new(
            "g.yaml",
            "terms:\n  - { ko: a, en: b, fr: c }\n",
        ))
        .unwrap_err()
        .sorted();
        assert!(unknown[0].message.contains("unknown field `fr`"));
    }
}
