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
    let words = ArticleWords::of(article);
    (words.exact(), words.simhash())
}

/// Fingerprint of an article's words (its body, or its headline when it has no body).
pub fn exact_fingerprint(article: &Article) -> u64 {
    ArticleWords::of(article).exact()
}

/// SimHash of an article's word 3-shingles, or 0 when it is too short to compare.
pub fn simhash(article: &Article) -> u64 {
    ArticleWords::of(article).simhash()
}

/// An article's words, lower-cased, punctuation dropped, kept in one buffer (`text`: each word
/// followed by one space) with each word's byte range, so that fingerprinting allocates twice
/// per article rather than once per word.
struct ArticleWords {
    text: String,
    spans: Vec<(usize, usize)>,
}

impl ArticleWords {
    /// The words of the article's body, or of its headline when it has no body.
    fn of(article: &Article) -> ArticleWords {
        let mut words = ArticleWords {
            text: String::new(),
            spans: Vec::new(),
        };
        if article.body.is_empty() {
            words.push_words(&article.headline);
        }
        for paragraph in &article.body {
            words.push_words(&paragraph.text);
        }
        words
    }

    fn push_words(&mut self, text: &str) {
        for word in text.split(|c: char| !c.is_alphanumeric()) {
            if word.is_empty() {
                continue;
            }
            let start = self.text.len();
            if word.is_ascii() {
                self.text
                    .extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
            } else {
                self.text.push_str(&word.to_lowercase());
            }
            self.spans.push((start, self.text.len()));
            self.text.push(' ');
        }
    }

    /// FNV-1a of the words, each followed by a space.
    fn exact(&self) -> u64 {
        fnv64(self.text.as_bytes())
    }

    /// SimHash over word 3-shingles, each hashed as `fnv64("w1 w2 w3")`; 0 under
    /// [`NEAR_COPY_MIN_WORDS`] words.
    fn simhash(&self) -> u64 {
        if self.spans.len() < NEAR_COPY_MIN_WORDS {
            return 0;
        }
        let mut counts = [0i32; 64];
        for shingle in self.spans.windows(3) {
            let hash = fnv64(&self.text.as_bytes()[shingle[0].0..shingle[2].1]);
            for (bit, count) in counts.iter_mut().enumerate() {
                // +1 for a set bit, -1 for a clear one, without a branch.
                *count += ((hash >> bit) & 1) as i32 * 2 - 1;
            }
        }
        counts
            .iter()
            .enumerate()
            .filter(|(_, c)| **c > 0)
            .fold(0u64, |acc, (bit, _)| acc | 1 << bit)
    }
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
    fn one_pass_gives_the_same_fingerprints() {
        let a = article(&format!("{} Écoute ΟΔΟΣ, naïve!", story()));
        assert_eq!(fingerprints(&a), (exact_fingerprint(&a), simhash(&a)));
        // The reference: words as lower-cased strings; the whole text hashed with a space after
        // each word, each shingle hashed as its words joined by single spaces.
        let words: Vec<String> = a.body[0]
            .text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        assert!(words.iter().any(|w| w.starts_with("οδο")), "{words:?}");
        let spaced: String = words.iter().map(|w| format!("{w} ")).collect();
        assert_eq!(exact_fingerprint(&a), fnv64(spaced.as_bytes()));
        let mut counts = [0i32; 64];
        for shingle in words.windows(3) {
            let hash = fnv64(shingle.join(" ").as_bytes());
            for (bit, count) in counts.iter_mut().enumerate() {
                *count += if hash >> bit & 1 == 1 { 1 } else { -1 };
            }
        }
        let joined = (0..64)
            .filter(|&b| counts[b] > 0)
            .fold(0u64, |acc, b| acc | 1 << b);
        assert_eq!(simhash(&a), joined);
    }

    #[test]
    fn fnv_is_stable() {
        assert_eq!(fnv64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv64(b"a"), 0xaf63_dc4c_8601_ec8c);
    }
}
