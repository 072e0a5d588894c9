//! `--timeline`: how many matching articles were published per day, week, month or year.
//!
//! Every matching article is counted once, however many of its passages match, and all of them
//! are counted, not only the top N ([`super::articles`]). Copies of a story in several files are
//! separate articles and counted separately. Buckets run without gaps from the first dated match
//! to the last, so quiet periods show as zero; articles without a date are counted apart. The
//! bucket size is chosen from the span of the matches ([`choose_unit`]) unless the user gives one.
//! Drawing the bars is left to [`crate::render::timeline`].

use std::collections::BTreeMap;

use anyhow::{Context, Result};
use chrono::{Datelike, Days, NaiveDate};
use tantivy::Searcher;
use tantivy::query::Query;

use super::articles::MatchingArticles;
use super::period::last_of_month;
use crate::index::NewsIndex;

/// Automatic choice: days while the matches span at most this many days…
pub const MAX_DAYS: i64 = 31;
/// …weeks while they span at most this many weeks…
pub const MAX_WEEKS: i64 = 26;
/// …months while they span at most this many months, else years.
pub const MAX_MONTHS: i64 = 48;

/// The size of a bucket.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// A calendar day.
    Day,
    /// An ISO week, Monday to Sunday.
    Week,
    /// A calendar month.
    Month,
    /// A calendar year.
    Year,
}

impl Unit {
    /// The first day of the bucket holding `date`.
    pub fn start_of(self, date: NaiveDate) -> NaiveDate {
        match self {
            Unit::Day => date,
            Unit::Week => date
                .checked_sub_days(Days::new(u64::from(date.weekday().num_days_from_monday())))
                .unwrap_or(date),
            Unit::Month => date.with_day(1).unwrap_or(date),
            Unit::Year => date.with_ordinal(1).unwrap_or(date),
        }
    }

    /// The last day of the bucket starting on `start`.
    pub fn end_of(self, start: NaiveDate) -> NaiveDate {
        match self {
            Unit::Day => start,
            Unit::Week => start
                .checked_add_days(Days::new(6))
                .unwrap_or(NaiveDate::MAX),
            Unit::Month => last_of_month(start),
            Unit::Year => NaiveDate::from_ymd_opt(start.year(), 12, 31).unwrap_or(start),
        }
    }

    /// How a bucket starting on `start` is labelled: `2025-05-14`, `2025-W20`, `2025-05`, `2025`.
    pub fn label(self, start: NaiveDate) -> String {
        let format = match self {
            Unit::Day => "%Y-%m-%d",
            Unit::Week => "%G-W%V",
            Unit::Month => "%Y-%m",
            Unit::Year => "%Y",
        };
        start.format(format).to_string()
    }

    /// The unit's name, as `--by` takes it.
    pub fn name(self) -> &'static str {
        match self {
            Unit::Day => "day",
            Unit::Week => "week",
            Unit::Month => "month",
            Unit::Year => "year",
        }
    }
}

/// One bar: the articles dated `start ..= end`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bucket {
    /// First day.
    pub start: NaiveDate,
    /// Last day.
    pub end: NaiveDate,
    /// Matching articles dated in it.
    pub count: usize,
}

/// Matching articles over time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timeline {
    /// The bucket size.
    pub unit: Unit,
    /// Buckets in date order, from the first dated match's to the last's, none skipped.
    pub buckets: Vec<Bucket>,
    /// Matching articles without a date.
    pub undated: usize,
}

impl Timeline {
    /// All articles counted, dated or not.
    pub fn total(&self) -> usize {
        self.buckets.iter().map(|b| b.count).sum::<usize>() + self.undated
    }

    /// The largest bucket count (0 when there is no bucket).
    pub fn peak(&self) -> usize {
        self.buckets.iter().map(|b| b.count).max().unwrap_or(0)
    }
}

/// The finest unit that keeps the span `first ..= last` to a readable number of bars.
pub fn choose_unit(first: NaiveDate, last: NaiveDate) -> Unit {
    let days = (last - first).num_days() + 1;
    let weeks = (Unit::Week.start_of(last) - Unit::Week.start_of(first)).num_weeks() + 1;
    let months = i64::from(last.year() - first.year()) * 12 + i64::from(last.month())
        - i64::from(first.month())
        + 1;
    if days <= MAX_DAYS {
        Unit::Day
    } else if weeks <= MAX_WEEKS {
        Unit::Week
    } else if months <= MAX_MONTHS {
        Unit::Month
    } else {
        Unit::Year
    }
}

/// Counts one date per article into buckets of `unit` (chosen from the span when `None`).
pub fn bucket_dates(dates: &[Option<NaiveDate>], unit: Option<Unit>) -> Timeline {
    let undated = dates.iter().filter(|d| d.is_none()).count();
    let dated = || dates.iter().flatten().copied();
    let (Some(first), Some(last)) = (dated().min(), dated().max()) else {
        return Timeline {
            unit: unit.unwrap_or(Unit::Day),
            buckets: Vec::new(),
            undated,
        };
    };
    let unit = unit.unwrap_or_else(|| choose_unit(first, last));
    let mut counts: BTreeMap<NaiveDate, usize> = BTreeMap::new();
    for date in dated() {
        *counts.entry(unit.start_of(date)).or_default() += 1;
    }
    let last_start = unit.start_of(last);
    let mut buckets = Vec::new();
    let mut start = unit.start_of(first);
    loop {
        let end = unit.end_of(start);
        buckets.push(Bucket {
            start,
            end,
            count: counts.get(&start).copied().unwrap_or(0),
        });
        match end.succ_opt() {
            Some(next) if start < last_start => start = next,
            _ => break,
        }
    }
    Timeline {
        unit,
        buckets,
        undated,
    }
}

