//! The indexing progress bar on stderr: files done of all, articles, articles per second and
//! time left.
//!
//! Shown only when stderr is a terminal and `--quiet` is not given; otherwise nothing is drawn.
//! Nothing is drawn before the run knows how many files it reads, so the first frame is whole.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::plural;
use crate::ingest::Progress;

/// A progress bar driven by [`crate::ingest::index_paths`].
pub struct Bar {
    bar: ProgressBar,
    visible: bool,
    articles: AtomicU64,
    started: Instant,
}

impl Bar {
    /// A bar on stderr when it is a terminal and `quiet` is off; hidden otherwise.
    pub fn for_stderr(quiet: bool) -> Bar {
        let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::hidden());
        let style = ProgressStyle::with_template(
            "{elapsed_precise} [{bar:30}] {pos}/{len} files, {msg}, {eta} left",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> ");
        bar.set_style(style);
        Bar {
            bar,
            visible: !quiet && std::io::stderr().is_terminal(),
            articles: AtomicU64::new(0),
            started: Instant::now(),
        }
    }
}

/// The bar's message: articles so far and their rate.
fn message(articles: u64, seconds: f64) -> String {
    let rate = if seconds > 0.0 {
        articles as f64 / seconds
    } else {
        0.0
    };
    format!(
        "{} ({:.0} articles/s)",
        plural(articles as usize, "article", "articles"),
        rate
    )
}

impl Progress for Bar {
    fn start(&self, files: u64) {
        self.bar.set_length(files);
        self.bar.set_message(message(0, 0.0));
        if self.visible {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
        }
    }

    fn advance(&self, files: u64, articles: u64) {
        let total = self.articles.fetch_add(articles, Ordering::Relaxed) + articles;
        self.bar
            .set_message(message(total, self.started.elapsed().as_secs_f64()));
        self.bar.inc(files);
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_has_units() {
        assert_eq!(message(0, 0.0), "0 articles (0 articles/s)");
        assert_eq!(message(1, 0.5), "1 article (2 articles/s)");
        assert_eq!(message(3000, 2.0), "3,000 articles (1500 articles/s)");
    }
}
