//! The JSON API. Every answer is one JSON object with `"v": 1` first; the rows inside are the
//! command line's own `--json` rows, written by the same renderers:
//!
//! - `/api/search`: `count` (articles matching, as `--count`), `page`, `size`, `pages`, and
//!   `hits`, the rows `news-search --json -n (page × size)` prints, less those of the pages
//!   before; `notice` when the query has no searchable word.
//! - `/api/timeline`: `unit`, `count`, `peak` and `buckets`, the rows of `--timeline --json`.
//! - `/api/facets`: `sources` (`name`, `count`, most first) and `years`, the rows of
//!   `--timeline --by year --json`.
//! - `/api/article/{id}`: `articles`, each with the keys of `show --json` read from the index,
//!   plus `passages` (`text`, `line`, `highlights` as byte ranges for the query `q`).
//! - `/healthz`: `status` and the number of `articles`.
//!
//! Parameters are read by [`super::params`]; failures are [`ApiError`]s.

use std::path::{Path as FilePath, PathBuf};
use std::sync::Arc;

use anyhow::{Context, Result};
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Serialize;
use serde_json::value::RawValue;

use super::App;
use super::params::{self, Page, Params};
use super::reply::{ApiError, json};
use crate::article::{Article, Paragraph};
use crate::render;
use crate::search::browse::all_articles;
use crate::search::query::NoWords;
use crate::search::stored::StoredArticle;
use crate::search::{
    SearchRequest, article_passages, search_counted, search_facets, search_timeline,
};

/// `/api/search`.
#[derive(Serialize)]
struct SearchAnswer {
    count: usize,
    page: usize,
    size: usize,
    pages: usize,
    hits: Vec<Box<RawValue>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    notice: Option<String>,
}

/// `/api/timeline`.
#[derive(Serialize)]
struct TimelineAnswer {
    unit: &'static str,
    count: usize,
    peak: usize,
    buckets: Vec<Box<RawValue>>,
}

/// A source and its matching articles, in `/api/facets`.
#[derive(Serialize)]
struct SourceRow {
    name: String,
    count: usize,
}

/// `/api/facets`.
#[derive(Serialize)]
struct FacetsAnswer {
    sources: Vec<SourceRow>,
    years: Vec<Box<RawValue>>,
}

/// A passage of an article, in `/api/article/{id}`.
#[derive(Serialize)]
struct PassageRow<'a> {
    text: &'a str,
    line: u64,
    highlights: &'a [(usize, usize)],
}

/// `/api/article/{id}`.
#[derive(Serialize)]
struct ArticleAnswer {
    articles: Vec<Box<RawValue>>,
}

/// `/healthz`.
#[derive(Serialize)]
struct Health {
    status: &'static str,
    articles: usize,
}

/// `/api/search?q=…`: a page of hits and how many articles match.
pub async fn search(
    State(app): State<Arc<App>>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let params = Params::parse(raw.as_deref(), params::SEARCH)?;
    let page = params.page()?;
    let mut request = params.search_request(false)?;
    request.limit = page.size;
    request.offset = (page.number - 1) * page.size;
    let answer = gated(&app, move |app| search_page(app, &request, page)).await?;
    Ok(json(StatusCode::OK, &answer))
}

/// Runs a page's search and renders its rows.
fn search_page(app: &App, request: &SearchRequest, page: Page) -> Result<SearchAnswer, ApiError> {
    let (hits, count, notice) = match search_counted(&app.index, request) {
        Ok((hits, count)) => (hits, count, None),
        Err(err) if err.downcast_ref::<NoWords>().is_some() => {
            (Vec::new(), 0, Some(err.to_string()))
        }
        Err(err) => return Err(ApiError::internal(&err)),
    };
    let mut rows = Vec::new();
    render::json::write_hits(&mut rows, &hits, app.cwd.as_deref())
        .map_err(|err| ApiError::internal(&err.into()))?;
    Ok(SearchAnswer {
        count,
        page: page.number,
        size: page.size,
        pages: count.min(super::limits::MAX_DEPTH).div_ceil(page.size),
        hits: raw_rows(rows)?,
        notice,
    })
}

/// `/api/timeline?q=…`: every matching article counted over time.
pub async fn timeline(
    State(app): State<Arc<App>>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let params = Params::parse(raw.as_deref(), params::TIMELINE)?;
    let unit = params.unit()?;
    let request = params.search_request(true)?;
    let answer = gated(&app, move |app| {
        let timeline = match search_timeline(&app.index, &request, unit) {
            Err(err) if err.downcast_ref::<NoWords>().is_some() => {
                crate::search::timeline::bucket_dates(&[], unit)
            }
            other => other.map_err(|err| ApiError::internal(&err))?,
        };
        let mut rows = Vec::new();
        render::timeline::write_json(&mut rows, &timeline)
            .map_err(|err| ApiError::internal(&err.into()))?;
        Ok(TimelineAnswer {
            unit: timeline.unit.name(),
            count: timeline.total(),
            peak: timeline.peak(),
            buckets: raw_rows(rows)?,
        })
    })
    .await?;
    Ok(json(StatusCode::OK, &answer))
}