/// Counts every article matching `query` over time.
pub fn timeline(
    index: &NewsIndex,
    searcher: &Searcher,
    query: &dyn Query,
    unit: Option<Unit>,
) -> Result<Timeline> {
    let collector = MatchingArticles {
        path: index.fields.path,
        keep: 0,
        scoring: false,
    };
    let articles = searcher
        .search(query, &collector)
        .context("counting matching articles")?;
    let dates: Vec<Option<NaiveDate>> = articles.iter().map(|a| a.date).collect();
    Ok(bucket_dates(&dates, unit))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid date in test")
    }

    fn counts(timeline: &Timeline) -> Vec<(String, usize)> {
        timeline
            .buckets
            .iter()
            .map(|b| (timeline.unit.label(b.start), b.count))
            .collect()
    }

    #[test]
    fn months_with_gaps_filled_and_undated_apart() {
        let dates = [
            Some(d(2025, 3, 31)),
            Some(d(2025, 3, 1)),
            None,
            Some(d(2025, 5, 14)),
            None,
        ];
        let t = bucket_dates(&dates, Some(Unit::Month));
        assert_eq!(
            counts(&t),
            vec![
                ("2025-03".to_string(), 2),
                ("2025-04".to_string(), 0),
                ("2025-05".to_string(), 1)
            ]
        );
        assert_eq!(t.buckets[1].start, d(2025, 4, 1));
        assert_eq!(t.buckets[1].end, d(2025, 4, 30));
        assert_eq!((t.undated, t.total(), t.peak()), (2, 5, 2));
    }

    #[test]
    fn weeks_are_iso_weeks_monday_to_sunday() {
        // 2025-05-14 is a Wednesday of ISO week 20; 2024-12-30 is the Monday of 2025-W01.
        let t = bucket_dates(
            &[Some(d(2025, 5, 14)), Some(d(2025, 5, 18))],
            Some(Unit::Week),
        );
        assert_eq!(counts(&t), vec![("2025-W20".to_string(), 2)]);
        assert_eq!(
            (t.buckets[0].start, t.buckets[0].end),
            (d(2025, 5, 12), d(2025, 5, 18))
        );
        let t = bucket_dates(
            &[Some(d(2024, 12, 31)), Some(d(2025, 1, 6))],
            Some(Unit::Week),
        );
        assert_eq!(
            counts(&t),
            vec![("2025-W01".to_string(), 1), ("2025-W02".to_string(), 1)]
        );
    }

    #[test]
    fn days_and_years() {
        let t = bucket_dates(
            &[Some(d(2024, 2, 28)), Some(d(2024, 3, 1))],
            Some(Unit::Day),
        );
        assert_eq!(
            counts(&t),
            vec![
                ("2024-02-28".to_string(), 1),
                ("2024-02-29".to_string(), 0),
                ("2024-03-01".to_string(), 1)
            ]
        );
        let t = bucket_dates(
            &[Some(d(1987, 4, 1)), Some(d(1989, 1, 1))],
            Some(Unit::Year),
        );
        assert_eq!(
            counts(&t),
            vec![
                ("1987".to_string(), 1),
                ("1988".to_string(), 0),
                ("1989".to_string(), 1)
            ]
        );
        assert_eq!(t.buckets[1].end, d(1988, 12, 31));
    }

    #[test]
    fn unit_chosen_from_the_span() {
        assert_eq!(choose_unit(d(2025, 5, 1), d(2025, 5, 31)), Unit::Day);
        assert_eq!(choose_unit(d(2025, 5, 1), d(2025, 6, 1)), Unit::Week);
        assert_eq!(choose_unit(d(1987, 2, 26), d(1987, 10, 20)), Unit::Month);
        assert_eq!(choose_unit(d(2020, 1, 1), d(2023, 12, 31)), Unit::Month);
        assert_eq!(choose_unit(d(2020, 1, 1), d(2024, 1, 1)), Unit::Year);
        let t = bucket_dates(&[Some(d(1987, 2, 26)), Some(d(1987, 10, 20))], None);
        assert_eq!(t.unit, Unit::Month);
        assert_eq!(t.buckets.len(), 9);
    }

    #[test]
    fn nothing_dated_gives_no_buckets() {
        let t = bucket_dates(&[None, None], None);
        assert!(t.buckets.is_empty());
        assert_eq!((t.undated, t.peak()), (2, 0));
        assert!(bucket_dates(&[], Some(Unit::Year)).buckets.is_empty());
    }

    #[test]
    fn extreme_dates_do_not_loop_or_panic() {
        let t = bucket_dates(&[Some(NaiveDate::MAX)], Some(Unit::Week));
        assert_eq!(t.buckets.len(), 1);
        let t = bucket_dates(&[Some(NaiveDate::MIN)], Some(Unit::Month));
        assert_eq!(t.buckets.len(), 1);
    }
}
