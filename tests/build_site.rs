//! Builds the bundled collection and reads the HTML back with a real HTML parser:
//! ids, footnote marks and popovers, internal links, determinism.

mod build_support;

use build_support::*;
use plenary::ids;
use plenary::model::Visit;
use plenary::site::Site;
use std::path::Path;

fn built() -> (tempfile::TempDir, std::collections::BTreeMap<String, Vec<u8>>) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let report = build(&repo(), &out).unwrap();
    assert_eq!(report.resolutions, 20);
    let files = tree(&out);
    (tmp, files)
}

#[test]
fn every_element_has_its_id_and_eid_once() {
    let (_tmp, files) = built();
    let site = Site::load(&repo()).unwrap();
    let pages = pages(&files);
    for page in pages.values() {
        assert!(page.duplicate_ids.is_empty(), "{}: duplicate ids {:?}", page.path, page.duplicate_ids);
    }
    let mut checked = 0;
    for source in &site.resolutions {
        let res = &source.resolution;
        let path = format!("{}/index.html", res.meta.symbol);
        let page = pages.get(&path).unwrap_or_else(|| panic!("no page {path}"));
        for id in res.ids() {
            assert!(page.ids.contains(&id), "{path}: no element with id {id}");
            if let Some(eid) = ids::akn_eid(&id) {
                assert!(page.ids.contains(&eid), "{path}: no anchor for eId {eid} of {id}");
            }
            checked += 1;
        }
        // Each paragraph's id is on the element holding its text.
        res.visit(|v| {
            if let Visit::Paragraph(p) = v {
                let el = page.html.select(&sel(&format!("div.para[id=\"{}\"] > p", p.id))).next();
                let el = el.unwrap_or_else(|| panic!("{path}: paragraph {} has no element", p.id));
                let text = text_without_marks(el);
                assert!(text.contains(p.text.to_plain().trim()), "{path}#{}: text {text:?}", p.id);
            }
        });
        assert!(files.contains_key(&format!("{}/index.json", res.meta.symbol)));
        assert_eq!(files[&format!("{}/index.md", res.meta.symbol)], source.markdown().unwrap().as_bytes());
    }
    assert!(checked > 800, "only {checked} ids checked");
}

#[test]
fn footnote_marks_have_popover_text_and_target() {
    let (_tmp, files) = built();
    let site = Site::load(&repo()).unwrap();
    let pages = pages(&files);
    let mut marks = 0;
    for source in &site.resolutions {
        let res = &source.resolution;
        let path = format!("{}/index.html", res.meta.symbol);
        let page = &pages[&path];
        for mark in page.html.select(&sel("a.fn-mark")) {
            marks += 1;
            let href = mark.value().attr("href").unwrap();
            let n: u32 = href.strip_prefix("#fn").unwrap().parse().unwrap();
            assert!(page.ids.contains(&format!("fn{n}")), "{path}: mark {href} has no target");
            let note = res.footnotes.iter().find(|f| f.n == n).unwrap();
            let pop = mark.next_sibling().and_then(scraper::ElementRef::wrap).expect("popover after the mark");
            assert_eq!(pop.value().attr("class"), Some("fn-pop"));
            assert!(pop.value().attr("hidden").is_some(), "{path}: popover of {href} not hidden without JS");
            let text: String = pop.text().collect();
            assert_eq!(text, note.text.to_plain(), "{path}: popover text of {href}");
            // The footnote links back to this mark.
            let id = mark.value().attr("id").unwrap();
            let back = format!("li[id=\"fn{n}\"] a.fn-back[href=\"#{id}\"]");
            assert!(page.html.select(&sel(&back)).next().is_some(), "{path}: no back-link to {id}");
        }
        let expected: usize = {
            let mut k = 0;
            res.visit(|v| match v {
                Visit::Paragraph(p) => k += p.text.footnote_refs().len(),
                Visit::Formula(b) | Visit::Heading(b) | Visit::Block(b) => k += b.text.footnote_refs().len(),
                Visit::Section(s) => k += s.title.as_ref().map_or(0, |t| t.footnote_refs().len()),
                Visit::Annex(a) => k += a.title.as_ref().map_or(0, |t| t.footnote_refs().len()),
                Visit::Footnote(_) => {}
            });
            k
        };
        assert_eq!(page.html.select(&sel("a.fn-mark")).count(), expected, "{path}: marks");
    }
    assert!(marks > 100, "only {marks} marks");
}

