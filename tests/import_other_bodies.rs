//! Security Council and Economic and Social Council resolutions follow the shape
//! of General Assembly ones with their own numbering, masthead and formula. The
//! fixtures are short texts laid out as those bodies' PDFs print them.

use plenary::model::{Node, Visit};

fn import(name: &str) -> plenary::ingest::Imported {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import").join(name);
    plenary::ingest::import(&std::fs::read(path).unwrap()).unwrap()
}

fn ids(res: &plenary::model::Resolution) -> Vec<String> {
    let mut out = Vec::new();
    res.visit(|v| {
        if let Visit::Paragraph(p) = v {
            out.push(p.id.clone());
        }
    });
    out
}

#[test]
fn security_council_resolution() {
    let imported = import("security_council.txt");
    assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
    let res = imported.resolution;
    assert_eq!(res.meta.symbol, "S/RES/1540(2004)");
    assert_eq!(res.meta.body, "Security Council");
    assert_eq!(res.meta.number, "1540 (2004)");
    assert_eq!(res.meta.adopted.as_deref(), Some("2004-04-28"));
    assert_eq!(res.meta.distributed.as_deref(), Some("2004-04-28"));
    let closing = res.closing.as_ref().expect("adoption line kept as the closing");
    assert_eq!((closing.meeting.as_str(), closing.date.as_str()), ("4956th meeting", "28 April 2004"));
    assert!(matches!(&res.body[0], Node::Formula(b) if b.text.to_plain() == "The Security Council,"));
    assert_eq!(ids(&res), ["pp1", "pp2", "pp3", "op1", "op2", "op2a", "op2b", "op3"]);
    assert_eq!(res.body.len(), 1 + 3 + 3, "formula, 3 preambular, 3 operative: no page number left as a heading");
}

#[test]
fn economic_and_social_council_resolution() {
    let imported = import("economic_and_social_council.txt");
    assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
    let res = imported.resolution;
    assert_eq!(res.meta.symbol, "E/RES/2006/32");
    assert_eq!(res.meta.body, "Economic and Social Council");
    assert_eq!(res.meta.title, "Support for the National Drug Control Strategy of the Government of Afghanistan");
    assert_eq!(res.meta.adopted.as_deref(), Some("2006-07-27"));
    assert_eq!(ids(&res), ["pp1", "pp2", "op1", "op2"]);
    assert_eq!(res.footnotes.len(), 1);
}

#[test]
fn older_layout_with_slash_marks_and_capitals() {
    let imported = import("older_layout.txt");
    assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
    let res = imported.resolution;
    assert_eq!(res.meta.symbol, "A/RES/48/13");
    assert_eq!(res.meta.distribution.as_deref(), Some("GENERAL"));
    assert_eq!(res.meta.distributed.as_deref(), Some("1994-01-20"));
    assert_eq!(res.meta.session.as_deref(), Some("Forty-eighth session"));
    assert_eq!(res.meta.committee.as_deref(), Some("First Committee"));
    assert_eq!(res.meta.report.as_deref(), Some("A/48/678"));
    assert_eq!(res.meta.adopted.as_deref(), Some("1993-12-16"));
    assert!(res.meta.title.ends_with("new systems of such weapons"), "{}", res.meta.title);
    assert_eq!(ids(&res), ["pp1", "pp2", "op1", "op2"]);
    assert_eq!(res.footnotes.len(), 2);
    assert_eq!(
        res.footnotes[0].text.to_plain(),
        "Official Records of the General Assembly, Forty-eighth Session, Supplement No. 27 (A/48/27)."
    );
    let mut refs = Vec::new();
    res.visit(|v| {
        if let Visit::Paragraph(p) = v {
            refs.extend(p.text.footnote_refs());
        }
    });
    assert_eq!(refs, [1, 2]);
}

#[test]
fn resolution_adopted_in_lettered_parts() {
    let imported = import("in_parts.txt");
    assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
    let res = imported.resolution;
    assert_eq!(res.meta.symbol, "A/RES/66/81");
    assert_eq!(
        res.meta.committee.as_deref(),
        Some("Special Political and Decolonization Committee (Fourth Committee)")
    );
    let parts: Vec<(String, String, Option<String>)> = res
        .body
        .iter()
        .filter_map(|n| match n {
            Node::Section(s) => Some((
                s.num.clone(),
                s.title.as_ref().map(|t| t.to_plain()).unwrap_or_default(),
                s.closing.as_ref().map(|c| c.meeting.clone()),
            )),
            _ => None,
        })
        .collect();
    assert_eq!(
        parts,
        [
            ("A".into(), "Information in the service of humanity".into(), Some("78th plenary meeting".into())),
            (
                "B".into(),
                "United Nations public information policies and activities".into(),
                Some("78th plenary meeting".into())
            ),
        ]
    );
    assert_eq!(ids(&res), ["A-pp1", "A-pp2", "A-op1", "B-pp1", "B-op1", "B-op2", "B-op2a", "B-op2b"]);
    assert!(res.closing.is_none(), "each part keeps its own closing");
    assert_eq!(res.meta.adopted.as_deref(), Some("2011-12-09"));
    let md = plenary::markdown::write(&res);
    assert!(md.contains("{#A-formula} *The General Assembly*,"), "{md}");
    assert!(md.contains("{#B-closing} 78th plenary meeting\\\n9 December 2011"), "{md}");
    assert_eq!(plenary::markdown::load(&md).unwrap(), res, "parts round-trip through Markdown");
}

#[test]
fn parts_round_trip_through_akoma_ntoso() {
    let res = import("in_parts.txt").resolution;
    let xml = plenary::export::akn::to_xml(&res);
    assert!(xml.contains("eId=\"sec_B__conclusions\""), "{xml}");
    let back = plenary::ingest::akn::import_akn(&xml).unwrap();
    assert_eq!(back, res);
}
