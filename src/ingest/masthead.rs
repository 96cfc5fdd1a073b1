//! The masthead: everything above the resolution's number and title. Finds the title
//! line (`61/183. International cooperation …`, which may wrap over several lines) and
//! reads the fields printed above it, whichever order and line breaks the extractor
//! left them in: symbol, organ, distribution and date, session, agenda items with
//! titles, job number, adoption date, and the reference line naming the committee and
//! its report, or the draft adopted without reference to a Main Committee.

use super::normalize::Line;
use super::Warning;
use crate::dates;
use crate::model::{AgendaItem, Closing, Meta};
use regex::Regex;
use std::sync::LazyLock;

/// What the masthead gives: the document facts, and the index of the first line
/// after the title.
#[derive(Debug)]
pub struct Masthead {
    pub meta: Meta,
    pub body_start: usize,
    /// Where the adoption is printed under the title (Security Council: `Adopted by
    /// the Security Council at its 4956th meeting, on 28 April 2004`), it stands for
    /// the closing line.
    pub adoption: Option<Closing>,
}

static TITLE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:Resolution\s+)?((?:[A-Z]{1,2}-)?\d{1,4}/\d{1,4}(?:\s?[A-Z](?:\s?-\s?[A-Z])?)?)\.\s+(\S.*)$")
        .expect("valid regex")
});
/// `Resolution 1540 (2004)`: how Security Council resolutions are numbered and titled.
static COUNCIL_TITLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^Resolution (\d{1,5}) ?\((\d{4})\)$").expect("valid regex"));
static COUNCIL_ADOPTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^Adopted by the Security Council at its (\d+(?:st|nd|rd|th) meeting),? on (\d{1,2} [A-Z][a-z]+ \d{4})")
        .expect("valid regex")
});
pub static FORMULA: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^The (General Assembly|Security Council|Economic and Social Council|Human Rights Council)\s*,?$")
        .expect("valid regex")
});
pub static JOB_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\d{2}-\d{5})(?:\s*\([A-Z]\))?").expect("valid regex"));
pub static BARCODE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\*\d{6,}\*").expect("valid regex"));
static SYMBOL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b((?:A|S|E)(?:/[A-Z]+)?/RES/(?:[A-Z]{1,2}-)?\d+(?:/\d+)*(?:\s?\(\d{4}\))?)").expect("valid regex")
});
static ORGAN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(General Assembly|Security Council|Economic and Social Council)\b").expect("valid regex")
});
static DISTRIBUTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"Distr\.:?\s*(General|GENERAL|Limited|LIMITED|Restricted|RESTRICTED)(?:\s+(\d{1,2} [A-Z][a-z]+ \d{4}))?",
    )
    .expect("valid regex")
});
static SESSION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b((?:[A-Z][a-z]+(?:-[a-z]+)?\s)?(?:[A-Za-z]+(?:-[a-z]+)?\s)?(?:emergency\s)?(?:special\s)?session)\b")
        .expect("valid regex")
});
static AGENDA: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"Agenda items?\s+((?:\d+(?:\s?\([a-z]\))?)(?:(?:,\s*|\s+and\s+)\d+(?:\s?\([a-z]\))?)*)")
        .expect("valid regex")
});
static ADOPTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i:Resolution adopted by the (?:General Assembly|Security Council|Economic and Social Council))(?:\s+on\s+(\d{1,2} [A-Z][a-z]+ \d{4}))?")
        .expect("valid regex")
});
static REFERENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\[\s*(?:on the reports? of the (.+)\s*\(([^()]*(?:\([^()]*\)[^()]*)*)\)|without reference to a Main Committee\s*\((.+?)\))\s*\]",
    )
    .expect("valid regex")
});

/// Whether a line opens the resolution proper with its number and title.
pub fn title_line(line: &str) -> Option<(String, String)> {
    let line = line.trim();
    if !line.starts_with(|c: char| c.is_ascii_digit() || c.is_ascii_uppercase()) {
        return None;
    }
    let c = TITLE_LINE.captures(line)?;
    Some((c[1].split_whitespace().collect::<Vec<_>>().join(" "), c[2].trim().to_string()))
}

