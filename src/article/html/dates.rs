//! Choosing a page's publication date among the places a news page states it.
//!
//! In order of trust: JSON-LD `datePublished` (or `dateCreated`), publication `<meta>` tags,
//! `itemprop=datePublished`, `<time pubdate>`, a `<time>` in the article (then anywhere outside
//! furniture), a date in the address (`/2024/05/14/`), a dateline element near the article
//! (class `date`, `byline`, `published`…; its `title` first), a text line that is only a date,
//! the dateline under the headline, then the same in the furniture of the article element (a
//! post's footer), the modification dates, a date written in the title or the description,
//! and last the first full date written in any short text of the page. Every candidate is read
//! by [`parse_date_against`], as written, without time-zone shifts; the first that reads wins.
//! Year-less dates (`14. Mai`) are read only when no place but the last states a date with its
//! year. Moving a UTC day to the publisher's is left to [`super::zones`].
use chrono::NaiveDate;
use scraper::{ElementRef, Html, Node, Selector};

use super::furniture::{FurnitureMap, class_tokens};
use super::jsonld::LinkedData;
use super::meta::PageMeta;
use crate::article::date::{parse_date_against, parse_date_line_against};

/// `<meta>` keys that state the publication date, most trusted first.
const PUBLISHED_KEYS: &[&str] = &[
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "article:published",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "publication_date",
    "date",
    "dc.date",
    "dc.date.issued",
    "dc.date.created",
    "dcterms.date",
    "dcterms.issued",
    "dcterms.created",
    "sailthru.date",
    "parsely-pub-date",
    "article.published",
    "article.created",
    "citation_publication_date",
    "citation_date",
    "originalpublicationdate",
    "published_at",
    "published",
    "cxenseparse:recs:publishtime",
    "cxenseparse:publishtime",
    "datecreated",
    "uploaddate",
];
/// `<meta>` keys that state when the page was last changed: a last resort.
const MODIFIED_KEYS: &[&str] = &[
    "article:modified_time",
    "og:updated_time",
    "datemodified",
    "dcterms.modified",
    "last-modified",
];
/// Class or id fragments of elements that hold a visible dateline.
const DATELINE_WORDS: &[&str] = &[
    "date",
    "published",
    "posted",
    "byline",
    "timestamp",
    "time",
    "meta",
];
/// Datelines longer than this (in characters) are blocks of text, not datelines.
const MAX_DATELINE_CHARS: usize = 200;
/// How many short texts under the headline are tried for a date.
const MAX_TEXTS_UNDER_HEADLINE: usize = 30;
/// How many text nodes are tried as a date line.
const MAX_DATE_LINE_NODES: usize = 400;
/// How many text nodes of a whole page are tried for a written date, the last resort.
const MAX_WRITTEN_DATE_NODES: usize = 4000;

/// The page's publication date. `container` is the element holding the article text, which
/// narrows where visible dates are looked for.
pub fn choose_date(
    doc: &Html,
    meta: &PageMeta,
    ld: &LinkedData,
    container: Option<ElementRef<'_>>,
    furniture: &FurnitureMap,
    today: NaiveDate,
) -> Option<NaiveDate> {
    let page = Page {
        doc,
        meta,
        ld,
        scope: container.and_then(article_scope),
        near: container.and_then(|c| {
            article_scope(c).or_else(|| c.ancestors().filter_map(ElementRef::wrap).nth(1))
        }),
        furniture,
    };
    page.date(None)
        .or_else(|| page.date(Some(today)))
        .or_else(|| written_date(doc))
}

/// What [`choose_date`] reads a page's date from.
struct Page<'a, 'd> {
    doc: &'d Html,
    meta: &'a PageMeta,
    ld: &'a LinkedData,
    /// The article element around the text's container.
    scope: Option<ElementRef<'d>>,
    /// The article element, else the container's grandparent: where furniture (a post's footer,
    /// a byline with share buttons, a credits sidebar) may still hold the article's own date.
    near: Option<ElementRef<'d>>,
    furniture: &'a FurnitureMap,
}

