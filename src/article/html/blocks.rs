//! Reading a container element into paragraph blocks, in one pass over its subtree.
//!
//! [`walk`] visits the container's nodes in document order without recursion (so deep nesting
//! cannot overflow the stack), skips furniture and apparatus (see [`super::furniture`]), and
//! cuts the text at block elements: each paragraph, subhead, list item, block quote or run of
//! loose text becomes one [`Block`]. Link-heavy blocks are dropped and link-only headings
//! counted, which tells teaser lists from articles. Choosing the container is left to
//! [`super::content`].

use ego_tree::NodeId;
use ego_tree::iter::Edge;
use scraper::node::Element;
use scraper::{ElementRef, Node};

use super::apparatus::is_apparatus;
use super::furniture::{FurnitureMap, class_tokens};
use crate::article::clean::normalise_space;

/// Loose text (outside any paragraph element) is kept from this many characters on.
const MIN_LOOSE_CHARS: usize = 60;

/// One paragraph of article text, in reading order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block<'a> {
    /// The block's text, whitespace collapsed.
    pub text: String,
    /// The first text node of the block, as the parser read it (for locating it in the source).
    pub anchor: Option<&'a str>,
}

/// What walking a container produced.
#[derive(Debug, Default)]
pub struct Walk<'a> {
    /// The blocks kept, in reading order.
    pub blocks: Vec<Block<'a>>,
    /// Visible characters in the kept blocks.
    pub chars: usize,
    /// Paragraphs and loose text blocks kept.
    pub paragraphs: usize,
    /// The last heading kept, with its characters, while no text has followed it.
    open_heading: Option<(usize, usize)>,
    /// Link-heavy blocks dropped since [`Walk::open_heading`].
    links_under_heading: usize,
}

/// What kind of element a block of text comes from, which decides when it is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Kind {
    #[default]
    Loose,
    Paragraph,
    Heading,
    Item,
    Quote,
}

/// The block kind of an element, or `None` for inline elements. A `div` named a paragraph
/// (`article-body__paragraph`, `data-testid="paragraph-3"`) is one.
fn block_kind(element: &Element) -> Option<Kind> {
    match element.name() {
        "div"
            if class_tokens(element)
                .iter()
                .any(|t| t.contains("paragraph")) =>
        {
            Some(Kind::Paragraph)
        }
        "p" | "pre" => Some(Kind::Paragraph),
        "h2" | "h3" | "h4" | "h5" | "h6" => Some(Kind::Heading),
        "li" => Some(Kind::Item),
        "blockquote" => Some(Kind::Quote),
        "div" | "section" | "article" | "main" | "ul" | "ol" | "dl" | "dd" | "dt" | "table"
        | "tr" | "td" | "th" | "tbody" | "thead" | "tfoot" | "center" | "details" | "summary"
        | "figure" | "fieldset" | "form" | "body" | "html" | "hr" | "caption" | "picture" => {
            Some(Kind::Loose)
        }
        custom if custom.contains('-') => Some(Kind::Loose),
        _ => None,
    }
}

/// The text gathered for the block being read.
#[derive(Debug, Default)]
struct Run<'a> {
    text: String,
    chars: usize,
    link_chars: usize,
    anchor: Option<&'a str>,
    kind: Kind,
}

impl<'a> Walk<'a> {
    /// Adds a text node to the run.
    fn push_text(run: &mut Run<'a>, text: &'a str, in_link: bool) {
        let chars = text.chars().filter(|c| !c.is_whitespace()).count();
        if chars > 0 && run.anchor.is_none() {
            run.anchor = Some(text);
        }
        run.text.push_str(text);
        run.chars += chars;
        if in_link {
            run.link_chars += chars;
        }
    }

    /// Ends the run: keeps it as a block when its kind and link density allow, and starts a new
    /// run of `next` kind.
    fn flush(&mut self, run: &mut Run<'a>, next: Kind) {
        let done = std::mem::replace(
            run,
            Run {
                kind: next,
                ..Run::default()
            },
        );
        let text = normalise_space(&done.text);
        if !text.chars().any(char::is_alphanumeric) {
            return;
        }
        let density = done.link_chars as f64 / done.chars.max(1) as f64;
        let keep = match done.kind {
            Kind::Paragraph | Kind::Quote => density <= 0.6,
            Kind::Item => density <= 0.5,
            Kind::Heading => density <= 0.5,
            Kind::Loose => done.chars >= MIN_LOOSE_CHARS && density <= 0.3,
        };
        if !keep {
            if density > 0.5 && self.open_heading.is_some() {
                self.links_under_heading += 1;
            }
            return;
        }
        self.close_heading();
        if done.kind == Kind::Heading {
            self.open_heading = Some((self.blocks.len(), done.chars));
        }
        if matches!(done.kind, Kind::Paragraph | Kind::Loose) {
            self.paragraphs += 1;
        }
        self.chars += done.chars;
        self.blocks.push(Block {
            text,
            anchor: done.anchor,
        });
    }
}

impl Walk<'_> {
    /// Settles the open heading: one followed only by dropped links titles a link list
    /// ("More on this story", "Related coverage") and is dropped with it.
    fn close_heading(&mut self) {
        if let Some((at, chars)) = self.open_heading.take()
            && self.links_under_heading > 0
            && at < self.blocks.len()
        {
            self.blocks.remove(at);
            self.chars -= chars;
        }
        self.links_under_heading = 0;
    }
}

/// The non-space characters of an element's text, and how many of them are link text (inside
/// an `<a>` below the element).
pub fn text_and_link_chars(element: ElementRef<'_>) -> (usize, usize) {
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
            linked += if in_link { chars } else { 0 };
        }
    }
    (all, linked)
}

