//! The `plenary` command line: parses arguments and hands each subcommand to its
//! module under `commands`.

use clap::Parser;
use plenary::commands::{self, Cli};

/// The build allocates and frees millions of small strings from every thread;
/// mimalloc does that at a fraction of the cost of the system allocator
/// (docs/performance.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    match commands::run(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {err:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
