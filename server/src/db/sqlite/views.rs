//! Views on SQLite: a client's view of an article counted once per window, the most-read
//! ranking over the window, and the views older than it forgotten.

use rusqlite::{params, Connection};

use crate::db::sql;
use crate::db::Result;

/// See [`crate::db::Store::record_view`].
pub(super) fn record_view(
    conn: &Connection,
    slug: &str,
    client: &str,
    at: i64,
    since: i64,
) -> Result<bool> {
    let changed = conn.execute(sql::RECORD_VIEW.sqlite, params![slug, client, at, since])?;
    Ok(changed > 0)
}

/// See [`crate::db::Store::most_viewed`].
pub(super) fn most_viewed(conn: &Connection, since: i64, limit: u32) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(sql::MOST_VIEWED.sqlite)?;
    let rows = stmt.query_map(params![since, limit], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// See [`crate::db::Store::prune_views`].
pub(super) fn prune_views(conn: &Connection, before: i64) -> Result<usize> {
    Ok(conn.execute(sql::PRUNE_VIEWS.sqlite, [before])?)
}
