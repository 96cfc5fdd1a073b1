//! Structured data of the built bundled collection: every resolution page carries
//! one schema.org `Legislation` in JSON-LD, of the right shape, with its citations,
//! and Open Graph tags; with a base URL, `@id`, `url` and `og:url` are absolute.

mod discover_support;

use discover_support::*;
use scraper::{Html, Selector};
use serde_json::Value;

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

/// The JSON-LD objects and Open Graph properties of a page.
fn head(html: &str) -> (Vec<Value>, Vec<(String, String)>) {
    let doc = Html::parse_document(html);
    let ld = doc
        .select(&sel("script[type=\"application/ld+json\"]"))
        .map(|s| {
            let text: String = s.text().collect();
            assert!(!text.contains('<'), "JSON-LD must escape <");
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("JSON-LD does not parse: {e}\n{text}"))
        })
        .collect();
    let og = doc
        .select(&sel("meta[property]"))
        .map(|m| (m.value().attr("property").unwrap().to_string(), m.value().attr("content").unwrap().to_string()))
        .collect();
    (ld, og)
}

fn string<'a>(v: &'a Value, key: &str, page: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or_else(|| panic!("{page}: `{key}` must be a string in {v:#}"))
}

fn og<'a>(tags: &'a [(String, String)], property: &str) -> Option<&'a str> {
    tags.iter().find(|(p, _)| p == property).map(|(_, c)| c.as_str())
}

#[test]
fn every_resolution_page_has_a_legislation_in_json_ld() {
    let built = build(None);
    assert_eq!(built.site.resolutions.len(), 20);
    for source in &built.site.resolutions {
        let m = &source.resolution.meta;
        let page = format!("{}/index.html", m.symbol);
        let (ld, tags) = head(&built.text(&page));
        assert_eq!(ld.len(), 1, "{page}: one JSON-LD block");
        let l = &ld[0];
        assert_eq!(l["@context"], "https://schema.org", "{page}");
        assert_eq!(l["@type"], "Legislation", "{page}");
        assert_eq!(string(l, "identifier", &page), m.symbol);
        assert_eq!(string(l, "legislationIdentifier", &page), m.symbol);
        assert_eq!(string(l, "name", &page), m.title);
        assert_eq!(l.get("legislationDate").and_then(Value::as_str), m.adopted.as_deref(), "{page}");
        assert_eq!(l.get("datePublished").and_then(Value::as_str), m.distributed.as_deref(), "{page}");
        let by = &l["legislationPassedBy"];
        assert_eq!(by["@type"], "Organization", "{page}");
        assert_eq!(string(by, "name", &page), "General Assembly of the United Nations");
        assert_eq!(string(l, "legislationJurisdiction", &page), "United Nations");
        assert_eq!(string(l, "inLanguage", &page), "en");
        assert_eq!(string(l, "sameAs", &page), format!("https://undocs.org/{}", m.symbol));
        assert!(l.get("@id").is_none() && l.get("url").is_none(), "{page}: no @id without a base URL");

        let encoding = l["encoding"].as_array().unwrap_or_else(|| panic!("{page}: encoding must be a list"));
        let formats: Vec<&str> = encoding.iter().map(|e| string(e, "encodingFormat", &page)).collect();
        assert_eq!(formats, ["application/json", "text/markdown", "application/akn+xml"], "{page}");
        for e in encoding {
            assert_eq!(e["@type"], "MediaObject", "{page}");
            let (target, _) = resolve(&page, string(e, "contentUrl", &page)).unwrap();
            assert!(built.files.contains_key(&target), "{page}: encoding {target} does not exist");
        }

        let citations = l["citation"].as_array().unwrap_or_else(|| panic!("{page}: citation must be a list"));
        for c in citations {
            let kind = string(c, "@type", &page);
            assert!(["Legislation", "CreativeWork"].contains(&kind), "{page}: citation type {kind}");
            if let Some(id) = c.get("identifier") {
                let id = id.as_str().unwrap();
                assert_ne!(id, m.symbol, "{page}: cites itself");
                let url = string(c, "url", &page);
                match resolve(&page, url) {
                    Some((target, _)) => assert!(built.files.contains_key(&target), "{page}: {url}"),
                    None => assert_eq!(url, format!("https://undocs.org/{id}"), "{page}"),
                }
            } else {
                assert!(string(c, "name", &page).contains("Treaty Series"), "{page}: {c}");
            }
        }

        assert_eq!(og(&tags, "og:type"), Some("article"), "{page}");
        assert_eq!(og(&tags, "og:title"), Some(format!("{} — {}", m.symbol, m.title).as_str()), "{page}");
        assert!(og(&tags, "og:description").is_some_and(|d| d.starts_with("Resolution ")), "{page}");
        assert_eq!(og(&tags, "og:url"), None, "{page}: og:url needs a base URL");
    }
}

