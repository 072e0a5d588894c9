//! Finding a page's article text and cutting it into paragraph blocks.
//!
//! [`extract_blocks`] chooses the element that holds the article (by `itemprop=articleBody`,
//! by the class names news and blog systems give their body containers, by a dominant
//! `<article>`, by `<main>`, else by a readability-style text-density score) and reads it into
//! paragraph [`Block`]s with [`super::blocks`]; text a `div` holds between `<br>`s scores as
//! paragraphs too. It also tells an index page (a list of teasers) from an article.
//! [`extract_article`] reads a page again with furniture judged by tags alone when the names
//! hid its text. Boilerplate lines, headline repeats and line numbers are left to the caller.

use std::collections::{HashMap, HashSet};

use ego_tree::{NodeId, NodeRef};
use scraper::{ElementRef, Html, Node};

use super::blocks::{Block, Walk, text_and_link_chars, walk};
use super::furniture::FurnitureMap;
use super::listing::teaser_headings;

/// Where news and blog systems put an article's body, most specific first.
const BODY_TARGETS: &[Target] = &[
    Target::ItemProp("articlebody"),
    Target::Class("article-body"),
    Target::Class("article__body"),
    Target::Class("articleBody"),
    Target::Class("article-body__content"),
    Target::Class("story-body"),
    Target::Class("story__body"),
    Target::Class("story-body__inner"),
    Target::Class("entry-content"),
    Target::Class("post-content"),
    Target::Class("post-body"),
    Target::Class("post-entry"),
    Target::Class("content-body"),
    Target::Class("body-content"),
    Target::Class("article-content"),
    Target::Class("article__content"),
    Target::Class("story-content"),
    Target::Class("article-text"),
    Target::Class("td-post-content"),
    Target::Class("c-entry-content"),
    Target::Id("article-body"),
    Target::Id("articleBody"),
    Target::Id("story-body"),
    Target::Id("article-content"),
];
/// A body container is trusted when its text has at least this many characters.
const MIN_BODY_CHARS: usize = 150;
/// An `<article>` or `<main>` is trusted when its text has at least this many characters.
const MIN_ARTICLE_CHARS: usize = 200;
/// Elements whose loose text (outside block children) is scored as a paragraph.
const LOOSE_TEXT_HOLDERS: &[&str] = &["div", "section", "article", "main", "center", "font"];
/// Elements read as part of their parent's loose text.
const INLINE_TAGS: &[&str] = &[
    "a", "span", "em", "strong", "b", "i", "u", "s", "small", "big", "sub", "sup", "font", "abbr",
    "cite", "q", "mark", "time", "br", "code", "tt", "var", "ins", "del", "bdi", "wbr",
];
/// A page read again with furniture judged by tags alone keeps that reading when it gives this
/// many times the text.
const RETRY_GAIN: usize = 3;
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

impl Extraction<'_> {
    /// The length of the blocks' text in bytes: a cheap measure of how much text was found.
    pub fn text_bytes(&self) -> usize {
        self.blocks.iter().map(|b| b.text.len()).sum()
    }
}

