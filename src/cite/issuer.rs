//! Who adopted a resolution: decided from the words before "resolution(s)".
//!
//! * A named body right before the word decides: "Security Council
//!   resolution", "Economic and Social Council resolution", "Assembly
//!   resolution". A bare "Council resolution" means the council most recently
//!   named in the text. Any other capitalised name ("Commission on Narcotic
//!   Drugs resolution") is [`Issuer::Other`], which is never linked.
//! * Otherwise ("its resolution", "See resolution", "of resolution") the
//!   subject is found in the text: right after a participle or operative verb
//!   ("Recalling its resolutions", "Also reaffirms its resolution") it is the
//!   author of the text; otherwise it is the body most recently named before
//!   the word, and the author if none is named.
//! * A resolution cited as an item of a report ("chap. I, resolution 42/11")
//!   is never resolved: it belongs to whatever body the report records.

use regex::Regex;
use std::sync::LazyLock;

/// The body that adopted a resolution.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Issuer {
    GeneralAssembly,
    SecurityCouncil,
    EconomicAndSocialCouncil,
    HumanRightsCouncil,
    /// Any other body (a commission, a conference, an agency...): its
    /// resolutions are not linked.
    Other,
}

impl Issuer {
    /// Who wrote a resolution adopted by `body` (the masthead's organ), whatever its
    /// case and spacing and with or without "the".
    pub fn of_body(body: &str) -> Issuer {
        let words: Vec<&str> = body.split_whitespace().collect();
        match words.join(" ").to_lowercase().trim_start_matches("the ") {
            "general assembly" => Issuer::GeneralAssembly,
            "security council" => Issuer::SecurityCouncil,
            "economic and social council" => Issuer::EconomicAndSocialCouncil,
            "human rights council" => Issuer::HumanRightsCouncil,
            _ => Issuer::Other,
        }
    }
}

/// Names of bodies that adopt resolutions, the longest first so that
/// "Security Council" wins over "Council". Bare "Council" is resolved
/// separately. Groups, programmes, offices and the like do not adopt
/// resolutions, so "the Group of Governmental Experts ... pursuant to its
/// resolution 72/250" still finds the author.
static BODY_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(?:(Economic\s+and\s+Social\s+Council)|(Human\s+Rights\s+Council)|(Security\s+Council)|(General\s+Assembly|Assembly)|(Council)|(Commission|Committee|Conference|Board|Agency|Organization|Union|Parties))\b",
    )
    .expect("valid regex")
});

/// A report locator right before the word: "chap. I, ", "sect. C, ",
/// "part two, ", "Supplement No. 8, ".
static REPORT_LOCATOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:\b(?:chap|sect|para|vol)\.\s*\S{1,12}|\bpart\s+\w+|\bSupplement\s+No\.\s*\d+)\s*,\s*$")
        .expect("valid regex")
});

/// A participle or operative verb, possibly with an adverb, right before
/// "its": the subject is the author of the text.
static AUTHOR_VERB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:^|[\s,;])(?:[A-Za-z]+ing|[A-Z][a-z]+s)(?:\s+(?:also|further|again|once\s+again|in\s+particular|in\s+this\s+context,?))*\s+$",
    )
    .expect("valid regex")
});

/// Words that may begin a sentence and are never the name of a body.
static NOT_A_BODY: [&str; 6] = ["See", "Resolution", "Resolutions", "Also", "Including", "In"];

/// Decides who adopted the resolution cited by the "resolution(s)" word that
/// starts at byte `keyword` of `text`, for a text written by `author`.
/// `None` means it cannot be told soundly.
pub(crate) fn issuer_before(text: &str, keyword: usize, author: Issuer) -> Option<Issuer> {
    let before = text.get(..keyword)?;
    let trimmed = before.trim_end();
    match word_before(trimmed) {
        WordBefore::Name(issuer) => return issuer,
        WordBefore::Ordinary => {}
    }
    if REPORT_LOCATOR.is_match(trimmed) || trimmed.ends_with(',') && ends_in_report(trimmed) {
        return None;
    }
    if let Some(without_its) = trimmed.strip_suffix("its") {
        if AUTHOR_VERB.is_match(without_its) {
            return Some(author);
        }
    }
    if AUTHOR_VERB.is_match(before) {
        return Some(author);
    }
    match BODY_NAME.captures_iter(before).last() {
        None => Some(author),
        Some(caps) => body_of(&caps, before),
    }
}

