//! A note's TOML header: which element it annotates, who wrote it and when, its tags.
//!
//! ```toml
//! target = "op7a"          # an anchor id or Akoma Ntoso eId, or "resolution" (required)
//! author = "A. Editor"     # (required)
//! date = 2024-05-01        # a TOML date or "2024-05-01" (required)
//! tags = ["precursors"]    # optional
//! title = "…"              # optional: a heading for the note and the index
//! id = "precursors"        # optional: the note's anchor becomes ann-precursors
//! ```
//!
//! **In**: the header text and the line it starts on. **Out**: a validated
//! [`Header`], or an error at the line (and column, for TOML syntax errors) of the
//! file. Unknown keys are errors, so a typo does not go unnoticed.

use serde::Deserialize;

/// The target naming the whole resolution rather than one of its elements.
pub const WHOLE_RESOLUTION: &str = "resolution";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    pub target: String,
    /// Line of the `target = …` key, for messages about the target.
    pub target_line: usize,
    pub author: String,
    /// ISO date, `2024-05-01`.
    pub date: String,
    pub tags: Vec<String>,
    pub title: Option<String>,
    pub id: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    target: String,
    author: String,
    date: toml::Value,
    #[serde(default)]
    tags: Vec<String>,
    title: Option<String>,
    id: Option<String>,
}

/// A header problem: 1-based line in the file, optional column, message.
pub type HeaderError = (usize, Option<usize>, String);

/// Parses the header that starts at line `first_line` of the file.
pub fn parse(src: &str, first_line: usize) -> Result<Header, HeaderError> {
    let raw: Raw = toml::from_str(src).map_err(|e| {
        let (line, col) = match e.span() {
            Some(span) => {
                let before = &src[..span.start.min(src.len())];
                let line = before.matches('\n').count();
                let col = before.rsplit('\n').next().map(|l| l.chars().count() + 1).unwrap_or(1);
                (first_line + line, Some(col))
            }
            None => (first_line, None),
        };
        (line, col, format!("bad note header: {}", e.message()))
    })?;
    let line_of = |key: &str| {
        src.lines()
            .position(|l| l.trim_start().strip_prefix(key).is_some_and(|r| r.trim_start().starts_with('=')))
            .map(|i| first_line + i)
            .unwrap_or(first_line)
    };
    let bad = |key: &str, msg: String| (line_of(key), None, msg);
    let target = raw.target.trim().to_string();
    if target.is_empty() {
        return Err(bad("target", "target is empty: name a paragraph (`op7a`) or write \"resolution\"".into()));
    }
    let author = raw.author.trim().to_string();
    if author.is_empty() {
        return Err(bad("author", "author is empty".into()));
    }
    let date = iso_date(&raw.date)
        .ok_or_else(|| bad("date", format!("date {} is not a date such as 2024-05-01", raw.date.to_string().trim())))?;
    let mut tags = Vec::new();
    for tag in raw.tags {
        let tag = tag.trim().to_string();
        if tag.is_empty() {
            return Err(bad("tags", "a tag is empty".into()));
        }
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    if let Some(id) = &raw.id {
        if id.is_empty() || !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
            return Err(bad("id", format!("id {id:?} may hold only letters, digits, `-` and `_`")));
        }
    }
    let title = raw.title.map(|t| t.trim().to_string()).filter(|t| !t.is_empty());
    Ok(Header { target, target_line: line_of("target"), author, date, tags, title, id: raw.id })
}

/// A TOML date (`2024-05-01`) or a string holding one, as `YYYY-MM-DD`.
fn iso_date(v: &toml::Value) -> Option<String> {
    let s = match v {
        toml::Value::Datetime(dt) if dt.time.is_none() && dt.offset.is_none() => dt.date?.to_string(),
        toml::Value::String(s) => s.trim().to_string(),
        _ => return None,
    };
    let parts: Vec<&str> = s.split('-').collect();
    let ok = match parts.as_slice() {
        [y, m, d] => {
            y.len() == 4
                && m.len() == 2
                && d.len() == 2
                && [y, m, d].iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()))
                && (1..=12).contains(&m.parse::<u32>().unwrap_or(0))
                && (1..=31).contains(&d.parse::<u32>().unwrap_or(0))
        }
        _ => false,
    };
    ok.then_some(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_header() {
        let h =
            parse("target = \"op7a\"\nauthor = \"Ed\"\ndate = 2024-05-01\ntags = [\"a\", \"b\", \"a\"]", 3).unwrap();
        assert_eq!(h.target, "op7a");
        assert_eq!(h.date, "2024-05-01");
        assert_eq!(h.tags, ["a", "b"]);
        assert_eq!(parse("target = \"x\"\nauthor = \"Ed\"\ndate = \"2024-05-01\"", 1).unwrap().date, "2024-05-01");
    }

    #[test]
    fn errors_name_line_and_column() {
        let (line, col, msg) = parse("target = \"op1\"\nauthor = Ed\ndate = 2024-05-01", 10).unwrap_err();
        assert_eq!((line, col), (11, Some(10)), "{msg}");
        assert!(msg.starts_with("bad note header"), "{msg}");
        let (line, _, msg) = parse("target = \"op1\"\nauthor = \"Ed\"\ndate = 2024-05-01\ntagz = []", 10).unwrap_err();
        assert_eq!(line, 13, "{msg}");
        assert!(msg.contains("tagz"), "{msg}");
        let (line, _, msg) = parse("target = \"op1\"\nauthor = \"Ed\"\ndate = \"May 2024\"", 2).unwrap_err();
        assert_eq!(line, 4, "{msg}");
        let (_, _, msg) = parse("target = \"op1\"\ndate = 2024-05-01", 2).unwrap_err();
        assert!(msg.contains("author"), "{msg}");
        assert!(parse("target = \"op1\"\nauthor = \"Ed\"\ndate = 2024-05-01\nid = \"a b\"", 1).is_err());
    }
}
