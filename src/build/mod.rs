//! The build, as a pipeline: load the content and templates → render every chapter (in
//! parallel) → run the checks → plan the pages and render them (in parallel, each written into
//! the staging output as soon as it is rendered) → the data files → the search index → swap
//! the output in. Orchestration only: each stage lives in its own module.
//!
//! May use: every module but [`crate::serve`] and [`crate::cli`].

mod pages;
mod snapshot;

pub use snapshot::{Snapshot, rebuild_chapter};

use crate::base::OutFile;
use crate::base::diag::{Diagnostic, Diagnostics};
use crate::base::timings::Timings;
use crate::base::walk::Boundary;
use crate::content::{self, Content};
use crate::render::{self, Book, RenderedChapter};
use crate::site::output::Staging;
use crate::site::templates::Templates;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Where each chapter's figure and table numbers start, by (language, slug).
use render::Starts;

/// What to build.
#[derive(Debug, Clone)]
pub struct Options {
    /// Site root: holds `content/`, `templates/`, `static/`.
    pub root: PathBuf,
    /// Output directory (default `<root>/public`).
    pub out: Option<PathBuf>,
    /// Warnings fail the build.
    pub strict: bool,
}

/// The outcome of a build or check.
#[derive(Debug)]
pub struct Report {
    /// Findings, sorted, paths relative to the root.
    pub diagnostics: Vec<Diagnostic>,
    /// Whether the build failed (errors, or warnings under `--strict`).
    pub failed: bool,
    /// Number of HTML pages generated.
    pub pages: usize,
    /// Time per stage.
    pub timings: Timings,
}

/// Generates the whole site in memory. `Err` holds the diagnostics when any is an error.
pub fn generate(root: &Path) -> Result<(Vec<OutFile>, Diagnostics), Diagnostics> {
    generate_snapshot(root, &mut Timings::default(), true).map(|(files, ds, _)| (files, ds))
}

/// [`generate`], recording the time of each stage (`search: false` leaves out the search
/// index), and also returning what `serve` needs for [`rebuild_chapter`].
pub fn generate_snapshot(
    root: &Path,
    timings: &mut Timings,
    search: bool,
) -> Result<(Vec<OutFile>, Diagnostics, Snapshot), Diagnostics> {
    generate_into(root, timings, search, None).map(|g| (g.files, g.diagnostics, g.snapshot))
}

/// The content loaded and every chapter rendered, with what loading and rendering found (for
/// checks and tests that need the rendered book without pages).
pub fn render_book(
    root: &Path,
) -> Result<(Content, Vec<RenderedChapter>, Diagnostics), Diagnostics> {
    let (content, _) = load(root)?;
    let mut ds = Diagnostics::new();
    let (chapters, _) = render_chapters(&content, &mut Timings::default(), &mut ds);
    Ok((content, chapters, ds))
}

/// What [`generate_into`] made.
struct Generated {
    /// The files not written yet: every file when built in memory; when built into a staging
    /// output, the data files and the search index, which come after the pages. Sorted by path.
    files: Vec<OutFile>,
    /// HTML pages made (written or not).
    pages: usize,
    diagnostics: Diagnostics,
    snapshot: Snapshot,
}

/// The content (with the checks of the chart kinds, see [`content::load_with`]) and the
/// templates, read in parallel; every problem of both reported at once.
fn load(root: &Path) -> Result<(Content, Templates), Diagnostics> {
    let (c, t) = rayon::join(
        || content::load_with(root, &render::chart::check_spec),
        || {
            let boundary = Boundary::new(root).map_err(Diagnostics::from)?;
            Templates::load(&root.join("templates"), &boundary)
        },
    );
    match (c, t) {
        (Ok(c), Ok(t)) => Ok((c, t)),
        (c, t) => {
            let mut ds = Diagnostics::new();
            if let Err(e) = c {
                ds.extend(e);
            }
            if let Err(e) = t {
                ds.extend(e);
            }
            Err(ds)
        }
    }
}

