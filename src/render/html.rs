//! A small HTML builder: escaping of text and attribute values, URL fragments and a
//! check that a URL is safe to put in `href`. Everything the renderer writes itself
//! goes through here, so text from a document can never become markup or script.
//!
//! **In**: strings from documents and config. **Out**: escaped HTML fragments.

/// Escapes `&`, `<`, `>`, `"` and `'`: safe in text and in quoted attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    push_escaped(&mut out, s);
    out
}

/// Appends `s` escaped (see [`escape`]): runs of bytes that need nothing are copied whole.
pub fn push_escaped(out: &mut String, s: &str) {
    /// The bytes that need an entity: one lookup per byte.
    const SPECIAL: [bool; 256] = {
        let mut table = [false; 256];
        let mut i = 0;
        while i < 5 {
            table[b"&<>\"'"[i] as usize] = true;
            i += 1;
        }
        table
    };
    let mut from = 0;
    for (at, b) in s.bytes().enumerate() {
        if !SPECIAL[b as usize] {
            continue;
        }
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => "&#39;",
        };
        // `at` is an ASCII byte, so both slices end on character boundaries.
        out.push_str(&s[from..at]);
        out.push_str(entity);
        from = at + 1;
    }
    out.push_str(&s[from..]);
}

/// An id as a URL fragment (without `#`): characters outside `[A-Za-z0-9_.~-]`
/// are percent-encoded, so any id gives a valid URL.
pub fn fragment(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    for b in id.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'~' | b'-') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Whether `url` may be written into an `href`: `http:`/`https:`/`mailto:` URLs and
/// relative references; never `javascript:`, `data:` or any other scheme.
pub fn is_safe_url(url: &str) -> bool {
    if url.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return false;
    }
    let lower = url.to_ascii_lowercase();
    match lower.find(':') {
        None => true,
        Some(colon) => {
            let before = &lower[..colon];
            // A colon after a path, query or fragment start is not a scheme.
            if before.contains(['/', '?', '#']) {
                return true;
            }
            matches!(before, "http" | "https" | "mailto")
        }
    }
}

/// An `<a>` element with an escaped href and text, or the escaped text alone when
/// the URL is not safe.
pub fn link(href: &str, text: &str) -> String {
    if is_safe_url(href) {
        format!("<a href=\"{}\">{}</a>", escape(href), escape(text))
    } else {
        escape(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(
            escape("<script>alert('x') & \"y\"</script>"),
            "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;"
        );
        assert_eq!(escape("«é» & ‘x’"), "«é» &amp; ‘x’");
        assert_eq!(escape(""), "");
        assert_eq!(fragment("op7a-ii"), "op7a-ii");
        assert_eq!(fragment("a b\"<"), "a%20b%22%3C");
    }

    #[test]
    fn refuses_script_urls() {
        for bad in
            ["javascript:alert(1)", "JavaScript:x", "data:text/html,x", "vbscript:x", " javascript:x", "java\tscript:x"]
        {
            assert!(!is_safe_url(bad), "{bad}");
        }
        for good in ["https://undocs.org/A/RES/61/183", "../../index.html", "#op7", "a/b:c", "mailto:x@y.org"] {
            assert!(is_safe_url(good), "{good}");
        }
        assert_eq!(link("javascript:x", "<b>"), "&lt;b&gt;");
    }
}
