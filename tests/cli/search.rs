//! Searching: results, date filters, boilerplate, options, exit statuses, errors.

use std::process::Command;

use serde_json::Value;

use super::{Sandbox, highlighted, is_seed, stderr, stdout};

#[test]
fn seed_article_found_with_date_headline_and_highlights() {
    let sb = Sandbox::new();
    sb.index_corpus();
    let (code, hits) = sb.json(&["export controls"]);
    assert_eq!(code, Some(0));
    let seed = hits
        .iter()
        .find(|h| is_seed(h))
        .expect("seed article among hits");
    assert_eq!(seed["date"], "2025-05-14");
    assert!(
        seed["headline"]
            .as_str()
            .expect("headline")
            .contains("DeepSeek")
    );
    let marked = highlighted(seed).join(" ").to_lowercase();
    assert!(marked.contains("export"), "highlights: {marked}");
    assert!(marked.contains("controls"), "highlights: {marked}");
    assert!(seed["line"].as_u64().expect("line") > 1);
    assert!(seed["score"].as_f64().expect("score") > 0.0);
}

#[test]
fn date_filters_are_inclusive_periods() {
    let sb = Sandbox::new();
    sb.index_corpus();
    let has_seed = |args: &[&str]| {
        let mut all = vec!["export controls"];
        all.extend_from_slice(args);
        sb.json(&all).1.iter().any(is_seed)
    };
    assert!(!has_seed(&["--since", "2025-06"]));
    assert!(has_seed(&["--until", "2025-05"]));
    assert!(has_seed(&[
        "--since",
        "2025-05-14",
        "--until",
        "2025-05-14"
    ]));
    assert!(has_seed(&["--since", "2025"]));
    assert!(!has_seed(&["--until", "2025-05-13"]));
}

#[test]
fn date_filter_excludes_undated_articles() {
    let sb = Sandbox::new();
    sb.write(
        "news/undated.txt",
        b"Quiet harbour\n\nThe harbour was quiet all week.\n",
    );
    sb.write(
        "news/dated.txt",
        b"2024-03-02\n\nBusy harbour\n\nThe harbour was busy all week.\n",
    );
    assert_eq!(sb.run(&["index", "news"]).status.code(), Some(0));
    assert_eq!(sb.json(&["harbour"]).1.len(), 2);
    let (_, hits) = sb.json(&["harbour", "--since", "2000"]);
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0]["headline"], "Busy harbour");
}

#[test]
fn boilerplate_is_not_indexed() {
    let sb = Sandbox::new();
    sb.index_corpus();
    let (_, hits) = sb.json(&["exit mobile version"]);
    assert!(!hits.iter().any(is_seed), "boilerplate matched: {hits:?}");
    let (_, hits) = sb.json(&["leave reply"]);
    assert!(!hits.iter().any(is_seed));
}

#[test]
fn indexing_twice_does_not_duplicate() {
    let sb = Sandbox::new();
    sb.index_corpus();
    sb.index_corpus();
    let (_, hits) = sb.json(&["DeepSeek", "--per-article", "50", "-n", "100"]);
    let seed_hits: Vec<&Value> = hits.iter().filter(|h| is_seed(h)).collect();
    let mut lines: Vec<u64> = seed_hits
        .iter()
        .map(|h| h["line"].as_u64().expect("line"))
        .collect();
    let count = lines.len();
    lines.dedup();
    assert_eq!(lines.len(), count, "a passage appears twice");
    let (_, hits) = sb.json(&["DeepSeek"]);
    assert_eq!(hits.iter().filter(|h| is_seed(h)).count(), 1);
}

#[test]
fn options_before_or_after_the_query() {
    let sb = Sandbox::new();
    sb.index_corpus();
    let before = stdout(&sb.run(&["--json", "-n", "3", "export controls"]));
    let after = stdout(&sb.run(&["export controls", "--json", "-n", "3"]));
    let explicit = stdout(&sb.run(&["search", "export controls", "--json", "-n", "3"]));
    assert!(!before.is_empty());
    assert_eq!(before, after);
    assert_eq!(before, explicit);
    assert_eq!(before.lines().count(), 3);
}