impl Page<'_, '_> {
    /// The first date of the places a page states it, in the order of trust the module gives;
    /// year-less dates are read against `today`, or not at all without it.
    fn date(&self, today: Option<NaiveDate>) -> Option<NaiveDate> {
        let (doc, meta, ld, scope, furniture) =
            (self.doc, self.meta, self.ld, self.scope, self.furniture);
        let read = |s: Option<&str>| s.and_then(|s| parse_date_against(s, today));
        read(ld.published.as_deref())
            .or_else(|| PUBLISHED_KEYS.iter().find_map(|k| read(meta.first(&[k]))))
            .or_else(|| first_date(doc, "[itemprop=datePublished], time[pubdate]", today))
            .or_else(|| scope.and_then(|s| time_in(s, furniture, today)))
            .or_else(|| time_in(doc.root_element(), furniture, today))
            .or_else(|| {
                let urls = [meta.url(), ld.url.as_deref()];
                urls.into_iter()
                    .flatten()
                    .find_map(|u| read(date_in_url(u).as_deref()))
            })
            .or_else(|| scope.and_then(|s| dateline_in(s, furniture, today)))
            .or_else(|| dateline_in(doc.root_element(), furniture, today))
            .or_else(|| scope.and_then(|s| date_line_in(s, furniture, today)))
            .or_else(|| date_line_in(doc.root_element(), furniture, today))
            .or_else(|| date_under_headline(doc, furniture, today))
            .or_else(|| {
                let everything = FurnitureMap::default();
                let near = self.near?;
                dateline_in(near, &everything, today)
                    .or_else(|| date_line_in(near, &everything, today))
            })
            .or_else(|| read(ld.modified.as_deref()))
            .or_else(|| MODIFIED_KEYS.iter().find_map(|k| read(meta.first(&[k]))))
            .or_else(|| {
                let stated = [meta.title.as_deref(), meta.first(&["og:title"])];
                let described = meta.first(&["description", "og:description"]);
                stated.into_iter().chain([described]).find_map(read)
            })
    }
}

