//! One chapter file, `content/chapters/<NN>-<slug>.<lang>.md`: its front matter, its body,
//! the rules its file name follows across languages, and the hash translations record of it.

use super::yaml;
use crate::base::diag::{Diagnostic, Diagnostics, Pos};
use crate::base::source::Source;
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::Path;

/// Chapter front matter. Order and slug come from the file name.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Front {
    /// The chapter heading as the report prints it.
    pub title: String,
    /// The part of the report the chapter belongs to.
    #[serde(default)]
    pub part: Option<String>,
    /// A one-sentence description for search engines.
    #[serde(default)]
    pub summary: Option<String>,
    /// Content hash of the source-language chapter this translation was made from.
    #[serde(default)]
    pub translated_from: Option<String>,
    /// Numeric findings in this chapter's text an editor has reviewed.
    #[serde(default)]
    pub acknowledged: Vec<ProseAcknowledgement>,
}

/// A reviewed finding in prose: the text it concerns and why it stays.
#[derive(Debug, Clone, Deserialize, Default, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ProseAcknowledgement {
    /// The text the finding quotes (e.g. `1,206억 위안(약 165억 3천만 달러)`).
    pub text: String,
    /// Why it stays as written.
    pub reason: String,
}

/// One chapter in one language.
#[derive(Debug, Clone)]
pub struct Chapter {
    /// `NN` of the file name.
    pub order: u32,
    /// `slug` of the file name (the URL segment, same in every language).
    pub slug: String,
    /// Language code.
    pub lang: String,
    /// The file.
    pub source: Source,
    /// Parsed front matter.
    pub front: Front,
    /// Byte offset of the Markdown body in the file.
    pub body_offset: usize,
}

impl Chapter {
    /// The Markdown body.
    pub fn body(&self) -> &str {
        &self.source.text[self.body_offset..]
    }

    /// The file name without the language (`02-market-size`), as links write it: as the file
    /// is named (`0002-…` stays so).
    pub fn stem(&self) -> String {
        let name = self
            .source
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        match name.strip_suffix(&format!(".{}.md", self.lang)) {
            Some(stem) if !stem.is_empty() => stem.to_string(),
            _ => format!("{:02}-{}", self.order, self.slug),
        }
    }

    /// The hash a translation records of its source chapter ([`Chapter::hash`] of the source):
    /// over what is translated (title, part, summary, body), not over editorial metadata such
    /// as acknowledgements.
    pub fn hash(&self) -> String {
        let f = &self.front;
        source_hash(&format!(
            "{}\n{}\n{}\n{}",
            f.title,
            f.part.as_deref().unwrap_or(""),
            f.summary.as_deref().unwrap_or(""),
            self.body()
        ))
    }
}

/// 12 hex digits of SHA-256 over `text` (line endings normalised).
pub fn source_hash(text: &str) -> String {
    let digest = Sha256::digest(text.replace("\r\n", "\n").as_bytes());
    digest.iter().take(6).map(|b| format!("{b:02x}")).collect()
}

/// Reads and parses one chapter file.
pub(crate) fn load_chapter(
    path: &Path,
    order: u32,
    slug: &str,
    lang: &str,
) -> Result<Chapter, Diagnostics> {
    let src = Source::read(path).map_err(Diagnostics::from)?;
    refuse_control_characters(&src).map_err(Diagnostics::from)?;
    let fm = yaml::split_front_matter(&src).map_err(Diagnostics::from)?;
    let front: Front = yaml::parse(&src.path, fm.yaml, fm.yaml_line).map_err(Diagnostics::from)?;
    if front.title.trim().is_empty() {
        let idx = yaml::YamlIndex::build(fm.yaml, fm.yaml_line);
        return Err(Diagnostics::from(Diagnostic::error(
            path,
            idx.pos("title"),
            "the title is empty",
            "`title: <the chapter heading>`",
        )));
    }
    let body_offset = fm.body_offset;
    Ok(Chapter {
        order,
        slug: slug.to_string(),
        lang: lang.to_string(),
        source: Source {
            path: src.path.clone(),
            text: src.text.clone(),
        },
        front,
        body_offset,
    })
}

