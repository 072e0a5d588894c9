//! Output: hits, timelines, articles and figures for a terminal or as JSON Lines. The only
//! module that writes results.
//!
//! Renderers take any `Write` and plain [`Hit`]s, so tests render into a buffer. Search returns
//! highlight byte ranges; the terminal renderer turns them into colour, the JSON renderer passes
//! them on as offsets.

pub mod article;
pub mod explain;
pub mod json;
pub mod progress;
pub mod stats;
pub mod summary;
pub mod terminal;
pub mod timeline;

use std::path::{Path, PathBuf};

pub use crate::search::Hit;

/// A path as the user should see it: relative to `cwd` when it is inside it.
pub fn display_path(path: &Path, cwd: Option<&Path>) -> PathBuf {
    cwd.and_then(|cwd| path.strip_prefix(cwd).ok())
        .map_or_else(|| path.to_path_buf(), Path::to_path_buf)
}

/// A count with commas between groups of three digits: `1,841`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A count and its noun, singular for one: `1 article`, `3,000 articles`.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", thousands(n), if n == 1 { one } else { many })
}
