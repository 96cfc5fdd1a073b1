//! The text of a resolution as AKN elements: preamble, mainBody (paragraphs,
//! lists and points, sections, headings), conclusions, annexes as attachments,
//! and the inline content of each line, footnotes placed at their marks.

use super::meta;
use super::xml::{element, escape_text as esc, Xml, NONE};
use crate::ids;
use crate::ingest::akn::id_from_eid;
use crate::model::{Annex, Closing, Footnote, Inline, Meta, Node, ParaKind, Paragraph, Text};
use std::collections::{BTreeMap, BTreeSet};

/// Which footnotes exist and which have been placed at a mark already.
pub(super) struct Notes<'a> {
    texts: BTreeMap<u32, &'a Text>,
    placed: BTreeSet<u32>,
}

impl<'a> Notes<'a> {
    pub fn new(footnotes: &'a [Footnote]) -> Self {
        let mut texts = BTreeMap::new();
        for note in footnotes {
            texts.entry(note.n).or_insert(&note.text);
        }
        Notes { texts, placed: BTreeSet::new() }
    }

    /// A state in which every mark becomes a `<noteRef>` (for text outside the flow).
    pub fn refs_only() -> Notes<'static> {
        Notes { texts: BTreeMap::new(), placed: BTreeSet::new() }
    }

    /// The footnotes no mark has placed, in their order.
    pub fn unplaced(&self, all: &[Footnote]) -> Vec<Footnote> {
        all.iter().filter(|n| !self.placed.contains(&n.n)).cloned().collect()
    }
}

/// Inline markup of a text: `<i>`, `<b>`, and at each mark the footnote itself
/// (first mark) or a `<noteRef>` to it (later marks).
pub(super) fn inlines(text: &Text, notes: &mut Notes<'_>) -> String {
    let mut out = String::new();
    for inline in &text.0 {
        match inline {
            Inline::Plain(s) => out.push_str(&esc(s)),
            Inline::Emph(s) => element(&mut out, "i", NONE, &esc(s)),
            Inline::Strong(s) => element(&mut out, "b", NONE, &esc(s)),
            Inline::Note(n) => {
                let marker = n.to_string();
                let eid = format!("fnt_{n}");
                match notes.texts.get(n).copied() {
                    Some(body) if notes.placed.insert(*n) => {
                        let mut p = String::new();
                        element(&mut p, "p", NONE, &inlines(body, notes));
                        let attrs = [("marker", marker.as_str()), ("placement", "bottom"), ("eId", eid.as_str())];
                        element(&mut out, "authorialNote", &attrs, &p);
                    }
                    _ => {
                        let href = format!("#{eid}");
                        let attrs = [("marker", marker.as_str()), ("href", href.as_str())];
                        super::xml::start_tag(&mut out, "noteRef", &attrs, true);
                    }
                }
            }
        }
    }
    out
}

/// Attributes naming an element: its eId, and `plenary:id` when the eId alone would
/// not give the id back.
fn id_attrs(id: &str) -> Vec<(&'static str, String)> {
    let eid = ids::akn_eid(id);
    let back = eid.as_deref().and_then(id_from_eid);
    let mut attrs = vec![("eId", eid.unwrap_or_else(|| fallback_eid(id)))];
    if back.as_deref() != Some(id) {
        attrs.push(("plenary:id", id.to_string()));
    }
    attrs
}

/// An eId for an id `akn_eid` has no shape for: `plenary_` and the id, made safe.
fn fallback_eid(id: &str) -> String {
    let safe: String = id.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '_' }).collect();
    format!("plenary_{safe}")
}

fn named(name: &str, id: &str) -> Vec<(&'static str, String)> {
    let mut attrs = vec![("name", name.to_string())];
    attrs.extend(id_attrs(id));
    attrs
}

