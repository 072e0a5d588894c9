//! The manifest: what the index holds from each file, read back from the index itself.
//!
//! Every ingested file has a *file* document (size, modification time, content hash, article
//! count), written in the same commit as the articles it describes, so after a crash the
//! manifest and the articles agree. The folders the user indexed, with the time of their last
//! run, are in the commit's payload (`meta.json`, written by tantivy in one atomic step with the
//! commit), so a run that changed no file commits no document. [`load_manifest`] reads both so
//! that an incremental run can skip unchanged files and remove vanished ones.

use std::collections::{BTreeMap, HashMap};

use anyhow::{Context, Result};
use tantivy::collector::DocSetCollector;
use tantivy::columnar::StrColumn;
use tantivy::fastfield::FastFieldReaders;
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, Term};
use tantivy::{DocId, Index, Searcher, SegmentOrdinal};

use super::NewsIndex;
use super::schema::{KIND_FILE, KIND_ROOT};
use super::text_column::{text_of, texts_of_ords};

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
        let paths = column_texts(files.as_ref(), &docs)?;
        let digests = column_texts(hashes.as_ref(), &docs)?;
        for ((&doc, path), hash) in docs.iter().zip(paths).zip(digests) {
            let Some(path) = path else {
                continue;
            };
            let record = FileRecord {
                size: size.first(doc).unwrap_or(0),
                mtime: mtime.first(doc).unwrap_or(0),
                hash: hash.unwrap_or_default(),
                articles: articles.first(doc).unwrap_or(0),
            };
            manifest.files.insert(path, record);
        }
    }
    manifest.roots = roots_of(index, &searcher)?;
    Ok(manifest)
}

/// The indexed roots (absolute paths) with the time of their last run (0 when no run over the
/// root has finished), from the last commit's payload ([`add_payload_roots`]). An index written
/// before the payload held the times has them in *root* documents, read from `searcher` (the
/// next run deletes those and writes the payload).
pub fn roots_of(index: &NewsIndex, searcher: &Searcher) -> Result<BTreeMap<String, u64>> {
    let mut roots = legacy_roots(index, searcher)?;
    add_payload_roots(&mut roots, &index.index);
    Ok(roots)
}

/// Adds to `roots` the roots the last commit's payload names, with the time of their last run
/// where the payload says it (over any time already in `roots`), else 0 for a root not in
/// `roots` yet.
pub fn add_payload_roots(roots: &mut BTreeMap<String, u64>, index: &Index) {
    for (root, seconds) in payload_roots(index) {
        match seconds {
            Some(seconds) => {
                roots.insert(root, seconds);
            }
            None => {
                roots.entry(root).or_insert(0);
            }
        }
    }
}

/// The roots the last commit's payload names, with the time of their last run where it says
/// it: an object of root and seconds, or (before the times moved there) a list of roots. Empty
/// for an index written before payloads, or when `meta.json` cannot be read.
fn payload_roots(index: &Index) -> Vec<(String, Option<u64>)> {
    let Some(value) = index
        .load_metas()
        .ok()
        .and_then(|metas| metas.payload)
        .and_then(|payload| serde_json::from_str::<serde_json::Value>(&payload).ok())
    else {
        return Vec::new();
    };
    match &value["roots"] {
        serde_json::Value::Object(roots) => roots
            .iter()
            .map(|(root, seconds)| (root.clone(), seconds.as_u64()))
            .collect(),
        serde_json::Value::Array(roots) => roots
            .iter()
            .filter_map(|root| Some((root.as_str()?.to_string(), None)))
            .collect(),
        _ => Vec::new(),
    }
}

/// The roots recorded as documents by versions before the payload held them, with their times.
pub fn legacy_roots(index: &NewsIndex, searcher: &Searcher) -> Result<BTreeMap<String, u64>> {
    let mut roots = BTreeMap::new();
    for (segment, docs) in docs_of_kind(searcher, index, KIND_ROOT)? {
        let fast = searcher.segment_reader(segment).fast_fields();
        let column = text_column(fast, "root")?;
        let stamps = fast.u64("mtime").context("reading the manifest")?;
        for (&doc, root) in docs.iter().zip(column_texts(column.as_ref(), &docs)?) {
            if let Some(root) = root {
                roots.insert(root, stamps.first(doc).unwrap_or(0));
            }
        }
    }
    Ok(roots)
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

/// The text of each document in a text column, in the order of `docs` (`None` where a document
/// has none), read in one pass over the column's dictionary ([`texts_of_ords`]).
fn column_texts(column: Option<&StrColumn>, docs: &[DocId]) -> Result<Vec<Option<String>>> {
    let Some(column) = column else {
        return Ok(vec![None; docs.len()]);
    };
    let doc_ords: Vec<Option<u64>> = docs
        .iter()
        .map(|&doc| column.term_ords(doc).next())
        .collect();
    let table = texts_of_ords(column, doc_ords.iter().flatten().copied())
        .context("reading the manifest")?;
    Ok(doc_ords
        .into_iter()
        .map(|ord| text_of(&table, ord?).map(str::to_string))
        .collect())
}
