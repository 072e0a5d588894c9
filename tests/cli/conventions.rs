//! The conventions of command-line tools: completions, a man page, help, mistyped commands,
//! `-l`, `-q`, queries from stdin.

use std::io::Write;
use std::process::Stdio;

use super::{Sandbox, stderr, stdout};

#[test]
fn completions_for_three_shells_and_a_man_page() {
    let sb = Sandbox::new();
    for (shell, marker) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef news-search"),
        ("fish", "complete -c news-search"),
    ] {
        let out = sb.run(&["completions", shell]);
        assert_eq!(out.status.code(), Some(0), "{shell}: {}", stderr(&out));
        let script = stdout(&out);
        assert!(script.contains(marker), "{shell}: {script:.200}");
        for flag in ["--since", "--json", "--rebuild"] {
            assert!(
                script.contains(flag.trim_start_matches('-')),
                "{shell} lacks {flag}"
            );
        }
    }
    let bad = sb.run(&["completions", "tcsh"]);
    assert_eq!(bad.status.code(), Some(2));
    let man = sb.run(&["man"]);
    assert_eq!(man.status.code(), Some(0), "{}", stderr(&man));
    let page = stdout(&man);
    assert!(
        page.starts_with(".ie") || page.contains(".TH news-search 1"),
        "{page:.200}"
    );
    assert!(
        page.contains(".SH NAME") && page.contains("completions"),
        "{page:.400}"
    );
}

#[test]
fn help_shows_search_flags_grouped_with_examples() {
    let sb = Sandbox::new();
    let top = stdout(&sb.run(&["--help"]));
    for needle in [
        "<QUERY>",
        "What to find:",
        "When:",
        "How to print:",
        "--since",
        "Examples:",
    ] {
        assert!(
            top.contains(needle),
            "top-level help lacks {needle}:\n{top}"
        );
    }
    let search = stdout(&sb.run(&["search", "-h"]));
    let find = search.find("What to find:").expect("find heading");
    let when = search.find("When:").expect("when heading");
    let print = search.find("How to print:").expect("print heading");
    assert!(find < when && when < print, "{search}");
    assert!(search[when..print].contains("--since") && !search[when..print].contains("--color"));
    assert!(search.contains("Examples:"), "{search}");
}

#[test]
fn a_mistyped_command_is_an_error_and_the_word_can_still_be_searched() {
    let sb = Sandbox::new();
    sb.index_corpus();
    for (typed, meant) in [("indx", "index"), ("stat", "stats")] {
        let out = sb.run(&[typed, "corpus"]);
        assert_eq!(out.status.code(), Some(2));
        let message = stderr(&out);
        assert!(
            message.contains(&format!("did you mean `{meant}`")),
            "{message}"
        );
        assert!(stdout(&out).is_empty());
    }
    for args in [vec!["--", "stat"], vec!["search", "stat"]] {
        let out = sb.run(&args);
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{args:?}: {}",
            stderr(&out)
        );
        assert!(!stderr(&out).contains("did you mean"));
    }
}

#[test]
fn files_quiet_and_stdin_queries() {
    let sb = Sandbox::new();
    sb.index_corpus();
    let (_, hits) = sb.json(&["-n", "100", "export"]);
    let mut expected: Vec<String> = Vec::new();
    for hit in &hits {
        let path = hit["path"].as_str().expect("path").to_string();
        if !expected.contains(&path) {
            expected.push(path);
        }
    }
    let listed = stdout(&sb.run(&["-l", "-n", "100", "export"]));
    assert_eq!(listed.lines().collect::<Vec<_>>(), expected);

    let quiet = sb.run(&["-q", "export"]);
    assert_eq!((quiet.status.code(), quiet.stdout.len()), (Some(0), 0));
    let none = sb.run(&["--quiet", "zzyzxnotaword"]);
    assert_eq!((none.status.code(), none.stdout.len()), (Some(1), 0));

    let piped = |args: &[&str], input: &str| {
        let mut child = sb
            .cmd()
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(input.as_bytes())
            .expect("write stdin");
        child.wait_with_output().expect("wait")
    };
    let direct = stdout(&sb.run(&["--json", "export controls"]));
    for args in [vec!["--json", "-"], vec!["--json", "--stdin"]] {
        let out = piped(&args, "export controls\n");
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        assert_eq!(stdout(&out), direct, "{args:?}");
    }
    let out = piped(&["--json", "export", "--stdin"], "controls");
    assert_eq!(stdout(&out), direct);
}
