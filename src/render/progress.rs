//! The indexing progress bar on stderr: files, articles, rate and time left.
//!
//! Shown only when stderr is a terminal and `--quiet` is not given; otherwise nothing is drawn.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::ingest::Progress;

/// A progress bar driven by [`crate::ingest::index_paths`].
pub struct Bar {
    bar: ProgressBar,
}

impl Bar {
    /// A bar on stderr when it is a terminal and `quiet` is off; hidden otherwise.
    pub fn for_stderr(quiet: bool) -> Bar {
        let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
        if quiet || !std::io::stderr().is_terminal() {
            bar.set_draw_target(ProgressDrawTarget::hidden());
        }
        let style = ProgressStyle::with_template(
            "{elapsed_precise} [{bar:30}] {pos}/{len} files, {msg} articles ({per_sec}, {eta} left)",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> ");
        bar.set_style(style);
        Bar { bar }
    }
}

impl Progress for Bar {
    fn start(&self, files: u64) {
        self.bar.set_length(files);
        self.bar.set_message("0");
    }

    fn advance(&self, files: u64, articles: u64) {
        self.bar.inc(files);
        if articles > 0 {
            let total = self.bar.message().parse::<u64>().unwrap_or(0) + articles;
            self.bar.set_message(total.to_string());
        }
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
