//! The 404 page, `/404.html`: served at any depth, so its links are absolute paths from the
//! base URL; it names every edition.

use super::{Page, Site};
use crate::site::views::{EditionView, PageView};
use tera::Context;

/// Adds the 404 page.
pub(super) fn add(site: &Site, pages: &mut Vec<Page>) {
    let cfg = site.cfg;
    let base = site.base;
    let lang = cfg.default_language();
    let path_root = base
        .splitn(4, '/')
        .nth(3)
        .map(|p| format!("/{p}"))
        .unwrap_or_else(|| "/".into());
    let mut ctx = Context::new();
    ctx.insert(
        "page",
        &PageView {
            kind: "notfound",
            lang: lang.to_string(),
            locale: site.locale(lang),
            url: "404.html".into(),
            canonical: format!("{base}404.html"),
            title: format!(
                "{} — {}",
                site.strings(lang).get("not_found"),
                cfg.title.text(lang)
            ),
            description: site.description(lang),
            root: path_root.clone(),
            alternates: vec![],
            languages: site.language_links(&|l| site.ed(l), "", &path_root),
            home: format!("{path_root}{}", site.ed(lang)),
            search_suffixes: site.search_suffixes(lang),
        },
    );
    ctx.insert("site", &site.view(lang));
    ctx.insert("t", site.strings(lang));
    let editions: Vec<EditionView> = site
        .published
        .iter()
        .map(|l| {
            let t = site.strings(l);
            EditionView {
                code: l.clone(),
                not_found: t.get("not_found").to_string(),
                not_found_text: t.get("not_found_text").to_string(),
                contents: t.get("contents").to_string(),
                href: format!("{path_root}{}", site.ed(l)),
            }
        })
        .collect();
    ctx.insert("editions", &editions);
    pages.push(Page {
        template: "404.html".into(),
        context: ctx,
        url: "404.html".into(),
        file: "404.html".into(),
        lang: Some(lang.to_string()),
        size_hint: 0,
    });
}
