//! Property tests: the importer never panics, whatever it is given (arbitrary bytes,
//! real resolutions cut, shuffled and corrupted), and whatever it produces survives
//! the Markdown round trip byte for byte.

mod common;

use plenary::{ingest, markdown};
use proptest::prelude::*;
use std::sync::OnceLock;

fn corpus() -> &'static Vec<String> {
    static TEXTS: OnceLock<Vec<String>> = OnceLock::new();
    TEXTS.get_or_init(|| common::corpus_files().iter().map(|p| std::fs::read_to_string(p).unwrap()).collect())
}

#[derive(Debug, Clone)]
enum Mutation {
    DeleteLine(usize),
    DuplicateLine(usize),
    SwapLines(usize, usize),
    InsertText(usize, String),
    Truncate(usize),
    ReplaceChar(usize, char),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let texts = prop_oneof![
        Just("1.".to_string()),
        Just("(a)".to_string()),
        Just("II".to_string()),
        Just("Annex".to_string()),
        Just("_______________".to_string()),
        Just("12 See resolution 55/2.".to_string()),
        Just("82nd plenary meeting".to_string()),
        Just("The General Assembly,".to_string()),
        Just("{#op1} *x* [^3] <script>".to_string()),
        "\\PC{0,40}",
    ];
    prop_oneof![
        any::<usize>().prop_map(Mutation::DeleteLine),
        any::<usize>().prop_map(Mutation::DuplicateLine),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        (any::<usize>(), texts).prop_map(|(a, t)| Mutation::InsertText(a, t)),
        any::<usize>().prop_map(Mutation::Truncate),
        (any::<usize>(), any::<char>()).prop_map(|(a, c)| Mutation::ReplaceChar(a, c)),
    ]
}

fn apply(text: &str, mutations: &[Mutation]) -> String {
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    for m in mutations {
        let n = lines.len().max(1);
        match m {
            Mutation::DeleteLine(i) if !lines.is_empty() => {
                lines.remove(i % n);
            }
            Mutation::DuplicateLine(i) if !lines.is_empty() => {
                let l = lines[i % n].clone();
                lines.insert(i % n, l);
            }
            Mutation::SwapLines(a, b) if !lines.is_empty() => lines.swap(a % n, b % n),
            Mutation::InsertText(i, t) => lines.insert(i % (lines.len() + 1), t.clone()),
            Mutation::Truncate(i) => lines.truncate(i % (lines.len() + 1)),
            Mutation::ReplaceChar(i, c) if !lines.is_empty() => {
                let line = &mut lines[i % n];
                let chars: Vec<char> = line.chars().collect();
                if !chars.is_empty() {
                    let at = i % chars.len();
                    *line = chars[..at].iter().chain(std::iter::once(c)).chain(&chars[at + 1..]).collect();
                }
            }
            _ => {}
        }
    }
    lines.join("\n")
}

fn round_trips(bytes: &[u8]) -> Result<(), TestCaseError> {
    if let Ok(imported) = ingest::import(bytes) {
        let md = markdown::write(&imported.resolution);
        let loaded = markdown::load(&md)
            .map_err(|e| TestCaseError::fail(format!("written Markdown does not load: {e}\n{md}")))?;
        let again = markdown::write(&loaded);
        if again != md {
            let (line, (a, b)) =
                md.lines().zip(again.lines()).enumerate().find(|(_, (a, b))| a != b).unwrap_or((0, ("", "")));
            return Err(TestCaseError::fail(format!("round trip differs at line {}:\n{a}\n{b}", line + 1)));
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        round_trips(&bytes)?;
    }

    #[test]
    fn mutated_resolutions_never_panic_and_round_trip(
        which in any::<usize>(),
        mutations in proptest::collection::vec(mutation(), 1..12),
    ) {
        let texts = corpus();
        let text = apply(&texts[which % texts.len()], &mutations);
        round_trips(text.as_bytes())?;
    }
}
