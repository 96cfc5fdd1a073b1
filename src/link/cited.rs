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
use std::collections::{BTreeMap, HashMap, HashSet};

/// One resolution citing something, and where.
#[derive(Debug, Clone, Serialize)]
pub struct CitingResolution {
    /// Its index in site order.
    #[serde(skip)]
    pub doc: usize,
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
    pub excerpt: std::sync::Arc<Excerpt>,
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
            for (cited, entry) in contributions(citing, res, found) {
                match cited {
                    Cited::Resolution(doc) => out.resolutions[doc].push(entry),
                    Cited::Work(work) => out.works.entry(work).or_default().push(entry),
                }
            }
        }
        out
    }

    /// The backlinks again after the citations of resolution `citing` changed from
    /// `before` to `after` (the resolutions being the same, in the same order).
    pub fn update(&mut self, citing: usize, res: &Resolution, before: &[Occurrence], after: &[Occurrence]) {
        for (cited, _) in contributions(citing, res, before) {
            let list = match &cited {
                Cited::Resolution(doc) => &mut self.resolutions[*doc],
                Cited::Work(work) => match self.works.get_mut(work) {
                    Some(list) => list,
                    None => continue,
                },
            };
            list.retain(|c| c.doc != citing);
            if let Cited::Work(work) = &cited {
                if list.is_empty() {
                    self.works.remove(work);
                }
            }
        }
        for (cited, entry) in contributions(citing, res, after) {
            let list = match cited {
                Cited::Resolution(doc) => &mut self.resolutions[doc],
                Cited::Work(work) => self.works.entry(work).or_default(),
            };
            let at = list.partition_point(|c| c.doc < citing);
            list.insert(at, entry);
        }
    }
}

/// What resolution `citing` adds to the backlinks of what it cites, in order: one
/// entry per cited resolution or work, with the places citing it.
fn contributions(citing: usize, res: &Resolution, found: &[Occurrence]) -> Vec<(Cited, CitingResolution)> {
    let Ok(path) = urls::resolution_page(&res.meta.symbol) else { return Vec::new() };
    let mut out: Vec<(Cited, CitingResolution)> = Vec::new();
    let mut at: HashMap<Cited, usize> = HashMap::new();
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
        let k = *at.entry(cited.clone()).or_insert_with(|| {
            out.push((cited, citing_resolution(citing, res, &path)));
            out.len() - 1
        });
        out[k].1.places.push(place(occurrence, &path));
    }
    out
}

fn citing_resolution(doc: usize, res: &Resolution, path: &str) -> CitingResolution {
    CitingResolution {
        doc,
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
