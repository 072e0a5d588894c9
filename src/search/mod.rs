//! Search: a query and a date window → ranked hits, one passage each, with snippets.
//!
//! The index holds one document per article. A query ([`query`]) decides which articles match
//! and scores them by BM25 over their whole text ([`statistics`]); for plain words the best of
//! them are re-ranked with their headlines, the proximity of the words and pseudo-relevance
//! feedback ([`rerank`]). Copies of a story are folded into its best-ranked article
//! ([`copies`]). Only for the articles returned is stored text read: their passages are scored
//! for the query and the best shown ([`passages`]), with a snippet ([`snippet`]). With
//! `--sort newest|oldest` every matching article is collected and ordered by date instead
//! ([`by_date`]); [`timeline`] counts them over time; [`count`] counts them. A query with no
//! words but a date window lists the window ([`browse`]). Printing is left to
//! [`crate::render`].

pub mod articles;
pub mod browse;
pub mod by_date;
pub mod copies;
pub mod explain;
pub mod facets;
pub mod passages;
pub mod period;
pub mod query;
pub mod reading;
pub mod rerank;
pub mod snippet;
pub mod statistics;
pub mod stored;
pub mod timeline;
pub mod two_of;
pub mod words;

use std::path::PathBuf;

use anyhow::{Context, Result};
use chrono::NaiveDate;
use tantivy::collector::{Count, TopDocs};
use tantivy::columnar::Column;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{DocAddress, Searcher};

use crate::index::NewsIndex;
use crate::index::schema::news_analyzer;
use browse::browse_plan;
use by_date::date_groups;
use copies::{Candidate, Group, fold_copies};
use passages::rank_passages;
use period::DateWindow;
use query::{Filters, QueryPlan, build_query};
use reading::Reading;
use rerank::{RERANK_DEPTH, Ranking, Scored, rerank};
use snippet::make_snippet;
use statistics::ArticleStatistics;
use stored::{StoredArticle, read_article};
use words::ALL_WORDS_UP_TO;

/// The order of the hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Best article first (the default).
    #[default]
    Relevance,
    /// Latest publication date first; undated articles last.
    Newest,
    /// Earliest publication date first; undated articles last.
    Oldest,
}

impl Sort {
    /// The order's name, as `--sort` takes it.
    pub fn name(self) -> &'static str {
        match self {
            Sort::Relevance => "relevance",
            Sort::Newest => "newest",
            Sort::Oldest => "oldest",
        }
    }
}

/// What to search for.
#[derive(Debug, Clone)]
pub struct SearchRequest {
    /// The query text as typed, without `date:` clauses ([`reading`] says how it is read);
    /// empty: every article in the date window.
    pub query: String,
    /// Read the query as plain words only, whatever it holds (`--words`).
    pub words_only: bool,
    /// `--source`, `--author`, `--path`.
    pub filters: Filters,
    /// Publication dates to keep.
    pub window: DateWindow,
    /// Most articles to return.
    pub limit: usize,
    /// Articles to pass over before the first returned, for the pages after the first: the
    /// search ranks `offset + limit` articles as `-n` would and returns the last `limit`, so
    /// page 3 of 10 is rows 21 to 30 of `-n 30` (0 for every command-line search).
    pub offset: usize,
    /// Most passages to return per article.
    pub per_article: usize,
    /// Show every copy of a story instead of folding copies together.
    pub all: bool,
    /// The order of the hits.
    pub sort: Sort,
    /// Attach the parts of each hit's score (`--explain`).
    pub explain: bool,
    /// The re-ranking parts to use (all but to measure them).
    pub ranking: Ranking,
}

impl SearchRequest {
    /// How many articles the search ranks: those passed over and those returned.
    pub fn ranked(&self) -> usize {
        self.offset.saturating_add(self.limit)
    }

    /// How the query text is read: as query syntax where well formed, or as plain words only
    /// with `--words` ([`reading`]).
    pub fn reading(&self) -> Reading {
        if self.words_only {
            Reading::words(&self.query)
        } else {
            Reading::of(&self.query)
        }
    }
}

/// The parts of a hit's score (`--explain`).
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreParts {
    /// For plain words: BM25 over the whole article and the re-ranking parts (see
    /// [`rerank::Scored::total`]); `None` for query syntax, ranked by BM25 alone.
    pub article: Option<Scored>,
    /// The shown passage's own score among the article's passages ([`passages`]).
    pub passage: f32,
}

