//! The pages of the site: one function per page kind, each making the [`Page`]s of its kind
//! and the view its template receives ([`crate::site::views`]).
//!
//! | page | URL | template | made by |
//! |---|---|---|---|
//! | cover & language choice | `/` | `index.html` | [`landing`] |
//! | contents of a language | `/<lang>/` | `contents.html` | [`contents`] |
//! | the print edition | `/<lang>/print/` | `print.html` | [`print`] |
//! | a chapter | `/<lang>/<slug>/` | `chapter.html` | [`chapter`] |
//! | not found | `/404.html` | `404.html` | [`not_found`] |
//! | sitemap, robots | `/sitemap.xml`, `/robots.txt` | `sitemap.xml`, `robots.txt` | [`sitemap`] |

mod chapter;
mod contents;
mod landing;
mod not_found;
mod print;
mod sitemap;

use super::views::{Alternate, LanguageLink, PageView, RateView, SiteView, SitemapEntry};
use crate::base::urls::root_of;
use crate::content::Chapter;
use crate::content::config::{Config, Text};
use crate::content::i18n::Strings;
use crate::lang::Formatter;
use crate::lang::Lang;
use crate::num::Unit;
use crate::render::{Book, RenderedChapter};
use std::collections::HashMap;
use tera::{Context, Value};

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
    /// The language the page is in (none for the sitemap and robots.txt).
    pub lang: Option<String>,
    /// About how many bytes the page will be (0: small or unknown), so that it is rendered
    /// into a buffer allocated once: a print edition can be tens of megabytes.
    pub size_hint: usize,
}

/// Plans every page of the site.
pub fn plan(book: &Book) -> Vec<Page> {
    plan_only(book, None)
}

/// [`plan`], or with `only` just the page at that URL (`ko/market-size/`): what `serve`
/// renders first after an edit.
pub fn plan_only(book: &Book, only: Option<&str>) -> Vec<Page> {
    let site = Site::new(book, only);
    let mut pages = Vec::new();
    let mut entries: Vec<SitemapEntry> = Vec::new();
    // A site of one language has no choice of edition: its contents are its front page.
    if only.is_none() && site.cfg.languages.len() > 1 {
        landing::add(&site, &mut pages, &mut entries);
    }
    for lang in &site.published {
        let edition = Edition::new(&site, lang);
        contents::add(&edition, &mut pages, &mut entries);
        print::add(&edition, &mut pages, &mut entries);
        chapter::add(&edition, &mut pages, &mut entries);
    }
    if only.is_none() {
        not_found::add(&site, &mut pages);
        sitemap::add(&site, &mut pages, entries);
    }
    pages
}

/// What every page kind reads: the book, the languages published, each chapter's versions.
pub(super) struct Site<'a> {
    pub book: &'a Book<'a>,
    pub cfg: &'a Config,
    /// The base URL (`https://…/`).
    pub base: &'a str,
    /// Languages with chapters, in `site.yaml` order.
    pub published: Vec<String>,
    /// Each chapter's versions, in every language, by slug.
    pub versions: HashMap<&'a str, Vec<(&'a Chapter, &'a RenderedChapter)>>,
    only: Option<&'a str>,
}

impl<'a> Site<'a> {
    fn new(book: &'a Book<'a>, only: Option<&'a str>) -> Self {
        let mut versions: HashMap<&str, Vec<_>> = HashMap::new();
        for (c, r) in book.iter() {
            versions.entry(c.slug.as_str()).or_default().push((c, r));
        }
        let cfg = &book.content.config;
        Site {
            book,
            cfg,
            base: cfg.base(),
            published: book.content.published_languages(),
            versions,
            only,
        }
    }

    /// The folder of `lang`'s edition (`ko/`, or `""` in a site of one language).
    pub fn ed(&self, lang: &str) -> String {
        self.cfg.edition(lang)
    }

    /// Whether the page at `url` is to be made.
    pub fn wanted(&self, url: &str) -> bool {
        self.only.is_none_or(|o| o == url)
    }

