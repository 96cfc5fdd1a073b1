//! The data `lineage` hands to the renderer and the JSON export: an [`Alignment`] of
//! two versions (one [`ParagraphAlignment`] per current paragraph, removed, split and
//! merged paragraphs), word-level [`DiffOp`]s, and a [`History`] along a series.
//! Everything here is plain serde data; ids are the model's paragraph ids.

use serde::{Deserialize, Serialize};

/// One run of a word-level diff. Equal and Insert runs concatenated give the new
/// text exactly; Equal and Delete runs give the old text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op", content = "text", rename_all = "snake_case")]
pub enum DiffOp {
    Equal(String),
    Insert(String),
    Delete(String),
}

/// What became of one paragraph of the current version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Status {
    /// Same text (after normalising spaces and quotes) as `previous`, perhaps renumbered.
    Unchanged { previous: String, moved: bool },
    /// Edited from `previous`; `similarity` is in 0..=1, `diff` goes from old to new.
    Changed { previous: String, similarity: f32, moved: bool, diff: Vec<DiffOp> },
    /// No counterpart in the previous version.
    New,
}

impl Status {
    /// The id of the previous paragraph this one continues, if any.
    pub fn previous(&self) -> Option<&str> {
        match self {
            Status::Unchanged { previous, .. } | Status::Changed { previous, .. } => Some(previous),
            Status::New => None,
        }
    }

    /// 1 for unchanged, the similarity for changed, 0 for new.
    pub fn similarity(&self) -> f32 {
        match self {
            Status::Unchanged { .. } => 1.0,
            Status::Changed { similarity, .. } => *similarity,
            Status::New => 0.0,
        }
    }
}

/// One paragraph (or sub-paragraph) of the current version and its status.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ParagraphAlignment {
    pub id: String,
    #[serde(flatten)]
    pub status: Status,
}

/// A paragraph of the previous version carried into several current ones.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Split {
    pub previous: String,
    pub current: Vec<String>,
}

/// Several paragraphs of the previous version folded into one current paragraph;
/// `previous[0]` is the one the current paragraph is aligned (and diffed) with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Merge {
    pub current: String,
    pub previous: Vec<String>,
}

/// One row of a side-by-side comparison, in reading order of both versions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Row {
    pub previous: Option<String>,
    pub current: Option<String>,
}

/// How the paragraphs of `current` relate to those of `previous`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Alignment {
    /// Symbol of the previous version, e.g. `A/RES/57/174`.
    pub previous: String,
    /// Symbol of the current version.
    pub current: String,
    /// Every paragraph and sub-paragraph of the current version, in document order.
    pub paragraphs: Vec<ParagraphAlignment>,
    /// Paragraphs of the previous version with no counterpart (merged ones excluded).
    pub removed: Vec<String>,
    pub splits: Vec<Split>,
    pub merges: Vec<Merge>,
    /// Both texts interleaved for a side-by-side page.
    pub rows: Vec<Row>,
}

impl Alignment {
    /// The status of the current paragraph `id`.
    pub fn status(&self, id: &str) -> Option<&Status> {
        self.paragraphs.iter().find(|p| p.id == id).map(|p| &p.status)
    }
}

/// A paragraph of one version of a series. Shared, not copied: the histories of a
/// series name the same few paragraphs again in every version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionRef {
    pub symbol: std::sync::Arc<str>,
    pub id: std::sync::Arc<str>,
}

/// Edits of a paragraph's language kept in its history ([`ParagraphHistory::edits`]);
/// older ones are counted only, so that a history stays small however long the series.
pub const RECENT_EDITS: usize = 5;

/// Where one paragraph's language comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParagraphHistory {
    pub id: String,
    /// The earliest version in which this language appears.
    pub origin: VersionRef,
    /// How many versions carry this language, `origin` and this one included.
    pub versions: usize,
    /// The versions in which the language was edited since `origin` (the paragraph
    /// there, where its text differs from the version before), latest first, at
    /// most [`RECENT_EDITS`].
    pub edits: Vec<VersionRef>,
    /// Edits older than those in `edits`.
    pub earlier_edits: usize,
}

/// The history of every paragraph of every version of a series.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct History {
    /// Symbols, oldest first.
    pub versions: Vec<String>,
    /// `alignments[i]` aligns `versions[i + 1]` with `versions[i]`.
    pub alignments: Vec<Alignment>,
    /// `paragraphs[i]` lists the paragraphs of `versions[i]`, in document order.
    pub paragraphs: Vec<Vec<ParagraphHistory>>,
}

impl History {
    /// The history of paragraph `id` of the latest version.
    pub fn latest(&self, id: &str) -> Option<&ParagraphHistory> {
        self.paragraphs.last()?.iter().find(|p| p.id == id)
    }
}
