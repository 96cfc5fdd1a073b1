//! Renders the bundled site in memory, as `plenary build` does after linking (every
//! page, export and index, nothing written), on one thread: once with every
//! `[outputs]` key on and once with the pages only. Run with
//! `cargo bench --bench render`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use plenary::link::Corpus;
use plenary::render::render_site;
use plenary::site::{Outputs, Site};
use std::path::Path;

fn bench(c: &mut Criterion) {
    let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build().expect("a thread pool");
    let mut group = c.benchmark_group("render");
    let pages_only =
        Outputs { markdown: false, source: false, json: false, akn: false, comparisons: false, search: false };
    for (name, outputs) in [("all outputs", Outputs::default()), ("pages only", pages_only)] {
        let mut site = Site::load(Path::new(env!("CARGO_MANIFEST_DIR"))).expect("the bundled site loads");
        site.config.outputs = outputs;
        let corpus = Corpus::build(&site);
        let bytes: usize =
            render_site(&site, &corpus).expect("the bundled site renders").files.values().map(Vec::len).sum();
        group.throughput(Throughput::Bytes(bytes as u64));
        group.bench_function(format!("bundled site, {name}"), |b| {
            b.iter(|| pool.install(|| render_site(&site, &corpus).expect("renders").pages))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
