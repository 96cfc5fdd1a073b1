//! The search index of the built bundled collection, read the way the browser
//! reads it (static/search.js): a phrase from a sub-paragraph of 61/183 leads to
//! that sub-paragraph's document, whose link lands on its anchor; every document
//! of every resolution is indexed with an anchor that exists on its page; the
//! filters' values are right; the index is the same on every build; and a generated
//! collection tokenized in several batches gets the index made document by document.

mod discover_support;

use discover_support::*;
use plenary::render::discover::search::tokenize;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

struct Index {
    meta: Value,
    shards: Vec<String>,
}

fn index(built: &Built) -> Index {
    let meta = js_call(&built.text("search/meta.js"), "meta").remove(0);
    let shards = meta["shards"].as_array().unwrap().iter().map(|k| k.as_str().unwrap().to_string()).collect();
    Index { meta, shards }
}

/// The documents holding `word` exactly: document number → frequency (capped at 7).
fn postings(built: &Built, index: &Index, word: &str) -> BTreeMap<u64, u64> {
    let mut out = BTreeMap::new();
    for (i, key) in index.shards.iter().enumerate() {
        if !word.starts_with(key.as_str()) {
            continue;
        }
        let args = js_call(&built.text(&format!("search/terms/{i}.js")), "terms");
        assert_eq!(args[0], i as u64);
        if let Some(list) = args[1].get(word) {
            let mut doc = 0;
            for v in list.as_array().unwrap() {
                let v = v.as_u64().unwrap();
                doc += v / 8;
                out.insert(doc, v % 8);
            }
        }
    }
    out
}

/// The resolution (index) of a document number, and the document: anchor, label, text.
fn document(built: &Built, index: &Index, doc: u64) -> (usize, Vec<String>) {
    let res = index.meta["res"].as_array().unwrap();
    let r = res.iter().rposition(|e| e[6].as_u64().unwrap() <= doc).unwrap();
    let i = (doc - res[r][6].as_u64().unwrap()) as usize;
    let (docs, _) = texts(built, index, r);
    (r, docs[i].clone())
}

/// Every document of resolution `r` from its text files: (anchor, label, text) and
/// how many files there are.
fn texts(built: &Built, index: &Index, r: usize) -> (Vec<Vec<String>>, usize) {
    let chunk = index.meta["chunk"].as_u64().unwrap() as usize;
    let mut out = Vec::new();
    let mut k = 0;
    while let Some(bytes) = built.files.get(&format!("search/text/{r}-{k}.js")) {
        let args = js_call(std::str::from_utf8(bytes).unwrap(), "text");
        assert_eq!(args[0], format!("{r}-{k}"));
        let docs = args[1].as_array().unwrap();
        assert!(docs.len() <= chunk && !docs.is_empty());
        for d in docs {
            out.push(d.as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_string()).collect());
        }
        k += 1;
    }
    (out, k)
}

#[test]
fn a_phrase_from_a_sub_paragraph_finds_it() {
    let built = build(None);
    let index = index(&built);
    let phrase = "seek additional extrabudgetary resources for its publication";
    let terms = tokenize::terms(phrase);
    assert_eq!(terms, ["seek", "additional", "extrabudgetary", "resources", "publication"]);
    let mut found: Option<BTreeSet<u64>> = None;
    for t in &terms {
        let docs: BTreeSet<u64> = postings(&built, &index, t).into_keys().collect();
        found = Some(match found {
            None => docs,
            Some(f) => f.intersection(&docs).copied().collect(),
        });
    }
    let hits: Vec<(String, String, String)> = found
        .unwrap()
        .into_iter()
        .map(|d| {
            let (r, e) = document(&built, &index, d);
            let path = index.meta["res"][r][2].as_str().unwrap().to_string();
            (path, e[0].clone(), e[1].clone())
        })
        .collect();
    let want = ("A/RES/61/183/index.html".to_string(), "op33g".to_string(), "Paragraph 33 (g)".to_string());
    assert!(hits.contains(&want), "{hits:?}");
    // The search page links `../` + path + `#` + anchor: the page has that id.
    let page = built.text("A/RES/61/183/index.html");
    assert!(page.contains("id=\"op33g\""));
    // The stored text holds the phrase as written, for phrase checks and excerpts.
    let d = *postings(&built, &index, "extrabudgetary")
        .keys()
        .find(|&&d| {
            document(&built, &index, d).1[0] == "op33g"
                && index.meta["res"][document(&built, &index, d).0][0] == "A/RES/61/183"
        })
        .unwrap();
    assert!(document(&built, &index, d).1[2].contains(phrase));
}

