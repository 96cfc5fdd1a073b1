//! Structured Markdown, the editable source of truth: `write` renders a model,
//! `load` parses one back. The format is documented in docs/format.md; the two are
//! inverse, so load → write reproduces a file byte for byte.

mod load;
mod write;

pub use load::{load, LoadError};
pub use write::{escape, inlines, write};
