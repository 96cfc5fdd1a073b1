//! The content directory: every `.md` file under it is one resolution in structured
//! Markdown (except annotation files, `*.notes.md`: see `annotate`). Files are read in a stable order, loaded with `markdown::load`, and
//! checked for duplicate symbols and symbols that cannot be a path.
//!
//! **In**: the content directory. **Out**: [`Source`]s sorted by [`symbol_sort_key`],
//! or one error listing every broken file as `content/A/RES/61/183.md:12: cause`.

use crate::model::Resolution;
use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// One resolution and the Markdown it was loaded from.
#[derive(Debug, Clone)]
pub struct Source {
    /// Path relative to the content directory, e.g. `A/RES/61/183.md`.
    pub path: PathBuf,
    /// Path as shown in messages, e.g. `content/A/RES/61/183.md`.
    pub display: String,
    /// The file it was loaded from. Its text is not kept in memory (a collection's
    /// Markdown is as large as its models): [`Source::markdown`] reads it again.
    pub file: PathBuf,
    /// A hash of the text loaded, to tell that the file still holds it.
    pub digest: u64,
    pub resolution: Resolution,
}

impl Source {
    /// The Markdown text the resolution was loaded from (copied to the site as
    /// `index.md`, shown highlighted on its source page), read again from its file;
    /// an error if the file changed since it was loaded.
    pub fn markdown(&self) -> anyhow::Result<String> {
        let text =
            std::fs::read_to_string(&self.file).map_err(|e| anyhow::anyhow!("{}: cannot read: {e}", self.display))?;
        if digest(&text) != self.digest {
            anyhow::bail!("{}: the file changed while the site was being built; build again", self.display);
        }
        Ok(text)
    }
}

/// The hash of a Markdown text kept in [`Source::digest`].
pub fn digest(markdown: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    markdown.hash(&mut h);
    h.finish()
}

/// Loads every Markdown file under `dir`; `shown` is `dir` as messages show it.
pub fn load_dir(dir: &Path, shown: &Path) -> anyhow::Result<Vec<Source>> {
    let files = markdown_files(dir, shown)?;
    let loaded: Vec<Result<Source, String>> = std::thread::scope(|scope| {
        use rayon::prelude::*;
        scope.spawn(|| prefetch(dir, &files));
        files.par_iter().map(|rel| load_file(dir, shown, rel)).collect()
    });
    let mut errors = Vec::new();
    let mut sources = Vec::new();
    for result in loaded {
        match result {
            Ok(s) => sources.push(s),
            Err(e) => errors.push(e),
        }
    }
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    for s in &sources {
        if let Some(first) = seen.insert(s.resolution.meta.symbol.clone(), s.display.clone()) {
            errors.push(format!(
                "{}:1: symbol {} is also the symbol of {first}; each resolution needs its own symbol",
                s.display, s.resolution.meta.symbol
            ));
        }
    }
    if !errors.is_empty() {
        let n = errors.len();
        anyhow::bail!("{}\n{n} file{} could not be loaded", errors.join("\n"), if n == 1 { "" } else { "s" });
    }
    sources.sort_by_cached_key(|s| (symbol_sort_key(&s.resolution.meta.symbol), s.resolution.meta.symbol.clone()));
    Ok(sources)
}

