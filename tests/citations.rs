//! The citation recognizer measured against a table of cases taken verbatim
//! from the corpus (tests/fixtures/citations.tsv), plus properties that must
//! hold on any input.
//!
//! `cargo test --test citations -- --nocapture` prints precision and recall.

use plenary::cite::{scan, undocs_url, Citation, Context, Issuer, Target};
use proptest::prelude::*;

const TABLE: &str = include_str!("fixtures/citations.tsv");

/// The lowest recall the table may fall to before the test fails.
const MINIMUM_RECALL: f64 = 0.95;

struct Case<'a> {
    line: usize,
    continues_context: bool,
    input: &'a str,
    expected: Vec<&'a str>,
}

fn cases() -> Vec<Case<'static>> {
    TABLE
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.starts_with('#') && !line.trim().is_empty())
        .map(|(index, line)| {
            let fields: Vec<&str> = line.split('\t').collect();
            assert_eq!(fields.len(), 3, "line {}: three tab-separated fields", index + 1);
            let expected = match fields[2] {
                "-" => Vec::new(),
                items => items.split(" | ").collect(),
            };
            Case {
                line: index + 1,
                continues_context: match fields[0] {
                    "new" => false,
                    "same" => true,
                    other => panic!("line {}: context is `new` or `same`, not {other:?}", index + 1),
                },
                input: fields[1],
                expected,
            }
        })
        .collect()
}

fn describe(text: &str, citation: &Citation) -> String {
    format!("{} => {}", &text[citation.span.clone()], citation.target)
}

#[test]
fn corpus_table_precision_and_recall() {
    let cases = cases();
    assert!(cases.len() >= 150, "the table has {} cases", cases.len());
    let mut ctx = Context::default();
    let (mut produced, mut correct, mut expected_total) = (0usize, 0usize, 0usize);
    let mut wrong = Vec::new();
    let mut missed = Vec::new();
    for case in &cases {
        if !case.continues_context {
            ctx = Context::default();
        }
        let found: Vec<String> = scan(case.input, &mut ctx).iter().map(|c| describe(case.input, c)).collect();
        let mut unmatched: Vec<&str> = case.expected.clone();
        for item in &found {
            produced += 1;
            match unmatched.iter().position(|e| e == item) {
                Some(i) => {
                    unmatched.remove(i);
                    correct += 1;
                }
                None => wrong.push(format!("line {}: {item}", case.line)),
            }
        }
        expected_total += case.expected.len();
        missed.extend(unmatched.iter().map(|m| format!("line {}: {m}", case.line)));
    }
    let precision = correct as f64 / produced.max(1) as f64;
    let recall = correct as f64 / expected_total.max(1) as f64;
    println!(
        "citation table: {} cases, {expected_total} expected citations, {produced} produced, {correct} correct",
        cases.len()
    );
    println!("precision {:.2}%  recall {:.2}%", precision * 100.0, recall * 100.0);
    for m in &missed {
        println!("  missed {m}");
    }
    for w in &wrong {
        println!("  WRONG  {w}");
    }
    assert!(wrong.is_empty(), "{} wrong links:\n{}", wrong.len(), wrong.join("\n"));
    assert!(recall >= MINIMUM_RECALL, "recall {recall:.3} below {MINIMUM_RECALL}");
}

/// Forms the corpus does not happen to contain; the inputs are constructed.
#[test]
fn forms_absent_from_the_corpus() {
    let check = |text: &str, expected: &[&str]| {
        let found: Vec<String> = scan(text, &mut Context::default()).iter().map(|c| describe(text, c)).collect();
        assert_eq!(found, expected, "{text}");
    };
    check("Recalling Human Rights Council resolution 5/1 of 18 June 2007,", &["5/1 => A/HRC/RES/5/1"]);
    check(
        "Recalling its resolution ES-10/1 and resolution 48/13 C,",
        &["ES-10/1 => A/RES/ES-10/1", "48/13 C => A/RES/48/13C"],
    );
    check("Recalling paragraph 5 of its resolution 60/178,", &["60/178 => A/RES/60/178, para. 5"]);
    check(
        "as set out in paragraph 7 of the present resolution and in section II above,",
        &["7 => present resolution, para. 7", "II => present resolution, sect. II"],
    );
    check("Recalling Security Council resolution 1540 (2004),", &["1540 (2004) => S/RES/1540(2004)"]);
    // A Commission's resolution is never a General Assembly one.
    check("Commission on Narcotic Drugs resolutions 44/16 and 45/17", &[]);
    // Without a named Security Council, "(2004)" is not enough.
    check("resolution 1540 (2004)", &[]);
}

