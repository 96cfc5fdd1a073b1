//! Inline content (a [`Text`]: plain runs, emphasis, footnote marks) → HTML, with
//! an optional link resolver plugged in.
//!
//! **In**: a text, the id of the element it belongs to, the page it is rendered on,
//! a [`Linker`] and the document's footnotes. **Out**: escaped HTML. Footnote marks
//! become `<a href="#fn3" id="fnref3">` (the `k`-th repeat `fnref3-k`) followed by a
//! hidden copy of the footnote text that the script shows as a popover.
//!
//! Links: the renderer asks the [`Linker`] once per text element for link spans
//! over the element's plain text (markup and footnote marks removed, as
//! `Text::to_plain` gives it) and wraps those spans in `<a>`, splitting a link at
//! emphasis boundaries when it crosses one. The default, [`NoLinks`], links nothing.

use super::html::{escape, fragment, is_safe_url, push_escaped};
use super::urls;
use crate::ids;
use crate::model::{Inline, Resolution, Text};
use std::collections::BTreeMap;
use std::ops::Range;

/// One link found in an element's plain text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// Byte range of the element's plain text; on char boundaries.
    pub span: Range<usize>,
    pub target: LinkTarget,
    /// Tooltip (`title` attribute), e.g. the full symbol of a cited resolution.
    pub title: Option<String>,
}

/// Where a link goes. Site paths are made relative to the page by the renderer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkTarget {
    /// A page of the site by its path from the site root (`A/RES/60/178/index.html`),
    /// with an optional fragment (an id on that page, unescaped).
    Page { path: String, fragment: Option<String> },
    /// An id on the same page.
    Here(String),
    /// An absolute URL; only `http(s)`/`mailto` URLs are linked, anything else
    /// is dropped.
    External(String),
}

/// Finds links in the texts of one document. Called once per text element, in
/// this order: footnotes by number, then the body (formula, paragraphs, headings,
/// sections, closing) and annexes in document order — so state such as the cite
/// module's `Context` can be carried from one call to the next.
pub trait Linker {
    /// Links in `plain`, the plain text of element `element` (`op7a`, `fn3`, `sec-II`).
    /// Spans should be sorted and non-overlapping; others are ignored.
    fn links(&mut self, element: &str, plain: &str) -> Vec<Link>;
}

/// Makes a [`Linker`] for each document of a build; shared across threads.
pub trait Links: Send + Sync {
    fn for_document<'a>(&'a self, res: &'a Resolution) -> Box<dyn Linker + 'a>;

    /// Adds data of its own to the template context of the page of `res`
    /// (the citation linker adds `xref`: who cites it, its series). Nothing by default.
    fn page_context(&self, _res: &Resolution, _ctx: &mut tera::Context) {}

    /// Pages of its own (cited documents, series), rendered with the others.
    fn pages(&self) -> Vec<super::extra::ExtraPage> {
        Vec::new()
    }

    /// The site navigation's entries of those pages: [`super::extra::nav_entries`] of
    /// [`Links::pages`], which an implementation may give without making every page.
    fn nav(&self) -> Vec<super::extra::NavEntry> {
        super::extra::nav_entries(&self.pages())
    }

    /// The data of its page made when the page is rendered ([`super::ExtraPage::key`]
    /// `key`), at `page`; `resolutions` are the site's, in its order.
    fn deferred_context(&self, _key: usize, _resolutions: &[&Resolution], _page: &str) -> tera::Context {
        tera::Context::new()
    }

    /// Adds to the rendered body of the page `page` of `res` (the citation linker adds,
    /// after each paragraph, what changed since the previous version of its series).
    fn decorate(&self, _res: &Resolution, _page: &str, _body: &mut String) {}

    /// The other resolutions whose text the page of resolution `doc` depends on
    /// (documents it cites, documents citing it, versions of its series), all by
    /// index in site order: `plenary serve` renders the page again when one of them changes.
    fn depends_on(&self, _doc: usize) -> &[usize] {
        &[]
    }

    /// The documents and treaties this linker found cited in `res`, for the page's
    /// structured data; `None` if it did not look (the page then recognises the
    /// citations itself).
    fn cited(&self, _res: &Resolution) -> Option<&crate::cite::CitedWorks> {
        None
    }
}

