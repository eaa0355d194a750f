//! The build: load → render chapters (parallel) → check links → render pages (parallel, each
//! written into the staging output as soon as it is rendered) → search index → swap the output
//! in. A thin orchestrator; each stage lives in its own module.

use crate::content::{self, Chapter, Content};
use crate::diag::{Diagnostic, Diagnostics, Pos};
use crate::expand::{self, Expander, Numbering};
use crate::markdown::{self, Heading};
use crate::output::{self, OutFile};
use crate::source::LineIndex;
use crate::templates::Templates;
use crate::timings::Timings;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::Instant;

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

/// One rendered chapter, before templating.
struct RenderedChapter<'a> {
    chapter: &'a Chapter,
    body: markdown::Rendered,
    captions: Vec<(String, String, usize, String)>,
    used_tables: Vec<String>,
    charts: Vec<(String, String)>,
    chart_time: std::time::Duration,
}

/// What rendering produced for one chapter, owned: kept by a [`Snapshot`].
struct ChapterOutput {
    body: markdown::Rendered,
    captions: Vec<(String, String, usize, String)>,
    used_tables: Vec<String>,
    charts: Vec<(String, String)>,
}

impl From<RenderedChapter<'_>> for ChapterOutput {
    fn from(r: RenderedChapter) -> Self {
        ChapterOutput {
            body: r.body,
            captions: r.captions,
            used_tables: r.used_tables,
            charts: r.charts,
        }
    }
}