#[test]
fn index_from_environment_variable() {
    let sb = Sandbox::new();
    sb.index_corpus();
    let out = Command::new(env!("CARGO_BIN_EXE_news-search"))
        .env("NEWS_SEARCH_INDEX", sb.index_path())
        .args(["--json", "DeepSeek"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn exit_status_one_when_nothing_matches() {
    let sb = Sandbox::new();
    sb.index_corpus();
    let out = sb.run(&["xylophonist"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).is_empty());
}

#[test]
fn errors_exit_two_with_a_message() {
    let sb = Sandbox::new();
    let missing = sb.run(&["export"]);
    assert_eq!(missing.status.code(), Some(2));
    let message = stderr(&missing);
    assert!(
        message.contains(&sb.index_path().display().to_string()),
        "{message}"
    );
    assert!(message.contains("index"), "{message}");

    sb.index_corpus();
    for (args, needle) in [
        (vec!["export", "--since", "2025-13"], "2025-13"),
        (vec!["export", "--until", "yesterdayish"], "yesterdayish"),
        (
            vec!["export", "--since", "2025-06", "--until", "2025-05"],
            "after",
        ),
    ] {
        let out = sb.run(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(needle), "{args:?}: {}", stderr(&out));
        assert!(!stderr(&out).contains("panicked"));
    }
}

#[test]
fn malformed_syntax_and_unknown_fields_read_as_words() {
    let sb = Sandbox::new();
    sb.index_corpus();
    let plain = stdout(&sb.run(&["--json", "-n", "100", "export"]));
    assert!(!plain.is_empty());
    for query in ["(export", "export\"", "export)", "- export", "\"export"] {
        let out = sb.run(&["--json", "-n", "100", query]);
        assert_eq!(out.status.code(), Some(0), "{query}: {}", stderr(&out));
        assert_eq!(stdout(&out), plain, "{query}");
    }
    // An unknown field's name is a word like any other.
    let words = stdout(&sb.run(&["--json", "-n", "100", "chip export"]));
    assert!(!words.is_empty());
    let field = sb.run(&["--json", "-n", "100", "chip:export"]);
    assert_eq!(field.status.code(), Some(0), "{}", stderr(&field));
    assert_eq!(stdout(&field), words);
    let stop = sb.run(&["the"]);
    assert_eq!(stop.status.code(), Some(1), "{}", stderr(&stop));
    assert!(
        stderr(&stop).contains("no searchable words"),
        "{}",
        stderr(&stop)
    );
    let long = format!("the {}", "of ".repeat(100));
    let message = stderr(&sb.run(&[&long]));
    assert!(message.len() < 200, "the query is quoted whole: {message}");
}

#[test]
fn words_flag_reads_operators_as_words() {
    let sb = Sandbox::new();
    sb.index_corpus();
    let syntax = stdout(&sb.run(&["--json", "-n", "100", "export -controls"]));
    let words = stdout(&sb.run(&["--json", "-n", "100", "-F", "export -controls"]));
    let plain = stdout(&sb.run(&["--json", "-n", "100", "export controls"]));
    assert_eq!(words, plain);
    assert_ne!(syntax, plain);
}

#[test]
fn unreadable_and_odd_files_are_reported_and_the_rest_indexed() {
    let sb = Sandbox::new();
    sb.write(
        "news/good.txt",
        b"Good news\n\nThe bridge reopened on Friday.\n",
    );
    sb.write("news/empty.txt", b"");
    sb.write("news/binary.txt", b"\x00\x01\x02PK\x00garbage");
    sb.write("news/latin1.txt", b"Prices\n\nThe cost rose to \xA35m.\n");
    sb.write("news/notes.pdf", b"%PDF-1.4");
    #[cfg(unix)]
    std::os::unix::fs::symlink(
        sb.dir.path().join("nowhere.txt"),
        sb.dir.path().join("news/broken.txt"),
    )
    .expect("symlink");
    let out = sb.run(&["index", "news", "missing-folder"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("missing-folder"), "{err}");
    #[cfg(unix)]
    assert!(err.contains("broken.txt"), "{err}");
    assert!(
        err.contains("latin1.txt") && err.contains("windows-1252"),
        "{err}"
    );
    assert!(err.contains("indexed 2 articles"), "{err}");
    assert!(
        err.contains("empty file") && err.contains("binary file"),
        "{err}"
    );
    let (code, hits) = sb.json(&["bridge"]);
    assert_eq!(code, Some(0));
    assert_eq!(hits.len(), 1);
    let (_, hits) = sb.json(&["cost"]);
    assert!(
        hits[0]["snippet"]
            .as_str()
            .expect("snippet")
            .contains("£5m")
    );
}

#[test]
fn no_colour_when_piped_and_colour_when_asked() {
    let sb = Sandbox::new();
    sb.index_corpus();
    let plain = stdout(&sb.run(&["export controls"]));
    assert!(!plain.contains('\u{1b}'));
    assert!(plain.contains("000_97a10b66897f57d7.txt:"));
    let coloured = stdout(&sb.run(&["--color", "always", "export controls"]));
    assert!(coloured.contains("\u{1b}["));
}

#[test]
fn arbitrary_bytes_never_panic() {
    let sb = Sandbox::new();
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    for i in 0..30 {
        let len = (i * 37) % 900 + 1;
        let bytes: Vec<u8> = (0..len)
            .map(|_| {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                // Mostly printable, with newlines and high bytes.
                match seed % 10 {
                    0 => b'\n',
                    1 => 0x80 + (seed >> 8) as u8 % 0x7f,
                    _ => b' ' + (seed >> 16) as u8 % 95,
                }
            })
            .collect();
        sb.write(&format!("fuzz/{i}.txt"), &bytes);
    }
    let out = sb.run(&["index", "fuzz"]);
    assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    for query in ["a", "\"x y\"", "-a b", "headline:q", "é", "a AND (b OR c)"] {
        let out = sb.run(&[query]);
        assert!(
            !stderr(&out).contains("panicked"),
            "{query}: {}",
            stderr(&out)
        );
    }
}

#[test]
fn phrase_query_highlights_the_phrase_not_stray_words() {
    let sb = Sandbox::new();
    sb.index_corpus();
    let (code, hits) = sb.json(&["\"export controls\"", "-n", "20"]);
    assert_eq!(code, Some(0));
    assert!(hits.len() >= 3);
    for hit in &hits {
        let marked = highlighted(hit);
        assert!(!marked.is_empty(), "no highlight in {hit}");
        for span in marked {
            let words: Vec<String> = span
                .to_lowercase()
                .split_whitespace()
                .map(str::to_string)
                .collect();
            assert_eq!(words.len(), 2, "stray highlight {span:?}");
            assert!(
                words[0].starts_with("export") && words[1].starts_with("control"),
                "{span:?}"
            );
        }
    }
}

#[test]
fn typographic_quotes_mark_a_phrase_as_typed_quotes_do() {
    let sb = Sandbox::new();
    sb.write(
        "news/a.txt",
        b"Rates\n\nThe bank raised interest rates again on Tuesday.\n",
    );
    sb.write(
        "news/b.txt",
        b"Loans\n\nRates of interest on loans fell, and rates of savings too.\n",
    );
    sb.index(&["news"]);
    let headlines = |query: &str| -> Vec<String> {
        let (_, hits) = sb.json(&[query]);
        hits.iter().map(|h| h["headline"].to_string()).collect()
    };
    assert_eq!(headlines("interest rates").len(), 2);
    let typed = headlines("\"interest rates\"");
    assert_eq!(typed, ["\"Rates\""]);
    for pasted in ["“interest rates”", "„interest rates“", "«interest rates»"] {
        assert_eq!(headlines(pasted), typed, "{pasted}");
    }
}

#[test]
fn excluded_terms_are_never_highlighted() {
    let sb = Sandbox::new();
    sb.write(
        "news/a.txt",
        b"Chips\n\nExport rules for chips changed. Officials in China objected.\n",
    );
    sb.write(
        "news/b.txt",
        b"Grain\n\nExport rules for grain changed in spring.\n",
    );
    sb.index(&["news"]);
    let (_, hits) = sb.json(&["export -china"]);
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0]["headline"], "Grain");
    let (_, hits) = sb.json(&["export -grain"]);
    assert_eq!(hits.len(), 1);
    for span in highlighted(&hits[0]) {
        assert!(!span.to_lowercase().contains("grain"), "{span}");
    }
}

#[test]
fn a_headline_match_still_gets_a_highlighted_snippet() {
    let sb = Sandbox::new();
    sb.write(
        "news/a.txt",
        b"Harbour strike ends\n\nWorkers returned on Monday after long talks with the port.\n",
    );
    sb.index(&["news"]);
    let (code, hits) = sb.json(&["harbour"]);
    assert_eq!(code, Some(0));
    let marked = highlighted(&hits[0]);
    assert_eq!(marked, vec!["Harbour"], "{}", hits[0]);
    assert!(
        hits[0]["snippet"]
            .as_str()
            .expect("snippet")
            .contains("Workers returned")
    );
}

#[test]
fn a_pasted_sentence_returns_ranked_results() {
    let sb = Sandbox::new();
    sb.index_corpus();
    let sentence = "Washington widened the rules on which advanced chips and chipmaking machines can be shipped abroad";
    let (code, hits) = sb.json(&[sentence]);
    assert_eq!(code, Some(0));
    assert!(hits.len() >= 3, "{} hits", hits.len());
    let scores: Vec<f64> = hits
        .iter()
        .map(|h| h["score"].as_f64().expect("score"))
        .collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    assert!(
        hits[0]["path"].as_str().expect("path").contains("export"),
        "{}",
        hits[0]["path"]
    );
}

#[test]
fn explain_gives_score_parts_that_add_up() {
    let sb = Sandbox::new();
    sb.index_corpus();
    let out = sb.run(&["--json", "--explain", "export controls", "-n", "3"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let lines: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("json"))
        .collect();
    let hits: Vec<&Value> = lines
        .iter()
        .filter(|l| l.get("snippet").is_some())
        .collect();
    assert_eq!(hits.len(), 3);
    for hit in hits {
        let parts = &hit["explain"];
        let number = |key: &str| parts[key].as_f64().expect(key);
        let total = number("bm25")
            + number("headline_weight") * number("headline")
            + number("proximity_weight") * number("proximity")
            + number("feedback_weight") * number("feedback");
        assert!((total - hit["score"].as_f64().expect("score")).abs() < 1e-3);
        assert!(number("bm25") > 0.0 && number("passage") > 0.0, "{parts}");
    }
    // Two words side by side in a passage earn a proximity score.
    assert!(
        lines
            .iter()
            .any(|l| l["explain"]["proximity"].as_f64().unwrap_or(0.0) > 0.0)
    );
}

/// An article whose two paragraphs (two passages) each hold one of the query's words, and one
/// that holds only one of them.
fn split_words_corpus() -> Sandbox {
    let sb = Sandbox::new();
    let filler = "The council met for three hours and heard from residents, engineers and the \
                  harbour authority before adjourning without a vote on the wider budget. ";
    sb.write(
        "news/split.txt",
        format!(
            "Harbour plans revisited\n\n2 March 2025\n\n{filler}A zeppelin hangar on the old \
             airfield would be restored first, officials said. {filler}\n\n{filler}The local \
             marmalade cooperative asked for a stall at the new market hall. {filler}\n"
        )
        .as_bytes(),
    );
    sb.write(
        "news/one.txt",
        format!(
            "Airfield open day\n\n9 April 2025\n\n{filler}Crowds came to see a zeppelin \
             replica. {filler}\n"
        )
        .as_bytes(),
    );
    let news = sb.write("news/.keep", b"");
    std::fs::remove_file(&news).expect("remove placeholder");
    sb.index(&["--quiet", "news"]);
    sb
}

#[test]
fn all_words_must_be_in_the_article_not_in_one_passage() {
    let sb = split_words_corpus();
    // The premise: the two words sit in different passages of split.txt.
    let (_, both) = sb.json(&["--per-article", "5", "zeppelin OR marmalade"]);
    let split: Vec<&Value> = both
        .iter()
        .filter(|h| h["path"].as_str().is_some_and(|p| p.ends_with("split.txt")))
        .collect();
    assert_eq!(split.len(), 2, "{both:?}");

    let (code, hits) = sb.json(&["zeppelin marmalade"]);
    assert_eq!(code, Some(0));
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert!(
        hits[0]["path"]
            .as_str()
            .expect("path")
            .ends_with("split.txt")
    );
    assert!(!highlighted(&hits[0]).is_empty(), "{:?}", hits[0]);

    // Date order and the timeline count the same article.
    let (_, newest) = sb.json(&["--sort", "newest", "zeppelin marmalade"]);
    assert_eq!(newest.len(), 1, "{newest:?}");
    assert!(!highlighted(&newest[0]).is_empty());
    let (_, rows) = sb.json(&["--timeline", "--by", "month", "zeppelin marmalade"]);
    let counts: Vec<u64> = rows
        .iter()
        .map(|r| r["count"].as_u64().expect("count"))
        .collect();
    assert_eq!(counts, vec![1], "{rows:?}");
}

#[test]
fn three_words_need_two_of_them() {
    let sb = split_words_corpus();
    // split.txt lacks `replica`, one.txt lacks `marmalade`: each holds two of the three words.
    let (code, hits) = sb.json(&["zeppelin marmalade replica"]);
    assert_eq!(code, Some(0));
    let mut paths: Vec<&str> = hits
        .iter()
        .map(|h| h["path"].as_str().expect("path"))
        .collect();
    paths.sort_unstable();
    assert_eq!(paths.len(), 2, "{hits:?}");
    assert!(paths[0].ends_with("one.txt") && paths[1].ends_with("split.txt"));
    // Two words stay all-words: no article holds both `marmalade` and `replica`.
    let (code, hits) = sb.json(&["marmalade replica"]);
    assert_eq!((code, hits.len()), (Some(1), 0), "{hits:?}");
}

/// Articles that write names with accents and possessives, and one that writes them plainly.
fn accents_corpus() -> Sandbox {
    let sb = Sandbox::new();
    let articles = [
        (
            "zurich.txt",
            "Bankers meet in Zürich\n\n3 June 2025\n\nThe meeting in Zürich drew bankers from \
             twelve countries, who spent the day at a café by the lake.\n",
        ),
        (
            "ankara.txt",
            "Erdoğan names a minister\n\n4 June 2025\n\nPresident Erdoğan named Ayşe Müller's \
             deputy to the trade ministry on Wednesday.\n",
        ),
        (
            "plain.txt",
            "Talks go on\n\n5 June 2025\n\nTrump's envoy and Mr Muller met in Zurich again, \
             the envoy's office said. They didn't agree.\n",
        ),
    ];
    for (name, text) in articles {
        sb.write(&format!("news/{name}"), text.as_bytes());
    }
    sb.index(&["--quiet", "news"]);
    sb
}

/// The file names of a search's hits, sorted.
fn hit_files(sb: &Sandbox, query: &str) -> Vec<String> {
    let (_, hits) = sb.json(&["-n", "50", "--", query]);
    let mut files: Vec<String> = hits
        .iter()
        .filter_map(|h| h["path"].as_str())
        .map(|p| p.rsplit('/').next().unwrap_or(p).to_string())
        .collect();
    files.sort();
    files
}

#[test]
fn accents_fold_both_ways_end_to_end() {
    let sb = accents_corpus();
    assert_eq!(hit_files(&sb, "zurich"), ["plain.txt", "zurich.txt"]);
    assert_eq!(hit_files(&sb, "Zürich"), ["plain.txt", "zurich.txt"]);
    assert_eq!(hit_files(&sb, "erdogan"), ["ankara.txt"]);
    assert_eq!(hit_files(&sb, "muller"), ["ankara.txt", "plain.txt"]);
    assert_eq!(hit_files(&sb, "cafe"), ["zurich.txt"]);
    assert_eq!(hit_files(&sb, "\"erdogan named\""), ["ankara.txt"]);
    // The original spelling is what is highlighted.
    let (_, hits) = sb.json(&["erdogan"]);
    assert!(
        highlighted(&hits[0]).contains(&"Erdoğan".to_string()),
        "{hits:?}"
    );
}

#[test]
fn possessives_and_apostrophes_are_one_word_end_to_end() {
    let sb = accents_corpus();
    assert_eq!(hit_files(&sb, "trump"), ["plain.txt"]);
    assert_eq!(hit_files(&sb, "Trump's"), ["plain.txt"]);
    assert_eq!(hit_files(&sb, "Trump’s envoy"), ["plain.txt"]);
    // No stray `s` term: a query for `s` alone finds nothing, as it would in plain words.
    let out = sb.run(&["--count", "s"]);
    assert_eq!(stdout(&out).trim(), "0", "{}", stderr(&out));
    // A contraction stays one word: `didn't` finds it, and no stray `t` is indexed.
    assert_eq!(hit_files(&sb, "didn't"), ["plain.txt"]);
    let out = sb.run(&["--count", "t"]);
    assert_eq!(stdout(&out).trim(), "0");
    let (_, hits) = sb.json(&["trump"]);
    assert!(
        highlighted(&hits[0]).contains(&"Trump's".to_string()),
        "{hits:?}"
    );
}
