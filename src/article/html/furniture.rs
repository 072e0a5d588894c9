//! Telling page furniture from article content, one element at a time.
//!
//! A saved news page wraps its article in navigation, share bars, related-story rails, cookie
//! banners, comment threads and advertising. [`is_page_furniture`] recognises such an element
//! from its tag, `class`, `id`, `role` and `hidden` state; [`is_apparatus`] adds the parts of
//! the article itself that are not body text (header, byline, dateline, captions). Both look
//! only at the element they are given; [`FurnitureMap`] records, in one pass, which nodes of a
//! document lie inside furniture. Choosing the article is left to the callers.

use std::borrow::Cow;
use std::collections::HashSet;

use ego_tree::NodeId;
use ego_tree::iter::Edge;
use scraper::node::Element;
use scraper::{ElementRef, Html};

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

/// Class or id fragments that mark furniture wherever they appear.
const STRONG_WORDS: &[&str] = &[
    "share",
    "sharing",
    "social",
    "related",
    "recommend",
    "comment",
    "disqus",
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
    "outbrain",
    "taboola",
    "author-bio",
    "authorbio",
    "about-author",
    "paywall",
    "donate",
    "most-read",
    "mostread",
    "most-popular",
    "trending",
    "read-more",
    "readmore",
    "more-stories",
    "skip-link",
    "screen-reader",
    "sr-only",
    "visually-hidden",
    "twitter-tweet",
    "instagram-media",
    "tiktok-embed",
    "toolbar",
    "pagination",
];

/// Class or id fragments that mark furniture unless the element also names itself content.
const WEAK_WORDS: &[&str] = &[
    "sidebar", "side-bar", "menu", "nav", "footer", "banner", "masthead", "widget", "tags",
    "tag-list", "tagcloud", "topics", "-rail", "rail-",
];

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

/// Class or id tokens that name a content container (and so protect it from [`WEAK_WORDS`]).
const CONTENT_WORDS: &[&str] = &[
    "article", "content", "main", "story", "entry", "body", "post",
];

/// Class tokens WordPress and similar systems derive from a post's tags or category slugs, which
/// say nothing about the element's role (`tag-share-prices`, `category-social-affairs`).
const SLUG_PREFIXES: &[&str] = &[
    "tag-",
    "category-",
    "format-",
    "postid-",
    "type-",
    "status-",
    "topic-",
    "section-",
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

/// The attributes that decide an element's role, read in one pass over its attributes.
#[derive(Debug, Default)]
struct Marks<'a> {
    class: &'a str,
    id: &'a str,
    role: &'a str,
    style: &'a str,
    hidden: bool,
}

impl<'a> Marks<'a> {
    fn of(element: &'a Element) -> Self {
        let mut marks = Marks::default();
        for (name, value) in element.attrs() {
            match name {
                "class" => marks.class = value,
                "id" => marks.id = value,
                "role" => marks.role = value,
                "style" => marks.style = value,
                "hidden" => marks.hidden = true,
                "aria-hidden" => marks.hidden |= value.trim().eq_ignore_ascii_case("true"),
                _ => {}
            }
        }
        marks
    }

    /// The lower-cased `class` and `id` tokens, minus tag and category slugs.
    fn tokens(&self) -> Vec<Cow<'a, str>> {
        self.class
            .split_ascii_whitespace()
            .chain(self.id.split_ascii_whitespace())
            .map(|t| {
                if t.bytes().any(|b| b.is_ascii_uppercase()) {
                    Cow::Owned(t.to_ascii_lowercase())
                } else {
                    Cow::Borrowed(t)
                }
            })
            .filter(|t| !SLUG_PREFIXES.iter().any(|p| t.starts_with(p)))
            .collect()
    }
}

/// Whether an element is page furniture around the article: navigation, sharing, related
/// stories, comments, advertising, cookie notices and the like. `html`, `body` and `main` never
/// are, whatever their classes say; `form` is not either, as some sites wrap whole pages in one.
pub fn is_page_furniture(element: &Element) -> bool {
    let tag = element.name();
    if FURNITURE_TAGS.contains(&tag)
        || FURNITURE_ELEMENT_PREFIXES
            .iter()
            .any(|p| tag.starts_with(p))
    {
        return true;
    }
    if matches!(tag, "html" | "body" | "main") {
        return false;
    }
    let marks = Marks::of(element);
    let role = marks.role.trim();
    if [
        "navigation",
        "contentinfo",
        "complementary",
        "search",
        "dialog",
        "alertdialog",
    ]
    .iter()
    .any(|r| role.eq_ignore_ascii_case(r))
    {
        return true;
    }
    if marks.class.is_empty() && marks.id.is_empty() {
        return false;
    }
    let tokens = marks.tokens();
    if tokens
        .iter()
        .any(|t| is_ad_token(t) || has_word(t, STRONG_WORDS))
    {
        return true;
    }
    let names_content = tokens
        .iter()
        .any(|t| has_word(t, CONTENT_WORDS) && !has_word(t, WEAK_WORDS));
    !names_content && tokens.iter().any(|t| has_word(t, WEAK_WORDS))
}

