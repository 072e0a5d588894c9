//! End-to-end tests: run the real `news-search` binary on temporary indexes.
//!
//! Fixtures are the bundled `corpus/` or files the tests write themselves; nothing here needs
//! `../shared`, except the ignored tests in `corpora.rs` and `real_pages.rs`, run by
//! `scripts/check-corpora`.

mod browser;
mod charsets;
mod conventions;
mod corpora;
mod doctor;
mod filters;
mod hostile;
mod html_pages;
mod incremental;
mod maintenance;
mod pasted;
mod reading;
mod readme;
mod real_pages;
mod recall;
mod search;
mod serve;
mod time;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;
use tempfile::TempDir;

/// A folder under `../shared` (never copied into the project), if present; when it is not, says
/// so, for the ignored tests that return early without it.
pub fn shared_folder(relative: &str) -> Option<PathBuf> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared")
        .join(relative);
    if path.is_dir() {
        Some(path)
    } else {
        eprintln!("skipped: {} not found", path.display());
        None
    }
}

/// The seed article's file name in `corpus/`.
pub const SEED: &str = "000_97a10b66897f57d7.txt";

/// A temporary working folder with an index path inside it.
pub struct Sandbox {
    pub dir: TempDir,
}

impl Default for Sandbox {
    fn default() -> Sandbox {
        Sandbox::new()
    }
}

impl Sandbox {
    pub fn new() -> Sandbox {
        Sandbox {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn index_path(&self) -> PathBuf {
        self.dir.path().join("index")
    }

    /// A `news-search --index <tmp>/index` command run from the sandbox, colour off.
    pub fn cmd(&self) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_news-search"));
        cmd.current_dir(self.dir.path())
            .env_remove("NEWS_SEARCH_INDEX")
            .env("NO_COLOR", "1")
            .arg("--index")
            .arg(self.index_path());
        cmd
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.cmd().args(args).output().expect("run news-search")
    }

    /// Writes a file under the sandbox, creating folders.
    pub fn write(&self, rel: &str, contents: &[u8]) -> PathBuf {
        let path = self.dir.path().join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).expect("mkdir");
        }
        fs::write(&path, contents).expect("write fixture");
        path
    }

    /// Indexes the bundled corpus, asserting success.
    pub fn index_corpus(&self) -> Output {
        let out = self.run(&["index", corpus().to_str().expect("utf8 path")]);
        assert_eq!(out.status.code(), Some(0), "index failed: {}", stderr(&out));
        out
    }

    /// Runs `index` with arguments, asserting success; returns stderr (the summary).
    pub fn index(&self, args: &[&str]) -> String {
        let mut all = vec!["index"];
        all.extend_from_slice(args);
        let out = self.run(&all);
        assert_eq!(out.status.code(), Some(0), "index failed: {}", stderr(&out));
        stderr(&out)
    }

    /// Runs a JSON search and parses its lines.
    pub fn json(&self, args: &[&str]) -> (Option<i32>, Vec<Value>) {
        let mut all = vec!["--json"];
        all.extend_from_slice(args);
        let out = self.run(&all);
        let hits = stdout(&out)
            .lines()
            .map(|l| serde_json::from_str(l).expect("a JSON line"))
            .collect();
        (out.status.code(), hits)
    }
}

pub fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

pub fn is_seed(hit: &Value) -> bool {
    hit["path"].as_str().is_some_and(|p| p.ends_with(SEED))
}

/// The highlighted texts of a JSON hit.
pub fn highlighted(hit: &Value) -> Vec<String> {
    let snippet = hit["snippet"].as_str().expect("snippet");
    hit["highlights"]
        .as_array()
        .expect("highlights")
        .iter()
        .map(|r| {
            let a = r[0].as_u64().expect("start") as usize;
            let b = r[1].as_u64().expect("end") as usize;
            snippet[a..b].to_string()
        })
        .collect()
}
