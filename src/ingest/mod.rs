//! Ingest: walk the named files and folders, read and parse them in parallel, feed the index.
//!
//! A run is incremental. The manifest ([`crate::index::manifest`]) says what each file held
//! when last indexed: a file whose size and modification time are unchanged is not opened; one
//! whose content hash is unchanged is not parsed; a changed file has its articles replaced; a
//! file that vanished from an indexed folder has its articles removed. Files are parsed in
//! batches on all cores and written by one writer, which commits every few seconds so that a
//! crash loses little. A file that cannot be read is reported and skipped; the rest of the run
//! goes on and everything indexed before stays.

pub mod decode;
pub mod limits;
pub mod read;
pub mod walk;

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use anyhow::Result;
use chrono::NaiveDate;
use rayon::prelude::*;

use crate::index::manifest::Manifest;
use crate::index::writer::{FileDocuments, file_documents};
use crate::index::{Fields, IndexSink};
pub use read::{FileOutcome, article_id, file_key, read_file};
use read::{file_stamp, skip_reason};
use walk::{Found, walk_files};

/// At most this many files are parsed in parallel before their articles are written.
const BATCH_FILES: usize = 256;
/// At most this many bytes of source are parsed before they are written (a single larger file
/// is a batch of its own): with tantivy's queue of 10,000 documents, what bounds indexing memory
/// apart from the writer's budget. 1 MB instead of 4 MB: peak anonymous memory of indexing the
/// real collections 101-107 -> 86-97 MB (3 runs each), no change in time beyond the noise.
const BATCH_BYTES: u64 = 1024 * 1024;

/// How an indexing run behaves.
#[derive(Debug, Clone)]
pub struct IndexOptions {
    /// "Today", for dates written without a year.
    pub today: NaiveDate,
    /// Commit at least this often, so a crash loses little work.
    pub commit_interval: Duration,
    /// The user named the folders (rather than re-syncing every indexed one).
    pub named: bool,
    /// Follow symbolic links out of the indexed folders ([`walk_files`]).
    pub follow_links: bool,
}

/// Receives progress of a run (a progress bar, or nothing).
pub trait Progress: Sync {
    /// The run will read `files` files.
    fn start(&self, _files: u64) {}
    /// `files` more files were written, holding `articles` articles.
    fn advance(&self, _files: u64, _articles: u64) {}
    /// The run is over.
    fn finish(&self) {}
}

/// No progress display.
pub struct Silent;

impl Progress for Silent {}

/// What one indexing run did.
#[derive(Debug, Default)]
pub struct IndexReport {
    /// Files read and parsed (new or changed).
    pub files_read: usize,
    /// Files seen for the first time.
    pub new_files: usize,
    /// Files whose content changed.
    pub changed_files: usize,
    /// Files left as they were (same size and time, or same content).
    pub unchanged_files: usize,
    /// Files gone from an indexed folder, and so removed.
    pub removed_files: usize,
    /// Articles removed with them.
    pub removed_articles: u64,
    /// Articles written to the index.
    pub articles: usize,
    /// Passages written to the index.
    pub passages: usize,
    /// Files skipped (not articles, empty, binary…), counted by reason.
    pub skipped_files: BTreeMap<String, usize>,
    /// Records skipped inside files that were read (a CSV row without text…), by reason.
    pub skipped_records: BTreeMap<String, usize>,
    /// Each skipped file or record: `path` or `path:line`, and the reason.
    pub skipped: Vec<(String, String)>,
    /// Problems the user should see even without `--verbose` (decoding fallbacks).
    pub warnings: Vec<String>,
    /// Paths that could not be read at all (missing, permission denied).
    pub errors: Vec<String>,
    /// Files among the errors (a named path that does not exist is no file).
    pub unreadable_files: usize,
    /// Indexed folders that are gone, with the articles the index still holds from each: kept
    /// until `index --forget` (the folder may be on a drive that is not mounted).
    pub vanished_roots: Vec<(String, u64)>,
    /// The run was stopped (Ctrl-C) before reading every file; what was done is committed.
    pub interrupted: bool,
}

impl IndexReport {
    /// Files skipped in total.
    pub fn skipped_file_count(&self) -> usize {
        self.skipped_files.values().sum()
    }

    /// Records skipped in total.
    pub fn skipped_record_count(&self) -> usize {
        self.skipped_records.values().sum()
    }

    /// Every file the run looked at: read, unchanged, skipped or unreadable.
    pub fn files_seen(&self) -> usize {
        self.files_read + self.unchanged_files + self.skipped_file_count() + self.unreadable_files
    }

