//! Progress bars for long runs (imports, builds, generated collections), drawn on
//! stderr with indicatif. Hidden when stderr is not a terminal or when `CI` is set,
//! so logs and tests stay clean; the one-line summary each command prints at the
//! end is not part of this.
//!
//! **In**: a length and a label. **Out**: a [`Progress`] to tick from any thread.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;

/// A progress bar, or nothing when progress is not shown.
#[derive(Debug, Clone)]
pub struct Progress {
    bar: ProgressBar,
}

/// Whether progress bars are drawn: stderr is a terminal and `CI` is unset.
pub fn visible() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("CI").is_none_or(|v| v.is_empty() || v == "false")
}

impl Progress {
    /// A bar of `len` steps labelled `label` (`building`), hidden unless [`visible`].
    pub fn new(len: u64, label: &str) -> Progress {
        let bar = if visible() && len > 0 {
            ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr_with_hz(10))
        } else {
            ProgressBar::hidden()
        };
        let style = ProgressStyle::with_template("{prefix:>10} [{bar:30}] {pos}/{len} {per_sec} eta {eta}")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> ");
        bar.set_style(style);
        bar.set_prefix(label.to_string());
        Progress { bar }
    }

    /// A bar that is never drawn.
    pub fn hidden() -> Progress {
        Progress { bar: ProgressBar::hidden() }
    }

    pub fn inc(&self, n: u64) {
        self.bar.inc(n);
    }

    /// Removes the bar from the terminal.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
