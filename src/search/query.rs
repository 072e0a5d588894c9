//! User query text + date window → a tantivy query, and the terms a snippet should highlight.
//!
//! The query language is tantivy's (`"exact phrase"`, `AND`/`OR`, `-term`, `headline:word`),
//! searched over passage text and headline with the headline weighted up; words are all
//! required by default. Date filters are built in code (tantivy's parser reads only RFC 3339)
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
use super::words::{
    ALL_WORDS_UP_TO, article_query, query_words, required_words, uses_syntax, words_query,
};
use crate::index::NewsIndex;
use crate::index::schema::news_analyzer;

/// How much a headline match counts against a passage-text match.
pub const HEADLINE_BOOST: f32 = 1.5;

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
    /// The passage query, date filter included; what runs for query syntax and date-only
    /// queries (plain words run [`QueryPlan::articles`]).
    pub query: Box<dyn Query>,
    /// What snippets highlight.
    pub highlight: Highlight,
    /// The analyzed words of a plain-words query (empty for query syntax).
    pub words: Vec<String>,
    /// For a plain-words query: the queries that rank whole articles (see [`super::fusion`]).
    pub articles: Option<ArticlePlan>,
}

/// The queries of a plain-words search ranked by whole-article and passage evidence.
pub struct ArticlePlan {
    /// Article documents holding the required share of the words, in the date window.
    pub strict: Box<dyn Query>,
    /// For a long query: article documents holding any of the words, in the date window, the
    /// fallback when too few hold the required share.
    pub relaxed: Option<Box<dyn Query>>,
    /// Passages holding any of the words, with headline and proximity scoring.
    pub passages: Box<dyn Query>,
}

/// Parses the user's query and adds the date window.
pub fn build_query(
    index: &NewsIndex,
    searcher: &Searcher,
    text: &str,
    window: &DateWindow,
) -> Result<QueryPlan> {
    let fields = index.fields;
    let mut plain_words = Vec::new();
    let mut articles = None;
    let (query, highlight) = if uses_syntax(text) {
        syntax_query(index, searcher, text)?
    } else {
        let words = query_words(text, &mut news_analyzer());
        if words.is_empty() {
            return Err(no_words(text));
        }
        let mut highlight = Highlight::default();
        for word in &words {
            let term = Term::from_field_text(fields.body, &word.term);
            highlight
                .terms
                .insert(word.term.clone(), term_weight(searcher, &term));
            highlight.single.insert(word.term.clone());
        }
        plain_words = words.iter().map(|w| w.term.clone()).collect();
        let required = required_words(words.len());
        let long = required > 1 && words.len() > ALL_WORDS_UP_TO;
        articles = Some(ArticlePlan {
            strict: with_window(article_query(&words, required, &fields), window, &fields),
            relaxed: long.then(|| with_window(article_query(&words, 1, &fields), window, &fields)),
            passages: words_query(&words, 1, &fields, HEADLINE_BOOST),
        });
        (
            words_query(&words, required, &fields, HEADLINE_BOOST),
            highlight,
        )
    };

    let query = with_window(query, window, &fields);
    Ok(QueryPlan {
        query,
        highlight,
        words: plain_words,
        articles,
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
    searcher: &Searcher,
    text: &str,
) -> Result<(Box<dyn Query>, Highlight)> {
    let fields = index.fields;
    let mut parser = QueryParser::for_index(&index.index, vec![fields.body, fields.headline]);
    parser.set_conjunction_by_default();
    parser.set_field_boost(fields.headline, HEADLINE_BOOST);
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
        Ok(body_query) => collect_highlight(body_query.as_ref(), searcher, fields.body),
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

/// Inverse document frequency of a term, as BM25 weighs it: rarer terms weigh more.
fn term_weight(searcher: &Searcher, term: &Term) -> f32 {
    let total = searcher.num_docs().max(1) as f32;
    let df = searcher.doc_freq(term).unwrap_or(0) as f32;
    (1.0 + (total - df + 0.5) / (df + 0.5)).ln().max(0.01)
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
    searcher: &Searcher,
    field: tantivy::schema::Field,
) -> Highlight {
    let mut highlight = Highlight::default();
    let weigh = |term: &Term| term_weight(searcher, term);
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
