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

/// Inline content as Markdown: emphasis as `*…*`, marks as `[^n]`, text escaped.
pub fn inlines(text: &Text) -> String {
    let mut out = String::new();
    let is_emphasis = |i: Option<&Inline>| matches!(i, Some(Inline::Emph(_) | Inline::Strong(_)));
    for (i, inline) in text.0.iter().enumerate() {
        // Runs of emphasis side by side (`**a***b*`) would read differently: where a
        // run may, it takes underscores instead, so that neighbours never share a
        // delimiter. Underscores only work away from letters and digits.
        let next = text.0.get(i + 1);
        let adjacent = (i > 0 && is_emphasis(text.0.get(i - 1))) || is_emphasis(next);
        let before_ok = !out.ends_with(|c: char| c.is_alphanumeric() || c == '_');
        let after_ok = match next {
            Some(Inline::Plain(s)) => !s.starts_with(|c: char| c.is_alphanumeric()),
            _ => true,
        };
        let underscore = adjacent && before_ok && after_ok;
        match inline {
            Inline::Plain(s) => out.push_str(&escape(s)),
            Inline::Emph(s) => delimited(&mut out, s, if underscore { "_" } else { "*" }),
            Inline::Strong(s) => delimited(&mut out, s, if underscore { "__" } else { "**" }),
            Inline::Note(n) => out.push_str(&format!("[^{n}]")),
        }
    }
    out
}

fn heading_inlines(text: &Text) -> String {
    escape_heading_syntax(&inlines(text))
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

/// Emphasis must not start or end with white space to be emphasis in CommonMark;
/// such white space is written outside the delimiters.
fn delimited(out: &mut String, s: &str, delim: &str) {
    let inner = s.trim();
    if inner.is_empty() {
        out.push_str(&escape(s));
        return;
    }
    let lead = &s[..s.len() - s.trim_start().len()];
    let trail = &s[s.trim_end().len()..];
    out.push_str(lead);
    out.push_str(delim);
    out.push_str(&escape(inner));
    out.push_str(delim);
    out.push_str(trail);
}

/// Backslash-escapes the characters that would otherwise start Markdown syntax.
pub fn escape(s: &str) -> String {
    let special =
        |b: u8| matches!(b, b'\\' | b'*' | b'_' | b'[' | b']' | b'`' | b'<' | b'>' | b'&' | b'~' | b'|' | b'$');
    if !s.bytes().any(special) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if matches!(c, '\\' | '*' | '_' | '[' | ']' | '`' | '<' | '>' | '&' | '~' | '|' | '$') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
