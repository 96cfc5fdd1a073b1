//! Series lineage on the built site: each paragraph of A/RES/61/183 says what became
//! of it since A/RES/57/174 (unchanged, changed with a word-level diff, new), the page
//! lists what 57/174 had and 61/183 dropped, and the comparison page shows both texts
//! side by side; along a longer (generated) series, each paragraph names where its
//! language first appears. Read back with a real HTML parser.

mod build_support;

use build_support::*;
use scraper::{Html, Selector};

fn page(files: &std::collections::BTreeMap<String, Vec<u8>>, path: &str) -> Html {
    Html::parse_document(std::str::from_utf8(files.get(path).unwrap_or_else(|| panic!("{path} built"))).unwrap())
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

#[test]
fn paragraphs_say_what_changed_since_the_previous_version() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    build(&repo(), &out).unwrap();
    let files = tree(&out);
    let doc = page(&files, "A/RES/61/183/index.html");
    // op1 repeats 57/174 I.1 and adds the principles of equal rights and mutual respect.
    let op1 = doc.select(&sel("#op1 > details.lineage-changed")).next().expect("op1 changed since 57/174");
    let link = op1.select(&sel("div a")).next().unwrap();
    assert_eq!(link.value().attr("href"), Some("../../../../A/RES/57/174/index.html#I-op1"));
    assert!(op1.select(&sel("summary a")).next().is_none(), "no link inside the summary");
    let inserted: String = op1.select(&sel("ins")).map(|i| i.text().collect::<String>()).collect();
    assert!(inserted.contains("equal rights and mutual respect"), "{inserted}");
    // op33 (a)–(d) repeat IV.3 (a)–(d).
    for (now, then) in [("op33a", "IV-op3a"), ("op33b", "IV-op3b"), ("op33c", "IV-op3c"), ("op33d", "IV-op3d")] {
        let status = doc.select(&sel(&format!("#{now} > .lineage"))).next().unwrap_or_else(|| panic!("{now}"));
        let link = status.select(&sel("a")).next().unwrap();
        assert!(link.value().attr("href").unwrap().ends_with(&format!("#{then}")), "{now} ↔ {then}");
    }
    // Every paragraph and sub-paragraph has its line.
    let paragraphs = doc.select(&sel("div.para")).count();
    let statuses = doc.select(&sel("div.para > .lineage")).count();
    assert_eq!(statuses, paragraphs, "each of the {paragraphs} paragraphs says what became of it");
    // IV.3 (e) of 57/174 has no counterpart: listed as not carried forward.
    let removed: Vec<String> =
        doc.select(&sel("#changes .lineage-removed a")).map(|a| a.text().collect::<String>()).collect();
    assert!(removed.contains(&"IV-op3e".to_string()), "{removed:?}");
    // The comparison page holds both texts, row by row.
    let compare_href = doc
        .select(&sel("#changes a"))
        .filter_map(|a| a.value().attr("href"))
        .find(|h| h.contains("compare"))
        .expect("link to the comparison page");
    assert_eq!(compare_href, "../../../../series/compare/A-RES-57-174--A-RES-61-183/index.html");
    let compare = page(&files, "series/compare/A-RES-57-174--A-RES-61-183/index.html");
    let rows = compare.select(&sel(".compare-table tbody tr")).count();
    assert!(rows >= 66, "every paragraph of 61/183 has its row: {rows}");
    assert!(compare.select(&sel("tr.compare-changed ins")).next().is_some());
    for row in compare.select(&sel("tr.compare-changed")) {
        assert_eq!(row.select(&sel("td")).count(), 2, "a changed paragraph has both texts");
    }
    // A paragraph the same in both is shown once, across both columns, linked in both.
    let same: Vec<_> = compare.select(&sel("tr.compare-unchanged > td[colspan=\"2\"]")).collect();
    assert!(!same.is_empty(), "op33 (g) of 61/183 is IV.3 (g) of 57/174, word for word");
    for cell in same {
        let hrefs: Vec<&str> = cell.select(&sel("a.compare-id")).filter_map(|a| a.value().attr("href")).collect();
        assert_eq!(hrefs.len(), 2, "{hrefs:?}");
        assert!(hrefs[0].contains("A/RES/57/174/") && hrefs[1].contains("A/RES/61/183/"), "{hrefs:?}");
    }
    // The older version has no previous one: no lineage there.
    let older = page(&files, "A/RES/57/174/index.html");
    assert!(older.select(&sel(".lineage")).next().is_none());
}

/// Along a series of three or more versions, a paragraph also says where its language
/// first appears: in a generated collection of three sessions, the latest version's
/// unchanged paragraphs name the first one, linked.
#[test]
fn paragraphs_of_a_longer_series_name_where_their_language_first_appears() {
    use plenary::site::{content, Site};
    let tmp = tempfile::tempdir().unwrap();
    let bundled = repo().join("content");
    let templates: Vec<_> = content::load_dir(&bundled, &bundled).unwrap().into_iter().map(|s| s.resolution).collect();
    plenary::generate::generate(&templates, 900, tmp.path(), &|| {}).unwrap();
    let site = Site::load(tmp.path()).unwrap();
    let out = tmp.path().join("public");
    plenary::render::build(&site, &out, &plenary::link::Corpus::build(&site)).unwrap();
    let files = tree(&out);
    let mut traced = 0;
    for (path, bytes) in files.iter().filter(|(p, _)| p.starts_with("A/RES/80/") && p.ends_with("/index.html")) {
        let doc = Html::parse_document(std::str::from_utf8(bytes).unwrap());
        for line in doc.select(&sel("div.para > .lineage-same")) {
            let text: String = line.text().collect();
            if let Some(rest) = text.split("goes back to ").nth(1) {
                traced += 1;
                assert!(rest.starts_with("A/RES/78/"), "{path}: {text}");
                let hrefs: Vec<&str> = line.select(&sel("a")).filter_map(|a| a.value().attr("href")).collect();
                assert!(hrefs.iter().any(|h| h.contains("/A/RES/78/")), "{path}: {hrefs:?}");
            }
        }
    }
    assert!(traced > 100, "{traced} paragraphs traced back to session 78");
}
