//! Collapsing ranked passages into the hits a user sees.
//!
//! Two steps, both pure functions over candidates already in rank order:
//! 1. per article: an article's score is its best passage's plus [`SUPPORT_WEIGHT`] times its
//!    next best [`SUPPORT_PASSAGES`] (an article that discusses the query in two passages
//!    outranks one that mentions it once); its best `per_article` passages are kept;
//! 2. per story: an article whose text is an exact copy of a better-ranked one (same
//!    [`exact`](Candidate::exact) fingerprint), or a near-copy of it (SimHash within
//!    [`NEAR_COPY_MAX_BITS`](crate::article::fingerprint::NEAR_COPY_MAX_BITS) bits), is folded
//!    into it and listed in its `also_in`, unless the user asks for every copy.

use std::collections::HashMap;

use super::fusion::{FusedParts, Fusion};
use crate::article::fingerprint::is_near_copy;

/// Weight of an article's supporting passages in its score.
pub const SUPPORT_WEIGHT: f32 = 0.7;
/// How many passages after the best one support an article's score.
pub const SUPPORT_PASSAGES: usize = 1;

/// One ranked passage with what collapsing needs to know about its article.
#[derive(Debug, Clone)]
pub struct Candidate<T> {
    /// Ranking score.
    pub score: f32,
    /// Article id.
    pub article: String,
    /// Exact-content fingerprint of the article.
    pub exact: u64,
    /// SimHash of the article (0: none).
    pub simhash: u64,
    /// The passage itself (whatever the caller carries).
    pub passage: T,
}

/// An article's kept passages and the copies folded into it.
#[derive(Debug, Clone)]
pub struct Group<T> {
    /// The article's score: its best passage plus weighted support.
    pub score: f32,
    /// The support part: the score of the passages after the best one that count.
    pub support: f32,
    /// With whole-article scores: the parts `score` was fused from.
    pub fused: Option<FusedParts>,
    /// The article's best passages, best first.
    pub passages: Vec<Candidate<T>>,
    /// Best passage of each copy of the article found among the candidates.
    pub copies: Vec<Candidate<T>>,
}

/// Groups candidates (in rank order) per article, orders articles by their score (fused with
/// whole-article scores when `fusion` gives them), folds copies together, and keeps the best
/// `limit` groups.
pub fn collapse<T>(
    candidates: Vec<Candidate<T>>,
    limit: usize,
    per_article: usize,
    fold_copies: bool,
    fusion: Option<&Fusion>,
) -> Vec<Group<T>> {
    let mut order: Vec<String> = Vec::new();
    let mut by_article: HashMap<String, Vec<Candidate<T>>> = HashMap::new();
    for candidate in candidates {
        let passages = by_article.entry(candidate.article.clone()).or_default();
        if passages.is_empty() {
            order.push(candidate.article.clone());
        }
        passages.push(candidate);
    }
    let mut articles: Vec<Group<T>> = order
        .iter()
        .filter_map(|id| by_article.remove(id))
        .map(|passages| Group {
            score: article_score(&passages),
            support: support_score(&passages),
            fused: None,
            passages,
            copies: Vec::new(),
        })
        .collect();
    if let Some(fusion) = fusion {
        let best_passage = articles.iter().map(|a| a.score).fold(0.0, f32::max);
        for article in &mut articles {
            let key = article.passages.first().map(|p| p.article.as_str());
            let parts = fusion.parts(key.unwrap_or_default(), article.score, best_passage);
            article.score = parts.score();
            article.fused = Some(parts);
        }
    }
    articles.sort_by(|a, b| b.score.total_cmp(&a.score));

    let mut groups: Vec<Group<T>> = Vec::new();
    for mut article in articles {
        let Some(best) = article.passages.first() else {
            continue;
        };
        let copy_of = fold_copies
            .then(|| {
                groups.iter().position(|g| {
                    g.passages.first().is_some_and(|p| {
                        p.exact == best.exact || is_near_copy(p.simhash, best.simhash)
                    })
                })
            })
            .flatten();
        if let Some(index) = copy_of {
            let best = article.passages.remove(0);
            groups[index].copies.push(best);
            continue;
        }
        if groups.len() >= limit {
            continue;
        }
        article.passages.truncate(per_article.max(1));
        groups.push(article);
    }
    groups
}

