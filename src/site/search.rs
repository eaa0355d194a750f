//! Full-text search: a Pagefind index written with the site, one per language (Pagefind splits
//! by `<html lang>`), queried in the browser by `static/search.js`.
//!
//! Only chapter articles are indexed (`data-pagefind-body`); charts are left out
//! (`data-pagefind-ignore`). Korean pages are given to the indexer with their stems marked
//! ([`crate::lang::ko::mark_stems_in_html`]) so particle-free queries find inflected words.

use crate::base::OutFile;
use crate::base::diag::{Diagnostic, Pos};
use crate::lang::Lang;
use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;
use rayon::prelude::*;
use std::collections::BTreeMap;

/// Builds the search bundle (`pagefind/…`) from the site's pages, each with its language.
///
/// Pagefind indexes one page at a time, so each language gets an index of its own, built on a
/// thread of its own; the bundles are then merged (their shared files are identical, and the
/// entry file lists every language).
pub fn index(pages: &[(&str, &OutFile)]) -> Result<Vec<OutFile>, Diagnostic> {
    let mut by_lang: BTreeMap<&str, Vec<&OutFile>> = BTreeMap::new();
    for (lang, f) in pages.iter().filter(|(_, f)| f.path.ends_with(".html")) {
        let html = std::str::from_utf8(&f.bytes).unwrap_or("");
        if !html.contains("data-pagefind-body") {
            continue;
        }
        by_lang.entry(lang).or_default().push(f);
    }
    let bundles: Vec<Result<Vec<OutFile>, Diagnostic>> = std::thread::scope(|s| {
        let handles: Vec<_> = by_lang
            .iter()
            .map(|(lang, pages)| s.spawn(move || index_language(lang, pages)))
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err(failure("the indexer panicked".into())))
            })
            .collect()
    });
    let mut merged: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    let mut languages = serde_json::Map::new();
    let mut entry: Option<serde_json::Value> = None;
    for bundle in bundles {
        for f in bundle? {
            if f.path == ENTRY {
                let mut value: serde_json::Value = serde_json::from_slice(&f.bytes)
                    .map_err(|e| failure(format!("{ENTRY}: {e}")))?;
                if let Some(serde_json::Value::Object(l)) =
                    value.get_mut("languages").map(std::mem::take)
                {
                    languages.extend(l);
                }
                entry = Some(value);
                continue;
            }
            match merged.get(&f.path) {
                Some(existing) if *existing != f.bytes => {
                    return Err(failure(format!("{} differs between languages", f.path)));
                }
                _ => {
                    merged.insert(f.path, f.bytes);
                }
            }
        }
    }
    if let Some(mut value) = entry {
        // Sorted by language code: the same file whatever order the threads finished in.
        let sorted: BTreeMap<_, _> = languages.into_iter().collect();
        value["languages"] = serde_json::to_value(sorted).map_err(|e| failure(e.to_string()))?;
        merged.insert(
            ENTRY.to_string(),
            serde_json::to_vec(&value).map_err(|e| failure(e.to_string()))?,
        );
    }
    Ok(merged
        .into_iter()
        .map(|(path, bytes)| OutFile { path, bytes })
        .collect())
}

/// A page as the indexer reads it: words split from their particles where the language does
/// that (Korean).
fn indexer_input(lang: &str, page: &OutFile) -> String {
    let html = String::from_utf8_lossy(&page.bytes);
    match Lang::of(lang).search_stems {
        Some(stems) => (stems.mark_html)(&html),
        None => html.into_owned(),
    }
}

const ENTRY: &str = "pagefind/pagefind-entry.json";

fn failure(what: String) -> Diagnostic {
    Diagnostic::error(
        "pagefind",
        Pos::START,
        format!("the search index could not be built: {what}"),
        "a working search indexer",
    )
}

/// The Pagefind bundle of one language's pages.
fn index_language(lang: &str, pages: &[&OutFile]) -> Result<Vec<OutFile>, Diagnostic> {
    // Pagefind takes one page at a time; the pages are made ready for it beforehand, in
    // parallel, so that marking the Korean stems does not queue behind the indexer.
    let prepared: Vec<String> = pages.par_iter().map(|f| indexer_input(lang, f)).collect();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|e| failure(e.to_string()))?;
    runtime.block_on(async {
        let options = PagefindServiceConfig::builder().build();
        let mut index = PagefindIndex::new(Some(options)).map_err(|e| failure(e.to_string()))?;
        for (f, html) in pages.iter().zip(prepared) {
            index
                .add_html_file(Some(f.path.clone()), None, html)
                .await
                .map_err(|e| failure(format!("{}: {e}", f.path)))?;
        }
        Ok(index
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
            .collect())
    })
}
