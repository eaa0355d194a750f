//! Markdown → HTML for one chapter body (pulldown-cmark), with folio's additions:
//!
//! - shortcodes are swapped for placeholders before parsing and for their HTML after rendering
//!   (block shortcodes must stand on a line of their own, so they become paragraphs of their own);
//! - headings get unique ids that keep Hangul ([`crate::slug`]) and make the page's contents list;
//! - footnotes are numbered in order of first reference and listed at the end with back-links,
//!   under ids (`fn:1`, `fnref:1`) that cannot clash with heading ids;
//! - links are resolved by the caller (chapter file names → URLs) and anchors collected for
//!   checking once every page is rendered.
//!
//! Problems are returned with byte offsets into the original body, never panics.

use crate::shortcode::{self, Form, Shortcode};
use crate::slug::{IdSet, heading_id};
use pulldown_cmark::{Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};
use std::collections::{BTreeMap, HashMap};

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

/// Labels the renderer writes itself.
#[derive(Debug, Clone)]
pub struct Labels {
    /// Accessible name of the footnotes section (`각주`).
    pub footnotes: String,
    /// Label of a footnote's link back to the text (`본문으로`).
    pub back_to_text: String,
    /// Language of the page. On pages not in Korean, emphasised Hangul (`*빅데크*`, a quoted
    /// Korean wording) is marked `lang="ko"` so screen readers switch voice.
    pub lang: String,
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

/// The rendered body.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// Body HTML including the footnotes section.
    pub html: String,
    /// Headings in order.
    pub headings: Vec<Heading>,
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

/// A heading being collected: level, explicit id, inner events, plain text, offset.
type OpenHeading<'e> = (u8, Option<String>, Vec<Event<'e>>, String, usize);

/// Placeholder for shortcode `n`: private-use characters Markdown leaves alone.
fn placeholder(n: usize) -> String {
    let digits: String = n
        .to_string()
        .chars()
        .map(|d| char::from_u32(0xE010 + d.to_digit(10).unwrap_or(0)).unwrap_or('\u{E010}'))
        .collect();
    format!("\u{E000}{digits}\u{E001}")
}

