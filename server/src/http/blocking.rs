//! A database call from a handler: run on tokio's blocking pool, because both engines
//! block (SQLite on a busy lock up to its timeout, PostgreSQL on the network).

use crate::db::Db;
use crate::http::disk_full;
use crate::http::error::{internal, ApiError};

/// Runs a database call off the async workers; a full disk is a 507, any other failure a
/// 503.
pub async fn with_db<T, F>(db: &Db, f: F) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce(&Db) -> crate::db::Result<T> + Send + 'static,
{
    let db = db.clone();
    tokio::task::spawn_blocking(move || f(&db))
        .await
        .map_err(internal)?
        .map_err(|e| match e.is_disk_full() {
            true => disk_full::refused(&e),
            false => internal(e),
        })
}
