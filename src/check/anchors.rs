//! Every `#anchor` and chapter link must land on an id of its target page: headings, footnotes,
//! figures and tables.

use crate::base::diag::{Diagnostic, Diagnostics};
use crate::base::source::LineIndex;
use crate::render::Book;
use std::collections::{HashMap, HashSet};

/// Anchor findings of every chapter.
pub fn check(book: &Book, ds: &mut Diagnostics) {
    let ids: HashMap<String, HashSet<&str>> = book
        .iter()
        .map(|(c, r)| {
            let mut set: HashSet<&str> = r.body.ids.iter().map(String::as_str).collect();
            set.extend(r.captions.iter().map(|c| c.id.as_str()));
            (format!("{}/{}", c.lang, c.slug), set)
        })
        .collect();
    for (c, r) in book.iter() {
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
                    &c.source.path,
                    index
                        .get_or_init(|| LineIndex::new(&c.source.text))
                        .pos(c.body_offset + a.offset),
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
