//! Properties of `lineage`: the word diff gives back both texts; a resolution aligned
//! with itself is all unchanged; arbitrary pairs of resolutions align without panic
//! and with a consistent result.

use plenary::lineage::{self, DiffOp, Status};
use plenary::model::{Meta, Node, ParaKind, Paragraph, Resolution, Text};
use proptest::prelude::*;
use std::collections::HashSet;

fn rebuild(ops: &[DiffOp]) -> (String, String) {
    let (mut old, mut new) = (String::new(), String::new());
    for op in ops {
        match op {
            DiffOp::Equal(s) => {
                old.push_str(s);
                new.push_str(s);
            }
            DiffOp::Delete(s) => old.push_str(s),
            DiffOp::Insert(s) => new.push_str(s),
        }
    }
    (old, new)
}

/// Texts from a small vocabulary, so that versions share words and phrases.
fn wordy() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::sample::select(vec!["the", "States", "Urges", "drug", "and", ",", ";", " ", "  ", "\n", "“", "é", "to"]),
        0..40,
    )
    .prop_map(|w| w.iter().enumerate().map(|(i, w)| if i % 2 == 1 { format!(" {w}") } else { w.to_string() }).collect())
}

fn paragraph(id: String, kind: ParaKind, text: String, children: Vec<(String, String)>) -> Paragraph {
    Paragraph {
        id: id.clone(),
        kind,
        num: None,
        text: Text::plain(text),
        children: children
            .into_iter()
            .map(|(l, t)| Paragraph {
                id: format!("{id}{l}"),
                kind: ParaKind::Sub,
                num: None,
                text: Text::plain(t),
                children: vec![],
            })
            .collect(),
    }
}

fn resolution() -> impl Strategy<Value = Resolution> {
    let para = (wordy(), prop::collection::vec(wordy(), 0..3), any::<bool>());
    prop::collection::vec(para, 0..12).prop_map(|ps| {
        let body = ps
            .into_iter()
            .enumerate()
            .map(|(i, (text, subs, pre))| {
                let kind = if pre { ParaKind::Preambular } else { ParaKind::Operative };
                let subs =
                    subs.into_iter().enumerate().map(|(j, t)| (((b'a' + j as u8) as char).to_string(), t)).collect();
                Node::Paragraph(paragraph(format!("p{i}"), kind, text, subs))
            })
            .collect();
        Resolution { meta: Meta { symbol: "A/RES/1/1".into(), ..Meta::default() }, body, ..Resolution::default() }
    })
}

fn ids(res: &Resolution) -> Vec<String> {
    let mut out = Vec::new();
    res.visit(|v| {
        if let plenary::model::Visit::Paragraph(p) = v {
            out.push(p.id.clone())
        }
    });
    out
}

proptest! {
    #[test]
    fn diff_gives_back_both_texts(old in wordy(), new in wordy()) {
        let ops = lineage::diff_words(&old, &new);
        prop_assert_eq!(rebuild(&ops), (old, new));
        prop_assert!(ops.iter().all(|o| !matches!(o, DiffOp::Equal(s) | DiffOp::Delete(s) | DiffOp::Insert(s) if s.is_empty())));
    }

    #[test]
    fn diff_gives_back_arbitrary_unicode(old in "\\PC{0,80}", new in "\\PC{0,80}") {
        prop_assert_eq!(rebuild(&lineage::diff_words(&old, &new)), (old, new));
    }

    #[test]
    fn a_resolution_aligned_with_itself_is_unchanged(res in resolution()) {
        let al = lineage::align(&res, &res);
        prop_assert!(al.removed.is_empty());
        for p in &al.paragraphs {
            prop_assert!(matches!(&p.status, Status::Unchanged { previous, moved: false } if *previous == p.id), "{:?}", p);
        }
    }

    #[test]
    fn any_two_resolutions_align_consistently(a in resolution(), b in resolution()) {
        let al = lineage::align(&a, &b);
        let (pa, pb) = (ids(&a), ids(&b));
        prop_assert_eq!(al.paragraphs.iter().map(|p| p.id.clone()).collect::<Vec<_>>(), pb.clone());
        let known: HashSet<&String> = pa.iter().collect();
        let mut seen: HashSet<String> = al.removed.iter().cloned().collect();
        for p in &al.paragraphs {
            if let Some(prev) = p.status.previous() {
                prop_assert!(known.contains(&prev.to_string()));
                seen.insert(prev.to_string());
            }
            let s = p.status.similarity();
            prop_assert!((0.0..=1.0).contains(&s));
        }
        for m in &al.merges {
            seen.extend(m.previous.iter().cloned());
        }
        prop_assert_eq!(seen.len(), pa.len());
        let rows_prev: HashSet<&String> = al.rows.iter().filter_map(|r| r.previous.as_ref()).collect();
        prop_assert_eq!(rows_prev.len(), pa.len());
        prop_assert_eq!(al.rows.iter().filter(|r| r.current.is_some()).count(), pb.len());
        lineage::history(&[&a, &b, &a]);
    }
}
