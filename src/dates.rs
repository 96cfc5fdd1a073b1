//! Dates as printed in resolutions ("13 March 2007", "25 November–20 December 1988")
//! and their ISO 8601 form, both ways: the importer reads them, the citation
//! tokenizer skips them, the renderer prints ISO dates for readers.

use regex::Regex;
use std::sync::LazyLock;

pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

pub static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(\d{1,2}) (January|February|March|April|May|June|July|August|September|October|November|December) (\d{4})\b")
        .expect("valid regex")
});

/// `13 March 2007` → `2007-03-13`; the first date found in `s`.
pub fn iso(s: &str) -> Option<String> {
    let c = DATE.captures(s)?;
    let day: u32 = c[1].parse().ok()?;
    let month = MONTHS.iter().position(|m| *m == &c[2])? + 1;
    (1..=31).contains(&day).then(|| format!("{}-{month:02}-{day:02}", &c[3]))
}

/// `2006-12-20` → `20 December 2006`; anything else is returned as it is.
pub fn display(iso: &str) -> String {
    let parts: Vec<&str> = iso.split('-').collect();
    if let [y, m, d] = parts.as_slice() {
        if let (Ok(_), Ok(m), Ok(d)) = (y.parse::<u32>(), m.parse::<usize>(), d.parse::<u32>()) {
            if (1..=12).contains(&m) && (1..=31).contains(&d) && y.len() == 4 {
                return format!("{d} {} {y}", MONTHS[m - 1]);
            }
        }
    }
    iso.to_string()
}

/// Whether `word` is an English month name.
pub fn is_month(word: &str) -> bool {
    MONTHS.contains(&word)
}

#[cfg(test)]
mod tests {
    #[test]
    fn iso_dates() {
        assert_eq!(super::iso("Distr.: General 13 March 2007").as_deref(), Some("2007-03-13"));
        assert_eq!(super::iso("no date"), None);
        assert_eq!(super::display("2006-12-20"), "20 December 2006");
        assert_eq!(super::display("2006"), "2006");
    }
}
