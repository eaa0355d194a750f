//! The print edition of a language, `/<lang>/print/`: every chapter on one page
//! ([`crate::site::print`] rewrites each chapter's HTML for it).

use super::{Edition, Page, page_at};
use crate::site::views::{PrintChapter, SitemapEntry};
use rayon::prelude::*;
use tera::Value;

/// Adds the print edition of `e`.
pub(super) fn add(e: &Edition, pages: &mut Vec<Page>, sitemap: &mut Vec<SitemapEntry>) {
    let url = format!("{}print/", e.site.ed(e.lang));
    // How chapter pages link to the chapters of this edition, which become links within it.
    let chapters_prefix = format!(
        "{}{}",
        crate::base::urls::root_of(&e.site.cfg.chapter_url(e.lang, "x")),
        e.site.ed(e.lang)
    );
    if !e.site.wanted(&url) {
        return;
    }
    let (view, alts) = e.page_view("print", "print/", "print_edition");
    let mut ctx = e.context(&view);
    // Each chapter converted for Tera as soon as it is made: its HTML, megabytes over the whole
    // report, is never held twice for all chapters at once.
    let chapters: Vec<Value> = e
        .chapters
        .par_iter()
        .map(|(c, r)| {
            Value::from_serializable(&PrintChapter {
                slug: c.slug.clone(),
                title: c.front.title.clone(),
                part: c.front.part.clone(),
                html: crate::site::print::chapter_html(
                    &r.body.html,
                    &c.slug,
                    &chapters_prefix,
                    &c.front.title,
                ),
            })
        })
        .collect();
    ctx.insert_value("chapters", Value::from(chapters));
    let (mut page, entry) = page_at(e.site.base, "print.html", ctx, &url, e.lang, alts);
    // The chapters, a heading and a contents line for each, and the cover.
    page.size_hint = e
        .chapters
        .iter()
        .map(|(_, r)| r.body.html.len() + 1024)
        .sum::<usize>()
        + 65536;
    pages.push(page);
    sitemap.push(entry);
}