/// Another place where the same story (or a near-copy) was found.
#[derive(Debug, Clone, PartialEq)]
pub struct Copy {
    /// The copy's article id.
    pub id: String,
    /// Its file.
    pub path: PathBuf,
    /// The line where its best passage starts.
    pub line: u64,
}

/// One passage that matched, ready to render.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// The article's id.
    pub id: String,
    /// The file the article was read from.
    pub path: PathBuf,
    /// The line where the passage starts in its file.
    pub line: u64,
    /// Position of the passage in its article.
    pub ordinal: u64,
    /// The article's date, when known.
    pub date: Option<NaiveDate>,
    /// The article's headline.
    pub headline: String,
    /// The excerpt shown.
    pub snippet: String,
    /// Byte ranges of `snippet` to highlight.
    pub highlights: Vec<(usize, usize)>,
    /// Ranking score, higher is better: BM25 over the whole article, plus the re-ranking parts
    /// for plain words ([`rerank`]); comparable within one search only.
    pub score: f32,
    /// The article's URL, when known.
    pub url: Option<String>,
    /// The article's source, when known.
    pub source: Option<String>,
    /// Copies of the same story elsewhere (empty with `--all`).
    pub also_in: Vec<Copy>,
    /// The parts of the score, with `--explain`.
    pub explain: Option<ScoreParts>,
}

/// Runs a search and returns its hits, in the order the request asks.
pub fn search(index: &NewsIndex, request: &SearchRequest) -> Result<Vec<Hit>> {
    let searcher = index.searcher()?;
    let plan = plan(index, &searcher, request)?;
    Ok(hits_of(index, &searcher, &plan, request, false)?.0)
}

/// Runs a search and counts the articles it matches, on one reading of the index: the hits and
/// what they are "of" (`10 of 1,841 articles`).
pub fn search_counted(index: &NewsIndex, request: &SearchRequest) -> Result<(Vec<Hit>, usize)> {
    let searcher = index.searcher()?;
    let plan = plan(index, &searcher, request)?;
    let (hits, counted) = hits_of(index, &searcher, &plan, request, true)?;
    let matched = match counted {
        _ if hits.is_empty() && request.offset == 0 => 0,
        Some(matched) => matched,
        None => count_matches(index, &searcher, &plan, request)?,
    };
    Ok((hits, matched))
}

/// Counts the articles a request matches (copies counted apart): what `--count` prints.
pub fn count(index: &NewsIndex, request: &SearchRequest) -> Result<usize> {
    let searcher = index.searcher()?;
    let plan = plan(index, &searcher, request)?;
    count_matches(index, &searcher, &plan, request)
}

/// The hits of a planned search; with `counting`, also the number of matches when the search
/// could count them in the same pass (see [`counts_apart`]).
fn hits_of(
    index: &NewsIndex,
    searcher: &Searcher,
    plan: &QueryPlan,
    request: &SearchRequest,
    counting: bool,
) -> Result<(Vec<Hit>, Option<usize>)> {
    if request.limit == 0 {
        return Ok((Vec::new(), None));
    }
    let count_too = counting && !counts_apart(plan, request);
    let sort = match request.sort {
        // Nothing to rank by (filters alone): list by date, as a date window alone is.
        Sort::Relevance if !plan.scored() => Sort::Newest,
        sort => sort,
    };
    let (groups, counted) = match sort {
        Sort::Relevance => relevance_groups(index, searcher, plan, request, count_too)?,
        Sort::Newest => (
            date_groups(index, searcher, matches(searcher, plan)?, request, true)?,
            None,
        ),
        Sort::Oldest => (
            date_groups(index, searcher, matches(searcher, plan)?, request, false)?,
            None,
        ),
    };
    // The articles of earlier pages were ranked to place this page's; only this page's are
    // read from the store.
    let shown = groups.into_iter().skip(request.offset).collect();
    Ok((into_hits(index, searcher, shown, plan, request)?, counted))
}

/// Whether the matches are best counted apart from the ranking: for one or two plain words
/// without a date window, tantivy skips most matches when ranking (block-max WAND), which
/// counting in the same pass would forbid, and their count is cheap alone. Other queries
/// (phrases, a date window, longer queries) visit every match to rank anyway: counting in that
/// pass saves a second one.
fn counts_apart(plan: &QueryPlan, request: &SearchRequest) -> bool {
    plan.plain && (1..=ALL_WORDS_UP_TO).contains(&plan.words.len()) && request.window.is_open()
}

