//! Ingest: walk the named files and folders, read and parse them in parallel, feed the index.
//!
//! Files are taken in batches: each batch is parsed on all cores, then written by one writer.
//! A file that cannot be read or holds no article is reported and skipped; the rest of the run
//! goes on and everything indexed before stays. Parsing is [`crate::article`]'s job, writing is
//! [`crate::index`]'s; this module only moves files between them and keeps the tally.

pub mod decode;
pub mod walk;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::Result;
use chrono::NaiveDate;
use rayon::prelude::*;

use crate::article::format::{Parsed, detect_format, parse_document};
use crate::index::IndexSink;
use decode::{Decoded, decode};
use walk::{Found, is_documentation, walk_files};

/// Files parsed in parallel before their articles are written.
const BATCH_FILES: usize = 256;

/// What one indexing run did.
#[derive(Debug, Default)]
pub struct IndexReport {
    /// Files read and parsed.
    pub files_read: usize,
    /// Articles written to the index.
    pub articles: usize,
    /// Passages written to the index.
    pub passages: usize,
    /// Files or records skipped, counted by reason.
    pub skipped_by_reason: BTreeMap<String, usize>,
    /// Each skipped file or record: `path` or `path:line`, and the reason.
    pub skipped: Vec<(String, String)>,
    /// Problems the user should see even without `--verbose` (decoding fallbacks).
    pub warnings: Vec<String>,
    /// Files that could not be read at all (missing, permission denied).
    pub errors: Vec<String>,
}

impl IndexReport {
    /// Files and records skipped in total.
    pub fn skipped_count(&self) -> usize {
        self.skipped_by_reason.values().sum()
    }

    /// Records a skipped file or record.
    fn skip(&mut self, place: String, reason: &str) {
        *self
            .skipped_by_reason
            .entry(reason.to_string())
            .or_default() += 1;
        self.skipped.push((place, reason.to_string()));
    }
}

/// What happened to one file.
pub enum FileOutcome {
    /// Parsed: the file's key (absolute path), how to show its path, what it held, and a
    /// decoding warning if any.
    Read {
        /// The file's key in the index (absolute path).
        key: String,
        /// The path as the user named it.
        shown: String,
        /// Articles and skipped records.
        parsed: Parsed,
        /// A problem worth a warning (a legacy encoding).
        warning: Option<String>,
    },
    /// Not an article file.
    Skipped {
        /// The path as the user named it.
        shown: String,
        /// Why it was skipped.
        reason: String,
    },
    /// Could not be read.
    Failed {
        /// The path as the user named it.
        shown: String,
        /// Why.
        reason: String,
    },
}

/// Indexes every article file under `roots` into `sink`, committing at the end.
pub fn index_paths(
    sink: &mut IndexSink,
    roots: &[PathBuf],
    today: NaiveDate,
) -> Result<IndexReport> {
    let mut report = IndexReport::default();
    let mut files = Vec::new();
    for found in walk_files(roots) {
        match found {
            Found::File(path) => files.push(path),
            Found::Error(path, reason) => {
                report.errors.push(format!("{}: {reason}", path.display()))
            }
        }
    }
    for batch in files.chunks(BATCH_FILES) {
        let outcomes: Vec<FileOutcome> = batch.par_iter().map(|p| read_file(p, today)).collect();
        for outcome in outcomes {
            record(sink, &mut report, outcome)?;
        }
    }
    sink.commit()?;
    Ok(report)
}

/// Writes one file's articles and updates the tally.
fn record(sink: &mut IndexSink, report: &mut IndexReport, outcome: FileOutcome) -> Result<()> {
    match outcome {
        FileOutcome::Read {
            key,
            shown,
            parsed,
            warning,
        } => {
            report.files_read += 1;
            if let Some(warning) = warning {
                report.warnings.push(format!("{shown}: {warning}"));
            }
            for problem in &parsed.problems {
                let place = match problem.line {
                    Some(line) => format!("{shown}:{line}"),
                    None => shown.clone(),
                };
                report.skip(place, &problem.reason);
            }
            report.passages += sink.replace_file(&key, &parsed.articles)?;
            report.articles += parsed.articles.len();
        }
        FileOutcome::Skipped { shown, reason } => report.skip(shown, &reason),
        FileOutcome::Failed { shown, reason } => report.errors.push(format!("{shown}: {reason}")),
    }
    Ok(())
}

/// Reads, decodes and parses one file.
pub fn read_file(path: &Path, today: NaiveDate) -> FileOutcome {
    let shown = path.display().to_string();
    if is_documentation(path) {
        return FileOutcome::Skipped {
            shown,
            reason: "collection documentation, not an article".to_string(),
        };
    }
    let Some(format) = detect_format(path) else {
        return FileOutcome::Skipped {
            shown,
            reason: "unsupported file type".to_string(),
        };
    };
    let bytes = match fs::read(path) {
        Ok(bytes) => bytes,
        Err(err) => {
            return FileOutcome::Failed {
                shown,
                reason: format!("cannot read: {}", err.to_string().to_lowercase()),
            };
        }
    };
    let (text, warning) = match decode(&bytes) {
        Decoded::Utf8(text) => (text, None),
        Decoded::Legacy(text) => (
            text,
            Some("not valid UTF-8, decoded as Windows-1252".to_string()),
        ),
        Decoded::Empty => {
            return FileOutcome::Skipped {
                shown,
                reason: "empty file".to_string(),
            };
        }
        Decoded::Binary => {
            return FileOutcome::Skipped {
                shown,
                reason: "binary file".to_string(),
            };
        }
    };
    let key = file_key(path);
    let id = article_id(&key);
    let parsed = parse_document(format, &id, path, &text, today);
    FileOutcome::Read {
        key,
        shown,
        parsed,
        warning,
    }
}

/// The key under which a file's articles are stored: its absolute, canonical path.
pub fn file_key(path: &Path) -> String {
    let absolute = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    absolute.to_string_lossy().into_owned()
}

/// A short, stable id for an article from its file's key: 12 hex digits of a 64-bit FNV-1a hash.
pub fn article_id(key: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in key.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{:012x}", hash >> 16)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_stable_and_distinct() {
        assert_eq!(article_id("/a/b.txt"), article_id("/a/b.txt"));
        assert_ne!(article_id("/a/b.txt"), article_id("/a/c.txt"));
        assert_eq!(article_id("/a/b.txt").len(), 12);
    }
}
