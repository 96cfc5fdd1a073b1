//! Structured Markdown → model. Parses the TOML front matter and the body with
//! pulldown-cmark, reads each paragraph's `{#id}` and printed label, and rebuilds the
//! tree (sections, annexes, sub-paragraphs) from the ids. Anything the format does not
//! allow is an error naming the line and what to write instead.

use crate::ids;
use crate::model::{
    Annex, Block, Closing, Footnote, Inline, Meta, Node, ParaKind, Paragraph, Resolution, Section, Text,
};
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use regex::Regex;
use std::sync::LazyLock;

/// A problem in a Markdown file, at a 1-based line (and column where known).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}{}: {message}", .column.map(|c| format!(", column {c}")).unwrap_or_default())]
pub struct LoadError {
    pub line: usize,
    pub column: Option<usize>,
    pub message: String,
}

fn err(line: usize, message: impl Into<String>) -> LoadError {
    LoadError { line, column: None, message: message.into() }
}

/// Parses a structured Markdown document into a resolution.
pub fn load(src: &str) -> Result<Resolution, LoadError> {
    let src = src.strip_prefix('\u{feff}').unwrap_or(src);
    let (meta, body, body_line) = front_matter(src)?;
    let lines = LineIndex::new(body, body_line);
    refuse_control_characters(body, &lines)?;
    let mut builder = Builder::default();
    let mut open: Option<Open> = None;
    let mut text = Text::default();
    let mut emph = 0usize;
    let mut strong = 0usize;
    let mut hard_breaks: Vec<usize> = Vec::new();
    let parser = Parser::new_ext(body, options()).into_offset_iter();
    for (event, range) in parser {
        let line = lines.line(range.start);
        match event {
            Event::Start(Tag::Paragraph) if matches!(open, Some(Open::Footnote(..))) => {}
            Event::Start(Tag::Paragraph) => {
                open = Some(Open::Paragraph(line));
                text = Text::default();
                hard_breaks.clear();
            }
            Event::Start(Tag::Heading { level, id, .. }) => {
                let id = id.map(|s| s.to_string()).ok_or_else(|| {
                    err(line, "heading without an id: end it with {#id}, e.g. `## II. Title {#sec-II}`")
                })?;
                open = Some(Open::Heading(line, level, id));
                text = Text::default();
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                let n = label
                    .parse::<u32>()
                    .map_err(|_| err(line, format!("footnote label [^{label}] is not a number")))?;
                open = Some(Open::Footnote(n));
                text = Text::default();
            }
            Event::Start(Tag::Emphasis) => emph += 1,
            Event::End(TagEnd::Emphasis) => emph = emph.saturating_sub(1),
            Event::Start(Tag::Strong) => strong += 1,
            Event::End(TagEnd::Strong) => strong = strong.saturating_sub(1),
            Event::Text(s) => {
                let s = s.to_string();
                text.push(if strong > 0 {
                    Inline::Strong(s)
                } else if emph > 0 {
                    Inline::Emph(s)
                } else {
                    Inline::Plain(s)
                });
            }
            Event::SoftBreak => text.push(Inline::Plain(" ".into())),
            Event::HardBreak if matches!(open, Some(Open::Footnote(_))) => {
                // Written back as a plain line break, it would load as a space.
                return Err(err(
                    line,
                    "line breaks (backslash or two trailing spaces) are only allowed in the closing",
                ));
            }
            Event::HardBreak => {
                hard_breaks.push(text.0.len());
                text.push(Inline::Plain("\n".into()));
            }
            Event::FootnoteReference(label) => {
                let n =
                    label.parse::<u32>().map_err(|_| err(line, format!("footnote mark [^{label}] is not a number")))?;
                text.push(Inline::Note(n));
            }
            Event::End(TagEnd::Paragraph) => {
                if let Some(Open::Paragraph(start)) = open {
                    open = None;
                    builder.paragraph(start, edge_spaces_out(std::mem::take(&mut text)))?;
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some(Open::Heading(start, level, id)) = open.take() {
                    builder.heading(start, level, id, edge_spaces_out(std::mem::take(&mut text)))?;
                }
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                if let Some(Open::Footnote(n)) = open.take() {
                    builder.footnotes.push(Footnote { n, text: edge_spaces_out(std::mem::take(&mut text)) });
                }
            }
            other => return Err(err(line, unsupported(&other))),
        }
    }
    builder.finish(meta)
}

/// Control characters have no place in a resolution's text (the importer turns
/// them into spaces); where one is meant, a character reference (`&#9;`) says so.
fn refuse_control_characters(body: &str, lines: &LineIndex) -> Result<(), LoadError> {
    // Bytes, not characters: the controls are the ASCII ones and U+0080 to U+009F,
    // which UTF-8 writes as 0xC2 followed by 0x80 to 0x9F.
    let bytes = body.as_bytes();
    let is_control = |(at, &b): &(usize, &u8)| match b {
        b'\t' | b'\n' | b'\r' => false,
        0..=0x1F | 0x7F => true,
        0xC2 => bytes.get(at + 1).is_some_and(|next| (0x80..=0x9F).contains(next)),
        _ => false,
    };
    let Some(at) = bytes.iter().enumerate().find(is_control).map(|(at, _)| at) else {
        return Ok(());
    };
    let c = body[at..].chars().next().unwrap_or_default();
    let line = lines.line(at);
    let line_start = body[..at].rfind('\n').map_or(0, |i| i + 1);
    Err(LoadError {
        line,
        column: Some(body[line_start..at].chars().count() + 1),
        message: format!(
            "control character U+{:04X} in the text: remove it, or write `&#{};` if it is meant",
            c as u32, c as u32
        ),
    })
}

/// Moves white space at the edges of emphasis out of it (`*a [^1] b*` holds
/// `Emph("a ")`), as the writer must write it: then the text reads back the same.
fn edge_spaces_out(text: Text) -> Text {
    let mut out = Text::default();
    for inline in text.0 {
        let (s, make): (String, fn(String) -> Inline) = match inline {
            Inline::Emph(s) => (s, Inline::Emph),
            Inline::Strong(s) => (s, Inline::Strong),
            other => {
                out.push(other);
                continue;
            }
        };
        let inner = s.trim();
        if inner.is_empty() {
            out.push(Inline::Plain(s));
            continue;
        }
        let lead = &s[..s.len() - s.trim_start().len()];
        let trail = &s[s.trim_end().len()..];
        out.push(Inline::Plain(lead.to_string()));
        out.push(make(inner.to_string()));
        out.push(Inline::Plain(trail.to_string()));
    }
    // The runs grew by appending; a text is kept for the whole build.
    for inline in &mut out.0 {
        if let Inline::Plain(s) | Inline::Emph(s) | Inline::Strong(s) = inline {
            s.shrink_to_fit();
        }
    }
    out.0.shrink_to_fit();
    out
}

fn options() -> Options {
    Options::ENABLE_FOOTNOTES | Options::ENABLE_HEADING_ATTRIBUTES
}

fn unsupported(event: &Event<'_>) -> String {
    let what = match event {
        Event::Start(tag) => format!("{tag:?}"),
        Event::End(tag) => format!("{tag:?}"),
        Event::Code(_) => "inline code".into(),
        Event::Html(_) | Event::InlineHtml(_) => "HTML".into(),
        other => format!("{other:?}"),
    };
    let what: String = what.chars().take(60).collect();
    format!(
        "unsupported Markdown ({what}): resolution text is written as paragraphs opening with \
         {{#id}}, headings ending with {{#id}}, *emphasis* and [^n] footnotes; \
         commentary belongs in an annotation file"
    )
}

enum Open {
    Paragraph(usize),
    Heading(usize, HeadingLevel, String),
    Footnote(u32),
}

/// Splits off the `+++` TOML front matter; returns it parsed, the body, and the
/// 1-based line on which the body starts.
fn front_matter(src: &str) -> Result<(Meta, &str, usize), LoadError> {
    let rest = src
        .strip_prefix("+++\n")
        .or_else(|| src.strip_prefix("+++\r\n"))
        .ok_or_else(|| err(1, "missing front matter: the file must start with a `+++` line"))?;
    let end = rest
        .match_indices("+++")
        .find(|(i, _)| {
            (*i == 0 || rest.as_bytes()[i - 1] == b'\n')
                && matches!(rest.as_bytes().get(i + 3), None | Some(b'\n') | Some(b'\r'))
        })
        .map(|(i, _)| i)
        .ok_or_else(|| err(1, "front matter is not closed: add a `+++` line after it"))?;
    let toml_src = &rest[..end];
    let meta: Meta = toml::from_str(toml_src).map_err(|e| {
        let (line, column) = e
            .span()
            .map(|span| {
                let before = &toml_src[..span.start.min(toml_src.len())];
                let line = before.matches('\n').count() + 2;
                let column = before.len() - before.rfind('\n').map(|i| i + 1).unwrap_or(0) + 1;
                (line, Some(column))
            })
            .unwrap_or((1, None));
        LoadError { line, column, message: format!("front matter: {}", e.message()) }
    })?;
    let after = &rest[end + 3..];
    let after = after.strip_prefix("\r\n").or_else(|| after.strip_prefix('\n')).unwrap_or(after);
    let body_line = src[..src.len() - after.len()].matches('\n').count() + 1;
    Ok((meta, after, body_line))
}

struct LineIndex {
    starts: Vec<usize>,
    first: usize,
}

impl LineIndex {
    fn new(s: &str, first: usize) -> Self {
        let mut starts = vec![0];
        starts.extend(s.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts, first }
    }

    fn line(&self, offset: usize) -> usize {
        self.first + self.starts.partition_point(|&s| s <= offset) - 1
    }
}

static NUMBER_LABEL: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(\d+[A-Za-z]?)\.(?:\s|$)").expect("valid regex"));
static SUB_LABEL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\(([A-Za-z]{1,6}|\d{1,3})\)(?:\s|$)").expect("valid regex"));
static SECTION_LABEL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([IVXLC]+|[A-Z])(?:\.\s+|$)").expect("valid regex"));

/// Removes `re`'s match from the start of the text's first plain run.
fn strip_leading(text: &mut Text, re: &Regex) -> Option<Vec<String>> {
    strip_prefix(text, |first| {
        let caps = re.captures(first)?;
        let groups = caps.iter().skip(1).map(|m| m.map(|m| m.as_str().to_string()).unwrap_or_default()).collect();
        Some((caps[0].len(), groups))
    })
}

/// Removes the `{#id}` that opens a paragraph (and one space after it) from the
/// text, and gives the id.
fn strip_id(text: &mut Text) -> Option<String> {
    strip_prefix(text, |first| id_prefix(first).map(|(id, len)| (len, id.to_string())))
}

/// The id of the `{#id}` at the start of `s` (a letter or digit, then letters,
/// digits, `_` and `-`), and the length of that prefix with one whitespace after
/// it: `^\{#([A-Za-z0-9][A-Za-z0-9_-]*)\}\s?`, read by hand (it opens every paragraph).
fn id_prefix(s: &str) -> Option<(&str, usize)> {
    let rest = s.strip_prefix("{#")?;
    let len = rest.bytes().take_while(|&b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-').count();
    let id = &rest[..len];
    if !id.starts_with(|c: char| c.is_ascii_alphanumeric()) || rest.as_bytes().get(len) != Some(&b'}') {
        return None;
    }
    let end = 2 + len + 1;
    let space = s[end..].chars().next().filter(|c| c.is_whitespace()).map_or(0, char::len_utf8);
    Some((id, end + space))
}

/// Removes from the start of the text's first plain run the prefix `matched`
/// finds there (its length, and what it gives back).
fn strip_prefix<T>(text: &mut Text, matched: impl FnOnce(&str) -> Option<(usize, T)>) -> Option<T> {
    let Some(Inline::Plain(first)) = text.0.first_mut() else {
        return None;
    };
    let (len, found) = matched(first)?;
    first.replace_range(..len, "");
    if first.is_empty() {
        text.0.remove(0);
    }
    Some(found)
}

#[derive(Default)]
struct Builder {
    body: Vec<Node>,
    closing: Option<Closing>,
    annexes: Vec<Annex>,
    footnotes: Vec<Footnote>,
    /// Body of the section being filled, with its line.
    section: Option<Section>,
    seen_ids: rustc_hash::FxHashMap<String, usize>,
}

impl Builder {
    fn claim(&mut self, id: &str, line: usize) -> Result<(), LoadError> {
        if let Some(first) = self.seen_ids.insert(id.to_string(), line) {
            return Err(err(line, format!("duplicate id {{#{id}}} (first used on line {first})")));
        }
        Ok(())
    }

    /// The list new nodes go into: the open section, else the last annex, else the body.
    fn target(&mut self) -> &mut Vec<Node> {
        if let Some(section) = &mut self.section {
            return &mut section.body;
        }
        match self.annexes.last_mut() {
            Some(annex) => &mut annex.body,
            None => &mut self.body,
        }
    }

    fn close_section(&mut self) {
        if let Some(section) = self.section.take() {
            self.target().push(Node::Section(section));
        }
    }

    fn paragraph(&mut self, line: usize, mut text: Text) -> Result<(), LoadError> {
        let id = strip_id(&mut text)
            .ok_or_else(|| err(line, "paragraph without an id: start it with {#id}, e.g. `{#op3} 3. *Urges* …`"))?;
        self.claim(&id, line)?;
        if id == ids::CLOSING || id.ends_with("-closing") {
            let plain = text.to_plain();
            let (meeting, date) = plain.split_once('\n').unwrap_or((&plain, ""));
            if date.contains('\n') {
                return Err(err(line, "the closing has two lines, the meeting and the date: one line break, not more"));
            }
            let closing = Closing { meeting: meeting.trim().into(), date: date.trim().into() };
            if id == ids::CLOSING {
                self.close_section();
                self.closing = Some(closing);
            } else {
                let section = self.section.as_mut().filter(|s| id == ids::in_part(&s.num, ids::CLOSING));
                let section = section.ok_or_else(|| err(line, format!("{{#{id}}} must end the part it names")))?;
                section.closing = Some(closing);
            }
            return Ok(());
        }
        if text.0.iter().any(|i| matches!(i, Inline::Plain(s) if s.contains('\n'))) {
            return Err(err(line, "line breaks (backslash or two trailing spaces) are only allowed in the closing"));
        }
        if id == ids::FORMULA || id.ends_with("-formula") {
            self.target().push(Node::Formula(Block { id, text }));
            return Ok(());
        }
        let Some(kind) = ids::paragraph_kind(&id) else {
            if id.contains("block") {
                self.target().push(Node::Block(Block { id, text }));
                return Ok(());
            }
            return Err(err(
                line,
                format!("{{#{id}}} is not a paragraph id (pp3, op7, op7a, II-op5, annex-p3, block1, …)"),
            ));
        };
        let num = if kind == ParaKind::Sub {
            strip_leading(&mut text, &SUB_LABEL).map(|g| g[0].clone())
        } else {
            strip_leading(&mut text, &NUMBER_LABEL).map(|g| g[0].clone())
        };
        let para = Paragraph { id: id.clone(), kind, num, text, children: Vec::new() };
        if kind == ParaKind::Sub {
            return self.attach_sub(line, para);
        }
        self.target().push(Node::Paragraph(para));
        Ok(())
    }

    /// Attaches a sub-paragraph to the deepest preceding paragraph whose id prefixes it.
    fn attach_sub(&mut self, line: usize, para: Paragraph) -> Result<(), LoadError> {
        fn place(parent: &mut Paragraph, para: Paragraph) -> Result<(), Paragraph> {
            if let Some(last) = parent.children.last_mut() {
                if para.id.starts_with(&last.id) && !ids::is_sub_of(&para.id, &parent.id) {
                    return place(last, para);
                }
            }
            if ids::is_sub_of(&para.id, &parent.id) {
                parent.children.push(para);
                Ok(())
            } else {
                Err(para)
            }
        }
        let id = para.id.clone();
        match self.target().last_mut() {
            Some(Node::Paragraph(parent)) => place(parent, para).map_err(|_| ()),
            _ => Err(()),
        }
        .map_err(|_| err(line, format!("sub-paragraph {{#{id}}} does not follow the paragraph it belongs to")))
    }

    fn heading(&mut self, line: usize, level: HeadingLevel, id: String, mut text: Text) -> Result<(), LoadError> {
        self.claim(&id, line)?;
        let is_annex = id == "annex"
            || (id.starts_with("annex-")
                && !id.contains("title")
                && ids::akn_eid(&id).is_some_and(|e| e.starts_with("annex_") && !e.contains("__")));
        if is_annex {
            self.close_section();
            let label = text.to_plain();
            self.annexes.push(Annex { id, label, title: None, body: Vec::new() });
            return Ok(());
        }
        if let Some(annex_id) = id.strip_suffix("-title") {
            let annex = self
                .annexes
                .last_mut()
                .filter(|a| a.id == annex_id && a.title.is_none())
                .ok_or_else(|| err(line, format!("{{#{id}}} must directly follow the heading of {annex_id}")))?;
            annex.title = Some(text);
            return Ok(());
        }
        if let Some(pos) = id.find("sec-") {
            self.close_section();
            let label = strip_leading(&mut text, &SECTION_LABEL).ok_or_else(|| {
                err(line, "section heading must start with its numeral, e.g. `## II. Title {#sec-II}`")
            })?;
            let _ = (pos, level);
            let title = (!text.is_empty()).then_some(text);
            self.section = Some(Section { id, num: label[0].clone(), title, body: Vec::new(), closing: None });
            return Ok(());
        }
        if id.contains("hd") {
            self.target().push(Node::Heading(Block { id, text }));
            return Ok(());
        }
        Err(err(line, format!("{{#{id}}} is not a heading id (sec-II, hd1, annex, annex-II, annex-title)")))
    }

    fn finish(mut self, meta: Meta) -> Result<Resolution, LoadError> {
        self.close_section();
        Ok(Resolution {
            meta,
            body: self.body,
            closing: self.closing,
            annexes: self.annexes,
            footnotes: self.footnotes,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn by_pattern(s: &str) -> Option<(&str, usize)> {
        let re = Regex::new(r"^\{#([A-Za-z0-9][A-Za-z0-9_-]*)\}\s?").unwrap();
        let c = re.captures(s)?;
        Some((c.get(1)?.as_str(), c[0].len()))
    }

    proptest! {
        #[test]
        fn id_prefixes_are_read_as_the_pattern_reads_them(s in "(\\{#)?[a-zA-Z0-9_#{}é-]{0,6}\\}?[ \u{a0}\u{2003}\n\ta]{0,2}.{0,2}") {
            prop_assert_eq!(id_prefix(&s), by_pattern(&s));
        }
    }
}
