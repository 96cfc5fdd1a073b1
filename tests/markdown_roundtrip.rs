//! Markdown → model → Markdown is byte-identical, and the loaded model equals the
//! imported one, for every resolution of the corpus.

mod common;

use plenary::markdown;

#[test]
fn corpus_round_trips_through_markdown() {
    for path in common::corpus_files() {
        let imported = common::import(&path).resolution;
        let md = markdown::write(&imported);
        let loaded = markdown::load(&md).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(loaded, imported, "{}: loaded model differs from the imported one", path.display());
        assert_eq!(markdown::write(&loaded), md, "{}: Markdown not byte-identical after a round trip", path.display());
    }
}
