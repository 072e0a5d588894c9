//! Telling page furniture from article content, one element at a time.
//!
//! A saved news page wraps its article in navigation, share bars, related-story rails, cookie
//! banners, comment threads and advertising. [`FurnitureMap`] recognises such elements from
//! their tag, role and names (see [`super::marks`]); the parts of the article itself that are
//! not body text are left to [`super::apparatus`]. The map judges a whole document in one pass, and an element that is furniture by its names but holds paragraphs of prose (a `newsletter-post`, a
//! `paywall-article`) is content. Choosing the article is left to the callers.

use std::borrow::Cow;
use std::collections::HashSet;

use ego_tree::NodeId;
use ego_tree::iter::Edge;
use scraper::node::Element;
use scraper::{ElementRef, Html};

use super::blocks::text_and_link_chars;
use super::marks::{Marks, has_layout_word, has_word, is_ad_token};

/// Tags whose whole subtree is never article text.
const FURNITURE_TAGS: &[&str] = &[
    "script",
    "style",
    "noscript",
    "nav",
    "footer",
    "aside",
    "button",
    "iframe",
    "svg",
    "math",
    "figcaption",
    "template",
    "select",
    "textarea",
    "input",
    "label",
    "object",
    "embed",
    "canvas",
    "video",
    "audio",
    "map",
    "dialog",
    "menu",
    "head",
    "title",
];

/// Class or id fragments that mark furniture wherever they appear, whatever the element holds.
const FIRM_WORDS: &[&str] = &[
    "related",
    "recommend",
    "comment",
    "disqus",
    "respond",
    "outbrain",
    "taboola",
    "most-read",
    "mostread",
    "most-popular",
    "most-viewed",
    "trending",
    "read-more",
    "readmore",
    "more-stories",
    "more-on",
    "keep-reading",
    "read-next",
    "up-next",
    // The widget Google Translate writes into a page it translated.
    "skiptranslate",
];

/// Class or id fragments that mark furniture unless the element holds article prose (some
/// systems name whole posts `newsletter-post`, `paywall-article` or `node--promoted`).
const STRONG_WORDS: &[&str] = &[
    "share",
    "sharing",
    "social",
    "newsletter",
    "subscribe",
    "subscription",
    "signup",
    "sign-up",
    "promo",
    "advert",
    "adslot",
    "ad-slot",
    "adsbygoogle",
    "dfp-",
    "sponsor",
    "cookie",
    "consent",
    "gdpr",
    "breadcrumb",
    "popup",
    "modal",
    "author-bio",
    "authorbio",
    "about-author",
    "donate",
    "contributions",
    "support",
    "piano",
    "skip-link",
    "screen-reader",
    "sr-only",
    "visually-hidden",
    "instagram-media",
    "tiktok-embed",
    "toolbar",
    "pagination",
];

/// Class or id fragments that mark furniture unless the element also names itself content or
/// is a paragraph.
const WEAK_WORDS: &[&str] = &[
    "sidebar", "side-bar", "menu", "nav", "footer", "banner", "masthead", "widget", "tags",
    "tag-list", "tagcloud", "topics", "-rail", "rail-", "links", "paywall", "embed", "player",
];

/// Class or id tokens that name a content container (and so protect it from [`WEAK_WORDS`]).
const CONTENT_WORDS: &[&str] = &[
    "article",
    "content",
    "main",
    "story",
    "entry",
    "body",
    "post",
    "blog",
    "paragraph",
];

/// Custom elements (AMP and similar) that only hold furniture.
const FURNITURE_ELEMENT_PREFIXES: &[&str] = &[
    "amp-ad",
    "amp-sticky-ad",
    "amp-analytics",
    "amp-social-share",
    "amp-consent",
    "amp-sidebar",
    "amp-user-notification",
];

/// Roles that only furniture plays.
const FURNITURE_ROLES: &[&str] = &[
    "navigation",
    "contentinfo",
    "complementary",
    "search",
    "dialog",
    "alertdialog",
];

