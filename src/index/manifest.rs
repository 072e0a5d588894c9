//! The manifest: what the index holds from each file, read back from the index itself.
//!
//! Every ingested file has a *file* document (size, modification time, content hash, article
//! count) and every folder the user indexed a *root* document; both are written in the same
//! commit as the passages they describe, so after a crash the manifest and the passages agree.
//! [`load_manifest`] reads them so that an incremental run can skip unchanged files and remove
//! vanished ones.

use std::collections::{BTreeMap, HashMap};

use anyhow::{Context, Result};
use tantivy::collector::DocSetCollector;
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, Term, Value};
use tantivy::{Searcher, TantivyDocument};

use super::NewsIndex;
use super::schema::{KIND_FILE, KIND_ROOT};

/// What the index remembers of one file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FileRecord {
    /// Size in bytes.
    pub size: u64,
    /// Modification time, nanoseconds since the epoch.
    pub mtime: u64,
    /// Content hash (hex).
    pub hash: String,
    /// Articles read from it.
    pub articles: u64,
}

/// Every file and root the index holds.
#[derive(Debug, Clone, Default)]
pub struct Manifest {
    /// By absolute file path.
    pub files: HashMap<String, FileRecord>,
    /// Indexed roots (absolute paths) with the time of their last run (seconds since the epoch).
    pub roots: BTreeMap<String, u64>,
}

/// Reads the manifest from the index's last commit.
pub fn load_manifest(index: &NewsIndex) -> Result<Manifest> {
    let reader = index.index.reader().context("opening an index reader")?;
    let searcher = reader.searcher();
    let f = index.fields;
    let mut manifest = Manifest::default();
    for doc in docs_of_kind(&searcher, index, KIND_FILE)? {
        let text = |field| {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .map(str::to_string)
        };
        let number = |field| doc.get_first(field).and_then(|v| v.as_u64()).unwrap_or(0);
        if let Some(path) = text(f.file) {
            manifest.files.insert(
                path,
                FileRecord {
                    size: number(f.size),
                    mtime: number(f.mtime),
                    hash: text(f.hash).unwrap_or_default(),
                    articles: number(f.articles),
                },
            );
        }
    }
    for doc in docs_of_kind(&searcher, index, KIND_ROOT)? {
        if let Some(root) = doc.get_first(f.root).and_then(|v| v.as_str()) {
            let stamp = doc.get_first(f.mtime).and_then(|v| v.as_u64()).unwrap_or(0);
            manifest.roots.insert(root.to_string(), stamp);
        }
    }
    Ok(manifest)
}

/// Every stored document whose `kind` is `kind`.
pub fn docs_of_kind(
    searcher: &Searcher,
    index: &NewsIndex,
    kind: &str,
) -> Result<Vec<TantivyDocument>> {
    let query = TermQuery::new(
        Term::from_field_text(index.fields.kind, kind),
        IndexRecordOption::Basic,
    );
    let addresses = searcher
        .search(&query, &DocSetCollector)
        .context("reading the manifest")?;
    addresses
        .into_iter()
        .map(|address| searcher.doc(address).context("reading a manifest entry"))
        .collect()
}
