//! What the templates get about annotations, and the highlighted source page.
//!
//! - `annotations` on a resolution page (`resolution.html`, partial
//!   `resolution_annotations.html`): [`ResolutionNotes`], the list of its notes;
//! - the index of all annotations, `annotations/index.html` (`annotations.html`):
//!   [`Index`], by resolution and by tag;
//! - `<symbol>/source.html` (`source.html`): [`SourceCtx`], the structured Markdown
//!   with its TOML front matter and Markdown body highlighted by syntect (the body
//!   with `syntaxes/PlenaryMarkdown.sublime-syntax`).
//!
//! **In**: [`Annotations`] and the site's resolutions. **Out**: serializable,
//! sorted contexts (paths from the site root; templates prefix `{{ root }}`).

use super::{highlight, labels, Annotations, Note};
use crate::render::pages::format_date;
use crate::render::urls;
use crate::site::Source;
use serde::Serialize;
use std::collections::BTreeMap;

/// The index of all annotations.
pub const INDEX_PAGE: &str = "annotations/index.html";
/// The highlighted source, beside a resolution's `index.html`.
pub const SOURCE_FILE: &str = "source.html";

/// `Drug control` → `drug-control`: the fragment of a tag on the index.
pub fn tag_slug(tag: &str) -> String {
    let mut out = String::new();
    for c in tag.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_matches('-').to_string();
    let out = if out.is_empty() { "tag".to_string() } else { out };
    crate::render::html::fragment(&out)
}

#[derive(Debug, Clone, Serialize)]
pub struct TagRef {
    pub name: String,
    pub slug: String,
}

/// One note as listings show it.
#[derive(Debug, Clone, Serialize)]
pub struct NoteSummary {
    /// Number of the note on its resolution's page.
    pub n: usize,
    pub symbol: String,
    /// The resolution's page, from the site root.
    pub page: String,
    /// The note's anchor (`ann-op7a`).
    pub anchor: String,
    /// The annotated element's id, or `resolution`.
    pub target: String,
    /// `paragraph 7 (a)`.
    pub target_label: String,
    pub title: Option<String>,
    pub summary: String,
    pub author: String,
    pub date: String,
    pub date_display: String,
    pub tags: Vec<TagRef>,
}

