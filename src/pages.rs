//! The pages of the site and the view each template receives.
//!
//! Templates never see folio's internal model, only the plain view structs here (the Zola
//! lesson): renaming a Rust field cannot silently break a template, and the README lists
//! exactly what a template can use.
//!
//! | page | URL | template |
//! |---|---|---|
//! | cover & language choice | `/` | `index.html` |
//! | contents of a language | `/<lang>/` | `contents.html` |
//! | a chapter | `/<lang>/<slug>/` | `chapter.html` |
//! | not found | `/404.html` | `404.html` |
//! | sitemap, robots | `/sitemap.xml`, `/robots.txt` | `sitemap.xml`, `robots.txt` |

use crate::build::TocEntry;
use crate::content::{Chapter, Content};
use crate::markdown::Heading;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::HashMap;
use tera::{Context, Value};

/// A chapter's rendered body, as the page planner needs it.
pub struct ChapterBody<'a> {
    /// The chapter.
    pub chapter: &'a Chapter,
    /// Body HTML.
    pub html: &'a str,
    /// Its headings.
    pub headings: &'a [Heading],
    /// First words, for the description.
    pub summary: &'a str,
    /// Figures and tables: (id, label, number, caption).
    pub captions: &'a [(String, String, usize, String)],
}

/// A page to render.
pub struct Page {
    /// Template name.
    pub template: String,
    /// Template context.
    pub context: Context,
    /// Site path (`ko/market-size/`), for messages.
    pub url: String,
    /// Output file (`ko/market-size/index.html`).
    pub file: String,
    /// About how many bytes the page will be (0: small or unknown), so that it is rendered
    /// into a buffer allocated once: a print edition can be tens of megabytes.
    pub size_hint: usize,
}

#[derive(Serialize)]
struct SiteView {
    title: String,
    description: String,
    base_url: String,
    series: String,
    publisher: String,
    published: String,
    author: String,
    isbn: String,
    rates_note: String,
    rates: Vec<RateView>,
    default_language: String,
    search: bool,
}

#[derive(Serialize)]
struct RateView {
    currency: String,
    krw: f64,
}

#[derive(Serialize)]
struct PageView {
    kind: &'static str,
    lang: String,
    locale: String,
    url: String,
    canonical: String,
    title: String,
    description: String,
    /// Relative prefix to the site root from this page (`../../`).
    root: String,
    /// Other language editions of this page (absolute URLs) for hreflang.
    alternates: Vec<Alternate>,
    /// The language switch.
    languages: Vec<LanguageLink>,
    /// Korean particles the search box strips from queries (empty for other languages).
    search_suffixes: String,
}

#[derive(Serialize, Clone)]
struct Alternate {
    hreflang: String,
    href: String,
}

#[derive(Serialize, Clone)]
struct LanguageLink {
    code: String,
    name: String,
    href: String,
    current: bool,
}

#[derive(Serialize)]
struct NavLink {
    href: String,
    title: String,
}

#[derive(Serialize)]
struct CaptionView {
    id: String,
    label: String,
    number: usize,
    caption: String,
}

#[derive(Serialize)]
struct ChapterView {
    title: String,
    part: Option<String>,
    html: String,
    toc: Vec<TocEntry>,
    figures: Vec<CaptionView>,
    prev: Option<NavLink>,
    next: Option<NavLink>,
    contents_href: String,
}

#[derive(Serialize)]
struct PartView {
    title: Option<String>,
    chapters: Vec<NavLink>,
}

#[derive(Serialize)]
struct PrintChapter {
    slug: String,
    title: String,
    part: Option<String>,
    html: String,
}

#[derive(Serialize)]
struct SitemapEntry {
    loc: String,
    alternates: Vec<Alternate>,
}

/// Adds a page at `url` (`ko/market-size/`) and its sitemap entry.
fn publish(
    pages: &mut Vec<Page>,
    sitemap: &mut Vec<SitemapEntry>,
    base: &str,
    template: &str,
    context: Context,
    url: &str,
    alternates: Vec<Alternate>,
) {
    let (page, entry) = page_at(base, template, context, url, alternates);
    pages.push(page);
    sitemap.push(entry);
}

