//! BM25 statistics over article documents alone.
//!
//! tantivy's BM25 counts every document of the index in the idf and in each field's average
//! length, and the index also holds a file document per source file and a root document per
//! indexed folder (see [`crate::index::schema`]). Those have no text fields, so they add to the
//! document count only; [`ArticleStatistics`] counts the articles instead, so scores are those
//! of an index of articles and nothing else.

use anyhow::{Context, Result};
use tantivy::Searcher;
use tantivy::query::Bm25StatisticsProvider;
use tantivy::schema::{Field, Term};

use crate::index::Fields;
use crate::index::schema::KIND_ARTICLE;

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
        Bm25StatisticsProvider::total_num_tokens(self.searcher, field)
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        Ok(self.articles())
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        // Never above the document count, which BM25's idf requires.
        Ok(self.searcher.doc_freq(term)?.min(self.articles()))
    }
}
