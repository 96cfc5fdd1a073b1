//! Helpers shared by the integration tests: the corpus location and its files.

#![allow(dead_code)]

pub mod akn_tools;

use std::path::PathBuf;

/// The shared corpus of real resolution texts, beside the repository.
pub fn corpus_dir() -> PathBuf {
    let here = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let candidates = [here.join("../shared/corpus"), here.join("tests/fixtures/corpus")];
    candidates.into_iter().find(|p| p.is_dir()).expect("the corpus (../shared/corpus) is present")
}

/// Every `.txt` file of the corpus, sorted.
pub fn corpus_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(corpus_dir())
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
        .map(|e| e.into_path())
        .collect();
    files.sort();
    files
}

pub fn import(path: &std::path::Path) -> plenary::ingest::Imported {
    let bytes = std::fs::read(path).expect("corpus file readable");
    plenary::ingest::import(&bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}
