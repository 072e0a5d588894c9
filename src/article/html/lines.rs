//! Source line numbers for text the HTML parser produced.
//!
//! html5ever does not report where a node starts in the source, so [`LineFinder`] searches the
//! raw page for the opening characters of each paragraph's first text node, moving forward
//! through the page so that the whole search stays linear. Entities and line-ending
//! differences end the searched prefix early; text that cannot be found gets line 1.

/// The longest prefix of a text node, in bytes, searched for in the source.
const MAX_ANCHOR_BYTES: usize = 40;
/// The shortest prefix worth searching for: shorter ones match in the wrong places.
const MIN_ANCHOR_BYTES: usize = 8;
/// How far past the previous find a search looks, in bytes, so that misses stay cheap.
const SEARCH_WINDOW: usize = 256 * 1024;

/// Finds the lines of successive text nodes in a page's source, in reading order.
#[derive(Debug)]
pub struct LineFinder<'a> {
    source: &'a str,
    /// Byte offset after the previous find.
    cursor: usize,
    /// The 1-based line at `cursor`.
    line: u64,
}

impl<'a> LineFinder<'a> {
    /// Starts searching at the page's `<body` tag (so that copies of the text in `<head>`
    /// metadata are passed over), or at the start when there is none.
    pub fn new(source: &'a str) -> Self {
        let body = source
            .as_bytes()
            .windows(5)
            .position(|w| w.eq_ignore_ascii_case(b"<body"))
            .unwrap_or(0);
        let line = 1 + count_newlines(&source.as_bytes()[..body]);
        LineFinder {
            source,
            cursor: body,
            line,
        }
    }

    /// The 1-based line where `text` (a text node as parsed) next occurs, or 1 when it cannot
    /// be found.
    pub fn locate(&mut self, text: &str) -> u64 {
        let anchor = searchable_prefix(text);
        if anchor.len() < MIN_ANCHOR_BYTES {
            return 1;
        }
        let mut end = (self.cursor + SEARCH_WINDOW).min(self.source.len());
        while !self.source.is_char_boundary(end) {
            end -= 1;
        }
        let Some(window) = self.source.get(self.cursor..end) else {
            return 1;
        };
        let Some(found) = window.find(anchor) else {
            return 1;
        };
        self.line += count_newlines(&window.as_bytes()[..found]);
        self.cursor += found + anchor.len();
        self.line
    }
}

/// The start of a text node that appears verbatim in the source: leading space trimmed, cut
/// before the first character the source may have written as an entity (markup characters,
/// typographic punctuation) or with a different line ending, and at most [`MAX_ANCHOR_BYTES`] long.
fn searchable_prefix(text: &str) -> &str {
    let text = text.trim_start();
    let mut end = 0;
    for (at, c) in text.char_indices() {
        let verbatim = (c.is_ascii_graphic() && !matches!(c, '&' | '<' | '>' | '"' | '\''))
            || c == ' '
            || (!c.is_ascii() && c.is_alphanumeric());
        if !verbatim || at + c.len_utf8() > MAX_ANCHOR_BYTES {
            break;
        }
        end = at + c.len_utf8();
    }
    text[..end].trim_end()
}

/// How many line feeds a byte slice holds.
fn count_newlines(bytes: &[u8]) -> u64 {
    bytes.iter().filter(|&&b| b == b'\n').count() as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_successive_lines_after_body() {
        let source = "<head><meta content=\"First para here\"></head>\n<body>\n<p>First para here.</p>\n\n<p>Second one &amp; more.</p>\n<p>First para here again</p>";
        let mut finder = LineFinder::new(source);
        assert_eq!(finder.locate("First para here."), 3);
        assert_eq!(finder.locate("Second one & more."), 5);
        assert_eq!(finder.locate("First para here again"), 6);
    }

    #[test]
    fn short_or_missing_text_gets_line_one() {
        let mut finder = LineFinder::new("<p>Hello</p>\n<p>Something else</p>");
        assert_eq!(finder.locate("Hello"), 1);
        assert_eq!(finder.locate("Not in the source at all"), 1);
        assert_eq!(finder.locate("Something else"), 2);
    }

    #[test]
    fn prefix_stops_at_entities_and_non_ascii() {
        assert_eq!(searchable_prefix("  Don’t stop"), "Don");
        assert_eq!(searchable_prefix("Fish & chips"), "Fish");
        assert_eq!(searchable_prefix(&"a".repeat(100)).len(), MAX_ANCHOR_BYTES);
    }
}