/// Links nothing (the default until citation linking is plugged in).
#[derive(Debug, Clone, Copy, Default)]
pub struct NoLinks;

impl Linker for NoLinks {
    fn links(&mut self, _element: &str, _plain: &str) -> Vec<Link> {
        Vec::new()
    }
}

impl Links for NoLinks {
    fn for_document<'a>(&'a self, _res: &'a Resolution) -> Box<dyn Linker + 'a> {
        Box::new(NoLinks)
    }
}

/// How footnote marks inside a text are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marks {
    /// Linked marks with ids and popovers (body text).
    Linked,
    /// A bare superscript number (inside footnotes and popovers).
    Plain,
}

/// Footnote state of one page: the rendered text of each footnote (for popovers)
/// and how often each has been referenced so far.
#[derive(Debug, Default)]
pub struct Notes {
    /// Footnote number → its text as HTML.
    pub html: BTreeMap<u32, String>,
    /// Footnote number → the reference ids given out, in order.
    pub refs: BTreeMap<u32, Vec<String>>,
    /// Marks pointing to a footnote the document does not have.
    pub missing: Vec<u32>,
}

/// Renders inline texts of one page.
pub struct Inlines<'a> {
    /// Path of the page from the site root, for relative links.
    pub page: &'a str,
    pub linker: &'a mut dyn Linker,
    pub notes: Notes,
}

impl<'a> Inlines<'a> {
    pub fn new(page: &'a str, linker: &'a mut dyn Linker) -> Self {
        Inlines { page, linker, notes: Notes::default() }
    }

    /// The text of element `element` as HTML.
    pub fn render(&mut self, element: &str, text: &Text, marks: Marks) -> String {
        let plain = text.to_plain();
        let links = valid_links(self.linker.links(element, &plain), &plain);
        // Room for the text and some of its markup (links, emphasis, entities).
        let mut out = String::with_capacity(plain.len() + plain.len() / 2);
        let mut pos = 0usize;
        for inline in &text.0 {
            match inline {
                Inline::Plain(s) => self.run(&mut out, s, pos, &links, None),
                Inline::Emph(s) => self.run(&mut out, s, pos, &links, Some("em")),
                Inline::Strong(s) => self.run(&mut out, s, pos, &links, Some("strong")),
                Inline::Note(n) => self.mark(&mut out, *n, marks),
            }
            if let Inline::Plain(s) | Inline::Emph(s) | Inline::Strong(s) = inline {
                pos += s.len();
            }
        }
        out
    }

    /// One run of text starting at plain offset `start`, with the links over it.
    fn run(&self, out: &mut String, s: &str, start: usize, links: &[Link], tag: Option<&str>) {
        if let Some(tag) = tag {
            out.push('<');
            out.push_str(tag);
            out.push('>');
        }
        let end = start + s.len();
        let mut at = start;
        for link in links.iter().filter(|l| l.span.start < end && l.span.end > start) {
            let a = link.span.start.max(start);
            let b = link.span.end.min(end);
            push_escaped(out, &s[at - start..a - start]);
            match self.href(&link.target) {
                Some(href) => {
                    out.push_str("<a href=\"");
                    push_escaped(out, &href);
                    out.push('"');
                    if let Some(title) = &link.title {
                        out.push_str(" title=\"");
                        push_escaped(out, title);
                        out.push('"');
                    }
                    out.push('>');
                    push_escaped(out, &s[a - start..b - start]);
                    out.push_str("</a>");
                }
                None => push_escaped(out, &s[a - start..b - start]),
            }
            at = b;
        }
        push_escaped(out, &s[at - start..]);
        if let Some(tag) = tag {
            out.push_str("</");
            out.push_str(tag);
            out.push('>');
        }
    }

    fn href(&self, target: &LinkTarget) -> Option<String> {
        match target {
            LinkTarget::Page { path, fragment: frag } => {
                if path.starts_with('/') || path.split('/').any(|p| p == "..") || !is_safe_url(path) {
                    return None;
                }
                let mut href = urls::relative(self.page, path);
                if let Some(f) = frag {
                    href.push('#');
                    href.push_str(&fragment(f));
                }
                Some(href)
            }
            LinkTarget::Here(id) => Some(format!("#{}", fragment(id))),
            LinkTarget::External(url) => {
                let absolute = url.starts_with("https://") || url.starts_with("http://") || url.starts_with("mailto:");
                (absolute && is_safe_url(url)).then(|| url.clone())
            }
        }
    }

