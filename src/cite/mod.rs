//! Citation recognition: finds references to resolutions, documents, treaties and
//! paragraphs in plain paragraph or footnote text and resolves each to a target.
