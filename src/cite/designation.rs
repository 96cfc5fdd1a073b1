//! Resolution numbers as written after the word "resolution" ("60/178",
//! "S-20/4 A–E", "2200 A (XXI)", "1540 (2004)", "2006/32") and the canonical
//! document symbol each issuing body gives them.

use super::cursor::Cursor;
use super::issuer::Issuer;

/// The session marker of a slashed number: "S-20/4", "ES-10/1".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum SessionKind {
    Regular,
    Special,
    EmergencySpecial,
}

/// What stands in the parentheses of "2832 (XXVI)" or "1540 (2004)".
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Parenthesis {
    /// A roman session number: the General Assembly before 1976.
    Session(String),
    /// A year: the Security Council.
    Year(u32),
}

/// A resolution number without its issuing body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Number {
    /// "60/178", "S-20/4", "ES-10/1", "2006/32", "5/1".
    Slashed { kind: SessionKind, left: u32, right: u32 },
    /// "2832 (XXVI)", "1540 (2004)".
    Parenthesized { number: u32, paren: Parenthesis },
}

/// The lettered part of a resolution: "48/13 C", or a range "S-20/4 A–E".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Part {
    Whole,
    Letter(char),
    Range(char, char),
}

/// A resolution number with its part, as parsed from the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Designation {
    pub number: Number,
    pub part: Part,
}

impl Designation {
    /// Parses a designation at the cursor, consuming it only on success.
    pub(crate) fn parse(cursor: &mut Cursor) -> Option<Designation> {
        let saved = *cursor;
        let parsed = Self::parse_inner(cursor);
        if parsed.is_none() {
            *cursor = saved;
        }
        parsed
    }

    fn parse_inner(cursor: &mut Cursor) -> Option<Designation> {
        let kind = if cursor.eat("ES-") {
            SessionKind::EmergencySpecial
        } else if cursor.eat("S-") {
            SessionKind::Special
        } else {
            SessionKind::Regular
        };
        let left = leading_number(cursor)?;
        if cursor.eat("/") {
            let right = cursor.number()?;
            let part = parse_part(cursor);
            let number = Number::Slashed { kind, left, right };
            return Some(Designation { number, part });
        }
        if kind != SessionKind::Regular {
            return None;
        }
        // "2200 A (XXI)": the part letter comes before the parenthesis.
        let part = parse_part(cursor);
        cursor.skip_space();
        if !cursor.eat("(") {
            return None;
        }
        let paren = if let Some(roman) = cursor.roman() {
            Parenthesis::Session(roman.to_string())
        } else {
            Parenthesis::Year(cursor.number()?)
        };
        if !cursor.eat(")") {
            return None;
        }
        let number = Number::Parenthesized { number: left, paren };
        Some(Designation { number, part })
    }

    /// The canonical symbol of this resolution when `issuer` adopted it, or
    /// `None` when the number cannot be one of that body's resolutions.
    pub(crate) fn symbol(&self, issuer: Issuer) -> Option<String> {
        let suffix = match self.part {
            Part::Letter(letter) => letter.to_string(),
            Part::Whole | Part::Range(..) => String::new(),
        };
        match (&self.number, issuer) {
            (Number::Slashed { kind, left, right }, Issuer::GeneralAssembly) => {
                let session = match kind {
                    SessionKind::Regular if (31..=200).contains(left) => left.to_string(),
                    SessionKind::Special if (1..=50).contains(left) => format!("S-{left}"),
                    SessionKind::EmergencySpecial if (1..=50).contains(left) => {
                        format!("ES-{left}")
                    }
                    _ => return None,
                };
                Some(format!("A/RES/{session}/{right}{suffix}"))
            }
            (Number::Parenthesized { number, paren }, Issuer::GeneralAssembly) => match paren {
                Parenthesis::Session(roman) if super::cursor::roman_value(roman)? <= 30 => {
                    Some(format!("A/RES/{number}{suffix}({roman})"))
                }
                _ => None,
            },
            (Number::Parenthesized { number, paren }, Issuer::SecurityCouncil) => match paren {
                Parenthesis::Year(year) if is_year(*year) && self.part == Part::Whole => {
                    Some(format!("S/RES/{number}({year})"))
                }
                _ => None,
            },
            (Number::Parenthesized { number, paren }, Issuer::EconomicAndSocialCouncil) => {
                // Before 1978 the Council numbered its resolutions by session:
                // "1296 (XLIV)".
                match paren {
                    Parenthesis::Session(roman) if self.part == Part::Whole => Some(format!("E/RES/{number}({roman})")),
                    _ => None,
                }
            }
            (Number::Slashed { kind, left, right }, Issuer::EconomicAndSocialCouncil) => {
                (*kind == SessionKind::Regular && is_year(*left) && self.part == Part::Whole)
                    .then(|| format!("E/RES/{left}/{right}"))
            }
            (Number::Slashed { kind, left, right }, Issuer::HumanRightsCouncil) => {
                let session = match kind {
                    SessionKind::Regular if (1..=99).contains(left) => left.to_string(),
                    SessionKind::Special if (1..=99).contains(left) => format!("S-{left}"),
                    _ => return None,
                };
                (self.part == Part::Whole).then(|| format!("A/HRC/RES/{session}/{right}"))
            }
            _ => None,
        }
    }

