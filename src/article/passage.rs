//! Body → passages: the units the index stores and the search ranks.
//!
//! A passage is usually one paragraph. Very short paragraphs (a one-line quote, a dateline) are
//! merged with the next so that a passage carries enough text to rank and to show; very long
//! paragraphs are split at sentence boundaries so that a hit points at the part that matched.
//! This is a pure function of the paragraphs: no I/O, no index.

use super::Paragraph;
use super::sentence::sentence_spans;

/// A paragraph shorter than this (in bytes) is merged with the one after it.
pub const MIN_PASSAGE_BYTES: usize = 280;
/// A paragraph longer than this (in bytes) is split at sentence boundaries.
pub const MAX_PASSAGE_BYTES: usize = 1200;
/// Split parts of a long paragraph aim for about this size (in bytes).
const TARGET_PART_BYTES: usize = 700;

/// One passage of an article's body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage {
    /// Position of the passage in its article, from 0.
    pub ordinal: u32,
    /// Line of the file where the passage starts (1-based).
    pub line: u64,
    /// The passage text; merged paragraphs are separated by a line break.
    pub text: String,
}

/// Splits an article body into passages: long paragraphs cut at sentence ends, short ones merged
/// forward (a short last paragraph joins the passage before it).
pub fn split_passages(body: &[Paragraph]) -> Vec<Passage> {
    let mut pieces: Vec<(u64, String)> = Vec::new();
    for paragraph in body {
        if paragraph.text.trim().is_empty() {
            continue;
        }
        if paragraph.text.len() > MAX_PASSAGE_BYTES {
            for part in split_long(&paragraph.text) {
                pieces.push((paragraph.line, part));
            }
        } else {
            pieces.push((paragraph.line, paragraph.text.clone()));
        }
    }

    let mut merged: Vec<(u64, String)> = Vec::new();
    for (line, text) in pieces {
        match merged.last_mut() {
            Some((_, current))
                if current.len() < MIN_PASSAGE_BYTES
                    && current.len() + text.len() < MAX_PASSAGE_BYTES =>
            {
                current.push('\n');
                current.push_str(&text);
            }
            _ => merged.push((line, text)),
        }
    }
    // A short tail reads better with the passage before it.
    if merged.len() >= 2 {
        let tail_is_short = merged
            .last()
            .is_some_and(|(_, text)| text.len() < MIN_PASSAGE_BYTES / 2);
        let fits = merged
            .iter()
            .rev()
            .take(2)
            .map(|(_, t)| t.len())
            .sum::<usize>()
            < MAX_PASSAGE_BYTES;
        if tail_is_short
            && fits
            && let Some((_, tail)) = merged.pop()
            && let Some((_, previous)) = merged.last_mut()
        {
            previous.push('\n');
            previous.push_str(&tail);
        }
    }

    merged
        .into_iter()
        .enumerate()
        .map(|(i, (line, text))| Passage {
            ordinal: u32::try_from(i).unwrap_or(u32::MAX),
            line,
            text,
        })
        .collect()
}

