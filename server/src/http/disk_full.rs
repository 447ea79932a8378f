//! A write refused because the database's disk is full: answered 507 (Insufficient
//! Storage: the request was fine, the server cannot store it now, and nothing was stored),
//! and logged once a minute at most while it lasts, not once per request.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::http::StatusCode;
use tower_http::classify::ServerErrorsFailureClass;
use tower_http::trace::{DefaultOnFailure, OnFailure};
use tracing::Span;

use crate::http::error::ApiError;

/// The fewest seconds between two log lines about a full disk.
const LOG_EVERY: Duration = Duration::from_secs(60);

/// When the last line was written, and the writes refused since.
static LAST: Mutex<Option<(Instant, u64)>> = Mutex::new(None);

/// Logs (at most once a [`LOG_EVERY`]) and answers a write the full disk refused.
pub fn refused(e: &crate::db::Error) -> ApiError {
    let mut last = LAST
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    match last.as_mut() {
        Some((at, refused)) if at.elapsed() < LOG_EVERY => *refused += 1,
        _ => {
            let before = last.map_or(0, |(_, n)| n);
            tracing::error!(
                "the database's disk is full ({e}): writes are answered 507 until space is freed \
                 ({before} more refused since the last line)"
            );
            *last = Some((Instant::now(), 0));
        }
    }
    ApiError::InsufficientStorage
}

/// tower-http's line for each answer of 5xx, but for a 507: the full disk has its own line
/// above, once a minute, instead of one per refused write.
#[derive(Clone, Debug)]
pub struct LogFailures(pub DefaultOnFailure);

impl OnFailure<ServerErrorsFailureClass> for LogFailures {
    fn on_failure(&mut self, class: ServerErrorsFailureClass, latency: Duration, span: &Span) {
        let full = StatusCode::INSUFFICIENT_STORAGE.as_u16();
        if !matches!(class, ServerErrorsFailureClass::StatusCode(s) if s.as_u16() == full) {
            self.0.on_failure(class, latency, span);
        }
    }
}
