//! The seed pair A/RES/61/183 (2006) and A/RES/57/174 (2002): `lineage::align`
//! measured against the hand-checked table in
//! tests/fixtures/lineage/61_183_vs_57_174.tsv, plus the facts the issue names.

mod common;

use plenary::lineage::{self, Alignment, DiffOp, Status};
use plenary::model::Resolution;

fn seed(name: &str) -> Resolution {
    common::import(&common::corpus_dir().join("seeds").join(name)).resolution
}

fn seeds() -> (Resolution, Resolution) {
    (seed("003_00d0252a0ce30ecc.txt"), seed("000_50aca019a9e180a1.txt"))
}

struct Row {
    current: String,
    expected: Option<String>,
    /// A rewritten successor: linking it is neither expected nor an error.
    rewritten: Option<String>,
}

fn table() -> Vec<Row> {
    let text = include_str!("fixtures/lineage/61_183_vs_57_174.tsv");
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            let id = |s: &str| (s != "-" && !s.is_empty()).then(|| s.trim_start_matches('~').to_string());
            Row { current: f[0].to_string(), expected: id(f[1]), rewritten: f.get(2).and_then(|s| id(s)) }
        })
        .collect()
}

struct Score {
    precision: f64,
    recall: f64,
    strict_precision: f64,
    mistakes: Vec<String>,
}

fn score(al: &Alignment, rows: &[Row]) -> Score {
    let (mut tp, mut predicted, mut expected, mut strict_predicted) = (0, 0, 0, 0);
    let mut mistakes = Vec::new();
    for row in rows {
        let got = al.status(&row.current).unwrap_or_else(|| panic!("{} not aligned", row.current)).previous();
        let got = got.map(str::to_string);
        expected += row.expected.is_some() as usize;
        strict_predicted += got.is_some() as usize;
        let excused = row.expected.is_none() && got.is_some() && got == row.rewritten;
        if got.is_some() && !excused {
            predicted += 1;
        }
        if got.is_some() && got == row.expected {
            tp += 1;
        } else if got != row.expected && !excused {
            mistakes.push(format!("{}: expected {:?}, got {:?}", row.current, row.expected, got));
        }
    }
    let ratio = |a: usize, b: usize| if b == 0 { 1.0 } else { a as f64 / b as f64 };
    Score {
        precision: ratio(tp, predicted),
        recall: ratio(tp, expected),
        strict_precision: ratio(tp, strict_predicted),
        mistakes,
    }
}

#[test]
fn table_lists_every_paragraph_of_61_183() {
    let (_, current) = seeds();
    let ids: Vec<String> = lineage::align(&current, &current).paragraphs.into_iter().map(|p| p.id).collect();
    let listed: Vec<String> = table().into_iter().map(|r| r.current).collect();
    assert_eq!(listed, ids);
}

#[test]
fn precision_and_recall_against_the_hand_checked_table() {
    let (previous, current) = seeds();
    let al = lineage::align(&previous, &current);
    let s = score(&al, &table());
    println!(
        "61/183 vs 57/174: precision {:.3}, recall {:.3} (strict precision, rewritten successors counted as errors: {:.3})",
        s.precision, s.recall, s.strict_precision
    );
    for m in &s.mistakes {
        println!("  {m}");
    }
    assert!(s.precision >= 0.95, "precision {:.3}", s.precision);
    assert!(s.recall >= 0.95, "recall {:.3}", s.recall);
}

#[test]
fn op1_repeats_i_op1_with_the_equal_rights_clause_added() {
    let (previous, current) = seeds();
    let al = lineage::align(&previous, &current);
    let Some(Status::Changed { previous: p, diff, .. }) = al.status("op1") else { panic!("op1 not changed") };
    assert_eq!(p, "I-op1");
    let inserted: String =
        diff.iter().filter_map(|d| if let DiffOp::Insert(s) = d { Some(s.as_str()) } else { None }).collect();
    assert!(inserted.contains("and on the basis of the principles of equal rights and mutual respect"), "{inserted}");
}

#[test]
fn op33_a_to_d_repeat_iv_op3_a_to_d_and_iv_op3e_is_removed() {
    let (previous, current) = seeds();
    let al = lineage::align(&previous, &current);
    for l in ["a", "b", "c", "d"] {
        let status = al.status(&format!("op33{l}")).unwrap();
        assert_eq!(status.previous(), Some(format!("IV-op3{l}").as_str()));
        assert!(status.similarity() >= 0.6, "op33{l}: {status:?}");
    }
    assert!(al.removed.iter().any(|r| r == "IV-op3e"), "{:?}", al.removed);
    assert!(matches!(al.status("op33g"), Some(Status::Unchanged { previous, .. }) if previous == "IV-op3g"));
}

#[test]
fn history_of_61_183_goes_back_to_57_174() {
    let (previous, current) = seeds();
    let h = lineage::history(&[&previous, &current]);
    let op33g = h.latest("op33g").unwrap();
    assert_eq!((&*op33g.origin.symbol, &*op33g.origin.id), ("A/RES/57/174", "IV-op3g"));
    assert_eq!((op33g.versions, op33g.edits.len()), (2, 0));
    let op36 = h.latest("op36").unwrap();
    assert_eq!((&*op36.origin.symbol, &*op36.origin.id), ("A/RES/61/183", "op36"));
    serde_json::to_string(&h).unwrap();
}

#[test]
#[ignore = "prints the alignment of the seeds"]
fn print_seed_alignment() {
    let (previous, current) = seeds();
    let al = lineage::align(&previous, &current);
    for p in &al.paragraphs {
        let moved = matches!(p.status, Status::Changed { moved: true, .. } | Status::Unchanged { moved: true, .. });
        println!(
            "{}\t{:?}\t{:.3}\t{}",
            p.id,
            p.status.previous(),
            p.status.similarity(),
            if moved { "moved" } else { "" }
        );
    }
    println!("removed {:?}\nsplits {:?}\nmerges {:?}", al.removed, al.splits, al.merges);
}

#[test]
#[ignore = "prints how many paragraphs of unrelated corpus resolutions get linked"]
fn print_links_between_unrelated_resolutions() {
    let files: Vec<_> = common::corpus_files().into_iter().filter(|p| p.to_string_lossy().contains("ga80")).collect();
    let res: Vec<Resolution> = files.iter().map(|f| common::import(f).resolution).collect();
    for w in res.windows(2) {
        let al = lineage::align(&w[0], &w[1]);
        for p in al.paragraphs.iter().filter(|p| p.status.previous().is_some()) {
            println!(
                "{} {} <- {} {:?} {:.3}",
                al.current,
                p.id,
                al.previous,
                p.status.previous(),
                p.status.similarity()
            );
        }
    }
}

#[test]
fn alignment_serialises_for_the_renderer() {
    let (previous, current) = seeds();
    let al = lineage::align(&previous, &current);
    let json = serde_json::to_value(&al).unwrap();
    let op33g = json["paragraphs"].as_array().unwrap().iter().find(|p| p["id"] == "op33g").unwrap();
    assert_eq!(op33g.to_string(), r#"{"id":"op33g","moved":false,"previous":"IV-op3g","status":"unchanged"}"#);
    let op1 = json["paragraphs"].as_array().unwrap().iter().find(|p| p["id"] == "op1").unwrap();
    assert_eq!(op1["status"], "changed");
    assert_eq!(op1["diff"][0]["op"], "equal");
    let back: Alignment = serde_json::from_value(json).unwrap();
    assert_eq!(back, al);
}
