//! The document-level parts of the export: `<meta>` (FRBR identification,
//! references, unanchored notes, proprietary editor data) and the `<preface>`
//! holding the masthead, one `<p class="…">` per field.

use super::body::{inlines, Notes};
use super::class;
use super::xml::{element, escape_text as esc, Xml, NONE};
use crate::model::{Footnote, Meta};

/// Writes `<meta>` for the main document (`component` = `main`) or an annex
/// (`annex`, `annex_II`); references, notes and editor data only in the main one,
/// since eIds must be unique across the whole statement.
pub(super) fn meta(x: &mut Xml, m: &Meta, component: &str, unanchored: &[Footnote]) {
    let work = work_uri(m);
    let (date, date_name) = frbr_date(m);
    let author = format!("#{}", author_id(&m.body));
    x.open("meta", NONE);
    x.open("identification", &[("source", "#plenary")]);

    x.open("FRBRWork", NONE);
    x.empty("FRBRthis", &[("value", format!("{work}/!{component}"))]);
    x.empty("FRBRuri", &[("value", &work)]);
    if !m.symbol.is_empty() {
        x.empty("FRBRalias", &[("value", m.symbol.as_str()), ("name", "symbol")]);
    }
    x.empty("FRBRdate", &[("date", date.as_str()), ("name", date_name)]);
    x.empty("FRBRauthor", &[("href", &author)]);
    x.empty("FRBRcountry", &[("value", "un")]);
    x.empty("FRBRsubtype", &[("value", "resolution")]);
    if !m.number.is_empty() {
        x.empty("FRBRnumber", &[("value", slug(&m.number)), ("showAs", m.number.clone())]);
    }
    x.close("FRBRWork");

    x.open("FRBRExpression", NONE);
    x.empty("FRBRthis", &[("value", format!("{work}/eng@/!{component}"))]);
    x.empty("FRBRuri", &[("value", format!("{work}/eng@"))]);
    x.empty("FRBRdate", &[("date", date.as_str()), ("name", date_name)]);
    x.empty("FRBRauthor", &[("href", &author)]);
    x.empty("FRBRlanguage", &[("language", "eng")]);
    x.close("FRBRExpression");

    x.open("FRBRManifestation", NONE);
    x.empty("FRBRthis", &[("value", format!("{work}/eng@/!{component}.xml"))]);
    x.empty("FRBRuri", &[("value", format!("{work}/eng@.akn"))]);
    x.empty("FRBRdate", &[("date", date.as_str()), ("name", "generation")]);
    x.empty("FRBRauthor", &[("href", "#plenary")]);
    x.close("FRBRManifestation");
    x.close("identification");

    if component == "main" {
        x.open("references", &[("source", "#plenary")]);
        let id = author_id(&m.body);
        x.empty(
            "TLCOrganization",
            &[
                ("eId", id.clone()),
                ("href", format!("/akn/ontology/organizations/un/{id}")),
                ("showAs", m.body.clone()),
            ],
        );
        x.empty(
            "TLCOrganization",
            &[("eId", "plenary"), ("href", "/akn/ontology/organizations/plenary"), ("showAs", "Plenary")],
        );
        x.close("references");
        if !unanchored.is_empty() {
            x.open("notes", &[("source", "#plenary")]);
            let mut refs = Notes::refs_only();
            for note in unanchored {
                let n = note.n.to_string();
                x.open("note", &[("eId", format!("fnt_{n}")), ("marker", n), ("placement", "bottom".into())]);
                x.line("p", NONE, &inlines(&note.text, &mut refs));
                x.close("note");
            }
            x.close("notes");
        }
        if m.series.is_some() || !m.subjects.is_empty() {
            x.open("proprietary", &[("source", "#plenary")]);
            if let Some(series) = &m.series {
                x.line("plenary:series", NONE, &esc(series));
            }
            for subject in &m.subjects {
                x.line("plenary:subject", NONE, &esc(subject));
            }
            x.close("proprietary");
        }
    }
    x.close("meta");
}

