//! Hostile input: text from scraped pages must never drive the terminal, and odd queries and
//! flags get clear answers.

use super::{Sandbox, stderr, stdout};

/// Escape sequences of the kinds that clear the screen, set the title, write the clipboard,
/// ring the bell or rewrite what was printed; `\u{9b}` is the one-character CSI.
const NASTY: &str = "\u{1b}[2J\u{1b}]0;pwned\u{7}\u{1b}]52;c;aGVsbG8=\u{7}\u{8}\u{8}\u{9b}31m\r";

/// Whether bytes hold a terminal control: C0 other than newline and tab, DEL, or C1 (UTF-8
/// `C2 80`–`C2 9F`).
fn has_control(bytes: &[u8]) -> bool {
    bytes
        .iter()
        .any(|&b| (b < 0x20 && b != b'\n' && b != b'\t') || b == 0x7f)
        || bytes
            .windows(2)
            .any(|w| w[0] == 0xc2 && (0x80..=0x9f).contains(&w[1]))
}

fn corpus(sb: &Sandbox) {
    let article = serde_json::json!({
        "title": format!("Harbour {NASTY} strike"),
        "text": format!("The harbour strike {NASTY} entered its third day. Dockers voted again."),
        "url": format!("https://example.com/{NASTY}"),
        "author": format!("Ann {NASTY} Lee"),
        "source": format!("Wire {NASTY} Service"),
        "id": format!("id{NASTY}"),
        "date": "2025-03-01",
    });
    sb.write("news/feed.json", article.to_string().as_bytes());
    sb.write(
        "news/name\u{1b}[2J\u{7}.txt",
        b"Harbour news\n\nThe harbour reopened after the strike.\n",
    );
    sb.write(
        "news/page.html",
        b"<html><head><title>Harbour &#27;[2J page</title></head><body><article><h1>Harbour &#27;]0;x&#7; page</h1><p>The harbour &#27;[31m strike&#155;2J was long, and the harbour workers went home on Friday after the long talks ended.</p><p>Another paragraph about the harbour talks, long enough to be read as article text by the page reader.</p></article></body></html>",
    );
}

#[test]
fn no_field_can_drive_the_terminal() {
    let sb = Sandbox::new();
    corpus(&sb);
    let index = sb.run(&["index", "-v", "news"]);
    assert!(
        matches!(index.status.code(), Some(0 | 2)),
        "{}",
        stderr(&index)
    );
    let (_, hits) = sb.json(&["-n", "10", "harbour"]);
    assert!(hits.len() >= 2, "{hits:?}");
    let ids: Vec<String> = hits
        .iter()
        .map(|h| h["id"].as_str().expect("id").to_string())
        .collect();
    let mut runs: Vec<Vec<String>> = vec![
        vec!["--color".into(), "never".into(), "harbour".into()],
        vec![
            "--color".into(),
            "never".into(),
            "--explain".into(),
            format!("harbour {NASTY}"),
        ],
        vec!["-l".into(), "harbour".into()],
        vec!["stats".into()],
        vec!["parse".into(), "news".into()],
        vec!["index".into(), "-v".into(), "news".into()],
    ];
    for id in &ids {
        runs.push(vec!["show".into(), id.clone()]);
    }
    for args in &runs {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = sb.run(&args);
        assert!(
            !has_control(&out.stdout),
            "{args:?} stdout: {:?}",
            stdout(&out)
        );
        assert!(
            !has_control(&out.stderr),
            "{args:?} stderr: {:?}",
            stderr(&out)
        );
    }
    // Colour on: only news-search's own colour codes (SGR, `ESC [ … m`) remain.
    let coloured = sb.run(&["--color", "always", "harbour"]).stdout;
    let mut plain = Vec::new();
    let mut i = 0;
    while i < coloured.len() {
        if coloured[i] == 0x1b && coloured.get(i + 1) == Some(&b'[') {
            let end = coloured[i..]
                .iter()
                .position(|&b| b == b'm')
                .expect("SGR end");
            assert!(
                coloured[i + 2..i + end]
                    .iter()
                    .all(|b| b.is_ascii_digit() || *b == b';'),
                "a foreign sequence: {:?}",
                String::from_utf8_lossy(&coloured[i..i + end + 1])
            );
            i += end + 1;
        } else {
            plain.push(coloured[i]);
            i += 1;
        }
    }
    assert!(
        !has_control(&plain),
        "{:?}",
        String::from_utf8_lossy(&plain)
    );
    // JSON escapes every control, C1 included, and keeps the text.
    for args in [
        vec!["--json", "harbour"],
        vec!["parse", "--json", "news"],
        vec!["stats", "--json"],
    ] {
        let out = sb.run(&args);
        assert!(!has_control(&out.stdout), "{args:?}: {:?}", stdout(&out));
        for row in stdout(&out).lines() {
            serde_json::from_str::<serde_json::Value>(row).expect("a JSON line");
        }
    }
    assert!(
        hits.iter()
            .any(|h| h["source"].as_str().is_some_and(|s| s.contains('\u{9b}')))
    );
}

