//! `plenary generate --count N --out DIR [--from content]`: writes a site of N
//! generated resolutions derived from the Markdown files under `--from` (the
//! bundled collection by default), for benchmarks and load tests (src/generate).

use crate::progress::Progress;
use crate::site::content;
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// How many resolutions to generate.
    #[arg(long)]
    pub count: usize,
    /// The new site root (absent or empty): plenary.toml and content/ are written in it.
    #[arg(long)]
    pub out: PathBuf,
    /// Directory of Markdown resolutions to derive the collection from.
    #[arg(long, default_value = "content")]
    pub from: PathBuf,
    /// Print nothing but errors.
    #[arg(long, short)]
    pub quiet: bool,
}

pub fn run(args: GenerateArgs) -> anyhow::Result<ExitCode> {
    let start = std::time::Instant::now();
    let templates: Vec<_> = content::load_dir(&args.from, &args.from)?.into_iter().map(|s| s.resolution).collect();
    let progress = if args.quiet { Progress::hidden() } else { Progress::new(args.count as u64, "generating") };
    let bytes = crate::generate::generate(&templates, args.count, &args.out, &|| progress.inc(1))?;
    progress.finish();
    if !args.quiet {
        println!(
            "generated {} resolutions ({:.1} MB of Markdown) from {} templates into {} in {:.2?}",
            args.count,
            bytes as f64 / 1e6,
            templates.len(),
            args.out.display(),
            start.elapsed()
        );
    }
    Ok(ExitCode::SUCCESS)
}