/// Resolves `href` from page `from` (both relative to the site root): the file path
/// and fragment, or `None` for an external URL.
fn resolve(from: &str, href: &str) -> Option<(String, Option<String>)> {
    if href.contains("://") || href.starts_with("mailto:") {
        return None;
    }
    assert!(!href.starts_with('/'), "{from}: root-absolute link {href}");
    let (path, frag) = match href.split_once('#') {
        Some((p, f)) => (p, Some(f.to_string())),
        None => (href, None),
    };
    if path.is_empty() {
        return Some((from.to_string(), frag));
    }
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for seg in path.split('/') {
        match seg {
            ".." => {
                assert!(parts.pop().is_some(), "{from}: {href} leaves the site");
            }
            "." | "" => {}
            s => parts.push(s),
        }
    }
    Some((parts.join("/"), frag))
}

#[test]
fn every_internal_link_resolves() {
    let (_tmp, files) = built();
    let pages = pages(&files);
    let mut links = 0;
    for page in pages.values() {
        for (selector, attr) in [("a[href]", "href"), ("link[href]", "href"), ("script[src]", "src")] {
            for el in page.html.select(&sel(selector)) {
                let href = el.value().attr(attr).unwrap();
                assert!(!href.to_ascii_lowercase().starts_with("javascript:"), "{}: {href}", page.path);
                let Some((target, frag)) = resolve(&page.path, href) else { continue };
                links += 1;
                assert!(!target.ends_with('/'), "{}: {href} needs an explicit index.html", page.path);
                assert!(files.contains_key(&target), "{}: {href} → {target} does not exist", page.path);
                if let Some(frag) = frag {
                    let t = &pages[&target];
                    assert!(t.ids.contains(&frag), "{}: {href}: no id {frag} in {target}", page.path);
                }
            }
        }
    }
    assert!(links > 1000, "only {links} links");
    // The pages the issue names are there.
    for p in ["index.html", "resolutions/index.html", "sessions/80/index.html", "sessions/61/index.html", "404.html"] {
        assert!(files.contains_key(p), "{p}");
    }
}

#[test]
fn two_builds_are_identical() {
    let (_a, first) = built();
    let (_b, second) = built();
    assert_eq!(first.keys().collect::<Vec<_>>(), second.keys().collect::<Vec<_>>());
    for (path, bytes) in &first {
        assert!(bytes == &second[path], "{path} differs between builds");
    }
}

#[test]
fn index_lists_every_resolution_in_symbol_order() {
    let (_tmp, files) = built();
    let page = parse("resolutions/index.html", &files["resolutions/index.html"]);
    let symbols: Vec<String> =
        page.html.select(&sel("table.res-table tbody tr td:first-child a")).map(|a| a.text().collect()).collect();
    assert_eq!(symbols.len(), 20);
    assert_eq!(symbols[0], "A/RES/57/174");
    assert_eq!(symbols[2], "A/RES/80/1");
    assert_eq!(symbols[3], "A/RES/80/2");
    assert_eq!(symbols.last().unwrap(), "A/RES/80/20");
    let home = parse("index.html", &files["index.html"]);
    let text: String = home.html.root_element().text().collect();
    assert!(text.contains("Eightieth session") && text.contains("First Committee"), "{text}");
}

#[test]
fn output_has_no_staging_leftovers() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    build(&repo(), &out).unwrap();
    build(&repo(), &out).unwrap();
    let names: Vec<String> =
        std::fs::read_dir(tmp.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(names, ["public"]);
    assert!(Path::new(&out).join("index.html").is_file());
}

/// The text of an element without footnote marks and popovers (`sup.fn`).
fn text_without_marks(el: scraper::ElementRef<'_>) -> String {
    let mut out = String::new();
    for node in el.descendants() {
        if let Some(t) = node.value().as_text() {
            let in_mark = node.ancestors().any(|a| {
                a.value().as_element().is_some_and(|e| {
                    e.name() == "sup" || e.has_class("permalink", scraper::CaseSensitivity::CaseSensitive)
                })
            });
            if !in_mark {
                out.push_str(t);
            }
        }
    }
    out
}
