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

pub fn is_stop(word: &str) -> bool {
    word.len() <= LONGEST_STOP && STOP.binary_search(&word).is_ok()
}

/// The indexed terms of `text` (words without stop words), in order.
pub fn terms(text: &str) -> Vec<String> {
    words(text).into_iter().filter(|w| !is_stop(w)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_and_splits() {
        assert_eq!(
            words("Côte d’Ivoire, 61/183 NON-Governmental Œuvre"),
            ["cote", "d", "ivoire", "61", "183", "non", "governmental", "oeuvre"]
        );
        assert_eq!(terms("The Commission on Narcotic Drugs"), ["commission", "narcotic", "drugs"]);
        let mut sorted = STOP.to_vec();
        sorted.sort_unstable();
        assert_eq!(sorted, STOP, "STOP must stay sorted for binary search");
    }
}
