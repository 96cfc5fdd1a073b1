//! An annotation file split into its notes. A file holds one or more notes, each a
//! TOML header between `+++` lines followed by a Markdown body that runs to the next
//! `+++` line or the end of the file. A `+++` line inside a fenced code block
//! (```` ``` ```` or `~~~`) belongs to the code, so a note can show TOML front matter.
//!
//! **In**: the file's text. **Out**: [`RawNote`]s with the 1-based line where their
//! header and body start, or an error at a line.

/// One note as written: header and body text, and where each starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawNote {
    /// Line of the opening `+++`.
    pub line: usize,
    /// The TOML between the `+++` lines.
    pub header: String,
    /// Line of the header's first line (the one after the opening `+++`).
    pub header_line: usize,
    /// The Markdown after the closing `+++`.
    pub body: String,
    /// Line of the body's first line.
    pub body_line: usize,
}

/// Splits `src` into notes; errors are (line, message).
pub fn split(src: &str) -> Result<Vec<RawNote>, (usize, String)> {
    let src = src.strip_prefix('\u{feff}').unwrap_or(src);
    let lines: Vec<&str> = src.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l)).collect();
    let mut notes = Vec::new();
    let mut i = 0;
    while i < lines.len() && lines[i].trim().is_empty() {
        i += 1;
    }
    if i == lines.len() {
        return Err((1, "the annotation file holds no note: start each note with a `+++` line".into()));
    }
    if lines[i].trim_end() != "+++" {
        return Err((i + 1, "an annotation file starts with a `+++` line opening the first note's TOML header".into()));
    }
    while i < lines.len() {
        // lines[i] is an opening `+++`.
        let open = i;
        let close = (open + 1..lines.len())
            .find(|&k| lines[k].trim_end() == "+++")
            .ok_or_else(|| (open + 1, "this note's TOML header is not closed: end it with a `+++` line".to_string()))?;
        let header = lines[open + 1..close].join("\n");
        let body_start = close + 1;
        let mut end = body_start;
        let mut fence: Option<(char, usize)> = None;
        while end < lines.len() {
            let line = lines[end];
            match fence {
                None if line.trim_end() == "+++" => break,
                None => fence = fence_open(line),
                Some((c, n)) if fence_closes(line, c, n) => fence = None,
                Some(_) => {}
            }
            end += 1;
        }
        let body = lines[body_start..end].join("\n");
        if body.trim().is_empty() {
            return Err((open + 1, "this note has a header but no text".into()));
        }
        notes.push(RawNote { line: open + 1, header, header_line: open + 2, body, body_line: body_start + 1 });
        i = end;
    }
    Ok(notes)
}

/// A line opening a fenced code block: its fence character and length.
fn fence_open(line: &str) -> Option<(char, usize)> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent > 3 {
        return None;
    }
    let rest = &line[indent..];
    let c = rest.chars().next().filter(|&c| c == '`' || c == '~')?;
    let n = rest.chars().take_while(|&x| x == c).count();
    let info = &rest[n..];
    (n >= 3 && !(c == '`' && info.contains('`'))).then_some((c, n))
}

fn fence_closes(line: &str, c: char, n: usize) -> bool {
    let t = line.trim();
    let indent = line.len() - line.trim_start_matches(' ').len();
    indent <= 3 && t.chars().all(|x| x == c) && t.chars().count() >= n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_notes_with_lines() {
        let src = "\n+++\ntarget = \"op1\"\n+++\nFirst.\n\n+++\ntarget = \"op2\"\n+++\n\nSecond.\n";
        let notes = split(src).unwrap();
        assert_eq!(notes.len(), 2);
        assert_eq!((notes[0].line, notes[0].header_line, notes[0].body_line), (2, 3, 5));
        assert_eq!(notes[0].header, "target = \"op1\"");
        assert_eq!(notes[0].body.trim(), "First.");
        assert_eq!((notes[1].line, notes[1].body_line), (7, 10));
        assert_eq!(notes[1].body.trim(), "Second.");
    }

    #[test]
    fn plus_lines_in_code_blocks_belong_to_the_code() {
        let src = "+++\ntarget = \"op1\"\n+++\n````toml\n+++\nx = 1\n+++\n````\nAfter.\n";
        let notes = split(src).unwrap();
        assert_eq!(notes.len(), 1);
        assert!(notes[0].body.contains("x = 1") && notes[0].body.contains("After."));
    }

    #[test]
    fn errors_name_lines() {
        assert_eq!(split("Text first\n").unwrap_err().0, 1);
        assert_eq!(split("+++\ntarget = \"op1\"\nno end\n").unwrap_err().0, 1);
        assert_eq!(split("+++\ntarget = \"op1\"\n+++\n\n").unwrap_err().0, 1);
        assert_eq!(split("").unwrap_err().0, 1);
        assert_eq!(split("+++\na = 1\n+++\ntext\n+++\nb = 2\n").unwrap_err().0, 5);
    }
}
