//! Checks on the real collections in `../shared/corpora` (never copied into the project).
//!
//! Ignored by default (a fresh clone has no `../shared`); `scripts/check-corpora` runs them with
//! `cargo test --release -- --ignored`. Each test returns early, passing, when the folder is
//! missing, and says so.

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

use serde_json::Value;

use super::{Sandbox, shared_folder, stderr, stdout};

/// A folder under `../shared/corpora`, if present.
fn shared_corpus(name: &str) -> Option<PathBuf> {
    shared_folder(&format!("corpora/{name}"))
}

fn stats(sb: &Sandbox) -> Value {
    let out = sb.run(&["stats", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    serde_json::from_str(stdout(&out).trim()).expect("stats json")
}

fn spawn_index(sb: &Sandbox, folder: &str, rebuild: bool) -> Child {
    let mut cmd = sb.cmd();
    cmd.args(["index", "--quiet", "--commit-every", "0"]);
    if rebuild {
        cmd.arg("--rebuild");
    }
    cmd.arg(folder)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn index")
}

#[test]
#[ignore = "needs ../shared/corpora; run by scripts/check-corpora"]
fn sigkill_at_twenty_moments_loses_and_duplicates_nothing() {
    let Some(all) = shared_corpus("") else { return };
    let folder = all.to_str().expect("utf8 path");

    let reference = Sandbox::new();
    let started = Instant::now();
    reference.index(&["--quiet", folder]);
    let full = started.elapsed();
    let expected = stats(&reference);

    let sb = Sandbox::new();
    // Kill moments spread over the first 60% of a full run on this machine (indexing speed
    // differs between machines and builds, and later runs find the files cached), in a
    // scrambled order.
    let span = (full.as_millis() as u64 * 3 / 5).max(100);
    let (mut kills, mut rebuild_kills) = (0, 0);
    for i in 0..24u64 {
        // Every other run starts over, so each kill lands in real work: a rebuild killed
        // half-way must leave the last commit readable, and a resumed run must complete it.
        let rebuild = i % 2 == 0;
        let mut child = spawn_index(&sb, folder, rebuild);
        sleep(Duration::from_millis(40 + (i * 7919) % span));
        if child.try_wait().expect("poll").is_none() {
            kills += 1;
            rebuild_kills += usize::from(rebuild);
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
            let out = sb.run(&["stats", "--json"]);
            assert_eq!(
                out.status.code(),
                Some(0),
                "stats after kill {i}: {}",
                stderr(&out)
            );
        }
    }
    // The premise: the kills hit running indexing (a resumed run may finish first when the
    // rebuild before it got far).
    assert!(
        rebuild_kills >= 10,
        "only {rebuild_kills} of 12 rebuilds ({kills} of 24 runs) were killed while running"
    );
    sb.index(&["--quiet", folder]);
    let after = stats(&sb);
    for key in ["articles", "passages", "files"] {
        assert_eq!(after[key], expected[key], "{key} after the final run");
    }
    assert_eq!(after["articles"], 21578 + 2225 + 3824);
    // No passage is doubled: a search that every copy of a story would match returns it once
    // per file, as in the reference index.
    let count = |sb: &Sandbox| {
        stdout(&sb.run(&["--json", "--all", "-n", "1000", "cocoa"]))
            .lines()
            .count()
    };
    assert_eq!(count(&sb), count(&reference));
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

    let mut child = spawn_index(&sb, folder, false);
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

/// Every article `parse --json` reads from a folder.
fn parse_all(sb: &Sandbox, folder: &str) -> Vec<Value> {
    let out = sb.run(&["parse", "--json", folder]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect()
}

/// Collapses white space, as news-search does for headlines.
fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
#[ignore = "needs ../shared/corpora; run by scripts/check-corpora"]
fn reuters_every_record_with_its_date_and_title() {
    let Some(dir) = shared_corpus("reuters21578") else {
        return;
    };
    let folder = dir.to_str().expect("utf8 path");
    let sb = Sandbox::new();
    let summary = sb.index(&["--quiet", folder]);
    assert!(summary.contains("indexed 21,578 articles"), "{summary}");
    assert_eq!(stats(&sb)["articles"], 21578);

    // Titles read independently of the parser: NEWID → first <TITLE> of the record.
    let mut titles = std::collections::HashMap::new();
    for entry in std::fs::read_dir(&dir).expect("read dir") {
        let path = entry.expect("entry").path();
        if path.extension().is_none_or(|e| e != "sgm") {
            continue;
        }
        let text = String::from_utf8_lossy(&std::fs::read(&path).expect("read")).into_owned();
        for record in text.split("<REUTERS").skip(1) {
            let Some(newid) = record
                .split("NEWID=\"")
                .nth(1)
                .and_then(|s| s.split('"').next())
            else {
                continue;
            };
            let body = record.split("</REUTERS>").next().unwrap_or_default();
            if let Some(title) = body
                .split("<TITLE>")
                .nth(1)
                .and_then(|s| s.split("</TITLE>").next())
            {
                let title = title
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&amp;", "&");
                titles.insert(format!("reuters-{newid}"), squash(&title));
            }
        }
    }
    assert_eq!(titles.len(), 20841);

    let articles = parse_all(&sb, folder);
    assert_eq!(articles.len(), 21578);
    let dated = articles.iter().filter(|a| a["date"].is_string()).count();
    assert_eq!(dated, 21578, "every Reuters record has a <DATE>");
    let mut checked = 0;
    for article in &articles {
        if let Some(title) = titles.get(article["id"].as_str().expect("id")) {
            let headline = article["headline"].as_str().expect("headline");
            // Control-character entities (&#2; …) are dropped by the parser.
            let expected: String = squash(&title.replace(|c: char| c.is_control(), ""));
            let expected = squash(expected.split("&#").next().unwrap_or_default());
            assert!(headline.starts_with(&expected), "{headline:?} vs {title:?}");
            checked += 1;
        }
    }
    assert_eq!(checked, 20841);
    let first = articles
        .iter()
        .find(|a| a["id"] == "reuters-1")
        .expect("NEWID 1");
    assert_eq!(first["headline"], "BAHIA COCOA REVIEW");
    assert_eq!(first["date"], "1987-02-26");

    let out = sb.run(&[
        "--json",
        "cocoa",
        "--since",
        "1987-02-26",
        "--until",
        "1987-02-26",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("BAHIA COCOA REVIEW"));
}

#[test]
#[ignore = "needs ../shared/corpora; run by scripts/check-corpora"]
fn bbc_headlines_are_first_lines() {
    let Some(dir) = shared_corpus("bbc") else {
        return;
    };
    let folder = dir.to_str().expect("utf8 path");
    let sb = Sandbox::new();
    let summary = sb.index(&["--quiet", folder]);
    assert!(summary.contains("indexed 2,225 articles"), "{summary}");
    let articles = parse_all(&sb, folder);
    assert_eq!(articles.len(), 2225);
    for article in &articles {
        let path = sb.dir.path().join(article["path"].as_str().expect("path"));
        let bytes = std::fs::read(&path).expect("read article");
        let text = String::from_utf8_lossy(&bytes);
        let first_line = squash(text.lines().next().unwrap_or_default());
        assert_eq!(
            article["headline"].as_str().expect("headline"),
            first_line,
            "{}",
            path.display()
        );
    }
    // The files carry no dates; at most a stray date line is read (one sport preview says
    // "Saturday 20 November").
    let dated = articles.iter().filter(|a| a["date"].is_string()).count();
    assert!(dated <= 2, "{dated} BBC articles got a date");
}

#[test]
#[ignore = "needs ../shared/corpora; run by scripts/check-corpora"]
fn newsarticles_csv_one_article_per_row_with_date_source_and_url() {
    let Some(dir) = shared_corpus("newsarticles-dai2017") else {
        return;
    };
    let csv_path = dir.join("NewsArticles.csv");
    let sb = Sandbox::new();
    let summary = sb.index(&["--quiet", csv_path.to_str().expect("utf8 path")]);
    assert!(summary.contains("indexed 3,824 articles"), "{summary}");
    let articles = parse_all(&sb, csv_path.to_str().expect("utf8 path"));
    assert_eq!(articles.len(), 3824);

    // Rows read independently with the csv crate: id → (date as YYYY-MM-DD, title, url).
    let mut reader = csv::Reader::from_path(&csv_path).expect("open csv");
    let mut rows = std::collections::HashMap::new();
    for record in reader.records() {
        let record = record.expect("csv row");
        let date = record[1].split_whitespace().next().and_then(|d| {
            let parts: Vec<u32> = d.split('/').filter_map(|p| p.parse().ok()).collect();
            (parts.len() == 3).then(|| format!("{:04}-{:02}-{:02}", parts[0], parts[1], parts[2]))
        });
        rows.insert(
            record[0].to_string(),
            (date, squash(&record[3]), record[2].to_string()),
        );
    }
    assert_eq!(rows.len(), 3824);
    for article in &articles {
        let (date, title, url) = &rows[article["id"].as_str().expect("id")];
        assert_eq!(
            article["date"].as_str(),
            date.as_deref(),
            "{}",
            article["id"]
        );
        if !title.is_empty() {
            assert_eq!(article["headline"].as_str(), Some(title.as_str()));
        }
        assert_eq!(article["url"].as_str(), Some(url.as_str()));
        assert!(
            article["source"].as_str().is_some_and(|s| url.contains(s)),
            "{}",
            article["source"]
        );
    }
}

#[test]
#[ignore = "needs ../shared/corpora; run by scripts/check-corpora"]
fn reuters_oil_timeline_counts_every_matching_article_per_month() {
    use std::collections::BTreeMap;

    let Some(dir) = shared_corpus("reuters21578") else {
        return;
    };
    let sb = Sandbox::new();
    sb.index(&["--quiet", dir.to_str().expect("utf8 path")]);

    let out = sb.run(&["--timeline", "--json", "oil"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let mut timeline: BTreeMap<String, u64> = BTreeMap::new();
    for line in stdout(&out).lines() {
        let row: Value = serde_json::from_str(line).expect("a JSON line");
        let label = row["label"].as_str().expect("label").to_string();
        timeline.insert(label, row["count"].as_u64().expect("count"));
    }
    // Bars by month, all in 1987 (the undated articles, if any, apart).
    assert!(timeline.len() > 3, "{timeline:?}");
    for label in timeline.keys().filter(|l| *l != "undated") {
        assert!(label.len() == 7 && label.starts_with("1987-"), "{label}");
    }

    // The same counts, independently: every matching article as a hit (copies not folded),
    // grouped by the month of its date. Once in date order, once by relevance.
    for sort in ["oldest", "relevance"] {
        let out = sb.run(&["--json", "--all", "-n", "100000", "--sort", sort, "oil"]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let mut months: BTreeMap<String, u64> = timeline.keys().map(|k| (k.clone(), 0)).collect();
        let mut previous: Option<String> = None;
        for line in stdout(&out).lines() {
            let hit: Value = serde_json::from_str(line).expect("a JSON line");
            let month = hit["date"]
                .as_str()
                .map_or("undated".to_string(), |d| d[..7].to_string());
            if sort == "oldest" {
                let date = hit["date"].as_str().unwrap_or("9999").to_string();
                assert!(
                    previous.as_ref().is_none_or(|p| *p <= date),
                    "not in date order"
                );
                previous = Some(date);
            }
            *months.entry(month).or_default() += 1;
        }
        assert_eq!(months, timeline, "--sort {sort}");
    }
}

#[test]
#[ignore = "needs ../shared/corpora; run by scripts/check-corpora"]
fn newsarticles_pasted_headlines_and_sentences_are_never_refused() {
    let Some(dir) = shared_corpus("newsarticles-dai2017") else {
        return;
    };
    let folder = dir.to_str().expect("utf8 path");
    let sb = Sandbox::new();
    sb.index(&["--quiet", folder]);
    let parsed = sb.run(&["parse", "--json", folder]);
    let articles: Vec<Value> = stdout(&parsed)
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    // 75 articles spread over the file: each one's headline and first sentence of 8+ words,
    // pasted as written.
    let step = (articles.len() / 75).max(1);
    let mut queries: Vec<(String, String)> = Vec::new();
    for article in articles.iter().step_by(step).take(75) {
        let id = article["id"].as_str().unwrap_or_default().to_string();
        if let Some(headline) = article["headline"].as_str().filter(|h| !h.is_empty()) {
            queries.push((headline.to_string(), id.clone()));
        }
        let body = article["body"].as_str().unwrap_or_default();
        if let Some(sentence) = body
            .split_inclusive(". ")
            .map(str::trim)
            .find(|s| s.split_whitespace().count() >= 8)
        {
            queries.push((sentence.to_string(), id));
        }
    }
    assert!(queries.len() >= 140, "{} queries", queries.len());
    let (mut first, mut refused) = (0, Vec::new());
    for (query, id) in &queries {
        let out = sb.run(&["--json", "-n", "1", "--", query]);
        if out.status.code() == Some(2) {
            refused.push(format!("{query}: {}", stderr(&out)));
            continue;
        }
        let hit: Value = stdout(&out)
            .lines()
            .next()
            .and_then(|l| serde_json::from_str(l).ok())
            .unwrap_or(Value::Null);
        let copies = hit["also_in"].as_array().cloned().unwrap_or_default();
        if hit["id"] == id.as_str() || copies.iter().any(|c| c["id"] == id.as_str()) {
            first += 1;
        }
    }
    let share = first as f64 / queries.len() as f64;
    eprintln!(
        "pasted from NewsArticles.csv: {} queries, {} refused, own article first for {first} ({:.1}%)",
        queries.len(),
        refused.len(),
        100.0 * share
    );
    assert!(refused.is_empty(), "refused: {refused:#?}");
    assert!(
        share >= 0.93,
        "own article first for only {:.1}%",
        100.0 * share
    );
}

/// Copies a folder tree.
fn copy_tree(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
}

/// The article files under `news/`: every `.txt` in a topic folder (the top level holds the
/// collection's documentation).
fn article_files(news: &std::path::Path) -> usize {
    std::fs::read_dir(news)
        .expect("read news")
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|dir| {
            std::fs::read_dir(dir.path())
                .expect("read topic")
                .flatten()
                .filter(|f| f.path().extension().is_some_and(|x| x == "txt"))
                .count()
        })
        .sum()
}

/// Every article's path and headline, as a query of a folder alone lists them.
fn article_set(sb: &Sandbox) -> Vec<String> {
    let out = sb.run(&["--json", "--all", "-n", "100000", "--path", "news"]);
    assert!(matches!(out.status.code(), Some(0 | 1)), "{}", stderr(&out));
    let mut set: Vec<String> = stdout(&out)
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .map(|h| format!("{} {}", h["path"], h["headline"]))
        .collect();
    set.sort();
    set
}

/// Edits the copy as a user would between runs: changes some files, deletes some, adds some.
fn edit(news: &std::path::Path, round: u64) {
    let topics = ["business", "entertainment", "politics", "sport", "tech"];
    let topic = news.join(topics[(round % 5) as usize]);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&topic)
        .expect("read topic")
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    for (k, file) in files.iter().take(12).enumerate() {
        if k < 3 {
            std::fs::remove_file(file).expect("delete");
        } else {
            let mut text = std::fs::read(file).expect("read");
            text.extend_from_slice(
                format!("\n\nUpdate {round}: the story was revised.\n").as_bytes(),
            );
            std::fs::write(file, text).expect("edit");
        }
    }
    for k in 0..3 {
        std::fs::write(
            topic.join(format!("new-{round}-{k}.txt")),
            format!("Late story {round} {k}\n\nA new report was filed in round {round}.\n"),
        )
        .expect("add");
    }
}

#[test]
#[ignore = "needs ../shared/corpora; run by scripts/check-corpora"]
fn kills_at_any_moment_leave_an_index_the_next_run_completes() {
    let Some(bbc) = shared_corpus("bbc") else {
        return;
    };
    let sb = Sandbox::new();
    let news = sb.dir.path().join("news");
    copy_tree(&bbc, &news);
    let started = Instant::now();
    sb.index(&["--quiet", "news"]);
    let full = started.elapsed().as_millis() as u64;

    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut random = |below: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % below.max(1)
    };
    let mut killed_running = 0;
    for round in 0..45u64 {
        // A first run, a run after edits, or a rebuild, killed at a random moment.
        let mut args = vec!["index", "--quiet", "--commit-every", "0"];
        match round % 3 {
            0 => std::fs::remove_dir_all(sb.index_path()).expect("remove index"),
            1 => edit(&news, round),
            _ => args.push("--rebuild"),
        }
        args.push("news");
        let mut child = sb
            .cmd()
            .args(&args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        // Runs after small edits are short: kill them early.
        let span = if round % 3 == 1 { full / 4 } else { full };
        sleep(Duration::from_millis(5 + random(span)));
        if child.try_wait().expect("poll").is_none() {
            killed_running += 1;
        }
        child.kill().expect("SIGKILL");
        child.wait().expect("reap");
        let out = sb.run(&["index", "--quiet", "news"]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "round {round}: the run after the kill failed: {}",
            stderr(&out)
        );
        assert_eq!(
            stats(&sb)["articles"].as_u64(),
            Some(article_files(&news) as u64),
            "round {round}"
        );
    }
    assert!(
        killed_running >= 30,
        "only {killed_running} of 45 kills hit a running index"
    );

    // Kills injected just before the commit's `meta.json` rename (strace traces only calls on
    // that path), after edits, on a rebuild and on a first run: the crashed run has written its
    // delete files, and the next run replays the same operation numbers.
    let strace = Command::new("strace")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    if strace {
        let meta = sb.index_path().join("meta.json");
        for round in 0..8u64 {
            let mut args = vec!["index", "--quiet"];
            match round {
                6 => args.push("--rebuild"),
                7 => std::fs::remove_dir_all(sb.index_path()).expect("remove index"),
                _ => edit(&news, 100 + round),
            }
            args.push("news");
            let out = Command::new("strace")
                .args(["-f", "-o", "/dev/null", "-P"])
                .arg(&meta)
                .args(["-e", "trace=rename,renameat,renameat2"])
                .args(["-e", "inject=rename,renameat,renameat2:signal=KILL:when=1"])
                .arg(env!("CARGO_BIN_EXE_news-search"))
                .arg("--index")
                .arg(sb.index_path())
                .args(&args)
                .current_dir(sb.dir.path())
                .output()
                .expect("strace");
            assert_ne!(
                out.status.code(),
                Some(0),
                "round {round}: no kill at the rename"
            );
            let next = sb.run(&["index", "--quiet", "news"]);
            assert_eq!(
                next.status.code(),
                Some(0),
                "after a kill before the meta.json rename (round {round}): {}",
                stderr(&next)
            );
            assert_eq!(
                stats(&sb)["articles"].as_u64(),
                Some(article_files(&news) as u64)
            );
        }
    } else {
        eprintln!("strace not available: kills before the meta.json rename skipped");
    }

    // The final article set is a clean index's.
    let reference = Sandbox::new();
    copy_tree(&news, &reference.dir.path().join("news"));
    reference.index(&["--quiet", "news"]);
    assert_eq!(article_set(&sb), article_set(&reference));
}

/// A tmpfs of `size` mounted at `at` for the life of the value (needs root; `None` when it
/// cannot be mounted).
struct Tmpfs(PathBuf);

impl Tmpfs {
    fn mount(at: &std::path::Path, size: &str) -> Option<Tmpfs> {
        std::fs::create_dir_all(at).ok()?;
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(at)
            .status()
            .is_ok_and(|s| s.success());
        ok.then(|| Tmpfs(at.to_path_buf()))
    }

    fn resize(&self, size: &str) -> bool {
        Command::new("mount")
            .args(["-o", &format!("remount,size={size}")])
            .arg(&self.0)
            .status()
            .is_ok_and(|s| s.success())
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

#[test]
#[ignore = "needs ../shared/corpora and root (mounts a tmpfs); run by scripts/check-corpora"]
fn a_full_disk_keeps_the_last_commit_and_the_next_run_works() {
    let Some(reuters) = shared_corpus("reuters21578") else {
        return;
    };
    let sb = Sandbox::new();
    let Some(disk) = Tmpfs::mount(&sb.dir.path().join("disk"), "5m") else {
        eprintln!("skipped: cannot mount a tmpfs here");
        return;
    };
    let index = disk.0.join("index");
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_news-search"))
            .arg("--index")
            .arg(&index)
            .args(args)
            .output()
            .expect("run")
    };
    let small = super::corpus();
    let small = small.to_str().expect("utf8");
    assert_eq!(run(&["index", "-q", small]).status.code(), Some(0));
    let full = run(&["index", "-q", reuters.to_str().expect("utf8")]);
    assert_eq!(full.status.code(), Some(2), "{}", stderr(&full));
    let message = stderr(&full);
    assert!(message.contains("may be full"), "{message}");
    assert!(
        message.contains("run `news-search index` again"),
        "{message}"
    );
    // The last commit is intact and the next run on the full disk works.
    assert_eq!(stdout(&run(&["--count", "export"])).trim(), "5");
    let again = run(&["index", "-q", small]);
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    assert!(disk.resize("300m"), "remount");
    let grown = run(&["index", "-q", reuters.to_str().expect("utf8")]);
    assert_eq!(grown.status.code(), Some(0), "{}", stderr(&grown));
    let stats: Value = serde_json::from_str(&stdout(&run(&["stats", "--json"]))).expect("stats");
    assert_eq!(stats["articles"], 13 + 21578);
}
