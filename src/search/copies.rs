//! Folding copies of a story into its best-ranked article.
//!
//! A pure function over articles already in rank order: an article whose text is an exact copy
//! of a better-ranked one (same [`exact`](Candidate::exact) fingerprint), or a near-copy of it
//! (SimHash within [`NEAR_COPY_MAX_BITS`](crate::article::fingerprint::NEAR_COPY_MAX_BITS)
//! bits), is folded into it and listed in its `also_in`, unless the user asks for every copy.

use super::rerank::Scored;
use crate::article::fingerprint::is_near_copy;

/// One ranked article with what folding needs to know about it.
#[derive(Debug, Clone)]
pub struct Candidate<T> {
    /// Ranking score.
    pub score: f32,
    /// Exact-content fingerprint of the article.
    pub exact: u64,
    /// SimHash of the article (0: none).
    pub simhash: u64,
    /// The parts of the score, for plain-words queries.
    pub parts: Option<Scored>,
    /// The article itself (whatever the caller carries).
    pub item: T,
}

/// An article kept for display and the copies folded into it.
#[derive(Debug, Clone)]
pub struct Group<T> {
    /// The article shown.
    pub best: Candidate<T>,
    /// Its copies found among the candidates, in rank order.
    pub copies: Vec<Candidate<T>>,
}

/// Walks candidates in rank order and keeps the first `limit` articles, folding each copy into
/// the first kept article it copies when `fold_copies` is on. Copies of a kept article found
/// after the limit is reached are still folded into it.
pub fn fold_copies<T>(
    candidates: Vec<Candidate<T>>,
    limit: usize,
    fold_copies: bool,
) -> Vec<Group<T>> {
    let mut groups: Vec<Group<T>> = Vec::new();
    for candidate in candidates {
        let copy_of = fold_copies
            .then(|| {
                groups.iter().position(|g| {
                    g.best.exact == candidate.exact
                        || is_near_copy(g.best.simhash, candidate.simhash)
                })
            })
            .flatten();
        match copy_of {
            Some(at) => groups[at].copies.push(candidate),
            None if groups.len() < limit => groups.push(Group {
                best: candidate,
                copies: Vec::new(),
            }),
            None => {}
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(score: f32, name: &'static str, exact: u64, simhash: u64) -> Candidate<&'static str> {
        Candidate {
            score,
            exact,
            simhash,
            parts: None,
            item: name,
        }
    }

    fn names(groups: &[Group<&'static str>]) -> Vec<(&'static str, Vec<&'static str>)> {
        groups
            .iter()
            .map(|g| (g.best.item, g.copies.iter().map(|c| c.item).collect()))
            .collect()
    }

    #[test]
    fn exact_and_near_copies_fold_into_the_better_ranked() {
        let ranked = vec![
            c(3.0, "a", 1, 0b1111_0000),
            c(2.0, "b", 2, 0b0000_1111),
            c(1.5, "a-copy", 1, 0),
            c(1.0, "a-near", 3, 0b1111_0001),
        ];
        assert_eq!(
            names(&fold_copies(ranked.clone(), 10, true)),
            vec![("a", vec!["a-copy", "a-near"]), ("b", vec![])]
        );
        assert_eq!(fold_copies(ranked, 10, false).len(), 4);
    }

    #[test]
    fn limit_counts_kept_articles_and_later_copies_still_fold() {
        let ranked = vec![c(3.0, "a", 1, 0), c(2.0, "b", 2, 0), c(1.0, "a-copy", 1, 0)];
        assert_eq!(
            names(&fold_copies(ranked, 1, true)),
            vec![("a", vec!["a-copy"])]
        );
    }
}