/// Whether an element is part of the article but not its body text: a `header`, an `h1`, a
/// byline, dateline or caption, or an element hidden from readers.
pub fn is_apparatus(element: &Element) -> bool {
    if matches!(element.name(), "header" | "h1" | "hgroup" | "address") {
        return true;
    }
    let marks = Marks::of(element);
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
}

/// The lower-cased `class` and `id` tokens of an element, minus tag and category slugs.
pub fn class_tokens(element: &Element) -> Vec<Cow<'_, str>> {
    Marks::of(element).tokens()
}

/// Which nodes of a document lie inside page furniture, found in one pass so that asking is
/// cheap however deep the page nests.
#[derive(Debug, Default)]
pub struct FurnitureMap {
    inside: HashSet<NodeId>,
}

impl FurnitureMap {
    /// Marks every node below a furniture element (see [`is_page_furniture`]).
    pub fn new(doc: &Html) -> Self {
        let mut inside = HashSet::new();
        let mut open: Option<NodeId> = None;
        for edge in doc.tree.root().traverse() {
            match edge {
                Edge::Open(node) => {
                    if open.is_some() {
                        inside.insert(node.id());
                    } else if node.value().as_element().is_some_and(is_page_furniture) {
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
        FurnitureMap { inside }
    }

    /// Whether a node (element or text) has a furniture element among its ancestors.
    pub fn is_inside(&self, node: NodeId) -> bool {
        self.inside.contains(&node)
    }

    /// Whether an element is furniture or lies inside furniture.
    pub fn covers(&self, element: ElementRef<'_>) -> bool {
        self.is_inside(element.id()) || is_page_furniture(element.value())
    }
}

/// Whether a token contains one of `words` (as a substring, `commentary` excepted).
fn has_word(token: &str, words: &[&str]) -> bool {
    words
        .iter()
        .any(|w| token.contains(w) && !(*w == "comment" && token.contains("commentary")))
}

/// Whether a token names an advertising slot: `ad`, `ads`, `ad-top`, `top-ad`, `ad_unit`.
fn is_ad_token(token: &str) -> bool {
    matches!(token, "ad" | "ads" | "adv" | "advertisement")
        || token.starts_with("ad-")
        || token.starts_with("ad_")
        || token.starts_with("ads-")
        || token.ends_with("-ad")
        || token.ends_with("-ads")
        || token.ends_with("_ad")
        || token.contains("-ad-")
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::{Html, Selector};

    /// Judges the first `div` of a snippet with `judge`.
    fn judge(html: &str, judge: fn(&Element) -> bool) -> bool {
        let doc = Html::parse_document(html);
        let selector = Selector::parse("div").expect("valid selector");
        let div = doc.select(&selector).next().expect("a div");
        judge(div.value())
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
        ] {
            assert!(judge(html, is_page_furniture), "{html} is furniture");
        }
    }

    #[test]
    fn content_containers_are_not_furniture() {
        for html in [
            r#"<div class="entry-content">x</div>"#,
            r#"<div class="content-wrapper with-sidebar">x</div>"#,
            r#"<div class="post tag-share-prices category-social-affairs">x</div>"#,
            r#"<div class="commentary-body">x</div>"#,
            r#"<div class="header-image shadow">x</div>"#,
        ] {
            assert!(!judge(html, is_page_furniture), "{html} is content");
        }
    }

    #[test]
    fn recognises_apparatus() {
        assert!(judge(r#"<div class="entry-meta">x</div>"#, is_apparatus));
        assert!(judge(r#"<div style="display: none">x</div>"#, is_apparatus));
        assert!(!judge(r#"<div class="article-body">x</div>"#, is_apparatus));
        assert!(!judge(r#"<div class="update-box">x</div>"#, is_apparatus));
    }
}
