//! The document model every stage shares: a resolution's masthead ([`Meta`]), its
//! body as a tree of [`Node`]s (formula, paragraphs with sub-paragraphs, sections,
//! headings, unclassified blocks), its annexes, closing and footnotes.
//!
//! The importer (`ingest`) produces it from raw text, `markdown::write` turns it into
//! structured Markdown, `markdown::load` reads that Markdown back into the same value,
//! and every later stage (linking, rendering, exports) reads it. Paragraph ids are
//! stored here, never recomputed from text, so they survive editing.

use serde::{Deserialize, Serialize};

/// One resolution: masthead, body, annexes, closing and footnotes.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Resolution {
    pub meta: Meta,
    pub body: Vec<Node>,
    pub closing: Option<Closing>,
    pub annexes: Vec<Annex>,
    pub footnotes: Vec<Footnote>,
}

/// The masthead and other document-level facts (the Markdown front matter).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Meta {
    /// Official document symbol, e.g. `A/RES/61/183`.
    pub symbol: String,
    /// Adopting organ, e.g. `General Assembly`.
    pub body: String,
    /// Resolution number as printed before the title, e.g. `61/183`.
    pub number: String,
    pub title: String,
    /// e.g. `Sixty-first session`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session: Option<String>,
    /// e.g. `General`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub distribution: Option<String>,
    /// Distribution date, ISO 8601 (`2007-03-13`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub distributed: Option<String>,
    /// Adoption date, ISO 8601, from the masthead or the closing line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adopted: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub agenda_items: Vec<AgendaItem>,
    /// Main Committee whose report the resolution was adopted on (`Third Committee`);
    /// `None` when adopted without reference to a Main Committee.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub committee: Option<String>,
    /// The report or draft in the reference line, e.g. `A/61/445` or `A/80/L.5`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report: Option<String>,
    /// Job number printed on the masthead, e.g. `06-50541`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub job_number: Option<String>,
    /// Masthead text the importer could not assign to a field, kept verbatim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub masthead_note: Option<String>,
    /// Series this resolution belongs to, when declared by an editor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub series: Option<String>,
    /// Free subject tags, set by editors.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subjects: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct AgendaItem {
    /// e.g. `99`, `25 (b)`.
    pub number: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
}

/// A structural element of a resolution's body or of an annex.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "node", rename_all = "snake_case")]
pub enum Node {
    /// The opening formula, e.g. *The General Assembly*,
    Formula(Block),
    /// A numbered or unnumbered paragraph with its sub-paragraphs.
    Paragraph(Paragraph),
    /// A roman-numbered section (`II`) with an optional title.
    Section(Section),
    /// An unnumbered heading inside the body or an annex.
    Heading(Block),
    /// Text the importer could not classify, kept verbatim.
    Block(Block),
}

/// A run of text with an id and no further structure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    pub id: String,
    pub text: Text,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ParaKind {
    /// Preambular paragraph (`pp3`).
    Preambular,
    /// Operative paragraph (`op7`, `II-op5`).
    Operative,
    /// Sub-paragraph at any depth (`op7a`, `op7a-ii`).
    Sub,
    /// Numbered paragraph of an annex (`annex-p3`).
    Annex,
    /// Unnumbered paragraph of an annex or of the operative part.
    Text,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paragraph {
    pub id: String,
    pub kind: ParaKind,
    /// The printed number or label without punctuation: `7`, `a`, `ii`.
    pub num: Option<String>,
    pub text: Text,
    pub children: Vec<Paragraph>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    pub id: String,
    /// Roman numeral (or letter) as printed: `II`, `A`.
    pub num: String,
    pub title: Option<Text>,
    pub body: Vec<Node>,
    /// The closing of a lettered part (`A`, `B`) of a resolution adopted in parts,
    /// each with its own formula, preamble, operative part and closing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closing: Option<Closing>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Annex {
    /// `annex`, or `annex-II` when there are several.
    pub id: String,
    /// The printed label: `Annex`, `Annex II`.
    pub label: String,
    pub title: Option<Text>,
    pub body: Vec<Node>,
}

/// The closing lines: meeting and date, e.g. `82nd plenary meeting`, `20 December 2006`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Closing {
    pub meeting: String,
    pub date: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Footnote {
    pub n: u32,
    pub text: Text,
}

/// Inline content: plain runs, emphasis and footnote references.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Text(pub Vec<Inline>);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Inline {
    Plain(String),
    /// Italic run, e.g. the opening phrase *Recalling also*.
    Emph(String),
    Strong(String),
    /// Footnote mark referring to footnote `n`.
    Note(u32),
}

