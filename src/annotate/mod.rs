//! Annotations: editorial notes attached to paragraphs of the resolutions, shown
//! beside the paragraph they discuss (docs/annotations.md).
//!
//! A resolution's notes live in one file beside it: `content/A/RES/61/183.notes.md`
//! annotates `content/A/RES/61/183.md`. Each note opens with a TOML header between
//! `+++` lines (`target`, `author`, `date`, `tags`, …; see `header`) followed by its
//! Markdown. Loading checks everything a build needs: that the file has a resolution
//! beside it, that each target exists, that every `@/SYMBOL#anchor` link lands.
//!
//! **In**: the content directory, the loaded resolutions, the site's static/ files.
//! **Out**: [`Annotations`] — every [`Note`] with its body rendered to HTML for its
//! resolution's page, in collection and document order; or one error listing every
//! problem as `content/A/RES/61/183.notes.md:12: …`.
//!
//! Submodules: `file` (a file → notes), `header` (TOML header), `targets` (anchors
//! of the collection, link resolution), `markdown` (body → HTML), `highlight`
//! (syntect), `labels` (reader's names of ids), `attach` (notes into a rendered
//! resolution), `pages` (template contexts, highlighted source page).

pub mod attach;
pub mod file;
pub mod header;
pub mod highlight;
pub mod labels;
pub mod markdown;
pub mod pages;
pub mod targets;

use crate::site::Source;
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use targets::Targets;

/// File names ending in this are annotation files, not resolutions.
pub const NOTES_SUFFIX: &str = ".notes.md";

/// Whether `path` names an annotation file.
pub fn is_notes_file(path: &Path) -> bool {
    path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.ends_with(NOTES_SUFFIX) && n != NOTES_SUFFIX)
}

/// One note, ready to render.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// The file as messages show it (`content/A/RES/61/183.notes.md`).
    pub file: String,
    /// Line of the note's opening `+++`.
    pub line: usize,
    /// The annotated resolution.
    pub symbol: String,
    /// The element id annotated (an eId in the header is turned into the id), or
    /// `resolution` for the whole resolution.
    pub target: String,
    /// The note's own anchor on the page: `ann-op7a` (`ann-op7a-2` for a second note
    /// on the same element, `ann-<id>` when the header sets `id`).
    pub anchor: String,
    pub author: String,
    /// ISO date.
    pub date: String,
    pub tags: Vec<String>,
    pub title: Option<String>,
    /// The body as HTML, with links relative to the resolution's page.
    pub html: String,
    /// The first paragraph as plain text, shortened.
    pub summary: String,
    /// 1-based number of the note on its page, in document order.
    pub number: usize,
}

/// Every note of the site.
#[derive(Debug, Clone, Default)]
pub struct Annotations {
    /// Sorted by resolution (collection order), then the target's place in the
    /// document (whole-resolution notes first), then file order.
    pub notes: Vec<Note>,
    /// Things worth telling the editor (raw HTML shown as text).
    pub warnings: Vec<String>,
}

impl Annotations {
    /// The notes on `symbol`'s page, in order.
    pub fn for_resolution(&self, symbol: &str) -> Vec<&Note> {
        self.notes.iter().filter(|n| n.symbol == symbol).collect()
    }

    pub fn is_empty(&self) -> bool {
        self.notes.is_empty()
    }
}

/// A note whose header has been read and checked, waiting for its body.
struct Pending {
    source: usize,
    raw: file::RawNote,
    header: header::Header,
    target: String,
    anchor: String,
    file: String,
}

