//! Plain-words queries: what most users type, and what they paste.
//!
//! A query without query syntax (no quotes, fields, brackets, `+`/`-` or `AND`/`OR`/`NOT`
//! operators) is read as a bag of words, analyzed like the index (stemmed, stop words dropped).
//! Each word may match the passage text or, weighted up, its headline. How many words must
//! match grows with the query ([`required_words`]): a short query keeps precise all-words
//! matching, a pasted sentence needs only some of its words, and when that still finds too few
//! articles, any of its words will do ([`article_query`] and [`words_query`] take the required
//! count; the search falls back). Plain words are matched over whole articles, then scored over
//! passages too (see [`super::fusion`]). Pairs of query words found close together in the passage earn a
//! proximity bonus ([`PROXIMITY_BOOST`], within [`PROXIMITY_SLOP`] positions).

use tantivy::query::{BooleanQuery, BoostQuery, Occur, PhraseQuery, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, Term};
use tantivy::tokenizer::TextAnalyzer;

use crate::index::Fields;

/// Queries of at most this many words require all of them. Two, because two words are what
/// most people type; from three on, one word may be missing (measured on time-dev, where the
/// one three-word topic's relevant articles mostly lack one of its words: README "Evaluation").
pub const ALL_WORDS_UP_TO: usize = 2;
/// Weight of a proximity bonus clause relative to a word's own score.
pub const PROXIMITY_BOOST: f32 = 0.25;
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

/// Whether the user wrote query syntax, rather than plain words: quotes, a `field:`, brackets,
/// `+word`/`-word`, or operators (`AND`, `OR`, `NOT`) in a query that is not all capitals (a
/// pasted upper-case sentence uses them as words).
pub fn uses_syntax(text: &str) -> bool {
    let shouting = !text.chars().any(char::is_lowercase);
    text.contains(['"', '(', ')', '[', ']', '{', '}', '^', '~', '*'])
        || text.split_whitespace().any(|word| {
            word.starts_with(['+', '-'])
                || word.split_once(':').is_some_and(|(field, rest)| {
                    // `headline:flood`, but not `5:30` or `https://…`
                    field.len() > 1
                        && field.chars().all(|c| c.is_ascii_alphabetic() || c == '_')
                        && !rest.is_empty()
                        && !rest.starts_with("//")
                })
                || (!shouting && matches!(word, "AND" | "OR" | "NOT"))
        })
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

/// Builds the query for plain words: each word over text and headline, `required` of them in
/// every match, and proximity bonuses for neighbouring words.
pub fn words_query(
    words: &[Word],
    required: usize,
    fields: &Fields,
    headline_boost: f32,
) -> Box<dyn Query> {
    let per_word: Vec<Box<dyn Query>> = words
        .iter()
        .map(|w| word_query(&w.term, fields, headline_boost))
        .collect();
    let required = required.clamp(1, words.len().max(1));
    let core: Box<dyn Query> = if required == words.len() {
        Box::new(BooleanQuery::new(
            per_word.into_iter().map(|q| (Occur::Must, q)).collect(),
        ))
    } else {
        let mut any = BooleanQuery::new(per_word.into_iter().map(|q| (Occur::Should, q)).collect());
        any.set_minimum_number_should_match(required);
        Box::new(any)
    };
    let bonuses = proximity_clauses(words, fields);
    if bonuses.is_empty() {
        return core;
    }
    let mut clauses = vec![(Occur::Must, core)];
    clauses.extend(bonuses.into_iter().map(|q| (Occur::Should, q)));
    Box::new(BooleanQuery::new(clauses))
}

/// Builds the whole-article query for plain words: each word over the article documents' text,
/// `required` of them in every match (see [`super::fusion`]).
pub fn article_query(words: &[Word], required: usize, fields: &Fields) -> Box<dyn Query> {
    let per_word = words.iter().map(|w| {
        let term = Term::from_field_text(fields.article, &w.term);
        Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs)) as Box<dyn Query>
    });
    let required = required.clamp(1, words.len().max(1));
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

/// The scoring parts of a plain-words query, each labelled, for `--explain`: per word its passage
/// text and headline clauses, and each proximity pair. They are the clauses [`words_query`]
/// sums, so their values add up to a passage's score.
pub fn query_parts(
    words: &[Word],
    fields: &Fields,
    headline_boost: f32,
) -> Vec<(String, Box<dyn Query>)> {
    let mut parts: Vec<(String, Box<dyn Query>)> = Vec::new();
    for word in words {
        let body = TermQuery::new(
            Term::from_field_text(fields.body, &word.term),
            IndexRecordOption::WithFreqs,
        );
        let headline = TermQuery::new(
            Term::from_field_text(fields.headline, &word.term),
            IndexRecordOption::WithFreqs,
        );
        parts.push((format!("text:{}", word.term), Box::new(body)));
        parts.push((
            format!("headline:{} ×{headline_boost}", word.term),
            Box::new(BoostQuery::new(Box::new(headline), headline_boost)),
        ));
    }
    for (pair, query) in words.windows(2).zip(proximity_clauses(words, fields)) {
        parts.push((
            format!(
                "near({}, {}) ×{PROXIMITY_BOOST}",
                pair[0].term, pair[1].term
            ),
            query,
        ));
    }
    parts
}

/// One word: in the passage text, or (weighted) in the headline.
fn word_query(term: &str, fields: &Fields, headline_boost: f32) -> Box<dyn Query> {
    let body = TermQuery::new(
        Term::from_field_text(fields.body, term),
        IndexRecordOption::WithFreqs,
    );
    let headline = TermQuery::new(
        Term::from_field_text(fields.headline, term),
        IndexRecordOption::WithFreqs,
    );
    Box::new(BooleanQuery::new(vec![
        (Occur::Should, Box::new(body) as Box<dyn Query>),
        (
            Occur::Should,
            Box::new(BoostQuery::new(Box::new(headline), headline_boost)),
        ),
    ]))
}

/// A sloppy two-word phrase for each pair of neighbouring query words.
fn proximity_clauses(words: &[Word], fields: &Fields) -> Vec<Box<dyn Query>> {
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
            Box::new(BoostQuery::new(Box::new(phrase), PROXIMITY_BOOST)) as Box<dyn Query>
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::schema::news_analyzer;

    #[test]
    fn plain_words_and_syntax() {
        for plain in [
            "export controls",
            "KENNEDY ADMINISTRATION PRESSURE ON NGO DINH DIEM",
            "TROOPS IN SOUTH VIET NAM AND WEST GERMANY",
            "it's 5:30 now",
            "see https://example.com/x",
            "U.S. export-controls",
        ] {
            assert!(!uses_syntax(plain), "{plain}");
        }
        for syntax in [
            "\"export controls\"",
            "oil -prices",
            "headline:flood",
            "oil OR gas",
            "(a b)",
            "+chip",
        ] {
            assert!(uses_syntax(syntax), "{syntax}");
        }
    }

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
