//! The publisher's calendar day of a date stated in UTC.
//!
//! Metadata often gives the publication time in UTC (`2023-11-09T05:30:59Z`), whose day is not
//! the day the publisher printed when it was evening where they are. Pages often state the same
//! instant again with the publisher's offset (`2023-11-08T23:30:59-06:00`) in another tag or
//! script. [`publisher_day`] finds such pairs in one pass over the page's text and takes the
//! local day. Without one, the UTC day stands: the offset is never guessed.

use chrono::{DateTime, FixedOffset, NaiveDate};

/// Timestamps read from a page at most; a page with more is read no further.
const MAX_STAMPS: usize = 2000;

/// The day to give a page whose chosen date is `date`: when `date` is the day of an instant
/// the page states in UTC, and the page states the same instant with a local offset whose day
/// differs, that local day; else `date`.
pub fn publisher_day(page: &str, date: NaiveDate) -> NaiveDate {
    let stamps = timestamps(page);
    let utc_instants = stamps
        .iter()
        .filter(|s| s.offset().local_minus_utc() == 0 && s.date_naive() == date);
    for instant in utc_instants {
        let local = stamps
            .iter()
            .find(|s| s.offset().local_minus_utc() != 0 && *s == instant);
        if let Some(local) = local {
            return local.date_naive();
        }
    }
    date
}

/// The ISO 8601 timestamps with a time and an offset (`Z`, `+02:00`, `-0500`) written in a
/// text, in one pass.
fn timestamps(text: &str) -> Vec<DateTime<FixedOffset>> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = memchr::memchr(b'T', &bytes[from..]).map(|i| from + i) {
        from = at + 1;
        if found.len() >= MAX_STAMPS {
            break;
        }
        let Some(start) = at.checked_sub(10) else {
            continue;
        };
        if let Some(stamp) = read_stamp(bytes, start) {
            found.push(stamp);
        }
    }
    found
}

/// A timestamp starting at `start` (`YYYY-MM-DDTHH:MM[:SS[.fff]]` then `Z` or `±HH[:]MM`).
fn read_stamp(bytes: &[u8], start: usize) -> Option<DateTime<FixedOffset>> {
    let digits = |from: usize, n: usize| {
        bytes
            .get(from..from + n)
            .filter(|d| d.iter().all(u8::is_ascii_digit))
    };
    let is = |at: usize, b: u8| bytes.get(at) == Some(&b);
    digits(start, 4)?;
    (is(start + 4, b'-') && is(start + 7, b'-')).then_some(())?;
    digits(start + 5, 2)?;
    digits(start + 8, 2)?;
    digits(start + 11, 2)?;
    is(start + 13, b':').then_some(())?;
    digits(start + 14, 2)?;
    let mut end = start + 16;
    if is(end, b':') && digits(end + 1, 2).is_some() {
        end += 3;
        if is(end, b'.') {
            end += 1;
            while bytes.get(end).is_some_and(u8::is_ascii_digit) {
                end += 1;
            }
        }
    }
    let offset = if is(end, b'Z') {
        0
    } else if is(end, b'+') || is(end, b'-') {
        let sign = if is(end, b'-') { -1 } else { 1 };
        let hours: i32 = std::str::from_utf8(digits(end + 1, 2)?)
            .ok()?
            .parse()
            .ok()?;
        let colon = usize::from(is(end + 3, b':'));
        let minutes: i32 = std::str::from_utf8(digits(end + 3 + colon, 2)?)
            .ok()?
            .parse()
            .ok()?;
        sign * (hours * 3600 + minutes * 60)
    } else {
        return None;
    };
    let local = std::str::from_utf8(bytes.get(start..start + 16)?).ok()?;
    let seconds = std::str::from_utf8(bytes.get(start + 16..end)?).ok()?;
    let naive = chrono::NaiveDateTime::parse_from_str(
        &format!(
            "{local}{}",
            if seconds.is_empty() { ":00" } else { seconds }
        ),
        "%Y-%m-%dT%H:%M:%S%.f",
    )
    .ok()?;
    let zone = FixedOffset::east_opt(offset)?;
    naive.and_local_timezone(zone).single()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a date")
    }

    #[test]
    fn the_same_instant_with_an_offset_gives_the_publishers_day() {
        let page = r#"{"datePublished":"2023-11-09T05:30:59Z"} <script>
            var pub = '2023-11-08T23:30:59-06:00';</script>"#;
        assert_eq!(publisher_day(page, day("2023-11-09")), day("2023-11-08"));
        let offset_without_colon = "2023-11-09T06:35:29+00:00 x 2023-11-08T22:35:29-0800";
        assert_eq!(
            publisher_day(offset_without_colon, day("2023-11-09")),
            day("2023-11-08")
        );
    }

    #[test]
    fn no_matching_instant_leaves_the_day() {
        let other_instant = "2023-11-09T05:30:59Z and 2023-11-08T20:00:00-06:00";
        assert_eq!(
            publisher_day(other_instant, day("2023-11-09")),
            day("2023-11-09")
        );
        let only_utc = "2023-11-09T05:30:59Z";
        assert_eq!(
            publisher_day(only_utc, day("2023-11-09")),
            day("2023-11-09")
        );
        assert_eq!(
            publisher_day("T T 12-34T", day("2023-11-09")),
            day("2023-11-09")
        );
    }
}
