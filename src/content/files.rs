//! Finding the files under `content/`: a walk in a stable order, and the role of each file by
//! where it is (a chapter, a table, UI strings, the glossary).

use super::names::{ignored, is_valid_id, parse_chapter_name};
use crate::base::diag::{Diagnostic, Diagnostics, Pos};
use std::path::{Path, PathBuf};

/// All files under `dir`, following symbolic links, in a stable order. Loops and unreadable
/// entries become errors.
pub(crate) fn walk(dir: &Path, ds: &mut Diagnostics) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !ignored(&e.file_name().to_string_lossy()));
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_file() => files.push(e.into_path()),
            Ok(_) => {}
            Err(e) => ds.push(walk_error(&e, dir)),
        }
    }
    files
}

/// What a folder walk under `dir` could not read: a link loop, or the entry named.
pub fn walk_error(e: &walkdir::Error, dir: &Path) -> Diagnostic {
    let path = e
        .path()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| dir.to_path_buf());
    let message = if e.loop_ancestor().is_some() {
        "symbolic link loop".to_string()
    } else {
        format!("cannot read: {e}")
    };
    Diagnostic::error(path, Pos::START, message, "a regular file or folder")
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

/// Sorts the files found under `content` by role; a file that has none, or names a language
/// the site does not have, is an error.
pub(crate) fn classify(
    content: &Path,
    files: Vec<PathBuf>,
    codes: &[String],
    ds: &mut Diagnostics,
) -> SiteFiles {
    let mut found = SiteFiles::default();
    for path in files {
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
