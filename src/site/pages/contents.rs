//! The contents of a language edition, `/<lang>/` (`/` in a site of one language): its
//! chapters, grouped by part. A chapter not translated into the edition's language yet is
//! listed in the default language, marked with that language's name, where it would stand.

use super::{Edition, Page, page_at};
use crate::base::urls::root_of;
use crate::content::Chapter;
use crate::site::views::{NavLink, PartView, SitemapEntry};

/// Adds the contents page of `e`.
pub(super) fn add(e: &Edition, pages: &mut Vec<Page>, sitemap: &mut Vec<SitemapEntry>) {
    let url = e.site.ed(e.lang);
    if !e.site.wanted(&url) {
        return;
    }
    let mut parts: Vec<PartView> = Vec::new();
    for c in listed(e) {
        let link = if c.lang == e.lang {
            NavLink {
                href: format!("{}/", c.slug),
                title: c.front.title.clone(),
                lang: None,
                language: None,
            }
        } else {
            NavLink {
                href: format!(
                    "{}{}",
                    root_of(&url),
                    e.site.cfg.chapter_url(&c.lang, &c.slug)
                ),
                title: c.front.title.clone(),
                language: e.site.cfg.language(&c.lang).map(|l| l.name.clone()),
                lang: Some(c.lang.clone()),
            }
        };
        match parts.last_mut() {
            Some(p) if p.title == c.front.part && p.title.is_some() => p.chapters.push(link),
            _ => parts.push(PartView {
                title: c.front.part.clone(),
                chapters: vec![link],
            }),
        }
    }
    let (view, alts) = e.page_view("contents", "", "contents");
    let mut ctx = e.context(&view);
    ctx.insert("parts", &parts);
    let (page, entry) = page_at(e.site.base, "contents.html", ctx, &url, e.lang, alts);
    pages.push(page);
    sitemap.push(entry);
}

/// The chapters the contents of `e` list, in order: each in `e`'s language, or in the default
/// language where it has no translation yet.
fn listed<'a>(e: &Edition<'a>) -> Vec<&'a Chapter> {
    let content = e.site.book.content;
    let default = content.config.default_language();
    let mut seen = std::collections::HashSet::new();
    content
        .chapters
        .iter()
        .filter(|c| seen.insert(c.slug.as_str()))
        .filter_map(|c| {
            content
                .chapter(&c.slug, e.lang)
                .or_else(|| content.chapter(&c.slug, default))
        })
        .collect()
}
