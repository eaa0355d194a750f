//! UI strings per language: `content/i18n/<lang>.yaml`, a flat `key: text` mapping.
//!
//! The keys the generator itself uses are listed in [`REQUIRED`]; templates may use more. Every
//! language must define the same keys as the default language, so a string can never be
//! missing from one edition only.

use crate::base::diag::{Diagnostic, Diagnostics, Pos};
use crate::base::source::Source;
use crate::content::yaml::{self, YamlIndex};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Keys the Rust side writes into pages.
pub const REQUIRED: &[&str] = &[
    "figure",
    "table",
    "unit",
    "source",
    "note",
    "editorial_note",
    "estimate",
    "derived",
    "derived_item",
    "not_stated",
    "chart_year",
    "chart_year_estimate",
    "chart_gaps",
    "chart_unavailable",
    "lost_figure",
    "footnotes",
    "back_to_text",
    "note_box",
    "case_box",
    "interview_box",
    "data_table",
    "download_csv",
    "download_svg",
    "print_edition",
    "search",
    "search_placeholder",
    "search_no_results",
];

/// The UI strings of one language.
#[derive(Debug, Clone, Default, serde::Serialize)]
#[serde(transparent)]
pub struct Strings(pub BTreeMap<String, String>);

impl Strings {
    /// The string for `key` (empty when undefined; loading guarantees [`REQUIRED`] keys).
    pub fn get(&self, key: &str) -> &str {
        self.0.get(key).map(String::as_str).unwrap_or("")
    }
}

/// Loads one language's strings, checking the keys the generator needs.
pub fn load(src: &Source) -> Result<Strings, Diagnostics> {
    load_over(src, None)
}

/// The built-in strings of `lang` (folio's theme), if it has them.
pub fn built_in(lang: &str) -> Option<Strings> {
    let text = crate::theme::strings(lang)?;
    load(&Source::new(format!("(built-in)/i18n/{lang}.yaml"), text)).ok()
}

/// Loads one language's strings over `base` (the built-in ones): a key of the file replaces
/// the built-in string; the keys the generator needs must be in one or the other.
pub fn load_over(src: &Source, base: Option<&Strings>) -> Result<Strings, Diagnostics> {
    let mut ds = Diagnostics::new();
    let mut map: BTreeMap<String, String> = match yaml::parse_file(src) {
        Ok(m) => m,
        Err(d) => {
            ds.push(d);
            return Err(ds);
        }
    };
    // A key written twice would silently keep its last text.
    for (key, first, again) in YamlIndex::build(&src.text, 1).duplicates() {
        ds.push(Diagnostic::error(
            &src.path,
            *again,
            format!(
                "UI string `{key}` is defined twice (also on line {})",
                first.line
            ),
            "each key once",
        ));
    }
    if let Some(base) = base {
        for (k, v) in &base.0 {
            map.entry(k.clone()).or_insert_with(|| v.clone());
        }
    }
    for key in REQUIRED {
        if !map.contains_key(*key) {
            ds.push(Diagnostic::error(
                &src.path,
                Pos::START,
                format!("missing UI string `{key}`"),
                format!("a line `{key}: …`"),
            ));
        }
    }
    if ds.is_empty() {
        Ok(Strings(map))
    } else {
        Err(ds)
    }
}

/// Reports keys that `other` lacks or adds compared with the default language's strings.
pub fn compare(
    default: &Strings,
    default_path: &str,
    other: &Strings,
    other_src: &Source,
) -> Vec<Diagnostic> {
    let index = YamlIndex::build(&other_src.text, 1);
    let mut out = Vec::new();
    for key in default.0.keys() {
        if !other.0.contains_key(key) {
            out.push(Diagnostic::error(
                &other_src.path,
                Pos::START,
                format!("missing UI string `{key}` (defined in {default_path})"),
                format!("a line `{key}: …`"),
            ));
        }
    }
    for key in other.0.keys() {
        if !default.0.contains_key(key) {
            out.push(Diagnostic::error(
                &other_src.path,
                index.key_pos(key),
                format!("UI string `{key}` is not defined in {default_path}"),
                "the same keys in every language",
            ));
        }
    }
    out
}

