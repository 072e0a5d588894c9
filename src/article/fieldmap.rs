//! Which field of a structured record (JSON object, CSV column) fills which [`RawArticle`]
//! field, shared by the JSON, JSON Lines and CSV parsers.
//!
//! Names match case-insensitively and ignore `_`, `-` and spaces, so `published_at`,
//! `publishedAt` and `Published At` are one name. When several fields map to the same target,
//! the one listed first in `NAMES` wins, and an empty value never wins. JSON values are turned
//! into text here: numbers (epoch timestamps become `YYYY-MM-DD`), arrays (authors joined by
//! `, `, body paragraphs by blank lines) and objects (their `name`, as NewsAPI's `source`).
//! A subtitle or description beside a body becomes the body's first paragraph. Reading dates,
//! cleaning bodies and deriving headlines is left to [`super::record::build_article`].

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::clean::normalise_space;
use super::record::RawArticle;

/// One field's value as its source states it.
#[derive(Debug, Clone, Copy)]
pub enum FieldValue<'a> {
    /// Plain text, such as a CSV cell.
    Text(&'a str),
    /// A JSON value of any type.
    Json(&'a Value),
}

/// What a source field fills.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Id,
    Headline,
    Date,
    Body,
    /// Subtitle, standfirst or description: the body's first paragraph, or the body if none.
    Lead,
    Url,
    Source,
    Author,
}

/// How many [`Target`]s there are (the length of [`NAMES`]).
const TARGETS: usize = 8;

/// Normalised source field names for each target, best first.
const NAMES: [(Target, &[&str]); TARGETS] = [
    (
        Target::Id,
        &["id", "articleid", "uuid", "guid", "docid", "newid"],
    ),
    (
        Target::Headline,
        &["headline", "title", "heading", "webtitle", "name"],
    ),
    (
        Target::Date,
        &[
            "date",
            "published",
            "publishedat",
            "pubdate",
            "datepublished",
            "publishdate",
            "publicationdate",
            "createdat",
            "timestamp",
            "time",
            "datepublish",
            "webpublicationdate",
            "updated",
            "updatedat",
            "modified",
            "datemodified",
        ],
    ),
    (
        Target::Body,
        &[
            "body",
            "text",
            "content",
            "article",
            "maintext",
            "fulltext",
            "articlebody",
            "story",
            "bodytext",
            "leadparagraph",
        ],
    ),
    (
        Target::Lead,
        &[
            "subtitle",
            "standfirst",
            "description",
            "summary",
            "abstract",
        ],
    ),
    (
        Target::Url,
        &[
            "url",
            "link",
            "sourcelink",
            "articlesourcelink",
            "permalink",
            "canonicalurl",
            "weburl",
        ],
    ),
    (
        Target::Source,
        &[
            "source",
            "site",
            "sourcename",
            "publisher",
            "outlet",
            "sitename",
            "domain",
            "sourcedomain",
        ],
    ),
    (
        Target::Author,
        &["author", "byline", "authors", "creator", "writer"],
    ),
];

/// Keys whose value stands for a whole JSON object (`{"id": "bbc", "name": "BBC"}` → `BBC`).
/// `main` and `original` are the New York Times API's `headline` and `byline` objects.
const OBJECT_TEXT_KEYS: [&str; 8] = [
    "name", "main", "original", "text", "value", "$date", "url", "href",
];

/// Builds a [`RawArticle`] from a record's `(field name, value)` pairs. Unknown fields are
/// ignored; `body_line` is left `None` (the caller sets it when the body's line breaks are the
/// file's own). A missing source is taken from the URL's host.
pub fn raw_from_pairs<'a>(
    pairs: impl IntoIterator<Item = (&'a str, FieldValue<'a>)>,
) -> RawArticle {
    let mut best: [Option<(usize, String)>; TARGETS] = Default::default();
    for (name, value) in pairs {
        let Some((target, rank)) = classify(name) else {
            continue;
        };
        let Some(text) = value_text(value, target).filter(|t| !t.trim().is_empty()) else {
            continue;
        };
        let slot = &mut best[target as usize];
        if slot.as_ref().is_none_or(|(r, _)| rank < *r) {
            *slot = Some((rank, text));
        }
    }
    let mut take = |t: Target| best[t as usize].take().map(|(_, text)| text);
    let url = take(Target::Url);
    let source = take(Target::Source).or_else(|| url.as_deref().and_then(url_host));
    RawArticle {
        id: take(Target::Id),
        headline: take(Target::Headline),
        date: take(Target::Date).map(|d| epoch_date(&d).unwrap_or(d)),
        body: join_lead(take(Target::Lead), take(Target::Body)),
        url,
        source,
        author: take(Target::Author),
        body_line: None,
    }
}

