//! Atom feeds (RFC 4287): `feed.xml`, the most recently adopted resolutions of
//! the collection, and `feeds/series/<key>.xml`, one per series (see `series`).
//!
//! **In**: the site's resolutions and the listing summaries. **Out**: the feed
//! files. Entries are ordered by adoption date, newest first (a resolution without
//! a date in its front matter is left out), ties by symbol; `updated` is the
//! newest entry's date, so nothing depends on the clock. Links are absolute when
//! `base_url` is set and relative to the feed otherwise; an entry's id is its
//! page URL, or without `base_url` its official URL on undocs.org.

use super::series::{self, Series};
use super::xml::escape;
use super::{absolute, FEED};
use crate::render::pages::{format_date, Collection, SiteCtx, Summary};
use crate::render::urls;
use crate::site::content::compare_symbols;
use crate::site::Site;
use std::fmt::Write as _;

/// How many resolutions the main feed lists.
pub const MAIN_FEED_ENTRIES: usize = 50;

/// `feeds/series/<key>.xml`.
pub fn series_feed(key: &str) -> String {
    format!("feeds/series/{key}.xml")
}

/// The main feed and one feed per series.
pub fn files(site: &Site, collection: &Collection, ctx: &SiteCtx) -> Vec<(String, Vec<u8>)> {
    let all: Vec<usize> = (0..collection.resolutions.len()).collect();
    let mut out = vec![(
        FEED.to_string(),
        feed(site, collection, ctx, FEED, &format!("{}: recently adopted", ctx.title), &all, MAIN_FEED_ENTRIES),
    )];
    for s in series::collect(site.resolutions.iter().map(|r| &r.resolution.meta)) {
        let path = series_feed(&s.key);
        let title = format!("{}: {}", ctx.title, series_title(&s));
        out.push((path.clone(), feed(site, collection, ctx, &path, &title, &s.members, usize::MAX)));
    }
    out
}

fn series_title(s: &Series) -> String {
    format!("series “{}”", s.title)
}

/// An ISO date `YYYY-MM-DD` as an Atom timestamp, or `None` if it is not one.
pub fn atom_date(iso: &str) -> Option<String> {
    let b = iso.as_bytes();
    let ok = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    ok.then(|| format!("{iso}T00:00:00Z"))
}

fn entry_date(s: &Summary, site: &Site, i: usize) -> Option<String> {
    s.adopted
        .as_deref()
        .and_then(atom_date)
        .or_else(|| site.resolutions.get(i).and_then(|r| r.resolution.meta.distributed.as_deref()).and_then(atom_date))
}

