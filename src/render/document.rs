//! One resolution's text → HTML: the body (formula, preamble, operative part,
//! sections, headings), the closing, the annexes, the footnote list, and the
//! contents list for long resolutions.
//!
//! **In**: a [`Resolution`], the path of its page, a [`Linker`]. **Out**: a
//! [`Document`] of HTML strings (escaped; passed to templates as safe) and the
//! contents entries. Every element gets its DESIGN.md id (`op7a-ii`) and, inside
//! it, an empty `<span class="eid" id="para_7__list_1__point_a__list_1__point_ii">`
//! so links written with the Akoma Ntoso eId land too. Ids are unique on the page:
//! an eId equal to an id already given out is left out.

use super::html::{escape, fragment, push_escaped};
use super::inline::{Inlines, Linker, Marks};
use crate::ids;
use crate::model::{Annex, Block, Node, ParaKind, Paragraph, Resolution, Section};
use rustc_hash::FxHashSet;
use serde::Serialize;

/// Ids the page templates use around the document; no document id may take them.
pub const PAGE_IDS: &[&str] = &[
    "main-content",
    "contents",
    "contents-title",
    "notes",
    "notes-title",
    "masthead",
    "cited-by",
    "cited-by-title",
    "changes",
    "changes-title",
];

/// A rendered resolution.
#[derive(Debug, Clone, Default)]
pub struct Document {
    /// Formula, paragraphs, sections, closing and annexes.
    pub body: String,
    /// The footnote list (`<ol>` of `<li id="fn3">`), empty without footnotes.
    pub footnotes: String,
    /// Contents list; empty when the resolution is short.
    pub toc: Vec<TocEntry>,
    /// Problems worth telling the editor (marks without a footnote, …).
    pub warnings: Vec<String>,
}

/// One line of the contents list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TocEntry {
    /// Fragment id the entry links to (unescaped).
    pub id: String,
    pub label: String,
    pub children: Vec<TocEntry>,
}

/// Renders `res` for the page at `page` (a path from the site root).
pub fn render(res: &Resolution, page: &str, linker: &mut dyn Linker, contents_min_paragraphs: usize) -> Document {
    let mut r = Renderer { inl: Inlines::new(page, linker), used: PAGE_IDS.iter().map(|s| s.to_string()).collect() };
    // Footnote texts first: popovers need them, and the linker sees them in order.
    for note in &res.footnotes {
        let html = r.inl.render(&ids::footnote(note.n), &note.text, Marks::Plain);
        r.inl.notes.html.insert(note.n, html);
    }
    let mut body = String::new();
    r.nodes(&mut body, &res.body, 2, "");
    if let Some(closing) = &res.closing {
        r.closing(&mut body, ids::CLOSING, closing);
    }
    for annex in &res.annexes {
        r.annex(&mut body, annex);
    }
    let footnotes = r.footnotes(res);
    let mut warnings = Vec::new();
    let mut missing = r.inl.notes.missing.clone();
    missing.sort_unstable();
    missing.dedup();
    for n in missing {
        warnings.push(format!("footnote mark [^{n}] has no footnote [^{n}]: …"));
    }
    let toc = contents(res, contents_min_paragraphs);
    Document { body, footnotes, toc, warnings }
}

struct Renderer<'a> {
    inl: Inlines<'a>,
    /// Ids given out on this page (membership only, never iterated).
    used: FxHashSet<String>,
}

