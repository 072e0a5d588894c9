//! Whole-page tests of [`parse_html`] over the pages in [`super::fixtures`].

use std::path::Path;

use chrono::NaiveDate;

use super::fixtures::{
    ALL, AMP, BIG_NEWS, ENTITIES, FURNITURE, GERMAN, INDEX, MALFORMED, OPEN_GRAPH_ONLY,
    TITLE_AND_DATE_LINE, TITLE_AND_DATELINE, WORDPRESS,
};
use super::parse_html;
use crate::article::Article;
use crate::article::format::Problem;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 28).expect("valid date")
}

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

/// The one article of a page, failing the test when the page yields a problem instead.
fn article(html: &str) -> Article {
    let parsed = parse_html("page", Path::new("page.html"), html, today());
    assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
    assert_eq!(parsed.articles.len(), 1);
    parsed.articles.into_iter().next().expect("one article")
}

fn texts(article: &Article) -> Vec<&str> {
    article.body.iter().map(|p| p.text.as_str()).collect()
}

/// Asserts that none of `furniture` appears anywhere in the body.
fn assert_lacks(article: &Article, furniture: &[&str]) {
    let body = article.body_text();
    for text in furniture {
        assert!(
            !body.contains(text),
            "body holds furniture {text:?}:\n{body}"
        );
    }
}

/// The 1-based line of `html` holding `needle`.
fn line_of(html: &str, needle: &str) -> u64 {
    let at = html.find(needle).expect("needle in fixture");
    1 + html[..at].matches('\n').count() as u64
}

#[test]
fn wordpress_theme() {
    let a = article(WORDPRESS);
    assert_eq!(a.headline, "Council approves new cycle lanes");
    assert_eq!(a.date, ymd(2024, 3, 5));
    assert_eq!(
        a.url.as_deref(),
        Some("https://riversidechronicle.example/2024/03/05/council-approves-new-cycle-lanes/")
    );
    assert_eq!(a.source.as_deref(), Some("Riverside Chronicle"));
    assert_eq!(a.author.as_deref(), Some("Priya Natarajan"));
    assert_eq!((a.id.as_str(), a.line), ("page", 1));
    assert_eq!(
        texts(&a),
        [
            "The city council voted on Tuesday to build four new protected cycle lanes across the town centre, ending a two-year argument over road space.",
            "Councillors backed the plan by 31 votes to 12 after a debate that ran past midnight. The lanes will link the railway station with the hospital, the college and the market square.",
            "Work to start in the summer",
            "Construction is due to begin in July & should take about eighteen months, the council’s transport chief, Elena Marsh, told the meeting.",
            "Station Road will lose one lane of parking.",
            "The market square will close to through traffic on Saturdays.",
            "“This is the biggest change to our streets in a generation,” Marsh said.",
            "Opposition members said shop owners had not been consulted and warned that deliveries would suffer.",
        ]
    );
    assert_lacks(
        &a,
        &[
            "Share",
            "Related",
            "Bus fares",
            "Leave a Reply",
            "About time",
            "Recent Posts",
            "powered",
            "Skip to",
            "Posted",
            "river towns",
            "email address",
        ],
    );
}

#[test]
fn paragraph_lines_follow_the_source() {
    let a = article(WORDPRESS);
    assert_eq!(
        a.body[0].line,
        line_of(WORDPRESS, "<p>The city council voted")
    );
    assert_eq!(a.body[2].line, line_of(WORDPRESS, "<h2>Work to start"));
    assert_eq!(a.body[7].line, line_of(WORDPRESS, "<p>Opposition members"));
    let german = article(GERMAN);
    assert_eq!(
        german.body[1].line,
        line_of(GERMAN, "<p>Auf den Bahnsteigen")
    );
}

#[test]
fn big_news_layout_with_json_ld_graph() {
    let a = article(BIG_NEWS);
    assert_eq!(
        a.headline,
        "Markets slide as central bank signals longer pause"
    );
    // As written in JSON-LD, not shifted to UTC (which would be February 1).
    assert_eq!(a.date, ymd(2025, 1, 31));
    assert_eq!(
        a.url.as_deref(),
        Some("https://www.globewire.example/business/markets-slide-central-bank-pause-8d2k1")
    );
    assert_eq!(a.source.as_deref(), Some("Globe Wire"));
    assert_eq!(a.author.as_deref(), Some("Tomás Ferreira, Lin Chen"));
    assert_eq!(a.body.len(), 4, "{:#?}", a.body);
    assert!(
        a.body[0]
            .text
            .starts_with("Stock markets fell sharply on Friday")
    );
    assert!(a.body[2].text.starts_with("“We are not yet confident"));
    assert!(
        a.body[3]
            .text
            .starts_with("Analysts at two large investment firms")
    );
    assert_lacks(
        &a,
        &[
            "Advertisement",
            "Traders watch",
            "Why the bank",
            "Five charts",
            "briefing",
            "newsletter",
            "Airline strike",
            "cookies",
            "All rights",
            "By Tomás",
            "Markets ›",
            "APP_STATE",
            "min-height",
        ],
    );
}

