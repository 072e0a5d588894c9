//! Plain-words queries: what most users type, and what they paste.
//!
//! The plain words of a query ([`super::reading`]) are read as a bag of words, analyzed like
//! the index (stemmed, stop words dropped).
//! Each word matches the article's whole text, its own headline included. How many words must
//! match grows with the query ([`required_words`]): a short query keeps precise all-words
//! matching, a pasted sentence needs only some of its words. [`match_query`] decides the matches
//! and their BM25 scores; [`headline_query`] and [`proximity_queries`] score the best of them
//! once more when they are re-ranked ([`super::rerank`]).

use tantivy::query::{BooleanQuery, ConstScoreQuery, Occur, PhraseQuery, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, Term};
use tantivy::tokenizer::TextAnalyzer;

use crate::index::Fields;

/// Queries of at most this many words require all of them. Two, because two words are what
/// most people type; from three on, one word may be missing (measured on time-dev, where the
/// one three-word topic's relevant articles mostly lack one of its words: README "Evaluation").
pub const ALL_WORDS_UP_TO: usize = 2;
/// Two query words count as close when at most this many positions apart (beyond adjacency).
pub const PROXIMITY_SLOP: u32 = 4;

/// One analyzed query word and its position in the query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// The term as indexed (stemmed, lower case).
    pub term: String,
    /// Position in the analyzed query (stop words leave gaps).
    pub position: usize,
}

/// Analyzes the query text into distinct words, in query order.
pub fn query_words(text: &str, analyzer: &mut TextAnalyzer) -> Vec<Word> {
    let mut words: Vec<Word> = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while stream.advance() {
        let token = stream.token();
        if !words.iter().any(|w| w.term == token.text) {
            words.push(Word {
                term: token.text.clone(),
                position: token.position,
            });
        }
    }
    words
}

/// How many of `n` distinct query words an article must hold: all of a short query (one or two
/// words); for longer ones a third, at least two, so three words need two of them and a pasted
/// sentence finds articles that share its key words.
pub fn required_words(n: usize) -> usize {
    if n <= ALL_WORDS_UP_TO {
        n
    } else {
        n.div_ceil(3).max(2)
    }
}

/// Builds the query that decides which articles a bag of plain words matches, scored by BM25:
/// each word a term of `field` (`body` holds the article's whole text, its own headline too),
/// `required` of them in every match.
pub fn match_query(words: &[Word], field: Field, required: usize) -> Box<dyn Query> {
    let per_word = words.iter().map(|w| word_query(w, field));
    let required = required.clamp(1, words.len().max(1));
    if required == 2 && words.len() > 2 && words.len() <= PAIRS_UP_TO {
        return any_two(words, field);
    }
    if required == words.len() && required > 1 {
        // tantivy prunes a conjunction of terms with block-max scores.
        Box::new(BooleanQuery::new(
            per_word.map(|q| (Occur::Must, q)).collect(),
        ))
    } else {
        // One word, or any of several, is a union of terms, which tantivy prunes with
        // block-max WAND; a lone required clause would score every matching article instead.
        let mut any = BooleanQuery::new(per_word.map(|q| (Occur::Should, q)).collect());
        if required > 1 {
            any.set_minimum_number_should_match(required);
        }
        Box::new(any)
    }
}

/// One word's term in `field`, scored by BM25.
fn word_query(word: &Word, field: Field) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, &word.term),
        IndexRecordOption::WithFreqs,
    ))
}

/// Queries of up to this many words that need two of them are matched by the union of the
/// conjunctions of their pairs ([`any_two`]): 15 conjunctions for six words.
pub const PAIRS_UP_TO: usize = 6;

/// Articles holding at least two of `words`, scored as tantivy scores a minimum-should-match
/// union (the sum of BM25 over the words present): the union of every pair's conjunction
/// decides the matches, unscored, and each word adds its score. tantivy's minimum-should-match
/// union keeps its terms in a binary heap and pops it for every posting, which was a third of a
/// three-word search's time at 1M articles (`perf`).
fn any_two(words: &[Word], field: Field) -> Box<dyn Query> {
    let term = |w: &Word| word_query(w, field);
    let mut pairs: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for (i, first) in words.iter().enumerate() {
        for second in &words[i + 1..] {
            let both = BooleanQuery::new(vec![
                (Occur::Must, term(first)),
                (Occur::Must, term(second)),
            ]);
            pairs.push((Occur::Should, Box::new(both)));
        }
    }
    let matches = ConstScoreQuery::new(Box::new(BooleanQuery::new(pairs)), 0.0);
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, Box::new(matches))];
    clauses.extend(words.iter().map(|w| (Occur::Should, term(w))));
    Box::new(BooleanQuery::new(clauses))
}

/// The words in the source's own headline: BM25 over headlines, added to an article's score
/// when the best articles are re-ranked ([`super::rerank`]).
pub fn headline_query(words: &[Word], fields: &Fields) -> Box<dyn Query> {
    Box::new(BooleanQuery::new(
        words
            .iter()
            .map(|w| {
                let term = Term::from_field_text(fields.headline, &w.term);
                let query: Box<dyn Query> =
                    Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs));
                (Occur::Should, query)
            })
            .collect(),
    ))
}

/// A sloppy two-word phrase over the article's text for each pair of neighbouring query words
/// (within [`PROXIMITY_SLOP`] positions beyond their gap in the query); none for one word.
pub fn proximity_queries(words: &[Word], fields: &Fields) -> Vec<Box<dyn Query>> {
    words
        .windows(2)
        .map(|pair| {
            let gap = pair[1].position.saturating_sub(pair[0].position).max(1);
            let phrase = PhraseQuery::new_with_offset_and_slop(
                vec![
                    (0, Term::from_field_text(fields.body, &pair[0].term)),
                    (gap, Term::from_field_text(fields.body, &pair[1].term)),
                ],
                PROXIMITY_SLOP,
            );
            Box::new(phrase) as Box<dyn Query>
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::schema::news_analyzer;

    #[test]
    fn words_are_stemmed_distinct_and_keep_positions() {
        let words = query_words(
            "Export controls and the export of controls",
            &mut news_analyzer(),
        );
        let terms: Vec<&str> = words.iter().map(|w| w.term.as_str()).collect();
        assert_eq!(terms, vec!["export", "control"]);
        let words = query_words("bank of england", &mut news_analyzer());
        assert_eq!((words[0].position, words[1].position), (0, 2));
    }

    #[test]
    fn required_share_grows_with_length() {
        assert_eq!(required_words(1), 1);
        assert_eq!(required_words(2), 2);
        assert_eq!(required_words(3), 2);
        assert_eq!(required_words(4), 2);
        assert_eq!(required_words(9), 3);
        assert_eq!(required_words(12), 4);
    }
}
