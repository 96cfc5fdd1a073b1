//! Series lineage on the site: what each version of a series changed.
//!
//! **In**: the resolutions (site order) and their series. **Out**: for every
//! resolution that has a previous version, the alignment of its paragraphs with that
//! version (`lineage::history` over the whole chain, one pass per series) and each
//! paragraph's history (the first version in which its language appears); and the
//! comparison pages of pairs of versions. The renderer gets, per paragraph, a line
//! saying "unchanged since", "changed since" (with the word-level diff) or "new",
//! inserted after the paragraph's own text; the page gets the list of paragraphs
//! the previous version had and this one dropped; comparison pages show two versions
//! side by side.
//!
//! Comparison pages exist for every pair of versions of a series of up to
//! [`ALL_PAIRS_UP_TO`] members, and for longer series for each version against the
//! previous one and against the latest, so their number stays linear.

use super::series::SeriesSet;
use super::versions;
use crate::lineage::{self, Alignment, DiffOp, ParagraphHistory, Status};
use crate::model::{Meta, Resolution, Visit};
use crate::render::html::{escape, fragment, push_escaped};
use crate::render::{urls, ExtraPage};
use memchr::memmem;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// Series longer than this get comparison pages for neighbours and against the latest only.
pub const ALL_PAIRS_UP_TO: usize = 12;

/// What changed in one resolution since the previous version of its series.
#[derive(Debug)]
struct Changes {
    previous: String,
    current: String,
    alignment: Alignment,
    /// Texts of the previous version's paragraphs this one dropped.
    removed_texts: HashMap<String, String>,
    /// The history along the series of each paragraph of `alignment.paragraphs`, in
    /// the same order.
    history: Vec<ParagraphHistory>,
}

/// Two versions (by index in the site) compared on a page of their own. The page's
/// data is made when it is rendered ([`Lineages::deferred_context`]).
#[derive(Debug, Clone, Copy)]
struct Comparison {
    older: usize,
    newer: usize,
}

/// One series' changes (per member resolution) and comparisons.
type SeriesLineage = (Vec<(usize, Arc<Changes>)>, Vec<Comparison>);

/// Lineage of every series of the collection.
#[derive(Debug, Default)]
pub struct Lineages {
    changes: Vec<Option<Arc<Changes>>>,
    comparisons: Vec<Comparison>,
    /// Names these lineages for the versions each thread keeps (`super::versions`).
    generation: u64,
}

/// The comparison page of two versions: `series/compare/<older>--<newer>/index.html`.
pub fn comparison_page(older: &str, newer: &str) -> String {
    let slug = |s: &str| s.replace(['/', '(', ')'], "-").trim_matches('-').to_string();
    format!("series/compare/{}--{}/index.html", slug(older), slug(newer))
}

impl Lineages {
    pub fn new(resolutions: &[&Resolution], series: &SeriesSet) -> Lineages {
        // One series per task: a series costs as much as its versions, and the link stage
        // runs beside this, so a thread free late must find series not yet begun.
        let per_series: Vec<SeriesLineage> =
            series.list.par_iter().with_max_len(1).map(|s| series_lineage(resolutions, s)).collect();
        Lineages::assemble(resolutions, per_series)
    }

    /// The lineages again after the texts of `changed` (indexes in site order)
    /// changed, the series being the same: series without a changed member keep
    /// what was made for them.
    pub fn update(self, resolutions: &[&Resolution], series: &SeriesSet, changed: &HashSet<usize>) -> Lineages {
        let old = self.changes;
        let per_series: Vec<SeriesLineage> = series
            .list
            .par_iter()
            .map(|s| {
                if s.members.iter().any(|m| changed.contains(m)) {
                    // Pairs of versions neither of which changed keep their alignment.
                    let known = |k: usize| {
                        let (older, newer) = (s.members[k], s.members[k + 1]);
                        if changed.contains(&older) || changed.contains(&newer) {
                            return None;
                        }
                        let change = old[newer].as_ref()?;
                        (change.previous == resolutions[older].meta.symbol).then(|| change.alignment.clone())
                    };
                    return series_lineage_with(resolutions, s, &known);
                }
                let changes = s.members.iter().filter_map(|&m| Some((m, old[m].clone()?))).collect();
                (changes, comparisons_of(s))
            })
            .collect();
        Lineages::assemble(resolutions, per_series)
    }

