//! Whole-article and best-passage evidence, fused into one rank.
//!
//! A plain-words query is run twice. First over the *article* documents (one per article, its
//! whole text): this decides which articles match (the required share of words may be spread
//! over the article) and gives each a whole-article BM25 score. Then over the *passages* of the
//! best [`POOL_FACTOR`]`× limit` of those articles, matching any query word: this finds the
//! passage to show and gives the passage score (best passage plus support, see
//! [`super::collapse`]). An article's rank is the weighted sum of both scores, each divided by
//! its best value in the query, with [`ARTICLE_WEIGHT`] on the whole-article part. Long news
//! stories that discuss a topic throughout and short ones that answer it in one paragraph both
//! rank well this way; either evidence alone favours one of them.
//!
//! BM25 needs each kind of document scored against its own population: tantivy averages field
//! length and counts documents over the whole index, so [`KindStatistics`] restricts both to
//! one kind (passages or articles), and sets how strongly each kind's length counts.

use std::collections::HashMap;

use anyhow::{Context, Result};
use tantivy::collector::TopDocs;
use tantivy::query::{
    Bm25StatisticsProvider, BooleanQuery, ConstScoreQuery, Occur, Query, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption, Term};
use tantivy::{DocAddress, Searcher};

use crate::index::Fields;
use crate::index::schema::{KIND_ARTICLE, KIND_PASSAGE};

/// Weight of the whole-article score in an article's rank (the passage score has the rest).
pub const ARTICLE_WEIGHT: f32 = 0.4;
/// Length scale of whole-article BM25 (see [`KindStatistics`]): equivalent to b ≈ 0.87 and
/// k1 ≈ 2.3, so that a long article must use the words more often to rank as high.
pub const ARTICLE_LENGTH_SCALE: f64 = 0.45;
/// Length scale of passage BM25 (see [`KindStatistics`]): equivalent to b ≈ 0.81, k1 ≈ 1.6.
pub const PASSAGE_LENGTH_SCALE: f64 = 0.7;
/// How many articles, per article asked for, the passage step re-ranks.
pub const POOL_FACTOR: usize = 3;
/// The fewest articles the passage step re-ranks.
pub const MIN_POOL: usize = 30;

/// BM25 statistics over the documents of one kind: their count and, per field, their tokens.
///
/// The token count is multiplied by the kind's length scale ([`ARTICLE_LENGTH_SCALE`],
/// [`PASSAGE_LENGTH_SCALE`]): tantivy fixes BM25's k1 = 1.2 and b = 0.75, and a document's
/// length is compared with the average length times this scale, so a scale below 1 weighs length
/// more. With scale s the ranking equals BM25 with b' = (b/s) / (1 − b + b/s) and
/// k1' = k1 (1 − b + b/s).
pub struct KindStatistics<'a> {
    searcher: &'a Searcher,
    docs: u64,
    length_scale: f64,
}

impl<'a> KindStatistics<'a> {
    /// Statistics over the documents whose `kind` is `kind` (deleted ones included, as tantivy
    /// counts them in term frequencies too).
    pub fn new(searcher: &'a Searcher, fields: &Fields, kind: &str) -> Result<KindStatistics<'a>> {
        let docs = searcher
            .doc_freq(&Term::from_field_text(fields.kind, kind))
            .context("counting documents")?;
        let length_scale = if kind == KIND_ARTICLE {
            ARTICLE_LENGTH_SCALE
        } else {
            PASSAGE_LENGTH_SCALE
        };
        Ok(KindStatistics {
            searcher,
            docs,
            length_scale,
        })
    }
}

impl Bm25StatisticsProvider for KindStatistics<'_> {
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        let tokens = Bm25StatisticsProvider::total_num_tokens(self.searcher, field)?;
        // Float rounding is harmless here: the value only sets the average length.
        Ok((tokens as f64 * self.length_scale).round() as u64)
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        Ok(self.docs.max(1))
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        // Never above the document count, which BM25's idf requires.
        Ok(self.searcher.doc_freq(term)?.min(self.docs.max(1)))
    }
}

/// The best `pool` articles for an article-level query, as (article key, score), best first.
pub fn top_articles(
    searcher: &Searcher,
    fields: &Fields,
    query: &dyn Query,
    pool: usize,
) -> Result<Vec<(u64, f32)>> {
    let statistics = KindStatistics::new(searcher, fields, KIND_ARTICLE)?;
    let top: Vec<(f32, DocAddress)> = searcher
        .search_with_statistics_provider(
            query,
            &TopDocs::with_limit(pool.max(1)).order_by_score(),
            &statistics,
        )
        .context("ranking articles")?;
    let keys = key_columns(searcher)?;
    Ok(top
        .into_iter()
        .filter_map(|(score, address)| {
            let key = keys
                .get(address.segment_ord as usize)?
                .first(address.doc_id)?;
            Some((key, score))
        })
        .collect())
}

/// Restricts a passage query to the passages of the given articles, without changing scores.
pub fn within_articles(query: Box<dyn Query>, fields: &Fields, keys: &[u64]) -> Box<dyn Query> {
    // A union of the keys' short posting lists: cheaper than a `TermSetQuery`, which walks the
    // term dictionary with an automaton and fills a bitset of the whole segment.
    let articles = keys
        .iter()
        .map(|&key| {
            let term = Term::from_field_u64(fields.key, key);
            let query: Box<dyn Query> = Box::new(TermQuery::new(term, IndexRecordOption::Basic));
            (Occur::Should, query)
        })
        .collect();
    let filter = ConstScoreQuery::new(Box::new(BooleanQuery::new(articles)), 0.0);
    Box::new(BooleanQuery::new(vec![
        (Occur::Must, query),
        (Occur::Must, Box::new(filter)),
    ]))
}

