//! Which parser reads a file, and the one shape every parser returns.
//!
//! [`detect_format`] chooses a format from the file's extension; [`confirm_format`] checks it
//! against the content (a `.txt` holding JSON is read as JSON, a page saved as `.txt` as HTML);
//! [`parse_document`] runs the matching parser over decoded text and returns the articles it read
//! together with the records it had to skip ([`Problem`]), so that one bad record never loses
//! the rest of a file.

use std::path::Path;

use chrono::NaiveDate;

use super::Article;
use super::csv::parse_csv;
use super::html::parse_html;
use super::json::{parse_json, parse_jsonl};
use super::sgml::parse_sgml;
use super::text::{is_list_text, parse_text};

/// An input format news-search reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text, one article per file.
    Text,
    /// A saved web page, one article per file.
    Html,
    /// One JSON article object, or an array of them.
    Json,
    /// JSON Lines: one article object per line.
    JsonLines,
    /// Comma-separated values with a header row.
    Csv,
    /// Tab-separated values with a header row.
    Tsv,
    /// Reuters-21578 SGML: many `<REUTERS>` articles per file.
    Sgml,
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
/// Files without an extension are taken as text and confirmed by content.
pub fn detect_format(path: &Path) -> Option<Format> {
    let Some(ext) = path.extension() else {
        return Some(Format::Text);
    };
    let ext = ext.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "txt" | "text" | "md" => Some(Format::Text),
        "html" | "htm" | "xhtml" | "shtml" => Some(Format::Html),
        "json" => Some(Format::Json),
        "jsonl" | "ndjson" => Some(Format::JsonLines),
        "csv" => Some(Format::Csv),
        "tsv" | "tab" => Some(Format::Tsv),
        "sgm" | "sgml" => Some(Format::Sgml),
        _ => None,
    }
}

/// Checks the format chosen by extension against the content: a text file that is really JSON
/// is read as JSON (or JSON Lines when its first line is a whole object), one that is really a
/// web page as HTML, one that is Reuters SGML as SGML.
pub fn confirm_format(format: Format, text: &str) -> Format {
    if format != Format::Text {
        return format;
    }
    let start = text.trim_start_matches(['\u{feff}']).trim_start();
    if start.starts_with("<!DOCTYPE lewis") || start.starts_with("<REUTERS") {
        return Format::Sgml;
    }
    if looks_like_html(start) {
        return Format::Html;
    }
    if start.starts_with('[') {
        return Format::Json;
    }
    if start.starts_with('{') {
        let first_line = start.lines().next().unwrap_or_default().trim_end();
        let more_lines = start
            .lines()
            .nth(1)
            .is_some_and(|l| l.trim_start().starts_with('{'));
        return if first_line.ends_with('}') && more_lines {
            Format::JsonLines
        } else {
            Format::Json
        };
    }
    format
}

/// Whether text (trimmed) starts like a web page: a doctype, `<html>`, or a `<head>` or `<body>`
/// within its first 512 characters, once XML declarations (`<?xml …?>`) and comments (such as
/// a browser's `<!-- saved from url=… -->`) before it are passed over.
fn looks_like_html(text: &str) -> bool {
    let mut rest = text;
    for _ in 0..8 {
        let skipped = if rest.starts_with("<?") {
            rest.find("?>").map(|end| end + 2)
        } else if rest.starts_with("<!--") {
            rest.find("-->").map(|end| end + 3)
        } else {
            None
        };
        match skipped.and_then(|end| rest.get(end..)) {
            Some(after) => rest = after.trim_start(),
            None => break,
        }
    }
    let head: String = rest
        .chars()
        .take(512)
        .collect::<String>()
        .to_ascii_lowercase();
    head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || head.contains("<head")
        || head.contains("<body")
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
            if is_list_text(text) {
                parsed.problems.push(Problem {
                    line: None,
                    reason: "a list or table, not article prose".to_string(),
                });
                return parsed;
            }
            match parse_text(id, path, text, today) {
                Some(article) => parsed.articles.push(article),
                None => parsed.problems.push(Problem {
                    line: None,
                    reason: "no article text".to_string(),
                }),
            }
            parsed
        }
        Format::Html => parse_html(id, path, text, today),
        Format::Json => parse_json(id, path, text, today),
        Format::JsonLines => parse_jsonl(id, path, text, today),
        Format::Csv => parse_csv(id, path, text, b',', today),
        Format::Tsv => parse_csv(id, path, text, b'\t', today),
        Format::Sgml => parse_sgml(id, path, text, today),
    }
}

/// Compact views of a [`Parsed`] for parser tests.
#[cfg(test)]
pub(crate) mod test_support {
    use super::Parsed;

    /// `(id, line, headline)` of each article.
    pub fn summary(parsed: &Parsed) -> Vec<(String, u64, String)> {
        let articles = parsed.articles.iter();
        articles
            .map(|a| (a.id.clone(), a.line, a.headline.clone()))
            .collect()
    }

