//! Document symbols written out: "A/61/221", "E/2003/28/Rev.1",
//! "A/CONF.192/15", "CEDAW/C/GC/39", "FCCC/CP/2015/10/Add.1".
//!
//! A symbol must start with the series root of a body whose documents
//! undocs.org serves (so "HIV/AIDS" and "GC(69)/RES/15" are left alone) and
//! contain a digit. A joint symbol "A/79/634-S/2024/869" is two documents, and
//! "E/2002/28 and Corr.1 and 2" is a document and two corrigenda.

use super::cursor::Cursor;
use super::{pinpoint, Citation, Pinpoint, Target};
use regex::Regex;
use std::sync::LazyLock;

/// Series roots of United Nations documents.
const ROOTS: &str = "A|E|S|ST|CD|CEDAW|CERD|CRC|CCPR|CAT|CRPD|CMW|FCCC|NPT|TD|DP|UNEP|ICCD";

static SYMBOL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"\b(?:{ROOTS})(?:/[A-Za-z0-9][A-Za-z0-9.\-\u{{2011}}]*)+")).expect("valid regex")
});

static JOINT_ROOT: LazyLock<Regex> = LazyLock::new(|| Regex::new(&format!(r"^(?:{ROOTS})/")).expect("valid regex"));

/// Every document symbol in `text`.
pub(crate) fn scan(text: &str) -> Vec<Citation> {
    let mut found = Vec::new();
    for m in SYMBOL.find_iter(text) {
        let preceding = text[..m.start()].chars().next_back();
        if preceding.is_some_and(|c| matches!(c, '/' | '.' | '-' | '\u{2011}' | '_')) {
            continue;
        }
        let raw = m.as_str().trim_end_matches(['.', '-', '\u{2011}']);
        if !raw.bytes().any(|b| b.is_ascii_digit()) || !raw.contains('/') {
            continue;
        }
        let end = m.start() + raw.len();
        if let Some((session, session_end)) = resolution_session(text, raw, end) {
            // "S/RES/1540 (2004)", "A/RES/2832 (XXVI)": the parenthesis is
            // part of the symbol, written without the space.
            let symbol = format!("{raw}({session})");
            let span = m.start()..session_end;
            let mut cursor = Cursor::new(text, session_end);
            let pin = pinpoint::after(&mut cursor).or_else(|| pinpoint::before(text, m.start()));
            found.push(document(span, &symbol, pin));
            continue;
        }
        let before_pinpoint = pinpoint::before(text, m.start());
        let parts = split_joint(raw);
        // Corrigenda of a joint symbol belong to its last part.
        let base = parts.last().map_or(raw, |part| part.1);
        let last_index = parts.len() - 1;
        for (index, (offset, symbol)) in parts.iter().copied().enumerate() {
            let start = m.start() + offset;
            let mut pin = if index == 0 { before_pinpoint.clone() } else { None };
            let mut cursor = Cursor::new(text, end);
            if index == last_index {
                if let Some(after) = pinpoint::after(&mut cursor) {
                    pin = Some(after);
                }
            }
            found.push(document(start..start + symbol.len(), symbol, pin));
        }
        found.extend(corrigenda(text, end, base));
    }
    found
}

fn document(span: std::ops::Range<usize>, symbol: &str, pinpoint: Option<Pinpoint>) -> Citation {
    Citation { span, target: Target::Document { symbol: symbol.to_string(), pinpoint } }
}

static RESOLUTION_SESSION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^ ?\((\d{4}|[IVXL]+)\)").expect("valid regex"));

/// The year or roman session in parentheses after a resolution symbol that
/// ends at byte `end`, with the end of the closing parenthesis.
fn resolution_session(text: &str, raw: &str, end: usize) -> Option<(String, usize)> {
    if !raw.contains("/RES/") || raw.contains(['-', '\u{2011}']) {
        return None;
    }
    let caps = RESOLUTION_SESSION.captures(text.get(end..)?)?;
    Some((caps.get(1)?.as_str().to_string(), end + caps.get(0)?.end()))
}

