//! Re-ranking the best articles of a plain-words query with evidence BM25 over the whole
//! text does not see.
//!
//! The first pass ([`super::words::match_query`]) finds every matching article and scores it by
//! BM25 over its whole text. The best [`RERANK_DEPTH`] of them (at least as many as asked for)
//! are then scored once more, each part added to the BM25 score with its weight:
//! - **headline**: BM25 of the query words over the sources' own headlines
//!   ([`HEADLINE_WEIGHT`]); a story whose headline names the query is about it;
//! - **proximity**: a sloppy phrase for each pair of neighbouring query words
//!   ([`PROXIMITY_WEIGHT`]); words close together more likely mean what the query means;
//! - **feedback** (RM3 pseudo-relevance feedback): the words that the best
//!   [`FEEDBACK_DOCS`] articles use most become a second query of [`FEEDBACK_TERMS`] terms whose
//!   BM25 score is added ([`FEEDBACK_WEIGHT`]), so an article that uses the story's vocabulary
//!   rather than the query's exact words still ranks. As in RM3 each feedback article counts by
//!   its query likelihood; a BM25 score behaves like a log-likelihood, so an article counts
//!   exp([`FEEDBACK_SCORE_SCALE`] × score): the best ones dominate the model.
//!
//! Re-ranking only reorders matches: it never adds or removes an article. Each part is scored
//! with tantivy's own BM25 over the article statistics, on the pooled articles alone (a scorer
//! per segment sought to each of them). Any part can be switched off ([`Ranking`]) to measure
//! what it brings (`scripts/eval --ablate`).

use std::collections::HashMap;

use anyhow::{Context, Result};
use tantivy::query::{BooleanQuery, BoostQuery, EnableScoring, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, Term, Value};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{DocAddress, DocSet, Searcher, SeekDangerResult, TantivyDocument};

use super::statistics::ArticleStatistics;
use super::words::{Word, headline_query, proximity_queries};
use crate::index::Fields;

/// Articles re-ranked, at least: the first pass's best this many (or as many as asked for).
pub const RERANK_DEPTH: usize = 100;
/// Weight of the headline's BM25 score.
pub const HEADLINE_WEIGHT: f32 = 0.5;
/// Weight of the proximity score.
pub const PROXIMITY_WEIGHT: f32 = 0.25;
/// Articles the feedback words are taken from.
pub const FEEDBACK_DOCS: usize = 10;
/// Words of the feedback query.
pub const FEEDBACK_TERMS: usize = 10;
/// Weight of the feedback query against the user's words: RM3's interpolation with the
/// original query at 0.5 (each part counts as much).
pub const FEEDBACK_WEIGHT: f32 = 1.0;
/// How sharply feedback articles are weighted by their score (see the module doc).
pub const FEEDBACK_SCORE_SCALE: f32 = 0.5;
/// A word must be used by at least this many feedback articles (or all, when fewer): one
/// article's own vocabulary is not the story's.
pub const FEEDBACK_MIN_ARTICLES: usize = 2;
/// A word in more than this share of the articles is too common to be feedback.
const FEEDBACK_MAX_DF: f64 = 0.1;

/// Which ranking parts are on (all by default; off only to measure them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ranking {
    /// Long plain-words queries need a share of their words ([`super::words::required_words`]);
    /// off, any one word matches.
    pub min_match: bool,
    /// Add the headline score.
    pub headline: bool,
    /// Add the proximity score.
    pub proximity: bool,
    /// Add the feedback score.
    pub feedback: bool,
}

impl Default for Ranking {
    fn default() -> Ranking {
        Ranking {
            min_match: true,
            headline: true,
            proximity: true,
            feedback: true,
        }
    }
}

impl Ranking {
    /// Switches off the part named `name` (`min-match`, `headline`, `proximity`, `feedback`);
    /// false when there is no such part.
    pub fn switch_off(&mut self, name: &str) -> bool {
        match name {
            "min-match" => self.min_match = false,
            "headline" => self.headline = false,
            "proximity" => self.proximity = false,
            "feedback" | "rm3" => self.feedback = false,
            _ => return false,
        }
        true
    }
}

/// One pooled article and the parts of its score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scored {
    /// Where the article's document is.
    pub address: DocAddress,
    /// BM25 over its whole text.
    pub bm25: f32,
    /// BM25 of its headline (unweighted).
    pub headline: f32,
    /// Proximity score (unweighted).
    pub proximity: f32,
    /// Feedback score (unweighted).
    pub feedback: f32,
}

