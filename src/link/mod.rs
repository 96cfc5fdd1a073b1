//! The link stage: every citation in the collection recognised, placed and
//! turned into a link; backlinks ("Cited by"), pages for cited documents and
//! treaties outside the collection, and series.
//!
//! **In**: the loaded resolutions (a [`Site`]). **Out**: a [`Corpus`], which is
//! the renderer's [`Links`]: it gives each page its links (the renderer asks
//! per element, by id, over the element's plain text), adds `xref` to each
//! resolution page (who cites it, its series with previous and next) and adds
//! the pages of cited works and series. Links are derived at build time and
//! never written into the Markdown.
//!
//! Where a citation goes (see docs/linking.md):
//! * a resolution of the collection: its page, at the pinpointed paragraph or
//!   annex when the citation names one and the resolution has that id;
//! * any other document: its page in the site (`documents/<symbol>/`), which
//!   lists every paragraph citing it and links to `https://undocs.org/<symbol>`;
//!   a treaty: `treaties/<volume>/<number>/`, linking to the UN Treaty Collection;
//! * a paragraph or section of the citing resolution: its anchor on the page.
//!
//! Submodules: `index` (symbols and ids of the collection), `walk` (the texts
//! of a resolution with reader labels), `resolve` (target → destination),
//! `scan` (citations of one resolution), `cited` (backlinks), `series`,
//! `paths` (URLs of the added pages), `pages` (template data).
//!
//! Everything is built from maps in a few linear passes; resolutions are
//! scanned in parallel and the results gathered in site order, so the output is
//! the same whatever the number of threads.

pub mod cited;
pub mod index;
pub mod lineage;
pub mod pages;
pub mod paths;
pub mod resolve;
pub mod scan;
pub mod series;
mod update;
mod versions;
pub mod walk;

use crate::cite::CitedWorks;
use crate::model::{Meta, Resolution};
use crate::render::{ExtraPage, Link, LinkTarget, Linker, Links, NavEntry};
use crate::site::Site;
use cited::CitedBy;
use index::CorpusIndex;
use rayon::prelude::*;
use resolve::{Destination, Work};
use scan::Occurrence;
use series::SeriesSet;
use std::collections::HashMap;

/// The linked collection.
#[derive(Debug)]
pub struct Corpus {
    index: CorpusIndex,
    /// Masthead of each resolution, in site order.
    meta: Vec<Meta>,
    /// Per resolution: element id → its links.
    links: Vec<HashMap<String, Vec<PlacedLink>>>,
    cited_by: CitedBy,
    /// The cited works outside the collection, in order: the keys of their pages.
    work_keys: Vec<Work>,
    series: SeriesSet,
    lineages: lineage::Lineages,
    /// Per resolution: the other resolutions its page is rendered from (those it
    /// cites, those citing it, the earlier versions of its series and the next one), by index.
    depends: Vec<Vec<usize>>,
    /// Per resolution: the other resolutions citing it, once per citation.
    citers: Vec<Vec<usize>>,
    stats: LinkStats,
    /// Per resolution: the citations found in it.
    occurrences: Vec<Vec<Occurrence>>,
    /// Per resolution: the documents and treaties it cites.
    cites: Vec<CitedWorks>,
    /// Per resolution: the print of its text this corpus was made from (see
    /// [`Corpus::update`]; empty when made by [`Corpus::build`]).
    prints: Vec<u64>,
}

/// What the link stage found, for reports and tests.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LinkStats {
    /// Citations placed (each becomes a link).
    pub citations: usize,
    /// … to a resolution of the collection.
    pub to_collection: usize,
    /// … of those, to a pinpointed paragraph, annex or section.
    pub pinpointed: usize,
    /// … to a document or treaty outside the collection.
    pub to_works: usize,
    /// … to a paragraph or section of the citing resolution.
    pub internal: usize,
    /// Distinct documents and treaties outside the collection.
    pub works: usize,
    /// Series of two or more resolutions.
    pub series: usize,
}

impl LinkStats {
    /// Adds (`sign` 1) or takes away (`sign` -1) the citations `found`.
    fn count(&mut self, found: &[Occurrence], sign: isize) {
        let add = |n: &mut usize, by: bool| *n = n.saturating_add_signed(sign * isize::from(by));
        for occurrence in found {
            add(&mut self.citations, true);
            match &occurrence.destination {
                Destination::Resolution { fragment, .. } => {
                    add(&mut self.to_collection, true);
                    add(&mut self.pinpointed, fragment.is_some());
                }
                Destination::Work(_) => add(&mut self.to_works, true),
                Destination::Here(_) => add(&mut self.internal, true),
            }
        }
    }
}

/// The other resolutions of the collection `doc` cites, once per citation.
fn cited_docs(doc: usize, found: &[Occurrence]) -> impl Iterator<Item = usize> + '_ {
    found.iter().filter_map(move |o| match o.destination {
        Destination::Resolution { doc: cited, .. } if cited != doc => Some(cited),
        _ => None,
    })
}