/// Splits "A/79/634-S/2024/869" into its documents, with their offsets.
fn split_joint(raw: &str) -> Vec<(usize, &str)> {
    let mut parts = Vec::new();
    let mut start = 0;
    for (i, c) in raw.char_indices() {
        if (c == '-' || c == '\u{2011}') && JOINT_ROOT.is_match(&raw[i + c.len_utf8()..]) {
            parts.push((start, &raw[start..i]));
            start = i + c.len_utf8();
        }
    }
    parts.push((start, &raw[start..]));
    parts
}

static CORRIGENDA: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s+and\s+(Corr|Add)\.(\d{1,2})\b").expect("valid regex"));

static MORE_CORRIGENDA: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:\s*,\s*|\s+and\s+)(\d{1,2})\b").expect("valid regex"));

/// "and Corr.1 and 2" after a symbol: each corrigendum is a document.
fn corrigenda(text: &str, end: usize, base: &str) -> Vec<Citation> {
    let mut found = Vec::new();
    let Some(caps) = text.get(end..).and_then(|rest| CORRIGENDA.captures(rest)) else {
        return found;
    };
    let (kind, first) = (&caps[1], caps.get(2).expect("group 2"));
    let whole = caps.get(0).expect("group 0");
    let kind_start = end + caps.get(1).expect("group 1").start();
    let symbol = format!("{base}/{kind}.{}", first.as_str());
    found.push(document(kind_start..end + first.end(), &symbol, None));
    let mut pos = end + whole.end();
    while let Some(caps) = text.get(pos..).and_then(|rest| MORE_CORRIGENDA.captures(rest)) {
        let number = caps.get(1).expect("group 1");
        let next = text[pos + number.end()..].trim_start().chars().next();
        if next.is_some_and(char::is_alphanumeric) {
            break;
        }
        let symbol = format!("{base}/{kind}.{}", number.as_str());
        found.push(document(pos + number.start()..pos + number.end(), &symbol, None));
        pos += caps.get(0).expect("group 0").end();
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn symbols(text: &str) -> Vec<(String, String)> {
        scan(text).into_iter().map(|c| (text[c.span.clone()].to_string(), c.target.to_string())).collect()
    }

    #[test]
    fn plain_symbols_lose_their_full_stop() {
        assert_eq!(symbols("18 A/61/221."), [("A/61/221".into(), "A/61/221".into())]);
        assert_eq!(symbols("(E/2003/28/Rev.1), chap. I"), [("E/2003/28/Rev.1".into(), "E/2003/28/Rev.1".into())]);
    }

    #[test]
    fn joint_symbols_are_two_documents() {
        let found = symbols("A/79/634-S/2024/869, annex.");
        assert_eq!(found[0], ("A/79/634".into(), "A/79/634".into()));
        assert_eq!(found[1], ("S/2024/869".into(), "S/2024/869, annex".into()));
        assert_eq!(symbols("(A/S-12/2), sect. III.C.")[0].0, "A/S-12/2");
    }

    #[test]
    fn corrigenda_continue_the_symbol() {
        let found = symbols("(E/2002/28 and Corr.1 and 2), chap. I");
        let targets: Vec<_> = found.iter().map(|f| f.1.as_str()).collect();
        assert_eq!(targets, ["E/2002/28", "E/2002/28/Corr.1", "E/2002/28/Corr.2"]);
        assert_eq!(found[1].0, "Corr.1");
        assert_eq!(found[2].0, "2");
    }

    #[test]
    fn resolution_symbols_keep_their_parenthesis() {
        assert_eq!(
            symbols("S/RES/1540 (2004), para. 3"),
            [("S/RES/1540 (2004)".into(), "S/RES/1540(2004), para. 3".into())]
        );
        assert_eq!(symbols("A/RES/2832(XXVI).")[0].1, "A/RES/2832(XXVI)");
    }

    #[test]
    fn lookalikes_are_not_symbols() {
        assert!(symbols("HIV/AIDS").is_empty());
        assert!(symbols("GC(69)/RES/15").is_empty());
        assert!(symbols("Sales No. E.96.IV.13").is_empty());
        assert!(symbols("decision 1/CP.21").is_empty());
        assert!(symbols("CBD/COP/15/17").is_empty());
    }
}
