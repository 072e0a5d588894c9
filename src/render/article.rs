//! Whole articles as read from files: what `parse` prints, for a person or as JSON Lines.
//!
//! The JSON object has `path`, `line`, `id`, `date`, `headline`, `body` (paragraphs separated by
//! blank lines), `url`, `source` and `author` (null when unknown).

use std::io::{self, Write};
use std::path::Path;

use serde::Serialize;

use super::safe::{line, terminal};
use super::{display_path, json_line, wrapped};
use crate::article::Article;

/// The serialized form of an article.
#[derive(Serialize)]
struct JsonArticle<'a> {
    path: String,
    line: u64,
    id: &'a str,
    date: Option<String>,
    headline: &'a str,
    body: String,
    url: Option<&'a str>,
    source: Option<&'a str>,
    author: Option<&'a str>,
}

/// Writes one article as a JSON line.
pub fn write_json(out: &mut impl Write, article: &Article, cwd: Option<&Path>) -> io::Result<()> {
    let json = JsonArticle {
        path: display_path(&article.path, cwd).display().to_string(),
        line: article.line,
        id: &article.id,
        date: article.date.map(|d| d.format("%Y-%m-%d").to_string()),
        headline: &article.headline,
        body: article.body_text(),
        url: article.url.as_deref(),
        source: article.source.as_deref(),
        author: article.author.as_deref(),
    };
    json_line(out, &json)
}

/// Writes one article for reading: a header block, then the body as paragraphs, wrapped to
/// `width` columns when given.
pub fn write_text(
    out: &mut impl Write,
    article: &Article,
    cwd: Option<&Path>,
    width: Option<usize>,
) -> io::Result<()> {
    let path = display_path(&article.path, cwd);
    writeln!(out, "{}", wrapped(&line(&article.headline), "", width))?;
    let date = article.date.map_or_else(
        || "no date".to_string(),
        |d| d.format("%Y-%m-%d").to_string(),
    );
    writeln!(out, "date: {date}")?;
    writeln!(out, "id: {}", line(&article.id))?;
    writeln!(
        out,
        "path: {}:{}",
        line(&path.to_string_lossy()),
        article.line
    )?;
    for (label, value) in [
        ("source", &article.source),
        ("url", &article.url),
        ("author", &article.author),
    ] {
        if let Some(value) = value {
            writeln!(out, "{label}: {}", line(value))?;
        }
    }
    for paragraph in &article.body {
        writeln!(out)?;
        writeln!(
            out,
            "{}",
            wrapped(&terminal(&paragraph.text, true), "", width)
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Paragraph;
    use chrono::NaiveDate;
    use std::path::PathBuf;

    fn article() -> Article {
        Article {
            id: "x1".into(),
            path: PathBuf::from("/n/a.txt"),
            line: 1,
            date: NaiveDate::from_ymd_opt(2025, 5, 14),
            headline: "Head".into(),
            body: vec![
                Paragraph {
                    text: "One.".into(),
                    line: 3,
                },
                Paragraph {
                    text: "Two.".into(),
                    line: 5,
                },
            ],
            url: None,
            source: Some("Wire".into()),
            author: None,
        }
    }

    #[test]
    fn json_has_every_key() {
        let mut out = Vec::new();
        write_json(&mut out, &article(), Some(Path::new("/n"))).expect("write");
        let v: serde_json::Value = serde_json::from_slice(&out).expect("json");
        assert_eq!(v["path"], "a.txt");
        assert_eq!(v["body"], "One.\n\nTwo.");
        assert_eq!(v["source"], "Wire");
        assert_eq!(v["author"], serde_json::Value::Null);
        assert_eq!(v["date"], "2025-05-14");
    }

    #[test]
    fn text_lists_header_then_paragraphs() {
        let mut out = Vec::new();
        write_text(&mut out, &article(), None, None).expect("write");
        assert_eq!(
            String::from_utf8(out).expect("utf8"),
            "Head\ndate: 2025-05-14\nid: x1\npath: /n/a.txt:1\nsource: Wire\n\nOne.\n\nTwo.\n"
        );
    }
}
