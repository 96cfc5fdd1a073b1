//! The two seed resolutions import with their exact structure: paragraph counts,
//! sections, sub-paragraphs, footnotes, and each footnote mark on the right word.

mod common;

use plenary::model::{Inline, Node, ParaKind, Paragraph, Resolution, Visit};

fn seed(name: &str) -> Resolution {
    let imported = common::import(&common::corpus_dir().join("seeds").join(name));
    assert!(imported.warnings.is_empty(), "{name}: {:?}", imported.warnings);
    imported.resolution
}

fn paragraphs(res: &Resolution) -> Vec<Paragraph> {
    let mut out = Vec::new();
    res.visit(|v| {
        if let Visit::Paragraph(p) = v {
            out.push(p.clone());
        }
    });
    out
}

fn count(res: &Resolution, kind: ParaKind) -> usize {
    paragraphs(res).iter().filter(|p| p.kind == kind).count()
}

fn sub_ids(res: &Resolution) -> Vec<String> {
    paragraphs(res).into_iter().filter(|p| p.kind == ParaKind::Sub).map(|p| p.id).collect()
}

/// The text immediately before each footnote mark, as `(mark, last word before it)`.
fn marks(res: &Resolution) -> Vec<(u32, String)> {
    let mut out = Vec::new();
    for p in paragraphs(res) {
        let mut before = String::new();
        for inline in &p.text.0 {
            match inline {
                Inline::Note(n) => {
                    let word = before.split_whitespace().last().unwrap_or("").to_string();
                    out.push((*n, word));
                }
                Inline::Plain(s) | Inline::Emph(s) | Inline::Strong(s) => before.push_str(s),
            }
        }
    }
    out
}

#[test]
fn a_res_61_183_structure() {
    let res = seed("000_50aca019a9e180a1.txt");
    assert_eq!(res.meta.symbol, "A/RES/61/183");
    assert_eq!(res.meta.title, "International cooperation against the world drug problem");
    assert_eq!(res.meta.session.as_deref(), Some("Sixty-first session"));
    assert_eq!(res.meta.distributed.as_deref(), Some("2007-03-13"));
    assert_eq!(res.meta.adopted.as_deref(), Some("2006-12-20"));
    assert_eq!(res.meta.committee.as_deref(), Some("Third Committee"));
    assert_eq!(res.meta.report.as_deref(), Some("A/61/445"));
    assert_eq!(res.meta.agenda_items[0].number, "99");
    assert_eq!(count(&res, ParaKind::Preambular), 10);
    assert_eq!(count(&res, ParaKind::Operative), 38);
    let subs = sub_ids(&res);
    let expected: Vec<String> = ["op7a", "op7b", "op12a", "op12b", "op12c", "op12d"]
        .into_iter()
        .map(String::from)
        .chain("abcdefghijkl".chars().map(|c| format!("op33{c}")))
        .collect();
    assert_eq!(subs, expected);
    assert_eq!(res.footnotes.len(), 18);
    assert_eq!(res.closing.as_ref().map(|c| c.meeting.as_str()), Some("82nd plenary meeting"));
    let marks = marks(&res);
    let first: Vec<(u32, String)> = marks.iter().filter(|(n, _)| *n <= 18).cloned().collect();
    let expect = |n: u32, word: &str| {
        assert!(first.iter().any(|(m, w)| *m == n && w == word), "mark {n} not after {word:?}: {first:?}");
    };
    expect(1, "Declaration,");
    expect(2, "Outcome");
    expect(3, "session");
    expect(4, "Drugs,");
    expect(7, "Development,");
    expect(10, "Protocol,");
    expect(11, "1971");
    expect(12, "1988;");
    expect(16, "2006,");
    expect(18, "Secretary-General,");
    // Marks repeated for the same document: 5, 6 (op5), 3 and 7 (op13, op20).
    for n in [3, 5, 6, 7] {
        assert!(marks.iter().filter(|(m, _)| *m == n).count() >= 2, "mark {n} repeated");
    }
    // Every footnote referenced at least once.
    for n in 1..=18 {
        assert!(marks.iter().any(|(m, _)| *m == n), "footnote {n} referenced");
    }
}

#[test]
fn a_res_57_174_structure() {
    let res = seed("003_00d0252a0ce30ecc.txt");
    assert_eq!(res.meta.symbol, "A/RES/57/174");
    assert_eq!(res.meta.adopted.as_deref(), Some("2002-12-18"));
    assert_eq!(count(&res, ParaKind::Preambular), 19);
    let sections: Vec<(String, usize)> = res
        .body
        .iter()
        .filter_map(|n| match n {
            Node::Section(s) => {
                Some((s.num.clone(), s.body.iter().filter(|n| matches!(n, Node::Paragraph(_))).count()))
            }
            _ => None,
        })
        .collect();
    assert_eq!(
        sections,
        vec![("I".into(), 3), ("II".into(), 23), ("III".into(), 5), ("IV".into(), 8)],
        "sections with their operative paragraphs"
    );
    let titles: Vec<String> = res
        .body
        .iter()
        .filter_map(|n| match n {
            Node::Section(s) => s.title.as_ref().map(|t| t.to_plain()),
            _ => None,
        })
        .collect();
    assert_eq!(titles[0], "Respect for the principles enshrined in the Charter of the United Nations and international law in countering the world drug problem");
    assert_eq!(titles[3], "United Nations International Drug Control Programme");
    assert_eq!(sub_ids(&res), (b'a'..=b'g').map(|c| format!("IV-op3{}", c as char)).collect::<Vec<_>>());
    assert_eq!(res.footnotes.len(), 25);
    let marks = marks(&res);
    let has = |n: u32, word: &str| marks.iter().any(|(m, w)| *m == n && w == word);
    assert!(has(9, "l961"), "l9619 is l961 + mark 9: {marks:?}");
    assert!(has(10, "1971"), "197110 is 1971 + mark 10");
    assert!(has(16, "2001"), "200116 is 2001 + mark 16");
    assert!(has(16, "44/16"), "44/1616 is 44/16 + mark 16");
    assert!(has(14, "l988;"), "l988;14");
    // 57/174 cites 3, 4, 7, 10 and 16 again.
    for n in [3, 4, 7, 10, 16] {
        assert!(marks.iter().filter(|(m, _)| *m == n).count() >= 2, "mark {n} repeated: {marks:?}");
    }
    for n in 1..=25 {
        assert!(marks.iter().any(|(m, _)| *m == n), "footnote {n} referenced");
    }
    let note11 = res.footnotes[10].text.to_plain();
    assert!(note11.contains("Vienna, 25 November–20 December 1988, vol. I"), "{note11}");
    assert!(note11.ends_with("Sales No. E.94.XI.5))."), "{note11}");
}
