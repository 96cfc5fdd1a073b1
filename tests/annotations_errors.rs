//! Broken annotation files stop the build with the file, the line and what is wrong:
//! a note on a paragraph that does not exist, a link to an unknown resolution or
//! anchor, a bad TOML header, a notes file with no resolution beside it. Raw HTML in
//! a note is shown as text, never as markup.

mod build_support;

use build_support::*;
use std::path::Path;

const SMALL: &str = "A/RES/80/14.md";
const NOTES: &str = "content/A/RES/80/14.notes.md";

fn note(header: &str, body: &str) -> String {
    format!("+++\n{header}\nauthor = \"Ed\"\ndate = 2026-01-02\n+++\n\n{body}\n")
}

/// A one-resolution site with `notes` as its annotation file; the build's error.
fn failing(notes: &str) -> (tempfile::TempDir, String) {
    let tmp = tempfile::tempdir().unwrap();
    site(tmp.path(), None, &[(&format!("content/{SMALL}"), &bundled(SMALL)), (NOTES, notes)]);
    let err = build(tmp.path(), &tmp.path().join("public")).expect_err("the build should fail");
    assert!(!tmp.path().join("public").exists(), "a failed build writes nothing");
    (tmp, format!("{err:#}"))
}

#[test]
fn note_on_a_missing_paragraph() {
    let (_tmp, msg) = failing(&note("target = \"op99\"", "About nothing."));
    assert!(msg.contains(&format!("{NOTES}:2: target `op99`: A/RES/80/14 has no paragraph")), "{msg}");
}

#[test]
fn link_to_an_unknown_resolution() {
    let text = format!("{}\n\nSecond paragraph, see [this](@/A/RES/99/1#op1).", "First paragraph.");
    let (_tmp, msg) = failing(&note("target = \"op1\"", &text));
    assert!(msg.contains(&format!("{NOTES}:9: broken link `@/A/RES/99/1#op1`: no resolution A/RES/99/1")), "{msg}");
}

#[test]
fn link_to_an_unknown_anchor() {
    let (_tmp, msg) = failing(&note("target = \"op1\"", "See [op 99](@/A/RES/80/14#op99)."));
    assert!(
        msg.contains(&format!(
            "{NOTES}:7: broken link `@/A/RES/80/14#op99`: A/RES/80/14 has no paragraph or anchor `op99`"
        )),
        "{msg}"
    );
    let (_tmp, msg) = failing(&note("target = \"op1\"", "See [here](#nowhere)."));
    assert!(msg.contains(&format!("{NOTES}:7: broken link `#nowhere`")), "{msg}");
}

#[test]
fn unsafe_or_relative_links_are_refused() {
    let (_tmp, msg) = failing(&note("target = \"op1\"", "[x](javascript:alert(1)) ![i](picture.png)"));
    assert!(msg.contains(&format!("{NOTES}:7: broken link `javascript:alert(1)`")), "{msg}");
    assert!(msg.contains(&format!("{NOTES}:7: broken image `picture.png`")), "{msg}");
}

#[test]
fn bad_toml_header_names_line_and_column() {
    let (_tmp, msg) = failing("+++\ntarget = \"op1\"\nauthor = Ed\ndate = 2026-01-02\n+++\n\nText.\n");
    assert!(msg.contains(&format!("{NOTES}:3:10: bad note header")), "{msg}");
    let (_tmp, msg) =
        failing("+++\ntarget = \"op1\"\nauthor = \"Ed\"\ndate = 2026-01-02\ntopic = \"x\"\n+++\n\nText.\n");
    assert!(msg.contains(&format!("{NOTES}:5:1: bad note header: unknown field `topic`")), "{msg}");
    let (_tmp, msg) = failing("+++\ntarget = \"op1\"\nauthor = \"Ed\"\ndate = \"soon\"\n+++\n\nText.\n");
    assert!(msg.contains(&format!("{NOTES}:4: date \"soon\" is not a date")), "{msg}");
    let (_tmp, msg) = failing("+++\ntarget = \"op1\"\nauthor = \"Ed\"\n\nText.\n");
    assert!(msg.contains(&format!("{NOTES}:1: this note's TOML header is not closed")), "{msg}");
}

#[test]
fn every_problem_is_listed() {
    let notes = format!("{}{}", note("target = \"op98\"", "One."), note("target = \"op99\"", "Two."));
    let (_tmp, msg) = failing(&notes);
    assert!(msg.contains(":2: target `op98`") && msg.contains(":9: target `op99`"), "{msg}");
    assert!(msg.contains("2 problems in annotation files"), "{msg}");
}

#[test]
fn notes_file_needs_a_resolution_beside_it() {
    let tmp = tempfile::tempdir().unwrap();
    site(
        tmp.path(),
        None,
        &[
            (&format!("content/{SMALL}"), &bundled(SMALL)),
            ("content/A/RES/80/99.notes.md", &note("target = \"op1\"", "x")),
        ],
    );
    let msg = format!("{:#}", build(tmp.path(), &tmp.path().join("public")).unwrap_err());
    assert!(msg.contains("content/A/RES/80/99.notes.md:1: no resolution "), "{msg}");
    assert!(msg.contains("content/A/RES/80/99.md beside this annotation file"), "{msg}");
}

fn built_page(root: &Path, notes: &str) -> String {
    site(root, None, &[(&format!("content/{SMALL}"), &bundled(SMALL)), (NOTES, notes)]);
    let report = build(root, &root.join("public")).unwrap();
    assert_eq!(report.resolutions, 1, "the notes file is not taken for a resolution");
    std::fs::read_to_string(root.join("public/A/RES/80/14/index.html")).unwrap()
}

#[test]
fn raw_html_is_shown_as_text_and_reported() {
    let tmp = tempfile::tempdir().unwrap();
    let notes = note("target = \"op1\"", "Look: <script>alert(1)</script>\n\n<img src=x onerror=alert(1)>");
    let html = built_page(tmp.path(), &notes);
    assert!(!html.contains("<script>alert") && !html.contains("<img src=x"), "raw HTML reached the page");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    let site = plenary::site::Site::load(tmp.path()).unwrap();
    let rendered = plenary::render::render_site(&site, &plenary::render::NoLinks).unwrap();
    assert!(rendered.warnings.iter().any(|w| w.contains(&format!("{NOTES}:7: raw HTML"))), "{:?}", rendered.warnings);
}

#[test]
fn targets_may_be_eids_and_notes_may_share_a_paragraph() {
    let tmp = tempfile::tempdir().unwrap();
    let notes = format!(
        "{}{}{}",
        note("target = \"para_1\"", "By eId."),
        note("target = \"op1\"", "Second on the same paragraph."),
        note("target = \"resolution\"\nid = \"overview\"", "On the whole."),
    );
    let html = built_page(tmp.path(), &notes);
    let page = parse("A/RES/80/14/index.html", html.as_bytes());
    assert!(page.duplicate_ids.is_empty(), "{:?}", page.duplicate_ids);
    for id in ["ann-op1", "ann-op1-2", "ann-overview", "annotations"] {
        assert!(page.ids.contains(id), "no #{id}");
    }
    let op1 = page.html.select(&sel("#op1 > .ann-note")).count();
    assert_eq!(op1, 2, "both notes beside op1");
    let markers: Vec<_> =
        page.html.select(&sel("#op1 > p .ann-marker")).map(|m| m.text().collect::<String>()).collect();
    assert_eq!(markers, ["Annotation 2", "Annotation 3"], "numbered in document order after the general note");
}
