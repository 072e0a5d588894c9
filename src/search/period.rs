//! Date filters: the window of publication dates a search is limited to.
//!
//! `--since` and `--until` take a period (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`); `--since` starts
//! at the first day of its period and `--until` ends at the last day of its own, both inclusive.
//! Anything else is an error naming what could not be read.

use anyhow::{Context, Result, bail};
use chrono::{Datelike, NaiveDate};

/// An inclusive window of calendar dates; an open side is `None`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DateWindow {
    /// First day included.
    pub since: Option<NaiveDate>,
    /// Last day included.
    pub until: Option<NaiveDate>,
}

impl DateWindow {
    /// Whether the window restricts anything.
    pub fn is_open(&self) -> bool {
        self.since.is_none() && self.until.is_none()
    }

    /// Builds a window from `--since` and `--until` texts, checking that it is not empty.
    pub fn from_args(since: Option<&str>, until: Option<&str>) -> Result<DateWindow> {
        let since = since
            .map(|s| parse_period(s).map(|(start, _)| start).context("--since"))
            .transpose()?;
        let until = until
            .map(|s| parse_period(s).map(|(_, end)| end).context("--until"))
            .transpose()?;
        if let (Some(s), Some(u)) = (since, until)
            && s > u
        {
            bail!("--since {s} is after --until {u}: no date can match");
        }
        Ok(DateWindow { since, until })
    }

    /// Whether a date falls in the window; an unknown date never does unless the window is open.
    pub fn contains(&self, date: Option<NaiveDate>) -> bool {
        match date {
            None => self.is_open(),
            Some(d) => self.since.is_none_or(|s| d >= s) && self.until.is_none_or(|u| d <= u),
        }
    }
}

/// Reads `YYYY`, `YYYY-MM` or `YYYY-MM-DD` as the first and last day of that period.
pub fn parse_period(text: &str) -> Result<(NaiveDate, NaiveDate)> {
    let text = text.trim();
    let parts: Vec<&str> = text.split('-').collect();
    let numbers: Option<Vec<u32>> = parts
        .iter()
        .map(|p| {
            (!p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) && p.len() <= 4)
                .then(|| p.parse().ok())
                .flatten()
        })
        .collect();
    let invalid = || anyhow::anyhow!("invalid date `{text}`: expected YYYY, YYYY-MM or YYYY-MM-DD");
    let numbers = numbers.ok_or_else(invalid)?;
    if parts[0].len() != 4 || parts.iter().skip(1).any(|p| p.len() > 2) {
        return Err(invalid());
    }
    let year = i32::try_from(numbers[0]).map_err(|_| invalid())?;
    match numbers[..] {
        [_] => Ok((
            ymd(year, 1, 1).ok_or_else(invalid)?,
            ymd(year, 12, 31).ok_or_else(invalid)?,
        )),
        [_, month] => {
            let first = ymd(year, month, 1)
                .ok_or_else(|| anyhow::anyhow!("invalid date `{text}`: no month {month}"))?;
            Ok((first, last_of_month(first)))
        }
        [_, month, day] => {
            let date = ymd(year, month, day)
                .ok_or_else(|| anyhow::anyhow!("invalid date `{text}`: no such day"))?;
            Ok((date, date))
        }
        _ => Err(invalid()),
    }
}

/// A calendar date, when it exists.
fn ymd(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, day)
}

/// The last day of the month of `date`.
pub fn last_of_month(date: NaiveDate) -> NaiveDate {
    let (y, m) = if date.month() == 12 {
        (date.year() + 1, 1)
    } else {
        (date.year(), date.month() + 1)
    };
    ymd(y, m, 1).and_then(|d| d.pred_opt()).unwrap_or(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
    }

    #[test]
    fn periods_cover_their_whole_span() {
        assert_eq!(
            parse_period("2025").ok(),
            Some((d(2025, 1, 1), d(2025, 12, 31)))
        );
        assert_eq!(
            parse_period("2025-05").ok(),
            Some((d(2025, 5, 1), d(2025, 5, 31)))
        );
        assert_eq!(
            parse_period("2024-02").ok(),
            Some((d(2024, 2, 1), d(2024, 2, 29)))
        );
        assert_eq!(
            parse_period("2025-12").ok(),
            Some((d(2025, 12, 1), d(2025, 12, 31)))
        );
        assert_eq!(
            parse_period("2025-05-14").ok(),
            Some((d(2025, 5, 14), d(2025, 5, 14)))
        );
    }

    #[test]
    fn invalid_dates_are_errors() {
        for bad in [
            "",
            "25",
            "2025-13",
            "2025-02-30",
            "2025/05",
            "May",
            "2025-5-1-1",
            "20255",
            "2025-",
        ] {
            assert!(parse_period(bad).is_err(), "{bad:?} should be rejected");
        }
        let message = parse_period("2025-13")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(message.contains("2025-13"), "{message}");
    }

    #[test]
    fn window_from_args_is_inclusive() {
        let w = DateWindow::from_args(Some("2025-05"), Some("2025-05")).expect("valid");
        assert!(w.contains(Some(d(2025, 5, 1))));
        assert!(w.contains(Some(d(2025, 5, 31))));
        assert!(!w.contains(Some(d(2025, 6, 1))));
        assert!(!w.contains(None));
        assert!(DateWindow::default().contains(None));
    }

    #[test]
    fn reversed_window_is_an_error() {
        assert!(DateWindow::from_args(Some("2025-06"), Some("2025-05")).is_err());
    }
}
