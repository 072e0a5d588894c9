//! Periods counted from today: `7d`, `3w`, `6m`, `1y`, `today`, `yesterday`, and `this` or
//! `last` followed by `week`, `month` or `year`.
//!
//! The spans, all inclusive:
//! - `Nd` is the N days ending today (`7d` = today-6 ..= today) and `Nw` the 7×N days ending
//!   today (`3w` = today-20 ..= today).
//! - `Nm` and `Ny` run from the same day N months or N years ago to today; a day the earlier
//!   month lacks becomes that month's last day (`6m` on 31 August = 28 February ..= 31 August).
//! - Weeks are ISO weeks, Monday to Sunday. `this week` is the whole week holding today, its
//!   Sunday included even when that is still ahead, just as `this month` and `this year` are
//!   whole periods; `last week` is the Monday-to-Sunday week before it.
//!
//! Reading calendar dates is left to [`super::calendar`].

use anyhow::{Result, anyhow, bail};
use chrono::{Datelike, Days, Months, NaiveDate};

use super::last_of_month;

/// Reads `text` (already split into lowercase `words`) when it is a relative period: `None` when
/// it is not one, an error when it is one that cannot be counted back from `today`.
pub(super) fn read_relative(
    text: &str,
    words: &[&str],
    today: NaiveDate,
) -> Option<Result<(NaiveDate, NaiveDate)>> {
    let span = match words {
        ["today"] => Some((today, today)),
        ["yesterday"] => today.pred_opt().map(|d| (d, d)),
        ["this", unit] => this_period(unit, today)?,
        ["last", unit] => last_period(unit, today)?,
        [word] => return read_count(text, word, today),
        _ => return None,
    };
    Some(span.ok_or_else(|| out_of_range(text)))
}

/// The week, month or year holding `today`; `None` inside when the calendar ends first.
fn this_period(unit: &str, today: NaiveDate) -> Option<Option<(NaiveDate, NaiveDate)>> {
    let span = match unit {
        "week" => {
            let monday = monday_of(today)?;
            monday
                .checked_add_days(Days::new(6))
                .map(|sunday| (monday, sunday))
        }
        "month" => month_of(today),
        "year" => year_of(today.year()),
        _ => return None,
    };
    Some(span)
}

/// The week, month or year before the one holding `today`.
fn last_period(unit: &str, today: NaiveDate) -> Option<Option<(NaiveDate, NaiveDate)>> {
    let span = match unit {
        "week" => monday_of(today).and_then(|monday| {
            let sunday = monday.pred_opt()?;
            Some((sunday.checked_sub_days(Days::new(6))?, sunday))
        }),
        "month" => today
            .with_day(1)
            .and_then(|first| first.pred_opt())
            .and_then(month_of),
        "year" => today.year().checked_sub(1).and_then(year_of),
        _ => return None,
    };
    Some(span)
}

/// `7d`, `3w`, `6m`, `1y`: a count and a unit, ending today.
fn read_count(text: &str, word: &str, today: NaiveDate) -> Option<Result<(NaiveDate, NaiveDate)>> {
    let unit = word.chars().last()?;
    let digits = word.strip_suffix(unit)?;
    if !matches!(unit, 'd' | 'w' | 'm' | 'y')
        || digits.is_empty()
        || !digits.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    Some(count_back(text, digits, unit, today))
}

fn count_back(
    text: &str,
    digits: &str,
    unit: char,
    today: NaiveDate,
) -> Result<(NaiveDate, NaiveDate)> {
    let count: u32 = digits.parse().map_err(|_| out_of_range(text))?;
    if count == 0 {
        bail!("invalid date `{text}`: the count must be at least 1, as in 1{unit}");
    }
    let start = match unit {
        'd' => today.checked_sub_days(Days::new(u64::from(count) - 1)),
        'w' => today.checked_sub_days(Days::new(u64::from(count) * 7 - 1)),
        'm' => today.checked_sub_months(Months::new(count)),
        _ => count
            .checked_mul(12)
            .and_then(|months| today.checked_sub_months(Months::new(months))),
    };
    start
        .map(|start| (start, today))
        .ok_or_else(|| out_of_range(text))
}

/// Monday of the ISO week holding `date`.
fn monday_of(date: NaiveDate) -> Option<NaiveDate> {
    date.checked_sub_days(Days::new(u64::from(date.weekday().num_days_from_monday())))
}

fn month_of(date: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
    let first = date.with_day(1)?;
    Some((first, last_of_month(first)))
}

fn year_of(year: i32) -> Option<(NaiveDate, NaiveDate)> {
    Some((
        NaiveDate::from_ymd_opt(year, 1, 1)?,
        NaiveDate::from_ymd_opt(year, 12, 31)?,
    ))
}

fn out_of_range(text: &str) -> anyhow::Error {
    anyhow!("invalid date `{text}`: reaches past the range of the calendar")
}

#[cfg(test)]
mod tests {
    use super::super::parse_period;
    use super::*;

    use crate::search::period::test_dates::{d, today};

    fn period_on(text: &str, today: NaiveDate) -> (NaiveDate, NaiveDate) {
        parse_period(text, today).unwrap_or_else(|e| panic!("{text:?}: {e:#}"))
    }

