//! Discovery: what makes the collection findable and interoperable beyond its
//! pages — the client-side full-text search index (`search`), Atom feeds of
//! recently adopted resolutions and of each series (`feeds`, `series`), the
//! sitemap and robots.txt (`sitemap`), and the schema.org JSON-LD and Open Graph
//! tags of each page (`jsonld`).
//!
//! **In**: the loaded [`Site`], the listing [`Collection`] and the paths of the
//! pages already rendered. **Out**: extra files of the site (path → bytes) and
//! `<head>` fragments (escaped HTML) the page templates write as `discover_head`.
//! Everything is derived from the content (dates from the front matter, never the
//! clock) and sorted, so two builds are byte-identical.

pub mod feeds;
pub mod jsonld;
pub mod search;
pub mod series;
pub mod sitemap;
mod xml;

use super::pages::{Collection, SiteCtx};
use crate::cite::CitedWorks;
use crate::site::Site;

/// The search page, from the site root.
pub const SEARCH_PAGE: &str = "search/index.html";
/// The Atom feed of the most recently adopted resolutions.
pub const FEED: &str = "feed.xml";

/// Receives a file (path from the site root, bytes), from any thread.
pub type Emit<'a> = dyn Fn(String, Vec<u8>) -> anyhow::Result<()> + Sync + 'a;

/// The site-wide discovery files: search index, feeds, sitemap, robots.txt, each
/// given to `emit` as it is made (from any thread). `paths` are the files rendered
/// so far (the sitemap lists their HTML pages).
pub fn site_files(
    site: &Site,
    collection: &Collection,
    site_ctx: &SiteCtx,
    paths: &[String],
    emit: &Emit,
) -> anyhow::Result<()> {
    listing_files(site, collection, site_ctx, paths, emit)?;
    search_files(site, emit)
}

/// The feeds and the sitemap of [`site_files`].
pub fn listing_files(
    site: &Site,
    collection: &Collection,
    site_ctx: &SiteCtx,
    paths: &[String],
    emit: &Emit,
) -> anyhow::Result<()> {
    feeds::files(site, collection, site_ctx)
        .into_iter()
        .chain(sitemap::files(&site_ctx.base_url, paths.iter().map(String::as_str)))
        .try_for_each(|(path, bytes)| emit(path, bytes))
}

/// The search index of [`site_files`], if `[outputs] search` asks for it.
pub fn search_files(site: &Site, emit: &Emit) -> anyhow::Result<()> {
    if site.config.outputs.search {
        search::files(site, emit)?;
    }
    Ok(())
}

/// `https://example.org/un/` + `path` without a trailing `index.html`, or `None`
/// without a base URL.
pub fn absolute(base_url: &str, path: &str) -> Option<String> {
    (!base_url.is_empty()).then(|| format!("{base_url}{}", path.strip_suffix("index.html").unwrap_or(path)))
}

/// What the pages need from discovery, computed once per build.
#[derive(Debug, Clone, Default)]
pub struct Prepared {
    /// The series feed of each resolution (by index in the site), if it has one.
    series_feed: Vec<Option<String>>,
}

impl Prepared {
    pub fn new(site: &Site) -> Prepared {
        let mut series_feed = vec![None; site.resolutions.len()];
        for s in series::collect(site.resolutions.iter().map(|r| &r.resolution.meta)) {
            for &i in &s.members {
                series_feed[i] = Some(feeds::series_feed(&s.key));
            }
        }
        Prepared { series_feed }
    }

    /// The `discover_head` of resolution `i`'s page at `path`; `cited` are the
    /// targets of its citations if the link stage found them.
    pub fn resolution_head(
        &self,
        site: &Site,
        i: usize,
        path: &str,
        ctx: &SiteCtx,
        collection: &Collection,
        cited: Option<&CitedWorks>,
    ) -> String {
        let feed = self.series_feed.get(i).and_then(|f| f.as_deref());
        jsonld::resolution_head(&site.resolutions[i].resolution, path, ctx, collection, feed, cited)
    }
}
