//! Units of alignment: every paragraph and sub-paragraph of a resolution (body and
//! annexes), in document order, with its plain text, its class, its parent, and its
//! normalised words. Sections, headings and blocks are not units.

use super::shingles::VersionShingles;
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
/// their shingles, which do not depend on what it is aligned with.
#[derive(Debug)]
pub struct Version {
    pub(crate) symbol: String,
    pub(crate) units: Vec<Unit>,
    /// Normalised text of each unit.
    pub(crate) texts: Vec<String>,
    /// The shingles of its units.
    pub(crate) shingles: VersionShingles,
}

impl Version {
    /// `res` made ready for alignment.
    pub fn of(res: &Resolution) -> Version {
        let units = units(res, true);
        let texts = units.iter().map(|u| normalised(&u.text)).collect();
        let keys: Vec<Vec<u64>> = units.iter().map(|u| super::shingles::keys(&u.text)).collect();
        let shingles = VersionShingles::of(&keys);
        Version { symbol: res.meta.symbol.clone(), units, texts, shingles }
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
    let bytes = text.as_bytes();
    let mut space = false;
    let mut at = 0;
    while at < bytes.len() {
        let run = plain_run(&bytes[at..]);
        if run > 0 {
            if space {
                out.push(' ');
                space = false;
            }
            out.push_str(&text[at..at + run]);
            at += run;
            continue;
        }
        let c = text[at..].chars().next().unwrap_or_default();
        at += c.len_utf8();
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(match c {
            '\u{2018}' | '\u{2019}' | '\u{02BC}' => '\'',
            '\u{201C}' | '\u{201D}' => '"',
            '\u{2010}' | '\u{2011}' | '\u{2013}' | '\u{2014}' => '-',
            c => c,
        });
    }
    out
}

/// The length of the text at the start of `bytes` that [`normalised`] keeps as it is:
/// printable ASCII other than spaces, and single spaces between two such characters.
fn plain_run(bytes: &[u8]) -> usize {
    let printable = |b: u8| b > b' ' && b < 0x7f;
    let mut at = 0;
    while at < bytes.len() {
        if printable(bytes[at]) {
            at += 1;
        } else if at > 0 && bytes[at] == b' ' && bytes.get(at + 1).is_some_and(|&b| printable(b)) {
            at += 2;
        } else {
            break;
        }
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The plain definition that [`normalised`] must agree with.
    fn normalised_by_words(text: &str) -> String {
        let map = |c| match c {
            '\u{2018}' | '\u{2019}' | '\u{02BC}' => '\'',
            '\u{201C}' | '\u{201D}' => '"',
            '\u{2010}' | '\u{2011}' | '\u{2013}' | '\u{2014}' => '-',
            c => c,
        };
        text.split_whitespace().map(|w| w.chars().map(map).collect::<String>()).collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn typographic_marks_and_spaces() {
        let text =
            "\u{a0} Recalling\u{2003}its resolution\t61/183 \u{2014} \u{201C}the\u{00A0}Member\u{2019}s\u{201D}\n";
        assert_eq!(normalised(text), "Recalling its resolution 61/183 - \"the Member's\"");
    }

    #[test]
    fn spaces_at_the_ends_and_doubled() {
        assert_eq!(normalised(" 0"), "0");
        assert_eq!(normalised("a  b "), "a b");
        assert_eq!(normalised("a \u{2019}b"), "a 'b");
        assert_eq!(normalised("a\tb c"), "a b c");
    }

    proptest! {
        #[test]
        fn normalised_agrees_with_its_definition(text in "(?s)[a-zA-Z0-9 \t\n\u{0b}\u{0c}\r\u{1}\u{7f}~.,;’‘ʼ“”‐‑–—\u{a0}\u{2003}éÜİẞΣ]{0,40}") {
            prop_assert_eq!(normalised(&text), normalised_by_words(&text));
        }
    }
}
