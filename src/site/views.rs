//! The views templates receive: plain structs, never folio's internal model (the Zola lesson),
//! so that renaming a Rust field cannot silently break a template, and the README lists exactly
//! what a template can use.

use serde::Serialize;

/// `site`: the report, in the page's language. What the configuration leaves out is absent
/// (`{% if site.isbn %}`).
#[derive(Serialize)]
pub(crate) struct SiteView {
    pub(crate) title: String,
    pub(crate) description: Option<String>,
    pub(crate) base_url: String,
    pub(crate) series: Option<String>,
    pub(crate) publisher: Option<String>,
    pub(crate) published: Option<String>,
    pub(crate) author: Option<String>,
    pub(crate) isbn: Option<String>,
    /// Series, publisher and date, those given, in one line (`… · KOTRA · 2025년 10월`).
    pub(crate) colophon: Option<String>,
    pub(crate) rates_note: Option<String>,
    pub(crate) rates: Vec<RateView>,
    /// The rates in one line, as the language writes them (`<USD 1 = 1,427.15원, …>`).
    pub(crate) rates_line: Option<String>,
    pub(crate) default_language: String,
    pub(crate) search: bool,
}

/// One exchange rate: one unit of `currency` in the base currency, written out (`1,427.15원`).
#[derive(Serialize)]
pub(crate) struct RateView {
    pub(crate) currency: String,
    pub(crate) value: String,
}

/// `page`: what every page has.
#[derive(Serialize)]
pub(crate) struct PageView {
    pub(crate) kind: &'static str,
    pub(crate) lang: String,
    pub(crate) locale: String,
    pub(crate) url: String,
    pub(crate) canonical: String,
    pub(crate) title: String,
    pub(crate) description: String,
    /// Relative prefix to the site root from this page (`../../`).
    pub(crate) root: String,
    /// The front page of this page's edition, relative to it (`../../ko/`).
    pub(crate) home: String,
    /// Other language editions of this page (absolute URLs) for hreflang.
    pub(crate) alternates: Vec<Alternate>,
    /// The language switch.
    pub(crate) languages: Vec<LanguageLink>,
    /// Particles the search box strips from queries (empty for languages without).
    pub(crate) search_suffixes: String,
}

/// An hreflang alternate.
#[derive(Serialize, Clone)]
pub(crate) struct Alternate {
    pub(crate) hreflang: String,
    pub(crate) href: String,
}

/// One entry of the language switch.
#[derive(Serialize, Clone)]
pub(crate) struct LanguageLink {
    pub(crate) code: String,
    pub(crate) name: String,
    pub(crate) href: String,
    pub(crate) current: bool,
}

/// A link to a page with its title.
#[derive(Serialize)]
pub(crate) struct NavLink {
    pub(crate) href: String,
    pub(crate) title: String,
    /// Set when the page is in another language than the one linking to it (a chapter not
    /// translated yet, linked in the default language): its code…
    pub(crate) lang: Option<String>,
    /// …and its name, to mark the link (`English`).
    pub(crate) language: Option<String>,
}

/// A heading in a chapter's contents.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct TocEntry {
    /// Level (2, 3, …).
    pub(crate) level: u8,
    /// Anchor.
    pub(crate) id: String,
    /// Text.
    pub(crate) text: String,
}

/// A figure or table in a chapter's list of them.
#[derive(Serialize)]
pub(crate) struct CaptionView {
    pub(crate) id: String,
    pub(crate) label: String,
    pub(crate) number: usize,
    pub(crate) caption: String,
}

/// `chapter`: a chapter page.
#[derive(Serialize)]
pub(crate) struct ChapterView {
    pub(crate) title: String,
    pub(crate) part: Option<String>,
    pub(crate) html: String,
    pub(crate) toc: Vec<TocEntry>,
    pub(crate) figures: Vec<CaptionView>,
    pub(crate) prev: Option<NavLink>,
    pub(crate) next: Option<NavLink>,
    pub(crate) contents_href: String,
}

/// `parts`: the contents page's chapters, grouped by part.
#[derive(Serialize)]
pub(crate) struct PartView {
    pub(crate) title: Option<String>,
    pub(crate) chapters: Vec<NavLink>,
}

/// `chapters`: one chapter of the print edition.
#[derive(Serialize)]
pub(crate) struct PrintChapter {
    pub(crate) slug: String,
    pub(crate) title: String,
    pub(crate) part: Option<String>,
    pub(crate) html: String,
}

/// `entries`: one page of the sitemap.
#[derive(Serialize)]
pub(crate) struct SitemapEntry {
    pub(crate) loc: String,
    pub(crate) alternates: Vec<Alternate>,
}

/// `editions`: one language edition, as the 404 page lists them.
#[derive(Serialize)]
pub(crate) struct EditionView {
    pub(crate) code: String,
    pub(crate) not_found: String,
    pub(crate) not_found_text: String,
    pub(crate) contents: String,
    pub(crate) href: String,
}