    /// `(line, reason)` of each skipped record.
    pub fn problems(parsed: &Parsed) -> Vec<(Option<u64>, String)> {
        let problems = parsed.problems.iter();
        problems.map(|p| (p.line, p.reason.clone())).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_extension() {
        assert_eq!(detect_format(Path::new("a/b.TXT")), Some(Format::Text));
        assert_eq!(
            detect_format(Path::new("a/b.ndjson")),
            Some(Format::JsonLines)
        );
        assert_eq!(detect_format(Path::new("a/b.tsv")), Some(Format::Tsv));
        assert_eq!(detect_format(Path::new("a/b.htm")), Some(Format::Html));
        assert_eq!(detect_format(Path::new("a/noext")), Some(Format::Text));
        assert_eq!(detect_format(Path::new("a/b.pdf")), None);
    }

    /// A deterministic xorshift generator, so the property test needs no extra crate.
    fn next(seed: &mut u64) -> u64 {
        *seed ^= *seed << 13;
        *seed ^= *seed >> 7;
        *seed ^= *seed << 17;
        *seed
    }

    #[test]
    fn no_parser_panics_on_arbitrary_input() {
        // Fragments of every format, shuffled and cut at random char boundaries, plus noise.
        let pieces = [
            "<html><head><title>T | Site</title><meta property=\"og:title\" content=\"x\">",
            "<script type=\"application/ld+json\">{\"@graph\":[{\"headline\":",
            "<article><h1>Head</h1><p>Body text here.</p></article>",
            "{\"title\": \"A\", \"date\": 1700000000, \"body\": [\"p1\", ",
            "[{\"headline\": {\"main\": null}}, 5, \"x\"]",
            "id,title,date,text\n1,\"quoted\nnewline\",2017/2/7,\"body\"\"q\"\n",
            "<REUTERS NEWID=\"7\"><DATE>26-FEB-1987 15:01:01.79</DATE><TEXT><TITLE>X</TITLE><BODY>",
            "&#3; Reuter\n</BODY></TEXT></REUTERS>",
            "Wednesday, May 14\n\nLead sentence. Another.\n\nLeave A Reply\n",
            "é€😀\u{0}\t\r\n  ",
        ];
        let today = NaiveDate::from_ymd_opt(2026, 11, 28).expect("date");
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..400 {
            let mut text = String::new();
            for _ in 0..(next(&mut seed) % 8) {
                let piece = pieces[(next(&mut seed) % pieces.len() as u64) as usize];
                let cut = (next(&mut seed) as usize) % (piece.len() + 1);
                let cut = (0..=cut)
                    .rev()
                    .find(|&i| piece.is_char_boundary(i))
                    .unwrap_or(0);
                text.push_str(&piece[..cut]);
                if next(&mut seed).is_multiple_of(4) {
                    text.push(char::from_u32((next(&mut seed) % 0x3000) as u32).unwrap_or('?'));
                }
            }
            for format in [
                Format::Text,
                Format::Html,
                Format::Json,
                Format::JsonLines,
                Format::Csv,
                Format::Tsv,
                Format::Sgml,
            ] {
                let parsed = parse_document(format, "f", Path::new("f"), &text, today);
                for article in &parsed.articles {
                    assert!(article.body.iter().all(|p| !p.text.is_empty()));
                }
            }
        }
    }

    #[test]
    fn content_confirms_text_files() {
        assert_eq!(
            confirm_format(Format::Text, "  [{\"title\": \"x\"}]"),
            Format::Json
        );
        assert_eq!(
            confirm_format(Format::Text, "{\"title\": \"x\",\n \"body\": \"y\"}"),
            Format::Json
        );
        assert_eq!(
            confirm_format(Format::Text, "{\"a\":1}\n{\"a\":2}\n"),
            Format::JsonLines
        );
        assert_eq!(
            confirm_format(Format::Text, "May 14, 2025\n\nText"),
            Format::Text
        );
        assert_eq!(confirm_format(Format::Csv, "{not really}"), Format::Csv);
        assert_eq!(
            confirm_format(Format::Text, "<!DOCTYPE html><html><head><title>x</title>"),
            Format::Html
        );
        assert_eq!(
            confirm_format(Format::Text, "<REUTERS NEWID=\"1\">"),
            Format::Sgml
        );
    }

    #[test]
    fn pages_behind_marks_comments_and_declarations_are_html() {
        for page in [
            "\u{feff}<!DOCTYPE html><html><head><title>x</title>",
            "<!-- saved from url=(0035)https://ex.org/2025/05/14/a.html -->\n<html lang=\"en\">",
            "<?xml version=\"1.0\" encoding=\"windows-1252\"?>\n<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\">",
            "<?xml version=\"1.0\"?>\n<!-- CMS 4.2 -->\n<html xmlns=\"http://www.w3.org/1999/xhtml\">",
            "<meta charset=\"utf-8\"><title>x</title><body><p>Text</p>",
        ] {
            assert_eq!(confirm_format(Format::Text, page), Format::Html, "{page}");
        }
        assert_eq!(
            confirm_format(Format::Text, "<!-- a comment -->\nPlain words follow."),
            Format::Text
        );
        assert_eq!(
            confirm_format(Format::Text, "<!-- never closed"),
            Format::Text
        );
    }
}
