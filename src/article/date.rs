//! Publication dates read from messy news input.
//!
//! Reads the calendar date that a metadata value or a date line states: ISO 8601 timestamps,
//! RFC 2822 / HTTP dates, month-name dates in the usual orders (with or without weekday,
//! ordinal suffix or abbreviation dot) in English, German, French, Spanish, Portuguese,
//! Italian, Dutch and Russian ([`names`]), Reuters SGML `<DATE>` values including their
//! malformed variants, year-first slashed or dotted dates, dotted day-first dates
//! (`24.01.2022`), and slashed day/month dates when the order is unambiguous. A date without a year takes the latest fitting year not after `today`. The date
//! is returned as written: times and time zones are read past, never applied, so no day shifts.
//! Left to others: times of day, relative dates ("2 hours ago", "yesterday"), two-digit years,
//! and choosing which of several dates on a page is the publication date.

mod names;

use chrono::{Datelike, NaiveDate, Weekday};
use std::ops::RangeInclusive;

/// Words that may stand around a date on a date line: labels, times, time zones, reading times.
const FILLER_WORDS: &str = "published updated posted on date dated last modified created first \
    originally at am pm a p m t z h noon midnight utc gmt ut et ct mt pt est edt cst cdt mst mdt \
    pst pdt bst cet cest eet eest ist jst aest aedt eastern pacific central time min mins read";

/// A piece of the input: a run of ASCII digits, a lowercased word, or one other visible character.
#[derive(Debug, Clone, PartialEq)]
enum Token {
    Num(String),
    Word(String),
    Punct(char),
}

/// What a date pattern found: a full date, or a month and day that still need a year.
enum Found {
    Full(NaiveDate),
    /// Month, day and the weekday, when one was written.
    YearLess(u32, u32, Option<Weekday>),
}

/// Reads a publication date from a metadata value or a date line: the first date written
/// anywhere in `text` (so `"By Jane Doe | May 14, 2025"` and `"Updated 9:30 AM ET, Wed May 14,
/// 2025"` work), an 8-digit `20250514` standing alone, or a bare year-less `May 14` when the text
/// is essentially just that date (see [`parse_date_line`]). A year-less date with a weekday is
/// found anywhere. Returns the calendar date as written, without time zone conversion, or `None`.
pub fn parse_date(text: &str, today: NaiveDate) -> Option<NaiveDate> {
    parse_date_against(text, Some(today))
}

/// [`parse_date`], with year-less dates read against `today`, or not read at all when it is
/// `None` (for a page that may state its date with the year elsewhere).
pub fn parse_date_against(text: &str, today: Option<NaiveDate>) -> Option<NaiveDate> {
    let trimmed = text.trim();
    if trimmed.len() == 8 && trimmed.bytes().all(|b| b.is_ascii_digit()) {
        return read_compact_date(trimmed);
    }
    let tokens = tokenize(text);
    (0..tokens.len())
        .filter_map(|start| read_date(&tokens, start))
        .find_map(|(found, _)| match found {
            Found::YearLess(_, _, None) => None,
            found => resolve_date(found, today),
        })
        .or_else(|| parse_date_line_against(text, today))
}

/// Reads a date line from the first lines of a plain-text article: returns a date only when the
/// whole line is a date, optionally with a time, a time zone, a leading label such as
/// `Published:`, `Updated`, `Posted on` or `Date:`, a reading time (`· 4 min read`), trailing
/// punctuation and Reuters control-entity junk (`&#5;`). A sentence that merely mentions a date
/// (`The meeting on May 14, 2025 was long.`) or a year alone (`2025`) is not a date line.
/// Year-less dates (`May 14`, `Wednesday, May 14`) take the latest fitting year not after `today`.
pub fn parse_date_line(line: &str, today: NaiveDate) -> Option<NaiveDate> {
    parse_date_line_against(line, Some(today))
}

/// [`parse_date_line`], with year-less dates read against `today`, or not at all when it is
/// `None`.
pub fn parse_date_line_against(line: &str, today: Option<NaiveDate>) -> Option<NaiveDate> {
    let tokens = tokenize(line);
    let tokens = strip_markup_junk(&tokens);
    for start in 0..tokens.len() {
        if let Some((found, end)) = read_date(tokens, start) {
            let is_whole_line = is_filler_or_dates(&tokens[end..]);
            return resolve_date(found, today).filter(|_| is_whole_line);
        }
        if !is_prefix_token(tokens, start) {
            break;
        }
    }
    None
}

