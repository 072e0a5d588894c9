//! Bounding how deep elements nest before the page is parsed.
//!
//! The HTML tree builder looks up the stack of open elements for every start tag (is a `<p>`
//! in button scope?), so a page of 200,000 nested `<div>`s costs time quadratic in its depth:
//! 168 s to parse 2.2 MB. Browsers bound the depth of the tree they build (Chromium at 512); so
//! does this pre-pass, in one pass over the text: start and end tags nested deeper than
//! [`MAX_DEPTH`] are left out, their text kept. Elements whose end tag may be left out (`p`,
//! `li`, `td`…) and void elements do not count, so ordinary pages, where those are often left
//! open, are never touched.

use std::borrow::Cow;

use memchr::memmem;

/// Deepest element nesting kept (as Chromium's parser).
pub const MAX_DEPTH: usize = 512;

/// Elements that never have content.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];
/// Elements whose end tag may be left out, so their start tags do not reliably nest.
const OPTIONAL_END: &[&str] = &[
    "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead", "tbody", "tfoot",
    "colgroup", "caption", "rt", "rp", "html", "head", "body",
];
/// Elements whose content is raw text, never tags.
const RAW_TEXT: &[&str] = &["script", "style", "textarea", "title", "xmp", "noscript"];

/// The page with tags nested deeper than [`MAX_DEPTH`] left out; the page itself (borrowed)
/// when none is.
pub fn bounded(html: &str) -> Cow<'_, str> {
    bounded_to(html, MAX_DEPTH)
}

/// [`bounded`] with another limit.
fn bounded_to(html: &str, max: usize) -> Cow<'_, str> {
    let bytes = html.as_bytes();
    let mut depth = 0usize;
    // Byte ranges of tags to leave out, found in one pass.
    let mut dropped: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while let Some(offset) = memchr::memchr(b'<', &bytes[i..]) {
        let start = i + offset;
        let Some(tag) = read_tag(bytes, start) else {
            i = start + 1;
            continue;
        };
        i = tag.end;
        match tag.kind {
            TagKind::Skip => {}
            TagKind::Start { counted: false, .. } => {}
            TagKind::Start {
                raw: true,
                name_end,
                ..
            } => {
                // Skip to the matching end tag of a raw-text element.
                let name = &bytes[start + 1..name_end];
                i = find_close(bytes, i, name).unwrap_or(bytes.len());
            }
            TagKind::Start { .. } => {
                depth += 1;
                if depth > max {
                    dropped.push((start, tag.end));
                }
            }
            TagKind::End { counted } => {
                if counted {
                    if depth > max {
                        dropped.push((start, tag.end));
                    }
                    depth = depth.saturating_sub(1);
                }
            }
        }
    }
    if dropped.is_empty() {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut from = 0;
    for (start, end) in dropped {
        out.push_str(&html[from..start]);
        from = end;
    }
    out.push_str(&html[from..]);
    Cow::Owned(out)
}

/// What a tag is, for depth counting.
enum TagKind {
    /// A comment, doctype or processing instruction.
    Skip,
    /// A start tag: whether it counts for depth, whether its content is raw text, where its
    /// name ends.
    Start {
        counted: bool,
        raw: bool,
        name_end: usize,
    },
    /// An end tag: whether it counts for depth.
    End { counted: bool },
}

/// A tag found at `<`.
struct Tag {
    kind: TagKind,
    /// One past its `>`.
    end: usize,
}

/// Reads the tag that starts at `start` (a `<`); `None` when the `<` starts no tag.
fn read_tag(bytes: &[u8], start: usize) -> Option<Tag> {
    let next = *bytes.get(start + 1)?;
    if next == b'!' || next == b'?' {
        let end = if bytes[start..].starts_with(b"<!--") {
            memmem::find(&bytes[start + 4..], b"-->").map_or(bytes.len(), |at| start + 4 + at + 3)
        } else {
            memchr::memchr(b'>', &bytes[start..]).map_or(bytes.len(), |at| start + at + 1)
        };
        return Some(Tag {
            kind: TagKind::Skip,
            end,
        });
    }
    let closing = next == b'/';
    let name_start = start + 1 + usize::from(closing);
    let name_end = name_start
        + bytes[name_start..]
            .iter()
            .position(|b| !b.is_ascii_alphanumeric() && *b != b'-' && *b != b':')
            .unwrap_or(bytes.len() - name_start);
    if name_end == name_start || !bytes[name_start].is_ascii_alphabetic() {
        return None;
    }
    let name = String::from_utf8_lossy(&bytes[name_start..name_end]).to_ascii_lowercase();
    let end = tag_end(bytes, name_end);
    let self_closing = end >= 2 && bytes[end - 2] == b'/';
    let counted = !VOID.contains(&name.as_str()) && !OPTIONAL_END.contains(&name.as_str());
    let kind = if closing {
        TagKind::End { counted }
    } else {
        TagKind::Start {
            counted: counted && !self_closing,
            raw: RAW_TEXT.contains(&name.as_str()),
            name_end,
        }
    };
    Some(Tag { kind, end })
}

/// One past the `>` that ends a tag whose attributes start at `from` (quoted values may hold
/// `>`).
fn tag_end(bytes: &[u8], from: usize) -> usize {
    let mut quote: Option<u8> = None;
    for (offset, &b) in bytes[from..].iter().enumerate() {
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'"' || b == b'\'' => quote = Some(b),
            None if b == b'>' => return from + offset + 1,
            None => {}
        }
    }
    bytes.len()
}

/// The position of the end tag `</name` (any case) in `bytes` from `from`.
fn find_close(bytes: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    (from..bytes.len().saturating_sub(name.len() + 1)).find(|&at| {
        bytes[at] == b'<'
            && bytes[at + 1] == b'/'
            && bytes[at + 2..at + 2 + name.len()].eq_ignore_ascii_case(name)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_pages_are_untouched() {
        let page = "<html><body><div class=\"a>b\"><p>One<p>Two<br><img src=x/>\
                    <script>if (a<b) { x = '<div>'; }</script><!-- <div> --></div></body></html>";
        assert!(matches!(bounded_to(page, 2), Cow::Borrowed(_)));
    }

    #[test]
    fn tags_deeper_than_the_limit_are_left_out_with_their_text_kept() {
        let page = format!("{}text{}", "<div>".repeat(5), "</div>".repeat(5));
        assert_eq!(
            bounded_to(&page, 3),
            "<div><div><div>text</div></div></div>"
        );
        let deep = format!("{}x{}", "<div>".repeat(200_000), "</div>".repeat(200_000));
        let kept = bounded(&deep);
        assert_eq!(kept.matches("<div>").count(), MAX_DEPTH);
        assert_eq!(kept.matches("</div>").count(), MAX_DEPTH);
    }
}
