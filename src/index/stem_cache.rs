//! English stop words and stems, with a memory of the words already seen.
//!
//! News text repeats a small vocabulary: the few thousand most common words make up most tokens,
//! and the Snowball stemmer (tantivy's [`Stemmer`]) was about 15% of indexing time (`perf`).
//! [`CachedStemmer`] drops the English stop words ([`STOP_WORDS`], Lucene's `EnglishAnalyzer`
//! list, which tantivy's `StopWordFilter` uses too) and gives the same stems as [`Stemmer`],
//! with one table lookup per word: the table ([`StemTable`]) starts with the stop words and
//! remembers each stem it computes. It lives as long as the analyzer (tantivy keeps one per
//! field per segment being written) and stops growing at [`MAX_WORDS`] entries, so its memory
//! stays bounded.

use rustc_hash::FxHasher;
use std::hash::Hasher;
use tantivy::tokenizer::{
    Language, RawTokenizer, Stemmer, TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer,
};

/// Most slots of a [`StemTable`] (a power of two): 16,384 slots of 48 bytes, 768 KB.
const SLOTS: usize = 16_384;

/// Slots of a new [`StemTable`]: it doubles whenever it is three quarters full, up to
/// [`SLOTS`]. A search analyses a few words, and filling 768 KB at once cost it about 200
/// page faults (a sixth of a search's at 1M articles, `perf record -e page-faults`).
const FIRST_SLOTS: usize = 512;

/// Most distinct words remembered per analyzer: three quarters of the slots, so a lookup
/// rarely probes more than one or two of them.
pub const MAX_WORDS: usize = SLOTS / 4 * 3;

/// Longest word, and longest stem, a slot holds (bytes); longer words are stemmed each time.
const INLINE: usize = 21;

/// `stem_len` of a stop word.
const STOP: u8 = u8::MAX;
/// `stem_len` of a word that is its own stem.
const SAME: u8 = u8::MAX - 1;

/// English stop words: not indexed, not searched. Lucene's `EnglishAnalyzer` default set.
pub const STOP_WORDS: [&str; 33] = [
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it",
    "no", "not", "of", "on", "or", "such", "that", "the", "their", "then", "there", "these",
    "they", "this", "to", "was", "will", "with",
];

/// One remembered word: its hash, its bytes and its stem's, in one 48-byte slot (no pointer to
/// follow). An empty slot has `word_len` 0.
#[derive(Clone, Copy)]
struct Slot {
    hash: u32,
    word_len: u8,
    /// The stem's length, or [`STOP`], or [`SAME`].
    stem_len: u8,
    word: [u8; INLINE],
    stem: [u8; INLINE],
}

const EMPTY: Slot = Slot {
    hash: 0,
    word_len: 0,
    stem_len: 0,
    word: [0; INLINE],
    stem: [0; INLINE],
};

/// What the table knows of a word.
enum Known<'a> {
    Stop,
    Same,
    Stem(&'a str),
    Unknown,
}

/// Words and their stems in open addressing with linear probing. The slots are allocated on
/// the first lookup and grow as words are remembered, so the analyzer tantivy clones for each
/// segment costs nothing to copy.
/// A profile of indexing had the previous map (`FxHashMap<String, Option<String>>`, two heap
/// strings a word) at 10% of the samples: each lookup followed pointers into cold memory.
#[derive(Clone, Default)]
struct StemTable {
    slots: Vec<Slot>,
    words: usize,
}

/// The hash of a word's bytes.
fn hash_of(word: &[u8]) -> u32 {
    let mut hasher = FxHasher::default();
    hasher.write(word);
    // The high bits of FxHash are the well mixed ones.
    (hasher.finish() >> 32) as u32
}

impl StemTable {
    /// The slot holding `word`, or the empty slot where it would go.
    fn find(&mut self, word: &[u8], hash: u32) -> usize {
        if self.slots.is_empty() {
            self.slots = vec![EMPTY; FIRST_SLOTS];
            for stop in STOP_WORDS {
                let at = self.find(stop.as_bytes(), hash_of(stop.as_bytes()));
                self.fill(at, stop.as_bytes(), hash_of(stop.as_bytes()), STOP, &[]);
            }
        }
        let mask = self.slots.len() - 1;
        let mut at = hash as usize & mask;
        loop {
            let slot = &self.slots[at];
            if slot.word_len == 0
                || (slot.hash == hash && slot.word[..usize::from(slot.word_len)] == *word)
            {
                return at;
            }
            at = (at + 1) & mask;
        }
    }

    /// Doubles the slots, moving every remembered word to its place in the larger table.
    fn grow(&mut self) {
        let larger = vec![EMPTY; self.slots.len() * 2];
        let old = std::mem::replace(&mut self.slots, larger);
        let mask = self.slots.len() - 1;
        for slot in old.into_iter().filter(|slot| slot.word_len != 0) {
            let mut at = slot.hash as usize & mask;
            while self.slots[at].word_len != 0 {
                at = (at + 1) & mask;
            }
            self.slots[at] = slot;
        }
    }

    fn fill(&mut self, at: usize, word: &[u8], hash: u32, stem_len: u8, stem: &[u8]) {
        let slot = &mut self.slots[at];
        slot.hash = hash;
        slot.word_len = word.len() as u8;
        slot.word[..word.len()].copy_from_slice(word);
        slot.stem_len = stem_len;
        slot.stem[..stem.len()].copy_from_slice(stem);
        self.words += 1;
    }

