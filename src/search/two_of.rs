//! Articles holding two or more of a few plain words: how many there are, and the best of them.
//!
//! A query of three to six plain words needs two of them ([`super::words::match_query`]) and
//! scores an article the sum of its words' BM25. tantivy runs that query by scoring every
//! match: for three common words at 1M articles, 150,000 of them and 20 ms. A union of the
//! words alone scores the same sums and is pruned with block-max WAND. So the matches are
//! marked apart, a bit per article: each word's postings mark the articles they hold, and an
//! article marked a second time holds two of the words. The count is the number of those
//! articles, and the best are the union's best among them. WAND passes over only articles
//! that cannot beat the `limit`-th best match kept so far, so it still offers every match that
//! can, and the kept ones are exactly the query's best.
//!
//! The marks cost two bits of every article whatever the words, and the union offers articles
//! holding one rare word only to drop them; for rare words the conjunctions of pairs are
//! cheaper. So this path is taken only for words common enough ([`pays_off`]).

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use anyhow::{Context, Result};
use tantivy::query::{EnableScoring, Query};
use tantivy::schema::{Field, IndexRecordOption, Term};
use tantivy::{DocAddress, DocId, DocSet, Searcher, SegmentReader, TERMINATED};

use super::statistics::ArticleStatistics;
use super::words::{Word, match_query};

/// The share of the articles that the words' postings must reach together for marking to pay
/// off. At 1M generated articles (hyperfine, old and new binary), three words at 28% and 35%
/// of the articles took 18 and 19 ms instead of 23 ms, at 19% 17 instead of 20 ms; between 6%
/// and 11% the times were equal within the noise, or 3.5 ms slower (police arrested suspects).
const DENSE_SHARE: f64 = 0.125;

/// Whether marking the matches pays off for `words`: whether their postings together reach
/// [`DENSE_SHARE`] of the articles.
pub fn pays_off(statistics: &ArticleStatistics, words: &[Word], field: Field) -> Result<bool> {
    let mut postings = 0u64;
    for word in words {
        postings += statistics.doc_freq_of(&Term::from_field_text(field, &word.term))?;
    }
    Ok(postings as f64 >= DENSE_SHARE * statistics.articles() as f64)
}

/// The documents of one segment that hold two or more of the words: a bit per document.
struct Matches {
    bits: Vec<u64>,
}

impl Matches {
    /// Marks the documents of `reader` holding two or more of `words` in `field`.
    fn of(reader: &SegmentReader, words: &[Word], field: Field) -> Result<Matches> {
        let blocks = (reader.max_doc() as usize).div_ceil(64);
        let mut once = vec![0u64; blocks];
        let mut twice = vec![0u64; blocks];
        let index = reader
            .inverted_index(field)
            .context("reading the word index")?;
        for word in words {
            let term = Term::from_field_text(field, &word.term);
            let Some(mut postings) = index
                .read_postings(&term, IndexRecordOption::Basic)
                .context("reading a word's articles")?
            else {
                continue;
            };
            let mut doc = postings.doc();
            while doc != TERMINATED {
                let (block, bit) = (doc as usize / 64, 1u64 << (doc % 64));
                if let (Some(once), Some(twice)) = (once.get_mut(block), twice.get_mut(block)) {
                    *twice |= *once & bit;
                    *once |= bit;
                }
                doc = postings.advance();
            }
        }
        Ok(Matches { bits: twice })
    }

    /// Whether document `doc` holds two or more of the words.
    fn contains(&self, doc: DocId) -> bool {
        self.bits
            .get(doc as usize / 64)
            .is_some_and(|block| block & (1u64 << (doc % 64)) != 0)
    }

    /// How many live documents of `reader` hold two or more of the words.
    fn count(&self, reader: &SegmentReader) -> usize {
        match reader.alive_bitset() {
            None => self
                .bits
                .iter()
                .map(|block| block.count_ones() as usize)
                .sum(),
            Some(alive) => (0..reader.max_doc())
                .filter(|&doc| self.contains(doc) && alive.is_alive(doc))
                .count(),
        }
    }
}

/// How many articles hold two or more of `words` in `field`.
pub fn count(searcher: &Searcher, words: &[Word], field: Field) -> Result<usize> {
    let mut total = 0;
    for reader in searcher.segment_readers() {
        total += Matches::of(reader, words, field)?.count(reader);
    }
    Ok(total)
}

/// A kept article; the heap's greatest is the worst kept (lowest score, then last address).
#[derive(Debug, PartialEq)]
struct Kept(f32, DocAddress);

impl Eq for Kept {}

