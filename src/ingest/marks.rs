//! Footnote marks: recovers where each mark stood from the digits that extraction
//! glued to the text (`Declaration,1`, `Outcome2`, `session3 and`, `l9619` being
//! "l961" and mark 9, `Protocol, 10 the`, `197110` being 1971 and mark 10, `44/1616`
//! being 44/16 and mark 16).
//!
//! Every digit run that could hold a mark becomes a candidate with a score for how
//! mark-like it is (glued to a word or punctuation scores high, a lone number after
//! a word low). Footnotes are numbered consecutively, so first occurrences must
//! appear in order 1, 2, 3, …: a dynamic programme picks the increasing chain of
//! candidates with the best total score. Candidates for numbers already introduced
//! are then accepted as repeated marks when they are strong (never a lone number
//! after a word), and a split inside a symbol only when that symbol stood beside
//! the mark's first occurrence.

use crate::dates::is_month;
use crate::model::Inline;
use std::collections::HashMap;

/// A possible footnote mark inside one text unit.
#[derive(Debug, Clone)]
struct Candidate {
    unit: usize,
    /// Byte offset of the token the digits are in (candidates of one token compete).
    token: usize,
    /// Bytes removed from the text (the digits, and for a lone number the space before).
    remove: std::ops::Range<usize>,
    value: u32,
    score: i64,
    /// For splits inside a symbol (`44/1616`), the symbol that remains (`44/16`).
    symbol: Option<String>,
}

/// Result of mark recovery: each unit as inlines, and the footnote numbers whose
/// first mark was not found.
pub struct Marked {
    pub units: Vec<Vec<Inline>>,
    pub missing: Vec<u32>,
}

const STRONG: i64 = 4;
const YEAR_SPLIT: i64 = 3;
const AFTER_PUNCT: i64 = 3;
const SYMBOL_SPLIT: i64 = 2;
const AFTER_WORD: i64 = 1;
const SKIP_PENALTY: i64 = 6;

/// Words after which a number is a quantity, a date or a reference, not a mark.
const NUMBER_CONTEXT: &[&str] = &[
    "from",
    "to",
    "of",
    "on",
    "in",
    "at",
    "by",
    "for",
    "the",
    "and",
    "or",
    "with",
    "than",
    "over",
    "under",
    "about",
    "some",
    "per",
    "every",
    "each",
    "between",
    "within",
    "least",
    "most",
    "nearly",
    "approximately",
    "almost",
    "only",
    "all",
    "first",
    "last",
    "next",
    "paragraph",
    "paragraphs",
    "para",
    "paras",
    "article",
    "articles",
    "section",
    "sections",
    "chapter",
    "chapters",
    "annex",
    "annexes",
    "No",
    "Nos",
    "no",
    "nos",
    "vol",
    "vols",
    "volume",
    "resolution",
    "resolutions",
    "decision",
    "decisions",
    "item",
    "items",
    "rule",
    "rules",
    "principle",
    "principles",
    "Goal",
    "Goals",
    "goal",
    "goals",
    "target",
    "targets",
    "level",
    "phase",
    "page",
    "pages",
    "p",
    "pp",
    "sub-item",
    "subparagraph",
    "subparagraphs",
    "Protocol",
    "Agenda",
    "since",
    "until",
    "before",
    "after",
    "during",
    "into",
    "Group",
    "around",
    "up",
    "down",
    "year",
    "years",
    "session",
    "Article",
    "Articles",
    "Section",
    "Chapter",
    "Part",
    "part",
    "table",
    "tables",
    "figure",
    "point",
    "points",
    "option",
    "cluster",
    "stage",
    "step",
    "Step",
    "number",
    "numbers",
    "are",
    "is",
    "were",
    "was",
    "be",
    "been",
    "being",
];

