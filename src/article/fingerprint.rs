//! Fingerprints of content: stable hashes for ids and files, and the signatures that find
//! copies and near-copies of an article.
//!
//! - [`exact_fingerprint`]: the same words in the same order (case, punctuation and white space
//!   ignored) give the same value: syndicated copies of one story.
//! - [`simhash`]: a 64-bit SimHash over word 3-shingles; two articles whose signatures differ in
//!   at most [`NEAR_COPY_MAX_BITS`] bits are near-copies (the same story lightly edited). Only
//!   articles of at least [`NEAR_COPY_MIN_WORDS`] words get a signature: short texts collide.
//!
//! All hashes are FNV-1a 64, stable across Rust versions and platforms (they are stored on disk).

use super::Article;
use super::clean::char_at;

/// Two SimHash signatures at most this many bits apart are near-copies. On 64-bit SimHash over
/// word 3-shingles this corresponds roughly to a shingle overlap (Jaccard) above 0.8–0.9.
pub const NEAR_COPY_MAX_BITS: u32 = 3;
/// Articles shorter than this (in words) are never grouped as near-copies.
pub const NEAR_COPY_MIN_WORDS: usize = 40;

/// FNV-1a 64-bit hash of bytes.
pub fn fnv64(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &byte in bytes {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// Both fingerprints of an article, [`exact_fingerprint`] and [`simhash`], from one pass over
/// its words (indexing needs both).
pub fn fingerprints(article: &Article) -> (u64, u64) {
    let mut words = WordHashes::default();
    if article.body.is_empty() {
        words.push_text(&article.headline);
    }
    for paragraph in &article.body {
        words.push_text(&paragraph.text);
    }
    let simhash = words.simhash();
    (words.exact, simhash)
}

/// Fingerprint of an article's words (its body, or its headline when it has no body).
pub fn exact_fingerprint(article: &Article) -> u64 {
    fingerprints(article).0
}

/// SimHash of an article's word 3-shingles, or 0 when it is too short to compare.
pub fn simhash(article: &Article) -> u64 {
    fingerprints(article).1
}

/// FNV-1a's offset basis and prime.
const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0100_0000_01b3;

/// The running fingerprints of an article's words, lower-cased, punctuation dropped, read once
/// and without a copy: FNV-1a of every word followed by a space (the exact fingerprint), and how
/// many 3-shingles (each hashed from its three word hashes) set each bit, counted eight bits
/// at a time in 8-bit lanes.
struct WordHashes {
    exact: u64,
    /// The hashes of the last three words, the newest last.
    last: [u64; 3],
    words: usize,
    /// Per bit of the shingle hashes, how many set it: flushed from `pending` every
    /// [`FLUSH_EVERY`] shingles.
    counts: [u32; 64],
    /// Eight 8-bit counters per u64: lane j of `pending[i]` counts bit 8i + j.
    pending: [u64; 8],
    pending_shingles: u32,
}

/// Shingles counted in the 8-bit lanes before they are flushed (a lane holds at most 255).
const FLUSH_EVERY: u32 = 255;

/// For each byte value, a u64 whose byte j is bit j of the value: adding `SPREAD[b]` to a word
/// of eight 8-bit counters counts the eight bits of `b` at once.
const SPREAD: [u64; 256] = {
    let mut table = [0u64; 256];
    let mut value = 0;
    while value < 256 {
        let mut bit = 0;
        while bit < 8 {
            if value >> bit & 1 == 1 {
                table[value] |= 1 << (8 * bit);
            }
            bit += 1;
        }
        value += 1;
    }
    table
};

impl Default for WordHashes {
    fn default() -> WordHashes {
        WordHashes {
            exact: FNV_OFFSET,
            last: [0; 3],
            words: 0,
            counts: [0; 64],
            pending: [0; 8],
            pending_shingles: 0,
        }
    }
}

impl WordHashes {
    /// Adds the words of `text`: its runs of letters and digits, lower-cased. ASCII bytes are
    /// read one by one without decoding (a word splitter over chars was 4% of indexing time);
    /// a word with other characters is lower-cased whole, as `str::to_lowercase` does.
    fn push_text(&mut self, text: &str) {
        let mut at = 0;
        let mut start = None;
        let mut ascii = true;
        while let Some((c, width)) = char_at(text, at) {
            if c.is_alphanumeric() {
                if start.is_none() {
                    start = Some(at);
                    ascii = true;
                }
                ascii &= width == 1;
            } else if let Some(from) = start.take() {
                self.push_one(&text[from..at], ascii);
            }
            at += width;
        }
        if let Some(from) = start {
            self.push_one(&text[from..], ascii);
        }
    }

    /// Adds one word (letters and digits only); `ascii` when it is all ASCII.
    fn push_one(&mut self, word: &str, ascii: bool) {
        let mut hash = FNV_OFFSET;
        let mut eat = |byte: u8| {
            self.exact = (self.exact ^ u64::from(byte)).wrapping_mul(FNV_PRIME);
            hash = (hash ^ u64::from(byte)).wrapping_mul(FNV_PRIME);
        };
        if ascii {
            word.bytes().for_each(|b| eat(b.to_ascii_lowercase()));
        } else {
            word.to_lowercase().bytes().for_each(&mut eat);
        }
        self.exact = (self.exact ^ u64::from(b' ')).wrapping_mul(FNV_PRIME);
        self.push_word(hash);
    }

    /// Counts the shingle that ends with this word.
    fn push_word(&mut self, hash: u64) {
        self.last = [self.last[1], self.last[2], hash];
        self.words += 1;
        if self.words < 3 {
            return;
        }
        let shingle =
            mix(self.last[0].rotate_left(42) ^ self.last[1].rotate_left(21) ^ self.last[2]);
        for (i, lanes) in self.pending.iter_mut().enumerate() {
            *lanes += SPREAD[(shingle >> (8 * i) & 0xff) as usize];
        }
        self.pending_shingles += 1;
        if self.pending_shingles == FLUSH_EVERY {
            self.flush();
        }
    }

    /// Adds the 8-bit lane counters into `counts`.
    fn flush(&mut self) {
        for (i, lanes) in self.pending.iter_mut().enumerate() {
            for lane in 0..8 {
                self.counts[8 * i + lane] += (*lanes >> (8 * lane) & 0xff) as u32;
            }
            *lanes = 0;
        }
        self.pending_shingles = 0;
    }

    /// The SimHash: each bit set where most shingles set it; 0 under [`NEAR_COPY_MIN_WORDS`]
    /// words.
    fn simhash(&mut self) -> u64 {
        if self.words < NEAR_COPY_MIN_WORDS {
            return 0;
        }
        self.flush();
        let shingles = (self.words - 2) as u64;
        // A bit is set where more than half the shingles set it.
        self.counts
            .iter()
            .enumerate()
            .filter(|(_, c)| 2 * u64::from(**c) > shingles)
            .fold(0u64, |acc, (bit, _)| acc | 1 << bit)
    }
}

/// A 64-bit finaliser (SplitMix64's): spreads the bits of a combined hash, so each SimHash bit
/// is set by about half the shingles.
fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// A stable 64-bit hash of a file's bytes, eight at a time (FNV-1a's step over 64-bit words):
/// what the manifest compares to tell a changed file from an unchanged one.
pub fn content_hash(bytes: &[u8]) -> u64 {
    let mut hash = FNV_OFFSET;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        hash = mix((hash ^ u64::from_le_bytes(word)).wrapping_mul(FNV_PRIME));
    }
    for &byte in chunks.remainder() {
        hash = (hash ^ u64::from(byte)).wrapping_mul(FNV_PRIME);
    }
    mix(hash ^ bytes.len() as u64)
}

/// Whether two SimHash signatures mark near-copies (0 means "too short to tell").
pub fn is_near_copy(a: u64, b: u64) -> bool {
    a != 0 && b != 0 && (a ^ b).count_ones() <= NEAR_COPY_MAX_BITS
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Paragraph;
    use std::path::PathBuf;

    /// The words as `push_text` once split them: at every character that is not a letter or
    /// digit, each lower-cased whole.
    fn reference(text: &str) -> WordHashes {
        let mut words = WordHashes::default();
        for word in text.split(|c: char| !c.is_alphanumeric()) {
            if !word.is_empty() {
                words.push_one(&word.to_lowercase(), true);
            }
        }
        words
    }

    #[test]
    fn words_are_split_and_lower_cased_like_a_split_at_every_other_character() {
        let texts = [
            "The ÖL-Preis stieg; ΣΟΦΟΣ ΛΟΓΟΣ and Straße 12,5% — café’s Zürich.",
            "  \u{a0}İstanbul DŽungla ǅ 東京 2019年4月2日 x²y ½ ",
            &"Mixed ascii and ünïcödé words, repeated. ".repeat(40),
            "",
            "a",
        ];
        for text in texts {
            let (mut got, mut want) = (WordHashes::default(), reference(text));
            got.push_text(text);
            assert_eq!(got.exact, want.exact, "{text:?}");
            assert_eq!(got.simhash(), want.simhash(), "{text:?}");
        }
    }

    fn article(body: &str) -> Article {
        Article {
            id: "a".into(),
            path: PathBuf::from("a.txt"),
            line: 1,
            date: None,
            headline: "Headline".into(),
            body: body
                .split("\n\n")
                .map(|t| Paragraph {
                    text: t.into(),
                    line: 1,
                })
                .collect(),
            url: None,
            source: None,
            author: None,
        }
    }

    fn story() -> String {
        (0..12)
            .map(|i| {
                format!("Sentence {i} of the wire story says the port strike entered day {i}.")
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn exact_copies_ignore_case_space_and_punctuation() {
        let a = article("The port  strike went on.\n\nUnions said so.");
        let b = article("the port strike went on unions said so");
        let c = article("The port strike ended.");
        assert_eq!(exact_fingerprint(&a), exact_fingerprint(&b));
        assert_ne!(exact_fingerprint(&a), exact_fingerprint(&c));
    }

    #[test]
    fn light_edits_are_near_copies_and_other_stories_are_not() {
        let original = story();
        let edited = original.replacen("entered day 3", "reached day 3", 1);
        let other: String = (0..12)
            .map(|i| format!("Rainfall total {i} broke the record at station {i} overnight."))
            .collect::<Vec<_>>()
            .join(" ");
        let (a, b, c) = (
            simhash(&article(&original)),
            simhash(&article(&edited)),
            simhash(&article(&other)),
        );
        assert!(is_near_copy(a, b), "distance {}", (a ^ b).count_ones());
        assert!(!is_near_copy(a, c), "distance {}", (a ^ c).count_ones());
    }

    #[test]
    fn short_articles_have_no_signature() {
        assert_eq!(simhash(&article("Too short to compare.")), 0);
        assert!(!is_near_copy(0, 0));
    }

    #[test]
    fn exact_fingerprint_is_fnv_of_the_lowercased_words() {
        let a = article(&format!("{} Écoute ΟΔΟΣ, naïve!", story()));
        // The reference: words as lower-cased strings, hashed with a space after each.
        let words: Vec<String> = a.body[0]
            .text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        assert!(words.iter().any(|w| w.starts_with("οδο")), "{words:?}");
        let spaced: String = words.iter().map(|w| format!("{w} ")).collect();
        assert_eq!(exact_fingerprint(&a), fnv64(spaced.as_bytes()));
        // The SimHash, counted one bit at a time: each shingle hashed from its words' FNV-1a.
        let hashes: Vec<u64> = words.iter().map(|w| fnv64(w.as_bytes())).collect();
        let mut counts = [0i64; 64];
        for h in hashes.windows(3) {
            let shingle = mix(h[0].rotate_left(42) ^ h[1].rotate_left(21) ^ h[2]);
            for (bit, count) in counts.iter_mut().enumerate() {
                *count += if shingle >> bit & 1 == 1 { 1 } else { -1 };
            }
        }
        let expected = (0..64)
            .filter(|&b| counts[b] > 0)
            .fold(0u64, |acc, b| acc | 1 << b);
        assert_eq!(simhash(&a), expected);
    }

    #[test]
    fn long_articles_count_past_the_lane_limit() {
        // Over 255 shingles: the 8-bit lanes must be flushed, not wrap.
        let long = format!("{} {}", story().repeat(4), story());
        let text = article(&long);
        let copy = article(&long.replace("day 7", "day seven"));
        assert!(is_near_copy(simhash(&text), simhash(&copy)));
        assert_ne!(simhash(&text), u64::MAX);
    }

    #[test]
    fn content_hash_tells_files_apart() {
        let a = content_hash(b"The port strike went on for a week.");
        assert_eq!(a, content_hash(b"The port strike went on for a week."));
        assert_ne!(a, content_hash(b"The port strike went on for a week!"));
        assert_ne!(content_hash(b""), content_hash(b"\0"));
        assert_ne!(content_hash(b"12345678"), content_hash(b"1234567812345678"));
    }

    #[test]
    fn fnv_is_stable() {
        assert_eq!(fnv64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv64(b"a"), 0xaf63_dc4c_8601_ec8c);
    }
}
