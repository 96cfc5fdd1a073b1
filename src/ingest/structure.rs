//! Blocks → document tree. Walks the blocks in order through the parts of a
//! resolution (opening formula, preamble, operative part, closing, annexes) and
//! builds paragraphs, sub-paragraphs (explicit `(a)`/`(i)` labels, and labels the
//! extractor lost, inferred from the list they stand in), sections and headings.
//! Then assigns every element its id (see `ids`), with section prefixes only where
//! a section restarts the numbering. Anything it cannot place is kept verbatim as a
//! block and reported.

use super::blocks::{heading_like, introduces_list, Label, RawBlock, CLOSING};
use super::Warning;
use crate::ids::{self, Scope};
use std::collections::HashSet;

use crate::model::{Annex, Block, Closing, Node, ParaKind, Paragraph, Section, Text};

/// A paragraph before ids are assigned.
#[derive(Debug, Clone)]
struct Para {
    num: Option<String>,
    text: String,
    line: usize,
    children: Vec<Para>,
}

#[derive(Debug, Clone)]
enum Item {
    Formula(String),
    Preambular(Para),
    /// Numbered (operative, or annex) paragraph; unnumbered when `num` is `None`.
    Numbered(Para),
    /// Unnumbered text paragraph (annexes).
    Text(Para),
    Heading(String),
    Section {
        num: String,
        title: Option<String>,
        items: Vec<Item>,
    },
    /// A lettered part (`A`, `B`) with its own formula, preamble, operative part and closing.
    Part {
        num: String,
        title: Option<String>,
        items: Vec<Item>,
        closing: Option<Closing>,
    },
    Block(String),
}

#[derive(Debug, Default)]
struct Container {
    items: Vec<Item>,
}

impl Container {
    /// Where new items go: into the open part, then into its (or the container's)
    /// open section.
    fn current(&mut self) -> &mut Vec<Item> {
        let items = open_part(&mut self.items);
        open_section(items)
    }

    /// The items of the open part, or the container's own.
    fn part_items(&mut self) -> &mut Vec<Item> {
        open_part(&mut self.items)
    }

    /// The open part, if the container is in one.
    fn open_part(&mut self) -> Option<&mut Item> {
        self.items.last_mut().filter(|i| matches!(i, Item::Part { closing: None, .. }))
    }
}

/// The items of the last part, if the container ends with one (text after a part's
/// closing stays in the part: Markdown has no way back out of a section), or the
/// container's own.
fn open_part(items: &mut Vec<Item>) -> &mut Vec<Item> {
    let last = items.len().wrapping_sub(1);
    if matches!(items.get(last), Some(Item::Part { .. })) {
        match &mut items[last] {
            Item::Part { items, .. } => items,
            _ => unreachable!("checked to be a part"),
        }
    } else {
        items
    }
}

fn open_section(items: &mut Vec<Item>) -> &mut Vec<Item> {
    let last = items.len().wrapping_sub(1);
    if matches!(items.get(last), Some(Item::Section { .. })) {
        match &mut items[last] {
            Item::Section { items, .. } => items,
            _ => unreachable!("checked to be a section"),
        }
    } else {
        items
    }
}

/// Whether block `k` opens a lettered part: `A` (or `A.`), its title on the same
/// line or the next block, and then an opening formula. Returns the letter, the
/// title, and how many blocks the label and title take.
fn part_start(blocks: &[RawBlock], k: usize) -> Option<(String, Option<String>, usize)> {
    let is_part_letter = |l: &str| l.len() == 1 && l.chars().all(|c| ('A'..='H').contains(&c));
    let block = &blocks[k];
    let (letter, inline_title) = match &block.label {
        Label::Section(num) if is_part_letter(num) => (num.clone(), Some(block.text.clone()).filter(|t| !t.is_empty())),
        Label::None => {
            let t = block.text.trim();
            let (first, rest) = t.split_once(' ').unwrap_or((t, ""));
            let letter = first.trim_end_matches('.');
            if !is_part_letter(letter) {
                return None;
            }
            (letter.to_string(), Some(rest.trim().to_string()).filter(|r| !r.is_empty()))
        }
        _ => return None,
    };
    let (title, used) = match inline_title {
        Some(t) => (Some(t), 1),
        None => match blocks.get(k + 1) {
            Some(b) if b.label == Label::None && heading_like(&b.text) => (Some(b.text.clone()), 2),
            _ => (None, 1),
        },
    };
    blocks.get(k + used).is_some_and(|b| b.label == Label::Formula).then_some((letter, title, used))
}

