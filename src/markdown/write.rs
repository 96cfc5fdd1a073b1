//! Model → structured Markdown. The output is canonical: one paragraph per line,
//! each opening with its `{#id}`, headings carrying `{#id}` attributes, footnote
//! definitions at the end. `load` reads exactly this back, so writing the loaded
//! model reproduces the file byte for byte.

use crate::model::{Annex, Block, Closing, Inline, Node, ParaKind, Paragraph, Resolution, Section, Text};

/// Renders a resolution as structured Markdown with TOML front matter.
pub fn write(res: &Resolution) -> String {
    let mut out = String::new();
    out.push_str("+++\n");
    out.push_str(&toml::to_string(&res.meta).expect("the masthead always serializes to TOML"));
    out.push_str("+++\n");
    for node in &res.body {
        write_node(&mut out, node, 2);
    }
    if let Some(closing) = &res.closing {
        closing_line(&mut out, crate::ids::CLOSING, closing);
    }
    for annex in &res.annexes {
        write_annex(&mut out, annex);
    }
    if !res.footnotes.is_empty() {
        out.push('\n');
        for note in &res.footnotes {
            out.push_str(&format!("[^{}]: {}\n", note.n, inlines(&note.text)));
        }
    }
    out
}

fn write_annex(out: &mut String, annex: &Annex) {
    out.push_str(&format!("\n## {} {{#{}}}\n", escape_heading(&annex.label), annex.id));
    if let Some(title) = &annex.title {
        out.push_str(&format!("\n### {} {{#{}-title}}\n", heading_inlines(title), annex.id));
    }
    for node in &annex.body {
        write_node(out, node, 3);
    }
}

fn write_node(out: &mut String, node: &Node, level: usize) {
    match node {
        Node::Formula(b) | Node::Block(b) => block_line(out, b),
        Node::Heading(b) => {
            out.push_str(&format!("\n{} {} {{#{}}}\n", "#".repeat(level + 1), heading_inlines(&b.text), b.id));
        }
        Node::Paragraph(p) => paragraph(out, p),
        Node::Section(s) => section(out, s, level),
    }
}

fn section(out: &mut String, s: &Section, level: usize) {
    let title = match &s.title {
        Some(t) => format!("{}. {}", s.num, heading_inlines(t)),
        None => s.num.clone(),
    };
    out.push_str(&format!("\n{} {} {{#{}}}\n", "#".repeat(level), title, s.id));
    for node in &s.body {
        write_node(out, node, level + 1);
    }
    if let Some(closing) = &s.closing {
        closing_line(out, &crate::ids::in_part(&s.num, crate::ids::CLOSING), closing);
    }
}

/// `{#closing} 82nd plenary meeting\` and the date on the next line.
fn closing_line(out: &mut String, id: &str, closing: &Closing) {
    out.push_str(&format!("\n{{#{id}}} {}", escape(&closing.meeting)));
    if !closing.date.is_empty() {
        out.push_str(&format!("\\\n{}", escape(&closing.date)));
    }
    out.push('\n');
}

fn block_line(out: &mut String, b: &Block) {
    let line = format!("{{#{}}} {}", b.id, inlines(&b.text));
    out.push('\n');
    out.push_str(line.trim_end());
    out.push('\n');
}

fn paragraph(out: &mut String, p: &Paragraph) {
    let label = match (&p.num, p.kind) {
        (Some(n), ParaKind::Sub) => format!("({n}) "),
        (Some(n), _) => format!("{n}. "),
        (None, _) => String::new(),
    };
    let line = format!("{{#{}}} {label}{}", p.id, inlines(&p.text));
    out.push('\n');
    out.push_str(line.trim_end());
    out.push('\n');
    for child in &p.children {
        paragraph(out, child);
    }
}

/// Inline content as Markdown: emphasis as `*…*`, strong as `**…**`, marks as
/// `[^n]`, text escaped.
pub fn inlines(text: &Text) -> String {
    write_inlines(text, escape)
}

fn heading_inlines(text: &Text) -> String {
    write_inlines(text, escape_heading)
}

