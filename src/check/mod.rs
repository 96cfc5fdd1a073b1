//! `plenary check`: reads a built site back and verifies it as a reader would meet
//! it. Every internal link and fragment resolves, no page has an id twice, every
//! footnote mark has its note; external links are counted by host (never fetched).
//! `plenary build` runs the same check on what it wrote.
//!
//! **In**: a directory (or the files of a site in memory: path from the site root →
//! bytes). **Out**: a [`Report`]: the problems, one line each in the form
//! `public/A/RES/61/183/index.html: link "../x/index.html#op9" → missing file`, and
//! the external hosts.
//!
//! Submodules: `page` (one page parsed with html5ever: ids, URLs, footnotes),
//! `links` (a URL resolved against its page).

mod links;
mod page;

pub use links::{classify, Target};

use anyhow::Context as _;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// What the check found.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Report {
    /// HTML pages read.
    pub pages: usize,
    /// Internal links (and fragments) followed.
    pub internal_links: usize,
    /// External links by host, with the number of links to each.
    pub external: BTreeMap<String, usize>,
    /// Problems, sorted by page, each `page: what`.
    pub problems: Vec<String>,
}

impl Report {
    pub fn is_ok(&self) -> bool {
        self.problems.is_empty()
    }

    /// One line: pages, links, hosts, problems.
    pub fn summary(&self) -> String {
        let external: usize = self.external.values().sum();
        format!(
            "checked {} pages: {} internal links, {} external links to {} hosts, {} problem{}",
            self.pages,
            self.internal_links,
            external,
            self.external.len(),
            self.problems.len(),
            if self.problems.len() == 1 { "" } else { "s" }
        )
    }
}

/// Checks the site written in `dir`; `shown` is how messages name `dir` (e.g. `public`).
pub fn check_dir(dir: &Path, shown: &Path) -> anyhow::Result<Report> {
    if !dir.is_dir() {
        anyhow::bail!("{}: no such directory; build the site first (`plenary build`)", shown.display());
    }
    let mut files: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    let mut paths = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.with_context(|| format!("cannot read {}", shown.display()))?;
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
            let rel = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
            paths.push((rel, entry.path().to_path_buf()));
        }
    }
    for (rel, path) in paths {
        // Only pages are read; for other files it is enough that they exist.
        let bytes = if is_page(&rel) {
            std::fs::read(&path).with_context(|| format!("cannot read {}", path.display()))?
        } else {
            Vec::new()
        };
        files.insert(rel, bytes);
    }
    let dirs = directories(&files);
    Ok(check(&files, &dirs, shown))
}

/// Checks a site held in memory (path from the site root → bytes).
pub fn check_files(files: &BTreeMap<String, Vec<u8>>, shown: &Path) -> Report {
    check(files, &directories(files), shown)
}

fn is_page(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    lower.ends_with(".html") || lower.ends_with(".htm")
}

/// Every directory of the site, as `a/b/` (the root is ``).
fn directories(files: &BTreeMap<String, Vec<u8>>) -> BTreeSet<String> {
    let mut dirs = BTreeSet::from([String::new()]);
    for path in files.keys() {
        let mut end = 0;
        while let Some(i) = path[end..].find('/') {
            end += i + 1;
            dirs.insert(path[..end].to_string());
        }
    }
    dirs
}

