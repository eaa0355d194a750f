//! Finishing plotters' SVG for the page: accessible name and description, colour classes the
//! stylesheet switches for dark mode, and a compact form; and the chart as a file of its own.

use super::metrics;
use crate::base::html::escape;

/// Sentinel colours → classes the stylesheet recolours (dark mode): the attribute plotters
/// writes, and the class it gets.
const CLASSES: &[(&str, &str)] = &[
    ("fill=\"#1C2330\"", "f-ink"),
    ("stroke=\"#1C2330\"", "s-ink"),
    ("fill=\"#4A5466\"", "f-soft"),
    ("stroke=\"#4A5466\"", "s-soft"),
    ("fill=\"#D9DDE4\"", "f-rule"),
    ("stroke=\"#D9DDE4\"", "s-rule"),
    ("fill=\"#FFFFFF\"", "f-paper"),
    ("stroke=\"#FFFFFF\"", "s-paper"),
    ("fill=\"#BBBBBB\"", "f-missing"),
    ("stroke=\"#BBBBBB\"", "s-missing"),
];

/// Adds accessibility and colour classes to plotters' SVG, and writes it compactly: the
/// default `opacity="1"` left out, no line breaks inside texts, and runs of plain lines drawn
/// with one style (the hatching of a derived bar) joined into one `<path>`. What a reader sees
/// is the same; the SVG is a fifth (bundled charts) to a third (hatched ones) smaller, and it is
/// inlined in the chapter page and the print edition besides its own file.
pub(super) fn finish(raw: &str, id: &str, title: &str, desc: &str) -> String {
    let mut out = String::with_capacity(raw.len() + 512);
    let mut rest = raw;
    // The root element: accessible name and description, responsive sizing by viewBox.
    if let Some(start) = rest.find("<svg") {
        let end = rest[start..]
            .find('>')
            .map(|e| start + e)
            .unwrap_or(rest.len());
        let attrs = &rest[start + 4..end];
        out.push_str(&format!(
            "<svg{attrs} class=\"chart-svg\" role=\"img\" aria-labelledby=\"{id}:title {id}:desc\" focusable=\"false\">\n<title id=\"{id}:title\">{}</title>\n<desc id=\"{id}:desc\">{}</desc>",
            escape(title),
            escape(desc)
        ));
        rest = &rest[end + 1..];
    }
    let mut lines = LineRun::default();
    let mut in_text = false;
    while let Some(lt) = rest.find('<') {
        let between = &rest[..lt];
        let gt = rest[lt..]
            .find('>')
            .map(|g| lt + g)
            .unwrap_or(rest.len() - 1);
        let tag = &rest[lt..=gt];
        rest = &rest[gt + 1..];
        let line = plain_line(tag);
        if let Some((style, points)) = &line
            && between.trim().is_empty()
            && lines.takes(style)
        {
            lines.points.push(points);
            continue;
        }
        lines.flush(&mut out);
        out.push_str(if in_text {
            between.trim_matches('\n')
        } else {
            between
        });
        if let Some((style, points)) = line {
            lines = LineRun {
                first: Some((tag, style)),
                points: vec![points],
            };
            continue;
        }
        in_text = tag.starts_with("<text");
        element(tag, &mut out);
    }
    lines.flush(&mut out);
    out.push_str(rest);
    out.replace(
        &format!("font-family=\"{}\"", metrics::FAMILY),
        "font-family=\"sans-serif\"",
    )
}

/// Writes one tag: without the default `opacity="1"`, with a class per sentinel colour.
fn element(tag: &str, out: &mut String) {
    const OPAQUE: &str = " opacity=\"1\"";
    let mut classes = CLASSES
        .iter()
        .filter(|(attribute, _)| tag.contains(attribute))
        .map(|(_, class)| *class)
        .peekable();
    let close = if tag.ends_with("/>") {
        tag.len() - 2
    } else {
        tag.len() - 1
    };
    match tag[..close].split_once(OPAQUE) {
        Some((before, after)) => {
            out.push_str(before);
            out.push_str(after);
        }
        None => out.push_str(&tag[..close]),
    }
    if classes.peek().is_some() && !tag.starts_with("</") {
        out.push_str(" class=\"");
        for (i, class) in classes.enumerate() {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(class);
        }
        out.push('"');
    }
    out.push_str(&tag[close..]);
}

/// A `<polyline>` plotters wrote fully opaque: its tag without the points (the style), and
/// the points. Lines of one style in a row can be one path; a translucent line cannot, since
/// where two of them cross the path would be lighter than the separate lines.
fn plain_line(tag: &str) -> Option<(String, &str)> {
    if !tag.starts_with("<polyline ") || !tag.ends_with("/>") {
        return None;
    }
    let (before, rest) = tag.split_once(" points=\"")?;
    let (points, after) = rest.split_once('"')?;
    let style = format!("{before}{after}").replace(" opacity=\"1\"", "");
    (!style.contains("opacity")).then_some((style, points))
}

/// Consecutive plain lines of one style, waiting to be written.
#[derive(Default)]
struct LineRun<'a> {
    /// The first line's tag (written as it is when the run has one line) and the run's style.
    first: Option<(&'a str, String)>,
    points: Vec<&'a str>,
}

