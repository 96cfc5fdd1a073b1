//! The build writes each resolution's Akoma Ntoso XML beside its page
//! (`<symbol>/akn.xml`), links it from the page, and every file it wrote
//! validates against the OASIS schema (xmllint and akomantoso30.xsd, from
//! tests/tools/install-akn-validator.sh; skipped with a message locally when
//! they cannot be had, a failure under CI).

mod common;
mod discover_support;

use discover_support::*;

#[test]
fn the_akn_files_the_build_wrote_validate() {
    let built = build(None);
    let mut files = Vec::new();
    for source in &built.site.resolutions {
        let m = &source.resolution.meta;
        let path = format!("{}/akn.xml", m.symbol);
        let xml = built.text(&path);
        assert_eq!(xml, plenary::export::akn::to_xml(&source.resolution), "{path}: the export, unchanged");
        let root = parse_xml(&xml, &path);
        assert_eq!(root.name, "akomaNtoso");
        assert_eq!(root.children[0].attr("name"), "resolution", "{path}");
        let page = built.text(&format!("{}/index.html", m.symbol));
        assert!(page.contains("<a href=\"akn.xml\" type=\"application/akn+xml\">"), "{}: links akn.xml", m.symbol);
        assert!(page.contains("<link rel=\"alternate\" type=\"application/akn+xml\" href=\"akn.xml\">"));
        files.push(built.out.join(&path));
    }
    assert_eq!(files.len(), 20);
    common::akn_tools::assert_valid(&files);
}

#[test]
fn the_akn_files_read_back_into_the_same_resolutions() {
    let built = build(None);
    for source in &built.site.resolutions {
        let path = format!("{}/akn.xml", source.resolution.meta.symbol);
        let bytes = std::fs::read(built.out.join(&path)).unwrap();
        let back = plenary::ingest::import_any(&bytes, Some(std::path::Path::new(&path)))
            .unwrap_or_else(|e| panic!("{path}: {e}"))
            .resolution;
        assert_eq!(back, source.resolution, "{path}");
    }
}
