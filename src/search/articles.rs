//! Every matching article, not just the top N: a tantivy collector over the whole result set.
//!
//! The index holds one document per article; an article is the pair (file path, article id),
//! since sources' own ids (CSV row numbers) repeat across files. [`MatchingArticles`] reads, for
//! each matching document, the `id` and `date` fast columns and the `exact`/`simhash`
//! fingerprints, and finds its file through the `path` field's postings (the field is indexed but
//! not fast: one pass over its postings per segment maps each document to its path's term
//! ordinal). Documents are grouped per article by those ordinals and segments merged by the
//! strings, so two records of one file that carry the same id count as one article, as `show`
//! finds them. Each article keeps its best-scoring documents.
//! Ordering the articles (by date, for `--sort`) and bucketing their dates (`--timeline`) are
//! left to [`super::by_date`] and [`super::timeline`].

use chrono::NaiveDate;
use rustc_hash::FxHashMap;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{
    DateTime, DocAddress, DocId, DocSet, Score, SegmentOrdinal, SegmentReader, TERMINATED,
};

use crate::index::text_column::{text_of, texts_of_ords};
use crate::index::writer::from_datetime;

/// One matching article.
#[derive(Debug, Clone, PartialEq)]
pub struct MatchedArticle {
    /// Absolute path of its file, as indexed.
    pub path: String,
    /// Its id within the file.
    pub id: String,
    /// Its publication date, when known.
    pub date: Option<NaiveDate>,
    /// Exact-content fingerprint (copies share it).
    pub exact: u64,
    /// SimHash (near-copies are close).
    pub simhash: u64,
    /// Its best matching documents (one, unless a file repeats an id), best first: at most the
    /// collector's `keep`.
    pub best: Vec<(Score, DocAddress)>,
    /// How many of its documents matched.
    pub passages: usize,
}

impl MatchedArticle {
    /// The score of its best document (0 when it kept none).
    pub fn score(&self) -> Score {
        self.best.first().map_or(0.0, |&(score, _)| score)
    }
}

/// Collects every matching article once, with its best `keep` documents.
pub struct MatchingArticles {
    /// The `path` field (indexed, stored).
    pub path: Field,
    /// Best documents to keep per article (0 keeps none: counting only).
    pub keep: usize,
    /// Whether scores are needed (they are not for counting).
    pub scoring: bool,
}

impl Collector for MatchingArticles {
    type Fruit = Vec<MatchedArticle>;
    type Child = SegmentArticles;

    fn for_segment(
        &self,
        segment_ord: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentArticles> {
        let fast = reader.fast_fields();
        Ok(SegmentArticles {
            segment_ord,
            keep: self.keep,
            ids: fast.str("id")?,
            dates: fast.column_opt::<DateTime>("date")?,
            exact: fast.column_opt::<u64>("exact")?,
            simhash: fast.column_opt::<u64>("simhash")?,
            paths: PathOrds::read(reader, self.path)?,
            articles: FxHashMap::default(),
        })
    }

    fn requires_scoring(&self) -> bool {
        self.scoring
    }

    fn merge_fruits(&self, fruits: Vec<Vec<MatchedArticle>>) -> tantivy::Result<Self::Fruit> {
        let mut merged: FxHashMap<(String, String), MatchedArticle> = FxHashMap::default();
        for article in fruits.into_iter().flatten() {
            let key = (article.path.clone(), article.id.clone());
            match merged.get_mut(&key) {
                Some(known) => {
                    known.passages += article.passages;
                    for passage in article.best {
                        keep_best(&mut known.best, passage, self.keep);
                    }
                }
                None => {
                    merged.insert(key, article);
                }
            }
        }
        let mut articles: Vec<MatchedArticle> = merged.into_values().collect();
        // A stable order, whatever the segments: callers sort further.
        articles.sort_by(|a, b| (&a.path, &a.id).cmp(&(&b.path, &b.id)));
        Ok(articles)
    }
}

/// The file of each document of a segment, as a term ordinal of the `path` field.
struct PathOrds {
    /// Per document, its path's term ordinal plus one (0: none).
    ords: Vec<u64>,
    /// The inverted index, to turn ordinals back into paths.
    index: std::sync::Arc<tantivy::InvertedIndexReader>,
}

impl PathOrds {
    /// Walks the postings of every path term of a segment.
    fn read(reader: &SegmentReader, field: Field) -> tantivy::Result<PathOrds> {
        let index = reader.inverted_index(field)?;
        let mut ords = vec![0u64; reader.max_doc() as usize];
        let mut terms = index.terms().stream()?;
        while terms.advance() {
            let ord = terms.term_ord() + 1;
            let mut postings =
                index.read_postings_from_terminfo(terms.value(), IndexRecordOption::Basic)?;
            let mut doc = postings.doc();
            while doc != TERMINATED {
                if let Some(slot) = ords.get_mut(doc as usize) {
                    *slot = ord;
                }
                doc = postings.advance();
            }
        }
        Ok(PathOrds { ords, index })
    }

