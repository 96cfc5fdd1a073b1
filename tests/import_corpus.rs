//! Invariants of the importer on every file of the corpus: no warnings, no text
//! lost or duplicated (the words of the input, page furniture removed, are exactly
//! the words of the output, footnote blocks aside), numbering without gaps, every
//! footnote referenced, no furniture inside a paragraph.

mod common;

use plenary::model::{Inline, Node, ParaKind, Paragraph, Resolution, Text, Visit};
use regex::Regex;

/// Letter runs and digit runs: marks glued to words or years split the same way on
/// both sides, so `Declaration,1` and `Declaration,` + mark 1 compare equal.
fn runs(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut kind = 0u8;
    for c in s.chars() {
        let k = if c.is_alphabetic() {
            1
        } else if c.is_ascii_digit() {
            2
        } else {
            0
        };
        if k != kind && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        if k != 0 {
            cur.push(c);
        }
        kind = k;
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// The text with each mark written back as its bare number, as extraction left it.
fn with_marks(text: &Text) -> String {
    text.0
        .iter()
        .map(|i| match i {
            Inline::Plain(s) | Inline::Emph(s) | Inline::Strong(s) => s.clone(),
            Inline::Note(n) => n.to_string(),
        })
        .collect()
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The input's body lines (from the title on) with page furniture removed.
fn input_body(raw: &str, res: &Resolution) -> Vec<String> {
    let job = Regex::new(r"^\d{2}-\d{5}(\s*\(E\))?$").unwrap();
    let barcode = Regex::new(r"^\*\d+\*$").unwrap();
    let counter = Regex::new(r"^\d+/\d+$").unwrap();
    let rule = Regex::new(r"^_{3,}$").unwrap();
    let lines: Vec<String> = raw.lines().map(|l| l.replace(['\u{a0}', '\u{ad}'], " ").trim().to_string()).collect();
    let title = squash(&res.meta.title);
    let start = lines.iter().position(|l| l.starts_with(&format!("{}.", res.meta.number))).expect("title line");
    let hard = |l: &str| {
        job.is_match(l) || barcode.is_match(l) || counter.is_match(l) || squash(l) == squash(&res.meta.symbol)
    };
    let mut out = Vec::new();
    for (i, l) in lines.iter().enumerate().skip(start) {
        let near = (i.saturating_sub(4)..(i + 5).min(lines.len())).any(|j| j != i && hard(&lines[j]));
        let prev = lines[..i].iter().rev().find(|p| !p.is_empty()).map(String::as_str).unwrap_or("");
        let s = squash(l);
        let running_title = i > start + 2
            && !s.is_empty()
            && ((s == title && !prev.starts_with("Annex")) || (near && s.chars().count() >= 8 && title.contains(&s)));
        if hard(l) || rule.is_match(l) || running_title {
            continue;
        }
        out.push(l.clone());
    }
    out
}

/// The output's body (title, text, closing, annexes) as runs, with each paragraph's
/// printed label; and each footnote as runs prefixed with its number.
fn output_runs(res: &Resolution) -> (Vec<String>, Vec<Vec<String>>) {
    let mut body = runs(&format!("{}. {}", res.meta.number, res.meta.title));
    fn paragraph(p: &Paragraph, out: &mut Vec<String>) {
        if let Some(n) = &p.num {
            out.extend(runs(n));
        }
        out.extend(runs(&with_marks(&p.text)));
        for c in &p.children {
            paragraph(c, out);
        }
    }
    fn nodes(list: &[Node], out: &mut Vec<String>) {
        for n in list {
            match n {
                Node::Formula(b) | Node::Heading(b) | Node::Block(b) => out.extend(runs(&with_marks(&b.text))),
                Node::Paragraph(p) => paragraph(p, out),
                Node::Section(s) => {
                    out.extend(runs(&s.num));
                    if let Some(t) = &s.title {
                        out.extend(runs(&with_marks(t)));
                    }
                    nodes(&s.body, out);
                }
            }
        }
    }
    nodes(&res.body, &mut body);
    if let Some(c) = &res.closing {
        body.extend(runs(&format!("{} {}", c.meeting, c.date)));
    }
    for a in &res.annexes {
        body.extend(runs(&a.label));
        if let Some(t) = &a.title {
            body.extend(runs(&with_marks(t)));
        }
        nodes(&a.body, &mut body);
    }
    let notes = res.footnotes.iter().map(|f| runs(&format!("{} {}", f.n, with_marks(&f.text)))).collect();
    (body, notes)
}

/// Walks the input words; each must be the next body word or open the next footnote
/// (taken whole). Sub-paragraph labels the extractor lost may be in the output only.
fn same_words(input: &[String], body: &[String], notes: &[Vec<String>]) -> Result<(), String> {
    let (mut i, mut j, mut k) = (0, 0, 0);
    let is_label = |w: &str| w.len() <= 4 && w.chars().all(|c| c.is_ascii_lowercase());
    while i < input.len() {
        if let Some(note) = notes.get(k) {
            if input[i..].starts_with(note) {
                i += note.len();
                k += 1;
                continue;
            }
        }
        if j < body.len() && input[i] == body[j] {
            i += 1;
            j += 1;
            continue;
        }
        if j < body.len() && is_label(&body[j]) {
            j += 1;
            continue;
        }
        let ctx = |v: &[String], at: usize| v[at.saturating_sub(6)..(at + 6).min(v.len())].join(" ");
        return Err(format!(
            "input word {i} {:?} (…{}…) ≠ output word {j} (…{}…)",
            input[i],
            ctx(input, i),
            ctx(body, j)
        ));
    }
    if j < body.len() {
        return Err(format!("output has words the input does not: {:?}", &body[j..(j + 10).min(body.len())]));
    }
    if k < notes.len() {
        return Err(format!("footnote {} not found in the input in order", k + 1));
    }
    Ok(())
}

#[test]
fn corpus_imports_cleanly_and_loses_nothing() {
    let files = common::corpus_files();
    assert!(files.len() >= 20, "corpus has its files");
    let mut failures = Vec::new();
    for path in &files {
        let name = path.display().to_string();
        let raw = std::fs::read_to_string(path).unwrap();
        let imported = common::import(path);
        let res = &imported.resolution;
        if !imported.warnings.is_empty() {
            failures.push(format!("{name}: warnings {:?}", imported.warnings));
        }
        let input: Vec<String> = input_body(&raw, res).iter().flat_map(|l| runs(l)).collect();
        let (body, notes) = output_runs(res);
        if let Err(e) = same_words(&input, &body, &notes) {
            failures.push(format!("{name}: {e}"));
        }
        failures.extend(invariants(res).into_iter().map(|e| format!("{name}: {e}")));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Numbering without gaps, every footnote referenced, no furniture in a paragraph.
fn invariants(res: &Resolution) -> Vec<String> {
    let mut errors = Vec::new();
    let furniture = Regex::new(r"\b\d{2}-\d{5}\b|\*\d{6,}\*").unwrap();
    let mut referenced = std::collections::BTreeSet::new();
    let mut last_op: Option<(String, u32)> = None;
    res.visit(|v| {
        let (id, text) = match v {
            Visit::Paragraph(p) => (p.id.clone(), &p.text),
            Visit::Heading(b) | Visit::Block(b) => (b.id.clone(), &b.text),
            _ => return,
        };
        referenced.extend(text.footnote_refs());
        let plain = text.to_plain();
        if furniture.is_match(&plain) || plain.contains(&res.meta.symbol) {
            errors.push(format!("{id}: page furniture inside the text: {plain}"));
        }
        if let Visit::Paragraph(p) = v {
            if matches!(p.kind, ParaKind::Operative | ParaKind::Annex) {
                if let Some(n) = p.num.as_deref().and_then(|n| n.parse::<u32>().ok()) {
                    let scope = id
                        .rsplit_once("op")
                        .or_else(|| id.rsplit_once('p'))
                        .map(|(s, _)| s.to_string())
                        .unwrap_or_default();
                    if let Some((prev_scope, prev)) = &last_op {
                        if *prev_scope == scope && n != prev + 1 {
                            errors.push(format!("{id}: {n} follows {prev}"));
                        }
                    }
                    last_op = Some((scope, n));
                }
            }
        }
    });
    for (i, f) in res.footnotes.iter().enumerate() {
        if f.n != i as u32 + 1 {
            errors.push(format!("footnote {} numbered {}", i + 1, f.n));
        }
        if !referenced.contains(&f.n) {
            errors.push(format!("footnote {} never referenced", f.n));
        }
    }
    errors
}

#[test]
fn the_word_check_catches_loss_and_duplication() {
    let path = common::corpus_dir().join("seeds/000_50aca019a9e180a1.txt");
    let raw = std::fs::read_to_string(&path).unwrap();
    let res = common::import(&path).resolution;
    let input: Vec<String> = input_body(&raw, &res).iter().flat_map(|l| runs(l)).collect();
    let (body, notes) = output_runs(&res);
    assert!(same_words(&input, &body, &notes).is_ok());
    let mut dropped_word = body.clone();
    dropped_word.remove(body.len() / 2);
    assert!(same_words(&input, &dropped_word, &notes).is_err(), "a lost word is caught");
    let mut doubled = body.clone();
    doubled.insert(body.len() / 3, body[body.len() / 3].clone());
    assert!(same_words(&input, &doubled, &notes).is_err(), "a duplicated word is caught");
    assert!(same_words(&input, &body, &notes[1..]).is_err(), "a lost footnote is caught");
    let mut lost_paragraph = res.clone();
    lost_paragraph.body.remove(5);
    let (body, notes) = output_runs(&lost_paragraph);
    assert!(same_words(&input, &body, &notes).is_err(), "a lost paragraph is caught");
}
