//! Responses of the JSON API: a row as a body, and every failure as `{"v":1,"error":"…"}`
//! with a 4xx status that says whose fault it is (5xx only for the index's own failures).

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use crate::render::json_line;

/// A request that failed, with the status and message to answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// The HTTP status.
    pub status: StatusCode,
    /// What went wrong, for a person.
    pub message: String,
}

impl ApiError {
    /// A request the API cannot take as written (400).
    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            message: message.into(),
        }
    }

    /// Nothing at this address (404).
    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::NOT_FOUND,
            message: message.into(),
        }
    }

    /// Too many requests at once (429); the client may try again shortly.
    pub fn busy() -> ApiError {
        ApiError {
            status: StatusCode::TOO_MANY_REQUESTS,
            message: "too many requests at once; try again in a moment".to_string(),
        }
    }

    /// The index failed (500): the message says what failed.
    pub fn internal(err: &anyhow::Error) -> ApiError {
        ApiError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            message: format!("{err:#}"),
        }
    }
}

/// The serialized form of an error.
#[derive(Serialize)]
struct ErrorRow<'a> {
    error: &'a str,
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = json(
            self.status,
            &ErrorRow {
                error: &self.message,
            },
        );
        if self.status == StatusCode::TOO_MANY_REQUESTS {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
        }
        response
    }
}

/// A JSON body: `row` as one versioned JSON line ([`json_line`]).
pub fn json(status: StatusCode, row: &impl Serialize) -> Response {
    let mut body = Vec::new();
    if json_line(&mut body, row).is_err() {
        // Serializing plain data into memory fails only on a bug; say so rather than panic.
        body = b"{\"v\":1,\"error\":\"writing the answer failed\"}\n".to_vec();
    }
    (
        status,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        body,
    )
        .into_response()
}

/// Any address the server does not know (404).
pub async fn not_found() -> ApiError {
    ApiError::not_found(
        "no such page; the API is /api/search, /api/timeline, /api/facets, /api/article/ID and /healthz",
    )
}

/// Any method but GET (and HEAD) on a known address (405).
pub async fn method_not_allowed() -> ApiError {
    ApiError {
        status: StatusCode::METHOD_NOT_ALLOWED,
        message: "only GET is served".to_string(),
    }
}
