//! Reading one file: bytes → decoded text → parsed articles, or the reason it was skipped.
//!
//! Shared by `index` (which also compares the content hash with the manifest, to skip files
//! whose content did not change) and `parse` (which just shows what was read).

use std::fs;
use std::path::Path;
use std::time::UNIX_EPOCH;

use chrono::NaiveDate;

use super::decode::{Decoded, decode};
use super::limits::{MAX_ARTICLE_BYTES, cut, cut_article, cut_message};
use super::walk::is_documentation;
use crate::article::fingerprint::{content_hash, fnv64};
use crate::article::format::{Format, Parsed, confirm_format, detect_format, parse_document};
use crate::index::manifest::FileRecord;

/// What happened to one file.
pub enum FileOutcome {
    /// Parsed.
    Read {
        /// The file's key in the index (absolute path).
        key: String,
        /// The path as the user named it.
        shown: String,
        /// Articles and skipped records.
        parsed: Parsed,
        /// A problem worth a warning (a legacy encoding).
        warning: Option<String>,
        /// What the manifest should remember of it.
        record: FileRecord,
    },
    /// Content identical to what the index holds (only its modification time changed).
    Unchanged {
        /// The file's key.
        key: String,
        /// The updated manifest entry.
        record: FileRecord,
    },
    /// Read, but not an article file (empty, binary).
    Skipped {
        /// The path as the user named it.
        shown: String,
        /// Why it was skipped.
        reason: String,
        /// The file's key and manifest entry, so an unchanged file is not read again.
        record: Option<(String, FileRecord)>,
    },
    /// Could not be read.
    Failed {
        /// The path as the user named it.
        shown: String,
        /// Why.
        reason: String,
    },
}

/// Why a file is not even opened (unsupported type, collection documentation), if it is not.
pub fn skip_reason(path: &Path) -> Option<&'static str> {
    let inner = inner_path(path);
    if is_documentation(&inner) {
        Some("collection documentation, not an article")
    } else if detect_format(&inner).is_none() {
        Some("unsupported file type")
    } else {
        None
    }
}

/// Most bytes a gzipped file is decompressed to: a few kilobytes can inflate to gigabytes.
pub const MAX_GUNZIP_BYTES: u64 = 64 * 1024 * 1024;

/// Whether a file is gzipped (`page.html.gz`): read as the file its name has without `.gz`.
fn is_gzip(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("gz"))
}

/// The path a file is read as: without `.gz` when gzipped.
fn inner_path(path: &Path) -> std::path::PathBuf {
    if is_gzip(path) {
        path.with_extension("")
    } else {
        path.to_path_buf()
    }
}

/// The decompressed bytes of a gzip file, at most [`MAX_GUNZIP_BYTES`], and whether it was cut.
fn gunzip(bytes: &[u8]) -> std::io::Result<(Vec<u8>, bool)> {
    use std::io::Read;
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(bytes)
        .take(MAX_GUNZIP_BYTES + 1)
        .read_to_end(&mut out)?;
    let cut = out.len() as u64 > MAX_GUNZIP_BYTES;
    out.truncate(MAX_GUNZIP_BYTES as usize);
    Ok((out, cut))
}

/// Size and modification time (nanoseconds since the epoch) of a file.
pub fn file_stamp(path: &Path) -> std::io::Result<(u64, u64)> {
    let meta = fs::metadata(path)?;
    let mtime = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX));
    Ok((meta.len(), mtime))
}

