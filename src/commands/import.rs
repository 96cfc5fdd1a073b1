//! `plenary import FILE|DIR... [--out content] [--format markdown|json]`: runs the
//! importer over each input file (extracted text, or Akoma Ntoso XML), writes one Markdown file per resolution at the
//! path its symbol gives (`content/A/RES/61/183.md`), or prints the JSON model.
//! One bad file does not stop the batch; a summary ends the run and the exit status
//! is non-zero if any file failed.

use crate::ingest;
use crate::paths;
use anyhow::Context;
use clap::{Args, ValueEnum};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Text or Akoma Ntoso files, or directories to search for `.txt` and `.xml` files.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// Directory the Markdown files are written under.
    #[arg(long, default_value = "content")]
    pub out: PathBuf,
    /// What to produce.
    #[arg(long, value_enum, default_value_t = Format::Markdown)]
    pub format: Format,
    /// Print nothing but errors and the summary.
    #[arg(long, short)]
    pub quiet: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Markdown,
    Json,
}

pub fn run(args: ImportArgs) -> anyhow::Result<ExitCode> {
    let files = input_files(&args.inputs)?;
    let mut failed = 0usize;
    let mut written = 0usize;
    let mut warned = 0usize;
    let mut seen: BTreeMap<String, PathBuf> = BTreeMap::new();
    for file in &files {
        let result = import_one(file, &args, &mut seen);
        match result {
            Ok(warnings) => {
                written += 1;
                warned += warnings.len();
                if !args.quiet {
                    for w in warnings {
                        eprintln!("warning: {}:{}: {}", file.display(), w.line, w.message);
                    }
                }
            }
            Err(err) => {
                failed += 1;
                eprintln!("error: {}: {err:#}", file.display());
            }
        }
    }
    eprintln!(
        "imported {written} of {} file{}, {failed} failed, {warned} warning{}",
        files.len(),
        if files.len() == 1 { "" } else { "s" },
        if warned == 1 { "" } else { "s" }
    );
    Ok(if failed > 0 { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

fn import_one(
    file: &Path,
    args: &ImportArgs,
    seen: &mut BTreeMap<String, PathBuf>,
) -> anyhow::Result<Vec<ingest::Warning>> {
    let size = std::fs::metadata(file).with_context(|| "cannot read the file")?.len();
    if size > ingest::MAX_INPUT as u64 {
        anyhow::bail!("the file is {size} bytes, more than the {}-byte limit for one resolution", ingest::MAX_INPUT);
    }
    let bytes = std::fs::read(file).context("cannot read the file")?;
    let imported = ingest::import_any(&bytes, Some(file))?;
    let symbol = imported.resolution.meta.symbol.clone();
    if let Some(first) = seen.get(&symbol) {
        anyhow::bail!("symbol {symbol} was already imported from {}; not written twice", first.display());
    }
    seen.insert(symbol.clone(), file.to_path_buf());
    match args.format {
        Format::Json => print!("{}", crate::export::json::to_string(&imported.resolution)),
        Format::Markdown => {
            let target = paths::source_path(&args.out, &symbol)?;
            paths::write_atomic(&target, crate::markdown::write(&imported.resolution).as_bytes())?;
        }
    }
    Ok(imported.warnings)
}

/// The files named, and the files inside directories named, in a stable order.
fn input_files(inputs: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for input in inputs {
        let meta =
            std::fs::metadata(input).with_context(|| format!("{}: no such file or directory", input.display()))?;
        if meta.is_dir() {
            let mut found: Vec<PathBuf> = walkdir::WalkDir::new(input)
                .sort_by_file_name()
                .into_iter()
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_file())
                .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
                .filter(|e| e.path().extension().is_some_and(|x| x == "txt" || x == "xml"))
                .map(|e| e.into_path())
                .collect();
            found.sort();
            out.extend(found);
        } else {
            out.push(input.clone());
        }
    }
    Ok(out)
}
