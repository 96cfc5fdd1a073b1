//! Words as the search index sees them: lower-cased, accents folded by a fixed
//! table ([`FOLD`], sent to the browser in the index so the query is folded
//! exactly the same way), split into runs of letters and digits. Stop words
//! ([`STOP`]) are not indexed; the browser checks them in phrases against the
//! stored text instead.

/// Accented letters (lower case) and what they fold to.
pub const FOLD: &[(&str, &str)] = &[
    ("àáâãäåāăą", "a"),
    ("çćĉċč", "c"),
    ("ďđð", "d"),
    ("èéêëēĕėęě", "e"),
    ("ĝğġģ", "g"),
    ("ĥħ", "h"),
    ("ìíîïĩīĭįı", "i"),
    ("ĵ", "j"),
    ("ķ", "k"),
    ("ĺļľŀł", "l"),
    ("ñńņňŉ", "n"),
    ("òóôõöøōŏő", "o"),
    ("ŕŗř", "r"),
    ("śŝşšș", "s"),
    ("ţťŧț", "t"),
    ("ùúûüũūŭůűų", "u"),
    ("ŵ", "w"),
    ("ýÿŷ", "y"),
    ("źżž", "z"),
    ("æ", "ae"),
    ("œ", "oe"),
    ("ß", "ss"),
    ("þ", "th"),
];

/// Words too common to index.
pub const STOP: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "in", "is", "it", "its", "of", "on",
    "or", "that", "the", "their", "this", "to", "was", "were", "which", "with",
];

fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    for lower in c.to_lowercase() {
        match FOLD.iter().find(|(from, _)| from.contains(lower)) {
            Some((_, to)) => out.push_str(to),
            None => out.push(lower),
        }
    }
}

/// The words of `text`, folded, stop words included, in order.
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    each_word(text, |w| out.push(w.to_string()));
    out
}

/// Calls `f` with each word of `text` in order (folded, stop words included), each
/// made in the same buffer.
fn each_word(text: &str, mut f: impl FnMut(&str)) {
    let mut word = String::new();
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        // A run of ASCII letters and digits is added to the word at once.
        let run = bytes[at..].iter().take_while(|b| b.is_ascii_alphanumeric()).count();
        if run > 0 {
            let start = word.len();
            word.push_str(&text[at..at + run]);
            word[start..].make_ascii_lowercase();
            at += run;
            continue;
        }
        let c = text[at..].chars().next().unwrap_or_default();
        at += c.len_utf8();
        if c.is_alphanumeric() {
            fold_char(c, &mut word);
        } else if !word.is_empty() {
            f(&word);
            word.clear();
        }
    }
    if !word.is_empty() {
        f(&word);
    }
}

/// The length of the longest stop word.
const LONGEST_STOP: usize = {
    let (mut i, mut longest) = (0, 0);
    while i < STOP.len() {
        if STOP[i].len() > longest {
            longest = STOP[i].len();
        }
        i += 1;
    }
    longest
};

/// A word of at most eight bytes as one number, its first byte lowest: words of
/// letters and digits (no zero byte) have numbers of their own.
const fn packed(word: &[u8]) -> u64 {
    let (mut n, mut i) = (0u64, 0);
    while i < word.len() {
        n |= (word[i] as u64) << (8 * i);
        i += 1;
    }
    n
}

/// The stop words, [`packed`]: a word is looked for among them as a number.
const STOP_PACKED: [u64; STOP.len()] = {
    assert!(LONGEST_STOP <= 8, "stop words are packed into eight bytes");
    let mut out = [0; STOP.len()];
    let mut i = 0;
    while i < STOP.len() {
        out[i] = packed(STOP[i].as_bytes());
        i += 1;
    }
    out
};

pub fn is_stop(word: &str) -> bool {
    word.len() <= LONGEST_STOP && STOP_PACKED.contains(&packed(word.as_bytes()))
}

/// The indexed terms of `text` (words without stop words), in order.
pub fn terms(text: &str) -> Vec<String> {
    words(text).into_iter().filter(|w| !is_stop(w)).collect()
}

/// The [`terms`] of `text` with their number of occurrences, ascending; the terms
/// are gathered in one string, and a string of its own is made for each distinct
/// term only.
pub fn counted_terms(text: &str) -> Vec<(String, u32)> {
    let mut all = String::with_capacity(text.len());
    let mut spans: Vec<std::ops::Range<usize>> = Vec::new();
    each_word(text, |w| {
        if !is_stop(w) {
            let start = all.len();
            all.push_str(w);
            spans.push(start..all.len());
        }
    });
    // Bytes compare as the strings do, without checking where characters begin.
    let bytes = all.as_bytes();
    spans.sort_unstable_by(|a, b| bytes[a.clone()].cmp(&bytes[b.clone()]));
    let mut out: Vec<(String, u32)> = Vec::new();
    for span in spans {
        let term = &all[span];
        match out.last_mut() {
            Some((last, n)) if last == term => *n += 1,
            _ => out.push((term.to_string(), 1)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The definition [`words`] must agree with, a character at a time.
    fn words_by_chars(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut word = String::new();
        for c in text.chars() {
            if c.is_alphanumeric() {
                fold_char(c, &mut word);
            } else if !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
        }
        if !word.is_empty() {
            out.push(word);
        }
        out
    }

    proptest! {
        #[test]
        fn stop_words_are_those_listed(word in "[a-z0-9]{0,12}|a|an|and|the|their|which|with|tha|thei") {
            prop_assert_eq!(is_stop(&word), STOP.contains(&word.as_str()));
        }

        #[test]
        fn counted_terms_are_the_terms_counted(text in "[a-zA-Z ,.’éœ]{0,60}|(the|of|and|cote|côte|a|b| ){0,30}") {
            let mut by_terms: Vec<(String, u32)> = Vec::new();
            let mut sorted = terms(&text);
            sorted.sort();
            for t in sorted {
                match by_terms.last_mut() {
                    Some((last, n)) if *last == t => *n += 1,
                    _ => by_terms.push((t, 1)),
                }
            }
            prop_assert_eq!(counted_terms(&text), by_terms);
        }

        #[test]
        fn words_agree_with_their_definition(text in "[a-zA-Z0-9 ,./’éÉÆœßİΣ\u{0301}\u{2003}٣-]{0,40}") {
            prop_assert_eq!(words(&text), words_by_chars(&text));
        }
    }

    #[test]
    fn folds_and_splits() {
        assert_eq!(
            words("Côte d’Ivoire, 61/183 NON-Governmental Œuvre"),
            ["cote", "d", "ivoire", "61", "183", "non", "governmental", "oeuvre"]
        );
        assert_eq!(terms("The Commission on Narcotic Drugs"), ["commission", "narcotic", "drugs"]);
    }
}
