//! `--explain`: the search as news-search understood it, as plain data.
//!
//! How the query text was read ([`super::reading`]): plain words, after analysis (stemmed,
//! stop words dropped), with how many of them an article must hold ([`super::words`]); or, when
//! some of it is query syntax, each clause in words (`phrase "interest rate"`, `not price`,
//! `source: reuters (filter)`); or that it has no words and lists a date window. Then the date
//! window after `date:` clauses and `--since`/`--until` were combined, and the order of the
//! hits. Printing is left to [`crate::render::explain`].

use super::period::DateWindow;
use super::query::analyse;
use super::reading::{Clause, Field, Item, Occur, plain_text};
use super::words::{query_words, required_words};
use super::{SearchRequest, Sort};
use crate::index::schema::{names_analyzer, news_analyzer};

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
    /// Query syntax where it was well formed: each clause described, in order.
    Syntax(Vec<String>),
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
    let mut reading = request.reading();
    reading.items.extend(request.filters.items());
    let understood = if reading.items.is_empty() {
        Understood::Browse
    } else if reading.is_plain() {
        let words = analysed(&reading.plain_text());
        let required = required_words(words.len());
        Understood::Words { words, required }
    } else {
        Understood::Syntax(describe_items(&reading.items))
    };
    Explanation {
        text: request.query.trim().to_string(),
        understood,
        window: request.window,
        sort: request.sort,
    }
}

/// The analysed words of a text.
fn analysed(text: &str) -> Vec<String> {
    query_words(text, &mut news_analyzer())
        .into_iter()
        .map(|w| w.term)
        .collect()
}

/// Each clause of a sequence described; its plain words as one bag.
fn describe_items(items: &[Item]) -> Vec<String> {
    let mut parts = Vec::new();
    let words = analysed(&plain_text(items));
    if !words.is_empty() {
        let required = required_words(words.len());
        let need = if required == words.len() {
            "all required".to_string()
        } else {
            format!("{required} of {} required", words.len())
        };
        parts.push(format!("words {} ({need})", words.join(", ")));
    }
    for item in items {
        let described = match (item.occur, &item.clause) {
            (Occur::Plain, Clause::Word(_)) => continue,
            (Occur::Excluded, clause) => format!("not {}", describe(clause, Field::Body)),
            (_, clause) => describe(clause, Field::Body),
        };
        parts.push(described);
    }
    parts
}

/// One clause in words, in `field`.
fn describe(clause: &Clause, field: Field) -> String {
    match clause {
        Clause::Word(text) | Clause::Phrase(text) => {
            let terms = if field.is_filter() {
                analyse(&mut names_analyzer(), text)
                    .into_iter()
                    .map(|(term, _)| term)
                    .collect()
            } else {
                analysed(text)
            };
            let shown = match (field, terms.as_slice()) {
                (Field::Path, _) => text.trim().to_string(),
                (_, []) => "nothing (stop words only)".to_string(),
                (_, [one]) => one.clone(),
                (_, many) => format!("phrase \"{}\"", many.join(" ")),
            };
            match field {
                Field::Body => shown,
                Field::Headline => format!("headline: {shown}"),
                filter => format!("{}: {shown} (filter)", filter.name()),
            }
        }
        Clause::Field(inner_field, inner) => describe(inner, *inner_field),
        Clause::Group(items) => {
            let inner: Vec<String> = items
                .iter()
                .map(|item| {
                    let d = describe(&item.clause, field);
                    match item.occur {
                        Occur::Excluded => format!("not {d}"),
                        _ => d,
                    }
                })
                .collect();
            format!("({})", inner.join("; "))
        }
        Clause::Any(clauses) => {
            let any: Vec<String> = clauses.iter().map(|c| describe(c, field)).collect();
            format!("any of {}", any.join(" | "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(query: &str) -> SearchRequest {
        SearchRequest {
            query: query.to_string(),
            words_only: false,
            filters: Default::default(),
            window: DateWindow::default(),
            limit: 10,
            offset: 0,
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
    fn syntax_is_described_clause_by_clause() {
        assert_eq!(
            explain(&request(
                "oil -prices headline:\"Interest rates\" source:BBC"
            ))
            .understood,
            Understood::Syntax(vec![
                "words oil (all required)".into(),
                "not price".into(),
                "headline: phrase \"interest rate\"".into(),
                "source: bbc (filter)".into(),
            ])
        );
        assert_eq!(explain(&request("  ")).understood, Understood::Browse);
    }

    #[test]
    fn words_mode_reads_operators_as_words() {
        let mut r = request("oil -prices");
        r.words_only = true;
        assert!(matches!(explain(&r).understood, Understood::Words { .. }));
    }
}
