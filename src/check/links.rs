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
    let (rest, fragment) = match url.split_once('#') {
        Some((p, f)) => (p, Some(decode(f).into_owned())),
        None => (url, None),
    };
    let path = rest.split_once('?').map_or(rest, |(p, _)| p);
    if path.is_empty() {
        return Target::Internal { path: from.to_string(), fragment };
    }
    let mut parts: Vec<Cow<str>> = from.split('/').map(Cow::Borrowed).collect();
    parts.pop();
    for seg in path.split('/') {
        match seg {
            ".." => {
                if parts.pop().is_none() {
                    return Target::Bad("leaves the site (too many ../)".into());
                }
            }
            "." | "" => {}
            s => parts.push(decode(s)),
        }
    }
    if path.ends_with('/') || path.ends_with("/.") || path == "." || path.ends_with("/..") || path == ".." {
        parts.push(Cow::Borrowed(""));
    }
    Target::Internal { path: parts.join("/"), fragment }
}

use std::borrow::Cow;
use Target::External;

/// The scheme of an absolute URL, lower case: a letter, then letters, digits,
/// `+ - .`, then `:`. Only the scheme's bytes are read.
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
    if !s.contains('%') {
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
