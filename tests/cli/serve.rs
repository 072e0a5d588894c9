//! `news-search serve`: the JSON API over HTTP on loopback, from a real server process. Its
//! rows must be the command line's `--json` rows; limits answer 4xx JSON; every response
//! carries the security headers; a running server finds what `index` adds.
//!
//! [`Server`] and [`get`] are shared with the browser test (`browser.rs`).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use super::{Sandbox, stderr};

/// A `news-search serve` process on a free loopback port, stopped when dropped.
pub struct Server {
    child: Child,
    /// Where it listens.
    pub addr: SocketAddr,
}

impl Server {
    /// Starts `serve` over the sandbox's index and waits for the address it prints.
    pub fn start(sb: &Sandbox) -> Server {
        let mut child = sb
            .cmd()
            .args(["serve", "--addr", "127.0.0.1:0"])
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .expect("start news-search serve");
        let mut lines = BufReader::new(child.stderr.take().expect("stderr")).lines();
        let first = lines.next().and_then(Result::ok).unwrap_or_default();
        let addr = first
            .split("http://")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .and_then(|addr| addr.parse().ok())
            .unwrap_or_else(|| {
                let _ = child.kill();
                panic!("serve printed no address: {first:?}")
            });
        // Keep reading stderr so the server never blocks on a full pipe.
        std::thread::spawn(move || lines.for_each(drop));
        Server { child, addr }
    }

    /// GET `path` from the server.
    pub fn get(&self, path: &str) -> Reply {
        get(self.addr, path, &[])
    }

