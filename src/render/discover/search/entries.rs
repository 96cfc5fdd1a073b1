//! The searchable units of a resolution: its title, and every paragraph,
//! sub-paragraph, heading, section and annex title, unclassified block and
//! footnote, each with the anchor a result opens at and a label a reader
//! recognises (`Paragraph 33 (g)`, `Section II, paragraph 5`, `Annex, paragraph 3`,
//! `Note 4`).
//!
//! **In**: a [`Resolution`]. **Out**: [`Entry`]s in document order.

use crate::ids;
use crate::model::{Annex, Node, ParaKind, Paragraph, Resolution};

/// One searchable unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Fragment id on the resolution page; empty for the title (the page top).
    pub anchor: String,
    pub label: String,
    /// Plain text, without markup or footnote marks.
    pub text: String,
}

/// Every searchable unit of `res`, in document order (title first, notes last).
pub fn entries(res: &Resolution) -> Vec<Entry> {
    let m = &res.meta;
    let mut out = vec![Entry {
        anchor: String::new(),
        label: "Title".into(),
        text: format!("{} {} {}", m.symbol, m.number, m.title).trim().to_string(),
    }];
    nodes(&mut out, &res.body, "");
    for annex in &res.annexes {
        annex_entries(&mut out, annex);
    }
    for note in &res.footnotes {
        push(&mut out, &ids::footnote(note.n), format!("Note {}", note.n), note.text.to_plain());
    }
    out
}

fn push(out: &mut Vec<Entry>, anchor: &str, label: String, text: String) {
    if !text.trim().is_empty() {
        out.push(Entry { anchor: anchor.to_string(), label, text });
    }
}

fn annex_entries(out: &mut Vec<Entry>, annex: &Annex) {
    if let Some(t) = &annex.title {
        push(out, &annex.id, annex.label.clone(), t.to_plain());
    }
    nodes(out, &annex.body, &format!("{}, ", annex.label));
}

/// `scope` prefixes labels inside annexes and sections: `Annex II, `.
fn nodes(out: &mut Vec<Entry>, list: &[Node], scope: &str) {
    for node in list {
        match node {
            Node::Formula(_) => {}
            Node::Heading(b) => push(out, &b.id, format!("{scope}Heading"), b.text.to_plain()),
            Node::Block(b) => push(out, &b.id, format!("{scope}Text"), b.text.to_plain()),
            Node::Paragraph(p) => paragraph(out, p, &capitalised(scope, "paragraph")),
            Node::Section(s) => {
                let label = capitalised(scope, &format!("section {}", s.num));
                if let Some(t) = &s.title {
                    push(out, &s.id, label.clone(), t.to_plain());
                }
                nodes(out, &s.body, &format!("{label}, "));
            }
        }
    }
}

/// `paragraph` after a scope (`Annex, paragraph`), or capitalised alone (`Paragraph`).
fn capitalised(scope: &str, word: &str) -> String {
    if !scope.is_empty() {
        return format!("{scope}{word}");
    }
    let mut c = word.chars();
    c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default()
}

fn paragraph(out: &mut Vec<Entry>, p: &Paragraph, base: &str) {
    let label = match (p.kind, p.num.as_deref()) {
        (ParaKind::Preambular, _) => {
            let digits: String = p.id.chars().rev().take_while(|c| c.is_ascii_digit()).collect();
            let n: String = digits.chars().rev().collect();
            format!("Preambular paragraph {n}")
        }
        (_, Some(n)) => format!("{base} {n}"),
        (_, None) => base.to_string(),
    };
    push(out, &p.id, label.clone(), p.text.to_plain());
    for child in &p.children {
        sub_paragraph(out, child, &label);
    }
}

fn sub_paragraph(out: &mut Vec<Entry>, p: &Paragraph, parent: &str) {
    let label = match p.num.as_deref() {
        Some(n) => format!("{parent} ({n})"),
        None => parent.to_string(),
    };
    push(out, &p.id, label.clone(), p.text.to_plain());
    for child in &p.children {
        sub_paragraph(out, child, &label);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Meta, Text};

    fn para(id: &str, kind: ParaKind, num: Option<&str>, text: &str, children: Vec<Paragraph>) -> Paragraph {
        Paragraph { id: id.into(), kind, num: num.map(str::to_string), text: Text::plain(text), children }
    }

    #[test]
    fn labels_follow_the_structure() {
        let sub = para("op7a-ii", ParaKind::Sub, Some("ii"), "deeper", vec![]);
        let res = Resolution {
            meta: Meta { symbol: "A/RES/1/2".into(), number: "1/2".into(), title: "T".into(), ..Meta::default() },
            body: vec![
                Node::Paragraph(para("pp3", ParaKind::Preambular, None, "Recalling", vec![])),
                Node::Paragraph(para(
                    "op7",
                    ParaKind::Operative,
                    Some("7"),
                    "Urges",
                    vec![para("op7a", ParaKind::Sub, Some("a"), "first", vec![sub])],
                )),
            ],
            ..Resolution::default()
        };
        let got: Vec<(String, String)> = entries(&res).into_iter().map(|e| (e.anchor, e.label)).collect();
        let want = [
            ("", "Title"),
            ("pp3", "Preambular paragraph 3"),
            ("op7", "Paragraph 7"),
            ("op7a", "Paragraph 7 (a)"),
            ("op7a-ii", "Paragraph 7 (a) (ii)"),
        ];
        assert_eq!(got, want.map(|(a, l)| (a.to_string(), l.to_string())));
    }
}
