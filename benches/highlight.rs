//! Highlights the structured Markdown of the bundled resolutions as their source
//! pages do (front matter as TOML, body as Plenary Markdown) and reports the
//! throughput. Run with `cargo bench --bench highlight`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use plenary::annotate::highlight::{highlight, PLENARY_MARKDOWN};
use std::path::Path;

/// The bundled resolutions' Markdown, each split into front matter and body.
fn sources() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name().into_iter().filter_map(Result::ok) {
        let name = entry.file_name().to_string_lossy();
        if !name.ends_with(".md") || name.ends_with(".notes.md") {
            continue;
        }
        let md = std::fs::read_to_string(entry.path()).unwrap();
        let split = md.strip_prefix("+++\n").and_then(|r| r.find("\n+++\n")).map_or(0, |i| 4 + i + 5);
        let (front, body) = md.split_at(split);
        out.push((front.to_string(), body.to_string()));
    }
    assert!(!out.is_empty(), "no resolutions under content/");
    out
}

fn bench(c: &mut Criterion) {
    let sources = sources();
    let bytes: usize = sources.iter().map(|(f, b)| f.len() + b.len()).sum();
    let mut group = c.benchmark_group("highlight");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function(format!("{} bundled sources", sources.len()), |b| {
        b.iter(|| {
            sources
                .iter()
                .map(|(front, body)| {
                    highlight(front, "toml").unwrap().len() + highlight(body, PLENARY_MARKDOWN).unwrap().len()
                })
                .sum::<usize>()
        })
    });
    group.bench_function("front matter only", |b| {
        b.iter(|| sources.iter().map(|(f, _)| highlight(f, "toml").unwrap().len()).sum::<usize>())
    });
    group.bench_function("body only", |b| {
        b.iter(|| sources.iter().map(|(_, x)| highlight(x, PLENARY_MARKDOWN).unwrap().len()).sum::<usize>())
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
