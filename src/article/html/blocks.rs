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
use scraper::{ElementRef, Node};

use super::furniture::{is_apparatus, is_page_furniture};
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
    /// Headings dropped because they are links (teaser titles).
    pub linked_headings: usize,
    /// Paragraphs and loose text blocks kept.
    pub paragraphs: usize,
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

/// The block kind of a tag, or `None` for inline elements.
fn block_kind(tag: &str) -> Option<Kind> {
    match tag {
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
        if done.kind == Kind::Heading && !keep {
            self.linked_headings += 1;
        }
        if !keep {
            return;
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

/// Reads the blocks of some containers in order, in one pass over each subtree, skipping
/// furniture and apparatus below the container. A block quote becomes one block.
pub fn walk<'a>(roots: &[ElementRef<'a>]) -> Walk<'a> {
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
                            if node.id() != root.id()
                                && (is_page_furniture(element) || is_apparatus(element))
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
                            } else if let Some(kind) = block_kind(tag) {
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
                    } else if let Some(kind) = block_kind(tag) {
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
        walk(&[body]).blocks.into_iter().map(|b| b.text).collect()
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
    fn counts_link_only_headings() {
        let doc = Html::parse_document(
            r#"<body><h2><a href="/a">Teaser title one</a></h2><h3>Real subhead</h3></body>"#,
        );
        let selector = Selector::parse("body").expect("valid selector");
        let body = doc.select(&selector).next().expect("a body");
        let walked = walk(&[body]);
        assert_eq!(walked.linked_headings, 1);
        assert_eq!(walked.blocks.len(), 1);
    }
}
