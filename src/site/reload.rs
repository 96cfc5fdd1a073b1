//! Keeping a loaded [`Site`] up to date with its content/ directory, for `plenary
//! serve`: only the Markdown files that changed are read and parsed again.
//!
//! **In**: a site root, then paths reported by the file watcher. **Out**: the same
//! [`Site`] value a fresh `Site::load` would give (same sources, same order), and
//! for each source a [`Print`] (fingerprints of its text and of its masthead) that
//! the incremental renderer compares to decide what to render again.
//!
//! A refresh walks content/ (metadata only), reads the files that are new, whose
//! size or modification time changed, or that the watcher named, and drops the
//! sources whose files are gone. Broken files are reported like a full load does
//! (`content/A/RES/61/183.md:12: …`) and are read again on the next refresh; the
//! rest of the changes are kept.

use super::content::{compare_symbols, load_file, Source};
use super::{display_path, Config, Site};
use std::collections::{BTreeSet, HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// Fingerprints of one source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Print {
    /// Of the whole Markdown text (everything its own pages show).
    pub text: u64,
    /// Of the masthead (everything listings and neighbours show of it).
    pub meta: u64,
}

/// The resolutions (indexes in site order) whose text alone changed between the
/// prints `before` and `after`; none if a masthead changed, or one was added or removed.
pub fn edited(before: &[Print], after: &[Print]) -> Vec<usize> {
    if before.len() != after.len() || before.iter().zip(after).any(|(b, a)| b.meta != a.meta) {
        return Vec::new();
    }
    before.iter().zip(after).enumerate().filter(|(_, (b, a))| b.text != a.text).map(|(i, _)| i).collect()
}

impl Print {
    pub fn of(source: &Source) -> Print {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        source.digest.hash(&mut h);
        source.display.hash(&mut h);
        let text = h.finish();
        let mut h = std::collections::hash_map::DefaultHasher::new();
        format!("{:?}", source.resolution.meta).hash(&mut h);
        Print { text, meta: h.finish() }
    }
}

/// A site and what is known about the files it was loaded from.
#[derive(Debug)]
pub struct Loaded {
    pub site: Site,
    /// `prints[i]` belongs to `site.resolutions[i]`.
    pub prints: Vec<Print>,
    /// Size and modification time of each loaded file, by path relative to content/.
    stamps: HashMap<PathBuf, (u64, Option<SystemTime>)>,
}

impl Loaded {
    /// Loads the site at `root` as `Site::load` does.
    pub fn load(root: &Path) -> anyhow::Result<Loaded> {
        let site = Site::load(root)?;
        let content = site.content_dir();
        let prints = site.resolutions.iter().map(Print::of).collect();
        let stamps = site.resolutions.iter().map(|s| (s.path.clone(), stamp(&content.join(&s.path)))).collect();
        Ok(Loaded { site, prints, stamps })
    }

    /// Brings the site up to date with content/; `touched` are files the watcher
    /// reported (absolute or relative to the working directory), read again even if
    /// their size and time look unchanged. A changed plenary.toml needs [`Loaded::load`].
    pub fn refresh(&mut self, touched: &[PathBuf]) -> anyhow::Result<()> {
        let config = Config::load(&self.site.root)?;
        if config != self.site.config {
            *self = Loaded::load(&self.site.root)?;
            return Ok(());
        }
        let dir = self.site.content_dir();
        let shown = display_path(&self.site.root, &self.site.config.content_dir);
        let dir_abs = std::fs::canonicalize(&dir).unwrap_or_else(|_| dir.clone());
        let forced: BTreeSet<PathBuf> = touched
            .iter()
            .filter_map(|p| {
                let p = p.canonicalize().unwrap_or_else(|_| absolute(p));
                p.strip_prefix(&dir_abs).ok().map(Path::to_path_buf)
            })
            .collect();
        // The watcher named only Markdown files (each present or deleted): look at those
        // alone. Anything else (a directory, nothing at all, a file outside content/)
        // walks the whole directory.
        let exact = !touched.is_empty()
            && forced.len() == touched.len()
            && forced.iter().all(|rel| {
                let path = dir.join(rel);
                rel.extension() == Some(std::ffi::OsStr::new("md"))
                    && !rel.components().any(|c| c.as_os_str().to_string_lossy().starts_with('.'))
                    && (path.is_file() || !path.exists())
            });
        let mut errors = Vec::new();
        let mut changed = false;
        if exact {
            for rel in &forced {
                changed |= self.reread(&dir, &shown, rel, &mut errors);
            }
        } else {
            let present = super::content::markdown_files(&dir, &shown)?;
            let present_set: HashSet<&std::ffi::OsStr> = present.iter().map(|p| p.as_os_str()).collect();
            self.stamps.retain(|p, _| present_set.contains(p.as_os_str()));
            let mut i = 0;
            while i < self.site.resolutions.len() {
                if present_set.contains(self.site.resolutions[i].path.as_os_str()) {
                    i += 1;
                } else {
                    self.site.resolutions.remove(i);
                    self.prints.remove(i);
                    changed = true;
                }
            }
            for rel in &present {
                if self.stamps.get(rel) != Some(&stamp(&dir.join(rel))) || forced.contains(rel) {
                    changed |= self.reread(&dir, &shown, rel, &mut errors);
                }
            }
        }
        if changed {
            errors.extend(duplicate_symbols(&self.site.resolutions));
        }
        if !errors.is_empty() {
            let n = errors.len();
            anyhow::bail!(
                "the content could not be loaded: {}\n{n} file{} could not be loaded",
                errors.join("\n"),
                if n == 1 { "" } else { "s" }
            );
        }
        Ok(())
    }

