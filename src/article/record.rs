//! Building an [`Article`] from the named fields of a record (JSON object, CSV row, SGML
//! element), shared by every structured format.
//!
//! A parser fills a [`RawArticle`] with the strings its source gives; [`build_article`] reads
//! the date, cleans the body into paragraphs without boilerplate, and derives a headline when
//! there is none. Which source field maps to which [`RawArticle`] field is the parser's job.

use std::path::Path;

use chrono::NaiveDate;

use super::Article;
use super::clean::{normalise_space, strip_boilerplate};
use super::date::parse_date;
use super::headline::derive_headline;
use super::text::text_paragraphs;

/// The raw values of one record, as its source states them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RawArticle {
    /// The source's own id for the article.
    pub id: Option<String>,
    /// Headline or title.
    pub headline: Option<String>,
    /// Publication date, in any form [`parse_date`] reads.
    pub date: Option<String>,
    /// Body text; paragraphs separated by blank lines or line breaks.
    pub body: Option<String>,
    /// Canonical URL.
    pub url: Option<String>,
    /// Site or publication name.
    pub source: Option<String>,
    /// Author or byline.
    pub author: Option<String>,
    /// Line of the file where `body` starts, when the body's line breaks are the file's own
    /// (CSV, SGML); `None` when they are not (JSON strings).
    pub body_line: Option<u64>,
}

/// Builds an article from a record that starts at `line` of `path`. `fallback_id` is used when
/// the record has no id of its own. Returns `None` when the record has neither headline nor
/// body text.
pub fn build_article(
    raw: RawArticle,
    fallback_id: &str,
    path: &Path,
    line: u64,
    today: NaiveDate,
) -> Option<Article> {
    let nonempty = |v: Option<String>| v.map(|s| normalise_space(&s)).filter(|s| !s.is_empty());
    let body_text = raw.body.unwrap_or_default();
    let body = strip_boilerplate(text_paragraphs(&body_text, raw.body_line, line));
    let headline = nonempty(raw.headline)
        .or_else(|| body.first().map(|p| derive_headline(&p.text)))
        .unwrap_or_default();
    if headline.is_empty() && body.is_empty() {
        return None;
    }
    Some(Article {
        id: nonempty(raw.id).unwrap_or_else(|| fallback_id.to_string()),
        path: path.to_path_buf(),
        line,
        date: raw.date.as_deref().and_then(|d| parse_date(d, today)),
        headline,
        body,
        url: nonempty(raw.url),
        source: nonempty(raw.source),
        author: nonempty(raw.author),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 28).expect("valid date")
    }

    #[test]
    fn builds_from_fields() {
        let raw = RawArticle {
            id: Some("42".into()),
            headline: Some("  Betsy DeVos  confirmed ".into()),
            date: Some("2017/2/7".into()),
            body: Some("First paragraph.\n\nSecond paragraph.\n\nShare this article".into()),
            url: Some("http://example.com/a".into()),
            source: Some("".into()),
            ..RawArticle::default()
        };
        let a = build_article(raw, "fallback", Path::new("a.csv"), 7, today()).expect("article");
        assert_eq!(a.id, "42");
        assert_eq!(a.headline, "Betsy DeVos confirmed");
        assert_eq!(a.date, NaiveDate::from_ymd_opt(2017, 2, 7));
        assert_eq!(a.body.len(), 2);
        assert!(a.body.iter().all(|p| p.line == 7));
        assert_eq!(a.source, None);
        assert_eq!(a.line, 7);
    }

    #[test]
    fn body_lines_follow_the_file_when_given() {
        let raw = RawArticle {
            body: Some("One.\n\nTwo.".into()),
            body_line: Some(10),
            ..RawArticle::default()
        };
        let a = build_article(raw, "f", Path::new("a.sgm"), 8, today()).expect("article");
        assert_eq!(a.id, "f");
        assert_eq!(a.headline, "One.");
        assert_eq!((a.body[0].line, a.body[1].line), (10, 12));
    }

    #[test]
    fn empty_record_gives_nothing() {
        assert!(build_article(RawArticle::default(), "f", Path::new("a"), 1, today()).is_none());
    }
}
