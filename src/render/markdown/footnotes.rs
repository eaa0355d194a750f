//! Footnotes: the text parsed with its definitions set aside, references checked against them,
//! and the section at the end of the page that lists them in order of first reference, each
//! with links back to every place that refers to it.

use super::expand::Expanded;
use super::placeholders::OffsetMap;
use super::{Context, Finding, Labels, Problem, Rendered, links};
use crate::base::html::escape_attr;
use crate::render::slug::IdSet;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::collections::BTreeMap;

/// Events with their offsets in the expanded text.
pub(super) type Events<'e> = Vec<(Event<'e>, usize)>;

/// Footnote definitions by label: their events and where they start.
pub(super) type Definitions<'e> = BTreeMap<String, (Events<'e>, usize)>;

/// Parses the expanded text: the page's events, and the footnote definitions apart.
pub(super) fn parse<'e>(
    expanded: &'e Expanded,
    findings: &mut Vec<Finding>,
) -> (Events<'e>, Definitions<'e>) {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_FOOTNOTES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    options.insert(Options::ENABLE_HEADING_ATTRIBUTES);
    let mut definitions: Definitions = BTreeMap::new();
    let mut main: Events = Vec::new();
    let mut current: Option<(String, Events, usize)> = None;
    for (ev, range) in Parser::new_ext(&expanded.text, options).into_offset_iter() {
        match (&mut current, ev) {
            (None, Event::Start(Tag::FootnoteDefinition(label))) => {
                current = Some((label.to_string(), Vec::new(), range.start));
            }
            (Some(_), Event::End(TagEnd::FootnoteDefinition)) => {
                let Some((label, evs, at)) = current.take() else {
                    continue;
                };
                if definitions.contains_key(&label) {
                    findings.push(Finding::error(
                        expanded.map.original(at),
                        Problem::new(
                            format!("footnote `[^{label}]` is defined twice"),
                            "one definition per footnote",
                        ),
                    ));
                }
                definitions.insert(label, (evs, at));
            }
            (Some((_, evs, _)), ev) => evs.push((ev, range.start)),
            (None, ev) => main.push((ev, range.start)),
        }
    }
    (main, definitions)
}

/// Footnote numbers: by label, (number, references so far); labels in order of first reference.
pub(super) struct Numbers {
    pub by_label: std::collections::HashMap<String, (usize, usize)>,
    pub order: Vec<String>,
    first: usize,
}

impl Numbers {
    /// Numbers from `first` on.
    pub fn starting_at(first: usize) -> Numbers {
        Numbers {
            by_label: Default::default(),
            order: Vec::new(),
            first,
        }
    }

    /// A reference to `label`: its number and the id of this reference (`fnref:3`, `fnref:3-2`).
    pub fn reference(&mut self, label: &str) -> (usize, String) {
        let next = self.first + self.order.len();
        let entry = self.by_label.entry(label.to_string()).or_insert_with(|| {
            self.order.push(label.to_string());
            (next, 0)
        });
        entry.1 += 1;
        let (n, refs) = *entry;
        (n, reference_id(n, refs))
    }
}

fn reference_id(n: usize, k: usize) -> String {
    if k == 1 {
        format!("fnref:{n}")
    } else {
        format!("fnref:{n}-{k}")
    }
}

/// pulldown-cmark leaves a reference to an undefined footnote as plain text: find those.
pub(super) fn check_markers(
    expanded: &Expanded,
    definitions: &Definitions,
    findings: &mut Vec<Finding>,
) {
    for (label, at) in markers(&expanded.text) {
        if !definitions.contains_key(label) {
            findings.push(Finding::error(
                expanded.map.original(at),
                Problem::new(
                    format!("footnote `[^{label}]` has no definition"),
                    format!("a line `[^{label}]: …` in this chapter"),
                ),
            ));
        }
    }
}

/// The footnotes section (empty when nothing refers to a footnote); warns of definitions never
/// referenced.
pub(super) fn section(
    numbers: &Numbers,
    ids: &mut IdSet,
    mut definitions: Definitions,
    map: &OffsetMap,
    labels: &Labels,
    ctx: &mut dyn Context,
    out: &mut Rendered,
) -> String {
    for (label, (_, at)) in &definitions {
        if !numbers.by_label.contains_key(label) {
            out.findings.push(Finding::warning(
                map.original(*at),
                Problem::new(
                    format!("footnote `[^{label}]` is never referenced"),
                    format!("a `[^{label}]` marker in the text, or no definition"),
                ),
            ));
        }
    }
    let mut html = String::new();
    if numbers.order.is_empty() {
        return html;
    }
    html.push_str(&format!(
        "<section class=\"footnotes\" role=\"doc-endnotes\" aria-label=\"{}\">\n<ol>\n",
        escape_attr(&labels.footnotes)
    ));
    for label in &numbers.order {
        let (n, refs) = numbers.by_label[label];
        ids.insert(&format!("fn:{n}"));
        let mut body = String::new();
        let evs = definitions.remove(label).map(|d| d.0).unwrap_or_default();
        let evs: Vec<Event> = evs
            .into_iter()
            .filter_map(|(ev, at)| links::rewrite_embedded(ev, map.original(at), ctx, out))
            .collect();
        pulldown_cmark::html::push_html(&mut body, evs.into_iter());
        let backs: String = (1..=refs)
            .map(|k| {
                format!(
                    " <a href=\"#{}\" class=\"footnote-back\" role=\"doc-backlink\" aria-label=\"{}\">↩</a>",
                    reference_id(n, k),
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
    out.footnote_count = numbers.order.len();
    html
}

/// The footnotes the text of `body` refers to and defines, each counted once: references on a
/// definition's own line (a note citing a note) are not the text's.
pub(super) fn count(body: &str) -> usize {
    let defined: std::collections::HashSet<&str> =
        body.lines().filter_map(definition_label).collect();
    if defined.is_empty() {
        return 0;
    }
    let referred: std::collections::HashSet<&str> = markers(body)
        .into_iter()
        .filter(|(label, at)| {
            let line_start = body[..*at].rfind('\n').map_or(0, |nl| nl + 1);
            let line = body[line_start..].lines().next().unwrap_or("");
            defined.contains(label) && definition_label(line).is_none()
        })
        .map(|(label, _)| label)
        .collect();
    referred.len()
}

/// The label of the footnote a line `[^label]: …` defines.
fn definition_label(line: &str) -> Option<&str> {
    let rest = line.trim_start().strip_prefix("[^")?;
    let (label, after) = rest.split_once(']')?;
    after.starts_with(':').then_some(label)
}

/// `[^label]` markers outside code (definitions `[^label]:` excluded), with their offsets.
fn markers(text: &str) -> Vec<(&str, usize)> {
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
