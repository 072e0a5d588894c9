//! The names a page gives an element, and how to read words in them.
//!
//! [`Marks`] gathers, in one pass over an element's attributes, what says which part of a page
//! it is: `class`, `id`, `role`, `style`, `hidden`, and the semantic `data-*` attributes that
//! sites built with hashed class names (CSS-in-JS, CSS modules) use instead (`data-component`,
//! `data-testid`, `data-qa`, `data-gu-name`). [`Marks::tokens`] lower-cases them and leaves out
//! tag and category slugs; [`has_word`] and [`has_layout_word`] look for words in a token.
//! Which words mean furniture or content is left to [`super::furniture`].

use std::borrow::Cow;

use scraper::node::Element;

/// `data-*` attributes whose values name an element's role the way a class would.
const NAMING_DATA_ATTRIBUTES: &[&str] = &[
    "data-component",
    "data-testid",
    "data-qa",
    "data-gu-name",
    "data-module",
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

/// Words that turn the rest of a token into a description of a layout rather than a name
/// (`layout-with-rail`, `has-sidebar`, `content-and-right-rail-container`, `no-sidebar`).
const LAYOUT_MODIFIERS: &[&str] = &["with-", "has-", "and-", "no-", "without-"];

/// The attributes that decide an element's role.
#[derive(Debug, Default)]
pub struct Marks<'a> {
    /// The `class` attribute.
    pub class: &'a str,
    /// The `id` attribute.
    pub id: &'a str,
    /// The `role` attribute.
    pub role: &'a str,
    /// The `style` attribute.
    pub style: &'a str,
    /// Whether `hidden` or `aria-hidden="true"` is set.
    pub hidden: bool,
    /// The values of the naming `data-*` attributes.
    data: Vec<&'a str>,
}

impl<'a> Marks<'a> {
    /// Reads an element's marks in one pass over its attributes.
    pub fn of(element: &'a Element) -> Self {
        let mut marks = Marks::default();
        for (name, value) in element.attrs() {
            match name {
                "class" => marks.class = value,
                "id" => marks.id = value,
                "role" => marks.role = value,
                "style" => marks.style = value,
                "hidden" => marks.hidden = true,
                "aria-hidden" => marks.hidden |= value.trim().eq_ignore_ascii_case("true"),
                _ if NAMING_DATA_ATTRIBUTES.contains(&name) => marks.data.push(value),
                _ => {}
            }
        }
        marks
    }

    /// Whether the element has no class, id or naming `data-*` attribute.
    pub fn is_unnamed(&self) -> bool {
        self.class.is_empty() && self.id.is_empty() && self.data.is_empty()
    }

    /// The lower-cased `class`, `id` and naming `data-*` tokens, minus tag and category slugs.
    pub fn tokens(&self) -> Vec<Cow<'a, str>> {
        self.class
            .split_ascii_whitespace()
            .chain(self.id.split_ascii_whitespace())
            .chain(self.data.iter().flat_map(|d| d.split_ascii_whitespace()))
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

/// Whether a token contains one of `words` (as a substring; `commentary` is not a comment and a
/// `promoted` node not a promotion).
pub fn has_word(token: &str, words: &[&str]) -> bool {
    words.iter().any(|w| {
        token.contains(w)
            && !(*w == "comment" && token.contains("commentary"))
            && !(*w == "promo" && token.contains("promoted"))
    })
}

/// Like [`has_word`], but only in the part of the token before a layout modifier: a
/// `layout-with-rail` or `content-and-right-rail-container` is a wrapper, not a rail.
pub fn has_layout_word(token: &str, words: &[&str]) -> bool {
    has_word(before_layout_modifier(token), words)
}

/// The part of a token before the first layout modifier word (see [`LAYOUT_MODIFIERS`]).
fn before_layout_modifier(token: &str) -> &str {
    let cut = token
        .char_indices()
        .filter(|(at, _)| *at == 0 || token[..*at].ends_with(['-', '_']))
        .find(|(at, _)| LAYOUT_MODIFIERS.iter().any(|m| token[*at..].starts_with(m)))
        .map_or(token.len(), |(at, _)| at);
    &token[..cut]
}

/// Whether a token names an advertising slot: `ad`, `ads`, `ad-top`, `top-ad`, `ad_unit`.
pub fn is_ad_token(token: &str) -> bool {
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

    #[test]
    fn tokens_include_naming_data_attributes() {
        let doc = Html::parse_fragment(
            r#"<div class="sc-1 Tag-Cloud tag-news" id="x" data-testid="prism-Share" data-foo="bar"></div>"#,
        );
        let selector = Selector::parse("div").expect("valid selector");
        let div = doc.select(&selector).next().expect("a div");
        let marks = Marks::of(div.value());
        assert_eq!(marks.tokens(), ["sc-1", "x", "prism-share"]);
        assert!(!marks.is_unnamed());
    }

    #[test]
    fn layout_modifiers_end_the_named_part() {
        assert_eq!(
            before_layout_modifier("layout-with-rail__wrapper"),
            "layout-"
        );
        assert_eq!(
            before_layout_modifier("entry__content-and-right-rail-container"),
            "entry__content-"
        );
        assert_eq!(before_layout_modifier("has-sidebar"), "");
        assert_eq!(before_layout_modifier("piano-sidebar"), "piano-sidebar");
        assert!(!has_layout_word("layout-with-rail__wrapper", &["-rail"]));
        assert!(has_layout_word("right-rail", &["-rail", "rail-"]));
    }

    #[test]
    fn recognises_ad_tokens() {
        for token in ["ad", "ad-slot", "top-ad", "story-ad-1-wrapper"] {
            assert!(is_ad_token(token), "{token}");
        }
        for token in ["adapt", "head", "loaded", "shadow"] {
            assert!(!is_ad_token(token), "{token}");
        }
    }
}
