//! Calendar periods: `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, and English month names with a year
//! (`May 2025`, `Sept. 2024`, `14 May 2025`, `May 14, 2025`, `14th May 2025`).
//!
//! A year or a month covers all its days. A month name alone (`May`) is an error: unlike an
//! article's date line, a filter does not guess the year. Relative periods are left to
//! [`super::relative`].

use anyhow::{Result, anyhow, bail};
use chrono::NaiveDate;

use super::last_of_month;

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Reads `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (`lower` is `text` lowercased): `None` when `lower`
/// does not have that shape, an error when it does but names no such month or day.
pub(super) fn read_numeric(text: &str, lower: &str) -> Option<Result<(NaiveDate, NaiveDate)>> {
    let parts: Vec<&str> = lower.split('-').collect();
    let well_formed = parts.len() <= 3
        && parts.iter().enumerate().all(|(i, part)| {
            let digits = if i == 0 { 4..=4 } else { 1..=2 };
            digits.contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit())
        });
    if !well_formed {
        return None;
    }
    let numbers: Vec<u32> = parts.iter().filter_map(|p| p.parse().ok()).collect();
    let span = match numbers[..] {
        [year] => year_span(year),
        [year, month] => month_span(text, year, month),
        [year, month, day] => day_span(text, year, month, day),
        _ => return None,
    };
    Some(span)
}

/// Reads a date with an English month name, full or abbreviated to three letters or more
/// (`words` are the lowercase words of `text`, commas dropped): `None` when no word is a month
/// name, an error when one is but the rest does not make a date.
pub(super) fn read_month_named(
    text: &str,
    words: &[&str],
) -> Option<Result<(NaiveDate, NaiveDate)>> {
    let span = match *words {
        [m, y] => month_span(text, read_year(y)?, read_month_name(m)?),
        [a, b, y] => {
            let year = read_year(y)?;
            let (month, day) = match (read_month_name(a), read_month_name(b)) {
                (Some(month), None) => (month, read_day(b)?),
                (None, Some(month)) => (month, read_day(a)?),
                _ => return None,
            };
            day_span(text, year, month, day)
        }
        [m] => {
            read_month_name(m)?;
            Err(anyhow!(
                "invalid date `{text}`: a month needs a year, as in May 2025"
            ))
        }
        _ => return None,
    };
    Some(span)
}

fn year_span(year: u32) -> Result<(NaiveDate, NaiveDate)> {
    let first = ymd(year, 1, 1)?;
    Ok((first, ymd(year, 12, 31)?))
}

fn month_span(text: &str, year: u32, month: u32) -> Result<(NaiveDate, NaiveDate)> {
    if !(1..=12).contains(&month) {
        bail!("invalid date `{text}`: no month {month}");
    }
    let first = ymd(year, month, 1)?;
    Ok((first, last_of_month(first)))
}

fn day_span(text: &str, year: u32, month: u32, day: u32) -> Result<(NaiveDate, NaiveDate)> {
    month_span(text, year, month)?;
    let date = ymd(year, month, day)
        .map_err(|_| anyhow!("invalid date `{text}`: {year:04}-{month:02} has no day {day}"))?;
    Ok((date, date))
}

fn ymd(year: u32, month: u32, day: u32) -> Result<NaiveDate> {
    i32::try_from(year)
        .ok()
        .and_then(|year| NaiveDate::from_ymd_opt(year, month, day))
        .ok_or_else(|| anyhow!("no day {year:04}-{month:02}-{day:02}"))
}

/// `may`, `sept`, `sept.`, `september` → 5, 9, 9, 9.
fn read_month_name(word: &str) -> Option<u32> {
    let word = word.strip_suffix('.').unwrap_or(word);
    if word.len() < 3 {
        return None;
    }
    let index = MONTHS.iter().position(|name| name.starts_with(word))?;
    u32::try_from(index + 1).ok()
}

/// A four-digit year.
fn read_year(word: &str) -> Option<u32> {
    (word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit()))
        .then(|| word.parse().ok())
        .flatten()
}

/// A day of the month, with or without an ordinal suffix: `14`, `14th`, `1st`.
fn read_day(word: &str) -> Option<u32> {
    let digits = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|suffix| word.strip_suffix(suffix))
        .unwrap_or(word);
    ((1..=2).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| digits.parse().ok())
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::super::parse_period;
    use super::*;

    use crate::search::period::test_dates::d;

    fn period(text: &str) -> (NaiveDate, NaiveDate) {
        parse_period(text, d(2026, 11, 28)).unwrap_or_else(|e| panic!("{text:?}: {e:#}"))
    }

    fn error(text: &str) -> String {
        match parse_period(text, d(2026, 11, 28)) {
            Ok(p) => panic!("{text:?} should be rejected, got {p:?}"),
            Err(e) => format!("{e:#}"),
        }
    }

    #[test]
    fn numeric_periods_cover_their_whole_span() {
        assert_eq!(period("2025"), (d(2025, 1, 1), d(2025, 12, 31)));
        assert_eq!(period("2025-05"), (d(2025, 5, 1), d(2025, 5, 31)));
        assert_eq!(period("2025-5"), (d(2025, 5, 1), d(2025, 5, 31)));
        assert_eq!(period("2024-02"), (d(2024, 2, 1), d(2024, 2, 29)));
        assert_eq!(period("2025-02"), (d(2025, 2, 1), d(2025, 2, 28)));
        assert_eq!(period("2025-12"), (d(2025, 12, 1), d(2025, 12, 31)));
        assert_eq!(period("2025-05-14"), (d(2025, 5, 14), d(2025, 5, 14)));
        assert_eq!(period("2024-02-29"), (d(2024, 2, 29), d(2024, 2, 29)));
        assert_eq!(period(" 2025-05-14 "), (d(2025, 5, 14), d(2025, 5, 14)));
    }

    #[test]
    fn month_names_with_a_year() {
        assert_eq!(period("May 2025"), (d(2025, 5, 1), d(2025, 5, 31)));
        assert_eq!(period("may 2025"), (d(2025, 5, 1), d(2025, 5, 31)));
        assert_eq!(period("MAY 2025"), (d(2025, 5, 1), d(2025, 5, 31)));
        assert_eq!(period("Sept 2024"), (d(2024, 9, 1), d(2024, 9, 30)));
        assert_eq!(period("Sep. 2024"), (d(2024, 9, 1), d(2024, 9, 30)));
        assert_eq!(period("September 2024"), (d(2024, 9, 1), d(2024, 9, 30)));
        assert_eq!(period("Feb 2024"), (d(2024, 2, 1), d(2024, 2, 29)));
        assert_eq!(period("dec 2025"), (d(2025, 12, 1), d(2025, 12, 31)));
    }

    #[test]
    fn month_names_with_a_day() {
        let may14 = (d(2025, 5, 14), d(2025, 5, 14));
        for text in [
            "14 May 2025",
            "May 14, 2025",
            "May 14 2025",
            "may 14th, 2025",
            "14th May 2025",
            "14 may, 2025",
            "  May   14 ,  2025 ",
        ] {
            assert_eq!(period(text), may14, "{text}");
        }
        assert_eq!(period("1st Jan 2025"), (d(2025, 1, 1), d(2025, 1, 1)));
        assert_eq!(period("29 February 2024"), (d(2024, 2, 29), d(2024, 2, 29)));
    }

    #[test]
    fn impossible_months_and_days_are_errors_naming_the_text() {
        assert_eq!(error("2025-13"), "invalid date `2025-13`: no month 13");
        assert_eq!(error("2025-00"), "invalid date `2025-00`: no month 0");
        assert_eq!(
            error("2025-02-30"),
            "invalid date `2025-02-30`: 2025-02 has no day 30"
        );
        assert_eq!(
            error("2025-02-29"),
            "invalid date `2025-02-29`: 2025-02 has no day 29"
        );
        assert_eq!(
            error("2025-04-31"),
            "invalid date `2025-04-31`: 2025-04 has no day 31"
        );
        assert_eq!(
            error("2025-05-00"),
            "invalid date `2025-05-00`: 2025-05 has no day 0"
        );
        assert_eq!(
            error("May 32, 2025"),
            "invalid date `May 32, 2025`: 2025-05 has no day 32"
        );
        assert_eq!(
            error("30 Feb 2025"),
            "invalid date `30 Feb 2025`: 2025-02 has no day 30"
        );
        assert_eq!(
            error("May"),
            "invalid date `May`: a month needs a year, as in May 2025"
        );
    }

    #[test]
    fn other_shapes_are_not_dates() {
        for bad in [
            "",
            "25",
            "20255",
            "2025-",
            "-2025",
            "2025--05",
            "2025/05",
            "2025-5-1-1",
            "2025-123",
            "2025-05-140",
            "25-05-14",
            "Mayo 2025",
            "Ma 2025",
            "May 25",
            "May 2025 2026",
            "2025 May",
            "May 14 25",
            "May 14th",
            "May 2025 extra",
        ] {
            let message = error(bad);
            assert!(
                message.starts_with(&format!("cannot read `{bad}` as a date; use YYYY")),
                "{bad:?}: {message}"
            );
        }
    }

    #[test]
    fn month_names_and_abbreviations() {
        assert_eq!(read_month_name("jan"), Some(1));
        assert_eq!(read_month_name("sept."), Some(9));
        assert_eq!(read_month_name("june"), Some(6));
        assert_eq!(read_month_name("jul"), Some(7));
        assert_eq!(read_month_name("ju"), None);
        assert_eq!(read_month_name("month"), None);
        assert_eq!(read_month_name("mayo"), None);
        assert_eq!(read_day("31st"), Some(31));
        assert_eq!(read_day("th"), None);
        assert_eq!(read_day("123"), None);
    }
}
