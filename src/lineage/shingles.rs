//! Word shingles and their rarity weights: each unit of both versions becomes a
//! sorted set of shingle ids (3-grams of normalised words; a unit of fewer than three
//! words is one shingle of all its words), and each shingle gets an inverse document
//! frequency weight over the units of both versions, so stock phrases
//! ("the United Nations") count for less than distinctive wording.
//!
//! A version's keys get their ids once ([`VersionShingles`]), whatever it is
//! aligned with; a pair only maps the current version's ids onto the previous one's.

use std::hash::Hasher;

/// The Fx hash of rustc, as written here for the words of shingle keys: a word's
/// bytes eight at a time, then the rest ([`word_hashes`] feeds it as it reads).
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

/// The maps of shingle keys and texts (looked up, never iterated).
pub(crate) type FxMap<K, V> = rustc_hash::FxHashMap<K, V>;

pub(crate) const K: usize = 3;

/// The shingle keys of `text` in order (repeats included): a hash of each 3-gram
/// of its words (one of all its words if it has fewer than three). A key depends
/// only on the words, so a version's keys are made once, whatever it is aligned with.
pub(crate) fn keys(text: &str) -> Vec<u64> {
    // Room for a word every six bytes, about what the texts of resolutions hold.
    let mut ws: Vec<u64> = Vec::with_capacity(text.len() / 6 + 1);
    word_hashes(text, |h| ws.push(h));
    if ws.len() < K {
        if ws.is_empty() {
            return Vec::new();
        }
        return vec![ws.iter().fold(0x9E37_79B9_7F4A_7C15u64 ^ ws.len() as u64, |h, &w| mix(h, w))];
    }
    ws.windows(K).map(|g| g.iter().fold(0, |h, &w| mix(h, w))).collect()
}

/// Calls `f` with the hash of each word of `text` (maximal runs of letters and
/// digits), lowercased: the [`Fx`] hash of its bytes, made as they are read.
pub(crate) fn word_hashes(text: &str, mut f: impl FnMut(u64)) {
    let mut word = WordHasher::default();
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let b = bytes[at];
        if b.is_ascii() {
            at += 1;
            if b.is_ascii_alphanumeric() {
                word.byte(b.to_ascii_lowercase());
                continue;
            }
        } else {
            let c = text[at..].chars().next().unwrap_or_default();
            at += c.len_utf8();
            if c.is_alphanumeric() {
                for lower in c.to_lowercase() {
                    lower.encode_utf8(&mut [0; 4]).bytes().for_each(|b| word.byte(b));
                }
                continue;
            }
        }
        if let Some(hash) = word.end() {
            f(hash);
        }
    }
    if let Some(hash) = word.end() {
        f(hash);
    }
}

/// [`Fx`]'s `write` of a word's bytes, fed one byte at a time: every eight bytes
/// as one number, then the rest (none: zero).
#[derive(Default)]
struct WordHasher {
    fx: Fx,
    /// Bytes not yet hashed, the first lowest.
    pending: u64,
    pending_len: u32,
    len: usize,
}

impl WordHasher {
    fn byte(&mut self, b: u8) {
        self.pending |= (b as u64) << (8 * self.pending_len);
        self.pending_len += 1;
        self.len += 1;
        if self.pending_len == 8 {
            self.fx.write_u64(self.pending);
            self.pending = 0;
            self.pending_len = 0;
        }
    }

    /// The word's hash, if it has any bytes, and a fresh start.
    fn end(&mut self) -> Option<u64> {
        if self.len == 0 {
            return None;
        }
        self.fx.write_u64(self.pending);
        let hash = self.fx.finish();
        *self = WordHasher::default();
        Some(hash)
    }
}

/// A version's shingles, made once whatever it is aligned with: each distinct key
/// gets a local id, numbered in order of first appearance over its units.
#[derive(Debug, Default)]
pub(crate) struct VersionShingles {
    /// Sorted, deduplicated local ids of each unit's shingles.
    sets: Vec<Vec<u32>>,
    /// Key → local id.
    ids: FxMap<u64, u32>,
    /// The key of each local id.
    keys: Vec<u64>,
    /// Number of units holding each local id.
    df: Vec<u32>,
}

impl VersionShingles {
    /// The shingles of units given by their [`keys`], in document order.
    pub(crate) fn of(units: &[Vec<u64>]) -> Self {
        // Room for every key at once: growing the map as keys come costs more.
        let all = units.iter().map(Vec::len).sum();
        let mut ids: FxMap<u64, u32> = FxMap::with_capacity_and_hasher(all, Default::default());
        let mut keys: Vec<u64> = Vec::new();
        let mut sets = Vec::with_capacity(units.len());
        for unit_keys in units {
            let mut set: Vec<u32> = Vec::with_capacity(unit_keys.len());
            for &key in unit_keys {
                let id = *ids.entry(key).or_insert_with(|| {
                    keys.push(key);
                    keys.len() as u32 - 1
                });
                set.push(id);
            }
            set.sort_unstable();
            set.dedup();
            sets.push(set);
        }
        let mut df = vec![0u32; keys.len()];
        for &s in sets.iter().flatten() {
            df[s as usize] += 1;
        }
        VersionShingles { sets, ids, keys, df }
    }
}

