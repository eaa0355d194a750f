//! Finding the files under `content/`: a walk in a stable order that never leaves the site, and
//! the role of each file by where it is (a chapter, a table, UI strings, the glossary).

use super::names::{ignored, is_valid_id, parse_chapter_name};
use crate::base::diag::{Diagnostic, Diagnostics, Pos};
use crate::base::walk::{Boundary, Walked};
use std::path::{Path, PathBuf};

/// Every file and folder under `dir` (the site's `content/`), through the site's bounded walk
/// ([`Boundary::walk`]): editor backups and hidden files left out, every link leaving the site,
/// link loop, named pipe or device an error.
pub(crate) fn walk(boundary: &Boundary, dir: &Path, ds: &mut Diagnostics) -> Walked {
    let mut walked = boundary.walk(dir, &|name, _| ignored(name));
    ds.extend(std::mem::take(&mut walked.problems));
    walked
}

/// A chapter file found under `content/chapters/`.
pub(crate) struct ChapterFile {
    pub path: PathBuf,
    pub order: u32,
    pub slug: String,
    pub lang: String,
}

/// The files of `content/`, by role.
#[derive(Default)]
pub(crate) struct SiteFiles {
    /// `chapters/<NN>-<slug>.<lang>.md` in a site language.
    pub chapters: Vec<ChapterFile>,
    /// `data/<id>.yaml`: (path, id).
    pub tables: Vec<(PathBuf, String)>,
    /// `i18n/<lang>.yaml` of a site language: (path, language).
    pub strings: Vec<(PathBuf, String)>,
    /// `glossary.yaml`.
    pub glossary: Option<PathBuf>,
}

/// `codes` as a list for messages: `` `ko`, `en` ``.
pub(crate) fn list(codes: &[String]) -> String {
    codes
        .iter()
        .map(|c| format!("`{c}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A folder where folio reads a file (`chapters/03-x.ko.md/`, `glossary.yaml/`) is an error:
/// skipped silently, it would drop a chapter or turn the glossary checks off.
fn folder_named_as_a_file(content: &Path, dir: &Path, ds: &mut Diagnostics) {
    let rel = dir.strip_prefix(content).unwrap_or(dir);
    let parts: Vec<&str> = rel.iter().filter_map(|p| p.to_str()).collect();
    let role = match parts.as_slice() {
        ["site.yaml"] => "the site configuration",
        ["glossary.yaml"] => "the glossary",
        ["chapters", n] if n.ends_with(".md") => "a chapter",
        ["data", n] if n.ends_with(".yaml") => "a data table",
        ["i18n", n] if n.ends_with(".yaml") => "UI strings",
        _ => return,
    };
    ds.push(Diagnostic::error(
        dir,
        Pos::START,
        format!(
            "`{}` is a folder, where folio reads {role}",
            parts.last().unwrap_or(&"")
        ),
        "a regular file of that name (or another name for the folder)",
    ));
}

/// Sorts the files found under `content` by role; a file that has none, or names a language
/// the site does not have, is an error.
pub(crate) fn classify(
    content: &Path,
    walked: Walked,
    codes: &[String],
    ds: &mut Diagnostics,
) -> SiteFiles {
    for dir in &walked.dirs {
        folder_named_as_a_file(content, dir, ds);
    }
    let mut found = SiteFiles::default();
    for path in walked.files {
        let rel = path.strip_prefix(content).unwrap_or(&path);
        let parts: Vec<&str> = rel.iter().filter_map(|p| p.to_str()).collect();
        let name = parts.last().copied().unwrap_or("");
        match parts.as_slice() {
            ["site.yaml"] => {}
            ["glossary.yaml"] => found.glossary = Some(path.clone()),
            ["chapters", _] => match parse_chapter_name(name) {
                Some(n) if n.lang.is_some() => {
                    let lang = n.lang.unwrap_or_default();
                    if codes.iter().any(|c| c == lang) {
                        found.chapters.push(ChapterFile {
                            path: path.clone(),
                            order: n.order,
                            slug: n.slug.to_string(),
                            lang: lang.to_string(),
                        });
                    } else {
                        ds.push(Diagnostic::error(
                            &path,
                            Pos::START,
                            format!("chapter language `{lang}` is not in site.yaml"),
                            format!("one of {}", list(codes)),
                        ));
                    }
                }
                _ => ds.push(Diagnostic::error(
                    &path,
                    Pos::START,
                    format!("`{name}` is not a chapter file name"),
                    "`<NN>-<slug>.<lang>.md`, e.g. `02-market-size.ko.md` (slug: lowercase ASCII letters, digits, `-`)",
                )),
            },
            ["data", _] => match name.strip_suffix(".yaml") {
                Some(id) if is_valid_id(id) => found.tables.push((path.clone(), id.to_string())),
                _ => ds.push(Diagnostic::error(
                    &path,
                    Pos::START,
                    format!("`{name}` is not a data table file name"),
                    "`<id>.yaml` with an id of lowercase ASCII letters, digits, `-`",
                )),
            },
            ["i18n", _] => match name.strip_suffix(".yaml") {
                Some(l) if codes.iter().any(|c| c == l) => {
                    found.strings.push((path.clone(), l.to_string()))
                }
                _ => ds.push(Diagnostic::error(
                    &path,
                    Pos::START,
                    format!("`{name}` is not a UI-strings file of a site language"),
                    format!("`<lang>.yaml` for one of {}", list(codes)),
                )),
            },
            _ => ds.push(Diagnostic::error(
                &path,
                Pos::START,
                "unexpected file in content/",
                "only `site.yaml`, `glossary.yaml`, `chapters/*.md`, `data/*.yaml` and `i18n/*.yaml`",
            )),
        }
    }
    found
}