/// A Security Council title line: the number, e.g. `1540 (2004)`.
fn council_title(line: &str) -> Option<String> {
    let c = COUNCIL_TITLE.captures(line.trim())?;
    Some(format!("{} ({})", &c[1], &c[2]))
}

pub fn parse(lines: &[Line], warnings: &mut Vec<Warning>) -> Option<Masthead> {
    let title_at = lines.iter().position(|l| title_line(&l.text).is_some() || council_title(&l.text).is_some())?;
    if let Some(number) = council_title(&lines[title_at].text) {
        return Some(council(lines, title_at, number, warnings));
    }
    let (number, first) = title_line(&lines[title_at].text)?;
    let mut title_lines = vec![first];
    let mut end = title_at + 1;
    while let Some(line) = lines.get(end) {
        if line.is_blank() || FORMULA.is_match(line.trimmed()) {
            break;
        }
        title_lines.push(line.trimmed().to_string());
        end += 1;
    }
    let mut meta = Meta { number: number.clone(), title: title_lines.join(" "), ..Meta::default() };
    let head = lines[..title_at].iter().map(|l| l.trimmed()).filter(|t| !t.is_empty()).collect::<Vec<_>>().join(" ");
    let leftover = fields(&head, &mut meta);
    let leftover = leftover.split_whitespace().collect::<Vec<_>>().join(" ");
    if !leftover.is_empty() {
        let line = lines.first().map(|l| l.no).unwrap_or(1);
        warnings.push(Warning::new(
            line,
            format!("masthead text not recognised, kept in the front matter as `masthead_note`: {leftover}"),
        ));
        meta.masthead_note = Some(leftover);
    }
    if meta.body.is_empty() {
        meta.body = lines[end..]
            .iter()
            .find_map(|l| FORMULA.captures(l.trimmed()).map(|c| c[1].to_string()))
            .unwrap_or_else(|| "General Assembly".to_string());
    }
    if meta.symbol.is_empty() {
        meta.symbol = symbol_for(&meta.body, &number);
    }
    Some(Masthead { meta, body_start: end, adoption: None })
}

/// A Security Council resolution: `Resolution 1540 (2004)`, then the adoption line
/// (which may wrap) up to the formula.
fn council(lines: &[Line], title_at: usize, number: String, warnings: &mut Vec<Warning>) -> Masthead {
    let mut meta = Meta {
        title: format!("Resolution {number}"),
        body: "Security Council".to_string(),
        number: number.clone(),
        ..Meta::default()
    };
    let head = lines[..title_at].iter().map(|l| l.trimmed()).filter(|t| !t.is_empty()).collect::<Vec<_>>().join(" ");
    let leftover = fields(&head, &mut meta).split_whitespace().collect::<Vec<_>>().join(" ");
    if !leftover.is_empty() {
        let line = lines.first().map(|l| l.no).unwrap_or(1);
        warnings.push(Warning::new(line, format!("masthead text not recognised, kept as `masthead_note`: {leftover}")));
        meta.masthead_note = Some(leftover);
    }
    meta.body = "Security Council".to_string();
    let mut end = title_at + 1;
    let mut adoption_text = String::new();
    while let Some(line) = lines.get(end) {
        if FORMULA.is_match(line.trimmed())
            || (adoption_text.is_empty() && !line.is_blank() && !line.trimmed().starts_with("Adopted"))
        {
            break;
        }
        if !line.is_blank() {
            adoption_text.push(' ');
            adoption_text.push_str(line.trimmed());
        }
        end += 1;
    }
    let adoption = COUNCIL_ADOPTED
        .captures(adoption_text.trim())
        .map(|c| Closing { meeting: c[1].to_string(), date: c[2].to_string() });
    if adoption.is_none() && !adoption_text.trim().is_empty() {
        // Not an adoption line after all: leave it to the body.
        end = title_at + 1;
    }
    meta.adopted = adoption.as_ref().and_then(|c| dates::iso(&c.date));
    if meta.symbol.is_empty() {
        meta.symbol = symbol_for("Security Council", &number);
    }
    Masthead { meta, body_start: end, adoption }
}

