//! `folio serve` end to end: a real server on a free port, a real file watcher, a raw HTTP
//! client (no extra dependencies) reading the page and the Server-Sent Events stream.

mod common;

use common::copy_dir;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Server {
    child: Child,
    addr: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(root: &Path) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(["serve", "--port", "0", "--root"])
        .arg(root)
        .stdout(Stdio::piped())
        // The terminal, kept in the site folder (not watched: only content/, templates/ and
        // static/ are).
        .stderr(std::fs::File::create(root.join("serve.log")).unwrap())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let url = line
        .trim()
        .strip_prefix("folio: serving at http://")
        .expect(&line)
        .to_string();
    let addr = url.split('/').next().unwrap().to_string();
    Server { child, addr }
}

/// (status, body) of a GET for the raw request path.
fn get(addr: &str, path: &str) -> (u16, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw).into_owned();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

struct Events(BufReader<TcpStream>);

impl Events {
    fn open(addr: &str) -> Events {
        let mut s = TcpStream::connect(addr).unwrap();
        write!(
            s,
            "GET /_folio/events HTTP/1.1\r\nHost: {addr}\r\nAccept: text/event-stream\r\n\r\n"
        )
        .unwrap();
        s.set_read_timeout(Some(Duration::from_millis(200)))
            .unwrap();
        let mut r = BufReader::new(s);
        // Skip the response head.
        let deadline = Instant::now() + Duration::from_secs(5);
        let mut line = String::new();
        while Instant::now() < deadline {
            line.clear();
            if r.read_line(&mut line).is_ok() && line == "\r\n" {
                break;
            }
        }
        Events(r)
    }

    /// Waits for the next change event; returns how long it took and what it says changed
    /// (a JSON list of page paths, or `*`).
    fn next(&mut self, within: Duration) -> Option<(Duration, String)> {
        let started = Instant::now();
        let mut line = String::new();
        while started.elapsed() < within {
            line.clear();
            if self.0.read_line(&mut line).is_ok()
                && let Some(data) = line.strip_prefix("data: ")
            {
                return Some((started.elapsed(), data.trim_end().to_string()));
            }
        }
        None
    }

    /// Reads events until one says `*`.
    fn until_everything(&mut self, within: Duration) -> bool {
        let started = Instant::now();
        while let Some((_, data)) = self.next(within.saturating_sub(started.elapsed())) {
            if data == "*" {
                return true;
            }
        }
        false
    }
}