/// Cuts a long paragraph into parts of whole sentences of about [`TARGET_PART_BYTES`] each; a
/// sentence longer than [`MAX_PASSAGE_BYTES`] (text with no sentence ends) is cut between words
/// ([`word_chunks`]), so no passage grows with its input.
fn split_long(text: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut current = String::new();
    let sentences = sentence_spans(text)
        .into_iter()
        .flat_map(|span| word_chunks(&text[span]));
    for sentence in sentences {
        if !current.is_empty() && current.len() + sentence.len() > TARGET_PART_BYTES {
            parts.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(sentence);
    }
    if !current.is_empty() {
        parts.push(current);
    }
    parts
}

/// A sentence in chunks of at most [`TARGET_PART_BYTES`], cut at the last space before the
/// bound (at a character boundary when a chunk has no space); the sentence whole when short.
fn word_chunks(sentence: &str) -> Vec<&str> {
    if sentence.len() <= MAX_PASSAGE_BYTES {
        return vec![sentence];
    }
    let mut chunks = Vec::new();
    let mut rest = sentence.trim_start();
    while rest.len() > TARGET_PART_BYTES {
        let mut bound = TARGET_PART_BYTES;
        while !rest.is_char_boundary(bound) {
            bound -= 1;
        }
        let cut = rest[..bound]
            .rfind(char::is_whitespace)
            .filter(|&at| at > 0)
            .unwrap_or(bound);
        chunks.push(rest[..cut].trim_end());
        rest = rest[cut..].trim_start();
    }
    if !rest.is_empty() {
        chunks.push(rest);
    }
    chunks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_without_sentence_ends_is_cut_between_words() {
        let text = "harbour strike talks ".repeat(50_000);
        let passages = split_passages(&[Paragraph {
            line: 1,
            text: text.clone(),
        }]);
        assert!(passages.len() > 1000, "{}", passages.len());
        assert!(passages.iter().all(|p| p.text.len() <= MAX_PASSAGE_BYTES));
        let words: usize = passages
            .iter()
            .map(|p| p.text.split_whitespace().count())
            .sum();
        assert_eq!(words, text.split_whitespace().count());
        let glued = "x".repeat(5000);
        let parts = word_chunks(&glued);
        assert!(parts.iter().all(|p| p.len() <= TARGET_PART_BYTES) && parts.concat() == glued);
    }

    fn para(text: &str, line: u64) -> Paragraph {
        Paragraph {
            text: text.to_string(),
            line,
        }
    }

    fn sentence(n: usize) -> String {
        format!("This is sentence number {n} of a rather long paragraph about markets. ")
    }

    #[test]
    fn one_passage_per_ordinary_paragraph() {
        let a = "a".repeat(MIN_PASSAGE_BYTES + 10);
        let b = "b".repeat(MIN_PASSAGE_BYTES + 10);
        let passages = split_passages(&[para(&a, 3), para(&b, 5)]);
        assert_eq!(passages.len(), 2);
        assert_eq!((passages[0].line, passages[0].ordinal), (3, 0));
        assert_eq!((passages[1].line, passages[1].ordinal), (5, 1));
        assert_eq!(passages[1].text, b);
    }

    #[test]
    fn short_paragraphs_merge_forward() {
        let long = "x".repeat(MIN_PASSAGE_BYTES + 10);
        let passages =
            split_passages(&[para("“Finally.”", 1), para("He smiled.", 3), para(&long, 5)]);
        assert_eq!(passages.len(), 1);
        assert_eq!(passages[0].line, 1);
        assert!(passages[0].text.starts_with("“Finally.”\nHe smiled.\n"));
    }

    #[test]
    fn short_tail_joins_previous() {
        let long = "x".repeat(MIN_PASSAGE_BYTES + 10);
        let passages = split_passages(&[para(&long, 1), para(&long, 3), para("The end.", 5)]);
        assert_eq!(passages.len(), 2);
        assert!(passages[1].text.ends_with("\nThe end."));
    }

    #[test]
    fn long_paragraph_splits_at_sentences() {
        let text: String = (0..40).map(sentence).collect();
        let passages = split_passages(&[para(text.trim(), 7)]);
        assert!(passages.len() >= 2, "{} passages", passages.len());
        for passage in &passages {
            assert!(passage.text.len() <= MAX_PASSAGE_BYTES);
            assert!(passage.text.starts_with("This is sentence"));
            assert!(passage.text.ends_with("markets."));
            assert_eq!(passage.line, 7);
        }
        let rejoined: Vec<&str> = passages.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(rejoined.join(" "), text.trim());
    }

    #[test]
    fn empty_body_has_no_passages() {
        assert!(split_passages(&[]).is_empty());
        assert!(split_passages(&[para("   ", 1)]).is_empty());
    }
}
