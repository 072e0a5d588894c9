//! User query text + date window → a tantivy query, and the terms a snippet should highlight.
//!
//! Plain words become [`super::words::match_query`]. The query language is tantivy's
//! (`"exact phrase"`, `AND`/`OR`, `-term`, `headline:word`), searched over the article's whole
//! text and, weighted, its own headline; words are all required by default, and `-term`
//! removes every article that holds the term anywhere. Date filters are built in code (tantivy's parser reads only RFC 3339)
//! and added as a zero-scoring required clause, so they filter without changing ranks.
//! Highlight terms come from a second parse over the body field alone, skipping excluded
//! (`-term`) clauses.

use std::collections::{HashMap, HashSet};
use std::fmt;

use anyhow::Result;
use tantivy::Searcher;
use tantivy::query::{BooleanQuery, EmptyQuery, Occur, PhraseQuery, Query, QueryParser};
use tantivy::schema::Term;

use super::browse::date_filter;
use super::period::DateWindow;
use super::rerank::HEADLINE_WEIGHT;
use super::statistics::ArticleStatistics;
use super::words::{ALL_WORDS_UP_TO, Word, match_query, query_words, required_words, uses_syntax};
use crate::index::NewsIndex;
use crate::index::schema::news_analyzer;

/// A query the user must fix.
#[derive(Debug)]
pub struct QueryError(pub String);

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for QueryError {}

/// The terms to highlight in passage text, as the analyzer produces them (stemmed, lower case).
#[derive(Debug, Clone, Default)]
pub struct Highlight {
    /// Each positive term with its weight (rarer terms weigh more).
    pub terms: HashMap<String, f32>,
    /// Terms highlighted wherever they occur (not only inside a phrase).
    pub single: HashSet<String>,
    /// Phrases, as sequences of terms, that should be highlighted as a whole.
    pub phrases: Vec<Vec<String>>,
}

/// A parsed search: what to run and what to highlight.
pub struct QueryPlan {
    /// The articles that match, date window included, scored by BM25 over whole articles.
    pub matches: Box<dyn Query>,
    /// For a long plain-words query: articles holding any of its words, in the date window,
    /// run when no article holds the required share.
    pub relaxed: Option<Box<dyn Query>>,
    /// What snippets highlight and passages are scored on.
    pub highlight: Highlight,
    /// The analyzed words of a plain-words query (empty for query syntax and date-only
    /// searches): what re-ranking scores ([`super::rerank`]).
    pub words: Vec<Word>,
}

/// Parses the user's query and adds the date window. Without `min_match`, a long plain-words
/// query matches articles holding any of its words (to measure what the minimum brings).
pub fn build_query(
    index: &NewsIndex,
    searcher: &Searcher,
    text: &str,
    window: &DateWindow,
    min_match: bool,
) -> Result<QueryPlan> {
    let fields = index.fields;
    let statistics = ArticleStatistics::new(searcher, &fields)?;
    if uses_syntax(text) {
        let (query, highlight) = syntax_query(index, &statistics, text)?;
        return Ok(QueryPlan {
            matches: with_window(query, window, &fields),
            relaxed: None,
            highlight,
            words: Vec::new(),
        });
    }
    let words = query_words(text, &mut news_analyzer());
    if words.is_empty() {
        return Err(no_words(text));
    }
    let mut highlight = Highlight::default();
    for word in &words {
        let term = Term::from_field_text(fields.body, &word.term);
        highlight
            .terms
            .insert(word.term.clone(), statistics.idf(&term));
        highlight.single.insert(word.term.clone());
    }
    let required = if min_match || words.len() <= ALL_WORDS_UP_TO {
        required_words(words.len())
    } else {
        1
    };
    let long = required > 1 && words.len() > ALL_WORDS_UP_TO;
    Ok(QueryPlan {
        matches: with_window(match_query(&words, &fields, required), window, &fields),
        relaxed: long.then(|| with_window(match_query(&words, &fields, 1), window, &fields)),
        highlight,
        words,
    })
}

/// Restricts a query to a date window (see [`date_filter`]).
pub fn with_window(
    query: Box<dyn Query>,
    window: &DateWindow,
    fields: &crate::index::Fields,
) -> Box<dyn Query> {
    match date_filter(fields, window) {
        Some(filter) => Box::new(BooleanQuery::new(vec![
            (Occur::Must, query),
            (Occur::Must, filter),
        ])),
        None => query,
    }
}