/// An element with at least this many prose paragraphs is not furniture by its names alone.
pub const MIN_PROSE_PARAGRAPHS: usize = 3;
/// A prose paragraph has at least this many characters, few of them link text.
const MIN_PROSE_PARAGRAPH_CHARS: usize = 80;

/// How sure the names of an element make it furniture.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    /// Not furniture.
    Content,
    /// Furniture by its tag, role, an advertising name or a [`FIRM_WORDS`] name.
    Firm,
    /// Furniture by a [`STRONG_WORDS`] or [`WEAK_WORDS`] name, unless it holds prose.
    Named,
}

/// How much of an element [`judge`] reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reading {
    /// Tag, role and names.
    Names,
    /// The tag alone: for a page whose names hide all its text (a wrapper classed
    /// `has-recommendations` or `is-below-header-ad` around the whole article).
    Tags,
}

/// Judges an element by its tag, role and names alone: navigation, sharing, related stories,
/// comments, advertising, cookie notices and the like are furniture. `html`, `body` and `main`
/// never are, whatever their classes say; `form` is not either, as some sites wrap whole pages
/// in one. With [`Reading::Tags`], only the tag counts.
fn judge(element: &Element, reading: Reading) -> Verdict {
    let tag = element.name();
    if FURNITURE_TAGS.contains(&tag)
        || FURNITURE_ELEMENT_PREFIXES
            .iter()
            .any(|p| tag.starts_with(p))
    {
        return Verdict::Firm;
    }
    if reading == Reading::Tags || matches!(tag, "html" | "body" | "main") {
        return Verdict::Content;
    }
    let marks = Marks::of(element);
    let role = marks.role.trim();
    if FURNITURE_ROLES.iter().any(|r| role.eq_ignore_ascii_case(r)) {
        return Verdict::Firm;
    }
    if marks.is_unnamed() {
        return Verdict::Content;
    }
    let tokens = marks.tokens();
    if tokens
        .iter()
        .any(|t| is_ad_token(t) || has_word(t, FIRM_WORDS))
    {
        return Verdict::Firm;
    }
    if tokens.iter().any(|t| has_word(t, STRONG_WORDS)) {
        return Verdict::Named;
    }
    let names_content = tag == "p"
        || tokens
            .iter()
            .any(|t| has_word(t, CONTENT_WORDS) && !has_layout_word(t, WEAK_WORDS));
    if !names_content && tokens.iter().any(|t| has_layout_word(t, WEAK_WORDS)) {
        Verdict::Named
    } else {
        Verdict::Content
    }
}

/// The lower-cased `class`, `id` and naming `data-*` tokens of an element, minus tag and
/// category slugs.
pub fn class_tokens(element: &Element) -> Vec<Cow<'_, str>> {
    Marks::of(element).tokens()
}

/// How many prose paragraphs (`p` elements with enough text, little of it linked) an element
/// holds, counting up to [`MIN_PROSE_PARAGRAPHS`].
pub fn prose_paragraphs(element: ElementRef<'_>) -> usize {
    element
        .descendent_elements()
        .filter(|e| e.value().name() == "p")
        .filter(|p| {
            let (all, linked) = text_and_link_chars(*p);
            all >= MIN_PROSE_PARAGRAPH_CHARS && linked * 3 < all
        })
        .take(MIN_PROSE_PARAGRAPHS)
        .count()
}

/// Which elements of a document are page furniture and which nodes lie inside them, found in
/// one pass so that asking is cheap however deep the page nests.
#[derive(Debug, Default)]
pub struct FurnitureMap {
    roots: HashSet<NodeId>,
    inside: HashSet<NodeId>,
}

impl FurnitureMap {
    /// Judges every element outside furniture (see [`judge`]); one named furniture
    /// that holds [`MIN_PROSE_PARAGRAPHS`] prose paragraphs is kept as content.
    pub fn new(doc: &Html) -> Self {
        Self::judged(doc, Reading::Names)
    }

    /// Like [`FurnitureMap::new`], but judging elements by their tags alone, as readability
    /// retries a page without its "unlikely candidate" names when they left no text.
    pub fn by_tags(doc: &Html) -> Self {
        Self::judged(doc, Reading::Tags)
    }