    /// A document's path ordinal plus one (0: none).
    fn of(&self, doc: DocId) -> u64 {
        self.ords.get(doc as usize).copied().unwrap_or(0)
    }

    /// The path of an ordinal given by [`PathOrds::of`].
    fn path(&self, ord_plus_one: u64) -> String {
        let mut bytes = Vec::new();
        if ord_plus_one > 0 {
            let _ = self.index.terms().ord_to_term(ord_plus_one - 1, &mut bytes);
        }
        String::from_utf8_lossy(&bytes).into_owned()
    }
}

/// An article while its segment is collected: keyed by (path ordinal, id ordinal).
struct Pending {
    date: Option<DateTime>,
    exact: u64,
    simhash: u64,
    best: Vec<(Score, DocAddress)>,
    passages: usize,
}

/// Collects one segment.
pub struct SegmentArticles {
    segment_ord: SegmentOrdinal,
    keep: usize,
    ids: Option<StrColumn>,
    dates: Option<Column<DateTime>>,
    exact: Option<Column<u64>>,
    simhash: Option<Column<u64>>,
    paths: PathOrds,
    articles: FxHashMap<(u64, u64), Pending>,
}

impl SegmentCollector for SegmentArticles {
    type Fruit = Vec<MatchedArticle>;

    fn collect(&mut self, doc: DocId, score: Score) {
        let id = self
            .ids
            .as_ref()
            .and_then(|ids| ids.term_ords(doc).next())
            .map_or(0, |ord| ord + 1);
        let key = (self.paths.of(doc), id);
        let address = DocAddress::new(self.segment_ord, doc);
        let keep = self.keep;
        let pending = self.articles.entry(key).or_insert_with(|| Pending {
            date: self.dates.as_ref().and_then(|c| c.first(doc)),
            exact: self.exact.as_ref().and_then(|c| c.first(doc)).unwrap_or(0),
            simhash: self
                .simhash
                .as_ref()
                .and_then(|c| c.first(doc))
                .unwrap_or(0),
            best: Vec::new(),
            passages: 0,
        });
        pending.passages += 1;
        keep_best(&mut pending.best, (score, address), keep);
    }

    fn harvest(self) -> Vec<MatchedArticle> {
        // Every id at once, in one pass over the column's dictionary: one lookup per article
        // took 70% of a timeline of 750k matching articles.
        let ids = self
            .ids
            .as_ref()
            .and_then(|ids| {
                let ords = self
                    .articles
                    .keys()
                    .filter_map(|&(_, id)| id.checked_sub(1));
                texts_of_ords(ids, ords).ok()
            })
            .unwrap_or_default();
        // Articles of one file share its path: each path is read once.
        let mut paths: FxHashMap<u64, String> = FxHashMap::default();
        for &(path, _) in self.articles.keys() {
            paths.entry(path).or_insert_with(|| self.paths.path(path));
        }
        self.articles
            .into_iter()
            .map(|((path, id_ord), pending)| {
                let id = id_ord
                    .checked_sub(1)
                    .and_then(|ord| text_of(&ids, ord))
                    .unwrap_or_default();
                MatchedArticle {
                    path: paths.get(&path).cloned().unwrap_or_default(),
                    id: id.to_string(),
                    date: pending.date.and_then(from_datetime),
                    exact: pending.exact,
                    simhash: pending.simhash,
                    best: pending.best,
                    passages: pending.passages,
                }
            })
            .collect()
    }
}

/// Inserts a passage among an article's best, kept best first and at most `keep` long; equal
/// scores keep the earlier document first.
fn keep_best(best: &mut Vec<(Score, DocAddress)>, passage: (Score, DocAddress), keep: usize) {
    if keep == 0 {
        return;
    }
    let at = best
        .iter()
        .position(|&(score, address)| {
            passage.0 > score || (passage.0 == score && passage.1 < address)
        })
        .unwrap_or(best.len());
    if at < keep {
        best.insert(at, passage);
        best.truncate(keep);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(doc: DocId) -> DocAddress {
        DocAddress::new(0, doc)
    }

    #[test]
    fn keeps_the_best_passages_best_first() {
        let mut best = Vec::new();
        for (score, doc) in [(1.0, 1), (3.0, 2), (2.0, 3), (3.0, 0), (0.5, 4)] {
            keep_best(&mut best, (score, at(doc)), 2);
        }
        assert_eq!(best, vec![(3.0, at(0)), (3.0, at(2))]);
    }

    #[test]
    fn keeping_none_only_counts() {
        let mut best = Vec::new();
        keep_best(&mut best, (1.0, at(1)), 0);
        assert!(best.is_empty());
    }
}