    fn assemble(resolutions: &[&Resolution], per_series: Vec<SeriesLineage>) -> Lineages {
        let mut out = Lineages {
            changes: (0..resolutions.len()).map(|_| None).collect(),
            comparisons: Vec::new(),
            generation: versions::generation(),
        };
        for (changes, comparisons) in per_series {
            for (doc, change) in changes {
                out.changes[doc] = Some(change);
            }
            out.comparisons.extend(comparisons);
        }
        out
    }

    /// The data of comparison page `key` at `page`: the two versions aligned (the
    /// alignment with the previous version is the one already made for its page).
    pub fn deferred_context(&self, key: usize, resolutions: &[&Resolution], page: &str) -> tera::Context {
        let mut context = tera::Context::new();
        let Some(&c) = self.comparisons.get(key) else { return context };
        let (older, newer) = (resolutions[c.older], resolutions[c.newer]);
        let known = self.changes[c.newer].as_ref().filter(|ch| ch.previous == older.meta.symbol);
        let aligned;
        let alignment = match known {
            Some(change) => &change.alignment,
            None => {
                let version = |doc: usize| versions::version(self.generation, doc, resolutions[doc]);
                aligned = lineage::align_versions(&version(c.older), &version(c.newer));
                &aligned
            }
        };
        context.insert("compare", &compare_ctx(alignment, older, newer, page));
        context
    }

    /// Inserts, after each paragraph's own text on the page of resolution `doc`, what
    /// became of it since the previous version.
    pub fn decorate(&self, doc: usize, page: &str, body: &mut String) {
        let Some(change) = self.changes.get(doc).and_then(Option::as_ref) else { return };
        let previous = &change.previous;
        let previous_page = urls::resolution_page(previous).unwrap_or_default();
        let to_previous = urls::relative(page, &previous_page);
        let mut edits: Vec<(usize, String)> = Vec::new();
        let ends = own_text_ends(body);
        // The pages of the versions the histories link to, each made once.
        let pages = std::cell::RefCell::new(HashMap::<Arc<str>, String>::new());
        let page_of = |symbol: &Arc<str>| -> String {
            let mut pages = pages.borrow_mut();
            let url = pages
                .entry(symbol.clone())
                .or_insert_with(|| urls::resolution_page(symbol).map(|p| urls::relative(page, &p)).unwrap_or_default());
            url.clone()
        };
        for (i, p) in change.alignment.paragraphs.iter().enumerate() {
            let Some(at) = ends.get(escape(&p.id).as_str()).copied() else { continue };
            // The histories are in the alignment's order; a search only if ever they were not.
            let history =
                change.history.get(i).filter(|h| h.id == p.id).or_else(|| change.history.iter().find(|h| h.id == p.id));
            edits.push((at, status_html(&p.status, previous, &to_previous, history, &page_of)));
        }
        *body = splice(body, edits);
    }

    /// Template data for the resolution page of `doc` (`lineage`), if it has a
    /// previous version.
    pub fn page_context(&self, doc: usize, page: &str) -> Option<LineageCtx> {
        let change = self.changes.get(doc)?.as_ref()?;
        let previous_page = urls::resolution_page(&change.previous).ok()?;
        let removed = change
            .alignment
            .removed
            .iter()
            .map(|id| RemovedCtx {
                id: id.clone(),
                url: format!("{}#{}", urls::relative(page, &previous_page), fragment(id)),
                text: change.removed_texts.get(id).cloned().unwrap_or_default(),
            })
            .collect();
        let counts = Counts::of(&change.alignment);
        let compare = comparison_page(&change.previous, &change.current);
        Some(LineageCtx {
            previous: change.previous.clone(),
            previous_url: urls::relative(page, &previous_page),
            compare_url: urls::relative(page, &compare),
            unchanged: counts.unchanged,
            changed: counts.changed,
            new: counts.new,
            removed,
        })
    }

    /// The comparison pages; `meta` are the mastheads of the site's resolutions.
    pub fn pages(&self, meta: &[Meta]) -> Vec<ExtraPage> {
        self.comparisons.iter().enumerate().map(|(key, &c)| comparison_page_of(key, c, meta)).collect()
    }
}

