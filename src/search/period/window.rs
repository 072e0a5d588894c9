//! The window of publication dates a search keeps, and how `--since`/`--until` make one.
//!
//! Reading the texts is left to [`super::parse_window`]; turning a window into a tantivy query is
//! left to [`crate::search::query`].

use anyhow::{Context, Result, anyhow, bail};
use chrono::NaiveDate;

use super::parse_window;

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

    /// Whether no date can fall in the window (it starts after it ends).
    pub fn is_empty(&self) -> bool {
        matches!((self.since, self.until), (Some(s), Some(u)) if s > u)
    }

    /// Builds a window from `--since` and `--until` texts, checking that it is not empty.
    ///
    /// Each text is read as by [`parse_window`]: `--since` takes the first day of its window and
    /// `--until` the last day of its own, so `--since 7d` starts six days before `today` and
    /// `--until 2025-05` includes 31 May.
    pub fn from_args(
        since: Option<&str>,
        until: Option<&str>,
        today: NaiveDate,
    ) -> Result<DateWindow> {
        let since = since
            .map(|text| {
                let window = parse_window(text, today)?;
                window
                    .since
                    .ok_or_else(|| anyhow!("`{}` has no first day", text.trim()))
            })
            .transpose()
            .context("--since")?;
        let until = until
            .map(|text| {
                let window = parse_window(text, today)?;
                window
                    .until
                    .ok_or_else(|| anyhow!("`{}` has no last day", text.trim()))
            })
            .transpose()
            .context("--until")?;
        if let (Some(s), Some(u)) = (since, until)
            && s > u
        {
            bail!("--since {s} is after --until {u}: no date can match");
        }
        Ok(DateWindow { since, until })
    }

    /// The days in both windows: the later start and the earlier end. The result may be empty
    /// ([`DateWindow::is_empty`]) when the windows do not overlap.
    pub fn intersect(self, other: DateWindow) -> DateWindow {
        DateWindow {
            since: self.since.into_iter().chain(other.since).max(),
            until: self.until.into_iter().chain(other.until).min(),
        }
    }

    /// Whether a date falls in the window; an unknown date never does unless the window is open.
    pub fn contains(&self, date: Option<NaiveDate>) -> bool {
        match date {
            None => self.is_open(),
            Some(d) => self.since.is_none_or(|s| d >= s) && self.until.is_none_or(|u| d <= u),
        }
    }
}

/// `2025-03-01 ..= 2025-05-31`, `2025-03-01 ..`, `..= 2025-05-31`, or `any date` when open.
impl std::fmt::Display for DateWindow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.since, self.until) {
            (Some(s), Some(u)) => write!(f, "{s} ..= {u}"),
            (Some(s), None) => write!(f, "{s} .."),
            (None, Some(u)) => write!(f, "..= {u}"),
            (None, None) => f.write_str("any date"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::search::period::test_dates::{d, today};

    fn span(since: NaiveDate, until: NaiveDate) -> DateWindow {
        DateWindow {
            since: Some(since),
            until: Some(until),
        }
    }

    #[test]
    fn window_from_args_is_inclusive() {
        let w = DateWindow::from_args(Some("2025-05"), Some("2025-05"), today()).expect("valid");
        assert_eq!(w, span(d(2025, 5, 1), d(2025, 5, 31)));
        assert!(w.contains(Some(d(2025, 5, 1))));
        assert!(w.contains(Some(d(2025, 5, 31))));
        assert!(!w.contains(Some(d(2025, 6, 1))));
        assert!(!w.contains(None));
        assert!(DateWindow::default().contains(None));
    }

    #[test]
    fn from_args_takes_start_of_since_and_end_of_until() {
        let w = DateWindow::from_args(Some("7d"), None, today()).expect("valid");
        assert_eq!((w.since, w.until), (Some(d(2026, 11, 22)), None));
        let w = DateWindow::from_args(None, Some("2025-05"), today()).expect("valid");
        assert_eq!((w.since, w.until), (None, Some(d(2025, 5, 31))));
        let w = DateWindow::from_args(Some("2025-03..2025-05"), Some("2025-03..2025-05"), today())
            .expect("valid");
        assert_eq!(w, span(d(2025, 3, 1), d(2025, 5, 31)));
        let w =
            DateWindow::from_args(Some("last week"), Some("last week"), today()).expect("valid");
        assert_eq!(w, span(d(2026, 11, 16), d(2026, 11, 22)));
        assert!(
            DateWindow::from_args(None, None, today())
                .expect("valid")
                .is_open()
        );
    }

    #[test]
    fn from_args_errors_name_the_flag_and_text() {
        let error = |since, until| {
            format!(
                "{:#}",
                DateWindow::from_args(since, until, today()).expect_err("rejected")
            )
        };
        assert_eq!(
            error(Some("2025-13"), None),
            "--since: invalid date `2025-13`: no month 13"
        );
        assert!(
            error(None, Some("yesterdayish")).starts_with("--until: cannot read `yesterdayish`")
        );
        assert_eq!(
            error(Some("..2025-05"), None),
            "--since: `..2025-05` has no first day"
        );
        assert_eq!(
            error(None, Some("2025-03..")),
            "--until: `2025-03..` has no last day"
        );
    }

    #[test]
    fn reversed_window_is_an_error() {
        let message = format!(
            "{:#}",
            DateWindow::from_args(Some("2025-06"), Some("2025-05"), today()).expect_err("empty")
        );
        assert_eq!(
            message,
            "--since 2025-06-01 is after --until 2025-05-31: no date can match"
        );
    }

    #[test]
    fn intersect_keeps_the_common_days() {
        let a = span(d(2025, 1, 1), d(2025, 6, 30));
        let b = span(d(2025, 3, 1), d(2025, 12, 31));
        assert_eq!(a.intersect(b), span(d(2025, 3, 1), d(2025, 6, 30)));
        assert_eq!(b.intersect(a), a.intersect(b));
        let open = DateWindow::default();
        assert_eq!(a.intersect(open), a);
        assert_eq!(open.intersect(open), open);
        let from = DateWindow {
            since: Some(d(2025, 5, 1)),
            until: None,
        };
        let to = DateWindow {
            since: None,
            until: Some(d(2025, 5, 31)),
        };
        assert_eq!(from.intersect(to), span(d(2025, 5, 1), d(2025, 5, 31)));
        let apart = span(d(2024, 1, 1), d(2024, 12, 31)).intersect(a);
        assert!(apart.is_empty());
        assert!(!apart.contains(Some(d(2024, 6, 1))));
        assert!(!apart.contains(Some(d(2025, 6, 1))));
        assert!(!a.is_empty());
    }
}
