//! Who wrote and who published a page, and where it lives.
//!
//! [`site_name`] reads the publication (`og:site_name`, the JSON-LD publisher,
//! `application-name`, a JSON-LD `WebSite`), [`author`] the byline (JSON-LD authors, author
//! `<meta>` tags, `rel=author` links, `itemprop=author`, a `.byline` element) and [`page_url`]
//! the canonical address. Each returns `None` when the page does not say.

use scraper::{ElementRef, Html, Selector};

use super::furniture::class_tokens;
use super::jsonld::LinkedData;
use super::meta::PageMeta;
use crate::article::clean::normalise_space;

/// `<meta>` keys naming the author, most trusted first.
const AUTHOR_KEYS: &[&str] = &[
    "author",
    "article:author",
    "parsely-author",
    "sailthru.author",
    "dc.creator",
    "dcterms.creator",
    "byl",
];
/// A byline with more words than this is a sentence, not a name list.
const MAX_BYLINE_WORDS: usize = 12;
/// Words that end the names in a byline (`By Jane Roe Published 14 May`).
const BYLINE_STOPS: &[&str] = &[
    " published",
    " updated",
    " posted",
    " on ",
    " - ",
    " – ",
    " — ",
    "|",
    "•",
    "·",
];

/// The site or publication name.
pub fn site_name(meta: &PageMeta, ld: &LinkedData) -> Option<String> {
    meta.first(&["og:site_name"])
        .map(str::to_string)
        .or_else(|| ld.publisher.clone())
        .or_else(|| meta.first(&["application-name"]).map(str::to_string))
        .or_else(|| ld.website.clone())
        .map(|s| normalise_space(&s))
        .filter(|s| !s.is_empty())
}

/// The page's address: the canonical link (unless relative while `og:url` is absolute), else
/// `og:url`, else the JSON-LD article's address.
pub fn page_url(meta: &PageMeta, ld: &LinkedData) -> Option<String> {
    let og = meta.first(&["og:url"]);
    let canonical = meta
        .canonical
        .as_deref()
        .filter(|c| c.contains("://") || og.is_none_or(|o| !o.contains("://")));
    canonical.or(og).or(ld.url.as_deref()).map(str::to_string)
}

/// The author or authors, joined by `, `.
pub fn author(doc: &Html, meta: &PageMeta, ld: &LinkedData) -> Option<String> {
    ld.author
        .clone()
        .or_else(|| {
            AUTHOR_KEYS
                .iter()
                .filter_map(|k| meta.first(&[k]))
                .find(|v| !v.contains("://"))
                .and_then(clean_byline)
        })
        .or_else(|| linked_authors(doc))
        .or_else(|| byline_element(doc))
}

/// Names from `rel=author` links and `itemprop=author` elements.
fn linked_authors(doc: &Html) -> Option<String> {
    let selector = Selector::parse("[rel~=author], [itemprop~=author]").ok()?;
    let name = Selector::parse("[itemprop~=name]").ok()?;
    let mut found: Vec<String> = Vec::new();
    for element in doc.select(&selector).take(20) {
        let text = element
            .value()
            .attr("content")
            .map(str::to_string)
            .or_else(|| element.select(&name).next().map(element_text))
            .unwrap_or_else(|| element_text(element));
        if let Some(author) = clean_byline(&text)
            && !found.contains(&author)
        {
            found.push(author);
        }
    }
    (!found.is_empty()).then(|| found.join(", "))
}

/// The names in the first element whose class or id names a byline.
fn byline_element(doc: &Html) -> Option<String> {
    doc.root_element()
        .descendent_elements()
        .filter(|e| {
            class_tokens(e.value())
                .iter()
                .any(|t| t.contains("byline") || t.contains("author-name"))
        })
        .take(10)
        .find_map(|e| clean_byline(&element_text(e)))
}

/// An element's text, whitespace collapsed.
fn element_text(element: ElementRef<'_>) -> String {
    normalise_space(&element.text().collect::<String>())
}

/// The names in a byline: without a leading "By", cut before dates, labels and separators;
/// `None` when nothing name-like is left.
fn clean_byline(text: &str) -> Option<String> {
    let text = normalise_space(text);
    let lower = text.to_lowercase();
    let mut end = text.len();
    for stop in BYLINE_STOPS {
        if let Some(at) = lower.find(stop) {
            end = end.min(at);
        }
    }
    if let Some(at) = text.find(|c: char| c.is_ascii_digit()) {
        end = end.min(at);
    }
    let mut names = text.get(..end).unwrap_or(&text).trim();
    for prefix in ["by:", "by ", "von ", "par "] {
        let head = names.get(..prefix.len());
        if head.is_some_and(|h| h.eq_ignore_ascii_case(prefix)) {
            names = names.get(prefix.len()..).unwrap_or("").trim();
        }
    }
    let names = names.trim_matches(|c: char| !c.is_alphanumeric());
    let words = names.split_whitespace().count();
    (words > 0 && words <= MAX_BYLINE_WORDS && names.chars().any(char::is_alphabetic))
        .then(|| names.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleans_bylines() {
        assert_eq!(clean_byline("By Jane Roe").as_deref(), Some("Jane Roe"));
        assert_eq!(
            clean_byline("BY JANE ROE and Sam Poe | 14 May 2025").as_deref(),
            Some("JANE ROE and Sam Poe")
        );
        assert_eq!(
            clean_byline("By Jane Roe, Published 3 hours ago").as_deref(),
            Some("Jane Roe")
        );
        assert_eq!(clean_byline("14 May 2025"), None);
        assert_eq!(clean_byline(&"word ".repeat(30)), None);
    }

    #[test]
    fn finds_authors_in_markup() {
        let doc = Html::parse_document(
            r#"<a rel="author" href="/jane">Jane Roe</a>
            <span itemprop="author"><span itemprop="name">Sam Poe</span></span>
            <a rel="author" href="/jane">Jane Roe</a>"#,
        );
        assert_eq!(linked_authors(&doc).as_deref(), Some("Jane Roe, Sam Poe"));
        let doc = Html::parse_document(r#"<p class="article-byline">By Ana Díaz</p>"#);
        assert_eq!(byline_element(&doc).as_deref(), Some("Ana Díaz"));
    }

    #[test]
    fn relative_canonical_yields_to_absolute_og_url() {
        let doc = Html::parse_document(
            r#"<link rel="canonical" href="/news/a"><meta property="og:url" content="https://ex.org/news/a">"#,
        );
        let meta = super::super::meta::read_meta(&doc);
        let url = page_url(&meta, &LinkedData::default());
        assert_eq!(url.as_deref(), Some("https://ex.org/news/a"));
    }
}