/// Loads every annotation file under `content` (`shown` is how messages name it),
/// checking notes against `sources` and the site's static files.
pub fn load(
    content: &Path,
    shown: &Path,
    sources: &[Source],
    static_dir: Option<&Path>,
) -> anyhow::Result<Annotations> {
    let files = notes_files(content, shown)?;
    if files.is_empty() {
        // Nothing to check against the anchors of the collection.
        return Ok(Annotations::default());
    }
    let mut targets = Targets::new(sources, asset_names(static_dir));
    let by_path: HashMap<&Path, usize> = sources.iter().enumerate().map(|(i, s)| (s.path.as_path(), i)).collect();
    let mut errors: Vec<String> = Vec::new();
    let mut pending: Vec<Pending> = Vec::new();
    let mut taken: BTreeSet<(usize, String)> = BTreeSet::new();
    for rel in &files {
        let display = shown.join(rel).display().to_string();
        let resolution_file = resolution_path(rel);
        let Some(&source) = by_path.get(resolution_file.as_path()) else {
            errors.push(format!(
                "{display}:1: no resolution {} beside this annotation file: an annotation file is named after the \
                 resolution it annotates (A/RES/61/183.md → A/RES/61/183{NOTES_SUFFIX})",
                shown.join(&resolution_file).display()
            ));
            continue;
        };
        let symbol = sources[source].resolution.meta.symbol.clone();
        let text = match read_text(&content.join(rel), &display) {
            Ok(t) => t,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        let raws = match file::split(&text) {
            Ok(r) => r,
            Err((line, msg)) => {
                errors.push(format!("{display}:{line}: {msg}"));
                continue;
            }
        };
        for raw in raws {
            let h = match header::parse(&raw.header, raw.header_line) {
                Ok(h) => h,
                Err((line, col, msg)) => {
                    let col = col.map(|c| format!("{c}:")).unwrap_or_default();
                    errors.push(format!("{display}:{line}:{col} {msg}"));
                    continue;
                }
            };
            let target = if h.target == header::WHOLE_RESOLUTION {
                h.target.clone()
            } else if let Some(id) = targets.element(&symbol, &h.target) {
                id
            } else {
                errors.push(format!(
                    "{display}:{}: target `{}`: {symbol} has no paragraph or element with that id or eId \
                     (ids look like `op7a`, `II-op5`, `pp3`, `fn9`; write \"{}\" for the whole resolution)",
                    h.target_line,
                    h.target,
                    header::WHOLE_RESOLUTION
                ));
                continue;
            };
            let anchor = match &h.id {
                Some(id) => {
                    let anchor = format!("ann-{id}");
                    if !taken.insert((source, anchor.clone())) {
                        errors.push(format!("{display}:{}: id `{id}` is already the id of another note", raw.line));
                        continue;
                    }
                    anchor
                }
                None => {
                    let base = format!("ann-{target}");
                    let mut anchor = base.clone();
                    let mut k = 2;
                    while !taken.insert((source, anchor.clone())) {
                        anchor = format!("{base}-{k}");
                        k += 1;
                    }
                    anchor
                }
            };
            targets.add_anchor(&symbol, &anchor);
            pending.push(Pending { source, raw, header: h, target, anchor, file: display.clone() });
        }
    }
    let mut notes = Vec::new();
    let mut warnings = Vec::new();
    for p in pending {
        let symbol = &sources[p.source].resolution.meta.symbol;
        let ctx = markdown::NoteContext { targets: &targets, symbol, anchor: &p.anchor };
        let body = markdown::render(&p.raw.body, p.raw.body_line, &ctx);
        errors.extend(body.errors.iter().map(|(line, msg)| format!("{}:{line}: {msg}", p.file)));
        warnings.extend(body.warnings.iter().map(|(line, msg)| format!("{}:{line}: {msg}", p.file)));
        notes.push((
            p.source,
            Note {
                file: p.file,
                line: p.raw.line,
                symbol: symbol.clone(),
                target: p.target,
                anchor: p.anchor,
                author: p.header.author,
                date: p.header.date,
                tags: p.header.tags,
                title: p.header.title,
                html: body.html,
                summary: body.summary,
                number: 0,
            },
        ));
    }
    if !errors.is_empty() {
        let n = errors.len();
        anyhow::bail!("{}\n{n} problem{} in annotation files", errors.join("\n"), if n == 1 { "" } else { "s" });
    }
    Ok(Annotations { notes: ordered(notes, sources), warnings })
}

/// Sorts notes by resolution, place of the target in the document, file and line,
/// and numbers them on each page.
fn ordered(mut notes: Vec<(usize, Note)>, sources: &[Source]) -> Vec<Note> {
    let mut positions: HashMap<usize, HashMap<String, usize>> = HashMap::new();
    for (source, _) in &notes {
        positions.entry(*source).or_insert_with(|| {
            let ids = sources[*source].resolution.ids();
            ids.into_iter().enumerate().map(|(i, id)| (id, i + 1)).collect()
        });
    }
    let place = |source: usize, target: &str| positions.get(&source).and_then(|p| p.get(target)).copied().unwrap_or(0);
    notes.sort_by(|(sa, a), (sb, b)| {
        (sa, place(*sa, &a.target), &a.file, a.line).cmp(&(sb, place(*sb, &b.target), &b.file, b.line))
    });
    let mut out: Vec<Note> = Vec::with_capacity(notes.len());
    let mut number = 0;
    for (_, mut note) in notes {
        number = match out.last() {
            Some(prev) if prev.symbol == note.symbol => number + 1,
            _ => 1,
        };
        note.number = number;
        out.push(note);
    }
    out
}

/// `A/RES/61/183.notes.md` → `A/RES/61/183.md`.
fn resolution_path(notes_file: &Path) -> PathBuf {
    let name = notes_file.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    let stem = name.strip_suffix(NOTES_SUFFIX).unwrap_or(name);
    notes_file.with_file_name(format!("{stem}.md"))
}

/// Every annotation file under `dir`, relative to it, sorted.
fn notes_files(dir: &Path, shown: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name().follow_links(true) {
        let entry = entry.map_err(|e| anyhow::anyhow!("{}: {e}", shown.display()))?;
        let hidden = entry.depth() > 0 && entry.file_name().to_string_lossy().starts_with('.');
        if !hidden && entry.file_type().is_file() && is_notes_file(entry.path()) {
            files.push(entry.path().strip_prefix(dir).unwrap_or(entry.path()).to_path_buf());
        }
    }
    Ok(files)
}

fn read_text(path: &Path, display: &str) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{display}: cannot read: {e}"))?;
    String::from_utf8(bytes).map_err(|e| {
        let line = e.as_bytes()[..e.utf8_error().valid_up_to()].iter().filter(|&&b| b == b'\n').count() + 1;
        format!("{display}:{line}: not UTF-8 text; save the file as UTF-8")
    })
}

/// Names of the files the site publishes under static/: built-in, generated, the site's own.
fn asset_names(static_dir: Option<&Path>) -> BTreeSet<String> {
    let mut names: BTreeSet<String> = crate::render::assets::BUILTIN.iter().map(|(n, _)| n.to_string()).collect();
    names.insert(highlight::CSS_FILE.to_string());
    if let Some(dir) = static_dir {
        for entry in walkdir::WalkDir::new(dir).sort_by_file_name().into_iter().filter_map(Result::ok) {
            if entry.file_type().is_file() {
                if let Ok(rel) = entry.path().strip_prefix(dir) {
                    let parts: Vec<String> = rel.components().map(|c| c.as_os_str().to_string_lossy().into()).collect();
                    names.insert(parts.join("/"));
                }
            }
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_files_are_recognised() {
        assert!(is_notes_file(Path::new("A/RES/61/183.notes.md")));
        assert!(!is_notes_file(Path::new("A/RES/61/183.md")));
        assert!(!is_notes_file(Path::new(".notes.md")));
        assert_eq!(resolution_path(Path::new("A/RES/61/183.notes.md")), Path::new("A/RES/61/183.md"));
    }
}
