//! History along a series: for each paragraph of each version, the first version in
//! which its language appears, found by following alignments back while the
//! paragraph stays close to its counterpart.

use super::{align, History, ParagraphHistory, Status, VersionRef};
use crate::model::Resolution;
use std::collections::HashMap;

/// Similarity from which a counterpart is held to be the same language.
pub const SAME_LANGUAGE: f32 = 0.5;

/// Aligns each version of `chain` (oldest first) with the one before it and traces
/// every paragraph back to its origin.
pub fn history(chain: &[&Resolution]) -> History {
    let versions: Vec<String> = chain.iter().map(|r| r.meta.symbol.clone()).collect();
    let alignments: Vec<_> = chain.windows(2).map(|w| align(w[0], w[1])).collect();
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
        let list = super::units::units(res)
            .into_iter()
            .map(|unit| {
                let back = statuses.get(unit.id.as_str()).and_then(|status| {
                    let same = matches!(status, Status::Unchanged { .. }) || status.similarity() >= SAME_LANGUAGE;
                    same.then(|| before.get(status.previous()?).copied()).flatten()
                });
                let mut chain = back.map(|h| h.chain.clone()).unwrap_or_default();
                chain.push(VersionRef { symbol: versions[v].clone(), id: unit.id.clone() });
                ParagraphHistory { id: unit.id, origin: chain[0].clone(), chain }
            })
            .collect();
        paragraphs.push(list);
    }
    History { versions, alignments, paragraphs }
}
