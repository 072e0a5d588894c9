//! The query string of an API request → the command line's search arguments, checked against
//! [`super::limits`].
//!
//! The parameters are the command line's options by name, so an API search means what the
//! same `news-search` command means: `q` (the query, `date:` clauses and query syntax
//! included), `since`, `until`, `sort` (`relevance`, `newest`, `oldest`), `source` and
//! `author` (repeatable, any of them), `all` and `words` (`1` or `true`), `by` for the
//! timeline, and `page` (from 1) and `size` for pages of results. They become a
//! [`SearchArgs`] that [`crate::config::search_request`] validates as it does for the command
//! line. An unknown parameter, one given twice that cannot repeat, or one too long is a 400
//! that names it.

use std::borrow::Cow;

use crate::cli::{ByArg, SearchArgs, SortArg};
use crate::config::{search_request, timeline_unit};
use crate::search::SearchRequest;
use crate::search::timeline::Unit;

use super::limits::{
    MAX_DEPTH, MAX_PAGE_SIZE, MAX_PARAMETERS, MAX_QUERY_BYTES, MAX_QUERY_STRING, MAX_VALUE_BYTES,
};
use super::reply::ApiError;

/// The parameters of `/api/search`.
pub const SEARCH: &[&str] = &[
    "q", "since", "until", "sort", "source", "author", "all", "words", "page", "size",
];
/// The parameters of `/api/timeline`.
pub const TIMELINE: &[&str] = &["q", "since", "until", "source", "author", "words", "by"];
/// The parameters of `/api/facets`.
pub const FACETS: &[&str] = &["q", "since", "until", "source", "author", "words"];
/// The parameters of `/api/article/{id}`: the query whose words are marked.
pub const ARTICLE: &[&str] = &["q", "words"];
/// Parameters that may be given more than once (any of the values will do).
const REPEATABLE: &[&str] = &["source", "author"];
/// Results per page unless `size` says otherwise.
pub const DEFAULT_PAGE_SIZE: usize = 10;

/// Which page of results.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    /// Its number, from 1.
    pub number: usize,
    /// Results per page.
    pub size: usize,
}

/// The parameters of one request, in order, decoded.
#[derive(Debug, Clone, Default)]
pub struct Params {
    pairs: Vec<(String, String)>,
}

impl Params {
    /// Decodes a query string, refusing parameters not in `allowed`, repeated ones that
    /// cannot repeat and values over the limits.
    pub fn parse(raw: Option<&str>, allowed: &[&str]) -> Result<Params, ApiError> {
        let raw = raw.unwrap_or_default();
        if raw.len() > MAX_QUERY_STRING {
            return Err(ApiError {
                status: axum::http::StatusCode::URI_TOO_LONG,
                message: format!(
                    "the query string is {} bytes long; at most {MAX_QUERY_STRING} are allowed",
                    raw.len()
                ),
            });
        }
        let mut pairs: Vec<(String, String)> = Vec::new();
        for (key, value) in form_urlencoded::parse(raw.as_bytes()) {
            if !allowed.contains(&key.as_ref()) {
                return Err(ApiError::bad_request(format!(
                    "unknown parameter `{}`; this address takes {}",
                    clip(&key),
                    allowed.join(", ")
                )));
            }
            let most = if key == "q" {
                MAX_QUERY_BYTES
            } else {
                MAX_VALUE_BYTES
            };
            if value.len() > most {
                return Err(ApiError::bad_request(format!(
                    "`{key}` is {} bytes long; at most {most} are allowed",
                    value.len()
                )));
            }
            if !REPEATABLE.contains(&key.as_ref()) && pairs.iter().any(|(k, _)| *k == key) {
                return Err(ApiError::bad_request(format!("`{key}` is given twice")));
            }
            if pairs.len() == MAX_PARAMETERS {
                return Err(ApiError::bad_request(format!(
                    "more than {MAX_PARAMETERS} parameters"
                )));
            }
            pairs.push((key.into_owned(), value.into_owned()));
        }
        Ok(Params { pairs })
    }