    fn period(text: &str) -> (NaiveDate, NaiveDate) {
        period_on(text, today())
    }

    #[test]
    fn counts_end_today() {
        assert_eq!(period("1d"), (today(), today()));
        assert_eq!(period("7d"), (d(2026, 11, 22), today()));
        assert_eq!(period("3w"), (d(2026, 11, 8), today()));
        assert_eq!(period("1w"), (d(2026, 11, 22), today()));
        assert_eq!(period("6m"), (d(2026, 5, 28), today()));
        assert_eq!(period("1y"), (d(2025, 11, 28), today()));
        assert_eq!(period("30d"), (d(2026, 10, 30), today()));
        assert_eq!(period(" 7D "), (d(2026, 11, 22), today()));
    }

    #[test]
    fn months_back_clamp_to_the_end_of_a_shorter_month() {
        assert_eq!(
            period_on("6m", d(2026, 8, 31)),
            (d(2026, 2, 28), d(2026, 8, 31))
        );
        assert_eq!(
            period_on("1m", d(2024, 3, 31)),
            (d(2024, 2, 29), d(2024, 3, 31))
        );
        assert_eq!(
            period_on("1y", d(2024, 2, 29)),
            (d(2023, 2, 28), d(2024, 2, 29))
        );
        assert_eq!(
            period_on("3m", d(2026, 1, 10)),
            (d(2025, 10, 10), d(2026, 1, 10))
        );
    }

    #[test]
    fn named_days() {
        assert_eq!(period("today"), (today(), today()));
        assert_eq!(period("Yesterday"), (d(2026, 11, 27), d(2026, 11, 27)));
        assert_eq!(
            period_on("yesterday", d(2026, 1, 1)),
            (d(2025, 12, 31), d(2025, 12, 31))
        );
    }

    #[test]
    fn weeks_run_monday_to_sunday() {
        assert_eq!(period("this week"), (d(2026, 11, 23), d(2026, 11, 29)));
        assert_eq!(period("last week"), (d(2026, 11, 16), d(2026, 11, 22)));
        assert_eq!(period("  LAST   week "), (d(2026, 11, 16), d(2026, 11, 22)));
        // On a Monday, this week starts today; on a Sunday, it ends today.
        assert_eq!(
            period_on("this week", d(2026, 11, 23)),
            (d(2026, 11, 23), d(2026, 11, 29))
        );
        assert_eq!(
            period_on("this week", d(2026, 11, 29)),
            (d(2026, 11, 23), d(2026, 11, 29))
        );
        // Across a year boundary.
        assert_eq!(
            period_on("last week", d(2026, 1, 1)),
            (d(2025, 12, 22), d(2025, 12, 28))
        );
        assert_eq!(
            period_on("this week", d(2026, 1, 1)),
            (d(2025, 12, 29), d(2026, 1, 4))
        );
    }

    #[test]
    fn months_and_years() {
        assert_eq!(period("this month"), (d(2026, 11, 1), d(2026, 11, 30)));
        assert_eq!(period("last month"), (d(2026, 10, 1), d(2026, 10, 31)));
        assert_eq!(period("this year"), (d(2026, 1, 1), d(2026, 12, 31)));
        assert_eq!(period("last year"), (d(2025, 1, 1), d(2025, 12, 31)));
        let january = d(2026, 1, 10);
        assert_eq!(
            period_on("last month", january),
            (d(2025, 12, 1), d(2025, 12, 31))
        );
        assert_eq!(
            period_on("this month", january),
            (d(2026, 1, 1), d(2026, 1, 31))
        );
        assert_eq!(
            period_on("last year", january),
            (d(2025, 1, 1), d(2025, 12, 31))
        );
        assert_eq!(
            period_on("last month", d(2024, 3, 15)),
            (d(2024, 2, 1), d(2024, 2, 29))
        );
    }

    #[test]
    fn bad_counts_are_errors_naming_the_text() {
        let error = |text: &str| format!("{:#}", parse_period(text, today()).expect_err(text));
        assert_eq!(
            error("0d"),
            "invalid date `0d`: the count must be at least 1, as in 1d"
        );
        assert!(error("99999999999999d").contains("`99999999999999d`: reaches past"));
        assert!(error("4000000000y").contains("`4000000000y`: reaches past"));
        assert!(error("last fortnight").starts_with("cannot read `last fortnight` as a date"));
        for text in [
            "-7d",
            "7 d",
            "d",
            "7x",
            "last",
            "next week",
            "this decade",
            "7dd",
        ] {
            assert!(error(text).contains(&format!("`{text}`")), "{text}");
        }
    }

    #[test]
    fn edges_of_the_calendar_are_errors_not_panics() {
        assert!(parse_period("yesterday", NaiveDate::MIN).is_err());
        assert!(parse_period("last week", NaiveDate::MIN).is_err());
        assert!(parse_period("this week", NaiveDate::MAX).is_err());
        assert!(parse_period("last year", NaiveDate::MIN).is_err());
        assert!(parse_period("2d", NaiveDate::MIN).is_err());
        assert_eq!(
            parse_period("1d", NaiveDate::MIN).ok(),
            Some((NaiveDate::MIN, NaiveDate::MIN))
        );
    }
}
