//! Articles read back from the index's stored fields: what the hits show, and whole articles
//! looked up by id with the query's words marked (the web page's article view).
//!
//! The index stores each article's text as its passages, so a whole article comes from the
//! index alone, never from its file: what is shown is what was indexed. Marking the words is
//! [`super::snippet::mark_terms`]'s; rendering is left to [`crate::render`] and the server.

use anyhow::{Context, Result};
use chrono::NaiveDate;
use tantivy::schema::Value;
use tantivy::{DocAddress, Searcher, TantivyDocument};

use crate::index::NewsIndex;
use crate::index::lookup::docs_of_id;
use crate::index::writer::from_datetime;

/// The stored fields of one article.
pub struct StoredArticle {
    /// Its id.
    pub id: String,
    /// The file it was read from, as indexed (absolute).
    pub path: String,
    /// Its date, when known.
    pub date: Option<NaiveDate>,
    /// Its headline as shown.
    pub headline: String,
    /// Its passages' text, in order.
    pub passages: Vec<String>,
    /// The line where each passage starts.
    pub lines: Vec<u64>,
    /// Its URL, when known.
    pub url: Option<String>,
    /// Its source, when known.
    pub source: Option<String>,
    /// Its author, when known.
    pub author: Option<String>,
}

impl StoredArticle {
    /// The line where passage `ordinal` starts (the first passage's when unknown).
    pub fn line(&self, ordinal: usize) -> u64 {
        self.lines
            .get(ordinal)
            .or(self.lines.first())
            .copied()
            .unwrap_or(1)
    }
}

/// A whole article with the byte ranges of each passage that a query highlights.
pub struct MarkedArticle {
    /// The article.
    pub article: StoredArticle,
    /// For each of its passages, in order, the ranges to mark.
    pub marks: Vec<Vec<(usize, usize)>>,
}

/// Reads an article's stored fields.
pub fn read_article(
    index: &NewsIndex,
    searcher: &Searcher,
    address: DocAddress,
) -> Result<StoredArticle> {
    let doc: TantivyDocument = searcher.doc(address).context("reading a stored article")?;
    let f = &index.fields;
    let text = |field| {
        doc.get_first(field)
            .and_then(|v| v.as_str())
            .map(str::to_string)
    };
    let lines: Vec<u64> = doc.get_all(f.line).filter_map(|v| v.as_u64()).collect();
    let mut passages: Vec<String> = doc
        .get_all(f.body)
        .filter_map(|v| v.as_str().map(str::to_string))
        .collect();
    // The own headline leads the body values, one more than there are passage lines.
    if passages.len() > lines.len() {
        passages.remove(0);
    }
    Ok(StoredArticle {
        id: text(f.id).unwrap_or_default(),
        path: text(f.path).unwrap_or_default(),
        date: doc
            .get_first(f.date)
            .and_then(|v| v.as_datetime())
            .and_then(from_datetime),
        headline: text(f.title).unwrap_or_default(),
        passages,
        lines,
        url: text(f.url),
        source: text(f.source),
        author: text(f.author),
    })
}

/// Every indexed article with this id (sources' own ids may repeat across files), in path
/// order; none when the id is unknown.
pub fn articles_of_id(
    index: &NewsIndex,
    searcher: &Searcher,
    id: &str,
) -> Result<Vec<StoredArticle>> {
    let mut articles = docs_of_id(searcher, id)?
        .into_iter()
        .map(|address| read_article(index, searcher, address))
        .collect::<Result<Vec<_>>>()?;
    articles.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(articles)
}