    /// Whether the run changed nothing in the index.
    pub fn changed_nothing(&self) -> bool {
        self.files_read == 0 && self.removed_files == 0
    }

    /// Records a skipped file.
    fn skip_file(&mut self, place: String, reason: &str) {
        *self.skipped_files.entry(reason.to_string()).or_default() += 1;
        self.skipped.push((place, reason.to_string()));
    }

    /// Records a skipped record of a file that was read.
    fn skip_record(&mut self, place: String, reason: &str) {
        *self.skipped_records.entry(reason.to_string()).or_default() += 1;
        self.skipped.push((place, reason.to_string()));
    }

    /// Records a file that could not be read.
    fn unreadable(&mut self, message: String) {
        self.errors.push(message);
        self.unreadable_files += 1;
    }
}

/// A file that must be read: new, or its size or time changed.
struct Pending {
    path: PathBuf,
    key: String,
    size: u64,
}

/// Brings the index in line with the files under `roots`: reads new and changed files, removes
/// vanished ones, records the roots. A root is recorded in the first commit, so a run stopped
/// before it ends is resumed by `index` with no folder. A root that is gone is an error when
/// the user named it (`named`), and otherwise reported and kept. Stops early, committing what
/// is done, when `stop` is set.
pub fn index_paths(
    sink: &mut IndexSink,
    manifest: &Manifest,
    roots: &[PathBuf],
    options: &IndexOptions,
    progress: &dyn Progress,
    stop: &AtomicBool,
) -> Result<IndexReport> {
    let mut report = IndexReport::default();
    let mut root_keys = Vec::new();
    let mut present = Vec::new();
    // A folder indexed for the first time is recorded (with time 0) before the first commit
    // that holds its articles, so an interrupted run can be resumed, but not before: recorded
    // at the start and replaced at the end within one commit, the first record was a deleted
    // document, and merging the segment holding it estimates the body's token count from
    // field norms (tantivy), so a fresh index's scores depended on how its documents fell
    // into segments.
    let mut unrecorded = Vec::new();
    for root in roots {
        if root.exists() {
            let key = file_key(root);
            if !manifest.roots.contains_key(&key) {
                unrecorded.push(key.clone());
            }
            root_keys.push(key);
            present.push(root.clone());
        } else if options.named {
            report
                .errors
                .push(format!("{}: no such file or folder", root.display()));
        } else {
            let key = file_key(root);
            let articles = articles_under(manifest, &key);
            report.vanished_roots.push((key, articles));
        }
    }

    let (pending, seen, unreadable) = plan(&present, manifest, options.follow_links, &mut report);
    // Ids are made below the deepest indexed folder a file is in, this run's or an earlier one's.
    let mut id_roots: Vec<String> = manifest.roots.keys().cloned().collect();
    id_roots.extend(root_keys.iter().cloned());
    let id_roots: &[String] = &id_roots;
    // Files reached only through a followed link lie under no root: when every indexed root
    // was walked, one not seen again (its link removed) goes too.
    let walked_all = manifest.roots.keys().all(|r| root_keys.contains(r));
    remove_vanished(
        sink,
        manifest,
        &root_keys,
        walked_all,
        &seen,
        &unreadable,
        &mut report,
    );

    progress.start(pending.len() as u64);
    let fields = sink.fields();
    let to_read: &[Pending] = &pending;
    let mut done = 0;
    let written = std::thread::scope(|scope| -> Result<()> {
        // One thread reads and parses batch N+1 (on all cores) while this one writes batch N, so
        // neither parsing nor tantivy's indexing threads wait for the other. The rendezvous
        // channel holds no batch: at most two are in memory.
        let (parsed_tx, parsed_rx) = std::sync::mpsc::sync_channel(0);
        scope.spawn(move || {
            for batch in batches(to_read) {
                if stop.load(Ordering::SeqCst) {
                    break;
                }
                let outcomes = parse_batch(batch, manifest, id_roots, &fields, options.today);
                if parsed_tx.send((batch, outcomes)).is_err() {
                    break; // the writer stopped
                }
            }
        });
        let mut last_commit = Instant::now();
        for (batch, outcomes) in parsed_rx {
            for ((outcome, documents), pending) in outcomes.into_iter().zip(batch) {
                let known = manifest.files.contains_key(&pending.key);
                let articles = record(sink, &mut report, outcome, documents, known)?;
                progress.advance(1, articles as u64);
                done += 1;
            }
            if last_commit.elapsed() >= options.commit_interval {
                for key in unrecorded.drain(..) {
                    sink.record_root(&key, 0);
                }
                sink.commit()?;
                last_commit = Instant::now();
            }
            if stop.load(Ordering::SeqCst) {
                break;
            }
        }
        Ok(())
    });
    written?;
    report.interrupted = done < pending.len();
    if report.interrupted {
        for key in &unrecorded {
            sink.record_root(key, 0);
        }
    } else {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        for root in &root_keys {
            sink.record_root(root, now);
        }
    }
    sink.commit()?;
    progress.finish();
    Ok(report)
}

