//! Plenary: a static site generator for annotated resolution publications.
//!
//! The pipeline runs in one direction, each stage its own module:
//!
//! ```text
//! raw text ──ingest──▶ model::Resolution ──markdown::write──▶ content/*.md
//! content/ ──markdown::load──▶ models ──link──▶ Corpus ──render──▶ public/
//! ```

pub mod annotate;
pub mod check;
pub mod cite;
pub mod commands;
pub mod dates;
pub mod export;
pub mod generate;
pub mod ids;
pub mod ingest;
pub mod lineage;
pub mod link;
pub mod markdown;
pub mod model;
pub mod paths;
pub mod progress;
pub mod render;
pub mod serve;
pub mod site;
