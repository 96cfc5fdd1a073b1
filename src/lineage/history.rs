//! History along a series: for each paragraph of each version, the first version in
//! which its language appears, found by following alignments back while the
//! paragraph stays close to its counterpart, with the number of versions that carry
//! it and the latest versions in which it was edited. A history is of bounded size
//! (older edits are only counted), so the histories of a series grow linearly with it.

use super::{align_versions, Alignment, History, ParagraphHistory, Status, Version, VersionRef, RECENT_EDITS};
use crate::model::Resolution;
use std::collections::HashMap;

/// Similarity from which a counterpart is held to be the same language.
pub const SAME_LANGUAGE: f32 = 0.5;

/// Aligns each version of `chain` (oldest first) with the one before it and traces
/// every paragraph back to its origin.
pub fn history(chain: &[&Resolution]) -> History {
    history_with(chain, &|_| None)
}

/// [`history`], taking the alignment of versions `k` and `k + 1` from `known(k)`
/// where it gives one (an edit in a long series aligns only the pairs it touched).
pub fn history_with(chain: &[&Resolution], known: &dyn Fn(usize) -> Option<Alignment>) -> History {
    let versions: Vec<String> = chain.iter().map(|r| r.meta.symbol.clone()).collect();
    // Each version is made ready once, for the pairs on both sides of it.
    let mut ready: Option<(usize, Version)> = None;
    let mut alignments = Vec::with_capacity(chain.len().saturating_sub(1));
    for k in 0..chain.len().saturating_sub(1) {
        if let Some(a) = known(k) {
            alignments.push(a);
            continue;
        }
        let older = match ready.take() {
            Some((at, v)) if at == k => v,
            _ => Version::of(chain[k]),
        };
        let newer = Version::of(chain[k + 1]);
        alignments.push(align_versions(&older, &newer));
        ready = Some((k + 1, newer));
    }
    let mut paragraphs: Vec<Vec<ParagraphHistory>> = Vec::new();
    for (v, res) in chain.iter().enumerate() {
        // Paragraph id → (status in the alignment with v - 1, history in v - 1).
        let statuses: HashMap<&str, &Status> = match v.checked_sub(1) {
            Some(p) => alignments[p].paragraphs.iter().map(|a| (a.id.as_str(), &a.status)).collect(),
            None => HashMap::new(),
        };
        let before: HashMap<&str, &ParagraphHistory> = match v.checked_sub(1) {
            Some(p) => paragraphs[p].iter().map(|h| (h.id.as_str(), h)).collect(),
            None => HashMap::new(),
        };
        let list = super::units::units(res, false)
            .into_iter()
            .map(|unit| {
                let here = VersionRef { symbol: versions[v].clone(), id: unit.id.clone() };
                let status = statuses.get(unit.id.as_str());
                let back = status.and_then(|status| {
                    let same = matches!(status, Status::Unchanged { .. }) || status.similarity() >= SAME_LANGUAGE;
                    same.then(|| before.get(status.previous()?).copied()).flatten()
                });
                match back {
                    None => {
                        ParagraphHistory { id: unit.id, origin: here, versions: 1, edits: Vec::new(), earlier_edits: 0 }
                    }
                    Some(back) => {
                        let mut edits = back.edits.clone();
                        let mut earlier_edits = back.earlier_edits;
                        if matches!(status, Some(Status::Changed { .. })) {
                            edits.insert(0, here);
                            if edits.len() > RECENT_EDITS {
                                edits.truncate(RECENT_EDITS);
                                earlier_edits += 1;
                            }
                        }
                        ParagraphHistory {
                            id: unit.id,
                            origin: back.origin.clone(),
                            versions: back.versions + 1,
                            edits,
                            earlier_edits,
                        }
                    }
                }
            })
            .collect();
        paragraphs.push(list);
    }
    History { versions, alignments, paragraphs }
}
