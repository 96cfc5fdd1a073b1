//! Incremental rendering for `plenary serve`: the site's files kept in memory, and
//! after a change only the pages whose inputs changed are rendered again.
//!
//! **In**: a [`Site`] with a [`Print`] per source (see `site::reload`) and a
//! [`Links`]. **Out**: every file of the site in [`Incremental::files`], byte for
//! byte what [`super::render_site`] gives for the same site (tests/incremental.rs
//! checks it after edits, renames and deletions), and what was rendered again.
//!
//! Every page is a *job* with a dependency key: a hash of everything the page is
//! rendered from. A job whose key is unchanged keeps its files. The keys:
//!
//! | page | depends on |
//! |---|---|
//! | a resolution (`index.html`, `index.json`, `index.md`) | its text, the mastheads of its neighbours in symbol order, the texts of the resolutions [`Links::depends_on`] names (citations, backlinks) |
//! | home, index of all resolutions | every masthead |
//! | a session | the mastheads of its resolutions |
//! | 404 | nothing but configuration and templates |
//! | a page of the linker (cited document, series, comparison) | the texts of the resolutions it names as its sources, and its digest ([`ExtraPage`](super::ExtraPage)) |
//! | highlighting CSS, annotations index, search page | every text and the annotations |
//!
//! and each also on the configuration (and the site navigation) and on its template with every template that
//! template names (`{% extends "base.html" %}`, imports, includes): a template
//! change renders again the pages that use it. Assets are compared file by file.
//! The page list mirrors `render_each`: a new kind of page must be added to both.

use super::pages::Collection;
use super::templates::Templates;
use super::{assets, urls, Links, Renderer, SiteCtx};
use crate::site::reload::Print;
use crate::site::{display_path, Site};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::{Hash, Hasher};
use std::path::Path;

/// The rendered site and the key of every page job.
#[derive(Debug, Default)]
pub struct Incremental {
    /// Every file of the site: path from the site root → bytes.
    pub files: BTreeMap<String, Vec<u8>>,
    jobs: HashMap<String, Done>,
    /// Jobs in the order of the last update (for warnings in symbol order).
    order: Vec<String>,
    /// The listings' data and the hash of the mastheads it was made from.
    listings: Option<(u64, Listings)>,
    /// Asset paths written.
    assets: BTreeSet<String>,
    /// Pages among the other files (annotations index, search, the linker's pages).
    other_pages: usize,
    /// Files of the discovery stage (search index, feeds, sitemap), made from the
    /// whole site whenever the job of the other pages runs.
    discovered: BTreeSet<String>,
    /// The discovery files are to be made again.
    discovery_due: bool,
}

/// What the pages drawn from every masthead are made from: the listings and the
/// series feeds (kept while the mastheads stay the same).
#[derive(Debug)]
struct Listings {
    collection: Collection,
    discover: super::discover::Prepared,
}

impl Listings {
    fn new(site: &Site) -> anyhow::Result<Listings> {
        Ok(Listings { collection: Collection::new(site)?, discover: super::discover::Prepared::new(site) })
    }
}

/// Pages rendered and not yet in place ([`Incremental::commit`]).
#[derive(Debug)]
pub struct Pending {
    /// The id of every job of the site, in order; `None` when only some pages were
    /// rendered ([`Incremental::render_first`]).
    plan: Option<Vec<String>>,
    done: Vec<Rendered>,
    /// The assets, when the whole site was looked at.
    assets: Option<BTreeMap<String, Vec<u8>>>,
    /// The listings, when they were made again.
    listings: Option<(u64, Listings)>,
    other_pages: usize,
}

/// One job rendered.
#[derive(Debug)]
struct Rendered {
    id: String,
    key: u64,
    files: Files,
    warnings: Vec<String>,
    /// The job of the other pages (the discovery files follow it).
    others: bool,
}

#[derive(Debug)]
struct Done {
    key: u64,
    files: Vec<String>,
    warnings: Vec<String>,
}

/// What an update did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Update {
    /// Pages rendered again (or for the first time), by path.
    pub rendered: Vec<String>,
    /// Files written or replaced with different bytes, and files removed.
    pub changed: Vec<String>,
    pub removed: Vec<String>,
}

enum Kind<'a> {
    Resolution(usize),
    Listing {
        template: &'static str,
        title: String,
        what: Listing<'a>,
    },
    /// The annotations index, the search page and the highlighting CSS (see
    /// `Renderer::own_other_files`).
    Others,
    /// One of the linker's pages, by index in `Links::pages`.
    Extra(usize),
}

