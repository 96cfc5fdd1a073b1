//! The fuzz targets' properties (fuzz/fuzz_targets/) over their committed seed
//! corpora and the inputs that once broke them (fuzz/regressions/), so that
//! `cargo test` keeps them fixed without a fuzzer: the importer and the Markdown
//! loader never panic, and what they produce survives Markdown write → load.

use plenary::{ingest, markdown};
use std::path::{Path, PathBuf};

fn inputs(target: &str) -> Vec<PathBuf> {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut files: Vec<PathBuf> = ["corpus", "regressions"]
        .iter()
        .filter_map(|d| std::fs::read_dir(fuzz.join(d).join(target)).ok())
        .flatten()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

#[test]
fn markdown_load_round_trips() {
    let files = inputs("markdown_load");
    assert!(files.len() >= 4, "{files:?}");
    for path in files {
        let src = std::fs::read_to_string(&path).unwrap();
        let Ok(res) = markdown::load(&src) else { continue };
        let md = markdown::write(&res);
        let again =
            markdown::load(&md).unwrap_or_else(|e| panic!("{}: written Markdown does not load: {e}", path.display()));
        assert_eq!(again, res, "{}: the model changed through write → load", path.display());
        assert_eq!(markdown::write(&again), md, "{}", path.display());
    }
}

#[test]
fn a_line_break_in_a_footnote_is_refused_with_its_line() {
    let src = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions/markdown_load/hard-break-in-footnote.md"),
    )
    .unwrap();
    let e = markdown::load(&src).unwrap_err();
    assert_eq!(e.line, 39, "{e}");
    assert!(e.message.contains("line breaks"), "{e}");
}

#[test]
fn import_never_panics_and_round_trips() {
    let files = inputs("import");
    assert!(files.len() >= 4, "{files:?}");
    for path in files {
        let bytes = std::fs::read(&path).unwrap();
        for hint in [None, Some(Path::new("input.xml"))] {
            if let Ok(imported) = ingest::import_any(&bytes, hint) {
                let md = markdown::write(&imported.resolution);
                if let Err(e) = markdown::load(&md) {
                    panic!("{}: the Markdown written for it does not load: {e}", path.display());
                }
            }
        }
    }
}

#[test]
fn strong_next_to_emphasis_round_trips() {
    use plenary::model::{Inline, Text};
    for inlines in [
        vec![Inline::Strong("a".into()), Inline::Emph("b".into())],
        vec![Inline::Emph("a".into()), Inline::Strong("b".into()), Inline::Plain(", c".into())],
        vec![Inline::Strong("a".into()), Inline::Emph("b".into()), Inline::Note(1)],
        vec![
            Inline::Plain("x ".into()),
            Inline::Strong("number".into()),
            Inline::Emph(";decides".into()),
            Inline::Plain("to".into()),
        ],
        vec![Inline::Strong("a".into()), Inline::Emph("b".into()), Inline::Strong("c".into())],
    ] {
        let text = Text(inlines);
        let md = format!("+++\nsymbol = \"A/RES/1/1\"\nbody = \"General Assembly\"\nnumber = \"1/1\"\ntitle = \"T\"\n+++\n\n{{#pp1}} {}\n\n[^1]: n\n", markdown::inlines(&text));
        let res = markdown::load(&md).unwrap_or_else(|e| panic!("{md}: {e}"));
        let plenary::model::Node::Paragraph(p) = &res.body[0] else { panic!("a paragraph") };
        assert_eq!(p.text, text, "{md}");
    }
}

#[test]
fn a_control_character_in_the_text_is_refused_with_its_place() {
    let src = "+++\nsymbol = \"A/RES/1/1\"\nbody = \"General Assembly\"\nnumber = \"1/1\"\ntitle = \"T\"\n+++\n\n{#pp1} *Recalling* its\u{8} resolution\n";
    let e = markdown::load(src).unwrap_err();
    assert_eq!((e.line, e.column), (8, Some(23)), "{e}");
    assert!(e.message.contains("U+0008"), "{e}");
    // C1 controls (U+0080 to U+009F) and DEL are refused too; other characters
    // written with the same first byte (U+00A0 to U+00BF) are text.
    for (control, column) in [('\u{85}', 23), ('\u{9f}', 23), ('\u{7f}', 23)] {
        let e = markdown::load(&src.replace('\u{8}', &control.to_string())).unwrap_err();
        assert_eq!((e.line, e.column), (8, Some(column)), "{e}");
        assert!(e.message.contains(&format!("U+{:04X}", control as u32)), "{e}");
    }
    assert!(markdown::load(&src.replace('\u{8}', "\u{a0}©¿")).is_ok());
    // Written as a reference it is text like any other, and is written back so.
    let res = markdown::load(&src.replace('\u{8}', "&#8;")).unwrap();
    assert!(markdown::write(&res).contains("its&#8; resolution"));
}
