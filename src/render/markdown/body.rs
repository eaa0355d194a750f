//! Phase 3: the page's events rewritten in one pass — headings collected with unique ids,
//! footnote references numbered, tables wrapped to scroll, links resolved, and the first words
//! of the text kept for a description.

use super::footnotes::{Definitions, Events, Numbers};
use super::placeholders::{self, OffsetMap};
use super::{Context, Finding, Heading, Problem, Rendered, links};
use crate::base::html::escape_attr;
use crate::render::slug::{IdSet, heading_id, nfc};
use pulldown_cmark::{Event, HeadingLevel, Tag, TagEnd};

/// What the rewrite made of the page's events.
pub(super) struct Page<'e> {
    /// The events to write as HTML.
    pub events: Vec<Event<'e>>,
    /// Ids given so far (headings, footnote references).
    pub ids: IdSet,
    /// Footnote numbers, in order of first reference.
    pub footnotes: Numbers,
    /// The first words of the text.
    pub summary: String,
}

/// The opening tag of a heading, as the page has it.
pub(super) fn heading_open(level: u8, id: &str) -> String {
    format!("<h{level} id=\"{}\">", escape_attr(id))
}

/// A heading being collected: its level, explicit id, inner events, plain text and offset.
struct OpenHeading<'e> {
    level: u8,
    explicit: Option<String>,
    inner: Vec<Event<'e>>,
    text: String,
    offset: usize,
}

/// The rewrite's state.
struct Rewriter<'e, 'c, 'r> {
    page: Page<'e>,
    definitions: &'c Definitions<'e>,
    heading: Option<OpenHeading<'e>>,
    /// Inside a heading or a code block: text there is not summary.
    in_heading_or_code: usize,
    out: &'r mut Rendered,
}

/// Rewrites the page's events (`main`, footnote definitions apart).
pub(super) fn rewrite<'e>(
    main: Events<'e>,
    definitions: &Definitions<'e>,
    map: &OffsetMap,
    first_footnote: usize,
    ctx: &mut dyn Context,
    out: &mut Rendered,
) -> Page<'e> {
    let mut r = Rewriter {
        page: Page {
            events: Vec::with_capacity(main.len()),
            ids: IdSet::new(),
            footnotes: Numbers::starting_at(first_footnote),
            summary: String::new(),
        },
        definitions,
        heading: None,
        in_heading_or_code: 0,
        out,
    };
    for (ev, at) in main {
        let original = map.original(at);
        let Some(ev) = links::rewrite_embedded(ev, original, ctx, r.out) else {
            continue;
        };
        if let Some(ev) = r.event(ev, original) {
            match &mut r.heading {
                Some(h) => {
                    if let Event::Text(t) | Event::Code(t) = &ev {
                        h.text.push_str(t);
                    }
                    h.inner.push(ev);
                }
                None => r.page.events.push(ev),
            }
        }
    }
    r.page
}

impl<'e> Rewriter<'e, '_, '_> {
    /// The event to keep for `ev` (inside the open heading, if any), or `None` when the
    /// rewrite consumed it.
    fn event(&mut self, ev: Event<'e>, original: usize) -> Option<Event<'e>> {
        Some(match ev {
            Event::Start(Tag::Heading { level, id, .. }) => {
                self.open_heading(level, id.map(|s| s.to_string()), original);
                return None;
            }
            Event::End(TagEnd::Heading(_)) => {
                self.close_heading();
                return None;
            }
            Event::FootnoteReference(label) => {
                if !self.definitions.contains_key(label.as_ref()) {
                    // Reported by the marker scan.
                    Event::Text(format!("[^{label}]").into())
                } else {
                    let (n, ref_id) = self.page.footnotes.reference(&label);
                    self.page.ids.insert(&ref_id);
                    Event::Html(
                        format!("<sup class=\"footnote-ref\"><a href=\"#fn:{n}\" id=\"{ref_id}\" role=\"doc-noteref\">{n}</a></sup>").into(),
                    )
                }
            }
            Event::Start(Tag::Table(align)) => {
                // A wide table scrolls inside its own box (focusable, so keyboards can scroll).
                self.page.events.push(Event::Html(
                    "<div class=\"table-scroll md-table\" tabindex=\"0\">\n".into(),
                ));
                Event::Start(Tag::Table(align))
            }
            Event::End(TagEnd::Table) => {
                self.page.events.push(Event::End(TagEnd::Table));
                Event::Html("</div>\n".into())
            }
            Event::Start(Tag::CodeBlock(k)) => {
                self.in_heading_or_code += 1;
                Event::Start(Tag::CodeBlock(k))
            }
            Event::End(TagEnd::CodeBlock) => {
                self.in_heading_or_code = self.in_heading_or_code.saturating_sub(1);
                Event::End(TagEnd::CodeBlock)
            }
            Event::Text(t) => {
                if self.in_heading_or_code == 0 && self.page.summary.chars().count() < 240 {
                    self.page.summary.push_str(&t);
                }
                Event::Text(t)
            }
            ev @ (Event::SoftBreak
            | Event::HardBreak
            | Event::End(TagEnd::Paragraph | TagEnd::Item)) => {
                self.page.summary.push(' ');
                ev
            }
            other => other,
        })
    }

    fn open_heading(&mut self, level: HeadingLevel, explicit: Option<String>, offset: usize) {
        if level == HeadingLevel::H1 {
            self.out.findings.push(Finding::warning(
                offset,
                Problem::new(
                    "a level-1 heading in the body",
                    "`##` or deeper (the chapter title is the page's only `#` heading)",
                ),
            ));
        }
        self.heading = Some(OpenHeading {
            level: level as u8,
            explicit,
            inner: Vec::new(),
            text: String::new(),
            offset,
        });
        self.in_heading_or_code += 1;
    }

    /// The heading's id (its own, or one made from its text) and its HTML.
    fn close_heading(&mut self) {
        self.in_heading_or_code = self.in_heading_or_code.saturating_sub(1);
        let Some(h) = self.heading.take() else {
            return;
        };
        let text = placeholders::unescape(&placeholders::strip(&h.text)).into_owned();
        let id = match h.explicit {
            Some(id) => {
                let id = nfc(&placeholders::unescape(&id));
                if !self.page.ids.insert(&id) {
                    self.out.findings.push(Finding::error(
                        h.offset,
                        Problem::new(
                            format!("heading id `{id}` is used twice on this page"),
                            "a unique `{#id}`",
                        ),
                    ));
                }
                id
            }
            None => self.page.ids.claim(&heading_id(&text)),
        };
        let events = &mut self.page.events;
        let tag = heading_open(h.level, &placeholders::escape(&id));
        events.push(Event::Html(tag.into()));
        events.extend(h.inner);
        events.push(Event::Html(format!("</h{}>\n", h.level).into()));
        self.out.headings.push(Heading {
            level: h.level,
            id,
            text: text.trim().to_string(),
        });
    }
}
