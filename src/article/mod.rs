//! The domain: what an article is once read, and how raw text becomes one.
//!
//! Parsers for each input format produce [`Article`]s; [`passage::split_passages`] cuts an
//! article's body into the [`Passage`]s that the index stores and the search ranks. Nothing here
//! touches the index or the terminal.

pub mod clean;
pub mod csv;
pub mod date;
pub mod fieldmap;
pub mod fingerprint;
pub mod format;
pub mod headline;
pub mod html;
pub mod json;
pub mod lines;
pub mod passage;
pub mod record;
pub mod sentence;
pub mod sgml;
pub mod text;

use std::path::PathBuf;

use chrono::NaiveDate;

pub use passage::{Passage, split_passages};

/// One news article, as read from a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// Stable identifier: the source's own id when it has one, else derived from the path.
    pub id: String,
    /// The file the article was read from.
    pub path: PathBuf,
    /// The line (1-based) where the article starts in its file.
    pub line: u64,
    /// Calendar date of publication, when it could be read.
    pub date: Option<NaiveDate>,
    /// The headline: given by the source, or derived from the lead sentence.
    pub headline: String,
    /// Body text in reading order, one entry per paragraph, boilerplate removed.
    pub body: Vec<Paragraph>,
    /// Canonical address of the article, when known.
    pub url: Option<String>,
    /// Publication or site name, when known.
    pub source: Option<String>,
    /// Author or byline, when known.
    pub author: Option<String>,
}

/// One paragraph of body text and the line of its file where it starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    /// The paragraph's text, with internal line breaks joined by spaces.
    pub text: String,
    /// The line (1-based) of the file where the paragraph starts.
    pub line: u64,
}

impl Article {
    /// Whether the article has a publication date.
    pub fn has_date(&self) -> bool {
        self.date.is_some()
    }

    /// Whether the headline is the source's own, rather than derived from the lead (the first
    /// paragraph then starts with it). A derived headline adds no information to the body, so
    /// it is shown but not indexed as a headline.
    pub fn has_own_headline(&self) -> bool {
        let stem = self.headline.trim_end_matches('…').trim_end();
        !stem.is_empty()
            && self
                .body
                .first()
                .is_none_or(|lead| !lead.text.starts_with(stem))
    }

    /// The body as one string, paragraphs separated by blank lines.
    pub fn body_text(&self) -> String {
        let texts: Vec<&str> = self.body.iter().map(|p| p.text.as_str()).collect();
        texts.join("\n\n")
    }
}
