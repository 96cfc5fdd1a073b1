//! Body lines → blocks: one block per paragraph, heading, label or closing, each
//! with the label it opens with (`7.`, `(a)`, `II`, `Annex`) and its text joined from
//! its lines. Paragraphs that a page break or a footnote block cut in two are
//! stitched back: a block that starts in lower case, or follows text that stopped
//! mid-sentence, continues the block before it.

use super::furniture::Piece;
use super::joiner::Joiner;
use super::lexicon::{opening_phrase, Part};
use super::masthead::FORMULA;
use regex::Regex;
use std::sync::LazyLock;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Label {
    None,
    /// `7.`: an operative or annex paragraph number.
    Number(u32),
    /// `(a)`, `(ii)`: a sub-paragraph label, without parentheses.
    Sub(String),
    /// `II` or `A.`: a section numeral.
    Section(String),
    /// `Annex`, `Annex II`: the number, empty for a lone annex.
    Annex(String),
    /// The opening formula, `The General Assembly,`.
    Formula,
    /// `82nd plenary meeting`.
    Closing,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawBlock {
    pub label: Label,
    pub text: String,
    /// Input line the block starts on.
    pub line: usize,
}

static NUMBER_ALONE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(\d{1,3})\.$").expect("valid regex"));
static NUMBER_LEAD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(\d{1,3})\.\s+(\S.*)$").expect("valid regex"));
static SUB_LEAD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\(([a-z]{1,2}|[ivxl]{1,6})\)(?:\s+(\S.*))?$").expect("valid regex"));
static SECTION_ALONE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([IVXL]{1,6})\.?$|^([A-H])\.$").expect("valid regex"));
static SECTION_LEAD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([IVXL]{1,6})\.\s+([A-Z].*)$").expect("valid regex"));
static ANNEX: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:Annex|ANNEX)(?:\s+([IVXL]{1,6}|\d{1,2}))?$").expect("valid regex"));
pub static CLOSING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,3}(?:st|nd|rd|th) plenary meeting)(?:\s+(.*))?$").expect("valid regex"));

/// Whether text ends where a paragraph may end (ignoring footnote digits, quotes
/// and brackets that may trail the punctuation).
pub fn ends_sentence(text: &str) -> bool {
    let t = text.trim_end().trim_end_matches(|c: char| c.is_ascii_digit() || c == ' ');
    let t = t.trim_end_matches(['”', '"', '’', ')', ']']);
    t.ends_with(['.', ',', ';', ':', '!', '?']) || text.trim_end().ends_with(['.', ';', ':', ','])
}

/// Whether text ends with a colon, introducing a list of sub-paragraphs.
pub fn introduces_list(text: &str) -> bool {
    text.trim_end().trim_end_matches(|c: char| c.is_ascii_digit() || c == ' ').ends_with(':')
}

