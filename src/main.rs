//! The `plenary` command line: parses arguments and hands each subcommand to its
//! module under `commands`.

use clap::Parser;
use plenary::commands::{self, Cli};

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
