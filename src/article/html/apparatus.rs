//! The parts of an article that are not its body text: header, figures, bylines, datelines,
//! captions, and text hidden from readers.
//!
//! [`is_apparatus`] judges one element by its tag, names and visibility; a wrapper named like a
//! dateline (Blogger's `date-outer`) that holds paragraphs of prose is not apparatus. Page
//! furniture around the article is left to [`super::furniture`].

use scraper::ElementRef;

use super::furniture::prose_paragraphs;
use super::marks::{Marks, has_word};

/// Class or id fragments of article parts that are not body text.
const APPARATUS_WORDS: &[&str] = &[
    "byline",
    "dateline",
    "timestamp",
    "date",
    "meta",
    "caption",
    "credit",
    "author",
    "kicker",
    "eyebrow",
    "headline",
];

/// Class or id fragments that contain an apparatus word by accident (`update`, `candidate`) or
/// name body text after all (`date-body`).
const NOT_APPARATUS_WORDS: &[&str] = &["update", "candidate", "body", "content", "text"];

/// Whether an element is part of the article but not its body text: a `header`, an `h1`, a
/// `figure`, a byline, dateline or caption, or an element hidden from readers. A wrapper named
/// like a dateline (`date-outer`) that holds several paragraphs of prose is not; a caption of
/// one long paragraph still is.
pub fn is_apparatus(element: ElementRef<'_>) -> bool {
    if matches!(
        element.value().name(),
        "header" | "h1" | "hgroup" | "address" | "figure"
    ) {
        return true;
    }
    let marks = Marks::of(element.value());
    if marks.hidden {
        return true;
    }
    if !marks.style.is_empty() {
        let style: String = marks
            .style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        if style.contains("display:none") || style.contains("visibility:hidden") {
            return true;
        }
    }
    marks
        .tokens()
        .iter()
        .any(|t| has_word(t, APPARATUS_WORDS) && !has_word(t, NOT_APPARATUS_WORDS))
        && prose_paragraphs(element) < super::furniture::MIN_PROSE_PARAGRAPHS
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::{Html, Selector};

    fn is_apparatus_div(html: &str) -> bool {
        let doc = Html::parse_document(html);
        let selector = Selector::parse("div").expect("valid selector");
        is_apparatus(doc.select(&selector).next().expect("a div"))
    }

    #[test]
    fn recognises_apparatus() {
        assert!(is_apparatus_div(r#"<div class="entry-meta">x</div>"#));
        assert!(is_apparatus_div(r#"<div style="display: none">x</div>"#));
        assert!(!is_apparatus_div(r#"<div class="article-body">x</div>"#));
        assert!(!is_apparatus_div(r#"<div class="update-box">x</div>"#));
        let para = "<p>A paragraph of article prose that runs well past eighty visible characters, as the real paragraphs of news stories do.</p>";
        assert!(!is_apparatus_div(&format!(
            r#"<div class="date-outer">{}</div>"#,
            para.repeat(3)
        )));
        assert!(is_apparatus_div(&format!(
            r#"<div class="caption">{para}</div>"#
        )));
    }
}
