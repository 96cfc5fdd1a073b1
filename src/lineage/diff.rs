//! Word-level diff: two texts in, a list of [`DiffOp`] runs out. Texts are cut into
//! words, runs of spaces and single punctuation marks; Myers' O(ND) algorithm finds a
//! shortest edit script over these tokens; runs of spaces or punctuation left equal
//! between two changes are folded into the change so the result reads by words.
//! Equal + Insert runs give back the new text exactly, Equal + Delete the old.

use super::DiffOp;
use rustc_hash::FxHashMap;

/// Edit distances above this are not searched: the rest is reported as replaced.
const MAX_D: usize = 1500;

/// The word-level diff from `old` to `new`.
pub fn diff_words(old: &str, new: &str) -> Vec<DiffOp> {
    let a = tokens(old);
    let b = tokens(new);
    // Token → id, numbered in order of first appearance (looked up, never iterated).
    let mut ids: FxHashMap<&str, u32> = FxHashMap::default();
    let ai = intern(&a, &mut ids);
    let bi = intern(&b, &mut ids);
    let mut runs = Runs::default();
    for edit in script(&ai, &bi) {
        match edit {
            Edit::Equal(i, _) => runs.push(Kind::Equal, a[i]),
            Edit::Delete(i) => runs.push(Kind::Delete, a[i]),
            Edit::Insert(j) => runs.push(Kind::Insert, b[j]),
        }
    }
    tidy(runs.0)
}

fn intern<'a>(list: &[&'a str], ids: &mut FxHashMap<&'a str, u32>) -> Vec<u32> {
    list.iter()
        .map(|&t| {
            let n = ids.len() as u32;
            *ids.entry(t).or_insert(n)
        })
        .collect()
}

