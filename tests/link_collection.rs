//! The link stage on the bundled collection, read back from the built HTML with a
//! real parser: every citation link goes to the document its text names (none to
//! a wrong document), other bodies' resolutions are never linked, the cited
//! documents and series have their pages, and the output does not depend on the
//! number of threads.

mod build_support;

use build_support::*;
use plenary::link::Corpus;
use plenary::render;
use plenary::site::Site;
use regex::Regex;
use scraper::{ElementRef, Node};
use std::collections::BTreeMap;

fn built() -> (tempfile::TempDir, BTreeMap<String, Vec<u8>>) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    build(&repo(), &out).unwrap();
    let files = tree(&out);
    (tmp, files)
}

/// The path a link from page `from` leads to, from the site root (fragment apart);
/// `None` for a same-page or external link.
fn target_path(from: &str, href: &str) -> Option<(String, Option<String>)> {
    if href.contains("://") || href.starts_with('#') {
        return None;
    }
    let (path, frag) = match href.split_once('#') {
        Some((p, f)) => (p, Some(f.to_string())),
        None => (href, None),
    };
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for seg in path.split('/') {
        match seg {
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    Some((parts.join("/"), frag))
}

/// The symbol a citation link's target stands for: `A/RES/60/178` for
/// `documents/A/RES/60/178/index.html` or `A/RES/60/178/index.html`,
/// `UNTS 976/14152` for a treaty page.
fn linked_symbol(path: &str) -> String {
    let inner = path.strip_suffix("/index.html").unwrap_or(path);
    if let Some(treaty) = inner.strip_prefix("treaties/") {
        return format!("UNTS {treaty}");
    }
    inner.strip_prefix("documents/").unwrap_or(inner).to_string()
}

/// Each citation link of an element (paragraph or footnote) with the text that
/// precedes it in that element, leaving out footnote popovers (their links are
/// checked in the footnote list).
fn links_with_preceding_text(el: ElementRef<'_>) -> Vec<(String, ElementRef<'_>)> {
    let mut out = Vec::new();
    let mut text = String::new();
    for node in el.descendants() {
        let in_popover = node.ancestors().filter_map(ElementRef::wrap).any(|a| {
            a.value().classes().any(|c| c == "fn-pop" || c == "fn")
                || a.value().name() == "a" && a.value().classes().any(|c| c == "permalink")
        });
        if in_popover {
            continue;
        }
        match node.value() {
            Node::Text(t) => text.push_str(t),
            Node::Element(e) if e.name() == "a" && e.attr("title").is_some() => {
                out.push((text.clone(), ElementRef::wrap(node).unwrap()));
            }
            _ => {}
        }
    }
    out
}

/// Checks that the link text names the linked document; returns a description of
/// the problem, if any.
fn wrong_target(page: &str, preceding: &str, text: &str, href: &str) -> Option<String> {
    let squash = |s: &str| s.split_whitespace().collect::<String>();
    if let Some(frag) = href.strip_prefix('#') {
        // An internal reference: "1 (a)" → op1a (or II-op1a in a section).
        let wanted = squash(text).replace(['(', ')'], "");
        let ok = frag.ends_with(&format!("op{wanted}")) || frag.ends_with(&format!("p{wanted}"));
        let section = frag.strip_prefix("sec-").is_some_and(|s| s == text);
        return (!ok && !section).then(|| format!("{text} → #{frag}"));
    }
    let Some((path, _)) = target_path(page, href) else {
        return Some(format!("{text} → unexpected external link {href}"));
    };
    let symbol = linked_symbol(&path);
    let resolution_number = Regex::new(r"^(?:(?:S|ES)-)?\d+/\d+(?: [A-Z])?$").unwrap();
    // "S-20/4 A–E": the parts together are the resolution.
    let part_range = Regex::new(r"^((?:(?:S|ES)-)?\d+/\d+) [A-Z][–-][A-Z]$").unwrap();
    let session_form = Regex::new(r"^\d+(?: [A-Z])? \((?:\d{4}|[IVXL]+)\)$").unwrap();
    let treaty = Regex::new(r"vol\. (\d+), No\. (\d+)$").unwrap();
    let matches = if resolution_number.is_match(text) || session_form.is_match(text) {
        symbol.contains("/RES/") && symbol.ends_with(&format!("/{}", squash(text)))
    } else if let Some(caps) = part_range.captures(text) {
        symbol.contains("/RES/") && symbol.ends_with(&format!("/{}", &caps[1]))
    } else if let Some(caps) = treaty.captures(text) {
        symbol == format!("UNTS {}/{}", &caps[1], &caps[2])
    } else if text.contains('/') {
        symbol == squash(text)
    } else if text.starts_with("Corr.") {
        symbol.ends_with(&format!("/{text}"))
    } else if text.bytes().all(|b| b.is_ascii_digit()) && Regex::new(r"Corr\.\d+,? and $").unwrap().is_match(preceding)
    {
        // "E/2002/28 and Corr.1 and 2": the second corrigendum.
        symbol.ends_with(&format!("/Corr.{text}"))
    } else if let Some(caps) =
        (text.len() == 1).then(|| Regex::new(r"(\d+/\d+) [A-Z](?:,? and|,) $").unwrap().captures(preceding)).flatten()
    {
        // "36/87 A and B": another part of the same resolution.
        symbol.contains("/RES/") && symbol.ends_with(&format!("/{}{text}", &caps[1]))
    } else if text.starts_with("Ibid.") {
        // Repeats the previous footnote's work: checked by the recognizer's table.
        true
    } else {
        return Some(format!("{text} → {symbol}: link text of an unknown form"));
    };
    if !matches {
        return Some(format!("{text} → {symbol}"));
    }
    // The body named before the number decides the organ of the symbol.
    let tail: String = preceding.chars().rev().take(80).collect::<Vec<_>>().into_iter().rev().collect();
    let organ = [
        ("Economic and Social Council resolution", "E/RES/"),
        ("Security Council resolution", "S/RES/"),
        ("Human Rights Council resolution", "A/HRC/RES/"),
    ];
    for (words, prefix) in organ {
        let tail = tail.split_whitespace().collect::<Vec<_>>().join(" ");
        if tail.trim_end().ends_with(words) && !symbol.starts_with(prefix) {
            return Some(format!("{words} {text} → {symbol}"));
        }
    }
    None
}

#[test]
fn citation_links_name_the_document_they_lead_to() {
    let (_tmp, files) = built();
    let pages = pages(&files);
    let mut checked = 0;
    let mut wrong = Vec::new();
    for page in pages.values().filter(|p| p.path.starts_with("A/RES/")) {
        for el in page.html.select(&sel(".res-body .para > p, .res-body p, .footnote-list > li")) {
            for (preceding, a) in links_with_preceding_text(el) {
                let text = a.text().collect::<String>();
                let href = a.value().attr("href").unwrap();
                checked += 1;
                if let Some(problem) = wrong_target(&page.path, &preceding, &text, href) {
                    wrong.push(format!("{}: {problem}", page.path));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{} wrong links:\n{}", wrong.len(), wrong.join("\n"));
    assert!(checked > 300, "only {checked} citation links");
}

#[test]
fn other_bodies_resolutions_are_never_linked() {
    let (_tmp, files) = built();
    let pages = pages(&files);
    let mut seen = 0;
    let cnd = Regex::new(r"Commission on Narcotic Drugs resolutions?\s*$").unwrap();
    for page in pages.values().filter(|p| p.path.starts_with("A/RES/")) {
        for el in page.html.select(&sel(".res-body .para > p, .footnote-list > li")) {
            let text = el.text().collect::<String>();
            seen += text.matches("Commission on Narcotic Drugs resolution").count();
            for (preceding, a) in links_with_preceding_text(el) {
                assert!(
                    !cnd.is_match(&preceding),
                    "{}: a Commission on Narcotic Drugs resolution is linked: {}",
                    page.path,
                    a.html()
                );
            }
        }
    }
    assert!(seen >= 3, "the collection cites Commission on Narcotic Drugs resolutions {seen} times");
    // 57/174 pp9: "Commission on Narcotic Drugs resolution 45/7" is plain text.
    let page = &pages["A/RES/57/174/index.html"];
    let pp9 = page.html.select(&sel("#pp9 > p")).next().unwrap();
    assert!(pp9.text().collect::<String>().contains("resolution 45/7"));
    assert!(pp9.select(&sel("a[title]")).all(|a| !a.text().collect::<String>().contains("45/7")));
}

#[test]
fn the_seeds_link_what_they_cite() {
    let (_tmp, files) = built();
    let pages = pages(&files);
    let page = &pages["A/RES/61/183/index.html"];
    let link = |id: &str, text: &str| -> String {
        let el = page.html.select(&sel(&format!("[id=\"{id}\"] > p"))).next().unwrap();
        let a = el
            .select(&sel("a[title]"))
            .find(|a| a.text().collect::<String>() == text)
            .unwrap_or_else(|| panic!("{id}: no link on {text}"));
        target_path(&page.path, a.value().attr("href").unwrap()).unwrap().0
    };
    assert_eq!(link("pp1", "60/178"), "documents/A/RES/60/178/index.html");
    let ecosoc = pages["A/RES/61/183/index.html"]
        .html
        .select(&sel(".res-body .para > p"))
        .find(|p| p.text().collect::<String>().contains("Economic and Social Council resolution 2006/32"))
        .unwrap();
    let a = ecosoc.select(&sel("a[title]")).find(|a| a.text().collect::<String>() == "2006/32").unwrap();
    assert_eq!(
        target_path(&page.path, a.value().attr("href").unwrap()).unwrap().0,
        "documents/E/RES/2006/32/index.html"
    );

    // The document page lists the citing paragraph and links to undocs.org.
    let doc = &pages["documents/A/RES/60/178/index.html"];
    assert!(doc.html.select(&sel("a[href=\"https://undocs.org/A/RES/60/178\"]")).next().is_some());
    let places: Vec<String> = doc
        .html
        .select(&sel("a.citing-place"))
        .map(|a| target_path(&doc.path, a.value().attr("href").unwrap()).unwrap())
        .map(|(p, f)| format!("{p}#{}", f.unwrap_or_default()))
        .collect();
    assert_eq!(places, ["A/RES/61/183/index.html#pp1"]);

    // Treaties have pages too, reached through "Ibid." as well.
    assert!(files.contains_key("treaties/976/14152/index.html"));
    assert!(files.contains_key("treaties/1019/14956/index.html"));
    let treaty = &pages["treaties/1019/14956/index.html"];
    assert!(treaty.html.select(&sel("a[href]")).any(|a| a
        .value()
        .attr("href")
        .unwrap()
        .starts_with("https://treaties.un.org/")));

    // Internal references land on the paragraph they name.
    let page = &pages["A/RES/80/1/index.html"];
    let a = page.html.select(&sel("a[title][href=\"#op1a\"]")).next().expect("paragraph 1 (a) above is linked");
    assert_eq!(a.text().collect::<String>(), "1 (a)");
}

#[test]
fn the_seeds_make_a_series_with_previous_and_next() {
    let (_tmp, files) = built();
    let pages = pages(&files);
    let series = "series/international-cooperation-against-the-world-drug-problem/index.html";
    let page = &pages[series];
    let members: Vec<String> = page
        .html
        .select(&sel(".timeline a"))
        .map(|a| target_path(series, a.value().attr("href").unwrap()).unwrap().0)
        .collect();
    assert_eq!(members, ["A/RES/57/174/index.html", "A/RES/61/183/index.html"]);
    let step = |page: &str, class: &str| {
        pages[page]
            .html
            .select(&sel(&format!(".series-nav a.{class}")))
            .next()
            .map(|a| target_path(page, a.value().attr("href").unwrap()).unwrap().0)
    };
    assert_eq!(step("A/RES/57/174/index.html", "series-next").as_deref(), Some("A/RES/61/183/index.html"));
    assert_eq!(step("A/RES/57/174/index.html", "series-prev"), None);
    assert_eq!(step("A/RES/61/183/index.html", "series-prev").as_deref(), Some("A/RES/57/174/index.html"));
    assert_eq!(step("A/RES/61/183/index.html", "series-next"), None);
    // The index pages are linked from the home page.
    let home = &pages["index.html"];
    for target in ["series/index.html", "documents/index.html"] {
        assert!(home.html.select(&sel(&format!("main a[href=\"{target}\"]"))).next().is_some(), "{target}");
    }
}

#[test]
fn linking_does_not_depend_on_the_thread_count() {
    let site = Site::load(&repo()).unwrap();
    let render_with = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
        pool.install(|| {
            let corpus = Corpus::build(&site);
            render::render_site(&site, &corpus).unwrap().files
        })
    };
    let one = render_with(1);
    let four = render_with(4);
    assert_eq!(one.len(), four.len());
    for (path, bytes) in &one {
        assert!(four.get(path) == Some(bytes), "{path} differs with the thread count");
    }
}

#[test]
fn link_counts_on_the_bundled_collection() {
    let site = Site::load(&repo()).unwrap();
    let stats = Corpus::build(&site).stats();
    println!("{stats:?}");
    assert!(stats.citations > 300, "{stats:?}");
    assert_eq!(stats.internal, 2, "paragraph 1 (a) above (80/1), paragraph 8 above (80/12)");
    assert_eq!(stats.series, 1);
    assert!(stats.works > 100, "{stats:?}");
}
