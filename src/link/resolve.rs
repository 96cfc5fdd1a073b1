//! Where a recognised citation goes: a resolution of the collection (to the
//! pinpointed paragraph when it exists), a cited work outside it (a document
//! known by its symbol, or a treaty), or an anchor on the citing page itself.
//!
//! **In**: a [`cite::Target`](crate::cite::Target), the [`CorpusIndex`], the citing resolution and
//! the element the citation stands in. **Out**: a [`Destination`], or `None`
//! when the citation cannot be placed soundly (an internal reference to a
//! paragraph the resolution does not have): it then stays plain text.
//!
//! Pinpoints become fragments only when the target defines that id:
//! "paragraph 5" → `op5`, "63 (d)" → `op63d`, "annex" → `annex`, "annex II" →
//! `annex-II`, "annexes I–III" → `annex-I`, "sect. II.A" → `sec-II`. A
//! pinpoint that does not exist (or is ambiguous, as "paragraph 5" of a
//! resolution whose sections restart numbering) links the page without one.
//!
//! Internal references ("paragraph 1 (a) above") are read in the numbering
//! of the place they stand: in a section that restarts numbering, "paragraph
//! 5 above" is paragraph 5 *of that section* (`II-op5`), as resolutions cite
//! across sections explicitly ("paragraph 5 of section I"); in an annex it is
//! the annex's paragraph (`annex-p5`), except when it says "of the present
//! resolution", which always means the operative paragraph.

use super::index::CorpusIndex;
use super::walk::{Element, Place};
use crate::cite::{Pinpoint, Target};
use crate::ids;
use regex::Regex;
use std::sync::LazyLock;

/// A cited work that has no page in the collection.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Work {
    /// A United Nations document by its symbol (`A/61/221`, `A/RES/60/178`).
    Document(String),
    /// A treaty registered in the United Nations Treaty Series.
    Treaty { volume: u32, number: u32 },
}

/// Where a citation links to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    /// Resolution `doc` of the collection, at `fragment` when pinpointed.
    Resolution { doc: usize, fragment: Option<String> },
    /// A work outside the collection (it gets a page of its own in the site).
    Work(Work),
    /// An anchor on the citing page.
    Here(String),
}

/// The destination of `target`, cited in `element` of resolution `doc`, whose
/// plain text `after` follows the citation.
pub fn destination(
    target: &Target,
    index: &CorpusIndex,
    doc: usize,
    element: &Element<'_>,
    after: &str,
) -> Option<Destination> {
    match target {
        Target::Document { symbol, pinpoint } => Some(match index.find(symbol) {
            Some(cited) => Destination::Resolution {
                doc: cited,
                fragment: pinpoint.as_ref().and_then(|p| pinpoint_id(p, index, cited)),
            },
            None => Destination::Work(Work::Document(symbol.clone())),
        }),
        Target::Treaty { volume, number } => Some(Destination::Work(Work::Treaty { volume: *volume, number: *number })),
        Target::Internal { section, paragraph, subs } => {
            internal_id(section.as_deref(), paragraph.as_deref(), subs, index, doc, element, after)
                .map(Destination::Here)
        }
    }
}

/// The id a pinpoint names in resolution `doc`, if it has it.
fn pinpoint_id(pinpoint: &Pinpoint, index: &CorpusIndex, doc: usize) -> Option<String> {
    let id = match pinpoint {
        Pinpoint::Paragraph(written) => {
            let (number, subs) = split_paragraph(written)?;
            return paragraph_id("op", &number, &subs, index, doc);
        }
        Pinpoint::Annex(None) => "annex".to_string(),
        Pinpoint::Annex(Some(label)) => ids::annex_id(leading_label(label)?),
        Pinpoint::Section(label) => format!("sec-{}", leading_label(label)?),
    };
    index.has_id(doc, &id).then_some(id)
}

/// `prefix` + kind + number (`II-` `op` `5`), deepened by each sub-paragraph
/// label that exists (`op5a`, `op5a-ii`); `None` when the paragraph does not.
fn paragraph_id(kind_prefix: &str, number: &str, subs: &[String], index: &CorpusIndex, doc: usize) -> Option<String> {
    let mut id = format!("{kind_prefix}{number}");
    if !index.has_id(doc, &id) {
        return None;
    }
    for sub in subs {
        let deeper = ids::sub(&id, sub);
        if !index.has_id(doc, &deeper) {
            break;
        }
        id = deeper;
    }
    Some(id)
}

