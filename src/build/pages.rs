//! Rendering the planned pages in parallel through the templates, each written into the
//! staging output as soon as it is rendered (when building into one), and what went wrong
//! grouped: one report per template error and per write failure, with a count of the pages it
//! also broke.

use crate::base::OutFile;
use crate::base::diag::{Diagnostic, Diagnostics};
use crate::site::output::Staging;
use crate::site::pages::Page;
use crate::site::templates::Templates;
use rayon::prelude::*;

/// The pages rendered.
pub(super) struct Rendered {
    /// The pages still needed in memory, with their language: every page when built in memory;
    /// with a staging output, only the HTML pages the search indexer is still to read.
    pub kept: Vec<(Option<String>, OutFile)>,
    /// HTML pages made (written or not).
    pub count: usize,
}

/// One page, rendered (and, when built into a staging output, written).
struct Outcome {
    /// The page as rendered, when it is still needed in memory; the template error if any.
    rendered: Result<Option<OutFile>, Diagnostic>,
    /// Why the page could not be written, if it could not.
    unwritten: Option<Diagnostic>,
    url: String,
    lang: Option<String>,
    html: bool,
}

/// Renders `pages`; `keep_html`: keep HTML pages in memory after writing them (for the search
/// index). Each page's context (a copy of its text) is dropped as soon as it is rendered.
pub(super) fn render(
    templates: &Templates,
    pages: Vec<Page>,
    staging: Option<&Staging>,
    keep_html: bool,
    ds: &mut Diagnostics,
) -> Rendered {
    let outcomes: Vec<Outcome> = pages
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
                        (keep_html && html).then_some(f)
                    }
                    None => Some(f),
                });
            Outcome {
                rendered,
                unwritten,
                url: p.url,
                lang: p.lang,
                html,
            }
        })
        .collect();
    let mut kept = Vec::new();
    let mut count = 0;
    // Template errors, each with the page it broke.
    let mut render_errors: Vec<(Diagnostic, String)> = Vec::new();
    // A full disk fails every page alike.
    let mut unwritten: Vec<Diagnostic> = Vec::new();
    for o in outcomes {
        count += usize::from(o.html);
        unwritten.extend(o.unwritten);
        match o.rendered {
            Ok(f) => kept.extend(f.map(|f| (o.lang, f))),
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
    Rendered { kept, count }
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
