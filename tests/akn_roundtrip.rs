//! Model → Akoma Ntoso → model is the identity for every corpus resolution, the
//! export is deterministic, and `plenary import` of the exported XML writes the
//! same Markdown as importing the original text.

mod common;

use plenary::export::akn;
use plenary::ingest::akn::import_akn;
use plenary::model::Resolution;
use std::path::Path;
use std::process::Command;

#[test]
fn corpus_round_trips_through_akn() {
    for path in common::corpus_files() {
        let res = common::import(&path).resolution;
        let xml = akn::to_xml(&res);
        let back = import_akn(&xml).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(back, res, "{}: the model read back from AKN differs", path.display());
        assert_eq!(akn::to_xml(&back), xml, "{}: the export is not stable", path.display());
    }
}

fn files_under(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<_> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().to_string_lossy().into_owned();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect();
    out.sort();
    out
}

fn plenary(args: &[&Path]) {
    let out = Command::new(env!("CARGO_BIN_EXE_plenary")).arg("import").arg("-q").args(args).output().unwrap();
    assert!(out.status.success(), "plenary import failed:\n{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn import_command_reads_akn_like_text() {
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR")).join("akn-roundtrip");
    let _ = std::fs::remove_dir_all(&tmp);
    let (xml_dir, from_text, from_xml) = (tmp.join("xml"), tmp.join("from-text"), tmp.join("from-xml"));
    std::fs::create_dir_all(&xml_dir).unwrap();
    for path in common::corpus_files() {
        let res = common::import(&path).resolution;
        let name = format!("{}.xml", res.meta.symbol.replace('/', "_"));
        std::fs::write(xml_dir.join(name), akn::to_xml(&res)).unwrap();
    }
    plenary(&[&common::corpus_dir(), Path::new("--out"), &from_text]);
    plenary(&[&xml_dir, Path::new("--out"), &from_xml]);
    let (a, b) = (files_under(&from_text), files_under(&from_xml));
    assert_eq!(a.len(), 20);
    assert_eq!(a.iter().map(|f| &f.0).collect::<Vec<_>>(), b.iter().map(|f| &f.0).collect::<Vec<_>>());
    for ((name, x), (_, y)) in a.iter().zip(&b) {
        assert!(x == y, "{name}: Markdown from AKN differs from Markdown from text");
    }
}

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/akn").join(name)
}

/// A model built to exercise what the corpus does not: ids without eIds, kinds
/// that differ from their ids, an empty annex, deep preamble lists, unmarked and
/// missing footnotes, characters XML must escape, editor data.
fn edge_cases() -> Resolution {
    let json = std::fs::read_to_string(fixture("edge-cases.json")).unwrap();
    serde_json::from_str(&json).unwrap()
}

