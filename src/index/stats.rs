//! What an index holds: counts, date range, size on disk, indexed folders, sources
//! (`news-search stats`).

use std::collections::HashMap;
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
use super::text_column::texts_of_ords;
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
    /// Folders (and files) indexed, with their articles.
    pub folders: Vec<FolderCount>,
    /// Time of the last completed `index` run (UTC, RFC 3339).
    pub last_update: Option<String>,
    /// Every source (site or publication) named by an article, most articles first.
    pub sources: Vec<SourceCount>,
}

/// An indexed folder (or file), how many articles the index holds from it, and whether it
/// is still there.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct FolderCount {
    /// Its absolute path.
    pub path: String,
    /// Live articles read from files under it.
    pub articles: u64,
    /// Whether it exists now (a gone folder is kept until `index --forget`).
    pub exists: bool,
}

/// A source and how many articles name it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct SourceCount {
    /// The source as its articles write it.
    pub name: String,
    /// Live articles from it.
    pub articles: u64,
}

/// Computes the figures of an index from its last commit.
pub fn index_stats(index: &NewsIndex) -> Result<IndexStats> {
    let manifest = load_manifest(index)?;
    let searcher = index.searcher()?;
    let passages = passage_count(&searcher)?;
    let last_update = manifest
        .roots
        .values()
        .filter(|&&secs| secs > 0)
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
        folders: manifest
            .roots
            .keys()
            .map(|root| FolderCount {
                path: root.clone(),
                articles: manifest
                    .files
                    .iter()
                    .filter(|(key, _)| std::path::Path::new(key).starts_with(root))
                    .map(|(_, record)| record.articles)
                    .sum(),
                exists: std::path::Path::new(root).exists(),
            })
            .collect(),
        last_update,
        sources: source_counts(&searcher)?,
    })
}

/// How many live articles name each source, most first (ties by name), from the `source`
/// fast column: one pass over its ordinals per segment, one over its dictionary.
fn source_counts(searcher: &Searcher) -> Result<Vec<SourceCount>> {
    let mut totals: HashMap<String, u64> = HashMap::new();
    for reader in searcher.segment_readers() {
        let Some(column) = reader
            .fast_fields()
            .str("source")
            .context("opening the source column")?
        else {
            continue;
        };
        let mut per_ord: HashMap<u64, u64> = HashMap::new();
        let alive = reader.alive_bitset();
        for doc in 0..reader.max_doc() {
            if alive.is_none_or(|bits| bits.is_alive(doc))
                && let Some(ord) = column.term_ords(doc).next()
            {
                *per_ord.entry(ord).or_default() += 1;
            }
        }
        let names =
            texts_of_ords(&column, per_ord.keys().copied()).context("reading the source names")?;
        for (ord, name) in names {
            *totals.entry(name).or_default() += per_ord.get(&ord).copied().unwrap_or(0);
        }
    }
    let mut sources: Vec<SourceCount> = totals
        .into_iter()
        .map(|(name, articles)| SourceCount { name, articles })
        .collect();
    sources.sort_by(|a, b| {
        b.articles
            .cmp(&a.articles)
            .then_with(|| a.name.cmp(&b.name))
    });
    Ok(sources)
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
