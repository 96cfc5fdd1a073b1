//! What notes may point at: every resolution of the collection by symbol, the anchor
//! ids of its page (DESIGN.md ids, their Akoma Ntoso eIds, the page's own ids and
//! the anchors of its notes), and the site's static files. Also resolves the links a
//! note may hold (`@/A/RES/57/174#II-op8`, `#op7`, `@/static/img/x.png`, http(s)).
//!
//! **In**: the loaded resolutions and the site's static/ file names. **Out**:
//! canonical target ids, and link destinations made relative to the page the note
//! is shown on, or a message saying what is wrong.

use crate::render::{document::PAGE_IDS, html, urls};
use crate::site::Source;
use std::collections::{BTreeSet, HashMap, HashSet};

/// Page ids the annotations add to a resolution page.
pub const LIST_IDS: &[&str] = &["annotations", "annotations-title", "annotations-general"];

#[derive(Debug, Default)]
struct Entry {
    /// `A/RES/61/183/index.html`.
    page: String,
    /// Ids and eIds that exist on the page.
    anchors: HashSet<String>,
    /// eId → the id of the same element.
    eid_to_id: HashMap<String, String>,
}

/// The anchors of the collection.
#[derive(Debug, Default)]
pub struct Targets {
    by_symbol: HashMap<String, Entry>,
    /// Paths under static/ (`img/logo.svg`).
    assets: BTreeSet<String>,
}

impl Targets {
    pub fn new(sources: &[Source], assets: BTreeSet<String>) -> Targets {
        use rayon::prelude::*;
        let entries: Vec<(String, Entry)> = sources
            .par_iter()
            .filter_map(|s| {
                let res = &s.resolution;
                let page = urls::resolution_page(&res.meta.symbol).ok()?;
                let mut entry = Entry { page, ..Entry::default() };
                for id in res.ids() {
                    if let Some(eid) = crate::ids::akn_eid(&id) {
                        entry.anchors.insert(eid.clone());
                        entry.eid_to_id.entry(eid).or_insert_with(|| id.clone());
                    }
                    entry.anchors.insert(id);
                }
                entry.anchors.extend(PAGE_IDS.iter().chain(LIST_IDS).map(|s| s.to_string()));
                Some((res.meta.symbol.clone(), entry))
            })
            .collect();
        // In site order, so that a symbol given twice keeps its last entry, as before.
        Targets { by_symbol: entries.into_iter().collect(), assets }
    }

    /// Records a note anchor (`ann-op7a`) on the page of `symbol`.
    pub fn add_anchor(&mut self, symbol: &str, anchor: &str) {
        if let Some(e) = self.by_symbol.get_mut(symbol) {
            e.anchors.insert(anchor.to_string());
        }
    }

    /// Whether `symbol`'s page has the anchor `fragment`.
    pub fn has_anchor(&self, symbol: &str, fragment: &str) -> bool {
        self.by_symbol.get(symbol).is_some_and(|e| e.anchors.contains(fragment))
    }

    /// The element id a note target names: the id itself, or the id an eId stands for.
    /// Page ids (`masthead`, note anchors) are not elements and are refused.
    pub fn element(&self, symbol: &str, target: &str) -> Option<String> {
        let e = self.by_symbol.get(symbol)?;
        if let Some(id) = e.eid_to_id.get(target) {
            return Some(id.clone());
        }
        let is_page_id = PAGE_IDS.contains(&target) || LIST_IDS.contains(&target) || target.starts_with("ann-");
        (e.anchors.contains(target) && !is_page_id).then(|| target.to_string())
    }

    /// The page of `symbol`, from the site root.
    pub fn page(&self, symbol: &str) -> Option<&str> {
        self.by_symbol.get(symbol).map(|e| e.page.as_str())
    }