/// Whether an element's text is mostly links (a list of stories, not an advertisement).
fn is_link_list(element: ElementRef<'_>) -> bool {
    let (all, linked) = text_and_link_chars(element);
    all > 0 && linked * 2 > all
}

/// Reads the blocks of some containers in order, in one pass over each subtree, skipping
/// furniture and apparatus below the container. A block quote becomes one block.
pub fn walk<'a>(roots: &[ElementRef<'a>], furniture: &FurnitureMap) -> Walk<'a> {
    let mut walked = Walk::default();
    for root in roots {
        let mut run = Run::default();
        let mut kinds: Vec<Kind> = Vec::new();
        let mut skip_until: Option<NodeId> = None;
        let (mut link_depth, mut quote_depth) = (0usize, 0usize);
        for edge in root.traverse() {
            match edge {
                Edge::Open(node) => {
                    if skip_until.is_some() {
                        continue;
                    }
                    match node.value() {
                        Node::Text(text) => Walk::push_text(&mut run, text, link_depth > 0),
                        Node::Element(element) => {
                            let tag = element.name();
                            if node.id() != root.id() && furniture.is_root(node.id()) {
                                skip_until = Some(node.id());
                                if walked.open_heading.is_some()
                                    && ElementRef::wrap(node).is_some_and(is_link_list)
                                {
                                    walked.links_under_heading += 1;
                                }
                            } else if node.id() != root.id()
                                && ElementRef::wrap(node).is_some_and(is_apparatus)
                            {
                                skip_until = Some(node.id());
                            } else if tag == "br" {
                                if run.kind == Kind::Loose {
                                    walked.flush(&mut run, Kind::Loose);
                                } else {
                                    run.text.push(' ');
                                }
                            } else if tag == "a" {
                                link_depth += 1;
                            } else if let Some(kind) = block_kind(element) {
                                if quote_depth > 0 {
                                    run.text.push(' ');
                                } else {
                                    walked.flush(&mut run, kind);
                                }
                                if kind == Kind::Quote {
                                    quote_depth += 1;
                                }
                                kinds.push(kind);
                            }
                        }
                        _ => {}
                    }
                }
                Edge::Close(node) => {
                    if let Some(id) = skip_until {
                        if id == node.id() {
                            skip_until = None;
                        }
                        continue;
                    }
                    let Node::Element(element) = node.value() else {
                        continue;
                    };
                    let tag = element.name();
                    if tag == "a" {
                        link_depth = link_depth.saturating_sub(1);
                    } else if let Some(kind) = block_kind(element) {
                        kinds.pop();
                        if kind == Kind::Quote {
                            quote_depth = quote_depth.saturating_sub(1);
                        }
                        if quote_depth > 0 {
                            run.text.push(' ');
                        } else {
                            let next = kinds.last().copied().unwrap_or_default();
                            walked.flush(&mut run, next);
                        }
                    }
                }
            }
        }
        walked.flush(&mut run, Kind::Loose);
    }
    walked.close_heading();
    walked
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::{Html, Selector};

    fn texts(html: &str) -> Vec<String> {
        let doc = Html::parse_document(html);
        let selector = Selector::parse("body").expect("valid selector");
        let body = doc.select(&selector).next().expect("a body");
        walk(&[body], &FurnitureMap::new(&doc))
            .blocks
            .into_iter()
            .map(|b| b.text)
            .collect()
    }
    #[test]
    fn reads_paragraphs_subheads_items_and_quotes() {
        let blocks = texts(
            r#"<div class="entry-content"><p>The council voted on <a href="/x">Tuesday</a>
            to close the old bridge for repairs, officials said.</p>
            <h2>What happens next</h2><ul><li>Buses will run every ten minutes.</li></ul>
            <blockquote><p>It is overdue.</p><p>Long overdue.</p></blockquote>
            <div class="share-tools"><p>Share on Facebook and tell your friends about it</p></div>
            </div>"#,
        );
        assert_eq!(
            blocks,
            [
                "The council voted on Tuesday to close the old bridge for repairs, officials said.",
                "What happens next",
                "Buses will run every ten minutes.",
                "It is overdue. Long overdue."
            ]
        );
    }

    #[test]
    fn loose_text_split_at_line_breaks() {
        let long =
            "This sentence is certainly long enough to count as loose article text on its own.";
        let blocks = texts(&format!(
            "<body><div>{long}<br><br>{long}<br>short bit</div></body>"
        ));
        assert_eq!(blocks, [long, long]);
    }

    #[test]
    fn headings_over_link_lists_are_dropped() {
        let blocks = texts(
            r#"<body><p>The first paragraph of the story, long enough to be kept as text.</p>
            <h2>More on this story</h2><ul><li><a href="/a">Another story</a></li>
            <li><a href="/b">And another</a></li></ul>
            <h2>What happens next</h2><p>Buses will run every ten minutes.</p>
            <h2>Related topics</h2><div><a href="/t">Transport</a></div></body>"#,
        );
        assert_eq!(
            blocks,
            [
                "The first paragraph of the story, long enough to be kept as text.",
                "What happens next",
                "Buses will run every ten minutes."
            ]
        );
    }

    #[test]
    fn divs_named_paragraphs_are_paragraphs() {
        let blocks = texts(
            r#"<body><div data-testid="paragraph-0" class="x">Stocks fell.</div>
            <div class="article-body__paragraph__2-BtD">Gold rose.</div><div>Too short.</div></body>"#,
        );
        assert_eq!(blocks, ["Stocks fell.", "Gold rose."]);
    }
}
