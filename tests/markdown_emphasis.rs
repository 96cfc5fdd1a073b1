//! Emphasis and strong runs in every arrangement survive Markdown write → load:
//! side by side, against letters, punctuation, symbols and letters beyond ASCII,
//! footnote marks and escaped characters. Every text of up to three runs over a
//! small alphabet is tried, and longer ones are sampled by proptest.

use plenary::markdown;
use plenary::model::{Inline, Node, Text};
use proptest::prelude::*;

const PLAIN: &[&str] = &["a", ";", " ", "é", "€", "a;", ";a", "a ", " ;", "*", "\\", "_a", "Ⓐ", "1."];
const RUN: &[&str] = &["a", ";", "é", "€", "a;", ";a", "a b", "*", "’s", "Ⓐ"];

fn atoms() -> Vec<Inline> {
    let mut all: Vec<Inline> = PLAIN.iter().map(|s| Inline::Plain(s.to_string())).collect();
    all.extend(RUN.iter().map(|s| Inline::Emph(s.to_string())));
    all.extend(RUN.iter().map(|s| Inline::Strong(s.to_string())));
    all.push(Inline::Note(1));
    all
}

/// The text as the loader would hold it: neighbours of one kind merged.
fn text_of(inlines: &[Inline]) -> Text {
    let mut text = Text::default();
    for i in inlines {
        text.push(i.clone());
    }
    text
}

fn round_trips(text: &Text) -> Result<(), String> {
    let md = format!(
        "+++\nsymbol = \"A/RES/1/1\"\nbody = \"General Assembly\"\nnumber = \"1/1\"\ntitle = \"T\"\n+++\n\n{{#pp1}} x {} x\n\n[^1]: n\n",
        markdown::inlines(text)
    );
    let res = markdown::load(&md).map_err(|e| format!("{md}: {e}"))?;
    let Some(Node::Paragraph(p)) = res.body.first() else { return Err(format!("{md}: no paragraph")) };
    let mut expected = Text::default();
    expected.push(Inline::Plain("x ".into()));
    for i in &text.0 {
        expected.push(i.clone());
    }
    expected.push(Inline::Plain(" x".into()));
    if p.text != expected {
        return Err(format!("{md}\nread back as {:?}\nexpected     {:?}", p.text, expected));
    }
    Ok(())
}

#[test]
fn every_arrangement_of_up_to_three_runs_round_trips() {
    let atoms = atoms();
    let mut failures = Vec::new();
    let mut tried = 0;
    for a in &atoms {
        for b in &atoms {
            for c in &atoms {
                tried += 1;
                let text = text_of(&[a.clone(), b.clone(), c.clone()]);
                if let Err(e) = round_trips(&text) {
                    failures.push(e);
                }
            }
        }
    }
    assert!(tried > 30_000, "{tried}");
    assert!(failures.is_empty(), "{} of {tried} failed; first:\n{}", failures.len(), failures[0]);
}

#[test]
fn ordinary_emphasis_is_written_plainly() {
    let text = Text(vec![
        Inline::Emph("Recalling".into()),
        Inline::Plain(" its resolution 60/1, ".into()),
        Inline::Strong("decides".into()),
        Inline::Plain(", in ".into()),
        Inline::Emph("“The future”".into()),
        Inline::Plain(";".into()),
        Inline::Note(1),
    ]);
    assert_eq!(markdown::inlines(&text), "*Recalling* its resolution 60/1, **decides**, in *“The future”*;[^1]");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]
    #[test]
    fn longer_arrangements_round_trip(picks in proptest::collection::vec(0usize..35, 4..9)) {
        let atoms = atoms();
        let inlines: Vec<Inline> = picks.iter().map(|&i| atoms[i % atoms.len()].clone()).collect();
        let text = text_of(&inlines);
        prop_assert!(round_trips(&text).is_ok(), "{}", round_trips(&text).unwrap_err());
    }
}