/// Whether a field name gives a headline or body text, so that a record of such fields can
/// make an article.
pub fn is_content_field(name: &str) -> bool {
    matches!(
        classify(name),
        Some((Target::Headline | Target::Body | Target::Lead, _))
    )
}

/// The target a field name fills and its rank among that target's names (0 is best). A dotted
/// name `x.name` (flattened JSON such as `source.name`) counts as `x`.
fn classify(name: &str) -> Option<(Target, usize)> {
    let name = match name.rsplit_once('.') {
        Some((outer, last)) if last.eq_ignore_ascii_case("name") => outer,
        Some(_) => return None,
        None => name,
    };
    let key: String = name
        .chars()
        .filter(|c| !matches!(c, '_' | '-' | ' '))
        .flat_map(char::to_lowercase)
        .collect();
    NAMES.iter().find_map(|(target, names)| {
        names
            .iter()
            .position(|n| *n == key)
            .map(|rank| (*target, rank))
    })
}

/// The text a value gives for `target`, or `None` for null, booleans and empty containers.
fn value_text(value: FieldValue<'_>, target: Target) -> Option<String> {
    match value {
        FieldValue::Text(text) => Some(text.to_string()),
        FieldValue::Json(json) => json_text(json, target),
    }
}

/// The text of a JSON value: strings as they are, numbers as digits (a fractional epoch loses
/// its fraction), arrays joined as `target` needs, objects by their `name` or like key.
fn json_text(value: &Value, target: Target) -> Option<String> {
    match value {
        Value::Null | Value::Bool(_) => None,
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => match (n.as_i64(), n.as_f64()) {
            (Some(i), _) => Some(i.to_string()),
            (None, Some(f)) if target == Target::Date && f.is_finite() && f >= 0.0 => {
                Some(format!("{}", f.trunc()))
            }
            _ => Some(n.to_string()),
        },
        Value::Array(items) => {
            let mut parts = items
                .iter()
                .filter_map(|item| json_text(item, target))
                .filter(|t| !t.trim().is_empty());
            match target {
                Target::Body | Target::Lead => Some(parts.collect::<Vec<_>>().join("\n\n")),
                Target::Author | Target::Source => Some(parts.collect::<Vec<_>>().join(", ")),
                _ => parts.next(),
            }
        }
        Value::Object(map) => OBJECT_TEXT_KEYS
            .iter()
            .find_map(|k| map.get(*k))
            .and_then(|v| json_text(v, target)),
    }
}

/// A 10-digit epoch in seconds or 13-digit epoch in milliseconds as a `YYYY-MM-DD` UTC date.
fn epoch_date(text: &str) -> Option<String> {
    let digits = text.trim();
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let number: i64 = digits.parse().ok()?;
    let time: DateTime<Utc> = match digits.len() {
        10 => DateTime::from_timestamp(number, 0)?,
        13 => DateTime::from_timestamp_millis(number)?,
        _ => return None,
    };
    Some(time.date_naive().format("%Y-%m-%d").to_string())
}

/// The body with a subtitle or description as its first paragraph, unless the body already
/// starts with it (a trailing ellipsis on the lead is ignored); the lead alone when no body.
fn join_lead(lead: Option<String>, body: Option<String>) -> Option<String> {
    match (lead, body) {
        (Some(lead), Some(body)) => {
            let short = normalise_space(&lead);
            let short = short.trim_end_matches(['.', '…', ' ']);
            if starts_with_normalised(&body, short) {
                Some(body)
            } else {
                Some(format!("{}\n\n{body}", lead.trim()))
            }
        }
        (lead, body) => body.or(lead),
    }
}

