//! Pages that a [`Links`](super::Links) implementation adds to the site besides the
//! built-in ones (the citation linker's cited-document and series pages), and the
//! entries they add to the site navigation.
//!
//! **In**: what the linker hands over: a path from the site root, a template name,
//! a title and a key with which the linker makes the page's data when it is
//! rendered (pages whose data is large, such as comparisons of two versions, are
//! never all in memory at once). **Out**: rendered by `render_site` like any other
//! page (with `site`, `root`, `page` and `site_nav`); a path that another page
//! already has is an error, never a silent overwrite.

use serde::Serialize;

/// One page of the site made by a linker.
#[derive(Debug, Clone)]
pub struct ExtraPage {
    /// Path from the site root, e.g. `documents/A/61/221/index.html`.
    pub path: String,
    /// Template name, e.g. `document.html`.
    pub template: String,
    /// Page title (`<title>`, `page.title`).
    pub title: String,
    /// The key with which the linker makes the template's own data when the page
    /// is rendered ([`Links::deferred_context`](super::Links::deferred_context)),
    /// added to the usual `site`, `root` and `page`.
    pub key: usize,
    /// When set, the page is listed in the site navigation with this label.
    pub nav_label: Option<String>,
    /// What the page is made of, for `plenary serve`, which renders it again only
    /// when that changes: the resolutions (indexes in site order) whose text it
    /// draws on, and a digest of anything else in its data.
    pub sources: Vec<usize>,
    pub digest: u64,
    /// Two versions compared side by side: left out with `[outputs] comparisons = false`.
    pub comparison: bool,
}

/// An entry of the site navigation (`site_nav` in every template).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct NavEntry {
    pub label: String,
    /// Path from the site root.
    pub path: String,
}

/// The navigation entries of `pages`, in their order.
pub fn nav_entries(pages: &[ExtraPage]) -> Vec<NavEntry> {
    pages
        .iter()
        .filter_map(|p| p.nav_label.as_ref().map(|label| NavEntry { label: label.clone(), path: p.path.clone() }))
        .collect()
}
