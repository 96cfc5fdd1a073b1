//! The template data of the link stage: `xref` on each resolution page (who
//! cites it, its series with previous and next), and the pages it adds: one per
//! cited document or treaty outside the collection (`document.html`), the index
//! of cited documents (`documents.html`), one per series (`series.html`) and the
//! index of series (`series_index.html`).
//!
//! **In**: the [`Corpus`]. **Out**: serializable data and
//! [`ExtraPage`]s. Paths are from the site root; templates prefix `root`.

use super::cited::{place_count, views, CitingResolution, CitingView};
use super::paths;
use super::resolve::Work;
use super::series::Series;
use super::Corpus;
use crate::render::pages::format_date;
use crate::render::{urls, ExtraPage, NavEntry};
use crate::site::content::symbol_sort_key;
use serde::Serialize;

/// The navigation labels of the index of cited documents and of the series index.
const DOCUMENTS_NAV: &str = "Cited documents";
const SERIES_NAV: &str = "Series";

/// `xref` on a resolution page.
#[derive(Debug, Clone, Serialize)]
pub struct ResolutionXref<'a> {
    /// Resolutions citing this one, in symbol order, each with its citing places.
    pub cited_by: Vec<CitingView<'a>>,
    /// The number of citing places.
    pub cited_by_count: usize,
    pub series: Option<SeriesNav>,
}

/// A resolution's place in its series.
#[derive(Debug, Clone, Serialize)]
pub struct SeriesNav {
    pub name: String,
    /// The series page, from the site root.
    pub path: String,
    /// 1-based position and number of members.
    pub position: usize,
    pub count: usize,
    pub previous: Option<Member>,
    pub next: Option<Member>,
}

/// A resolution as a series lists it.
#[derive(Debug, Clone, Serialize)]
pub struct Member {
    pub symbol: String,
    pub number: String,
    pub title: String,
    pub path: String,
    pub adopted: Option<String>,
    pub adopted_display: Option<String>,
}

/// A cited work outside the collection, on its page and in the index.
#[derive(Debug, Clone, Serialize)]
pub struct WorkPage<'a> {
    /// `document` or `treaty`.
    pub kind: &'static str,
    /// The symbol, or "United Nations Treaty Series, vol. 976, No. 14152".
    pub name: String,
    pub symbol: Option<String>,
    /// Its page in the site, from the root.
    pub path: String,
    /// The official record: undocs.org, or the UN Treaty Collection.
    pub official_url: String,
    /// Who cites it (on its own page; empty in the index).
    pub cited_by: Vec<CitingView<'a>>,
    pub cited_by_count: usize,
}

/// A resolution of the collection in the index of cited documents.
#[derive(Debug, Clone, Serialize)]
pub struct CitedResolution {
    pub symbol: String,
    pub title: String,
    /// Its "Cited by" section, from the root.
    pub href: String,
    pub cited_by_count: usize,
    pub citing_count: usize,
}

/// A cited work outside the collection in the index: its page and counts.
#[derive(Debug, Clone, Serialize)]
pub struct CitedWork {
    pub name: String,
    pub path: String,
    pub official_url: String,
    pub cited_by_count: usize,
    pub citing_count: usize,
}

/// Data of `documents.html`.
#[derive(Debug, Clone, Serialize)]
struct DocumentsIndex {
    resolutions: Vec<CitedResolution>,
    documents: Vec<CitedWork>,
    treaties: Vec<CitedWork>,
}

/// A series on its page and in the index.
#[derive(Debug, Clone, Serialize)]
pub struct SeriesPage {
    pub name: String,
    pub declared: bool,
    pub path: String,
    pub members: Vec<Member>,
}

