//! Searches without words: every article in a date window (`date:2025-05` alone, or `--since`
//! with `--timeline` and no query), for "what happened in May 2025".
//!
//! The query matches every article document (never the index's file and folder records), its
//! date restricted by the window as a zero-scoring filter, as [`super::query`] does for worded
//! searches. All scores are equal, so such a search is ordered by date (see
//! [`crate::config::search_request`]).

use std::ops::Bound;

use chrono::NaiveDate;

use tantivy::query::{BooleanQuery, ConstScoreQuery, Occur, Query, RangeQuery, TermQuery};
use tantivy::schema::{IndexRecordOption, Term};

use super::period::DateWindow;
use super::query::{Highlight, QueryPlan};
use crate::index::Fields;
use crate::index::schema::KIND_ARTICLE;
use crate::index::writer::{DATE_YEARS, to_datetime};

/// Every article document (never the index's file and folder records).
pub fn all_articles(fields: &Fields) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(fields.kind, KIND_ARTICLE),
        IndexRecordOption::Basic,
    ))
}

/// Every article whose date falls in `window` (every article when it is open).
pub fn browse_plan(fields: &Fields, window: &DateWindow) -> QueryPlan {
    let articles = all_articles(fields);
    let query = match date_filter(fields, window) {
        Some(filter) => Box::new(BooleanQuery::new(vec![
            (Occur::Must, articles),
            (Occur::Must, filter),
        ])),
        None => articles,
    };
    QueryPlan {
        matches: query,
        relaxed: None,
        highlight: Highlight::default(),
        words: Vec::new(),
        plain: false,
        two_of: false,
    }
}

/// The window as a required clause that filters without scoring; `None` when it is open.
pub fn date_filter(fields: &Fields, window: &DateWindow) -> Option<Box<dyn Query>> {
    if window.is_open() {
        return None;
    }
    // A side beyond the years the field holds is clamped to them: `--until 1600` keeps no
    // article, `--until 3000` every dated one.
    let (first, last) = (
        NaiveDate::from_ymd_opt(DATE_YEARS.0, 1, 1),
        NaiveDate::from_ymd_opt(DATE_YEARS.1, 12, 31),
    );
    let bound = |date: Option<NaiveDate>| {
        date.map_or(Bound::Unbounded, |d| {
            let d = d.clamp(first.unwrap_or(d), last.unwrap_or(d));
            to_datetime(d).map_or(Bound::Unbounded, |value| {
                Bound::Included(Term::from_field_date(fields.date, value))
            })
        })
    };
    let range = RangeQuery::new(bound(window.since), bound(window.until));
    Some(Box::new(ConstScoreQuery::new(Box::new(range), 0.0)))
}
