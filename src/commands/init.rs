//! `plenary init DIR`: scaffolds a new site — plenary.toml with every key at its
//! default, content/ with one example resolution, and empty templates/ and static/
//! directories for overrides. Refuses a DIR that exists and is not empty.

use anyhow::{bail, Context};
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Directory to create the site in (must be absent or empty).
    pub dir: PathBuf,
}

/// The plenary.toml a new site starts with.
pub const CONFIG: &str = r#"# Plenary site configuration. Every key is optional; these are the defaults.
# See docs/site.md.

# Shown in the header of every page and on the home page.
title = "United Nations resolutions"
description = "Resolutions of the United Nations, paragraph by paragraph."
# Public URL of the site, e.g. "https://example.org/un/". Only used for canonical
# links and the 404 page; all other links are relative.
base_url = ""
# Language of the pages (the lang attribute).
language = "en"
# Where the Markdown sources are, and where the site is written (relative to this file).
content_dir = "content"
output_dir = "public"
# Resolutions with at least this many paragraphs (or with sections or annexes) get a contents list.
contents_min_paragraphs = 20

# What is written beside the pages; turn off what the site does not need.
[outputs]
markdown = true      # <symbol>/index.md
source = true        # <symbol>/source.html, the Markdown highlighted
json = true          # <symbol>/index.json
akn = true           # <symbol>/akn.xml, Akoma Ntoso
comparisons = true   # series/compare/…, two versions of a series side by side
search = true        # search/, the search page and its index
"#;

const EXAMPLE_SYMBOL: &str = "A/RES/80/14";
const EXAMPLE: &str = include_str!("../../content/A/RES/80/14.md");

pub fn run(args: InitArgs) -> anyhow::Result<ExitCode> {
    let dir = &args.dir;
    if dir.exists() {
        let empty = std::fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))?.next().is_none();
        if !empty {
            bail!("{} exists and is not empty; choose a new directory", dir.display());
        }
    }
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    std::fs::write(dir.join(crate::site::config::FILE_NAME), CONFIG)
        .with_context(|| format!("cannot write {}", dir.join("plenary.toml").display()))?;
    let example = crate::paths::source_path(&dir.join("content"), EXAMPLE_SYMBOL)?;
    crate::paths::write_atomic(&example, EXAMPLE.as_bytes())?;
    for sub in ["templates", "static"] {
        std::fs::create_dir_all(dir.join(sub)).with_context(|| format!("cannot create {}", dir.join(sub).display()))?;
    }
    println!("created a site in {}", dir.display());
    println!("  plenary.toml       configuration (docs/site.md)");
    println!("  content/           resolutions in structured Markdown (one example: {EXAMPLE_SYMBOL})");
    println!("  templates/, static/  your overrides of the built-in templates and assets");
    println!("next: cd {} && plenary build", dir.display());
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_config_of_a_new_site_gives_every_default() {
        assert_eq!(crate::site::Config::parse(super::CONFIG), Ok(crate::site::Config::default()));
    }
}