/// An attribute value that marks a body container.
#[derive(Debug, Clone, Copy)]
enum Target {
    /// An `itemprop` token, compared without case.
    ItemProp(&'static str),
    /// A `class` token.
    Class(&'static str),
    /// The `id`.
    Id(&'static str),
}

impl Target {
    fn matches(self, itemprop: &str, class: &str, id: &str) -> bool {
        match self {
            Target::ItemProp(name) => itemprop
                .split_ascii_whitespace()
                .any(|t| t.eq_ignore_ascii_case(name)),
            Target::Class(name) => class.split_ascii_whitespace().any(|t| t == name),
            Target::Id(name) => id.trim() == name,
        }
    }
}

/// The candidate containers of a document, gathered in one pass over its elements.
#[derive(Debug, Default)]
struct Survey<'a> {
    /// Matches of each of [`BODY_TARGETS`], in document order.
    bodies: Vec<Vec<ElementRef<'a>>>,
    articles: Vec<ElementRef<'a>>,
    mains: Vec<ElementRef<'a>>,
    /// Text outside furniture for density scores, each with the element its score goes to:
    /// `p`, `pre` and `td` elements (to their parents), and the loose text that a `div` or
    /// similar holds directly, between `<br>`s (to that element, as readability turns such
    /// text into paragraphs).
    paragraphs: Vec<(ElementRef<'a>, Measure)>,
}

impl<'a> Survey<'a> {
    fn new(doc: &'a Html, furniture: &FurnitureMap) -> Self {
        let mut survey = Survey {
            bodies: vec![Vec::new(); BODY_TARGETS.len()],
            ..Survey::default()
        };
        let mut scratch = Vec::new();
        for element in doc.root_element().descendent_elements() {
            if furniture.covers(element) {
                continue;
            }
            let value = element.value();
            let (mut itemprop, mut class, mut id, mut role) = ("", "", "", "");
            for (name, v) in value.attrs() {
                match name {
                    "itemprop" => itemprop = v,
                    "class" => class = v,
                    "id" => id = v,
                    "role" => role = v,
                    _ => {}
                }
            }
            if !(itemprop.is_empty() && class.is_empty() && id.is_empty()) {
                for (found, target) in survey.bodies.iter_mut().zip(BODY_TARGETS) {
                    if target.matches(itemprop, class, id) {
                        found.push(element);
                    }
                }
            }
            match value.name() {
                "article" => survey.articles.push(element),
                "main" => survey.mains.push(element),
                "p" | "pre" | "td" => {
                    if let Some(parent) = element.parent().and_then(ElementRef::wrap) {
                        let mut measure = Measure::default();
                        element.text().for_each(|t| measure.add(t));
                        survey.paragraphs.push((parent, measure));
                    }
                }
                _ if role.trim().eq_ignore_ascii_case("main") => survey.mains.push(element),
                _ => {}
            }
            if LOOSE_TEXT_HOLDERS.contains(&value.name()) {
                let loose = loose_text(element, &mut scratch);
                if loose.chars >= MIN_SCORED_CHARS {
                    survey.paragraphs.push((element, loose));
                }
            }
        }
        survey
    }
}

/// Finds the article of a document with its furniture judged by names, or by tags alone when
/// the names left less than [`MIN_ARTICLE_CHARS`] of text and the tags
/// [`RETRY_GAIN`] times as much (whole articles sit in wrappers classed `has-recommendations`
/// or `is-below-header-ad`). Returns the furniture map used with what it found.
pub fn extract_article(doc: &Html) -> (FurnitureMap, Extraction<'_>) {
    let furniture = FurnitureMap::new(doc);
    let extraction = extract_blocks(doc, &furniture);
    let found = extraction.text_bytes();
    if found >= MIN_ARTICLE_CHARS {
        return (furniture, extraction);
    }
    let by_tags = FurnitureMap::by_tags(doc);
    let retried = extract_blocks(doc, &by_tags);
    if retried.text_bytes() > found * RETRY_GAIN {
        (by_tags, retried)
    } else {
        (furniture, extraction)
    }
}

/// Finds the article container of a document and reads its paragraph blocks.
pub fn extract_blocks<'a>(doc: &'a Html, furniture: &FurnitureMap) -> Extraction<'a> {
    let survey = Survey::new(doc, furniture);
    let found = by_body_targets(&survey, furniture)
        .or_else(|| by_article(&survey, furniture))
        .or_else(|| by_main(&survey, furniture))
        .or_else(|| {
            let scored = best_scored(&survey, furniture);
            scored.first().map(|top| (*top, walk(&scored, furniture)))
        })
        .or_else(|| {
            let root = doc.root_element();
            Some((root, walk(&[root], furniture)))
        });
    let Some((container, walked)) = found else {
        return Extraction::default();
    };
    let teasers = teaser_headings(container, furniture);
    let looks_like_index = teasers >= 3 && teasers * 2 >= walked.paragraphs;
    Extraction {
        container: Some(container),
        blocks: walked.blocks,
        looks_like_index,
    }
}

/// The first body target whose outermost matches hold enough text; all its matches are read,
/// since some sites split a body around advertisements.
fn by_body_targets<'a>(
    survey: &Survey<'a>,
    furniture: &FurnitureMap,
) -> Option<(ElementRef<'a>, Walk<'a>)> {
    for matches in &survey.bodies {
        let mut outermost: Vec<ElementRef<'a>> = Vec::new();
        let mut ids: HashSet<NodeId> = HashSet::new();
        for element in matches {
            let nested = element.ancestors().take(256).any(|a| ids.contains(&a.id()));
            if !nested {
                ids.insert(element.id());
                outermost.push(*element);
            }
        }
        let walked = walk(&outermost, furniture);
        if walked.chars >= MIN_BODY_CHARS {
            return outermost.first().map(|first| (*first, walked));
        }
    }
    None
}

/// The `<article>` with the most text, when it has enough and clearly more than any other
/// (several similar ones are teaser cards of an index page).
fn by_article<'a>(
    survey: &Survey<'a>,
    furniture: &FurnitureMap,
) -> Option<(ElementRef<'a>, Walk<'a>)> {
    let mut walked: Vec<(ElementRef<'a>, Walk<'a>)> = survey
        .articles
        .iter()
        .map(|a| (*a, walk(&[*a], furniture)))
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
fn by_main<'a>(
    survey: &Survey<'a>,
    furniture: &FurnitureMap,
) -> Option<(ElementRef<'a>, Walk<'a>)> {
    survey
        .mains
        .iter()
        .map(|m| (*m, walk(&[*m], furniture)))
        .find(|(_, w)| w.chars >= MIN_ARTICLE_CHARS)
}

