//! JSON (`.json`) and JSON Lines (`.jsonl`, `.ndjson`) article files.
//!
//! A `.json` file holds one article object, an array of them, or an object that wraps such an
//! array under a common key (`articles`, `items`, `data`, `results`, `docs`, `response.docs`,
//! `hits.hits`, ...). A `.json` file that is really JSON Lines is read as such. Each article
//! keeps the line where its object starts. Which field is which is [`super::fieldmap`]'s job,
//! and building the article [`super::record::build_article`]'s.

use std::collections::HashMap;
use std::path::Path;

use chrono::NaiveDate;
use serde_json::value::RawValue;
use serde_json::{Map, Value};

use super::fieldmap::{FieldValue, raw_from_pairs};
use super::format::{Parsed, Problem};
use super::lines::LineCounter;
use super::record::build_article;

/// Keys under which JSON exports put their list of articles, tried in this order.
const WRAPPER_KEYS: [&str; 15] = [
    "articles",
    "items",
    "data",
    "results",
    "docs",
    "response",
    "hits",
    "entries",
    "records",
    "posts",
    "stories",
    "news",
    "documents",
    "rows",
    "value",
];
/// How deep wrappers may nest (`response.docs` is two).
const MAX_WRAPPER_DEPTH: usize = 3;

/// Reads a `.json` file: one article object, an array of them, or a wrapped array. Articles of
/// a multi-article file get the source's id or `{id}-{n}`, `n` counting from 1.
pub fn parse_json(id: &str, path: &Path, text: &str, today: NaiveDate) -> Parsed {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return only_problem(None, "empty file");
    }
    if looks_like_json_lines(text) {
        return parse_jsonl(id, path, text, today);
    }
    let top: &RawValue = match serde_json::from_str(text) {
        Ok(top) => top,
        Err(e) => return only_problem(Some(e.line() as u64), &invalid_json(&e)),
    };
    let mut parsed = Parsed::default();
    let mut lines = LineCounter::new(text);
    match wrapped_records(top, 0) {
        Some(records) => {
            for (n, record) in records.iter().enumerate() {
                let line = lines.line_of(record.get());
                let value = serde_json::from_str(record.get());
                let fallback = format!("{id}-{}", n + 1);
                read_record(value, &fallback, path, line, today, &mut parsed);
            }
        }
        None => {
            let line = lines.line_of(top.get());
            read_record(
                serde_json::from_str(top.get()),
                id,
                path,
                line,
                today,
                &mut parsed,
            );
        }
    }
    parsed
}

/// Reads a JSON Lines file: one object per line, blank lines skipped. A malformed line is
/// reported with its number and the rest are still read.
pub fn parse_jsonl(id: &str, path: &Path, text: &str, today: NaiveDate) -> Parsed {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return only_problem(None, "empty file");
    }
    let mut parsed = Parsed::default();
    let mut n = 0;
    for (index, line_text) in text.lines().enumerate() {
        if line_text.trim().is_empty() {
            continue;
        }
        n += 1;
        let line = index as u64 + 1;
        let fallback = format!("{id}-{n}");
        read_record(
            serde_json::from_str(line_text),
            &fallback,
            path,
            line,
            today,
            &mut parsed,
        );
    }
    parsed
}

/// A result with no articles and one problem.
fn only_problem(line: Option<u64>, reason: &str) -> Parsed {
    Parsed {
        articles: Vec::new(),
        problems: vec![Problem {
            line,
            reason: reason.to_string(),
        }],
    }
}

/// Adds the article a parsed record gives, or the problem that stops it, to `parsed`.
fn read_record(
    value: serde_json::Result<Value>,
    fallback_id: &str,
    path: &Path,
    line: u64,
    today: NaiveDate,
    parsed: &mut Parsed,
) {
    let problem = |reason: String| Problem {
        line: Some(line),
        reason,
    };
    let map = match value {
        Ok(Value::Object(map)) => map,
        Ok(_) => {
            return parsed
                .problems
                .push(problem("record is not an object".into()));
        }
        Err(e) => return parsed.problems.push(problem(invalid_json(&e))),
    };
    let raw = raw_from_pairs(record_pairs(&map));
    match build_article(raw, fallback_id, path, line, today) {
        Some(article) => parsed.articles.push(article),
        None => parsed
            .problems
            .push(problem("record has no headline or body".into())),
    }
}

