//! History along a series: for each paragraph of each version, the first version in
//! which its language appears, found by following alignments back while the
//! paragraph stays close to its counterpart, with the number of versions that carry
//! it and the latest versions in which it was edited. A history is of bounded size
//! (older edits are only counted), so the histories of a series grow linearly with it.

use super::{align_versions, Alignment, History, ParagraphHistory, Status, Version, VersionRef, RECENT_EDITS};
use crate::model::Resolution;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::collections::HashMap;

/// Pairs of versions aligned at a time, in parallel: a long series (some run to
/// hundreds of versions) is not aligned on one thread, and only this many
/// versions made ready for alignment are held at once.
const PAIRS_AT_A_TIME: usize = 16;

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
    let symbols: Vec<std::sync::Arc<str>> = versions.iter().map(|v| v.as_str().into()).collect();
    let alignments = pair_alignments(chain, known);
    let mut paragraphs: Vec<Vec<ParagraphHistory>> = Vec::new();
    for (v, res) in chain.iter().enumerate() {
        // Paragraph id → (status in the alignment with v - 1, history in v - 1).
        let statuses: FxHashMap<&str, &Status> = match v.checked_sub(1) {
            Some(p) => alignments[p].paragraphs.iter().map(|a| (a.id.as_str(), &a.status)).collect(),
            None => FxHashMap::default(),
        };
        let before: FxHashMap<&str, &ParagraphHistory> = match v.checked_sub(1) {
            Some(p) => paragraphs[p].iter().map(|h| (h.id.as_str(), h)).collect(),
            None => FxHashMap::default(),
        };
        let list = super::units::units(res, false)
            .into_iter()
            .map(|unit| {
                let here = || VersionRef { symbol: symbols[v].clone(), id: unit.id.as_str().into() };
                let status = statuses.get(unit.id.as_str());
                let back = status.and_then(|status| {
                    let same = matches!(status, Status::Unchanged { .. }) || status.similarity() >= SAME_LANGUAGE;
                    same.then(|| before.get(status.previous()?).copied()).flatten()
                });
                match back {
                    None => ParagraphHistory {
                        origin: here(),
                        id: unit.id,
                        versions: 1,
                        edits: Vec::new(),
                        earlier_edits: 0,
                    },
                    Some(back) => {
                        let mut edits = back.edits.clone();
                        let mut earlier_edits = back.earlier_edits;
                        if matches!(status, Some(Status::Changed { .. })) {
                            edits.insert(0, here());
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

/// The alignment of each version of `chain` with the next, from `known(k)` where it
/// gives one; the others are made [`PAIRS_AT_A_TIME`] at a time, in parallel, each
/// version being made ready once for the pairs on both sides of it.
fn pair_alignments(chain: &[&Resolution], known: &dyn Fn(usize) -> Option<Alignment>) -> Vec<Alignment> {
    let pairs = chain.len().saturating_sub(1);
    let mut alignments = Vec::with_capacity(pairs);
    // The newer version of the last pair of the previous batch, for the first pair of this one.
    let mut carried: Option<(usize, Version)> = None;
    for start in (0..pairs).step_by(PAIRS_AT_A_TIME) {
        let end = (start + PAIRS_AT_A_TIME).min(pairs);
        let given: Vec<Option<Alignment>> = (start..end).map(known).collect();
        let mut needed: Vec<usize> =
            given.iter().zip(start..).filter(|(a, _)| a.is_none()).flat_map(|(_, k)| [k, k + 1]).collect();
        needed.dedup();
        let reused = carried.take().filter(|(at, _)| needed.contains(at));
        let mut ready: HashMap<usize, Version> = needed
            .par_iter()
            .filter(|&&j| reused.as_ref().is_none_or(|(at, _)| *at != j))
            .map(|&j| (j, Version::of(chain[j])))
            .collect();
        ready.extend(reused);
        let made: Vec<Alignment> = given
            .into_par_iter()
            .zip(start..end)
            .map(|(given, k)| given.unwrap_or_else(|| align_versions(&ready[&k], &ready[&(k + 1)])))
            .collect();
        alignments.extend(made);
        carried = ready.remove(&end).map(|v| (end, v));
    }
    alignments
}