    /// The UI strings of `lang`.
    pub fn strings(&self, lang: &str) -> &'a Strings {
        &self.book.content.strings[lang]
    }

    /// `site` in `lang`.
    pub fn view(&self, lang: &str) -> SiteView {
        let cfg = self.cfg;
        let get = |t: &Option<Text>| t.as_ref().map(|t| t.text(lang).to_string());
        let rates: Vec<RateView> = cfg
            .exchange_rates
            .iter()
            .flat_map(|r| {
                let base = Unit::Money {
                    currency: r.rates.base,
                    scale: 1.0,
                };
                r.written.iter().map(move |(c, q)| RateView {
                    currency: c.code().to_string(),
                    value: Formatter::new(lang).prose(*q, &base),
                })
            })
            .collect();
        let rates_line = (!rates.is_empty()).then(|| {
            let line: Vec<String> = rates
                .iter()
                .map(|r| format!("{} 1 = {}", r.currency, r.value))
                .collect();
            self.strings(lang)
                .get("rates_line")
                .replace("{rates}", &line.join(", "))
        });
        let colophon: Vec<String> = [
            &cfg.report.series,
            &cfg.report.publisher,
            &cfg.report.published,
        ]
        .into_iter()
        .filter_map(get)
        .collect();
        SiteView {
            colophon: (!colophon.is_empty()).then(|| colophon.join(" · ")),
            title: cfg.title.text(lang).to_string(),
            description: get(&cfg.description),
            base_url: self.base.to_string(),
            series: get(&cfg.report.series),
            publisher: get(&cfg.report.publisher),
            published: get(&cfg.report.published),
            author: get(&cfg.report.author),
            isbn: get(&cfg.report.isbn),
            rates_note: cfg.exchange_rates.as_ref().and_then(|r| get(&r.note)),
            rates,
            rates_line,
            default_language: cfg.default_language().to_string(),
            search: cfg.search,
        }
    }

    /// The description of the site in `lang`, or its title.
    pub fn description(&self, lang: &str) -> String {
        match &self.cfg.description {
            Some(d) => d.text(lang).to_string(),
            None => self.cfg.title.text(lang).to_string(),
        }
    }

    /// The locale of `lang` (`ko_KR`).
    pub fn locale(&self, lang: &str) -> String {
        self.cfg
            .language(lang)
            .map(|l| l.locale.clone())
            .unwrap_or_default()
    }

    /// The language switch: each published language at `url_of(lang)`, relative to `root`.
    pub fn language_links(
        &self,
        url_of: &dyn Fn(&str) -> String,
        current: &str,
        root: &str,
    ) -> Vec<LanguageLink> {
        self.published
            .iter()
            .map(|l| LanguageLink {
                code: l.clone(),
                name: self
                    .cfg
                    .language(l)
                    .map(|x| x.name.clone())
                    .unwrap_or_default(),
                href: format!("{root}{}", url_of(l)),
                current: l == current,
            })
            .collect()
    }

    /// The hreflang alternates of a page at `url_of(lang)` in the languages that have it, and
    /// `x-default` (the default language's) when there are several.
    pub fn alternates(&self, url_of: &dyn Fn(&str) -> Option<String>) -> Vec<Alternate> {
        let base = self.base;
        let mut v: Vec<Alternate> = self
            .published
            .iter()
            .filter_map(|l| {
                url_of(l).map(|u| Alternate {
                    hreflang: l.clone(),
                    href: format!("{base}{u}"),
                })
            })
            .collect();
        if v.len() > 1
            && let Some(u) = url_of(self.cfg.default_language())
        {
            v.push(Alternate {
                hreflang: "x-default".into(),
                href: format!("{base}{u}"),
            });
        }
        v
    }

    /// The particles the search box strips from queries in `lang`, space-separated.
    pub fn search_suffixes(&self, lang: &str) -> String {
        Lang::of(lang)
            .search_stems
            .map(|s| s.suffixes.join(" "))
            .unwrap_or_default()
    }
}

/// One language edition: its chapters, and the `site` and `t` every page of it shares
/// (converted for Tera once).
pub(super) struct Edition<'a> {
    pub site: &'a Site<'a>,
    pub lang: &'a str,
    pub strings: &'a Strings,
    pub chapters: Vec<(&'a Chapter, &'a RenderedChapter)>,
    site_value: Value,
    strings_value: Value,
}

impl<'a> Edition<'a> {
    fn new(site: &'a Site<'a>, lang: &'a str) -> Self {
        let strings = site.strings(lang);
        Edition {
            site,
            lang,
            strings,
            chapters: site.book.in_language(lang).collect(),
            site_value: Value::from_serializable(&site.view(lang)),
            strings_value: Value::from_serializable(strings),
        }
    }

    /// A page of this edition: its view, the site and the UI strings.
    pub fn context(&self, view: &PageView) -> Context {
        let mut ctx = Context::new();
        ctx.insert("page", view);
        ctx.insert_value("site", self.site_value.clone());
        ctx.insert_value("t", self.strings_value.clone());
        ctx
    }

    /// A page every edition has, at `<lang>/<path>` (the contents, the print edition), titled
    /// by the UI string `name`: its view and its alternates.
    pub fn page_view(
        &self,
        kind: &'static str,
        path: &str,
        name: &str,
    ) -> (PageView, Vec<Alternate>) {
        let (site, lang) = (self.site, self.lang);
        let url = format!("{}{path}", site.ed(lang));
        let root = root_of(&url);
        let alts = site.alternates(&|l| Some(format!("{}{path}", site.ed(l))));
        let view = PageView {
            kind,
            lang: lang.to_string(),
            locale: site.locale(lang),
            canonical: format!("{}{url}", site.base),
            title: format!("{} — {}", self.strings.get(name), site.cfg.title.text(lang)),
            description: site.description(lang),
            alternates: alts.clone(),
            languages: site.language_links(&|l| format!("{}{path}", site.ed(l)), lang, &root),
            home: format!("{root}{}", site.ed(lang)),
            search_suffixes: site.search_suffixes(lang),
            url,
            root,
        };
        (view, alts)
    }
}

/// The page at `url` (`ko/market-size/`) in `lang`, and its sitemap entry.
fn page_at(
    base: &str,
    template: &str,
    context: Context,
    url: &str,
    lang: &str,
    alternates: Vec<Alternate>,
) -> (Page, SitemapEntry) {
    (
        Page {
            template: template.into(),
            context,
            url: url.to_string(),
            file: format!("{url}index.html"),
            lang: Some(lang.to_string()),
            size_hint: 0,
        },
        SitemapEntry {
            loc: format!("{base}{url}"),
            alternates,
        },
    )
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
    fn truncation() {
        assert_eq!(truncate("짧은 글", 10), "짧은 글");
        assert_eq!(truncate("하나 둘 셋 넷 다섯 여섯", 9), "하나 둘 셋 넷…");
        assert_eq!(truncate("하나 둘 셋 넷다섯 여섯", 9), "하나 둘 셋…");
    }
}
