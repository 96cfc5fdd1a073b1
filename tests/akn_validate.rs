//! The Akoma Ntoso export of every corpus resolution (and of an edge-case model,
//! plus a hand-written AKN4UN fixture) validates against the OASIS
//! schema with zero errors (xmllint and `akomantoso30.xsd`, both fetched by
//! `tests/tools/install-akn-validator.sh`), and keeps the structural invariants
//! checked here in Rust: eIds are unique, every anchor id that has an eId appears
//! exactly once, every footnote appears once and every mark points at it.
//!
//! With `CI=true` a tool that cannot be installed fails the test; locally the
//! schema check is skipped with a message saying how to get the tools.

mod common;

use plenary::export::akn;
use plenary::model::{Inline, Node, Paragraph, Resolution, Text};
use std::collections::BTreeMap;
use std::path::Path;

fn file_name(res: &Resolution) -> String {
    format!("{}.xml", res.meta.symbol.replace('/', "_"))
}

#[test]
fn corpus_validates_against_the_akn_schema() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("akn-validate");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut files = Vec::new();
    for path in common::corpus_files() {
        let res = common::import(&path).resolution;
        let file = dir.join(file_name(&res));
        std::fs::write(&file, akn::to_xml(&res)).unwrap();
        files.push(file);
    }
    assert_eq!(files.len(), 20, "the corpus has 20 resolutions");
    // Also what the corpus does not exercise, and a document Plenary did not write.
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/akn");
    let edge: Resolution =
        serde_json::from_str(&std::fs::read_to_string(fixtures.join("edge-cases.json")).unwrap()).unwrap();
    let file = dir.join("edge-cases.xml");
    std::fs::write(&file, akn::to_xml(&edge)).unwrap();
    files.push(file);
    files.push(fixtures.join("akn4un-variant.xml"));
    // Shapes the corpus lacks, from the importer's own fixtures (other bodies, parts).
    let imports = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import");
    for name in ["in_parts.txt", "security_council.txt", "older_layout.txt", "economic_and_social_council.txt"] {
        let res = common::import(&imports.join(name)).resolution;
        let file = dir.join(name.replace(".txt", ".xml"));
        std::fs::write(&file, akn::to_xml(&res)).unwrap();
        files.push(file);
    }
    common::akn_tools::assert_valid(&files);
}

/// Every `attr="value"` in the document, per attribute name.
fn attribute_values(xml: &str, attr: &str) -> Vec<String> {
    let needle = format!(" {attr}=\"");
    xml.match_indices(&needle)
        .map(|(i, _)| {
            let rest = &xml[i + needle.len()..];
            rest[..rest.find('"').unwrap()].to_string()
        })
        .collect()
}

fn marks(res: &Resolution) -> BTreeMap<u32, usize> {
    fn text(t: &Text, out: &mut BTreeMap<u32, usize>) {
        for i in &t.0 {
            if let Inline::Note(n) = i {
                *out.entry(*n).or_default() += 1;
            }
        }
    }
    fn para(p: &Paragraph, out: &mut BTreeMap<u32, usize>) {
        text(&p.text, out);
        p.children.iter().for_each(|c| para(c, out));
    }
    fn nodes(list: &[Node], out: &mut BTreeMap<u32, usize>) {
        for n in list {
            match n {
                Node::Formula(b) | Node::Heading(b) | Node::Block(b) => text(&b.text, out),
                Node::Paragraph(p) => para(p, out),
                Node::Section(s) => {
                    if let Some(t) = &s.title {
                        text(t, out);
                    }
                    nodes(&s.body, out);
                }
            }
        }
    }
    let mut out = BTreeMap::new();
    nodes(&res.body, &mut out);
    for a in &res.annexes {
        if let Some(t) = &a.title {
            text(t, &mut out);
        }
        nodes(&a.body, &mut out);
    }
    out
}

#[test]
fn every_element_and_footnote_appears_once() {
    for path in common::corpus_files() {
        let res = common::import(&path).resolution;
        let xml = akn::to_xml(&res);
        let name = path.display();
        let eids = attribute_values(&xml, "eId");
        let mut seen = BTreeMap::new();
        for e in &eids {
            *seen.entry(e.as_str()).or_insert(0) += 1;
        }
        let dupes: Vec<_> = seen.iter().filter(|(_, &n)| n > 1).collect();
        assert!(dupes.is_empty(), "{name}: duplicate eIds {dupes:?}");
        for id in res.ids() {
            let eid = plenary::ids::akn_eid(&id).unwrap_or_else(|| panic!("{name}: {id} has no eId"));
            assert_eq!(seen.get(eid.as_str()), Some(&1), "{name}: eId {eid} of {id} must appear exactly once");
        }
        assert!(!xml.contains("plenary:id="), "{name}: every corpus id is recoverable from its eId");
        let marks = marks(&res);
        let markers = attribute_values(&xml, "marker");
        for note in &res.footnotes {
            let eid = format!("fnt_{}", note.n);
            assert_eq!(seen.get(eid.as_str()), Some(&1), "{name}: footnote {} must appear once", note.n);
            let expected = marks.get(&note.n).copied().unwrap_or(0).max(1);
            let found = markers.iter().filter(|m| **m == note.n.to_string()).count();
            assert_eq!(found, expected, "{name}: footnote {}: one note or reference per mark", note.n);
        }
    }
}