/// Reads and parses one file. With `known`, the manifest's entry for it, a file whose content
/// hash is unchanged is not parsed again. `roots` are the indexed folders (or named paths) the
/// file may lie under: its articles' ids come from its path relative to the one it is in
/// ([`id_path`]).
pub fn read_file(
    path: &Path,
    known: Option<&FileRecord>,
    roots: &[String],
    today: NaiveDate,
) -> FileOutcome {
    let shown = path.display().to_string();
    if let Some(reason) = skip_reason(path) {
        return FileOutcome::Skipped {
            shown,
            reason: reason.to_string(),
            record: None,
        };
    }
    let failed = |err: std::io::Error| FileOutcome::Failed {
        shown: path.display().to_string(),
        reason: format!("cannot read: {}", err.to_string().to_lowercase()),
    };
    if fs::metadata(path).is_ok_and(|m| !m.is_file()) {
        // A FIFO or device: reading it could block for ever.
        return FileOutcome::Skipped {
            shown,
            reason: "not a regular file".to_string(),
            record: None,
        };
    }
    let (size, mtime) = match file_stamp(path) {
        Ok(stamp) => stamp,
        Err(err) => return failed(err),
    };
    let bytes = match fs::read(path) {
        Ok(bytes) => bytes,
        Err(err) => return failed(err),
    };
    let hash = format!("{:016x}", content_hash(&bytes));
    let mut cut_note = None;
    let bytes = if is_gzip(path) {
        match gunzip(&bytes) {
            Ok((text, cut)) => {
                if cut {
                    cut_note = Some(format!(
                        "decompressed text cut at {} MB: the rest is not read",
                        MAX_GUNZIP_BYTES / (1024 * 1024)
                    ));
                }
                text
            }
            Err(err) => {
                return FileOutcome::Failed {
                    shown,
                    reason: format!("cannot decompress: {}", err.to_string().to_lowercase()),
                };
            }
        }
    } else {
        bytes
    };
    let key = file_key(path);
    let mut record = FileRecord {
        size,
        mtime,
        hash,
        articles: 0,
    };
    if let Some(known) = known
        && known.hash == record.hash
    {
        record.articles = known.articles;
        return FileOutcome::Unchanged { key, record };
    }
    // A page's own charset declaration counts (a saved page may have any extension).
    let page = detect_format(&inner_path(path)) == Some(Format::Html)
        || bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'<');
    let (text, warning) = match decode(bytes, page) {
        Decoded::Utf8(text) | Decoded::Declared(text, _) => (text, None),
        Decoded::Legacy(text, encoding) => (
            text,
            Some(format!("not valid UTF-8, decoded as {encoding} (detected)")),
        ),
        other => {
            let reason = match other {
                Decoded::Empty => "empty file",
                Decoded::NotText => "not text (too many control characters)",
                _ => "binary file",
            };
            return FileOutcome::Skipped {
                shown,
                reason: reason.to_string(),
                record: Some((key, record)),
            };
        }
    };
    let Some(format) = detect_format(&inner_path(path)) else {
        return FileOutcome::Skipped {
            shown,
            reason: "unsupported file type".to_string(),
            record: None,
        };
    };
    let format = confirm_format(format, &text);
    let mut warnings: Vec<String> = warning.into_iter().chain(cut_note).collect();
    let mut text = text;
    if format == Format::Text
        && let Some(kept) = cut(&text, MAX_ARTICLE_BYTES).map(str::len)
    {
        // One article per file: cut before parsing, so parsing never sees more.
        warnings.push(cut_message("the article's", text.len()));
        text.truncate(kept);
    }
    let id = article_id(id_path(&key, roots));
    let mut parsed = parse_document(format, &id, path, &text, today);
    drop(text);
    for article in parsed
        .articles
        .iter_mut()
        .filter(|_| format != Format::Text)
    {
        if let Some(bytes) = cut_article(article) {
            warnings.push(cut_message(&format!("article `{}`", article.id), bytes));
        }
    }
    let warning = (!warnings.is_empty()).then(|| warnings.join("; "));
    record.articles = parsed.articles.len() as u64;
    FileOutcome::Read {
        key,
        shown,
        parsed,
        warning,
        record,
    }
}

/// The key under which a file's articles are stored: its absolute, canonical path.
pub fn file_key(path: &Path) -> String {
    let absolute = fs::canonicalize(path)
        .or_else(|_| std::path::absolute(path))
        .unwrap_or_else(|_| path.to_path_buf());
    absolute.to_string_lossy().into_owned()
}

/// What a file's article ids are made from: its path from the folder that holds the deepest of
/// `roots` it lies under (`corpus/000_seed.txt` for a file of an indexed `corpus/`), so ids
/// stay the same wherever a collection is kept; its whole key when it is under none.
pub fn id_path<'a>(key: &'a str, roots: &[String]) -> &'a str {
    let root = roots
        .iter()
        .filter(|root| Path::new(key).starts_with(root.as_str()))
        .max_by_key(|root| root.len());
    let Some(root) = root else {
        return key;
    };
    let base = Path::new(root.as_str())
        .parent()
        .map_or(0, |parent| parent.as_os_str().len());
    key.get(base..)
        .map(|rest| rest.trim_start_matches(std::path::is_separator))
        .filter(|rest| !rest.is_empty())
        .unwrap_or(key)
}

/// A short, stable id for an article from its file's path: 12 hex digits of a 64-bit FNV-1a hash.
pub fn article_id(key: &str) -> String {
    format!("{:012x}", fnv64(key.as_bytes()) >> 16)
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

    #[test]
    fn ids_come_from_the_path_below_the_root_folder() {
        let roots = vec![
            "/home/x/corpus".to_string(),
            "/srv/news/file.txt".to_string(),
        ];
        assert_eq!(id_path("/home/x/corpus/a/b.txt", &roots), "corpus/a/b.txt");
        assert_eq!(id_path("/srv/news/file.txt", &roots), "file.txt");
        assert_eq!(id_path("/elsewhere/c.txt", &roots), "/elsewhere/c.txt");
        let deeper = vec!["/home/x".to_string(), "/home/x/corpus/a".to_string()];
        assert_eq!(id_path("/home/x/corpus/a/b.txt", &deeper), "a/b.txt");
    }

    #[test]
    fn unchanged_content_is_not_parsed_again() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("a.txt");
        fs::write(&path, "Title\n\nBody text.").expect("write");
        let today = NaiveDate::from_ymd_opt(2026, 1, 1).expect("date");
        let FileOutcome::Read { record, .. } = read_file(&path, None, &[], today) else {
            panic!("first read parses");
        };
        assert_eq!(record.articles, 1);
        assert!(matches!(
            read_file(&path, Some(&record), &[], today),
            FileOutcome::Unchanged { .. }
        ));
        fs::write(&path, "Title\n\nOther text.").expect("write");
        assert!(matches!(
            read_file(&path, Some(&record), &[], today),
            FileOutcome::Read { .. }
        ));
    }
}
