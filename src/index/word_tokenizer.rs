//! Splitting text into words, with apostrophes kept inside them.
//!
//! tantivy's `SimpleTokenizer` splits on every character that is not a letter or digit, so
//! `Trump's` becomes `trump` and a stray `s`, and `don't` becomes `don` and `t`: noise terms that
//! match nearly every article. [`WordTokenizer`] splits the same way except that an apostrophe
//! (`'`, `’`, `ʼ`) between two letters or digits stays inside the word; then a possessive `'s`
//! is dropped and other apostrophes removed, so `Trump's` → `Trump`, `don't` → `dont`,
//! `O'Brien` → `OBrien`. Offsets keep the whole original span, so a highlight covers `Trump's`.
//! Lower-casing, accent folding, stop words and stemming are later filters (see
//! [`super::schema::news_analyzer`]).

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use crate::article::clean::char_at;

/// Splits text into words at non-alphanumeric characters, keeping inner apostrophes.
#[derive(Clone, Default)]
pub struct WordTokenizer {
    token: Token,
}

/// The token stream of [`WordTokenizer`].
pub struct WordTokenStream<'a> {
    text: &'a str,
    /// Byte offset where the search for the next word starts.
    cursor: usize,
    token: &'a mut Token,
}

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = WordTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordTokenStream<'a> {
        self.token.reset();
        WordTokenStream {
            text,
            cursor: 0,
            token: &mut self.token,
        }
    }
}

/// Whether `c` is an apostrophe that may sit inside a word.
fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

impl WordTokenStream<'_> {
    /// The byte offset where the word starting at `start` ends: after its last letter or digit,
    /// crossing apostrophes that have a letter or digit on both sides.
    fn word_end(&self, start: usize) -> usize {
        let mut at = start;
        while let Some((c, width)) = char_at(self.text, at) {
            let inner_apostrophe = is_apostrophe(c)
                && char_at(self.text, at + width).is_some_and(|(next, _)| next.is_alphanumeric());
            if !c.is_alphanumeric() && !inner_apostrophe {
                break;
            }
            at += width;
        }
        at
    }

    /// The byte offset of the next letter or digit at or after `from`.
    fn word_start(&self, from: usize) -> Option<usize> {
        let mut at = from;
        while let Some((c, width)) = char_at(self.text, at) {
            if c.is_alphanumeric() {
                return Some(at);
            }
            at += width;
        }
        None
    }
}

/// The word without a possessive `'s` and without apostrophes.
fn push_word(word: &str, out: &mut String) {
    if !word.contains(is_apostrophe) {
        out.push_str(word);
        return;
    }
    let mut trimmed = word;
    for suffix in ["'s", "'S", "’s", "’S", "ʼs", "ʼS"] {
        if let Some(stem) = word.strip_suffix(suffix) {
            trimmed = stem;
            break;
        }
    }
    out.extend(trimmed.chars().filter(|&c| !is_apostrophe(c)));
}

impl TokenStream for WordTokenStream<'_> {
    fn advance(&mut self) -> bool {
        self.token.text.clear();
        let Some(start) = self.word_start(self.cursor) else {
            self.cursor = self.text.len();
            return false;
        };
        let end = self.word_end(start);
        self.cursor = end;
        self.token.position = self.token.position.wrapping_add(1);
        self.token.offset_from = start;
        self.token.offset_to = end;
        push_word(&self.text[start..end], &mut self.token.text);
        true
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<(String, usize, usize)> {
        let mut tokenizer = WordTokenizer::default();
        let mut stream = tokenizer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            let t = stream.token();
            out.push((t.text.clone(), t.offset_from, t.offset_to));
        }
        out
    }

    fn texts(text: &str) -> Vec<String> {
        words(text).into_iter().map(|(t, _, _)| t).collect()
    }

    #[test]
    fn keeps_possessives_and_contractions_whole() {
        assert_eq!(texts("Trump's tariffs"), ["Trump", "tariffs"]);
        assert_eq!(texts("Trump’s plan"), ["Trump", "plan"]);
        assert_eq!(texts("don't O'Brien"), ["dont", "OBrien"]);
        assert_eq!(words("Trump's")[0], ("Trump".to_string(), 0, 7));
    }

    #[test]
    fn splits_like_simple_tokenizer_elsewhere() {
        assert_eq!(
            texts("U.S. export-controls, 2025"),
            ["U", "S", "export", "controls", "2025"]
        );
        assert_eq!(
            texts("the workers' union 'quoted'"),
            ["the", "workers", "union", "quoted"]
        );
        assert_eq!(texts("Zürich café"), ["Zürich", "café"]);
        assert!(texts("' ’ -- ").is_empty());
        assert!(texts("").is_empty());
    }

    #[test]
    fn positions_count_words() {
        let mut tokenizer = WordTokenizer::default();
        let mut stream = tokenizer.token_stream("a b's c");
        let mut positions = Vec::new();
        while stream.advance() {
            positions.push(stream.token().position);
        }
        assert_eq!(positions, [0, 1, 2]);
    }
}
