//! Line numbers for byte positions in a file's text, for parsers whose records start
//! mid-file (JSON array elements, CSV rows). Finding the positions is the parser's job.

/// Turns positions in one text into 1-based line numbers. Asking in increasing order costs one
/// pass over the text in all; asking backwards starts again from the top.
#[derive(Debug)]
pub struct LineCounter<'a> {
    text: &'a str,
    offset: usize,
    line: u64,
}

impl<'a> LineCounter<'a> {
    /// A counter over `text`.
    pub fn new(text: &'a str) -> Self {
        LineCounter {
            text,
            offset: 0,
            line: 1,
        }
    }

    /// The line of byte position `offset`; positions past the end count as the end.
    pub fn line_at(&mut self, offset: usize) -> u64 {
        let offset = offset.min(self.text.len());
        if offset < self.offset {
            self.offset = 0;
            self.line = 1;
        }
        let skipped = &self.text.as_bytes()[self.offset..offset];
        self.line += skipped.iter().filter(|&&b| b == b'\n').count() as u64;
        self.offset = offset;
        self.line
    }

    /// The line where `part` starts, when `part` is a slice of the counter's text; else 1.
    pub fn line_of(&mut self, part: &str) -> u64 {
        let offset = (part.as_ptr() as usize).wrapping_sub(self.text.as_ptr() as usize);
        if offset > self.text.len() {
            return 1;
        }
        self.line_at(offset)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_lines_forwards_and_backwards() {
        let text = "a\nbb\r\n\nc";
        let mut lines = LineCounter::new(text);
        assert_eq!(lines.line_at(0), 1);
        assert_eq!(lines.line_at(2), 2);
        assert_eq!(lines.line_at(7), 4);
        assert_eq!(lines.line_at(1), 1);
        assert_eq!(lines.line_at(99), 4);
        assert_eq!(lines.line_of(&text[3..]), 2);
        assert_eq!(lines.line_of("elsewhere"), 1);
    }
}
