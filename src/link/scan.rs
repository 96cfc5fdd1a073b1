//! Runs the citation recognizer over every text of one resolution and places
//! each citation found.
//!
//! **In**: a resolution, its position in the collection and the
//! [`CorpusIndex`]. **Out**: its [`Occurrence`]s in document order (body and
//! annexes, then footnotes by number): the element,
//! the span of its plain text, the recognised target and its [`Destination`],
//! with a short excerpt for the pages that list citing paragraphs.
//!
//! Contexts: one [`cite::Context`] for the footnotes, in number order, so
//! that "Ibid." repeats the previous footnote's work; one for the body and one
//! per annex, each told the numerals of the sections it holds (so a bare
//! "section II" is the present resolution's own). The author of every text is
//! the body that adopted the resolution: "its resolution 60/178" in a General
//! Assembly resolution is a General Assembly resolution.

use super::index::CorpusIndex;
use super::resolve::{destination, Destination};
use super::walk::{elements, Place};
use crate::cite::{self, Context, Issuer, Target};
use crate::model::Resolution;
use serde::Serialize;
use std::collections::HashMap;
use std::ops::Range;

/// One citation in a resolution, placed.
#[derive(Debug, Clone)]
pub struct Occurrence {
    /// Id of the element it stands in (`pp1`, `fn7`).
    pub element: String,
    /// How a reader names that element (`pp 1`, `fn 7`).
    pub label: String,
    /// Byte range of the element's plain text that becomes the link.
    pub span: Range<usize>,
    /// The link text (`60/178`).
    pub text: String,
    pub target: Target,
    pub destination: Destination,
    /// Shared with the backlinks that show it.
    pub excerpt: std::sync::Arc<Excerpt>,
}

/// The citation in its sentence: `before` + `cited` + `after`, cut at word
/// boundaries with "…" where the text goes on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Excerpt {
    pub before: String,
    pub cited: String,
    pub after: String,
}

/// How far an excerpt reaches on each side of the citation, in bytes.
const EXCERPT_REACH: usize = 90;

/// Every citation in resolution `doc` that can be placed.
pub fn occurrences(res: &Resolution, doc: usize, index: &CorpusIndex) -> Vec<Occurrence> {
    let author = Issuer::of_body(&res.meta.body);
    let mut contexts: HashMap<Place<'_>, Context> = HashMap::new();
    let mut out = Vec::new();
    // Footnotes are scanned first (the order "Ibid." needs) but listed last.
    let mut in_footnotes = Vec::new();
    for element in elements(res) {
        let ctx = contexts.entry(element.place).or_insert_with(|| {
            let container = match element.place {
                Place::Footnote => return Context::new(author),
                Place::Body => "",
                Place::Annex(annex) => annex,
            };
            Context::new(author).with_sections(index.sections(doc, container).iter().cloned())
        });
        let plain = element.text.to_plain();
        for citation in cite::scan(&plain, ctx) {
            let after = &plain[citation.span.end..];
            let Some(destination) = destination(&citation.target, index, doc, &element, after) else {
                continue;
            };
            let list = if element.place == Place::Footnote { &mut in_footnotes } else { &mut out };
            list.push(Occurrence {
                element: element.id.clone(),
                label: element.label.clone(),
                text: plain[citation.span.clone()].to_string(),
                excerpt: std::sync::Arc::new(excerpt(&plain, &citation.span)),
                span: citation.span,
                target: citation.target,
                destination,
            });
        }
    }
    out.append(&mut in_footnotes);
    out
}

fn excerpt(plain: &str, span: &Range<usize>) -> Excerpt {
    let mut start = span.start.saturating_sub(EXCERPT_REACH);
    while !plain.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (span.end + EXCERPT_REACH).min(plain.len());
    while !plain.is_char_boundary(end) {
        end += 1;
    }
    let mut before = plain[start..span.start].to_string();
    if start > 0 {
        // Start at a word: drop the cut word.
        let cut = before.find(char::is_whitespace).map_or(before.len(), |i| i);
        before = format!("…{}", before[cut..].trim_start());
    }
    let mut after = plain[span.end..end].to_string();
    if end < plain.len() {
        let cut = after.rfind(char::is_whitespace).unwrap_or(0);
        after = format!("{}…", after[..cut].trim_end());
    }
    let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let keep_edge_spaces = |orig: &str, squashed: String| {
        let lead = if orig.starts_with(char::is_whitespace) && !squashed.is_empty() { " " } else { "" };
        let trail = if orig.ends_with(char::is_whitespace) && !squashed.is_empty() { " " } else { "" };
        format!("{lead}{squashed}{trail}")
    };
    Excerpt {
        before: keep_edge_spaces(&before, squash(&before)),
        cited: squash(&plain[span.clone()]),
        after: keep_edge_spaces(&after, squash(&after)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_cut_at_words() {
        let text = "Recalling its resolution 60/178 of 16 December 2005 and its other previous resolutions,";
        let span = text.find("60/178").unwrap()..text.find("60/178").unwrap() + 6;
        let e = excerpt(text, &span);
        assert_eq!(e.before, "Recalling its resolution ");
        assert_eq!(e.cited, "60/178");
        assert_eq!(e.after, " of 16 December 2005 and its other previous resolutions,");
        let long = format!("{} resolution 60/178 {}", "word ".repeat(40), "é".repeat(100));
        let at = long.find("60/178").unwrap();
        let e = excerpt(&long, &(at..at + 6));
        assert!(e.before.starts_with("…word"), "{}", e.before);
        assert!(e.after.ends_with('…') || e.after.trim().is_empty(), "{}", e.after);
    }
}
