//! Import throughput: the whole corpus of extracted texts through the importer and
//! the Markdown writer, reported in bytes per second of raw text (one thread).

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::path::PathBuf;

fn corpus() -> Vec<Vec<u8>> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
        .map(|e| e.into_path())
        .collect();
    files.sort();
    files.iter().map(|p| std::fs::read(p).expect("corpus readable")).collect()
}

fn import(c: &mut Criterion) {
    let texts = corpus();
    let bytes: usize = texts.iter().map(Vec::len).sum();
    let mut group = c.benchmark_group("import");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("corpus_to_markdown", |b| {
        b.iter(|| {
            for text in &texts {
                let imported = plenary::ingest::import(text).expect("corpus imports");
                std::hint::black_box(plenary::markdown::write(&imported.resolution));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, import);
criterion_main!(benches);
