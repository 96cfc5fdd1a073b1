//! Citation recognition: finds references to resolutions, documents, treaties and
//! paragraphs in plain paragraph or footnote text and resolves each to a target.
//!
//! **Owns**: the grammar of United Nations citations and the canonical document
//! symbol of each cited resolution ("60/178" → `A/RES/60/178`). It knows
//! nothing of the rest of the crate and does no I/O.
//!
//! **In**: the plain text of one paragraph or one footnote (footnote marks
//! already removed), and a [`Context`] carried across the texts of a document.
//!
//! **Out**: [`Citation`]s, sorted and non-overlapping, each a byte range of the
//! input (the text that becomes the link) and a [`Target`]. What cannot be
//! resolved soundly is not returned: a missing link is better than a wrong one.
//!
//! Recognised forms:
//!
//! * resolutions by number, alone or in lists, with the adopting body taken
//!   from the words before ([`Issuer`]): General Assembly ("60/178",
//!   "48/13 C", "S-20/2", "ES-10/1", "2832 (XXVI)", "2200 A (XXI)"), Security
//!   Council ("1540 (2004)"), Economic and Social Council ("2006/32"), Human
//!   Rights Council ("5/1"); resolutions of any other body (for instance the
//!   Commission on Narcotic Drugs) are never linked;
//! * document symbols ("A/61/221", "A/79/634-S/2024/869", "E/2002/28 and
//!   Corr.1 and 2");
//! * the Treaty Series ("United Nations, Treaty Series, vol. 976, No. 14152");
//! * "Ibid." repeating the work of the previous footnote;
//! * paragraphs and sections of the present resolution ("paragraph 1 (a)
//!   above", "paragraph 7 of the present resolution", "section II above"),
//!   and a bare "section II" when the context says the present resolution has
//!   a section II ([`Context::with_sections`]).
//!
//! Link text is the number or symbol as written ("60/178", "2200 A (XXI)",
//! "1 (a)"); pinpoints such as ", annex II" or "paragraph 5 of" are carried in
//! the target. Treaty Series and "Ibid." references link as a whole.

mod cursor;
mod designation;
mod internal;
mod issuer;
mod pinpoint;
mod resolution;
mod symbol;
mod treaty;

pub use issuer::Issuer;

use regex::Regex;
use std::fmt;
use std::ops::Range;
use std::sync::LazyLock;

/// One recognised citation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Citation {
    /// Byte range of the input that becomes the link text; always on char
    /// boundaries.
    pub span: Range<usize>,
    pub target: Target,
}

/// What a citation points to.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Target {
    /// A United Nations document by its canonical symbol, e.g. "A/RES/60/178",
    /// "E/RES/2006/32", "S/RES/1540(2004)", "A/HRC/RES/5/1", "A/61/221",
    /// "A/RES/2832(XXVI)".
    Document { symbol: String, pinpoint: Option<Pinpoint> },
    /// A treaty registered in the United Nations Treaty Series.
    Treaty { volume: u32, number: u32 },
    /// A part of the citing resolution itself: "section II", "paragraph 1 (a)"
    /// (paragraph "1", subs ["a"]).
    Internal { section: Option<String>, paragraph: Option<String>, subs: Vec<String> },
}

/// The documents and treaties a text cites, once each in the order first cited,
/// without pinpoints (what a page's structured data lists), kept compact.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CitedWorks {
    /// Document symbols.
    pub documents: Box<[Box<str>]>,
    /// Treaties by volume and number.
    pub treaties: Box<[(u32, u32)]>,
}

impl CitedWorks {
    /// The works among `targets` (internal references are left out).
    pub fn of<'a>(targets: impl IntoIterator<Item = &'a Target>) -> CitedWorks {
        let mut documents: Vec<Box<str>> = Vec::new();
        let mut treaties: Vec<(u32, u32)> = Vec::new();
        let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::new();
        for target in targets {
            match target {
                Target::Document { symbol, .. } => {
                    if seen.insert(symbol) {
                        documents.push(symbol.as_str().into());
                    }
                }
                Target::Treaty { volume, number } => {
                    if !treaties.contains(&(*volume, *number)) {
                        treaties.push((*volume, *number));
                    }
                }
                Target::Internal { .. } => {}
            }
        }
        CitedWorks { documents: documents.into(), treaties: treaties.into() }
    }
}

