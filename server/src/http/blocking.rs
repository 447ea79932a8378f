//! A database call from a handler: run on tokio's blocking pool, because both engines
//! block (SQLite on a busy lock up to its timeout, PostgreSQL on the network).

use crate::db::Db;
use crate::http::error::{internal, ApiError};

/// Runs a database call off the async workers; any failure is a 503.
pub async fn with_db<T, F>(db: &Db, f: F) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce(&Db) -> crate::db::Result<T> + Send + 'static,
{
    let db = db.clone();
    tokio::task::spawn_blocking(move || f(&db))
        .await
        .map_err(internal)?
        .map_err(internal)
}
