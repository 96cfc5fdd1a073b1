//! `lineage::history` along a three-version series built by hand: language is traced
//! back through renumbering and edits, and starts afresh where a paragraph is new
//! or rewritten.

use plenary::lineage::{self, VersionRef};
use plenary::model::{Meta, Node, ParaKind, Paragraph, Resolution, Text};

fn version(symbol: &str, paras: &[(&str, &str)]) -> Resolution {
    let body = paras
        .iter()
        .map(|(id, text)| {
            Node::Paragraph(Paragraph {
                id: id.to_string(),
                kind: ParaKind::Operative,
                num: None,
                text: Text::plain(*text),
                children: vec![],
            })
        })
        .collect();
    Resolution { meta: Meta { symbol: symbol.into(), ..Meta::default() }, body, ..Resolution::default() }
}

const RATIFY: &str = "Urges all States to ratify or accede to the Single Convention on Narcotic Drugs of 1961 and to implement all its provisions;";
const RATIFY2: &str = "Urges States that have not done so to ratify or accede to the Single Convention on Narcotic Drugs of 1961 and to implement all its provisions;";
const REPORT: &str = "Requests the Secretary-General to submit to the General Assembly at its next session a report on the implementation of the present resolution.";
const REPORT2: &str = "Requests the Secretary-General to submit to the General Assembly at its following session a report on the implementation of the present resolution.";
const NEW: &str = "Welcomes the outcome of the Second Ministerial Conference on Drug Trafficking Routes from Afghanistan held in Moscow;";
const SHORT: &str =
    "Calls upon Member States to cooperate closely with one another in fighting illicit drug trafficking;";
const REWRITTEN: &str =
    "Encourages regional organizations to pool intelligence on smuggling networks and share seizure data;";

fn at(symbol: &str, id: &str) -> VersionRef {
    VersionRef { symbol: symbol.into(), id: id.into() }
}

#[test]
fn traces_language_back_along_the_series() {
    let v1 = version("A/RES/1/1", &[("op1", RATIFY), ("op2", SHORT), ("op3", REPORT)]);
    let v2 = version("A/RES/2/1", &[("op1", RATIFY2), ("op2", NEW), ("op3", REWRITTEN), ("op4", REPORT)]);
    let v3 = version("A/RES/3/1", &[("op1", NEW), ("op2", RATIFY2), ("op3", REWRITTEN), ("op4", REPORT2)]);
    let h = lineage::history(&[&v1, &v2, &v3]);
    assert_eq!(h.versions, ["A/RES/1/1", "A/RES/2/1", "A/RES/3/1"]);
    assert_eq!(h.alignments.len(), 2);

    let ratify = h.latest("op2").unwrap();
    assert_eq!(ratify.origin, at("A/RES/1/1", "op1"));
    assert_eq!(ratify.versions, 3);
    assert_eq!(ratify.edits, [at("A/RES/2/1", "op1")], "edited in version 2, only moved in version 3");

    assert_eq!(h.latest("op1").unwrap().origin, at("A/RES/2/1", "op2"), "moved, first seen in version 2");
    assert_eq!(h.latest("op3").unwrap().origin, at("A/RES/2/1", "op3"), "rewritten in version 2");
    let report = h.latest("op4").unwrap();
    assert_eq!((report.versions, &report.edits[..]), (3, &[at("A/RES/3/1", "op4")][..]));
    assert!(h.alignments[0].removed.contains(&"op2".to_string()), "{:?}", h.alignments[0].removed);
}

#[test]
fn a_single_version_is_its_own_origin() {
    let v1 = version("A/RES/1/1", &[("op1", RATIFY)]);
    let h = lineage::history(&[&v1]);
    assert!(h.alignments.is_empty());
    assert_eq!(h.latest("op1").unwrap().origin, at("A/RES/1/1", "op1"));
    assert!(lineage::history(&[]).paragraphs.is_empty());
}

#[test]
fn a_long_history_keeps_the_latest_edits_and_counts_the_rest() {
    let symbols: Vec<String> = (1..=12).map(|k| format!("A/RES/{k}/1")).collect();
    let texts: Vec<String> = (1..=12).map(|k| format!("{RATIFY} It met {k} times.")).collect();
    let versions: Vec<Resolution> =
        symbols.iter().zip(&texts).map(|(s, t)| version(s, &[("op1", t), ("op2", REPORT)])).collect();
    let chain: Vec<&Resolution> = versions.iter().collect();
    let h = lineage::history(&chain);
    let edited = h.latest("op1").unwrap();
    assert_eq!(edited.origin, at("A/RES/1/1", "op1"));
    assert_eq!(edited.versions, 12);
    let latest: Vec<_> = (8..=12).rev().map(|k| at(&format!("A/RES/{k}/1"), "op1")).collect();
    assert_eq!(edited.edits, latest);
    assert_eq!(edited.earlier_edits, 6, "edited in versions 2 to 7 too");
    let same = h.latest("op2").unwrap();
    assert_eq!((same.versions, same.edits.len(), same.earlier_edits), (12, 0, 0));
}
