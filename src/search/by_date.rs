//! `--sort newest|oldest`: the matching articles ordered by date, not by score.
//!
//! Correctness over speed: every matching article is collected ([`super::articles`]), so
//! `--sort newest -n 10` gives the ten newest matching articles, not the newest among the ten
//! most relevant. Undated articles come last; articles of the same day are ordered by their
//! BM25 score. Copies of a story are folded into the first one listed, by the same fingerprints
//! as relevance ranking ([`super::copies`]). Passages, snippets and hits are left to
//! [`super::search`].

use std::cmp::Ordering;

use anyhow::{Context, Result};
use tantivy::query::Query;
use tantivy::{DocAddress, Searcher};

use super::SearchRequest;
use super::articles::{MatchedArticle, MatchingArticles};
use super::copies::{Candidate, Group, fold_copies};
use super::statistics::ArticleStatistics;
use crate::index::NewsIndex;

/// An article chosen for display, and the copies folded into it (indexes into the articles).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picked {
    /// The article shown.
    pub article: usize,
    /// Its copies.
    pub copies: Vec<usize>,
}

/// Runs the query over the whole index and returns the first `offset + limit` articles in date order,
/// each with the copies folded into it.
pub(super) fn date_groups(
    index: &NewsIndex,
    searcher: &Searcher,
    query: &dyn Query,
    request: &SearchRequest,
    newest: bool,
) -> Result<Vec<Group<DocAddress>>> {
    let collector = MatchingArticles {
        path: index.fields.path,
        keep: 1,
        scoring: true,
    };
    let statistics = ArticleStatistics::new(searcher, &index.fields)?;
    let mut articles = searcher
        .search_with_statistics_provider(query, &collector, &statistics)
        .context("running the search")?;
    sort_by_date(&mut articles, newest);
    let picked = pick(&articles, request.ranked(), !request.all);
    let candidate = |i: usize| -> Option<Candidate<DocAddress>> {
        let article = &articles[i];
        let &(score, address) = article.best.first()?;
        Some(Candidate {
            score,
            exact: article.exact,
            simhash: article.simhash,
            parts: None,
            item: address,
        })
    };
    Ok(picked
        .into_iter()
        .filter_map(|p| {
            Some(Group {
                best: candidate(p.article)?,
                copies: p.copies.iter().filter_map(|&i| candidate(i)).collect(),
            })
        })
        .collect())
}

/// Orders articles by date (newest or oldest first), undated last; then by best score, then by
/// file and id so that the order never depends on the index's layout.
pub fn sort_by_date(articles: &mut [MatchedArticle], newest: bool) {
    articles.sort_by(|a, b| {
        let by_date = match (a.date, b.date) {
            (Some(x), Some(y)) if newest => y.cmp(&x),
            (Some(x), Some(y)) => x.cmp(&y),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        };
        by_date
            .then_with(|| b.score().total_cmp(&a.score()))
            .then_with(|| (&a.path, &a.id).cmp(&(&b.path, &b.id)))
    });
}

/// Walks sorted articles and keeps the first `limit`, folding each copy into the first kept
/// article it copies when `fold` is on ([`fold_copies`], as relevance ranking folds them).
pub fn pick(articles: &[MatchedArticle], limit: usize, fold: bool) -> Vec<Picked> {
    let candidates = articles
        .iter()
        .enumerate()
        .map(|(i, article)| Candidate {
            score: article.score(),
            exact: article.exact,
            simhash: article.simhash,
            parts: None,
            item: i,
        })
        .collect();
    fold_copies(candidates, limit, fold)
        .into_iter()
        .map(|group| Picked {
            article: group.best.item,
            copies: group.copies.into_iter().map(|c| c.item).collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use tantivy::DocAddress;

    fn a(id: &str, date: Option<(i32, u32, u32)>, score: f32, exact: u64) -> MatchedArticle {
        MatchedArticle {
            path: "/n/f.csv".into(),
            id: id.into(),
            date: date.and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d)),
            exact,
            simhash: 0,
            best: vec![(score, DocAddress::new(0, 0))],
            passages: 1,
        }
    }

    fn ids(articles: &[MatchedArticle]) -> Vec<&str> {
        articles.iter().map(|a| a.id.as_str()).collect()
    }

    fn sample() -> Vec<MatchedArticle> {
        vec![
            a("undated", None, 9.0, 1),
            a("may", Some((2025, 5, 14)), 1.0, 2),
            a("march", Some((2025, 3, 1)), 5.0, 3),
            a("may-better", Some((2025, 5, 14)), 2.0, 4),
            a("june", Some((2025, 6, 30)), 0.5, 5),
        ]
    }

    #[test]
    fn newest_first_undated_last_ties_by_score() {
        let mut articles = sample();
        sort_by_date(&mut articles, true);
        assert_eq!(
            ids(&articles),
            vec!["june", "may-better", "may", "march", "undated"]
        );
    }

    #[test]
    fn oldest_first_undated_still_last() {
        let mut articles = sample();
        sort_by_date(&mut articles, false);
        assert_eq!(
            ids(&articles),
            vec!["march", "may-better", "may", "june", "undated"]
        );
    }

    #[test]
    fn limit_counts_kept_articles_and_copies_fold() {
        let mut articles = sample();
        articles.push(a("june-copy", Some((2025, 6, 1)), 3.0, 5));
        sort_by_date(&mut articles, true);
        let picked = pick(&articles, 2, true);
        let shown: Vec<&str> = picked
            .iter()
            .map(|p| articles[p.article].id.as_str())
            .collect();
        assert_eq!(shown, vec!["june", "may-better"]);
        assert_eq!(articles[picked[0].copies[0]].id, "june-copy");
        let all = pick(&articles, 10, false);
        assert_eq!(all.len(), 6);
    }
}