/// Files as (path from the site root, bytes).
pub type Files = Vec<(String, Vec<u8>)>;

/// The id of the job of the other pages.
const OTHERS: &str = "(other pages)";

enum Listing<'a> {
    Home,
    Index,
    Session(&'a super::pages::SessionCtx),
    NotFound,
}

struct Job<'a> {
    id: String,
    key: u64,
    kind: Kind<'a>,
}

impl Incremental {
    pub fn new() -> Incremental {
        Incremental::default()
    }

    /// Number of pages (HTML pages rendered from templates).
    pub fn pages(&self) -> usize {
        self.jobs.keys().filter(|id| id.as_str() != OTHERS).count() + self.other_pages
    }

    /// Warnings of the site's pages, resolutions in symbol order.
    pub fn warnings(&self) -> Vec<String> {
        self.order.iter().filter_map(|id| self.jobs.get(id)).flat_map(|d| d.warnings.iter().cloned()).collect()
    }

    /// Renders what changed since the last update (everything, the first time),
    /// discovery files included. On error nothing is changed.
    pub fn update(&mut self, site: &Site, prints: &[Print], links: &dyn Links) -> anyhow::Result<Update> {
        let mut update = self.update_pages(site, prints, links)?;
        let discovered = self.update_discovery(site)?;
        update.changed.extend(discovered.changed);
        update.removed.extend(discovered.removed);
        Ok(update)
    }

    /// [`Incremental::update`] of the pages only: the discovery files, made from the
    /// whole site, are left for [`Incremental::update_discovery`] (`plenary serve`
    /// reloads the browser first).
    pub fn update_pages(&mut self, site: &Site, prints: &[Print], links: &dyn Links) -> anyhow::Result<Update> {
        let pending = self.render_pages(site, prints, links)?;
        Ok(self.commit(pending))
    }

    /// Renders what changed since the last update, leaving the site as it is until
    /// [`Incremental::commit`] (`plenary serve` keeps serving meanwhile).
    pub fn render_pages(&self, site: &Site, prints: &[Print], links: &dyn Links) -> anyhow::Result<Pending> {
        anyhow::ensure!(prints.len() == site.resolutions.len(), "one print per source is needed");
        let templates = Templates::of_site(site)?;
        let assets = assets::collect(site.static_dir().as_deref(), &display_path(&site.root, Path::new("static")))?;
        let mastheads = mastheads(prints);
        let fresh = match &self.listings {
            Some((key, _)) if *key == mastheads => None,
            _ => Some(Listings::new(site)?),
        };
        let listings = match (&fresh, &self.listings) {
            (Some(l), _) | (None, Some((_, l))) => l,
            (None, None) => unreachable!("listings are made when none are kept"),
        };
        let mut pending = self.render(site, prints, links, &templates, listings, None)?;
        pending.assets = Some(assets);
        pending.listings = fresh.map(|l| (mastheads, l));
        Ok(pending)
    }

    /// Renders the pages of resolutions `first` (indexes in site order) alone, so that
    /// `plenary serve` can show an edit before rendering the pages that depend on it;
    /// the next [`Incremental::render_pages`] finds them done. `None` when the
    /// mastheads changed since the last update (the listings must come with them).
    pub fn render_first(
        &self,
        site: &Site,
        prints: &[Print],
        links: &dyn Links,
        first: &[usize],
    ) -> anyhow::Result<Option<Pending>> {
        anyhow::ensure!(prints.len() == site.resolutions.len(), "one print per source is needed");
        let mastheads = mastheads(prints);
        let Some((_, listings)) = self.listings.as_ref().filter(|(key, _)| *key == mastheads) else {
            return Ok(None);
        };
        let templates = Templates::of_site(site)?;
        self.render(site, prints, links, &templates, listings, Some(first)).map(Some)
    }

