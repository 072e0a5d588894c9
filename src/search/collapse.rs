//! Collapsing ranked passages into the hits a user sees.
//!
//! Two steps, both pure functions over candidates already in rank order:
//! 1. per article: keep an article's best `per_article` passages, ordered by its best one;
//! 2. per story: an article whose text is an exact copy of a better-ranked one (same
//!    [`exact`](Candidate::exact) fingerprint), or a near-copy of it (SimHash within
//!    [`NEAR_COPY_MAX_BITS`](crate::article::fingerprint::NEAR_COPY_MAX_BITS) bits), is folded
//!    into it and listed in its `also_in`, unless the user asks for every copy.

use crate::article::fingerprint::is_near_copy;

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
    /// The article's best passages, best first.
    pub passages: Vec<Candidate<T>>,
    /// Best passage of each copy of the article found among the candidates.
    pub copies: Vec<Candidate<T>>,
}

/// Groups candidates (in rank order) per article and folds copies together; stops at `limit`
/// groups.
pub fn collapse<T>(
    candidates: Vec<Candidate<T>>,
    limit: usize,
    per_article: usize,
    fold_copies: bool,
) -> Vec<Group<T>> {
    let mut groups: Vec<Group<T>> = Vec::new();
    let mut copy_of: Vec<(String, usize)> = Vec::new(); // article id → group holding it as a copy
    for candidate in candidates {
        if let Some(group) = groups.iter_mut().find(|g| {
            g.passages
                .first()
                .is_some_and(|p| p.article == candidate.article)
        }) {
            if group.passages.len() < per_article.max(1) {
                group.passages.push(candidate);
            }
            continue;
        }
        if copy_of.iter().any(|(id, _)| *id == candidate.article) {
            continue;
        }
        if fold_copies
            && let Some(index) = groups.iter().position(|g| {
                g.passages.first().is_some_and(|p| {
                    p.exact == candidate.exact || is_near_copy(p.simhash, candidate.simhash)
                })
            })
        {
            copy_of.push((candidate.article.clone(), index));
            groups[index].copies.push(candidate);
            continue;
        }
        if groups.len() >= limit {
            continue;
        }
        groups.push(Group {
            passages: vec![candidate],
            copies: Vec::new(),
        });
    }
    groups
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
        );
        assert_eq!(ids(&groups), vec!["a", "b"]);
        assert_eq!(groups[0].passages.len(), 1);
    }

    #[test]
    fn per_article_keeps_more_passages() {
        let groups = collapse(
            vec![c(3.0, "a", 1, 0), c(2.0, "b", 2, 0), c(1.0, "a", 1, 0)],
            10,
            2,
            true,
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
                c(2.5, "b", 7, 0),
                c(1.0, "c", 8, 0),
            ],
            10,
            1,
            true,
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
        );
        assert_eq!(ids(&groups), vec!["a", "c"]);
        assert_eq!(groups[0].copies[0].article, "b");
    }

    #[test]
    fn all_copies_shown_when_asked() {
        let groups = collapse(vec![c(3.0, "a", 7, 0), c(3.0, "b", 7, 0)], 10, 1, false);
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
        );
        assert_eq!(ids(&groups), vec!["a", "c"]);
    }
}