#[test]
fn citations_are_the_documents_the_text_cites() {
    let built = build(None);
    let (ld, _) = head(&built.text("A/RES/61/183/index.html"));
    let cited: Vec<&str> =
        ld[0]["citation"].as_array().unwrap().iter().filter_map(|c| c["identifier"].as_str()).collect();
    // "the United Nations Millennium Declaration (resolution 55/2)", the report A/61/221.
    for symbol in ["A/RES/55/2", "A/61/221"] {
        assert!(cited.contains(&symbol), "61/183 cites {symbol}: {cited:?}");
    }
    let mut sorted = cited.clone();
    sorted.sort_by(|a, b| plenary::site::content::compare_symbols(a, b));
    assert_eq!(cited, sorted, "citations in symbol order");
}

/// The link stage hands the renderer the documents and treaties it found; the
/// page's citations are then those the page recognises by itself without it.
#[test]
fn citations_from_the_link_stage_are_those_recognised_on_the_page() {
    let alone = build(None);
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    plenary::render::build(&alone.site, &out, &plenary::link::Corpus::build(&alone.site)).unwrap();
    let linked = tree(&out);
    let mut total = 0;
    for source in &alone.site.resolutions {
        let page = format!("{}/index.html", source.resolution.meta.symbol);
        let citations = |html: &str| head(html).0[0]["citation"].clone();
        let expected = citations(&alone.text(&page));
        total += expected.as_array().unwrap().len();
        let got = citations(std::str::from_utf8(&linked[&page]).unwrap());
        assert_eq!(got, expected, "{page}: citations with the link stage");
    }
    assert!(total > 100, "the bundled pages cite only {total} documents and treaties");
}

#[test]
fn a_cited_resolution_in_the_collection_is_linked_there() {
    let tmp = tempfile::tempdir().unwrap();
    let content = repo().join("content/A/RES");
    let dir = tmp.path().join("content/A/RES");
    std::fs::create_dir_all(dir.join("57")).unwrap();
    std::fs::create_dir_all(dir.join("61")).unwrap();
    std::fs::copy(content.join("57/174.md"), dir.join("57/174.md")).unwrap();
    let md = std::fs::read_to_string(content.join("61/183.md")).unwrap();
    assert!(md.contains("resolution 55/2."));
    std::fs::write(dir.join("61/183.md"), md.replacen("resolution 55/2.", "resolution 57/174.", 1)).unwrap();
    let site = plenary::site::Site::load(tmp.path()).unwrap();
    let out = tmp.path().join("public");
    plenary::render::build(&site, &out, &plenary::render::NoLinks).unwrap();
    let html = std::fs::read_to_string(out.join("A/RES/61/183/index.html")).unwrap();
    let (ld, _) = head(&html);
    let citation = ld[0]["citation"].as_array().unwrap().iter().find(|c| c["identifier"] == "A/RES/57/174").cloned();
    assert_eq!(citation.unwrap()["url"], "../../../../A/RES/57/174/index.html");
}

#[test]
fn with_a_base_url_ids_and_og_urls_are_absolute() {
    let built = build(Some(BASE_URL));
    let page = "A/RES/61/183/index.html";
    let (ld, tags) = head(&built.text(page));
    let url = format!("{BASE_URL}A/RES/61/183/");
    assert_eq!(ld[0]["@id"], url.as_str());
    assert_eq!(ld[0]["url"], url.as_str());
    assert_eq!(og(&tags, "og:url"), Some(url.as_str()));
    for e in ld[0]["encoding"].as_array().unwrap() {
        assert!(e["contentUrl"].as_str().unwrap().starts_with(&url), "{e}");
    }
    let (ld, tags) = head(&built.text("index.html"));
    assert!(ld.is_empty(), "the home page is not a Legislation");
    assert_eq!(og(&tags, "og:type"), Some("website"));
    assert_eq!(og(&tags, "og:url"), Some(BASE_URL));
}
