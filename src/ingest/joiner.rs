//! Joining lines back into running text. A line break is a space, except after a
//! hyphen: `non-` + `governmental` stays `non-governmental`, and the hyphen is dropped
//! only where it is an artifact of the line break, that is where the document itself
//! writes the joined word without a hyphen elsewhere (`develop-` + `ment` when
//! `development` occurs) or the extractor marked it with a soft hyphen. Also mends
//! the `country- specific` that reflowing extractors leave.

use super::normalize::Line;
use super::normalize::SOFT_HYPHEN;
use regex::Regex;
use std::collections::HashSet;
use std::sync::LazyLock;

static REFLOW_HYPHEN: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(\p{L})- (\p{Ll}+)").expect("valid regex"));

/// Tells real hyphens from line-break artifacts. For every line that ends with a
/// hyphen, it looks up once whether the document elsewhere writes the word joined
/// (`development`) or hyphenated (`follow-up`).
pub struct Joiner {
    /// Lower-case words, joined or hyphenated, that occur in the document.
    seen: HashSet<String>,
}

impl Joiner {
    pub fn new(lines: &[Line]) -> Self {
        let mut wanted: HashSet<String> = HashSet::new();
        let texts: Vec<&str> = lines.iter().map(|l| l.text.trim()).filter(|t| !t.is_empty()).collect();
        for pair in texts.windows(2) {
            if let Some(head) = pair[0].strip_suffix('-') {
                let (head, tail) = (last_word(head), first_word(pair[1]));
                if !head.is_empty() && !tail.is_empty() {
                    wanted.insert(format!("{head}{tail}").to_lowercase());
                    wanted.insert(format!("{head}-{tail}").to_lowercase());
                }
            }
        }
        let mut seen = HashSet::new();
        if !wanted.is_empty() {
            let mut lengths = [false; 256];
            for w in &wanted {
                lengths[w.len().min(255)] = true;
            }
            for text in &texts {
                for word in text.split(|c: char| !(c.is_alphabetic() || c == '-')) {
                    if word.len() < 255 && lengths[word.len()] {
                        let lower = word.to_lowercase();
                        if wanted.contains(&lower) {
                            seen.insert(lower);
                        }
                    }
                }
            }
        }
        Joiner { seen }
    }

    /// Appends `next` (one line, trimmed) to `text`.
    pub fn push(&self, text: &mut String, next: &str) {
        let next = next.trim();
        if next.is_empty() {
            return;
        }
        if text.is_empty() {
            text.push_str(next);
            return;
        }
        if text.ends_with(SOFT_HYPHEN) {
            text.pop();
            text.push_str(next);
            return;
        }
        if text.ends_with('-') && next.starts_with(|c: char| c.is_alphabetic()) {
            let head = last_word(&text[..text.len() - 1]);
            let tail = first_word(next);
            let joined = format!("{head}{tail}").to_lowercase();
            let hyphenated = format!("{head}-{tail}").to_lowercase();
            let prefix_only = head.is_empty();
            if !prefix_only && self.seen.contains(&joined) && !self.seen.contains(&hyphenated) {
                text.pop();
            }
            text.push_str(next);
            return;
        }
        text.push(' ');
        text.push_str(next);
    }
}

/// Final tidying of running text: collapses runs of spaces, and mends
/// `country- specific` into `country-specific`, leaving suspended hyphens
/// (`pre- and post-conflict`) alone.
pub fn tidy(text: &str) -> String {
    if !text.contains("  ") && !text.contains("- ") {
        return text.to_string();
    }
    let collapsed = text.split(' ').filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ");
    REFLOW_HYPHEN
        .replace_all(&collapsed, |c: &regex::Captures<'_>| {
            if matches!(&c[2], "and" | "or" | "to" | "nor" | "as" | "and/or") {
                c[0].to_string()
            } else {
                format!("{}-{}", &c[1], &c[2])
            }
        })
        .into_owned()
}

fn last_word(s: &str) -> &str {
    let start =
        s.rfind(|c: char| !c.is_alphabetic()).map(|i| i + s[i..].chars().next().map_or(1, char::len_utf8)).unwrap_or(0);
    &s[start..]
}

fn first_word(s: &str) -> &str {
    let end = s.find(|c: char| !c.is_alphabetic()).unwrap_or(s.len());
    &s[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_real_hyphens_and_drops_artifacts() {
        let lines: Vec<Line> = ["the development of", "non-governmental", "develop-", "ment"]
            .iter()
            .enumerate()
            .map(|(i, t)| Line { no: i + 1, text: t.to_string() })
            .collect();
        let j = Joiner::new(&lines);
        let mut t = "civil society, including non-".to_string();
        j.push(&mut t, "governmental organizations");
        assert_eq!(t, "civil society, including non-governmental organizations");
        let mut t = "sustainable develop-".to_string();
        j.push(&mut t, "ment goals");
        assert_eq!(t, "sustainable development goals");
        let mut t = "the ten-".to_string();
        j.push(&mut t, "year assessment");
        assert_eq!(t, "the ten-year assessment");
        let mut t = "a word".to_string();
        j.push(&mut t, "and more");
        assert_eq!(t, "a word and more");
    }

    #[test]
    fn mends_reflowed_hyphens() {
        assert_eq!(tidy("its country- specific work"), "its country-specific work");
        assert_eq!(tidy("pre- and post-conflict"), "pre- and post-conflict");
    }
}
