//! The corpus index: which documents the collection holds and which anchors each
//! one defines, so that a citation can be sent to the right page and a pinpoint
//! to an id that exists.
//!
//! **In**: the loaded resolutions, in site order. **Out**: a [`CorpusIndex`]
//! answering "which resolution has this symbol?" (symbols compared without
//! spaces and case) and "does resolution *i* define id *x*?". Built in one pass
//! over every document (their ids in parallel); every lookup is a hash lookup.

use crate::model::{Node, Resolution};
use rayon::prelude::*;
use std::borrow::Borrow;
use std::collections::{HashMap, HashSet};

/// Symbol → resolution and resolution → ids, for the whole collection.
#[derive(Debug, Default)]
pub struct CorpusIndex {
    by_symbol: HashMap<String, usize>,
    ids: Vec<HashSet<String>>,
    /// Per resolution: the numerals of the sections at the top of the body and
    /// of each annex (annex id → numerals; the body is under "").
    sections: Vec<HashMap<String, Vec<String>>>,
}

impl CorpusIndex {
    /// Indexes `resolutions` (index `i` in the result is `resolutions[i]`); the ids
    /// and sections of each are gathered in parallel.
    pub fn new<R: Borrow<Resolution> + Sync>(resolutions: &[R]) -> CorpusIndex {
        let (ids, sections) = resolutions
            .par_iter()
            .map(|res| {
                let res = res.borrow();
                (res.ids().into_iter().collect(), sections_of(res))
            })
            .unzip();
        let mut by_symbol = HashMap::new();
        for (i, res) in resolutions.iter().enumerate() {
            by_symbol.entry(symbol_key(&res.borrow().meta.symbol)).or_insert(i);
        }
        CorpusIndex { by_symbol, ids, sections }
    }

    /// The resolution whose symbol is `symbol`, ignoring spaces and case
    /// (`A/RES/2832 (XXVI)` is `A/RES/2832(XXVI)`).
    /// Whether `res` has the ids and sections that resolution `doc` had when indexed
    /// (so that citations of it are placed as before).
    pub fn same_targets(&self, doc: usize, res: &Resolution) -> bool {
        let ids: HashSet<String> = res.ids().into_iter().collect();
        self.ids.get(doc) == Some(&ids) && self.sections.get(doc) == Some(&sections_of(res))
    }

    pub fn find(&self, symbol: &str) -> Option<usize> {
        self.by_symbol.get(&symbol_key(symbol)).copied()
    }

    /// Whether resolution `doc` defines the anchor `id`.
    pub fn has_id(&self, doc: usize, id: &str) -> bool {
        self.ids.get(doc).is_some_and(|ids| ids.contains(id))
    }

    /// The numerals of the sections directly in the body (`container` "") or
    /// in the annex with id `container`.
    pub fn sections(&self, doc: usize, container: &str) -> &[String] {
        self.sections.get(doc).and_then(|s| s.get(container)).map_or(&[], Vec::as_slice)
    }
}

/// The numerals of the sections at the top of the body (under "") and of each annex
/// (under its id).
fn sections_of(res: &Resolution) -> HashMap<String, Vec<String>> {
    let mut sections = HashMap::new();
    sections.insert(String::new(), section_numerals(&res.body));
    for annex in &res.annexes {
        sections.insert(annex.id.clone(), section_numerals(&annex.body));
    }
    sections
}

/// A symbol as compared: without whitespace, upper case.
pub fn symbol_key(symbol: &str) -> String {
    symbol.chars().filter(|c| !c.is_whitespace()).flat_map(char::to_uppercase).collect()
}

fn section_numerals(nodes: &[Node]) -> Vec<String> {
    nodes
        .iter()
        .filter_map(|n| match n {
            Node::Section(s) => Some(s.num.clone()),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Meta, ParaKind, Paragraph, Section, Text};

    fn resolution(symbol: &str) -> Resolution {
        let para = |id: &str| Paragraph {
            id: id.into(),
            kind: ParaKind::Operative,
            num: Some("1".into()),
            text: Text::plain("x"),
            children: Vec::new(),
        };
        Resolution {
            meta: Meta { symbol: symbol.into(), ..Meta::default() },
            body: vec![Node::Section(Section {
                id: "sec-II".into(),
                num: "II".into(),
                title: None,
                body: vec![Node::Paragraph(para("II-op1"))],
                closing: None,
            })],
            ..Resolution::default()
        }
    }

    #[test]
    fn finds_symbols_and_ids() {
        let docs = [resolution("A/RES/57/174"), resolution("A/RES/2832(XXVI)")];
        let index = CorpusIndex::new(&docs);
        assert_eq!(index.find("A/RES/57/174"), Some(0));
        assert_eq!(index.find("a/res/2832 (XXVI)"), Some(1));
        assert_eq!(index.find("A/RES/57/17"), None);
        assert!(index.has_id(0, "II-op1"));
        assert!(index.has_id(0, "sec-II"));
        assert!(!index.has_id(0, "op1"));
        assert!(!index.has_id(7, "op1"));
        assert_eq!(index.sections(0, ""), ["II"]);
        assert!(index.sections(0, "annex").is_empty());
    }
}