/// Counts the articles a planned search matches.
fn count_matches(
    index: &NewsIndex,
    searcher: &Searcher,
    plan: &QueryPlan,
    request: &SearchRequest,
) -> Result<usize> {
    if let [word] = plan.words.as_slice()
        && plan.plain
        && request.window.is_open()
        && searcher.segment_readers().iter().all(|r| !r.has_deletes())
    {
        // One word, no date window, nothing deleted: the word's document frequency is the
        // count, without walking its postings (750k of them for `said` at 1M articles).
        let term = tantivy::Term::from_field_text(index.fields.body, &word.term);
        let docs = searcher
            .doc_freq(&term)
            .context("counting matching articles")?;
        return Ok(usize::try_from(docs).unwrap_or(usize::MAX));
    }
    if plan.two_of {
        // None holding two of the words: the relaxed query's matches are counted below.
        let matched = two_of::count(searcher, &plan.words, index.fields.body)?;
        if matched > 0 {
            return Ok(matched);
        }
    }
    searcher
        .search(matches(searcher, plan)?, &Count)
        .context("counting matching articles")
}

/// Counts every article the request matches over time (`--timeline`), in buckets of `unit`
/// (chosen from the span of the matches when `None`).
pub fn search_timeline(
    index: &NewsIndex,
    request: &SearchRequest,
    unit: Option<timeline::Unit>,
) -> Result<timeline::Timeline> {
    let searcher = index.searcher()?;
    let plan = plan(index, &searcher, request)?;
    timeline::timeline(index, &searcher, matches(&searcher, &plan)?, unit)
}

/// Counts the articles a request matches per source and per year (the web page's facets).
pub fn search_facets(index: &NewsIndex, request: &SearchRequest) -> Result<facets::Facets> {
    let searcher = index.searcher()?;
    let plan = plan(index, &searcher, request)?;
    facets::facets(index, &searcher, matches(&searcher, &plan)?)
}

/// Every indexed article with this id, read from the index, each passage with the byte ranges
/// the request's query highlights (none for an empty query).
pub fn article_passages(
    index: &NewsIndex,
    id: &str,
    request: &SearchRequest,
) -> Result<Vec<stored::MarkedArticle>> {
    let searcher = index.searcher()?;
    let articles = stored::articles_of_id(index, &searcher, id)?;
    // A query of stop words only highlights nothing, as it finds nothing.
    let highlight = match plan(index, &searcher, request) {
        Ok(plan) => plan.highlight,
        Err(err) if err.downcast_ref::<query::NoWords>().is_some() => query::Highlight::default(),
        Err(err) => return Err(err),
    };
    let mut analyzer = news_analyzer();
    Ok(articles
        .into_iter()
        .map(|article| {
            let marks = article
                .passages
                .iter()
                .map(|text| snippet::mark_terms(text, &mut analyzer, &highlight))
                .collect();
            stored::MarkedArticle { article, marks }
        })
        .collect())
}

/// The query whose matches are the results: the plan's, or its relaxed form when a long query
/// has no article holding the required share of its words.
fn matches<'a>(searcher: &Searcher, plan: &'a QueryPlan) -> Result<&'a dyn tantivy::query::Query> {
    match &plan.relaxed {
        Some(relaxed) if !has_match(searcher, &*plan.matches)? => Ok(&**relaxed),
        _ => Ok(&*plan.matches),
    }
}

/// Whether `query` matches any live article: the first match of each segment, not a count.
fn has_match(searcher: &Searcher, query: &dyn tantivy::query::Query) -> Result<bool> {
    let weight = query
        .weight(tantivy::query::EnableScoring::disabled_from_searcher(
            searcher,
        ))
        .context("preparing the search")?;
    for reader in searcher.segment_readers() {
        let mut scorer = weight.scorer(reader, 1.0).context("running the search")?;
        let mut doc = scorer.doc();
        while doc != tantivy::TERMINATED {
            if reader
                .alive_bitset()
                .is_none_or(|alive| alive.is_alive(doc))
            {
                return Ok(true);
            }
            doc = scorer.advance();
        }
    }
    Ok(false)
}

