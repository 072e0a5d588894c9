//! Searches without words: every article in a date window (`date:2025-05` alone, or `--since`
//! with `--timeline` and no query), for "what happened in May 2025".
//!
//! The query matches every article document (never the index's file and folder records), its
//! date restricted by the window as a zero-scoring filter, as [`super::query`] does for worded
//! searches. All scores are equal, so such a search is ordered by date (see
//! [`crate::config::search_request`]).

use std::ops::Bound;

use chrono::NaiveDate;

use anyhow::{Context, Result};
use tantivy::Searcher;
use tantivy::query::{
    BooleanQuery, ConstScoreQuery, InvertedIndexRangeQuery, Occur, Query, RangeQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption, Term};

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
pub fn browse_plan(searcher: &Searcher, fields: &Fields, window: &DateWindow) -> Result<QueryPlan> {
    let articles = all_articles(fields);
    let query = match date_filter(searcher, fields, window)? {
        Some(filter) => Box::new(BooleanQuery::new(vec![
            (Occur::Must, articles),
            (Occur::Must, filter),
        ])),
        None => articles,
    };
    Ok(QueryPlan {
        matches: query,
        relaxed: None,
        highlight: Highlight::default(),
        words: Vec::new(),
        plain: false,
        two_of: false,
    })
}

/// A window holding at most this share of the articles is read from the index of dates
/// ([`date_filter`]). At 1M generated articles (dates over 20 years; 15 alternating runs each),
/// `said` in one month (0.4% of the articles) took 19 instead of 42 ms, `oil prices` in 2016–17
/// (10%) 15.3 instead of 16.5 ms; windows of 30% took 1–3 ms longer.
const NARROW_SHARE: f64 = 0.1;

/// The window as a required clause that filters without scoring; `None` when it is open. A
/// narrow window ([`NARROW_SHARE`]) lists its articles from the index of dates, so that a
/// search leads with them and looks up the query's words in those articles only; a wide one
/// reads the date of each article the words match from the date column, which is cheaper
/// than listing most of the archive.
pub fn date_filter(
    searcher: &Searcher,
    fields: &Fields,
    window: &DateWindow,
) -> Result<Option<Box<dyn Query>>> {
    if window.is_open() {
        return Ok(None);
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
    let (since, until) = (bound(window.since), bound(window.until));
    let articles = searcher
        .doc_freq(&Term::from_field_text(fields.kind, KIND_ARTICLE))
        .context("counting articles")?;
    let limit = (NARROW_SHARE * articles as f64) as u64;
    let range: Box<dyn Query> = match (&since, &until) {
        (Bound::Unbounded, Bound::Unbounded) => Box::new(RangeQuery::new(since, until)),
        _ if at_most_between(searcher, fields.date, (&since, &until), limit)? => {
            Box::new(InvertedIndexRangeQuery::new(since, until))
        }
        _ => Box::new(RangeQuery::new(since, until)),
    };
    Ok(Some(Box::new(ConstScoreQuery::new(range, 0.0))))
}

/// Whether at most `limit` documents hold a value of `field` between the bounds (deleted ones
/// included): the document frequencies of the terms in that range, read from the term
/// dictionaries alone, until they pass the limit.
fn at_most_between(
    searcher: &Searcher,
    field: Field,
    (since, until): (&Bound<Term>, &Bound<Term>),
    limit: u64,
) -> Result<bool> {
    let mut total = 0u64;
    for reader in searcher.segment_readers() {
        let index = reader
            .inverted_index(field)
            .context("reading the index of dates")?;
        let mut range = index.terms().range();
        range = match since {
            Bound::Included(term) => range.ge(term.serialized_value_bytes()),
            Bound::Excluded(term) => range.gt(term.serialized_value_bytes()),
            Bound::Unbounded => range,
        };
        range = match until {
            Bound::Included(term) => range.le(term.serialized_value_bytes()),
            Bound::Excluded(term) => range.lt(term.serialized_value_bytes()),
            Bound::Unbounded => range,
        };
        let mut terms = range.into_stream().context("reading the index of dates")?;
        while terms.advance() {
            total += u64::from(terms.value().doc_freq);
            if total > limit {
                return Ok(false);
            }
        }
    }
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::schema::index_in_ram;
    use crate::index::writer::to_datetime;
    use tantivy::collector::DocSetCollector;
    use tantivy::{Index, TantivyDocument};

    /// 400 articles, one a day from 2001-01-01 on, in two segments; every fifth without a date.
    fn index() -> (Index, Fields, NaiveDate) {
        let (index, fields, mut writer) = index_in_ram();
        let first = NaiveDate::from_ymd_opt(2001, 1, 1).expect("a date");
        for day in 0..400u64 {
            let mut doc = TantivyDocument::default();
            doc.add_text(fields.kind, KIND_ARTICLE);
            doc.add_u64(fields.key, day);
            if day % 5 != 4 {
                let date = first + chrono::Days::new(day);
                doc.add_date(fields.date, to_datetime(date).expect("in range"));
            }
            writer.add_document(doc).expect("added");
            if day == 200 {
                writer.commit().expect("committed");
            }
        }
        writer.commit().expect("committed");
        (index, fields, first)
    }

    #[test]
    fn narrow_and_wide_windows_keep_exactly_the_articles_dated_in_them() {
        let (index, fields, first) = index();
        let searcher = index.reader().expect("reader").searcher();
        assert_eq!(searcher.segment_readers().len(), 2);
        let key = |address: tantivy::DocAddress| {
            searcher.segment_readers()[address.segment_ord as usize]
                .fast_fields()
                .u64("key")
                .expect("key column")
                .first(address.doc_id)
                .expect("a key")
        };
        let day = |n: u64| Some(first + chrono::Days::new(n));
        // One day, a month (7.5% of the articles: narrow), a year (wide), open on either side.
        for (since, until) in [
            (day(10), day(10)),
            (day(14), day(14)),
            (day(100), day(129)),
            (day(50), day(414)),
            (None, day(20)),
            (day(380), None),
            (None, day(300)),
        ] {
            let window = DateWindow { since, until };
            let filter = date_filter(&searcher, &fields, &window)
                .expect("a filter")
                .expect("not open");
            let mut got: Vec<u64> = searcher
                .search(&*filter, &DocSetCollector)
                .expect("searched")
                .into_iter()
                .map(key)
                .collect();
            got.sort();
            let expected: Vec<u64> = (0..400u64)
                .filter(|&d| d % 5 != 4)
                .filter(|&d| since.is_none_or(|s| first + chrono::Days::new(d) >= s))
                .filter(|&d| until.is_none_or(|u| first + chrono::Days::new(d) <= u))
                .collect();
            assert_eq!(got, expected, "{since:?}..{until:?}");
        }
    }

    #[test]
    fn a_window_is_narrow_up_to_its_share_of_the_articles() {
        let (index, fields, first) = index();
        let searcher = index.reader().expect("reader").searcher();
        let bound = |n: u64| {
            let date = to_datetime(first + chrono::Days::new(n)).expect("in range");
            Bound::Included(Term::from_field_date(fields.date, date))
        };
        // Days 0..=49 hold 40 dated articles.
        let window = (&bound(0), &bound(49));
        assert!(at_most_between(&searcher, fields.date, window, 40).expect("counted"));
        assert!(!at_most_between(&searcher, fields.date, window, 39).expect("counted"));
        let open = (&Bound::Unbounded, &bound(49));
        assert!(at_most_between(&searcher, fields.date, open, 40).expect("counted"));
    }
}
