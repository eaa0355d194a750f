//! `folio serve`: live preview for editors.
//!
//! The site is built in memory and served on 127.0.0.1 only. `content/`, `templates/` and
//! `static/` are watched (never the output); changes are debounced and the site rebuilt. When
//! the change is one chapter file, its page is re-rendered alone first (milliseconds, however
//! large the site) and shown; a full build follows and brings everything else up to date
//! (numbering, contents, print edition, search, cross-chapter checks). Open pages learn what
//! changed through a Server-Sent Events stream (`/_folio/events`): a list of changed page
//! paths, or `*` for everything, and a page reloads only when it is concerned. A broken edit
//! keeps the last good site on screen with the errors shown on top of the page (and in the
//! terminal); the next good save recovers. Reading files triggers nothing: notify's access
//! events are ignored, so serving can never cause a rebuild loop.

use crate::base::diag::{Diagnostic, Severity};
use crate::build;
use axum::Router;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use notify::{EventKind, RecursiveMode, Watcher};
use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};
use tokio::sync::broadcast;
use tokio_stream::StreamExt;
use tokio_stream::wrappers::BroadcastStream;

/// The site as currently served.
#[derive(Default)]
struct Site {
    /// Files of the last good build, by path (`ko/market-size/index.html`).
    files: HashMap<String, Vec<u8>>,
    /// Errors of the latest build, if it failed (shown on every page).
    errors: Vec<String>,
    /// Warnings of the latest good build, as printed in the terminal.
    warnings: Vec<String>,
}

#[derive(Clone)]
struct Shared {
    site: Arc<RwLock<Site>>,
    /// What changed: a JSON list of page paths (`["/ko/market-size/"]`), or `*`.
    reload: broadcast::Sender<String>,
}

/// What every served page gets: a script that reloads it when the site changes, and the style
/// of the error overlay. Both are external files so that the pages' Content-Security-Policy
/// (no inline script or style) holds in preview exactly as when published.
const LIVE_TAGS: &str = "<link rel=\"stylesheet\" href=\"/_folio/live.css\"><script src=\"/_folio/live.js\" defer></script>";
const LIVE_JS: &str =
    "new EventSource('/_folio/events').onmessage=function(){location.reload()};\n";
const LIVE_CSS: &str = "#folio\\:errors{position:fixed;inset:0 0 auto 0;z-index:9999;max-height:60vh;overflow:auto;background:#7a1010;color:#fff;font:14px/1.5 ui-monospace,monospace;padding:1rem 1.25rem;box-shadow:0 4px 18px rgba(0,0,0,.4)}\n#folio\\:errors ul{margin:.5rem 0 0;padding-left:1.2rem}\n";

/// Files by path, as served.
type Files = HashMap<String, Vec<u8>>;

/// A full build: the files, its warnings and the snapshot for quick rebuilds, or the findings.
type FullBuild = Result<(Files, Vec<String>, build::Snapshot), Vec<Diagnostic>>;

