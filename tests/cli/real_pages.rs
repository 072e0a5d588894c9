//! Checks on real saved news pages in `../shared/pages-dev` (never copied into the project):
//! the floors the extractor holds on them, so that a change that loses ground on real pages
//! fails here, not only in `scripts/eval-pages`.
//!
//! Ignored by default (a fresh clone has no `../shared`); `scripts/check-corpora` runs them.
//! Each test returns early, passing, when the folder is missing, and says so. The figures are
//! the measures, computed here without Python: body F1 as the benchmark's
//! `evaluate.py` computes it (4-word shingles of `\w+` tokens, precision and recall averaged
//! over pages), headline accuracy by normalised equality or a 0.9 similarity, date accuracy as
//! the same calendar day. The floors sit just under the figures measured when they were set
//! (body F1 0.970, headline 159/167, date 655/704), so that noise in one page does not fail them.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use super::shared_folder;

/// Body F1 on the article-extraction-benchmark pages is at least this.
const MIN_BODY_F1: f64 = 0.965;
/// Headline accuracy on the `meta` pages with headline truth is at least this.
const MIN_HEADLINE: f64 = 0.94;
/// Date accuracy on the `meta` pages with date truth is at least this.
const MIN_DATE: f64 = 0.925;
/// The first words of the body are found in the body on at least this share of the pages
/// that state them.
const MIN_BODY_START: f64 = 0.70;

/// `../shared/pages-dev/<part>`, if present.
fn pages_dev(part: &str) -> Option<PathBuf> {
    shared_folder(&format!("pages-dev/{part}"))
}

/// The articles `news-search parse --json` reads from every page in `folder`, by page name
/// (the file name without `.html.gz`).
fn parse_pages(folder: &Path) -> HashMap<String, Value> {
    let out = Command::new(env!("CARGO_BIN_EXE_news-search"))
        .args(["--index", "/dev/null", "parse", "--json"])
        .arg(folder)
        .output()
        .expect("run news-search parse");
    let mut by_page = HashMap::new();
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let article: Value = serde_json::from_str(line).expect("a JSON line");
        let path = article["path"].as_str().unwrap_or_default();
        let name = Path::new(path)
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        let name = name.strip_suffix(".gz").unwrap_or(name);
        let page = name.strip_suffix(".html").unwrap_or(name);
        by_page.entry(page.to_string()).or_insert(article);
    }
    by_page
}

/// The `\w+` tokens of a text, as `evaluate.py` reads them.
fn tokens(text: &str) -> Vec<&str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|t| !t.is_empty())
        .collect()
}

/// Precision and recall of `found` against `truth` over 4-token shingles, as `evaluate.py`'s
/// `string_shingle_matching` with its precision and recall scores.
fn shingle_scores(truth: &str, found: &str) -> (f64, f64) {
    fn shingles(text: &str) -> HashMap<Vec<&str>, usize> {
        let tokens = tokens(text);
        let mut counts = HashMap::new();
        let n = 4.min(tokens.len().max(1));
        for window in tokens.windows(n.max(1)) {
            *counts.entry(window.to_vec()).or_insert(0) += 1;
        }
        counts
    }
    let (want, got) = (shingles(truth), shingles(found));
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    for (key, &w) in &want {
        let g = got.get(key).copied().unwrap_or(0);
        tp += w.min(g);
        fn_ += w.saturating_sub(g);
    }
    for (key, &g) in &got {
        fp += g.saturating_sub(want.get(key).copied().unwrap_or(0));
    }
    let ratio = |a: usize, b: usize| {
        if fp == 0 && fn_ == 0 {
            1.0
        } else if a + b == 0 {
            0.0
        } else {
            a as f64 / (a + b) as f64
        }
    };
    (ratio(tp, fp), ratio(tp, fn_))
}

/// A headline folded for comparison: quotes and dashes unified, space collapsed, lower case.
fn fold(text: &str) -> String {
    let mapped: String = text
        .chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '`' | '´' => '\'',
            '\u{201c}' | '\u{201d}' | '\u{201e}' | '«' | '»' => '"',
            '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
            c => c,
        })
        .collect();
    mapped
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// 1 minus the edit distance over the longer length, in characters.
fn similarity(a: &str, b: &str) -> f64 {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let longest = a.len().max(b.len());
    if longest == 0 {
        return 1.0;
    }
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous + usize::from(ca != cb);
            previous = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(row[j + 1] + 1);
        }
    }
    1.0 - row[b.len()] as f64 / longest as f64
}

/// The `meta/truth.jsonl` records.
fn meta_truth(meta: &Path) -> Vec<Value> {
    fs::read_to_string(meta.join("truth.jsonl"))
        .expect("truth.jsonl")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("a truth record"))
        .collect()
}

