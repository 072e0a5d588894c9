//! The web page in a real browser: headless Chromium driven through WebDriver (chromedriver)
//! against a real `news-search serve`, on an archive the test writes. It searches, sees
//! highlighted results, pages, sorts, drags across the timeline, clicks a facet, moves with
//! `j`/`k` and opens with Enter, reloads and goes back, and checks that hostile article text
//! stays text. Screenshots of the results and of an article go to `target/screenshots/`.
//!
//! Ignored by plain `cargo test` (it needs Debian's `chromium` and `chromium-driver`);
//! `scripts/check-browser` runs it, and `.ci/run` installs both first.

use std::net::{SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::actions::PointerAction;
use fantoccini::actions::{InputSource, KeyAction, KeyActions, MOUSE_BUTTON_LEFT, MouseActions};
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};

use super::Sandbox;
use super::serve::{Server, get, write_dated_archive};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// WebDriver's code for the Enter key.
const ENTER: char = '\u{E007}';
/// WebDriver's code for the Escape key.
const ESCAPE: char = '\u{E00C}';

/// A chromedriver process, stopped when dropped.
struct Driver {
    child: Child,
    addr: SocketAddr,
}

impl Driver {
    fn start() -> Driver {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let child = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver (apt-get install chromium-driver)");
        let addr: SocketAddr = format!("127.0.0.1:{port}").parse().expect("address");
        let deadline = Instant::now() + Duration::from_secs(30);
        while std::net::TcpStream::connect(addr).is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        Driver { child, addr }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Where screenshots go.
fn screenshots() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
    std::fs::create_dir_all(&dir).expect("screenshot folder");
    dir
}

/// A browser session: headless Chromium with a fresh profile and no background traffic, and
/// any further flags.
async fn browser(driver: &Driver, profile: &Path, flags: &[&str]) -> Client {
    let mut args: Vec<String> = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1280,1000",
    ]
    .iter()
    .chain(flags)
    .map(|flag| flag.to_string())
    .collect();
    args.push(format!("--user-data-dir={}", profile.display()));
    let mut capabilities = serde_json::Map::new();
    capabilities.insert(
        "goog:chromeOptions".to_string(),
        json!({ "binary": CHROMIUM, "args": args }),
    );
    ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(capabilities)
        .connect(&format!("http://{}", driver.addr))
        .await
        .expect("a Chromium session through chromedriver")
}

/// How many renders the page has finished (`data-rendered` on its body).
async fn rendered(client: &Client) -> u64 {
    let state = client
        .execute(
            "return [Number(document.body.dataset.rendered || 0), \
             document.getElementById('main').getAttribute('aria-busy')];",
            vec![],
        )
        .await
        .expect("read the render count");
    if state[1] == "false" {
        state[0].as_u64().unwrap_or(0)
    } else {
        0
    }
}