/// Words after a number that make it a quantity or a date.
const QUANTITY_NEXT: &[&str] = &[
    "per", "percent", "%", "million", "billion", "trillion", "thousand", "hundred", "years", "year", "days", "day",
    "months", "month", "weeks", "week", "hours", "hour", "minutes", "times", "to", "-", "–",
];

/// Abbreviations after which digits belong to a reference (`Corr.1`, `No.5`).
const ABBREVIATIONS: &[&str] = &[
    "Corr.", "Rev.", "Add.", "No.", "Nos.", "vol.", "para.", "paras.", "chap.", "sect.", "art.", "p.", "pp.", "L.",
    "Amend.", "Suppl.", "Part.", "Vol.",
];

/// Finds the marks for footnotes `1..=count` in `units` (document order).
pub fn recover(units: &[String], count: u32) -> Marked {
    let candidates: Vec<Candidate> =
        units.iter().enumerate().flat_map(|(u, text)| candidates(u, text, count)).collect();
    let chain = first_occurrences(&candidates, count);
    let mut chosen: Vec<usize> = chain.values().copied().collect();
    // Repeated marks.
    let first_at: HashMap<u32, &Candidate> = chain.iter().map(|(v, &i)| (*v, &candidates[i])).collect();
    let mut used_tokens: std::collections::HashSet<(usize, usize)> =
        chosen.iter().map(|&i| (candidates[i].unit, candidates[i].token)).collect();
    let mut by_token: Vec<usize> = Vec::new();
    for (i, c) in candidates.iter().enumerate() {
        if used_tokens.contains(&(c.unit, c.token)) {
            continue;
        }
        let Some(first) = first_at.get(&c.value) else { continue };
        if (c.unit, c.token) <= (first.unit, first.token) {
            continue;
        }
        let accept = match &c.symbol {
            Some(symbol) => near_first_mark(&units[first.unit], first.remove.start, symbol),
            None => c.score >= AFTER_PUNCT,
        };
        if accept {
            by_token.push(i);
        }
    }
    // One mark per token: the longest number wins (`44/1616` is 44/16 + 16, not 44/161 + 6).
    by_token.sort_by_key(|&i| (candidates[i].unit, candidates[i].token, std::cmp::Reverse(candidates[i].remove.len())));
    for i in by_token {
        let c = &candidates[i];
        if used_tokens.insert((c.unit, c.token)) {
            chosen.push(i);
        }
    }
    let mut per_unit: Vec<Vec<&Candidate>> = vec![Vec::new(); units.len()];
    for i in chosen {
        per_unit[candidates[i].unit].push(&candidates[i]);
    }
    let units = units
        .iter()
        .zip(per_unit)
        .map(|(text, mut marks)| {
            marks.sort_by_key(|c| c.remove.start);
            apply(text, &marks)
        })
        .collect();
    let missing = (1..=count).filter(|v| !chain.contains_key(v)).collect();
    Marked { units, missing }
}

/// Dynamic programme over candidates in text order: the best-scoring chain of first
/// occurrences 1, 2, 3, … (a number may be skipped at a cost). Returns value → candidate.
fn first_occurrences(candidates: &[Candidate], count: u32) -> HashMap<u32, usize> {
    #[derive(Clone, Copy)]
    struct Best {
        score: i64,
        at: usize,
    }
    let mut best: HashMap<u32, Best> = HashMap::new();
    let mut back: Vec<Option<usize>> = vec![None; candidates.len()];
    let mut chain_score: Vec<i64> = vec![i64::MIN; candidates.len()];
    let mut start = 0;
    while start < candidates.len() {
        // Candidates of one token are at the same position: none chains onto another.
        let token = (candidates[start].unit, candidates[start].token);
        let end = (start..candidates.len())
            .find(|&j| (candidates[j].unit, candidates[j].token) != token)
            .unwrap_or(candidates.len());
        let mut updates = Vec::new();
        for (i, c) in candidates.iter().enumerate().take(end).skip(start) {
            let v = c.value;
            let mut options = vec![(c.score - SKIP_PENALTY * (v as i64 - 1), None)];
            for skip in 1..=3u32 {
                if let Some(b) = v.checked_sub(skip).and_then(|p| best.get(&p)) {
                    options.push((b.score + c.score - SKIP_PENALTY * (skip as i64 - 1), Some(b.at)));
                }
            }
            let (score, prev) = options.into_iter().max_by_key(|(s, _)| *s).expect("at least one option");
            chain_score[i] = score;
            back[i] = prev;
            updates.push((v, Best { score, at: i }));
        }
        for (v, b) in updates {
            if best.get(&v).is_none_or(|old| b.score > old.score) {
                best.insert(v, b);
            }
        }
        start = end;
    }
    let end = best
        .iter()
        .map(|(v, b)| (b.score - SKIP_PENALTY * (count as i64 - *v as i64), *v, b.at))
        .max_by_key(|(s, v, _)| (*s, std::cmp::Reverse(*v)));
    let mut out = HashMap::new();
    let mut cursor = end.map(|(_, _, at)| at);
    while let Some(i) = cursor {
        out.insert(candidates[i].value, i);
        cursor = back[i];
    }
    out
}

