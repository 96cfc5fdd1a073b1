//! References to parts of the citing resolution itself: "paragraph 1 (a)
//! above", "paragraph 7 of the present resolution", "paragraphs 13 and 14
//! below", "section II above".
//!
//! Only references anchored to the present text ("above", "below", "of the
//! present resolution") are recognised: a bare "paragraph 24" usually points
//! into some other document ("paragraph 102 of the Final Document",
//! "chap. IV, para. 24"). The one exception is a bare "section II" in a
//! resolution known to have a section II, unless the words around it tie it
//! to another document ("section II of the report", "part I, …, section I",
//! "section I, entitled …").

use super::cursor::Cursor;
use super::{pinpoint, Citation, Target};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

static KEYWORD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b(paragraphs?|sections?)\s").expect("valid regex"));

static ANCHOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\s+(?:above|below)\b|,?\s+of\s+(?:the\s+present|this)\s+resolution\b)").expect("valid regex")
});

/// Words after a section that tie it to another document.
static BARE_SECTION_FOREIGN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:,?\s+(?:of|to|in|from)\s+(?:the|that|its|this|their|annex|document|resolution|chapter|part|[A-Z])|,\s+entitled\b|\s+thereof\b|\.[A-Z0-9]|\s*\()",
    )
    .expect("valid regex")
});

/// Every internal reference in `text`: anchored ones, and bare sections listed
/// in `present_sections` (the present resolution's own).
pub(crate) fn scan(text: &str, present_sections: &[String]) -> Vec<Citation> {
    let mut found = Vec::new();
    for caps in KEYWORD.captures_iter(text) {
        let Some(keyword) = caps.get(1) else { continue };
        let mut cursor = Cursor::new(text, keyword.end());
        cursor.skip_space();
        let items =
            if keyword.as_str().starts_with("paragraph") { paragraphs(&mut cursor) } else { sections(&mut cursor) };
        if items.is_empty() {
            continue;
        }
        let anchored = ANCHOR.is_match(cursor.rest());
        let own_sections = keyword.as_str().starts_with("section")
            && is_own_section_list(&text[..keyword.start()], cursor.rest(), &items, present_sections);
        if !anchored && !own_sections {
            continue;
        }
        found.extend(items.into_iter().map(|(span, target)| Citation { span, target }));
    }
    found
}

type Items = Vec<(Range<usize>, Target)>;

/// Whether a bare "section(s) …" list names sections of the present
/// resolution: all of them are among `sections`, and neither the words before
/// (a locator chain "part I, …, section I") nor after ("of the report",
/// ", entitled") tie it to another document.
fn is_own_section_list(before: &str, after: &str, items: &Items, sections: &[String]) -> bool {
    let all_own = items.iter().all(|(_, target)| match target {
        Target::Internal { section: Some(label), .. } => sections.iter().any(|s| s == label),
        _ => false,
    });
    let before = before.trim_end();
    let chained =
        before.ends_with([',', ')']) || before.ends_with("and") && before[..before.len() - 3].trim_end().ends_with(',');
    all_own && !chained && !BARE_SECTION_FOREIGN.is_match(after)
}

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
        cite_with(text, &[])
    }

    fn cite_with(text: &str, sections: &[&str]) -> Vec<(String, String)> {
        let sections: Vec<String> = sections.iter().map(|s| s.to_string()).collect();
        scan(text, &sections).into_iter().map(|c| (text[c.span.clone()].to_string(), c.target.to_string())).collect()
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
        assert!(cite("the measures set out in section II;").is_empty());
    }

    #[test]
    fn bare_sections_of_the_present_resolution() {
        let own = ["I", "II", "III"];
        assert_eq!(
            cite_with("the measures set out in section II;", &own),
            [("II".into(), "present resolution, sect. II".into())]
        );
        assert_eq!(cite_with("as called for in sections I and III, and", &own).len(), 2);
        assert_eq!(cite_with("under section II, including", &own).len(), 1);
        // A section the resolution does not have, or one of another document.
        assert!(cite_with("the measures set out in section IV;", &own).is_empty());
        assert!(cite_with("section II of the report", &own).is_empty());
        assert!(cite_with("section II of annex I", &own).is_empty());
        assert!(cite_with("part I, Conclusions and recommendations, section I, entitled “Nuclear disarmament”", &own)
            .is_empty());
        assert!(cite_with("(A/58/124), section II.", &own).is_empty());
        assert!(cite_with("section I, entitled “Nuclear disarmament”", &own).is_empty());
        assert!(cite_with("section II.A of", &own).is_empty());
        assert!(cite_with("section II (A/58/124)", &own).is_empty());
        assert!(cite_with("section II in the report", &own).is_empty());
        assert_eq!(cite_with("in paragraph 1 above and in section II shall apply", &own).len(), 2);
    }
}