/// Builds the site into memory: files incl. static ones, and the snapshot for quick rebuilds.
fn build_in_memory(root: &Path) -> FullBuild {
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
fn page_path(file: &str) -> String {
    format!("/{}", file.strip_suffix("index.html").unwrap_or(file))
}

/// What to tell open pages about a change from `old` to `new`: the paths of the pages that
/// differ, or `*` when a shared file (style, script, font) did. The search index is not a page.
fn changes(old: &HashMap<String, Vec<u8>>, new: &HashMap<String, Vec<u8>>) -> String {
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
fn show_errors(shared: &Shared, ds: &[Diagnostic]) {
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
fn publish(shared: &Shared, result: FullBuild, took: Duration) -> Option<build::Snapshot> {
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

/// Edits seen so far, and the snapshot that quick rebuilds work on.
struct Edits {
    /// Bumped on every change: a full build that started before the latest change is stale.
    generation: u64,
    snapshot: Option<build::Snapshot>,
}

/// Runs full builds whenever kicked, on a thread of its own so that quick rebuilds never wait
/// for one. A build that an edit overtook is thrown away (the edit kicked another).
fn builder(
    root: std::path::PathBuf,
    shared: Shared,
    edits: Arc<std::sync::Mutex<Edits>>,
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

fn error_overlay(errors: &[String]) -> String {
    let items: String = errors
        .iter()
        .map(|e| format!("<li>{}</li>", crate::base::html::escape(e)))
        .collect();
    format!(
        "<div id=\"folio:errors\" role=\"alert\"><strong>folio: the build failed — showing the last good version</strong><ul>{items}</ul></div>"
    )
}

fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "svg" => "image/svg+xml",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "json" => "application/json",
        "pdf" => "application/pdf",
        "png" => "image/png",
        "wasm" => "application/wasm",
        _ => "application/octet-stream",
    }
}

/// Maps a request path to a file of the site; `None` for paths that try to leave it.
pub fn resolve(path: &str) -> Option<String> {
    let decoded = percent_decode(path)?;
    let mut parts = Vec::new();
    for seg in decoded.split('/') {
        match seg {
            "" | "." => {}
            ".." => return None,
            s if s.contains('\\') || s.contains('\0') => return None,
            s => parts.push(s),
        }
    }
    let mut file = parts.join("/");
    if decoded.ends_with('/') || file.is_empty() {
        if !file.is_empty() {
            file.push('/');
        }
        file.push_str("index.html");
    }
    Some(file)
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

async fn page(State(shared): State<Shared>, uri: Uri) -> Response {
    let Some(file) = resolve(uri.path()) else {
        return (
            StatusCode::FORBIDDEN,
            "folio serve: paths outside the site are refused",
        )
            .into_response();
    };
    let site = shared.site.read().unwrap_or_else(|e| e.into_inner());
    let (status, file, bytes) = match site.files.get(&file) {
        Some(b) => (StatusCode::OK, file, b.clone()),
        None => match site.files.get(&format!("{file}/index.html")) {
            // `/ko` → `/ko/`
            Some(_) => {
                let location = format!("{}/", uri.path());
                return (
                    StatusCode::MOVED_PERMANENTLY,
                    [(header::LOCATION, location)],
                )
                    .into_response();
            }
            None => (
                StatusCode::NOT_FOUND,
                "404.html".to_string(),
                site.files.get("404.html").cloned().unwrap_or_default(),
            ),
        },
    };
    let mut body = bytes;
    if file.ends_with(".html") {
        let mut html = String::from_utf8_lossy(&body).into_owned();
        let mut inject = String::from(LIVE_TAGS);
        if !site.errors.is_empty() {
            inject.push_str(&error_overlay(&site.errors));
        }
        match html.rfind("</body>") {
            Some(i) => html.insert_str(i, &inject),
            None => html.push_str(&inject),
        }
        body = html.into_bytes();
    }
    let mut response = (status, body).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(content_type(&file)),
    );
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

async fn events(
    State(shared): State<Shared>,
) -> Sse<impl tokio_stream::Stream<Item = Result<Event, std::convert::Infallible>>> {
    let stream = BroadcastStream::new(shared.reload.subscribe())
        .map(|m| Ok(Event::default().data(m.unwrap_or_else(|_| "*".into()))));
    Sse::new(stream).keep_alive(KeepAlive::default())
}

/// Whether a file-system event should trigger a rebuild: changes only, never reads.
fn is_change(kind: &EventKind) -> bool {
    matches!(
        kind,
        EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_)
    )
}

/// Serves the site at `root` on 127.0.0.1:`port` (0 picks a free port) until interrupted.
pub fn serve(root: &Path, port: u16, open: bool) -> Result<(), String> {
    let root = root
        .canonicalize()
        .map_err(|e| format!("{}: {e}", root.display()))?;
    let (reload, _) = broadcast::channel(16);
    let shared = Shared {
        site: Arc::new(RwLock::new(Site::default())),
        reload,
    };
    let started = Instant::now();
    let first = build_in_memory(&root);
    let snapshot = publish(&shared, first, started.elapsed());
    eprintln!("folio: first build in {} ms", started.elapsed().as_millis());
    let edits = Arc::new(std::sync::Mutex::new(Edits {
        generation: 0,
        snapshot,
    }));
    let kick = builder(root.clone(), shared.clone(), edits.clone());

    // Watch the sources; debounce bursts of events (an editor's save is several events).
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
    let watch_shared = shared.clone();
    let watch_root = root.clone();
    std::thread::spawn(move || {
        let _keep = watcher;
        while let Ok(first) = rx.recv() {
            let mut changed: Vec<std::path::PathBuf> = Vec::new();
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
            // Collect the rest of the burst (an editor's save is several events).
            while let Ok(e) = rx.recv_timeout(Duration::from_millis(60)) {
                note(e);
            }
            if changed.is_empty() {
                continue;
            }
            changed.sort();
            changed.dedup();
            // Temporary files an editor or a tool wrote and renamed away (`sed -i`, vim's
            // `4913`) are gone by now; a chapter edited in place is still there.
            let present: Vec<&std::path::PathBuf> =
                changed.iter().filter(|p| p.is_file()).collect();
            let gone_are_temporary = changed
                .iter()
                .all(|p| p.is_file() || p.extension().is_none());
            let mut e = edits.lock().unwrap_or_else(|e| e.into_inner());
            e.generation += 1;
            if let ([path], Some(snap), true) =
                (&present[..], e.snapshot.as_mut(), gone_are_temporary)
                && path.extension().is_some_and(|x| x == "md")
            {
                rebuild_one(&watch_root, snap, path, &watch_shared);
            }
            drop(e);
            if kick.send(()).is_err() {
                break;
            }
        }
    });

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    runtime.block_on(async move {
        let app = Router::new()
            .route("/_folio/events", axum::routing::get(events))
            .route(
                "/_folio/live.js",
                axum::routing::get(|| async {
                    (
                        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
                        LIVE_JS,
                    )
                }),
            )
            .route(
                "/_folio/live.css",
                axum::routing::get(|| async {
                    (
                        [(header::CONTENT_TYPE, "text/css; charset=utf-8")],
                        LIVE_CSS,
                    )
                }),
            )
            .fallback(page)
            .with_state(shared);
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", port))
            .await
            .map_err(|e| format!("cannot listen on 127.0.0.1:{port}: {e}"))?;
        let addr = listener.local_addr().map_err(|e| e.to_string())?;
        let url = format!("http://{addr}/");
        println!("folio: serving at {url} (Ctrl-C to stop)");
        if open {
            let _ = std::process::Command::new(if cfg!(target_os = "macos") {
                "open"
            } else {
                "xdg-open"
            })
            .arg(&url)
            .spawn();
        }
        axum::serve(listener, app).await.map_err(|e| e.to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_stay_inside_the_site() {
        assert_eq!(resolve("/").as_deref(), Some("index.html"));
        assert_eq!(resolve("/ko/").as_deref(), Some("ko/index.html"));
        assert_eq!(
            resolve("/ko/market-size/").as_deref(),
            Some("ko/market-size/index.html")
        );
        assert_eq!(resolve("/style.css").as_deref(), Some("style.css"));
        assert_eq!(resolve("/%EC%A4%91").as_deref(), Some("중"));
        assert_eq!(resolve("/../etc/passwd"), None);
        assert_eq!(resolve("/ko/%2e%2e/%2e%2e/secret"), None);
        assert_eq!(resolve("/a%5cb"), None);
        assert_eq!(resolve("/%zz"), None);
    }

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