/// Writes the `<preface>`: the masthead, then number and title.
pub(super) fn preface(x: &mut Xml, m: &Meta) {
    let p = |x: &mut Xml, class: &str, markup: &str| x.line("p", &[("class", class)], markup);
    let el = |name: &str, attrs: &[(&str, &str)], markup: &str| {
        let mut out = String::new();
        element(&mut out, name, attrs, markup);
        out
    };
    x.open("preface", NONE);
    let author = format!("#{}", author_id(&m.body));
    p(x, class::BODY, &el("docProponent", &[("refersTo", &author)], &esc(&m.body)));
    p(x, class::SYMBOL, &el("docNumber", &[], &esc(&m.symbol)));
    if let Some(d) = &m.distribution {
        p(x, class::DISTRIBUTION, &el("docStatus", &[], &esc(d)));
    }
    if let Some(d) = &m.distributed {
        let markup = if is_iso_date(d) { el("docDate", &[("date", d)], &esc(d)) } else { esc(d) };
        p(x, class::DISTRIBUTED, &markup);
    }
    if let Some(s) = &m.session {
        p(x, class::SESSION, &el("session", &[], &esc(s)));
    }
    for item in &m.agenda_items {
        let mut markup = format!("Agenda item {}", el("inline", &[("name", "agendaItemNumber")], &esc(&item.number)));
        if let Some(title) = &item.title {
            markup.push(' ');
            markup.push_str(&el("inline", &[("name", "agendaItemTitle")], &esc(title)));
        }
        p(x, class::AGENDA_ITEM, &markup);
    }
    let report = m.report.as_ref().map(|r| {
        let href = format!("https://undocs.org/{r}");
        el("ref", &[("href", &href)], &esc(r))
    });
    match (&m.committee, report) {
        (Some(c), report) => {
            let mut markup = format!("[on the report of the {}", el("docCommittee", &[], &esc(c)));
            if let Some(r) = report {
                markup.push_str(&format!(" ({r})"));
            }
            markup.push(']');
            p(x, class::REFERENCE, &markup);
        }
        (None, Some(r)) => p(x, class::REFERENCE, &format!("[without reference to a Main Committee ({r})]")),
        (None, None) => {}
    }
    if let Some(job) = &m.job_number {
        p(x, class::JOB_NUMBER, &esc(job));
    }
    if let Some(note) = &m.masthead_note {
        p(x, class::MASTHEAD_NOTE, &esc(note));
    }
    let mut title = String::new();
    if !m.number.is_empty() {
        title.push_str(&el("inline", &[("name", "resolutionNumber")], &esc(&m.number)));
        title.push_str(". ");
    }
    title.push_str(&el("docTitle", &[], &esc(&m.title)));
    p(x, class::TITLE, &title);
    x.close("preface");
}

/// The work IRI without component: `/akn/un/statement/resolution/unga/2006-12-20/61-183`.
pub fn work_uri(m: &Meta) -> String {
    let number = if m.number.is_empty() { slug(&m.symbol) } else { slug(&m.number) };
    let number = if number.is_empty() { "unnumbered".to_string() } else { number };
    format!("/akn/un/statement/resolution/{}/{}/{number}", author_id(&m.body), frbr_date(m).0)
}

/// The work date and what it is: adoption, else distribution, else unknown.
fn frbr_date(m: &Meta) -> (String, &'static str) {
    if let Some(d) = m.adopted.as_ref().filter(|d| is_iso_date(d)) {
        (d.clone(), "adoption")
    } else if let Some(d) = m.distributed.as_ref().filter(|d| is_iso_date(d)) {
        (d.clone(), "distribution")
    } else {
        ("0001-01-01".into(), "unknown")
    }
}

/// The AKN4UN short name of the adopting organ (`unga`), used in IRIs and as the
/// eId of its `TLCOrganization`.
pub fn author_id(body: &str) -> String {
    match body.trim() {
        "General Assembly" => "unga".into(),
        "Security Council" => "unsc".into(),
        "Economic and Social Council" => "ecosoc".into(),
        "Human Rights Council" => "unhrc".into(),
        other => {
            let words: Vec<String> = other
                .split(|c: char| !c.is_ascii_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(|w| w.to_ascii_lowercase())
                .collect();
            if words.is_empty() {
                "un".into()
            } else {
                format!("un-{}", words.join("-"))
            }
        }
    }
}

/// `61/183` → `61-183`: IRI-safe, `/` and anything unusual become `-`.
fn slug(s: &str) -> String {
    s.trim().chars().map(|c| if c.is_ascii_alphanumeric() || c == '.' { c } else { '-' }).collect()
}

/// Whether `s` is a valid `YYYY-MM-DD` calendar date (what `xsd:date` accepts).
pub fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let num = |r: std::ops::Range<usize>| s.get(r).filter(|t| t.bytes().all(|c| c.is_ascii_digit()))?.parse().ok();
    let (Some(y), Some(m), Some(d)) = (num(0..4), num(5..7), num(8..10)) else { return false };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    y > 0 && (1..=days).contains(&d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iris_and_dates() {
        let m = Meta {
            body: "General Assembly".into(),
            number: "61/183".into(),
            adopted: Some("2006-12-20".into()),
            ..Meta::default()
        };
        assert_eq!(work_uri(&m), "/akn/un/statement/resolution/unga/2006-12-20/61-183");
        assert!(is_iso_date("2024-02-29"));
        assert!(!is_iso_date("2023-02-29"));
        assert!(!is_iso_date("2023-13-01"));
        assert!(!is_iso_date("20 December 2006"));
        assert_eq!(author_id("Council of Europe"), "un-council-of-europe");
    }
}
