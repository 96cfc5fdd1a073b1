//! One HTML page read in a single pass over its tags, for the check: its ids (and
//! those that occur twice), the URLs it refers to, and its footnote marks and
//! notes: the same [`Page`] that `page::parse` makes with a full HTML parser, at a
//! fraction of the cost (the check reads every page of sites of tens of thousands).
//!
//! It reads tags and attributes as HTML does (quoted and unquoted values,
//! character references, comments, raw text of `script` and `style`, void
//! elements, end tags closing what they match, `p` and `li` closed by the elements
//! that close them); tests/check_scan.rs compares it with the full parser on every
//! page of the bundled site and on pages written to trip it. `noscript` is read as
//! markup, as a reader without JavaScript meets it, so its links are checked too.
//!
//! **In**: the text of a page. **Out**: a [`Page`] ([`scan`]), or the same borrowing
//! from the page's text ([`read`], what the check uses: it keeps only hashes).

use super::page::{url_attr, Page};
use memchr::memchr;
use rustc_hash::FxHashMap;
use std::borrow::Cow;
use std::ops::Range;

fn is_void(name: &str) -> bool {
    matches!(
        name.as_bytes(),
        b"area"
            | b"base"
            | b"br"
            | b"col"
            | b"embed"
            | b"hr"
            | b"img"
            | b"input"
            | b"link"
            | b"meta"
            | b"param"
            | b"source"
            | b"track"
            | b"wbr"
    )
}

/// Elements whose content is text up to their end tag, not markup.
fn is_raw(name: &str) -> bool {
    matches!(name.as_bytes(), b"script" | b"style" | b"textarea" | b"title" | b"xmp" | b"noembed" | b"noframes")
}

/// Elements whose start closes an open `p`.
fn closes_p(name: &str) -> bool {
    matches!(
        name.as_bytes(),
        b"address"
            | b"article"
            | b"aside"
            | b"blockquote"
            | b"details"
            | b"dialog"
            | b"div"
            | b"dl"
            | b"fieldset"
            | b"figcaption"
            | b"figure"
            | b"footer"
            | b"form"
            | b"h1"
            | b"h2"
            | b"h3"
            | b"h4"
            | b"h5"
            | b"h6"
            | b"header"
            | b"hgroup"
            | b"hr"
            | b"main"
            | b"menu"
            | b"nav"
            | b"ol"
            | b"p"
            | b"pre"
            | b"section"
            | b"summary"
            | b"table"
            | b"ul"
    )
}

/// Where the search for an open `p` to close stops.
fn p_scope(name: &str) -> bool {
    matches!(
        name.as_bytes(),
        b"button" | b"td" | b"th" | b"table" | b"html" | b"template" | b"caption" | b"marquee" | b"object"
    )
}

/// What [`read`] finds on a page, borrowing from its text where it can: the
/// check keeps only hashes of it, [`scan`] makes a [`Page`] of it.
#[derive(Debug, Default)]
pub struct Scanned<'a> {
    /// Every id, once each, in document order.
    pub ids: Vec<Cow<'a, str>>,
    /// Ids that occur more than once, each listed once, in document order.
    pub duplicate_ids: Vec<Cow<'a, str>>,
    /// The URLs elements refer to, in document order.
    pub urls: Vec<Cow<'a, str>>,
    /// Problems of the page alone (footnotes).
    pub problems: Vec<String>,
}

impl Scanned<'_> {
    /// The same, owned.
    pub fn into_page(self) -> Page {
        Page {
            ids: self.ids.into_iter().map(Cow::into_owned).collect(),
            duplicate_ids: self.duplicate_ids.into_iter().map(Cow::into_owned).collect(),
            urls: self.urls.into_iter().map(Cow::into_owned).collect(),
            problems: self.problems,
        }
    }
}

/// An element whose text matters: one with an id, a footnote mark, a popover.
#[derive(Default)]
struct Tracked {
    has_text: bool,
    /// The text itself, kept for marks (their label).
    text: Option<String>,
}

struct Open<'a> {
    name: Cow<'a, str>,
    /// The elements of `Scanner::tracked` it made, one after another.
    tracked: Range<usize>,
}

