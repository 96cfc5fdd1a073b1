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

use super::Emit;
use crate::render::pages::session_ref;
use crate::site::content::compare_symbols;
use crate::site::Site;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};

/// Documents per text file: a result loads the texts of its neighbours only. At
/// 64, most resolutions are one file: a search of the whole collection downloads a
/// file per resolution it shows, and a build writes a few thousand files fewer for
/// every thousand resolutions than with 16.
pub const TEXT_CHUNK: usize = 64;

/// A shard is split by one more character above this estimated size.
pub const SHARD_BYTES: usize = 32 * 1024;

/// Postings of one term: (document number, term frequency), ascending.
type Postings = Vec<(u32, u32)>;

/// Resolutions tokenized together: the postings of one batch are merged while the
/// next is tokenized, and at most two batches of terms are held at once.
pub const BATCH: usize = 256;

/// What one resolution gives the index, made on any thread: the indexed terms of
/// each of its documents and its row of `meta.js` (its text files are emitted).
struct Indexed {
    /// Per document, in order: (term, frequency), terms ascending.
    docs: Vec<Vec<(String, u32)>>,
    row: Row,
}

/// A resolution's row of `meta.js` before the filters are numbered.
struct Row {
    symbol: String,
    title: String,
    path: String,
    session: Option<(String, String)>,
    body: String,
    year: Option<String>,
}

/// The search files (`search/meta.js`, `search/terms/*.js`, `search/text/*-*.js`),
/// each given to `emit` as it is made. Resolutions are tokenized in parallel, a
/// batch at a time; postings are merged in site order, so document numbers and
/// every file are the same on every build.
pub fn files(site: &Site, emit: &Emit) -> anyhow::Result<()> {
    let index_batch = |first: usize| -> anyhow::Result<Vec<Indexed>> {
        let end = (first + BATCH).min(site.resolutions.len());
        (first..end).into_par_iter().map(|r| index_one(r, &site.resolutions[r].resolution, emit)).collect()
    };
    let mut index = Index::default();
    let mut batch = index_batch(0)?;
    let mut next = BATCH;
    while !batch.is_empty() {
        let ((), following) = rayon::join(
            || index.merge(std::mem::take(&mut batch)),
            || if next < site.resolutions.len() { index_batch(next) } else { Ok(Vec::new()) },
        );
        batch = following?;
        next += BATCH;
    }
    index.emit(emit)
}

/// Resolution `r`'s documents and row; its text files go to `emit`.
fn index_one(r: usize, res: &crate::model::Resolution, emit: &Emit) -> anyhow::Result<Indexed> {
    let m = &res.meta;
    let entries = entries::entries(res);
    let docs = entries.iter().map(|e| tokenize::counted_terms(&e.text)).collect();
    for (k, chunk) in entries.chunks(TEXT_CHUNK).enumerate() {
        let name = format!("{r}-{k}");
        let texts: Vec<[&str; 3]> = chunk.iter().map(|e| [&*e.anchor, &*e.label, &*e.text]).collect();
        emit(format!("search/text/{name}.js"), js_call("text", &name, Some(&texts))?)?;
    }
    let row = Row {
        symbol: m.symbol.clone(),
        title: m.title.clone(),
        path: crate::render::urls::resolution_page(&m.symbol)?,
        session: session_ref(m).map(|s| (s.key, s.label)),
        body: m.body.clone(),
        year: year(m),
    };
    Ok(Indexed { docs, row })
}

/// The index as resolutions are merged into it, in site order.
#[derive(Default)]
struct Index {
    /// Term → postings (sorted into shards at the end: the map's order never shows).
    postings: FxHashMap<String, Postings>,
    rows: Vec<(Row, u32)>,
    sessions: BTreeMap<String, String>,
    bodies: BTreeSet<String>,
    years: BTreeSet<String>,
    /// Documents so far: the number of the next one.
    docs: u32,
}

