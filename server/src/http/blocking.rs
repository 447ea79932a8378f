//! A database call from a handler: run on tokio's blocking pool, because both engines
//! block (SQLite on a busy lock up to its timeout, PostgreSQL on the network), and bounded
//! in time where the engine says so (PostgreSQL: `Store::answer_within`).

use crate::db::Db;
use crate::http::disk_full;
use crate::http::error::{internal, ApiError};

/// Runs a database call off the async workers; a full disk is a 507, any other failure a
/// 503, and so is a call that takes longer than the engine's bound. Such a call goes on in
/// its thread and its result is dropped: a comment it commits was answered 503, and the
/// reader's retry is then refused as a duplicate rather than stored twice.
pub async fn with_db<T, F>(db: &Db, f: F) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce(&Db) -> crate::db::Result<T> + Send + 'static,
{
    let handle = db.clone();
    let call = tokio::task::spawn_blocking(move || f(&handle));
    let done = match db.answer_within() {
        Some(bound) => match tokio::time::timeout(bound, call).await {
            Ok(done) => done,
            Err(_) => {
                tracing::debug!("a database call took longer than {bound:?}: answered 503");
                return Err(ApiError::Unavailable);
            }
        },
        None => call.await,
    };
    done.map_err(internal)?.map_err(failed)
}

/// A failure of the database call: logged here unless the database is away, which the
/// engine logs once for all the requests it fails.
fn failed(e: crate::db::Error) -> ApiError {
    if e.is_disk_full() {
        disk_full::refused(&e)
    } else if e.is_unreachable() {
        tracing::debug!("{e}");
        ApiError::Unavailable
    } else {
        internal(e)
    }
}
