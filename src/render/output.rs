//! The output directory, written atomically: pages go into a staging directory
//! beside the output (`.public.build-<pid>`), which replaces the output only once
//! everything is written (old → `.public.old-<pid>`, staging → output, old removed).
//! A build that fails leaves the previous site untouched and its staging removed;
//! what a killed build left behind (its staging or backup directory, named after a
//! process that no longer runs) is removed by the next build.
//!
//! **In**: the output path and the site's own directories. **Out**: files on disk.
//! Refuses an output that is the site root (or contains it), that overlaps content/,
//! templates/ or static/, or that is an existing directory not written by Plenary.

use anyhow::{bail, Context};
use rayon::prelude::*;
use std::path::{Component, Path, PathBuf};

/// Marks a directory as written by `plenary build`, so it may be replaced.
pub const MARKER: &str = ".plenary-build";
const MARKER_TEXT: &str = "This directory is written by `plenary build` and replaced as a whole on each build.\n";

/// A staging directory that becomes the output on [`Output::commit`].
#[derive(Debug)]
pub struct Output {
    target: PathBuf,
    staging: PathBuf,
    committed: bool,
    /// Directories made so far (each is made once, not once per file).
    made: std::sync::Mutex<std::collections::HashSet<PathBuf>>,
}

impl Output {
    /// Checks `target` and creates an empty staging directory beside it.
    pub fn prepare(target: &Path) -> anyhow::Result<Output> {
        if let Ok(meta) = std::fs::symlink_metadata(target) {
            if !meta.is_dir() {
                bail!(
                    "the output {} exists and is not a directory; remove it or choose another output",
                    target.display()
                );
            }
            let empty = std::fs::read_dir(target).map(|mut d| d.next().is_none()).unwrap_or(false);
            if !empty && !target.join(MARKER).is_file() {
                bail!(
                    "the output {} is a directory that `plenary build` did not write (it has no {MARKER} file); \
                     it would be replaced as a whole: remove it yourself, or choose another output directory",
                    target.display()
                );
            }
        }
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .ok_or_else(|| anyhow::anyhow!("the output {} has no directory name", target.display()))?;
        let parent = target.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent).with_context(|| format!("cannot create {}", parent.display()))?;
        remove_leftovers(parent, &name);
        let staging = parent.join(format!(".{name}.build-{}", std::process::id()));
        if staging.exists() {
            std::fs::remove_dir_all(&staging).with_context(|| format!("cannot remove {}", staging.display()))?;
        }
        std::fs::create_dir(&staging).with_context(|| format!("cannot create {}", staging.display()))?;
        std::fs::write(staging.join(MARKER), MARKER_TEXT)
            .with_context(|| format!("cannot write in {}", staging.display()))?;
        Ok(Output { target: target.to_path_buf(), staging, committed: false, made: Default::default() })
    }

    /// The staging directory, where the site is written until [`Output::commit`].
    pub fn staging(&self) -> &Path {
        &self.staging
    }

    /// Writes one file at `rel` (a `/`-separated path) in the staging directory.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> anyhow::Result<()> {
        let safe = !rel.is_empty()
            && !rel.starts_with('/')
            && rel.split('/').all(|p| !p.is_empty() && p != "." && p != ".." && !p.contains('\\'));
        if !safe {
            bail!("refusing to write {rel:?}: not a path inside the output");
        }
        let path = self.staging.join(rel);
        if let Some(dir) = path.parent() {
            let made = self.made.lock().map(|m| m.contains(dir)).unwrap_or(false);
            if !made {
                std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
                if let Ok(mut m) = self.made.lock() {
                    m.insert(dir.to_path_buf());
                }
            }
        }
        std::fs::write(&path, bytes).with_context(|| format!("cannot write {}", path.display()))
    }

    /// Swaps the staging directory in as the output.
    pub fn commit(mut self) -> anyhow::Result<()> {
        let name = self.target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let backup = self.staging.with_file_name(format!(".{name}.old-{}", std::process::id()));
        let had_old = self.target.exists();
        if had_old {
            if backup.exists() {
                std::fs::remove_dir_all(&backup).with_context(|| format!("cannot remove {}", backup.display()))?;
            }
            std::fs::rename(&self.target, &backup)
                .with_context(|| format!("cannot move the previous output {} aside", self.target.display()))?;
        }
        if let Err(e) = std::fs::rename(&self.staging, &self.target) {
            if had_old {
                let _ = std::fs::rename(&backup, &self.target);
            }
            return Err(e).with_context(|| format!("cannot move the new site into {}", self.target.display()));
        }
        self.committed = true;
        if had_old {
            remove_tree(&backup).with_context(|| {
                format!("the site is built, but the old copy {} could not be removed", backup.display())
            })?;
        }
        Ok(())
    }
}

impl Drop for Output {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.staging);
        }
    }
}