/// Waits until the page has finished a render after the `before`th.
async fn settle(client: &Client, before: u64) -> u64 {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let now = rendered(client).await;
        if now > before {
            return now;
        }
        assert!(
            Instant::now() < deadline,
            "the page did not finish rendering"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Runs `script` in the page and returns its value.
async fn eval(client: &Client, script: &str) -> Value {
    client.execute(script, vec![]).await.expect(script)
}

/// The text of the first element matching `css`.
async fn text(client: &Client, css: &str) -> String {
    client
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"))
        .text()
        .await
        .expect("text")
}

/// The texts of every element matching `css`.
async fn texts(client: &Client, css: &str) -> Vec<String> {
    let found = eval(
        client,
        &format!(
            "return Array.from(document.querySelectorAll({})).map(e => e.textContent);",
            json!(css)
        ),
    )
    .await;
    serde_json::from_value(found).expect("texts")
}

/// A URL parameter of the page's address.
async fn param(client: &Client, key: &str) -> Option<String> {
    let url = client.current_url().await.expect("url");
    url.query_pairs()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.into_owned())
}

/// Clicks the first element matching `css` and waits for the render it starts.
async fn click(client: &Client, css: &str) {
    let before = rendered(client).await;
    client
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"))
        .click()
        .await
        .expect("click");
    settle(client, before).await;
}

/// Presses keys one after another on whatever has the focus.
async fn press(client: &Client, keys: &[char]) {
    let mut actions = KeyActions::new("keyboard".to_string());
    for &key in keys {
        actions = actions
            .then(KeyAction::Down { value: key })
            .then(KeyAction::Up { value: key });
    }
    client.perform_actions(actions).await.expect("keys");
}

/// Saves a screenshot under `target/screenshots/`.
async fn screenshot(client: &Client, name: &str) -> PathBuf {
    let png = client.screenshot().await.expect("screenshot");
    let path = screenshots().join(name);
    std::fs::write(&path, png).expect("write screenshot");
    path
}

/// Writes the browser test's archive: dated articles from three sources over three years,
/// an exact copy of one of them in another file, and a hostile one.
fn write_archive(sb: &Sandbox) {
    write_dated_archive(sb);
    let copy: Value = serde_json::from_slice(
        &std::fs::read(sb.dir.path().join("archive/harbour.json")).expect("archive"),
    )
    .expect("json");
    sb.write(
        "archive/copies/harbour-copy.json",
        serde_json::to_string(&copy[0]).expect("json").as_bytes(),
    );
    let hostile = json!({
        "headline": "<script>window.__pwned=1</script>Payload headline",
        "date": "2024-02-01",
        "source": "<img src=x onerror=\"window.__pwned=4\">",
        "url": "javascript:window.__pwned=3",
        "body": "Payload body \"><img src=x onerror=\"window.__pwned=2;document.title='pwned'\"> and <b>bold</b> \
                 <a href=\"javascript:window.__pwned=5\">a link</a> stays text.",
    });
    sb.write(
        "archive/hostile.json",
        serde_json::to_string(&hostile).expect("json").as_bytes(),
    );
}

/// Indexes the archive `write` makes, starts `serve` and chromedriver, and runs `scenario` in
/// one Chromium session with the extra `flags`, given the server's address.
fn in_browser(
    write: fn(&Sandbox),
    flags: &[&str],
    scenario: impl AsyncFnOnce(&Client, SocketAddr) + 'static,
) {
    let sb = Sandbox::new();
    write(&sb);
    sb.index(&["archive"]);
    let server = Server::start(&sb);
    let driver = Driver::start();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let profile = sb.dir.path().join("chromium-profile");
    let addr = server.addr;
    // The scenario runs as a task, so that a failed assertion still ends the session: killing
    // chromedriver alone would leave its Chromium running.
    let outcome = tokio::task::LocalSet::new().block_on(&runtime, async {
        let client = browser(&driver, &profile, flags).await;
        let session = client.clone();
        let outcome = tokio::task::spawn_local(async move { scenario(&session, addr).await }).await;
        let _ = client.close().await;
        outcome
    });
    if let Err(failed) = outcome {
        match failed.try_into_panic() {
            Ok(panic) => std::panic::resume_unwind(panic),
            Err(failed) => panic!("the browser scenario did not finish: {failed}"),
        }
    }
}

#[test]
#[ignore = "needs chromium and chromium-driver; run by scripts/check-browser"]
fn the_page_works_in_headless_chromium() {
    in_browser(write_archive, &[], drive);
}

/// The whole scenario, in one browser session.
async fn drive(client: &Client, addr: SocketAddr) {
    let base = format!("http://{addr}");
    client.goto(&base).await.expect("open the page");
    settle(client, 0).await;

    // `/` focuses the box; typing there (even `j`) is text, and Enter searches.
    press(client, &['/']).await;
    assert_eq!(eval(client, "return document.activeElement.id;").await, "q");
    let before = rendered(client).await;
    press(client, &['h', 'a', 'r', 'b', 'o', 'u', 'r', ENTER]).await;
    settle(client, before).await;
    assert_eq!(param(client, "q").await.as_deref(), Some("harbour"));
    assert_eq!(text(client, "#status").await, "10 of 25 articles");
    assert_eq!(texts(client, "#hits > li").await.len(), 10);
    let marks = texts(client, "#hits .snippet mark").await;
    assert!(!marks.is_empty(), "highlighted snippets");
    assert!(
        marks
            .iter()
            .all(|m| m.to_lowercase().starts_with("harbour")),
        "{marks:?}"
    );
    let bars = texts(client, "#timeline-bars g").await.len();
    let timeline: Value =
        serde_json::from_str(&get(addr, "/api/timeline?q=harbour", &[]).body).expect("timeline");
    assert_eq!(
        bars,
        timeline["buckets"].as_array().map_or(0, Vec::len),
        "one bar a month"
    );
    assert_eq!(timeline["unit"], "month");
    screenshot(client, "results.png").await;

    // Pages.
    click(client, "#next").await;
    assert_eq!(param(client, "page").await.as_deref(), Some("2"));
    assert_eq!(text(client, "#status").await, "11–20 of 25 articles");
    click(client, "#prev").await;
    assert_eq!(param(client, "page").await, None);

    // Newest first: dates never rise down the list.
    click(client, "#sort button[data-sort=newest]").await;
    assert_eq!(param(client, "sort").await.as_deref(), Some("newest"));
    let dates = texts(client, "#hits .date").await;
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
    click(client, "#sort button[data-sort=oldest]").await;
    let dates = texts(client, "#hits .date").await;
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "{dates:?}");
    assert_eq!(dates.first().map(String::as_str), Some("2022-01-01"));
    // The oldest article has an exact copy in another file: folded into it, shown as also in.
    let also = texts(client, "#hits > li:first-child .also a").await;
    let shown = text(client, "#hits > li:first-child .path").await;
    let mut both = [shown, also.concat()];
    both.sort();
    assert_eq!(
        both,
        [
            "archive/copies/harbour-copy.json:1",
            "archive/harbour.json:1"
        ]
    );

    // Drag across the middle third of the timeline: the dates narrow to those bars.
    let svg = client
        .find(Locator::Css("#timeline-bars"))
        .await
        .expect("timeline");
    let (_, _, width, _) = svg.rectangle().await.expect("timeline size");
    let before = rendered(client).await;
    let drag = MouseActions::new("mouse".to_string())
        .then(PointerAction::MoveToElement {
            element: svg.clone(),
            duration: None,
            x: -width / 6.0,
            y: 0.0,
        })
        .then(PointerAction::Down {
            button: MOUSE_BUTTON_LEFT,
        })
        .then(PointerAction::MoveBy {
            duration: Some(Duration::from_millis(200)),
            x: width / 3.0,
            y: 0.0,
        })
        .then(PointerAction::Up {
            button: MOUSE_BUTTON_LEFT,
        });
    client.perform_actions(drag).await.expect("drag");
    settle(client, before).await;
    let since = param(client, "since").await.expect("since set by the drag");
    let until = param(client, "until").await.expect("until set by the drag");
    // The middle third of 2022-01 .. 2024-11, in whole months.
    assert!(
        since.as_str() > "2022-06" && until.as_str() < "2024-06" && since < until,
        "{since}..{until}"
    );
    assert!(
        since.ends_with("-01"),
        "a bar starts on the first of its month: {since}"
    );
    let status = text(client, "#status").await;
    let narrowed: usize = status
        .split(" of ")
        .nth(1)
        .and_then(|s| s.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{status}"));
    assert!(narrowed > 0 && narrowed < 25, "{status}");
    let dates = texts(client, "#hits .date").await;
    assert!(
        dates.iter().all(|d| *d >= since && *d <= until),
        "{dates:?} in {since}..{until}"
    );
    assert!(texts(client, "#filters .chip").await[0].contains(&since));

    // A source facet filters to its articles, as many as it counted.
    let facet = texts(client, "#facet-sources .facet-name").await[0].clone();
    let counted = texts(client, "#facet-sources .facet-count").await[0].clone();
    click(client, "#facet-sources button").await;
    assert_eq!(
        param(client, "source").await.as_deref(),
        Some(facet.as_str())
    );
    let sources = texts(client, "#hits .source").await;
    assert!(
        !sources.is_empty() && sources.iter().all(|s| *s == facet),
        "{sources:?}"
    );
    assert_eq!(sources.len().to_string(), counted);
    let results_status = text(client, "#status").await;

    // Keys: j j j k selects the second hit; Enter opens it; not while typing in the box.
    eval(client, "document.activeElement.blur(); return 0;").await;
    press(client, &['j', 'j', 'j', 'k']).await;
    let selected = eval(
        client,
        "return Array.from(document.querySelectorAll('#hits > li')).findIndex(li => li.classList.contains('selected'));",
    )
    .await;
    assert_eq!(selected, 1);
    let headline = texts(client, "#hits .headline").await[1].clone();
    let before = rendered(client).await;
    press(client, &[ENTER]).await;
    settle(client, before).await;
    assert!(param(client, "article").await.is_some());
    assert_eq!(text(client, "#article-body h1").await, headline);
    assert!(
        !texts(client, "#article-body .passage mark")
            .await
            .is_empty()
    );
    screenshot(client, "article.png").await;

    // Reload: the same article; back: the same results, as the URL holds them.
    client.refresh().await.expect("reload");
    settle(client, 0).await;
    assert_eq!(text(client, "#article-body h1").await, headline);
    client.back().await.expect("back");
    settle(client, 0).await;
    assert_eq!(text(client, "#status").await, results_status);
    assert_eq!(
        param(client, "source").await.as_deref(),
        Some(facet.as_str())
    );
    client.refresh().await.expect("reload");
    settle(client, 0).await;
    assert_eq!(text(client, "#status").await, results_status);
    assert_eq!(param(client, "since").await, Some(since));
    // Keys typed into the box are text, never commands.
    client
        .find(Locator::Css("#q"))
        .await
        .expect("box")
        .click()
        .await
        .expect("focus the box");
    press(client, &['j', 'k']).await;
    assert_eq!(
        eval(client, "return document.getElementById('q').value;").await,
        "harbourjk"
    );
    assert!(texts(client, "#hits > li.selected").await.is_empty());
    assert!(param(client, "article").await.is_none());
    press(client, &[ESCAPE]).await;
    assert_eq!(
        eval(client, "return document.getElementById('q').value;").await,
        "harbour",
        "Escape undoes what was typed but not searched"
    );

    // At phone width nothing runs off the side.
    client.set_window_size(390, 844).await.expect("phone width");
    let fits = eval(
        client,
        "return document.documentElement.scrollWidth <= window.innerWidth;",
    )
    .await;
    assert_eq!(fits, true);
    screenshot(client, "results-phone.png").await;
    client
        .set_window_size(1280, 1000)
        .await
        .expect("desktop width");

    hostile_text_stays_text(client, &base).await;
}

/// An article whose headline, body, source and URL hold markup and `javascript:` renders as
/// text: no script runs, no element is made from it, and no link is made from its URL.
async fn hostile_text_stays_text(client: &Client, base: &str) {
    client
        .goto(&format!("{base}/?q=payload"))
        .await
        .expect("search the payload");
    settle(client, 0).await;
    assert_eq!(text(client, "#status").await, "1 of 1 article");
    let inert = "return window.__pwned === undefined && !document.title.includes('pwned') \
                 && document.querySelectorAll('main img, main script, main b').length === 0 \
                 && document.querySelectorAll('a[href^=\"javascript\"]').length === 0;";
    assert_eq!(eval(client, inert).await, true);
    assert_eq!(
        text(client, "#hits .headline").await,
        "<script>window.__pwned=1</script>Payload headline"
    );
    assert_eq!(
        text(client, "#hits .source").await,
        "<img src=x onerror=\"window.__pwned=4\">"
    );
    assert!(
        text(client, "#hits .snippet")
            .await
            .contains("\"><img src=x onerror=")
    );
    assert!(
        texts(client, "#hits a.url").await.is_empty(),
        "no link from javascript:"
    );
    click(client, "#hits .headline a").await;
    assert_eq!(eval(client, inert).await, true);
    assert_eq!(
        text(client, "#article-body h1").await,
        "<script>window.__pwned=1</script>Payload headline"
    );
    let body = text(client, "#article-body .passage").await;
    assert!(
        body.contains("<b>bold</b>") && body.contains("<a href="),
        "{body}"
    );
    assert!(
        text(client, "#article-body .link")
            .await
            .contains("javascript:window.__pwned=3"),
        "the URL is shown as text"
    );
    assert_eq!(
        eval(client, "return window.__pwned === undefined;").await,
        true
    );
}

#[test]
#[ignore = "needs chromium and chromium-driver; run by scripts/check-browser"]
fn the_page_follows_a_dark_system_theme() {
    // Blink's preferred scheme 0 is dark: what a system in dark mode tells the page.
    let flags = ["--blink-settings=preferredColorScheme=0"];
    in_browser(write_dated_archive, &flags, async |client, addr| {
        client
            .goto(&format!("http://{addr}/?q=harbour"))
            .await
            .expect("open the page");
        settle(client, 0).await;
        let dark = eval(
            client,
            "return [matchMedia('(prefers-color-scheme: dark)').matches, \
             getComputedStyle(document.body).backgroundColor, \
             getComputedStyle(document.body).color];",
        )
        .await;
        assert_eq!(dark[0], true, "{dark}");
        assert_eq!(dark[1], "rgb(21, 23, 27)", "a dark background: {dark}");
        assert_eq!(dark[2], "rgb(230, 231, 234)", "light text: {dark}");
        screenshot(client, "results-dark.png").await;
    });
}