    fn mark(&mut self, out: &mut String, n: u32, marks: Marks) {
        let popover = match (marks, self.notes.html.get(&n)) {
            (Marks::Linked, Some(html)) => html.clone(),
            (Marks::Linked, None) => {
                self.notes.missing.push(n);
                out.push_str(&format!("<sup class=\"fn fn-missing\">{n}</sup>"));
                return;
            }
            (Marks::Plain, _) => {
                out.push_str(&format!("<sup>{n}</sup>"));
                return;
            }
        };
        let refs = self.notes.refs.entry(n).or_default();
        let id = ids::footnote_ref(n, refs.len() + 1);
        refs.push(id.clone());
        let target = ids::footnote(n);
        out.push_str(&format!(
            "<sup class=\"fn\"><a class=\"fn-mark\" href=\"#{target}\" id=\"{}\" role=\"doc-noteref\" \
             aria-label=\"Note {n}\">{n}</a><span class=\"fn-pop\" hidden>{popover}</span></sup>",
            escape(&id)
        ));
    }
}

/// Keeps the links that are in bounds, on char boundaries, non-empty, and do not
/// overlap an earlier one; sorted by start.
fn valid_links(mut links: Vec<Link>, plain: &str) -> Vec<Link> {
    links.sort_by_key(|l| (l.span.start, l.span.end));
    let mut out: Vec<Link> = Vec::with_capacity(links.len());
    for link in links {
        let Range { start, end } = link.span;
        let ok = start < end
            && end <= plain.len()
            && plain.is_char_boundary(start)
            && plain.is_char_boundary(end)
            && out.last().is_none_or(|l: &Link| l.span.end <= start);
        if ok {
            out.push(link);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Fixed(Vec<Link>);
    impl Linker for Fixed {
        fn links(&mut self, _: &str, _: &str) -> Vec<Link> {
            self.0.clone()
        }
    }

    fn text() -> Text {
        Text(vec![
            Inline::Emph("Recalling".into()),
            Inline::Plain(" resolution 60/178 <b>,".into()),
            Inline::Note(1),
            Inline::Plain(" and".into()),
        ])
    }

    #[test]
    fn escapes_and_marks() {
        let mut linker = NoLinks;
        let mut r = Inlines::new("A/RES/61/183/index.html", &mut linker);
        r.notes.html.insert(1, "A/55/2.".into());
        let html = r.render("pp1", &text(), Marks::Linked);
        assert_eq!(
            html,
            "<em>Recalling</em> resolution 60/178 &lt;b&gt;,<sup class=\"fn\"><a class=\"fn-mark\" href=\"#fn1\" \
             id=\"fnref1\" role=\"doc-noteref\" aria-label=\"Note 1\">1</a><span class=\"fn-pop\" hidden>A/55/2.</span></sup> and"
        );
        let again = r.render("pp2", &text(), Marks::Linked);
        assert!(again.contains("id=\"fnref1-2\""), "{again}");
        assert_eq!(
            r.render("fn2", &text(), Marks::Plain),
            "<em>Recalling</em> resolution 60/178 &lt;b&gt;,<sup>1</sup> and"
        );
    }

    #[test]
    fn links_cross_runs_and_bad_links_are_dropped() {
        let mut linker = Fixed(vec![
            Link {
                span: 4..27,
                target: LinkTarget::Page { path: "A/RES/60/178/index.html".into(), fragment: Some("op1".into()) },
                title: None,
            },
            Link { span: 5..6, target: LinkTarget::Here("x".into()), title: None },
            Link { span: 24..26, target: LinkTarget::External("javascript:alert(1)".into()), title: None },
            Link { span: 0..999, target: LinkTarget::Here("x".into()), title: None },
        ]);
        let mut r = Inlines::new("A/RES/61/183/index.html", &mut linker);
        let html = r.render("pp1", &text(), Marks::Plain);
        assert_eq!(
            html,
            "<em>Reca<a href=\"../../../../A/RES/60/178/index.html#op1\">lling</a></em>\
             <a href=\"../../../../A/RES/60/178/index.html#op1\"> resolution 60/178</a> &lt;b&gt;,<sup>1</sup> and"
        );
    }
}
