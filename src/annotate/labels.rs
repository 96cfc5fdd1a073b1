//! Human names for the elements notes point at, as readers say them: `op7a` →
//! "paragraph 7 (a)", `II-op5` → "section II, paragraph 5", `pp3` → "preambular
//! paragraph 3", `fn9` → "footnote 9", `sec-II` → "section II".
//!
//! **In**: an element id (structure only, as ids.rs makes them). **Out**: a label;
//! ids this module does not recognise are returned as they are.

use regex::Regex;
use std::sync::LazyLock;

static PARA: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:annex(?:-(?P<annex>[IVXLCA-Z0-9]+))?-)?(?:(?P<sec>[IVXLC]+|[A-Z])-)?(?P<kind>pp|op|p|t)(?P<num>\d+)(?:_\d+)?(?P<sub>[a-z]*)(?:_\d+)?(?P<deeper>(?:-[a-zA-Z0-9_]+)*)$")
        .expect("valid regex")
});

/// A reader's name for element `id`; `resolution` names the whole resolution.
pub fn label(id: &str) -> String {
    match id {
        super::header::WHOLE_RESOLUTION => return "the resolution as a whole".into(),
        crate::ids::FORMULA => return "the opening formula".into(),
        crate::ids::CLOSING => return "the closing".into(),
        "annex" => return "the annex".into(),
        _ => {}
    }
    if let Some(n) = id.strip_prefix("fn").filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())) {
        return format!("footnote {n}");
    }
    if let Some(num) = id.strip_prefix("sec-") {
        return format!("section {num}");
    }
    if let Some(num) = id.strip_prefix("annex-").filter(|n| !n.is_empty() && n.chars().all(|c| "IVXLC".contains(c))) {
        return format!("annex {num}");
    }
    let Some(c) = PARA.captures(id) else { return id.to_string() };
    let mut out = String::new();
    if id.starts_with("annex") {
        match c.name("annex") {
            Some(a) => out.push_str(&format!("annex {}, ", a.as_str())),
            None => out.push_str("annex, "),
        }
    }
    if let Some(sec) = c.name("sec") {
        out.push_str(&format!("section {}, ", sec.as_str()));
    }
    let num = &c["num"];
    out.push_str(&match &c["kind"] {
        "pp" => format!("preambular paragraph {num}"),
        "t" => format!("text {num}"),
        _ => format!("paragraph {num}"),
    });
    for label in std::iter::once(&c["sub"]).chain(c["deeper"].split('-')).filter(|s| !s.is_empty()) {
        out.push_str(&format!(" ({label})"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels() {
        assert_eq!(label("op7a"), "paragraph 7 (a)");
        assert_eq!(label("op7a-ii"), "paragraph 7 (a) (ii)");
        assert_eq!(label("II-op5"), "section II, paragraph 5");
        assert_eq!(label("IV-op3e"), "section IV, paragraph 3 (e)");
        assert_eq!(label("pp3"), "preambular paragraph 3");
        assert_eq!(label("fn9"), "footnote 9");
        assert_eq!(label("sec-II"), "section II");
        assert_eq!(label("annex-p3"), "annex, paragraph 3");
        assert_eq!(label("annex-II-p3"), "annex II, paragraph 3");
        assert_eq!(label("resolution"), "the resolution as a whole");
        assert_eq!(label("hd2"), "hd2");
    }
}