/// The page at `url` (`ko/market-size/`) and its sitemap entry.
fn page_at(
    base: &str,
    template: &str,
    context: Context,
    url: &str,
    alternates: Vec<Alternate>,
) -> (Page, SitemapEntry) {
    (
        Page {
            template: template.into(),
            context,
            url: url.to_string(),
            file: format!("{url}index.html"),
            size_hint: 0,
        },
        SitemapEntry {
            loc: format!("{base}{url}"),
            alternates,
        },
    )
}

/// A chapter's body with each heading marked with its counterpart in the other languages
/// (`data-alt-en="…"`) where both versions have the same sections, so the language switch can
/// land on the section the reader is in.
fn with_all_section_links(b: &ChapterBody, versions: &[&ChapterBody]) -> String {
    let mut html = std::borrow::Cow::Borrowed(b.html);
    for other in versions {
        if other.chapter.lang != b.chapter.lang
            && let Some(linked) =
                with_section_links(&html, b.headings, &other.chapter.lang, other.headings)
        {
            html = std::borrow::Cow::Owned(linked);
        }
    }
    html.into_owned()
}

/// `html` with `data-alt-<other>` added to its headings, when both versions have the same
/// sections (the same number of headings at the same levels); `None` when they do not.
fn with_section_links(
    html: &str,
    mine: &[Heading],
    other: &str,
    theirs: &[Heading],
) -> Option<String> {
    let same =
        mine.len() == theirs.len() && mine.iter().zip(theirs).all(|(x, y)| x.level == y.level);
    if !same {
        return None;
    }
    // Headings appear in order: one pass over the page.
    let mut out = String::with_capacity(html.len() + mine.len() * 32);
    let mut pos = 0;
    for (x, y) in mine.iter().zip(theirs) {
        let tag = format!(
            "<h{} id=\"{}\"",
            x.level,
            crate::markdown::escape_attr(&x.id)
        );
        if let Some(found) = html[pos..].find(&tag) {
            let end = pos + found + tag.len();
            out.push_str(&html[pos..end]);
            out.push_str(&format!(
                " data-alt-{other}=\"{}\"",
                crate::markdown::escape_attr(&y.id)
            ));
            pos = end;
        }
    }
    out.push_str(&html[pos..]);
    Some(out)
}

/// The particle list the search box strips from Korean queries, space-separated.
fn suffixes(lang: &str) -> String {
    if lang == "ko" {
        crate::korean::SUFFIXES.join(" ")
    } else {
        String::new()
    }
}

fn root_of(url: &str) -> String {
    "../".repeat(url.matches('/').count())
}

/// Plans every page of the site.
pub fn plan(content: &Content, bodies: &[ChapterBody]) -> Vec<Page> {
    plan_only(content, bodies, None)
}