/// The query to run: the user's words and filters, or every article in the window when there
/// are none.
fn plan(index: &NewsIndex, searcher: &Searcher, request: &SearchRequest) -> Result<QueryPlan> {
    let mut reading = request.reading();
    reading.items.extend(request.filters.items());
    if reading.items.is_empty() {
        return browse_plan(searcher, &index.fields, &request.window);
    }
    build_query(
        index,
        searcher,
        &reading,
        &request.window,
        request.ranking.min_match,
    )
}

/// The best articles by score: the first pass's best (twice as many as asked for, and at least
/// [`RERANK_DEPTH`]), re-ranked for plain words, copies folded.
fn relevance_groups(
    index: &NewsIndex,
    searcher: &Searcher,
    plan: &QueryPlan,
    request: &SearchRequest,
    counting: bool,
) -> Result<(Vec<Group<DocAddress>>, Option<usize>)> {
    let statistics = ArticleStatistics::new(searcher, &index.fields)?;
    let depth = request.ranked().saturating_mul(2).max(RERANK_DEPTH);
    let (mut top, mut counted) = if plan.two_of {
        let body = index.fields.body;
        let top = two_of::best_articles(searcher, &statistics, &plan.words, body, depth)?;
        let counted = counting
            .then(|| two_of::count(searcher, &plan.words, body))
            .transpose()?;
        (top, counted)
    } else {
        top_articles(searcher, &statistics, &*plan.matches, depth, counting)?
    };
    if top.is_empty()
        && let Some(relaxed) = &plan.relaxed
    {
        (top, counted) = top_articles(searcher, &statistics, &**relaxed, depth, counting)?;
    }
    let mut pool: Vec<Scored> = top
        .into_iter()
        .map(|(score, address)| Scored::new(score, address))
        .collect();
    let reranked = !plan.words.is_empty();
    if reranked {
        rerank(
            searcher,
            &statistics,
            &index.fields,
            &plan.words,
            &mut news_analyzer(),
            &mut pool,
            request.ranking,
        )?;
    }
    let columns = segment_columns(searcher)?;
    let mut candidates: Vec<Candidate<DocAddress>> = pool
        .into_iter()
        .map(|scored| {
            let mut candidate = fast_candidate(&columns, scored.total(), scored.address);
            candidate.parts = reranked.then_some(scored);
            candidate
        })
        .collect();
    candidates.sort_by(|a, b| b.score.total_cmp(&a.score));
    // Equal scores in the order of the articles' keys, not of where their documents sit: the
    // same index content ranks the same however the indexing threads split it into segments.
    // Keys are read for ties only: each read is a page of a column that a search may not
    // otherwise touch.
    for tied in candidates.chunk_by_mut(|a, b| a.score.total_cmp(&b.score).is_eq()) {
        if tied.len() > 1 {
            tied.sort_by_cached_key(|c| article_key(&columns, c.item));
        }
    }
    Ok((
        fold_copies(candidates, request.ranked(), !request.all),
        counted,
    ))
}

/// Articles by score, best first.
type Ranked = Vec<(f32, DocAddress)>;

/// The best `limit` articles for `query` by BM25 over the article statistics, and with
/// `counting` the number of its matches, counted in the same pass.
fn top_articles(
    searcher: &Searcher,
    statistics: &ArticleStatistics,
    query: &dyn tantivy::query::Query,
    limit: usize,
    counting: bool,
) -> Result<(Ranked, Option<usize>)> {
    let top = TopDocs::with_limit(limit.max(1)).order_by_score();
    if counting {
        let (top, matched) = searcher
            .search_with_statistics_provider(query, &(top, Count), statistics)
            .context("running the search")?;
        return Ok((top, Some(matched)));
    }
    let top = searcher
        .search_with_statistics_provider(query, &top, statistics)
        .context("running the search")?;
    Ok((top, None))
}

