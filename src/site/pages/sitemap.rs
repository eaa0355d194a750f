//! `/sitemap.xml` (every page but the 404, with its hreflang alternates; only when the site
//! has a `base_url`) and `/robots.txt`.

use super::{Page, Site};
use crate::site::views::SitemapEntry;
use tera::Context;

/// Adds the sitemap of `entries` and robots.txt.
pub(super) fn add(site: &Site, pages: &mut Vec<Page>, entries: Vec<SitemapEntry>) {
    let mut ctx = Context::new();
    ctx.insert("entries", &entries);
    ctx.insert("base_url", &site.cfg.base_url);
    // A sitemap lists absolute addresses: a site without `base_url` has none.
    let files: &[&str] = match site.cfg.base_url {
        Some(_) => &["sitemap.xml", "robots.txt"],
        None => &["robots.txt"],
    };
    for file in files {
        pages.push(Page {
            template: file.to_string(),
            context: ctx.clone(),
            url: file.to_string(),
            file: file.to_string(),
            lang: None,
            size_hint: 0,
        });
    }
}