struct Mark<'a> {
    href: Cow<'a, str>,
    label: usize,
    popover: Option<usize>,
}

#[derive(Default)]
struct Scanner<'a> {
    page: Scanned<'a>,
    stack: Vec<Open<'a>>,
    tracked: Vec<Tracked>,
    /// Id → the first element with it, and whether the id is listed as a duplicate.
    by_id: FxHashMap<Cow<'a, str>, (usize, bool)>,
    marks: Vec<Mark<'a>>,
    /// `sup.fn-missing` elements, by their tracked text.
    missing: Vec<usize>,
    /// After a footnote mark ends: the mark and the depth at which its next sibling would start.
    after_mark: Option<(usize, usize)>,
    /// Tracked elements open now that text inside still tells something: those
    /// whose text is kept, and those not yet known to have any.
    pending: Vec<usize>,
}

/// Reads a page. Never fails: like HTML parsing, it recovers from anything.
pub fn scan(html: &str) -> Page {
    read(html).into_page()
}

/// [`scan`], borrowing from the page's text.
pub fn read(html: &str) -> Scanned<'_> {
    let mut s = Scanner::default();
    let bytes = html.as_bytes();
    let mut attrs: Attributes = Vec::new();
    let mut at = 0;
    while at < html.len() {
        let Some(lt) = memchr(b'<', &bytes[at..]).map(|i| at + i) else {
            s.text(&html[at..]);
            break;
        };
        if lt > at {
            s.text(&html[at..lt]);
        }
        let rest = &html[lt..];
        if let Some(comment) = rest.strip_prefix("<!--") {
            at = comment.find("-->").map_or(html.len(), |i| lt + 4 + i + 3);
        } else if rest.starts_with("<!") || rest.starts_with("<?") {
            at = memchr(b'>', rest.as_bytes()).map_or(html.len(), |i| lt + i + 1);
        } else if rest.starts_with("</") && bytes.get(lt + 2).is_some_and(u8::is_ascii_alphabetic) {
            let end = memchr(b'>', rest.as_bytes()).map_or(html.len(), |i| lt + i + 1);
            let name = tag_name(&html[lt + 2..end]);
            s.end(&name);
            at = end;
        } else if rest.starts_with("</") {
            at = memchr(b'>', rest.as_bytes()).map_or(html.len(), |i| lt + i + 1);
        } else if bytes.get(lt + 1).is_some_and(u8::is_ascii_alphabetic) {
            let (name, end) = start_tag(html, lt + 1, &mut attrs);
            at = end;
            let raw = is_raw(&name);
            s.start(name.clone(), &attrs);
            if raw {
                let close = find_end_tag(&html[at..], &name).map_or(html.len(), |i| at + i);
                s.text(&html[at..close]);
                at = close;
            }
        } else {
            s.text("<");
            at = lt + 1;
        }
    }
    s.finish()
}

impl<'a> Scanner<'a> {
    fn text(&mut self, raw: &str) {
        if self.pending.is_empty() {
            return;
        }
        let text = decode(raw);
        let has_text = !text.trim().is_empty();
        for &t in &self.pending {
            let tracked = &mut self.tracked[t];
            tracked.has_text |= has_text;
            if let Some(s) = tracked.text.as_mut() {
                s.push_str(&text);
            }
        }
        let tracked = &self.tracked;
        self.pending.retain(|&t| tracked[t].text.is_some() || !tracked[t].has_text);
    }

    fn track(&mut self, with_text: bool) -> usize {
        self.tracked.push(Tracked { has_text: false, text: with_text.then(String::new) });
        self.tracked.len() - 1
    }