/// Walks the roots and sorts files into those to read and those unchanged. Returns the files to
/// read, every file key seen, and the keys of paths that could not be walked.
fn plan(
    roots: &[PathBuf],
    manifest: &Manifest,
    follow_links: bool,
    report: &mut IndexReport,
) -> (Vec<Pending>, HashSet<String>, Vec<String>) {
    let mut pending = Vec::new();
    let mut seen = HashSet::new();
    let mut unreadable = Vec::new();
    for found in walk_files(roots, follow_links) {
        let path = match found {
            Found::File(path) => path,
            Found::Skipped(path, reason) => {
                report.skip_file(path.display().to_string(), &reason);
                continue;
            }
            Found::Error(path, reason) => {
                if path.exists() || path.symlink_metadata().is_ok() {
                    unreadable.push(file_key(&path));
                }
                if roots.iter().all(|r| r != &path) {
                    report.unreadable(format!("{}: {reason}", path.display()));
                }
                continue;
            }
        };
        if let Some(reason) = skip_reason(&path) {
            report.skip_file(path.display().to_string(), reason);
            continue;
        }
        let key = file_key(&path);
        if !seen.insert(key.clone()) {
            continue; // the same file reached through two roots
        }
        let stamp = file_stamp(&path).ok();
        let unchanged = match (stamp, manifest.files.get(&key)) {
            (Some((size, mtime)), Some(known)) => known.size == size && known.mtime == mtime,
            _ => false,
        };
        if unchanged {
            report.unchanged_files += 1;
        } else {
            let size = stamp.map_or(0, |(size, _)| size);
            pending.push(Pending { path, key, size });
        }
    }
    (pending, seen, unreadable)
}

/// Reads, parses and builds the documents of a batch of files on all cores, in file order. The
/// articles are dropped once in documents, so a batch holds its text once.
fn parse_batch(
    batch: &[Pending],
    manifest: &Manifest,
    roots: &[String],
    fields: &Fields,
    today: NaiveDate,
) -> Vec<(FileOutcome, FileDocuments)> {
    batch
        .par_iter()
        .map(|p| {
            let mut outcome = read_file(&p.path, manifest.files.get(&p.key), roots, today);
            let documents = match &mut outcome {
                FileOutcome::Read { key, parsed, .. } => {
                    file_documents(fields, key, std::mem::take(&mut parsed.articles))
                }
                _ => FileDocuments::default(),
            };
            (outcome, documents)
        })
        .collect()
}

/// Cuts the files to read into batches of at most [`BATCH_FILES`] files and [`BATCH_BYTES`]
/// bytes (a larger file alone).
fn batches(pending: &[Pending]) -> Vec<&[Pending]> {
    let mut batches = Vec::new();
    let (mut start, mut bytes) = (0, 0u64);
    for (i, file) in pending.iter().enumerate() {
        if i > start && (i - start >= BATCH_FILES || bytes + file.size > BATCH_BYTES) {
            batches.push(&pending[start..i]);
            (start, bytes) = (i, 0);
        }
        bytes += file.size;
    }
    if start < pending.len() {
        batches.push(&pending[start..]);
    }
    batches
}

/// Deletes the articles of files that were indexed under one of `roots` but are gone now, and,
/// when `walked_all` (every indexed root was walked), of files under no indexed root (reached
/// through a link) that were not reached again. Files under a path that could not be walked
/// are kept: they may still exist.
fn remove_vanished(
    sink: &mut IndexSink,
    manifest: &Manifest,
    roots: &[String],
    walked_all: bool,
    seen: &HashSet<String>,
    unreadable: &[String],
    report: &mut IndexReport,
) {
    for (key, record) in &manifest.files {
        let linked = walked_all
            && !manifest.roots.keys().any(|r| is_under(key, r))
            && !roots.iter().any(|r| is_under(key, r));
        let under_root = linked || roots.iter().any(|r| is_under(key, r));
        let in_doubt = unreadable.iter().any(|u| is_under(key, u));
        if under_root && !in_doubt && !seen.contains(key) {
            sink.delete_file(key);
            report.removed_files += 1;
            report.removed_articles += record.articles;
        }
    }
}

