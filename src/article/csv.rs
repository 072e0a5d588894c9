//! CSV (`.csv`) and TSV (`.tsv`) article tables: a header row naming the columns, then one
//! article per row.
//!
//! Quoting follows RFC 4180, so quoted fields may hold delimiters and line breaks; each article
//! keeps the file line where its row starts. Reading the table is the `csv` crate's job, which
//! column is which [`super::fieldmap`]'s, and building the article
//! [`super::record::build_article`]'s.

use std::path::Path;

use ::csv::{ReaderBuilder, StringRecord};
use chrono::NaiveDate;

use super::fieldmap::{FieldValue, is_content_field, raw_from_pairs};
use super::format::{Parsed, Problem};
use super::lines::LineCounter;
use super::record::build_article;

/// Reads a delimited table (`b','` for CSV, `b'\t'` for TSV). Rows get the table's id column
/// or `{id}-{n}`, `n` counting data rows from 1. A table without a headline or body column
/// gives one problem and no articles.
pub fn parse_csv(id: &str, path: &Path, text: &str, delimiter: u8, today: NaiveDate) -> Parsed {
    let mut parsed = Parsed::default();
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        parsed.problems.push(problem(None, "empty file".into()));
        return parsed;
    }
    let mut reader = ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(text.as_bytes());
    let header = match reader.headers() {
        Ok(header) => header.clone(),
        Err(e) => {
            parsed
                .problems
                .push(problem(Some(1), format!("bad header row: {e}")));
            return parsed;
        }
    };
    if !header.iter().any(is_content_field) {
        let found: Vec<&str> = header.iter().map(str::trim).collect();
        let reason = format!(
            "no headline or body column in header (found: {})",
            found.join(", ")
        );
        parsed.problems.push(problem(Some(1), reason));
        return parsed;
    }
    let mut row = StringRecord::new();
    let mut lines = LineCounter::new(text);
    let mut n = 0;
    loop {
        match reader.read_record(&mut row) {
            Ok(false) => break,
            Ok(true) => {
                n += 1;
                let fallback = format!("{id}-{n}");
                let line = row.position().map_or(1, |p| row_line(p, text, &mut lines));
                read_row(&header, &row, line, &fallback, path, today, &mut parsed);
            }
            Err(e) => {
                let line = e.position().map(|p| row_line(p, text, &mut lines));
                parsed.problems.push(problem(line, format!("bad row: {e}")));
            }
        }
    }
    parsed
}

/// Adds the article a row gives, or the problem that stops it, to `parsed`.
fn read_row(
    header: &StringRecord,
    row: &StringRecord,
    line: u64,
    fallback_id: &str,
    path: &Path,
    today: NaiveDate,
    parsed: &mut Parsed,
) {
    let pairs = header.iter().zip(row.iter());
    let raw = raw_from_pairs(pairs.map(|(name, cell)| (name.trim(), FieldValue::Text(cell))));
    match build_article(raw, fallback_id, path, line, today) {
        Some(article) => parsed.articles.push(article),
        None if row.len() < header.len() => {
            let reason = format!(
                "record has no headline or body (row has {} of {} fields)",
                row.len(),
                header.len()
            );
            parsed.problems.push(problem(Some(line), reason));
        }
        None => {
            let reason = "record has no headline or body".to_string();
            parsed.problems.push(problem(Some(line), reason));
        }
    }
}

/// The line where a row starts. The csv crate's own line count is not used, nor its byte
/// offset as it stands: both point at the line break ending the previous row (so a CRLF ending
/// or a blank line before the row throws them off); the row starts after those breaks.
fn row_line(position: &::csv::Position, text: &str, lines: &mut LineCounter) -> u64 {
    let offset = usize::try_from(position.byte()).unwrap_or(usize::MAX);
    let rest = text.as_bytes().get(offset..).unwrap_or_default();
    let breaks = rest
        .iter()
        .take_while(|b| matches!(b, b'\r' | b'\n'))
        .count();
    lines.line_at(offset.saturating_add(breaks))
}