#[test]
fn bare_sections_belong_to_a_resolution_with_sections() {
    let text = "Decides that the measures set out in section II shall apply;";
    assert!(scan(text, &mut Context::default()).is_empty());
    let mut ctx = Context::default().with_sections(["I".to_string(), "II".to_string()]);
    let found: Vec<String> = scan(text, &mut ctx).iter().map(|c| describe(text, c)).collect();
    assert_eq!(found, ["II => present resolution, sect. II"]);
    let report = "(A/80/156), part I, Conclusions and recommendations, section I, entitled “Nuclear disarmament”";
    let found: Vec<String> = scan(report, &mut ctx).iter().map(|c| describe(report, c)).collect();
    assert_eq!(found, ["A/80/156 => A/80/156"], "the section is the report's");
}

#[test]
fn the_author_decides_bare_resolutions() {
    let text = "Recalling its resolution 2006/32,";
    let mut ecosoc = Context::new(Issuer::EconomicAndSocialCouncil);
    let found = scan(text, &mut ecosoc);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].target.to_string(), "E/RES/2006/32");
    assert!(scan(text, &mut Context::default()).is_empty());
}

#[test]
fn undocs_links() {
    let found = scan("See resolution 55/2.", &mut Context::default());
    let Target::Document { symbol, .. } = &found[0].target else {
        panic!("a document");
    };
    assert_eq!(undocs_url(symbol), "https://undocs.org/A/RES/55/2");
}

fn citation_like() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "resolution ",
        "resolutions ",
        "Resolution ",
        "its ",
        "Council ",
        "Security ",
        "General Assembly ",
        "Commission ",
        "60/178",
        "S-20/4",
        "ES-",
        "A–E",
        " A",
        " and ",
        ", ",
        "(XXVI)",
        "(2004)",
        " (",
        ")",
        "1540",
        "of 12 December 1997",
        "Ibid.",
        "ibid",
        ", vol. 976, No. 14152",
        "United Nations, Treaty Series",
        ", annex",
        "es I–III",
        ", para. ",
        "paragraph ",
        "section ",
        "II",
        " above",
        " of the present resolution",
        "A/79/634-S/2024/869",
        "E/2002/28",
        " and Corr.1 and 2",
        "/",
        "-",
        "é",
        "–",
        "\u{a0}",
        "\n",
        ".",
        "5",
        "(a)",
        "chap. I, ",
        "GC(69)",
        "HIV/AIDS",
    ]);
    prop::collection::vec(pieces, 0..24).prop_map(|parts| parts.concat())
}

fn assert_well_formed(text: &str, citations: &[Citation]) {
    let mut end = 0;
    for c in citations {
        assert!(c.span.start < c.span.end, "empty span {:?} in {text:?}", c.span);
        assert!(c.span.start >= end, "overlap or disorder at {:?} in {text:?}", c.span);
        assert!(c.span.end <= text.len());
        assert!(text.is_char_boundary(c.span.start) && text.is_char_boundary(c.span.end));
        end = c.span.end;
    }
}

proptest! {
    #[test]
    fn arbitrary_text_never_panics(texts in prop::collection::vec(any::<String>(), 1..4)) {
        let mut ctx = Context::default();
        for text in &texts {
            let citations = scan(text, &mut ctx);
            assert_well_formed(text, &citations);
        }
    }

    #[test]
    fn citation_like_text_gives_valid_spans(texts in prop::collection::vec(citation_like(), 1..4)) {
        let mut ctx = Context::default().with_sections(["I".to_string(), "II".to_string()]);
        for text in &texts {
            let citations = scan(text, &mut ctx);
            assert_well_formed(text, &citations);
        }
    }
}