    /// The value of a parameter given once, if given and not blank.
    pub fn one(&self, key: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(k, v)| k == key && !v.trim().is_empty())
            .map(|(_, v)| v.as_str())
    }

    /// Every non-blank value of a repeatable parameter.
    fn all(&self, key: &str) -> Vec<String> {
        self.pairs
            .iter()
            .filter(|(k, v)| k == key && !v.trim().is_empty())
            .map(|(_, v)| v.clone())
            .collect()
    }

    /// A yes-or-no parameter: `1`/`true`, `0`/`false`, or absent (no).
    fn flag(&self, key: &str) -> Result<bool, ApiError> {
        match self.one(key) {
            None | Some("0" | "false") => Ok(false),
            Some("1" | "true") => Ok(true),
            Some(other) => Err(ApiError::bad_request(format!(
                "`{key}` takes 1 or 0, not `{}`",
                clip(other)
            ))),
        }
    }

    /// A whole number in `range`, or `default` when absent.
    fn number(
        &self,
        key: &str,
        default: usize,
        range: std::ops::RangeInclusive<usize>,
        what: &str,
    ) -> Result<usize, ApiError> {
        let Some(text) = self.one(key) else {
            return Ok(default);
        };
        match text.trim().parse::<usize>() {
            Ok(n) if range.contains(&n) => Ok(n),
            _ => Err(ApiError::bad_request(format!(
                "`{key}` takes {} to {} {what}, not `{}`",
                range.start(),
                range.end(),
                clip(text)
            ))),
        }
    }

    /// The page asked for: `page` from 1, `size` up to [`MAX_PAGE_SIZE`], no deeper than
    /// [`MAX_DEPTH`].
    pub fn page(&self) -> Result<Page, ApiError> {
        let size = self.number(
            "size",
            DEFAULT_PAGE_SIZE,
            1..=MAX_PAGE_SIZE,
            "results per page",
        )?;
        let number = self.number("page", 1, 1..=MAX_DEPTH / size, "(pages of this size)")?;
        Ok(Page { number, size })
    }

    /// The search the parameters ask for, as the command line would make it; `timeline`
    /// allows a query with no words and no dates (the whole index over time).
    pub fn search_request(&self, timeline: bool) -> Result<SearchRequest, ApiError> {
        let query = self.one("q").unwrap_or_default().to_string();
        let args = SearchArgs {
            query: vec![query.clone()],
            words: self.flag("words")?,
            source: self.all("source"),
            author: self.all("author"),
            all: self.flag("all")?,
            since: self.one("since").map(str::to_string),
            until: self.one("until").map(str::to_string),
            limit: DEFAULT_PAGE_SIZE,
            per_article: 1,
            sort: self.sort()?,
            timeline,
            ..SearchArgs::default()
        };
        let nothing = query.trim().is_empty()
            && args.since.is_none()
            && args.until.is_none()
            && args.source.is_empty()
            && args.author.is_empty();
        if nothing && !timeline {
            return Err(ApiError::bad_request(
                "no query given: add q=WORDS (or since, until or source to list articles)",
            ));
        }
        search_request(&args).map_err(|err| ApiError::bad_request(format!("{err:#}")))
    }

    /// `sort`: `relevance` (the default), `newest` or `oldest`.
    fn sort(&self) -> Result<SortArg, ApiError> {
        match self.one("sort") {
            None | Some("relevance") => Ok(SortArg::Relevance),
            Some("newest") => Ok(SortArg::Newest),
            Some("oldest") => Ok(SortArg::Oldest),
            Some(other) => Err(ApiError::bad_request(format!(
                "`sort` takes relevance, newest or oldest, not `{}`",
                clip(other)
            ))),
        }
    }

    /// `by`: the timeline's bucket size (`day`, `week`, `month`, `year`), or chosen from the
    /// matches when absent.
    pub fn unit(&self) -> Result<Option<Unit>, ApiError> {
        let by = match self.one("by") {
            None => return Ok(None),
            Some("day") => ByArg::Day,
            Some("week") => ByArg::Week,
            Some("month") => ByArg::Month,
            Some("year") => ByArg::Year,
            Some(other) => {
                return Err(ApiError::bad_request(format!(
                    "`by` takes day, week, month or year, not `{}`",
                    clip(other)
                )));
            }
        };
        Ok(timeline_unit(Some(by)))
    }
}

/// At most the first 40 characters of a value, for an error message.
fn clip(text: &str) -> Cow<'_, str> {
    match text.char_indices().nth(40) {
        Some((at, _)) => Cow::Owned(format!("{}…", &text[..at])),
        None => Cow::Borrowed(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(raw: &str) -> Result<Params, ApiError> {
        Params::parse(Some(raw), SEARCH)
    }

    fn message(result: Result<impl std::fmt::Debug, ApiError>) -> String {
        match result {
            Ok(value) => panic!("should fail, got {value:?}"),
            Err(err) => err.message,
        }
    }

    #[test]
    fn parameters_are_the_command_line_options() {
        let params =
            parse("q=export+controls&since=2025-01&sort=newest&source=a&source=b").expect("parse");
        let request = params.search_request(false).expect("request");
        assert_eq!(request.query, "export controls");
        assert_eq!(request.filters.sources, ["a", "b"]);
        assert_eq!(request.sort, crate::search::Sort::Newest);
        assert!(request.window.since.is_some());
        assert_eq!(
            params.page().expect("page"),
            Page {
                number: 1,
                size: 10
            }
        );
    }

    #[test]
    fn unknown_repeated_and_long_parameters_are_refused() {
        assert!(message(parse("q=a&limit=5")).contains("unknown parameter `limit`"));
        assert!(message(parse("q=a&q=b")).contains("`q` is given twice"));
        let long = format!("q={}", "a".repeat(MAX_QUERY_BYTES + 1));
        assert!(message(parse(&long)).contains("at most 2000"));
        let huge = format!("q={}", "a".repeat(MAX_QUERY_STRING + 1));
        assert_eq!(
            parse(&huge).map(|_| ()).map_err(|e| e.status),
            Err(axum::http::StatusCode::URI_TOO_LONG)
        );
    }

    #[test]
    fn pages_are_bounded() {
        let page = |raw: &str| parse(raw).and_then(|p| p.page());
        assert_eq!(
            page("page=3&size=20"),
            Ok(Page {
                number: 3,
                size: 20
            })
        );
        assert!(message(page("size=101")).contains("`size` takes 1 to 100"));
        assert!(message(page("size=0")).contains("`size` takes 1 to 100"));
        assert!(message(page("page=0")).contains("`page` takes 1 to 1000"));
        assert!(message(page("size=100&page=101")).contains("`page` takes 1 to 100"));
    }

    #[test]
    fn a_search_needs_something_to_look_for() {
        let empty = parse("sort=newest").expect("parse");
        assert!(message(empty.search_request(false)).contains("no query given"));
        assert!(empty.search_request(true).is_ok());
        let dates = parse("q=oil&since=2025-13").expect("parse");
        assert!(message(dates.search_request(false)).contains("2025-13"));
        assert!(message(parse("sort=best").expect("parse").sort()).contains("`best`"));
    }
}
