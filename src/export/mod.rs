//! Machine-readable exports of the model: the JSON tree of DESIGN.md.

pub mod akn;
pub mod json;
