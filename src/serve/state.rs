//! What is being served: the files of the last good build, the errors of the latest one,
//! and how a build is published to the pages open in a browser (which of them to reload).

use crate::base::diag::{Diagnostic, Severity};
use crate::build;
use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, RwLock};
use std::time::Duration;
use tokio::sync::broadcast;

/// The site as currently served.
#[derive(Default)]
pub(super) struct Site {
    /// Files of the last good build, by path (`ko/market-size/index.html`).
    pub files: HashMap<String, Vec<u8>>,
    /// Errors of the latest build, if it failed (shown on every page).
    pub errors: Vec<String>,
    /// Warnings of the latest good build, as printed in the terminal.
    pub warnings: Vec<String>,
}

#[derive(Clone)]
pub(super) struct Shared {
    pub site: Arc<RwLock<Site>>,
    /// What changed: a JSON list of page paths (`["/ko/market-size/"]`), or `*`.
    pub reload: broadcast::Sender<String>,
}

/// Files by path, as served.
pub(super) type Files = HashMap<String, Vec<u8>>;

/// A full build: the files, its warnings and the snapshot for quick rebuilds, or the findings.
pub(super) type FullBuild = Result<(Files, Vec<String>, build::Snapshot), Vec<Diagnostic>>;

/// Builds the site into memory: files incl. static ones, and the snapshot for quick rebuilds.
pub(super) fn build_in_memory(root: &Path) -> FullBuild {
    let (files, found, snapshot) =
        build::generate_snapshot(root, &mut crate::base::timings::Timings::default(), true)
            .map_err(|ds| {
                ds.sorted()
                    .into_iter()
                    .map(|d| d.relative_to(root))
                    .collect::<Vec<_>>()
            })?;
    let statics = crate::site::output::static_files(&root.join("static"))
        .map_err(|d| vec![d.relative_to(root)])?;
    let mut map: HashMap<String, Vec<u8>> = statics
        .into_iter()
        .map(|(rel, bytes)| (rel.to_string_lossy().replace('\\', "/"), bytes))
        .collect();
    for f in files {
        map.insert(f.path, f.bytes);
    }
    let warnings = found
        .sorted()
        .into_iter()
        .filter(|d| d.severity == Severity::Warning)
        .map(|d| d.relative_to(root).to_string())
        .collect();
    Ok((map, warnings, snapshot))
}

/// The page path a file is served at: `ko/x/index.html` → `/ko/x/`.
pub(super) fn page_path(file: &str) -> String {
    format!("/{}", file.strip_suffix("index.html").unwrap_or(file))
}

/// What to tell open pages about a change from `old` to `new`: the paths of the pages that
/// differ, or `*` when a shared file (style, script, font) did. The search index is not a page.
pub(super) fn changes(old: &HashMap<String, Vec<u8>>, new: &HashMap<String, Vec<u8>>) -> String {
    let mut paths: Vec<String> = Vec::new();
    let keys = old
        .keys()
        .chain(new.keys().filter(|k| !old.contains_key(*k)));
    for k in keys {
        if old.get(k) == new.get(k) || k.starts_with("pagefind/") {
            continue;
        }
        if !k.ends_with(".html") && !k.ends_with(".svg") && !k.ends_with(".csv") {
            return "*".into();
        }
        paths.push(page_path(k));
    }
    paths.sort();
    serde_json::to_string(&paths).unwrap_or_else(|_| "*".into())
}

/// Shows the errors on every page; open pages reload unless they show these errors already
/// (the quick path and the full build after it usually find the same).
pub(super) fn show_errors(shared: &Shared, ds: &[Diagnostic]) {
    let errors: Vec<String> = ds
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.to_string())
        .collect();
    let mut site = shared.site.write().unwrap_or_else(|e| e.into_inner());
    let news = site.errors != errors;
    site.errors = errors;
    drop(site);
    for d in ds {
        eprintln!("{d}");
    }
    eprintln!("folio: the build failed; still serving the last good site");
    if news {
        let _ = shared.reload.send("*".into());
    }
}

/// Publishes a full build; returns its snapshot for quick rebuilds.
pub(super) fn publish(
    shared: &Shared,
    result: FullBuild,
    took: Duration,
) -> Option<build::Snapshot> {
    match result {
        Ok((files, warnings, snapshot)) => {
            let mut site = shared.site.write().unwrap_or_else(|e| e.into_inner());
            // Warnings (a stale translation, an unused table) go to the terminal when they change.
            if warnings != site.warnings {
                for w in &warnings {
                    eprintln!("{w}");
                }
                site.warnings = warnings;
            }
            let message = if site.errors.is_empty() {
                changes(&site.files, &files)
            } else {
                "*".into()
            };
            site.files = files;
            site.errors.clear();
            drop(site);
            eprintln!("folio: rebuilt in {} ms", took.as_millis());
            if message != "[]" {
                let _ = shared.reload.send(message);
            }
            Some(snapshot)
        }
        Err(ds) => {
            show_errors(shared, &ds);
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn change_messages_name_the_pages_or_everything() {
        let map = |items: &[(&str, &str)]| -> HashMap<String, Vec<u8>> {
            items
                .iter()
                .map(|(k, v)| (k.to_string(), v.as_bytes().to_vec()))
                .collect()
        };
        let old = map(&[
            ("index.html", "a"),
            ("ko/x/index.html", "b"),
            ("pagefind/p.pf_meta", "1"),
        ]);
        let new = map(&[
            ("index.html", "a"),
            ("ko/x/index.html", "B"),
            ("ko/y/index.html", "new"),
            ("pagefind/p.pf_meta", "2"),
        ]);
        assert_eq!(changes(&old, &new), r#"["/ko/x/","/ko/y/"]"#);
        assert_eq!(changes(&old, &old), "[]");
        let styled = map(&[("index.html", "a"), ("style.css", "x")]);
        assert_eq!(changes(&old, &styled), "*");
    }
}
