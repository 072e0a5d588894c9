//! BM25 statistics over article documents alone.
//!
//! tantivy's BM25 counts every document of the index in the idf and in each field's average
//! length, and the index also holds a file document per source file and a root document per
//! indexed folder (see [`crate::index::schema`]). Those have no text fields, so they add to the
//! document count only; [`ArticleStatistics`] counts the articles instead, so scores are those
//! of an index of articles and nothing else.
//!
//! tantivy fixes BM25's k1 = 1.2 and b = 0.75. A document's length is compared with the
//! average length, which these statistics report [`LENGTH_SCALE`] times the true one: with
//! scale s the ranking equals BM25 with b' = (b/s) / (1 − b + b/s) and k1' = k1 (1 − b + b/s),
//! so s = 1.3 gives b ≈ 0.70, k1 ≈ 0.99: long articles are penalised a little less, and
//! repeated words saturate a little sooner, than with tantivy's defaults. Chosen on both dev
//! collections (README "Ranking"); 1.2–1.4 do about as well.

use anyhow::{Context, Result};
use tantivy::Searcher;
use tantivy::query::Bm25StatisticsProvider;
use tantivy::schema::{Field, Term};

use crate::index::Fields;
use crate::index::schema::KIND_ARTICLE;

/// How many times the true average article length BM25 is told (see the module doc).
pub const LENGTH_SCALE: f64 = 1.3;

/// BM25 statistics with the article documents as the population.
pub struct ArticleStatistics<'a> {
    searcher: &'a Searcher,
    docs: u64,
}

impl<'a> ArticleStatistics<'a> {
    /// Statistics over the article documents (deleted ones included, as tantivy counts them in
    /// term frequencies too).
    pub fn new(searcher: &'a Searcher, fields: &Fields) -> Result<ArticleStatistics<'a>> {
        let docs = searcher
            .doc_freq(&Term::from_field_text(fields.kind, KIND_ARTICLE))
            .context("counting articles")?;
        Ok(ArticleStatistics { searcher, docs })
    }

    /// The number of articles (at least 1).
    pub fn articles(&self) -> u64 {
        self.docs.max(1)
    }

    /// How many articles hold a term (at most the article count).
    pub fn doc_freq_of(&self, term: &Term) -> Result<u64> {
        self.doc_freq(term).context("reading a document frequency")
    }

    /// Inverse document frequency of a term, as BM25 weighs it: rarer terms weigh more.
    pub fn idf(&self, term: &Term) -> f32 {
        let total = self.articles() as f32;
        let df = self.doc_freq(term).unwrap_or(0) as f32;
        (1.0 + (total - df + 0.5) / (df + 0.5)).ln().max(0.01)
    }
}

impl Bm25StatisticsProvider for ArticleStatistics<'_> {
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        let tokens = Bm25StatisticsProvider::total_num_tokens(self.searcher, field)?;
        // Float rounding is harmless here: the value only sets the average length.
        Ok((tokens as f64 * LENGTH_SCALE).round() as u64)
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        Ok(self.articles())
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        // Never above the document count, which BM25's idf requires.
        Ok(self.searcher.doc_freq(term)?.min(self.articles()))
    }
}
