//! Sentence boundaries in English news prose.
//!
//! Headlines derived from a lead, passages split at sentence ends and snippets aligned to
//! sentences all need the same notion of "sentence". [`sentence_spans`] finds them as byte ranges,
//! so callers can cut the original text without copying it. The rules are deliberately simple:
//! `.`, `!` or `?` (with any closing quotes or brackets) followed by white space and a capital
//! letter, digit or opening quote ends a sentence, unless the word before the full stop is a
//! common abbreviation (`Mr.`, `U.S.`, `Inc.`) or a single letter (an initial).

use std::ops::Range;

/// Abbreviations after which a full stop does not end a sentence (lower case, without the dot).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "gen", "col", "lt", "sgt", "capt",
    "gov", "sen", "rep", "rev", "hon", "pres", "inc", "ltd", "co", "corp", "plc", "llc", "bros",
    "vs", "etc", "eg", "ie", "no", "nos", "vol", "fig", "approx", "dept", "est", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "u.n",
    "e.u", "a.m", "p.m", "e.g", "i.e",
];

/// Splits `text` into sentences, returned as byte ranges that cover the text without its
/// surrounding white space. Text with no sentence end is one sentence. One pass, no copy: the
/// cost is linear in the text, whatever it holds.
pub fn sentence_spans(text: &str) -> Vec<Range<usize>> {
    let mut spans = Vec::new();
    let mut start = skip_space(text, 0);
    let mut i = start;
    while let Some(offset) = text[i..].find(['.', '!', '?']) {
        let pos = i + offset;
        let c = text[pos..].chars().next().unwrap_or('.');
        // Take the run of terminal punctuation and closing quotes/brackets.
        let mut end = pos + c.len_utf8();
        while let Some(d) = text[end..].chars().next().filter(|&d| is_closing(d)) {
            end += d.len_utf8();
        }
        let next_is_space = text[end..].chars().next().is_some_and(char::is_whitespace);
        if next_is_space
            && starts_sentence(text, skip_space(text, end))
            && !(c == '.' && is_abbreviation(&text[start..pos]))
        {
            spans.push(start..end);
            start = skip_space(text, end);
        }
        i = end;
    }
    let tail_end = text.trim_end().len();
    if start < tail_end {
        spans.push(start..tail_end);
    }
    spans
}

/// The first sentence of `text`, trimmed.
pub fn first_sentence(text: &str) -> &str {
    sentence_spans(text)
        .first()
        .map_or("", |span| &text[span.clone()])
}

/// Byte position of the first non-space character at or after `from`.
fn skip_space(text: &str, from: usize) -> usize {
    text[from..]
        .char_indices()
        .find(|&(_, c)| !c.is_whitespace())
        .map_or(text.len(), |(i, _)| from + i)
}

/// Punctuation that may follow a sentence end and still belongs to the sentence.
fn is_closing(c: char) -> bool {
    matches!(
        c,
        '.' | '!' | '?' | '"' | '\'' | ')' | ']' | '”' | '’' | '»'
    )
}

/// Whether the text at `pos` can begin a new sentence.
fn starts_sentence(text: &str, pos: usize) -> bool {
    text[pos..].chars().next().is_some_and(|c| {
        c.is_uppercase() || c.is_ascii_digit() || matches!(c, '"' | '“' | '‘' | '\'' | '(' | '«')
    })
}

/// Whether the word that ends the text before a full stop is an abbreviation or an initial.
/// Only a short word can be one: a long run without spaces (`a.b.c.…`) is never lower-cased
/// whole, so the check costs no more than the abbreviations' length.
fn is_abbreviation(before: &str) -> bool {
    const LONGEST: usize = 12;
    let mut from = before.len().saturating_sub(LONGEST + 1);
    while !before.is_char_boundary(from) {
        from -= 1;
    }
    let word = before[from..]
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '“')
        .next()
        .unwrap_or("");
    if word.len() > LONGEST {
        return false;
    }
    let lower = word.to_lowercase();
    let letters = lower.chars().filter(|c| c.is_alphabetic()).count();
    (letters == 1 && lower.chars().all(char::is_alphabetic))
        || ABBREVIATIONS.contains(&lower.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        sentence_spans(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn splits_plain_sentences() {
        assert_eq!(
            sentences("Prices rose. Markets fell! Why? Nobody knows."),
            vec!["Prices rose.", "Markets fell!", "Why?", "Nobody knows."]
        );
    }

    #[test]
    fn keeps_abbreviations_and_initials_inside() {
        assert_eq!(
            sentences("Mr. Smith met U.S. officials in Washington. J. Doe agreed."),
            vec![
                "Mr. Smith met U.S. officials in Washington.",
                "J. Doe agreed."
            ]
        );
    }

    #[test]
    fn keeps_decimals_and_lowercase_continuations() {
        assert_eq!(
            sentences("Growth was 3.5 per cent. it said"),
            vec!["Growth was 3.5 per cent. it said"]
        );
    }

    #[test]
    fn closing_quotes_stay_with_their_sentence() {
        assert_eq!(
            sentences("“We will win.” The crowd cheered."),
            vec!["“We will win.”", "The crowd cheered."]
        );
    }

    #[test]
    fn text_without_end_is_one_sentence() {
        assert_eq!(
            sentences("  no full stop here  "),
            vec!["no full stop here"]
        );
        assert!(sentences("   ").is_empty());
    }

    #[test]
    fn first_sentence_of_lead() {
        assert_eq!(first_sentence("One thing. Another."), "One thing.");
        assert_eq!(first_sentence(""), "");
    }
}
