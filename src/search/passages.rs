//! Which passages of an article to show: BM25 over the article's own passages, at query time.
//!
//! The index holds whole articles, so the passage that answers a query is found only for the
//! articles shown, the way Lucene's unified highlighter picks its passages: each passage is
//! analysed with the index's analyzer and scored with BM25 (k1 1.2, b 0.75) over the query's
//! terms, each term weighted by its idf in the index ([`super::query::Highlight`]), with a
//! fixed length pivot of [`PIVOT_TOKENS`] (about the tokens of a 700-byte paragraph). Each pair
//! of different query terms found within [`NEAR_TOKENS`] tokens of each other adds
//! [`NEAR_WEIGHT`] × their mean idf, once per pair, so "new export controls" beats "exports" in
//! one sentence and "controls" in another; a passage that holds a whole quoted phrase gains the
//! phrase's weight once more. Ties go to the
//! earlier passage, and an article none of whose passages holds a term (it matched through its
//! headline) shows its first passage. Every passage is scanned once: the cost is linear in the
//! article's length.

use std::collections::HashSet;

use tantivy::tokenizer::TextAnalyzer;

use super::query::Highlight;

/// BM25's term-frequency saturation.
const K1: f32 = 1.2;
/// BM25's length normalisation.
const B: f32 = 0.75;
/// The passage length (in analysed tokens) at which length neither helps nor hurts.
pub const PIVOT_TOKENS: f32 = 60.0;

/// Two query terms this many tokens apart or closer count as near each other.
pub const NEAR_TOKENS: usize = 4;
/// Weight of a near pair of terms, times their mean idf.
pub const NEAR_WEIGHT: f32 = 0.5;

/// Scores every passage of an article for the query; returns (passage index, score), best
/// first, ties in passage order.
pub fn rank_passages(
    passages: &[&str],
    highlight: &Highlight,
    analyzer: &mut TextAnalyzer,
) -> Vec<(usize, f32)> {
    let mut ranked: Vec<(usize, f32)> = passages
        .iter()
        .enumerate()
        .map(|(i, text)| (i, passage_score(text, highlight, analyzer)))
        .collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    ranked
}

/// The BM25 score of one passage, plus the weight of each quoted phrase it holds whole.
fn passage_score(text: &str, highlight: &Highlight, analyzer: &mut TextAnalyzer) -> f32 {
    let mut tokens: Vec<String> = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while stream.advance() {
        tokens.push(stream.token().text.clone());
    }
    let length = tokens.len() as f32;
    let norm = K1 * (1.0 - B + B * length / PIVOT_TOKENS);
    let mut score = 0.0;
    for (term, idf) in &highlight.terms {
        let tf = tokens.iter().filter(|t| *t == term).count() as f32;
        if tf > 0.0 {
            score += idf * tf * (K1 + 1.0) / (tf + norm);
        }
    }
    score += near_pairs_score(&tokens, highlight);
    for phrase in &highlight.phrases {
        if !phrase.is_empty() && tokens.windows(phrase.len()).any(|w| w == phrase.as_slice()) {
            score += phrase
                .iter()
                .filter_map(|t| highlight.terms.get(t))
                .sum::<f32>();
        }
    }
    score
}

/// [`NEAR_WEIGHT`] × the mean idf of each distinct pair of different query terms found within
/// [`NEAR_TOKENS`] tokens of each other (linear in the passage: a fixed window per token).
fn near_pairs_score(tokens: &[String], highlight: &Highlight) -> f32 {
    if highlight.terms.len() < 2 {
        return 0.0;
    }
    let mut pairs: HashSet<(&str, &str)> = HashSet::new();
    for (i, first) in tokens.iter().enumerate() {
        if !highlight.terms.contains_key(first) {
            continue;
        }
        for second in tokens.iter().skip(i + 1).take(NEAR_TOKENS) {
            if second != first && highlight.terms.contains_key(second) {
                let pair = if first < second {
                    (first.as_str(), second.as_str())
                } else {
                    (second.as_str(), first.as_str())
                };
                pairs.insert(pair);
            }
        }
    }
    pairs
        .iter()
        .map(|(a, b)| {
            let idf = |t: &str| highlight.terms.get(t).copied().unwrap_or(0.0);
            NEAR_WEIGHT * (idf(a) + idf(b)) / 2.0
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::schema::news_analyzer;

    fn highlight(terms: &[(&str, f32)]) -> Highlight {
        let mut h = Highlight::default();
        for (t, w) in terms {
            h.terms.insert(t.to_string(), *w);
            h.single.insert(t.to_string());
        }
        h
    }

    #[test]
    fn the_passage_with_more_and_rarer_terms_wins() {
        let h = highlight(&[("export", 1.0), ("control", 3.0)]);
        let passages = [
            "Exports rose in May.",
            "New export controls took effect on Monday.",
            "The controls were debated.",
        ];
        let ranked = rank_passages(&passages, &h, &mut news_analyzer());
        assert_eq!(ranked[0].0, 1);
        assert_eq!(ranked[1].0, 2);
        assert_eq!(ranked[2].0, 0);
    }

    #[test]
    fn ties_go_to_the_earlier_passage_and_no_match_keeps_order() {
        let h = highlight(&[("flood", 2.0)]);
        let ranked = rank_passages(&["Calm day.", "Sunny."], &h, &mut news_analyzer());
        assert_eq!(ranked, vec![(0, 0.0), (1, 0.0)]);
    }

    #[test]
    fn words_close_together_beat_more_words_apart() {
        let h = highlight(&[("export", 1.0), ("control", 1.0)]);
        // The same words, once apart (first) and once side by side: without the pair bonus
        // the tie would go to the first.
        let passages = [
            "Exports rose sharply in May while officials debated new controls on chips.",
            "Officials debated new export controls on chips while shipments rose in May.",
        ];
        let ranked = rank_passages(&passages, &h, &mut news_analyzer());
        assert_eq!(ranked[0].0, 1, "{ranked:?}");
    }

    #[test]
    fn a_whole_phrase_counts_more_than_its_words_apart() {
        let mut h = highlight(&[("interest", 1.0), ("rate", 1.0)]);
        h.phrases.push(vec!["interest".into(), "rate".into()]);
        let passages = ["Rates rose, and interest grew.", "Interest rates rose."];
        let ranked = rank_passages(&passages, &h, &mut news_analyzer());
        assert_eq!(ranked[0].0, 1);
        assert!(ranked[0].1 > ranked[1].1 + 1.0);
    }
}
