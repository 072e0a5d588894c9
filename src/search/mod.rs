//! Search: a query and a date window → ranked hits, one passage each, with snippets.
//!
//! A plain-words query ranks whole articles and their passages and fuses both scores
//! ([`fusion`]); a query in tantivy's syntax ranks passages by BM25 over their text and their
//! article's headline (see [`query`]). Hits are then collapsed ([`collapse`]): at most
//! `per_article` passages of one article are kept, articles are ordered by their score, and
//! copies of a story are folded into its best-ranked article. Stored text is read and snippets are made only for the hits returned.
//! With `--sort newest|oldest` every matching article is collected and ordered by date instead
//! ([`by_date`]); [`timeline`] counts them over time. A query with no words but a date window
//! lists the window ([`browse`]). Printing is left to [`crate::render`].

pub mod articles;
pub mod browse;
pub mod by_date;
pub mod collapse;
pub mod explain;
pub mod fusion;
pub mod period;
pub mod query;
pub mod snippet;
pub mod timeline;
pub mod words;

use std::path::PathBuf;

use anyhow::{Context, Result};
use chrono::NaiveDate;
use tantivy::collector::TopDocs;
use tantivy::columnar::Column;
use tantivy::query::EnableScoring;
use tantivy::schema::Value;
use tantivy::{DocAddress, Searcher, TantivyDocument};

use crate::index::NewsIndex;
use crate::index::schema::{KIND_PASSAGE, news_analyzer};
use crate::index::writer::from_datetime;
use browse::browse_plan;
use by_date::{DateQuery, date_groups};
use collapse::{Candidate, Group, collapse};
use fusion::{Fusion, KindStatistics, MIN_POOL, POOL_FACTOR, passages_of_articles, top_articles};
use period::DateWindow;
use query::{ArticlePlan, HEADLINE_BOOST, QueryPlan, build_query};
use snippet::make_snippet;
use words::{query_parts, query_words};

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
    /// The query text, in tantivy's query syntax, without `date:` clauses; empty: every article
    /// in the date window.
    pub query: String,
    /// Publication dates to keep.
    pub window: DateWindow,
    /// Most articles to return.
    pub limit: usize,
    /// Most passages to return per article.
    pub per_article: usize,
    /// Show every copy of a story instead of folding copies together.
    pub all: bool,
    /// The order of the hits.
    pub sort: Sort,
    /// Attach the parts of each hit's score (`--explain`).
    pub explain: bool,
}

/// The parts of a hit's score (`--explain`).
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreParts {
    /// The best passage's score.
    pub passage: f32,
    /// The supporting passages' score, counted at `support_weight`.
    pub support: f32,
    /// The weight of the support.
    pub support_weight: f32,
    /// For plain-words queries: the passage score's labelled parts (those above zero).
    pub terms: Vec<(String, f32)>,
    /// For plain-words queries: the whole-article and passage scores the rank is fused from.
    pub fused: Option<fusion::FusedParts>,
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
    /// Ranking score, higher is better: for plain words the fused share (at most 1, see
    /// [`fusion`]), else the BM25 passage score; comparable within one search only.
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
    if request.limit == 0 {
        return Ok(Vec::new());
    }
    let groups = match request.sort {
        Sort::Relevance => relevance_groups(index, &searcher, &plan, request)?,
        Sort::Newest => date_groups(index, &searcher, date_query(&plan), request, true)?,
        Sort::Oldest => date_groups(index, &searcher, date_query(&plan), request, false)?,
    };
    Ok(into_hits(
        groups,
        &plan,
        request.explain.then_some((index, &searcher)),
    ))
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
    // Plain words match whole articles, as in relevance ranking.
    let matches = plan.articles.as_ref().map_or(&*plan.query, |a| &*a.strict);
    timeline::timeline(index, &searcher, matches, unit)
}

/// What `--sort newest|oldest` runs for a plan: whole articles for plain words, else passages.
fn date_query(plan: &QueryPlan) -> DateQuery<'_> {
    match &plan.articles {
        Some(articles) => DateQuery::Articles {
            articles: &*articles.strict,
            passages: &*articles.passages,
        },
        None => DateQuery::Passages(&*plan.query),
    }
}

/// The query to run: the user's words, or every passage in the window when there are none.
fn plan(index: &NewsIndex, searcher: &Searcher, request: &SearchRequest) -> Result<QueryPlan> {
    if request.query.trim().is_empty() {
        Ok(browse_plan(&index.fields, &request.window))
    } else {
        build_query(index, searcher, &request.query, &request.window)
    }
}

/// The best articles by score: for plain words by whole-article and passage evidence
/// ([`fused_groups`]), else top passages collapsed per article and story.
fn relevance_groups(
    index: &NewsIndex,
    searcher: &Searcher,
    plan: &QueryPlan,
    request: &SearchRequest,
) -> Result<Vec<Group<StoredPassage>>> {
    match &plan.articles {
        Some(articles) => fused_groups(index, searcher, articles, request),
        None => rank(index, searcher, plan.query.box_clone(), request),
    }
}