/// The shingles of a pair of versions: previous units first, then current ones.
pub(crate) struct Shingled<'a> {
    /// The previous version's sets: their ids are the pair's ids.
    prev: &'a [Vec<u32>],
    /// The current version's sets in the pair's ids, one after another.
    cur: Vec<u32>,
    /// Where each current unit's set starts in `cur` (and where the last ends).
    cur_start: Vec<usize>,
    /// Weight of each shingle id.
    pub weight: Vec<f32>,
    /// Total weight of each unit's set.
    pub mass: Vec<f32>,
}

impl Shingled<'_> {
    /// Sorted, deduplicated shingle ids of unit `u` (previous units, then current).
    pub(crate) fn set(&self, u: usize) -> &[u32] {
        match u.checked_sub(self.prev.len()) {
            None => &self.prev[u],
            Some(c) => &self.cur[self.cur_start[c]..self.cur_start[c + 1]],
        }
    }
}

/// The shingle sets of a pair of versions and their weights over both. Ids are
/// numbered in order of first appearance over the previous units, then the current
/// ones: the previous version's own ids, and the current version's ids mapped onto
/// them through the keys both share (in the current version's order, so the new
/// ones are numbered as they first appear).
pub(crate) fn shingle<'a>(previous: &'a VersionShingles, current: &VersionShingles) -> Shingled<'a> {
    // Where each of the current version's ids goes: a shared key to the previous
    // version's id, the others to new ids in their own order.
    let mut df = previous.df.clone();
    let to_pair: Vec<u32> = current
        .keys
        .iter()
        .zip(&current.df)
        .map(|(key, &n)| {
            let id = previous.ids.get(key).copied().unwrap_or_else(|| {
                df.push(0);
                df.len() as u32 - 1
            });
            df[id as usize] += n;
            id
        })
        .collect();
    let mut cur = Vec::with_capacity(current.sets.iter().map(Vec::len).sum());
    let mut cur_start = Vec::with_capacity(current.sets.len() + 1);
    cur_start.push(0);
    for set in &current.sets {
        let from = cur.len();
        cur.extend(set.iter().map(|&s| to_pair[s as usize]));
        cur[from..].sort_unstable();
        cur_start.push(cur.len());
    }
    let units = previous.sets.len() + current.sets.len();
    let n = units.max(1) as f32;
    let weight: Vec<f32> = df.iter().map(|&d| (1.0 + n / d as f32).ln()).collect();
    let mut sh = Shingled { prev: &previous.sets, cur, cur_start, weight, mass: Vec::new() };
    sh.mass = (0..units).map(|u| sh.set(u).iter().map(|&x| sh.weight[x as usize]).sum()).collect();
    sh
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The pair's sets and weights made from scratch, one id per key in order of
    /// first appearance over both versions: what [`shingle`] must give exactly.
    fn from_scratch(units: &[Vec<u64>]) -> (Vec<Vec<u32>>, Vec<f32>, Vec<f32>) {
        let mut ids: FxMap<u64, u32> = FxMap::default();
        let mut df: Vec<u32> = Vec::new();
        let mut sets = Vec::new();
        for unit_keys in units {
            let mut set: Vec<u32> = unit_keys
                .iter()
                .map(|&key| {
                    let next = ids.len() as u32;
                    *ids.entry(key).or_insert(next)
                })
                .collect();
            df.resize(ids.len(), 0);
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
        (sets, weight, mass)
    }

    /// The words of `text` as the docs of [`word_hashes`] define them.
    fn words_by_chars(text: &str) -> Vec<String> {
        let words = text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty());
        words.map(|w| w.chars().flat_map(char::to_lowercase).collect()).collect()
    }

    fn fx(word: &str) -> u64 {
        let mut h = Fx::default();
        h.write(word.as_bytes());
        h.finish()
    }

    #[test]
    fn words_of_every_script_are_hashed_lowercased() {
        let mut hashes = Vec::new();
        word_hashes("Ünïon’s 2nd-ÉTAT, a\u{0301}b; İstanbul ΣΟΦΙΑ consideration", |h| hashes.push(h));
        let expected = ["ünïon", "s", "2nd", "état", "a", "b", "i\u{307}stanbul", "σοφια", "consideration"];
        assert_eq!(hashes, expected.map(fx));
    }

    proptest! {
        #[test]
        fn word_hashes_are_fx_of_the_lowercased_words(text in "(?s)[a-zA-Z0-9 \t\n.,;’“–\u{a0}éÜİẞΣ\u{0301}]{0,60}") {
            let mut hashes = Vec::new();
            word_hashes(&text, |h| hashes.push(h));
            let expected: Vec<u64> = words_by_chars(&text).iter().map(|w| fx(w)).collect();
            prop_assert_eq!(hashes, expected);
        }

        #[test]
        fn a_pair_has_the_ids_and_weights_made_from_scratch(
            previous in prop::collection::vec(prop::collection::vec(0u64..40, 0..12), 0..8),
            current in prop::collection::vec(prop::collection::vec(0u64..40, 0..12), 0..8),
        ) {
            let (p, c) = (VersionShingles::of(&previous), VersionShingles::of(&current));
            let sh = shingle(&p, &c);
            let all: Vec<Vec<u64>> = previous.iter().chain(&current).cloned().collect();
            let (sets, weight, mass) = from_scratch(&all);
            for (u, set) in sets.iter().enumerate() {
                prop_assert_eq!(sh.set(u), set.as_slice());
            }
            prop_assert_eq!(&sh.weight, &weight);
            prop_assert_eq!(&sh.mass, &mass);
        }
    }
}
