//! The URL layout of the site, and relative links between its pages. Every page is
//! named by its path from the site root (`A/RES/61/183/index.html`); a link from one
//! page to another is the target path prefixed with one `../` per directory of the
//! linking page, so the site works under any base path and from disk.
//!
//! | page | path |
//! |---|---|
//! | home | `index.html` |
//! | all resolutions | `resolutions/index.html` |
//! | one session | `sessions/<key>/index.html` (`sessions/80/`, `sessions/ES-10/`) |
//! | one resolution | `<symbol>/index.html`, with `index.json`, `index.md` and `akn.xml` beside it |
//! | not found | `404.html` |
//! | assets | `static/…` |

use crate::paths::symbol_components;

pub const HOME: &str = "index.html";
pub const RESOLUTIONS: &str = "resolutions/index.html";
pub const NOT_FOUND: &str = "404.html";
pub const STATIC: &str = "static/";
/// A resolution's Akoma Ntoso XML, beside its page.
pub const AKN_FILE: &str = "akn.xml";

/// `../` once per directory in `page` (a path from the site root): the prefix that
/// turns a root-relative path into a link from `page`.
pub fn root_prefix(page: &str) -> String {
    "../".repeat(page.matches('/').count())
}

/// A link from `from` to `to`, both paths from the site root.
pub fn relative(from: &str, to: &str) -> String {
    let mut url = root_prefix(from);
    url.push_str(to);
    url
}

/// The directory of a resolution (`A/RES/61/183/`), refusing unsafe symbols.
pub fn resolution_dir(symbol: &str) -> anyhow::Result<String> {
    let mut dir = symbol_components(symbol)?.join("/");
    dir.push('/');
    Ok(dir)
}

/// `A/RES/61/183/index.html`.
pub fn resolution_page(symbol: &str) -> anyhow::Result<String> {
    let mut page = resolution_dir(symbol)?;
    page.push_str("index.html");
    Ok(page)
}

/// The session a symbol belongs to, as a key for its page: `A/RES/61/183` → `61`,
/// `A/RES/ES-10/1` → `ES-10`, `A/RES/S-20/2` → `S-20`; `None` for other series.
pub fn session_key(symbol: &str) -> Option<String> {
    let parts: Vec<&str> = symbol.split('/').collect();
    match parts.as_slice() {
        ["A", "RES", session, _number, ..] => {
            let ok = !session.is_empty() && session.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
            ok.then(|| session.to_string())
        }
        _ => None,
    }
}

/// `sessions/80/index.html`.
pub fn session_page(key: &str) -> String {
    format!("sessions/{key}/index.html")
}

/// The official document on the UN resolver.
pub fn official_url(symbol: &str) -> String {
    crate::cite::undocs_url(symbol)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout() {
        assert_eq!(root_prefix("index.html"), "");
        assert_eq!(root_prefix("A/RES/61/183/index.html"), "../../../../");
        assert_eq!(relative("sessions/61/index.html", "A/RES/61/183/index.html"), "../../A/RES/61/183/index.html");
        assert_eq!(resolution_page("A/RES/61/183").unwrap(), "A/RES/61/183/index.html");
        assert!(resolution_page("A/../x").is_err());
        assert_eq!(session_key("A/RES/61/183").as_deref(), Some("61"));
        assert_eq!(session_key("A/RES/ES-10/1").as_deref(), Some("ES-10"));
        assert_eq!(session_key("S/RES/1540(2004)"), None);
    }
}