/// A report reference ending in a comma, as in "Sales No. E.96.IV.13),
/// chap. I, resolution 1": the resolution is an item of that report.
fn ends_in_report(trimmed: &str) -> bool {
    trimmed.trim_end_matches(',').ends_with(')')
}

/// What the word right before "resolution" is.
enum WordBefore {
    /// A name: of a body (`Some`), or something that cannot be told (`None`),
    /// as "GC(69)" or a number.
    Name(Option<Issuer>),
    /// An ordinary word ("its", "of", "See"): the subject must be looked for.
    Ordinary,
}

fn word_before(before: &str) -> WordBefore {
    if let Some(caps) = BODY_NAME.captures_iter(before).last() {
        if caps.get(0).is_some_and(|m| m.end() == before.len()) {
            return WordBefore::Name(body_of(&caps, before));
        }
    }
    let last_word_start = before
        .rfind(|c: char| c.is_whitespace() || c == '(' || c == '[')
        .map_or(0, |i| i + before[i..].chars().next().map_or(1, char::len_utf8));
    let last_word = &before[last_word_start..];
    let capitalised = last_word.chars().next().is_some_and(char::is_uppercase);
    let sentence_start =
        before[..last_word_start].trim_end().chars().last().is_none_or(|c| matches!(c, '.' | ';' | ':' | '(' | '['));
    if capitalised && !sentence_start && !NOT_A_BODY.contains(&last_word) {
        WordBefore::Name(Some(Issuer::Other))
    } else if !last_word.is_empty() && (last_word.ends_with(')') || last_word.chars().all(|c| c.is_ascii_digit())) {
        // "GC(69)", "2005": not a sentence word; stay away.
        WordBefore::Name(None)
    } else {
        WordBefore::Ordinary
    }
}

fn body_of(caps: &regex::Captures, before: &str) -> Option<Issuer> {
    if caps.get(1).is_some() {
        Some(Issuer::EconomicAndSocialCouncil)
    } else if caps.get(2).is_some() {
        Some(Issuer::HumanRightsCouncil)
    } else if caps.get(3).is_some() {
        Some(Issuer::SecurityCouncil)
    } else if let Some(assembly) = caps.get(4) {
        let bare = assembly.as_str() == "Assembly";
        if bare && (qualified(&before[..assembly.start()]) || of_another(&before[assembly.end()..])) {
            // "World Health Assembly", "Environment Assembly".
            Some(Issuer::Other)
        } else {
            Some(Issuer::GeneralAssembly)
        }
    } else if let Some(council) = caps.get(5) {
        if qualified(&before[..council.start()]) || of_another(&before[council.end()..]) {
            // "Trusteeship Council", "Governing Council".
            return Some(Issuer::Other);
        }
        Some(last_named_council(&before[..council.start()]).unwrap_or(Issuer::Other))
    } else {
        Some(Issuer::Other)
    }
}

/// Whether a bare "Assembly" or "Council" is part of a longer name: the word
/// before it is capitalised and does not start a sentence.
fn qualified(before: &str) -> bool {
    let before = before.trim_end();
    let word_start =
        before.rfind(char::is_whitespace).map_or(0, |i| i + before[i..].chars().next().map_or(1, char::len_utf8));
    let word = &before[word_start..];
    let capitalised = word.chars().next().is_some_and(char::is_uppercase);
    let sentence_start =
        before[..word_start].trim_end().chars().last().is_none_or(|c| matches!(c, '.' | ';' | ':' | '(' | '['));
    capitalised && !sentence_start
}

static OF_NAME: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\s+of\s+(?:the\s+)?[A-Z]").expect("valid regex"));