fn comparison_page_of(key: usize, c: Comparison, meta: &[Meta]) -> ExtraPage {
    let (older, newer) = (&meta[c.older], &meta[c.newer]);
    ExtraPage {
        title: format!("{} compared with {}", newer.symbol, older.symbol),
        path: comparison_page(&older.symbol, &newer.symbol),
        template: "compare.html".into(),
        key,
        nav_label: None,
        sources: vec![c.older, c.newer],
        digest: 0,
        comparison: true,
    }
}

/// What changed along one series, and its comparisons.
fn series_lineage(resolutions: &[&Resolution], s: &super::series::Series) -> SeriesLineage {
    series_lineage_with(resolutions, s, &|_| None)
}

/// [`series_lineage`] with the alignments of the pairs of members `known` gives
/// ([`lineage::history_with`]).
fn series_lineage_with(
    resolutions: &[&Resolution],
    s: &super::series::Series,
    known: &(dyn Fn(usize) -> Option<Alignment> + Sync),
) -> SeriesLineage {
    let chain: Vec<&Resolution> = s.members.iter().map(|&m| resolutions[m]).collect();
    let lineage::History { alignments, paragraphs, .. } = lineage::history_with(&chain, known);
    let mut changes = Vec::with_capacity(alignments.len());
    // The histories of the first version belong to no change.
    for (k, (alignment, history)) in alignments.into_iter().zip(paragraphs.into_iter().skip(1)).enumerate() {
        let change = Changes {
            previous: chain[k].meta.symbol.clone(),
            current: chain[k + 1].meta.symbol.clone(),
            removed_texts: paragraph_texts(chain[k], Some(&alignment.removed)),
            alignment,
            history,
        };
        changes.push((s.members[k + 1], Arc::new(change)));
    }
    (changes, comparisons_of(s))
}

/// The pairs of versions of a series compared on pages of their own.
fn comparisons_of(s: &super::series::Series) -> Vec<Comparison> {
    let n = s.members.len();
    (0..n)
        .flat_map(|i| (i + 1..n).map(move |j| (i, j)))
        .filter(|&(i, j)| n <= ALL_PAIRS_UP_TO || j == i + 1 || j == n - 1)
        .map(|(i, j)| Comparison { older: s.members[i], newer: s.members[j] })
        .collect()
}

/// For each id on the page (as written, escaped), the byte position just after the
/// `</p>` that ends the own text of its element (before its sub-paragraphs); the
/// first element with an id counts. One pass over the page.
fn own_text_ends(html: &str) -> FxHashMap<&str, usize> {
    let (id_attr, p_end) = (memmem::Finder::new(" id=\""), memmem::Finder::new("</p>"));
    let bytes = html.as_bytes();
    let mut out = FxHashMap::default();
    let mut from = 0;
    // Where the first `</p>` after the last id starts: the same for every id up to it.
    let mut end: Option<usize> = None;
    while let Some(i) = id_attr.find(&bytes[from..]) {
        let start = from + i + " id=\"".len();
        let Some(len) = memchr::memchr(b'"', &bytes[start..]) else { break };
        let id = &html[start..start + len];
        from = start + len;
        if end.is_none_or(|e| e < from) {
            end = p_end.find(&bytes[from..]).map(|p| from + p);
        }
        let Some(at) = end else { break };
        out.entry(id).or_insert(at + "</p>".len());
    }
    out
}

/// `body` with each `(at, html)` of `edits` inserted at byte `at`; edits at the
/// same place come in the reverse of their order in `edits`. One copy of the body.
fn splice(body: &str, edits: Vec<(usize, String)>) -> String {
    let mut edits: Vec<(usize, (usize, String))> = edits.into_iter().enumerate().collect();
    edits.sort_by_key(|(i, (at, _))| (*at, std::cmp::Reverse(*i)));
    let mut out = String::with_capacity(body.len() + edits.iter().map(|(_, (_, html))| html.len()).sum::<usize>());
    let mut done = 0;
    for (_, (at, html)) in edits {
        out.push_str(&body[done..at]);
        out.push_str(&html);
        done = at;
    }
    out.push_str(&body[done..]);
    out
}