fn near_first_mark(text: &str, at: usize, symbol: &str) -> bool {
    let from = at.saturating_sub(160);
    let from = (from..=at).find(|&i| text.is_char_boundary(i)).unwrap_or(at);
    text[from..at].contains(symbol)
}

/// Candidates in one text unit.
fn candidates(unit: usize, text: &str, count: u32) -> Vec<Candidate> {
    let tokens: Vec<(usize, &str)> = tokens(text);
    let mut out = Vec::new();
    let valid = |v: u32| v >= 1 && v <= count;
    for (k, &(start, token)) in tokens.iter().enumerate() {
        if let Some(c) = slash_mark(unit, start, token, k == 0, count) {
            out.push(c);
            continue;
        }
        let digits_at = token.len() - token.bytes().rev().take_while(|b| b.is_ascii_digit()).count();
        if digits_at == token.len() {
            continue;
        }
        let digits = &token[digits_at..];
        let prefix = &token[..digits_at];
        if prefix.is_empty() && k > 0 {
            // A lone number between words.
            let v = digits.parse::<u32>().unwrap_or(0);
            let prev = tokens[k - 1].1;
            let next = tokens.get(k + 1).map(|t| t.1).unwrap_or("");
            if valid(v) && !digits.starts_with('0') {
                if let Some(score) = lone_number_score(prev, next) {
                    out.push(Candidate {
                        unit,
                        token: start,
                        remove: start - 1..start + token.len(),
                        value: v,
                        score,
                        symbol: None,
                    });
                }
            }
        }
        // Digits glued to something (or a year with a mark glued on): try each split.
        let first_split = if prefix.is_empty() { 1 } else { 0 };
        for split in first_split..digits.len() {
            let (kept, mark) = digits.split_at(split);
            if mark.len() > 3 || mark.starts_with('0') {
                continue;
            }
            let Ok(v) = mark.parse::<u32>() else { continue };
            if !valid(v) {
                continue;
            }
            let remove = start + digits_at + split..start + token.len();
            let scored = if kept.is_empty() {
                glued_score(prefix).map(|s| (s, None))
            } else {
                split_score(prefix, kept, digits.len())
            };
            if let Some((score, symbol)) = scored {
                out.push(Candidate { unit, token: start, remove, value: v, score, symbol });
            }
        }
    }
    out
}

