//! Saved news web pages (`.html`, `.htm`): one article per page.
//!
//! The page is parsed once with `scraper` (html5ever, so malformed markup is repaired the way a
//! browser would). Metadata comes from the most trusted place that states it, JSON-LD before
//! `<meta>` tags before visible markup ([`headline`], [`dates`], [`attribution`]); the body is
//! the text of the article's container with page furniture left out ([`content`]), cleaned of
//! boilerplate lines by [`crate::article::clean`]. Paragraph lines are found by searching the
//! source ([`lines`]). Index pages and pages without article text yield a [`Problem`] instead of
//! an article. Choosing this parser for a file is left to [`crate::article::format`].

mod apparatus;
mod attribution;
mod blocks;
mod content;
mod dates;
mod depth;
mod furniture;
mod headline;
mod jsonld;
mod lines;
mod listing;
mod marks;
mod meta;
mod zones;

use std::collections::HashSet;
use std::path::Path;

use chrono::NaiveDate;
use scraper::Html;

use super::clean::strip_boilerplate;
use super::date::parse_date_line;
use super::format::{Parsed, Problem};
use super::headline::derive_headline;
use super::text::text_paragraphs;
use super::{Article, Paragraph};
use blocks::Block;
use lines::LineFinder;

/// The JSON-LD `articleBody` replaces the extracted text when that has less than this share of
/// its characters.
const MIN_SHARE_OF_LD_BODY: f64 = 0.5;
/// A page description stands in for a missing body from this many characters on.
const MIN_DESCRIPTION_CHARS: usize = 80;
/// Paragraphs at least this long (in characters) are kept once only.
const MIN_DEDUP_CHARS: usize = 40;

/// Reads one saved news page. `id` and `path` are the caller's; the article's `line` is 1 and
/// each paragraph's `line` is where its text starts in `text` (1 when it cannot be found). A
/// page without article text (an empty document, an index of teasers) yields a [`Problem`].
pub fn parse_html(id: &str, path: &Path, text: &str, today: NaiveDate) -> Parsed {
    let doc = Html::parse_document(&depth::bounded(text));
    let meta = meta::read_meta(&doc);
    let ld = jsonld::read_linked_data(&doc, meta.canonical.as_deref());
    let site = attribution::site_name(&meta, &ld);
    let (furniture, extraction) = content::extract_article(&doc);
    let headline = headline::choose_headline(&doc, &meta, &ld, site.as_deref(), &furniture);
    let is_article_page = ld.is_article
        || meta
            .first(&["og:type"])
            .is_some_and(|t| t.eq_ignore_ascii_case("article"));
    let is_listing = (extraction.looks_like_index && !is_article_page)
        || listing::is_error_page(&doc, &meta, extraction.text_bytes());
    let mut body = if is_listing {
        Vec::new()
    } else {
        paragraphs(text, extraction.blocks, headline.as_deref(), today)
    };
    if body.is_empty() && is_article_page && !is_listing {
        body = described(&meta);
    }
    if let Some(ld_body) = &ld.article_body {
        let extracted: usize = body.iter().map(|p| p.text.chars().count()).sum();
        if (extracted as f64) < ld_body.chars().count() as f64 * MIN_SHARE_OF_LD_BODY {
            body = strip_boilerplate(text_paragraphs(ld_body, None, 1));
        }
    }
    let mut parsed = Parsed::default();
    let Some(first) = body.first() else {
        parsed.problems.push(Problem {
            line: None,
            reason: "no article text found in page".to_string(),
        });
        return parsed;
    };
    let headline = headline.unwrap_or_else(|| derive_headline(&first.text));
    parsed.articles.push(Article {
        id: id.to_string(),
        path: path.to_path_buf(),
        line: 1,
        date: dates::choose_date(&doc, &meta, &ld, extraction.container, &furniture, today)
            .map(|date| zones::publisher_day(text, date)),
        headline,
        body,
        url: attribution::page_url(&meta, &ld),
        source: site,
        author: attribution::author(&doc, &meta, &ld),
    });
    parsed
}

/// The body of an article page whose text is not in its HTML (a page that loads it with a
/// script): the page's description, when it says enough, so that the article stays findable
/// by its headline, date and summary.
fn described(meta: &meta::PageMeta) -> Vec<Paragraph> {
    let description = meta.first(&["og:description", "description", "twitter:description"]);
    description
        .map(super::clean::normalise_space)
        .filter(|d| d.chars().count() >= MIN_DESCRIPTION_CHARS)
        .map(|d| strip_boilerplate(text_paragraphs(&d, None, 1)))
        .unwrap_or_default()
}

/// Turns blocks into body paragraphs: repeats of the headline and of earlier paragraphs and
/// lines that are only a date dropped, boilerplate stripped, each given the source line where
/// its text starts.
fn paragraphs(
    source: &str,
    blocks: Vec<Block<'_>>,
    headline: Option<&str>,
    today: NaiveDate,
) -> Vec<Paragraph> {
    let mut finder = LineFinder::new(source);
    let mut seen: HashSet<String> = HashSet::new();
    let mut kept = Vec::with_capacity(blocks.len());
    for block in blocks {
        if headline.is_some_and(|h| h == block.text)
            || (dates::could_be_date_line(&block.text)
                && parse_date_line(&block.text, today).is_some())
        {
            continue;
        }
        if block.text.chars().count() >= MIN_DEDUP_CHARS && !seen.insert(block.text.clone()) {
            continue;
        }
        let line = block.anchor.map_or(1, |a| finder.locate(a));
        kept.push(Paragraph {
            text: block.text,
            line,
        });
    }
    strip_boilerplate(kept)
}

#[cfg(test)]
mod fixtures;
#[cfg(test)]
mod pages;
#[cfg(test)]
mod tests;
