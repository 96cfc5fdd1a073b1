//! Resolutions cited by number after the word "resolution(s)": single ones
//! ("resolution 60/178"), lists ("resolutions 52/92 of 12 December 1997,
//! 53/115 of 9 December 1998 ... and 56/124"), lettered parts ("36/87 A and
//! B"), each with the body that adopted it (see [`super::issuer`]).
//!
//! Each number of a list is its own citation; the dates between them are not
//! part of any citation. The link text is the number as written ("60/178",
//! "2200 A (XXI)", "1540 (2004)"), its pinpoint goes into the target.

use super::cursor::Cursor;
use super::designation::{Designation, Part};
use super::issuer::{issuer_before, Issuer};
use super::{pinpoint, Citation, Pinpoint, Target};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

static KEYWORD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b[Rr]esolutions?\b").expect("valid regex"));

/// One number of a list, before its issuer is known.
struct Item {
    span: Range<usize>,
    designation: Designation,
    pinpoint: Option<Pinpoint>,
}

/// Every resolution cited by number in `text`, a text written by `author`.
pub(crate) fn scan(text: &str, author: Issuer) -> Vec<Citation> {
    let mut found = Vec::new();
    for keyword in KEYWORD.find_iter(text) {
        let mut cursor = Cursor::new(text, keyword.end());
        if !cursor.skip_space() {
            continue;
        }
        let items = parse_list(text, &mut cursor);
        if items.is_empty() {
            continue;
        }
        let Some(issuer) = issuer_before(text, keyword.start(), author) else {
            continue;
        };
        let plural = keyword.as_str().ends_with('s');
        for (index, item) in items.into_iter().enumerate() {
            let Some(symbol) = item.designation.symbol(issuer) else {
                continue;
            };
            let pinpoint = match item.pinpoint {
                Some(pin) => Some(pin),
                None if index == 0 && !plural => pinpoint::before(text, item.span.start),
                None => None,
            };
            found.push(Citation { span: item.span, target: Target::Document { symbol, pinpoint } });
        }
    }
    found
}

/// Parses the numbers following "resolution(s) ", stopping at the first thing
/// that is not a separator followed by another number.
fn parse_list<'a>(text: &'a str, cursor: &mut Cursor<'a>) -> Vec<Item> {
    let mut items = Vec::new();
    let start = cursor.pos();
    let Some(first) = Designation::parse(cursor) else {
        return items;
    };
    let mut span = start..cursor.pos();
    let mut designation = first;
    loop {
        let pinpoint = pinpoint::after(cursor);
        skip_date(cursor);
        let letter_part = matches!(designation.part, Part::Letter(_));
        items.push(Item { span, designation: designation.clone(), pinpoint });
        let before_separator = *cursor;
        if !separator(cursor) {
            break;
        }
        let start = cursor.pos();
        if letter_part {
            if let Some(letter) = cursor.part_letter() {
                if !text[cursor.pos()..].trim_start().starts_with('(') {
                    designation = designation.with_part(letter);
                    span = start..cursor.pos();
                    continue;
                }
                *cursor = Cursor::new(text, start);
            }
        }
        match Designation::parse(cursor) {
            Some(next) => {
                designation = next;
                span = start..cursor.pos();
            }
            None => {
                *cursor = before_separator;
                break;
            }
        }
    }
    items
}

/// " of 12 December 1997" after a number.
fn skip_date(cursor: &mut Cursor) {
    let saved = *cursor;
    if !(cursor.skip_space() && cursor.eat_word("of") && cursor.skip_space() && cursor.date()) {
        *cursor = saved;
    }
}

/// ", ", " and ", ", and " or " or " between the numbers of a list.
fn separator(cursor: &mut Cursor) -> bool {
    let saved = *cursor;
    let comma = cursor.eat(",");
    let spaced = cursor.skip_space();
    let word = spaced && (cursor.eat_word("and") || cursor.eat_word("or"));
    if word && cursor.skip_space() || comma && spaced {
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
        scan(text, Issuer::GeneralAssembly)
            .into_iter()
            .map(|c| (text[c.span.clone()].to_string(), c.target.to_string()))
            .collect()
    }

    #[test]
    fn lists_skip_dates() {
        let found = cite(
            "its resolutions 52/92 of 12 December 1997, 53/115 of 9 December\n1998 and 56/124 of 19 December 2001,",
        );
        let spans: Vec<_> = found.iter().map(|f| f.0.as_str()).collect();
        assert_eq!(spans, ["52/92", "53/115", "56/124"]);
    }

    #[test]
    fn lettered_parts() {
        let found = cite("resolutions 36/87 A and B");
        assert_eq!(found[0], ("36/87 A".into(), "A/RES/36/87A".into()));
        assert_eq!(found[1], ("B".into(), "A/RES/36/87B".into()));
    }

    #[test]
    fn lists_stop_at_other_words() {
        let found = cite("its resolution 60/178 of 16 December 2005 and its other previous resolutions, 2008");
        assert_eq!(found.len(), 1);
    }
}
