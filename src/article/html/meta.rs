//! The metadata of a page's `<head>` (and stray `<meta>` tags in its body).
//!
//! [`read_meta`] collects every `<meta>` value by its lower-cased `property`, `name`, `itemprop`
//! or `http-equiv` key (the first value of a key wins), the canonical link and the `<title>`.
//! Which key answers which question (headline, date, author) is left to the callers.

use std::collections::HashMap;

use scraper::{ElementRef, Html, Selector};

use crate::article::clean::normalise_space;

/// The `<meta>` values, canonical address and title of a page.
#[derive(Debug, Default, Clone)]
pub struct PageMeta {
    values: HashMap<String, String>,
    /// `<link rel=canonical>`'s `href`.
    pub canonical: Option<String>,
    /// The text of the document's `<title>`, whitespace collapsed.
    pub title: Option<String>,
}

impl PageMeta {
    /// The first non-empty value among `keys` (lower-case), in the order given.
    pub fn first(&self, keys: &[&str]) -> Option<&str> {
        keys.iter()
            .find_map(|k| self.values.get(*k))
            .map(String::as_str)
    }

    /// The page's address: the canonical link, else `og:url`.
    pub fn url(&self) -> Option<&str> {
        self.canonical
            .as_deref()
            .or_else(|| self.first(&["og:url", "twitter:url"]))
    }
}

/// Reads the `<meta>` tags, canonical link and title of a document.
pub fn read_meta(doc: &Html) -> PageMeta {
    let mut page = PageMeta::default();
    if let Ok(selector) = Selector::parse("meta") {
        for meta in doc.select(&selector) {
            let element = meta.value();
            // Some page savers write the value under `value=` rather than `content=`.
            let Some(content) = element
                .attr("content")
                .or_else(|| element.attr("value"))
                .map(normalise_space)
            else {
                continue;
            };
            if content.is_empty() {
                continue;
            }
            for key in ["property", "name", "itemprop", "http-equiv"] {
                if let Some(k) = element.attr(key) {
                    page.values
                        .entry(k.trim().to_ascii_lowercase())
                        .or_insert_with(|| content.clone());
                }
            }
        }
    }
    if let Ok(selector) = Selector::parse("link[rel][href]") {
        page.canonical = doc
            .select(&selector)
            .find(|l| {
                l.value().attr("rel").is_some_and(|r| {
                    r.split_whitespace()
                        .any(|t| t.eq_ignore_ascii_case("canonical"))
                })
            })
            .and_then(|l| l.value().attr("href"))
            .map(|h| h.trim().to_string())
            .filter(|h| !h.is_empty());
    }
    page.title = read_title(doc);
    page
}

/// The document's title: `<head><title>`, else the first `<title>` outside an `<svg>`.
fn read_title(doc: &Html) -> Option<String> {
    let in_head = Selector::parse("head > title").ok()?;
    let any = Selector::parse("title").ok()?;
    let outside_svg = |t: &ElementRef<'_>| {
        !t.ancestors()
            .filter_map(ElementRef::wrap)
            .any(|a| a.value().name() == "svg")
    };
    doc.select(&in_head)
        .next()
        .or_else(|| doc.select(&any).find(outside_svg))
        .map(|t| normalise_space(&t.text().collect::<String>()))
        .filter(|t| !t.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_meta_keys_canonical_and_title() {
        let doc = Html::parse_document(
            r#"<html><head><title> Rain  returns | Example </title>
            <meta property="og:title" content="Rain returns">
            <meta property="OG:Title" content="Second value loses">
            <meta name="author" content="  Jane  Roe ">
            <meta itemprop="datePublished" content="2024-01-02">
            <meta name="empty" content="">
            <link rel="alternate canonical" href=" https://ex.org/rain "></head>
            <body><svg><title>Icon</title></svg></body></html>"#,
        );
        let page = read_meta(&doc);
        assert_eq!(page.first(&["og:title"]), Some("Rain returns"));
        assert_eq!(page.first(&["nothing", "author"]), Some("Jane Roe"));
        assert_eq!(page.first(&["datepublished"]), Some("2024-01-02"));
        assert_eq!(page.first(&["empty"]), None);
        assert_eq!(page.url(), Some("https://ex.org/rain"));
        assert_eq!(page.title.as_deref(), Some("Rain returns | Example"));
    }

    #[test]
    fn title_outside_head_is_found_but_not_in_svg() {
        let doc = Html::parse_document("<body><svg><title>Icon</title></svg><p>x</p></body>");
        assert_eq!(read_meta(&doc).title, None);
    }
}
