//! Model → Akoma Ntoso → model is the identity for every corpus resolution, the
//! export is deterministic, and `plenary import` of the exported XML writes the
//! same Markdown as importing the original text.

mod common;

use plenary::export::akn;
use plenary::ingest::akn::import_akn;
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