    /// Renders the stale jobs among every job of the site, or among the pages of
    /// resolutions `only`.
    fn render(
        &self,
        site: &Site,
        prints: &[Print],
        links: &dyn Links,
        templates: &Templates,
        listings: &Listings,
        only: Option<&[usize]>,
    ) -> anyhow::Result<Pending> {
        let collection = &listings.collection;
        let site_ctx = SiteCtx::of(&site.config);
        let nav = links.nav();
        let r = Renderer { site, templates, site_ctx, collection, nav: nav.clone(), discover: &listings.discover };
        let resolutions: Vec<&crate::model::Resolution> = site.resolutions.iter().map(|s| &s.resolution).collect();
        let keys = Keys::new(site, prints, links, templates, &nav);
        let (jobs, extra_pages) = match only {
            Some(only) => (only.iter().map(|&i| keys.resolution(i)).collect(), Vec::new()),
            None => {
                let extra_pages = super::extra_pages(site, links);
                (plan(&keys, collection, &extra_pages), extra_pages)
            }
        };
        let stale: Vec<&Job> = jobs.iter().filter(|j| self.jobs.get(&j.id).is_none_or(|d| d.key != j.key)).collect();
        let other_pages = std::sync::atomic::AtomicUsize::new(self.other_pages);
        let rendered: Vec<anyhow::Result<(Files, Vec<String>)>> = stale
            .par_iter()
            .map(|job| match &job.kind {
                Kind::Resolution(i) => r.resolution(*i, links),
                Kind::Listing { template, title, what } => {
                    let html = r.page(&job.id, template, title, |ctx| match what {
                        Listing::Home | Listing::Index => ctx.insert("collection", collection),
                        Listing::Session(s) => ctx.insert("session", s),
                        Listing::NotFound => {}
                    })?;
                    Ok((vec![(job.id.clone(), html.into_bytes())], Vec::new()))
                }
                Kind::Others => {
                    let files = std::sync::Mutex::new(Vec::new());
                    let pages = r.own_other_files(&|path, bytes| {
                        files
                            .lock()
                            .map_err(|_| anyhow::anyhow!("a rendering thread failed"))?
                            .push((path.to_string(), bytes));
                        Ok(())
                    })?;
                    other_pages.store(pages, std::sync::atomic::Ordering::Relaxed);
                    let files = files.into_inner().map_err(|_| anyhow::anyhow!("a rendering thread failed"))?;
                    Ok((files, site.annotations.warnings.clone()))
                }
                Kind::Extra(i) => {
                    let page = &extra_pages[*i];
                    Ok((vec![(page.path.clone(), r.extra_page(page, links, &resolutions)?)], Vec::new()))
                }
            })
            .collect();
        let mut done = Vec::with_capacity(rendered.len());
        for (job, result) in stale.iter().zip(rendered) {
            let (files, warnings) = result?;
            let others = matches!(job.kind, Kind::Others);
            done.push(Rendered { id: job.id.clone(), key: job.key, files, warnings, others });
        }
        Ok(Pending {
            plan: only.is_none().then(|| jobs.iter().map(|j| j.id.clone()).collect()),
            done,
            assets: None,
            listings: None,
            other_pages: other_pages.into_inner(),
        })
    }

    /// Puts in place what [`Incremental::render_pages`] or
    /// [`Incremental::render_first`] rendered.
    pub fn commit(&mut self, pending: Pending) -> Update {
        let Pending { plan, done, assets, listings, other_pages } = pending;
        if listings.is_some() {
            self.listings = listings;
        }
        let mut update = Update::default();
        let mut gone: BTreeSet<String> = BTreeSet::new();
        let others_rendered = done.iter().any(|d| d.others);
        for Rendered { id, key, files, warnings, .. } in done {
            update.rendered.push(id.clone());
            let paths: Vec<String> = files.iter().map(|(p, _)| p.clone()).collect();
            if let Some(old) = self.jobs.get(&id) {
                gone.extend(old.files.iter().filter(|f| !paths.contains(f)).cloned());
            }
            for (path, bytes) in files {
                gone.remove(&path);
                if self.files.get(&path) != Some(&bytes) {
                    update.changed.push(path.clone());
                    self.files.insert(path, bytes);
                }
            }
            self.jobs.insert(id, Done { key, files: paths, warnings });
        }
        if let Some(plan) = &plan {
            self.other_pages = other_pages;
            let live: std::collections::HashSet<&str> = plan.iter().map(String::as_str).collect();
            let dropped: Vec<String> = self.jobs.keys().filter(|id| !live.contains(id.as_str())).cloned().collect();
            for id in dropped {
                if let Some(done) = self.jobs.remove(&id) {
                    gone.extend(done.files);
                }
            }
        }
        if let Some(assets) = assets {
            let mut asset_paths = BTreeSet::new();
            for (name, bytes) in assets {
                let path = format!("{}{name}", urls::STATIC);
                gone.remove(&path);
                if self.files.get(&path) != Some(&bytes) {
                    update.changed.push(path.clone());
                    self.files.insert(path.clone(), bytes);
                }
                asset_paths.insert(path);
            }
            gone.extend(self.assets.iter().filter(|p| !asset_paths.contains(*p)).cloned());
            self.assets = asset_paths;
        }
        for path in gone {
            // A file another page or an asset now provides stays.
            let provided = self.assets.contains(&path) || self.jobs.values().any(|d| d.files.contains(&path));
            if !provided && self.files.remove(&path).is_some() {
                update.removed.push(path);
            }
        }
        // Discovery files are made from the whole site: again whenever the others were.
        self.discovery_due |= others_rendered || self.discovered.is_empty();
        if let Some(plan) = plan {
            self.order = plan;
        }
        update
    }

