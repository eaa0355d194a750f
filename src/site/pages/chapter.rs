//! Chapter pages, `/<lang>/<slug>/`: the chapter's body with its contents, figures and
//! neighbours, each heading linked to its counterpart in the other editions.

use super::{Edition, Page, page_at, truncate};
use crate::base::html::escape_attr;
use crate::base::urls::root_of;
use crate::content::Chapter;
use crate::render::RenderedChapter;
use crate::site::views::{CaptionView, ChapterView, NavLink, PageView, SitemapEntry, TocEntry};
use rayon::prelude::*;

/// Adds the chapter pages of `e`, planned in parallel (their order is kept).
pub(super) fn add(e: &Edition, pages: &mut Vec<Page>, sitemap: &mut Vec<SitemapEntry>) {
    let made: Vec<(Page, SitemapEntry)> = e
        .chapters
        .par_iter()
        .enumerate()
        .filter(|(_, (c, _))| e.site.wanted(&e.site.cfg.chapter_url(e.lang, &c.slug)))
        .map(|(i, (c, r))| page(e, i, c, r))
        .collect();
    for (page, entry) in made {
        pages.push(page);
        sitemap.push(entry);
    }
}

/// The page of chapter `c`, the `i`th of its edition.
fn page(e: &Edition, i: usize, c: &Chapter, r: &RenderedChapter) -> (Page, SitemapEntry) {
    let (site, lang) = (e.site, e.lang);
    let content = site.book.content;
    let url = site.cfg.chapter_url(lang, &c.slug);
    let root = root_of(&url);
    let nav = |o: Option<&(&Chapter, &RenderedChapter)>| {
        o.map(|(x, _)| NavLink {
            href: format!("../{}/", x.slug),
            title: x.front.title.clone(),
            lang: None,
            language: None,
        })
    };
    let slug = c.slug.as_str();
    let has = |l: &str| content.chapter(slug, l).is_some();
    let alts = site.alternates(&|l| has(l).then(|| site.cfg.chapter_url(l, slug)));
    let description = c
        .front
        .summary
        .clone()
        .unwrap_or_else(|| truncate(&r.body.summary, 150));
    let mut ctx = e.context(&PageView {
        kind: "chapter",
        lang: lang.to_string(),
        locale: site.locale(lang),
        url: url.clone(),
        canonical: format!("{}{url}", site.base),
        title: format!("{} — {}", c.front.title, site.cfg.title.text(lang)),
        description,
        root: root.clone(),
        alternates: alts.clone(),
        languages: site.language_links(
            &|l| {
                if has(l) {
                    site.cfg.chapter_url(l, slug)
                } else {
                    site.ed(l)
                }
            },
            lang,
            &root,
        ),
        search_suffixes: site.search_suffixes(lang),
        home: format!("{root}{}", site.ed(lang)),
    });
    ctx.insert(
        "chapter",
        &ChapterView {
            title: c.front.title.clone(),
            part: c.front.part.clone(),
            html: with_section_links(c, r, &site.versions[slug]),
            toc: r
                .body
                .headings
                .iter()
                .filter(|h| h.level <= 3)
                .map(|h| TocEntry {
                    level: h.level,
                    id: h.id.clone(),
                    text: h.text.clone(),
                })
                .collect(),
            figures: r
                .captions
                .iter()
                .map(|c| CaptionView {
                    id: c.id.clone(),
                    label: c.label.clone(),
                    number: c.number,
                    caption: c.caption.clone(),
                })
                .collect(),
            prev: nav(i.checked_sub(1).and_then(|j| e.chapters.get(j))),
            next: nav(e.chapters.get(i + 1)),
            contents_href: "../".into(),
        },
    );
    let (mut page, entry) = page_at(site.base, "chapter.html", ctx, &url, lang, alts);
    // The body, and around it the header, contents, navigation and footer.
    page.size_hint = r.body.html.len() + 16384;
    (page, entry)
}

/// The chapter's body with each heading marked with its counterpart in the other editions
/// (`data-alt-en="…"`) that have the same sections (the same number of headings at the same
/// levels), so the language switch can land on the section the reader is in.
fn with_section_links(
    c: &Chapter,
    r: &RenderedChapter,
    versions: &[(&Chapter, &RenderedChapter)],
) -> String {
    let mine = &r.body.headings;
    let others: Vec<(&str, &RenderedChapter)> = versions
        .iter()
        .filter(|(o, theirs)| {
            let theirs = &theirs.body.headings;
            o.lang != c.lang
                && mine.len() == theirs.len()
                && mine.iter().zip(theirs).all(|(x, y)| x.level == y.level)
        })
        .map(|(o, theirs)| (o.lang.as_str(), *theirs))
        .collect();
    let html = &r.body.html;
    if others.is_empty() {
        return html.clone();
    }
    let mut out = String::with_capacity(html.len() + mine.len() * 32 * others.len());
    let mut pos = 0;
    for (i, at) in r.body.heading_tags.iter().enumerate() {
        let Some(at) = *at else { continue };
        out.push_str(&html[pos..at]);
        for (lang, theirs) in &others {
            out.push_str(&format!(
                " data-alt-{lang}=\"{}\"",
                escape_attr(&theirs.body.headings[i].id)
            ));
        }
        pos = at;
    }
    out.push_str(&html[pos..]);
    out
}