/// Splits text into runs of ASCII digits, lowercased alphabetic words and single punctuation marks.
fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if let Some(digit) = ascii_digit(c) {
            let mut digits = String::from(digit);
            while let Some(next) = chars.next_if(|c| ascii_digit(*c).is_some()) {
                digits.extend(ascii_digit(next));
            }
            tokens.push(Token::Num(digits));
        } else if c.is_alphabetic() {
            let mut word: String = c.to_lowercase().collect();
            while let Some(next) = chars.next_if(|c| c.is_alphabetic()) {
                word.extend(next.to_lowercase());
            }
            tokens.push(Token::Word(word));
        } else if !c.is_whitespace() {
            tokens.push(Token::Punct(c));
        }
    }
    tokens
}

/// The ASCII digit a character writes: itself, or an Arabic-Indic or Persian digit (`٢٠٢٠`).
fn ascii_digit(c: char) -> Option<char> {
    let zero = match c {
        '0'..='9' => return Some(c),
        '\u{0660}'..='\u{0669}' => 0x0660,
        '\u{06F0}'..='\u{06F9}' => 0x06F0,
        _ => return None,
    };
    char::from_digit(u32::from(c) - zero, 10)
}

/// A read position in a token list; every `take_` moves past what it read, and only on success.
#[derive(Clone, Copy)]
struct Cursor<'a> {
    tokens: &'a [Token],
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn peek(&self) -> Option<&'a Token> {
        self.tokens.get(self.pos)
    }

    fn take_number(&mut self, digits: RangeInclusive<usize>) -> Option<u32> {
        let Some(Token::Num(n)) = self.peek() else {
            return None;
        };
        if !digits.contains(&n.len()) {
            return None;
        }
        let value = n.parse().ok()?;
        self.pos += 1;
        Some(value)
    }

    fn take_punct(&mut self, allowed: &str) -> Option<char> {
        let Some(&Token::Punct(c)) = self.peek() else {
            return None;
        };
        if !allowed.contains(c) {
            return None;
        }
        self.pos += 1;
        Some(c)
    }

    /// Takes a word that `read` understands, plus an abbreviation dot after it.
    fn take_name<T>(&mut self, read: fn(&str) -> Option<T>) -> Option<T> {
        let Some(Token::Word(w)) = self.peek() else {
            return None;
        };
        let value = read(w)?;
        self.pos += 1;
        self.take_punct(".");
        Some(value)
    }

    /// Skips an ordinal suffix (`14th`), with the `of` that may follow it (`14th of May`).
    fn skip_ordinal(&mut self) {
        if self.skip_word(&["st", "nd", "rd", "th"]) {
            self.skip_word(&["of"]);
        }
    }

    /// Takes a word that starts with one of `markers` (the 年, 月 and 日 of a CJK date, which
    /// may run on into the next word), telling whether it did.
    fn take_marker(&mut self, markers: &[&str]) -> bool {
        let found =
            matches!(self.peek(), Some(Token::Word(w)) if markers.iter().any(|m| w.starts_with(m)));
        self.pos += usize::from(found);
        found
    }

    /// Skips a time of day (`12:45`, `12:45:00`), telling whether it did.
    fn skip_clock(&mut self) -> bool {
        let mut probe = *self;
        let read = probe.take_number(1..=2).is_some()
            && probe.take_punct(":").is_some()
            && probe.take_number(2..=2).is_some();
        if !read {
            return false;
        }
        let mut seconds = probe;
        if seconds.take_punct(":").is_some() && seconds.take_number(2..=2).is_some() {
            probe = seconds;
        }
        *self = probe;
        true
    }

    /// Skips a time zone's abbreviation (`EDT`, `CEST`, `UTC`): a word of two to five letters.
    fn skip_zone_name(&mut self) {
        if matches!(self.peek(), Some(Token::Word(w)) if (2..=5).contains(&w.chars().count())) {
            self.pos += 1;
        }
    }

    /// Skips one of `words`, telling whether it did.
    fn skip_word(&mut self, words: &[&str]) -> bool {
        let found = matches!(self.peek(), Some(Token::Word(w)) if words.contains(&w.as_str()));
        self.pos += usize::from(found);
        found
    }
}

