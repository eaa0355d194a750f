//! Watching the sources: debounced change events (never reads), the quick path for one edited
//! chapter, and full builds on a thread of their own that an edit can overtake.

use super::state::{Shared, build_in_memory, page_path, publish, show_errors};
use crate::base::diag::Diagnostic;
use crate::build;
use notify::{EventKind, RecursiveMode, Watcher};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Edits seen so far, and the snapshot that quick rebuilds work on.
pub(super) struct Edits {
    /// Bumped on every change: a full build that started before the latest change is stale.
    pub generation: u64,
    pub snapshot: Option<build::Snapshot>,
}

/// Runs full builds whenever kicked, on a thread of its own so that quick rebuilds never wait
/// for one. A build that an edit overtook is thrown away (the edit kicked another).
pub(super) fn builder(
    root: PathBuf,
    shared: Shared,
    edits: Arc<Mutex<Edits>>,
) -> std::sync::mpsc::Sender<()> {
    let (kick, kicked) = std::sync::mpsc::channel::<()>();
    std::thread::spawn(move || {
        while kicked.recv().is_ok() {
            while kicked.try_recv().is_ok() {}
            let generation = edits.lock().unwrap_or_else(|e| e.into_inner()).generation;
            let started = Instant::now();
            let result = build_in_memory(&root);
            let mut e = edits.lock().unwrap_or_else(|e| e.into_inner());
            if e.generation != generation {
                continue;
            }
            if let Some(snapshot) = publish(&shared, result, started.elapsed()) {
                e.snapshot = Some(snapshot);
            }
        }
    });
    kick
}

/// The quick path: one chapter file changed; its page is re-rendered and shown at once.
fn rebuild_one(root: &Path, snapshot: &mut build::Snapshot, path: &Path, shared: &Shared) -> bool {
    let started = Instant::now();
    let Some(result) = build::rebuild_chapter(snapshot, path) else {
        return false;
    };
    match result {
        Ok(files) => {
            let took = started.elapsed();
            let mut site = shared.site.write().unwrap_or_else(|e| e.into_inner());
            if !site.errors.is_empty() {
                // Other files may be broken too: let the full build decide.
                return false;
            }
            let mut pages: Vec<String> = Vec::new();
            for f in files {
                if site.files.get(&f.path) != Some(&f.bytes) {
                    pages.push(page_path(&f.path));
                    site.files.insert(f.path, f.bytes);
                }
            }
            drop(site);
            let shown: Vec<&str> = pages.iter().map(String::as_str).collect();
            eprintln!(
                "folio: {} re-rendered in {:.1} ms; full build follows",
                shown.join(", "),
                took.as_secs_f64() * 1000.0
            );
            pages.sort();
            if !pages.is_empty() {
                let _ = shared
                    .reload
                    .send(serde_json::to_string(&pages).unwrap_or_else(|_| "*".into()));
            }
            true
        }
        Err(ds) => {
            let ds: Vec<Diagnostic> = ds
                .sorted()
                .into_iter()
                .map(|d| d.relative_to(root))
                .collect();
            show_errors(shared, &ds);
            true
        }
    }
}

/// Whether a file-system event should trigger a rebuild: changes only, never reads.
fn is_change(kind: &EventKind) -> bool {
    matches!(
        kind,
        EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_)
    )
}

/// Watches `content/`, `templates/` and `static/` under `root` on a thread of its own: each
/// burst of changes (an editor's save is several events) re-renders an edited chapter at once
/// and kicks a full build.
pub(super) fn watch(root: PathBuf, shared: Shared, edits: Arc<Mutex<Edits>>) -> Result<(), String> {
    let kick = builder(root.clone(), shared.clone(), edits.clone());
    let (tx, rx) = std::sync::mpsc::channel::<notify::Result<notify::Event>>();
    let mut watcher =
        notify::recommended_watcher(tx).map_err(|e| format!("cannot watch files: {e}"))?;
    for dir in ["content", "templates", "static"] {
        let p = root.join(dir);
        if p.is_dir() {
            watcher
                .watch(&p, RecursiveMode::Recursive)
                .map_err(|e| format!("cannot watch {}: {e}", p.display()))?;
        }
    }
    std::thread::spawn(move || {
        let _keep = watcher;
        while let Ok(first) = rx.recv() {
            let mut changed: Vec<PathBuf> = Vec::new();
            let mut note = |e: notify::Result<notify::Event>| {
                if let Ok(e) = e
                    && is_change(&e.kind)
                {
                    // Editors' swap and backup files (`.x.md.swp`, `x.md~`) are not content.
                    changed.extend(e.paths.into_iter().filter(|p| {
                        p.file_name()
                            .is_some_and(|n| !crate::content::ignored(&n.to_string_lossy()))
                    }));
                }
            };
            note(first);
            // Collect the rest of the burst.
            while let Ok(e) = rx.recv_timeout(Duration::from_millis(60)) {
                note(e);
            }
            if changed.is_empty() {
                continue;
            }
            changed.sort();
            changed.dedup();
            let mut e = edits.lock().unwrap_or_else(|e| e.into_inner());
            e.generation += 1;
            if let (Some(path), Some(snap)) = (edited_chapter(&changed), e.snapshot.as_mut()) {
                rebuild_one(&root, snap, path, &shared);
            }
            drop(e);
            if kick.send(()).is_err() {
                break;
            }
        }
    });
    Ok(())
}

/// The one chapter a burst of changes edited, if that is all it did. Temporary files an editor
/// or a tool wrote and renamed away (`sed -i`, vim's `4913`) are gone by now; a chapter edited
/// in place is still there.
fn edited_chapter(changed: &[PathBuf]) -> Option<&PathBuf> {
    let present: Vec<&PathBuf> = changed.iter().filter(|p| p.is_file()).collect();
    let gone_are_temporary = changed
        .iter()
        .all(|p| p.is_file() || p.extension().is_none());
    match present[..] {
        [path] if gone_are_temporary && path.extension().is_some_and(|x| x == "md") => Some(path),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_do_not_rebuild() {
        use notify::event::{AccessKind, CreateKind, DataChange, ModifyKind};
        assert!(!is_change(&EventKind::Access(AccessKind::Any)));
        assert!(is_change(&EventKind::Modify(ModifyKind::Data(
            DataChange::Content
        ))));
        assert!(is_change(&EventKind::Create(CreateKind::File)));
    }
}
