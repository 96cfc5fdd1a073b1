//! The opening phrases that UN style sets in italics: the participle or adjective
//! phrase opening a preambular paragraph (*Recalling also*, *Gravely concerned*,
//! *Taking note with concern*, *Bearing in mind*) and the verb phrase opening an
//! operative paragraph (*Calls upon*, *Also urges*, *Further decides*, *Takes note*).
//!
//! A phrase is recognised by a small grammar over a documented lexicon (see
//! docs/format.md): leading adverbs, a head (participle, adjective or verb), an
//! optional fixed complement (`in mind`, `upon`, `with deep concern`, `its
//! appreciation`), and a trailing `also` / `further`. The result is the byte length
//! of the phrase at the start of the paragraph, or `None` when it does not open with one.

/// Adverbs that may precede the head: *Deeply concerned*, *Also urges*.
const ADVERBS: &[&str] = &[
    "Also",
    "Further",
    "Furthermore",
    "Again",
    "Once",
    "again",
    "Deeply",
    "Gravely",
    "Seriously",
    "Strongly",
    "Firmly",
    "Fully",
    "Profoundly",
    "Greatly",
    "Particularly",
    "Keenly",
    "Highly",
    "Most",
    "Especially",
    "Equally",
    "Moreover",
    "Likewise",
    "Finally",
    "Emphatically",
    "Resolutely",
    "Unequivocally",
];

/// Adjectives that head preambular paragraphs without being participles.
const PREAMBULAR_ADJECTIVES: &[&str] = &[
    "Mindful",
    "Aware",
    "Conscious",
    "Cognizant",
    "Convinced",
    "Confident",
    "Desirous",
    "Anxious",
    "Fearful",
    "Hopeful",
    "Resolved",
    "Sensible",
    "Appreciative",
    "Grateful",
    "Alarmed",
    "Concerned",
    "Determined",
];

/// Multi-word heads and the words that follow them: (first word, continuation).
const FIXED: &[(&str, &[&str])] = &[
    ("Bearing", &["in", "mind"]),
    ("Keeping", &["in", "mind"]),
    ("Taking", &["into", "account"]),
    ("Taking", &["into", "consideration"]),
    ("Taking", &["note"]),
    ("Guided", &["by"]),
    ("Calls", &["upon"]),
    ("Calls", &["on"]),
    ("Calls", &["for"]),
    ("Takes", &["note"]),
    ("Looks", &["forward"]),
    ("Appeals", &["to"]),
];

/// Complements kept in the phrase after certain heads: *Noting with deep concern*,
/// *Expressing its appreciation*, *Takes note with appreciation*.
const FEELINGS: &[&str] = &[
    "concern",
    "appreciation",
    "satisfaction",
    "regret",
    "alarm",
    "interest",
    "gratitude",
    "support",
    "condolences",
    "sympathy",
    "solidarity",
    "disappointment",
    "dismay",
    "outrage",
    "indignation",
    "thanks",
];
const INTENSIFIERS: &[&str] = &[
    "deep",
    "grave",
    "serious",
    "great",
    "particular",
    "profound",
    "strong",
    "full",
    "sincere",
    "utmost",
    "continued",
    "deepest",
    "firm",
];
const FEELING_HEADS: &[&str] = &[
    "Noting",
    "Notes",
    "Taking",
    "Takes",
    "Expressing",
    "Expresses",
    "Welcoming",
    "Welcomes",
    "Reiterating",
    "Reiterates",
    "Recognizing",
    "Recognizes",
    "Acknowledging",
    "Acknowledges",
    "Recalling",
    "Recalls",
];
const TRAILING: &[&str] = &["also", "further", "moreover", "furthermore", "again"];

/// Which part of a resolution the paragraph belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Preamble,
    Operative,
}

