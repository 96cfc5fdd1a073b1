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
//! Files are added one by one ([`SiteCheck::add`], from any thread, as the build
//! writes them); each page is read once, in one pass over its tags (`scan`), and
//! only what the site-wide check needs is kept: hashes of its ids and of its links'
//! targets. Pages with a problem are read again at the end for the messages.
//!
//! Submodules: `scan` (one page in one pass: ids, URLs, footnotes), `page` (the
//! same with a full HTML parser, html5ever, which the tests hold `scan` to),
//! `links` (a URL resolved against its page).

mod links;
pub mod page;
pub mod scan;

pub use links::{classify, Target};

use anyhow::Context as _;
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::path::Path;
use std::sync::Mutex;

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
    let mut paths = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.with_context(|| format!("cannot read {}", shown.display()))?;
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
            let rel = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
            paths.push((rel, entry.path().to_path_buf()));
        }
    }
    let check = SiteCheck::default();
    paths.par_iter().try_for_each(|(rel, path)| -> anyhow::Result<()> {
        // Only pages are read; for other files it is enough that they exist.
        let bytes = if is_page(rel) {
            std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?
        } else {
            Vec::new()
        };
        check.add(rel, &bytes);
        Ok(())
    })?;
    check.finish(shown, &|rel| std::fs::read(dir.join(rel)).ok())
}

/// Checks a site held in memory (path from the site root → bytes).
pub fn check_files(files: &BTreeMap<String, Vec<u8>>, shown: &Path) -> Report {
    let check = SiteCheck::default();
    for (path, bytes) in files {
        check.add(path, bytes);
    }
    check.finish(shown, &|rel| files.get(rel).cloned()).expect("every page is in memory")
}

/// Whether a link's fragment names an element the page must have: an empty one and
/// `#top` (the top of the page, as HTML has it) need none.
fn names_an_element(fragment: &str) -> bool {
    !fragment.is_empty() && fragment != "top"
}

fn is_page(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    lower.ends_with(".html") || lower.ends_with(".htm")
}

fn hash<T: Hash + ?Sized>(value: &T) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    value.hash(&mut h);
    h.finish()
}

/// The check of a site whose files arrive one at a time, from any thread.
#[derive(Debug, Default)]
pub struct SiteCheck {
    state: Mutex<State>,
}

#[derive(Debug, Default)]
struct State {
    /// Every file, by path.
    files: Vec<String>,
    pages: Vec<Summary>,
    internal_links: usize,
    external: BTreeMap<String, usize>,
}

/// What the site-wide check keeps of one page.
#[derive(Debug)]
struct Summary {
    path: String,
    /// Hashes of its ids, sorted.
    ids: Vec<u64>,
    /// Its internal links: hash of the target file, and of the fragment if it must be checked.
    links: Vec<(u64, Option<u64>)>,
    /// A problem found on the page alone (or a link wrong in itself).
    flagged: bool,
}

impl SiteCheck {
    /// Adds a file of the site (path from the site root, `/`-separated).
    pub fn add(&self, path: &str, bytes: &[u8]) {
        let summary = is_page(path).then(|| summarize(path, bytes));
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        state.files.push(path.to_string());
        if let Some((summary, internal, external)) = summary {
            state.internal_links += internal;
            for host in external {
                *state.external.entry(host).or_default() += 1;
            }
            state.pages.push(summary);
        }
    }

    /// The report: every link checked against the whole site; pages with a problem
    /// are read again (`reread(path)`) for the messages.
    pub fn finish(self, shown: &Path, reread: &(dyn Fn(&str) -> Option<Vec<u8>> + Sync)) -> anyhow::Result<Report> {
        let mut state = self.state.into_inner().unwrap_or_else(|e| e.into_inner());
        state.pages.sort_by(|a, b| a.path.cmp(&b.path));
        let index = Index::new(&state.files, &state.pages);
        let flagged: Vec<&Summary> = state
            .pages
            .par_iter()
            .filter(|p| {
                p.flagged
                    || p.links.iter().any(|&(target, fragment)| {
                        !index.files.contains(&target)
                            || fragment.is_some_and(|f| {
                                index.page_ids(target).is_some_and(|ids| ids.binary_search(&f).is_err())
                            })
                    })
            })
            .collect();
        let mut problems = Vec::new();
        for page in flagged {
            let at = shown.join(&page.path).display().to_string();
            let bytes =
                reread(&page.path).ok_or_else(|| anyhow::anyhow!("{at}: cannot be read again for the check"))?;
            problems.extend(page_problems(&page.path, &bytes, &index).into_iter().map(|p| format!("{at}{p}")));
        }
        Ok(Report {
            pages: state.pages.len(),
            internal_links: state.internal_links,
            external: state.external,
            problems,
        })
    }
}