impl Scored {
    /// An article scored by the first pass only.
    pub fn new(bm25: f32, address: DocAddress) -> Scored {
        Scored {
            address,
            bm25,
            headline: 0.0,
            proximity: 0.0,
            feedback: 0.0,
        }
    }

    /// The rank score: BM25 plus each part at its weight.
    pub fn total(&self) -> f32 {
        self.bm25
            + HEADLINE_WEIGHT * self.headline
            + PROXIMITY_WEIGHT * self.proximity
            + FEEDBACK_WEIGHT * self.feedback
    }
}

/// Scores the pooled articles' parts that `ranking` switches on, and sorts the pool by
/// [`Scored::total`], best first (ties in the first pass's order).
pub fn rerank(
    searcher: &Searcher,
    statistics: &ArticleStatistics,
    fields: &Fields,
    words: &[Word],
    analyzer: &mut TextAnalyzer,
    pool: &mut [Scored],
    ranking: Ranking,
) -> Result<()> {
    let addresses: Vec<DocAddress> = pool.iter().map(|s| s.address).collect();
    if ranking.headline {
        let scores = score_pool(
            searcher,
            statistics,
            &*headline_query(words, fields),
            &addresses,
        )?;
        pool.iter_mut()
            .zip(scores)
            .for_each(|(s, v)| s.headline = v);
    }
    if ranking.proximity {
        // Each pair on its own: a union of phrases could not check one document at a time.
        for query in proximity_queries(words, fields) {
            let scores = score_pool(searcher, statistics, &*query, &addresses)?;
            pool.iter_mut()
                .zip(scores)
                .for_each(|(s, v)| s.proximity += v);
        }
    }
    if ranking.feedback {
        // The feedback articles are the best by the evidence so far.
        let mut order: Vec<&Scored> = pool.iter().collect();
        order.sort_by(|a, b| b.total().total_cmp(&a.total()));
        let top: Vec<(f32, DocAddress)> = order
            .iter()
            .take(FEEDBACK_DOCS)
            .map(|s| (s.total(), s.address))
            .collect();
        let terms = feedback_terms(searcher, statistics, fields, analyzer, &top)?;
        if !terms.is_empty() {
            // RM3 weighs the user's words 1/|Q| each and the feedback words by their share;
            // scaled so the user's words keep their BM25 weight of 1.
            let scale = words.len().max(1) as f32;
            let query = weighted_terms(fields, &terms, scale);
            let scores = score_pool(searcher, statistics, &*query, &addresses)?;
            pool.iter_mut()
                .zip(scores)
                .for_each(|(s, v)| s.feedback = v);
        }
    }
    pool.sort_by(|a, b| b.total().total_cmp(&a.total()));
    Ok(())
}

/// The RM3 feedback model: the [`FEEDBACK_TERMS`] words with the highest weight
/// Σ_d P(w|d)·P(d) over the feedback articles, where P(w|d) is the word's share of the
/// article's analysed words and P(d) ∝ exp([`FEEDBACK_SCORE_SCALE`] × score(d)); weights sum
/// to 1. Words of one character, numbers, words used by fewer than [`FEEDBACK_MIN_ARTICLES`]
/// feedback articles and words in more than [`FEEDBACK_MAX_DF`] of the articles are left out.
fn feedback_terms(
    searcher: &Searcher,
    statistics: &ArticleStatistics,
    fields: &Fields,
    analyzer: &mut TextAnalyzer,
    top: &[(f32, DocAddress)],
) -> Result<Vec<(String, f32)>> {
    let Some(best) = top.iter().map(|&(score, _)| score).reduce(f32::max) else {
        return Ok(Vec::new());
    };
    // Relative to the best, so the exponentials never overflow.
    let likelihood = |score: f32| (FEEDBACK_SCORE_SCALE * (score - best)).exp();
    let total: f32 = top.iter().map(|&(score, _)| likelihood(score)).sum();
    // Per word: its weight, and how many feedback articles use it.
    let mut weights: HashMap<String, (f32, usize)> = HashMap::new();
    for &(score, address) in top {
        let doc: TantivyDocument = searcher
            .doc(address)
            .context("reading a feedback article")?;
        let mut counts: HashMap<String, u32> = HashMap::new();
        let mut length = 0u32;
        for value in doc.get_all(fields.body) {
            let Some(text) = value.as_str() else { continue };
            let mut stream = analyzer.token_stream(text);
            while stream.advance() {
                length += 1;
                *counts.entry(stream.token().text.clone()).or_default() += 1;
            }
        }
        if length == 0 {
            continue;
        }
        let doc_weight = likelihood(score) / total;
        for (word, count) in counts {
            let entry = weights.entry(word).or_default();
            entry.0 += doc_weight * count as f32 / length as f32;
            entry.1 += 1;
        }
    }
    let max_df = (statistics.articles() as f64 * FEEDBACK_MAX_DF).max(1.0) as u64;
    let shared = FEEDBACK_MIN_ARTICLES.min(top.len());
    let mut candidates: Vec<(String, f32)> = weights
        .into_iter()
        .filter(|(word, (_, articles))| {
            *articles >= shared
                && word.chars().count() > 1
                && !word.chars().all(|c| c.is_ascii_digit())
        })
        .map(|(word, (weight, _))| (word, weight))
        .collect();
    // Heaviest first; ties by word so the model never depends on hash order.
    candidates.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let mut terms = Vec::new();
    for (word, weight) in candidates {
        if terms.len() == FEEDBACK_TERMS {
            break;
        }
        let df = statistics
            .doc_freq_of(&Term::from_field_text(fields.body, &word))
            .unwrap_or(0);
        if df <= max_df {
            terms.push((word, weight));
        }
    }
    let sum: f32 = terms.iter().map(|(_, w)| w).sum();
    if sum > 0.0 {
        terms.iter_mut().for_each(|(_, w)| *w /= sum);
    }
    Ok(terms)
}

