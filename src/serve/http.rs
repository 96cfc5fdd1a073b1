//! The HTTP side of `plenary serve` (tiny_http, one thread per request): files of
//! the rendered site by URL, the live-reload script injected into HTML pages, the
//! error overlay, and the event stream that tells pages to reload.
//!
//! **In**: requests. **Out**: responses. URLs map to files as a static server maps
//! them: `/` and `/A/RES/61/183/` to their `index.html`; `/A/RES/61/183` redirects
//! to `/A/RES/61/183/` so relative links resolve; anything else missing gets
//! 404.html with status 404.

use super::Shared;
use std::io::Write;
use std::sync::atomic::Ordering;
use std::time::Duration;

/// The event stream pages listen to.
pub const EVENTS: &str = "/__plenary/events";
const LIVE_JS: &str = include_str!("live.js");

/// Answers requests until the server is unblocked.
pub fn serve(http: &tiny_http::Server, shared: &std::sync::Arc<Shared>) {
    loop {
        let request = match http.recv() {
            Ok(r) => r,
            Err(_) if shared.stopping.load(Ordering::SeqCst) => return,
            Err(_) => continue,
        };
        if shared.stopping.load(Ordering::SeqCst) {
            return;
        }
        let shared = shared.clone();
        std::thread::spawn(move || handle(request, &shared));
    }
}

fn handle(request: tiny_http::Request, shared: &Shared) {
    let url = request.url().to_string();
    let path = url.split(['?', '#']).next().unwrap_or("/");
    if !matches!(request.method(), tiny_http::Method::Get | tiny_http::Method::Head) {
        let _ = request.respond(text(405, "only GET and HEAD are served"));
        return;
    }
    if path == EVENTS {
        events(request, shared);
        return;
    }
    let response = match decode(path) {
        Some(key) => respond(&key, path, shared),
        None => text(400, "bad URL"),
    };
    let _ = request.respond(response);
}

type Response = tiny_http::Response<std::io::Cursor<Vec<u8>>>;

fn respond(key: &str, path: &str, shared: &Shared) -> Response {
    let live = shared.read();
    let files = &live.site.files;
    let key = if key.is_empty() || key.ends_with('/') { format!("{key}index.html") } else { key.to_string() };
    if let Some(bytes) = files.get(&key) {
        return file(&key, bytes, 200, &live);
    }
    if files.contains_key(&format!("{key}/index.html")) {
        let mut r = text(301, "moved");
        if let Ok(h) = tiny_http::Header::from_bytes("Location", format!("{path}/")) {
            r.add_header(h);
        }
        return r;
    }
    match files.get(crate::render::urls::NOT_FOUND) {
        Some(bytes) => file(crate::render::urls::NOT_FOUND, bytes, 404, &live),
        None if live.error.is_some() => {
            file("error.html", b"<!DOCTYPE html><title>Build failed</title><body></body>", 404, &live)
        }
        None => text(404, "not found"),
    }
}

/// A file of the site; HTML gets the live-reload script and, after a failed build, the error overlay.
/// A page found (status 200) listens for changes of its own file; any other for
/// every change (the page it stands for may appear).
fn file(key: &str, bytes: &[u8], status: u16, live: &super::Live) -> Response {
    let kind = content_type(key);
    let body = if kind.starts_with("text/html") {
        let html = String::from_utf8_lossy(bytes);
        let mut extra = if status == 200 {
            format!(
                "<script data-generation=\"{}\" data-page=\"{}\">{LIVE_JS}</script>\n",
                live.version(key),
                crate::render::html::escape(key)
            )
        } else {
            format!("<script data-generation=\"{}\">{LIVE_JS}</script>\n", live.generation)
        };
        if let Some(error) = &live.error {
            extra.push_str(&overlay(error));
        }
        match html.rfind("</body>") {
            Some(at) => format!("{}{extra}{}", &html[..at], &html[at..]).into_bytes(),
            None => format!("{html}{extra}").into_bytes(),
        }
    } else {
        bytes.to_vec()
    };
    with_headers(tiny_http::Response::from_data(body).with_status_code(status), kind)
}