#[test]
fn every_document_is_indexed_with_an_anchor_of_its_page() {
    let built = build(None);
    let index = index(&built);
    let res = index.meta["res"].as_array().unwrap();
    assert_eq!(res.len(), built.site.resolutions.len());
    let mut total = 0u64;
    for (r, entry) in res.iter().enumerate() {
        let symbol = entry[0].as_str().unwrap();
        let source = &built.site.resolutions[r];
        assert_eq!(symbol, source.resolution.meta.symbol);
        assert_eq!(entry[6].as_u64().unwrap(), total, "{symbol}: documents are numbered in order");
        let page = built.text(entry[2].as_str().unwrap());
        let (docs, files) = texts(&built, &index, r);
        assert_eq!(files, docs.len().div_ceil(index.meta["chunk"].as_u64().unwrap() as usize), "{symbol}");
        assert_eq!(docs[0][1], "Title", "{symbol}");
        let ids = source.resolution.ids();
        for d in &docs {
            let anchor = d[0].as_str();
            if !anchor.is_empty() {
                assert!(ids.iter().any(|i| i == anchor), "{symbol}: {anchor} is no id of the resolution");
                assert!(page.contains(&format!("id=\"{anchor}\"")), "{symbol}: no #{anchor} on the page");
            }
        }
        // Every paragraph and footnote is a document.
        let anchors: BTreeSet<&str> = docs.iter().map(|d| d[0].as_str()).collect();
        source.resolution.visit(|v| {
            if let plenary::model::Visit::Paragraph(p) = v {
                if !p.text.is_empty() {
                    assert!(anchors.contains(p.id.as_str()), "{symbol}: {} not indexed", p.id);
                }
            }
        });
        for n in &source.resolution.footnotes {
            assert!(anchors.contains(format!("fn{}", n.n).as_str()), "{symbol}: note {} not indexed", n.n);
        }
        total += docs.len() as u64;
    }
    assert_eq!(index.meta["docs"], total);
    // Stop words are not indexed; every shard is referenced.
    for (i, _) in index.shards.iter().enumerate() {
        assert!(built.files.contains_key(&format!("search/terms/{i}.js")));
    }
    assert!(!built.files.contains_key(&format!("search/terms/{}.js", index.shards.len())));
    assert!(postings(&built, &index, "the").is_empty());
    assert!(!postings(&built, &index, "drug").is_empty());
}

#[test]
fn filters_know_sessions_bodies_and_years() {
    let built = build(None);
    let index = index(&built);
    let sessions: Vec<&str> =
        index.meta["sessions"].as_array().unwrap().iter().map(|s| s[0].as_str().unwrap()).collect();
    assert_eq!(sessions, ["80", "61", "57"], "newest first");
    assert_eq!(index.meta["sessions"][1][1], "Sixty-first session");
    assert_eq!(index.meta["bodies"], serde_json::json!(["General Assembly"]));
    assert_eq!(index.meta["years"], serde_json::json!(["2025", "2006", "2002"]));
    let res = index.meta["res"].as_array().unwrap();
    let r = res.iter().find(|e| e[0] == "A/RES/61/183").unwrap();
    assert_eq!((r[3].as_i64(), r[4].as_i64(), r[5].as_i64()), (Some(1), Some(0), Some(1)));
}