#[test]
#[ignore = "needs ../shared/pages-dev; run by scripts/check-corpora"]
fn benchmark_pages_each_yield_a_body_close_to_the_truth() {
    let Some(part) = pages_dev("article-extraction-benchmark") else {
        return;
    };
    let truth: Value = serde_json::from_str(
        &fs::read_to_string(part.join("ground-truth.json")).expect("ground-truth.json"),
    )
    .expect("ground truth JSON");
    let truth = truth.as_object().expect("an object of pages");
    let found = parse_pages(&part.join("html"));
    let (mut precisions, mut recalls, mut empty) = (Vec::new(), Vec::new(), Vec::new());
    for (page, want) in truth {
        let want = want["articleBody"].as_str().unwrap_or_default();
        let got = found
            .get(page)
            .and_then(|a| a["body"].as_str())
            .unwrap_or_default();
        if got.trim().is_empty() {
            empty.push(page.clone());
        }
        let (p, r) = shingle_scores(want, got);
        if !got.trim().is_empty() {
            precisions.push(p);
        }
        recalls.push(r);
    }
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len().max(1) as f64;
    let (p, r) = (mean(&precisions), mean(&recalls));
    let f1 = 2.0 * p * r / (p + r);
    println!(
        "{} pages: body F1 {f1:.3} (precision {p:.3}, recall {r:.3}), {} without a body",
        truth.len(),
        empty.len()
    );
    assert!(empty.is_empty(), "pages without a body: {empty:?}");
    assert!(f1 >= MIN_BODY_F1, "body F1 {f1:.3} < {MIN_BODY_F1}");
}

#[test]
#[ignore = "needs ../shared/pages-dev; run by scripts/check-corpora"]
fn meta_pages_hold_their_date_headline_and_first_words() {
    let Some(meta) = pages_dev("meta") else {
        return;
    };
    let found = parse_pages(&meta);
    let (mut dates, mut dated, mut heads, mut headed, mut starts, mut started) = (0, 0, 0, 0, 0, 0);
    for record in meta_truth(&meta) {
        let page = record["page"].as_str().unwrap_or_default();
        let article = found.get(page);
        let field = |name: &str| {
            article
                .and_then(|a| a[name].as_str())
                .unwrap_or_default()
                .to_string()
        };
        if let Some(want) = record["published"].as_str() {
            dated += 1;
            dates += usize::from(field("date") == want);
        }
        if let Some(want) = record["headline"].as_str() {
            headed += 1;
            let got = fold(&field("headline"));
            let alternates = record["headline_alternates"].as_array().cloned();
            let matches = std::iter::once(want.to_string())
                .chain(
                    alternates
                        .unwrap_or_default()
                        .iter()
                        .filter_map(|a| a.as_str().map(str::to_string)),
                )
                .any(|w| {
                    let w = fold(&w);
                    got == w || (!got.is_empty() && similarity(&got, &w) >= 0.9)
                });
            heads += usize::from(matches);
        }
        if let Some(want) = record["body_start"].as_str() {
            started += 1;
            let body = tokens(&field("body")).join(" ").to_lowercase();
            let want = tokens(want).join(" ").to_lowercase();
            starts += usize::from(!want.is_empty() && body.contains(&want));
        }
    }
    let share = |a: usize, b: usize| a as f64 / b.max(1) as f64;
    println!(
        "date {dates}/{dated} ({:.1}%), headline {heads}/{headed} ({:.1}%), first words of the body {starts}/{started} ({:.1}%)",
        100.0 * share(dates, dated),
        100.0 * share(heads, headed),
        100.0 * share(starts, started)
    );
    assert!(dated >= 700 && headed >= 160, "truth records missing");
    assert!(
        share(dates, dated) >= MIN_DATE,
        "date accuracy below {MIN_DATE}"
    );
    assert!(
        share(heads, headed) >= MIN_HEADLINE,
        "headline accuracy below {MIN_HEADLINE}"
    );
    assert!(
        share(starts, started) >= MIN_BODY_START,
        "first words below {MIN_BODY_START}"
    );
}

#[test]
#[ignore = "needs ../shared/pages-dev; run by scripts/check-corpora"]
fn legacy_charset_pages_decode_without_mojibake() {
    let Some(meta) = pages_dev("meta") else {
        return;
    };
    let found = parse_pages(&meta);
    let legacy: Vec<Value> = meta_truth(&meta)
        .into_iter()
        .filter(|r| {
            r["checks"]["decoded_as"]
                .as_str()
                .is_some_and(|c| c != "utf-8")
        })
        .collect();
    assert!(
        legacy.len() >= 15,
        "only {} legacy-charset pages",
        legacy.len()
    );
    // Signs of bytes read in the wrong charset: UTF-8 read as Latin-1 (Ã©, Â), a replacement
    // character, or C1 controls.
    let garbled = |text: &str| {
        text.contains('\u{fffd}')
            || text.contains("Ã")
            || text.contains("Â")
            || text.chars().any(|c| ('\u{80}'..='\u{9f}').contains(&c))
    };
    let mut read = 0;
    for record in &legacy {
        let page = record["page"].as_str().unwrap_or_default();
        let Some(article) = found.get(page) else {
            continue;
        };
        read += 1;
        let text = format!("{} {}", article["headline"], article["body"]);
        assert!(
            !garbled(&text),
            "{page} ({}) is garbled",
            record["checks"]["decoded_as"]
        );
    }
    println!(
        "{read} of {} legacy-charset pages read, none garbled",
        legacy.len()
    );
    assert!(
        read + 2 >= legacy.len(),
        "only {read} of {} read",
        legacy.len()
    );
}
