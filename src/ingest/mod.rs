//! The importer: text extracted from an official resolution PDF in, a
//! [`Resolution`] model and warnings out.
//!
//! Stages, each its own module: `normalize` (bytes → clean lines), `masthead` (title
//! line and the fields above it), `furniture` (page headers, counters, job numbers
//! and rules out; page breaks marked), `footnotes` (footnote blocks out of the
//! flow), `blocks` (lines → labelled blocks, split paragraphs stitched), `structure`
//! (blocks → tree with ids), `marks` (footnote marks recovered from glued digits)
//! and `lexicon` (italic opening phrases). Nothing is dropped: what cannot be
//! classified is kept as a block and reported as a [`Warning`].

pub mod akn;
mod blocks;
use crate::dates;
mod footnotes;
mod furniture;
mod joiner;
mod lexicon;
mod marks;
mod masthead;
mod normalize;
mod structure;

pub use normalize::MAX_INPUT;

use crate::model::{Footnote, Inline, Node, ParaKind, Resolution, Text};
use lexicon::Part;

/// Something the importer noticed but could handle, with the input line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub line: usize,
    pub message: String,
}

impl Warning {
    pub fn new(line: usize, message: impl Into<String>) -> Self {
        Warning { line, message: message.into() }
    }
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// Why an input could not be imported at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    #[error("the file is empty")]
    Empty,
    #[error("the file is {size} bytes, more than the {limit}-byte limit for one resolution")]
    TooLarge { size: usize, limit: usize },
    #[error("not a text file: binary data at byte {offset}")]
    Binary { offset: usize },
    #[error("not UTF-8 text: invalid byte at offset {offset} (line {line}); convert the file to UTF-8")]
    NotUtf8 { offset: usize, line: usize },
    #[error("no resolution found: no line like `61/183. Title` (the resolution number and title)")]
    NoResolution,
    #[error("not a readable Akoma Ntoso document: {0}")]
    Akn(akn::AknError),
}

/// A resolution and what the importer had to say about it.
#[derive(Debug, Clone)]
pub struct Imported {
    pub resolution: Resolution,
    pub warnings: Vec<Warning>,
}

/// Imports one resolution from the raw bytes of its extracted text.
pub fn import(bytes: &[u8]) -> Result<Imported, ImportError> {
    let text = normalize::decode(bytes)?;
    let lines = normalize::lines(text);
    let mut warnings = Vec::new();
    let head = masthead::parse(&lines, &mut warnings).ok_or(ImportError::NoResolution)?;
    let mut meta = head.meta;
    let body_lines = &lines[head.body_start..];
    let joiner = joiner::Joiner::new(&lines);
    let headers = furniture::Headers::new(&meta.symbol, &meta.title);
    let pieces = furniture::strip(body_lines, &headers);
    let (pieces, raw_notes) = footnotes::extract(pieces, &joiner);
    let raw_blocks = blocks::blocks(&pieces, &joiner);
    let built = structure::build(&raw_blocks, &mut warnings);
    let closing = built.closing.or(head.adoption);
    // A resolution adopted in parts closes each part; the first gives the date.
    let part_closings: Vec<&crate::model::Closing> = built
        .body
        .iter()
        .filter_map(|n| match n {
            Node::Section(s) => s.closing.as_ref(),
            _ => None,
        })
        .collect();
    if meta.adopted.is_none() {
        meta.adopted = closing.as_ref().or(part_closings.first().copied()).and_then(|c| dates::iso(&c.date));
    }
    let has_closing = closing.is_some() || !part_closings.is_empty();
    let has_formula = built.body.iter().any(|n| match n {
        Node::Formula(_) => true,
        Node::Section(s) => s.body.iter().any(|n| matches!(n, Node::Formula(_))),
        _ => false,
    });
    let mut res = Resolution {
        meta,
        body: built.body,
        closing,
        annexes: built.annexes,
        footnotes: raw_notes.iter().map(|n| Footnote { n: n.n, text: Text::plain(joiner::tidy(&n.text)) }).collect(),
    };
    if !has_formula {
        warnings.push(Warning::new(
            lines.get(head.body_start).map_or(1, |l| l.no),
            "no opening formula (`The General Assembly,`) found",
        ));
    }
    if !has_closing {
        let last = lines.last().map_or(1, |l| l.no);
        warnings
            .push(Warning::new(last, "no closing line (`82nd plenary meeting` and date): the text may be truncated"));
    }
    place_marks(&mut res, &raw_notes, &mut warnings);
    italicise_openings(&mut res);
    Ok(Imported { resolution: res, warnings })
}