    /// Whether the discovery files (search index, feeds, sitemap) are behind the pages.
    pub fn discovery_due(&self) -> bool {
        self.discovery_due
    }

    /// Makes the discovery files (search index, feeds, sitemap) again if the pages
    /// they are made from changed since they were last made.
    pub fn update_discovery(&mut self, site: &Site) -> anyhow::Result<Update> {
        let files = self.discovery_files(site)?;
        Ok(self.apply_discovery(files))
    }

    /// The discovery files, if they are due (the site is only read: `plenary serve`
    /// makes them while the pages are being served).
    pub fn discovery_files(&self, site: &Site) -> anyhow::Result<Option<Files>> {
        if !self.discovery_due {
            return Ok(None);
        }
        let Some((_, listings)) = &self.listings else { return Ok(None) };
        let site_ctx = SiteCtx::of(&site.config);
        let paths: Vec<String> = self.files.keys().filter(|p| !self.discovered.contains(*p)).cloned().collect();
        let files = std::sync::Mutex::new(Files::new());
        super::discover::site_files(site, &listings.collection, &site_ctx, &paths, &|path, bytes| {
            files
                .lock()
                .map_err(|_| anyhow::anyhow!("a thread making the discovery files failed"))?
                .push((path, bytes));
            Ok(())
        })?;
        let mut files =
            files.into_inner().map_err(|_| anyhow::anyhow!("a thread making the discovery files failed"))?;
        files.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        Ok(Some(files))
    }

    /// Puts in place the files [`Incremental::discovery_files`] made.
    pub fn apply_discovery(&mut self, files: Option<Files>) -> Update {
        let mut update = Update::default();
        let Some(files) = files else { return update };
        let fresh: BTreeSet<String> = files.iter().map(|(p, _)| p.clone()).collect();
        for path in self.discovered.difference(&fresh) {
            if self.files.remove(path).is_some() {
                update.removed.push(path.clone());
            }
        }
        for (path, bytes) in files {
            if self.files.get(&path) != Some(&bytes) {
                update.changed.push(path.clone());
                self.files.insert(path, bytes);
            }
        }
        self.discovered = fresh;
        self.discovery_due = false;
        update
    }
}

/// What the keys of jobs are made from.
struct Keys<'a> {
    site: &'a Site,
    prints: &'a [Print],
    links: &'a dyn Links,
    /// Of the configuration and the site navigation.
    global: u64,
    templates: HashMap<String, u64>,
    by_symbol: HashMap<&'a str, usize>,
}

impl<'a> Keys<'a> {
    fn new(
        site: &'a Site,
        prints: &'a [Print],
        links: &'a dyn Links,
        templates: &Templates,
        nav: &[super::NavEntry],
    ) -> Keys<'a> {
        Keys {
            site,
            prints,
            links,
            global: hash(&(format!("{:?}", site.config), nav)),
            templates: template_keys(templates),
            by_symbol: site
                .resolutions
                .iter()
                .enumerate()
                .map(|(i, s)| (s.resolution.meta.symbol.as_str(), i))
                .collect(),
        }
    }

    fn template(&self, name: &str) -> u64 {
        self.templates.get(name).copied().unwrap_or(0)
    }

    fn meta(&self, i: Option<usize>) -> Option<u64> {
        i.and_then(|i| self.prints.get(i)).map(|p| p.meta)
    }

    /// The job of the pages of resolution `i`.
    fn resolution<'j>(&self, i: usize) -> Job<'j> {
        let source = &self.site.resolutions[i];
        let res = &source.resolution;
        // Loading checked that the symbol is a safe path: resolution_page gives the same.
        let id = format!("{}/index.html", res.meta.symbol);
        debug_assert!(urls::resolution_page(&res.meta.symbol).is_ok_and(|p| p == id), "{}", source.display);
        let deps: Vec<Option<u64>> =
            self.links.depends_on(i).iter().map(|&j| self.prints.get(j).map(|p| p.text)).collect();
        let notes = hash(&format!("{:?}", self.site.annotations.for_resolution(&res.meta.symbol)));
        let neighbours = (self.meta(i.checked_sub(1)), self.meta(Some(i + 1)));
        let key = hash(&(self.global, self.template("resolution.html"), self.prints[i].text, neighbours, deps, notes));
        Job { id, key, kind: Kind::Resolution(i) }
    }
}

