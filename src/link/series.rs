//! Series: resolutions that return to the same subject, session after session.
//!
//! A resolution belongs to the series its front matter declares (`series =
//! "…"`), and otherwise to the series of its title. Names are compared
//! normalised (case, spacing, quotes and dashes, a final full stop), so
//! "International cooperation against the world drug problem" of 2002 and of
//! 2006 are one series; a declared name equal to a title joins that title's
//! series. A series needs two members to be shown.
//!
//! **In**: the resolutions in site order. **Out**: [`SeriesSet`]: each series
//! with its members ordered by adoption date (undated last, ties by symbol),
//! its name, and a unique slug for its page; and for each resolution its
//! series and position. Grouping goes through a map: linear in the collection.

use super::paths;
use crate::model::Resolution;
use crate::site::content::compare_symbols;
use std::collections::{BTreeMap, BTreeSet};

/// One series of at least two resolutions.
#[derive(Debug, Clone)]
pub struct Series {
    /// The name shown: the declared name, or the title of the latest member.
    pub name: String,
    /// Whether the members declared it (rather than sharing a title).
    pub declared: bool,
    /// Unique path component of its page.
    pub slug: String,
    /// Member resolutions (indexes in site order), oldest first.
    pub members: Vec<usize>,
}

/// Every series of the collection.
#[derive(Debug, Default)]
pub struct SeriesSet {
    /// Ordered by name (normalised), then slug.
    pub list: Vec<Series>,
    /// Per resolution (site order): its series and its position in it.
    membership: Vec<Option<(usize, usize)>>,
}

impl SeriesSet {
    pub fn new(resolutions: &[&Resolution]) -> SeriesSet {
        let mut groups: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (i, res) in resolutions.iter().enumerate() {
            let name = res.meta.series.as_deref().filter(|s| !s.trim().is_empty()).unwrap_or(&res.meta.title);
            let key = normalise(name);
            if !key.is_empty() {
                groups.entry(key).or_default().push(i);
            }
        }
        let mut set = SeriesSet { list: Vec::new(), membership: vec![None; resolutions.len()] };
        let mut slugs: BTreeSet<String> = BTreeSet::new();
        for (_, mut members) in groups.into_iter().filter(|(_, m)| m.len() >= 2) {
            members.sort_by(|&a, &b| {
                let (ma, mb) = (&resolutions[a].meta, &resolutions[b].meta);
                (ma.adopted.is_none(), &ma.adopted)
                    .cmp(&(mb.adopted.is_none(), &mb.adopted))
                    .then_with(|| compare_symbols(&ma.symbol, &mb.symbol))
            });
            let latest = &resolutions[*members.last().expect("two members")].meta;
            let declared = members.iter().rev().find_map(|&m| resolutions[m].meta.series.clone());
            let name = declared.clone().unwrap_or_else(|| latest.title.clone());
            let slug = unique_slug(&name, &mut slugs);
            let index = set.list.len();
            for (position, &m) in members.iter().enumerate() {
                set.membership[m] = Some((index, position));
            }
            set.list.push(Series { name, declared: declared.is_some(), slug, members });
        }
        set
    }

    /// The series resolution `doc` belongs to, and its position there.
    pub fn of(&self, doc: usize) -> Option<(&Series, usize)> {
        let (series, position) = (*self.membership.get(doc)?)?;
        Some((self.list.get(series)?, position))
    }
}

/// A series name as compared: lower case, single spaces, straight quotes,
/// hyphens for dashes, without a final full stop.
pub fn normalise(name: &str) -> String {
    let mapped: String = name
        .chars()
        .map(|c| match c {
            '‘' | '’' | '‛' => '\'',
            '“' | '”' | '„' => '"',
            '‐' | '‑' | '‒' | '–' | '—' => '-',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect();
    mapped.split_whitespace().collect::<Vec<_>>().join(" ").trim_end_matches('.').trim_end().to_string()
}

/// The slug of `name`, made unique among `taken` with `-2`, `-3`, … .
fn unique_slug(name: &str, taken: &mut BTreeSet<String>) -> String {
    let base = match paths::slug(name) {
        s if s.is_empty() => "series".to_string(),
        s => s,
    };
    let mut slug = base.clone();
    let mut n = 2;
    while !taken.insert(slug.clone()) {
        slug = format!("{base}-{n}");
        n += 1;
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Meta;

    fn res(symbol: &str, title: &str, adopted: Option<&str>, series: Option<&str>) -> Resolution {
        Resolution {
            meta: Meta {
                symbol: symbol.into(),
                title: title.into(),
                adopted: adopted.map(String::from),
                series: series.map(String::from),
                ..Meta::default()
            },
            ..Resolution::default()
        }
    }

    #[test]
    fn titles_and_declarations_group() {
        let docs = [
            res("A/RES/61/183", "International cooperation against the world drug problem", Some("2006-12-20"), None),
            res("A/RES/57/174", "International  cooperation against the world drug problem.", Some("2002-12-18"), None),
            res("A/RES/80/1", "Something else", Some("2025-09-01"), None),
            res(
                "A/RES/80/2",
                "Drugs, again",
                Some("2025-09-02"),
                Some("International cooperation against the world drug problem"),
            ),
            res("A/RES/80/3", "Something else", None, Some("Declared")),
            res("A/RES/80/4", "Declared", Some("2025-01-01"), None),
            res("A/RES/80/5", "Lonely", None, None),
        ];
        let refs: Vec<&Resolution> = docs.iter().collect();
        let set = SeriesSet::new(&refs);
        let names: Vec<(&str, &[usize])> = set.list.iter().map(|s| (s.name.as_str(), s.members.as_slice())).collect();
        assert_eq!(
            names,
            [("Declared", &[5, 4][..]), ("International cooperation against the world drug problem", &[1, 0, 3][..]),]
        );
        assert!(set.list[0].declared);
        assert_eq!(set.list[1].slug, "international-cooperation-against-the-world-drug-problem");
        let (series, position) = set.of(0).unwrap();
        assert_eq!((series.members.len(), position), (3, 1));
        assert!(set.of(2).is_none(), "80/1 is alone under its title once 80/3 declares another series");
        assert!(set.of(6).is_none());
    }

    #[test]
    fn slugs_are_unique() {
        let mut taken = BTreeSet::new();
        assert_eq!(unique_slug("A b", &mut taken), "a-b");
        assert_eq!(unique_slug("a-b", &mut taken), "a-b-2");
        assert_eq!(unique_slug("«»", &mut taken), "series");
    }
}
