//! Rendering: models and templates in, the pages of the static site out.
//!
//! **In**: a loaded [`Site`] and a [`Links`] resolver (citation linking plugs in
//! here; [`NoLinks`] by default). **Out**: every file of the site, in memory
//! ([`render_site`]) or written atomically to an output directory ([`build`]).
//!
//! Submodules: `html` (escaping), `urls` (URL layout, relative links), `inline`
//! (text runs, footnote marks, the [`Linker`] hook), `document` (one resolution's
//! body, annexes, footnotes, contents), `pages` (template contexts), `templates`
//! (built-in + site templates), `assets` (built-in + site static files), `output`
//! (the staging directory swapped in at the end).

pub mod assets;
pub mod discover;
pub mod document;
pub mod extra;
pub mod html;
pub mod incremental;
pub mod inline;
pub mod output;
pub mod pages;
pub mod templates;
pub mod urls;

pub use extra::{ExtraPage, NavEntry};
pub use inline::{Link, LinkTarget, Linker, Links, NoLinks};

use crate::annotate;
use crate::site::{display_path, Site};
use anyhow::Context as _;
use pages::{Collection, PageCtx, SiteCtx, Summary};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use templates::Templates;

/// Every file of the site: path from the site root → bytes, plus warnings.
#[derive(Debug, Default)]
pub struct Rendered {
    pub files: BTreeMap<String, Vec<u8>>,
    pub pages: usize,
    pub warnings: Vec<String>,
}

/// What a build did.
#[derive(Debug)]
pub struct BuildReport {
    pub output: PathBuf,
    pub resolutions: usize,
    pub pages: usize,
    pub files: usize,
    pub warnings: Vec<String>,
}

/// Renders the site and swaps it into `output`; the previous output is left as it
/// was if anything fails.
pub fn build(site: &Site, output: &Path, links: &dyn Links) -> anyhow::Result<BuildReport> {
    build_with_progress(site, output, links, &|_| {}, None)
}

/// Judges the check of a written site before it is swapped in: an error keeps the
/// previous output.
pub type Verify<'a> = dyn Fn(&crate::check::Report) -> anyhow::Result<()> + 'a;

/// [`build`], calling `progress(n)` as `n` more files are written. With `verify`,
/// every file is also given to the check (`check::SiteCheck`) as it is written, and
/// `verify` judges the report before the swap. Files are written as they are
/// rendered, from every thread, so the site is never held in memory as a whole.
pub fn build_with_progress<'l>(
    site: &Site,
    output: &Path,
    links: impl std::ops::Deref<Target = dyn Links + 'l> + Send,
    progress: &(dyn Fn(usize) + Sync),
    verify: Option<&Verify>,
) -> anyhow::Result<BuildReport> {
    let mut protected = vec![site.content_dir()];
    protected.extend(site.templates_dir());
    protected.extend(site.static_dir());
    output::check_location(output, &site.root, &protected)?;
    let out = output::Output::prepare(output)?;
    let files = std::sync::atomic::AtomicUsize::new(0);
    let check = verify.map(|_| crate::check::SiteCheck::default());
    let rendered = render_each(site, links, &|path, bytes| {
        out.write(path, &bytes)?;
        if let Some(check) = &check {
            check.add(path, &bytes);
        }
        files.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        progress(1);
        Ok(())
    })?;
    if let (Some(verify), Some(check)) = (verify, check) {
        let staging = out.staging().to_path_buf();
        let report = check.finish(output, &|rel| std::fs::read(staging.join(rel)).ok())?;
        verify(&report)?;
    }
    out.commit()?;
    Ok(BuildReport {
        output: output.to_path_buf(),
        resolutions: site.resolutions.len(),
        pages: rendered.pages,
        files: files.into_inner() + 1,
        warnings: rendered.warnings,
    })
}

/// Renders every page, JSON and Markdown copy and asset of the site into memory.
pub fn render_site(site: &Site, links: &dyn Links) -> anyhow::Result<Rendered> {
    let files = std::sync::Mutex::new(BTreeMap::new());
    let mut rendered = render_each(site, links, &|path, bytes| {
        files.lock().map_err(|_| anyhow::anyhow!("a rendering thread failed"))?.insert(path.to_string(), bytes);
        Ok(())
    })?;
    rendered.files = files.into_inner().map_err(|_| anyhow::anyhow!("a rendering thread failed"))?;
    Ok(rendered)
}

