//! Markdown → HTML for one chapter body (pulldown-cmark), with folio's additions, in phases:
//!
//! 1. [`expand`]: shortcodes ([`shortcode`] finds them) are expanded by the caller's
//!    [`Context`] and swapped for placeholders ([`placeholders`]); block shortcodes must stand
//!    on a line of their own, so they become paragraphs of their own;
//! 2. parsing, footnote definitions set aside ([`footnotes`]);
//! 3. [`body`]: the events rewritten — headings get unique ids that keep Hangul
//!    ([`crate::render::slug`]) and make the page's contents list; footnote references are
//!    numbered in order of first reference; links are resolved by the caller ([`links`]) and
//!    collected for the anchor check once every page is rendered;
//! 4. the footnotes listed at the end with back-links, under ids (`fn:1`, `fnref:1`) that cannot
//!    clash with heading ids;
//! 5. placeholders replaced by the shortcodes' HTML, and the author's private-use characters,
//!    escaped in phase 1 so that they cannot be taken for placeholders, restored.
//!
//! Problems are returned with byte offsets into the original body, never panics.

mod body;
mod expand;
mod footnotes;
mod links;
mod placeholders;
pub mod shortcode;

use crate::lang::QuotedScript;
use shortcode::Shortcode;

/// How a shortcode name is used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShortcodeKind {
    /// `{{ x() }}` alone on a line, expands to block HTML.
    Block,
    /// `{% x() %} … {% end %}` around Markdown.
    Paired,
    /// `{{ x() }}` inside text.
    Inline,
}

/// A problem found while expanding or resolving, without a position (the renderer adds it).
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// What is wrong.
    pub message: String,
    /// What was expected.
    pub expected: String,
}

impl Problem {
    /// A problem.
    pub fn new(message: impl Into<String>, expected: impl Into<String>) -> Self {
        Problem {
            message: message.into(),
            expected: expected.into(),
        }
    }
}

/// Where a resolved link points, for the anchor check.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkTarget {
    /// Key of the target page (the caller's choice, e.g. `ko/market-size`).
    pub page: String,
    /// Anchor on that page, if any.
    pub anchor: Option<String>,
}

/// A resolved link.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    /// The `href` to write.
    pub href: String,
    /// Set when the link points into the site and must be checked.
    pub target: Option<LinkTarget>,
}

/// What the renderer needs from the site.
pub trait Context {
    /// How `name` is used, or `None` for an unknown shortcode.
    fn kind(&self, name: &str) -> Option<ShortcodeKind>;
    /// The problem of an unknown shortcode `name` (which names exist).
    fn unknown(&self, name: &str) -> Problem {
        Problem::new(
            format!("unknown shortcode `{name}`"),
            "a shortcode the site defines",
        )
    }
    /// HTML of a block shortcode or of the opening of a paired one.
    fn block(&mut self, sc: &Shortcode) -> Result<String, Problem>;
    /// HTML closing the paired shortcode `open`.
    fn close(&mut self, open: &Shortcode) -> String;
    /// HTML of an inline shortcode.
    fn inline(&mut self, sc: &Shortcode) -> Result<String, Problem>;
    /// Resolves a link destination written in Markdown (not a pure `#anchor`).
    fn link(&self, dest: &str) -> Result<Link, Problem>;
    /// Key of the page being rendered (anchor-only links point here).
    fn page_key(&self) -> String;
}

/// Labels and rules of the page's language that the renderer applies itself.
#[derive(Debug, Clone)]
pub struct Labels {
    /// Accessible name of the footnotes section (`각주`).
    pub footnotes: String,
    /// Label of a footnote's link back to the text (`본문으로`).
    pub back_to_text: String,
    /// Emphasis in another language's script gets that language's tag (`*빅데크*` on an
    /// English page is `<em lang="ko">`), so screen readers switch voice.
    pub quoted_script: Option<&'static QuotedScript>,
    /// The number of the page's first footnote (footnotes may run through a whole report).
    pub first_footnote: usize,
}

/// One heading of a page.
#[derive(Debug, Clone, PartialEq)]
pub struct Heading {
    /// 2 for `##`, …
    pub level: u8,
    /// Its id.
    pub id: String,
    /// Its plain text.
    pub text: String,
}

/// A link into the site, to check once all pages exist.
#[derive(Debug, Clone, PartialEq)]
pub struct AnchorRef {
    /// Where it points.
    pub target: LinkTarget,
    /// Offset of the link in the body.
    pub offset: usize,
    /// The destination as written.
    pub written: String,
}