#[test]
fn open_graph_only_page() {
    let a = article(OPEN_GRAPH_ONLY);
    assert_eq!(a.headline, "Volunteers plant 10,000 trees along the canal");
    assert_eq!(a.date, ymd(2023, 11, 9));
    assert_eq!(
        a.url.as_deref(),
        Some("https://midlandsecho.example/news/volunteers-plant-trees")
    );
    assert_eq!(a.source.as_deref(), Some("Midlands Echo"));
    assert_eq!(a.author.as_deref(), Some("Ruth Okafor"));
    assert_eq!(a.body.len(), 3, "{:#?}", a.body);
    assert!(
        a.body[0]
            .text
            .starts_with("More than three hundred volunteers")
    );
    assert_lacks(&a, &["Canal boat festival", "Lock keeper", "Contact"]);
}

#[test]
fn title_and_dateline_only() {
    let a = article(TITLE_AND_DATELINE);
    assert_eq!(a.headline, "Harbour ferry returns after winter break");
    assert_eq!(a.date, ymd(2022, 3, 14));
    assert_eq!(
        (a.url.as_deref(), a.source.as_deref(), a.author.as_deref()),
        (None, None, None)
    );
    assert_eq!(a.body.len(), 2);
    assert!(
        a.body[1]
            .text
            .starts_with("The service, which has run every summer")
    );
    assert_lacks(&a, &["Published", "local paper"]);

    let b = article(TITLE_AND_DATE_LINE);
    assert_eq!(b.headline, "School wins national chess title");
    assert_eq!(b.date, ymd(2016, 10, 7));
    assert_eq!(texts(&b).len(), 1, "the date line is not body text");
}

#[test]
fn furniture_around_the_article_is_left_out() {
    let a = article(FURNITURE);
    assert_eq!(a.headline, "Library to open on Sundays");
    assert_eq!(a.source.as_deref(), Some("Hill Town News"));
    assert_eq!(a.date, None);
    assert_eq!(a.body.len(), 3, "{:#?}", a.body);
    assert_lacks(
        &a,
        &[
            "cookies",
            "Local news",
            "Swimming pool",
            "roof leaked",
            "Great news",
            "Hill Town Media",
        ],
    );
}

#[test]
fn amp_page() {
    let a = article(AMP);
    assert_eq!(a.headline, "Rains bring relief to farmers in the north");
    assert_eq!(a.date, ymd(2021, 6, 2));
    assert_eq!(
        a.url.as_deref(),
        Some("https://accraevening.example/news/rains-bring-relief")
    );
    assert_eq!(a.source.as_deref(), Some("Accra Evening"));
    assert_eq!(a.author.as_deref(), Some("Kofi Mensah"));
    assert_eq!(a.body.len(), 2, "{:#?}", a.body);
    assert_lacks(&a, &["Loading advertisement", "Sport", "font-family"]);
}

#[test]
fn index_page_has_no_article() {
    let parsed = parse_html("i", Path::new("index.html"), INDEX, today());
    assert!(parsed.articles.is_empty(), "{:#?}", parsed.articles);
    assert_eq!(
        parsed.problems,
        [Problem {
            line: None,
            reason: "no article text found in page".to_string()
        }]
    );
}

