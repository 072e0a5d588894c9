//! Web boilerplate removal shared by every input format.
//!
//! Scraped pages carry lines that are not article text: share buttons, comment prompts,
//! "Advertisement", "Read more", cookie notices, subscription pitches. [`is_boilerplate`] judges a
//! single line or short paragraph; [`strip_boilerplate`] removes such paragraphs and the short
//! page furniture that trails them at the end of an article. Whitespace normalisation of the text
//! that is kept also lives here. Deciding what is a headline or a date is left to the parsers.

use super::Paragraph;

/// Longest text, in characters, that may be judged boilerplate: real paragraphs are longer.
const MAX_BOILERPLATE_CHARS: usize = 160;

/// Lines that are boilerplate when they are the whole line (compared case-insensitively, after
/// trimming punctuation and symbols at both ends).
const EXACT: &[&str] = &[
    "advertisement",
    "advertisements",
    "ad",
    "sponsored",
    "sponsored content",
    "leave a reply",
    "leave a comment",
    "leave a reply cancel reply",
    "exit mobile version",
    "skip to content",
    "skip to main content",
    "share",
    "share this",
    "share this article",
    "share this story",
    "share this post",
    "share on facebook",
    "share on twitter",
    "share on x",
    "share on linkedin",
    "share via email",
    "tweet",
    "email",
    "print",
    "comments",
    "comment",
    "post a comment",
    "view comments",
    "show comments",
    "read more",
    "read next",
    "read also",
    "see also",
    "continue reading",
    "related",
    "related posts",
    "related articles",
    "related stories",
    "related content",
    "more stories",
    "recommended",
    "recommended for you",
    "most read",
    "most popular",
    "trending",
    "trending now",
    "you may also like",
    "you might also like",
    "subscribe",
    "subscribe now",
    "sign up",
    "sign in",
    "log in",
    "login",
    "register",
    "menu",
    "search",
    "home",
    "back to top",
    "scroll to top",
    "accept",
    "accept all",
    "accept cookies",
    "got it",
    "close",
    "loading",
    "copy link",
    "link copied",
    "whatsapp",
    "facebook",
    "twitter",
    "linkedin",
    "pinterest",
    "reddit",
    "telegram",
    "image source",
    "getty images",
    "media caption",
    "all rights reserved",
    "your email address will not be published",
    "required fields are marked",
    "save my name email and website in this browser for the next time i comment",
];

/// Lines that are boilerplate when they start with one of these (case-insensitive).
const PREFIXES: &[&str] = &[
    "read more:",
    "read more about",
    "read also:",
    "see also:",
    "related:",
    "related article",
    "related story",
    "follow us on",
    "follow us:",
    "like us on",
    "join us on",
    "subscribe to",
    "sign up for",
    "sign up to",
    "click here",
    "tap here",
    "we use cookies",
    "this website uses cookies",
    "this site uses cookies",
    "by continuing to use",
    "by using this site",
    "cookie policy",
    "cookie settings",
    "privacy policy",
    "terms of use",
    "terms and conditions",
    "copyright ©",
    "copyright (c)",
    "©",
    "(c) copyright",
    "all rights reserved",
    "posted in",
    "filed under",
    "tags:",
    "tagged:",
    "share this:",
    "share on",
    "image:",
    "photo:",
    "image caption",
    "media caption",
    "watch:",
    "listen:",
    "download our app",
    "get our newsletter",
    "newsletter",
    "your email address",
    "you must be logged in",
    "comments are closed",
    "this article is more than",
    "this content is not available",
];

/// Judges whether a line or short paragraph is web page furniture rather than article text.
pub fn is_boilerplate(text: &str) -> bool {
    let trimmed = text.trim();
    // More than the most characters: a byte count at most that many cannot be, and a longer
    // text is read only that far.
    let too_long = trimmed.len() > MAX_BOILERPLATE_CHARS
        && trimmed.chars().nth(MAX_BOILERPLATE_CHARS).is_some();
    if trimmed.is_empty() || too_long {
        return false;
    }
    let lower = trimmed.to_lowercase();
    let bare = lower.trim_matches(|c: char| !c.is_alphanumeric());
    let words = normalise_words(bare);
    EXACT.contains(&words.as_str())
        || PREFIXES
            .iter()
            .any(|p| lower.starts_with(p) || bare.starts_with(p))
        || is_symbol_only(trimmed)
}

/// Removes boilerplate paragraphs, and once boilerplate appears near the end of the body, the
/// short lines that follow it (comment forms, link lists) as well.
pub fn strip_boilerplate(paragraphs: Vec<Paragraph>) -> Vec<Paragraph> {
    let mut kept: Vec<Paragraph> = Vec::with_capacity(paragraphs.len());
    let mut in_trailer = false;
    for paragraph in paragraphs {
        if is_boilerplate(&paragraph.text) {
            in_trailer = true;
            continue;
        }
        if in_trailer && is_trailer_fragment(&paragraph.text) {
            continue;
        }
        in_trailer = false;
        kept.push(paragraph);
    }
    kept
}