struct AnnexDraft {
    num: String,
    title: Option<String>,
    body: Container,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Before,
    Preamble,
    Operative,
    Closed,
    Annex,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    Nothing,
    SectionTitle,
    AnnexTitle,
}

pub struct Built {
    pub body: Vec<Node>,
    pub closing: Option<Closing>,
    pub annexes: Vec<Annex>,
}

pub fn build(blocks: &[RawBlock], warnings: &mut Vec<Warning>) -> Built {
    let mut body = Container::default();
    let mut annexes: Vec<AnnexDraft> = Vec::new();
    let mut closing = None;
    let mut part = Part::Before;
    let mut expect = Expect::Nothing;
    let mut skip = 0;
    for (k, block) in blocks.iter().enumerate() {
        if skip > 0 {
            skip -= 1;
            continue;
        }
        let in_body = annexes.is_empty();
        let container = match annexes.last_mut() {
            Some(a) => &mut a.body,
            None => &mut body,
        };
        if matches!(part, Part::Before | Part::Closed) && in_body {
            // A letter a part already has does not open another (its ids would repeat).
            let start = part_start(blocks, k).filter(|(num, ..)| {
                !container.items.iter().any(|i| matches!(i, Item::Part { num: seen, .. } if seen == num))
            });
            if let Some((num, title, used)) = start {
                container.items.push(Item::Part { num, title, items: Vec::new(), closing: None });
                part = Part::Before;
                skip = used - 1;
                continue;
            }
        }
        let text = block.text.clone();
        match &block.label {
            Label::Formula if part == Part::Before => {
                container.part_items().push(Item::Formula(text));
                part = Part::Preamble;
            }
            Label::Formula | Label::None if expect == Expect::AnnexTitle && !text.is_empty() && heading_like(&text) => {
                if let Some(a) = annexes.last_mut() {
                    a.title = Some(text);
                }
                expect = Expect::Nothing;
                continue;
            }
            Label::None if expect == Expect::SectionTitle && heading_like(&text) => {
                if let Some(Item::Section { title, .. }) = container.items.last_mut() {
                    *title = Some(text);
                }
                expect = Expect::Nothing;
                continue;
            }
            Label::Closing if part != Part::Annex => {
                let c = CLOSING.captures(&text).expect("labelled by the closing pattern");
                let date = c.get(2).map_or("", |m| m.as_str()).trim().to_string();
                if date.is_empty() {
                    warnings.push(Warning::new(block.line, "closing line without a date"));
                }
                let this = Closing { meeting: c[1].to_string(), date };
                match container.open_part() {
                    Some(Item::Part { closing: part_closing, .. }) => *part_closing = Some(this),
                    _ => closing = Some(this),
                }
                part = Part::Closed;
            }
            Label::Annex(num) => {
                annexes.push(AnnexDraft { num: num.clone(), title: None, body: Container::default() });
                part = Part::Annex;
                expect = Expect::AnnexTitle;
                if !text.is_empty() {
                    annexes.last_mut().expect("just pushed").title = Some(text);
                    expect = Expect::Nothing;
                }
                continue;
            }
            Label::Section(num) => {
                let title = (!text.is_empty()).then_some(text);
                expect = if title.is_none() { Expect::SectionTitle } else { Expect::Nothing };
                container.items.push(Item::Section { num: num.clone(), title, items: Vec::new() });
                if matches!(part, Part::Before | Part::Preamble) {
                    part = Part::Operative;
                }
                continue;
            }
            Label::Number(n) => {
                if matches!(part, Part::Before | Part::Preamble) {
                    part = Part::Operative;
                }
                let para = Para { num: Some(n.to_string()), text, line: block.line, children: Vec::new() };
                container.current().push(Item::Numbered(para));
            }
            Label::Sub(label) => {
                if !attach_sub(container.current(), Some(label), text.clone(), block.line, &blocks[k + 1..], warnings) {
                    warnings.push(Warning::new(
                        block.line,
                        format!("sub-paragraph ({label}) outside any paragraph, kept as a block"),
                    ));
                    container.current().push(Item::Block(format!("({label}) {text}")));
                }
            }
            Label::None | Label::Formula | Label::Closing => {
                let items = container.current();
                let para = Para { num: None, text: text.clone(), line: block.line, children: Vec::new() };
                match part {
                    Part::Preamble if heading_like(&text) => items.push(Item::Heading(text)),
                    Part::Preamble if text.trim_end().ends_with('.') => {
                        items.push(Item::Numbered(para));
                        part = Part::Operative;
                    }
                    Part::Preamble => items.push(Item::Preambular(para)),
                    Part::Operative | Part::Annex if heading_like(&text) => items.push(Item::Heading(text)),
                    Part::Operative | Part::Annex if in_list(items) => {
                        attach_sub(items, None, text, block.line, &blocks[k + 1..], warnings);
                    }
                    Part::Operative if matches!(items.last(), Some(Item::Numbered(p)) if p.num.is_none()) => {
                        items.push(Item::Numbered(para));
                    }
                    Part::Annex => items.push(Item::Text(para)),
                    _ => {
                        warnings.push(Warning::new(
                            block.line,
                            format!("text not recognised as part of the resolution, kept verbatim: {}", excerpt(&text)),
                        ));
                        items.push(Item::Block(text));
                    }
                }
            }
        }
        expect = Expect::Nothing;
    }
    number_gaps(&body.items, warnings);
    for annex in &annexes {
        number_gaps(&annex.body.items, warnings);
    }
    let annex_count = annexes.len();
    let annexes = annexes
        .into_iter()
        .enumerate()
        .map(|(i, a)| {
            let num = if a.num.is_empty() && annex_count > 1 { roman(i + 1) } else { a.num.clone() };
            let id = ids::annex_id(&num);
            let label = if a.num.is_empty() { "Annex".to_string() } else { format!("Annex {}", a.num) };
            let scope = Scope { annex: Some(num), section: None };
            Annex { id, label, title: a.title.map(Text::plain), body: assign(a.body.items, &scope) }
        })
        .collect();
    Built { body: assign(body.items, &Scope::default()), closing, annexes }
}

