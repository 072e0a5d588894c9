//! Growing archives: incremental runs, removed and moved files, copies, locking, versions, stats.

use std::fs;

use news_search::index::{IndexSink, create_or_open};
use serde_json::Value;

use super::{Sandbox, stderr, stdout};

/// A plain-text article of about 80 words on `topic`, with a distinctive `marker` word.
fn story(topic: &str, marker: &str) -> String {
    let sentences: Vec<String> = (1..=8)
        .map(|i| {
            format!("Report {i} on the {topic} says the {marker} committee met again on day {i}.")
        })
        .collect();
    format!(
        "{topic} update\n\n2024-03-0{}\n\n{}\n",
        topic.len() % 9 + 1,
        sentences.join(" ")
    )
}

fn paths(hits: &[Value]) -> Vec<String> {
    hits.iter()
        .map(|h| h["path"].as_str().expect("path").to_string())
        .collect()
}

#[test]
fn a_first_run_deletes_no_document() {
    // A deleted document counts in tantivy's statistics until its segment is merged, and the
    // merge estimates token counts: a first run must leave none, or a fresh index's scores
    // depend on how its documents fell into segments.
    let sb = Sandbox::new();
    for i in 0..6 {
        let text = story(&format!("harbour{i}"), &format!("marker{i}"));
        sb.write(&format!("news/{i}.txt"), text.as_bytes());
    }
    sb.index(&["news"]);
    let deletes: Vec<String> = index_files(&sb)
        .into_iter()
        .filter(|name| name.ends_with(".del"))
        .collect();
    assert!(deletes.is_empty(), "{deletes:?}");
}

#[test]
fn rerun_without_changes_reads_nothing() {
    let sb = Sandbox::new();
    sb.write("news/a.txt", story("harbour", "alpha").as_bytes());
    sb.write("news/b.txt", story("railway", "beta").as_bytes());
    assert!(sb.index(&["news"]).contains("indexed 2 articles"));
    assert!(
        sb.index(&["news"])
            .contains("nothing changed: 2 of 2 files unchanged")
    );
    // With no PATH, every folder indexed before is synced again.
    assert!(
        sb.index(&[])
            .contains("nothing changed: 2 of 2 files unchanged")
    );
}

/// The names of the files in the index folder, sorted.
fn index_files(sb: &Sandbox) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(sb.index_path())
        .expect("index folder")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The names of the segment files of an index (no `meta.json`, no lock files).
fn segment_files(sb: &Sandbox) -> Vec<String> {
    index_files(sb)
        .into_iter()
        .filter(|name| !name.ends_with(".json") && !name.ends_with(".lock"))
        .collect()
}

#[test]
fn rerun_without_changes_adds_no_segment_and_keeps_the_folder() {
    // A segment of one bookkeeping document made every search open one more segment.
    let sb = Sandbox::new();
    sb.write("news/a.txt", story("harbour", "alpha").as_bytes());
    sb.index(&["news"]);
    let before = segment_files(&sb);
    sb.index(&["news"]);
    sb.index(&[]);
    assert_eq!(segment_files(&sb), before);
    let out = sb.run(&["stats", "--json"]);
    let stats: Value = serde_json::from_str(stdout(&out).trim()).expect("json");
    assert_eq!(
        stats["folders"].as_array().map(Vec::len),
        Some(1),
        "{stats}"
    );
    assert!(stats["last_update"].is_string(), "{stats}");
    assert_eq!(sb.json(&["alpha"]).1.len(), 1);
}

