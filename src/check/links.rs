//! URLs found on a page, classified: a link inside the site (resolved against the
//! page to a file path and fragment), an external link (kept by host, never
//! fetched), or a link the site must not have (root-absolute, leaving the site,
//! `javascript:`).
//!
//! **In**: the path of the page (from the site root, `/`-separated) and a URL as
//! written. **Out**: a [`Target`].

/// Where a URL leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A file of the site (path from the site root, percent-decoded) and an optional
    /// fragment (percent-decoded). An empty path is the page itself.
    Internal { path: String, fragment: Option<String> },
    /// An `http(s)` URL elsewhere, with its host (lower case).
    External { host: String },
    /// `mailto:`, `tel:` or `data:`: nothing to check.
    Other,
    /// A link that is wrong in itself, with the reason.
    Bad(String),
}

/// Classifies `url`, found on the page at `from`.
pub fn classify(from: &str, url: &str) -> Target {
    let url = url.trim_matches(|c: char| c.is_ascii_whitespace());
    if let Some(scheme) = scheme(url) {
        return match scheme.as_str() {
            "http" | "https" => External { host: host(url) },
            "mailto" | "tel" | "data" => Target::Other,
            "javascript" => Target::Bad("javascript: link".into()),
            "file" => Target::Bad("file: link (works only on one machine)".into()),
            other => Target::Bad(format!("unexpected {other}: link")),
        };
    }
    if url.starts_with("//") {
        return External { host: host(&format!("http:{url}")) };
    }
    if url.starts_with('/') {
        return Target::Bad("root-absolute link (breaks under a base path and from disk; make it relative)".into());
    }
    // The searches below are plain loops over the bytes: `str`'s own searches for
    // one character, and memchr's, cost more than the whole of a short URL.
    let (rest, fragment) = match find(url, b'#') {
        Some(i) => (&url[..i], Some(decode(&url[i + 1..]).into_owned())),
        None => (url, None),
    };
    let path = find(rest, b'?').map_or(rest, |i| &rest[..i]);
    if path.is_empty() {
        return Target::Internal { path: from.to_string(), fragment };
    }
    match resolve(from, path) {
        Some(path) => Target::Internal { path, fragment },
        None => Target::Bad("leaves the site (too many ../)".into()),
    }
}

/// The relative `path` (not empty, without query or fragment) resolved against the
/// directory of the page at `from`, its segments percent-decoded; `None` if it
/// climbs above the site root.
fn resolve(from: &str, path: &str) -> Option<String> {
    // The page's directory: its segments, which `..` removes from the end.
    let mut dir = rfind(from, b'/').map_or("", |i| &from[..i]);
    let mut dir_segments = from.bytes().filter(|&b| b == b'/').count();
    // Room for every segment: growing the list one segment at a time cost more
    // than the rest of a short URL's resolution.
    let mut added: Vec<Cow<str>> = Vec::with_capacity(path.bytes().filter(|&b| b == b'/').count() + 1);
    let mut start = 0;
    let ends = path.bytes().enumerate().filter(|&(_, b)| b == b'/').map(|(i, _)| i).chain([path.len()]);
    for seg in ends.map(|end| &path[std::mem::replace(&mut start, end + 1)..end]) {
        match seg {
            ".." => {
                if added.pop().is_some() {
                    continue;
                }
                if dir_segments == 0 {
                    return None;
                }
                dir_segments -= 1;
                dir = rfind(dir, b'/').map_or("", |i| &dir[..i]);
            }
            "." | "" => {}
            s => added.push(decode(s)),
        }
    }
    let is_dir = path.ends_with('/') || path.ends_with("/.") || path == "." || path.ends_with("/..") || path == "..";
    let mut out = String::with_capacity(dir.len() + path.len() + 1);
    let mut first = dir_segments == 0;
    if !first {
        out.push_str(dir);
    }
    for seg in added.iter().map(Cow::as_ref).chain(is_dir.then_some("")) {
        if !first {
            out.push('/');
        }
        first = false;
        out.push_str(seg);
    }
    Some(out)
}

use std::borrow::Cow;
use Target::External;

/// The scheme of an absolute URL, lower case: a letter, then letters, digits,
/// `+ - .`, then `:`. Only the scheme's bytes are read.
/// The first place of the ASCII byte `b` in `s`.
fn find(s: &str, b: u8) -> Option<usize> {
    s.bytes().position(|c| c == b)
}

/// The last place of the ASCII byte `b` in `s`.
fn rfind(s: &str, b: u8) -> Option<usize> {
    s.bytes().rposition(|c| c == b)
}

