//! News over time: `date:` clauses in queries, `--timeline`, `--sort newest|oldest`, `show ID`
//! and `--explain`, on a small corpus whose dates and matches are known.

use serde_json::Value;

use super::{SEED, Sandbox, corpus, stderr, stdout};

/// A paragraph long enough (over 280 bytes) to be a passage of its own: `words`, then filler
/// words drawn from `seed`, so that articles with different seeds are not near-copies.
fn paragraph(words: &str, seed: u64) -> String {
    const VOCABULARY: [&str; 24] = [
        "quay", "tide", "wind", "ferry", "gull", "net", "crew", "pier", "swell", "dock", "rope",
        "mast", "sail", "buoy", "reef", "cove", "hull", "deck", "oar", "keel", "port", "bay",
        "fog", "cliff",
    ];
    let mut state = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
    let mut text = words.to_string();
    while text.len() < 320 {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        text.push(' ');
        text.push_str(VOCABULARY[(state >> 33) as usize % VOCABULARY.len()]);
    }
    text.push('.');
    text
}

/// Writes a plain-text article: a date line (when given), a headline, then paragraphs.
fn article(sb: &Sandbox, name: &str, date: Option<&str>, headline: &str, paragraphs: &[String]) {
    let mut text = String::new();
    if let Some(date) = date {
        text.push_str(date);
        text.push_str("\n\n");
    }
    text.push_str(headline);
    text.push_str("\n\n");
    text.push_str(&paragraphs.join("\n\n"));
    text.push('\n');
    sb.write(&format!("news/{name}"), text.as_bytes());
}

/// Six articles mention the lighthouse (one of them in three passages, one undated) and one
/// does not:
///
/// | file | date | lighthouse passages |
/// |---|---|---|
/// | a.txt | 2025-03-03 | 3 |
/// | b.txt | 2025-03-20 | 1 |
/// | c.txt | 2025-04-10 | 0 |
/// | d.txt | 2025-05-14 | 1 |
/// | e.txt | 2025-05-15 | 1 |
/// | f.txt | 2025-05-31 | 1 |
/// | g.txt | none | 1 |
fn lighthouse_corpus() -> Sandbox {
    let sb = Sandbox::new();
    let with = |seed: u64, n: u64| -> Vec<String> {
        let mut ps: Vec<String> = (0..n)
            .map(|i| {
                let words = format!("The lighthouse keeper, part {i}, lit the lamp.");
                paragraph(&words, seed * 10 + i)
            })
            .collect();
        ps.push(paragraph("Ferries ran on time.", seed * 10 + 9));
        ps
    };
    article(
        &sb,
        "a.txt",
        Some("2025-03-03"),
        "Keeper's long night",
        &with(1, 3),
    );
    article(
        &sb,
        "b.txt",
        Some("2025-03-20"),
        "Lamp repaired",
        &with(2, 1),
    );
    article(
        &sb,
        "c.txt",
        Some("2025-04-10"),
        "Ferry timetable changes",
        &[paragraph("Ferries will run later in summer.", 3)],
    );
    article(
        &sb,
        "d.txt",
        Some("2025-05-14"),
        "Storm on the coast",
        &with(4, 1),
    );
    article(
        &sb,
        "e.txt",
        Some("2025-05-15"),
        "Boats return",
        &with(5, 1),
    );
    article(
        &sb,
        "f.txt",
        Some("2025-05-31"),
        "Season opens",
        &with(6, 1),
    );
    article(&sb, "g.txt", None, "An undated note", &with(7, 1));
    sb.index(&["--quiet", "news"]);
    sb
}

/// Runs a command and parses its stdout as JSON Lines, asserting the exit status.
fn json_lines(sb: &Sandbox, args: &[&str], code: i32) -> Vec<Value> {
    let out = sb.run(args);
    assert_eq!(out.status.code(), Some(code), "{args:?}: {}", stderr(&out));
    stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect()
}

