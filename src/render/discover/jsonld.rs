//! Structured data in each page's `<head>`: schema.org JSON-LD (a `Legislation`
//! for every resolution page) and Open Graph tags (every page).
//!
//! **In**: a resolution (or a page's path and title), the site settings and the
//! listing summaries (to link cited resolutions that are in the collection).
//! **Out**: an HTML fragment, escaped, that the templates write as
//! `{{ discover_head | safe }}`. The JSON inside `<script type="application/ld+json">`
//! has `<`, `>` and `&` written as `\u003c`, `\u003e`, `\u0026`, so no text can
//! close the script element.
//!
//! The Legislation has `@context`, `@type`, `@id` and `url` (with `base_url`),
//! `identifier` and `legislationIdentifier` (the symbol), `name`, `alternateName`,
//! `legislationType`, `legislationDate` (adoption), `datePublished`
//! (distribution), `legislationPassedBy` (an Organization: "General Assembly of
//! the United Nations"), `legislationJurisdiction`, `inLanguage`, `sameAs` (the
//! official document), `keywords`, `encoding` (JSON, Markdown, Akoma Ntoso) and
//! `citation`: every document the resolution cites, as recognised by
//! [`crate::cite::scan`] in its paragraphs and footnotes (a link into the
//! collection when the cited resolution is in it, otherwise undocs.org). The link
//! stage hands over what it found ([`crate::render::Links::cited`]); only without
//! it are the texts scanned here.

use super::absolute;
use crate::cite::{self, CitedWorks, Issuer};
use crate::model::{Resolution, Visit};
use crate::render::html::escape;
use crate::render::pages::{format_date, Collection, SiteCtx};
use crate::render::urls;
use crate::site::content::symbol_sort_key;
use serde_json::{json, Map, Value};
use std::collections::BTreeSet;

/// The JSON-LD and Open Graph tags of a resolution page at `path`; `series_feed`
/// is the path of its series feed, if it has one; `cited`, the targets of its
/// citations as the link stage found them (recognised here if `None`).
pub fn resolution_head(
    res: &Resolution,
    path: &str,
    site: &SiteCtx,
    collection: &Collection,
    series_feed: Option<&str>,
    cited: Option<&CitedWorks>,
) -> String {
    let m = &res.meta;
    let description = super::feeds::summary(m);
    let mut out = script(&legislation(res, path, site, collection, cited));
    out.push_str(&og(path, &format!("{} — {}", m.symbol, m.title), &description, "article", site));
    if let Some(d) = &m.adopted {
        out.push_str(&format!("<meta property=\"article:published_time\" content=\"{}\">\n", escape(d)));
    }
    if let Some(feed) = series_feed {
        out.push_str(&format!(
            "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"This series\" href=\"{}\">\n",
            escape(&urls::relative(path, feed))
        ));
    }
    out
}

/// Open Graph tags for any other page.
pub fn page_head(path: &str, title: &str, site: &SiteCtx) -> String {
    og(path, title, &site.description, "website", site)
}

fn og(path: &str, title: &str, description: &str, kind: &str, site: &SiteCtx) -> String {
    let mut out = String::new();
    let mut tag = |property: &str, content: &str| {
        out.push_str(&format!("<meta property=\"{property}\" content=\"{}\">\n", escape(content)));
    };
    tag("og:type", kind);
    tag("og:title", title);
    tag("og:description", description);
    tag("og:site_name", &site.title);
    tag("og:locale", &site.language.replace('-', "_"));
    if let Some(url) = absolute(&site.base_url, path) {
        tag("og:url", &url);
    }
    out
}

/// `<script type="application/ld+json">` holding `value`, safe inside HTML.
pub fn script(value: &Value) -> String {
    let json = serde_json::to_string(value).unwrap_or_default();
    let safe = json.replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026");
    format!("<script type=\"application/ld+json\">\n{safe}\n</script>\n")
}

/// A URL for `target` (a path from the site root) as seen from `page`: absolute
/// with a base URL, relative otherwise.
fn link(site: &SiteCtx, page: &str, target: &str) -> String {
    absolute(&site.base_url, target).unwrap_or_else(|| urls::relative(page, target))
}

