//! Full-text search: a Pagefind index written with the site, one per language (Pagefind splits
//! by `<html lang>`), queried in the browser by `static/search.js`.
//!
//! Only chapter articles are indexed (`data-pagefind-body`); charts are left out
//! (`data-pagefind-ignore`). Korean pages are given to the indexer with their stems marked
//! ([`crate::korean::mark_stems_in_html`]) so particle-free queries find inflected words.

use crate::diag::{Diagnostic, Pos};
use crate::output::OutFile;
use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;

/// Builds the search bundle (`pagefind/…`) from the site's pages.
pub fn index(files: &[OutFile]) -> Result<Vec<OutFile>, Diagnostic> {
    let failure = |what: String| {
        Diagnostic::error(
            "pagefind",
            Pos::START,
            format!("the search index could not be built: {what}"),
            "a working search indexer",
        )
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|e| failure(e.to_string()))?;
    runtime.block_on(async {
        let options = PagefindServiceConfig::builder().build();
        let mut index = PagefindIndex::new(Some(options)).map_err(|e| failure(e.to_string()))?;
        for f in files.iter().filter(|f| f.path.ends_with(".html")) {
            let html = String::from_utf8_lossy(&f.bytes);
            if !html.contains("data-pagefind-body") {
                continue;
            }
            let html = if html.contains("<html lang=\"ko\">") {
                crate::korean::mark_stems_in_html(&html)
            } else {
                html.into_owned()
            };
            index
                .add_html_file(Some(f.path.clone()), None, html)
                .await
                .map_err(|e| failure(format!("{}: {e}", f.path)))?;
        }
        let mut out: Vec<OutFile> = index
            .get_files()
            .await
            .map_err(|e| failure(e.to_string()))?
            .into_iter()
            .map(|s| {
                let name = s.filename.to_string_lossy().replace('\\', "/");
                let name = name.trim_start_matches("./").to_string();
                let path = if name.starts_with("pagefind/") {
                    name
                } else {
                    format!("pagefind/{name}")
                };
                OutFile {
                    path,
                    bytes: s.contents,
                }
            })
            .collect();
        out.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(out)
    })
}