/// A union of body terms, each boosted by its weight times `scale`.
fn weighted_terms(fields: &Fields, terms: &[(String, f32)], scale: f32) -> Box<dyn Query> {
    Box::new(BooleanQuery::new(
        terms
            .iter()
            .map(|(word, weight)| {
                let term = TermQuery::new(
                    Term::from_field_text(fields.body, word),
                    IndexRecordOption::WithFreqs,
                );
                let query: Box<dyn Query> =
                    Box::new(BoostQuery::new(Box::new(term), weight * scale));
                (Occur::Should, query)
            })
            .collect(),
    ))
}

/// The score `query` gives each of `addresses` (0 where it does not match), with the article
/// statistics: one scorer per segment, each pooled document checked in order.
pub fn score_pool(
    searcher: &Searcher,
    statistics: &ArticleStatistics,
    query: &dyn Query,
    addresses: &[DocAddress],
) -> Result<Vec<f32>> {
    let scoring = EnableScoring::enabled_from_statistics_provider(statistics, searcher);
    let weight = query
        .weight(scoring)
        .context("preparing a re-ranking query")?;
    let mut scores = vec![0.0; addresses.len()];
    let mut order: Vec<usize> = (0..addresses.len()).collect();
    order.sort_by_key(|&i| (addresses[i].segment_ord, addresses[i].doc_id));
    let mut at = 0;
    while at < order.len() {
        let segment = addresses[order[at]].segment_ord;
        let reader = searcher.segment_reader(segment);
        let mut scorer = weight
            .scorer(reader, 1.0)
            .context("scoring re-ranked articles")?;
        // `seek_danger` checks one document without running on to the next match (a phrase
        // scorer's `seek` would test the positions of every document both words share until
        // the next phrase). No document below `bound` can match; the state is valid, and
        // `doc()` meaningful, only while `valid`.
        let mut bound = scorer.doc();
        let mut valid = true;
        while at < order.len() && addresses[order[at]].segment_ord == segment {
            let i = order[at];
            let target = addresses[i].doc_id;
            at += 1;
            if target < bound {
                continue;
            }
            let found = if valid && scorer.doc() == target {
                true
            } else {
                match scorer.seek_danger(target) {
                    SeekDangerResult::Found => true,
                    SeekDangerResult::SeekLowerBound(next) => {
                        bound = next;
                        valid = false;
                        false
                    }
                }
            };
            if found {
                scores[i] = scorer.score();
                bound = target.saturating_add(1);
                valid = true;
            }
        }
    }
    Ok(scores)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_add_at_their_weights() {
        let mut s = Scored::new(2.0, DocAddress::new(0, 0));
        assert_eq!(s.total(), 2.0);
        s.headline = 1.0;
        s.proximity = 1.0;
        s.feedback = 1.0;
        let expected = 2.0 + HEADLINE_WEIGHT + PROXIMITY_WEIGHT + FEEDBACK_WEIGHT;
        assert!((s.total() - expected).abs() < 1e-6);
    }

    #[test]
    fn parts_switch_off_by_name() {
        let mut r = Ranking::default();
        assert!(r.switch_off("rm3") && r.switch_off("headline") && r.switch_off("proximity"));
        assert!(!r.feedback && !r.headline && !r.proximity);
        assert!(r.switch_off("min-match") && !r.min_match);
        assert!(!r.switch_off("colour"));
    }
}