/// The line after a paragraph; `page_of` gives the URL of a version's page from the
/// page being decorated.
fn status_html(
    status: &Status,
    previous: &str,
    to_previous: &str,
    history: Option<&ParagraphHistory>,
    page_of: &dyn Fn(&Arc<str>) -> String,
) -> String {
    // The link to the counterpart in the previous version.
    let link = |out: &mut String, id: &str| {
        out.push_str("<a href=\"");
        push_escaped(out, to_previous);
        out.push('#');
        out.push_str(&fragment(id));
        out.push_str("\">");
        push_escaped(out, previous);
        out.push(' ');
        push_escaped(out, id);
        out.push_str("</a>");
    };
    // Along a longer series: where the language first appears, and where it was edited since.
    let version_link = |v: &lineage::VersionRef, label: &str| {
        format!("<a href=\"{}#{}\">{}</a>", escape(&page_of(&v.symbol)), fragment(&v.id), escape(label))
    };
    let origin = history
        .filter(|h| h.versions > 2)
        .map(|h| {
            let first = version_link(&h.origin, &format!("{} {}", h.origin.symbol, h.origin.id));
            let mut edits: Vec<String> = h.edits.iter().map(|v| version_link(v, &v.symbol)).collect();
            if h.earlier_edits > 0 {
                let s = if h.earlier_edits == 1 { "" } else { "s" };
                edits.push(format!("{} earlier version{s}", h.earlier_edits));
            }
            let edited = match edits.len() {
                0 => ", unchanged throughout".to_string(),
                n => format!("; edited in {}", join_list(&edits, n)),
            };
            format!(" Its language goes back to {first} ({} versions){edited}.", h.versions)
        })
        .unwrap_or_default();
    let mut out = String::with_capacity(256 + origin.len());
    match status {
        Status::Unchanged { previous: id, .. } => {
            out.push_str("<div class=\"lineage lineage-same\">Unchanged since ");
            link(&mut out, id);
            out.push('.');
            out.push_str(&origin);
            out.push_str("</div>\n");
        }
        // The summary holds no link (a control inside a control); the link follows.
        Status::Changed { previous: id, diff, .. } => {
            out.push_str("<details class=\"lineage lineage-changed\"><summary>Changed since ");
            push_escaped(&mut out, previous);
            out.push(' ');
            push_escaped(&mut out, id);
            out.push_str("</summary><div>Compared with ");
            link(&mut out, id);
            out.push(':');
            out.push_str(&origin);
            out.push_str("</div><div class=\"diff\">");
            push_diff_html(&mut out, diff);
            out.push_str("</div></details>\n");
        }
        Status::New => {
            out.push_str("<div class=\"lineage lineage-new\">New since ");
            push_escaped(&mut out, previous);
            out.push_str(".</div>\n");
        }
    }
    out
}

/// `a`, `a and b`, `a, b and c`.
fn join_list(items: &[String], n: usize) -> String {
    match n {
        1 => items[0].clone(),
        _ => format!("{} and {}", items[..n - 1].join(", "), items[n - 1]),
    }
}

/// A word-level diff: deletions struck through, insertions underlined.
pub fn diff_html(diff: &[DiffOp]) -> String {
    let mut out = String::new();
    push_diff_html(&mut out, diff);
    out
}

/// Writes [`diff_html`] to `out`.
fn push_diff_html(out: &mut String, diff: &[DiffOp]) {
    for op in diff {
        let (open, text, close) = match op {
            DiffOp::Equal(t) => ("", t, ""),
            DiffOp::Insert(t) => ("<ins>", t, "</ins>"),
            DiffOp::Delete(t) => ("<del>", t, "</del>"),
        };
        out.push_str(open);
        push_escaped(out, text);
        out.push_str(close);
    }
}

/// The plain texts of the paragraphs of `res` by id: those in `only`, or all.
fn paragraph_texts(res: &Resolution, only: Option<&[String]>) -> HashMap<String, String> {
    let mut out = HashMap::new();
    if only.is_some_and(<[String]>::is_empty) {
        return out;
    }
    let wanted: Option<HashSet<&str>> = only.map(|ids| ids.iter().map(String::as_str).collect());
    res.visit(|v| {
        if let Visit::Paragraph(p) = v {
            if wanted.as_ref().is_none_or(|w| w.contains(p.id.as_str())) {
                out.insert(p.id.clone(), p.text.to_plain());
            }
        }
    });
    out
}

#[derive(Default)]
struct Counts {
    unchanged: usize,
    changed: usize,
    new: usize,
}

