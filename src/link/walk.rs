//! The texts of a resolution that may cite something, in the order the renderer
//! asks for their links: footnotes by number, then the body (formula,
//! paragraphs, headings, section titles) and the annexes in document order.
//!
//! **In**: a [`Resolution`]. **Out**: [`Element`]s: the anchor id, the text, a
//! short label as a reader would cite the place ("pp 3", "op 7 (a)",
//! "sect. II, op 5", "annex, para. 3", "fn 4") and where it stands (body,
//! which annex, footnote).

use crate::model::{Annex, Node, ParaKind, Paragraph, Resolution, Text};

/// One text of a resolution.
#[derive(Debug, Clone)]
pub struct Element<'a> {
    /// Anchor id of the element (`op7a`, `fn3`, `sec-II`).
    pub id: String,
    pub text: &'a Text,
    /// How a reader names the place: `pp 3`, `op 7 (a)`, `fn 4`.
    pub label: String,
    /// Where the element stands.
    pub place: Place<'a>,
}

/// Where an element stands in its resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Place<'a> {
    Footnote,
    Body,
    /// In the annex with this id (`annex`, `annex-II`).
    Annex(&'a str),
}

/// Every text element of `res`, footnotes first (by number), then body and annexes.
pub fn elements(res: &Resolution) -> Vec<Element<'_>> {
    let mut out = Vec::new();
    let mut notes: Vec<_> = res.footnotes.iter().collect();
    notes.sort_by_key(|n| n.n);
    for note in notes {
        out.push(Element {
            id: crate::ids::footnote(note.n),
            text: &note.text,
            label: format!("fn {}", note.n),
            place: Place::Footnote,
        });
    }
    let mut walker = Walker { out: &mut out };
    walker.nodes(&res.body, Place::Body, "");
    for annex in &res.annexes {
        walker.annex(annex);
    }
    out
}

struct Walker<'o, 'a> {
    out: &'o mut Vec<Element<'a>>,
}

impl<'a> Walker<'_, 'a> {
    fn push(&mut self, id: &str, text: &'a Text, label: String, place: Place<'a>) {
        self.out.push(Element { id: id.to_string(), text, label, place });
    }

    /// `scope` is the label prefix of the container ("annex II, ", "sect. II, ").
    fn nodes(&mut self, nodes: &'a [Node], place: Place<'a>, scope: &str) {
        for node in nodes {
            match node {
                Node::Formula(b) => self.push(&b.id, &b.text, "formula".into(), place),
                Node::Block(b) => self.push(&b.id, &b.text, format!("{scope}text {}", b.id), place),
                Node::Heading(b) => self.push(&b.id, &b.text, format!("{scope}heading"), place),
                Node::Paragraph(p) => self.paragraph(p, place, scope, None),
                Node::Section(s) => {
                    let section_scope = format!("{scope}sect. {}, ", s.num);
                    if let Some(title) = &s.title {
                        self.push(&s.id, title, format!("{scope}sect. {}", s.num), place);
                    }
                    // Paragraphs carry the section in their label only when their
                    // numbering restarts in it (their id says so: `II-op5`).
                    let restarts = first_paragraph_id(&s.body).is_some_and(|id| {
                        let local = match place {
                            Place::Annex(annex) => id.strip_prefix(annex).and_then(|r| r.strip_prefix('-')),
                            _ => Some(id),
                        };
                        local.is_some_and(|l| l.starts_with(&format!("{}-", s.num)))
                    });
                    let inner = if restarts { section_scope } else { scope.to_string() };
                    self.nodes(&s.body, place, &inner);
                }
            }
        }
    }

    fn paragraph(&mut self, p: &'a Paragraph, place: Place<'a>, scope: &str, parent: Option<&str>) {
        let number = p.num.clone().unwrap_or_else(|| trailing_digits(&p.id));
        let label = match (p.kind, parent) {
            (_, Some(parent)) => format!("{parent} ({number})"),
            (ParaKind::Preambular, None) => format!("{scope}pp {}", trailing_digits(&p.id)),
            (ParaKind::Operative, None) => format!("{scope}op {number}"),
            (ParaKind::Annex, None) => format!("{scope}para. {number}"),
            (_, None) if p.num.is_some() => format!("{scope}para. {number}"),
            (_, None) => format!("{scope}text {}", p.id),
        };
        self.push(&p.id, &p.text, label.clone(), place);
        for child in &p.children {
            self.paragraph(child, place, scope, Some(&label));
        }
    }

    fn annex(&mut self, annex: &'a Annex) {
        let mut chars = annex.label.chars();
        let name = match chars.next() {
            Some(c) => format!("{}{}", c.to_lowercase(), chars.as_str()),
            None => "annex".to_string(),
        };
        let place = Place::Annex(&annex.id);
        if let Some(title) = &annex.title {
            self.push(&annex.id, title, name.clone(), place);
        }
        self.nodes(&annex.body, place, &format!("{name}, "));
    }
}

fn first_paragraph_id(nodes: &[Node]) -> Option<&str> {
    nodes.iter().find_map(|n| match n {
        Node::Paragraph(p) => Some(p.id.as_str()),
        _ => None,
    })
}

fn trailing_digits(id: &str) -> String {
    let start = id.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    id[start..].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_and_order() {
        let md = "+++\nsymbol = \"A/RES/1/1\"\nbody = \"General Assembly\"\nnumber = \"1/1\"\ntitle = \"T\"\n+++\n\n\
                  {#formula} *The General Assembly*,\n\n{#pp1} *Recalling* x,[^1]\n\n\
                  ## II. Title {#sec-II}\n\n{#II-op1} 1. *Decides* y;\n\n{#II-op1a} (a) z;\n\n\
                  ## Annex {#annex}\n\n{#annex-p3} 3. w.\n\n[^1]: Note.\n";
        let res = crate::markdown::load(md).unwrap();
        let found: Vec<(String, String)> = elements(&res).into_iter().map(|e| (e.id, e.label)).collect();
        let expected = [
            ("fn1", "fn 1"),
            ("formula", "formula"),
            ("pp1", "pp 1"),
            ("sec-II", "sect. II"),
            ("II-op1", "sect. II, op 1"),
            ("II-op1a", "sect. II, op 1 (a)"),
            ("annex-p3", "annex, para. 3"),
        ];
        let expected: Vec<(String, String)> = expected.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
        assert_eq!(found, expected);
    }
}