/// Reads a date starting exactly at `start`; returns what it found and where it ended.
fn read_date(tokens: &[Token], start: usize) -> Option<(Found, usize)> {
    let mut c = Cursor { tokens, pos: start };
    let weekday = c.take_name(read_weekday_name);
    if weekday.is_some() {
        c.take_punct(",");
    }
    for read in [
        read_year_first,
        read_day_first,
        read_month_first,
        read_numeric,
    ] {
        let mut probe = c;
        if let Some(date) = read(&mut probe) {
            return Some((Found::Full(date), probe.pos));
        }
    }
    let (month, day) = read_month_day(&mut c)?;
    let found = Found::YearLess(month, day, weekday);
    (!is_followed_by_year(&tokens[c.pos..])).then_some((found, c.pos))
}

/// `2025-05-14`, `2017/2/7`, `2017.02.07`, `2025 May 14`, `2025-May-14`, and the Chinese,
/// Japanese and Korean `2019年4月2日`, `2019년 4월 2일`.
fn read_year_first(c: &mut Cursor) -> Option<NaiveDate> {
    let year = c.take_number(4..=4)?;
    if c.take_marker(&["年", "년"]) {
        let month = c.take_number(1..=2)?;
        c.take_marker(&["月", "월"]).then_some(())?;
        let day = c.take_number(1..=2)?;
        return c
            .take_marker(&["日", "일"])
            .then(|| make_date(year, month, day))?;
    }
    let sep = c.take_punct("-/.");
    if let Some(month) = c.take_number(1..=2) {
        if sep.is_none() || c.take_punct("-/.") != sep {
            return None;
        }
        return make_date(year, month, c.take_number(1..=2)?);
    }
    let month = c.take_name(read_month_name)?;
    c.take_punct("-/.,");
    let day = c.take_number(1..=2)?;
    c.skip_ordinal();
    make_date(year, month, day)
}

/// `14 May 2025`, `14th May, 2025`, `26-FEB-1987`, `3. März 2021`, `27 de junio de 2019`.
fn read_day_first(c: &mut Cursor) -> Option<NaiveDate> {
    let day = c.take_number(1..=2)?;
    c.skip_ordinal();
    c.take_punct("-/.");
    c.skip_word(&["de"]);
    let month = c.take_name(read_month_name)?;
    c.take_punct("-/.,");
    c.skip_word(&["de", "del"]);
    // The same month named twice, in two calendars' names (`24 نيسان / أبريل 2020`).
    let mut again = *c;
    if again.take_name(read_month_name) == Some(month) {
        again.take_punct(",");
        *c = again;
    }
    make_date(c.take_number(4..=4)?, month, day)
}

/// `May 14, 2025`, `Sept. 4th 2025`, `JANUARY 4, 1963`, and the time and zone before the year
/// of Unix `date` and Java's `Date` (`Aug 03 12:45:00 EDT 2015`).
fn read_month_first(c: &mut Cursor) -> Option<NaiveDate> {
    let month = c.take_name(read_month_name)?;
    c.take_punct("-/.");
    let day = c.take_number(1..=2)?;
    c.skip_ordinal();
    c.take_punct("-/.,");
    if c.skip_clock() {
        c.skip_zone_name();
    }
    make_date(c.take_number(4..=4)?, month, day)
}

/// `25/12/2024` or `12/25/2024`: only when one side is over 12 (or both are equal); with dots,
/// day first (`03.11.2021`, and `30.10.23` with two digits in each part), as every language
/// that writes dotted dates puts them.
fn read_numeric(c: &mut Cursor) -> Option<NaiveDate> {
    let a = c.take_number(1..=2)?;
    let sep = c.take_punct("/-.")?;
    let b = c.take_number(1..=2)?;
    if c.take_punct("/-.")? != sep {
        return None;
    }
    let year = match c.take_number(4..=4) {
        Some(year) => year,
        None if sep == '.' && c.tokens[c.pos - 4..c.pos - 1].iter().all(is_two_digits) => {
            two_digit_year(c.take_number(2..=2)?)
        }
        None => return None,
    };
    let (month, day) = match (a > 12, b > 12) {
        (true, false) => (b, a),
        (false, true) => (a, b),
        _ if a == b => (a, b),
        (false, false) if sep == '.' => (b, a),
        _ => return None,
    };
    make_date(year, month, day)
}