/// Every chapter rendered, numbering figures and tables through each language's report; and
/// where each chapter's numbering starts.
fn render_chapters(
    content: &Content,
    timings: &mut Timings,
    ds: &mut Diagnostics,
) -> (Vec<RenderedChapter>, Starts) {
    let (rendered, starts) = render::numbered(content);
    let chapters = rendered
        .into_iter()
        .map(|(r, found)| {
            ds.extend(found);
            timings.charts += r.chart_time;
            r
        })
        .collect();
    (chapters, starts)
}

/// Generates the site; with a `staging` output, each page is written into it as soon as it is
/// rendered, and only what the search indexer has still to read is kept until then. Without
/// one (`serve`, `pdf`, `check`, the tests), every file is kept in memory and returned.
fn generate_into(
    root: &Path,
    timings: &mut Timings,
    search: bool,
    staging: Option<&Staging>,
) -> Result<Generated, Diagnostics> {
    let started = Instant::now();
    let (content, templates) = load(root)?;
    timings.add("load", started.elapsed());
    let mut ds = Diagnostics::new();
    let started = Instant::now();
    let (chapters, starts) = render_chapters(&content, timings, &mut ds);
    timings.add("markdown", started.elapsed());
    let book = Book {
        content: &content,
        chapters: &chapters,
    };
    crate::check::all(&book, timings, &mut ds);

    let started = Instant::now();
    let planned = crate::site::pages::plan(&book);
    // A static file in a page's way is found before any page is written.
    if let Some(staging) = staging {
        ds.extend(staging.clashes(planned.iter().map(|p| p.file.as_str())));
    }
    // A build that has already failed writes nothing.
    let staging = staging.filter(|_| ds.error_count() == 0);
    let index_pages = search && content.config.search;
    let rendered = pages::render(&templates, planned, staging, index_pages, &mut ds);
    timings.add(
        if staging.is_some() {
            "pages"
        } else {
            "templates"
        },
        started.elapsed(),
    );
    let mut files = timings.stage("data", || render::data_files::files(&content, book.iter()));
    if ds.error_count() == 0 && index_pages {
        let to_index: Vec<(&str, &OutFile)> = rendered
            .kept
            .iter()
            .filter_map(|(lang, f)| lang.as_deref().map(|l| (l, f)))
            .collect();
        match timings.stage("search", || crate::site::search::index(&to_index)) {
            Ok(bundle) => files.extend(bundle),
            Err(d) => ds.push(d),
        }
    }
    if staging.is_none() {
        files.extend(rendered.kept.into_iter().map(|(_, f)| f));
    }
    if ds.error_count() > 0 {
        return Err(ds);
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(Generated {
        files,
        pages: rendered.count,
        diagnostics: ds,
        snapshot: Snapshot::new(content, templates, starts, chapters),
    })
}

/// Builds (or, with `write == false`, checks) the site.
pub fn run(opts: &Options, write: bool) -> Report {
    let root = &opts.root;
    let mut timings = Timings::default();
    let out = opts.out.clone().unwrap_or_else(|| root.join("public"));
    // The staging output is made first, so that pages are written as they are rendered; when
    // the output cannot be written, the content is still checked, to report every problem.
    let mut unwritable = None;
    let staging = if write {
        let begin = || {
            crate::site::output::refuse_inside_inputs(&out, root)?;
            Staging::begin(&out, &root.join("static"))
        };
        match timings.stage("staging", begin) {
            Ok(s) => Some(s),
            Err(d) => {
                unwritable = Some(d);
                None
            }
        }
    } else {
        None
    };
    let result = generate_into(root, &mut timings, staging.is_some(), staging.as_ref());
    let (mut ds, rest, pages) = match result {
        Ok(g) => (g.diagnostics, Some(g.files), g.pages),
        Err(ds) => (ds, None, 0),
    };
    ds.extend(unwritable);
    // Dropped uncommitted (a failed build), the staging output is deleted.
    if let (Some(rest), Some(staging), false) = (&rest, staging, ds.fails(opts.strict))
        && let Err(d) = timings.stage("write", || {
            staging.write(rest)?;
            staging.commit()
        })
    {
        ds.push(d);
    }
    let failed = ds.fails(opts.strict);
    Report {
        diagnostics: ds
            .sorted()
            .into_iter()
            .map(|d| d.relative_to(root))
            .collect(),
        failed,
        pages,
        timings,
    }
}