    /// The map of a document, each element judged with `reading`.
    fn judged(doc: &Html, reading: Reading) -> Self {
        let mut map = FurnitureMap::default();
        let mut open: Option<NodeId> = None;
        for edge in doc.tree.root().traverse() {
            match edge {
                Edge::Open(node) => {
                    if open.is_some() {
                        map.inside.insert(node.id());
                        continue;
                    }
                    let Some(element) = ElementRef::wrap(node) else {
                        continue;
                    };
                    let is_furniture = match judge(element.value(), reading) {
                        Verdict::Content => false,
                        Verdict::Firm => true,
                        Verdict::Named => prose_paragraphs(element) < MIN_PROSE_PARAGRAPHS,
                    };
                    if is_furniture {
                        map.roots.insert(node.id());
                        open = Some(node.id());
                    }
                }
                Edge::Close(node) => {
                    if open == Some(node.id()) {
                        open = None;
                    }
                }
            }
        }
        map
    }

    /// Whether a node (element or text) has a furniture element among its ancestors.
    pub fn is_inside(&self, node: NodeId) -> bool {
        self.inside.contains(&node)
    }

    /// Whether an element is itself furniture (the outermost of its kind).
    pub fn is_root(&self, element: NodeId) -> bool {
        self.roots.contains(&element)
    }

    /// Whether an element is furniture or lies inside furniture.
    pub fn covers(&self, element: ElementRef<'_>) -> bool {
        self.is_inside(element.id()) || self.is_root(element.id())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::{Html, Selector};

    /// The first `div` of a snippet, with its document.
    fn first_div(doc: &Html) -> ElementRef<'_> {
        let selector = Selector::parse("div").expect("valid selector");
        doc.select(&selector).next().expect("a div")
    }

    fn is_furniture(html: &str) -> bool {
        let doc = Html::parse_document(html);
        let map = FurnitureMap::new(&doc);
        map.covers(first_div(&doc))
    }

    #[test]
    fn recognises_furniture_classes() {
        for html in [
            r#"<div class="social-share-bar">x</div>"#,
            r#"<div id="comments">x</div>"#,
            r#"<div class="ad-container">x</div>"#,
            r#"<div class="story top-ad">x</div>"#,
            r#"<div class="related-posts">x</div>"#,
            r#"<div class="cookie-banner">x</div>"#,
            r#"<div class="sidebar">x</div>"#,
            r#"<div role="navigation">x</div>"#,
            r#"<div class="sc-x1" data-component="links-block">x</div>"#,
            r#"<div class="media-ui-Paywall_fence-ZZ4">x</div>"#,
        ] {
            assert!(is_furniture(html), "{html} is furniture");
        }
    }

    #[test]
    fn content_containers_are_not_furniture() {
        for html in [
            r#"<div class="entry-content">x</div>"#,
            r#"<div class="content-wrapper with-sidebar">x</div>"#,
            r#"<div class="layout-with-rail__wrapper">x</div>"#,
            r#"<div class="entry__content-and-right-rail-container">x</div>"#,
            r#"<div class="post tag-share-prices category-social-affairs">x</div>"#,
            r#"<div class="commentary-body">x</div>"#,
            r#"<div class="header-image shadow">x</div>"#,
            r#"<div class="node node--promoted">x</div>"#,
        ] {
            assert!(!is_furniture(html), "{html} is content");
        }
    }

    #[test]
    fn named_furniture_holding_prose_is_content() {
        let para = "<p>A paragraph of article prose that runs well past eighty visible characters, as the real paragraphs of news stories do.</p>";
        let post = format!(r#"<div class="newsletter-post">{}</div>"#, para.repeat(3));
        assert!(!is_furniture(&post));
        let comments = format!(r#"<div class="comments">{}</div>"#, para.repeat(3));
        assert!(is_furniture(&comments), "comments stay furniture");
        let promo = format!(r#"<div class="newsletter-signup">{para}</div>"#);
        assert!(is_furniture(&promo));
    }
}