/// A problem with its offset in the body.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// Byte offset into the body.
    pub offset: usize,
    /// What is wrong.
    pub problem: Problem,
    /// False for warnings.
    pub error: bool,
}

impl Finding {
    fn error(offset: usize, problem: Problem) -> Self {
        Finding {
            offset,
            problem,
            error: true,
        }
    }

    fn warning(offset: usize, problem: Problem) -> Self {
        Finding {
            offset,
            problem,
            error: false,
        }
    }
}

/// The rendered body.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// Body HTML including the footnotes section.
    pub html: String,
    /// Headings in order.
    pub headings: Vec<Heading>,
    /// Where in `html` each heading's opening tag can take one more attribute (just after its
    /// `id="…"`), one per heading, in order.
    pub heading_tags: Vec<Option<usize>>,
    /// Every id on the page (headings, footnotes, and ids shortcodes registered).
    pub ids: Vec<String>,
    /// Links into the site to check.
    pub anchors: Vec<AnchorRef>,
    /// Problems found.
    pub findings: Vec<Finding>,
    /// The first words of the text, for a meta description.
    pub summary: String,
    /// Number of footnotes shown.
    pub footnote_count: usize,
}

/// How many footnotes [`render`] will list for `body`: the labels its text refers to that it
/// defines, each once, counted without rendering (for numbering through a report).
pub fn footnote_count(body: &str) -> usize {
    footnotes::count(body)
}

/// Renders `body` (the Markdown after the front matter).
pub fn render(body: &str, ctx: &mut dyn Context, labels: &Labels) -> Rendered {
    let mut out = Rendered::default();
    // Everything that goes into the page before the placeholders are replaced is escaped.
    let labels = &Labels {
        footnotes: placeholders::escape(&labels.footnotes).into_owned(),
        back_to_text: placeholders::escape(&labels.back_to_text).into_owned(),
        quoted_script: labels.quoted_script,
        first_footnote: labels.first_footnote,
    };
    let expanded = expand::shortcodes(body, ctx, &mut out.findings);
    let (main, definitions) = footnotes::parse(&expanded, &mut out.findings);
    let mut page = body::rewrite(
        main,
        &definitions,
        &expanded.map,
        labels.first_footnote,
        ctx,
        &mut out,
    );
    footnotes::check_markers(&expanded, &definitions, &mut out.findings);
    let mut html = String::with_capacity(expanded.text.len() * 2);
    pulldown_cmark::html::push_html(&mut html, std::mem::take(&mut page.events).into_iter());
    html += &footnotes::section(
        &page.footnotes,
        &mut page.ids,
        definitions,
        &expanded.map,
        labels,
        ctx,
        &mut out,
    );
    html = placeholders::substitute(&html, &expanded.expansions);
    html = placeholders::unescape(&html).into_owned();
    if let Some(script) = labels.quoted_script {
        html = mark_quotes(&html, script);
    }
    out.heading_tags = heading_tags(&html, &out.headings);
    out.html = html;
    out.ids = {
        let mut v: Vec<String> = page.ids.into_set().into_iter().collect();
        v.sort();
        v
    };
    out.summary = placeholders::unescape(&placeholders::strip(
        &page
            .summary
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
    ))
    .into_owned();
    for f in &mut out.findings {
        for text in [&mut f.problem.message, &mut f.problem.expected] {
            if let std::borrow::Cow::Owned(plain) = placeholders::unescape(text) {
                *text = plain;
            }
        }
    }
    out
}

/// `<em>빅데크</em>` → `<em lang="ko">빅데크</em>` for emphasis in `script`.
fn mark_quotes(html: &str, script: &QuotedScript) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    let marked = format!("<em lang=\"{}\">", script.lang);
    while let Some(i) = rest.find("<em>") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 4..];
        let end = after.find("</em>").unwrap_or(after.len());
        if after[..end].chars().any(script.is_script) {
            out.push_str(&marked);
        } else {
            out.push_str("<em>");
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

/// Where each heading's opening tag ends its `id="…"`, in one pass over the page (headings
/// appear in order; the renderer wrote their tags in [`body`]).
fn heading_tags(html: &str, headings: &[Heading]) -> Vec<Option<usize>> {
    let mut pos = 0;
    headings
        .iter()
        .map(|h| {
            let tag = body::heading_open(h.level, &h.id);
            let tag = tag.trim_end_matches('>');
            let found = html[pos..].find(tag)?;
            pos += found + tag.len();
            Some(pos)
        })
        .collect()
}

#[cfg(test)]
mod tests;
