//! One generated resolution: a template's text under a new masthead, with the
//! resolution numbers it cites pointing at other generated resolutions.
//!
//! **In**: a template [`Resolution`] and the index `i` of the resolution to make.
//! **Out**: the derived [`Resolution`]. Pure: the result depends on `i` and the
//! template only.

use crate::cite::{self, Target};
use crate::model::{Inline, Node, Paragraph, Resolution, Text};
use crate::render::pages::{format_date, ordinal_words};

/// Qualifiers that keep the titles of copies of one template in one session apart.
const QUALIFIERS: &[&str] = &[
    "",
    "in Africa",
    "in small island developing States",
    "and sustainable development",
    "in the least developed countries",
    "in post-conflict situations",
    "and the rights of women and girls",
    "in landlocked developing countries",
    "and the 2030 Agenda",
    "in the Middle East",
    "and climate change",
    "in Latin America and the Caribbean",
    "and youth",
    "in Asia and the Pacific",
    "and persons with disabilities",
];

/// The layout of a generated collection: how many resolutions, how many per session.
#[derive(Debug, Clone, Copy)]
pub struct Plan {
    pub count: usize,
    pub per_session: usize,
}

impl Plan {
    pub fn new(count: usize) -> Plan {
        Plan { count, per_session: super::per_session(count) }
    }

    /// Session and number of resolution `i`: session 80 holds the first
    /// `per_session`, then 79, and so on.
    pub fn designation(&self, i: usize) -> (usize, usize) {
        (80 - i / self.per_session, i % self.per_session + 1)
    }

    /// `A/RES/<session>/<number>` of resolution `i`.
    pub fn symbol(&self, i: usize) -> String {
        let (session, number) = self.designation(i);
        format!("A/RES/{session}/{number}")
    }

    /// Resolution `i` made from `template`.
    pub fn derive(&self, template: &Resolution, i: usize) -> Resolution {
        let (session, number) = self.designation(i);
        let year = 1945 + session;
        // Sessions adopt from September to December, in number order.
        let month = 9 + (number - 1) * 4 / self.per_session;
        let day = 1 + (number - 1) % 28;
        let adopted = format!("{year:04}-{month:02}-{day:02}");
        let distributed = format!("{year:04}-{month:02}-{:02}", (day + 3).min(28));
        let mut res = template.clone();
        let m = &mut res.meta;
        m.symbol = self.symbol(i);
        m.number = format!("{session}/{number}");
        m.session = ordinal_words(session as u32).map(|w| format!("{w} session"));
        m.distributed = Some(distributed);
        m.adopted = Some(adopted.clone());
        m.job_number = Some(format!("{:02}-{:05}", year % 100, 10_000 + number * 7));
        if m.report.is_some() {
            m.report = Some(format!("A/{session}/{}", 400 + number));
        }
        let copy = (i % self.per_session) / 20;
        m.title = match (QUALIFIERS[copy % QUALIFIERS.len()], copy / QUALIFIERS.len()) {
            ("", 0) => m.title.clone(),
            (q, 0) => format!("{} {q}", m.title),
            (q, n) => format!("{} {q} ({})", m.title, roman(n + 1)).replace("  ", " "),
        };
        if let Some(closing) = &mut res.closing {
            closing.date = format_date(&adopted);
        }
        let mut k = 0u64;
        let mut rewrite = |text: &mut Text| self.rewrite_citations(text, i, &mut k);
        nodes(&mut res.body, &mut rewrite);
        for annex in &mut res.annexes {
            if let Some(t) = &mut annex.title {
                rewrite(t);
            }
            nodes(&mut annex.body, &mut rewrite);
        }
        for note in &mut res.footnotes {
            rewrite(&mut note.text);
        }
        res
    }