/// A stretch of written Markdown: text (already escaped) or a delimiter.
enum Piece {
    Text(String),
    /// A run of `*` or `**`; `true` where it opens emphasis, `false` where it closes.
    Delim(&'static str, bool),
}

fn write_inlines(text: &Text, escape: fn(&str) -> String) -> String {
    let mut pieces = Vec::new();
    for inline in &text.0 {
        match inline {
            Inline::Plain(s) => pieces.push(Piece::Text(escape(s))),
            Inline::Note(n) => pieces.push(Piece::Text(format!("[^{n}]"))),
            Inline::Emph(s) | Inline::Strong(s) => {
                let delim = if matches!(inline, Inline::Emph(_)) { "*" } else { "**" };
                // Emphasis cannot start or end with white space in CommonMark:
                // such white space is written outside the delimiters.
                let inner = s.trim();
                if inner.is_empty() {
                    pieces.push(Piece::Text(escape(s)));
                    continue;
                }
                pieces.push(Piece::Text(s[..s.len() - s.trim_start().len()].to_string()));
                pieces.push(Piece::Delim(delim, true));
                pieces.push(Piece::Text(escape(inner)));
                pieces.push(Piece::Delim(delim, false));
                pieces.push(Piece::Text(s[s.trim_end().len()..].to_string()));
            }
        }
    }
    pieces.retain(|p| !matches!(p, Piece::Text(t) if t.is_empty()));
    make_delimiters_flank(&mut pieces);
    let mut out = String::new();
    for piece in &pieces {
        match piece {
            Piece::Text(t) => out.push_str(t),
            Piece::Delim(d, _) => out.push_str(d),
        }
    }
    out
}

/// How CommonMark sees a character next to a run of `*`.
#[derive(PartialEq)]
enum Flank {
    Space,
    /// ASCII punctuation.
    Punct,
    /// An ASCII letter or digit.
    Word,
    /// Beyond ASCII: a letter, or a symbol CommonMark counts as punctuation.
    Unknown,
}

fn flank(c: Option<char>) -> Flank {
    match c {
        None => Flank::Space,
        Some(c) if c.is_whitespace() => Flank::Space,
        Some(c) if c.is_ascii_punctuation() => Flank::Punct,
        Some(c) if c.is_ascii() => Flank::Word,
        Some(_) => Flank::Unknown,
    }
}

/// A run of `*` opens or closes emphasis only if it flanks the text the right way
/// (CommonMark 6.2): a run between a word character and punctuation (`a**;b`) does
/// neither when it must do both, and only one when it must do the other. Where a
/// run stands between a word character and punctuation, or next to a character
/// beyond ASCII (which may be either), the characters that are not ASCII
/// punctuation are written as character references (`&#97;`), which
/// CommonMark reads as punctuation around the run and as the character in the
/// text. Runs between two words or two punctuation marks flank both ways; emphasis
/// and strong alternate (the model merges neighbours of one kind), so runs of 1, 2
/// and 3 stars always pair as written.
fn make_delimiters_flank(pieces: &mut [Piece]) {
    // A reference makes its character punctuation to the run on its other side
    // too (`*a*` in `**x***a***y**`), so repeat until nothing changes.
    while references_written(pieces) {}
}

fn references_written(pieces: &mut [Piece]) -> bool {
    let mut written = false;
    let mut i = 0;
    while i < pieces.len() {
        if !matches!(pieces[i], Piece::Delim(..)) {
            i += 1;
            continue;
        }
        let mut end = i;
        while matches!(pieces.get(end + 1), Some(Piece::Delim(..))) {
            end += 1;
        }
        let before = i.checked_sub(1);
        let after = (end + 1 < pieces.len()).then_some(end + 1);
        let left = flank(before.and_then(|k| text_of(&pieces[k]).chars().next_back()));
        let right = flank(after.and_then(|k| text_of(&pieces[k]).chars().next()));
        let opens = pieces[i..=end].iter().any(|p| matches!(p, Piece::Delim(_, true)));
        let closes = pieces[i..=end].iter().any(|p| matches!(p, Piece::Delim(_, false)));
        let (fix_left, fix_right) = needs_references(opens, closes, &left, &right);
        if fix_left {
            if let Some(Piece::Text(t)) = before.map(|k| &mut pieces[k]) {
                let c = t.pop().expect("text pieces are never empty");
                t.push_str(&char_reference(c));
                written = true;
            }
        }
        if fix_right {
            if let Some(Piece::Text(t)) = after.map(|k| &mut pieces[k]) {
                let c = t.remove(0);
                t.insert_str(0, &char_reference(c));
                written = true;
            }
        }
        i = end + 1;
    }
    written
}

/// Which neighbours of a run must become references for the run to open (left
/// flanking: not before punctuation, unless after white space or punctuation),
/// close (the mirror image), or both (two letters or two punctuation marks).
fn needs_references(opens: bool, closes: bool, left: &Flank, right: &Flank) -> (bool, bool) {
    let wordy = |f: &Flank| matches!(f, Flank::Word | Flank::Unknown);
    let can_open = *right == Flank::Word || matches!(left, Flank::Space | Flank::Punct);
    let can_close = *left == Flank::Word || matches!(right, Flank::Space | Flank::Punct);
    match (opens, closes) {
        (true, true) => {
            let alike = left == right && *left != Flank::Unknown;
            if alike {
                (false, false)
            } else {
                (wordy(left), wordy(right))
            }
        }
        (true, false) => (!can_open, false),
        (false, true) => (false, !can_close),
        (false, false) => (false, false),
    }
}

fn text_of(piece: &Piece) -> &str {
    match piece {
        Piece::Text(t) => t,
        Piece::Delim(..) => "",
    }
}

fn char_reference(c: char) -> String {
    format!("&#{};", c as u32)
}

fn escape_heading(s: &str) -> String {
    escape_heading_syntax(&escape(s))
}

/// In headings `{…}` would read as an attribute block and `#` as a closing sequence.
fn escape_heading_syntax(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '{' | '}' | '#') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Backslash-escapes the characters that would otherwise start Markdown syntax;
/// control characters (line breaks among them) are written as references.
pub fn escape(s: &str) -> String {
    let special = |b: u8| {
        matches!(b, b'\\' | b'*' | b'_' | b'[' | b']' | b'`' | b'<' | b'>' | b'&' | b'~' | b'|' | b'$')
            || b.is_ascii_control()
            || b == 0xc2
    };
    if !s.bytes().any(special) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if c.is_control() {
            out.push_str(&char_reference(c));
            continue;
        }
        if matches!(c, '\\' | '*' | '_' | '[' | ']' | '`' | '<' | '>' | '&' | '~' | '|' | '$') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
