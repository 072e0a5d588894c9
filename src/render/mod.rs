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
