//! Translation parity: which chapters a language lacks, whether a translation shows the same
//! sections, footnotes, tables and charts as its source, and whether the source changed after
//! the translation was made (`translated_from:` holds a hash of the source file).

use crate::base::diag::{Diagnostic, Diagnostics, Pos};
use crate::content::Chapter;
use crate::content::yaml::{self, YamlIndex};
use crate::render::Book;
use crate::render::markdown::Heading;
use rayon::prelude::*;
use std::collections::BTreeMap;

/// What a rendered chapter contains, for comparisons across languages.
struct Shape<'a> {
    /// The chapter.
    pub chapter: &'a Chapter,
    /// Its headings.
    pub headings: &'a [Heading],
    /// Number of footnotes.
    pub footnotes: usize,
    /// Tables and charts shown, in order of appearance.
    pub data: &'a [String],
}

/// Warnings comparing every translation with its source-language chapter.
pub fn check(book: &Book, ds: &mut Diagnostics) {
    let content = book.content;
    let shapes: Vec<Shape> = book
        .iter()
        .map(|(c, r)| Shape {
            chapter: c,
            headings: &r.body.headings,
            footnotes: r.body.footnote_count,
            data: &r.used_tables,
        })
        .collect();
    let source_lang = content.config.default_language();
    let published = content.published_languages();
    let mut by_slug: BTreeMap<&str, Vec<&Shape>> = BTreeMap::new();
    for s in &shapes {
        by_slug.entry(&s.chapter.slug).or_default().push(s);
    }
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
    let now = src.hash();
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