/// Whether `text` with its white space normalised ([`normalise_space`]) starts with `prefix`,
/// normalising only as much of `text` as it takes. The normalised start of `text` is a prefix of
/// the normalised whole, so once it is as long as `prefix` the answer is known.
fn starts_with_normalised(text: &str, prefix: &str) -> bool {
    let mut cut = (prefix.len() * 2 + 64).min(text.len());
    while !text.is_char_boundary(cut) {
        cut += 1;
    }
    let start = normalise_space(&text[..cut]);
    if start.len() >= prefix.len() || cut == text.len() {
        start.starts_with(prefix)
    } else {
        normalise_space(text).starts_with(prefix)
    }
}

/// The host of an absolute URL, lower-cased and without `www.`: `abcnews.go.com`.
fn url_host(url: &str) -> Option<String> {
    let (scheme, rest) = url.trim().split_once("://")?;
    let is_scheme = !scheme.is_empty()
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if !is_scheme {
        return None;
    }
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit('@').next()?.split(':').next()?;
    let host = host.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    (host.contains('.') && !host.starts_with('.')).then(|| host.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn from_json(value: &Value) -> RawArticle {
        let map = value.as_object().expect("test value is an object");
        raw_from_pairs(map.iter().map(|(k, v)| (k.as_str(), FieldValue::Json(v))))
    }

    fn from_text<'a>(pairs: &[(&'a str, &'a str)]) -> RawArticle {
        raw_from_pairs(pairs.iter().map(|(k, v)| (*k, FieldValue::Text(v))))
    }

    #[test]
    fn a_lead_is_compared_with_the_normalised_start_of_the_body() {
        let long = "word ".repeat(100);
        let spaced = format!("{}The lead  sentence\nends here. {long}", " ".repeat(500));
        for (body, lead) in [
            (
                "The lead sentence ends here. More.",
                "The lead sentence ends here",
            ),
            ("The lead\n\nsentence", "The lead sentence"),
            ("The lead", "The lead sentence"),
            (spaced.as_str(), "The lead sentence ends here"),
            (spaced.as_str(), "The lead sentence ends there"),
            ("Zürich  ändert", "Zürich ä"),
            ("Zürich ändert", "Zürich b"),
        ] {
            assert_eq!(
                starts_with_normalised(body, lead),
                normalise_space(body).starts_with(lead),
                "{body:?} / {lead:?}"
            );
        }
    }

    #[test]
    fn names_ignore_case_and_separators() {
        for name in [
            "published_at",
            "publishedAt",
            "Published At",
            "PUBLISHED-AT",
        ] {
            assert_eq!(classify(name), Some((Target::Date, 2)), "{name}");
        }
        assert_eq!(classify("source.name"), Some((Target::Source, 0)));
        assert_eq!(classify("source.id"), None);
        assert_eq!(classify("colour"), None);
        assert!(is_content_field("Full_Text") && is_content_field("subtitle"));
        assert!(!is_content_field("url"));
    }

    #[test]
    fn newsapi_object() {
        let raw = from_json(&json!({
            "source": {"id": "bbc-news", "name": "BBC News"},
            "author": "BBC News",
            "title": "Storm hits coast",
            "description": "Winds of 100mph were recorded.",
            "url": "https://www.bbc.co.uk/news/1",
            "publishedAt": "2024-01-02T10:00:00Z",
            "content": "The storm arrived overnight… [+2000 chars]"
        }));
        assert_eq!(raw.source.as_deref(), Some("BBC News"));
        assert_eq!(raw.headline.as_deref(), Some("Storm hits coast"));
        assert_eq!(raw.date.as_deref(), Some("2024-01-02T10:00:00Z"));
        assert_eq!(
            raw.body.as_deref(),
            Some("Winds of 100mph were recorded.\n\nThe storm arrived overnight… [+2000 chars]")
        );
        assert_eq!(raw.url.as_deref(), Some("https://www.bbc.co.uk/news/1"));
        assert_eq!(raw.id, None);
    }

    #[test]
    fn earlier_names_win_and_empty_values_never_do() {
        let raw = from_text(&[
            ("name", "Name"),
            ("title", ""),
            ("heading", "Heading"),
            ("updated", "2020-01-01"),
            ("date", "2019-05-05"),
        ]);
        assert_eq!(raw.headline.as_deref(), Some("Heading"));
        assert_eq!(raw.date.as_deref(), Some("2019-05-05"));
        let raw = from_text(&[("name", "Name"), ("modified", "2020-01-01")]);
        assert_eq!(raw.headline.as_deref(), Some("Name"));
        assert_eq!(raw.date.as_deref(), Some("2020-01-01"));
    }

    #[test]
    fn numbers_and_epochs() {
        let raw = from_json(&json!({"id": 42, "timestamp": 1486425600, "text": "x"}));
        assert_eq!(raw.id.as_deref(), Some("42"));
        assert_eq!(raw.date.as_deref(), Some("2017-02-07"));
        let raw = from_json(&json!({"time": 1486425600123_i64, "text": "x"}));
        assert_eq!(raw.date.as_deref(), Some("2017-02-07"));
        let raw = from_json(&json!({"time": 1486425600.75, "text": "x"}));
        assert_eq!(raw.date.as_deref(), Some("2017-02-07"));
        let raw = from_text(&[("created_at", "1486425600"), ("text", "x")]);
        assert_eq!(raw.date.as_deref(), Some("2017-02-07"));
        let raw = from_text(&[("date", "20170207")]);
        assert_eq!(raw.date.as_deref(), Some("20170207"), "left to parse_date");
    }

    #[test]
    fn arrays_and_objects() {
        let raw = from_json(&json!({
            "authors": ["Jane Doe", {"name": "John Roe"}, "", null],
            "body": ["First.", "Second."],
            "date": {"$date": "2021-03-04"},
            "link": ["https://a.example/x", "https://b.example/y"]
        }));
        assert_eq!(raw.author.as_deref(), Some("Jane Doe, John Roe"));
        assert_eq!(raw.body.as_deref(), Some("First.\n\nSecond."));
        assert_eq!(raw.date.as_deref(), Some("2021-03-04"));
        assert_eq!(raw.url.as_deref(), Some("https://a.example/x"));
        assert_eq!(raw.source.as_deref(), Some("a.example"));
        let raw = from_json(&json!({"title": true, "text": {}, "author": []}));
        assert_eq!((raw.headline, raw.body, raw.author), (None, None, None));
    }

    #[test]
    fn lead_joins_the_body_once() {
        let raw = from_text(&[("subtitle", "Vote is tied"), ("text", "Pence voted.")]);
        assert_eq!(raw.body.as_deref(), Some("Vote is tied\n\nPence voted."));
        let raw = from_text(&[
            ("description", "Pence voted…"),
            ("text", "Pence  voted.\nMore."),
        ]);
        assert_eq!(raw.body.as_deref(), Some("Pence  voted.\nMore."));
        let raw = from_text(&[("summary", "Only a summary."), ("title", "T")]);
        assert_eq!(raw.body.as_deref(), Some("Only a summary."));
    }

    #[test]
    fn source_from_url_host() {
        let host = |u: &str| url_host(u);
        assert_eq!(
            host("http://abcnews.go.com/Politics/x?id=1").as_deref(),
            Some("abcnews.go.com")
        );
        assert_eq!(
            host("https://user@WWW.BBC.co.uk:443/news").as_deref(),
            Some("bbc.co.uk")
        );
        assert_eq!(host("/relative/path"), None);
        assert_eq!(host("javascript:void(0)"), None);
        assert_eq!(host("http://localhost/"), None);
        let raw = from_text(&[("url", "http://www.dw.com/en/a"), ("site", "DW")]);
        assert_eq!(raw.source.as_deref(), Some("DW"));
        let raw = from_text(&[("url", "http://www.dw.com/en/a")]);
        assert_eq!(raw.source.as_deref(), Some("dw.com"));
    }
}
