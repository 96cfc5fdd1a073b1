//! Akoma Ntoso 3.0 export of a resolution, following the UN's AKN4UN conventions.
//!
//! [`to_xml`] writes one `<akomaNtoso>` document per resolution, deterministic and
//! valid against the OASIS schema (`akomantoso30.xsd`; `tests/akn_validate.rs`
//! checks every corpus resolution with xmllint). [`crate::ingest::akn`] reads it
//! back into the same model.
//!
//! Choices, and why:
//! - **Document type**: `<statement name="resolution">`. AKN4UN marks up General
//!   Assembly resolutions as statements (a deliberative body's formal
//!   expression of opinion or will), not as acts; the schema's `statement` is an
//!   open structure with preface, preamble, mainBody, conclusions and attachments.
//! - **eIds** come from [`crate::ids::akn_eid`], so a site anchor and an XML eId
//!   name the same element (`para_7__list_1__point_a` ↔ `op7a`). The importer
//!   recovers the Plenary id by inverting that mapping; only when an id has no
//!   eId, or its eId does not lead back to it, is the id also written as
//!   `plenary:id` (namespace [`PLENARY_NS`]; AKN allows foreign attributes
//!   everywhere). Likewise `plenary:kind` only when a paragraph's kind differs
//!   from the one its id implies.
//! - **Preamble**: the formula is `<formula name="enactingFormula">`. The schema
//!   admits no `<paragraph>` inside `<preamble>`, so a preambular paragraph is a
//!   `<container name="preambularParagraph">` carrying the `preamble__para_N`
//!   eId, its sub-paragraphs a `<blockList>` of `<item>`s. The preamble is the run
//!   of formula, unnumbered preambular paragraphs and headings before the first
//!   other node (headings right before it introduce the operative part and stay
//!   in the body).
//! - **Body**: operative paragraphs are `<paragraph>` with `<num>7.</num>` and
//!   `<content>`, or `<intro>` and a `<list>` of `<point>`s (`<num>(a)</num>`) for
//!   sub-paragraphs; sections are `<section>` with `<num>` and `<heading>`;
//!   unnumbered headings are `<hcontainer name="heading">` (eId `hcontainer_N`);
//!   unclassified text is `<hcontainer name="block">`.
//! - **Footnotes** are `<authorialNote marker="n" placement="bottom" eId="fnt_n">`
//!   at their first mark; a repeated mark is a `<noteRef href="#fnt_n">` (eIds are
//!   unique per document). A footnote whose mark is nowhere in the text is kept in
//!   `<meta><notes>` as a `<note>` with the same eId.
//! - **Masthead** fields are `<p class="…">` lines in `<preface>` around the
//!   AKN inline that names each (`docProponent`, `docNumber`, `docStatus`,
//!   `docDate`, `session`, `docCommittee`, `docTitle`); the classes are listed in
//!   [`class`]. Editor data with no AKN home (series, subjects) is in
//!   `<proprietary source="#plenary">`.
//! - **Annexes** are `<attachments><attachment eId="annex"><doc name="annex">`,
//!   each with its own meta (component `!annex`, `!annex_II`), a preface with the
//!   label (`docNumber`) and title (`docTitle`), and its own preamble/mainBody.
//! - **IRIs**: work `/akn/un/statement/resolution/unga/2006-12-20/61-183/!main`,
//!   expression `…/61-183/eng@/!main`, manifestation `…/61-183/eng@/!main.xml`;
//!   the date is the adoption date (`FRBRdate name="adoption"`), else the
//!   distribution date (`name="distribution"`).

mod body;
mod meta;
mod xml;

use crate::model::Resolution;
use xml::Xml;

/// The Akoma Ntoso 3.0 namespace.
pub const NS: &str = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0";
/// Namespace of the `plenary:` attributes and proprietary elements.
pub const PLENARY_NS: &str = "urn:x-plenary:akn";

/// The `class` of each `<p>` in a resolution's `<preface>`, and of the closing lines.
pub mod class {
    pub const BODY: &str = "body";
    pub const SYMBOL: &str = "symbol";
    pub const DISTRIBUTION: &str = "distribution";
    pub const DISTRIBUTED: &str = "distributed";
    pub const SESSION: &str = "session";
    pub const AGENDA_ITEM: &str = "agendaItem";
    pub const REFERENCE: &str = "reference";
    pub const JOB_NUMBER: &str = "jobNumber";
    pub const MASTHEAD_NOTE: &str = "mastheadNote";
    pub const TITLE: &str = "title";
    pub const LABEL: &str = "label";
    pub const MEETING: &str = "meeting";
    pub const DATE: &str = "date";
}

/// The resolution as an Akoma Ntoso 3.0 document (UTF-8, final newline).
pub fn to_xml(res: &Resolution) -> String {
    // The body is written first: only then is it known which footnotes had no
    // mark to sit at, and those go into the meta block.
    let mut notes = body::Notes::new(&res.footnotes);
    let mut content = Xml::with_depth(2);
    meta::preface(&mut content, &res.meta);
    body::nodes(&mut content, &res.body, &mut notes);
    if let Some(closing) = &res.closing {
        body::conclusions(&mut content, closing, res.meta.adopted.as_deref());
    }
    if !res.annexes.is_empty() {
        content.open("attachments", xml::NONE);
        for annex in &res.annexes {
            body::annex(&mut content, &res.meta, annex, &mut notes);
        }
        content.close("attachments");
    }

    let mut head = Xml::new();
    head.raw(r#"<?xml version="1.0" encoding="UTF-8"?>"#);
    head.open("akomaNtoso", &[("xmlns", NS), ("xmlns:plenary", PLENARY_NS)]);
    head.open("statement", &[("name", "resolution"), ("contains", "originalVersion")]);
    meta::meta(&mut head, &res.meta, "main", &notes.unplaced(&res.footnotes));
    let mut out = head.finish();
    out.push_str(&content.finish());
    out.push_str("  </statement>\n</akomaNtoso>\n");
    out
}
