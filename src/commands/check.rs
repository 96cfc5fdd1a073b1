//! `plenary check [DIR]`: verifies a built site (public/ by default, or the output
//! directory of ./plenary.toml): internal links and fragments, duplicate ids,
//! footnotes; lists external links by host. Prints each problem as
//! `public/A/RES/61/183/index.html: link "…" → missing fragment` and exits non-zero
//! if there is any.

use crate::check::{self, Report};
use crate::site::Config;
use clap::Args;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The built site (default: output_dir of ./plenary.toml, else public).
    pub dir: Option<PathBuf>,
    /// Print only the problems and the summary, not the external hosts.
    #[arg(long, short)]
    pub quiet: bool,
}

pub fn run(args: CheckArgs) -> anyhow::Result<ExitCode> {
    let dir = match args.dir {
        Some(d) => d,
        None => Config::load(Path::new("."))?.output_dir,
    };
    let report = check::check_dir(&dir, &dir)?;
    print(&report, args.quiet);
    Ok(if report.is_ok() { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

/// Prints the problems (stderr), the external hosts unless `quiet`, and the summary.
pub fn print(report: &Report, quiet: bool) {
    for p in &report.problems {
        eprintln!("{p}");
    }
    if !quiet && !report.external.is_empty() {
        println!("external links (not fetched):");
        for (host, n) in &report.external {
            println!("  {host}: {n}");
        }
    }
    println!("{}", report.summary());
}

/// Judges the check `plenary build` ran on what it wrote, before it replaces
/// `output`: quiet when all is well; the problems (named under `output`) and an
/// error otherwise.
pub fn before_swap(report: &Report, output: &Path, quiet: bool) -> anyhow::Result<()> {
    if report.is_ok() {
        if !quiet {
            println!("{}", report.summary());
        }
        return Ok(());
    }
    for p in &report.problems {
        eprintln!("{p}");
    }
    anyhow::bail!(
        "the built site has {} problem{} ({}), so the previous site in {} was left as it was; \
         fix the content or templates, or build with --no-check",
        report.problems.len(),
        if report.problems.len() == 1 { "" } else { "s" },
        report.summary(),
        output.display()
    )
}
