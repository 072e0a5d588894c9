//! Output: hits, timelines, articles and figures for a terminal or as JSON Lines. The only
//! module that writes results.
//!
//! Renderers take any `Write` and plain [`Hit`]s, so tests render into a buffer. Search returns
//! highlight byte ranges; the terminal renderer turns them into colour, the JSON renderer passes
//! them on as offsets.

pub mod article;
pub mod explain;
pub mod json;
pub mod pager;
pub mod progress;
pub mod safe;
pub mod stats;
pub mod summary;
pub mod terminal;
pub mod timeline;

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;

pub use crate::search::Hit;

/// Version of the JSON rows, the `"v"` key that starts every JSON line news-search prints
/// (hits, counts, timelines, explanations, articles, stats). Raised when a key changes meaning
/// or goes; new keys may be added without it.
pub const JSON_VERSION: u32 = 1;

/// A JSON row with its version first.
#[derive(Serialize)]
struct Versioned<'a, T: Serialize> {
    v: u32,
    #[serde(flatten)]
    row: &'a T,
}

/// Writes `row` (an object) as one JSON line, `"v"` first, control characters escaped
/// ([`safe::Json`]).
pub fn json_line<T: Serialize>(out: &mut impl Write, row: &T) -> io::Result<()> {
    let mut serializer = serde_json::Serializer::with_formatter(&mut *out, safe::Json);
    Versioned {
        v: JSON_VERSION,
        row,
    }
    .serialize(&mut serializer)
    .map_err(io::Error::from)?;
    out.write_all(b"\n")
}

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

/// `text` wrapped to `width` columns (when given: stdout is a terminal) with every line
/// indented by `indent`; unwrapped, indented once, otherwise. Colour codes take no columns.
pub fn wrapped(text: &str, indent: &str, width: Option<usize>) -> String {
    match width {
        Some(width) if width > indent.len() + 10 => textwrap::fill(
            text,
            textwrap::Options::new(width)
                .initial_indent(indent)
                .subsequent_indent(indent),
        ),
        _ => format!("{indent}{text}"),
    }
}
