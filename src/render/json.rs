//! JSON Lines output: one object per hit, the wire format for scripts.
//!
//! Each line is an object with `id`, `path`, `line`, `date` (`YYYY-MM-DD` or null),
//! `headline`, `snippet` (plain text), `highlights` (`[start, end]` byte offsets into `snippet`),
//! `score`, `url`, `source`, and `also_in` (other places holding a copy or near-copy of the same
//! story: objects with `id`, `path`, `line`). The README documents the format; changing a key is
//! a breaking change.

use std::io::{self, Write};
use std::path::Path;

use serde::Serialize;

use super::{Hit, display_path, json_line};
use crate::search::rerank::{FEEDBACK_WEIGHT, HEADLINE_WEIGHT, PROXIMITY_WEIGHT};

/// The serialized form of a hit.
#[derive(Serialize)]
struct JsonHit<'a> {
    id: &'a str,
    path: String,
    line: u64,
    date: Option<String>,
    headline: &'a str,
    snippet: &'a str,
    highlights: &'a [(usize, usize)],
    score: f32,
    url: Option<&'a str>,
    source: Option<&'a str>,
    also_in: Vec<JsonCopy<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    explain: Option<JsonParts>,
}

/// The serialized parts of a score (`--explain`): for plain words `score = bm25 +
/// headline_weight × headline + proximity_weight × proximity + feedback_weight × feedback`;
/// `passage` is the shown passage's score among its article's passages.
#[derive(Serialize)]
struct JsonParts {
    #[serde(skip_serializing_if = "Option::is_none")]
    bm25: Option<f32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    headline: Option<f32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    headline_weight: Option<f32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    proximity: Option<f32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    proximity_weight: Option<f32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    feedback: Option<f32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    feedback_weight: Option<f32>,
    passage: f32,
}

/// The serialized form of a copy.
#[derive(Serialize)]
struct JsonCopy<'a> {
    id: &'a str,
    path: String,
    line: u64,
}

/// Writes the number of matching articles as `{"count": N}` (`--count --json`).
pub fn write_count(out: &mut impl Write, count: usize) -> io::Result<()> {
    json_line(out, &serde_json::json!({ "count": count }))
}

/// Writes hits as JSON Lines; paths are shown relative to `cwd` when inside it.
pub fn write_hits(out: &mut impl Write, hits: &[Hit], cwd: Option<&Path>) -> io::Result<()> {
    for hit in hits {
        let json = JsonHit {
            id: &hit.id,
            path: display_path(&hit.path, cwd).display().to_string(),
            line: hit.line,
            date: hit.date.map(|d| d.format("%Y-%m-%d").to_string()),
            headline: &hit.headline,
            snippet: &hit.snippet,
            highlights: &hit.highlights,
            score: hit.score,
            url: hit.url.as_deref(),
            source: hit.source.as_deref(),
            also_in: hit
                .also_in
                .iter()
                .map(|c| JsonCopy {
                    id: &c.id,
                    path: display_path(&c.path, cwd).display().to_string(),
                    line: c.line,
                })
                .collect(),
            explain: hit.explain.as_ref().map(|p| {
                let a = p.article;
                JsonParts {
                    bm25: a.map(|a| a.bm25),
                    headline: a.map(|a| a.headline),
                    headline_weight: a.map(|_| HEADLINE_WEIGHT),
                    proximity: a.map(|a| a.proximity),
                    proximity_weight: a.map(|_| PROXIMITY_WEIGHT),
                    feedback: a.map(|a| a.feedback),
                    feedback_weight: a.map(|_| FEEDBACK_WEIGHT),
                    passage: p.passage,
                }
            }),
        };
        json_line(out, &json)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::Copy;
    use chrono::NaiveDate;
    use std::path::PathBuf;

    #[test]
    fn one_object_per_line_with_offsets() {
        let hit = Hit {
            id: "abc".into(),
            path: PathBuf::from("/news/corpus/a.txt"),
            line: 3,
            ordinal: 0,
            date: NaiveDate::from_ymd_opt(2025, 5, 14),
            headline: "Head".into(),
            snippet: "US export controls".into(),
            highlights: vec![(3, 18)],
            score: 1.5,
            url: None,
            source: None,
            also_in: vec![Copy {
                id: "def".into(),
                path: PathBuf::from("/news/corpus/b.txt"),
                line: 1,
            }],
            explain: None,
        };
        let mut out = Vec::new();
        write_hits(&mut out, &[hit.clone(), hit], Some(Path::new("/news"))).expect("write");
        let text = String::from_utf8(out).expect("utf8");
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2);
        let value: serde_json::Value = serde_json::from_str(lines[0]).expect("json");
        assert_eq!(value["path"], "corpus/a.txt");
        assert_eq!(value["date"], "2025-05-14");
        assert_eq!(value["highlights"][0][0], 3);
        assert_eq!(value["highlights"][0][1], 18);
        assert_eq!(value["url"], serde_json::Value::Null);
        assert_eq!(value["also_in"][0]["path"], "corpus/b.txt");
    }
}
