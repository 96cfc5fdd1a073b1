//! From the element tree of one AKN document to the model: preamble and body
//! nodes, paragraphs with their lists, sections, headings, closing, annexes, and
//! inline text with footnotes collected at their marks.

use super::dom::{Content, Element};
use super::{eid::id_from_eid, masthead};
use crate::ids::{self, Scope};
use crate::model::{Annex, Block, Closing, Footnote, Inline, Node, ParaKind, Paragraph, Resolution, Section, Text};
use std::collections::BTreeMap;

/// Reads a `<statement>` (or any document type) element.
pub fn document(doc: &Element) -> Resolution {
    let mut r = Reader::default();
    let meta = masthead::meta(doc);
    let mut ctx = Ctx::default();
    let body = r.nodes(doc, &mut ctx);
    let closing = doc.child("conclusions").map(closing);
    let mut annexes = Vec::new();
    if let Some(attachments) = doc.child("attachments").or_else(|| doc.child("components")) {
        let count = attachments.elements().count();
        for (i, att) in attachments.elements().enumerate() {
            annexes.push(r.annex(att, i + 1, count));
        }
    }
    // Notes no mark placed in the text are kept in <meta><notes>.
    if let Some(notes) = doc.child("meta").and_then(|m| m.child("notes")) {
        for note in notes.elements() {
            let n = r.marker(note);
            let text = r.lines(note);
            r.footnotes.entry(n).or_insert(text);
        }
    }
    let footnotes = std::mem::take(&mut r.footnotes).into_iter().map(|(n, text)| Footnote { n, text }).collect();
    Resolution { meta, body, closing, annexes, footnotes }
}

/// Counters for positional ids, for elements that carry no usable eId.
#[derive(Default)]
struct Ctx {
    scope: Scope,
    preambular: usize,
    text: usize,
    headings: usize,
    blocks: usize,
}

#[derive(Default)]
struct Reader {
    footnotes: BTreeMap<u32, Text>,
    markers: u32,
    /// Ids given so far: an id stated twice (or stated and derived) gets a suffix.
    used: std::collections::HashSet<String>,
}

/// The id an element stands for: `plenary:id`, else the inverse of its eId.
fn stated_id(e: &Element) -> Option<String> {
    e.plenary_attr("id").map(str::to_string).or_else(|| e.attr("eId").and_then(id_from_eid))
}

fn kind_named(name: &str) -> Option<ParaKind> {
    Some(match name {
        "preambular" => ParaKind::Preambular,
        "operative" => ParaKind::Operative,
        "sub" => ParaKind::Sub,
        "annex" => ParaKind::Annex,
        "text" => ParaKind::Text,
        _ => return None,
    })
}

/// `7.` → `7`, `(a)` → `a`, `II` → `II`.
fn strip_num(printed: &str) -> String {
    let s = printed.trim();
    if let Some(inner) = s.strip_prefix('(').and_then(|s| s.strip_suffix(')')) {
        return inner.to_string();
    }
    s.strip_suffix('.').unwrap_or(s).to_string()
}

const PARAGRAPHS: &[&str] = &["paragraph", "article", "point", "subparagraph", "item", "alinea", "clause", "rule"];
const SECTIONS: &[&str] =
    &["section", "chapter", "part", "title", "division", "subsection", "subchapter", "subpart", "book", "tome"];

impl Reader {
    /// Preamble and main body of a document, in order.
    fn nodes(&mut self, doc: &Element, ctx: &mut Ctx) -> Vec<Node> {
        let mut out = Vec::new();
        if let Some(preamble) = doc.child("preamble") {
            for e in preamble.elements() {
                self.preamble_node(e, ctx, &mut out);
            }
        }
        if let Some(body) = doc.child("mainBody").or_else(|| doc.child("body")) {
            for e in body.elements() {
                self.hier_node(e, ctx, &mut out);
            }
        }
        out
    }

