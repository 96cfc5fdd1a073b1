//! Rendering: models and templates in, the pages of the static site out.