/// Best passage score plus weighted support from the next best (candidates are in rank order).
fn article_score<T>(passages: &[Candidate<T>]) -> f32 {
    let best = passages.first().map_or(0.0, |p| p.score);
    best + SUPPORT_WEIGHT * support_score(passages)
}

/// Sum of the scores of the supporting passages (those after the best that count).
fn support_score<T>(passages: &[Candidate<T>]) -> f32 {
    passages
        .iter()
        .skip(1)
        .take(SUPPORT_PASSAGES)
        .map(|p| p.score)
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(score: f32, article: &str, exact: u64, simhash: u64) -> Candidate<&'static str> {
        Candidate {
            score,
            article: article.to_string(),
            exact,
            simhash,
            passage: "",
        }
    }

    fn ids(groups: &[Group<&str>]) -> Vec<String> {
        groups
            .iter()
            .map(|g| g.passages[0].article.clone())
            .collect()
    }

    #[test]
    fn one_passage_per_article_by_default() {
        let groups = collapse(
            vec![c(3.0, "a", 1, 0), c(2.0, "a", 1, 0), c(1.0, "b", 2, 0)],
            10,
            1,
            true,
            None,
        );
        assert_eq!(ids(&groups), vec!["a", "b"]);
        assert_eq!(groups[0].passages.len(), 1);
    }

    #[test]
    fn supporting_passages_lift_an_article() {
        // b's best passage is weaker than a's, but b discusses the query three times.
        let groups = collapse(
            vec![
                c(3.0, "a", 1, 0),
                c(2.8, "b", 2, 0),
                c(2.5, "b", 2, 0),
                c(2.5, "b", 2, 0),
            ],
            10,
            1,
            true,
            None,
        );
        assert_eq!(ids(&groups), vec!["b", "a"]);
        assert!((groups[0].score - (2.8 + SUPPORT_WEIGHT * 2.5)).abs() < 1e-5);
    }

    #[test]
    fn per_article_keeps_more_passages() {
        let groups = collapse(
            vec![c(3.0, "a", 1, 0), c(2.0, "b", 2, 0), c(1.0, "a", 1, 0)],
            10,
            2,
            true,
            None,
        );
        assert_eq!(ids(&groups), vec!["a", "b"]);
        assert_eq!(groups[0].passages.len(), 2);
    }

    #[test]
    fn exact_copies_fold_into_the_best() {
        let groups = collapse(
            vec![
                c(3.0, "a", 7, 0),
                c(3.0, "b", 7, 0),
                c(2.5, "a", 7, 0),
                c(2.5, "b", 7, 0),
                c(1.0, "c", 8, 0),
            ],
            10,
            1,
            true,
            None,
        );
        assert_eq!(ids(&groups), vec!["a", "c"]);
        assert_eq!(groups[0].copies.len(), 1);
        assert_eq!(groups[0].copies[0].article, "b");
    }

    #[test]
    fn near_copies_fold_and_distant_ones_do_not() {
        let base = 0xF0F0_F0F0_F0F0_F0F0u64;
        let groups = collapse(
            vec![
                c(3.0, "a", 1, base),
                c(2.0, "b", 2, base ^ 0b111),
                c(1.0, "c", 3, base ^ 0b1111),
            ],
            10,
            1,
            true,
            None,
        );
        assert_eq!(ids(&groups), vec!["a", "c"]);
        assert_eq!(groups[0].copies[0].article, "b");
    }

    #[test]
    fn all_copies_shown_when_asked() {
        let groups = collapse(
            vec![c(3.0, "a", 7, 0), c(3.0, "b", 7, 0)],
            10,
            1,
            false,
            None,
        );
        assert_eq!(ids(&groups), vec!["a", "b"]);
    }

    #[test]
    fn limit_counts_groups_not_copies() {
        let groups = collapse(
            vec![
                c(3.0, "a", 7, 0),
                c(3.0, "b", 7, 0),
                c(2.0, "c", 8, 0),
                c(1.0, "d", 9, 0),
            ],
            2,
            1,
            true,
            None,
        );
        assert_eq!(ids(&groups), vec!["a", "c"]);
    }
}
