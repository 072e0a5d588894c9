//! The publisher's calendar day of a date stated in UTC.
//!
//! Metadata often gives the publication time in UTC (`2023-11-09T05:30:59Z`), whose day is not
//! the day the publisher printed when it was evening where they are. Pages often state the same
//! instant again in the publisher's time, with its offset (`2023-11-08T23:30:59-06:00`) or as
//! a plain local time in a script (`publication_date = '2023-11-08 23:30:59'`). [`publisher_day`]
//! finds such pairs in one pass over the page's text and takes the local day. Without one, the
//! UTC day stands: the offset is never guessed.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, TimeDelta, TimeZone};

/// Timestamps read from a page at most; a page with more is read no further.
const MAX_STAMPS: usize = 2000;
/// The largest offset from UTC a time zone has (UTC+14), in minutes.
const MAX_OFFSET_MINUTES: i64 = 14 * 60;
/// Time zones differ from UTC by whole multiples of this many minutes (all but two small ones).
const OFFSET_STEP_MINUTES: i64 = 30;

/// A timestamp written in a page: its time as written, and its offset when it states one.
#[derive(Debug, Clone, Copy)]
struct Stamp {
    local: NaiveDateTime,
    offset: Option<FixedOffset>,
}

impl Stamp {
    /// The instant, for a stamp that states its offset.
    fn instant(&self) -> Option<DateTime<FixedOffset>> {
        self.offset?.from_local_datetime(&self.local).single()
    }

    /// Whether the stamp states an offset of zero (`Z`, `+00:00`).
    fn is_utc(&self) -> bool {
        self.offset.is_some_and(|o| o.local_minus_utc() == 0)
    }
}

/// The day to give a page whose chosen date is `date`: when `date` is the day of an instant
/// the page states in UTC, and the page states the same instant in local time whose day
/// differs, that local day; else `date`. A local time is the same instant when it states an
/// offset and is equal, or when it states none and differs by what a time zone can (a whole
/// number of half hours, at most 14 hours, not zero).
pub fn publisher_day(page: &str, date: NaiveDate) -> NaiveDate {
    let stamps = timestamps(page);
    let utc = || {
        stamps
            .iter()
            .filter(|s| s.is_utc() && s.local.date() == date)
    };
    for instant in utc() {
        let local = stamps
            .iter()
            .find(|s| !s.is_utc() && s.offset.is_some() && s.instant() == instant.instant());
        if let Some(local) = local {
            return local.local.date();
        }
    }
    for instant in utc() {
        let local = stamps
            .iter()
            .find(|s| s.offset.is_none() && is_zone_shift(s.local - instant.local));
        if let Some(local) = local {
            return local.local.date();
        }
    }
    date
}

/// Whether `shift` is what a time zone's offset from UTC can be, other than zero.
fn is_zone_shift(shift: TimeDelta) -> bool {
    let exact = shift.subsec_nanos() == 0 && shift.num_seconds() % 60 == 0;
    let minutes = shift.num_minutes();
    exact
        && minutes != 0
        && minutes.abs() <= MAX_OFFSET_MINUTES
        && minutes % OFFSET_STEP_MINUTES == 0
}

/// The ISO 8601 timestamps with a time written in a text (`2023-11-08T23:30`, or with a space
/// for the `T`), with their offset when one follows (`Z`, `+02:00`, `-0500`), in one pass.
fn timestamps(text: &str) -> Vec<Stamp> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = memchr::memchr2(b'T', b' ', &bytes[from..]).map(|i| from + i) {
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

/// A timestamp starting at `start` (`YYYY-MM-DDTHH:MM[:S[S][.fff]]`, then `Z` or `±HH[:]MM`
/// or no offset).
fn read_stamp(bytes: &[u8], start: usize) -> Option<Stamp> {
    let digits = |from: usize, n: usize| {
        bytes
            .get(from..from + n)
            .filter(|d| d.iter().all(u8::is_ascii_digit))
    };
    let is = |at: usize, b: u8| bytes.get(at) == Some(&b);
    let number = |from: usize, n: usize| -> Option<u32> {
        std::str::from_utf8(digits(from, n)?).ok()?.parse().ok()
    };
    let year = number(start, 4)?;
    (is(start + 4, b'-') && is(start + 7, b'-')).then_some(())?;
    let (month, day) = (number(start + 5, 2)?, number(start + 8, 2)?);
    let (hour, minute) = (number(start + 11, 2)?, number(start + 14, 2)?);
    is(start + 13, b':').then_some(())?;
    let mut end = start + 16;
    let mut second = 0;
    let mut nanos = 0;
    if is(end, b':') {
        let width = if digits(end + 1, 2).is_some() { 2 } else { 1 };
        second = number(end + 1, width)?;
        end += 1 + width;
        if is(end, b'.') {
            end += 1;
            let fraction = end;
            while bytes.get(end).is_some_and(u8::is_ascii_digit) {
                end += 1;
            }
            let written = &bytes[fraction..end.min(fraction + 9)];
            let value: u32 = std::str::from_utf8(written).ok()?.parse().unwrap_or(0);
            nanos = value * 10u32.pow(9 - written.len() as u32);
        }
    }
    if bytes.get(end).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let offset = if is(end, b'Z') {
        Some(0)
    } else if is(end, b'+') || is(end, b'-') {
        let sign = if is(end, b'-') { -1 } else { 1 };
        let hours = number(end + 1, 2)? as i32;
        let colon = usize::from(is(end + 3, b':'));
        let minutes = number(end + 3 + colon, 2)? as i32;
        Some(sign * (hours * 3600 + minutes * 60))
    } else {
        None
    };
    let local = NaiveDate::from_ymd_opt(year as i32, month, day)?
        .and_hms_nano_opt(hour, minute, second, nanos)?;
    let offset = match offset {
        Some(seconds) => Some(FixedOffset::east_opt(seconds)?),
        None => None,
    };
    Some(Stamp { local, offset })
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
    fn the_same_instant_in_plain_local_time_gives_the_publishers_day() {
        let page = r#"<meta property="datePublished" content="2020-12-05T23:15:0Z">
            <script>page.publication_date = '2020-12-06 00:15';</script>"#;
        assert_eq!(publisher_day(page, day("2020-12-05")), day("2020-12-06"));
        let behind = "2020-02-18T02:18:11Z ... var published = \"2020-02-17 21:18:11\"";
        assert_eq!(publisher_day(behind, day("2020-02-18")), day("2020-02-17"));
        // The day before, but not a time zone apart: 67 minutes (off the half hour), 15 hours
        // (past UTC-14), 20 hours.
        for other in [
            "2020-02-17 23:11:11",
            "2020-02-17 09:18:11",
            "2020-02-17 04:18:11",
        ] {
            let page = format!("2020-02-18T00:18:11Z {other}");
            assert_eq!(
                publisher_day(&page, day("2020-02-18")),
                day("2020-02-18"),
                "{other}"
            );
        }
        // A stated offset is believed before a plain local time.
        let both = "2020-02-18T02:18:11Z 2020-02-17 23:18:11 2020-02-18T03:18:11+01:00";
        assert_eq!(publisher_day(both, day("2020-02-18")), day("2020-02-18"));
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
