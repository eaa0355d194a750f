//! `/sitemap.xml` (every page but the 404, with its hreflang alternates) and `/robots.txt`.

use super::{Page, Site};
use crate::site::views::SitemapEntry;
use tera::Context;

/// Adds the sitemap of `entries` and robots.txt.
pub(super) fn add(site: &Site, pages: &mut Vec<Page>, entries: Vec<SitemapEntry>) {
    let mut ctx = Context::new();
    ctx.insert("entries", &entries);
    ctx.insert("base_url", site.base);
    for file in ["sitemap.xml", "robots.txt"] {
        pages.push(Page {
            template: file.into(),
            context: ctx.clone(),
            url: file.into(),
            file: file.into(),
            lang: None,
            size_hint: 0,
        });
    }
}
