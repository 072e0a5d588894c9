//! Which parser reads a file, and the one shape every parser returns.
//!
//! [`detect_format`] chooses a format from the file's extension; [`parse_document`] runs the
//! matching parser over decoded text and returns the articles it read together with the records
//! it had to skip ([`Problem`]), so that one bad record never loses the rest of a file.

use std::path::Path;

use chrono::NaiveDate;

use super::Article;
use super::text::parse_text;

/// An input format news-search reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text, one article per file.
    Text,
}

/// A record that could not be read, with where it is in its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Line of the file (1-based) where the bad record starts, when known.
    pub line: Option<u64>,
    /// Why it was skipped (a short lowercase phrase).
    pub reason: String,
}

/// What a parser read from one file.
#[derive(Debug, Default)]
pub struct Parsed {
    /// The articles read, in file order.
    pub articles: Vec<Article>,
    /// Records skipped, with reasons.
    pub problems: Vec<Problem>,
}

/// The format of a file, from its extension; `None` for files news-search does not read.
pub fn detect_format(path: &Path) -> Option<Format> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "txt" | "text" => Some(Format::Text),
        _ => None,
    }
}

/// Parses decoded file text. `id` is the id derived from the file's path; parsers of
/// multi-article files extend it with the article's position unless the source has its own.
pub fn parse_document(
    format: Format,
    id: &str,
    path: &Path,
    text: &str,
    today: NaiveDate,
) -> Parsed {
    match format {
        Format::Text => {
            let mut parsed = Parsed::default();
            match parse_text(id, path, text, today) {
                Some(article) => parsed.articles.push(article),
                None => parsed.problems.push(Problem {
                    line: None,
                    reason: "no article text".to_string(),
                }),
            }
            parsed
        }
    }
}