/// Whether a token is a number of exactly two digits (`30.10.23` has three; `2.1.18`, which
/// may be a version, does not).
fn is_two_digits(token: &Token) -> bool {
    matches!(token, Token::Num(n) if n.len() == 2) || matches!(token, Token::Punct('.'))
}

/// The year of a two-digit `yy` (of `dd.mm.yy`): 2000–2069 or 1970–1999, as POSIX reads them.
fn two_digit_year(yy: u32) -> u32 {
    if yy < 70 { 2000 + yy } else { 1900 + yy }
}

/// `May 14`, `Sept. 4th`, `14 May`: a month and day with no year.
fn read_month_day(c: &mut Cursor) -> Option<(u32, u32)> {
    if let Some(month) = c.take_name(read_month_name) {
        c.take_punct("-/.");
        let day = c.take_number(1..=2)?;
        c.skip_ordinal();
        return Some((month, day));
    }
    let day = c.take_number(1..=2)?;
    c.skip_ordinal();
    c.take_punct("-/.");
    Some((c.take_name(read_month_name)?, day))
}

/// True when a year the patterns did not take seems to follow, as in `May 14, 25` or
/// `May 14-16, 2025`: a year-less reading would then be wrong. A time (`May 14, 9:30`) is fine.
fn is_followed_by_year(tokens: &[Token]) -> bool {
    let after_comma = tokens.strip_prefix(&[Token::Punct(',')]).unwrap_or(tokens);
    let is_bare_number = match after_comma {
        [Token::Num(_)] => true,
        [Token::Num(_), next, ..] => !matches!(next, Token::Punct(':' | '.')),
        _ => false,
    };
    is_bare_number
        || tokens
            .iter()
            .take_while(|t| !matches!(t, Token::Word(_)))
            .any(|t| matches!(t, Token::Num(n) if n.len() >= 4))
}

/// `20250514`: eight ASCII digits, already checked by the caller.
fn read_compact_date(digits: &str) -> Option<NaiveDate> {
    let year = digits.get(..4)?.parse().ok()?;
    let month = digits.get(4..6)?.parse().ok()?;
    make_date(year, month, digits.get(6..)?.parse().ok()?)
}

/// `may`, `Sept`, `SEPTEMBER`, `märz`, `janv.` (already lowercased) → month number.
fn read_month_name(word: &str) -> Option<u32> {
    names::month(word)
}

/// `wed`, `thurs`, `wednesday`, `jeudi` (already lowercased) → weekday.
fn read_weekday_name(word: &str) -> Option<Weekday> {
    names::weekday(word)
}

fn make_date(year: u32, month: u32, day: u32) -> Option<NaiveDate> {
    let year = i32::try_from(year)
        .ok()
        .filter(|y| (1000..=9999).contains(y))?;
    NaiveDate::from_ymd_opt(year, month, day)
}

/// The date found, a year-less one given the latest fitting year not after `today` (none
/// without `today`).
fn resolve_date(found: Found, today: Option<NaiveDate>) -> Option<NaiveDate> {
    match found {
        Found::Full(date) => Some(date),
        Found::YearLess(month, day, weekday) => infer_year(month, day, weekday, today?),
    }
}

/// The latest date on `month`/`day` (and `weekday`, if given) not after `today`, within 30 years.
fn infer_year(
    month: u32,
    day: u32,
    weekday: Option<Weekday>,
    today: NaiveDate,
) -> Option<NaiveDate> {
    (today.year() - 30..=today.year())
        .rev()
        .filter_map(|year| NaiveDate::from_ymd_opt(year, month, day))
        .filter(|date| (1000..=9999).contains(&date.year()) && *date <= today)
        .find(|date| weekday.is_none_or(|w| date.weekday() == w))
}

