//! The site: its configuration (`plenary.toml`) and its content (the structured
//! Markdown under content/), loaded into models for the later stages.
