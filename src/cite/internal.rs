//! References to parts of the citing resolution itself: "paragraph 1 (a)
//! above", "paragraph 7 of the present resolution", "paragraphs 13 and 14
//! below", "section II above".
//!
//! Only references anchored to the present text ("above", "below", "of the
//! present resolution") are recognised: a bare "paragraph 24" usually points
//! into some other document ("paragraph 102 of the Final Document",
//! "chap. IV, para. 24").

use super::cursor::Cursor;
use super::{pinpoint, Citation, Target};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

static KEYWORD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b(paragraphs?|sections?)\s").expect("valid regex"));

static ANCHOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\s+(?:above|below)\b|,?\s+of\s+(?:the\s+present|this)\s+resolution\b)").expect("valid regex")
});

/// Every anchored internal reference in `text`.
pub(crate) fn scan(text: &str) -> Vec<Citation> {
    let mut found = Vec::new();
    for caps in KEYWORD.captures_iter(text) {
        let Some(keyword) = caps.get(1) else { continue };
        let mut cursor = Cursor::new(text, keyword.end());
        cursor.skip_space();
        let items =
            if keyword.as_str().starts_with("paragraph") { paragraphs(&mut cursor) } else { sections(&mut cursor) };
        if items.is_empty() || !ANCHOR.is_match(cursor.rest()) {
            continue;
        }
        found.extend(items.into_iter().map(|(span, target)| Citation { span, target }));
    }
    found
}

type Items = Vec<(Range<usize>, Target)>;

fn paragraphs(cursor: &mut Cursor) -> Items {
    let mut items = Vec::new();
    loop {
        let start = cursor.pos();
        let Some((paragraph, subs)) = pinpoint::paragraph_parts(cursor) else {
            break;
        };
        let target = Target::Internal { section: None, paragraph: Some(paragraph), subs };
        items.push((start..cursor.pos(), target));
        if !list_separator(cursor) {
            break;
        }
    }
    items
}

fn sections(cursor: &mut Cursor) -> Items {
    let mut items = Vec::new();
    loop {
        let start = cursor.pos();
        let Some(label) = cursor.roman().map(str::to_string).or_else(|| cursor.part_letter().map(String::from)) else {
            break;
        };
        let target = Target::Internal { section: Some(label), paragraph: None, subs: Vec::new() };
        items.push((start..cursor.pos(), target));
        if !list_separator(cursor) {
            break;
        }
    }
    items
}

/// ", ", " and ", ", and ", " to " or a dash between items; consumes nothing
/// unless another item may follow.
fn list_separator(cursor: &mut Cursor) -> bool {
    let saved = *cursor;
    let comma = cursor.eat(",");
    let spaced = cursor.skip_space();
    if cursor.eat_dash() {
        cursor.skip_space();
        return true;
    }
    let word = spaced && (cursor.eat_word("and") || cursor.eat_word("to"));
    let ok = if word { cursor.skip_space() } else { comma && spaced };
    if ok && cursor.peek().is_some_and(|c| c.is_ascii_digit() || c.is_ascii_uppercase()) {
        true
    } else {
        *cursor = saved;
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cite(text: &str) -> Vec<(String, String)> {
        scan(text).into_iter().map(|c| (text[c.span.clone()].to_string(), c.target.to_string())).collect()
    }

    #[test]
    fn anchored_references() {
        assert_eq!(
            cite("the statement referred to in paragraph 1 (a) above,"),
            [("1 (a)".into(), "present resolution, para. 1 (a)".into())]
        );
        assert_eq!(cite("paragraph 7 of the present resolution").len(), 1);
        assert_eq!(cite("paragraphs 13 and 14 above").len(), 2);
        assert_eq!(cite("section II above"), [("II".into(), "present resolution, sect. II".into())]);
    }

    #[test]
    fn unanchored_paragraphs_are_left_alone() {
        assert!(cite("paragraph 102 of the Final Document").is_empty());
        assert!(cite("paragraphs 13 and 14, in which").is_empty());
        assert!(cite("section 11 of the Agreement").is_empty());
    }
}
