//! Feeds, sitemap and robots.txt of the built bundled collection: the Atom feeds
//! are well-formed, list the right resolutions newest first with links that land,
//! and take their dates from the content; the sitemap (only with a base URL)
//! lists every page with an absolute URL.

mod discover_support;

use discover_support::*;
use plenary::site::content::compare_symbols;

struct Entry {
    title: String,
    href: String,
    id: String,
    updated: String,
}

fn entries(feed: &El) -> Vec<Entry> {
    feed.all("entry")
        .into_iter()
        .map(|e| {
            let html = e.all("link").into_iter().find(|l| l.attrs.get("type").map(String::as_str) == Some("text/html"));
            Entry {
                title: e.one("title").text.clone(),
                href: html.expect("an entry links to its page").attr("href").to_string(),
                id: e.one("id").text.clone(),
                updated: e.one("updated").text.clone(),
            }
        })
        .collect()
}

fn check_feed(built: &Built, path: &str) -> Vec<Entry> {
    let feed = parse_xml(&built.text(path), path);
    assert_eq!(feed.name, "feed");
    assert_eq!(feed.attr("xmlns"), "http://www.w3.org/2005/Atom");
    for required in ["title", "id", "updated", "author"] {
        feed.one(required);
    }
    let list = entries(&feed);
    assert!(!list.is_empty(), "{path}: no entries");
    assert_eq!(feed.one("updated").text, list[0].updated, "{path}: updated is the newest entry's date");
    for e in &list {
        assert!(e.updated.len() == 20 && e.updated.ends_with("T00:00:00Z"), "{path}: {}", e.updated);
        if let Some((target, _)) = resolve(path, &e.href) {
            assert!(built.files.contains_key(&target), "{path}: {} does not exist", e.href);
        }
    }
    for pair in list.windows(2) {
        assert!(pair[0].updated >= pair[1].updated, "{path}: {} before {}", pair[0].title, pair[1].title);
    }
    list
}

#[test]
fn the_main_feed_lists_the_collection_newest_first() {
    let built = build(None);
    let list = check_feed(&built, "feed.xml");
    let dated = built.site.resolutions.iter().filter(|s| s.resolution.meta.adopted.is_some()).count();
    assert_eq!(list.len(), dated.min(50));
    assert_eq!(list[0].updated, "2025-12-01T00:00:00Z");
    assert_eq!(list.last().unwrap().title, "A/RES/57/174 — International cooperation against the world drug problem");
    assert_eq!(list[0].href, "A/RES/80/20/index.html", "relative to the feed without a base URL");
    assert_eq!(list[0].id, "https://undocs.org/A/RES/80/20");
    // Same date: higher symbol first, so the order never depends on the build.
    let same_day: Vec<&Entry> = list.iter().filter(|e| e.updated == list[0].updated).collect();
    for pair in same_day.windows(2) {
        let sym = |e: &Entry| e.title.split(" — ").next().unwrap().to_string();
        assert!(compare_symbols(&sym(pair[0]), &sym(pair[1])).is_gt());
    }
    let page = built.text("A/RES/61/183/index.html");
    assert!(page.contains("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Recently adopted resolutions\" href=\"../../../../feed.xml\">"));
}

#[test]
fn a_series_has_its_own_feed() {
    let built = build(None);
    let path = "feeds/series/international-cooperation-against-the-world-drug-problem.xml";
    let list = check_feed(&built, path);
    let symbols: Vec<&str> = list.iter().map(|e| e.title.split(" — ").next().unwrap()).collect();
    assert_eq!(symbols, ["A/RES/61/183", "A/RES/57/174"]);
    assert_eq!(list[0].href, "../../A/RES/61/183/index.html");
    let feeds: Vec<&String> = built.files.keys().filter(|p| p.starts_with("feeds/")).collect();
    assert_eq!(feeds, [path], "titles used once make no series");
    // Each member's page points to the series feed.
    for symbol in symbols {
        let page = built.text(&format!("{symbol}/index.html"));
        assert!(page.contains(&format!("title=\"This series\" href=\"../../../../{path}\"")), "{symbol}");
    }
}

#[test]
fn sitemap_and_robots() {
    let plain = build(None);
    assert!(!plain.files.contains_key("sitemap.xml"), "a sitemap needs absolute URLs");
    assert_eq!(plain.text("robots.txt"), "User-agent: *\nAllow: /\n");

    let built = build(Some(BASE_URL));
    assert_eq!(built.text("robots.txt"), format!("User-agent: *\nAllow: /\n\nSitemap: {BASE_URL}sitemap.xml\n"));
    let map = parse_xml(&built.text("sitemap.xml"), "sitemap.xml");
    assert_eq!(map.attr("xmlns"), "http://www.sitemaps.org/schemas/sitemap/0.9");
    let locs: Vec<String> = map.all("url").iter().map(|u| u.one("loc").text.clone()).collect();
    let pages: Vec<String> = built
        .files
        .keys()
        .filter(|p| p.ends_with(".html") && *p != "404.html")
        .map(|p| format!("{BASE_URL}{}", p.strip_suffix("index.html").unwrap_or(p)))
        .collect();
    assert_eq!(locs, pages, "every page once, in the order of the files' paths");
    assert!(locs.contains(&format!("{BASE_URL}A/RES/61/183/")));
    assert!(locs.contains(&format!("{BASE_URL}search/")));

    let feed = parse_xml(&built.text("feed.xml"), "feed.xml");
    let own = feed.all("link").into_iter().find(|l| l.attrs.get("rel").map(String::as_str) == Some("self")).unwrap();
    assert_eq!(own.attr("href"), format!("{BASE_URL}feed.xml"));
    let first = &entries(&feed)[0];
    assert_eq!(first.href, format!("{BASE_URL}A/RES/80/20/"));
    assert_eq!(first.id, first.href);
}
