//! Assignment: candidate pairs in, one previous counterpart (or none) per current
//! unit out, with splits and merges.
//!
//! 1. Anchors: pairs that are each other's best and score at least [`HIGH`].
//! 2. Order: the heaviest chain of pairs increasing in both versions (a weighted
//!    longest common subsequence over the candidate pairs, O(m log n) with a
//!    Fenwick tree); anchors weigh one more, so the chain follows them.
//! 3. Moves: anchors the chain left out take their place (displacing weaker pairs),
//!    then other pairs of at least [`HIGH`] between free units, best first.
//! 4. Splits and merges: a free unit whose best pair (at least [`PART`]) is with an
//!    already matched unit joins it.
//! 5. Structure: a free paragraph whose sub-paragraphs went to the sub-paragraphs of
//!    one free previous paragraph is matched with that paragraph.

use super::candidates::Pair;
use super::units::Unit;

/// Score from which a pair is trusted out of order.
pub(crate) const HIGH: f32 = 0.5;
/// Score from which a unit joins an already matched one as part of a split or merge.
pub(crate) const PART: f32 = 0.45;
/// Scores of pairs across classes (preambular ↔ operative) are multiplied by this.
const CROSS: f32 = 0.85;

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Link {
    pub prev: usize,
    pub score: f32,
    pub moved: bool,
}

pub(crate) struct Assignment {
    /// Counterpart of each current unit.
    pub cur: Vec<Option<Link>>,
    /// Current unit each previous unit was matched with first.
    pub prev: Vec<Option<usize>>,
    /// (previous, current) pairs added as parts of a split.
    pub splits: Vec<(usize, usize)>,
    /// (previous, current) pairs added as parts of a merge.
    pub merges: Vec<(usize, usize)>,
}

pub(crate) fn assign(prev: &[Unit], cur: &[Unit], pairs: &[Pair]) -> Assignment {
    let weight = |p: &Pair| if prev[p.prev].class == cur[p.cur].class { p.score } else { p.score * CROSS };
    let mut best_cur: Vec<Option<(f32, usize)>> = vec![None; cur.len()];
    let mut best_prev: Vec<Option<(f32, usize)>> = vec![None; prev.len()];
    for (k, p) in pairs.iter().enumerate() {
        let w = weight(p);
        if best_cur[p.cur].is_none_or(|(b, _)| w > b) {
            best_cur[p.cur] = Some((w, k));
        }
        if best_prev[p.prev].is_none_or(|(b, _)| w > b) {
            best_prev[p.prev] = Some((w, k));
        }
    }
    let anchor: Vec<bool> = (0..pairs.len())
        .map(|k| {
            let p = &pairs[k];
            weight(p) >= HIGH && best_cur[p.cur].map(|b| b.1) == Some(k) && best_prev[p.prev].map(|b| b.1) == Some(k)
        })
        .collect();

    let mut a = Assignment { cur: vec![None; cur.len()], prev: vec![None; prev.len()], splits: vec![], merges: vec![] };
    for k in chain(pairs, prev.len(), |k| weight(&pairs[k]) + if anchor[k] { 1.0 } else { 0.0 }) {
        let p = &pairs[k];
        a.cur[p.cur] = Some(Link { prev: p.prev, score: p.score, moved: false });
        a.prev[p.prev] = Some(p.cur);
    }
    // Anchors out of order displace weaker in-order pairs.
    for (k, p) in pairs.iter().enumerate() {
        if !anchor[k] || a.cur[p.cur].is_some_and(|l| l.prev == p.prev) {
            continue;
        }
        if a.cur[p.cur].is_some_and(|l| l.score >= HIGH) || a.prev[p.prev].is_some_and(|c| weight_of(&a, c) >= HIGH) {
            continue;
        }
        if let Some(l) = a.cur[p.cur].take() {
            a.prev[l.prev] = None;
        }
        if let Some(c) = a.prev[p.prev].take() {
            a.cur[c] = None;
        }
        a.cur[p.cur] = Some(Link { prev: p.prev, score: p.score, moved: true });
        a.prev[p.prev] = Some(p.cur);
    }
    // Other strong pairs between free units, best first.
    let mut strong: Vec<usize> = (0..pairs.len()).filter(|&k| weight(&pairs[k]) >= HIGH).collect();
    strong.sort_by(|&x, &y| weight(&pairs[y]).total_cmp(&weight(&pairs[x])));
    for k in strong {
        let p = &pairs[k];
        if a.cur[p.cur].is_none() && a.prev[p.prev].is_none() {
            a.cur[p.cur] = Some(Link { prev: p.prev, score: p.score, moved: true });
            a.prev[p.prev] = Some(p.cur);
        }
    }
    // Splits: a free current unit best matching a taken previous one.
    for (c, best) in best_cur.iter().enumerate() {
        if let Some((w, k)) = *best {
            let p = &pairs[k];
            if a.cur[c].is_none() && w >= PART && a.prev[p.prev].is_some() {
                a.cur[c] = Some(Link { prev: p.prev, score: p.score, moved: false });
                a.splits.push((p.prev, c));
            }
        }
    }
    // Merges: a free previous unit best matching a taken current one.
    for (q, best) in best_prev.iter().enumerate() {
        if let Some((w, k)) = *best {
            let p = &pairs[k];
            if a.prev[q].is_none() && w >= PART && a.cur[p.cur].is_some_and(|l| l.prev != q) {
                a.prev[q] = Some(p.cur);
                a.merges.push((q, p.cur));
            }
        }
    }
    structure(prev, cur, &mut a);
    a
}