/// The UI strings of every language under `content/i18n/`: each language in `needed` (those
/// with chapters) and the default must have its file, with the default's keys.
pub(crate) fn load_all(
    content: &Path,
    files: &[(PathBuf, String)],
    default: &str,
    needed: &[String],
    ds: &mut Diagnostics,
) -> BTreeMap<String, Strings> {
    let mut strings = BTreeMap::new();
    let mut sources = BTreeMap::new();
    for (path, lang) in files {
        let base = built_in(lang);
        match Source::read(path)
            .map_err(Diagnostics::from)
            .and_then(|s| load_over(&s, base.as_ref()).map(|st| (st, s)))
        {
            Ok((st, src)) => {
                strings.insert(lang.clone(), st);
                sources.insert(lang.clone(), src);
            }
            Err(e) => ds.extend(e),
        }
    }
    let default_needed = std::iter::once(default).filter(|d| !needed.iter().any(|n| n == d));
    for lang in needed.iter().map(String::as_str).chain(default_needed) {
        if files.iter().any(|(_, l)| l == lang) {
            continue;
        }
        match built_in(lang) {
            Some(st) => {
                let src = Source::new(content.join("i18n").join(format!("{lang}.yaml")), "");
                strings.insert(lang.to_string(), st);
                sources.insert(lang.to_string(), src);
            }
            None => ds.push(Diagnostic::error(
                content.join("i18n").join(format!("{lang}.yaml")),
                Pos::START,
                format!("no UI strings for language `{lang}`"),
                format!(
                    "a file content/i18n/{lang}.yaml (folio has built-in strings for {})",
                    crate::theme::STRINGS
                        .iter()
                        .map(|(l, _)| format!("`{l}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )),
        }
    }
    if let Some(base) = strings.get(default) {
        let default_path = format!("content/i18n/{default}.yaml");
        for (lang, st) in &strings {
            if lang != default {
                ds.extend(compare(base, &default_path, st, &sources[lang]));
            }
        }
    }
    strings
}

#[cfg(test)]
mod tests {
    use super::*;

    fn full() -> String {
        REQUIRED.iter().map(|k| format!("{k}: x\n")).collect()
    }

    #[test]
    fn required_keys_are_checked() {
        let text = full().replace("unit: x\n", "");
        let errs = load(&Source::new("ko.yaml", text)).unwrap_err().sorted();
        assert_eq!(errs.len(), 1);
        assert_eq!(errs[0].message, "missing UI string `unit`");
    }

    #[test]
    fn a_key_written_twice_is_an_error_where_it_is_written_again() {
        let text = full() + "figure: 그림 2\n";
        let errs = load(&Source::new("ko.yaml", text)).unwrap_err().sorted();
        assert_eq!(errs.len(), 1);
        assert_eq!(
            errs[0].to_string(),
            format!(
                "ko.yaml:{}:1: error: UI string `figure` is defined twice (also on line 1) — expected each key once",
                REQUIRED.len() + 1
            )
        );
    }

    #[test]
    fn languages_must_share_keys() {
        let ko = load(&Source::new("ko.yaml", full() + "home: 홈\n")).unwrap();
        let en_src = Source::new("en.yaml", full() + "homepage: Home\n");
        let en = load(&en_src).unwrap();
        let errs: Vec<String> = compare(&ko, "ko.yaml", &en, &en_src)
            .into_iter()
            .map(|d| d.to_string())
            .collect();
        assert_eq!(errs.len(), 2, "{errs:?}");
        assert!(errs[0].contains("missing UI string `home`"));
        assert!(errs[1].starts_with(&format!(
            "en.yaml:{}:1: error: UI string `homepage` is not defined",
            REQUIRED.len() + 1
        )));
    }
}
