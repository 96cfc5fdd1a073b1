//! The URLs of the pages the link stage adds to the site, and of the official
//! records they point to.
//!
//! | page | path |
//! |---|---|
//! | a cited document outside the collection | `documents/<symbol>/index.html` (`documents/A/61/221/index.html`) |
//! | a cited treaty | `treaties/<volume>/<number>/index.html` (`treaties/976/14152/index.html`) |
//! | every cited document and treaty | `documents/index.html` |
//! | one series | `series/<slug>/index.html` (`series/international-cooperation-against-the-world-drug-problem/index.html`) |
//! | every series | `series/index.html` |
//!
//! A symbol becomes path components through [`crate::paths::symbol_components`],
//! which refuses anything that could leave the directory; such a document gets
//! no page and is linked to the UN resolver directly.

use crate::paths::symbol_components;

pub const DOCUMENTS_INDEX: &str = "documents/index.html";
pub const SERIES_INDEX: &str = "series/index.html";

/// `documents/A/61/221/index.html`, or `None` for a symbol that cannot be a path.
pub fn document_page(symbol: &str) -> Option<String> {
    let parts = symbol_components(symbol).ok()?;
    Some(format!("documents/{}/index.html", parts.join("/")))
}

/// `treaties/976/14152/index.html`.
pub fn treaty_page(volume: u32, number: u32) -> String {
    format!("treaties/{volume}/{number}/index.html")
}

/// `series/<slug>/index.html`.
pub fn series_page(slug: &str) -> String {
    format!("series/{slug}/index.html")
}

/// A path component made of the lower-case ASCII letters and digits of `name`,
/// words joined by `-`, at most 80 bytes: "International cooperation against the
/// world drug problem" → `international-cooperation-against-the-world-drug-problem`.
/// Empty when `name` has no ASCII letter or digit.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for word in name.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()) {
        if out.len() + word.len() + 1 > 80 && !out.is_empty() {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&word.to_ascii_lowercase());
    }
    out.truncate(80);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_paths() {
        assert_eq!(document_page("A/61/221").unwrap(), "documents/A/61/221/index.html");
        assert_eq!(document_page("S/RES/1540(2004)").unwrap(), "documents/S/RES/1540(2004)/index.html");
        assert_eq!(document_page("E/2003/28/Rev.1").unwrap(), "documents/E/2003/28/Rev.1/index.html");
        assert_eq!(document_page("A/../x"), None);
        assert_eq!(document_page("A/61\u{2011}221"), None);
        assert_eq!(treaty_page(976, 14152), "treaties/976/14152/index.html");
    }

    #[test]
    fn slugs() {
        assert_eq!(
            slug("International cooperation against the world drug problem"),
            "international-cooperation-against-the-world-drug-problem"
        );
        assert_eq!(slug("Côte d’Ivoire: “support”"), "c-te-d-ivoire-support");
        assert_eq!(slug("«»"), "");
        assert!(slug(&"word ".repeat(40)).len() <= 80);
        assert_eq!(slug(&"x".repeat(100)).len(), 80);
    }
}