/// Turns kept articles into hits: for each, its best `per_article` passages for the query,
/// each with its snippet; copies are listed in `also_in`.
fn into_hits(
    index: &NewsIndex,
    searcher: &Searcher,
    groups: Vec<Group<DocAddress>>,
    plan: &QueryPlan,
    request: &SearchRequest,
) -> Result<Vec<Hit>> {
    let mut analyzer = news_analyzer();
    let mut hits = Vec::new();
    for group in groups {
        let mut also_in = Vec::new();
        for copy in &group.copies {
            let article = read_article(index, searcher, copy.item)?;
            let best = best_passages(&article, plan, &mut analyzer, 1);
            let line = best
                .first()
                .map_or(article.line(0), |&(i, _)| article.line(i));
            also_in.push(Copy {
                id: article.id,
                path: PathBuf::from(article.path),
                line,
            });
        }
        let article = read_article(index, searcher, group.best.item)?;
        let best = best_passages(&article, plan, &mut analyzer, request.per_article.max(1));
        for (ordinal, passage_score) in best {
            let text = article.passages.get(ordinal).map_or("", String::as_str);
            let snippet = snippet_of(text, &article.headline, plan, &mut analyzer);
            hits.push(Hit {
                id: article.id.clone(),
                path: PathBuf::from(&article.path),
                line: article.line(ordinal),
                ordinal: ordinal as u64,
                date: article.date,
                headline: article.headline.clone(),
                snippet: snippet.text,
                highlights: snippet.highlights,
                score: group.best.score,
                url: article.url.clone(),
                source: article.source.clone(),
                also_in: also_in.clone(),
                explain: request.explain.then_some(ScoreParts {
                    article: group.best.parts,
                    passage: passage_score,
                }),
            });
        }
    }
    Ok(hits)
}

/// The article's best `keep` passages for the query that hold a query term, best first (its
/// first passage when none does).
fn best_passages(
    article: &StoredArticle,
    plan: &QueryPlan,
    analyzer: &mut TextAnalyzer,
    keep: usize,
) -> Vec<(usize, f32)> {
    let texts: Vec<&str> = article.passages.iter().map(String::as_str).collect();
    let mut ranked = rank_passages(&texts, &plan.highlight, analyzer);
    // Only passages that hold a query term, or the first when none does (a date-only search,
    // or a match through the headline alone).
    let matching = ranked.iter().take_while(|&&(_, score)| score > 0.0).count();
    ranked.truncate(keep.min(matching.max(1)));
    if ranked.is_empty() {
        // An article with no stored passage still shows as one empty hit.
        ranked.push((0, 0.0));
    }
    ranked
}

/// The snippet of a passage; a passage that matched only through its headline is shown as
/// `Headline — passage…`, so the snippet still says why it matched.
fn snippet_of(
    text: &str,
    headline: &str,
    plan: &QueryPlan,
    analyzer: &mut TextAnalyzer,
) -> snippet::Snippet {
    let snippet = make_snippet(text, analyzer, &plan.highlight);
    if snippet.highlights.is_empty() && !headline.is_empty() {
        let with_headline = format!("{headline} — {text}");
        let alternative = make_snippet(&with_headline, analyzer, &plan.highlight);
        if !alternative.highlights.is_empty() {
            return alternative;
        }
    }
    snippet
}

/// The fast columns of one segment that folding copies reads.
struct SegmentColumns {
    exact: Column<u64>,
    simhash: Column<u64>,
    key: Column<u64>,
}

/// Opens the copy-folding columns of every segment (in segment order).
fn segment_columns(searcher: &Searcher) -> Result<Vec<SegmentColumns>> {
    searcher
        .segment_readers()
        .iter()
        .map(|reader| {
            let fast = reader.fast_fields();
            Ok(SegmentColumns {
                exact: fast
                    .u64("exact")
                    .context("opening the copy fingerprint column")?,
                simhash: fast
                    .u64("simhash")
                    .context("opening the near-copy column")?,
                key: fast.u64("key").context("opening the article key column")?,
            })
        })
        .collect()
}

/// The article key (a hash of its file and id) of a document.
fn article_key(columns: &[SegmentColumns], address: DocAddress) -> u64 {
    columns
        .get(address.segment_ord as usize)
        .and_then(|s| s.key.first(address.doc_id))
        .unwrap_or(0)
}

/// A folding candidate from fast columns alone.
fn fast_candidate(
    columns: &[SegmentColumns],
    score: f32,
    address: DocAddress,
) -> Candidate<DocAddress> {
    let segment = columns.get(address.segment_ord as usize);
    let value = |pick: fn(&SegmentColumns) -> &Column<u64>| {
        segment
            .and_then(|s| pick(s).first(address.doc_id))
            .unwrap_or(0)
    };
    Candidate {
        score,
        exact: value(|s| &s.exact),
        simhash: value(|s| &s.simhash),
        parts: None,
        item: address,
    }
}