/// Every page job of the site with its key.
fn plan<'a>(keys: &Keys, collection: &'a Collection, extra_pages: &[super::ExtraPage]) -> Vec<Job<'a>> {
    let (site, prints, global) = (keys.site, keys.prints, keys.global);
    let mut jobs = Vec::with_capacity(site.resolutions.len() + collection.sessions.len() + extra_pages.len() + 5);
    jobs.extend((0..site.resolutions.len()).map(|i| keys.resolution(i)));
    let all: Vec<u64> = prints.iter().map(|p| p.meta).collect();
    let listing = |id: &str, template: &'static str, title: &str, what: Listing<'a>, deps: u64| Job {
        id: id.to_string(),
        key: hash(&(global, keys.template(template), deps)),
        kind: Kind::Listing { template, title: title.to_string(), what },
    };
    jobs.push(listing(urls::HOME, "index.html", &site.config.title, Listing::Home, hash(&all)));
    jobs.push(listing(urls::RESOLUTIONS, "resolutions.html", "All resolutions", Listing::Index, hash(&all)));
    for session in &collection.sessions {
        let members: Vec<Option<u64>> =
            session.resolutions.iter().map(|s| keys.meta(keys.by_symbol.get(s.symbol.as_str()).copied())).collect();
        jobs.push(listing(&session.path, "session.html", &session.label, Listing::Session(session), hash(&members)));
    }
    jobs.push(listing(urls::NOT_FOUND, "404.html", "Page not found", Listing::NotFound, 0));
    // The annotations index and the search page draw on the whole collection, and
    // their job makes the highlighting CSS (see `Renderer::own_other_files`).
    let mut other_templates: Vec<&str> = vec!["annotations.html", "search.html"];
    other_templates.extend(extra_pages.iter().map(|p| p.template.as_str()));
    other_templates.sort_unstable();
    other_templates.dedup();
    let texts: Vec<(u64, u64)> = prints.iter().map(|p| (p.text, p.meta)).collect();
    let used: Vec<u64> = other_templates.iter().map(|t| keys.template(t)).collect();
    let notes = hash(&format!("{:?}", site.annotations));
    jobs.push(Job { id: OTHERS.to_string(), key: hash(&(global, used, texts, notes)), kind: Kind::Others });
    for (i, page) in extra_pages.iter().enumerate() {
        let sources: Vec<Option<u64>> = page.sources.iter().map(|&s| prints.get(s).map(|p| p.text)).collect();
        let key = hash(&(global, keys.template(&page.template), &page.title, sources, page.digest));
        jobs.push(Job { id: page.path.clone(), key, kind: Kind::Extra(i) });
    }
    jobs
}

/// Template name → hash of its source and of the sources of every template it
/// names, directly or through others.
fn template_keys(templates: &Templates) -> HashMap<String, u64> {
    let names: Vec<&String> = templates.sources.keys().collect();
    let direct: HashMap<&str, Vec<&str>> = templates
        .sources
        .iter()
        .map(|(name, src)| {
            let used = names
                .iter()
                .filter(|n| *n != &name && (src.contains(&format!("\"{n}\"")) || src.contains(&format!("'{n}'"))))
                .map(|n| n.as_str())
                .collect();
            (name.as_str(), used)
        })
        .collect();
    let mut keys = HashMap::new();
    for name in &names {
        let mut seen: BTreeSet<&str> = BTreeSet::new();
        let mut todo = vec![name.as_str()];
        while let Some(n) = todo.pop() {
            if seen.insert(n) {
                todo.extend(direct.get(n).into_iter().flatten());
            }
        }
        let sources: Vec<(&str, &String)> = seen.iter().map(|n| (*n, &templates.sources[*n])).collect();
        keys.insert(name.to_string(), hash(&sources));
    }
    keys
}

/// The key of the listings: a hash of every masthead.
fn mastheads(prints: &[Print]) -> u64 {
    hash(&prints.iter().map(|p| p.meta).collect::<Vec<_>>())
}

fn hash<T: Hash + ?Sized>(value: &T) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    value.hash(&mut h);
    h.finish()
}