    fn preamble_node(&mut self, e: &Element, ctx: &mut Ctx, out: &mut Vec<Node>) {
        match (e.name.as_str(), e.attr("name")) {
            ("formula", _) => {
                let id = ids::unique(&mut self.used, stated_id(e).unwrap_or_else(|| ids::FORMULA.to_string()));
                out.push(Node::Formula(Block { id, text: self.lines(e) }));
            }
            ("container", Some("heading")) => out.push(Node::Heading(self.heading_block(e, ctx))),
            ("container", Some("block")) => out.push(Node::Block(self.block(e, ctx))),
            ("recitals" | "citations", _) => {
                for child in e.elements().filter(|c| !matches!(c.name.as_str(), "intro" | "wrapUp" | "num" | "heading"))
                {
                    self.preamble_node(child, ctx, out);
                }
            }
            ("p", _) if e.children.is_empty() && e.attrs.is_empty() => {}
            _ => {
                ctx.preambular += 1;
                let fallback = ctx.scope.preambular(ctx.preambular);
                out.push(Node::Paragraph(self.paragraph(e, fallback, ParaKind::Preambular)));
            }
        }
    }

    fn hier_node(&mut self, e: &Element, ctx: &mut Ctx, out: &mut Vec<Node>) {
        let name = e.name.as_str();
        if PARAGRAPHS.contains(&name) {
            let num = e.child("num").map(|n| strip_num(&n.text()));
            let fallback = match &num {
                Some(n) if !n.is_empty() => ctx.scope.numbered(n),
                _ => {
                    ctx.text += 1;
                    ctx.scope.text(ctx.text)
                }
            };
            let kind = if ctx.scope.annex.is_some() { ParaKind::Annex } else { ParaKind::Operative };
            out.push(Node::Paragraph(self.paragraph(e, fallback, kind)));
        } else if SECTIONS.contains(&name) {
            let num = e.child("num").map(|n| strip_num(&n.text())).unwrap_or_default();
            let id = ids::unique(&mut self.used, stated_id(e).unwrap_or_else(|| ctx.scope.section(&num)));
            let title = e.child("heading").map(|h| self.inline(h));
            let mut body = Vec::new();
            let mut closing = None;
            for child in e.elements().filter(|c| !matches!(c.name.as_str(), "num" | "heading" | "subheading")) {
                if child.name == "hcontainer" && child.attr("name") == Some("closing") {
                    let content = child.child("content").unwrap_or(child);
                    let lines: Vec<String> =
                        content.elements().filter(|p| p.name == "p").map(|p| p.text().trim().to_string()).collect();
                    closing = Some(crate::model::Closing {
                        meeting: lines.first().cloned().unwrap_or_default(),
                        date: lines.get(1).cloned().unwrap_or_default(),
                    });
                    continue;
                }
                self.hier_node(child, ctx, &mut body);
            }
            out.push(Node::Section(Section { id, num, title, body, closing }));
        } else if name == "hcontainer" && e.attr("name") == Some("formula") {
            let id = ids::unique(&mut self.used, stated_id(e).unwrap_or_else(|| ids::FORMULA.to_string()));
            out.push(Node::Formula(Block { id, text: self.content(e) }));
        } else if name == "crossHeading" || (name == "hcontainer" && e.attr("name") == Some("heading")) {
            out.push(Node::Heading(self.heading_block(e, ctx)));
        } else if name == "p" && e.children.is_empty() && e.attrs.is_empty() {
            // The placeholder of an empty main body.
        } else {
            out.push(Node::Block(self.block(e, ctx)));
        }
    }

    fn heading_block(&mut self, e: &Element, ctx: &mut Ctx) -> Block {
        ctx.headings += 1;
        let id = ids::unique(&mut self.used, stated_id(e).unwrap_or_else(|| ctx.scope.heading(ctx.headings)));
        let text = match e.child("heading") {
            Some(h) => self.inline(h),
            None => self.content(e),
        };
        Block { id, text }
    }