    /// What is known of `word`.
    fn get(&mut self, word: &str) -> Known<'_> {
        let bytes = word.as_bytes();
        if bytes.is_empty() || bytes.len() > INLINE {
            return Known::Unknown;
        }
        let at = self.find(bytes, hash_of(bytes));
        let slot = &self.slots[at];
        match slot.stem_len {
            _ if slot.word_len == 0 => Known::Unknown,
            STOP => Known::Stop,
            SAME => Known::Same,
            n => std::str::from_utf8(&slot.stem[..usize::from(n)])
                .map_or(Known::Unknown, Known::Stem),
        }
    }

    /// Remembers the stem of a word [`StemTable::get`] did not know, while there is room.
    fn remember(&mut self, word: &str, stem: &str) {
        let (bytes, stem) = (word.as_bytes(), stem.as_bytes());
        if self.words >= MAX_WORDS
            || bytes.is_empty()
            || bytes.len() > INLINE
            || stem.len() > INLINE
        {
            return;
        }
        if self.words >= self.slots.len() / 4 * 3 {
            self.grow();
        }
        let hash = hash_of(bytes);
        let at = self.find(bytes, hash);
        if self.slots[at].word_len == 0 {
            let (stem_len, stem) = if stem == bytes {
                (SAME, &[][..])
            } else {
                (stem.len() as u8, stem)
            };
            self.fill(at, bytes, hash, stem_len, stem);
        }
    }
}

/// Drops English stop words and stems the others like [`Stemmer`], remembering the stems it
/// has computed.
#[derive(Clone, Copy, Debug, Default)]
pub struct CachedStemmer;

impl TokenFilter for CachedStemmer {
    type Tokenizer<T: Tokenizer> = CachedStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> CachedStemmerFilter<T> {
        CachedStemmerFilter {
            inner: tokenizer,
            stems: StemTable::default(),
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
    /// Each word seen: a stop word, or its stem.
    stems: StemTable,
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
    stems: &'a mut StemTable,
    stemmer: &'a mut TextAnalyzer,
}

impl<T: TokenStream> TokenStream for CachedStemmerStream<'_, T> {
    fn advance(&mut self) -> bool {
        while self.tail.advance() {
            let token = self.tail.token_mut();
            match self.stems.get(&token.text) {
                Known::Stop => continue,
                Known::Same => {}
                Known::Stem(stem) => {
                    token.text.clear();
                    token.text.push_str(stem);
                }
                Known::Unknown => {
                    let stem = stem_word(self.stemmer, &token.text);
                    self.stems.remember(&token.text, &stem);
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

    fn cached() -> TextAnalyzer {
        TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(CachedStemmer)
            .build()
    }

    fn plain() -> TextAnalyzer {
        TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(StopWordFilter::new(Language::English).expect("an English list"))
            .filter(Stemmer::new(Language::English))
            .build()
    }

    #[test]
    fn same_stems_and_positions_as_the_stop_word_filter_and_plain_stemmer() {
        let text = "Exports exported exporting controls; the controls controlled nations' nation \
                    running runs ran ponies pony caresses, and it is such that there will be no \
                    end of the exports";
        assert_eq!(tokens(cached(), text), tokens(plain(), text));
    }

    #[test]
    fn same_tokens_as_the_plain_filters_past_a_full_table_and_for_long_words() {
        // More distinct words than the table holds, words of every length around the inline
        // limit, words that are their own stem and stop words, each seen many times.
        let endings = ["", "s", "ing", "ed", "ation", "ness", "ly", "ies"];
        let mut words = Vec::new();
        for i in 0..MAX_WORDS + 500 {
            let stem = format!("w{}{}", "x".repeat(i % 25), i);
            words.push(format!("{stem}{}", endings[i % endings.len()]));
            if i % 7 == 0 {
                words.push(STOP_WORDS[i % STOP_WORDS.len()].to_string());
            }
        }
        let text = format!("{} {}", words.join(" "), words.join(" "));
        assert_eq!(tokens(cached(), &text), tokens(plain(), &text));
    }

    #[test]
    fn memory_stays_bounded_and_keeps_answering() {
        let mut filter = CachedStemmer.transform(SimpleTokenizer::default());
        let mut stream = filter.token_stream("the walking exports");
        while stream.advance() {}
        assert_eq!(
            filter.stems.slots.len(),
            FIRST_SLOTS,
            "a few words keep the table small"
        );
        let text = (0..MAX_WORDS + 10)
            .map(|i| format!("walked{i} walking{i}"))
            .collect::<Vec<_>>()
            .join(" ");
        let mut stream = filter.token_stream(&text);
        while stream.advance() {}
        assert_eq!(filter.stems.words, MAX_WORDS);
        assert_eq!(filter.stems.slots.len(), SLOTS);
        let mut stream = filter.token_stream("the");
        assert!(!stream.advance(), "stop words stay known");
        let mut stream = filter.token_stream("walking walking");
        assert!(stream.advance());
        assert_eq!(stream.token().text, "walk");
        assert!(stream.advance());
        assert_eq!(stream.token().text, "walk");
    }
}