/// The error overlay: the build error over the page, until a build succeeds.
pub fn overlay(error: &str) -> String {
    format!(
        "<div id=\"plenary-build-error\" role=\"alert\" style=\"position:fixed;inset:0;z-index:2147483647;\
         overflow:auto;margin:0;padding:2rem;background:rgba(25,25,25,.95);color:#fff;\
         font:14px/1.5 ui-monospace,monospace;white-space:pre-wrap\"><strong style=\"color:#ff8a80\">\
         Build failed</strong> — the page below is out of date; fix the error and save.\n\n{}</div>\n",
        crate::render::html::escape(error)
    )
}

/// The event stream: `event: build` with the generation, on connecting and after
/// every build that changed the site; a comment every 15 s keeps it open. With
/// `?page=KEY` (a file of the site), the version of that page instead
/// ([`super::Live::version`]), sent when it changes.
fn events(request: tiny_http::Request, shared: &Shared) {
    let page = request
        .url()
        .split_once('?')
        .and_then(|(_, query)| query.split('&').find_map(|kv| kv.strip_prefix("page=")))
        .and_then(|key| decode(&format!("/{key}")));
    let version = |live: &super::Live| match &page {
        Some(key) => live.version(key),
        None => live.generation,
    };
    let mut out = request.into_writer();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\n\
                Connection: keep-alive\r\nAccess-Control-Allow-Origin: *\r\n\r\nretry: 500\n\n";
    if out.write_all(head.as_bytes()).is_err() {
        return;
    }
    let (mut generation, mut sent) = {
        let live = shared.read();
        (live.generation, version(&live))
    };
    let mut message = format!("event: build\ndata: {sent}\n\n");
    loop {
        if out.write_all(message.as_bytes()).and_then(|_| out.flush()).is_err() {
            return;
        }
        let now = shared.wait(generation, Duration::from_secs(15));
        if shared.stopping.load(Ordering::SeqCst) {
            return;
        }
        let changed = now != generation && {
            generation = now;
            let v = version(&shared.read());
            std::mem::replace(&mut sent, v) != v
        };
        message = if changed { format!("event: build\ndata: {sent}\n\n") } else { ": keep-alive\n\n".to_string() };
    }
}

fn text(status: u16, body: &str) -> Response {
    with_headers(
        tiny_http::Response::from_data(body.as_bytes().to_vec()).with_status_code(status),
        "text/plain; charset=utf-8",
    )
}

fn with_headers(mut r: Response, kind: &str) -> Response {
    for (name, value) in [("Content-Type", kind), ("Cache-Control", "no-store")] {
        if let Ok(h) = tiny_http::Header::from_bytes(name, value) {
            r.add_header(h);
        }
    }
    r
}

/// The file key of a URL path (`/A/RES/61/183/` → `A/RES/61/183/`), percent-decoded;
/// `None` for paths that could leave the site.
pub fn decode(path: &str) -> Option<String> {
    let raw = path.strip_prefix('/')?.as_bytes();
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        if raw[i] == b'%' {
            let hex = std::str::from_utf8(raw.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(raw[i]);
            i += 1;
        }
    }
    let key = String::from_utf8(out).ok()?;
    let safe = key.split('/').all(|p| p != ".." && p != ".") && !key.contains('\\') && !key.contains("//");
    safe.then_some(key)
}

fn content_type(key: &str) -> &'static str {
    match key.rsplit_once('.').map(|(_, ext)| ext) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("json") => "application/json",
        Some("md") => "text/markdown; charset=utf-8",
        Some("txt") => "text/plain; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("gif") => "image/gif",
        Some("ico") => "image/x-icon",
        Some("woff2") => "font/woff2",
        Some("xml") => "application/xml",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_map_to_files() {
        assert_eq!(decode("/").as_deref(), Some(""));
        assert_eq!(decode("/A/RES/61/183/").as_deref(), Some("A/RES/61/183/"));
        assert_eq!(decode("/S/RES/1540%282004%29/").as_deref(), Some("S/RES/1540(2004)/"));
        assert_eq!(decode("/../etc/passwd"), None);
        assert_eq!(decode("/a/%2e%2e/b"), None);
        assert_eq!(decode("/%zz"), None);
        assert!(overlay("<x> & y").contains("&lt;x&gt; &amp; y"));
    }
}
