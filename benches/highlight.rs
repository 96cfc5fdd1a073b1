//! Highlights the structured Markdown of the bundled resolutions as their source
//! pages do (`annotate::pages::highlighted_source`: front matter as TOML, body as
//! Plenary Markdown) and reports the throughput on one thread. Run with
//! `cargo bench --bench highlight`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use plenary::annotate::pages::highlighted_source;
use std::path::Path;

/// The bundled resolutions' Markdown.
fn sources() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name().into_iter().filter_map(Result::ok) {
        let name = entry.file_name().to_string_lossy();
        if name.ends_with(".md") && !name.ends_with(".notes.md") {
            out.push(std::fs::read_to_string(entry.path()).unwrap());
        }
    }
    assert!(!out.is_empty(), "no resolutions under content/");
    out
}

fn bench(c: &mut Criterion) {
    let sources = sources();
    let bytes: usize = sources.iter().map(String::len).sum();
    let mut group = c.benchmark_group("highlight");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function(format!("{} bundled sources", sources.len()), |b| {
        b.iter(|| sources.iter().map(|md| highlighted_source(md).len()).sum::<usize>())
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
