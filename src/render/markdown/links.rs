//! The rewrites every event of the text gets, footnote definitions included: links resolved
//! (chapter file names become URLs, and are collected for the anchor check), images refused,
//! raw HTML escaped.

use super::{AnchorRef, Context, Finding, Link, LinkTarget, Problem, Rendered};
use pulldown_cmark::{Event, LinkType, Tag};

/// Links resolved, images refused, raw HTML escaped: the rewrites every event of the text gets,
/// footnote definitions included. `None` drops the event.
pub(super) fn rewrite_embedded<'a>(
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
                    out.findings.push(Finding::error(original, p));
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
            out.findings.push(Finding::error(
                original,
                Problem::new(
                    format!("image `{dest_url}` in Markdown"),
                    "a chart or table shortcode, or `{% figure(…) %}` (images are not published)",
                ),
            ));
            return None;
        }
        Event::Html(h) | Event::InlineHtml(h) => {
            out.findings.push(Finding::warning(
                original,
                Problem::new(
                    format!("raw HTML `{}` in Markdown", h.trim()),
                    "Markdown only (HTML is escaped)",
                ),
            ));
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