#[test]
fn roots_recorded_as_documents_by_an_earlier_version_move_to_the_payload() {
    use tantivy::{IndexWriter, TantivyDocument};

    let sb = Sandbox::new();
    let article = sb.write("news/a.txt", story("harbour", "alpha").as_bytes());
    sb.index(&["news"]);
    let root = fs::canonicalize(article.parent().expect("folder")).expect("absolute folder");
    let root = root.to_str().expect("utf8 path").to_string();
    // What versions before wrote: a root document, and the payload as a list of roots.
    {
        let index = create_or_open(&sb.index_path()).expect("index");
        let mut writer: IndexWriter = index.index.writer(15_000_000).expect("writer");
        let mut doc = TantivyDocument::default();
        doc.add_text(index.fields.kind, "root");
        doc.add_text(index.fields.root, &root);
        doc.add_u64(index.fields.mtime, 1_700_000_000);
        writer.add_document(doc).expect("add");
        let mut commit = writer.prepare_commit().expect("prepare");
        commit.set_payload(&serde_json::json!({ "roots": [&root] }).to_string());
        commit.commit().expect("commit");
    }
    let stats = |sb: &Sandbox| -> Value {
        let out = sb.run(&["stats", "--json"]);
        serde_json::from_str(stdout(&out).trim()).expect("json")
    };
    let old = stats(&sb);
    assert!(
        old["last_update"]
            .as_str()
            .is_some_and(|t| t.starts_with("2023-11-14")),
        "{old}"
    );
    let summary = sb.index(&[]);
    assert!(
        summary.contains("nothing changed: 1 of 1 file unchanged"),
        "{summary}"
    );
    // The root document is deleted: one article and its file's document are left.
    let index = create_or_open(&sb.index_path()).expect("index");
    let searcher = index.searcher().expect("searcher");
    let live: u32 = searcher
        .segment_readers()
        .iter()
        .map(|segment| segment.num_docs())
        .sum();
    assert_eq!(live, 2);
    let new = stats(&sb);
    assert_eq!(new["folders"][0]["path"], root.as_str(), "{new}");
    assert!(
        new["last_update"]
            .as_str()
            .is_some_and(|t| !t.starts_with("2023")),
        "{new}"
    );
}

#[test]
fn edited_file_alone_is_reindexed_with_its_new_text() {
    let sb = Sandbox::new();
    sb.write("news/a.txt", story("harbour", "alpha").as_bytes());
    sb.write("news/b.txt", story("railway", "beta").as_bytes());
    sb.index(&["news"]);
    sb.write("news/a.txt", story("harbour", "gamma").as_bytes());
    let summary = sb.index(&["news"]);
    assert!(
        summary.contains("from 1 of 2 files (1 changed)"),
        "{summary}"
    );
    assert!(summary.contains("; 1 unchanged"), "{summary}");
    assert_eq!(sb.json(&["gamma"]).1.len(), 1);
    assert_eq!(sb.json(&["alpha"]).0, Some(1), "old text still found");
}

#[test]
fn deleted_file_loses_its_articles() {
    let sb = Sandbox::new();
    sb.write("news/a.txt", story("harbour", "alpha").as_bytes());
    let b = sb.write("news/b.txt", story("railway", "beta").as_bytes());
    sb.index(&["news"]);
    fs::remove_file(b).expect("remove");
    let summary = sb.index(&["news"]);
    assert!(
        summary.contains("removed 1 vanished file (1 article)"),
        "{summary}"
    );
    assert_eq!(sb.json(&["beta"]).0, Some(1));
    assert_eq!(sb.json(&["alpha"]).1.len(), 1);
}

#[test]
fn moved_file_is_not_duplicated() {
    let sb = Sandbox::new();
    let a = sb.write("news/a.txt", story("harbour", "alpha").as_bytes());
    sb.index(&["news"]);
    fs::create_dir_all(sb.dir.path().join("news/archive")).expect("mkdir");
    fs::rename(&a, sb.dir.path().join("news/archive/a.txt")).expect("move");
    sb.index(&["news"]);
    let (_, hits) = sb.json(&["alpha", "--all"]);
    assert_eq!(paths(&hits), vec!["news/archive/a.txt"]);
}

