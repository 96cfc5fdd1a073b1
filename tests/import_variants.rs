//! Metamorphic tests: the same resolution laid out differently imports to the same
//! model. Re-wrapping reflowed paragraphs at a narrow width (as raw PDF text is),
//! CRLF line ends, a BOM, NBSP instead of spaces and soft hyphens at line breaks
//! must change nothing but the input.

mod common;

use plenary::model::Resolution;

fn import_str(s: &str) -> Resolution {
    let imported = plenary::ingest::import(s.as_bytes()).expect("imports");
    assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
    imported.resolution
}

/// Wraps every line longer than `width` at spaces, as a PDF extractor breaks lines.
fn wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let mut current = String::new();
        for word in line.split(' ') {
            if !current.is_empty() && current.len() + 1 + word.len() > width {
                out.push_str(&current);
                out.push('\n');
                current.clear();
            }
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(word);
        }
        out.push_str(&current);
        out.push('\n');
    }
    out
}

fn reflowed_files() -> Vec<std::path::PathBuf> {
    common::corpus_files()
        .into_iter()
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            (11..=20).any(|n| name == format!("A_RES_80_{n}.txt"))
        })
        .collect()
}

#[test]
fn wrapping_reflowed_text_changes_nothing() {
    let files = reflowed_files();
    assert!(files.len() >= 10, "the reflowed files 80/11–80/20");
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let original = import_str(&text);
        for width in [72, 95] {
            let wrapped = import_str(&wrap(&text, width));
            assert_eq!(wrapped, original, "{} wrapped at {width}", path.display());
        }
    }
}

#[test]
fn line_ends_bom_and_fixed_spaces_change_nothing() {
    for path in common::corpus_files() {
        let text = std::fs::read_to_string(&path).unwrap();
        let original = import_str(&text);
        let crlf = format!("\u{feff}{}", text.replace('\n', "\r\n"));
        assert_eq!(import_str(&crlf), original, "{}: CRLF and BOM", path.display());
        let nbsp = text.replacen("The General Assembly,", "The\u{a0}General\u{a0}Assembly,", 1);
        assert_eq!(import_str(&nbsp), original, "{}: NBSP", path.display());
    }
}

#[test]
fn soft_hyphens_at_line_breaks_join_words() {
    let path = common::corpus_dir().join("seeds/000_50aca019a9e180a1.txt");
    let text = std::fs::read_to_string(&path).unwrap();
    let original = import_str(&text);
    let broken = text.replacen("Declaration,1 the provisions", "Decla\u{ad}\nration,1 the provisions", 1);
    assert_eq!(import_str(&broken), original);
}
