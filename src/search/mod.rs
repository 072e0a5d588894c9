//! Search: a query and a date window → ranked hits, one passage each, with snippets.
//!
//! Passages are ranked by BM25 over their text and their article's headline (see [`query`]).
//! Hits are then collapsed per article: at most `per_article` passages of one article are kept,
//! and articles are ordered by their best passage. Snippets are made only for the hits returned.
//! Printing is left to [`crate::render`].

pub mod period;
pub mod query;
pub mod snippet;

use std::collections::HashMap;
use std::path::PathBuf;

use anyhow::{Context, Result};
use chrono::NaiveDate;
use tantivy::collector::TopDocs;
use tantivy::schema::Value;
use tantivy::{DocAddress, Searcher, TantivyDocument};

use crate::index::NewsIndex;
use crate::index::schema::news_analyzer;
use crate::index::writer::from_datetime;
use period::DateWindow;
use query::build_query;
use snippet::make_snippet;

/// What to search for.
#[derive(Debug, Clone)]
pub struct SearchRequest {
    /// The query text, in tantivy's query syntax.
    pub query: String,
    /// Publication dates to keep.
    pub window: DateWindow,
    /// Most articles to return.
    pub limit: usize,
    /// Most passages to return per article.
    pub per_article: usize,
}

/// One passage that matched, ready to render.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// The article's id.
    pub id: String,
    /// The file the article was read from.
    pub path: PathBuf,
    /// The line where the passage starts in its file.
    pub line: u64,
    /// Position of the passage in its article.
    pub ordinal: u64,
    /// The article's date, when known.
    pub date: Option<NaiveDate>,
    /// The article's headline.
    pub headline: String,
    /// The excerpt shown.
    pub snippet: String,
    /// Byte ranges of `snippet` to highlight.
    pub highlights: Vec<(usize, usize)>,
    /// Ranking score (BM25; higher is better).
    pub score: f32,
    /// The article's URL, when known.
    pub url: Option<String>,
    /// The article's source, when known.
    pub source: Option<String>,
}

/// Runs a search and returns its hits, best article first.
pub fn search(index: &NewsIndex, request: &SearchRequest) -> Result<Vec<Hit>> {
    let reader = index.index.reader().context("opening an index reader")?;
    let searcher = reader.searcher();
    let plan = build_query(index, &searcher, &request.query, &request.window)?;
    let wanted = request.limit.saturating_mul(request.per_article.max(1));
    if wanted == 0 {
        return Ok(Vec::new());
    }
    let total = searcher.num_docs() as usize;
    let mut fetch = (wanted * 4).max(50);
    let chosen = loop {
        let top = searcher
            .search(
                &*plan.query,
                &TopDocs::with_limit(fetch.min(total.max(1))).order_by_score(),
            )
            .context("running the search")?;
        let exhausted = top.len() < fetch.min(total.max(1)) || fetch >= total;
        let chosen = collapse(index, &searcher, &top, request)?;
        if exhausted || chosen.len() >= wanted || chosen_articles(&chosen) >= request.limit {
            break chosen;
        }
        fetch = fetch.saturating_mul(4);
    };
    let mut analyzer = news_analyzer();
    let hits = chosen
        .into_iter()
        .map(|(score, doc)| {
            let snippet = make_snippet(&doc.body, &mut analyzer, &plan.highlight);
            Hit {
                id: doc.id,
                path: PathBuf::from(doc.path),
                line: doc.line,
                ordinal: doc.ordinal,
                date: doc.date,
                headline: doc.headline,
                snippet: snippet.text,
                highlights: snippet.highlights,
                score,
                url: doc.url,
                source: doc.source,
            }
        })
        .collect();
    Ok(hits)
}

/// The stored fields of one passage.
struct StoredPassage {
    id: String,
    path: String,
    line: u64,
    ordinal: u64,
    date: Option<NaiveDate>,
    headline: String,
    body: String,
    url: Option<String>,
    source: Option<String>,
}

/// Keeps the best `per_article` passages of the best `limit` articles, grouped by article in
/// the order of each article's best passage.
fn collapse(
    index: &NewsIndex,
    searcher: &Searcher,
    top: &[(f32, DocAddress)],
    request: &SearchRequest,
) -> Result<Vec<(f32, StoredPassage)>> {
    let mut order: Vec<String> = Vec::new();
    let mut groups: HashMap<String, Vec<(f32, StoredPassage)>> = HashMap::new();
    for &(score, address) in top {
        let doc: TantivyDocument = searcher.doc(address).context("reading a stored passage")?;
        let passage = read_stored(index, &doc);
        let group = groups.entry(passage.id.clone()).or_default();
        if group.is_empty() {
            if order.len() >= request.limit {
                continue;
            }
            order.push(passage.id.clone());
        }
        if group.len() < request.per_article.max(1) {
            group.push((score, passage));
        }
    }
    let mut chosen = Vec::new();
    for id in order {
        if let Some(group) = groups.remove(&id) {
            chosen.extend(group);
        }
    }
    Ok(chosen)
}

/// Number of distinct articles among chosen passages.
fn chosen_articles(chosen: &[(f32, StoredPassage)]) -> usize {
    let mut ids: Vec<&str> = chosen.iter().map(|(_, p)| p.id.as_str()).collect();
    ids.dedup();
    ids.len()
}

/// Reads a passage's stored fields.
fn read_stored(index: &NewsIndex, doc: &TantivyDocument) -> StoredPassage {
    let f = &index.fields;
    let text = |field| {
        doc.get_first(field)
            .and_then(|v| v.as_str())
            .map(str::to_string)
    };
    let number = |field| doc.get_first(field).and_then(|v| v.as_u64()).unwrap_or(0);
    StoredPassage {
        id: text(f.id).unwrap_or_default(),
        path: text(f.path).unwrap_or_default(),
        line: number(f.line),
        ordinal: number(f.ordinal),
        date: doc
            .get_first(f.date)
            .and_then(|v| v.as_datetime())
            .and_then(from_datetime),
        headline: text(f.headline).unwrap_or_default(),
        body: text(f.body).unwrap_or_default(),
        url: text(f.url),
        source: text(f.source),
    }
}
