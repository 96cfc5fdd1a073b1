//! The United Nations Treaty Series ("United Nations, Treaty Series, vol. 976,
//! No. 14152") and "Ibid." references, which repeat the work cited by the
//! previous footnote ("Ibid., vol. 1019, No. 14956", "Ibid., annex II",
//! "Ibid.").

use super::cursor::Cursor;
use super::{pinpoint, Citation, Target};
use regex::Regex;
use std::sync::LazyLock;

static TREATY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"United\s+Nations,\s+Treaty\s+Series,\s+vol\.\s*(\d{1,5}),\s+No\.\s*(\d{1,6})\b").expect("valid regex")
});

static IBID: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b[Ii]bid\.").expect("valid regex"));

static IBID_LEAD_IN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(?:\d{1,3}\s+)?(?:[Ss]ee(?:\s+also)?\s+)?$").expect("valid regex"));

static IBID_TREATY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^,\s+vol\.\s*(\d{1,5}),\s+No\.\s*(\d{1,6})\b").expect("valid regex"));

/// Every Treaty Series reference in `text`.
pub(crate) fn scan_treaties(text: &str) -> Vec<Citation> {
    TREATY
        .captures_iter(text)
        .filter_map(|caps| {
            let whole = caps.get(0)?;
            Some(Citation {
                span: whole.range(),
                target: Target::Treaty { volume: caps[1].parse().ok()?, number: caps[2].parse().ok()? },
            })
        })
        .collect()
}

/// Every "Ibid." in `text` that can be resolved against `previous`, the work
/// cited by the previous footnote.
pub(crate) fn scan_ibid(text: &str, previous: Option<&Target>) -> Vec<Citation> {
    let Some(previous) = previous else {
        return Vec::new();
    };
    IBID.find_iter(text).filter_map(|m| resolve_ibid(text, m.start(), m.end(), previous)).collect()
}

fn resolve_ibid(text: &str, start: usize, end: usize, previous: &Target) -> Option<Citation> {
    // Only an "Ibid." that opens the footnote repeats the previous footnote;
    // one further in repeats something cited earlier in the same footnote.
    if !IBID_LEAD_IN.is_match(text.get(..start)?) {
        return None;
    }
    let rest = text.get(end..)?;
    match previous {
        Target::Treaty { .. } => {
            let caps = IBID_TREATY.captures(rest)?;
            Some(Citation {
                span: start..end + caps.get(0)?.end(),
                target: Target::Treaty { volume: caps[1].parse().ok()?, number: caps[2].parse().ok()? },
            })
        }
        Target::Document { symbol, .. } => {
            if rest.trim().is_empty() {
                return Some(Citation { span: start..end, target: previous.clone() });
            }
            let mut cursor = Cursor::new(text, end);
            let new_pinpoint = pinpoint::after(&mut cursor)?;
            let tail = cursor.rest().trim();
            if !(tail.is_empty() || tail == ".") {
                return None;
            }
            Some(Citation {
                span: start..cursor.pos(),
                target: Target::Document { symbol: symbol.clone(), pinpoint: Some(new_pinpoint) },
            })
        }
        Target::Internal { .. } => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn previous_resolution() -> Target {
        Target::Document { symbol: "A/RES/55/25".into(), pinpoint: None }
    }

    #[test]
    fn ibid_only_opens_a_footnote() {
        let previous = previous_resolution();
        assert_eq!(scan_ibid("Ibid., annex II.", Some(&previous)).len(), 1);
        assert!(scan_ibid("Resolution 54/132, annex; ibid., annex II.", Some(&previous)).is_empty());
        assert!(scan_ibid("Ibid., 2002, Supplement No. 8", Some(&previous)).is_empty());
        assert!(scan_ibid("Ibid., vol. 1019, No. 14956.", Some(&previous)).is_empty());
    }

    #[test]
    fn only_the_united_nations_treaty_series() {
        assert_eq!(scan_treaties("United Nations,\nTreaty Series, vol. 976, No. 14152.").len(), 1);
        assert!(scan_treaties("League of Nations, Treaty Series, vol. 60, No. 1414.").is_empty());
    }
}