/// Parses a query written in tantivy's query syntax; returns it with what to highlight.
fn syntax_query(
    index: &NewsIndex,
    statistics: &ArticleStatistics,
    text: &str,
) -> Result<(Box<dyn Query>, Highlight)> {
    let fields = index.fields;
    let mut parser = QueryParser::for_index(&index.index, vec![fields.body, fields.headline]);
    parser.set_conjunction_by_default();
    // A headline match counts as it does when plain words are re-ranked, beside the match in
    // the article's text (which holds the headline too).
    parser.set_field_boost(fields.headline, HEADLINE_WEIGHT);
    let query = parser.parse_query(text).map_err(|e| {
        QueryError(format!(
            "invalid query `{text}`: {}",
            describe_parse_error(&e)
        ))
    })?;
    if is_empty_query(query.as_ref()) {
        return Err(no_words(text));
    }
    let mut body_parser = QueryParser::for_index(&index.index, vec![fields.body]);
    body_parser.set_conjunction_by_default();
    let highlight = match body_parser.parse_query(text) {
        Ok(body_query) => collect_highlight(body_query.as_ref(), statistics, fields.body),
        Err(_) => Highlight::default(),
    };
    Ok((query, highlight))
}

/// The error for a query with nothing to search for.
fn no_words(text: &str) -> anyhow::Error {
    QueryError(format!(
        "the query `{text}` has no searchable words (stop words such as `the` are not indexed)"
    ))
    .into()
}

/// A parser error in words a user can act on.
fn describe_parse_error(error: &tantivy::query::QueryParserError) -> String {
    use tantivy::query::QueryParserError as E;
    match error {
        E::SyntaxError(s) => {
            format!("syntax error ({s}); quote special characters or check brackets and quotes")
        }
        E::FieldDoesNotExist(f) => format!("unknown field `{f}`; fields are `headline` and `body`"),
        E::AllButQueryForbidden => {
            "a query cannot only exclude terms; add a word to search for".to_string()
        }
        other => other.to_string().to_lowercase(),
    }
}

/// Whether a parsed query can match nothing because it holds no term (e.g. only stop words).
fn is_empty_query(query: &dyn Query) -> bool {
    if query.downcast_ref::<EmptyQuery>().is_some() {
        return true;
    }
    match query.downcast_ref::<BooleanQuery>() {
        Some(boolean) => boolean
            .clauses()
            .iter()
            .all(|(_, q)| is_empty_query(q.as_ref())),
        None => false,
    }
}

/// Walks a body-only query, collecting the terms of every clause that is not excluded.
fn collect_highlight(
    query: &dyn Query,
    statistics: &ArticleStatistics,
    field: tantivy::schema::Field,
) -> Highlight {
    let mut highlight = Highlight::default();
    let weigh = |term: &Term| statistics.idf(term);
    let visit = |q: &dyn Query, highlight: &mut Highlight| {
        if let Some(phrase) = q.downcast_ref::<PhraseQuery>() {
            if phrase.field() != field {
                return;
            }
            let terms = phrase.phrase_terms();
            let mut words = Vec::new();
            for term in &terms {
                if let Some(word) = term.value().as_str() {
                    highlight.terms.insert(word.to_string(), weigh(term));
                    words.push(word.to_string());
                }
            }
            highlight.phrases.push(words);
            return;
        }
        q.query_terms(&mut |term, _| {
            if term.field() != field {
                return;
            }
            if let Some(word) = term.value().as_str() {
                highlight.terms.insert(word.to_string(), weigh(term));
                highlight.single.insert(word.to_string());
            }
        });
    };
    walk_positive(query, &mut |q| visit(q, &mut highlight));
    highlight
}

/// Calls `visit` on every leaf clause of `query` that is not under a `MustNot`.
fn walk_positive<'a>(query: &'a dyn Query, visit: &mut dyn FnMut(&'a dyn Query)) {
    match query.downcast_ref::<BooleanQuery>() {
        Some(boolean) => {
            for (occur, sub) in boolean.clauses() {
                if *occur != Occur::MustNot {
                    walk_positive(sub.as_ref(), visit);
                }
            }
        }
        None => visit(query),
    }
}
