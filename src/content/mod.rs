//! Loading `content/`: site config, chapters, data tables, UI strings and the glossary, all
//! parsed and validated, with every problem collected before anything is rendered.
//!
//! Owns the model every later stage reads ([`Content`]); YAML is read here and nowhere else
//! ([`yaml`]). May use: [`crate::base`], [`crate::num`], [`crate::lang`].
//!
//! ```text
//! content/site.yaml
//! content/chapters/<NN>-<slug>.<lang>.md
//! content/data/<id>.yaml
//! content/i18n/<lang>.yaml
//! ```

mod chapter;
pub mod config;
pub mod files;
pub mod glossary;
pub mod i18n;
pub mod names;
pub mod table;
pub mod yaml;

pub use chapter::{Chapter, Front, ProseAcknowledgement, source_hash};
use chapter::{check_names, load_chapter};
pub use names::{ChapterName, ignored, is_valid_id, parse_chapter_name};

use crate::base::diag::{Diagnostic, Diagnostics, Pos};
use crate::base::source::Source;
use crate::base::walk::Boundary;
use crate::content::config::Config;
use crate::content::glossary::Glossary;
use crate::content::i18n::Strings;
use crate::content::table::Table;

use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// A check of a loaded table by a later stage (see [`load_with`]).
pub type TableCheck = dyn Fn(&Table) -> Vec<Diagnostic> + Sync;

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
        // The file may have been replaced by a link since the walk: it must still be inside.
        Boundary::new(&self.root)
            .and_then(|b| b.check(&old.source.path))
            .map_err(Diagnostics::from)?;
        let fresh = load_chapter(&old.source.path, old.order, &old.slug, &old.lang)?;
        self.chapters[index] = fresh;
        Ok(&self.chapters[index])
    }
}

/// Loads `root/content`.
pub fn load(root: &Path) -> Result<Content, Diagnostics> {
    load_with(root, &|_| Vec::new())
}

/// [`load`], with each table also checked by `check_table` (the build passes the checks of
/// the chart kinds, which live with the charts), so that every problem of the content is
/// reported at once.
pub fn load_with(root: &Path, check_table: &TableCheck) -> Result<Content, Diagnostics> {
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
    // Nothing outside the site is read, through `content/` itself or any link under it.
    let boundary = Boundary::new(root)
        .and_then(|b| b.check(&content).map(|_| b))
        .map_err(Diagnostics::from)?;
    let site_yaml = content.join("site.yaml");
    let config = boundary
        .check(&site_yaml)
        .and_then(|_| Source::read(&site_yaml))
        .map_err(Diagnostics::from)
        .and_then(|src| Config::load(&src));
    let found = files::walk(&boundary, &content, &mut ds);
    let config = match config {
        Ok(c) => c,
        Err(e) => {
            ds.extend(e);
            return Err(ds);
        }
    };
    let codes = config.codes();
    let files = files::classify(&content, found, &codes, &mut ds);
    let chapters = load_chapters(&files.chapters, &codes, &mut ds);
    let tables = load_tables(&files.tables, &codes, check_table, &mut ds);
    let published: Vec<String> = codes
        .iter()
        .filter(|l| chapters.iter().any(|c| &&c.lang == l))
        .cloned()
        .collect();
    let strings = i18n::load_all(
        &content,
        &files.strings,
        config.default_language(),
        &published,
        &mut ds,
    );
    let glossary = files.glossary.and_then(|p| {
        match Source::read(&p)
            .map_err(Diagnostics::from)
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

/// Reads one chapter file on its own (`content/chapters/<NN>-<slug>.<lang>.md`), as loading
/// the site would.
pub fn read_chapter(path: &Path) -> Result<Chapter, Diagnostics> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let Some(n) = parse_chapter_name(&name).filter(|n| n.lang.is_some()) else {
        return Err(Diagnostics::from(Diagnostic::error(
            path,
            Pos::START,
            format!("`{name}` is not a chapter file name"),
            "`<NN>-<slug>.<lang>.md`",
        )));
    };
    load_chapter(path, n.order, n.slug, n.lang.unwrap_or_default())
}

/// The chapters, read in parallel, sorted by order and then language order; their names
/// checked across languages.
fn load_chapters(
    files: &[files::ChapterFile],
    codes: &[String],
    ds: &mut Diagnostics,
) -> Vec<Chapter> {
    let loaded: Vec<Result<Chapter, Diagnostics>> = files
        .par_iter()
        .map(|f| load_chapter(&f.path, f.order, &f.slug, &f.lang))
        .collect();
    let mut chapters: Vec<Chapter> = loaded
        .into_iter()
        .filter_map(|r| r.map_err(|e| ds.extend(e)).ok())
        .collect();
    let lang_rank = |l: &str| codes.iter().position(|c| c == l).unwrap_or(usize::MAX);
    chapters.sort_by(|a, b| {
        (a.order, lang_rank(&a.lang), &a.slug).cmp(&(b.order, lang_rank(&b.lang), &b.slug))
    });
    check_names(&chapters, ds);
    chapters
}

/// The data tables, read in parallel, by id.
fn load_tables(
    files: &[(PathBuf, String)],
    codes: &[String],
    check_table: &TableCheck,
    ds: &mut Diagnostics,
) -> BTreeMap<String, Table> {
    let loaded: Vec<Result<Table, Diagnostics>> = files
        .par_iter()
        .map(|(path, id)| {
            let src = Source::read(path).map_err(Diagnostics::from)?;
            let table = Table::load(&src, id, codes)?;
            let found = check_table(&table);
            if found.is_empty() {
                Ok(table)
            } else {
                let mut ds = Diagnostics::new();
                ds.extend(found);
                Err(ds)
            }
        })
        .collect();
    loaded
        .into_iter()
        .filter_map(|r| r.map_err(|e| ds.extend(e)).ok())
        .map(|t| (t.id.clone(), t))
        .collect()
}
