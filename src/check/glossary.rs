//! Proper names in their glossary form (`content/glossary.yaml`): where a source-language
//! chapter or table cell uses a name, its translation must use the glossary's English form
//! (or quote the original).

use crate::base::diag::{Diagnostic, Diagnostics, Pos};
use crate::content::glossary::{Glossary, Term};
use crate::content::{Chapter, Content};
use rayon::prelude::*;

/// The English forms that count as following the glossary: the full form, and the short form
/// in its final parentheses (`Ministry of Industry and Information Technology (MIIT)` → `MIIT`).
fn accepted_forms(en: &str) -> Vec<String> {
    let mut forms = vec![en.to_lowercase()];
    if let (Some(open), true) = (en.rfind('('), en.ends_with(')')) {
        let short = en[open + 1..en.len() - 1].trim();
        if short.chars().count() >= 2 {
            forms.push(short.to_lowercase());
        }
    }
    forms
}

/// Proper names of the glossary (terms with Chinese characters) that a Korean text uses and its
/// translation does not, unless the translation quotes the Korean itself.
fn missing_terms<'g>(glossary: &'g Glossary, source: &str, translation: &str) -> Vec<&'g Term> {
    let lower = translation.to_lowercase();
    glossary
        .terms
        .iter()
        .filter(|t| t.zh.is_some() && t.ko.chars().count() >= 2 && source.contains(&t.ko))
        .filter(|t| {
            !translation.contains(&t.ko)
                && !accepted_forms(&t.en)
                    .iter()
                    .any(|f| lower.contains(f.as_str()))
        })
        .collect()
}

/// Warnings where a translation (chapter or table cell) does not use the glossary's English
/// form of a proper name its source uses.
pub fn check(content: &Content, ds: &mut Diagnostics) {
    let Some(glossary) = &content.glossary else {
        return;
    };
    let source_lang = content.config.default_language();
    let translations: Vec<&Chapter> = content
        .chapters
        .iter()
        .filter(|c| c.lang != source_lang)
        .collect();
    let found: Vec<Vec<Diagnostic>> = translations
        .par_iter()
        .map(|tr| {
            let Some(src) = content.chapter(&tr.slug, source_lang) else {
                return Vec::new();
            };
            missing_terms(glossary, &src.source.text, &tr.source.text)
                .into_iter()
                .map(|t| Diagnostic::warning(
                    &tr.source.path,
                    Pos::START,
                    format!("`{}` appears in {}.{source_lang}.md, but its glossary form `{}` does not appear in the translation", t.ko, src.stem(), t.en),
                    format!("`{}` (content/glossary.yaml), or a glossary update", t.en),
                ))
                .collect()
        })
        .collect();
    for d in found {
        ds.extend(d);
    }
    for table in content.tables.values() {
        for row in &table.rows {
            for (col, cell) in table.columns.iter().zip(&row.cells) {
                let crate::content::table::Cell::Text(l) = cell else {
                    continue;
                };
                let flat = |lang: &str| l.get(lang).map(text_of).unwrap_or_default();
                let source = flat(source_lang);
                for lang in content.config.codes().iter().filter(|l| *l != source_lang) {
                    if l.get(lang).is_none() {
                        continue;
                    }
                    for t in missing_terms(glossary, &source, &flat(lang)) {
                        ds.push(Diagnostic::warning(
                            &table.path,
                            table.index.pos(&format!("{}.{}.{lang}", row.yaml_path, col.id)),
                            format!("`{}` is in the `{source_lang}` cell, but its glossary form `{}` is not in the `{lang}` cell", t.ko, t.en),
                            format!("`{}` (content/glossary.yaml), or a glossary update", t.en),
                        ));
                    }
                }
            }
        }
    }
}

fn text_of(t: &crate::content::table::Text) -> String {
    fn items(list: &[crate::content::table::Item], out: &mut String) {
        for i in list {
            out.push_str(&i.text);
            out.push('\n');
            items(&i.items, out);
        }
    }
    match t {
        crate::content::table::Text::Plain(s) => s.clone(),
        crate::content::table::Text::List(list) => {
            let mut s = String::new();
            items(list, &mut s);
            s
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glossary_forms_and_quotes() {
        let g = Glossary {
            terms: vec![
                Term {
                    ko: "공업및정보화부".into(),
                    en: "Ministry of Industry and Information Technology (MIIT)".into(),
                    zh: Some("工业和信息化部".into()),
                    note: None,
                },
                Term {
                    ko: "바이두".into(),
                    en: "Baidu".into(),
                    zh: Some("百度".into()),
                    note: None,
                },
                Term {
                    ko: "기초단계".into(),
                    en: "foundation layer".into(),
                    zh: None,
                    note: None,
                },
            ],
        };
        assert!(missing_terms(&g, "바이두와 공업및정보화부", "baidu and MIIT").is_empty());
        assert!(
            missing_terms(&g, "기초단계", "base layer").is_empty(),
            "only proper names (with Chinese) are checked"
        );
        assert!(
            missing_terms(&g, "바이두", "The report writes *바이두*").is_empty(),
            "quoted Korean"
        );
        let m = missing_terms(&g, "바이두", "Baidoo");
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].en, "Baidu");
    }
}