/// `/api/facets?q=…`: matching articles per source and per year.
pub async fn facets(
    State(app): State<Arc<App>>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let params = Params::parse(raw.as_deref(), params::FACETS)?;
    let request = params.search_request(true)?;
    let answer = gated(&app, move |app| {
        let facets = match search_facets(&app.index, &request) {
            Err(err) if err.downcast_ref::<NoWords>().is_some() => {
                return Ok(FacetsAnswer {
                    sources: Vec::new(),
                    years: Vec::new(),
                });
            }
            other => other.map_err(|err| ApiError::internal(&err))?,
        };
        let mut rows = Vec::new();
        render::timeline::write_json(&mut rows, &facets.years)
            .map_err(|err| ApiError::internal(&err.into()))?;
        Ok(FacetsAnswer {
            sources: facets
                .sources
                .into_iter()
                .map(|s| SourceRow {
                    name: s.name,
                    count: s.count,
                })
                .collect(),
            years: raw_rows(rows)?,
        })
    })
    .await?;
    Ok(json(StatusCode::OK, &answer))
}

/// `/api/article/{id}?q=…`: the whole article from the index, the query's words marked.
pub async fn article(
    State(app): State<Arc<App>>,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let params = Params::parse(raw.as_deref(), params::ARTICLE)?;
    let mut request = params.search_request(true)?;
    request.limit = 1;
    let id = id.trim().to_string();
    if id.is_empty() || id.len() > super::limits::MAX_VALUE_BYTES {
        return Err(ApiError::bad_request(
            "an article id is 1 to 200 bytes long",
        ));
    }
    let answer = gated(&app, move |app| {
        let found =
            article_passages(&app.index, &id, &request).map_err(|err| ApiError::internal(&err))?;
        if found.is_empty() {
            return Ok(None);
        }
        let articles = found
            .iter()
            .map(|found| article_row(&found.article, &found.marks, app.cwd.as_deref()))
            .collect::<Result<_>>()
            .map_err(|err| ApiError::internal(&err))?;
        Ok(Some(ArticleAnswer { articles }))
    })
    .await?;
    match answer {
        Some(answer) => Ok(json(StatusCode::OK, &answer)),
        None => Err(ApiError::not_found(
            "no article with this id in the index; ids are shown by each search hit",
        )),
    }
}

/// `/healthz`: the index can be read, and how many articles it holds.
pub async fn health(State(app): State<Arc<App>>) -> Result<Response, ApiError> {
    let articles = gated(&app, |app| {
        article_count(app).map_err(|err| ApiError::internal(&err))
    })
    .await?;
    Ok(json(
        StatusCode::OK,
        &Health {
            status: "ok",
            articles,
        },
    ))
}

/// Runs `job` with the server's state on a blocking thread behind the gate ([`Gate::run`]).
///
/// [`Gate::run`]: super::limits::Gate::run
async fn gated<T, F>(app: &Arc<App>, job: F) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce(&App) -> Result<T, ApiError> + Send + 'static,
{
    let shared = app.clone();
    app.gate.run(move || job(&shared)).await?
}

/// The live articles of the index's last commit.
fn article_count(app: &App) -> Result<usize> {
    let searcher = app.index.searcher()?;
    searcher
        .search(
            &*all_articles(&app.index.fields),
            &tantivy::collector::Count,
        )
        .context("counting articles")
}

/// An article's row: `show --json`'s keys for the article as the index holds it, and its
/// passages with their marks.
fn article_row(
    stored: &StoredArticle,
    marks: &[Vec<(usize, usize)>],
    cwd: Option<&FilePath>,
) -> Result<Box<RawValue>> {
    let article = Article {
        id: stored.id.clone(),
        path: PathBuf::from(&stored.path),
        line: stored.line(0),
        date: stored.date,
        headline: stored.headline.clone(),
        body: stored
            .passages
            .iter()
            .enumerate()
            .map(|(i, text)| Paragraph {
                text: text.clone(),
                line: stored.line(i),
            })
            .collect(),
        url: stored.url.clone(),
        source: stored.source.clone(),
        author: stored.author.clone(),
    };
    let mut line = Vec::new();
    render::article::write_json(&mut line, &article, cwd)?;
    let mut row: serde_json::Map<String, serde_json::Value> =
        serde_json::from_slice(&line).context("reading back an article row")?;
    let passages: Vec<PassageRow> = stored
        .passages
        .iter()
        .enumerate()
        .map(|(i, text)| PassageRow {
            text,
            line: stored.line(i),
            highlights: marks.get(i).map_or(&[], Vec::as_slice),
        })
        .collect();
    row.insert("passages".to_string(), serde_json::to_value(passages)?);
    Ok(RawValue::from_string(serde_json::to_string(&row)?)?)
}

/// JSON Lines as rows to embed unchanged.
fn raw_rows(lines: Vec<u8>) -> Result<Vec<Box<RawValue>>, ApiError> {
    let text = String::from_utf8(lines).map_err(|err| ApiError::internal(&err.into()))?;
    text.lines()
        .map(|line| {
            RawValue::from_string(line.to_string()).map_err(|err| ApiError::internal(&err.into()))
        })
        .collect()
}
