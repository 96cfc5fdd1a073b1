//! The HTTP side of `plenary serve` (hyper on a small tokio runtime, every
//! connection its own task, so connections a browser keeps open never hold up a
//! new one): files of the rendered site by URL, the live-reload script injected
//! into HTML pages, the error overlay, and the event stream that tells pages to
//! reload.
//!
//! **In**: requests. **Out**: responses. URLs map to files as a static server maps
//! them: `/` and `/A/RES/61/183/` to their `index.html`; `/A/RES/61/183` redirects
//! to `/A/RES/61/183/` so relative links resolve; anything else missing gets
//! 404.html with status 404.

use super::Shared;
use hyper::body::{Bytes, Frame};
use hyper::{Method, Request, Response, StatusCode};
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::sync::mpsc;

/// The event stream pages listen to.
pub const EVENTS: &str = "/__plenary/events";
const LIVE_JS: &str = include_str!("live.js");
/// How often an idle event stream says it is still there.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// Accepts connections on `listener` and answers their requests until the runtime stops.
pub async fn serve(listener: tokio::net::TcpListener, shared: Arc<Shared>) {
    loop {
        let Ok((stream, _)) = listener.accept().await else { continue };
        let shared = shared.clone();
        tokio::spawn(async move {
            let service = hyper::service::service_fn(move |request| {
                let shared = shared.clone();
                async move { Ok::<_, std::convert::Infallible>(handle(&request, &shared)) }
            });
            // A connection the browser drops is no error of the server's.
            let _ = hyper::server::conn::http1::Builder::new()
                .serve_connection(hyper_util::rt::TokioIo::new(stream), service)
                .await;
        });
    }
}

fn handle(request: &Request<hyper::body::Incoming>, shared: &Arc<Shared>) -> Response<Body> {
    let path = request.uri().path();
    if !matches!(*request.method(), Method::GET | Method::HEAD) {
        return text(405, "only GET and HEAD are served");
    }
    if path == EVENTS {
        return events(request.uri().query(), shared);
    }
    match decode(path) {
        Some(key) => respond(&key, path, shared),
        None => text(400, "bad URL"),
    }
}

fn respond(key: &str, path: &str, shared: &Shared) -> Response<Body> {
    let live = shared.read();
    let files = &live.site.files;
    let key = if key.is_empty() || key.ends_with('/') { format!("{key}index.html") } else { key.to_string() };
    if let Some(bytes) = files.get(&key) {
        return file(&key, bytes, 200, &live);
    }
    if files.contains_key(&format!("{key}/index.html")) {
        let mut r = text(301, "moved");
        if let Ok(location) = hyper::header::HeaderValue::from_str(&format!("{path}/")) {
            r.headers_mut().insert(hyper::header::LOCATION, location);
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
fn file(key: &str, bytes: &[u8], status: u16, live: &super::Live) -> Response<Body> {
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
    response(status, kind, Body::Whole(Some(Bytes::from(body))))
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
/// ([`super::Live::version`]), sent when it changes. The stream is fed by a task of
/// its own, which ends when the browser closes the stream or the server stops.
fn events(query: Option<&str>, shared: &Arc<Shared>) -> Response<Body> {
    let page = query
        .and_then(|query| query.split('&').find_map(|kv| kv.strip_prefix("page=")))
        .and_then(|key| decode(&format!("/{key}")));
    let version = move |live: &super::Live| match &page {
        Some(key) => live.version(key),
        None => live.generation,
    };
    let (tx, rx) = mpsc::channel::<Bytes>(4);
    let mut generations = shared.generations.subscribe();
    let shared = shared.clone();
    tokio::spawn(async move {
        let mut sent = version(&shared.read());
        let mut message = format!("retry: 500\n\nevent: build\ndata: {sent}\n\n");
        loop {
            if tx.send(Bytes::from(message)).await.is_err() {
                return;
            }
            let changed = match tokio::time::timeout(KEEP_ALIVE, generations.changed()).await {
                Ok(Err(_)) => return, // the server stopped
                Ok(Ok(())) => {
                    generations.borrow_and_update();
                    let v = version(&shared.read());
                    std::mem::replace(&mut sent, v) != v
                }
                Err(_) => false,
            };
            message = if changed { format!("event: build\ndata: {sent}\n\n") } else { ": keep-alive\n\n".to_string() };
        }
    });
    let mut r = response(200, "text/event-stream", Body::Stream(rx));
    r.headers_mut().insert(hyper::header::ACCESS_CONTROL_ALLOW_ORIGIN, hyper::header::HeaderValue::from_static("*"));
    r
}

/// A response body: a whole file, or an event stream fed through a channel.
pub enum Body {
    Whole(Option<Bytes>),
    Stream(mpsc::Receiver<Bytes>),
}

impl hyper::body::Body for Body {
    type Data = Bytes;
    type Error = std::convert::Infallible;

    fn poll_frame(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
        match self.get_mut() {
            Body::Whole(bytes) => Poll::Ready(bytes.take().map(|b| Ok(Frame::data(b)))),
            Body::Stream(rx) => rx.poll_recv(cx).map(|b| b.map(|b| Ok(Frame::data(b)))),
        }
    }

    fn is_end_stream(&self) -> bool {
        matches!(self, Body::Whole(None))
    }

    fn size_hint(&self) -> hyper::body::SizeHint {
        match self {
            Body::Whole(Some(b)) => hyper::body::SizeHint::with_exact(b.len() as u64),
            Body::Whole(None) => hyper::body::SizeHint::with_exact(0),
            Body::Stream(_) => hyper::body::SizeHint::default(),
        }
    }
}

fn text(status: u16, body: &str) -> Response<Body> {
    response(status, "text/plain; charset=utf-8", Body::Whole(Some(Bytes::copy_from_slice(body.as_bytes()))))
}

fn response(status: u16, kind: &'static str, body: Body) -> Response<Body> {
    let mut r = Response::new(body);
    *r.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let headers = r.headers_mut();
    headers.insert(hyper::header::CONTENT_TYPE, hyper::header::HeaderValue::from_static(kind));
    headers.insert(hyper::header::CACHE_CONTROL, hyper::header::HeaderValue::from_static("no-store"));
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
