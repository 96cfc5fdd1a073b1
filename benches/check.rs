//! Reads every HTML page of the bundled site with the check's one-pass page reader
//! (`check::scan::read`, what `plenary build` runs on each page before the swap) and
//! reports the throughput on one thread. Run with `cargo bench --bench check`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use plenary::check::scan;
use plenary::link::Corpus;
use plenary::site::Site;
use std::path::Path;

/// The HTML pages of the bundled site, rendered in memory.
fn pages() -> Vec<String> {
    let site = Site::load(Path::new(env!("CARGO_MANIFEST_DIR"))).expect("the bundled site loads");
    let rendered = plenary::render::render_site(&site, &Corpus::build(&site)).expect("the bundled site renders");
    let pages: Vec<String> = rendered
        .files
        .into_iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .map(|(_, bytes)| String::from_utf8(bytes).expect("pages are UTF-8"))
        .collect();
    assert!(!pages.is_empty(), "no pages rendered");
    pages
}

fn bench(c: &mut Criterion) {
    let pages = pages();
    let bytes: usize = pages.iter().map(String::len).sum();
    let mut group = c.benchmark_group("check");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function(format!("read {} bundled pages", pages.len()), |b| {
        b.iter(|| pages.iter().map(|html| scan::read(html).urls.len()).sum::<usize>())
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
