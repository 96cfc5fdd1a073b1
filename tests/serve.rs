//! `plenary serve` over loopback: a page is served with the live-reload script, an
//! edit shows up in the page and is announced on the event stream, a broken edit
//! shows the error overlay without stopping the server, and fixing it clears it.

mod build_support;

use plenary::serve::Server;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

/// GET `path`: (status, body).
fn get(addr: SocketAddr, path: &str) -> (u16, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(s, "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").unwrap();
    let mut raw = String::new();
    s.read_to_string(&mut raw).unwrap();
    let status = raw.split(' ').nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
    let body = raw.split_once("\r\n\r\n").map(|(_, b)| b.to_string()).unwrap_or_default();
    (status, body)
}

/// Polls `path` until `pred` holds on its body (at most 20 s).
fn wait_for(addr: SocketAddr, path: &str, what: &str, pred: impl Fn(&str) -> bool) -> String {
    let start = Instant::now();
    loop {
        let (_, body) = get(addr, path);
        if pred(&body) {
            return body;
        }
        assert!(start.elapsed() < Duration::from_secs(20), "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Reads the event stream until an `event: build` line's data: the generation.
fn next_generation(lines: &mut impl Iterator<Item = std::io::Result<String>>) -> u64 {
    let mut build = false;
    for line in lines {
        let line = line.unwrap();
        if line == "event: build" {
            build = true;
        } else if let (true, Some(n)) = (build, line.strip_prefix("data: ")) {
            return n.parse().unwrap();
        }
    }
    panic!("the event stream ended");
}

#[test]
fn serve_rebuilds_reloads_and_survives_errors() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    build_support::site(root, None, &[("content/A/RES/80/14.md", &build_support::bundled("A/RES/80/14.md"))]);
    build_support::site(root, None, &[("content/A/RES/80/13.md", &build_support::bundled("A/RES/80/13.md"))]);
    let server = Server::start(root, 0, false).unwrap();
    let addr = server.addr();
    assert!(addr.ip().is_loopback());

    let (status, page) = get(addr, "/A/RES/80/14/");
    assert_eq!(status, 200);
    assert!(page.contains("African Nuclear-Weapon-Free Zone Treaty"));
    assert!(page.contains("/__plenary/events"), "the live-reload script is injected");
    assert_eq!(get(addr, "/A/RES/80/14").0, 301);
    assert_eq!(get(addr, "/").0, 200);
    assert_eq!(get(addr, "/static/plenary.css").0, 200);
    assert_eq!(get(addr, "/no/such/page/").0, 404);
    assert_eq!(get(addr, "/../plenary.toml").0, 400);

    // The event stream announces the current generation, then each build.
    let mut events = TcpStream::connect(addr).unwrap();
    events.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    write!(events, "GET /__plenary/events HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
    let mut lines = BufReader::new(events).lines();
    let first = next_generation(&mut lines);

    let md = root.join("content/A/RES/80/14.md");
    let good = std::fs::read_to_string(&md).unwrap();
    std::fs::write(&md, good.replace("*Calls upon* African States", "*Calls upon* every African State")).unwrap();
    wait_for(addr, "/A/RES/80/14/", "the edit", |b| b.contains("every African State"));
    assert!(next_generation(&mut lines) > first, "the edit is announced");

    // A broken edit: the overlay names the file and line; the server keeps serving.
    std::fs::write(&md, good.replacen("{#op3}", "{#op3", 1)).unwrap();
    let body = wait_for(addr, "/A/RES/80/14/", "the error overlay", |b| b.contains("plenary-build-error"));
    assert!(body.contains("content/A/RES/80/14.md:"), "{body}");
    assert!(get(addr, "/A/RES/80/13/").1.contains("plenary-build-error"), "every page shows it");

    // Fixed: the overlay goes, the new text is there.
    std::fs::write(&md, good.replace("*Calls upon* African States", "*Calls upon* each African State")).unwrap();
    wait_for(addr, "/A/RES/80/14/", "the fix", |b| {
        b.contains("each African State") && !b.contains("plenary-build-error")
    });

    // A deleted resolution disappears.
    std::fs::remove_file(root.join("content/A/RES/80/13.md")).unwrap();
    let start = Instant::now();
    while get(addr, "/A/RES/80/13/").0 != 404 {
        assert!(start.elapsed() < Duration::from_secs(20), "timed out waiting for the deletion");
        std::thread::sleep(Duration::from_millis(50));
    }
    drop(server);
}

#[test]
fn built_files_have_no_live_reload() {
    let dir = tempfile::tempdir().unwrap();
    build_support::site(dir.path(), None, &[("content/A/RES/80/14.md", &build_support::bundled("A/RES/80/14.md"))]);
    let out = dir.path().join("public");
    build_support::build(dir.path(), &out).unwrap();
    for (path, bytes) in build_support::tree(&out) {
        assert!(!String::from_utf8_lossy(&bytes).contains("__plenary"), "{path}");
    }
}

/// Opens the event stream at `path`.
fn stream(addr: SocketAddr, path: &str) -> impl Iterator<Item = std::io::Result<String>> {
    let mut events = TcpStream::connect(addr).unwrap();
    events.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    write!(events, "GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
    BufReader::new(events).lines()
}

#[test]
fn a_page_hears_only_of_its_own_changes() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    for rel in ["A/RES/80/14.md", "A/RES/80/13.md"] {
        build_support::site(root, None, &[(&format!("content/{rel}"), &build_support::bundled(rel))]);
    }
    let server = Server::start(root, 0, false).unwrap();
    let addr = server.addr();
    let (_, page) = get(addr, "/A/RES/80/13/");
    assert!(page.contains("data-page=\"A/RES/80/13/index.html\""), "a page listens for its own file");
    let (_, missing) = get(addr, "/no/such/page/");
    assert!(!missing.contains("data-page="), "a missing page listens for every build");

    let mut fourteen = stream(addr, "/__plenary/events?page=A%2FRES%2F80%2F14%2Findex.html");
    let mut thirteen = stream(addr, "/__plenary/events?page=A%2FRES%2F80%2F13%2Findex.html");
    let before = next_generation(&mut fourteen);
    next_generation(&mut thirteen);

    // An edit of 80/14 is announced to its page, not to the page of 80/13 …
    let md = root.join("content/A/RES/80/14.md");
    let text = std::fs::read_to_string(&md).unwrap();
    std::fs::write(&md, text.replace("*Calls upon* African States", "*Calls upon* every African State")).unwrap();
    assert!(next_generation(&mut fourteen) > before);
    assert!(get(addr, "/A/RES/80/14/").1.contains("every African State"), "the page announced has the edit");

    // … whose stream next speaks of an edit of its own.
    let md = root.join("content/A/RES/80/13.md");
    let text = std::fs::read_to_string(&md).unwrap();
    let edited = text.replacen("{#op1} 1. ", "{#op1} 1. Once more, ", 1);
    assert_ne!(edited, text, "80/13 has an operative paragraph 1");
    std::fs::write(&md, edited).unwrap();
    next_generation(&mut thirteen);
    assert!(get(addr, "/A/RES/80/13/").1.contains("Once more,"), "the first event 80/13 hears is of its own edit");
    drop(server);
}

/// One GET on an open keep-alive connection: the status, once the whole body is read.
fn get_kept_alive(s: &mut TcpStream, path: &str) -> u16 {
    write!(s, "GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
    let mut reader = BufReader::new(s.try_clone().unwrap());
    let (mut status, mut length) = (0, 0);
    for line in (&mut reader).lines() {
        let line = line.unwrap();
        if status == 0 {
            status = line.split(' ').nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
        } else if let Some(n) = line.to_ascii_lowercase().strip_prefix("content-length: ") {
            length = n.trim().parse().unwrap();
        } else if line.is_empty() {
            break;
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).unwrap();
    status
}

/// A browser opens several connections at once and keeps them open after each
/// answer (and one of them for the event stream): each connection is answered,
/// however many others are open and idle.
#[test]
fn connections_kept_open_do_not_starve_new_ones() {
    let dir = tempfile::tempdir().unwrap();
    build_support::site(dir.path(), None, &[("content/A/RES/80/14.md", &build_support::bundled("A/RES/80/14.md"))]);
    let server = Server::start(dir.path(), 0, false).unwrap();
    let addr = server.addr();
    let _events: Vec<_> = (0..3).map(|_| stream(addr, "/__plenary/events")).collect();
    let mut kept_open = Vec::new();
    for round in 0..5 {
        let barrier = std::sync::Arc::new(std::sync::Barrier::new(8));
        let clients: Vec<_> = (0..8)
            .map(|_| {
                let barrier = barrier.clone();
                std::thread::spawn(move || {
                    barrier.wait();
                    let mut s = TcpStream::connect(addr).unwrap();
                    s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
                    let statuses =
                        [get_kept_alive(&mut s, "/A/RES/80/14/"), get_kept_alive(&mut s, "/static/plenary.js")];
                    (s, statuses)
                })
            })
            .collect();
        let open: Vec<_> = clients.into_iter().map(|c| c.join().expect("every connection is answered")).collect();
        assert!(open.iter().all(|(_, s)| s == &[200, 200]), "round {round}");
        kept_open.extend(open);
    }
    drop(server);
}