/// The part of a cited document that is meant.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Pinpoint {
    /// A paragraph with its subparagraphs as written: "5", "63 (d)".
    Paragraph(String),
    /// "annex" (`None`), "annex II", or several annexes as written: "I–III",
    /// "I and II".
    Annex(Option<String>),
    /// A section: "II", "II.A".
    Section(String),
}

/// State carried from one text to the next within a document.
///
/// Use one context for the footnotes of a document, in order, so that "Ibid."
/// resolves against the previous footnote, and a fresh one (or another) for its
/// paragraphs.
#[derive(Clone, Debug)]
pub struct Context {
    author: Issuer,
    previous: Option<Target>,
    /// Numerals of the present resolution's own sections ("I", "II"): a bare
    /// "section II" refers to one of them.
    sections: Vec<String>,
}

impl Default for Context {
    /// A context for a General Assembly resolution.
    fn default() -> Self {
        Context::new(Issuer::GeneralAssembly)
    }
}

impl Context {
    /// A context for texts written by `author`: "its resolution 60/178" and a
    /// bare "resolution 60/178" are taken to be the author's.
    pub fn new(author: Issuer) -> Self {
        Context { author, previous: None, sections: Vec::new() }
    }

    /// The same context, told that the present resolution has sections with
    /// these numerals, so that a bare "section II" (without "above" or "of the
    /// present resolution") is taken to be its own section II. Give the
    /// sections to the context of the body only: in footnotes a bare section
    /// belongs to the document the footnote cites.
    #[must_use]
    pub fn with_sections(mut self, sections: impl IntoIterator<Item = String>) -> Self {
        self.sections = sections.into_iter().collect();
        self
    }

    /// The work an "Ibid." in the next text would refer to.
    pub fn previous(&self) -> Option<&Target> {
        self.previous.as_ref()
    }
}

/// Finds the citations in `text`, sorted by position and non-overlapping, and
/// records in `ctx` the work `text` cites for a following "Ibid.".
pub fn scan(text: &str, ctx: &mut Context) -> Vec<Citation> {
    let mut found = resolution::scan(text, ctx.author);
    found.extend(symbol::scan(text));
    found.extend(treaty::scan_treaties(text));
    found.extend(treaty::scan_ibid(text, ctx.previous.as_ref()));
    found.extend(internal::scan(text, &ctx.sections));
    let citations = without_overlaps(found);
    ctx.previous = cited_work(text, &citations);
    citations
}

/// The page of a document symbol on the United Nations document resolver:
/// `undocs_url("A/RES/60/178")` is `https://undocs.org/A/RES/60/178`.
#[must_use]
pub fn undocs_url(symbol: &str) -> String {
    format!("https://undocs.org/{symbol}")
}

/// The record of a treaty in the United Nations Treaty Collection: the
/// registered text as published in the Treaty Series volume, by volume and
/// registration number (Part I, where registered treaties are published):
/// `treaty_url(976, 14152)` is
/// `https://treaties.un.org/doc/Publication/UNTS/Volume%20976/volume-976-I-14152-English.pdf`.
#[must_use]
pub fn treaty_url(volume: u32, number: u32) -> String {
    format!("https://treaties.un.org/doc/Publication/UNTS/Volume%20{volume}/volume-{volume}-I-{number}-English.pdf")
}

/// Sorts by start and keeps, of overlapping citations, the one that starts
/// first (the longest when they start together).
fn without_overlaps(mut found: Vec<Citation>) -> Vec<Citation> {
    found.sort_by_key(|c| (c.span.start, std::cmp::Reverse(c.span.end)));
    let mut kept: Vec<Citation> = Vec::with_capacity(found.len());
    for citation in found {
        if citation.span.is_empty() {
            continue;
        }
        if kept.last().is_none_or(|last| citation.span.start >= last.span.end) {
            kept.push(citation);
        }
    }
    kept
}

/// Words that may come before the one work a footnote cites (a footnote
/// number left in front is tolerated).
static LEAD_IN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:\d{1,3}\s+)?(?:[Ss]ee(?:\s+also)?\s+)?(?:[Rr]esolutions?\s+|document\s+)?$")
        .expect("valid regex")
});