fn feed(
    site: &Site,
    collection: &Collection,
    ctx: &SiteCtx,
    path: &str,
    title: &str,
    members: &[usize],
    limit: usize,
) -> Vec<u8> {
    let mut dated: Vec<(String, usize)> =
        members.iter().filter_map(|&i| Some((entry_date(collection.resolutions.get(i)?, site, i)?, i))).collect();
    dated.sort_by(|(da, a), (db, b)| {
        db.cmp(da).then_with(|| compare_symbols(&collection.resolutions[*b].symbol, &collection.resolutions[*a].symbol))
    });
    dated.truncate(limit);
    let link = |target: &str| absolute(&ctx.base_url, target).unwrap_or_else(|| urls::relative(path, target));
    let updated = dated.first().map(|(d, _)| d.clone()).unwrap_or_else(|| "1970-01-01T00:00:00Z".to_string());

    let mut x = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let _ = writeln!(x, "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">", escape(&ctx.language));
    let _ = writeln!(x, "  <title>{}</title>", escape(title));
    let _ = writeln!(x, "  <subtitle>{}</subtitle>", escape(&ctx.description));
    let id = absolute(&ctx.base_url, path).unwrap_or_else(|| format!("urn:x-plenary:{path}"));
    let _ = writeln!(x, "  <id>{}</id>", escape(&id));
    if let Some(own) = absolute(&ctx.base_url, path) {
        let _ = writeln!(x, "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>", escape(&own));
    }
    let _ = writeln!(x, "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>", escape(&link(urls::HOME)));
    let _ = writeln!(x, "  <updated>{updated}</updated>");
    let _ = writeln!(x, "  <author><name>{}</name></author>", escape(&ctx.title));
    x.push_str("  <generator>Plenary</generator>\n");
    for (date, i) in &dated {
        let s = &collection.resolutions[*i];
        let meta = &site.resolutions[*i].resolution.meta;
        let page = &s.path;
        let dir = page.strip_suffix("index.html").unwrap_or(page);
        x.push_str("  <entry>\n");
        let _ = writeln!(x, "    <title>{}</title>", escape(&format!("{} — {}", s.symbol, s.title)));
        let _ = writeln!(x, "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>", escape(&link(page)));
        if ctx.outputs.akn {
            let akn = format!("{dir}{}", urls::AKN_FILE);
            let _ = writeln!(
                x,
                "    <link rel=\"alternate\" type=\"application/akn+xml\" href=\"{}\"/>",
                escape(&link(&akn))
            );
        }
        let entry_id = absolute(&ctx.base_url, page).unwrap_or_else(|| urls::official_url(&s.symbol));
        let _ = writeln!(x, "    <id>{}</id>", escape(&entry_id));
        let _ = writeln!(x, "    <published>{date}</published>");
        let _ = writeln!(x, "    <updated>{date}</updated>");
        if !meta.body.is_empty() {
            let _ = writeln!(x, "    <author><name>{}</name></author>", escape(&meta.body));
        }
        if let Some(session) = &s.session {
            let _ = writeln!(
                x,
                "    <category term=\"session-{}\" label=\"{}\"/>",
                escape(&session.key),
                escape(&session.label)
            );
        }
        for subject in &s.subjects {
            let _ = writeln!(x, "    <category term=\"{}\"/>", escape(subject));
        }
        let _ = writeln!(x, "    <summary>{}</summary>", escape(&summary(meta)));
        x.push_str("  </entry>\n");
    }
    x.push_str("</feed>\n");
    x.into_bytes()
}

/// `Resolution 61/183, adopted by the General Assembly on 20 December 2006 on the
/// report of the Third Committee (A/61/445). Sixty-first session.`
pub fn summary(m: &crate::model::Meta) -> String {
    let mut s = format!("Resolution {}", m.number);
    if !m.body.is_empty() {
        let _ = write!(s, ", adopted by the {}", m.body);
    }
    if let Some(d) = &m.adopted {
        let _ = write!(s, " on {}", format_date(d));
    }
    match (&m.committee, &m.report) {
        (Some(c), Some(r)) => {
            let _ = write!(s, " on the report of the {c} ({r})");
        }
        (Some(c), None) => {
            let _ = write!(s, " on the report of the {c}");
        }
        (None, Some(r)) => {
            let _ = write!(s, " without reference to a Main Committee ({r})");
        }
        (None, None) => {}
    }
    s.push('.');
    if let Some(session) = &m.session {
        let _ = write!(s, " {session}.");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_summary() {
        assert_eq!(atom_date("2006-12-20").as_deref(), Some("2006-12-20T00:00:00Z"));
        assert_eq!(atom_date("20 December 2006"), None);
        assert_eq!(atom_date("2006-1x-20"), None);
        let m = crate::model::Meta {
            number: "61/183".into(),
            body: "General Assembly".into(),
            adopted: Some("2006-12-20".into()),
            committee: Some("Third Committee".into()),
            report: Some("A/61/445".into()),
            session: Some("Sixty-first session".into()),
            ..Default::default()
        };
        assert_eq!(
            summary(&m),
            "Resolution 61/183, adopted by the General Assembly on 20 December 2006 on the report of the \
             Third Committee (A/61/445). Sixty-first session."
        );
    }
}