impl Counts {
    fn of(alignment: &Alignment) -> Counts {
        let mut c = Counts::default();
        for p in &alignment.paragraphs {
            match p.status {
                Status::Unchanged { .. } => c.unchanged += 1,
                Status::Changed { .. } => c.changed += 1,
                Status::New => c.new += 1,
            }
        }
        c
    }
}

/// The `lineage` data of a resolution page.
#[derive(Debug, Serialize)]
pub struct LineageCtx {
    pub previous: String,
    pub previous_url: String,
    pub compare_url: String,
    pub unchanged: usize,
    pub changed: usize,
    pub new: usize,
    pub removed: Vec<RemovedCtx>,
}

#[derive(Debug, Serialize)]
pub struct RemovedCtx {
    pub id: String,
    pub url: String,
    pub text: String,
}

/// The `compare` data of a comparison page: rows of the two versions side by side.
#[derive(Debug, Serialize)]
struct CompareCtx {
    older: String,
    newer: String,
    older_url: String,
    newer_url: String,
    rows: Vec<RowCtx>,
}

#[derive(Debug, Serialize)]
struct RowCtx {
    older_id: Option<String>,
    newer_id: Option<String>,
    older_html: String,
    /// The newer text, with the word-level diff when the row pairs two paragraphs.
    newer_html: String,
    status: &'static str,
    /// Both texts are the same, character for character: the page shows them once.
    same: bool,
}

fn compare_ctx(alignment: &Alignment, older: &Resolution, newer: &Resolution, page: &str) -> CompareCtx {
    let older_texts = paragraph_texts(older, None);
    let newer_texts = paragraph_texts(newer, None);
    let statuses: FxHashMap<&str, &Status> = alignment.paragraphs.iter().map(|p| (p.id.as_str(), &p.status)).collect();
    let older_page = urls::resolution_page(&older.meta.symbol).unwrap_or_default();
    let newer_page = urls::resolution_page(&newer.meta.symbol).unwrap_or_default();
    let rows = alignment
        .rows
        .iter()
        .map(|row| {
            let text = |texts: &HashMap<String, String>, id: &Option<String>| {
                id.as_ref().and_then(|id| texts.get(id)).map(|t| escape(t)).unwrap_or_default()
            };
            let status = row.current.as_deref().and_then(|id| statuses.get(id).copied());
            let (newer_html, status) = match status {
                Some(Status::Changed { diff, .. }) => (diff_html(diff), "changed"),
                Some(Status::Unchanged { .. }) => (text(&newer_texts, &row.current), "unchanged"),
                Some(Status::New) => (text(&newer_texts, &row.current), "new"),
                None => (String::new(), "removed"),
            };
            let older_html = text(&older_texts, &row.previous);
            // "Unchanged" allows other quote marks, dashes and spacing; only equal texts are shown once.
            let same = status == "unchanged" && row.previous.is_some() && older_html == newer_html;
            RowCtx {
                older_id: row.previous.clone(),
                newer_id: row.current.clone(),
                older_html,
                newer_html,
                status,
                same,
            }
        })
        .collect();
    CompareCtx {
        older: older.meta.symbol.clone(),
        newer: newer.meta.symbol.clone(),
        older_url: urls::relative(page, &older_page),
        newer_url: urls::relative(page, &newer_page),
        rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splice_inserts_in_place_the_later_of_two_edits_first() {
        let body = "<p id=\"a\">A</p><p id=\"b\">B</p>";
        let ends = own_text_ends(body);
        let (a, b) = (ends["a"], ends["b"]);
        assert_eq!((a, b), (15, body.len()));
        let edits = vec![(a, "1".to_string()), (b, "2".to_string()), (a, "3".to_string())];
        assert_eq!(splice(body, edits), "<p id=\"a\">A</p>31<p id=\"b\">B</p>2");
        assert_eq!(splice(body, Vec::new()), body);
    }

    #[test]
    fn an_element_without_a_paragraph_of_its_own_ends_where_the_next_one_does() {
        let body = "<section id=\"s\"><p id=\"x\">X <a id=\"r\">1</a></p></section><p>no id</p>";
        let ends = own_text_ends(body);
        let x_end = body.find("</p>").unwrap() + 4;
        assert_eq!((ends["s"], ends["x"], ends["r"]), (x_end, x_end, x_end));
        assert_eq!(ends.len(), 3);
    }
}
