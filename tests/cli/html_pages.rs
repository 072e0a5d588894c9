//! Saved news pages read through the real binary whatever their file name says: `.html`, `.txt`
//! or no extension at all (pages that start with a byte-order mark, a "saved from" comment or an
//! XML declaration included). Accuracy on the pages themselves is measured by the library's
//! `article::html::pages` test; this checks the dispatch.

use std::fs;
use std::path::Path;

use serde_json::Value;

use crate::{Sandbox, stderr, stdout};

/// Pages whose starts differ: a BOM and comment, an XML declaration, a plain doctype, and a
/// Google cache banner before the page.
const PAGES: &[&str] = &["saved_page", "no_date", "bbc", "google_cache"];

fn fixture(name: &str) -> (Vec<u8>, Value) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/html");
    let page = fs::read(dir.join(format!("{name}.html"))).expect("fixture page");
    let expected =
        fs::read_to_string(dir.join(format!("{name}.expected.json"))).expect("fixture expectation");
    (
        page,
        serde_json::from_str(&expected).expect("valid expectation"),
    )
}

#[test]
fn pages_saved_under_any_name_are_read_as_pages() {
    let sandbox = Sandbox::new();
    for name in PAGES {
        let (page, expected) = fixture(name);
        for file in [
            format!("{name}.html"),
            format!("{name}.txt"),
            format!("{name}-page"),
        ] {
            let path = sandbox.write(&file, &page);
            let out = sandbox.run(&["parse", "--json", path.to_str().expect("utf-8 path")]);
            assert_eq!(out.status.code(), Some(0), "{file}: {}", stderr(&out));
            let article: Value =
                serde_json::from_str(stdout(&out).trim()).expect("one JSON article");
            assert_eq!(article["headline"], expected["headline"], "{file}");
            assert_eq!(article["date"], expected["date"], "{file}");
            let body = article["body"].as_str().expect("a body");
            let first = expected["must_contain"][0].as_str().expect("a snippet");
            assert!(body.contains(first), "{file}: body lacks {first:?}");
            assert!(!body.contains('<'), "{file}: markup in body");
        }
    }
}