/// The fields of a record; an Elasticsearch hit's `_source` object gives its fields in place.
fn record_pairs(map: &Map<String, Value>) -> Vec<(&str, FieldValue<'_>)> {
    let mut pairs = Vec::with_capacity(map.len());
    for (key, value) in map {
        match value {
            Value::Object(inner) if key == "_source" => {
                pairs.extend(inner.iter().map(|(k, v)| (k.as_str(), FieldValue::Json(v))))
            }
            _ => pairs.push((key.as_str(), FieldValue::Json(value))),
        }
    }
    pairs
}

/// The array of records inside `raw`: `raw` itself when it is an array, or the array under a
/// wrapper key of an object (searched `MAX_WRAPPER_DEPTH` deep). `None` when `raw` is one record.
fn wrapped_records(raw: &RawValue, depth: usize) -> Option<Vec<&RawValue>> {
    let text = raw.get();
    if text.starts_with('[') {
        return serde_json::from_str(text).ok();
    }
    if !text.starts_with('{') || depth >= MAX_WRAPPER_DEPTH {
        return None;
    }
    let map: HashMap<String, &RawValue> = serde_json::from_str(text).ok()?;
    WRAPPER_KEYS.iter().find_map(|key| {
        let (_, inner) = map.iter().find(|(k, _)| k.eq_ignore_ascii_case(key))?;
        let records = wrapped_records(inner, depth + 1)?;
        let holds_objects = records.first().is_none_or(|r| r.get().starts_with('{'));
        holds_objects.then_some(records)
    })
}

/// Whether a `.json` file is really JSON Lines: its first non-blank line is a whole object and
/// another non-blank line follows.
fn looks_like_json_lines(text: &str) -> bool {
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    match (lines.next(), lines.next()) {
        (Some(first), Some(_)) => {
            first.trim_start().starts_with('{')
                && matches!(serde_json::from_str::<Value>(first), Ok(Value::Object(_)))
        }
        _ => false,
    }
}