fn weight_of(a: &Assignment, c: usize) -> f32 {
    a.cur[c].map_or(0.0, |l| l.score)
}

/// Matches free parents whose children went to the children of one free parent.
fn structure(prev: &[Unit], cur: &[Unit], a: &mut Assignment) {
    let mut votes: Vec<Vec<usize>> = vec![Vec::new(); cur.len()];
    let mut children = vec![0usize; cur.len()];
    for (c, unit) in cur.iter().enumerate() {
        if let Some(up) = unit.parent {
            children[up] += 1;
            if let Some(pp) = a.cur[c].and_then(|l| prev[l.prev].parent) {
                votes[up].push(pp);
            }
        }
    }
    for c in 0..cur.len() {
        if a.cur[c].is_some() || votes[c].is_empty() {
            continue;
        }
        votes[c].sort_unstable();
        let mut best = (0, 0);
        for run in votes[c].chunk_by(|x, y| x == y) {
            if run.len() > best.1 {
                best = (run[0], run.len());
            }
        }
        let (p, n) = best;
        if 2 * n >= children[c] && a.prev[p].is_none() {
            a.cur[c] = Some(Link { prev: p, score: 0.0, moved: false });
            a.prev[p] = Some(c);
        }
    }
}

/// The heaviest chain of pairs strictly increasing in both `cur` and `prev`.
fn chain(pairs: &[Pair], np: usize, weight: impl Fn(usize) -> f32) -> Vec<usize> {
    let mut order: Vec<usize> = (0..pairs.len()).collect();
    // Within one current unit, later previous units first, so one unit is used once.
    order.sort_by_key(|&k| (pairs[k].cur, std::cmp::Reverse(pairs[k].prev)));
    let mut tree = vec![(0f32, usize::MAX); np + 1];
    let mut back = vec![usize::MAX; pairs.len()];
    let mut total = vec![0f32; pairs.len()];
    let mut top = (0f32, usize::MAX);
    for k in order {
        let j = pairs[k].prev;
        // Best chain ending at a previous unit < j.
        let (mut best, mut i) = ((0f32, usize::MAX), j);
        while i > 0 {
            if tree[i].0 > best.0 {
                best = tree[i];
            }
            i &= i - 1;
        }
        total[k] = best.0 + weight(k);
        back[k] = best.1;
        if total[k] > top.0 {
            top = (total[k], k);
        }
        let mut i = j + 1;
        while i <= np {
            if total[k] > tree[i].0 {
                tree[i] = (total[k], k);
            }
            i += i & i.wrapping_neg();
        }
    }
    let mut out = Vec::new();
    let mut k = top.1;
    while k != usize::MAX {
        out.push(k);
        k = back[k];
    }
    out.reverse();
    out
}
