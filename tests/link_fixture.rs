//! The link stage end to end on a small site written for it: resolution 71/5
//! cites resolution 70/1 with pinpoints (a paragraph, the annex, "Ibid."), cites
//! documents outside the site, refers to its own paragraphs and sections, and
//! names a Commission's resolution with the same number as 70/1. The built pages
//! are read back with an HTML parser.

mod build_support;

use build_support::*;
use std::collections::BTreeMap;

const CITED: &str = r#"+++
symbol = "A/RES/70/1"
body = "General Assembly"
number = "70/1"
title = "Cooperation on fixtures"
adopted = "2015-09-25"
series = "Fixture cooperation"
+++

{#formula} *The General Assembly*,

{#pp1} *Recalling* its earlier work,

{#op1} 1. *Decides* to begin;

{#op2} 2. *Requests* the following:

{#op2a} (a) a first thing;

{#op2b} (b) a second thing;

{#op3} 3. *Decides* to remain seized of the matter.

{#closing} 4th plenary meeting\
25 September 2015

## Annex {#annex}

{#annex-p1} 1. An annexed paragraph.
"#;

const CITING: &str = r#"+++
symbol = "A/RES/71/5"
body = "General Assembly"
number = "71/5"
title = "Cooperation on fixtures, again"
adopted = "2016-10-01"
series = "Fixture cooperation"
+++

{#formula} *The General Assembly*,

{#pp1} *Recalling* its resolution 70/1 of 25 September 2015,[^1]

{#pp2} *Recalling also* paragraph 2 (b) of resolution 70/1, Security Council resolution 1540 (2004) and Commission on Narcotic Drugs resolution 70/1,

## I. First part {#sec-I}

{#I-op1} 1. *Welcomes* the annex to resolution 70/1 and the report of the Secretary-General (A/70/100);[^2]

{#I-op2} 2. *Decides* that the measures set out in paragraph 1 above and in section II shall apply;

## II. Second part {#sec-II}

{#II-op1} 1. *Requests* a report;

{#II-op2} 2. *Recalls* paragraph 1 above and paragraph 3 of resolution 70/1;

{#closing} 9th plenary meeting\
1 October 2016

[^1]: Resolution 70/1.

[^2]: Ibid., annex.
"#;

fn built() -> (tempfile::TempDir, BTreeMap<String, Vec<u8>>) {
    let tmp = tempfile::tempdir().unwrap();
    site(tmp.path(), None, &[("content/A/RES/70/1.md", CITED), ("content/A/RES/71/5.md", CITING)]);
    let out = tmp.path().join("public");
    build(tmp.path(), &out).unwrap();
    let files = tree(&out);
    (tmp, files)
}

/// The citation links of element `id` on `page`, leaving out the footnote popovers
/// inside it: (text, href).
fn links(page: &Page, id: &str) -> Vec<(String, String)> {
    let selector = format!("[id=\"{id}\"] > p a[title], li[id=\"{id}\"] > a[title]");
    page.html
        .select(&sel(&selector))
        .filter(|a| {
            !a.ancestors()
                .filter_map(scraper::ElementRef::wrap)
                .any(|e| e.value().has_class("fn-pop", scraper::CaseSensitivity::CaseSensitive))
        })
        .map(|a| (a.text().collect::<String>(), a.value().attr("href").unwrap().to_string()))
        .collect()
}

fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
    items.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
}

#[test]
fn citations_link_to_the_pinpointed_paragraph() {
    let (_tmp, files) = built();
    let pages = pages(&files);
    let page = &pages["A/RES/71/5/index.html"];
    let to_70_1 = "../../../../A/RES/70/1/index.html";
    assert_eq!(links(page, "pp1"), pairs(&[("70/1", to_70_1)]));
    assert_eq!(
        links(page, "pp2"),
        pairs(&[
            ("70/1", &format!("{to_70_1}#op2b")),
            ("1540 (2004)", "../../../../documents/S/RES/1540(2004)/index.html"),
        ]),
        "the Commission's resolution 70/1 is not the Assembly's"
    );
    assert_eq!(
        links(page, "I-op1"),
        pairs(&[("70/1", &format!("{to_70_1}#annex")), ("A/70/100", "../../../../documents/A/70/100/index.html")])
    );
    // Internal references, read in the numbering of the section they stand in.
    assert_eq!(links(page, "I-op2"), pairs(&[("1", "#I-op1"), ("II", "#sec-II")]));
    assert_eq!(links(page, "II-op2"), pairs(&[("1", "#II-op1"), ("70/1", &format!("{to_70_1}#op3"))]));
    // Footnotes, with "Ibid." repeating the previous one's resolution.
    assert_eq!(links(page, "fn1"), pairs(&[("70/1", to_70_1)]));
    assert_eq!(links(page, "fn2"), pairs(&[("Ibid., annex", &format!("{to_70_1}#annex"))]));
}

#[test]
fn the_cited_resolution_lists_who_cites_it() {
    let (_tmp, files) = built();
    let pages = pages(&files);
    let page = &pages["A/RES/70/1/index.html"];
    let section = page.html.select(&sel("section#cited-by")).next().expect("a Cited by section");
    let places: Vec<(String, String)> = section
        .select(&sel("a.citing-place"))
        .map(|a| (a.text().collect::<String>(), a.value().attr("href").unwrap().to_string()))
        .collect();
    let at = |id: &str| format!("../../../../A/RES/71/5/index.html#{id}");
    assert_eq!(
        places,
        [
            ("pp 1".to_string(), at("pp1")),
            ("pp 2".to_string(), at("pp2")),
            ("sect. I, op 1".to_string(), at("I-op1")),
            ("sect. II, op 2".to_string(), at("II-op2")),
            ("fn 1".to_string(), at("fn1")),
            ("fn 2".to_string(), at("fn2")),
        ]
    );
    let text = section.text().collect::<String>();
    assert!(text.contains("6 places in 1 resolution"), "{text}");
    assert!(text.contains("(para. 2 (b))") && text.contains("(annex)"), "{text}");
    // Every backlink lands on an element of the citing page.
    let citing = &pages["A/RES/71/5/index.html"];
    for id in ["pp1", "pp2", "I-op1", "II-op2", "fn1", "fn2"] {
        assert!(citing.ids.contains(id), "{id}");
    }
    // 71/5 is cited by nobody.
    let none = pages["A/RES/71/5/index.html"].html.select(&sel("section#cited-by a.citing-place")).count();
    assert_eq!(none, 0);
}

#[test]
fn documents_outside_the_site_get_pages() {
    let (_tmp, files) = built();
    let pages = pages(&files);
    let page = &pages["documents/S/RES/1540(2004)/index.html"];
    let hrefs: Vec<&str> = page.html.select(&sel("main a[href]")).map(|a| a.value().attr("href").unwrap()).collect();
    assert!(hrefs.contains(&"https://undocs.org/S/RES/1540(2004)"), "{hrefs:?}");
    assert!(hrefs.contains(&"../../../../A/RES/71/5/index.html#pp2"), "{hrefs:?}");
    let index = &pages["documents/index.html"];
    let listed: Vec<String> = index.html.select(&sel(".doc-list > li > a")).map(|a| a.text().collect()).collect();
    assert_eq!(listed, ["A/RES/70/1", "A/70/100", "S/RES/1540(2004)"]);
}

#[test]
fn a_declared_series_has_a_timeline_and_steps() {
    let (_tmp, files) = built();
    let pages = pages(&files);
    let series = &pages["series/fixture-cooperation/index.html"];
    let members: Vec<String> = series.html.select(&sel(".timeline a")).map(|a| a.text().collect()).collect();
    assert_eq!(members, ["A/RES/70/1", "A/RES/71/5"]);
    let next = pages["A/RES/70/1/index.html"].html.select(&sel(".series-nav a.series-next")).next().unwrap();
    assert_eq!(next.value().attr("href"), Some("../../../../A/RES/71/5/index.html"));
    let prev = pages["A/RES/71/5/index.html"].html.select(&sel(".series-nav a.series-prev")).next().unwrap();
    assert_eq!(prev.value().attr("href"), Some("../../../../A/RES/70/1/index.html"));
    for page in pages.values() {
        assert!(page.duplicate_ids.is_empty(), "{}: {:?}", page.path, page.duplicate_ids);
    }
}
