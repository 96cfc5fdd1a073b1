//! Decoding and character clean-up: raw bytes in, numbered lines out.
//!
//! Refuses input that is not a resolution text at all (empty, binary, not UTF-8,
//! too large) with the byte offset where that shows. Strips a BOM, turns CRLF and
//! lone CR into LF, form feeds into blank lines, NBSP and other fixed spaces into
//! spaces, non-breaking hyphens into hyphens, drops soft hyphens and zero-width
//! characters, and trims trailing white space. Line numbers are those of the input.

use super::ImportError;

/// Largest input accepted, in bytes.
pub const MAX_INPUT: usize = 50 * 1024 * 1024;

/// One input line after clean-up, with its 1-based line number in the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub no: usize,
    pub text: String,
}

impl Line {
    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }

    pub fn trimmed(&self) -> &str {
        self.text.trim()
    }
}

pub fn decode(bytes: &[u8]) -> Result<&str, ImportError> {
    if bytes.len() > MAX_INPUT {
        return Err(ImportError::TooLarge { size: bytes.len(), limit: MAX_INPUT });
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ImportError::Empty);
    }
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        return Err(ImportError::Binary { offset });
    }
    let text = std::str::from_utf8(bytes).map_err(|e| ImportError::NotUtf8 {
        offset: e.valid_up_to(),
        line: bytes[..e.valid_up_to()].iter().filter(|&&b| b == b'\n').count() + 1,
    })?;
    // Control characters other than line ends, tabs and form feeds mean binary data.
    let is_control = |b: u8| (b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c)) || b == 0x7f;
    if bytes.iter().filter(|&&b| is_control(b)).count() >= 8 {
        let offset = bytes.iter().position(|&b| is_control(b)).unwrap_or(0);
        return Err(ImportError::Binary { offset });
    }
    Ok(text.strip_prefix('\u{feff}').unwrap_or(text))
}

/// Splits into lines and normalises characters.
pub fn lines(text: &str) -> Vec<Line> {
    let owned;
    let text = if text.contains('\r') {
        owned = text.replace("\r\n", "\n");
        owned.as_str()
    } else {
        text
    };
    let mut out = Vec::new();
    for (i, raw) in text.split('\n').enumerate() {
        // A lone CR (old Mac line ends) or a form feed (page break) also ends a line.
        for piece in raw.split(['\r', '\u{c}']) {
            out.push(Line { no: i + 1, text: clean(piece) });
        }
    }
    while out.last().is_some_and(|l| l.is_blank()) {
        out.pop();
    }
    out
}

fn clean(s: &str) -> String {
    let s = s.trim_end();
    if s.bytes().all(|b| (b' '..=b'~').contains(&b)) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut plain_from = 0;
    for (i, c) in s.char_indices() {
        let keep = (' '..='~').contains(&c)
            || (!c.is_control() && !c.is_whitespace() && !SPECIAL.contains(&c) && c != '\u{ad}');
        if keep {
            continue;
        }
        out.push_str(&s[plain_from..i]);
        plain_from = i + c.len_utf8();
        match c {
            '\u{a0}'
            | '\u{2007}'
            | '\u{202f}'
            | '\u{2009}'
            | '\u{200a}'
            | '\u{2002}'..='\u{2006}'
            | '\t'
            | '\u{3000}' => out.push(' '),
            '\u{2011}' | '\u{2010}' => out.push('-'),
            // Superscript digits: footnote marks some extractors keep raised.
            '\u{2070}' => out.push('0'),
            '\u{b9}' => out.push('1'),
            '\u{b2}' => out.push('2'),
            '\u{b3}' => out.push('3'),
            '\u{2074}'..='\u{2079}' => out.push(char::from(b'4' + (c as u32 - 0x2074) as u8)),
            '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' => {}
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push_str(&s[plain_from..]);
    out.truncate(out.trim_end().len());
    // A soft hyphen marks where a word was broken: kept (for joining) only at the end.
    let ends_broken = out.ends_with('\u{ad}');
    out.retain(|c| c != '\u{ad}');
    if ends_broken {
        out.push(SOFT_HYPHEN);
    }
    out
}

/// Characters `clean` rewrites (besides controls and soft hyphens).
const SPECIAL: &[char] = &[
    '\u{2070}', '\u{b9}', '\u{b2}', '\u{b3}', '\u{2074}', '\u{2075}', '\u{2076}', '\u{2077}', '\u{2078}', '\u{2079}',
    '\u{a0}', '\u{2007}', '\u{202f}', '\u{2009}', '\u{200a}', '\u{2002}', '\u{2003}', '\u{2004}', '\u{2005}',
    '\u{2006}', '\u{3000}', '\u{2011}', '\u{2010}', '\u{200b}', '\u{200c}', '\u{200d}', '\u{2060}', '\u{feff}',
];

/// Left at the end of a line whose last word continues on the next line.
pub const SOFT_HYPHEN: char = '\u{ad}';

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleans_characters_and_line_ends() {
        let ls = lines("a\u{a0}b\r\nnon\u{2011}govern\u{ad}mental\rc \n\n");
        let texts: Vec<_> = ls.iter().map(|l| (l.no, l.text.as_str())).collect();
        assert_eq!(texts, vec![(1, "a b"), (2, "non-governmental"), (2, "c")]);
        assert_eq!(lines("Declaration,\u{b9} Outcome\u{b2}\u{2070}")[0].text, "Declaration,1 Outcome20");
        let ls = lines("devel\u{ad}\nop\u{ad}ment");
        assert_eq!(ls[0].text, "devel\u{ad}");
        assert_eq!(ls[1].text, "opment");
    }

    #[test]
    fn refuses_what_is_not_text() {
        assert!(matches!(decode(b""), Err(ImportError::Empty)));
        assert!(matches!(decode(b"  \n"), Err(ImportError::Empty)));
        assert!(matches!(decode(b"ab\0c"), Err(ImportError::Binary { offset: 2 })));
        assert!(matches!(decode(b"ok\n\xff"), Err(ImportError::NotUtf8 { offset: 3, line: 2 })));
        assert_eq!(decode("\u{feff}x".as_bytes()).unwrap(), "x");
    }
}
