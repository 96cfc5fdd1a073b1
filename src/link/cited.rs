//! Backlinks: for every cited resolution of the collection and every cited work
//! outside it, which paragraphs of which resolutions cite it.
//!
//! **In**: the resolutions in site order and their [`Occurrence`]s. **Out**:
//! [`CitedBy`]: per cited resolution and per [`Work`], the citing resolutions
//! in site order, each with its citing places in document order (one place per
//! element, however often the element cites the same thing). Built in one pass
//! over the occurrences, appending to map entries: linear in the number of
//! citations.

use super::resolve::{Destination, Work};
use super::scan::{Excerpt, Occurrence};
use crate::cite::Target;
use crate::model::Resolution;
use crate::render::html::fragment;
use crate::render::pages::format_date;
use crate::render::urls;
use serde::Serialize;
use std::collections::{BTreeMap, HashSet};

/// One resolution citing something, and where.
#[derive(Debug, Clone, Serialize)]
pub struct CitingResolution {
    pub symbol: String,
    pub number: String,
    pub title: String,
    /// Its page, from the site root.
    pub path: String,
    pub adopted_display: Option<String>,
    pub places: Vec<CitingPlace>,
}

/// One element citing something.
#[derive(Debug, Clone, Serialize)]
pub struct CitingPlace {
    /// Anchor id of the citing element (`pp1`, `fn7`).
    pub id: String,
    /// `pp 1`, `op 7 (a)`, `fn 7`.
    pub label: String,
    /// The citing element, from the site root: `A/RES/61/183/index.html#pp1`.
    pub href: String,
    /// The part cited, when the citation names one: `para. 5`, `annex II`.
    pub pinpoint: Option<String>,
    pub excerpt: Excerpt,
}

/// Who cites what.
#[derive(Debug, Default)]
pub struct CitedBy {
    /// Per resolution of the collection (site order): who cites it.
    pub resolutions: Vec<Vec<CitingResolution>>,
    /// Per work outside the collection: who cites it.
    pub works: BTreeMap<Work, Vec<CitingResolution>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Cited {
    Resolution(usize),
    Work(Work),
}

impl CitedBy {
    /// Backlinks from `occurrences[i]`, the citations found in `resolutions[i]`.
    pub fn new(resolutions: &[&Resolution], occurrences: &[Vec<Occurrence>]) -> CitedBy {
        let mut out = CitedBy { resolutions: vec![Vec::new(); resolutions.len()], works: BTreeMap::new() };
        for (citing, (res, found)) in resolutions.iter().zip(occurrences).enumerate() {
            let Ok(path) = urls::resolution_page(&res.meta.symbol) else { continue };
            let mut seen: HashSet<(Cited, &str)> = HashSet::new();
            for occurrence in found {
                let cited = match &occurrence.destination {
                    Destination::Resolution { doc, .. } if *doc != citing => Cited::Resolution(*doc),
                    Destination::Work(work) => Cited::Work(work.clone()),
                    _ => continue,
                };
                if !seen.insert((cited.clone(), occurrence.element.as_str())) {
                    continue;
                }
                let list = match cited {
                    Cited::Resolution(doc) => match out.resolutions.get_mut(doc) {
                        Some(list) => list,
                        None => continue,
                    },
                    Cited::Work(work) => out.works.entry(work).or_default(),
                };
                if list.last().is_none_or(|last| last.symbol != res.meta.symbol) {
                    list.push(citing_resolution(res, &path));
                }
                if let Some(last) = list.last_mut() {
                    last.places.push(place(occurrence, &path));
                }
            }
        }
        out
    }
}

fn citing_resolution(res: &Resolution, path: &str) -> CitingResolution {
    CitingResolution {
        symbol: res.meta.symbol.clone(),
        number: res.meta.number.clone(),
        title: res.meta.title.clone(),
        path: path.to_string(),
        adopted_display: res.meta.adopted.as_deref().map(format_date),
        places: Vec::new(),
    }
}

fn place(occurrence: &Occurrence, page: &str) -> CitingPlace {
    let pinpoint = match &occurrence.target {
        Target::Document { pinpoint: Some(p), .. } => Some(p.to_string()),
        _ => None,
    };
    CitingPlace {
        id: occurrence.element.clone(),
        label: occurrence.label.clone(),
        href: format!("{page}#{}", fragment(&occurrence.element)),
        pinpoint,
        excerpt: occurrence.excerpt.clone(),
    }
}

/// The number of citing places in `list`.
pub fn place_count(list: &[CitingResolution]) -> usize {
    list.iter().map(|r| r.places.len()).sum()
}
