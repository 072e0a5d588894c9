//! Pages that hold no article: lists of teasers and error pages.
//!
//! A section front or a search-results page is a list of linked headlines with a teaser under
//! each; [`teaser_headings`] counts those headlines in the chosen container, wherever the page
//! puts them (in card headers and `<header>` elements too). A "page not found" page has a short
//! apology and links; [`is_error_page`] recognises it from its title or `<h1>` and its little
//! text. What the parser does with such a page is left to [`super::parse_html`].

use scraper::{ElementRef, Html};

use super::blocks::text_and_link_chars;
use super::furniture::FurnitureMap;
use super::meta::PageMeta;
use crate::article::clean::normalise_space;

/// Phrases of error-page titles and headings (lower-case).
const ERROR_PHRASES: &[&str] = &[
    "page not found",
    "404 not found",
    "error 404",
    "404 error",
    "couldn't find that page",
    "could not find that page",
    "can't find that page",
    "cannot find that page",
    "couldn’t find that page",
    "can’t find that page",
    "page you were looking for",
    "page you requested",
    "page does not exist",
    "page doesn't exist",
    "page no longer exists",
    "page is no longer available",
];
/// An error page has less article text than this, in characters.
const MAX_ERROR_PAGE_CHARS: usize = 1000;
/// A heading counts as a teaser's when at least this share of its text is linked.
const MIN_TEASER_LINK_SHARE: f64 = 0.5;

/// How many headings (`h2`–`h6`) in `container`, outside furniture, are links: the titles of
/// teasers on an index page.
pub fn teaser_headings(container: ElementRef<'_>, furniture: &FurnitureMap) -> usize {
    container
        .descendent_elements()
        .filter(|e| matches!(e.value().name(), "h2" | "h3" | "h4" | "h5" | "h6"))
        .filter(|h| !furniture.covers(*h))
        .filter(|h| is_linked(*h, container))
        .count()
}

/// Whether a heading is a link: inside an `<a>` below `container`, or mostly link text.
fn is_linked(heading: ElementRef<'_>, container: ElementRef<'_>) -> bool {
    let in_link = heading
        .ancestors()
        .take_while(|a| a.id() != container.id())
        .take(16)
        .any(|a| a.value().as_element().is_some_and(|e| e.name() == "a"));
    if in_link {
        return true;
    }
    let (all, linked) = text_and_link_chars(heading);
    all > 0 && linked as f64 >= all as f64 * MIN_TEASER_LINK_SHARE
}

/// Whether a page is an error page ("page not found"): its `<title>` or first `<h1>` says so,
/// or its `<body>` is classed `error404`, and it has less than [`MAX_ERROR_PAGE_CHARS`] of
/// text (`text_chars`) — an article about a missing page keeps its text.
pub fn is_error_page(doc: &Html, meta: &PageMeta, text_chars: usize) -> bool {
    if text_chars >= MAX_ERROR_PAGE_CHARS {
        return false;
    }
    let says_error = |text: &str| {
        let text = normalise_space(text).to_lowercase();
        ERROR_PHRASES.iter().any(|p| text.contains(p))
    };
    let classed_404 = doc
        .root_element()
        .descendent_elements()
        .find(|e| e.value().name() == "body")
        .and_then(|b| b.value().attr("class"))
        .is_some_and(|c| c.split_ascii_whitespace().any(|t| t == "error404"));
    let h1 = doc
        .root_element()
        .descendent_elements()
        .find(|e| e.value().name() == "h1")
        .map(|h| h.text().collect::<String>());
    classed_404
        || meta.title.as_deref().is_some_and(says_error)
        || h1.is_some_and(|h| says_error(&h))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::html::meta::read_meta;

    #[test]
    fn counts_linked_headings_in_headers_and_links() {
        let doc = Html::parse_document(
            r#"<main><article><header><h2><a href="/a">Teaser one</a></h2></header><p>x</p></article>
            <a href="/b"><h3>Teaser two</h3></a><h2>Real subhead with <a href="/c">a link</a></h2>
            <aside><h2><a href="/d">Rail story</a></h2></aside></main>"#,
        );
        let main = doc
            .root_element()
            .descendent_elements()
            .find(|e| e.value().name() == "main")
            .expect("a main");
        assert_eq!(teaser_headings(main, &FurnitureMap::new(&doc)), 2);
    }

    #[test]
    fn recognises_error_pages_with_little_text() {
        let doc = Html::parse_document(
            "<title>Page not found | Daily</title><h1>Sorry, we couldn't find that page</h1>",
        );
        let meta = read_meta(&doc);
        assert!(is_error_page(&doc, &meta, 120));
        assert!(!is_error_page(&doc, &meta, 5000));
        let article = Html::parse_document("<title>Council finds 404 potholes</title>");
        assert!(!is_error_page(&article, &read_meta(&article), 120));
    }
}
