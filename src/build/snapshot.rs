//! A successful build kept in memory (by `serve`), so that one edited chapter can be rendered
//! again on its own, with its page, in milliseconds — the same path a full build takes for it.

use super::pages;
use crate::base::OutFile;
use crate::base::diag::{Diagnostics, Severity};
use crate::content::Content;
use crate::render::shortcodes::Numbering;
use crate::render::{self, Book, RenderedChapter};
use crate::site::templates::Templates;
use std::collections::HashMap;
use std::path::Path;

/// A successful build's content, templates and rendered chapters.
pub struct Snapshot {
    content: Content,
    templates: Templates,
    starts: HashMap<(String, String), Numbering>,
    /// One per chapter of `content.chapters`, in the same order.
    chapters: Vec<RenderedChapter>,
}

impl Snapshot {
    pub(super) fn new(
        content: Content,
        templates: Templates,
        starts: HashMap<(String, String), Numbering>,
        chapters: Vec<RenderedChapter>,
    ) -> Self {
        Snapshot {
            starts,
            content,
            templates,
            chapters,
        }
    }
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
    let c = &snap.content.chapters[i];
    let start = snap.starts[&(c.lang.clone(), c.slug.clone())];
    let (fresh, found) = render::chapter::render(&snap.content, c, start);
    if found.iter().any(|d| d.severity == Severity::Error) {
        let mut ds = Diagnostics::new();
        ds.extend(found);
        return Some(Err(ds));
    }
    let url = snap.content.config.chapter_url(&c.lang, &c.slug);
    // The fresh rendering takes its place, and gives it back if its page cannot be rendered.
    let old = std::mem::replace(&mut snap.chapters[i], fresh);
    let book = Book {
        content: &snap.content,
        chapters: &snap.chapters,
    };
    let mut ds = Diagnostics::new();
    let planned = crate::site::pages::plan_only(&book, Some(&url));
    let rendered = pages::render(&snap.templates, planned, None, false, &mut ds);
    if ds.error_count() > 0 {
        snap.chapters[i] = old;
        return Some(Err(ds));
    }
    let mut files: Vec<OutFile> = rendered.kept.into_iter().map(|(_, f)| f).collect();
    let (c, r) = (&snap.content.chapters[i], &snap.chapters[i]);
    files.extend(render::data_files::files(
        &snap.content,
        std::iter::once((c, r)),
    ));
    Some(Ok(files))
}