#[test]
fn odd_queries_and_flags_get_answers_not_crashes() {
    let sb = Sandbox::new();
    sb.index_corpus();
    // 9,000 nested brackets read as words (groups stop at 8 deep): no stack overflow.
    let deep = format!("{}export{}", "(".repeat(9000), ")".repeat(9000));
    let out = sb.run(&["--count", &deep]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), stdout(&sb.run(&["--count", "export"])));
    let unbalanced = "(".repeat(9000);
    let out = sb.run(&[&format!("{unbalanced} export")]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    for n in ["18446744073709551615", "0", "1000001"] {
        let out = sb.run(&["-n", n, "export"]);
        assert_eq!(out.status.code(), Some(2), "-n {n}");
        assert!(
            stderr(&out).contains("-n takes 1 to 1000000"),
            "{}",
            stderr(&out)
        );
        assert!(!stderr(&out).contains("panicked"));
    }
    // Dates beyond the years an index holds (1678-2261) are clamped to them.
    let dated = stdout(&sb.run(&["--count", "--since", "1700"]));
    assert_eq!(stdout(&sb.run(&["--count", "--until", "3000"])), dated);
    assert_eq!(
        stdout(&sb.run(&["--count", "--since", "0001", "--until", "9999"])),
        dated
    );
    let none = sb.run(&["--count", "--until", "1600"]);
    assert_eq!((none.status.code(), stdout(&none).trim()), (Some(1), "0"));
}

#[test]
fn an_article_dated_outside_the_index_years_is_undated() {
    let sb = Sandbox::new();
    sb.write(
        "news/old.txt",
        b"Old chronicle\n\nMay 1, 1500\n\nThe chronicle of the harbour.\n",
    );
    sb.write(
        "news/new.txt",
        b"New chronicle\n\nMay 1, 2025\n\nA new chronicle of the port was written.\n",
    );
    sb.index(&["news"]);
    let (_, hits) = sb.json(&["-n", "10", "chronicle"]);
    assert_eq!(hits.len(), 2);
    let timeline = stdout(&sb.run(&["--timeline", "--json", "chronicle"]));
    assert!(
        timeline.contains("\"label\":\"undated\",\"count\":1"),
        "{timeline}"
    );
}

#[test]
fn odd_files_are_read_or_skipped_with_a_reason() {
    let sb = Sandbox::new();
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(
        "Zürich talks\n\nThe Zürich talks on shipping resumed.\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes),
    );
    sb.write("news/utf16.txt", &utf16);
    let mut state: u32 = 1;
    let noise: Vec<u8> = (0..1_000_000)
        .map(|_| {
            state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            ((state >> 16) as u8).max(1)
        })
        .collect();
    sb.write("news/noise.txt", &noise);
    let fifo = sb.dir.path().join("news/pipe.txt");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo");
    assert!(made.success());
    let outside = sb.write(
        "elsewhere/secret.txt",
        b"Secret memo\n\nThe zurich secret plan.\n",
    );
    std::os::unix::fs::symlink(&outside, sb.dir.path().join("news/link.txt")).expect("symlink");

    let out = sb.run(&["index", "-v", "news"]);
    let message = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{message}");
    assert!(
        message.contains("pipe.txt: not a regular file (a FIFO)"),
        "{message}"
    );
    assert!(message.contains("noise.txt: not text"), "{message}");
    assert!(
        message.contains("link.txt: symbolic link out of the indexed folder"),
        "{message}"
    );
    let (_, hits) = sb.json(&["zurich"]);
    let paths: Vec<&str> = hits.iter().filter_map(|h| h["path"].as_str()).collect();
    assert_eq!(
        paths,
        ["news/utf16.txt"],
        "UTF-16 read, the link's target not"
    );
    assert!(
        hits[0]["headline"]
            .as_str()
            .is_some_and(|h| h == "Zürich talks")
    );

    // Followed on request; the link removed, its article goes.
    sb.index(&["--follow-links", "news"]);
    assert_eq!(sb.json(&["secret"]).1.len(), 1);
    std::fs::remove_file(sb.dir.path().join("news/link.txt")).expect("rm link");
    sb.index(&["news"]);
    let out = sb.run(&["secret"]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
}

#[test]
fn gzipped_files_are_read_as_what_they_hold_and_bombs_are_cut() {
    use std::io::Write as _;
    let gzip = |bytes: &[u8]| {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        encoder.write_all(bytes).expect("gzip");
        encoder.finish().expect("gzip")
    };
    let sb = Sandbox::new();
    sb.write(
        "news/page.html.gz",
        &gzip(b"<html><head><title>Harbour page</title></head><body><article><h1>Harbour strike ends</h1><p>The harbour strike ended on Friday after the union accepted the offer, and the first ships left the port at dawn.</p><p>Dockers said the deal kept their shifts as they were, with a raise in each of the next two years.</p></article></body></html>"),
    );
    sb.write(
        "news/note.txt.gz",
        &gzip(b"Ferry note\n\nThe ferry to the harbour runs again.\n"),
    );
    // 100 MB of spaces and words compress to about 100 KB.
    let bomb: Vec<u8> = b"harbour ".repeat(100 * 1024 * 1024 / 8);
    sb.write("news/bomb.txt.gz", &gzip(&bomb));
    let out = sb.run(&["index", "news"]);
    let message = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{message}");
    assert!(
        message.contains("bomb.txt.gz: decompressed text cut at 64 MB"),
        "{message}"
    );
    let (_, hits) = sb.json(&["-n", "10", "harbour"]);
    let mut headlines: Vec<&str> = hits.iter().filter_map(|h| h["headline"].as_str()).collect();
    headlines.sort_unstable();
    assert!(headlines.contains(&"Harbour strike ends"), "{headlines:?}");
    assert!(headlines.contains(&"Ferry note"), "{headlines:?}");
}
