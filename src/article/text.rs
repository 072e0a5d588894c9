//! Plain-text articles (`.txt`), as scraped news really looks.
//!
//! The layouts met in practice, all handled here:
//! - a date line first (`Wednesday, May 14`, `May 14, 2025`, `2025-05-14`), then the body, whose
//!   first paragraph is a standfirst: the headline is derived from its first sentence;
//! - a short title line followed by a blank line ("headline first"), then optionally a date line
//!   and a byline (`By Jane Doe`), then the body;
//! - hard-wrapped paragraphs (lines joined) or one paragraph per line;
//! - web boilerplate anywhere (removed by [`super::clean`]).
//!
//! Dates are read by [`super::date`]; the caller supplies "today" for year inference.

use std::path::Path;

use chrono::NaiveDate;

use super::clean::{is_boilerplate, normalise_space, strip_boilerplate};
use super::date::parse_date_line;
use super::headline::{derive_headline, is_title_line};
use super::{Article, Paragraph};

/// Lines longer than this (in characters) are taken as whole paragraphs, not wrapped lines.
const LONG_LINE_CHARS: usize = 120;
/// How many leading lines may be header (title, date, byline) before the body must start.
const MAX_HEADER_LINES: usize = 4;

/// Reads one plain-text article. Returns `None` when the text holds no headline and no body.
/// `id` and `path` are the caller's; `line` of the result is 1.
pub fn parse_text(id: &str, path: &Path, text: &str, today: NaiveDate) -> Option<Article> {
    let lines: Vec<&str> = text.lines().collect();
    let header = read_header(&lines, today);
    let paragraphs = read_paragraphs(&lines[header.body_start..], header.body_start);
    let body = strip_boilerplate(paragraphs);
    let headline = match header.headline {
        Some(title) => normalise_space(title),
        None => body
            .first()
            .map(|p| derive_headline(&p.text))
            .unwrap_or_default(),
    };
    if headline.is_empty() && body.is_empty() {
        return None;
    }
    Some(Article {
        id: id.to_string(),
        path: path.to_path_buf(),
        line: 1,
        date: header.date,
        headline,
        body,
        url: None,
        source: None,
        author: header.author,
    })
}

/// Whether a text is a list or table rather than article prose (a collection's category list,
/// a word list): many lines, and less than a quarter of its text in lines that read like
/// sentences. Such files sit beside articles in real collections (Reuters-21578 ships six) and
/// are not articles; an article that ends with a table still has most of its text in prose.
pub fn is_list_text(text: &str) -> bool {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    if lines.len() < 30 {
        return false;
    }
    let total: usize = lines.iter().map(|l| l.len()).sum();
    let prose: usize = lines
        .iter()
        .filter(|l| l.split_whitespace().count() >= 8 || l.ends_with(['.', '!', '?', '"', '”']))
        .map(|l| l.len())
        .sum();
    prose * 4 < total
}

/// What the leading lines of a text article say about it.
struct Header<'a> {
    date: Option<NaiveDate>,
    headline: Option<&'a str>,
    author: Option<String>,
    /// Index into the lines where the body starts.
    body_start: usize,
}

/// Reads the title, date and byline lines at the top of a text, stopping at the first line that
/// is none of them.
fn read_header<'a>(lines: &[&'a str], today: NaiveDate) -> Header<'a> {
    let mut header = Header {
        date: None,
        headline: None,
        author: None,
        body_start: 0,
    };
    let mut taken = 0;
    let mut i = 0;
    while i < lines.len() && taken < MAX_HEADER_LINES {
        let line = lines[i].trim();
        if line.is_empty() || is_boilerplate(line) {
            i += 1;
            continue;
        }
        if header.date.is_none()
            && let Some(date) = parse_date_line(line, today)
        {
            header.date = Some(date);
        } else if header.author.is_none()
            && let Some(author) = read_byline(line)
        {
            header.author = Some(author);
        } else if header.headline.is_none() && is_title_line(line) && stands_alone(lines, i, today)
        {
            header.headline = Some(line);
        } else {
            break;
        }
        taken += 1;
        i += 1;
        header.body_start = i;
    }
    header
}