/// [`plan`], or with `only` just the page at that URL (`ko/market-size/`): what `serve`
/// renders first after an edit.
pub fn plan_only(content: &Content, bodies: &[ChapterBody], only: Option<&str>) -> Vec<Page> {
    let wanted = |url: &str| only.is_none_or(|o| o == url);
    let cfg = &content.config;
    let base = cfg.base_url.as_str();
    let published = content.published_languages();
    // Each chapter's versions, in every language, in the order of `bodies`.
    let mut versions: HashMap<&str, Vec<&ChapterBody>> = HashMap::new();
    for b in bodies {
        versions.entry(b.chapter.slug.as_str()).or_default().push(b);
    }
    let mut pages = Vec::new();
    let mut sitemap: Vec<SitemapEntry> = Vec::new();

    let site_view = |lang: &str| {
        let get = |l: &crate::localized::Localized<String>| l.text(lang).to_string();
        let rates = cfg
            .exchange_rates
            .krw_per
            .iter()
            .map(|(c, r)| RateView {
                currency: c.code().to_string(),
                krw: *r,
            })
            .collect();
        SiteView {
            title: get(&cfg.title),
            description: get(&cfg.description),
            base_url: base.to_string(),
            series: cfg.report.series.clone(),
            publisher: get(&cfg.report.publisher),
            published: get(&cfg.report.published),
            author: get(&cfg.report.author),
            isbn: cfg.report.isbn.clone(),
            rates_note: get(&cfg.exchange_rates.note),
            rates,
            default_language: cfg.default_language().to_string(),
            search: cfg.search,
        }
    };
    let locale = |lang: &str| {
        cfg.language(lang)
            .map(|l| l.locale.clone())
            .unwrap_or_default()
    };
    let language_links =
        |url_of: &dyn Fn(&str) -> String, current: &str, root: &str| -> Vec<LanguageLink> {
            published
                .iter()
                .map(|l| LanguageLink {
                    code: l.clone(),
                    name: cfg.language(l).map(|x| x.name.clone()).unwrap_or_default(),
                    href: format!("{root}{}", url_of(l)),
                    current: l == current,
                })
                .collect()
        };
    let alternates = |url_of: &dyn Fn(&str) -> Option<String>| -> Vec<Alternate> {
        let mut v: Vec<Alternate> = published
            .iter()
            .filter_map(|l| {
                url_of(l).map(|u| Alternate {
                    hreflang: l.clone(),
                    href: format!("{base}{u}"),
                })
            })
            .collect();
        if v.len() > 1
            && let Some(u) = url_of(cfg.default_language())
        {
            v.push(Alternate {
                hreflang: "x-default".into(),
                href: format!("{base}{u}"),
            });
        }
        v
    };

    // Landing page: the report's cover.
    if only.is_none() {
        let lang = cfg.default_language();
        let url = String::new();
        let mut ctx = Context::new();
        let page = PageView {
            kind: "landing",
            lang: lang.to_string(),
            locale: locale(lang),
            url: url.clone(),
            canonical: base.to_string(),
            title: cfg.title.text(lang).to_string(),
            description: cfg.description.text(lang).to_string(),
            root: String::new(),
            alternates: vec![],
            languages: language_links(&|l| format!("{l}/"), "", ""),
            search_suffixes: suffixes(lang),
        };
        ctx.insert("page", &page);
        ctx.insert("site", &site_view(lang));
        ctx.insert("t", &content.strings[lang]);
        let covers: Vec<SiteView> = published.iter().map(|l| site_view(l)).collect();
        ctx.insert("covers", &covers);
        pages.push(Page {
            template: "index.html".into(),
            context: ctx,
            url: "/".into(),
            file: "index.html".into(),
            size_hint: 0,
        });
        sitemap.push(SitemapEntry {
            loc: base.to_string(),
            alternates: vec![],
        });
    }

    for lang in &published {
        let strings = &content.strings[lang];
        // Converted for Tera once per language; every page's context shares them.
        let site = Value::from_serializable(&site_view(lang));
        let t = Value::from_serializable(strings);
        // A page of this language: its view, the site and the UI strings.
        let context = |view: &PageView| {
            let mut ctx = Context::new();
            ctx.insert("page", view);
            ctx.insert_value("site", site.clone());
            ctx.insert_value("t", t.clone());
            ctx
        };
        let chapters: Vec<&ChapterBody> =
            bodies.iter().filter(|b| &b.chapter.lang == lang).collect();
        // A page every language edition has, at `<lang>/<path>` (the contents, the print
        // edition), titled by the UI string `name`: its view and its alternates.
        let edition_page = |kind: &'static str, path: &str, name: &str| {
            let url = format!("{lang}/{path}");
            let root = root_of(&url);
            let alts = alternates(&|l| Some(format!("{l}/{path}")));
            let view = PageView {
                kind,
                lang: lang.clone(),
                locale: locale(lang),
                canonical: format!("{base}{url}"),
                title: format!("{} — {}", strings.get(name), cfg.title.text(lang)),
                description: cfg.description.text(lang).to_string(),
                alternates: alts.clone(),
                languages: language_links(&|l| format!("{l}/{path}"), lang, &root),
                search_suffixes: suffixes(lang),
                url,
                root,
            };
            (view, alts)
        };

        // Contents.
        let url = format!("{lang}/");
        if wanted(&url) {
            let mut parts: Vec<PartView> = Vec::new();
            for b in &chapters {
                let link = NavLink {
                    href: format!("{}/", b.chapter.slug),
                    title: b.chapter.front.title.clone(),
                };
                match parts.last_mut() {
                    Some(p) if p.title == b.chapter.front.part && p.title.is_some() => {
                        p.chapters.push(link)
                    }
                    _ => parts.push(PartView {
                        title: b.chapter.front.part.clone(),
                        chapters: vec![link],
                    }),
                }
            }
            let (view, alts) = edition_page("contents", "", "contents");
            let mut ctx = context(&view);
            ctx.insert("parts", &parts);
            publish(
                &mut pages,
                &mut sitemap,
                base,
                "contents.html",
                ctx,
                &url,
                alts,
            );
        }

        // The print edition: every chapter on one page.
        let print_url = format!("{lang}/print/");
        if wanted(&print_url) {
            let (view, print_alts) = edition_page("print", "print/", "print_edition");
            let mut ctx = context(&view);
            // Each chapter converted for Tera as soon as it is made: its HTML, megabytes over
            // the whole report, is never held twice for all chapters at once.
            let print_chapters: Vec<Value> = chapters
                .par_iter()
                .map(|b| {
                    Value::from_serializable(&PrintChapter {
                        slug: b.chapter.slug.clone(),
                        title: b.chapter.front.title.clone(),
                        part: b.chapter.front.part.clone(),
                        html: crate::print::chapter_html(
                            b.html,
                            &b.chapter.slug,
                            lang,
                            &b.chapter.front.title,
                        ),
                    })
                })
                .collect();
            ctx.insert_value("chapters", Value::from(print_chapters));
            let (mut page, entry) = page_at(base, "print.html", ctx, &print_url, print_alts);
            // The chapters, a heading and a contents line for each, and the cover.
            page.size_hint = chapters.iter().map(|b| b.html.len() + 1024).sum::<usize>() + 65536;
            pages.push(page);
            sitemap.push(entry);
        }

        // Chapters, planned in parallel (their order is kept).
        let chapter_pages: Vec<(Page, SitemapEntry)> = chapters
            .par_iter()
            .enumerate()
            .filter(|(_, b)| wanted(&format!("{lang}/{}/", b.chapter.slug)))
            .map(|(i, b)| {
                let c = b.chapter;
                let url = format!("{lang}/{}/", c.slug);
                let root = root_of(&url);
                let nav = |o: Option<&&ChapterBody>| {
                    o.map(|x| NavLink {
                        href: format!("../{}/", x.chapter.slug),
                        title: x.chapter.front.title.clone(),
                    })
                };
                let slug = c.slug.clone();
                let has = |l: &str| content.chapter(&slug, l).is_some();
                let alts = alternates(&|l| has(l).then(|| format!("{l}/{slug}/")));
                let description = c
                    .front
                    .summary
                    .clone()
                    .unwrap_or_else(|| truncate(b.summary, 150));
                let mut ctx = context(&PageView {
                    kind: "chapter",
                    lang: lang.clone(),
                    locale: locale(lang),
                    url: url.clone(),
                    canonical: format!("{base}{url}"),
                    title: format!("{} — {}", c.front.title, cfg.title.text(lang)),
                    description,
                    root: root.clone(),
                    alternates: alts.clone(),
                    languages: language_links(
                        &|l| {
                            if has(l) {
                                format!("{l}/{slug}/")
                            } else {
                                format!("{l}/")
                            }
                        },
                        lang,
                        &root,
                    ),
                    search_suffixes: suffixes(lang),
                });
                ctx.insert(
                    "chapter",
                    &ChapterView {
                        title: c.front.title.clone(),
                        part: c.front.part.clone(),
                        html: with_all_section_links(b, &versions[c.slug.as_str()]),
                        toc: b
                            .headings
                            .iter()
                            .filter(|h| h.level <= 3)
                            .map(TocEntry::from)
                            .collect(),
                        figures: b
                            .captions
                            .iter()
                            .map(|(id, label, number, caption)| CaptionView {
                                id: id.clone(),
                                label: label.clone(),
                                number: *number,
                                caption: caption.clone(),
                            })
                            .collect(),
                        prev: nav(i.checked_sub(1).and_then(|j| chapters.get(j))),
                        next: nav(chapters.get(i + 1)),
                        contents_href: "../".into(),
                    },
                );
                let (mut page, entry) = page_at(base, "chapter.html", ctx, &url, alts);
                // The body, and around it the header, contents, navigation and footer.
                page.size_hint = b.html.len() + 16384;
                (page, entry)
            })
            .collect();
        for (page, entry) in chapter_pages {
            pages.push(page);
            sitemap.push(entry);
        }
    }

    // 404: served at any depth, so links are absolute paths from the base URL.
    if only.is_none() {
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
                locale: locale(lang),
                url: "404.html".into(),
                canonical: format!("{base}404.html"),
                title: format!(
                    "{} — {}",
                    content.strings[lang].get("not_found"),
                    cfg.title.text(lang)
                ),
                description: cfg.description.text(lang).to_string(),
                root: path_root.clone(),
                alternates: vec![],
                languages: language_links(&|l| format!("{l}/"), "", &path_root),
                search_suffixes: suffixes(lang),
            },
        );
        ctx.insert("site", &site_view(lang));
        ctx.insert("t", &content.strings[lang]);
        let all: Vec<serde_json_like::Lang> = published
            .iter()
            .map(|l| serde_json_like::Lang {
                code: l.clone(),
                not_found: content.strings[l].get("not_found").to_string(),
                not_found_text: content.strings[l].get("not_found_text").to_string(),
                contents: content.strings[l].get("contents").to_string(),
                href: format!("{path_root}{l}/"),
            })
            .collect();
        ctx.insert("editions", &all);
        pages.push(Page {
            template: "404.html".into(),
            context: ctx,
            url: "404.html".into(),
            file: "404.html".into(),
            size_hint: 0,
        });
    }

    // Sitemap and robots.
    if only.is_none() {
        let mut ctx = Context::new();
        ctx.insert("entries", &sitemap);
        ctx.insert("base_url", base);
        pages.push(Page {
            template: "sitemap.xml".into(),
            context: ctx.clone(),
            url: "sitemap.xml".into(),
            file: "sitemap.xml".into(),
            size_hint: 0,
        });
        pages.push(Page {
            template: "robots.txt".into(),
            context: ctx,
            url: "robots.txt".into(),
            file: "robots.txt".into(),
            size_hint: 0,
        });
    }
    pages
}

mod serde_json_like {
    use serde::Serialize;
    /// One language edition, as the 404 page lists them.
    #[derive(Serialize)]
    pub struct Lang {
        pub code: String,
        pub not_found: String,
        pub not_found_text: String,
        pub contents: String,
        pub href: String,
    }
}

/// At most `n` characters, cut at a word boundary, with `…`.
pub fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        return s.to_string();
    }
    let cut: String = s.chars().take(n).collect();
    let at = cut
        .rfind(' ')
        .filter(|i| *i > cut.len() / 2)
        .unwrap_or(cut.len());
    format!("{}…", cut[..at].trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roots() {
        assert_eq!(root_of(""), "");
        assert_eq!(root_of("ko/"), "../");
        assert_eq!(root_of("ko/market/"), "../../");
    }

    #[test]
    fn truncation() {
        assert_eq!(truncate("짧은 글", 10), "짧은 글");
        assert_eq!(truncate("하나 둘 셋 넷 다섯 여섯", 9), "하나 둘 셋 넷…");
        assert_eq!(truncate("하나 둘 셋 넷다섯 여섯", 9), "하나 둘 셋…");
    }
}
