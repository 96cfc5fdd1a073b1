//! One HTML page read back with a real HTML parser (html5ever through `scraper`):
//! its ids (and those that occur twice), the URLs it refers to, and its footnote
//! marks and notes.
//!
//! **In**: the bytes of a page. **Out**: a [`Page`], plain data that the site-wide
//! check in `check::mod` compares across pages.

use scraper::{ElementRef, Html, Selector};
use std::collections::{BTreeSet, HashMap};
use std::sync::LazyLock;

/// What the check needs to know about one page.
#[derive(Debug, Default, Clone)]
pub struct Page {
    /// Every `id` on the page.
    pub ids: BTreeSet<String>,
    /// Ids that occur more than once, each listed once, in document order.
    pub duplicate_ids: Vec<String>,
    /// URLs of `a`, `area`, `link`, `script`, `img`, `iframe`, `source`, … in document order.
    pub urls: Vec<String>,
    /// Problems found on the page alone (footnote marks without a note, empty notes).
    pub problems: Vec<String>,
}

/// The attribute holding the URL an element refers to, by element name.
pub(crate) fn url_attr(name: &str) -> Option<&'static str> {
    match name.as_bytes() {
        b"a" | b"area" | b"link" => Some("href"),
        b"script" | b"img" | b"iframe" | b"source" | b"video" | b"audio" | b"embed" | b"track" => Some("src"),
        b"form" => Some("action"),
        _ => None,
    }
}

static MARKS: LazyLock<Selector> = LazyLock::new(|| selector("a.fn-mark"));
static MISSING: LazyLock<Selector> = LazyLock::new(|| selector("sup.fn-missing"));

fn selector(s: &str) -> Selector {
    // Constants of this module, exercised by its tests: not input, so they cannot fail at run time.
    Selector::parse(s).expect("the check's selectors are valid CSS")
}

/// Parses a page. Never fails: HTML parsing recovers from anything, as browsers do.
pub fn parse(html: &str) -> Page {
    let doc = Html::parse_document(html);
    let mut page = Page::default();
    let mut by_id: HashMap<&str, ElementRef<'_>> = HashMap::new();
    let mut dup = BTreeSet::new();
    for node in doc.root_element().descendants() {
        let Some(el) = ElementRef::wrap(node) else { continue };
        let v = el.value();
        if let Some(id) = v.attr("id") {
            // The first element with an id is the one a fragment lands on, as in browsers.
            let first = by_id.entry(id).or_insert(el).id() == el.id();
            if !first && dup.insert(id) {
                page.duplicate_ids.push(id.to_string());
            }
            page.ids.insert(id.to_string());
        }
        if let Some(url) = url_attr(v.name()).and_then(|a| v.attr(a)) {
            page.urls.push(url.to_string());
        }
    }
    footnotes(&doc, &by_id, &mut page);
    page
}

/// Every footnote mark (`a.fn-mark href="#fnN"`) must have its note: an element with
/// that id holding some text; its popover copy (`.fn-pop`) must not be empty either.
fn footnotes(doc: &Html, by_id: &HashMap<&str, ElementRef<'_>>, page: &mut Page) {
    for el in doc.select(&MISSING) {
        let n: String = el.text().collect();
        page.problems.push(format!("footnote mark {} has no note", n.trim()));
    }
    for mark in doc.select(&MARKS) {
        let href = mark.value().attr("href").unwrap_or_default();
        let label: String = mark.text().collect();
        let label = label.trim();
        let Some(target) = href.strip_prefix('#').filter(|t| !t.is_empty()) else {
            page.problems.push(format!("footnote mark {label} does not link to its note (href {href:?})"));
            continue;
        };
        match by_id.get(target) {
            None => page.problems.push(format!("footnote mark {label} → missing note #{target}")),
            Some(note) if note.text().collect::<String>().trim().is_empty() => {
                page.problems.push(format!("footnote mark {label} → note #{target} is empty"))
            }
            Some(_) => {}
        }
        let popover = mark.next_siblings().filter_map(ElementRef::wrap).next();
        if let Some(pop) = popover.filter(|p| p.value().classes().any(|c| c == "fn-pop")) {
            if pop.text().collect::<String>().trim().is_empty() {
                page.problems.push(format!("footnote mark {label}: its popover is empty"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_ids_urls_and_notes() {
        let p = parse(
            "<!DOCTYPE html><title>t</title><p id=a>x <a href=\"#b\" id=a>y</a>\
             <sup class=fn><a class=fn-mark href=\"#fn1\">1</a><span class=fn-pop hidden>Note.</span></sup>\
             <sup class=fn><a class=fn-mark href=\"#fn2\">2</a><span class=fn-pop hidden></span></sup>\
             <sup class=\"fn fn-missing\">3</sup><img src=\"i.png\" alt=\"\"></p><ol><li id=fn1>Note.</li><li id=fn2> </li></ol>",
        );
        assert_eq!(p.duplicate_ids, ["a"]);
        assert_eq!(p.urls, ["#b", "#fn1", "#fn2", "i.png"]);
        assert_eq!(
            p.problems,
            [
                "footnote mark 3 has no note",
                "footnote mark 2 → note #fn2 is empty",
                "footnote mark 2: its popover is empty"
            ]
        );
    }
}
