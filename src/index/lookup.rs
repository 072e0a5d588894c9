//! Finding where an article came from by its id (`news-search show ID`).
//!
//! The index keeps each article's `id` in a fast column (not as a term: a term of its own for
//! every article cost the writer memory and the index space) and its file `path`; the column's
//! dictionary finds the id, and so the article and its file. Sources' own ids (CSV
//! row numbers) may repeat across files, so one id can lead to several files. Reading the
//! article back from its file is left to the caller.

use std::collections::BTreeSet;
use std::path::PathBuf;

use anyhow::{Context, Result};
use tantivy::schema::Value;
use tantivy::{DocAddress, Searcher, TantivyDocument};

use super::NewsIndex;

/// The files that hold an article with this id, in path order (none when the id is unknown).
pub fn paths_of_id(index: &NewsIndex, id: &str) -> Result<Vec<PathBuf>> {
    let searcher = index.searcher()?;
    let docs = docs_of_id(&searcher, id)?;
    let mut paths = BTreeSet::new();
    for address in docs {
        let doc: TantivyDocument = searcher.doc(address).context("reading a stored article")?;
        if let Some(path) = doc.get_first(index.fields.path).and_then(|v| v.as_str()) {
            paths.insert(PathBuf::from(path));
        }
    }
    Ok(paths.into_iter().collect())
}

/// The documents of every article with this id (none when the id is unknown), found in each
/// segment's `id` column: its dictionary gives the id's ordinal, and the documents holding that
/// ordinal are read from the column (deleted ones left out).
pub fn docs_of_id(searcher: &Searcher, id: &str) -> Result<Vec<DocAddress>> {
    let mut docs = Vec::new();
    for (segment_ord, reader) in searcher.segment_readers().iter().enumerate() {
        let Some(ids) = reader
            .fast_fields()
            .str("id")
            .context("opening the id column")?
        else {
            continue;
        };
        let Some(ord) = ids
            .dictionary()
            .term_ord(id.as_bytes())
            .context("looking up the id")?
        else {
            continue;
        };
        let mut found = Vec::new();
        ids.ords()
            .get_docids_for_value_range(ord..=ord, 0..reader.max_doc(), &mut found);
        let alive = reader.alive_bitset();
        docs.extend(
            found
                .into_iter()
                .filter(|doc| alive.is_none_or(|bits| bits.is_alive(*doc)))
                .map(|doc| DocAddress::new(segment_ord as u32, doc)),
        );
    }
    Ok(docs)
}