/// A successful build kept in memory (by `serve`), so that one edited chapter can be
/// re-rendered on its own in milliseconds.
pub struct Snapshot {
    content: Content,
    templates: Templates,
    starts: HashMap<(String, String), Numbering>,
    /// One per chapter of `content.chapters`, in the same order.
    outputs: Vec<ChapterOutput>,
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

/// One page, rendered (and, when built into a staging output, written).
struct PageOutcome {
    /// The page as rendered, when it is still needed in memory; the template error if any.
    rendered: Result<Option<OutFile>, Diagnostic>,
    /// Why the page could not be written, if it could not.
    unwritten: Option<Diagnostic>,
    url: String,
    html: bool,
}

/// Generates the site; with a `staging` output, each page is written into it as soon as it is
/// rendered, and only what the search indexer has still to read is kept until then. Without
/// one (`serve`, `pdf`, `check`, the tests), every file is kept in memory and returned.
fn generate_into(
    root: &Path,
    timings: &mut Timings,
    search: bool,
    staging: Option<&output::Staging>,
) -> Result<Generated, Diagnostics> {
    let started = Instant::now();
    let (content, templates) = {
        let (c, t) = rayon::join(
            || content::load(root),
            || Templates::load(&root.join("templates")),
        );
        match (c, t) {
            (Ok(c), Ok(t)) => (c, t),
            (c, t) => {
                let mut ds = Diagnostics::new();
                if let Err(e) = c {
                    ds.extend(e);
                }
                if let Err(e) = t {
                    ds.extend(e);
                }
                return Err(ds);
            }
        }
    };
    timings.add("load", started.elapsed());
    let mut ds = Diagnostics::new();
    let started = Instant::now();

    // Chapters → HTML bodies, numbering figures and tables through each language's report.
    let mut starts: HashMap<(String, String), Numbering> = HashMap::new();
    for lang in content.config.codes() {
        let chapters: Vec<&Chapter> = content.chapters_in(&lang).collect();
        for (c, n) in chapters
            .iter()
            .zip(Numbering::plan(chapters.iter().copied()))
        {
            starts.insert((c.lang.clone(), c.slug.clone()), n);
        }
    }
    let rendered: Vec<(RenderedChapter, Vec<Diagnostic>)> = content
        .chapters
        .par_iter()
        .map(|c| render_chapter(&content, c, starts[&(c.lang.clone(), c.slug.clone())]))
        .collect();
    let mut chapters = Vec::with_capacity(rendered.len());
    for (r, d) in rendered {
        ds.extend(d);
        timings.charts += r.chart_time;
        chapters.push(r);
    }
    timings.add("markdown", started.elapsed());
    timings.stage("anchors", || check_anchors(&chapters, &mut ds));
    timings.stage("numbers", || crate::numeric::check(&content, &mut ds));
    timings.stage("usage", || check_usage(&content, &chapters, &mut ds));

    // Pages.
    let started = Instant::now();
    let pages = crate::pages::plan(
        &content,
        &chapters
            .iter()
            .map(|r| crate::pages::ChapterBody {
                chapter: r.chapter,
                html: &r.body.html,
                headings: &r.body.headings,
                summary: &r.body.summary,
                captions: &r.captions,
            })
            .collect::<Vec<_>>(),
    );
    // A build that has already failed writes nothing.
    let staging = staging.filter(|_| ds.error_count() == 0);
    let index_pages = search && content.config.search;
    // Each page's context (a copy of its text) is dropped as soon as the page is rendered, and
    // when written, the page itself unless the search indexer is still to read it.
    let outcomes: Vec<PageOutcome> = pages
        .into_par_iter()
        .map(|p| {
            let html = p.file.ends_with(".html");
            let mut unwritten = None;
            let rendered = templates
                .render(&p.template, &p.context, p.size_hint)
                .map(|bytes| OutFile {
                    path: p.file,
                    bytes,
                })
                .map(|f| match staging {
                    Some(staging) => {
                        unwritten = staging.write_one(&f).err();
                        (index_pages && html).then_some(f)
                    }
                    None => Some(f),
                });
            PageOutcome {
                rendered,
                unwritten,
                url: p.url,
                html,
            }
        })
        .collect();
    timings.add(
        if staging.is_some() {
            "pages"
        } else {
            "templates"
        },
        started.elapsed(),
    );
    let mut files = timings.stage("data", || data_files(&content, &chapters));
    let mut page_files = Vec::new();
    let mut page_count = 0;
    // Template errors, each with the page it broke.
    let mut render_errors: Vec<(Diagnostic, String)> = Vec::new();
    // A full disk fails every page alike.
    let mut unwritten: Vec<Diagnostic> = Vec::new();
    for o in outcomes {
        page_count += usize::from(o.html);
        unwritten.extend(o.unwritten);
        match o.rendered {
            Ok(f) => page_files.extend(f),
            Err(d) => render_errors.push((d, o.url)),
        }
    }
    // In path order, so that the same page is named every time; one report per distinct
    // problem, with a count of the pages it also stopped.
    unwritten.sort_by(|a, b| a.path.cmp(&b.path));
    for (mut d, more) in grouped(unwritten, |d| &d.message) {
        if more > 0 {
            d.message = format!("{} (and {more} other page(s))", d.message);
        }
        ds.push(d);
    }
    // One report per template error, naming the first page it broke.
    for ((mut d, url), more) in grouped(render_errors, |(d, _)| d) {
        let more = match more {
            0 => String::new(),
            n => format!(" and {n} other page(s)"),
        };
        d.message = format!("{} (while rendering `{url}`{more})", d.message);
        ds.push(d);
    }
    if ds.error_count() == 0 && index_pages {
        match timings.stage("search", || crate::search::index(&page_files)) {
            Ok(bundle) => files.extend(bundle),
            Err(d) => ds.push(d),
        }
    }
    if staging.is_none() {
        files.extend(page_files);
    }
    if ds.error_count() > 0 {
        return Err(ds);
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    let outputs = chapters.into_iter().map(ChapterOutput::from).collect();
    let snapshot = Snapshot {
        content,
        templates,
        starts,
        outputs,
    };
    Ok(Generated {
        files,
        pages: page_count,
        diagnostics: ds,
        snapshot,
    })
}

/// `items` grouped by equal keys, in the order each key first appears: the group's first item
/// and how many more it had.
fn grouped<T, K: PartialEq + ?Sized>(
    items: impl IntoIterator<Item = T>,
    key: impl Fn(&T) -> &K,
) -> Vec<(T, usize)> {
    let mut groups: Vec<(T, usize)> = Vec::new();
    for item in items {
        match groups
            .iter_mut()
            .find(|(first, _)| key(first) == key(&item))
        {
            Some((_, more)) => *more += 1,
            None => groups.push((item, 0)),
        }
    }
    groups
}

/// Re-renders the chapter read from `path` and returns its page (and its charts' and tables'
/// files), leaving every other page as the snapshot has it. `None` when the change needs a
/// full build: `path` is not a chapter of the snapshot (new, deleted or renamed). Numbering of
/// later chapters, the contents and print pages, the search index and the cross-chapter checks
/// are brought up to date by the full build that `serve` runs next.
pub fn rebuild_chapter(
    snap: &mut Snapshot,
    path: &Path,
) -> Option<Result<Vec<OutFile>, Diagnostics>> {
    let i = snap
        .content
        .chapters
        .iter()
        .position(|c| c.source.path == path)?;
    if let Err(ds) = snap.content.reload_chapter(i) {
        return Some(Err(ds));
    }
    let content = &snap.content;
    let c = &content.chapters[i];
    let start = snap.starts[&(c.lang.clone(), c.slug.clone())];
    let (r, found) = render_chapter(content, c, start);
    if found
        .iter()
        .any(|d| d.severity == crate::diag::Severity::Error)
    {
        let mut ds = Diagnostics::new();
        ds.extend(found);
        return Some(Err(ds));
    }
    let url = format!("{}/{}/", c.lang, c.slug);
    let fresh = ChapterOutput::from(r);
    let bodies: Vec<crate::pages::ChapterBody> = content
        .chapters
        .iter()
        .enumerate()
        .map(|(j, ch)| {
            let o = if j == i { &fresh } else { &snap.outputs[j] };
            crate::pages::ChapterBody {
                chapter: ch,
                html: &o.body.html,
                headings: &o.body.headings,
                summary: &o.body.summary,
                captions: &o.captions,
            }
        })
        .collect();
    let mut files = Vec::new();
    for page in crate::pages::plan_only(content, &bodies, Some(&url)) {
        match snap
            .templates
            .render(&page.template, &page.context, page.size_hint)
        {
            Ok(bytes) => files.push(OutFile {
                path: page.file,
                bytes,
            }),
            Err(d) => {
                let mut ds = Diagnostics::new();
                ds.push(d);
                return Some(Err(ds));
            }
        }
    }
    files.extend(data_files_of(
        content,
        std::iter::once((c.lang.as_str(), &fresh.used_tables[..], &fresh.charts[..])),
    ));
    drop(bodies);
    snap.outputs[i] = fresh;
    Some(Ok(files))
}

/// CSV of every table shown and the standalone SVG of every chart drawn, per language.
fn data_files(content: &Content, chapters: &[RenderedChapter]) -> Vec<OutFile> {
    data_files_of(
        content,
        chapters
            .iter()
            .map(|r| (r.chapter.lang.as_str(), &r.used_tables[..], &r.charts[..])),
    )
}

/// [`data_files`] from (language, tables shown, charts drawn) of each chapter.
fn data_files_of<'a>(
    content: &Content,
    chapters: impl Iterator<Item = (&'a str, &'a [String], &'a [(String, String)])>,
) -> Vec<OutFile> {
    let default = content.config.default_language();
    let chapters: Vec<_> = chapters.collect();
    // Rendered in parallel; a file shown by several chapters is written once.
    let rendered: Vec<Vec<(String, Vec<u8>)>> = chapters
        .par_iter()
        .map(|(lang, used_tables, charts)| {
            let tables = used_tables.iter().map(|id| {
                (
                    expand::csv_path(id, lang, default),
                    crate::csv::csv(&content.tables[id], lang, &content.strings[*lang])
                        .into_bytes(),
                )
            });
            let svgs = charts.iter().map(|(id, svg)| {
                (
                    expand::svg_path(id, lang),
                    crate::chart::standalone(svg).into_bytes(),
                )
            });
            tables.chain(svgs).collect()
        })
        .collect();
    let files: BTreeMap<String, Vec<u8>> = rendered.into_iter().flatten().collect();
    files
        .into_iter()
        .map(|(path, bytes)| OutFile { path, bytes })
        .collect()
}

fn render_chapter<'a>(
    content: &'a Content,
    c: &'a Chapter,
    start: Numbering,
) -> (RenderedChapter<'a>, Vec<Diagnostic>) {
    let mut ctx = Expander::new(content, c, "../../", start);
    let labels = expand::labels(&content.strings[&c.lang], &c.lang);
    let body = markdown::render(c.body(), &mut ctx, &labels);
    // Built only when there is something to report: most chapters have nothing.
    let index = std::cell::OnceCell::new();
    let mut ds: Vec<Diagnostic> = body
        .findings
        .iter()
        .map(|f| {
            let pos = index
                .get_or_init(|| LineIndex::new(&c.source.text))
                .pos(c.body_offset + f.offset);
            if f.error {
                Diagnostic::error(
                    &c.source.path,
                    pos,
                    f.problem.message.clone(),
                    f.problem.expected.clone(),
                )
            } else {
                Diagnostic::warning(
                    &c.source.path,
                    pos,
                    f.problem.message.clone(),
                    f.problem.expected.clone(),
                )
            }
        })
        .collect();
    ds.append(&mut ctx.extra);
    let captions = std::mem::take(&mut ctx.captions);
    let used_tables = std::mem::take(&mut ctx.used_tables);
    let charts = std::mem::take(&mut ctx.charts);
    (
        RenderedChapter {
            chapter: c,
            body,
            captions,
            used_tables,
            charts,
            chart_time: ctx.chart_time,
        },
        ds,
    )
}

/// Every `#anchor` and chapter link must land on an id of its target page.
fn check_anchors(chapters: &[RenderedChapter], ds: &mut Diagnostics) {
    let ids: HashMap<String, HashSet<&str>> = chapters
        .iter()
        .map(|r| {
            let mut set: HashSet<&str> = r.body.ids.iter().map(String::as_str).collect();
            set.extend(r.captions.iter().map(|c| c.0.as_str()));
            (format!("{}/{}", r.chapter.lang, r.chapter.slug), set)
        })
        .collect();
    for r in chapters {
        let index = std::cell::OnceCell::new();
        for a in &r.body.anchors {
            let Some(anchor) = &a.target.anchor else {
                continue;
            };
            let Some(page_ids) = ids.get(&a.target.page) else {
                continue;
            };
            if !page_ids.contains(anchor.as_str()) {
                let mut known: Vec<&&str> = page_ids.iter().filter(|i| !i.contains(':')).collect();
                known.sort();
                let shown: Vec<String> = known.iter().take(8).map(|k| format!("`#{k}`")).collect();
                ds.push(Diagnostic::error(
                    &r.chapter.source.path,
                    index
                        .get_or_init(|| LineIndex::new(&r.chapter.source.text))
                        .pos(r.chapter.body_offset + a.offset),
                    format!(
                        "link `{}` points to a missing anchor `#{anchor}`",
                        a.written
                    ),
                    if shown.is_empty() {
                        "an anchor of a heading on that page".into()
                    } else {
                        format!("one of {}", shown.join(", "))
                    },
                ));
            }
        }
    }
}

/// Warnings: tables no chapter shows; chapters missing in a language that has others.
fn check_usage(content: &Content, chapters: &[RenderedChapter], ds: &mut Diagnostics) {
    let used: HashSet<&str> = chapters
        .iter()
        .flat_map(|r| r.used_tables.iter().map(String::as_str))
        .collect();
    for (id, t) in &content.tables {
        if !used.contains(id.as_str()) {
            ds.push(Diagnostic::warning(
                &t.path,
                Pos::START,
                format!("table `{id}` is not used by any chapter"),
                format!("`{{{{ table(id=\"{id}\") }}}}` or `{{{{ chart(id=\"{id}\") }}}}` in a chapter, or delete the file"),
            ));
        }
    }
    let shapes: Vec<crate::translation::Shape> = chapters
        .iter()
        .map(|r| crate::translation::Shape {
            chapter: r.chapter,
            headings: &r.body.headings,
            footnotes: r.body.footnote_count,
            data: &r.used_tables,
        })
        .collect();
    crate::translation::check(content, &shapes, ds);
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
        match timings.stage("staging", || {
            output::Staging::begin(&out, &root.join("static"))
        }) {
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

/// A view of a heading for templates.
#[derive(Debug, Clone, Serialize)]
pub struct TocEntry {
    /// Level (2, 3, …).
    pub level: u8,
    /// Anchor.
    pub id: String,
    /// Text.
    pub text: String,
}

impl From<&Heading> for TocEntry {
    fn from(h: &Heading) -> Self {
        TocEntry {
            level: h.level,
            id: h.id.clone(),
            text: h.text.clone(),
        }
    }
}
