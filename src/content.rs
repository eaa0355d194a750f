//! Loading `content/`: site config, chapters, data tables and UI strings, all parsed and
//! validated, with every problem collected before anything is rendered.
//!
//! ```text
//! content/site.yaml
//! content/chapters/<NN>-<slug>.<lang>.md
//! content/data/<id>.yaml
//! content/i18n/<lang>.yaml
//! ```

use crate::config::Config;
use crate::data::{Table, is_valid_id};
use crate::diag::{Diagnostic, Diagnostics, Pos};
use crate::glossary::Glossary;
use crate::i18n::{self, Strings};
use crate::source::Source;
use crate::yaml;
use rayon::prelude::*;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

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
}

/// Everything under `content/`.
#[derive(Debug, Clone)]
pub struct Content {
    /// The site root (parent of `content/`).
    pub root: PathBuf,
    /// `site.yaml`.
    pub config: Config,
    /// Chapters sorted by order, then language order of `site.yaml`.
    pub chapters: Vec<Chapter>,
    /// Data tables by id.
    pub tables: BTreeMap<String, Table>,
    /// UI strings by language.
    pub strings: BTreeMap<String, Strings>,
    /// The glossary, if the site has one.
    pub glossary: Option<Glossary>,
    /// Index into `chapters` by (slug, language).
    by_slug: HashMap<(String, String), usize>,
}

impl Content {
    /// Chapters of one language, in order.
    pub fn chapters_in<'a>(&'a self, lang: &'a str) -> impl Iterator<Item = &'a Chapter> + 'a {
        self.chapters.iter().filter(move |c| c.lang == lang)
    }

    /// Languages with at least one chapter, in `site.yaml` order.
    pub fn published_languages(&self) -> Vec<String> {
        self.config
            .codes()
            .into_iter()
            .filter(|l| self.chapters.iter().any(|c| &c.lang == l))
            .collect()
    }

    /// The chapter `slug` in `lang`.
    pub fn chapter(&self, slug: &str, lang: &str) -> Option<&Chapter> {
        self.by_slug
            .get(&(slug.to_string(), lang.to_string()))
            .map(|&i| &self.chapters[i])
    }

    /// Reads the chapter at `index` again from its file (same name, so same slug and
    /// language), replacing it; `serve` calls this when one chapter file changes.
    pub fn reload_chapter(&mut self, index: usize) -> Result<&Chapter, Diagnostics> {
        let old = &self.chapters[index];
        let fresh = load_chapter(&old.source.path, old.order, &old.slug, &old.lang)?;
        self.chapters[index] = fresh;
        Ok(&self.chapters[index])
    }
}

/// A chapter file name split into its parts.
#[derive(Debug, PartialEq, Eq)]
pub struct ChapterName<'a> {
    /// `NN`
    pub order: u32,
    /// `slug`
    pub slug: &'a str,
    /// `lang`, if written.
    pub lang: Option<&'a str>,
}

/// Parses `NN-slug.lang.md` (or `NN-slug.md` in links).
pub fn parse_chapter_name(name: &str) -> Option<ChapterName<'_>> {
    let stem = name.strip_suffix(".md")?;
    let (stem, lang) = match stem.rsplit_once('.') {
        Some((s, l)) => (s, Some(l)),
        None => (stem, None),
    };
    let (digits, slug) = stem.split_once('-')?;
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) || digits.len() > 4 {
        return None;
    }
    if !is_valid_id(slug) {
        return None;
    }
    if let Some(l) = lang
        && (l.is_empty() || !l.chars().all(|c| c.is_ascii_lowercase()))
    {
        return None;
    }
    Some(ChapterName {
        order: digits.parse().ok()?,
        slug,
        lang,
    })
}

/// Editor backups and temporary files, which the content walk skips.
pub fn ignored(name: &str) -> bool {
    name.starts_with('.') || name.ends_with('~') || name.ends_with(".swp") || name.ends_with(".tmp")
}

