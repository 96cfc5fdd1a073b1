//! The pages of the site and the data each template gets: home (`index.html`), the
//! index of all resolutions (`resolutions.html`), one page per session
//! (`session.html`), one per resolution (`resolution.html`) and `404.html`.
//!
//! **In**: the loaded [`Site`]. **Out**: Tera contexts (plain serializable data;
//! document HTML comes from `document` already escaped). Everything is sorted, so
//! the contexts — and the pages — are the same on every build.
//!
//! Every template gets `site` (title, description, language, base_url), `root`
//! (the `../` prefix from the page to the site root) and `page` (path, title,
//! canonical URL if `base_url` is set). Links are written `{{ root }}{{ path }}`.

use super::document::{Document, TocEntry};
use super::urls;
use crate::model::Meta;
use crate::site::{content::compare_symbols, Site, Source};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Serialize)]
pub struct SiteCtx {
    pub title: String,
    pub description: String,
    pub language: String,
    pub base_url: String,
    /// Which files beside the pages are written (`site.outputs.json` …), so that
    /// templates link only to those.
    pub outputs: crate::site::Outputs,
}

impl SiteCtx {
    /// What every template gets of the configuration.
    pub fn of(config: &crate::site::Config) -> SiteCtx {
        SiteCtx {
            title: config.title.clone(),
            description: config.description.clone(),
            language: config.language.clone(),
            base_url: config.base_url.clone(),
            outputs: config.outputs,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct PageCtx {
    /// Path from the site root, e.g. `A/RES/61/183/index.html`.
    pub path: String,
    pub title: String,
    /// Absolute URL of the page when `base_url` is set.
    pub canonical: Option<String>,
}

/// One resolution as listed on the home, index and session pages.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub symbol: String,
    pub number: String,
    pub title: String,
    /// Page path from the site root.
    pub path: String,
    /// ISO date of adoption, for sorting.
    pub adopted: Option<String>,
    /// `20 December 2006`.
    pub adopted_display: Option<String>,
    pub session: Option<SessionRef>,
    pub committee: Option<String>,
    pub subjects: Vec<String>,
    /// Zero-padded natural sort key of the symbol (for the sortable index).
    pub sort_key: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct SessionRef {
    pub key: String,
    pub label: String,
    pub path: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Group {
    pub name: String,
    pub resolutions: Vec<Summary>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SessionCtx {
    pub key: String,
    pub label: String,
    pub path: String,
    pub resolutions: Vec<Summary>,
    /// The session's resolutions by committee, in committee order.
    pub committees: Vec<Group>,
}

/// What the listing pages share: summaries, sessions, subjects, committees.
#[derive(Debug, Clone, Serialize)]
pub struct Collection {
    pub resolutions: Vec<Summary>,
    /// Newest first.
    pub sessions: Vec<SessionCtx>,
    /// Editors' subject tags, alphabetical.
    pub subjects: Vec<Group>,
    /// Main Committees in their order (First … Sixth), then plenary.
    pub committees: Vec<Group>,
    /// Symbol → index in `resolutions`.
    #[serde(skip)]
    pub by_symbol: std::collections::HashMap<String, usize>,
}

pub const PLENARY: &str = "Plenary (without reference to a Main Committee)";
/// Group of resolutions whose masthead records neither committee nor report.
pub const UNRECORDED: &str = "Committee not recorded";

impl Collection {
    pub fn new(site: &Site) -> anyhow::Result<Collection> {
        let mut resolutions = Vec::with_capacity(site.resolutions.len());
        for s in &site.resolutions {
            resolutions.push(summary(s)?);
        }
        let mut sessions: BTreeMap<String, Vec<Summary>> = BTreeMap::new();
        let mut subjects: BTreeMap<String, Vec<Summary>> = BTreeMap::new();
        for r in &resolutions {
            if let Some(s) = &r.session {
                sessions.entry(s.key.clone()).or_default().push(r.clone());
            }
            for subject in &r.subjects {
                subjects.entry(subject.clone()).or_default().push(r.clone());
            }
        }
        let mut sessions: Vec<SessionCtx> = sessions
            .into_iter()
            .map(|(key, list)| {
                let first = list[0].session.clone().expect("grouped by session");
                SessionCtx {
                    key,
                    label: first.label,
                    path: first.path,
                    committees: by_committee(&list),
                    resolutions: list,
                }
            })
            .collect();
        sessions.sort_by(|a, b| compare_symbols(&b.key, &a.key));
        let subjects = subjects.into_iter().map(|(name, resolutions)| Group { name, resolutions }).collect();
        let committees = by_committee(&resolutions);
        let by_symbol = resolutions.iter().enumerate().map(|(i, r)| (r.symbol.clone(), i)).collect();
        Ok(Collection { resolutions, sessions, subjects, committees, by_symbol })
    }
}

fn by_committee(list: &[Summary]) -> Vec<Group> {
    let mut groups: BTreeMap<(usize, String), Vec<Summary>> = BTreeMap::new();
    for r in list {
        let name = r.committee.clone().unwrap_or_else(|| UNRECORDED.to_string());
        groups.entry((committee_rank(&name), name)).or_default().push(r.clone());
    }
    groups.into_iter().map(|((_, name), resolutions)| Group { name, resolutions }).collect()
}

/// First … Sixth Committee in order, other committees after, plenary last.
fn committee_rank(name: &str) -> usize {
    const ORDINALS: [&str; 6] = ["First", "Second", "Third", "Fourth", "Fifth", "Sixth"];
    if name == PLENARY {
        return 100;
    }
    if name == UNRECORDED {
        return 101;
    }
    ORDINALS.iter().position(|o| name.starts_with(o)).unwrap_or(50)
}

fn summary(s: &Source) -> anyhow::Result<Summary> {
    let m = &s.resolution.meta;
    Ok(Summary {
        symbol: m.symbol.clone(),
        number: m.number.clone(),
        title: m.title.clone(),
        path: urls::resolution_page(&m.symbol)?,
        adopted: m.adopted.clone(),
        adopted_display: m.adopted.as_deref().map(format_date),
        session: session_ref(m),
        committee: match (&m.committee, &m.report) {
            (Some(c), _) => Some(c.clone()),
            (None, Some(_)) => Some(PLENARY.to_string()),
            (None, None) => None,
        },
        subjects: m.subjects.clone(),
        sort_key: crate::site::symbol_sort_key(&m.symbol)
            .iter()
            .map(|(kind, n, rest)| if *kind == 0 { format!("{n:012}{rest}") } else { rest.clone() })
            .collect::<Vec<_>>()
            .join("/"),
    })
}

pub fn session_ref(m: &Meta) -> Option<SessionRef> {
    let key = urls::session_key(&m.symbol)?;
    let label = m.session.clone().unwrap_or_else(|| match key.parse::<u32>().ok().and_then(ordinal_words) {
        Some(words) => format!("{words} session"),
        None => format!("Session {key}"),
    });
    Some(SessionRef { path: urls::session_page(&key), key, label })
}

/// `57` → `Fifty-seventh` (1–99), as session names are written.
pub fn ordinal_words(n: u32) -> Option<String> {
    const UNITS: [&str; 20] = [
        "",
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
        "thirteenth",
        "fourteenth",
        "fifteenth",
        "sixteenth",
        "seventeenth",
        "eighteenth",
        "nineteenth",
    ];
    const TENS: [&str; 10] = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
    const TENTHS: [&str; 10] =
        ["", "", "twentieth", "thirtieth", "fortieth", "fiftieth", "sixtieth", "seventieth", "eightieth", "ninetieth"];
    let words = match n {
        1..=19 => UNITS[n as usize].to_string(),
        20..=99 if n % 10 == 0 => TENTHS[(n / 10) as usize].to_string(),
        20..=99 => format!("{}-{}", TENS[(n / 10) as usize], UNITS[(n % 10) as usize]),
        _ => return None,
    };
    let mut c = words.chars();
    c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str())
}

/// `2006-12-20` → `20 December 2006`; anything else is returned as it is.
pub fn format_date(iso: &str) -> String {
    crate::dates::display(iso)
}

/// The resolution page's data besides `site`, `root` and `page`.
#[derive(Debug, Clone, Serialize)]
pub struct ResolutionCtx {
    pub symbol: String,
    pub body: String,
    pub number: String,
    pub title: String,
    pub session: Option<String>,
    pub session_page: Option<SessionRef>,
    pub distribution: Option<String>,
    pub distributed: Option<String>,
    pub adopted: Option<String>,
    pub agenda_items: Vec<AgendaCtx>,
    /// `Agenda item 99` / `Agenda items 25 (b) and 99`.
    pub agenda_label: Option<String>,
    pub committee: Option<String>,
    pub report: Option<String>,
    /// The report on the UN resolver, when `report` is a plain document symbol.
    pub report_url: Option<String>,
    pub job_number: Option<String>,
    pub masthead_note: Option<String>,
    pub subjects: Vec<String>,
    pub series: Option<String>,
    pub official_url: String,
    /// Document HTML (escaped by the renderer; output with `| safe`).
    pub body_html: String,
    pub footnotes_html: String,
    pub toc: Vec<TocEntry>,
    pub previous: Option<Summary>,
    pub next: Option<Summary>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AgendaCtx {
    pub number: String,
    pub title: Option<String>,
}

pub fn resolution_ctx(m: &Meta, doc: Document, previous: Option<Summary>, next: Option<Summary>) -> ResolutionCtx {
    let agenda_label = match m.agenda_items.as_slice() {
        [] => None,
        [one] => Some(format!("Agenda item {}", one.number)),
        items => {
            let nums: Vec<&str> = items.iter().map(|i| i.number.as_str()).collect();
            let (last, rest) = nums.split_last().expect("non-empty");
            Some(format!("Agenda items {} and {last}", rest.join(", ")))
        }
    };
    let report_url = m
        .report
        .as_deref()
        .filter(|r| crate::paths::symbol_components(r).is_ok() && r.contains('/'))
        .map(urls::official_url);
    ResolutionCtx {
        symbol: m.symbol.clone(),
        body: m.body.clone(),
        number: m.number.clone(),
        title: m.title.clone(),
        session: m.session.clone(),
        session_page: session_ref(m),
        distribution: m.distribution.clone(),
        distributed: m.distributed.as_deref().map(format_date),
        adopted: m.adopted.as_deref().map(format_date),
        agenda_items: m
            .agenda_items
            .iter()
            .map(|a| AgendaCtx { number: a.number.clone(), title: a.title.clone() })
            .collect(),
        agenda_label,
        committee: m.committee.clone(),
        report: m.report.clone(),
        report_url,
        job_number: m.job_number.clone(),
        masthead_note: m.masthead_note.clone(),
        subjects: m.subjects.clone(),
        series: m.series.clone(),
        official_url: urls::official_url(&m.symbol),
        body_html: doc.body,
        footnotes_html: doc.footnotes,
        toc: doc.toc,
        previous,
        next,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(format_date("2006-12-20"), "20 December 2006");
        assert_eq!(format_date("2025-01-05"), "5 January 2025");
        assert_eq!(format_date("sometime"), "sometime");
        assert_eq!(format_date("2006-13-01"), "2006-13-01");
        assert_eq!(ordinal_words(57).as_deref(), Some("Fifty-seventh"));
        assert_eq!(ordinal_words(80).as_deref(), Some("Eightieth"));
        assert_eq!(ordinal_words(1).as_deref(), Some("First"));
    }
}