/// The best articles for a plain-words query by whole-article and passage evidence (see
/// [`fusion`]): a pool of articles holding the required share of the words (any of them when
/// too few do), re-ranked with their passages.
fn fused_groups(
    index: &NewsIndex,
    searcher: &Searcher,
    articles: &ArticlePlan,
    request: &SearchRequest,
) -> Result<Vec<Group<StoredPassage>>> {
    let fields = &index.fields;
    let pool_size = request.limit.saturating_mul(POOL_FACTOR).max(MIN_POOL);
    let mut pool = top_articles(searcher, fields, &*articles.strict, pool_size)?;
    if pool.len() < request.limit
        && let Some(relaxed) = &articles.relaxed
    {
        pool = top_articles(searcher, fields, &**relaxed, pool_size)?;
    }
    if pool.is_empty() {
        return Ok(Vec::new());
    }
    let keys: Vec<u64> = pool.iter().map(|&(key, _)| key).collect();
    let top = passages_of_articles(searcher, fields, &*articles.passages, &keys)?;
    let columns = segment_columns(searcher)?;
    let candidates = top
        .iter()
        .map(|&(score, address)| fast_candidate(&columns, score, address))
        .collect();
    let fusion = Fusion::new(&pool);
    collapse(
        candidates,
        request.limit,
        request.per_article,
        !request.all,
        Some(&fusion),
    )
    .into_iter()
    .map(|group| load_group(index, searcher, group))
    .collect()
}

/// Turns kept articles into hits: one per kept passage, with its snippet, and with the parts of
/// its score when `explain` gives the index to compute them on.
fn into_hits(
    groups: Vec<Group<StoredPassage>>,
    plan: &QueryPlan,
    explain: Option<(&NewsIndex, &Searcher)>,
) -> Vec<Hit> {
    let mut analyzer = news_analyzer();
    let mut hits = Vec::new();
    for group in groups {
        let also_in: Vec<Copy> = group
            .copies
            .iter()
            .map(|c| Copy {
                id: c.passage.id.clone(),
                path: PathBuf::from(&c.passage.path),
                line: c.passage.line,
            })
            .collect();
        for candidate in group.passages {
            let doc = candidate.passage;
            let mut snippet = make_snippet(&doc.body, &mut analyzer, &plan.highlight);
            if snippet.highlights.is_empty() && !doc.headline.is_empty() {
                // The passage matched through its headline: show the headline with the lead,
                // so the snippet still says why it matched.
                let with_headline = format!("{} — {}", doc.headline, doc.body);
                let alternative = make_snippet(&with_headline, &mut analyzer, &plan.highlight);
                if !alternative.highlights.is_empty() {
                    snippet = alternative;
                }
            }
            hits.push(Hit {
                id: doc.id,
                path: PathBuf::from(doc.path),
                line: doc.line,
                ordinal: doc.ordinal,
                date: doc.date,
                headline: doc.headline,
                snippet: snippet.text,
                highlights: snippet.highlights,
                score: group.score,
                url: doc.url,
                source: doc.source,
                also_in: also_in.clone(),
                explain: explain.map(|(index, searcher)| ScoreParts {
                    passage: candidate.score,
                    support: group.support,
                    support_weight: collapse::SUPPORT_WEIGHT,
                    terms: term_parts(index, searcher, plan, doc.address),
                    fused: group.fused,
                }),
            });
        }
    }
    hits
}

/// Runs `query` and collapses its passages into the best `limit` article groups, fetching more
/// passages until enough articles are found or the matches run out.
fn rank(
    index: &NewsIndex,
    searcher: &Searcher,
    query: Box<dyn tantivy::query::Query>,
    request: &SearchRequest,
) -> Result<Vec<Group<StoredPassage>>> {
    let wanted = request.limit.saturating_mul(request.per_article.max(1));
    let total = searcher.num_docs() as usize;
    let columns = segment_columns(searcher)?;
    let statistics = KindStatistics::new(searcher, &index.fields, KIND_PASSAGE)?;
    // Enough passages that most shown articles have their supporting passages among them.
    let mut fetch = (wanted * 8).max(200);
    loop {
        let top = searcher
            .search_with_statistics_provider(
                &*query,
                &TopDocs::with_limit(fetch.min(total.max(1))).order_by_score(),
                &statistics,
            )
            .context("running the search")?;
        let exhausted = top.len() < fetch.min(total.max(1)) || fetch >= total;
        // Collapse on fast columns; stored text is read only for what is kept.
        let candidates = top
            .iter()
            .map(|&(score, address)| fast_candidate(&columns, score, address))
            .collect();
        let groups = collapse(
            candidates,
            request.limit,
            request.per_article,
            !request.all,
            None,
        );
        if exhausted || groups.len() >= request.limit {
            return groups
                .into_iter()
                .map(|group| load_group(index, searcher, group))
                .collect();
        }
        fetch = fetch.saturating_mul(4);
    }
}

