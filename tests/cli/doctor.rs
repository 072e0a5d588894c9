//! A damaged index: found and repaired by `news-search doctor`, never a crash; a full disk
//! leaves the last commit and the next run works once there is room.

use super::{Sandbox, corpus, stderr, stdout};

/// Live articles, as `stats --json` counts them.
fn articles(sb: &Sandbox) -> Option<u64> {
    let out = sb.run(&["stats", "--json"]);
    serde_json::from_str::<serde_json::Value>(&stdout(&out))
        .ok()
        .and_then(|v| v["articles"].as_u64())
}

#[test]
fn a_corrupted_fast_file_is_found_and_repaired_by_doctor() {
    let sb = Sandbox::new();
    sb.index_corpus();
    let sound = sb.run(&["doctor", "--check"]);
    assert_eq!(sound.status.code(), Some(0), "{}", stdout(&sound));
    assert!(stdout(&sound).contains("the index is sound"));
    let expected = articles(&sb).expect("articles");

    // Garbage over the middle of the largest fast-field file.
    let mut fast: Vec<_> = std::fs::read_dir(sb.index_path())
        .expect("index dir")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "fast"))
        .collect();
    fast.sort_by_key(|p| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0));
    let target = fast.pop().expect("a .fast file");
    let mut bytes = std::fs::read(&target).expect("read");
    let (from, to) = (bytes.len() / 4, bytes.len() * 3 / 4);
    for b in &mut bytes[from..to] {
        *b = b.wrapping_mul(7).wrapping_add(13);
    }
    std::fs::write(&target, bytes).expect("write");

    // No command panics; each either works or names the fix.
    for args in [vec!["stats"], vec!["--count", "export"], vec!["export"]] {
        let out = sb
            .cmd()
            .env_remove("RUST_BACKTRACE")
            .args(&args)
            .output()
            .expect("run");
        assert_ne!(
            out.status.code(),
            Some(101),
            "{args:?} panicked: {}",
            stderr(&out)
        );
        if out.status.code() == Some(2) {
            assert!(
                stderr(&out).contains("news-search doctor"),
                "{args:?}: {}",
                stderr(&out)
            );
        }
    }
    let found = sb.run(&["doctor", "--check"]);
    assert_eq!(found.status.code(), Some(2), "{}", stdout(&found));
    assert!(
        stdout(&found).contains("checksum mismatch"),
        "{}",
        stdout(&found)
    );

    let repaired = sb.run(&["doctor"]);
    assert_eq!(
        repaired.status.code(),
        Some(0),
        "{}{}",
        stdout(&repaired),
        stderr(&repaired)
    );
    assert!(
        stdout(&repaired).contains("dropped 1 damaged segment"),
        "{}",
        stdout(&repaired)
    );
    assert_eq!(articles(&sb), Some(expected), "every article indexed again");
    let again = sb.run(&["doctor", "--check"]);
    assert_eq!(again.status.code(), Some(0), "{}", stdout(&again));
    let (_, hits) = sb.json(&["export controls"]);
    assert!(hits.iter().any(super::is_seed));
}

#[test]
fn a_missing_format_file_is_written_back_and_rebuild_recreates_a_damaged_index() {
    let sb = Sandbox::new();
    sb.index_corpus();
    std::fs::remove_file(sb.index_path().join("news-search-format")).expect("rm");
    let refused = sb.run(&["stats"]);
    assert_eq!(refused.status.code(), Some(2));
    let repaired = sb.run(&["doctor"]);
    assert_eq!(repaired.status.code(), Some(0), "{}", stdout(&repaired));
    assert!(
        stdout(&repaired).contains("format file written"),
        "{}",
        stdout(&repaired)
    );
    assert_eq!(sb.run(&["stats"]).status.code(), Some(0));

    // meta.json unreadable: doctor says only a rebuild helps, and --rebuild works.
    std::fs::write(sb.index_path().join("meta.json"), b"{ not json").expect("write");
    let out = sb.run(&["doctor"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--rebuild"), "{}", stderr(&out));
    let folder = corpus();
    let rebuilt = sb.run(&["index", "--rebuild", folder.to_str().expect("utf8")]);
    assert_eq!(rebuilt.status.code(), Some(0), "{}", stderr(&rebuilt));
    assert_eq!(articles(&sb), Some(13));
}
