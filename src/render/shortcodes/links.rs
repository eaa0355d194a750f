//! Links between chapters, written by file name (`05-regional-development.md#anchor`, or with a
//! language, `05-regional-development.en.md`): resolved to the page's URL, checked that the
//! chapter exists, and handed to the anchor check. A chapter the page's language does not have
//! yet is linked in the default language.

use super::Expander;
use crate::base::suggest::closest;
use crate::content::parse_chapter_name;
use crate::render::markdown::{Link, LinkTarget, Problem};

/// The link `dest` written on `ex`'s page.
pub(super) fn resolve(ex: &Expander, dest: &str) -> Result<Link, Problem> {
    let (file, anchor) = match dest.split_once('#') {
        Some((f, a)) => (f, Some(a.to_string())),
        None => (dest, None),
    };
    let file = file.strip_prefix("./").unwrap_or(file);
    let Some(name) = parse_chapter_name(file) else {
        return Err(Problem::new(
            format!("link to `{dest}` is not a chapter file or a web address"),
            "`NN-slug.md`, `NN-slug.md#anchor`, `#anchor` or `https://…`",
        ));
    };
    let mut lang = name.lang.unwrap_or(&ex.chapter.lang);
    // A chapter not translated yet is linked in the default language (the translation check
    // warns of the missing translation).
    let default = ex.content.config.default_language();
    if name.lang.is_none()
        && ex.content.chapter(name.slug, lang).is_none()
        && ex.content.chapter(name.slug, default).is_some()
    {
        lang = default;
    }
    if ex.content.chapter(name.slug, lang).is_some() {
        let url = ex.content.config.chapter_url(lang, name.slug);
        let mut href = format!("{}{url}", ex.root);
        if let Some(a) = &anchor {
            href.push('#');
            href.push_str(a);
        }
        return Ok(Link {
            href,
            target: Some(LinkTarget {
                page: format!("{lang}/{}", name.slug),
                anchor,
            }),
        });
    }
    let exists = ex
        .content
        .chapters
        .iter()
        .any(|c| c.slug == name.slug && c.order == name.order);
    let hint = if exists {
        format!("a chapter that exists in `{lang}`")
    } else {
        let known: Vec<String> = ex
            .content
            .chapters_in(lang)
            .map(|c| format!("{}.md", c.stem()))
            .collect();
        format!(
            "a chapter file name{}",
            closest(&format!("{:02}-{}.md", name.order, name.slug), known.iter())
        )
    };
    Err(Problem::new(
        format!("link to missing chapter `{file}`"),
        hint,
    ))
}