/// Whether the title candidate at `i` is followed by a blank line, a date line, a byline or
/// nothing, and so is not the first line of a wrapped paragraph.
fn stands_alone(lines: &[&str], i: usize, today: NaiveDate) -> bool {
    match lines.get(i + 1).map(|l| l.trim()) {
        None | Some("") => true,
        Some(next) => parse_date_line(next, today).is_some() || read_byline(next).is_some(),
    }
}

/// The author named by a byline such as `By Jane Doe` or `By Jane Doe and John Roe, Reuters`.
fn read_byline(line: &str) -> Option<String> {
    let rest = line
        .strip_prefix("By ")
        .or_else(|| line.strip_prefix("BY "))
        .or_else(|| line.strip_prefix("by "))?;
    let words = rest.split_whitespace().count();
    let capitalised = rest.chars().next().is_some_and(char::is_uppercase);
    (capitalised && (1..=8).contains(&words) && !rest.ends_with('.')).then(|| normalise_space(rest))
}

/// Splits free body text into paragraphs (see [`read_paragraphs`]); `first_line` is the 1-based
/// line of the file where `text` starts, or `None` when the text does not map onto file lines
/// (a JSON string), in which case every paragraph gets `line`.
pub fn text_paragraphs(text: &str, first_line: Option<u64>, line: u64) -> Vec<Paragraph> {
    let lines: Vec<&str> = text.lines().collect();
    let start = first_line.map_or(0, |l| usize::try_from(l.saturating_sub(1)).unwrap_or(0));
    let mut paragraphs = read_paragraphs(&lines, start);
    if first_line.is_none() {
        for paragraph in &mut paragraphs {
            paragraph.line = line;
        }
    }
    paragraphs
}

/// Groups lines into paragraphs: blocks separated by blank lines, whose lines are joined when
/// they are hard-wrapped and kept apart when each is a paragraph of its own.
/// `first_line` is the 0-based index of `lines[0]` in the file.
fn read_paragraphs(lines: &[&str], first_line: usize) -> Vec<Paragraph> {
    let mut paragraphs = Vec::new();
    let mut block: Vec<(usize, &str)> = Vec::new();
    for (offset, line) in lines.iter().enumerate() {
        if line.trim().is_empty() {
            flush_block(&mut block, &mut paragraphs);
        } else {
            block.push((first_line + offset + 1, line));
        }
    }
    flush_block(&mut block, &mut paragraphs);
    paragraphs
}

