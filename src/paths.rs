//! Paths derived from document symbols, and safe writing. A symbol such as
//! `A/RES/61/183` becomes a relative path of checked components; anything that could
//! reach outside the output directory (`..`, absolute paths, odd characters) is
//! refused. Files are written to a temporary name and renamed into place.

use anyhow::{bail, Context};
use std::path::{Path, PathBuf};

/// The path components of a symbol, refusing any that could escape a directory.
pub fn symbol_components(symbol: &str) -> anyhow::Result<Vec<&str>> {
    if symbol.is_empty() || symbol.starts_with('/') || symbol.contains('\\') {
        bail!("symbol {symbol:?} cannot be used as a path");
    }
    let parts: Vec<&str> = symbol.split('/').collect();
    for part in &parts {
        let ok = !part.is_empty()
            && *part != "."
            && *part != ".."
            && part.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '(' | ')' | '_'));
        if !ok {
            bail!("symbol {symbol:?} has a component {part:?} that cannot be used as a path");
        }
    }
    Ok(parts)
}

/// `content/A/RES/61/183.md` for symbol `A/RES/61/183` under `root`.
pub fn source_path(root: &Path, symbol: &str) -> anyhow::Result<PathBuf> {
    let parts = symbol_components(symbol)?;
    let mut path = root.to_path_buf();
    for part in &parts[..parts.len() - 1] {
        path.push(part);
    }
    path.push(format!("{}.md", parts[parts.len() - 1]));
    Ok(path)
}

/// Writes `bytes` to `path` through a temporary file in the same directory.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create directory {}", dir.display()))?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = dir.join(format!(".{name}.tmp{}", std::process::id()));
    std::fs::write(&tmp, bytes).with_context(|| format!("cannot write {}", tmp.display()))?;
    std::fs::rename(&tmp, path).with_context(|| format!("cannot move {} into place", path.display()))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symbols_become_safe_paths() {
        assert_eq!(
            source_path(Path::new("content"), "A/RES/61/183").unwrap(),
            PathBuf::from("content/A/RES/61/183.md")
        );
        assert_eq!(source_path(Path::new("c"), "S/RES/1540(2004)").unwrap(), PathBuf::from("c/S/RES/1540(2004).md"));
        for bad in ["../etc/passwd", "/abs", "A/../../x", "A//B", "A/RES/a b", ""] {
            assert!(source_path(Path::new("c"), bad).is_err(), "{bad}");
        }
    }
}