fn check(files: &BTreeMap<String, Vec<u8>>, dirs: &BTreeSet<String>, shown: &Path) -> Report {
    let parsed: BTreeMap<&str, Result<page::Page, String>> = files
        .par_iter()
        .filter(|(p, _)| is_page(p))
        .map(|(p, bytes)| {
            let page = std::str::from_utf8(bytes).map(page::parse).map_err(|e| {
                let line = bytes[..e.valid_up_to()].iter().filter(|&&b| b == b'\n').count() + 1;
                format!("{line}: not UTF-8 text")
            });
            (p.as_str(), page)
        })
        .collect();
    let mut report = Report { pages: parsed.len(), ..Report::default() };
    for (path, page) in &parsed {
        let at = shown.join(path).display().to_string();
        let page = match page {
            Ok(p) => p,
            Err(e) => {
                report.problems.push(format!("{at}:{e}"));
                continue;
            }
        };
        for id in &page.duplicate_ids {
            report.problems.push(format!("{at}: duplicate id \"{id}\""));
        }
        for p in &page.problems {
            report.problems.push(format!("{at}: {p}"));
        }
        for url in &page.urls {
            let problem = match classify(path, url) {
                Target::External { host } => {
                    *report.external.entry(host).or_default() += 1;
                    None
                }
                Target::Other => None,
                Target::Bad(why) => Some(why),
                Target::Internal { path: target, fragment } => {
                    report.internal_links += 1;
                    internal(files, dirs, &parsed, &target, fragment.as_deref())
                }
            };
            if let Some(why) = problem {
                report.problems.push(format!("{at}: link \"{url}\" → {why}"));
            }
        }
    }
    report
}

/// Why an internal link is broken, if it is.
fn internal(
    files: &BTreeMap<String, Vec<u8>>,
    dirs: &BTreeSet<String>,
    parsed: &BTreeMap<&str, Result<page::Page, String>>,
    target: &str,
    fragment: Option<&str>,
) -> Option<String> {
    let as_dir = if target.is_empty() || target.ends_with('/') { target.to_string() } else { format!("{target}/") };
    if target.is_empty() || target.ends_with('/') || (!files.contains_key(target) && dirs.contains(&as_dir)) {
        let hint = if files.contains_key(&format!("{as_dir}index.html")) {
            format!("a directory: write {as_dir}index.html so the link works from disk")
        } else {
            "a directory without index.html".to_string()
        };
        return Some(hint);
    }
    if !files.contains_key(target) {
        return Some("missing file".into());
    }
    let fragment = fragment.filter(|f| !f.is_empty() && *f != "top")?;
    match parsed.get(target) {
        Some(Ok(page)) if !page.ids.contains(fragment) => Some("missing fragment".into()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(files: &[(&str, &str)]) -> BTreeMap<String, Vec<u8>> {
        files.iter().map(|(p, b)| (p.to_string(), b.as_bytes().to_vec())).collect()
    }

    #[test]
    fn a_sound_site_passes() {
        let files = site(&[
            (
                "index.html",
                "<a href=\"a/index.html#x\">a</a> <a href=\"https://undocs.org/A\">u</a> <a href=\"#top\">t</a>",
            ),
            ("a/index.html", "<p id=x><a href=\"../index.html\">home</a> <a href=\"index.json\">j</a></p>"),
            ("a/index.json", "{}"),
        ]);
        let r = check_files(&files, Path::new("public"));
        assert!(r.is_ok(), "{:?}", r.problems);
        assert_eq!((r.pages, r.internal_links), (2, 4));
        assert_eq!(r.external, BTreeMap::from([("undocs.org".to_string(), 1)]));
    }

    #[test]
    fn broken_links_are_named_with_page_link_and_reason() {
        let files = site(&[
            ("index.html", "<a href=\"a/index.html#nope\">1</a><a href=\"b/index.html\">2</a><a href=\"a/\">3</a>"),
            ("a/index.html", "<p id=x></p><p id=x></p><a href=\"/abs.html\">4</a><a href=\"#x\">5</a>"),
            ("bad.html", "\u{0}ok"),
        ]);
        let mut files = files;
        files.insert("latin1.html".into(), b"\n\xe9".to_vec());
        let r = check_files(&files, Path::new("public"));
        assert_eq!(
            r.problems,
            [
                "public/a/index.html: duplicate id \"x\"",
                "public/a/index.html: link \"/abs.html\" → root-absolute link (breaks under a base path and from disk; make it relative)",
                "public/index.html: link \"a/index.html#nope\" → missing fragment",
                "public/index.html: link \"b/index.html\" → missing file",
                "public/index.html: link \"a/\" → a directory: write a/index.html so the link works from disk",
                "public/latin1.html:2: not UTF-8 text",
            ]
        );
    }
}
