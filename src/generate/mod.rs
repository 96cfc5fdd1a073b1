//! The corpus generator behind `plenary generate`: a realistic collection of N
//! resolutions derived from a handful of real ones, for benchmarks and load tests.
//!
//! **In**: template resolutions (the bundled content/) and a count. **Out**: a site
//! root with `plenary.toml` and `content/` holding N structured Markdown files.
//!
//! Resolution `i` copies template `i mod T` and gets its own symbol, number,
//! session, dates, title and job number (see [`derive`](mod@derive)): General Assembly sessions
//! 80, 79, … downwards, `per_session` resolutions each (300, or more when N needs
//! more than 80 sessions). Every resolution number the text cites
//! ("its resolutions 51/53 and 56/17") is rewritten to point at another generated
//! resolution, an earlier one when there is one, so that once citations are linked
//! the link graph and the backlinks are those of a real collection. Everything is
//! derived from `i` alone: the same N gives the same files, byte for byte.

pub mod derive;

use crate::model::Resolution;
use anyhow::{bail, Context as _};
use rayon::prelude::*;
use std::path::Path;

/// How many resolutions go into one session: 300 (about a real General Assembly
/// session), more when `count` would otherwise need sessions below the first.
pub fn per_session(count: usize) -> usize {
    count.div_ceil(80).max(300)
}

/// Generates `count` resolutions from `templates` into the site root `out`
/// (`out/plenary.toml`, `out/content/...`). `out` must be absent or empty.
/// Calls `progress` once per file written. Returns the bytes of Markdown written.
pub fn generate(
    templates: &[Resolution],
    count: usize,
    out: &Path,
    progress: &(dyn Fn() + Sync),
) -> anyhow::Result<u64> {
    if templates.is_empty() {
        bail!("no template resolutions to derive from");
    }
    if out.exists() && std::fs::read_dir(out).map(|mut d| d.next().is_some()).unwrap_or(true) {
        bail!("{} exists and is not empty; choose a new directory", out.display());
    }
    let content = out.join("content");
    std::fs::create_dir_all(&content).with_context(|| format!("cannot create {}", content.display()))?;
    std::fs::write(
        out.join(crate::site::config::FILE_NAME),
        format!("title = \"Generated collection of {count} resolutions\"\n"),
    )
    .with_context(|| format!("cannot write {}", out.join("plenary.toml").display()))?;
    // Templates that share a title (a series) are told apart, so titles stay distinct.
    let mut templates = templates.to_vec();
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for t in &mut templates {
        let n = seen.entry(t.meta.title.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            t.meta.title = format!("{} ({})", t.meta.title, derive::roman(*n));
        }
    }
    let plan = derive::Plan::new(count);
    let sizes: Vec<anyhow::Result<u64>> = (0..count)
        .into_par_iter()
        .map(|i| {
            let res = plan.derive(&templates[i % templates.len()], i);
            let markdown = crate::markdown::write(&res);
            let path = crate::paths::source_path(&content, &res.meta.symbol)?;
            // The generated file must load like any editor's file.
            crate::markdown::load(&markdown).map_err(|e| {
                anyhow::anyhow!("{}:{}: generated text does not load: {}", path.display(), e.line, e.message)
            })?;
            crate::paths::write_atomic(&path, markdown.as_bytes())?;
            progress();
            Ok(markdown.len() as u64)
        })
        .collect();
    sizes.into_iter().sum()
}
