//! The answers every handler shares: the contract's refusals, each with a short plain-text
//! body, and JSON.

use axum::body::Body;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, RETRY_AFTER};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::http::static_files;
use crate::site::content_folder::ContentError;

/// An answer other than success, each with a short plain-text body.
#[derive(Debug)]
pub enum ApiError {
    /// 400: the body is not JSON of the expected shape.
    BadRequest(&'static str),
    /// 403: the article takes no comments.
    Forbidden,
    /// 403: a write from a page of an origin not allowed (`--allow-origin`).
    CrossOrigin,
    /// 403: a like from a reader the server cannot tell apart (no cookie, no token); the
    /// JSON carries a message for the reader.
    NoReader,
    /// 404.
    NotFound,
    /// 405.
    MethodNotAllowed,
    /// 413: over the body limit.
    TooLarge,
    /// 415: not `application/json`.
    UnsupportedMediaType,
    /// 422 with a message for the reader, `{"error": "…"}`: a request that cannot be
    /// answered as asked (a search without anything to search).
    Unprocessable(&'static str),
    /// 429, with the seconds until the client may post again.
    TooManyRequests(u64),
    /// 503 with `Retry-After` and a message for the reader, `{"error": "…"}`: anything
    /// that went wrong on our side (logged, not shown), the database away included.
    Unavailable,
    /// 507: the database's disk is full; the JSON carries a message for the reader.
    InsufficientStorage,
    /// 500: a bug (a handler panicked).
    Internal,
}

/// What a reader is told when a like comes without the reader cookie.
pub const MSG_NO_READER: &str =
    "Chưa nhận ra trình duyệt của bạn: vui lòng bật cookie rồi tải lại trang để thích bình luận";

/// What a reader is told when a write is refused because the database's disk is full.
pub const MSG_DISK_FULL: &str =
    "Máy chủ tạm thời không lưu được nội dung mới. Nội dung của bạn chưa được lưu, vui lòng thử lại sau ít phút.";

/// What a reader is told on a 503 (the database away, a fault on our side): what was
/// typed is kept by the app, and sending it again in a moment is the thing to do.
pub const MSG_UNAVAILABLE: &str = "Hệ thống đang tạm gián đoạn, vui lòng thử lại sau ít giây";

/// The seconds a 503 asks a client to wait before trying again: about how long a
/// PostgreSQL restart or a fail-over takes, and what a reader would wait anyway.
pub const RETRY_AFTER_SECS: u32 = 5;

/// Logs an internal failure and turns it into a 503: a reader can retry a 503, and the
/// details are for the operator, not for the page.
pub fn internal(e: impl std::fmt::Display) -> ApiError {
    tracing::error!("{e}");
    ApiError::Unavailable
}

impl From<ContentError> for ApiError {
    fn from(e: ContentError) -> Self {
        match e {
            ContentError::NotFound => ApiError::NotFound,
            ContentError::Broken(why) => internal(why),
            // Said once in the log where it was met (site::article_file).
            ContentError::Bad => ApiError::Unavailable,
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, text) = match self {
            ApiError::BadRequest(why) => (StatusCode::BAD_REQUEST, why),
            ApiError::Forbidden => (StatusCode::FORBIDDEN, "Comments are closed"),
            ApiError::CrossOrigin => (StatusCode::FORBIDDEN, "Origin not allowed"),
            ApiError::NotFound => (StatusCode::NOT_FOUND, "Not found"),
            ApiError::MethodNotAllowed => (StatusCode::METHOD_NOT_ALLOWED, "Method not allowed"),
            ApiError::TooLarge => (StatusCode::PAYLOAD_TOO_LARGE, "Body too large"),
            ApiError::UnsupportedMediaType => (
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "Content-Type must be application/json",
            ),
            ApiError::Internal => (StatusCode::INTERNAL_SERVER_ERROR, "Internal error"),
            ApiError::NoReader => {
                let body = serde_json::json!({ "error": MSG_NO_READER }).to_string();
                let mut res = json_response(StatusCode::FORBIDDEN, body.into_bytes());
                res.headers_mut()
                    .insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
                return res;
            }
            ApiError::InsufficientStorage => {
                let body = serde_json::json!({ "error": MSG_DISK_FULL }).to_string();
                let mut res = json_response(StatusCode::INSUFFICIENT_STORAGE, body.into_bytes());
                res.headers_mut()
                    .insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
                return res;
            }
            ApiError::Unavailable => {
                let body = serde_json::json!({ "error": MSG_UNAVAILABLE }).to_string();
                let mut res = json_response(StatusCode::SERVICE_UNAVAILABLE, body.into_bytes());
                let headers = res.headers_mut();
                headers.insert(RETRY_AFTER, HeaderValue::from(RETRY_AFTER_SECS));
                headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
                return res;
            }
            ApiError::Unprocessable(message) => {
                let body = serde_json::json!({ "error": message }).to_string();
                return json_response(StatusCode::UNPROCESSABLE_ENTITY, body.into_bytes());
            }
            ApiError::TooManyRequests(secs) => {
                let body = serde_json::json!({ "retry_after": secs }).to_string();
                let mut res = json_response(StatusCode::TOO_MANY_REQUESTS, body.into_bytes());
                res.headers_mut()
                    .insert(RETRY_AFTER, HeaderValue::from(secs));
                return res;
            }
        };
        let mut res = Response::new(Body::from(text));
        *res.status_mut() = status;
        res.headers_mut().insert(
            CONTENT_TYPE,
            HeaderValue::from_static("text/plain; charset=utf-8"),
        );
        res.headers_mut()
            .insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
        res
    }
}

/// A JSON answer; `no-cache` like the JSON files of a static host (data, revalidated).
pub fn json_response(status: StatusCode, body: Vec<u8>) -> Response {
    let mut res = Response::new(Body::from(body));
    *res.status_mut() = status;
    res.headers_mut().insert(
        CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    res.headers_mut().insert(
        CACHE_CONTROL,
        HeaderValue::from_static(static_files::NO_CACHE),
    );
    res
}

/// A value as a JSON answer (503 if it cannot be written, which serde should never do).
pub fn json_value<T: serde::Serialize>(status: StatusCode, value: &T) -> Response {
    match serde_json::to_vec(value) {
        Ok(body) => json_response(status, body),
        Err(e) => internal(e).into_response(),
    }
}