/// The passages of the given articles that `query` matches, best first, scored with the
/// passages' own statistics (every one, up to 64 per article on average, a bound no real
/// article reaches).
pub fn passages_of_articles(
    searcher: &Searcher,
    fields: &Fields,
    query: &dyn Query,
    keys: &[u64],
) -> Result<Vec<(f32, DocAddress)>> {
    if keys.is_empty() {
        return Ok(Vec::new());
    }
    let query = within_articles(query.box_clone(), fields, keys);
    let statistics = KindStatistics::new(searcher, fields, KIND_PASSAGE)?;
    searcher
        .search_with_statistics_provider(
            &*query,
            &TopDocs::with_limit(keys.len().saturating_mul(64)).order_by_score(),
            &statistics,
        )
        .context("finding the articles' passages")
}

/// The best `keep` passages of each of the given articles that `query` matches, by article key,
/// best first ([`passages_of_articles`] grouped).
pub fn best_passages(
    searcher: &Searcher,
    fields: &Fields,
    query: &dyn Query,
    keys: &[u64],
    keep: usize,
) -> Result<HashMap<u64, Vec<(f32, DocAddress)>>> {
    let mut best: HashMap<u64, Vec<(f32, DocAddress)>> = HashMap::new();
    let top = passages_of_articles(searcher, fields, query, keys)?;
    let columns = key_columns(searcher)?;
    for (score, address) in top {
        let key = columns
            .get(address.segment_ord as usize)
            .and_then(|c| c.first(address.doc_id));
        if let Some(key) = key {
            let kept = best.entry(key).or_default();
            if kept.len() < keep {
                kept.push((score, address));
            }
        }
    }
    Ok(best)
}

/// The whole-article scores of a query's pool of articles.
#[derive(Debug, Clone, Default)]
pub struct Fusion {
    /// Whole-article score by article (the key as collapse candidates carry it).
    articles: HashMap<String, f32>,
    /// The best of them.
    best: f32,
}

impl Fusion {
    /// The scores of a pool of (article key, whole-article score).
    pub fn new(pool: &[(u64, f32)]) -> Fusion {
        Fusion {
            articles: pool
                .iter()
                .map(|&(key, score)| (format!("{key:016x}"), score))
                .collect(),
            best: pool.iter().map(|&(_, s)| s).fold(0.0, f32::max),
        }
    }

    /// The parts of an article's fused score, given its passage score and the query's best.
    pub fn parts(&self, article: &str, passage: f32, best_passage: f32) -> FusedParts {
        FusedParts {
            article: self.articles.get(article).copied().unwrap_or(0.0),
            best_article: self.best,
            passage,
            best_passage,
        }
    }
}

/// What an article's fused score is made of.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FusedParts {
    /// Its whole-article BM25 score.
    pub article: f32,
    /// The best whole-article score of the query.
    pub best_article: f32,
    /// Its passage score (best passage plus support).
    pub passage: f32,
    /// The best passage score of the query.
    pub best_passage: f32,
}

impl FusedParts {
    /// The fused score: [`ARTICLE_WEIGHT`] × article share + the rest × passage share, each
    /// share being the score divided by the query's best.
    pub fn score(&self) -> f32 {
        ARTICLE_WEIGHT * share(self.article, self.best_article)
            + (1.0 - ARTICLE_WEIGHT) * share(self.passage, self.best_passage)
    }
}

/// A score divided by the best one (0 when there is none).
fn share(score: f32, best: f32) -> f32 {
    if best > 0.0 { score / best } else { 0.0 }
}

/// The key column of every segment (in segment order).
fn key_columns(searcher: &Searcher) -> Result<Vec<tantivy::columnar::Column<u64>>> {
    searcher
        .segment_readers()
        .iter()
        .map(|reader| {
            reader
                .fast_fields()
                .u64("key")
                .context("opening the key column")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fused_score_weighs_shares_of_the_best() {
        let fusion = Fusion::new(&[(1, 8.0), (2, 4.0)]);
        let best = fusion.parts(&format!("{:016x}", 1), 5.0, 10.0);
        assert_eq!(best.article, 8.0);
        let expected = ARTICLE_WEIGHT + (1.0 - ARTICLE_WEIGHT) * 0.5;
        assert!((best.score() - expected).abs() < 1e-6);
        let other = fusion.parts(&format!("{:016x}", 2), 10.0, 10.0);
        let expected = ARTICLE_WEIGHT * 0.5 + (1.0 - ARTICLE_WEIGHT);
        assert!((other.score() - expected).abs() < 1e-6);
    }

    #[test]
    fn an_article_outside_the_pool_has_no_article_share() {
        let fusion = Fusion::new(&[(1, 8.0)]);
        let parts = fusion.parts("ffffffffffffffff", 10.0, 10.0);
        assert_eq!(parts.article, 0.0);
        assert!((parts.score() - (1.0 - ARTICLE_WEIGHT)).abs() < 1e-6);
        let empty = Fusion::new(&[]).parts("x", 0.0, 0.0);
        assert_eq!(empty.score(), 0.0);
    }
}
