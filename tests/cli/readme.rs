//! The README's examples run as shown: every `$ news-search …` line of its code blocks is run,
//! in order, on a copy of the bundled corpus (the first indexes it), and must exit as documented (0, or the status a
//! trailing `# exit N` gives) and print what the README shows after it, unless that is cut
//! (`…`) or holds figures of the moment (`stats`); every `show ID` the README prints must find
//! its article.

use std::fs;
use std::path::Path;
use std::process::Command;

use super::{Sandbox, corpus, stderr, stdout};

/// One `$ ` command line of the README and what the README says it does.
struct Example {
    command: String,
    /// The exit status: 0, or what a trailing `# exit N` says.
    status: i32,
    /// The lines shown after it, up to the next command or the end of the block.
    output: Vec<String>,
}

impl Example {
    /// Whether the README shows all of the output as it is on any machine: not cut (`…` as
    /// the last line), and with no figure that depends on the machine or the moment (`stats`).
    fn shows_whole_output(&self) -> bool {
        let cut = self
            .output
            .last()
            .is_some_and(|l| l.trim_end().ends_with('…'));
        let volatile = self.output.iter().any(|l| l.starts_with("last update:"));
        !self.output.is_empty() && !cut && !volatile
    }
}

/// The `$ ` command lines of the README's fenced code blocks, with their expected status.
fn examples(readme: &str) -> Vec<Example> {
    let mut in_block = false;
    let mut examples: Vec<Example> = Vec::new();
    let mut collecting = false;
    for line in readme.lines() {
        if line.trim_start().starts_with("```") {
            in_block = !in_block;
            collecting = false;
            continue;
        }
        if !in_block {
            continue;
        }
        let Some(command) = line.strip_prefix("$ ") else {
            if collecting && let Some(example) = examples.last_mut() {
                example.output.push(line.to_string());
            }
            continue;
        };
        let (command, status) = match command.rsplit_once("# exit ") {
            Some((command, status)) => (command.trim(), status.trim().parse().unwrap_or(-1)),
            None => (command.trim(), 0),
        };
        examples.push(Example {
            command: command.to_string(),
            status,
            output: Vec::new(),
        });
        collecting = true;
    }
    examples
}

/// The 12-hex-digit ids the README shows after `show `.
fn shown_ids(readme: &str) -> Vec<String> {
    let mut ids = Vec::new();
    for (at, _) in readme.match_indices("show ") {
        let id: String = readme[at + 5..].chars().take(12).collect();
        if id.len() == 12 && id.chars().all(|c| c.is_ascii_hexdigit()) && !ids.contains(&id) {
            ids.push(id);
        }
    }
    ids
}

/// Copies a folder's files (one level deep is all `corpus/` has).
fn copy_folder(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("mkdir");
    for entry in fs::read_dir(from).expect("read corpus") {
        let entry = entry.expect("entry");
        if entry.file_type().expect("type").is_file() {
            fs::copy(entry.path(), to.join(entry.file_name())).expect("copy");
        }
    }
}

#[test]
fn readme_examples_run_as_shown() {
    let readme = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README.md");
    let commands = examples(&readme);
    assert!(
        commands.len() >= 20,
        "only {} examples found",
        commands.len()
    );
    let compared = commands.iter().filter(|e| e.shows_whole_output()).count();
    assert!(compared >= 10, "only {compared} examples show their output");
    assert!(
        commands[0].command == "news-search index corpus",
        "the first example must index the corpus, not `{}`",
        commands[0].command
    );
    let sb = Sandbox::new();
    copy_folder(&corpus(), &sb.dir.path().join("corpus"));
    let binary = Path::new(env!("CARGO_BIN_EXE_news-search"));
    let path = format!(
        "{}:{}",
        binary.parent().expect("bin dir").display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut failures = Vec::new();
    for example in &commands {
        let (command, expected) = (&example.command, example.status);
        let out = Command::new("sh")
            .arg("-c")
            .arg(command)
            .current_dir(sb.dir.path())
            .env("PATH", &path)
            .env("NEWS_SEARCH_INDEX", sb.index_path())
            .env("NO_COLOR", "1")
            .env("PAGER", "cat")
            .output()
            .expect("run sh");
        if out.status.code() != Some(expected) {
            failures.push(format!(
                "`{command}` exited {:?}, the README says {expected}: {}{}",
                out.status.code(),
                stdout(&out),
                stderr(&out)
            ));
        } else if example.shows_whole_output() {
            // What the README shows, stderr (an index summary) before stdout.
            let printed = format!("{}{}", stderr(&out), stdout(&out));
            let printed: Vec<&str> = printed.trim_end().lines().map(str::trim_end).collect();
            let shown: Vec<&str> = example.output.iter().map(|l| l.trim_end()).collect();
            let shown: Vec<&str> = shown
                .iter()
                .copied()
                .rev()
                .skip_while(|l| l.is_empty())
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            if printed != shown {
                failures.push(format!(
                    "`{command}` printed\n{}\nthe README shows\n{}",
                    printed.join("\n"),
                    shown.join("\n")
                ));
            }
        }
    }
    for id in shown_ids(&readme) {
        let out = sb.run(&["show", &id]);
        if out.status.code() != Some(0) {
            failures.push(format!("`show {id}` from the README: {}", stderr(&out)));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
