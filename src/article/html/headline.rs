//! Choosing a page's headline among the places a news page states it.
//!
//! In order of trust: an `<h1>` that the metadata confirms (it shares most words with a stated
//! headline or the title), an `<h1>` placed as the article's own (in the `<article>`), the
//! JSON-LD article's `headline` (or `name`), `og:title` / `twitter:title`, a JSON-LD `WebPage`
//! headline, any other `<h1>`, and last the page `<title>` with the site name cut off.
//! [`choose_headline`] returns the first that is stated; deriving a headline from the body when
//! none is, is left to the caller.

use ego_tree::iter::Edge;
use scraper::node::Element;
use scraper::{ElementRef, Html, Node, Selector};

use super::furniture::{FurnitureMap, class_tokens};
use super::jsonld::LinkedData;
use super::meta::PageMeta;
use crate::article::clean::normalise_space;

/// Separators between a headline and a site or section name in titles.
const SEPARATORS: &[&str] = &[
    " | ", " - ", " – ", " — ", " :: ", " · ", " • ", " » ", " ~ ",
];
/// A title segment with at most this many words may be a site or section name.
const MAX_SITE_WORDS: usize = 4;
/// An `<h1>` scoring this much (see [`h1_score`]: inside an `<article>`, or in `<main>` and
/// named a headline) is the article's own and wins over the metadata's wording.
const MIN_PLACED_H1_SCORE: i32 = 3;
/// Headlines longer than this (in characters) are not headlines.
const MAX_HEADLINE_CHARS: usize = 400;

/// The page's headline, from the most trusted place that states one; `site` is the site's name
/// when known, cut from titles that carry it. Entities are decoded and whitespace collapsed.
pub fn choose_headline(
    doc: &Html,
    meta: &PageMeta,
    ld: &LinkedData,
    site: Option<&str>,
    furniture: &FurnitureMap,
) -> Option<String> {
    let stated = |s: Option<&str>| {
        s.map(|s| strip_site_name(&normalise_space(s), site))
            .filter(|s| !s.is_empty() && s.chars().count() <= MAX_HEADLINE_CHARS)
    };
    let social = stated(meta.first(&["og:title", "twitter:title"]));
    let others = [
        ld.headline.as_deref(),
        meta.first(&["og:title", "twitter:title"]),
        meta.title.as_deref(),
    ];
    let others: Vec<&str> = others.into_iter().flatten().collect();
    // An `<h1>` that is the site's end of the page title (`Headline｜Site`) is the site's name
    // in its logo, never the headline.
    let title = meta.title.as_deref().map(normalise_space);
    let logo_rest = |text: &str| title.as_deref().and_then(|t| title_beside(text, t));
    let not_logo = |text: &str| logo_rest(text).is_none();
    let h1 = || stated(best_h1(doc, furniture, &others, not_logo).as_deref());
    // The headline readers see is the article's `<h1>`; metadata often states another wording
    // (for social media or search engines). An `<h1>` that shares most of its words with a
    // stated headline or the page title is that article's headline, and wins.
    let confirmed = best_h1(doc, furniture, &others, |text| {
        not_logo(text) && others.iter().any(|other| shares_words(text, other))
    });
    if let Some(visible) = stated(confirmed.as_deref()) {
        return Some(visible);
    }
    // An `<h1>` placed as the article's own (inside the `<article>`, or a headline in `<main>`)
    // is what readers see, whatever wording the metadata states for search and social media.
    let placed = scored_h1(doc, furniture, &others, not_logo)
        .filter(|(score, _)| *score >= MIN_PLACED_H1_SCORE)
        .and_then(|(_, text)| stated(Some(&text)));
    if placed.is_some() {
        return placed;
    }
    if let Some(headline) = stated(ld.headline.as_deref()) {
        // Some sites cut the JSON-LD headline to a length limit; a fuller statement wins.
        let stem = headline.trim_end_matches(['…', '.']).trim_end();
        if stem.len() < headline.len() {
            let fuller = social.clone().or_else(h1).filter(|f| f.starts_with(stem));
            return fuller.or(Some(headline));
        }
        // Others add the site or section to it (`Headline - Section - Site`).
        let bare = social
            .clone()
            .filter(|s| is_bare_of(s, &headline))
            .or_else(|| h1().filter(|h| is_bare_of(h, &headline)));
        return bare.or(Some(headline));
    }
    if let Some(social) = &social {
        // `Headline | Site` or `Site | Headline` in og:title with no site name given: the h1
        // is the bare headline.
        return h1()
            .filter(|h| is_bare_of(h, social))
            .or(Some(social.clone()));
    }
    social
        .or_else(|| stated(ld.page_headline.as_deref()))
        .or_else(h1)
        .or_else(|| {
            stated(
                ld.page_name
                    .as_deref()
                    .map(|n| clean_title(n, site))
                    .as_deref(),
            )
        })
        .or_else(|| {
            stated(
                best_h1(doc, furniture, &others, |_| true)
                    .and_then(|h| logo_rest(&h))
                    .as_deref(),
            )
        })
        .or_else(|| {
            stated(
                meta.title
                    .as_deref()
                    .map(|t| clean_title(t, site))
                    .as_deref(),
            )
        })
}

