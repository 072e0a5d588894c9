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

use super::{Hit, display_path};
use crate::search::fusion::ARTICLE_WEIGHT;

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
    explain: Option<JsonParts<'a>>,
}

/// The serialized parts of a score (`--explain`).
#[derive(Serialize)]
struct JsonParts<'a> {
    passage: f32,
    support: f32,
    support_weight: f32,
    terms: &'a [(String, f32)],
    #[serde(skip_serializing_if = "Option::is_none")]
    fused: Option<JsonFused>,
}

/// The serialized parts of a fused score: `score = article_weight × article / best_article +
/// (1 − article_weight) × passages / best_passages`.
#[derive(Serialize)]
struct JsonFused {
    article: f32,
    best_article: f32,
    article_weight: f32,
    passages: f32,
    best_passages: f32,
}

/// The serialized form of a copy.
#[derive(Serialize)]
struct JsonCopy<'a> {
    id: &'a str,
    path: String,
    line: u64,
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
            explain: hit.explain.as_ref().map(|p| JsonParts {
                passage: p.passage,
                support: p.support,
                support_weight: p.support_weight,
                terms: &p.terms,
                fused: p.fused.map(|f| JsonFused {
                    article: f.article,
                    best_article: f.best_article,
                    article_weight: ARTICLE_WEIGHT,
                    passages: f.passage,
                    best_passages: f.best_passage,
                }),
            }),
        };
        serde_json::to_writer(&mut *out, &json)?;
        out.write_all(b"\n")?;
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
