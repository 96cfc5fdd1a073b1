//! A note's Markdown body → HTML. Full CommonMark with tables, footnotes and
//! strikethrough (pulldown-cmark), with these rules:
//!
//! - links and images are checked and made relative ([`Targets::resolve`]);
//! - raw HTML is never passed through: it is shown as text (and reported), so a note
//!   cannot inject markup or script;
//! - fenced code blocks are highlighted with syntect (`highlight`);
//! - headings start at `<h4>` (`#` → h4), under the page's own headings;
//! - footnotes get ids scoped to the note (`ann-op7a-fn1`), so several notes on one
//!   page never clash;
//! - tables are wrapped in a scrolling `<div class="ann-table">`.
//!
//! **In**: the body, the line it starts on, the note's anchor and resolution, the
//! [`Targets`]. **Out**: [`Body`]: HTML, a plain-text summary, errors and warnings
//! at file lines.

use super::highlight;
use super::targets::Targets;
use crate::render::html::fragment;
use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::collections::BTreeMap;

/// A rendered note body.
#[derive(Debug, Clone, Default)]
pub struct Body {
    pub html: String,
    /// The first paragraph as plain text, shortened: for listings.
    pub summary: String,
    /// (file line, message): broken links and images.
    pub errors: Vec<(usize, String)>,
    /// (file line, message): raw HTML shown as text.
    pub warnings: Vec<(usize, String)>,
}

/// Where a note is rendered.
pub struct NoteContext<'a> {
    pub targets: &'a Targets,
    /// The resolution whose page shows the note.
    pub symbol: &'a str,
    /// The note's anchor (`ann-op7a`), prefix of its footnote ids.
    pub anchor: &'a str,
}

const SUMMARY_CHARS: usize = 180;

pub fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH
}

/// Renders `body`, whose first line is line `first_line` of the file.
pub fn render(body: &str, first_line: usize, ctx: &NoteContext<'_>) -> Body {
    let newlines: Vec<usize> = body.match_indices('\n').map(|(i, _)| i).collect();
    let line_at = |offset: usize| first_line + newlines.partition_point(|&n| n < offset);
    let events: Vec<(Event<'_>, std::ops::Range<usize>)> =
        Parser::new_ext(body, options()).into_offset_iter().collect();
    let mut numbers: BTreeMap<String, usize> = BTreeMap::new();
    for (e, _) in &events {
        if let Event::FootnoteReference(label) = e {
            let n = numbers.len() + 1;
            numbers.entry(label.to_string()).or_insert(n);
        }
    }
    let mut out = Body::default();
    let mut summary = Summary::default();
    let mut rewritten: Vec<Event<'_>> = Vec::with_capacity(events.len());
    let mut code: Option<(String, String)> = None;
    for (event, range) in events {
        let line = line_at(range.start);
        summary.see(&event);
        if let Some((lang, text)) = &mut code {
            match event {
                Event::Text(t) => text.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    rewritten.push(Event::Html(highlight::code_block(text, lang).into()));
                    code = None;
                }
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => info.split_whitespace().next().unwrap_or("").to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                code = Some((lang, String::new()));
            }
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                let dest = if matches!(link_type, pulldown_cmark::LinkType::Email) {
                    dest_url
                } else {
                    checked(ctx, &dest_url, false, line, &mut out.errors)
                };
                rewritten.push(Event::Start(Tag::Link { link_type, dest_url: dest, title, id }));
            }
            Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                let dest = checked(ctx, &dest_url, true, line, &mut out.errors);
                rewritten.push(Event::Start(Tag::Image { link_type, dest_url: dest, title, id }));
            }
            Event::Html(raw) | Event::InlineHtml(raw) => {
                out.warnings
                    .push((line, format!("raw HTML `{}` is shown as text: notes are Markdown only", raw.trim())));
                rewritten.push(Event::Text(raw));
            }
            Event::Start(Tag::HtmlBlock) => rewritten.push(Event::Start(Tag::Paragraph)),
            Event::End(TagEnd::HtmlBlock) => rewritten.push(Event::End(TagEnd::Paragraph)),
            Event::Start(Tag::Heading { level, .. }) => rewritten.push(Event::Start(Tag::Heading {
                level: shifted(level),
                id: None,
                classes: Vec::new(),
                attrs: Vec::new(),
            })),
            Event::End(TagEnd::Heading(level)) => rewritten.push(Event::End(TagEnd::Heading(shifted(level)))),
            Event::Start(Tag::Table(align)) => {
                rewritten.push(Event::Html("<div class=\"ann-table\">".into()));
                rewritten.push(Event::Start(Tag::Table(align)));
            }
            Event::End(TagEnd::Table) => {
                rewritten.push(Event::End(TagEnd::Table));
                rewritten.push(Event::Html("</div>\n".into()));
            }
            Event::FootnoteReference(label) => {
                let n = numbers.get(label.as_ref()).copied().unwrap_or(0);
                let id = fragment(&format!("{}-fn{n}", ctx.anchor));
                rewritten.push(Event::Html(
                    format!("<sup class=\"ann-fnref\"><a href=\"#{id}\" id=\"{id}-ref\">{n}</a></sup>").into(),
                ));
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                let n = numbers.get(label.as_ref()).copied().unwrap_or(0);
                let id = fragment(&format!("{}-fn{n}", ctx.anchor));
                rewritten.push(Event::Html(
                    format!(
                        "<div class=\"ann-fn\" id=\"{id}\"><a class=\"ann-fn-num\" href=\"#{id}-ref\" \
                         aria-label=\"Back to the mark of note {n}\">{n}.</a>"
                    )
                    .into(),
                ));
            }
            Event::End(TagEnd::FootnoteDefinition) => rewritten.push(Event::Html("</div>\n".into())),
            other => rewritten.push(other),
        }
    }
    pulldown_cmark::html::push_html(&mut out.html, rewritten.into_iter());
    out.summary = summary.finish();
    out
}