/// The documents and treaties cited in `found`.
fn works_cited_in(found: &[Occurrence]) -> CitedWorks {
    CitedWorks::of(found.iter().map(|o| &o.target))
}

/// A link ready for the renderer, with the text it must cover.
#[derive(Debug, Clone)]
struct PlacedLink {
    link: Link,
    text: String,
}

impl Corpus {
    /// Links the resolutions of `site`, once: what only [`Corpus::update`] needs (the
    /// citations found in each resolution) is not kept.
    pub fn build(site: &Site) -> Corpus {
        let resolutions: Vec<&Resolution> = site.resolutions.iter().map(|s| &s.resolution).collect();
        let mut corpus = Corpus::from_resolutions(&resolutions);
        corpus.occurrences = Vec::new();
        corpus
    }

    /// Links `resolutions` (in the order the site lists them).
    pub fn from_resolutions(resolutions: &[&Resolution]) -> Corpus {
        let index = CorpusIndex::new(resolutions);
        let occurrences: Vec<Vec<Occurrence>> =
            resolutions.par_iter().enumerate().map(|(doc, res)| scan::occurrences(res, doc, &index)).collect();
        let cites = occurrences.par_iter().map(|found| works_cited_in(found)).collect();
        let meta: Vec<Meta> = resolutions.iter().map(|r| r.meta.clone()).collect();
        // The lineages take the longest; the links and backlinks are made beside them.
        let ((links, cited_by), (series, lineages)) = rayon::join(
            || {
                rayon::join(
                    || occurrences.par_iter().map(|found| placed_links(found, &meta)).collect(),
                    || CitedBy::new(resolutions, &occurrences),
                )
            },
            || {
                let series = SeriesSet::new(resolutions);
                let lineages = lineage::Lineages::new(resolutions, &series);
                (series, lineages)
            },
        );
        let work_keys = cited_by.works.keys().cloned().collect();
        let mut corpus = Corpus {
            index,
            meta,
            links,
            cited_by,
            work_keys,
            series,
            lineages,
            depends: Vec::new(),
            citers: Vec::new(),
            stats: LinkStats::default(),
            occurrences,
            cites,
            prints: Vec::new(),
        };
        corpus.tally();
        corpus
    }

    /// Who depends on whom, and the counts, from the citations and series.
    fn tally(&mut self) {
        let mut citers: Vec<Vec<usize>> = vec![Vec::new(); self.meta.len()];
        let mut stats =
            LinkStats { works: self.cited_by.works.len(), series: self.series.list.len(), ..LinkStats::default() };
        for (doc, found) in self.occurrences.iter().enumerate() {
            for cited in cited_docs(doc, found) {
                citers[cited].push(doc);
            }
            stats.count(found, 1);
        }
        self.citers = citers;
        self.stats = stats;
        self.depends = (0..self.meta.len()).into_par_iter().map(|doc| self.depends_of(doc)).collect();
    }

    /// [`Corpus::tally`] after the citations of `doc` changed from `before` to its
    /// occurrences now: only the resolutions it cited or cites are counted again.
    fn tally_change(&mut self, doc: usize, before: &[Occurrence]) {
        let old: Vec<usize> = cited_docs(doc, before).collect();
        let new: Vec<usize> = cited_docs(doc, &self.occurrences[doc]).collect();
        for &cited in &old {
            if let Some(at) = self.citers[cited].iter().position(|&d| d == doc) {
                self.citers[cited].swap_remove(at);
            }
        }
        for &cited in &new {
            self.citers[cited].push(doc);
        }
        self.stats.count(before, -1);
        self.stats.count(&self.occurrences[doc], 1);
        self.stats.works = self.cited_by.works.len();
        let mut touched: Vec<usize> = old.into_iter().chain(new).chain([doc]).collect();
        touched.sort_unstable();
        touched.dedup();
        for d in touched {
            self.depends[d] = self.depends_of(d);
        }
    }

    /// The resolutions `doc`'s page is rendered from: those it cites, those citing
    /// it, the earlier versions of its series and the next one; sorted.
    fn depends_of(&self, doc: usize) -> Vec<usize> {
        let mut list: Vec<usize> = cited_docs(doc, &self.occurrences[doc]).collect();
        list.extend(&self.citers[doc]);
        // A version's page shows what changed since the one before and where its
        // language comes from (the earlier versions), and the next one in the series
        // navigation; not the later versions' texts.
        if let Some((series, p)) = self.series.of(doc) {
            list.extend(&series.members[..p]);
            list.extend(series.members.get(p + 1));
        }
        list.sort_unstable();
        list.dedup();
        list
    }

    pub fn stats(&self) -> LinkStats {
        self.stats
    }

