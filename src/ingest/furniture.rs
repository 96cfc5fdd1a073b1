//! Page furniture: what the PDF printed on every page that is not the resolution's
//! text. Removes running headers (symbol, running title, job number, page counter
//! `2/17`, barcode), footnote rules (`_____`), and the running title that reflowing
//! extractors leave as a stray line; each page break becomes a [`Piece::Break`] so
//! later stages know a paragraph may continue across it.

use super::masthead::{BARCODE, JOB_NUMBER};
use super::normalize::Line;
use regex::Regex;
use std::sync::LazyLock;

/// A line of the body, or a marker left where furniture was removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Text(Line),
    Blank,
    /// A page break (running header or footer removed here).
    Break,
    /// The rule above a page's footnotes.
    Rule,
}

/// `Page 2` and the `/...` that older documents print where a page continues.
static OLD_PAGE_MARK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:(?i:page)\s+\d{1,3}|/\.\.\.|\.\.\./?)$").expect("valid regex"));
static PAGE_COUNTER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\d{1,3}\s?/\s?\d{1,3}$").expect("valid regex"));
static RULE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^_{3,}$").expect("valid regex"));

/// What identifies this document's running headers, without white space (the
/// extractor may break or space them differently).
pub struct Headers {
    symbol: String,
    title: String,
}

impl Headers {
    pub fn new(symbol: &str, title: &str) -> Self {
        Headers { symbol: squash(symbol), title: squash(title) }
    }
}

/// Whether a line alone is page furniture wherever it stands.
fn always_furniture(t: &str, h: &Headers) -> bool {
    header_mark(t, h) || header_columns(t, h)
}

/// A job number, page counter, barcode or the document symbol, alone.
fn header_mark(t: &str, h: &Headers) -> bool {
    let Some(&first) = t.as_bytes().first() else { return false };
    ((first.is_ascii_digit() || first == b'*')
        && (PAGE_COUNTER.is_match(t)
            || BARCODE.find(t).is_some_and(|m| m.len() == t.len())
            || JOB_NUMBER.find(t).is_some_and(|m| m.start() == 0 && m.len() == t.len())))
        || same_ignoring_space(t, &h.symbol)
        || ((first == b'P' || first == b'p' || first == b'/' || first == b'.') && OLD_PAGE_MARK.is_match(t))
}

/// A running header or footer that a layout-preserving extractor printed as one line
/// of columns (`06-50541        2`, `A/RES/61/183      Title`): every column is
/// furniture, and one of them is a job number, counter, barcode or the symbol.
fn header_columns(t: &str, h: &Headers) -> bool {
    if !t.contains("  ") {
        return false;
    }
    let columns: Vec<&str> = t.split("  ").map(str::trim).filter(|c| !c.is_empty()).collect();
    columns.len() > 1
        && columns.iter().any(|c| header_mark(c, h))
        && columns.iter().all(|c| header_mark(c, h) || is_page_number(c) || is_running_title_line(c, h))
}

/// A bare page number (`2`), which is furniture beside a running header.
fn is_page_number(t: &str) -> bool {
    t.len() <= 3 && t.bytes().all(|b| b.is_ascii_digit())
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Whether `t` equals `squashed` once its white space is removed.
fn same_ignoring_space(t: &str, squashed: &str) -> bool {
    t.len() >= squashed.len() && t.chars().filter(|c| !c.is_whitespace()).eq(squashed.chars())
}

/// A piece of a running title that wraps (where it wraps may differ from the title
/// block): furniture only beside other furniture. (The whole title is furniture
/// wherever it stands, but under an annex label, where an annex may carry the
/// resolution's title as its own.)
fn is_running_title_line(t: &str, h: &Headers) -> bool {
    let squashed = squash(t);
    squashed.len() >= 8 && h.title.contains(&squashed)
}

fn is_annex_label(t: &str) -> bool {
    let t = t.trim();
    t == "Annex"
        || t == "ANNEX"
        || t.strip_prefix("Annex ").is_some_and(|n| n.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// Turns the body lines into pieces with furniture removed.
pub fn strip(lines: &[Line], h: &Headers) -> Vec<Piece> {
    let furniture: Vec<bool> = lines.iter().map(|l| always_furniture(l.trimmed(), h)).collect();
    let near_furniture = |i: usize| {
        let lo = i.saturating_sub(4);
        let hi = (i + 5).min(lines.len());
        (lo..hi).any(|j| j != i && furniture[j])
    };
    let mut out: Vec<Piece> = Vec::with_capacity(lines.len());
    let mut previous_text: Option<&str> = None;
    for (i, line) in lines.iter().enumerate() {
        let t = line.trimmed();
        let piece = if t.is_empty() {
            Piece::Blank
        } else if furniture[i] {
            Piece::Break
        } else if RULE.is_match(t) {
            Piece::Rule
        } else if (same_ignoring_space(t, &h.title) && !previous_text.is_some_and(is_annex_label))
            || (near_furniture(i) && (is_running_title_line(t, h) || is_page_number(t)))
        {
            Piece::Break
        } else {
            Piece::Text(line.clone())
        };
        if !t.is_empty() {
            previous_text = Some(t);
        }
        // Consecutive breaks (a whole header) collapse into one, absorbing blanks.
        match (&piece, out.last()) {
            (Piece::Break, Some(Piece::Break)) => {}
            (Piece::Break, _) => {
                while out.last() == Some(&Piece::Blank) {
                    out.pop();
                }
                out.push(piece);
            }
            (Piece::Blank, Some(Piece::Break)) => {}
            _ => out.push(piece),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(s: &str) -> Vec<Line> {
        s.lines().enumerate().map(|(i, t)| Line { no: i + 1, text: t.to_string() }).collect()
    }

    #[test]
    fn removes_running_headers() {
        let h = Headers::new("A/RES/80/1", "Participation");
        let pieces = strip(&lines("text\n\nA/RES/80/1\nParticipation\n \n25-15106\n2/2\n\nmore"), &h);
        assert_eq!(pieces.len(), 3);
        assert_eq!(pieces[1], Piece::Break);
    }

    #[test]
    fn removes_headers_printed_as_columns() {
        let h = Headers::new("A/RES/61/183", "International cooperation against the world drug problem");
        let pieces =
            strip(&lines("text\n06-50541          3\nA/RES/61/183      International cooperation against\nmore"), &h);
        assert_eq!(pieces, vec![pieces[0].clone(), Piece::Break, pieces[2].clone()]);
        let kept = strip(&lines("Decides  to act"), &h);
        assert!(matches!(&kept[0], Piece::Text(_)));
    }

    #[test]
    fn keeps_annex_title_equal_to_resolution_title() {
        let h = Headers::new("A/RES/80/3", "Awaza Political Declaration");
        let pieces = strip(&lines("Annex\nAwaza Political Declaration\n1."), &h);
        assert!(matches!(&pieces[1], Piece::Text(l) if l.text == "Awaza Political Declaration"));
    }
}
