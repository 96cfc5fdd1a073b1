//! Pinpoints: the part of a cited document that is meant, written after it
//! ("resolution 55/25, annexes I–III", "A/80/534, para. 7", "A/58/124,
//! sect. II.A") or before it ("paragraph 7 of resolution 46/30", "annex C to
//! document A/79/214").

use super::cursor::Cursor;
use super::Pinpoint;
use regex::Regex;
use std::sync::LazyLock;

/// Parses ", annex II", ", annexes I–III", ", para. 7" or ", sect. II.A" at
/// the cursor, consuming it only on success.
pub(crate) fn after(cursor: &mut Cursor) -> Option<Pinpoint> {
    let saved = *cursor;
    let found = after_inner(cursor);
    if found.is_none() {
        *cursor = saved;
    }
    found
}

fn after_inner(cursor: &mut Cursor) -> Option<Pinpoint> {
    if !cursor.eat(",") {
        return None;
    }
    cursor.skip_space();
    if cursor.eat_word("annexes") {
        cursor.skip_space();
        return annex_range(cursor).map(|label| Pinpoint::Annex(Some(label)));
    }
    if cursor.eat_word("annex") {
        let before_label = *cursor;
        if cursor.skip_space() {
            if let Some(label) = annex_label(cursor) {
                return Some(Pinpoint::Annex(Some(label)));
            }
        }
        *cursor = before_label;
        return Some(Pinpoint::Annex(None));
    }
    if cursor.eat("para.") {
        cursor.skip_space();
        return paragraph(cursor).map(Pinpoint::Paragraph);
    }
    if cursor.eat("sect.") {
        cursor.skip_space();
        let rest = cursor.rest();
        let len = rest.bytes().take_while(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || *b == b'.').count();
        let label = rest[..len].trim_end_matches('.');
        if label.is_empty() || rest[len..].starts_with(char::is_alphanumeric) {
            return None;
        }
        let label = label.to_string();
        cursor.eat(&label);
        return Some(Pinpoint::Section(label));
    }
    None
}

/// "II", "C" or "1".
fn annex_label(cursor: &mut Cursor) -> Option<String> {
    if let Some(roman) = cursor.roman() {
        return Some(roman.to_string());
    }
    if let Some(letter) = cursor.part_letter() {
        return Some(letter.to_string());
    }
    cursor.number().map(|n| n.to_string())
}

/// "I–III" or "I and II", normalised to "I–III" and "I and II".
fn annex_range(cursor: &mut Cursor) -> Option<String> {
    let first = annex_label(cursor)?;
    let saved = *cursor;
    if cursor.eat_dash() {
        if let Some(last) = annex_label(cursor) {
            return Some(format!("{first}–{last}"));
        }
    }
    *cursor = saved;
    if cursor.skip_space() && cursor.eat_word("and") && cursor.skip_space() {
        if let Some(last) = annex_label(cursor) {
            return Some(format!("{first} and {last}"));
        }
    }
    *cursor = saved;
    Some(first)
}

/// A paragraph number with its sub-paragraph letters: "5", "63 (d)",
/// "1 (a) (ii)". Returns the number and the subs separately.
pub(crate) fn paragraph_parts(cursor: &mut Cursor) -> Option<(String, Vec<String>)> {
    let number = cursor.number()?;
    let mut subs = Vec::new();
    loop {
        let saved = *cursor;
        cursor.skip_space();
        if cursor.eat("(") {
            let rest = cursor.rest();
            let len = rest.bytes().take_while(u8::is_ascii_lowercase).count();
            if (1..=5).contains(&len) && rest[len..].starts_with(')') {
                subs.push(rest[..len].to_string());
                cursor.eat(&rest[..=len]);
                continue;
            }
        }
        *cursor = saved;
        break;
    }
    Some((number.to_string(), subs))
}

/// A paragraph number with its subs written out: "63 (d)".
pub(crate) fn paragraph(cursor: &mut Cursor) -> Option<String> {
    let (number, subs) = paragraph_parts(cursor)?;
    Some(join_paragraph(&number, &subs))
}

pub(crate) fn join_paragraph(number: &str, subs: &[String]) -> String {
    let mut label = number.to_string();
    for sub in subs {
        label.push_str(" (");
        label.push_str(sub);
        label.push(')');
    }
    label
}

static BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:\bparagraph\s+(\d{1,4}(?:\s*\([a-z]{1,5}\))*)|\bsection\s+([IVXL]+|[A-Z]|\d{1,3})|\bannex(?:\s+([IVXL]+|[A-Z]))?)\s+(?:of|to)\s+(?:(?:its|the|that)\s+)?(?:(?:General\s+Assembly|Security\s+Council|Economic\s+and\s+Social\s+Council|Human\s+Rights\s+Council)\s+)?(?:resolution|document)\s+$",
    )
    .expect("valid regex")
});

/// The pinpoint written before a single cited document whose designation
/// starts at byte `start`: "paragraph 7 of resolution 46/30".
pub(crate) fn before(text: &str, start: usize) -> Option<Pinpoint> {
    let head = text.get(..start)?;
    let caps = BEFORE.captures(head)?;
    if let Some(paragraph) = caps.get(1) {
        let mut cursor = Cursor::new(paragraph.as_str(), 0);
        return self::paragraph(&mut cursor).map(Pinpoint::Paragraph);
    }
    if let Some(section) = caps.get(2) {
        return Some(Pinpoint::Section(section.as_str().to_string()));
    }
    Some(Pinpoint::Annex(caps.get(3).map(|m| m.as_str().to_string())))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn after_text(text: &str) -> Option<Pinpoint> {
        after(&mut Cursor::new(text, 0))
    }

    #[test]
    fn pinpoints_after() {
        assert_eq!(after_text(", annex."), Some(Pinpoint::Annex(None)));
        assert_eq!(after_text(", annex II."), Some(Pinpoint::Annex(Some("II".into()))));
        assert_eq!(after_text(", annexes I–III, and"), Some(Pinpoint::Annex(Some("I–III".into()))));
        assert_eq!(after_text(", para. 7)"), Some(Pinpoint::Paragraph("7".into())));
        assert_eq!(after_text(", sect. II.A."), Some(Pinpoint::Section("II.A".into())));
        assert_eq!(after_text(", chap. I"), None);
        assert_eq!(after_text(" annex"), None);
    }

    #[test]
    fn paragraphs_keep_their_subs() {
        let mut cursor = Cursor::new("1 (a) (ii) above", 0);
        let (number, subs) = paragraph_parts(&mut cursor).unwrap();
        assert_eq!(number, "1");
        assert_eq!(subs, ["a", "ii"]);
        assert_eq!(cursor.rest(), " above");
    }

    #[test]
    fn pinpoints_before() {
        let text = "in accordance with paragraph 7 of resolution 46/30";
        let start = text.find("46/30").unwrap();
        assert_eq!(before(text, start), Some(Pinpoint::Paragraph("7".into())));
        let text = "as contained in the annex to its resolution 35/46";
        let start = text.find("35/46").unwrap();
        assert_eq!(before(text, start), Some(Pinpoint::Annex(None)));
        let text = "agreed in annex C to document A/79/214";
        let start = text.find("A/79").unwrap();
        assert_eq!(before(text, start), Some(Pinpoint::Annex(Some("C".into()))));
        let text = "Recalling its resolution 60/1";
        assert_eq!(before(text, text.find("60/1").unwrap()), None);
    }
}