/// The schema.org Legislation of `res`; `cited` as for [`resolution_head`].
pub fn legislation(
    res: &Resolution,
    path: &str,
    site: &SiteCtx,
    collection: &Collection,
    cited: Option<&CitedWorks>,
) -> Value {
    let m = &res.meta;
    let mut o = Map::new();
    o.insert("@context".into(), json!("https://schema.org"));
    o.insert("@type".into(), json!("Legislation"));
    if let Some(url) = absolute(&site.base_url, path) {
        o.insert("@id".into(), json!(url));
        o.insert("url".into(), json!(url));
    }
    o.insert("identifier".into(), json!(m.symbol));
    o.insert("legislationIdentifier".into(), json!(m.symbol));
    o.insert("name".into(), json!(m.title));
    o.insert("alternateName".into(), json!(format!("Resolution {}", m.number)));
    o.insert("legislationType".into(), json!("Resolution"));
    if let Some(d) = &m.adopted {
        o.insert("legislationDate".into(), json!(d));
    }
    if let Some(d) = &m.distributed {
        o.insert("datePublished".into(), json!(d));
    }
    o.insert(
        "legislationPassedBy".into(),
        json!({"@type": "Organization", "name": format!("{} of the United Nations", m.body)}),
    );
    o.insert("legislationJurisdiction".into(), json!("United Nations"));
    o.insert("inLanguage".into(), json!(site.language));
    o.insert("sameAs".into(), json!(urls::official_url(&m.symbol)));
    if !m.subjects.is_empty() {
        o.insert("keywords".into(), json!(m.subjects));
    }
    if let Some(d) = &m.adopted {
        o.insert("description".into(), json!(format!("Adopted on {}.", format_date(d))));
    }
    let dir = path.strip_suffix("index.html").unwrap_or(path);
    let outputs = &site.outputs;
    let encodings = [
        (outputs.json, "index.json", "application/json"),
        (outputs.markdown, "index.md", "text/markdown"),
        (outputs.akn, urls::AKN_FILE, "application/akn+xml"),
    ];
    let encoding: Vec<Value> = encodings
        .iter()
        .filter(|(on, _, _)| *on)
        .map(|(_, file, format)| {
            json!({"@type": "MediaObject", "encodingFormat": format, "contentUrl": link(site, path, &format!("{dir}{file}"))})
        })
        .collect();
    o.insert("encoding".into(), Value::Array(encoding));
    let recognised;
    let cited = match cited {
        Some(found) => found,
        None => {
            recognised = recognise(res);
            &recognised
        }
    };
    o.insert("citation".into(), Value::Array(citations(res, cited, path, site, collection)));
    Value::Object(o)
}

/// The works cited in `res`, recognised in its texts: the body and annexes in one
/// context, the footnotes in another.
fn recognise(res: &Resolution) -> CitedWorks {
    let author = Issuer::of_body(&res.meta.body);
    let mut found = Vec::new();
    let mut body_ctx = cite::Context::new(author);
    let mut notes_ctx = cite::Context::new(author);
    res.visit(|v| {
        let text = match v {
            Visit::Formula(b) | Visit::Heading(b) | Visit::Block(b) => Some(&b.text),
            Visit::Paragraph(p) => Some(&p.text),
            Visit::Section(s) => s.title.as_ref(),
            Visit::Annex(a) => a.title.as_ref(),
            Visit::Footnote(_) => None,
        };
        if let Some(t) = text {
            found.extend(cite::scan(&t.to_plain(), &mut body_ctx).into_iter().map(|c| c.target));
        }
    });
    for note in &res.footnotes {
        found.extend(cite::scan(&note.text.to_plain(), &mut notes_ctx).into_iter().map(|c| c.target));
    }
    CitedWorks::of(&found)
}

/// Every document and treaty of `cited` once each, but `res` itself: documents in
/// symbol order, then treaties by volume and number.
fn citations(res: &Resolution, cited: &CitedWorks, path: &str, site: &SiteCtx, collection: &Collection) -> Vec<Value> {
    let mut documents: BTreeSet<&str> = cited.documents.iter().map(|d| &**d).collect();
    let treaties: BTreeSet<(u32, u32)> = cited.treaties.iter().copied().collect();
    documents.remove(res.meta.symbol.as_str());
    let mut documents: Vec<&str> = documents.into_iter().collect();
    documents.sort_by_cached_key(|s| (symbol_sort_key(s), s.to_string()));
    let mut out = Vec::new();
    for symbol in documents {
        let kind = if symbol.contains("/RES/") { "Legislation" } else { "CreativeWork" };
        let in_site = collection.by_symbol.get(symbol).map(|&i| link(site, path, &collection.resolutions[i].path));
        let url = in_site.unwrap_or_else(|| urls::official_url(symbol));
        out.push(json!({"@type": kind, "identifier": symbol, "url": url}));
    }
    for (volume, number) in treaties {
        out.push(json!({
            "@type": "Legislation",
            "name": format!("United Nations, Treaty Series, vol. {volume}, No. {number}"),
            "legislationType": "Treaty",
        }));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_cannot_be_closed_by_text() {
        let html = script(&json!({"name": "</script><script>alert(1)</script> & co"}));
        assert_eq!(html.matches("</script>").count(), 1);
        assert!(html.contains("\\u003c/script\\u003e"));
        let inner =
            html.trim_start_matches("<script type=\"application/ld+json\">\n").trim_end_matches("\n</script>\n");
        let back: Value = serde_json::from_str(inner).unwrap();
        assert_eq!(back["name"], "</script><script>alert(1)</script> & co");
    }
}
