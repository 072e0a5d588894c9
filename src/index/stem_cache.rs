//! English stop words and stems, with a memory of the words already seen.
//!
//! News text repeats a small vocabulary: the few thousand most common words make up most tokens,
//! and the Snowball stemmer (tantivy's [`Stemmer`]) was about 15% of indexing time (`perf`).
//! [`CachedStemmer`] drops the English stop words ([`STOP_WORDS`], Lucene's `EnglishAnalyzer`
//! list, which tantivy's `StopWordFilter` uses too) and gives the same stems as [`Stemmer`],
//! with one map lookup per word: the map starts with the stop words and remembers each stem it
//! computes. It lives as long as the analyzer (tantivy keeps one per field per segment being
//! written) and stops growing at [`MAX_WORDS`] entries, so its memory stays bounded. The map
//! hashes with FxHash, as tantivy's own stop-word filter does: the words are the user's own
//! text, and SipHash is slower.

use rustc_hash::FxHashMap;
use tantivy::tokenizer::{
    Language, RawTokenizer, Stemmer, TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer,
};

/// Most distinct words remembered per analyzer (under 1 MB): the commonest words make up most
/// tokens, and tantivy keeps an analyzer per text field per indexing thread per segment.
pub const MAX_WORDS: usize = 8_000;

/// English stop words: not indexed, not searched. Lucene's `EnglishAnalyzer` default set.
pub const STOP_WORDS: [&str; 33] = [
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it",
    "no", "not", "of", "on", "or", "such", "that", "the", "their", "then", "there", "these",
    "they", "this", "to", "was", "will", "with",
];

/// Drops English stop words and stems the others like [`Stemmer`], remembering the stems it
/// has computed.
#[derive(Clone, Copy, Debug, Default)]
pub struct CachedStemmer;

impl TokenFilter for CachedStemmer {
    type Tokenizer<T: Tokenizer> = CachedStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> CachedStemmerFilter<T> {
        CachedStemmerFilter {
            inner: tokenizer,
            stems: STOP_WORDS.iter().map(|w| (w.to_string(), None)).collect(),
            stemmer: TextAnalyzer::builder(RawTokenizer::default())
                .filter(Stemmer::new(Language::English))
                .build(),
        }
    }
}

/// A tokenizer wrapped by [`CachedStemmer`].
#[derive(Clone)]
pub struct CachedStemmerFilter<T> {
    inner: T,
    /// Each word seen: its stem, or `None` for a stop word.
    stems: FxHashMap<String, Option<String>>,
    /// Stems one word at a time (a word is one raw token).
    stemmer: TextAnalyzer,
}

impl<T: Tokenizer> Tokenizer for CachedStemmerFilter<T> {
    type TokenStream<'a> = CachedStemmerStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        CachedStemmerStream {
            tail: self.inner.token_stream(text),
            stems: &mut self.stems,
            stemmer: &mut self.stemmer,
        }
    }
}

/// The token stream of [`CachedStemmerFilter`].
pub struct CachedStemmerStream<'a, T> {
    tail: T,
    stems: &'a mut FxHashMap<String, Option<String>>,
    stemmer: &'a mut TextAnalyzer,
}

impl<T: TokenStream> TokenStream for CachedStemmerStream<'_, T> {
    fn advance(&mut self) -> bool {
        while self.tail.advance() {
            let token = self.tail.token_mut();
            match self.stems.get(&token.text) {
                Some(None) => continue, // a stop word
                Some(Some(stem)) => {
                    if *stem != token.text {
                        token.text.clone_from(stem);
                    }
                }
                None => {
                    let stem = stem_word(self.stemmer, &token.text);
                    if self.stems.len() < MAX_WORDS {
                        self.stems.insert(token.text.clone(), Some(stem.clone()));
                    }
                    token.text = stem;
                }
            }
            return true;
        }
        false
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

/// The stem of one word.
fn stem_word(stemmer: &mut TextAnalyzer, word: &str) -> String {
    let mut stream = stemmer.token_stream(word);
    if stream.advance() {
        stream.token().text.clone()
    } else {
        word.to_string()
    }
}

#[cfg(test)]
mod tests {
    use tantivy::tokenizer::{SimpleTokenizer, StopWordFilter};

    use super::*;

    fn tokens(mut analyzer: TextAnalyzer, text: &str) -> Vec<(String, usize)> {
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            out.push((stream.token().text.clone(), stream.token().position));
        }
        out
    }

    #[test]
    fn same_stems_and_positions_as_the_stop_word_filter_and_plain_stemmer() {
        let text = "Exports exported exporting controls; the controls controlled nations' nation \
                    running runs ran ponies pony caresses, and it is such that there will be no \
                    end of the exports";
        let cached = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(CachedStemmer)
            .build();
        let plain = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(StopWordFilter::new(Language::English).expect("an English list"))
            .filter(Stemmer::new(Language::English))
            .build();
        assert_eq!(tokens(cached, text), tokens(plain, text));
    }

    #[test]
    fn memory_stays_bounded_and_keeps_answering() {
        let mut filter = CachedStemmer.transform(SimpleTokenizer::default());
        let text = (0..MAX_WORDS + 10)
            .map(|i| format!("walked{i} walking{i}"))
            .collect::<Vec<_>>()
            .join(" ");
        let mut stream = filter.token_stream(&text);
        while stream.advance() {}
        assert_eq!(filter.stems.len(), MAX_WORDS);
        let mut stream = filter.token_stream("the");
        assert!(!stream.advance(), "stop words stay known");
        let mut stream = filter.token_stream("walking walking");
        assert!(stream.advance());
        assert_eq!(stream.token().text, "walk");
        assert!(stream.advance());
        assert_eq!(stream.token().text, "walk");
    }
}
