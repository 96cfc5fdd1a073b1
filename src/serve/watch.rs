//! Watching a site for changes (notify): plenary.toml and the root itself
//! non-recursively, content/, templates/ and static/ recursively (watched as soon
//! as they appear). Events are gathered until the files are quiet for a moment,
//! then the builder refreshes the site with the paths they named; once they have
//! been quiet for a second, the search index, feeds and sitemap follow.
//!
//! **In**: the site root. **Out**: calls to the builder after each burst of changes.

use super::{Builder, Shared};
use notify::{RecursiveMode, Watcher as _};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

/// How long the files must be quiet before a build starts.
const QUIET: Duration = Duration::from_millis(15);
/// The longest a burst of events may delay a build.
const MAX_DELAY: Duration = Duration::from_millis(250);
/// How long the files must be quiet after a build before the search index, feeds
/// and sitemap are made again.
pub const DISCOVER_AFTER: Duration = Duration::from_millis(1000);

pub struct Watcher {
    root: PathBuf,
    watcher: notify::RecommendedWatcher,
    events: Receiver<notify::Result<notify::Event>>,
    watched: BTreeSet<PathBuf>,
}

impl Watcher {
    pub fn new(root: &Path) -> anyhow::Result<Watcher> {
        let (tx, events) = channel();
        let mut watcher = notify::recommended_watcher(move |e| {
            let _ = tx.send(e);
        })
        .map_err(|e| anyhow::anyhow!("cannot watch {}: {e}", root.display()))?;
        watcher
            .watch(root, RecursiveMode::NonRecursive)
            .map_err(|e| anyhow::anyhow!("cannot watch {}: {e}", root.display()))?;
        let mut w = Watcher { root: root.to_path_buf(), watcher, events, watched: BTreeSet::new() };
        w.watch_dirs();
        Ok(w)
    }

    /// Watches content/ (as plenary.toml names it), templates/ and static/ if they exist.
    fn watch_dirs(&mut self) {
        let content = crate::site::Config::load(&self.root).map(|c| c.content_dir).unwrap_or_else(|_| "content".into());
        for dir in [content, PathBuf::from("templates"), PathBuf::from("static")] {
            let path = self.root.join(dir);
            if path.is_dir()
                && !self.watched.contains(&path)
                && self.watcher.watch(&path, RecursiveMode::Recursive).is_ok()
            {
                self.watched.insert(path);
            }
        }
        self.watched.retain(|p| p.is_dir());
    }

    /// Waits for changes and rebuilds, until the server stops.
    pub fn run(mut self, shared: &Shared, builder: &mut Builder) {
        let mut quiet_since = Instant::now();
        while !shared.stopping.load(Ordering::SeqCst) {
            let first = match self.events.recv_timeout(Duration::from_millis(200)) {
                Ok(e) => e,
                Err(RecvTimeoutError::Timeout) => {
                    if quiet_since.elapsed() >= DISCOVER_AFTER {
                        builder.discover(shared);
                    }
                    continue;
                }
                Err(RecvTimeoutError::Disconnected) => return,
            };
            let mut touched: BTreeSet<PathBuf> = BTreeSet::new();
            let mut relevant = collect(first, &mut touched);
            let start = Instant::now();
            while start.elapsed() < MAX_DELAY {
                match self.events.recv_timeout(QUIET) {
                    Ok(e) => relevant |= collect(e, &mut touched),
                    Err(_) => break,
                }
            }
            if relevant && !shared.stopping.load(Ordering::SeqCst) {
                self.watch_dirs();
                builder.rebuild(shared, &touched.into_iter().collect::<Vec<_>>());
                quiet_since = Instant::now();
            }
        }
    }
}

/// Adds the paths of an event; whether it may change the site (not a mere read).
fn collect(event: notify::Result<notify::Event>, touched: &mut BTreeSet<PathBuf>) -> bool {
    match event {
        Ok(e) if e.kind.is_access() => false,
        Ok(e) => {
            touched.extend(e.paths);
            true
        }
        // Lost events: rebuild anyway, the refresh compares every file.
        Err(_) => true,
    }
}