fn checked<'a>(
    ctx: &NoteContext<'_>,
    dest: &CowStr<'a>,
    image: bool,
    line: usize,
    errors: &mut Vec<(usize, String)>,
) -> CowStr<'a> {
    match ctx.targets.resolve(dest, ctx.symbol, image) {
        Ok(url) => url.into(),
        Err(msg) => {
            let what = if image { "image" } else { "link" };
            errors.push((line, format!("broken {what} {msg}")));
            CowStr::Borrowed("#")
        }
    }
}

fn shifted(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 => HeadingLevel::H4,
        HeadingLevel::H2 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

/// Collects the text of the first paragraph.
#[derive(Default)]
struct Summary {
    text: String,
    inside: bool,
    done: bool,
}

impl Summary {
    fn see(&mut self, event: &Event<'_>) {
        if self.done {
            return;
        }
        match event {
            Event::Start(Tag::Paragraph) => self.inside = true,
            Event::End(TagEnd::Paragraph) if self.inside => self.done = true,
            Event::Text(t) | Event::Code(t) if self.inside => self.text.push_str(t),
            Event::SoftBreak | Event::HardBreak if self.inside => self.text.push(' '),
            _ => {}
        }
    }

    fn finish(self) -> String {
        let text = self.text.split_whitespace().collect::<Vec<_>>().join(" ");
        if text.chars().count() <= SUMMARY_CHARS {
            return text;
        }
        let cut: String = text.chars().take(SUMMARY_CHARS).collect();
        let cut = match cut.rfind(' ') {
            Some(i) if i > SUMMARY_CHARS / 2 => &cut[..i],
            _ => cut.as_str(),
        };
        format!("{}…", cut.trim_end_matches([',', ';', ':', '.']))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render_one(body: &str) -> Body {
        let targets = Targets::default();
        render(body, 10, &NoteContext { targets: &targets, symbol: "A/RES/1/1", anchor: "ann-op1" })
    }

    #[test]
    fn full_markdown() {
        let b = render_one(
            "# Title\n\nSome *text* with a note.[^a]\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n> quoted\n\n\
             ```json\n{\"id\": \"op1\"}\n```\n\n[^a]: The note.\n",
        );
        assert!(b.errors.is_empty(), "{:?}", b.errors);
        assert!(b.html.contains("<h4>Title</h4>"), "{}", b.html);
        assert!(b.html.contains("<div class=\"ann-table\"><table>"), "{}", b.html);
        assert!(b.html.contains("<blockquote>"), "{}", b.html);
        assert!(b.html.contains("<pre class=\"hl-code\"><code class=\"language-json\">"), "{}", b.html);
        assert!(b.html.contains("href=\"#ann-op1-fn1\" id=\"ann-op1-fn1-ref\""), "{}", b.html);
        assert!(b.html.contains("<div class=\"ann-fn\" id=\"ann-op1-fn1\">"), "{}", b.html);
        assert_eq!(b.summary, "Some text with a note.");
    }

    #[test]
    fn raw_html_is_text() {
        let b = render_one("Hello <script>alert(1)</script>\n\n<div onclick=\"x\">block</div>\n");
        assert!(!b.html.contains("<script>") && !b.html.contains("<div onclick"), "{}", b.html);
        assert!(b.html.contains("&lt;script&gt;"), "{}", b.html);
        assert_eq!(b.warnings.len(), 3, "{:?}", b.warnings);
        assert_eq!(b.warnings[0].0, 10);
        assert_eq!(b.warnings[2].0, 12);
    }

    #[test]
    fn bad_links_are_errors_at_their_line() {
        let b = render_one("Fine.\n\nSee [x](javascript:alert(1)) and\n![i](pic.png).\n");
        assert_eq!(b.errors.len(), 2, "{:?}", b.errors);
        assert_eq!(b.errors[0].0, 12);
        assert_eq!(b.errors[1].0, 13);
        assert!(b.errors[1].1.starts_with("broken image"));
        assert!(!b.html.contains("javascript"), "{}", b.html);
    }

    #[test]
    fn long_summaries_are_cut_at_a_word() {
        let b = render_one(&"word ".repeat(100));
        assert!(b.summary.ends_with("word…") && b.summary.chars().count() <= SUMMARY_CHARS + 1, "{}", b.summary);
    }
}
