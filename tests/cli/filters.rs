//! Filters: `source:`, `author:`, `path:` in the query and as `--source/--author/--path`, and
//! `stats` listing the sources.

use super::{Sandbox, stderr, stdout};

/// A JSON Lines export of four articles from two sources by three authors, and a text file in
/// another folder.
fn corpus(sb: &Sandbox) {
    let rows = [
        ("Reuters", "Ana Ruiz", "Port strike halts grain exports"),
        (
            "Reuters",
            "Ben Okafor",
            "Grain prices climb as port strike drags on",
        ),
        (
            "BBC News",
            "Ana Ruiz",
            "Farmers count the cost of the grain strike",
        ),
        (
            "BBC News",
            "Chloé Martin",
            "Rail strike ends after pay deal",
        ),
    ];
    let lines: Vec<String> = rows
        .iter()
        .enumerate()
        .map(|(i, (source, author, title))| {
            serde_json::json!({
                "title": title,
                "source": source,
                "author": author,
                "date": format!("2025-03-0{}", i + 1),
                "text": format!("{title}. The strike entered its {} day as talks resumed.", i + 2),
            })
            .to_string()
        })
        .collect();
    sb.write("wire/2025/export.jsonl", lines.join("\n").as_bytes());
    sb.write(
        "local/strike.txt",
        b"Bus strike called off\n\nMarch 9, 2025\n\nThe strike by bus drivers was called off.\n",
    );
    sb.index(&["wire", "local"]);
}

/// The headlines a search returns, sorted.
fn headlines(sb: &Sandbox, args: &[&str]) -> Vec<String> {
    let (code, hits) = sb.json(args);
    assert!(matches!(code, Some(0) | Some(1)), "{args:?}");
    let mut titles: Vec<String> = hits
        .iter()
        .map(|h| h["headline"].as_str().unwrap_or_default().to_string())
        .collect();
    titles.sort();
    titles
}

#[test]
fn source_author_and_path_filter_in_the_query_and_as_flags() {
    let sb = Sandbox::new();
    corpus(&sb);
    let reuters = vec![
        "Grain prices climb as port strike drags on".to_string(),
        "Port strike halts grain exports".to_string(),
    ];
    assert_eq!(headlines(&sb, &["strike source:reuters"]), reuters);
    assert_eq!(headlines(&sb, &["strike", "--source", "Reuters"]), reuters);
    // Any word of the name, accents folded; several values are alternatives.
    assert_eq!(headlines(&sb, &["strike source:bbc"]).len(), 2);
    assert_eq!(
        headlines(&sb, &["strike author:chloe"]),
        ["Rail strike ends after pay deal"]
    );
    assert_eq!(
        headlines(&sb, &["strike", "--author", "ana ruiz"]),
        [
            "Farmers count the cost of the grain strike",
            "Port strike halts grain exports"
        ]
    );
    assert_eq!(
        headlines(&sb, &["strike", "--source", "reuters", "--source", "bbc"]).len(),
        4
    );
    assert_eq!(headlines(&sb, &["strike -source:reuters"]).len(), 3);
    // A folder, relative to the current folder or to an indexed one, or absolute.
    assert_eq!(
        headlines(&sb, &["strike path:local"]),
        ["Bus strike called off"]
    );
    assert_eq!(headlines(&sb, &["strike", "--path", "wire/2025"]).len(), 4);
    let absolute = sb.dir.path().join("local");
    let absolute = absolute.to_str().expect("utf8");
    assert_eq!(headlines(&sb, &["strike", "--path", absolute]).len(), 1);
    assert_eq!(
        headlines(&sb, &["strike path:2025"]).len(),
        4,
        "under the indexed `wire`"
    );
    assert_eq!(headlines(&sb, &["strike path:elsewhere"]).len(), 0);
    // A filter alone lists its articles, newest first.
    let (_, hits) = sb.json(&["source:reuters"]);
    let dates: Vec<&str> = hits.iter().filter_map(|h| h["date"].as_str()).collect();
    assert_eq!(dates, ["2025-03-02", "2025-03-01"]);
    let count = sb.run(&["--count", "--source", "bbc"]);
    assert_eq!(stdout(&count).trim(), "2", "{}", stderr(&count));
}

#[test]
fn a_folder_takes_in_the_files_below_it_and_no_folder_whose_name_it_starts() {
    let sb = Sandbox::new();
    for (file, title) in [
        ("news/a/one.txt", "Harbour strike one"),
        ("news/a/deep/two.txt", "Harbour strike two"),
        ("news/ab/three.txt", "Harbour strike three"),
        ("news/a b/four.txt", "Harbour strike four"),
        ("news/a.txt", "Harbour strike five"),
    ] {
        let text = format!("{title}\n\nMarch 9, 2025\n\nThe harbour strike went on: {title}.\n");
        sb.write(file, text.as_bytes());
    }
    sb.index(&["news"]);
    let strike = |filter: &str| headlines(&sb, &["harbour", "strike", filter]);
    assert_eq!(
        strike("path:news/a"),
        ["Harbour strike one", "Harbour strike two"]
    );
    assert_eq!(
        strike("path:news/a/"),
        ["Harbour strike one", "Harbour strike two"]
    );
    assert_eq!(strike("path:news/ab"), ["Harbour strike three"]);
    assert_eq!(strike("path:news/a/deep/two.txt"), ["Harbour strike two"]);
    assert_eq!(strike("path:news/a.txt"), ["Harbour strike five"]);
    assert_eq!(strike("path:news").len(), 5);
    assert_eq!(strike("-path:news/a").len(), 3);
    assert_eq!(strike("path:news/a/on").len(), 0, "a name, not a prefix");
}

#[test]
fn stats_lists_sources_with_counts() {
    let sb = Sandbox::new();
    corpus(&sb);
    let out = stdout(&sb.run(&["stats"]));
    assert!(
        out.contains("sources:\n  2  BBC News\n  2  Reuters\n"),
        "{out}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&sb.run(&["stats", "--json"]))).expect("json");
    assert_eq!(json["sources"][0]["name"], "BBC News");
    assert_eq!(json["sources"][0]["articles"], 2);
}
