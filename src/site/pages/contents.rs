//! The contents of a language edition, `/<lang>/`: its chapters, grouped by part.

use super::{Edition, Page, page_at};
use crate::site::views::{NavLink, PartView, SitemapEntry};

/// Adds the contents page of `e`.
pub(super) fn add(e: &Edition, pages: &mut Vec<Page>, sitemap: &mut Vec<SitemapEntry>) {
    let url = format!("{}/", e.lang);
    if !e.site.wanted(&url) {
        return;
    }
    let mut parts: Vec<PartView> = Vec::new();
    for (c, _) in &e.chapters {
        let link = NavLink {
            href: format!("{}/", c.slug),
            title: c.front.title.clone(),
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