/// The notes of one resolution page.
#[derive(Debug, Clone, Serialize)]
pub struct ResolutionNotes {
    /// The index page, from the site root.
    pub index: String,
    pub notes: Vec<NoteSummary>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ResolutionGroup {
    pub symbol: String,
    pub number: String,
    pub title: String,
    pub page: String,
    pub notes: Vec<NoteSummary>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TagGroup {
    pub name: String,
    pub slug: String,
    pub notes: Vec<NoteSummary>,
}

/// The index page's data.
#[derive(Debug, Clone, Serialize)]
pub struct Index {
    pub count: usize,
    /// In collection order.
    pub by_resolution: Vec<ResolutionGroup>,
    /// Alphabetical (case-insensitive).
    pub by_tag: Vec<TagGroup>,
}

pub fn summary(n: &Note) -> NoteSummary {
    NoteSummary {
        n: n.number,
        symbol: n.symbol.clone(),
        page: urls::resolution_page(&n.symbol).unwrap_or_default(),
        anchor: n.anchor.clone(),
        target: n.target.clone(),
        target_label: labels::label(&n.target),
        title: n.title.clone(),
        summary: n.summary.clone(),
        author: n.author.clone(),
        date: n.date.clone(),
        date_display: format_date(&n.date),
        tags: n.tags.iter().map(|t| TagRef { name: t.clone(), slug: tag_slug(t) }).collect(),
    }
}

/// The `annotations` of a resolution page; `None` when it has no notes.
pub fn resolution_notes(notes: &[&Note]) -> Option<ResolutionNotes> {
    (!notes.is_empty())
        .then(|| ResolutionNotes { index: INDEX_PAGE.to_string(), notes: notes.iter().map(|n| summary(n)).collect() })
}

/// The index of every note of the site.
pub fn index(annotations: &Annotations, sources: &[Source]) -> Index {
    let mut by_resolution = Vec::new();
    for s in sources {
        let m = &s.resolution.meta;
        let notes: Vec<NoteSummary> = annotations.for_resolution(&m.symbol).into_iter().map(summary).collect();
        if !notes.is_empty() {
            by_resolution.push(ResolutionGroup {
                symbol: m.symbol.clone(),
                number: m.number.clone(),
                title: m.title.clone(),
                page: urls::resolution_page(&m.symbol).unwrap_or_default(),
                notes,
            });
        }
    }
    let mut tags: BTreeMap<(String, String), Vec<NoteSummary>> = BTreeMap::new();
    for group in &by_resolution {
        for note in &group.notes {
            for tag in &note.tags {
                tags.entry((tag.name.to_lowercase(), tag.name.clone())).or_default().push(note.clone());
            }
        }
    }
    let by_tag = tags.into_iter().map(|((_, name), notes)| TagGroup { slug: tag_slug(&name), name, notes }).collect();
    Index { count: annotations.notes.len(), by_resolution, by_tag }
}

/// The highlighted source page's data.
#[derive(Debug, Clone, Serialize)]
pub struct SourceCtx {
    pub symbol: String,
    pub number: String,
    pub title: String,
    /// Where the file lives in content/ (`A/RES/61/183.md`).
    pub file: String,
    pub lines: usize,
    /// The highlighted Markdown, to be written with `| safe`.
    pub html: String,
}

/// The structured Markdown `md` as the source page shows it: a `<pre>` with the TOML
/// front matter and the Markdown body highlighted (each escaped when its syntax fails).
pub fn highlighted_source(md: &str) -> String {
    let split =
        md.strip_prefix("+++\n").and_then(|rest| rest.find("\n+++\n").map(|i| 4 + i + "\n+++\n".len())).unwrap_or(0);
    let (front, body) = md.split_at(split);
    let part = |text: &str, lang: &str| -> String {
        if text.is_empty() {
            return String::new();
        }
        highlight::highlight(text, lang).unwrap_or_else(|| crate::render::html::escape(text))
    };
    format!(
        "<pre class=\"{} source-code\"><code class=\"language-markdown\">{}{}</code></pre>\n",
        highlight::PRE_CLASS,
        part(front, "toml"),
        part(body, highlight::PLENARY_MARKDOWN)
    )
}

/// The source page's data of a resolution whose Markdown is `md`.
pub fn source_ctx(source: &Source, md: &str) -> SourceCtx {
    let html = highlighted_source(md);
    let m = &source.resolution.meta;
    SourceCtx {
        symbol: m.symbol.clone(),
        number: m.number.clone(),
        title: m.title.clone(),
        file: source.path.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/"),
        lines: md.lines().count(),
        html,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(tag_slug("Drug control"), "drug-control");
        assert_eq!(tag_slug("  57/174 → 61/183 "), "57-174-61-183");
        assert_eq!(tag_slug("!!!"), "tag");
        assert_eq!(tag_slug("Précurseurs"), "pr%C3%A9curseurs");
    }

    #[test]
    fn source_is_highlighted_in_two_parts() {
        let md = "+++\nsymbol = \"A/RES/1/1\"\nbody = \"General Assembly\"\nnumber = \"1/1\"\ntitle = \"T\"\n+++\n\n\
                  {#formula} *The General Assembly*,\n";
        let source = Source {
            path: "A/RES/1/1.md".into(),
            display: "content/A/RES/1/1.md".into(),
            file: "content/A/RES/1/1.md".into(),
            digest: crate::site::content::digest(md),
            resolution: crate::markdown::load(md).unwrap(),
        };
        let ctx = source_ctx(&source, md);
        assert!(ctx.html.contains("hl-entity hl-name hl-tag hl-key hl-toml"), "{}", ctx.html);
        assert!(ctx.html.contains("hl-entity hl-name hl-tag hl-anchor"), "{}", ctx.html);
        assert_eq!(ctx.file, "A/RES/1/1.md");
        assert_eq!(ctx.lines, 8);
    }
}
