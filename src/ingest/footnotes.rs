//! Footnote blocks: finds the footnote texts wherever the extractor left them (under
//! a rule at the foot of a page, or loose between paragraphs after reflowing), takes
//! them out of the body, and leaves a [`Piece::Break`] so the paragraph they
//! interrupted can be stitched back.
//!
//! Footnotes are numbered consecutively through a document: a line opens footnote
//! `n` only if `n` is the next number due, its mark has been seen in the text before
//! it, and it is not a date (`18 December 2002`). A footnote runs on over following
//! lines until the next footnote, a blank line, a page break, or, when its text is
//! complete (ends with a full stop that is not an abbreviation's), a line of body text.

use super::furniture::Piece;
use super::joiner::Joiner;
use super::normalize::Line;
use regex::Regex;
use std::sync::LazyLock;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawFootnote {
    pub n: u32,
    pub text: String,
    pub line: usize,
}

static FOOTNOTE_START: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(\d{1,3})/?\s+(\S.*)$").expect("valid regex"));
static ABBREVIATION_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:no|nos|vol|vols|chap|chaps|para|paras|sect|sects|p|pp|corr|rev|add|suppl|art|arts|e\.g|i\.e|et al|ibid|op|cit|ch|st|mr|ms|dr)\.$")
        .expect("valid regex")
});

/// Splits footnotes out of the body pieces.
pub fn extract(pieces: Vec<Piece>, joiner: &Joiner) -> (Vec<Piece>, Vec<RawFootnote>) {
    let mut body = Vec::with_capacity(pieces.len());
    let mut notes: Vec<RawFootnote> = Vec::new();
    // Body text since the last footnote area, and the text before the current area
    // (where the marks of the area's footnotes stand).
    let mut since_last_note = String::new();
    let mut before_area = String::new();
    let mut in_note = false;
    let mut after_rule = false;
    let mut at_block_start = true;
    let mut iter = pieces.into_iter().peekable();
    while let Some(piece) = iter.next() {
        match piece {
            Piece::Rule => {
                after_rule = true;
                in_note = false;
                at_block_start = true;
                push_break(&mut body);
            }
            Piece::Blank => {
                at_block_start = true;
                if in_note {
                    // A blank inside the footnote area: the area goes on only if another
                    // footnote follows.
                    let next_is_note = match iter.peek() {
                        Some(Piece::Text(l)) => opens_note(l, notes.len() as u32 + 1, &before_area),
                        Some(Piece::Blank) | Some(Piece::Rule) => true,
                        _ => false,
                    };
                    if !next_is_note {
                        in_note = false;
                        after_rule = false;
                    }
                    continue;
                }
                if !after_rule {
                    body.push(Piece::Blank);
                }
            }
            Piece::Break => {
                in_note = false;
                after_rule = false;
                at_block_start = true;
                push_break(&mut body);
            }
            Piece::Text(line) => {
                let due = notes.len() as u32 + 1;
                let may_open = at_block_start || in_note || after_rule;
                let marks_text = if in_note { &before_area } else { &since_last_note };
                if may_open && opens_note(&line, due, marks_text) {
                    let c = FOOTNOTE_START.captures(line.trimmed()).expect("checked by opens_note");
                    if !in_note && !after_rule {
                        push_break(&mut body);
                    }
                    if !in_note {
                        // A new footnote area: later marks are looked for after it.
                        before_area = std::mem::take(&mut since_last_note);
                    }
                    notes.push(RawFootnote { n: due, text: c[2].trim().to_string(), line: line.no });
                    in_note = true;
                } else if in_note
                    && continues_note(&notes.last().expect("in a note").text)
                    && !opens_paragraph(line.trimmed())
                {
                    let note = notes.last_mut().expect("in a note");
                    joiner.push(&mut note.text, line.trimmed());
                } else {
                    if in_note || after_rule {
                        in_note = false;
                        after_rule = false;
                    }
                    since_last_note.push(' ');
                    since_last_note.push_str(line.trimmed());
                    body.push(Piece::Text(line));
                }
                at_block_start = false;
            }
        }
    }
    (body, notes)
}

fn push_break(body: &mut Vec<Piece>) {
    while body.last() == Some(&Piece::Blank) {
        body.pop();
    }
    if body.last() != Some(&Piece::Break) {
        body.push(Piece::Break);
    }
}

/// Whether `line` opens footnote `due`.
fn opens_note(line: &Line, due: u32, text_before: &str) -> bool {
    let Some(c) = FOOTNOTE_START.captures(line.trimmed()) else {
        return false;
    };
    let Ok(n) = c[1].parse::<u32>() else { return false };
    let rest = &c[2];
    let first_word = rest.split_whitespace().next().unwrap_or("");
    n == due
        && !crate::dates::is_month(first_word.trim_end_matches([',', '.']))
        && !first_word.starts_with(['%', '-', '–'])
        && text_before.contains(&c[1])
}

/// Whether a line opens a numbered or lettered paragraph (`12. Urges`, `(a) To`).
fn opens_paragraph(t: &str) -> bool {
    static LABEL: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(?:\d{1,3}\.(?:\s|$)|\([a-z]{1,4}\)(?:\s|$))").expect("valid regex"));
    LABEL.is_match(t)
}

/// Whether a footnote whose text so far is `text` continues on the next line.
fn continues_note(text: &str) -> bool {
    let t = text.trim_end();
    !(t.ends_with('.') || t.ends_with(".)") || t.ends_with(".”")) || ABBREVIATION_END.is_match(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(s: &str) -> Vec<Piece> {
        s.lines()
            .enumerate()
            .map(|(i, t)| match t {
                "" => Piece::Blank,
                "___" => Piece::Rule,
                t => Piece::Text(Line { no: i + 1, text: t.to_string() }),
            })
            .collect()
    }

    #[test]
    fn finds_notes_under_a_rule_and_resumes_the_body() {
        let joiner = Joiner::new(&[]);
        let (body, notes) = extract(
            pieces("Recalling the Declaration,1 the Outcome2 and\n___\n1 See resolution 55/2.\n2 See resolution\n60/1.\nthe rest,"),
            &joiner,
        );
        assert_eq!(notes.len(), 2);
        assert_eq!(notes[1].text, "See resolution 60/1.");
        assert!(matches!(body.last(), Some(Piece::Text(l)) if l.text == "the rest,"));
    }

    #[test]
    fn dates_are_not_notes() {
        let joiner = Joiner::new(&[]);
        let (_, notes) = extract(pieces("Text1 more\n\n1 December 2002"), &joiner);
        assert!(notes.is_empty());
    }
}