    /// Reads `rel` again: replaces, adds or (when the file is gone) removes its
    /// source. Whether the site changed; errors are added to `errors`.
    fn reread(&mut self, dir: &Path, shown: &Path, rel: &Path, errors: &mut Vec<String>) -> bool {
        let path = dir.join(rel);
        if !path.is_file() {
            self.stamps.remove(rel);
            return match self.position(rel) {
                Some(i) => {
                    self.site.resolutions.remove(i);
                    self.prints.remove(i);
                    true
                }
                None => false,
            };
        }
        let now = stamp(&path);
        match load_file(dir, shown, rel) {
            Ok(source) => {
                self.stamps.insert(rel.to_path_buf(), now);
                self.put(source);
                true
            }
            Err(e) => {
                // Read again next time, whatever its stamp.
                self.stamps.remove(rel);
                errors.push(e);
                false
            }
        }
    }

    fn position(&self, rel: &Path) -> Option<usize> {
        self.site.resolutions.iter().position(|s| s.path.as_os_str() == rel.as_os_str())
    }

    /// Puts `source` in its place in symbol order, replacing the one from the same file.
    fn put(&mut self, source: Source) {
        let print = Print::of(&source);
        if let Some(i) = self.position(&source.path) {
            if self.site.resolutions[i].resolution.meta.symbol == source.resolution.meta.symbol {
                self.site.resolutions[i] = source;
                self.prints[i] = print;
                return;
            }
            self.site.resolutions.remove(i);
            self.prints.remove(i);
        }
        let symbol = &source.resolution.meta.symbol;
        let at = self.site.resolutions.partition_point(|s| compare_symbols(&s.resolution.meta.symbol, symbol).is_lt());
        self.site.resolutions.insert(at, source);
        self.prints.insert(at, print);
    }
}

/// Two files with one symbol (neighbours in symbol order), as `load_dir` reports them.
fn duplicate_symbols(sources: &[Source]) -> Vec<String> {
    sources
        .windows(2)
        .filter(|w| w[0].resolution.meta.symbol == w[1].resolution.meta.symbol)
        .map(|w| {
            let (first, second) = if w[0].path <= w[1].path { (&w[0], &w[1]) } else { (&w[1], &w[0]) };
            format!(
                "{}:1: symbol {} is also the symbol of {}; each resolution needs its own symbol",
                second.display, second.resolution.meta.symbol, first.display
            )
        })
        .collect()
}

/// `path` made absolute against the working directory (for paths that no longer exist).
fn absolute(path: &Path) -> PathBuf {
    if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().map(|d| d.join(path)).unwrap_or_else(|_| path.to_path_buf())
    }
}

fn stamp(path: &Path) -> (u64, Option<SystemTime>) {
    match std::fs::metadata(path) {
        Ok(m) => (m.len(), m.modified().ok()),
        Err(_) => (u64::MAX, None),
    }
}
