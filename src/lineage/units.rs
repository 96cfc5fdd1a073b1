//! Units of alignment: every paragraph and sub-paragraph of a resolution (body and
//! annexes), in document order, with its plain text, its class, its parent, and its
//! normalised words. Sections, headings and blocks are not units.

use crate::model::{Node, ParaKind, Paragraph, Resolution};

/// Which paragraphs may align without a penalty: preambular with preambular,
/// operative and sub-paragraphs together, annex paragraphs together.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Class {
    Preamble,
    Operative,
    Annex,
}

#[derive(Debug)]
pub(crate) struct Unit {
    pub id: String,
    pub text: String,
    pub class: Class,
    /// Index of the enclosing paragraph's unit.
    pub parent: Option<usize>,
}

/// A version made ready for alignment: its units, their normalised texts and
/// their shingle keys, which do not depend on what it is aligned with.
#[derive(Debug)]
pub struct Version {
    pub(crate) symbol: String,
    pub(crate) units: Vec<Unit>,
    /// Normalised text of each unit.
    pub(crate) texts: Vec<String>,
    /// Shingle keys of each unit (`shingles::keys`).
    pub(crate) keys: Vec<Vec<u64>>,
}

impl Version {
    /// `res` made ready for alignment.
    pub fn of(res: &Resolution) -> Version {
        let units = units(res, true);
        let texts = units.iter().map(|u| normalised(&u.text)).collect();
        let keys = units.iter().map(|u| super::shingles::keys(&u.text)).collect();
        Version { symbol: res.meta.symbol.clone(), units, texts, keys }
    }
}

/// The units of `res`, in document order; without `text`, their texts are left empty.
pub(crate) fn units(res: &Resolution, text: bool) -> Vec<Unit> {
    let mut out = Vec::new();
    nodes(&res.body, false, text, &mut out);
    for annex in &res.annexes {
        nodes(&annex.body, true, text, &mut out);
    }
    out
}

fn nodes(list: &[Node], annex: bool, text: bool, out: &mut Vec<Unit>) {
    for node in list {
        match node {
            Node::Paragraph(p) => paragraph(p, None, annex, text, out),
            Node::Section(s) => nodes(&s.body, annex, text, out),
            Node::Formula(_) | Node::Heading(_) | Node::Block(_) => {}
        }
    }
}

fn paragraph(p: &Paragraph, parent: Option<usize>, annex: bool, text: bool, out: &mut Vec<Unit>) {
    let class = match (annex, p.kind, parent) {
        (true, ..) => Class::Annex,
        (false, ParaKind::Preambular, _) => Class::Preamble,
        (false, _, Some(up)) => out[up].class,
        (false, ..) => Class::Operative,
    };
    let me = out.len();
    let own = if text { p.text.to_plain() } else { String::new() };
    out.push(Unit { id: p.id.clone(), text: own, class, parent });
    for child in &p.children {
        paragraph(child, Some(me), annex, text, out);
    }
}

/// Text compared for "unchanged": spaces collapsed, typographic quotes, dashes and
/// apostrophes made plain, trimmed.
pub(crate) fn normalised(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().map(|c| match c {
            '\u{2018}' | '\u{2019}' | '\u{02BC}' => '\'',
            '\u{201C}' | '\u{201D}' => '"',
            '\u{2010}' | '\u{2011}' | '\u{2013}' | '\u{2014}' => '-',
            c => c,
        }));
    }
    out
}

/// Calls `f` with each word of `text`, lowercased: maximal runs of letters and digits.
pub(crate) fn words(text: &str, buf: &mut String, mut f: impl FnMut(&str)) {
    buf.clear();
    for c in text.chars() {
        if c.is_alphanumeric() {
            if c.is_ascii() {
                buf.push(c.to_ascii_lowercase());
            } else {
                buf.extend(c.to_lowercase());
            }
        } else if !buf.is_empty() {
            f(buf);
            buf.clear();
        }
    }
    if !buf.is_empty() {
        f(buf);
        buf.clear();
    }
}