/// Groups pieces into blocks and stitches blocks split by page or footnote breaks.
pub fn blocks(pieces: &[Piece], joiner: &Joiner) -> Vec<RawBlock> {
    let mut out: Vec<RawBlock> = Vec::new();
    // What separates this line from the block before: nothing (same block), a blank
    // line, or a page break.
    let mut gap = Gap::Blank;
    let mut last_number = 0u32;
    for piece in pieces {
        let line = match piece {
            Piece::Text(line) => line,
            Piece::Blank => {
                gap = gap.max(Gap::Blank);
                continue;
            }
            _ => {
                gap = Gap::Break;
                continue;
            }
        };
        let t = line.trimmed();
        let previous = out.last();
        // Whether the block before may end here, so that a label can open a new one.
        let may_label = || {
            let previous_done = previous.is_none_or(|b| {
                b.text.is_empty()
                    || ends_sentence(&b.text)
                    || !matches!(b.label, Label::None | Label::Number(_) | Label::Sub(_))
                    || (b.label == Label::None && heading_like(&b.text))
            });
            match gap {
                Gap::None => previous_done,
                Gap::Blank => true,
                Gap::Break => previous_done || previous.is_some_and(|b| heading_like(&b.text)),
            }
        };
        if let Some((label, rest)) = label_of(t, may_label, last_number) {
            if let Label::Number(n) = label {
                last_number = n;
            }
            let closed = label == Label::Formula;
            out.push(RawBlock { label, text: rest.to_string(), line: line.no });
            gap = if closed { Gap::Blank } else { Gap::None };
            continue;
        }
        match out.last_mut() {
            Some(block) if gap == Gap::None => joiner.push(&mut block.text, t),
            _ => out.push(RawBlock { label: Label::None, text: t.to_string(), line: line.no }),
        }
        gap = Gap::None;
    }
    stitch(out, joiner)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Gap {
    None,
    Blank,
    Break,
}

/// The label a line opens with, if it opens a new block, and the text after it.
fn label_of(t: &str, may_label: impl FnOnce() -> bool, last_number: u32) -> Option<(Label, &str)> {
    // Each pattern is tried only on lines that start the way it needs.
    let first = t.chars().next()?;
    if t.starts_with("The ") {
        return FORMULA.is_match(t).then_some((Label::Formula, t));
    }
    if t.starts_with("Annex") || t.starts_with("ANNEX") {
        let c = ANNEX.captures(t)?;
        return Some((Label::Annex(c.get(1).map_or("", |m| m.as_str()).to_string()), ""));
    }
    if first.is_ascii_digit() {
        if CLOSING.is_match(t) {
            return Some((Label::Closing, t));
        }
        let digits = t.bytes().take_while(u8::is_ascii_digit).count();
        if t.as_bytes().get(digits) != Some(&b'.') || !may_label() {
            return None;
        }
        let plausible = |n: u32| n == 1 || n == last_number + 1 || (n > last_number && n <= last_number + 3);
        if let Some(c) = NUMBER_ALONE.captures(t) {
            let n: u32 = c[1].parse().ok()?;
            return plausible(n).then_some((Label::Number(n), ""));
        }
        let c = NUMBER_LEAD.captures(t)?;
        let n: u32 = c[1].parse().ok()?;
        let rest = c.get(2).expect("group 2 matched").as_str();
        return plausible(n).then_some((Label::Number(n), rest));
    }
    if first == '(' {
        let c = SUB_LEAD.captures(t)?;
        if !may_label() {
            return None;
        }
        let rest = c.get(2).map_or("", |m| m.as_str());
        return Some((Label::Sub(c[1].to_string()), rest));
    }
    let roman_start = matches!(first, 'I' | 'V' | 'X' | 'L')
        && (t.len() <= 7 || t.char_indices().take(8).any(|(i, c)| c == '.' && t[i + 1..].starts_with(' ')));
    if !(roman_start || (matches!(first, 'A'..='H') && t.len() <= 2)) || !may_label() {
        return None;
    }
    if let Some(c) = SECTION_ALONE.captures(t) {
        let num = c.get(1).or(c.get(2)).expect("one group matched").as_str();
        return Some((Label::Section(num.to_string()), ""));
    }
    let c = SECTION_LEAD.captures(t)?;
    let rest = c.get(2).expect("group 2 matched").as_str();
    // `I. Title` is a section only when the title reads as a heading.
    (!ends_sentence(rest)).then(|| (Label::Section(c[1].to_string()), rest))
}

/// Whether an unlabelled block reads as a heading: short, capitalised, and not
/// ending like a sentence.
///
/// A longer run opening with a preambular phrase (`Recalling the importance of …`)
/// is the first half of a paragraph a page break cut, not a heading.
pub fn heading_like(text: &str) -> bool {
    let words = text.split_whitespace().take(25).count();
    (1..=24).contains(&words)
        && text.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
        && !ends_sentence(text)
        && !(words > 8 && opening_phrase(text, Part::Preamble).is_some())
}

/// Joins each block that continues the one before it.
fn stitch(blocks: Vec<RawBlock>, joiner: &Joiner) -> Vec<RawBlock> {
    let mut out: Vec<RawBlock> = Vec::with_capacity(blocks.len());
    for block in blocks {
        if block.label == Label::None {
            if let Some(prev) = out.last_mut() {
                let prev_is_text = matches!(prev.label, Label::None | Label::Number(_) | Label::Sub(_));
                let starts_lower = block.text.starts_with(|c: char| c.is_lowercase());
                let prev_open = !prev.text.is_empty() && !ends_sentence(&prev.text);
                let prev_heading = prev.label == Label::None && heading_like(&prev.text) && !starts_lower;
                let bare_label = prev.text.is_empty() && matches!(prev.label, Label::Number(_) | Label::Sub(_));
                if bare_label
                    || (prev_is_text && !prev.text.is_empty() && (starts_lower || (prev_open && !prev_heading)))
                {
                    joiner.push(&mut prev.text, &block.text);
                    continue;
                }
            }
        }
        out.push(block);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::normalize::Line;

    fn pieces(s: &str) -> Vec<Piece> {
        s.lines()
            .enumerate()
            .map(|(i, t)| match t.trim() {
                "" => Piece::Blank,
                "BREAK" => Piece::Break,
                _ => Piece::Text(Line { no: i + 1, text: t.to_string() }),
            })
            .collect()
    }

    #[test]
    fn labels_and_stitching() {
        let j = Joiner::new(&[]);
        let b = blocks(
            &pieces("The General Assembly,\n\nRecalling its resolution,\n\n1.\nDecides that:\n\n(a)\nThe State may\nBREAK\nsubmit a statement;\n\n2. Also decides that\nBREAK\nthe Assembly will;\n\n3rd plenary meeting\n19 September 2025"),
            &j,
        );
        let labels: Vec<_> = b.iter().map(|b| b.label.clone()).collect();
        assert_eq!(
            labels,
            vec![
                Label::Formula,
                Label::None,
                Label::Number(1),
                Label::Sub("a".into()),
                Label::Number(2),
                Label::Closing
            ]
        );
        assert_eq!(b[3].text, "The State may submit a statement;");
        assert_eq!(b[4].text, "Also decides that the Assembly will;");
        assert_eq!(b[5].text, "3rd plenary meeting 19 September 2025");
    }
}