fn excerpt(text: &str) -> String {
    let short: String = text.chars().take(60).collect();
    if short.len() < text.len() {
        format!("{short}…")
    } else {
        short
    }
}

/// Whether unlabelled text here continues a list of sub-paragraphs.
fn in_list(items: &[Item]) -> bool {
    match items.last() {
        Some(Item::Numbered(p)) | Some(Item::Text(p)) => !p.children.is_empty() || introduces_list(&p.text),
        _ => false,
    }
}

/// Attaches a sub-paragraph (explicitly labelled, or with its label lost) to the last
/// paragraph of `items`. Returns false when there is no paragraph to attach to.
fn attach_sub(
    items: &mut [Item],
    label: Option<&str>,
    text: String,
    line: usize,
    ahead: &[RawBlock],
    warnings: &mut Vec<Warning>,
) -> bool {
    let Some(Item::Numbered(parent) | Item::Text(parent)) = items.last_mut() else {
        return false;
    };
    let last1 = parent.children.last();
    let opens_level2 = last1.is_some_and(|c| !c.children.is_empty() || introduces_list(&c.text));
    let expected_letter = last1.and_then(|c| c.num.as_deref()).map(next_letter).unwrap_or_else(|| "a".into());
    let expected_roman = last1
        .and_then(|c| c.children.last())
        .and_then(|c| c.num.as_deref())
        .map(|r| roman(from_roman(r) + 1).to_lowercase())
        .unwrap_or_else(|| "i".into());
    let (level, num) = match label {
        Some(l) => {
            let level = if l == expected_roman && opens_level2 {
                2
            } else if l == expected_letter {
                1
            } else if is_roman(l) && opens_level2 {
                warnings.push(Warning::new(
                    line,
                    format!("sub-paragraph ({l}) out of sequence: expected ({expected_roman})"),
                ));
                2
            } else {
                warnings.push(Warning::new(
                    line,
                    format!("sub-paragraph ({l}) out of sequence: expected ({expected_letter})"),
                ));
                1
            };
            (level, l.to_string())
        }
        None => {
            let level = if last1.is_none() {
                1
            } else if last1.is_some_and(|c| c.children.is_empty() && introduces_list(&c.text))
                || (last1.is_some_and(|c| !c.children.is_empty()) && !returns_to_level1(ahead, &expected_letter))
            {
                2
            } else {
                1
            };
            (level, if level == 1 { expected_letter } else { expected_roman })
        }
    };
    let para = Para { num: Some(num), text, line, children: Vec::new() };
    match (level, parent.children.last_mut()) {
        (2, Some(last)) => last.children.push(para),
        _ => parent.children.push(para),
    }
    true
}