/// Cuts the tokens at the first character entity (`&#5;`): the control junk of Reuters SGML
/// ends the date line.
fn strip_markup_junk(tokens: &[Token]) -> &[Token] {
    let end = tokens
        .windows(2)
        .position(|pair| matches!(pair, [Token::Punct('&'), Token::Punct('#')]))
        .unwrap_or(tokens.len());
    &tokens[..end]
}

/// True for what may come before the date on a date line: labels, punctuation and times such as
/// `9:30 AM ET,`. Any other number stops the search, like the `14` of an unread `14 May 25`.
fn is_prefix_token(tokens: &[Token], at: usize) -> bool {
    let next = tokens.get(at + 1);
    let previous = at.checked_sub(1).and_then(|i| tokens.get(i));
    let is_time_mark = |t: Option<&Token>| matches!(t, Some(Token::Punct(':' | '.')));
    match &tokens[at] {
        Token::Num(_) => {
            is_time_mark(next)
                || is_time_mark(previous)
                || matches!(next, Some(word @ Token::Word(_)) if is_filler(word))
        }
        token => is_filler(token),
    }
}

/// True when `tokens` hold only filler (see [`is_filler`]) and further dates, as in
/// `| Updated: 15 May 2025`.
fn is_filler_or_dates(tokens: &[Token]) -> bool {
    let mut pos = 0;
    while pos < tokens.len() {
        pos = match read_date(tokens, pos) {
            Some((_, end)) => end,
            None if is_filler(&tokens[pos]) => pos + 1,
            None => return false,
        };
    }
    true
}