/// Removes the directory `dir` and everything in it, like `std::fs::remove_dir_all`
/// (symbolic links are removed, not followed), the entries of each directory in
/// parallel: the previous output of a large site is many thousand directories.
fn remove_tree(dir: &Path) -> std::io::Result<()> {
    let entries = std::fs::read_dir(dir)?.collect::<std::io::Result<Vec<_>>>()?;
    entries.par_iter().try_for_each(|entry| {
        if entry.file_type()?.is_dir() {
            remove_tree(&entry.path())
        } else {
            std::fs::remove_file(entry.path())
        }
    })?;
    std::fs::remove_dir(dir)
}

/// Removes `.NAME.build-PID` and `.NAME.old-PID` directories in `parent` left by
/// builds that were killed: those whose process is no longer running. Where the
/// running processes cannot be known (no /proc), nothing is removed.
fn remove_leftovers(parent: &Path, name: &str) {
    if !Path::new("/proc/self").exists() {
        return;
    }
    let Ok(entries) = std::fs::read_dir(parent) else { return };
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let file_name = file_name.to_string_lossy();
        let pid = [".build-", ".old-"]
            .iter()
            .find_map(|kind| file_name.strip_prefix(&format!(".{name}{kind}")))
            .and_then(|pid| pid.parse::<u32>().ok());
        let Some(pid) = pid else { continue };
        let path = entry.path();
        let running = pid == std::process::id() || Path::new(&format!("/proc/{pid}")).exists();
        let empty = std::fs::read_dir(&path).map(|mut d| d.next().is_none()).unwrap_or(false);
        if !running && (empty || path.join(MARKER).is_file()) {
            let _ = std::fs::remove_dir_all(&path);
        }
    }
}

/// Refuses an output directory that would overwrite the site itself: the site root
/// or a directory containing it, or anything overlapping `protected` (content/,
/// templates/, static/).
pub fn check_location(output: &Path, root: &Path, protected: &[PathBuf]) -> anyhow::Result<()> {
    let out = absolute(output)?;
    let root_abs = absolute(root)?;
    if root_abs.starts_with(&out) {
        bail!(
            "refusing to build into {}: it is the site root or contains it, and the build replaces the output \
             as a whole; choose a directory such as public/",
            output.display()
        );
    }
    for dir in protected {
        let dir_abs = absolute(dir)?;
        if out.starts_with(&dir_abs) || dir_abs.starts_with(&out) {
            bail!(
                "refusing to build into {}: it overlaps {}, which the build reads; choose a directory such as public/",
                output.display(),
                dir.display()
            );
        }
    }
    Ok(())
}

/// `path` made absolute, with symlinks of its existing part resolved and `.`/`..`
/// of the rest applied.
fn absolute(path: &Path) -> anyhow::Result<PathBuf> {
    let raw = if path.is_absolute() { path.to_path_buf() } else { std::env::current_dir()?.join(path) };
    let mut joined = PathBuf::new();
    for c in raw.components() {
        match c {
            Component::ParentDir => {
                joined.pop();
            }
            Component::CurDir => {}
            other => joined.push(other.as_os_str()),
        }
    }
    let mut existing = joined.clone();
    let mut rest: Vec<std::ffi::OsString> = Vec::new();
    while !existing.exists() {
        match (existing.file_name(), existing.parent()) {
            (Some(name), Some(parent)) => {
                rest.push(name.to_os_string());
                existing = parent.to_path_buf();
            }
            _ => break,
        }
    }
    let mut out = existing.canonicalize().unwrap_or(existing);
    for part in rest.iter().rev() {
        out.push(part);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remove_tree_removes_everything_but_what_links_point_to() {
        let tmp = tempfile::tempdir().unwrap();
        let (tree, outside) = (tmp.path().join("old"), tmp.path().join("outside"));
        for dir in ["A/RES/61/183", "A/RES/61/184", "series/x", "empty"] {
            std::fs::create_dir_all(tree.join(dir)).unwrap();
        }
        for file in ["index.html", "A/RES/61/183/index.html", "A/RES/61/184/akn.xml", "series/x/index.html"] {
            std::fs::write(tree.join(file), "x").unwrap();
        }
        std::fs::create_dir_all(&outside).unwrap();
        std::fs::write(outside.join("keep.txt"), "kept").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(&outside, tree.join("A/link")).unwrap();
        remove_tree(&tree).unwrap();
        assert!(!tree.exists());
        assert_eq!(std::fs::read_to_string(outside.join("keep.txt")).unwrap(), "kept");
        assert!(remove_tree(&tree).is_err(), "a missing directory is an error, as for remove_dir_all");
    }

    #[test]
    fn refuses_the_site_itself() {
        let root = std::env::temp_dir().join(format!("plenary-out-{}", std::process::id()));
        std::fs::create_dir_all(root.join("content")).unwrap();
        let protected = [root.join("content")];
        assert!(check_location(&root, &root, &protected).is_err());
        assert!(check_location(root.parent().unwrap(), &root, &protected).is_err());
        assert!(check_location(&root.join("content"), &root, &protected).is_err());
        assert!(check_location(&root.join("content/x"), &root, &protected).is_err());
        assert!(check_location(&root.join("public/../content"), &root, &protected).is_err());
        assert!(check_location(&root.join("public"), &root, &protected).is_ok());
        std::fs::remove_dir_all(&root).unwrap();
    }
}
