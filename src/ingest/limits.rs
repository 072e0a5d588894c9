//! Bounds on what one article may hold, so memory stays bounded on any input.
//!
//! News articles run to tens of kilobytes. A file or record with more text than
//! [`MAX_ARTICLE_BYTES`] (a 200 MB dump on one line, a 50 MB CSV field) is cut there, at a
//! space, and the cut is reported: text beyond it is not indexed. A plain-text file is cut
//! before it is parsed, so parsing never sees more than the bound; other formats have each
//! article cut after parsing.

use crate::article::{Article, Paragraph};

/// Most bytes of text (headline and body) an article keeps.
pub const MAX_ARTICLE_BYTES: usize = 16 * 1024 * 1024;

/// `text` cut to at most `max` bytes at the last white space before the bound (at a character
/// boundary when there is none); `None` when it fits.
pub fn cut(text: &str, max: usize) -> Option<&str> {
    if text.len() <= max {
        return None;
    }
    let mut bound = max;
    while !text.is_char_boundary(bound) {
        bound -= 1;
    }
    let at = text[..bound]
        .rfind(char::is_whitespace)
        .filter(|&at| at > bound / 2)
        .unwrap_or(bound);
    Some(&text[..at])
}

/// Cuts an article's body so that its text fits [`MAX_ARTICLE_BYTES`]; returns the bytes it
/// had when it was cut.
pub fn cut_article(article: &mut Article) -> Option<usize> {
    let total: usize =
        article.headline.len() + article.body.iter().map(|p| p.text.len()).sum::<usize>();
    if total <= MAX_ARTICLE_BYTES {
        return None;
    }
    let mut room = MAX_ARTICLE_BYTES.saturating_sub(article.headline.len());
    let mut kept: Vec<Paragraph> = Vec::new();
    for paragraph in std::mem::take(&mut article.body) {
        if room == 0 {
            break;
        }
        if paragraph.text.len() <= room {
            room -= paragraph.text.len();
            kept.push(paragraph);
        } else {
            let text = cut(&paragraph.text, room)
                .unwrap_or(&paragraph.text)
                .to_string();
            kept.push(Paragraph {
                text,
                line: paragraph.line,
            });
            room = 0;
        }
    }
    article.body = kept;
    Some(total)
}

/// The message for text cut from `bytes` to the bound.
pub fn cut_message(what: &str, bytes: usize) -> String {
    format!(
        "{what} text cut at {} MB of its {:.0} MB: the rest is not indexed",
        MAX_ARTICLE_BYTES / (1024 * 1024),
        bytes as f64 / (1024.0 * 1024.0)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_at_a_space_before_the_bound() {
        assert_eq!(cut("short", 10), None);
        assert_eq!(cut("one two three four", 10), Some("one two"));
        assert_eq!(cut("ééééé", 5), Some("éé"));
        assert_eq!(cut("abcdefghij", 4), Some("abcd"));
    }

    #[test]
    fn long_articles_keep_their_first_paragraphs() {
        let mut article = Article {
            id: "x".into(),
            path: "x.txt".into(),
            line: 1,
            date: None,
            headline: "Long".into(),
            body: (0..10)
                .map(|i| Paragraph {
                    text: "word ".repeat(MAX_ARTICLE_BYTES / 20),
                    line: i,
                })
                .collect(),
            url: None,
            source: None,
            author: None,
        };
        let before = cut_article(&mut article).expect("cut");
        assert!(before > MAX_ARTICLE_BYTES);
        let after: usize = article.body.iter().map(|p| p.text.len()).sum();
        assert!(after <= MAX_ARTICLE_BYTES && after > MAX_ARTICLE_BYTES / 2);
        assert_eq!(cut_article(&mut article), None);
    }
}
