//! Helpers for the build tests: building sites into temporary directories and
//! reading the generated HTML back with a real HTML parser.

#![allow(dead_code)]

use plenary::link::Corpus;
use plenary::render;
use plenary::site::Site;
use scraper::{Html, Selector};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The repository, which is itself a site (the bundled collection).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Builds the site at `root` into `out`, citations linked as `plenary build` links them.
pub fn build(root: &Path, out: &Path) -> anyhow::Result<render::BuildReport> {
    let site = Site::load(root)?;
    render::build(&site, out, &Corpus::build(&site))
}

/// Every file under `dir`: relative path → bytes.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for e in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let e = e.unwrap();
        if e.file_type().is_file() {
            let rel = e.path().strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/");
            out.insert(rel, std::fs::read(e.path()).unwrap());
        }
    }
    out
}

pub fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

/// A parsed page: its ids (with duplicates reported) and document.
pub struct Page {
    pub path: String,
    pub html: Html,
    pub ids: BTreeSet<String>,
    pub duplicate_ids: Vec<String>,
}

pub fn parse(path: &str, bytes: &[u8]) -> Page {
    let html = Html::parse_document(std::str::from_utf8(bytes).unwrap());
    let mut ids = BTreeSet::new();
    let mut duplicate_ids = Vec::new();
    for el in html.select(&sel("[id]")) {
        let id = el.value().attr("id").unwrap().to_string();
        if !ids.insert(id.clone()) {
            duplicate_ids.push(id);
        }
    }
    Page { path: path.to_string(), html, ids, duplicate_ids }
}

/// Every HTML page of a built site, parsed.
pub fn pages(files: &BTreeMap<String, Vec<u8>>) -> BTreeMap<String, Page> {
    files.iter().filter(|(p, _)| p.ends_with(".html")).map(|(p, b)| (p.clone(), parse(p, b))).collect()
}

/// Writes a small site: plenary.toml (if given) and content files.
pub fn site(dir: &Path, config: Option<&str>, files: &[(&str, &str)]) {
    if let Some(c) = config {
        std::fs::write(dir.join("plenary.toml"), c).unwrap();
    }
    for (rel, text) in files {
        let p = dir.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
}

/// A temporary site holding a copy of the bundled collection (content/ only).
pub fn bundled_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (rel, bytes) in tree(&repo().join("content")) {
        let p = dir.path().join("content").join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }
    dir
}

/// A copy of a bundled resolution's Markdown.
pub fn bundled(rel: &str) -> String {
    std::fs::read_to_string(repo().join("content").join(rel)).unwrap()
}
