//! Phase 1: every shortcode of the body expanded by the [`Context`] and replaced by a
//! placeholder (a block one on a line of its own, so that it becomes a paragraph of its own).

use super::placeholders::{OffsetMap, escape, escape_into, placeholder};
use super::shortcode::{self, Form, Shortcode};
use super::{Context, Finding, Problem, ShortcodeKind};

/// The body with placeholders, and what they stand for.
pub(super) struct Expanded {
    /// The body, each shortcode replaced by its placeholder (or by nothing, when it failed).
    pub text: String,
    /// Offsets in `text` back to the body.
    pub map: OffsetMap,
    /// The expansion of each placeholder: (HTML, whether it is a block).
    pub expansions: Vec<(String, bool)>,
}

/// Expands the shortcodes of `body`, reporting problems into `findings`.
pub(super) fn shortcodes(
    body: &str,
    ctx: &mut dyn Context,
    findings: &mut Vec<Finding>,
) -> Expanded {
    let (found, scan_errors) = shortcode::scan(body);
    for e in scan_errors {
        findings.push(Finding::error(
            e.offset,
            Problem::new(e.message, e.expected),
        ));
    }
    let mut text = String::with_capacity(body.len());
    let mut edits = Vec::new();
    let mut expansions: Vec<(String, bool)> = Vec::new();
    let mut open_blocks: Vec<Shortcode> = Vec::new();
    let mut last = 0;
    for sc in &found {
        let open_before = open_blocks.len();
        let (expansion, problem) = match expand_one(sc, ctx, &mut open_blocks) {
            Ok(e) => (e, None),
            // A failed opening that stays open (see `expand_one`): an empty block.
            Err(p) if open_blocks.len() > open_before => (Some((String::new(), true)), Some(p)),
            Err(p) => (None, Some(p)),
        };
        if let Some(p) = problem {
            findings.push(Finding::error(sc.range.start, p));
        }
        escape_into(&mut text, &body[last..sc.range.start], last, &mut edits);
        let replacement = match expansion {
            Some((html, block)) => {
                let ph = placeholder(expansions.len());
                expansions.push((escape(&html).into_owned(), block));
                if block { format!("\n{ph}\n") } else { ph }
            }
            None => String::new(),
        };
        edits.push((
            text.len(),
            sc.range.start,
            replacement.len(),
            sc.range.len(),
        ));
        text.push_str(&replacement);
        last = sc.range.end;
    }
    escape_into(&mut text, &body[last..], last, &mut edits);
    for open in open_blocks {
        findings.push(Finding::error(
            open.range.start,
            Problem::new(
                format!("`{{% {}(…) %}}` is never closed", open.name),
                "a line `{% end %}` after its content",
            ),
        ));
    }
    Expanded {
        text,
        map: OffsetMap { edits },
        expansions,
    }
}

/// One shortcode's expansion — (HTML, is a block) — or `None` when it stands for nothing. A
/// paired shortcode whose opening fails after its form was checked still opens its block, so
/// that its `end` does not cascade into errors.
fn expand_one(
    sc: &Shortcode,
    ctx: &mut dyn Context,
    open_blocks: &mut Vec<Shortcode>,
) -> Result<Option<(String, bool)>, Problem> {
    let kind = if sc.form == Form::End {
        Some(ShortcodeKind::Paired)
    } else {
        ctx.kind(&sc.name)
    };
    let Some(kind) = kind else {
        return Err(ctx.unknown(&sc.name));
    };
    if kind == ShortcodeKind::Inline && sc.form == Form::Inline {
        return ctx.inline(sc).map(|html| Some((html, false)));
    }
    if (kind == ShortcodeKind::Paired) != (sc.form != Form::Inline) {
        let want = if kind == ShortcodeKind::Paired {
            format!("`{{% {}(…) %}}` … `{{% end %}}`", sc.name)
        } else {
            format!("`{{{{ {}(…) }}}}`", sc.name)
        };
        return Err(Problem::new(
            format!(
                "shortcode `{}` is written with the wrong delimiters",
                sc.name
            ),
            want,
        ));
    }
    if !(sc.alone_on_line && sc.at_line_start) {
        return Err(Problem::new(
            format!(
                "shortcode `{}` must stand alone at the start of its line",
                sc.name
            ),
            "the shortcode on a line of its own, not indented",
        ));
    }
    if sc.form == Form::End {
        return match open_blocks.pop() {
            Some(open) => Ok(Some((ctx.close(&open), true))),
            None => Err(Problem::new(
                "`{% end %}` closes nothing",
                "a `{% box(…) %}` or `{% figure(…) %}` before it",
            )),
        };
    }
    let opens = sc.form == Form::Open;
    if opens {
        open_blocks.push(sc.clone());
    }
    ctx.block(sc).map(|html| Some((html, true)))
}
