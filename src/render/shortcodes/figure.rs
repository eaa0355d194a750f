//! `{% figure(caption="…", source="…") %}note{% end %}`: a figure whose image was lost — its
//! caption (numbered 그림 N / Figure N like the charts), a note saying so, the notes written
//! inside, and its source.

use super::{Definition, Expander, Numbered};
use crate::base::html::escape;
use crate::render::book::Caption;
use crate::render::markdown::shortcode::Shortcode;
use crate::render::markdown::{Problem, ShortcodeKind};

pub(super) const FIGURE: Definition = Definition {
    name: "figure",
    kind: ShortcodeKind::Paired,
    numbered: Some(Numbered::Figure),
    args: &["caption", "source"],
    expand,
    close,
};

fn expand(ex: &mut Expander, sc: &Shortcode, number: Option<usize>) -> Result<String, Problem> {
    let caption = sc
        .str_arg("caption")
        .filter(|c| !c.trim().is_empty())
        .ok_or_else(|| {
            Problem::new(
                "`figure` has no `caption`",
                "`{% figure(caption=\"…\", source=\"…\") %}`",
            )
        })?;
    let n = number.unwrap_or_default();
    let t = ex.strings;
    let id = format!("fig:lost-{n}");
    ex.captions.push(Caption {
        id: id.clone(),
        label: t.get("figure").into(),
        number: n,
        caption: caption.to_string(),
    });
    Ok(format!(
        "<figure class=\"lost-figure\" id=\"{id}\">\n<figcaption><span class=\"caption-label\">{} {n}</span> {}</figcaption>\n<p class=\"lost-note\">{}</p>\n<div class=\"data-notes\">\n",
        escape(t.get("figure")),
        escape(caption),
        escape(t.get("lost_figure")),
    ))
}

fn close(ex: &Expander, open: &Shortcode) -> String {
    let source = open
        .str_arg("source")
        .filter(|s| !s.trim().is_empty())
        .map(|s| {
            format!(
                "<p class=\"source\">{}: {}</p>\n",
                escape(ex.strings.get("source")),
                escape(s)
            )
        })
        .unwrap_or_default();
    format!("{source}</div>\n</figure>\n")
}
