//! A minimal, deterministic XML builder for the Akoma Ntoso export: structural
//! elements on their own indented lines, mixed content (a `<p>` and what is inside
//! it) on one line so that no whitespace is added to the text.
//!
//! Escaping drops characters XML 1.0 cannot carry and keeps line ends and tabs
//! intact (as character references inside attributes), so what goes in as text
//! comes back out of any conforming parser unchanged.

/// An indented document under construction.
#[derive(Debug, Default)]
pub(super) struct Xml {
    out: String,
    depth: usize,
}

impl Xml {
    pub fn new() -> Self {
        Xml::default()
    }

    /// A builder for a fragment that sits `depth` levels deep.
    pub fn with_depth(depth: usize) -> Self {
        Xml { out: String::new(), depth }
    }

    fn indent(&mut self) {
        if !self.out.is_empty() {
            self.out.push('\n');
        }
        for _ in 0..self.depth {
            self.out.push_str("  ");
        }
    }

    /// Opens a structural element on its own line; its children are indented.
    pub fn open<K: AsRef<str>, V: AsRef<str>>(&mut self, name: &str, attrs: &[(K, V)]) {
        self.indent();
        start_tag(&mut self.out, name, attrs, false);
        self.depth += 1;
    }

    pub fn close(&mut self, name: &str) {
        self.depth = self.depth.saturating_sub(1);
        self.indent();
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push('>');
    }

    /// An element without content on its own line.
    pub fn empty<K: AsRef<str>, V: AsRef<str>>(&mut self, name: &str, attrs: &[(K, V)]) {
        self.indent();
        start_tag(&mut self.out, name, attrs, true);
    }

    /// An element on one line whose content is `markup` (already escaped).
    pub fn line<K: AsRef<str>, V: AsRef<str>>(&mut self, name: &str, attrs: &[(K, V)], markup: &str) {
        self.indent();
        if markup.is_empty() {
            start_tag(&mut self.out, name, attrs, true);
            return;
        }
        start_tag(&mut self.out, name, attrs, false);
        self.out.push_str(markup);
        end_tag(&mut self.out, name);
    }

    /// Raw text on its own line (the XML declaration).
    pub fn raw(&mut self, s: &str) {
        self.indent();
        self.out.push_str(s);
    }

    pub fn finish(mut self) -> String {
        self.out.push('\n');
        self.out
    }
}

/// Appends `<name a="v">` (or `<name a="v"/>` when `empty`).
pub(super) fn start_tag<K: AsRef<str>, V: AsRef<str>>(out: &mut String, name: &str, attrs: &[(K, V)], empty: bool) {
    out.push('<');
    out.push_str(name);
    for (key, value) in attrs {
        out.push(' ');
        out.push_str(key.as_ref());
        out.push_str("=\"");
        out.push_str(&escape_attr(value.as_ref()));
        out.push('"');
    }
    out.push_str(if empty { "/>" } else { ">" });
}

pub(super) fn end_tag(out: &mut String, name: &str) {
    out.push_str("</");
    out.push_str(name);
    out.push('>');
}

/// No attributes, for [`Xml::open`] and friends.
pub(super) const NONE: &[(&str, &str)] = &[];

/// Appends `<name attrs>markup</name>` (markup already escaped).
pub(super) fn element<K: AsRef<str>, V: AsRef<str>>(out: &mut String, name: &str, attrs: &[(K, V)], markup: &str) {
    start_tag(out, name, attrs, false);
    out.push_str(markup);
    end_tag(out, name);
}

fn allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}')
}

/// Escapes character data; a carriage return is written as a reference so that
/// parsers do not fold it into a line feed. Characters XML forbids are left out.
/// Runs of bytes that need nothing are copied whole: in a `str`, the only
/// forbidden characters are ASCII controls and U+FFFE and U+FFFF (`EF BF BE`, `EF BF BF`).
pub(super) fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let bytes = s.as_bytes();
    let (mut from, mut at) = (0, 0);
    while at < bytes.len() {
        let special = match bytes[at] {
            b'&' => Some(("&amp;", 1)),
            b'<' => Some(("&lt;", 1)),
            b'>' => Some(("&gt;", 1)),
            b'\r' => Some(("&#13;", 1)),
            b'\t' | b'\n' => None,
            0..=0x1F => Some(("", 1)),
            0xEF if matches!(bytes.get(at + 1..at + 3), Some([0xBF, 0xBE | 0xBF])) => Some(("", 3)),
            _ => None,
        };
        let Some((replacement, len)) = special else {
            at += 1;
            continue;
        };
        // `at` starts a character (an ASCII byte or U+FFFE/U+FFFF), so both slices end on boundaries.
        out.push_str(&s[from..at]);
        out.push_str(replacement);
        at += len;
        from = at;
    }
    out.push_str(&s[from..]);
    out
}

/// Escapes an attribute value, keeping whitespace characters through references
/// (attribute-value normalisation would turn them into spaces).
pub(super) fn escape_attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().filter(|&c| allowed(c)) {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn text_is_escaped_as_its_characters_say(s in "[a-z&<>\r\n\t\u{0}\u{1}\u{1f} é\u{fffd}\u{fffe}\u{ffff}\u{effe}\u{10000}]{0,20}") {
            let by_chars: String = s
                .chars()
                .filter(|&c| allowed(c))
                .map(|c| match c {
                    '&' => "&amp;".to_string(),
                    '<' => "&lt;".to_string(),
                    '>' => "&gt;".to_string(),
                    '\r' => "&#13;".to_string(),
                    c => c.to_string(),
                })
                .collect();
            prop_assert_eq!(escape_text(&s), by_chars);
        }
    }

    #[test]
    fn escapes_markup_and_drops_forbidden_characters() {
        assert_eq!(escape_text("a < b & c > d\u{1}\r"), "a &lt; b &amp; c &gt; d&#13;");
        assert_eq!(escape_attr("\"x\"\n"), "&quot;x&quot;&#10;");
        let mut x = Xml::new();
        x.open("a", &[("k", "v")]);
        x.line("p", NONE, "t");
        x.line("p", NONE, "");
        x.close("a");
        assert_eq!(x.finish(), "<a k=\"v\">\n  <p>t</p>\n  <p/>\n</a>\n");
    }
}