/// `(label, count)` of each timeline object.
fn buckets(rows: &[Value]) -> Vec<(String, u64)> {
    rows.iter()
        .map(|r| {
            (
                r["label"].as_str().expect("label").to_string(),
                r["count"].as_u64().expect("count"),
            )
        })
        .collect()
}

fn owned(expected: &[(&str, u64)]) -> Vec<(String, u64)> {
    expected.iter().map(|&(l, c)| (l.to_string(), c)).collect()
}

/// File names of JSON hits, in order.
fn files(hits: &[Value]) -> Vec<String> {
    hits.iter()
        .map(|h| {
            let path = h["path"].as_str().expect("path");
            path.rsplit('/').next().unwrap_or(path).to_string()
        })
        .collect()
}

#[test]
fn timeline_counts_each_matching_article_once_per_month() {
    let sb = lighthouse_corpus();
    // The premise: a.txt has several matching passages.
    let hits = json_lines(&sb, &["--json", "--per-article", "9", "lighthouse"], 0);
    let in_a = files(&hits).iter().filter(|f| *f == "a.txt").count();
    assert_eq!(in_a, 3, "{hits:?}");

    let rows = json_lines(
        &sb,
        &["--timeline", "--by", "month", "--json", "lighthouse"],
        0,
    );
    assert_eq!(
        buckets(&rows),
        owned(&[
            ("2025-03", 2),
            ("2025-04", 0),
            ("2025-05", 3),
            ("undated", 1)
        ])
    );
    assert_eq!(rows[0]["start"], "2025-03-01");
    assert_eq!(rows[0]["end"], "2025-03-31");
    assert_eq!(rows[1]["start"], "2025-04-01");
    assert_eq!(rows[1]["end"], "2025-04-30");
    assert_eq!(rows[3]["start"], Value::Null);

    // The terminal shows the same counts, the peak and the undated line.
    let out = sb.run(&["--timeline", "--by", "month", "lighthouse"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("2025-03  2  █"), "{text}");
    assert_eq!(lines[1], "2025-04  0");
    assert!(lines[2].starts_with("2025-05  3  █"), "{text}");
    assert!(lines[2].ends_with("◀ peak"), "{text}");
    assert!(!lines[0].contains("peak"), "{text}");
    assert_eq!(lines[3].trim(), "1  undated");
    assert_eq!(lines[4], "6 matching articles, by month, peak 3");
}

#[test]
fn timeline_by_week_and_day() {
    let sb = lighthouse_corpus();
    // Thirteen weeks from first to last match: drawn by week unless told otherwise.
    let auto = json_lines(&sb, &["--timeline", "--json", "lighthouse"], 0);
    let rows = json_lines(
        &sb,
        &["--timeline", "--by", "week", "--json", "lighthouse"],
        0,
    );
    assert_eq!(auto, rows);
    // 2025-03-03 is the Monday of W10; 2025-05-14 and 15 fall in W20; 2025-05-31 in W22.
    let mut expected: Vec<(String, u64)> = (10..=22)
        .map(|w| {
            let count = match w {
                10 | 12 | 22 => 1,
                20 => 2,
                _ => 0,
            };
            (format!("2025-W{w}"), count)
        })
        .collect();
    expected.push(("undated".to_string(), 1));
    assert_eq!(buckets(&rows), expected);
    assert_eq!(rows[10]["start"], "2025-05-12");
    assert_eq!(rows[10]["end"], "2025-05-18");

    // A date clause narrows the timeline; the span (18 days) is drawn by day.
    let rows = json_lines(&sb, &["--timeline", "--json", "date:2025-05 lighthouse"], 0);
    assert_eq!(rows.len(), 18);
    assert_eq!(rows[0]["start"], "2025-05-14");
    assert_eq!(rows[17]["end"], "2025-05-31");
    let total: u64 = buckets(&rows).iter().map(|(_, c)| c).sum();
    assert_eq!(total, 3);
}

#[test]
fn date_only_query_lists_the_window() {
    let sb = lighthouse_corpus();
    // Every article of March and April, matching or not: counted, then listed newest first.
    let rows = json_lines(&sb, &["--timeline", "--json", "date:2025-03..2025-04"], 0);
    let total: u64 = buckets(&rows).iter().map(|(_, c)| c).sum();
    assert_eq!(total, 3);
    let hits = json_lines(&sb, &["--json", "date:2025-03..2025-04"], 0);
    assert_eq!(files(&hits), vec!["c.txt", "b.txt", "a.txt"]);
    let hits = json_lines(
        &sb,
        &["--json", "--sort", "oldest", "date:2025-03..2025-04"],
        0,
    );
    assert_eq!(files(&hits), vec!["a.txt", "b.txt", "c.txt"]);
    // The clause and --since/--until are intersected.
    let hits = json_lines(&sb, &["--json", "date:2025", "--until", "2025-03-31"], 0);
    assert_eq!(files(&hits), vec!["b.txt", "a.txt"]);
    let out = sb.run(&["date:2025-03", "--since", "2025-05"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no day in common"),
        "{}",
        stderr(&out)
    );
    // A window with nothing in it matches nothing.
    let out = sb.run(&["date:2024"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
}

#[test]
fn sort_by_date_orders_all_matches_not_the_top_few() {
    let sb = lighthouse_corpus();
    // By relevance a.txt (three passages about the lighthouse) comes first…
    let hits = json_lines(&sb, &["--json", "-n", "1", "lighthouse"], 0);
    assert_eq!(files(&hits), vec!["a.txt"]);
    // …but the two newest matching articles are f and e, undated ones last.
    let hits = json_lines(
        &sb,
        &["--json", "-n", "2", "--sort", "newest", "lighthouse"],
        0,
    );
    assert_eq!(files(&hits), vec!["f.txt", "e.txt"]);
    let hits = json_lines(&sb, &["--json", "--sort", "newest", "lighthouse"], 0);
    assert_eq!(
        files(&hits),
        vec!["f.txt", "e.txt", "d.txt", "b.txt", "a.txt", "g.txt"]
    );
    let hits = json_lines(&sb, &["--json", "--sort", "oldest", "lighthouse"], 0);
    assert_eq!(
        files(&hits),
        vec!["a.txt", "b.txt", "d.txt", "e.txt", "f.txt", "g.txt"]
    );
    // One passage per article, the one that matches; more with --per-article.
    assert!(
        hits[0]["snippet"]
            .as_str()
            .expect("snippet")
            .contains("lighthouse")
    );
    let hits = json_lines(
        &sb,
        &[
            "--json",
            "--sort",
            "oldest",
            "--per-article",
            "2",
            "-n",
            "1",
            "lighthouse",
        ],
        0,
    );
    assert_eq!(files(&hits), vec!["a.txt", "a.txt"]);
}

#[test]
fn sort_by_date_folds_copies() {
    let sb = Sandbox::new();
    let body = paragraph("The lighthouse keeper lit the lamp.", 1);
    for (name, date) in [("one.txt", "2025-01-02"), ("two.txt", "2025-01-03")] {
        article(
            &sb,
            name,
            Some(date),
            "Lamp lit",
            std::slice::from_ref(&body),
        );
    }
    sb.index(&["--quiet", "news"]);
    let hits = json_lines(&sb, &["--json", "--sort", "newest", "lighthouse"], 0);
    assert_eq!(files(&hits), vec!["two.txt"]);
    assert_eq!(hits[0]["also_in"].as_array().expect("also_in").len(), 1);
    let hits = json_lines(
        &sb,
        &["--json", "--sort", "newest", "--all", "lighthouse"],
        0,
    );
    assert_eq!(files(&hits), vec!["two.txt", "one.txt"]);
    // The timeline counts both copies.
    let rows = json_lines(&sb, &["--timeline", "--json", "lighthouse"], 0);
    assert_eq!(
        buckets(&rows),
        owned(&[("2025-01-02", 1), ("2025-01-03", 1)])
    );
}

#[test]
fn show_prints_what_parse_reads() {
    let sb = Sandbox::new();
    sb.index_corpus();
    let seed = corpus().join(SEED);
    let parsed = json_lines(&sb, &["parse", "--json", seed.to_str().expect("utf8")], 0);
    assert_eq!(parsed.len(), 1);
    let id = parsed[0]["id"].as_str().expect("id");
    let shown = json_lines(&sb, &["show", "--json", id], 0);
    assert_eq!(shown, parsed);

    // The terminal form: headline, header lines, then the body's paragraphs.
    let out = sb.run(&["show", id]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(text.starts_with(parsed[0]["headline"].as_str().expect("headline")));
    assert!(text.contains("date: 2025-05-14\n"), "{text}");
    assert!(text.contains(&format!("id: {id}\n")), "{text}");
    let first_paragraph = parsed[0]["body"]
        .as_str()
        .expect("body")
        .split("\n\n")
        .next()
        .expect("a paragraph");
    assert!(text.contains(&format!("\n\n{first_paragraph}\n")), "{text}");

    // Each search hit tells how to open it.
    let out = sb.run(&["-n", "20", "DeepSeek"]);
    assert!(
        stdout(&out).contains(&format!("  show {id}\n")),
        "{}",
        stdout(&out)
    );

    let out = sb.run(&["show", "nosuchid"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no article with id `nosuchid`"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn show_prints_every_file_holding_a_repeated_id() {
    let sb = Sandbox::new();
    sb.write(
        "tables/march.csv",
        b"id,date,title,text\n7,2025-03-01,Harbour opens,The harbour opened its new quay.\n",
    );
    sb.write(
        "tables/may.csv",
        b"id,date,title,text\n7,2025-05-01,Harbour closes,The harbour closed for repairs.\n",
    );
    sb.index(&["--quiet", "tables"]);
    let shown_headlines = || -> Vec<String> {
        json_lines(&sb, &["show", "--json", "7"], 0)
            .iter()
            .map(|a| a["headline"].as_str().expect("headline").to_string())
            .collect()
    };
    assert_eq!(shown_headlines(), ["Harbour opens", "Harbour closes"]);
    let text = stdout(&sb.run(&["show", "7"]));
    assert!(text.contains("\n---\n"), "{text}");
    // A file read again replaces its article: the replaced one is not shown.
    sb.write(
        "tables/may.csv",
        b"id,date,title,text\n7,2025-05-02,Harbour reopens,The harbour reopened after repairs.\n",
    );
    sb.index(&["--quiet", "tables"]);
    assert_eq!(shown_headlines(), ["Harbour opens", "Harbour reopens"]);
    // Same id, different files: two articles in the timeline.
    let rows = json_lines(&sb, &["--timeline", "--by", "year", "--json", "harbour"], 0);
    assert_eq!(buckets(&rows), owned(&[("2025", 2)]));
}

#[test]
fn explain_shows_words_and_window() {
    let sb = lighthouse_corpus();
    let out = sb.run(&[
        "--explain",
        "date:2025-03..2025-05 the lighthouse keepers",
        "--until",
        "2025-05-20",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.starts_with(
            "query: words lighthous, keeper (all 2 required in an article)\n\
             dates: 2025-03-01 ..= 2025-05-20\n\
             order: relevance\n\n"
        ),
        "{text}"
    );
    let rows = json_lines(&sb, &["--explain", "--json", "date:2025-05"], 0);
    assert_eq!(rows[0]["explain"]["mode"], "browse");
    assert_eq!(rows[0]["explain"]["until"], "2025-05-31");
    assert_eq!(rows[0]["explain"]["sort"], "newest");
    assert_eq!(rows.len(), 4);
}
