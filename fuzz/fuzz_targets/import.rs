//! Fuzz target `import`: any bytes through the importer (extracted text and Akoma
//! Ntoso). It must answer with a model or an [`ImportError`], never panic; and a
//! model it returns must survive the trip to structured Markdown and back.

#![no_main]

use libfuzzer_sys::fuzz_target;
use plenary::{ingest, markdown};

fuzz_target!(|data: &[u8]| {
    for path in [None, Some(std::path::Path::new("input.xml"))] {
        if let Ok(imported) = ingest::import_any(data, path) {
            let md = markdown::write(&imported.resolution);
            if let Err(e) = markdown::load(&md) {
                panic!("the Markdown written for an imported resolution does not load: {e}\n{md}");
            }
        }
    }
});