/// The rest of `title` when `name` is its last segment (`Headline｜Site`,
/// `Headline_Section_Site`; equal but for case and punctuation) before a longer rest: `name`
/// is the site's. (A first segment may be either: `Headline - Site` is as common as
/// `Site - Headline`.)
fn title_beside(name: &str, title: &str) -> Option<String> {
    let key = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let name_key = key(name);
    if name_key.is_empty() {
        return None;
    }
    let length = name.chars().count();
    SEPARATORS.iter().chain(&["｜", "：", "_"]).find_map(|sep| {
        let (head, tail) = title.rsplit_once(sep)?;
        let head = head.trim();
        (key(tail) == name_key && head.chars().count() > length).then(|| head.to_string())
    })
}

/// Whether at least half of the words of `headline` (ignoring case) are words of `other`.
fn shares_words(headline: &str, other: &str) -> bool {
    let words = |t: &str| -> Vec<String> {
        t.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let (mine, theirs) = (words(headline), words(other));
    if mine.is_empty() {
        return false;
    }
    let shared = mine.iter().filter(|w| theirs.contains(w)).count();
    shared * 2 >= mine.len()
}

/// Whether `bare` is `title` without a segment before or after a separator
/// (`Headline | Site`, `Site: Headline`, `Headline - Section - Site`).
fn is_bare_of(bare: &str, title: &str) -> bool {
    if bare.is_empty() || bare.len() >= title.len() {
        return false;
    }
    let separated = |rest: &str, at_start: bool| {
        SEPARATORS.iter().chain(&[": "]).any(|sep| {
            if at_start {
                rest.starts_with(sep.trim_start()) || rest.starts_with(sep)
            } else {
                rest.ends_with(sep) || rest.ends_with(sep.trim_end())
            }
        })
    };
    title
        .strip_prefix(bare)
        .is_some_and(|rest| separated(rest, true))
        || title
            .strip_suffix(bare)
            .is_some_and(|rest| separated(rest, false))
}

/// The text of an `<h1>`, without the lines (after a `<br>`) that follow one the metadata's
/// headlines (`stated`) contain and that none of them contains: a byline or a kicker set in
/// the heading (`Headline<br><span>By Jane Roe</span>`).
fn headline_lines(h1: ElementRef<'_>, stated: &[&str]) -> String {
    let lines = visible_lines(h1);
    let squeeze = |s: &str| -> String { s.chars().filter(|c| !c.is_whitespace()).collect() };
    let stated: Vec<String> = stated.iter().map(|s| squeeze(s)).collect();
    let contained = |line: &str| {
        let line = squeeze(line);
        !line.is_empty() && stated.iter().any(|s| s.contains(&line))
    };
    match lines.iter().position(|l| contained(l)) {
        Some(first) if lines.len() > 1 => {
            let last = lines.iter().rposition(|l| contained(l)).unwrap_or(first);
            normalise_space(&lines[..=last].join(" "))
        }
        _ => normalise_space(&lines.join(" ")),
    }
}

/// [`visible_text`], split into the lines its `<br>`s make, white space collapsed (empty lines
/// left out).
fn visible_lines(element: ElementRef<'_>) -> Vec<String> {
    visible_text(element)
        .split('\n')
        .map(normalise_space)
        .filter(|l| !l.is_empty())
        .collect()
}

/// The text a reader sees in an element: icons (`svg`), buttons, scripts and text hidden from
/// sight or kept for screen readers are left out.
/// Each `<br>` is written as a line break.
fn visible_text(element: ElementRef<'_>) -> String {
    let mut text = String::new();
    let mut skip_until = None;
    for edge in element.traverse() {
        match edge {
            Edge::Open(node) if skip_until.is_none() => match node.value() {
                Node::Text(t) => text.push_str(&t.replace('\n', " ")),
                Node::Element(e) if e.name() == "br" => text.push('\n'),
                Node::Element(e) if node.id() != element.id() && is_invisible(e) => {
                    skip_until = Some(node.id());
                }
                _ => {}
            },
            Edge::Close(node) if skip_until == Some(node.id()) => skip_until = None,
            _ => {}
        }
    }
    text
}

/// Whether an element inside a heading is not seen as part of it.
fn is_invisible(element: &Element) -> bool {
    matches!(
        element.name(),
        "svg" | "button" | "script" | "style" | "noscript" | "template" | "img"
    ) || element.attr("hidden").is_some()
        || class_tokens(element).iter().any(|t| {
            [
                "sr-only",
                "screen-reader",
                "visually-hidden",
                "visuallyhidden",
            ]
            .iter()
            .any(|w| t.contains(w))
        })
}

/// The `<h1>` most likely to be the article's: inside an `<article>` or `<main>`, or named a
/// title, rather than a logo in the site header; of those whose text `fits`. `None` when every
/// such `<h1>` looks like a logo.
fn best_h1(
    doc: &Html,
    furniture: &FurnitureMap,
    stated: &[&str],
    fits: impl Fn(&str) -> bool,
) -> Option<String> {
    scored_h1(doc, furniture, stated, fits).map(|(_, text)| text)
}

/// [`best_h1`] with its [`h1_score`].
fn scored_h1(
    doc: &Html,
    furniture: &FurnitureMap,
    stated: &[&str],
    fits: impl Fn(&str) -> bool,
) -> Option<(i32, String)> {
    let selector = Selector::parse("h1").ok()?;
    doc.select(&selector)
        .filter(|h| !furniture.covers(*h))
        .filter(|h| !is_alternative_headline(h.value()))
        .filter_map(|h| {
            let text = headline_lines(h, stated);
            (!text.is_empty() && fits(&text)).then(|| (h1_score(h), text))
        })
        .filter(|(score, _)| *score >= 0)
        .fold(
            None,
            |best: Option<(i32, String)>, (score, text)| match best {
                Some((top, _)) if top >= score => best,
                _ => Some((score, text)),
            },
        )
}

/// Whether a heading is marked as the article's alternative headline (schema.org microdata,
/// `itemprop="alternativeHeadline"`): a short form beside the headline the metadata states.
fn is_alternative_headline(element: &Element) -> bool {
    element.attr("itemprop").is_some_and(|p| {
        p.split_ascii_whitespace()
            .any(|t| t.eq_ignore_ascii_case("alternativeHeadline"))
    })
}

/// How much an `<h1>` looks like the article's headline (negative: like a site logo).
fn h1_score(h1: ElementRef<'_>) -> i32 {
    let mut score = 0;
    let ancestors: Vec<&str> = h1
        .ancestors()
        .filter_map(ElementRef::wrap)
        .take(64)
        .map(|a| a.value().name())
        .collect();
    let in_content = ancestors.iter().any(|t| matches!(*t, "article" | "main"));
    if ancestors.contains(&"article") {
        score += 3;
    }
    if ancestors.contains(&"main") {
        score += 2;
    }
    if ancestors.contains(&"header") && !in_content {
        score -= 3;
    }
    for token in class_tokens(h1.value()) {
        if ["logo", "brand", "site-title", "site-name", "sitename"]
            .iter()
            .any(|w| token.contains(w))
        {
            score -= 5;
        } else if ["title", "headline", "heading"]
            .iter()
            .any(|w| token.contains(w))
        {
            score += 2;
        }
    }
    score
}

/// Cuts a site name from the end (`Headline | Site`) or start (`Site: Headline`) of a title,
/// when it matches `site`. Titles without a known site are returned as they are.
pub fn strip_site_name(title: &str, site: Option<&str>) -> String {
    let Some(site) = site else {
        return title.to_string();
    };
    let mut title = title.trim();
    // With the site's name known, a full-width bar or colon (CJK titles), or a bare colon, can
    // mark it off too: the tail must be that name.
    for sep in SEPARATORS.iter().chain(&["｜", "：", " : ", ":"]) {
        if let Some((head, tail)) = title.rsplit_once(sep)
            && is_same_site(tail, site)
            && !head.trim().is_empty()
        {
            title = head.trim();
        }
    }
    for sep in SEPARATORS.iter().chain(&[": ", "｜", "："]) {
        if let Some((head, tail)) = title.split_once(sep)
            && is_same_site(head, site)
            && !tail.trim().is_empty()
        {
            title = tail.trim();
        }
    }
    title.to_string()
}

/// Cleans a `<title>`: cuts the known site name, else up to two short trailing segments that
/// read as a site or section name (`Headline - Section | Site`).
pub fn clean_title(title: &str, site: Option<&str>) -> String {
    let mut title = strip_site_name(title, site);
    for _ in 0..2 {
        let last = SEPARATORS
            .iter()
            .filter_map(|sep| title.rfind(sep).map(|at| (at, sep.len())))
            .max();
        let Some((at, len)) = last else {
            break;
        };
        let (head, tail) = (title[..at].trim(), title[at + len..].trim());
        let short_tail = tail.split_whitespace().count() <= MAX_SITE_WORDS
            && tail.chars().count() < head.chars().count();
        if !short_tail || head.split_whitespace().count() < 2 {
            break;
        }
        title = head.to_string();
    }
    title
}

/// Whether a title segment names the site: equal once case, punctuation, a leading "the" and
/// a domain ending are ignored, or one containing the other.
fn is_same_site(segment: &str, site: &str) -> bool {
    let key = |s: &str| {
        let lower = s.trim().to_lowercase();
        let lower = lower.strip_prefix("the ").unwrap_or(&lower).to_string();
        let bare: String = lower.chars().filter(|c| c.is_alphanumeric()).collect();
        ["com", "org", "net", "couk"]
            .iter()
            .find_map(|d| bare.strip_suffix(d).filter(|b| b.len() >= 3))
            .map_or(bare.clone(), str::to_string)
    };
    let (segment, site) = (key(segment), key(site));
    if segment.is_empty() || site.is_empty() {
        return false;
    }
    segment == site
        || (site.chars().count() >= 4 && segment.contains(&site))
        || (segment.chars().count() >= 4 && site.contains(&segment))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_known_site_name_at_either_end() {
        let site = Some("Example Times");
        assert_eq!(
            strip_site_name("Rates rise | Example Times", site),
            "Rates rise"
        );
        assert_eq!(
            strip_site_name("Rates rise - The Example Times", site),
            "Rates rise"
        );
        assert_eq!(
            strip_site_name("Example Times: Rates rise", site),
            "Rates rise"
        );
        assert_eq!(
            strip_site_name("Rates rise :: exampletimes.com", site),
            "Rates rise"
        );
        assert_eq!(
            strip_site_name("Brexit: what next", site),
            "Brexit: what next"
        );
        assert_eq!(
            strip_site_name("Rates rise | Other Site", site),
            "Rates rise | Other Site"
        );
    }

    #[test]
    fn guesses_short_trailing_segments() {
        assert_eq!(
            clean_title("Floods close the coast road – World — Daily Post", None),
            "Floods close the coast road"
        );
        assert_eq!(
            clean_title("Floods close the coast road", None),
            "Floods close the coast road"
        );
        assert_eq!(
            clean_title("Brexit - a guide to the next steps", None),
            "Brexit - a guide to the next steps"
        );
    }

    /// The headline [`choose_headline`] finds in a page.
    fn headline_of(html: &str) -> Option<String> {
        let doc = Html::parse_document(html);
        let meta = super::super::meta::read_meta(&doc);
        let furniture = FurnitureMap::new(&doc);
        choose_headline(&doc, &meta, &LinkedData::default(), None, &furniture)
    }

    #[test]
    fn an_h1_naming_the_site_in_the_title_is_its_logo() {
        let site_last = "<title>Dating app matches your dislikes_Tech_Daily Curious</title>
            <h1>Daily Curious</h1><p>Body.</p>";
        assert_eq!(
            headline_of(site_last).as_deref(),
            Some("Dating app matches your dislikes_Tech")
        );
        // A title that starts with the headline, before a site or a subtitle.
        let headline_first = "<title>About bugs – Vortex Cannon Entertainment</title>
            <h1>About bugs</h1><p>Body.</p>";
        assert_eq!(headline_of(headline_first).as_deref(), Some("About bugs"));
    }

    #[test]
    fn an_alternative_headline_gives_way_to_the_stated_one() {
        let page = r#"<meta property="og:title" content="The 5 biggest decorating mistakes">
            <h1 itemprop="alternativeHeadline">Decorating mistakes</h1><p>Body.</p>"#;
        assert_eq!(
            headline_of(page).as_deref(),
            Some("The 5 biggest decorating mistakes")
        );
    }

    #[test]
    fn a_byline_set_in_the_h1_is_left_out() {
        let page = r#"<meta property="og:title" content="Leaders' hotline: the bet">
            <article><h1><span>Leaders' hotline: the bet</span><br><span>By Jane Roe</span></h1>
            </article>"#;
        assert_eq!(
            headline_of(page).as_deref(),
            Some("Leaders' hotline: the bet")
        );
        let unstated = "<article><h1>Dam plan approved<br>after long fight</h1></article>";
        assert_eq!(
            headline_of(unstated).as_deref(),
            Some("Dam plan approved after long fight")
        );
    }

    #[test]
    fn h1_cuts_site_suffix_from_social_title() {
        let doc = Html::parse_document(
            r#"<meta property="og:title" content="Dam plan approved | Lakeside Herald">
            <article><h1>Dam plan approved</h1></article>"#,
        );
        let meta = super::super::meta::read_meta(&doc);
        let ld = LinkedData::default();
        let furniture = FurnitureMap::new(&doc);
        let headline = choose_headline(&doc, &meta, &ld, None, &furniture);
        assert_eq!(headline.as_deref(), Some("Dam plan approved"));
    }

    #[test]
    fn prefers_article_h1_over_logo() {
        let doc = Html::parse_document(
            r#"<header><h1 class="site-logo">Daily Post</h1></header>
            <main><article><h1 class="entry-title">Floods close the coast road</h1></article></main>"#,
        );
        assert_eq!(
            best_h1(&doc, &FurnitureMap::new(&doc), &[], |_| true).as_deref(),
            Some("Floods close the coast road")
        );
        let only_logo =
            Html::parse_document(r#"<header><h1 class="logo">Daily Post</h1></header>"#);
        assert_eq!(
            best_h1(&only_logo, &FurnitureMap::new(&only_logo), &[], |_| true),
            None
        );
    }
}
