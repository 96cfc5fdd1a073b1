//! `plenary serve [--root DIR] [--port N]`: serves the site on 127.0.0.1 from
//! memory, rebuilding what a change affects and reloading open pages (src/serve).
//! Runs until stopped (Ctrl-C).

use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The site root: the directory holding plenary.toml and content/.
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Port on 127.0.0.1 (0: any free port).
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
}

pub fn run(args: ServeArgs) -> anyhow::Result<ExitCode> {
    let server = crate::serve::Server::start(&args.root, args.port, true)?;
    println!("serving {} on http://{}/ (Ctrl-C to stop)", args.root.display(), server.addr());
    server.wait();
    Ok(ExitCode::SUCCESS)
}
