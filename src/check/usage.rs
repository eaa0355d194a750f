//! Tables no chapter shows.

use crate::base::diag::{Diagnostic, Diagnostics, Pos};
use crate::render::Book;
use std::collections::HashSet;

/// A warning for every table that no chapter shows.
pub fn check(book: &Book, ds: &mut Diagnostics) {
    let used: HashSet<&str> = book
        .chapters
        .iter()
        .flat_map(|r| r.used_tables.iter().map(String::as_str))
        .collect();
    for (id, t) in &book.content.tables {
        if !used.contains(id.as_str()) {
            ds.push(Diagnostic::warning(
                &t.path,
                Pos::START,
                format!("table `{id}` is not used by any chapter"),
                format!("`{{{{ table(id=\"{id}\") }}}}` or `{{{{ chart(id=\"{id}\") }}}}` in a chapter, or delete the file"),
            ));
        }
    }
}
