//! Incremental rendering (`plenary serve`) against full builds: after every edit,
//! rename, deletion, template, asset and configuration change, the files kept by
//! the incremental renderer are byte for byte those of a fresh full build, and an
//! edit of one resolution's text renders that page only. The links are updated as
//! `plenary serve` updates them (`Corpus::update`), not made afresh.

mod build_support;

use plenary::link::Corpus;
use plenary::render::incremental::Incremental;
use plenary::render::{render_site, NoLinks};
use plenary::site::reload::{edited, Loaded};
use plenary::site::Site;
use std::path::{Path, PathBuf};

struct Session {
    root: PathBuf,
    loaded: Loaded,
    inc: Incremental,
    corpus: Option<Corpus>,
    /// The pages the last step rendered before the others.
    shown_first: Vec<String>,
}

fn texts(loaded: &Loaded) -> Vec<u64> {
    loaded.prints.iter().map(|p| p.text).collect()
}

impl Session {
    fn new(root: &Path) -> Session {
        let loaded = Loaded::load(root).unwrap();
        let mut inc = Incremental::new();
        let resolutions: Vec<_> = loaded.site.resolutions.iter().map(|s| &s.resolution).collect();
        let corpus = Corpus::with_prints(&resolutions, &texts(&loaded));
        inc.update(&loaded.site, &loaded.prints, &corpus).unwrap();
        Session { root: root.to_path_buf(), loaded, inc, corpus: Some(corpus), shown_first: Vec::new() }
    }

    /// Refreshes after a change to `touched` and checks the result against a full build;
    /// returns the pages rendered again.
    fn step(&mut self, what: &str, touched: &[&str]) -> Vec<String> {
        let touched: Vec<PathBuf> = touched.iter().map(|t| self.root.join(t)).collect();
        let before = self.loaded.prints.clone();
        self.loaded.refresh(&touched).unwrap_or_else(|e| panic!("{what}: {e:#}"));
        let resolutions: Vec<_> = self.loaded.site.resolutions.iter().map(|s| &s.resolution).collect();
        let corpus = self.corpus.take().unwrap().update(&resolutions, &texts(&self.loaded));
        let site = Site::load(&self.root).unwrap();
        let full = render_site(&site, &Corpus::build(&site)).unwrap();
        // As `plenary serve` does: the pages of resolutions whose text alone changed
        // first, then the rest.
        let (site_now, prints) = (&self.loaded.site, &self.loaded.prints);
        let first = edited(&before, prints);
        let mut rendered = Vec::new();
        if let Some(pending) = self.inc.render_first(site_now, prints, &corpus, &first).unwrap() {
            let update = self.inc.commit(pending);
            for path in &update.changed {
                assert!(full.files.get(path) == self.inc.files.get(path), "{what}: {path} (shown first) differs");
            }
            rendered = update.rendered;
        }
        self.shown_first = rendered.clone();
        let mut update = self.inc.update(site_now, prints, &corpus).unwrap();
        rendered.append(&mut update.rendered);
        self.corpus = Some(corpus);
        let got: Vec<&String> = self.inc.files.keys().collect();
        let want: Vec<&String> = full.files.keys().collect();
        assert_eq!(got, want, "{what}: the same files");
        for (path, bytes) in &full.files {
            assert!(self.inc.files[path] == *bytes, "{what}: {path} differs from a full build");
        }
        assert_eq!(self.inc.pages(), full.pages, "{what}: page count");
        assert_eq!(self.inc.warnings(), full.warnings, "{what}: warnings");
        rendered
    }

    fn edit(&self, rel: &str, from: &str, to: &str) {
        let path = self.root.join(rel);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{rel} has no {from:?}");
        std::fs::write(path, text.replacen(from, to, 1)).unwrap();
    }
}

