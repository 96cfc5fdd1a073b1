//! Series lineage: aligns each paragraph of a resolution with its counterpart in
//! the previous version of the series, and diffs their words.
//!
//! In: two (or a chain of) [`Resolution`]s. Out: serde data for the renderer and the
//! JSON export: an [`Alignment`] per pair of versions (status of every current
//! paragraph and sub-paragraph, removed, split and merged paragraphs, side-by-side
//! rows), word-level [`DiffOp`]s, and a [`History`] giving each paragraph the first
//! version in which its language appears.
//!
//! Method: every paragraph and sub-paragraph is a unit (`units`); units become sets
//! of rarity-weighted word 3-gram shingles (`shingles`); an inverted index yields
//! candidate pairs, scored exactly (`candidates`); an order-preserving assignment
//! with moves, splits and merges picks counterparts (`assign`); `diff` gives the
//! word-level changes and `history` follows alignments back along a series.

mod assign;
mod candidates;
mod diff;
mod history;
mod shingles;
mod types;
mod units;

pub use diff::diff_words;
pub use history::{history, history_with, SAME_LANGUAGE};
pub use types::{
    Alignment, DiffOp, History, Merge, ParagraphAlignment, ParagraphHistory, Row, Split, Status, VersionRef,
    RECENT_EDITS,
};
pub use units::Version;

use crate::model::Resolution;

/// Aligns every paragraph and sub-paragraph of `current` with its counterpart in
/// `previous` (see the module docs for the method).
pub fn align(previous: &Resolution, current: &Resolution) -> Alignment {
    align_versions(&Version::of(previous), &Version::of(current))
}

/// [`align`] of two versions already made ready ([`Version::of`]): a version
/// aligned with several others is read once.
pub fn align_versions(previous: &Version, current: &Version) -> Alignment {
    let (prev, cur) = (&previous.units, &current.units);
    let sh = shingles::shingle(&previous.shingles, &current.shingles);
    let (prev_texts, cur_texts) = (&previous.texts, &current.texts);
    let pairs = candidates::candidates(&sh, prev_texts, cur_texts);
    let a = assign::assign(prev, cur, &pairs);

    let paragraphs = cur
        .iter()
        .zip(&a.cur)
        .enumerate()
        .map(|(c, (unit, link))| {
            let status = match link {
                None => Status::New,
                Some(l) => {
                    let old = &prev[l.prev];
                    let previous = old.id.clone();
                    if prev_texts[l.prev] == cur_texts[c] {
                        Status::Unchanged { previous, moved: l.moved }
                    } else {
                        let score = candidates::score(&sh, l.prev, prev.len() + c);
                        let similarity = (score * 1000.0).round() / 1000.0;
                        Status::Changed {
                            previous,
                            similarity,
                            moved: l.moved,
                            diff: diff_words(&old.text, &unit.text),
                        }
                    }
                }
            };
            ParagraphAlignment { id: unit.id.clone(), status }
        })
        .collect();

    let mut splits: Vec<Split> = Vec::new();
    for &(p, c) in &a.splits {
        match splits.iter_mut().find(|s| s.previous == prev[p].id) {
            Some(s) => s.current.push(cur[c].id.clone()),
            None => {
                let first = a.prev[p].map(|f| cur[f].id.clone()).into_iter();
                splits.push(Split { previous: prev[p].id.clone(), current: first.chain([cur[c].id.clone()]).collect() })
            }
        }
    }
    let mut merges: Vec<Merge> = Vec::new();
    for &(p, c) in &a.merges {
        match merges.iter_mut().find(|m| m.current == cur[c].id) {
            Some(m) => m.previous.push(prev[p].id.clone()),
            None => {
                let first = a.cur[c].map(|l| prev[l.prev].id.clone()).into_iter();
                merges.push(Merge { current: cur[c].id.clone(), previous: first.chain([prev[p].id.clone()]).collect() })
            }
        }
    }
    let removed = (0..prev.len()).filter(|&p| a.prev[p].is_none()).map(|p| prev[p].id.clone()).collect();
    let rows = rows(prev, cur, &a);
    Alignment {
        previous: previous.symbol.clone(),
        current: current.symbol.clone(),
        paragraphs,
        removed,
        splits,
        merges,
        rows,
    }
}

/// Both versions interleaved: each current unit with its counterpart, and each
/// previous unit that is nobody's counterpart just before the next current unit
/// aligned in order after it.
fn rows(prev: &[units::Unit], cur: &[units::Unit], a: &assign::Assignment) -> Vec<Row> {
    let primary: Vec<bool> = {
        let mut v = vec![false; prev.len()];
        for l in a.cur.iter().flatten() {
            v[l.prev] = true;
        }
        v
    };
    let mut out = Vec::new();
    let mut next = 0;
    let flush = |upto: usize, next: &mut usize, out: &mut Vec<Row>| {
        while *next < upto.min(prev.len()) {
            if !primary[*next] {
                out.push(Row { previous: Some(prev[*next].id.clone()), current: None });
            }
            *next += 1;
        }
    };
    for (c, unit) in cur.iter().enumerate() {
        if let Some(l) = a.cur[c].filter(|l| !l.moved) {
            flush(l.prev, &mut next, &mut out);
        }
        out.push(Row { previous: a.cur[c].map(|l| prev[l.prev].id.clone()), current: Some(unit.id.clone()) });
    }
    flush(prev.len(), &mut next, &mut out);
    out
}
