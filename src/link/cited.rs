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
use crate::model::{Meta, Resolution};
use crate::render::html::fragment;
use crate::render::pages::format_date;
use crate::render::urls;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};

/// One resolution citing something, and where. Kept small (a collection has
/// hundreds of thousands of citing places): its masthead and the places' links are
/// given to templates by [`views`].
#[derive(Debug, Clone)]
pub struct CitingResolution {
    /// Its index in site order.
    pub doc: usize,
    pub places: Box<[CitingPlace]>,
}

/// One element citing something.
#[derive(Debug, Clone)]
pub struct CitingPlace {
    /// Anchor id of the citing element (`pp1`, `fn7`).
    pub id: Box<str>,
    /// `pp 1`, `op 7 (a)`, `fn 7`.
    pub label: Box<str>,
    /// The part cited, when the citation names one: `para. 5`, `annex II`.
    pub pinpoint: Option<Box<str>>,
    pub excerpt: std::sync::Arc<Excerpt>,
}

/// A citing resolution as templates see it.
#[derive(Debug, Clone, Serialize)]
pub struct CitingView<'a> {
    pub symbol: &'a str,
    pub number: &'a str,
    pub title: &'a str,
    /// Its page, from the site root.
    pub path: String,
    pub adopted_display: Option<String>,
    pub places: Vec<PlaceView<'a>>,
}

/// A citing place as templates see it.
#[derive(Debug, Clone, Serialize)]
pub struct PlaceView<'a> {
    pub id: &'a str,
    pub label: &'a str,
    /// The citing element, from the site root: `A/RES/61/183/index.html#pp1`.
    pub href: String,
    pub pinpoint: Option<&'a str>,
    pub excerpt: &'a Excerpt,
}

/// `list` as templates see it; `meta` are the mastheads in site order.
pub fn views<'a>(list: &'a [CitingResolution], meta: &'a [Meta]) -> Vec<CitingView<'a>> {
    list.iter()
        .filter_map(|c| {
            let m = meta.get(c.doc)?;
            let path = urls::resolution_page(&m.symbol).ok()?;
            let places = c
                .places
                .iter()
                .map(|p| PlaceView {
                    id: &p.id,
                    label: &p.label,
                    href: format!("{path}#{}", fragment(&p.id)),
                    pinpoint: p.pinpoint.as_deref(),
                    excerpt: &p.excerpt,
                })
                .collect();
            Some(CitingView {
                symbol: &m.symbol,
                number: &m.number,
                title: &m.title,
                adopted_display: m.adopted.as_deref().map(format_date),
                path,
                places,
            })
        })
        .collect()
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
        use rayon::prelude::*;
        let per_citing: Vec<Vec<(Cited, CitingResolution)>> = resolutions
            .par_iter()
            .zip(occurrences)
            .enumerate()
            .map(|(citing, (res, found))| contributions(citing, res, found))
            .collect();
        // Gathered in site order, so each list is in the order of its citing resolutions.
        let mut out = CitedBy { resolutions: vec![Vec::new(); resolutions.len()], works: BTreeMap::new() };
        for contributed in per_citing {
            for (cited, entry) in contributed {
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
    if urls::resolution_page(&res.meta.symbol).is_err() {
        return Vec::new();
    }
    let mut out: Vec<(Cited, Vec<CitingPlace>)> = Vec::new();
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
            out.push((cited, Vec::new()));
            out.len() - 1
        });
        out[k].1.push(place(occurrence));
    }
    out.into_iter().map(|(cited, places)| (cited, CitingResolution { doc: citing, places: places.into() })).collect()
}

fn place(occurrence: &Occurrence) -> CitingPlace {
    let pinpoint = match &occurrence.target {
        Target::Document { pinpoint: Some(p), .. } => Some(p.to_string().into()),
        _ => None,
    };
    CitingPlace {
        id: occurrence.element.as_str().into(),
        label: occurrence.label.as_str().into(),
        pinpoint,
        excerpt: occurrence.excerpt.clone(),
    }
}

/// The number of citing places in `list`.
pub fn place_count(list: &[CitingResolution]) -> usize {
    list.iter().map(|r| r.places.len()).sum()
}
