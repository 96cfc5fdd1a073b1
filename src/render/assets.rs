//! Static assets: the built-in stylesheet and script (static/ at the repository
//! top, embedded in the binary), overridden file by file and added to by a site's
//! own static/ directory. All are written under `static/` in the output.
//!
//! **In**: the site's static/ directory, if any. **Out**: file name → bytes, sorted.

use std::collections::BTreeMap;
use std::path::Path;

pub const BUILTIN: &[(&str, &[u8])] = &[
    ("plenary.css", include_bytes!("../../static/plenary.css")),
    ("plenary.js", include_bytes!("../../static/plenary.js")),
    ("search.css", include_bytes!("../../static/search.css")),
    ("search.js", include_bytes!("../../static/search.js")),
    ("annotations.css", include_bytes!("../../static/annotations.css")),
    ("annotations.js", include_bytes!("../../static/annotations.js")),
];

/// Every asset by its path under static/ (`plenary.css`, `img/logo.svg`).
pub fn collect(dir: Option<&Path>, shown: &Path) -> anyhow::Result<BTreeMap<String, Vec<u8>>> {
    let mut out: BTreeMap<String, Vec<u8>> = BUILTIN.iter().map(|(n, b)| (n.to_string(), b.to_vec())).collect();
    if let Some(dir) = dir {
        for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
            let entry = entry.map_err(|e| anyhow::anyhow!("{}: {e}", shown.display()))?;
            let hidden = entry.depth() > 0 && entry.file_name().to_string_lossy().starts_with('.');
            if hidden || !entry.file_type().is_file() {
                continue;
            }
            let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
            let name = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
            let bytes = std::fs::read(entry.path())
                .map_err(|e| anyhow::anyhow!("{}: cannot read: {e}", shown.join(rel).display()))?;
            out.insert(name, bytes);
        }
    }
    Ok(out)
}