#[test]
fn copies_and_near_copies_collapse_with_also_in() {
    let sb = Sandbox::new();
    let text = story("harbour", "alpha");
    sb.write("news/a.txt", text.as_bytes());
    sb.write("news/copy/a.txt", text.replace("  ", " ").as_bytes());
    let edited = text.replacen("met again on day 3", "gathered again on day 3", 1);
    sb.write("news/edited.txt", edited.as_bytes());
    sb.write("news/other.txt", story("railway", "alpha").as_bytes());
    sb.index(&["news"]);

    let (_, hits) = sb.json(&["alpha"]);
    assert_eq!(hits.len(), 2, "{hits:?}");
    let harbour = hits
        .iter()
        .find(|h| h["headline"] == "harbour update")
        .expect("harbour story");
    let mut copies: Vec<String> = harbour["also_in"]
        .as_array()
        .expect("also_in")
        .iter()
        .map(|c| c["path"].as_str().expect("path").to_string())
        .collect();
    copies.sort();
    copies.push(harbour["path"].as_str().expect("path").to_string());
    copies.sort();
    assert_eq!(
        copies,
        vec!["news/a.txt", "news/copy/a.txt", "news/edited.txt"]
    );

    let terminal = stdout(&sb.run(&["alpha"]));
    assert!(terminal.contains("+2 copies"), "{terminal}");
    let (_, all) = sb.json(&["alpha", "--all"]);
    assert_eq!(all.len(), 4);
}