/// A page's summary, its number of internal links and the hosts of its external links.
fn summarize(path: &str, bytes: &[u8]) -> (Summary, usize, Vec<String>) {
    let Ok(html) = std::str::from_utf8(bytes) else {
        return (Summary { path: path.to_string(), ids: Vec::new(), links: Vec::new(), flagged: true }, 0, Vec::new());
    };
    let page = scan::read(html);
    let mut flagged = !page.duplicate_ids.is_empty() || !page.problems.is_empty();
    let mut ids: Vec<u64> = page.ids.iter().map(|id| hash(id.as_ref())).collect();
    ids.sort_unstable();
    let mut links = Vec::new();
    let mut internal = 0;
    let mut external = Vec::new();
    for url in &page.urls {
        // A link within the page (about a third of them: notes, paragraph anchors) is
        // checked here and then, without resolving a path.
        if let Some(fragment) = url.trim_matches(|c: char| c.is_ascii_whitespace()).strip_prefix('#') {
            internal += 1;
            let fragment = links::decode(fragment);
            flagged |= names_an_element(&fragment) && ids.binary_search(&hash(&fragment)).is_err();
            continue;
        }
        match classify(path, url) {
            Target::External { host } => external.push(host),
            Target::Other => {}
            Target::Bad(_) => flagged = true,
            Target::Internal { path: target, fragment } => {
                internal += 1;
                if target.is_empty() || target.ends_with('/') {
                    flagged = true;
                }
                let fragment = fragment.filter(|f| names_an_element(f)).map(|f| hash(f.as_str()));
                if target == path {
                    // A link within the page is checked here: only links to other
                    // pages are kept for the end.
                    flagged |= fragment.is_some_and(|f| ids.binary_search(&f).is_err());
                } else {
                    links.push((hash(target.as_str()), fragment));
                }
            }
        }
    }
    links.sort_unstable();
    links.dedup();
    links.shrink_to_fit();
    (Summary { path: path.to_string(), ids, links, flagged }, internal, external)
}

/// The whole site, as hashes: files, directories, and each page's ids. The keys are
/// hashes already, so the sets only need the Fx hash's cheap mixing.
struct Index<'a> {
    files: FxHashSet<u64>,
    dirs: FxHashSet<u64>,
    pages: FxHashMap<u64, &'a [u64]>,
}

impl<'a> Index<'a> {
    fn new(files: &[String], pages: &'a [Summary]) -> Index<'a> {
        let ((files, dirs), pages) = rayon::join(
            || {
                rayon::join(
                    || files.iter().map(|f| hash(f.as_str())).collect(),
                    || {
                        let mut dirs = FxHashSet::from_iter([hash("")]);
                        for path in files {
                            for (i, _) in path.match_indices('/') {
                                dirs.insert(hash(&path[..=i]));
                            }
                        }
                        dirs
                    },
                )
            },
            || pages.iter().map(|p| (hash(p.path.as_str()), p.ids.as_slice())).collect(),
        );
        Index { files, dirs, pages }
    }

    fn page_ids(&self, target: u64) -> Option<&[u64]> {
        self.pages.get(&target).copied()
    }

    fn is_file(&self, path: &str) -> bool {
        self.files.contains(&hash(path))
    }
}

/// The problems of one page, each `: what` (or `:line: what`), in page order.
fn page_problems(path: &str, bytes: &[u8], index: &Index) -> Vec<String> {
    let html = match std::str::from_utf8(bytes) {
        Ok(html) => html,
        Err(e) => {
            let line = bytes[..e.valid_up_to()].iter().filter(|&&b| b == b'\n').count() + 1;
            return vec![format!(":{line}: not UTF-8 text")];
        }
    };
    let page = scan::read(html);
    let mut out: Vec<String> = page.duplicate_ids.iter().map(|id| format!(": duplicate id \"{id}\"")).collect();
    out.extend(page.problems.iter().map(|p| format!(": {p}")));
    for url in &page.urls {
        let problem = match classify(path, url) {
            Target::Bad(why) => Some(why),
            Target::Internal { path: target, fragment } => internal(index, &target, fragment.as_deref()),
            Target::External { .. } | Target::Other => None,
        };
        if let Some(why) = problem {
            out.push(format!(": link \"{url}\" → {why}"));
        }
    }
    out
}

/// Why an internal link is broken, if it is.
fn internal(index: &Index, target: &str, fragment: Option<&str>) -> Option<String> {
    let as_dir = if target.is_empty() || target.ends_with('/') { target.to_string() } else { format!("{target}/") };
    if target.is_empty()
        || target.ends_with('/')
        || (!index.is_file(target) && index.dirs.contains(&hash(as_dir.as_str())))
    {
        let hint = if index.is_file(&format!("{as_dir}index.html")) {
            format!("a directory: write {as_dir}index.html so the link works from disk")
        } else {
            "a directory without index.html".to_string()
        };
        return Some(hint);
    }
    if !index.is_file(target) {
        return Some("missing file".into());
    }
    let fragment = fragment.filter(|f| names_an_element(f))?;
    match index.page_ids(hash(target)) {
        Some(ids) if ids.binary_search(&hash(fragment)).is_err() => Some("missing fragment".into()),
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