/// Receives each file of the site (path from the site root, bytes) as it is
/// rendered, from any thread.
pub type Sink<'a> = dyn Fn(&str, Vec<u8>) -> anyhow::Result<()> + Sync + 'a;

/// Renders every file of the site into `sink`, resolutions in parallel; the
/// returned [`Rendered`] has the page count and warnings (in symbol order) but no files.
///
/// `links` is dropped once the pages are rendered, on one thread while the other
/// makes the feeds and the sitemap, and before the search index: given ownership (a
/// `Box`), the link stage's memory is freed before the index's is taken. (What the
/// drop does is the owner's to say: `plenary build` keeps the memory to the end of
/// the process when no search index follows.)
pub fn render_each<'l>(
    site: &Site,
    owned_links: impl std::ops::Deref<Target = dyn Links + 'l> + Send,
    sink: &Sink,
) -> anyhow::Result<Rendered> {
    let links: &dyn Links = &*owned_links;
    let templates = Templates::of_site(site)?;
    let assets = assets::collect(site.static_dir().as_deref(), &display_path(&site.root, Path::new("static")))?;
    // The listings' data and the linker's pages, each made on a thread of its own.
    let (collection, extra_pages) = rayon::join(|| Collection::new(site), || extra_pages(site, links));
    let collection = collection?;
    let site_ctx = SiteCtx::of(&site.config);
    let nav = extra::nav_entries(&extra_pages);
    debug_assert_eq!(nav, links.nav(), "Links::nav must give the entries of Links::pages");
    let discover = discover::Prepared::new(site);
    let r = Renderer { site, templates: &templates, site_ctx, collection: &collection, nav, discover: &discover };
    let mut out = Rendered::default();
    out.warnings.extend(site.annotations.warnings.iter().cloned());
    // Every path written, for the sitemap and to refuse two files at one path.
    let written = std::sync::Mutex::new(Vec::<String>::new());
    let emit = |path: &str, bytes: Vec<u8>| -> anyhow::Result<()> {
        written.lock().map_err(|_| anyhow::anyhow!("a rendering thread failed"))?.push(path.to_string());
        sink(path, bytes)
    };
    for (name, bytes) in assets {
        emit(&format!("{}{name}", urls::STATIC), bytes)?;
    }

    let listed = std::sync::atomic::AtomicUsize::new(0);
    let listing = |path: &str, template: &str, title: &str, extra: &dyn Fn(&mut tera::Context)| {
        let html = r.page(path, template, title, extra)?;
        emit(path, html.into_bytes())?;
        listed.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        anyhow::Ok(())
    };
    // The listing pages are rendered on one thread while the others render the resolutions.
    let (per_resolution, listings) = rayon::join(
        || -> Vec<anyhow::Result<Vec<String>>> {
            (0..site.resolutions.len())
                .into_par_iter()
                // Rayon splits a range only as often as there are threads, unless a part
                // is stolen: the thread that renders the listings alone would find, when
                // done, only parts already being rendered one resolution after another.
                .with_max_len(RESOLUTIONS_PER_TASK)
                .map(|i| {
                    let (files, warnings) = r.resolution(i, links)?;
                    for (path, bytes) in files {
                        emit(&path, bytes)?;
                    }
                    Ok(warnings)
                })
                .collect()
        },
        || -> anyhow::Result<()> {
            // Only the home and index pages get the whole collection (no page per
            // resolution serializes it, which would be quadratic).
            listing(urls::HOME, "index.html", &site.config.title, &|ctx| ctx.insert("collection", &collection))?;
            listing(urls::RESOLUTIONS, "resolutions.html", "All resolutions", &|ctx| {
                ctx.insert("collection", &collection)
            })?;
            for session in &collection.sessions {
                listing(&session.path, "session.html", &session.label, &|ctx| ctx.insert("session", session))?;
            }
            listing(urls::NOT_FOUND, "404.html", "Page not found", &|_| {})?;
            let pages = r.other_files(&extra_pages, links, &emit)?;
            listed.fetch_add(pages, std::sync::atomic::Ordering::Relaxed);
            Ok(())
        },
    );
    for result in per_resolution {
        out.pages += 1;
        out.warnings.extend(result?);
    }
    listings?;
    out.pages += listed.into_inner();
    let mut paths = written.into_inner().map_err(|_| anyhow::anyhow!("a rendering thread failed"))?;
    paths.sort_unstable();
    if let Some(twice) = paths.windows(2).find(|w| w[0] == w[1]) {
        anyhow::bail!("two pages of the site would be written to {}", twice[0]);
    }
    // The link stage's memory is freed on one thread while the other makes the feeds
    // and the sitemap; the search index, the largest, is made after.
    let emit_rest = |path: String, bytes: Vec<u8>| sink(&path, bytes);
    let ((), listed) = rayon::join(
        move || drop((extra_pages, owned_links)),
        || discover::listing_files(site, &collection, &r.site_ctx, &paths, &emit_rest),
    );
    listed?;
    discover::search_files(site, &emit_rest)?;
    Ok(out)
}

