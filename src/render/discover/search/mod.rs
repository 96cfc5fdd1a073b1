//! The client-side full-text search index: paragraph-level, written as plain
//! JavaScript files that the search page loads with `<script>` elements, so it
//! works on any static host and opened from disk (`file://`), where `fetch` and
//! WebAssembly are not available. No server, no build step, no dependency.
//!
//! **In**: the site's resolutions. **Out**: under `search/`:
//! - `meta.js`: the fold table and stop words of [`tokenize`], the shard keys,
//!   the number of documents, and per resolution its symbol, title, page, session,
//!   body, year and first document number (for the filters);
//! - `terms/<n>.js`: an inverted index shard: term → postings, for the terms
//!   whose prefix is shard key *n*; each posting is `gap × 8 + min(tf, 7)` (gap
//!   from the previous document number); a shard over [`SHARD_BYTES`] is split by
//!   one more character, so a query loads only a few small shards;
//! - `text/<r>-<k>.js`: the documents (anchor, label, plain text) of resolution
//!   *r*, [`TEXT_CHUNK`] to a file (chunk *k*), loaded only for the results a
//!   page shows, for phrases and excerpts.
//!
//! A document is one searchable unit of [`entries`]: the title, a paragraph or
//! sub-paragraph, a heading, a footnote. Each file calls a function of the page's
//! `PlenarySearch` object (static/search.js) with its data.

pub mod entries;
pub mod tokenize;

use crate::render::pages::session_ref;
use crate::site::content::compare_symbols;
use crate::site::Site;
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// Documents per text file: a result loads the texts of its neighbours only. At
/// 64, most resolutions are one file: a search of the whole collection downloads a
/// file per resolution it shows, and a build writes a few thousand files fewer for
/// every thousand resolutions than with 16.
pub const TEXT_CHUNK: usize = 64;

/// A shard is split by one more character above this estimated size.
pub const SHARD_BYTES: usize = 32 * 1024;

/// Postings of one term: (document number, term frequency), ascending.
type Postings = Vec<(u32, u32)>;

/// The search files (`search/meta.js`, `search/terms/*.js`, `search/text/*-*.js`).
pub fn files(site: &Site) -> anyhow::Result<Vec<(String, Vec<u8>)>> {
    let mut out = Vec::new();
    let mut postings: BTreeMap<String, Postings> = BTreeMap::new();
    let mut resolutions = Vec::new();
    let mut sessions: BTreeMap<String, String> = BTreeMap::new();
    let mut bodies: BTreeMap<String, ()> = BTreeMap::new();
    let mut years: BTreeMap<String, ()> = BTreeMap::new();
    let mut doc: u32 = 0;
    for (r, source) in site.resolutions.iter().enumerate() {
        let m = &source.resolution.meta;
        let first = doc;
        let mut docs = Vec::new();
        for e in entries::entries(&source.resolution) {
            let mut tf: BTreeMap<String, u32> = BTreeMap::new();
            for t in tokenize::terms(&e.text) {
                *tf.entry(t).or_default() += 1;
            }
            for (term, n) in tf {
                postings.entry(term).or_default().push((doc, n));
            }
            docs.push(json!([e.anchor, e.label, e.text]));
            doc += 1;
        }
        for (k, chunk) in docs.chunks(TEXT_CHUNK).enumerate() {
            let name = format!("{r}-{k}");
            out.push((format!("search/text/{name}.js"), js_call("text", &json!(name), &json!(chunk))));
        }
        let session = session_ref(m);
        if let Some(s) = &session {
            sessions.insert(s.key.clone(), s.label.clone());
        }
        let year = year(m);
        if let Some(y) = &year {
            years.insert(y.clone(), ());
        }
        if !m.body.is_empty() {
            bodies.insert(m.body.clone(), ());
        }
        let path = crate::render::urls::resolution_page(&m.symbol)?;
        resolutions.push((
            m.symbol.clone(),
            m.title.clone(),
            path,
            session.map(|s| s.key),
            m.body.clone(),
            year,
            first,
        ));
    }

    let mut session_keys: Vec<(String, String)> = sessions.into_iter().collect();
    session_keys.sort_by(|a, b| compare_symbols(&b.0, &a.0));
    let body_list: Vec<String> = bodies.into_keys().collect();
    let year_list: Vec<String> = years.into_keys().rev().collect();
    let position = |list: &[String], v: &Option<String>| -> i64 {
        v.as_ref().and_then(|v| list.iter().position(|x| x == v)).map_or(-1, |i| i as i64)
    };
    let session_list: Vec<String> = session_keys.iter().map(|(k, _)| k.clone()).collect();
    let res_json: Vec<Value> = resolutions
        .into_iter()
        .map(|(symbol, title, path, session, body, year, first)| {
            let body = (!body.is_empty()).then_some(body);
            json!([
                symbol,
                title,
                path,
                position(&session_list, &session),
                position(&body_list, &body),
                position(&year_list, &year),
                first
            ])
        })
        .collect();

    let shards = shard(postings);
    let keys: Vec<&String> = shards.keys().collect();
    let meta = json!({
        "version": 1,
        "docs": doc,
        "chunk": TEXT_CHUNK,
        "fold": tokenize::FOLD.iter().map(|(from, to)| json!([from, to])).collect::<Vec<_>>(),
        "stop": tokenize::STOP,
        "shards": keys,
        "sessions": session_keys.iter().map(|(k, l)| json!([k, l])).collect::<Vec<_>>(),
        "bodies": body_list,
        "years": year_list,
        "res": res_json,
    });
    out.push(("search/meta.js".to_string(), js_call("meta", &meta, &Value::Null)));
    for (i, (_, terms)) in shards.into_iter().enumerate() {
        let data: serde_json::Map<String, Value> =
            terms.into_iter().map(|(term, list)| (term, json!(encode(&list)))).collect();
        out.push((format!("search/terms/{i}.js"), js_call("terms", &json!(i), &Value::Object(data))));
    }
    Ok(out)
}