    fn block(&mut self, e: &Element, ctx: &mut Ctx) -> Block {
        ctx.blocks += 1;
        let id = ids::unique(&mut self.used, stated_id(e).unwrap_or_else(|| ctx.scope.block(ctx.blocks)));
        Block { id, text: self.content(e) }
    }

    /// A paragraph, point, item or preambular container, with its sub-paragraphs.
    fn paragraph(&mut self, e: &Element, fallback_id: String, default_kind: ParaKind) -> Paragraph {
        self.paragraph_in(e, fallback_id, default_kind, None)
    }

    /// A paragraph, or (with `parent`) a sub-paragraph of the paragraph `parent`: a
    /// stated id that is not one of `parent`'s sub-paragraph ids (an eId written
    /// for another paragraph) gives way to `fallback_id`, derived from the parent.
    fn paragraph_in(
        &mut self,
        e: &Element,
        fallback_id: String,
        default_kind: ParaKind,
        parent: Option<&str>,
    ) -> Paragraph {
        let is_sub = |id: &str| ids::paragraph_kind(id) == Some(ParaKind::Sub);
        // A sub-paragraph's id is one of its parent's; a paragraph's is no sub-paragraph's
        // (`op3m` for a paragraph numbered 3m would read as (m) of paragraph 3).
        let fits = |id: &String| match parent {
            Some(p) => ids::is_sub_of(id, p),
            None => !is_sub(id),
        };
        let mut id = stated_id(e).filter(fits).unwrap_or(fallback_id);
        if parent.is_none() && is_sub(&id) {
            id = id.trim_end_matches(|c: char| c.is_ascii_lowercase()).to_string();
        }
        let id = ids::unique(&mut self.used, id);
        let num = e.child("num").map(|n| strip_num(&n.text()));
        let text = self.content(e);
        let mut children = Vec::new();
        for list in e.elements().filter(|c| matches!(c.name.as_str(), "list" | "blockList")) {
            for item in list.elements().filter(|c| PARAGRAPHS.contains(&c.name.as_str())) {
                let label = item.child("num").map(|n| strip_num(&n.text())).unwrap_or_default();
                let fallback = ids::sub(&id, &label);
                children.push(self.paragraph_in(item, fallback, ParaKind::Sub, Some(&id)));
            }
        }
        for item in e.elements().filter(|c| PARAGRAPHS.contains(&c.name.as_str())) {
            let label = item.child("num").map(|n| strip_num(&n.text())).unwrap_or_default();
            children.push(self.paragraph_in(item, ids::sub(&id, &label), ParaKind::Sub, Some(&id)));
        }
        let kind =
            e.plenary_attr("kind").and_then(kind_named).or_else(|| ids::paragraph_kind(&id)).unwrap_or(default_kind);
        let kind = match (parent, kind) {
            (Some(_), _) => ParaKind::Sub,
            (None, ParaKind::Sub) => default_kind,
            (None, kind) => kind,
        };
        Paragraph { id, kind, num, text, children }
    }

    /// The text of an element: its `<content>` or `<intro>`, else its own lines.
    fn content(&mut self, e: &Element) -> Text {
        match e.child("content").or_else(|| e.child("intro")) {
            Some(c) => self.lines(c),
            None => self.lines(e),
        }
    }

    /// The `<p>` lines (and other block text) of an element, joined by a space (a
    /// paragraph of the model is one run of text); structure (`num`, `heading`,
    /// lists, nested hierarchy) is left out.
    fn lines(&mut self, e: &Element) -> Text {
        const SKIP: &[&str] = &["num", "heading", "subheading", "list", "blockList", "content", "intro", "wrapUp"];
        let blocks: Vec<&Element> = e
            .elements()
            .filter(|c| !SKIP.contains(&c.name.as_str()) && !PARAGRAPHS.contains(&c.name.as_str()))
            .collect();
        if blocks.is_empty() {
            return if e.elements().next().is_none() { self.inline(e) } else { Text::default() };
        }
        let mut text = Text::default();
        for (i, b) in blocks.iter().enumerate() {
            if i > 0 {
                text.push(Inline::Plain(" ".into()));
            }
            for inline in self.inline(b).0 {
                text.push(inline);
            }
        }
        text
    }