impl Corpus {
    /// `xref` for resolution `doc`.
    pub fn xref(&self, doc: usize) -> ResolutionXref<'_> {
        let cited_by = self.cited_by.resolutions.get(doc).map_or(&[][..], Vec::as_slice);
        let series = self.series.of(doc).map(|(series, position)| {
            let member = |i: usize| series.members.get(i).map(|&m| self.member(m));
            SeriesNav {
                name: series.name.clone(),
                path: paths::series_page(&series.slug),
                position: position + 1,
                count: series.members.len(),
                previous: position.checked_sub(1).and_then(member),
                next: member(position + 1),
            }
        });
        ResolutionXref { cited_by: views(cited_by, &self.meta), cited_by_count: place_count(cited_by), series }
    }

    fn member(&self, doc: usize) -> Member {
        let m = &self.meta[doc];
        Member {
            symbol: m.symbol.clone(),
            number: m.number.clone(),
            title: m.title.clone(),
            path: urls::resolution_page(&m.symbol).unwrap_or_default(),
            adopted: m.adopted.clone(),
            adopted_display: m.adopted.as_deref().map(format_date),
        }
    }

    fn work_page<'a>(&self, work: &Work, cited_by: &'a [CitingResolution]) -> Option<WorkPage<'a>> {
        let (kind, name, symbol, path, official_url) = match work {
            Work::Document(symbol) => (
                "document",
                symbol.clone(),
                Some(symbol.clone()),
                paths::document_page(symbol)?,
                urls::official_url(symbol),
            ),
            Work::Treaty { volume, number } => (
                "treaty",
                format!("United Nations Treaty Series, vol. {volume}, No. {number}"),
                None,
                paths::treaty_page(*volume, *number),
                crate::cite::treaty_url(*volume, *number),
            ),
        };
        Some(WorkPage {
            kind,
            name,
            symbol,
            path,
            official_url,
            cited_by: Vec::new(),
            cited_by_count: place_count(cited_by),
        })
    }

    fn series_page(&self, series: &Series) -> SeriesPage {
        SeriesPage {
            name: series.name.clone(),
            declared: series.declared,
            path: paths::series_page(&series.slug),
            members: series.members.iter().map(|&m| self.member(m)).collect(),
        }
    }

    /// Every page of the link stage: cited works, their index, series and theirs.
    /// Their data is made when each is rendered ([`Corpus::link_page_context`]).
    pub fn extra_pages(&self) -> Vec<ExtraPage> {
        let mut pages = Vec::new();
        for (key, work) in self.work_keys.iter().enumerate() {
            let cited_by = &self.cited_by.works[work];
            let Some(page) = self.work_page(work, cited_by) else { continue };
            let sources = cited_by.iter().map(|c| c.doc).collect();
            pages.push(deferred(&page.path, "document.html", &page.name, key, None, sources, 0));
        }
        let works = self.work_keys.len();
        pages.push(deferred(
            paths::DOCUMENTS_INDEX,
            "documents.html",
            "Cited documents",
            works,
            Some(DOCUMENTS_NAV),
            Vec::new(),
            digest(&self.documents_index()),
        ));
        for (i, s) in self.series.list.iter().enumerate() {
            let path = paths::series_page(&s.slug);
            pages.push(deferred(&path, "series.html", &s.name, works + 1 + i, None, s.members.clone(), 0));
        }
        let series: Vec<SeriesPage> = self.series.list.iter().map(|s| self.series_page(s)).collect();
        pages.push(deferred(
            paths::SERIES_INDEX,
            "series_index.html",
            "Series",
            works + 1 + self.series.list.len(),
            Some(SERIES_NAV),
            Vec::new(),
            digest(&series),
        ));
        pages
    }

    /// The site navigation's entries of [`Corpus::extra_pages`].
    pub fn nav_entries(&self) -> Vec<NavEntry> {
        [(DOCUMENTS_NAV, paths::DOCUMENTS_INDEX), (SERIES_NAV, paths::SERIES_INDEX)]
            .map(|(label, path)| NavEntry { label: label.to_string(), path: path.to_string() })
            .to_vec()
    }

    /// The number of keys [`Corpus::extra_pages`] uses (those after it are the lineage's).
    pub fn link_page_keys(&self) -> usize {
        self.work_keys.len() + self.series.list.len() + 2
    }

    /// The data of the link stage's page `key`.
    pub fn link_page_context(&self, key: usize) -> tera::Context {
        let mut context = tera::Context::new();
        let works = self.work_keys.len();
        let series = self.series.list.len();
        if let Some(work) = self.work_keys.get(key) {
            let cited_by = &self.cited_by.works[work];
            if let Some(mut page) = self.work_page(work, cited_by) {
                page.cited_by = views(cited_by, &self.meta);
                context.insert("document", &page);
            }
        } else if key == works {
            context.insert("documents", &self.documents_index());
        } else if key <= works + series {
            context.insert("series", &self.series_page(&self.series.list[key - works - 1]));
        } else {
            let list: Vec<SeriesPage> = self.series.list.iter().map(|s| self.series_page(s)).collect();
            context.insert("series_list", &list);
        }
        context
    }

    fn documents_index(&self) -> DocumentsIndex {
        let mut documents = Vec::new();
        let mut treaties = Vec::new();
        for work in &self.work_keys {
            let cited_by = &self.cited_by.works[work];
            let Some(page) = self.work_page(work, cited_by) else { continue };
            let listed = CitedWork {
                name: page.name,
                path: page.path,
                official_url: page.official_url,
                cited_by_count: page.cited_by_count,
                citing_count: cited_by.len(),
            };
            match work {
                Work::Document(_) => documents.push(listed),
                Work::Treaty { .. } => treaties.push(listed),
            }
        }
        documents.sort_by_cached_key(|d| (symbol_sort_key(&d.name), d.name.clone()));
        let resolutions = self
            .cited_by
            .resolutions
            .iter()
            .enumerate()
            .filter(|(_, list)| !list.is_empty())
            .map(|(doc, list)| CitedResolution {
                symbol: self.meta[doc].symbol.clone(),
                title: self.meta[doc].title.clone(),
                href: format!("{}#cited-by", urls::resolution_page(&self.meta[doc].symbol).unwrap_or_default()),
                cited_by_count: place_count(list),
                citing_count: list.len(),
            })
            .collect();
        DocumentsIndex { resolutions, documents, treaties }
    }
}

/// A digest of serializable data (for [`ExtraPage::digest`]).
fn digest<T: Serialize>(data: &T) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    serde_json::to_string(data).unwrap_or_default().hash(&mut h);
    h.finish()
}

fn deferred(
    path: &str,
    template: &str,
    title: &str,
    key: usize,
    nav_label: Option<&str>,
    sources: Vec<usize>,
    digest: u64,
) -> ExtraPage {
    ExtraPage {
        path: path.to_string(),
        template: template.to_string(),
        title: title.to_string(),
        key,
        nav_label: nav_label.map(String::from),
        sources,
        digest,
        comparison: false,
    }
}