    /// The same resolution with another part letter ("36/87 A and B").
    pub(crate) fn with_part(&self, letter: char) -> Designation {
        Designation { number: self.number.clone(), part: Part::Letter(letter) }
    }
}

fn is_year(year: u32) -> bool {
    (1946..=2199).contains(&year)
}

/// A number that may be followed by "/" (which `Cursor::number` accepts, as
/// "/" is not a word character).
fn leading_number(cursor: &mut Cursor) -> Option<u32> {
    cursor.number().filter(|n| *n > 0)
}

/// An optional " C" or " A–E" after the number; consumes nothing if absent.
fn parse_part(cursor: &mut Cursor) -> Part {
    let saved = *cursor;
    if !cursor.skip_space() {
        return Part::Whole;
    }
    let Some(first) = cursor.part_letter() else {
        *cursor = saved;
        return Part::Whole;
    };
    let before_range = *cursor;
    if cursor.eat_dash() {
        if let Some(last) = cursor.part_letter() {
            if last > first {
                return Part::Range(first, last);
            }
        }
    }
    *cursor = before_range;
    Part::Letter(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Option<(Designation, String)> {
        let mut cursor = Cursor::new(text, 0);
        let d = Designation::parse(&mut cursor)?;
        Some((d, cursor.rest().to_string()))
    }

    fn ga(text: &str) -> Option<String> {
        parse(text)?.0.symbol(Issuer::GeneralAssembly)
    }

    #[test]
    fn general_assembly_forms() {
        assert_eq!(ga("60/178 of").as_deref(), Some("A/RES/60/178"));
        assert_eq!(ga("48/13 C").as_deref(), Some("A/RES/48/13C"));
        assert_eq!(ga("S-20/2, annex").as_deref(), Some("A/RES/S-20/2"));
        assert_eq!(ga("ES-10/1").as_deref(), Some("A/RES/ES-10/1"));
        assert_eq!(ga("S-20/4 A–E.").as_deref(), Some("A/RES/S-20/4"));
        assert_eq!(ga("2832 (XXVI) of").as_deref(), Some("A/RES/2832(XXVI)"));
        assert_eq!(ga("2200 A (XXI), annex").as_deref(), Some("A/RES/2200A(XXI)"));
        assert_eq!(ga("217 A (III).").as_deref(), Some("A/RES/217A(III)"));
    }

    #[test]
    fn numbers_outside_a_bodys_range_have_no_symbol() {
        assert_eq!(ga("1996/20"), None); // an ECOSOC year, not a session
        assert_eq!(ga("1540 (2004)"), None);
        assert_eq!(ga("1 (XLII)"), None); // roman sessions ended with the thirtieth
        assert_eq!(ga("1"), None);
        let (d, _) = parse("60/178").unwrap();
        assert_eq!(d.symbol(Issuer::EconomicAndSocialCouncil), None);
        assert_eq!(d.symbol(Issuer::Other), None);
    }

    #[test]
    fn other_bodies() {
        let (sc, _) = parse("1540 (2004)").unwrap();
        assert_eq!(sc.symbol(Issuer::SecurityCouncil).as_deref(), Some("S/RES/1540(2004)"));
        let (e, _) = parse("2006/32 of").unwrap();
        let symbol = e.symbol(Issuer::EconomicAndSocialCouncil);
        assert_eq!(symbol.as_deref(), Some("E/RES/2006/32"));
        let (old, _) = parse("1296 (XLIV)").unwrap();
        let symbol = old.symbol(Issuer::EconomicAndSocialCouncil);
        assert_eq!(symbol.as_deref(), Some("E/RES/1296(XLIV)"));
        let (hrc, _) = parse("5/1").unwrap();
        let symbol = hrc.symbol(Issuer::HumanRightsCouncil);
        assert_eq!(symbol.as_deref(), Some("A/HRC/RES/5/1"));
    }

    #[test]
    fn parsing_consumes_only_the_designation() {
        assert_eq!(parse("55/2. 2 See").unwrap().1, ". 2 See");
        assert_eq!(parse("35/142 B of 12").unwrap().1, " of 12");
        assert_eq!(parse("54/132, annex").unwrap().1, ", annex");
        assert!(parse("2005 World Summit").is_none());
        assert!(parse("2008,").is_none());
        assert!(parse("1 (a)").is_none());
    }
}
