//! `plenary build [--root DIR] [--out DIR]`: loads the site (plenary.toml and
//! content/), renders it with the built-in or the site's templates and assets, and
//! swaps the result into the output directory (public/ by default). Says where to
//! open the site; warnings go to stderr; a failure leaves the previous output as it was.
//! Citations are linked by the link stage (`link::Corpus`) before rendering.

use crate::link::Corpus;
use crate::render;
use crate::site::Site;
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// The site root: the directory holding plenary.toml and content/.
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Output directory (default: output_dir of plenary.toml, relative to the root).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Print nothing but errors and warnings.
    #[arg(long, short)]
    pub quiet: bool,
    /// Skip reading the written site back with `plenary check`.
    #[arg(long)]
    pub no_check: bool,
}

pub fn run(args: BuildArgs) -> anyhow::Result<ExitCode> {
    let site = Site::load(&args.root)?;
    let output = match &args.out {
        Some(out) => out.clone(),
        None => crate::site::display_path(&args.root, &site.config.output_dir),
    };
    let start = std::time::Instant::now();
    let corpus = Corpus::build(&site);
    let progress = if args.quiet {
        crate::progress::Progress::hidden()
    } else {
        crate::progress::Progress::new(
            (site.config.outputs.files_per_resolution() * site.resolutions.len()) as u64,
            "building",
        )
    };
    // The pages are checked as they are written, before the site replaces the previous one.
    let verify = |report: &crate::check::Report| -> anyhow::Result<()> {
        progress.finish();
        super::check::before_swap(report, &output, args.quiet)
    };
    let verify: Option<&render::Verify> = if args.no_check { None } else { Some(&verify) };
    let report = render::build_with_progress(
        &site,
        &output,
        LinkStage::new(corpus, site.config.outputs.search),
        &|n| progress.inc(n as u64),
        verify,
    );
    progress.finish();
    let report = report?;
    for w in &report.warnings {
        eprintln!("warning: {w}");
    }
    if !args.quiet {
        let index = report.output.join("index.html");
        let shown = std::fs::canonicalize(&index).unwrap_or(index);
        println!(
            "built {} resolution{} ({} pages, {} files) into {} in {:.2?}",
            report.resolutions,
            if report.resolutions == 1 { "" } else { "s" },
            report.pages,
            report.files,
            report.output.display(),
            start.elapsed()
        );
        println!("open file://{}", shown.display());
    }
    // The process ends with this command: the model's memory goes back with it
    // rather than being freed piece by piece on one thread.
    std::mem::forget(site);
    Ok(ExitCode::SUCCESS)
}

/// The link stage's data as rendering owns it: freed once the pages are rendered
/// if the search index, made after them, needs the room; otherwise it goes back
/// with the process, like the model, rather than being freed piece by piece.
struct LinkStage {
    corpus: Option<Box<Corpus>>,
    free: bool,
}

impl LinkStage {
    fn new(corpus: Corpus, free: bool) -> LinkStage {
        LinkStage { corpus: Some(Box::new(corpus)), free }
    }
}

impl std::ops::Deref for LinkStage {
    type Target = dyn render::Links;

    fn deref(&self) -> &(dyn render::Links + 'static) {
        self.corpus.as_deref().expect("the corpus is taken only when dropped")
    }
}

impl Drop for LinkStage {
    fn drop(&mut self) {
        if !self.free {
            std::mem::forget(self.corpus.take());
        }
    }
}