/// `invalid JSON: <serde's message>`, with the column but without serde's line, which the
/// problem carries itself.
fn invalid_json(error: &serde_json::Error) -> String {
    let message = error.to_string();
    let message = message
        .rfind(" at line ")
        .map_or(message.as_str(), |i| &message[..i]);
    format!("invalid JSON: {message} at column {}", error.column())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::format::test_support::{problems, summary};

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 28).expect("valid date")
    }

    fn json(text: &str) -> Parsed {
        parse_json("f", Path::new("f.json"), text, today())
    }

    fn jsonl(text: &str) -> Parsed {
        parse_jsonl("f", Path::new("f.jsonl"), text, today())
    }

    #[test]
    fn single_object() {
        let p = json(
            "\n{\n  \"title\": \"Storm hits\",\n  \"date\": \"2024-01-02\",\n  \"body\": \"Rain.\"\n}\n",
        );
        assert_eq!(summary(&p), [("f".into(), 2, "Storm hits".into())]);
        assert_eq!(p.articles[0].date, NaiveDate::from_ymd_opt(2024, 1, 2));
        assert_eq!(p.articles[0].body_text(), "Rain.");
        assert!(p.problems.is_empty());
    }

    #[test]
    fn array_keeps_start_lines_and_ids() {
        let text = "[\n  {\"title\": \"One\", \"body\": \"a [x] {y}\"},\n  {\n    \"id\": 7,\n    \"title\": \"Two\"\n  },\n\n  {\"title\": \"Three\"}, 5, {\"url\": \"http://x.com/\"}\n]";
        let p = json(text);
        assert_eq!(
            summary(&p),
            [
                ("f-1".into(), 2, "One".into()),
                ("7".into(), 3, "Two".into()),
                ("f-3".into(), 8, "Three".into()),
            ]
        );
        assert_eq!(
            problems(&p),
            [
                (Some(8), "record is not an object".into()),
                (Some(8), "record has no headline or body".into()),
            ]
        );
    }

    #[test]
    fn wrapped_arrays() {
        let p = json(
            "{\"status\": \"ok\", \"totalResults\": 2,\n \"articles\": [\n {\"title\": \"A\"},\n {\"title\": \"B\"}]}",
        );
        assert_eq!(
            summary(&p),
            [("f-1".into(), 3, "A".into()), ("f-2".into(), 4, "B".into())]
        );
        let p = json(
            "{\"response\": {\"meta\": {}, \"docs\": [{\"headline\": {\"main\": \"NYT\"}, \"abstract\": \"Y.\", \"lead_paragraph\": \"Z.\", \"pub_date\": \"2017-02-07T00:00:00+0000\", \"byline\": {\"original\": \"By A\"}}, {\"Title\": \"N\"}]}}",
        );
        assert_eq!(
            summary(&p),
            [
                ("f-1".into(), 1, "NYT".into()),
                ("f-2".into(), 1, "N".into())
            ]
        );
        let nyt = &p.articles[0];
        assert_eq!(nyt.body_text(), "Y.\n\nZ.");
        assert_eq!(nyt.date, NaiveDate::from_ymd_opt(2017, 2, 7));
        assert_eq!(nyt.author.as_deref(), Some("By A"));
        let p = json(
            "{\"hits\": {\"total\": 1, \"hits\": [{\"_id\": \"e1\", \"_source\": {\"title\": \"Elastic\"}}]}}",
        );
        assert_eq!(summary(&p), [("e1".into(), 1, "Elastic".into())]);
        let p = json("{\"Items\": []}");
        assert!(p.articles.is_empty() && p.problems.is_empty());
    }

    #[test]
    fn newsapi_article() {
        let p = json(
            r#"{"source": {"id": null, "name": "Al Jazeera English"}, "author": ["A. Writer", "B. Writer"],
            "title": "Talks resume", "description": "Negotiators met again.", "url": "https://www.aljazeera.com/news/1",
            "publishedAt": 1486425600000, "content": "Negotiators met again. Both sides spoke."}"#,
        );
        let a = &p.articles[0];
        assert_eq!(a.source.as_deref(), Some("Al Jazeera English"));
        assert_eq!(a.author.as_deref(), Some("A. Writer, B. Writer"));
        assert_eq!(a.date, NaiveDate::from_ymd_opt(2017, 2, 7));
        assert_eq!(a.body_text(), "Negotiators met again. Both sides spoke.");
    }

    #[test]
    fn jsonl_bad_line_in_the_middle() {
        let p = jsonl(
            "{\"title\": \"A\", \"time\": 1486425600}\n\n{\"title\": \"B\",\n{\"id\": \"c\", \"text\": \"Body C.\"}\n[1]\n",
        );
        assert_eq!(
            summary(&p),
            [
                ("f-1".into(), 1, "A".into()),
                ("c".into(), 4, "Body C.".into())
            ]
        );
        assert_eq!(p.articles[0].date, NaiveDate::from_ymd_opt(2017, 2, 7));
        let problems = problems(&p);
        assert_eq!(problems.len(), 2);
        assert_eq!(problems[0].0, Some(3));
        assert_eq!(
            problems[0].1,
            "invalid JSON: EOF while parsing a value at column 14"
        );
        assert_eq!(problems[1], (Some(5), "record is not an object".into()));
    }

    #[test]
    fn json_file_holding_json_lines() {
        let p = json("\u{feff}{\"title\": \"A\"}\n{\"title\": \"B\"}\n");
        assert_eq!(
            summary(&p),
            [("f-1".into(), 1, "A".into()), ("f-2".into(), 2, "B".into())]
        );
    }

    #[test]
    fn malformed_and_empty() {
        let p = json("[\n{\"title\": \"A\"},\n{\"title\": }\n]");
        assert!(p.articles.is_empty());
        assert_eq!(p.problems[0].line, Some(3));
        assert!(
            p.problems[0]
                .reason
                .starts_with("invalid JSON: expected value")
        );
        for empty in ["", "  \n", "\u{feff}"] {
            assert_eq!(problems(&json(empty)), [(None, "empty file".into())]);
            assert_eq!(problems(&jsonl(empty)), [(None, "empty file".into())]);
        }
        assert_eq!(
            problems(&json("\"just a string\"")),
            [(Some(1), "record is not an object".into())]
        );
        assert_eq!(
            problems(&json("{\"status\": \"ok\"}")),
            [(Some(1), "record has no headline or body".into())]
        );
    }

    #[test]
    fn mangled_input_never_panics() {
        let good = "{\"articles\": [{\"title\": \"Ünïcode “quotes”\", \"publishedAt\": 1486425600,\n\"authors\": [{\"name\": \"A\"}], \"body\": [\"x\", \"y\"]}, {\"text\": \"z\"}]}\n";
        let bytes = good.as_bytes();
        for cut in 0..bytes.len() {
            let text = String::from_utf8_lossy(&bytes[..cut]);
            json(&text);
            jsonl(&text);
        }
        for i in 0..bytes.len() {
            for flip in [b'"', b'{', b'[', b'\n', b',', b'\\', 0xff] {
                let mut mangled = bytes.to_vec();
                mangled[i] = flip;
                let text = String::from_utf8_lossy(&mangled);
                let p = json(&text);
                assert!(p.articles.len() + p.problems.len() <= 3);
                jsonl(&text);
            }
        }
    }
}
