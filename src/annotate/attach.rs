//! Puts a resolution's notes into its rendered page: each note beside the element it
//! annotates, and a marker on the element that opens the note.
//!
//! **In**: the body and footnote HTML that `render::document` made, the notes of the
//! resolution and the page's path. **Out**: the same HTML with, for each annotated
//! element, its notes (`<div class="ann-note" id="ann-op7a" role="note">`) placed at
//! the start of the element (they float into the margin on wide screens) and a marker
//! (`<a class="ann-marker" href="#ann-op7a">`) at the end of its text, before the ¶
//! (a footnote's notes go after its text).
//! Notes on the whole resolution open the body. Elements are found by their
//! `id="…"` attribute, so the document renderer needs no knowledge of notes.

use super::header::WHOLE_RESOLUTION;
use super::pages::{tag_slug, INDEX_PAGE};
use super::Note;
use crate::render::html::{escape, fragment};
use crate::render::pages::format_date;
use crate::render::urls;

/// Adds `notes` (those of one resolution, in order) to its page's body and footnotes.
pub fn attach(body: &mut String, footnotes: &mut String, notes: &[&Note], page: &str) {
    let mut general = String::new();
    let mut body_edits: Vec<(usize, String)> = Vec::new();
    let mut note_edits: Vec<(usize, String)> = Vec::new();
    let mut targets: Vec<&str> = notes.iter().map(|n| n.target.as_str()).collect();
    targets.dedup();
    for target in targets {
        let group: Vec<&Note> = notes.iter().copied().filter(|n| n.target == target).collect();
        let notes_html: String = group.iter().map(|n| note_html(n, page)).collect();
        if target == WHOLE_RESOLUTION {
            general.push_str(&notes_html);
            continue;
        }
        let markers: String = group.iter().map(|n| marker(n)).collect();
        if let Some((at, mark_at)) = locate(body, target) {
            body_edits.push((mark_at, markers));
            body_edits.push((at, notes_html));
        } else if let Some((at, mark_at)) = locate(footnotes, target) {
            note_edits.push((mark_at, markers));
            note_edits.push((at, notes_html));
        } else {
            general.push_str(&notes_html);
        }
    }
    apply(body, body_edits);
    apply(footnotes, note_edits);
    if !general.is_empty() {
        body.insert_str(0, &format!("<div class=\"ann-general\" id=\"annotations-general\">\n{general}</div>\n"));
    }
}

/// Inserts texts at byte positions, the last position first so earlier ones hold.
fn apply(html: &mut String, mut edits: Vec<(usize, String)>) {
    edits.sort_by_key(|e| std::cmp::Reverse(e.0));
    for (at, text) in edits {
        html.insert_str(at, &text);
    }
}

/// Where an element's notes go and where its marker goes, by the element's id.
fn locate(html: &str, id: &str) -> Option<(usize, usize)> {
    let needle = format!(" id=\"{}\"", escape(id));
    let mut from = 0;
    let at = loop {
        let i = from + html[from..].find(&needle)?;
        if matches!(html[i + needle.len()..].chars().next(), Some('>' | ' ')) {
            break i;
        }
        from = i + needle.len();
    };
    let tag_start = html[..at].rfind('<')?;
    let tag: String = html[tag_start + 1..at].chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
    let open_end = at + html[at..].find('>')? + 1;
    // The marker goes before the ¶ permalink that ends the element's first text, or
    // before the closing tag of that text.
    let marker_before = |end: usize, stop: &str| html[open_end..end].rfind(stop).map(|i| open_end + i).unwrap_or(end);
    match tag.as_str() {
        "div" => {
            let end = open_end + html[open_end..].find("</p>")?;
            Some((open_end, marker_before(end, "<a class=\"permalink\"")))
        }
        "section" => {
            let end = open_end + html[open_end..].find("</h")?;
            Some((open_end, marker_before(end, " <a class=\"permalink\"")))
        }
        "li" => {
            // A footnote: the note after its text, which is short.
            let end = open_end + html[open_end..].find("</li>")?;
            let first_back = html[open_end..end].find(" <a class=\"fn-back\"").map(|i| open_end + i);
            Some((end, first_back.unwrap_or(end)))
        }
        "p" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
            let end = open_end + html[open_end..].find(&format!("</{tag}>"))?;
            Some((tag_start, marker_before(end, " <a class=\"permalink\"")))
        }
        _ => None,
    }
}

fn marker(n: &Note) -> String {
    format!(
        "<a class=\"ann-marker\" href=\"#{a}\" aria-controls=\"{a}\"><span class=\"visually-hidden\">Annotation </span>{}</a>",
        n.number,
        a = fragment(&n.anchor),
    )
}

