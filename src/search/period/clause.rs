//! `date:VALUE` clauses written inside a query, such as `date:2025-03..2025-05 export controls`.
//!
//! A clause is a word of the query that starts with `date:` (any case), outside double-quoted
//! phrases. Its value runs to the next space; double quotes (typographic ones too) group words
//! into it, as in a shell (`date:"last month"`, `date:"May 2025"..2025-07`). The value is read by
//! [`super::parse_window`]. Clauses are removed from the text; combining the window with
//! `--since`/`--until` and building the tantivy query are left to the caller.

use anyhow::{Context, Result, bail};
use chrono::NaiveDate;

use super::{DateWindow, parse_window};
use crate::search::reading::is_quote;

const PREFIX: &str = "date:";

/// Removes the `date:` clauses from `query`, returning the rest of the text (trimmed) and the
/// window they describe: `None` without a clause, their intersection with several.
///
/// A clause whose value cannot be read is an error naming the clause, and so are clauses that
/// have no day in common. A `date:` inside a quoted phrase (`"date:x"`) or in the middle of a word
/// (`update:x`) is not a clause and is left in place.
pub fn extract_date_clause(query: &str, today: NaiveDate) -> Result<(String, Option<DateWindow>)> {
    let mut rest = String::with_capacity(query.len());
    let mut window: Option<DateWindow> = None;
    let mut clauses: Vec<&str> = Vec::new();
    let mut in_phrase = false;
    let mut at_word_start = true;
    let mut chars = query.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let tail = &query[i..];
        if !in_phrase && at_word_start && has_prefix(tail) {
            let (value, len) = read_value(tail)?;
            let clause = &tail[..len];
            let clause_window =
                parse_window(&value, today).with_context(|| format!("in `{clause}`"))?;
            window = Some(window.map_or(clause_window, |w| w.intersect(clause_window)));
            clauses.push(clause);
            // Skip the clause and the spaces after it, so `a date:x b` leaves `a b`.
            while chars
                .peek()
                .is_some_and(|&(j, c)| j < i + len || c.is_whitespace())
            {
                chars.next();
            }
            continue;
        }
        if is_quote(c) {
            in_phrase = !in_phrase;
        }
        at_word_start = c.is_whitespace();
        rest.push(c);
    }
    if window.is_some_and(|w| w.is_empty()) {
        bail!(
            "the date clauses {} have no day in common",
            clauses
                .iter()
                .map(|c| format!("`{c}`"))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    Ok((rest.trim().to_string(), window))
}

/// Whether `text` starts with `date:`, in any case.
fn has_prefix(text: &str) -> bool {
    text.get(..PREFIX.len())
        .is_some_and(|p| p.eq_ignore_ascii_case(PREFIX))
}

/// The value of the clause at the start of `clause` with its quotes removed, and the clause's
/// length in bytes.
fn read_value(clause: &str) -> Result<(String, usize)> {
    let mut value = String::new();
    let mut quoted = false;
    let mut end = clause.len();
    for (i, c) in clause.char_indices().skip(PREFIX.len()) {
        match c {
            c if is_quote(c) => quoted = !quoted,
            c if c.is_whitespace() && !quoted => {
                end = i;
                break;
            }
            c => value.push(c),
        }
    }
    if quoted {
        bail!("`{}` has no closing quote", clause.trim_end());
    }
    if value.trim().is_empty() {
        bail!(
            "`{}` needs a date, as in date:2025-05 or date:\"last month\"",
            &clause[..end]
        );
    }
    Ok((value, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::search::period::test_dates::{d, today};

    fn span(since: NaiveDate, until: NaiveDate) -> Option<DateWindow> {
        Some(DateWindow {
            since: Some(since),
            until: Some(until),
        })
    }

    fn extract(query: &str) -> (String, Option<DateWindow>) {
        extract_date_clause(query, today()).unwrap_or_else(|e| panic!("{query:?}: {e:#}"))
    }

    fn error(query: &str) -> String {
        match extract_date_clause(query, today()) {
            Ok(found) => panic!("{query:?} should be rejected, got {found:?}"),
            Err(e) => format!("{e:#}"),
        }
    }

    #[test]
    fn clause_is_removed_and_read() {
        assert_eq!(
            extract("date:2025-03..2025-05 export controls"),
            (
                "export controls".to_string(),
                span(d(2025, 3, 1), d(2025, 5, 31))
            )
        );
        assert_eq!(
            extract("export date:2025 controls"),
            (
                "export controls".to_string(),
                span(d(2025, 1, 1), d(2025, 12, 31))
            )
        );
        assert_eq!(
            extract("export controls  date:7d"),
            (
                "export controls".to_string(),
                span(d(2026, 11, 22), today())
            )
        );
        assert_eq!(
            extract("DATE:2025-05"),
            (String::new(), span(d(2025, 5, 1), d(2025, 5, 31)))
        );
    }

    #[test]
    fn open_range_clause() {
        let (rest, window) = extract("chips date:2025-03..");
        assert_eq!(rest, "chips");
        assert_eq!(
            window,
            Some(DateWindow {
                since: Some(d(2025, 3, 1)),
                until: None
            })
        );
    }

    #[test]
    fn quoted_values_may_hold_spaces() {
        assert_eq!(
            extract("date:\"last month\" tariffs"),
            ("tariffs".to_string(), span(d(2026, 10, 1), d(2026, 10, 31)))
        );
        assert_eq!(
            extract("tariffs date:\"May 2025\""),
            ("tariffs".to_string(), span(d(2025, 5, 1), d(2025, 5, 31)))
        );
        assert_eq!(
            extract("date:\"May 2025\"..2025-07 tariffs"),
            ("tariffs".to_string(), span(d(2025, 5, 1), d(2025, 7, 31)))
        );
        assert_eq!(
            extract("date:“last month” tariffs"),
            ("tariffs".to_string(), span(d(2026, 10, 1), d(2026, 10, 31)))
        );
        assert_eq!(
            extract("“date:2025 rules” tariffs"),
            ("“date:2025 rules” tariffs".to_string(), None)
        );
        assert_eq!(
            extract("date:\"May 14, 2025\" \"export controls\""),
            (
                "\"export controls\"".to_string(),
                span(d(2025, 5, 14), d(2025, 5, 14))
            )
        );
    }

    #[test]
    fn several_clauses_intersect() {
        assert_eq!(
            extract("date:2025 export date:2025-03..2025-09 date:..2025-05 controls"),
            (
                "export controls".to_string(),
                span(d(2025, 3, 1), d(2025, 5, 31))
            )
        );
    }

    #[test]
    fn no_clause_leaves_the_query_alone() {
        for query in [
            "export controls",
            "\"date:2025 in a phrase\" chips",
            "headline:\"up to date: new rules\"",
            "update:2025 mandate:x",
            "-date:2025",
            "",
        ] {
            assert_eq!(extract(query), (query.to_string(), None), "{query}");
        }
    }

    #[test]
    fn phrases_are_tracked_around_clauses() {
        assert_eq!(
            extract("\"a date:x\" date:2025 \"b date:y\""),
            (
                "\"a date:x\" \"b date:y\"".to_string(),
                span(d(2025, 1, 1), d(2025, 12, 31))
            )
        );
    }

    #[test]
    fn bad_clauses_are_errors_naming_them() {
        assert_eq!(
            error("export date:2025-13 controls"),
            "in `date:2025-13`: invalid date `2025-13`: no month 13"
        );
        assert!(
            error("date:\"last fortnight\" x").starts_with(
                "in `date:\"last fortnight\"`: cannot read `last fortnight` as a date"
            )
        );
        assert_eq!(
            error("export date: controls"),
            "`date:` needs a date, as in date:2025-05 or date:\"last month\""
        );
        assert_eq!(
            error("x date:\"\""),
            "`date:\"\"` needs a date, as in date:2025-05 or date:\"last month\""
        );
        assert_eq!(
            error("x date:\"May 2025 tariffs"),
            "`date:\"May 2025 tariffs` has no closing quote"
        );
        assert!(error("date:2025-05..2025-03").contains("ends before it starts"));
        assert_eq!(
            error("date:2024 x date:2025"),
            "the date clauses `date:2024`, `date:2025` have no day in common"
        );
    }

    #[test]
    fn odd_queries_never_panic() {
        for query in [
            "date:",
            "date",
            "date:\"",
            "\"",
            "\"\"date:2025",
            "date:é",
            "é date:2025",
            "date:日本 x",
            "x\u{a0}date:2025",
            "date:2025\u{a0}x",
            "date:..",
            "date:...",
            "date:\"..\"",
            "date:2025date:2025",
            "((date:2025))",
            "date:\"a\"\"b\"",
        ] {
            let _ = extract_date_clause(query, today());
            let _ = extract_date_clause(query, NaiveDate::MIN);
        }
    }
}