    fn start(&mut self, name: Cow<'a, str>, attrs: &Attributes<'a>) {
        self.close_implied(&name);
        let attr = |n: &str| attrs.iter().find(|(k, _)| k == n).map(|(_, v)| v);
        let has_class = |class: &str| attr("class").is_some_and(|c| c.split_ascii_whitespace().any(|one| one == class));
        // What this element tracks is made here, one after another: their indices are a range.
        let first = self.tracked.len();
        // The element after a footnote mark, at the mark's depth, is its next sibling.
        if let Some((mark, depth)) = self.after_mark.take() {
            if self.stack.len() == depth && has_class("fn-pop") {
                let t = self.track(false);
                self.marks[mark].popover = Some(t);
            }
        }
        if let Some(id) = attr("id") {
            if let Some((_, listed)) = self.by_id.get_mut(id) {
                if !*listed {
                    *listed = true;
                    self.page.duplicate_ids.push(id.clone());
                }
            } else {
                let t = self.track(false);
                self.by_id.insert(id.clone(), (t, false));
                self.page.ids.push(id.clone());
            }
        }
        if let Some(url) = url_attr(&name).and_then(attr) {
            self.page.urls.push(url.clone());
        }
        if name == "a" && has_class("fn-mark") {
            let label = self.track(true);
            self.marks.push(Mark { href: attr("href").cloned().unwrap_or_default(), label, popover: None });
        }
        if name == "sup" && has_class("fn-missing") {
            let label = self.track(true);
            self.missing.push(label);
        }
        if is_void(&name) {
            return;
        }
        let tracked = first..self.tracked.len();
        self.pending.extend(tracked.clone());
        self.stack.push(Open { name, tracked });
    }

    /// `p` and `li` end where certain elements start, as HTML parsing has it.
    fn close_implied(&mut self, name: &str) {
        let (closes, scope): (&str, fn(&str) -> bool) = match name {
            "li" => ("li", |open| matches!(open, "ul" | "ol")),
            "dt" | "dd" => ("dt", |open| open == "dl"),
            _ if closes_p(name) => ("p", p_scope),
            _ => return,
        };
        for i in (0..self.stack.len()).rev() {
            let open = self.stack[i].name.as_ref();
            if open == closes || (closes == "dt" && open == "dd") {
                self.pop_to(i);
                return;
            }
            if scope(open) || (closes != "p" && matches!(open, "div" | "section" | "table")) {
                return;
            }
        }
    }

    fn end(&mut self, name: &str) {
        if let Some(i) = self.stack.iter().rposition(|o| o.name == name) {
            let mark = self.stack[i].tracked.clone().find_map(|t| self.marks.iter().position(|m| m.label == t));
            self.pop_to(i);
            if name == "a" {
                if let Some(mark) = mark {
                    self.after_mark = Some((mark, self.stack.len()));
                }
            }
        }
    }

    fn pop_to(&mut self, i: usize) {
        for open in self.stack.drain(i..) {
            if !open.tracked.is_empty() {
                self.pending.retain(|t| !open.tracked.contains(t));
            }
        }
        if self.after_mark.is_some_and(|(_, depth)| self.stack.len() < depth) {
            self.after_mark = None;
        }
    }

    fn finish(mut self) -> Scanned<'a> {
        let text = |t: usize| self.tracked[t].text.as_deref().unwrap_or_default().trim().to_string();
        for &m in &self.missing {
            self.page.problems.push(format!("footnote mark {} has no note", text(m)));
        }
        for mark in &self.marks {
            let label = text(mark.label);
            let Some(target) = mark.href.strip_prefix('#').filter(|t| !t.is_empty()) else {
                self.page
                    .problems
                    .push(format!("footnote mark {label} does not link to its note (href {:?})", mark.href));
                continue;
            };
            match self.by_id.get(target) {
                None => self.page.problems.push(format!("footnote mark {label} → missing note #{target}")),
                Some(&(t, _)) if !self.tracked[t].has_text => {
                    self.page.problems.push(format!("footnote mark {label} → note #{target} is empty"))
                }
                Some(_) => {}
            }
            if mark.popover.is_some_and(|p| !self.tracked[p].has_text) {
                self.page.problems.push(format!("footnote mark {label}: its popover is empty"));
            }
        }
        self.page
    }
}

/// The tag name at the start of `s`, lower case.
fn tag_name(s: &str) -> Cow<'_, str> {
    lower(&s[..ascii_end(s.as_bytes(), 0, |b| b.is_ascii_whitespace() || b == b'/' || b == b'>')])
}

