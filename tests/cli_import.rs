//! `plenary import` as a user runs it: a batch over the corpus, JSON output, and
//! clear errors for inputs that are not resolutions, without stopping the batch.

mod common;

use std::path::Path;
use std::process::{Command, Output};

fn plenary(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_plenary")).args(args).current_dir(dir).output().expect("plenary runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn imports_the_corpus_into_one_file_per_symbol() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = common::corpus_dir();
    let out = plenary(&["import", corpus.to_str().unwrap(), "--out", "content"], tmp.path());
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("imported 20 of 20 files, 0 failed, 0 warnings"), "{}", stderr(&out));
    let md = std::fs::read_to_string(tmp.path().join("content/A/RES/61/183.md")).unwrap();
    assert!(md.starts_with("+++\nsymbol = \"A/RES/61/183\""));
    assert!(md.contains("{#op33l} (l) To report annually"));
    assert!(tmp.path().join("content/A/RES/80/11.md").is_file());
}

#[test]
fn prints_the_model_as_json() {
    let tmp = tempfile::tempdir().unwrap();
    let seed = common::corpus_dir().join("seeds/000_50aca019a9e180a1.txt");
    let out = plenary(&["import", "--format", "json", seed.to_str().unwrap()], tmp.path());
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert_eq!(json["kind"], "resolution");
    assert_eq!(json["id"], "A/RES/61/183");
    let children = json["children"].as_array().unwrap();
    let pp1 = children.iter().find(|c| c["id"] == "pp1").unwrap();
    assert_eq!(pp1["kind"], "preambular");
    assert!(pp1["text"]
        .as_str()
        .unwrap()
        .starts_with("Recalling the United Nations Millennium Declaration, the provisions"));
    assert_eq!(pp1["footnote_refs"], serde_json::json!([1, 2]));
    let op7 = children.iter().find(|c| c["id"] == "op7").unwrap();
    assert_eq!(op7["children"][0]["id"], "op7a");
    assert!(!tmp.path().join("content").exists(), "JSON mode writes no files");
}

#[test]
fn bad_inputs_fail_clearly_and_the_batch_goes_on() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("in");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("a_empty.txt"), "").unwrap();
    std::fs::write(dir.join("b_latin1.txt"), b"United Nations\n61/183. Caf\xe9 resolution\n").unwrap();
    std::fs::write(dir.join("c_binary.txt"), [0x7f, b'E', b'L', b'F', 0, 0, 1, 2]).unwrap();
    std::fs::write(dir.join("d_prose.txt"), "Just some text.\nNo resolution here.\n").unwrap();
    let big = std::fs::File::create(dir.join("e_big.txt")).unwrap();
    big.set_len(50 * 1024 * 1024 + 1).unwrap();
    std::fs::copy(common::corpus_dir().join("seeds/000_50aca019a9e180a1.txt"), dir.join("f_good.txt")).unwrap();
    std::fs::copy(common::corpus_dir().join("seeds/000_50aca019a9e180a1.txt"), dir.join("g_same_symbol.txt")).unwrap();
    let out = plenary(&["import", "in", "--out", "content"], tmp.path());
    let err = stderr(&out);
    assert!(!out.status.success(), "a failed file makes the run fail");
    assert!(err.contains("a_empty.txt: the file is empty"), "{err}");
    assert!(err.contains("b_latin1.txt: not UTF-8 text: invalid byte at offset 26 (line 2)"), "{err}");
    assert!(err.contains("c_binary.txt: not a text file: binary data at byte 4"), "{err}");
    assert!(err.contains("d_prose.txt: no resolution found"), "{err}");
    assert!(err.contains("e_big.txt: the file is 52428801 bytes, more than the 52428800-byte limit"), "{err}");
    assert!(err.contains("g_same_symbol.txt: symbol A/RES/61/183 was already imported from"), "{err}");
    assert!(err.contains("imported 1 of 7 files, 6 failed"), "{err}");
    assert!(tmp.path().join("content/A/RES/61/183.md").is_file(), "the good file is still written");
}

#[test]
fn a_truncated_resolution_keeps_what_is_there_and_says_what_is_missing() {
    let tmp = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(common::corpus_dir().join("seeds/000_50aca019a9e180a1.txt")).unwrap();
    let cut: String = text.lines().take(60).collect::<Vec<_>>().join("\n");
    std::fs::write(tmp.path().join("cut.txt"), cut).unwrap();
    let out = plenary(&["import", "cut.txt", "--out", "content"], tmp.path());
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("cut.txt:"), "warnings name the file: {err}");
    assert!(err.contains("no closing line"), "{err}");
    let md = std::fs::read_to_string(tmp.path().join("content/A/RES/61/183.md")).unwrap();
    assert!(md.contains("{#pp4} *Gravely concerned*"));
}
