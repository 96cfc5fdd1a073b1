//! Subcommands of the `plenary` CLI, one module each, and their argument types.

pub mod build;
pub mod check;
pub mod generate;
pub mod import;
pub mod init;
pub mod serve;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Plenary: a static site generator for annotated resolution publications.
#[derive(Debug, Parser)]
#[command(name = "plenary", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Import extracted resolution texts into structured Markdown.
    Import(import::ImportArgs),
    /// Build the static site from content/ into public/.
    Build(build::BuildArgs),
    /// Create a new site: plenary.toml, content/, templates/, static/.
    Init(init::InitArgs),
    /// Check a built site: links, fragments, ids, footnotes; list external hosts.
    Check(check::CheckArgs),
    /// Generate a collection of N resolutions from the bundled ones (for benchmarks).
    Generate(generate::GenerateArgs),
    /// Serve the site on 127.0.0.1, rebuilding and reloading pages as files change.
    Serve(serve::ServeArgs),
}

pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Import(args) => import::run(args),
        Command::Build(args) => build::run(args),
        Command::Init(args) => init::run(args),
        Command::Check(args) => check::run(args),
        Command::Generate(args) => generate::run(args),
        Command::Serve(args) => serve::run(args),
    }
}
