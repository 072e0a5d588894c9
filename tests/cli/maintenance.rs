//! An index that looks after itself: resuming an interrupted first run, forgetting folders,
//! folders that vanish, an index kept inside the folder it indexes, summaries that add up.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::{Sandbox, stderr, stdout};

/// Live articles, as `stats --json` counts them.
fn articles(sb: &Sandbox) -> u64 {
    let out = sb.run(&["stats", "--json"]);
    serde_json::from_str::<serde_json::Value>(&stdout(&out))
        .ok()
        .and_then(|v| v["articles"].as_u64())
        .unwrap_or(0)
}

#[test]
fn index_with_no_folder_finishes_an_interrupted_first_run() {
    let sb = Sandbox::new();
    const FILES: usize = 6000;
    for i in 0..FILES {
        let text =
            format!("Report {i}\n\nMarch 3, 2025\n\nThe harbour report number {i} was filed.\n");
        sb.write(&format!("news/{:02}/{i:05}.txt", i % 50), text.as_bytes());
    }
    let child = sb
        .cmd()
        .args(["index", "news", "--commit-every", "0"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    // Interrupt as Ctrl-C would, once a first commit holds some articles.
    let start = Instant::now();
    while articles(&sb) == 0 && start.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_millis(20));
    }
    let killed = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(killed.success());
    let out = child.wait_with_output().expect("wait");
    let message = stderr(&out);
    assert_eq!(out.status.code(), Some(130), "not interrupted: {message}");
    assert!(
        message.contains("run `news-search index` again to finish"),
        "{message}"
    );
    let partial = articles(&sb);
    assert!(
        partial > 0 && partial < FILES as u64,
        "{partial} articles after the interrupt"
    );

    let summary = sb.index(&[]);
    assert!(
        summary.contains(&format!("of {} files", "6,000")),
        "{summary}"
    );
    assert_eq!(articles(&sb), FILES as u64);
    let (_, hits) = sb.json(&["-n", "10000", "harbour"]);
    assert_eq!(hits.len(), FILES);
}

#[test]
fn forget_removes_a_folder_and_its_articles_and_only_on_request() {
    let sb = Sandbox::new();
    sb.write("a/one.txt", b"Flood warning\n\nThe river rose overnight.\n");
    sb.write("b/two.txt", b"Flood defences\n\nThe flood wall held.\n");
    sb.index(&["a", "b"]);
    assert_eq!(sb.json(&["flood"]).1.len(), 2);

    // A vanished folder is reported; its articles stay until --forget.
    std::fs::remove_dir_all(sb.dir.path().join("b")).expect("rm");
    let out = sb.run(&["index"]);
    let message = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{message}");
    assert!(
        message.contains("is gone; its 1 article stays"),
        "{message}"
    );
    assert!(message.contains("--forget"), "{message}");
    assert_eq!(sb.json(&["flood"]).1.len(), 2);
    let stats = stdout(&sb.run(&["stats"]));
    assert!(stats.contains("1 article (gone"), "{stats}");
    // Named explicitly, a missing folder is an error (a typo), and nothing is lost.
    let named = sb.run(&["index", "b"]);
    assert_eq!(named.status.code(), Some(2));
    assert_eq!(sb.json(&["flood"]).1.len(), 2);

    let unknown = sb.run(&["index", "--forget", "c"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(
        stderr(&unknown).contains("not an indexed folder"),
        "{}",
        stderr(&unknown)
    );

    let forgot = sb.run(&["index", "--forget", "b"]);
    assert_eq!(forgot.status.code(), Some(0), "{}", stderr(&forgot));
    assert!(
        stderr(&forgot).contains("removed 1 file (1 article)"),
        "{}",
        stderr(&forgot)
    );
    let (_, hits) = sb.json(&["flood"]);
    assert_eq!(hits.len(), 1);
    assert!(
        hits[0]["path"]
            .as_str()
            .is_some_and(|p| p.starts_with("a/"))
    );
    assert!(!stdout(&sb.run(&["stats"])).contains("/b"));
    // Forgotten, it is not synced again.
    let again = sb.run(&["index"]);
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    assert!(!stderr(&again).contains("is gone"));

    let forgot_all = sb.run(&["index", "--forget", "a"]);
    assert_eq!(forgot_all.status.code(), Some(0));
    assert_eq!(sb.run(&["flood"]).status.code(), Some(1));
}

#[test]
fn an_index_inside_its_corpus_does_not_index_itself() {
    let sb = Sandbox::new();
    sb.write(
        "news/one.txt",
        b"Port reopens\n\nThe port reopened on Monday.\n",
    );
    let index = sb.dir.path().join("news/search-index");
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_news-search"))
            .current_dir(sb.dir.path())
            .env_remove("NEWS_SEARCH_INDEX")
            .arg("--index")
            .arg(&index)
            .args(args)
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        stderr(&out)
    };
    let first = run(&["index", "news"]);
    assert!(
        first.contains("indexed 1 article (1 passage) from 1 of 1 file"),
        "{first}"
    );
    let second = run(&["index", "news"]);
    assert!(
        second.contains("nothing changed: 1 of 1 file unchanged"),
        "{second}"
    );
}