/// The official symbol of resolution `number` of `organ`.
pub fn symbol_for(organ: &str, number: &str) -> String {
    let number = number.replace(' ', "");
    match organ {
        "Economic and Social Council" => format!("E/RES/{number}"),
        "Security Council" => format!("S/RES/{number}"),
        "Human Rights Council" => format!("A/HRC/RES/{number}"),
        _ => format!("A/RES/{number}"),
    }
}

/// Extracts the masthead fields from `head`, returning what no field claimed.
/// Claimed spans are blanked with `\u{1}` (same byte length, so offsets hold), which
/// also marks where an agenda item's title ends.
fn fields(head: &str, meta: &mut Meta) -> String {
    let mut rest = head.to_string();
    let claim = |re: &Regex, rest: &mut String| -> Option<(Vec<Option<String>>, usize)> {
        let c = re.captures(rest)?;
        let range = c.get(0)?.range();
        let groups = c.iter().map(|g| g.map(|g| g.as_str().to_string())).collect();
        rest.replace_range(range.clone(), &BLANK.repeat(range.len()));
        Some((groups, range.end))
    };
    while claim(&BARCODE, &mut rest).is_some() {}
    if let Some((g, _)) = claim(&JOB_NUMBER, &mut rest) {
        meta.job_number = g[1].clone();
    }
    while claim(&JOB_NUMBER, &mut rest).is_some() {}
    if let Some((g, _)) = claim(&REFERENCE, &mut rest) {
        match (&g[1], &g[2], &g[3]) {
            (Some(committee), Some(report), _) => {
                meta.committee = Some(committee.trim().to_string());
                meta.report = Some(report.clone());
            }
            (_, _, Some(draft)) => meta.report = Some(draft.clone()),
            _ => {}
        }
    }
    if let Some((g, _)) = claim(&ADOPTED, &mut rest) {
        meta.adopted = g[1].as_deref().and_then(dates::iso);
    }
    if let Some((g, _)) = claim(&SYMBOL, &mut rest) {
        meta.symbol = g[1].clone().unwrap_or_default().replace(' ', "");
    }
    if let Some((g, _)) = claim(&DISTRIBUTION, &mut rest) {
        meta.distribution = g[1].clone();
        meta.distributed = g[2].as_deref().and_then(dates::iso);
    }
    if meta.distributed.is_none() {
        if let Some((g, _)) = claim(&dates::DATE, &mut rest) {
            meta.distributed = g[0].as_deref().and_then(dates::iso);
        }
    }
    if let Some((g, _)) = claim(&SESSION, &mut rest) {
        meta.session = g[1].clone().map(|s| s.trim().to_string());
    }
    if let Some((g, _)) = claim(&ORGAN, &mut rest) {
        meta.body = g[1].clone().unwrap_or_default();
    }
    if let Some((g, end)) = claim(&AGENDA, &mut rest) {
        let numbers: Vec<String> = g[1]
            .as_deref()
            .unwrap_or_default()
            .split(',')
            .flat_map(|p| p.split(" and "))
            .map(|n| n.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|n| !n.is_empty())
            .collect();
        // The agenda title runs from the item number to the next claimed field.
        let to = rest[end..].find(BLANK).map(|i| end + i).unwrap_or(rest.len());
        let title = rest[end..to].split_whitespace().collect::<Vec<_>>().join(" ");
        rest.replace_range(end..to, &BLANK.repeat(to - end));
        let title = (!title.is_empty()).then_some(title);
        meta.agenda_items = numbers
            .into_iter()
            .enumerate()
            .map(|(i, number)| AgendaItem { number, title: if i == 0 { title.clone() } else { None } })
            .collect();
    }
    // The organ's name in the corner and the big letter of older mastheads.
    static BOILERPLATE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:\s|\x01)*(?:United Nations|UNITED NATIONS)(?:\s+[AES])?\b").expect("valid regex")
    });
    if let Some(m) = BOILERPLATE.find(&rest) {
        let range = m.range();
        rest.replace_range(range.clone(), &BLANK.repeat(range.len()));
    }
    rest.replace(BLANK, " ")
}

const BLANK: &str = "\u{1}";