impl Index {
    fn merge(&mut self, batch: Vec<Indexed>) {
        for one in batch {
            let first = self.docs;
            for terms in one.docs {
                for (term, n) in terms {
                    match self.postings.get_mut(term.as_str()) {
                        Some(list) => list.push((self.docs, n)),
                        None => {
                            self.postings.insert(term, vec![(self.docs, n)]);
                        }
                    }
                }
                self.docs += 1;
            }
            let row = one.row;
            if let Some((key, label)) = &row.session {
                self.sessions.insert(key.clone(), label.clone());
            }
            if let Some(y) = &row.year {
                self.years.insert(y.clone());
            }
            if !row.body.is_empty() {
                self.bodies.insert(row.body.clone());
            }
            self.rows.push((row, first));
        }
    }

    /// `meta.js` and the term shards.
    fn emit(self, emit: &Emit) -> anyhow::Result<()> {
        let mut session_keys: Vec<(String, String)> = self.sessions.into_iter().collect();
        session_keys.sort_by(|a, b| compare_symbols(&b.0, &a.0));
        let body_list: Vec<String> = self.bodies.into_iter().collect();
        let year_list: Vec<String> = self.years.into_iter().rev().collect();
        let position = |list: &[String], v: Option<&String>| -> i64 {
            v.and_then(|v| list.iter().position(|x| x == v)).map_or(-1, |i| i as i64)
        };
        let session_list: Vec<String> = session_keys.iter().map(|(k, _)| k.clone()).collect();
        let res_json: Vec<Value> = self
            .rows
            .into_iter()
            .map(|(row, first)| {
                let body = (!row.body.is_empty()).then_some(&row.body);
                json!([
                    row.symbol,
                    row.title,
                    row.path,
                    position(&session_list, row.session.as_ref().map(|(k, _)| k)),
                    position(&body_list, body),
                    position(&year_list, row.year.as_ref()),
                    first
                ])
            })
            .collect();
        let shards = shard(self.postings.into_iter().collect());
        let meta = json!({
            "version": 1,
            "docs": self.docs,
            "chunk": TEXT_CHUNK,
            "fold": tokenize::FOLD.iter().map(|(from, to)| json!([from, to])).collect::<Vec<_>>(),
            "stop": tokenize::STOP,
            "shards": shards.keys().collect::<Vec<_>>(),
            "sessions": session_keys.iter().map(|(k, l)| json!([k, l])).collect::<Vec<_>>(),
            "bodies": body_list,
            "years": year_list,
            "res": res_json,
        });
        emit("search/meta.js".to_string(), js_call("meta", &meta, NO_ARGUMENT)?)?;
        let shards: Vec<BTreeMap<String, Postings>> = shards.into_values().collect();
        shards.into_par_iter().enumerate().try_for_each(|(i, terms)| {
            let data: BTreeMap<String, Vec<u64>> =
                terms.into_iter().map(|(term, list)| (term, encode(&list))).collect();
            emit(format!("search/terms/{i}.js"), js_call("terms", &i, Some(&data))?)
        })
    }
}

/// The year of adoption (else of distribution), from the ISO date.
fn year(m: &crate::model::Meta) -> Option<String> {
    let date = m.adopted.as_deref().or(m.distributed.as_deref())?;
    let y = date.get(..4)?;
    y.chars().all(|c| c.is_ascii_digit()).then(|| y.to_string())
}

/// `PlenarySearch.name(a, b);` (or with one argument when `b` is `None`), the
/// arguments written as JSON straight into the file's bytes.
fn js_call<A: Serialize, B: Serialize>(name: &str, a: &A, b: Option<&B>) -> serde_json::Result<Vec<u8>> {
    let mut out = format!("PlenarySearch.{name}(").into_bytes();
    serde_json::to_writer(&mut out, a)?;
    if let Some(b) = b {
        out.push(b',');
        serde_json::to_writer(&mut out, b)?;
    }
    out.extend_from_slice(b");\n");
    Ok(out)
}

/// [`js_call`] with one argument.
const NO_ARGUMENT: Option<&()> = None;

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