#[test]
fn the_search_page_and_header_box() {
    let built = build(None);
    let page = built.text("search/index.html");
    for needle in [
        "<input id=\"search-q\" type=\"search\" name=\"q\"",
        "<select id=\"search-session\" name=\"session\">",
        "<select id=\"search-body\" name=\"body\">",
        "<select id=\"search-year\" name=\"year\">",
        "data-root=\"../\"",
        "src=\"../static/search.js\"",
    ] {
        assert!(page.contains(needle), "search page: {needle}");
    }
    let home = built.text("index.html");
    assert!(home.contains("<form class=\"site-search\" role=\"search\" action=\"search/index.html\" method=\"get\">"));
    let res = built.text("A/RES/61/183/index.html");
    assert!(res.contains("action=\"../../../../search/index.html\""));
}

#[test]
fn the_index_is_the_same_on_every_build() {
    let a = build(None);
    let b = build(None);
    let search = |built: &Built| -> BTreeMap<String, Vec<u8>> {
        built.files.iter().filter(|(p, _)| p.starts_with("search/")).map(|(p, b)| (p.clone(), b.clone())).collect()
    };
    assert!(search(&a) == search(&b), "two builds wrote different search indexes");
}

#[test]
fn the_index_of_a_collection_of_several_batches_is_the_one_made_document_by_document() {
    use plenary::render::discover::search::{self, entries, BATCH};
    use plenary::site::{content, Site};
    let dir = tempfile::tempdir().unwrap();
    let repo = repo().join("content");
    let templates: Vec<_> = content::load_dir(&repo, &repo).unwrap().into_iter().map(|s| s.resolution).collect();
    let count = 2 * BATCH + 50;
    plenary::generate::generate(&templates, count, &dir.path().join("site"), &|| {}).unwrap();
    let site = Site::load(&dir.path().join("site")).unwrap();
    let files = std::sync::Mutex::new(BTreeMap::new());
    search::files(&site, &|path, bytes| {
        assert!(files.lock().unwrap().insert(path.clone(), bytes).is_none(), "{path} written twice");
        Ok(())
    })
    .unwrap();
    let built =
        Built { tmp: tempfile::tempdir().unwrap(), out: dir.path().into(), site, files: files.into_inner().unwrap() };

    // By hand: documents numbered in site order, each term's documents and frequencies.
    let mut expected: BTreeMap<String, BTreeMap<u64, u64>> = BTreeMap::new();
    let mut firsts = Vec::new();
    let mut doc = 0u64;
    for source in &built.site.resolutions {
        firsts.push(doc);
        for e in entries::entries(&source.resolution) {
            for term in tokenize::terms(&e.text) {
                *expected.entry(term).or_default().entry(doc).or_default() += 1;
            }
            doc += 1;
        }
    }
    let index = index(&built);
    assert_eq!(index.meta["docs"], doc);
    let res = index.meta["res"].as_array().unwrap();
    assert_eq!(res.len(), count);
    for (r, first) in firsts.iter().enumerate() {
        assert_eq!(res[r][6], *first, "first document of resolution {r}");
        assert_eq!(res[r][0], built.site.resolutions[r].resolution.meta.symbol.as_str());
    }
    let mut found = 0;
    for (i, _) in index.shards.iter().enumerate() {
        let args = js_call(&built.text(&format!("search/terms/{i}.js")), "terms");
        for (term, list) in args[1].as_object().unwrap() {
            let mut got = BTreeMap::new();
            let mut doc = 0;
            for v in list.as_array().unwrap() {
                doc += v.as_u64().unwrap() / 8;
                got.insert(doc, v.as_u64().unwrap() % 8);
            }
            let want: BTreeMap<u64, u64> = expected[term].iter().map(|(&d, &n)| (d, n.min(7))).collect();
            assert_eq!(got, want, "postings of {term:?}");
            found += 1;
        }
    }
    assert_eq!(found, expected.len(), "every term is in a shard");
}