#[test]
fn second_writer_is_refused_and_searches_still_work() {
    let sb = Sandbox::new();
    sb.write("news/a.txt", story("harbour", "alpha").as_bytes());
    sb.index(&["news"]);
    let index = create_or_open(&sb.index_path()).expect("open index");
    let _held = IndexSink::new(&index, 32 * 1024 * 1024).expect("take the writer lock");
    let out = sb.run(&["index", "news"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("another `news-search index` run"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        sb.json(&["alpha"]).0,
        Some(0),
        "search while the index is locked"
    );
}

#[test]
fn incompatible_index_asks_for_rebuild() {
    let sb = Sandbox::new();
    sb.write("news/a.txt", story("harbour", "alpha").as_bytes());
    sb.index(&["news"]);
    fs::write(sb.index_path().join("news-search-format"), "999").expect("write");
    let out = sb.run(&["alpha"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("index --rebuild"), "{}", stderr(&out));
    assert!(
        sb.index(&["--rebuild", "news"])
            .contains("indexed 1 article ")
    );
    assert_eq!(sb.json(&["alpha"]).0, Some(0));
}

#[test]
fn rebuild_starts_over() {
    let sb = Sandbox::new();
    sb.write("news/a.txt", story("harbour", "alpha").as_bytes());
    sb.index(&["news"]);
    let summary = sb.index(&["--rebuild"]);
    assert!(summary.contains("indexed 1 article "), "{summary}");
    assert_eq!(sb.json(&["alpha"]).1.len(), 1);
}

#[test]
fn stats_reports_counts_and_dates() {
    let sb = Sandbox::new();
    sb.write("news/a.txt", story("harbour", "alpha").as_bytes());
    sb.write(
        "news/b.txt",
        story("railway", "beta")
            .replace("2024-03-08", "2024-03-09")
            .as_bytes(),
    );
    sb.write("news/c.txt", b"Undated note\n\nNo date on this one.\n");
    sb.index(&["news"]);
    let out = sb.run(&["stats", "--json"]);
    assert_eq!(out.status.code(), Some(0));
    let stats: Value = serde_json::from_str(stdout(&out).trim()).expect("json");
    assert_eq!(stats["articles"], 3);
    assert_eq!(stats["files"], 3);
    assert_eq!(stats["passages"], 3);
    assert_eq!(stats["first_date"], "2024-03-08");
    assert_eq!(stats["last_date"], "2024-03-09");
    assert!(stats["bytes"].as_u64().expect("bytes") > 0);
}

#[test]
fn small_segments_are_merged_when_a_run_ends() {
    let sb = Sandbox::new();
    let topics = [
        "harbour",
        "railway",
        "orchard",
        "quarry",
        "lighthouse",
        "brewery",
    ];
    for (i, topic) in topics.iter().enumerate() {
        for j in 0..5 {
            sb.write(
                &format!("news/{topic}-{j}.txt"),
                story(topic, &format!("m{i}x{j}")).as_bytes(),
            );
        }
    }
    sb.index(&["news"]);
    let segments = |sb: &Sandbox| {
        let out = sb.run(&["stats", "--json"]);
        let stats: Value = serde_json::from_str(stdout(&out).trim()).expect("json");
        stats["segments"].as_u64().expect("segments")
    };
    // One segment per indexing thread that had work.
    let first = segments(&sb);
    assert!((1..=2).contains(&first), "{first} segments");
    // Each run adds a small segment of its own; from the second small one on, they are merged.
    for marker in ["added0", "added1", "added2", "added3"] {
        sb.write(
            &format!("news/{marker}.txt"),
            story("ferry", marker).as_bytes(),
        );
        sb.index(&["news"]);
        let now = segments(&sb);
        assert!(
            now <= first + 1,
            "{now} segments after {marker}, {first} at first"
        );
    }
    for marker in ["added0", "added3", "m5x4"] {
        assert_eq!(sb.json(&[marker]).1.len(), 1, "{marker}");
    }
    let out = sb.run(&["stats", "--json"]);
    let stats: Value = serde_json::from_str(stdout(&out).trim()).expect("json");
    assert_eq!(stats["articles"], 34);
}

#[test]
fn after_edits_the_scores_are_a_fresh_index_scores() {
    // The bundled articles, three of them edited after a first run: their old versions are
    // deleted documents, which the end of the run merges away. Scores may differ from a fresh
    // index's by the rounding of tantivy's merge, which recounts field lengths from their
    // one-byte norms (README "Reliability").
    let copy = |sb: &Sandbox, edited: bool| {
        for entry in std::fs::read_dir(super::corpus())
            .expect("corpus")
            .flatten()
        {
            let name = entry.file_name().to_string_lossy().into_owned();
            let mut text = std::fs::read_to_string(entry.path()).expect("read");
            if edited && ["001_", "005_", "009_"].iter().any(|p| name.starts_with(p)) {
                text.push_str("\nThe report was updated with new figures on prices and exports.\n");
            }
            sb.write(&format!("news/{name}"), text.as_bytes());
        }
    };
    let updated = Sandbox::new();
    copy(&updated, false);
    updated.index(&["news"]);
    copy(&updated, true);
    updated.index(&["news"]);
    let fresh = Sandbox::new();
    copy(&fresh, true);
    fresh.index(&["news"]);
    let ranked = |sb: &Sandbox, query: &str| -> Vec<(String, f64)> {
        sb.json(&["-n", "20", query])
            .1
            .iter()
            .map(|h| {
                let path = h["path"].as_str().unwrap_or_default().to_string();
                (path, h["score"].as_f64().unwrap_or_default())
            })
            .collect()
    };
    for query in [
        "export controls",
        "prices",
        "oil prices supply",
        "new figures",
        "flood",
    ] {
        // By path: articles with equal scores may come in either order (how documents fall
        // into segments depends on the indexing threads' timing).
        let (mut a, mut b) = (ranked(&updated, query), ranked(&fresh, query));
        a.sort_by(|x, y| x.0.cmp(&y.0));
        b.sort_by(|x, y| x.0.cmp(&y.0));
        let paths = |r: &[(String, f64)]| r.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>();
        assert_eq!(paths(&a), paths(&b), "{query}");
        for ((path, x), (_, y)) in a.iter().zip(&b) {
            assert!(
                (x - y).abs() <= 0.02 * y.abs().max(0.1),
                "{query}, {path}: {x} against {y}"
            );
        }
    }
}