impl PartialOrd for Kept {
    fn partial_cmp(&self, other: &Kept) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Kept {
    fn cmp(&self, other: &Kept) -> Ordering {
        other
            .0
            .total_cmp(&self.0)
            .then_with(|| self.1.cmp(&other.1))
    }
}

/// The best `limit` articles holding two or more of `words` in `field`, by the sum of their
/// words' BM25 over the article statistics, best first (equal scores by document address).
pub fn best_articles(
    searcher: &Searcher,
    statistics: &ArticleStatistics,
    words: &[Word],
    field: Field,
    limit: usize,
) -> Result<Vec<(f32, DocAddress)>> {
    let limit = limit.max(1);
    let union = match_query(words, field, 1);
    let weight = union
        .weight(EnableScoring::enabled_from_statistics_provider(
            statistics, searcher,
        ))
        .context("preparing the search")?;
    let mut kept: BinaryHeap<Kept> = BinaryHeap::new();
    let mut threshold = f32::MIN;
    for (ord, reader) in searcher.segment_readers().iter().enumerate() {
        let segment = u32::try_from(ord).context("too many index segments")?;
        let matches = Matches::of(reader, words, field)?;
        let alive = reader.alive_bitset();
        weight
            .for_each_pruning(threshold, reader, &mut |doc, score| {
                if matches.contains(doc) && alive.is_none_or(|a| a.is_alive(doc)) {
                    let candidate = Kept(score, DocAddress::new(segment, doc));
                    if kept.len() < limit {
                        kept.push(candidate);
                    } else if kept.peek().is_some_and(|worst| candidate < *worst) {
                        kept.pop();
                        kept.push(candidate);
                    }
                    if kept.len() == limit {
                        threshold = kept.peek().map_or(f32::MIN, |worst| worst.0);
                    }
                }
                threshold
            })
            .context("running the search")?;
    }
    Ok(kept
        .into_sorted_vec()
        .into_iter()
        .map(|Kept(score, address)| (score, address))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::Fields;
    use crate::index::schema::{KIND_ARTICLE, index_in_ram};
    use tantivy::collector::{Count, TopDocs};
    use tantivy::{Index, TantivyDocument, Term};

    const WORDS: [&str; 6] = ["harbour", "budget", "railway", "strike", "wheat", "copper"];

    /// Three segments of articles made of the six words and filler, each word in some
    /// articles once or several times, some articles deleted: the union's pruning, the
    /// segments and the deletes all have something to get wrong.
    fn index() -> (Index, Fields) {
        let (index, fields, mut writer) = index_in_ram();
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        for segment in 0..3 {
            for article in 0..300 {
                let mut text = String::new();
                for _ in 0..3 + next(40) {
                    let word = match next(10) {
                        0..=3 => WORDS[next(WORDS.len() as u64) as usize],
                        _ => "filler",
                    };
                    text.push_str(word);
                    text.push(' ');
                }
                let mut doc = TantivyDocument::default();
                doc.add_text(fields.kind, KIND_ARTICLE);
                doc.add_text(fields.path, format!("{segment}-{article}"));
                doc.add_text(fields.body, &text);
                writer.add_document(doc).expect("added");
            }
            writer.commit().expect("committed");
        }
        for article in (0..300).step_by(7) {
            writer.delete_term(Term::from_field_text(fields.path, &format!("1-{article}")));
        }
        writer.commit().expect("committed");
        (index, fields)
    }

    fn words(terms: &[&str]) -> Vec<Word> {
        terms
            .iter()
            .enumerate()
            .map(|(position, term)| Word {
                term: term.to_string(),
                position,
            })
            .collect()
    }

    #[test]
    fn counts_and_best_articles_are_those_of_the_query_scoring_every_match() {
        let (index, fields) = index();
        let reader = index.reader().expect("reader");
        let searcher = reader.searcher();
        assert!(searcher.segment_readers().len() >= 2);
        let statistics = ArticleStatistics::new(&searcher, &fields).expect("statistics");
        for n in 3..=6 {
            let words = words(&WORDS[..n]);
            let query = match_query(&words, fields.body, 2);
            let expected_count = searcher.search(&*query, &Count).expect("counted");
            assert!(expected_count > 20, "{n} words match only {expected_count}");
            assert_eq!(
                count(&searcher, &words, fields.body).expect("count"),
                expected_count
            );
            for limit in [1, 10, 1000] {
                let expected = searcher
                    .search_with_statistics_provider(
                        &*query,
                        &TopDocs::with_limit(limit).order_by_score(),
                        &statistics,
                    )
                    .expect("searched");
                let got = best_articles(&searcher, &statistics, &words, fields.body, limit)
                    .expect("best articles");
                assert_eq!(got.len(), expected.len(), "{n} words, limit {limit}");
                for ((got_score, _), (expected_score, _)) in got.iter().zip(&expected) {
                    assert!(
                        (got_score - expected_score).abs() < 1e-4,
                        "{n} words, limit {limit}"
                    );
                }
                let sorted = |list: &[(f32, DocAddress)]| {
                    let mut addresses: Vec<DocAddress> = list.iter().map(|&(_, a)| a).collect();
                    addresses.sort();
                    addresses
                };
                if limit == 1000 {
                    assert_eq!(sorted(&got), sorted(&expected), "{n} words: every match");
                }
            }
        }
    }
}
