//! Proper names in their glossary form (`content/glossary.yaml`): where a source-language
//! chapter or table row uses a name, its translation must use the glossary's English form.
//!
//! A name the Korean text writes in Hangul (`바이두`) may also be quoted in Hangul by the
//! translation, and is matched without regard to case. A name the Korean text writes in Latin
//! letters (`Hisilicon`, `MEDBOT`) or that a text gives in Chinese characters only (`萝卜快跑`)
//! must appear in the translation exactly as the glossary spells it (`HiSilicon`, `MicroPort
//! MedBot`, `Apollo Go`). Tables are checked row by row, name cells (the same in every language
//! unless written per language) included, so a table cannot contradict the text.

use crate::base::diag::{Diagnostic, Diagnostics, Pos};
use crate::content::glossary::{Glossary, Term};
use crate::content::table::{Cell, Table};
use crate::content::{Chapter, Content};
use rayon::prelude::*;

/// The English forms that count as following the glossary: the full form, and the short form
/// in its final parentheses (`Ministry of Industry and Information Technology (MIIT)` → `MIIT`).
fn accepted_forms(en: &str) -> Vec<&str> {
    let mut forms = vec![en];
    if let (Some(open), true) = (en.rfind('('), en.ends_with(')')) {
        let short = en[open + 1..en.len() - 1].trim();
        if short.chars().count() >= 2 {
            forms.push(short);
        }
    }
    forms
}

fn has_hangul(s: &str) -> bool {
    s.chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c))
}

/// How the source uses term `t`, if it does: by its Korean form, or by its Chinese characters
/// alone.
enum Use {
    /// By its Hangul form: the translation may quote it.
    Hangul,
    /// By its Latin form: the translation spells it as the glossary does.
    Latin,
    /// By its Chinese characters alone: the translation may quote them.
    Chinese,
}

fn used(t: &Term, source: &str) -> Option<Use> {
    // Only proper names (with Chinese characters) are checked.
    t.zh.as_ref()?;
    if t.ko.chars().count() >= 2 && source.contains(&t.ko) {
        return Some(if has_hangul(&t.ko) {
            Use::Hangul
        } else {
            Use::Latin
        });
    }
    t.zh.as_ref()
        .filter(|zh| zh.chars().count() >= 2 && source.contains(zh.as_str()))
        .map(|_| Use::Chinese)
}

/// Proper names of the glossary that a Korean text uses and its translation does not (in the
/// glossary's spelling, or quoting the Hangul).
fn missing_terms<'g>(glossary: &'g Glossary, source: &str, translation: &str) -> Vec<&'g Term> {
    missing_quoting(glossary, source, translation, translation)
}

/// [`missing_terms`], where only `quoting` (the translation's own text, not the name cells it
/// shares with the source) may quote a name.
fn missing_quoting<'g>(
    glossary: &'g Glossary,
    source: &str,
    translation: &str,
    quoting: &str,
) -> Vec<&'g Term> {
    let lower = translation.to_lowercase();
    let spelled = |t: &Term| {
        accepted_forms(&t.en)
            .iter()
            .any(|f| translation.contains(f))
    };
    let mut missing: Vec<&Term> = glossary
        .terms
        .iter()
        .filter(|t| match used(t, source) {
            None => false,
            Some(Use::Hangul) => {
                !quoting.contains(&t.ko)
                    && !accepted_forms(&t.en)
                        .iter()
                        .any(|f| lower.contains(&f.to_lowercase()))
            }
            Some(Use::Latin) => !spelled(t),
            Some(Use::Chinese) => {
                !spelled(t) && !t.zh.as_ref().is_some_and(|zh| quoting.contains(zh))
            }
        })
        .collect();
    // Two Korean forms of one name (`Hisilicon`, `하이스`) are one finding.
    let mut seen = std::collections::HashSet::new();
    missing.retain(|t| seen.insert(t.en.as_str()));
    missing
}

/// Warnings where a translation (chapter or table row) does not use the glossary's English
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
                    format!("`{}` appears in {}.{source_lang}.md, but its glossary form `{}` does not appear in the translation", used_form(t, &src.source.text), src.stem(), t.en),
                    format!("`{}` (content/glossary.yaml), or a glossary update", t.en),
                ))
                .collect()
        })
        .collect();
    for d in found {
        ds.extend(d);
    }
    for table in content.tables.values() {
        check_table(glossary, table, source_lang, &content.config.codes(), ds);
    }
}

