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
/// the record has no id of its own. A record without headline is headlined by its lead
/// sentence, else by its URL's slug. A record with no text at all is still an article when the
/// source dates it and gives it an id or a URL (a collection's dated row is an article even if
/// its text is missing); otherwise the result is `None`.
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
    let url = nonempty(raw.url);
    let own_id = nonempty(raw.id);
    let headline = nonempty(raw.headline)
        .or_else(|| body.first().map(|p| derive_headline(&p.text)))
        .or_else(|| url.as_deref().and_then(headline_from_url))
        .unwrap_or_default();
    let date = raw.date.as_deref().and_then(|d| parse_date(d, today));
    let identified = date.is_some() && (own_id.is_some() || url.is_some());
    if headline.is_empty() && body.is_empty() && !identified {
        return None;
    }
    Some(Article {
        id: own_id.unwrap_or_else(|| fallback_id.to_string()),
        path: path.to_path_buf(),
        line,
        date,
        headline,
        body,
        url,
        source: nonempty(raw.source),
        author: nonempty(raw.author),
    })
}

/// A headline from a URL's last path segment (`/news/2017/03/syria-talks-resume-170320.html` →
/// `Syria talks resume`); `None` when the slug holds no words.
fn headline_from_url(url: &str) -> Option<String> {
    let path = url.split(['?', '#']).next().unwrap_or_default();
    let slug = path
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or_default();
    let stem = slug.split('.').next().unwrap_or_default();
    let words: Vec<&str> = stem
        .split(['-', '_', '+'])
        .filter(|w| !w.is_empty() && !w.chars().all(|c| c.is_ascii_digit()))
        .collect();
    if words.len() < 2 {
        return None;
    }
    let text = words.join(" ");
    let mut chars = text.chars();
    let first = chars.next()?;
    Some(first.to_uppercase().chain(chars).collect())
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
    fn record_with_identity_but_no_text_is_kept() {
        let raw = RawArticle {
            url: Some(
                "http://www.aljazeera.com/news/2017/03/syria-talks-resume-170320.html".into(),
            ),
            date: Some("2017/3/20".into()),
            ..RawArticle::default()
        };
        let a = build_article(raw, "f", Path::new("a.csv"), 9, today()).expect("article");
        assert_eq!(a.headline, "Syria talks resume");
        assert!(a.body.is_empty());
        let raw = RawArticle {
            id: Some("reuters-12793".into()),
            date: Some("6-MAY-1987 09:33:37.17".into()),
            ..RawArticle::default()
        };
        let a = build_article(raw, "f", Path::new("a.sgm"), 9, today()).expect("article");
        assert_eq!((a.id.as_str(), a.headline.as_str()), ("reuters-12793", ""));
    }

    #[test]
    fn empty_record_gives_nothing() {
        assert!(build_article(RawArticle::default(), "f", Path::new("a"), 1, today()).is_none());
        let undated = RawArticle {
            id: Some("2".into()),
            ..RawArticle::default()
        };
        assert!(build_article(undated, "f", Path::new("a"), 1, today()).is_none());
    }
}
