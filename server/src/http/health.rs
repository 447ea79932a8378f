//! `GET /healthz`, for load balancers: 200 while the database answers, 503 when it does
//! not (the server is then useless for comments, likes and views, so traffic should go to
//! another instance). Never cached, and not logged as an error: a balancer asks every few
//! seconds.

use axum::extract::State;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use crate::http::blocking::with_db;
use crate::state::Shared;

/// `GET /healthz`: `ok`, or 503 with why.
pub async fn healthz(State(state): State<Shared>) -> Response {
    let (status, body) = match with_db(&state.db, |db| db.ping()).await {
        Ok(()) => (StatusCode::OK, "ok\n".to_string()),
        Err(_) => (
            StatusCode::SERVICE_UNAVAILABLE,
            "database unreachable\n".to_string(),
        ),
    };
    (
        status,
        [
            (CONTENT_TYPE, "text/plain; charset=utf-8"),
            (CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response()
}
