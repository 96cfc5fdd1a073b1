//! The bundled collection's annotations, built and read back with an HTML parser:
//! margin notes with their own anchors beside the annotated elements, markers on
//! the elements, links that land, the list on each page, the index by resolution and
//! by tag, highlighted code and highlighted sources.

mod build_support;

use build_support::*;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

/// The built collection's files (parsed pages are not shareable between tests).
static FILES: LazyLock<BTreeMap<String, Vec<u8>>> = LazyLock::new(|| {
    let dir = tempfile::tempdir().unwrap();
    build(&repo(), &dir.path().join("public")).unwrap();
    tree(&dir.path().join("public"))
});

const SEEDS: [&str; 2] = ["A/RES/57/174/index.html", "A/RES/61/183/index.html"];

fn page(path: &str) -> Page {
    parse(path, FILES.get(path).unwrap_or_else(|| panic!("no page {path}")))
}

/// `href` from `from` as a (path from the site root, fragment) pair.
fn resolve(from: &str, href: &str) -> (String, Option<String>) {
    let (path, frag) = match href.split_once('#') {
        Some((p, f)) => (p, Some(f.to_string())),
        None => (href, None),
    };
    if path.is_empty() {
        return (from.to_string(), frag);
    }
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for seg in path.split('/') {
        match seg {
            ".." => {
                parts.pop();
            }
            "." => {}
            s => parts.push(s),
        }
    }
    (parts.join("/"), frag)
}

#[test]
fn margin_notes_sit_beside_their_paragraphs() {
    for path in SEEDS {
        let p = page(path);
        assert!(p.duplicate_ids.is_empty(), "{path}: {:?}", p.duplicate_ids);
        let notes: Vec<_> = p.html.select(&sel(".ann-note")).collect();
        assert!(notes.len() >= 7, "{path}: {} notes", notes.len());
        for note in notes {
            let id = note.value().attr("id").unwrap();
            assert!(id.starts_with("ann-"), "{id}");
            assert_eq!(note.value().attr("role"), Some("note"));
            let head = note.select(&sel(".ann-head a.ann-num")).next().unwrap();
            assert_eq!(head.value().attr("href"), Some(format!("#{id}").as_str()), "the note links to itself");
            let parent = note.parent().and_then(scraper::ElementRef::wrap).unwrap();
            if parent.value().attr("id") == Some("annotations-general") {
                continue;
            }
            // The note sits in the element it annotates (or just before a <p> or heading).
            let target = note.select(&sel(".ann-on a")).next().unwrap().value().attr("href").unwrap();
            let target = &target[1..];
            let holder = parent.value().attr("id").unwrap_or_default();
            let next_id = note
                .next_siblings()
                .filter_map(scraper::ElementRef::wrap)
                .find(|e| e.value().attr("id").is_some())
                .and_then(|e| e.value().attr("id"));
            assert!(holder == target || next_id == Some(target), "{path}: {id} is not beside #{target}");
            // A marker on the element opens it.
            let marker = format!("a.ann-marker[href=\"#{id}\"]");
            assert_eq!(p.html.select(&sel(&marker)).count(), 1, "{path}: one marker for {id}");
        }
    }
    let p = page("A/RES/61/183/index.html");
    assert_eq!(p.html.select(&sel("#op33 > .ann-note#ann-op33")).count(), 1);
    assert_eq!(p.html.select(&sel("#op33 > p > a.ann-marker[aria-controls=\"ann-op33\"]")).count(), 1);
    assert_eq!(p.html.select(&sel("#notes #fn12 > .ann-note#ann-fn12")).count(), 1, "footnotes take notes too");
    let p = page("A/RES/57/174/index.html");
    assert_eq!(p.html.select(&sel("#sec-IV > .ann-note#ann-sec-IV")).count(), 1, "sections take notes");
    assert_eq!(p.html.select(&sel("#IV-op3e > .ann-note#ann-IV-op3e")).count(), 1);
}

#[test]
fn every_link_in_a_note_lands() {
    let all = pages(&FILES);
    let mut checked = 0;
    for path in SEEDS {
        for a in page(path).html.select(&sel(".ann-note a[href], .annotations a[href]")) {
            let href = a.value().attr("href").unwrap();
            if href.starts_with("https://") {
                continue;
            }
            let (target, frag) = resolve(path, href);
            let target_page = all.get(&target).unwrap_or_else(|| panic!("{path}: {href} → no page {target}"));
            if let Some(f) = frag {
                assert!(target_page.ids.contains(&f), "{path}: {href} → {target} has no #{f}");
            }
            checked += 1;
        }
    }
    assert!(checked > 60, "{checked} links");
    // Cross-resolution links are relative and land on the other seed.
    let p = page("A/RES/61/183/index.html");
    let hrefs: BTreeSet<&str> =
        p.html.select(&sel("#ann-op20 a[href]")).map(|a| a.value().attr("href").unwrap()).collect();
    assert!(hrefs.contains("../../../../A/RES/57/174/index.html#II-op8"), "{hrefs:?}");
}