/// Collapses runs of whitespace (including non-breaking spaces) to one space and trims the ends.
/// Text between whitespace that needs no change (words one ASCII space apart) is copied in one
/// piece: most text is like that, and copying word by word made this a fifth of parsing time.
pub fn normalise_space(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // `text[copied..]` is not yet in `out`.
    let mut copied = 0;
    let mut at = 0;
    while let Some((c, width)) = char_at(text, at) {
        if !is_space(c) {
            at += width;
            continue;
        }
        let run = at;
        at += width;
        let mut more = false;
        while let Some((next, width)) = char_at(text, at) {
            if !is_space(next) {
                break;
            }
            more = true;
            at += width;
        }
        if c == ' ' && !more && run > 0 && at < text.len() {
            continue; // one space between two words stays as it is
        }
        out.push_str(&text[copied..run]);
        if !out.is_empty() && at < text.len() {
            out.push(' ');
        }
        copied = at;
    }
    out.push_str(&text[copied..]);
    out
}

/// Whether `c` is white space (a non-breaking space too).
fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{a0}'
}

/// The character at byte `at` of `text` (a character boundary) and its width, `None` at the
/// end. ASCII (most of any text) is read without decoding.
pub fn char_at(text: &str, at: usize) -> Option<(char, usize)> {
    let byte = *text.as_bytes().get(at)?;
    if byte < 0x80 {
        return Some((char::from(byte), 1));
    }
    let c = text[at..].chars().next()?;
    Some((c, c.len_utf8()))
}

/// Whether a short line after boilerplate is more furniture: no sentence ending, few words.
fn is_trailer_fragment(text: &str) -> bool {
    let trimmed = text.trim();
    let words = trimmed.split_whitespace().count();
    words <= 8 && !trimmed.ends_with(['.', '!', '?', '"', '”'])
}

/// Lower-case words joined by single spaces, punctuation inside the text dropped.
fn normalise_words(text: &str) -> String {
    let cleaned: String = text
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    normalise_space(&cleaned)
}

/// A line made only of symbols and punctuation, such as `***` or `• • •`.
fn is_symbol_only(text: &str) -> bool {
    !text.chars().any(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(text: &str, line: u64) -> Paragraph {
        Paragraph {
            text: text.to_string(),
            line,
        }
    }

    #[test]
    fn known_furniture_is_boilerplate() {
        for line in [
            "Leave A Reply",
            "Exit mobile version",
            "ADVERTISEMENT",
            "Advertisement -",
            "Share this article",
            "Read more: Oil prices fall again",
            "We use cookies to improve your experience. Accept",
            "Follow us on Twitter",
            "Related Posts",
            "© 2025 Example News. All rights reserved.",
            "* * *",
        ] {
            assert!(is_boilerplate(line), "{line:?} should be boilerplate");
        }
    }

    #[test]
    fn article_sentences_are_not_boilerplate() {
        for line in [
            "Share prices fell sharply on Monday after the announcement.",
            "The minister said she would read more reports before deciding.",
            "Comments from the central bank surprised markets.",
            "Advertisement revenue at the group rose 12% in the quarter, it said.",
        ] {
            assert!(!is_boilerplate(line), "{line:?} is article text");
        }
    }

    #[test]
    fn long_text_is_never_boilerplate() {
        let long = format!("Read more: {}", "word ".repeat(60));
        assert!(!is_boilerplate(&long));
    }

    #[test]
    fn strips_trailer_and_short_lines_after_it() {
        let body = vec![
            para("The vote was held on Tuesday.", 1),
            para("Leave A Reply", 3),
            para("Cancel reply", 5),
            para("Exit mobile version", 7),
        ];
        let kept = strip_boilerplate(body);
        assert_eq!(kept, vec![para("The vote was held on Tuesday.", 1)]);
    }

    #[test]
    fn keeps_real_paragraph_after_boilerplate() {
        let body = vec![
            para("First paragraph.", 1),
            para("Advertisement", 3),
            para("The second paragraph continues the story.", 5),
        ];
        let kept = strip_boilerplate(body);
        assert_eq!(kept.len(), 2);
        assert_eq!(kept[1].line, 5);
    }

    #[test]
    fn normalises_whitespace() {
        assert_eq!(normalise_space("  a \t b\u{a0}\u{a0}c\n"), "a b c");
        assert_eq!(normalise_space("é\u{2003}b\u{85}\u{b}ñ ü"), "é b ñ ü");
        assert_eq!(normalise_space(" \u{3000} "), "");
    }

    #[test]
    fn normalises_whitespace_like_splitting_and_joining() {
        // Every short string over letters and the kinds of white space, against the plain
        // definition: split at white space, join with one space.
        let alphabet = [
            'a', 'é', ' ', '\t', '\n', '\u{a0}', '\u{b}', '\u{2003}', '’',
        ];
        let plain = |text: &str| {
            text.split(|c: char| c.is_whitespace() || c == '\u{a0}' || c == '\u{b}')
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        };
        let n = alphabet.len();
        for len in 0..=5u32 {
            for mut code in 0..n.pow(len) {
                let mut text = String::new();
                for _ in 0..len {
                    text.push(alphabet[code % n]);
                    code /= n;
                }
                assert_eq!(normalise_space(&text), plain(&text), "{text:?}");
            }
        }
    }
}
