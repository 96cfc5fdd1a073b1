//! The Akoma Ntoso importer: an AKN 3.0 document in (what
//! [`crate::export::akn::to_xml`] writes, and reasonable AKN4UN variations), a
//! [`Resolution`] out, so that a collection can round-trip through the standard.
//!
//! Ids come back from the eIds: [`id_from_eid`] inverts [`crate::ids::akn_eid`],
//! and a `plenary:id` attribute, which the exporter writes only where that
//! inversion would not give the id back, takes precedence. Elements with neither
//! get ids from their position, as the text importer would name them. Masthead
//! fields are read from the preface by `class` or, failing that, by the AKN
//! inline that carries them (`docNumber`, `docTitle`, `docProponent`, …).
//!
//! Recognised structure: `preamble` (`formula`, `container`, `recitals`/`recital`,
//! `citations`/`citation`, `p`), `mainBody` (`paragraph`, `article`, `point`,
//! `list`/`blockList`, `section` and its kin, `hcontainer`, `crossHeading`, `p`),
//! `conclusions`, `attachments` (`attachment` or `component` with a document
//! inside), `authorialNote`/`noteRef` marks and `meta/notes/note`.

mod dom;
mod eid;
mod masthead;
mod read;

pub use eid::id_from_eid;

use crate::model::Resolution;

/// Why an Akoma Ntoso document could not be read, with the line it happened at.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct AknError {
    pub line: usize,
    pub message: String,
}

impl AknError {
    pub fn new(line: usize, message: impl std::fmt::Display) -> Self {
        AknError { line, message: message.to_string() }
    }
}

/// Reads one resolution from an Akoma Ntoso document.
pub fn import_akn(xml: &str) -> Result<Resolution, AknError> {
    let root = dom::parse(xml)?;
    if root.name != "akomaNtoso" {
        return Err(AknError::new(
            root.line,
            format!("the root element is <{}>, not <akomaNtoso>: not an Akoma Ntoso document", root.name),
        ));
    }
    let doc = root.elements().next().ok_or_else(|| {
        AknError::new(root.line, "<akomaNtoso> holds no document (expected <statement> or another document type)")
    })?;
    Ok(read::document(doc))
}

/// Whether input should go to the AKN importer: a `.xml` file name, or content
/// that starts (after a byte-order mark and blank space) with `<?xml` or `<akomaNtoso`.
pub fn looks_like_akn(bytes: &[u8], path: Option<&std::path::Path>) -> bool {
    if path.and_then(|p| p.extension()).is_some_and(|x| x.eq_ignore_ascii_case("xml")) {
        return true;
    }
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(bytes.len());
    let head = &bytes[start..];
    head.starts_with(b"<?xml") || head.starts_with(b"<akomaNtoso")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_akn_input() {
        assert!(looks_like_akn(b"\xef\xbb\xbf  <?xml version=\"1.0\"?>", None));
        assert!(looks_like_akn(b"<akomaNtoso>", None));
        assert!(looks_like_akn(b"whatever", Some(std::path::Path::new("a/b.XML"))));
        assert!(!looks_like_akn(b"61/183. Title", Some(std::path::Path::new("a.txt"))));
    }

    #[test]
    fn refuses_other_documents() {
        assert!(import_akn("<html/>").unwrap_err().message.contains("not an Akoma Ntoso"));
        assert!(import_akn("<akomaNtoso/>").is_err());
        assert_eq!(import_akn("<akomaNtoso>\n<x></akomaNtoso>").unwrap_err().line, 2);
    }
}