/// A problem at `line`.
fn problem(line: Option<u64>, reason: String) -> Problem {
    Problem { line, reason }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::format::test_support::{problems, summary};

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 28).expect("valid date")
    }

    fn csv(text: &str) -> Parsed {
        parse_csv("t", Path::new("t.csv"), text, b',', today())
    }

    #[test]
    fn quoted_newlines_and_row_start_lines() {
        let text = "article_id,publish_date,article_source_link,title,subtitle,text\n\
            1,2017/2/7,http://abcnews.go.com/Politics/x?id=1,\"DeVos Confirmed, With Pence\",,\"First line.\n\nSecond \"\"quoted\"\" line.\"\n\
            ,2017/2/8,http://www.dw.com/en/y,Second title,A subtitle,\"Text\nwrapped\"\n\
            3,,,,,\"Lead sentence here. More text.\"\n";
        let p = csv(text);
        assert_eq!(
            summary(&p),
            [
                ("1".into(), 2, "DeVos Confirmed, With Pence".into()),
                ("t-2".into(), 5, "Second title".into()),
                ("3".into(), 7, "Lead sentence here.".into()),
            ]
        );
        assert!(p.problems.is_empty(), "{:?}", p.problems);
        let [a, b, c] = &p.articles[..] else {
            panic!("three articles")
        };
        assert_eq!(a.date, NaiveDate::from_ymd_opt(2017, 2, 7));
        assert_eq!(a.source.as_deref(), Some("abcnews.go.com"));
        assert_eq!(a.body_text(), "First line.\n\nSecond \"quoted\" line.");
        assert!(a.body.iter().all(|p| p.line == 2));
        assert_eq!(b.body_text(), "A subtitle\n\nText wrapped");
        assert_eq!(b.source.as_deref(), Some("dw.com"));
        assert_eq!(
            (c.date, c.url.as_deref(), c.source.as_deref()),
            (None, None, None)
        );
    }

    #[test]
    fn tsv_with_bom_and_crlf() {
        let text = "\u{feff}Title\tDate\tBody\tAuthors\r\nA headline\t2024-05-14\tSome text.\tJane Doe\r\n\r\nB\t\tMore.\t\r\n";
        let p = parse_csv("t", Path::new("t.tsv"), text, b'\t', today());
        assert_eq!(
            summary(&p),
            [
                ("t-1".into(), 2, "A headline".into()),
                ("t-2".into(), 4, "B".into())
            ]
        );
        assert_eq!(p.articles[0].date, NaiveDate::from_ymd_opt(2024, 5, 14));
        assert_eq!(p.articles[0].author.as_deref(), Some("Jane Doe"));
        let p = csv("\u{feff}\"title\",\"text\"\nT,B\n");
        assert_eq!(summary(&p), [("t-1".into(), 2, "T".into())]);
    }

    #[test]
    fn short_and_empty_rows() {
        let p = csv(
            "id,title,date,text\n1,Kept,2020-01-01\n2\n,,,\n\n\n4,Also kept,2020-01-02,Body,extra\n",
        );
        assert_eq!(
            summary(&p),
            [
                ("1".into(), 2, "Kept".into()),
                ("4".into(), 7, "Also kept".into())
            ]
        );
        assert_eq!(
            problems(&p),
            [
                (
                    Some(3),
                    "record has no headline or body (row has 1 of 4 fields)".into()
                ),
                (Some(4), "record has no headline or body".into()),
            ]
        );
    }

    #[test]
    fn unusable_header_and_empty_files() {
        assert_eq!(
            problems(&csv("a, b ,url\n1,2,http://x.com\n")),
            [(
                Some(1),
                "no headline or body column in header (found: a, b, url)".into()
            )]
        );
        for empty in ["", "\n\n", "\u{feff}"] {
            assert_eq!(problems(&csv(empty)), [(None, "empty file".into())]);
        }
        let p = csv("title,text\n");
        assert!(p.articles.is_empty() && p.problems.is_empty());
    }

    #[test]
    fn unclosed_quote_runs_to_the_end() {
        let p = csv("title,text\nA,\"never closed\nB,b\n");
        assert_eq!(summary(&p), [("t-1".into(), 2, "A".into())]);
        assert_eq!(p.articles[0].body_text(), "never closed B,b");
    }

    #[test]
    fn mangled_input_never_panics() {
        let good = "\u{feff}id,title,\"pub date\",text\n1,\"Ünïcode, “quoted”\",2017/2/7,\"a\n\nb\"\n2,,1486425600,c\n";
        let bytes = good.as_bytes();
        for cut in 0..bytes.len() {
            let text = String::from_utf8_lossy(&bytes[..cut]);
            csv(&text);
        }
        for i in 0..bytes.len() {
            for flip in [b'"', b',', b'\n', b'\r', b'\t', 0xff, 0] {
                let mut mangled = bytes.to_vec();
                mangled[i] = flip;
                let p = csv(&String::from_utf8_lossy(&mangled));
                assert!(p.articles.len() + p.problems.len() <= 4);
            }
        }
    }
}
