//! The lexical pieces shared by every recognizer: a cursor that walks the input
//! text and consumes whitespace, literals, numbers, roman numerals, part letters
//! and dates.
//!
//! Every method either consumes what it recognises and returns it, or leaves the
//! cursor where it was and returns `None`/`false`. Positions are byte offsets and
//! always lie on char boundaries, because the cursor only ever advances by whole
//! characters.

/// A position in the input text that recognizers advance as they parse.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Cursor<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Cursor<'a> {
    /// A cursor at `pos`; a position that is out of range or not on a char
    /// boundary is moved to the end of the text, so the cursor is always valid.
    pub(crate) fn new(text: &'a str, pos: usize) -> Self {
        let pos = if text.is_char_boundary(pos) { pos } else { text.len() };
        Cursor { text, pos }
    }

    pub(crate) fn pos(&self) -> usize {
        self.pos
    }

    /// The text not yet consumed.
    pub(crate) fn rest(&self) -> &'a str {
        &self.text[self.pos..]
    }

    pub(crate) fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    #[cfg(test)]
    pub(crate) fn at_end(&self) -> bool {
        self.pos >= self.text.len()
    }

    fn advance(&mut self, bytes: usize) {
        self.pos += bytes;
    }

    /// Consumes whitespace (including line breaks and no-break spaces); returns
    /// whether there was any.
    pub(crate) fn skip_space(&mut self) -> bool {
        let start = self.pos;
        while let Some(c) = self.peek() {
            if !c.is_whitespace() {
                break;
            }
            self.advance(c.len_utf8());
        }
        self.pos > start
    }

    /// Consumes `lit` exactly.
    pub(crate) fn eat(&mut self, lit: &str) -> bool {
        if self.rest().starts_with(lit) {
            self.advance(lit.len());
            true
        } else {
            false
        }
    }

    /// Consumes `word` if it is not followed by a letter or digit.
    pub(crate) fn eat_word(&mut self, word: &str) -> bool {
        let rest = self.rest();
        if rest.starts_with(word) && !rest[word.len()..].starts_with(is_word_char) {
            self.advance(word.len());
            true
        } else {
            false
        }
    }

    /// Consumes a dash used in ranges: hyphen, en dash, em dash or non-breaking
    /// hyphen.
    pub(crate) fn eat_dash(&mut self) -> bool {
        match self.peek() {
            Some(c) if is_dash(c) => {
                self.advance(c.len_utf8());
                true
            }
            _ => false,
        }
    }

    /// Consumes a run of ASCII digits (at most six) not followed by another
    /// digit or letter.
    pub(crate) fn number(&mut self) -> Option<u32> {
        let rest = self.rest();
        let len = rest.bytes().take_while(u8::is_ascii_digit).count();
        if len == 0 || len > 6 || rest[len..].starts_with(is_word_char) {
            return None;
        }
        let value = rest[..len].parse().ok()?;
        self.advance(len);
        Some(value)
    }

    /// Consumes a well-formed upper-case roman numeral (I to C) that stands as
    /// a word of its own, returning it as written.
    pub(crate) fn roman(&mut self) -> Option<&'a str> {
        let rest = self.rest();
        let len = rest.bytes().take_while(|b| matches!(b, b'I' | b'V' | b'X' | b'L' | b'C')).count();
        if len == 0 || rest[len..].starts_with(is_word_char) {
            return None;
        }
        let numeral = &rest[..len];
        roman_value(numeral)?;
        self.advance(len);
        Some(numeral)
    }

    /// Consumes a single upper-case letter that stands alone, as in the part
    /// letter of "48/13 C" or the annex letter of "annex C".
    pub(crate) fn part_letter(&mut self) -> Option<char> {
        let mut chars = self.rest().chars();
        let letter = chars.next().filter(char::is_ascii_uppercase)?;
        match chars.next() {
            Some(next) if is_word_char(next) || next == '/' || next == '(' => None,
            _ => {
                self.advance(1);
                Some(letter)
            }
        }
    }

    /// Consumes a date such as "12 December 1997", "22 and 23 September 2024"
    /// or "8 to 10 June 1998", including line breaks between its words.
    pub(crate) fn date(&mut self) -> bool {
        let saved = *self;
        if self.date_inner() {
            true
        } else {
            *self = saved;
            false
        }
    }

    fn date_inner(&mut self) -> bool {
        let Some(day) = self.number() else {
            return false;
        };
        if !(1..=31).contains(&day) {
            return false;
        }
        let before_joiner = *self;
        self.skip_space();
        let joined = if self.eat_dash() { true } else { self.eat_word("and") || self.eat_word("to") };
        if joined {
            self.skip_space();
            if self.number().is_none() {
                return false;
            }
        } else {
            *self = before_joiner;
        }
        if !self.skip_space() {
            return false;
        }
        if !MONTHS.iter().any(|month| self.eat_word(month)) || !self.skip_space() {
            return false;
        }
        matches!(self.number(), Some(year) if (1900..=2199).contains(&year))
    }
}

