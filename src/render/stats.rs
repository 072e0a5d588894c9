//! `news-search stats` output: a short table for people, one JSON object for scripts.

use std::io::{self, Write};

use super::safe::line;
use super::{json_line, plural};
use crate::index::stats::IndexStats;

/// Writes the figures as aligned `label: value` lines.
pub fn write_text(out: &mut impl Write, stats: &IndexStats) -> io::Result<()> {
    let date = |d: Option<chrono::NaiveDate>| d.map_or_else(|| "-".to_string(), |d| d.to_string());
    writeln!(out, "articles:    {}", stats.articles)?;
    writeln!(out, "passages:    {}", stats.passages)?;
    writeln!(out, "files:       {}", stats.files)?;
    writeln!(out, "first date:  {}", date(stats.first_date))?;
    writeln!(out, "last date:   {}", date(stats.last_date))?;
    writeln!(
        out,
        "size:        {:.1} MB ({} bytes)",
        stats.bytes as f64 / 1e6,
        stats.bytes
    )?;
    writeln!(out, "segments:    {}", stats.segments)?;
    writeln!(
        out,
        "last update: {}",
        stats.last_update.as_deref().unwrap_or("-")
    )?;
    writeln!(out, "folders:")?;
    for folder in &stats.folders {
        let gone = if folder.exists {
            ""
        } else {
            " (gone: `news-search index --forget` removes it)"
        };
        writeln!(
            out,
            "  {}  {}{gone}",
            line(&folder.path),
            plural(folder.articles as usize, "article", "articles")
        )?;
    }
    if !stats.sources.is_empty() {
        writeln!(out, "sources:")?;
        let width = stats
            .sources
            .iter()
            .map(|s| s.articles.to_string().len())
            .max()
            .unwrap_or(1);
        for source in &stats.sources {
            writeln!(out, "  {:>width$}  {}", source.articles, line(&source.name))?;
        }
    }
    Ok(())
}

/// Writes the figures as one JSON object (`articles`, `passages`, `files`, `first_date`,
/// `last_date`, `bytes`, `segments`, `folders` as `{"path", "articles", "exists"}` objects,
/// `last_update`, `sources` as `{"name", "articles"}` objects, most articles first).
pub fn write_json(out: &mut impl Write, stats: &IndexStats) -> io::Result<()> {
    json_line(out, stats)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::stats::{FolderCount, SourceCount};
    use chrono::NaiveDate;

    fn stats() -> IndexStats {
        IndexStats {
            articles: 13,
            passages: 45,
            files: 13,
            first_date: NaiveDate::from_ymd_opt(2022, 6, 27),
            last_date: None,
            bytes: 1_500_000,
            segments: 2,
            folders: vec![FolderCount {
                path: "/news/corpus".into(),
                articles: 13,
                exists: true,
            }],
            last_update: None,
            sources: vec![
                SourceCount {
                    name: "Reuters".into(),
                    articles: 12,
                },
                SourceCount {
                    name: "BBC News".into(),
                    articles: 1,
                },
            ],
        }
    }

    #[test]
    fn json_keys() {
        let mut out = Vec::new();
        write_json(&mut out, &stats()).expect("write");
        let v: serde_json::Value = serde_json::from_slice(&out).expect("json");
        assert_eq!(v["articles"], 13);
        assert_eq!(v["first_date"], "2022-06-27");
        assert_eq!(v["last_date"], serde_json::Value::Null);
        assert_eq!(v["bytes"], 1_500_000);
    }

    #[test]
    fn text_lines() {
        let mut out = Vec::new();
        write_text(&mut out, &stats()).expect("write");
        let text = String::from_utf8(out).expect("utf8");
        assert!(text.contains("first date:  2022-06-27\n"));
        assert!(text.contains("size:        1.5 MB (1500000 bytes)\nsegments:    2\n"));
        assert!(text.ends_with(
            "folders:\n  /news/corpus  13 articles\nsources:\n  12  Reuters\n   1  BBC News\n"
        ));
    }
}
