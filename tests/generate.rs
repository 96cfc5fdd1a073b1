//! The corpus generator: N distinct resolutions that load and build without errors,
//! cite one another, and come out the same on every run.

mod build_support;

use plenary::site::{content, Site};

fn generate(count: usize, out: &std::path::Path) {
    let repo = build_support::repo().join("content");
    let templates: Vec<_> = content::load_dir(&repo, &repo).unwrap().into_iter().map(|s| s.resolution).collect();
    plenary::generate::generate(&templates, count, out, &|| {}).unwrap();
}

#[test]
fn generated_collections_load_build_and_cite_each_other() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a");
    generate(320, &a);
    let site = Site::load(&a).unwrap();
    assert_eq!(site.resolutions.len(), 320);
    let symbols: std::collections::BTreeSet<&str> =
        site.resolutions.iter().map(|s| s.resolution.meta.symbol.as_str()).collect();
    assert_eq!(symbols.len(), 320);
    assert!(symbols.contains("A/RES/80/1") && symbols.contains("A/RES/79/20"), "300 a session, 80 downwards");
    let titles: std::collections::BTreeSet<(&str, &str)> = site
        .resolutions
        .iter()
        .map(|s| (s.resolution.meta.session.as_deref().unwrap_or(""), s.resolution.meta.title.as_str()))
        .collect();
    assert_eq!(titles.len(), 320, "titles are distinct within a session");
    // Citations of resolution numbers point at generated resolutions.
    let cited = regex::Regex::new(r"resolutions? (\d+)/(\d+)").unwrap();
    let mut inside = 0;
    for s in &site.resolutions {
        for c in cited.captures_iter(&s.markdown().unwrap()) {
            inside += symbols.contains(format!("A/RES/{}/{}", &c[1], &c[2]).as_str()) as usize;
        }
    }
    assert!(inside > 320, "only {inside} citations point into the collection");
    let out = dir.path().join("public");
    let report = plenary::render::build(&site, &out, &plenary::render::NoLinks).unwrap();
    assert_eq!(report.resolutions, 320);

    let b = dir.path().join("b");
    generate(320, &b);
    assert!(build_support::tree(&a) == build_support::tree(&b), "the same N gives the same files");
    assert!(plenary::generate::generate(&[], 1, &dir.path().join("c"), &|| {}).is_err());
}
