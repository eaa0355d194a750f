//! The print edition: every chapter of one language on a single page (`/<lang>/print/`), for
//! reading on paper or saving as PDF.
//!
//! It reuses each chapter's rendered HTML instead of rendering twice: ids are namespaced by
//! chapter (`market-size:시장-규모`, `market-size:fn:1`) so they stay unique on the one page,
//! links to other chapters become links within the page, and headings move one level down
//! under the chapter titles. Figure and table ids are unique in the whole report already and
//! keep their names.

/// Rewrites one chapter's HTML for the print page; `chapters` is how the chapter page links to
/// the chapters of its edition (`../../ko/`, or `../` in a site of one language).
pub fn chapter_html(html: &str, slug: &str, chapters: &str, title: &str) -> String {
    // One footnotes section per chapter on the page: name each after its chapter.
    let html = html.replacen(
        "role=\"doc-endnotes\" aria-label=\"",
        &format!(
            "role=\"doc-endnotes\" aria-label=\"{} — ",
            crate::base::html::escape_attr(title)
        ),
        1,
    );
    let html = html.as_str();
    let mut out = String::with_capacity(html.len() + html.len() / 8);
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        // A chart's SVG (drawn by `chart`) is copied as it is: its ids are its figure's, unique
        // in the whole report, and it has no links, so none of its many tags need a look.
        if rest[lt..].starts_with("<svg")
            && let Some(end) = rest[lt..].find("</svg>")
        {
            let end = lt + end + "</svg>".len();
            out.push_str(&rest[lt..end]);
            rest = &rest[end..];
            continue;
        }
        let gt = rest[lt..]
            .find('>')
            .map(|g| lt + g + 1)
            .unwrap_or(rest.len());
        let tag = &rest[lt..gt];
        if needs_rewrite(tag) {
            out.push_str(&rewrite_tag(tag, slug, chapters));
        } else {
            out.push_str(tag);
        }
        rest = &rest[gt..];
    }
    out.push_str(rest);
    out
}

fn global(id: &str) -> bool {
    id.starts_with("fig:") || id.starts_with("tbl:")
}

/// The heading level of `<hN …>` or `</hN>` (2 to 5) and where its digit is.
fn heading_level(tag: &str) -> Option<(usize, u8)> {
    let b = tag.as_bytes();
    let at = if b.starts_with(b"</h") {
        3
    } else if b.starts_with(b"<h") {
        2
    } else {
        return None;
    };
    let digit = *b.get(at)?;
    let next = *b.get(at + 1)?;
    ((b'2'..=b'5').contains(&digit) && matches!(next, b' ' | b'>')).then_some((at, digit - b'0'))
}

/// Most tags (`<p>`, `<li>`, `</a>`) stay as they are.
fn needs_rewrite(tag: &str) -> bool {
    heading_level(tag).is_some() || tag.contains("id=\"") || tag.contains("href=\"")
}

fn rewrite_tag(tag: &str, slug: &str, chapter_prefix: &str) -> String {
    // Headings one level down: the chapter title is the h2 of the print page.
    let mut t = tag.to_string();
    if let Some((at, level)) = heading_level(tag) {
        t.replace_range(at..at + 1, &(level + 1).to_string());
    }
    t = rewrite_attr(&t, "id=\"", |id| {
        if global(id) {
            id.to_string()
        } else {
            format!("{slug}:{id}")
        }
    });
    t = rewrite_attr(&t, "href=\"", |href| {
        if let Some(anchor) = href.strip_prefix('#') {
            return if global(anchor) {
                href.to_string()
            } else {
                format!("#{slug}:{anchor}")
            };
        }
        if let Some(rest) = href.strip_prefix(chapter_prefix) {
            if let Some((other, anchor)) = rest.split_once("/#")
                && !other.contains('/')
            {
                return if global(anchor) {
                    format!("#{anchor}")
                } else {
                    format!("#{other}:{anchor}")
                };
            }
            if let Some(other) = rest.strip_suffix('/')
                && !other.contains('/')
            {
                return format!("#{other}");
            }
        }
        href.to_string()
    });
    t
}

/// Applies `f` to the value of every `name"…"` attribute in `tag`.
fn rewrite_attr(tag: &str, name: &str, f: impl Fn(&str) -> String) -> String {
    let mut out = String::with_capacity(tag.len());
    let mut rest = tag;
    while let Some(i) = rest.find(name) {
        // Only whole attribute names (` id="`, not `data-id="`).
        let whole = i == 0 || rest[..i].ends_with(' ');
        out.push_str(&rest[..i + name.len()]);
        let after = &rest[i + name.len()..];
        let end = after.find('"').unwrap_or(after.len());
        if whole {
            out.push_str(&f(&after[..end]));
        } else {
            out.push_str(&after[..end]);
        }
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::chapter_html;

    #[test]
    fn ids_links_and_headings_are_rewritten() {
        let html = concat!(
            "<h2 id=\"시장\">시장</h2>\n",
            "<p>See <a href=\"#시장\">here</a>, <a href=\"../../ko/intro/#%EA%B8%B0\">intro</a>, ",
            "<a href=\"../../ko/intro/\">its start</a>, <a href=\"#fig:x\">a figure</a>, ",
            "<a href=\"https://example.org/#a\">web</a>.<sup class=\"footnote-ref\"><a href=\"#fn:1\" id=\"fnref:1\">1</a></sup></p>\n",
            "<figure class=\"data chart\" id=\"fig:x\" aria-labelledby=\"fig:x:caption\"></figure>\n",
            "<h3 id=\"sub\">Sub</h3><li id=\"fn:1\" value=\"1\"><a href=\"#fnref:1\">↩</a></li>"
        );
        let p = chapter_html(html, "market", "../../ko/", "시장");
        assert!(p.contains("<h3 id=\"market:시장\">시장</h3>"), "{p}");
        assert!(p.contains("href=\"#market:시장\""));
        assert!(p.contains("href=\"#intro:%EA%B8%B0\""));
        assert!(p.contains("href=\"#intro\""));
        assert!(p.contains("href=\"#fig:x\""));
        assert!(p.contains("href=\"https://example.org/#a\""));
        assert!(p.contains("<a href=\"#market:fn:1\" id=\"market:fnref:1\">"));
        assert!(p.contains("id=\"fig:x\" aria-labelledby=\"fig:x:caption\""));
        assert!(p.contains("<h4 id=\"market:sub\">Sub</h4>"));
        assert!(p.contains("<li id=\"market:fn:1\" value=\"1\"><a href=\"#market:fnref:1\">"));
    }

    #[test]
    fn a_chart_is_copied_as_it_is() {
        let svg = "<svg viewBox=\"0 0 4 4\" aria-labelledby=\"fig:x:title\"><title id=\"fig:x:title\">T</title><text>a</text></svg>";
        let html = format!("<figure id=\"fig:x\">{svg}</figure><h2 id=\"s\">S</h2>");
        let p = chapter_html(&html, "market", "../../ko/", "시장");
        assert_eq!(
            p,
            format!("<figure id=\"fig:x\">{svg}</figure><h3 id=\"market:s\">S</h3>")
        );
    }
}