/// Whether the file key `path` is `root` itself or inside it.
fn is_under(path: &str, root: &str) -> bool {
    let path = Path::new(path);
    path.starts_with(root)
}

/// Writes one file's outcome and updates the tally; returns the articles written.
fn record(
    sink: &mut IndexSink,
    report: &mut IndexReport,
    outcome: FileOutcome,
    documents: FileDocuments,
    known: bool,
) -> Result<usize> {
    match outcome {
        FileOutcome::Read {
            key,
            shown,
            parsed,
            warning,
            record,
        } => {
            report.files_read += 1;
            if known {
                report.changed_files += 1;
            } else {
                report.new_files += 1;
            }
            if let Some(warning) = warning {
                report.warnings.push(format!("{shown}: {warning}"));
            }
            for problem in &parsed.problems {
                let place = match problem.line {
                    Some(line) => format!("{shown}:{line}"),
                    None => shown.clone(),
                };
                report.skip_record(place, &problem.reason);
            }
            let articles = documents.articles();
            report.passages += sink.replace_file(&key, &record, documents)?;
            report.articles += articles;
            Ok(articles)
        }
        FileOutcome::Unchanged { key, record } => {
            report.unchanged_files += 1;
            sink.record_file(&key, &record)?;
            Ok(0)
        }
        FileOutcome::Skipped {
            shown,
            reason,
            record,
        } => {
            report.skip_file(shown, &reason);
            if let Some((key, record)) = record {
                // Replace whatever the file held before it became empty or unreadable as text.
                sink.replace_file(&key, &record, FileDocuments::default())?;
            }
            Ok(0)
        }
        FileOutcome::Failed { shown, reason } => {
            report.unreadable(format!("{shown}: {reason}"));
            Ok(0)
        }
    }
}

/// The articles the index holds from files under `root`.
fn articles_under(manifest: &Manifest, root: &str) -> u64 {
    manifest
        .files
        .iter()
        .filter(|(key, _)| is_under(key, root))
        .map(|(_, record)| record.articles)
        .sum()
}

/// What `index --forget` removed.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Forgotten {
    /// The indexed folders (or files) forgotten.
    pub roots: Vec<String>,
    /// Files whose articles were removed.
    pub files: usize,
    /// Articles removed.
    pub articles: u64,
}

/// Removes from the index every indexed folder at or under `folder` and every article read from
/// a file under it, so a later `index` no longer re-syncs it. Nothing is removed (and `None`
/// returned) when no indexed folder is at or under it. The caller commits.
pub fn forget(sink: &mut IndexSink, manifest: &Manifest, folder: &str) -> Option<Forgotten> {
    let roots: Vec<String> = manifest
        .roots
        .keys()
        .filter(|root| is_under(root, folder))
        .cloned()
        .collect();
    if roots.is_empty() {
        return None;
    }
    let mut forgotten = Forgotten::default();
    for (key, record) in &manifest.files {
        if is_under(key, folder) {
            sink.delete_file(key);
            forgotten.files += 1;
            forgotten.articles += record.articles;
        }
    }
    for root in &roots {
        sink.forget_root(root);
    }
    forgotten.roots = roots;
    Some(forgotten)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pending(sizes: &[u64]) -> Vec<Pending> {
        sizes
            .iter()
            .map(|&size| Pending {
                path: PathBuf::from("f"),
                key: "f".into(),
                size,
            })
            .collect()
    }

    #[test]
    fn batches_are_bounded_by_files_and_bytes() {
        let files = pending(&vec![1; 600]);
        let sizes: Vec<usize> = batches(&files).iter().map(|b| b.len()).collect();
        assert_eq!(sizes, vec![256, 256, 88]);
        let mb = 1024 * 1024;
        let files = pending(&[10 * mb, 10 * mb, 40 * mb, 1, 1]);
        let sizes: Vec<usize> = batches(&files).iter().map(|b| b.len()).collect();
        assert_eq!(
            sizes,
            vec![1, 1, 1, 2],
            "the 40 MB file is a batch of its own"
        );
        assert!(batches(&[]).is_empty());
    }

    #[test]
    fn paths_under_roots() {
        assert!(is_under("/a/b/c.txt", "/a/b"));
        assert!(is_under("/a/b", "/a/b"));
        assert!(!is_under("/a/bc/d.txt", "/a/b"));
    }
}
