//! `--explain`: the search as news-search understood it, as plain data.
//!
//! What the query words became after analysis (stemmed, stop words dropped) and how many of them
//! an article must hold ([`super::words`]), or that the query is in tantivy's syntax, or that it
//! has no words and lists a date window; then the date window after `date:` clauses and
//! `--since`/`--until` were combined, and the order of the hits. Printing is left to
//! [`crate::render::explain`]. Score parts may be added here later.

use super::period::DateWindow;
use super::words::{query_words, required_words, uses_syntax};
use super::{SearchRequest, Sort};
use crate::index::schema::news_analyzer;

/// How the query text is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Understood {
    /// Plain words: each analysed word, and how many an article must hold.
    Words {
        /// The analysed words, in query order.
        words: Vec<String>,
        /// How many of them are required.
        required: usize,
    },
    /// Query syntax (quotes, fields, operators), passed to tantivy's parser.
    Syntax(String),
    /// No words: every article in the date window.
    Browse,
}

/// The search as understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explanation {
    /// The query text searched (without its `date:` clauses).
    pub text: String,
    /// How it is read.
    pub understood: Understood,
    /// Publication dates kept.
    pub window: DateWindow,
    /// Order of the hits.
    pub sort: Sort,
}

/// Explains a request.
pub fn explain(request: &SearchRequest) -> Explanation {
    let text = request.query.trim();
    let understood = if text.is_empty() {
        Understood::Browse
    } else if uses_syntax(text) {
        Understood::Syntax(text.to_string())
    } else {
        let words: Vec<String> = query_words(text, &mut news_analyzer())
            .into_iter()
            .map(|w| w.term)
            .collect();
        let required = required_words(words.len());
        Understood::Words { words, required }
    };
    Explanation {
        text: text.to_string(),
        understood,
        window: request.window,
        sort: request.sort,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(query: &str) -> SearchRequest {
        SearchRequest {
            query: query.to_string(),
            window: DateWindow::default(),
            limit: 10,
            per_article: 1,
            all: false,
            sort: Sort::Relevance,
            explain: false,
            ranking: crate::search::rerank::Ranking::default(),
        }
    }

    #[test]
    fn plain_words_are_analysed_with_the_required_share() {
        let e = explain(&request("Export controls of the chips"));
        assert_eq!(
            e.understood,
            Understood::Words {
                words: vec!["export".into(), "control".into(), "chip".into()],
                required: 2
            }
        );
    }

    #[test]
    fn syntax_and_browse() {
        assert_eq!(
            explain(&request("oil -prices")).understood,
            Understood::Syntax("oil -prices".into())
        );
        assert_eq!(explain(&request("  ")).understood, Understood::Browse);
    }
}
