//! Checks on the real collections in `../shared/corpora` (never copied into the project).
//!
//! Ignored by default (a fresh clone has no `../shared`); `scripts/check-corpora` runs them with
//! `cargo test --release -- --ignored`. Each test returns early, passing, when the folder is
//! missing, and says so.

use std::path::PathBuf;
use std::process::{Child, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

use serde_json::Value;

use super::{Sandbox, stderr, stdout};

/// A folder under `../shared/corpora`, if present.
fn shared_corpus(name: &str) -> Option<PathBuf> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpora")
        .join(name);
    if path.is_dir() {
        Some(path)
    } else {
        eprintln!("skipped: {} not found", path.display());
        None
    }
}

fn stats(sb: &Sandbox) -> Value {
    let out = sb.run(&["stats", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    serde_json::from_str(stdout(&out).trim()).expect("stats json")
}

fn spawn_index(sb: &Sandbox, folder: &str) -> Child {
    sb.cmd()
        .args(["index", "--quiet", "--commit-every", "0", folder])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn index")
}

#[test]
#[ignore = "needs ../shared/corpora; run by scripts/check-corpora"]
fn sigkill_at_twenty_moments_loses_and_duplicates_nothing() {
    let Some(bbc) = shared_corpus("bbc") else {
        return;
    };
    let folder = bbc.to_str().expect("utf8 path");

    let reference = Sandbox::new();
    reference.index(&["--quiet", folder]);
    let expected = stats(&reference);

    let sb = Sandbox::new();
    let mut kills = 0;
    for i in 0..20u64 {
        let mut child = spawn_index(&sb, folder);
        // Moments spread from 30 ms to about 1.5 s after start, in a scrambled order.
        sleep(Duration::from_millis(30 + (i * 7919) % 1500));
        if child.try_wait().expect("poll").is_none() {
            kills += 1;
        }
        child.kill().expect("SIGKILL");
        child.wait().expect("reap");
        if sb.index_path().join("meta.json").exists() {
            let out = sb.run(&["--json", "government"]);
            assert!(
                matches!(out.status.code(), Some(0 | 1)),
                "search after kill {i} failed: {}",
                stderr(&out)
            );
        }
    }
    assert!(
        kills >= 20,
        "only {kills} of the 20 kills hit a running index"
    );
    sb.index(&["--quiet", folder]);
    let after = stats(&sb);
    assert_eq!(after["articles"], expected["articles"]);
    assert_eq!(after["passages"], expected["passages"]);
    assert_eq!(after["files"], expected["files"]);
    assert_eq!(after["articles"], 2225);
}

#[test]
#[ignore = "needs ../shared/corpora; run by scripts/check-corpora"]
fn search_during_index_answers_and_second_writer_is_refused() {
    let Some(bbc) = shared_corpus("bbc") else {
        return;
    };
    let folder = bbc.to_str().expect("utf8 path");
    let sb = Sandbox::new();
    sb.write(
        "first/a.txt",
        b"Harbour news\n\nThe harbour reopened after the storm.\n",
    );
    sb.index(&["first"]);

    let mut child = spawn_index(&sb, folder);
    let started = Instant::now();
    let mut searched = 0;
    let mut refused = false;
    while child.try_wait().expect("poll").is_none() && started.elapsed() < Duration::from_secs(120)
    {
        let out = sb.run(&["--json", "harbour"]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "search during index: {}",
            stderr(&out)
        );
        searched += 1;
        if !refused {
            let second = sb.run(&["index", "--quiet", "first"]);
            let running = child.try_wait().expect("poll").is_none();
            if running {
                assert_eq!(second.status.code(), Some(2));
                assert!(stderr(&second).contains("another `news-search index` run"));
                refused = true;
            }
        }
        sleep(Duration::from_millis(50));
    }
    let status = child.wait().expect("reap");
    assert!(status.success());
    assert!(
        searched >= 1 && refused,
        "searched {searched} times, refused: {refused}"
    );
}
