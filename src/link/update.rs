//! Linking again after an edit (`plenary serve`): when only the texts of some
//! resolutions changed, with their symbols, mastheads, ids and sections as they
//! were, only those are scanned again; backlinks are moved for them alone, and the
//! lineage of the series they belong to is made again, the others kept. Anything
//! else (a resolution added, removed, renamed or renumbered, a masthead changed)
//! links the collection afresh. Either way the result is what [`Corpus::build`]
//! makes of the same resolutions (tests/incremental.rs compares the pages).

use super::{placed_links, scan, works_cited_in, Corpus};
use crate::model::Resolution;
use rayon::prelude::*;
use std::collections::HashSet;

impl Corpus {
    /// [`Corpus::from_resolutions`], remembering the prints of their texts for
    /// [`Corpus::update`].
    pub fn with_prints(resolutions: &[&Resolution], prints: &[u64]) -> Corpus {
        let mut corpus = Corpus::from_resolutions(resolutions);
        corpus.prints = prints.to_vec();
        corpus
    }

    /// The corpus of `resolutions`, whose texts have the prints `prints` (a hash of
    /// each resolution's source), made from `self`, the corpus of the site before.
    pub fn update(self, resolutions: &[&Resolution], prints: &[u64]) -> Corpus {
        let Some(changed) = self.changed_texts(resolutions, prints) else {
            return Corpus::with_prints(resolutions, prints);
        };
        if changed.is_empty() {
            return self;
        }
        let mut c = self;
        let found: Vec<(usize, Vec<scan::Occurrence>)> =
            changed.par_iter().map(|&doc| (doc, scan::occurrences(resolutions[doc], doc, &c.index))).collect();
        for (doc, after) in found {
            let before = std::mem::replace(&mut c.occurrences[doc], after);
            c.cited_by.update(doc, resolutions[doc], &before, &c.occurrences[doc]);
            c.links[doc] = placed_links(&c.occurrences[doc], &c.meta);
            c.cites[doc] = works_cited_in(&c.occurrences[doc]);
            c.tally_change(doc, &before);
        }
        c.work_keys = c.cited_by.works.keys().cloned().collect();
        let changed: HashSet<usize> = changed.into_iter().collect();
        c.lineages = std::mem::take(&mut c.lineages).update(resolutions, &c.series, &changed);
        c.prints = prints.to_vec();
        c
    }

    /// The resolutions whose text alone changed, or `None` if anything else did.
    fn changed_texts(&self, resolutions: &[&Resolution], prints: &[u64]) -> Option<Vec<usize>> {
        if self.prints.len() != resolutions.len() || prints.len() != resolutions.len() {
            return None;
        }
        let mut changed = Vec::new();
        for (doc, res) in resolutions.iter().enumerate() {
            if self.meta[doc].symbol != res.meta.symbol {
                return None;
            }
            if self.prints[doc] != prints[doc] {
                if self.meta[doc] != res.meta || !self.index.same_targets(doc, res) {
                    return None;
                }
                changed.push(doc);
            }
        }
        Some(changed)
    }
}
