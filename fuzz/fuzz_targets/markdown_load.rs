//! Fuzz target `markdown_load`: any text through the structured Markdown loader. It
//! must answer with a model or a `LoadError`, never panic; a model it loads must be
//! written and loaded back unchanged (write → load → write is byte-identical).

#![no_main]

use libfuzzer_sys::fuzz_target;
use plenary::markdown;

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else { return };
    let Ok(res) = markdown::load(src) else { return };
    let md = markdown::write(&res);
    let again = match markdown::load(&md) {
        Ok(r) => r,
        Err(e) => panic!("written Markdown does not load: {e}\n{md}"),
    };
    assert_eq!(again, res, "the model changed through write → load\n{md}");
    assert_eq!(markdown::write(&again), md, "write → load → write is not byte-identical");
});