/// The linker's pages the configuration asks for: comparisons only with
/// `[outputs] comparisons`.
fn extra_pages(site: &Site, links: &dyn Links) -> Vec<ExtraPage> {
    let mut pages = links.pages();
    if !site.config.outputs.comparisons {
        pages.retain(|p| !p.comparison);
    }
    pages
}

/// The most resolutions rendered one after another as one task: few enough that a
/// thread free late (after the listings) finds work, more than enough to make the
/// cost of a task nothing beside theirs.
const RESOLUTIONS_PER_TASK: usize = 16;

/// Receives a file (path from the site root, bytes), from any thread.
type Emit<'a> = dyn Fn(&str, Vec<u8>) -> anyhow::Result<()> + Sync + 'a;

/// The files (path, bytes) and warnings of one resolution.
type ResolutionFiles = (Vec<(String, Vec<u8>)>, Vec<String>);

struct Renderer<'a> {
    site: &'a Site,
    templates: &'a Templates,
    site_ctx: SiteCtx,
    collection: &'a Collection,
    /// Navigation entries of the linker's pages (`site_nav`).
    nav: Vec<NavEntry>,
    discover: &'a discover::Prepared,
}

impl Renderer<'_> {
    /// The files beyond the resolutions and the listings: the highlighting CSS, the
    /// annotations index, the search page and the linker's pages (cited documents,
    /// series, comparisons), each given to `emit` as it is rendered; returns the
    /// number of pages among them.
    fn other_files(&self, extra_pages: &[ExtraPage], links: &dyn Links, emit: &Emit) -> anyhow::Result<usize> {
        let pages = self.own_other_files(emit)?;
        let resolutions: Vec<&crate::model::Resolution> = self.site.resolutions.iter().map(|s| &s.resolution).collect();
        extra_pages.par_iter().try_for_each(|p| emit(&p.path, self.extra_page(p, links, &resolutions)?))?;
        Ok(pages + extra_pages.len())
    }

    /// The highlighting CSS, the annotations index and the search page (if on); returns the
    /// number of pages among them.
    fn own_other_files(&self, emit: &Emit) -> anyhow::Result<usize> {
        emit(&format!("{}{}", urls::STATIC, annotate::highlight::CSS_FILE), annotate::highlight::css().into_bytes())?;
        let mut pages = 0;
        if !self.site.annotations.is_empty() {
            let index = annotate::pages::index(&self.site.annotations, &self.site.resolutions);
            let html = self.page(annotate::pages::INDEX_PAGE, "annotations.html", "Annotations", |ctx| {
                ctx.insert("annotations", &index)
            })?;
            emit(annotate::pages::INDEX_PAGE, html.into_bytes())?;
            pages += 1;
        }
        if self.site.config.outputs.search {
            let search = self.page(discover::SEARCH_PAGE, "search.html", "Search", |_| {})?;
            emit(discover::SEARCH_PAGE, search.into_bytes())?;
            pages += 1;
        }
        Ok(pages)
    }

    /// One of the linker's pages.
    fn extra_page(
        &self,
        p: &ExtraPage,
        links: &dyn Links,
        resolutions: &[&crate::model::Resolution],
    ) -> anyhow::Result<Vec<u8>> {
        let data = links.deferred_context(p.key, resolutions, &p.path);
        Ok(self.page(&p.path, &p.template, &p.title, |ctx| ctx.extend(data))?.into_bytes())
    }

    fn context(&self, path: &str, title: &str) -> tera::Context {
        let mut ctx = tera::Context::new();
        ctx.insert("site", &self.site_ctx);
        ctx.insert("site_nav", &self.nav);
        let root = if path == urls::NOT_FOUND && !self.site_ctx.base_url.is_empty() {
            // The 404 page is served at whatever URL was missing: absolute links.
            self.site_ctx.base_url.clone()
        } else {
            urls::root_prefix(path)
        };
        ctx.insert("root", &root);
        let canonical = (!self.site_ctx.base_url.is_empty())
            .then(|| format!("{}{}", self.site_ctx.base_url, path.strip_suffix("index.html").unwrap_or(path)));
        ctx.insert("page", &PageCtx { path: path.to_string(), title: title.to_string(), canonical });
        ctx.insert("discover_head", &discover::jsonld::page_head(path, title, &self.site_ctx));
        if !self.site.annotations.is_empty() {
            ctx.insert("annotations_index", annotate::pages::INDEX_PAGE);
        }
        ctx
    }

    fn page(
        &self,
        path: &str,
        template: &str,
        title: &str,
        extra: impl FnOnce(&mut tera::Context),
    ) -> anyhow::Result<String> {
        let mut ctx = self.context(path, title);
        extra(&mut ctx);
        self.templates.render(template, &ctx, path)
    }

    /// The page of resolution `i` and the exports `[outputs]` asks for, and its warnings.
    fn resolution(&self, i: usize, links: &dyn Links) -> anyhow::Result<ResolutionFiles> {
        let source = &self.site.resolutions[i];
        let res = &source.resolution;
        let dir = urls::resolution_dir(&res.meta.symbol).with_context(|| source.display.clone())?;
        let path = format!("{dir}index.html");
        let mut linker = links.for_document(res);
        let mut doc = document::render(res, &path, linker.as_mut(), self.site.config.contents_min_paragraphs);
        links.decorate(res, &path, &mut doc.body);
        let notes = self.site.annotations.for_resolution(&res.meta.symbol);
        annotate::attach::attach(&mut doc.body, &mut doc.footnotes, &notes, &path);
        let warnings = doc.warnings.iter().map(|w| format!("{}: {w}", source.display)).collect();
        let neighbour =
            |j: Option<usize>| -> Option<Summary> { j.and_then(|j| self.collection.resolutions.get(j)).cloned() };
        let ctx_res = pages::resolution_ctx(&res.meta, doc, neighbour(i.checked_sub(1)), neighbour(Some(i + 1)));
        let title = format!("{} — {}", res.meta.symbol, res.meta.title);
        let head =
            self.discover.resolution_head(self.site, i, &path, &self.site_ctx, self.collection, links.cited(res));
        let notes_ctx = annotate::pages::resolution_notes(&notes);
        let html = self.page(&path, "resolution.html", &title, |ctx| {
            ctx.insert("res", &ctx_res);
            ctx.insert("discover_head", &head);
            ctx.insert("annotations", &notes_ctx);
            links.page_context(res, ctx);
        })?;
        let outputs = &self.site.config.outputs;
        let mut files = Vec::with_capacity(outputs.files_per_resolution());
        let markdown = if outputs.source || outputs.markdown { Some(source.markdown()?) } else { None };
        if let (true, Some(markdown)) = (outputs.source, &markdown) {
            let source_path = format!("{dir}{}", annotate::pages::SOURCE_FILE);
            let source_ctx = annotate::pages::source_ctx(source, markdown);
            let source_title = format!("Source of {}", res.meta.symbol);
            let source_html =
                self.page(&source_path, "source.html", &source_title, |ctx| ctx.insert("source", &source_ctx))?;
            files.push((source_path, source_html.into_bytes()));
        }
        files.push((path, html.into_bytes()));
        if outputs.json {
            files.push((format!("{dir}index.json"), crate::export::json::to_string(res).into_bytes()));
        }
        if let (true, Some(markdown)) = (outputs.markdown, markdown) {
            files.push((format!("{dir}index.md"), markdown.into_bytes()));
        }
        if outputs.akn {
            files.push((format!("{dir}{}", urls::AKN_FILE), crate::export::akn::to_xml(res).into_bytes()));
        }
        Ok((files, warnings))
    }
}
