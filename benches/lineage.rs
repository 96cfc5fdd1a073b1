//! Aligns two synthetic versions of 10,000 paragraphs each, made from the real
//! paragraphs of the corpus: version one samples and lightly edits them; version two
//! edits words in a third of its paragraphs, drops and inserts some, and moves some
//! blocks; and makes both ready for alignment (`Version::of`), as a site build does
//! once per version. Run with `cargo bench --bench lineage`.

use criterion::{criterion_group, criterion_main, Criterion};
use plenary::lineage;
use plenary::model::{Meta, Node, ParaKind, Paragraph, Resolution, Text};
use std::path::Path;
use std::time::Instant;

const N: usize = 10_000;

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

fn corpus_paragraphs() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name().into_iter().filter_map(Result::ok) {
        if entry.path().extension().is_none_or(|x| x != "txt") {
            continue;
        }
        let Ok(imported) = plenary::ingest::import(&std::fs::read(entry.path()).unwrap()) else { continue };
        imported.resolution.visit(|v| {
            if let plenary::model::Visit::Paragraph(p) = v {
                let t = p.text.to_plain();
                if t.split_whitespace().count() >= 5 {
                    out.push(t);
                }
            }
        });
    }
    assert!(!out.is_empty(), "no corpus paragraphs found");
    out
}

/// Replaces, deletes or inserts `edits` words of `text`.
fn edit(text: &str, edits: usize, vocab: &[&str], rng: &mut Rng) -> String {
    let mut words: Vec<&str> = text.split(' ').collect();
    for _ in 0..edits {
        let at = rng.below(words.len().max(1));
        match rng.below(3) {
            0 if !words.is_empty() => words[at] = vocab[rng.below(vocab.len())],
            1 if words.len() > 1 => {
                words.remove(at);
            }
            _ => words.insert(at, vocab[rng.below(vocab.len())]),
        }
    }
    words.join(" ")
}

fn resolution(symbol: &str, texts: Vec<String>) -> Resolution {
    let body = texts
        .into_iter()
        .enumerate()
        .map(|(i, t)| {
            Node::Paragraph(Paragraph {
                id: format!("op{}", i + 1),
                kind: ParaKind::Operative,
                num: Some((i + 1).to_string()),
                text: Text::plain(t),
                children: vec![],
            })
        })
        .collect();
    Resolution { meta: Meta { symbol: symbol.into(), ..Meta::default() }, body, ..Resolution::default() }
}

/// The two versions, and for each paragraph of the second the index of the
/// paragraph of the first it was made from (`None` when inserted).
fn versions() -> (Resolution, Resolution, Vec<Option<usize>>) {
    let real = corpus_paragraphs();
    let vocab: Vec<&str> = real.iter().flat_map(|t| t.split(' ')).take(5000).collect();
    let mut rng = Rng(0x5EED_1234_ABCD_0001);
    let old: Vec<String> = (0..N).map(|_| edit(&real[rng.below(real.len())], 3, &vocab, &mut rng)).collect();
    let mut new: Vec<(String, Option<usize>)> = Vec::with_capacity(N);
    for (i, t) in old.iter().enumerate() {
        if rng.chance(5) {
            continue; // dropped
        }
        if rng.chance(5) {
            new.push((edit(&real[rng.below(real.len())], 6, &vocab, &mut rng), None));
            // inserted
        }
        new.push((if rng.chance(33) { edit(t, 1 + rng.below(8), &vocab, &mut rng) } else { t.clone() }, Some(i)));
    }
    // Move 50 blocks of up to 20 paragraphs.
    for _ in 0..50 {
        let len = 1 + rng.below(20);
        let from = rng.below(new.len() - len);
        let block: Vec<_> = new.drain(from..from + len).collect();
        let to = rng.below(new.len());
        new.splice(to..to, block);
    }
    new.truncate(N);
    while new.len() < N {
        new.push((edit(&real[rng.below(real.len())], 6, &vocab, &mut rng), None));
    }
    let (new, truth): (Vec<String>, Vec<Option<usize>>) = new.into_iter().unzip();
    (resolution("A/RES/1/1", old), resolution("A/RES/2/1", new), truth)
}

fn bench(c: &mut Criterion) {
    let (old, new, truth) = versions();
    let start = Instant::now();
    let al = lineage::align(&old, &new);
    let elapsed = start.elapsed();
    // Against the known origins. The corpus has far fewer than 10,000 paragraphs, so
    // versions hold near-twins and a link to a twin of the origin counts as wrong.
    let predicted: Vec<Option<usize>> = al
        .paragraphs
        .iter()
        .map(|p| p.status.previous().map(|id| id.trim_start_matches("op").parse::<usize>().unwrap() - 1))
        .collect();
    let hits = predicted.iter().zip(&truth).filter(|(p, t)| p.is_some() && p == t).count();
    let linked = predicted.iter().filter(|p| p.is_some()).count();
    let expected = truth.iter().filter(|t| t.is_some()).count();
    eprintln!(
        "align {N} x {N}: {elapsed:?} once; precision {:.3}, recall {:.3} against the known origins; \
         {} removed, {} splits, {} merges",
        hits as f64 / linked as f64,
        hits as f64 / expected as f64,
        al.removed.len(),
        al.splits.len(),
        al.merges.len()
    );
    let mut group = c.benchmark_group("lineage");
    group.sample_size(10);
    group.bench_function("align 10k x 10k paragraphs", |b| b.iter(|| lineage::align(&old, &new)));
    // What a site build does once per pair of versions, each made ready once for both of its pairs.
    let (ready_old, ready_new) = (lineage::Version::of(&old), lineage::Version::of(&new));
    group.bench_function("align ready 10k x 10k paragraphs", |b| {
        b.iter(|| lineage::align_versions(&ready_old, &ready_new))
    });
    // What a site build does once per version: its paragraphs' normal forms and shingle keys.
    group.bench_function("ready 10k + 10k paragraphs", |b| {
        b.iter(|| (lineage::Version::of(&old), lineage::Version::of(&new)))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