/// Looking ahead from an unlabelled item inside a level-2 list: whether the items up
/// to the next explicit letter label must return to level 1 for the letters to be
/// consecutive (the unlabelled ones fill the letters missing before it).
fn returns_to_level1(ahead: &[RawBlock], expected_letter: &str) -> bool {
    let mut unlabelled = 1usize;
    for b in ahead {
        match &b.label {
            Label::None if !heading_like(&b.text) => unlabelled += 1,
            Label::Sub(l) if !is_roman(l) || l.len() == 1 && l != "i" => {
                let missing = letter_index(l).saturating_sub(letter_index(expected_letter));
                return unlabelled <= missing;
            }
            Label::Sub(_) => {}
            _ => return false,
        }
    }
    false
}

fn letter_index(l: &str) -> usize {
    // a..z, then aa, bb, ...
    let c = l.chars().next().map_or(0, |c| (c as u8).saturating_sub(b'a') as usize);
    c + 26 * (l.chars().count().saturating_sub(1))
}

fn next_letter(l: &str) -> String {
    let i = letter_index(l) + 1;
    let c = (b'a' + (i % 26) as u8) as char;
    c.to_string().repeat(i / 26 + 1)
}

fn is_roman(l: &str) -> bool {
    !l.is_empty()
        && l.chars().all(|c| "ivxlc".contains(c))
        && from_roman(l) > 0
        && roman(from_roman(l)).to_lowercase() == l
}

pub fn from_roman(s: &str) -> usize {
    let value = |c: char| match c.to_ascii_lowercase() {
        'i' => 1,
        'v' => 5,
        'x' => 10,
        'l' => 50,
        'c' => 100,
        _ => 0,
    };
    let chars: Vec<usize> = s.chars().map(value).collect();
    let mut total = 0;
    for (i, &v) in chars.iter().enumerate() {
        if chars.get(i + 1).is_some_and(|&next| next > v) {
            total -= v as isize;
        } else {
            total += v as isize;
        }
    }
    total.max(0) as usize
}