use crate::dates::MONTHS;

pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

pub(crate) fn is_dash(c: char) -> bool {
    matches!(c, '-' | '–' | '—' | '\u{2011}')
}

/// The value of a canonical roman numeral between 1 and 100, or `None` if the
/// letters do not form one (so "IIII" or "VX" are rejected).
pub(crate) fn roman_value(numeral: &str) -> Option<u32> {
    let digit = |c: char| match c {
        'I' => Some(1),
        'V' => Some(5),
        'X' => Some(10),
        'L' => Some(50),
        'C' => Some(100),
        _ => None,
    };
    let values: Vec<u32> = numeral.chars().map(digit).collect::<Option<_>>()?;
    let mut total = 0;
    for (i, value) in values.iter().enumerate() {
        match values.get(i + 1) {
            Some(next) if next > value => total -= *value as i64,
            _ => total += *value as i64,
        }
    }
    let total = u32::try_from(total).ok().filter(|t| (1..=100).contains(t))?;
    (to_roman(total) == numeral).then_some(total)
}

fn to_roman(mut value: u32) -> String {
    const TABLE: [(u32, &str); 9] =
        [(100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")];
    let mut out = String::new();
    for (unit, letters) in TABLE {
        while value >= unit {
            out.push_str(letters);
            value -= unit;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_stop_at_non_digits_and_reject_glued_letters() {
        let mut c = Cursor::new("178 of", 0);
        assert_eq!(c.number(), Some(178));
        assert_eq!(c.rest(), " of");
        assert_eq!(Cursor::new("12abc", 0).number(), None);
        assert_eq!(Cursor::new("abc", 0).number(), None);
        assert_eq!(Cursor::new("1234567", 0).number(), None);
    }

    #[test]
    fn roman_numerals_must_be_canonical_and_standalone() {
        assert_eq!(Cursor::new("XXVI)", 0).roman(), Some("XXVI"));
        assert_eq!(Cursor::new("III.", 0).roman(), Some("III"));
        assert_eq!(Cursor::new("IIII", 0).roman(), None);
        assert_eq!(Cursor::new("VX", 0).roman(), None);
        assert_eq!(Cursor::new("IVory", 0).roman(), None);
        assert_eq!(roman_value("XXIX"), Some(29));
        assert_eq!(roman_value("XLII"), Some(42));
    }

    #[test]
    fn part_letters_stand_alone() {
        assert_eq!(Cursor::new("C of", 0).part_letter(), Some('C'));
        assert_eq!(Cursor::new("E.", 0).part_letter(), Some('E'));
        assert_eq!(Cursor::new("E/2006", 0).part_letter(), None);
        assert_eq!(Cursor::new("Council", 0).part_letter(), None);
        assert_eq!(Cursor::new("a", 0).part_letter(), None);
    }

    #[test]
    fn dates_span_line_breaks_and_day_ranges() {
        for date in
            ["12 December 1997", "9 December\n1998", "22 and 23 September 2024", "8 to 10 June 1998", "9–20 July 2001"]
        {
            let mut c = Cursor::new(date, 0);
            assert!(c.date(), "{date}");
            assert!(c.at_end(), "{date}");
        }
        let mut c = Cursor::new("12 apples", 0);
        assert!(!c.date());
        assert_eq!(c.pos(), 0);
    }

    #[test]
    fn whitespace_includes_line_breaks_and_no_break_spaces() {
        let mut c = Cursor::new(" \n\u{a0}x", 0);
        assert!(c.skip_space());
        assert_eq!(c.peek(), Some('x'));
    }

    #[test]
    fn positions_off_char_boundaries_are_clamped() {
        let c = Cursor::new("é", 1);
        assert!(c.at_end());
    }

    #[test]
    fn words_do_not_match_prefixes() {
        assert!(!Cursor::new("andante", 0).eat_word("and"));
        assert!(Cursor::new("and B", 0).eat_word("and"));
    }
}