/// The older style of mark, a number and a slash (`Declaration,1/`, `Outcome 2/`):
/// unambiguous, so always strong.
fn slash_mark(unit: usize, start: usize, token: &str, first: bool, count: u32) -> Option<Candidate> {
    let body = token.strip_suffix('/')?;
    let digits_at = body.len() - body.bytes().rev().take_while(|b| b.is_ascii_digit()).count();
    let digits = &body[digits_at..];
    let prefix = &body[..digits_at];
    if digits.is_empty() || digits.len() > 3 || digits.starts_with('0') || prefix.contains('/') {
        return None;
    }
    let value: u32 = digits.parse().ok()?;
    if value == 0 || value > count || prefix.chars().last().is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    // A lone `1/` also takes the space before it.
    let remove = if prefix.is_empty() && !first {
        start - 1..start + token.len()
    } else {
        start + digits_at..start + token.len()
    };
    Some(Candidate { unit, token: start, remove, value, score: STRONG, symbol: None })
}

/// Score of digits glued straight after `prefix` (`Declaration,` + 1, `Outcome` + 2).
fn glued_score(prefix: &str) -> Option<i64> {
    let last = prefix.chars().last()?;
    if ABBREVIATIONS.iter().any(|a| prefix.ends_with(a)) || (prefix.contains('/') && last == '.') {
        return None;
    }
    if last.is_alphabetic() {
        let word: String = prefix.chars().rev().take_while(|c| c.is_alphabetic()).collect();
        // Acronyms with numbers (G20, H5N1) and ordinals (1st) are not marks.
        if word.chars().all(|c| c.is_uppercase()) && word.chars().count() <= 4 {
            return Some(AFTER_WORD);
        }
        if prefix.chars().any(|c| c.is_ascii_digit()) {
            return None;
        }
        return Some(STRONG);
    }
    if matches!(last, ',' | ';' | ':' | '.' | ')' | '”' | '’' | '"' | '\'' | ']') {
        return Some(STRONG);
    }
    None
}

/// Score of a mark split off the end of a number: a year (`1971` + 10), a year
/// misread with a letter l (`l961` + 9), or the number of a symbol (`44/16` + 16).
fn split_score(prefix: &str, kept: &str, all_digits: usize) -> Option<(i64, Option<String>)> {
    let year = kept.len() == 4 && (kept.starts_with("19") || kept.starts_with("20"));
    let before = prefix.chars().last();
    if year && before.is_none_or(|c| !c.is_alphanumeric() || c == '(') {
        return Some((YEAR_SPLIT, None));
    }
    if kept.len() == 3 && kept.starts_with('9') && matches!(prefix, "l" | "I" | "(l" | "(I") {
        return Some((YEAR_SPLIT, None));
    }
    if prefix.ends_with('/') && all_digits >= 4 && kept.len() <= 3 {
        let symbol_start = prefix.rfind(|c: char| c.is_whitespace() || c == '(').map(|i| i + 1).unwrap_or(0);
        return Some((SYMBOL_SPLIT, Some(format!("{}{kept}", &prefix[symbol_start..]))));
    }
    None
}

/// Score of a lone number between `prev` and `next`, if it may be a mark.
fn lone_number_score(prev: &str, next: &str) -> Option<i64> {
    let next_word = next.trim_matches(|c: char| !c.is_alphanumeric() && c != '%' && c != '–' && c != '-');
    if is_month(next_word) || QUANTITY_NEXT.contains(&next_word) || next.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let last = prev.chars().last()?;
    if matches!(last, ',' | ';' | ':' | ')' | '”' | '’' | '"') {
        return Some(AFTER_PUNCT);
    }
    if last == '.' {
        // The end of a sentence, not an abbreviation (`para. 7`, `No. 5`, `E. 4`).
        let word = prev.trim_end_matches('.');
        let word = word.rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or(word);
        let abbreviation = word.chars().count() <= 1
            || ABBREVIATIONS.iter().any(|a| a.trim_end_matches('.').eq_ignore_ascii_case(word))
            || word.chars().any(|c| c.is_ascii_digit());
        return (!abbreviation).then_some(AFTER_PUNCT);
    }
    if last.is_alphabetic() {
        let word = prev.trim_start_matches(|c: char| !c.is_alphanumeric());
        if NUMBER_CONTEXT.contains(&word) || word.chars().next().is_some_and(|c| c.is_ascii_digit()) {
            return None;
        }
        return Some(AFTER_WORD);
    }
    None
}

