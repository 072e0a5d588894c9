//! Finding a page's article text and cutting it into paragraph blocks.
//!
//! [`extract_blocks`] chooses the element that holds the article (by `itemprop=articleBody`,
//! by the class names news and blog systems give their body containers, by a dominant
//! `<article>`, by `<main>`, else by a readability-style text-density score) and reads it into
//! paragraph [`Block`]s with [`super::blocks`]. It also tells an index page (a list of teasers)
//! from an article. Boilerplate lines, headline repeats and line numbers are left to the caller.

use std::collections::HashMap;

use ego_tree::NodeId;
use scraper::{ElementRef, Html, Node, Selector};

use super::blocks::{Block, Walk, walk};
use super::furniture::{is_inside_furniture, is_page_furniture};
use crate::article::clean::normalise_space;

/// Selectors for article body containers, most specific first.
const BODY_SELECTORS: &[&str] = &[
    "[itemprop=articleBody]",
    "[itemprop=articlebody]",
    ".article-body",
    ".article__body",
    ".articleBody",
    ".article-body__content",
    ".story-body",
    ".story__body",
    ".story-body__inner",
    ".entry-content",
    ".post-content",
    ".post-body",
    ".post-entry",
    ".content-body",
    ".body-content",
    ".article-content",
    ".article__content",
    ".story-content",
    ".article-text",
    ".td-post-content",
    ".c-entry-content",
    "#article-body",
    "#articleBody",
    "#story-body",
    "#article-content",
];
/// A body container is trusted when its text has at least this many characters.
const MIN_BODY_CHARS: usize = 150;
/// An `<article>` or `<main>` is trusted when its text has at least this many characters.
const MIN_ARTICLE_CHARS: usize = 200;
/// A sibling of the best-scoring element joins it when it scores at least this share of it.
const SIBLING_SHARE: f64 = 0.2;
/// Paragraph elements shorter than this (in characters) do not count towards density scores.
const MIN_SCORED_CHARS: usize = 25;
/// The article text a page yielded.
#[derive(Debug, Default)]
pub struct Extraction<'a> {
    /// The element chosen as the article's container, if any.
    pub container: Option<ElementRef<'a>>,
    /// The paragraph blocks, in reading order.
    pub blocks: Vec<Block<'a>>,
    /// Whether the text looks like a list of teasers (an index page) rather than an article:
    /// many linked headings among few paragraphs.
    pub looks_like_index: bool,
}

/// Finds the article container of a document and reads its paragraph blocks.
pub fn extract_blocks(doc: &Html) -> Extraction<'_> {
    let found = by_body_selectors(doc)
        .or_else(|| by_article(doc))
        .or_else(|| by_main(doc))
        .or_else(|| {
            let scored = best_scored(doc);
            scored.first().map(|top| (*top, walk(&scored)))
        })
        .or_else(|| {
            let root = doc.root_element();
            Some((root, walk(&[root])))
        });
    let Some((container, walked)) = found else {
        return Extraction::default();
    };
    let looks_like_index =
        walked.linked_headings >= 3 && walked.linked_headings * 2 >= walked.paragraphs;
    Extraction {
        container: Some(container),
        blocks: walked.blocks,
        looks_like_index,
    }
}

/// The first body-container selector whose (outermost, furniture-free) matches hold enough text;
/// all its matches are read, since some sites split a body around advertisements.
fn by_body_selectors(doc: &Html) -> Option<(ElementRef<'_>, Walk<'_>)> {
    for source in BODY_SELECTORS {
        let Ok(selector) = Selector::parse(source) else {
            continue;
        };
        let mut outermost: Vec<ElementRef<'_>> = Vec::new();
        for element in doc.select(&selector) {
            let nested = outermost.iter().any(|o| is_ancestor(*o, element));
            if !nested && !is_inside_furniture(element) {
                outermost.push(element);
            }
        }
        let walked = walk(&outermost);
        if walked.chars >= MIN_BODY_CHARS {
            return outermost.first().map(|first| (*first, walked));
        }
    }
    None
}

/// The `<article>` with the most text, when it has enough and clearly more than any other
/// (several similar ones are teaser cards of an index page).
fn by_article(doc: &Html) -> Option<(ElementRef<'_>, Walk<'_>)> {
    let selector = Selector::parse("article").ok()?;
    let mut walked: Vec<(ElementRef<'_>, Walk<'_>)> = doc
        .select(&selector)
        .filter(|a| !is_page_furniture(a.value()) && !is_inside_furniture(*a))
        .map(|a| (a, walk(&[a])))
        .collect();
    walked.sort_by_key(|(_, w)| std::cmp::Reverse(w.chars));
    let mut ranked = walked.into_iter();
    let (best, best_walk) = ranked.next()?;
    let runner_up = ranked
        .find(|(other, _)| !is_ancestor(best, *other) && !is_ancestor(*other, best))
        .map_or(0, |(_, w)| w.chars);
    (best_walk.chars >= MIN_ARTICLE_CHARS && best_walk.chars >= runner_up * 2)
        .then_some((best, best_walk))
}

