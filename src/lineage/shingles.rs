//! Word shingles and their rarity weights: each unit of both versions becomes a
//! sorted set of shingle ids (3-grams of normalised words; a unit of fewer than three
//! words is one shingle of all its words), and each shingle gets an inverse document
//! frequency weight over the units of both versions, so stock phrases
//! ("the United Nations") count for less than distinctive wording.

use super::units::words;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A fast non-cryptographic hasher (the Fx hash of rustc) for the words of shingle
/// keys and the shingle table; inputs are document text, not attacker-chosen keys of
/// a long-lived map.
#[derive(Default, Clone, Copy)]
pub(crate) struct Fx(u64);

impl Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.write_u64(u64::from_le_bytes(c.try_into().unwrap()));
        }
        let mut last = 0u64;
        for (i, &b) in chunks.remainder().iter().enumerate() {
            last |= (b as u64) << (8 * i);
        }
        self.write_u64(last);
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x517C_C1B7_2722_0A95);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

pub(crate) type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<Fx>>;

pub(crate) const K: usize = 3;

pub(crate) struct Shingled {
    /// Sorted, deduplicated shingle ids of each unit: previous units, then current.
    pub sets: Vec<Vec<u32>>,
    /// Weight of each shingle id.
    pub weight: Vec<f32>,
    /// Total weight of each unit's set.
    pub mass: Vec<f32>,
}

/// The shingle keys of `text` in order (repeats included): a hash of each 3-gram
/// of its words (one of all its words if it has fewer than three). A key depends
/// only on the words, so a version's keys are made once, whatever it is aligned with.
pub(crate) fn keys(text: &str) -> Vec<u64> {
    let mut ws: Vec<u64> = Vec::new();
    let mut buf = String::new();
    words(text, &mut buf, |w| {
        let mut h = Fx::default();
        h.write(w.as_bytes());
        ws.push(h.finish());
    });
    if ws.len() < K {
        if ws.is_empty() {
            return Vec::new();
        }
        return vec![ws.iter().fold(0x9E37_79B9_7F4A_7C15u64 ^ ws.len() as u64, |h, &w| mix(h, w))];
    }
    ws.windows(K).map(|g| g.iter().fold(0, |h, &w| mix(h, w))).collect()
}

/// The shingle sets of units given by their [`keys`] (previous version's units
/// first), ids numbered in order of first appearance, and their weights over all.
pub(crate) fn shingle<'a>(units: impl Iterator<Item = &'a [u64]>) -> Shingled {
    let mut ids: FxMap<u64, u32> = FxMap::default();
    let mut df: Vec<u32> = Vec::new();
    let mut sets = Vec::new();
    for unit_keys in units {
        let mut set: Vec<u32> = Vec::with_capacity(unit_keys.len());
        for &key in unit_keys {
            let next = ids.len() as u32;
            let id = *ids.entry(key).or_insert(next);
            if id as usize == df.len() {
                df.push(0);
            }
            set.push(id);
        }
        set.sort_unstable();
        set.dedup();
        for &s in &set {
            df[s as usize] += 1;
        }
        sets.push(set);
    }
    let n = sets.len().max(1) as f32;
    let weight: Vec<f32> = df.iter().map(|&d| (1.0 + n / d as f32).ln()).collect();
    let mass = sets.iter().map(|s| s.iter().map(|&x| weight[x as usize]).sum()).collect();
    Shingled { sets, weight, mass }
}

fn mix(h: u64, w: u64) -> u64 {
    (h ^ w).wrapping_mul(0x100_0000_01B3).rotate_left(29) ^ 0xA24B_AED4_963E_E407
}

/// Weight and number of the shingles two sorted sets share.
pub(crate) fn shared(a: &[u32], b: &[u32], weight: &[f32]) -> (f32, usize) {
    let (mut i, mut j, mut sum, mut n) = (0, 0, 0.0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += weight[a[i] as usize];
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    (sum, n)
}