/// Whitespace-separated tokens with their byte offsets.
fn tokens(text: &str) -> Vec<(usize, &str)> {
    let base = text.as_ptr() as usize;
    text.split_ascii_whitespace().map(|t| (t.as_ptr() as usize - base, t)).collect()
}

fn apply(text: &str, marks: &[&Candidate]) -> Vec<Inline> {
    let mut out = Vec::new();
    let mut at = 0;
    for c in marks {
        if c.remove.start < at {
            continue;
        }
        if c.remove.start > at {
            out.push(Inline::Plain(text[at..c.remove.start].to_string()));
        }
        out.push(Inline::Note(c.value));
        at = c.remove.end;
    }
    if at < text.len() {
        out.push(Inline::Plain(text[at..].to_string()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(units: &[&str], count: u32) -> Vec<String> {
        let units: Vec<String> = units.iter().map(|s| s.to_string()).collect();
        recover(&units, count)
            .units
            .iter()
            .map(|inl| {
                inl.iter()
                    .map(|i| match i {
                        Inline::Plain(s) => s.clone(),
                        Inline::Note(n) => format!("[^{n}]"),
                        _ => unreachable!(),
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn recovers_glued_marks_in_order() {
        let out = marked(
            &["Recalling the Declaration,1 the 2005 World Summit Outcome2 addressing, its resolution 60/178 of 16 December 2005,", "adopted at its twentieth special session3 and for 2008,"],
            3,
        );
        assert_eq!(out[0], "Recalling the Declaration,[^1] the 2005 World Summit Outcome[^2] addressing, its resolution 60/178 of 16 December 2005,");
        assert_eq!(out[1], "adopted at its twentieth special session[^3] and for 2008,");
    }

    #[test]
    fn splits_years_symbols_and_lone_numbers() {
        let out = marked(
            &[
                "Drugs, 1 the Plan2 and the Convention of l9613 and",
                "as amended by the 1972 Protocol, 4 the Convention of 19715 and in its resolutions 44/16 of 29 March 20016 and",
                "of Substances of 19715 and resolutions 44/166 and 45/17,4 in particular",
            ],
            6,
        );
        assert_eq!(out[0], "Drugs,[^1] the Plan[^2] and the Convention of l961[^3] and");
        assert_eq!(out[1], "as amended by the 1972 Protocol,[^4] the Convention of 1971[^5] and in its resolutions 44/16 of 29 March 2001[^6] and");
        // 44/166 is a resolution number in its own right: no split.
        assert_eq!(out[2], "of Substances of 1971[^5] and resolutions 44/166 and 45/17,[^4] in particular");
    }

    #[test]
    fn repeated_mark_inside_a_symbol() {
        let first: String = (1..=15).map(|n| format!("Word,{n} ")).collect();
        let out = marked(
            &[&format!("{first}its resolutions 44/16 of 29 March 200116 and"), "resolutions 44/1616 and 45/17,7 in"],
            16,
        );
        assert!(out[0].ends_with("44/16 of 29 March 2001[^16] and"), "{}", out[0]);
        assert_eq!(out[1], "resolutions 44/16[^16] and 45/17,[^7] in");
    }

    #[test]
    fn older_slash_marks() {
        let out = marked(
            &["Recalling the Declaration 1/ and the Programme of Action,2/ adopted", "see the Declaration,1/"],
            2,
        );
        assert_eq!(out[0], "Recalling the Declaration[^1] and the Programme of Action,[^2] adopted");
        assert_eq!(out[1], "see the Declaration,[^1]");
    }

    #[test]
    fn quantities_and_dates_are_not_marks() {
        let out = marked(&["held from 5 to 8 August 2025 with 2 per cent and paragraphs 1 to 3,"], 5);
        assert_eq!(out[0], "held from 5 to 8 August 2025 with 2 per cent and paragraphs 1 to 3,");
    }
}
