//! Finding where an article came from by its id (`news-search show ID`).
//!
//! The index stores each article's `id` (indexed as one term) and file `path`; a term query on
//! the id finds the article, and so its file. Sources' own ids (CSV
//! row numbers) may repeat across files, so one id can lead to several files. Reading the
//! article back from its file is left to the caller.

use std::collections::BTreeSet;
use std::path::PathBuf;

use anyhow::{Context, Result};
use tantivy::collector::DocSetCollector;
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, Term, Value};
use tantivy::{DocAddress, Searcher, TantivyDocument};

use super::NewsIndex;

/// The files that hold an article with this id, in path order (none when the id is unknown).
pub fn paths_of_id(index: &NewsIndex, id: &str) -> Result<Vec<PathBuf>> {
    let searcher = index.searcher()?;
    let docs = docs_of_id(index, &searcher, id)?;
    let mut paths = BTreeSet::new();
    for address in docs {
        let doc: TantivyDocument = searcher.doc(address).context("reading a stored article")?;
        if let Some(path) = doc.get_first(index.fields.path).and_then(|v| v.as_str()) {
            paths.insert(PathBuf::from(path));
        }
    }
    Ok(paths.into_iter().collect())
}

/// The documents of every article with this id (none when the id is unknown).
pub fn docs_of_id(index: &NewsIndex, searcher: &Searcher, id: &str) -> Result<Vec<DocAddress>> {
    let query = TermQuery::new(
        Term::from_field_text(index.fields.id, id),
        IndexRecordOption::Basic,
    );
    let docs = searcher
        .search(&query, &DocSetCollector)
        .context("looking up the id")?;
    Ok(docs.into_iter().collect())
}