/// The article element around the container (itself, an `<article>` or `<main>` ancestor).
fn article_scope(container: ElementRef<'_>) -> Option<ElementRef<'_>> {
    std::iter::once(container)
        .chain(container.ancestors().filter_map(ElementRef::wrap))
        .take(64)
        .find(|e| matches!(e.value().name(), "article" | "main"))
}

/// The first date read from elements matching `selector`: their `content` or `datetime`
/// attribute, else their text.
fn first_date(doc: &Html, selector: &str, today: Option<NaiveDate>) -> Option<NaiveDate> {
    let selector = Selector::parse(selector).ok()?;
    doc.select(&selector).find_map(|e| element_date(e, today))
}

/// The date of a `<time>` (or dated) element: its `datetime` or `content`, else its text.
fn element_date(element: ElementRef<'_>, today: Option<NaiveDate>) -> Option<NaiveDate> {
    attribute_or_text_date(element, &["datetime", "content"], today)
}

/// The date in the first of `attributes` an element has, else in its (short) text.
fn attribute_or_text_date(
    element: ElementRef<'_>,
    attributes: &[&str],
    today: Option<NaiveDate>,
) -> Option<NaiveDate> {
    let value = element.value();
    attributes
        .iter()
        .find_map(|name| value.attr(name))
        .and_then(|d| parse_date_against(d, today))
        .or_else(|| parse_date_against(&capped_text(element, MAX_DATELINE_CHARS)?, today))
}

/// The first dated `<time>` inside `scope` that is not in furniture.
fn time_in(
    scope: ElementRef<'_>,
    furniture: &FurnitureMap,
    today: Option<NaiveDate>,
) -> Option<NaiveDate> {
    let selector = Selector::parse("time").ok()?;
    scope
        .select(&selector)
        .filter(|t| !furniture.covers(*t))
        .find_map(|t| element_date(t, today))
}

/// The first date in an element inside `scope` whose class or id names a dateline: in its
/// `title` (where a relative "2 hours ago" keeps its date), else in its text.
fn dateline_in(
    scope: ElementRef<'_>,
    furniture: &FurnitureMap,
    today: Option<NaiveDate>,
) -> Option<NaiveDate> {
    scope
        .descendent_elements()
        .filter(|e| {
            class_tokens(e.value())
                .iter()
                .any(|t| DATELINE_WORDS.iter().any(|w| t.contains(w)))
        })
        .filter(|e| !furniture.covers(*e))
        .find_map(|e| attribute_or_text_date(e, &["title"], today))
}

/// The first short text node inside `scope` that is a date line and nothing else.
fn date_line_in(
    scope: ElementRef<'_>,
    furniture: &FurnitureMap,
    today: Option<NaiveDate>,
) -> Option<NaiveDate> {
    scope
        .descendants()
        .filter_map(|n| match n.value() {
            Node::Text(text) if !text.trim().is_empty() => Some((n, text)),
            _ => None,
        })
        .take(MAX_DATE_LINE_NODES)
        .filter(|(_, text)| could_be_date_line(text))
        .filter(|(node, _)| !furniture.is_inside(node.id()))
        .find_map(|(_, text)| parse_date_line_against(text.trim(), today))
}

/// The first date written in the short texts that follow the page's first `<h1>` outside
/// furniture (else its first `<h1>`), before the article's prose starts: the byline and dateline under a headline
/// (`By Li Wei | Updated: 2025-05-14 09:30`), however the page names them.
fn date_under_headline(
    doc: &Html,
    furniture: &FurnitureMap,
    today: Option<NaiveDate>,
) -> Option<NaiveDate> {
    let h1s = || {
        doc.root_element()
            .descendent_elements()
            .filter(|e| e.value().name() == "h1")
    };
    let h1 = h1s()
        .find(|e| !furniture.covers(*e))
        .or_else(|| h1s().next())?;
    // A headline that sits in furniture (an intro block named after its breadcrumb trail) has
    // its dateline there too.
    let in_furniture = furniture.covers(h1);
    let after = h1
        .next_siblings()
        .chain(h1.ancestors().take(8).flat_map(|a| a.next_siblings()));
    let texts = after
        .flat_map(|n| n.descendants())
        .filter(|n| in_furniture || (!furniture.is_inside(n.id()) && !furniture.is_root(n.id())))
        .filter_map(|n| n.value().as_text().map(|t| t.trim()))
        .filter(|t| !t.is_empty())
        .take(MAX_TEXTS_UNDER_HEADLINE);
    for text in texts {
        if text.chars().count() > MAX_DATELINE_CHARS {
            return None;
        }
        if let Some(date) = parse_date_against(text, today) {
            return Some(date);
        }
    }
    None
}

/// The first full date (with its year) written in a short text anywhere on the page, outside
/// scripts and styles, a date labelled as a change (`Last modified: …`) only when no other is:
/// the last resort of a page that states its date nowhere a dateline is looked for (a blog's
/// `<small>` under an `<h2>`, a footer's "published on", a wiki's "last edited" line).
fn written_date(doc: &Html) -> Option<NaiveDate> {
    let mut changed = None;
    let dated = doc
        .root_element()
        .descendants()
        .filter_map(|n| match n.value() {
            Node::Text(text) if !text.trim().is_empty() => Some((n, text)),
            _ => None,
        })
        .filter(|(node, _)| {
            !node
                .parent()
                .and_then(|p| p.value().as_element().map(|e| e.name()))
                .is_some_and(|name| matches!(name, "script" | "style" | "noscript" | "template"))
        })
        .take(MAX_WRITTEN_DATE_NODES)
        .filter(|(_, text)| could_be_date_line(text))
        .filter_map(|(_, text)| Some((parse_date_against(text, None)?, text)))
        .find(|(date, text)| {
            let is_change = is_change_label(text);
            if is_change && changed.is_none() {
                changed = Some(*date);
            }
            !is_change
        });
    dated.map(|(date, _)| date).or(changed)
}

/// Words that label a date as a change to the page, not its publication, in the languages
/// whose month names are read.
const CHANGE_WORDS: &[&str] = &[
    "updated",
    "modified",
    "edited",
    "änderung",
    "geändert",
    "aktualisiert",
    "mis à jour",
    "modifié",
    "actualizado",
    "modificado",
    "atualizado",
    "aggiornato",
    "modificato",
    "bijgewerkt",
    "gewijzigd",
];

/// Whether a text labels its date as a change (`Last updated: …`, `Letzte Änderung: …`).
fn is_change_label(text: &str) -> bool {
    let lower = text.to_lowercase();
    CHANGE_WORDS.iter().any(|w| lower.contains(w))
}

/// Whether a text is short enough to be a date line and has the digit every date has (a cheap
/// test before [`parse_date_line`]).
pub fn could_be_date_line(text: &str) -> bool {
    text.trim().chars().count() <= 80 && text.bytes().any(|b| b.is_ascii_digit())
}

/// An element's text, whitespace collapsed, or `None` when it is longer than `max` characters.
fn capped_text(element: ElementRef<'_>, max: usize) -> Option<String> {
    let mut text = String::new();
    for piece in element.text() {
        text.push_str(piece);
        text.push(' ');
        if text.len() > max * 4 {
            return None;
        }
    }
    let text = crate::article::clean::normalise_space(&text);
    (text.chars().count() <= max).then_some(text)
}

/// A date written in a page address (`/2024/05/14/`, `/2024-05-14-slug`, `/20240514/`), as
/// `YYYY-MM-DD`.
pub fn date_in_url(url: &str) -> Option<String> {
    let path = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = path.split_once('/').map_or("", |(_, rest)| rest);
    let path = path.split(['?', '#']).next().unwrap_or("");
    let segments: Vec<&str> = path.split('/').collect();
    let number = |s: &str, len: std::ops::RangeInclusive<usize>| {
        (len.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    let valid = |y: u32, m: u32, d: u32| {
        ((1990..=2100).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d))
            .then(|| format!("{y:04}-{m:02}-{d:02}"))
    };
    for window in segments.windows(3) {
        if let (Some(y), Some(m), Some(d)) = (
            number(window[0], 4..=4),
            number(window[1], 1..=2),
            number(window[2], 1..=2),
        ) && let Some(date) = valid(y, m, d)
        {
            return Some(date);
        }
    }
    for segment in segments {
        let head = segment.get(..10).unwrap_or(segment);
        let parts: Vec<&str> = head.split('-').collect();
        if let [y, m, d] = parts.as_slice()
            && let (Some(y), Some(m), Some(d)) =
                (number(y, 4..=4), number(m, 2..=2), number(d, 2..=2))
        {
            return valid(y, m, d);
        }
        if let (Some(y), Some(m), Some(d)) = (
            number(segment.get(..4).unwrap_or(""), 4..=4),
            number(segment.get(4..6).unwrap_or(""), 2..=2),
            number(segment.get(6..).unwrap_or(""), 2..=2),
        ) {
            return valid(y, m, d);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 28).expect("valid date")
    }

    fn date_of(html: &str) -> Option<NaiveDate> {
        let doc = Html::parse_document(html);
        choose_date(
            &doc,
            &PageMeta::default(),
            &LinkedData::default(),
            None,
            &FurnitureMap::new(&doc),
            today(),
        )
    }

    #[test]
    fn reads_dates_in_addresses() {
        assert_eq!(
            date_in_url("https://ex.org/news/2024/5/14/slug").as_deref(),
            Some("2024-05-14")
        );
        assert_eq!(
            date_in_url("https://ex.org/2024-05-14-slug.html").as_deref(),
            Some("2024-05-14")
        );
        assert_eq!(
            date_in_url("https://ex.org/a/20240514/b").as_deref(),
            Some("2024-05-14")
        );
        assert_eq!(date_in_url("https://ex.org/2024/99/99/x"), None);
        assert_eq!(date_in_url("https://ex.org/story/123456"), None);
    }

    #[test]
    fn time_outside_furniture_wins_over_dateline() {
        let html = r#"<aside><time datetime="2020-01-01">old</time></aside>
            <p class="date">March 3, 2021</p><time datetime="2022-02-02T23:30:00-08:00"></time>"#;
        assert_eq!(date_of(html), NaiveDate::from_ymd_opt(2022, 2, 2));
    }

    #[test]
    fn reads_visible_datelines() {
        let html = r#"<div class="post-meta">By Jane Roe | 14 May 2025</div>"#;
        assert_eq!(date_of(html), NaiveDate::from_ymd_opt(2025, 5, 14));
        let bare = "<h1>Title</h1><p>Posted on Wednesday, May 14</p><p>Body text.</p>";
        assert_eq!(date_of(bare), NaiveDate::from_ymd_opt(2025, 5, 14));
    }

    #[test]
    fn a_date_written_anywhere_is_the_last_resort() {
        let blog = r#"<div class="post"><h2>Journey to Python 3</h2>
            <small>January 13, 2020 at 08:45 AM | categories: Python</small>
            <p>Body text of the post.</p></div>"#;
        assert_eq!(date_of(blog), NaiveDate::from_ymd_opt(2020, 1, 13));
        let footer =
            "<p>Text.</p><p>Letzte Änderung: 31.10.2023</p><p>Erschienen am: 01.11.2023</p>";
        assert_eq!(date_of(footer), NaiveDate::from_ymd_opt(2023, 11, 1));
        let wiki = "<p>Text.</p><p>(last edited 2019-11-10 13:28:18 by someone)</p>";
        assert_eq!(date_of(wiki), NaiveDate::from_ymd_opt(2019, 11, 10));
        let scripted = r#"<p>Text.</p><script>var d = "January 13, 2020";</script>"#;
        assert_eq!(date_of(scripted), None);
        let prose = "<p>The council met on January 13, 2020 and again in the spring, when \
            the budget that had been debated for most of the winter was finally passed.</p>";
        assert_eq!(date_of(prose), None);
    }

    #[test]
    fn modified_date_is_a_last_resort() {
        let ld = LinkedData {
            modified: Some("2023-07-08".into()),
            ..LinkedData::default()
        };
        let doc = Html::parse_document("<p>No dates here.</p>");
        let furniture = FurnitureMap::new(&doc);
        let date = choose_date(&doc, &PageMeta::default(), &ld, None, &furniture, today());
        assert_eq!(date, NaiveDate::from_ymd_opt(2023, 7, 8));
    }
}
