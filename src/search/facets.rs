//! Facets: how many matching articles each source and each year holds, for the web page's
//! lists that narrow a search on click.
//!
//! Years are the `--timeline --by year` counts ([`super::timeline`]), so the page's facet and
//! its histogram never disagree. Sources are counted from the `source` fast column, one pass
//! over the matches and one over the column's dictionary per segment; articles without a
//! source are not listed. Narrowing by a facet is left to the caller (a source filter, a date
//! window).

use std::collections::HashMap;

use anyhow::{Context, Result};
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::StrColumn;
use tantivy::query::Query;
use tantivy::{DocId, Score, Searcher, SegmentOrdinal, SegmentReader};

use super::timeline::{Timeline, Unit, timeline};
use crate::index::NewsIndex;
use crate::index::text_column::texts_of_ords;

/// A facet value and the matching articles it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetCount {
    /// The value as the articles write it (a source's name).
    pub name: String,
    /// Matching articles with it.
    pub count: usize,
}

/// The facets of a search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facets {
    /// Sources, most articles first (ties by name).
    pub sources: Vec<FacetCount>,
    /// Matching articles per year, as `--timeline --by year` counts them.
    pub years: Timeline,
}

/// Counts the articles matching `query` per source and per year.
pub fn facets(index: &NewsIndex, searcher: &Searcher, query: &dyn Query) -> Result<Facets> {
    let totals = searcher
        .search(query, &SourceCounts)
        .context("counting matching articles per source")?;
    let mut sources: Vec<FacetCount> = totals
        .into_iter()
        .map(|(name, count)| FacetCount { name, count })
        .collect();
    sources.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
    Ok(Facets {
        sources,
        years: timeline(index, searcher, query, Some(Unit::Year))?,
    })
}

/// Counts matching documents per source name.
struct SourceCounts;

impl Collector for SourceCounts {
    type Fruit = HashMap<String, usize>;
    type Child = SegmentSources;

    fn for_segment(
        &self,
        _segment_ord: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentSources> {
        Ok(SegmentSources {
            column: reader.fast_fields().str("source")?,
            per_ord: HashMap::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<HashMap<String, usize>>) -> tantivy::Result<Self::Fruit> {
        let mut totals = HashMap::new();
        for (name, count) in fruits.into_iter().flatten() {
            *totals.entry(name).or_default() += count;
        }
        Ok(totals)
    }
}

/// One segment's counts, by the source column's term ordinals.
struct SegmentSources {
    column: Option<StrColumn>,
    per_ord: HashMap<u64, usize>,
}

impl SegmentCollector for SegmentSources {
    type Fruit = HashMap<String, usize>;

    fn collect(&mut self, doc: DocId, _score: Score) {
        if let Some(ord) = self.column.as_ref().and_then(|c| c.term_ords(doc).next()) {
            *self.per_ord.entry(ord).or_default() += 1;
        }
    }

    fn harvest(self) -> HashMap<String, usize> {
        let Some(column) = self.column else {
            return HashMap::new();
        };
        let names = texts_of_ords(&column, self.per_ord.keys().copied()).unwrap_or_default();
        names
            .into_iter()
            .map(|(ord, name)| (name, self.per_ord.get(&ord).copied().unwrap_or(0)))
            .collect()
    }
}