/// Asks the kernel to start reading `files` (under `dir`) into its cache, all at
/// once (Linux: `posix_fadvise` WILLNEED), so that files not in the cache are read
/// while others are parsed instead of each parser waiting for its own file.
fn prefetch(dir: &Path, files: &[PathBuf]) {
    #[cfg(target_os = "linux")]
    for rel in files {
        if let Ok(file) = std::fs::File::open(dir.join(rel)) {
            // Only advice: reading the file later reports any error.
            let _ = rustix::fs::fadvise(&file, 0, None, rustix::fs::Advice::WillNeed);
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = (dir, files);
}

/// The `.md` files under `dir` (hidden ones skipped), relative to it, in a stable order.
pub fn markdown_files(dir: &Path, shown: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name().follow_links(true) {
        let entry = entry.map_err(|e| anyhow::anyhow!("{}: {e}", shown.display()))?;
        let hidden = entry.depth() > 0 && entry.file_name().to_string_lossy().starts_with('.');
        if hidden || !entry.file_type().is_file() || entry.path().extension() != Some(std::ffi::OsStr::new("md")) {
            continue;
        }
        if crate::annotate::is_notes_file(entry.path()) {
            continue;
        }
        files.push(entry.path().strip_prefix(dir).unwrap_or(entry.path()).to_path_buf());
    }
    Ok(files)
}

pub(crate) fn load_file(dir: &Path, shown: &Path, rel: &Path) -> Result<Source, String> {
    let display = shown.join(rel).display().to_string();
    let file = dir.join(rel);
    let bytes = std::fs::read(&file).map_err(|e| format!("{display}: cannot read: {e}"))?;
    let markdown = String::from_utf8(bytes).map_err(|e| {
        let before = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        format!("{display}:{line}: not UTF-8 text; save the file as UTF-8")
    })?;
    let resolution = crate::markdown::load(&markdown).map_err(|e| {
        let col = e.column.map(|c| format!("{c}:")).unwrap_or_default();
        format!("{display}:{}:{col} {}", e.line, e.message)
    })?;
    let symbol = &resolution.meta.symbol;
    crate::paths::symbol_components(symbol).map_err(|e| format!("{display}:2: {e}"))?;
    Ok(Source { path: rel.to_path_buf(), display, file, digest: digest(&markdown), resolution })
}

/// A key that sorts symbols naturally: `A/RES/80/2` before `A/RES/80/10`, numbers
/// before letters within a component.
pub fn symbol_sort_key(symbol: &str) -> Vec<(u8, u64, String)> {
    let mut key = Vec::new();
    for part in symbol.split(['/', '(', ')', '.', '-', ' ']) {
        let digits: String = part.chars().take_while(|c| c.is_ascii_digit()).collect();
        if !digits.is_empty() && digits.len() <= 18 {
            key.push((0, digits.parse().unwrap_or(0), part[digits.len()..].to_string()));
        } else {
            key.push((1, 0, part.to_string()));
        }
    }
    key
}

/// Natural order of symbols, with the plain string as tie-breaker.
pub fn compare_symbols(a: &str, b: &str) -> Ordering {
    symbol_sort_key(a).cmp(&symbol_sort_key(b)).then_with(|| a.cmp(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn natural_symbol_order() {
        let mut v = vec!["A/RES/80/10", "A/RES/80/2", "A/RES/61/183", "A/RES/80/1", "S/RES/1540(2004)"];
        v.sort_by(|a, b| compare_symbols(a, b));
        assert_eq!(v, ["A/RES/61/183", "A/RES/80/1", "A/RES/80/2", "A/RES/80/10", "S/RES/1540(2004)"]);
    }

    #[test]
    fn the_markdown_is_read_again_and_must_be_what_was_loaded() {
        let dir = tempfile::tempdir().unwrap();
        let md = "+++\nsymbol = \"A/RES/1/1\"\nbody = \"General Assembly\"\nnumber = \"1/1\"\ntitle = \"T\"\n+++\n\n\
                  {#formula} *The General Assembly*,\n";
        std::fs::create_dir_all(dir.path().join("A/RES/1")).unwrap();
        std::fs::write(dir.path().join("A/RES/1/1.md"), md).unwrap();
        let source = load_file(dir.path(), Path::new("content"), Path::new("A/RES/1/1.md")).unwrap();
        assert_eq!(source.markdown().unwrap(), md);
        std::fs::write(dir.path().join("A/RES/1/1.md"), md.replace("*The", "*The whole")).unwrap();
        let e = source.markdown().unwrap_err().to_string();
        assert!(e.starts_with("content/A/RES/1/1.md: the file changed"), "{e}");
        std::fs::remove_file(dir.path().join("A/RES/1/1.md")).unwrap();
        assert!(source.markdown().unwrap_err().to_string().starts_with("content/A/RES/1/1.md: cannot read"));
    }
}
