//! `{{ editor_note(text="…") }}`: a note of the site's own at a sentence of the report — a
//! known slip the text keeps as printed, a figure that was lost — labelled and styled as
//! editorial (편집자 주 / Editor's note), never as the report's.

use super::{Definition, Expander, close_div};
use crate::base::html::escape;
use crate::render::markdown::shortcode::Shortcode;
use crate::render::markdown::{Problem, ShortcodeKind};

pub(super) const EDITOR_NOTE: Definition = Definition {
    name: "editor_note",
    kind: ShortcodeKind::Inline,
    numbered: None,
    args: &["text"],
    expand,
    close: close_div,
};

fn expand(ex: &mut Expander, sc: &Shortcode, _: Option<usize>) -> Result<String, Problem> {
    let text = sc
        .str_arg("text")
        .filter(|t| !t.trim().is_empty())
        .ok_or_else(|| {
            Problem::new(
                "`editor_note` has no `text`",
                "`editor_note(text=\"what the site adds\")`",
            )
        })?;
    Ok(format!(
        "<small class=\"editor-note\" role=\"note\">[<span class=\"editorial-label\">{}:</span> {}]</small>",
        escape(ex.strings.get("editorial_note")),
        escape(text)
    ))
}