/// The first position from `from` in `bytes` at which `stop` holds (its length if
/// none): ASCII bytes only, so the position is always a character boundary.
fn ascii_end(bytes: &[u8], from: usize, stop: impl Fn(u8) -> bool) -> usize {
    bytes[from..].iter().position(|&b| stop(b)).map_or(bytes.len(), |i| from + i)
}

fn lower(s: &str) -> Cow<'_, str> {
    if s.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(s.to_ascii_lowercase())
    } else {
        Cow::Borrowed(s)
    }
}

/// Attributes of a tag: names lower case, values decoded, the first of a name kept.
type Attributes<'a> = Vec<(Cow<'a, str>, Cow<'a, str>)>;

/// A start tag whose name begins at `from`: its name and where the tag ends; its
/// attributes replace those in `attrs`.
fn start_tag<'a>(html: &'a str, from: usize, attrs: &mut Attributes<'a>) -> (Cow<'a, str>, usize) {
    let bytes = html.as_bytes();
    let name = tag_name(&html[from..]);
    let mut at = from + name.len();
    attrs.clear();
    loop {
        while bytes.get(at).is_some_and(|b| b.is_ascii_whitespace() || *b == b'/') {
            at += 1;
        }
        match bytes.get(at) {
            None => return (name, html.len()),
            Some(b'>') => return (name, at + 1),
            Some(_) => {}
        }
        let name_end = ascii_end(bytes, at + 1, |b| b.is_ascii_whitespace() || matches!(b, b'=' | b'>' | b'/'));
        let attr = lower(&html[at..name_end]);
        at = name_end;
        while bytes.get(at).is_some_and(u8::is_ascii_whitespace) {
            at += 1;
        }
        let mut value = Cow::Borrowed("");
        if bytes.get(at) == Some(&b'=') {
            at += 1;
            while bytes.get(at).is_some_and(u8::is_ascii_whitespace) {
                at += 1;
            }
            match bytes.get(at) {
                Some(&q @ (b'"' | b'\'')) => {
                    let end = memchr(q, &bytes[at + 1..]).map_or(html.len(), |i| at + 1 + i);
                    value = decode(&html[at + 1..end]);
                    at = (end + 1).min(html.len());
                }
                _ => {
                    let end = ascii_end(bytes, at, |b| b.is_ascii_whitespace() || b == b'>');
                    value = decode(&html[at..end]);
                    at = end;
                }
            }
        }
        if !attrs.iter().any(|(k, _)| *k == attr) {
            attrs.push((attr, value));
        }
    }
}

/// Where the end tag `</name` (ASCII case ignored) starts in `haystack`.
fn find_end_tag(haystack: &str, name: &str) -> Option<usize> {
    let (h, n) = (haystack.as_bytes(), name.as_bytes());
    let mut from = 0;
    while let Some(i) = memchr(b'<', &h[from..]).map(|i| from + i) {
        let tail = &h[i + 1..];
        if tail.first() == Some(&b'/') && tail.len() > n.len() && tail[1..=n.len()].eq_ignore_ascii_case(n) {
            return Some(i);
        }
        from = i + 1;
    }
    None
}

/// Character references decoded: numeric ones and the named ones pages use.
fn decode(s: &str) -> Cow<'_, str> {
    if !s.bytes().any(|b| b == b'&') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest[1..].find(|c: char| !c.is_ascii_alphanumeric() && c != '#').map(|e| e + 1);
        let decoded = end.filter(|&e| rest.as_bytes().get(e) == Some(&b';')).and_then(|e| {
            let name = &rest[1..e];
            let c = match name {
                "amp" => '&',
                "lt" => '<',
                "gt" => '>',
                "quot" => '"',
                "apos" => '\'',
                "nbsp" => '\u{a0}',
                _ => {
                    let n = name.strip_prefix('#')?;
                    let code = match n.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => n.parse().ok()?,
                    };
                    char::from_u32(code).filter(|&c| c != '\0').unwrap_or('\u{fffd}')
                }
            };
            Some((c, e + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_references() {
        assert_eq!(decode("a&amp;b&#38;c&#x26;d&nbsp;&bogus;&"), "a&b&c&d\u{a0}&bogus;&");
    }
}