impl Renderer<'_> {
    /// ` id="…"` for a document id, or nothing when the id is already taken.
    fn id_attr(&mut self, id: &str) -> String {
        let mut out = String::new();
        self.push_id_attr(&mut out, id);
        out
    }

    /// Writes [`Self::id_attr`] to `out`.
    fn push_id_attr(&mut self, out: &mut String, id: &str) {
        if self.used.insert(id.to_string()) {
            out.push_str(" id=\"");
            push_escaped(out, id);
            out.push('"');
        }
    }

    /// The empty eId anchor for `id`, or nothing when it has none or it is taken.
    fn eid(&mut self, id: &str) -> String {
        let mut out = String::new();
        self.push_eid(&mut out, id);
        out
    }

    /// Writes [`Self::eid`] to `out`.
    fn push_eid(&mut self, out: &mut String, id: &str) {
        match ids::akn_eid(id) {
            Some(eid) if !self.used.contains(&eid) => {
                out.push_str("<span class=\"eid\" id=\"");
                push_escaped(out, &eid);
                out.push_str("\"></span>");
                self.used.insert(eid);
            }
            _ => {}
        }
    }

    fn permalink(id: &str, label: &str) -> String {
        let mut out = String::new();
        Self::push_permalink(&mut out, id, label);
        out
    }

    /// Writes [`Self::permalink`] to `out`.
    fn push_permalink(out: &mut String, id: &str, label: &str) {
        out.push_str("<a class=\"permalink\" href=\"#");
        out.push_str(&fragment(id));
        out.push_str("\" aria-label=\"Link to ");
        push_escaped(out, label);
        out.push_str("\">¶</a>");
    }

    fn nodes(&mut self, out: &mut String, nodes: &[Node], level: usize, scope: &str) {
        for node in nodes {
            match node {
                Node::Formula(b) => self.block(out, b, "formula", "p"),
                Node::Block(b) => self.block(out, b, "block", "p"),
                Node::Heading(b) => self.heading(out, b, level.min(6)),
                Node::Paragraph(p) => self.paragraph(out, p, "", scope),
                Node::Section(s) => self.section(out, s, level.min(6), scope),
            }
        }
    }

    fn block(&mut self, out: &mut String, b: &Block, class: &str, tag: &str) {
        let text = self.inl.render(&b.id, &b.text, Marks::Linked);
        out.push_str(&format!("<{tag} class=\"{class}\"{}>{}{text}</{tag}>\n", self.id_attr(&b.id), self.eid(&b.id)));
    }

    fn heading(&mut self, out: &mut String, b: &Block, level: usize) {
        let text = self.inl.render(&b.id, &b.text, Marks::Linked);
        let id_attr = self.id_attr(&b.id);
        let eid = self.eid(&b.id);
        out.push_str(&format!(
            "<h{level} class=\"res-heading\"{id_attr}>{eid}{text} {}</h{level}>\n",
            Self::permalink(&b.id, "this heading")
        ));
    }

    fn section(&mut self, out: &mut String, s: &Section, level: usize, scope: &str) {
        let id_attr = self.id_attr(&s.id);
        let eid = self.eid(&s.id);
        let title = match &s.title {
            Some(t) => format!(" <span class=\"sec-title\">{}</span>", self.inl.render(&s.id, t, Marks::Linked)),
            None => String::new(),
        };
        let label = format!("{scope}section {}", s.num);
        out.push_str(&format!(
            "<section class=\"res-section\"{id_attr}>{eid}\n<h{level} class=\"sec-heading\"><span class=\"sec-num\">{}.</span>{title} {}</h{level}>\n",
            escape(&s.num),
            Self::permalink(&s.id, &label)
        ));
        self.nodes(out, &s.body, level + 1, scope);
        if let Some(closing) = &s.closing {
            self.closing(out, &ids::in_part(&s.num, ids::CLOSING), closing);
        }
        out.push_str("</section>\n");
    }

    /// The closing lines: the resolution's, or a lettered part's.
    fn closing(&mut self, out: &mut String, id: &str, closing: &crate::model::Closing) {
        out.push_str(&format!(
            "<p class=\"closing\"{}>{}<span class=\"meeting\">{}</span><br><span class=\"date\">{}</span></p>\n",
            self.id_attr(id),
            self.eid(id),
            escape(&closing.meeting),
            escape(&closing.date)
        ));
    }

    fn paragraph(&mut self, out: &mut String, p: &Paragraph, parent: &str, scope: &str) {
        let (class, num, label) = match (p.kind, p.num.as_deref()) {
            (ParaKind::Preambular, _) => {
                let n: String = p.id.chars().rev().take_while(|c| c.is_ascii_digit()).collect();
                let n: String = n.chars().rev().collect();
                ("para-pp", String::new(), format!("{scope}preambular paragraph {n}"))
            }
            (ParaKind::Operative, Some(n)) => ("para-op", format!("{n}."), format!("{scope}paragraph {n}")),
            (ParaKind::Annex, Some(n)) => ("para-op", format!("{n}."), format!("{scope}paragraph {n}")),
            (ParaKind::Sub, Some(n)) => ("para-sub", format!("({n})"), format!("{parent} ({n})")),
            (ParaKind::Sub, None) => ("para-sub", String::new(), format!("{parent}, sub-paragraph")),
            (_, Some(n)) => ("para-text", format!("{n}."), format!("{scope}paragraph {n}")),
            (_, None) => ("para-text", String::new(), format!("{scope}paragraph {}", p.id)),
        };
        out.push_str("<div class=\"para ");
        out.push_str(class);
        out.push('"');
        self.push_id_attr(out, &p.id);
        out.push('>');
        self.push_eid(out, &p.id);
        out.push_str("<p>");
        if !num.is_empty() {
            out.push_str("<span class=\"num\">");
            push_escaped(out, &num);
            out.push_str("</span> ");
        }
        out.push_str(&self.inl.render(&p.id, &p.text, Marks::Linked));
        out.push('\u{a0}');
        Self::push_permalink(out, &p.id, &label);
        out.push_str("</p>");
        if !p.children.is_empty() {
            out.push('\n');
            for child in &p.children {
                self.paragraph(out, child, &label, scope);
            }
        }
        out.push_str("</div>\n");
    }

    fn annex(&mut self, out: &mut String, annex: &Annex) {
        let id_attr = self.id_attr(&annex.id);
        let eid = self.eid(&annex.id);
        let title = match &annex.title {
            Some(t) => format!("<span class=\"annex-title\">{}</span>", self.inl.render(&annex.id, t, Marks::Linked)),
            None => String::new(),
        };
        out.push_str(&format!(
            "<section class=\"annex\"{id_attr}>{eid}\n<h2 class=\"annex-heading\"><span class=\"annex-label\">{}</span>{title}</h2>\n",
            escape(&annex.label)
        ));
        // "Annex II" → "annex II paragraph 3" in permalink labels.
        let mut chars = annex.label.chars();
        let scope = match chars.next() {
            Some(c) => format!("{}{} ", c.to_lowercase(), chars.as_str()),
            None => "annex ".to_string(),
        };
        self.nodes(out, &annex.body, 3, &scope);
        out.push_str("</section>\n");
    }

    fn footnotes(&mut self, res: &Resolution) -> String {
        if res.footnotes.is_empty() {
            return String::new();
        }
        let mut out = String::from("<ol class=\"footnote-list\">\n");
        for note in &res.footnotes {
            let id = ids::footnote(note.n);
            let id_attr = self.id_attr(&id);
            let eid = self.eid(&id);
            let text = self.inl.notes.html.get(&note.n).cloned().unwrap_or_default();
            let mut back = String::new();
            let refs = self.inl.notes.refs.get(&note.n).cloned().unwrap_or_default();
            for (k, r) in refs.iter().enumerate() {
                let (sup, label) = if refs.len() == 1 {
                    (String::new(), format!("Back to the mark of note {}", note.n))
                } else {
                    (format!("<sup>{}</sup>", k + 1), format!("Back to mark {} of note {}", k + 1, note.n))
                };
                back.push_str(&format!(
                    " <a class=\"fn-back\" href=\"#{}\" role=\"doc-backlink\" aria-label=\"{}\">↩{sup}</a>",
                    fragment(r),
                    escape(&label)
                ));
            }
            out.push_str(&format!("<li{id_attr} value=\"{}\">{eid}{text}{back}</li>\n", note.n));
        }
        out.push_str("</ol>\n");
        out
    }
}

