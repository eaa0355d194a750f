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
//!
//! [`state`] holds what is served, [`watch`] follows the sources, [`http`] answers requests.
//!
//! May use: [`crate::build`] and everything it uses.

mod http;
mod state;
mod watch;

pub use http::resolve;

use state::{Shared, Site, build_in_memory, publish};
use std::path::Path;
use std::sync::{Arc, Mutex, RwLock};
use std::time::Instant;
use tokio::sync::broadcast;
use watch::Edits;

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
    let edits = Arc::new(Mutex::new(Edits {
        generation: 0,
        snapshot,
    }));
    watch::watch(root, shared.clone(), edits)?;
    http::run(shared, port, open)
}
