//! Reading output in a terminal: `show` wraps to the terminal and pages through `$PAGER`,
//! snippets keep their indent when wrapped, pipes get whole lines. A terminal is made with
//! `script` (util-linux), its width set with `stty`.

use std::process::Command;

use super::{Sandbox, corpus, stderr, stdout};

/// Runs news-search in a 50-column pseudo-terminal; returns what the terminal received.
fn in_terminal(sb: &Sandbox, pager: &str, args: &str) -> String {
    let binary = env!("CARGO_BIN_EXE_news-search");
    let index = sb.index_path();
    let line = format!(
        "stty cols 50 rows 20; PAGER='{pager}' NO_COLOR=1 '{binary}' --index '{}' {args}",
        index.display()
    );
    let out = Command::new("script")
        .args(["-qec", &line, "/dev/null"])
        .current_dir(sb.dir.path())
        .output()
        .expect("run script (util-linux)");
    assert_eq!(out.status.code(), Some(0), "{line}: {}", stderr(&out));
    stdout(&out).replace("\r\n", "\n")
}

/// The seed article's id, as a search hit gives it.
fn seed_id(sb: &Sandbox) -> String {
    let (_, hits) = sb.json(&["-n", "20", "DeepSeek semiconductor"]);
    let seed = hits.iter().find(|h| super::is_seed(h)).expect("seed hit");
    seed["id"].as_str().expect("id").to_string()
}

#[test]
fn show_wraps_to_the_terminal_and_pages() {
    let sb = Sandbox::new();
    sb.index_corpus();
    let id = seed_id(&sb);
    let paged = in_terminal(&sb, "sed s/^/PAGED:/", &format!("show {id}"));
    let lines: Vec<&str> = paged.lines().filter(|l| !l.trim().is_empty()).collect();
    assert!(lines.len() > 10, "{paged}");
    for line in &lines {
        assert!(
            line.starts_with("PAGED:"),
            "not through the pager: {line:?}"
        );
        let text = line.trim_start_matches("PAGED:");
        // A path or URL is one word: it is never broken.
        let field = ["path: ", "url: "].iter().any(|f| text.starts_with(f));
        assert!(
            field || text.chars().count() <= 50,
            "not wrapped to 50 columns: {text:?}"
        );
    }
    let direct = in_terminal(&sb, "sed s/^/PAGED:/", &format!("show --no-pager {id}"));
    assert!(!direct.contains("PAGED:"), "{direct}");
    // Piped, every paragraph is one line, as parse prints it.
    let piped = stdout(&sb.run(&["show", &id]));
    let seed = corpus().join(super::SEED);
    let parsed = stdout(&sb.run(&["parse", seed.to_str().expect("utf8")]));
    assert!(piped.lines().any(|l| l.chars().count() > 200), "{piped}");
    assert_eq!(piped.lines().count(), parsed.lines().count());
}

#[test]
fn wrapped_snippets_keep_their_indent() {
    let sb = Sandbox::new();
    sb.index_corpus();
    let shown = in_terminal(&sb, "cat", "-n 3 'export controls'");
    let snippet_lines: Vec<&str> = shown.lines().filter(|l| l.starts_with(' ')).collect();
    assert!(snippet_lines.len() > 3, "{shown}");
    for line in &snippet_lines {
        assert!(line.chars().count() <= 50, "{line:?}");
    }
    // Every line that is not a headline, a date line or the total is indented.
    let piped = stdout(&sb.run(&["-n", "3", "export controls"]));
    let piped_snippets = piped.lines().filter(|l| l.starts_with("    ")).count();
    assert_eq!(piped_snippets, 3, "{piped}");
    assert!(snippet_lines.iter().all(|l| l.starts_with("    ")));
}