/// The form of `t` the source text has.
fn used_form<'t>(t: &'t Term, source: &str) -> &'t str {
    match &t.zh {
        Some(zh) if !source.contains(&t.ko) => zh,
        _ => &t.ko,
    }
}

/// A table, row by row: the row's cells in the source language against the same row in each
/// other language (name cells count in every language).
fn check_table(
    glossary: &Glossary,
    table: &Table,
    source_lang: &str,
    codes: &[String],
    ds: &mut Diagnostics,
) {
    for row in &table.rows {
        let cells = |lang: &str| -> Vec<String> {
            row.cells
                .iter()
                .map(|cell| match cell {
                    Cell::Text(l) => l.get(lang).map(text_of).unwrap_or_default(),
                    Cell::Name(s) => s.clone(),
                    _ => String::new(),
                })
                .collect()
        };
        let source = cells(source_lang);
        for lang in codes.iter().filter(|l| *l != source_lang) {
            let translation = cells(lang).join("\n");
            let own: String = row
                .cells
                .iter()
                .filter_map(|cell| match cell {
                    Cell::Text(l) => l.get(lang).map(text_of),
                    _ => None,
                })
                .collect::<Vec<_>>()
                .join("\n");
            for t in missing_quoting(glossary, &source.join("\n"), &translation, &own) {
                let form = used_form(t, &source.join("\n")).to_string();
                let at = source.iter().position(|c| c.contains(&form)).unwrap_or(0);
                let col = &table.columns[at];
                let path = match &row.cells[at] {
                    Cell::Text(_) => format!("{}.{}.{lang}", row.yaml_path, col.id),
                    _ => format!("{}.{}", row.yaml_path, col.id),
                };
                let shared = matches!(row.cells[at], Cell::Name(_));
                ds.push(Diagnostic::warning(
                    &table.path,
                    table.index.pos(&path),
                    format!(
                        "`{form}` is in the row's `{source_lang}` cells, but its glossary form `{}` is not in its `{lang}` cells{}",
                        t.en,
                        if shared { " (this name cell is shown in every language)" } else { "" }
                    ),
                    if shared {
                        format!("`{}` in the `{lang}` row: a name per language (`{{ {source_lang}: …, {lang}: … }}`), or a glossary update", t.en)
                    } else {
                        format!("`{}` (content/glossary.yaml), or a glossary update", t.en)
                    },
                ));
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

    fn term(ko: &str, en: &str, zh: &str) -> Term {
        Term {
            ko: ko.into(),
            en: en.into(),
            zh: Some(zh.into()),
            note: None,
        }
    }

    #[test]
    fn latin_names_are_spelled_as_the_glossary_spells_them_and_chinese_ones_may_be_quoted() {
        let g = Glossary {
            terms: vec![
                term("Hisilicon", "HiSilicon", "海思"),
                term("하이스", "HiSilicon", "海思"),
                term("뤄버콰이파오", "Apollo Go", "萝卜快跑"),
            ],
        };
        // A Latin form is not a quotation: its case must be the glossary's.
        let m = missing_terms(&g, "Hisilicon(海思, 하이스)", "Hisilicon (海思)");
        assert_eq!(
            m.len(),
            1,
            "one finding for the two Korean forms of one name"
        );
        assert!(missing_terms(&g, "Hisilicon(海思)", "HiSilicon (海思)").is_empty());
        // Chinese characters alone: the English form, or the characters quoted.
        assert_eq!(
            missing_terms(&g, "萝卜快跑", "Luobo Kuaipao")[0].en,
            "Apollo Go"
        );
        assert!(missing_terms(&g, "萝卜快跑", "Apollo Go").is_empty());
        assert!(missing_terms(&g, "萝卜快跑", "written *萝卜快跑* in the report").is_empty());
        // In a table, a name cell both languages share is not the translation quoting it.
        assert_eq!(
            missing_quoting(&g, "萝卜快跑\n로보택시", "萝卜快跑\nRobotaxi", "Robotaxi").len(),
            1
        );
    }
}
