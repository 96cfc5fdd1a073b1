//! `plenary serve`: the site served from memory on 127.0.0.1, rebuilt as its
//! files change, with pages that reload themselves.
//!
//! **In**: a site root and a port. **Out**: a running [`Server`]: an HTTP server
//! (`http`) over the files of an [`Incremental`] render, and a watcher thread
//! (`watch`) that refreshes the loaded site and renders again only what a change
//! affects. Each build that changes the site bumps a generation number; pages learn
//! of it through server-sent events (`/__plenary/events`) and reload, keeping their
//! scroll position. When a build fails, the error is shown as an overlay on every
//! page until a build succeeds; the server keeps running through any error.

mod http;
mod watch;

use crate::render::incremental::{Incremental, Update};
use crate::site::reload::{Loaded, Print};
use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

/// What the server shows: the site's files, or the last build's error over them.
#[derive(Debug, Default)]
pub struct Live {
    pub site: Incremental,
    /// The error of the last build, shown as an overlay; `None` after a good build.
    pub error: Option<String>,
    /// Bumped by every build that changed what is served.
    pub generation: u64,
    /// The generation in which each file last changed (or went).
    changed_in: HashMap<String, u64>,
    /// The generation in which the error (or its absence) last changed.
    error_since: u64,
}

impl Live {
    /// The generation in which what the page of file `key` shows last changed: its
    /// bytes or the error over it.
    pub fn version(&self, key: &str) -> u64 {
        self.changed_in.get(key).copied().unwrap_or(0).max(self.error_since)
    }
}

/// State shared by the HTTP and watcher threads.
#[derive(Debug)]
pub struct Shared {
    pub live: RwLock<Live>,
    /// The generation, for event streams to wait on.
    generations: tokio::sync::watch::Sender<u64>,
    stopping: AtomicBool,
}

impl Default for Shared {
    fn default() -> Self {
        Shared {
            live: RwLock::default(),
            generations: tokio::sync::watch::Sender::new(0),
            stopping: AtomicBool::new(false),
        }
    }
}

impl Shared {
    fn read(&self) -> std::sync::RwLockReadGuard<'_, Live> {
        self.live.read().unwrap_or_else(|e| e.into_inner())
    }

    fn write(&self) -> std::sync::RwLockWriteGuard<'_, Live> {
        self.live.write().unwrap_or_else(|e| e.into_inner())
    }

    fn publish(&self, generation: u64) {
        self.generations.send_replace(generation);
    }
}

/// A running server; stops when dropped.
pub struct Server {
    addr: SocketAddr,
    shared: Arc<Shared>,
    /// Runs the HTTP side; dropped (with every connection) when the server stops.
    runtime: Option<tokio::runtime::Runtime>,
    threads: Vec<std::thread::JoinHandle<()>>,
}

