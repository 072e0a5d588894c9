//! What an index holds: counts, date range, size on disk, indexed folders (`news-search stats`).

use std::fs;

use anyhow::{Context, Result};
use chrono::{DateTime as ChronoDateTime, NaiveDate, Utc};
use serde::Serialize;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, ExistsQuery, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, Term};
use tantivy::{DateTime, Order, Searcher};

use super::NewsIndex;
use super::manifest::load_manifest;
use super::schema::KIND_ARTICLE;
use super::writer::from_datetime;

/// Figures about an index.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct IndexStats {
    /// Articles indexed.
    pub articles: u64,
    /// Passages indexed.
    pub passages: u64,
    /// Files indexed.
    pub files: u64,
    /// Earliest publication date.
    pub first_date: Option<NaiveDate>,
    /// Latest publication date.
    pub last_date: Option<NaiveDate>,
    /// Size of the index on disk, in bytes.
    pub bytes: u64,
    /// Segments of the index (each search opens every one).
    pub segments: usize,
    /// Folders (and files) indexed, as absolute paths.
    pub folders: Vec<String>,
    /// Time of the last completed `index` run (UTC, RFC 3339).
    pub last_update: Option<String>,
}

/// Computes the figures of an index from its last commit.
pub fn index_stats(index: &NewsIndex) -> Result<IndexStats> {
    let manifest = load_manifest(index)?;
    let searcher = index.searcher()?;
    let passages = passage_count(&searcher)?;
    let last_update = manifest
        .roots
        .values()
        .max()
        .and_then(|&secs| ChronoDateTime::<Utc>::from_timestamp(i64::try_from(secs).ok()?, 0))
        .map(|t| t.to_rfc3339());
    Ok(IndexStats {
        articles: manifest.files.values().map(|f| f.articles).sum(),
        passages,
        files: manifest.files.len() as u64,
        first_date: edge_date(&searcher, index, Order::Asc)?,
        last_date: edge_date(&searcher, index, Order::Desc)?,
        bytes: folder_bytes(&index.path),
        segments: searcher.segment_readers().len(),
        folders: manifest.roots.keys().cloned().collect(),
        last_update,
    })
}

/// All article documents.
fn article_query(index: &NewsIndex) -> TermQuery {
    TermQuery::new(
        Term::from_field_text(index.fields.kind, KIND_ARTICLE),
        IndexRecordOption::Basic,
    )
}

/// The passages of every live article: the sum of their `passages` column.
fn passage_count(searcher: &Searcher) -> Result<u64> {
    let mut total = 0;
    for reader in searcher.segment_readers() {
        let column = reader
            .fast_fields()
            .u64("passages")
            .context("opening the passage count column")?;
        let alive = reader.alive_bitset();
        for doc in 0..reader.max_doc() {
            if alive.is_none_or(|bits| bits.is_alive(doc)) {
                total += column.first(doc).unwrap_or(0);
            }
        }
    }
    Ok(total)
}

/// The earliest (`Asc`) or latest (`Desc`) date of any dated article.
fn edge_date(searcher: &Searcher, index: &NewsIndex, order: Order) -> Result<Option<NaiveDate>> {
    let dated = BooleanQuery::new(vec![
        (
            Occur::Must,
            Box::new(article_query(index)) as Box<dyn Query>,
        ),
        (
            Occur::Must,
            Box::new(ExistsQuery::new("date".to_string(), false)),
        ),
    ]);
    let top = searcher
        .search(
            &dated,
            &TopDocs::with_limit(1).order_by_fast_field::<DateTime>("date", order),
        )
        .context("reading the date range")?;
    Ok(top
        .first()
        .and_then(|(value, _)| *value)
        .and_then(from_datetime))
}

/// Total size of the files in a folder (not recursive: tantivy keeps its files flat).
fn folder_bytes(path: &std::path::Path) -> u64 {
    fs::read_dir(path)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok()?.metadata().ok())
                .filter(|m| m.is_file())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0)
}