    /// Mixed content as inlines: `<i>`/`<em>` emphasis, `<b>`/`<strong>`, footnote
    /// marks; any other inline element contributes its content.
    fn inline(&mut self, e: &Element) -> Text {
        let mut text = Text::default();
        self.inline_into(e, &mut text);
        text
    }

    fn inline_into(&mut self, e: &Element, text: &mut Text) {
        for c in &e.children {
            match c {
                Content::Text(s) => text.push(Inline::Plain(flat(s))),
                Content::Element(el) => match el.name.as_str() {
                    "i" | "em" => text.push(Inline::Emph(flat(&el.text()))),
                    "b" | "strong" => text.push(Inline::Strong(flat(&el.text()))),
                    "authorialNote" => {
                        let n = self.marker(el);
                        let body = self.lines(el);
                        self.footnotes.entry(n).or_insert(body);
                        text.push(Inline::Note(n));
                    }
                    "noteRef" => {
                        let n = self.marker(el);
                        text.push(Inline::Note(n));
                    }
                    _ => self.inline_into(el, text),
                },
            }
        }
    }

    /// A footnote's number: its `marker`, else the number in its eId or href
    /// (`fnt_3`), else the next number.
    fn marker(&mut self, e: &Element) -> u32 {
        let from_ref = |s: &str| s.trim_start_matches('#').strip_prefix("fnt_").and_then(|n| n.parse().ok());
        let n = e
            .attr("marker")
            .and_then(|m| m.trim().parse().ok())
            .or_else(|| e.attr("eId").and_then(from_ref))
            .or_else(|| e.attr("href").and_then(from_ref))
            .unwrap_or(self.markers.saturating_add(1));
        self.markers = self.markers.max(n);
        n
    }

    /// An `<attachment>` holding a `<doc>` (or the document directly).
    fn annex(&mut self, att: &Element, index: usize, count: usize) -> Annex {
        let doc = att.elements().find(|e| e.child("mainBody").is_some() || e.child("preface").is_some()).unwrap_or(att);
        let preface = doc.child("preface");
        let by_class = |class: &str| preface.and_then(|p| p.elements().find(|e| e.attr("class") == Some(class)));
        let label = by_class("label")
            .map(Element::text)
            .or_else(|| preface.and_then(|p| p.find("docNumber")).map(Element::text))
            .unwrap_or_else(|| if count == 1 { "Annex".into() } else { format!("Annex {index}") });
        let title_el = by_class("title").or_else(|| preface.and_then(|p| p.find("docTitle").map(|_| p)));
        let title = title_el.map(|t| self.inline(t.find("docTitle").unwrap_or(t)));
        let numeral = label.split_whitespace().nth(1).unwrap_or("").to_string();
        let id = ids::unique(&mut self.used, stated_id(att).unwrap_or_else(|| ids::annex_id(&numeral)));
        let mut ctx = Ctx { scope: Scope { annex: Some(numeral), section: None }, ..Ctx::default() };
        let body = self.nodes(doc, &mut ctx);
        Annex { id, label, title, body }
    }
}

/// Text as the model holds it: a paragraph is one line, so a line feed in the
/// text (a character reference, say) is a space.
fn flat(s: &str) -> String {
    s.replace('\n', " ")
}

/// `<conclusions>`: the meeting line and the date line, by class or by order.
fn closing(c: &Element) -> Closing {
    let lines: Vec<&Element> = c.elements().collect();
    let by_class = |class: &str| lines.iter().find(|e| e.attr("class") == Some(class)).map(|e| e.text());
    let meeting = by_class("meeting").or_else(|| lines.first().map(|e| e.text())).unwrap_or_default();
    let date = by_class("date").or_else(|| lines.get(1).map(|e| e.text())).unwrap_or_default();
    // Each is one line of the closing.
    Closing { meeting: flat(&meeting), date: flat(&date) }
}
