//! Anchor ids: how each structural element is named (`pp3`, `op7a-ii`, `II-op5`,
//! `annex-p3`, `fn1`) and the Akoma Ntoso (AKN4UN-style) eId each id also answers to
//! (`para_7__list_1__point_a`, `sec_II__para_5`).
//!
//! Ids depend only on structure (kind, numbers, labels, enclosing section or annex),
//! never on text. The importer assigns them once; they are then stored in the
//! Markdown and read back, so editing a paragraph's words never moves its anchor.

mod shape;

use shape::{other_id, para_id};

pub const FORMULA: &str = "formula";
pub const CLOSING: &str = "closing";

/// The formula or closing of part `A` of a resolution adopted in parts: `A-formula`.
pub fn in_part(part: &str, id: &str) -> String {
    format!("{part}-{id}")
}

/// Where a paragraph sits: which annex (if any) and which numbering section (if the
/// section restarts paragraph numbering).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scope {
    /// `Some("")` for the only annex, `Some("II")` for annex II.
    pub annex: Option<String>,
    /// Section numeral, only when numbering restarts per section.
    pub section: Option<String>,
}

impl Scope {
    fn prefix(&self) -> String {
        let mut out = String::new();
        if let Some(annex) = &self.annex {
            out.push_str(&annex_id(annex));
            out.push('-');
        }
        if let Some(sec) = &self.section {
            out.push_str(sec);
            out.push('-');
        }
        out
    }

    /// Id of a preambular paragraph.
    pub fn preambular(&self, n: usize) -> String {
        format!("{}pp{n}", self.prefix())
    }

    /// Id of an operative paragraph (`op7`, `II-op5`), or of an annex paragraph
    /// (`annex-p3`, `annex-II-I-p3`) when the scope is inside an annex.
    pub fn numbered(&self, num: &str) -> String {
        let kind = if self.annex.is_some() { "p" } else { "op" };
        format!("{}{kind}{num}", self.prefix())
    }

    /// Id of an unnumbered text paragraph, counted within the scope.
    pub fn text(&self, n: usize) -> String {
        format!("{}t{n}", self.prefix())
    }

    /// Id of an unnumbered heading, counted within the body or annex.
    pub fn heading(&self, n: usize) -> String {
        format!("{}hd{n}", self.annex_prefix())
    }

    /// Id of an unclassified block, counted within the body or annex.
    pub fn block(&self, n: usize) -> String {
        format!("{}block{n}", self.annex_prefix())
    }

    /// Id of a roman-numbered section.
    pub fn section(&self, num: &str) -> String {
        format!("{}sec-{num}", self.annex_prefix())
    }

    fn annex_prefix(&self) -> String {
        match &self.annex {
            Some(a) => format!("{}-", annex_id(a)),
            None => String::new(),
        }
    }
}

/// `annex` for the only annex, `annex-II` when annexes are numbered.
pub fn annex_id(num: &str) -> String {
    if num.is_empty() {
        "annex".to_string()
    } else {
        format!("annex-{num}")
    }
}

/// Id of a sub-paragraph labelled `label` under `parent`: `op7` + `a` → `op7a`,
/// `op7a` + `ii` → `op7a-ii`; after the repeat suffix of a sub-paragraph whose
/// label occurs twice (`op1a_2`), a dash keeps the levels apart: `op1a_2-i`.
pub fn sub(parent: &str, label: &str) -> String {
    let repeated_sub = para_id(parent).is_some_and(|p| p.subs.contains('_'));
    if parent.ends_with(|c: char| c.is_ascii_digit()) && !repeated_sub {
        format!("{parent}{label}")
    } else {
        format!("{parent}-{label}")
    }
}