fn edit(root: &Path, rel: &str, from: &str, to: &str) {
    let p = root.join(rel);
    let text = std::fs::read_to_string(&p).unwrap();
    assert!(text.contains(from), "{rel}: {from}");
    std::fs::write(&p, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn serve_rebuilds_reloads_shows_errors_and_recovers() {
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let site = tempfile::tempdir().unwrap();
    copy_dir(&repo.join("tests/fixtures/basic"), site.path());
    copy_dir(&repo.join("templates"), &site.path().join("templates"));
    copy_dir(&repo.join("static"), &site.path().join("static"));
    let server = start(site.path());
    let addr = server.addr.clone();

    // The site is there, with the reload script; only the site is served.
    let (status, body) = get(&addr, "/ko/intro/");
    assert_eq!(status, 200);
    assert!(body.contains("본문."));
    assert!(body.contains("<script src=\"/_folio/live.js\" defer></script>"));
    let (status, live) = get(&addr, "/_folio/live.js");
    assert_eq!(status, 200);
    assert!(live.contains("new EventSource('/_folio/events')"));
    assert_eq!(get(&addr, "/_folio/live.css").0, 200);
    // The injected tags keep the pages' Content-Security-Policy: no inline script or style.
    assert!(body.contains("Content-Security-Policy"));
    assert!(
        !body.contains("<script>") && !body.contains(" style=\""),
        "{body}"
    );
    assert_eq!(get(&addr, "/../Cargo.toml").0, 403);
    assert_eq!(get(&addr, "/ko/%2e%2e/%2e%2e/content/site.yaml").0, 403);
    assert_eq!(get(&addr, "/nowhere/").0, 404);
    assert_eq!(get(&addr, "/style.css").0, 200);

    let mut events = Events::open(&addr);
    // Reading files must not trigger rebuilds.
    for _ in 0..5 {
        get(&addr, "/ko/market/");
    }
    assert_eq!(
        events.next(Duration::from_millis(1500)),
        None,
        "reads caused a rebuild"
    );

    // A chapter edit: its page first, alone; then the full build updates the rest (the print
    // edition) without touching the page already shown.
    edit(
        site.path(),
        "content/chapters/01-intro.ko.md",
        "본문.",
        "본문이 바뀌었다.",
    );
    let (took, first) = events
        .next(Duration::from_secs(10))
        .expect("an event after the edit");
    eprintln!("save → reload event: {} ms", took.as_millis());
    assert_eq!(first, r#"["/ko/intro/"]"#);
    assert!(get(&addr, "/ko/intro/").1.contains("본문이 바뀌었다."));
    let (_, then) = events
        .next(Duration::from_secs(10))
        .expect("the full build's event");
    assert!(then.contains("\"/ko/print/\""), "{then}");
    assert!(
        !then.contains("\"/ko/intro/\""),
        "the quick page was already right: {then}"
    );
    assert!(get(&addr, "/ko/print/").1.contains("본문이 바뀌었다."));
    // The English translation is now out of date: the terminal says so.
    let log = std::fs::read_to_string(site.path().join("serve.log")).unwrap();
    assert!(
        log.contains("content/chapters/01-intro.en.md:")
            && log.contains("warning: the translation is out of date"),
        "{log}"
    );

    // A broken edit: the error is shown on the page, the last good site stays.
    edit(
        site.path(),
        "content/chapters/01-intro.ko.md",
        "title: 요약",
        "titel: 요약",
    );
    assert!(
        events.until_everything(Duration::from_secs(10)),
        "every page reloads to show the error"
    );
    let (status, body) = get(&addr, "/ko/intro/");
    assert_eq!(status, 200);
    assert!(body.contains("id=\"folio:errors\""), "error overlay");
    assert!(
        !body.contains(" style=\""),
        "overlay styled by /_folio/live.css"
    );
    assert!(
        body.contains("content/chapters/01-intro.ko.md:2:1: error: unknown field `titel`"),
        "{body}"
    );
    assert!(
        body.contains("본문이 바뀌었다."),
        "the last good page is still served"
    );

    // Fixing it recovers.
    edit(
        site.path(),
        "content/chapters/01-intro.ko.md",
        "titel: 요약",
        "title: 요약",
    );
    // (A build may have read the file half-written by this save and reported that first.)
    let started = Instant::now();
    let mut clean = false;
    while !clean && events.until_everything(Duration::from_secs(10)) {
        clean = !get(&addr, "/ko/intro/").1.contains("folio:errors");
        assert!(started.elapsed() < Duration::from_secs(20), "no recovery");
    }
    assert!(clean, "every page reloads without the errors after the fix");
    drop(server);
}

/// (status, response head) of a GET for `path` with the `Host` header `host`.
fn get_as(addr: &str, path: &str, host: &str) -> (u16, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw).into_owned();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let head = text
        .split_once("\r\n\r\n")
        .map_or(text.as_str(), |(h, _)| h);
    (status, head.to_string())
}

fn basic(root: &Path) {
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    copy_dir(&repo.join("tests/fixtures/basic"), root);
    copy_dir(&repo.join("templates"), &root.join("templates"));
    copy_dir(&repo.join("static"), &root.join("static"));
}

#[test]
fn serve_answers_only_loopback_hosts_and_redirects_on_its_own_origin() {
    let site = tempfile::tempdir().unwrap();
    basic(site.path());
    let server = start(site.path());
    let addr = server.addr.clone();
    let port = addr.rsplit(':').next().unwrap().to_string();
    for host in [
        addr.clone(),
        format!("localhost:{port}"),
        format!("[::1]:{port}"),
        "localhost".to_string(),
    ] {
        assert_eq!(get_as(&addr, "/ko/intro/", &host).0, 200, "{host}");
    }
    // DNS rebinding: a page of evil.example whose name now resolves to 127.0.0.1.
    for host in [
        "evil.example".to_string(),
        format!("evil.example:{port}"),
        format!("127.0.0.1.evil.example:{port}"),
    ] {
        for path in ["/ko/intro/", "/_folio/events", "/_folio/live.js", "/ko"] {
            let (status, _) = get_as(&addr, path, &host);
            assert_eq!(status, 403, "{host} {path}");
        }
    }
    // A folder without its slash is redirected to a path of this origin, never to `//host`.
    let (status, head) = get_as(&addr, "/ko", &addr);
    assert_eq!(status, 301);
    assert!(head.contains("\r\nlocation: /ko/"), "{head}");
    let (status, head) = get_as(&addr, "//ko", &addr);
    assert_eq!(status, 301);
    assert!(
        head.contains("\r\nlocation: /ko/\r\n") || head.ends_with("\r\nlocation: /ko/"),
        "{head}"
    );
    assert!(!head.contains("location: //"), "{head}");
    drop(server);

    // A static file linked out of the site is never served (the build refuses it).
    let site = tempfile::tempdir().unwrap();
    basic(site.path());
    std::os::unix::fs::symlink("/proc/self/environ", site.path().join("static/env.txt")).unwrap();
    let server = start(site.path());
    let (status, body) = get(&server.addr, "/env.txt");
    assert_ne!(status, 200, "{body}");
    assert!(!body.contains("PATH="), "{body}");
    let log = std::fs::read_to_string(site.path().join("serve.log")).unwrap();
    assert!(
        log.contains("static/env.txt:1:1: error: symbolic link to `/proc/self/environ`"),
        "{log}"
    );
}
