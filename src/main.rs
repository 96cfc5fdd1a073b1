//! The `plenary` command line: parses arguments and hands each subcommand to its
//! module under `commands`.

use clap::Parser;
use plenary::commands::{self, Cli, Command};

/// The build allocates and frees millions of small strings from every thread;
/// mimalloc does that at a fraction of the cost of the system allocator
/// (docs/performance.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay` (the option's place in `mi_option_e` of
/// mimalloc 3, which libmimalloc-sys does not name).
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Commands that run to completion keep the memory they free for their next
/// allocations instead of handing it back to the kernel a second later: a build
/// frees and allocates again all the time, and each page handed back is faulted in
/// and zeroed again at its next use (a pages-only build of 10,000 took 24,000 to
/// 32,000 page faults; 1,300 with this, and its peak memory is the same within 1 %).
/// `plenary serve` keeps the default: it lives on between rebuilds.
/// `MIMALLOC_PURGE_DELAY`, when set, is left to decide.
fn keep_freed_memory(command: &Command) {
    if matches!(command, Command::Serve(_)) || std::env::var_os("MIMALLOC_PURGE_DELAY").is_some() {
        return;
    }
    // SAFETY: sets one of mimalloc's options, which it reads with atomics; any
    // value is valid (-1: never purge).
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, -1) };
}

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    keep_freed_memory(&cli.command);
    match commands::run(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {err:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
