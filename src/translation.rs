//! Translation parity: which chapters a language lacks, whether a translation shows the same
//! sections, footnotes, tables and charts as its source, and whether the source changed after
//! the translation was made (`translated_from:` holds a hash of the source file).

use crate::content::{Chapter, Content};
use crate::diag::{Diagnostic, Diagnostics, Pos};
use crate::glossary::{Glossary, Term};
use crate::markdown::Heading;
use crate::yaml::{self, YamlIndex};
use rayon::prelude::*;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

/// What a rendered chapter contains, for comparisons across languages.
pub struct Shape<'a> {
    /// The chapter.
    pub chapter: &'a Chapter,
    /// Its headings.
    pub headings: &'a [Heading],
    /// Number of footnotes.
    pub footnotes: usize,
    /// Tables and charts shown, in order of appearance.
    pub data: &'a [String],
}

/// The hash a translation records of its source chapter: over what is translated (title, part,
/// summary, body) — not over editorial metadata such as acknowledgements.
pub fn chapter_hash(c: &Chapter) -> String {
    let f = &c.front;
    source_hash(&format!(
        "{}\n{}\n{}\n{}",
        f.title,
        f.part.as_deref().unwrap_or(""),
        f.summary.as_deref().unwrap_or(""),
        c.body()
    ))
}

/// 12 hex digits of SHA-256 over `text` (line endings normalised).
pub fn source_hash(text: &str) -> String {
    let digest = Sha256::digest(text.replace("\r\n", "\n").as_bytes());
    digest.iter().take(6).map(|b| format!("{b:02x}")).collect()
}

/// Warnings comparing every translation with its source-language chapter.
pub fn check(content: &Content, shapes: &[Shape], ds: &mut Diagnostics) {
    let source_lang = content.config.default_language();
    let published = content.published_languages();
    let mut by_slug: BTreeMap<&str, Vec<&Shape>> = BTreeMap::new();
    for s in shapes {
        by_slug.entry(&s.chapter.slug).or_default().push(s);
    }
    check_glossary(content, ds);
    // Chapters are independent of each other here: check them in parallel, report in order.
    let found: Vec<Diagnostics> = by_slug
        .values()
        .collect::<Vec<_>>()
        .par_iter()
        .map(|versions| {
            let mut ds = Diagnostics::new();
            for lang in &published {
                if !versions.iter().any(|s| &s.chapter.lang == lang) {
                    let c = versions[0].chapter;
                    ds.push(Diagnostic::warning(
                        &c.source.path,
                        Pos::START,
                        format!("chapter `{}` has no `{lang}` translation", c.stem()),
                        format!("content/chapters/{}.{lang}.md", c.stem()),
                    ));
                }
            }
            if let Some(src) = versions.iter().find(|s| s.chapter.lang == source_lang) {
                for tr in versions.iter().filter(|s| s.chapter.lang != source_lang) {
                    compare(src, tr, &mut ds);
                    freshness(src.chapter, tr.chapter, &mut ds);
                }
            }
            ds
        })
        .collect();
    for d in found {
        ds.extend(d);
    }
}

fn compare(src: &Shape, tr: &Shape, ds: &mut Diagnostics) {
    let (sl, tl) = (&src.chapter.lang, &tr.chapter.lang);
    let path = &tr.chapter.source.path;
    let stem = tr.chapter.stem();
    let levels = |h: &[Heading]| h.iter().map(|x| x.level).collect::<Vec<_>>();
    if levels(src.headings) != levels(tr.headings) {
        ds.push(Diagnostic::warning(
            path,
            Pos::START,
            format!(
                "chapter `{stem}` has {} headings in `{sl}` but {} in `{tl}`{}",
                src.headings.len(),
                tr.headings.len(),
                if src.headings.len() == tr.headings.len() {
                    " (at different levels)"
                } else {
                    ""
                }
            ),
            format!("the same sections, at the same levels, as {stem}.{sl}.md"),
        ));
    }
    if src.footnotes != tr.footnotes {
        ds.push(Diagnostic::warning(
            path,
            Pos::START,
            format!(
                "chapter `{stem}` has {} footnotes in `{sl}` but {} in `{tl}`",
                src.footnotes, tr.footnotes
            ),
            format!("the footnotes of {stem}.{sl}.md"),
        ));
    }
    for id in src.data.iter().filter(|id| !tr.data.contains(id)) {
        ds.push(Diagnostic::warning(
            path,
            Pos::START,
            format!("table `{id}` is shown in `{sl}` but not in `{tl}`"),
            format!("the same table or chart in {stem}.{tl}.md"),
        ));
    }
    for id in tr.data.iter().filter(|id| !src.data.contains(id)) {
        ds.push(Diagnostic::warning(
            path,
            Pos::START,
            format!("table `{id}` is shown in `{tl}` but not in `{sl}`"),
            format!("the tables and charts of {stem}.{sl}.md"),
        ));
    }
}