#[test]
fn an_article_page_whose_text_a_script_loads_keeps_its_description() {
    let description = "Lenders in the river towns tightened terms for small firms, the regional \
        survey found, as rates stayed high for a second year.";
    let page = format!(
        r#"<html><head><title>Lenders tighten terms | Daily</title>
        <meta property="og:type" content="article">
        <meta property="og:description" content="{description}">
        <meta property="article:published_time" content="2024-03-11T08:00:00Z"></head>
        <body><div id="app"></div><script src="/app.js"></script></body></html>"#
    );
    let parsed = parse_html("s", Path::new("s.html"), &page, today());
    let [a] = parsed.articles.as_slice() else {
        panic!("one article: {parsed:#?}");
    };
    assert_eq!(a.body.len(), 1);
    assert_eq!(
        a.body[0].text,
        description.split_whitespace().collect::<Vec<_>>().join(" ")
    );
    assert_eq!(a.date, ymd(2024, 3, 11));
    let not_article = page.replace(r#"content="article""#, r#"content="website""#);
    let parsed = parse_html("w", Path::new("w.html"), &not_article, today());
    assert!(
        parsed.articles.is_empty(),
        "a page that is no article stays refused"
    );
}

#[test]
fn empty_documents_have_no_article() {
    for html in [
        "",
        "   \n",
        "<html></html>",
        "<p></p>",
        "<!doctype html><title>Only a title</title>",
    ] {
        let parsed = parse_html("e", Path::new("e.html"), html, today());
        assert!(parsed.articles.is_empty(), "{html:?}");
        assert_eq!(parsed.problems.len(), 1, "{html:?}");
    }
}

#[test]
fn malformed_markup() {
    let a = article(MALFORMED);
    assert_eq!(a.headline, "Storm knocks out power to 40,000 homes");
    assert_eq!(a.source.as_deref(), Some("Northern Post"));
    assert_eq!(a.date, ymd(2023, 3, 12));
    assert_eq!(
        texts(&a),
        [
            "High winds brought down power lines across the north overnight, leaving about forty thousand homes without electricity.",
            "Engineers worked through the night, and the network operator said most homes would be reconnected by the evening.",
            "Schools in three districts stayed closed on Wednesday as a precaution, the education authority said.",
        ]
    );
}

#[test]
fn entities_are_decoded() {
    let a = article(ENTITIES);
    assert_eq!(a.headline, "Smith’s & Sons in \"rescue\" deal");
    assert_eq!(a.author.as_deref(), Some("Dara O’Neill"));
    assert_eq!(a.date, ymd(2020, 6, 3));
    assert_eq!(
        a.body[0].text,
        "The family firm Smith’s & Sons has agreed a “rescue” deal with its lenders, saving 240 jobs."
    );
}

#[test]
fn non_ascii_page() {
    let a = article(GERMAN);
    assert_eq!(a.headline, "Bahnstreik legt Pendlerverkehr lahm");
    assert_eq!(a.date, ymd(2024, 2, 29));
    assert_eq!(a.source.as_deref(), Some("Süddeutsche Rundschau"));
    assert_eq!(a.author.as_deref(), Some("Jürgen Weiß"));
    assert_eq!(a.body.len(), 2, "{:#?}", a.body);
    assert!(a.body[0].text.starts_with("Ein Streik der Lokführer"));
    assert_lacks(&a, &["Startseite", "Alle Rechte", "Von Jürgen"]);
}

#[test]
fn json_ld_article_body_fills_in_for_scripted_pages() {
    let html = r#"<html><head><script type="application/ld+json">{"@type":"NewsArticle",
        "headline":"Port strike ends","articleBody":"Dock workers voted to end a week-long strike on Sunday.\n\nShips queued outside the port began to move in the afternoon."}</script>
        </head><body><div id="root"></div><noscript>Please enable JavaScript to read this page.</noscript></body></html>"#;
    let a = article(html);
    assert_eq!(a.headline, "Port strike ends");
    assert_eq!(a.body.len(), 2, "{:#?}", a.body);
    assert!(a.body[1].text.starts_with("Ships queued"));
}

#[test]
fn headline_is_derived_when_the_page_states_none() {
    let a = article(
        "<body><p>Fog delayed flights at the airport on Monday. Dozens were cancelled.</p></body>",
    );
    assert_eq!(a.headline, "Fog delayed flights at the airport on Monday.");
}

/// Checks what must hold for any input: one article or one problem, a non-empty headline and
/// body with lines inside the file.
fn assert_sane(html: &str) {
    let parsed = parse_html("m", Path::new("m.html"), html, today());
    assert_eq!(parsed.articles.len() + parsed.problems.len(), 1);
    let lines = 1 + html.matches('\n').count() as u64;
    for a in &parsed.articles {
        assert!(!a.headline.is_empty());
        assert!(!a.body.is_empty());
        assert!(
            a.body
                .iter()
                .all(|p| (1..=lines).contains(&p.line) && !p.text.is_empty())
        );
    }
}

/// A small deterministic pseudo-random sequence (a linear congruential generator).
fn pseudo_random(seed: u64) -> impl Iterator<Item = usize> {
    let mut state = seed;
    std::iter::from_fn(move || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        Some((state >> 33) as usize)
    })
}

#[test]
fn mangled_pages_never_panic() {
    for (seed, page) in ALL.iter().enumerate() {
        for (at, _) in page.char_indices().step_by(97) {
            assert_sane(&page[..at]);
        }
        let tags: Vec<usize> = page.match_indices('<').map(|(at, _)| at).collect();
        let mut random = pseudo_random(seed as u64);
        for _ in 0..40 {
            let mut mangled = page.to_string();
            for _ in 0..3 {
                let Some(&start) = tags.get(random.next().unwrap_or(0) % tags.len().max(1)) else {
                    break;
                };
                let Some(len) = mangled.get(start..).and_then(|rest| rest.find('>')) else {
                    continue;
                };
                mangled.replace_range(start..=start + len, "");
            }
            assert_sane(&mangled);
        }
    }
}

#[test]
fn pathological_pages_never_panic() {
    let huge_attribute = format!(
        "<div class=\"{}\"><p>{}</p></div>",
        "x".repeat(1 << 20),
        "Text of a page with a huge attribute value. ".repeat(5)
    );
    let deep = format!(
        "{}<p>Deep text that is long enough to be kept here.</p>",
        "<div>".repeat(3_000)
    );
    let formatting = format!(
        "<p>{}Misnested formatting text goes on and on.",
        "<b><i>".repeat(5_000)
    );
    let broken_ld = r##"<script type="application/ld+json">{"@graph":[{"@type":"NewsArticle","author":{"@id":"#a"},"headline":[[[[]]]]}]</script><p>Body text that is long enough.</p>"##;
    let nested_json = format!(
        r#"<script type="application/ld+json">{}</script><p>Some body text here.</p>"#,
        "[".repeat(10_000)
    );
    for html in [&huge_attribute, &deep, &formatting, broken_ld, &nested_json] {
        assert_sane(html);
    }
}