/// Whether a bare "Assembly" or "Council" is followed by "of" and a name:
/// "Council of Europe", "Assembly of States Parties".
fn of_another(after: &str) -> bool {
    OF_NAME.is_match(after)
}

/// The council most recently named in full before a bare "Council".
fn last_named_council(before: &str) -> Option<Issuer> {
    BODY_NAME
        .captures_iter(before)
        .filter_map(|caps| {
            [(1, Issuer::EconomicAndSocialCouncil), (2, Issuer::HumanRightsCouncil), (3, Issuer::SecurityCouncil)]
                .into_iter()
                .find(|(group, _)| caps.get(*group).is_some())
                .map(|(_, issuer)| issuer)
        })
        .last()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_author_of_a_resolution_is_its_organ() {
        assert_eq!(Issuer::of_body("General Assembly"), Issuer::GeneralAssembly);
        assert_eq!(Issuer::of_body("the  general Assembly"), Issuer::GeneralAssembly);
        assert_eq!(Issuer::of_body("Economic and Social\nCouncil"), Issuer::EconomicAndSocialCouncil);
        assert_eq!(Issuer::of_body("Commission on Narcotic Drugs"), Issuer::Other);
        assert_eq!(Issuer::of_body(""), Issuer::Other);
    }

    fn issuer(text: &str) -> Option<Issuer> {
        let keyword = text.to_ascii_lowercase().rfind("resolution").unwrap();
        issuer_before(text, keyword, Issuer::GeneralAssembly)
    }

    #[test]
    fn named_bodies() {
        use Issuer::*;
        assert_eq!(issuer("of Security Council resolution"), Some(SecurityCouncil));
        assert_eq!(issuer("Economic and Social\nCouncil resolution"), Some(EconomicAndSocialCouncil));
        assert_eq!(issuer("Human Rights Council resolution"), Some(HumanRightsCouncil));
        assert_eq!(issuer("Assembly resolution"), Some(GeneralAssembly));
        assert_eq!(
            issuer("Security Council, and the Parliamentary Assembly of the Council of Europe, in its resolution"),
            Some(Other)
        );
        assert_eq!(issuer("the Assembly of States Parties, in its resolution"), Some(Other));
        assert_eq!(issuer("of Commission on Narcotic Drugs resolution"), Some(Other));
        assert_eq!(
            issuer("Security Council resolution 1645 (2005), Assembly resolution 65/7 and Council resolution"),
            Some(SecurityCouncil)
        );
        assert_eq!(issuer("and Council resolution"), Some(Other));
        assert_eq!(issuer("the World Health Assembly resolution"), Some(Other));
        assert_eq!(issuer("Security Council and the Trusteeship Council resolution"), Some(Other));
        assert_eq!(issuer("Assembly resolution"), Some(GeneralAssembly));
        assert_eq!(
            issuer("Security Council, and the Parliamentary Assembly of the Council of Europe, in its resolution"),
            Some(Other)
        );
        assert_eq!(issuer("the Assembly of States Parties, in its resolution"), Some(Other));
    }

    #[test]
    fn the_subject_of_its() {
        use Issuer::*;
        assert_eq!(issuer("Recalling its resolution"), Some(GeneralAssembly));
        assert_eq!(issuer("Also reaffirms its resolution"), Some(GeneralAssembly));
        assert_eq!(
            issuer("recommendations adopted by the Commission on Narcotic Drugs at its forty-fourth session, in particular in its resolution"),
            Some(Other)
        );
        assert_eq!(
            issuer("the Commission on Narcotic Drugs, and recalling also its resolution"),
            Some(GeneralAssembly)
        );
    }

    #[test]
    fn bare_resolutions() {
        use Issuer::*;
        assert_eq!(issuer("See resolution"), Some(GeneralAssembly));
        assert_eq!(issuer("Resolution"), Some(GeneralAssembly));
        assert_eq!(issuer("on the implementation of resolution"), Some(GeneralAssembly));
        assert_eq!(issuer("Supplement No. 8 (E/1999/28/Rev.1), part two, chap. I, resolution"), None);
        assert_eq!(issuer("(Sales No. E.96.IV.13), chap. I, resolution"), None);
    }
}
