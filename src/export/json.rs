//! The JSON export: a tree whose structural nodes are objects with `kind`, `id`
//! and, where they hold text, `text` (plain, no markup, footnote marks removed) and
//! `footnote_refs` (mark numbers, in order). Written as `<symbol>/index.json` in the
//! site and by `plenary import --format json`.

use crate::model::{Node, ParaKind, Paragraph, Resolution, Text};
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct JsonNode {
    pub kind: &'static str,
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub num: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub footnote_refs: Option<Vec<u32>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub meta: Option<serde_json::Value>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<JsonNode>,
}

impl JsonNode {
    fn new(kind: &'static str, id: impl Into<String>) -> Self {
        JsonNode { kind, id: id.into(), num: None, text: None, footnote_refs: None, meta: None, children: Vec::new() }
    }

    fn with_text(mut self, text: &Text) -> Self {
        self.text = Some(text.to_plain());
        self.footnote_refs = Some(text.footnote_refs());
        self
    }
}

/// The resolution as a JSON tree.
pub fn tree(res: &Resolution) -> JsonNode {
    let mut root = JsonNode::new("resolution", res.meta.symbol.clone());
    root.meta = serde_json::to_value(&res.meta).ok();
    root.children = nodes(&res.body);
    if let Some(closing) = &res.closing {
        let mut node = JsonNode::new("closing", crate::ids::CLOSING);
        node.text = Some(format!("{}\n{}", closing.meeting, closing.date));
        root.children.push(node);
    }
    for annex in &res.annexes {
        let mut node = JsonNode::new("annex", annex.id.clone());
        node.num = Some(annex.label.clone());
        if let Some(title) = &annex.title {
            node = node.with_text(title);
        }
        node.children = nodes(&annex.body);
        root.children.push(node);
    }
    for note in &res.footnotes {
        let mut node = JsonNode::new("footnote", crate::ids::footnote(note.n)).with_text(&note.text);
        node.num = Some(note.n.to_string());
        root.children.push(node);
    }
    root
}

/// Pretty-printed JSON of the tree, with a final newline.
pub fn to_string(res: &Resolution) -> String {
    let mut s = serde_json::to_string_pretty(&tree(res)).expect("the JSON tree always serializes");
    s.push('\n');
    s
}

fn nodes(list: &[Node]) -> Vec<JsonNode> {
    list.iter()
        .map(|node| match node {
            Node::Formula(b) => JsonNode::new("formula", b.id.clone()).with_text(&b.text),
            Node::Heading(b) => JsonNode::new("heading", b.id.clone()).with_text(&b.text),
            Node::Block(b) => JsonNode::new("block", b.id.clone()).with_text(&b.text),
            Node::Paragraph(p) => paragraph(p),
            Node::Section(s) => {
                let mut node = JsonNode::new("section", s.id.clone());
                node.num = Some(s.num.clone());
                if let Some(title) = &s.title {
                    node = node.with_text(title);
                }
                node.children = nodes(&s.body);
                if let Some(closing) = &s.closing {
                    let mut c = JsonNode::new("closing", crate::ids::in_part(&s.num, crate::ids::CLOSING));
                    c.text = Some(format!("{}\n{}", closing.meeting, closing.date));
                    node.children.push(c);
                }
                node
            }
        })
        .collect()
}

fn paragraph(p: &Paragraph) -> JsonNode {
    let kind = match p.kind {
        ParaKind::Preambular => "preambular",
        ParaKind::Operative => "operative",
        ParaKind::Sub => "subparagraph",
        ParaKind::Annex => "annex_paragraph",
        ParaKind::Text => "paragraph",
    };
    let mut node = JsonNode::new(kind, p.id.clone()).with_text(&p.text);
    node.num = p.num.clone();
    node.children = p.children.iter().map(paragraph).collect();
    node
}
