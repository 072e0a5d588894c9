//! Headlines: recognising a title line, and deriving one when the source gives none.
//!
//! A plain-text article often opens with a short title line followed by a blank line; many
//! scraped ones open straight with a standfirst instead. [`is_title_line`] tells the two apart,
//! and [`derive_headline`] makes a headline from the first sentence of the lead when there is no
//! title. Both are format-independent; the parsers decide which lines to offer.

use super::clean::normalise_space;
use super::sentence::first_sentence;

/// A title line has at most this many characters.
const MAX_TITLE_CHARS: usize = 150;
/// A title line has at most this many words.
const MAX_TITLE_WORDS: usize = 22;
/// Longest derived headline, in characters, before it is cut at a word boundary.
const MAX_DERIVED_CHARS: usize = 140;

/// Whether a single line, standing alone before a blank line, reads as a title rather than the
/// first paragraph of the body: short, and not ending like a sentence (a question or
/// exclamation still counts as a title).
pub fn is_title_line(line: &str) -> bool {
    let line = line.trim();
    let chars = line.chars().count();
    let words = line.split_whitespace().count();
    if chars == 0 || chars > MAX_TITLE_CHARS || words > MAX_TITLE_WORDS {
        return false;
    }
    if !line.chars().any(char::is_alphabetic) {
        return false;
    }
    // A full stop at the end marks a sentence, unless the line is short (e.g. "U.S. acts.").
    let ends_sentence = line.ends_with('.') && !line.ends_with("...") && words > 6;
    let ends_clause = line.ends_with([',', ';', ':']);
    !ends_sentence && !ends_clause
}

/// Makes a headline from the lead paragraph: its first sentence, cut at a word boundary with `…`
/// when it is too long. Returns an empty string for an empty lead.
pub fn derive_headline(lead: &str) -> String {
    let sentence = normalise_space(first_sentence(lead));
    if sentence.chars().count() <= MAX_DERIVED_CHARS {
        return sentence;
    }
    let mut cut = String::new();
    for word in sentence.split(' ') {
        if cut.chars().count() + word.chars().count() + 1 > MAX_DERIVED_CHARS {
            break;
        }
        if !cut.is_empty() {
            cut.push(' ');
        }
        cut.push_str(word);
    }
    if cut.is_empty() {
        cut = sentence.chars().take(MAX_DERIVED_CHARS).collect();
    }
    let cut = cut.trim_end_matches([',', ';', ':', '-', '–', '—', ' ']);
    format!("{cut}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_lines_are_titles() {
        assert!(is_title_line(
            "Oil climbs to three-month high on supply fears"
        ));
        assert!(is_title_line("Is the boom over?"));
        assert!(is_title_line("BAHIA COCOA REVIEW"));
    }

    #[test]
    fn sentences_and_long_lines_are_not_titles() {
        assert!(!is_title_line(
            "Thousands of residents were moved to emergency shelters overnight."
        ));
        assert!(!is_title_line(&"word ".repeat(30)));
        assert!(!is_title_line("   "));
        assert!(!is_title_line("12 345"));
        assert!(!is_title_line("He said:"));
    }

    #[test]
    fn derives_first_sentence() {
        let lead = "DeepSeek’s recent AI breakthrough shows China’s growing capability. The development could signal a shift.";
        assert_eq!(
            derive_headline(lead),
            "DeepSeek’s recent AI breakthrough shows China’s growing capability."
        );
    }

    #[test]
    fn cuts_long_sentence_at_word_boundary() {
        let lead = format!("{} end.", "alpha beta gamma ".repeat(20));
        let headline = derive_headline(&lead);
        assert!(headline.ends_with('…'));
        assert!(headline.chars().count() <= MAX_DERIVED_CHARS + 1);
        let stem = headline.trim_end_matches('…');
        assert!(lead.starts_with(stem), "a prefix of the lead");
        assert!(
            lead[stem.len()..].starts_with(' '),
            "cut at a word boundary"
        );
    }

    #[test]
    fn empty_lead_gives_empty_headline() {
        assert_eq!(derive_headline(""), "");
    }
}
