//! `[outputs]` in plenary.toml: a build writes only the exports and pages asked for,
//! and no page links to one that was left out (`plenary check` finds no broken link),
//! while the pages themselves stay as they are.

mod build_support;

use build_support::*;
use std::path::Path;

/// The bundled collection in a temporary site with `config` as its plenary.toml,
/// built; every file of the output.
fn built_with(config: &str) -> std::collections::BTreeMap<String, Vec<u8>> {
    let dir = bundled_site();
    std::fs::write(dir.path().join("plenary.toml"), config).unwrap();
    let out = dir.path().join("public");
    build(dir.path(), &out).unwrap();
    let report = plenary::check::check_dir(&out, Path::new("public")).unwrap();
    assert!(report.is_ok(), "{config}: {}", report.summary());
    tree(&out)
}

fn count(files: &std::collections::BTreeMap<String, Vec<u8>>, matches: impl Fn(&str) -> bool) -> usize {
    files.keys().filter(|p| matches(p)).count()
}

const ALL_OFF: &str = "[outputs]\nmarkdown = false\nsource = false\njson = false\nakn = false\n\
                       comparisons = false\nsearch = false\n";

#[test]
fn every_output_is_written_by_default() {
    let files = built_with("");
    let pages = count(&files, |p| p.starts_with("A/RES/") && p.ends_with("/index.html"));
    assert_eq!(pages, 20);
    for export in ["/index.md", "/source.html", "/index.json", "/akn.xml"] {
        assert_eq!(count(&files, |p| p.starts_with("A/RES/") && p.ends_with(export)), pages, "{export}");
    }
    assert!(count(&files, |p| p.starts_with("series/compare/")) > 0);
    assert!(count(&files, |p| p.starts_with("search/")) > 1);
}

#[test]
fn outputs_turned_off_are_neither_written_nor_linked() {
    let files = built_with(ALL_OFF);
    let pages = count(&files, |p| p.starts_with("A/RES/") && p.ends_with("/index.html"));
    assert_eq!(pages, 20);
    assert_eq!(count(&files, |p| p.starts_with("A/RES/") && !p.ends_with("/index.html")), 0);
    assert_eq!(count(&files, |p| p.starts_with("series/compare/") || p.starts_with("search/")), 0);
    // The check above found no link to a missing file; nor do the pages name them
    // as URLs it does not follow (alternates, JSON-LD, feeds). (A note may still
    // mention `index.json` in its prose or code.)
    for (path, bytes) in &files {
        let text = String::from_utf8_lossy(bytes);
        let urls =
            ["akn.xml\"", "index.json\"", "index.md\"", "source.html\"", "series/compare/", "search/index.html\""];
        for absent in urls {
            assert!(!text.contains(absent), "{path} names {absent}");
        }
    }
    // Series pages and the line saying what changed since the previous version remain.
    assert!(count(&files, |p| p.starts_with("series/") && p.ends_with("/index.html")) > 1);
    let lineage = files.values().filter(|b| String::from_utf8_lossy(b).contains("the previous version of this series"));
    assert!(lineage.count() > 0);
}

#[test]
fn each_output_can_be_turned_off_alone() {
    let all = built_with("");
    for (key, gone) in [
        ("markdown", "/index.md"),
        ("source", "/source.html"),
        ("json", "/index.json"),
        ("akn", "/akn.xml"),
        ("comparisons", "series/compare/"),
        ("search", "search/"),
    ] {
        let files = built_with(&format!("[outputs]\n{key} = false\n"));
        assert_eq!(count(&files, |p| p.contains(gone)), 0, "{key}");
        // Everything else is still written.
        let kept = count(&all, |p| !p.contains(gone) && !p.ends_with("sitemap.xml"));
        assert_eq!(count(&files, |p| !p.contains(gone) && !p.ends_with("sitemap.xml")), kept, "{key}");
    }
}