#[test]
fn each_page_lists_its_notes_and_the_index_lists_them_all() {
    let mut anchors: BTreeSet<String> = BTreeSet::new();
    for path in SEEDS {
        let p = page(path);
        let listed: Vec<_> = p.html.select(&sel("#annotations .ann-list > li > a:first-child")).collect();
        let notes = p.html.select(&sel(".ann-note")).count();
        assert_eq!(listed.len(), notes, "{path}: the list names every note");
        for a in listed {
            anchors.insert(format!("{path}{}", a.value().attr("href").unwrap()));
        }
        assert_eq!(p.html.select(&sel(".site-nav a[href=\"../../../../annotations/index.html\"]")).count(), 1);
    }
    let index = page("annotations/index.html");
    let by_resolution: BTreeSet<String> = index
        .html
        .select(&sel("#by-resolution .ann-list > li > a:first-child"))
        .map(|a| match resolve("annotations/index.html", a.value().attr("href").unwrap()) {
            (path, Some(frag)) => format!("{path}#{frag}"),
            (path, None) => path,
        })
        .collect();
    assert_eq!(by_resolution, anchors, "the index lists every note, by resolution");
    let headings: Vec<String> =
        index.html.select(&sel("#by-resolution h3 a")).map(|a| a.text().collect::<String>()).collect();
    assert_eq!(headings, ["A/RES/57/174", "A/RES/61/183"]);
    let tags: Vec<String> =
        index.html.select(&sel("#by-tag h3")).map(|h| h.value().attr("id").unwrap().into()).collect();
    for tag in ["tag-57-174-61-183", "tag-drug-control-conventions", "tag-precursors", "tag-unodc"] {
        assert!(tags.iter().any(|t| t == tag), "no {tag} in {tags:?}");
    }
    let mut sorted = tags.clone();
    sorted.sort();
    assert_eq!(tags, sorted, "tags in alphabetical order");
    let unodc = index.html.select(&sel("#tag-unodc + ul > li")).count();
    assert_eq!(unodc, 4, "notes tagged UNODC");
    // Tag links in the notes land on the index.
    let p = page("A/RES/61/183/index.html");
    let tag_link = p.html.select(&sel("#ann-op33 .ann-tags a")).next().unwrap();
    let (target, frag) = resolve("A/RES/61/183/index.html", tag_link.value().attr("href").unwrap());
    assert_eq!(target, "annotations/index.html");
    assert!(index.ids.contains(&frag.unwrap()));
}

#[test]
fn notes_are_full_markdown_with_highlighted_code() {
    let p = page("A/RES/61/183/index.html");
    assert!(p.html.select(&sel("#ann-op33 .ann-table table tbody tr")).count() >= 10, "a table");
    assert_eq!(p.html.select(&sel("#ann-op1 blockquote")).count(), 1, "a block quote");
    let json = p.html.select(&sel("#ann-op33 pre.hl-code code.language-json")).next().expect("a JSON block");
    assert!(json.inner_html().contains("<span class=\"hl-"), "highlighted");
    let p = page("A/RES/57/174/index.html");
    for lang in ["xml", "toml", "sh"] {
        let code = p.html.select(&sel(&format!("pre.hl-code code.language-{lang}"))).next();
        let code = code.unwrap_or_else(|| panic!("no {lang} block"));
        assert!(code.inner_html().contains("<span class=\"hl-"), "{lang} is highlighted");
    }
    // The +++ lines of the TOML example stayed inside the code block.
    let toml = p.html.select(&sel("#ann-resolution code.language-toml")).next().unwrap();
    assert!(toml.text().collect::<String>().contains("+++\ntarget = \"sec_II__para_8\""));
    let css = std::str::from_utf8(&FILES["static/highlight.css"]).unwrap();
    assert!(css.contains(".hl-code") && css.contains("@media (prefers-color-scheme: dark)"));
    assert!(p.html.select(&sel("link[href=\"../../../../static/highlight.css\"]")).count() == 1);
}

#[test]
fn every_resolution_offers_its_highlighted_source() {
    let resolutions: Vec<&String> =
        FILES.keys().filter(|k| k.starts_with("A/RES/") && k.ends_with("/index.html")).collect();
    assert_eq!(resolutions.len(), 20);
    for path in resolutions {
        let p = page(path);
        assert_eq!(p.html.select(&sel(".res-links a[href=\"source.html\"]")).count(), 1, "{path}");
        let source_path = path.replace("index.html", "source.html");
        let source = page(&source_path);
        let code = source.html.select(&sel("pre.hl-code.source-code")).next().unwrap();
        let html = code.inner_html();
        assert!(html.contains("hl-entity hl-name hl-tag hl-key hl-toml"), "{source_path}: front matter as TOML");
        assert!(html.contains("hl-entity hl-name hl-tag hl-anchor"), "{source_path}: ids highlighted");
        let markdown = std::str::from_utf8(&FILES[&path.replace("index.html", "index.md")]).unwrap();
        assert_eq!(code.text().collect::<String>(), markdown, "{source_path}: the text is the whole source");
    }
}

#[test]
fn pages_without_notes_are_unchanged() {
    let p = page("A/RES/80/14/index.html");
    assert_eq!(p.html.select(&sel(".ann-note, .ann-marker, #annotations")).count(), 0);
    assert_eq!(p.html.select(&sel("link[href$=\"annotations.css\"]")).count(), 0);
}