    /// Rewrites the General Assembly resolutions cited in `text` (`51/53`,
    /// `A/RES/51/53`) to generated ones; `k` numbers the citations of the document.
    fn rewrite_citations(&self, text: &mut Text, i: usize, k: &mut u64) {
        for inline in &mut text.0 {
            let Inline::Plain(s) = inline else { continue };
            let found = cite::scan(s, &mut cite::Context::default());
            let mut out = String::with_capacity(s.len());
            let mut at = 0;
            for c in found {
                let Target::Document { symbol, .. } = &c.target else { continue };
                let written = &s[c.span.clone()];
                let short = is_number_pair(written);
                if !symbol.starts_with("A/RES/") || !(short || is_number_pair(written.trim_start_matches("A/RES/"))) {
                    continue;
                }
                let target = self.cited(i, *k);
                *k += 1;
                out.push_str(&s[at..c.span.start]);
                let (ts, tn) = self.designation(target);
                if short {
                    out.push_str(&format!("{ts}/{tn}"));
                } else {
                    out.push_str(&format!("A/RES/{ts}/{tn}"));
                }
                at = c.span.end;
            }
            if at > 0 {
                out.push_str(&s[at..]);
                *s = out;
            }
        }
    }

    /// The resolution the `k`-th citation of resolution `i` points at: an earlier
    /// resolution (older sessions come later in the plan, so "earlier" is a higher
    /// index), spread by a hash so that some resolutions are cited often.
    pub fn cited(&self, i: usize, k: u64) -> usize {
        let h = mix(((i as u64) << 16) ^ k);
        let older = self.count - 1 - i;
        if older == 0 {
            return (h % self.count as u64) as usize;
        }
        // Half the citations go to the 1% most cited, as real collections go.
        let pool = if h & 1 == 0 { older.div_ceil(100) } else { older };
        i + 1 + ((h >> 1) % pool as u64) as usize
    }
}

/// `2` → `II` (1–39, enough for copies of a title).
pub fn roman(n: usize) -> String {
    const TENS: [&str; 4] = ["", "X", "XX", "XXX"];
    const UNITS: [&str; 10] = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"];
    format!("{}{}", TENS[(n / 10).min(3)], UNITS[n % 10])
}

/// `51/53`: two runs of digits around one slash.
fn is_number_pair(s: &str) -> bool {
    match s.split_once('/') {
        Some((a, b)) => {
            !a.is_empty()
                && !b.is_empty()
                && a.bytes().all(|c| c.is_ascii_digit())
                && b.bytes().all(|c| c.is_ascii_digit())
        }
        None => false,
    }
}

/// A 64-bit mixer (splitmix64's finaliser).
fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

fn nodes(list: &mut [Node], f: &mut dyn FnMut(&mut Text)) {
    for node in list {
        match node {
            Node::Formula(b) | Node::Heading(b) | Node::Block(b) => f(&mut b.text),
            Node::Paragraph(p) => paragraph(p, f),
            Node::Section(s) => {
                if let Some(t) = &mut s.title {
                    f(t);
                }
                nodes(&mut s.body, f);
            }
        }
    }
}

fn paragraph(p: &mut Paragraph, f: &mut dyn FnMut(&mut Text)) {
    f(&mut p.text);
    for child in &mut p.children {
        paragraph(child, f);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symbols_are_distinct_and_citations_point_into_the_collection() {
        let plan = Plan::new(1000);
        let symbols: std::collections::BTreeSet<String> = (0..1000).map(|i| plan.symbol(i)).collect();
        assert_eq!(symbols.len(), 1000);
        for i in 0..1000 {
            for k in 0..5 {
                let j = plan.cited(i, k);
                assert!(j < 1000);
                assert!(i == 999 || j > i, "{i} cites {j}");
            }
        }
        assert_eq!(Plan::new(30_000).designation(29_999).0, 1);
    }

    #[test]
    fn rewrites_resolution_numbers_only() {
        let plan = Plan::new(1000);
        let mut text = Text::plain("Recalling its resolutions 51/53 of 10 December 1996 and 56/17, and A/50/426,");
        let mut k = 0;
        plan.rewrite_citations(&mut text, 0, &mut k);
        let out = text.to_plain();
        assert_eq!(k, 2, "{out}");
        assert!(!out.contains("51/53") && !out.contains("56/17"), "{out}");
        assert!(out.contains("A/50/426") && out.contains("of 10 December 1996"), "{out}");
    }
}
