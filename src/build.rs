//! The build: load → render chapters (parallel) → check links → render pages (parallel) →
//! write. A thin orchestrator; each stage lives in its own module.

use crate::content::{self, Chapter, Content};
use crate::diag::{Diagnostic, Diagnostics, Pos};
use crate::expand::{self, Expander, Numbering};
use crate::markdown::{self, Heading};
use crate::output::{self, OutFile};
use crate::source::LineIndex;
use crate::templates::Templates;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

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
}

/// One rendered chapter, before templating.
struct RenderedChapter<'a> {
    chapter: &'a Chapter,
    body: markdown::Rendered,
    captions: Vec<(String, String, usize, String)>,
    used_tables: Vec<String>,
    charts: Vec<(String, String)>,
}

/// Generates the whole site in memory. `Err` holds the diagnostics when any is an error.
pub fn generate(root: &Path) -> Result<(Vec<OutFile>, Diagnostics), Diagnostics> {
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
    let mut ds = Diagnostics::new();

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
        chapters.push(r);
    }
    check_anchors(&chapters, &mut ds);
    crate::numeric::check(&content, &mut ds);
    link_sections(&mut chapters);
    check_usage(&content, &chapters, &mut ds);

    // Pages.
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
    let outputs: Vec<Result<OutFile, Diagnostic>> = pages
        .par_iter()
        .map(|p| {
            templates
                .render(&p.template, &p.context)
                .map(|html| OutFile {
                    path: p.file.clone(),
                    bytes: html.into_bytes(),
                })
        })
        .collect();
    let mut files = data_files(&content, &chapters);
    // One report per template error, naming the pages it broke.
    let mut render_errors: Vec<(Diagnostic, Vec<&str>)> = Vec::new();
    for (o, page) in outputs.into_iter().zip(&pages) {
        match o {
            Ok(f) => files.push(f),
            Err(d) => match render_errors.iter_mut().find(|(e, _)| *e == d) {
                Some((_, urls)) => urls.push(&page.url),
                None => render_errors.push((d, vec![&page.url])),
            },
        }
    }
    for (mut d, urls) in render_errors {
        let more = match urls.len() {
            1 => String::new(),
            n => format!(" and {} other page(s)", n - 1),
        };
        d.message = format!("{} (while rendering `{}`{more})", d.message, urls[0]);
        ds.push(d);
    }
    if ds.error_count() == 0 {
        match crate::search::index(&files) {
            Ok(bundle) => files.extend(bundle),
            Err(d) => ds.push(d),
        }
    }
    if ds.error_count() > 0 {
        return Err(ds);
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok((files, ds))
}

/// CSV of every table shown and the standalone SVG of every chart drawn, per language.
fn data_files(content: &Content, chapters: &[RenderedChapter]) -> Vec<OutFile> {
    let default = content.config.default_language();
    let mut files: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    for r in chapters {
        let lang = &r.chapter.lang;
        for id in &r.used_tables {
            let t = &content.tables[id];
            files.insert(
                expand::csv_path(id, lang, default),
                crate::csv::csv(t, lang, &content.strings[lang]).into_bytes(),
            );
        }
        for (id, svg) in &r.charts {
            files.insert(
                expand::svg_path(id, lang),
                crate::chart::standalone(svg).into_bytes(),
            );
        }
    }
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
    let index = LineIndex::new(&c.source.text);
    let mut ds: Vec<Diagnostic> = body
        .findings
        .iter()
        .map(|f| {
            let pos = index.pos(c.body_offset + f.offset);
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
        let index = LineIndex::new(&r.chapter.source.text);
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
                    index.pos(r.chapter.body_offset + a.offset),
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

/// Marks each heading with its counterpart in the other languages (`data-alt-en="…"`) where
/// both versions of a chapter have the same sections, so the language switch can land on the
/// section the reader is in.
fn link_sections(chapters: &mut [RenderedChapter]) {
    let mut by_slug: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, r) in chapters.iter().enumerate() {
        by_slug.entry(r.chapter.slug.clone()).or_default().push(i);
    }
    for group in by_slug.values() {
        for &a in group {
            for &b in group {
                if a == b {
                    continue;
                }
                let (ha, hb) = (&chapters[a].body.headings, &chapters[b].body.headings);
                let same =
                    ha.len() == hb.len() && ha.iter().zip(hb).all(|(x, y)| x.level == y.level);
                if !same {
                    continue;
                }
                let other = chapters[b].chapter.lang.clone();
                let pairs: Vec<(String, String, u8)> = ha
                    .iter()
                    .zip(hb)
                    .map(|(x, y)| (x.id.clone(), y.id.clone(), x.level))
                    .collect();
                let html = &mut chapters[a].body.html;
                for (id, alt, level) in pairs {
                    let tag = format!("<h{level} id=\"{}\"", crate::markdown::escape_attr(&id));
                    let with = format!(
                        "{tag} data-alt-{other}=\"{}\"",
                        crate::markdown::escape_attr(&alt)
                    );
                    *html = html.replacen(&tag, &with, 1);
                }
            }
        }
    }
}

/// Builds (or, with `write == false`, checks) the site.
pub fn run(opts: &Options, write: bool) -> Report {
    let root = &opts.root;
    let result = generate(root);
    let (mut ds, files) = match result {
        Ok((files, ds)) => (ds, Some(files)),
        Err(ds) => (ds, None),
    };
    let failed_checks = ds.fails(opts.strict);
    let mut pages = 0;
    if let (Some(files), true, false) = (&files, write, failed_checks) {
        pages = files.iter().filter(|f| f.path.ends_with(".html")).count();
        let out = opts.out.clone().unwrap_or_else(|| root.join("public"));
        if let Err(d) = output::write_site(&out, files, &root.join("static")) {
            ds.push(d);
        }
    } else if let Some(files) = &files {
        pages = files.iter().filter(|f| f.path.ends_with(".html")).count();
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