#[test]
fn edge_cases_round_trip() {
    let res = edge_cases();
    let xml = akn::to_xml(&res);
    assert!(xml.contains(r#"eId="plenary_odd_id_" plenary:id="odd id!" plenary:kind="text""#), "{xml}");
    assert!(xml.contains(r#"<note eId="fnt_3" marker="3" placement="bottom">"#));
    assert!(xml.contains(r##"<noteRef marker="9" href="#fnt_9"/>"##));
    assert!(xml.contains("&#13;"), "a carriage return survives as a reference");
    let back = import_akn(&xml).unwrap_or_else(|e| panic!("{e}\n{xml}"));
    assert_eq!(back, res, "{xml}");
}

#[test]
fn reads_akn4un_documents_not_written_by_plenary() {
    let xml = std::fs::read_to_string(fixture("akn4un-variant.xml")).unwrap();
    let res = import_akn(&xml).unwrap();
    let m = &res.meta;
    assert_eq!((m.symbol.as_str(), m.number.as_str(), m.body.as_str()), ("A/RES/61/183", "61/183", "General Assembly"));
    assert_eq!(m.title, "International cooperation against the world drug problem");
    assert_eq!(m.session.as_deref(), Some("Sixty-first session"));
    assert_eq!(m.distributed.as_deref(), Some("2007-03-13"));
    assert_eq!(m.adopted.as_deref(), Some("2006-12-20"));
    let closing = res.closing.as_ref().unwrap();
    assert_eq!((closing.meeting.as_str(), closing.date.as_str()), ("82nd plenary meeting", "20 December 2006"));
    let ids = res.ids();
    assert_eq!(ids, ["formula", "pp1", "pp2", "op1", "op2", "op2a", "op2b", "sec-II", "op3", "fn1", "closing"]);
    assert_eq!(res.footnotes.len(), 1);
    assert_eq!(res.footnotes[0].text.to_plain(), "See resolution 60/178.");
    let md = plenary::markdown::write(&res);
    assert!(md.contains("*Recalling* its resolution 60/178,[^1]"), "{md}");
    assert!(md.contains("{#op2b} (b) to report"), "{md}");
}

#[test]
fn ids_stated_twice_are_made_unique_and_the_markdown_loads() {
    let xml = std::fs::read_to_string(fixture("akn4un-variant.xml")).unwrap();
    let section = &xml[xml.find("<section").unwrap()..xml.find("</mainBody>").unwrap()];
    let xml = xml
        .replace("<paragraph eId=\"para_1\">", "<paragraph eId=\"para_2\">")
        .replace("<recital>", "<recital eId=\"preamble__recital_1\">")
        .replace("</mainBody>", &format!("{section}</mainBody>"));
    let res = import_akn(&xml).unwrap();
    let ids = res.ids();
    let unique: std::collections::BTreeSet<_> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "{ids:?}");
    assert!(ids.contains(&"op2_2".to_string()) && ids.contains(&"op2_2a".to_string()), "{ids:?}");
    let md = plenary::markdown::write(&res);
    let back = plenary::markdown::load(&md).unwrap_or_else(|e| panic!("{e}\n{md}"));
    assert_eq!(back, res);
}

#[test]
fn a_shape_the_model_cannot_hold_is_an_error_not_a_broken_file() {
    let xml = std::fs::read_to_string(fixture("akn4un-variant.xml")).unwrap();
    let xml = xml.replace("<num>3.</num>", "<num>3 x</num>");
    assert!(xml.contains("3 x"));
    // A paragraph numbered `3 x` would get the id `op3 x`, which no paragraph may have.
    let e = plenary::ingest::import_any(xml.as_bytes(), Some(std::path::Path::new("x.xml"))).unwrap_err();
    assert!(e.to_string().contains("does not fit Plenary's model") && e.to_string().contains("op3 x"), "{e}");
}

#[test]
fn bad_xml_is_an_error_with_a_line() {
    let err = import_akn("<akomaNtoso>\n<statement>\n<mainBody></statement>\n</akomaNtoso>").unwrap_err();
    assert_eq!(err.line, 3, "{err}");
    let err = plenary::ingest::import_any(b"<?xml version=\"1.0\"?>\n<html/>", None).unwrap_err();
    assert!(err.to_string().contains("not an Akoma Ntoso document"), "{err}");
}

mod no_panic {
    use super::*;
    use proptest::prelude::*;

    fn sample() -> &'static str {
        static XML: std::sync::OnceLock<String> = std::sync::OnceLock::new();
        XML.get_or_init(|| {
            let mut xml = akn::to_xml(&edge_cases());
            xml.push_str(&std::fs::read_to_string(fixture("akn4un-variant.xml")).unwrap());
            xml
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

        /// Cutting, splicing or garbling an AKN document gives a model or an
        /// error, never a panic.
        #[test]
        fn damaged_documents_do_not_panic(cut in 0usize..20_000, len in 0usize..400, junk in "[<>/=\"&;a-zA-Z0-9 #_]{0,12}") {
            let xml = sample();
            let boundary = |i: usize| (0..=i.min(xml.len())).rev().find(|&j| xml.is_char_boundary(j)).unwrap_or(0);
            let (a, b) = (boundary(cut), boundary(cut.saturating_add(len)));
            let damaged = format!("{}{junk}{}", &xml[..a], &xml[b..]);
            let _ = import_akn(&damaged);
            let _ = import_akn(&xml[..a]);
        }
    }
}
