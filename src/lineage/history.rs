//! History along a series: for each paragraph of each version, the first version in
//! which its language appears, found by following alignments back while the
//! paragraph stays close to its counterpart.

use super::{align, History, ParagraphHistory, Status, VersionRef};
use crate::model::Resolution;

/// Similarity from which a counterpart is held to be the same language.
pub const SAME_LANGUAGE: f32 = 0.5;

/// Aligns each version of `chain` (oldest first) with the one before it and traces
/// every paragraph back to its origin.
pub fn history(chain: &[&Resolution]) -> History {
    let versions: Vec<String> = chain.iter().map(|r| r.meta.symbol.clone()).collect();
    let alignments: Vec<_> = chain.windows(2).map(|w| align(w[0], w[1])).collect();
    let mut paragraphs: Vec<Vec<ParagraphHistory>> = Vec::new();
    for (v, res) in chain.iter().enumerate() {
        let here = |id: &str| VersionRef { symbol: versions[v].clone(), id: id.to_string() };
        let list = super::units::units(res)
            .into_iter()
            .map(|unit| {
                let back = v.checked_sub(1).and_then(|p| {
                    let status = alignments[p].status(&unit.id)?;
                    let previous = status.previous()?;
                    let same = matches!(status, Status::Unchanged { .. }) || status.similarity() >= SAME_LANGUAGE;
                    same.then(|| paragraphs[p].iter().find(|h| h.id == previous)).flatten()
                });
                let mut chain = back.map(|h| h.chain.clone()).unwrap_or_default();
                chain.push(here(&unit.id));
                ParagraphHistory { id: unit.id, origin: chain[0].clone(), chain }
            })
            .collect();
        paragraphs.push(list);
    }
    History { versions, alignments, paragraphs }
}