impl LineRun<'_> {
    /// Whether a line of `style` continues this run.
    fn takes(&self, style: &str) -> bool {
        matches!(&self.first, Some((_, s)) if s == style)
    }

    /// Writes the run: one line as plotters wrote it, several as one `<path>`, a subpath each.
    fn flush(&mut self, out: &mut String) {
        let Some((tag, style)) = self.first.take() else {
            return;
        };
        if self.points.len() == 1 {
            element(tag, out);
        } else {
            let mut d = String::new();
            for points in &self.points {
                for (i, p) in points.split_whitespace().enumerate() {
                    d.push(if i == 0 { 'M' } else { 'L' });
                    d.push_str(p);
                }
            }
            let path =
                style
                    .replacen("<polyline", "<path", 1)
                    .replacen("/>", &format!(" d=\"{d}\"/>"), 1);
            element(&path, out);
        }
        self.points.clear();
    }
}

/// The chart as a file of its own: the page's font stack and dark-mode colours inlined.
pub fn standalone(svg: &str) -> String {
    let style = "<style>text{font-family:\"Noto Sans KR\",\"Noto Sans CJK KR\",\"Apple SD Gothic Neo\",\"Malgun Gothic\",system-ui,sans-serif}\
@media (prefers-color-scheme:dark){svg{background:#14181f}.f-ink{fill:#e6e9ef}.f-soft{fill:#a9b1c0}.s-rule{stroke:#343c49}.s-soft{stroke:#a9b1c0}.f-paper{fill:#14181f}.s-paper{stroke:#14181f}}</style>";
    match svg.find("</desc>") {
        Some(i) => format!("{}{style}{}\n", &svg[..i + 7], &svg[i + 7..]),
        None => svg.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finishing_adds_classes_and_accessibility() {
        let raw = "<svg width=\"10\" height=\"10\" viewBox=\"0 0 10 10\" xmlns=\"http://www.w3.org/2000/svg\">\n<text fill=\"#1C2330\" font-family=\"folio-sans\">a&lt;</text>\n<line stroke=\"#D9DDE4\"/>\n<rect fill=\"#0072B2\"/>\n</svg>\n";
        let s = finish(raw, "fig:x", "T <1>", "D \"2\"");
        assert!(s.starts_with("<svg width=\"10\" height=\"10\" viewBox=\"0 0 10 10\" xmlns=\"http://www.w3.org/2000/svg\" class=\"chart-svg\" role=\"img\" aria-labelledby=\"fig:x:title fig:x:desc\""));
        assert!(s.contains("<title id=\"fig:x:title\">T &lt;1&gt;</title>"));
        assert!(s.contains("<desc id=\"fig:x:desc\">D &quot;2&quot;</desc>"));
        assert!(s.contains(
            "<text fill=\"#1C2330\" font-family=\"sans-serif\" class=\"f-ink\">a&lt;</text>"
        ));
        assert!(s.contains("<line stroke=\"#D9DDE4\" class=\"s-rule\"/>"));
        assert!(s.contains("<rect fill=\"#0072B2\"/>"));
        assert!(standalone(&s).contains("</desc><style>"));
    }

    #[test]
    fn finishing_writes_compactly_what_draws_the_same() {
        let raw = "<svg width=\"10\" height=\"10\">\n\
<text x=\"1\" opacity=\"1\" fill=\"#1C2330\">\n2023\n</text>\n\
<polyline fill=\"none\" opacity=\"1\" stroke=\"#FFFFFF\" stroke-width=\"1\" points=\"1,6 7,0 \"/>\n\
<polyline fill=\"none\" opacity=\"1\" stroke=\"#FFFFFF\" stroke-width=\"1\" points=\"1,9 9,1 \"/>\n\
<polyline fill=\"none\" opacity=\"1\" stroke=\"#D55E00\" stroke-width=\"2\" points=\"0,0 5,5 9,2 \"/>\n\
<polyline fill=\"none\" opacity=\"0.5\" stroke=\"#D55E00\" stroke-width=\"2\" points=\"0,1 5,1 \"/>\n\
<polyline fill=\"none\" opacity=\"0.5\" stroke=\"#D55E00\" stroke-width=\"2\" points=\"0,2 5,2 \"/>\n\
<rect x=\"0\" opacity=\"0.35\" fill=\"#0072B2\"/>\n</svg>\n";
        let s = finish(raw, "fig:x", "T", "D");
        assert!(!s.contains("opacity=\"1\""), "{s}");
        assert!(
            s.contains("<text x=\"1\" fill=\"#1C2330\" class=\"f-ink\">2023</text>"),
            "{s}"
        );
        // Two hatch lines in a row: one path, a subpath each, with the class of their colour.
        assert!(
            s.contains("<path fill=\"none\" stroke=\"#FFFFFF\" stroke-width=\"1\" d=\"M1,6L7,0M1,9L9,1\" class=\"s-paper\"/>"),
            "{s}"
        );
        // A line of another style is left as it is; translucent lines are never joined.
        assert!(
            s.contains("<polyline fill=\"none\" stroke=\"#D55E00\" stroke-width=\"2\" points=\"0,0 5,5 9,2 \"/>"),
            "{s}"
        );
        assert_eq!(s.matches("opacity=\"0.5\"").count(), 2, "{s}");
        assert!(s.contains("<rect x=\"0\" opacity=\"0.35\" fill=\"#0072B2\"/>"));
        assert_eq!(s.matches("<path").count(), 1, "{s}");
    }
}