/// The fast columns of one segment that collapsing reads.
struct SegmentColumns {
    key: Column<u64>,
    exact: Column<u64>,
    simhash: Column<u64>,
}

/// Opens the collapsing columns of every segment (in segment order).
fn segment_columns(searcher: &Searcher) -> Result<Vec<SegmentColumns>> {
    searcher
        .segment_readers()
        .iter()
        .map(|reader| {
            let fast = reader.fast_fields();
            Ok(SegmentColumns {
                key: fast.u64("key").context("opening the key column")?,
                exact: fast
                    .u64("exact")
                    .context("opening the copy fingerprint column")?,
                simhash: fast
                    .u64("simhash")
                    .context("opening the near-copy column")?,
            })
        })
        .collect()
}

/// A collapse candidate from fast columns alone.
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
        article: format!("{:016x}", value(|s| &s.key)),
        exact: value(|s| &s.exact),
        simhash: value(|s| &s.simhash),
        passage: address,
    }
}

/// Reads the stored text of a kept group's passages and copies.
fn load_group(
    index: &NewsIndex,
    searcher: &Searcher,
    group: Group<DocAddress>,
) -> Result<Group<StoredPassage>> {
    let load = |candidates: Vec<Candidate<DocAddress>>| -> Result<Vec<Candidate<StoredPassage>>> {
        candidates
            .into_iter()
            .map(|c| read_candidate(index, searcher, c.score, c.passage))
            .collect()
    };
    Ok(Group {
        score: group.score,
        support: group.support,
        fused: group.fused,
        passages: load(group.passages)?,
        copies: load(group.copies)?,
    })
}

/// The labelled parts of a passage's score for a plain-words query; empty for query syntax.
/// Each part is scored with the passages' own statistics, as the search scores them.
fn term_parts(
    index: &NewsIndex,
    searcher: &Searcher,
    plan: &QueryPlan,
    address: DocAddress,
) -> Vec<(String, f32)> {
    let Ok(statistics) = KindStatistics::new(searcher, &index.fields, KIND_PASSAGE) else {
        return Vec::new();
    };
    let scoring = EnableScoring::enabled_from_statistics_provider(&statistics, searcher);
    let reader = searcher.segment_reader(address.segment_ord);
    let words = query_words(&plan.words.join(" "), &mut news_analyzer());
    query_parts(&words, &index.fields, HEADLINE_BOOST)
        .into_iter()
        .filter_map(|(label, query)| {
            let weight = query.weight(scoring).ok()?;
            let value = weight.explain(reader, address.doc_id).ok()?.value();
            (value > 0.0).then_some((label, value))
        })
        .collect()
}

/// The stored fields of one passage.
struct StoredPassage {
    address: DocAddress,
    id: String,
    path: String,
    line: u64,
    ordinal: u64,
    date: Option<NaiveDate>,
    headline: String,
    body: String,
    url: Option<String>,
    source: Option<String>,
}

/// Reads a ranked passage's stored fields into a collapse candidate.
fn read_candidate(
    index: &NewsIndex,
    searcher: &Searcher,
    score: f32,
    address: DocAddress,
) -> Result<Candidate<StoredPassage>> {
    let doc: TantivyDocument = searcher.doc(address).context("reading a stored passage")?;
    // The copy fingerprints live in fast columns only (see the schema).
    let fast = searcher.segment_reader(address.segment_ord).fast_fields();
    let number = |name| {
        fast.u64(name)
            .ok()
            .and_then(|column| column.first(address.doc_id))
            .unwrap_or(0)
    };
    let (exact, simhash) = (number("exact"), number("simhash"));
    let passage = read_stored(index, &doc, address);
    Ok(Candidate {
        score,
        // Ids are unique within a file; sources' own ids (CSV row numbers) may repeat across files.
        article: format!("{}\u{0}{}", passage.path, passage.id),
        exact,
        simhash,
        passage,
    })
}

/// Reads a passage's stored fields.
fn read_stored(index: &NewsIndex, doc: &TantivyDocument, address: DocAddress) -> StoredPassage {
    let f = &index.fields;
    let text = |field| {
        doc.get_first(field)
            .and_then(|v| v.as_str())
            .map(str::to_string)
    };
    let number = |field| doc.get_first(field).and_then(|v| v.as_u64()).unwrap_or(0);
    StoredPassage {
        address,
        id: text(f.id).unwrap_or_default(),
        path: text(f.path).unwrap_or_default(),
        line: number(f.line),
        ordinal: number(f.ordinal),
        date: doc
            .get_first(f.date)
            .and_then(|v| v.as_datetime())
            .and_then(from_datetime),
        headline: text(f.title).unwrap_or_default(),
        body: text(f.body).unwrap_or_default(),
        url: text(f.url),
        source: text(f.source),
    }
}