/// Words, runs of whitespace, and single other characters.
fn tokens(s: &str) -> Vec<&str> {
    #[derive(PartialEq, Clone, Copy)]
    enum Cl {
        Word,
        Space,
        Other,
    }
    let class = |c: char| {
        if c.is_alphanumeric() {
            Cl::Word
        } else if c.is_whitespace() {
            Cl::Space
        } else {
            Cl::Other
        }
    };
    let mut out = Vec::new();
    let mut start = 0;
    let mut prev: Option<Cl> = None;
    for (i, c) in s.char_indices() {
        let cl = class(c);
        if let Some(p) = prev {
            if p != cl || cl == Cl::Other {
                out.push(&s[start..i]);
                start = i;
            }
        }
        prev = Some(cl);
    }
    if start < s.len() {
        out.push(&s[start..]);
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Edit {
    Equal(usize, usize),
    Delete(usize),
    Insert(usize),
}

/// A shortest edit script from `a` to `b`, in order.
fn script(a: &[u32], b: &[u32]) -> Vec<Edit> {
    let pre = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suf = a[pre..].iter().rev().zip(b[pre..].iter().rev()).take_while(|(x, y)| x == y).count();
    let (ma, mb) = (&a[pre..a.len() - suf], &b[pre..b.len() - suf]);
    let mut out: Vec<Edit> = (0..pre).map(|i| Edit::Equal(i, i)).collect();
    let middle = myers(ma, mb).unwrap_or_else(|| {
        let mut e: Vec<Edit> = (0..ma.len()).map(Edit::Delete).collect();
        e.extend((0..mb.len()).map(Edit::Insert));
        e
    });
    out.extend(middle.into_iter().map(|e| match e {
        Edit::Equal(i, j) => Edit::Equal(i + pre, j + pre),
        Edit::Delete(i) => Edit::Delete(i + pre),
        Edit::Insert(j) => Edit::Insert(j + pre),
    }));
    out.extend((0..suf).map(|k| Edit::Equal(a.len() - suf + k, b.len() - suf + k)));
    out
}

/// Myers' greedy algorithm with the frontier of every step kept for the way back;
/// `None` when the edit distance exceeds [`MAX_D`].
fn myers(a: &[u32], b: &[u32]) -> Option<Vec<Edit>> {
    let (n, m) = (a.len() as isize, b.len() as isize);
    let max = (n + m) as usize;
    let off = max as isize + 1;
    let mut v = vec![0isize; 2 * max + 3];
    // trace[d]: the frontier before step d, for diagonals -d-1..=d+1.
    let mut trace: Vec<Vec<isize>> = Vec::new();
    for d in 0..=max.min(MAX_D) as isize {
        trace.push(v[(off - d - 1) as usize..=(off + d + 1) as usize].to_vec());
        let mut k = -d;
        while k <= d {
            let mut x = if k == -d || (k != d && v[(off + k - 1) as usize] < v[(off + k + 1) as usize]) {
                v[(off + k + 1) as usize]
            } else {
                v[(off + k - 1) as usize] + 1
            };
            let mut y = x - k;
            while x < n && y < m && a[x as usize] == b[y as usize] {
                x += 1;
                y += 1;
            }
            v[(off + k) as usize] = x;
            if x >= n && y >= m {
                return Some(backtrack(&trace, n, m));
            }
            k += 2;
        }
    }
    None
}

fn backtrack(trace: &[Vec<isize>], n: isize, m: isize) -> Vec<Edit> {
    let mut out = Vec::new();
    let (mut x, mut y) = (n, m);
    for d in (1..trace.len() as isize).rev() {
        let v = &trace[d as usize];
        let at = |k: isize| v[(k + d + 1) as usize];
        let k = x - y;
        let pk = if k == -d || (k != d && at(k - 1) < at(k + 1)) { k + 1 } else { k - 1 };
        let px = at(pk);
        let py = px - pk;
        while x > px && y > py {
            x -= 1;
            y -= 1;
            out.push(Edit::Equal(x as usize, y as usize));
        }
        if x == px {
            y -= 1;
            out.push(Edit::Insert(y as usize));
        } else {
            x -= 1;
            out.push(Edit::Delete(x as usize));
        }
    }
    while x > 0 && y > 0 {
        x -= 1;
        y -= 1;
        out.push(Edit::Equal(x as usize, y as usize));
    }
    out.reverse();
    out
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Equal,
    Delete,
    Insert,
}

#[derive(Default)]
struct Runs(Vec<(Kind, String)>);

impl Runs {
    fn push(&mut self, kind: Kind, text: &str) {
        match self.0.last_mut() {
            Some((k, s)) if *k == kind => s.push_str(text),
            _ => self.0.push((kind, text.to_string())),
        }
    }
}

/// Folds equal runs without a letter or digit that sit between changes into the
/// change, then writes each change as one deletion followed by one insertion.
fn tidy(runs: Vec<(Kind, String)>) -> Vec<DiffOp> {
    let n = runs.len();
    let mut out = Vec::new();
    let (mut del, mut ins) = (String::new(), String::new());
    let flush = |out: &mut Vec<DiffOp>, del: &mut String, ins: &mut String| {
        if !del.is_empty() {
            out.push(DiffOp::Delete(std::mem::take(del)));
        }
        if !ins.is_empty() {
            out.push(DiffOp::Insert(std::mem::take(ins)));
        }
    };
    for (i, (kind, text)) in runs.iter().enumerate() {
        match kind {
            Kind::Delete => del.push_str(text),
            Kind::Insert => ins.push_str(text),
            Kind::Equal => {
                let inside = i > 0 && i + 1 < n;
                if inside && !text.chars().any(char::is_alphanumeric) {
                    del.push_str(text);
                    ins.push_str(text);
                } else {
                    flush(&mut out, &mut del, &mut ins);
                    out.push(DiffOp::Equal(text.clone()));
                }
            }
        }
    }
    flush(&mut out, &mut del, &mut ins);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(ops: &[DiffOp]) -> String {
        ops.iter()
            .map(|o| match o {
                DiffOp::Equal(s) => s.clone(),
                DiffOp::Delete(s) => format!("[-{s}-]"),
                DiffOp::Insert(s) => format!("{{+{s}+}}"),
            })
            .collect()
    }

    #[test]
    fn marks_inserted_and_deleted_words() {
        let ops = diff_words("Urges all States to ratify the Convention;", "Urges States to ratify the Protocol;");
        assert_eq!(show(&ops), "Urges [-all -]States to ratify the [-Convention-]{+Protocol+};");
    }

    #[test]
    fn identical_and_empty_texts() {
        assert_eq!(diff_words("a b", "a b"), vec![DiffOp::Equal("a b".into())]);
        assert_eq!(diff_words("", "x"), vec![DiffOp::Insert("x".into())]);
        assert!(diff_words("", "").is_empty());
    }

    #[test]
    fn punctuation_between_changes_joins_the_change() {
        let ops = diff_words("one, two", "three; four");
        assert_eq!(show(&ops), "[-one, two-]{+three; four+}");
    }
}
