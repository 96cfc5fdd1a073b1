//! Candidate pairs: for each current unit, the previous units sharing its rarest
//! shingles, found through an inverted index (shingle → previous units) rather than
//! by comparing all pairs, then scored exactly.
//!
//! Score of a pair: the mean of the weighted Dice coefficient of the two shingle
//! sets and the larger of the two containments (how much of one is found in the
//! other), so both an edited paragraph and a paragraph cut out of a longer one score.

use super::shingles::{shared, FxMap, Shingled};

/// Shingles held by more previous units than this are probed only while fewer than
/// [`MIN_PROBES`] rarer ones have been.
const COMMON: usize = 48;
const MIN_PROBES: usize = 6;
/// Previous units scored exactly per current unit.
const PER_UNIT: usize = 6;
/// Pairs scoring less are dropped.
pub(crate) const FLOOR: f32 = 0.25;

#[derive(Debug, Clone, Copy)]
pub(crate) struct Pair {
    pub prev: usize,
    pub cur: usize,
    /// Mean of weighted Dice and the larger containment, 0..=1.
    pub score: f32,
}

/// Scored candidate pairs, the previous units being the first sets of `sh`;
/// `prev_texts` and `cur_texts` are the units' normalised texts. The k-th current
/// unit with a given text is always paired with the k-th previous unit with that
/// text, at score 1.
pub(crate) fn candidates(sh: &Shingled, prev_texts: &[String], cur_texts: &[String]) -> Vec<Pair> {
    let np = prev_texts.len();
    let mut same: FxMap<&str, (Vec<usize>, usize)> = FxMap::default();
    for (p, t) in prev_texts.iter().enumerate() {
        same.entry(t.as_str()).or_default().0.push(p);
    }
    let index = Index::new((0..np).map(|u| sh.set(u)), sh.weight.len());
    let mut acc = vec![0f32; np];
    let mut touched: Vec<usize> = Vec::new();
    let mut order: Vec<u32> = Vec::new();
    let mut out = Vec::new();
    for (cur, text) in cur_texts.iter().enumerate() {
        let set = sh.set(np + cur);
        order.clear();
        order.extend(set.iter().copied().filter(|&s| !index.list(s).is_empty()));
        order.sort_unstable_by_key(|&s| index.list(s).len());
        for (probes, &s) in order.iter().enumerate() {
            let list = index.list(s);
            if list.len() > COMMON && probes >= MIN_PROBES {
                break;
            }
            for &p in list {
                let p = p as usize;
                if acc[p] == 0.0 {
                    touched.push(p);
                }
                acc[p] += sh.weight[s as usize];
            }
        }
        let by_weight = |a: &usize, b: &usize| acc[*b].total_cmp(&acc[*a]).then(a.cmp(b));
        if touched.len() > PER_UNIT {
            touched.select_nth_unstable_by(PER_UNIT, by_weight);
        }
        let keep = touched.len().min(PER_UNIT);
        let top = &mut touched[..keep];
        top.sort_unstable_by(by_weight);
        let twin = same.get_mut(text.as_str()).and_then(|(list, used)| {
            *used += 1;
            list.get(*used - 1).copied()
        });
        if let Some(prev) = twin {
            out.push(Pair { prev, cur, score: 1.0 });
        }
        for &prev in top.iter() {
            let score = score(sh, prev, np + cur);
            if score >= FLOOR && Some(prev) != twin {
                out.push(Pair { prev, cur, score });
            }
        }
        for &p in &touched {
            acc[p] = 0.0;
        }
        touched.clear();
    }
    out
}

/// The score of units `a` and `b` of `sh` (see the module docs).
pub(crate) fn score(sh: &Shingled, a: usize, b: usize) -> f32 {
    let (ma, mb) = (sh.mass[a], sh.mass[b]);
    if ma <= 0.0 || mb <= 0.0 {
        return 0.0;
    }
    let (set_a, set_b) = (sh.set(a), sh.set(b));
    let (common, n) = shared(set_a, set_b, &sh.weight);
    // A single shared shingle is chance unless it is all of one side.
    if n == 0 || (n == 1 && set_a.len().min(set_b.len()) > 1) {
        return 0.0;
    }
    let dice = 2.0 * common / (ma + mb);
    let contained = (common / ma).max(common / mb);
    ((dice + contained) / 2.0).min(1.0)
}

/// Shingle id → previous units holding it, in compressed rows.
struct Index {
    start: Vec<u32>,
    units: Vec<u32>,
}

impl Index {
    fn new<'a>(sets: impl Iterator<Item = &'a [u32]> + Clone, shingles: usize) -> Self {
        let mut start = vec![0u32; shingles + 1];
        for set in sets.clone() {
            for &s in set {
                start[s as usize + 1] += 1;
            }
        }
        for i in 0..shingles {
            start[i + 1] += start[i];
        }
        let mut fill = start.clone();
        let mut units = vec![0u32; start[shingles] as usize];
        for (u, set) in sets.enumerate() {
            for &s in set {
                units[fill[s as usize] as usize] = u as u32;
                fill[s as usize] += 1;
            }
        }
        Index { start, units }
    }

    fn list(&self, s: u32) -> &[u32] {
        &self.units[self.start[s as usize] as usize..self.start[s as usize + 1] as usize]
    }
}