/// Loads `root/content`.
pub fn load(root: &Path) -> Result<Content, Diagnostics> {
    let mut ds = Diagnostics::new();
    let content = root.join("content");
    if !content.is_dir() {
        ds.push(Diagnostic::error(
            &content,
            Pos::START,
            "no content directory",
            "a `content/` folder with `site.yaml` (is --root right?)",
        ));
        return Err(ds);
    }
    let site_path = content.join("site.yaml");
    let config = match Source::read(&site_path) {
        Ok(src) => match Config::load(&src) {
            Ok(c) => Some(c),
            Err(e) => {
                ds.extend(e);
                None
            }
        },
        Err(d) => {
            ds.push(d);
            None
        }
    };
    let files = walk(&content, &mut ds);
    let Some(config) = config else {
        return Err(ds);
    };
    let codes = config.codes();

    let mut chapter_files = Vec::new();
    let mut table_files = Vec::new();
    let mut string_files = Vec::new();
    let mut glossary_file = None;
    for path in files {
        let rel = path.strip_prefix(&content).unwrap_or(&path);
        let parts: Vec<&str> = rel.iter().filter_map(|p| p.to_str()).collect();
        let name = parts.last().copied().unwrap_or("");
        match parts.as_slice() {
            ["site.yaml"] => {}
            ["glossary.yaml"] => glossary_file = Some(path.clone()),
            ["chapters", _] => match parse_chapter_name(name) {
                Some(n) if n.lang.is_some() => {
                    let lang = n.lang.unwrap_or_default();
                    if codes.iter().any(|c| c == lang) {
                        chapter_files.push((path.clone(), n.order, n.slug.to_string(), lang.to_string()));
                    } else {
                        ds.push(Diagnostic::error(
                            &path,
                            Pos::START,
                            format!("chapter language `{lang}` is not in site.yaml"),
                            format!("one of {}", list(&codes)),
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
                Some(id) if is_valid_id(id) => table_files.push((path.clone(), id.to_string())),
                _ => ds.push(Diagnostic::error(
                    &path,
                    Pos::START,
                    format!("`{name}` is not a data table file name"),
                    "`<id>.yaml` with an id of lowercase ASCII letters, digits, `-`",
                )),
            },
            ["i18n", _] => match name.strip_suffix(".yaml") {
                Some(l) if codes.iter().any(|c| c == l) => string_files.push((path.clone(), l.to_string())),
                _ => ds.push(Diagnostic::error(
                    &path,
                    Pos::START,
                    format!("`{name}` is not a UI-strings file of a site language"),
                    format!("`<lang>.yaml` for one of {}", list(&codes)),
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

    let chapters: Vec<Result<Chapter, Diagnostics>> = chapter_files
        .par_iter()
        .map(|(path, order, slug, lang)| load_chapter(path, *order, slug, lang))
        .collect();
    let tables: Vec<Result<Table, Diagnostics>> = table_files
        .par_iter()
        .map(|(path, id)| {
            let src = Source::read(path).map_err(one)?;
            Table::load(&src, id, &codes)
        })
        .collect();
    let mut strings = BTreeMap::new();
    let mut string_sources = BTreeMap::new();
    for (path, lang) in &string_files {
        match Source::read(path)
            .map_err(one)
            .and_then(|s| i18n::load(&s).map(|st| (st, s)))
        {
            Ok((st, src)) => {
                strings.insert(lang.clone(), st);
                string_sources.insert(lang.clone(), src);
            }
            Err(e) => ds.extend(e),
        }
    }

    let mut chapters: Vec<Chapter> = chapters
        .into_iter()
        .filter_map(|r| r.map_err(|e| ds.extend(e)).ok())
        .collect();
    let lang_rank = |l: &str| codes.iter().position(|c| c == l).unwrap_or(usize::MAX);
    chapters.sort_by(|a, b| {
        (a.order, lang_rank(&a.lang), &a.slug).cmp(&(b.order, lang_rank(&b.lang), &b.slug))
    });
    check_names(&chapters, &mut ds);
    let tables: BTreeMap<String, Table> = tables
        .into_iter()
        .filter_map(|r| r.map_err(|e| ds.extend(e)).ok())
        .map(|t| (t.id.clone(), t))
        .collect();

    // UI strings: every language that has chapters needs its file, with the default's keys.
    let default = config.default_language().to_string();
    let published: Vec<String> = codes
        .iter()
        .filter(|l| chapters.iter().any(|c| &&c.lang == l))
        .cloned()
        .collect();
    for lang in codes
        .iter()
        .filter(|l| published.contains(l) || **l == default)
    {
        if !strings.contains_key(lang) && !string_files.iter().any(|(_, l)| l == lang) {
            ds.push(Diagnostic::error(
                content.join("i18n").join(format!("{lang}.yaml")),
                Pos::START,
                format!("no UI strings for language `{lang}`"),
                format!("a file content/i18n/{lang}.yaml"),
            ));
        }
    }
    if let Some(base) = strings.get(&default) {
        let default_path = format!("content/i18n/{default}.yaml");
        for (lang, st) in &strings {
            if lang != &default {
                ds.extend(i18n::compare(
                    base,
                    &default_path,
                    st,
                    &string_sources[lang],
                ));
            }
        }
    }
    let glossary = glossary_file.and_then(|p| {
        match Source::read(&p)
            .map_err(one)
            .and_then(|s| Glossary::load(&s))
        {
            Ok(g) => Some(g),
            Err(e) => {
                ds.extend(e);
                None
            }
        }
    });
    if chapters.is_empty() && ds.is_empty() {
        ds.push(Diagnostic::error(
            content.join("chapters"),
            Pos::START,
            "no chapters",
            "at least one file `content/chapters/<NN>-<slug>.<lang>.md`",
        ));
    }
    if !ds.is_empty() {
        return Err(ds);
    }
    let by_slug = chapters
        .iter()
        .enumerate()
        .map(|(i, c)| ((c.slug.clone(), c.lang.clone()), i))
        .collect();
    Ok(Content {
        root: root.to_path_buf(),
        config,
        chapters,
        tables,
        strings,
        glossary,
        by_slug,
    })
}

fn one(d: Diagnostic) -> Diagnostics {
    let mut ds = Diagnostics::new();
    ds.push(d);
    ds
}

fn list(codes: &[String]) -> String {
    codes
        .iter()
        .map(|c| format!("`{c}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// All files under `dir`, following symbolic links, in a stable order. Loops and unreadable
/// entries become errors.
fn walk(dir: &Path, ds: &mut Diagnostics) -> Vec<PathBuf> {
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
pub(crate) fn walk_error(e: &walkdir::Error, dir: &Path) -> Diagnostic {
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

fn load_chapter(path: &Path, order: u32, slug: &str, lang: &str) -> Result<Chapter, Diagnostics> {
    let src = Source::read(path).map_err(one)?;
    let fm = yaml::split_front_matter(&src).map_err(one)?;
    let front: Front = yaml::parse(&src.path, fm.yaml, fm.yaml_line).map_err(one)?;
    if front.title.trim().is_empty() {
        let idx = yaml::YamlIndex::build(fm.yaml, fm.yaml_line);
        return Err(one(Diagnostic::error(
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

fn file_name(path: &Path) -> std::borrow::Cow<'_, str> {
    path.file_name().unwrap_or_default().to_string_lossy()
}

/// Slugs a chapter cannot have: the URL `/<lang>/<slug>/` is another page's.
const RESERVED_SLUGS: &[(&str, &str)] = &[("print", "the print edition")];

/// One slug per order number and one order number per slug, across languages; one file per
/// (slug, language); no slug that another page's URL takes.
fn check_names(chapters: &[Chapter], ds: &mut Diagnostics) {
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
    fn chapter_names() {
        assert_eq!(
            parse_chapter_name("02-market-size.ko.md"),
            Some(ChapterName {
                order: 2,
                slug: "market-size",
                lang: Some("ko")
            })
        );
        assert_eq!(
            parse_chapter_name("02-market-size.md"),
            Some(ChapterName {
                order: 2,
                slug: "market-size",
                lang: None
            })
        );
        for bad in [
            "market.ko.md",
            "02-Market.ko.md",
            "02-.ko.md",
            "x2-a.ko.md",
            "02-a.KO.md",
            "02-a.ko.txt",
            "02-../x.ko.md",
            "02-a/b.ko.md",
        ] {
            assert_eq!(parse_chapter_name(bad), None, "{bad}");
        }
    }
}