/// Replaces the first occurrence of each placeholder in `html` by its expansion, in one pass
/// (one `replacen` per shortcode rescans the whole page each time: quadratic). A block's
/// paragraph, `<p>…</p>\n`, is replaced with it.
fn substitute_placeholders(html: &str, expansions: &[(String, bool)]) -> String {
    const OPEN: char = '\u{E000}';
    const CLOSE: char = '\u{E001}';
    let mut out = String::with_capacity(html.len());
    let mut used = vec![false; expansions.len()];
    let mut rest = html;
    while let Some(start) = rest.find(OPEN) {
        let after = &rest[start + OPEN.len_utf8()..];
        let digits: usize = after
            .chars()
            .take_while(|c| ('\u{E010}'..='\u{E019}').contains(c))
            .map(char::len_utf8)
            .sum();
        let index = after[..digits].chars().try_fold(0usize, |n, c| {
            n.checked_mul(10)?.checked_add(c as usize - 0xE010)
        });
        match index {
            Some(i)
                if digits > 0
                    && after[digits..].starts_with(CLOSE)
                    && i < expansions.len()
                    && !used[i] =>
            {
                used[i] = true;
                let (expansion, block) = &expansions[i];
                let before = &rest[..start];
                let tail = &after[digits + CLOSE.len_utf8()..];
                let wrapped = before.strip_suffix("<p>").zip(tail.strip_prefix("</p>\n"));
                let (before, tail) = match wrapped {
                    Some(inside) if *block => inside,
                    _ => (before, tail),
                };
                out.push_str(before);
                out.push_str(expansion);
                rest = tail;
            }
            _ => {
                out.push_str(&rest[..start + OPEN.len_utf8()]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Maps offsets in the substituted text back to the original body.
struct OffsetMap {
    /// (start in substituted, start in original, length in substituted, length in original)
    edits: Vec<(usize, usize, usize, usize)>,
}

impl OffsetMap {
    fn original(&self, sub: usize) -> usize {
        // Edits are in text order and do not overlap: the last one starting at or before `sub`
        // decides (a binary search: a linear scan per event is quadratic in shortcodes).
        let i = self.edits.partition_point(|&(s, ..)| s <= sub);
        let Some(&(s, o, sl, ol)) = i.checked_sub(1).map(|i| &self.edits[i]) else {
            return sub;
        };
        if sub < s + sl {
            return o;
        }
        let delta = (o + ol) as isize - (s + sl) as isize;
        (sub as isize + delta).max(0) as usize
    }
}

/// Renders `body` (the Markdown after the front matter).
pub fn render(body: &str, ctx: &mut dyn Context, labels: &Labels) -> Rendered {
    let mut out = Rendered::default();
    let (shortcodes, scan_errors) = shortcode::scan(body);
    for e in scan_errors {
        out.findings.push(Finding {
            offset: e.offset,
            problem: Problem::new(e.message, e.expected),
            error: true,
        });
    }

    // 1. Expand shortcodes and substitute placeholders.
    let mut substituted = String::with_capacity(body.len());
    let mut edits = Vec::new();
    let mut expansions: Vec<(String, bool)> = Vec::new(); // (html, is_block)
    let mut open_blocks: Vec<Shortcode> = Vec::new();
    let mut last = 0;
    for sc in &shortcodes {
        let kind = if sc.form == Form::End {
            Some(ShortcodeKind::Paired)
        } else {
            ctx.kind(&sc.name)
        };
        let mut problem = |p: Problem| {
            out.findings.push(Finding {
                offset: sc.range.start,
                problem: p,
                error: true,
            })
        };
        let expansion: Option<(String, bool)> = match (kind, sc.form) {
            (None, _) => {
                problem(Problem::new(
                    format!("unknown shortcode `{}`", sc.name),
                    "one of `chart`, `table`, `value`, `figure`, `box`",
                ));
                None
            }
            (Some(ShortcodeKind::Inline), Form::Inline) => match ctx.inline(sc) {
                Ok(html) => Some((html, false)),
                Err(p) => {
                    problem(p);
                    None
                }
            },
            (Some(k), form) if (k == ShortcodeKind::Paired) != (form != Form::Inline) => {
                let want = if k == ShortcodeKind::Paired {
                    format!("`{{% {}(…) %}}` … `{{% end %}}`", sc.name)
                } else {
                    format!("`{{{{ {}(…) }}}}`", sc.name)
                };
                problem(Problem::new(
                    format!(
                        "shortcode `{}` is written with the wrong delimiters",
                        sc.name
                    ),
                    want,
                ));
                None
            }
            (Some(_), _) if !(sc.alone_on_line && sc.at_line_start) => {
                problem(Problem::new(
                    format!(
                        "shortcode `{}` must stand alone at the start of its line",
                        sc.name
                    ),
                    "the shortcode on a line of its own, not indented",
                ));
                None
            }
            (Some(_), Form::End) => match open_blocks.pop() {
                Some(open) => Some((ctx.close(&open), true)),
                None => {
                    problem(Problem::new(
                        "`{% end %}` closes nothing",
                        "a `{% box(…) %}` or `{% figure(…) %}` before it",
                    ));
                    None
                }
            },
            (Some(_), form) => match ctx.block(sc) {
                Ok(html) => {
                    if form == Form::Open {
                        open_blocks.push(sc.clone());
                    }
                    Some((html, true))
                }
                Err(p) => {
                    problem(p);
                    if form == Form::Open {
                        // Keep the pairing intact so its `end` does not cascade into errors.
                        open_blocks.push(sc.clone());
                        Some((String::new(), true))
                    } else {
                        None
                    }
                }
            },
        };
        substituted.push_str(&body[last..sc.range.start]);
        let replacement = match expansion {
            Some((html, block)) => {
                let ph = placeholder(expansions.len());
                expansions.push((html, block));
                if block { format!("\n{ph}\n") } else { ph }
            }
            None => String::new(),
        };
        edits.push((
            substituted.len(),
            sc.range.start,
            replacement.len(),
            sc.range.len(),
        ));
        substituted.push_str(&replacement);
        last = sc.range.end;
    }
    substituted.push_str(&body[last..]);
    for open in open_blocks {
        out.findings.push(Finding {
            offset: open.range.start,
            problem: Problem::new(
                format!("`{{% {}(…) %}}` is never closed", open.name),
                "a line `{% end %}` after its content",
            ),
            error: true,
        });
    }
    let map = OffsetMap { edits };

    // 2. Parse.
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_FOOTNOTES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    options.insert(Options::ENABLE_HEADING_ATTRIBUTES);
    let events: Vec<(Event, std::ops::Range<usize>)> = Parser::new_ext(&substituted, options)
        .into_offset_iter()
        .collect();

    // 3. Footnote definitions go to the end; everything else is rewritten in place.
    type Events<'e> = Vec<(Event<'e>, usize)>;
    let mut definitions: BTreeMap<String, (Events, usize)> = BTreeMap::new();
    let mut main: Events = Vec::new();
    let mut current_def: Option<(String, Events, usize)> = None;
    for (ev, range) in events {
        match (&mut current_def, ev) {
            (None, Event::Start(Tag::FootnoteDefinition(label))) => {
                current_def = Some((label.to_string(), Vec::new(), range.start));
            }
            (Some(_), Event::End(TagEnd::FootnoteDefinition)) => {
                let (label, evs, at) = current_def.take().unwrap();
                if definitions.contains_key(&label) {
                    out.findings.push(Finding {
                        offset: map.original(at),
                        problem: Problem::new(
                            format!("footnote `[^{label}]` is defined twice"),
                            "one definition per footnote",
                        ),
                        error: true,
                    });
                }
                definitions.insert(label, (evs, at));
            }
            (Some((_, evs, _)), ev) => evs.push((ev, range.start)),
            (None, ev) => main.push((ev, range.start)),
        }
    }

    let mut ids = IdSet::new();
    let mut footnote_numbers: HashMap<String, (usize, usize)> = HashMap::new(); // label → (number, refs)
    let mut footnote_order: Vec<String> = Vec::new();
    let mut html_events: Vec<Event> = Vec::with_capacity(main.len());
    let mut heading: Option<OpenHeading> = None;
    let mut summary = String::new();
    let mut in_heading_or_code = 0usize;

    for (ev, at) in main {
        let original = map.original(at);
        let Some(ev) = rewrite_embedded(ev, original, ctx, &mut out) else {
            continue;
        };
        let ev = match ev {
            Event::Start(Tag::Heading { level, id, .. }) => {
                if level == HeadingLevel::H1 {
                    out.findings.push(Finding {
                        offset: original,
                        problem: Problem::new(
                            "a level-1 heading in the body",
                            "`##` or deeper (the chapter title is the page's only `#` heading)",
                        ),
                        error: false,
                    });
                }
                heading = Some((
                    level as u8,
                    id.map(|s| s.to_string()),
                    Vec::new(),
                    String::new(),
                    original,
                ));
                in_heading_or_code += 1;
                continue;
            }
            Event::End(TagEnd::Heading(_)) => {
                in_heading_or_code = in_heading_or_code.saturating_sub(1);
                if let Some((level, explicit, inner, text, offset)) = heading.take() {
                    let text = strip_placeholders(&text);
                    let id = match explicit {
                        Some(id) => {
                            if !ids.insert(&id) {
                                out.findings.push(Finding {
                                    offset,
                                    problem: Problem::new(
                                        format!("heading id `{id}` is used twice on this page"),
                                        "a unique `{#id}`",
                                    ),
                                    error: true,
                                });
                            }
                            id
                        }
                        None => ids.claim(&heading_id(&text)),
                    };
                    html_events.push(Event::Html(
                        format!("<h{level} id=\"{}\">", escape_attr(&id)).into(),
                    ));
                    html_events.extend(inner);
                    html_events.push(Event::Html(format!("</h{level}>\n").into()));
                    out.headings.push(Heading {
                        level,
                        id,
                        text: text.trim().to_string(),
                    });
                }
                continue;
            }
            Event::FootnoteReference(label) => {
                let label = label.to_string();
                if !definitions.contains_key(&label) {
                    // Reported by the marker scan below.
                    Event::Text(format!("[^{label}]").into())
                } else {
                    let next = footnote_order.len() + 1;
                    let entry = footnote_numbers.entry(label.clone()).or_insert_with(|| {
                        footnote_order.push(label.clone());
                        (next, 0)
                    });
                    entry.1 += 1;
                    let (n, refs) = *entry;
                    let ref_id = if refs == 1 {
                        format!("fnref:{n}")
                    } else {
                        format!("fnref:{n}-{refs}")
                    };
                    ids.insert(&ref_id);
                    Event::Html(
                        format!("<sup class=\"footnote-ref\"><a href=\"#fn:{n}\" id=\"{ref_id}\" role=\"doc-noteref\">{n}</a></sup>").into(),
                    )
                }
            }
            Event::Start(Tag::Table(align)) => {
                // A wide table scrolls inside its own box (focusable, so keyboards can scroll).
                html_events.push(Event::Html(
                    "<div class=\"table-scroll md-table\" tabindex=\"0\">\n".into(),
                ));
                Event::Start(Tag::Table(align))
            }
            Event::End(TagEnd::Table) => {
                html_events.push(Event::End(TagEnd::Table));
                Event::Html("</div>\n".into())
            }
            Event::Start(Tag::CodeBlock(k)) => {
                in_heading_or_code += 1;
                Event::Start(Tag::CodeBlock(k))
            }
            Event::End(TagEnd::CodeBlock) => {
                in_heading_or_code = in_heading_or_code.saturating_sub(1);
                Event::End(TagEnd::CodeBlock)
            }
            Event::Text(t) => {
                if in_heading_or_code == 0 && summary.chars().count() < 240 {
                    summary.push_str(&t);
                }
                Event::Text(t)
            }
            ev @ (Event::SoftBreak
            | Event::HardBreak
            | Event::End(TagEnd::Paragraph | TagEnd::Item)) => {
                summary.push(' ');
                ev
            }
            other => other,
        };
        match &mut heading {
            Some((_, _, inner, text, _)) => {
                if let Event::Text(t) | Event::Code(t) = &ev {
                    text.push_str(t);
                }
                inner.push(ev);
            }
            None => html_events.push(ev),
        }
    }

    // pulldown-cmark leaves a reference to an undefined footnote as plain text: find those.
    for (label, at) in footnote_markers(&substituted) {
        if !definitions.contains_key(label) {
            out.findings.push(Finding {
                offset: map.original(at),
                problem: Problem::new(
                    format!("footnote `[^{label}]` has no definition"),
                    format!("a line `[^{label}]: …` in this chapter"),
                ),
                error: true,
            });
        }
    }

    let mut html = String::with_capacity(substituted.len() * 2);
    pulldown_cmark::html::push_html(&mut html, html_events.into_iter());

    // 4. Footnotes section.
    for (label, (_, at)) in &definitions {
        if !footnote_numbers.contains_key(label) {
            out.findings.push(Finding {
                offset: map.original(*at),
                problem: Problem::new(
                    format!("footnote `[^{label}]` is never referenced"),
                    format!("a `[^{label}]` marker in the text, or no definition"),
                ),
                error: false,
            });
        }
    }
    if !footnote_order.is_empty() {
        html.push_str(&format!(
            "<section class=\"footnotes\" role=\"doc-endnotes\" aria-label=\"{}\">\n<ol>\n",
            escape_attr(&labels.footnotes)
        ));
        for label in &footnote_order {
            let (n, refs) = footnote_numbers[label];
            ids.insert(&format!("fn:{n}"));
            let mut body = String::new();
            let evs = definitions.remove(label).map(|d| d.0).unwrap_or_default();
            let evs: Vec<Event> = evs
                .into_iter()
                .filter_map(|(ev, at)| rewrite_embedded(ev, map.original(at), ctx, &mut out))
                .collect();
            pulldown_cmark::html::push_html(&mut body, evs.into_iter());
            let backs: String = (1..=refs)
                .map(|k| {
                    let target = if k == 1 { format!("fnref:{n}") } else { format!("fnref:{n}-{k}") };
                    format!(
                        " <a href=\"#{target}\" class=\"footnote-back\" role=\"doc-backlink\" aria-label=\"{}\">↩</a>",
                        escape_attr(&labels.back_to_text)
                    )
                })
                .collect();
            let body = body.trim_end();
            let body = match body.strip_suffix("</p>") {
                Some(b) => format!("{b}{backs}</p>"),
                None => format!("{body}{backs}"),
            };
            html.push_str(&format!("<li id=\"fn:{n}\" value=\"{n}\">{body}</li>\n"));
        }
        html.push_str("</ol>\n</section>\n");
        out.footnote_count = footnote_order.len();
    }

    // 5. Placeholders → shortcode HTML. Block shortcodes stand in paragraphs of their own.
    html = substitute_placeholders(&html, &expansions);

    if labels.lang != "ko" {
        html = mark_korean_quotes(&html);
    }
    out.html = html;
    out.ids = {
        let mut v: Vec<String> = ids.into_set().into_iter().collect();
        v.sort();
        v
    };
    out.summary = summary.split_whitespace().collect::<Vec<_>>().join(" ");
    out.summary = strip_placeholders(&out.summary);
    out
}

/// Links resolved, images refused, raw HTML escaped: the rewrites every event of the text gets,
/// footnote definitions included. `None` drops the event.
fn rewrite_embedded<'a>(
    ev: Event<'a>,
    original: usize,
    ctx: &mut dyn Context,
    out: &mut Rendered,
) -> Option<Event<'a>> {
    Some(match ev {
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let dest = dest_url.to_string();
            match resolve(&dest, ctx, link_type) {
                Ok(link) => {
                    if let Some(target) = link.target {
                        out.anchors.push(AnchorRef {
                            target,
                            offset: original,
                            written: dest.clone(),
                        });
                    }
                    Event::Start(Tag::Link {
                        link_type,
                        dest_url: link.href.into(),
                        title,
                        id,
                    })
                }
                Err(p) => {
                    out.findings.push(Finding {
                        offset: original,
                        problem: p,
                        error: true,
                    });
                    Event::Start(Tag::Link {
                        link_type,
                        dest_url,
                        title,
                        id,
                    })
                }
            }
        }
        Event::Start(Tag::Image { dest_url, .. }) => {
            out.findings.push(Finding {
                offset: original,
                problem: Problem::new(
                    format!("image `{dest_url}` in Markdown"),
                    "a chart or table shortcode, or `{% figure(…) %}` (images are not published)",
                ),
                error: true,
            });
            return None;
        }
        Event::Html(h) | Event::InlineHtml(h) => {
            out.findings.push(Finding {
                offset: original,
                problem: Problem::new(
                    format!("raw HTML `{}` in Markdown", h.trim()),
                    "Markdown only (HTML is escaped)",
                ),
                error: false,
            });
            Event::Text(h)
        }
        other => other,
    })
}

fn resolve(dest: &str, ctx: &mut dyn Context, link_type: LinkType) -> Result<Link, Problem> {
    if matches!(link_type, LinkType::Email) || dest.starts_with("mailto:") {
        return Ok(Link {
            href: dest.to_string(),
            target: None,
        });
    }
    if let Some(anchor) = dest.strip_prefix('#') {
        return Ok(Link {
            href: dest.to_string(),
            target: Some(LinkTarget {
                page: ctx.page_key(),
                anchor: Some(anchor.to_string()),
            }),
        });
    }
    if dest.starts_with("https://") || dest.starts_with("http://") {
        return Ok(Link {
            href: dest.to_string(),
            target: None,
        });
    }
    ctx.link(dest)
}

/// True for Hangul syllables and jamo.
pub fn is_hangul(c: char) -> bool {
    matches!(c, '\u{AC00}'..='\u{D7A3}' | '\u{1100}'..='\u{11FF}' | '\u{3130}'..='\u{318F}')
}

/// `<em>빅데크</em>` → `<em lang="ko">빅데크</em>`.
fn mark_korean_quotes(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find("<em>") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 4..];
        let end = after.find("</em>").unwrap_or(after.len());
        if after[..end].chars().any(is_hangul) {
            out.push_str("<em lang=\"ko\">");
        } else {
            out.push_str("<em>");
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

/// `[^label]` markers outside code (definitions `[^label]:` excluded), with their offsets.
fn footnote_markers(text: &str) -> Vec<(&str, usize)> {
    let mut out = Vec::new();
    let mut offset = 0;
    let mut in_fence = false;
    for line in text.split_inclusive('\n') {
        let t = line.trim_start();
        if t.starts_with("```") || t.starts_with("~~~") {
            in_fence = !in_fence;
        } else if !in_fence {
            let mut in_code = false;
            let bytes = line.as_bytes();
            for i in 0..bytes.len() {
                match bytes[i] {
                    b'`' => in_code = !in_code,
                    b'[' if !in_code && bytes.get(i + 1) == Some(&b'^') => {
                        // A label ends at the first `]`; a `[` before it means no reference
                        // here (labels hold no brackets), and stopping there keeps a line of
                        // `[^[^[^…` linear.
                        if let Some(end) = line[i + 2..].find([']', '['])
                            && bytes[i + 2 + end] == b']'
                        {
                            let label = &line[i + 2..i + 2 + end];
                            let is_def = line[i + 3 + end..].starts_with(':');
                            if !label.is_empty() && !label.contains(char::is_whitespace) && !is_def
                            {
                                out.push((label, offset + i));
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
        offset += line.len();
    }
    out
}

fn strip_placeholders(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut inside = false;
    for c in s.chars() {
        match c {
            '\u{E000}' => inside = true,
            '\u{E001}' => inside = false,
            _ if !inside => out.push(c),
            _ => {}
        }
    }
    out
}

/// Escapes text for an HTML attribute value or element content.
pub fn escape_attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Escapes text for HTML element content (same as attributes: one rule everywhere).
pub fn escape(s: &str) -> String {
    escape_attr(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Ctx;
    impl Context for Ctx {
        fn kind(&self, name: &str) -> Option<ShortcodeKind> {
            match name {
                "table" => Some(ShortcodeKind::Block),
                "box" => Some(ShortcodeKind::Paired),
                "value" => Some(ShortcodeKind::Inline),
                _ => None,
            }
        }
        fn block(&mut self, sc: &Shortcode) -> Result<String, Problem> {
            match sc.str_arg("id") {
                Some("missing") => Err(Problem::new("unknown table `missing`", "a table id")),
                Some(id) => Ok(format!("<table data-id=\"{id}\"></table>\n")),
                None if sc.name == "box" => Ok("<aside>\n".into()),
                None => Err(Problem::new("no id", "id")),
            }
        }
        fn close(&mut self, _: &Shortcode) -> String {
            "</aside>\n".into()
        }
        fn inline(&mut self, _: &Shortcode) -> Result<String, Problem> {
            Ok("2,697억 위안".into())
        }
        fn link(&self, dest: &str) -> Result<Link, Problem> {
            match dest.split_once('#') {
                Some(("02-b.md", a)) => Ok(Link {
                    href: format!("../b/#{a}"),
                    target: Some(LinkTarget {
                        page: "b".into(),
                        anchor: Some(a.into()),
                    }),
                }),
                _ if dest == "02-b.md" => Ok(Link {
                    href: "../b/".into(),
                    target: Some(LinkTarget {
                        page: "b".into(),
                        anchor: None,
                    }),
                }),
                _ => Err(Problem::new(
                    format!("link to missing chapter `{dest}`"),
                    "a chapter file name",
                )),
            }
        }
        fn page_key(&self) -> String {
            "a".into()
        }
    }

    fn labels() -> Labels {
        Labels {
            footnotes: "각주".into(),
            back_to_text: "본문으로".into(),
            lang: "ko".into(),
        }
    }

    #[test]
    fn korean_quotes_on_other_pages_are_marked() {
        let labels = Labels {
            lang: "en".into(),
            ..labels()
        };
        let r = render(
            "The report writes *빅데크* for *Big Tech*.\n",
            &mut Ctx,
            &labels,
        );
        assert!(
            r.html
                .contains("<em lang=\"ko\">빅데크</em> for <em>Big Tech</em>"),
            "{}",
            r.html
        );
    }

    fn run(md: &str) -> Rendered {
        render(md, &mut Ctx, &labels())
    }

    #[test]
    fn headings_get_unique_hangul_ids() {
        let r = run("## 1) 기초단계\n\ntext\n\n## 1) 기초단계\n\n### Sub {#custom}\n");
        let ids: Vec<_> = r.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["기초단계", "기초단계-1", "custom"]);
        assert!(r.html.contains("<h2 id=\"기초단계\">1) 기초단계</h2>"));
        assert_eq!(r.headings[2].level, 3);
    }

    #[test]
    fn footnotes_are_numbered_by_first_reference_and_listed_at_the_end() {
        let r = run("b[^9] a[^2] again[^9]\n\n[^2]: Two\n[^9]: Nine\n\nafter\n");
        assert!(
            r.html
                .contains("<a href=\"#fn:1\" id=\"fnref:1\" role=\"doc-noteref\">1</a>")
        );
        assert!(r.html.contains("id=\"fnref:1-2\""));
        assert!(r.html.contains("<a href=\"#fn:2\" id=\"fnref:2\""));
        let notes = &r.html[r.html.find("<section class=\"footnotes\"").unwrap()..];
        assert!(notes.find("Nine").unwrap() < notes.find("Two").unwrap());
        assert!(notes.contains("<li id=\"fn:1\" value=\"1\"><p>Nine <a href=\"#fnref:1\""));
        assert!(notes.contains("<a href=\"#fnref:1-2\""));
        assert!(r.html.find("after").unwrap() < r.html.find("footnotes").unwrap());
        assert_eq!(r.footnote_count, 2);
        assert!(r.ids.contains(&"fn:2".to_string()));
        assert!(r.findings.is_empty(), "{:?}", r.findings);
    }

    #[test]
    fn footnote_problems() {
        let r = run("x[^1] y[^3]\n\n[^1]: one\n[^2]: two\n");
        let msgs: Vec<_> = r
            .findings
            .iter()
            .map(|f| (f.problem.message.as_str(), f.error))
            .collect();
        assert!(
            msgs.contains(&("footnote `[^3]` has no definition", true)),
            "{msgs:?}"
        );
        assert!(
            msgs.contains(&("footnote `[^2]` is never referenced", false)),
            "{msgs:?}"
        );
    }

    #[test]
    fn shortcodes_expand_in_place_with_correct_offsets() {
        let md = "- item\n{{ table(id=\"t1\") }}\n\nIt was {{ value(id=\"m\") }} in 2024.\n\n{% box() %}\ninside\n{% end %}\n";
        let r = run(md);
        assert!(r.findings.is_empty(), "{:?}", r.findings);
        assert!(
            r.html.contains("</ul>\n<table data-id=\"t1\"></table>\n"),
            "{}",
            r.html
        );
        assert!(r.html.contains("<p>It was 2,697억 위안 in 2024.</p>"));
        assert!(
            r.html.contains("<aside>\n<p>inside</p>\n</aside>\n"),
            "{}",
            r.html
        );
        let r = run("para\n\nok\n{{ table(id=\"missing\") }}\n");
        assert_eq!(r.findings.len(), 1);
        assert_eq!(r.findings[0].offset, "para\n\nok\n".len());
        assert_eq!(r.findings[0].problem.message, "unknown table `missing`");
    }

    #[test]
    fn misplaced_or_unknown_shortcodes() {
        let cases = [
            ("text {{ table(id=\"a\") }}\n", "must stand alone"),
            ("  {{ table(id=\"a\") }}\n", "must stand alone"),
            ("{{ tabel(id=\"a\") }}\n", "unknown shortcode `tabel`"),
            ("{% table(id=\"a\") %}\n", "wrong delimiters"),
            ("{% box() %}\ntext\n", "is never closed"),
            ("{% end %}\n", "closes nothing"),
        ];
        for (md, msg) in cases {
            let r = run(md);
            assert!(
                r.findings
                    .iter()
                    .any(|f| f.problem.message.contains(msg) && f.error),
                "{md}: {:?}",
                r.findings
            );
        }
    }

    #[test]
    fn links_are_resolved_and_collected() {
        let r = run(
            "See [b](02-b.md#시장) and [here](#top) and [x](https://x.org) and [bad](99-x.md).\n",
        );
        // pulldown-cmark percent-encodes non-ASCII in hrefs; browsers decode it to match the id.
        assert!(
            r.html.contains("href=\"../b/#%EC%8B%9C%EC%9E%A5\""),
            "{}",
            r.html
        );
        assert!(r.html.contains("href=\"https://x.org\""));
        assert_eq!(r.anchors.len(), 2);
        assert_eq!(
            r.anchors[0].target,
            LinkTarget {
                page: "b".into(),
                anchor: Some("시장".into())
            }
        );
        assert_eq!(r.anchors[1].target.page, "a");
        assert_eq!(r.findings.len(), 1);
        assert_eq!(
            r.findings[0].problem.message,
            "link to missing chapter `99-x.md`"
        );
        assert_eq!(
            r.findings[0].offset,
            "See [b](02-b.md#시장) and [here](#top) and [x](https://x.org) and ".len()
        );
    }

    #[test]
    fn raw_html_is_escaped_with_a_warning() {
        let r = run("a <script>alert(1)</script> b\n");
        assert!(!r.html.contains("<script>"));
        assert!(r.html.contains("&lt;script&gt;"));
        assert!(r.findings.iter().all(|f| !f.error));
        assert!(!r.findings.is_empty());
    }

    #[test]
    fn footnotes_get_the_same_link_html_and_image_rules_as_the_text() {
        let md = "x[^1]\n\n[^1]: See [b](02-b.md#시장), <img src=x onerror=alert(1)> and ![i](i.png) or [bad](99-x.md).\n";
        let r = run(md);
        assert!(
            r.html
                .contains("<a href=\"../b/#%EC%8B%9C%EC%9E%A5\">b</a>"),
            "{}",
            r.html
        );
        assert!(!r.html.contains("<img"), "{}", r.html);
        assert!(r.html.contains("&lt;img src=x onerror=alert(1)&gt;"));
        let errors: Vec<_> = r
            .findings
            .iter()
            .filter(|f| f.error)
            .map(|f| (f.problem.message.as_str(), &md[f.offset..f.offset + 4]))
            .collect();
        assert_eq!(
            errors,
            [
                ("image `i.png` in Markdown", "![i]"),
                ("link to missing chapter `99-x.md`", "[bad")
            ]
        );
        assert_eq!(r.anchors.len(), 1, "the footnote's link is checked");
    }

    #[test]
    fn summary_is_plain_text() {
        let r = run("## Head\n\n- 2024년 시장은 **2,697억** 위안[^1]\n\n[^1]: x\n");
        assert_eq!(r.summary, "2024년 시장은 2,697억 위안");
    }
}