/// The name of a paragraph kind in `plenary:kind`.
pub fn kind_name(kind: ParaKind) -> &'static str {
    match kind {
        ParaKind::Preambular => "preambular",
        ParaKind::Operative => "operative",
        ParaKind::Sub => "sub",
        ParaKind::Annex => "annex",
        ParaKind::Text => "text",
    }
}

fn paragraph_attrs(p: &Paragraph, mut attrs: Vec<(&'static str, String)>) -> Vec<(&'static str, String)> {
    if ids::paragraph_kind(&p.id) != Some(p.kind) {
        attrs.push(("plenary:kind", kind_name(p.kind).to_string()));
    }
    attrs
}

/// The printed number: `7.` for a paragraph, `(a)` for a sub-paragraph.
fn num_label(p: &Paragraph, num: &str) -> String {
    if p.kind == ParaKind::Sub {
        format!("({num})")
    } else {
        format!("{num}.")
    }
}

/// A body or annex body: `<preamble>` (when it has one) and `<mainBody>`.
pub(super) fn nodes(x: &mut Xml, list: &[Node], notes: &mut Notes<'_>) {
    let split = preamble_len(list);
    if split > 0 {
        x.open("preamble", NONE);
        for node in &list[..split] {
            preamble_node(x, node, notes);
        }
        x.close("preamble");
    }
    x.open("mainBody", NONE);
    if split == list.len() {
        // The schema wants at least one element; the importer skips an empty `<p/>`.
        x.empty("p", NONE);
    }
    for node in &list[split..] {
        hier_node(x, node, notes);
    }
    x.close("mainBody");
}

/// How many leading nodes form the preamble.
fn preamble_len(list: &[Node]) -> usize {
    let preambular = |n: &Node| match n {
        Node::Formula(_) | Node::Heading(_) | Node::Block(_) => true,
        Node::Paragraph(p) => p.kind == ParaKind::Preambular && p.num.is_none(),
        Node::Section(_) => false,
    };
    let mut end = list.iter().position(|n| !preambular(n)).unwrap_or(list.len());
    while end > 0 && matches!(list[end - 1], Node::Heading(_) | Node::Block(_)) {
        end -= 1;
    }
    end
}

fn preamble_node(x: &mut Xml, node: &Node, notes: &mut Notes<'_>) {
    match node {
        Node::Formula(b) => {
            x.open("formula", &named("enactingFormula", &b.id));
            x.line("p", NONE, &inlines(&b.text, notes));
            x.close("formula");
        }
        Node::Heading(b) | Node::Block(b) => {
            let name = if matches!(node, Node::Heading(_)) { "heading" } else { "block" };
            x.open("container", &named(name, &b.id));
            x.line("p", NONE, &inlines(&b.text, notes));
            x.close("container");
        }
        Node::Paragraph(p) => {
            x.open("container", &paragraph_attrs(p, named("preambularParagraph", &p.id)));
            x.line("p", NONE, &inlines(&p.text, notes));
            block_list(x, p, notes);
            x.close("container");
        }
        // `preamble_len` never takes a section into the preamble.
        Node::Section(_) => hier_node(x, node, notes),
    }
}

/// Sub-paragraphs in the preamble, where the schema has no `<list>`: a
/// `<blockList>` of `<item>`s.
fn block_list(x: &mut Xml, parent: &Paragraph, notes: &mut Notes<'_>) {
    if parent.children.is_empty() {
        return;
    }
    x.open("blockList", &[("eId", list_eid(&parent.id))]);
    for child in &parent.children {
        x.open("item", &paragraph_attrs(child, id_attrs(&child.id)));
        if let Some(num) = &child.num {
            x.line("num", NONE, &esc(&num_label(child, num)));
        }
        x.line("p", NONE, &inlines(&child.text, notes));
        block_list(x, child, notes);
        x.close("item");
    }
    x.close("blockList");
}

fn list_eid(parent_id: &str) -> String {
    let (_, eid) = id_attrs(parent_id).swap_remove(0);
    format!("{eid}__list_1")
}

fn hier_node(x: &mut Xml, node: &Node, notes: &mut Notes<'_>) {
    match node {
        Node::Paragraph(p) => paragraph(x, p, "paragraph", notes),
        Node::Section(s) => {
            x.open("section", &id_attrs(&s.id));
            x.line("num", NONE, &esc(&s.num));
            if let Some(title) = &s.title {
                x.line("heading", NONE, &inlines(title, notes));
            }
            for child in &s.body {
                hier_node(x, child, notes);
            }
            if let Some(closing) = &s.closing {
                // The closing of a lettered part (`A-closing`).
                x.open("hcontainer", &named("closing", &crate::ids::in_part(&s.num, crate::ids::CLOSING)));
                x.open("content", NONE);
                x.line("p", NONE, &esc(&closing.meeting));
                x.line("p", NONE, &esc(&closing.date));
                x.close("content");
                x.close("hcontainer");
            }
            x.close("section");
        }
        Node::Heading(b) => {
            x.open("hcontainer", &named("heading", &b.id));
            x.line("heading", NONE, &inlines(&b.text, notes));
            x.close("hcontainer");
        }
        Node::Block(b) | Node::Formula(b) => {
            let name = if matches!(node, Node::Block(_)) { "block" } else { "formula" };
            x.open("hcontainer", &named(name, &b.id));
            x.open("content", NONE);
            x.line("p", NONE, &inlines(&b.text, notes));
            x.close("content");
            x.close("hcontainer");
        }
    }
}

/// A paragraph (`element` = `paragraph`) or sub-paragraph (`point`).
fn paragraph(x: &mut Xml, p: &Paragraph, element: &str, notes: &mut Notes<'_>) {
    x.open(element, &paragraph_attrs(p, id_attrs(&p.id)));
    if let Some(num) = &p.num {
        x.line("num", NONE, &esc(&num_label(p, num)));
    }
    let text = inlines(&p.text, notes);
    if p.children.is_empty() {
        x.open("content", NONE);
        x.line("p", NONE, &text);
        x.close("content");
    } else {
        x.open("intro", NONE);
        x.line("p", NONE, &text);
        x.close("intro");
        x.open("list", &[("eId", list_eid(&p.id))]);
        for child in &p.children {
            paragraph(x, child, "point", notes);
        }
        x.close("list");
    }
    x.close(element);
}

/// The closing lines; the date also as `<date>` when the adoption date is known.
pub(super) fn conclusions(x: &mut Xml, closing: &Closing, adopted: Option<&str>) {
    x.open("conclusions", &[("eId", "conclusions")]);
    x.line("p", &[("class", super::class::MEETING)], &esc(&closing.meeting));
    let date = match adopted.filter(|d| meta::is_iso_date(d)) {
        Some(iso) => {
            let mut out = String::new();
            element(&mut out, "date", &[("date", iso)], &esc(&closing.date));
            out
        }
        None => esc(&closing.date),
    };
    x.line("p", &[("class", super::class::DATE)], &date);
    x.close("conclusions");
}

/// An annex: `<attachment>` holding a `<doc name="annex">`.
pub(super) fn annex(x: &mut Xml, m: &Meta, annex: &Annex, notes: &mut Notes<'_>) {
    let attrs = id_attrs(&annex.id);
    let component = attrs[0].1.clone();
    x.open("attachment", &attrs);
    x.open("doc", &[("name", "annex")]);
    meta::meta(x, m, &component, &[]);
    x.open("preface", NONE);
    let mut label = String::new();
    element(&mut label, "docNumber", NONE, &esc(&annex.label));
    x.line("p", &[("class", super::class::LABEL)], &label);
    if let Some(title) = &annex.title {
        let mut markup = String::new();
        element(&mut markup, "docTitle", NONE, &inlines(title, notes));
        x.line("p", &[("class", super::class::TITLE)], &markup);
    }
    x.close("preface");
    nodes(x, &annex.body, notes);
    x.close("doc");
    x.close("attachment");
}