/// The contents list: preamble, operative part, sections, headings, annexes, notes;
/// empty for a short resolution without sections or annexes.
pub fn contents(res: &Resolution, min_paragraphs: usize) -> Vec<TocEntry> {
    let mut paragraphs = 0usize;
    let mut structured = !res.annexes.is_empty();
    res.visit(|v| match v {
        crate::model::Visit::Paragraph(_) => paragraphs += 1,
        crate::model::Visit::Section(_) => structured = true,
        _ => {}
    });
    if paragraphs < min_paragraphs && !structured {
        return Vec::new();
    }
    let entry = |id: &str, label: String| TocEntry { id: id.to_string(), label, children: Vec::new() };
    let mut out = Vec::new();
    let first_pp = res.body.iter().find_map(|n| match n {
        Node::Paragraph(p) if p.kind == ParaKind::Preambular => Some(p.id.clone()),
        _ => None,
    });
    if let Some(id) = first_pp {
        out.push(entry(&id, "Preamble".into()));
    }
    let first_op = res.body.iter().find_map(|n| match n {
        Node::Paragraph(p) if p.kind != ParaKind::Preambular => Some(p.id.clone()),
        Node::Section(s) => Some(s.id.clone()),
        _ => None,
    });
    if let Some(id) = first_op {
        let mut op = entry(&id, "Operative part".into());
        op.children = structure(&res.body);
        out.push(op);
    }
    for annex in &res.annexes {
        let label = match &annex.title {
            Some(t) => format!("{}: {}", annex.label, t.to_plain()),
            None => annex.label.clone(),
        };
        let mut a = entry(&annex.id, label);
        a.children = structure(&annex.body);
        out.push(a);
    }
    if !res.footnotes.is_empty() {
        out.push(entry("notes", "Notes".into()));
    }
    out
}

fn structure(nodes: &[Node]) -> Vec<TocEntry> {
    nodes
        .iter()
        .filter_map(|n| match n {
            Node::Section(s) => Some(TocEntry {
                id: s.id.clone(),
                label: match &s.title {
                    Some(t) => format!("{}. {}", s.num, t.to_plain()),
                    None => s.num.clone(),
                },
                children: structure(&s.body),
            }),
            Node::Heading(b) => Some(TocEntry { id: b.id.clone(), label: b.text.to_plain(), children: Vec::new() }),
            _ => None,
        })
        .collect()
}