fn scheme(url: &str) -> Option<String> {
    let bytes = url.as_bytes();
    let len = bytes.iter().take_while(|&&c| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'-' | b'.')).count();
    let ok = bytes.first().is_some_and(u8::is_ascii_alphabetic) && bytes.get(len) == Some(&b':');
    ok.then(|| url[..len].to_ascii_lowercase())
}

/// The host of an absolute `scheme://host…` URL, lower case, without user or port.
fn host(url: &str) -> String {
    let after = url.split_once("//").map_or("", |(_, a)| a);
    let authority = after.split(['/', '?', '#']).next().unwrap_or("");
    let hostport = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = if hostport.starts_with('[') {
        hostport.split_inclusive(']').next().unwrap_or(hostport)
    } else {
        hostport.split(':').next().unwrap_or(hostport)
    };
    if host.is_empty() {
        "(no host)".into()
    } else {
        host.to_ascii_lowercase()
    }
}

/// Percent-decodes `s` as UTF-8; malformed escapes are kept as written.
pub fn decode(s: &str) -> Cow<'_, str> {
    if find(s, b'%').is_none() {
        return Cow::Borrowed(s);
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).map_or(Cow::Borrowed(s), Cow::Owned)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// [`resolve`] as a list of segments joined at the end: what it must agree with.
    fn resolve_by_segments(from: &str, path: &str) -> Option<String> {
        let mut parts: Vec<Cow<str>> = from.split('/').map(Cow::Borrowed).collect();
        parts.pop();
        for seg in path.split('/') {
            match seg {
                ".." => {
                    parts.pop()?;
                }
                "." | "" => {}
                s => parts.push(decode(s)),
            }
        }
        if path.ends_with('/') || path.ends_with("/.") || path == "." || path.ends_with("/..") || path == ".." {
            parts.push(Cow::Borrowed(""));
        }
        Some(parts.join("/"))
    }

    proptest! {
        #[test]
        fn resolve_agrees_with_segments(from in "[a/.]{0,3}[a-c/]{0,8}index\\.html", path in "(\\.\\./|\\./|[ab%2]{1,3}/|/|\\.\\.|\\.){1,6}") {
            prop_assume!(!path.is_empty());
            prop_assert_eq!(resolve(&from, &path), resolve_by_segments(&from, &path));
        }
    }

    fn internal(path: &str, fragment: Option<&str>) -> Target {
        Target::Internal { path: path.into(), fragment: fragment.map(str::to_string) }
    }

    #[test]
    fn resolves_relative_links() {
        let from = "A/RES/61/183/index.html";
        assert_eq!(classify(from, "#op33g"), internal(from, Some("op33g")));
        assert_eq!(classify(from, "index.json"), internal("A/RES/61/183/index.json", None));
        assert_eq!(classify(from, "../../80/1/index.html#para_2"), internal("A/RES/80/1/index.html", Some("para_2")));
        assert_eq!(classify(from, "../../../../index.html?x=1"), internal("index.html", None));
        assert_eq!(classify(from, "../../../../"), internal("", None));
        assert_eq!(classify("index.html", "./a%20b/index.html#x%C3%A9"), internal("a b/index.html", Some("xé")));
        // A colon after a slash, or after a leading digit, starts no scheme.
        assert_eq!(classify("index.html", "a/b:c.html"), internal("a/b:c.html", None));
        assert_eq!(classify("index.html", "1a:b.html"), internal("1a:b.html", None));
        assert_eq!(classify("index.html", "#x:y"), internal("index.html", Some("x:y")));
    }

    #[test]
    fn sorts_out_external_and_bad_links() {
        let from = "index.html";
        assert_eq!(classify(from, "https://undocs.org/A/RES/61/183"), External { host: "undocs.org".into() });
        assert_eq!(classify(from, "HTTP://User@Example.org:8080/x"), External { host: "example.org".into() });
        assert_eq!(classify(from, "//cdn.example/x.js"), External { host: "cdn.example".into() });
        assert_eq!(classify(from, "mailto:a@b.c"), Target::Other);
        assert!(matches!(classify(from, " JavaScript:alert(1)"), Target::Bad(_)));
        assert!(matches!(classify(from, "/static/x.css"), Target::Bad(_)));
        assert!(matches!(classify(from, "../x.html"), Target::Bad(_)));
        assert!(matches!(classify(from, "file:///etc/passwd"), Target::Bad(_)));
    }

    #[test]
    fn decodes_percent_escapes_leniently() {
        assert_eq!(decode("a%2Fb"), "a/b");
        assert_eq!(decode("100%"), "100%");
        assert_eq!(decode("%zz%4"), "%zz%4");
        assert_eq!(decode("%FF"), "%FF");
    }
}