/// Whether `child` is the id of a direct sub-paragraph of `parent` (the inverse of [`sub`]).
pub fn is_sub_of(child: &str, parent: &str) -> bool {
    let Some(rest) = child.strip_prefix(parent) else { return false };
    if parent.ends_with(|c: char| c.is_ascii_digit()) {
        let rest = rest.strip_prefix('-').unwrap_or(rest);
        !rest.is_empty() && rest.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
    } else {
        rest.strip_prefix('-')
            .is_some_and(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
    }
}

/// `id`, or `id_2`, `id_3`… when a repeated number or label already took it.
pub fn unique(used: &mut std::collections::HashSet<String>, id: String) -> String {
    let mut candidate = id.clone();
    let mut k = 2;
    while !used.insert(candidate.clone()) {
        candidate = format!("{id}_{k}");
        k += 1;
    }
    candidate
}

pub fn footnote(n: u32) -> String {
    format!("fn{n}")
}

/// Id of the `k`-th reference (1-based) to footnote `n`: `fnref3`, then `fnref3-2`.
pub fn footnote_ref(n: u32, k: usize) -> String {
    if k <= 1 {
        format!("fnref{n}")
    } else {
        format!("fnref{n}-{k}")
    }
}

/// The Akoma Ntoso eId an anchor id also answers to, if it has one.
///
/// | id | eId |
/// |---|---|
/// | `pp3` | `preamble__para_3` |
/// | `op7a-ii` | `para_7__list_1__point_a__list_1__point_ii` |
/// | `II-op5` | `sec_II__para_5` |
/// | `sec-II` | `sec_II` |
/// | `annex-p3` / `annex-II-p3` | `annex__para_3` / `annex_II__para_3` |
/// | `fn4` | `fnt_4` |
pub fn akn_eid(id: &str) -> Option<String> {
    if let Some(n) = id.strip_prefix("fn").filter(|n| n.bytes().all(|b| b.is_ascii_digit())) {
        return (!n.is_empty()).then(|| format!("fnt_{n}"));
    }
    match id {
        FORMULA => return Some("preamble__formula_1".into()),
        CLOSING => return Some("conclusions".into()),
        "annex" => return Some("annex".into()),
        _ => {}
    }
    if let Some((part, rest)) = id.split_once('-').filter(|(p, r)| p.len() == 1 && (*r == FORMULA || *r == CLOSING)) {
        return akn_eid(rest).map(|e| format!("sec_{part}__{e}"));
    }
    if let Some(num) = id.strip_prefix("annex-").filter(|n| is_roman_or_number(n)) {
        return Some(format!("annex_{num}"));
    }
    // An id of the only annex names no numeral but is in an annex all the same.
    let in_annex = id.starts_with("annex");
    let annex_part = |annex: Option<&str>| -> String {
        match annex {
            Some(a) => format!("annex_{a}__"),
            None if in_annex => "annex__".into(),
            None => String::new(),
        }
    };
    if let Some(p) = para_id(id) {
        let mut out = annex_part(p.annex);
        if let Some(sec) = p.sec {
            out.push_str(&format!("sec_{sec}__"));
        }
        let num = p.num;
        match p.kind {
            "pp" => out.push_str(&format!("preamble__para_{num}")),
            "t" => out.push_str(&format!("p_{num}")),
            _ => out.push_str(&format!("para_{num}")),
        }
        for label in p.subs.split('-').filter(|s| !s.is_empty()) {
            out.push_str(&format!("__list_1__point_{label}"));
        }
        return Some(out);
    }
    if let Some(o) = other_id(id) {
        let mut out = annex_part(o.annex);
        let num = o.num;
        match o.kind {
            "sec-" => out.push_str(&format!("sec_{num}")),
            "hd" => out.push_str(&format!("hcontainer_{num}")),
            _ => out.push_str(&format!("block_{num}")),
        }
        return Some(out);
    }
    None
}

/// The paragraph kind an id names, if it names a paragraph: `pp3` is preambular,
/// `op7` operative, `annex-p3` an annex paragraph, `t2` unnumbered text, and any id
/// with a sub-paragraph label (`op7a`, `annex-p3b-ii`) a sub-paragraph.
pub fn paragraph_kind(id: &str) -> Option<crate::model::ParaKind> {
    use crate::model::ParaKind;
    let p = para_id(id)?;
    if !p.subs.is_empty() {
        return Some(ParaKind::Sub);
    }
    Some(match p.kind {
        "pp" => ParaKind::Preambular,
        "op" => ParaKind::Operative,
        "p" => ParaKind::Annex,
        _ => ParaKind::Text,
    })
}

fn is_roman_or_number(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| "IVXLC".contains(c) || c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_follow_structure() {
        let top = Scope::default();
        assert_eq!(top.preambular(3), "pp3");
        assert_eq!(top.numbered("7"), "op7");
        assert_eq!(sub(&top.numbered("7"), "a"), "op7a");
        assert_eq!(sub(&sub(&top.numbered("7"), "a"), "ii"), "op7a-ii");
        let sec = Scope { annex: None, section: Some("II".into()) };
        assert_eq!(sec.numbered("5"), "II-op5");
        assert_eq!(top.section("II"), "sec-II");
        let annex = Scope { annex: Some(String::new()), section: None };
        assert_eq!(annex.numbered("3"), "annex-p3");
        let annex2 = Scope { annex: Some("II".into()), section: None };
        assert_eq!(annex2.numbered("3"), "annex-II-p3");
        assert!(is_sub_of("op7a", "op7"));
        assert!(is_sub_of("op1b-ii", "op1b"));
        assert!(!is_sub_of("op1b-ii", "op1b-i"));
        assert!(!is_sub_of("op7a-ii", "op7"));
        // A sub-paragraph whose label came twice, and its own sub-paragraph.
        assert_eq!(sub("op1a_2", "i"), "op1a_2-i");
        assert!(is_sub_of("op1a_2-i", "op1a_2"));
        assert_eq!(sub("op1_2", "a"), "op1_2a");
        assert!(paragraph_kind("op1a_2-i").is_some());
        assert_eq!(footnote_ref(3, 1), "fnref3");
        assert_eq!(footnote_ref(3, 2), "fnref3-2");
    }

    #[test]
    fn eids_follow_akn4un() {
        assert_eq!(akn_eid("op7").unwrap(), "para_7");
        assert_eq!(akn_eid("op8a").unwrap(), "para_8__list_1__point_a");
        assert_eq!(akn_eid("op7a-ii").unwrap(), "para_7__list_1__point_a__list_1__point_ii");
        assert_eq!(akn_eid("II-op5").unwrap(), "sec_II__para_5");
        assert_eq!(akn_eid("sec-II").unwrap(), "sec_II");
        assert_eq!(akn_eid("pp3").unwrap(), "preamble__para_3");
        assert_eq!(akn_eid("annex-p3").unwrap(), "annex__para_3");
        assert_eq!(akn_eid("annex-II-p3").unwrap(), "annex_II__para_3");
        assert_eq!(akn_eid("annex-II").unwrap(), "annex_II");
        assert_eq!(akn_eid("annex-sec-I").unwrap(), "annex__sec_I");
        assert_eq!(akn_eid("fn12").unwrap(), "fnt_12");
        assert_eq!(akn_eid("hd2").unwrap(), "hcontainer_2");
        assert_eq!(akn_eid("nonsense!"), None);
        assert_eq!(akn_eid("B-formula").unwrap(), "sec_B__preamble__formula_1");
        assert_eq!(akn_eid("B-closing").unwrap(), "sec_B__conclusions");
        assert_eq!(akn_eid("B-pp2").unwrap(), "sec_B__preamble__para_2");
        // A repeated number is told apart by a suffix.
        assert_eq!(akn_eid("op1_2a").unwrap(), "para_1_2__list_1__point_a");
        assert!(akn_eid("op1a_2-i").is_some());
    }
}