/// The first `<main>` (or `role=main`) element with enough text.
fn by_main(doc: &Html) -> Option<(ElementRef<'_>, Walk<'_>)> {
    let selector = Selector::parse("main, [role=main]").ok()?;
    doc.select(&selector)
        .map(|m| (m, walk(&[m])))
        .find(|(_, w)| w.chars >= MIN_ARTICLE_CHARS)
}

/// The element scoring highest for the paragraph text it holds directly (readability-style:
/// each paragraph adds to its parent and half to its grandparent; link-heavy candidates lose),
/// followed by those of its siblings that score at least [`SIBLING_SHARE`] of it, in document
/// order. Empty when no paragraph is long enough to score.
fn best_scored(doc: &Html) -> Vec<ElementRef<'_>> {
    let Ok(selector) = Selector::parse("p, pre, td") else {
        return Vec::new();
    };
    let mut scores: HashMap<NodeId, (ElementRef<'_>, f64)> = HashMap::new();
    for paragraph in doc.select(&selector) {
        if is_inside_furniture(paragraph) {
            continue;
        }
        let text = normalise_space(&paragraph.text().collect::<String>());
        let chars = text.chars().count();
        if chars < MIN_SCORED_CHARS {
            continue;
        }
        let commas = text.matches([',', '，', '、']).count() as f64;
        let score = 1.0 + commas + (chars as f64 / 100.0).min(3.0);
        let mut ancestors = paragraph.ancestors().filter_map(ElementRef::wrap);
        for share in [1.0, 0.5] {
            if let Some(ancestor) = ancestors.next() {
                scores.entry(ancestor.id()).or_insert((ancestor, 0.0)).1 += score * share;
            }
        }
    }
    let mut ranked: Vec<(ElementRef<'_>, f64)> = scores.values().copied().collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1));
    let top = ranked
        .into_iter()
        .take(5)
        .map(|(element, score)| (element, score * (1.0 - link_density(element))))
        .max_by(|a, b| a.1.total_cmp(&b.1));
    let Some((top, top_score)) = top else {
        return Vec::new();
    };
    let Some(parent) = top.parent().and_then(ElementRef::wrap) else {
        return vec![top];
    };
    parent
        .child_elements()
        .filter(|sibling| {
            sibling.id() == top.id()
                || (!is_page_furniture(sibling.value())
                    && scores
                        .get(&sibling.id())
                        .is_some_and(|(_, s)| *s >= top_score * SIBLING_SHARE))
        })
        .collect()
}

/// Whether `ancestor` contains `element` (looking a bounded number of levels up).
fn is_ancestor(ancestor: ElementRef<'_>, element: ElementRef<'_>) -> bool {
    element
        .ancestors()
        .take(256)
        .any(|a| a.id() == ancestor.id())
}

/// The share of an element's visible characters that are link text.
fn link_density(element: ElementRef<'_>) -> f64 {
    let (mut all, mut linked) = (0usize, 0usize);
    for node in element.descendants() {
        if let Node::Text(text) = node.value() {
            let chars = text.chars().filter(|c| !c.is_whitespace()).count();
            all += chars;
            let in_link = node
                .ancestors()
                .take_while(|a| a.id() != element.id())
                .take(64)
                .any(|a| a.value().as_element().is_some_and(|e| e.name() == "a"));
            if in_link {
                linked += chars;
            }
        }
    }
    if all == 0 {
        0.0
    } else {
        linked as f64 / all as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn teaser_lists_look_like_an_index() {
        let card = r#"<div class="card"><h2><a href="/a">A story title here</a></h2>
            <p>A teaser sentence that goes on for a little while, as teasers do.</p></div>"#;
        let doc = Html::parse_document(&format!("<main>{}</main>", card.repeat(4)));
        assert!(extract_blocks(&doc).looks_like_index);
    }

    #[test]
    fn dominant_article_wins_over_cards() {
        let para = "<p>Paragraph of the main story with enough words to matter here.</p>";
        let html = format!(
            "<article>{}</article><article><p>Short teaser text for a card.</p></article>",
            para.repeat(6)
        );
        let doc = Html::parse_document(&html);
        let extraction = extract_blocks(&doc);
        assert_eq!(extraction.blocks.len(), 6);
        assert!(!extraction.looks_like_index);
    }
}
