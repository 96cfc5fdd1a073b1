//! The Tera templates: the built-in set embedded in the binary (templates/ at the
//! repository top), overridden file by file by a site's own templates/ directory,
//! compiled once per build.
//!
//! **In**: the site's templates/ directory, if any. **Out**: [`Templates`], which
//! renders a named template with a context. Errors name the template (and the file
//! it came from) and carry Tera's whole error chain.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use tera::Tera;

/// The built-in templates, by name.
pub const BUILTIN: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    ("macros.html", include_str!("../../templates/macros.html")),
    ("index.html", include_str!("../../templates/index.html")),
    ("resolutions.html", include_str!("../../templates/resolutions.html")),
    ("session.html", include_str!("../../templates/session.html")),
    ("resolution.html", include_str!("../../templates/resolution.html")),
    ("404.html", include_str!("../../templates/404.html")),
    ("document.html", include_str!("../../templates/document.html")),
    ("documents.html", include_str!("../../templates/documents.html")),
    ("series.html", include_str!("../../templates/series.html")),
    ("series_index.html", include_str!("../../templates/series_index.html")),
    ("compare.html", include_str!("../../templates/compare.html")),
    ("search.html", include_str!("../../templates/search.html")),
    ("annotations.html", include_str!("../../templates/annotations.html")),
    ("resolution_annotations.html", include_str!("../../templates/resolution_annotations.html")),
    ("source.html", include_str!("../../templates/source.html")),
];

/// Compiled templates.
pub struct Templates {
    tera: Tera,
    /// Template name → the file it was read from (overrides only).
    origin: BTreeMap<String, PathBuf>,
    /// Template name → its source text.
    pub sources: BTreeMap<String, String>,
}

impl Templates {
    /// The templates of `site`: the built-in ones with its templates/ over them.
    pub fn of_site(site: &crate::site::Site) -> anyhow::Result<Templates> {
        let shown = crate::site::display_path(&site.root, Path::new("templates"));
        Templates::load(site.templates_dir().as_deref(), &shown)
    }

    /// The built-in templates, with those in `dir` (if given) replacing or adding to them.
    pub fn load(dir: Option<&Path>, shown: &Path) -> anyhow::Result<Templates> {
        let mut sources: BTreeMap<String, String> =
            BUILTIN.iter().map(|(name, src)| (name.to_string(), src.to_string())).collect();
        let mut origin = BTreeMap::new();
        if let Some(dir) = dir {
            for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
                let entry = entry.map_err(|e| anyhow::anyhow!("{}: {e}", shown.display()))?;
                let hidden = entry.depth() > 0 && entry.file_name().to_string_lossy().starts_with('.');
                if hidden || !entry.file_type().is_file() {
                    continue;
                }
                let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
                let name = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
                let file = shown.join(rel);
                let src = std::fs::read_to_string(entry.path())
                    .map_err(|e| anyhow::anyhow!("{}: cannot read the template: {e}", file.display()))?;
                sources.insert(name.clone(), src);
                origin.insert(name, file);
            }
        }
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html", ".htm", ".xml", ".svg"]);
        tera.set_escape_fn(super::html::escape);
        tera.add_raw_templates(sources.iter().map(|(n, s)| (n.as_str(), s.as_str()))).map_err(|e| {
            let chain = error_chain(&e);
            let culprit = origin.iter().find(|(name, _)| chain.contains(&format!("'{name}'")));
            match culprit {
                Some((name, file)) => {
                    anyhow::anyhow!("template {name} ({}{}): {chain}", file.display(), position(&chain))
                }
                None => anyhow::anyhow!("template error: {chain}"),
            }
        })?;
        Ok(Templates { tera, origin, sources })
    }

    /// Renders template `name` for the page at `page`.
    pub fn render(&self, name: &str, ctx: &tera::Context, page: &str) -> anyhow::Result<String> {
        self.tera.render(name, ctx).map_err(|e| {
            let file = self.origin.get(name).map(|f| format!(" ({})", f.display())).unwrap_or_default();
            anyhow::anyhow!("template {name}{file}, rendering {page}: {}", error_chain(&e))
        })
    }
}

/// `:line:column` of a Tera parse error (its ` --> 5:1` marker), or nothing.
fn position(chain: &str) -> String {
    let Some((_, after)) = chain.split_once("--> ") else { return String::new() };
    let pos: String = after.chars().take_while(|c| c.is_ascii_digit() || *c == ':').collect();
    let mut parts = pos.split(':').filter(|p| !p.is_empty());
    match (parts.next(), parts.next()) {
        (Some(line), Some(col)) => format!(":{line}:{col}"),
        (Some(line), None) => format!(":{line}"),
        _ => String::new(),
    }
}

/// Tera's error and every cause under it, on one line each.
pub fn error_chain(e: &tera::Error) -> String {
    let mut out = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(cause) = source {
        out.push_str(": ");
        out.push_str(cause.to_string().trim());
        source = cause.source();
    }
    out
}
