//! The desk's script and stylesheet, compiled into the server: files of their own because
//! the desk's CSP runs no inline script or style.

use axum::body::Body;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::http::HeaderValue;
use axum::response::Response;

use crate::http::static_files::NO_CACHE;

fn asset(kind: &'static str, text: &'static str) -> Response {
    let mut res = Response::new(Body::from(text));
    res.headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static(kind));
    res.headers_mut()
        .insert(CACHE_CONTROL, HeaderValue::from_static(NO_CACHE));
    res
}

/// The keyboard shortcuts, a file of its own: the desk's CSP runs no inline script.
pub async fn script() -> Response {
    asset("text/javascript; charset=utf-8", include_str!("desk.js"))
}

/// The desk's stylesheet.
pub async fn style() -> Response {
    asset("text/css; charset=utf-8", include_str!("desk.css"))
}
