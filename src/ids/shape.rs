//! The parts of an anchor id, read by hand: a paragraph's (`annex-II-B-op7a-ii`:
//! annex `II`, section `B`, kind `op`, number `7`, labels `a-ii`) or another
//! element's (`annex-sec-I`, `hd3`, `block2`).
//!
//! Every element of every page asks for its eId, and the loader asks every
//! paragraph its kind, so the ids are read here with byte loops rather than with
//! the regular expressions that define them. Those stay in the tests, which check
//! that both split every id alike ([`PARA_PATTERN`], [`OTHER_PATTERN`]).

/// A paragraph id, split into its parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ParaId<'a> {
    /// The annex numeral, when the id opens with `annex-II-`.
    pub annex: Option<&'a str>,
    /// The numbering section (`II` in `II-op5`).
    pub sec: Option<&'a str>,
    /// `pp`, `op`, `p` or `t`.
    pub kind: &'a str,
    /// The number, with its repeat suffix (`1_2`).
    pub num: &'a str,
    /// The sub-paragraph labels (`a-ii`), or nothing.
    pub subs: &'a str,
}

/// The id of a section, heading or block, split into its parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct OtherId<'a> {
    pub annex: Option<&'a str>,
    /// `sec-`, `hd` or `block`.
    pub kind: &'a str,
    pub num: &'a str,
}

/// The pattern of paragraph ids, which [`para_id`] reads.
#[cfg(test)]
pub(crate) const PARA_PATTERN: &str = r"^(?:annex(?:-(?P<annex>[IVXLCA-Z0-9]+))?-)?(?:(?P<sec>[IVXLC]+|[A-Z])-)?(?P<kind>pp|op|p|t)(?P<num>\d+(?:_\d+)?)(?P<subs>[a-z]*(?:_\d+)?(?:-[a-zA-Z0-9_]+)*)$";

/// The pattern of other element ids, which [`other_id`] reads.
#[cfg(test)]
pub(crate) const OTHER_PATTERN: &str =
    r"^(?:annex(?:-(?P<annex>[IVXLCA-Z0-9]+))?-)?(?P<kind>sec-|hd|block)(?P<num>[A-Za-z0-9_]+)$";

/// `id` as a paragraph id, if it is one.
pub(crate) fn para_id(id: &str) -> Option<ParaId<'_>> {
    after_annex(id, |s, annex| {
        let para = |sec, rest| para_tail(rest).map(|(kind, num, subs)| ParaId { annex, sec, kind, num, subs });
        let roman = run(s, |b| b"IVXLC".contains(&b));
        if roman > 0 && s.as_bytes().get(roman) == Some(&b'-') {
            if let Some(found) = para(Some(&s[..roman]), &s[roman + 1..]) {
                return Some(found);
            }
        }
        if s.len() >= 2 && s.as_bytes()[0].is_ascii_uppercase() && s.as_bytes()[1] == b'-' {
            if let Some(found) = para(Some(&s[..1]), &s[2..]) {
                return Some(found);
            }
        }
        para(None, s)
    })
}

/// `id` as the id of a section, heading or block, if it is one.
pub(crate) fn other_id(id: &str) -> Option<OtherId<'_>> {
    after_annex(id, |s, annex| {
        let (kind, num) = ["sec-", "hd", "block"].iter().find_map(|k| s.strip_prefix(k).map(|rest| (*k, rest)))?;
        let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
        (!num.is_empty() && run(num, word) == num.len()).then_some(OtherId { annex, kind, num })
    })
}

/// `read` of what follows each way an id may open with an annex, in the order the
/// patterns prefer them: `annex-II-…`, then `annex-…`, then no annex.
fn after_annex<'a, T>(id: &'a str, read: impl Fn(&'a str, Option<&'a str>) -> Option<T>) -> Option<T> {
    if let Some(tail) = id.strip_prefix("annex-") {
        // A numeral cannot hold a dash, so only the longest one can end at one.
        let numeral = run(tail, |b| b.is_ascii_uppercase() || b.is_ascii_digit());
        if numeral > 0 && tail.as_bytes().get(numeral) == Some(&b'-') {
            if let Some(found) = read(&tail[numeral + 1..], Some(&tail[..numeral])) {
                return Some(found);
            }
        }
        if let Some(found) = read(tail, None) {
            return Some(found);
        }
    }
    read(id, None)
}