/// "63 (d) (ii)" → ("63", ["d", "ii"]).
fn split_paragraph(written: &str) -> Option<(String, Vec<String>)> {
    let mut parts = written.split_whitespace();
    let number = parts.next().filter(|n| n.bytes().all(|b| b.is_ascii_digit()))?.to_string();
    let subs = parts
        .map(|p| p.trim_start_matches('(').trim_end_matches(')').to_string())
        .filter(|s| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric()))
        .collect();
    Some((number, subs))
}

/// The first label of "I–III", "I and II", "II.A": "I", "I", "II".
fn leading_label(label: &str) -> Option<&str> {
    let end = label.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(label.len());
    Some(&label[..end]).filter(|l| !l.is_empty())
}

/// "of the present resolution" (or "of this resolution") right after a list of
/// paragraph numbers.
static OF_THE_RESOLUTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[\s\d(),a-z\u{2013}\u{2014}-]*?\bof\s+(?:the\s+present|this)\s+resolution\b").expect("valid regex")
});

/// Matches the numbering prefix of a paragraph id: `II-` in `II-op5a`,
/// `annex-` in `annex-p3`, nothing in `op7`.
static NUMBERING_PREFIX: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(.*?)(?:pp|op|p|t)\d").expect("valid regex"));

fn internal_id(
    section: Option<&str>,
    paragraph: Option<&str>,
    subs: &[String],
    index: &CorpusIndex,
    doc: usize,
    element: &Element<'_>,
    after: &str,
) -> Option<String> {
    let of_resolution = OF_THE_RESOLUTION.is_match(after);
    let annex = match element.place {
        Place::Annex(annex) if !of_resolution => Some(annex),
        _ => None,
    };
    let container_prefix = annex.map(|a| format!("{a}-")).unwrap_or_default();
    let Some(number) = paragraph else {
        let id = format!("{container_prefix}sec-{}", section?);
        return index.has_id(doc, &id).then_some(id);
    };
    let kind = if annex.is_some() { "p" } else { "op" };
    let prefix = match section {
        Some(section) => format!("{container_prefix}{section}-"),
        None if of_resolution || element.place == Place::Footnote => String::new(),
        None => {
            // The numbering the citing paragraph itself is in.
            let own = NUMBERING_PREFIX.captures(&element.id).and_then(|c| c.get(1)).map_or("", |m| m.as_str());
            if own.starts_with(&container_prefix) {
                own.to_string()
            } else {
                container_prefix
            }
        }
    };
    paragraph_id(&format!("{prefix}{kind}"), number, subs, index, doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus() -> (Vec<crate::model::Resolution>, CorpusIndex) {
        let doc = |symbol: &str, body: &str| {
            let md = format!(
                "+++\nsymbol = \"{symbol}\"\nbody = \"General Assembly\"\nnumber = \"x\"\ntitle = \"T\"\n+++\n\n{body}"
            );
            crate::markdown::load(&md).unwrap()
        };
        let docs = vec![
            doc(
                "A/RES/1/1",
                "{#pp1} *Recalling* x,\n\n{#op1} 1. *Decides* a;\n\n{#op1a} (a) b;\n\n{#op5} 5. *Notes* c;\n\n\
                 ## Annex I {#annex-I}\n\n{#annex-I-p5} 5. d.\n\n## Annex II {#annex-II}\n\n{#annex-II-p1} 1. e.\n",
            ),
            doc(
                "A/RES/2/2",
                "{#pp1} *Recalling* x,\n\n## I. One {#sec-I}\n\n{#I-op5} 5. *Decides* a;\n\n\
                 ## II. Two {#sec-II}\n\n{#II-op5} 5. *Decides* b;\n\n{#II-op6} 6. *Notes* c;\n",
            ),
        ];
        let index = CorpusIndex::new(&docs);
        (docs, index)
    }

    fn element<'a>(id: &str, place: Place<'a>, text: &'a crate::model::Text) -> Element<'a> {
        Element { id: id.into(), text, label: String::new(), place }
    }

    fn doc_target(symbol: &str, pinpoint: Option<Pinpoint>) -> Target {
        Target::Document { symbol: symbol.into(), pinpoint }
    }

    #[test]
    fn documents_and_pinpoints() {
        let (_docs, index) = corpus();
        let text = crate::model::Text::plain("");
        let at = element("pp1", Place::Body, &text);
        let go = |target: &Target| destination(target, &index, 1, &at, "");
        let para = |p: &str| Some(Pinpoint::Paragraph(p.into()));
        assert_eq!(
            go(&doc_target("A/RES/1/1", para("1 (a)"))),
            Some(Destination::Resolution { doc: 0, fragment: Some("op1a".into()) })
        );
        assert_eq!(
            go(&doc_target("A/RES/1/1", para("1 (c)"))),
            Some(Destination::Resolution { doc: 0, fragment: Some("op1".into()) })
        );
        assert_eq!(go(&doc_target("A/RES/1/1", para("9"))), Some(Destination::Resolution { doc: 0, fragment: None }));
        assert_eq!(
            go(&doc_target("A/RES/1/1", Some(Pinpoint::Annex(Some("II".into()))))),
            Some(Destination::Resolution { doc: 0, fragment: Some("annex-II".into()) })
        );
        assert_eq!(
            go(&doc_target("A/RES/1/1", Some(Pinpoint::Annex(Some("I–III".into()))))),
            Some(Destination::Resolution { doc: 0, fragment: Some("annex-I".into()) })
        );
        // Only one annex is called "annex": A/RES/1/1 has numbered annexes.
        assert_eq!(
            go(&doc_target("A/RES/1/1", Some(Pinpoint::Annex(None)))),
            Some(Destination::Resolution { doc: 0, fragment: None })
        );
        // Ambiguous in a resolution whose sections restart numbering.
        assert_eq!(go(&doc_target("A/RES/2/2", para("5"))), Some(Destination::Resolution { doc: 1, fragment: None }));
        assert_eq!(
            go(&doc_target("A/RES/2/2", Some(Pinpoint::Section("II.A".into())))),
            Some(Destination::Resolution { doc: 1, fragment: Some("sec-II".into()) })
        );
        assert_eq!(go(&doc_target("A/61/221", None)), Some(Destination::Work(Work::Document("A/61/221".into()))));
        assert_eq!(
            go(&Target::Treaty { volume: 976, number: 14152 }),
            Some(Destination::Work(Work::Treaty { volume: 976, number: 14152 }))
        );
    }

    #[test]
    fn internal_references_follow_the_citing_numbering() {
        let (_docs, index) = corpus();
        let text = crate::model::Text::plain("");
        let internal = |paragraph: Option<&str>, subs: &[&str], section: Option<&str>| Target::Internal {
            section: section.map(String::from),
            paragraph: paragraph.map(String::from),
            subs: subs.iter().map(|s| s.to_string()).collect(),
        };
        let here = |id: &str| Some(Destination::Here(id.into()));
        // In section II, "paragraph 5 above" is II-op5.
        let in_sec_ii = element("II-op6", Place::Body, &text);
        assert_eq!(destination(&internal(Some("5"), &[], None), &index, 1, &in_sec_ii, " above"), here("II-op5"));
        assert_eq!(destination(&internal(None, &[], Some("I")), &index, 1, &in_sec_ii, " above"), here("sec-I"));
        // From the preamble the number is ambiguous.
        let pp = element("pp1", Place::Body, &text);
        assert_eq!(destination(&internal(Some("5"), &[], None), &index, 1, &pp, " below"), None);
        // In a resolution without sections.
        let op5 = element("op5", Place::Body, &text);
        assert_eq!(destination(&internal(Some("1"), &["a"], None), &index, 0, &op5, " above"), here("op1a"));
        assert_eq!(destination(&internal(Some("7"), &[], None), &index, 0, &op5, " above"), None);
        // In an annex: the annex's numbering, unless "of the present resolution".
        let in_annex = element("annex-II-p1", Place::Annex("annex-II"), &text);
        assert_eq!(destination(&internal(Some("1"), &[], None), &index, 0, &in_annex, " above"), here("annex-II-p1"));
        assert_eq!(destination(&internal(Some("5"), &[], None), &index, 0, &in_annex, " above"), None);
        let in_annex_i = element("annex-I-p5", Place::Annex("annex-I"), &text);
        assert_eq!(destination(&internal(Some("5"), &[], None), &index, 0, &in_annex_i, " above"), here("annex-I-p5"));
        assert_eq!(
            destination(&internal(Some("5"), &[], None), &index, 0, &in_annex_i, " of the present resolution"),
            here("op5")
        );
    }
}