    /// Who cites the resolution with `symbol`.
    pub fn cited_by(&self, symbol: &str) -> &[cited::CitingResolution] {
        self.index.find(symbol).and_then(|doc| self.cited_by.resolutions.get(doc)).map_or(&[], Vec::as_slice)
    }

    /// Every work outside the collection and who cites it.
    pub fn cited_works(&self) -> impl Iterator<Item = (&Work, &[cited::CitingResolution])> {
        self.cited_by.works.iter().map(|(w, list)| (w, list.as_slice()))
    }

    /// The series of the resolution with `symbol`, and its position there.
    pub fn series_of(&self, symbol: &str) -> Option<(&series::Series, usize)> {
        self.series.of(self.index.find(symbol)?)
    }

    /// Every series of two or more resolutions.
    pub fn series(&self) -> &[series::Series] {
        &self.series.list
    }
}

/// The renderer's links for the occurrences of one resolution.
fn placed_links(found: &[Occurrence], meta: &[Meta]) -> HashMap<String, Vec<PlacedLink>> {
    let mut out: HashMap<String, Vec<PlacedLink>> = HashMap::new();
    for occurrence in found {
        let (target, title) = match &occurrence.destination {
            Destination::Resolution { doc, fragment } => {
                let Some(symbol) = meta.get(*doc).map(|m| m.symbol.as_str()) else { continue };
                let Ok(path) = crate::render::urls::resolution_page(symbol) else { continue };
                (LinkTarget::Page { path, fragment: fragment.clone() }, occurrence.target.to_string())
            }
            Destination::Work(Work::Document(symbol)) => match paths::document_page(symbol) {
                Some(path) => (LinkTarget::Page { path, fragment: None }, occurrence.target.to_string()),
                None => (LinkTarget::External(crate::cite::undocs_url(symbol)), occurrence.target.to_string()),
            },
            Destination::Work(Work::Treaty { volume, number }) => (
                LinkTarget::Page { path: paths::treaty_page(*volume, *number), fragment: None },
                format!("United Nations Treaty Series, vol. {volume}, No. {number}"),
            ),
            Destination::Here(id) => {
                let title = occurrence.target.to_string().replacen("present resolution", "this resolution", 1);
                (LinkTarget::Here(id.clone()), title)
            }
        };
        let link = Link { span: occurrence.span.clone(), target, title: Some(title) };
        out.entry(occurrence.element.clone()).or_default().push(PlacedLink { link, text: occurrence.text.clone() });
    }
    out
}

impl Links for Corpus {
    fn for_document<'a>(&'a self, res: &'a Resolution) -> Box<dyn Linker + 'a> {
        let links = self.index.find(&res.meta.symbol).and_then(|doc| self.links.get(doc));
        Box::new(DocumentLinker { links })
    }

    fn page_context(&self, res: &Resolution, ctx: &mut tera::Context) {
        if let Some(doc) = self.index.find(&res.meta.symbol) {
            ctx.insert("xref", &self.xref(doc));
            let page = crate::render::urls::resolution_page(&res.meta.symbol).unwrap_or_default();
            if let Some(lineage) = self.lineages.page_context(doc, &page) {
                ctx.insert("lineage", &lineage);
            }
        }
    }

    fn pages(&self) -> Vec<ExtraPage> {
        let mut pages = self.extra_pages();
        let offset = self.link_page_keys();
        pages.extend(self.lineages.pages(&self.meta).into_iter().map(|mut p| {
            p.key += offset;
            p
        }));
        pages
    }

    fn nav(&self) -> Vec<NavEntry> {
        self.nav_entries()
    }

    fn deferred_context(&self, key: usize, resolutions: &[&Resolution], page: &str) -> tera::Context {
        match key.checked_sub(self.link_page_keys()) {
            None => self.link_page_context(key),
            Some(comparison) => self.lineages.deferred_context(comparison, resolutions, page),
        }
    }

    fn depends_on(&self, doc: usize) -> &[usize] {
        self.depends.get(doc).map_or(&[], Vec::as_slice)
    }

    fn decorate(&self, res: &Resolution, page: &str, body: &mut String) {
        if let Some(doc) = self.index.find(&res.meta.symbol) {
            self.lineages.decorate(doc, page, body);
        }
    }

    fn cited(&self, res: &Resolution) -> Option<&CitedWorks> {
        self.cites.get(self.index.find(&res.meta.symbol)?)
    }
}

/// The links of one resolution, looked up by element.
struct DocumentLinker<'a> {
    links: Option<&'a HashMap<String, Vec<PlacedLink>>>,
}

impl Linker for DocumentLinker<'_> {
    fn links(&mut self, element: &str, plain: &str) -> Vec<Link> {
        let Some(placed) = self.links.and_then(|l| l.get(element)) else {
            return Vec::new();
        };
        // The text must be the one scanned; a link over other words is dropped.
        placed
            .iter()
            .filter(|p| plain.get(p.link.span.clone()) == Some(p.text.as_str()))
            .map(|p| p.link.clone())
            .collect()
    }
}
