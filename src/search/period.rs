//! Date filters: the window of publication dates a search is limited to.
//!
//! Dates are read the way people write them: a calendar period (`2025`, `2025-05`, `2025-05-14`,
//! `May 2025`, `14 May 2025`, `May 14, 2025`, read in `calendar`), a period relative to today
//! (`7d`, `3w`, `6m`, `1y`, `today`, `yesterday`, `this week`, `last month`, read in `relative`),
//! or a range of two of them (`2025-03..2025-05`, `May 2025..`, `..2025-05`). A partial date
//! covers its whole period, as in mu and Solr: `--since` starts at the first day of its text's
//! window and `--until` ends at the last day of its own, both inclusive. The same texts can be
//! written inside a query as `date:VALUE` ([`extract_date_clause`]). Errors name the text that
//! could not be read and the forms that are accepted. [`DateWindow`] and `--since`/`--until` live
//! in `window`; turning a window into a tantivy query is left to [`super::query`].

mod calendar;
mod clause;
mod relative;
mod window;

use anyhow::{Context, Result, anyhow, bail};
use chrono::{Datelike, NaiveDate};

pub use clause::extract_date_clause;
pub use window::DateWindow;

/// The forms accepted, for error messages.
const ACCEPTED: &str = "use YYYY, YYYY-MM, YYYY-MM-DD, a range A..B, 7d/3w/6m/1y, today, \
                        yesterday, last week, last month, this year or a month name such as May 2025";

/// Reads a period or a range of periods as a window.
///
/// `A..B` runs from the first day of `A` to the last day of `B`; either side may be left out
/// (`A..`, `..B`) to leave the window open there. A single period gives its own first and last
/// day. A range that ends before it starts is an error.
pub fn parse_window(text: &str, today: NaiveDate) -> Result<DateWindow> {
    let text = text.trim();
    let Some((start, end)) = text.split_once("..") else {
        let (since, until) = parse_period(text, today)?;
        return Ok(DateWindow {
            since: Some(since),
            until: Some(until),
        });
    };
    let (start, end) = (start.trim(), end.trim());
    if start.is_empty() && end.is_empty() {
        bail!("range `{text}` has neither a start nor an end; write A..B, A.. or ..B");
    }
    let side = |part: &str| -> Result<Option<(NaiveDate, NaiveDate)>> {
        if part.is_empty() {
            return Ok(None);
        }
        parse_period(part, today)
            .map(Some)
            .with_context(|| format!("in range `{text}`"))
    };
    let window = DateWindow {
        since: side(start)?.map(|(first, _)| first),
        until: side(end)?.map(|(_, last)| last),
    };
    if window.is_empty() {
        bail!("range `{text}` ends before it starts; write the earlier date first");
    }
    Ok(window)
}

/// Reads one period as its first and last day, inclusive.
///
/// Accepts `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, month names (`May 2025`, `Sept. 2024`,
/// `14 May 2025`, `May 14, 2025`) and periods relative to `today`:
/// - `7d` is the 7 days ending today (today-6 ..= today), `3w` the 21 days ending today;
/// - `6m` and `1y` run from the same day 6 months or 1 year ago (the month's last day when that
///   month is shorter) to today;
/// - `today`, `yesterday`; `this month`, `last month`, `this year`, `last year` as whole periods;
/// - `this week` and `last week` are whole ISO weeks, Monday to Sunday, so `this week` ends on
///   the coming Sunday.
///
/// Case and surrounding or repeated spaces do not matter.
pub fn parse_period(text: &str, today: NaiveDate) -> Result<(NaiveDate, NaiveDate)> {
    let text = text.trim();
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    relative::read_relative(text, &words, today)
        .or_else(|| calendar::read_numeric(text, &lower))
        .or_else(|| calendar::read_month_named(text, &words))
        .unwrap_or_else(|| Err(anyhow!("cannot read `{text}` as a date; {ACCEPTED}")))
}