    /// GET `path` and parse its JSON body, asserting the status.
    pub fn json(&self, path: &str, status: u16) -> Value {
        let reply = self.get(path);
        assert_eq!(reply.status, status, "{path}: {}", reply.body);
        assert_eq!(
            reply.header("content-type"),
            Some("application/json"),
            "{path}"
        );
        serde_json::from_str(&reply.body).unwrap_or_else(|e| panic!("{path}: {e}: {}", reply.body))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An HTTP answer.
pub struct Reply {
    pub status: u16,
    /// Header names in lower case, values as sent.
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Reply {
    /// The first value of a header.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// One HTTP/1.1 request (GET unless `extra` starts with a method line), read to the end.
pub fn request(addr: SocketAddr, head: &str) -> Reply {
    let mut stream = TcpStream::connect(addr).expect("connect to the server");
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .expect("timeout");
    stream.write_all(head.as_bytes()).expect("send the request");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("read the answer");
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").expect("headers end");
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .expect("status line");
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    Reply {
        status,
        headers,
        body: body.to_string(),
    }
}

/// GET `path` with extra header lines (`Host` defaults to the address).
pub fn get(addr: SocketAddr, path: &str, headers: &[&str]) -> Reply {
    let host = if headers
        .iter()
        .any(|h| h.to_ascii_lowercase().starts_with("host:"))
    {
        String::new()
    } else {
        format!("Host: {addr}\r\n")
    };
    let extra: String = headers.iter().map(|h| format!("{h}\r\n")).collect();
    request(
        addr,
        &format!("GET {path} HTTP/1.1\r\n{host}{extra}Connection: close\r\n\r\n"),
    )
}

/// `text` as a query-string value.
pub fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' => (b as char).to_string(),
            b' ' => "+".to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Writes a small archive of dated JSON articles from three sources over three years, so
/// facets and the timeline have content; every article mentions the harbour.
pub fn write_dated_archive(sb: &Sandbox) {
    let sources = ["Coast Gazette", "Harbour Times", "Port Wire"];
    let mut rows = Vec::new();
    for i in 0..24u32 {
        let year = 2022 + i % 3;
        let month = 1 + (i * 5) % 12;
        let source = sources[(i % 3) as usize];
        let topic = ["cranes", "ferries", "tariffs", "dredging"][(i % 4) as usize];
        rows.push(serde_json::json!({
            "headline": format!("Harbour {topic} report number {i}"),
            "date": format!("{year}-{month:02}-{:02}", 1 + i % 27),
            "source": source,
            "url": format!("https://news.example/{i}"),
            "author": "Ana Ruiz",
            "body": format!(
                "The harbour board met on day {i} to discuss {topic}. Dock workers said the \
                 harbour {topic} plan would change shifts.\n\nA second paragraph about {topic} \
                 and the harbour's budget for year {year}."
            ),
        }));
    }
    let text = serde_json::to_string(&rows).expect("json");
    sb.write("archive/harbour.json", text.as_bytes());
}

/// The JSON lines a CLI search prints.
fn cli_rows(sb: &Sandbox, args: &[&str]) -> Vec<Value> {
    let (_, rows) = sb.json(args);
    rows
}

#[test]
fn health_and_security_headers_on_every_answer() {
    let sb = Sandbox::new();
    sb.index_corpus();
    let server = Server::start(&sb);
    let health = server.json("/healthz", 200);
    assert_eq!(health["v"], 1);
    assert_eq!(health["status"], "ok");
    assert_eq!(health["articles"], 13);
    for path in [
        "/",
        "/app.js",
        "/style.css",
        "/healthz",
        "/api/search?q=chips",
        "/nope",
    ] {
        let reply = server.get(path);
        let csp = reply.header("content-security-policy").unwrap_or_default();
        assert!(csp.contains("default-src 'self'"), "{path}: {csp}");
        assert!(csp.contains("script-src 'self'"), "{path}: {csp}");
        assert!(!csp.contains("unsafe-inline"), "{path}: {csp}");
        assert_eq!(
            reply.header("x-content-type-options"),
            Some("nosniff"),
            "{path}"
        );
        assert_eq!(reply.header("x-frame-options"), Some("DENY"), "{path}");
    }
    let page = server.get("/");
    assert_eq!(page.status, 200);
    assert_eq!(
        page.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    // No inline script or style: every <script> has a src, and no style attribute or element.
    assert_eq!(page.body.matches("<script").count(), 1, "{}", page.body);
    assert!(
        page.body
            .contains("<script src=\"/app.js\" defer></script>")
    );
    assert!(!page.body.contains("<style") && !page.body.contains("style="));
    let script = server.get("/app.js");
    assert_eq!(
        script.header("content-type"),
        Some("text/javascript; charset=utf-8")
    );
    assert!(
        !script.body.contains("innerHTML"),
        "the page never parses text as HTML"
    );
    // No file is served but the embedded ones.
    for path in [
        "/corpus/001_semiconductor-export-rules.txt",
        "/../Cargo.toml",
        "/index/meta.json",
    ] {
        let reply = server.get(path);
        assert_eq!(reply.status, 404, "{path}");
        assert!(!reply.body.contains("Officials in Washington"), "{path}");
    }
}

#[test]
fn search_rows_are_the_command_line_json_rows() {
    let sb = Sandbox::new();
    sb.index_corpus();
    let server = Server::start(&sb);
    for (query, sort) in [
        ("export controls", "relevance"),
        ("chips", "newest"),
        ("date:2024-11..2024-12", "oldest"),
        ("flood OR chips -tariffs", "relevance"),
        ("said", "relevance"),
    ] {
        let path = format!("/api/search?q={}&sort={sort}", encode(query));
        let answer = server.json(&path, 200);
        let rows = cli_rows(&sb, &[query, "--sort", sort]);
        assert!(!rows.is_empty(), "{query}");
        assert_eq!(answer["hits"].as_array().expect("hits"), &rows, "{query}");
        let count = sb.run(&["--count", query]);
        let count: u64 = super::stdout(&count).trim().parse().expect("count");
        assert_eq!(answer["count"], count, "{query}");
        assert_eq!(answer["page"], 1);
        assert_eq!(answer["size"], 10);
    }
    // Page 2 of 2 is rows 3 and 4 of -n 4, and the last page holds what is left.
    let page = server.json("/api/search?q=export+controls&page=2&size=2", 200);
    let rows = cli_rows(&sb, &["export controls", "-n", "4"]);
    assert_eq!(page["hits"].as_array().expect("hits"), &rows[2..4]);
    assert_eq!(
        (page["count"].as_u64(), page["pages"].as_u64()),
        (Some(5), Some(3))
    );
    let last = server.json("/api/search?q=export+controls&page=3&size=2", 200);
    assert_eq!(last["hits"].as_array().map(Vec::len), Some(1));
    let beyond = server.json("/api/search?q=export+controls&page=9&size=2", 200);
    assert_eq!(beyond["hits"].as_array().map(Vec::len), Some(0));
    assert_eq!(beyond["count"], 5);
    // A query of stop words finds nothing and says why, as the command line does.
    let stop = server.json("/api/search?q=the+of", 200);
    assert_eq!(stop["count"], 0);
    assert!(
        stop["notice"]
            .as_str()
            .is_some_and(|n| n.contains("stop words")),
        "{stop}"
    );
}

#[test]
fn timeline_and_facets_count_as_the_command_line() {
    let sb = Sandbox::new();
    write_dated_archive(&sb);
    sb.index(&["archive"]);
    let server = Server::start(&sb);
    let timeline = server.json("/api/timeline?q=harbour", 200);
    let rows = cli_rows(&sb, &["--timeline", "harbour"]);
    assert_eq!(timeline["buckets"].as_array().expect("buckets"), &rows);
    assert_eq!(timeline["unit"], "month");
    assert_eq!(timeline["count"], 24);
    let by_year = server.json("/api/timeline?q=harbour&by=year", 200);
    let facets = server.json("/api/facets?q=harbour", 200);
    assert_eq!(facets["years"], by_year["buckets"]);
    assert_eq!(
        facets["years"]
            .as_array()
            .expect("years")
            .iter()
            .map(|y| y["count"].as_u64().unwrap_or(0))
            .collect::<Vec<_>>(),
        [8, 8, 8]
    );
    let sources = facets["sources"].as_array().expect("sources");
    assert_eq!(sources.len(), 3);
    for source in sources {
        // A facet's count is what filtering by it finds.
        let name = source["name"].as_str().expect("name");
        let path = format!("/api/search?q=harbour&source={}", encode(name));
        assert_eq!(server.json(&path, 200)["count"], source["count"], "{name}");
    }
    // The window narrows both.
    let narrowed = server.json("/api/facets?q=cranes&since=2023&until=2023", 200);
    let years = narrowed["years"].as_array().expect("years");
    assert_eq!(years.len(), 1);
    assert_eq!(years[0]["label"], "2023");
}

#[test]
fn article_view_comes_from_the_index_with_the_words_marked() {
    let sb = Sandbox::new();
    sb.index_corpus();
    let server = Server::start(&sb);
    let first = &server.json("/api/search?q=export+controls", 200)["hits"][0];
    let id = first["id"].as_str().expect("id");
    let answer = server.json(&format!("/api/article/{id}?q=export+controls"), 200);
    let article = &answer["articles"][0];
    assert_eq!(article["id"], first["id"]);
    assert_eq!(article["headline"], first["headline"]);
    assert_eq!(article["path"], first["path"]);
    let passages = article["passages"].as_array().expect("passages");
    assert!(passages.len() > 1);
    let marked: Vec<String> = passages
        .iter()
        .flat_map(|p| {
            let text = p["text"].as_str().unwrap_or_default().to_string();
            p["highlights"]
                .as_array()
                .into_iter()
                .flatten()
                .map(move |r| {
                    let (a, b) = (r[0].as_u64().unwrap_or(0), r[1].as_u64().unwrap_or(0));
                    text[a as usize..b as usize].to_lowercase()
                })
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(marked.iter().any(|m| m == "export controls"), "{marked:?}");
    // The body is the passages, as `show --json` writes an article's paragraphs.
    let body = article["body"].as_str().expect("body");
    assert!(body.contains(passages[0]["text"].as_str().expect("text")));
    let missing = server.json("/api/article/000000000000", 404);
    assert!(
        missing["error"]
            .as_str()
            .is_some_and(|e| e.contains("no article"))
    );
}

#[test]
fn limits_and_mistakes_are_4xx_json_errors() {
    let sb = Sandbox::new();
    sb.index_corpus();
    let server = Server::start(&sb);
    let long = format!("/api/search?q={}", "word+".repeat(500));
    for (path, status, says) in [
        (long.as_str(), 400, "at most 2000"),
        ("/api/search?q=chips&size=101", 400, "`size` takes 1 to 100"),
        (
            "/api/search?q=chips&page=5000",
            400,
            "`page` takes 1 to 1000",
        ),
        (
            "/api/search?q=chips&limit=5",
            400,
            "unknown parameter `limit`",
        ),
        ("/api/search?q=chips&since=2025-13", 400, "2025-13"),
        ("/api/search?q=chips&sort=best", 400, "`sort` takes"),
        ("/api/search", 400, "no query given"),
        ("/api/timeline?q=chips&by=hour", 400, "`by` takes"),
        ("/nope", 404, "no such page"),
    ] {
        let answer = server.json(path, status);
        let error = answer["error"].as_str().unwrap_or_default();
        assert!(error.contains(says), "{path}: {error}");
    }
    let huge = server.get(&format!("/api/search?q={}", "a".repeat(9000)));
    assert_eq!(huge.status, 414);
    let post = request(
        server.addr,
        &format!(
            "POST /api/search?q=chips HTTP/1.1\r\nHost: {}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            server.addr
        ),
    );
    assert_eq!(post.status, 405);
    assert!(post.body.contains("\"error\""));
    // A page elsewhere that points its own name at 127.0.0.1 is refused (DNS rebinding).
    let rebound = get(
        server.addr,
        "/api/search?q=chips",
        &["Host: evil.example:8080"],
    );
    assert_eq!(rebound.status, 403);
    assert!(rebound.body.contains("loopback"));
    let local = get(server.addr, "/healthz", &["Host: localhost:8080"]);
    assert_eq!(local.status, 200);
}

#[test]
fn serving_beyond_loopback_needs_public() {
    let sb = Sandbox::new();
    sb.index_corpus();
    let out = sb.run(&["serve", "--addr", "0.0.0.0:0"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--public"), "{}", stderr(&out));
}

#[test]
fn a_running_server_finds_what_index_adds() {
    let sb = Sandbox::new();
    sb.index_corpus();
    let server = Server::start(&sb);
    let before = server.json("/api/search?q=zeppelin", 200);
    assert_eq!(before["count"], 0);
    sb.write(
        "later/zeppelin.txt",
        b"Airship returns\n\n2025-06-01\n\nA zeppelin flew over the harbour on Sunday, the first airship seen there in decades.\n",
    );
    sb.index(&["later"]);
    // The server's reader reloads shortly after the commit; nothing is restarted.
    let deadline = Instant::now() + Duration::from_secs(30);
    let found = loop {
        let answer = server.json("/api/search?q=zeppelin", 200);
        if answer["count"] == 1 || Instant::now() > deadline {
            break answer;
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    assert_eq!(found["count"], 1, "{found}");
    assert_eq!(found["hits"][0]["headline"], "Airship returns");
    assert_eq!(server.json("/healthz", 200)["articles"], 14);
}