/// A chapter is text: a NUL or another control character (but tab and line breaks) would be
/// published as it is, invisible in an editor and an error in HTML, so the first one is refused
/// where it is (text converted from PDF or HWP often carries them).
fn refuse_control_characters(src: &Source) -> Result<(), Diagnostic> {
    let found = src
        .text
        .char_indices()
        .find(|&(_, c)| c.is_control() && !matches!(c, '\t' | '\n' | '\r'));
    let Some((offset, c)) = found else {
        return Ok(());
    };
    let what = if c == '\0' {
        "a NUL character".to_string()
    } else {
        format!("a control character (U+{:04X})", c as u32)
    };
    Err(Diagnostic::error(
        &src.path,
        crate::base::source::LineIndex::new(&src.text).pos(offset),
        what,
        "text without control characters",
    ))
}

fn file_name(path: &Path) -> std::borrow::Cow<'_, str> {
    path.file_name().unwrap_or_default().to_string_lossy()
}

/// Slugs a chapter cannot have: the URL `/<lang>/<slug>/` is another page's.
const RESERVED_SLUGS: &[(&str, &str)] = &[("print", "the print edition")];

/// One slug per order number and one order number per slug, across languages; one file per
/// (slug, language); no slug that another page's URL takes.
pub(crate) fn check_names(chapters: &[Chapter], ds: &mut Diagnostics) {
    let mut by_slug: BTreeMap<&str, &Chapter> = BTreeMap::new();
    let mut by_order: BTreeMap<u32, &Chapter> = BTreeMap::new();
    let mut seen: BTreeMap<(&str, &str), &Chapter> = BTreeMap::new();
    for c in chapters {
        if let Some(first) = seen.insert((&c.slug, &c.lang), c) {
            ds.push(Diagnostic::error(
                &c.source.path,
                Pos::START,
                format!(
                    "duplicate slug `{}` in `{}` (also {})",
                    c.slug,
                    c.lang,
                    file_name(&first.source.path)
                ),
                "each slug once per language",
            ));
            continue;
        }
        if let Some(other) = by_slug.get(c.slug.as_str()) {
            if other.order != c.order {
                ds.push(Diagnostic::error(
                    &c.source.path,
                    Pos::START,
                    format!(
                        "slug `{}` is numbered {:02} here but {:02} in {}",
                        c.slug,
                        c.order,
                        other.order,
                        file_name(&other.source.path)
                    ),
                    "the same number for a chapter in every language",
                ));
            }
        } else {
            by_slug.insert(&c.slug, c);
            if let Some((_, page)) = RESERVED_SLUGS.iter().find(|(slug, _)| *slug == c.slug) {
                ds.push(Diagnostic::error(
                    &c.source.path,
                    Pos::START,
                    format!("the slug `{}` is the URL of {page}", c.slug),
                    "another slug (the part of the file name after the number)",
                ));
            }
        }
        if let Some(other) = by_order.get(&c.order) {
            if other.slug != c.slug {
                ds.push(Diagnostic::error(
                    &c.source.path,
                    Pos::START,
                    format!(
                        "number {:02} is used by `{}` and `{}`",
                        c.order, other.slug, c.slug
                    ),
                    "one chapter per number",
                ));
            }
        } else {
            by_order.insert(c.order, c);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_is_stable_and_ignores_line_endings() {
        assert_eq!(source_hash("a\nb\n"), source_hash("a\r\nb\r\n"));
        assert_ne!(source_hash("a\nb\n"), source_hash("a\nc\n"));
        assert_eq!(source_hash("").len(), 12);
        assert_eq!(source_hash(""), "e3b0c44298fc");
    }
}