/// The year of adoption (else of distribution), from the ISO date.
fn year(m: &crate::model::Meta) -> Option<String> {
    let date = m.adopted.as_deref().or(m.distributed.as_deref())?;
    let y = date.get(..4)?;
    y.chars().all(|c| c.is_ascii_digit()).then(|| y.to_string())
}

/// `PlenarySearch.name(a, b);` (or with one argument when `b` is null).
fn js_call(name: &str, a: &Value, b: &Value) -> Vec<u8> {
    let args = if b.is_null() { a.to_string() } else { format!("{a},{b}") };
    format!("PlenarySearch.{name}({args});\n").into_bytes()
}

/// Gaps and frequencies: `gap × 8 + min(tf, 7)`.
pub fn encode(list: &[(u32, u32)]) -> Vec<u64> {
    let mut prev = 0u32;
    list.iter()
        .map(|&(doc, tf)| {
            let gap = doc - prev;
            prev = doc;
            u64::from(gap) * 8 + u64::from(tf.min(7))
        })
        .collect()
}

fn prefix(term: &str, n: usize) -> String {
    term.chars().take(n).collect()
}

fn estimate(terms: &BTreeMap<String, Postings>) -> usize {
    terms.iter().map(|(t, p)| t.len() + 6 + p.len() * 4).sum()
}

/// Groups terms into shards keyed by a prefix: two characters, split by one more
/// character where a shard would be larger than [`SHARD_BYTES`] (terms no longer
/// than the key stay in the key's shard).
pub fn shard(postings: BTreeMap<String, Postings>) -> BTreeMap<String, BTreeMap<String, Postings>> {
    let mut groups: BTreeMap<String, BTreeMap<String, Postings>> = BTreeMap::new();
    for (term, list) in postings {
        groups.entry(prefix(&term, 2)).or_default().insert(term, list);
    }
    let mut out = BTreeMap::new();
    let mut work: Vec<(String, BTreeMap<String, Postings>)> = groups.into_iter().collect();
    while let Some((key, terms)) = work.pop() {
        let len = key.chars().count();
        if estimate(&terms) <= SHARD_BYTES || terms.keys().all(|t| t.chars().count() <= len) {
            out.insert(key, terms);
            continue;
        }
        let mut short = BTreeMap::new();
        let mut longer: BTreeMap<String, BTreeMap<String, Postings>> = BTreeMap::new();
        for (term, list) in terms {
            if term.chars().count() <= len {
                short.insert(term, list);
            } else {
                longer.entry(prefix(&term, len + 1)).or_default().insert(term, list);
            }
        }
        if !short.is_empty() {
            out.insert(key, short);
        }
        work.extend(longer);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postings_are_gap_encoded() {
        assert_eq!(encode(&[(3, 1), (5, 2), (5000, 9)]), [25, 18, 4995 * 8 + 7]);
    }

    #[test]
    fn big_shards_split_by_one_more_character() {
        let mut postings = BTreeMap::new();
        let long: Postings = (0..SHARD_BYTES as u32 / 6).map(|d| (d, 1)).collect();
        postings.insert("co".to_string(), vec![(1, 1)]);
        postings.insert("cooperation".to_string(), long.clone());
        postings.insert("committee".to_string(), long);
        postings.insert("drugs".to_string(), vec![(2, 1)]);
        let shards = shard(postings);
        let keys: Vec<&str> = shards.keys().map(String::as_str).collect();
        assert_eq!(keys, ["co", "com", "coo", "dr"]);
        assert!(shards["co"].contains_key("co"));
    }
}