impl Server {
    /// Builds the site at `root` and serves it on 127.0.0.1:`port` (0: any free port).
    /// A site that does not build is served as the error overlay until it does.
    pub fn start(root: &Path, port: u16, log: bool) -> anyhow::Result<Server> {
        let shared = Arc::new(Shared::default());
        let mut builder = Builder { root: root.to_path_buf(), loaded: None, corpus: None, log };
        builder.rebuild(&shared, &[]);
        builder.discover(&shared);
        let listener = std::net::TcpListener::bind(("127.0.0.1", port))
            .map_err(|e| anyhow::anyhow!("cannot listen on 127.0.0.1:{port}: {e}"))?;
        let addr = listener.local_addr()?;
        listener.set_nonblocking(true)?;
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("plenary-http")
            .enable_io()
            .enable_time()
            .build()?;
        let listener = {
            let _context = runtime.enter();
            tokio::net::TcpListener::from_std(listener)?
        };
        runtime.spawn(http::serve(listener, shared.clone()));
        let watcher = watch::Watcher::new(root)?;
        let mut threads = Vec::new();
        {
            let shared = shared.clone();
            threads.push(std::thread::spawn(move || watcher.run(&shared, &mut builder)));
        }
        Ok(Server { addr, shared, runtime: Some(runtime), threads })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Runs until the process is stopped.
    pub fn wait(mut self) {
        for t in self.threads.drain(..) {
            let _ = t.join();
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.shared.stopping.store(true, Ordering::SeqCst);
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_timeout(Duration::from_secs(1));
        }
        for t in self.threads.drain(..) {
            let _ = t.join();
        }
    }
}

/// The most resolutions whose pages are shown before the rest of a rebuild.
const FIRST_AT_MOST: usize = 8;

/// Bumps the generation of what is served, and tells the event streams: the files
/// of `update` changed, and the error if `error_changed`.
fn publish(shared: &Shared, mut live: std::sync::RwLockWriteGuard<'_, Live>, update: &Update, error_changed: bool) {
    live.generation += 1;
    let generation = live.generation;
    for path in update.changed.iter().chain(&update.removed) {
        live.changed_in.insert(path.clone(), generation);
    }
    if error_changed {
        live.error_since = generation;
    }
    drop(live);
    shared.publish(generation);
}

/// Loads and renders the site, keeping what it can between builds.
struct Builder {
    root: PathBuf,
    loaded: Option<Loaded>,
    /// The links of the site last loaded, updated for what changed.
    corpus: Option<crate::link::Corpus>,
    log: bool,
}

impl Builder {
    /// Brings the served site up to date; `touched` are the files the watcher saw change.
    /// When only the texts of a few resolutions changed, their own pages are rendered
    /// and published first, and the pages that depend on them (comparisons, cited
    /// documents, the pages citing them) follow.
    fn rebuild(&mut self, shared: &Shared, touched: &[PathBuf]) {
        let start = Instant::now();
        let before: Vec<Print> = self.loaded.as_ref().map(|l| l.prints.clone()).unwrap_or_default();
        let loaded = match self.loaded.as_mut() {
            Some(l) => l.refresh(touched).map(|_| l),
            None => Loaded::load(&self.root).map(|l| self.loaded.insert(l)),
        };
        let loaded_in = start.elapsed();
        let mut linked_in = loaded_in;
        let mut previous = self.corpus.take();
        let mut corpus = None;
        let log = self.log;
        let result = loaded.and_then(|l| {
            let resolutions: Vec<&crate::model::Resolution> =
                l.site.resolutions.iter().map(|s| &s.resolution).collect();
            let prints: Vec<u64> = l.prints.iter().map(|p| p.text).collect();
            let linked = match previous.take() {
                Some(old) => old.update(&resolutions, &prints),
                None => crate::link::Corpus::with_prints(&resolutions, &prints),
            };
            linked_in = start.elapsed();
            let first = crate::site::reload::edited(&before, &l.prints);
            if !first.is_empty() && first.len() <= FIRST_AT_MOST {
                let rendered = shared.read().site.render_first(&l.site, &l.prints, &linked, &first);
                // An error here is the full render's to report.
                if let Ok(Some(pending)) = rendered {
                    let mut live = shared.write();
                    let update = live.site.commit(pending);
                    if live.error.is_none() && !update.changed.is_empty() {
                        publish(shared, live, &update, false);
                        if log {
                            eprintln!("{} shown in {:.1?}", update.rendered.join(", "), start.elapsed());
                        }
                    }
                }
            }
            let pending = shared.read().site.render_pages(&l.site, &l.prints, &linked);
            corpus = Some(linked);
            pending
        });
        self.corpus = corpus.or(previous);
        let mut live = shared.write();
        let mut update = Update::default();
        let error_changed;
        let (changed, summary) = match result {
            Ok(pending) => {
                update = live.site.commit(pending);
                error_changed = live.error.take().is_some();
                let changed = error_changed || !update.changed.is_empty() || !update.removed.is_empty();
                let summary = format!(
                    "rendered {} page{} ({} files changed, {} removed) in {:.1?} (loaded at {:.1?}, linked at {:.1?})",
                    update.rendered.len(),
                    if update.rendered.len() == 1 { "" } else { "s" },
                    update.changed.len(),
                    update.removed.len(),
                    start.elapsed(),
                    loaded_in,
                    linked_in
                );
                (changed, summary)
            }
            Err(e) => {
                let message = format!("{e:#}");
                error_changed = live.error.as_deref() != Some(message.as_str());
                live.error = Some(message.clone());
                (error_changed, format!("error: {message}"))
            }
        };
        if changed {
            publish(shared, live, &update, error_changed);
        } else {
            drop(live);
        }
        if self.log {
            eprintln!("{summary}");
        }
    }

    /// Makes the search index, feeds and sitemap again if an edit made them due.
    /// They are made from the whole site, which takes a while in a large one, so the
    /// watcher calls this once the files have been quiet for [`watch::DISCOVER_AFTER`]:
    /// the browser gets the edited page first.
    fn discover(&mut self, shared: &Shared) {
        let Some(l) = self.loaded.as_ref() else { return };
        if !shared.read().site.discovery_due() {
            return;
        }
        let start = Instant::now();
        let due = shared.read().site.discovery_files(&l.site);
        match due {
            Ok(files) => {
                let update = shared.write().site.apply_discovery(files);
                if self.log {
                    eprintln!(
                        "search index, feeds and sitemap: {} files changed in {:.1?}",
                        update.changed.len(),
                        start.elapsed()
                    );
                }
            }
            Err(e) => eprintln!("error: {e:#}"),
        }
    }
}