/// Turns one block of non-blank lines into paragraphs and empties it.
fn flush_block(block: &mut Vec<(usize, &str)>, paragraphs: &mut Vec<Paragraph>) {
    if block.is_empty() {
        return;
    }
    let long_lines = block
        .iter()
        .filter(|(_, l)| l.chars().count() > LONG_LINE_CHARS)
        .count();
    let one_per_line = block.len() > 1 && long_lines * 2 >= block.len();
    if one_per_line {
        for &(line, text) in block.iter() {
            paragraphs.push(Paragraph {
                text: normalise_space(text),
                line: line as u64,
            });
        }
    } else {
        let joined: Vec<&str> = block.iter().map(|(_, l)| *l).collect();
        paragraphs.push(Paragraph {
            text: normalise_space(&joined.join(" ")),
            line: block[0].0 as u64,
        });
    }
    block.clear();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 28).expect("valid date")
    }

    fn parse(text: &str) -> Article {
        parse_text("t", Path::new("t.txt"), text, today()).expect("an article")
    }

    #[test]
    fn date_line_then_standfirst() {
        let a = parse(
            "2025-05-14\n\nDeepSeek’s breakthrough shows China’s capability. More follows.\n\n\nSecond paragraph.\n\nLeave A Reply\n\nExit mobile version",
        );
        assert_eq!(a.date, NaiveDate::from_ymd_opt(2025, 5, 14));
        assert_eq!(
            a.headline,
            "DeepSeek’s breakthrough shows China’s capability."
        );
        assert_eq!(a.body.len(), 2);
        assert_eq!(a.body[0].line, 3);
        assert_eq!(a.body[1].line, 6);
        assert!(!a.body_text().contains("Leave A Reply"));
        assert!(!a.body_text().contains("Exit mobile version"));
    }

    #[test]
    fn headline_first_then_date_and_byline() {
        let a = parse(
            "Oil climbs on supply fears\n\n2024-05-26\nBy Jane Doe\n\nCrude rose on Monday. Traders said so.\n",
        );
        assert_eq!(a.headline, "Oil climbs on supply fears");
        assert_eq!(a.date, NaiveDate::from_ymd_opt(2024, 5, 26));
        assert_eq!(a.author.as_deref(), Some("Jane Doe"));
        assert_eq!(a.body[0].text, "Crude rose on Monday. Traders said so.");
        assert_eq!(a.body[0].line, 6);
    }

    #[test]
    fn headline_first_without_date() {
        let a = parse("Marathon record falls\n\nThe race was run in cool weather.\n");
        assert_eq!(a.headline, "Marathon record falls");
        assert_eq!(a.date, None);
        assert_eq!(a.body.len(), 1);
    }

    #[test]
    fn wrapped_lines_join_into_one_paragraph() {
        let a = parse(
            "Title here\n\nThe first line of a wrapped\nparagraph continues here.\n\nNext one.",
        );
        assert_eq!(
            a.body[0].text,
            "The first line of a wrapped paragraph continues here."
        );
        assert_eq!(a.body[1].line, 6);
    }

    #[test]
    fn long_lines_are_paragraphs_of_their_own() {
        let p1 = "a ".repeat(80);
        let p2 = "b ".repeat(80);
        let a = parse(&format!("Title\n\n{p1}\n{p2}\n"));
        assert_eq!(a.body.len(), 2);
        assert_eq!(a.body[1].line, 4);
    }

    #[test]
    fn first_line_that_starts_a_paragraph_is_not_a_headline() {
        let a = parse("Short opening line\nthat wraps on.\n");
        assert_eq!(a.headline, "Short opening line that wraps on.");
        assert_eq!(a.body.len(), 1);
    }

    #[test]
    fn empty_and_boilerplate_only_texts_give_nothing() {
        assert!(parse_text("t", Path::new("t"), "", today()).is_none());
        assert!(parse_text("t", Path::new("t"), "\n\n  \n", today()).is_none());
        assert!(
            parse_text(
                "t",
                Path::new("t"),
                "Leave A Reply\n\nAdvertisement",
                today()
            )
            .is_none()
        );
    }

    #[test]
    fn lists_are_not_articles() {
        let words: String = (0..40).map(|i| format!("place-{i}\n")).collect();
        assert!(is_list_text(&words));
        let categories: String = (0..40)
            .map(|i| format!("Category number {i} (CAT{i})\n"))
            .collect();
        assert!(is_list_text(&categories));
        let prose: String = (0..40)
            .map(|i| format!("Sentence {i} of the story goes on here.\n\n"))
            .collect();
        assert!(!is_list_text(&prose));
        assert!(!is_list_text("Short title\n\nBody.\n"));
        let article_with_table = format!(
            "{}{}",
            "A long paragraph of the story that keeps going. ".repeat(40),
            categories
        );
        assert!(!is_list_text(&article_with_table));
    }

    #[test]
    fn crlf_line_endings() {
        let a = parse("Title\r\n\r\nBody text here.\r\n");
        assert_eq!(a.headline, "Title");
        assert_eq!(a.body[0].text, "Body text here.");
    }
}
