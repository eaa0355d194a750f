//! `{% box(kind="note", title="일러두기") %}…{% end %}`: a box around Markdown — a note, a case
//! study (a section of its own, its title a heading) or an interview.

use super::{Definition, Expander, close_div};
use crate::base::html::escape;
use crate::render::markdown::shortcode::Shortcode;
use crate::render::markdown::{Problem, ShortcodeKind};

pub(super) const BOX: Definition = Definition {
    name: "box",
    kind: ShortcodeKind::Paired,
    numbered: None,
    args: &["kind", "title"],
    expand,
    close: close_div,
};

/// The kinds of box and the UI string of each one's default title.
const KINDS: &[(&str, &str)] = &[
    ("note", "note_box"),
    ("case", "case_box"),
    ("interview", "interview_box"),
];

fn expand(ex: &mut Expander, sc: &Shortcode, _: Option<usize>) -> Result<String, Problem> {
    let kind = sc.str_arg("kind").unwrap_or("note");
    let Some((_, title_key)) = KINDS.iter().find(|(k, _)| *k == kind) else {
        return Err(Problem::new(
            format!("unknown box kind `{kind}`"),
            "`note`, `case` or `interview`",
        ));
    };
    let title = sc.str_arg("title");
    let label = title.unwrap_or(ex.strings.get(title_key));
    let heading = title
        .map(|t| {
            // A case study is a section of its own (the report prints its title as a heading
            // above the ○ sub-heads); other boxes are labelled notes.
            let tag = if kind == "case" { "h2" } else { "p" };
            format!("<{tag} class=\"box-title\">{}</{tag}>\n", escape(t))
        })
        .unwrap_or_default();
    // Notes and interviews are `role="note"`; a case study is introduced by its own heading.
    // Neither is a landmark, so several per page never clash.
    Ok(if kind == "case" {
        format!("<div class=\"box box-case\">\n{heading}")
    } else {
        format!(
            "<div class=\"box box-{kind}\" role=\"note\" aria-label=\"{}\">\n{heading}",
            escape(label)
        )
    })
}
