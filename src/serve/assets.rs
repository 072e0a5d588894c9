//! The page's files, compiled into the binary: no build step, no CDN, and no file of the disk
//! is ever served. The page (`assets/index.html`) loads its script and style from this server
//! only, as the Content-Security-Policy demands ([`super::guard`]).

use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

/// The page.
const PAGE: &str = include_str!("assets/index.html");
/// Its script: plain JavaScript that builds every element with DOM calls, never with HTML.
const SCRIPT: &str = include_str!("assets/app.js");
/// Its style, light and dark.
const STYLE: &str = include_str!("assets/style.css");
/// Its icon.
const ICON: &str = include_str!("assets/favicon.svg");

/// A file with its type; browsers revalidate it, so a new binary's page is seen at once.
fn asset(content_type: &'static str, body: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
        ],
        body,
    )
        .into_response()
}

/// `/`: the page (it reads its state from the URL).
pub async fn page() -> Response {
    asset("text/html; charset=utf-8", PAGE)
}

/// `/app.js`.
pub async fn script() -> Response {
    asset("text/javascript; charset=utf-8", SCRIPT)
}

/// `/style.css`.
pub async fn style() -> Response {
    asset("text/css; charset=utf-8", STYLE)
}

/// `/favicon.svg`.
pub async fn icon() -> Response {
    asset("image/svg+xml", ICON)
}