/// Imports one resolution from extracted text or, when `path` ends in `.xml` or the
/// content starts like XML, from an Akoma Ntoso document ([`akn`]).
pub fn import_any(bytes: &[u8], path: Option<&std::path::Path>) -> Result<Imported, ImportError> {
    if akn::looks_like_akn(bytes, path) {
        let text = normalize::decode(bytes)?;
        let resolution = akn::import_akn(text).map_err(ImportError::Akn)?;
        // What the reader made of a document written by other hands must still be a
        // resolution Plenary can write and read back (unique ids, each sub-paragraph
        // under its paragraph, one line per paragraph): a shape it cannot represent
        // is an error, never a Markdown file that does not load.
        let md = crate::markdown::write(&resolution);
        if let Err(e) = crate::markdown::load(&md) {
            let at = md.lines().nth(e.line.saturating_sub(1)).unwrap_or_default();
            return Err(ImportError::Akn(akn::AknError::new(
                1,
                format!("the document's structure does not fit Plenary's model: {}, at `{at}`", e.message),
            )));
        }
        return Ok(Imported { resolution, warnings: Vec::new() });
    }
    import(bytes)
}

/// Every text that may carry footnote marks, in document order.
fn texts_mut(res: &mut Resolution) -> Vec<&mut Text> {
    fn paragraph<'a>(p: &'a mut crate::model::Paragraph, out: &mut Vec<&'a mut Text>) {
        out.push(&mut p.text);
        for c in &mut p.children {
            paragraph(c, out);
        }
    }
    fn nodes<'a>(list: &'a mut [Node], out: &mut Vec<&'a mut Text>) {
        for node in list {
            match node {
                Node::Formula(_) => {}
                Node::Heading(b) | Node::Block(b) => out.push(&mut b.text),
                Node::Paragraph(p) => paragraph(p, out),
                Node::Section(s) => {
                    if let Some(t) = &mut s.title {
                        out.push(t);
                    }
                    nodes(&mut s.body, out);
                }
            }
        }
    }
    let mut out = Vec::new();
    nodes(&mut res.body, &mut out);
    for annex in &mut res.annexes {
        if let Some(t) = &mut annex.title {
            out.push(t);
        }
        nodes(&mut annex.body, &mut out);
    }
    out
}

fn place_marks(res: &mut Resolution, notes: &[footnotes::RawFootnote], warnings: &mut Vec<Warning>) {
    let count = notes.len() as u32;
    let mut texts = texts_mut(res);
    let plain: Vec<String> = texts.iter().map(|t| joiner::tidy(&t.to_plain())).collect();
    let marked = marks::recover(&plain, count);
    for (text, inlines) in texts.iter_mut().zip(marked.units) {
        **text = Text(inlines);
    }
    for n in marked.missing {
        let line = notes.iter().find(|x| x.n == n).map_or(1, |x| x.line);
        warnings.push(Warning::new(
            line,
            format!("the mark of footnote {n} was not found in the text; the footnote is kept unreferenced"),
        ));
    }
}

fn italicise_openings(res: &mut Resolution) {
    fn apply(text: &mut Text, part: Part) {
        let Some(Inline::Plain(first)) = text.0.first() else { return };
        let Some(len) = lexicon::opening_phrase(first, part) else { return };
        let rest = first[len..].to_string();
        let lead = first[..len].to_string();
        text.0[0] = Inline::Plain(rest);
        text.0.insert(0, Inline::Emph(lead));
        if matches!(text.0.get(1), Some(Inline::Plain(s)) if s.is_empty()) {
            text.0.remove(1);
        }
    }
    fn nodes(list: &mut [Node]) {
        for node in list {
            match node {
                Node::Formula(b) => {
                    // "The General Assembly," is italic up to the comma.
                    if let Some(Inline::Plain(s)) = b.text.0.first().cloned() {
                        let words = s.trim_end_matches(',').to_string();
                        let comma = &s[words.len()..];
                        b.text = Text(vec![Inline::Emph(words)]);
                        if !comma.is_empty() {
                            b.text.0.push(Inline::Plain(comma.to_string()));
                        }
                    }
                }
                Node::Paragraph(p) if p.kind == ParaKind::Preambular => apply(&mut p.text, Part::Preamble),
                Node::Paragraph(p) if p.kind == ParaKind::Operative => apply(&mut p.text, Part::Operative),
                Node::Section(s) => nodes(&mut s.body),
                _ => {}
            }
        }
    }
    nodes(&mut res.body);
}