/// Length in bytes of the italic opening phrase of `text`, if it has one.
pub fn opening_phrase(text: &str, part: Part) -> Option<usize> {
    let words = words_with_ends(text);
    let mut i = 0;
    // Leading adverbs ("Once again" counts as one).
    while i < words.len() && ADVERBS.contains(&words[i].0) && i + 1 < words.len() {
        i += 1;
    }
    let (head, _) = *words.get(i)?;
    let is_head = match part {
        Part::Preamble => {
            head.ends_with("ing")
                || (head.ends_with("ed") && head.len() > 3)
                || PREAMBULAR_ADJECTIVES.contains(&head)
                || head == "Guided"
        }
        Part::Operative => head.ends_with('s') && head.len() > 3 && head != "This" && head != "Its",
    };
    if !is_head || !head.starts_with(|c: char| c.is_uppercase()) && i == 0 {
        return None;
    }
    let mut end = words[i].1;
    i += 1;
    // "Having considered", "Having examined".
    if head == "Having" {
        let (w, e) = *words.get(i)?;
        if !(w.ends_with("ed") || w.ends_with("en") || w == "heard" || w == "met") {
            return None;
        }
        end = e;
        i += 1;
    }
    for (first, rest) in FIXED {
        if *first == head && rest.iter().enumerate().all(|(k, w)| words.get(i + k).is_some_and(|(x, _)| x == w)) {
            end = words[i + rest.len() - 1].1;
            i += rest.len();
            break;
        }
    }
    if FEELING_HEADS.contains(&head) {
        let bare = matches!(head, "Expressing" | "Expresses");
        if let Some(n) = feeling(&words[i..], bare) {
            end = words[i + n - 1].1;
            i += n;
        }
    }
    if let Some((w, e)) = words.get(i) {
        if TRAILING.contains(w) {
            end = *e;
        }
    }
    Some(end)
}

/// `with deep concern`, `its appreciation`, `with concern`: number of words matched.
/// With `bare`, the preposition may be missing: *Expressing deep concern*.
fn feeling(words: &[(&str, usize)], bare: bool) -> Option<usize> {
    let first = words.first()?.0;
    let mut k = 1;
    if first != "with" && first != "its" {
        if !bare {
            return None;
        }
        k = 0;
    }
    while words.get(k).is_some_and(|(w, _)| INTENSIFIERS.contains(w) || *w == "and") {
        k += 1;
    }
    FEELINGS.contains(&words.get(k)?.0).then_some(k + 1)
}

/// The words of the first stretch of text up to the first punctuation, each with the
/// byte offset where it ends.
fn words_with_ends(text: &str) -> Vec<(&str, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c.is_alphabetic() || (c == '-' && start.is_some()) {
            if start.is_none() {
                start = Some(i);
            }
        } else {
            if let Some(s) = start.take() {
                out.push((&text[s..i], i));
            }
            if c != ' ' || out.len() >= 8 {
                return out;
            }
        }
    }
    if let Some(s) = start {
        out.push((&text[s..], text.len()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lead(text: &str, part: Part) -> Option<&str> {
        opening_phrase(text, part).map(|n| &text[..n])
    }

    #[test]
    fn preambular_phrases() {
        let p = Part::Preamble;
        assert_eq!(lead("Recalling also the Declaration", p), Some("Recalling also"));
        assert_eq!(lead("Gravely concerned that", p), Some("Gravely concerned"));
        assert_eq!(lead("Gravely concerned also that", p), Some("Gravely concerned also"));
        assert_eq!(lead("Taking note with concern of the report", p), Some("Taking note with concern"));
        assert_eq!(lead("Noting with grave concern the rapid", p), Some("Noting with grave concern"));
        assert_eq!(lead("Bearing in mind the important role", p), Some("Bearing in mind"));
        assert_eq!(lead("Expressing its concern that lenient", p), Some("Expressing its concern"));
        assert_eq!(lead("Expressing concern regarding", p), Some("Expressing concern"));
        assert_eq!(lead("Regretting, in this regard, the decision", p), Some("Regretting"));
        assert_eq!(lead("Having considered the report", p), Some("Having considered"));
        assert_eq!(lead("Guided by the purposes", p), Some("Guided by"));
        assert_eq!(lead("Mindful of the need", p), Some("Mindful"));
        assert_eq!(lead("The United Nations", p), None);
    }

    #[test]
    fn operative_phrases() {
        let o = Part::Operative;
        assert_eq!(lead("Calls upon all States", o), Some("Calls upon"));
        assert_eq!(lead("Also urges all States", o), Some("Also urges"));
        assert_eq!(lead("Further decides that", o), Some("Further decides"));
        assert_eq!(lead("Takes note of the report", o), Some("Takes note"));
        assert_eq!(lead("Takes note with appreciation of", o), Some("Takes note with appreciation"));
        assert_eq!(lead("Decides, without setting", o), Some("Decides"));
        assert_eq!(lead("Expresses its profound gratitude to", o), Some("Expresses its profound gratitude"));
        assert_eq!(lead("We welcome", o), None);
    }
}