pub fn roman(mut n: usize) -> String {
    let table = [(100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")];
    let mut out = String::new();
    for (v, s) in table {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

/// Warns about gaps and repeats in paragraph numbering.
fn number_gaps(items: &[Item], warnings: &mut Vec<Warning>) {
    let mut last: Option<u32> = None;
    let check = |p: &Para, warnings: &mut Vec<Warning>, last: &mut Option<u32>| {
        let Some(n) = p.num.as_deref().and_then(|n| n.parse::<u32>().ok()) else { return };
        match *last {
            Some(l) if n == 1 => {
                let _ = l;
            }
            Some(l) if n != l + 1 => warnings.push(Warning::new(
                p.line,
                format!("paragraph {n} follows paragraph {l}: numbering has a gap or repeat"),
            )),
            None if n != 1 => warnings.push(Warning::new(p.line, format!("numbering starts at {n}, not 1"))),
            _ => {}
        }
        *last = Some(n);
    };
    for item in items {
        match item {
            Item::Numbered(p) => check(p, warnings, &mut last),
            Item::Part { items, .. } => {
                number_gaps(items, warnings);
                last = None;
            }
            Item::Section { items, .. } => {
                for item in items {
                    if let Item::Numbered(p) = item {
                        check(p, warnings, &mut last);
                    }
                }
            }
            _ => {}
        }
    }
}

/// Whether the sections of `items` restart paragraph numbering.
fn sections_restart(items: &[Item]) -> bool {
    let mut max_before = 0u32;
    for item in items {
        let numbers: Vec<u32> = match item {
            Item::Section { items, .. } => items
                .iter()
                .filter_map(|i| match i {
                    Item::Numbered(p) => p.num.as_deref().and_then(|n| n.parse().ok()),
                    _ => None,
                })
                .collect(),
            Item::Numbered(p) => p.num.as_deref().and_then(|n| n.parse().ok()).into_iter().collect(),
            _ => Vec::new(),
        };
        if let Some(&first) = numbers.first() {
            if matches!(item, Item::Section { .. }) && first <= max_before {
                return true;
            }
            max_before = max_before.max(*numbers.iter().max().expect("not empty"));
        }
    }
    false
}

/// Assigns ids and turns drafts into model nodes.
fn assign(items: Vec<Item>, scope: &Scope) -> Vec<Node> {
    let restart = sections_restart(&items);
    let mut counters = Counters::default();
    let mut used = HashSet::new();
    let mut out = Vec::new();
    for item in items {
        match item {
            Item::Part { num, title, items, closing } => {
                let part_scope = Scope { annex: scope.annex.clone(), section: Some(num.clone()) };
                let body = assign_part(items, &part_scope, &mut used);
                let id = unique(&mut used, scope.section(&num));
                out.push(Node::Section(Section { id, num, title: title.map(Text::plain), body, closing }));
            }
            Item::Section { num, title, items } => {
                let section_scope = Scope { annex: scope.annex.clone(), section: restart.then(|| num.clone()) };
                let body = items.into_iter().map(|i| node(i, &section_scope, &mut counters, &mut used)).collect();
                let id = unique(&mut used, scope.section(&num));
                out.push(Node::Section(Section { id, num, title: title.map(Text::plain), body, closing: None }));
            }
            other => out.push(node(other, scope, &mut counters, &mut used)),
        }
    }
    out
}

/// Assigns ids inside a lettered part: every id carries the part's letter
/// (`A-formula`, `A-pp1`, `A-op1`), and counting starts again.
fn assign_part(items: Vec<Item>, scope: &Scope, used: &mut HashSet<String>) -> Vec<Node> {
    let mut counters = Counters::default();
    let letter = scope.section.clone().unwrap_or_default();
    items
        .into_iter()
        .map(|item| match item {
            Item::Formula(text) => {
                Node::Formula(Block { id: unique(used, ids::in_part(&letter, ids::FORMULA)), text: Text::plain(text) })
            }
            Item::Section { num, title, items } => {
                // Sections inside a part keep the part's prefix; a repeat gets a suffix.
                let body = items.into_iter().map(|i| node(i, scope, &mut counters, used)).collect();
                let id = unique(used, Scope { annex: scope.annex.clone(), section: None }.section(&num));
                Node::Section(Section { id, num, title: title.map(Text::plain), body, closing: None })
            }
            other => node(other, scope, &mut counters, used),
        })
        .collect()
}

#[derive(Default)]
struct Counters {
    preambular: usize,
    unnumbered: usize,
    text: usize,
    heading: usize,
    block: usize,
}

use ids::unique;

fn node(item: Item, scope: &Scope, c: &mut Counters, used: &mut HashSet<String>) -> Node {
    match item {
        Item::Formula(text) => Node::Formula(Block { id: unique(used, ids::FORMULA.into()), text: Text::plain(text) }),
        Item::Heading(text) => {
            c.heading += 1;
            Node::Heading(Block { id: unique(used, scope.heading(c.heading)), text: Text::plain(text) })
        }
        Item::Block(text) => {
            c.block += 1;
            Node::Block(Block { id: unique(used, scope.block(c.block)), text: Text::plain(text) })
        }
        Item::Preambular(p) => {
            c.preambular += 1;
            let id = unique(used, scope.preambular(c.preambular));
            Node::Paragraph(paragraph(p, id, ParaKind::Preambular, used))
        }
        Item::Numbered(p) => {
            let id = match &p.num {
                Some(n) => scope.numbered(n),
                None => {
                    c.unnumbered += 1;
                    scope.numbered(&c.unnumbered.to_string())
                }
            };
            let kind = if scope.annex.is_some() { ParaKind::Annex } else { ParaKind::Operative };
            let id = unique(used, id);
            Node::Paragraph(paragraph(p, id, kind, used))
        }
        Item::Text(p) => {
            c.text += 1;
            let id = unique(used, scope.text(c.text));
            Node::Paragraph(paragraph(p, id, ParaKind::Text, used))
        }
        Item::Section { .. } | Item::Part { .. } => unreachable!("sections and parts are assigned by `assign`"),
    }
}

fn paragraph(p: Para, id: String, kind: ParaKind, used: &mut HashSet<String>) -> Paragraph {
    let children = p
        .children
        .into_iter()
        .map(|child| {
            let child_id = unique(used, ids::sub(&id, child.num.as_deref().unwrap_or("x")));
            paragraph(child, child_id, ParaKind::Sub, used)
        })
        .collect();
    Paragraph { id, kind, num: p.num, text: Text::plain(p.text), children }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roman_numerals() {
        assert_eq!(roman(4), "IV");
        assert_eq!(from_roman("xiv"), 14);
        assert!(is_roman("ii"));
        assert!(!is_roman("iiii"));
        assert_eq!(next_letter("h"), "i");
        assert_eq!(next_letter("z"), "aa");
    }
}