#[test]
fn incremental_rebuilds_equal_full_builds() {
    let dir = build_support::bundled_site();
    let root = dir.path();
    let mut s = Session::new(root);
    let page = "A/RES/80/14/index.html";

    // Nothing changed: nothing rendered.
    assert!(s.step("no change", &[]).is_empty());

    // One paragraph: that page, the pages of the works it cites (they quote it), and
    // the pages drawn from the whole collection (search, annotations); no other
    // resolution, series or comparison.
    s.edit("content/A/RES/80/14.md", "*Calls upon* African States", "*Calls upon* all African States");
    let rendered = s.step("paragraph edit", &["content/A/RES/80/14.md"]);
    assert_eq!(rendered[..2], [page, "(other pages)"]);
    assert!(rendered.len() > 2, "the works it cites: {rendered:?}");
    assert!(rendered[2..].iter().all(|p| p.starts_with("documents/") || p.starts_with("treaties/")), "{rendered:?}");
    assert!(String::from_utf8_lossy(&s.inc.files[page]).contains("all African States"));

    // A citation added and taken away again: the cited resolution's "Cited by" and
    // the cited document's page follow (the links are updated, not made afresh).
    s.edit(
        "content/A/RES/80/14.md",
        "all African States",
        "all African States, as in its resolution 57/174 and document A/61/221,",
    );
    let rendered = s.step("citation added", &["content/A/RES/80/14.md"]);
    assert!(rendered.iter().any(|r| r == "A/RES/57/174/index.html"), "{rendered:?}");
    assert!(String::from_utf8_lossy(&s.inc.files["A/RES/57/174/index.html"]).contains("A/RES/80/14"));
    s.edit("content/A/RES/80/14.md", ", as in its resolution 57/174 and document A/61/221,", "");
    s.step("citation removed", &["content/A/RES/80/14.md"]);

    // The title: its page, its neighbours, the listings of its session.
    s.edit("content/A/RES/80/14.md", "title = \"African", "title = \"The African");
    let rendered = s.step("title edit", &["content/A/RES/80/14.md"]);
    for p in [page, "A/RES/80/13/index.html", "A/RES/80/15/index.html", "index.html", "sessions/80/index.html"] {
        assert!(rendered.iter().any(|r| r == p), "title edit renders {p}: {rendered:?}");
    }
    assert!(!rendered.iter().any(|r| r == "A/RES/80/2/index.html" || r == "sessions/61/index.html"), "{rendered:?}");

    // A file moved to another path, same symbol.
    std::fs::create_dir_all(root.join("content/moved")).unwrap();
    std::fs::rename(root.join("content/A/RES/80/3.md"), root.join("content/moved/three.md")).unwrap();
    s.step("rename", &["content/A/RES/80/3.md", "content/moved/three.md"]);

    // A new symbol in a new session: a new session page, neighbours change.
    s.edit("content/moved/three.md", "symbol = \"A/RES/80/3\"", "symbol = \"A/RES/62/3\"");
    s.step("symbol change", &["content/moved/three.md"]);
    assert!(s.inc.files.contains_key("sessions/62/index.html"));
    assert!(!s.inc.files.contains_key("A/RES/80/3/index.html"));

    // Deletions, the last of a session included.
    std::fs::remove_file(root.join("content/moved/three.md")).unwrap();
    std::fs::remove_file(root.join("content/A/RES/80/20.md")).unwrap();
    s.step("deletions", &["content/moved/three.md", "content/A/RES/80/20.md"]);
    assert!(!s.inc.files.contains_key("sessions/62/index.html"));

    // A new file, copied from another with a new symbol.
    let text = std::fs::read_to_string(root.join("content/A/RES/80/5.md")).unwrap();
    std::fs::write(root.join("content/A/RES/80/21.md"), text.replace("A/RES/80/5\"", "A/RES/80/21\"")).unwrap();
    s.step("addition", &["content/A/RES/80/21.md"]);

    // Found by the walk alone (the watcher named nothing).
    s.edit("content/A/RES/61/183.md", "*Reaffirming*", "*Reaffirming once more*");
    let rendered = s.step("unreported edit", &[]);
    // The edited page first (as serve shows it); then 57/174, in its series (its
    // page shows the series and what changed in it); the series page, the comparison
    // of the two and the pages of the works 61/183 cites are made from its text too.
    assert_eq!(rendered[..3], ["A/RES/61/183/index.html", "A/RES/57/174/index.html", "(other pages)"]);
    for p in ["series/compare/A-RES-57-174--A-RES-61-183/index.html", "treaties/976/14152/index.html"] {
        assert!(rendered.iter().any(|r| r == p), "{p}: {rendered:?}");
    }
    assert!(!rendered.iter().any(|r| r.starts_with("A/RES/80/")), "{rendered:?}");

    // A template override: the pages using it, not the others.
    std::fs::create_dir_all(root.join("templates")).unwrap();
    let session = plenary::render::templates::BUILTIN.iter().find(|(n, _)| *n == "session.html").unwrap().1;
    std::fs::write(root.join("templates/session.html"), session.replace("</h1>", " (session)</h1>")).unwrap();
    let rendered = s.step("template override", &["templates/session.html"]);
    assert!(!rendered.is_empty() && rendered.iter().all(|r| r.starts_with("sessions/")), "{rendered:?}");
    // base.html is used by every page.
    let base = plenary::render::templates::BUILTIN.iter().find(|(n, _)| *n == "base.html").unwrap().1;
    std::fs::write(root.join("templates/base.html"), base.replace("Skip to content", "Skip to the text")).unwrap();
    let rendered = s.step("base template", &["templates/base.html"]);
    for page in s.inc.files.keys().filter(|p| p.ends_with("/index.html") && p.starts_with("A/RES/")) {
        assert!(rendered.contains(page), "base template renders {page}");
    }
    assert!(rendered.iter().any(|r| r == "(other pages)"), "and the other pages");
    std::fs::remove_dir_all(root.join("templates")).unwrap();
    s.step("templates removed", &["templates"]);

    // Assets added, changed and removed.
    std::fs::create_dir_all(root.join("static/img")).unwrap();
    std::fs::write(root.join("static/img/logo.svg"), "<svg/>").unwrap();
    std::fs::write(root.join("static/plenary.css"), "body{}").unwrap();
    assert!(s.step("assets", &["static/img/logo.svg", "static/plenary.css"]).is_empty());
    std::fs::remove_dir_all(root.join("static")).unwrap();
    s.step("assets removed", &["static"]);

    // Configuration: everything.
    std::fs::write(root.join("plenary.toml"), "title = \"Edited collection\"\n").unwrap();
    let rendered = s.step("config", &["plenary.toml"]);
    let resolutions = s.inc.files.keys().filter(|p| p.ends_with("/index.html") && p.starts_with("A/RES/")).count();
    assert!(rendered.len() > resolutions && rendered.iter().any(|r| r == "(other pages)"), "{rendered:?}");

    // Outputs turned off are removed, and written again when turned back on.
    let off = "[outputs]\nsource = false\nakn = false\ncomparisons = false\nsearch = false\n";
    std::fs::write(root.join("plenary.toml"), off).unwrap();
    s.step("outputs off", &["plenary.toml"]);
    let left: Vec<&String> = s
        .inc
        .files
        .keys()
        .filter(|p| p.ends_with("/source.html") || p.ends_with("/akn.xml") || p.starts_with("series/compare/"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
    assert!(!s.inc.files.keys().any(|p| p.starts_with("search/")));
    std::fs::remove_file(root.join("plenary.toml")).unwrap();
    s.step("outputs on", &["plenary.toml"]);
    assert!(s.inc.files.keys().any(|p| p.starts_with("series/compare/")));
}

#[test]
fn a_broken_file_is_reported_and_picked_up_once_fixed() {
    let dir = build_support::bundled_site();
    let root = dir.path();
    let mut s = Session::new(root);
    let rel = "content/A/RES/80/7.md";
    let good = std::fs::read_to_string(root.join(rel)).unwrap();
    std::fs::write(root.join(rel), good.replacen("{#op1}", "{#op1", 1)).unwrap();
    let err = s.loaded.refresh(&[root.join(rel)]).unwrap_err();
    assert!(format!("{err:#}").contains("content/A/RES/80/7.md:"), "{err:#}");
    // Still broken, still reported, even though its stamp did not change.
    assert!(s.loaded.refresh(&[]).is_err());
    std::fs::write(root.join(rel), good.replacen("*Reaffirms*", "*Reaffirms once more*", 1)).unwrap();
    s.step("fixed", &[]);
}

#[test]
fn the_same_bytes_whatever_the_thread_count() {
    let site = Site::load(&build_support::repo()).unwrap();
    let render = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
        pool.install(|| render_site(&site, &NoLinks).unwrap())
    };
    let one = render(1);
    let four = render(4);
    assert!(one.files == four.files && one.warnings == four.warnings);
    let dir = tempfile::tempdir().unwrap();
    let pool = rayon::ThreadPoolBuilder::new().num_threads(3).build().unwrap();
    pool.install(|| plenary::render::build(&site, &dir.path().join("out"), &NoLinks)).unwrap();
    let mut written = build_support::tree(&dir.path().join("out"));
    written.remove(plenary::render::output::MARKER);
    assert!(written == one.files, "the streamed build writes what render_site renders");
}