/// Kind, number and labels of what follows a paragraph id's annex and section.
fn para_tail(s: &str) -> Option<(&str, &str, &str)> {
    // `pp` before `p`: were `pp3` read as `p` the number would start at a `p`.
    let kind = ["pp", "op", "p", "t"].into_iter().find(|k| s.starts_with(k))?;
    let rest = &s[kind.len()..];
    let digits = run(rest, |b| b.is_ascii_digit());
    if digits == 0 {
        return None;
    }
    let mut num = digits;
    if rest.as_bytes().get(num) == Some(&b'_') {
        let repeat = run(&rest[num + 1..], |b| b.is_ascii_digit());
        if repeat > 0 {
            num += 1 + repeat;
        }
    }
    let subs = &rest[num..];
    are_labels(subs).then_some((kind, &rest[..num], subs))
}

/// Whether `s` is a paragraph id's sub-paragraph labels: letters, a repeat suffix
/// (`_2`), then labels each after a dash.
fn are_labels(s: &str) -> bool {
    let mut s = &s[run(s, |b| b.is_ascii_lowercase())..];
    if let Some(after) = s.strip_prefix('_') {
        let repeat = run(after, |b| b.is_ascii_digit());
        if repeat > 0 {
            s = &after[repeat..];
        }
    }
    while !s.is_empty() {
        let Some(after) = s.strip_prefix('-') else { return false };
        let label = run(after, |b| b.is_ascii_alphanumeric() || b == b'_');
        if label == 0 {
            return false;
        }
        s = &after[label..];
    }
    true
}

/// Length of the run of bytes at the start of `s` that `class` accepts.
fn run(s: &str, class: impl Fn(u8) -> bool) -> usize {
    s.bytes().take_while(|&b| class(b)).count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use regex::Regex;

    fn by_pattern_para(id: &str) -> Option<ParaId<'_>> {
        let c = Regex::new(PARA_PATTERN).unwrap().captures(id)?;
        let part = |n| c.name(n).map(|m| m.as_str());
        Some(ParaId {
            annex: part("annex"),
            sec: part("sec"),
            kind: part("kind")?,
            num: part("num")?,
            subs: part("subs").unwrap_or_default(),
        })
    }

    fn by_pattern_other(id: &str) -> Option<OtherId<'_>> {
        let c = Regex::new(OTHER_PATTERN).unwrap().captures(id)?;
        let part = |n| c.name(n).map(|m| m.as_str());
        Some(OtherId { annex: part("annex"), kind: part("kind")?, num: part("num")? })
    }

    #[test]
    fn ids_of_each_shape() {
        let ids = "pp3 op7a-ii II-op5 B-pp2 annex-p3 annex-II-p3 annex-A-p3 annex-II-B-op7a-ii op1_2a op1a_2-i t4 \
                   annex-IIp3 op3_x sec-II annex-sec-I hd2 annex-II-block3 annex- I- pp annex-I-II-t1_2b_3-x_y-Z";
        for id in ids.split_whitespace() {
            assert_eq!(para_id(id), by_pattern_para(id), "{id}");
            assert_eq!(other_id(id), by_pattern_other(id), "{id}");
        }
    }

    proptest! {
        #[test]
        fn paragraph_ids_split_as_the_pattern_does(
            id in "(annex(-[IVXA1]{1,3})?-)?([IVXLCB]{1,2}-)?(pp|op|p|t|x)[0-9]{0,2}(_[0-9]?)?[a-z_0-9]{0,3}(-[a-zA-Z0-9_-]{0,3}){0,2}"
        ) {
            prop_assert_eq!(para_id(&id), by_pattern_para(&id));
        }

        #[test]
        fn other_ids_split_as_the_pattern_does(id in "(annex(-[IVXA1]{1,3})?-)?(sec-|hd|block|s)[A-Za-z0-9_-]{0,4}") {
            prop_assert_eq!(other_id(&id), by_pattern_other(&id));
        }

        #[test]
        fn any_short_text_splits_as_the_pattern_does(id in "[annexIVXABpot0-9_-]{0,12}") {
            prop_assert_eq!(para_id(&id), by_pattern_para(&id));
            prop_assert_eq!(other_id(&id), by_pattern_other(&id));
        }
    }
}
