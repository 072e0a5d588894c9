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
use tantivy::columnar::StrColumn;
use tantivy::fastfield::FastFieldReaders;
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, Term};
use tantivy::{DocId, Searcher, SegmentOrdinal};

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

/// Reads the manifest from the index's last commit, from fast columns only (no stored document
/// is decompressed, so this stays quick on a large index).
pub fn load_manifest(index: &NewsIndex) -> Result<Manifest> {
    let searcher = index.searcher()?;
    let mut manifest = Manifest::default();
    for (segment, docs) in docs_of_kind(&searcher, index, KIND_FILE)? {
        let fast = searcher.segment_reader(segment).fast_fields();
        let number = |name: &str| fast.u64(name).context("reading the manifest");
        let (size, mtime, articles) = (number("size")?, number("mtime")?, number("articles")?);
        let (files, hashes) = (text_column(fast, "file")?, text_column(fast, "hash")?);
        for doc in docs {
            if let Some(path) = text_value(files.as_ref(), doc) {
                let record = FileRecord {
                    size: size.first(doc).unwrap_or(0),
                    mtime: mtime.first(doc).unwrap_or(0),
                    hash: text_value(hashes.as_ref(), doc).unwrap_or_default(),
                    articles: articles.first(doc).unwrap_or(0),
                };
                manifest.files.insert(path, record);
            }
        }
    }
    for (segment, docs) in docs_of_kind(&searcher, index, KIND_ROOT)? {
        let fast = searcher.segment_reader(segment).fast_fields();
        let roots = text_column(fast, "root")?;
        let stamps = fast.u64("mtime").context("reading the manifest")?;
        for doc in docs {
            if let Some(root) = text_value(roots.as_ref(), doc) {
                manifest.roots.insert(root, stamps.first(doc).unwrap_or(0));
            }
        }
    }
    Ok(manifest)
}

/// The live documents whose `kind` is `kind`, by segment.
fn docs_of_kind(
    searcher: &Searcher,
    index: &NewsIndex,
    kind: &str,
) -> Result<BTreeMap<SegmentOrdinal, Vec<DocId>>> {
    let query = TermQuery::new(
        Term::from_field_text(index.fields.kind, kind),
        IndexRecordOption::Basic,
    );
    let addresses = searcher
        .search(&query, &DocSetCollector)
        .context("reading the manifest")?;
    let mut by_segment: BTreeMap<SegmentOrdinal, Vec<DocId>> = BTreeMap::new();
    for address in addresses {
        by_segment
            .entry(address.segment_ord)
            .or_default()
            .push(address.doc_id);
    }
    Ok(by_segment)
}

/// A segment's text column (`None` when no document of the segment has the field).
fn text_column(fast: &FastFieldReaders, name: &str) -> Result<Option<StrColumn>> {
    fast.str(name).context("reading the manifest")
}

/// The text value of a document in a text column.
fn text_value(column: Option<&StrColumn>, doc: DocId) -> Option<String> {
    let column = column?;
    let ord = column.term_ords(doc).next()?;
    let mut text = String::new();
    column.ord_to_str(ord, &mut text).ok()?.then_some(text)
}
