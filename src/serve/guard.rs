//! Around every request: the host check and the security headers.
//!
//! Scraped pages are hostile input, so the page is built to need nothing that a policy could
//! forbid: its script and style are files of this server, it never puts text into HTML, and
//! the Content-Security-Policy forbids inline script and style, plug-ins, framing and every
//! other origin. A server on loopback also refuses a `Host` that is not a loopback name or
//! address, so a web page elsewhere cannot reach it by pointing a name of its own at
//! 127.0.0.1 (DNS rebinding).

use std::net::IpAddr;
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::App;
use super::reply::ApiError;

/// The Content-Security-Policy of every response.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; \
    style-src 'self'; img-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; \
    form-action 'self'; frame-ancestors 'none'";

/// Refuses requests for a foreign host on loopback, runs the rest, and adds the security
/// headers to whatever the answer is.
pub async fn guard(State(app): State<Arc<App>>, request: Request, next: Next) -> Response {
    let mut response = if app.public || is_loopback_host(request.headers()) {
        next.run(request).await
    } else {
        ApiError {
            status: StatusCode::FORBIDDEN,
            message: "this server answers only to localhost or a loopback address \
                      (start it with --public to serve other names)"
                .to_string(),
        }
        .into_response()
    };
    let headers = response.headers_mut();
    for (name, value) in [
        (
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CONTENT_SECURITY_POLICY),
        ),
        (
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ),
        (header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")),
        (
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ),
        (
            header::HeaderName::from_static("cross-origin-resource-policy"),
            HeaderValue::from_static("same-origin"),
        ),
    ] {
        headers.insert(name, value);
    }
    if !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

/// Whether the request's `Host` names this machine: `localhost` or a loopback address, with or
/// without a port. A request without `Host` (HTTP/1.0) is taken: no browser sends one.
fn is_loopback_host(headers: &HeaderMap) -> bool {
    let Some(host) = headers.get(header::HOST) else {
        return true;
    };
    let Ok(host) = host.to_str() else {
        return false;
    };
    let name = match host.strip_prefix('[') {
        Some(bracketed) => bracketed.split(']').next().unwrap_or_default(),
        None => host.rsplit_once(':').map_or(host, |(name, _)| name),
    };
    name.eq_ignore_ascii_case("localhost")
        || name
            .parse::<IpAddr>()
            .is_ok_and(|address| address.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn host(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::HOST, HeaderValue::from_str(value).expect("header"));
        headers
    }

    #[test]
    fn only_loopback_names_are_taken() {
        for ok in [
            "127.0.0.1:8080",
            "localhost",
            "LOCALHOST:1",
            "[::1]:8080",
            "127.3.4.5",
        ] {
            assert!(is_loopback_host(&host(ok)), "{ok}");
        }
        for refused in [
            "evil.example",
            "evil.example:8080",
            "10.0.0.1:8080",
            "[::2]:80",
        ] {
            assert!(!is_loopback_host(&host(refused)), "{refused}");
        }
        assert!(is_loopback_host(&HeaderMap::new()));
    }
}
