//! The site: its configuration (`plenary.toml`) and its content (the structured
//! Markdown under content/), loaded into models for the later stages.
//!
//! **In**: a site root directory. **Out**: a [`Site`] — the [`Config`] and every
//! resolution as a [`Source`] (model, and the file it came from, read again when its
//! Markdown is copied to the site), sorted by
//! symbol in natural order. Errors name the file and line (`content/A/RES/61/183.md:12: …`).

pub mod config;
pub mod content;
pub mod reload;

pub use config::{Config, Outputs};
pub use content::{symbol_sort_key, Source};

use anyhow::Context as _;
use std::path::{Path, PathBuf};

/// A site ready to render: where it lives, how it is configured, what it holds.
#[derive(Debug, Clone)]
pub struct Site {
    /// The site root (the directory holding plenary.toml, content/, templates/, static/).
    pub root: PathBuf,
    pub config: Config,
    /// Every resolution, sorted by [`symbol_sort_key`].
    pub resolutions: Vec<Source>,
    /// The editors' notes on them (`*.notes.md` beside the resolutions).
    pub annotations: crate::annotate::Annotations,
}

impl Site {
    /// Reads `root/plenary.toml` (defaults when absent) and every `.md` file under
    /// the content directory.
    pub fn load(root: &Path) -> anyhow::Result<Site> {
        let config = Config::load(root)?;
        let content = root.join(&config.content_dir);
        if !content.is_dir() {
            anyhow::bail!(
                "no content directory at {}: import resolutions with `plenary import FILES --out {}`, \
                 or start a site with `plenary init DIR`",
                display_path(root, &config.content_dir).display(),
                config.content_dir.display()
            );
        }
        let resolutions = content::load_dir(&content, &display_path(root, &config.content_dir))
            .with_context(|| "the content could not be loaded")?;
        let static_dir = Some(root.join("static")).filter(|p| p.is_dir());
        let annotations = crate::annotate::load(
            &content,
            &display_path(root, &config.content_dir),
            &resolutions,
            static_dir.as_deref(),
        )
        .with_context(|| "the annotations could not be loaded")?;
        Ok(Site { root: root.to_path_buf(), config, resolutions, annotations })
    }

    pub fn content_dir(&self) -> PathBuf {
        self.root.join(&self.config.content_dir)
    }

    /// The output directory the config names (may be overridden on the command line).
    pub fn output_dir(&self) -> PathBuf {
        self.root.join(&self.config.output_dir)
    }

    /// The site's own templates/ directory, if it has one.
    pub fn templates_dir(&self) -> Option<PathBuf> {
        Some(self.root.join("templates")).filter(|p| p.is_dir())
    }

    /// The site's own static/ directory, if it has one.
    pub fn static_dir(&self) -> Option<PathBuf> {
        Some(self.root.join("static")).filter(|p| p.is_dir())
    }
}

/// `rel` as the user would write it from the working directory: `content/…` when the
/// root is `.`, `root/content/…` otherwise.
pub fn display_path(root: &Path, rel: &Path) -> PathBuf {
    if root.as_os_str().is_empty() || root == Path::new(".") {
        rel.to_path_buf()
    } else {
        root.join(rel)
    }
}
