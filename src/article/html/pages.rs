//! Accuracy of [`parse_html`] on the saved pages in `tests/fixtures/html/`.
//!
//! Each `NAME.html` there has a `NAME.expected.json` beside it: either `{"is_article": false}`
//! for a page that must yield the "no article text found in page" problem, or the page's
//! `headline`, its `date` (`YYYY-MM-DD`, or `null` when the page states none), body snippets it
//! `must_contain` and page furniture it `must_not_contain`. The pages mimic the markup of real
//! news sites; the test prints every miss and an accuracy table, and fails below the acceptance
//! bar (95% of headlines, 95% of stated dates) or on any body miss.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde_json::Value;

use super::parse_html;
use crate::article::clean::normalise_space;

/// The share of pages whose headline, and of dated pages whose date, must be right.
const MIN_ACCURACY: f64 = 0.95;
/// The problem a page without an article must yield.
const NO_ARTICLE: &str = "no article text found in page";

/// "Today" for year inference: a little after the pages were saved.
fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 6, 1).expect("valid date")
}

/// The saved pages, sorted by name.
fn pages() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/html");
    let mut pages: Vec<PathBuf> = fs::read_dir(&dir)
        .expect("tests/fixtures/html exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    pages.sort();
    pages
}

/// Tallies of one kind of check.
#[derive(Debug, Default)]
struct Score {
    right: usize,
    asked: usize,
}

impl Score {
    fn add(&mut self, right: bool) {
        self.asked += 1;
        self.right += usize::from(right);
    }

    fn share(&self) -> f64 {
        if self.asked == 0 {
            1.0
        } else {
            self.right as f64 / self.asked as f64
        }
    }
}

/// What the pages scored, and what they missed.
#[derive(Debug, Default)]
struct Report {
    headline: Score,
    date: Score,
    undated: Score,
    body: Score,
    non_articles: Score,
    misses: Vec<String>,
}

impl Report {
    /// Checks one page against its expectation.
    fn check(&mut self, name: &str, html: &str, expected: &Value) {
        let parsed = parse_html(name, Path::new(name), html, today());
        if expected["is_article"] == Value::Bool(false) {
            let refused = parsed.articles.is_empty()
                && parsed.problems.iter().any(|p| p.reason == NO_ARTICLE);
            self.non_articles.add(refused);
            if !refused {
                let headline = parsed.articles.first().map(|a| a.headline.as_str());
                self.misses
                    .push(format!("{name}: read as an article ({headline:?})"));
            }
            return;
        }
        let Some(article) = parsed.articles.first() else {
            self.misses
                .push(format!("{name}: no article ({:?})", parsed.problems));
            for score in [&mut self.headline, &mut self.body] {
                score.add(false);
            }
            return;
        };
        let want = normalise_space(expected["headline"].as_str().unwrap_or_default());
        let got = normalise_space(&article.headline);
        self.headline.add(got == want);
        if got != want {
            self.misses
                .push(format!("{name}: headline {got:?}, want {want:?}"));
        }
        let got_date = article.date.map(|d| d.format("%Y-%m-%d").to_string());
        let want_date = expected["date"].as_str().map(str::to_string);
        let score = if want_date.is_some() {
            &mut self.date
        } else {
            &mut self.undated
        };
        score.add(got_date == want_date);
        if got_date != want_date {
            self.misses
                .push(format!("{name}: date {got_date:?}, want {want_date:?}"));
        }
        let body = normalise_space(&article.body_text());
        let mut body_right = true;
        for snippet in strings(&expected["must_contain"]) {
            if !body.contains(snippet.as_str()) {
                body_right = false;
                self.misses.push(format!("{name}: body lacks {snippet:?}"));
            }
        }
        for snippet in strings(&expected["must_not_contain"]) {
            if body.contains(snippet.as_str()) {
                body_right = false;
                self.misses.push(format!("{name}: body holds {snippet:?}"));
            }
        }
        self.body.add(body_right);
    }

    /// The accuracy table.
    fn table(&self) -> String {
        let row = |label: &str, s: &Score| {
            format!(
                "{label:<28} {:>3}/{:<3} {:>6.1}%\n",
                s.right,
                s.asked,
                s.share() * 100.0
            )
        };
        [
            row("headline exact", &self.headline),
            row("date (pages stating one)", &self.date),
            row("no date (pages without)", &self.undated),
            row("body must / must-not", &self.body),
            row("non-articles refused", &self.non_articles),
        ]
        .concat()
    }
}

/// The strings of a JSON list (none when it is not a list).
fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(Value::as_str)
                .map(normalise_space)
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn saved_news_pages_meet_the_acceptance_bar() {
    let mut report = Report::default();
    let pages = pages();
    assert!(pages.len() >= 30, "only {} saved pages", pages.len());
    for page in &pages {
        let name = page
            .file_name()
            .and_then(|n| n.to_str())
            .expect("utf-8 name");
        let html = fs::read_to_string(page).expect("readable page");
        let sidecar = page.with_extension("expected.json");
        let expected: Value = serde_json::from_str(
            &fs::read_to_string(&sidecar).unwrap_or_else(|e| panic!("{sidecar:?}: {e}")),
        )
        .unwrap_or_else(|e| panic!("{sidecar:?}: {e}"));
        report.check(name, &html, &expected);
    }
    println!("{} pages\n{}", pages.len(), report.table());
    for miss in &report.misses {
        println!("  miss: {miss}");
    }
    assert!(
        report.headline.share() >= MIN_ACCURACY
            && report.date.share() >= MIN_ACCURACY
            && report.body.right == report.body.asked
            && report.non_articles.right == report.non_articles.asked
            && report.undated.right == report.undated.asked,
        "below the acceptance bar:\n{}{}",
        report.table(),
        report.misses.join("\n")
    );
}