fn freshness(src: &Chapter, tr: &Chapter, ds: &mut Diagnostics) {
    let now = chapter_hash(src);
    let name = format!("{}.{}.md", src.stem(), src.lang);
    let stamp = format!(
        "`folio stamp {}`",
        tr.source
            .path
            .file_name()
            .map(|f| format!("content/chapters/{}", f.to_string_lossy()))
            .unwrap_or_default()
    );
    match &tr.front.translated_from {
        None => ds.push(Diagnostic::warning(
            &tr.source.path,
            Pos::START,
            format!("the translation does not record which version of `{name}` it was made from"),
            format!("`translated_from: {now}` in its front matter (run {stamp})"),
        )),
        Some(was) if *was != now => {
            let pos = yaml::split_front_matter(&tr.source)
                .map(|fm| YamlIndex::build(fm.yaml, fm.yaml_line).pos("translated_from"))
                .unwrap_or(Pos::START);
            ds.push(Diagnostic::warning(
                &tr.source.path,
                pos,
                format!("the translation is out of date: `{name}` changed after it was translated (translated_from: {was}, source now {now})"),
                format!("the translation brought up to date, then {stamp}"),
            ));
        }
        Some(_) => {}
    }
}

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
pub fn check_glossary(content: &Content, ds: &mut Diagnostics) {
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
                let crate::data::Cell::Text(l) = cell else {
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

fn text_of(t: &crate::data::Text) -> String {
    fn items(list: &[crate::data::Item], out: &mut String) {
        for i in list {
            out.push_str(&i.text);
            out.push('\n');
            items(&i.items, out);
        }
    }
    match t {
        crate::data::Text::Plain(s) => s.clone(),
        crate::data::Text::List(list) => {
            let mut s = String::new();
            items(list, &mut s);
            s
        }
    }
}

/// Sets `translated_from:` in `path` (a translation) to the current hash of its source.
/// Returns the hash written.
pub fn stamp(content: &Content, path: &std::path::Path) -> Result<String, Diagnostic> {
    let source_lang = content.config.default_language();
    let tr = content
        .chapters
        .iter()
        .find(|c| c.source.path == path || c.source.path.ends_with(path))
        .ok_or_else(|| {
            Diagnostic::error(
                path,
                Pos::START,
                "not a chapter of this site",
                "a file content/chapters/<NN>-<slug>.<lang>.md",
            )
        })?;
    if tr.lang == source_lang {
        return Err(Diagnostic::error(
            path,
            Pos::START,
            format!("`{}` is in the source language `{source_lang}`", tr.stem()),
            "a translation",
        ));
    }
    let src = content.chapter(&tr.slug, source_lang).ok_or_else(|| {
        Diagnostic::error(
            path,
            Pos::START,
            format!("`{}` has no `{source_lang}` source chapter", tr.stem()),
            "the source chapter",
        )
    })?;
    let hash = chapter_hash(src);
    let fm = yaml::split_front_matter(&tr.source)?;
    let mut yaml_lines: Vec<String> = fm
        .yaml
        .lines()
        .filter(|l| !l.starts_with("translated_from:"))
        .map(str::to_string)
        .collect();
    yaml_lines.push(format!("translated_from: {hash}"));
    let text = format!("---\n{}\n---\n{}", yaml_lines.join("\n"), fm.body);
    std::fs::write(&tr.source.path, text).map_err(|e| {
        Diagnostic::error(
            &tr.source.path,
            Pos::START,
            format!("cannot write: {e}"),
            "a writable file",
        )
    })?;
    Ok(hash)
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

    #[test]
    fn hash_is_stable_and_ignores_line_endings() {
        assert_eq!(source_hash("a\nb\n"), source_hash("a\r\nb\r\n"));
        assert_ne!(source_hash("a\nb\n"), source_hash("a\nc\n"));
        assert_eq!(source_hash("").len(), 12);
        assert_eq!(source_hash(""), "e3b0c44298fc");
    }
}
