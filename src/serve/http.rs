//! The HTTP side: every file of the site from memory (pages with the live-reload script and,
//! after a failed build, the errors on top), the reload events, and request paths that cannot
//! leave the site.
//!
//! Only requests addressed to a loopback host are answered (`Host: 127.0.0.1`, `localhost` or
//! `[::1]`, with any port): a page of another site that resolves its own name to 127.0.0.1 (DNS
//! rebinding) gets 403, not the preview. Redirects are always to a path on the same origin.

use super::state::Shared;
use axum::Router;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::middleware::Next;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use tokio_stream::StreamExt;
use tokio_stream::wrappers::BroadcastStream;

/// What every served page gets: a script that reloads it when the site changes, and the style
/// of the error overlay. Both are external files so that the pages' Content-Security-Policy
/// (no inline script or style) holds in preview exactly as when published.
const LIVE_TAGS: &str = "<link rel=\"stylesheet\" href=\"/_folio/live.css\"><script src=\"/_folio/live.js\" defer></script>";
const LIVE_JS: &str =
    "new EventSource('/_folio/events').onmessage=function(){location.reload()};\n";
const LIVE_CSS: &str = "#folio\\:errors{position:fixed;inset:0 0 auto 0;z-index:9999;max-height:60vh;overflow:auto;background:#7a1010;color:#fff;font:14px/1.5 ui-monospace,monospace;padding:1rem 1.25rem;box-shadow:0 4px 18px rgba(0,0,0,.4)}\n#folio\\:errors ul{margin:.5rem 0 0;padding-left:1.2rem}\n";

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

/// Whether a `Host` header names this machine's loopback interface (any port): the only hosts
/// the preview answers.
pub fn loopback_host(host: &str) -> bool {
    let name = match host.strip_prefix('[') {
        // `[::1]` or `[::1]:1111`
        Some(rest) => match rest.split_once(']') {
            Some((inside, "")) => return inside == "::1",
            Some((inside, port)) => {
                return inside == "::1" && port.strip_prefix(':').is_some_and(valid_port);
            }
            None => return false,
        },
        None => match host.rsplit_once(':') {
            Some((name, port)) if valid_port(port) => name,
            Some(_) => return false,
            None => host,
        },
    };
    name == "127.0.0.1" || name.eq_ignore_ascii_case("localhost")
}

/// The digits of a port.
fn valid_port(port: &str) -> bool {
    (1..=5).contains(&port.len()) && port.bytes().all(|b| b.is_ascii_digit())
}

/// Refuses every request whose `Host` is not a loopback name (see the module documentation).
async fn only_loopback(request: Request, next: Next) -> Response {
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    if loopback_host(host) {
        next.run(request).await
    } else {
        (
            StatusCode::FORBIDDEN,
            "folio serve: only requests for 127.0.0.1, localhost or [::1] are answered",
        )
            .into_response()
    }
}

/// The path-absolute URL of the folder `file` of the site (`ko` → `/ko/`): one leading slash
/// whatever the request had (`//evil.example` would be another host), and percent-encoded.
pub fn folder_location(file: &str) -> String {
    let mut out = String::from("/");
    for b in file.trim_matches('/').bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=:@".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    if !out.ends_with('/') {
        out.push('/');
    }
    out
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
                let location = folder_location(&file);
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

/// Serves `shared` on 127.0.0.1:`port` until interrupted; opens it in a browser if `open`.
pub(super) fn run(shared: Shared, port: u16, open: bool) -> Result<(), String> {
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
            .layer(axum::middleware::from_fn(only_loopback))
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
    fn only_loopback_hosts_are_answered() {
        for ok in [
            "127.0.0.1",
            "127.0.0.1:1111",
            "localhost",
            "LocalHost:8080",
            "[::1]",
            "[::1]:1111",
        ] {
            assert!(loopback_host(ok), "{ok}");
        }
        for bad in [
            "",
            "evil.example",
            "evil.example:1111",
            "127.0.0.1.evil.example",
            "localhost.evil.example",
            "127.0.0.1:",
            "127.0.0.1:x",
            "127.0.0.1:1111:1",
            "[::1]x",
            "[::2]:1111",
            "localhost@evil.example",
            "0.0.0.0",
        ] {
            assert!(!loopback_host(bad), "{bad}");
        }
    }

    #[test]
    fn redirects_stay_on_the_same_origin() {
        assert_eq!(folder_location("ko"), "/ko/");
        assert_eq!(folder_location("/evil.example"), "/evil.example/");
        assert_eq!(folder_location("//evil.example/x"), "/evil.example/x/");
        assert_eq!(folder_location("중"), "/%EC%A4%91/");
        assert_eq!(folder_location("a b\\c"), "/a%20b%5Cc/");
    }
}
