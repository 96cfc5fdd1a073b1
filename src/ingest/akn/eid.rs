//! The inverse of [`crate::ids::akn_eid`]: which Plenary anchor id an Akoma Ntoso
//! eId stands for (`para_7__list_1__point_a` → `op7a`, `annex_II__para_3` →
//! `annex-II-p3`, `preamble__para_3` → `pp3`, `fnt_4` → `fn4`). Built from the
//! same [`Scope`] functions that name elements, so the two cannot drift apart.

use crate::ids::{self, Scope};

/// The anchor id `eid` was made from by [`ids::akn_eid`], if it is one of its shapes.
pub fn id_from_eid(eid: &str) -> Option<String> {
    if let Some(n) = eid.strip_prefix("fnt_") {
        return digits(n).map(|_| format!("fn{n}"));
    }
    match eid {
        "preamble__formula_1" => return Some(ids::FORMULA.into()),
        "conclusions" => return Some(ids::CLOSING.into()),
        _ => {}
    }
    let mut parts: &[&str] = &eid.split("__").collect::<Vec<_>>();
    let mut scope = Scope::default();
    match parts.first()?.strip_prefix("annex") {
        Some("") => scope.annex = Some(String::new()),
        Some(rest) => scope.annex = Some(rest.strip_prefix('_').filter(|a| label(a))?.to_string()),
        None => {}
    }
    if let Some(annex) = &scope.annex {
        if parts.len() == 1 {
            return Some(ids::annex_id(annex));
        }
        parts = &parts[1..];
    }
    if let Some(sec) = parts.first()?.strip_prefix("sec_").filter(|s| label(s)) {
        if parts.len() == 1 {
            return Some(scope.section(sec));
        }
        scope.section = Some(sec.to_string());
        parts = &parts[1..];
    }
    let (mut id, subs) = match parts {
        ["preamble", head, subs @ ..] => (scope.preambular(number(head.strip_prefix("para_")?)?), subs),
        [head, subs @ ..] if head.starts_with("para_") => (scope.numbered(digits(&head[5..])?), subs),
        [head, subs @ ..] if head.starts_with("p_") => (scope.text(number(&head[2..])?), subs),
        [head] if scope.section.is_none() && head.starts_with("hcontainer_") => {
            return number(&head[11..]).map(|n| scope.heading(n));
        }
        [head] if scope.section.is_none() && head.starts_with("block_") => {
            return number(&head[6..]).map(|n| scope.block(n));
        }
        _ => return None,
    };
    for pair in subs.chunks(2) {
        let [list, point] = pair else { return None };
        if *list != "list_1" {
            return None;
        }
        id = ids::sub(&id, point.strip_prefix("point_").filter(|l| label(l))?);
    }
    Some(id)
}

fn digits(s: &str) -> Option<&str> {
    (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())).then_some(s)
}

fn number(s: &str) -> Option<usize> {
    digits(s)?.parse().ok()
}

fn label(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inverts_akn_eid() {
        for id in [
            "pp3",
            "op7",
            "op7a",
            "op7a-ii",
            "II-op5",
            "II-op5b",
            "sec-II",
            "annex-p3",
            "annex-II-p3",
            "annex-II-p3b-iv",
            "annex",
            "annex-II",
            "annex-sec-I",
            "annex-pp2",
            "t2",
            "annex-t4",
            "hd2",
            "annex-hd1",
            "block3",
            "fn12",
            "formula",
            "closing",
        ] {
            let eid = ids::akn_eid(id).unwrap_or_else(|| panic!("{id} has an eId"));
            assert_eq!(id_from_eid(&eid).as_deref(), Some(id), "{id} → {eid} → back");
        }
        for eid in ["", "para_", "para_x", "sec_II__hcontainer_1", "para_7__list_2__point_a", "para_7__list_1", "x"] {
            assert_eq!(id_from_eid(eid), None, "{eid}");
        }
    }
}
