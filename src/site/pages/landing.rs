//! The landing page, `/`: the report's cover in every language and the choice of edition.

use super::{Page, Site};
use crate::site::views::{PageView, SiteView, SitemapEntry};
use tera::Context;

/// Adds the landing page.
pub(super) fn add(site: &Site, pages: &mut Vec<Page>, sitemap: &mut Vec<SitemapEntry>) {
    let cfg = site.cfg;
    let lang = cfg.default_language();
    let mut ctx = Context::new();
    let page = PageView {
        kind: "landing",
        lang: lang.to_string(),
        locale: site.locale(lang),
        url: String::new(),
        canonical: site.base.to_string(),
        title: cfg.title.text(lang).to_string(),
        description: site.description(lang),
        root: String::new(),
        alternates: vec![],
        languages: site.language_links(&|l| site.ed(l), "", ""),
        home: String::new(),
        search_suffixes: site.search_suffixes(lang),
    };
    ctx.insert("page", &page);
    ctx.insert("site", &site.view(lang));
    ctx.insert("t", site.strings(lang));
    let covers: Vec<SiteView> = site.published.iter().map(|l| site.view(l)).collect();
    ctx.insert("covers", &covers);
    pages.push(Page {
        template: "index.html".into(),
        context: ctx,
        url: "/".into(),
        file: "index.html".into(),
        lang: Some(lang.to_string()),
        size_hint: 0,
    });
    sitemap.push(SitemapEntry {
        loc: site.base.to_string(),
        alternates: vec![],
    });
}
