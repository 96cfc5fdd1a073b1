//! Series of resolutions, as the feeds need them: resolutions that share a
//! declared `series = "…"` in their front matter, or else the same normalised
//! title (the General Assembly readopts a resolution under the same title year
//! after year). A series of one resolution gets no feed unless it was declared.
//!
//! This is a small local rule for the feeds; the site's series pages (citation
//! linking) may group differently, and the two should be unified.
//!
//! **In**: resolutions' masthead data. **Out**: [`Series`] keyed by a URL slug.

use crate::model::Meta;
use std::collections::BTreeMap;

/// A series: its key (URL slug), display title and members (indices into the
/// site's resolutions, in site order).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Series {
    pub key: String,
    pub title: String,
    pub declared: bool,
    pub members: Vec<usize>,
}

/// The key of the series `m` belongs to: the declared series, else the title,
/// lower-cased, reduced to ASCII letters and digits joined by `-` (at most 80
/// bytes, cut at a word). Empty when there is nothing to key on.
pub fn series_key(m: &Meta) -> String {
    slug(m.series.as_deref().unwrap_or(&m.title))
}

fn slug(s: &str) -> String {
    let mut out = String::new();
    for word in s.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()) {
        if out.len() + word.len() + 1 > 80 {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&word.to_ascii_lowercase());
    }
    out
}

/// Every series with a feed: declared ones, and titles shared by two or more
/// resolutions; sorted by key.
pub fn collect<'a>(metas: impl Iterator<Item = &'a Meta>) -> Vec<Series> {
    let mut groups: BTreeMap<String, Series> = BTreeMap::new();
    for (i, m) in metas.enumerate() {
        let key = series_key(m);
        if key.is_empty() {
            continue;
        }
        let s = groups.entry(key.clone()).or_insert_with(|| Series {
            key,
            title: m.series.clone().unwrap_or_else(|| m.title.clone()),
            declared: false,
            members: Vec::new(),
        });
        s.declared |= m.series.is_some();
        s.members.push(i);
    }
    groups.into_values().filter(|s| s.declared || s.members.len() > 1).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(title: &str, series: Option<&str>) -> Meta {
        Meta { title: title.into(), series: series.map(str::to_string), ..Meta::default() }
    }

    #[test]
    fn groups_by_declared_series_or_title() {
        let metas = [
            meta("International cooperation against the world drug problem", None),
            meta("Oceans", None),
            meta("International  cooperation against the world drug problem", None),
            meta("Sport", Some("Sport for development")),
        ];
        let series = collect(metas.iter());
        let keys: Vec<&str> = series.iter().map(|s| s.key.as_str()).collect();
        assert_eq!(keys, ["international-cooperation-against-the-world-drug-problem", "sport-for-development"]);
        assert_eq!(series[0].members, [0, 2]);
        assert!(series[1].declared);
        assert_eq!(slug(&"word ".repeat(40)).len(), 79);
        assert_eq!(slug("Ünïcode — only"), "n-code-only");
    }
}
