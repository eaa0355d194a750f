//! The rewrites every event of the text gets, footnote definitions included: links resolved
//! (chapter file names become URLs, and are collected for the anchor check; anchors in NFC, as
//! ids are), images refused, raw HTML escaped. A shortcode cannot make a link's address or
//! title.

use super::placeholders::{self, unescape};
use super::{AnchorRef, Context, Finding, Link, LinkTarget, Problem, Rendered};
use crate::render::slug::nfc;
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
            // The address as the author wrote it (pulldown-cmark percent-encodes the href).
            let dest = unescape(&dest_url).into_owned();
            let resolved = if placeholders::has_placeholder(&dest) {
                Err(Problem::new(
                    "a shortcode as a link's address, as in `[text]({{ value(…) }})`",
                    "the address written out: a chapter file name, `#anchor` or `https://…` (a shortcode's result cannot be an address)",
                ))
            } else if placeholders::has_placeholder(&title) {
                Err(Problem::new(
                    "a shortcode in a link's title, as in `[text](address \"{{ value(…) }}\")`",
                    "the title written out as plain text",
                ))
            } else {
                resolve(&dest, ctx, link_type)
            };
            match resolved {
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
    // An anchor into the site is compared with ids in NFC.
    let normal;
    let dest = match dest.split_once('#') {
        Some((page, anchor)) if !is_web(page) && !unicode_normalization::is_nfc(anchor) => {
            normal = format!("{page}#{}", nfc(anchor));
            normal.as_str()
        }
        _ => dest,
    };
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
    if is_web(dest) {
        return Ok(Link {
            href: dest.to_string(),
            target: None,
        });
    }
    ctx.link(dest)
}

/// An address on the web or an e-mail address, not a page of the site.
fn is_web(dest: &str) -> bool {
    dest.starts_with("https://") || dest.starts_with("http://") || dest.starts_with("mailto:")
}