fn note_html(n: &Note, page: &str) -> String {
    let anchor = escape(&n.anchor);
    let title = match &n.title {
        Some(t) => format!("<span class=\"ann-title\">{}</span>", escape(t)),
        None => "<span class=\"ann-title\">Annotation</span>".to_string(),
    };
    let on = if n.target == WHOLE_RESOLUTION {
        " <span class=\"ann-on\">on the resolution</span>".to_string()
    } else {
        format!(
            " <span class=\"ann-on\">on <a href=\"#{}\">{}</a></span>",
            fragment(&n.target),
            escape(&super::labels::label(&n.target))
        )
    };
    let index = urls::relative(page, INDEX_PAGE);
    let tags: String = n
        .tags
        .iter()
        .map(|t| format!("<li><a href=\"{}#tag-{}\">{}</a></li>", escape(&index), tag_slug(t), escape(t)))
        .collect();
    let tags =
        if tags.is_empty() { String::new() } else { format!("<ul class=\"ann-tags\" aria-label=\"Tags\">{tags}</ul>") };
    format!(
        "<div class=\"ann-note\" id=\"{anchor}\" role=\"note\" tabindex=\"-1\" aria-labelledby=\"{anchor}-head\">\n\
         <p class=\"ann-head\" id=\"{anchor}-head\"><a class=\"ann-num\" href=\"#{frag}\" aria-label=\"Annotation {num}\">{num}</a> \
         {title}{on}</p>\n<div class=\"ann-body\">\n{body}</div>\n\
         <p class=\"ann-meta\"><span class=\"ann-author\">{author}</span>, <time datetime=\"{date}\">{date_display}</time></p>\n\
         {tags}</div>\n",
        frag = fragment(&n.anchor),
        num = n.number,
        body = n.html,
        author = escape(&n.author),
        date = escape(&n.date),
        date_display = escape(&format_date(&n.date)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn note(target: &str, number: usize) -> Note {
        Note {
            file: "f".into(),
            line: 1,
            symbol: "A/RES/1/1".into(),
            target: target.into(),
            anchor: format!("ann-{target}"),
            author: "Ed <x>".into(),
            date: "2024-05-01".into(),
            tags: vec!["Drug control".into()],
            title: None,
            html: "<p>Body</p>\n".into(),
            summary: "Body".into(),
            number,
        }
    }

    #[test]
    fn notes_go_beside_their_elements() {
        let mut body = String::from(
            "<p class=\"formula\" id=\"formula\">The GA,</p>\n\
             <div class=\"para para-op\" id=\"op1\"><span class=\"eid\" id=\"para_1\"></span><p><span class=\"num\">1.</span> Text\u{a0}<a class=\"permalink\" href=\"#op1\">¶</a></p></div>\n\
             <div class=\"para para-op\" id=\"op10\"><p>Ten</p></div>\n",
        );
        let mut notes_html =
            String::from("<li id=\"fn1\" value=\"1\">Note. <a class=\"fn-back\" href=\"#fnref1\">↩</a></li>\n");
        let (a, b, c, d) = (note("resolution", 1), note("op1", 2), note("fn1", 3), note("formula", 4));
        attach(&mut body, &mut notes_html, &[&a, &d, &b, &c], "A/RES/1/1/index.html");
        assert!(
            body.starts_with(
                "<div class=\"ann-general\" id=\"annotations-general\">\n<div class=\"ann-note\" id=\"ann-resolution\""
            ),
            "{body}"
        );
        let op1 = body.find(" id=\"op1\"").unwrap();
        let note1 = body.find("id=\"ann-op1\"").unwrap();
        let marker1 = body.find("href=\"#ann-op1\" aria-controls").unwrap();
        let permalink = body.find("<a class=\"permalink\"").unwrap();
        assert!(op1 < note1 && note1 < marker1 && marker1 < permalink, "{body}");
        assert!(body.find("id=\"ann-formula\"").unwrap() < body.find("<p class=\"formula\"").unwrap(), "{body}");
        assert!(!body[body.find("id=\"op10\"").unwrap()..].contains("ann-"), "{body}");
        assert!(notes_html.find("ann-marker").unwrap() < notes_html.find("fn-back").unwrap());
        assert!(notes_html.find("fn-back").unwrap() < notes_html.find("id=\"ann-fn1\"").unwrap());
        assert!(notes_html.ends_with("</div>\n</li>\n"), "{notes_html}");
        assert!(body.contains("Ed &lt;x&gt;") && body.contains("1 May 2024"), "{body}");
        assert!(body.contains("href=\"../../../../annotations/index.html#tag-drug-control\""), "{body}");
    }
}