impl Text {
    pub fn plain(s: impl Into<String>) -> Self {
        Text(vec![Inline::Plain(s.into())])
    }

    /// The text without markup and without footnote marks.
    pub fn to_plain(&self) -> String {
        let mut out = String::new();
        for inline in &self.0 {
            match inline {
                Inline::Plain(s) | Inline::Emph(s) | Inline::Strong(s) => out.push_str(s),
                Inline::Note(_) => {}
            }
        }
        out
    }

    /// Footnote numbers referenced, in order of appearance.
    pub fn footnote_refs(&self) -> Vec<u32> {
        self.0
            .iter()
            .filter_map(|i| match i {
                Inline::Note(n) => Some(*n),
                _ => None,
            })
            .collect()
    }

    pub fn is_empty(&self) -> bool {
        self.0.iter().all(|i| match i {
            Inline::Plain(s) | Inline::Emph(s) | Inline::Strong(s) => s.is_empty(),
            Inline::Note(_) => false,
        })
    }

    /// Appends an inline, merging adjacent runs of the same kind.
    pub fn push(&mut self, inline: Inline) {
        match (self.0.last_mut(), inline) {
            (Some(Inline::Plain(a)), Inline::Plain(b)) => a.push_str(&b),
            (Some(Inline::Emph(a)), Inline::Emph(b)) => a.push_str(&b),
            (Some(Inline::Strong(a)), Inline::Strong(b)) => a.push_str(&b),
            (_, Inline::Plain(b) | Inline::Emph(b) | Inline::Strong(b)) if b.is_empty() => {}
            (_, inline) => self.0.push(inline),
        }
    }
}

impl Paragraph {
    /// This paragraph and all its sub-paragraphs, depth first.
    pub fn walk(&self) -> Vec<&Paragraph> {
        let mut out = vec![self];
        for child in &self.children {
            out.extend(child.walk());
        }
        out
    }
}

impl Resolution {
    /// Every node of body and annexes, depth first, with its nesting depth.
    pub fn visit(&self, mut f: impl FnMut(Visit<'_>)) {
        fn nodes<'a>(list: &'a [Node], f: &mut dyn FnMut(Visit<'a>)) {
            for node in list {
                match node {
                    Node::Formula(b) => f(Visit::Formula(b)),
                    Node::Heading(b) => f(Visit::Heading(b)),
                    Node::Block(b) => f(Visit::Block(b)),
                    Node::Paragraph(p) => {
                        for q in p.walk() {
                            f(Visit::Paragraph(q));
                        }
                    }
                    Node::Section(s) => {
                        f(Visit::Section(s));
                        nodes(&s.body, f);
                    }
                }
            }
        }
        nodes(&self.body, &mut f);
        for annex in &self.annexes {
            f(Visit::Annex(annex));
            nodes(&annex.body, &mut f);
        }
        for note in &self.footnotes {
            f(Visit::Footnote(note));
        }
    }

    /// Every anchor id the document defines, in document order.
    pub fn ids(&self) -> Vec<String> {
        let mut out = Vec::new();
        self.visit(|v| out.push(v.id()));
        if self.closing.is_some() {
            out.push(crate::ids::CLOSING.to_string());
        }
        out
    }
}

/// One element met by [`Resolution::visit`].
#[derive(Debug, Clone, Copy)]
pub enum Visit<'a> {
    Formula(&'a Block),
    Heading(&'a Block),
    Block(&'a Block),
    Paragraph(&'a Paragraph),
    Section(&'a Section),
    Annex(&'a Annex),
    Footnote(&'a Footnote),
}

impl Visit<'_> {
    pub fn id(&self) -> String {
        match self {
            Visit::Formula(b) | Visit::Heading(b) | Visit::Block(b) => b.id.clone(),
            Visit::Paragraph(p) => p.id.clone(),
            Visit::Section(s) => s.id.clone(),
            Visit::Annex(a) => a.id.clone(),
            Visit::Footnote(n) => crate::ids::footnote(n.n),
        }
    }
}