    /// A link or image destination written in a note on `symbol`'s page, made
    /// relative to that page; the message says what is wrong otherwise.
    pub fn resolve(&self, dest: &str, symbol: &str, image: bool) -> Result<String, String> {
        let from = self.page(symbol).unwrap_or("index.html");
        if let Some(rest) = dest.strip_prefix("@/") {
            if let Some(asset) = rest.strip_prefix("static/") {
                return if self.assets.contains(asset) {
                    Ok(urls::relative(from, &format!("{}{asset}", urls::STATIC)))
                } else {
                    Err(format!("`{dest}`: there is no file static/{asset} in the site"))
                };
            }
            if image {
                return Err(format!("`{dest}`: an image must be an http(s) URL or a file under @/static/"));
            }
            let (sym, frag) = match rest.split_once('#') {
                Some((s, f)) => (s.trim_end_matches('/'), Some(f)),
                None => (rest.trim_end_matches('/'), None),
            };
            let Some(page) = self.page(sym) else {
                return Err(format!("`{dest}`: no resolution {sym} in the collection"));
            };
            return match frag {
                None if sym == symbol => Ok("index.html".into()),
                None => Ok(urls::relative(from, page)),
                Some(f) if !self.has_anchor(sym, f) => Err(format!("`{dest}`: {sym} has no paragraph or anchor `{f}`")),
                Some(f) if sym == symbol => Ok(format!("#{}", html::fragment(f))),
                Some(f) => Ok(format!("{}#{}", urls::relative(from, page), html::fragment(f))),
            };
        }
        if let Some(f) = dest.strip_prefix('#').filter(|_| !image) {
            return if self.has_anchor(symbol, f) {
                Ok(format!("#{}", html::fragment(f)))
            } else {
                Err(format!("`{dest}`: {symbol} has no paragraph or anchor `{f}`"))
            };
        }
        let lower = dest.to_ascii_lowercase();
        let absolute =
            lower.starts_with("https://") || lower.starts_with("http://") || (!image && lower.starts_with("mailto:"));
        if absolute && html::is_safe_url(dest) {
            return Ok(dest.to_string());
        }
        Err(format!(
            "`{dest}`: write @/SYMBOL#anchor for a paragraph of the collection (`@/A/RES/57/174#II-op8`), \
             #anchor for this resolution, @/static/FILE for a site file, or an http(s) URL"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn targets() -> Targets {
        let md = |sym: &str| {
            format!(
                "+++\nsymbol = \"{sym}\"\nbody = \"General Assembly\"\nnumber = \"1\"\ntitle = \"T\"\n+++\n\n\
                 {{#formula}} *The General Assembly*,\n\n{{#op1}} 1. *Decides* a;\n\n{{#op2}} 2. *Decides* b.[^1]\n\n\
                 [^1]: Note.\n"
            )
        };
        let sources: Vec<Source> = ["A/RES/1/1", "A/RES/2/2"]
            .iter()
            .map(|s| Source {
                path: format!("{s}.md").into(),
                display: format!("content/{s}.md"),
                file: format!("content/{s}.md").into(),
                digest: crate::site::content::digest(&md(s)),
                resolution: crate::markdown::load(&md(s)).unwrap(),
            })
            .collect();
        Targets::new(&sources, ["img/a.png".to_string()].into())
    }

    #[test]
    fn resolves_links_relative_to_the_page() {
        let t = targets();
        assert_eq!(t.resolve("@/A/RES/2/2#op1", "A/RES/1/1", false).unwrap(), "../../../../A/RES/2/2/index.html#op1");
        assert_eq!(
            t.resolve("@/A/RES/2/2#para_2", "A/RES/1/1", false).unwrap(),
            "../../../../A/RES/2/2/index.html#para_2"
        );
        assert_eq!(t.resolve("@/A/RES/2/2", "A/RES/1/1", false).unwrap(), "../../../../A/RES/2/2/index.html");
        assert_eq!(t.resolve("@/A/RES/1/1#fn1", "A/RES/1/1", false).unwrap(), "#fn1");
        assert_eq!(t.resolve("#op2", "A/RES/1/1", false).unwrap(), "#op2");
        assert_eq!(t.resolve("@/static/img/a.png", "A/RES/1/1", true).unwrap(), "../../../../static/img/a.png");
        assert_eq!(t.resolve("https://undocs.org/x", "A/RES/1/1", false).unwrap(), "https://undocs.org/x");
    }

    #[test]
    fn refuses_what_does_not_exist() {
        let t = targets();
        assert!(t.resolve("@/A/RES/9/9#op1", "A/RES/1/1", false).unwrap_err().contains("no resolution A/RES/9/9"));
        assert!(t.resolve("@/A/RES/2/2#op9", "A/RES/1/1", false).unwrap_err().contains("no paragraph or anchor `op9`"));
        assert!(t.resolve("#op9", "A/RES/1/1", false).is_err());
        assert!(t.resolve("javascript:alert(1)", "A/RES/1/1", false).is_err());
        assert!(t.resolve("other.html", "A/RES/1/1", false).is_err());
        assert!(t.resolve("@/static/none.png", "A/RES/1/1", true).is_err());
        assert!(t.resolve("mailto:a@b.org", "A/RES/1/1", true).is_err());
    }

    #[test]
    fn targets_are_elements() {
        let t = targets();
        assert_eq!(t.element("A/RES/1/1", "op2").as_deref(), Some("op2"));
        assert_eq!(t.element("A/RES/1/1", "para_2").as_deref(), Some("op2"));
        assert_eq!(t.element("A/RES/1/1", "fnt_1").as_deref(), Some("fn1"));
        assert_eq!(t.element("A/RES/1/1", "op3"), None);
        assert_eq!(t.element("A/RES/1/1", "masthead"), None);
    }
}
