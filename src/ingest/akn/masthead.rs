//! The masthead of an AKN document: [`Meta`] from the `<preface>` lines (by their
//! `class`, else by the AKN inline each carries), the adoption date from the FRBR
//! identification, and editor data from `<proprietary>`.

use super::dom::Element;
use crate::export::akn::class;
use crate::model::{AgendaItem, Meta};

pub fn meta(doc: &Element) -> Meta {
    let mut m = Meta::default();
    if let Some(preface) = doc.child("preface") {
        let mut lines = Vec::new();
        collect_lines(preface, &mut lines);
        for p in lines {
            line(&mut m, p);
        }
    }
    let meta = doc.child("meta");
    let identification = meta.and_then(|m| m.child("identification"));
    if let Some(id) = identification {
        let frbr = |part: &str| id.child(part);
        let work = frbr("FRBRWork");
        let adoption = ["FRBRExpression", "FRBRWork"]
            .iter()
            .filter_map(|p| frbr(p))
            .flat_map(|p| p.elements())
            .find(|e| e.name == "FRBRdate" && e.attr("name") == Some("adoption"));
        m.adopted = adoption.and_then(|d| d.attr("date")).map(|d| d.chars().take(10).collect());
        if m.symbol.is_empty() {
            let alias =
                work.and_then(|w| w.elements().find(|e| e.name == "FRBRalias" && e.attr("name") == Some("symbol")));
            m.symbol = alias.and_then(|a| a.attr("value")).unwrap_or_default().to_string();
        }
        if m.number.is_empty() {
            let number = work.and_then(|w| w.child("FRBRnumber"));
            m.number = number.and_then(|n| n.attr("showAs").or(n.attr("value"))).unwrap_or_default().to_string();
        }
        if m.body.is_empty() {
            let author = work.and_then(|w| w.child("FRBRauthor")).and_then(|a| a.attr("href"));
            let org = author.and_then(|href| {
                let eid = href.trim_start_matches('#');
                meta?
                    .elements()
                    .filter(|e| e.name == "references")
                    .flat_map(|r| r.elements())
                    .find(|o| o.attr("eId") == Some(eid))
            });
            m.body = org.and_then(|o| o.attr("showAs")).unwrap_or_default().to_string();
        }
    }
    for proprietary in meta.into_iter().flat_map(|m| m.elements()).filter(|e| e.name == "proprietary") {
        for e in proprietary.elements().filter(|e| e.plenary) {
            match e.name.as_str() {
                "series" => m.series = Some(e.text()),
                "subject" => m.subjects.push(e.text()),
                _ => {}
            }
        }
    }
    m
}

/// The `<p>` lines of the preface, looking inside containers.
fn collect_lines<'a>(e: &'a Element, out: &mut Vec<&'a Element>) {
    for child in e.elements() {
        match child.name.as_str() {
            "container" | "blockContainer" | "longTitle" => collect_lines(child, out),
            _ => out.push(child),
        }
    }
}

fn line(m: &mut Meta, p: &Element) {
    let inner = |name: &str| p.find(name).map(Element::text);
    let named = |name: &str| {
        let mut found = None;
        visit(p, &mut |e| {
            if found.is_none() && e.name == "inline" && e.attr("name") == Some(name) {
                found = Some(e.text());
            }
        });
        found
    };
    let text = p.text();
    match p.attr("class").unwrap_or("") {
        class::BODY => m.body = inner("docProponent").unwrap_or(text),
        class::SYMBOL => m.symbol = inner("docNumber").unwrap_or(text),
        class::DISTRIBUTION => m.distribution = Some(inner("docStatus").unwrap_or(text)),
        class::DISTRIBUTED => m.distributed = Some(inner("docDate").unwrap_or(text)),
        class::SESSION => m.session = Some(inner("session").unwrap_or(text)),
        class::AGENDA_ITEM => {
            let number = named("agendaItemNumber")
                .unwrap_or_else(|| text.trim().trim_start_matches("Agenda item").trim().to_string());
            m.agenda_items.push(AgendaItem { number, title: named("agendaItemTitle") });
        }
        class::REFERENCE => {
            m.committee = inner("docCommittee");
            m.report = inner("ref");
        }
        class::JOB_NUMBER => m.job_number = Some(text),
        class::MASTHEAD_NOTE => m.masthead_note = Some(text),
        class::TITLE => {
            if let Some(number) = named("resolutionNumber") {
                m.number = number;
            }
            m.title = inner("docTitle").unwrap_or(text);
        }
        // Unclassified lines: whatever AKN inline they carry.
        _ => {
            let fill = |field: &mut String, value: Option<String>| {
                if field.is_empty() {
                    *field = value.unwrap_or_default();
                }
            };
            fill(&mut m.body, inner("docProponent"));
            fill(&mut m.symbol, inner("docNumber"));
            fill(&mut m.title, inner("docTitle"));
            m.session = m.session.take().or_else(|| inner("session"));
            m.distribution = m.distribution.take().or_else(|| inner("docStatus"));
            m.distributed =
                m.distributed.take().or_else(|| p.find("docDate").and_then(|d| d.attr("date").map(String::from)));
            m.committee = m.committee.take().or_else(|| inner("docCommittee"));
        }
    }
}

fn visit<'a>(e: &'a Element, f: &mut impl FnMut(&'a Element)) {
    for child in e.elements() {
        f(child);
        visit(child, f);
    }
}