/// The last day of the month of `date`.
pub fn last_of_month(date: NaiveDate) -> NaiveDate {
    let (y, m) = if date.month() == 12 {
        (date.year() + 1, 1)
    } else {
        (date.year(), date.month() + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1)
        .and_then(|d| d.pred_opt())
        .unwrap_or(date)
}

/// Dates for the period tests: a fixed "today" and a short constructor.
#[cfg(test)]
pub(crate) mod test_dates {
    use chrono::NaiveDate;

    /// A calendar date that must exist.
    pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid date in test")
    }

    /// The fixed "today" of the tests: Saturday 2026-11-28.
    pub fn today() -> NaiveDate {
        d(2026, 11, 28)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use super::test_dates::{d, today};

    fn window(text: &str) -> DateWindow {
        parse_window(text, today()).unwrap_or_else(|e| panic!("{text:?}: {e:#}"))
    }

    fn span(since: NaiveDate, until: NaiveDate) -> DateWindow {
        DateWindow {
            since: Some(since),
            until: Some(until),
        }
    }

    fn window_error(text: &str) -> String {
        match parse_window(text, today()) {
            Ok(w) => panic!("{text:?} should be rejected, got {w:?}"),
            Err(e) => format!("{e:#}"),
        }
    }

    #[test]
    fn single_period_is_its_own_window() {
        assert_eq!(window("2025-05"), span(d(2025, 5, 1), d(2025, 5, 31)));
        assert_eq!(window("  May 2025 "), span(d(2025, 5, 1), d(2025, 5, 31)));
        assert_eq!(window("7d"), span(d(2026, 11, 22), today()));
    }

    #[test]
    fn ranges_run_from_start_of_first_to_end_of_last() {
        assert_eq!(
            window("2025-03..2025-05"),
            span(d(2025, 3, 1), d(2025, 5, 31))
        );
        assert_eq!(
            window("May 2025..2025-07"),
            span(d(2025, 5, 1), d(2025, 7, 31))
        );
        assert_eq!(
            window("2024 .. 14 May 2025"),
            span(d(2024, 1, 1), d(2025, 5, 14))
        );
        assert_eq!(window("last month..today"), span(d(2026, 10, 1), today()));
        assert_eq!(window("2025..2025"), span(d(2025, 1, 1), d(2025, 12, 31)));
    }

    #[test]
    fn open_ranges_leave_one_side_open() {
        let from = window("2025-03..");
        assert_eq!(from.since, Some(d(2025, 3, 1)));
        assert_eq!(from.until, None);
        let to = window("..2025-05");
        assert_eq!(to.since, None);
        assert_eq!(to.until, Some(d(2025, 5, 31)));
        assert!(to.contains(Some(d(1999, 1, 1))));
        assert!(!to.contains(Some(d(2025, 6, 1))));
    }

    #[test]
    fn bad_ranges_are_errors_naming_the_part() {
        let reversed = window_error("2025-05..2025-03");
        assert!(reversed.contains("`2025-05..2025-03`"), "{reversed}");
        assert!(reversed.contains("ends before it starts"), "{reversed}");
        assert!(window_error("..").contains("neither a start nor an end"));
        let bad_end = window_error("2025-03..bogus");
        assert!(bad_end.contains("cannot read `bogus`"), "{bad_end}");
        let bad_start = window_error("2025-13..2025-05");
        assert!(
            bad_start.contains("invalid date `2025-13`: no month 13"),
            "{bad_start}"
        );
        let three = window_error("2025..2026..2027");
        assert!(three.contains("`2026..2027`"), "{three}");
    }

    #[test]
    fn unreadable_text_error_lists_the_accepted_forms() {
        let message = format!(
            "{:#}",
            parse_period("last fortnight", today()).expect_err("not a date")
        );
        assert_eq!(
            message,
            format!("cannot read `last fortnight` as a date; {ACCEPTED}")
        );
    }

    #[test]
    fn last_of_month_handles_december_and_leap_years() {
        assert_eq!(last_of_month(d(2025, 12, 5)), d(2025, 12, 31));
        assert_eq!(last_of_month(d(2024, 2, 10)), d(2024, 2, 29));
        assert_eq!(last_of_month(d(2025, 2, 1)), d(2025, 2, 28));
        assert_eq!(last_of_month(d(2025, 4, 30)), d(2025, 4, 30));
    }

    #[test]
    fn odd_text_never_panics() {
        let odd = [
            "",
            " ",
            "..",
            "...",
            "....",
            "-",
            "--",
            "0",
            "0000",
            "9999-12-31",
            "0000-01-01",
            "2025-",
            "-2025",
            "2025--05",
            "2025-05-",
            "99999999999999999999d",
            "4294967296d",
            "4294967295m",
            "4294967295y",
            "0d",
            "d",
            "7",
            "7dd",
            "7 d",
            "-7d",
            "+7d",
            "7D",
            "May",
            "May May 2025",
            "2025 May",
            "May 2025 2026",
            "0 May 2025",
            "May 0, 2025",
            "May 99, 2025",
            "sept.",
            ".",
            "..May",
            "May..",
            "é",
            "2025-é",
            "日本",
            "\u{0}",
            "2025\u{a0}",
            "last",
            "this",
            "last decade",
            "this  week",
            "\"May 2025\"",
            "date:2025",
            "May 14th 2025",
            "14th of May 2025",
            "2025-05-14..",
            "Ḿay 2025",
        ];
        for text in odd {
            let _ = parse_window(text, today());
            let _ = parse_period(text, today());
            let _ = DateWindow::from_args(Some(text), Some(text), today());
            let _ = parse_window(text, NaiveDate::MIN);
            let _ = parse_window(text, NaiveDate::MAX);
        }
    }
}