/// True for what may stand around a date on a date line: numbers, punctuation, filler words and
/// weekday names.
fn is_filler(token: &Token) -> bool {
    match token {
        Token::Num(_) | Token::Punct(_) => true,
        Token::Word(w) => {
            FILLER_WORDS.split_whitespace().any(|f| f == w)
                || names::LABEL_WORDS.contains(&w.as_str())
                || read_weekday_name(w).is_some()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Texts both functions read, with the date expected ("" for none), for today = 2026-11-28.
    const BOTH: &[(&str, &str)] = &[
        // Other languages, dotted day-first dates.
        ("3. März 2021", "2021-03-03"),
        ("le 27 juin 2019", "2019-06-27"),
        ("27 de junio de 2019", "2019-06-27"),
        ("12 de outubro de 2018", "2018-10-12"),
        ("27 giugno 2019", "2019-06-27"),
        ("5 mei 2020", "2020-05-05"),
        ("15 октября 2020", "2020-10-15"),
        ("03.11.2021", "2021-11-03"),
        ("2.9.2020 klo 12.45", "2020-09-02"),
        ("30.10.23", "2023-10-30"),
        ("2019年4月2日", "2019-04-02"),
        ("2019년 4월 2일", "2019-04-02"),
        // Arabic months, both calendars' names, and Arabic-Indic digits.
        ("07 أكتوبر 2020", "2020-10-07"),
        ("24 نيسان / أبريل 2020", "2020-04-24"),
        ("٢٤ أبريل ٢٠٢٠", "2020-04-24"),
        ("24 May / June 2020", ""),
        // ISO 8601, as written: no time zone shift.
        ("2025-05-14", "2025-05-14"),
        ("2025-05-14T09:30:00", "2025-05-14"),
        ("2025-05-14T09:30:00Z", "2025-05-14"),
        ("2025-05-14T23:30:00-05:00", "2025-05-14"),
        ("2025-05-14T00:30:00+14:00", "2025-05-14"),
        ("2025-05-14 09:30:00+0100", "2025-05-14"),
        ("2025-05-14T09:30:00.123Z", "2025-05-14"),
        // Unix `date`, Java's `Date.toString`.
        ("Mon Aug 03 12:45:00 EDT 2015", "2015-08-03"),
        ("Mon Aug  3 12:45:00 2015", "2015-08-03"),
        // RFC 2822 / HTTP.
        ("Wed, 14 May 2025 09:30:00 GMT", "2025-05-14"),
        ("Wed, 14 May 2025 09:30:00 +0000", "2025-05-14"),
        ("14 May 2025 09:30 EST", "2025-05-14"),
        // Month names.
        ("May 14, 2025", "2025-05-14"),
        ("May 14 2025", "2025-05-14"),
        ("14 May 2025", "2025-05-14"),
        ("14 May, 2025", "2025-05-14"),
        ("Wednesday, May 14, 2025", "2025-05-14"),
        ("Wednesday 14 May 2025", "2025-05-14"),
        ("May 14th, 2025", "2025-05-14"),
        ("14th May 2025", "2025-05-14"),
        ("14th of May, 2025", "2025-05-14"),
        ("2025 May 14", "2025-05-14"),
        ("January 4, 1963", "1963-01-04"),
        ("JANUARY 4, 1963", "1963-01-04"),
        ("Sept. 4, 2024", "2024-09-04"),
        ("SEPT 4 2024", "2024-09-04"),
        ("Thurs., Feb. 1st, 2024", "2024-02-01"),
        // Reuters SGML and its malformed variants.
        ("26-FEB-1987 15:01:01.79", "1987-02-26"),
        ("27-MAR-1987 00:02:59.13&#5;&#5;&#5;RM", "1987-03-27"),
        ("3-MAR-1987  09:15:05.40", "1987-03-03"),
        (" 7-APR-1987 16:22:00.0", "1987-04-07"),
        ("31-MAR-1987 605:12:19.12", "1987-03-31"),
        // Numeric: year first, or day and month only when unambiguous.
        ("2017/2/7", "2017-02-07"),
        ("2017/02/07", "2017-02-07"),
        ("2017.02.07", "2017-02-07"),
        ("25/12/2024", "2024-12-25"),
        ("12/25/2024", "2024-12-25"),
        ("05/05/2025", "2025-05-05"),
        ("05/06/2025", ""),
        ("2017/02-07", ""),
        // Year inference: never after today.
        ("Wednesday, May 14", "2025-05-14"),
        ("Wed, May 14", "2025-05-14"),
        ("Wednesday 14 May", "2025-05-14"),
        ("Saturday, November 28", "2026-11-28"),
        ("Thursday, Feb 29", "2024-02-29"),
        ("Monday, February 29", "2016-02-29"),
        ("May 14", "2026-05-14"),
        ("14 May", "2026-05-14"),
        ("December 25", "2025-12-25"),
        ("Feb 29", "2024-02-29"),
        ("Posted on May 14 at 9:30 a.m.", "2026-05-14"),
        ("May 14, 9:30 a.m.", "2026-05-14"),
        ("May 14-16, 2025", ""),
        ("May 14, 25", ""),
        ("Wed, 14 May 25 09:30 GMT", ""),
        // Invalid calendar dates, years out of range, far future.
        ("February 30, 2025", ""),
        ("February 30", ""),
        ("2025-13-01", ""),
        ("2025-02-29", ""),
        ("32 May 2025", ""),
        ("31-APR-1987 10:00:00.00", ""),
        ("0999-01-01", ""),
        ("May 14, 10000", ""),
        ("99999999999999999999-01-01", ""),
        ("2030-01-01", "2030-01-01"),
    ];

    /// Texts only parse_date reads a date from.
    const LENIENT: &[(&str, &str)] = &[
        ("Version 2.1.18 released", ""),
        (
            "Erschienen am 14. Dezember 2015 um 14:48 von Anna",
            "2015-12-14",
        ),
        ("Updated 9:30 AM ET, Wed May 14, 2025", "2025-05-14"),
        ("By Jane Doe | May 14, 2025", "2025-05-14"),
        ("The meeting on May 14, 2025 was long.", "2025-05-14"),
        ("content=\"2025-05-14T09:30:00Z\"", "2025-05-14"),
        ("Posted Wed, May 14. Read more", "2025-05-14"),
        ("20250514", "2025-05-14"),
        (" 20251399 ", ""),
        ("It happened May 14 in Paris", ""),
        ("Prices may be 14 percent higher", ""),
        ("In 2025 the company grew", ""),
        ("2025", ""),
    ];

    /// Date lines parse_date_line accepts, all on 2025-05-14.
    const LINES: &[&str] = &[
        "Published: May 14, 2025",
        "Updated May 14, 2025 at 9:30 a.m. ET",
        "Updated 9:30 AM ET, Wed May 14, 2025",
        "May 14, 2025 · 4 min read",
        "14 May 2025 09:30 GMT",
        "Date: 2025-05-14",
        "Posted on Wednesday, May 14, 2025.",
        "Last updated: 14 May 2025 (BST)",
        "PUBLISHED: 09:30 EDT, 14 May 2025 | UPDATED: 10:00 EDT, 15 May 2025",
    ];

    /// Lines that merely mention a date, or none: not date lines.
    const NOT_LINES: &[&str] = &[
        "The meeting on May 14, 2025 was long.",
        "In 2025 the company grew",
        "May the force be with you",
        "2025 was a good year",
        "Markets rally as Fed holds rates",
        "2025",
        "May 14, 2025 was a good day",
        "May 14, 2025 and May 15 were good days",
        "Published: soon",
        "",
        "   ",
    ];

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 28).expect("valid date")
    }

    fn date(text: &str) -> Option<NaiveDate> {
        text.parse().ok()
    }

    #[test]
    fn both_functions_read_every_form() {
        for &(text, expected) in BOTH {
            assert_eq!(
                parse_date(text, today()),
                date(expected),
                "parse_date({text:?})"
            );
            let line = parse_date_line(text, today());
            assert_eq!(line, date(expected), "parse_date_line({text:?})");
        }
    }

    #[test]
    fn parse_date_finds_dates_inside_text() {
        for &(text, expected) in LENIENT {
            assert_eq!(parse_date(text, today()), date(expected), "{text:?}");
        }
    }

    #[test]
    fn parse_date_line_takes_only_date_lines() {
        for text in LINES {
            assert_eq!(
                parse_date_line(text, today()),
                date("2025-05-14"),
                "{text:?}"
            );
        }
        for text in NOT_LINES {
            assert_eq!(parse_date_line(text, today()), None, "{text:?}");
        }
    }

    #[test]
    fn infers_years_from_other_todays() {
        let line = |text, today| parse_date_line(text, date(today).expect("valid date"));
        assert_eq!(line("Wednesday, May 14", "2025-05-13"), date("2014-05-14"));
        // 1885..=1915 has no Feb 29 on a Tuesday (1900 is no leap year).
        assert_eq!(line("Wednesday, Feb 29", "1915-01-01"), date("1888-02-29"));
        assert_eq!(line("Tuesday, Feb 29", "1915-01-01"), None);
    }

    /// A deterministic xorshift generator, so the fuzz strings need no extra crate.
    fn next_random(state: &mut u64) -> u64 {
        *state ^= *state << 13;
        *state ^= *state >> 7;
        *state ^= *state << 17;
        *state
    }

    #[test]
    fn never_panics_on_odd_input() {
        let samples = [
            "Wed, 14 May 2025 09:30:00 GMT",
            "27-MAR-1987 00:02:59.13&#5;&#5;&#5;RM",
            "Updated 9:30 AM ET, Wed May 14, 2025",
            "日本 2025年5月14日 ٢٠٢٥-٠٥-١٤ é14 May2025ß",
            "99999999999999999999-01-01 May 99999999999999999999",
            "\u{0}\u{200b}\u{feff}🎉May🎉14🎉2025",
        ];
        let mut inputs: Vec<String> = Vec::new();
        for sample in samples.iter().chain(BOTH.iter().map(|(text, _)| text)) {
            for (i, _) in sample.char_indices().chain([(sample.len(), ' ')]) {
                inputs.push(sample[..i].to_string());
                inputs.push(sample[i..].to_string());
            }
        }
        let alphabet: Vec<char> = "0123456789 -/.,:+TZ&#;MayWedSept日é٣🎉\u{301}\n"
            .chars()
            .collect();
        let mut state = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..10_000 {
            let len = next_random(&mut state) % 40;
            let pick = |state: &mut u64| alphabet[next_random(state) as usize % alphabet.len()];
            inputs.push((0..len).map(|_| pick(&mut state)).collect());
        }
        for text in &inputs {
            let _ = parse_date(text, today());
            let _ = parse_date_line(text, today());
            let _ = parse_date(text, NaiveDate::MIN);
            let _ = parse_date_line(text, NaiveDate::MAX);
        }
    }
}