/// The element scoring highest for the paragraph text it holds directly (readability-style:
/// each paragraph adds to its parent and half to its grandparent; link-heavy candidates lose),
/// followed by those of its siblings that score at least [`SIBLING_SHARE`] of it, in document
/// order. Empty when no paragraph is long enough to score.
fn best_scored<'a>(survey: &Survey<'a>, furniture: &FurnitureMap) -> Vec<ElementRef<'a>> {
    let mut scores: HashMap<NodeId, (ElementRef<'a>, f64)> = HashMap::new();
    for (credited, measure) in &survey.paragraphs {
        let chars = measure.chars;
        if chars < MIN_SCORED_CHARS {
            continue;
        }
        let commas = measure.commas as f64;
        let score = 1.0 + commas + (chars as f64 / 100.0).min(3.0);
        let mut ancestors =
            std::iter::once(*credited).chain(credited.ancestors().filter_map(ElementRef::wrap));
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
                || (!furniture.covers(*sibling)
                    && scores
                        .get(&sibling.id())
                        .is_some_and(|(_, s)| *s >= top_score * SIBLING_SHARE))
        })
        .collect()
}

/// The length of a text with its white space collapsed and trimmed, and its commas, counted
/// piece by piece without gathering the text.
#[derive(Debug, Default, Clone, Copy)]
struct Measure {
    chars: usize,
    commas: usize,
    /// Whether visible text has been seen, and white space since.
    seen: bool,
    space: bool,
}

impl Measure {
    /// Counts one more piece of the text.
    fn add(&mut self, piece: &str) {
        for c in piece.chars() {
            if c.is_whitespace() {
                self.space = self.seen;
                continue;
            }
            self.chars += 1 + usize::from(std::mem::take(&mut self.space));
            self.commas += usize::from(matches!(c, ',' | '，' | '、'));
            self.seen = true;
        }
    }
}

/// The text an element holds directly, outside its block children: its text nodes and the
/// text of its inline children (links, emphasis, spans), measured. Each node is read by its
/// nearest block ancestor only, so surveying a page this way stays linear.
/// `stack` is scratch space, left empty.
fn loose_text<'a>(element: ElementRef<'a>, stack: &mut Vec<NodeRef<'a, Node>>) -> Measure {
    let mut measure = Measure::default();
    stack.clear();
    stack.extend(element.children());
    stack.reverse();
    while let Some(node) = stack.pop() {
        match node.value() {
            Node::Text(t) => measure.add(t),
            Node::Element(e) if INLINE_TAGS.contains(&e.name()) => {
                if e.name() == "br" {
                    measure.add(" ");
                }
                let at = stack.len();
                stack.extend(node.children());
                stack[at..].reverse();
            }
            _ => {}
        }
    }
    measure
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
    let (all, linked) = text_and_link_chars(element);
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
        assert!(extract_blocks(&doc, &FurnitureMap::new(&doc)).looks_like_index);
    }

    #[test]
    fn names_that_hide_the_whole_article_are_read_past() {
        let para = "<p>Paragraph of the main story with enough words to matter here.</p>";
        let html = format!(
            r#"<body><div class="article has-recommendations">{}</div>
            <div class="related-stories"><p>A related story teaser.</p></div></body>"#,
            para.repeat(5)
        );
        let doc = Html::parse_document(&html);
        assert!(
            extract_blocks(&doc, &FurnitureMap::new(&doc))
                .blocks
                .is_empty()
        );
        let (_, extraction) = extract_article(&doc);
        assert_eq!(extraction.blocks.len(), 5, "read by tags");
        let short = r#"<body><div class="related-posts"><p>Only a teaser.</p></div>
            <div class="story"><p>A short story of a few words that is the whole article text.</p></div></body>"#;
        let doc = Html::parse_document(short);
        let (_, extraction) = extract_article(&doc);
        assert_eq!(
            extraction.blocks.len(),
            1,
            "names kept: by tags adds too little"
        );
    }

    #[test]
    fn text_between_line_breaks_scores_as_paragraphs() {
        let line = "A line of the story, with commas, clauses and words enough to count as a paragraph.<br><br>";
        let html = format!(
            r#"<body><div class="list"><p>Short link teaser one.</p></div>
            <div id="_article">{}<em>Emphasis</em> inside a line is still loose text, and this line is long enough to keep.</div></body>"#,
            line.repeat(6)
        );
        let doc = Html::parse_document(&html);
        let extraction = extract_blocks(&doc, &FurnitureMap::new(&doc));
        assert_eq!(
            extraction.container.and_then(|c| c.value().id()),
            Some("_article")
        );
        assert_eq!(extraction.blocks.len(), 7);
    }

    #[test]
    fn dominant_article_wins_over_cards() {
        let para = "<p>Paragraph of the main story with enough words to matter here.</p>";
        let html = format!(
            "<article>{}</article><article><p>Short teaser text for a card.</p></article>",
            para.repeat(6)
        );
        let doc = Html::parse_document(&html);
        let extraction = extract_blocks(&doc, &FurnitureMap::new(&doc));
        assert_eq!(extraction.blocks.len(), 6);
        assert!(!extraction.looks_like_index);
    }
}