/// The work a footnote cites, when it cites exactly one and starts with it:
/// what a following "Ibid." refers to. Anything else (several works, a report
/// we do not resolve) leaves nothing for "Ibid.".
fn cited_work(text: &str, citations: &[Citation]) -> Option<Target> {
    match citations {
        [only] if LEAD_IN.is_match(text.get(..only.span.start)?) => match &only.target {
            Target::Internal { .. } => None,
            target => Some(target.clone()),
        },
        _ => None,
    }
}

impl fmt::Display for Pinpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Pinpoint::Paragraph(paragraph) => write!(f, "para. {paragraph}"),
            Pinpoint::Annex(None) => write!(f, "annex"),
            Pinpoint::Annex(Some(annex)) => write!(f, "annex {annex}"),
            Pinpoint::Section(section) => write!(f, "sect. {section}"),
        }
    }
}

impl fmt::Display for Target {
    /// A compact reading form: "A/RES/55/25, annex II", "UNTS 976/14152",
    /// "present resolution, sect. II, para. 1 (a)".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Target::Document { symbol, pinpoint } => {
                write!(f, "{symbol}")?;
                if let Some(pinpoint) = pinpoint {
                    write!(f, ", {pinpoint}")?;
                }
                Ok(())
            }
            Target::Treaty { volume, number } => write!(f, "UNTS {volume}/{number}"),
            Target::Internal { section, paragraph, subs } => {
                write!(f, "present resolution")?;
                if let Some(section) = section {
                    write!(f, ", sect. {section}")?;
                }
                if let Some(paragraph) = paragraph {
                    write!(f, ", para. {}", pinpoint::join_paragraph(paragraph, subs))?;
                }
                Ok(())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn undocs_urls() {
        assert_eq!(undocs_url("A/RES/60/178"), "https://undocs.org/A/RES/60/178");
        assert_eq!(
            treaty_url(999, 14668),
            "https://treaties.un.org/doc/Publication/UNTS/Volume%20999/volume-999-I-14668-English.pdf"
        );
    }

    #[test]
    fn cited_works_are_documents_and_treaties_once_each() {
        let doc = |symbol: &str, pinpoint: Option<Pinpoint>| Target::Document { symbol: symbol.into(), pinpoint };
        let targets = [
            doc("A/RES/60/178", Some(Pinpoint::Paragraph("5".into()))),
            Target::Treaty { volume: 999, number: 14668 },
            Target::Internal { section: Some("II".into()), paragraph: None, subs: Vec::new() },
            doc("A/61/221", None),
            doc("A/RES/60/178", None),
            Target::Treaty { volume: 999, number: 14668 },
        ];
        let works = CitedWorks::of(&targets);
        assert_eq!(&*works.documents, [Box::from("A/RES/60/178"), Box::from("A/61/221")]);
        assert_eq!(&*works.treaties, [(999, 14668)]);
        assert_eq!(CitedWorks::of(&[]), CitedWorks::default());
    }

    #[test]
    fn overlaps_keep_the_first_and_longest() {
        let cite = |span: Range<usize>| Citation { span, target: Target::Treaty { volume: 1, number: 1 } };
        let kept = without_overlaps(vec![cite(5..9), cite(0..3), cite(0..6), cite(6..8)]);
        let spans: Vec<_> = kept.into_iter().map(|c| c.span).collect();
        assert_eq!(spans, [0..6, 6..8]);
    }

    #[test]
    fn ibid_follows_the_previous_footnote() {
        let mut ctx = Context::default();
        scan("Resolution 55/25, annex I.", &mut ctx);
        let found = scan("Ibid., annex II.", &mut ctx);
        assert_eq!(found[0].target.to_string(), "A/RES/55/25, annex II");
        let found = scan("Ibid., annex III.", &mut ctx);
        assert_eq!(found[0].target.to_string(), "A/RES/55/25, annex III");
        scan("Resolution 55/25, annexes I–III, and resolution 55/255, annex.", &mut ctx);
        assert!(scan("Ibid.", &mut ctx).is_empty());
    }

    #[test]
    fn a_footnote_number_left_in_front_is_tolerated() {
        let mut ctx = Context::default();
        scan("10 United Nations, Treaty Series, vol. 976, No. 14152.", &mut ctx);
        let found = scan("11 Ibid., vol. 1019, No. 14956.", &mut ctx);
        assert_eq!(found[0].target.to_string(), "UNTS 1019/14956");
    }
}
