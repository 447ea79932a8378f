//! Whether PostgreSQL answers, as this server last saw it: one log line when it goes away
//! and one when it is back (not one per request), and a short wait for a connection while
//! it is away, so that every request is answered 503 quickly instead of each waiting the
//! whole checkout time for a database known to be gone.

use std::sync::{Arc, Mutex};
use std::time::Instant;

/// Shared by the pool's event handler (a new connection: it is back) and the calls (no
/// connection in time: it is away).
#[derive(Debug, Clone, Default)]
pub struct Reachability {
    /// Since when it is away; `None` while it answers.
    away_since: Arc<Mutex<Option<Instant>>>,
    /// The last failure to connect, with its cause (r2d2 keeps only the first line,
    /// "error connecting to server", without why).
    last_error: Arc<Mutex<Option<String>>>,
}

impl Reachability {
    /// Whether the last checkout found no connection and none was made since.
    pub fn is_away(&self) -> bool {
        self.away_since.lock().is_ok_and(|away| away.is_some())
    }

    /// No connection could be had in time: logged once, until it is back.
    pub fn failed(&self, why: &dyn std::fmt::Display) {
        let Ok(mut away) = self.away_since.lock() else {
            return;
        };
        if away.is_none() {
            *away = Some(Instant::now());
            let why = self.last_error().unwrap_or_else(|| why.to_string());
            tracing::error!(
                "PostgreSQL unreachable or saturated ({why}): requests that need the database \
                 are answered 503 until it is back"
            );
        }
    }

    /// The last failure to connect, with its cause, if any since the last connection made.
    pub fn last_error(&self) -> Option<String> {
        self.last_error.lock().ok().and_then(|e| e.clone())
    }

    fn forget_error(&self) {
        if let Ok(mut last) = self.last_error.lock() {
            *last = None;
        }
    }

    /// A connection was made or checked out: logged once, if it was away.
    pub fn answered(&self) {
        let Ok(mut away) = self.away_since.lock() else {
            return;
        };
        if let Some(since) = away.take() {
            self.forget_error();
            tracing::warn!(
                "PostgreSQL answers again, after {:.1} s away",
                since.elapsed().as_secs_f64()
            );
        }
    }
}

/// Each failed attempt (to connect, or to use an idle connection) is kept for the log
/// line, not logged: r2d2 retries every 750 ms at most while the database is away.
impl r2d2::HandleError<postgres::Error> for Reachability {
    fn handle_error(&self, error: postgres::Error) {
        let mut text = error.to_string();
        if let Some(cause) = std::error::Error::source(&error) {
            text = format!("{text}: {cause}");
        }
        if let Ok(mut last) = self.last_error.lock() {
            *last = Some(text);
        }
    }
}

/// r2d2 makes connections in the background, and keeps trying while the database is away:
/// its first success is the first sign it is back.
impl r2d2::HandleEvent for Reachability {
    fn handle_acquire(&self, _event: r2d2::event::AcquireEvent) {
        self.forget_error();
        self.answered();
    }
}
