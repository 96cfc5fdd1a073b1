//! Live-reload latency of `plenary serve`: in a generated collection of N
//! resolutions (default 10,000), one resolution's Markdown is edited, and the time
//! is taken from the write to the moment the page, announced on its event stream
//! (as a browser showing it listens), is fetched with the new text (watcher,
//! refresh, incremental linking and rendering, HTTP); and to the moment every page
//! that depends on it is rendered too (the second build on the site's stream).
//!
//!     cargo bench --bench serve [-- N [EDITS]]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

fn get(addr: SocketAddr, path: &str) -> String {
    let mut s = TcpStream::connect(addr).expect("connect");
    write!(s, "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").expect("request");
    let mut raw = String::new();
    s.read_to_string(&mut raw).expect("response");
    raw
}

/// Opens the event stream at `path`; the function returned waits for its next build event.
fn stream(addr: SocketAddr, path: &str) -> anyhow::Result<impl FnMut() -> anyhow::Result<()>> {
    let mut events = TcpStream::connect(addr)?;
    events.set_read_timeout(Some(Duration::from_secs(30)))?;
    write!(events, "GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n")?;
    let mut lines = BufReader::new(events).lines();
    Ok(move || -> anyhow::Result<()> {
        for line in lines.by_ref() {
            if line? == "event: build" {
                return Ok(());
            }
        }
        anyhow::bail!("the event stream ended")
    })
}

fn report(what: &str, times: &mut [Duration]) {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{what}: median {:.1} ms, min {:.1} ms, max {:.1} ms",
        ms(times[times.len() / 2]),
        ms(times[0]),
        ms(times[times.len() - 1])
    );
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with("--")).collect();
    let n: usize = args.first().and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let edits: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(20);
    let dir = tempfile::tempdir()?;
    let root = dir.path().join("site");
    let repo = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("content");
    let templates: Vec<_> = plenary::site::content::load_dir(&repo, &repo)?.into_iter().map(|s| s.resolution).collect();
    plenary::generate::generate(&templates, n, &root, &|| {})?;
    let start = Instant::now();
    let server = plenary::serve::Server::start(&root, 0, std::env::var_os("PLENARY_SERVE_LOG").is_some())?;
    println!("{n} resolutions: first build (in memory) {:.2?}", start.elapsed());
    let addr = server.addr();
    let mut page_events = stream(addr, "/__plenary/events?page=A%2FRES%2F80%2F150%2Findex.html")?;
    let mut site_events = stream(addr, "/__plenary/events")?;
    page_events()?;
    site_events()?;
    let md = root.join("content/A/RES/80/150.md");
    let original = std::fs::read_to_string(&md)?;
    let (mut times, mut all_times) = (Vec::new(), Vec::new());
    for k in 0..edits {
        let marker = format!("edited{k}x");
        let text = original.replacen("{#op1} 1. ", &format!("{{#op1}} 1. {marker} "), 1);
        anyhow::ensure!(text != original, "no operative paragraph 1 to edit");
        std::thread::sleep(Duration::from_millis(100));
        let t0 = Instant::now();
        std::fs::write(&md, text)?;
        page_events()?;
        let page = get(addr, "/A/RES/80/150/");
        let elapsed = t0.elapsed();
        anyhow::ensure!(page.contains(&marker), "the page does not show the edit");
        times.push(elapsed);
        // The site's stream: the edited page first, then the pages depending on it.
        site_events()?;
        site_events()?;
        all_times.push(t0.elapsed());
    }
    report(&format!("edit → event → page with the edit, {edits} edits"), &mut times);
    report("edit → every dependent page rendered", &mut all_times);
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!("load average: {}", load.split(' ').take(3).collect::<Vec<_>>().join(" "));
    Ok(())
}
